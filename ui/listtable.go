package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// safeTable is a tview.Table that cannot hang. tview's Table loops for ever looking for a selectable
// row when its selection lies beyond its rows, or when only the header is selectable (a list
// filtered to nothing, a key before the first rows arrive, a statistics window with nothing to
// count, a machine with no interface), so every way in — Select, keys, the mouse — keeps the
// selection within the rows, and movement keys do nothing while only the header is there. Every
// table of the UI is one.
type safeTable struct {
	*tview.Table
	rows func() int // rows, the header included
}

func newSafeTable() *safeTable {
	t := &safeTable{Table: tview.NewTable()}
	t.rows = t.Table.GetRowCount
	return t
}

// listTable is the packet list's table over its virtual content.
type listTable = safeTable

func newListTable(content *packetList) *listTable {
	return &safeTable{Table: tview.NewTable().SetContent(content), rows: content.GetRowCount}
}

// Select selects row r (0 is the header), clamped to the rows there are.
func (l *safeTable) Select(r, c int) *tview.Table {
	n := l.rows()
	r = max(0, min(r, n-1))
	return l.Table.Select(r, c)
}

// clamp pulls a selection that the rows have shrunk under back onto the last row.
func (l *safeTable) clamp() {
	n := l.rows()
	if r, c := l.Table.GetSelection(); r >= n {
		l.Table.Select(max(0, n-1), c)
	}
}

// InputHandler lets the table move when it has rows; with only the header, the table's own input
// capture (a window's keys) still sees the key, but the table's movement, which would loop, does not.
func (l *safeTable) InputHandler() func(ev *tcell.EventKey, setFocus func(p tview.Primitive)) {
	inner := l.Table.InputHandler()
	return func(ev *tcell.EventKey, setFocus func(p tview.Primitive)) {
		l.clamp()
		if l.rows() > 1 {
			inner(ev, setFocus)
			l.clamp()
			return
		}
		if capture := l.GetInputCapture(); capture != nil {
			capture(ev)
		}
	}
}

// MouseHandler lets the table take clicks and wheel events, then keeps the selection on a row.
func (l *safeTable) MouseHandler() func(action tview.MouseAction, ev *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
	inner := l.Table.MouseHandler()
	return func(action tview.MouseAction, ev *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
		l.clamp()
		if l.rows() <= 1 && action != tview.MouseLeftDown && action != tview.MouseLeftClick {
			return true, nil
		}
		consumed, capture := inner(action, ev, setFocus)
		l.clamp()
		return consumed, capture
	}
}
