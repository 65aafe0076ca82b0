// Command screenshots renders the real tshark-tui UI on tcell's simulation screen for scripted
// scenarios and writes PNG pictures (and the screens as text) to a folder: `go run ./cmd/screenshots`
// refreshes screenshots/ for the README.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/capture/live"
	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/internal/shot"
	"github.com/tshark-tui/tshark-tui/ui"
)

// scenario is one picture: a terminal size and what to type after opening the capture.
type scenario struct {
	name string
	w, h int
	keys func(s *ui.Simulation)
	opts []ui.Option
}

func key(k tcell.Key) func(s *ui.Simulation) {
	return func(s *ui.Simulation) { s.Key(k, 0, 0) }
}

var scenarios = []scenario{
	{name: "opened", w: 120, h: 36, keys: func(s *ui.Simulation) {}},
	{name: "filter-applied", w: 120, h: 36, keys: func(s *ui.Simulation) {
		s.Type("/")
		s.Type("http")
		s.Key(tcell.KeyEnter, 0, 0)
	}},
	{name: "field-selected", w: 120, h: 36, keys: func(s *ui.Simulation) {
		s.Key(tcell.KeyDown, 0, 0)
		s.Key(tcell.KeyDown, 0, 0)
		s.Key(tcell.KeyDown, 0, 0)
		s.Key(tcell.KeyTab, 0, 0)
		for i := 0; i < 4; i++ {
			s.Key(tcell.KeyDown, 0, 0)
		}
		s.Key(tcell.KeyEnter, 0, 0)
		for i := 0; i < 2; i++ {
			s.Key(tcell.KeyDown, 0, 0)
		}
	}},
	{name: "time-format-menu", w: 120, h: 36, keys: func(s *ui.Simulation) { s.Type("t") }},
	{name: "filter-error", w: 120, h: 36, keys: func(s *ui.Simulation) {
		s.Type("/")
		s.Type("ip.addr == 10.0.0.999")
	}},
	{name: "small-80x24", w: 80, h: 24, keys: func(s *ui.Simulation) {}},
	{name: "help", w: 100, h: 36, keys: func(s *ui.Simulation) { s.Type("?") }},
	{name: "conversations", w: 120, h: 36, keys: func(s *ui.Simulation) {
		s.Type("c")
		s.Type("4") // TCP
	}},
	{name: "io-graph", w: 120, h: 36, keys: func(s *ui.Simulation) {
		s.Type("i")
	}},
	{name: "export-objects", w: 120, h: 36, keys: func(s *ui.Simulation) {
		// File › Export objects › HTTP…, found in the menu as a user finds it
		s.Send([]byte("\x1bf"))
		txt := s.Text()
		first, ours := -1, -1
		for i, l := range strings.Split(txt, "\n") {
			if strings.Contains(l, "Open capture file(s)") {
				first = i
			}
			if strings.Contains(l, "Export objects › HTTP") {
				ours = i
			}
		}
		for i := 0; first >= 0 && i < ours-first; i++ {
			s.Key(tcell.KeyDown, 0, 0)
		}
		s.Key(tcell.KeyEnter, 0, 0)
		s.WaitFor("Export objects: HTTP", 5*time.Second)
	}},
	{name: "capture-dialog", w: 100, h: 30, opts: []ui.Option{ui.WithInterfaces(stubInterfaces, stubCounts)},
		keys: func(s *ui.Simulation) {
			s.Key(tcell.KeyCtrlK, 0, 0)
			s.Type(" ")
			s.Key(tcell.KeyTab, 0, 0)
			s.Type("tcp[0xd]&2=2 and tcp port smtp and host not 10.60.61.11")
		}},
}

// stubInterfaces make the capture dialog's picture the same on every machine.
var stubInterfaces = []live.Interface{
	{Index: 1, Name: "eth0", Addrs: []string{"192.0.2.10/24", "fe80::1/64"}, Up: true},
	{Index: 2, Name: "any", Up: true},
	{Index: 3, Name: "lo", Description: "Loopback", Addrs: []string{"127.0.0.1/8", "::1/128"}, Up: true, Loopback: true},
}

func stubCounts(name string) uint64 {
	return map[string]uint64{"eth0": 1843211, "any": 1845876, "lo": 2665}[name]
}

func main() {
	out := flag.String("o", "screenshots", "output folder")
	capFile := flag.String("r", "testdata/captures/http.pcap", "capture to open")
	flag.Parse()
	time.Local = time.UTC
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, sc := range scenarios {
		if err := shoot(*out, *capFile, sc); err != nil {
			fmt.Fprintf(os.Stderr, "screenshots: %s: %v\n", sc.name, err)
			os.Exit(1)
		}
		fmt.Printf("%s/%s.png\n", *out, sc.name)
	}
}

func shoot(dir, capFile string, sc scenario) error {
	eng, err := engine.OpenFiles(engine.Config{}, capFile)
	if err != nil {
		return err
	}
	defer eng.Close()
	screen := tcell.NewSimulationScreen("UTF-8")
	cfg, err := os.MkdirTemp("", "tshark-tui-shot")
	if err != nil {
		return err
	}
	defer os.RemoveAll(cfg)
	opts := append([]ui.Option{ui.WithScreen(screen), ui.WithConfigDir(cfg), ui.WithWarner(ui.DisplayFilterWarner)}, sc.opts...)
	u := ui.New(eng, ui.DisplayFilterCompiler, opts...)
	s := ui.Simulate(u, screen, sc.w, sc.h)
	defer s.Stop()
	for eng.View().Loading {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	s.Sync()
	sc.keys(s)
	time.Sleep(300 * time.Millisecond)
	s.Sync()
	cells, w, h := s.Cells()
	f, err := os.Create(filepath.Join(dir, sc.name+".png"))
	if err != nil {
		return err
	}
	if err := shot.Render(f, cells, w, h); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, sc.name+".txt"), []byte(s.Text()), 0o644)
}
