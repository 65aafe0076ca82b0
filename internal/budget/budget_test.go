package budget_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/internal/budget"
)

// TestInputCrashesWhenSlow: an input past its budget ends the process with a message, as a fuzzer
// needs it (run in a child process).
func TestInputCrashesWhenSlow(t *testing.T) {
	if os.Getenv("BUDGET_CHILD") == "1" {
		defer budget.Input(t)()
		time.Sleep(2 * time.Second)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestInputCrashesWhenSlow$")
	cmd.Env = append(os.Environ(), "BUDGET_CHILD=1", "BUDGET_SCALE=0.0001")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "still running after") {
		t.Fatalf("child ended with %v:\n%s", err, out)
	}
}
