//go:build unix

package capture_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"
)

// TestCreateOutputShared: in a directory other users can write, an output name planted as a link is
// never followed (the -Z user planted a symlink to a root-owned file: it was truncated and given
// away), and only a file the call created counts as created.
func TestCreateOutputShared(t *testing.T) {
	shared := t.TempDir()
	if err := os.Chmod(shared, 0o1777); err != nil {
		t.Fatal(err)
	}
	private := t.TempDir()
	secret := filepath.Join(private, "secret")
	if err := os.WriteFile(secret, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	check := func(name string, wantErr string, wantCreated bool) {
		t.Helper()
		f, created, err := capture.CreateOutput(name, 0o644)
		if wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), wantErr) {
				t.Errorf("%s: err %v, want %q", filepath.Base(name), err, wantErr)
			}
			if f != nil {
				f.Close()
			}
		} else if err != nil || created != wantCreated {
			t.Errorf("%s: err %v created %v, want created %v", filepath.Base(name), err, created, wantCreated)
		} else {
			f.Close()
		}
		if b, _ := os.ReadFile(secret); string(b) != "keep me" {
			t.Fatalf("%s: the planted link's target was written", filepath.Base(name))
		}
	}
	link := filepath.Join(shared, "link.pcapng")
	os.Symlink(secret, link)
	check(link, "symbolic link", false)
	dangling := filepath.Join(shared, "dangling.pcapng")
	os.Symlink(filepath.Join(private, "new"), dangling)
	check(dangling, "symbolic link", false)
	if _, err := os.Stat(filepath.Join(private, "new")); err == nil {
		t.Error("a dangling link's target was created")
	}
	hard := filepath.Join(shared, "hard.pcapng")
	if err := os.Link(secret, hard); err == nil {
		check(hard, "other links", false)
	}
	fresh := filepath.Join(shared, "fresh.pcapng")
	check(fresh, "", true)
	os.WriteFile(fresh, []byte("old capture"), 0o644)
	check(fresh, "", false)
	if fi, _ := os.Stat(fresh); fi.Size() != 0 {
		t.Errorf("an existing file of ours was not truncated (%d bytes)", fi.Size())
	}
	if os.Geteuid() == 0 {
		theirs := filepath.Join(shared, "theirs.pcapng")
		os.WriteFile(theirs, []byte("x"), 0o644)
		os.Chown(theirs, 65534, 65534)
		check(theirs, "another user", false)
	}
	fifo := filepath.Join(shared, "fifo")
	if syscall.Mkfifo(fifo, 0o644) == nil {
		if f, _, err := capture.CreateOutput(fifo, 0o644); err == nil { // refused, by us or by the open
			f.Close()
			t.Error("a FIFO in a shared directory was opened")
		}
	}

	// a directory only we can write: links are followed, as tshark follows them
	own := filepath.Join(private, "own.pcapng")
	os.WriteFile(own, []byte("x"), 0o644)
	ownLink := filepath.Join(private, "ownlink.pcapng")
	os.Symlink(own, ownLink)
	if f, created, err := capture.CreateOutput(ownLink, 0o644); err != nil || created {
		t.Errorf("own link: err %v created %v", err, created)
	} else {
		f.Close()
	}
}

func TestWritableBy(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		mode     os.FileMode
		uid, gid int
		want     bool
	}{
		{0o755, os.Getuid(), 1, true},
		{0o555, os.Getuid(), 1, os.Getuid() == 0},
		{0o755, 65534, 65534, false},
		{0o777, 65534, 65534, true},
		{0o1777, 65534, 65534, true},
		{0o775, 65534, os.Getgid(), true},
		{0o755, 65534, os.Getgid(), false},
	} {
		os.Chmod(dir, tc.mode)
		if got := capture.WritableBy(dir, tc.uid, tc.gid); got != tc.want {
			t.Errorf("mode %o, uid %d gid %d: %v, want %v", tc.mode, tc.uid, tc.gid, got, tc.want)
		}
	}
	os.Chmod(dir, 0o755)
}
