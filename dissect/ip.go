package dissect

import (
	"encoding/binary"

	"github.com/tshark-tui/tshark-tui/field"
)

// Internet Protocol version 4 (Wireshark's packet-ip.c): header fields, options, fragments and the
// hand-off to the protocol above through IPProto. Fragments are not reassembled yet: every fragment's
// payload goes to data with tshark's "Fragmented IP protocol" Info; reassembly comes later.

var (
	protoIP            = Fields.Protocol("ip", "Internet Protocol Version 4")
	hfIPVersion        = Fields.Add(protoIP, "ip.version", "Version", field.Uint8)
	hfIPHdrLen         = Fields.Add(protoIP, "ip.hdr_len", "Header Length", field.Uint8, field.WithBlurb("Header length in 32-bit words"))
	hfIPDSField        = Fields.Add(protoIP, "ip.dsfield", "Differentiated Services Field", field.Uint8, field.WithBase(field.Hex))
	hfIPDSCP           = Fields.Add(protoIP, "ip.dsfield.dscp", "Differentiated Services Codepoint", field.Uint8, field.WithMask(0xfc), field.WithStrings(dscpVals))
	hfIPECN            = Fields.Add(protoIP, "ip.dsfield.ecn", "Explicit Congestion Notification", field.Uint8, field.WithMask(0x03), field.WithStrings(ecnVals))
	hfIPLen            = Fields.Add(protoIP, "ip.len", "Total Length", field.Uint16)
	hfIPID             = Fields.Add(protoIP, "ip.id", "Identification", field.Uint16, field.WithBase(field.HexDec))
	hfIPDst            = Fields.Add(protoIP, "ip.dst", "Destination Address", field.IPv4)
	hfIPDstHost        = Fields.Add(protoIP, "ip.dst_host", "Destination Host", field.String)
	hfIPSrc            = Fields.Add(protoIP, "ip.src", "Source Address", field.IPv4)
	hfIPSrcHost        = Fields.Add(protoIP, "ip.src_host", "Source Host", field.String)
	hfIPAddr           = Fields.Add(protoIP, "ip.addr", "Source or Destination Address", field.IPv4)
	hfIPHost           = Fields.Add(protoIP, "ip.host", "Source or Destination Host", field.String)
	hfIPFlags          = Fields.Add(protoIP, "ip.flags", "Flags", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xe0), field.WithBlurb("Flags (3 bits)"))
	hfIPFlagsSF        = Fields.Add(protoIP, "ip.flags.sf", "Security flag", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Evil", "Not evil"))
	hfIPFlagsRB        = Fields.Add(protoIP, "ip.flags.rb", "Reserved bit", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Set", "Not set"))
	hfIPFlagsDF        = Fields.Add(protoIP, "ip.flags.df", "Don't fragment", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Set", "Not set"))
	hfIPFlagsMF        = Fields.Add(protoIP, "ip.flags.mf", "More fragments", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Set", "Not set"))
	hfIPFragOffset     = Fields.Add(protoIP, "ip.frag_offset", "Fragment Offset", field.Uint16, field.WithMask(0x1fff), field.WithBlurb("Fragment offset (13 bits)"))
	hfIPTTL            = Fields.Add(protoIP, "ip.ttl", "Time to Live", field.Uint8)
	hfIPProto          = Fields.Add(protoIP, "ip.proto", "Protocol", field.Uint8, field.WithStrings(ipProtoVals))
	hfIPChecksum       = Fields.Add(protoIP, "ip.checksum", "Header Checksum", field.Uint16, field.WithBase(field.Hex))
	hfIPChecksumCalc   = Fields.Add(protoIP, "ip.checksum_calculated", "Calculated Checksum", field.Uint16, field.WithBase(field.Hex))
	hfIPChecksumStatus = Fields.Add(protoIP, "ip.checksum.status", "Header checksum status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))

	hfIPOptType       = Fields.Add(protoIP, "ip.opt.type", "Type", field.Uint8)
	hfIPOptTypeCopy   = Fields.Add(protoIP, "ip.opt.type.copy", "Copy on fragmentation", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Yes", "No"))
	hfIPOptTypeClass  = Fields.Add(protoIP, "ip.opt.type.class", "Class", field.Uint8, field.WithMask(0x60), field.WithStrings(ipOptClassVals))
	hfIPOptTypeNumber = Fields.Add(protoIP, "ip.opt.type.number", "Number", field.Uint8, field.WithMask(0x1f), field.WithStrings(ipOptNumberVals))
	hfIPOptLen        = Fields.Add(protoIP, "ip.opt.len", "Length", field.Uint8)
	hfIPOptPtr        = Fields.Add(protoIP, "ip.opt.ptr", "Pointer", field.Uint8)
	hfIPOptSID        = Fields.Add(protoIP, "ip.opt.sid", "Stream Identifier", field.Uint16)
	hfIPOptMTU        = Fields.Add(protoIP, "ip.opt.mtu", "MTU", field.Uint16)
	hfIPOptIDNumber   = Fields.Add(protoIP, "ip.opt.id_number", "ID Number", field.Uint16)
	hfIPOptOHC        = Fields.Add(protoIP, "ip.opt.ohc", "Outbound Hop Count", field.Uint16)
	hfIPOptRHC        = Fields.Add(protoIP, "ip.opt.rhc", "Return Hop Count", field.Uint16)
	hfIPOptOriginator = Fields.Add(protoIP, "ip.opt.originator", "Originator IP Address", field.IPv4)
	hfIPOptRA         = Fields.Add(protoIP, "ip.opt.ra", "Router Alert", field.Uint16, field.WithStrings(map[uint64]string{0: "Router shall examine packet"}))
	hfIPOptAddr       = Fields.Add(protoIP, "ip.opt.addr", "IP Address", field.IPv4)
	hfIPOptPadding    = Fields.Add(protoIP, "ip.opt.padding", "Padding", field.Bytes)
	hfIPOptQSFunc     = Fields.Add(protoIP, "ip.opt.qs_func", "Function", field.Uint8, field.WithMask(0xf0), field.WithStrings(map[uint64]string{0: "Rate request", 8: "Rate report"}))
	hfIPOptQSRate     = Fields.Add(protoIP, "ip.opt.qs_rate", "Rate", field.Uint8, field.WithMask(0x0f))
	hfIPOptQSTTL      = Fields.Add(protoIP, "ip.opt.qs_ttl", "QS TTL", field.Uint8)
	hfIPOptQSTTLDiff  = Fields.Add(protoIP, "ip.opt.qs_ttl_diff", "TTL Diff", field.Uint8)
	hfIPOptQSUnused   = Fields.Add(protoIP, "ip.opt.qs_unused", "Not Used", field.Uint8)
	hfIPOptQSNonce    = Fields.Add(protoIP, "ip.opt.qs_nonce", "QS Nonce", field.Uint32, field.WithBase(field.Hex), field.WithMask(0xfffffffc))
	hfIPOptQSReserved = Fields.Add(protoIP, "ip.opt.qs_reserved", "Reserved", field.Uint32, field.WithBase(field.Hex), field.WithMask(0x3))
	hfIPOptSecSec     = Fields.Add(protoIP, "ip.opt.sec_rfc791_sec", "Security", field.Uint16, field.WithBase(field.Hex))
	hfIPOptSecComp    = Fields.Add(protoIP, "ip.opt.sec_rfc791_comp", "Compartments", field.Uint16)
	hfIPOptSecHR      = Fields.Add(protoIP, "ip.opt.sec_rfc791_hr", "Handling Restrictions", field.String)
	hfIPOptSecTCC     = Fields.Add(protoIP, "ip.opt.sec_rfc791_tcc", "Transmission Control Code", field.String)
	hfIPOptSecCL      = Fields.Add(protoIP, "ip.opt.sec_cl", "Classification Level", field.Uint8, field.WithBase(field.Hex))
	hfIPRecRt         = Fields.Add(protoIP, "ip.rec_rt", "Recorded Route", field.IPv4)
	hfIPRecRtHost     = Fields.Add(protoIP, "ip.rec_rt_host", "Recorded Route Host", field.String)
	hfIPCurRt         = Fields.Add(protoIP, "ip.cur_rt", "Current Route", field.IPv4)
	hfIPCurRtHost     = Fields.Add(protoIP, "ip.cur_rt_host", "Current Route Host", field.String)
	hfIPSrcRt         = Fields.Add(protoIP, "ip.src_rt", "Source Route", field.IPv4)
	hfIPSrcRtHost     = Fields.Add(protoIP, "ip.src_rt_host", "Source Route Host", field.String)
	hfIPEmptyRt       = Fields.Add(protoIP, "ip.empty_rt", "Empty Route", field.IPv4)
	hfIPEmptyRtHost   = Fields.Add(protoIP, "ip.empty_rt_host", "Empty Route Host", field.String)
	hfIPCipsoTagType  = Fields.Add(protoIP, "ip.cipso.tag_type", "Tag Type", field.Uint8)
	hfIPCipsoDOI      = Fields.Add(protoIP, "ip.cipso.doi", "DOI", field.Uint32)
	hfIPCipsoTagData  = Fields.Add(protoIP, "ip.cipso.tag_data", "Tag data", field.Bytes)
	hfIPOptOverflow   = Fields.Add(protoIP, "ip.opt.overflow", "Overflow", field.Uint8, field.WithMask(0xf0))
	hfIPOptFlag       = Fields.Add(protoIP, "ip.opt.flag", "Flag", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x0f), field.WithStrings(map[uint64]string{0: "Time stamps only", 1: "Time stamp and address", 3: "Time stamps for prespecified addresses"}))
	hfIPOptTimeStamp  = Fields.Add(protoIP, "ip.opt.time_stamp", "Time stamp", field.Uint32)
	hfIPOptTSAddr     = Fields.Add(protoIP, "ip.opt.time_stamp_addr", "Address", field.IPv4)

	hfIPFragment        = Fields.Add(protoIP, "ip.fragment", "IPv4 Fragment", field.FrameNum)
	hfIPFragments       = Fields.Add(protoIP, "ip.fragments", "IPv4 Fragments", field.Bytes)
	hfIPFragmentCount   = Fields.Add(protoIP, "ip.fragment.count", "Fragment count", field.Uint32)
	hfIPReassembledIn   = Fields.Add(protoIP, "ip.reassembled_in", "Reassembled IPv4 in frame", field.FrameNum, field.WithBlurb("This IPv4 packet is reassembled in this frame"))
	hfIPReassembledLen  = Fields.Add(protoIP, "ip.reassembled.length", "Reassembled IPv4 length", field.Uint32, field.WithBlurb("The total length of the reassembled payload"))
	hfIPReassembledData = Fields.Add(protoIP, "ip.reassembled.data", "Reassembled IPv4 data", field.Bytes, field.WithBlurb("The reassembled payload"))
	hfIPFragOverlap     = Fields.Add(protoIP, "ip.fragment.overlap", "Fragment overlap", field.Bool, field.WithBlurb("Fragment overlaps with other fragments"))
	hfIPFragConflict    = Fields.Add(protoIP, "ip.fragment.overlap.conflict", "Conflicting data in fragment overlap", field.Bool, field.WithBlurb("Overlapping fragments contained conflicting data"))
	hfIPFragMultiTails  = Fields.Add(protoIP, "ip.fragment.multipletails", "Multiple tail fragments found", field.Bool, field.WithBlurb("Several tails were found when defragmenting the packet"))
	hfIPFragTooLong     = Fields.Add(protoIP, "ip.fragment.toolongfragment", "Fragment too long", field.Bool, field.WithBlurb("Fragment contained data past end of packet"))
	hfIPFragError       = Fields.Add(protoIP, "ip.fragment.error", "Defragmentation error", field.FrameNum, field.WithBlurb("Defragmentation error due to illegal fragments"))

	eiIPOptLenInvalid     = RegisterExpert(protoIP, "ip.opt.len.invalid", "Invalid length for option", GroupProtocol, SevWarn)
	eiIPOptPtrBefore      = RegisterExpert(protoIP, "ip.opt.ptr.before_address", "Pointer points before first address", GroupProtocol, SevWarn)
	eiIPOptPtrMiddle      = RegisterExpert(protoIP, "ip.opt.ptr.middle_address", "Pointer points to middle of address", GroupProtocol, SevWarn)
	eiIPSuboptTooLong     = RegisterExpert(protoIP, "ip.subopt_too_long", "Suboption would go past end of option", GroupProtocol, SevWarn)
	eiIPNOP               = RegisterExpert(protoIP, "ip.nop", "4 NOP in a row - a router may have removed some options", GroupProtocol, SevWarn)
	eiIPBogusLen          = RegisterExpert(protoIP, "ip.bogus_ip_length", "Bogus IP length", GroupProtocol, SevError)
	eiIPEvil              = RegisterExpert(protoIP, "ip.evil_packet", "Packet has evil intent", GroupProtocol, SevWarn)
	eiIPChecksumBad       = RegisterExpert(protoIP, "ip.checksum_bad.expert", "Bad checksum", GroupChecksum, SevError)
	eiIPTTLLNCB           = RegisterExpert(protoIP, "ip.ttl.lncb", "Time To Live", GroupSequence, SevNote)
	eiIPTTLTooSmall       = RegisterExpert(protoIP, "ip.ttl.too_small", "Time To Live", GroupSequence, SevNote)
	eiIPCipsoMalformed    = RegisterExpert(protoIP, "ip.cipso.malformed", "Malformed CIPSO tag", GroupSequence, SevWarn)
	eiIPBogusVersion      = RegisterExpert(protoIP, "ip.bogus_ip_version", "Bogus IP version", GroupProtocol, SevError)
	eiIPBogusHeaderLength = RegisterExpert(protoIP, "ip.bogus_header_length", "Bogus IP header length", GroupProtocol, SevError)

	handleIP = &Handle{Name: "ip", Fn: dissectIP}
)

var dscpShortVals = map[uint64]string{
	0: "CS0", 1: "LE", 8: "CS1", 10: "AF11", 12: "AF12", 14: "AF13", 16: "CS2", 18: "AF21", 20: "AF22",
	22: "AF23", 24: "CS3", 26: "AF31", 28: "AF32", 30: "AF33", 32: "CS4", 34: "AF41", 36: "AF42",
	38: "AF43", 40: "CS5", 44: "VA", 46: "EF", 48: "CS6", 56: "CS7",
}

var ecnShortVals = [4]string{"Not-ECT", "ECT(1)", "ECT(0)", "CE"}

func init() {
	RegisterShortName(protoIP, "IPv4")
	EtherType.Add(0x0800, handleIP)
	RegisterEtherPDULen(0x0800, ipv4PDULen)
	IPProto.Add(4, handleIP) // IP in IP
	_ = []field.ID{hfIPChecksumCalc, hfIPFlagsSF}
	_ = []*Expert{eiIPEvil, eiIPChecksumBad, eiIPCipsoMalformed}
}

// ipv4FragFields are the fields IPv4 shows its reassembly with (ip_frag_items).
var ipv4FragFields = fragFields{
	fragments: hfIPFragments, fragment: hfIPFragment, overlap: hfIPFragOverlap, conflict: hfIPFragConflict,
	multiTails: hfIPFragMultiTails, tooLong: hfIPFragTooLong, errorF: hfIPFragError, count: hfIPFragmentCount,
	reassembledIn: hfIPReassembledIn, reassembledLen: hfIPReassembledLen, reassembledData: hfIPReassembledData,
	source: "Reassembled IPv4", tag: "IPv4 fragments",
}

// ipv4PDULen is the length an IPv4 datagram says it has (its total length), -1 if it cannot say.
func ipv4PDULen(t Tvb) int {
	if t.Len() < 4 || t.B[0]>>4 != 4 {
		return -1
	}
	l := int(binary.BigEndian.Uint16(t.B[2:]))
	if l < int(t.B[0]&15)*4 {
		return -1
	}
	return l
}

// IPProtoName returns Wireshark's name of an IP protocol number ("Unknown" if it has none).
func IPProtoName(p uint64) string {
	if s, ok := ipProtoVals[p]; ok {
		return s
	}
	return "Unknown"
}

func dissectIP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("IPv4")
	c.ClearInfo()
	b0 := t.U8(0)
	hlen := int(b0&15) * 4
	if b0>>4 != 4 {
		// Wireshark's "ip" handle dispatches on the version nibble.
		if b0>>4 == 6 {
			c.current = "ipv6"
			dissectIPv6(c, t, parent)
			return
		}
		p := c.AddProto(parent, protoIP, t, 0, 1)
		n := c.AddUintV(p, hfIPVersion, t, 0, 1, uint64(b0>>4))
		if c.Visible() {
			c.Label(n, "%s = Version: %d", bitPattern8(uint64(b0), 0xf0), b0>>4)
		}
		msg := "Bogus IP version (" + itoa(uint64(b0>>4)) + ")"
		c.Expert(n, eiIPBogusVersion, t, 0, 1, msg)
		c.SetInfo("Bogus IP version (" + itoa(uint64(b0>>4)) + ")")
		return
	}
	p := c.AddProto(parent, protoIP, t, 0, max(hlen, 0))
	n := c.AddUintV(p, hfIPVersion, t, 0, 1, 4)
	c.Label(n, "0100 .... = Version: 4")
	if hlen < 20 {
		n = c.AddUintV(p, hfIPHdrLen, t, 0, 1, uint64(hlen))
		if c.Visible() {
			c.Label(n, "%s = Header Length: %d bytes (%d)", bitPattern8(uint64(b0), 0x0f), hlen, b0&15)
		}
		msg := "Bogus IP header length (" + itoa(uint64(hlen)) + ", must be at least 20)"
		c.Expert(n, eiIPBogusHeaderLength, t, 0, 1, msg)
		c.SetInfo("Bogus IPv4 header length (" + itoa(uint64(hlen)) + ", must be at least 20)")
		return
	}
	n = c.AddUintV(p, hfIPHdrLen, t, 0, 1, uint64(hlen))
	if c.Visible() {
		c.Label(n, "%s = Header Length: %d bytes (%d)", bitPattern8(uint64(b0), 0x0f), hlen, b0&15)
	}

	tos := uint64(t.U8(1))
	ds := c.AddUintV(p, hfIPDSField, t, 1, 1, tos)
	if c.Visible() {
		dscp := dscpShortVals[tos>>2]
		if dscp == "" {
			dscp = "Unknown"
		}
		c.T.SetLabel(ds, "Differentiated Services Field: 0x"+hex2(tos)+" (DSCP: "+dscp+", ECN: "+ecnShortVals[tos&3]+")")
	}
	c.AddUint(ds, hfIPDSCP, t, 1, 1)
	c.AddUint(ds, hfIPECN, t, 1, 1)

	ipLen := int(t.U16(2))
	reported := t.Len() + c.unreported(t)
	lenNode := c.AddUintV(p, hfIPLen, t, 2, 2, uint64(ipLen))
	// fragLen is the fragment payload's length as the header gives it (Wireshark keeps the header's
	// length when it runs past the data, so such a fragment is not reassembled).
	fragLen := ipLen - hlen
	switch {
	case ipLen == 0:
		// TSO: the length is what the frame holds.
		ipLen = reported
		fragLen = ipLen - hlen
		c.Label(lenNode, "Total Length: 0 (may be caused by \"TCP segmentation offload\" (TSO)?)")
		c.Expert(lenNode, eiIPBogusLen, t, 2, 2, "Bogus IP length (0, less than header length "+itoa(uint64(hlen))+")")
		// Wireshark keeps going with the frame's length.
	case ipLen < hlen:
		c.Expert(lenNode, eiIPBogusLen, t, 2, 2, "Bogus IP length ("+itoa(uint64(ipLen))+", less than header length "+itoa(uint64(hlen))+")")
		c.SetInfo("Bogus IPv4 total length (" + itoa(uint64(ipLen)) + ", less than header length " + itoa(uint64(hlen)) + ")")
		return
	case ipLen > reported:
		// Inside an ICMP error the quoted datagram is usually cut short: Wireshark says nothing.
		if !c.inErrorPacket() {
			if c.Visible() {
				c.Label(lenNode, "Total Length: %d [bogus, payload length %d]", ipLen, reported)
			}
			c.Expert(lenNode, eiIPBogusLen, t, 2, 2, "Bogus IP length ("+itoa(uint64(ipLen))+", payload length "+itoa(uint64(reported))+")")
		}
		ipLen = reported
	}
	if ipLen < t.Len() {
		t = t.SubLen(0, ipLen)
	}
	id := uint64(t.U16(4))
	c.AddUintV(p, hfIPID, t, 4, 2, id)

	off := uint64(t.U16(6))
	fl, flags := c.AddUint(p, hfIPFlags, t, 6, 1)
	if c.Visible() {
		lbl := Fields.Get(hfIPFlags).BitPattern(flags) + " = Flags: 0x" + hexN(flags)
		if flags&4 != 0 {
			lbl += ", Reserved bit"
		}
		if flags&2 != 0 {
			lbl += ", Don't fragment"
		}
		if flags&1 != 0 {
			lbl += ", More fragments"
		}
		c.T.SetLabel(fl, lbl)
	}
	c.AddUint(fl, hfIPFlagsRB, t, 6, 1)
	c.AddUint(fl, hfIPFlagsDF, t, 6, 1)
	c.AddUint(fl, hfIPFlagsMF, t, 6, 1)
	fragOff := (off & 0x1fff) * 8
	fo := c.AddUintV(p, hfIPFragOffset, t, 6, 2, off&0x1fff) // the label shows bytes, the value 8-byte units
	if c.Visible() {
		c.T.SetLabel(fo, "..."+Fields.Get(hfIPFragOffset).BitPattern(off & 0x1fff)[3:]+" = Fragment Offset: "+itoa(fragOff))
	}
	mf := off&0x2000 != 0

	ttl := uint64(t.U8(8))
	ttlNode := c.AddUintV(p, hfIPTTL, t, 8, 1, ttl)
	proto := uint64(t.U8(9))
	c.AddUintV(p, hfIPProto, t, 9, 1, proto)
	ck, _ := c.AddUint(p, hfIPChecksum, t, 10, 2)
	if c.Visible() {
		c.Label(ck, "Header Checksum: 0x%04x [validation disabled]", t.U16(10))
	}
	st := c.AddGenerated(p, hfIPChecksumStatus, t, 10, 0, field.Value{U: 2})
	c.Label(st, "Header checksum status: Unverified")

	src, dst := t.Bytes(12, 4), t.Bytes(16, 4)
	ipAddrNodes(c, t, p, 12, hfIPSrc, hfIPSrcHost)
	ipAddrNodes(c, t, p, 16, hfIPDst, hfIPDstHost)
	c.SetNetAddrs(AddrIPv4, src, dst)
	c.NetSrc, c.NetDst, c.NetHopLimit = src, dst, int16(ttl)
	if c.Visible() {
		b := make([]byte, 0, 80)
		b = append(b, "Internet Protocol Version 4, Src: "...)
		b = c.appendHostNamed(b, src)
		b = append(b, ", Dst: "...)
		b = c.appendHostNamed(b, dst)
		c.T.SetLabel(p, string(b))
	}
	ipTTLExpert(c, t, ttlNode, ttl, dst, uint8(t.U8(9)))

	if hlen > 20 {
		dissectIPOptions(c, t, p, 20, hlen-20)
	}
	payload := t.Sub(hlen)

	if mf || fragOff != 0 {
		var reasIn uint32
		done := false
		// Reassemble when the whole fragment was captured (ip_defragment's conditions; the header
		// checksum is not validated, so it never stops reassembly).
		if fragLen > 0 && payload.Has(0, fragLen) {
			k := fragKey{id: uint32(proto)<<16 | uint32(id)}
			copy(k.src[:], src)
			copy(k.dst[:], dst)
			var rt Tvb
			rt, done, reasIn = c.defragment(&ipv4FragFields, k, uint32(fragOff), mf, payload.SubLen(0, fragLen), p)
			if done {
				payload = rt
			}
		} else if fragOff == 0 {
			done = true // a first fragment that is not reassembled: dissect what there is
		}
		if !done {
			if c.Cols.On && !c.Cols.readonly {
				c.Cols.Info = append(c.Cols.Info[:c.Cols.fence], "Fragmented IP protocol (proto="...)
				c.Cols.Info = append(c.Cols.Info, IPProtoName(proto)...)
				c.Cols.Info = append(c.Cols.Info, ' ')
				c.AppendInfoUint(proto)
				c.AppendInfo(", off=")
				c.AppendInfoUint(fragOff)
				c.AppendInfo(", ID=")
				c.AppendInfo(hex4(id))
				c.AppendInfo(")")
				if reasIn != 0 {
					c.AppendInfo(" [Reassembled in #")
					c.AppendInfoUint(uint64(reasIn))
					c.AppendInfo("]")
				}
			}
			c.CallData(payload, parent)
			return
		}
	}
	if !c.TryTable(IPProto, proto, payload, parent) {
		if c.Cols.On && !c.Cols.readonly {
			c.SetInfo(IPProtoName(proto))
			c.AppendInfo(" (")
			c.AppendInfoUint(proto)
			c.AppendInfo(")")
		}
		c.CallData(payload, parent)
	}
}

// unreported returns how many bytes of the frame after t's captured end were not captured.
func (c *Ctx) unreported(t Tvb) int {
	if t.Src != 0 || c.Frame == nil {
		return 0
	}
	end := t.Off + t.Len()
	if n := int(c.Frame.Len) - end; n > 0 && end == int(c.Frame.CapLen) {
		return n
	}
	return 0
}

// ipAddrNodes adds an IPv4 address field at o with the hidden ip.addr, host and ip.host fields.
func ipAddrNodes(c *Ctx, t Tvb, p int32, o int, hf, hfHost field.ID) {
	a := t.Bytes(o, 4)
	c.AddBytes(p, hf, t, o, 4)
	c.AddHidden(p, hfIPAddr, t, o, 4, field.Value{B: a})
	if c.T.Wants(hfHost) || c.T.Wants(hfIPHost) {
		txt := c.hostText(a)
		c.AddHidden(p, hfHost, t, o, 4, field.Value{B: txt})
		c.AddHidden(p, hfIPHost, t, o, 4, field.Value{B: txt})
	}
}

// ipTTLExpert adds Wireshark's notes on suspicious TTLs.
func ipTTLExpert(c *Ctx, t Tvb, n int32, ttl uint64, dst []byte, proto uint8) {
	multicast := dst[0] >= 224 && dst[0] < 240
	if multicast && dst[0] == 224 && dst[1] == 0 && dst[2] == 0 {
		// The TTL expected in the Local Network Control Block: 1, except for protocols that insist
		// on 255 (VRRP 224.0.0.18, Cisco GLBP 224.0.0.102, mDNS 224.0.0.251) and LLMNR (224.0.0.252),
		// which may use any.
		want := uint64(1)
		switch dst[3] {
		case 18, 102, 251:
			want = 255
		case 252:
			return
		}
		if ttl != want {
			c.Expert(n, eiIPTTLLNCB, t, 8, 1, "\"Time To Live\" != "+itoa(want)+" for a packet sent to the Local Network Control Block (see RFC 3171)")
		}
		return
	}
	if !multicast && ttl < 5 && proto != 103 && proto != 89 { // PIM and OSPF neighbours are one hop away
		c.Expert(n, eiIPTTLTooSmall, t, 8, 1, "\"Time To Live\" only "+itoa(ttl))
	}
}

func hexN(u uint64) string { return strconvHex(u) }

// bitPattern8 draws the bits of v under mask in an 8-bit field ("0100 ....").
func bitPattern8(v, mask uint64) string {
	b := make([]byte, 0, 9)
	for i := 7; i >= 0; i-- {
		bit := uint64(1) << uint(i)
		switch {
		case mask&bit == 0:
			b = append(b, '.')
		case v&bit != 0:
			b = append(b, '1')
		default:
			b = append(b, '0')
		}
		if i == 4 {
			b = append(b, ' ')
		}
	}
	return string(b)
}

// ---- options ----

type ipOptInfo struct {
	name string
	// fixed is the option's fixed length (0: variable with minimum min).
	fixed, min int
}

var ipOpts = map[uint8]ipOptInfo{
	0:   {"End of Options List (EOL)", 1, 1},
	1:   {"No-Operation (NOP)", 1, 1},
	130: {"Security", 11, 0},
	131: {"Loose Source Route", 0, 3},
	68:  {"Time Stamp", 0, 4},
	133: {"Extended Security", 0, 3},
	134: {"Commercial IP security option", 0, 10},
	7:   {"Record Route", 0, 3},
	136: {"Stream ID", 4, 0},
	137: {"Strict Source Route", 0, 3},
	11:  {"MTU Probe", 4, 0},
	12:  {"MTU Reply", 4, 0},
	82:  {"Traceroute", 12, 0},
	148: {"Router Alert", 4, 0},
	149: {"Selective Directed Broadcast", 0, 2},
	25:  {"Quick-Start", 8, 0},
}

func dissectIPOptions(c *Ctx, t Tvb, p int32, o, n int) {
	ot := c.AddText(p, t, o, n, "")
	lbl := []byte(nil)
	if c.Visible() {
		lbl = append(lbl, "Options: ("...)
		lbl = append(lbl, itoa(uint64(n))...)
		lbl = append(lbl, " bytes)"...)
	}
	end := o + n
	nops := 0
	for o < end {
		typ := t.U8(o)
		info, known := ipOpts[typ]
		name := info.name
		if !known {
			name = "Unknown (0x" + hex2(uint64(typ)) + ")"
		}
		if c.Visible() {
			lbl = append(lbl, ", "...)
			lbl = append(lbl, name...)
		}
		if typ == 0 || typ == 1 {
			on := c.AddText(ot, t, o, 1, "IP Option - "+name)
			ipOptType(c, t, on, o)
			if typ == 1 {
				nops++
				if nops == 4 {
					c.Expert(on, eiIPNOP, t, o, 1, "")
				}
			}
			o++
			if typ == 0 {
				if o < end {
					c.AddBytes(ot, hfIPOptPadding, t, o, end-o)
				}
				break
			}
			continue
		}
		nops = 0
		if o+1 >= end {
			on := c.AddText(ot, t, o, end-o, "IP Option - "+name)
			ipOptType(c, t, on, o)
			c.Expert(on, eiIPOptLenInvalid, t, o, end-o, name+" (length byte past end of options)")
			break
		}
		olen := int(t.U8(o + 1))
		bad := (info.fixed > 0 && olen != info.fixed) || (info.fixed == 0 && olen < max(info.min, 2)) || o+olen > end
		if bad {
			on := c.AddText(ot, t, o, 2, "IP Option - "+name)
			ipOptType(c, t, on, o)
			ln, _ := c.AddUint(on, hfIPOptLen, t, o+1, 1)
			msg := name + " (with option length = " + itoa(uint64(olen)) + " bytes; should be "
			if info.fixed > 0 {
				msg += itoa(uint64(info.fixed)) + ")"
			} else {
				msg += ">= " + itoa(uint64(max(info.min, 2))) + ")"
			}
			c.Expert(ln, eiIPOptLenInvalid, t, o+1, 1, msg)
			break
		}
		on := c.AddText(ot, t, o, olen, "IP Option - "+name+" ("+itoa(uint64(olen))+" bytes)")
		ipOptType(c, t, on, o)
		c.AddUint(on, hfIPOptLen, t, o+1, 1)
		switch typ {
		case 7, 131, 137:
			ipOptRoute(c, t, on, o, olen, typ)
		case 68:
			ipOptTimestamp(c, t, on, o, olen)
		case 148:
			_, ra := c.AddUint(on, hfIPOptRA, t, o+2, 2)
			if c.Visible() {
				c.T.SetLabel(on, "IP Option - "+name+" ("+itoa(uint64(olen))+" bytes): "+valueName(hfIPOptRA, ra)+" ("+itoa(ra)+")")
			}
		case 136:
			c.AddUint(on, hfIPOptSID, t, o+2, 2)
		case 11, 12:
			c.AddUint(on, hfIPOptMTU, t, o+2, 2)
		case 82:
			c.AddUint(on, hfIPOptIDNumber, t, o+2, 2)
			c.AddUint(on, hfIPOptOHC, t, o+4, 2)
			c.AddUint(on, hfIPOptRHC, t, o+6, 2)
			c.AddBytes(on, hfIPOptOriginator, t, o+8, 4)
		case 25:
			c.AddUint(on, hfIPOptQSFunc, t, o+2, 1)
			c.AddUint(on, hfIPOptQSRate, t, o+2, 1)
			c.AddUint(on, hfIPOptQSTTL, t, o+3, 1)
			c.AddUint(on, hfIPOptQSNonce, t, o+4, 4)
			c.AddUint(on, hfIPOptQSReserved, t, o+4, 4)
		case 130:
			c.AddUint(on, hfIPOptSecSec, t, o+2, 2)
			c.AddUint(on, hfIPOptSecComp, t, o+4, 2)
			c.AddBytes(on, hfIPOptSecHR, t, o+6, 2)
			c.AddBytes(on, hfIPOptSecTCC, t, o+8, 3)
		case 134:
			c.AddUint(on, hfIPCipsoDOI, t, o+2, 4)
			if olen > 6 {
				c.AddUint(on, hfIPCipsoTagType, t, o+6, 1)
				c.AddBytes(on, hfIPCipsoTagData, t, o+6, olen-6)
			}
		default:
			if olen > 2 {
				c.AddText(on, t, o+2, olen-2, "Data: "+string(field.AppendHexSep(nil, t.Bytes(o+2, olen-2), ' ')))
			}
		}
		o += olen
	}
	if c.Visible() && ot > 0 {
		c.T.SetLabel(ot, string(lbl))
	}
	_ = []field.ID{hfIPOptAddr, hfIPOptQSTTLDiff, hfIPOptQSUnused, hfIPOptSecCL, hfIPOptSecHR}
}

func ipOptType(c *Ctx, t Tvb, p int32, o int) {
	n, _ := c.AddUint(p, hfIPOptType, t, o, 1)
	c.AddUint(n, hfIPOptTypeCopy, t, o, 1)
	c.AddUint(n, hfIPOptTypeClass, t, o, 1)
	c.AddUint(n, hfIPOptTypeNumber, t, o, 1)
}

// ipOptRoute dissects record route and the source route options: addresses before the pointer are
// recorded (or visited) hops, the one at the pointer is the current one, the rest to come.
func ipOptRoute(c *Ctx, t Tvb, p int32, o, olen int, typ uint8) {
	ptr := int(t.U8(o + 2))
	pn, _ := c.AddUint(p, hfIPOptPtr, t, o+2, 1)
	if ptr < 4 {
		c.Expert(pn, eiIPOptPtrBefore, t, o+2, 1, "")
		return
	}
	if (ptr-4)%4 != 0 {
		c.Expert(pn, eiIPOptPtrMiddle, t, o+2, 1, "")
		return
	}
	for so := 3; so < olen; so += 4 {
		if olen-so < 4 {
			c.Expert(p, eiIPSuboptTooLong, t, o+so, olen-so, "")
			break
		}
		a := t.Bytes(o+so, 4)
		hf, hfHost := hfIPSrcRt, hfIPSrcRtHost
		switch {
		case typ == 7 && so+1 < ptr:
			hf, hfHost = hfIPRecRt, hfIPRecRtHost
		case typ == 7 && so+1 == ptr:
			hf, hfHost = hfIPEmptyRt, hfIPEmptyRtHost
		case typ == 7:
			hf, hfHost = hfIPEmptyRt, hfIPEmptyRtHost
		case so+1 < ptr:
			hf, hfHost = hfIPRecRt, hfIPRecRtHost
		case so+1 == ptr:
			hf, hfHost = hfIPCurRt, hfIPCurRtHost
		}
		n := c.AddBytes(p, hf, t, o+so, 4)
		if typ == 7 && so+1 == ptr {
			if c.Visible() {
				c.Label(n, "%s: %s <- (next)", Fields.Get(hf).Name, field.AppendAddr(nil, a))
			}
		}
		if typ != 7 && so+1 == ptr {
			if c.Visible() {
				c.Label(n, "%s: %s <- (current)", Fields.Get(hf).Name, field.AppendAddr(nil, a))
			}
		}
		if c.T.Wants(hfHost) {
			c.AddHidden(p, hfHost, t, o+so, 4, field.Value{B: field.AppendAddr(nil, a)})
		}
	}
}

func ipOptTimestamp(c *Ctx, t Tvb, p int32, o, olen int) {
	ptr := int(t.U8(o + 2))
	c.AddUint(p, hfIPOptPtr, t, o+2, 1)
	c.AddUint(p, hfIPOptOverflow, t, o+3, 1)
	_, flg := c.AddUint(p, hfIPOptFlag, t, o+3, 1)
	_ = ptr
	for so := 4; so < olen; {
		if flg == 1 || flg == 3 {
			if olen-so < 8 {
				c.Expert(p, eiIPSuboptTooLong, t, o+so, olen-so, "")
				break
			}
			c.AddBytes(p, hfIPOptTSAddr, t, o+so, 4)
			c.AddUint(p, hfIPOptTimeStamp, t, o+so+4, 4)
			so += 8
		} else {
			if olen-so < 4 {
				c.Expert(p, eiIPSuboptTooLong, t, o+so, olen-so, "")
				break
			}
			c.AddUint(p, hfIPOptTimeStamp, t, o+so, 4)
			so += 4
		}
	}
}

var ipProtoVals = map[uint64]string{
	0x0:  "IPv6 Hop-by-Hop Option",
	0x1:  "ICMP",
	0x2:  "IGMP",
	0x3:  "GGP",
	0x4:  "IPIP",
	0x5:  "Stream",
	0x6:  "TCP",
	0x7:  "CBT",
	0x8:  "EGP",
	0x9:  "IGRP",
	0xa:  "BBN RCC",
	0xb:  "Network Voice",
	0xc:  "PUP",
	0xd:  "ARGUS",
	0xe:  "EMCON",
	0xf:  "XNET",
	0x10: "CHAOS",
	0x11: "UDP",
	0x12: "Multiplex",
	0x13: "DCN Measurement",
	0x14: "Host Monitoring",
	0x15: "Packet radio",
	0x16: "IDP",
	0x17: "Trunk-1",
	0x18: "Trunk-2",
	0x19: "Leaf-1",
	0x1a: "Leaf-2",
	0x1b: "Reliable Data",
	0x1c: "IRT",
	0x1d: "ISO TP4",
	0x1e: "Bulk Data",
	0x1f: "MFE NSP",
	0x20: "Merit Internodal",
	0x21: "Datagram Congestion Control Protocol",
	0x22: "3rd Party Connect",
	0x23: "Inter-Domain Policy Routing Protocol",
	0x24: "XTP",
	0x25: "Datagram delivery",
	0x26: "Control Message",
	0x27: "TP++",
	0x28: "IL",
	0x29: "IPv6",
	0x2a: "Source demand routing",
	0x2b: "Routing Header for IPv6",
	0x2c: "Fragment Header for IPv6",
	0x2d: "Inter-Domain Routing Protocol",
	0x2e: "Reservation Protocol",
	0x2f: "Generic Routing Encapsulation",
	0x30: "Dynamic source routing",
	0x31: "BNA",
	0x32: "Encap Security Payload",
	0x33: "Authentication Header",
	0x34: "INSLP",
	0x35: "SWIPE",
	0x36: "NBMA ARP",
	0x37: "IP Mobility",
	0x38: "TLSP Kryptonet",
	0x39: "SKIP",
	0x3a: "ICMPv6",
	0x3b: "No Next Header for IPv6",
	0x3c: "Destination Options for IPv6",
	0x3d: "any host internal protocol",
	0x3e: "Mobile IPv6 (old)",
	0x3f: "any local network",
	0x40: "SATNET EXPAK",
	0x41: "Kryptolan",
	0x42: "Remote Virtual Disk",
	0x43: "IPPC",
	0x44: "any distributed file system",
	0x45: "SATNET Monitoring",
	0x46: "VISA",
	0x47: "IPCV",
	0x48: "CPNX",
	0x49: "CPHB",
	0x4a: "Wang Span",
	0x4b: "Packet Video",
	0x4c: "Backroom SATNET Mon",
	0x4d: "Sun ND Protocol",
	0x4e: "Wideband Mon",
	0x4f: "Wideband Expak",
	0x50: "ISO Internet Protocol",
	0x51: "VMTP",
	0x52: "Secure VMTP",
	0x53: "VINES",
	0x54: "TTP",
	0x55: "NSFNET IGP",
	0x56: "Dissimilar Gateway",
	0x57: "TCF",
	0x58: "EIGRP",
	0x59: "OSPF IGP",
	0x5a: "Sprite RPC",
	0x5b: "Locus ARP",
	0x5c: "Multicast Transport",
	0x5d: "AX.25 Frames",
	0x5e: "IP in IP",
	0x5f: "MICP",
	0x60: "Semaphore",
	0x61: "Ether in IP",
	0x62: "ENCAP",
	0x63: "any private encryption scheme",
	0x64: "GMTP",
	0x65: "Ipsilon Flow",
	0x66: "PNNI over IP",
	0x67: "PIM",
	0x68: "ARIS",
	0x69: "SCPS",
	0x6a: "QNX",
	0x6b: "Active Networks",
	0x6c: "IPComp",
	0x6d: "Sitara Networks",
	0x6e: "Compaq Peer",
	0x6f: "IPX IN IP",
	0x70: "VRRP",
	0x71: "PGM",
	0x72: "any 0-hop protocol",
	0x73: "Layer 2 Tunneling",
	0x74: "DDX",
	0x75: "IATP",
	0x76: "STP",
	0x77: "SpectraLink",
	0x78: "UTI",
	0x79: "SMP",
	0x7a: "SM",
	0x7b: "PTP",
	0x7c: "ISIS over IP",
	0x7d: "FIRE",
	0x7e: "CRTP",
	0x7f: "CRUDP",
	0x80: "SSCOPMCE",
	0x81: "IPLT",
	0x82: "Secure Packet",
	0x83: "PIPE",
	0x84: "SCTP",
	0x85: "Fibre Channel",
	0x86: "RSVP E2EI",
	0x87: "Mobile IPv6",
	0x88: "UDPLite",
	0x89: "MPLS in IP",
	0x8a: "MANET",
	0x8b: "HIP",
	0x8c: "Shim6 header",
	0x8d: "WESP",
	0x8e: "ROHC",
	0x8f: "Ethernet",
	0x90: "Unassigned",
	0x91: "Unassigned",
	0x92: "Unassigned",
	0x93: "Unassigned",
	0x94: "Unassigned",
	0x95: "Unassigned",
	0x96: "Unassigned",
	0x97: "Unassigned",
	0x98: "Unassigned",
	0x99: "Unassigned",
	0x9a: "Unassigned",
	0x9b: "Unassigned",
	0x9c: "Unassigned",
	0x9d: "Unassigned",
	0x9e: "Unassigned",
	0x9f: "Unassigned",
	0xa0: "Unassigned",
	0xa1: "Unassigned",
	0xa2: "Unassigned",
	0xa3: "Unassigned",
	0xa4: "Unassigned",
	0xa5: "Unassigned",
	0xa6: "Unassigned",
	0xa7: "Unassigned",
	0xa8: "Unassigned",
	0xa9: "Unassigned",
	0xaa: "Unassigned",
	0xab: "Unassigned",
	0xac: "Unassigned",
	0xad: "AX/4000 Testframe",
	0xae: "Unassigned",
	0xaf: "Unassigned",
	0xb0: "Unassigned",
	0xb1: "Unassigned",
	0xb2: "Unassigned",
	0xb3: "Unassigned",
	0xb4: "Unassigned",
	0xb5: "Unassigned",
	0xb6: "Unassigned",
	0xb7: "Unassigned",
	0xb8: "Unassigned",
	0xb9: "Unassigned",
	0xba: "Unassigned",
	0xbb: "Unassigned",
	0xbc: "Unassigned",
	0xbd: "Unassigned",
	0xbe: "Unassigned",
	0xbf: "Unassigned",
	0xc0: "Unassigned",
	0xc1: "Unassigned",
	0xc2: "Unassigned",
	0xc3: "Unassigned",
	0xc4: "Unassigned",
	0xc5: "Unassigned",
	0xc6: "Unassigned",
	0xc7: "Unassigned",
	0xc8: "Unassigned",
	0xc9: "Unassigned",
	0xca: "Unassigned",
	0xcb: "Unassigned",
	0xcc: "Unassigned",
	0xcd: "Unassigned",
	0xce: "Unassigned",
	0xcf: "Unassigned",
	0xd0: "Unassigned",
	0xd1: "Unassigned",
	0xd2: "Unassigned",
	0xd3: "Unassigned",
	0xd4: "Unassigned",
	0xd5: "Unassigned",
	0xd6: "Unassigned",
	0xd7: "Unassigned",
	0xd8: "Unassigned",
	0xd9: "Unassigned",
	0xda: "Unassigned",
	0xdb: "Unassigned",
	0xdc: "Unassigned",
	0xdd: "Unassigned",
	0xde: "Unassigned",
	0xdf: "Unassigned",
	0xe0: "Novell NCS Heartbeat",
}
var dscpVals = map[uint64]string{
	0x0:  "Default",
	0x1:  "Lower Effort",
	0x8:  "Class Selector 1",
	0xa:  "Assured Forwarding 11",
	0xc:  "Assured Forwarding 12",
	0xe:  "Assured Forwarding 13",
	0x10: "Class Selector 2",
	0x12: "Assured Forwarding 21",
	0x14: "Assured Forwarding 22",
	0x16: "Assured Forwarding 23",
	0x18: "Class Selector 3",
	0x1a: "Assured Forwarding 31",
	0x1c: "Assured Forwarding 32",
	0x1e: "Assured Forwarding 33",
	0x20: "Class Selector 4",
	0x22: "Assured Forwarding 41",
	0x24: "Assured Forwarding 42",
	0x26: "Assured Forwarding 43",
	0x28: "Class Selector 5",
	0x2c: "Voice Admit",
	0x2e: "Expedited Forwarding",
	0x30: "Class Selector 6",
	0x38: "Class Selector 7",
}
var ecnVals = map[uint64]string{
	0x0: "Not ECN-Capable Transport",
	0x1: "ECN-Capable Transport codepoint '01'",
	0x2: "ECN-Capable Transport codepoint '10'",
	0x3: "Congestion Experienced",
}
var ipOptNumberVals = map[uint64]string{
	0x0:  "End of Option List (EOL)",
	0x1:  "No-Operation (NOP)",
	0x2:  "Security",
	0x3:  "Loose source route",
	0x4:  "Time stamp",
	0x5:  "Extended security",
	0x6:  "Commercial IP security option",
	0x7:  "Record route",
	0x8:  "Stream identifier",
	0x9:  "Strict source route",
	0xa:  "Experimental Measurement",
	0xb:  "MTU probe",
	0xc:  "MTU Reply",
	0xd:  "Experimental Flow Control",
	0xe:  "Experimental Access Control",
	0xf:  "Ask Estrin",
	0x10: "IMI Traffic Descriptor",
	0x11: "Extended Internet Protocol",
	0x12: "Traceroute",
	0x13: "Address Extension",
	0x14: "Router Alert",
	0x15: "Selective Directed Broadcast",
	0x16: "Unassigned",
	0x17: "Dynamic Packet State",
	0x18: "Upstream Multicast Packet",
	0x19: "Quick-Start",
	0x1e: "RFC 3692-style experiment",
}
var ipOptClassVals = map[uint64]string{
	0x0: "Control",
	0x1: "Reserved for future use",
	0x2: "Debugging and measurement",
	0x3: "Reserved for future use",
}

// valueName returns the name field hf gives value v, or "Unknown".
func valueName(hf field.ID, v uint64) string {
	if s, ok := Fields.Get(hf).ValueName(v); ok {
		return s
	}
	return "Unknown"
}
