package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Pragmatic General Multicast (RFC 3208, with PGMCC's ACK), IP protocol 113 (Wireshark's
// packet-pgm.c): the common header, the packet types and the options that follow them. Data
// packets hand their payload on by port.

var (
	protoPGM              = Fields.Protocol("pgm", "Pragmatic General Multicast")
	hfPGMSport            = Fields.Add(protoPGM, "pgm.hdr.sport", "Source Port", field.Uint16)
	hfPGMDport            = Fields.Add(protoPGM, "pgm.hdr.dport", "Destination Port", field.Uint16)
	hfPGMPort             = Fields.Add(protoPGM, "pgm.port", "Port", field.Uint16)
	hfPGMType             = Fields.Add(protoPGM, "pgm.hdr.type", "Type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(pgmTypeVals))
	hfPGMOpts             = Fields.Add(protoPGM, "pgm.hdr.opts", "Options", field.Uint8, field.WithBase(field.Hex))
	hfPGMOptsOpt          = Fields.Add(protoPGM, "pgm.hdr.opts.opt", "Options", field.Bool, field.WithBase(8), field.WithMask(0x01), field.WithTrueFalse("Present", "Not Present"))
	hfPGMOptsNetsig       = Fields.Add(protoPGM, "pgm.hdr.opts.netsig", "Network Significant Options", field.Bool, field.WithBase(8), field.WithMask(0x02), field.WithTrueFalse("Present", "Not Present"))
	hfPGMOptsVarlen       = Fields.Add(protoPGM, "pgm.hdr.opts.varlen", "Variable length Parity Packet Option", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Present", "Not Present"))
	hfPGMOptsParity       = Fields.Add(protoPGM, "pgm.hdr.opts.parity", "Parity", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Present", "Not Present"))
	hfPGMCksum            = Fields.Add(protoPGM, "pgm.hdr.cksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfPGMCksumStatus      = Fields.Add(protoPGM, "pgm.hdr.cksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))
	hfPGMGsi              = Fields.Add(protoPGM, "pgm.hdr.gsi", "Global Source Identifier", field.Bytes)
	hfPGMTsdulen          = Fields.Add(protoPGM, "pgm.hdr.tsdulen", "Transport Service Data Unit Length", field.Uint16)
	hfPGMSpmSqn           = Fields.Add(protoPGM, "pgm.spm.sqn", "Sequence number", field.Uint32, field.WithBase(field.Hex))
	hfPGMSpmTrail         = Fields.Add(protoPGM, "pgm.spm.trail", "Trailing Edge Sequence Number", field.Uint32, field.WithBase(field.Hex))
	hfPGMSpmLead          = Fields.Add(protoPGM, "pgm.spm.lead", "Leading Edge Sequence Number", field.Uint32, field.WithBase(field.Hex))
	hfPGMSpmPathafi       = Fields.Add(protoPGM, "pgm.spm.pathafi", "Path NLA AFI", field.Uint16, field.WithStrings(afnVals))
	hfPGMSpmRes           = Fields.Add(protoPGM, "pgm.spm.res", "Reserved", field.Uint16, field.WithBase(field.Hex))
	hfPGMSpmPath          = Fields.Add(protoPGM, "pgm.spm.path.ipv4", "Path NLA", field.IPv4)
	hfPGMSpmPath6         = Fields.Add(protoPGM, "pgm.spm.path.ipv6", "Path NLA", field.IPv6)
	hfPGMNakSqn           = Fields.Add(protoPGM, "pgm.nak.sqn", "Requested Sequence Number", field.Uint32, field.WithBase(field.Hex))
	hfPGMNakSrcafi        = Fields.Add(protoPGM, "pgm.nak.srcafi", "Source NLA AFI", field.Uint16, field.WithStrings(afnVals))
	hfPGMNakSrcres        = Fields.Add(protoPGM, "pgm.nak.srcres", "Reserved", field.Uint16, field.WithBase(field.Hex))
	hfPGMNakSrc           = Fields.Add(protoPGM, "pgm.nak.src.ipv4", "Source NLA", field.IPv4)
	hfPGMNakSrc6          = Fields.Add(protoPGM, "pgm.nak.src.ipv6", "Source NLA", field.IPv6)
	hfPGMNakGrpafi        = Fields.Add(protoPGM, "pgm.nak.grpafi", "Multicast Group AFI", field.Uint16, field.WithStrings(afnVals))
	hfPGMNakGrpres        = Fields.Add(protoPGM, "pgm.nak.grpres", "Reserved", field.Uint16, field.WithBase(field.Hex))
	hfPGMNakGrp           = Fields.Add(protoPGM, "pgm.nak.grp.ipv4", "Multicast Group NLA", field.IPv4)
	hfPGMNakGrp6          = Fields.Add(protoPGM, "pgm.nak.grp.ipv6", "Multicast Group NLA", field.IPv6)
	hfPGMPollSqn          = Fields.Add(protoPGM, "pgm.poll.sqn", "Sequence Number", field.Uint32, field.WithBase(field.Hex))
	hfPGMPollRound        = Fields.Add(protoPGM, "pgm.poll.round", "Round", field.Uint16)
	hfPGMPollSubtype      = Fields.Add(protoPGM, "pgm.poll.subtype", "Subtype", field.Uint16, field.WithBase(field.Hex), field.WithStrings(pgmPollSubtypeVals))
	hfPGMPollPathafi      = Fields.Add(protoPGM, "pgm.poll.pathafi", "Path NLA AFI", field.Uint16, field.WithStrings(afnVals))
	hfPGMPollRes          = Fields.Add(protoPGM, "pgm.poll.res", "Reserved", field.Uint16, field.WithBase(field.Hex))
	hfPGMPollPath         = Fields.Add(protoPGM, "pgm.poll.path.ipv4", "Path NLA", field.IPv4)
	hfPGMPollPath6        = Fields.Add(protoPGM, "pgm.poll.path.ipv6", "Path NLA", field.IPv6)
	hfPGMPollBackoffIvl   = Fields.Add(protoPGM, "pgm.poll.backoff_ivl", "Back-off Interval", field.Uint32)
	hfPGMPollRandStr      = Fields.Add(protoPGM, "pgm.poll.rand_str", "Random String", field.Uint32, field.WithBase(field.Hex))
	hfPGMPollMatchingMask = Fields.Add(protoPGM, "pgm.poll.matching_bmask", "Matching Bitmask", field.Uint32, field.WithBase(field.Hex))
	hfPGMPolrSqn          = Fields.Add(protoPGM, "pgm.polr.sqn", "Sequence Number", field.Uint32, field.WithBase(field.Hex))
	hfPGMPolrRound        = Fields.Add(protoPGM, "pgm.polr.round", "Round", field.Uint16)
	hfPGMPolrRes          = Fields.Add(protoPGM, "pgm.polr.res", "Reserved", field.Uint16, field.WithBase(field.Hex))
	hfPGMAckMaxsqn        = Fields.Add(protoPGM, "pgm.ack.maxsqn", "Maximum Received Sequence Number", field.Uint32, field.WithBase(field.Hex))
	hfPGMAckBitmap        = Fields.Add(protoPGM, "pgm.ack.bitmap", "Packet Bitmap", field.Uint32, field.WithBase(field.Hex))
	hfPGMOptType          = Fields.Add(protoPGM, "pgm.opts.type", "Type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(pgmOptVals))
	hfPGMOptLen           = Fields.Add(protoPGM, "pgm.opts.len", "Length", field.Uint8)
	hfPGMOptTlen          = Fields.Add(protoPGM, "pgm.opts.tlen", "Total Length", field.Uint16)
	hfPGMGenoptEnd        = Fields.Add(protoPGM, "pgm.genopts.end", "Option end", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Yes", "No"))
	hfPGMGenoptType       = Fields.Add(protoPGM, "pgm.genopts.type", "Type", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x7f), field.WithStrings(pgmOptVals))
	hfPGMGenoptLen        = Fields.Add(protoPGM, "pgm.genopts.len", "Length", field.Uint8)
	hfPGMGenoptOpx        = Fields.Add(protoPGM, "pgm.genopts.opx", "Option Extensibility Bits", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0: "Ignore", 1: "Inval", 0x10: "DisCard"}))
	hfPGMParityPrmPo      = Fields.Add(protoPGM, "pgm.opts.parity_prm.op", "Parity Parameters", field.Uint8, field.WithBase(field.Hex))
	hfPGMParityPrmGrp     = Fields.Add(protoPGM, "pgm.opts.parity_prm.prm_grp", "Transmission Group Size", field.Uint32, field.WithBase(field.Hex))
	hfPGMJoinRes          = Fields.Add(protoPGM, "pgm.opts.join.res", "Reserved", field.Uint8, field.WithBase(field.Hex))
	hfPGMJoinMinJoin      = Fields.Add(protoPGM, "pgm.opts.join.min_join", "Minimum Sequence Number", field.Uint32, field.WithBase(field.Hex))
	hfPGMParityGrpRes     = Fields.Add(protoPGM, "pgm.opts.parity_prm.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex))
	hfPGMNakRes           = Fields.Add(protoPGM, "pgm.opts.nak.op", "Reserved", field.Uint8, field.WithBase(field.Hex))
	hfPGMNakList          = Fields.Add(protoPGM, "pgm.opts.nak.list", "List", field.Bytes)
	hfPGMCcdataRes        = Fields.Add(protoPGM, "pgm.opts.ccdata.res", "Reserved", field.Uint8)
	hfPGMCcdataTsp        = Fields.Add(protoPGM, "pgm.opts.ccdata.tstamp", "Time Stamp", field.Uint16, field.WithBase(field.Hex))
	hfPGMCcdataAfi        = Fields.Add(protoPGM, "pgm.opts.ccdata.afi", "Acker AFI", field.Uint16, field.WithStrings(afnVals))
	hfPGMCcdataRes2       = Fields.Add(protoPGM, "pgm.opts.ccdata.res2", "Reserved", field.Uint16)
	hfPGMCcdataAcker      = Fields.Add(protoPGM, "pgm.opts.ccdata.acker.ipv4", "Acker", field.IPv4)
	hfPGMCcdataAcker6     = Fields.Add(protoPGM, "pgm.opts.ccdata.acker.ipv6", "Acker", field.IPv6)
	hfPGMCcdataLossrate   = Fields.Add(protoPGM, "pgm.opts.ccdata.lossrate", "Loss Rate", field.Uint16, field.WithBase(field.Hex))
	hfPGMNakBoIvlRes      = Fields.Add(protoPGM, "pgm.opts.nak_bo_ivl.res", "Reserved", field.Uint8, field.WithBase(field.Hex))
	hfPGMNakBoIvl         = Fields.Add(protoPGM, "pgm.opts.nak_bo_ivl.bo_ivl", "Back-off Interval", field.Uint32)
	hfPGMNakBoIvlSqn      = Fields.Add(protoPGM, "pgm.opts.nak_bo_ivl.bo_ivl_sqn", "Back-off Interval Sequence Number", field.Uint32, field.WithBase(field.Hex))
	hfPGMNakBoRngRes      = Fields.Add(protoPGM, "pgm.opts.nak_bo_rng.res", "Reserved", field.Uint8, field.WithBase(field.Hex))
	hfPGMNakBoRngMin      = Fields.Add(protoPGM, "pgm.opts.nak_bo_rng.min_bo_ivl", "Min Back-off Interval", field.Uint32)
	hfPGMNakBoRngMax      = Fields.Add(protoPGM, "pgm.opts.nak_bo_rng.max_bo_ivl", "Max Back-off Interval", field.Uint32)
	hfPGMRedirectRes      = Fields.Add(protoPGM, "pgm.opts.redirect.res", "Reserved", field.Uint8)
	hfPGMRedirectAfi      = Fields.Add(protoPGM, "pgm.opts.redirect.afi", "DLR AFI", field.Uint16, field.WithStrings(afnVals))
	hfPGMRedirectRes2     = Fields.Add(protoPGM, "pgm.opts.redirect.res2", "Reserved", field.Uint16, field.WithBase(field.Hex))
	hfPGMRedirectDlr      = Fields.Add(protoPGM, "pgm.opts.redirect.dlr.ipv4", "DLR", field.IPv4)
	hfPGMRedirectDlr6     = Fields.Add(protoPGM, "pgm.opts.redirect.dlr.ipv6", "DLR", field.IPv6)
	hfPGMFragmentRes      = Fields.Add(protoPGM, "pgm.opts.fragment.res", "Reserved", field.Uint8, field.WithBase(field.Hex))
	hfPGMFragmentFirstSqn = Fields.Add(protoPGM, "pgm.opts.fragment.first_sqn", "First Sequence Number", field.Uint32, field.WithBase(field.Hex))
	hfPGMFragmentOffset   = Fields.Add(protoPGM, "pgm.opts.fragment.fragment_offset", "Fragment Offset", field.Uint32)
	hfPGMFragmentTotalLen = Fields.Add(protoPGM, "pgm.opts.fragment.total_length", "Total Length", field.Uint32)
	eiPGMOptType          = RegisterExpert(protoPGM, "pgm.opts.type.invalid", "Invalid option", GroupMalformed, SevError)
	eiPGMOptTlen          = RegisterExpert(protoPGM, "pgm.opts.tlen.invalid", "Total Length invalid", GroupMalformed, SevError)
	eiPGMGenoptLen        = RegisterExpert(protoPGM, "pgm.genopts.len.invalid", "Option length invalid", GroupMalformed, SevError)
	eiPGMAddressFormat    = RegisterExpert(protoPGM, "pgm.address_format_invalid", "Can't handle this address format", GroupProtocol, SevError)
	eiPGMChecksum         = RegisterExpert(protoPGM, "pgm.bad_checksum", "Bad checksum", GroupChecksum, SevError)
	handlePGM             = &Handle{Name: "pgm", Fn: dissectPGM}
	// PGMPort hands the payload of PGM data packets on by port (Wireshark's "pgm.port" table).
	PGMPort = NewTable("pgm.port")
)

var pgmTypeVals = map[uint64]string{0: "SPM", 5: "RDATA", 4: "ODATA", 8: "NAK", 9: "NNAK", 10: "NCF", 1: "POLL",
	2: "POLR", 11: "ACK", 13: "ACK"}

var pgmPollSubtypeVals = map[uint64]string{0: "General", 1: "DLR"}

var pgmOptVals = map[uint64]string{0x00: "Length", 0x80: "End", 0x01: "Fragment", 0x02: "NakList", 0x03: "Join",
	0x07: "ReDirect", 0x0d: "Syn", 0x0e: "Fin", 0x0f: "Rst", 0x08: "ParityPrm", 0x09: "ParityGrp", 0x0a: "CurrTgsiz",
	0x12: "CcData", 0x13: "CcFeedBack", 0x04: "NakBackOffIvl", 0x05: "NakBackOffRng"}

// pgmOpt is the layout of an option after its type, length and OPX octets: the minimum length,
// the fields in order, and (for addressed options) where the AFI sits and the address fields.
type pgmOpt struct {
	size       int
	fields     []pgmOptField
	afi        bool
	addr4      field.ID
	addr6      field.ID
	parityPrm  bool
	nakList    bool
	afterAfiHF field.ID
}

type pgmOptField struct {
	hf field.ID
	n  int
}

var pgmOpts = map[uint8]*pgmOpt{
	0x03: {size: 8, fields: []pgmOptField{{hfPGMJoinRes, 1}, {hfPGMJoinMinJoin, 4}}},
	0x08: {size: 8, parityPrm: true},
	0x09: {size: 8, fields: []pgmOptField{{hfPGMParityGrpRes, 1}, {hfPGMParityPrmGrp, 4}}},
	0x02: {nakList: true},
	0x12: {size: 16, fields: []pgmOptField{{hfPGMCcdataRes, 1}, {hfPGMCcdataTsp, 4}}, afi: true, afterAfiHF: hfPGMCcdataRes2, addr4: hfPGMCcdataAcker, addr6: hfPGMCcdataAcker6},
	0x13: {size: 16, fields: []pgmOptField{{hfPGMCcdataRes, 1}, {hfPGMCcdataTsp, 4}}, afi: true, afterAfiHF: hfPGMCcdataLossrate, addr4: hfPGMCcdataAcker, addr6: hfPGMCcdataAcker6},
	0x04: {size: 12, fields: []pgmOptField{{hfPGMNakBoIvlRes, 1}, {hfPGMNakBoIvl, 4}, {hfPGMNakBoIvlSqn, 4}}},
	0x05: {size: 12, fields: []pgmOptField{{hfPGMNakBoRngRes, 1}, {hfPGMNakBoRngMin, 4}, {hfPGMNakBoRngMax, 4}}},
	0x07: {size: 12, fields: []pgmOptField{{hfPGMRedirectRes, 1}}, afi: true, afterAfiHF: hfPGMRedirectRes2, addr4: hfPGMRedirectDlr, addr6: hfPGMRedirectDlr6},
	0x01: {size: 16, fields: []pgmOptField{{hfPGMFragmentRes, 1}, {hfPGMFragmentFirstSqn, 4}, {hfPGMFragmentOffset, 4}, {hfPGMFragmentTotalLen, 4}}},
}

func init() {
	RegisterShortName(protoPGM, "PGM")
	IPProto.Add(113, handlePGM)
}

func pgmName(vals map[uint64]string, v uint64) string {
	if s, ok := vals[v]; ok {
		return s
	}
	return "Unknown (0x" + hex2(uint8(v)) + ")"
}

// pgmOptsString names the header's option bits the way tshark does ("Present,NetSig").
func pgmOptsString(o uint8) string {
	if o == 0 {
		return ""
	}
	var s string
	add := func(bit uint8, name string) {
		if o&bit != 0 {
			if s != "" {
				s += ","
			}
			s += name
		}
	}
	add(0x01, "Present")
	add(0x02, "NetSig")
	add(0x40, "VarLen")
	add(0x80, "Parity")
	if s == "" {
		s = "0x" + hexNoPad(uint64(o))
	}
	return s
}

func hexNoPad(v uint64) string {
	const digits = "0123456789abcdef"
	if v == 0 {
		return "0"
	}
	var b [16]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = digits[v&15]
		v >>= 4
	}
	return string(b[i:])
}

func dissectPGM(c *Ctx, t Tvb, parent int32) {
	if t.Len()+c.unreported(t) < 18 {
		c.PopLayer("pgm") // declined: IP names the protocol in Info and shows data
		if c.ColumnsWritable() {
			c.SetInfo(IPProtoName(113) + " (113)")
		}
		c.CallData(t, parent)
		return
	}
	c.SetProtocol("PGM")
	c.ClearInfo()
	p := c.AddProto(parent, protoPGM, t, 0, -1)
	c.hidden(c.AddUintV(p, hfPGMPort, t, 0, 2, uint64(t.U16(0))))
	c.hidden(c.AddUintV(p, hfPGMPort, t, 2, 2, uint64(t.U16(2))))
	_, sport := c.AddUint(p, hfPGMSport, t, 0, 2)
	_, dport := c.AddUint(p, hfPGMDport, t, 2, 2)
	c.SrcPort, c.DstPort = uint32(sport), uint32(dport)
	_, typ := c.AddUint(p, hfPGMType, t, 4, 1)
	name := pgmName(pgmTypeVals, typ)
	info := name
	for len(info) < 5 {
		info += " "
	}
	c.AppendInfo(info)
	opts := t.U8(5)
	on := c.AddUintV(p, hfPGMOpts, t, 5, 1, uint64(opts))
	c.Label(on, "Options: %s (0x%s)", pgmOptsString(opts), hexNoPad(uint64(opts)))
	c.AddUint(on, hfPGMOptsOpt, t, 5, 1)
	c.AddUint(on, hfPGMOptsNetsig, t, 5, 1)
	c.AddUint(on, hfPGMOptsVarlen, t, 5, 1)
	c.AddUint(on, hfPGMOptsParity, t, 5, 1)
	c.pgmChecksum(t, p, typ)
	gsi := hexBytes(t.Bytes(8, 6))
	c.AddBytes(p, hfPGMGsi, t, 8, 6)
	_, tsdulen := c.AddUint(p, hfPGMTsdulen, t, 14, 2)
	c.Label(p, "Pragmatic General Multicast: Type %s Src Port %d, Dst Port %d, GSI %s", name, sport, dport, gsi)
	c.AppendInfo(" sqn 0x" + hexNoPad(uint64(t.U32(16))) + " gsi " + gsi)
	o := 16
	sub := func() int32 { return c.addTextItem(p, t, o, 0, name+" Packet") }
	isData := false
	switch typ {
	case 0: // SPM
		st := sub()
		c.AddUint(st, hfPGMSpmSqn, t, o, 4)
		c.AddUint(st, hfPGMSpmTrail, t, o+4, 4)
		c.AddUint(st, hfPGMSpmLead, t, o+8, 4)
		o += 12
		var ok bool
		if o, ok = c.pgmNLA(t, st, o, hfPGMSpmPathafi, hfPGMSpmRes, hfPGMSpmPath, hfPGMSpmPath6); !ok {
			return
		}
	case 4, 5: // ODATA, RDATA
		isData = true
		st := sub()
		c.AppendInfo(" tsdulen " + itoa(tsdulen))
		c.AddUint(st, hfPGMSpmSqn, t, o, 4)
		c.AddUint(st, hfPGMSpmTrail, t, o+4, 4)
		o += 8
	case 8, 9, 10: // NAK, NNAK, NCF
		st := sub()
		c.AddUint(st, hfPGMNakSqn, t, o, 4)
		o += 4
		o, _ = c.pgmNLA(t, st, o, hfPGMNakSrcafi, hfPGMNakSrcres, hfPGMNakSrc, hfPGMNakSrc6)
		var ok bool
		if o, ok = c.pgmNLA(t, st, o, hfPGMNakGrpafi, hfPGMNakGrpres, hfPGMNakGrp, hfPGMNakGrp6); !ok {
			return
		}
	case 1: // POLL
		st := sub()
		c.AddUint(st, hfPGMPollSqn, t, o, 4)
		c.AddUint(st, hfPGMPollRound, t, o+4, 2)
		_, stype := c.AddUint(st, hfPGMPollSubtype, t, o+6, 2)
		c.AppendInfo(" subtype " + pgmName(pgmPollSubtypeVals, stype))
		o += 8
		o, _ = c.pgmNLA(t, st, o, hfPGMPollPathafi, hfPGMPollRes, hfPGMPollPath, hfPGMPollPath6)
		c.AddUint(st, hfPGMPollBackoffIvl, t, o, 4)
		c.AddUint(st, hfPGMPollRandStr, t, o+4, 4)
		c.AddUint(st, hfPGMPollMatchingMask, t, o+8, 4)
		o += 12
	case 2: // POLR
		st := sub()
		c.AddUint(st, hfPGMPolrSqn, t, o, 4)
		c.AddUint(st, hfPGMPolrRound, t, o+4, 2)
		c.AddUint(st, hfPGMPolrRes, t, o+6, 2)
		o += 8
	case 11, 13: // ACK
		st := sub()
		c.AddUint(st, hfPGMAckMaxsqn, t, o, 4)
		c.AddUint(st, hfPGMAckBitmap, t, o+4, 4)
		o += 8
	}
	if opts&0x01 != 0 {
		o = c.pgmOptions(t, p, o, name)
	}
	if isData {
		payload := t.Sub(o)
		if h, ok := PGMPort.Get(sport); ok {
			c.Call(h, payload, parent)
		} else if h, ok := PGMPort.Get(dport); ok {
			c.Call(h, payload, parent)
		} else if !c.TryHeuristics(PGMPort, payload, parent) {
			c.CallData(payload, parent)
		}
	}
}

// pgmChecksum draws the checksum as tshark 4.0 does: zero means absent except in data packets, and
// a verified checksum is shown, by a slip of Wireshark's, as a second Checksum Status item.
func (c *Ctx) pgmChecksum(t Tvb, p int32, typ uint64) {
	ck := t.U16(6)
	if typ != 4 && typ != 5 && ck == 0 {
		n := c.AddGenerated(p, hfPGMCksum, t, 6, 2, field.Value{U: 0})
		c.Label(n, "Checksum: [missing]")
		s := c.AddGenerated(p, hfPGMCksumStatus, t, 6, 0, field.Value{U: ckNotPresent})
		c.Label(s, "Checksum Status: %s", checksumStatusVals[ckNotPresent])
		return
	}
	status := uint64(ckUnverified)
	if c.unreported(t) == 0 {
		sum := inetChecksum(t.B)
		v := uint64(ck >> 8) // an 8-bit field read from two bytes keeps the first
		n := c.AddUintV(p, hfPGMCksumStatus, t, 6, 2, v)
		name, ok := checksumStatusVals[v]
		if !ok {
			name = "Unknown"
		}
		if sum == 0 {
			status = ckGood
			c.Label(n, "Checksum Status: %s [correct]", name)
		} else {
			status = ckBad
			should := inetShouldBe(ck, sum)
			c.Label(n, "Checksum Status: %s incorrect, should be 0x%04x", name, should)
			c.Expert(n, eiPGMChecksum, t, 6, 2, "Bad checksum [should be 0x"+hex4(should)+"]")
		}
	} else {
		n := c.AddUintV(p, hfPGMCksum, t, 6, 2, uint64(ck))
		c.Label(n, "Checksum: 0x%04x [unverified]", ck)
	}
	s := c.AddGenerated(p, hfPGMCksumStatus, t, 6, 0, field.Value{U: status})
	c.Label(s, "Checksum Status: %s", checksumStatusVals[status])
}

// pgmNLA adds an AFI, a reserved field and the address it announces; an unknown AFI is reported
// and (ok false) ends the packet where Wireshark gives up.
func (c *Ctx) pgmNLA(t Tvb, tree int32, o int, hfAfi, hfRes, hf4, hf6 field.ID) (int, bool) {
	an, afi := c.AddUint(tree, hfAfi, t, o, 2)
	c.AddUint(tree, hfRes, t, o+2, 2)
	o += 4
	switch afi {
	case 1:
		c.AddBytes(tree, hf4, t, o, 4)
		return o + 4, true
	case 2:
		c.AddBytes(tree, hf6, t, o, 16)
		return o + 16, true
	}
	c.Expert(an, eiPGMAddressFormat, t, o-4, 2, "")
	return o, false
}

// pgmOptions shows the options at o and returns the offset after them.
func (c *Ctx) pgmOptions(t Tvb, p int32, o int, pkt string) int {
	ot := c.addTextItem(p, t, o, t.Len()-o, pkt+" Options")
	typ := uint64(t.U8(o))
	tn, _ := c.AddUint(ot, hfPGMOptType, t, o, 1)
	if typ != 0 {
		c.Expert(tn, eiPGMOptType, t, o, 1, pkt+" Options - initial option is "+pgmName(pgmOptVals, typ)+", should be Length")
		return o + 1
	}
	c.AddUint(ot, hfPGMOptLen, t, o+1, 1)
	total := int(t.U16(o + 2))
	c.Label(ot, "%s Options (Total Length %d)", pkt, total)
	c.setItemLen(ot, p, total)
	ln, _ := c.AddUint(ot, hfPGMOptTlen, t, o+2, 2)
	o += 4
	if total < 4 {
		c.Expert(ln, eiPGMOptTlen, t, o-2, 2, pkt+" Options (Total Length "+itoa(uint64(total))+" - invalid, must be >= 4)")
		return o
	}
	end := false
	for total -= 4; !end && total != 0; {
		if total < 4 {
			c.Expert(ln, eiPGMOptTlen, t, o, 0, "Remaining total options length doesn't have enough for an options header")
			break
		}
		gt, gl := t.U8(o), int(t.U8(o+1))
		if gt&0x80 != 0 {
			gt &^= 0x80
			end = true
		}
		it := c.addTextItem(ot, t, o, gl, "Option: "+pgmName(pgmOptVals, uint64(gt))+", Length: "+itoa(uint64(gl)))
		if gl < 4 {
			c.Expert(it, eiPGMGenoptLen, t, o, 0, "Length "+itoa(uint64(gl))+" invalid, must be >= 4")
			return o
		}
		if total < gl {
			c.Expert(it, eiPGMGenoptLen, t, o, 0, "Length "+itoa(uint64(gl))+" > remaining total options length")
			return o
		}
		spec := pgmOpts[gt]
		if spec == nil {
			o += gl
		} else {
			o = c.pgmOption(t, it, o, gl, spec)
		}
		total -= gl
	}
	return o
}

// pgmOption shows one known option at o of length gl, returning where Wireshark's cursor ends.
func (c *Ctx) pgmOption(t Tvb, it int32, o, gl int, spec *pgmOpt) int {
	c.AddUint(it, hfPGMGenoptEnd, t, o, 1)
	c.AddUint(it, hfPGMGenoptType, t, o, 1)
	o++
	if gl < spec.size {
		n := c.AddUintV(it, hfPGMGenoptLen, t, o, 1, uint64(gl))
		c.Label(n, "Length: %d (bogus, must be >= %d)", gl, spec.size)
		return o
	}
	c.AddUint(it, hfPGMGenoptLen, t, o, 1)
	c.AddUint(it, hfPGMGenoptOpx, t, o+1, 1)
	o += 2
	switch {
	case spec.parityPrm:
		po := t.U8(o)
		n := c.AddUintV(it, hfPGMParityPrmPo, t, o, 1, uint64(po))
		ps := ""
		if po&2 != 0 {
			ps = "Pro-active"
		}
		if po&1 != 0 {
			if ps != "" {
				ps += ","
			}
			ps += "On-demand"
		}
		if ps == "" && po != 0 {
			ps = "0x" + hexNoPad(uint64(po))
		}
		c.Label(n, "Parity Parameters: %s (0x%s)", ps, hexNoPad(uint64(po)))
		c.AddUint(it, hfPGMParityPrmGrp, t, o+1, 4)
		return o + 5
	case spec.nakList:
		c.AddUint(it, hfPGMNakRes, t, o, 1)
		o++
		n := (gl - 4) & 0xff / 4
		if n > 0 {
			var list string
			for i := 0; i < n; i++ {
				list += "0x" + hexNoPad(uint64(t.U32(o+4*i))) + " "
			}
			b := c.AddBytes(it, hfPGMNakList, t, o, 4*n)
			c.Label(b, "List(%d): %s", n, list)
			o += 4 * n
		}
		return o
	}
	for _, f := range spec.fields {
		c.AddUint(it, f.hf, t, o, f.n)
		o += f.n
	}
	if spec.afi {
		an, afi := c.AddUint(it, spec.fieldAfi(), t, o, 2)
		c.AddUint(it, spec.afterAfiHF, t, o+2, 2)
		o += 4
		switch afi {
		case 1:
			c.AddBytes(it, spec.addr4, t, o, 4)
			o += 4
		case 2:
			c.AddBytes(it, spec.addr6, t, o, 16)
			o += 16
		default:
			c.Expert(an, eiPGMAddressFormat, t, o-4, 2, "")
		}
	}
	return o
}

// fieldAfi is the option's AFI field.
func (s *pgmOpt) fieldAfi() field.ID {
	if s.addr4 == hfPGMRedirectDlr {
		return hfPGMRedirectAfi
	}
	return hfPGMCcdataAfi
}
