//go:build unix

package live_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture/live"
)

// TestFileWriterPlantedLink: -w into a directory other users can write does not follow a link
// planted under the output name, and -Z gives away only files the writer created (a root-owned file
// behind a planted link was truncated and given to the -Z user).
func TestFileWriterPlantedLink(t *testing.T) {
	shared := t.TempDir()
	if err := os.Chmod(shared, 0o1777); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "root-owned")
	if err := os.WriteFile(target, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(shared, "cap.pcapng")
	if err := os.Symlink(target, out); err != nil {
		t.Fatal(err)
	}
	if w, err := live.NewFileWriter(live.FileOptions{Path: out}); err == nil {
		w.Close()
		t.Fatal("a planted link was followed")
	}
	if b, _ := os.ReadFile(target); string(b) != "precious" {
		t.Fatalf("the link's target was written: %q", b)
	}
	if os.Geteuid() != 0 {
		return
	}
	// an existing file of ours is written but keeps its owner; a new one is given away
	own := filepath.Join(shared, "own.pcapng")
	os.WriteFile(own, nil, 0o600)
	for _, tc := range []struct {
		path    string
		wantUID uint32
	}{{own, 0}, {filepath.Join(shared, "new.pcapng"), 65534}} {
		w, err := live.NewFileWriter(live.FileOptions{Path: tc.path})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Chown(65534, 65534); err != nil {
			t.Fatal(err)
		}
		w.Close()
		fi, _ := os.Stat(tc.path)
		if uid := fi.Sys().(*syscall.Stat_t).Uid; uid != tc.wantUID {
			t.Errorf("%s: owner %d, want %d", filepath.Base(tc.path), uid, tc.wantUID)
		}
	}
}
