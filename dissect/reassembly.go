package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Reassembly of application PDUs that span TCP segments (Wireshark's desegmentation:
// pinfo->desegment_offset / desegment_len, tcp_dissect_pdus).
//
// An application dissector that wants whole PDUs registers a PDU-length function for its handle
// with RegisterPDU. Before calling the dissector, TCP asks the function how long the PDU starting at
// the segment's data is; when the PDU ends beyond the segment, TCP keeps the bytes (per direction)
// until the segments that complete it arrive, then calls the dissector once on the whole PDU, as a
// second data source "Reassembled TCP (N bytes)" of the frame that completes it. The earlier frames
// show "TCP segment data", "[TCP segment of a reassembled PDU]" in Info and, once the first pass has
// seen the end, tcp.reassembled_in; the completing frame lists tcp.segments.
//
// The first pass decides and records per frame what it did; later dissections replay the records,
// so they may run in any order and in parallel.

// NeedMore is what a PDULen function returns when the data it was given is too short to tell the
// PDU's length (Wireshark's DESEGMENT_ONE_MORE_SEGMENT).
const NeedMore = -1

// UntilFIN is what a PDULen function returns when the PDU lasts until the sender closes the
// connection (an HTTP response without Content-Length).
const UntilFIN = -2

// PDULen returns the length of the PDU that starts at t.B[0]: a length beyond t.Len() asks TCP for
// more data ("I need N more bytes"), a length within it says where the PDU ends ("PDU ends at offset
// X", the rest being further PDUs), NeedMore asks for one more segment, and 0 means t does not start
// a PDU of this protocol (a continuation, garbage): it is dissected as it is. It must only read t; it
// may set the Info column the way its dissector does before asking for more data.
//
// sc is where the function keeps its progress: zero for a PDU it has not seen, and, after it answered
// NeedMore, what it left there, handed back with the same bytes and more. A function that resumes from
// it (the header search resumes at the first line it has not parsed) costs work linear in the PDU's
// length however many segments bring it; one that rescans costs the square.
type PDULen func(c *Ctx, t Tvb, sc *PDUScan) int

// PDUScan is a PDU-length function's progress through a PDU that needs more data. The meaning of
// its fields is the function's; reassembly only keeps it.
type PDUScan struct {
	Off  int   // where parsing resumes (the start of the next line, for a line-based protocol)
	Mark int   // how far the search for the end of the unit at Off got
	Head int   // length of the PDU's first unit (HTTP: the request or status line)
	N    int64 // a length read so far (HTTP: Content-Length)
	Step uint8 // the parser's state
	Flag uint8 // what the parser found (HTTP: request or response, chunked, has a length)
}

// LineEnd is findLineEnd for a search that resumes: the end of the line that starts at o is sought
// from sc.Mark on when that lies beyond o, and when none is found sc.Mark records how far the search
// got. A CR that is the data's last byte does not end the line yet, since an LF may follow in the next
// segment (Wireshark's tvb_find_line_end when desegmenting).
func (sc *PDUScan) LineEnd(b []byte, o int) (lineLen, next int, ok bool) {
	for i := max(o, sc.Mark); i < len(b); i++ {
		switch b[i] {
		case '\n':
			return i - o, i + 1, true
		case '\r':
			if i+1 == len(b) {
				sc.Mark = i
				return len(b) - o, len(b), false
			}
			if b[i+1] == '\n' {
				return i - o, i + 2, true
			}
			return i - o, i + 1, true
		}
	}
	sc.Mark = len(b)
	return len(b) - o, len(b), false
}

// pduLens maps a handle to its PDU-length function; filled during initialisation.
var pduLens = map[*Handle]PDULen{}

// RegisterPDU makes TCP reassemble the PDUs of handle h, whose lengths fn tells.
func RegisterPDU(h *Handle, fn PDULen) { pduLens[h] = fn }

// pduPartial are the handles whose dissector TCP also calls on the start of a PDU that continues in
// a later segment (Wireshark's RESP dissects what it can before it asks for more).
var pduPartial = map[*Handle]bool{}

// pduSizeItems are the handles whose PDUs TCP labels with "[PDU Size: N]" (tcp.pdu.size).
var pduSizeItems = map[*Handle]bool{}

// pduSizeIf are handles whose PDUs get the size item only when the function says so (memcached's
// binary PDUs go through tcp_dissect_pdus, its text messages do not; HTTP's do once the connection
// speaks HTTP/2).
var pduSizeIf = map[*Handle]func(*Ctx, Tvb) bool{}

// pduClearsInfo are handles whose dissector clears the Info column before tcp_dissect_pdus finds a
// segment holds only the start of a PDU: such a segment's Info is "[TCP segment of a reassembled
// PDU]" alone (HTTP/2's).
var pduClearsInfo = map[*Handle]func(*Ctx) bool{}

// tcpDissectsPDUs reports whether h dissects the PDU t the way tcp_dissect_pdus does: each PDU
// gets a size item, and a reassembled one keeps its Info from the PDUs after it.
func (c *Ctx) tcpDissectsPDUs(h *Handle, t Tvb) bool {
	if pduSizeItems[h] {
		return true
	}
	f := pduSizeIf[h]
	return f != nil && f(c, t)
}

// RegisterTCPPDUs is RegisterPDU for a protocol Wireshark dissects with tcp_dissect_pdus, which also
// shows the size of each PDU a segment holds in TCP's tree.
func RegisterTCPPDUs(h *Handle, fn PDULen) {
	RegisterPDU(h, fn)
	pduSizeItems[h] = true
}

var (
	hfTCPSegmentData   = Fields.Add(protoTCP, "tcp.segment_data", "TCP segment data", field.Bytes, field.WithBlurb("A data segment used in reassembly of a lower-level protocol"))
	hfTCPReassembledIn = Fields.Add(protoTCP, "tcp.reassembled_in", "Reassembled PDU in frame", field.FrameNum, field.WithBlurb("The PDU that doesn't end in this segment is reassembled in this frame"))
	hfTCPSegments      = Fields.Add(protoTCP, "tcp.segments", "Reassembled TCP Segments", field.None, field.WithBlurb("TCP Segments"))
	hfTCPSegment       = Fields.Add(protoTCP, "tcp.segment", "TCP Segment", field.FrameNum)
	hfTCPSegmentCount  = Fields.Add(protoTCP, "tcp.segment.count", "Segment count", field.Uint32)
	hfTCPReasmLength   = Fields.Add(protoTCP, "tcp.reassembled.length", "Reassembled TCP length", field.Uint32, field.WithBlurb("The total length of the reassembled payload"))
	hfTCPReasmData     = Fields.Add(protoTCP, "tcp.reassembled.data", "Reassembled TCP Data", field.Bytes, field.WithBlurb("The reassembled payload"))
	hfTCPPDUSize       = Fields.Add(protoTCP, "tcp.pdu.size", "PDU Size", field.Uint32, field.WithBlurb("The size of this PDU"))
)

// maxPDU bounds the bytes held for one PDU.
const maxPDU = 64 << 20

// pduSeg is one segment's part of a reassembled PDU.
type pduSeg struct {
	frame uint32
	n     uint32
}

// tcpMSP is a PDU being reassembled in one direction during the first pass (a multi-segment PDU).
// Its bytes are copied: a one-pass reader reuses frame buffers. They are released when it completes.
type tcpMSP struct {
	start  uint32 // relative sequence number where the PDU starts
	next   uint32 // relative sequence number the next segment must start at
	broken bool   // a segment of it is missing: it can't be completed
	need   int    // PDU length, or NeedMore
	scan   PDUScan
	buf    []byte
	segs   []pduSeg
	frames []uint64 // deseg keys of the frames waiting for it (for tcp.reassembled_in)
	refs   []pduRef
	h      *Handle
}

// tcpPDU is a completed PDU, kept for re-dissection of the frame that completed it: as references
// to its segments' bytes when the capture's frames can be read again (SetFrameSource), else as a copy
// while the copies stay within maxKept bytes.
type tcpPDU struct {
	buf  []byte // the copy, or nil
	segs []pduSeg
	refs []pduRef // where the bytes are, when a frame source is set
	h    *Handle
}

// pduRef is where a part of a PDU lies in a frame.
type pduRef struct {
	frame    uint32
	off, len uint32
}

// maxKept bounds the copies of reassembled PDUs kept for re-dissection without a frame source (a
// one-pass run never re-dissects; the bound keeps its memory flat).
const maxKept = 8 << 20

// reasmState is the capture-wide part of reassembly: how to read frames again.
type reasmState struct {
	frames func(n uint32) []byte
	kept   int
}

var reasmSlot = newStateSlot(func() any { return &reasmState{} })

// SetFrameSource tells reassembly how to read a frame's bytes again (the packet store), so that
// reassembled PDUs are kept as references to their segments instead of copies.
func SetFrameSource(st *State, frames func(n uint32) []byte) {
	st.mu.Lock()
	st.slot(reasmSlot).(*reasmState).frames = frames
	st.mu.Unlock()
}

// bytes returns the PDU's bytes (nil when they were not kept).
func (d *tcpPDU) bytes(rs *reasmState) []byte {
	if d.buf != nil || d.refs == nil {
		return d.buf
	}
	return rs.refBytes(d.refs)
}

// refBytes reads the bytes refs point at from the capture's frames, nil without a frame source or
// when a frame is shorter than a reference says.
func (rs *reasmState) refBytes(refs []pduRef) []byte {
	if rs.frames == nil {
		return nil
	}
	n := 0
	for _, r := range refs {
		n += int(r.len)
	}
	b := make([]byte, 0, n)
	for _, r := range refs {
		f := rs.frames(r.frame)
		if int(r.off+r.len) > len(f) {
			return nil
		}
		b = append(b, f[r.off:r.off+r.len]...)
	}
	return b
}

// tcpDeseg is what the first pass did with one segment's data.
type tcpDeseg struct {
	done          *tcpPDU // the PDU this segment completes, or nil
	take          int     // bytes of this segment that complete done
	pendingFrom   int     // offset where a PDU starts that ends in a later frame, or -1
	reassembledIn uint32  // frame that completes the PDU pendingFrom (or the whole segment) belongs to
	middle        bool    // the whole segment is inside a PDU that neither starts nor ends here
}

// tcpDesegment runs the reassembly for a segment's payload. It reports whether it handled the
// payload (false: hand it off normally).
func (c *Ctx) tcpDesegment(st *tcpState, fwd *tcpFlow, top int32, layer int, seq uint32, payload Tvb,
	parent int32, server, sport, dport uint16, ta *tcpAcked, pass1, fin bool) bool {
	key := uint64(c.Frame.Number)<<32 | uint64(uint32(layer))
	var rec *tcpDeseg
	var pass1Buf []byte // the PDU completed in this first pass
	if pass1 {
		if ta != nil && ta.flags&(tcpARetransmission|tcpAOutOfOrder|tcpAKeepAlive) != 0 {
			return false
		}
		if payload.Len() == 0 && (fwd.msp == nil || fwd.msp.need != UntilFIN) {
			return false
		}
		rec = &tcpDeseg{pendingFrom: -1}
		c.SrcPort, c.DstPort, c.PortType = uint32(sport), uint32(dport), 6
		c.MatchPort = uint32(tcpPDUPort(server, sport, dport)) // PDU-length functions may ask the direction
		var ok bool
		if ok, pass1Buf = c.tcpDesegPass1(st, fwd, key, seq, payload, server, sport, dport, rec, fin); !ok {
			return false
		}
		if rec.done != nil || rec.middle || rec.pendingFrom >= 0 {
			st.deseg[key] = rec
		}
	} else if rec = st.deseg[key]; rec == nil {
		return false
	}
	c.SrcPort, c.DstPort, c.PortType = uint32(sport), uint32(dport), 6
	c.MatchPort = uint32(tcpPDUPort(server, sport, dport)) // PDU-length functions may ask the direction

	if rec.middle {
		c.tcpSegmentData(top, payload, 0, payload.Len(), rec.reassembledIn)
		c.SetProtocol("TCP")
		c.AppendInfoSep(" ", "[TCP segment of a reassembled PDU]")
		return true
	}
	off := 0
	if d := rec.done; d != nil {
		buf := d.buf
		if pass1 {
			buf = pass1Buf
		} else if buf == nil {
			buf = d.bytes(c.State.slot(reasmSlot).(*reasmState))
		}
		sized := c.tcpDissectsPDUs(d.h, Tvb{B: buf})
		if sized && c.T.Wants(hfTCPPDUSize) {
			total := len(buf)
			if buf == nil { // not kept: its segments still tell its size
				for _, sg := range d.segs {
					total += int(sg.n)
				}
			}
			c.generated(c.AddUintV(top, hfTCPPDUSize, payload, 0, rec.take, uint64(total)))
		}
		c.tcpSegmentData(top, payload, 0, rec.take, 0)
		if buf != nil {
			src := uint8(len(c.T.Sources))
			c.T.Sources = append(c.T.Sources, field.Source{Name: "Reassembled TCP", Bytes: buf})
			rt := Tvb{B: buf, Src: src}
			c.tcpSegmentsTree(parent, rt, d)
			c.callPDU(d.h, rt, parent, server, sport, dport, false)
			if sized {
				c.SetInfoFence() // tcp_dissect_pdus keeps a reassembled PDU's Info from the ones after it
			}
		}
		off = rec.take
	}
	// Whole PDUs within the segment, then the start of one that continues in a later frame. TCP
	// hands them to the protocol in one call (after a reassembled PDU, a call of their own), which
	// dissects them one by one: later ones are "more" PDUs of that call.
	more := false
	for off < payload.Len() {
		if rec.pendingFrom >= 0 && off >= rec.pendingFrom {
			break
		}
		rest := payload.Sub(off)
		h, fn := c.tcpPDUHandle(server, sport, dport)
		n := 0
		if fn != nil {
			c.pduScan = PDUScan{}
			n = fn(c, rest, &c.pduScan)
		}
		if n <= 0 || n > rest.Len() {
			if rec.pendingFrom >= 0 { // the first pass saw more here than a replay can: trust it
				n = rec.pendingFrom - off
			} else {
				n = rest.Len()
			}
		}
		if n <= 0 {
			break
		}
		if c.tcpDissectsPDUs(h, payload.SubLen(off, n)) && c.T.Wants(hfTCPPDUSize) {
			c.generated(c.AddUintV(top, hfTCPPDUSize, payload, off, n, uint64(n)))
		}
		c.callPDU(h, payload.SubLen(off, n), parent, server, sport, dport, more)
		more = true
		off += n
	}
	if rec.pendingFrom >= 0 {
		if h, fn := c.tcpPDUHandle(server, sport, dport); pduPartial[h] {
			c.callPDU(h, payload.Sub(rec.pendingFrom), parent, server, sport, dport, more) // what it can of the start
		} else if fn != nil {
			c.pduScan = PDUScan{}
			fn(c, payload.Sub(rec.pendingFrom), &c.pduScan) // the dissector's Info before it asks for more
		}
		c.tcpSegmentData(top, payload, rec.pendingFrom, payload.Len()-rec.pendingFrom, rec.reassembledIn)
		if rec.pendingFrom == 0 && rec.done == nil {
			c.SetProtocol("TCP")
		}
		if h, _ := c.tcpPDUHandle(server, sport, dport); rec.pendingFrom == 0 || !c.tcpDissectsPDUs(h, payload.Sub(rec.pendingFrom)) {
			if rec.pendingFrom == 0 && !more && rec.done == nil {
				if f := pduClearsInfo[h]; f != nil && f(c) {
					c.ClearInfo() // the dissector cleared it before tcp_dissect_pdus asked for more
				}
			}
			// tcp_dissect_pdus says so only of a segment that holds no whole PDU
			c.AppendInfoSep(" ", "[TCP segment of a reassembled PDU]")
		}
	}
	return true
}

// tcpDesegPass1 decides, in the first pass, what the segment's data is: the rest of a pending PDU,
// whole PDUs, the start of a PDU that continues later. It reports false when no reassembling
// dissector is involved.
func (c *Ctx) tcpDesegPass1(st *tcpState, fwd *tcpFlow, key uint64, seq uint32, payload Tvb, server, sport, dport uint16, rec *tcpDeseg, fin bool) (handled bool, pduBuf []byte) {
	off := 0
	if m := fwd.msp; m != nil {
		end := m.start + uint32(m.need)
		inside := m.need > 0 && !seqLT(seq, m.start) && seqLT(seq, end)
		if (seq != m.next || m.broken) && inside && payload.Len() > 0 {
			// Part of the PDU after a hole: still one of its segments, but it will never complete.
			m.broken = true
			m.next = seq + uint32(payload.Len())
			if !seqLT(m.next, end) {
				fwd.msp = nil
			}
			rec.middle = true
			return true, pduBuf
		}
		if seq != m.next || (payload.Len() == 0 && !(fin && m.need == UntilFIN)) || m.broken {
			fwd.msp = nil // a jump beyond the PDU: it can't be completed
		} else {
			prev := len(m.buf)
			m.buf = append(m.buf, payload.B...)
			m.refs = append(m.refs, pduRef{c.Frame.Number, uint32(payload.Off), uint32(payload.Len())})
			m.next += uint32(payload.Len())
			if m.need == NeedMore {
				if fn := pduLens[m.h]; fn != nil {
					m.need = fn(c, Tvb{B: m.buf}, &m.scan) // resumes where the last call stopped
				}
				if m.need == 0 { // not a PDU after all: give up on it
					m.need = len(m.buf)
				}
			}
			if len(m.buf) > maxPDU {
				fwd.msp = nil // never completes: stop holding memory for it
				rec.middle = true
				return true, pduBuf
			}
			if m.need == UntilFIN && fin {
				m.need = len(m.buf)
			}
			if m.need < 0 || m.need > len(m.buf) {
				m.segs = append(m.segs, pduSeg{c.Frame.Number, uint32(payload.Len())})
				m.frames = append(m.frames, key)
				rec.middle = true
				return true, pduBuf
			}
			take := m.need - prev
			m.segs = append(m.segs, pduSeg{c.Frame.Number, uint32(take)})
			d := &tcpPDU{segs: m.segs, h: m.h}
			rs := c.State.slot(reasmSlot).(*reasmState)
			if rs.frames != nil && payload.Src == 0 {
				d.refs = m.refs
				d.refs[len(d.refs)-1].len = uint32(take)
			} else if rs.kept+m.need <= maxKept {
				d.buf = append([]byte(nil), m.buf[:m.need]...)
				rs.kept += m.need
			}
			rec.done, rec.take = d, take
			pduBuf = m.buf[:m.need:m.need]
			for _, k := range m.frames {
				if r := st.deseg[k]; r != nil {
					r.reassembledIn = c.Frame.Number
				}
			}
			fwd.msp = nil
			off = take
		}
	}
	h, fn := c.tcpPDUHandle(server, sport, dport)
	if fn == nil {
		return rec.done != nil, pduBuf
	}
	for off < payload.Len() {
		rest := payload.Sub(off)
		c.pduScan = PDUScan{}
		n := fn(c, rest, &c.pduScan)
		if n == 0 {
			break
		}
		if n > 0 && n <= rest.Len() {
			off += n
			continue
		}
		if n == UntilFIN && fin {
			break // it ends here: dissect it as it is
		}
		// The PDU continues in later segments.
		rec.pendingFrom = off
		fwd.msp = &tcpMSP{start: seq + uint32(off), next: seq + uint32(payload.Len()), need: n, h: h, scan: c.pduScan,
			buf:    append(make([]byte, 0, min(max(n, rest.Len()), 1<<20)), rest.B...),
			segs:   []pduSeg{{c.Frame.Number, uint32(rest.Len())}},
			refs:   []pduRef{{c.Frame.Number, uint32(rest.Off), uint32(rest.Len())}},
			frames: []uint64{key}}
		break
	}
	return true, pduBuf
}

// tcpPDUPort returns the port whose dissector TCP would call (0 for none).
func tcpPDUPort(server, sport, dport uint16) uint16 {
	lo, hi := min(sport, dport), max(sport, dport)
	for _, p := range [3]uint16{server, lo, hi} {
		if _, ok := TCPPort.Get(uint64(p)); ok && p != 0 {
			return p
		}
	}
	return 0
}

// tcpPDUHandle returns the dissector TCP would call for these ports and its PDU-length function,
// if it has one.
func (c *Ctx) tcpPDUHandle(server, sport, dport uint16) (*Handle, PDULen) {
	lo, hi := sport, dport
	if lo > hi {
		lo, hi = hi, lo
	}
	for _, p := range [3]uint16{server, lo, hi} {
		if h := c.decodeAs(TCPPort, uint64(p)); h != nil && p != 0 {
			return h, pduLens[h]
		}
	}
	for _, p := range [3]uint16{server, lo, hi} {
		if p == 0 {
			continue
		}
		if h, ok := TCPPort.Get(uint64(p)); ok {
			return h, pduLens[h]
		}
	}
	return nil, nil
}

// callPDU calls h (or data) on one PDU, recovering from a malformed PDU as the port hand-off does.
// more says the PDU follows others of the same call to the protocol: frame.protocols names the
// protocol once for them (Wireshark's dissectors loop over the PDUs of the data they are given).
func (c *Ctx) callPDU(h *Handle, t Tvb, parent int32, server, sport, dport uint16, more bool) {
	if h == nil {
		c.decodePorts(TCPPort, t, parent, server, min(sport, dport), max(sport, dport))
		return
	}
	depth, ro := c.depth, c.Cols.readonly
	defer func() {
		if r := recover(); r != nil {
			c.recoverPanic(r, t)
			c.depth = depth
			c.Cols.readonly = ro
			c.MorePDU = false
		}
	}()
	c.MatchPort = uint32(server)
	if more && c.pduLayer > 0 && c.layerAt(c.pduLayer, h.Name) {
		c.MorePDU = true
		c.current = h.Name
		h.Fn(c, t, parent)
		c.MorePDU = false
		return
	}
	c.pduLayer = len(c.layers) + 1 // where h's name goes, after the ':'
	c.Call(h, t, parent)
}

// layerAt reports whether frame.protocols has the protocol name at byte i, whatever follows it
// (the layers a PDU's dissector called, which further PDUs of the same call don't repeat).
func (c *Ctx) layerAt(i int, name string) bool {
	l := c.layers
	if i < 1 || i+len(name) > len(l) || string(l[i:i+len(name)]) != name || l[i-1] != ':' {
		return false
	}
	return i+len(name) == len(l) || l[i+len(name)] == ':'
}

// tcpSegmentData adds "TCP segment data" for payload[o:o+n] and, when known, where its PDU is
// reassembled.
func (c *Ctx) tcpSegmentData(top int32, payload Tvb, o, n int, in uint32) {
	if n <= 0 {
		return
	}
	sd := c.AddBytes(top, hfTCPSegmentData, payload, o, n)
	c.Label(sd, "TCP segment data (%d byte%s)", n, plural(n))
	if in != 0 && in != c.Frame.Number && c.T.Wants(hfTCPReassembledIn) {
		c.generated(c.AddUintV(top, hfTCPReassembledIn, payload, 0, 0, uint64(in)))
	}
}

// tcpSegmentsTree adds "[N Reassembled TCP Segments (L bytes): #6(209), #8(25)]" and its items,
// over the reassembled data source rt.
func (c *Ctx) tcpSegmentsTree(parent int32, rt Tvb, d *tcpPDU) {
	tr := c.T
	if !tr.Wants(hfTCPSegments) && !tr.Wants(hfTCPSegment) && !tr.Wants(hfTCPSegmentCount) &&
		!tr.Wants(hfTCPReasmLength) && !tr.Wants(hfTCPReasmData) {
		return
	}
	top := c.segmentsTree(parent, hfTCPSegments, hfTCPSegment, "Reassembled TCP Segments", rt, d.segs)
	c.AddGenerated(top, hfTCPSegmentCount, rt, 0, 0, field.Value{U: uint64(len(d.segs))})
	c.AddGenerated(top, hfTCPReasmLength, rt, 0, 0, field.Value{U: uint64(rt.Len())})
	c.AddGenerated(top, hfTCPReasmData, rt, 0, rt.Len(), field.Value{B: rt.B})
}

// segmentsTree adds Wireshark's reassembly item "[N <what> (L bytes): #6(209), #8(25)]" (field hfTop)
// over the reassembled bytes rt, with an item of field hfSeg per part ("Frame: 6, payload: 0-208
// (209 bytes)"), and returns it for the caller's count and length items.
func (c *Ctx) segmentsTree(parent int32, hfTop, hfSeg field.ID, what string, rt Tvb, segs []pduSeg) int32 {
	top := c.AddGenerated(parent, hfTop, rt, 0, rt.Len(), field.Value{})
	if c.Visible() {
		b := make([]byte, 0, 64)
		b = strconv.AppendInt(b, int64(len(segs)), 10)
		b = append(b, ' ')
		b = append(b, what...)
		b = append(b, " ("...)
		b = strconv.AppendInt(b, int64(rt.Len()), 10)
		b = append(b, " bytes): "...)
		for i, s := range segs {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, '#')
			b = strconv.AppendUint(b, uint64(s.frame), 10)
			b = append(b, '(')
			b = strconv.AppendUint(b, uint64(s.n), 10)
			b = append(b, ')')
		}
		c.T.SetLabel(top, string(b))
	}
	pos := 0
	for _, s := range segs {
		n := c.AddGenerated(top, hfSeg, rt, pos, int(s.n), field.Value{U: uint64(s.frame)})
		c.Label(n, "Frame: %d, payload: %d-%d (%d byte%s)", s.frame, pos, pos+int(s.n)-1, s.n, plural(int(s.n)))
		pos += int(s.n)
	}
	return top
}
