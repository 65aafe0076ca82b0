package live

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tshark-tui/tshark-tui/capture"
)

// Config is one live capture as tshark and dumpcap take it: the interfaces (-i), their options
// (-f, -s, -p), where packets are written (-w, -F, -b) and when the capture ends (-c, -a).
type Config struct {
	Ifaces    []string
	Filter    string
	Snaplen   uint32
	NoPromisc bool
	// Output, when its Path is set, receives every packet (a ring of files with Ring).
	Output FileOptions
	Stop   StopConditions
}

// StopConditions end a capture (-c and -a); zero values never do.
type StopConditions struct {
	Packets  uint64        // -c, -a packets: after this many packets
	Duration time.Duration // -a duration
	SizeKB   uint64        // -a filesize: once the output file holds this many kB
	Files    int           // -a files: instead of starting file N+1
}

// Session is a running live capture: packets from the interfaces are handed out by Next (it is a
// capture.Reader) and written to the output file on the way; the stop conditions, Stop, or a
// failing write end it. A ticker rotates ring-buffer files by time even when no packet arrives.
// One Session serves the command line and the terminal UI alike.
type Session struct {
	cfg     Config
	multi   *Multi
	w       *FileWriter
	n       atomic.Uint64
	ended   atomic.Bool
	running atomic.Bool
	mu      sync.Mutex
	werr    error // the output's failure, if any
	stop    chan struct{}
	once    sync.Once
	closed  sync.Once
	wg      sync.WaitGroup
}

// Start opens the interfaces and the output file and starts capturing; Next reads the packets.
func Start(cfg Config) (*Session, error) {
	var srcs []Source
	for _, name := range cfg.Ifaces {
		h, err := Open(name, Options{Snaplen: cfg.Snaplen, NoPromisc: cfg.NoPromisc, Filter: cfg.Filter})
		if err != nil {
			for _, s := range srcs {
				s.Close()
			}
			return nil, err
		}
		srcs = append(srcs, h)
	}
	return StartSources(cfg, srcs...)
}

// StartSources is Start on sources opened already (tests use it with fake sources).
func StartSources(cfg Config, srcs ...Source) (*Session, error) {
	s := &Session{cfg: cfg, multi: NewMulti(srcs...), stop: make(chan struct{})}
	if cfg.Output.Path != "" {
		o := cfg.Output
		o.Ifaces = s.multi.Interfaces()
		if o.StopFiles == 0 {
			o.StopFiles = cfg.Stop.Files
		}
		w, err := NewFileWriter(o)
		if err != nil {
			s.multi.Close()
			return nil, err
		}
		s.w = w
	}
	s.running.Store(true)
	s.wg.Add(1)
	go s.tick()
	return s, nil
}

// tick rotates and flushes the output, and ends the capture after its duration.
func (s *Session) tick() {
	defer s.wg.Done()
	var timeout <-chan time.Time
	if s.cfg.Stop.Duration > 0 {
		t := time.NewTimer(s.cfg.Stop.Duration)
		defer t.Stop()
		timeout = t.C
	}
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-timeout:
			s.Stop()
		case <-t.C:
			if s.w == nil {
				continue
			}
			if err := s.w.Tick(); errors.Is(err, ErrFileLimit) {
				s.Stop()
			} else if err != nil {
				s.fail(err)
			}
		}
	}
}

func (s *Session) fail(err error) {
	s.mu.Lock()
	if s.werr == nil {
		s.werr = err
	}
	s.mu.Unlock()
	s.Stop()
}

// Next returns the next captured packet (written to the output first); io.EOF once the capture
// has ended, or the output's error when writing failed.
func (s *Session) Next() (*capture.Packet, error) {
	if s.ended.Load() {
		return nil, s.endErr()
	}
	p, err := s.multi.Next()
	if err != nil {
		s.ended.Store(true)
		s.running.Store(false)
		if errors.Is(err, io.EOF) {
			return nil, s.endErr()
		}
		return nil, err
	}
	if s.w != nil {
		if err := s.w.WritePacket(p); errors.Is(err, ErrFileLimit) {
			s.end()
			return nil, io.EOF
		} else if err != nil {
			s.fail(err)
			s.ended.Store(true)
			return nil, err
		}
	}
	n := s.n.Add(1)
	if st := s.cfg.Stop; (st.Packets > 0 && n >= st.Packets) || (s.w != nil && st.SizeKB > 0 && uint64(s.w.Size()) >= st.SizeKB*1000) {
		s.end() // this packet is the last one
	}
	return p, nil
}

func (s *Session) endErr() error {
	if err := s.Err(); err != nil {
		return err
	}
	return io.EOF
}

// end makes the next Next return io.EOF.
func (s *Session) end() {
	s.ended.Store(true)
	s.Stop()
}

// Interfaces lists the capture's interfaces in index order.
func (s *Session) Interfaces() []capture.Interface { return s.multi.Interfaces() }

// Stop ends the capture: packets already queued are still returned, then io.EOF. It is safe from
// any goroutine and may be called more than once.
func (s *Session) Stop() {
	s.once.Do(func() {
		close(s.stop)
		s.multi.Stop()
	})
}

// Running reports whether the capture has not ended yet.
func (s *Session) Running() bool { return s.running.Load() && !s.ended.Load() }

// Packets returns how many packets the capture has handed out.
func (s *Session) Packets() uint64 { return s.n.Load() }

// Stats returns the interfaces' counters, dropped packets included.
func (s *Session) Stats() Stats { return s.multi.Stats() }

// Sources returns the interfaces' sources (for per-interface drop counts).
func (s *Session) Sources() []Source { return s.multi.Sources() }

// Err returns the failure that ended the capture (a write error), or nil.
func (s *Session) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.werr
}

// Config returns what the capture was started with.
func (s *Session) Config() Config { return s.cfg }

// Writer returns the output file writer, or nil without -w.
func (s *Session) Writer() *FileWriter { return s.w }

// Files returns the output files still kept on disk, oldest first.
func (s *Session) Files() []string {
	if s.w == nil {
		return nil
	}
	return s.w.Names()
}

// Close ends the capture and releases the interfaces and the output file. It returns the output's
// failure, if any.
func (s *Session) Close() error {
	s.Stop()
	var err error
	s.closed.Do(func() {
		s.wg.Wait()
		s.running.Store(false)
		if s.w != nil {
			err = s.w.Close()
		}
		s.multi.Close()
	})
	if werr := s.Err(); werr != nil && !errors.Is(werr, ErrFileLimit) {
		return werr
	}
	return err
}
