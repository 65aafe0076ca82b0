// Package tsharktest runs the real tshark for differential tests: tests record its answers as golden
// files (refreshed with UPDATE_GOLDEN=1) and re-check a sample live when tshark is installed.
package tsharktest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Path returns the tshark binary, or skips the test with the reason.
func Path(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark is not installed: differential check skipped (apt-get install tshark)")
	}
	return p
}

// Available reports whether tshark is installed.
func Available() bool {
	_, err := exec.LookPath("tshark")
	return err == nil
}

// Run runs tshark with args and returns its standard output; the "Running as root" warning and other
// standard error go to the returned errout.
func Run(t testing.TB, args ...string) (out, errout []byte, err error) {
	t.Helper()
	cmd := exec.Command(Path(t), args...)
	// A private, empty configuration: no user preferences, colouring or name files change the answers.
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+home, "WIRESHARK_CONFIG_DIR="+filepath.Join(home, "ws"), "TZ=UTC", "LC_ALL=C.UTF-8")
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.Bytes(), e.Bytes(), err
}

// RepoRoot returns the module root (the directory with go.mod) above the working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// LoneCRsShown is tshark's follow ascii text with our one deliberate difference applied: a CR that
// does not end a line (before an LF) is shown as '.', since it would let a stream's bytes overwrite
// what the terminal already shows; tshark prints it raw.
func LoneCRsShown(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '\r' && i+1 < len(b) && b[i+1] != '\n' {
			b[i] = '.'
		}
	}
	return string(b)
}

// SweepEnv names the environment variable that makes corpus sweeps compare every file with tshark
// (CI sets it); without it Sample keeps every third, so `go test ./...` stays quick.
const SweepEnv = "TSHARK_TUI_SWEEP"

// Sample returns the files a differential sweep runs tshark on: all of them when SweepEnv is set,
// else every third (the first, the fourth, ...), the same ones every run.
func Sample(files []string) []string {
	if os.Getenv(SweepEnv) != "" {
		return files
	}
	var out []string
	for i, f := range files {
		if i%3 == 0 {
			out = append(out, f)
		}
	}
	return out
}
