package dissect

import (
	"encoding/binary"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// ICMPv6 (RFC 4443) with neighbour discovery (RFC 4861), MLD and error messages that quote the
// offending packet, as Wireshark 4.0 shows them (the common messages; others show their data).

var icmpv6TypeNames = map[uint64]string{
	1: "Destination Unreachable", 2: "Packet Too Big", 3: "Time Exceeded", 4: "Parameter Problem",
	100: "Private experimentation", 101: "Private experimentation", 127: "Reserved for expansion of ICMPv6 error messages",
	128: "Echo (ping) request", 129: "Echo (ping) reply", 130: "Multicast Listener Query", 131: "Multicast Listener Report",
	132: "Multicast Listener Done", 133: "Router Solicitation", 134: "Router Advertisement", 135: "Neighbor Solicitation",
	136: "Neighbor Advertisement", 137: "Redirect", 138: "Router Renumbering", 139: "Node Information Query",
	140: "Node Information Reply", 141: "Inverse Neighbor Discovery Solicitation", 142: "Inverse Neighbor Discovery Advertisement",
	143: "Multicast Listener Report Message v2", 144: "Home Agent Address Discovery Request", 145: "Home Agent Address Discovery Reply",
	146: "Mobile Prefix Solicitation", 147: "Mobile Prefix Advertisement", 148: "Certification Path Solicitation",
	149: "Certification Path Advertisement", 150: "Experimental Mobility", 151: "Multicast Router Advertisement",
	152: "Multicast Router Solicitation", 153: "Multicast Router Termination", 154: "FMIPv6", 155: "RPL Control",
	156: "Locator Update", 157: "Duplicate Address Request", 158: "Duplicate Address Confirmation", 159: "MPL Control Message",
	160: "Extended Echo request", 161: "Extended Echo reply", 200: "Private experimentation", 201: "Private experimentation",
	255: "Reserved for expansion of ICMPv6 informational messages",
}

var icmpv6OptNames = map[uint64]string{
	1: "Source link-layer address", 2: "Target link-layer address", 3: "Prefix information", 4: "Redirected header",
	5: "MTU", 6: "NBMA Shortcut Limit Option", 7: "Advertisement Interval", 8: "Home Agent Information",
	9: "Source Address List", 10: "Target Address List", 11: "CGA", 12: "RSA Signature", 13: "Timestamp", 14: "Nonce",
	15: "Trust Anchor", 16: "Certificate", 17: "IP Address/Prefix Option", 18: "New Router Prefix Information",
	19: "Link-layer Address", 20: "Neighbor Advertisement Acknowledgment", 23: "MAP", 24: "Route Information",
	25: "Recursive DNS Server", 26: "RA Flags Extension", 27: "Handover Key Request", 28: "Handover Key Reply",
	29: "Handover Assist Information", 30: "Mobile Node Identifier Option", 31: "DNS Search List Option",
	32: "Proxy Signature (PS)", 33: "Address Registration Option", 34: "6LoWPAN Context Option",
	35: "Authoritative Border Router", 36: "6LoWPAN Capability Indication Option", 37: "DHCP Captive-Portal",
	38: "PREF64 Option", 138: "CARD Request", 139: "CARD Reply", 253: "RFC3692-style Experiment 1",
	254: "RFC3692-style Experiment 2",
}

var icmpv6CodeNames = map[uint8][]string{
	1: {"no route to destination", "Administratively prohibited", "beyond scope of source address",
		"Address unreachable", "Port unreachable", "Source address failed ingress/egress policy",
		"Reject route to destination", "Error in Source Routing Header"},
	3: {"hop limit exceeded in transit", "fragment reassembly time exceeded"},
	4: {"erroneous header field encountered", "unrecognized Next Header type encountered",
		"unrecognized IPv6 option encountered", "IPv6 First Fragment has incomplete IPv6 Header Chain"},
}

var (
	protoICMPv6      = Fields.Protocol("icmpv6", "Internet Control Message Protocol v6")
	hfICMPv6Type     = Fields.Add(protoICMPv6, "icmpv6.type", "Type", field.Uint8, field.WithStrings(icmpv6TypeNames))
	hfICMPv6Code     = Fields.Add(protoICMPv6, "icmpv6.code", "Code", field.Uint8)
	hfICMPv6Checksum = Fields.Add(protoICMPv6, "icmpv6.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfICMPv6CkStatus = Fields.Add(protoICMPv6, "icmpv6.checksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatus))
	hfICMPv6Reserved = Fields.Add(protoICMPv6, "icmpv6.reserved", "Reserved", field.Bytes)
	hfICMPv6MTU      = Fields.Add(protoICMPv6, "icmpv6.mtu", "MTU", field.Uint32)
	hfICMPv6Pointer  = Fields.Add(protoICMPv6, "icmpv6.pointer", "Pointer", field.Uint32)
	hfICMPv6EchoID   = Fields.Add(protoICMPv6, "icmpv6.echo.identifier", "Identifier", field.Uint16, field.WithBase(field.Hex))
	hfICMPv6EchoSeq  = Fields.Add(protoICMPv6, "icmpv6.echo.sequence_number", "Sequence", field.Uint16)
	hfICMPv6RespIn   = Fields.Add(protoICMPv6, "icmpv6.resp_in", "Response In", field.FrameNum)
	hfICMPv6RespTo   = Fields.Add(protoICMPv6, "icmpv6.resp_to", "Response To", field.FrameNum)
	hfICMPv6RespTime = Fields.Add(protoICMPv6, "icmpv6.resptime", "Response Time", field.Double)
	hfICMPv6NSTarget = Fields.Add(protoICMPv6, "icmpv6.nd.ns.target_address", "Target Address", field.IPv6)
	hfICMPv6NAFlag   = Fields.Add(protoICMPv6, "icmpv6.nd.na.flag", "Flags", field.Uint32, field.WithBase(field.Hex))
	hfICMPv6NAFlagR  = Fields.Add(protoICMPv6, "icmpv6.nd.na.flag.r", "Router", field.Bool, field.WithBase(32), field.WithMask(0x80000000), field.WithTrueFalse("Set", "Not set"))
	hfICMPv6NAFlagS  = Fields.Add(protoICMPv6, "icmpv6.nd.na.flag.s", "Solicited", field.Bool, field.WithBase(32), field.WithMask(0x40000000), field.WithTrueFalse("Set", "Not set"))
	hfICMPv6NAFlagO  = Fields.Add(protoICMPv6, "icmpv6.nd.na.flag.o", "Override", field.Bool, field.WithBase(32), field.WithMask(0x20000000), field.WithTrueFalse("Set", "Not set"))
	hfICMPv6NAFlagRs = Fields.Add(protoICMPv6, "icmpv6.nd.na.flag.rsv", "Reserved", field.Uint32, field.WithMask(0x1fffffff))
	hfICMPv6NATarget = Fields.Add(protoICMPv6, "icmpv6.nd.na.target_address", "Target Address", field.IPv6)
	hfICMPv6RAHop    = Fields.Add(protoICMPv6, "icmpv6.nd.ra.cur_hop_limit", "Cur hop limit", field.Uint8)
	hfICMPv6RAFlag   = Fields.Add(protoICMPv6, "icmpv6.nd.ra.flag", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfICMPv6RALife   = Fields.Add(protoICMPv6, "icmpv6.nd.ra.router_lifetime", "Router lifetime (s)", field.Uint16)
	hfICMPv6RAReach  = Fields.Add(protoICMPv6, "icmpv6.nd.ra.reachable_time", "Reachable time (ms)", field.Uint32)
	hfICMPv6RARetr   = Fields.Add(protoICMPv6, "icmpv6.nd.ra.retrans_timer", "Retrans timer (ms)", field.Uint32)
	hfICMPv6RdTarget = Fields.Add(protoICMPv6, "icmpv6.nd.rd.target_address", "Target Address", field.IPv6)
	hfICMPv6RdDest   = Fields.Add(protoICMPv6, "icmpv6.nd.rd.destination_address", "Destination Address", field.IPv6)
	hfICMPv6Opt      = Fields.Add(protoICMPv6, "icmpv6.opt", "ICMPv6 Option", field.None)
	hfICMPv6OptType  = Fields.Add(protoICMPv6, "icmpv6.opt.type", "Type", field.Uint8, field.WithStrings(icmpv6OptNames))
	hfICMPv6OptLen   = Fields.Add(protoICMPv6, "icmpv6.opt.length", "Length", field.Uint8)
	hfICMPv6LLA      = Fields.Add(protoICMPv6, "icmpv6.opt.linkaddr", "Link-layer address", field.Ether)
	hfICMPv6SrcLLA   = Fields.Add(protoICMPv6, "icmpv6.opt.src_linkaddr", "Source Link-layer address", field.Ether)
	hfICMPv6TgtLLA   = Fields.Add(protoICMPv6, "icmpv6.opt.target_linkaddr", "Target Link-layer address", field.Ether)
	hfICMPv6PfxLen   = Fields.Add(protoICMPv6, "icmpv6.opt.prefix.length", "Prefix Length", field.Uint8)
	hfICMPv6PfxFlag  = Fields.Add(protoICMPv6, "icmpv6.opt.prefix.flag", "Flag", field.Uint8, field.WithBase(field.Hex))
	hfICMPv6PfxValid = Fields.Add(protoICMPv6, "icmpv6.opt.prefix.valid_lifetime", "Valid Lifetime", field.Uint32)
	hfICMPv6PfxPref  = Fields.Add(protoICMPv6, "icmpv6.opt.prefix.preferred_lifetime", "Preferred Lifetime", field.Uint32)
	hfICMPv6Pfx      = Fields.Add(protoICMPv6, "icmpv6.opt.prefix", "Prefix", field.IPv6)
	hfICMPv6OptMTU   = Fields.Add(protoICMPv6, "icmpv6.opt.mtu", "MTU", field.Uint32)
	hfICMPv6OptRsvd  = Fields.Add(protoICMPv6, "icmpv6.opt.reserved", "Reserved", field.Bytes)
	hfICMPv6MLDDelay = Fields.Add(protoICMPv6, "icmpv6.mld.maximum_response_delay", "Maximum Response Delay [ms]", field.Uint16)
	hfICMPv6MLDAddr  = Fields.Add(protoICMPv6, "icmpv6.mld.multicast_address", "Multicast Address", field.IPv6)
	hfICMPv6MLDRNb   = Fields.Add(protoICMPv6, "icmpv6.mldr.nb_mcast_records", "Number of Multicast Address Records", field.Uint16)
	hfICMPv6MAR      = Fields.Add(protoICMPv6, "icmpv6.mldr.mar", "Multicast Address Record", field.None)
	hfICMPv6MARType  = Fields.Add(protoICMPv6, "icmpv6.mldr.mar.record_type", "Record Type", field.Uint8, field.WithStrings(mldrRecordTypes))
	hfICMPv6MARAux   = Fields.Add(protoICMPv6, "icmpv6.mldr.mar.aux_data_len", "Aux Data Len", field.Uint8)
	hfICMPv6MARNbSrc = Fields.Add(protoICMPv6, "icmpv6.mldr.mar.nb_sources", "Number of Sources", field.Uint16)
	hfICMPv6MARAddr  = Fields.Add(protoICMPv6, "icmpv6.mldr.mar.multicast_address", "Multicast Address", field.IPv6)
	hfICMPv6MARSrc   = Fields.Add(protoICMPv6, "icmpv6.mldr.mar.source_address", "Source Address", field.IPv6)
	hfICMPv6MARData  = Fields.Add(protoICMPv6, "icmpv6.mldr.mar.auxiliary_data", "Auxiliary Data", field.Bytes)

	eiICMPv6Checksum = RegisterExpert(protoICMPv6, "icmpv6.checksum_bad", "Bad checksum", GroupChecksum, SevError)

	handleICMPv6 = &Handle{Name: "icmpv6", Fn: dissectICMPv6}
)

func init() {
	RegisterShortName(protoICMPv6, "ICMPv6")
	IPProto.Add(58, handleICMPv6)
}

// icmpv6Checksum computes the checksum over the IPv6 pseudo-header and the message (0 = correct).
func icmpv6Checksum(src, dst, msg []byte) uint16 {
	var ph [8]byte
	binary.BigEndian.PutUint32(ph[:4], uint32(len(msg)))
	ph[7] = 58
	return inetChecksum(src, dst, ph[:], msg)
}

func dissectICMPv6(c *Ctx, t Tvb, parent int32) {
	typ, code := t.U8(0), t.U8(1)
	c.SetProtocol("ICMPv6")
	c.ClearInfo()
	inErr := c.inErrorPacket()
	tr := c.T
	top := c.AddProto(parent, protoICMPv6, t, 0, -1)
	c.AddUintV(top, hfICMPv6Type, t, 0, 1, uint64(typ))
	typeStr, ok := icmpv6TypeNames[uint64(typ)]
	if !ok {
		typeStr = "Unknown type (" + strconv.Itoa(int(typ)) + ")"
	}
	codeStr := ""
	if names := icmpv6CodeNames[typ]; int(code) < len(names) {
		codeStr = names[code]
	}
	cn := c.AddUintV(top, hfICMPv6Code, t, 1, 1, uint64(code))
	if c.Visible() && codeStr != "" {
		tr.SetLabel(cn, "Code: "+strconv.Itoa(int(code))+" ("+codeStr+")")
	}
	ck := t.U16(2)
	ckNode := c.AddUintV(top, hfICMPv6Checksum, t, 2, 2, uint64(ck))
	status := uint64(ckUnverified)
	if inErr {
		if c.Visible() {
			tr.SetLabel(ckNode, "Checksum: 0x"+hex4(ck)+" [unverified] [in ICMP error packet]")
		}
	} else if !t.Short && len(c.NetSrc) == 16 {
		if icmpv6Checksum(c.NetSrc, c.NetDst, t.B) == 0 {
			status = ckGood
			if c.Visible() {
				tr.SetLabel(ckNode, "Checksum: 0x"+hex4(ck)+" [correct]")
			}
		} else {
			status = ckBad
			if c.Visible() {
				b := append([]byte(nil), t.B...)
				b[2], b[3] = 0, 0
				tr.SetLabel(ckNode, "Checksum: 0x"+hex4(ck)+" incorrect, should be 0x"+hex4(icmpv6Checksum(c.NetSrc, c.NetDst, b)))
			}
		}
	}
	sn := c.AddUintV(top, hfICMPv6CkStatus, t, 2, 0, status)
	c.generated(sn)
	if status == ckBad {
		c.Expert(sn, eiICMPv6Checksum, t, 2, 2, "")
	}

	if c.Cols.On && !c.Cols.readonly {
		c.AppendInfo(typeStr)
		if codeStr != "" {
			c.AppendInfo(" (" + codeStr + ")")
		}
	}

	switch typ {
	case 1, 2, 3, 4:
		switch typ {
		case 2:
			c.AddUint(top, hfICMPv6MTU, t, 4, 4)
		case 4:
			c.AddUint(top, hfICMPv6Pointer, t, 4, 4)
		default:
			c.AddBytes(top, hfICMPv6Reserved, t, 4, 4)
		}
		if t.Len() > 8 {
			c.icmpQuoted(t.Sub(8), top, ipHandleFor(6))
		}
	case 128, 129:
		id, seq := t.U16(4), t.U16(6)
		c.AddUintV(top, hfICMPv6EchoID, t, 4, 2, uint64(id))
		c.AddUintV(top, hfICMPv6EchoSeq, t, 6, 2, uint64(seq))
		if c.Cols.On && !c.Cols.readonly {
			c.AppendInfo(" id=0x" + hex4(id) + ", seq=")
			c.AppendInfoUint(uint64(seq))
			if c.NetHopLimit >= 0 {
				c.AppendInfo(", hop limit=")
				c.AppendInfoUint(uint64(c.NetHopLimit))
			}
		}
		if !inErr {
			c.icmpv6Match(t, top, typ == 129, id, seq)
		}
		if t.Len() > 8 {
			c.CallData(t.Sub(8), top)
		}
	case 133:
		c.AddBytes(top, hfICMPv6Reserved, t, 4, 4)
		c.icmpv6Options(t, top, 8, "from")
	case 134:
		c.AddUint(top, hfICMPv6RAHop, t, 4, 1)
		c.AddUint(top, hfICMPv6RAFlag, t, 5, 1)
		c.AddUint(top, hfICMPv6RALife, t, 6, 2)
		c.AddUint(top, hfICMPv6RAReach, t, 8, 4)
		c.AddUint(top, hfICMPv6RARetr, t, 12, 4)
		c.icmpv6Options(t, top, 16, "from")
	case 135:
		c.AddBytes(top, hfICMPv6Reserved, t, 4, 4)
		c.AddBytes(top, hfICMPv6NSTarget, t, 8, 16)
		if c.Cols.On && !c.Cols.readonly {
			c.AppendInfo(" for ")
			c.Cols.Info = field.AppendAddr(c.Cols.Info, t.Bytes(8, 16))
		}
		c.icmpv6Options(t, top, 24, "from")
	case 136:
		fl := t.U32(4)
		fn := c.AddUintV(top, hfICMPv6NAFlag, t, 4, 4, uint64(fl))
		if c.Visible() {
			tr.SetLabel(fn, "Flags: 0x"+hex4(uint16(fl>>16))+hex4(uint16(fl))+", "+naFlagNames(fl, ", ", true))
		}
		for _, hf := range []field.ID{hfICMPv6NAFlagR, hfICMPv6NAFlagS, hfICMPv6NAFlagO} {
			f := Fields.Get(hf)
			c.AddUintV(fn, hf, t, 4, 4, uint64(fl)&f.Mask>>f.Shift())
		}
		c.AddUintV(fn, hfICMPv6NAFlagRs, t, 4, 4, uint64(fl&0x1fffffff))
		c.AddBytes(top, hfICMPv6NATarget, t, 8, 16)
		if c.Cols.On && !c.Cols.readonly {
			c.AppendInfo(" ")
			c.Cols.Info = field.AppendAddr(c.Cols.Info, t.Bytes(8, 16))
			if s := naFlagNames(fl, ", ", false); s != "" {
				c.AppendInfo(" (" + s + ")")
			}
		}
		c.icmpv6Options(t, top, 24, "is at")
	case 137:
		c.AddBytes(top, hfICMPv6Reserved, t, 4, 4)
		c.AddBytes(top, hfICMPv6RdTarget, t, 8, 16)
		c.AddBytes(top, hfICMPv6RdDest, t, 24, 16)
		c.icmpv6Options(t, top, 40, "")
	case 130, 131, 132:
		c.AddUint(top, hfICMPv6MLDDelay, t, 4, 2)
		c.AddBytes(top, hfICMPv6Reserved, t, 6, 2)
		c.AddBytes(top, hfICMPv6MLDAddr, t, 8, 16)
		if t.Len() > 24 {
			c.CallData(t.Sub(24), top)
		}
	case 143:
		c.AddBytes(top, hfICMPv6Reserved, t, 4, 2)
		_, nb := c.AddUint(top, hfICMPv6MLDRNb, t, 6, 2)
		o := 8
		for i := uint64(0); i < nb && o < t.Len(); i++ {
			o = mldv2Record(c, t, top, o)
		}
		if o < t.Len() {
			c.CallData(t.Sub(o), top)
		}
	default:
		if t.Len() > 4 {
			c.CallData(t.Sub(4), top)
		}
	}
}

func naFlagNames(fl uint32, sep string, long bool) string {
	var parts []string
	names := [3][2]string{{"rtr", "Router"}, {"sol", "Solicited"}, {"ovr", "Override"}}
	for i, n := range names {
		if fl&(0x80000000>>i) != 0 {
			if long {
				parts = append(parts, n[1])
			} else {
				parts = append(parts, n[0])
			}
		}
	}
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += sep
		}
		s += p
	}
	return s
}

// icmpv6Options dissects neighbour discovery options from off; a source or target link-layer
// address is appended to Info after verb ("from", "is at").
func (c *Ctx) icmpv6Options(t Tvb, top int32, off int, verb string) {
	tr := c.T
	for off+2 <= t.Len() {
		typ := t.U8(off)
		olen := int(t.U8(off+1)) * 8
		if olen == 0 {
			return
		}
		n := c.Add(top, hfICMPv6Opt, t, off, olen, field.Value{})
		name := icmpv6OptNames[uint64(typ)]
		if name == "" {
			name = "Unknown"
		}
		c.AddUintV(n, hfICMPv6OptType, t, off, 1, uint64(typ))
		ln := c.AddUintV(n, hfICMPv6OptLen, t, off+1, 1, uint64(olen/8))
		if c.Visible() {
			tr.SetLabel(ln, "Length: "+strconv.Itoa(olen/8)+" ("+strconv.Itoa(olen)+" bytes)")
		}
		ot := t.SubLen(off, olen)
		lbl := "ICMPv6 Option (" + name + ")"
		switch typ {
		case 1, 2:
			if olen == 8 {
				mac := ot.Bytes(2, 6)
				hf := hfICMPv6SrcLLA
				if typ == 2 {
					hf = hfICMPv6TgtLLA
				}
				c.AddBytes(n, hfICMPv6LLA, ot, 2, 6)
				c.hidden(c.AddBytes(n, hf, ot, 2, 6))
				lbl += " : " + string(field.AppendHexSep(nil, mac, ':'))
				if verb != "" && c.Cols.On && !c.Cols.readonly {
					c.AppendInfo(" " + verb + " ")
					c.Cols.Info = field.AppendHexSep(c.Cols.Info, mac, ':')
				}
			}
		case 3:
			if olen == 32 {
				c.AddUint(n, hfICMPv6PfxLen, ot, 2, 1)
				c.AddUint(n, hfICMPv6PfxFlag, ot, 3, 1)
				c.AddUint(n, hfICMPv6PfxValid, ot, 4, 4)
				c.AddUint(n, hfICMPv6PfxPref, ot, 8, 4)
				c.AddBytes(n, hfICMPv6OptRsvd, ot, 12, 4)
				c.AddBytes(n, hfICMPv6Pfx, ot, 16, 16)
				lbl += " : " + string(field.AppendAddr(nil, ot.Bytes(16, 16))) + "/" + strconv.Itoa(int(ot.U8(2)))
			}
		case 5:
			if olen == 8 {
				c.AddBytes(n, hfICMPv6OptRsvd, ot, 2, 2)
				c.AddUint(n, hfICMPv6OptMTU, ot, 4, 4)
				lbl += " : " + strconv.FormatUint(uint64(ot.U32(4)), 10)
			}
		}
		if c.Visible() && n != top {
			tr.SetLabel(n, lbl)
		}
		off += olen
	}
}

// icmpv6Match pairs echo requests and replies, sharing ICMP's matching state.
func (c *Ctx) icmpv6Match(t Tvb, top int32, reply bool, id, seq uint16) {
	r := c.State.slot(icmpSlot).(*icmpState).match(c, reply, icmpKey{id: id, seq: seq, extended: true})
	c.icmpMatchItems(top, t, r, reply, hfICMPv6RespIn, hfICMPv6RespTo, hfICMPv6RespTime, "Response Time")
}

// mldrRecordTypes are MLDv2's multicast address record types (RFC 3810 5.2.12).
var mldrRecordTypes = map[uint64]string{1: "Include", 2: "Exclude", 3: "Changed to include",
	4: "Changed to exclude", 5: "Allow new sources", 6: "Block old sources"}

// mldv2Record dissects one Multicast Address Record of an MLDv2 report at o and returns the offset
// after it: "Multicast Address Record Changed to exclude: ff02::1:3", as tshark labels it.
func mldv2Record(c *Ctx, t Tvb, parent int32, o int) int {
	rt := uint64(t.U8(o))
	aux := int(t.U8(o+1)) * 4
	nsrc := int(t.U16(o + 2))
	size := 20 + 16*nsrc + aux
	if !t.Has(o, size) {
		size = t.Len() - o
	}
	r := c.Add(parent, hfICMPv6MAR, t, o, size, field.Value{})
	if c.Visible() {
		name, ok := mldrRecordTypes[rt]
		if !ok {
			name = "Unknown"
		}
		c.T.SetLabel(r, "Multicast Address Record "+name+": "+string(field.AppendAddr(nil, t.Bytes(o+4, 16))))
	}
	c.AddUint(r, hfICMPv6MARType, t, o, 1)
	c.AddUint(r, hfICMPv6MARAux, t, o+1, 1)
	c.AddUint(r, hfICMPv6MARNbSrc, t, o+2, 2)
	c.AddBytes(r, hfICMPv6MARAddr, t, o+4, 16)
	so := o + 20
	for i := 0; i < nsrc; i++ {
		c.AddBytes(r, hfICMPv6MARSrc, t, so, 16)
		so += 16
	}
	if aux > 0 {
		c.AddBytes(r, hfICMPv6MARData, t, so, aux)
		so += aux
	}
	return so
}
