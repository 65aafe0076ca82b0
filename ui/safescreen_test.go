package ui

import (
	"testing"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/internal/hostile"
)

// TestSafeScreen: whatever a widget draws, the cells hold no control character, bidirectional control
// or invalid UTF-8; what the guard caught shows as a stand-in.
func TestSafeScreen(t *testing.T) {
	sim := tcell.NewSimulationScreen("UTF-8")
	if err := sim.Init(); err != nil {
		t.Fatal(err)
	}
	sim.SetSize(80, 3)
	s := wrapScreen(sim)
	if wrapScreen(s) != s {
		t.Error("wrapping twice wraps twice")
	}
	s.SetContent(0, 0, 0x1b, []rune{0x202e}, tcell.StyleDefault)
	s.SetContent(1, 0, 0x9b, nil, tcell.StyleDefault)
	s.SetContent(2, 0, 0x7f, nil, tcell.StyleDefault)
	s.PutStr(3, 0, "x\x07\u2066y")
	tv := tview.NewTextView().SetText(hostile.Payloads[len(hostile.Payloads)-1].S)
	tv.SetRect(0, 1, 80, 1)
	tv.Draw(s)
	s.Show()
	cells, w, _ := sim.GetContents()
	var got []rune
	for _, c := range cells[:w] {
		got = append(got, c.Runes...)
		if err := hostile.Check(c.Bytes); err != nil {
			t.Errorf("cell %q: %v", c.Runes, err)
		}
	}
	if want := "␛␦␡x␇␦y"; string(got[:len([]rune(want))]) != want {
		t.Errorf("first row %q, want it to start with %q", string(got), want)
	}
	for _, c := range cells[w:] {
		if err := hostile.Check(c.Bytes); err != nil {
			t.Errorf("text view cell %q: %v", c.Runes, err)
		}
	}
}
