package main

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/internal/fixtures"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/internal/ttytest"
	"github.com/tshark-tui/tshark-tui/ui"
)

// Terminal tests: the built binary in tmux, keys sent as a terminal sends them. Each reproduces a
// defect found by using the program at a real terminal.

const answerWithin = time.Second

// seeWithin is how long a screen may take to show what a key did (tmux redraws its copy of the pane a
// moment after the program writes; a loaded machine slows that down). The 1 s watchdog on answers
// (press) is separate.
const seeWithin = 3 * time.Second

func ttyStart(t *testing.T, args []string, o ttytest.Options) *ttytest.Term {
	t.Helper()
	if testing.Short() {
		t.Skip("terminal test skipped in -short mode")
	}
	root := tsharktest.RepoRoot(t)
	bin := ttytest.Binary(t, root)
	for i, a := range args {
		if strings.HasPrefix(a, "testdata/") {
			args[i] = filepath.Join(root, a)
		}
	}
	tm := ttytest.Start(t, bin, args, o)
	tm.MustSee("Packets:", 5*time.Second)
	return tm
}

// press sends a key and fails the test when the program does not answer within a second.
func press(t *testing.T, tm *ttytest.Term, what string, b []byte) {
	t.Helper()
	if !tm.Press(b, answerWithin) {
		t.Fatalf("no answer within %v to %s:\n%s", answerWithin, what, tm.Screen())
	}
}

func typeText(t *testing.T, tm *ttytest.Term, s string) {
	t.Helper()
	for _, r := range s {
		press(t, tm, "typing "+string(r), []byte(string(r)))
	}
}

// TestTTYFilteredToNothing: a filter that matches nothing, then ↓ and ↑ (tview's table spun for
// ever and q no longer quit).
func TestTTYFilteredToNothing(t *testing.T) {
	tm := ttyStart(t, []string{"testdata/captures/mixed.pcapng"}, ttytest.Options{})
	press(t, tm, "/", []byte("/"))
	typeText(t, tm, "ip.addr == 10.99.99.99")
	press(t, tm, "Enter", []byte("\r"))
	tm.MustSee("Displayed: 0", 5*time.Second)
	press(t, tm, "↓", []byte("\x1b[B"))
	press(t, tm, "↑", []byte("\x1b[A"))
	press(t, tm, "PgDn", []byte("\x1b[6~"))
	press(t, tm, "End", []byte("\x1b[F"))
	tm.Send([]byte("q"))
	if rc, ok := tm.WaitExit(3 * time.Second); !ok || rc != 0 {
		t.Fatalf("q did not quit (rc %d, exited %v):\n%s", rc, ok, tm.Screen())
	}
}

// TestTTYKeyBeforeRows: ↓ pressed at once, before the first rows are drawn.
func TestTTYKeyBeforeRows(t *testing.T) {
	if testing.Short() {
		t.Skip("terminal test skipped in -short mode")
	}
	root := tsharktest.RepoRoot(t)
	bin := ttytest.Binary(t, root)
	tm := ttytest.Start(t, bin, []string{filepath.Join(root, "testdata/captures/mixed.pcapng")}, ttytest.Options{})
	for i := 0; i < 5; i++ {
		tm.Send([]byte("\x1b[B"))
	}
	tm.MustSee("Packets:", 5*time.Second)
	press(t, tm, "↓", []byte("\x1b[B"))
	tm.Send([]byte("q"))
	if _, ok := tm.WaitExit(3 * time.Second); !ok {
		t.Fatalf("q did not quit:\n%s", tm.Screen())
	}
}

// TestTTYCtrlKeys: every Ctrl-letter shortcut, sent as its control byte (only Ctrl-C worked).
func TestTTYCtrlKeys(t *testing.T) {
	tm := ttyStart(t, []string{"testdata/captures/mixed.pcapng"}, ttytest.Options{})
	tm.MustSee("Frame 1:", 5*time.Second)

	press(t, tm, "Ctrl-G", []byte{0x07})
	tm.MustSee("Packet number:", seeWithin)
	typeText(t, tm, "3")
	press(t, tm, "Enter", []byte("\r"))
	tm.MustSee("Frame 3:", seeWithin)

	press(t, tm, "Ctrl-T", []byte{0x14})
	tm.MustSee("*REF*", seeWithin)

	press(t, tm, "Ctrl-F", []byte{0x06})
	tm.MustSee("Find Packet", seeWithin)
	press(t, tm, "Esc", []byte{0x1b})

	press(t, tm, "Ctrl-K", []byte{0x0b})
	tm.MustSee("Capture Options", seeWithin)
	press(t, tm, "Esc", []byte{0x1b})

	press(t, tm, "/", []byte("/"))
	typeText(t, tm, "dns")
	press(t, tm, "Enter", []byte("\r"))
	tm.MustSee("Displayed: ", seeWithin)
	if s := tm.Screen(); strings.Contains(s, "(100.0%)") {
		t.Fatalf("the dns filter did not apply:\n%s", s)
	}
	press(t, tm, "Ctrl-L", []byte{0x0c})
	tm.MustSee("(100.0%)", 3*time.Second)
}

// TestTTYCompletionList: Tab opens the completion list and ↓ moves in it (↓ went to the filter
// history, which emptied the bar).
func TestTTYCompletionList(t *testing.T) {
	tm := ttyStart(t, []string{"testdata/captures/mixed.pcapng"}, ttytest.Options{})
	press(t, tm, "/", []byte("/"))
	typeText(t, tm, "tcp.se")
	press(t, tm, "Tab", []byte("\t"))
	tm.MustSee("tcp.segment_data", seeWithin)
	press(t, tm, "↓", []byte("\x1b[B"))
	press(t, tm, "↓", []byte("\x1b[B"))
	press(t, tm, "Enter", []byte("\r"))
	s := tm.Screen()
	if !strings.Contains(s, "Filter: tcp.segments ") && !strings.HasSuffix(strings.Split(s, "\n")[1], "tcp.segments") {
		t.Fatalf("↓ ↓ Enter in the completion list did not take its third entry:\n%s", s)
	}
}

// TestTTYTimeColumnWidth: the Time column is as wide as its format needs ("Date and Time of Day"
// showed "00:19.13373069…").
func TestTTYTimeColumnWidth(t *testing.T) {
	tm := ttyStart(t, []string{"testdata/captures/mixed.pcapng"}, ttytest.Options{W: 120, H: 30})
	press(t, tm, "T", []byte("T"))
	press(t, tm, "T", []byte("T"))
	tm.MustSee("│ Date and Time of Day", seeWithin)
	if s, ok := waitMatch(tm, `\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9}\b`); !ok {
		t.Fatalf("no full date and time with nanoseconds in the list:\n%s", s)
	}
	press(t, tm, "T", []byte("T")) // year, day of year
	tm.MustSee("│ Year, Day of Year", seeWithin)
	if s, ok := waitMatch(tm, `\b\d{4}/\d{3} \d\d:\d\d:\d\d\.\d{9}\b`); !ok {
		t.Fatalf("no full year/day-of-year time in the list:\n%s", s)
	}
}

// waitMatch waits up to a second for the screen to match a regular expression (the list redraws
// a moment after the status line).
func waitMatch(tm *ttytest.Term, expr string) (string, bool) {
	re := regexp.MustCompile(expr)
	deadline := time.Now().Add(answerWithin)
	for {
		s := tm.Screen()
		if re.MatchString(s) {
			return s, true
		}
		if time.Now().After(deadline) {
			return s, false
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// TestTTYCaptureOnStdin: a capture piped in (ssh host tcpdump -U -w - | tshark-tui -r -) opens the
// UI, which reads its keys from the terminal (it printed text like tshark instead).
func TestTTYCaptureOnStdin(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	capPath := filepath.Join(root, "testdata/captures/mixed.pcapng")
	tm := ttyStart(t, []string{"-r", "-"}, ttytest.Options{Stdin: "cat " + capPath + " |"})
	tm.MustSee("Frame 1:", 5*time.Second)
	tm.MustSee("Displayed: 44", 5*time.Second)
	press(t, tm, "Ctrl-G", []byte{0x07})
	tm.MustSee("Packet number:", seeWithin)
	typeText(t, tm, "44")
	press(t, tm, "Enter", []byte("\r"))
	tm.MustSee("Frame 44:", seeWithin)
	tm.Send([]byte("q"))
	if rc, ok := tm.WaitExit(3 * time.Second); !ok || rc != 0 {
		t.Fatalf("q did not quit (rc %d):\n%s", rc, tm.Screen())
	}
}

// TestTTYFindOneEnter: Enter in the Find dialog's text finds (it only moved to the Find button).
func TestTTYFindOneEnter(t *testing.T) {
	tm := ttyStart(t, []string{"testdata/captures/mixed.pcapng"}, ttytest.Options{})
	tm.MustSee("Frame 1:", 5*time.Second)
	press(t, tm, "Ctrl-F", []byte{0x06})
	tm.MustSee("Find Packet", seeWithin)
	typeText(t, tm, "tcp")
	press(t, tm, "Enter", []byte("\r"))
	s := tm.MustSee("Frame 15:", seeWithin) // the first TCP frame
	if strings.Contains(s, "Find Packet") {
		t.Fatalf("the Find dialog is still open after Enter:\n%s", s)
	}
}

// TestTTYInvalidFilterKeepsFocus: Enter on an invalid filter leaves the cursor in the bar (the
// focus moved to the list, so the next letters fired shortcuts: "c" opened Conversations).
func TestTTYInvalidFilterKeepsFocus(t *testing.T) {
	tm := ttyStart(t, []string{"testdata/captures/mixed.pcapng"}, ttytest.Options{})
	press(t, tm, "/", []byte("/"))
	typeText(t, tm, "tcp.prt")
	press(t, tm, "Enter", []byte("\r"))
	typeText(t, tm, "c")
	s := tm.MustSee("Filter: tcp.prtc", seeWithin)
	if strings.Contains(s, "Conversations") {
		t.Fatalf("a letter after Enter on an invalid filter fired a shortcut:\n%s", s)
	}
}

// TestTTYMenusAt80x24: every menu fits an 80×24 terminal with its shortcut column (the right-hand
// menus ran off the screen).
func TestTTYMenusAt80x24(t *testing.T) {
	tm := ttyStart(t, []string{"testdata/captures/mixed.pcapng"}, ttytest.Options{W: 80, H: 24})
	for _, c := range []struct {
		alt        string
		name, keys string
	}{
		{"c", "Capture options", "Ctrl-K"},
		{"s", "Credentials", "R"},
		{"h", "Menu bar", "F10"},
		{"a", "Follow TCP stream", "f"},
	} {
		press(t, tm, "Alt-"+c.alt, []byte("\x1b"+c.alt))
		s := tm.MustSee(c.name, seeWithin)
		found := false
		for _, line := range strings.Split(s, "\n") {
			if i := strings.Index(line, c.name); i >= 0 && strings.Contains(line[i:], " "+c.keys+" ") {
				found = true
			}
		}
		if !found {
			t.Errorf("menu line %q lacks its key %s at 80×24:\n%s", c.name, c.keys, s)
		}
		press(t, tm, "Esc", []byte{0x1b})
	}
}

// TestTTYKeyPathField: the RSA key dialog's text field is wide enough for a path (it was ten
// characters).
func TestTTYKeyPathField(t *testing.T) {
	tm := ttyStart(t, []string{"testdata/captures/mixed.pcapng"}, ttytest.Options{W: 100, H: 30})
	press(t, tm, "S", []byte("S"))
	tm.MustSee("TLS keys", seeWithin)
	press(t, tm, "a", []byte("a"))
	tm.MustSee("Add RSA private key", seeWithin)
	path := "10.0.0.5,443,http,/etc/ssl/private/server-2026.key"
	typeText(t, tm, path)
	tm.MustSee(path, seeWithin)
}

// TestTTYLiveStopAndSave: tshark-tui -i lo is stopped from the UI (Ctrl-E; Capture › Start/stop
// opened the options dialog, which said "Not capturing") and saved afterwards (File › Save As);
// the interface is not remembered as a recent file.
func TestTTYLiveStopAndSave(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("live capture needs root")
	}
	dir := t.TempDir()
	tm := ttyStart(t, []string{"-i", "lo", "-f", "udp port 45999"}, ttytest.Options{Dir: dir, Env: []string{"XDG_CONFIG_HOME=" + filepath.Join(dir, "config")}})
	stop := make(chan struct{})
	defer close(stop)
	go func() { // traffic on the loopback interface
		c, err := net.Dial("udp", "127.0.0.1:45999")
		if err != nil {
			return
		}
		defer c.Close()
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				_, _ = c.Write([]byte("hello"))
			}
		}
	}()
	tm.MustSee("● Capturing on lo", 5*time.Second)
	tm.MustSee("UDP", 5*time.Second)
	press(t, tm, "Ctrl-E", []byte{0x05})
	tm.MustSee("Capture stopped", 2*time.Second)
	press(t, tm, "W (save as)", []byte("W"))
	tm.MustSee("Save as", seeWithin)
	for i := 0; i < len("export.pcapng"); i++ {
		press(t, tm, "Backspace", []byte{0x7f})
	}
	out := filepath.Join(dir, "saved.pcapng")
	typeText(t, tm, out)
	press(t, tm, "Enter", []byte("\r"))
	tm.MustSee("packets to "+out, 5*time.Second)
	tm.Send([]byte("q"))
	if _, ok := tm.WaitExit(3 * time.Second); !ok {
		t.Fatalf("q did not quit:\n%s", tm.Screen())
	}
	b, err := os.ReadFile(out)
	if err != nil || len(b) < 100 {
		t.Fatalf("saved capture: %v (%d bytes)", err, len(b))
	}
	settings, err := os.ReadFile(filepath.Join(dir, "config", "tshark-tui", "settings.json"))
	if err != nil {
		t.Fatalf("no settings written: %v", err)
	}
	if strings.Contains(string(settings), "/lo\"") {
		t.Errorf("the interface was saved as a recent file:\n%s", settings)
	}
}

// TestTTYFollowTLS: Follow on a decrypted TLS session shows the plaintext (it showed ciphertext:
// only the command line had -z follow,tls); Follow HTTP shows the messages.
func TestTTYFollowTLS(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	key := filepath.Join(root, "testdata/keys/server.key")
	tm := ttyStart(t, []string{"--tls-key", "10.20.0.2,443,http," + key, "testdata/captures/tls12-rsa.pcap"}, ttytest.Options{W: 120, H: 35})
	press(t, tm, "Ctrl-G", []byte{0x07})
	typeText(t, tm, "10")
	press(t, tm, "Enter", []byte("\r"))
	tm.MustSee("Frame 10:", seeWithin)
	press(t, tm, "V (follow TLS)", []byte("V"))
	s := tm.MustSee("GET /hello.txt HTTP/1.0", 3*time.Second)
	if !strings.Contains(s, "Follow TLS Stream") {
		t.Fatalf("not the Follow TLS view:\n%s", s)
	}
	press(t, tm, "Esc", []byte{0x1b})
	press(t, tm, "B (follow HTTP)", []byte("B"))
	s = tm.MustSee("Follow HTTP Stream", 3*time.Second)
	tm.MustSee("GET /hello.txt HTTP/1.0", 3*time.Second)
	_ = s
}

// TestTTYSavedKeyWarningOnce: a remembered key readable by others is not warned about on every
// later launch, for unrelated files (the warning replaced the status line every time).
func TestTTYSavedKeyWarningOnce(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	dir := t.TempDir()
	key := filepath.Join(dir, "server.key")
	b, err := os.ReadFile(filepath.Join(root, "testdata/keys/server.key"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(key, 0o644); err != nil {
		t.Fatal(err)
	}
	cfgDir := filepath.Join(dir, "config", "tshark-tui")
	_ = os.MkdirAll(cfgDir, 0o700)
	settings := `{"tls_keys": ["10.20.0.2,443,http,` + key + `"], "precision": -1}`
	if err := os.WriteFile(filepath.Join(cfgDir, "settings.json"), []byte(settings), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := ttyStart(t, []string{"testdata/captures/mixed.pcapng"}, ttytest.Options{Env: []string{"XDG_CONFIG_HOME=" + filepath.Join(dir, "config")}})
	tm.MustSee("Displayed: 44", 5*time.Second)
	time.Sleep(300 * time.Millisecond)
	if s := tm.Screen(); strings.Contains(s, "readable by group or others") {
		t.Fatalf("a saved key's warning shows on an unrelated launch:\n%s", s)
	}
}

// TestTTYEveryBinding presses every binding of the key registry, as its terminal bytes, in the
// packet list of the real binary on an empty capture, a one-packet capture, a list filtered to
// nothing and a large capture while it loads; each key, and the Esc that closes what it opened,
// must be answered within a second.
func TestTTYEveryBinding(t *testing.T) {
	if testing.Short() {
		t.Skip("terminal test skipped in -short mode")
	}
	root := tsharktest.RepoRoot(t)
	bindings := registryKeys(t, filepath.Join(root, "testdata/captures/mixed.pcapng"))
	scenes := []struct {
		name, file, filter string
	}{
		{"empty", fixtures.Empty(t), ""},
		{"one packet", fixtures.Generated(t, "one.pcap", 1), ""},
		{"filtered to nothing", filepath.Join(root, "testdata/captures/mixed.pcapng"), "ip.addr == 10.99.99.99"},
		{"large while loading", fixtures.Generated(t, "large.pcap", 300000), ""},
	}
	for _, sc := range scenes {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			bin := ttytest.Binary(t, root)
			tm := ttytest.Start(t, bin, []string{sc.file}, ttytest.Options{})
			tm.MustSee("Packets:", 5*time.Second)
			if sc.filter != "" {
				press(t, tm, "/", []byte("/"))
				typeText(t, tm, sc.filter)
				press(t, tm, "Enter", []byte("\r"))
			}
			for _, k := range bindings {
				press(t, tm, k.name, k.bytes)
				press(t, tm, "Esc after "+k.name, []byte{0x1b})
				press(t, tm, "Esc after "+k.name, []byte{0x1b})
			}
			tm.Send([]byte("q"))
			if rc, ok := tm.WaitExit(3 * time.Second); !ok || rc != 0 {
				t.Fatalf("q did not quit (rc %d):\n%s", rc, tm.Screen())
			}
		})
	}
}

type binding struct {
	name  string
	bytes []byte
}

// registryKeys lists the UI's key bindings (but the quitting ones) with their terminal bytes.
func registryKeys(t *testing.T, file string) []binding {
	sess, err := engine.OpenFiles(engine.Config{}, file)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	u := ui.New(sess, ui.DisplayFilterCompiler, ui.WithScreen(tcell.NewSimulationScreen("UTF-8")), ui.WithConfigDir(t.TempDir()))
	var out []binding
	for _, a := range u.KeyMap().Actions() {
		if a.Quits() {
			continue
		}
		for _, k := range a.Keys {
			out = append(out, binding{k.String() + " (" + a.Name + ")", ui.TermBytes(k.K, k.R, k.Mod)})
		}
	}
	return out
}

// TestTTYDecodeAs: Analyze › Decode As sends a port to another dissector and the list shows it at
// once (the capture is dissected again; nothing is reopened).
func TestTTYDecodeAs(t *testing.T) {
	tm := ttyStart(t, []string{"testdata/captures/http.pcap"}, ttytest.Options{W: 120, H: 30})
	tm.MustSee("HTTP", 5*time.Second)
	press(t, tm, "Ctrl-G", []byte{0x07})
	typeText(t, tm, "4")
	press(t, tm, "Enter", []byte("\r"))
	press(t, tm, "A (Decode As)", []byte("A"))
	tm.MustSee("Decode As", seeWithin)
	press(t, tm, "a", []byte("a"))
	tm.MustSee("tcp.port==80,", seeWithin)
	typeText(t, tm, "telnet")
	press(t, tm, "Enter", []byte("\r"))
	tm.MustSee("TELNET", 3*time.Second)
	press(t, tm, "A (Decode As)", []byte("A"))
	tm.MustSee("tcp.port==80,telnet", seeWithin)
}
