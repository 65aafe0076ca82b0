package output

import (
	"bufio"
	"strconv"
	"strings"
	"time"

	"github.com/tshark-tui/tshark-tui/field"
)

// ek writes -T ek: newline-delimited JSON for Elasticsearch's bulk API, an index line and a
// document per packet, each protocol's fields flattened into one object named
// "<protocol>_<field>" with dots as underscores, repeated names as arrays.
type ek struct {
	o    Options
	filt *protoFilter
	buf  []byte
}

func (x *ek) Needs() Needs {
	return Needs{Tree: !x.o.Summary, Columns: x.o.Summary}
}

func (x *ek) Begin(w *bufio.Writer, file string) { x.filt = newProtoFilter(x.o) }
func (x *ek) End(w *bufio.Writer)                {}

func (x *ek) Packet(w *bufio.Writer, p *Packet) {
	t := p.Tree
	b := append(x.buf[:0], `{"index":{"_index":"packets-`...)
	b = field.FrameTime(p.TS).AppendFormat(b, "2006-01-02")
	b = append(b, "\",\"_type\":\"doc\"}}\n{\"timestamp\":\""...)
	secs, ns := p.TS/1e9, p.TS%1e9
	if ns < 0 {
		secs, ns = secs-1, ns+1e9
	}
	b = strconv.AppendInt(b, secs, 10)
	ms := ns / 1e6
	b = append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), '"')
	if x.o.Summary && p.Cols != nil {
		for i, col := range columns(p.Cols) {
			b = append(b, ',')
			b = appendEKName(b, strings.ToLower(columnTitles[i]), "")
			b = append(b, ':')
			b = AppendJSONString(b, col)
		}
	}
	if x.o.Summary { // tshark -P prints the summary instead of the tree
		b = append(b, "}\n"...)
		w.Write(b)
		x.buf = b
		return
	}
	b = append(b, `,"layers":{`...)
	if len(x.o.Fields) > 0 {
		b = x.appendFields(b, t)
	} else {
		b = x.appendObject(b, t, field.Root, x.filt)
	}
	b = append(b, "}}\n"...)
	w.Write(b)
	x.buf = b
}

// appendFields writes the -e fields, each as "<field>" with its values.
func (x *ek) appendFields(b []byte, t *field.Tree) []byte {
	first := true
	for _, f := range x.o.Fields {
		vals := fieldValues(t, f)
		if len(vals) == 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendEKName(b, f.Abbrev, "")
		b = append(b, ":["...)
		for i, v := range vals {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendJSONString(b, v)
		}
		b = append(b, ']')
	}
	return b
}

// ekGroup is the nodes written under one member name.
type ekGroup struct {
	key   string // grouping key: parent node's name and the node's name
	nodes []int32
}

// collect gathers the members of an EK object: the descendants of idx that are not protocol
// objects, grouped by parent and name in the order first seen (tshark's ek_fill_attr).
func (x *ek) collect(t *field.Tree, idx int32, filt *protoFilter, groups *[]ekGroup, index map[string]int) {
	parent := ""
	if idx != field.Root {
		parent = ekNodeName(t, &t.Nodes[idx]) + "_"
	}
	for i := t.Nodes[idx].Child; i >= 0; i = t.Nodes[i].Next {
		n := &t.Nodes[i]
		key := parent + ekNodeName(t, n)
		if g, ok := index[key]; ok {
			(*groups)[g].nodes = append((*groups)[g].nodes, i)
		} else {
			index[key] = len(*groups)
			*groups = append(*groups, ekGroup{key: key, nodes: []int32{i}})
		}
		f := t.Reg.Get(n.Field)
		if n.Child >= 0 && !ekIsObject(f, n) && ekMatch(filt, ekNodeName(t, n)) {
			x.collect(t, i, filt.inner(), groups, index)
		}
	}
}

// ekNodeName is a node's field name ("text" for a text item).
func ekNodeName(t *field.Tree, n *field.Node) string {
	if f := t.Reg.Get(n.Field); f != nil {
		return f.Abbrev
	}
	return "text"
}

// ekIsObject reports whether a node is written as an object of its own: protocols (tshark's
// FT_PROTOCOL items) other than the nested ones that carry bytes like a field.
func ekIsObject(f *field.Field, n *field.Node) bool {
	return f != nil && f.Type == field.Protocol && isObject(f, n)
}

// ekMatch reports whether name passes filt, with '.' and '_' alike.
func ekMatch(filt *protoFilter, name string) bool {
	return filt == nil || filt.names[name] || filt.names[strings.ReplaceAll(name, ".", "_")]
}

func (x *ek) appendObject(b []byte, t *field.Tree, idx int32, filt *protoFilter) []byte {
	var groups []ekGroup
	x.collect(t, idx, filt, &groups, map[string]int{})
	for gi, g := range groups {
		if gi > 0 {
			b = append(b, ',')
		}
		first := &t.Nodes[g.nodes[0]]
		f := t.Reg.Get(first.Field)
		if x.o.Hex && f != nil && first.Len > 0 {
			b = appendEKMemberName(b, t, first, "_raw")
			b = appendEKList(b, len(g.nodes) > 1, g.nodes, func(b []byte, i int32) []byte {
				b = append(b, '"')
				b = appendMaskedOrHex(b, f, &t.Nodes[i], t)
				return append(b, '"')
			})
			b = append(b, ',')
		}
		b = appendEKMemberName(b, t, first, "")
		b = appendEKList(b, len(g.nodes) > 1, g.nodes, func(b []byte, i int32) []byte {
			n := &t.Nodes[i]
			nf := t.Reg.Get(n.Field)
			if !ekIsObject(nf, n) {
				if filt != nil && nf != nil && !ekMatch(filt, nf.Abbrev) {
					b = append(b, `{"filtered":`...)
					b = AppendJSONString(b, []byte(nf.Abbrev))
					return append(b, '}')
				}
				return appendEKValue(b, t, n, nf)
			}
			b = append(b, '{')
			if ekMatch(filt, nf.Abbrev) {
				b = x.appendObject(b, t, i, filt.inner())
			} else {
				b = append(b, `"filtered":`...)
				b = AppendJSONString(b, []byte(nf.Abbrev))
			}
			return append(b, '}')
		})
	}
	return b
}

func appendEKList(b []byte, many bool, nodes []int32, each func([]byte, int32) []byte) []byte {
	if many {
		b = append(b, '[')
	}
	for k, i := range nodes {
		if k > 0 {
			b = append(b, ',')
		}
		b = each(b, i)
	}
	if many {
		b = append(b, ']')
	}
	return b
}

// appendEKMemberName writes "<parent protocol>_<field>" (a protocol or text item: its own name),
// dots turned into underscores.
func appendEKMemberName(b []byte, t *field.Tree, n *field.Node, suffix string) []byte {
	f := t.Reg.Get(n.Field)
	name := "text"
	if f != nil {
		name = f.Abbrev
		if f.Type != field.Protocol && f.Parent != 0 {
			if p := t.Reg.Get(f.Parent); p != nil {
				name = p.Abbrev + "_" + f.Abbrev
			}
		}
	}
	b = appendEKName(b, name, suffix)
	return append(b, ':')
}

func appendEKName(b []byte, name, suffix string) []byte {
	return AppendJSONString(b, []byte(strings.ReplaceAll(name, ".", "_")+suffix))
}

// appendEKValue writes one value as tshark's ek does: text items and protocols by their label,
// label items as null, booleans as true/false, times in ISO 8601, everything else as json's string.
func appendEKValue(b []byte, t *field.Tree, n *field.Node, f *field.Field) []byte {
	switch {
	case f == nil:
		return AppendJSONString(b, []byte(label(t, n)))
	case f.Type == field.None:
		return append(b, "null"...)
	case f.Type == field.Bool:
		if n.Value.U != 0 {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	case f.Type == field.AbsTime:
		secs, ns := n.Value.I/1e9, n.Value.I%1e9
		if ns < 0 {
			secs, ns = secs-1, ns+1e9
		}
		b = append(b, '"')
		b = time.Unix(secs, 0).UTC().AppendFormat(b, "2006-01-02T15:04:05")
		b = append(b, '.')
		b = append(b, pad9(ns)...)
		return append(b, 'Z', '"')
	}
	return AppendJSONString(b, AppendJSONValue(nil, f, n, t))
}
