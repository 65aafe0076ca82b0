package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Label Distribution Protocol (RFC 5036), UDP and TCP port 646 (Wireshark's packet-ldp.c): the PDU
// header, its messages and their TLVs. The Hello TLVs are dissected field by field; other TLVs
// show their value undissected for now.

var (
	protoLDP            = Fields.Protocol("ldp", "Label Distribution Protocol")
	hfLDPVersion        = Fields.Add(protoLDP, "ldp.hdr.version", "Version", field.Uint16)
	hfLDPPduLen         = Fields.Add(protoLDP, "ldp.hdr.pdu_len", "PDU Length", field.Uint16)
	hfLDPLsr            = Fields.Add(protoLDP, "ldp.hdr.ldpid.lsr", "LSR ID", field.IPv4)
	hfLDPLsid           = Fields.Add(protoLDP, "ldp.hdr.ldpid.lsid", "Label Space ID", field.Uint16)
	hfLDPMsgUbit        = Fields.Add(protoLDP, "ldp.msg.ubit", "U bit", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Unknown bit set", "Unknown bit not set"))
	hfLDPMsgType        = Fields.Add(protoLDP, "ldp.msg.type", "Message Type", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x7fff), field.WithStrings(ldpMsgVals))
	hfLDPMsgLen         = Fields.Add(protoLDP, "ldp.msg.len", "Message Length", field.Uint16)
	hfLDPMsgID          = Fields.Add(protoLDP, "ldp.msg.id", "Message ID", field.Uint32, field.WithBase(field.Hex))
	hfLDPTLVUnknown     = Fields.Add(protoLDP, "ldp.msg.tlv.unknown", "TLV Unknown bits", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xc0), field.WithStrings(ldpUnknownVals))
	hfLDPTLVType        = Fields.Add(protoLDP, "ldp.msg.tlv.type", "TLV Type", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x3fff), field.WithStrings(ldpTLVVals))
	hfLDPTLVLen         = Fields.Add(protoLDP, "ldp.msg.tlv.len", "TLV Length", field.Uint16)
	hfLDPTLVValue       = Fields.Add(protoLDP, "ldp.msg.tlv.value", "TLV Value", field.Bytes)
	hfLDPHelloHold      = Fields.Add(protoLDP, "ldp.msg.tlv.hello.hold", "Hold Time", field.Uint16)
	hfLDPHelloTargeted  = Fields.Add(protoLDP, "ldp.msg.tlv.hello.targeted", "Targeted Hello", field.Bool, field.WithBase(16), field.WithMask(0x8000), field.WithTrueFalse("Targeted Hello", "Link Hello"))
	hfLDPHelloRequested = Fields.Add(protoLDP, "ldp.msg.tlv.hello.requested", "Hello Requested", field.Bool, field.WithBase(16), field.WithMask(0x4000), field.WithTrueFalse("Source requests periodic hellos", "Source does not request periodic hellos"))
	hfLDPHelloGTSM      = Fields.Add(protoLDP, "ldp.msg.tlv.hello.gtsm", "GTSM Flag", field.Bool, field.WithBase(16), field.WithMask(0x2000), field.WithTrueFalse("Set", "Not set"))
	hfLDPHelloRes       = Fields.Add(protoLDP, "ldp.msg.tlv.hello.res", "Reserved", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x1fff))
	hfLDPIPv4Taddr      = Fields.Add(protoLDP, "ldp.msg.tlv.ipv4.taddr", "IPv4 Transport Address", field.IPv4)
	hfLDPCnfSeqno       = Fields.Add(protoLDP, "ldp.msg.tlv.hello.cnf_seqno", "Configuration Sequence Number", field.Uint32)
	hfLDPIPv6Taddr      = Fields.Add(protoLDP, "ldp.msg.tlv.ipv6.taddr", "IPv6 Transport Address", field.IPv6)
	eiLDPGTSMSupported  = RegisterExpert(protoLDP, "ldp.msg.tlv.hello.gtsm.supported", "GTSM is supported by the source", GroupProtocol, SevChat)
	eiLDPGTSMNotSupp    = RegisterExpert(protoLDP, "ldp.msg.tlv.hello.gtsm.not_supported", "GTSM is not supported by the source", GroupProtocol, SevChat)
	eiLDPMsgLen         = RegisterExpert(protoLDP, "ldp.msg.len.bad", "Error processing Message Length", GroupMalformed, SevError)
	eiLDPTLVLen         = RegisterExpert(protoLDP, "ldp.msg.tlv.len.bad", "Error processing TLV", GroupMalformed, SevError)
	handleLDP           = &Handle{Name: "ldp", Fn: dissectLDP}
)

func init() {
	RegisterShortName(protoLDP, "LDP")
	UDPPort.Add(646, handleLDP)
	TCPPort.Add(646, handleLDP)
	RegisterPDU(handleLDP, func(c *Ctx, t Tvb, _ *PDUScan) int {
		if t.Len() < 4 {
			return -1
		}
		return int(t.U16(2)) + 4
	})
}

func dissectLDP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("LDP")
	c.ClearInfo() // each PDU clears Info, so a segment of several shows the last one's messages
	pduLen := int(t.U16(2))
	p := c.AddProto(parent, protoLDP, t, 0, min(pduLen+4, t.Len()))
	c.AddUint(p, hfLDPVersion, t, 0, 2)
	c.AddUint(p, hfLDPPduLen, t, 2, 2)
	c.AddBytes(p, hfLDPLsr, t, 4, 4)
	c.AddUint(p, hfLDPLsid, t, 8, 2)
	end := pduLen + 4
	for o := 10; o < end; {
		n := c.ldpMessage(t, p, o, end-o)
		if n <= 0 {
			break
		}
		o += n
	}
}

// ldpMessage shows the message at o (rem bytes left in the PDU) and returns its length.
func (c *Ctx) ldpMessage(t Tvb, tree int32, o, rem int) int {
	typ := uint64(t.U16(o) & 0x7fff)
	l := int(t.U16(o + 2))
	if rem < 4 || l < 4 {
		msg := "Error processing Message Length: length is " + itoa(uint64(l)) + ", should be >= 4"
		if rem < 4 {
			msg = "Error processing Message: length is " + itoa(uint64(rem)) + ", should be >= 4"
		}
		c.ExpertItem(tree, eiLDPMsgLen, t, o, min(rem, t.Len()-o), msg)
		c.AppendInfo("Bad Message Length ")
		return -1
	}
	name, ok := ldpMsgVals[typ]
	if !ok {
		name = "Unknown Message (0x" + hex4(typ) + ")"
	}
	c.AppendInfo(name + " ")
	if c.treeless() && o+4+l > t.Len() {
		return -1 // without a tree tshark stops at a message that runs past the captured bytes
	}
	mt := c.addTextItem(tree, t, o, l+4, name)
	c.AddUint(mt, hfLDPMsgUbit, t, o, 1)
	tn, _ := c.AddUint(mt, hfLDPMsgType, t, o, 2)
	c.Label(tn, "Message Type: %s (0x%s)", name, hexNoPad(typ))
	c.AddUint(mt, hfLDPMsgLen, t, o+2, 2)
	c.AddUint(mt, hfLDPMsgID, t, o+4, 4)
	end := o + 4 + l
	if c.treeless() {
		return l + 4 // Wireshark reads TLVs only into a tree
	}
	for v := o + 8; v < end; {
		n := c.ldpTLV(t, mt, v, end-v)
		if n <= 0 {
			break
		}
		v += n
	}
	return l + 4
}

// ldpTLV shows the TLV at o (rem bytes left in the message) and returns its length.
func (c *Ctx) ldpTLV(t Tvb, tree int32, o, rem int) int {
	if rem < 4 {
		c.ExpertItem(tree, eiLDPTLVLen, t, o, rem, "Error processing TLV: length is "+itoa(uint64(rem))+", should be >= 4")
		return -1
	}
	typ := uint64(t.U16(o) & 0x3fff)
	l := int(t.U16(o + 2))
	name, ok := ldpTLVVals[typ]
	if !ok {
		name = "Unknown TLV type (0x" + hex4(typ) + ")"
	}
	tt := c.addTextItem(tree, t, o, min(l+4, rem), name)
	c.AddUint(tt, hfLDPTLVUnknown, t, o, 1)
	tn, _ := c.AddUint(tt, hfLDPTLVType, t, o, 2)
	c.Label(tn, "TLV Type: %s (0x%s)", name, hexNoPad(typ))
	c.AddUint(tt, hfLDPTLVLen, t, o+2, 2)
	if l > rem-4 {
		c.ExpertItem(tt, eiLDPTLVLen, t, o+4, rem-4, "Error processing TLV: length is "+itoa(uint64(l))+", but only "+itoa(uint64(rem-4))+" remain")
		return -1
	}
	v := o + 4
	switch {
	case typ == 0x400 && l >= 4:
		c.AddUint(tt, hfLDPHelloHold, t, v, 2)
		c.AddUint(tt, hfLDPHelloTargeted, t, v+2, 2)
		c.AddUint(tt, hfLDPHelloRequested, t, v+2, 2)
		gn, gtsm := c.AddUint(tt, hfLDPHelloGTSM, t, v+2, 2)
		if gtsm != 0 {
			c.Expert(gn, eiLDPGTSMSupported, t, v+2, 2, "")
		} else {
			c.Expert(gn, eiLDPGTSMNotSupp, t, v+2, 2, "")
		}
		c.AddUint(tt, hfLDPHelloRes, t, v+2, 2)
	case typ == 0x401 && l >= 4:
		c.AddBytes(tt, hfLDPIPv4Taddr, t, v, 4)
	case typ == 0x402 && l >= 4:
		c.AddUint(tt, hfLDPCnfSeqno, t, v, 4)
	case typ == 0x403 && l >= 16:
		c.AddBytes(tt, hfLDPIPv6Taddr, t, v, 16)
	default:
		if l > 0 {
			c.AddBytes(tt, hfLDPTLVValue, t, v, l)
		}
	}
	return l + 4
}

var ldpMsgVals = map[uint64]string{1: "Notification Message", 256: "Hello Message", 512: "Initialization Message", 513: "Keep Alive Message", 514: "Capability Message", 768: "Address Message", 769: "Address Withdrawal Message", 1024: "Label Mapping Message", 1025: "Label Request Message", 1026: "Label Withdrawal Message", 1027: "Label Release Message", 1028: "Label Abort Request Message", 1280: "Call Setup Message", 1281: "Call Release Message", 1792: "RG Connect Message", 1793: "RG Disconnect Message", 1794: "RG Notification Message", 1795: "RG Application Data Message", 15872: "Vendor-Private Message", 16128: "Experimental Message"}

var ldpTLVVals = map[uint64]string{1: "Sequence Number TLV", 256: "FEC", 257: "Address List", 259: "Hop Count", 260: "Path Vector", 512: "Generic Label", 513: "ATM Label", 514: "Frame Relay Label", 515: "FT Protection TLV", 516: "LDP Upstream-Assigned Label TLV", 517: "LDP Upstream-Assigned Label Request TLV", 518: "Entropy Label Capability TLV", 768: "Status", 769: "Extended Status", 770: "Returned PDU", 771: "Returned Message", 772: "Returned TLVs", 1024: "Common Hello Parameters", 1025: "IPv4 Transport Address", 1026: "Configuration Sequence Number", 1027: "IPv6 Transport Address", 1028: "MAC TLV", 1029: "Cryptographic Authentication TLV", 1030: "MAC Flush Parameters TLV", 1031: "PBB B-MAC List Sub-TLV", 1032: "PBB I-SID List Sub-TLV", 1280: "Common Session Parameters", 1281: "ATM Session Parameters", 1282: "Frame Relay Session Parameters", 1283: "FT Session TLV", 1284: "FT Ack TLV", 1285: "FT Cork TLV", 1286: "Dynamic Capability Announcement", 1287: "LDP Upstream Label Assignment Capability TLV", 1288: "P2MP Capability Parameter", 1289: "MP2MP Capability Parameter", 1290: "MBB Capability Parameter", 1291: "Typed Wildcard FEC Capability", 1292: "Multi-Topology Capability", 1293: "State Advertisement Control Capability", 1295: "Targeted Application Capability", 1536: "Label Request Message ID", 1537: "MTU TLV", 1539: "Unrecognized Notification Capability", 1792: "ICCP capability TLV", 1793: "Dual-Stack capability", 2048: "Explicit Route TLV", 2049: "Ipv4 Prefix ER-Hop TLV", 2050: "Ipv6 Prefix ER-Hop TLV", 2051: "Autonomous System Number ER-Hop TLV", 2052: "LSP-ID ER-HOP TLV", 2053: "L2 PW Address of Switching Point", 2064: "Traffic Parameters TLV", 2080: "Preemption TLV", 2081: "LSPID TLV", 2082: "Resource Class TLV", 2083: "Route Pinning TLV", 2084: "Generalized Label Request TLV", 2085: "Generalized Label TLV", 2086: "Upstream Label TLV", 2087: "Label Set TLV", 2088: "Waveband Label TLV", 2089: "ER-Hop TLV", 2090: "Acceptable Label Set TLV", 2091: "Admin Status TLV", 2092: "Interface ID TLV", 2093: "IPV4 Interface ID TLV", 2094: "IPV6 Interface ID TLV", 2095: "IPv4 IF_ID Status TLV", 2096: "IPv6 IF_ID Status TLV", 2097: "Op-Sp Call ID TLV", 2098: "GU Call ID TLV", 2099: "Call Capability TLV", 2100: "Crankback TLV", 2101: "Protection TLV", 2102: "LSP_TUNNEL_INTERFACE_ID TLV", 2103: "Unnumbered Interface ID TLV", 2104: "SONET/SDH Traffic Parameters TLV", 2305: "Diff-Serv TLV", 2306: "HSMP LSP Capability Parameter", 2400: "IPv4 Source ID TLV", 2401: "IPv6 Source ID TLV", 2402: "NSAP Source ID TLV", 2403: "IPv4 Destination ID TLV", 2404: "IPv6 Destination ID TLV", 2405: "NSAP Destination ID TLV", 2406: "Egress Label TLV", 2407: "Local Connection ID TLV", 2408: "Diversity TLV", 2409: "Contract ID TLV", 2410: "PW Status TLV", 2411: "PW Interface Parameters TLV", 2412: "PW Group ID TLV", 2413: "Pseudowire Switching Point PE TLV", 2414: "Bandwidth TLV", 2415: "LDP MP Status TLV Type", 2416: "UNI Service Level TLV", 2417: "Queue Request TLV", 2418: "MP Node Protection Capability", 2419: "PSN Tunnel Binding TLV", 2420: "Egress Protection Capability", 28: "RSVP-TE P2MP LSP TLV", 29: "LDP P2MP LSP TLV", 30: "IP Multicast Tunnel TLV"}

var ldpUnknownVals = map[uint64]string{0: "Known TLV, do not Forward", 1: "Known TLV, do Forward", 2: "Unknown TLV, do not Forward", 3: "Unknown TLV, do Forward"}
