package output

import (
	"bufio"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// jsonWriter writes -T json and -T jsonraw: an array of one object per packet, with every node of
// the tree under "layers" (or only the -e fields), -j/-J filtering which nodes are expanded.
type jsonWriter struct {
	o     Options
	raw   bool // jsonraw: [hex, pos, len, bitmask, type] per node instead of values
	n     int
	buf   []byte
	filt  *protoFilter
	ready bool
}

func (j *jsonWriter) Needs() Needs { return Needs{Tree: true} }

func (j *jsonWriter) Begin(w *bufio.Writer, file string) {
	j.filt = newProtoFilter(j.o)
	w.WriteString("[\n")
}

func (j *jsonWriter) Packet(w *bufio.Writer, p *Packet) {
	j.n++
	j.buf = AppendJSONPacket(j.buf[:0], p.Tree, j.o.Fields, j.filt, j.raw, j.n == 1)
	w.Write(j.buf)
}

func (j *jsonWriter) End(w *bufio.Writer) {
	if j.n > 0 {
		w.WriteString("\n")
	}
	w.WriteString("]\n")
}

// AppendJSONPacket appends one packet in tshark's -T json shape (-T jsonraw with raw): every node
// (hidden ones included) as "abbrev": "value", its children in "abbrev_tree", protocols and
// labelled items as objects; with fields, only those as arrays of values. first says whether it
// is the first packet (the others are preceded by a comma).
func AppendJSONPacket(b []byte, t *field.Tree, fields []*field.Field, filt *protoFilter, raw, first bool) []byte {
	if !first {
		b = append(b, ",\n"...)
	}
	ts := int64(0)
	if f := t.First(hfFrameTime); f != nil && len(t.Nodes) > 1 {
		ts = f.Value.I
	}
	b = append(b, "  {\n    \"_index\": \"packets-"...)
	b = field.FrameTime(ts).AppendFormat(b, "2006-01-02")
	b = append(b, "\",\n    \"_type\": \"doc\",\n    \"_score\": null,\n    \"_source\": {\n      \"layers\": {\n"...)
	if len(fields) > 0 {
		b = appendJSONFields(b, t, fields)
	} else {
		b = appendJSONChildren(b, t, field.Root, 8, filt, raw)
	}
	return append(b, "      }\n    }\n  }"...)
}

// appendJSONFields writes the -e fields as arrays of their values, leaving out absent ones.
func appendJSONFields(b []byte, t *field.Tree, fields []*field.Field) []byte {
	firstKey := true
	for _, f := range fields {
		vals := fieldValues(t, f)
		if len(vals) == 0 {
			continue
		}
		if !firstKey {
			b = append(b, ",\n"...)
		}
		firstKey = false
		b = append(b, strings.Repeat(" ", 8)...)
		b = AppendJSONString(b, []byte(f.Abbrev))
		b = append(b, ": [\n"...)
		for i, v := range vals {
			if i > 0 {
				b = append(b, ",\n"...)
			}
			b = append(b, strings.Repeat(" ", 10)...)
			b = AppendJSONString(b, v)
		}
		b = append(b, "\n"+strings.Repeat(" ", 8)+"]"...)
	}
	if !firstKey {
		b = append(b, '\n')
	}
	return b
}

// jsonKey is the member name of a node: its field's name, or a text item's label.
func jsonKey(t *field.Tree, n *field.Node, f *field.Field) string {
	if f == nil {
		// a text item's key is its label as tshark writes item text (format_text: "\r\n" spelled out)
		return field.Escape(strings.TrimSuffix(strings.TrimPrefix(n.Label, "["), "]"))
	}
	return f.Abbrev
}

// appendJSONChildren writes the children of node idx as JSON members at the given indent.
func appendJSONChildren(b []byte, t *field.Tree, idx int32, indent int, filt *protoFilter, raw bool) []byte {
	return appendJSONMembers(b, t, idx, indent, filt, raw, false)
}

// appendJSONMembers is appendJSONChildren; noBytes says the nodes belong to an expert item, which
// tshark adds without a data source (jsonraw writes no bytes and position 0 for them).
func appendJSONMembers(b []byte, t *field.Tree, idx int32, indent int, filt *protoFilter, raw, noBytes bool) []byte {
	pad := strings.Repeat(" ", indent)
	firstKey := true
	member := func(key, suffix string) {
		if !firstKey {
			b = append(b, ",\n"...)
		}
		firstKey = false
		b = append(b, pad...)
		b = AppendJSONString(b, []byte(key+suffix))
		b = append(b, ": "...)
	}
	for i := t.Nodes[idx].Child; i >= 0; i = t.Nodes[i].Next {
		n := &t.Nodes[i]
		f := t.Reg.Get(n.Field)
		key := jsonKey(t, n, f)
		hasKids := n.Child >= 0
		hasValue := f != nil && !isObject(f, n)
		inExpert := noBytes || f != nil && f.ID == hfExpert
		if raw && f != nil {
			member(key, "_raw")
			b = appendRawArray(b, f, n, t, indent, inExpert)
		}
		if hasValue && !raw {
			member(key, "")
			b = AppendJSONString(b, AppendJSONValue(nil, f, n, t))
		}
		if hasKids {
			suffix := ""
			if hasValue {
				suffix = "_tree"
			}
			member(key, suffix)
			if ok, sub := filt.expand(key); ok {
				b = append(b, "{\n"...)
				b = appendJSONMembers(b, t, i, indent+2, sub, raw, inExpert)
				b = append(b, pad+"}"...)
			} else {
				b = append(b, "{\n"...)
				b = append(b, pad+"  \"filtered\": "...)
				b = AppendJSONString(b, []byte(key))
				b = append(b, "\n"+pad+"}"...)
			}
		}
		if !hasValue && !hasKids && (!raw || f == nil) {
			member(key, "")
			b = append(b, `""`...)
		}
	}
	if !firstKey {
		b = append(b, '\n')
	}
	return b
}

// appendRawArray writes -T jsonraw's [hex, pos, len, bitmask, type] of a node.
func appendRawArray(b []byte, f *field.Field, n *field.Node, t *field.Tree, indent int, noBytes bool) []byte {
	pad := strings.Repeat(" ", indent+2)
	b = append(b, "[\n"...)
	off, length := int64(n.Off), int64(n.Len)
	if noBytes {
		off, length = 0, 0
	} else {
		b = append(b, pad...)
		b = append(b, '"')
		b = appendMaskedOrHex(b, f, n, t)
		b = append(b, "\",\n"...)
	}
	b = append(b, pad...)
	b = strconv.AppendInt(b, off, 10)
	b = append(b, ",\n"...)
	b = append(b, pad...)
	b = strconv.AppendInt(b, length, 10)
	b = append(b, ",\n"...)
	b = append(b, pad...)
	b = strconv.AppendUint(b, f.Mask, 10)
	b = append(b, ",\n"...)
	b = append(b, pad...)
	b = strconv.AppendInt(b, int64(ftype(f, n)), 10)
	b = append(b, '\n')
	b = append(b, pad[:indent]...)
	return append(b, ']')
}
