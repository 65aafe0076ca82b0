package output

import (
	"bufio"
	"strconv"
	"strings"
	"time"

	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/render"
)

// pdml writes -T pdml: every node of the tree as an XML proto or field element with its label
// (showname), value (show), bytes (value), offset and size, after a geninfo pseudo-protocol.
type pdml struct {
	o    Options
	filt *protoFilter
	buf  []byte
	// Now is the clock for the document's time attribute (tests fix it); nil means time.Now.
	Now func() time.Time
}

func (x *pdml) Needs() Needs { return Needs{Tree: true} }

func (x *pdml) Begin(w *bufio.Writer, file string) {
	x.filt = newProtoFilter(x.o)
	now := time.Now
	if x.Now != nil {
		now = x.Now
	}
	b := append(x.buf[:0], "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"+
		"<?xml-stylesheet type=\"text/xsl\" href=\"pdml2html.xsl\"?>\n"+
		"<!-- You can find pdml2html.xsl in /usr/share/wireshark or at https://gitlab.com/wireshark/wireshark/-/raw/master/pdml2html.xsl. -->\n"+
		"<pdml version=\"0\" creator=\""+Creator+"\" time=\""...)
	b = now().AppendFormat(b, "Mon Jan _2 15:04:05 2006")
	b = append(b, "\" capture_file=\""...)
	b = AppendXMLEscaped(b, []byte(file))
	b = append(b, "\">\n"...)
	w.Write(b)
	x.buf = b
}

func (x *pdml) End(w *bufio.Writer) { w.WriteString("</pdml>\n") }

func (x *pdml) Packet(w *bufio.Writer, p *Packet) {
	t := p.Tree
	b := append(x.buf[:0], "<packet>\n"...)
	b = appendGeninfo(b, t, p)
	for i := t.Nodes[field.Root].Child; i >= 0; i = t.Nodes[i].Next {
		b = appendPDMLNode(b, t, i, 0, x.filt, false)
	}
	b = append(b, "</packet>\n\n\n"...) // tshark adds a blank line after its own (print.c ends packets with one)
	w.Write(b)
	x.buf = b
}

// appendGeninfo writes PDML's geninfo pseudo-protocol from the frame's numbers and time.
func appendGeninfo(b []byte, t *field.Tree, p *Packet) []byte {
	frame := t.First(hfFrame)
	if frame == nil {
		return b
	}
	fi := p.Ctx.Frame
	size := strconv.Itoa(int(frame.Len))
	attr := func(name, show, showname, value string) {
		b = append(b, "    <field name=\""+name+"\" pos=\"0\" show=\""+show+"\" showname=\""+showname+"\" value=\""+value+"\" size=\""+size+"\"/>\n"...)
	}
	b = append(b, "  <proto name=\"geninfo\" pos=\"0\" showname=\"General information\" size=\""+size+"\">\n"...)
	attr("num", strconv.FormatUint(uint64(fi.Number), 10), "Number", strconv.FormatUint(uint64(fi.Number), 16))
	attr("len", strconv.FormatUint(uint64(fi.Len), 10), "Frame Length", strconv.FormatUint(uint64(fi.Len), 16))
	attr("caplen", strconv.FormatUint(uint64(fi.CapLen), 10), "Captured Length", strconv.FormatUint(uint64(fi.CapLen), 16))
	show := ""
	if n := t.First(hfFrameTime); n != nil {
		show = string(AppendJSONValue(nil, t.Reg.Get(hfFrameTime), n, t))
	}
	secs, ns := fi.TS/1e9, fi.TS%1e9
	if ns < 0 {
		secs, ns = secs-1, ns+1e9
	}
	attr("timestamp", show, "Captured Time", strconv.FormatInt(secs, 10)+"."+pad9(ns))
	return append(b, "  </proto>\n"...)
}

func pad9(ns int64) string {
	s := strconv.FormatInt(ns, 10)
	return strings.Repeat("0", 9-len(s)) + s
}

var hfFrame = hf("frame")

func indent(b []byte, level int) []byte {
	for i := 0; i < level; i++ {
		b = append(b, ' ', ' ')
	}
	return b
}

// label is a node's label as PDML and EK write it: the tree's text without the brackets of a
// generated item.
func label(t *field.Tree, n *field.Node) string {
	l := render.NodeLabel(t, n)
	if n.Flags&field.Generated != 0 && len(l) >= 2 && l[0] == '[' && l[len(l)-1] == ']' {
		return l[1 : len(l)-1]
	}
	return l
}

// appendPDMLNode writes node idx and its subtree; inExpert says it lies under an expert item,
// which tshark adds without a data source (size 0, position 0).
func appendPDMLNode(b []byte, t *field.Tree, idx int32, level int, filt *protoFilter, inExpert bool) []byte {
	nd := t.Nodes[idx]
	n := &nd
	f := t.Reg.Get(n.Field)
	isExpert := f != nil && f.ID == hfExpert
	if inExpert {
		n.Off, n.Len = 0, 0
	} else if isExpert {
		n.Len = 0
	}
	isData := f != nil && f.ID == hfData
	wrap := level == 0 && (f == nil || f.Type != field.Protocol || isData)
	b = indent(b, level+1)
	if wrap {
		b = append(b, "<proto name=\"fake-field-wrapper\">\n"...)
		level++
		b = indent(b, level+1)
	}
	kids := n.Child >= 0
	name := ""
	switch {
	case f == nil: // a text item: a field without a name
		b = append(b, "<field name=\"\" show=\""...)
		b = AppendXMLEscaped(b, []byte(label(t, n)))
		b = appendSizePos(b, n)
		if n.Len > 0 {
			b = append(b, "\" value=\""...)
			b = appendHex(b, t.Bytes(n))
		}
	case isData:
		name = "data"
		b = append(b, "<field name=\"data\" value=\""...)
		b = appendHex(b, t.Bytes(n))
		kids = true // written open, like tshark
	default:
		name = f.Abbrev
		if f.Type == field.Protocol && f.ID != hfExpert && !bytesProto(f, n) {
			b = append(b, "<proto name=\""...)
		} else {
			b = append(b, "<field name=\""...)
		}
		b = AppendXMLEscaped(b, []byte(f.Abbrev))
		b = append(b, "\" showname=\""...)
		b = AppendXMLEscaped(b, []byte(label(t, n)))
		if n.Flags&field.Hidden != 0 {
			b = append(b, "\" hide=\"yes"...)
		}
		b = appendSizePos(b, n)
		switch {
		case f.Type == field.Protocol && !bytesProto(f, n):
		case f.Type == field.None:
			b = append(b, "\" show=\"\" value=\""...)
		default:
			b = append(b, "\" show=\""...)
			b = AppendXMLEscaped(b, AppendJSONValue(nil, f, n, t))
			if n.Len > 0 {
				b = append(b, "\" value=\""...)
				if f.Mask != 0 {
					b = appendMaskedOrHex(b, f, n, t)
					b = append(b, "\" unmaskedvalue=\""...)
				}
				b = appendHex(b, t.Bytes(n))
			}
		}
	}
	if kids || isData {
		b = append(b, "\">\n"...)
	} else {
		b = append(b, "\"/>\n"...)
	}
	if n.Child >= 0 {
		key := name
		if f == nil {
			key = "text"
		}
		if ok, sub := filt.expand(key); ok {
			for c := n.Child; c >= 0; c = t.Nodes[c].Next {
				b = appendPDMLNode(b, t, c, level+1, sub, inExpert || isExpert)
			}
		} else {
			b = indent(b, level+2)
			b = append(b, "<field name=\"filtered\" value=\""...)
			b = AppendXMLEscaped(b, []byte(key))
			b = append(b, "\" />\n"...)
		}
	}
	if wrap {
		level--
	}
	if n.Child >= 0 || isData {
		b = indent(b, level+1)
		if f != nil && f.Type == field.Protocol && !isData && f.ID != hfExpert && !bytesProto(f, n) {
			b = append(b, "</proto>\n"...)
		} else {
			b = append(b, "</field>\n"...)
		}
	}
	if wrap {
		b = indent(b, level+1)
		b = append(b, "</proto>\n"...)
	}
	return b
}

func appendSizePos(b []byte, n *field.Node) []byte {
	b = append(b, "\" size=\""...)
	b = strconv.AppendInt(b, int64(n.Len), 10)
	b = append(b, "\" pos=\""...)
	return strconv.AppendInt(b, int64(n.Off), 10)
}

func appendHex(b, data []byte) []byte {
	for _, c := range data {
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return b
}
