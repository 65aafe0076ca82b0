// Package gen writes deterministic synthetic packet captures that look like
// the traffic seen on a busy server's switch port: many concurrent TCP
// connections (HTTP/1.1, TLS 1.2, SMTP, telnet) with handshakes, correct
// sequence/acknowledgement numbers and occasional retransmissions, duplicate
// ACKs and out-of-order segments, plus DNS, NTP, ICMP, ICMPv6 and ARP.
//
// Output is classic pcap (µs or ns) or pcapng with an Ethernet link type.
// All addresses come from private and documentation ranges; the bytes are
// only ever written to a file. The same Options always produce the same
// bytes. Generation streams: memory is proportional to the number of active
// sessions, not to the number of packets.
//
// The package is a test and benchmark helper; it imports nothing of ours.
package gen

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"time"
)

// Options controls Generate. The zero value of each field selects a default.
type Options struct {
	// Seed selects the pseudo-random sequence; equal options give equal bytes.
	Seed int64
	// Packets is the number of frames to write (required, > 0).
	Packets int
	// Start is the timestamp of the first session; zero means
	// 2024-03-12 09:00:00 UTC.
	Start time.Time
	// Conns is the number of concurrent TCP connections kept open; 0 means 100.
	Conns int
	// IPv6Share is the fraction of sessions carried over IPv6 (0..1).
	IPv6Share float64
	// VLANShare is the fraction of sessions whose frames carry an 802.1Q tag (0..1).
	VLANShare float64
	// TCPShare is the target fraction of frames that are TCP; 0 means 0.5.
	TCPShare float64
	// ShortShare is the fraction of TCP connections replaced by short HTTP
	// health checks (about ten frames) from uniformly chosen clients, for
	// captures with very many connections; 0 keeps the default mix.
	ShortShare float64
	// Nanosecond writes nanosecond timestamps (pcap magic 0xa1b23c4d, or
	// if_tsresol 9 in pcapng) instead of microseconds.
	Nanosecond bool
	// PCAPNG writes pcapng (SHB, IDB, EPBs) instead of classic pcap.
	PCAPNG bool
}

// Summary reports what Generate wrote.
type Summary struct {
	Packets   int           // frames written
	Bytes     int64         // bytes written, file headers included
	TCP       int           // TCP frames written
	TCPConns  int           // TCP connections started
	Sessions  int           // sessions of any kind started
	Span      time.Duration // time between the first and the last frame
	MaxActive int           // largest number of simultaneously active sessions
}

// Generate writes opt.Packets frames to w.
func Generate(w io.Writer, opt Options) error {
	_, err := GenerateSummary(w, opt)
	return err
}

// GenerateSummary writes opt.Packets frames to w and reports what it wrote.
func GenerateSummary(w io.Writer, opt Options) (Summary, error) {
	if opt.Packets <= 0 {
		return Summary{}, errors.New("packet count must be positive")
	}
	if opt.Start.IsZero() {
		opt.Start = time.Date(2024, 3, 12, 9, 0, 0, 0, time.UTC)
	}
	if opt.Conns <= 0 {
		opt.Conns = 100
	}
	if opt.TCPShare <= 0 || opt.TCPShare > 1 {
		opt.TCPShare = 0.5
	}
	if opt.IPv6Share < 0 || opt.IPv6Share > 1 || opt.VLANShare < 0 || opt.VLANShare > 1 ||
		opt.ShortShare < 0 || opt.ShortShare > 1 {
		return Summary{}, fmt.Errorf("share out of range: ipv6 %v, vlan %v, short %v",
			opt.IPv6Share, opt.VLANShare, opt.ShortShare)
	}
	cw, err := newCapWriter(w, &opt)
	if err != nil {
		return Summary{}, err
	}
	g := newGenerator(&opt)
	if err := g.run(cw); err != nil {
		return g.sum, err
	}
	if err := cw.flush(); err != nil {
		return g.sum, fmt.Errorf("flush capture: %w", err)
	}
	g.sum.Bytes = cw.nBytes
	return g.sum, nil
}

// session is one conversation's script of frames, emitted in time order.
type session struct {
	id     uint64
	tcp    bool
	frames []frame
	i      int
	buf    []byte // payload bytes referenced by frames
	ep     endpoints
	tsOff  [2]uint32
	tsLast [2]uint32
	ipid   [2]uint16
	// TCP sessions are built lazily, one batch of frames at a time, by a
	// builder running as a coroutine (iter.Pull).
	next func() (struct{}, bool)
	stop func()
}

// add appends f to the script, numbering its IPv4 identification field.
func (s *session) add(f frame) {
	f.ipid = s.ipid[f.dir]
	s.ipid[f.dir]++
	s.frames = append(s.frames, f)
}

func (s *session) nextT() int64 { return s.frames[s.i].t }

// bytes copies p into the session buffer and returns the copy.
func (s *session) bytes(p []byte) []byte {
	n := len(s.buf)
	s.buf = append(s.buf, p...)
	return s.buf[n:len(s.buf):len(s.buf)]
}

type generator struct {
	opt    *Options
	r      *rand.Rand
	heap   []*session
	free   []*session
	nextID uint64
	budget float64 // non-TCP frames still owed to keep TCPShare
	pkt    []byte
	sum    Summary
	net    *network
	text   []byte            // prose for HTTP bodies and mail
	noise  []byte            // stand-in for ciphertext and random fields
	certs  map[string][]byte // TLS Certificate message bodies by server name
}

func newGenerator(opt *Options) *generator {
	seed := uint64(opt.Seed)
	g := &generator{
		opt: opt,
		r:   rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		pkt: make([]byte, 0, 1<<16),
	}
	g.net = newNetwork(g.r)
	g.text = makeText(g.r, 96<<10)
	g.noise = makeNoise(g.r, 64<<10)
	g.certs = make(map[string][]byte)
	return g
}

func (g *generator) run(cw *capWriter) error {
	defer g.stopAll()
	// Stagger the initial connections over the first two seconds.
	for range g.opt.Conns {
		g.startTCP(g.r.Int64N(2e9))
	}
	first, last := int64(-1), int64(0)
	for g.sum.Packets < g.opt.Packets {
		if len(g.heap) == 0 {
			g.startTCP(last)
			continue
		}
		s := g.heap[0]
		f := &s.frames[s.i]
		if first < 0 {
			first = f.t
		}
		last = f.t
		g.pkt = appendFrame(g.pkt[:0], s, f)
		if err := cw.writePacket(f.t, g.pkt); err != nil {
			return fmt.Errorf("write frame %d: %w", g.sum.Packets+1, err)
		}
		g.sum.Packets++
		if f.kind == kTCP {
			g.sum.TCP++
		}
		s.i++
		if s.i < len(s.frames) || s.tcp && g.resume(s) {
			g.down(0)
			continue
		}
		g.pop()
		if s.tcp {
			g.startTCP(last + g.expDur(2e6))
		}
		g.recycle(s)
	}
	g.sum.Span = time.Duration(last - first)
	return nil
}

// stopAll ends the builders of the sessions still active.
func (g *generator) stopAll() {
	for _, s := range g.heap {
		if s.stop != nil {
			s.stop()
		}
	}
}

func (g *generator) newSession() *session {
	var s *session
	if n := len(g.free); n > 0 {
		s = g.free[n-1]
		g.free = g.free[:n-1]
	} else {
		s = &session{}
	}
	g.nextID++
	s.id = g.nextID
	s.tsOff = [2]uint32{g.r.Uint32(), g.r.Uint32()}
	s.ipid = [2]uint16{uint16(g.r.Uint32()), uint16(g.r.Uint32())}
	g.sum.Sessions++
	return s
}

func (g *generator) recycle(s *session) {
	if s.stop != nil {
		s.stop()
	}
	clear(s.frames) // drop references into buffers
	buf := s.buf[:0]
	if cap(buf) > 64<<10 {
		buf = nil // let a rare huge buffer go
	}
	*s = session{frames: s.frames[:0], buf: buf}
	g.free = append(g.free, s)
}

// push schedules a session whose script is complete.
func (g *generator) push(s *session) {
	if len(s.frames) == 0 {
		g.recycle(s)
		return
	}
	g.heap = append(g.heap, s)
	g.up(len(g.heap) - 1)
	if len(g.heap) > g.sum.MaxActive {
		g.sum.MaxActive = len(g.heap)
	}
}

func (g *generator) pop() {
	n := len(g.heap) - 1
	g.heap[0] = g.heap[n]
	g.heap[n] = nil
	g.heap = g.heap[:n]
	if n > 0 {
		g.down(0)
	}
}

func (g *generator) less(i, j int) bool {
	a, b := g.heap[i], g.heap[j]
	ta, tb := a.nextT(), b.nextT()
	return ta < tb || ta == tb && a.id < b.id
}

func (g *generator) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !g.less(i, p) {
			return
		}
		g.heap[i], g.heap[p] = g.heap[p], g.heap[i]
		i = p
	}
}

func (g *generator) down(i int) {
	n := len(g.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && g.less(r, l) {
			m = r
		}
		if !g.less(m, i) {
			return
		}
		g.heap[i], g.heap[m] = g.heap[m], g.heap[i]
		i = m
	}
}

// expDur returns an exponentially distributed duration in ns with the given mean.
func (g *generator) expDur(mean float64) int64 { return int64(g.r.ExpFloat64() * mean) }

// between returns a uniformly distributed duration in [lo, hi) ns.
func (g *generator) between(lo, hi int64) int64 { return lo + g.r.Int64N(hi-lo) }

// errStopped unwinds a builder whose session was abandoned.
var errStopped = errors.New("session stopped")

// startTCP starts one TCP session at t; its builder runs until the first
// batch of frames is ready.
func (g *generator) startTCP(t int64) {
	s := g.newSession()
	s.tcp = true
	g.sum.TCPConns++
	kind := g.r.IntN(1000)
	if g.opt.ShortShare > 0 && g.r.Float64() < g.opt.ShortShare {
		kind = -1 // drawn only when asked for: the default mix stays byte-identical
	}
	s.next, s.stop = iter.Pull(func(yield func(struct{}) bool) {
		defer func() {
			if e := recover(); e != nil && e != errStopped {
				panic(e)
			}
		}()
		c := g.newConn(s, t, yield)
		switch {
		case kind < 0:
			g.shortSession(c)
		case kind < 330:
			g.httpSession(c)
		case kind < 480:
			g.healthSession(c)
		case kind < 800:
			g.tlsSession(c)
		case kind < 985:
			g.smtpSession(c)
		default:
			g.telnetSession(c)
		}
	})
	if !g.resume(s) {
		g.recycle(s)
		return
	}
	g.push(s)
}

// resume asks a TCP session's builder for its next batch of frames and
// starts the non-TCP sessions that keep the TCP share near opt.TCPShare.
// It reports false when the session has no frames left.
func (g *generator) resume(s *session) bool {
	clear(s.frames)
	s.frames, s.buf, s.i = s.frames[:0], s.buf[:0], 0
	s.next()
	n := len(s.frames)
	if n == 0 {
		return false
	}
	t0, t1 := s.frames[0].t, s.frames[n-1].t+1
	g.budget += float64(n) * (1 - g.opt.TCPShare) / g.opt.TCPShare
	for g.budget > 0 {
		g.budget -= float64(g.startOther(t0 + g.r.Int64N(t1-t0)))
	}
	return true
}

// startOther builds one non-TCP session starting at t and returns its frame count.
func (g *generator) startOther(t int64) int {
	s := g.newSession()
	switch x := g.r.IntN(100); {
	case x < 55:
		g.dnsSession(s, t)
	case x < 72:
		g.pingSession(s, t)
	case x < 82:
		g.ntpSession(s, t)
	case x < 92:
		g.arpSession(s, t)
	default:
		g.unreachSession(s, t)
	}
	n := len(s.frames)
	if n == 0 {
		g.recycle(s)
		return 1 // avoid looping forever on an empty builder
	}
	g.push(s)
	return n
}
