package ui

import (
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// menuOrder is the menu bar, Wireshark's: each action of the key registry appears under the menu
// named by its group; groups not listed here are added before Help.
var menuOrder = []string{"File", "Edit", "View", "Go", "Capture", "Analyze", "Statistics", "Telephony", "Tools", "Help"}

// menus returns the menu titles that have actions, in bar order.
func (u *UI) menus() []string {
	has := map[string]bool{}
	var extra []string
	for _, a := range u.keys.actions {
		if a.Hidden {
			continue
		}
		if !has[a.Group] {
			has[a.Group] = true
			known := false
			for _, m := range menuOrder {
				known = known || m == a.Group
			}
			if !known {
				extra = append(extra, a.Group)
			}
		}
	}
	var out []string
	for _, m := range menuOrder {
		if m == "Help" {
			out = append(out, extra...)
		}
		if has[m] {
			out = append(out, m)
		}
	}
	return out
}

// menuBarText draws the bar: each title with its Alt-letter.
func (u *UI) menuBarText() string {
	var b strings.Builder
	b.WriteString(" ")
	for _, m := range u.menus() {
		b.WriteString(" ")
		b.WriteString(m)
		b.WriteString(" ")
	}
	b.WriteString("   (F10 or Alt-letter: menus · ? keys)")
	return b.String()
}

// menuAt returns the index of the menu title under column x of the bar, or -1.
func (u *UI) menuAt(x int) int {
	col := 1
	for i, m := range u.menus() {
		w := len(m) + 2
		if x >= col && x < col+w {
			return i
		}
		col += w
	}
	return -1
}

// menuKey opens the menu whose title starts with the letter of an Alt-letter key.
func (u *UI) menuKey(ev *tcell.EventKey) bool {
	if ev.Key() != tcell.KeyRune || ev.Modifiers()&tcell.ModAlt == 0 {
		return false
	}
	r := strings.ToLower(string(ev.Rune()))
	for i, m := range u.menus() {
		if strings.ToLower(m[:1]) == r {
			u.openMenu(i)
			return true
		}
	}
	return false
}

// openMenu drops down menu i under its title; ←/→ move to the neighbouring menus, Enter runs an
// action, Esc closes.
func (u *UI) openMenu(i int) {
	ms := u.menus()
	if len(ms) == 0 {
		return
	}
	i = (i + len(ms)) % len(ms)
	u.pages.RemovePage("modal")
	l := tview.NewList().ShowSecondaryText(false)
	l.SetBorder(true).SetTitle(" " + ms[i] + " ")
	width := len(ms[i]) + 4
	var acts []*Action
	for _, a := range u.keys.actions {
		if a.Group != ms[i] || a.Hidden {
			continue
		}
		acts = append(acts, a)
	}
	// the name column is as wide as the longest name, and narrower still when the screen is: the
	// shortcuts must stay in sight at 80×24
	_, _, sw, sh := u.pages.GetRect()
	nameW, keyW := 0, 0
	keyText := make([]string, len(acts))
	for i, a := range acts {
		var ks []string
		for _, k := range a.Keys {
			ks = append(ks, k.String())
		}
		keyText[i] = strings.Join(ks, ", ")
		nameW = max(nameW, len([]rune(a.Name)))
		keyW = max(keyW, len([]rune(keyText[i])))
	}
	if sw > 0 && nameW+keyW+5 > sw {
		nameW = max(10, sw-keyW-5)
	}
	for i, a := range acts {
		act := a
		line := padTo(truncRunes(a.Name, nameW), nameW) + " " + keyText[i]
		width = max(width, len([]rune(line))+4)
		l.AddItem(line, "", 0, func() {
			u.closeModal()
			act.Handler()
		})
	}
	l.SetDoneFunc(u.closeModal)
	l.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		switch ev.Key() {
		case tcell.KeyLeft:
			u.openMenu(i - 1)
			return nil
		case tcell.KeyRight:
			u.openMenu(i + 1)
			return nil
		}
		return ev
	})
	x := 1
	for j := 0; j < i; j++ {
		x += len(ms[j]) + 2
	}
	h := len(acts) + 2
	if sw > 0 {
		width = min(width, sw)
		x = max(0, min(x, sw-width)) // slide left rather than run off the screen
	}
	if sh > 0 {
		h = min(h, sh-2)
	}
	grid := tview.NewFlex().
		AddItem(nil, x, 0, false).
		AddItem(tview.NewFlex().SetDirection(tview.FlexRow).
			AddItem(nil, 1, 0, false).
			AddItem(l, h, 0, true).
			AddItem(nil, 0, 1, false), width, 0, true).
		AddItem(nil, 0, 1, false)
	u.pages.AddPage("modal", grid, true, true)
	u.app.SetFocus(l)
}

// truncRunes cuts s to n runes, marking a cut with "…".
func truncRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n < 1 {
		return ""
	}
	return string(r[:n-1]) + "…"
}
