package gen

import "encoding/binary"

// Frame kinds.
const (
	kTCP uint8 = iota
	kUDP
	kICMP
	kICMP6
	kARP
)

// TCP flags.
const (
	thFIN = 0x01
	thSYN = 0x02
	thRST = 0x04
	thPSH = 0x08
	thACK = 0x10
)

// TCP option layouts.
const (
	optNone uint8 = iota
	optSYN        // MSS, SACK permitted, timestamps, NOP, window scale (Linux order)
	optTS         // NOP, NOP, timestamps
	optSACK       // NOP, NOP, timestamps, NOP, NOP, SACK with one block
)

// ARP operations (stored in frame.flags).
const (
	arpRequest = 1
	arpReply   = 2
)

// endpoints describes the two ends of a session; index 0 is the client
// (initiator), index 1 the server (responder).
type endpoints struct {
	v6    bool
	vlan  uint16 // 802.1Q VID, 0 = untagged
	mac   [2][6]byte
	ip4   [2][4]byte
	ip6   [2][16]byte
	port  [2]uint16
	ttl   [2]uint8
	flow  uint32 // IPv6 flow label of the session
	mss   uint16 // advertised MSS
	wscal [2]uint8
}

// frame is one packet of a session's script; bytes are produced at emission.
type frame struct {
	t        int64 // ns since capture start
	data     []byte
	seq, ack uint32
	sack     [2]uint32
	rest     uint32 // ICMP rest-of-header (id/seq)
	win      uint16
	ipid     uint16
	kind     uint8
	dir      uint8 // sender: 0 client, 1 server
	flags    uint8 // TCP flags, ARP op
	opt      uint8
	icmpType uint8
	icmpCode uint8
}

var broadcast = [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}

// appendFrame appends the Ethernet frame for f to b.
func appendFrame(b []byte, s *session, f *frame) []byte {
	ep := &s.ep
	sd, dd := f.dir, f.dir^1
	start := len(b)
	if f.kind == kARP && f.flags == arpRequest {
		b = append(b, broadcast[:]...)
	} else {
		b = append(b, ep.mac[dd][:]...)
	}
	b = append(b, ep.mac[sd][:]...)
	if ep.vlan != 0 {
		b = append(b, 0x81, 0x00, byte(ep.vlan>>8), byte(ep.vlan))
	}
	switch {
	case f.kind == kARP:
		b = append(b, 0x08, 0x06)
		b = appendARP(b, s, f)
	case ep.v6:
		b = append(b, 0x86, 0xdd)
		b = appendIP(b, s, f)
	default:
		b = append(b, 0x08, 0x00)
		b = appendIP(b, s, f)
	}
	// Frames arriving from the wire are padded to the Ethernet minimum;
	// frames sent by the capturing host (servers, dir 1) are not.
	if f.dir == 0 {
		for len(b)-start < 60 {
			b = append(b, 0)
		}
	}
	return b
}

func appendARP(b []byte, s *session, f *frame) []byte {
	ep := &s.ep
	sd, dd := f.dir, f.dir^1
	b = append(b, 0, 1, 8, 0, 6, 4, 0, f.flags)
	b = append(b, ep.mac[sd][:]...)
	b = append(b, ep.ip4[sd][:]...)
	if f.flags == arpRequest {
		b = append(b, 0, 0, 0, 0, 0, 0)
	} else {
		b = append(b, ep.mac[dd][:]...)
	}
	return append(b, ep.ip4[dd][:]...)
}

var zeros [64]byte

// appendIP appends the IP datagram (header, transport header, payload) for f.
func appendIP(b []byte, s *session, f *frame) []byte {
	ep := &s.ep
	sd, dd := f.dir, f.dir^1
	be := binary.BigEndian
	ipStart := len(b)
	var proto byte
	switch f.kind {
	case kTCP:
		proto = 6
	case kUDP:
		proto = 17
	case kICMP:
		proto = 1
	case kICMP6:
		proto = 58
	}
	var sum uint64 // pseudo-header sum
	if ep.v6 {
		b = append(b, zeros[:40]...)
		h := b[ipStart:]
		be.PutUint32(h[0:], 6<<28|ep.flow)
		h[6] = proto
		h[7] = ep.ttl[sd]
		copy(h[8:24], ep.ip6[sd][:])
		copy(h[24:40], ep.ip6[dd][:])
		sum = csumAdd(0, h[8:40])
		sum += uint64(proto)
	} else {
		b = append(b, zeros[:20]...)
		h := b[ipStart:]
		h[0] = 0x45
		be.PutUint16(h[4:], f.ipid)
		if f.kind != kUDP {
			h[6] = 0x40 // DF
		}
		h[8] = ep.ttl[sd]
		h[9] = proto
		copy(h[12:16], ep.ip4[sd][:])
		copy(h[16:20], ep.ip4[dd][:])
		sum = csumAdd(0, h[12:20])
		sum += uint64(proto)
	}
	l4 := len(b)
	switch f.kind {
	case kTCP:
		b = appendTCP(b, s, f)
	case kUDP:
		b = append(b, zeros[:8]...)
		h := b[l4:]
		be.PutUint16(h[0:], ep.port[sd])
		be.PutUint16(h[2:], ep.port[dd])
		be.PutUint16(h[4:], uint16(8+len(f.data)))
		b = append(b, f.data...)
	case kICMP, kICMP6:
		b = append(b, f.icmpType, f.icmpCode, 0, 0, 0, 0, 0, 0)
		be.PutUint32(b[l4+4:], f.rest)
		b = append(b, f.data...)
	}
	l4len := len(b) - l4
	if ep.v6 {
		be.PutUint16(b[ipStart+4:], uint16(l4len))
	} else {
		be.PutUint16(b[ipStart+2:], uint16(20+l4len))
		be.PutUint16(b[ipStart+10:], csumFold(csumAdd(0, b[ipStart:ipStart+20])))
	}
	seg := b[l4:]
	switch f.kind {
	case kTCP:
		c := csumFold(csumAdd(sum+uint64(l4len), seg))
		be.PutUint16(seg[16:], c)
	case kUDP:
		c := csumFold(csumAdd(sum+uint64(l4len), seg))
		if c == 0 {
			c = 0xffff
		}
		be.PutUint16(seg[6:], c)
	case kICMP:
		be.PutUint16(seg[2:], csumFold(csumAdd(0, seg)))
	case kICMP6:
		be.PutUint16(seg[2:], csumFold(csumAdd(sum+uint64(l4len), seg)))
	}
	return b
}

func appendTCP(b []byte, s *session, f *frame) []byte {
	ep := &s.ep
	sd, dd := f.dir, f.dir^1
	be := binary.BigEndian
	h0 := len(b)
	b = append(b, zeros[:20]...)
	h := b[h0:]
	be.PutUint16(h[0:], ep.port[sd])
	be.PutUint16(h[2:], ep.port[dd])
	be.PutUint32(h[4:], f.seq)
	if f.flags&thACK != 0 {
		be.PutUint32(h[8:], f.ack)
	}
	h[13] = f.flags
	be.PutUint16(h[14:], f.win)
	// Timestamps: a 1 ms clock per host with a random origin; the echo
	// reply is the last value the peer sent.
	tsval := s.tsOff[sd] + uint32(f.t/1e6)
	tsecr := s.tsLast[dd]
	switch f.opt {
	case optSYN:
		b = append(b, 2, 4, byte(ep.mss>>8), byte(ep.mss), 4, 2, 8, 10)
		b = be.AppendUint32(b, tsval)
		b = be.AppendUint32(b, tsecr)
		b = append(b, 1, 3, 3, ep.wscal[sd])
	case optTS, optSACK:
		b = append(b, 1, 1, 8, 10)
		b = be.AppendUint32(b, tsval)
		b = be.AppendUint32(b, tsecr)
		if f.opt == optSACK {
			b = append(b, 1, 1, 5, 10)
			b = be.AppendUint32(b, f.sack[0])
			b = be.AppendUint32(b, f.sack[1])
		}
	}
	if f.opt != optNone {
		s.tsLast[sd] = tsval
	}
	b[h0+12] = byte((len(b)-h0)/4) << 4
	return append(b, f.data...)
}

// csumAdd adds b to a ones'-complement sum; b must have even length unless
// it is the last piece.
func csumAdd(sum uint64, b []byte) uint64 {
	be := binary.BigEndian
	for len(b) >= 8 {
		sum += uint64(be.Uint32(b)) + uint64(be.Uint32(b[4:]))
		b = b[8:]
	}
	for len(b) >= 2 {
		sum += uint64(be.Uint16(b))
		b = b[2:]
	}
	if len(b) == 1 {
		sum += uint64(b[0]) << 8
	}
	return sum
}

func csumFold(sum uint64) uint16 {
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}
