package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// IPv4 and IPv6 fragment reassembly, after Wireshark's reassemble.c (fragment_add_check,
// process_reassembled_data, show_fragment_tree) with the IP dissectors' default preferences
// (ip.defragment and ipv6.defragment on).
//
// During the first pass fragments are collected per datagram (addresses, protocol and
// identification); the fragment that fills the last hole completes the datagram, which is then
// handed to the protocol above from a "Reassembled IPv4" (or IPv6) data source. Every frame that
// took part is recorded so that later dissections show the same: the completing frame the
// reassembled datagram, the others the frame it was reassembled in. Payload bytes are copied only
// while a datagram is incomplete; a completed datagram keeps its reassembled bytes (the completing
// frame needs them) and its fragment list. Pending datagrams are bounded in number and bytes: the
// oldest are dropped first, as if their missing fragments never came.

// Limits on incomplete datagrams.
const (
	fragMaxPending      = 4096
	fragMaxPendingBytes = 64 << 20
	// A datagram is at most 128 KiB (IPv6: offset 65528 plus 65535 bytes); this leaves room for
	// duplicates and overlaps.
	fragMaxDatagramBytes = 4 << 20
)

// Fragment flags (Wireshark's FD_OVERLAP, FD_OVERLAPCONFLICT, FD_MULTIPLETAILS, FD_TOOLONGFRAGMENT).
const (
	fragOverlap uint8 = 1 << iota
	fragOverlapConflict
	fragMultipleTails
	fragTooLong
)

// fragErrors are the flags that make a reassembly illegal.
const fragErrors = fragOverlapConflict | fragMultipleTails | fragTooLong

// fragKey identifies a datagram being reassembled.
type fragKey struct {
	src, dst [16]byte
	id       uint32 // IPv4: protocol<<16 | identification; IPv6: identification
	v6       bool
}

// fragItem is one fragment of a datagram.
type fragItem struct {
	frame  uint32
	off, n uint32
	flags  uint8
	data   []byte // the payload, kept until the datagram is complete
}

// fragHead is a datagram: its fragments sorted by offset (equal offsets in arrival order), the
// length the last fragment gave it and, once complete, its bytes.
type fragHead struct {
	items         []fragItem
	datalen       uint32
	datalenSet    bool
	flags         uint8
	reassembledIn uint32
	data          []byte
	seq           uint64 // position in the eviction queue
	size          int    // bytes held while pending
}

type fragDoneKey struct {
	frame uint32
	k     fragKey
}

type fragQueued struct {
	k   fragKey
	seq uint64
}

// fragState is the reassembly state of a capture.
type fragState struct {
	pending      map[fragKey]*fragHead
	done         map[fragDoneKey]*fragHead
	queue        []fragQueued // pending datagrams, oldest first (entries may be stale)
	seq          uint64
	pendingBytes int
}

var fragSlot = newStateSlot(func() any {
	return &fragState{pending: map[fragKey]*fragHead{}, done: map[fragDoneKey]*fragHead{}}
})

// add adds a fragment of datagram k (first pass). It returns the datagram when this fragment
// completes it.
func (s *fragState) add(k fragKey, frame, off uint32, more bool, payload []byte) *fragHead {
	h := s.pending[k]
	if h == nil {
		s.seq++
		h = &fragHead{seq: s.seq}
		s.pending[k] = h
		s.queue = append(s.queue, fragQueued{k, s.seq})
	}
	n := uint32(len(payload))
	it := fragItem{frame: frame, off: off, n: n, data: append([]byte(nil), payload...)}
	if !more {
		end := off + n
		if h.datalenSet {
			if h.datalen != end {
				it.flags |= fragMultipleTails
				h.flags |= fragMultipleTails
			}
		} else {
			h.datalen, h.datalenSet = end, true
		}
	}
	// Keep the list sorted by offset, a new fragment after those with the same offset.
	i := len(h.items)
	for i > 0 && h.items[i-1].off > off {
		i--
	}
	h.items = append(h.items, fragItem{})
	copy(h.items[i+1:], h.items[i:])
	h.items[i] = it
	h.size += len(payload) + 32
	s.pendingBytes += len(payload) + 32

	if h.datalenSet && fragContiguous(h.items) >= h.datalen {
		s.complete(k, h, frame)
		return h
	}
	if h.size > fragMaxDatagramBytes {
		// Endless overlapping fragments: give up on this datagram.
		s.pendingBytes -= h.size
		delete(s.pending, k)
		return nil
	}
	s.evict(k)
	return nil
}

// fragContiguous returns how many bytes from offset 0 the fragments cover without a hole.
func fragContiguous(items []fragItem) uint32 {
	var max uint32
	for _, it := range items {
		if it.off <= max && it.off+it.n > max {
			max = it.off + it.n
		}
	}
	return max
}

// complete builds the datagram's bytes from its fragments (lower offsets, then earlier arrivals,
// win where they overlap), records it for every frame that took part and forgets the pending
// entry.
func (s *fragState) complete(k fragKey, h *fragHead, frame uint32) {
	data := make([]byte, h.datalen)
	var dfpos uint32
	for i := range h.items {
		it := &h.items[i]
		if it.n == 0 {
			continue
		}
		if it.off >= h.datalen {
			it.flags |= fragTooLong
			h.flags |= fragTooLong
			it.data = nil
			continue
		}
		fraglen := it.n
		if it.off+fraglen > h.datalen {
			it.flags |= fragTooLong
			h.flags |= fragTooLong
			fraglen = h.datalen - it.off
		}
		if it.off < dfpos {
			overlap := dfpos - it.off
			cmp := min(it.n, overlap, h.datalen-it.off)
			it.flags |= fragOverlap
			h.flags |= fragOverlap
			if string(data[it.off:it.off+cmp]) != string(it.data[:cmp]) {
				it.flags |= fragOverlapConflict
				h.flags |= fragOverlapConflict
			}
		}
		if it.off+fraglen > dfpos {
			copy(data[dfpos:], it.data[dfpos-it.off:fraglen])
			dfpos = it.off + fraglen
		}
		it.data = nil
	}
	h.data = data
	h.reassembledIn = frame
	s.pendingBytes -= h.size
	h.size = 0
	delete(s.pending, k)
	for _, it := range h.items {
		s.done[fragDoneKey{it.frame, k}] = h
	}
}

// evict drops the oldest pending datagrams (other than keep) while there are too many.
func (s *fragState) evict(keep fragKey) {
	for (len(s.pending) > fragMaxPending || s.pendingBytes > fragMaxPendingBytes) && len(s.queue) > 0 {
		q := s.queue[0]
		s.queue = s.queue[1:]
		h := s.pending[q.k]
		if h == nil || h.seq != q.seq {
			continue // completed or replaced
		}
		if q.k == keep {
			s.queue = append(s.queue, q)
			if len(s.pending) == 1 {
				return
			}
			continue
		}
		s.pendingBytes -= h.size
		delete(s.pending, q.k)
	}
	// Drop stale queue entries now and then so the queue stays about as long as pending.
	if len(s.queue) > 2*len(s.pending)+64 {
		live := s.queue[:0]
		for _, q := range s.queue {
			if h := s.pending[q.k]; h != nil && h.seq == q.seq {
				live = append(live, q)
			}
		}
		s.queue = live
	}
}

// fragFields are the fields a protocol shows its reassembly with (Wireshark's fragment_items).
type fragFields struct {
	fragments, fragment, overlap, conflict, multiTails, tooLong, errorF,
	count, reassembledIn, reassembledLen, reassembledData field.ID
	source string // data source name: "Reassembled IPv4"
	tag    string // for "[Illegal IPv4 fragments]"
}

// defragment adds the fragment payload (first pass) or looks its datagram up (later passes), like
// fragment_add_check followed by process_reassembled_data. On the frame that completes the
// datagram it adds the reassembled data source and the fragment tree under tree, and returns the
// reassembled bytes and true. On other fragments of a datagram known to be complete it adds the
// "reassembled in" item and returns the frame it was reassembled in.
func (c *Ctx) defragment(ff *fragFields, k fragKey, off uint32, more bool, payload Tvb, tree int32) (Tvb, bool, uint32) {
	st := c.State.slot(fragSlot).(*fragState)
	var h *fragHead
	if c.Pass1 {
		h = st.add(k, c.Frame.Number, off, more, payload.B)
	} else {
		h = st.done[fragDoneKey{c.Frame.Number, k}]
	}
	if h == nil {
		return Tvb{}, false, 0
	}
	if h.reassembledIn != c.Frame.Number {
		n := c.AddGenerated(tree, ff.reassembledIn, payload, 0, 0, field.Value{U: uint64(h.reassembledIn)})
		_ = n
		return Tvb{}, false, h.reassembledIn
	}
	if len(c.T.Sources) >= 255 {
		return Tvb{}, false, 0
	}
	c.T.Sources = append(c.T.Sources, field.Source{Name: ff.source, Bytes: h.data})
	rt := Tvb{B: h.data, Src: uint8(len(c.T.Sources) - 1)}
	c.fragmentTree(ff, h, rt, tree)
	return rt, true, h.reassembledIn
}

// fragmentTree adds the "[N IPv4 Fragments (M bytes): #1(1480), …]" subtree (show_fragment_tree).
func (c *Ctx) fragmentTree(ff *fragFields, h *fragHead, rt Tvb, tree int32) {
	var v field.Value
	if Fields.Get(ff.fragments).Type == field.Bytes {
		v.B = h.data
	}
	fi := c.AddGenerated(tree, ff.fragments, rt, 0, rt.Len(), v)
	if c.Visible() {
		name := Fields.Get(ff.fragments).Name
		if len(h.items) == 1 {
			name = Fields.Get(ff.fragment).Name
		}
		b := make([]byte, 0, 64+12*len(h.items))
		b = strconv.AppendInt(b, int64(len(h.items)), 10)
		b = append(b, ' ')
		b = append(b, name...)
		b = append(b, " ("...)
		b = appendBytesCount(b, len(h.data))
		b = append(b, "): "...)
		for i, it := range h.items {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, '#')
			b = strconv.AppendUint(b, uint64(it.frame), 10)
			b = append(b, '(')
			b = strconv.AppendUint(b, uint64(it.n), 10)
			b = append(b, ')')
		}
		c.T.SetLabel(fi, string(b))
	}
	for _, it := range h.items {
		hf := ff.fragment
		if it.flags&fragErrors != 0 {
			hf = ff.errorF
		}
		fn := c.AddGenerated(fi, hf, rt, int(it.off), int(it.n), field.Value{U: uint64(it.frame)})
		if c.Visible() && fn != fi {
			b := make([]byte, 0, 48)
			b = append(b, "Frame: "...)
			b = strconv.AppendUint(b, uint64(it.frame), 10)
			if it.n == 0 {
				b = append(b, " (no data)"...)
			} else {
				b = append(b, ", payload: "...)
				b = strconv.AppendUint(b, uint64(it.off), 10)
				b = append(b, '-')
				b = strconv.AppendUint(b, uint64(it.off+it.n-1), 10)
				b = append(b, " ("...)
				b = appendBytesCount(b, int(it.n))
				b = append(b, ')')
			}
			c.T.SetLabel(fn, string(b))
		}
		if it.flags&fragOverlap != 0 {
			c.AddGenerated(fn, ff.overlap, rt, 0, 0, field.Value{U: 1})
		}
		if it.flags&fragOverlapConflict != 0 {
			c.AddGenerated(fn, ff.conflict, rt, 0, 0, field.Value{U: 1})
		}
		if it.flags&fragMultipleTails != 0 {
			c.AddGenerated(fn, ff.multiTails, rt, 0, 0, field.Value{U: 1})
		}
		if it.flags&fragTooLong != 0 {
			c.AddGenerated(fn, ff.tooLong, rt, 0, 0, field.Value{U: 1})
		}
	}
	c.AddGenerated(fi, ff.count, rt, 0, 0, field.Value{U: uint64(len(h.items))})
	c.AddGenerated(fi, ff.reassembledLen, rt, 0, 0, field.Value{U: uint64(len(h.data))})
	c.AddGenerated(fi, ff.reassembledData, rt, 0, rt.Len(), field.Value{B: h.data})
	if h.flags&fragErrors != 0 && c.Cols.On && !c.Cols.readonly {
		c.SetInfo("[Illegal " + ff.tag + "]")
	}
}

// appendBytesCount appends "N bytes" ("1 byte").
func appendBytesCount(b []byte, n int) []byte {
	b = strconv.AppendInt(b, int64(n), 10)
	if n == 1 {
		return append(b, " byte"...)
	}
	return append(b, " bytes"...)
}
