package main

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestEndToEndTmux drives the real binary in tmux (scripts/e2e.sh): open, filter, read the status
// line and a row, switch the time format, quit.
func TestEndToEndTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	bin := filepath.Join(t.TempDir(), "tshark-tui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out, err := exec.Command("../../scripts/e2e.sh", bin).CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("e2e: %v", err)
	}
}
