package ui_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/ui"
)

func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Exit(m.Run())
}

// testCompiler stands in for the display-filter compiler: "frame" matches all, "none" nothing,
// anything else is an error at position 0.
func testCompiler(text string) (*engine.Filter, error) {
	switch text {
	case "frame":
		return &engine.Filter{Text: text, M: matchAll(true)}, nil
	case "none":
		return &engine.Filter{Text: text, M: matchAll(false)}, nil
	}
	return nil, spanErr{msg: "\"" + text + "\" is not a valid protocol or protocol field.", n: len(text)}
}

type matchAll bool

func (m matchAll) Match(*field.Tree) bool { return bool(m) }

type spanErr struct {
	msg string
	n   int
}

func (e spanErr) Error() string        { return e.msg }
func (e spanErr) Span() (int, int)     { return 0, e.n }
func (e spanErr) Is(target error) bool { return errors.Is(target, errBad) }

var errBad = errors.New("bad filter")

func start(t *testing.T, w, h int) *ui.Simulation {
	t.Helper()
	root := tsharktest.RepoRoot(t)
	path := filepath.Join(root, "testdata", "captures", "http.pcap")
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join(root, "..", "shared", "corpus", "reference", "smtp.pcap")
		if _, err := os.Stat(path); err != nil {
			t.Skip("no sample capture")
		}
	}
	eng, err := engine.OpenFiles(engine.Config{}, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	screen := tcell.NewSimulationScreen("UTF-8")
	u := ui.New(eng, testCompiler, ui.WithScreen(screen), ui.WithConfigDir(t.TempDir()), ui.WithSaveDir(t.TempDir()))
	s := ui.Simulate(u, screen, w, h)
	t.Cleanup(func() { _ = s.Stop() })
	if txt, ok := s.WaitFor("Packets:", 5*time.Second); !ok {
		t.Fatalf("no status line:\n%s", txt)
	}
	for deadline := time.Now().Add(5 * time.Second); eng.View().Loading && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond) // one pump tick applies the loaded view
	s.Sync()
	return s
}

func mustSee(t *testing.T, s *ui.Simulation, want string) string {
	t.Helper()
	txt, ok := s.WaitFor(want, 3*time.Second)
	if !ok {
		t.Fatalf("screen lacks %q:\n%s", want, txt)
	}
	return txt
}

func TestOpenShowsPanes(t *testing.T) {
	s := start(t, 100, 30)
	txt := mustSee(t, s, "Frame 1:")
	for _, want := range []string{"No.", "Time", "Source", "Destination", "Protocol", "Length", "Info", "Packet details", "Packet bytes", "0000  ", "Frame 1"} {
		if !strings.Contains(txt, want) {
			t.Errorf("screen lacks %q:\n%s", want, txt)
		}
	}
}

func TestFilterBar(t *testing.T) {
	s := start(t, 100, 30)
	s.Type("/")
	s.Type("tcp.prt")
	mustSee(t, s, `"tcp.prt" is not a valid protocol or protocol field.`)
	for range "tcp.prt" {
		s.Key(tcell.KeyBackspace2, 0, 0)
	}
	s.Type("none")
	s.Key(tcell.KeyEnter, 0, 0)
	mustSee(t, s, "Displayed: 0 (0.0%)")
	s.Type("/")
	s.Key(tcell.KeyCtrlU, 0, 0)
	s.Type("frame")
	s.Key(tcell.KeyEnter, 0, 0)
	mustSee(t, s, "(100.0%)")
}

func TestTimeFormats(t *testing.T) {
	s := start(t, 100, 30)
	mustSee(t, s, "Seconds Since Beginning of Capture")
	s.Type("T")
	mustSee(t, s, "Time of Day")
	s.Type("t")
	mustSee(t, s, "Time Display Format")
	s.Key(tcell.KeyEscape, 0, 0)
}

func TestGoToAndMark(t *testing.T) {
	s := start(t, 100, 30)
	s.Key(tcell.KeyCtrlG, 0, 0)
	mustSee(t, s, "Packet number:")
	s.Type("3")
	s.Key(tcell.KeyEnter, 0, 0)
	mustSee(t, s, "Frame 3:")
	s.Type("m")
	mustSee(t, s, "Marked: 1")
	s.Type("m")
	txt := s.Text()
	if strings.Contains(txt, "Marked: 1") {
		t.Errorf("unmarking left the mark:\n%s", txt)
	}
}

func TestHelpListsKeys(t *testing.T) {
	s := start(t, 100, 30)
	s.Type("?")
	txt := mustSee(t, s, "Open capture file")
	for _, want := range []string{"Quit", "Mark / unmark packet"} {
		if !strings.Contains(txt, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	s.Key(tcell.KeyEnd, 0, 0)
	mustSee(t, s, "Keys: list every key") // the Help group comes last
}

func TestSmallTerminal(t *testing.T) {
	s := start(t, 80, 24)
	txt := mustSee(t, s, "Packets:")
	lines := strings.Split(strings.TrimRight(txt, "\n"), "\n")
	if len(lines) > 24 {
		t.Errorf("%d lines on a 24-line terminal", len(lines))
	}
}

func TestMenuBar(t *testing.T) {
	s := start(t, 100, 30)
	mustSee(t, s, "File  Edit  View  Go")
	s.Key(tcell.KeyRune, 'g', tcell.ModAlt)
	mustSee(t, s, "Go to packet")
	s.Key(tcell.KeyRight, 0, 0) // Go's neighbour is Capture
	txt := mustSee(t, s, "Start / stop capture")
	if strings.Contains(txt, "Go to packet") {
		t.Errorf("→ did not move to the next menu:\n%s", txt)
	}
	s.Key(tcell.KeyEscape, 0, 0)
}

func TestColumnsAndPrecision(t *testing.T) {
	s := start(t, 100, 30)
	s.Type("K")
	mustSee(t, s, "[x] Protocol")
	s.Key(tcell.KeyDown, 0, 0)
	s.Key(tcell.KeyEnter, 0, 0) // hide Time
	mustSee(t, s, "[ ] Time")
	s.Key(tcell.KeyEscape, 0, 0)
	txt := s.Text()
	if strings.Contains(strings.Split(txt, "\n")[2], "Time") {
		t.Errorf("Time column still shown:\n%s", txt)
	}
}

// TestEmptyListKeys presses the list's movement keys with nothing displayed: tview's Table looped
// for ever looking for a selectable row (the UI hung, q no longer quit).
func TestEmptyListKeys(t *testing.T) {
	s := start(t, 100, 30)
	s.Type("/none")
	s.Key(tcell.KeyEnter, 0, 0)
	mustSee(t, s, "Displayed: 0 (0.0%)")
	for _, k := range []tcell.Key{tcell.KeyDown, tcell.KeyUp, tcell.KeyPgDn, tcell.KeyPgUp, tcell.KeyHome, tcell.KeyEnd} {
		s.Key(k, 0, 0)
		if !s.Responsive(time.Second) {
			t.Fatalf("the UI hangs after %s on an empty list", tcell.KeyNames[k])
		}
	}
	for _, r := range "jkgGnN" {
		s.Type(string(r))
		if !s.Responsive(time.Second) {
			t.Fatalf("the UI hangs after %q on an empty list", r)
		}
	}
}

// TestRunReport: any -z report of the command line runs from the UI (Statistics › Run a report).
func TestRunReport(t *testing.T) {
	s := start(t, 120, 35)
	s.Type("Z")
	mustSee(t, s, "Run a -z report")
	s.Type("io,phs")
	s.Key(tcell.KeyEnter, 0, 0)
	mustSee(t, s, "Protocol Hierarchy Statistics")
	mustSee(t, s, "eth")
}
