//go:build !linux

package live

import (
	"errors"

	"github.com/tshark-tui/tshark-tui/capture"
)

// Options configure a capture handle.
type Options struct {
	Snaplen        uint32
	NoPromisc      bool
	Filter         string
	BufferBytes    int
	BlockTimeoutMs uint32
}

// Stats are the kernel's counters since Open.
type Stats struct {
	Received, Dropped, Captured uint64
}

// Handle is unavailable on this system.
type Handle struct{}

// ErrUnsupported is returned by Open off Linux.
var ErrUnsupported = errors.New("live capture needs Linux (AF_PACKET)")

// Open fails: live capture is Linux-only.
func Open(name string, o Options) (*Handle, error) { return nil, ErrUnsupported }

func (h *Handle) Next() (*capture.Packet, error)  { return nil, ErrUnsupported }
func (h *Handle) Interfaces() []capture.Interface { return nil }
func (h *Handle) Close() error                    { return nil }
func (h *Handle) Stop()                           {}
func (h *Handle) Stats() Stats                    { return Stats{} }
func (h *Handle) Name() string                    { return "" }
func (h *Handle) SetIfaceIndex(uint32)            {}
func (h *Handle) Link() uint16                    { return 0 }
