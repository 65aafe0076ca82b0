package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// HTML form data (application/x-www-form-urlencoded) as Wireshark 4.0's packet-http-urlencoded.c
// shows it: one "Form item" per '&'-separated pair, key and value with %XX escapes and '+' decoded.

var (
	protoURLEncoded  = Fields.Protocol("urlencoded-form", "HTML Form URL Encoded")
	hfFormKey        = Fields.Add(protoURLEncoded, "urlencoded-form.key", "Key", field.String)
	hfFormValue      = Fields.Add(protoURLEncoded, "urlencoded-form.value", "Value", field.String)
	handleURLEncoded = &Handle{Name: "urlencoded-form", Fn: dissectURLEncoded}
)

func init() {
	RegisterShortName(protoURLEncoded, "URL Encoded Form Data")
	AddMediaType("application/x-www-form-urlencoded", handleURLEncoded)
}

func dissectURLEncoded(c *Ctx, t Tvb, parent int32) {
	mt := c.mediaType
	if mt != "" {
		c.AppendInfoSep(" ", "("+mt+")")
	}
	p := c.AddProto(parent, protoURLEncoded, t, 0, -1)
	if mt != "" {
		c.Label(p, "HTML Form URL Encoded: %s", mt)
	}
	for off := 0; off < t.Len(); {
		start := off
		it := c.AddText(p, t, off, 0, "Form item")
		key, next, ok := formToken(t.B, off, '=')
		if !ok {
			break
		}
		c.AddBytesV(it, hfFormKey, t, off, next-off, key)
		off = next + 1
		value, next, ok := formToken(t.B, off, '&')
		if !ok {
			break
		}
		c.AddBytesV(it, hfFormValue, t, min(off, t.Len()), max(next-off, 0), value)
		if c.Visible() {
			c.T.SetLabel(it, "Form item: \""+string(key)+"\" = \""+string(value)+"\"")
		}
		off = next + 1
		c.T.SetLen(it, min(off, t.Len())-start)
	}
}

// formToken decodes b[off:] up to delimiter d or the end (get_form_key_value): '+' is a space and
// %XX a byte. It returns the decoded text, the delimiter's offset and false for a bad escape.
func formToken(b []byte, off int, d byte) ([]byte, int, bool) {
	if off >= len(b) {
		return nil, len(b), true
	}
	var out []byte
	i := off
	for ; i < len(b) && b[i] != d; i++ {
		switch ch := b[i]; ch {
		case '+':
			out = append(out, ' ')
		case '%':
			if i+2 >= len(b) {
				return nil, 0, false
			}
			hi, lo := unhex(b[i+1]), unhex(b[i+2])
			if hi < 0 || lo < 0 {
				return nil, 0, false
			}
			out = append(out, byte(hi<<4|lo))
			i += 2
		default:
			out = append(out, ch)
		}
	}
	return out, i, true
}
