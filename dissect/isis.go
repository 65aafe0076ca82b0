package dissect

import (
	"fmt"

	"github.com/tshark-tui/tshark-tui/field"
)

// IS-IS, the ISO 10589 intra-domain routing protocol carried in OSI (NLPID 0x83; Wireshark's
// packet-isis.c, packet-isis-hello.c, packet-isis-lsp.c and packet-isis-snp.c): the common header,
// LAN and point-to-point hellos, link state PDUs with their checksum and type block, complete and
// partial sequence number PDUs, and their CLVs by type and length, with the common ones (area
// addresses, IS neighbours, protocols supported, interface addresses, hostname, LSP entries,
// padding) decoded.

var (
	protoISIS                 = Fields.Protocol("isis", "ISO 10589 ISIS InTRA Domain Routeing Information Exchange Protocol")
	hfISISIrpd                = Fields.Add(protoISIS, "isis.irpd", "Intradomain Routing Protocol Discriminator", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0: "NULL", 1: "X.29", 3: "X.633", 8: "Q.931", 9: "Q.2931", 12: "Q.2119", 128: "SNAP", 129: "CLNP", 130: "ESIS", 131: "ISIS", 133: "IDRP", 143: "Avaya SPBM Fabric IPVPN", 138: "ESIS (X.25)", 140: "ISO 10030", 141: "ISO 11577", 176: "Data compression protocol", 204: "IP", 192: "TRILL", 193: "SubNetwork Dependent Convergence Function", 142: "IPv6", 207: "PPP"}))
	hfISISLen                 = Fields.Add(protoISIS, "isis.len", "Length Indicator", field.Uint8)
	hfISISVersion             = Fields.Add(protoISIS, "isis.version", "Version/Protocol ID Extension", field.Uint8)
	hfISISSysidLen            = Fields.Add(protoISIS, "isis.sysid_len", "ID Length", field.Uint8)
	hfISISType                = Fields.Add(protoISIS, "isis.type", "PDU Type", field.Uint8, field.WithMask(0x1f), field.WithStrings(map[uint64]string{15: "L1 HELLO", 16: "L2 HELLO", 17: "P2P HELLO", 18: "L1 LSP", 20: "L2 LSP", 24: "L1 CSNP", 25: "L2 CSNP", 26: "L1 PSNP", 27: "L2 PSNP"}))
	hfISISTypeReserved        = Fields.Add(protoISIS, "isis.type.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xe0))
	hfISISVersion2            = Fields.Add(protoISIS, "isis.version2", "Version", field.Uint8)
	hfISISReserved            = Fields.Add(protoISIS, "isis.reserved", "Reserved", field.Uint8)
	hfISISMaxAreaAdr          = Fields.Add(protoISIS, "isis.max_area_adr", "Maximum Area Addresses", field.Uint8, field.WithBlurb("Maximum Area Addresses, 0 means 3"))
	protoISISHello            = Fields.Protocol("isis.hello", "ISIS HELLO")
	hfISISHelloCircuitType    = Fields.Add(protoISISHello, "isis.hello.circuit_type", "Circuit type", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x3), field.WithStrings(map[uint64]string{0: "Reserved 0 (discard PDU)", 1: "Level 1 only", 2: "Level 2 only", 3: "Level 1 and 2"}))
	hfISISHelloReserved       = Fields.Add(protoISISHello, "isis.hello.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xfc))
	hfISISHelloSourceId       = Fields.Add(protoISISHello, "isis.hello.source_id", "SystemID {Sender of PDU}", field.SystemID)
	hfISISHelloHoldingTimer   = Fields.Add(protoISISHello, "isis.hello.holding_timer", "Holding timer", field.Uint16)
	hfISISHelloPduLength      = Fields.Add(protoISISHello, "isis.hello.pdu_length", "PDU length", field.Uint16)
	hfISISHelloPriority       = Fields.Add(protoISISHello, "isis.hello.priority", "Priority", field.Uint8, field.WithMask(0x7f))
	hfISISHelloLanId          = Fields.Add(protoISISHello, "isis.hello.lan_id", "SystemID {Designated IS}", field.SystemID)
	hfISISHelloClvType        = Fields.Add(protoISISHello, "isis.hello.clv.type", "Type", field.Uint8)
	hfISISHelloClvLength      = Fields.Add(protoISISHello, "isis.hello.clv.length", "Length", field.Uint8)
	hfISISHelloLocalCircuitId = Fields.Add(protoISISHello, "isis.hello.local_circuit_id", "Local circuit ID", field.Uint8)
	hfISISHelloClvIpv4IntAddr = Fields.Add(protoISISHello, "isis.hello.clv_ipv4_int_addr", "IPv4 interface address", field.IPv4)
	hfISISHelloAreaAddress    = Fields.Add(protoISISHello, "isis.hello.area_address", "Area address", field.Bytes)
	hfISISHelloClvNlpidNlpid  = Fields.Add(protoISISHello, "isis.hello.clv_nlpid.nlpid", "NLPID", field.Uint8, field.WithBase(field.Hex))
	hfISISHelloIsNeighbor     = Fields.Add(protoISISHello, "isis.hello.is_neighbor", "IS Neighbor", field.Ether)
	protoISISLSP              = Fields.Protocol("isis.lsp", "ISO 10589 ISIS Link State Protocol Data Unit")
	hfISISLSPPduLength        = Fields.Add(protoISISLSP, "isis.lsp.pdu_length", "PDU length", field.Uint16)
	hfISISLSPRemainingLife    = Fields.Add(protoISISLSP, "isis.lsp.remaining_life", "Remaining lifetime", field.Uint16)
	hfISISLSPLspId            = Fields.Add(protoISISLSP, "isis.lsp.lsp_id", "LSP-ID", field.SystemID)
	hfISISLSPHostname         = Fields.Add(protoISISLSP, "isis.lsp.hostname", "Hostname", field.String)
	hfISISLSPSequenceNumber   = Fields.Add(protoISISLSP, "isis.lsp.sequence_number", "Sequence number", field.Uint32, field.WithBase(field.Hex))
	hfISISLSPChecksum         = Fields.Add(protoISISLSP, "isis.lsp.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfISISLSPChecksumStatus   = Fields.Add(protoISISLSP, "isis.lsp.checksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))
	hfISISLSPClvIpv4IntAddr   = Fields.Add(protoISISLSP, "isis.lsp.clv_ipv4_int_addr", "IPv4 interface address", field.IPv4)
	hfISISLSPPartitionRepair  = Fields.Add(protoISISLSP, "isis.lsp.partition_repair", "Partition Repair", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Supported", "Not supported"), field.WithBlurb("If set, this router supports the optional Partition Repair function"))
	hfISISLSPAtt              = Fields.Add(protoISISLSP, "isis.lsp.att", "Attachment", field.Uint8, field.WithMask(0x78))
	hfISISLSPOverload         = Fields.Add(protoISISLSP, "isis.lsp.overload", "Overload bit", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Set", "Not set"), field.WithBlurb("If set, this router will not be used by any decision process to calculate routes"))
	hfISISLSPIsType           = Fields.Add(protoISISLSP, "isis.lsp.is_type", "Type of Intermediate System", field.Uint8, field.WithMask(0x3), field.WithStrings(map[uint64]string{0: "Unused 0x0 (invalid)", 1: "Level 1", 2: "Unused 0x2 (invalid)", 3: "Level 2"}))
	hfISISLSPClvType          = Fields.Add(protoISISLSP, "isis.lsp.clv.type", "Type", field.Uint8)
	hfISISLSPClvLength        = Fields.Add(protoISISLSP, "isis.lsp.clv.length", "Length", field.Uint8)
	hfISISLSPAreaAddress      = Fields.Add(protoISISLSP, "isis.lsp.area_address", "Area address", field.Bytes)
	hfISISLSPClvNlpidNlpid    = Fields.Add(protoISISLSP, "isis.lsp.clv_nlpid.nlpid", "NLPID", field.Uint8, field.WithBase(field.Hex))
	protoISISCSNP             = Fields.Protocol("isis.csnp", "ISO 10589 ISIS Complete Sequence Numbers Protocol Data Unit")
	hfISISCSNPPduLength       = Fields.Add(protoISISCSNP, "isis.csnp.pdu_length", "PDU length", field.Uint16)
	hfISISCSNPSourceId        = Fields.Add(protoISISCSNP, "isis.csnp.source_id", "Source-ID", field.SystemID)
	hfISISCSNPSourceCircuit   = Fields.Add(protoISISCSNP, "isis.csnp.source_circuit", "Source-ID-Circuit", field.Bytes, field.WithBlurb("Must be Zero"))
	hfISISCSNPStartLspId      = Fields.Add(protoISISCSNP, "isis.csnp.start_lsp_id", "Start LSP-ID", field.SystemID)
	hfISISCSNPEndLspId        = Fields.Add(protoISISCSNP, "isis.csnp.end_lsp_id", "End LSP-ID", field.SystemID)
	hfISISCSNPLspId           = Fields.Add(protoISISCSNP, "isis.csnp.lsp_id", "LSP-ID", field.SystemID)
	hfISISCSNPLspSeqNum       = Fields.Add(protoISISCSNP, "isis.csnp.lsp_seq_num", "LSP Sequence Number", field.Uint32, field.WithBase(field.Hex))
	hfISISCSNPLspRemainLife   = Fields.Add(protoISISCSNP, "isis.csnp.lsp_remain_life", "Remaining Lifetime", field.Uint16)
	hfISISCSNPLspChecksum     = Fields.Add(protoISISCSNP, "isis.csnp.lsp_checksum", "LSP checksum", field.Uint16, field.WithBase(field.Hex))
	hfISISCSNPClvType         = Fields.Add(protoISISCSNP, "isis.csnp.clv.type", "Type", field.Uint8)
	hfISISCSNPClvLength       = Fields.Add(protoISISCSNP, "isis.csnp.clv.length", "Length", field.Uint8)
	protoISISPSNP             = Fields.Protocol("isis.psnp", "ISO 10589 ISIS Partial Sequence Numbers Protocol Data Unit")
	hfISISPSNPPduLength       = Fields.Add(protoISISPSNP, "isis.psnp.pdu_length", "PDU length", field.Uint16)
	hfISISPSNPSourceId        = Fields.Add(protoISISPSNP, "isis.psnp.source_id", "Source-ID", field.SystemID)
	hfISISPSNPSourceCircuit   = Fields.Add(protoISISPSNP, "isis.psnp.source_circuit", "Source-ID-Circuit", field.Bytes, field.WithBlurb("Must be Zero"))
	hfISISPSNPClvType         = Fields.Add(protoISISPSNP, "isis.psnp.clv.type", "Type", field.Uint8)
	hfISISPSNPClvLength       = Fields.Add(protoISISPSNP, "isis.psnp.clv.length", "Length", field.Uint8)
	handleISIS                = &Handle{Name: "isis", Fn: dissectISIS}
)

// isisCLVNames names the CLVs; the LSP spells 129 in lower case.
var isisCLVNames = map[uint8]string{1: "Area address(es)", 2: "IS Reachability", 6: "IS Neighbor(s)", 8: "Padding",
	9: "LSP entries", 10: "Authentication", 22: "Extended IS reachability", 128: "IP Internal reachability",
	129: "Protocols Supported", 130: "IP External reachability", 132: "IP Interface address(es)",
	134: "Traffic Engineering Router ID", 135: "Extended IP Reachability", 137: "Hostname", 211: "Restart Signaling",
	229: "Multi Topology", 232: "IPv6 Interface address(es)", 236: "IPv6 reachability", 240: "Point-to-point Adjacency State",
	242: "Router Capability"}

// isisKind is what differs between the PDU kinds' CLV items.
type isisKind struct {
	clvType, clvLen, area, nlpid, ipv4 field.ID
}

var (
	isisHelloKind = isisKind{hfISISHelloClvType, hfISISHelloClvLength, hfISISHelloAreaAddress, hfISISHelloClvNlpidNlpid, hfISISHelloClvIpv4IntAddr}
	isisLSPKind   = isisKind{hfISISLSPClvType, hfISISLSPClvLength, hfISISLSPAreaAddress, hfISISLSPClvNlpidNlpid, hfISISLSPClvIpv4IntAddr}
	isisCSNPKind  = isisKind{clvType: hfISISCSNPClvType, clvLen: hfISISCSNPClvLength}
	isisPSNPKind  = isisKind{clvType: hfISISPSNPClvType, clvLen: hfISISPSNPClvLength}
)

func init() {
	RegisterShortName(protoISIS, "ISIS")
	RegisterShortName(protoISISHello, "ISIS HELLO")
	RegisterShortName(protoISISLSP, "ISIS LSP")
	RegisterShortName(protoISISCSNP, "ISIS CSNP")
	RegisterShortName(protoISISPSNP, "ISIS PSNP")
	OSINL.Add(0x83, handleISIS)
}

// isisID formats a system, node or LSP ID for the Info column.
func isisID(b []byte) string { return string(field.AppendSystemID(nil, b)) }

func dissectISIS(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("ISIS")
	c.ClearInfo()
	hl := int(t.U8(1))
	p := c.AddProto(parent, protoISIS, t, 0, 8)
	c.AddUint(p, hfISISIrpd, t, 0, 1)
	c.AddUint(p, hfISISLen, t, 1, 1)
	c.AddUint(p, hfISISVersion, t, 2, 1)
	c.AddUint(p, hfISISSysidLen, t, 3, 1)
	c.AddUint(p, hfISISTypeReserved, t, 4, 1)
	_, typ := c.AddUint(p, hfISISType, t, 4, 1)
	c.AddUint(p, hfISISVersion2, t, 5, 1)
	c.AddUint(p, hfISISReserved, t, 6, 1)
	c.AddUint(p, hfISISMaxAreaAdr, t, 7, 1)
	name := valueNameOr(hfISISType, typ, "Unknown")
	switch typ {
	case 15, 16, 17:
		c.PushLayer("isis.hello")
		isisHello(c, t, parent, typ, name, hl)
	case 18, 20:
		c.PushLayer("isis.lsp")
		isisLSP(c, t, parent, name, hl)
	case 24, 25, 26, 27:
		isisSNP(c, t, parent, typ, name, hl)
	default:
		c.CallData(t.Sub(8), parent)
	}
}

func isisHello(c *Ctx, t Tvb, parent int32, typ uint64, name string, hl int) {
	c.SetProtocol("ISIS HELLO")
	if c.Cols.On {
		c.SetInfo(name + ", System-ID: " + isisID(t.Bytes(9, 6)))
	}
	p := c.AddProto(parent, protoISISHello, t, 8, -1)
	c.AddUint(p, hfISISHelloCircuitType, t, 8, 1)
	c.AddUint(p, hfISISHelloReserved, t, 8, 1)
	c.AddBytes(p, hfISISHelloSourceId, t, 9, 6)
	c.AddUint(p, hfISISHelloHoldingTimer, t, 15, 2)
	_, pl := c.AddUint(p, hfISISHelloPduLength, t, 17, 2)
	if typ == 17 {
		c.AddUint(p, hfISISHelloLocalCircuitId, t, 19, 1)
	} else {
		c.AddUint(p, hfISISHelloPriority, t, 19, 1)
		rb := uint64(t.U8(19) >> 7) // the priority octet's top bit, reserved (same field name, own mask)
		rn := c.AddUintV(p, hfISISHelloReserved, t, 19, 1, rb)
		c.Label(rn, "%s = Reserved: %d", bitPattern8(uint64(t.U8(19)), 0x80), rb)
		c.AddBytes(p, hfISISHelloLanId, t, 20, 7)
	}
	isisCLVs(c, t, p, hl, int(pl), isisHelloKind, false)
}

func isisLSP(c *Ctx, t Tvb, parent int32, name string, hl int) {
	c.SetProtocol("ISIS LSP")
	if c.Cols.On {
		c.SetInfo(name + ", LSP-ID: " + isisID(t.Bytes(12, 8)) + ", Sequence: 0x" + hex8(t.U32(20)) + ", Lifetime: " + fmt.Sprintf("%5d", t.U16(10)) + "s")
	}
	p := c.AddProto(parent, protoISISLSP, t, 8, -1)
	_, pl := c.AddUint(p, hfISISLSPPduLength, t, 8, 2)
	c.AddUint(p, hfISISLSPRemainingLife, t, 10, 2)
	c.AddBytes(p, hfISISLSPLspId, t, 12, 8)
	c.AddUint(p, hfISISLSPSequenceNumber, t, 20, 4)
	ckn, ck := c.AddUint(p, hfISISLSPChecksum, t, 24, 2)
	// The checksum covers the PDU from the LSP ID on; a zero one is not checked.
	status := uint64(ckNotPresent)
	if ck != 0 && int(pl) <= t.Len() && pl >= 12 {
		if st, want := osiChecksum(t.B[12:pl], int(pl)-12, 12); st == osiCkGood {
			status = ckGood
			c.Label(ckn, "Checksum: 0x%04x [correct]", ck)
		} else if st == osiCkBad {
			status = ckBad
			c.Label(ckn, "Checksum: 0x%04x incorrect, should be 0x%04x", ck, want)
		}
	}
	st := c.AddGenerated(p, hfISISLSPChecksumStatus, t, 24, 2, field.Value{U: status})
	c.Label(st, "Checksum Status: %s", checksumStatusVals[status])
	tb := t.U8(26)
	tn := c.AddText(p, t, 26, 1, "Type block(0x"+hex2(tb)+"): Partition Repair:"+itoa(uint64(tb>>7))+", Attached bits:"+itoa(uint64(tb>>3&0xf))+", Overload bit:"+itoa(uint64(tb>>2&1))+", IS type:"+itoa(uint64(tb&3)))
	c.AddUint(tn, hfISISLSPPartitionRepair, t, 26, 1)
	c.AddUint(tn, hfISISLSPAtt, t, 26, 1)
	c.AddUint(tn, hfISISLSPOverload, t, 26, 1)
	c.AddUint(tn, hfISISLSPIsType, t, 26, 1)
	isisCLVs(c, t, p, hl, int(pl), isisLSPKind, true)
}

func isisSNP(c *Ctx, t Tvb, parent int32, typ uint64, name string, hl int) {
	complete := typ == 24 || typ == 25
	proto, hfLen, hfSrc, hfCirc, kind := protoISISPSNP, hfISISPSNPPduLength, hfISISPSNPSourceId, hfISISPSNPSourceCircuit, isisPSNPKind
	c.SetProtocol("ISIS PSNP")
	if complete {
		proto, hfLen, hfSrc, hfCirc, kind = protoISISCSNP, hfISISCSNPPduLength, hfISISCSNPSourceId, hfISISCSNPSourceCircuit, isisCSNPKind
		c.SetProtocol("ISIS CSNP")
		c.PushLayer("isis.csnp")
	} else {
		c.PushLayer("isis.psnp")
	}
	if c.Cols.On {
		c.SetInfo(name + ", Source-ID: " + isisID(t.Bytes(10, 7)))
		if complete {
			c.AppendInfo(", Start LSP-ID: " + isisID(t.Bytes(17, 8)) + ", End LSP-ID: " + isisID(t.Bytes(25, 8)))
		}
	}
	p := c.AddProto(parent, proto, t, 8, -1)
	_, pl := c.AddUint(p, hfLen, t, 8, 2)
	c.AddBytes(p, hfSrc, t, 10, 6)
	c.AddBytes(p, hfCirc, t, 16, 1)
	if complete {
		c.AddBytes(p, hfISISCSNPStartLspId, t, 17, 8)
		c.AddBytes(p, hfISISCSNPEndLspId, t, 25, 8)
	}
	isisCLVs(c, t, p, hl, int(pl), kind, false)
}

// isisCLVs dissects the CLVs from o to the end of the PDU.
func isisCLVs(c *Ctx, t Tvb, p int32, o, end int, k isisKind, lsp bool) {
	end = min(end, t.Len()+c.unreported(t))
	for o < end {
		typ, l := t.U8(o), int(t.U8(o+1))
		name, ok := isisCLVNames[typ]
		if !ok {
			name = "Unknown code"
		}
		if typ == 129 && lsp {
			name = "Protocols supported"
		}
		cn := c.addSubtree(p, t, o, l+2, name+" (t="+itoa(uint64(typ))+", l="+itoa(uint64(l))+")")
		c.AddUint(cn, k.clvType, t, o, 1)
		c.AddUint(cn, k.clvLen, t, o+1, 1)
		v := o + 2
		switch {
		case typ == 1 && k.area != 0:
			for a := v; a < v+l; {
				al := int(t.U8(a))
				n := c.AddBytes(cn, k.area, t, a, al+1)
				c.Label(n, "Area address (%d): %s", al, isisAreaString(t.Bytes(a+1, al)))
				a += al + 1
			}
		case typ == 6 && k.area == hfISISHelloAreaAddress:
			for a := v; a+6 <= v+l; a += 6 {
				n := c.AddBytes(cn, hfISISHelloIsNeighbor, t, a, 6)
				mac := string(field.AppendHexSep(nil, t.Bytes(a, 6), ':'))
				c.Label(n, "IS Neighbor: %s", mac)
			}
		case typ == 129 && k.nlpid != 0:
			for a := v; a < v+l; a++ {
				np := uint64(t.U8(a))
				n := c.AddText(cn, t, a, 1, "NLPID: "+valueNameOr(hfISISIrpd, np, "Unknown")+" (0x"+hex2(np)+")")
				c.AddUint(n, k.nlpid, t, a, 1)
			}
		case typ == 132 && k.ipv4 != 0:
			for a := v; a+4 <= v+l; a += 4 {
				c.AddBytes(cn, k.ipv4, t, a, 4)
			}
		case typ == 137 && lsp:
			c.AddBytes(cn, hfISISLSPHostname, t, v, l)
		case typ == 9 && (k.clvType == hfISISCSNPClvType || k.clvType == hfISISPSNPClvType):
			for a := v; a+16 <= v+l; a += 16 {
				e := c.AddText(cn, t, a, 16, "LSP Entry")
				c.AddUint(e, hfISISCSNPLspSeqNum, t, a+10, 4)
				c.AddUint(e, hfISISCSNPLspRemainLife, t, a, 2)
				c.AddUint(e, hfISISCSNPLspChecksum, t, a+14, 2)
				c.AddBytes(cn, hfISISCSNPLspId, t, a+2, 8)
			}
		}
		o += l + 2
	}
}

// isisAreaString formats an area address as tshark does ("49.000a").
func isisAreaString(b []byte) string {
	out := make([]byte, 0, 3*len(b))
	for i, x := range b {
		if i == 1 || (i > 1 && i%2 == 1) {
			out = append(out, '.')
		}
		out = append(out, "0123456789abcdef"[x>>4], "0123456789abcdef"[x&15])
	}
	return string(out)
}
