package batch

import (
	"strings"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
)

// json prints one packet in tshark's -T json shape: every node (hidden ones included) as "abbrev":
// "value", its children in "abbrev_tree", protocols and labelled items as objects; with -e, only
// the chosen fields as arrays of values.
func (p *printer) json(t *field.Tree, first bool) {
	b := p.buf[:0]
	if !first {
		b = append(b, ",\n"...)
	}
	ts := int64(0)
	if n := t.Nodes; len(n) > 1 {
		if f := t.First(hfFrameTime()); f != nil {
			ts = f.Value.I
		}
	}
	b = append(b, "  {\n    \"_index\": \"packets-"...)
	b = field.FrameTime(ts).AppendFormat(b, "2006-01-02")
	b = append(b, "\",\n    \"_type\": \"doc\",\n    \"_score\": null,\n    \"_source\": {\n      \"layers\": {\n"...)
	if len(p.o.Fields) > 0 {
		firstKey := true
		for _, f := range p.o.Fields {
			var vals [][]byte
			t.Each(f.ID, func(n *field.Node) bool {
				vals = append(vals, appendNodeRepr(nil, f, n, t))
				return true
			})
			if len(vals) == 0 {
				continue
			}
			if !firstKey {
				b = append(b, ",\n"...)
			}
			firstKey = false
			b = append(b, strings.Repeat(" ", 8)...)
			b = appendJSONString(b, []byte(f.Abbrev))
			b = append(b, ": [\n"...)
			for i, v := range vals {
				if i > 0 {
					b = append(b, ",\n"...)
				}
				b = append(b, strings.Repeat(" ", 10)...)
				b = appendJSONString(b, v)
			}
			b = append(b, "\n"+strings.Repeat(" ", 8)+"]"...)
		}
		if !firstKey {
			b = append(b, '\n')
		}
	} else {
		b = appendJSONChildren(b, t, field.Root, 8)
	}
	b = append(b, "      }\n    }\n  }"...)
	p.w.Write(b)
	p.buf = b
}

func hfFrameTime() field.ID {
	if f, ok := engine.Fields.Lookup("frame.time"); ok {
		return f.ID
	}
	return 0
}

// appendJSONChildren writes the children of node idx as JSON members at the given indent.
func appendJSONChildren(b []byte, t *field.Tree, idx int32, indent int) []byte {
	pad := strings.Repeat(" ", indent)
	firstKey := true
	for i := t.Nodes[idx].Child; i >= 0; i = t.Nodes[i].Next {
		n := &t.Nodes[i]
		if !firstKey {
			b = append(b, ",\n"...)
		}
		firstKey = false
		b = append(b, pad...)
		f := t.Reg.Get(n.Field)
		hasKids := n.Child >= 0
		switch {
		case f == nil: // text item: its label is the key
			lbl := strings.TrimSuffix(strings.TrimPrefix(n.Label, "["), "]")
			b = appendJSONString(b, []byte(lbl))
			if hasKids {
				b = append(b, ": {\n"...)
				b = appendJSONChildren(b, t, i, indent+2)
				b = append(b, pad+"}"...)
			} else {
				b = append(b, `: ""`...)
			}
		case f.Type == field.None || f.Type == field.Protocol && (n.Parent == field.Root || n.Len == 0 || f.ID == hfExpertID()):
			// label items (FT_NONE: icmp.ext, tcp.analysis) and top-level protocols are objects of
			// their children; nested protocols with bytes (tcp.options.mss) are a value and a _tree,
			// like any field
			b = appendJSONString(b, []byte(f.Abbrev))
			if hasKids {
				b = append(b, ": {\n"...)
				b = appendJSONChildren(b, t, i, indent+2)
				b = append(b, pad+"}"...)
			} else {
				b = append(b, `: ""`...)
			}
		default:
			b = appendJSONString(b, []byte(f.Abbrev))
			b = append(b, ": "...)
			b = appendJSONString(b, appendJSONRepr(nil, f, n, t))
			if hasKids {
				b = append(b, ",\n"...)
				b = append(b, pad...)
				b = appendJSONString(b, []byte(f.Abbrev+"_tree"))
				b = append(b, ": {\n"...)
				b = appendJSONChildren(b, t, i, indent+2)
				b = append(b, pad+"}"...)
			}
		}
	}
	if !firstKey {
		b = append(b, '\n')
	}
	return b
}

// appendJSONRepr is a node's value as tshark's -T json writes it: like -T fields, except that byte
// fields are colon-separated hex.
func appendJSONRepr(b []byte, f *field.Field, n *field.Node, t *field.Tree) []byte {
	if f.Type == field.Protocol || f.Type == field.None {
		if f.Type == field.None && n.Child < 0 {
			return b // a label leaf (an expert item's field) has no value
		}
		return field.AppendHexSep(b, t.Bytes(n), ':') // the bytes it covers
	}
	if (f.Type == field.Bytes || f.Type == field.UintBytes) && len(n.Value.B) > 0 && f.Base == field.BaseNone {
		return field.AppendHexSep(b, n.Value.B, ':')
	}
	return appendNodeRepr(b, f, n, t)
}

// hfExpertID is the _ws.expert field, which tshark writes as an object wherever it stands.
func hfExpertID() field.ID {
	if f, ok := engine.Fields.Lookup("_ws.expert"); ok {
		return f.ID
	}
	return 0
}
