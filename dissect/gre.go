package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Generic Routing Encapsulation (Wireshark's packet-gre.c): flags and version, checksum, key (and the
// PPTP "enhanced GRE" payload length and call ID), sequence and acknowledgment numbers, hand-off by
// protocol type through GREProto and then EtherType (transparent Ethernet bridging 0x6558 included).

var (
	protoGRE         = Fields.Protocol("gre", "Generic Routing Encapsulation")
	hfGREProto       = Fields.Add(protoGRE, "gre.proto", "Protocol Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(greProtoVals))
	hfGREFlagsVer    = Fields.Add(protoGRE, "gre.flags_and_version", "Flags and Version", field.Uint16, field.WithBase(field.Hex))
	hfGREFlagC       = Fields.Add(protoGRE, "gre.flags.checksum", "Checksum Bit", field.Bool, field.WithBase(16), field.WithMask(0x8000), field.WithTrueFalse("Yes", "No"))
	hfGREFlagR       = Fields.Add(protoGRE, "gre.flags.routing", "Routing Bit", field.Bool, field.WithBase(16), field.WithMask(0x4000), field.WithTrueFalse("Yes", "No"))
	hfGREFlagK       = Fields.Add(protoGRE, "gre.flags.key", "Key Bit", field.Bool, field.WithBase(16), field.WithMask(0x2000), field.WithTrueFalse("Yes", "No"))
	hfGREFlagS       = Fields.Add(protoGRE, "gre.flags.sequence_number", "Sequence Number Bit", field.Bool, field.WithBase(16), field.WithMask(0x1000), field.WithTrueFalse("Yes", "No"))
	hfGREFlagSSR     = Fields.Add(protoGRE, "gre.flags.strict_source_route", "Strict Source Route Bit", field.Bool, field.WithBase(16), field.WithMask(0x0800), field.WithTrueFalse("Yes", "No"))
	hfGREFlagRecur   = Fields.Add(protoGRE, "gre.flags.recursion_control", "Recursion control", field.Uint16, field.WithMask(0x0700))
	hfGREFlagAck     = Fields.Add(protoGRE, "gre.flags.ack", "Acknowledgment", field.Bool, field.WithBase(16), field.WithMask(0x0080), field.WithTrueFalse("Yes", "No"))
	hfGREFlagRes     = Fields.Add(protoGRE, "gre.flags.reserved", "Flags (Reserved)", field.Uint16, field.WithMask(0x00f8))
	hfGREFlagVer     = Fields.Add(protoGRE, "gre.flags.version", "Version", field.Uint16, field.WithMask(0x0007), field.WithStrings(map[uint64]string{0: "GRE", 1: "Enhanced GRE"}))
	hfGREChecksum    = Fields.Add(protoGRE, "gre.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfGREChecksumSt  = Fields.Add(protoGRE, "gre.checksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))
	hfGREOffset      = Fields.Add(protoGRE, "gre.offset", "Offset", field.Uint16)
	hfGREKey         = Fields.Add(protoGRE, "gre.key", "Key", field.Uint32, field.WithBase(field.Hex))
	hfGREKeyPayload  = Fields.Add(protoGRE, "gre.key.payload_length", "Payload Length", field.Uint16)
	hfGREKeyCallID   = Fields.Add(protoGRE, "gre.key.call_id", "Call ID", field.Uint16)
	hfGRESeq         = Fields.Add(protoGRE, "gre.sequence_number", "Sequence Number", field.Uint32)
	hfGREAck         = Fields.Add(protoGRE, "gre.ack_number", "Acknowledgment Number", field.Uint32)
	eiGREChecksumBad = RegisterExpert(protoGRE, "gre.checksum.incorrect", "Incorrect GRE Checksum", GroupChecksum, SevWarn)
	handleGRE        = &Handle{Name: "gre", Fn: dissectGRE}

	// GREProto hands a GRE payload on by its protocol type when GRE's meaning differs from the
	// ethertype's (ERSPAN); other types go through EtherType.
	GREProto = NewTable("gre.proto")
)

func init() {
	RegisterShortName(protoGRE, "GRE")
	IPProto.Add(47, handleGRE)
	_ = []field.ID{hfGREChecksumSt}
	_ = eiGREChecksumBad
}

func dissectGRE(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("GRE")
	fv := uint64(t.U16(0))
	typ := uint64(t.U16(2))
	ver := fv & 7
	hl := 4
	if fv&0xc000 != 0 {
		hl += 4
	}
	if fv&0x2000 != 0 {
		hl += 4
	}
	if fv&0x1000 != 0 {
		hl += 4
	}
	if ver == 1 && fv&0x0080 != 0 {
		hl += 4
	}
	name, ok := greProtoVals[typ]
	if !ok {
		name = "0x" + hex4(typ)
	}
	if c.Cols.On && !c.Cols.readonly {
		c.SetInfo("Encapsulated " + name)
	}
	p := c.AddProto(parent, protoGRE, t, 0, hl)
	if c.Visible() {
		c.Label(p, "Generic Routing Encapsulation (%s)", name)
	}
	f := c.AddUintV(p, hfGREFlagsVer, t, 0, 2, fv)
	c.AddUint(f, hfGREFlagC, t, 0, 2)
	c.AddUint(f, hfGREFlagR, t, 0, 2)
	c.AddUint(f, hfGREFlagK, t, 0, 2)
	c.AddUint(f, hfGREFlagS, t, 0, 2)
	c.AddUint(f, hfGREFlagSSR, t, 0, 2)
	c.AddUint(f, hfGREFlagRecur, t, 0, 2)
	if ver == 1 {
		c.AddUint(f, hfGREFlagAck, t, 0, 2)
		n := c.AddUintV(f, hfGREFlagRes, t, 0, 2, fv>>3&0xf)
		if c.Visible() {
			c.Label(n, ".... .... .%03b %b... = Flags (Reserved): %d", fv>>4&7, fv>>3&1, fv>>3&0xf)
		}
	} else {
		c.AddUint(f, hfGREFlagRes, t, 0, 2)
	}
	c.AddUint(f, hfGREFlagVer, t, 0, 2)
	c.AddUintV(p, hfGREProto, t, 2, 2, typ)
	o := 4
	if fv&0xc000 != 0 {
		ck, _ := c.AddUint(p, hfGREChecksum, t, o, 2)
		if c.Visible() {
			c.Label(ck, "Checksum: 0x%04x [unverified]", t.U16(o))
		}
		st := c.AddGenerated(p, hfGREChecksumSt, t, o, 2, field.Value{U: 2})
		c.Label(st, "Checksum Status: Unverified")
		c.AddUint(p, hfGREOffset, t, o+2, 2)
		o += 4
	}
	if fv&0x2000 != 0 {
		if ver == 1 {
			c.AddUint(p, hfGREKeyPayload, t, o, 2)
			c.AddUint(p, hfGREKeyCallID, t, o+2, 2)
		} else {
			c.AddUint(p, hfGREKey, t, o, 4)
		}
		o += 4
	}
	if fv&0x1000 != 0 {
		c.AddUint(p, hfGRESeq, t, o, 4)
		o += 4
	}
	if ver == 1 && fv&0x0080 != 0 {
		c.AddUint(p, hfGREAck, t, o, 4)
		o += 4
	}
	if fv&0x4000 != 0 { // source route entries: not decoded
		return
	}
	next := t.Sub(o)
	if next.Len() == 0 {
		return
	}
	if typ == 0x88be && fv&0x1000 == 0 { // ERSPAN type I: no sequence number, no ERSPAN header
		c.Call(handleERSPAN1, next, parent)
		return
	}
	if !c.TryTable(GREProto, typ, next, parent) && !c.TryTable(EtherType, typ, next, parent) {
		c.CallData(next, parent)
	}
}

var greProtoVals = map[uint64]string{
	0x0:    "Possible GRE keepalive packet",
	0x880b: "PPP",
	0x800:  "IP",
	0x806:  "ARP",
	0xfe:   "OSI",
	0x883e: "WCCP",
	0x2000: "CDP (Cisco)",
	0x2001: "NHRP",
	0x88be: "ERSPAN",
	0x22eb: "ERSPAN III",
	0x6400: "MIKROTIK EoIP",
	0xfeae: "AIROHIVE AP AP",
	0x8137: "IPX",
	0x6558: "Transparent Ethernet bridging",
	0x6559: "Frame Relay",
	0x86dd: "IPv6",
	0x8847: "MPLS label switched packet",
	0x894f: "Network Service Header",
	0x8881: "CDMA2000 A10 Unstructured byte stream",
	0x88d2: "CDMA2000 A10 3GPP2 Packet",
	0x8909: "CiscoMetaData",
	0xb7ea: "Huawei GRE bonding",
	0x8200: "ARUBA WLAN",
	0x8210: "ARUBA WLAN",
	0x8220: "ARUBA WLAN",
	0x8230: "ARUBA WLAN",
	0x8240: "ARUBA WLAN",
	0x8250: "ARUBA WLAN",
	0x8260: "ARUBA WLAN",
	0x8270: "ARUBA WLAN",
	0x8280: "ARUBA WLAN",
	0x8290: "ARUBA WLAN",
	0x82a0: "ARUBA WLAN",
	0x82b0: "ARUBA WLAN",
	0x82c0: "ARUBA WLAN",
	0x82d0: "ARUBA WLAN",
	0x82e0: "ARUBA WLAN",
	0x82f0: "ARUBA WLAN",
	0x8300: "ARUBA WLAN",
	0x8310: "ARUBA WLAN",
	0x8320: "ARUBA WLAN",
	0x8330: "ARUBA WLAN",
	0x8340: "ARUBA WLAN",
	0x8350: "ARUBA WLAN",
	0x8360: "ARUBA WLAN",
	0x8370: "ARUBA WLAN",
	0x9000: "ARUBA WLAN",
}
