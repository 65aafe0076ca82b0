package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// ICMP (RFC 792) as Wireshark 4.0 shows it: echo request/reply matching, timestamps in echo data,
// and error messages that quote the offending packet, dissected with read-only columns.

var icmpTypeNames = map[uint64]string{
	0: "Echo (ping) reply", 3: "Destination unreachable", 4: "Source quench (flow control)", 5: "Redirect",
	8: "Echo (ping) request", 9: "Router advertisement", 10: "Router solicitation", 11: "Time-to-live exceeded",
	12: "Parameter problem", 13: "Timestamp request", 14: "Timestamp reply", 15: "Information request",
	16: "Information reply", 17: "Address mask request", 18: "Address mask reply",
	42: "Extended Echo request", 43: "Extended Echo reply",
}

var icmpCodeNames = map[uint8][]string{
	3: {"Network unreachable", "Host unreachable", "Protocol unreachable", "Port unreachable",
		"Fragmentation needed", "Source route failed", "Destination network unknown", "Destination host unknown",
		"Source host isolated", "Network administratively prohibited", "Host administratively prohibited",
		"Network unreachable for TOS", "Host unreachable for TOS", "Communication administratively filtered",
		"Host precedence violation", "Precedence cutoff in effect"},
	5:  {"Redirect for network", "Redirect for host", "Redirect for TOS and network", "Redirect for TOS and host"},
	11: {"Time to live exceeded in transit", "Fragment reassembly time exceeded"},
	12: {"Pointer indicates the error", "Required option missing", "Bad length"},
	42: {"No error"}, // Extended Echo (RFC 8335)
	43: {"No error", "Malformed Query", "No Such Interface", "No Such Table Entry", "Multiple Interfaces Satisfy Query"},
}

var (
	protoICMP       = Fields.Protocol("icmp", "Internet Control Message Protocol")
	hfICMPType      = Fields.Add(protoICMP, "icmp.type", "Type", field.Uint8)
	hfICMPCode      = Fields.Add(protoICMP, "icmp.code", "Code", field.Uint8)
	hfICMPChecksum  = Fields.Add(protoICMP, "icmp.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfICMPCkStatus  = Fields.Add(protoICMP, "icmp.checksum.status", "Checksum Status", field.Uint8, field.WithStrings(checksumStatus))
	hfICMPUnused    = Fields.Add(protoICMP, "icmp.unused", "Unused", field.Bytes)
	hfICMPIdent     = Fields.Add(protoICMP, "icmp.ident", "Identifier (BE)", field.Uint16, field.WithBase(field.DecHex))
	hfICMPIdentLE   = Fields.Add(protoICMP, "icmp.ident_le", "Identifier (LE)", field.Uint16, field.WithBase(field.DecHex))
	hfICMPSeq       = Fields.Add(protoICMP, "icmp.seq", "Sequence Number (BE)", field.Uint16, field.WithBase(field.DecHex))
	hfICMPSeqLE     = Fields.Add(protoICMP, "icmp.seq_le", "Sequence Number (LE)", field.Uint16, field.WithBase(field.DecHex))
	hfICMPMTU       = Fields.Add(protoICMP, "icmp.mtu", "MTU of next hop", field.Uint16)
	hfICMPPointer   = Fields.Add(protoICMP, "icmp.pointer", "Pointer", field.Uint32)
	hfICMPRedirGW   = Fields.Add(protoICMP, "icmp.redir_gw", "Gateway Address", field.IPv4)
	hfICMPRespIn    = Fields.Add(protoICMP, "icmp.resp_in", "Response frame", field.FrameNum)
	hfICMPRespTo    = Fields.Add(protoICMP, "icmp.resp_to", "Request frame", field.FrameNum)
	hfICMPRespTime  = Fields.Add(protoICMP, "icmp.resptime", "Response time", field.Double)
	hfICMPDataTime  = Fields.Add(protoICMP, "icmp.data_time", "Timestamp from icmp data", field.AbsTime, field.WithBase(field.TimeLocal))
	hfICMPDataTRel  = Fields.Add(protoICMP, "icmp.data_time_relative", "Timestamp from icmp data (relative)", field.RelTime)
	hfICMPOrigTS    = Fields.Add(protoICMP, "icmp.originate_timestamp", "Originate Timestamp", field.Uint32)
	hfICMPRecvTS    = Fields.Add(protoICMP, "icmp.receive_timestamp", "Receive Timestamp", field.Uint32)
	hfICMPXmitTS    = Fields.Add(protoICMP, "icmp.transmit_timestamp", "Transmit Timestamp", field.Uint32)
	hfICMPAddrMask  = Fields.Add(protoICMP, "icmp.address_mask", "Address Mask", field.IPv4)
	eiICMPChecksum  = RegisterExpert(protoICMP, "icmp.checksum_bad", "Bad checksum", GroupChecksum, SevWarn)
	eiICMPNoRespFnd = RegisterExpert(protoICMP, "icmp.resp_not_found", "Response not found", GroupSequence, SevWarn)

	handleICMP = &Handle{Name: "icmp", Fn: dissectICMP}
)

func init() {
	RegisterShortName(protoICMP, "ICMP")
	IPProto.Add(1, handleICMP)
}

// icmpKey matches an echo request with its reply.
type icmpKey struct {
	conv     convKey
	id, seq  uint16
	extended bool
}

type icmpTrans struct {
	reqFrame uint32
	reqTS    int64
}

// icmpFrame is the first pass's echo matching result for one frame.
type icmpFrame struct {
	respIn, respTo uint32
	rtt            int64
}

type icmpState struct {
	trans  map[icmpKey]icmpTrans
	frames frameRecs[icmpFrame]
}

var icmpSlot = newStateSlot(func() any {
	return &icmpState{trans: map[icmpKey]icmpTrans{}}
})

// inetChecksum is the Internet checksum of the concatenated parts (0 when correct).
func inetChecksum(parts ...[]byte) uint16 {
	var sum uint32
	odd := false
	var carry byte
	for _, p := range parts {
		for _, b := range p {
			if odd {
				sum += uint32(carry)<<8 | uint32(b)
			} else {
				carry = b
			}
			odd = !odd
		}
	}
	if odd {
		sum += uint32(carry) << 8
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

func dissectICMP(c *Ctx, t Tvb, parent int32) {
	typ := t.U8(0)
	code := t.U8(1)
	c.SetProtocol("ICMP")
	c.ClearInfo()
	inErr := c.inErrorPacket()
	tr := c.T
	top := c.AddProto(parent, protoICMP, t, 0, -1)

	tn := c.AddUintV(top, hfICMPType, t, 0, 1, uint64(typ))
	typeStr, known := icmpTypeNames[uint64(typ)]
	if !known {
		typeStr = "Unknown ICMP (obsolete or malformed?)"
	}
	if c.Visible() {
		tr.SetLabel(tn, "Type: "+strconv.Itoa(int(typ))+" ("+typeStr+")")
	}
	codeStr := ""
	if names := icmpCodeNames[typ]; int(code) < len(names) {
		codeStr = names[code]
	} else if typ == 9 {
		switch code {
		case 0:
			codeStr = "Normal router advertisement"
		case 16:
			codeStr = "Does not route common traffic"
		}
	}
	cn := c.AddUintV(top, hfICMPCode, t, 1, 1, uint64(code))
	if c.Visible() && codeStr != "" {
		tr.SetLabel(cn, "Code: "+strconv.Itoa(int(code))+" ("+codeStr+")")
	}

	// Checksum, verified when the whole message is there.
	ck := t.U16(2)
	ckNode := c.AddUintV(top, hfICMPChecksum, t, 2, 2, uint64(ck))
	status := uint64(ckUnverified)
	if inErr {
		if c.Visible() {
			tr.SetLabel(ckNode, "Checksum: 0x"+hex4(ck)+" [unverified] [in ICMP error packet]")
		}
	} else if !t.Short {
		if sum := inetChecksum(t.B); sum == 0 {
			status = ckGood
			if c.Visible() {
				tr.SetLabel(ckNode, "Checksum: 0x"+hex4(ck)+" [correct]")
			}
		} else {
			status = ckBad
			if c.Visible() {
				should := inetChecksum(t.B[:2], t.B[4:])
				tr.SetLabel(ckNode, "Checksum: 0x"+hex4(ck)+" incorrect, should be 0x"+hex4(should))
			}
		}
	} else if c.Visible() {
		tr.SetLabel(ckNode, "Checksum: 0x"+hex4(ck)+" [unverified]")
	}
	sn := c.AddUintV(top, hfICMPCkStatus, t, 2, 0, status)
	c.generated(sn)
	c.Label(sn, "Checksum Status: %s", checksumStatus[status]) // BASE_NONE: the name without the number
	if status == ckBad {
		c.Expert(sn, eiICMPChecksum, t, 2, 2, "")
	}

	// Info column.
	if c.Cols.On && !c.Cols.readonly {
		switch typ {
		case 0, 8, 42, 43:
			c.AppendInfo(typeStr)
			for i := len(typeStr); i < 20; i++ {
				c.AppendInfo(" ")
			}
			if codeStr != "" {
				c.AppendInfo(" (" + codeStr + ")")
			}
		default:
			c.AppendInfo(typeStr)
			if codeStr != "" {
				c.AppendInfo(" (" + codeStr + ")")
			}
		}
	}

	switch typ {
	case 0, 8, 13, 14, 15, 16, 17, 18:
		id, seq := t.U16(4), t.U16(6)
		c.AddUintV(top, hfICMPIdent, t, 4, 2, uint64(id))
		c.AddUintV(top, hfICMPIdentLE, t, 4, 2, uint64(t.U16LE(4)))
		c.AddUintV(top, hfICMPSeq, t, 6, 2, uint64(seq))
		c.AddUintV(top, hfICMPSeqLE, t, 6, 2, uint64(t.U16LE(6)))
		if typ == 0 || typ == 8 {
			if c.Cols.On && !c.Cols.readonly {
				c.AppendInfo(" id=0x")
				c.AppendInfo(hex4(id))
				c.AppendInfo(", seq=")
				c.AppendInfoUint(uint64(seq))
				c.AppendInfo("/")
				c.AppendInfoUint(uint64(t.U16LE(6)))
				if c.NetHopLimit >= 0 {
					c.AppendInfo(", ttl=")
					c.AppendInfoUint(uint64(c.NetHopLimit))
				}
			}
			if !inErr {
				c.icmpMatch(t, top, typ == 0, id, seq)
			}
			c.icmpEchoData(t, top)
			return
		}
		switch typ {
		case 13, 14:
			c.AddUint(top, hfICMPOrigTS, t, 8, 4)
			c.AddUint(top, hfICMPRecvTS, t, 12, 4)
			c.AddUint(top, hfICMPXmitTS, t, 16, 4)
		case 17, 18:
			c.AddBytes(top, hfICMPAddrMask, t, 8, 4)
		}
		return
	case 42, 43:
		c.icmpExtEcho(t, top, typ == 42)
		return
	case 3, 4, 11, 12, 5:
		switch {
		case typ == 3 && code == 4:
			c.AddBytes(top, hfICMPUnused, t, 4, 2)
			c.AddUint(top, hfICMPMTU, t, 6, 2)
		case typ == 5:
			c.AddBytes(top, hfICMPRedirGW, t, 4, 4)
		case typ == 12:
			c.AddUintV(top, hfICMPPointer, t, 4, 1, uint64(t.U8(4)))
			c.AddBytes(top, hfICMPUnused, t, 5, 3)
		default:
			c.AddBytes(top, hfICMPUnused, t, 4, 4)
		}
		if t.Len() > 8 {
			c.icmpQuoted(t.Sub(8), top, ipHandleFor(4))
		}
		return
	}
	if t.Len() > 4 {
		c.CallData(t.Sub(4), top)
	}
}

// ipHandleFor returns the registered IP dissector for version v (via the ethertype table).
func ipHandleFor(v int) *Handle {
	et := uint64(0x0800)
	if v == 6 {
		et = 0x86dd
	}
	h, _ := EtherType.Get(et)
	return h
}

// icmpQuoted dissects the packet quoted in an ICMP error with the columns read-only, restoring the
// network context afterwards (Wireshark's in_error_pkt).
func (c *Ctx) icmpQuoted(t Tvb, parent int32, h *Handle) {
	if h == nil {
		c.CallData(t, parent)
		return
	}
	src, dst, hl, ca := c.NetSrc, c.NetDst, c.NetHopLimit, c.convApp
	sp, dp, pt, mp := c.SrcPort, c.DstPort, c.PortType, c.MatchPort
	ro := c.Cols.readonly
	c.Cols.readonly = true
	defer func() {
		c.Cols.readonly = ro
		c.NetSrc, c.NetDst, c.NetHopLimit, c.convApp = src, dst, hl, ca
		c.SrcPort, c.DstPort, c.PortType, c.MatchPort = sp, dp, pt, mp
	}()
	c.Call(h, t, parent)
}

// icmpEchoData adds the timestamp that ping puts at the start of the echo data, when it looks like
// one, then the data.
func (c *Ctx) icmpEchoData(t Tvb, top int32) {
	if t.Len() < 8 {
		return
	}
	if t.Len() >= 16 {
		fsecs := c.Frame.TS / 1e9
		secs, usecs := int64(t.U32(8)), int64(t.U32(12))
		if uint32(secs-fsecs) >= 86400 || usecs >= 1000000 {
			secs, usecs = int64(t.U32LE(8)), int64(t.U32LE(12))
		}
		if uint32(secs-fsecs) < 86400 && usecs < 1000000 {
			ts := secs*1e9 + usecs*1000
			c.Add(top, hfICMPDataTime, t, 8, 8, field.Value{I: ts})
			c.generated(c.Add(top, hfICMPDataTRel, t, 8, 8, field.Value{I: c.Frame.TS - ts}))
			if t.Len() > 16 {
				c.CallData(t.Sub(16), top)
			}
			return
		}
	}
	if t.Len() > 8 {
		c.CallData(t.Sub(8), top)
	}
}

// icmpMatch pairs echo requests and replies in the first pass and shows the pairing.
func (c *Ctx) icmpMatch(t Tvb, top int32, reply bool, id, seq uint16) {
	r := c.State.slot(icmpSlot).(*icmpState).match(c, reply, icmpKey{id: id, seq: seq})
	c.icmpMatchItems(top, t, r, reply, hfICMPRespIn, hfICMPRespTo, hfICMPRespTime, "Response time")
	if !reply && r.respIn == 0 && !c.Pass1 {
		c.AppendInfo(" (no response found!)")
	}
}

// match pairs an echo request or reply (ICMP or ICMPv6: k.extended) with its partner in the first
// pass, and returns what is known of the frame's pairing.
func (st *icmpState) match(c *Ctx, reply bool, k icmpKey) icmpFrame {
	num := c.Frame.Number
	if c.Pass1 {
		k.conv, _ = makeConvKey(c.NetSrc, c.NetDst, 0, 0)
		tx, ok := st.trans[k]
		if !reply {
			if !ok || tx.reqFrame != num {
				st.trans[k] = icmpTrans{reqFrame: num, reqTS: c.Frame.TS}
				if !c.State.onePass { // kept for re-dissection, which a one-pass run never does
					st.frames.put(num, 0, icmpFrame{}) // filled in by the reply
				}
			}
		} else if ok && tx.reqFrame < num {
			delete(st.trans, k) // answered: a later reply to it is a duplicate, matched to nothing
			r := icmpFrame{respTo: tx.reqFrame, rtt: c.Frame.TS - tx.reqTS}
			if c.State.onePass {
				return r
			}
			if rq := st.frames.ref(tx.reqFrame, 0); rq != nil {
				rq.respIn = num
			}
			st.frames.put(num, 0, r)
		}
	}
	r, _ := st.frames.get(num, 0)
	return r
}

// icmpMatchItems shows a request's "reply in" or a reply's "request in" and response time, for
// ICMP and ICMPv6 echoes alike (their labels differ only in timeName's capital).
func (c *Ctx) icmpMatchItems(top int32, t Tvb, r icmpFrame, reply bool, hfIn, hfTo, hfTime field.ID, timeName string) {
	if !reply && r.respIn != 0 {
		c.generated(c.AddUintV(top, hfIn, t, 0, 0, uint64(r.respIn)))
		c.AppendInfo(" (reply in " + strconv.FormatUint(uint64(r.respIn), 10) + ")")
	}
	if reply && r.respTo != 0 {
		c.generated(c.AddUintV(top, hfTo, t, 0, 0, uint64(r.respTo)))
		ms := float64(r.rtt) / 1e6
		n := c.Add(top, hfTime, t, 0, 0, field.Value{F: ms})
		c.generated(n)
		if c.Visible() {
			c.T.SetLabel(n, timeName+": "+strconv.FormatFloat(ms, 'f', 3, 64)+" ms")
		}
		c.AppendInfo(" (request in " + strconv.FormatUint(uint64(r.respTo), 10) + ")")
	}
}
