package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
)

// File › Export Objects: the files a protocol carried (HTTP bodies, mails, SMB files, TFTP
// transfers) listed as Wireshark lists them (Packet, Hostname, Content Type, Size, Filename), found
// by an engine job over every packet; Enter or s saves the selected object, a saves them all, into
// a directory asked for (the UI's save directory first), under tshark's file names; g goes to the
// object's packet.

// registerObjectKeys adds File › Export objects › PROTO for each protocol the engine exports.
func (u *UI) registerObjectKeys(add func(group, name string, h func(), keys ...Key)) {
	for _, p := range engine.ObjectProtocols() {
		proto := p
		add("File", "Export objects › "+strings.ToUpper(proto)+"…", func() { u.showObjects(proto) })
	}
}

// objectsWindow is the state of an open Export Objects window.
type objectsWindow struct {
	u      *UI
	proto  string
	objs   []engine.Object
	filter string
	shown  []int // indices into objs of the rows shown (the text filter applied)
	table  *statTable
	head   *tview.TextView
	input  *tview.InputField
	flex   *tview.Flex
	done   bool // the list is complete
}

// showObjects opens the window for proto and starts the job that lists its objects.
func (u *UI) showObjects(proto string) {
	ow := u.objectsWindow(proto, nil, "")
	ow.head.SetText(progressText(0))
	w := u.windows()
	if w.job != nil {
		w.job.Cancel()
	}
	gen := w.jobGen
	job, list := u.eng.ExportObjects(proto)
	w.job = job
	go func() {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-job.Done():
				u.app.QueueUpdateDraw(func() {
					if w.jobGen != gen || w.job != job {
						return
					}
					w.job = nil
					if err := job.Err(); err != nil {
						ow.head.SetText("export objects: " + err.Error())
						return
					}
					ow.objs, ow.done = list(), true
					ow.fill()
				})
				return
			case <-tick.C:
				p := job.Progress()
				u.app.QueueUpdateDraw(func() {
					if w.jobGen == gen && w.job == job {
						ow.head.SetText(progressText(p))
					}
				})
			}
		}
	}()
}

// objectsWindow docks the list window with objs (nil while the job runs).
func (u *UI) objectsWindow(proto string, objs []engine.Object, filter string) *objectsWindow {
	ow := &objectsWindow{u: u, proto: proto, objs: objs, filter: filter, done: objs != nil}
	cols := []statCol{{title: "Packet", num: true}, {title: "Hostname"}, {title: "Content Type"}, {title: "Size", num: true}, {title: "Filename"}}
	ow.table = newStatTable(cols)
	ow.head = tview.NewTextView().SetWrap(false)
	ow.input = tview.NewInputField().SetLabel("Text filter: ").SetText(filter)
	ow.input.SetChangedFunc(func(text string) {
		ow.filter = text
		ow.fill()
	})
	ow.input.SetDoneFunc(func(tcell.Key) { u.app.SetFocus(ow.table) })
	ow.flex = tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(ow.head, 1, 0, false).
		AddItem(ow.table, 0, 1, true).
		AddItem(ow.input, 1, 0, false).
		AddItem(windowHint("Enter/s: save this object · a: save all · g: go to its packet · /: text filter · < > sort · r reverse · Esc close"), 1, 0, false)
	ow.table.onEnter = func(i int) { ow.save(ow.shown[i : i+1]) }
	ow.table.SetInputCapture(ow.keys)
	u.dock("Export objects: "+strings.ToUpper(proto), ow.flex)
	if ow.done {
		ow.fill()
	}
	return ow
}

// keys are the window's keys; the table's own (sorting, Enter) come after.
func (ow *objectsWindow) keys(ev *tcell.EventKey) *tcell.EventKey {
	u := ow.u
	switch {
	case ev.Key() == tcell.KeyEscape:
		u.closeWindow()
		return nil
	case ev.Key() == tcell.KeyRune && ev.Rune() == 's':
		if i := ow.table.current(); i >= 0 {
			ow.save(ow.shown[i : i+1])
		}
		return nil
	case ev.Key() == tcell.KeyRune && ev.Rune() == 'a':
		ow.save(ow.shown)
		return nil
	case ev.Key() == tcell.KeyRune && ev.Rune() == '/':
		u.app.SetFocus(ow.input)
		return nil
	case ev.Key() == tcell.KeyRune && ev.Rune() == 'g':
		if i := ow.table.current(); i >= 0 {
			u.jumpTo(ow.objs[ow.shown[i]].Frame)
		}
		return nil
	}
	return ow.table.keys(ev)
}

// fill shows the objects that match the text filter.
func (ow *objectsWindow) fill() {
	if !ow.done {
		return
	}
	ow.shown = ow.shown[:0]
	var rows [][]cell
	f := strings.ToLower(ow.filter)
	for i, o := range ow.objs {
		if f != "" && !strings.Contains(strings.ToLower(o.Hostname+"\x00"+o.ContentType+"\x00"+o.Filename), f) {
			continue
		}
		ow.shown = append(ow.shown, i)
		rows = append(rows, []cell{numU(uint64(o.Frame)), txt(o.Hostname), txt(o.ContentType), numU(uint64(len(o.Data))), txt(o.Filename)})
	}
	ow.table.setRows(rows)
	name := strings.ToUpper(ow.proto)
	all := fmt.Sprintf("all %d packets", ow.u.eng.View().Count)
	switch {
	case len(ow.objs) == 0:
		ow.head.SetText(fmt.Sprintf("No %s objects in %s", name, all))
	case len(rows) == len(ow.objs):
		ow.head.SetText(fmt.Sprintf("%d %s objects in %s", len(ow.objs), name, all))
	default:
		ow.head.SetText(fmt.Sprintf("%d of %d %s objects (text filter: %s)", len(rows), len(ow.objs), name, ow.filter))
	}
}

// save asks for a directory (the save directory first) and writes the objects at idx there in an
// engine job; the list comes back afterwards, as Wireshark's dialog stays open.
func (ow *objectsWindow) save(idx []int) {
	u := ow.u
	if len(idx) == 0 {
		u.flash("no object to save")
		return
	}
	objs := make([]engine.Object, len(idx))
	for i, j := range idx {
		objs[i] = ow.objs[j]
	}
	title := "Save object"
	if len(objs) > 1 {
		title = fmt.Sprintf("Save %d objects", len(objs))
	}
	back := func() { u.objectsWindow(ow.proto, ow.objs, ow.filter) }
	in := tview.NewInputField().SetLabel("Directory: ").SetText(u.saveDir)
	in.SetDoneFunc(func(k tcell.Key) {
		dir := strings.TrimSpace(in.GetText())
		back()
		if k != tcell.KeyEnter {
			return
		}
		if dir == "" {
			u.flash("no directory given")
			return
		}
		job, paths := u.eng.SaveObjects(dir, objs)
		u.flash("saving into " + field.Escape(dir) + "…")
		go func() {
			err := job.Wait()
			u.app.QueueUpdateDraw(func() {
				ps := paths()
				switch {
				case err != nil:
					u.flash(fmt.Sprintf("saved %d of %d objects: %s", len(ps), len(objs), field.Escape(err.Error())))
				case len(ps) == 1:
					u.flash("saved " + field.Escape(ps[0]))
				default:
					u.flash(fmt.Sprintf("saved %d objects into %s", len(ps), field.Escape(filepath.Clean(dir))))
				}
			})
		}()
	})
	u.modal(title, in, 72, 1)
}
