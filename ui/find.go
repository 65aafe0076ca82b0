package ui

import (
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
)

// findState remembers the last search for next/previous.
type findState struct {
	mode   int // 0 display filter, 1 string, 2 hex bytes
	text   string
	filter *engine.Filter
	needle []byte
}

var findModes = []string{"Display filter", "String", "Hex value"}

// findDialog asks what to search for, like Wireshark's Find Packet bar.
func (u *UI) findDialog() {
	form := tview.NewForm()
	mode := u.findState.mode
	form.AddDropDown("By", findModes, mode, func(_ string, i int) { mode = i })
	form.AddInputField("Find", u.findState.text, 40, nil, nil)
	find := func() {
		text := form.GetFormItem(1).(*tview.InputField).GetText()
		u.closeModal()
		if err := u.setFind(mode, text); err != nil {
			u.flash("find: " + err.Error())
			return
		}
		u.findNext(1)
	}
	// Enter in the text finds at once, as in Wireshark's find bar (the form would only move on to
	// its Find button)
	form.GetFormItem(1).(*tview.InputField).SetDoneFunc(func(k tcell.Key) {
		if k == tcell.KeyEnter {
			find()
		}
	})
	form.AddButton("Find", find)
	form.AddButton("Cancel", u.closeModal)
	form.SetCancelFunc(u.closeModal)
	form.SetFocus(1)
	u.modal("Find Packet", form, 60, 7)
}

func (u *UI) setFind(mode int, text string) error {
	fs := findState{mode: mode, text: text}
	switch mode {
	case 0:
		if u.comp == nil {
			return errString("display filters are not available")
		}
		f, err := u.comp(text)
		if err != nil {
			return err
		}
		fs.filter = f
	case 1:
		fs.needle = []byte(text)
	case 2:
		h := strings.NewReplacer(":", "", " ", "", "-", "", "0x", "").Replace(text)
		b, err := hex.DecodeString(h)
		if err != nil || len(b) == 0 {
			return errString("not hex bytes: " + text)
		}
		fs.needle = b
	}
	u.findState = fs
	return nil
}

type errString string

func (e errString) Error() string { return string(e) }

// findNext selects the next (dir 1) or previous (-1) displayed packet matching the search,
// wrapping. The search is an engine job on every core; the UI stays responsive and shows its
// progress, and a newer search cancels an older one.
func (u *UI) findNext(dir int) {
	fs := u.findState
	if fs.filter == nil && fs.needle == nil {
		u.findDialog()
		return
	}
	v := u.content.view
	if v == nil || v.Len() == 0 {
		return
	}
	if u.findJob != nil {
		u.findJob.Cancel()
	}
	r, _ := u.list.GetSelection()
	q := engine.FindQuery{Filter: fs.filter, Bytes: fs.needle, Fold: fs.mode == 1}
	job, result := u.eng.Find(v, r-1, dir, q)
	u.findJob = job
	go func() {
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-job.Done():
				u.app.QueueUpdateDraw(func() {
					if u.findJob != job || job.Err() != nil {
						return
					}
					u.findJob = nil
					pos, wrapped := result()
					if pos < 0 {
						u.flash("no packet matches " + fs.text)
						return
					}
					u.list.Select(pos+1, 0)
					if wrapped {
						u.flash("search wrapped")
					}
				})
				return
			case <-tick.C:
				p := job.Progress()
				u.app.QueueUpdateDraw(func() {
					if u.findJob == job {
						u.flash(fmt.Sprintf("searching for %s… %.0f%%", fs.text, p*100))
					}
				})
			}
		}
	}()
}
