package ui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
)

// windows holds the state of the statistics windows, the I/O graph and the capture dialog.
type windows struct {
	job    *engine.Job // the running computation, if any
	jobGen int         // bumps when a window closes, so late results are dropped
	capDlg *captureDialog
	capCfg captureConfig
	graph  graphConfig
	ifaces ifaceSource
}

// windows returns the extra windows' state, creating it on first use.
func (u *UI) windows() *windows {
	if u.wins == nil {
		u.wins = &windows{ifaces: systemIfaces{}}
	}
	return u.wins
}

// tap is what a statistics window feeds frames to (the reports of package stats).
type tap = engine.Tap

// dock shows p as a window over the lower part of the screen, leaving the packet list and the
// status line visible so that jumping to a packet shows it; Esc (handled by the window) closes it.
func (u *UI) dock(title string, p tview.Primitive) *tview.Flex {
	frame := tview.NewFlex().SetDirection(tview.FlexRow)
	frame.SetBorder(true).SetTitle(" " + title + " ").SetTitleAlign(tview.AlignLeft)
	frame.AddItem(p, 0, 1, true)
	// cover the details and bytes panes: the packet list and the status line stay in sight
	_, py, _, ph := u.pages.GetRect()
	_, ly, _, lh := u.list.GetRect()
	top := ly + lh - py
	if top < 3 || ph-top-1 < 8 {
		top = max(3, ph*2/5)
	}
	col := tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(nil, top, 0, false).
		AddItem(frame, 0, 1, true).
		AddItem(nil, 1, 0, false)
	u.pages.RemovePage("modal")
	u.pages.AddPage("modal", col, true, true)
	u.app.SetFocus(p)
	return frame
}

// closeWindow closes a statistics window and cancels its computation.
func (u *UI) closeWindow() {
	w := u.windows()
	if w.job != nil {
		w.job.Cancel()
		w.job = nil
	}
	w.jobGen++
	u.closeModal()
}

// compute feeds frames to taps in an engine job — every frame read so far, or with displayed only
// those the display filter shows — reporting progress (0..1) now and then and calling done on the
// UI goroutine when finished. Closing the window (closeWindow) cancels it.
func (u *UI) compute(displayed bool, taps []tap, progress func(float64), done func()) {
	w := u.windows()
	if w.job != nil {
		w.job.Cancel()
	}
	gen := w.jobGen
	job := u.eng.RunTaps(u.eng.View(), displayed, taps)
	w.job = job
	go func() {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-job.Done():
				u.app.QueueUpdateDraw(func() {
					if w.jobGen == gen && w.job == job && job.Err() == nil {
						w.job = nil
						done()
					}
				})
				return
			case <-tick.C:
				p := job.Progress()
				u.app.QueueUpdateDraw(func() {
					if w.jobGen == gen && w.job == job {
						progress(p)
					}
				})
			}
		}
	}()
}

// statTable is a sortable table of rows for the statistics windows: the header shows the sort
// column, < and > choose it, r reverses the order.
type statTable struct {
	*safeTable
	cols    []statCol
	rows    [][]cell
	sortCol int
	desc    bool
	// onEnter runs for the row under the cursor (an index into rows as given).
	onEnter func(i int)
}

// statCol is a column: its title and whether it holds numbers (right-aligned, sorted as numbers).
type statCol struct {
	title string
	num   bool
}

// cell is one value: its text and, for numeric columns, its sort key.
type cell struct {
	text string
	key  float64
	idx  int // the row's original index (set on the first cell)
}

func num(v float64, text string) cell { return cell{text: text, key: v} }
func txt(s string) cell               { return cell{text: field.Escape(s)} } // packet text: escaped
func numU(v uint64) cell              { return cell{text: fmt.Sprint(v), key: float64(v)} }

func newStatTable(cols []statCol) *statTable {
	st := &statTable{safeTable: newSafeTable(), cols: cols, sortCol: -1}
	st.SetFixed(1, 0).SetSelectable(true, false)
	st.SetSelectedStyle(tcell.StyleDefault.Reverse(true))
	return st
}

// setRows replaces the rows and redraws them in the current order.
func (st *statTable) setRows(rows [][]cell) {
	for i := range rows {
		rows[i][0].idx = i
	}
	st.rows = rows
	st.redraw()
}

// sortBy sorts by column c (toggling the direction when it already is the sort column).
func (st *statTable) sortBy(c int) {
	if c == st.sortCol {
		st.desc = !st.desc
	} else {
		st.sortCol, st.desc = c, st.cols[c].num
	}
	st.redraw()
}

func (st *statTable) redraw() {
	r, _ := st.GetSelection()
	st.Clear()
	for c, col := range st.cols {
		title := col.title
		if c == st.sortCol {
			if st.desc {
				title += " ▼"
			} else {
				title += " ▲"
			}
		}
		hc := tview.NewTableCell(tview.Escape(title)).SetSelectable(false).
			SetAttributes(tcell.AttrBold | tcell.AttrUnderline)
		if col.num {
			hc.SetAlign(tview.AlignRight)
		}
		st.SetCell(0, c, hc)
	}
	if st.sortCol >= 0 {
		c, desc, isNum := st.sortCol, st.desc, st.cols[st.sortCol].num
		sort.SliceStable(st.rows, func(i, j int) bool {
			a, b := st.rows[i][c], st.rows[j][c]
			var less bool
			if isNum {
				if a.key == b.key {
					return false
				}
				less = a.key < b.key
			} else {
				if a.text == b.text {
					return false
				}
				less = a.text < b.text
			}
			return less != desc
		})
	}
	for i, row := range st.rows {
		for c, v := range row {
			tc := tview.NewTableCell(tview.Escape(v.text))
			if st.cols[c].num {
				tc.SetAlign(tview.AlignRight)
			}
			if c == len(row)-1 {
				tc.SetExpansion(1)
			}
			st.SetCell(i+1, c, tc)
		}
	}
	if r < 1 {
		r = 1
	}
	if r > len(st.rows) {
		r = len(st.rows)
	}
	st.Select(r, 0)
}

// current returns the original index of the row under the cursor, or -1.
func (st *statTable) current() int {
	r, _ := st.GetSelection()
	if r < 1 || r > len(st.rows) {
		return -1
	}
	return st.rows[r-1][0].idx
}

// keys handles sorting and Enter; it returns the event when it is not a table key.
func (st *statTable) keys(ev *tcell.EventKey) *tcell.EventKey {
	if len(st.cols) == 0 && ev.Key() == tcell.KeyRune && strings.ContainsRune("<>r", ev.Rune()) {
		return nil // still computing: no columns to sort by yet
	}
	switch {
	case ev.Key() == tcell.KeyEnter:
		if i := st.current(); i >= 0 && st.onEnter != nil {
			st.onEnter(i)
		}
		return nil
	case ev.Key() == tcell.KeyRune && ev.Rune() == '>':
		st.sortBy((st.sortCol + 1) % len(st.cols))
		return nil
	case ev.Key() == tcell.KeyRune && ev.Rune() == '<':
		st.sortBy((st.sortCol - 1 + len(st.cols)) % len(st.cols))
		return nil
	case ev.Key() == tcell.KeyRune && ev.Rune() == 'r':
		if st.sortCol >= 0 {
			st.desc = !st.desc
			st.redraw()
		}
		return nil
	}
	return ev
}

// progressText is the line a window shows while it computes.
func progressText(p float64) string {
	return fmt.Sprintf("Computing %s %.0f%%  (Esc cancels)", progressBar(p*100, 20), p*100)
}

// applyDisplayFilter puts text in the filter bar and applies it, as Wireshark's "Apply as Filter".
func (u *UI) applyDisplayFilter(text string) {
	u.filter.SetText(text)
	u.applyFilter()
}

// jumpTo selects frame n in the packet list (the nearest displayed frame if it is filtered out).
func (u *UI) jumpTo(n uint32) {
	if n == 0 {
		return
	}
	if u.gotoFrame(engine.FrameNo(n), true) {
		u.flash(fmt.Sprintf("packet %d", n))
	}
}

// windowHint is a window's last line: what its keys do.
func windowHint(text string) *tview.TextView {
	tv := tview.NewTextView().SetText(text).SetWrap(false)
	tv.SetTextColor(tcell.ColorGray)
	return tv
}

// tabBar draws tab titles with the current one highlighted.
func tabBar(names []string, cur int) string {
	var b strings.Builder
	for i, n := range names {
		if i == cur {
			b.WriteString("[::r] " + n + " [::-]")
		} else {
			b.WriteString(" " + n + " ")
		}
		b.WriteString(" ")
	}
	return b.String()
}

// registerWindowKeys adds the Capture and Statistics menus' actions to the key registry.
func (u *UI) registerWindowKeys(add func(group, name string, h func(), keys ...Key)) {
	add("Capture", "Capture options…", u.captureDialog, sk(tcell.KeyCtrlK))
	add("Capture", "Start / stop capture", u.toggleCapture, sk(tcell.KeyCtrlE))
	add("Capture", "Restart capture", u.restartCapture, sk(tcell.KeyCtrlR))
	add("Statistics", "Protocol hierarchy", u.showProtocolHierarchy, rk('H'))
	add("Statistics", "Conversations", u.showConversations, rk('c'))
	add("Statistics", "Endpoints", u.showEndpoints, rk('P'))
	add("Statistics", "I/O graph", u.showIOGraph, rk('i'))
	add("Statistics", "Handshake diagnosis", u.showHandshakes, rk('D'))
	add("Statistics", "Connection report", u.showConnReport, rk('O'))
	add("Analyze", "Expert information", u.showExpertInfo, rk('x'))
	add("Statistics", "Credentials", u.showCredentials, rk('R'))
	add("Statistics", "Run a -z report (any of the command line's)", u.reportDialog, rk('Z'))
}
