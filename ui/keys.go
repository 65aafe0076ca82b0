package ui

import (
	"sort"
	"strings"

	"github.com/gdamore/tcell/v2"
)

// Key names a key press: a special key, or a rune with modifiers.
type Key struct {
	K   tcell.Key
	R   rune
	Mod tcell.ModMask
}

// KeyOf returns the Key of an event (runes ignore the Shift modifier the terminal already applied).
func KeyOf(ev *tcell.EventKey) Key {
	if ev.Key() == tcell.KeyRune {
		return Key{K: tcell.KeyRune, R: ev.Rune(), Mod: ev.Modifiers() &^ tcell.ModShift}
	}
	mod := ev.Modifiers() &^ tcell.ModShift
	if isCtrlKey(ev.Key()) {
		// A terminal sends Ctrl-T as the control byte 0x14, which tcell 2.13 reports as KeyCtrlT
		// with ModCtrl; the key code already says Ctrl, so the registry keys it without the modifier.
		mod &^= tcell.ModCtrl
	}
	return Key{K: ev.Key(), Mod: mod}
}

// isCtrlKey reports whether k is a control key whose code implies Ctrl: tcell's KeyCtrlSpace …
// KeyCtrlUnderscore (64–95 since tcell 2.13), the C0 codes (older tcell) and DEL.
func isCtrlKey(k tcell.Key) bool {
	return k < ' ' || k == tcell.KeyDEL || (k >= tcell.KeyCtrlSpace && k <= tcell.KeyCtrlUnderscore)
}

// String names the key as the help screen shows it ("Ctrl-G", "m", "F10").
func (k Key) String() string {
	var b strings.Builder
	if k.Mod&tcell.ModAlt != 0 {
		b.WriteString("Alt-")
	}
	if k.K == tcell.KeyRune {
		switch k.R {
		case ' ':
			b.WriteString("Space")
		default:
			b.WriteRune(k.R)
		}
		return b.String()
	}
	name := tcell.KeyNames[k.K]
	if name == "" {
		name = "?"
	}
	b.WriteString(name)
	return b.String()
}

// Action is something a key does; the same registry dispatches keys and draws the help screen.
type Action struct {
	Keys    []Key
	Name    string // "Go to packet"
	Group   string // "Navigation", "Filter", ...
	Handler func()
	Hidden  bool // not listed on the help screen (e.g. vim aliases already shown beside a key)
}

// KeyMap is an ordered registry of actions for one view (or the whole application).
type KeyMap struct {
	actions []*Action
	byKey   map[Key]*Action
}

// NewKeyMap returns an empty key map.
func NewKeyMap() *KeyMap { return &KeyMap{byKey: map[Key]*Action{}} }

// Add registers an action under its keys.
func (m *KeyMap) Add(a *Action) {
	m.actions = append(m.actions, a)
	for _, k := range a.Keys {
		m.byKey[k] = a
	}
}

// Dispatch runs the action bound to the event's key, reporting whether there was one.
func (m *KeyMap) Dispatch(ev *tcell.EventKey) bool {
	a, ok := m.byKey[KeyOf(ev)]
	if !ok || a.Handler == nil {
		return false
	}
	a.Handler()
	return true
}

// Lookup returns the action bound to k.
func (m *KeyMap) Lookup(k Key) (*Action, bool) {
	a, ok := m.byKey[k]
	return a, ok
}

// HelpLines renders the registry as the help screen's lines, grouped.
func (m *KeyMap) HelpLines() []string {
	groups := map[string][]*Action{}
	var order []string
	for _, a := range m.actions {
		if a.Hidden {
			continue
		}
		if _, seen := groups[a.Group]; !seen {
			order = append(order, a.Group)
		}
		groups[a.Group] = append(groups[a.Group], a)
	}
	var lines []string
	for _, g := range order {
		lines = append(lines, g)
		acts := groups[g]
		sort.SliceStable(acts, func(i, j int) bool { return false })
		for _, a := range acts {
			var ks []string
			for _, k := range a.Keys {
				ks = append(ks, k.String())
			}
			lines = append(lines, "  "+padTo(strings.Join(ks, ", "), 22)+" "+a.Name)
		}
		lines = append(lines, "")
	}
	return lines
}

func padTo(s string, w int) string {
	for len([]rune(s)) < w {
		s += " "
	}
	return s
}

// Convenience constructors.
func rk(r rune) Key      { return Key{K: tcell.KeyRune, R: r} }
func sk(k tcell.Key) Key { return Key{K: k} }
func altKey(r rune) Key  { return Key{K: tcell.KeyRune, R: r, Mod: tcell.ModAlt} }

// Actions returns the registry's actions in registration order.
func (m *KeyMap) Actions() []*Action { return append([]*Action(nil), m.actions...) }

// KeyMap returns the UI's key registry (tests press every binding; the help screen and menus are
// drawn from it).
func (u *UI) KeyMap() *KeyMap { return u.keys }

// Quits reports whether the action ends the program.
func (a *Action) Quits() bool { return a.Group == "File" && a.Name == "Quit" }
