package engine_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

func sampleCapture(t *testing.T) string {
	root := tsharktest.RepoRoot(t)
	for _, p := range []string{
		filepath.Join(root, "testdata", "captures", "http.pcap"),
		filepath.Join(root, "..", "shared", "corpus", "reference", "test_dns.pcap"),
	} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skip("no sample capture")
	return ""
}

func waitLoaded(t *testing.T, e *engine.Session) *engine.View {
	deadline := time.After(10 * time.Second)
	for {
		v := e.View()
		if !v.Loading && v.Scanned == v.Count {
			return v
		}
		select {
		case <-e.Changed():
		case <-deadline:
			t.Fatalf("not loaded: %+v", v)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// oddFrames matches odd frame numbers, standing in for a display filter.
type oddFrames struct{ id field.ID }

func (o oddFrames) Match(t *field.Tree) bool {
	n := t.First(o.id)
	return n != nil && n.Value.U%2 == 1
}

func TestLoadAndFilter(t *testing.T) {
	e, err := engine.OpenFiles(engine.Config{}, sampleCapture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	v := waitLoaded(t, e)
	if v.Count == 0 || v.Len() != int(v.Count) {
		t.Fatalf("loaded %d frames, %d shown", v.Count, v.Len())
	}
	num := mustLookup(t, "frame.number")
	e.SetFilter(&engine.Filter{Text: "odd", M: oddFrames{num}, Fields: []field.ID{num}})
	v = waitLoaded(t, e)
	want := (int(v.Count) + 1) / 2
	if v.Len() != want {
		t.Fatalf("filter shows %d, want %d", v.Len(), want)
	}
	for i := 0; i < v.Len(); i++ {
		if v.At(i)%2 != 1 || v.Index(v.At(i)) != i {
			t.Fatalf("shown[%d] = %d", i, v.At(i))
		}
	}
	e.SetFilter(nil)
	v = waitLoaded(t, e)
	if !v.All || v.Len() != int(v.Count) {
		t.Fatalf("clearing the filter shows %d of %d", v.Len(), v.Count)
	}
	d := e.NewDissector()
	tr, c := d.Dissect(1, 0)
	if tr.First(num) == nil || c.Frame.Number != 1 {
		t.Fatal("frame 1 has no frame.number")
	}
}

func mustLookup(t *testing.T, name string) field.ID {
	f, ok := dissectFields().Lookup(name)
	if !ok {
		t.Fatalf("%s not registered", name)
	}
	return f.ID
}

func dissectFields() *field.Registry { return dissect.Fields }
