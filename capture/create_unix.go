//go:build unix

package capture

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// CreateOutput opens name to write a capture file or an export to, created or truncated, with mode
// perm for a new file. created reports whether this call made the file, so that only files the
// program made are given away (-Z).
//
// In a directory other users may write (group- or world-writable, or owned by another user: /tmp, a
// user's home when running as root), another user could have planted the name as a symbolic link
// or a hard link to a file of ours, and writing through it would truncate that file (and -Z would
// give it away). There the name is never followed: a new file is created exclusively, and an
// existing one is written only if it is a regular file of ours with no other link; a link is
// refused. Elsewhere an existing name is opened as tshark opens it, links followed.
func CreateOutput(name string, perm os.FileMode) (f *os.File, created bool, err error) {
	f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, perm)
	if err == nil {
		return f, true, nil
	}
	if !errors.Is(err, os.ErrExist) {
		return nil, false, err
	}
	if !sharedDir(filepath.Dir(name)) {
		f, err = os.OpenFile(name, os.O_WRONLY|os.O_TRUNC, perm)
		return f, false, err
	}
	f, err = os.OpenFile(name, os.O_WRONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, false, fmt.Errorf("it is a symbolic link in a directory other users can write; not following it")
		}
		return nil, false, err
	}
	fi, err := f.Stat()
	st, ok := fi.Sys().(*syscall.Stat_t)
	switch {
	case err != nil:
	case !fi.Mode().IsRegular() || !ok:
		err = fmt.Errorf("it is not a regular file, in a directory other users can write")
	case int(st.Uid) != os.Geteuid():
		err = fmt.Errorf("it belongs to another user, in a directory other users can write")
	case st.Nlink > 1:
		err = fmt.Errorf("it has other links, in a directory other users can write")
	default:
		err = f.Truncate(0)
	}
	if err != nil {
		f.Close()
		return nil, false, err
	}
	return f, false, nil
}

// sharedDir reports whether users other than us may create names in dir.
func sharedDir(dir string) bool {
	fi, err := os.Stat(dir)
	if err != nil {
		return true
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return !ok || fi.Mode().Perm()&0o022 != 0 || int(st.Uid) != os.Geteuid()
}

// WritableBy reports whether user uid (of group gid) may create and remove files in dir: what
// rotating a ring buffer needs after -Z has dropped privileges.
func WritableBy(dir string, uid, gid int) bool {
	if uid == 0 {
		return true
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return false
	}
	perm := fi.Mode().Perm()
	switch {
	case int(st.Uid) == uid:
		return perm&0o300 == 0o300
	case int(st.Gid) == gid:
		return perm&0o030 == 0o030
	}
	return perm&0o003 == 0o003
}
