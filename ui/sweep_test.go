package ui_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/internal/fixtures"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/ui"
)

// The key sweeps: every binding of the registry pressed in every view, and a long seeded random
// sequence of keys, mouse reports and pastes, on the captures where the UI broke before (empty, one
// packet, filtered to nothing, a large capture while it loads). Keys are typed as terminal bytes and
// decoded by tcell's terminal parser (Simulation.Send); a UI that does not answer within a second
// fails the test.

// The sweeps run at 80×24, the smallest terminal the UI is made for (menus and dialogs must fit it).
const sweepW, sweepH = 80, 24

// scene is a capture state the sweeps run in.
type scene struct {
	name   string
	file   func(t *testing.T) string
	filter string // applied through the filter bar first
}

func scenes() []scene {
	return []scene{
		{name: "empty", file: func(t *testing.T) string { return fixtures.Empty(t) }},
		{name: "one packet", file: func(t *testing.T) string { return fixtures.Generated(t, "one.pcap", 1) }},
		{name: "filtered to nothing", file: func(t *testing.T) string {
			return filepath.Join(tsharktest.RepoRoot(t), "testdata", "captures", "mixed.pcapng")
		}, filter: "ip.addr == 10.99.99.99"},
		{name: "large while loading", file: func(t *testing.T) string { return fixtures.Generated(t, "large.pcap", 100000) }},
	}
}

// sweeper runs a UI on a scene and presses keys, watching that each is answered.
type sweeper struct {
	t       *testing.T
	sc      scene
	file    string
	s       *ui.Simulation
	eng     *engine.Session
	history []string
	presses int
	quitOK  bool // a key may end the UI (the random sequence), which then starts again
}

// waitStopped reports whether the UI has ended, giving it a moment to.
func (w *sweeper) waitStopped() bool {
	for i := 0; i < 20; i++ {
		if w.s.Stopped() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

func newSweeper(t *testing.T, sc scene) *sweeper {
	w := &sweeper{t: t, sc: sc, file: sc.file(t)}
	w.start()
	t.Cleanup(w.stop)
	return w
}

func (w *sweeper) start() {
	eng, err := engine.OpenFiles(engine.Config{}, w.file)
	if err != nil {
		w.t.Fatal(err)
	}
	screen := tcell.NewSimulationScreen("UTF-8")
	u := ui.New(eng, ui.DisplayFilterCompiler, ui.WithScreen(screen), ui.WithConfigDir(w.t.TempDir()), ui.WithSaveDir(w.t.TempDir()),
		ui.WithInterfaces([]engine.Interface{{Name: "lo", Up: true}}, nil))
	w.eng, w.s = eng, ui.Simulate(u, screen, sweepW, sweepH)
	if w.sc.filter != "" {
		w.type1("/")
		for _, r := range w.sc.filter {
			w.type1(string(r))
		}
		w.press("Enter", []byte("\r"))
	}
}

func (w *sweeper) stop() {
	if w.s != nil {
		_ = w.s.Stop()
		w.eng.Close()
		w.s = nil
	}
}

// press sends one key's bytes and fails the test when the UI then does not answer within a second.
func (w *sweeper) press(name string, b []byte) {
	w.t.Helper()
	w.presses++
	w.history = append(w.history, name)
	if len(w.history) > 12 {
		w.history = w.history[1:]
	}
	if len(b) == 1 && b[0] == 0x1b {
		w.s.Escape()
	} else {
		w.s.SendNoWait(b)
	}
	if !w.s.Responsive(time.Second) {
		if w.quitOK && w.waitStopped() {
			w.stop() // a quit key: start again and go on
			w.start()
			return
		}
		w.t.Fatalf("%s: no answer within 1 s after the keys %s\n%s", w.sc.name, strings.Join(w.history, " "), w.s.TextNoWait())
	}
}

func (w *sweeper) type1(s string) { w.press(s, []byte(s)) }

// keyBytes are the terminal bytes of a registry key.
func keyBytes(k ui.Key) []byte { return ui.TermBytes(k.K, k.R, k.Mod) }

// escape closes whatever the keys opened (dialogs, windows, menus, the filter bar) and puts the
// focus back on the packet list.
func (w *sweeper) escape() {
	for i := 0; i < 4 && !w.s.Idle(); i++ {
		w.press("Esc", []byte{0x1b})
	}
	if !w.s.Idle() {
		w.press("Tab", []byte{'\t'})
		for i := 0; i < 3 && !w.s.Idle(); i++ {
			w.press("Tab", []byte{'\t'})
		}
	}
}

// bindings returns the registry's keys but the ones that quit.
func (w *sweeper) bindings() []ui.Key {
	var ks []ui.Key
	for _, a := range w.s.UI.KeyMap().Actions() {
		if a.Quits() {
			continue
		}
		ks = append(ks, a.Keys...)
	}
	return ks
}

// views put the UI into each of its views, starting from the packet list.
var views = []struct {
	name string
	keys [][]byte
}{
	{"packet list", nil},
	{"details", [][]byte{{'\t'}}},
	{"bytes", [][]byte{{'\t'}, {'\t'}}},
	{"filter bar", [][]byte{{'/'}}},
	{"completion list", [][]byte{{'/'}, []byte("t"), []byte("c"), []byte("p"), []byte("."), []byte("s"), {'\t'}}},
	{"follow", [][]byte{{'f'}}},
	{"conversations", [][]byte{{'c'}}},
	{"protocol hierarchy", [][]byte{{'H'}}},
	{"expert info", [][]byte{{'x'}}},
	{"credentials", [][]byte{{'R'}}},
	{"I/O graph", [][]byte{{'i'}}},
	{"capture dialog", [][]byte{{0x0b}}},
	{"find dialog", [][]byte{{0x06}}},
	{"columns dialog", [][]byte{{'K'}}},
	{"help", [][]byte{{'?'}}},
	{"menu", [][]byte{ui.TermBytes(tcell.KeyF10, 0, 0)}},
}

// genericKeys are keys every view must answer beside the registry's.
var genericKeys = [][]byte{
	ui.TermBytes(tcell.KeyDown, 0, 0), ui.TermBytes(tcell.KeyUp, 0, 0), ui.TermBytes(tcell.KeyPgDn, 0, 0),
	ui.TermBytes(tcell.KeyPgUp, 0, 0), ui.TermBytes(tcell.KeyHome, 0, 0), ui.TermBytes(tcell.KeyEnd, 0, 0),
	ui.TermBytes(tcell.KeyLeft, 0, 0), ui.TermBytes(tcell.KeyRight, 0, 0), {'\t'}, ui.TermBytes(tcell.KeyBacktab, 0, 0),
	{' '}, {0x7f}, ui.TermBytes(tcell.KeyDelete, 0, 0), {'\r'}, {'j'}, {'k'}, {'g'}, {'G'},
}

// TestEveryBindingEveryView presses every binding of the registry and the common keys in every view
// of the one-packet capture, and on the other scenes (empty, filtered to nothing, loading) every
// binding in the packet list and the common keys in every view.
func TestEveryBindingEveryView(t *testing.T) {
	for _, sc := range scenes() {
		if testing.Short() && sc.name != "one packet" {
			continue // -short (the race detector's run in CI): the richest scene only
		}
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			w := newSweeper(t, sc)
			defer func(t0 time.Time) { t.Logf("%d keys in %v", w.presses, time.Since(t0)) }(time.Now())
			for vi, v := range views {
				keys := w.bindings()
				if sc.name != "one packet" && vi > 0 {
					keys = nil
				}
				for _, k := range keys {
					for _, b := range v.keys {
						w.press(v.name, b)
					}
					w.press(k.String()+" in "+v.name, keyBytes(k))
					w.escape()
				}
				for _, b := range genericKeys {
					for _, kb := range v.keys {
						w.press(v.name, kb)
					}
					w.press(fmt.Sprintf("%q in %s", b, v.name), b)
					w.escape()
				}
			}
		})
	}
}

// TestRandomKeys types a long seeded random sequence of keys, mouse reports and pastes over the
// scenes (SWEEP_SEED reproduces a run, SWEEP_KEYS sets its length; 10,000 by default, 2,000 with
// -short). Quitting restarts the UI; a hang or a panic fails.
func TestRandomKeys(t *testing.T) {
	seed := envInt("SWEEP_SEED", 1)
	total := envInt("SWEEP_KEYS", 10000)
	if testing.Short() {
		total = min(total, 2000)
	}
	r := rand.New(rand.NewPCG(uint64(seed), 7))
	t.Logf("seed %d, %d keys", seed, total)
	scs := scenes()
	per := total / len(scs)
	for _, sc := range scs {
		seed := r.Uint64() // each scene its own sequence, its seed drawn in order before the scenes run in parallel
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(seed, 7))
			w := newSweeper(t, sc)
			w.quitOK = true
			defer func(t0 time.Time) { t.Logf("%d keys in %v", w.presses, time.Since(t0)) }(time.Now())
			reg := w.bindings()
			for i := 0; i < per; i++ {
				name, b := randomInput(r, reg)
				if name == "quit" {
					// quitting ends the UI: start it again and go on
					w.stop()
					w.start()
					continue
				}
				w.press(name, b)
			}
		})
	}
}

// randomInput draws one input: mostly registry keys and movement, some text, function and Alt keys,
// Esc, mouse clicks and wheel turns anywhere on the screen, pastes, and now and then a quit.
func randomInput(r *rand.Rand, reg []ui.Key) (string, []byte) {
	switch n := r.IntN(100); {
	case n < 35:
		k := reg[r.IntN(len(reg))]
		return k.String(), keyBytes(k)
	case n < 55:
		b := genericKeys[r.IntN(len(genericKeys))]
		return fmt.Sprintf("%q", b), b
	case n < 70:
		c := rune(' ' + r.IntN(95))
		return string(c), []byte(string(c))
	case n < 74:
		k := tcell.KeyF1 + tcell.Key(r.IntN(12))
		return tcell.KeyNames[k], ui.TermBytes(k, 0, 0)
	case n < 78:
		c := rune('a' + r.IntN(26))
		return "Alt-" + string(c), ui.TermBytes(tcell.KeyRune, c, tcell.ModAlt)
	case n < 81:
		return "Esc", []byte{0x1b}
	case n < 84:
		c := byte(1 + r.IntN(26))
		if c == 3 || c == 9 || c == 13 {
			c = 7 // Ctrl-C quits; Tab and Enter come as themselves
		}
		return fmt.Sprintf("Ctrl-%c", 'A'+c-1), []byte{c}
	case n < 93:
		x, y := r.IntN(sweepW+4), r.IntN(sweepH+2)
		btn := []tcell.ButtonMask{tcell.Button1, tcell.Button2, tcell.WheelUp, tcell.WheelDown}[r.IntN(4)]
		b := ui.MouseBytes(x, y, btn, true)
		if btn == tcell.Button1 || btn == tcell.Button2 {
			b = append(b, ui.MouseBytes(x, y, btn, false)...)
		}
		return fmt.Sprintf("mouse %d at %d,%d", btn, x, y), b
	case n < 96:
		texts := []string{"tcp", "ip.addr == 10.0.0.1", "/tmp/none.pcap", "\x1b[31mred\x1b[0m", "frame contains \"x\""}
		t := texts[r.IntN(len(texts))]
		return "paste " + t, []byte("\x1b[200~" + t + "\x1b[201~")
	case n < 99:
		return "Enter", []byte{'\r'}
	}
	return "quit", nil
}

func getenv(k string) string { return os.Getenv(k) }

func envInt(name string, def int) int {
	var v int
	if _, err := fmt.Sscan(getenv(name), &v); err == nil && v > 0 {
		return v
	}
	return def
}
