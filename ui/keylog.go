package ui

import (
	"os"
	"strconv"
	"sync/atomic"
)

// inputLog lets an end-to-end test see that the UI answered: with TSHARK_TUI_INPUTLOG=FILE set, the
// number of input events (keys, mouse events, pastes) the UI has handled is written to FILE after
// every draw that follows one. A test that sends a key and does not see the count move within a
// second has found a hang.
type inputLog struct {
	f       *os.File
	events  atomic.Uint64
	written uint64
}

func openInputLog() *inputLog {
	p := os.Getenv("TSHARK_TUI_INPUTLOG")
	if p == "" {
		return nil
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil
	}
	return &inputLog{f: f}
}

// event counts one input event as it arrives, and asks for a draw once the UI goroutine is done with
// it (an event tview does not redraw for, like a mouse move, must still be seen answered).
func (l *inputLog) event(u *UI) {
	if l != nil {
		l.events.Add(1)
		go u.app.QueueUpdateDraw(func() {})
	}
}

// drawn records, after a draw, how many events the UI has handled.
func (l *inputLog) drawn() {
	if l == nil {
		return
	}
	n := l.events.Load()
	if n == l.written {
		return
	}
	l.written = n
	b := strconv.AppendUint(nil, n, 10)
	b = append(b, '\n')
	_, _ = l.f.WriteAt(append(b, "                    "[:20-len(b)]...), 0)
}
