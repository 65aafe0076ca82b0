package ui_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/internal/hostile"
	"github.com/tshark-tui/tshark-tui/ui"
)

// checkScreen fails when a cell of the screen holds what must not reach a terminal, or a stand-in the
// screen guard drew because a view passed text on unescaped.
func checkScreen(t *testing.T, s *ui.Simulation, view string) {
	t.Helper()
	cells, w, _ := s.Cells()
	for i, c := range cells {
		for _, r := range c.Runes {
			if ui.IsStandIn(r) {
				t.Errorf("%s: the view drew unescaped text (stand-in %q at row %d):\n%s", view, r, i/w, s.Text())
				return
			}
		}
		if err := hostile.Check(c.Bytes); err != nil {
			t.Errorf("%s: row %d: %v", view, i/w, err)
			return
		}
	}
}

// TestHostileViews opens the hostile capture (internal/hostile) and looks at every view the packets'
// strings reach: the packet list, the expanded detail tree and the bytes of each packet that carries
// every attack at once, follow TCP and UDP, the statistics windows and the expert information. No
// view may draw a control character, a bidirectional control or a stand-in for one.
func TestHostileViews(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := hostile.Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "a\x1b]0;title\x07\u202e.pcapng")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	eng, err := engine.OpenFiles(engine.Config{}, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	screen := tcell.NewSimulationScreen("UTF-8")
	u := ui.New(eng, ui.DisplayFilterCompiler, ui.WithScreen(screen), ui.WithConfigDir(t.TempDir()), ui.WithSaveDir(t.TempDir()))
	s := ui.Simulate(u, screen, 200, 60)
	t.Cleanup(func() { _ = s.Stop() })
	for deadline := time.Now().Add(5 * time.Second); eng.View().Loading && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond)
	mustSee(t, s, "Frame 1:")
	mustSee(t, s, `a\033]0;title\a\u202E.pcapng`) // the file name in the status line
	s.Type("e")                                   // expand all
	checkScreen(t, s, "first packet (comments, interface name)")

	s.Type("/")
	s.Type(`frame contains "PWNED" && frame contains "gnp"`)
	s.Key(tcell.KeyEnter, 0, 0)
	// the filter job runs over the whole capture, which the race detector slows tenfold: wait
	// for its answer longer than for a key's
	if txt, ok := s.WaitFor("Displayed: 15", 30*time.Second); !ok {
		t.Fatalf("screen lacks %q:\n%s", "Displayed: 15", txt)
	}
	s.Key(tcell.KeyEscape, 0, 0)
	checkScreen(t, s, "packet list")
	for i := 0; i < 15; i++ {
		s.Type("e")
		checkScreen(t, s, "displayed packet "+strconv.Itoa(i+1))
		s.Type("j")
	}
	goTo := func(frame string) {
		s.Key(tcell.KeyCtrlG, 0, 0)
		mustSee(t, s, "Packet number:")
		s.Type(frame)
		s.Key(tcell.KeyEnter, 0, 0)
		mustSee(t, s, "Frame "+frame+":")
	}
	goTo("43") // the SSDP NOTIFY
	s.Type("U")
	mustSee(t, s, "Follow UDP")
	checkScreen(t, s, "follow UDP")
	s.Key(tcell.KeyEscape, 0, 0)
	goTo("151") // the HTTP request
	s.Type("f")
	mustSee(t, s, "Follow TCP")
	checkScreen(t, s, "follow TCP")
	for _, mode := range "xcrY" {
		s.Type(string(mode))
		checkScreen(t, s, "follow TCP "+string(mode))
	}
	s.Key(tcell.KeyEscape, 0, 0)
	for _, w := range []struct{ key, name, see string }{
		{"H", "protocol hierarchy", "Percent Packets"},
		{"c", "conversations", "Address A"},
		{"P", "endpoints", "Tx Packets"},
		{"D", "handshakes", "attempts"},
		{"O", "connection report", "servers"},
		{"x", "expert information", "Comments"},
		{"R", "credentials", `ua\033]0;PWNED\ab`},
	} {
		s.Type(w.key)
		mustSee(t, s, w.see)
		checkScreen(t, s, w.name)
		if w.key == "R" {
			s.Type("p") // show passwords
			checkScreen(t, s, "credentials with passwords")
		}
		s.Key(tcell.KeyEscape, 0, 0)
		if strings.Contains(s.Text(), w.see) {
			s.Key(tcell.KeyEscape, 0, 0)
		}
	}
}

// TestSettingsPrivate: settings.json (filter history, recent files, key file paths) is written 0600,
// also over a file written 0644 before.
func TestSettingsPrivate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "tshark-tui", "settings.json")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	hostile.Write(&buf)
	capPath := filepath.Join(dir, "c.pcapng")
	os.WriteFile(capPath, buf.Bytes(), 0o600)
	eng, err := engine.OpenFiles(engine.Config{}, capPath)
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	screen := tcell.NewSimulationScreen("UTF-8")
	u := ui.New(eng, ui.DisplayFilterCompiler, ui.WithScreen(screen), ui.WithConfigDir(filepath.Dir(p)))
	s := ui.Simulate(u, screen, 80, 24)
	mustSee(t, s, "Frame 1:")
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("settings.json mode %04o, want 0600", fi.Mode().Perm())
	}
}
