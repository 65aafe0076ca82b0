package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Datagram Congestion Control Protocol (RFC 4340), IP protocol 33 (Wireshark's packet-dccp.c):
// generic header, the type-dependent subheaders, options with feature negotiation, the checksum
// over the coverage CsCov names, dccp.stream and tshark 4.0's relative sequence numbers (a
// direction's base is the sequence number of its Request or Response).

var (
	protoDCCP             = Fields.Protocol("dccp", "Datagram Congestion Control Protocol")
	hfDCCPSrcport         = Fields.Add(protoDCCP, "dccp.srcport", "Source Port", field.Uint16)
	hfDCCPDstport         = Fields.Add(protoDCCP, "dccp.dstport", "Destination Port", field.Uint16)
	hfDCCPPort            = Fields.Add(protoDCCP, "dccp.port", "Source or Destination Port", field.Uint16)
	hfDCCPStream          = Fields.Add(protoDCCP, "dccp.stream", "Stream index", field.Uint32)
	hfDCCPDataOffset      = Fields.Add(protoDCCP, "dccp.data_offset", "Data Offset", field.Uint8)
	hfDCCPCcval           = Fields.Add(protoDCCP, "dccp.ccval", "CCVal", field.Uint8)
	hfDCCPCscov           = Fields.Add(protoDCCP, "dccp.cscov", "Checksum Coverage", field.Uint8)
	hfDCCPChecksumStatus  = Fields.Add(protoDCCP, "dccp.checksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))
	hfDCCPChecksum        = Fields.Add(protoDCCP, "dccp.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfDCCPRes1            = Fields.Add(protoDCCP, "dccp.res1", "Reserved", field.Uint8, field.WithBase(field.Hex))
	hfDCCPRes2            = Fields.Add(protoDCCP, "dccp.res2", "Reserved", field.Uint8, field.WithBase(field.Hex))
	hfDCCPType            = Fields.Add(protoDCCP, "dccp.type", "Type", field.Uint8, field.WithStrings(dccpTypeVals))
	hfDCCPX               = Fields.Add(protoDCCP, "dccp.x", "Extended Sequence Numbers", field.Bool)
	hfDCCPSeq             = Fields.Add(protoDCCP, "dccp.seq", "Sequence Number", field.Uint64)
	hfDCCPSeqRaw          = Fields.Add(protoDCCP, "dccp.seq_raw", "Sequence Number (raw)", field.Uint64)
	hfDCCPAckRes          = Fields.Add(protoDCCP, "dccp.ack_res", "Reserved", field.Uint16, field.WithBase(field.Hex))
	hfDCCPAck             = Fields.Add(protoDCCP, "dccp.ack", "Acknowledgement Number", field.Uint64)
	hfDCCPAckRaw          = Fields.Add(protoDCCP, "dccp.ack_raw", "Acknowledgement Number (raw)", field.Uint64)
	hfDCCPServiceCode     = Fields.Add(protoDCCP, "dccp.service_code", "Service Code", field.Uint32, field.WithStrings(dccpServiceVals))
	hfDCCPResetCode       = Fields.Add(protoDCCP, "dccp.reset_code", "Reset Code", field.Uint8, field.WithStrings(dccpResetVals))
	hfDCCPData1           = Fields.Add(protoDCCP, "dccp.data1", "Data 1", field.Uint8)
	hfDCCPData2           = Fields.Add(protoDCCP, "dccp.data2", "Data 2", field.Uint8)
	hfDCCPData3           = Fields.Add(protoDCCP, "dccp.data3", "Data 3", field.Uint8)
	hfDCCPOptionType      = Fields.Add(protoDCCP, "dccp.option_type", "Option Type", field.Uint8, field.WithRanges(dccpOptionRanges))
	hfDCCPFeatureNumber   = Fields.Add(protoDCCP, "dccp.feature_number", "Feature Number", field.Uint8, field.WithRanges(dccpFeatureRanges))
	hfDCCPNdpCount        = Fields.Add(protoDCCP, "dccp.ndp_count", "NDP Count", field.Uint64)
	hfDCCPTimestamp       = Fields.Add(protoDCCP, "dccp.timestamp", "Timestamp", field.Uint32)
	hfDCCPTimestampEcho   = Fields.Add(protoDCCP, "dccp.timestamp_echo", "Timestamp Echo", field.Uint32)
	hfDCCPElapsedTime     = Fields.Add(protoDCCP, "dccp.elapsed_time", "Elapsed Time", field.Uint32)
	hfDCCPChecksumData    = Fields.Add(protoDCCP, "dccp.checksum_data", "Data Checksum", field.Uint32, field.WithBase(field.Hex))
	hfDCCPOptions         = Fields.Add(protoDCCP, "dccp.options", "Options", field.None, field.WithBlurb("DCCP Options fields"))
	hfDCCPPadding         = Fields.Add(protoDCCP, "dccp.padding", "Padding", field.Bytes)
	hfDCCPMandatory       = Fields.Add(protoDCCP, "dccp.mandatory", "Mandatory", field.Bytes)
	hfDCCPSlowReceiver    = Fields.Add(protoDCCP, "dccp.slow_receiver", "Slow Receiver", field.Bytes)
	hfDCCPInitCookie      = Fields.Add(protoDCCP, "dccp.init_cookie", "Init Cookie", field.Bytes)
	hfDCCPAckVectorNonce0 = Fields.Add(protoDCCP, "dccp.ack_vector.nonce_0", "Ack Vector [Nonce 0]", field.Bytes)
	hfDCCPAckVectorNonce1 = Fields.Add(protoDCCP, "dccp.ack_vector.nonce_1", "Ack Vector [Nonce 1]", field.Bytes)
	hfDCCPDataDropped     = Fields.Add(protoDCCP, "dccp.data_dropped", "Data Dropped", field.Bytes)
	hfDCCPLossEventRate   = Fields.Add(protoDCCP, "dccp.ccid3_loss_event_rate", "CCID3 Loss Event Rate", field.Uint32)
	hfDCCPLossIntervals   = Fields.Add(protoDCCP, "dccp.ccid3_loss_intervals", "CCID3 Loss Intervals", field.Bytes)
	hfDCCPReceiveRate     = Fields.Add(protoDCCP, "dccp.ccid3_receive_rate", "CCID3 Receive Rate", field.Uint32, field.WithUnit("bytes/sec"))
	hfDCCPOptionReserved  = Fields.Add(protoDCCP, "dccp.option_reserved", "Reserved", field.Bytes)
	hfDCCPCcidOptionData  = Fields.Add(protoDCCP, "dccp.ccid_option_data", "CCID option", field.Bytes)
	hfDCCPOptionUnknown   = Fields.Add(protoDCCP, "dccp.option_unknown", "Unknown", field.Bytes)
	eiDCCPOptionLenBad    = RegisterExpert(protoDCCP, "dccp.option.len.bad", "Bad option length", GroupProtocol, SevWarn)
	eiDCCPHeaderLenBad    = RegisterExpert(protoDCCP, "dccp.advertised_header_length.bad", "Advertised header length bad", GroupMalformed, SevError)
	eiDCCPTypeReserved    = RegisterExpert(protoDCCP, "dccp.packet_type.reserved", "Reserved packet type: unable to dissect further", GroupProtocol, SevWarn)
	eiDCCPChecksum        = RegisterExpert(protoDCCP, "dccp.bad_checksum", "Bad checksum", GroupChecksum, SevError)
	handleDCCP            = &Handle{Name: "dccp", Fn: dissectDCCP}
	// DCCPPort hands DCCP payloads to applications by port (Wireshark's "dccp.port" table).
	DCCPPort = NewTable("dccp.port")
)

var dccpTypeVals = map[uint64]string{0: "Request", 1: "Response", 2: "Data", 3: "Ack", 4: "DataAck", 5: "CloseReq",
	6: "Close", 7: "Reset", 8: "Sync", 9: "SyncAck", 10: "Listen", 11: "Reserved", 12: "Reserved", 13: "Reserved",
	14: "Reserved", 15: "Reserved"}

var dccpServiceVals = map[uint64]string{0: "not specified", 1280594688: "LTP: Licklider Transmission Protocol",
	1145656131: "DISC: Discard", 1381253968: "RTCP: RTCP connection, separate from the corresponding RTP",
	1381253185: "RTPA: RTP session conveying audio data (and associated RTCP)",
	1381253199: "RTPO: RTP session conveying other media (and associated RTCP)",
	1381253204: "RTPT: RTP session conveying text media (and associated RTCP)",
	1381253206: "RTPV: RTP session conveying video data (and associated RTCP)", 1398361159: "SYLG: Syslog Protocol",
	1112425812: "Bundle Protocol", 1313885520: "NPMP: NetPerfMeter Data", 4294967295: "Reserved (Invalid)"}

var dccpResetVals = map[uint64]string{0: "Unspecified", 1: "Closed", 2: "Aborted", 3: "No Connection", 4: "Packet Error",
	5: "Option Error", 6: "Mandatory Error", 7: "Connection Refused", 8: "Bad Service Code", 9: "Too Busy",
	10: "Bad Init Cookie", 11: "Aggression Penalty", 12: "Reserved"}

var dccpOptionRanges = []field.Range{{Lo: 0, Hi: 0, Name: "Padding"}, {Lo: 1, Hi: 1, Name: "Mandatory"},
	{Lo: 2, Hi: 2, Name: "Slow Receiver"}, {Lo: 3, Hi: 0x1f, Name: "Reserved"}, {Lo: 0x20, Hi: 0x20, Name: "Change L"},
	{Lo: 0x21, Hi: 0x21, Name: "Confirm L"}, {Lo: 0x22, Hi: 0x22, Name: "Change R"}, {Lo: 0x23, Hi: 0x23, Name: "Confirm R"},
	{Lo: 0x24, Hi: 0x24, Name: "Init Cookie"}, {Lo: 0x25, Hi: 0x25, Name: "NDP Count"},
	{Lo: 0x26, Hi: 0x26, Name: "Ack Vector [Nonce 0]"}, {Lo: 0x27, Hi: 0x27, Name: "Ack Vector [Nonce 1]"},
	{Lo: 0x28, Hi: 0x28, Name: "Data Dropped"}, {Lo: 0x29, Hi: 0x29, Name: "Timestamp"},
	{Lo: 0x2a, Hi: 0x2a, Name: "Timestamp Echo"}, {Lo: 0x2b, Hi: 0x2b, Name: "Elapsed Time"},
	{Lo: 0x2c, Hi: 0x2c, Name: "Data checksum"}, {Lo: 0x2d, Hi: 0x7f, Name: "Reserved"},
	{Lo: 0x80, Hi: 0xbf, Name: "CCID option"}, {Lo: 0xc0, Hi: 0xc0, Name: "CCID3 Loss Event Rate"},
	{Lo: 0xc1, Hi: 0xc1, Name: "CCID3 Loss Intervals"}, {Lo: 0xc2, Hi: 0xc2, Name: "CCID3 Receive Rate"},
	{Lo: 0xc3, Hi: 0xff, Name: "CCID option"}}

var dccpFeatureRanges = []field.Range{{Lo: 0, Hi: 0, Name: "Reserved"}, {Lo: 1, Hi: 1, Name: "Congestion Control ID (CCID)"},
	{Lo: 2, Hi: 2, Name: "Allow Short Seqnums"}, {Lo: 3, Hi: 3, Name: "Sequence Window"}, {Lo: 4, Hi: 4, Name: "ECN Incapable"},
	{Lo: 5, Hi: 5, Name: "Ack Ratio"}, {Lo: 6, Hi: 6, Name: "Send Ack Vector"}, {Lo: 7, Hi: 7, Name: "Send NDP Count"},
	{Lo: 8, Hi: 8, Name: "Minimum Checksum Coverage"}, {Lo: 9, Hi: 9, Name: "Check Data Checksum"},
	{Lo: 3, Hi: 0x7f, Name: "Reserved"}, {Lo: 0xc0, Hi: 0xc0, Name: "Send Loss Event Rate"},
	{Lo: 0xc1, Hi: 0xff, Name: "CCID-specific feature"}}

func init() {
	RegisterShortName(protoDCCP, "DCCP")
	IPProto.Add(33, handleDCCP)
}

// dccpFlow is one direction of a DCCP conversation: the base of its relative sequence numbers.
type dccpFlow struct {
	base uint64
	set  bool
}

type dccpConv struct {
	stream uint32
	flows  [2]dccpFlow
}

// dccpFrame is what the first pass saw: the stream and both directions' bases at this packet.
type dccpFrame struct {
	stream   uint32
	fwd, rev dccpFlow
}

type dccpState struct {
	convs  map[convKey]*dccpConv
	n      uint32
	frames frameRecs[dccpFrame]
}

var dccpSlot = newStateSlot(func() any { return &dccpState{convs: map[convKey]*dccpConv{}} })

const dccpHdrLenMax = 16 + 12 + 1008

func dissectDCCP(c *Ctx, t Tvb, parent int32) {
	sport, dport := t.U16(0), t.U16(2)
	c.SetProtocol("DCCP")
	c.ClearInfo()
	c.appendInfoPorts(33, sport, dport) // DCCP ports are not named (NameResDivergences)
	p := c.AddProto(parent, protoDCCP, t, 0, -1)
	c.AddUint(p, hfDCCPSrcport, t, 0, 2)
	c.hidden(c.AddUintV(p, hfDCCPPort, t, 0, 2, uint64(sport)))
	c.AddUint(p, hfDCCPDstport, t, 2, 2)
	c.hidden(c.AddUintV(p, hfDCCPPort, t, 2, 2, uint64(dport)))
	c.PortType = 33
	c.SrcPort, c.DstPort = uint32(sport), uint32(dport)

	st := c.State.slot(dccpSlot).(*dccpState)
	key, fwdDir := makeConvKey(c.NetSrc, c.NetDst, sport, dport)
	fi, ri := 0, 1
	if !fwdDir {
		fi, ri = 1, 0
	}
	var cv *dccpConv
	rec, have := st.frames.get(c.Frame.Number, t.Off)
	if c.Pass1 || !have {
		cv = st.convs[key]
		if cv == nil {
			cv = &dccpConv{stream: st.n}
			st.n++
			st.convs[key] = cv
		}
		rec = dccpFrame{stream: cv.stream, fwd: cv.flows[fi], rev: cv.flows[ri]}
	}
	c.generated(c.AddUintV(p, hfDCCPStream, t, 4, 0, uint64(rec.stream)))

	doff := t.U8(4)
	hlen := int(doff) * 4
	offItem := c.AddUintV(p, hfDCCPDataOffset, t, 4, 1, uint64(doff))
	b5 := t.U8(5)
	cscov := int(b5 & 0x0f)
	c.AddUintV(p, hfDCCPCcval, t, 5, 1, uint64(b5>>4))
	c.AddUintV(p, hfDCCPCscov, t, 5, 1, uint64(cscov))
	c.dccpChecksum(t, p, doff, cscov)

	b8 := t.U8(8)
	c.hidden(c.AddUintV(p, hfDCCPRes1, t, 8, 1, uint64(b8>>5)))
	typ := uint64(b8>>1) & 0x0f
	c.AddUintV(p, hfDCCPType, t, 8, 1, typ)
	tname, ok := dccpTypeVals[typ]
	if !ok {
		tname = "Unknown Type"
	}
	c.AppendInfo(" [" + tname + "]")
	x := b8&1 != 0
	c.AddUintV(p, hfDCCPX, t, 8, 1, uint64(b8&1))

	headerBad := func(min int, what string) {
		msg := "Advertised header length (" + itoa(uint64(hlen)) + ") is smaller than the minimum (" + itoa(uint64(min)) + ")" + what
		c.Expert(offItem, eiDCCPHeaderLenBad, t, 4, 1, msg)
	}
	o := 9
	var seq uint64
	if x {
		if hlen < 16 {
			headerBad(16, "")
			c.dccpLabel(p, sport, dport, tname, "")
			return
		}
		c.hidden(c.AddUintV(p, hfDCCPRes2, t, 9, 1, uint64(t.U8(9))))
		raw := t.Uint(10, 6)
		seq = raw
		if rec.fwd.set {
			seq -= rec.fwd.base
			n := c.AddUintV(p, hfDCCPSeq, t, 10, 6, seq)
			c.Label(n, "Sequence Number: %d    (relative sequence number)", seq)
		}
		c.AddUintV(p, hfDCCPSeqRaw, t, 10, 6, raw)
		o = 16
	} else {
		if hlen < 12 {
			headerBad(12, "")
			c.dccpLabel(p, sport, dport, tname, "")
			return
		}
		seq = t.Uint(9, 3)
		c.AddUintV(p, hfDCCPSeq, t, 9, 3, seq)
		if rec.fwd.set {
			seq -= rec.fwd.base
		}
		o = 12
	}
	seqText := " Seq=" + itoa(seq)
	c.AppendInfo(seqText)
	typeLong := tname
	if !ok {
		typeLong = "Unknown (" + itoa(typ) + ")"
	}
	ackSub := func(long bool) bool {
		need := o + 4
		if long {
			need = o + 8
		}
		if hlen < need {
			what := " for " + typeLong
			if typ == 1 {
				what = " for Response"
			} else if typ == 7 {
				what = " for Reset"
			}
			headerBad(need, what)
			return false
		}
		var raw uint64
		if long {
			c.hidden(c.AddUintV(p, hfDCCPAckRes, t, o, 2, uint64(t.U16(o))))
			raw = t.Uint(o+2, 6)
		} else {
			c.hidden(c.AddUintV(p, hfDCCPAckRes, t, o, 1, uint64(t.U8(o))))
			raw = t.Uint(o+1, 3)
		}
		ack := raw
		switch {
		case !long:
			c.AddUintV(p, hfDCCPAck, t, o+1, 3, raw)
			if rec.rev.set {
				ack -= rec.rev.base
			}
		case rec.rev.set:
			ack -= rec.rev.base
			n := c.AddUintV(p, hfDCCPAck, t, o+2, 6, ack)
			if typ != 1 {
				c.Label(n, "Acknowledgement Number: %d    (relative acknowledgement number)", ack)
			}
		}
		if long {
			c.AddUintV(p, hfDCCPAckRaw, t, o+2, 6, raw)
			o += 8
		} else {
			o += 4
		}
		c.AppendInfo(" (Ack=" + itoa(ack) + ")")
		return true
	}
	service := func() {
		n, sc := c.AddUint(p, hfDCCPServiceCode, t, o, 4)
		name, ok := dccpServiceVals[sc]
		if !ok {
			name = "Unknown (" + itoa(sc) + ")"
			c.Label(n, "Service Code: %s", name)
		}
		c.AppendInfo(" (service=" + name + ")")
		o += 4
	}
	newBase := false
	switch typ {
	case 0, 10: // Request, Listen
		if hlen < o+4 {
			headerBad(o+4, " for "+typeLong)
			c.dccpLabel(p, sport, dport, tname, seqText)
			return
		}
		service()
		newBase = typ == 0
	case 1: // Response
		if !ackSub(true) {
			c.dccpLabel(p, sport, dport, tname, seqText)
			return
		}
		service()
		newBase = true
	case 2: // Data
	case 3, 4: // Ack, DataAck
		if !ackSub(x) {
			c.dccpLabel(p, sport, dport, tname, seqText)
			return
		}
	case 7: // Reset
		if !ackSub(true) {
			c.dccpLabel(p, sport, dport, tname, seqText)
			return
		}
		_, code := c.AddUint(p, hfDCCPResetCode, t, o, 1)
		c.AddUint(p, hfDCCPData1, t, o+1, 1)
		c.AddUint(p, hfDCCPData2, t, o+2, 1)
		c.AddUint(p, hfDCCPData3, t, o+3, 1)
		name, ok := dccpResetVals[code]
		if !ok {
			name = "Unknown"
		}
		c.AppendInfo(" (code=" + name + ")")
		o += 4
	case 5, 6, 8, 9: // CloseReq, Close, Sync, SyncAck
		if !ackSub(true) {
			c.dccpLabel(p, sport, dport, tname, seqText)
			return
		}
	default:
		c.dccpLabel(p, sport, dport, tname, seqText)
		c.Expert(p, eiDCCPTypeReserved, t, 0, 0, "")
		return
	}
	if c.Pass1 || !have {
		if newBase && !cv.flows[fi].set {
			raw := t.Uint(9, 3)
			if x {
				raw = t.Uint(10, 6)
			}
			cv.flows[fi] = dccpFlow{base: raw, set: true}
		}
		if !c.State.onePass {
			st.frames.put(c.Frame.Number, t.Off, rec)
		}
	}
	c.dccpLabel(p, sport, dport, tname, seqText)
	if hlen > dccpHdrLenMax {
		c.Expert(offItem, eiDCCPHeaderLenBad, t, 4, 1, "Advertised header length ("+itoa(uint64(hlen))+") is larger than the maximum ("+itoa(dccpHdrLenMax)+")")
		return
	}
	if hlen > o {
		n := hlen - o
		on := c.Add(p, hfDCCPOptions, t, o, n, field.Value{})
		c.Label(on, "Options: (%d byte%s)", n, plural(n))
		c.dccpOptions(t, on, o, hlen)
		o = hlen
	} else {
		// tshark sets the end of the last item it kept: the protocol's, unless there are options
		c.setProtoLen(p, protoDCCP, o)
	}
	if t.Len()-o <= 0 && !t.Short {
		return // an empty payload: tshark's data dissector adds nothing
	}
	payload := t.Sub(o)
	c.decodePorts(DCCPPort, payload, parent, 0, min(sport, dport), max(sport, dport))
}

// dccpLabel draws the protocol line's summary.
func (c *Ctx) dccpLabel(p int32, sport, dport uint16, tname, seq string) {
	c.Label(p, "Datagram Congestion Control Protocol, Src Port: %d, Dst Port: %d [%s]%s", sport, dport, tname, seq)
}

// dccpChecksum verifies the checksum over the coverage cscov names, with the IP pseudo-header.
func (c *Ctx) dccpChecksum(t Tvb, p int32, doff uint8, cscov int) {
	ck := t.U16(6)
	cn := c.AddUintV(p, hfDCCPChecksum, t, 6, 2, uint64(ck))
	reported := t.Len()
	if t.Short {
		reported += c.unreported(t)
	}
	cover := reported
	if cscov != 0 {
		cover = min((int(doff)+cscov-1)*4, reported)
	}
	status := uint64(ckUnverified)
	if t.Len() >= cover && (len(c.NetSrc) == 4 || len(c.NetSrc) == 16) {
		var ph [40]byte
		n := copy(ph[:], c.NetSrc)
		n += copy(ph[n:], c.NetDst)
		if len(c.NetSrc) == 4 {
			ph[n+1], ph[n+2], ph[n+3] = 33, byte(reported>>8), byte(reported)
			n += 4
		} else {
			ph[n], ph[n+1], ph[n+2], ph[n+3] = byte(reported>>24), byte(reported>>16), byte(reported>>8), byte(reported)
			ph[n+7] = 33
			n += 8
		}
		sum := inetChecksum(ph[:n], t.B[:cover])
		if sum == 0 {
			status = ckGood
			c.Label(cn, "Checksum: 0x%04x [correct]", ck)
		} else {
			status = ckBad
			should := inetShouldBe(ck, sum)
			c.Label(cn, "Checksum: 0x%04x incorrect, should be 0x%04x", ck, should)
			c.Expert(cn, eiDCCPChecksum, t, 6, 2, "Bad checksum [should be 0x"+hex4(should)+"]")
		}
	} else {
		c.Label(cn, "Checksum: 0x%04x [unverified]", ck)
	}
	sn := c.AddGenerated(p, hfDCCPChecksumStatus, t, 6, 0, field.Value{U: status})
	c.Label(sn, "Checksum Status: %s", checksumStatusVals[status])
}

// dccpOptions shows the options in t[o:end].
func (c *Ctx) dccpOptions(t Tvb, tree int32, o, end int) {
	for o < end {
		typ := t.U8(o)
		it := c.AddUintV(tree, hfDCCPOptionType, t, o, 1, uint64(typ))
		l := 1
		if typ >= 32 {
			l = int(t.U8(o + 1))
			if l < 2 {
				c.Expert(it, eiDCCPOptionLenBad, t, o, 1, "Option length incorrect, must be >= 2")
				return
			}
			c.setItemLen(it, tree, l)
			o += 2
			l -= 2
		}
		bad := func(msg string) { c.Expert(it, eiDCCPOptionLenBad, t, o, 0, msg) }
		switch {
		case typ == 0:
			c.AddBytes(it, hfDCCPPadding, t, o, l)
		case typ == 1:
			c.AddBytes(it, hfDCCPMandatory, t, o, l)
		case typ == 2:
			c.AddBytes(it, hfDCCPSlowReceiver, t, o, l)
		case typ >= 32 && typ <= 35:
			c.dccpFeature(t, it, o, l, typ)
		case typ == 36:
			c.AddBytes(it, hfDCCPInitCookie, t, o, l)
		case typ == 37:
			if l > 6 {
				bad("NDP Count too long (max 6 bytes)")
			} else {
				c.AddUint(it, hfDCCPNdpCount, t, o, l)
			}
		case typ == 38:
			c.AddBytes(it, hfDCCPAckVectorNonce0, t, o, l)
		case typ == 39:
			c.AddBytes(it, hfDCCPAckVectorNonce1, t, o, l)
		case typ == 40:
			c.AddBytes(it, hfDCCPDataDropped, t, o, l)
		case typ == 41:
			if l == 4 {
				c.AddUint(it, hfDCCPTimestamp, t, o, 4)
			} else {
				bad("Timestamp too long [" + itoa(uint64(l)) + " != 4]")
			}
		case typ == 42:
			switch l {
			case 4, 6, 8:
				c.AddUint(it, hfDCCPTimestampEcho, t, o, 4)
				if l > 4 {
					c.AddUint(it, hfDCCPElapsedTime, t, o+4, l-4)
				}
			default:
				bad("Wrong Timestamp Echo length")
			}
		case typ == 43:
			if l == 2 || l == 4 {
				c.AddUint(it, hfDCCPElapsedTime, t, o, l)
			} else {
				bad("Wrong Elapsed Time length")
			}
		case typ == 44:
			if l == 4 {
				c.AddUint(it, hfDCCPChecksumData, t, o, 4)
			} else {
				bad("Wrong Data checksum length")
			}
		case typ == 192:
			if l == 4 {
				n, v := c.AddUint(it, hfDCCPLossEventRate, t, o, 4)
				if v == 0xffffffff {
					c.Label(n, "CCID3 Loss Event Rate: 0 (or max)")
				}
			} else {
				bad("Wrong CCID3 Loss Event Rate length")
			}
		case typ == 193:
			c.AddBytes(tree, hfDCCPLossIntervals, t, o, l)
		case typ == 194:
			if l == 4 {
				c.AddUint(it, hfDCCPReceiveRate, t, o, 4)
			} else {
				bad("Wrong CCID3 Receive Rate length")
			}
		case typ >= 45 && typ <= 127 || typ >= 3 && typ <= 31:
			c.AddBytes(it, hfDCCPOptionReserved, t, o, l)
		case typ >= 128:
			n := c.AddBytes(it, hfDCCPCcidOptionData, t, o, l)
			c.Label(n, "CCID option %d", typ)
		default:
			c.AddBytes(it, hfDCCPOptionUnknown, t, o, l)
		}
		o += l
	}
}

// dccpFeature shows a Change or Confirm option's feature (the subtree is named, as in tshark 4.0,
// by looking the option type up among the feature numbers).
func (c *Ctx) dccpFeature(t Tvb, tree int32, o, l int, typ uint8) {
	fn := t.U8(o)
	name := "Unknown feature number"
	for _, r := range dccpFeatureRanges {
		if uint64(typ) >= r.Lo && uint64(typ) <= r.Hi {
			name = r.Name
			break
		}
	}
	label := name + "("
	switch fn {
	case 1, 2, 4, 6, 7, 8, 9, 192:
		for i := 0; i < l-1; i++ {
			if i > 0 {
				label += ","
			}
			label += " " + itoa(uint64(t.U8(o+1+i)))
		}
	case 3, 5:
		if l-1 > 0 {
			label += " " + itoa(dccpVar(t, o+1, l-1))
		}
	default:
		label += itoa(uint64(fn))
	}
	st := c.addTextItem(tree, t, o, l, label+")")
	c.AddUintV(st, hfDCCPFeatureNumber, t, o, 1, uint64(fn))
}

// dccpVar reads an n-byte number (six bytes when n is larger).
func dccpVar(t Tvb, o, n int) uint64 {
	if n > 6 {
		n = 6
	}
	return t.Uint(o, n)
}
