package engine

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/capture/bpf"
	"github.com/tshark-tui/tshark-tui/capture/live"
)

// Source says where a session's packets come from: capture files (several are merged by time; "-"
// is standard input) or live interfaces, with a capture filter on either.
type Source struct {
	Files []string
	// CaptureFilter is a pcap-filter expression: run in the kernel for live interfaces (-f), and
	// on the packets of files (--capture-filter, like tcpdump -r FILE EXPR).
	CaptureFilter string
	// Live, when set, captures from interfaces instead of reading Files.
	Live *LiveConfig
}

// LiveConfig is a live capture: interfaces, snapshot length, promiscuous mode, output files (-w,
// -b) and stop conditions (-c, -a). Its Filter is the Source's CaptureFilter.
type LiveConfig = live.Config

// IsLive reports whether the source captures from interfaces.
func (s Source) IsLive() bool { return s.Live != nil }

// Names labels the source: its files, or its interfaces.
func (s Source) Names() []string {
	if s.Live != nil {
		return append([]string(nil), s.Live.Ifaces...)
	}
	return append([]string(nil), s.Files...)
}

// opened is an open source: its reader, and the live capture behind it when there is one.
type opened struct {
	rd   capture.Reader
	live *live.Session
}

// open opens the source. indexed asks for random access (files are mapped, so the store keeps
// views into them); otherwise files are read once, sequentially, through a small buffer.
func (s Source) open(indexed bool) (opened, error) {
	if s.Live != nil {
		cfg := *s.Live
		cfg.Filter = s.CaptureFilter
		ls, err := live.Start(cfg)
		if err != nil {
			return opened{}, liveError(s.CaptureFilter, cfg.Ifaces, err)
		}
		return opened{rd: ls, live: ls}, nil
	}
	if len(s.Files) == 0 {
		return opened{}, errors.New("no capture file given")
	}
	open := capture.OpenSequential
	if indexed {
		open = capture.Open
	}
	rd, err := open(s.Files...)
	if err != nil {
		return opened{}, err
	}
	if s.CaptureFilter != "" {
		fr, err := bpf.NewReader(rd, s.CaptureFilter)
		if err != nil {
			rd.Close()
			return opened{}, CaptureFilterError(s.CaptureFilter, "", err)
		}
		return opened{rd: fr}, nil
	}
	return opened{rd: rd}, nil
}

// liveError words a failure to start a capture like tshark.
func liveError(expr string, ifaces []string, err error) error {
	var be *bpf.Error
	if errors.As(err, &be) {
		iface := ""
		if len(ifaces) > 0 {
			iface = ifaces[0]
		}
		return CaptureFilterError(expr, iface, err)
	}
	return err
}

// CaptureFilterError words a bad capture filter like tshark: the expression with a caret under the
// mistake.
func CaptureFilterError(expr, iface string, err error) error {
	var be *bpf.Error
	if !errors.As(err, &be) {
		return err
	}
	where := ""
	if iface != "" {
		where = " for interface '" + iface + "'"
	}
	return fmt.Errorf("Invalid capture filter \"%s\"%s.\n\nThat string isn't a valid capture filter (%s).\n"+
		"    %s\n    %s^\nSee the User's Guide for a description of the capture filter syntax.",
		expr, where, be.Error(), expr, strings.Repeat(" ", min(max(be.Pos, 0), len(expr))))
}

// CheckCaptureFilter compiles a capture filter, returning its error (with the position of the
// mistake, see CaptureFilterPos) or nil; the capture dialog checks what is typed with it.
func CheckCaptureFilter(expr string) error { return bpf.Check(expr) }

// CaptureFilterPos returns where in its expression a capture-filter error lies, or -1.
func CaptureFilterPos(err error) int {
	var be *bpf.Error
	if errors.As(err, &be) {
		return be.Pos
	}
	return -1
}

// DefaultSnaplen is the snapshot length of a capture that sets none (tshark's 262144).
const DefaultSnaplen = bpf.DefaultSnaplen

// Interfaces lists the machine's capture interfaces (tshark -D).
func Interfaces() ([]live.Interface, error) { return live.Interfaces() }

// Interface is a capture interface as -D and the capture dialog list it.
type Interface = live.Interface

// IsPermissionError reports whether err says the process may not capture.
func IsPermissionError(err error) bool {
	var pe *live.PermissionError
	return errors.As(err, &pe)
}
