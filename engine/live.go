package engine

import "github.com/tshark-tui/tshark-tui/capture/live"

// CaptureState is what a live capture is doing, for a status line.
type CaptureState struct {
	Live     bool // the session captures from interfaces
	Running  bool // and has not stopped
	Ifaces   []string
	Packets  uint64 // handed to the session
	Dropped  uint64 // by the kernel
	Files    []string
	Err      error // the output file's failure, if any
	Filter   string
	Snaplen  uint32
	Output   string
	RingSize int
}

// Capture returns the state of the session's live capture (Live is false for files).
func (s *Session) Capture() CaptureState {
	if s.live == nil {
		return CaptureState{}
	}
	cfg := s.live.Config()
	st := s.live.Stats()
	err := s.live.Err()
	if err != nil && isFileLimit(err) {
		err = nil
	}
	return CaptureState{Live: true, Running: s.live.Running(), Ifaces: cfg.Ifaces, Packets: s.live.Packets(),
		Dropped: st.Dropped, Files: s.live.Files(), Err: err, Filter: s.src.CaptureFilter,
		Snaplen: cfg.Snaplen, Output: cfg.Output.Path, RingSize: cfg.Output.Files}
}

func isFileLimit(err error) bool { return err == live.ErrFileLimit }

// StopCapture ends a live capture; what was captured stays open for browsing (and Export).
func (s *Session) StopCapture() {
	if s.live != nil {
		s.live.Stop()
	}
}

// Restart opens the same source again as a new session (Capture › Restart): a live capture starts
// afresh with the same interfaces, filter and output; files are read again. The dissection
// configuration carries over.
func (s *Session) Restart() (*Session, error) { return Open(s.src, s.Config()) }
