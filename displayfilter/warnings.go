package displayfilter

import (
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// Warning is a remark about a valid filter that may not mean what its author thinks: the yellow
// filter bar of Wireshark.
type Warning struct {
	Pos, Len int
	Msg      string
}

// multiFieldSuffixes name fields that usually occur more than once in a packet (source and
// destination both fill "ip.addr").
var multiFieldSuffixes = []string{".addr", ".port", ".host", ".hostname"}

// Warnings returns the remarks for a filter that compiles; nil for an invalid or unremarkable one.
// It flags "a != b" on fields that usually occur twice: "ip.addr != 10.0.0.1" drops every packet
// to or from 10.0.0.1, which is often not what was meant ("!==" is "some occurrence differs").
func Warnings(text string, reg *field.Registry) []Warning {
	if _, err := compile(text, reg); err != nil {
		return nil
	}
	root, _ := parse(text)
	var out []Warning
	walkTests(root, func(t *test) bool {
		if t.kind != tCmp || t.op != opNe || t.q != qNone || t.a.kind != eWord {
			return true
		}
		f, ok := reg.Lookup(t.a.text)
		if !ok {
			return true
		}
		for _, s := range multiFieldSuffixes {
			if strings.HasSuffix(f.Abbrev, s) {
				out = append(out, Warning{Pos: t.pos, Len: t.end - t.pos, Msg: `"` + t.opText + `" means no ` +
					f.Abbrev + ` equals the value, and ` + f.Abbrev + ` may occur more than once; use "!==" if any differing occurrence should match`})
				break
			}
		}
		return true
	})
	return out
}
