package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// UDP (RFC 768) as Wireshark 4.0 shows it, with udp.stream numbering and per-stream timestamps.

var (
	protoUDP       = Fields.Protocol("udp", "User Datagram Protocol")
	hfUDPSrcPort   = Fields.Add(protoUDP, "udp.srcport", "Source Port", field.Uint16)
	hfUDPDstPort   = Fields.Add(protoUDP, "udp.dstport", "Destination Port", field.Uint16)
	hfUDPPort      = Fields.Add(protoUDP, "udp.port", "Source or Destination Port", field.Uint16)
	hfUDPLength    = Fields.Add(protoUDP, "udp.length", "Length", field.Uint16)
	hfUDPChecksum  = Fields.Add(protoUDP, "udp.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfUDPCkStatus  = Fields.Add(protoUDP, "udp.checksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatus))
	hfUDPStream    = Fields.Add(protoUDP, "udp.stream", "Stream index", field.Uint32)
	hfUDPTimeRel   = Fields.Add(protoUDP, "udp.time_relative", "Time since first frame", field.RelTime)
	hfUDPTimeDelta = Fields.Add(protoUDP, "udp.time_delta", "Time since previous frame", field.RelTime)
	hfUDPPayload   = Fields.Add(protoUDP, "udp.payload", "Payload", field.Bytes)

	eiUDPLenBad = RegisterExpert(protoUDP, "udp.length.bad", "Bad length value", GroupMalformed, SevError)

	handleUDP = &Handle{Name: "udp", Fn: dissectUDP}
)

func init() {
	RegisterShortName(protoUDP, "UDP")
	IPProto.Add(17, handleUDP)
}

// udpConv is one udp.stream.
type udpConv struct {
	app     any // an application's state for the conversation (Ctx.ConvApp)
	stream  uint32
	tsFirst int64
	tsPrev  int64
	owner   udpApp // the application that made this conversation (udpNewConversation), or none
	next    udpApp // the application that starts a new conversation from the next datagram on
}

// udpApp names an application that makes UDP conversations of its own.
type udpApp uint8

const (
	udpAppNone udpApp = iota
	udpAppSNMP
)

// udpNewConversation is Wireshark's conversation_new by an application dissector during the first
// pass: from the next datagram on, the datagram's address/port pair is a new conversation owned by
// h, with a new udp.stream — unless h already owns the current one. SNMP does this for requests to
// its port, so that an agent's answers begin a new stream, as in tshark.
func (c *Ctx) udpNewConversation(h udpApp) {
	if !c.Pass1 || c.PortType != 17 {
		return
	}
	st := c.State.slot(udpSlot).(*udpState)
	key, _ := makeConvKey(c.NetSrc, c.NetDst, uint16(c.SrcPort), uint16(c.DstPort))
	if cv := st.convs[key]; cv != nil && cv.owner != h {
		cv.next = h
	}
}

// udpFrame is what the first pass learned about a datagram.
type udpFrame struct { // 16 bytes: keep the int64 first
	delta  int64
	stream uint32
	off    uint16
	valid  bool
}

type udpState struct {
	convs   map[convKey]*udpConv
	streams []*udpConv
	frames  frameRecs[udpFrame] // by frame and UDP header offset
}

var udpSlot = newStateSlot(func() any {
	return &udpState{convs: map[convKey]*udpConv{}}
})

func (st *udpState) rec(num uint32, off int) (udpFrame, bool) { return st.frames.get(num, off) }

func (st *udpState) setRec(num uint32, off int, r udpFrame) {
	r.valid, r.off = true, uint16(off)
	st.frames.put(num, off, r)
}

func dissectUDP(c *Ctx, t Tvb, parent int32) {
	sport, dport := t.U16(0), t.U16(2)
	c.SetProtocol("UDP")
	c.ClearInfo()
	c.appendInfoPorts(17, sport, dport)

	tr := c.T
	top := c.AddProto(parent, protoUDP, t, 0, 8)
	if c.Visible() {
		b := append(make([]byte, 0, 64), "User Datagram Protocol, Src Port: "...)
		b = c.appendPortNamed(b, 17, uint32(sport))
		b = append(b, ", Dst Port: "...)
		b = c.appendPortNamed(b, 17, uint32(dport))
		c.T.SetLabel(top, string(b))
	}
	sp, _ := c.AddUint(top, hfUDPSrcPort, t, 0, 2)
	c.labelPort(sp, 17, uint32(sport))
	dp, _ := c.AddUint(top, hfUDPDstPort, t, 2, 2)
	c.labelPort(dp, 17, uint32(dport))
	if tr.Wants(hfUDPPort) {
		c.hidden(c.AddUintV(top, hfUDPPort, t, 0, 2, uint64(sport)))
		c.hidden(c.AddUintV(top, hfUDPPort, t, 2, 2, uint64(dport)))
	}
	c.PortType = 17
	c.SrcPort, c.DstPort = uint32(sport), uint32(dport)

	ulen := int(t.U16(4))
	ln, _ := c.AddUint(top, hfUDPLength, t, 4, 2)
	inErr := c.inErrorPacket()
	reported := t.Len()
	if ulen == 0 && len(c.NetSrc) == 16 {
		ulen = reported // jumbogram
	}
	if ulen < 8 || (ulen > reported && !inErr && !t.Short) {
		if c.Visible() {
			c.Label(ln, "Length: %d (bogus, payload length %d)", ulen, reported)
		}
		c.Expert(ln, eiUDPLenBad, t, 4, 2, "")
		if ulen < 8 {
			return
		}
		ulen = reported
	}

	ck := t.U16(6)
	ckNode := c.AddUintV(top, hfUDPChecksum, t, 6, 2, uint64(ck))
	status := uint64(ckUnverified)
	if ck == 0 && len(c.NetSrc) == 4 {
		status = ckNotPresent
		if c.Visible() {
			tr.SetLabel(ckNode, "Checksum: 0x0000 [zero-value ignored]")
		}
	} else if c.Visible() {
		tr.SetLabel(ckNode, "Checksum: 0x"+hex4(ck)+" [unverified]")
	}
	stParent := top
	if status == ckNotPresent {
		stParent = ckNode // tshark draws the status of an ignored zero checksum under it
	}
	ckst := c.AddUintV(stParent, hfUDPCkStatus, t, 6, 0, status)
	c.generated(ckst)
	if c.Visible() { // a label's arguments allocate even when it is not drawn
		c.T.SetLabel(ckst, "Checksum Status: "+checksumStatus[status]) // BASE_NONE: the name without the number
	}

	// Stream index and timestamps, from the first pass.
	st := c.State.slot(udpSlot).(*udpState)
	rec, have := st.rec(c.Frame.Number, t.Off)
	var cv *udpConv
	if c.Pass1 || !have {
		key, _ := makeConvKey(c.NetSrc, c.NetDst, sport, dport)
		if mk, ok := c.rtpConvKey(); ok { // media set up by SDP: one conversation with any peer
			key = mk
		}
		cv = st.convs[key]
		if cv == nil || cv.next != udpAppNone {
			ncv := &udpConv{stream: uint32(len(st.streams)), tsFirst: c.Frame.TS, tsPrev: c.Frame.TS}
			if cv != nil {
				ncv.owner = cv.next
			}
			cv = ncv
			st.streams = append(st.streams, cv)
			st.convs[key] = cv
		}
		rec = udpFrame{stream: cv.stream, delta: c.Frame.TS - cv.tsPrev}
		if c.ColumnsWritable() { // a datagram quoted in an ICMP error does not move the stream's clock
			cv.tsPrev = c.Frame.TS
		}
		if !c.State.onePass {
			st.setRec(c.Frame.Number, t.Off, rec)
		}
	} else {
		cv = st.streams[rec.stream]
	}
	c.convApp = &cv.app
	if tr.Wants(hfUDPStream) {
		c.generated(c.AddUintV(top, hfUDPStream, t, 8, 0, uint64(rec.stream)))
	}
	// no timestamps for the datagram quoted in an ICMP error (Wireshark's in_error_pkt), whose
	// columns are read-only
	if (tr.Wants(hfUDPTimeRel) || tr.Wants(hfUDPTimeDelta) || c.Visible()) && c.ColumnsWritable() {
		ts := c.AddText(top, t, 0, 0, "Timestamps")
		c.generated(ts)
		c.generated(c.Add(ts, hfUDPTimeRel, t, 0, 0, field.Value{I: c.Frame.TS - cv.tsFirst}))
		c.generated(c.Add(ts, hfUDPTimeDelta, t, 0, 0, field.Value{I: rec.delta}))
	}

	if c.Cols.On && !c.Cols.readonly {
		c.appendInfoNameUint("Len", uint64(ulen-8))
	}
	payload := t.SubLen(8, ulen-8)
	if payload.Len() == 0 {
		return
	}
	if c.Visible() || tr.Wants(hfUDPPayload) {
		n := c.AddBytes(top, hfUDPPayload, payload, 0, payload.Len())
		if c.Visible() {
			c.Label(n, "UDP payload (%d byte%s)", payload.Len(), plural(payload.Len()))
		}
	}
	lo, hi := sport, dport
	if lo > hi {
		lo, hi = hi, lo
	}
	if !c.tcpPayloadWanted() && c.udpLeafPort(lo, hi) {
		return // a lean one-pass run: an application that carries no tunnel and nothing asked of it
	}
	if h := c.udpConversationHandle(); h != nil { // RTP/RTCP set up by SDP (rtp.go)
		c.MatchPort = 0
		c.decodeConversation(h, payload, parent)
		return
	}
	if c.udpExpected(payload, parent, sport, dport) { // a conversation an application expects (TFTP)
		return
	}
	c.decodePorts(UDPPort, payload, parent, 0, lo, hi)
}

// udpLeafApps are UDP applications that carry no other packets (unlike VXLAN, GTP or L2TP): a lean
// one-pass run may skip them when no field of theirs is wanted.
// (Not SNMP: a request starts a new conversation, which changes udp.stream.)
var udpLeafApps = map[string]bool{"dns": true, "mdns": true, "llmnr": true, "dhcp": true, "ntp": true,
	"ssdp": true, "nbns": true, "nbdgm": true}

// udpLeafPort reports whether the port hand-off would reach a leaf application.
func (c *Ctx) udpLeafPort(lo, hi uint16) bool {
	for _, p := range [2]uint16{lo, hi} {
		if h, ok := c.lookup(UDPPort, uint64(p)); ok {
			return udpLeafApps[h.Name]
		}
	}
	return false
}
