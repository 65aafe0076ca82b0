package ui

import (
	"errors"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
)

// Simulation runs a UI on tcell's simulation screen, for tests and for the screenshot tool: it types
// keys and reads back the screen as text and styled cells.
type Simulation struct {
	UI     *UI
	Screen tcell.SimulationScreen
	done   chan error
}

// Simulate starts u (built WithScreen(screen)) in the background on a screen of w×h cells.
func Simulate(u *UI, screen tcell.SimulationScreen, w, h int) *Simulation {
	s := &Simulation{UI: u, Screen: screen, done: make(chan error, 1)}
	screen.SetSize(w, h)
	go func() { s.done <- u.Run() }()
	return s
}

// Stop ends the UI and waits for it.
func (s *Simulation) Stop() error {
	s.UI.app.QueueUpdate(s.UI.Stop)
	select {
	case err := <-s.done:
		return err
	case <-time.After(5 * time.Second):
		return errors.New("ui did not stop")
	}
}

// Sync waits until the UI goroutine has handled everything queued so far and drawn.
func (s *Simulation) Sync() {
	for i := 0; i < 2; i++ {
		ch := make(chan struct{})
		s.UI.app.QueueUpdateDraw(func() { close(ch) })
		select {
		case <-ch:
		case <-time.After(5 * time.Second):
		}
	}
	s.UI.app.QueueUpdateDraw(func() {})
	time.Sleep(20 * time.Millisecond)
}

// Key types one key (a rune when k is tcell.KeyRune).
func (s *Simulation) Key(k tcell.Key, r rune, mod tcell.ModMask) {
	s.Screen.InjectKey(k, r, mod)
	time.Sleep(5 * time.Millisecond)
}

// Type types text rune by rune.
func (s *Simulation) Type(text string) {
	for _, r := range text {
		s.Key(tcell.KeyRune, r, tcell.ModNone)
	}
}

// contents copies the screen's cells on the UI goroutine (the simulation screen hands out its own
// buffer, which the UI goroutine rewrites on every draw).
func (s *Simulation) contents() ([]tcell.SimCell, int, int) {
	s.Sync()
	type snap struct {
		cells []tcell.SimCell
		w, h  int
	}
	ch := make(chan snap, 1)
	s.UI.app.QueueUpdate(func() {
		c, w, h := s.Screen.GetContents()
		cp := make([]tcell.SimCell, len(c))
		for i := range c {
			cp[i] = c[i]
			cp[i].Runes = append([]rune(nil), c[i].Runes...)
			cp[i].Bytes = append([]byte(nil), c[i].Bytes...)
		}
		ch <- snap{cp, w, h}
	})
	select {
	case sn := <-ch:
		return sn.cells, sn.w, sn.h
	case <-time.After(5 * time.Second):
		return nil, 0, 0
	}
}

// Text returns the screen as lines of text.
func (s *Simulation) Text() string {
	cells, w, h := s.contents()
	var b strings.Builder
	for y := 0; y < h; y++ {
		line := make([]rune, 0, w)
		for x := 0; x < w; x++ {
			c := cells[y*w+x]
			if len(c.Runes) == 0 {
				line = append(line, ' ')
			} else {
				line = append(line, c.Runes[0])
			}
		}
		b.WriteString(strings.TrimRight(string(line), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// WaitFor waits until the screen contains want (or the timeout passes) and returns the screen.
func (s *Simulation) WaitFor(want string, timeout time.Duration) (string, bool) {
	deadline := time.Now().Add(timeout)
	for {
		txt := s.Text()
		if strings.Contains(txt, want) {
			return txt, true
		}
		if time.Now().After(deadline) {
			return txt, false
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// Cells returns the raw cells (runes and styles) and the screen size, for rendering pictures.
func (s *Simulation) Cells() ([]tcell.SimCell, int, int) {
	return s.contents()
}
