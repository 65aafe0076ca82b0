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

// TestNameResolutionToggle turns every kind of name on with Ctrl-N as a terminal sends it (0x0e)
// and back off: the packet list's addresses and ports become the hosts file's and services file's
// names, and the packet details follow.
func TestNameResolutionToggle(t *testing.T) {
	path := filepath.Join(tsharktest.RepoRoot(t), "testdata", "captures", "http.pcap")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no sample capture")
	}
	hosts := filepath.Join(t.TempDir(), "hosts")
	if err := os.WriteFile(hosts, []byte("10.20.0.1 client.test\n10.20.0.2 server.test\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	eng, err := engine.OpenFiles(engine.Config{HostsFiles: []string{hosts}}, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	screen := tcell.NewSimulationScreen("UTF-8")
	s := ui.Simulate(ui.New(eng, ui.DisplayFilterCompiler, ui.WithScreen(screen), ui.WithConfigDir(t.TempDir())), screen, 140, 40)
	t.Cleanup(func() { _ = s.Stop() })
	txt := mustSee(t, s, "Packets: 78")
	if strings.Contains(txt, "client.test") {
		t.Fatalf("names shown before the toggle:\n%s", txt)
	}

	s.Send([]byte{0x0e}) // Ctrl-N
	mustSee(t, s, "client.test")
	txt = mustSee(t, s, "http(80)")
	if eng.Config().Names != engine.NameResAll {
		t.Errorf("Names = %v, want %v", eng.Config().Names, engine.NameResAll)
	}
	if !strings.Contains(txt, "Name resolution: physical, network, transport") {
		t.Errorf("no status message:\n%s", txt)
	}
	s.Type("\r") // the selected packet's details
	mustSee(t, s, "Src: client.test (10.20.0.1)")

	s.Send([]byte{0x0e})
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if txt = s.Text(); !strings.Contains(txt, "client.test") && strings.Contains(txt, "10.20.0.1") {
			break
		}
	}
	if strings.Contains(txt, "client.test") || eng.Config().Names != 0 {
		t.Errorf("names still on after the second Ctrl-N (Names=%v):\n%s", eng.Config().Names, txt)
	}
}
