package engine_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// TestExportObjects lists a capture's objects as a job (the list File › Export Objects shows) and
// saves them twice: the second copies get "(1)" names, nothing is replaced.
func TestExportObjects(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	cases := []struct {
		proto, capture string
		want           []engine.Object // Data left out: the differential test in cmd compares bytes
	}{
		{"smb", "smb.pcap", []engine.Object{
			{Frame: 42, Hostname: `\\10.21.0.2\share`, ContentType: "FILE (17/17) R [100.00%]", Filename: `\hello.txt`},
			{Frame: 47, Hostname: `\\10.21.0.2\share`, ContentType: "FILE (22/22) W [100.00%]", Filename: `\up.txt`},
		}},
		{"tftp", "tftp.pcap", []engine.Object{{Frame: 8, Filename: "boot.txt"}, {Frame: 12, Filename: "put.txt"}}},
		{"http", "tftp.pcap", nil},
	}
	for _, tc := range cases {
		t.Run(tc.proto+"-"+tc.capture, func(t *testing.T) {
			e, err := engine.OpenFiles(engine.Config{}, filepath.Join(root, "testdata", "captures", tc.capture))
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			waitLoaded(t, e)
			job, list := e.ExportObjects(tc.proto)
			if err := job.Wait(); err != nil {
				t.Fatal(err)
			}
			objs := list()
			if len(objs) != len(tc.want) {
				t.Fatalf("%d objects, want %d: %+v", len(objs), len(tc.want), objs)
			}
			for i, w := range tc.want {
				g := objs[i]
				if g.Frame != w.Frame || g.Hostname != w.Hostname || g.ContentType != w.ContentType || g.Filename != w.Filename || len(g.Data) == 0 {
					t.Errorf("object %d = {%d %q %q %q %d bytes}, want {%d %q %q %q}", i, g.Frame, g.Hostname, g.ContentType, g.Filename, len(g.Data),
						w.Frame, w.Hostname, w.ContentType, w.Filename)
				}
			}
			dir := t.TempDir()
			for round := 0; round < 2; round++ {
				sj, paths := e.SaveObjects(dir, objs)
				if err := sj.Wait(); err != nil {
					t.Fatal(err)
				}
				if len(paths()) != len(objs) {
					t.Fatalf("round %d: %d paths for %d objects", round, len(paths()), len(objs))
				}
			}
			ents, _ := os.ReadDir(dir)
			if len(ents) != 2*len(objs) {
				t.Errorf("%d files after saving twice, want %d", len(ents), 2*len(objs))
			}
		})
	}
}

// TestExportObjectsUnknown fails the job with tshark's complaint.
func TestExportObjectsUnknown(t *testing.T) {
	e, err := engine.OpenFiles(engine.Config{}, sampleCapture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	job, list := e.ExportObjects("gopher")
	if err := job.Wait(); err == nil || list() != nil {
		t.Fatalf("unknown protocol: err %v, list %v", err, list())
	}
}
