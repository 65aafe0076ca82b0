package stats

import (
	"bufio"
	"fmt"
	"io"
	"net/netip"
	"strconv"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Kind is the layer a conversation or endpoint table is about.
type Kind uint8

// Table kinds, as tshark's -z conv,TYPE names them.
const (
	KindEth Kind = iota
	KindIPv4
	KindIPv6
	KindTCP
	KindUDP
)

var kindNames = map[string]Kind{"eth": KindEth, "ip": KindIPv4, "ipv6": KindIPv6, "tcp": KindTCP, "udp": KindUDP}

// Title is the table's heading word as tshark prints it ("IPv4", "TCP").
func (k Kind) Title() string {
	return [...]string{"Ethernet", "IPv4", "IPv6", "TCP", "UDP"}[k]
}

// HasPorts reports whether the kind's endpoints carry ports.
func (k Kind) HasPorts() bool { return k == KindTCP || k == KindUDP }

// Conversation is one row of a conversation table: traffic between A (the source of its first
// frame) and B.
type Conversation struct {
	AddrA, AddrB []byte
	PortA, PortB uint16
	// Stream is tcp.stream or udp.stream (-1 for other kinds).
	Stream int64
	// AB counts frames sent by A (tshark's "->" column), BA those sent by B ("<-").
	FramesAB, FramesBA uint64
	BytesAB, BytesBA   uint64
	// Start and Stop are the first and last frame times relative to the capture's first frame (ns).
	Start, Stop int64
	// FirstFrame is the number of the conversation's first frame.
	FirstFrame uint32
}

// Endpoint is one row of an endpoint table.
type Endpoint struct {
	Addr               []byte
	Port               uint16
	TxFrames, RxFrames uint64
	TxBytes, RxBytes   uint64
}

// hop is one occurrence of the table's layer in a frame.
type hop struct {
	src, dst     []byte
	sport, dport uint16
	stream       int64
}

// hops appends the occurrences of layer k in tree t, skipping headers quoted by ICMP errors.
func hops(t *field.Tree, k Kind, out []hop) []hop {
	var netSrc, netDst []byte
	for i := int32(1); i < int32(len(t.Nodes)); i++ {
		n := &t.Nodes[i]
		switch n.Field {
		case ids.eth:
			if k != KindEth || inError(t, i) {
				continue
			}
			s, d := child(t, i, ids.ethSrc), child(t, i, ids.ethDst)
			if s != nil && d != nil {
				out = append(out, hop{src: s.Value.B, dst: d.Value.B, stream: -1})
			}
		case ids.ip, ids.ipv6:
			if inError(t, i) {
				continue
			}
			sid, did := ids.ipSrc, ids.ipDst
			if n.Field == ids.ipv6 {
				sid, did = ids.ipv6Src, ids.ipv6Dst
			}
			s, d := child(t, i, sid), child(t, i, did)
			if s == nil || d == nil {
				continue
			}
			netSrc, netDst = s.Value.B, d.Value.B
			if n.Field == ids.ipv6 && fragPending(t, i) {
				// Wireshark taps an IPv6 packet once, when its fragments are reassembled
				netSrc, netDst = nil, nil
				continue
			}
			if (k == KindIPv4 && n.Field == ids.ip) || (k == KindIPv6 && n.Field == ids.ipv6) {
				out = append(out, hop{src: netSrc, dst: netDst, stream: -1})
			}
		case ids.tcp, ids.udp:
			if (k == KindTCP) != (n.Field == ids.tcp) || !k.HasPorts() || netSrc == nil || inError(t, i) {
				continue
			}
			sid, did, stid := ids.tcpSrc, ids.tcpDst, ids.tcpStream
			if n.Field == ids.udp {
				sid, did, stid = ids.udpSrc, ids.udpDst, ids.udpStream
			}
			s, d := child(t, i, sid), child(t, i, did)
			if s == nil || d == nil {
				continue
			}
			h := hop{src: netSrc, dst: netDst, sport: uint16(s.Value.U), dport: uint16(d.Value.U), stream: -1}
			if st := child(t, i, stid); st != nil {
				h.stream = int64(st.Value.U)
			}
			out = append(out, h)
		}
	}
	return out
}

// fragPending reports whether the IPv6 header at node i has a fragment header with more fragments to
// come. The M flag is read from the header's bytes (the last bit of its fourth byte) rather than from
// ipv6.fraghdr.more: asking for that field would make dissection hand TCP payloads on (it belongs to
// a protocol above the network layer as far as dissect's lean payload knows).
func fragPending(t *field.Tree, i int32) bool {
	if ids.ipv6Frag == 0 {
		return false
	}
	for j := i + 1; j < int32(len(t.Nodes)); j++ {
		n := &t.Nodes[j]
		if n.Field != ids.ipv6Frag {
			continue
		}
		in := false
		for p := n.Parent; p > 0; p = t.Nodes[p].Parent {
			if p == i {
				in = true
				break
			}
		}
		if !in || int(n.Src) >= len(t.Sources) || n.Len < 4 {
			continue
		}
		if b := t.Sources[n.Src].Bytes; int(n.Off)+3 < len(b) && b[n.Off+3]&1 != 0 {
			return true
		}
	}
	return false
}

func kindFields(k Kind) []field.ID {
	switch k {
	case KindEth:
		return []field.ID{ids.eth, ids.ethSrc, ids.ethDst}
	case KindIPv4, KindIPv6:
		return []field.ID{ids.ip, ids.ipSrc, ids.ipDst, ids.ipv6, ids.ipv6Src, ids.ipv6Dst, ids.icmp, ids.icmpv6}
	case KindTCP:
		return []field.ID{ids.ip, ids.ipSrc, ids.ipDst, ids.ipv6, ids.ipv6Src, ids.ipv6Dst, ids.icmp, ids.icmpv6,
			ids.tcp, ids.tcpSrc, ids.tcpDst, ids.tcpStream}
	}
	return []field.ID{ids.ip, ids.ipSrc, ids.ipDst, ids.ipv6, ids.ipv6Src, ids.ipv6Dst, ids.icmp, ids.icmpv6,
		ids.udp, ids.udpSrc, ids.udpDst, ids.udpStream}
}

// Table is the -z conv,TYPE and -z endpoints,TYPE tap.
type Table struct {
	Kind      Kind
	Endpoints bool // endpoints table instead of conversations
	filter    *displayfilter.Filter
	text      string
	first     bool
	t0        int64
	key       []byte
	hb        []hop
	convIdx   map[string]int
	convs     []Conversation
	epIdx     map[string]int
	eps       []Endpoint
}

// NewTable parses "conv,TYPE[,FILTER]" or "endpoints,TYPE[,FILTER]".
func NewTable(arg string) (*Table, error) {
	tb := &Table{first: true, convIdx: map[string]int{}, epIdx: map[string]int{}}
	rest, ok := splitArg(arg, "conv")
	if !ok {
		rest, ok = splitArg(arg, "endpoints")
		tb.Endpoints = true
	}
	if !ok {
		return nil, fmt.Errorf("invalid -z argument %q", arg)
	}
	typ, filt := rest, ""
	for i := 0; i < len(rest); i++ {
		if rest[i] == ',' {
			typ, filt = rest[:i], rest[i+1:]
			break
		}
	}
	k, ok := kindNames[typ]
	if !ok {
		what := "conv"
		if tb.Endpoints {
			what = "endpoints"
		}
		return nil, fmt.Errorf("invalid \"-z %s,<type>[,<filter>]\" argument: unknown type %q (eth, ip, ipv6, tcp or udp)", what, typ)
	}
	tb.Kind = k
	f, err := filterPart(filt)
	if err != nil {
		return nil, err
	}
	tb.filter, tb.text = f, filt
	return tb, nil
}

// Fields lists what the table reads.
func (tb *Table) Fields() []field.ID {
	fs := kindFields(tb.Kind)
	if tb.filter != nil {
		fs = append(fs, tb.filter.Fields...)
	}
	return fs
}

// Packet counts one frame.
func (tb *Table) Packet(c *dissect.Ctx, t *field.Tree, _ bool) {
	fi := c.Frame
	if tb.first {
		tb.t0, tb.first = fi.TS, false
	}
	if tb.filter != nil && !tb.filter.Match(t) {
		return
	}
	rel := fi.TS - tb.t0
	tb.hb = hops(t, tb.Kind, tb.hb[:0])
	for i := range tb.hb {
		h := &tb.hb[i]
		if tb.Endpoints {
			tb.endpoint(h.src, h.sport, true, uint64(fi.Len))
			tb.endpoint(h.dst, h.dport, false, uint64(fi.Len))
		} else {
			tb.conv(h, uint64(fi.Len), rel, fi.Number)
		}
	}
}

func (tb *Table) appendEnd(b, addr []byte, port uint16) []byte {
	b = append(b, byte(len(addr)))
	b = append(b, addr...)
	if tb.Kind.HasPorts() {
		b = append(b, byte(port>>8), byte(port))
	}
	return b
}

func (tb *Table) conv(h *hop, n uint64, rel int64, frame uint32) {
	// the key orders the two ends so that both directions find the same row
	a := tb.appendEnd(tb.key[:0], h.src, h.sport)
	la := len(a)
	a = tb.appendEnd(a, h.dst, h.dport)
	if string(a[:la]) > string(a[la:]) {
		a = tb.appendEnd(tb.appendEnd(a[:0], h.dst, h.dport), h.src, h.sport)
	}
	if h.stream >= 0 {
		a = strconv.AppendInt(append(a, '#'), h.stream, 10)
	}
	tb.key = a
	i, ok := tb.convIdx[string(a)]
	if !ok {
		i = len(tb.convs)
		tb.convIdx[string(a)] = i
		tb.convs = append(tb.convs, Conversation{
			AddrA: append([]byte(nil), h.src...), AddrB: append([]byte(nil), h.dst...),
			PortA: h.sport, PortB: h.dport, Stream: h.stream, Start: rel, Stop: rel, FirstFrame: frame,
		})
	}
	cv := &tb.convs[i]
	if ok {
		if rel > cv.Stop {
			cv.Stop = rel
		} else if rel < cv.Start {
			cv.Start = rel
		}
	}
	if string(h.src) == string(cv.AddrA) && h.sport == cv.PortA {
		cv.FramesAB++
		cv.BytesAB += n
	} else {
		cv.FramesBA++
		cv.BytesBA += n
	}
}

func (tb *Table) endpoint(addr []byte, port uint16, tx bool, n uint64) {
	tb.key = tb.appendEnd(tb.key[:0], addr, port)
	i, ok := tb.epIdx[string(tb.key)]
	if !ok {
		i = len(tb.eps)
		tb.epIdx[string(tb.key)] = i
		tb.eps = append(tb.eps, Endpoint{Addr: append([]byte(nil), addr...), Port: port})
	}
	e := &tb.eps[i]
	if tx {
		e.TxFrames++
		e.TxBytes += n
	} else {
		e.RxFrames++
		e.RxBytes += n
	}
}

// Conversations returns the rows in first-seen order.
func (tb *Table) Conversations() []Conversation { return tb.convs }

// EndpointRows returns the endpoint rows in first-seen order.
func (tb *Table) EndpointRows() []Endpoint { return tb.eps }

// byFrames returns row indices ordered as tshark prints them: by total frames, most first, rows with
// equal counts in first-seen order.
func byFrames(n int, total func(i int) uint64) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sortStable(idx, func(a, b int) bool { return total(a) > total(b) })
	return idx
}

// FormatAddr formats an address of the table's kind as tshark shows it.
func FormatAddr(b []byte, macs *macNames) string {
	switch len(b) {
	case 6:
		if macs != nil {
			return macs.name(b)
		}
		return string(field.AppendHexSep(nil, b, ':'))
	case 4:
		return netip.AddrFrom4([4]byte(b)).String()
	case 16:
		return netip.AddrFrom16([16]byte(b)).String()
	}
	return string(field.AppendHexSep(nil, b, ':'))
}

const rule = "================================================================================\n"

// Finish prints tshark's table.
func (tb *Table) Finish(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var macs *macNames
	if tb.Kind == KindEth {
		macs = loadMACNames()
	}
	filt := "<No Filter>"
	if tb.text != "" {
		filt = tb.text
	}
	ports := tb.Kind.HasPorts()
	if tb.Endpoints {
		fmt.Fprintf(bw, "%s%s Endpoints\nFilter:%s\n", rule, tb.Kind.Title(), filt)
		p := ""
		if ports {
			p = "Port  ||  "
		}
		fmt.Fprintf(bw, "                       |  %sPackets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n", p)
		for _, i := range byFrames(len(tb.eps), func(i int) uint64 { return tb.eps[i].TxFrames + tb.eps[i].RxFrames }) {
			e := &tb.eps[i]
			a := FormatAddr(e.Addr, macs)
			if ports {
				fmt.Fprintf(bw, "%-20s      %5d", a, e.Port)
			} else {
				fmt.Fprintf(bw, "%-20s ", a)
			}
			fmt.Fprintf(bw, "     %6d     %9d     %6d       %9d      %6d       %9d   \n",
				e.TxFrames+e.RxFrames, e.TxBytes+e.RxBytes, e.TxFrames, e.TxBytes, e.RxFrames, e.RxBytes)
		}
		bw.WriteString(rule)
		return bw.Flush()
	}
	fmt.Fprintf(bw, "%s%s Conversations\nFilter:%s\n", rule, tb.Kind.Title(), filt)
	pad := ""
	if ports {
		pad = "            "
	}
	fmt.Fprintf(bw, "%s                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n", pad)
	fmt.Fprintf(bw, "%s                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n", pad)
	for _, i := range byFrames(len(tb.convs), func(i int) uint64 { return tb.convs[i].FramesAB + tb.convs[i].FramesBA }) {
		cv := &tb.convs[i]
		a, b := FormatAddr(cv.AddrA, macs), FormatAddr(cv.AddrB, macs)
		if ports {
			fmt.Fprintf(bw, "%-26s <-> %-26s", a+":"+strconv.Itoa(int(cv.PortA)), b+":"+strconv.Itoa(int(cv.PortB)))
		} else {
			fmt.Fprintf(bw, "%-20s <-> %-20s", a, b)
		}
		fmt.Fprintf(bw, "  %6d %-9s  %6d %-9s  %6d %-9s  ",
			cv.FramesBA, formatSize(int64(cv.BytesBA)), cv.FramesAB, formatSize(int64(cv.BytesAB)),
			cv.FramesAB+cv.FramesBA, formatSize(int64(cv.BytesAB+cv.BytesBA)))
		fmt.Fprintf(bw, "%14.9f   %12.4f\n", secs(cv.Start), secs(cv.Stop)-secs(cv.Start))
	}
	bw.WriteString(rule)
	return bw.Flush()
}
