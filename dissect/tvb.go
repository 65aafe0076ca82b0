package dissect

import "encoding/binary"

// Tvb is a view of the bytes a dissector works on (Wireshark's tvbuff): B is the layer's data and Off
// the absolute offset of B[0] within data source Src, so that tree nodes record where their bytes are.
// Reads beyond B panic with a bounds error that the frame dissector turns into a malformed-packet node.
type Tvb struct {
	B   []byte
	Off int
	Src uint8
	// Short means the bytes were cut by the capture's snap length: running past them is "Packet size
	// limited during capture", not malformed.
	Short bool
}

// boundsError is what a read beyond the data panics with.
type boundsError struct{ short bool }

// Len returns the number of captured bytes in the view.
func (t Tvb) Len() int { return len(t.B) }

// Abs returns the absolute offset of relative offset o.
func (t Tvb) Abs(o int) int { return t.Off + o }

func (t Tvb) check(o, n int) {
	if o < 0 || n < 0 || o+n > len(t.B) {
		panic(boundsError{short: t.Short})
	}
}

// Need panics with a bounds error unless n bytes are available at o.
func (t Tvb) Need(o, n int) { t.check(o, n) }

// Has reports whether n bytes are available at o.
func (t Tvb) Has(o, n int) bool { return o >= 0 && n >= 0 && o+n <= len(t.B) }

// U8 reads the byte at o.
func (t Tvb) U8(o int) uint8 { t.check(o, 1); return t.B[o] }

// U16 reads a big-endian uint16 at o.
func (t Tvb) U16(o int) uint16 { t.check(o, 2); return binary.BigEndian.Uint16(t.B[o:]) }

// U24 reads a big-endian 24-bit integer at o.
func (t Tvb) U24(o int) uint32 {
	t.check(o, 3)
	return uint32(t.B[o])<<16 | uint32(t.B[o+1])<<8 | uint32(t.B[o+2])
}

// U32 reads a big-endian uint32 at o.
func (t Tvb) U32(o int) uint32 { t.check(o, 4); return binary.BigEndian.Uint32(t.B[o:]) }

// U64 reads a big-endian uint64 at o.
func (t Tvb) U64(o int) uint64 { t.check(o, 8); return binary.BigEndian.Uint64(t.B[o:]) }

// U16LE reads a little-endian uint16 at o.
func (t Tvb) U16LE(o int) uint16 { t.check(o, 2); return binary.LittleEndian.Uint16(t.B[o:]) }

// U32LE reads a little-endian uint32 at o.
func (t Tvb) U32LE(o int) uint32 { t.check(o, 4); return binary.LittleEndian.Uint32(t.B[o:]) }

// U64LE reads a little-endian uint64 at o.
func (t Tvb) U64LE(o int) uint64 { t.check(o, 8); return binary.LittleEndian.Uint64(t.B[o:]) }

// Uint reads an n-byte (1..8) big-endian unsigned integer at o.
func (t Tvb) Uint(o, n int) uint64 {
	t.check(o, n)
	var u uint64
	for _, c := range t.B[o : o+n] {
		u = u<<8 | uint64(c)
	}
	return u
}

// UintLE reads an n-byte (1..8) little-endian unsigned integer at o.
func (t Tvb) UintLE(o, n int) uint64 {
	t.check(o, n)
	var u uint64
	for i := n - 1; i >= 0; i-- {
		u = u<<8 | uint64(t.B[o+i])
	}
	return u
}

// Bytes returns n bytes at o (a view, not a copy).
func (t Tvb) Bytes(o, n int) []byte { t.check(o, n); return t.B[o : o+n : o+n] }

// Sub returns the view from o to the end.
func (t Tvb) Sub(o int) Tvb {
	t.check(o, 0)
	return Tvb{B: t.B[o:], Off: t.Off + o, Src: t.Src, Short: t.Short}
}

// SubLen returns the view of n bytes from o. If fewer bytes were captured than n, the view holds what
// there is (reads beyond it fail later, as Wireshark's reported length does).
func (t Tvb) SubLen(o, n int) Tvb {
	t.check(o, 0)
	if n < 0 {
		n = 0
	}
	end := o + n
	if end > len(t.B) {
		end = len(t.B)
	}
	return Tvb{B: t.B[o:end], Off: t.Off + o, Src: t.Src, Short: t.Short}
}

// IndexByte returns the relative offset of the first c at or after o, or -1.
func (t Tvb) IndexByte(o int, c byte) int {
	if o < 0 || o >= len(t.B) {
		return -1
	}
	for i := o; i < len(t.B); i++ {
		if t.B[i] == c {
			return i
		}
	}
	return -1
}

// LineEnd finds the end of the text line starting at o: it returns the length of the line without its
// terminator and the offset of the next line. ok is false when no "\n" ends the line.
func (t Tvb) LineEnd(o int) (lineLen, next int, ok bool) {
	i := t.IndexByte(o, '\n')
	if i < 0 {
		return len(t.B) - o, len(t.B), false
	}
	end := i
	if end > o && t.B[end-1] == '\r' {
		end--
	}
	return end - o, i + 1, true
}
