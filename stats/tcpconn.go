package stats

import (
	"net/netip"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Outcome classifies a TCP connection attempt.
type Outcome uint8

// Connection attempt outcomes.
const (
	// Open: established and still open at the end of the capture.
	Open Outcome = iota
	// Closed: established, then closed with FIN.
	Closed
	// Reset: established, then reset.
	Reset
	// Refused: the SYN was answered by a RST (nothing listens, or a firewall rejects).
	Refused
	// Unanswered: no answer at all; retransmitted SYNs mean a firewall probably drops them.
	Unanswered
	// Unreachable: an ICMP destination-unreachable quoted the SYN.
	Unreachable
	numOutcomes
)

var outcomeNames = [...]string{"established", "closed", "reset", "refused", "unanswered", "icmp-unreachable"}

// String names the outcome as the reports print it.
func (o Outcome) String() string { return outcomeNames[o] }

// Established reports whether the handshake completed.
func (o Outcome) Established() bool { return o <= Reset }

// Attempt is one TCP connection attempt: a client's SYN to a server and what followed.
type Attempt struct {
	Stream       int64
	Client       netip.AddrPort
	Server       netip.AddrPort
	SYNs         int // SYNs sent (more than one: retransmitted)
	SYNAck       uint32
	First, Last  int64 // absolute times, ns since the epoch
	Bytes        uint64
	Frames       uint64
	Outcome      Outcome
	OutcomeFrame uint32   // the frame that decided the outcome (RST, FIN, ICMP), 0 if none
	FrameList    []uint32 // handshake frames: SYNs, the answer, the closing frame
	fin          bool
}

// tracker follows TCP connection attempts through a capture.
type tracker struct {
	byStream map[int64]*Attempt
	byTuple  map[[2]netip.AddrPort]*Attempt // client, server -> latest attempt (for ICMP errors)
	list     []*Attempt
}

func newTracker() *tracker {
	return &tracker{byStream: map[int64]*Attempt{}, byTuple: map[[2]netip.AddrPort]*Attempt{}}
}

// trackerFields are the fields the tracker reads.
func trackerFields() []field.ID {
	return []field.ID{ids.ip, ids.ipSrc, ids.ipDst, ids.ipv6, ids.ipv6Src, ids.ipv6Dst, ids.tcp, ids.tcpSrc,
		ids.tcpDst, ids.tcpStream, ids.tcpFlags, ids.icmp, ids.icmpType, ids.icmpv6, ids.icmpv6Type}
}

func addrPort(b []byte, port uint64) netip.AddrPort {
	a, _ := netip.AddrFromSlice(b)
	return netip.AddrPortFrom(a, uint16(port))
}

const (
	flagFIN = 0x01
	flagSYN = 0x02
	flagRST = 0x04
	flagACK = 0x10
)

// packet updates the attempts with one frame.
func (tk *tracker) packet(c *dissect.Ctx, t *field.Tree) {
	fi := c.Frame
	var netSrc, netDst []byte
	icmpErr := false
	for i := int32(1); i < int32(len(t.Nodes)); i++ {
		n := &t.Nodes[i]
		switch n.Field {
		case ids.icmp, ids.icmpv6:
			ty := child(t, i, ids.icmpType)
			if n.Field == ids.icmpv6 {
				ty = child(t, i, ids.icmpv6Type)
			}
			if ty != nil && ((n.Field == ids.icmp && ty.Value.U == 3) || (n.Field == ids.icmpv6 && ty.Value.U == 1)) {
				icmpErr = true
			}
		case ids.ip, ids.ipv6:
			sid, did := ids.ipSrc, ids.ipDst
			if n.Field == ids.ipv6 {
				sid, did = ids.ipv6Src, ids.ipv6Dst
			}
			if s, d := child(t, i, sid), child(t, i, did); s != nil && d != nil {
				netSrc, netDst = s.Value.B, d.Value.B
			}
		case ids.tcp:
			s, d, fl := child(t, i, ids.tcpSrc), child(t, i, ids.tcpDst), child(t, i, ids.tcpFlags)
			if s == nil || d == nil || fl == nil || netSrc == nil {
				continue
			}
			src, dst := addrPort(netSrc, s.Value.U), addrPort(netDst, d.Value.U)
			if icmpErr && inError(t, i) {
				// an ICMP error quoting our client's segment: the attempt is unreachable
				if a := tk.byTuple[[2]netip.AddrPort{src, dst}]; a != nil && !a.Outcome.Established() && a.SYNAck == 0 {
					a.Outcome, a.OutcomeFrame = Unreachable, fi.Number
					a.FrameList = append(a.FrameList, fi.Number)
					a.Last = fi.TS
				}
				return
			}
			st := int64(-1)
			if x := child(t, i, ids.tcpStream); x != nil {
				st = int64(x.Value.U)
			}
			tk.segment(fi, st, src, dst, fl.Value.U)
			return
		}
	}
}

func (tk *tracker) segment(fi *dissect.FrameInfo, stream int64, src, dst netip.AddrPort, flags uint64) {
	a := tk.byStream[stream]
	syn := flags&flagSYN != 0 && flags&flagACK == 0
	if a == nil || (syn && a.SYNAck != 0 && (a.fin || a.Outcome == Reset || a.Outcome == Refused) && src == a.Client) {
		if !syn {
			return // no handshake seen: not an attempt we can judge
		}
		a = &Attempt{Stream: stream, Client: src, Server: dst, First: fi.TS, Outcome: Unanswered}
		tk.byStream[stream] = a
		tk.byTuple[[2]netip.AddrPort{src, dst}] = a
		tk.list = append(tk.list, a)
	}
	a.Last = fi.TS
	a.Frames++
	a.Bytes += uint64(fi.Len)
	fromClient := src == a.Client && dst == a.Server
	switch {
	case syn && fromClient:
		a.SYNs++
		a.FrameList = append(a.FrameList, fi.Number)
	case flags&(flagSYN|flagACK) == flagSYN|flagACK && !fromClient:
		if a.SYNAck == 0 {
			a.SYNAck = fi.Number
			a.FrameList = append(a.FrameList, fi.Number)
			if a.Outcome == Unanswered || a.Outcome == Unreachable {
				a.Outcome, a.OutcomeFrame = Open, 0
			}
		}
	case flags&flagRST != 0:
		if a.SYNAck == 0 {
			if !fromClient && a.Outcome == Unanswered {
				a.Outcome, a.OutcomeFrame = Refused, fi.Number
				a.FrameList = append(a.FrameList, fi.Number)
			}
		} else if a.Outcome == Open || a.Outcome == Closed {
			a.Outcome, a.OutcomeFrame = Reset, fi.Number
			a.FrameList = append(a.FrameList, fi.Number)
		}
	case flags&flagFIN != 0:
		if a.SYNAck != 0 && a.Outcome == Open {
			a.Outcome, a.OutcomeFrame, a.fin = Closed, fi.Number, true
			a.FrameList = append(a.FrameList, fi.Number)
		}
	}
}
