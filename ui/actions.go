package ui

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/render"
)

// registerKeys fills the one registry that dispatches keys and renders help and the menu.
func (u *UI) registerKeys() {
	k := NewKeyMap()
	add := func(group, name string, h func(), keys ...Key) {
		k.Add(&Action{Keys: keys, Name: name, Group: group, Handler: h})
	}
	add("File", "Open capture file(s)", u.openDialog, rk('o'))
	add("File", "Save as (every packet, e.g. a stopped capture)", func() { u.exportDialog(engine.ExportAll) }, rk('W'))
	add("File", "Export displayed packets", func() { u.exportDialog(engine.ExportDisplayed) }, rk('w'))
	add("File", "Export marked packets", func() { u.exportDialog(engine.ExportMarked) }, rk('M'))
	u.registerObjectKeys(add)
	add("File", "Quit", u.Stop, rk('q'), sk(tcell.KeyCtrlC))
	add("Edit", "Mark / unmark packet", u.toggleMark, rk('m'))
	add("Edit", "Set / unset time reference", u.toggleTimeRef, sk(tcell.KeyCtrlT))
	add("Edit", "Copy field value (OSC 52)", u.copyValue, rk('y'))
	add("Edit", "Copy packet summary (OSC 52)", u.copySummary, rk('Y'))
	add("Edit", "Copy bytes as hex (OSC 52)", u.copyHex, rk('X'))
	add("Edit", "Copy display filter (OSC 52)", func() { u.copyOSC52("filter", u.filter.GetText()) }, rk('F'))
	add("View", "Next pane", u.nextPane, sk(tcell.KeyTab))
	add("View", "Zoom the current pane", u.toggleZoom, rk('z'))
	add("View", "Stacked / side-by-side layout", func() { u.sideBySide = !u.sideBySide; u.layout() }, rk('L'))
	add("View", "Grow the packet list", func() { u.resizeList(2) }, rk('+'))
	add("View", "Shrink the packet list", func() { u.resizeList(-2) }, rk('-'))
	add("View", "Time display format and precision", u.timeMenu, rk('t'))
	add("View", "Next time format", u.cycleTime, rk('T'))
	add("View", "Colourize packet list on/off", func() { u.colorize = !u.colorize; u.content.invalidate() }, rk('C'))
	add("View", "Packet list columns", u.columnsDialog, rk('K'))
	add("View", "Apply selected field as column", u.fieldAsColumn, rk('I'))
	u.registerNameKeys(add) // names.go
	add("View", "Expand all", u.expandAll, rk('e'))
	add("View", "Collapse all", u.collapseAll, rk('E'))
	add("Go", "Go to packet", u.gotoDialog, sk(tcell.KeyCtrlG))
	add("Go", "Find packet (filter, string or hex)", u.findDialog, sk(tcell.KeyCtrlF))
	add("Go", "Find next", func() { u.findNext(1) }, rk('n'))
	add("Go", "Find previous", func() { u.findNext(-1) }, rk('N'))
	add("Go", "First packet", func() { u.list.Select(1, 0); u.list.ScrollToBeginning() }, rk('g'), sk(tcell.KeyHome))
	add("Go", "Last packet", func() { u.list.Select(u.content.GetRowCount()-1, 0); u.list.ScrollToEnd() }, rk('G'), sk(tcell.KeyEnd))
	add("Analyze", "Edit the display filter", func() { u.app.SetFocus(u.filter) }, rk('/'))
	add("Analyze", "TLS decryption keys", u.tlsKeysDialog, rk('S'))
	add("Analyze", "Decode As…", u.decodeAsDialog, rk('A'))
	add("Analyze", "Clear the display filter", func() { u.filter.SetText(""); u.applyFilter() }, sk(tcell.KeyCtrlL))
	add("Analyze", "Apply selected field as filter", func() { u.fieldFilter("", true) }, rk('a'))
	add("Analyze", "Prepare selected field as filter", func() { u.fieldFilter("", false) }, rk('p'))
	add("Analyze", "… and selected (apply)", func() { u.fieldFilter("&&", true) }, rk('&'))
	add("Analyze", "… or selected (apply)", func() { u.fieldFilter("||", true) }, rk('|'))
	add("Analyze", "… and not selected (apply)", func() { u.fieldFilter("!", true) }, rk('!'))
	add("Analyze", "Follow TCP stream", func() { u.followStream("tcp") }, rk('f'))
	add("Analyze", "Follow UDP stream", func() { u.followStream("udp") }, rk('U'))
	add("Analyze", "Follow TLS stream (decrypted)", func() { u.followStream("tls") }, rk('V'))
	add("Analyze", "Follow HTTP stream", func() { u.followStream("http") }, rk('B'))
	u.registerWindowKeys(add) // capture.go, stats.go, iograph.go
	add("Help", "Keys: list every key", u.showHelp, rk('?'), sk(tcell.KeyF1))
	add("Help", "Menu bar", func() { u.openMenu(0) }, sk(tcell.KeyF10))
	k.Add(&Action{Keys: []Key{rk('j')}, Name: "Down", Group: "Go", Hidden: true, Handler: func() { u.moveFocused(1) }})
	k.Add(&Action{Keys: []Key{rk('k')}, Name: "Up", Group: "Go", Hidden: true, Handler: func() { u.moveFocused(-1) }})
	u.keys = k
}

// globalKeys dispatches keys through the registry unless a text field has the focus.
func (u *UI) globalKeys(ev *tcell.EventKey) *tcell.EventKey {
	u.inputLog.event(u)
	if u.pages.HasPage("modal") {
		return ev
	}
	if u.menuKey(ev) {
		return nil
	}
	if u.app.GetFocus() == u.filter {
		if ev.Key() == tcell.KeyCtrlC {
			u.Stop()
			return nil
		}
		return ev
	}
	if ev.Key() == tcell.KeyTab && u.app.GetFocus() == u.details {
		u.nextPane()
		return nil
	}
	if u.keys.Dispatch(ev) {
		return nil
	}
	return ev
}

func (u *UI) moveFocused(d int) {
	switch u.app.GetFocus() {
	case u.list:
		r, _ := u.list.GetSelection()
		r += d
		if r >= 1 && r < u.content.GetRowCount() {
			u.list.Select(r, 0)
		}
	case u.details:
		u.details.Move(d)
		u.selectNode(u.details.GetCurrentNode())
	}
}

func (u *UI) nextPane() {
	order := []tview.Primitive{u.list, u.details, u.hex}
	cur := u.app.GetFocus()
	for i, p := range order {
		if p == cur {
			u.app.SetFocus(order[(i+1)%len(order)])
			return
		}
	}
	u.app.SetFocus(u.list)
}

func (u *UI) toggleZoom() {
	if u.zoomed != nil {
		u.zoomed = nil
	} else {
		u.zoomed = u.app.GetFocus()
		if u.zoomed != u.details && u.zoomed != u.hex {
			u.zoomed = u.list
		}
	}
	u.layout()
	u.app.SetFocus(u.panesFocus())
}

func (u *UI) panesFocus() tview.Primitive {
	if u.zoomed != nil {
		return u.zoomed
	}
	return u.list
}

func (u *UI) expandAll() {
	if r := u.details.GetRoot(); r != nil {
		r.ExpandAll()
	}
}

func (u *UI) collapseAll() {
	if r := u.details.GetRoot(); r != nil {
		for _, c := range r.GetChildren() {
			c.CollapseAll()
		}
	}
}

// modal shows p centred over the main page; Esc closes it.
func (u *UI) modal(title string, p tview.Primitive, w, h int) {
	frame := tview.NewFlex().SetDirection(tview.FlexRow)
	frame.SetBorder(true).SetTitle(" " + title + " ")
	frame.AddItem(p, 0, 1, true)
	// h or w of 0 means: as much of the screen as there is; a dialog never outgrows the screen
	// (80×24 must show it whole)
	_, _, sw, sh := u.pages.GetRect()
	if sw > 0 && w > sw-2 {
		w = sw - 2
	}
	if sh > 0 && h > sh-4 {
		h = sh - 4
	}
	col := tview.NewFlex().SetDirection(tview.FlexRow)
	if h > 0 {
		col.AddItem(nil, 0, 1, false).AddItem(frame, h+2, 0, true).AddItem(nil, 0, 1, false)
	} else {
		col.AddItem(nil, 1, 0, false).AddItem(frame, 0, 1, true).AddItem(nil, 1, 0, false)
	}
	grid := tview.NewFlex()
	if w > 0 {
		grid.AddItem(nil, 0, 1, false).AddItem(col, w, 0, true).AddItem(nil, 0, 1, false)
	} else {
		grid.AddItem(nil, 2, 0, false).AddItem(col, 0, 1, true).AddItem(nil, 2, 0, false)
	}
	u.pages.AddPage("modal", grid, true, true)
	u.app.SetFocus(p)
}

func (u *UI) closeModal() {
	u.pages.RemovePage("modal")
	u.app.SetFocus(u.panesFocus())
}

func (u *UI) showHelp() {
	tv := tview.NewTextView().SetWrap(false).SetDynamicColors(false)
	tv.SetText(strings.Join(u.keys.HelpLines(), "\n"))
	tv.SetDoneFunc(func(tcell.Key) { u.closeModal() })
	tv.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		if ev.Key() == tcell.KeyRune && (ev.Rune() == 'q' || ev.Rune() == '?') {
			u.closeModal()
			return nil
		}
		return ev
	})
	u.modal("Keys (↑/↓ scroll, Esc closes)", tv, 0, 0)
}

// showMenu lists every action of the registry; Enter runs it.
func (u *UI) showMenu() {
	l := tview.NewList().ShowSecondaryText(false)
	for _, a := range u.keys.actions {
		if a.Hidden {
			continue
		}
		act := a
		var ks []string
		for _, k := range a.Keys {
			ks = append(ks, k.String())
		}
		l.AddItem(padTo(a.Group, 8)+" "+padTo(a.Name, 36)+" "+strings.Join(ks, ", "), "", 0, func() {
			u.closeModal()
			act.Handler()
		})
	}
	l.SetDoneFunc(u.closeModal)
	u.modal("Menu (Enter runs, Esc closes)", l, 0, 0)
}

// prompt asks for one line of text. A long label goes on its own line above a field as wide as the
// dialog, so that paths have room.
func (u *UI) prompt(title, label, initial string, done func(string)) {
	in := tview.NewInputField().SetText(initial)
	in.SetDoneFunc(func(k tcell.Key) {
		text := in.GetText()
		u.closeModal()
		if k == tcell.KeyEnter {
			done(text)
		}
	})
	if n := len([]rune(label)); n > 24 {
		body := tview.NewFlex().SetDirection(tview.FlexRow).
			AddItem(tview.NewTextView().SetText(label), 1, 0, false).
			AddItem(in, 1, 0, true)
		u.modal(title, body, max(72, n+2), 2)
		return
	}
	in.SetLabel(label)
	u.modal(title, in, 60, 1)
}

func (u *UI) gotoDialog() {
	u.prompt("Go to packet", "Packet number: ", "", func(s string) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			u.flash("not a packet number: " + s)
			return
		}
		u.gotoFrame(engine.FrameNo(n), true)
	})
}

// gotoFrame selects frame n, or the nearest displayed frame after it when n is filtered out.
func (u *UI) gotoFrame(n engine.FrameNo, nearest bool) bool {
	u.refresh() // the latest frames, even while loading
	v := u.content.view
	if v == nil {
		return false
	}
	i := v.Index(n)
	if i < 0 && nearest {
		for j := 0; j < v.Len(); j++ {
			if v.At(j) >= n {
				i = j
				break
			}
		}
		if i < 0 && v.Len() > 0 {
			i = v.Len() - 1
		}
	}
	if i < 0 {
		u.flash(fmt.Sprintf("packet %d is not displayed", n))
		return false
	}
	u.list.Select(i+1, 0)
	return true
}

func (u *UI) timeMenu() {
	l := tview.NewList().ShowSecondaryText(false)
	for _, f := range render.AllTimeFormats() {
		tf := f
		mark := "  "
		if tf == u.timeFormat {
			mark = "● "
		}
		l.AddItem(mark+render.TimeFormatNames[tf]+"  (-t "+tf.Flag()+")", "", 0, func() {
			u.closeModal()
			u.setTimeFormat(tf)
		})
	}
	style := "Seconds"
	if u.timeStyle == render.StyleHMS {
		style = "Hours, minutes and seconds"
	}
	prec := "Automatic (from the capture file)"
	if u.precision >= 0 {
		prec = precisionNames[u.precision]
	}
	l.AddItem("  Precision: "+prec, "", 0, func() {
		u.closeModal()
		u.precisionMenu()
	})
	l.AddItem("  Display seconds as: "+style+"  (-u)", "", 0, func() {
		u.closeModal()
		u.timeStyle = 1 - u.timeStyle
		u.content.invalidate()
	})
	l.SetCurrentItem(int(u.timeFormat))
	l.SetDoneFunc(u.closeModal)
	u.modal("Time Display Format", l, 64, 12)
}

func (u *UI) setTimeFormat(f render.TimeFormat) {
	u.timeFormat = f
	u.cfg.TimeFormat = f.Flag()
	u.content.invalidate()
	u.updateStatus()
}

func (u *UI) cycleTime() {
	all := render.AllTimeFormats()
	u.setTimeFormat(all[(int(u.timeFormat)+1)%len(all)])
}

func (u *UI) toggleMark() {
	if u.selected == 0 {
		return
	}
	st := u.eng.Store()
	if st.Frame(u.selected).Flags&engine.Marked != 0 {
		st.ClearFlag(u.selected, engine.Marked)
	} else {
		st.SetFlag(u.selected, engine.Marked)
	}
	delete(u.content.cache, u.selected)
	u.updateStatus()
}

func (u *UI) toggleTimeRef() {
	if u.selected == 0 {
		return
	}
	st := u.eng.Store()
	if u.timeRef == u.selected {
		st.ClearFlag(u.selected, engine.TimeRef)
		u.timeRef = 0
	} else {
		if u.timeRef > 0 {
			st.ClearFlag(u.timeRef, engine.TimeRef)
		}
		st.SetFlag(u.selected, engine.TimeRef)
		u.timeRef = u.selected
	}
	u.content.invalidate()
}

// filterFor returns the display filter that selects a node's value, as Wireshark's "Apply as Filter".
func filterFor(t *field.Tree, n *field.Node) string {
	f := t.Reg.Get(n.Field)
	if f == nil {
		return ""
	}
	switch {
	case f.Type == field.Protocol, f.Type == field.None:
		return f.Abbrev
	case f.Type.IsString():
		v := string(n.Value.B)
		v = strings.ReplaceAll(v, `\`, `\\`)
		v = strings.ReplaceAll(v, `"`, `\"`)
		return f.Abbrev + ` == "` + string(field.AppendEscaped(nil, []byte(v))) + `"`
	case f.Type == field.Bytes || f.Type == field.UintBytes:
		return f.Abbrev + " == " + string(field.AppendHexSep(nil, n.Value.B, ':'))
	case f.Type == field.AbsTime:
		return f.Abbrev + ` == "` + f.Repr(n.Value) + `"`
	}
	return f.Abbrev + " == " + f.Repr(n.Value)
}

// fieldFilter builds a filter from the selected field: alone, or joined to the current filter with
// op ("&&", "||", "!" for "and not"); apply runs it, otherwise it is left in the bar to edit.
func (u *UI) fieldFilter(op string, apply bool) {
	n, ok := u.selectedField()
	if !ok {
		u.flash("select a field in the packet details first")
		return
	}
	expr := filterFor(u.selTree, n)
	if expr == "" {
		u.flash("this item is not a field")
		return
	}
	cur := strings.TrimSpace(u.filter.GetText())
	switch {
	case op == "" || cur == "":
		if op == "!" {
			expr = "!(" + expr + ")"
		}
	case op == "!":
		expr = "(" + cur + ") && !(" + expr + ")"
	default:
		expr = "(" + cur + ") " + op + " (" + expr + ")"
	}
	u.filter.SetText(expr)
	if apply {
		u.applyFilter()
		return
	}
	u.app.SetFocus(u.filter)
}

// copyOSC52 puts text on the terminal's clipboard with OSC 52, which works over SSH with no X11.
func (u *UI) copyOSC52(what, text string) {
	if u.drawScreen != nil {
		// tcell sends OSC 52 to the real terminal (and keeps it in the simulation screen in tests)
		u.drawScreen.SetClipboard([]byte(text))
	} else {
		fmt.Fprintf(os.Stderr, "\x1b]52;c;%s\x07", base64.StdEncoding.EncodeToString([]byte(text)))
	}
	u.lastCopy = text
	u.flash(fmt.Sprintf("copied %s (%d bytes)", what, len(text)))
}

func (u *UI) copyValue() {
	n, ok := u.selectedField()
	if !ok {
		return
	}
	f := u.selTree.Reg.Get(n.Field)
	if f == nil {
		u.copyOSC52("label", render.NodeLabel(u.selTree, n))
		return
	}
	u.copyOSC52(f.Abbrev, f.Repr(n.Value))
}

func (u *UI) copySummary() {
	if u.selected == 0 {
		return
	}
	rw := u.content.cache[u.selected]
	if rw == nil {
		return
	}
	u.copyOSC52("summary", strings.Join(rw.cells, "\t"))
}

func (u *UI) copyHex() {
	if u.selTree == nil {
		return
	}
	data := u.selTree.Sources[0].Bytes
	if n, ok := u.selectedField(); ok {
		if b := u.selTree.Bytes(n); len(b) > 0 {
			data = b
		}
	}
	u.copyOSC52("bytes", string(field.AppendHexSep(nil, data, ' ')))
}

// exportDialog writes packets to a new pcapng file: every packet read (File › Save As, which keeps
// a live capture), the displayed ones, or the marked ones, in an engine job.
func (u *UI) exportDialog(which engine.ExportWhich) {
	what := map[engine.ExportWhich]string{engine.ExportAll: "all", engine.ExportDisplayed: "displayed", engine.ExportMarked: "marked"}[which]
	title := "Export " + what + " packets"
	if which == engine.ExportAll {
		title = "Save as"
	}
	u.prompt(title, "File: ", filepath.Join(u.saveDir, "export.pcapng"), func(path string) {
		job, count := u.eng.Export(path, u.eng.View(), which)
		u.flash("writing " + path + "…")
		go func() {
			err := job.Wait()
			u.app.QueueUpdateDraw(func() {
				if err != nil {
					u.flash("export: " + err.Error())
					return
				}
				u.flash(fmt.Sprintf("wrote %d %s packets to %s", count(), what, path))
			})
		}()
	})
}

// detailKeys gives the details pane Wireshark's arrows: → expands (or steps into) an item, ← collapses
// it (or steps out to its parent), Space toggles.
func (u *UI) detailKeys(ev *tcell.EventKey) *tcell.EventKey {
	n := u.details.GetCurrentNode()
	if n == nil {
		return ev
	}
	switch {
	case ev.Key() == tcell.KeyRight || (ev.Key() == tcell.KeyRune && ev.Rune() == 'l'):
		if len(n.GetChildren()) > 0 && !n.IsExpanded() {
			n.SetExpanded(true)
		} else if kids := n.GetChildren(); len(kids) > 0 {
			u.details.SetCurrentNode(kids[0])
			u.selectNode(kids[0])
		}
		return nil
	case ev.Key() == tcell.KeyLeft || (ev.Key() == tcell.KeyRune && ev.Rune() == 'h'):
		if n.IsExpanded() && len(n.GetChildren()) > 0 {
			n.SetExpanded(false)
		} else if path := u.details.GetPath(n); len(path) > 2 {
			parent := path[len(path)-2]
			u.details.SetCurrentNode(parent)
			u.selectNode(parent)
		}
		return nil
	case ev.Key() == tcell.KeyRune && ev.Rune() == ' ':
		n.SetExpanded(!n.IsExpanded())
		return nil
	}
	return ev
}

var precisionNames = []string{"Seconds", "Tenths of a second", "Hundredths of a second",
	"Milliseconds", "0.0001 s", "0.00001 s", "Microseconds", "0.0000001 s", "0.00000001 s", "Nanoseconds"}

// precisionMenu chooses how many decimals the time column shows, as Wireshark's View › Time
// Display Format › precision items.
func (u *UI) precisionMenu() {
	l := tview.NewList().ShowSecondaryText(false)
	l.AddItem("Automatic (from the capture file)", "", 0, func() { u.setPrecision(-1) })
	for i, name := range precisionNames {
		if i == 0 || i == 1 || i == 2 || i == 3 || i == 6 || i == 9 {
			p := i
			l.AddItem(name, "", 0, func() { u.setPrecision(p) })
		}
	}
	l.SetDoneFunc(u.closeModal)
	u.modal("Time Precision", l, 50, 7)
}

func (u *UI) setPrecision(p int) {
	u.closeModal()
	u.precision = p
	u.cfg.Precision = p
	u.content.invalidate()
}

// fieldMenu is the details pane's context menu (right click, or Enter on a leaf with Shift).
func (u *UI) fieldMenu() {
	if _, ok := u.selectedField(); !ok {
		return
	}
	l := tview.NewList().ShowSecondaryText(false)
	item := func(name string, f func()) { l.AddItem(name, "", 0, func() { u.closeModal(); f() }) }
	item("Apply as Filter", func() { u.fieldFilter("", true) })
	item("Prepare as Filter", func() { u.fieldFilter("", false) })
	item("… and Selected", func() { u.fieldFilter("&&", true) })
	item("… or Selected", func() { u.fieldFilter("||", true) })
	item("… and not Selected", func() { u.fieldFilter("!", true) })
	item("Apply as Column", u.fieldAsColumn)
	item("Copy Value", u.copyValue)
	item("Copy Bytes as Hex", u.copyHex)
	item("Expand Subtrees", func() {
		if n := u.details.GetCurrentNode(); n != nil {
			n.ExpandAll()
		}
	})
	l.SetDoneFunc(u.closeModal)
	u.modal("Field", l, 40, 9)
}
