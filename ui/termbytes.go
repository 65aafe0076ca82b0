package ui

import (
	"strconv"
	"unicode/utf8"

	"github.com/gdamore/tcell/v2"
)

// TermBytes returns the bytes an xterm-compatible terminal (TERM=xterm-256color, tmux) sends for a
// key: UTF-8 for runes, the C0 control byte for Ctrl-letters (Ctrl-T is 0x14), an ESC prefix for
// Alt, CSI and SS3 sequences for the cursor, editing and function keys, with xterm's modifier
// parameter (ESC [ 1 ; 5 A is Ctrl-Up). Tests use it so that keys reach the UI as tcell decodes a
// real terminal's input.
func TermBytes(k tcell.Key, r rune, mod tcell.ModMask) []byte {
	var out []byte
	alt := mod&tcell.ModAlt != 0
	if alt {
		out = append(out, 0x1b)
	}
	switch {
	case k == tcell.KeyRune:
		if mod&tcell.ModCtrl != 0 {
			switch {
			case r >= 'a' && r <= 'z':
				return append(out, byte(r-'a'+1))
			case r >= 'A' && r <= 'Z':
				return append(out, byte(r-'A'+1))
			case r == ' ' || r == '@':
				return append(out, 0)
			}
		}
		return utf8.AppendRune(out, r)
	case k >= tcell.KeyCtrlA && k <= tcell.KeyCtrlZ:
		return append(out, byte(k-tcell.KeyCtrlA+1))
	case k == tcell.KeyCtrlSpace:
		return append(out, 0)
	case k >= tcell.KeyCtrlLeftSq && k <= tcell.KeyCtrlUnderscore:
		return append(out, byte(k-tcell.KeyCtrlLeftSq+0x1b))
	case k < ' ':
		return append(out, byte(k))
	}
	switch k {
	case tcell.KeyEnter:
		return append(out, '\r')
	case tcell.KeyTab:
		return append(out, '\t')
	case tcell.KeyBacktab:
		return append(out, "\x1b[Z"...)
	case tcell.KeyEsc:
		return append(out, 0x1b)
	case tcell.KeyBackspace, tcell.KeyBackspace2:
		return append(out, 0x7f)
	}
	m := xtermModifier(mod &^ tcell.ModAlt)
	if alt && m > 1 {
		// with other modifiers, Alt goes into the parameter instead of an ESC prefix
		out, m = out[:0], xtermModifier(mod)
	}
	csi := func(final byte) []byte {
		if m > 1 {
			return append(out, "\x1b[1;"+strconv.Itoa(m)+string(final)...)
		}
		return append(out, '\x1b', '[', final)
	}
	tilde := func(n int) []byte {
		s := "\x1b[" + strconv.Itoa(n)
		if m > 1 {
			s += ";" + strconv.Itoa(m)
		}
		return append(out, s+"~"...)
	}
	ss3 := func(final byte) []byte {
		if m > 1 {
			return append(out, "\x1b[1;"+strconv.Itoa(m)+string(final)...)
		}
		return append(out, '\x1b', 'O', final)
	}
	switch k {
	case tcell.KeyUp:
		return csi('A')
	case tcell.KeyDown:
		return csi('B')
	case tcell.KeyRight:
		return csi('C')
	case tcell.KeyLeft:
		return csi('D')
	case tcell.KeyHome:
		return csi('H')
	case tcell.KeyEnd:
		return csi('F')
	case tcell.KeyInsert:
		return tilde(2)
	case tcell.KeyDelete:
		return tilde(3)
	case tcell.KeyPgUp:
		return tilde(5)
	case tcell.KeyPgDn:
		return tilde(6)
	case tcell.KeyF1:
		return ss3('P')
	case tcell.KeyF2:
		return ss3('Q')
	case tcell.KeyF3:
		return ss3('R')
	case tcell.KeyF4:
		return ss3('S')
	}
	if n, ok := fkeyCodes[k]; ok {
		return tilde(n)
	}
	return nil
}

// fkeyCodes are the CSI n ~ numbers of F5–F12.
var fkeyCodes = map[tcell.Key]int{tcell.KeyF5: 15, tcell.KeyF6: 17, tcell.KeyF7: 18, tcell.KeyF8: 19,
	tcell.KeyF9: 20, tcell.KeyF10: 21, tcell.KeyF11: 23, tcell.KeyF12: 24}

// xtermModifier is xterm's modifier parameter: 1 + Shift(1) + Alt(2) + Ctrl(4).
func xtermModifier(mod tcell.ModMask) int {
	m := 1
	if mod&tcell.ModShift != 0 {
		m++
	}
	if mod&tcell.ModAlt != 0 {
		m += 2
	}
	if mod&tcell.ModCtrl != 0 {
		m += 4
	}
	return m
}

// MouseBytes returns an SGR (mode 1006) mouse report for button b at cell x, y (0-based): a press,
// or with press false the release; wheel buttons only press.
func MouseBytes(x, y int, b tcell.ButtonMask, press bool) []byte {
	code := 0
	switch {
	case b&tcell.Button1 != 0:
		code = 0
	case b&tcell.Button2 != 0:
		code = 2 // xterm's right button, which tcell reports as Button2
	case b&tcell.Button3 != 0:
		code = 1 // the middle one
	case b&tcell.WheelUp != 0:
		code = 64
	case b&tcell.WheelDown != 0:
		code = 65
	case b == tcell.ButtonNone:
		code = 35 // motion with no button
	}
	final := "M"
	if !press {
		final = "m"
	}
	return []byte("\x1b[<" + strconv.Itoa(code) + ";" + strconv.Itoa(x+1) + ";" + strconv.Itoa(y+1) + final)
}
