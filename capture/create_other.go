//go:build !unix

package capture

import (
	"errors"
	"os"
)

// CreateOutput opens name to write a capture file or an export to, created or truncated; created
// reports whether this call made the file.
func CreateOutput(name string, perm os.FileMode) (f *os.File, created bool, err error) {
	f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err == nil {
		return f, true, nil
	}
	if !errors.Is(err, os.ErrExist) {
		return nil, false, err
	}
	f, err = os.OpenFile(name, os.O_WRONLY|os.O_TRUNC, perm)
	return f, false, err
}

// WritableBy reports whether user uid may write in dir; without Unix permissions, always.
func WritableBy(dir string, uid, gid int) bool { return true }
