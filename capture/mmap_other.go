//go:build !unix

package capture

import "os"

// mapFile is unavailable on this platform; files are read as streams.
func mapFile(f *os.File, size int64) (data []byte, unmap func() error, ok bool) {
	return nil, nil, false
}
