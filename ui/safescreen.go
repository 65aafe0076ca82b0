package ui

import (
	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/field"
)

// safeScreen is the last guard between packet bytes and the terminal: every cell the UI draws (tview's
// widgets and our own primitives all draw through SetContent) passes through it. Views escape the
// text they show with field's rule (so a user sees \033); a character that still arrives unescaped is
// drawn as a visible stand-in instead of being sent to the terminal: a C0 control as its control
// picture (␛ for ESC), DEL as ␡, any other character the rule escapes (C1 and format controls,
// bidirectional overrides, unassigned code points) as ␦.
type safeScreen struct{ tcell.Screen }

// wrapScreen puts s behind the guard (once).
func wrapScreen(s tcell.Screen) tcell.Screen {
	if _, ok := s.(safeScreen); ok || s == nil {
		return s
	}
	return safeScreen{s}
}

// Stand-ins for characters that must not reach the terminal.
const (
	standInDEL   = '\u2421' // SYMBOL FOR DELETE
	standInOther = '\u2426' // SYMBOL FOR SUBSTITUTE FORM TWO
)

// IsStandIn reports whether r is one of the guard's stand-ins (tests use it to find views that did not
// escape their text).
func IsStandIn(r rune) bool {
	return (r >= 0x2400 && r < 0x2420) || r == standInDEL || r == standInOther
}

func safeRune(r rune) rune {
	switch {
	case field.IsPrint(r):
		return r
	case r >= 0 && r < 0x20:
		return 0x2400 + r
	case r == 0x7f:
		return standInDEL
	}
	return standInOther
}

func safeRunes(rs []rune) []rune {
	for i, r := range rs {
		if s := safeRune(r); s != r {
			out := append([]rune(nil), rs...)
			for j := i; j < len(out); j++ {
				out[j] = safeRune(out[j])
			}
			return out
		}
	}
	return rs
}

func safeString(s string) string {
	for _, r := range s {
		if safeRune(r) != r {
			return string(safeRunes([]rune(s)))
		}
	}
	return s
}

func (s safeScreen) SetContent(x, y int, primary rune, combining []rune, style tcell.Style) {
	s.Screen.SetContent(x, y, safeRune(primary), safeRunes(combining), style)
}

func (s safeScreen) SetCell(x, y int, style tcell.Style, ch ...rune) {
	s.Screen.SetCell(x, y, style, safeRunes(ch)...)
}

func (s safeScreen) Put(x, y int, str string, style tcell.Style) (string, int) {
	return s.Screen.Put(x, y, safeString(str), style)
}

func (s safeScreen) PutStr(x, y int, str string) { s.Screen.PutStr(x, y, safeString(str)) }

func (s safeScreen) PutStrStyled(x, y int, str string, style tcell.Style) {
	s.Screen.PutStrStyled(x, y, safeString(str), style)
}

func (s safeScreen) Fill(r rune, style tcell.Style) { s.Screen.Fill(safeRune(r), style) }

func (s safeScreen) SetTitle(title string) { s.Screen.SetTitle(field.Escape(title)) }
