package ui

import (
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
)

// rootView is the application's root: the pages, plus paste handling. A path pasted while no text
// field has the focus (what dragging a file onto a terminal window does) opens that capture.
type rootView struct {
	*tview.Pages
	u *UI
}

// PasteHandler implements tview.Primitive.
func (r *rootView) PasteHandler() func(string, func(tview.Primitive)) {
	inner := r.Pages.PasteHandler()
	return func(text string, setFocus func(tview.Primitive)) {
		r.u.inputLog.event(r.u)
		if _, typing := r.u.app.GetFocus().(*tview.InputField); typing {
			inner(text, setFocus)
			return
		}
		paths := splitPaths(text)
		if len(paths) == 0 {
			r.u.flash("pasted text is not a capture file path")
			return
		}
		r.u.openFiles(paths)
	}
}

// splitPaths reads paths the way terminals paste dropped files: separated by spaces, quoted with '
// or ", spaces escaped with \, or as file:// URLs. Only existing files are kept.
func splitPaths(text string) []string {
	var out []string
	var cur strings.Builder
	var quote rune
	flush := func() {
		p := cur.String()
		cur.Reset()
		if p == "" {
			return
		}
		if strings.HasPrefix(p, "file://") {
			if u, err := url.Parse(p); err == nil {
				p = u.Path
			}
		}
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			out = append(out, p)
		}
	}
	rs := []rune(strings.TrimSpace(text))
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '\'' || c == '"'):
			quote = c
		case quote == 0 && c == '\\' && i+1 < len(rs):
			i++
			cur.WriteRune(rs[i])
		case quote == 0 && (c == ' ' || c == '\n' || c == '\t'):
			flush()
		default:
			cur.WriteRune(c)
		}
	}
	flush()
	return out
}

// openDialog asks for capture files to open, completing file names with Tab.
func (u *UI) openDialog() {
	in := tview.NewInputField().SetLabel("Open: ")
	dir, _ := os.Getwd()
	in.SetText(dir + "/")
	in.SetAutocompleteFunc(func(text string) []string { return completePath(text, 30) })
	in.SetAutocompletedFunc(func(text string, _, source int) bool {
		if source == tview.AutocompletedNavigate {
			return false
		}
		in.SetText(text)
		return !strings.HasSuffix(text, "/")
	})
	in.SetDoneFunc(func(k tcell.Key) {
		text := strings.TrimSpace(in.GetText())
		u.closeModal()
		if k != tcell.KeyEnter || text == "" {
			return
		}
		paths := splitPaths(text)
		if len(paths) == 0 {
			u.flash("no such file: " + text)
			return
		}
		u.openFiles(paths)
	})
	u.modal("Open capture file (several are merged by time)", in, 70, 1)
}

// completePath lists files and folders that complete the last path in text.
func completePath(text string, limit int) []string {
	i := strings.LastIndexByte(text, ' ') + 1
	prefix, word := text[:i], text[i:]
	dir, base := filepath.Split(word)
	if dir == "" {
		dir = "."
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		name := e.Name()
		if !strings.HasPrefix(name, base) || (strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		full := filepath.Join(dir, name)
		if strings.HasSuffix(word, "/") || filepath.Dir(word) != "." || strings.HasPrefix(word, ".") {
			full = filepath.Join(filepath.Dir(word+"x"), name)
		}
		if e.IsDir() {
			full += "/"
		}
		out = append(out, prefix+full)
	}
	sort.Strings(out)
	if len(out) > limit {
		out = out[:limit]
	}
	if len(out) == 1 && out[0] == text {
		return nil
	}
	return out
}

// openFiles replaces the open capture with files (merged by time when several), keeping the
// display filter, which is applied to the new frames as they load.
func (u *UI) openFiles(paths []string) {
	eng, err := engine.Open(engine.Source{Files: paths}, u.eng.Config())
	if err != nil {
		u.flash(err.Error())
		return
	}
	u.useEngine(eng)
	u.addRecent(paths)
	u.updateStatus()
}

// useEngine swaps eng (files, or a live capture) into the UI and closes the previous one.
func (u *UI) useEngine(eng *engine.Session) {
	old := u.eng
	u.engMu.Lock()
	u.eng = eng
	u.engMu.Unlock()
	select {
	case u.swapped <- struct{}{}:
	default:
	}
	u.selected, u.selTree, u.selD = 0, nil, nil
	u.content.d = nil
	u.content.invalidate()
	u.hex.setTree(nil, -1)
	u.details.SetRoot(tview.NewTreeNode(""))
	u.timeRef = 0
	u.gen = eng.View().Gen
	if u.filterText != "" {
		if f, err := u.comp(u.filterText); err == nil {
			eng.SetFilter(f)
		}
	}
	u.content.setView(eng.View())
	u.list.Select(1, 0)
	u.list.ScrollToBeginning()
	u.updateStatus()
	go old.Close()
}

func (u *UI) addRecent(paths []string) {
	for _, p := range paths {
		if p == "-" {
			continue // standard input cannot be opened again
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		rec := []string{abs}
		for _, r := range u.cfg.RecentFiles {
			if r != abs && len(rec) < 10 {
				rec = append(rec, r)
			}
		}
		u.cfg.RecentFiles = rec
	}
}
