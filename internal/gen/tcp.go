package gen

// Rates of the TCP anomalies, per opportunity.
const (
	pFastRetx = 0.15  // per client message of >= 4 segments: one is lost, dup ACKs, fast retransmission
	pRTO      = 0.004 // per one-segment server message: retransmitted after a timeout
	pOOO      = 0.25  // per two-segment client message: segments arrive swapped
	pSYNRetry = 0.005 // per connection: first SYN unanswered, retransmitted after 1 s
)

const (
	us = int64(1e3)
	ms = int64(1e6)
)

// tcpConn builds the script of one TCP connection. Time runs at the capture
// point next to the server: the server reacts within microseconds to what
// it receives, the client one round trip after the server sent something.
type tcpConn struct {
	g       *generator
	s       *session
	t       int64     // time of the last frame
	nxt     [2]uint32 // next sequence number per direction
	last    [2]int64  // time of the last frame per direction
	owe     [2]int64  // delayed-ACK deadline per direction (0 = none)
	oweA    [2]uint32 // the acknowledgement number owed
	win     [2]uint16 // scaled window field after the handshake
	rtt     int64
	mss     int // payload bytes per full segment
	cli     *host
	srv     *host
	parts   [][]byte // message being sent
	size    int      // its length
	scratch [][]byte
	// yield hands a finished batch of frames to the scheduler.
	yield func(struct{}) bool
}

func (g *generator) newConn(s *session, t int64, yield func(struct{}) bool) *tcpConn {
	return &tcpConn{g: g, s: s, t: t, yield: yield}
}

// batch hands the frames built so far to the scheduler and returns once
// they have all been written. Slices into the session buffer made before
// the call are invalid after it.
func (c *tcpConn) batch() {
	if len(c.s.frames) == 0 {
		return
	}
	if !c.yield(struct{}{}) {
		panic(errStopped)
	}
}

// setup picks addresses and ports for a connection from cli to srv:port.
func (c *tcpConn) setup(cli, srv *host, port uint16, v6 bool) {
	g := c.g
	c.cli, c.srv = cli, srv
	g.setEndpoints(c.s, cli, srv, v6, cli.port(), port)
	ep := &c.s.ep
	ep.mss = 1460
	if v6 {
		ep.mss = 1440
	}
	c.mss = int(ep.mss) - 12 // timestamps option on every segment
	ep.wscal = [2]uint8{7, 7}
	c.win = [2]uint16{uint16(495 + g.r.IntN(20)), uint16(500 + g.r.IntN(20))}
	c.rtt = cli.rtt + g.r.Int64N(cli.rtt/8+1)
	if c.rtt < 300*us {
		c.rtt = 300 * us
	}
}

func (c *tcpConn) jitter(max int64) int64 { return c.g.r.Int64N(max + 1) }

// frame appends a TCP frame at t (clamped to keep the script in time order).
func (c *tcpConn) frame(t int64, dir int, flags uint8, opt uint8, seq, ack uint32, data []byte, sack [2]uint32) {
	if t < c.t {
		t = c.t
	}
	c.flush(t, dir)
	if t < c.t {
		t = c.t
	}
	c.s.add(frame{t: t, kind: kTCP, dir: uint8(dir), flags: flags, opt: opt, seq: seq, ack: ack,
		win: c.win[dir], data: data, sack: sack})
	c.t = t
	c.last[dir] = t
}

// flush emits pure ACKs whose delayed-ACK deadline passed before t; a frame
// from the owing side before its deadline carries the ACK instead.
func (c *tcpConn) flush(t int64, dir int) {
	for d := range 2 {
		dl := c.owe[d]
		if dl == 0 {
			continue
		}
		if dl <= t {
			c.owe[d] = 0
			if dl < c.t {
				dl = c.t
			}
			c.s.add(frame{t: dl, kind: kTCP, dir: uint8(d), flags: thACK, opt: optTS,
				seq: c.nxt[d], ack: c.oweA[d], win: c.win[d]})
			c.t = dl
			c.last[d] = dl
		} else if d == dir {
			c.owe[d] = 0
		}
	}
}

// put sends data (or just flags) from dir at t with the current numbers.
func (c *tcpConn) put(t int64, dir int, flags uint8, data []byte) {
	c.frame(t, dir, flags, optTS, c.nxt[dir], c.nxt[dir^1], data, [2]uint32{})
	c.nxt[dir] += uint32(len(data))
	if flags&(thSYN|thFIN) != 0 {
		c.nxt[dir]++
	}
}

// ack sends a pure ACK from dir acknowledging up to a.
func (c *tcpConn) ack(t int64, dir int, a uint32) {
	c.frame(t, dir, thACK, optTS, c.nxt[dir], a, nil, [2]uint32{})
}

// open adds the three-way handshake starting at c.t.
func (c *tcpConn) open() {
	g := c.g
	isn := [2]uint32{g.r.Uint32(), g.r.Uint32()}
	c.nxt = isn
	t := c.t
	syn := func(t int64) {
		c.s.add(frame{t: t, kind: kTCP, dir: 0, flags: thSYN, opt: optSYN, seq: isn[0], win: 64240})
	}
	syn(t)
	if g.r.Float64() < pSYNRetry {
		t += 1000*ms + c.jitter(2*ms)
		syn(t)
	}
	c.nxt[0]++
	t += 15*us + c.jitter(30*us)
	c.s.add(frame{t: t, kind: kTCP, dir: 1, flags: thSYN | thACK, opt: optSYN, seq: isn[1], ack: c.nxt[0], win: 65160})
	c.nxt[1]++
	c.t, c.last[0], c.last[1] = t, t, t
	t += c.rtt + c.jitter(c.rtt/10)
	c.ack(t, 0, c.nxt[1])
}

// clientAt is when the client acts after thinking for think ns.
func (c *tcpConn) clientAt(think int64) int64 {
	return max(c.t, c.last[1]+c.rtt) + think
}

// serverAt is when the server acts after thinking for think ns.
func (c *tcpConn) serverAt(think int64) int64 { return c.t + think }

// send transmits one application message from dir starting at t.
func (c *tcpConn) send(dir int, data []byte, t int64) { c.sendv(dir, t, data) }

// sendv transmits one application message made of parts, which are
// referenced, not copied, unless a segment spans two of them.
func (c *tcpConn) sendv(dir int, t int64, parts ...[]byte) {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n == 0 {
		return
	}
	c.parts, c.size = parts, n
	if dir == 1 {
		c.sendServer(t)
	} else {
		c.sendClient(t)
	}
	c.parts = nil
}

// segment returns the i-th MSS-sized segment of the current message.
func (c *tcpConn) segment(i int) []byte {
	lo := i * c.mss
	hi := min(lo+c.mss, c.size)
	off := 0
	for _, p := range c.parts {
		if lo < off+len(p) {
			if hi <= off+len(p) {
				return p[lo-off : hi-off]
			}
			break
		}
		off += len(p)
	}
	s := c.s
	st := len(s.buf)
	off = 0
	for _, p := range c.parts {
		a, b := max(lo, off), min(hi, off+len(p))
		if a < b {
			s.buf = append(s.buf, p[a-off:b-off]...)
		}
		off += len(p)
	}
	return s.buf[st:len(s.buf):len(s.buf)]
}

func (c *tcpConn) sendServer(t int64) {
	r := c.g.r
	n := (c.size + c.mss - 1) / c.mss
	// A one-segment message is sometimes retransmitted after a timeout
	// (the client's ACK never came). Longer messages are not: the capture
	// would hold both copies of a segment of a reassembled PDU, which
	// tshark reports as a reassembly error.
	rto := n == 1 && r.Float64() < pRTO
	var times [10]int64
	var ends [10]uint32
	for start := 0; start < n; {
		grp := min(10, n-start) // initial congestion window
		for i := range grp {
			flags := uint8(thACK)
			if i == grp-1 {
				flags |= thPSH
			}
			times[i] = max(t, c.t)
			c.put(t, 1, flags, c.segment(start+i))
			ends[i] = c.nxt[1]
			t += 12*us + c.jitter(3*us)
		}
		if rto {
			c.frame(times[0]+200*ms+c.rtt+c.jitter(5*ms), 1, thACK|thPSH, optTS, ends[0]-uint32(c.size), c.nxt[0],
				c.segment(0), [2]uint32{})
			c.ack(c.t+c.rtt+c.jitter(20*us), 0, ends[0])
			return
		}
		for i := range grp {
			switch {
			case i%2 == 1:
				c.ack(times[i]+c.rtt+c.jitter(20*us), 0, ends[i])
			case i == grp-1:
				c.owe[0] = times[i] + c.rtt + 40*ms // delayed ACK
				c.oweA[0] = ends[i]
			}
		}
		start += grp
		t = c.t + 5*us
	}
}

func (c *tcpConn) sendClient(t int64) {
	r := c.g.r
	n := (c.size + c.mss - 1) / c.mss
	switch {
	case n == 2 && r.Float64() < pOOO:
		// The two segments arrive swapped.
		s0 := c.nxt[0]
		seg0, seg1 := c.segment(0), c.segment(1)
		s1 := s0 + uint32(len(seg0))
		end := s1 + uint32(len(seg1))
		c.frame(t, 0, thACK|thPSH, optTS, s1, c.nxt[1], seg1, [2]uint32{})
		c.frame(t+15*us, 1, thACK, optSACK, c.nxt[1], s0, nil, [2]uint32{s1, end})
		c.frame(t+45*us+c.jitter(40*us), 0, thACK, optTS, s0, c.nxt[1], seg0, [2]uint32{})
		c.nxt[0] = end
		c.ack(c.t+15*us, 1, end)
		return
	case n >= 4 && n <= 64 && r.Float64() < pFastRetx:
		// Segment k is lost before it reaches the capture point. The
		// server ACKs up to the hole at once, then duplicates that ACK
		// with SACK for every later segment; the client retransmits the
		// hole one round trip later.
		k := 1 + r.IntN(n-3)
		var seqs [64]uint32
		var ends [64]uint32
		var lost []byte
		for i := range n {
			seg := c.segment(i)
			seqs[i] = c.nxt[0]
			ends[i] = seqs[i] + uint32(len(seg))
			flags := uint8(thACK)
			if i == n-1 {
				flags |= thPSH
			}
			switch {
			case i == k:
				lost = seg
				c.nxt[0] = ends[i]
			case i < k:
				c.put(t, 0, flags, seg)
				if i%2 == 1 || i == k-1 {
					c.ack(c.t+10*us+c.jitter(10*us), 1, c.nxt[0])
				}
			default:
				c.frame(t, 0, flags, optTS, seqs[i], c.nxt[1], seg, [2]uint32{})
				c.nxt[0] = ends[i]
				c.frame(c.t+10*us+c.jitter(10*us), 1, thACK, optSACK, c.nxt[1], seqs[k], nil,
					[2]uint32{seqs[k+1], ends[i]})
			}
			t = c.t + 40*us + c.jitter(110*us)
		}
		c.frame(c.t+c.rtt+c.jitter(50*us), 0, thACK, optTS, seqs[k], c.nxt[1], lost, [2]uint32{})
		c.ack(c.t+10*us+c.jitter(10*us), 1, c.nxt[0])
		return
	}
	for i := range n {
		flags := uint8(thACK)
		if i == n-1 {
			flags |= thPSH
		}
		c.put(t, 0, flags, c.segment(i))
		if i%2 == 1 {
			c.ack(c.t+10*us+c.jitter(10*us), 1, c.nxt[0])
		} else if i == n-1 {
			c.owe[1] = c.t + 40*ms
			c.oweA[1] = c.nxt[0]
		}
		t = c.t + 40*us + c.jitter(110*us)
	}
}

// closeConn ends the connection after idle ns: usually an orderly FIN
// exchange started by either side, sometimes a reset.
func (c *tcpConn) closeConn(serverFirst bool, idle int64) {
	r := c.g.r
	switch x := r.IntN(100); {
	case x < 4:
		c.put(c.clientAt(idle+c.jitter(5*ms)), 0, thRST|thACK, nil)
		c.s.frames[len(c.s.frames)-1].opt = optNone
	case x < 6:
		c.put(c.serverAt(idle+c.jitter(2*ms)), 1, thRST|thACK, nil)
		c.s.frames[len(c.s.frames)-1].opt = optNone
	case serverFirst:
		c.put(c.serverAt(idle+50*us+c.jitter(500*us)), 1, thFIN|thACK, nil)
		c.put(c.clientAt(c.jitter(100*us)), 0, thFIN|thACK, nil)
		c.ack(c.t+20*us+c.jitter(30*us), 1, c.nxt[0])
	default:
		c.put(c.clientAt(idle+c.jitter(20*ms)), 0, thFIN|thACK, nil)
		c.put(c.t+20*us+c.jitter(60*us), 1, thFIN|thACK, nil)
		c.ack(c.t+c.rtt+c.jitter(50*us), 0, c.nxt[1])
	}
	// A delayed ACK still pending is dropped: FIN and RST carry it.
	c.owe = [2]int64{}
}
