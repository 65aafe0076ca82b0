// Package capture reads and writes capture files: pcap (microsecond and
// nanosecond, both byte orders), pcapng (several sections, every if_tsresol,
// simple, enhanced and obsolete packet blocks), optionally compressed with
// gzip, zstd or lz4, and several files merged by time like mergecap.
//
// A seekable uncompressed file is memory-mapped and packets are handed out as
// views into the mapping (Packet.Stable), so a caller can keep an index
// instead of the bytes. Damage is reported with typed errors whose text is
// tshark's.
//
// capture sits on floor 1 of ARCHITECTURE.md: it imports nothing of ours.
package capture

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// Packet is one record read from a capture.
type Packet struct {
	TS        int64    // capture time, ns since the Unix epoch, unsigned (the bits of a uint64: to 2554)
	CapLen    uint32   // bytes captured (len(Data))
	Len       uint32   // original length on the wire
	Link      uint16   // LINKTYPE_* of this packet's interface
	Iface     uint32   // pcapng interface index (0 for pcap); global across merged files
	Data      []byte   // CapLen bytes
	Stable    bool     // Data stays valid until Close; else only until the next Next
	File      int      // index of the file it came from (position in Open's paths)
	Offset    int64    // offset of Data in that file (meaningful when Stable)
	Comments  []string // pcapng opt_comment options of the packet
	Flags     uint32   // pcapng epb_flags (0 if absent)
	DropCount uint64   // pcapng epb_dropcount (or the obsolete packet block's drops count)
}

// Interface describes one capture interface: the single implicit interface
// of a pcap file or a pcapng Interface Description Block.
type Interface struct {
	Name        string // if_name
	Description string // if_description
	Link        uint16 // LINKTYPE_*
	SnapLen     uint32 // snapshot length (0 = unlimited)
	TSResolNs   uint64 // nanoseconds per time unit when >= 1 (if_tsresol); 0 when finer than 1 ns
	TSUnits     uint64 // time units per second (if_tsresol), e.g. 1e6 for microseconds
	TSOffset    int64  // if_tsoffset, seconds added to every time stamp
	File        int    // index of the file that declared it
}

// Reader yields the packets of one capture or of several merged captures.
type Reader interface {
	// Next returns the next packet. It returns io.EOF at a clean end, and a
	// *TruncatedError, *CorruptError or *UnsupportedError at damage, after
	// which it returns io.EOF. The returned *Packet may be reused by the
	// next call.
	Next() (*Packet, error)
	// Interfaces lists the interfaces seen so far (pcapng declares them as
	// it goes; every interface of a packet already returned is listed).
	Interfaces() []Interface
	// Close releases the file and any mapping; Stable data becomes invalid.
	Close() error
}

// Frames counted in damage errors are the good frames read before the damage.

// TruncatedError reports a file that ends in the middle of a record.
type TruncatedError struct {
	File   string // name as given to Open or NewReader
	Frames uint32 // good frames read before the damage
	Offset int64  // file offset of the damaged record
	AtOpen bool   // the file header itself is cut short
}

// Error returns tshark's wording (without its "tshark: " prefix).
func (e *TruncatedError) Error() string {
	if e.AtOpen {
		return fmt.Sprintf("The file \"%s\" appears to have been cut short in the middle of a packet or other data.", e.File)
	}
	return fmt.Sprintf("The file \"%s\" appears to have been cut short in the middle of a packet.", e.File)
}

// Unwrap lets errors.Is(err, io.ErrUnexpectedEOF) match.
func (e *TruncatedError) Unwrap() error { return io.ErrUnexpectedEOF }

// CorruptError reports a record that cannot be valid.
type CorruptError struct {
	File   string // name as given to Open or NewReader
	Frames uint32 // good frames read before the damage
	Offset int64  // file offset of the damaged record
	Reason string // wiretap's err_info, e.g. "pcap: File has 4294967295-byte packet, bigger than maximum of 262144"
}

// Error returns tshark's wording (without its "tshark: " prefix).
func (e *CorruptError) Error() string {
	return fmt.Sprintf("The file \"%s\" appears to be damaged or corrupt.\n(%s)", e.File, e.Reason)
}

// UnsupportedError reports a valid file using a feature we (and tshark) do
// not read, such as a pcap major version below 2.
type UnsupportedError struct {
	File   string
	Frames uint32
	Offset int64
	Reason string
}

// Error returns tshark's wording (without its "tshark: " prefix).
func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("The file \"%s\" contains record data that TShark doesn't support.\n(%s)", e.File, e.Reason)
}

// FormatError reports input that is not a capture file of a known format.
type FormatError struct {
	File string
}

// Error returns tshark's wording (without its "tshark: " prefix).
func (e *FormatError) Error() string {
	return fmt.Sprintf("The file \"%s\" isn't a capture file in a format TShark understands.", e.File)
}

// IsDamage reports whether err is one of the damage errors (truncated,
// corrupt, unsupported record) after which the frames read so far are valid.
func IsDamage(err error) bool {
	var t *TruncatedError
	var c *CorruptError
	var u *UnsupportedError
	return errors.As(err, &t) || errors.As(err, &c) || errors.As(err, &u)
}

// OpenError reports a file that could not be opened, in tshark's words.
type OpenError struct {
	File string
	Err  error
}

// Error returns tshark's wording ("The file "x" doesn't exist.").
func (e *OpenError) Error() string {
	switch {
	case errors.Is(e.Err, fs.ErrNotExist):
		return fmt.Sprintf("The file \"%s\" doesn't exist.", e.File)
	case errors.Is(e.Err, fs.ErrPermission):
		return fmt.Sprintf("The file \"%s\" could not be opened: Permission denied.", e.File)
	}
	return fmt.Sprintf("The file \"%s\" could not be opened: %v.", e.File, e.Err)
}

// Unwrap returns the underlying error.
func (e *OpenError) Unwrap() error { return e.Err }

// Format is a capture file format.
type Format uint8

// File formats.
const (
	FormatUnknown Format = iota
	FormatPcap
	FormatPcapng
)

// FileFormat returns the format of what r reads: pcapng if any of its files is pcapng (frames then
// carry section and interface numbers, as tshark shows them), pcap otherwise.
func FileFormat(r Reader) Format {
	switch x := r.(type) {
	case *pcapReader:
		return FormatPcap
	case *pcapngReader:
		return FormatPcapng
	case *mergeReader:
		f := FormatUnknown
		for _, sub := range x.rs {
			if g := FileFormat(sub); g > f {
				f = g
			}
		}
		return f
	}
	return FormatUnknown
}
