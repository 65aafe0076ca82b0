package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Internet Protocol version 6 (Wireshark's packet-ipv6.c): the fixed header with its embedded
// addresses (SLAAC, 6to4, Teredo, ISATAP, IPv4-embedded), and the extension headers hop-by-hop,
// routing (types 0, 2 and 4), fragment and destination options, dissected inside the IPv6 tree as
// Wireshark does. Fragments are not reassembled yet: their payload goes to data.

var (
	protoIPv6         = Fields.Protocol("ipv6", "Internet Protocol Version 6")
	hfIPv6Version     = Fields.Add(protoIPv6, "ipv6.version", "Version", field.Uint8)
	hfIPv6TClass      = Fields.Add(protoIPv6, "ipv6.tclass", "Traffic Class", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x0ff00000))
	hfIPv6TClassDSCP  = Fields.Add(protoIPv6, "ipv6.tclass.dscp", "Differentiated Services Codepoint", field.Uint32, field.WithMask(0x0fc00000), field.WithStrings(dscpVals))
	hfIPv6TClassECN   = Fields.Add(protoIPv6, "ipv6.tclass.ecn", "Explicit Congestion Notification", field.Uint32, field.WithMask(0x00300000), field.WithStrings(ecnVals))
	hfIPv6Flow        = Fields.Add(protoIPv6, "ipv6.flow", "Flow Label", field.Uint24, field.WithBase(field.Hex), field.WithMask(0xfffff))
	hfIPv6Plen        = Fields.Add(protoIPv6, "ipv6.plen", "Payload Length", field.Uint16)
	hfIPv6Nxt         = Fields.Add(protoIPv6, "ipv6.nxt", "Next Header", field.Uint8, field.WithStrings(ipProtoVals))
	hfIPv6Hlim        = Fields.Add(protoIPv6, "ipv6.hlim", "Hop Limit", field.Uint8)
	hfIPv6Src         = Fields.Add(protoIPv6, "ipv6.src", "Source Address", field.IPv6)
	hfIPv6SrcHost     = Fields.Add(protoIPv6, "ipv6.src_host", "Source Host", field.String)
	hfIPv6SrcSLAAC    = Fields.Add(protoIPv6, "ipv6.src_slaac_mac", "Source SLAAC MAC", field.Ether)
	hfIPv6SrcISATAP   = Fields.Add(protoIPv6, "ipv6.src_isatap_ipv4", "Source ISATAP IPv4", field.IPv4)
	hfIPv6Src6to4     = Fields.Add(protoIPv6, "ipv6.src_6to4_gw_ipv4", "Source 6to4 Gateway IPv4", field.IPv4)
	hfIPv6Src6to4SLA  = Fields.Add(protoIPv6, "ipv6.src_6to4_sla_id", "Source 6to4 SLA ID", field.Uint16)
	hfIPv6SrcTS       = Fields.Add(protoIPv6, "ipv6.src_ts_ipv4", "Source Teredo Server IPv4", field.IPv4)
	hfIPv6SrcTCPort   = Fields.Add(protoIPv6, "ipv6.src_tc_port", "Source Teredo Port", field.Uint16)
	hfIPv6SrcTC       = Fields.Add(protoIPv6, "ipv6.src_tc_ipv4", "Source Teredo Client IPv4", field.IPv4)
	hfIPv6SrcEmbed    = Fields.Add(protoIPv6, "ipv6.src_embed_ipv4", "Source Embedded IPv4", field.IPv4)
	hfIPv6Dst         = Fields.Add(protoIPv6, "ipv6.dst", "Destination Address", field.IPv6)
	hfIPv6DstHost     = Fields.Add(protoIPv6, "ipv6.dst_host", "Destination Host", field.String)
	hfIPv6DstSLAAC    = Fields.Add(protoIPv6, "ipv6.dst_slaac_mac", "Destination SLAAC MAC", field.Ether)
	hfIPv6DstISATAP   = Fields.Add(protoIPv6, "ipv6.dst_isatap_ipv4", "Destination ISATAP IPv4", field.IPv4)
	hfIPv6Dst6to4     = Fields.Add(protoIPv6, "ipv6.dst_6to4_gw_ipv4", "Destination 6to4 Gateway IPv4", field.IPv4)
	hfIPv6Dst6to4SLA  = Fields.Add(protoIPv6, "ipv6.dst_6to4_sla_id", "Destination 6to4 SLA ID", field.Uint16)
	hfIPv6DstTS       = Fields.Add(protoIPv6, "ipv6.dst_ts_ipv4", "Destination Teredo Server IPv4", field.IPv4)
	hfIPv6DstTCPort   = Fields.Add(protoIPv6, "ipv6.dst_tc_port", "Destination Teredo Port", field.Uint16)
	hfIPv6DstTC       = Fields.Add(protoIPv6, "ipv6.dst_tc_ipv4", "Destination Teredo Client IPv4", field.IPv4)
	hfIPv6DstEmbed    = Fields.Add(protoIPv6, "ipv6.dst_embed_ipv4", "Destination Embedded IPv4", field.IPv4)
	hfIPv6Addr        = Fields.Add(protoIPv6, "ipv6.addr", "Source or Destination Address", field.IPv6)
	hfIPv6Host        = Fields.Add(protoIPv6, "ipv6.host", "Source or Destination Host", field.String)
	hfIPv6SLAAC       = Fields.Add(protoIPv6, "ipv6.slaac_mac", "SLAAC MAC", field.Ether)
	hfIPv6ISATAP      = Fields.Add(protoIPv6, "ipv6.isatap_ipv4", "ISATAP IPv4", field.IPv4)
	hfIPv66to4        = Fields.Add(protoIPv6, "ipv6.6to4_gw_ipv4", "6to4 Gateway IPv4", field.IPv4)
	hfIPv66to4SLA     = Fields.Add(protoIPv6, "ipv6.6to4_sla_id", "6to4 SLA ID", field.Uint16)
	hfIPv6TS          = Fields.Add(protoIPv6, "ipv6.ts_ipv4", "Teredo Server IPv4", field.IPv4)
	hfIPv6TCPort      = Fields.Add(protoIPv6, "ipv6.tc_port", "Teredo Port", field.Uint16)
	hfIPv6TC          = Fields.Add(protoIPv6, "ipv6.tc_ipv4", "Teredo Client IPv4", field.IPv4)
	hfIPv6Embed       = Fields.Add(protoIPv6, "ipv6.embed_ipv4", "Embedded IPv4", field.IPv4)
	hfIPv6Opt         = Fields.Add(protoIPv6, "ipv6.opt", "IPv6 Option", field.None)
	hfIPv6OptType     = Fields.Add(protoIPv6, "ipv6.opt.type", "Type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(ipv6OptTypeVals))
	hfIPv6OptAction   = Fields.Add(protoIPv6, "ipv6.opt.type.action", "Action", field.Uint8, field.WithMask(0xc0), field.WithStrings(ipv6OptActionVals))
	hfIPv6OptChange   = Fields.Add(protoIPv6, "ipv6.opt.type.change", "May Change", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Yes", "No"))
	hfIPv6OptRest     = Fields.Add(protoIPv6, "ipv6.opt.type.rest", "Low-Order Bits", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x1f))
	hfIPv6OptLength   = Fields.Add(protoIPv6, "ipv6.opt.length", "Length", field.Uint8)
	hfIPv6OptPad1     = Fields.Add(protoIPv6, "ipv6.opt.pad1", "Pad1", field.None)
	hfIPv6OptPadN     = Fields.Add(protoIPv6, "ipv6.opt.padn", "PadN", field.Bytes)
	hfIPv6OptRA       = Fields.Add(protoIPv6, "ipv6.opt.router_alert", "Router Alert", field.Uint16, field.WithStrings(ipv6RAVals))
	hfIPv6OptTEL      = Fields.Add(protoIPv6, "ipv6.opt.tel", "Tunnel Encapsulation Limit", field.Uint8)
	hfIPv6OptJumbo    = Fields.Add(protoIPv6, "ipv6.opt.jumbo", "Payload Length", field.Uint32)
	hfIPv6OptUnknown  = Fields.Add(protoIPv6, "ipv6.opt.unknown", "Unknown Option Payload", field.Bytes)
	eiIPv6PlenZero    = RegisterExpert(protoIPv6, "ipv6.plen_zero", "IPv6 payload length equals 0 (maybe because of \"TCP segmentation offload\" (TSO))", GroupProtocol, SevChat)
	eiIPv6PlenExceeds = RegisterExpert(protoIPv6, "ipv6.plen_exceeds_framing", "IPv6 payload length does not match expected framing length", GroupProtocol, SevWarn)
	eiIPv6BogusVer    = RegisterExpert(protoIPv6, "ipv6.bogus_ipv6_version", "Bogus IP version", GroupMalformed, SevError)
	eiIPv6OptBadLen   = RegisterExpert(protoIPv6, "ipv6.opt.invalid_len", "Invalid IPv6 option length", GroupMalformed, SevError)

	protoIPv6HopOpts  = Fields.Protocol("ipv6.hopopts", "IPv6 Hop-by-Hop Option")
	hfIPv6HopOptsNxt  = Fields.Add(protoIPv6HopOpts, "ipv6.hopopts.nxt", "Next Header", field.Uint8, field.WithStrings(ipProtoVals))
	hfIPv6HopOptsLen  = Fields.Add(protoIPv6HopOpts, "ipv6.hopopts.len", "Length", field.Uint8)
	hfIPv6HopOptsLenO = Fields.Add(protoIPv6HopOpts, "ipv6.hopopts.len_oct", "Length", field.Uint16)
	protoIPv6DstOpts  = Fields.Protocol("ipv6.dstopts", "Destination Options for IPv6")
	hfIPv6DstOptsNxt  = Fields.Add(protoIPv6DstOpts, "ipv6.dstopts.nxt", "Next Header", field.Uint8, field.WithStrings(ipProtoVals))
	hfIPv6DstOptsLen  = Fields.Add(protoIPv6DstOpts, "ipv6.dstopts.len", "Length", field.Uint8)
	hfIPv6DstOptsLenO = Fields.Add(protoIPv6DstOpts, "ipv6.dstopts.len_oct", "Length", field.Uint16)

	protoIPv6Routing    = Fields.Protocol("ipv6.routing", "Routing Header for IPv6")
	hfIPv6RtNxt         = Fields.Add(protoIPv6Routing, "ipv6.routing.nxt", "Next Header", field.Uint8, field.WithStrings(ipProtoVals))
	hfIPv6RtLen         = Fields.Add(protoIPv6Routing, "ipv6.routing.len", "Length", field.Uint8)
	hfIPv6RtLenO        = Fields.Add(protoIPv6Routing, "ipv6.routing.len_oct", "Length", field.Uint16)
	hfIPv6RtType        = Fields.Add(protoIPv6Routing, "ipv6.routing.type", "Type", field.Uint8, field.WithStrings(ipv6RoutingTypeVals))
	hfIPv6RtSegLeft     = Fields.Add(protoIPv6Routing, "ipv6.routing.segleft", "Segments Left", field.Uint8)
	hfIPv6RtUnknown     = Fields.Add(protoIPv6Routing, "ipv6.routing.unknown_data", "Type-Specific Data", field.Bytes)
	hfIPv6RtSrcReserved = Fields.Add(protoIPv6Routing, "ipv6.routing.src.reserved", "Reserved", field.Bytes)
	hfIPv6RtSrcAddr     = Fields.Add(protoIPv6Routing, "ipv6.routing.src.addr", "Address", field.IPv6)
	hfIPv6RtMIPReserved = Fields.Add(protoIPv6Routing, "ipv6.routing.mipv6.reserved", "Reserved", field.Bytes)
	hfIPv6RtMIPHome     = Fields.Add(protoIPv6Routing, "ipv6.routing.mipv6.home_address", "Home Address", field.IPv6)
	hfIPv6RtSRHLast     = Fields.Add(protoIPv6Routing, "ipv6.routing.srh.last_entry", "Last Entry", field.Uint8)
	hfIPv6RtSRHFlags    = Fields.Add(protoIPv6Routing, "ipv6.routing.srh.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfIPv6RtSRHTag      = Fields.Add(protoIPv6Routing, "ipv6.routing.srh.tag", "Tag", field.Bytes)
	hfIPv6RtSRHAddr     = Fields.Add(protoIPv6Routing, "ipv6.routing.srh.addr", "Address", field.IPv6)
	eiIPv6RtDeprecated  = RegisterExpert(protoIPv6Routing, "ipv6.routing.deprecated", "Routing header type is deprecated", GroupDeprecated, SevNote)

	protoIPv6Frag         = Fields.Protocol("ipv6.fraghdr", "Fragment Header for IPv6")
	hfIPv6FragNxt         = Fields.Add(protoIPv6Frag, "ipv6.fraghdr.nxt", "Next header", field.Uint8, field.WithStrings(ipProtoVals))
	hfIPv6FragResOctet    = Fields.Add(protoIPv6Frag, "ipv6.fraghdr.reserved_octet", "Reserved octet", field.Uint8, field.WithBase(field.Hex))
	hfIPv6FragOffset      = Fields.Add(protoIPv6Frag, "ipv6.fraghdr.offset", "Offset", field.Uint16, field.WithMask(0xfff8))
	hfIPv6FragResBits     = Fields.Add(protoIPv6Frag, "ipv6.fraghdr.reserved_bits", "Reserved bits", field.Uint16, field.WithMask(0x0006))
	hfIPv6FragMore        = Fields.Add(protoIPv6Frag, "ipv6.fraghdr.more", "More Fragments", field.Bool, field.WithBase(16), field.WithMask(0x0001), field.WithTrueFalse("Yes", "No"))
	hfIPv6FragIdent       = Fields.Add(protoIPv6Frag, "ipv6.fraghdr.ident", "Identification", field.Uint32, field.WithBase(field.Hex))
	hfIPv6Fragment        = Fields.Add(protoIPv6, "ipv6.fragment", "IPv6 Fragment", field.FrameNum)
	hfIPv6FragOverlap     = Fields.Add(protoIPv6, "ipv6.fragment.overlap", "Fragment overlap", field.Bool, field.WithBlurb("Fragment overlaps with other fragments"))
	hfIPv6FragConflict    = Fields.Add(protoIPv6, "ipv6.fragment.overlap.conflict", "Conflicting data in fragment overlap", field.Bool, field.WithBlurb("Overlapping fragments contained conflicting data"))
	hfIPv6FragMultiTails  = Fields.Add(protoIPv6, "ipv6.fragment.multipletails", "Multiple tail fragments found", field.Bool, field.WithBlurb("Several tails were found when defragmenting the packet"))
	hfIPv6FragTooLong     = Fields.Add(protoIPv6, "ipv6.fragment.toolongfragment", "Fragment too long", field.Bool, field.WithBlurb("Fragment contained data past end of packet"))
	hfIPv6FragError       = Fields.Add(protoIPv6, "ipv6.fragment.error", "Defragmentation error", field.FrameNum, field.WithBlurb("Defragmentation error due to illegal fragments"))
	hfIPv6FragCount       = Fields.Add(protoIPv6, "ipv6.fragment.count", "Fragment count", field.Uint32)
	hfIPv6Fragments       = Fields.Add(protoIPv6, "ipv6.fragments", "IPv6 Fragments", field.None)
	hfIPv6ReassembledIn   = Fields.Add(protoIPv6, "ipv6.reassembled.in", "Reassembled IPv6 in frame", field.FrameNum, field.WithBlurb("This IPv6 packet is reassembled in this frame"))
	hfIPv6ReassembledLen  = Fields.Add(protoIPv6, "ipv6.reassembled.length", "Reassembled IPv6 length", field.Uint32, field.WithBlurb("The total length of the reassembled payload"))
	hfIPv6ReassembledData = Fields.Add(protoIPv6, "ipv6.reassembled.data", "Reassembled IPv6 data", field.Bytes, field.WithBlurb("The reassembled payload"))

	handleIPv6 = &Handle{Name: "ipv6", Fn: dissectIPv6}
)

func init() {
	RegisterShortName(protoIPv6, "IPv6")
	RegisterShortName(protoIPv6HopOpts, "IPv6 Hop-by-Hop")
	RegisterShortName(protoIPv6DstOpts, "IPv6 Destination")
	RegisterShortName(protoIPv6Routing, "IPv6 Routing")
	RegisterShortName(protoIPv6Frag, "IPv6 Fragment")
	EtherType.Add(0x86dd, handleIPv6)
	RegisterEtherPDULen(0x86dd, ipv6PDULen)
	IPProto.Add(41, handleIPv6)
	_ = []*Expert{eiIPv6PlenExceeds}
}

// ipv6FragFields are the fields IPv6 shows its reassembly with (ipv6_frag_items).
var ipv6FragFields = fragFields{
	fragments: hfIPv6Fragments, fragment: hfIPv6Fragment, overlap: hfIPv6FragOverlap, conflict: hfIPv6FragConflict,
	multiTails: hfIPv6FragMultiTails, tooLong: hfIPv6FragTooLong, errorF: hfIPv6FragError, count: hfIPv6FragCount,
	reassembledIn: hfIPv6ReassembledIn, reassembledLen: hfIPv6ReassembledLen, reassembledData: hfIPv6ReassembledData,
	source: "Reassembled IPv6", tag: "IPv6 fragments",
}

func ipv6PDULen(t Tvb) int {
	if t.Len() < 6 || t.B[0]>>4 != 6 {
		return -1
	}
	plen := int(t.B[4])<<8 | int(t.B[5])
	if plen == 0 {
		return -1
	}
	return 40 + plen
}

func dissectIPv6(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("IPv6")
	c.ClearInfo()
	b0 := t.U8(0)
	p := c.AddProto(parent, protoIPv6, t, 0, 40)
	if b0>>4 != 6 {
		n := c.AddUintV(p, hfIPv6Version, t, 0, 1, uint64(b0>>4))
		if c.Visible() {
			c.Label(n, "%s = Version: %d", bitPattern8(uint64(b0), 0xf0), b0>>4)
		}
		c.Expert(n, eiIPv6BogusVer, t, 0, 1, "Bogus IP version")
		c.SetInfo("Bogus IPv6 version")
		return
	}
	t.Need(0, 40)
	n := c.AddUintV(p, hfIPv6Version, t, 0, 1, 6)
	c.Label(n, "0110 .... = Version: 6")
	c.AddHidden(p, hfIPVersion, t, 0, 1, field.Value{U: 6})
	w := uint64(t.U32(0))
	tc, _ := c.AddUint(p, hfIPv6TClass, t, 0, 4)
	if c.Visible() {
		cls := w >> 20 & 0xff
		dscp := dscpShortVals[cls>>2]
		if dscp == "" {
			dscp = "Unknown"
		}
		c.T.SetLabel(tc, Fields.Get(hfIPv6TClass).BitPattern(cls)+" = Traffic Class: 0x"+hex2(cls)+
			" (DSCP: "+dscp+", ECN: "+ecnShortVals[cls&3]+")")
	}
	c.AddUint(tc, hfIPv6TClassDSCP, t, 0, 4)
	c.AddUint(tc, hfIPv6TClassECN, t, 0, 4)
	c.AddUint(p, hfIPv6Flow, t, 1, 3)
	plen := int(t.U16(4))
	pn := c.AddUintV(p, hfIPv6Plen, t, 4, 2, uint64(plen))
	nxt := uint64(t.U8(6))
	c.AddUintV(p, hfIPv6Nxt, t, 6, 1, nxt)
	c.AddUint(p, hfIPv6Hlim, t, 7, 1)
	src, dst := t.Bytes(8, 16), t.Bytes(24, 16)
	ipv6AddrNodes(c, t, p, 8, hfIPv6Src, hfIPv6SrcHost)
	ipv6AddrNodes(c, t, p, 24, hfIPv6Dst, hfIPv6DstHost)
	ipv6Embedded(c, t, p, 8, true)
	ipv6Embedded(c, t, p, 24, false)
	c.SetNetAddrs(AddrIPv6, src, dst)
	c.NetSrc, c.NetDst, c.NetHopLimit = src, dst, int16(t.U8(7))
	if c.Visible() {
		b := make([]byte, 0, 120)
		b = append(b, "Internet Protocol Version 6, Src: "...)
		b = c.appendHostNamed(b, src)
		b = append(b, ", Dst: "...)
		b = c.appendHostNamed(b, dst)
		c.T.SetLabel(p, string(b))
	}
	if plen == 0 && nxt != 0 {
		c.Label(pn, "Payload Length: 0 (TSO?)")
		c.Expert(pn, eiIPv6PlenZero, t, 4, 2, "")
		plen = t.Len() - 40 + c.unreported(t)
	}
	if 40+plen < t.Len() {
		t = t.SubLen(0, 40+plen)
	}
	o := 40
	// fragPlen is what the payload length leaves after the extension headers so far (frag_plen):
	// reassembly happens only while it is positive, and once per datagram.
	fragPlen := plen
	base := 0 // bytes of the frame's headers when the rest comes from reassembled data
	for {
		var h Tvb
		switch nxt {
		case 0, 60:
			h = t.Sub(o)
			o0 := o
			nxt, o = ipv6Options(c, h, p, nxt, o)
			fragPlen -= o - o0
			continue
		case 51: // AH is an extension header to IPv6 (Wireshark's ipv6_dissect_next)
			c.PushLayer("ah")
			o0 := o
			var n int
			nxt, n = ahHeader(c, t.Sub(o), p)
			o += n
			fragPlen -= o - o0
			continue
		case 43:
			h = t.Sub(o)
			o0 := o
			nxt, o = ipv6Routing(c, h, p, o)
			fragPlen -= o - o0
			continue
		case 44:
			h = t.Sub(o)
			fnxt, off, more, ident := ipv6Fragment(c, h, p)
			o += 8
			fragPlen -= 8
			if fragPlen > 0 && (off != 0 || more) {
				if t.Has(o, fragPlen) {
					k := fragKey{id: uint32(ident), v6: true}
					copy(k.src[:], src)
					copy(k.dst[:], dst)
					rt, done, _ := c.defragment(&ipv6FragFields, k, uint32(off*8), more, t.SubLen(o, fragPlen), p)
					if done {
						// The headers after the fragment header come from the reassembled data.
						base = o
						t, o, nxt, fragPlen = rt, 0, fnxt, 0
						continue
					}
				}
				c.CallData(t.Sub(o), parent)
				return
			}
			nxt = fnxt
			continue
		}
		break
	}
	// Wireshark's IPv6 item grows by each extension header it dissects (p_ipv6_pinfo_add_len).
	if p != parent && c.T.Nodes[p].Field == protoIPv6 {
		n := &c.T.Nodes[p]
		l := int32(base + o)
		if sz := int32(len(c.T.Sources[n.Src].Bytes)) - n.Off; l > sz {
			l = sz
		}
		if l > n.Len {
			n.Len = l
		}
	}
	payload := t.Sub(o)
	if nxt == 59 {
		return
	}
	next := parent
	if nxt == 135 && p != parent {
		next = p // the Mobility Header is an IPv6 extension header: tshark draws it inside IPv6
	}
	if !c.TryTable(IPProto, nxt, payload, next) {
		if c.Cols.On && !c.Cols.readonly {
			c.SetInfo(IPProtoName(nxt))
			c.AppendInfo(" (")
			c.AppendInfoUint(nxt)
			c.AppendInfo(")")
		}
		c.CallData(payload, parent)
	}
}

func ipv6AddrNodes(c *Ctx, t Tvb, p int32, o int, hf, hfHost field.ID) {
	a := t.Bytes(o, 16)
	c.AddBytes(p, hf, t, o, 16)
	c.AddHidden(p, hfIPv6Addr, t, o, 16, field.Value{B: a})
	if c.T.Wants(hfHost) || c.T.Wants(hfIPv6Host) {
		txt := c.hostText(a)
		c.AddHidden(p, hfHost, t, o, 16, field.Value{B: txt})
		c.AddHidden(p, hfIPv6Host, t, o, 16, field.Value{B: txt})
	}
}

// ipv6Embedded adds the addresses Wireshark finds inside an IPv6 address: the MAC of a SLAAC
// (EUI-64) interface identifier, the IPv4 address of 6to4, Teredo and ISATAP addresses.
func ipv6Embedded(c *Ctx, t Tvb, p int32, o int, src bool) {
	a := t.Bytes(o, 16)
	pick := func(s, d field.ID) field.ID {
		if src {
			return s
		}
		return d
	}
	gen := func(hf, hfAny field.ID, off, n int, v field.Value) {
		c.AddGenerated(p, hf, t, o+off, n, v)
		c.AddHidden(p, hfAny, t, o+off, n, v)
	}
	switch {
	case a[0] == 0x20 && a[1] == 0x02: // 6to4
		gen(pick(hfIPv6Src6to4, hfIPv6Dst6to4), hfIPv66to4, 2, 4, field.Value{B: a[2:6]})
		sla := uint64(a[6])<<8 | uint64(a[7])
		gen(pick(hfIPv6Src6to4SLA, hfIPv6Dst6to4SLA), hfIPv66to4SLA, 6, 2, field.Value{U: sla})
		return
	case a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0: // Teredo
		gen(pick(hfIPv6SrcTS, hfIPv6DstTS), hfIPv6TS, 4, 4, field.Value{B: a[4:8]})
		port := (uint64(a[10])<<8 | uint64(a[11])) ^ 0xffff
		gen(pick(hfIPv6SrcTCPort, hfIPv6DstTCPort), hfIPv6TCPort, 10, 2, field.Value{U: port})
		if c.T.Wants(pick(hfIPv6SrcTC, hfIPv6DstTC)) || c.T.Wants(hfIPv6TC) || c.Visible() {
			cl := []byte{a[12] ^ 0xff, a[13] ^ 0xff, a[14] ^ 0xff, a[15] ^ 0xff}
			gen(pick(hfIPv6SrcTC, hfIPv6DstTC), hfIPv6TC, 12, 4, field.Value{B: cl})
		}
		return
	}
	if a[11] == 0xff && a[12] == 0xfe && a[8]&0x02 != 0 {
		if c.T.Wants(pick(hfIPv6SrcSLAAC, hfIPv6DstSLAAC)) || c.T.Wants(hfIPv6SLAAC) {
			mac := []byte{a[8] ^ 0x02, a[9], a[10], a[13], a[14], a[15]}
			gen(pick(hfIPv6SrcSLAAC, hfIPv6DstSLAAC), hfIPv6SLAAC, 8, 8, field.Value{B: mac})
		}
		return
	}
	if (a[8]&^0x02) == 0 && a[9] == 0 && a[10] == 0x5e && a[11] == 0xfe { // ISATAP
		gen(pick(hfIPv6SrcISATAP, hfIPv6DstISATAP), hfIPv6ISATAP, 12, 4, field.Value{B: a[12:16]})
	}
	_ = []field.ID{hfIPv6SrcEmbed, hfIPv6DstEmbed, hfIPv6Embed}
}

// ipv6Options dissects a hop-by-hop (nh 0) or destination options (nh 60) header at o.
func ipv6Options(c *Ctx, h Tvb, p int32, nh uint64, o int) (uint64, int) {
	proto, hfNxt, hfLen, hfLenO, name := protoIPv6HopOpts, hfIPv6HopOptsNxt, hfIPv6HopOptsLen, hfIPv6HopOptsLenO, "ipv6.hopopts"
	if nh == 60 {
		proto, hfNxt, hfLen, hfLenO, name = protoIPv6DstOpts, hfIPv6DstOptsNxt, hfIPv6DstOptsLen, hfIPv6DstOptsLenO, "ipv6.dstopts"
	}
	c.PushLayer(name)
	nxt := uint64(h.U8(0))
	l := (int(h.U8(1)) + 1) * 8
	e := c.AddProto(p, proto, h, 0, l)
	c.AddUintV(e, hfNxt, h, 0, 1, nxt)
	c.AddUint(e, hfLen, h, 1, 1)
	n := c.AddGenerated(e, hfLenO, h, 1, 1, field.Value{U: uint64(l)})
	if c.Visible() {
		c.Label(n, "Length: %d bytes", l)
	}
	h.Need(0, l)
	for oo := 2; oo < l; {
		typ := uint64(h.U8(oo))
		tname, ok := ipv6OptTypeVals[typ]
		if !ok {
			tname = "Unknown IPv6 Option (0x" + hex2(typ) + ")"
		}
		if typ == 0 {
			on := c.AddProto(e, hfIPv6Opt, h, oo, 1)
			if c.Visible() {
				c.Label(on, "%s", tname)
			}
			ipv6OptType(c, h, on, oo)
			oo++
			continue
		}
		ol := int(h.U8(oo + 1))
		on := c.AddProto(e, hfIPv6Opt, h, oo, 2+ol)
		if c.Visible() {
			c.Label(on, "%s", tname)
		}
		ipv6OptType(c, h, on, oo)
		c.AddUint(on, hfIPv6OptLength, h, oo+1, 1)
		h.Need(oo+2, ol)
		switch typ {
		case 1:
			pn := c.AddBytes(on, hfIPv6OptPadN, h, oo+2, ol)
			if ol == 0 {
				c.Label(pn, "PadN: <none>")
			}
		case 5:
			if ol == 2 {
				c.AddUint(on, hfIPv6OptRA, h, oo+2, 2)
			} else {
				c.Expert(on, eiIPv6OptBadLen, h, oo+1, 1, "")
			}
		case 4:
			c.AddUint(on, hfIPv6OptTEL, h, oo+2, 1)
		case 0xc2:
			c.AddUint(on, hfIPv6OptJumbo, h, oo+2, 4)
		default:
			if ol > 0 {
				c.AddBytes(on, hfIPv6OptUnknown, h, oo+2, ol)
			}
		}
		oo += 2 + ol
	}
	_ = hfIPv6OptPad1
	return nxt, o + l
}

func ipv6OptType(c *Ctx, h Tvb, p int32, o int) {
	n, _ := c.AddUint(p, hfIPv6OptType, h, o, 1)
	c.AddUint(n, hfIPv6OptAction, h, o, 1)
	c.AddUint(n, hfIPv6OptChange, h, o, 1)
	c.AddUint(n, hfIPv6OptRest, h, o, 1)
}

func ipv6Routing(c *Ctx, h Tvb, p int32, o int) (uint64, int) {
	c.PushLayer("ipv6.routing")
	nxt := uint64(h.U8(0))
	l := (int(h.U8(1)) + 1) * 8
	typ := uint64(h.U8(2))
	e := c.AddProto(p, protoIPv6Routing, h, 0, l)
	if c.Visible() {
		tn, ok := ipv6RoutingTypeVals[typ]
		if !ok {
			tn = "Unknown"
		}
		c.T.SetLabel(e, "Routing Header for IPv6 ("+tn+")")
	}
	c.AddUintV(e, hfIPv6RtNxt, h, 0, 1, nxt)
	c.AddUint(e, hfIPv6RtLen, h, 1, 1)
	n := c.AddGenerated(e, hfIPv6RtLenO, h, 1, 1, field.Value{U: uint64(l)})
	if c.Visible() {
		c.Label(n, "Length: %d bytes", l)
	}
	tn := c.AddUintV(e, hfIPv6RtType, h, 2, 1, typ)
	c.AddUint(e, hfIPv6RtSegLeft, h, 3, 1)
	h.Need(0, l)
	switch typ {
	case 0:
		c.Expert(tn, eiIPv6RtDeprecated, h, 2, 1, "")
		c.AddBytes(e, hfIPv6RtSrcReserved, h, 4, 4)
		var last []byte
		for i, oo := 1, 8; oo+16 <= l; i, oo = i+1, oo+16 {
			an := c.AddBytes(e, hfIPv6RtSrcAddr, h, oo, 16)
			if c.Visible() {
				c.Label(an, "Address[%d]: %s", i, field.AppendAddr(nil, h.Bytes(oo, 16)))
			}
			last = h.Bytes(oo, 16)
		}
		if last != nil && h.U8(3) > 0 {
			c.ipv6FinalDst(last)
		}
	case 2:
		c.AddBytes(e, hfIPv6RtMIPReserved, h, 4, 4)
		c.AddBytes(e, hfIPv6RtMIPHome, h, 8, 16)
	case 4:
		c.AddUint(e, hfIPv6RtSRHLast, h, 4, 1)
		c.AddUint(e, hfIPv6RtSRHFlags, h, 5, 1)
		c.AddBytes(e, hfIPv6RtSRHTag, h, 6, 2)
		for i, oo := 0, 8; oo+16 <= l; i, oo = i+1, oo+16 {
			an := c.AddBytes(e, hfIPv6RtSRHAddr, h, oo, 16)
			if c.Visible() {
				c.Label(an, "Address[%d]: %s", i, field.AppendAddr(nil, h.Bytes(oo, 16)))
			}
		}
		if l >= 24 && h.U8(3) > 0 {
			c.ipv6FinalDst(h.Bytes(8, 16))
		}
	default:
		if l > 4 {
			c.AddBytes(e, hfIPv6RtUnknown, h, 4, l-4)
		}
	}
	return nxt, o + l
}

// ipv6FinalDst makes a routing header's final destination the packet's destination, for the columns
// and the upper layers' pseudo-header, as Wireshark does.
func (c *Ctx) ipv6FinalDst(a []byte) {
	c.NetDst = a
	if c.Cols.On && !c.Cols.readonly {
		c.Cols.NetDst = Addr{Kind: AddrIPv6, B: a}
	}
}

func ipv6Fragment(c *Ctx, h Tvb, p int32) (uint64, uint64, bool, uint64) {
	c.PushLayer("ipv6.fraghdr")
	nxt := uint64(h.U8(0))
	e := c.AddProto(p, protoIPv6Frag, h, 0, 8)
	c.AddUintV(e, hfIPv6FragNxt, h, 0, 1, nxt)
	c.AddUint(e, hfIPv6FragResOctet, h, 1, 1)
	on, off := c.AddUint(e, hfIPv6FragOffset, h, 2, 2)
	if c.Visible() {
		c.Label(on, "%s = Offset: %d (%d bytes)", Fields.Get(hfIPv6FragOffset).BitPattern(off), off, off*8)
	}
	c.AddUint(e, hfIPv6FragResBits, h, 2, 2)
	_, more := c.AddUint(e, hfIPv6FragMore, h, 2, 2)
	_, ident := c.AddUint(e, hfIPv6FragIdent, h, 4, 4)
	if off != 0 || more != 0 {
		if c.Cols.On && !c.Cols.readonly {
			m := "n"
			if more != 0 {
				m = "y"
			}
			c.SetInfo("IPv6 fragment (off=" + itoa(off*8) + " more=" + m + " ident=0x" + hex4(ident>>16) + hex4(ident&0xffff) + " nxt=" + itoa(nxt) + ")")
		}
	}
	return nxt, off, more != 0, ident
}

var ipv6OptTypeVals = map[uint64]string{
	0x0:  "Pad1",
	0x1:  "PadN",
	0x4:  "Tunnel Encapsulation Limit",
	0x5:  "Router Alert",
	0x7:  "CALIPSO",
	0x8:  "SMF_DPD",
	0xf:  "Performance and Diagnostic Metrics",
	0x1e: "Experimental (0x1E)",
	0x26: "Quick-Start",
	0x30: "Path MTU Option",
	0x31: "IOAM Option",
	0x3e: "Experimental (0x3E)",
	0x41: "Tunnel Payload Forwarding (TPF) Information",
	0x5e: "Experimental (0x5E)",
	0x63: "RPL Option",
	0x6d: "MPL Option",
	0x7e: "Experimental (0x7E)",
	0x8a: "Endpoint Identification",
	0x8b: "ILNP Nonce",
	0x8c: "Line-Identification Option",
	0x9e: "Experimental (0x9E)",
	0xbe: "Experimental (0xBE)",
	0xc2: "Jumbo Payload",
	0xc9: "Home Address",
	0xde: "Experimental (0xDE)",
	0xee: "IP_DFF",
	0xfe: "Experimental (0xFE)",
}
var ipv6OptActionVals = map[uint64]string{
	0x0: "Skip and continue",
	0x1: "Discard",
	0x2: "Discard and send ICMP Parameter Problem",
	0x3: "Discard and send ICMP if not multicast",
}
var ipv6RoutingTypeVals = map[uint64]string{
	0x0:  "Source Route",
	0x1:  "Nimrod",
	0x2:  "Type 2 Routing",
	0x3:  "RPL Source Route",
	0x4:  "Segment Routing",
	0x5:  "Compact Routing Header 16",
	0x6:  "Compact Routing Header 32",
	0xfd: "Experiment 1",
	0xfe: "Experiment 2",
}
var ipv6RAVals = map[uint64]string{
	0x0: "MLD",
	0x1: "RSVP",
	0x2: "Active Network",
}
