package output

import (
	"bufio"

	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/render"
)

// text writes -V trees with tshark's -O (only the listed protocols expanded, the others as their
// top line) and -P (the summary line before each tree), and -x dumps after them.
type text struct {
	o    Options
	only map[string]bool
	buf  []byte
}

func (x *text) Needs() Needs { return Needs{Tree: true, Columns: x.o.Summary} }

func (x *text) Begin(w *bufio.Writer, file string) {
	if x.o.OnlyProtocols != nil {
		x.only = map[string]bool{}
		for _, p := range x.o.OnlyProtocols {
			x.only[p] = true
		}
	}
}

func (x *text) End(w *bufio.Writer) {}

func (x *text) Packet(w *bufio.Writer, p *Packet) {
	b := x.buf[:0]
	if x.o.Summary && p.Cols != nil {
		b = render.AppendSummaryLine(b, p.Cols)
		b = append(b, '\n')
	}
	t := p.Tree
	if x.only == nil {
		b = render.AppendSubtreeText(b, t, field.Root, 0, !x.o.Hex)
	} else {
		for i := t.Nodes[field.Root].Child; i >= 0; i = t.Nodes[i].Next {
			n := &t.Nodes[i]
			if n.Flags&field.Hidden != 0 {
				continue
			}
			b = append(b, render.NodeLabel(t, n)...)
			b = append(b, '\n')
			if f := t.Reg.Get(n.Field); f != nil && x.only[f.Abbrev] {
				b = render.AppendSubtreeText(b, t, i, 1, !x.o.Hex)
			}
		}
	}
	if x.o.Hex {
		b = render.AppendHexDumps(b, t)
	}
	b = append(b, '\n')
	w.Write(b)
	x.buf = b
}
