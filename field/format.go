package field

import (
	"encoding/hex"
	"math/bits"
	"net/netip"
	"strconv"
	"time"
	"unicode/utf8"
)

// AppendRepr appends the value as tshark's `-T fields` prints it (fvalue_to_string_repr with the
// field's display): integers in their base with hex padded to the type's width, value names not
// applied, booleans as 1/0, times as Wireshark prints them, bytes as plain hex.
func (f *Field) AppendRepr(dst []byte, v Value) []byte { return f.AppendReprSize(dst, v, 0) }

// AppendReprSize is AppendRepr for a node covering size bytes: tshark pads a bitfield's hexadecimal
// value to the bytes the item covers ("0x03" for a one-byte item of a masked 16-bit field), and
// other values to the type's width.
func (f *Field) AppendReprSize(dst []byte, v Value, size int) []byte {
	switch t := f.Type; {
	case t == Bool:
		if v.U != 0 {
			return append(dst, '1')
		}
		return append(dst, '0')
	case t.IsUnsigned():
		switch f.Base {
		case Hex, HexDec:
			digits := t.Size() * 2
			if f.Mask != 0 && size > 0 && size < t.Size() {
				digits = size * 2
			}
			return appendHex(dst, v.U, digits)
		}
		return strconv.AppendUint(dst, v.U, 10) // BASE_OCT too: tshark 4.0 prints it in decimal here
	case t.IsSigned():
		if f.Base == Hex || f.Base == HexDec {
			return appendHex(dst, uint64(v.I)&(1<<(uint(t.Size())*8)-1), t.Size()*2)
		}
		return strconv.AppendInt(dst, v.I, 10)
	case t == Float:
		return strconv.AppendFloat(dst, v.F, 'g', 6, 32)
	case t == Double:
		return strconv.AppendFloat(dst, v.F, 'g', 15, 64)
	case t == AbsTime:
		return AppendAbsTime(dst, v.I, f.Base)
	case t == RelTime && f.Base == TimeFrame:
		return AppendFrameEpoch(dst, v.I)
	case t == RelTime:
		return AppendRelTime(dst, v.I)
	case t.IsString():
		return AppendEscaped(dst, v.B)
	case t == Ether:
		return AppendHexSep(dst, v.B, ':')
	case t == IPv4, t == IPv6:
		return AppendAddr(dst, v.B)
	case t == None, t == Protocol:
		return dst
	case t == GUID && len(v.B) == 16: // stored in printing order: 8-4-4-4-12 hex digits
		for i, x := range v.B {
			if i == 4 || i == 6 || i == 8 || i == 10 {
				dst = append(dst, '-')
			}
			dst = append(dst, "0123456789abcdef"[x>>4], "0123456789abcdef"[x&15])
		}
		return dst
	case t == SystemID && len(v.B) >= 6 && len(v.B) <= 8:
		return AppendSystemID(dst, v.B)
	case t == Bytes, t == UintBytes, t == GUID, t == OID, t == EUI64, t == SystemID:
		if len(v.B) == 0 && t == Bytes {
			// tshark 4.0: "<MISSING>" when the bytes are absent, "<none>" when there are zero of them
			if v.B == nil {
				return append(dst, "<MISSING>"...)
			}
			return append(dst, "<none>"...)
		}
		switch f.Base {
		case SepColon:
			return AppendHexSep(dst, v.B, ':')
		case SepDash:
			return AppendHexSep(dst, v.B, '-')
		case SepDot:
			return AppendHexSep(dst, v.B, '.')
		case SepSpace:
			return AppendHexSep(dst, v.B, ' ')
		}
		return hex.AppendEncode(dst, v.B)
	}
	return dst
}

// Repr returns AppendRepr as a string.
func (f *Field) Repr(v Value) string { return string(f.AppendRepr(nil, v)) }

// Label builds the tree label Wireshark would give a node of this field with no custom text
// (proto_item_fill_label): "Name: value", with value names, units, and the bit pattern of masked fields.
func (f *Field) Label(v Value) string {
	var b []byte
	switch t := f.Type; {
	case t == None, t == Protocol:
		return f.Name
	case t == Bool:
		b = f.appendBitPattern(b, v.U)
		b = append(b, f.Name...)
		b = append(b, ": "...)
		b = append(b, f.BoolName(v.U != 0)...)
	case t.IsInteger():
		b = f.appendBitPattern(b, v.U)
		b = append(b, f.Name...)
		b = append(b, ": "...)
		b = f.AppendDisplay(b, v)
	case t == Bytes || t == UintBytes:
		b = append(b, f.Name...)
		b = append(b, ": "...)
		if v.B == nil {
			b = append(b, "<MISSING>"...)
		} else if len(v.B) == 0 {
			b = append(b, "<none>"...)
		} else {
			b = appendBytesLabel(b, v.B, f.Base)
		}
	default:
		b = append(b, f.Name...)
		b = append(b, ": "...)
		b = f.AppendDisplay(b, v)
	}
	return string(b)
}

// LabelNamed is Label with names: an Ether, IPv4 or IPv6 field whose kind of names nm shows is
// labelled "Name: name (address)". A nil nm gives Label.
func (f *Field) LabelNamed(v Value, nm Namer) string {
	if nm != nil && (f.Type == Ether || f.Type == IPv4 || f.Type == IPv6) {
		if name, ok := nm.AddrName(f.Type, v.B); ok {
			b := make([]byte, 0, len(f.Name)+len(name)+48)
			b = append(b, f.Name...)
			b = append(b, ": "...)
			b = append(b, name...)
			b = append(b, " ("...)
			b = f.AppendRepr(b, v)
			return string(append(b, ')'))
		}
	}
	return f.Label(v)
}

// BoolName returns the name of a boolean state ("True"/"False" unless the field names them).
func (f *Field) BoolName(set bool) string {
	if f.TrueFalse != nil {
		if set {
			return f.TrueFalse[0]
		}
		return f.TrueFalse[1]
	}
	if set {
		return "True"
	}
	return "False"
}

// AppendDisplay appends the value as a label shows it after "Name: " (value names, units, hex and
// decimal per base), without the bit pattern.
func (f *Field) AppendDisplay(b []byte, v Value) []byte {
	t := f.Type
	switch {
	case t == Bool:
		return append(b, f.BoolName(v.U != 0)...)
	case t.IsInteger():
		u := v.U
		if t.IsSigned() {
			u = uint64(v.I)
		}
		digits := f.hexDigits()
		num := func(b []byte) []byte {
			if t.IsSigned() {
				return strconv.AppendInt(b, v.I, 10)
			}
			return strconv.AppendUint(b, u, 10)
		}
		if name, ok := f.ValueName(u); ok && f.HasNames() {
			b = append(b, name...)
			if f.Base == BaseNone { // BASE_NONE with value names shows the name alone
				return b
			}
			b = append(b, " ("...)
			if f.Base == Hex || f.Base == HexDec {
				b = appendHex(b, u, digits)
			} else {
				b = num(b)
			}
			return append(b, ')')
		}
		if f.HasNames() && !t.IsSigned() {
			b = append(b, "Unknown ("...)
			if f.Base == Hex || f.Base == HexDec {
				b = appendHex(b, u, digits)
			} else {
				b = num(b)
			}
			return append(b, ')')
		}
		switch f.Base {
		case Hex:
			b = appendHex(b, u, digits)
		case HexDec:
			b = appendHex(b, u, digits)
			b = append(b, " ("...)
			b = num(b)
			b = append(b, ')')
		case DecHex:
			b = num(b)
			b = append(b, " ("...)
			b = appendHex(b, u, digits)
			b = append(b, ')')
		case Oct:
			b = append(b, '0')
			b = strconv.AppendUint(b, u, 8)
		default:
			b = num(b)
		}
		if f.Unit != "" {
			b = append(b, ' ')
			b = append(b, f.Unit...)
		}
		return b
	case t == RelTime:
		b = AppendRelTime(b, v.I)
		return append(b, " seconds"...)
	case t == Bytes || t == UintBytes:
		return appendBytesLabel(b, v.B, f.Base)
	}
	return f.AppendRepr(b, v)
}

// hexDigits is how many hex digits a label shows: the width of the mask's bits if there is one, else
// the type's width.
func (f *Field) hexDigits() int {
	if f.Mask != 0 {
		n := bits.Len64(f.Mask >> f.Shift())
		return (n + 3) / 4
	}
	return f.Type.Size() * 2
}

// appendBitPattern appends "..1. .... = " for a masked field; nothing for an unmasked one.
func (f *Field) appendBitPattern(b []byte, v uint64) []byte {
	if f.Mask == 0 {
		return b
	}
	w := f.BitWidth()
	raw := v << f.Shift()
	for i := w - 1; i >= 0; i-- {
		bit := uint64(1) << uint(i)
		switch {
		case f.Mask&bit == 0:
			b = append(b, '.')
		case raw&bit != 0:
			b = append(b, '1')
		default:
			b = append(b, '0')
		}
		if i > 0 && i%4 == 0 {
			b = append(b, ' ')
		}
	}
	return append(b, " = "...)
}

// BitPattern returns the "..1. ...." pattern of a masked field's value (empty without a mask).
func (f *Field) BitPattern(v uint64) string {
	b := f.appendBitPattern(nil, v)
	if len(b) >= 3 {
		b = b[:len(b)-3]
	}
	return string(b)
}

func appendHex(b []byte, u uint64, digits int) []byte {
	b = append(b, '0', 'x')
	var tmp [16]byte
	s := strconv.AppendUint(tmp[:0], u, 16)
	for i := len(s); i < digits; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// AppendHexSep appends bytes as hex separated by sep ("00:1a:2b").
func AppendHexSep(b, data []byte, sep byte) []byte {
	const digits = "0123456789abcdef"
	for i, c := range data {
		if i > 0 {
			b = append(b, sep)
		}
		b = append(b, digits[c>>4], digits[c&15])
	}
	return b
}

// maxLabelBytes is how many bytes a label shows before an ellipsis (Wireshark's bytes_to_str).
const maxLabelBytes = 36

func appendBytesLabel(b, data []byte, base Base) []byte {
	trunc := len(data) > maxLabelBytes
	if trunc {
		data = data[:maxLabelBytes]
	}
	switch base {
	case SepColon:
		b = AppendHexSep(b, data, ':')
	case SepDash:
		b = AppendHexSep(b, data, '-')
	case SepSpace:
		b = AppendHexSep(b, data, ' ')
	default:
		b = hex.AppendEncode(b, data)
	}
	if trunc {
		b = append(b, "…"...)
	}
	return b
}

// AppendAddr appends a 4- or 16-byte address in text form.
func AppendAddr(b, a []byte) []byte {
	switch len(a) {
	case 4:
		return netip.AddrFrom4([4]byte(a)).AppendTo(b)
	case 16:
		return netip.AddrFrom16([16]byte(a)).AppendTo(b)
	}
	return hex.AppendEncode(b, a)
}

// AppendAbsTime appends an absolute time (ns since the epoch) as Wireshark shows it:
// "Nov 22, 2026 03:25:28.465696000 UTC" in local time or UTC.
func AppendAbsTime(b []byte, ns int64, base Base) []byte {
	if base == TimeNTP && ns == 0 {
		return append(b, "NULL"...)
	}
	t := time.Unix(0, ns)
	if base == TimeFrame {
		t = FrameTime(ns)
	}
	if base == TimeUTC || base == TimeDOYUTC || base == TimeNTP {
		t = t.UTC()
	} else {
		t = t.Local()
	}
	if base == TimeDOYUTC {
		return t.AppendFormat(b, "2006/002 15:04:05.000000000 MST")
	}
	return t.AppendFormat(b, "Jan _2, 2006 15:04:05.000000000 MST")
}

// AppendRelTime appends a time offset in nanoseconds as seconds with nine decimals ("0.000211000").
func AppendRelTime(b []byte, ns int64) []byte {
	u := uint64(ns)
	if ns < 0 {
		b = append(b, '-')
		u = -u // the magnitude, also of the most negative offset
	}
	return appendSecs9(b, u)
}

// appendSecs9 appends u nanoseconds as seconds with nine decimals.
func appendSecs9(b []byte, u uint64) []byte {
	b = strconv.AppendUint(b, u/1e9, 10)
	b = append(b, '.')
	frac := u % 1e9
	var tmp [9]byte
	for i := 8; i >= 0; i-- {
		tmp[i] = byte('0' + frac%10)
		frac /= 10
	}
	return append(b, tmp[:]...)
}

// TruncUTF8 cuts s to at most n bytes without splitting a UTF-8 character, as Wireshark cuts the
// texts it formats into fixed buffers.
func TruncUTF8(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// AppendSystemID appends an OSI system ID the way Wireshark prints one: "1921.6800.1001", with ".nn"
// for a 7th (pseudonode) byte and "-nn" for an 8th (LSP number) byte.
func AppendSystemID(b, id []byte) []byte {
	for i := 0; i < 6; i++ {
		if i == 2 || i == 4 {
			b = append(b, '.')
		}
		b = append(b, sysIDHex[id[i]>>4], sysIDHex[id[i]&15])
	}
	if len(id) >= 7 {
		b = append(b, '.', sysIDHex[id[6]>>4], sysIDHex[id[6]&15])
	}
	if len(id) == 8 {
		b = append(b, '-', sysIDHex[id[7]>>4], sysIDHex[id[7]&15])
	}
	return b
}

const sysIDHex = "0123456789abcdef"
