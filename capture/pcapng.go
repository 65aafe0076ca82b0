package capture

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strings"
)

// pcapng block types.
const (
	blockSHB = 0x0A0D0D0A
	blockIDB = 0x00000001
	blockPB  = 0x00000002 // obsolete Packet Block
	blockSPB = 0x00000003
	blockEPB = 0x00000006
	bomLE    = 0x1A2B3C4D // byte-order magic as read little-endian
	bomBE    = 0x4D3C2B1A

	minBlockSize = 12
	minSHBSize   = minBlockSize + 16
	minIDBSize   = minBlockSize + 8
	minEPBSize   = minBlockSize + 20
	minPBSize    = minBlockSize + 20
	minSPBSize   = minBlockSize + 4
	maxBlockSize = minEPBSize + maxSnapLarge + 131072
)

// ngIface is an interface of the current section with what decoding needs.
type ngIface struct {
	link   uint16
	snap   uint32
	units  uint64 // time units per second
	offset int64  // if_tsoffset in seconds
	global uint32 // index in pcapngReader.ifaces
}

type pcapngReader struct {
	src     source
	name    string
	closer  io.Closer
	big     bool
	section []ngIface   // interfaces of the current section
	ifaces  []Interface // every interface seen, all sections
	frames  uint32
	done    bool
	pending bool  // pkt holds a packet read ahead at open
	pendErr error // error met while reading ahead at open
	opening bool  // still among the IDBs after the first SHB (wiretap's open)
	pkt     Packet
}

func (r *pcapngReader) u16(b []byte) uint16 {
	if r.big {
		return binary.BigEndian.Uint16(b)
	}
	return binary.LittleEndian.Uint16(b)
}

func (r *pcapngReader) u32(b []byte) uint32 {
	if r.big {
		return binary.BigEndian.Uint32(b)
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *pcapngReader) u64(b []byte) uint64 {
	if r.big {
		return binary.BigEndian.Uint64(b)
	}
	return binary.LittleEndian.Uint64(b)
}

// newPcapngReader reads the first section header and the blocks up to the
// first packet, so that Interfaces is filled like wiretap's open.
func newPcapngReader(src source, name string, closer io.Closer) (*pcapngReader, error) {
	r := &pcapngReader{src: src, name: name, closer: closer}
	r.pkt.Stable = src.stable()
	h, err := src.next(8)
	if err != nil {
		return nil, openReadError(err, name)
	}
	if err := r.readSHB(h, true); err != nil {
		return nil, err
	}
	r.opening = true
	_, err = r.read()
	opening := r.opening
	r.opening = false
	var te *TruncatedError
	if opening && errors.As(err, &te) {
		return nil, &TruncatedError{File: name, AtOpen: true}
	}
	switch {
	case err == nil:
		r.pending = true
	case err == io.EOF:
		r.done = true
	default:
		r.pendErr = err
	}
	return r, nil
}

// readSHB reads a section header block whose first 8 bytes are h.
func (r *pcapngReader) readSHB(h []byte, first bool) error {
	off := r.src.offset() - 8
	rawLen := binary.LittleEndian.Uint32(h[4:])
	b, err := r.src.next(4)
	if err != nil {
		if first {
			return openReadError(err, r.name)
		}
		return r.truncated(off)
	}
	switch binary.LittleEndian.Uint32(b) {
	case bomLE:
		r.big = false
	case bomBE:
		r.big = true
	default:
		if first {
			return &FormatError{File: r.name}
		}
		return r.corrupt(off, fmt.Sprintf("pcapng: unknown byte-order magic number 0x%08x", binary.LittleEndian.Uint32(b)))
	}
	blen := rawLen
	if r.big {
		blen = bits.ReverseBytes32(rawLen)
	}
	if blen < minSHBSize {
		return r.corruptOpen(first, off, fmt.Sprintf("pcapng: total block length %d of an SHB is less than the minimum SHB size %d", blen, minSHBSize))
	}
	if blen%4 != 0 {
		return r.corruptOpen(first, off, fmt.Sprintf("pcapng: total block length %d of an SHB is not a multiple of 4", blen))
	}
	if blen > maxBlockSize {
		return r.corruptOpen(first, off, fmt.Sprintf("pcapng: total block length %d is too large (> %d)", blen, maxBlockSize))
	}
	body, err := r.src.next(int(blen) - 12)
	if err != nil {
		if first {
			return openReadError(err, r.name)
		}
		return r.truncated(off)
	}
	major, minor := r.u16(body), r.u16(body[2:])
	if major != 1 || minor > 2 {
		if first {
			return &UnsupportedError{File: r.name, Reason: fmt.Sprintf("pcapng: unknown SHB version %d.%d", major, minor)}
		}
		return &UnsupportedError{File: r.name, Frames: r.frames, Offset: off, Reason: fmt.Sprintf("pcapng: unknown SHB version %d.%d", major, minor)}
	}
	if t := r.u32(body[len(body)-4:]); t != blen {
		return r.corruptOpen(first, off, fmt.Sprintf("pcapng: total block lengths (first %d and second %d) don't match", blen, t))
	}
	r.section = r.section[:0]
	return nil
}

func (r *pcapngReader) corruptOpen(first bool, off int64, reason string) error {
	if first {
		return &CorruptError{File: r.name, Reason: reason}
	}
	return r.corrupt(off, reason)
}

func (r *pcapngReader) corrupt(off int64, reason string) error {
	r.done = true
	return &CorruptError{File: r.name, Frames: r.frames, Offset: off, Reason: reason}
}

func (r *pcapngReader) truncated(off int64) error {
	r.done = true
	return &TruncatedError{File: r.name, Frames: r.frames, Offset: off}
}

// Next implements Reader.
func (r *pcapngReader) Next() (*Packet, error) {
	if r.pending {
		r.pending = false
		r.frames++
		return &r.pkt, nil
	}
	if r.pendErr != nil {
		err := r.pendErr
		r.pendErr = nil
		r.done = true
		return nil, err
	}
	if r.done {
		return nil, io.EOF
	}
	p, err := r.read()
	if err != nil {
		r.done = true
		return nil, err
	}
	r.frames++
	return p, nil
}

// read reads blocks until a packet block and decodes it into r.pkt.
func (r *pcapngReader) read() (*Packet, error) {
	for {
		off := r.src.offset()
		h, err := r.src.next(8)
		if err != nil {
			if err == io.EOF {
				r.done = true
				return nil, io.EOF
			}
			if err == io.ErrUnexpectedEOF {
				return nil, r.truncated(off)
			}
			return nil, fmt.Errorf("read %s: %w", r.name, err)
		}
		btype := r.u32(h)
		if btype != blockIDB {
			r.opening = false
		}
		if btype == blockSHB {
			if err := r.readSHB(h, false); err != nil {
				r.done = true
				return nil, err
			}
			continue
		}
		blen := r.u32(h[4:])
		// Like wiretap: a known block's own minimum is checked first, and a
		// length that is not a multiple of 4 is rounded up.
		if min, what := minSize(btype); min != 0 && blen < min {
			return nil, r.corrupt(off, fmt.Sprintf("pcapng: total block length %d of %s is less than the minimum %s size %d", pad4u(blen), what, what[strings.IndexByte(what, ' ')+1:], min))
		}
		if blen < minBlockSize {
			return nil, r.corrupt(off, fmt.Sprintf("pcapng: total block length %d of block is too small (< %d)", blen, minBlockSize))
		}
		if blen > maxBlockSize {
			return nil, r.corrupt(off, fmt.Sprintf("pcapng: total block length %d is too large (> %d)", blen, maxBlockSize))
		}
		rawLen := blen
		blen = pad4u(blen)
		bodyOff := r.src.offset()
		switch btype {
		case blockIDB, blockEPB, blockPB, blockSPB:
		default:
			// NRB, ISB, DSB, custom and unknown blocks carry no packet.
			if err := r.src.skip(int64(blen) - 8); err != nil {
				return nil, r.truncated(off)
			}
			continue
		}
		b, err := r.src.next(int(blen) - 8)
		if err != nil {
			return nil, r.truncated(off)
		}
		body := b[:len(b)-4]
		if t := r.u32(b[len(b)-4:]); t != rawLen && t != blen {
			return nil, r.corrupt(off, fmt.Sprintf("pcapng: total block lengths (first %d and second %d) don't match", rawLen, t))
		}
		switch btype {
		case blockIDB:
			if err := r.readIDB(body, blen, off); err != nil {
				return nil, err
			}
		case blockEPB:
			return r.readEPB(body, blen, off, bodyOff)
		case blockPB:
			return r.readPB(body, blen, off, bodyOff)
		case blockSPB:
			return r.readSPB(body, blen, off, bodyOff)
		}
	}
}

func (r *pcapngReader) readIDB(body []byte, blen uint32, off int64) error {
	if blen < minIDBSize {
		return r.corrupt(off, fmt.Sprintf("pcapng: total block length %d of an IDB is less than the minimum IDB size %d", blen, minIDBSize))
	}
	ifc := ngIface{link: r.u16(body), snap: r.u32(body[4:]), units: 1e6}
	desc := Interface{Link: ifc.link, SnapLen: ifc.snap}
	opts := body[8:]
	for len(opts) >= 4 {
		code, olen := r.u16(opts), int(r.u16(opts[2:]))
		if code == 0 || 4+olen > len(opts) {
			break
		}
		v := opts[4 : 4+olen]
		switch code {
		case 2: // if_name
			desc.Name = string(trimNUL(v))
		case 3: // if_description
			desc.Description = string(trimNUL(v))
		case 9: // if_tsresol
			if olen == 1 {
				ifc.units = tsUnits(v[0])
			}
		case 14: // if_tsoffset
			if olen == 8 {
				ifc.offset = int64(r.u64(v))
			}
		}
		opts = opts[4+min(pad4(olen), len(opts)-4):]
	}
	desc.TSUnits = ifc.units
	if ifc.units <= 1e9 && 1e9%ifc.units == 0 {
		desc.TSResolNs = 1e9 / ifc.units
	}
	desc.TSOffset = ifc.offset
	ifc.global = uint32(len(r.ifaces))
	r.ifaces = append(r.ifaces, desc)
	r.section = append(r.section, ifc)
	return nil
}

// tsUnits decodes if_tsresol into time units per second.
func tsUnits(v byte) uint64 {
	if v&0x80 != 0 {
		e := v & 0x7f
		if e > 63 {
			return 1e6
		}
		return 1 << e
	}
	if v > 19 {
		return 1e6
	}
	u := uint64(1)
	for i := byte(0); i < v; i++ {
		u *= 10
	}
	return u
}

func pad4(n int) int { return (n + 3) &^ 3 }

func pad4u(n uint32) uint32 {
	if n > 0xfffffffc {
		return n
	}
	return (n + 3) &^ 3
}

// minSize is the minimum length of a known block type and its name in
// wiretap's messages ("an EPB").
func minSize(btype uint32) (uint32, string) {
	switch btype {
	case blockIDB:
		return minIDBSize, "an IDB"
	case blockEPB:
		return minEPBSize, "an EPB"
	case blockPB:
		return minPBSize, "a PB"
	case blockSPB:
		return minSPBSize, "an SPB"
	}
	return 0, ""
}

func trimNUL(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return b
}

// toNs converts a timestamp in interface units to ns since the epoch.
// toNs converts a time stamp in the interface's units to a frame time (Packet.TS): unsigned
// nanoseconds, exact up to 2^64-1 (the year 2554), saturating there and at 0 (a negative
// if_tsoffset cannot take a time before 1970).
func (ifc *ngIface) toNs(t uint64) int64 {
	var ns uint64
	var carry uint64
	switch ifc.units {
	case 1e9:
		ns = t
	default:
		sec, frac := t/ifc.units, t%ifc.units
		var hi uint64
		hi, ns = bits.Mul64(sec, 1e9)
		fhi, flo := bits.Mul64(frac, 1e9)
		f, _ := bits.Div64(fhi, flo, ifc.units)
		ns, carry = bits.Add64(ns, f, 0)
		if hi != 0 || carry != 0 {
			return -1 // saturated: 2^64-1 ns
		}
	}
	switch off := ifc.offset; {
	case off > 0:
		hi, add := bits.Mul64(uint64(off), 1e9)
		if ns, carry = bits.Add64(ns, add, 0); hi != 0 || carry != 0 {
			return -1
		}
	case off < 0:
		hi, sub := bits.Mul64(uint64(-off), 1e9)
		var borrow uint64
		if ns, borrow = bits.Sub64(ns, sub, 0); hi != 0 || borrow != 0 {
			return 0
		}
	}
	return int64(ns)
}

func (r *pcapngReader) iface(id uint32, off int64) (*ngIface, error) {
	if id >= uint32(len(r.section)) {
		return nil, r.corrupt(off, fmt.Sprintf("pcapng: interface index %d is not less than section interface count %d", id, len(r.section)))
	}
	return &r.section[id], nil
}

func (r *pcapngReader) readEPB(body []byte, blen uint32, off, bodyOff int64) (*Packet, error) {
	if blen < minEPBSize {
		return nil, r.corrupt(off, fmt.Sprintf("pcapng: total block length %d of an EPB is less than the minimum EPB size %d", blen, minEPBSize))
	}
	id := r.u32(body)
	ts := uint64(r.u32(body[4:]))<<32 | uint64(r.u32(body[8:]))
	capLen, wireLen := r.u32(body[12:]), r.u32(body[16:])
	ifc, err := r.iface(id, off)
	if err != nil {
		return nil, err
	}
	if capLen > maxSnapLen(ifc.link) {
		return nil, r.corrupt(off, fmt.Sprintf("pcapng: cap_len %d is larger than maximum supported length %d", capLen, maxSnapLen(ifc.link)))
	}
	rest := body[20:]
	if uint64(pad4(int(capLen))) > uint64(len(rest)) {
		return nil, r.corrupt(off, fmt.Sprintf("pcapng: total block length %d of EPB is too small for %d bytes of packet data", blen, capLen))
	}
	p := r.fill(ifc, ts, capLen, wireLen, rest, bodyOff+20)
	r.options(rest[pad4(int(capLen)):], p, true)
	return p, nil
}

func (r *pcapngReader) readPB(body []byte, blen uint32, off, bodyOff int64) (*Packet, error) {
	if blen < minPBSize {
		return nil, r.corrupt(off, fmt.Sprintf("pcapng: total block length %d of a PB is less than the minimum PB size %d", blen, minPBSize))
	}
	id := uint32(r.u16(body))
	drops := r.u16(body[2:])
	ts := uint64(r.u32(body[4:]))<<32 | uint64(r.u32(body[8:]))
	capLen, wireLen := r.u32(body[12:]), r.u32(body[16:])
	ifc, err := r.iface(id, off)
	if err != nil {
		return nil, err
	}
	if capLen > maxSnapLen(ifc.link) {
		return nil, r.corrupt(off, fmt.Sprintf("pcapng: cap_len %d is larger than maximum supported length %d", capLen, maxSnapLen(ifc.link)))
	}
	rest := body[20:]
	if uint64(pad4(int(capLen))) > uint64(len(rest)) {
		return nil, r.corrupt(off, fmt.Sprintf("pcapng: total block length %d of PB is too small for %d bytes of packet data", blen, capLen))
	}
	p := r.fill(ifc, ts, capLen, wireLen, rest, bodyOff+20)
	r.options(rest[pad4(int(capLen)):], p, false)
	if drops != 0xffff {
		p.DropCount = uint64(drops)
	}
	return p, nil
}

func (r *pcapngReader) readSPB(body []byte, blen uint32, off, bodyOff int64) (*Packet, error) {
	if blen < minSPBSize {
		return nil, r.corrupt(off, fmt.Sprintf("pcapng: total block length %d of an SPB is less than the minimum SPB size %d", blen, minSPBSize))
	}
	if len(r.section) == 0 {
		return nil, r.corrupt(off, "pcapng: SPB appeared before any IDBs")
	}
	ifc := &r.section[0]
	wireLen := r.u32(body)
	capLen := wireLen
	if ifc.snap != 0 && capLen > ifc.snap {
		capLen = ifc.snap
	}
	rest := body[4:]
	if capLen > uint32(len(rest)) {
		capLen = uint32(len(rest))
	}
	if capLen > maxSnapLen(ifc.link) {
		return nil, r.corrupt(off, fmt.Sprintf("pcapng: cap_len %d is larger than maximum supported length %d", capLen, maxSnapLen(ifc.link)))
	}
	p := r.fill(ifc, 0, capLen, wireLen, rest, bodyOff+4)
	p.TS = 0
	return p, nil
}

// fill sets the common fields of r.pkt.
func (r *pcapngReader) fill(ifc *ngIface, ts uint64, capLen, wireLen uint32, rest []byte, dataOff int64) *Packet {
	p := &r.pkt
	p.TS = ifc.toNs(ts)
	p.CapLen = capLen
	p.Len = wireLen
	p.Link = ifc.link
	p.Iface = ifc.global
	p.Data = rest[:capLen:capLen]
	p.Offset = dataOff
	p.Comments = nil // a fresh slice per commented packet: callers may keep it
	p.Flags = 0
	p.DropCount = 0
	return p
}

// options decodes the packet options we keep; malformed options end the
// list rather than the file.
func (r *pcapngReader) options(opts []byte, p *Packet, epb bool) {
	for len(opts) >= 4 {
		code, olen := r.u16(opts), int(r.u16(opts[2:]))
		if code == 0 || 4+olen > len(opts) {
			break
		}
		v := opts[4 : 4+olen]
		switch code {
		case 1: // opt_comment
			p.Comments = append(p.Comments, string(v))
		case 2: // epb_flags / pack_flags
			if olen == 4 {
				p.Flags = r.u32(v)
			}
		case 4: // epb_dropcount
			if epb && olen == 8 {
				p.DropCount = r.u64(v)
			}
		}
		opts = opts[4+min(pad4(olen), len(opts)-4):]
	}
}

// Interfaces implements Reader.
func (r *pcapngReader) Interfaces() []Interface { return r.ifaces }

// Close implements Reader.
func (r *pcapngReader) Close() error {
	r.done = true
	r.pending = false
	if r.closer != nil {
		c := r.closer
		r.closer = nil
		return c.Close()
	}
	return nil
}
