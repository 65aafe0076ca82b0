package dissect

import "github.com/tshark-tui/tshark-tui/field"

// ARCNET (Wireshark's packet-arcnet.c): Linux ARCNET captures (LINKTYPE_ARCNET_LINUX, 129) carry
// the source and destination station IDs, a 2-byte offset and the protocol ID; RFC 1201 protocols
// add a split flag and a sequence number. The payload goes to IP or ARP by protocol ID.

var (
	protoArcnet       = Fields.Protocol("arcnet", "ARCNET")
	hfArcnetSrc       = Fields.Add(protoArcnet, "arcnet.src", "Source", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("Source ID"))
	hfArcnetDst       = Fields.Add(protoArcnet, "arcnet.dst", "Dest", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("Dest ID"))
	hfArcnetOffset    = Fields.Add(protoArcnet, "arcnet.offset", "Offset", field.Bytes)
	hfArcnetProtID    = Fields.Add(protoArcnet, "arcnet.protID", "Protocol ID", field.Uint8, field.WithBase(field.Hex), field.WithStrings(arcnetProtVals), field.WithBlurb("Proto type"))
	hfArcnetSplitFlag = Fields.Add(protoArcnet, "arcnet.split_flag", "Split Flag", field.Uint8)
	hfArcnetSequence  = Fields.Add(protoArcnet, "arcnet.sequence", "Sequence", field.Uint16, field.WithBlurb("Sequence number"))
)

var arcnetProtVals = map[uint64]string{0xd4: "RFC 1201 IP", 0xd5: "RFC 1201 ARP", 0xd6: "RFC 1201 RARP",
	0xfa: "IPX", 0xdd: "Appletalk", 0xe8: "Ethernet", 0xf0: "RFC 1051 IP", 0xf1: "RFC 1051 ARP", 0x80: "Diagnose",
	0xcd: "BACnet", 0xc4: "IPv6", 0xd7: "RFC 1201 Banyan", 0xec: "Datapoint Boot", 0xed: "Datapoint Mount", 0xf7: "Novell EC"}

// arcnetEtherTypes hands ARCNET payloads on by protocol ID, as ethertypes.
var arcnetEtherTypes = map[uint8]uint64{0xd4: 0x0800, 0xf0: 0x0800, 0xd5: 0x0806, 0xf1: 0x0806, 0xd6: 0x8035, 0xc4: 0x86dd}

func init() {
	RegisterShortName(protoArcnet, "ARCNET")
	h := &Handle{Name: "arcnet", Fn: func(c *Ctx, t Tvb, parent int32) { dissectArcnet(c, t, parent, true) }}
	LinkTypes.Add(129, h)
	RegisterEncap(129, 27, "Linux ARCNET")
	LinkTypes.Add(7, &Handle{Name: "arcnet", Fn: func(c *Ctx, t Tvb, parent int32) { dissectArcnet(c, t, parent, false) }})
	RegisterEncap(7, 26, "ARCNET")
}

func dissectArcnet(c *Ctx, t Tvb, parent int32, linux bool) {
	c.SetProtocol("ARCNET")
	c.ClearInfo()
	src, dst := t.U8(0), t.U8(1)
	c.SetDLText("0x"+hex2(uint64(src)), "0x"+hex2(uint64(dst)))
	o := 2
	if linux {
		o = 4
	}
	prot := t.U8(o)
	hl := o + 1
	rfc1201 := prot >= 0xd0 && prot < 0xf0 || prot == 0xc4
	if rfc1201 {
		hl += 3
	}
	p := c.AddProto(parent, protoArcnet, t, 0, hl)
	c.AddUint(p, hfArcnetSrc, t, 0, 1)
	c.AddUint(p, hfArcnetDst, t, 1, 1)
	if linux {
		c.AddBytes(p, hfArcnetOffset, t, 2, 2)
	}
	c.AddUint(p, hfArcnetProtID, t, o, 1)
	if rfc1201 {
		c.AddUint(p, hfArcnetSplitFlag, t, o+1, 1)
		c.AddUintLE(p, hfArcnetSequence, t, o+2, 2)
	}
	next := t.Sub(hl)
	if et, ok := arcnetEtherTypes[prot]; ok && c.TryTable(EtherType, et, next, parent) {
		return
	}
	c.CallData(next, parent)
}
