package render

import (
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Printable appends s with every byte that is not printable ASCII replaced by '.', the form hex
// dumps and packet lists use: no packet byte ever reaches the terminal as a control sequence.
func Printable(b, s []byte) []byte {
	for _, c := range s {
		if c >= 0x20 && c < 0x7f {
			b = append(b, c)
		} else {
			b = append(b, '.')
		}
	}
	return b
}

// AppendAddr appends a column address as tshark prints it with -n (no name resolution).
func AppendAddr(b []byte, a dissect.Addr) []byte {
	switch a.Kind {
	case dissect.AddrEther:
		return field.AppendHexSep(b, a.B, ':')
	case dissect.AddrIPv4, dissect.AddrIPv6:
		return field.AppendAddr(b, a.B)
	case dissect.AddrText:
		return field.AppendEscaped(b, []byte(a.Text))
	}
	return b
}

// appendColAddr appends a column address with the capture's name resolution: the name when names
// of its kind are on and something names it (known when the frame's dissection ends, as tshark
// fills its columns), else the address.
func appendColAddr(b []byte, c *dissect.Ctx, a dissect.Addr) []byte {
	if name, ok := c.AddrName(a); ok {
		return field.AppendEscapedString(b, name)
	}
	return AppendAddr(b, a)
}

// SummaryCols holds a frame's columns as text.
type SummaryCols struct {
	No, Time, Src, Dst, Proto, Len, Info []byte
	tbuf                                 []byte
}

// Frame fills s with the summary of a dissected frame: the one place both faces build a packet-list
// row and tshark's summary line. The time is formatted as f and style, relative to the reference
// time ref (the first frame's, or a time reference's), with prec decimals.
func (s *SummaryCols) Frame(c *dissect.Ctx, f TimeFormat, style TimeStyle, ref int64, prec int) {
	fi := c.Frame
	tc := TimeContext{TS: fi.TS, PrevCap: fi.PrevCapTS, PrevDisp: fi.PrevDispTS, Ref: ref, Prec: prec}
	if fi.Number == 1 {
		tc.PrevCap = 0
	}
	s.tbuf = AppendTime(s.tbuf[:0], f, style, tc)
	s.Columns(c, s.tbuf)
}

// Columns fills s with the standard columns of a dissected frame; time is the already formatted time.
func (s *SummaryCols) Columns(c *dissect.Ctx, time []byte) {
	s.No = strconv.AppendUint(s.No[:0], uint64(c.Frame.Number), 10)
	s.Time = append(s.Time[:0], time...)
	src, dst := c.Cols.NetSrc, c.Cols.NetDst
	if src.Kind == dissect.AddrNone {
		src, dst = c.Cols.DLSrc, c.Cols.DLDst
	}
	s.Src = appendColAddr(s.Src[:0], c, src)
	s.Dst = appendColAddr(s.Dst[:0], c, dst)
	s.Proto = append(s.Proto[:0], c.Cols.Protocol...)
	s.Len = strconv.AppendUint(s.Len[:0], uint64(c.Frame.Len), 10)
	s.Info = field.AppendEscaped(s.Info[:0], c.Cols.Info)
	if len(s.Info) > maxInfo {
		s.Info = s.Info[:len(field.TruncUTF8(string(s.Info), maxInfo))]
	}
}

// maxInfo is the longest Info column Wireshark shows (COL_MAX_INFO_LEN 4096 with its NUL): the text is
// escaped, then cut on a character boundary, even inside an escape ("\0" of "\001").
const maxInfo = 4095

// AppendSummaryLine appends tshark's default one-line summary (no newline): the number right-aligned
// in 5, the time right-aligned in 10, the source right-aligned in 12, an arrow, the destination
// left-aligned in 12, then protocol, length and info separated by spaces.
func AppendSummaryLine(b []byte, s *SummaryCols) []byte { return AppendSummaryLineSep(b, s, ' ') }

// AppendSummaryLineSep is AppendSummaryLine with sep between the columns and around the arrow
// (tshark -T tabs uses a tab).
func AppendSummaryLineSep(b []byte, s *SummaryCols, sep byte) []byte {
	b = padLeft(b, s.No, 5)
	b = append(b, sep)
	b = padLeft(b, s.Time, 10)
	b = append(b, sep)
	b = padLeft(b, s.Src, 12)
	b = append(b, sep)
	b = append(b, "→"...)
	b = append(b, sep)
	b = padRight(b, s.Dst, 12)
	b = append(b, sep)
	b = append(b, s.Proto...)
	b = append(b, sep)
	b = append(b, s.Len...)
	b = append(b, sep)
	return append(b, s.Info...)
}

func runeLen(s []byte) int {
	n := 0
	for _, c := range s {
		if c&0xc0 != 0x80 {
			n++
		}
	}
	return n
}

func padLeft(b, s []byte, w int) []byte {
	for i := runeLen(s); i < w; i++ {
		b = append(b, ' ')
	}
	return append(b, s...)
}

func padRight(b, s []byte, w int) []byte {
	b = append(b, s...)
	for i := runeLen(s); i < w; i++ {
		b = append(b, ' ')
	}
	return b
}

// NodeLabel returns the text a node shows in the detail tree: its custom label or the one built from
// field and value, in [brackets] when generated, escaped.
func NodeLabel(t *field.Tree, n *field.Node) string {
	var lbl, name string // name: where " [truncated]" goes, for labels built from field and value
	f := t.Reg.Get(n.Field)
	if f != nil && n.Field != 0 && n.Label == "" {
		name = f.Name
	}
	switch {
	case n.Label != "":
		lbl = n.Label
	case f != nil && n.Field != 0:
		lbl = f.LabelNamed(n.Value, t.Names)
	}
	lbl = string(field.AppendEscaped(nil, []byte(lbl)))
	if n.Flags&field.Generated == 0 {
		return truncLabel(lbl, name)
	}
	if len(lbl) >= 2 && lbl[0] == '[' && lbl[len(lbl)-1] == ']' { // a label that brings its brackets
		return "[" + truncLabel(lbl[1:len(lbl)-1], name) + "]"
	}
	if len(lbl) > 0 && lbl[0] == '[' {
		return lbl
	}
	return "[" + truncLabel(lbl, name) + "]"
}

// maxLabel is the longest label Wireshark shows whole (its label buffer, ITEM_LABEL_LENGTH 240,
// holds 239 bytes and a NUL).
const maxLabel = 239

// truncLabel shortens a label that does not fit as Wireshark does: " [truncated]" goes after the
// field's name when the label is "Name: value" (at the start otherwise) and the whole is cut to 238
// bytes, on a character boundary.
func truncLabel(lbl, name string) string {
	if len(lbl) <= maxLabel {
		return lbl
	}
	pos := 0
	if name != "" && strings.HasPrefix(lbl, name+": ") {
		pos = len(name)
	}
	return field.TruncUTF8(lbl[:pos]+" [truncated]"+lbl[pos:], maxLabel-1)
}

// AppendTreeText appends the -V text of a tree: each visible node's label on its own line, children
// indented four spaces, hidden nodes left out.
func AppendTreeText(b []byte, t *field.Tree) []byte {
	return AppendSubtreeText(b, t, field.Root, 0, false)
}

// AppendTreeTextData is AppendTreeText as tshark -V prints it without -x: each uninterpreted
// Data item is followed by a blank line and a hex dump of its bytes.
func AppendTreeTextData(b []byte, t *field.Tree) []byte {
	return AppendSubtreeText(b, t, field.Root, 0, true)
}

// AppendSubtreeText appends the -V text of the children of node idx, indented depth levels;
// dataHex dumps the bytes of Data items after their line.
func AppendSubtreeText(b []byte, t *field.Tree, idx int32, depth int, dataHex bool) []byte {
	dataID, _ := t.Reg.Lookup("data")
	var walk func(idx int32, depth int)
	walk = func(idx int32, depth int) {
		for i := t.Nodes[idx].Child; i >= 0; i = t.Nodes[i].Next {
			n := &t.Nodes[i]
			if n.Flags&field.Hidden != 0 {
				continue
			}
			for d := 0; d < depth; d++ {
				b = append(b, "    "...)
			}
			b = append(b, NodeLabel(t, n)...)
			b = append(b, '\n')
			if dataHex && dataID != nil && n.Field == dataID.ID {
				b = append(b, '\n')
				b = AppendHexDump(b, t.Bytes(n))
			}
			walk(i, depth+1)
		}
	}
	walk(idx, depth)
	return b
}

// AppendHexDump appends tshark's -x dump of data: offset, 16 hex bytes, three spaces, the ASCII form
// with non-printables as dots.
func AppendHexDump(b, data []byte) []byte {
	const digits = "0123456789abcdef"
	for off := 0; off < len(data); off += 16 {
		end := off + 16
		if end > len(data) {
			end = len(data)
		}
		w := 4
		if len(data) > 0xffff {
			w = 8
		}
		for sh := (w - 1) * 4; sh >= 0; sh -= 4 {
			b = append(b, digits[(off>>uint(sh))&15])
		}
		b = append(b, ' ', ' ')
		for i := off; i < off+16; i++ {
			if i < end {
				b = append(b, digits[data[i]>>4], digits[data[i]&15], ' ')
			} else {
				b = append(b, ' ', ' ', ' ')
			}
		}
		b = append(b, ' ', ' ')
		b = Printable(b, data[off:end])
		b = append(b, '\n')
	}
	return b
}

// AppendHexDumps appends the dump of every data source of a tree, each under a "Name (N bytes):"
// heading when there is more than one, as tshark -x does.
func AppendHexDumps(b []byte, t *field.Tree) []byte {
	for i, s := range t.Sources {
		if len(t.Sources) > 1 {
			name := s.Name
			if i == 0 {
				name = "Frame"
			}
			b = append(b, name...)
			b = append(b, " ("...)
			b = strconv.AppendInt(b, int64(len(s.Bytes)), 10)
			b = append(b, " bytes):\n"...)
		}
		b = AppendHexDump(b, s.Bytes)
	}
	return b
}
