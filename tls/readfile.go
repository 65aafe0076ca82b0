package tls

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// Limits on the files keys are read from: a key file holds a key (a PKCS#12 file a certificate chain
// too), a key log a few hundred bytes per session.
const (
	maxKeyFile = 16 << 20
	maxKeyLog  = 1 << 30
)

// errNotRegular is tshark's complaint about a key file that is a device, a FIFO or a directory.
var errNotRegular = errors.New("file is not a regular file")

// openRegular opens path for reading if it is a regular file of at most max bytes. The open does
// not wait for a writer (a FIFO would block it forever) and nothing is read from a device (/dev/zero
// would fill memory): both are refused as tshark refuses them.
func openRegular(path string, max int64) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	switch {
	case err != nil:
	case !fi.Mode().IsRegular():
		err = errNotRegular
	case fi.Size() > max:
		err = fmt.Errorf("file is too large (%d bytes, at most %d)", fi.Size(), max)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// readRegular reads the regular file at path, of at most max bytes.
func readRegular(path string, max int64) ([]byte, error) {
	f, err := openRegular(path, max)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(b)) > max {
		err = fmt.Errorf("file is too large (more than %d bytes)", max)
	}
	return b, err
}
