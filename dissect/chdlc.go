package dissect

import (
	"fmt"

	"github.com/tshark-tui/tshark-tui/field"
)

// Cisco HDLC (LINKTYPE_C_HDLC 104; Wireshark's packet-chdlc.c) with its Serial Line Address Resolution
// Protocol (SLARP, type 0x8035). The protocol type is an ethertype with Cisco's additions (OSI 0xfefe,
// carried after a padding byte); Frame Relay's Cisco encapsulation hands off the same way.

var (
	protoCHDLC         = Fields.Protocol("chdlc", "Cisco HDLC")
	hfCHDLCAddress     = Fields.Add(protoCHDLC, "chdlc.address", "Address", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0x0f: "Unicast", 0x8f: "Multicast"}))
	hfCHDLCControl     = Fields.Add(protoCHDLC, "chdlc.control", "Control", field.Uint8, field.WithBase(field.Hex))
	hfCHDLCProtocol    = Fields.Add(protoCHDLC, "chdlc.protocol", "Protocol", field.Uint16, field.WithBase(field.Hex), field.WithStrings(chdlcTypeVals))
	hfCHDLCClnsPadding = Fields.Add(protoCHDLC, "chdlc.clns_padding", "CLNS Padding", field.Uint8, field.WithBase(field.Hex))
	handleCHDLC        = &Handle{Name: "chdlc", Fn: dissectCHDLC}

	protoSLARP                = Fields.Protocol("slarp", "Cisco SLARP")
	hfSLARPPtype              = Fields.Add(protoSLARP, "slarp.ptype", "Packet type", field.Uint32, field.WithStrings(map[uint64]string{0: "Request", 1: "Reply", 2: "Line keepalive"}))
	hfSLARPAddress            = Fields.Add(protoSLARP, "slarp.address", "Address", field.IPv4)
	hfSLARPNetmask            = Fields.Add(protoSLARP, "slarp.netmask", "Netmask", field.IPv4)
	hfSLARPMysequence         = Fields.Add(protoSLARP, "slarp.mysequence", "Outgoing sequence number", field.Uint32)
	hfSLARPYoursequence       = Fields.Add(protoSLARP, "slarp.yoursequence", "Returned sequence number", field.Uint32)
	hfSLARPReliability        = Fields.Add(protoSLARP, "slarp.reliability", "Reliability", field.Uint16, field.WithBase(field.Hex))
	eiSLARPReliabilityInvalid = RegisterExpert(protoSLARP, "slarp.reliability.invalid", "Reliability must be 0xFFFF", GroupMalformed, SevError)
	handleSLARP               = &Handle{Name: "slarp", Fn: dissectSLARP}

	// CHDLCProto hands a Cisco HDLC (or Cisco-encapsulated Frame Relay) payload on by its protocol
	// type before the ethertype table is tried.
	CHDLCProto = NewTable("chdlc.protocol")
)

var chdlcTypeVals = map[uint64]string{0x2000: "Cisco Discovery Protocol", 0x0800: "IP", 0x86dd: "IPv6", 0x8035: "SLARP",
	0x8038: "DEC LanBridge", 0x4242: "Spanning Tree BPDU", 0x809b: "Appletalk", 0x80f3: "AARP", 0x8137: "Netware IPX/SPX",
	0x6558: "Transparent Ethernet bridging", 0xfefe: "OSI", 0x8847: "MPLS unicast", 0x8848: "MPLS multicast"}

func init() {
	RegisterShortName(protoCHDLC, "CHDLC")
	RegisterShortName(protoSLARP, "SLARP")
	LinkTypes.Add(104, handleCHDLC)
	RegisterEncap(104, 28, "Cisco HDLC")
	CHDLCProto.Add(0x8035, handleSLARP)
	CHDLCProto.Add(0xfefe, handleOSI)
	CHDLCProto.Add(0x2000, handleCDP)
}

func dissectCHDLC(c *Ctx, t Tvb, parent int32) {
	c.SetDLText("N/A", "N/A")
	c.SetProtocol("CHDLC")
	c.ClearInfo()
	p := c.AddProto(parent, protoCHDLC, t, 0, 4)
	c.AddUint(p, hfCHDLCAddress, t, 0, 1)
	c.AddUint(p, hfCHDLCControl, t, 1, 1)
	chdlcType(c, t, p, parent, 2, hfCHDLCProtocol)
}

// chdlcType adds the Cisco protocol type at o as field hf and hands the rest on (Wireshark's
// chdlctype).
func chdlcType(c *Ctx, t Tvb, p, parent int32, o int, hf field.ID) {
	_, typ := c.AddUint(p, hf, t, o, 2)
	next := t.Sub(o + 2)
	if typ == 0xfefe { // a padding byte precedes CLNS PDUs
		c.AddUint(p, hfCHDLCClnsPadding, t, o+2, 1)
		next = t.Sub(o + 3)
	}
	if c.TryTable(CHDLCProto, typ, next, parent) || c.TryTable(EtherType, typ, next, parent) {
		return
	}
	c.SetProtocol("0x" + hex4(typ))
	c.CallData(next, parent)
}

func dissectSLARP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("SLARP")
	c.ClearInfo()
	p := c.AddProto(parent, protoSLARP, t, 0, 14)
	typ := t.U32(0)
	switch typ {
	case 0, 1:
		if c.Cols.On {
			c.SetInfo(Fields.Get(hfSLARPPtype).Strings[uint64(typ)] + ", from " + ipv4String(t.Bytes(4, 4)) + ", mask " + ipv4String(t.Bytes(8, 4)))
		}
		c.AddUint(p, hfSLARPPtype, t, 0, 4)
		c.AddBytes(p, hfSLARPAddress, t, 4, 4)
		c.AddBytes(p, hfSLARPNetmask, t, 8, 4)
	case 2:
		if c.Cols.On {
			c.SetInfo("Line keepalive, outgoing sequence " + itoa(uint64(t.U32(4))) + ", returned sequence " + itoa(uint64(t.U32(8))))
		}
		c.AddUint(p, hfSLARPPtype, t, 0, 4)
		c.AddUint(p, hfSLARPMysequence, t, 4, 4)
		c.AddUint(p, hfSLARPYoursequence, t, 8, 4)
		rn, rel := c.AddUint(p, hfSLARPReliability, t, 12, 2)
		if rel != 0xffff {
			c.Expert(rn, eiSLARPReliabilityInvalid, t, 12, 2, "")
		}
	default:
		if c.Cols.On {
			c.SetInfo(fmt.Sprintf("Unknown packet type 0x%08X", typ))
		}
		c.AddUint(p, hfSLARPPtype, t, 0, 4)
	}
}
