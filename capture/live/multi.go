package live

import (
	"errors"
	"io"
	"sync"

	"github.com/tshark-tui/tshark-tui/capture"
)

// Source is what Multi merges: a Handle, or anything that captures like one.
type Source interface {
	capture.Reader
	Stop()
	Stats() Stats
	Name() string
	SetIfaceIndex(uint32)
}

// Multi captures on several interfaces at once (tshark -i a -i b): each interface is read on its
// own goroutine and packets are handed out in arrival order, stamped with their interface's
// index. A single source is read directly.
type Multi struct {
	srcs   []Source
	ch     chan *capture.Packet
	errc   chan error
	done   chan struct{}
	wg     sync.WaitGroup
	once   sync.Once
	ifaces []capture.Interface
	last   *capture.Packet
}

// NewMulti combines sources; they are numbered 0.. in the given order.
func NewMulti(srcs ...Source) *Multi {
	m := &Multi{srcs: srcs, done: make(chan struct{})}
	for i, s := range srcs {
		s.SetIfaceIndex(uint32(i))
		ifs := s.Interfaces()
		m.ifaces = append(m.ifaces, ifs...)
	}
	if len(srcs) > 1 {
		m.ch = make(chan *capture.Packet, 1024)
		m.errc = make(chan error, len(srcs))
		for _, s := range srcs {
			m.wg.Add(1)
			go m.pump(s)
		}
		go func() { m.wg.Wait(); close(m.ch) }()
	}
	return m
}

func (m *Multi) pump(s Source) {
	defer m.wg.Done()
	for {
		p, err := s.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				m.errc <- err
			}
			return
		}
		cp := *p
		cp.Data = append([]byte(nil), p.Data...)
		select {
		case m.ch <- &cp:
		case <-m.done:
			return
		}
	}
}

// Next returns the next packet from any interface; io.EOF once all have stopped.
func (m *Multi) Next() (*capture.Packet, error) {
	if len(m.srcs) == 1 {
		return m.srcs[0].Next()
	}
	p, ok := <-m.ch
	if !ok {
		select {
		case err := <-m.errc:
			return nil, err
		default:
			return nil, io.EOF
		}
	}
	return p, nil
}

// Interfaces lists the interfaces in index order.
func (m *Multi) Interfaces() []capture.Interface { return m.ifaces }

// Sources returns the combined sources.
func (m *Multi) Sources() []Source { return m.srcs }

// Stop ends the capture: Next returns io.EOF once the queued packets are read.
func (m *Multi) Stop() {
	for _, s := range m.srcs {
		s.Stop()
	}
}

// Stats adds up the counters of all interfaces.
func (m *Multi) Stats() Stats {
	var t Stats
	for _, s := range m.srcs {
		st := s.Stats()
		t.Received += st.Received
		t.Dropped += st.Dropped
		t.Captured += st.Captured
	}
	return t
}

// Close stops and releases every source.
func (m *Multi) Close() error {
	m.Stop()
	m.once.Do(func() { close(m.done) })
	m.wg.Wait()
	for _, s := range m.srcs {
		_ = s.Close()
	}
	return nil
}
