package dissect

import (
	"bytes"

	"golang.org/x/net/http2/hpack"
)

// HPACK (RFC 7541) header decompression for HTTP/2, decoding a header block the way Wireshark 4.0
// does through nghttp2's inflater: the representation and index of every field, the dynamic table
// with its size limits and updates (including the SETTINGS a peer acknowledged), and nghttp2's
// failure mode — a malformed block makes the direction's decoder refuse every later block. Like
// Wireshark, the first block of a direction starts with the dynamic table full of "<unknown>"
// entries, so a capture that begins mid-connection still names the fields it can.

// hpackRepr is how a header field was represented (Wireshark's http2_header_repr_type).
type hpackRepr uint8

const (
	hpackNone hpackRepr = iota
	hpackIndexed
	hpackIncIndexedName
	hpackIncNewName
	hpackNoIndexIndexedName
	hpackNoIndexNewName
	hpackNeverIndexedName
	hpackNeverNewName
	hpackSizeUpdate
)

var hpackReprNames = [...]string{
	"",
	"Indexed Header Field",
	"Literal Header Field with Incremental Indexing - Indexed Name",
	"Literal Header Field with Incremental Indexing - New Name",
	"Literal Header Field without Indexing - Indexed Name",
	"Literal Header Field without Indexing - New Name",
	"Literal Header Field never Indexed - Indexed Name",
	"Literal Header Field never Indexed - New Name",
	"Maximum Header Table Size Change",
}

// hasIndex reports whether the representation names a table index (the tree shows it).
func (r hpackRepr) hasIndex() bool {
	return r == hpackIndexed || r == hpackIncIndexedName || r == hpackNoIndexIndexedName || r == hpackNeverIndexedName
}

// h2Header is one decoded representation of a header block: a field, or a table size update.
type h2Header struct {
	repr  hpackRepr
	n     int    // encoded bytes
	idx   uint32 // the index of an indexed representation; the new size of a size update
	name  []byte
	value []byte
}

type hpackField struct{ name, value []byte }

var hpackStatic = [...]hpackField{
	{[]byte(":authority"), nil}, {[]byte(":method"), []byte("GET")}, {[]byte(":method"), []byte("POST")},
	{[]byte(":path"), []byte("/")}, {[]byte(":path"), []byte("/index.html")}, {[]byte(":scheme"), []byte("http")},
	{[]byte(":scheme"), []byte("https")}, {[]byte(":status"), []byte("200")}, {[]byte(":status"), []byte("204")},
	{[]byte(":status"), []byte("206")}, {[]byte(":status"), []byte("304")}, {[]byte(":status"), []byte("400")},
	{[]byte(":status"), []byte("404")}, {[]byte(":status"), []byte("500")}, {[]byte("accept-charset"), nil},
	{[]byte("accept-encoding"), []byte("gzip, deflate")}, {[]byte("accept-language"), nil},
	{[]byte("accept-ranges"), nil}, {[]byte("accept"), nil}, {[]byte("access-control-allow-origin"), nil},
	{[]byte("age"), nil}, {[]byte("allow"), nil}, {[]byte("authorization"), nil}, {[]byte("cache-control"), nil},
	{[]byte("content-disposition"), nil}, {[]byte("content-encoding"), nil}, {[]byte("content-language"), nil},
	{[]byte("content-length"), nil}, {[]byte("content-location"), nil}, {[]byte("content-range"), nil},
	{[]byte("content-type"), nil}, {[]byte("cookie"), nil}, {[]byte("date"), nil}, {[]byte("etag"), nil},
	{[]byte("expect"), nil}, {[]byte("expires"), nil}, {[]byte("from"), nil}, {[]byte("host"), nil},
	{[]byte("if-match"), nil}, {[]byte("if-modified-since"), nil}, {[]byte("if-none-match"), nil},
	{[]byte("if-range"), nil}, {[]byte("if-unmodified-since"), nil}, {[]byte("last-modified"), nil},
	{[]byte("link"), nil}, {[]byte("location"), nil}, {[]byte("max-forwards"), nil},
	{[]byte("proxy-authenticate"), nil}, {[]byte("proxy-authorization"), nil}, {[]byte("range"), nil},
	{[]byte("referer"), nil}, {[]byte("refresh"), nil}, {[]byte("retry-after"), nil}, {[]byte("server"), nil},
	{[]byte("set-cookie"), nil}, {[]byte("strict-transport-security"), nil}, {[]byte("transfer-encoding"), nil},
	{[]byte("user-agent"), nil}, {[]byte("vary"), nil}, {[]byte("via"), nil}, {[]byte("www-authenticate"), nil},
}

// nghttp2's limits: a name or value longer than this is an error.
const hpackMaxString = 65536

// The inflater's states (nghttp2's NGHTTP2_HD_STATE_*): size updates are allowed only at the start
// of a block, and required there after a SETTINGS decrease.
const (
	hpackStart uint8 = iota
	hpackOpcode
	hpackExpectSize
)

// hpackDecoder is one direction's inflater.
type hpackDecoder struct {
	dyn         []hpackField // oldest first, from head on
	head        int
	size        uint32 // the entries' sizes (name + value + 32 each)
	max         uint32 // the table's current maximum size
	settingsMax uint32 // the maximum the peer's SETTINGS allow
	minMax      uint32
	state       uint8
	bad         bool // a block failed: nghttp2 refuses every later one
	primed      bool // the "<unknown>" entries are in
	carry       []byte
}

func newHPACKDecoder() *hpackDecoder {
	return &hpackDecoder{max: 4096, settingsMax: 4096, minMax: ^uint32(0)}
}

var hpackUnknownName = []byte("<unknown>")

// prime fills the empty table with "<unknown>" entries (Wireshark's
// fix_partial_header_dissection_support) before the direction's first block.
func (d *hpackDecoder) prime() {
	if d.primed {
		return
	}
	d.primed = true
	if len(d.dyn)-d.head != 0 || d.bad {
		return
	}
	for n := d.max / 41; n > 0; n-- {
		d.add(hpackUnknownName, nil)
	}
	d.state = hpackStart
}

func (d *hpackDecoder) entries() int { return len(d.dyn) - d.head }

// add inserts an entry, evicting the oldest ones to make room.
func (d *hpackDecoder) add(name, value []byte) {
	sz := uint32(len(name)+len(value)) + 32
	for d.entries() > 0 && d.size+sz > d.max {
		d.evict()
	}
	if sz > d.max {
		return
	}
	d.dyn = append(d.dyn, hpackField{name, value})
	d.size += sz
}

func (d *hpackDecoder) evict() {
	e := d.dyn[d.head]
	d.size -= uint32(len(e.name)+len(e.value)) + 32
	d.dyn[d.head] = hpackField{}
	d.head++
	if d.head > 64 && d.head*2 > len(d.dyn) {
		n := copy(d.dyn, d.dyn[d.head:])
		d.dyn = d.dyn[:n]
		d.head = 0
	}
}

func (d *hpackDecoder) shrink() {
	for d.entries() > 0 && d.size > d.max {
		d.evict()
	}
}

// lookup returns the field at index i (1-based, static table first).
func (d *hpackDecoder) lookup(i uint64) (hpackField, bool) {
	if i == 0 {
		return hpackField{}, false
	}
	if i <= uint64(len(hpackStatic)) {
		return hpackStatic[i-1], true
	}
	j := i - uint64(len(hpackStatic))
	if j > uint64(d.entries()) {
		return hpackField{}, false
	}
	return d.dyn[len(d.dyn)-int(j)], true
}

// changeTableSize applies a SETTINGS_HEADER_TABLE_SIZE the peer acknowledged
// (nghttp2_hd_inflate_change_table_size).
func (d *hpackDecoder) changeTableSize(v uint32) {
	if d.state == hpackOpcode {
		return
	}
	d.settingsMax = v
	if d.max > v {
		d.state = hpackExpectSize
		d.minMax = v
		d.max = v
		d.shrink()
	}
}

// hpackInt decodes an integer with an n-bit prefix at b[0]; ok is false when b ends first,
// bad when the integer is out of range.
func hpackInt(b []byte, n uint) (v uint64, used int, ok, bad bool) {
	if len(b) == 0 {
		return 0, 0, false, false
	}
	k := uint64(1)<<n - 1
	v = uint64(b[0]) & k
	if v < k {
		return v, 1, true, false
	}
	shift := uint(0)
	for i := 1; i < len(b); i++ {
		c := b[i]
		v += uint64(c&0x7f) << shift
		if v > 1<<32-1 {
			return 0, 0, false, true
		}
		if c&0x80 == 0 {
			return v, i + 1, true, false
		}
		shift += 7
		if shift >= 32 {
			return 0, 0, false, true
		}
	}
	return 0, 0, false, false
}

// hpackString decodes a string literal at b[0].
func hpackString(b []byte) (s []byte, used int, ok, bad bool) {
	if len(b) == 0 {
		return nil, 0, false, false
	}
	huff := b[0]&0x80 != 0
	l, n, ok, bad := hpackInt(b, 7)
	if !ok || bad {
		return nil, 0, ok, bad
	}
	if l > hpackMaxString {
		return nil, 0, false, true
	}
	if uint64(len(b)-n) < l {
		return nil, 0, false, false
	}
	raw := b[n : n+int(l)]
	if !huff {
		return append([]byte(nil), raw...), n + int(l), true, false
	}
	var buf bytes.Buffer
	if _, err := hpack.HuffmanDecode(&buf, raw); err != nil {
		return nil, 0, false, true
	}
	return buf.Bytes(), n + int(l), true, false
}

// Wireshark's limits on one header block (MAX_HTTP2_HEADER_LINES, MAX_HTTP2_HEADER_SIZE).
const (
	h2MaxHeaderLines = 200
	h2MaxHeaderSize  = 256 * 1024
)

// h2Block is what decoding one frame's header block fragment gave.
type h2Block struct {
	hdrs          []h2Header
	sizeReached   uint32 // with sizeAttempted: decompression stopped at the size limit
	sizeAttempted uint32
	linesExceeded bool
}

// decode inflates a header block fragment; final says it ends the block (END_HEADERS).
func (d *hpackDecoder) decode(frag []byte, final bool) h2Block {
	var out h2Block
	if d.bad {
		return out
	}
	d.prime()
	b := frag
	carried := len(d.carry) // bytes of the previous fragment the first representation began with
	if carried > 0 {
		b = append(d.carry, frag...)
		d.carry = nil
	}
	decompressed := uint32(0)
	p := 0
	for {
		if len(out.hdrs) >= h2MaxHeaderLines {
			out.linesExceeded = true
			return out
		}
		if p >= len(b) {
			if final {
				d.state = hpackStart
			}
			return out
		}
		h, n, ok, bad := d.one(b[p:])
		if bad {
			d.bad = true
			return out
		}
		if !ok {
			if final {
				d.bad = true
			} else {
				d.carry = append([]byte(nil), b[p:]...)
			}
			return out
		}
		p += n
		if carried > 0 { // nghttp2 counts only this fragment's bytes of it
			h.n = max(h.n-carried, 0)
			carried = 0
		}
		if h.repr != hpackSizeUpdate {
			dl := uint32(8 + len(h.name) + len(h.value))
			if decompressed+dl >= h2MaxHeaderSize {
				out.sizeReached, out.sizeAttempted = decompressed, decompressed+dl
				return out
			}
			decompressed += dl
		}
		out.hdrs = append(out.hdrs, h)
	}
}

// one decodes the representation at b[0]; ok is false when b ends first.
func (d *hpackDecoder) one(b []byte) (h h2Header, n int, ok, bad bool) {
	c := b[0]
	if d.state == hpackExpectSize && c&0xe0 != 0x20 {
		return h, 0, false, true
	}
	if c&0xe0 == 0x20 { // dynamic table size update
		if d.state == hpackOpcode {
			return h, 0, false, true
		}
		v, used, ok, bad := hpackInt(b, 5)
		if !ok || bad {
			return h, 0, ok, bad
		}
		if v > uint64(d.settingsMax) || (d.state == hpackExpectSize && v > uint64(d.minMax)) {
			return h, 0, false, true
		}
		d.state = hpackStart
		d.minMax = ^uint32(0)
		d.max = uint32(v)
		d.shrink()
		return h2Header{repr: hpackSizeUpdate, n: used, idx: uint32(v)}, used, true, false
	}
	if c&0x80 != 0 { // indexed
		v, used, ok, bad := hpackInt(b, 7)
		if !ok || bad {
			return h, 0, ok, bad
		}
		f, found := d.lookup(v)
		if !found {
			return h, 0, false, true
		}
		d.state = hpackOpcode
		return h2Header{repr: hpackIndexed, n: used, idx: uint32(v), name: f.name, value: f.value}, used, true, false
	}
	var repr hpackRepr
	var prefix uint
	indexing := false
	switch {
	case c&0x40 != 0:
		repr, prefix, indexing = hpackIncIndexedName, 6, true
	case c&0xf0 == 0x10:
		repr, prefix = hpackNeverIndexedName, 4
	default:
		repr, prefix = hpackNoIndexIndexedName, 4
	}
	idx, used, ok, bad := hpackInt(b, prefix)
	if !ok || bad {
		return h, 0, ok, bad
	}
	p := used
	var name []byte
	if idx == 0 {
		repr++ // the "New Name" form follows each "Indexed Name" one
		s, n, ok, bad := hpackString(b[p:])
		if !ok || bad {
			return h, 0, ok, bad
		}
		name, p = s, p+n
	} else {
		f, found := d.lookup(idx)
		if !found {
			return h, 0, false, true
		}
		name = f.name
	}
	value, vn, ok, bad := hpackString(b[p:])
	if !ok || bad {
		return h, 0, ok, bad
	}
	p += vn
	if indexing {
		d.add(name, value)
	}
	d.state = hpackOpcode
	return h2Header{repr: repr, n: p, idx: uint32(idx), name: name, value: value}, p, true, false
}
