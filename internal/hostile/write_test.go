package hostile_test

import (
	"os"
	"testing"

	"github.com/tshark-tui/tshark-tui/internal/hostile"
)

// TestWrite writes the capture where HOSTILE_OUT says, for looking at it with tshark by hand.
func TestWrite(t *testing.T) {
	out := os.Getenv("HOSTILE_OUT")
	if out == "" {
		t.Skip("HOSTILE_OUT not set")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := hostile.Write(f); err != nil {
		t.Fatal(err)
	}
}
