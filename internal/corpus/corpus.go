// Package corpus locates the shared capture corpus (../shared/corpus
// relative to the module root) for tests, skipping them cleanly when it is
// absent. Test helper only; it imports nothing of ours.
package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Root returns the module root (the nearest directory holding go.mod above
// the working directory), or skips t when there is none.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Skipf("corpus: no working directory: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("corpus: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Dir returns ../shared/corpus/<sub> relative to the module root, or skips
// t when that folder does not exist.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	d := filepath.Join(Root(t), "..", "shared", "corpus", sub)
	st, err := os.Stat(d)
	if err != nil || !st.IsDir() {
		t.Skipf("corpus: %s not present (expected the shared capture corpus beside the repository)", d)
	}
	return d
}

// Files returns the sorted .pcap, .pcapng and .cap files (any case, also
// gzip-compressed ones ending in .gz) under Dir(t, sub), or skips t when
// there are none.
func Files(t testing.TB, sub string) []string {
	t.Helper()
	d := Dir(t, sub)
	var out []string
	err := filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			return nil
		}
		if IsCapture(p) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("corpus: walk %s: %v", d, err)
	}
	if len(out) == 0 {
		t.Skipf("corpus: no capture files under %s", d)
	}
	slices.Sort(out)
	return out
}

// IsCapture reports whether a file name looks like a capture file.
func IsCapture(name string) bool {
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	for _, ext := range []string{".pcap", ".pcapng", ".cap"} {
		if strings.HasSuffix(n, ext) {
			return true
		}
	}
	return false
}
