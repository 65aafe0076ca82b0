package engine_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
		count          int
		want           []engine.Object // Data left out: the differential test in cmd compares bytes
	}{
		{"smb", "smb.pcap", 2, []engine.Object{
			{Frame: 42, Hostname: `\\10.21.0.2\share`, ContentType: "FILE (17/17) R [100.00%]", Filename: `\hello.txt`},
			{Frame: 47, Hostname: `\\10.21.0.2\share`, ContentType: "FILE (22/22) W [100.00%]", Filename: `\up.txt`},
		}},
		{"tftp", "tftp.pcap", 2, []engine.Object{{Frame: 8, Filename: "boot.txt"}, {Frame: 12, Filename: "put.txt"}}},
		{"http", "tftp.pcap", 0, nil},
		{"http", "http.pcap", 7, nil},
		{"imf", "smtp.pcap", 2, nil},
		{"smb", "smbfiles.pcap", 5, nil},
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
			if len(objs) != tc.count {
				t.Fatalf("%d objects, want %d: %+v", len(objs), tc.count, objs)
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
				if round == 1 {
					sameAsTshark(t, root, tc.proto+"-"+strings.TrimSuffix(tc.capture, ".pcap"), dir)
				}
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

// sameAsTshark compares the files saved in dir with tshark's export of the same capture, recorded
// by cmd/tshark-tui's TestExportObjectsMatchTshark (names and sha256): the UI's path (engine job,
// pruned re-dissection) must save what the tshark face saves.
func sameAsTshark(t *testing.T, root, name, dir string) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join(root, "cmd", "tshark-tui", "testdata", "TestExportObjectsMatchTshark", name+".golden"))
	if err != nil {
		return // no recorded export for this case
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%x %s\n", sha256.Sum256(data), e.Name())
	}
	if b.String() != string(want) {
		t.Errorf("saved objects differ from tshark's export:\n got:\n%s want:\n%s", b.String(), want)
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
