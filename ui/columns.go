package ui

import (
	"fmt"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// columnsDialog lists the packet-list columns: Space or Enter shows/hides one, ← / → narrow or
// widen it, Delete removes a custom column, Esc closes.
func (u *UI) columnsDialog() {
	l := tview.NewList().ShowSecondaryText(false)
	var fill func()
	fill = func() {
		cur := l.GetCurrentItem()
		l.Clear()
		for _, c := range u.content.cols {
			mark := "[x]"
			if c.Hidden {
				mark = "[ ]"
			}
			width := "auto"
			if c.Width > 0 {
				width = fmt.Sprint(c.Width)
			}
			label := c.Title
			if c.Kind == ColField {
				label += "  (" + c.Field + ")"
			}
			l.AddItem(tview.Escape(mark+" "+padTo(label, 36)+" width "+width), "", 0, nil)
		}
		if cur < l.GetItemCount() {
			l.SetCurrentItem(cur)
		}
	}
	fill()
	changed := func() {
		u.content.invalidate()
		u.cfg.Columns = u.content.cols
		fill()
	}
	l.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		i := l.GetCurrentItem()
		if i < 0 || i >= len(u.content.cols) {
			return ev
		}
		c := &u.content.cols[i]
		switch {
		case ev.Key() == tcell.KeyEnter || (ev.Key() == tcell.KeyRune && ev.Rune() == ' '):
			c.Hidden = !c.Hidden
			changed()
			return nil
		case ev.Key() == tcell.KeyRight || (ev.Key() == tcell.KeyRune && ev.Rune() == '>'):
			if c.Width == 0 {
				c.Width = 10
			}
			c.Width++
			changed()
			return nil
		case ev.Key() == tcell.KeyLeft || (ev.Key() == tcell.KeyRune && ev.Rune() == '<'):
			if c.Width > 3 {
				c.Width--
			}
			changed()
			return nil
		case ev.Key() == tcell.KeyDelete && c.Kind == ColField:
			u.content.cols = append(u.content.cols[:i], u.content.cols[i+1:]...)
			changed()
			return nil
		case ev.Key() == tcell.KeyEscape:
			u.closeModal()
			return nil
		}
		return ev
	})
	u.modal("Columns (Space shows/hides, ←/→ width, Del removes, Esc closes)", l, 72, 12)
}

// fieldAsColumn adds the selected details field as a packet-list column (Wireshark's "Apply as
// Column").
func (u *UI) fieldAsColumn() {
	n, ok := u.selectedField()
	if !ok {
		u.flash("select a field in the packet details first")
		return
	}
	f := u.selTree.Reg.Get(n.Field)
	if f == nil {
		u.flash("this item is not a field")
		return
	}
	cols := u.content.cols
	at := len(cols)
	if at > 0 && cols[at-1].Kind == ColInfo {
		at-- // keep Info, which takes the remaining width, last
	}
	col := Column{Title: f.Name, Kind: ColField, Field: f.Abbrev, Width: 16}
	cols = append(cols[:at], append([]Column{col}, cols[at:]...)...)
	u.content.cols = cols
	u.cfg.Columns = cols
	u.content.invalidate()
	u.flash("added column " + f.Abbrev)
}

// resizeList changes the packet list's share of the screen by delta rows.
func (u *UI) resizeList(delta int) {
	_, _, _, h := u.panes.GetRect()
	if u.listHeight == 0 {
		_, _, _, lh := u.list.GetRect()
		u.listHeight = lh
	}
	u.listHeight = max(3, min(h-6, u.listHeight+delta))
	u.layout()
}

// mouse handles what tview's widgets do not: the menu bar, and dragging the border between the
// packet list and the details to resize them.
func (u *UI) mouse(ev *tcell.EventMouse, action tview.MouseAction) (*tcell.EventMouse, tview.MouseAction) {
	u.inputLog.event(u)
	x, y := ev.Position()
	switch action {
	case tview.MouseLeftDown:
		if y == 0 && !u.pages.HasPage("modal") {
			if i := u.menuAt(x); i >= 0 {
				u.openMenu(i)
				return nil, action
			}
		}
		if u.zoomed == nil && !u.sideBySide {
			_, dy, _, _ := u.details.GetRect()
			if y == dy {
				u.dragging = true
				return nil, action
			}
		}
	case tview.MouseMove:
		if u.dragging {
			_, ly, _, _ := u.list.GetRect()
			u.listHeight = max(3, y-ly)
			u.layout()
			return nil, action
		}
	case tview.MouseLeftUp:
		if u.dragging {
			u.dragging = false
			return nil, action
		}
	case tview.MouseRightClick:
		if u.details.InRect(x, y) && !u.pages.HasPage("modal") {
			// select the item under the pointer as a left click would, then offer the field menu
			u.details.MouseHandler()(tview.MouseLeftClick, ev, func(p tview.Primitive) { u.app.SetFocus(p) })
			u.selectNode(u.details.GetCurrentNode())
			u.fieldMenu()
			return nil, action
		}
	}
	return ev, action
}
