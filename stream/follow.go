package stream

import (
	"bytes"
	"net/netip"
	"strconv"
)

// Endpoint is one side of a followed conversation: an IPv4 or IPv6 address and a port.
type Endpoint struct {
	Addr []byte // 4 or 16 bytes; nil before the first packet
	Port uint16
}

// String returns "10.0.0.1:80" or "[2001:db8::1]:80", as tshark's Node lines print it (":0" for an
// empty endpoint).
func (e Endpoint) String() string {
	a := ""
	switch len(e.Addr) {
	case 4:
		a = netip.AddrFrom4([4]byte(e.Addr)).String()
	case 16:
		a = "[" + netip.AddrFrom16([16]byte(e.Addr)).String() + "]"
	}
	return a + ":" + strconv.Itoa(int(e.Port))
}

// Follow is a followed conversation: its two nodes (node 0 is the side that sent the first packet,
// tshark's "client") and its data in the order tshark shows it.
type Follow struct {
	Nodes  [2]Endpoint
	Chunks []Chunk
	// Bytes counts the data bytes of each direction (gap markers excluded).
	Bytes [2]uint64
	// Pending counts, per direction, segments still waiting for a hole that never filled; tshark drops
	// them, Flush turns them into gaps and data.
	started bool
}

// dir returns the direction of a packet from src:sport, setting the nodes on the first packet.
func (f *Follow) dir(src, dst []byte, sport, dport uint16) uint8 {
	if !f.started {
		f.started = true
		f.Nodes[0] = Endpoint{Addr: append([]byte(nil), src...), Port: sport}
		f.Nodes[1] = Endpoint{Addr: append([]byte(nil), dst...), Port: dport}
	}
	if bytes.Equal(f.Nodes[0].Addr, src) && f.Nodes[0].Port == sport {
		return 0
	}
	return 1
}

// UDPFollower follows a UDP conversation: every datagram is a chunk, as tshark's follow_udp tap.
type UDPFollower struct{ Follow }

// Add records one datagram from src:sport to dst:dport whose payload is data.
func (f *UDPFollower) Add(src, dst []byte, sport, dport uint16, data Ref) {
	d := f.dir(src, dst, sport, dport)
	f.Chunks = append(f.Chunks, Chunk{Dir: d, Data: data})
	f.Bytes[d] += uint64(data.Len)
}

// TCPFollower follows a TCP conversation with the algorithm of tshark 4.0's follow_tcp tap: data in
// sequence order per direction, the first sight of a byte wins, segments ahead of a hole wait until the
// hole fills, and a hole the other side acknowledges becomes a "[N bytes missing in capture file]"
// marker. Chunks are cut where tshark cuts them, so the text output is identical.
type TCPFollower struct {
	Follow
	seq   [2]uint32
	frags [2][]Chunk
}

// Add records one TCP segment from src:sport to dst:dport. Every segment of the conversation must be
// added in capture order, with or without payload: acknowledgments reveal holes.
func (f *TCPFollower) Add(src, dst []byte, sport, dport uint16, s Segment) {
	seq := s.Seq
	if s.Flags&FlagSYN != 0 {
		seq++
	}
	length := s.Len
	dataOff, dataLen := uint32(0), s.Data.Len
	d := f.dir(src, dst, sport, dport)
	if len(f.frags[1-d]) > 0 {
		for f.check(1-d, s.Ack, s.Frame, true) {
		}
	}
	if f.Bytes[d] == 0 && f.seq[d] == 0 {
		f.seq[d] = seq
	}
	if seqLT(seq, f.seq[d]) {
		next := seq + length
		if seqGT(next, f.seq[d]) {
			// a retransmission with more data: keep only what was not seen
			dataOff = f.seq[d] - seq
			if dataLen <= dataOff {
				dataLen = 0
			} else {
				dataLen -= dataOff
			}
			seq = f.seq[d]
			length = next - f.seq[d]
		}
	}
	if dataLen == 0 || seqLT(seq, f.seq[d]) {
		return
	}
	c := Chunk{Dir: d, Seq: seq, Data: Ref{Frame: s.Data.Frame, Off: s.Data.Off + dataOff, Len: dataLen}}
	if seq == f.seq[d] {
		f.seq[d] += length
		f.Bytes[d] += uint64(dataLen)
		f.Chunks = append(f.Chunks, c)
		for f.check(d, 0, s.Frame, false) {
		}
		return
	}
	f.frags[d] = append(f.frags[d], c) // out of order: wait for the hole to fill
}

// check moves one waiting segment of direction d into the stream if it now fits (tshark's
// check_follow_fragments); with useAck, an acknowledgment beyond the lowest waiting segment turns the
// hole before it into a marker. It reports whether anything changed.
func (f *TCPFollower) check(d uint8, ack, frame uint32, useAck bool) bool {
	fr := f.frags[d]
	if len(fr) == 0 {
		return false
	}
	lowest := fr[0].Seq
	for i, g := range fr {
		if seqGT(lowest, g.Seq) {
			lowest = g.Seq
		}
		if seqLT(g.Seq, f.seq[d]) {
			next := g.Seq + g.Data.Len
			if seqGT(next, f.seq[d]) {
				pos := f.seq[d] - g.Seq
				if g.Data.Len > pos {
					n := g.Data.Len - pos
					f.Chunks = append(f.Chunks, Chunk{Dir: d, Seq: f.seq[d],
						Data: Ref{Frame: g.Data.Frame, Off: g.Data.Off + pos, Len: n}})
					f.Bytes[d] += uint64(n)
				}
				f.seq[d] += g.Data.Len - pos
			}
			f.frags[d] = append(fr[:i], fr[i+1:]...)
			return true
		}
		if g.Seq == f.seq[d] {
			if g.Data.Len > 0 {
				f.Chunks = append(f.Chunks, g)
				f.Bytes[d] += uint64(g.Data.Len)
			}
			f.seq[d] += g.Data.Len
			f.frags[d] = append(fr[:i], fr[i+1:]...)
			return true
		}
	}
	if useAck && seqGT(ack, lowest) {
		f.Chunks = append(f.Chunks, Chunk{Dir: d, Seq: f.seq[d], Missing: lowest - f.seq[d], Marker: true,
			Data: Ref{Frame: frame}})
		f.seq[d] = lowest
		return true
	}
	return false
}

// Flush ends the conversation for a viewer: segments still waiting behind a hole are placed after a
// gap chunk (a gap is shown, never invented). tshark drops them; its text output is made before Flush.
func (f *TCPFollower) Flush() {
	for d := uint8(0); d < 2; d++ {
		for len(f.frags[d]) > 0 {
			if f.check(d, 0, 0, false) {
				continue
			}
			lowest := f.frags[d][0].Seq
			for _, g := range f.frags[d] {
				if seqLT(g.Seq, lowest) {
					lowest = g.Seq
				}
			}
			f.Chunks = append(f.Chunks, Chunk{Dir: d, Seq: f.seq[d], Missing: lowest - f.seq[d],
				Data: Ref{Frame: f.frags[d][0].Data.Frame}})
			f.seq[d] = lowest
		}
	}
}

// MarkerText returns tshark's text for a gap marker, NUL included.
func MarkerText(missing uint32) []byte {
	b := append([]byte("["), strconv.Itoa(int(int32(missing)))...)
	return append(b, " bytes missing in capture file]\x00"...)
}

// ChunkBytes returns the bytes a chunk shows: its data, or tshark's marker text for a marker gap, or
// nil for a plain gap.
func ChunkBytes(c Chunk, src ByteSource) []byte {
	if c.Marker {
		return MarkerText(c.Missing)
	}
	if c.Missing > 0 {
		return nil
	}
	return c.Data.Slice(src)
}
