package ui

import (
	"strconv"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/render"
)

// Column is one packet-list column.
type Column struct {
	Title  string
	Kind   ColumnKind
	Field  string // for ColField
	Width  int    // 0 = automatic
	Hidden bool
	Right  bool // right-aligned
}

// ColumnKind is what a column shows.
type ColumnKind uint8

// Column kinds.
const (
	ColNo ColumnKind = iota
	ColTime
	ColSrc
	ColDst
	ColProto
	ColLen
	ColInfo
	ColField
)

// DefaultColumns are Wireshark's default packet-list columns.
func DefaultColumns() []Column {
	return []Column{
		{Title: "No.", Kind: ColNo, Width: 6, Right: true},
		{Title: "Time", Kind: ColTime, Width: 15, Right: true},
		{Title: "Source", Kind: ColSrc, Width: 20},
		{Title: "Destination", Kind: ColDst, Width: 20},
		{Title: "Protocol", Kind: ColProto, Width: 8},
		{Title: "Length", Kind: ColLen, Width: 6, Right: true},
		{Title: "Info", Kind: ColInfo},
	}
}

// row is one rendered packet-list row, cached until the view or the time format changes.
type row struct {
	cells []string
	style tcell.Style
}

// packetList is a virtual tview.TableContent over the engine's current View: cells are computed only
// for the rows on screen, so a million frames cost one integer.
type packetList struct {
	tview.TableContentReadOnly
	ui    *UI
	view  *engine.View
	cols  []Column
	cache map[engine.FrameNo]*row
	d     *engine.Dissector
	sc    render.SummaryCols
	tbuf  []byte
	twKey timeWidthKey // the Time column's width was measured for this
	tw    int
}

func newPacketList(u *UI) *packetList {
	return &packetList{ui: u, cols: DefaultColumns(), cache: map[engine.FrameNo]*row{}}
}

func (p *packetList) visibleCols() []Column {
	var out []Column
	for _, c := range p.cols {
		if !c.Hidden {
			out = append(out, c)
		}
	}
	return out
}

// setView switches to a new snapshot; rows stay cached unless what they show depends on the view.
func (p *packetList) setView(v *engine.View) {
	if p.view != nil && (p.view.Filter != v.Filter) && p.ui.timeFormat == render.TimeDeltaDisplayed {
		p.invalidate()
	}
	p.view = v
}

func (p *packetList) invalidate() { p.cache = map[engine.FrameNo]*row{} }

// GetRowCount implements tview.TableContent: a header plus the displayed frames.
func (p *packetList) GetRowCount() int {
	if p.view == nil {
		return 1
	}
	return p.view.Len() + 1
}

// GetColumnCount implements tview.TableContent.
func (p *packetList) GetColumnCount() int { return len(p.visibleCols()) }

// width is the column's width: its own, but the No. column always fits the highest frame number
// (a 10M-packet capture needs eight digits).
func (p *packetList) width(col Column) int {
	if col.Kind == ColNo && col.Width > 0 && p.view != nil {
		return max(col.Width, len(strconv.FormatUint(uint64(p.view.Count), 10)))
	}
	if col.Kind == ColTime {
		return p.timeWidth()
	}
	return col.Width
}

// timeWidth is the Time column's width for the chosen format, style and precision: the widest
// time the loaded frames give (the last frame's, measured from the first), so "Date and Time of
// Day" at nanoseconds is not cut, and seconds since the start are not padded with blanks.
func (p *packetList) timeWidth() int {
	v := p.view
	u := p.ui
	if v == nil || v.Count == 0 {
		return len("Time")
	}
	key := timeWidthKey{u.timeFormat, u.timeStyle, u.precision, v.Count}
	if key == p.twKey && p.tw > 0 {
		return p.tw
	}
	st := u.eng.Store()
	first, last := st.Frame(1), st.Frame(v.Count)
	prec := u.precision
	if prec < 0 {
		prec = max(u.eng.Precision(first.Iface), u.eng.Precision(last.Iface))
	}
	tc := render.TimeContext{TS: last.TS, PrevCap: first.TS, PrevDisp: first.TS, Ref: first.TS, Prec: prec}
	w := len(render.AppendTime(nil, u.timeFormat, u.timeStyle, tc))
	if w2 := len(render.AppendTime(nil, u.timeFormat, u.timeStyle, render.TimeContext{TS: first.TS, PrevCap: last.TS, Ref: last.TS, PrevDisp: last.TS, Prec: prec})); w2 > w {
		w = w2 // a time before its reference is negative
	}
	p.twKey, p.tw = key, max(w, len("Time"), len("*REF*"))
	return p.tw
}

// timeWidthKey is what the Time column's width depends on.
type timeWidthKey struct {
	f     render.TimeFormat
	style render.TimeStyle
	prec  int
	count engine.FrameNo
}

// GetCell implements tview.TableContent.
func (p *packetList) GetCell(r, c int) *tview.TableCell {
	cols := p.visibleCols()
	if c < 0 || c >= len(cols) || r < 0 {
		return nil // tview asks for cells outside the table (a click beside it)
	}
	col := cols[c]
	if r == 0 {
		cell := tview.NewTableCell(tview.Escape(col.Title)).SetSelectable(false).
			SetStyle(p.ui.theme.header).SetExpansion(b2i(col.Kind == ColInfo)).SetTransparency(false)
		if w := p.width(col); w > 0 {
			cell.SetMaxWidth(w)
		}
		if col.Right {
			cell.SetAlign(tview.AlignRight)
		}
		return cell
	}
	if p.view == nil || r-1 >= p.view.Len() {
		return nil
	}
	n := p.view.At(r - 1)
	rw := p.row(n, r-1)
	cell := tview.NewTableCell(tview.Escape(rw.cells[c])).SetStyle(rw.style)
	if _, bg, _ := rw.style.Decompose(); bg != tcell.ColorDefault {
		cell.SetTransparency(false)
	}
	if w := p.width(col); w > 0 {
		cell.SetMaxWidth(w)
	}
	if col.Kind == ColInfo {
		cell.SetExpansion(1)
	}
	if col.Right {
		cell.SetAlign(tview.AlignRight)
	}
	return cell
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// row renders (or returns the cached) row of frame n, shown at position idx.
func (p *packetList) row(n engine.FrameNo, idx int) *row {
	if rw, ok := p.cache[n]; ok {
		return rw
	}
	if len(p.cache) > 4096 {
		p.invalidate()
	}
	if p.d == nil {
		p.d = p.ui.eng.NewDissector()
	}
	var prevDisp engine.FrameNo
	if idx > 0 {
		prevDisp = p.view.At(idx - 1)
	}
	tree, c := p.d.Dissect(n, prevDisp)
	st := p.ui.eng.Store()
	f := st.Frame(n)
	tc := render.TimeContext{TS: f.TS, PrevCap: c.Frame.PrevCapTS, PrevDisp: c.Frame.PrevDispTS, Ref: p.ui.refTS(n), Prec: p.ui.timePrecision(f.Iface)}
	p.tbuf = render.AppendTime(p.tbuf[:0], p.ui.timeFormat, p.ui.timeStyle, tc)
	p.sc.Columns(c, p.tbuf)
	cols := p.visibleCols()
	rw := &row{cells: make([]string, len(cols))}
	for i, col := range cols {
		switch col.Kind {
		case ColNo:
			rw.cells[i] = string(p.sc.No)
		case ColTime:
			rw.cells[i] = string(p.sc.Time)
		case ColSrc:
			rw.cells[i] = string(p.sc.Src)
		case ColDst:
			rw.cells[i] = string(p.sc.Dst)
		case ColProto:
			rw.cells[i] = string(p.sc.Proto)
		case ColLen:
			rw.cells[i] = string(p.sc.Len)
		case ColInfo:
			rw.cells[i] = string(p.sc.Info)
		case ColField:
			rw.cells[i] = fieldText(tree, col.Field)
		}
	}
	rw.style = p.ui.theme.row
	if p.ui.colorize {
		if cr := p.ui.colors.match(tree); cr != nil {
			rw.style = cr.style
		}
	}
	if f.Flags&engine.Marked != 0 {
		rw.style = p.ui.theme.marked
	}
	if f.Flags&engine.TimeRef != 0 {
		rw.cells[colIndex(cols, ColTime)] = "*REF*"
	}
	p.cache[n] = rw
	return rw
}

func colIndex(cols []Column, k ColumnKind) int {
	for i, c := range cols {
		if c.Kind == k {
			return i
		}
	}
	return 0
}

// itoa formats a number for status texts.
func itoa(n int) string { return strconv.Itoa(n) }
