package output

import (
	"bufio"

	"github.com/tshark-tui/tshark-tui/render"
)

// Creator is what tshark 4.0 writes as the creator of psml and pdml documents; consumers
// (pdml2html.xsl, scripts) key on it, so we write the same.
const Creator = "wireshark/4.0.17"

// columnTitles are the default columns' titles, as psml's structure lists them.
var columnTitles = []string{"No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"}

// psml writes -T psml: the summary columns of each packet as XML sections.
type psml struct{ buf []byte }

func (x *psml) Needs() Needs { return Needs{Columns: true} }

func (x *psml) Begin(w *bufio.Writer, file string) {
	w.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<psml version=\"0\" creator=\"" + Creator + "\">\n<structure>\n")
	for _, t := range columnTitles {
		w.WriteString("<section>" + t + "</section>\n")
	}
	w.WriteString("</structure>\n\n")
}

func (x *psml) Packet(w *bufio.Writer, p *Packet) {
	b := append(x.buf[:0], "<packet>\n"...)
	for _, col := range columns(p.Cols) {
		b = append(b, "<section>"...)
		b = AppendXMLEscaped(b, col)
		b = append(b, "</section>\n"...)
	}
	b = append(b, "</packet>\n\n"...)
	w.Write(b)
	x.buf = b
}

func (x *psml) End(w *bufio.Writer) { w.WriteString("</psml>\n") }

func columns(c *render.SummaryCols) [7][]byte {
	return [7][]byte{c.No, c.Time, c.Src, c.Dst, c.Proto, c.Len, c.Info}
}

// tabs writes -T tabs: the summary line with a tab between columns (and around the arrow).
type tabs struct{ buf []byte }

func (x *tabs) Needs() Needs                       { return Needs{Columns: true} }
func (x *tabs) Begin(w *bufio.Writer, file string) {}
func (x *tabs) End(w *bufio.Writer)                {}

func (x *tabs) Packet(w *bufio.Writer, p *Packet) {
	b := render.AppendSummaryLineSep(x.buf[:0], p.Cols, '\t')
	b = append(b, '\n')
	w.Write(b)
	x.buf = b
}

// AppendXMLEscaped appends s escaped as Wireshark's print_escaped_xml does: the five XML
// specials as entities, other non-printable bytes as \xNN.
func AppendXMLEscaped(b, s []byte) []byte {
	for _, c := range s {
		switch c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&quot;"...)
		case '\'':
			b = append(b, "&#x27;"...)
		default:
			if c < 0x20 || c == 0x7f {
				b = append(b, '\\', 'x')
				if c >= 16 {
					b = append(b, hexDigits[c>>4])
				}
				b = append(b, hexDigits[c&15])
			} else {
				b = append(b, c) // UTF-8 passes (tshark's g_ascii_isprint is locale-free, but its labels are UTF-8 already)
			}
		}
	}
	return b
}
