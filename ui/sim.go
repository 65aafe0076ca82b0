package ui

import (
	"errors"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
)

// Simulation runs a UI on tcell's simulation screen, for tests and for the screenshot tool: it types
// keys and reads back the screen as text and styled cells. Keys are typed as the bytes a terminal
// sends and decoded by tcell's own terminal input parser, so the UI sees exactly the events a real
// terminal produces (Ctrl-T arrives as KeyCtrlT with ModCtrl, Alt-f as ESC f, ...).
type Simulation struct {
	UI      *UI
	Screen  tcell.SimulationScreen
	done    chan error
	input   tcell.InputProcessor
	events  chan tcell.Event
	stopped bool
	err     error
}

// Simulate starts u (built WithScreen(screen)) in the background on a screen of w×h cells.
func Simulate(u *UI, screen tcell.SimulationScreen, w, h int) *Simulation {
	s := &Simulation{UI: u, Screen: screen, done: make(chan error, 1), events: make(chan tcell.Event, 256)}
	screen.SetSize(w, h)
	s.input = tcell.NewInputProcessor(s.events)
	s.input.SetSize(w, h)
	go s.forward()
	go func() { s.done <- u.Run() }()
	return s
}

// forward hands the parser's key, mouse and paste events to the screen; the UI takes its size from
// the screen itself.
func (s *Simulation) forward() {
	for ev := range s.events {
		if _, resize := ev.(*tcell.EventResize); resize {
			continue
		}
		// a real terminal's input waits when the event queue is full; nothing typed is lost
		for s.Screen.PostEvent(ev) != nil {
			time.Sleep(time.Millisecond)
		}
	}
}

// Send types raw terminal input bytes (control bytes, escape sequences, UTF-8 text).
func (s *Simulation) Send(b []byte) {
	s.input.ScanUTF8(b)
	if len(b) == 1 && b[0] == 0x1b {
		// a lone ESC is told from the start of a sequence by a pause, as at a real terminal
		time.Sleep(90 * time.Millisecond)
		return
	}
	time.Sleep(5 * time.Millisecond)
}

// Stop ends the UI and waits for it.
func (s *Simulation) Stop() error {
	if s.stopped {
		return s.err
	}
	go s.UI.app.QueueUpdate(s.UI.Stop) // after a quit nothing takes updates any more
	select {
	case s.err = <-s.done:
		s.stopped = true
		return s.err
	case <-time.After(5 * time.Second):
		return errors.New("ui did not stop")
	}
}

// Stopped reports whether the UI has ended (a quit key), without waiting.
func (s *Simulation) Stopped() bool {
	if s.stopped {
		return true
	}
	select {
	case s.err = <-s.done:
		s.stopped = true
		return true
	default:
		return false
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

// Key types one key (a rune when k is tcell.KeyRune) as a terminal sends it (TermBytes).
func (s *Simulation) Key(k tcell.Key, r rune, mod tcell.ModMask) {
	s.Send(TermBytes(k, r, mod))
}

// Mouse sends an SGR mouse report (xterm's 1006 mode, which tcell enables) for button b at cell
// x, y (0-based); press false sends the release.
func (s *Simulation) Mouse(x, y int, b tcell.ButtonMask, press bool) {
	s.Send(MouseBytes(x, y, b, press))
}

// Paste sends text as a bracketed paste.
func (s *Simulation) Paste(text string) {
	s.Send([]byte("\x1b[200~" + text + "\x1b[201~"))
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

// Responsive reports whether the UI goroutine handles an update and draws within d: false means it
// hangs (a key handler that never returns, a loop in a widget).
func (s *Simulation) Responsive(d time.Duration) bool {
	ch := make(chan struct{})
	go s.UI.app.QueueUpdate(func() { close(ch) }) // the event loop draws after every key anyway
	select {
	case <-ch:
		return true
	case <-time.After(d):
		return false
	}
}

// SendNoWait types raw terminal bytes without the pause Send makes after each key (a lone ESC
// still waits for the parser to tell it from a sequence); Responsive tells when they are handled.
func (s *Simulation) SendNoWait(b []byte) {
	s.input.ScanUTF8(b)
	if len(b) == 1 && b[0] == 0x1b {
		time.Sleep(70 * time.Millisecond)
	}
}

// TextNoWait returns the screen as last drawn without waiting for the UI goroutine (which may be
// hung): for a failing test's message.
func (s *Simulation) TextNoWait() string {
	cells, w, h := s.Screen.GetContents()
	var b strings.Builder
	for y := 0; y < h; y++ {
		for x := 0; x < w && y*w+x < len(cells); x++ {
			if c := cells[y*w+x]; len(c.Runes) > 0 {
				b.WriteRune(c.Runes[0])
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Escape types a lone Esc key. The terminal parser reports a lone ESC only after a pause of 50 ms
// (the time that tells it from the start of a sequence); Escape posts the very event it then posts
// (KeyEsc, no modifier) at once, so that sweeps of thousands of keys stay fast.
func (s *Simulation) Escape() {
	s.events <- tcell.NewEventKey(tcell.KeyEsc, 0, tcell.ModNone) // in order with the keys before it
}

// Idle reports whether the main window shows with the packet list focused and no dialog, window or
// menu open (asked on the UI goroutine; false when it does not answer within a second).
func (s *Simulation) Idle() bool {
	ch := make(chan bool, 1)
	go s.UI.app.QueueUpdate(func() { ch <- !s.UI.pages.HasPage("modal") && s.UI.app.GetFocus() == s.UI.list })
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		return false
	}
}
