package engine

import (
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/store"
)

// Dissector re-dissects frames the first pass has finished, for one goroutine: the UI's selection,
// the packet list's visible rows, a filter worker. It reuses its tree from frame to frame.
type Dissector struct {
	e    *Engine
	tree *field.Tree
	c    *dissect.Ctx
	fi   dissect.FrameInfo
}

// NewDissector returns a dissector that builds full, visible trees and columns.
func (e *Engine) NewDissector() *Dissector {
	t := field.NewTree(dissect.Fields)
	c := dissect.NewCtx(t, e.state)
	c.Cols.On = true
	return &Dissector{e: e, tree: t, c: c}
}

func (e *Engine) newFilterDissector(f *Filter) *Dissector {
	t := field.NewTree(dissect.Fields)
	t.Visible = false
	want := field.NewIDSet(dissect.Fields)
	for _, id := range f.Fields {
		want.Add(id)
	}
	t.Want = want
	return &Dissector{e: e, tree: t, c: dissect.NewCtx(t, e.state)}
}

// FrameInfo returns the frame metadata of n with the times the frame fields need; prevDisp is the
// previously displayed frame (0 for none).
func (d *Dissector) frameInfo(n, prevDisp store.FrameNo) *dissect.FrameInfo {
	st := d.e.st
	f := st.Frame(n)
	d.fi = dissect.FrameInfo{Number: uint32(n), TS: f.TS, CapLen: f.CapLen, Len: f.Len, Link: f.Link,
		Iface: uint32(f.Iface), RefTS: d.e.firstTS.Load(), Comments: st.Comments(n),
		Marked: f.Flags&store.Marked != 0, Ignored: f.Flags&store.Ignored != 0}
	if n > 1 {
		d.fi.PrevCapTS = st.Frame(n - 1).TS
	}
	d.e.setIface(&d.fi)
	if prevDisp > 0 {
		d.fi.PrevDispTS = st.Frame(prevDisp).TS
	}
	return &d.fi
}

// Dissect dissects frame n and returns its tree and context (columns); both are valid until the
// next call on this Dissector.
func (d *Dissector) Dissect(n, prevDisp store.FrameNo) (*field.Tree, *dissect.Ctx) {
	d.c.Run(d.frameInfo(n, prevDisp), d.e.st.Bytes(n))
	return d.tree, d.c
}

// SetVisible chooses between full trees with labels (details pane) and bare ones (columns only).
func (d *Dissector) SetVisible(v bool) { d.tree.Visible = v }

func (d *Dissector) match(n store.FrameNo, m Matcher) bool {
	d.c.Run(d.frameInfo(n, 0), d.e.st.Bytes(n))
	return m.Match(d.tree)
}
