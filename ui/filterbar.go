package ui

import (
	"sort"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
)

// filterState is the filter bar's verdict on its text, Wireshark's green/red/yellow.
type filterState uint8

const (
	filterEmpty filterState = iota
	filterValid
	filterInvalid
	filterWarning
)

// checkFilter compiles the bar's text on every keystroke and colours the bar; an error shows in the
// status line with a caret under its position.
func (u *UI) checkFilter() {
	text := u.filter.GetText()
	th := u.theme
	if strings.TrimSpace(text) == "" {
		u.filterState = filterEmpty
		u.filter.SetFieldBackgroundColor(tcell.ColorDefault)
		u.filter.SetFieldTextColor(tcell.ColorDefault)
		u.message = ""
		u.updateStatus()
		return
	}
	if u.comp == nil {
		return
	}
	_, err := u.comp(text)
	switch {
	case err != nil:
		u.filterState = filterInvalid
		u.filter.SetFieldBackgroundColor(th.filterBad)
		u.filter.SetFieldTextColor(tcell.ColorBlack)
		u.flash(errorWithCaret(text, err))
	case u.warn != nil && u.warn(text) != "":
		u.filterState = filterWarning
		u.filter.SetFieldBackgroundColor(th.filterWarn)
		u.filter.SetFieldTextColor(tcell.ColorBlack)
		u.flash(u.warn(text))
	default:
		u.filterState = filterValid
		u.filter.SetFieldBackgroundColor(th.filterOK)
		u.filter.SetFieldTextColor(tcell.ColorBlack)
		u.message = ""
		u.updateStatus()
	}
}

// errorWithCaret formats a filter error for the one-line status: the message, then the text with
// the faulty span marked.
func errorWithCaret(text string, err error) string {
	msg := err.Error()
	if sp, ok := err.(Spanner); ok {
		pos, n := sp.Span()
		if pos >= 0 && pos <= len(text) {
			if n < 1 {
				n = 1
			}
			end := min(len(text), pos+n)
			return msg + " — " + text[:pos] + "⟦" + text[pos:end] + "⟧" + text[end:]
		}
	}
	return msg
}

// applyFilter runs the bar's filter in the background (Enter), remembering it in the history. It
// reports whether the filter was applied (false: the text is not a valid filter).
func (u *UI) applyFilter() bool {
	text := strings.TrimSpace(u.filter.GetText())
	if text == "" {
		u.filterText = ""
		u.eng.SetFilter(nil)
		u.afterFilter()
		return true
	}
	if u.comp == nil {
		u.flash("display filters are not available")
		return false
	}
	f, err := u.comp(text)
	if err != nil {
		u.flash(errorWithCaret(text, err))
		return false
	}
	u.filterText = text
	u.addHistory(text)
	u.eng.SetFilter(f)
	u.afterFilter()
	return true
}

func (u *UI) afterFilter() {
	u.content.invalidate()
	u.content.setView(u.eng.View())
	keep := u.selected
	u.selected = 0
	u.selTree = nil
	v := u.eng.View()
	if v.Len() == 0 && !v.Loading && v.Scanned >= v.Count {
		u.details.SetRoot(tview.NewTreeNode(""))
		u.hex.setTree(nil, -1)
	}
	if i := v.Index(keep); i >= 0 {
		u.list.Select(i+1, 0)
	} else {
		u.list.Select(1, 0)
		u.list.ScrollToBeginning()
	}
	u.updateStatus()
}

// filterKeys handles history (↑/↓) in the filter bar; Tab completion is tview's autocomplete.
func (u *UI) filterKeys(ev *tcell.EventKey) *tcell.EventKey {
	h := u.cfg.FilterHistory
	switch ev.Key() {
	case tcell.KeyTab:
		// Tab completes: one candidate is taken at once, several open the list
		text := u.filter.GetText()
		u.completing = true
		c := u.completeFilter(text)
		if len(c) == 1 {
			u.filter.SetText(c[0])
			u.completing = false
			return nil
		}
		u.filter.Autocomplete()
		return nil
	case tcell.KeyEscape:
		u.completing = false // an open completion list closes; otherwise the bar is left
		return ev
	}
	if u.completionOpen() {
		switch ev.Key() {
		case tcell.KeyUp, tcell.KeyDown, tcell.KeyPgUp, tcell.KeyPgDn:
			return ev // they move in the completion list
		}
	}
	switch ev.Key() {
	case tcell.KeyUp:
		if len(h) == 0 {
			return nil
		}
		u.cfg.histPos = min(u.cfg.histPos+1, len(h))
		u.filter.SetText(h[len(h)-u.cfg.histPos])
		return nil
	case tcell.KeyDown:
		if u.cfg.histPos <= 1 {
			u.cfg.histPos = 0
			u.filter.SetText("")
			return nil
		}
		u.cfg.histPos--
		u.filter.SetText(h[len(h)-u.cfg.histPos])
		return nil
	}
	return ev
}

// completionOpen reports whether Tab's completion list is showing (tview keeps it while the text
// still has completions).
func (u *UI) completionOpen() bool {
	return u.completing && len(u.completeFilter(u.filter.GetText())) > 0
}

func (u *UI) addHistory(text string) {
	h := u.cfg.FilterHistory
	for i, x := range h {
		if x == text {
			h = append(h[:i], h[i+1:]...)
			break
		}
	}
	h = append(h, text)
	if len(h) > 100 {
		h = h[len(h)-100:]
	}
	u.cfg.FilterHistory = h
	u.cfg.histPos = 0
}

// completeFilter offers field and protocol names that complete the word under the cursor (the last
// word of the text).
func (u *UI) completeFilter(text string) []string {
	if !u.completing {
		return nil
	}
	i := strings.LastIndexAny(text, " ()!=<>&|~{},") + 1
	word := text[i:]
	if len(word) < 2 {
		return nil
	}
	return completions(text[:i], word, 20)
}

// completions returns up to limit entries prefix+name for field names starting with word, protocols
// and shorter names first.
func completions(prefix, word string, limit int) []string {
	var names []*field.Field
	for _, f := range engine.Fields.All() {
		if strings.HasPrefix(f.Abbrev, word) && f.Abbrev != word {
			names = append(names, f)
		}
	}
	sort.SliceStable(names, func(a, b int) bool {
		da, db := strings.Count(names[a].Abbrev, "."), strings.Count(names[b].Abbrev, ".")
		if da != db {
			return da < db
		}
		return names[a].Abbrev < names[b].Abbrev
	})
	var out []string
	for _, f := range names {
		if len(out) == limit {
			break
		}
		out = append(out, prefix+f.Abbrev)
	}
	return out
}
