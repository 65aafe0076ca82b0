package ui

import (
	"bytes"
	"encoding/hex"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/store"
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

// findNext selects the next (dir 1) or previous (-1) displayed packet matching the search, wrapping.
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
	r, _ := u.list.GetSelection()
	start := r - 1
	d := u.eng.NewDissector()
	d.SetVisible(false)
	st := u.eng.Store()
	for step := 1; step <= v.Len(); step++ {
		i := ((start+dir*step)%v.Len() + v.Len()) % v.Len()
		n := v.At(i)
		if u.matchFind(d, st, n) {
			u.list.Select(i+1, 0)
			if (dir > 0 && i <= start) || (dir < 0 && i >= start) {
				u.flash("search wrapped")
			}
			return
		}
	}
	u.flash("no packet matches " + fs.text)
}

func (u *UI) matchFind(d *engine.Dissector, st *store.Store, n store.FrameNo) bool {
	fs := u.findState
	if fs.filter != nil {
		tree, _ := d.Dissect(n, 0)
		return fs.filter.M.Match(tree)
	}
	if fs.mode == 1 {
		// strings: in the packet bytes, or in the summary's info, case-insensitively like Wireshark's
		// "Packet bytes" narrow search
		return bytes.Contains(bytes.ToLower(st.Bytes(n)), bytes.ToLower(fs.needle))
	}
	return bytes.Contains(st.Bytes(n), fs.needle)
}
