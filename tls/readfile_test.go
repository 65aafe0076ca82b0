package tls_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/internal/budget"
	"github.com/tshark-tui/tshark-tui/tls"
)

// TestKeyFilesMustBeRegular: a key file or key log that is a device (/dev/zero read until memory ran
// out) or a FIFO (the open waited forever) is refused at once with tshark's "file is not a regular
// file"; so is a directory.
func TestKeyFilesMustBeRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	for _, path := range []string{"/dev/zero", fifo, t.TempDir()} {
		budget.Within(t, 5*time.Second, "key file "+path, func() {
			_, err := tls.LoadKeyFile(path, "")
			if err == nil || !strings.Contains(err.Error(), "Error loading RSA key file "+path+": file is not a regular file") {
				t.Errorf("LoadKeyFile(%s) = %v", path, err)
			}
			_, err = tls.ReadKeyLogFile(path)
			if err == nil || !strings.Contains(err.Error(), "file is not a regular file") {
				t.Errorf("ReadKeyLogFile(%s) = %v", path, err)
			}
		})
	}
	big := filepath.Join(t.TempDir(), "big.key")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(32 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	if _, err := tls.LoadKeyFile(big, ""); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("LoadKeyFile of 32 MB = %v", err)
	}
}
