package field

import (
	"bytes"
	"io"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// The one escaping rule for text that came from outside the program (packet bytes, capture-file
// metadata, file names, key files) on its way to a terminal or a text file. It is tshark 4.0's
// format_text, checked on crafted captures:
//   - printable ASCII stays; a backslash stays single;
//   - other ASCII (C0 controls, DEL) becomes \a \b \f \n \r \t \v or a three-digit octal escape (\033);
//   - multi-byte UTF-8 is decoded as Wireshark decodes it (overlong forms are accepted, so C0 80 is
//     U+0000); a character that is not printable (a C1 or other control, a format character such as
//     the bidirectional overrides U+202E and isolates U+2066, a surrogate, a noncharacter, an
//     unassigned code point) becomes \uXXXX or \UXXXXXXXX;
//   - a byte sequence that is not UTF-8 becomes U+FFFD, never a raw byte.
// So no escape sequence, control character, reordering mark or invalid byte reaches the terminal.

// AppendEscaped appends s escaped by the rule above.
func AppendEscaped(b, s []byte) []byte { return appendEscaped(b, s) }

// AppendEscapedString is AppendEscaped for a string.
func AppendEscapedString(b []byte, s string) []byte { return appendEscaped(b, s) }

// Escape returns s escaped by the rule above; s itself when it needs no escaping.
func Escape(s string) string {
	if isPlain(s) {
		return s
	}
	return string(appendEscaped(make([]byte, 0, len(s)+16), s))
}

// IsPlain reports whether s passes the escaping rule unchanged.
func IsPlain(s string) bool { return isPlain(s) }

func isPlain[T ~string | ~[]byte](s T) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		if c < 0x80 {
			return false
		}
		r, n := decodeRune(s[i:])
		if r < 0 || !isPrint(r) || !exact(s[i:i+n], r) {
			return false
		}
		i += n
	}
	return true
}

// exact reports whether the n bytes that decoded to r are r's shortest UTF-8 form, so that passing
// them through unchanged means passing r.
func exact[T ~string | ~[]byte](s T, r rune) bool { return utf8.RuneLen(r) == len(s) }

func appendEscaped[T ~string | ~[]byte](b []byte, s T) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			b = append(b, c)
			i++
			continue
		}
		if c < 0x80 {
			b = appendASCIIEscape(b, c)
			i++
			continue
		}
		r, n := decodeRune(s[i:])
		i += n
		switch {
		case r < 0:
			b = utf8.AppendRune(b, utf8.RuneError)
		case isPrint(r):
			b = utf8.AppendRune(b, r)
		default:
			b = appendUEscape(b, r)
		}
	}
	return b
}

// appendASCIIEscape writes an ASCII control byte as format_text does.
func appendASCIIEscape(b []byte, c byte) []byte {
	switch c {
	case '\a':
		return append(b, '\\', 'a')
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	case '\v':
		return append(b, '\\', 'v')
	}
	return append(b, '\\', '0'+c>>6, '0'+(c>>3)&7, '0'+c&7)
}

const upperHex = "0123456789ABCDEF"

// appendUEscape writes \uXXXX for the Basic Multilingual Plane and \UXXXXXXXX beyond it.
func appendUEscape(b []byte, r rune) []byte {
	digits := 4
	if r > 0xffff {
		b = append(b, '\\', 'U')
		digits = 8
	} else {
		b = append(b, '\\', 'u')
	}
	for sh := (digits - 1) * 4; sh >= 0; sh -= 4 {
		b = append(b, upperHex[(r>>sh)&0xf])
	}
	return b
}

// decodeRune decodes the multi-byte sequence that starts s (s[0] >= 0x80) the way Wireshark 4.0
// does: the lead byte gives the length (up to six bytes), a missing continuation byte ends the
// sequence early, overlong forms are accepted; it returns -1 for a sequence that is no character (a
// stray continuation byte, a cut sequence, a surrogate, a value beyond U+10FFFF) and how many bytes
// were consumed, at least one.
func decodeRune[T ~string | ~[]byte](s T) (rune, int) {
	c := s[0]
	var need int
	var r rune
	switch {
	case c < 0xc0 || c >= 0xfe:
		return -1, 1
	case c < 0xe0:
		need, r = 1, rune(c&0x1f)
	case c < 0xf0:
		need, r = 2, rune(c&0x0f)
	case c < 0xf8:
		need, r = 3, rune(c&0x07)
	case c < 0xfc:
		need, r = 4, rune(c&0x03)
	default:
		need, r = 5, rune(c&0x01)
	}
	n := 1
	for ; n <= need; n++ {
		if n >= len(s) || s[n]&0xc0 != 0x80 {
			return -1, n
		}
		r = r<<6 | rune(s[n]&0x3f)
	}
	if r > unicode.MaxRune || (r >= 0xd800 && r <= 0xdfff) {
		return -1, n
	}
	return r, n
}

// isPrint is GLib's g_unichar_isprint, which format_text uses: every assigned character except
// controls (Cc), format characters (Cf, among them the bidirectional controls) and surrogates.
// Private-use characters and the line and paragraph separators count as printable.
func isPrint(r rune) bool {
	if r >= 0x20 && r < 0x7f {
		return true
	}
	if r < 0xa0 || unicode.Is(unicode.Cf, r) {
		return false
	}
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Co)
}

// AppendJSONString appends s as a quoted JSON string that is also safe for a terminal: quotes and
// backslashes escaped, C0 controls as \b \f \n \r \t or \u00xx (as tshark's JSON writer does), and
// what the escaping rule above would escape (DEL, C1 and format controls, unassigned code points) as
// \uxxxx too, so the text a JSON parser gets back is the original; invalid UTF-8 (overlong forms
// included) becomes U+FFFD.
func AppendJSONString(b []byte, s []byte) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			if c == '"' || c == '\\' {
				b = append(b, '\\')
			}
			b = append(b, c)
			i++
			continue
		}
		if c < 0x80 {
			switch c {
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = appendJSONU(b, rune(c))
			}
			i++
			continue
		}
		r, n := decodeRune(s[i:])
		i += n
		switch {
		case r < 0 || utf8.RuneLen(r) != n:
			// an overlong form is no character to a JSON parser (and C0 A2 must not become a quote)
			b = utf8.AppendRune(b, utf8.RuneError)
		case isPrint(r):
			b = utf8.AppendRune(b, r)
		case r > 0xffff:
			hi, lo := utf16.EncodeRune(r)
			b = appendJSONU(appendJSONU(b, hi), lo)
		default:
			b = appendJSONU(b, r)
		}
	}
	return append(b, '"')
}

func appendJSONU(b []byte, r rune) []byte {
	const lowerHex = "0123456789abcdef"
	return append(b, '\\', 'u', lowerHex[r>>12&0xf], lowerHex[r>>8&0xf], lowerHex[r>>4&0xf], lowerHex[r&0xf])
}

// TerminalWriter returns w behind the escaping rule, newlines and tabs kept: for standard error,
// whose messages echo file names, arguments and system errors. Each Write is escaped on its own, so
// write whole messages. Wrapping twice is wrapping once.
func TerminalWriter(w io.Writer) io.Writer {
	if _, ok := w.(terminalWriter); ok {
		return w
	}
	return terminalWriter{w}
}

type terminalWriter struct{ w io.Writer }

func (t terminalWriter) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p)+16)
	for rest := p; len(rest) > 0; {
		i := bytes.IndexAny(rest, "\n\t")
		if i < 0 {
			out = appendEscaped(out, rest)
			break
		}
		out = append(appendEscaped(out, rest[:i]), rest[i])
		rest = rest[i+1:]
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// IsPrint reports whether the escaping rule lets r through unchanged: printable ASCII, and every
// assigned character beyond it that is not a control, a format character (bidirectional controls
// among them) or a surrogate.
func IsPrint(r rune) bool { return isPrint(r) }
