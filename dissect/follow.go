package dissect

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/stream"
)

// Follow Stream: the TCP and UDP segments of a dissected frame as stream.Segment references, read
// from the tree, and tshark's "-z follow" tap built on them.

// FollowPacket is one TCP segment or UDP datagram found in a tree.
type FollowPacket struct {
	Proto            uint8 // 6 TCP, 17 UDP
	Stream           uint32
	Src, Dst         []byte // network addresses (views into the frame)
	SrcPort, DstPort uint16
	Seg              stream.Segment // Data.Off is the payload's offset in data source DataSrc
	// DataSrc is the tree's data source holding the payload: 0 for the frame, else a reassembled
	// buffer (an IP datagram rebuilt from fragments), whose bytes a frame reference cannot reach.
	DataSrc uint8
}

// FollowFields lists the fields FollowPackets reads; a pruned tree must want them.
func FollowFields() []field.ID {
	return []field.ID{hfIPSrc, hfIPDst, hfIPv6Src, hfIPv6Dst,
		hfTCPSrcPort, hfTCPDstPort, hfTCPStream, hfTCPSeq, hfTCPAck, hfTCPFlags, hfTCPLen, hfTCPHdrLen,
		hfUDPSrcPort, hfUDPDstPort, hfUDPStream, hfUDPLength}
}

// FollowPackets calls fn for every TCP segment and UDP datagram of frame number frame in tree t, in
// tree order. Segments quoted inside ICMP errors are left out.
func FollowPackets(t *field.Tree, frame uint32, fn func(*FollowPacket)) {
	var fp FollowPacket
	for i := int32(1); i < int32(len(t.Nodes)); i++ {
		n := &t.Nodes[i]
		if n.Field != protoTCP && n.Field != protoUDP || int(n.Src) >= len(t.Sources) {
			continue
		}
		fp = FollowPacket{DataSrc: n.Src}
		if !followAddrs(t, i, &fp) {
			continue
		}
		srcLen := len(t.Sources[n.Src].Bytes)
		if n.Field == protoTCP {
			fp.Proto = 6
			var hlen uint32
			haveLen := false
			for k := n.Child; k >= 0; k = t.Nodes[k].Next {
				c := &t.Nodes[k]
				switch c.Field {
				case hfTCPStream:
					fp.Stream = uint32(c.Value.U)
				case hfTCPSeq:
					fp.Seg.Seq = uint32(c.Value.U)
				case hfTCPAck:
					fp.Seg.Ack = uint32(c.Value.U)
				case hfTCPFlags:
					fp.Seg.Flags = uint8(c.Value.U)
				case hfTCPLen:
					fp.Seg.Len, haveLen = uint32(c.Value.U), true
				case hfTCPHdrLen:
					hlen = uint32(c.Value.U)
				}
			}
			if !haveLen {
				continue // quoted in an ICMP error, or a bogus header
			}
			off := uint32(n.Off) + hlen
			dl := fp.Seg.Len
			if int(off) > srcLen {
				dl = 0
			} else if int(off+dl) > srcLen {
				dl = uint32(srcLen) - off
			}
			fp.Seg.Data = stream.Ref{Frame: frame, Off: off, Len: dl}
		} else {
			fp.Proto = 17
			ulen := -1
			for k := n.Child; k >= 0; k = t.Nodes[k].Next {
				c := &t.Nodes[k]
				switch c.Field {
				case hfUDPStream:
					fp.Stream = uint32(c.Value.U)
				case hfUDPLength:
					ulen = int(c.Value.U)
				}
			}
			if ulen <= 8 {
				continue // tshark's follow_udp tap sees only datagrams with a payload
			}
			off := int(n.Off) + 8
			dl := ulen - 8
			if off > srcLen {
				dl = 0
			} else if off+dl > srcLen {
				dl = srcLen - off
			}
			fp.Seg.Data = stream.Ref{Frame: frame, Off: uint32(off), Len: uint32(dl)}
			fp.Seg.Len = uint32(dl)
		}
		fp.Seg.Frame = frame
		fn(&fp)
	}
}

// followAddrs sets the addresses and ports tshark's follow taps see: those its packet info holds
// when the frame's dissection ends, the innermost top-level IP header's addresses and the innermost
// top-level transport header's ports (a VXLAN or GRE payload overrides the outer ones). A transport
// node quoted inside an ICMP error is not followed.
func followAddrs(t *field.Tree, i int32, fp *FollowPacket) bool {
	if t.Nodes[i].Parent != field.Root {
		return false
	}
	var ports int32 = -1
	for k := t.Nodes[field.Root].Child; k >= 0; k = t.Nodes[k].Next {
		switch t.Nodes[k].Field {
		case protoIP, protoIPv6:
			for j := t.Nodes[k].Child; j >= 0; j = t.Nodes[j].Next {
				switch t.Nodes[j].Field {
				case hfIPSrc, hfIPv6Src:
					fp.Src = t.Nodes[j].Value.B
				case hfIPDst, hfIPv6Dst:
					fp.Dst = t.Nodes[j].Value.B
				}
			}
		case protoTCP, protoUDP:
			ports = k
		}
	}
	for j := t.Nodes[ports].Child; ports >= 0 && j >= 0; j = t.Nodes[j].Next {
		switch t.Nodes[j].Field {
		case hfTCPSrcPort, hfUDPSrcPort:
			fp.SrcPort = uint16(t.Nodes[j].Value.U)
		case hfTCPDstPort, hfUDPDstPort:
			fp.DstPort = uint16(t.Nodes[j].Value.U)
		}
	}
	return fp.Src != nil && fp.Dst != nil
}

// FollowSpec is a parsed "-z follow,PROTO,MODE,SELECTOR[,RANGE]" argument.
type FollowSpec struct {
	Proto  string // "tcp" or "udp"
	Mode   stream.Mode
	Stream int // -1 when the stream is chosen by addresses
	// Addrs and Ports select the conversation by its endpoints when Stream is -1.
	Addrs              [2]netip.Addr
	Ports              [2]uint16
	ChunkMin, ChunkMax int
}

// Filter returns tshark's text for the report's Filter line.
func (s *FollowSpec) Filter() string {
	if s.Stream >= 0 {
		return s.Proto + ".stream eq " + strconv.Itoa(s.Stream)
	}
	v := ""
	if s.Addrs[0].Is6() {
		v = "v6"
	}
	a, b := s.Addrs[0].String(), s.Addrs[1].String()
	pa, pb := int(s.Ports[0]), int(s.Ports[1])
	return fmt.Sprintf("((ip%s.src eq %s and %s.srcport eq %d) and (ip%s.dst eq %s and %s.dstport eq %d))"+
		" or ((ip%s.src eq %s and %s.srcport eq %d) and (ip%s.dst eq %s and %s.dstport eq %d))",
		v, a, s.Proto, pa, v, b, s.Proto, pb, v, b, s.Proto, pb, v, a, s.Proto, pa)
}

// Matches reports whether a packet belongs to the followed conversation.
func (s *FollowSpec) Matches(fp *FollowPacket) bool {
	if (s.Proto == "tcp") != (fp.Proto == 6) {
		return false
	}
	if s.Stream >= 0 {
		return fp.Stream == uint32(s.Stream)
	}
	src, ok1 := netip.AddrFromSlice(fp.Src)
	dst, ok2 := netip.AddrFromSlice(fp.Dst)
	if !ok1 || !ok2 {
		return false
	}
	fwd := src == s.Addrs[0] && fp.SrcPort == s.Ports[0] && dst == s.Addrs[1] && fp.DstPort == s.Ports[1]
	rev := src == s.Addrs[1] && fp.SrcPort == s.Ports[1] && dst == s.Addrs[0] && fp.DstPort == s.Ports[0]
	return fwd || rev
}

// ParseFollowSpec parses the text after "-z " ("follow,tcp,ascii,0", "follow,udp,hex,10.0.0.1:53,
// 10.0.0.2:4000", "follow,tcp,raw,3,1-5"), with tshark's error messages.
func ParseFollowSpec(arg string) (*FollowSpec, error) {
	parts := strings.Split(arg, ",")
	if len(parts) < 3 || parts[0] != "follow" || (parts[1] != "tcp" && parts[1] != "udp") {
		return nil, fmt.Errorf("invalid -z argument \"%s\"", arg)
	}
	s := &FollowSpec{Proto: parts[1], Stream: -1}
	m, ok := stream.ParseMode(parts[2])
	if !ok || m > stream.Raw {
		return nil, errors.New("follow - Invalid display mode.")
	}
	s.Mode = m
	rest := parts[3:]
	if len(rest) == 0 {
		return nil, errors.New("follow - Invalid filter.")
	}
	if n, err := strconv.Atoi(rest[0]); err == nil && n >= 0 {
		s.Stream = n
		rest = rest[1:]
	} else {
		if len(rest) < 2 {
			return nil, errors.New("follow - Invalid filter.")
		}
		for i := 0; i < 2; i++ {
			ap, err := parseAddrPort(rest[i])
			if err != nil {
				return nil, err
			}
			s.Addrs[i], s.Ports[i] = ap.Addr(), ap.Port()
		}
		if s.Addrs[0].Is4() != s.Addrs[1].Is4() {
			return nil, errors.New("follow - Mismatched IP address types.")
		}
		rest = rest[2:]
	}
	if len(rest) > 0 {
		lo, hi, dash := strings.Cut(rest[0], "-")
		a, err1 := strconv.Atoi(lo)
		b := a
		var err2 error
		if dash {
			b, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || a <= 0 || b < a {
			return nil, errors.New("follow - Invalid range.")
		}
		s.ChunkMin, s.ChunkMax = a, b
		rest = rest[1:]
	}
	if len(rest) > 0 {
		return nil, errors.New("follow - Invalid argument.")
	}
	return s, nil
}

func parseAddrPort(s string) (netip.AddrPort, error) {
	host, port, ok := strings.Cut(s, "]:")
	if ok && strings.HasPrefix(host, "[") {
		host = host[1:]
	} else if i := strings.LastIndexByte(s, ':'); i > 0 {
		host, port = s[:i], s[i+1:]
	} else {
		return netip.AddrPort{}, errors.New("follow - Invalid filter.")
	}
	p, err := strconv.Atoi(port)
	if err != nil || p <= 0 || p > 65535 {
		return netip.AddrPort{}, errors.New("follow - Invalid port.")
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.AddrPort{}, errors.New("follow - Can't get IP address")
	}
	return netip.AddrPortFrom(a.Unmap(), uint16(p)), nil
}

// FollowTap is tshark's "-z follow" report: it follows one conversation through a one-pass run,
// copying only that conversation's payloads, and prints tshark's text at the end. Its method set is
// batch.Tap's.
type FollowTap struct {
	Spec *FollowSpec
	tcp  stream.TCPFollower
	udp  stream.UDPFollower
	src  stream.MapSource
}

// NewFollowTap makes the report for a "-z follow,..." argument.
func NewFollowTap(arg string) (*FollowTap, error) {
	s, err := ParseFollowSpec(arg)
	if err != nil {
		return nil, err
	}
	return &FollowTap{Spec: s, src: stream.MapSource{}}, nil
}

// Fields lists the fields the tap reads.
func (f *FollowTap) Fields() []field.ID { return FollowFields() }

// OnePass says the tap reads nothing but its fields and the frame's bytes (batch.OnePassTap): a run
// that only follows TCP or UDP streams keeps tshark's lean single pass.
func (f *FollowTap) OnePass() bool { return true }

// Packet follows the frame just dissected.
func (f *FollowTap) Packet(c *Ctx, t *field.Tree, displayed bool) {
	FollowPackets(t, c.Frame.Number, func(fp *FollowPacket) {
		if !f.Spec.Matches(fp) {
			return
		}
		seg := fp.Seg
		if seg.Data.Len > 0 { // keep a copy: a one-pass reader reuses its buffers
			kept := f.src[seg.Data.Frame]
			data := t.Sources[fp.DataSrc].Bytes[seg.Data.Off : seg.Data.Off+seg.Data.Len]
			seg.Data.Off = uint32(len(kept))
			f.src[seg.Data.Frame] = append(kept, data...)
		}
		if fp.Proto == 6 {
			f.tcp.Add(fp.Src, fp.Dst, fp.SrcPort, fp.DstPort, seg)
		} else {
			f.udp.Add(fp.Src, fp.Dst, fp.SrcPort, fp.DstPort, seg.Data)
		}
	})
}

// Finish prints the report.
func (f *FollowTap) Finish(w io.Writer) error {
	r := stream.Report{Proto: f.Spec.Proto, Mode: f.Spec.Mode, Filter: f.Spec.Filter(),
		ChunkMin: f.Spec.ChunkMin, ChunkMax: f.Spec.ChunkMax, Follow: &f.tcp.Follow}
	if f.Spec.Proto == "udp" {
		r.Follow = &f.udp.Follow
	}
	_, err := w.Write(r.AppendTshark(nil, f.src))
	return err
}

// StreamFrames returns the frames of stream n of proto ("tcp" or "udp") that the first pass has seen,
// in order. It reads the per-frame records of the first pass (no re-dissection).
func StreamFrames(st *State, proto string, n uint32) []uint32 {
	st.mu.RLock()
	defer st.mu.RUnlock()
	var out []uint32
	switch proto {
	case "tcp":
		ts := st.slot(tcpSlot).(*tcpState)
		for f, r := range ts.frames.all() {
			if r.stream == n {
				out = append(out, f)
			}
		}
	case "udp":
		us := st.slot(udpSlot).(*udpState)
		for f, r := range us.frames.all() {
			if r.stream == n {
				out = append(out, f)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// StreamCount returns how many streams of proto the first pass has numbered.
func StreamCount(st *State, proto string) int {
	st.mu.RLock()
	defer st.mu.RUnlock()
	if proto == "udp" {
		return len(st.slot(udpSlot).(*udpState).streams)
	}
	return len(st.slot(tcpSlot).(*tcpState).streams)
}
