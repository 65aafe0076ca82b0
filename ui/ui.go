// Package ui is tshark-tui's terminal interface on tview/tcell: packet list, detail tree, hex pane,
// filter bar and status line, like Wireshark's main window. It only applies finished results on the
// UI goroutine: the engine loads and filters in the background, and one pump goroutine turns its
// change signals into redraws at most ten times a second.
package ui

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/render"
)

// Compiler compiles display-filter text; errors that implement Span tell where the mistake is.
type Compiler func(text string) (*engine.Filter, error)

// Spanner is implemented by filter errors that know their position.
type Spanner interface {
	Span() (pos, length int)
}

// Warner optionally reports that a valid filter is questionable (Wireshark's yellow).
type Warner func(text string) string

// Option configures a UI.
type Option func(*UI)

// WithScreen runs the UI on the given screen (tests use tcell's simulation screen).
func WithScreen(s tcell.Screen) Option { return func(u *UI) { u.screen = s } }

// WithTimeFormat sets the initial time format (tshark-tui -t).
func WithTimeFormat(f render.TimeFormat) Option { return func(u *UI) { u.timeFormat = f } }

// WithConfigDir sets where settings persist (default $XDG_CONFIG_HOME/tshark-tui).
func WithConfigDir(dir string) Option { return func(u *UI) { u.configDir = dir } }

// WithSaveDir sets the directory that Save As and Export propose for a new file (default: the
// working directory).
func WithSaveDir(dir string) Option { return func(u *UI) { u.saveDir = dir } }

// WithFilter applies a display filter at start.
func WithFilter(text string) Option { return func(u *UI) { u.initialFilter = text } }

// WithWarner sets the questionable-filter check.
func WithWarner(w Warner) Option { return func(u *UI) { u.warn = w } }

// UI is the application: its widgets, its key registry and what it shows.
type UI struct {
	app    *tview.Application
	screen tcell.Screen
	eng    *engine.Session
	comp   Compiler
	// namesBefore is the name resolution Ctrl-N returns to (names.go).
	namesBefore engine.NameRes
	warn        Warner
	theme       theme
	colors      *colorRules

	pages   *tview.Pages
	root    *tview.Flex
	panes   *tview.Flex
	lower   *tview.Flex
	menu    *tview.TextView
	filter  *tview.InputField
	list    *listTable
	content *packetList
	details *tview.TreeView
	hex     *hexView
	status  *tview.TextView

	keys     *KeyMap
	selected engine.FrameNo
	selD     *engine.Dissector
	selTree  *field.Tree

	timeFormat    render.TimeFormat
	timeStyle     render.TimeStyle
	colorize      bool
	zoomed        tview.Primitive
	sideBySide    bool
	filterText    string // applied filter
	filterState   filterState
	initialFilter string
	configDir     string
	saveDir       string
	cfg           config
	message       string
	messageUntil  time.Time
	findState     findState
	findJob       *engine.Job // the search running, if any
	gen           uint32      // the session's dissection generation the rows were made with
	timeRef       engine.FrameNo

	listHeight int  // rows of the packet list when resized (0: proportional)
	dragging   bool // the border under the packet list is being dragged
	engMu      sync.Mutex
	swapped    chan struct{} // another capture was opened: the pump listens to the new engine
	precision  int           // time column decimals; -1 automatic
	drawn      atomic.Int64  // when the last draw finished (ns), for latency measurements
	drawnSel   atomic.Uint32 // the frame selected at that draw
	lastCopy   string
	completing bool // Tab asked for completions; the list stays open while typing
	drawScreen tcell.Screen
	wins       *windows // statistics windows, I/O graph and capture dialog (windows.go)

	stop     chan struct{}
	stopOnce sync.Once

	tls tlsKeyState // TLS keys and key logs (tlskeys.go)

	inputLog    *inputLog // TSHARK_TUI_INPUTLOG (keylog.go)
	cliDecodeAs []string  // the command line's -d entries (decodeas.go)
	lastReport  string    // the last -z report run from the UI (report.go)
}

// New builds the UI over an engine.
func New(eng *engine.Session, comp Compiler, opts ...Option) *UI {
	u := &UI{
		eng:      eng,
		comp:     comp,
		app:      tview.NewApplication(),
		theme:    defaultTheme(),
		colorize: true,
		stop:     make(chan struct{}),
		swapped:  make(chan struct{}, 1),
	}
	u.precision = -1
	u.inputLog = openInputLog()
	for _, o := range opts {
		o(u)
	}
	u.loadConfig()
	if u.screen == nil {
		if s, err := tcell.NewScreen(); err == nil {
			u.screen = s
		} // else tview's Run fails the same way and reports it
	}
	if u.screen != nil {
		u.app.SetScreen(wrapScreen(u.screen)) // nothing raw from a capture reaches the terminal
	}
	u.colors = compileColorRules(comp, u.theme)
	u.build()
	u.registerKeys()
	u.menu.SetText(u.menuBarText())
	if len(u.cfg.Columns) > 0 {
		u.content.cols = u.cfg.Columns
	}
	u.initTLSKeys()
	u.initDecodeAs()
	if src := eng.Source(); src.IsLive() {
		u.windows().capCfg = configOf(src) // Ctrl-E stops it, Ctrl-R restarts it with its settings
		go u.watchCapture(eng)
	}
	return u
}

// Run shows the UI until the user quits.
func (u *UI) Run() error {
	go u.pump()
	defer u.stopOnce.Do(func() { close(u.stop) })
	if u.initialFilter != "" {
		u.filter.SetText(u.initialFilter)
		u.applyFilter()
	}
	u.refresh()
	err := u.app.Run()
	u.saveConfig()
	return err
}

// Stop ends Run (tests, signals).
func (u *UI) Stop() { u.app.Stop() }

// App exposes the tview application (tests inject events and wait for draws through it).
func (u *UI) App() *tview.Application { return u.app }

// pump turns the engine's change signals into at most ten redraws a second.
func (u *UI) pump() {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	pending := false
	for {
		u.engMu.Lock()
		changed := u.eng.Changed()
		u.engMu.Unlock()
		select {
		case <-u.stop:
			return
		case <-u.swapped:
			pending = true
		case <-changed:
			pending = true
		case <-tick.C:
			if pending {
				pending = false
				u.app.QueueUpdateDraw(u.refresh)
			}
		}
	}
}

// refresh applies the engine's latest view (UI goroutine only).
func (u *UI) refresh() {
	v := u.eng.View()
	prevRows := u.content.GetRowCount()
	if v.Gen != u.gen {
		// dissected again with a new configuration (TLS keys, Decode As): rows, the selected tree
		// and the bytes are stale
		u.gen = v.Gen
		u.content.invalidate()
		if r, _ := u.list.GetSelection(); r > 0 {
			u.selTree = nil
			defer u.selectRow(r)
		}
	}
	u.content.setView(v)
	if u.selected == 0 && v.Len() > 0 {
		u.list.Select(1, 0)
		u.list.ScrollToBeginning()
	}
	u.followNew(prevRows) // capture.go
	u.updateStatus()
}

func (u *UI) build() {
	u.menu = tview.NewTextView().SetDynamicColors(false).SetWrap(false)
	u.menu.SetBackgroundColor(u.theme.menuBg)
	u.menu.SetTextColor(u.theme.menuFg)

	u.filter = tview.NewInputField().SetLabel("Filter: ").SetPlaceholder("Apply a display filter … </>")
	u.filter.SetFieldBackgroundColor(tcell.ColorDefault)
	u.filter.SetPlaceholderStyle(tcell.StyleDefault.Foreground(tcell.ColorGray))
	u.filter.SetChangedFunc(func(string) { u.checkFilter() })
	u.filter.SetAutocompleteFunc(u.completeFilter)
	u.filter.SetAutocompletedFunc(func(text string, _, source int) bool {
		if source == tview.AutocompletedNavigate {
			return false
		}
		u.filter.SetText(text)
		u.completing = false
		return true
	})
	u.filter.SetDoneFunc(func(k tcell.Key) {
		switch k {
		case tcell.KeyEnter:
			// an invalid filter keeps the focus, so the next letters edit it instead of firing
			// the list's shortcuts
			if u.applyFilter() {
				u.app.SetFocus(u.list)
			}
		case tcell.KeyEscape:
			u.filter.SetText(u.filterText)
			u.app.SetFocus(u.list)
		}
	})
	u.filter.SetInputCapture(u.filterKeys)

	u.content = newPacketList(u)
	u.list = newListTable(u.content)
	u.list.SetFixed(1, 0).SetSelectable(true, false)
	u.list.SetSelectedStyle(u.theme.selected)
	u.list.SetSelectionChangedFunc(func(r, _ int) { u.selectRow(r) })
	u.list.SetBorder(false)

	u.details = tview.NewTreeView().SetGraphics(true).SetTopLevel(1)
	u.details.SetChangedFunc(func(n *tview.TreeNode) { u.selectNode(n) })
	u.details.SetSelectedFunc(func(n *tview.TreeNode) { n.SetExpanded(!n.IsExpanded()) })
	u.details.SetInputCapture(u.detailKeys)
	u.details.SetBorder(true).SetTitle(" Packet details ").SetTitleAlign(tview.AlignLeft)
	u.details.SetBorderColor(u.theme.border)

	u.hex = newHexView(u)
	u.hex.SetBorder(true).SetTitle(" Packet bytes ").SetTitleAlign(tview.AlignLeft)
	u.hex.SetBorderColor(u.theme.border)

	u.status = tview.NewTextView().SetDynamicColors(false).SetWrap(false)
	u.status.SetBackgroundColor(u.theme.menuBg)
	u.status.SetTextColor(u.theme.menuFg)

	u.panes = tview.NewFlex().SetDirection(tview.FlexRow)
	u.layout()
	u.root = tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(u.menu, 1, 0, false).
		AddItem(u.filter, 1, 0, false).
		AddItem(u.panes, 0, 1, true).
		AddItem(u.status, 1, 0, false)
	u.pages = tview.NewPages().AddPage("main", u.root, true, true)
	u.app.SetRoot(&rootView{Pages: u.pages, u: u}, true).SetFocus(u.list)
	u.app.SetMouseCapture(u.mouse)
	u.app.EnableMouse(true)
	u.app.EnablePaste(true)
	u.app.SetInputCapture(u.globalKeys)
	u.app.SetBeforeDrawFunc(func(s tcell.Screen) bool { u.drawScreen = s; return false })
	u.app.SetAfterDrawFunc(func(tcell.Screen) {
		u.drawn.Store(time.Now().UnixNano())
		u.drawnSel.Store(uint32(u.selected))
		u.inputLog.drawn()
	})
}

// layout arranges the three panes: stacked (Wireshark's default) or the list above details and bytes
// side by side; a zoomed pane takes the whole space.
func (u *UI) layout() {
	u.panes.Clear()
	if u.zoomed != nil {
		u.panes.AddItem(u.zoomed, 0, 1, true)
		return
	}
	if u.sideBySide {
		u.lower = tview.NewFlex().SetDirection(tview.FlexColumn).
			AddItem(u.details, 0, 1, false).
			AddItem(u.hex, 0, 1, false)
		u.panes.AddItem(u.list, 0, 1, true).AddItem(u.lower, 0, 1, false)
		return
	}
	if u.listHeight > 0 {
		u.panes.AddItem(u.list, u.listHeight, 0, true).
			AddItem(u.details, 0, 4, false).
			AddItem(u.hex, 0, 3, false)
		return
	}
	u.panes.AddItem(u.list, 0, 5, true).
		AddItem(u.details, 0, 4, false).
		AddItem(u.hex, 0, 3, false)
}

// selectRow shows frame details for the list row r (1-based; 0 is the header).
func (u *UI) selectRow(r int) {
	v := u.content.view
	if v == nil || r < 1 || r > v.Len() {
		return
	}
	n := v.At(r - 1)
	if n == u.selected && u.selTree != nil {
		return
	}
	u.selected = n
	if u.selD == nil {
		u.selD = u.eng.NewDissector()
	}
	var prev engine.FrameNo
	if r > 1 {
		prev = v.At(r - 2)
	}
	tree, _ := u.selD.Dissect(n, prev)
	u.selTree = tree
	u.showTree(tree)
	u.updateStatus()
}

// showTree fills the details pane, keeping the expansion of protocols the user had open.
func (u *UI) showTree(t *field.Tree) {
	open := map[string]bool{}
	if old := u.details.GetRoot(); old != nil {
		old.Walk(func(n, _ *tview.TreeNode) bool {
			if n.IsExpanded() && n.GetLevel() > 0 {
				open[n.GetText()] = true
			}
			return true
		})
	}
	root := tview.NewTreeNode("")
	var add func(parent *tview.TreeNode, idx int32, depth int)
	add = func(parent *tview.TreeNode, idx int32, depth int) {
		for i := t.Nodes[idx].Child; i >= 0; i = t.Nodes[i].Next {
			nd := &t.Nodes[i]
			if nd.Flags&field.Hidden != 0 {
				continue
			}
			label := render.NodeLabel(t, nd)
			tn := tview.NewTreeNode(tview.Escape(label)).SetReference(i).SetSelectable(true)
			tn.SetTextStyle(u.theme.treeStyle(nd))
			tn.SetSelectedTextStyle(u.theme.selected)
			if nd.Child >= 0 {
				tn.SetExpanded(open[tview.Escape(label)] || (depth == 0 && open[protoKey(label)]))
			}
			parent.AddChild(tn)
			add(tn, i, depth+1)
		}
	}
	add(root, field.Root, 0)
	u.details.SetRoot(root)
	if kids := root.GetChildren(); len(kids) > 0 {
		u.details.SetCurrentNode(kids[0])
	}
	u.hex.setTree(t, -1)
}

func protoKey(label string) string {
	if i := strings.IndexByte(label, ','); i > 0 {
		return label[:i]
	}
	return label
}

// selectNode highlights the bytes of the chosen tree item.
func (u *UI) selectNode(n *tview.TreeNode) {
	if n == nil || u.selTree == nil {
		return
	}
	idx, ok := n.GetReference().(int32)
	if !ok {
		return
	}
	u.hex.setTree(u.selTree, idx)
}

// selectedField returns the field node chosen in the details pane.
func (u *UI) selectedField() (*field.Node, bool) {
	n := u.details.GetCurrentNode()
	if n == nil || u.selTree == nil {
		return nil, false
	}
	idx, ok := n.GetReference().(int32)
	if !ok || idx <= 0 || int(idx) >= len(u.selTree.Nodes) {
		return nil, false
	}
	return &u.selTree.Nodes[idx], true
}

func (u *UI) updateStatus() {
	v := u.eng.View()
	if v == nil {
		return
	}
	var b strings.Builder
	b.WriteString(" ")
	if u.message != "" && time.Now().Before(u.messageUntil) {
		// a message (a filter error, a search result) comes first so that it fits
		b.WriteString(u.message)
		b.WriteString(" │ ")
	}
	b.WriteString(strings.Join(baseNames(v.Files), ", "))
	fmt.Fprintf(&b, " │ Packets: %d", v.Count)
	if !v.All {
		pct := 0.0
		if v.Count > 0 {
			pct = float64(v.Len()) * 100 / float64(v.Count)
		}
		fmt.Fprintf(&b, " · Displayed: %d (%.1f%%)", v.Len(), pct)
	} else {
		fmt.Fprintf(&b, " · Displayed: %d (100.0%%)", v.Len())
	}
	if m := u.eng.Store().Count(engine.Marked); m > 0 {
		fmt.Fprintf(&b, " · Marked: %d", m)
	}
	if u.selected > 0 {
		fmt.Fprintf(&b, " │ Frame %d", u.selected)
	}
	if c := u.captureStatus(); c != "" { // capture.go
		b.WriteString(" │ " + c)
	} else if v.Loading {
		b.WriteString(" │ Loading…")
	}
	if v.Redissecting >= 0 {
		fmt.Fprintf(&b, " │ Dissecting again %s %.0f%%", progressBar(v.Redissecting*100, 10), v.Redissecting*100)
	}
	if !v.All && v.Scanned < v.Count {
		pct := float64(v.Scanned) * 100 / float64(max(1, int(v.Count)))
		fmt.Fprintf(&b, " │ Filtering %s %.0f%%", progressBar(pct, 10), pct)
	}
	if v.Err != nil {
		b.WriteString(" │ ")
		b.WriteString(v.Err.Error())
	}
	b.WriteString(" │ ")
	b.WriteString(render.TimeFormatNames[u.timeFormat])
	u.status.SetText(field.Escape(b.String())) // file names, errors and messages echo outside text
}

func progressBar(pct float64, w int) string {
	full := int(pct / 100 * float64(w))
	return "[" + strings.Repeat("█", full) + strings.Repeat("·", w-full) + "]"
}

func baseNames(files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		if j := strings.LastIndexByte(f, '/'); j >= 0 {
			f = f[j+1:]
		}
		out[i] = f
	}
	return out
}

// flash shows a message in the status line for a few seconds.
func (u *UI) flash(msg string) {
	u.message = msg
	u.messageUntil = time.Now().Add(4 * time.Second)
	u.updateStatus()
}

// refTS returns the time reference for frame n: the latest time-reference frame at or before it, or
// the first frame.
func (u *UI) refTS(n engine.FrameNo) int64 {
	st := u.eng.Store()
	if u.timeRef > 0 && u.timeRef <= n {
		return st.Frame(u.timeRef).TS
	}
	if st.Len() == 0 {
		return 0
	}
	return st.Frame(1).TS
}

func (u *UI) timePrecision(iface uint16) int {
	if u.precision >= 0 {
		return u.precision
	}
	return u.eng.Precision(iface)
}

// fieldText returns the values of a field in a tree, comma-separated (custom columns).
func fieldText(t *field.Tree, abbrev string) string {
	f, ok := t.Reg.Lookup(abbrev)
	if !ok {
		return ""
	}
	var b []byte
	t.Each(f.ID, func(n *field.Node) bool {
		if len(b) > 0 {
			b = append(b, ',')
		}
		b = f.AppendRepr(b, n.Value)
		return true
	})
	return string(b) // AppendRepr escapes strings; other types are digits and hex
}

// LastDraw reports when the screen was last drawn and which frame was selected then (any goroutine).
func (u *UI) LastDraw() (time.Time, engine.FrameNo) {
	return time.Unix(0, u.drawn.Load()), engine.FrameNo(u.drawnSel.Load())
}
