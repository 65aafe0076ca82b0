package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// listTable is the packet list's table. tview's Table loops for ever looking for a selectable row
// when its selection lies beyond its rows (a filter that matches nothing, a key before the first
// rows arrive), so every way in — Select, keys, the mouse — keeps the selection within the rows,
// and movement keys do nothing while only the header is there.
type listTable struct {
	*tview.Table
	content *packetList
}

func newListTable(content *packetList) *listTable {
	return &listTable{Table: tview.NewTable().SetContent(content), content: content}
}

// Select selects row r (1-based; 0 is the header), clamped to the rows there are.
func (l *listTable) Select(r, c int) *tview.Table {
	n := l.content.GetRowCount()
	r = max(0, min(r, n-1))
	return l.Table.Select(r, c)
}

// clamp pulls a selection that the rows have shrunk under back onto the last row.
func (l *listTable) clamp() {
	n := l.content.GetRowCount()
	if r, c := l.Table.GetSelection(); r >= n {
		l.Table.Select(max(0, n-1), c)
	}
}

// InputHandler ignores movement while the list is empty and otherwise lets the table move.
func (l *listTable) InputHandler() func(ev *tcell.EventKey, setFocus func(p tview.Primitive)) {
	inner := l.Table.InputHandler()
	return func(ev *tcell.EventKey, setFocus func(p tview.Primitive)) {
		l.clamp()
		if l.content.GetRowCount() <= 1 {
			return // nothing to move to (tview would search the header row for ever)
		}
		inner(ev, setFocus)
		l.clamp()
	}
}

// MouseHandler lets the table take clicks and wheel events, then keeps the selection on a row.
func (l *listTable) MouseHandler() func(action tview.MouseAction, ev *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
	inner := l.Table.MouseHandler()
	return func(action tview.MouseAction, ev *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
		l.clamp()
		consumed, capture := inner(action, ev, setFocus)
		l.clamp()
		return consumed, capture
	}
}
