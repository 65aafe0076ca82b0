package stream

// Reassembler puts one direction of a TCP connection back in order. It keeps references to the
// frames' payloads, never copies:
//
//   - the first byte seen at a sequence number wins (a retransmission or an overlapping segment only
//     contributes bytes not seen before, as Wireshark keeps the first copy);
//   - segments ahead of a hole wait (out of order) until the hole fills;
//   - a hole is never invented: Skip (the peer acknowledged past it) or Close turns it into a gap chunk
//     with Missing set;
//   - a SYN fixes the initial sequence number; without one the first segment seen starts the stream
//     (a capture that begins mid-connection);
//   - FIN and RST end the stream: later data is ignored;
//   - sequence numbers compare modulo 2^32, so wrap-around is seamless.
//
// Chunks come out in sequence order through Out.
type Reassembler struct {
	Dir     uint8
	started bool
	closed  bool
	next    uint32  // next sequence number expected
	end     uint32  // sequence number of FIN or RST once seen
	ended   bool    // end is valid
	pending []Chunk // waiting data: sorted by Seq, non-overlapping, every Seq beyond next
	// Out holds the chunks delivered so far, in sequence order. Callers may consume and reset it.
	Out []Chunk
}

// Next returns the next sequence number the reassembler waits for.
func (r *Reassembler) Next() uint32 { return r.next }

// Pending returns the number of segments waiting behind a hole.
func (r *Reassembler) Pending() int { return len(r.pending) }

// Add takes one segment in capture order.
func (r *Reassembler) Add(s Segment) {
	if r.closed {
		return
	}
	seq := s.Seq
	if s.Flags&FlagSYN != 0 {
		seq++
		if !r.started {
			r.started, r.next = true, seq
		}
	}
	if !r.started {
		r.started, r.next = true, seq
	}
	n := s.Data.Len
	if n > s.Len && s.Len > 0 {
		n = s.Len
	}
	if s.Flags&(FlagFIN|FlagRST) != 0 && !r.ended {
		e := seq + s.Len
		if s.Flags&FlagRST != 0 {
			e = seq
			n = 0 // data on a RST is a reset cause, not stream data
		}
		r.end, r.ended = e, true
	}
	r.insert(seq, Ref{Frame: s.Data.Frame, Off: s.Data.Off, Len: n})
	r.deliver()
}

// insert adds the bytes of d at seq that are neither delivered nor waiting.
func (r *Reassembler) insert(seq uint32, d Ref) {
	if d.Len == 0 {
		return
	}
	if r.ended {
		if !seqLT(seq, r.end) {
			return
		}
		if lim := r.end - seq; d.Len > lim {
			d.Len = lim
		}
	}
	if seqLT(seq, r.next) { // the start was already seen
		skip := r.next - seq
		if skip >= d.Len {
			return
		}
		seq, d.Off, d.Len = r.next, d.Off+skip, d.Len-skip
	}
	// Walk the waiting chunks, filling only the holes between them.
	i := 0
	for d.Len > 0 {
		for i < len(r.pending) && !seqGT(r.pending[i].Seq+r.pending[i].Data.Len, seq) {
			i++
		}
		if i == len(r.pending) {
			r.pending = append(r.pending, Chunk{Dir: r.Dir, Seq: seq, Data: d})
			return
		}
		p := r.pending[i]
		if seqLT(seq, p.Seq) { // a hole before p: fill what fits
			n := p.Seq - seq
			if n > d.Len {
				n = d.Len
			}
			r.pending = append(r.pending, Chunk{})
			copy(r.pending[i+1:], r.pending[i:])
			r.pending[i] = Chunk{Dir: r.Dir, Seq: seq, Data: Ref{Frame: d.Frame, Off: d.Off, Len: n}}
			i++
			seq, d.Off, d.Len = seq+n, d.Off+n, d.Len-n
			continue
		}
		// overlaps p: skip what p already holds
		skip := p.Seq + p.Data.Len - seq
		if skip >= d.Len {
			return
		}
		seq, d.Off, d.Len = seq+skip, d.Off+skip, d.Len-skip
		i++
	}
}

func (r *Reassembler) deliver() {
	k := 0
	for k < len(r.pending) && r.pending[k].Seq == r.next {
		r.Out = append(r.Out, r.pending[k])
		r.next += r.pending[k].Data.Len
		k++
	}
	if k > 0 {
		r.pending = append(r.pending[:0], r.pending[k:]...)
	}
}

// Skip declares the bytes before seq lost (the peer acknowledged them but the capture does not hold
// them): holes before seq become gap chunks and the data waiting behind them is delivered.
func (r *Reassembler) Skip(seq uint32) {
	if !r.started || r.closed {
		return
	}
	for seqLT(r.next, seq) {
		if len(r.pending) > 0 && seqLT(r.pending[0].Seq, seq) {
			r.gap(r.pending[0].Seq)
			r.deliver()
			continue
		}
		r.gap(seq)
	}
	r.deliver()
}

func (r *Reassembler) gap(to uint32) {
	if seqLT(r.next, to) {
		r.Out = append(r.Out, Chunk{Dir: r.Dir, Seq: r.next, Missing: to - r.next})
		r.next = to
	}
}

// Close ends the direction: data still waiting is delivered after gap chunks for the holes before it.
func (r *Reassembler) Close() {
	for len(r.pending) > 0 {
		r.gap(r.pending[0].Seq)
		r.deliver()
	}
	r.closed = true
}
