// Package golden compares test output with files under the calling package's testdata/ and rewrites
// them when asked: `go test ./pkg -update` or `UPDATE_GOLDEN=1 go test ./...`.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Updating reports whether golden files are being rewritten.
func Updating() bool {
	return *update || os.Getenv("UPDATE_GOLDEN") == "1" || os.Getenv("UPDATE_GOLDEN") == "all"
}

// Path returns testdata/<TestName>/<name>.golden for the running test.
func Path(t testing.TB, name string) string {
	test := strings.SplitN(t.Name(), "/", 2)[0]
	return filepath.Join("testdata", test, name+".golden")
}

// Assert compares got with the golden file name, or rewrites it when updating.
func Assert(t testing.TB, name string, got []byte) {
	t.Helper()
	p := Path(t, name)
	if Updating() {
		Write(t, p, got)
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("golden file: %v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("output differs from %s (UPDATE_GOLDEN=1 rewrites it)\n%s", p, Diff(string(want), string(got)))
	}
}

// Write writes a golden file, creating its directory.
func Write(t testing.TB, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Diff returns the first differing lines of want and got, for test messages.
func Diff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			b.WriteString("line " + itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g + "\n")
			shown++
			if shown == 10 {
				b.WriteString("  ...\n")
				break
			}
		}
	}
	return b.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for n > 0 {
		d = append([]byte{byte('0' + n%10)}, d...)
		n /= 10
	}
	return string(d)
}
