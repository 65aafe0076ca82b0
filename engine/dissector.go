package engine

import (
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/store"
)

// Dissector re-dissects frames the first pass has finished, for one goroutine: the UI's selection,
// the packet list's visible rows, a job's worker. It reuses its tree from frame to frame, and
// follows the session to a new dissection state after Reconfigure.
type Dissector struct {
	s    *Session
	tree *field.Tree
	c    *dissect.Ctx
	gen  uint32
	cols bool
	fi   dissect.FrameInfo
}

// NewDissector returns a dissector that builds full, visible trees and columns.
func (s *Session) NewDissector() *Dissector {
	t := field.NewTree(dissect.Fields)
	return &Dissector{s: s, tree: t, cols: true}
}

// newFilterDissector returns a dissector that builds only the fields a job needs.
func (s *Session) newFilterDissector(fields []field.ID) *Dissector {
	t := field.NewTree(dissect.Fields)
	t.Visible = false
	want := field.NewIDSet(dissect.Fields)
	for _, id := range fields {
		want.Add(id)
	}
	t.Want = want
	return &Dissector{s: s, tree: t}
}

// ctx returns the dissection context over the session's current state.
func (d *Dissector) ctx() *dissect.Ctx {
	if g := d.s.gen.Load(); d.c == nil || g != d.gen {
		d.gen = g
		d.c = dissect.NewCtx(d.tree, d.s.state.Load())
		d.c.Cols.On = d.cols
	}
	return d.c
}

// frameInfo returns the frame metadata of n with the times the frame fields need; prevDisp is the
// previously displayed frame (0 for none).
func (d *Dissector) frameInfo(n, prevDisp FrameNo) *dissect.FrameInfo {
	st := d.s.st
	f := st.Frame(n)
	d.fi = dissect.FrameInfo{Number: uint32(n), TS: f.TS, CapLen: f.CapLen, Len: f.Len, Link: f.Link,
		Iface: uint32(f.Iface), RefTS: d.s.firstTS.Load(), Comments: st.Comments(n),
		Marked: f.Flags&store.Marked != 0, Ignored: f.Flags&store.Ignored != 0}
	if n > 1 {
		d.fi.PrevCapTS = st.Frame(n - 1).TS
	}
	d.s.setIface(&d.fi)
	if prevDisp > 0 {
		d.fi.PrevDispTS = st.Frame(prevDisp).TS
	}
	return &d.fi
}

// Dissect dissects frame n and returns its tree and context (columns); both are valid until the
// next call on this Dissector.
func (d *Dissector) Dissect(n, prevDisp FrameNo) (*field.Tree, *dissect.Ctx) {
	c := d.ctx()
	c.Run(d.frameInfo(n, prevDisp), d.s.st.Bytes(n))
	return d.tree, c
}

// SetVisible chooses between full trees with labels (details pane) and bare ones (columns only).
func (d *Dissector) SetVisible(v bool) { d.tree.Visible = v }

func (d *Dissector) match(n FrameNo, m Matcher) bool {
	c := d.ctx()
	c.Run(d.frameInfo(n, 0), d.s.st.Bytes(n))
	return m.Match(d.tree)
}
