package capture

import (
	"encoding/binary"
	"fmt"
	"io"
)

// pcap magic numbers as read in little-endian order.
const (
	magicMicro    = 0xa1b2c3d4
	magicNano     = 0xa1b23c4d
	magicModified = 0xa1b2cd34 // Alexey Kuznetsov's patched libpcap (ss991029)
	magicMicroBE  = 0xd4c3b2a1
	magicNanoBE   = 0x4d3cb2a1
	magicModBE    = 0x34cdb2a1
)

// Maximum captured lengths wiretap accepts (wtap_max_snaplen_for_encap).
const (
	maxSnapStandard = 262144
	maxSnapLarge    = 128 * 1024 * 1024 // D-Bus, USB
	maxSnapEBHSCR   = 8 * 1024 * 1024
)

// maxSnapLen is the largest captured length tshark accepts for a link type.
func maxSnapLen(link uint16) uint32 {
	switch link {
	case 231: // DBUS
		return maxSnapLarge
	case 186, 189, 220, 249, 266: // USB FreeBSD, Linux, Linux mmapped, USBPcap, Darwin
		return maxSnapLarge
	case 279: // EBHSCR
		return maxSnapEBHSCR
	}
	return maxSnapStandard
}

type pcapReader struct {
	src     source
	name    string
	closer  io.Closer
	big     bool // file in big-endian order
	nanos   bool
	hdrLen  int  // record header length (16, or 24 for the modified format)
	swapLen bool // pre-2.3 files have incl_len and orig_len swapped
	maybeSw bool // 2.3 files: swap when incl_len > orig_len
	link    uint16
	maxCap  uint32
	ifaces  []Interface
	frames  uint32
	done    bool
	pkt     Packet
}

// newPcapReader parses the 24-byte file header; magic has been peeked but
// not consumed.
func newPcapReader(src source, name string, closer io.Closer) (*pcapReader, error) {
	h, err := src.next(24)
	if err != nil {
		return nil, openReadError(err, name)
	}
	r := &pcapReader{src: src, name: name, closer: closer, hdrLen: 16}
	switch binary.LittleEndian.Uint32(h) {
	case magicMicro:
	case magicNano:
		r.nanos = true
	case magicModified:
		r.hdrLen = 24
	case magicMicroBE:
		r.big = true
	case magicNanoBE:
		r.big = true
		r.nanos = true
	case magicModBE:
		r.big = true
		r.hdrLen = 24
	default:
		return nil, &FormatError{File: name}
	}
	major, minor := r.u16(h[4:]), r.u16(h[6:])
	snap := r.u32(h[16:])
	network := r.u32(h[20:])
	if major < 2 {
		return nil, &UnsupportedError{File: name, Reason: fmt.Sprintf("pcap: major version %d unsupported", major)}
	}
	switch {
	case major == 2 && minor < 3, major == 543:
		r.swapLen = true
	case major == 2 && minor == 3:
		r.maybeSw = true
	}
	// The upper 16 bits carry the FCS length and reserved bits.
	r.link = uint16(network & 0xffff)
	r.maxCap = maxSnapLen(r.link)
	res := uint64(1000)
	units := uint64(1e6)
	if r.nanos {
		res, units = 1, 1e9
	}
	r.ifaces = []Interface{{Link: r.link, SnapLen: snap, TSResolNs: res, TSUnits: units}}
	r.pkt.Stable = src.stable()
	return r, nil
}

func (r *pcapReader) u16(b []byte) uint16 {
	if r.big {
		return binary.BigEndian.Uint16(b)
	}
	return binary.LittleEndian.Uint16(b)
}

func (r *pcapReader) u32(b []byte) uint32 {
	if r.big {
		return binary.BigEndian.Uint32(b)
	}
	return binary.LittleEndian.Uint32(b)
}

// Next implements Reader.
func (r *pcapReader) Next() (*Packet, error) {
	if r.done {
		return nil, io.EOF
	}
	off := r.src.offset()
	h, err := r.src.next(r.hdrLen)
	if err != nil {
		return nil, r.fail(err, off)
	}
	sec, frac := r.u32(h), r.u32(h[4:])
	incl, orig := r.u32(h[8:]), r.u32(h[12:])
	if r.swapLen || (r.maybeSw && incl > orig) {
		incl, orig = orig, incl
	}
	if incl > r.maxCap {
		r.done = true
		return nil, &CorruptError{File: r.name, Frames: r.frames, Offset: off,
			Reason: fmt.Sprintf("pcap: File has %d-byte packet, bigger than maximum of %d", incl, r.maxCap)}
	}
	dataOff := r.src.offset()
	data, err := r.src.next(int(incl))
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, r.fail(err, off)
	}
	p := &r.pkt
	ts := int64(sec) * 1e9
	if r.nanos {
		ts += int64(frac)
	} else {
		ts += int64(frac) * 1000
	}
	p.TS = ts
	p.CapLen = incl
	p.Len = orig
	p.Link = r.link
	p.Iface = 0
	p.Data = data
	p.Offset = dataOff
	r.frames++
	return p, nil
}

// fail turns a source error into the damage error and ends the reader.
func (r *pcapReader) fail(err error, off int64) error {
	r.done = true
	switch err {
	case io.EOF:
		return io.EOF
	case io.ErrUnexpectedEOF:
		return &TruncatedError{File: r.name, Frames: r.frames, Offset: off}
	}
	return fmt.Errorf("read %s: %w", r.name, err)
}

// Interfaces implements Reader.
func (r *pcapReader) Interfaces() []Interface { return r.ifaces }

// Close implements Reader.
func (r *pcapReader) Close() error {
	r.done = true
	if r.closer != nil {
		c := r.closer
		r.closer = nil
		return c.Close()
	}
	return nil
}

// openReadError maps a short read of a file header to tshark's open error.
func openReadError(err error, name string) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return &TruncatedError{File: name, AtOpen: true}
	}
	return fmt.Errorf("read %s: %w", name, err)
}
