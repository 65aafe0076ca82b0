package displayfilter

import (
	"bytes"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tshark-tui/tshark-tui/field"
)

// val is one value during evaluation, tagged by the static type of the expression producing it.
// Integers live in u (unsigned) and i (signed) together; times in i (ns); addresses and bytes in b,
// with the CIDR prefix length in u for IPv4/IPv6; l is the byte length the value covers in the packet.
type val struct {
	u uint64
	i int64
	f float64
	b []byte
	l int32
	// signed marks an integer that arithmetic on unsigned fields made signed (overflow.go):
	// comparisons with it are signed
	signed bool
}

// class groups field types that compare the same way.
type class uint8

const (
	cNone class = iota
	cUint
	cInt
	cBool
	cFloat
	cTime
	cBytes
	cIPv4
	cIPv6
)

func classOf(t field.Type) class {
	switch {
	case t == field.Bool:
		return cBool
	case t.IsUnsigned():
		return cUint
	case t.IsSigned():
		return cInt
	case t == field.Float || t == field.Double:
		return cFloat
	case t == field.AbsTime || t == field.RelTime:
		return cTime
	case t == field.IPv4:
		return cIPv4
	case t == field.IPv6:
		return cIPv6
	case t == field.None:
		return cNone
	}
	return cBytes
}

// prettyName is Wireshark 4.0's ftype_pretty_name, used in error messages.
func prettyName(t field.Type) string {
	switch {
	case t.IsUnsigned() && t != field.Bool && t != field.Char && t != field.FrameNum:
		return "Unsigned integer (" + byteCount(t.Size()) + ")"
	case t.IsSigned():
		return "Signed integer (" + byteCount(t.Size()) + ")"
	case t.IsString():
		return "Character string"
	}
	switch t {
	case field.None:
		return "Label"
	case field.Protocol:
		return "Protocol"
	case field.Bool:
		return "Boolean"
	case field.Char:
		return "Character (1 byte)"
	case field.FrameNum:
		return "Frame number"
	case field.Float:
		return "Floating point (single-precision)"
	case field.Double:
		return "Floating point (double-precision)"
	case field.AbsTime:
		return "Date and time"
	case field.RelTime:
		return "Time offset"
	case field.Ether:
		return "Ethernet or other MAC address"
	case field.Bytes, field.UintBytes:
		return "Byte sequence"
	case field.IPv4:
		return "IPv4 address"
	case field.IPv6:
		return "IPv6 address"
	case field.GUID:
		return "Globally Unique Identifier"
	case field.OID:
		return "ASN.1 object identifier"
	case field.EUI64:
		return "EUI64 address"
	case field.SystemID:
		return "OSI System-ID"
	}
	return t.String()
}

func byteCount(n int) string {
	if n == 1 {
		return "1 byte"
	}
	return strconv.Itoa(n) + " bytes"
}

// decodeString returns the bytes of a quoted string token (with its quotes), handling escapes as
// Wireshark 4.0's scanner does; raw strings r"…" keep backslashes. On a bad escape it returns the
// offset of the backslash within tok and the message.
func decodeString(tok string) ([]byte, int, int, string) {
	if strings.HasPrefix(tok, "r") {
		return []byte(tok[2 : len(tok)-1]), 0, 0, ""
	}
	return unescape(tok, 1, len(tok)-1)
}

func unescape(tok string, from, to int) ([]byte, int, int, string) {
	out := make([]byte, 0, to-from)
	for i := from; i < to; {
		c := tok[i]
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		if i+1 >= to {
			return nil, i, 1, `\ is not a valid character escape sequence`
		}
		e := tok[i+1]
		switch e {
		case 'a':
			out = append(out, '\a')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'v':
			out = append(out, '\v')
		case '\\', '"', '\'':
			out = append(out, e)
		case 'x':
			j := i + 2
			for j < to && j < i+4 && isHex(tok[j]) {
				j++
			}
			if j == i+2 {
				return nil, i, 2, tok[i:i+2] + " is not a valid character escape sequence"
			}
			v, _ := strconv.ParseUint(tok[i+2:j], 16, 8)
			out = append(out, byte(v))
			i = j
			continue
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			if i+2+n > to {
				return nil, i, to - i, tok[i:to] + " is not a valid universal character name"
			}
			v, err := strconv.ParseUint(tok[i+2:i+2+n], 16, 32)
			// C11's rule, which tshark 4.0 applies: no basic characters, no surrogates.
			if err != nil || !utf8.ValidRune(rune(v)) || (v < 0xa0 && v != 0x24 && v != 0x40 && v != 0x60) {
				return nil, i, 2 + n, tok[i:i+2+n] + " is not a valid universal character name"
			}
			out = utf8.AppendRune(out, rune(v))
			i += 2 + n
			continue
		default:
			if e >= '0' && e <= '7' {
				j := i + 1
				for j < to && j < i+4 && tok[j] >= '0' && tok[j] <= '7' {
					j++
				}
				v, _ := strconv.ParseUint(tok[i+1:j], 8, 16)
				if v > 255 {
					return nil, i, j - i, tok[i:j] + " is not a valid character escape sequence"
				}
				out = append(out, byte(v))
				i = j
				continue
			}
			_, n := utf8.DecodeRuneInString(tok[i+1 : to])
			return nil, i, 1 + n, tok[i:i+1+n] + " is not a valid character escape sequence"
		}
		i += 2
	}
	return out, 0, 0, ""
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// parseUint parses an unsigned number the way strtoull(s, 0) with full consumption does: 0x hex,
// leading-0 octal, else decimal.
func parseUint(s string) (uint64, bool, bool) { // value, ok, overflow
	base := 10
	digits := s
	switch {
	case len(s) > 2 && (s[:2] == "0x" || s[:2] == "0X"):
		base, digits = 16, s[2:]
	case len(s) > 2 && (s[:2] == "0b" || s[:2] == "0B"):
		base, digits = 2, s[2:]
	case len(s) > 1 && s[0] == '0':
		base, digits = 8, s[1:]
	}
	if digits == "" {
		return 0, false, false
	}
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		var d int
		switch {
		case c >= '0' && c <= '9':
			d = int(c - '0')
		case c >= 'a' && c <= 'f':
			d = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			d = int(c-'A') + 10
		default:
			return 0, false, false
		}
		if d >= base {
			return 0, false, false
		}
	}
	v, err := strconv.ParseUint(digits, base, 64)
	if err != nil {
		return 0, true, true
	}
	return v, true, false
}

// parseHexBytes parses a byte string: hex pairs separated by ':', '-' or '.' (one or two digits per
// byte), or an unseparated run of hex digits (an odd count gets a leading zero).
func parseHexBytes(s string) ([]byte, bool) {
	if s == "" {
		return nil, false
	}
	sep := byte(0)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ':' || c == '-' || c == '.' {
			sep = c
			break
		}
	}
	var out []byte
	if sep == 0 {
		if len(s)%2 == 1 {
			s = "0" + s
		}
		for i := 0; i < len(s); i += 2 {
			if !isHex(s[i]) || !isHex(s[i+1]) {
				return nil, false
			}
			v, _ := strconv.ParseUint(s[i:i+2], 16, 8)
			out = append(out, byte(v))
		}
		return out, true
	}
	for _, part := range strings.Split(s, string(sep)) {
		if len(part) == 0 || len(part) > 2 || !isHex(part[0]) || (len(part) == 2 && !isHex(part[1])) {
			// Cisco-style quads "0011.2233.4455".
			if sep == '.' && len(part) == 4 && isHex(part[0]) && isHex(part[1]) && isHex(part[2]) && isHex(part[3]) {
				v, _ := strconv.ParseUint(part, 16, 16)
				out = append(out, byte(v>>8), byte(v))
				continue
			}
			return nil, false
		}
		v, _ := strconv.ParseUint(part, 16, 8)
		out = append(out, byte(v))
	}
	return out, true
}

// parseIP parses an address with an optional "/prefix" for IPv4 (bits 4) or IPv6 (bits 16).
func parseIP(s string, v6 bool) ([]byte, uint64, string) {
	addr, pfx, hasPfx := strings.Cut(s, "/")
	a, err := netip.ParseAddr(addr)
	full := uint64(32)
	kind := "IPv4"
	if v6 {
		full, kind = 128, "IPv6"
	}
	if err != nil || a.Is6() != v6 || a.Zone() != "" {
		return nil, 0, `"` + s + `" is not a valid hostname or ` + kind + ` address.`
	}
	bits := full
	if hasPfx {
		n, err := strconv.ParseUint(pfx, 10, 32)
		if err != nil {
			return nil, 0, `"` + s + `" is not a valid hostname or ` + kind + ` address.`
		}
		if n > full {
			if v6 {
				return nil, 0, "Prefix in a IPv6 address should be <= 128, not " + pfx
			}
			return nil, 0, "Netmask bits in a CIDR IPv4 address should be <= 32, not " + pfx
		}
		bits = n
	}
	return a.AsSlice(), bits, ""
}

var absTimeLayouts = []string{
	"Jan _2, 2006 15:04:05.999999999 MST",
	"Jan _2, 2006 15:04:05.999999999",
	"Jan _2, 2006 15:04:05 MST",
	"Jan _2, 2006 15:04:05",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

// parseAbsTime accepts the forms tshark 4.0 documents: "Nov 12, 1999 08:55:44.123" and ISO 8601
// "2011-07-04 12:34:56", local time unless a zone is given.
func parseAbsTime(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	for _, l := range absTimeLayouts {
		if t, err := time.ParseInLocation(l, s, time.Local); err == nil {
			return t.UnixNano(), true
		}
		if strings.HasSuffix(s, " UTC") {
			if t, err := time.ParseInLocation(strings.TrimSuffix(l, " MST"), strings.TrimSuffix(s, " UTC"), time.UTC); err == nil {
				return t.UnixNano(), true
			}
		}
	}
	return 0, false
}

// subsecondDigits counts the digits after the seconds of an absolute time ("15:04:05.123" has 3).
func subsecondDigits(s string) int {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return 0
	}
	_, frac, ok := strings.Cut(s[i:], ".")
	if !ok {
		return 0
	}
	n := 0
	for n < len(frac) && frac[n] >= '0' && frac[n] <= '9' {
		n++
	}
	return n
}

// parseRelTime parses "[-]seconds[.fraction]" into nanoseconds. Like tshark 4.0, text after the
// fraction is ignored ("0.5s"), but without a fraction the seconds must be the whole text.
func parseRelTime(s string) (int64, bool) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	sec, frac, hasFrac := strings.Cut(s, ".")
	if !allDigits(sec) || (!hasFrac && sec == "") {
		return 0, false
	}
	if hasFrac {
		n := 0
		for n < len(frac) && frac[n] >= '0' && frac[n] <= '9' {
			n++
		}
		frac = frac[:n]
	}
	var ns int64
	if sec != "" {
		v, err := strconv.ParseInt(sec, 10, 64)
		if err != nil || v > math.MaxInt64/1_000_000_000 {
			return 0, false
		}
		ns = v * 1e9
	}
	if len(frac) > 9 {
		return 0, false // tshark 4.0 keeps nanoseconds and refuses finer fractions
	}
	if frac != "" {
		v, _ := strconv.ParseInt(frac+strings.Repeat("0", 9-len(frac)), 10, 64)
		ns += v
	}
	if neg {
		ns = -ns
	}
	return ns, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// literal converts a literal expression (an unresolved word, a quoted string or a character
// constant) to a value of type t; fld (may be nil) supplies value names and the name in messages.
func literal(e *expr, t field.Type, fld *field.Field) (val, *Error) {
	fail := func(msg string) (val, *Error) { return val{}, errAt(e.pos, e.end, msg) }
	abbrev := ""
	if fld != nil {
		abbrev = fld.Abbrev
	}
	var str []byte // decoded string literal
	isStr := e.kind == eString
	if isStr {
		b, off, n, msg := decodeString(e.text)
		if msg != "" {
			return val{}, &Error{Pos: e.pos + off, Len: n, Msg: msg}
		}
		str = b
	}
	var char uint64
	isChar := e.kind == eChar
	if isChar {
		b, off, n, msg := unescape(e.text, 1, len(e.text)-1)
		if msg != "" {
			return val{}, &Error{Pos: e.pos + off, Len: n, Msg: msg}
		}
		if len(b) != 1 {
			return fail(e.text + " is too long to be a valid character constant.")
		}
		char = uint64(b[0])
	}
	w := e.text
	convErr := func() (val, *Error) {
		return fail(prettyName(t) + ` cannot be converted from a string ("` + string(str) + `").`)
	}
	names := func(s string) (val, bool) {
		if fld == nil {
			return val{}, false
		}
		if fld.Type == field.Bool {
			tf := [2]string{"True", "False"}
			if fld.TrueFalse != nil {
				tf = *fld.TrueFalse
			}
			if strings.EqualFold(s, tf[0]) {
				return val{u: 1, i: 1}, true
			}
			if strings.EqualFold(s, tf[1]) {
				return val{}, true
			}
			return val{}, false
		}
		for k, name := range fld.Strings {
			if strings.EqualFold(name, s) {
				return val{u: k, i: int64(k)}, true
			}
		}
		for _, r := range fld.Ranges {
			if strings.EqualFold(r.Name, s) {
				return val{u: r.Lo, i: int64(r.Lo)}, true
			}
		}
		return val{}, false
	}
	hasNames := fld != nil && (fld.HasNames() || fld.Type == field.Bool)
	notFound := func(s string) (val, *Error) {
		return fail(`"` + s + `" cannot be found among the possible values for ` + abbrev + `.`)
	}
	switch classOf(t) {
	case cNone:
		return fail(abbrev + " (type=Label) cannot participate in comparison.")
	case cUint, cBool:
		if isChar {
			return val{u: char, i: int64(char)}, nil
		}
		if isStr {
			if hasNames {
				if v, ok := names(string(str)); ok {
					return v, nil
				}
				return notFound(string(str))
			}
			return convErr()
		}
		if t == field.Bool {
			switch w {
			case "True", "TRUE":
				return val{u: 1, i: 1}, nil
			case "False", "FALSE":
				return val{}, nil
			}
		}
		v, ok, over := parseUint(w)
		if ok {
			max := uint64(math.MaxUint64)
			if sz := t.Size(); sz < 8 && t != field.Bool {
				max = 1<<(8*uint(sz)) - 1
			}
			if over || v > max {
				return fail(`"` + w + `" too big for this field, maximum ` + strconv.FormatUint(max, 10) + `.`)
			}
			if t == field.Bool && v != 0 {
				v = 1
			}
			return val{u: v, i: int64(v)}, nil
		}
		if hasNames {
			if v, ok := names(w); ok {
				return v, nil
			}
			return notFound(w)
		}
		return fail(`"` + w + `" is not a valid number.`)
	case cInt:
		if isChar {
			return val{u: char, i: int64(char)}, nil
		}
		if isStr {
			if hasNames {
				if v, ok := names(string(str)); ok {
					return v, nil
				}
				return notFound(string(str))
			}
			return convErr()
		}
		v, ok, over := parseUint(w)
		if ok {
			max := uint64(math.MaxInt64)
			if sz := t.Size(); sz < 8 {
				max = 1<<(8*uint(sz)-1) - 1
			}
			if over || v > max {
				return fail(`"` + w + `" too big for this field, maximum ` + strconv.FormatUint(max, 10) + `.`)
			}
			return val{u: v, i: int64(v)}, nil
		}
		if hasNames {
			if v, ok := names(w); ok {
				return v, nil
			}
			return notFound(w)
		}
		return fail(`"` + w + `" is not a valid number.`)
	case cFloat:
		if isStr {
			return convErr()
		}
		if isChar {
			return val{f: float64(char)}, nil
		}
		f, err := strconv.ParseFloat(w, 64)
		if err != nil || strings.ContainsAny(w, "_xXpP") {
			return fail(`"` + w + `" is not a valid number.`)
		}
		return val{f: f}, nil
	case cTime:
		if t == field.AbsTime {
			s := w
			if isStr {
				s = string(str)
			}
			if subsecondDigits(s) > 9 {
				return fail("Subseconds value is invalid.")
			}
			ns, ok := parseAbsTime(s)
			if !ok || isChar {
				return fail(`"` + s + `" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"`)
			}
			return val{i: ns}, nil
		}
		if isStr {
			return convErr()
		}
		ns, ok := parseRelTime(w)
		if !ok || isChar {
			return fail(`"` + w + `" is not a valid time.`)
		}
		return val{i: ns}, nil
	case cIPv4, cIPv6:
		if isStr || isChar {
			return convErr()
		}
		b, bits, msg := parseIP(w, t == field.IPv6)
		if msg != "" {
			return fail(msg)
		}
		return val{b: b, u: bits}, nil
	}
	// Byte-like types.
	if isChar {
		return val{b: []byte{byte(char)}}, nil
	}
	if t.IsString() {
		if isStr {
			return val{b: str}, nil
		}
		return val{b: []byte(w)}, nil
	}
	if t == field.Ether {
		if isStr {
			return convErr()
		}
		b, ok := parseHexBytes(w)
		switch {
		case !ok:
			return fail(`"` + w + `" is not a valid Ethernet address.`)
		case len(b) < 6:
			return fail(`"` + w + `" contains too few bytes to be a valid Ethernet address.`)
		case len(b) > 6:
			return fail(`"` + w + `" contains too many bytes to be a valid Ethernet address.`)
		}
		return val{b: b}, nil
	}
	if isStr {
		return val{b: str}, nil
	}
	if b, ok := parseHexBytes(w); ok {
		return val{b: b}, nil
	}
	if v, ok, over := parseUint(w); ok && !over {
		var tmp [8]byte
		n := 8
		for x := v; x > 0xff; x >>= 8 {
			n--
		}
		for i := 7; i >= 0; i-- {
			tmp[i] = byte(v)
			v >>= 8
		}
		return val{b: bytes.Clone(tmp[n-1:])}, nil
	}
	return fail(`"` + w + `" is not a valid byte string.`)
}
