package ui_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/ui"
)

// startCapture opens testdata/captures/<name> with the save directory dir.
func startCapture(t *testing.T, name, dir string, w, h int) *ui.Simulation {
	t.Helper()
	path := filepath.Join(tsharktest.RepoRoot(t), "testdata", "captures", name)
	if _, err := os.Stat(path); err != nil {
		t.Skip("no capture " + name)
	}
	eng, err := engine.OpenFiles(engine.Config{}, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	screen := tcell.NewSimulationScreen("UTF-8")
	u := ui.New(eng, ui.DisplayFilterCompiler, ui.WithScreen(screen), ui.WithConfigDir(t.TempDir()), ui.WithSaveDir(dir))
	s := ui.Simulate(u, screen, w, h)
	t.Cleanup(func() { _ = s.Stop() })
	for deadline := time.Now().Add(5 * time.Second); eng.View().Loading && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	s.Sync()
	return s
}

// openObjects opens File › Export objects › proto through the menu, as a user does: Alt-f, then
// down to the entry and Enter.
func openObjects(t *testing.T, s *ui.Simulation, proto string) {
	t.Helper()
	s.Send([]byte("\x1bf"))
	txt := mustSee(t, s, "Export objects › "+proto)
	// the entries in menu order: count the lines from the first entry down to ours
	first, ours := -1, -1
	for i, l := range strings.Split(txt, "\n") {
		if strings.Contains(l, "Open capture file(s)") {
			first = i
		}
		if strings.Contains(l, "Export objects › "+proto) {
			ours = i
		}
	}
	down := ours - first
	if first < 0 || down < 0 {
		t.Fatalf("no %s entry in the File menu:\n%s", proto, txt)
	}
	for i := 0; i < down; i++ {
		s.Key(tcell.KeyDown, 0, 0)
	}
	s.Key(tcell.KeyEnter, 0, 0)
	mustSee(t, s, "Export objects: "+proto)
}

func listDir(t *testing.T, dir string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// TestExportObjectsWindow lists SMB objects, saves the selected one with s and all with a into
// the proposed save directory, and filters the list by text.
func TestExportObjectsWindow(t *testing.T) {
	dir := t.TempDir()
	s := startCapture(t, "smb.pcap", dir, 120, 36)
	openObjects(t, s, "SMB")
	txt := mustSee(t, s, "2 SMB objects in all")
	for _, want := range []string{"Packet", "Hostname", "Content Type", "Size", "Filename", `\\10.21.0.2\share`,
		"FILE (17/17) R [100.00%]", `\hello.txt`, `\up.txt`} {
		if !strings.Contains(txt, want) {
			t.Errorf("window lacks %q:\n%s", want, txt)
		}
	}
	s.Type("s")
	txt = mustSee(t, s, "Directory: "+dir)
	s.Key(tcell.KeyEnter, 0, 0)
	mustSee(t, s, "saved "+filepath.Join(dir, "%5chello.txt"))
	if got := listDir(t, dir); strings.Join(got, " ") != "%5chello.txt" {
		t.Errorf("saved %v, want the selected object", got)
	}
	// the list came back: save all, the existing name gets (1)
	mustSee(t, s, "2 SMB objects in all")
	s.Type("a")
	mustSee(t, s, "Save 2 objects")
	s.Key(tcell.KeyEnter, 0, 0)
	mustSee(t, s, "saved 2 objects into "+dir)
	if got := listDir(t, dir); strings.Join(got, " ") != "%5chello(1).txt %5chello.txt %5cup.txt" {
		t.Errorf("after saving all: %v", got)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "%5chello.txt"))
	if string(data) != "hello from samba\n" {
		t.Errorf("saved bytes %q", data)
	}
	// Esc at the prompt goes back to the list without saving
	s.Type("a")
	mustSee(t, s, "Save 2 objects")
	s.Escape()
	mustSee(t, s, "2 SMB objects in all")
	if n := len(listDir(t, dir)); n != 3 {
		t.Errorf("Esc saved anyway: %d files", n)
	}
	s.Type("/up")
	mustSee(t, s, "1 of 2 SMB objects (text filter: up)")
	s.Key(tcell.KeyEnter, 0, 0) // back to the table
	s.Escape()
	txt = s.Text()
	if strings.Contains(txt, "Export objects: SMB") {
		t.Errorf("Esc left the window open:\n%s", txt)
	}
}

// TestExportObjectsEmpty opens protocols whose objects the capture does not carry: the window
// says so and saving does nothing.
func TestExportObjectsEmpty(t *testing.T) {
	dir := t.TempDir()
	s := startCapture(t, "tftp.pcap", dir, 100, 30)
	openObjects(t, s, "HTTP")
	mustSee(t, s, "No HTTP objects in all 16 packets")
	s.Type("a")
	mustSee(t, s, "no object to save")
	s.Type("s")
	s.Key(tcell.KeyEnter, 0, 0)
	s.Escape()
	if n := len(listDir(t, dir)); n != 0 {
		t.Errorf("an empty list saved %d files", n)
	}
	openObjects(t, s, "TFTP")
	mustSee(t, s, "2 TFTP objects in all 16 packets")
	mustSee(t, s, "boot.txt")
}
