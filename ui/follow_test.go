package ui_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/ui"
)

// startOn opens capture name of testdata/captures in a simulated terminal.
func startOn(t *testing.T, name string, w, h int) *ui.Simulation {
	t.Helper()
	path := filepath.Join(tsharktest.RepoRoot(t), "testdata", "captures", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no %s", name)
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
	for deadline := time.Now().Add(5 * time.Second); eng.View().Loading && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond)
	s.Sync()
	mustSee(t, s, "Frame 1:")
	return s
}

// TestFollowTelnetPassword follows the telnet login of telnet.pcapng and reads the password typed
// without echo, in the client's colour.
func TestFollowTelnetPassword(t *testing.T) {
	s := startOn(t, "telnet.pcapng", 120, 40)
	s.Type("f")
	mustSee(t, s, "Follow TCP Stream (tcp.stream eq 0)")
	s.Type("i") // hide the telnet option negotiation
	txt := mustSee(t, s, "telnet options hidden")
	s.Type("/")
	s.Type("labpass123")
	s.Key(tcell.KeyEnter, 0, 0)
	txt = mustSee(t, s, "found “labpass123”")
	if !strings.Contains(txt, "labpass123") {
		t.Fatalf("the password is not on the screen:\n%s", txt)
	}
	// The password is the client's: drawn in the client colour.
	cells, w, _ := s.Cells()
	found := false
	for i := 0; i+10 <= len(cells); i++ {
		if i%w+10 > w {
			continue
		}
		var sb strings.Builder
		for k := 0; k < 10; k++ {
			if len(cells[i+k].Runes) > 0 {
				sb.WriteRune(cells[i+k].Runes[0])
			}
		}
		if sb.String() == "labpass123" {
			fg, _, _ := cells[i].Style.Decompose()
			if fg != tcell.ColorRed {
				t.Errorf("password drawn in %v, want the client colour (red)", fg)
			}
			found = true
			break
		}
	}
	if !found {
		t.Errorf("password not found as one run of cells:\n%s", txt)
	}
	s.Type("x")
	mustSee(t, s, "Hex dump")
	s.Type("d")
	mustSee(t, s, "client → server only")
	s.Key(tcell.KeyEscape, 0, 0)
	time.Sleep(100 * time.Millisecond)
	if txt := s.Text(); strings.Contains(txt, "Follow TCP Stream") {
		t.Errorf("Esc did not close the view:\n%s", txt)
	}
}
