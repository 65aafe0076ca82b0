package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
)

// ifaceSource lists capture interfaces and counts their packets; tests and screenshots replace
// the system's with a fixed list.
type ifaceSource interface {
	List() ([]engine.Interface, error)
	// Packets returns the packets the interface has received and sent so far.
	Packets(name string) (uint64, bool)
}

// systemIfaces reads the machine's interfaces and the kernel's counters in /sys, which needs no
// capture permission.
type systemIfaces struct{}

func (systemIfaces) List() ([]engine.Interface, error) { return engine.Interfaces() }

func (systemIfaces) Packets(name string) (uint64, bool) {
	if name == "any" {
		ents, err := os.ReadDir("/sys/class/net")
		if err != nil {
			return 0, false
		}
		var sum uint64
		for _, e := range ents {
			if n, ok := sysPackets(e.Name()); ok {
				sum += n
			}
		}
		return sum, true
	}
	return sysPackets(name)
}

func sysPackets(name string) (uint64, bool) {
	var sum uint64
	for _, f := range []string{"rx_packets", "tx_packets"} {
		b, err := os.ReadFile(filepath.Join("/sys/class/net", name, "statistics", f))
		if err != nil {
			return 0, false
		}
		n, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
		if err != nil {
			return 0, false
		}
		sum += n
	}
	return sum, true
}

// fixedIfaces is an interface list given by WithInterfaces.
type fixedIfaces struct {
	list    []engine.Interface
	packets func(name string) uint64
}

func (f fixedIfaces) List() ([]engine.Interface, error) { return f.list, nil }

func (f fixedIfaces) Packets(name string) (uint64, bool) {
	if f.packets == nil {
		return 0, false
	}
	return f.packets(name), true
}

// WithInterfaces makes the capture dialog list these interfaces, with packet counts from packets
// (nil: none), instead of the machine's (tests and screenshots).
func WithInterfaces(list []engine.Interface, packets func(name string) uint64) Option {
	return func(u *UI) { u.windows().ifaces = fixedIfaces{list: list, packets: packets} }
}

// captureConfig is what the capture dialog sets; it is kept for Ctrl-E and restarts.
type captureConfig struct {
	Ifaces      []string
	Filter      string
	Output      string
	RingFiles   int
	RingSizeKB  uint64
	RingSeconds int
	NoPromisc   bool
	Snaplen     uint32
}

// liveConfig turns the dialog's settings into the engine's live source.
func (c captureConfig) source() engine.Source {
	lc := engine.LiveConfig{Ifaces: c.Ifaces, Snaplen: c.Snaplen, NoPromisc: c.NoPromisc}
	if c.Output != "" {
		lc.Output.Path = c.Output
		lc.Output.Files = c.RingFiles
		lc.Output.FileSizeKB = c.RingSizeKB
		lc.Output.Duration = time.Duration(c.RingSeconds) * time.Second
		lc.Output.Ring = c.RingFiles > 0 || c.RingSizeKB > 0 || c.RingSeconds > 0
	}
	return engine.Source{Live: &lc, CaptureFilter: c.Filter}
}

// configOf reads a live source back into the dialog's settings (a capture started with -i).
func configOf(src engine.Source) captureConfig {
	if src.Live == nil {
		return captureConfig{}
	}
	l := src.Live
	return captureConfig{Ifaces: l.Ifaces, Filter: src.CaptureFilter, Output: l.Output.Path, RingFiles: l.Output.Files,
		RingSizeKB: l.Output.FileSizeKB, RingSeconds: int(l.Output.Duration / time.Second), NoPromisc: l.NoPromisc,
		Snaplen: l.Snaplen}
}

// permissionHint says what to do when the process may not capture.
func permissionHint(dev string) string {
	exe, err := os.Executable()
	if err != nil {
		exe = "tshark-tui"
	}
	return fmt.Sprintf("No permission to capture on %s. Run as root (sudo), or allow this binary: sudo setcap cap_net_raw,cap_net_admin+eip %s", dev, exe)
}

// startCapture opens a live session on the interfaces and swaps it into the UI; the dissection
// configuration (TLS keys, Decode As) carries over to it.
func (u *UI) startCapture(cfg captureConfig) error {
	if len(cfg.Ifaces) == 0 {
		return errors.New("select an interface to capture on (Space)")
	}
	if err := engine.CheckCaptureFilter(cfg.Filter); err != nil {
		return fmt.Errorf("invalid capture filter: %w", err)
	}
	u.stopCapture()
	sess, err := engine.Open(cfg.source(), u.eng.Config())
	if err != nil {
		if engine.IsPermissionError(err) {
			return errors.New(permissionHint(strings.Join(cfg.Ifaces, ", ")))
		}
		return err
	}
	u.windows().capCfg = cfg
	u.useEngine(sess)
	go u.watchCapture(sess)
	return nil
}

// watchCapture redraws the status line while a capture runs and notices its end, off the UI
// goroutine.
func (u *UI) watchCapture(sess *engine.Session) {
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for range tick.C {
		st := sess.Capture()
		u.app.QueueUpdateDraw(func() {
			if u.eng != sess {
				return
			}
			u.updateStatus()
			if d := u.windows().capDlg; d != nil {
				d.showState()
			}
			if !st.Running && st.Err != nil {
				u.flash("capture file: " + st.Err.Error())
			}
		})
		if !st.Running {
			return
		}
	}
}

// stopCapture ends the running capture; its packets stay open for browsing and Save As.
func (u *UI) stopCapture() {
	if u.capturing() {
		u.eng.StopCapture()
	}
}

// capturing reports whether a live capture is running.
func (u *UI) capturing() bool { return u.eng.Capture().Running }

// toggleCapture stops the running capture or starts one with the last settings (the dialog when
// there are none): Wireshark's Ctrl-E.
func (u *UI) toggleCapture() {
	if u.capturing() {
		u.stopCapture()
		u.flash("capture stopped")
		return
	}
	cfg := u.windows().capCfg
	if len(cfg.Ifaces) == 0 {
		u.captureDialog()
		return
	}
	if err := u.startCapture(cfg); err != nil {
		u.flash(err.Error())
	}
}

// restartCapture starts the capture again with the same settings, dropping what was captured.
func (u *UI) restartCapture() {
	cfg := u.windows().capCfg
	if len(cfg.Ifaces) == 0 {
		u.captureDialog()
		return
	}
	if err := u.startCapture(cfg); err != nil {
		u.flash(err.Error())
	}
}

// captureStatus is the status line's capture part: running or stopped, and the kernel's drops.
func (u *UI) captureStatus() string {
	st := u.eng.Capture()
	if !st.Live {
		return ""
	}
	state := "Capture stopped"
	if st.Running {
		state = "● Capturing on " + strings.Join(st.Ifaces, ", ")
	}
	return fmt.Sprintf("%s · Dropped: %d", state, st.Dropped)
}

// followNew keeps the newest packet selected while capturing, unless the user has moved away from
// the end of the list (which pauses following until they return to it).
func (u *UI) followNew(prevRows int) {
	if !u.capturing() {
		return
	}
	r, _ := u.list.GetSelection()
	n := u.content.GetRowCount()
	if r >= prevRows-1 && n > prevRows {
		u.list.Select(n-1, 0)
	}
}

// captureDialog is Capture › Options: interfaces with live packet counts, the capture filter
// checked as it is typed, output file and ring buffer, promiscuous mode and snapshot length.
type captureDialog struct {
	u      *UI
	ifaces []engine.Interface
	sel    map[string]bool
	table  *safeTable
	form   *tview.Form
	check  *tview.TextView
	state  *tview.TextView
	filter *tview.InputField
	stop   chan struct{}
	last   map[string]uint64
	lastAt time.Time
}

func (u *UI) captureDialog() {
	w := u.windows()
	d := &captureDialog{u: u, sel: map[string]bool{}, stop: make(chan struct{}), last: map[string]uint64{}}
	list, err := w.ifaces.List()
	if err != nil {
		u.flash("list interfaces: " + err.Error())
	}
	d.ifaces = list
	cfg := w.capCfg
	for _, n := range cfg.Ifaces {
		d.sel[n] = true
	}
	if cfg.Snaplen == 0 {
		cfg.Snaplen = engine.DefaultSnaplen
	}

	d.table = newSafeTable()
	d.table.SetFixed(1, 0).SetSelectable(true, false)
	d.table.SetSelectedStyle(tcell.StyleDefault.Reverse(true))
	for c, h := range []string{"", "Interface", "Packets/s", "Packets", "Addresses"} {
		hc := tview.NewTableCell(h).SetSelectable(false).SetAttributes(tcell.AttrBold | tcell.AttrUnderline)
		if c == 2 || c == 3 {
			hc.SetAlign(tview.AlignRight)
		}
		d.table.SetCell(0, c, hc)
	}
	for i, ifc := range d.ifaces {
		r := i + 1
		name := ifc.Name
		if !ifc.Up {
			name += " (down)"
		}
		d.table.SetCell(r, 0, tview.NewTableCell(d.mark(ifc.Name)))
		d.table.SetCell(r, 1, tview.NewTableCell(tview.Escape(field.Escape(name)))) // a name is any bytes but / and NUL
		d.table.SetCell(r, 2, tview.NewTableCell("").SetAlign(tview.AlignRight))
		d.table.SetCell(r, 3, tview.NewTableCell("").SetAlign(tview.AlignRight))
		addrs := strings.Join(ifc.Addrs, " ")
		if ifc.Name == "any" {
			addrs = "Pseudo-device that captures on all interfaces"
		}
		d.table.SetCell(r, 4, tview.NewTableCell(tview.Escape(addrs)).SetExpansion(1))
	}
	d.table.Select(1, 0)
	d.table.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		switch {
		case ev.Key() == tcell.KeyEscape:
			d.close()
			return nil
		case ev.Key() == tcell.KeyTab:
			u.app.SetFocus(d.filter)
			return nil
		case ev.Key() == tcell.KeyRune && ev.Rune() == ' ':
			d.toggle()
			return nil
		case ev.Key() == tcell.KeyEnter:
			if len(d.selected()) == 0 {
				d.toggle()
			}
			d.start()
			return nil
		}
		return ev
	})

	d.form = tview.NewForm()
	d.form.SetItemPadding(0).SetBorderPadding(0, 0, 1, 1)
	// the capture filter stays out of the form, which would paint over its green or red
	d.filter = tview.NewInputField().SetLabel(" Capture filter:     ").SetText(cfg.Filter).SetFieldWidth(60)
	d.filter.SetChangedFunc(func(string) { d.checkFilter() })
	d.filter.SetLabelColor(tcell.ColorYellow)
	d.filter.SetDoneFunc(func(k tcell.Key) {
		switch k {
		case tcell.KeyEscape:
			d.close()
		case tcell.KeyBacktab:
			u.app.SetFocus(d.table)
		case tcell.KeyTab, tcell.KeyEnter:
			u.app.SetFocus(d.form)
		}
	})
	d.form.AddInputField("Output file:", cfg.Output, 50, nil, nil)
	d.form.AddInputField("Ring buffer: files", itoaZ(cfg.RingFiles), 6, tview.InputFieldInteger, nil)
	d.form.AddInputField("  new file every kB", itoaZ(int(cfg.RingSizeKB)), 10, tview.InputFieldInteger, nil)
	d.form.AddInputField("  new file every s", itoaZ(cfg.RingSeconds), 8, tview.InputFieldInteger, nil)
	d.form.AddCheckbox("Promiscuous mode", !cfg.NoPromisc, nil)
	d.form.AddInputField("Snapshot length:", strconv.Itoa(int(cfg.Snaplen)), 8, tview.InputFieldInteger, nil)
	d.form.AddButton("Start", d.start)
	d.form.AddButton("Stop", func() {
		u.stopCapture()
		d.state.SetText("Stopping…")
	})
	d.form.AddButton("Restart", d.start)
	d.form.AddButton("Close", d.close)
	d.form.SetCancelFunc(d.close)
	d.form.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		if ev.Key() == tcell.KeyBacktab {
			if item, _ := d.form.GetFocusedItemIndex(); item == 0 {
				u.app.SetFocus(d.filter)
				return nil
			}
		}
		return ev
	})
	d.check = tview.NewTextView().SetWrap(false).SetDynamicColors(false)
	d.state = tview.NewTextView().SetWrap(true)

	flex := tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(d.table, min(len(d.ifaces)+1, 8), 0, true).
		AddItem(d.filter, 1, 0, false).
		AddItem(d.form, 9, 0, false).
		AddItem(d.check, 3, 0, false).
		AddItem(d.state, 0, 1, false).
		AddItem(windowHint("Space: select interface · Enter: start · Tab: options · Esc: close"), 1, 0, false)
	w.capDlg = d
	u.modal("Capture Options", flex, 0, 0)
	d.checkFilter()
	d.showState()
	d.counts()
	go d.refresh()
}

func itoaZ(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (d *captureDialog) mark(name string) string {
	if d.sel[name] {
		return tview.Escape("[x]")
	}
	return tview.Escape("[ ]")
}

func (d *captureDialog) toggle() {
	r, _ := d.table.GetSelection()
	if r < 1 || r > len(d.ifaces) {
		return
	}
	name := d.ifaces[r-1].Name
	d.sel[name] = !d.sel[name]
	d.table.GetCell(r, 0).SetText(d.mark(name))
}

// selected lists the chosen interfaces in list order.
func (d *captureDialog) selected() []string {
	var out []string
	for _, ifc := range d.ifaces {
		if d.sel[ifc.Name] {
			out = append(out, ifc.Name)
		}
	}
	return out
}

// checkFilter compiles the capture filter as it is typed: green when valid, red with the error
// and a caret under its position otherwise.
func (d *captureDialog) checkFilter() {
	th := d.u.theme
	text := d.filter.GetText()
	if strings.TrimSpace(text) == "" {
		d.filter.SetFieldBackgroundColor(tcell.ColorDefault)
		d.filter.SetFieldTextColor(tcell.ColorDefault)
		d.check.SetText("No capture filter: every packet is captured")
		return
	}
	err := engine.CheckCaptureFilter(text)
	if err == nil {
		d.filter.SetFieldBackgroundColor(th.filterOK)
		d.filter.SetFieldTextColor(tcell.ColorBlack)
		d.check.SetText("Valid capture filter")
		return
	}
	d.filter.SetFieldBackgroundColor(th.filterBad)
	d.filter.SetFieldTextColor(tcell.ColorBlack)
	msg := "Invalid capture filter: " + err.Error()
	if pos := engine.CaptureFilterPos(err); pos >= 0 && pos <= len(text) {
		msg += "\n  " + text + "\n  " + strings.Repeat(" ", len([]rune(text[:pos]))) + "^"
	}
	d.check.SetText(msg)
}

// config reads the dialog's settings.
func (d *captureDialog) config() (captureConfig, error) {
	get := func(i int) string { return strings.TrimSpace(d.form.GetFormItem(i).(*tview.InputField).GetText()) }
	atoi := func(i int) int {
		n, _ := strconv.Atoi(get(i))
		return n
	}
	cfg := captureConfig{Ifaces: d.selected(), Filter: strings.TrimSpace(d.filter.GetText()), Output: get(0), RingFiles: atoi(1),
		RingSizeKB: uint64(atoi(2)), RingSeconds: atoi(3), NoPromisc: !d.form.GetFormItem(4).(*tview.Checkbox).IsChecked(),
		Snaplen: uint32(atoi(5))}
	if cfg.Output == "" && (cfg.RingFiles > 0 || cfg.RingSizeKB > 0 || cfg.RingSeconds > 0) {
		return cfg, errors.New("a ring buffer needs an output file")
	}
	return cfg, nil
}

func (d *captureDialog) start() {
	cfg, err := d.config()
	if err == nil {
		d.u.windows().capCfg = cfg
		err = d.u.startCapture(cfg)
	}
	if err != nil {
		d.state.SetText("Cannot start: " + err.Error())
		return
	}
	d.close()
	d.u.flash("capturing on " + strings.Join(cfg.Ifaces, ", "))
}

func (d *captureDialog) close() {
	select {
	case <-d.stop:
	default:
		close(d.stop)
	}
	if d.u.windows().capDlg == d {
		d.u.windows().capDlg = nil
	}
	d.u.closeModal()
}

// showState writes the capture's state under the form.
func (d *captureDialog) showState() {
	st := d.u.eng.Capture()
	n := d.u.eng.View().Count
	switch {
	case !st.Live:
		d.state.SetText("Not capturing.")
	case st.Running:
		d.state.SetText(fmt.Sprintf("Capturing on %s: %d packets, %d dropped.", strings.Join(st.Ifaces, ", "), n, st.Dropped))
	default:
		d.state.SetText(fmt.Sprintf("Capture on %s stopped: %d packets, %d dropped. File › Save As keeps them.", strings.Join(st.Ifaces, ", "), n, st.Dropped))
	}
}

// counts reads the interfaces' packet counters (any goroutine) and returns a function that shows
// them (UI goroutine).
func (d *captureDialog) readCounts() func() {
	src := d.u.windows().ifaces
	now := time.Now()
	vals := make([]uint64, len(d.ifaces))
	oks := make([]bool, len(d.ifaces))
	for i, ifc := range d.ifaces {
		vals[i], oks[i] = src.Packets(ifc.Name)
	}
	return func() {
		el := now.Sub(d.lastAt).Seconds()
		for i, ifc := range d.ifaces {
			if !oks[i] {
				continue
			}
			d.table.GetCell(i+1, 3).SetText(strconv.FormatUint(vals[i], 10))
			if prev, ok := d.last[ifc.Name]; ok && el > 0 && vals[i] >= prev {
				d.table.GetCell(i+1, 2).SetText(strconv.FormatFloat(float64(vals[i]-prev)/el, 'f', 0, 64))
			}
			d.last[ifc.Name] = vals[i]
		}
		d.lastAt = now
	}
}

func (d *captureDialog) counts() { d.readCounts()() }

// refresh updates the packet counts every second while the dialog is open.
func (d *captureDialog) refresh() {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-d.stop:
			return
		case <-tick.C:
			show := d.readCounts()
			d.u.app.QueueUpdateDraw(func() {
				select {
				case <-d.stop:
				default:
					show()
					d.showState()
				}
			})
		}
	}
}
