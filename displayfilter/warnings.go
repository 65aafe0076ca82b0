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
//
// Warnings that the filter names a protocol that is not dissected come first (UndissectedWarnings).
func Warnings(text string, reg *field.Registry) []Warning {
	if _, err := compile(text, reg); err != nil {
		return nil
	}
	root, _ := parse(text)
	out := undissectedWarnings(root, reg)
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

// UndissectedWarnings returns, for a filter that compiles, a warning for each protocol Wireshark
// knows but this program does not dissect that the filter names, itself or by one of its fields:
// "smb2 is not dissected: this filter cannot match". The filter is valid (as in tshark) but a test
// on such a protocol never succeeds. The command line prints them on standard error and the filter
// bar shows them.
func UndissectedWarnings(text string, reg *field.Registry) []Warning {
	if _, err := compile(text, reg); err != nil {
		return nil
	}
	root, _ := parse(text)
	return undissectedWarnings(root, reg)
}

func undissectedWarnings(root *test, reg *field.Registry) []Warning {
	var out []Warning
	seen := map[string]bool{}
	var visit func(e *expr)
	visit = func(e *expr) {
		if e == nil {
			return
		}
		if e.kind == eWord || e.kind == eRef {
			var p *field.Field
			if f, ok := reg.Lookup(e.text); ok {
				if f.Undissected {
					p = f
				}
			} else if u, ok := reg.UndissectedUnder(e.text); ok {
				p = u
			}
			if p != nil && !seen[p.Abbrev] {
				seen[p.Abbrev] = true
				out = append(out, Warning{Pos: e.pos, Len: e.end - e.pos, Msg: p.Abbrev + " is not dissected: this filter cannot match"})
			}
		}
		visit(e.x)
		visit(e.y)
		for _, a := range e.args {
			visit(a)
		}
	}
	var walk func(t *test)
	walk = func(t *test) {
		if t == nil {
			return
		}
		walk(t.l)
		walk(t.r)
		visit(t.a)
		visit(t.b)
		for _, se := range t.set {
			visit(se.lo)
			visit(se.hi)
		}
	}
	walk(root)
	return out
}
