package dissect

import (
	"strconv"
	"time"
)

// A small reader of ASN.1 BER (X.690) shared by the protocols Wireshark dissects from ASN.1 modules
// (packet-ber.c): SNMP, Kerberos, LDAP, SPNEGO, X.509. It reads one element's header at a time over a
// Tvb, so a cut or lying length panics like any Tvb read and becomes a malformed-packet item; nothing
// is copied or allocated.

// BER classes.
const (
	berUniversal   = 0
	berApplication = 1
	berContext     = 2
	berPrivate     = 3
)

// Universal tags.
const (
	berTagBoolean     = 1
	berTagInteger     = 2
	berTagBitString   = 3
	berTagOctetString = 4
	berTagNull        = 5
	berTagOID         = 6
	berTagEnumerated  = 10
	berTagUTF8String  = 12
	berTagSequence    = 16
	berTagSet         = 17
	berTagPrintable   = 19
	berTagT61String   = 20
	berTagIA5String   = 22
	berTagUTCTime     = 23
	berTagGenTime     = 24
	berTagGeneralStr  = 27
	berTagUniversal   = 28
	berTagBMPString   = 30
)

// berTLV is one BER element: its class, tag and form, where it starts, its header and value lengths.
type berTLV struct {
	cls, tag int
	cons     bool
	o, hl, n int
}

// v is the offset of the element's value.
func (e berTLV) v() int { return e.o + e.hl }

// end is the offset after the element.
func (e berTLV) end() int { return e.o + e.hl + e.n }

// size is the length of the whole element, header included.
func (e berTLV) size() int { return e.hl + e.n }

// is reports whether the element has class cls and tag tag.
func (e berTLV) is(cls, tag int) bool { return e.cls == cls && e.tag == tag }

// ctx reports whether the element is the context-specific tag [tag].
func (e berTLV) ctx(tag int) bool { return e.cls == berContext && e.tag == tag }

// readBER reads the element at o; it panics like the Tvb readers when its header or value is cut.
func readBER(t Tvb, o int) berTLV {
	b := t.U8(o)
	e := berTLV{cls: int(b >> 6), cons: b&0x20 != 0, tag: int(b & 0x1f), o: o}
	p := o + 1
	if e.tag == 0x1f {
		e.tag = 0
		for i := 0; ; i++ {
			x := t.U8(p)
			p++
			e.tag = e.tag<<7 | int(x&0x7f)
			if x&0x80 == 0 || i > 3 {
				break
			}
		}
	}
	l := int(t.U8(p))
	p++
	if l&0x80 != 0 {
		k := l & 0x7f
		if k == 0 || k > 3 {
			t.Need(t.Len()+1, 0) // indefinite or absurd lengths: malformed
		}
		l = 0
		for i := 0; i < k; i++ {
			l = l<<8 | int(t.U8(p))
			p++
		}
	}
	e.hl, e.n = p-o, l
	t.Need(p, l)
	return e
}

// berIter walks the elements inside a constructed element (or any range of elements).
type berIter struct {
	t        Tvb
	o, limit int
}

// berIn returns an iterator over the elements inside e.
func berIn(t Tvb, e berTLV) berIter { return berIter{t: t, o: e.v(), limit: e.end()} }

// more reports whether another element follows.
func (it *berIter) more() bool { return it.o < it.limit }

// next reads the next element; an element running past its container is malformed.
func (it *berIter) next() berTLV {
	e := readBER(it.t, it.o)
	if e.end() > it.limit {
		it.t.Need(it.t.Len()+1, 0)
	}
	it.o = e.end()
	return e
}

// berCount returns the number of elements inside e.
func berCount(t Tvb, e berTLV) int {
	n := 0
	for it := berIn(t, e); it.more(); it.next() {
		n++
	}
	return n
}

// berInt reads a signed big-endian integer of n bytes.
func berInt(t Tvb, o, n int) int64 {
	if n == 0 {
		return 0
	}
	if n > 8 {
		o += n - 8
		n = 8
	}
	v := int64(int8(t.U8(o)))
	for i := 1; i < n; i++ {
		v = v<<8 | int64(t.U8(o+i))
	}
	return v
}

// berUint reads an unsigned big-endian integer of n bytes (a leading zero byte allowed).
func berUint(t Tvb, o, n int) uint64 {
	var v uint64
	for i := 0; i < n; i++ {
		v = v<<8 | uint64(t.U8(o+i))
	}
	return v
}

// eInt is the element's value as a signed integer.
func (e berTLV) eInt(t Tvb) int64 { return berInt(t, e.v(), e.n) }

// eUint is the element's value as an unsigned integer.
func (e berTLV) eUint(t Tvb) uint64 { return berUint(t, e.v(), e.n) }

// eBytes is the element's value.
func (e berTLV) eBytes(t Tvb) []byte { return t.Bytes(e.v(), e.n) }

// oidString formats BER object identifier contents as dotted decimal.
func oidString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	var s []byte
	var v uint64
	first := true
	for _, x := range b {
		v = v<<7 | uint64(x&0x7f)
		if x&0x80 != 0 {
			continue
		}
		if first {
			switch {
			case v < 40:
				s = append(s, '0', '.')
				s = strconv.AppendUint(s, v, 10)
			case v < 80:
				s = append(s, '1', '.')
				s = strconv.AppendUint(s, v-40, 10)
			default:
				s = append(s, '2', '.')
				s = strconv.AppendUint(s, v-80, 10)
			}
			first = false
		} else {
			s = append(s, '.')
			s = strconv.AppendUint(s, v, 10)
		}
		v = 0
	}
	return string(s)
}

// berTime parses a GeneralizedTime ("20370913024805Z", with optional fraction) or, when utc is set,
// a UTCTime ("370913024805Z") into ns since the epoch.
func berTime(b []byte, utc bool) (int64, bool) {
	s := string(b)
	layouts := []string{"20060102150405Z0700", "20060102150405.999999999Z0700", "200601021504Z0700"}
	if utc {
		layouts = []string{"060102150405Z0700", "0601021504Z0700"}
	}
	for _, l := range layouts {
		if tm, err := time.Parse(l, s); err == nil {
			return tm.UnixNano(), true
		}
	}
	return 0, false
}
