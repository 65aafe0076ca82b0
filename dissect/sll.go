package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Linux "cooked" captures, LINKTYPE_LINUX_SLL (113) and LINKTYPE_LINUX_SLL2 (276) (Wireshark's
// packet-sll.c).

var (
	protoSLL      = Fields.Protocol("sll", "Linux cooked-mode capture")
	hfSLLPktType  = Fields.Add(protoSLL, "sll.pkttype", "Packet type", field.Uint16, field.WithStrings(sllPktTypeVals))
	hfSLLHaType   = Fields.Add(protoSLL, "sll.hatype", "Link-layer address type", field.Uint16, field.WithStrings(sllHaTypeVals))
	hfSLLHaLen    = Fields.Add(protoSLL, "sll.halen", "Link-layer address length", field.Uint16)
	hfSLLSrcEth   = Fields.Add(protoSLL, "sll.src.eth", "Source", field.Ether)
	hfSLLSrcIPv4  = Fields.Add(protoSLL, "sll.src.ipv4", "Source", field.IPv4)
	hfSLLSrcOther = Fields.Add(protoSLL, "sll.src.other", "Source", field.Bytes)
	hfSLLUnused   = Fields.Add(protoSLL, "sll.unused", "Unused", field.Bytes)
	hfSLLLType    = Fields.Add(protoSLL, "sll.ltype", "Protocol", field.Uint16, field.WithBase(field.Hex), field.WithStrings(sllLTypeVals))
	hfSLLGREType  = Fields.Add(protoSLL, "sll.gretype", "Protocol", field.Uint16, field.WithBase(field.Hex), field.WithStrings(greProtoVals))
	hfSLLEType    = Fields.Add(protoSLL, "sll.etype", "Protocol", field.Uint16, field.WithBase(field.Hex), field.WithStrings(etypeVals))
	hfSLLTrailer  = Fields.Add(protoSLL, "sll.trailer", "Trailer", field.Bytes)
	hfSLLIfIndex  = Fields.Add(protoSLL, "sll.ifindex", "Interface index", field.Uint32)

	handleSLL  = &Handle{Name: "sll", Fn: dissectSLL}
	handleSLL2 = &Handle{Name: "sll", Fn: dissectSLL2}
)

func init() {
	RegisterShortName(protoSLL, "SLL")
	LinkTypes.Add(113, handleSLL)
	LinkTypes.Add(276, handleSLL2)
	RegisterEncap(113, 25, "Linux cooked-mode capture v1")
	RegisterEncap(276, 210, "Linux cooked-mode capture v2")
}

// sllAddr adds the link-layer source address and the unused rest of the 8-byte address field at o.
func sllAddr(c *Ctx, t Tvb, p int32, o int, hatype uint64, halen int) {
	if halen > 8 {
		halen = 8
	}
	if halen > 0 {
		switch {
		case halen == 6 && (hatype == 1 || hatype == 6 || hatype == 772 || hatype == 801 || hatype == 803):
			c.AddBytes(p, hfSLLSrcEth, t, o, 6)
		case halen == 4 && (hatype == 778 || hatype == 768 || hatype == 776):
			c.AddBytes(p, hfSLLSrcIPv4, t, o, 4)
		default:
			c.AddBytes(p, hfSLLSrcOther, t, o, halen)
		}
	}
	if halen < 8 {
		c.AddBytes(p, hfSLLUnused, t, o+halen, 8-halen)
	}
	if halen == 6 {
		c.SetDLAddrs(AddrEther, t.Bytes(o, 6), nil)
	}
}

func dissectSLL(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("SLL")
	t.Need(0, 16)
	p := c.AddProto(parent, protoSLL, t, 0, 16)
	c.Label(p, "Linux cooked capture v1")
	c.AddUint(p, hfSLLPktType, t, 0, 2)
	_, hatype := c.AddUint(p, hfSLLHaType, t, 2, 2)
	_, halen := c.AddUint(p, hfSLLHaLen, t, 4, 2)
	sllAddr(c, t, p, 6, hatype, int(halen))
	sllPayload(c, t, parent, p, hatype, 14)
}

func dissectSLL2(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("SLL")
	t.Need(0, 20)
	p := c.AddProto(parent, protoSLL, t, 0, 20)
	c.Label(p, "Linux cooked capture v2")
	proto := uint64(t.U16(0))
	hatype := uint64(t.U16(8))
	switch {
	case hatype == 778:
		c.AddUintV(p, hfSLLGREType, t, 0, 2, proto)
	case proto <= 1536:
		c.AddUintV(p, hfSLLLType, t, 0, 2, proto)
	default:
		c.AddUintV(p, hfSLLEType, t, 0, 2, proto)
	}
	c.AddUint(p, hfSLLIfIndex, t, 4, 4)
	c.AddUint(p, hfSLLHaType, t, 8, 2)
	c.AddUint(p, hfSLLPktType, t, 10, 1)
	_, halen := c.AddUint(p, hfSLLHaLen, t, 11, 1)
	sllAddr(c, t, p, 12, hatype, int(halen))
	sllHandoff(c, t, parent, p, hatype, proto, 20, false)
}

// sllPayload reads the v1 protocol field at o and hands on what follows.
func sllPayload(c *Ctx, t Tvb, parent, p int32, hatype uint64, o int) {
	proto := uint64(t.U16(o))
	sllHandoff(c, t, parent, p, hatype, proto, o+2, true)
}

func sllHandoff(c *Ctx, t Tvb, parent, p int32, hatype, proto uint64, payloadOff int, addType bool) {
	next := t.Sub(payloadOff)
	switch {
	case hatype == 778: // ARPHRD_IPGRE: the protocol is a GRE protocol type
		if addType {
			c.AddUintV(p, hfSLLGREType, t, payloadOff-2, 2, proto)
		}
		if !c.TryTable(GREProto, proto, next, parent) && !c.TryTable(EtherType, proto, next, parent) {
			c.CallData(next, parent)
		}
	case proto <= 1536:
		if addType {
			c.AddUintV(p, hfSLLLType, t, payloadOff-2, 2, proto)
		}
		switch proto {
		case 4: // 802.2 LLC
			c.Call(handleLLC, next, parent)
		default:
			c.CallData(next, parent)
		}
	default:
		c.PushLayer("ethertype")
		if addType {
			DissectEthertype(c, t, parent, p, proto, hfSLLEType, payloadOff-2, payloadOff, hfSLLTrailer)
		} else {
			dissectEthertypeNoType(c, t, parent, p, proto, payloadOff, hfSLLTrailer)
		}
	}
}

var sllPktTypeVals = map[uint64]string{
	0x0: "Unicast to us",
	0x1: "Broadcast",
	0x2: "Multicast",
	0x3: "Unicast to another host",
	0x4: "Sent by us",
}
var sllHaTypeVals = map[uint64]string{
	0x0:    "NET/ROM pseudo",
	0x1:    "Ethernet",
	0x2:    "Experimental Ethernet",
	0x3:    "AX.25",
	0x4:    "ProNET",
	0x5:    "Chaos",
	0x6:    "IEEE 802",
	0x7:    "ARCNET",
	0x8:    "Hyperchannel",
	0x9:    "Lanstar",
	0xa:    "Autonet Short Address",
	0xb:    "Localtalk",
	0xc:    "LocalNet",
	0xd:    "Ultra link",
	0xe:    "SMDS",
	0xf:    "Frame Relay DLCI",
	0x10:   "ATM",
	0x11:   "HDLC",
	0x12:   "Fibre Channel",
	0x13:   "ATM (RFC 2225)",
	0x14:   "Serial Line",
	0x15:   "ATM",
	0x16:   "MIL-STD-188-220",
	0x17:   "Metricom STRIP",
	0x18:   "IEEE 1394.1995",
	0x19:   "MAPOS",
	0x1a:   "Twinaxial",
	0x1b:   "EUI-64",
	0x1c:   "HIPARP",
	0x1d:   "IP and ARP over ISO 7816-3",
	0x1e:   "ARPSec",
	0x1f:   "IPsec tunnel",
	0x20:   "InfiniBand",
	0x21:   "TIA-102 Project 25 CAI",
	0x22:   "Wiegand Interface",
	0x23:   "Pure IP",
	0x24:   "Experimental 1",
	0x25:   "HFI",
	0x100:  "Experimental 2",
	0x101:  "AEthernet",
	0x104:  "Notional KISS type",
	0x108:  "ADAPT",
	0x10e:  "ROSE",
	0x10f:  "CCITT X.25",
	0x110:  "Boards with X.25 in firmware",
	0x118:  "Controller Area Network",
	0x200:  "PPP",
	0x201:  "Cisco HDLC",
	0x204:  "LAPB",
	0x205:  "Digital's DDCMP protocol",
	0x206:  "Raw HDLC",
	0x207:  "Raw IP",
	0x300:  "IPIP tunnel",
	0x301:  "IP6IP6 tunnel",
	0x302:  "Frame Relay Access Device",
	0x303:  "SKIP vif",
	0x304:  "Loopback",
	0x306:  "Fiber Distributed Data Interface",
	0x307:  "AP1000 BIF",
	0x308:  "sit0 device - IPv6-in-IPv4",
	0x309:  "IP over DDP tunneller",
	0x30a:  "GRE over IP",
	0x30b:  "PIMSM register interface",
	0x30c:  "High Performance Parallel Interface",
	0x30d:  "Nexus 64Mbps Ash",
	0x30e:  "Acorn Econet",
	0x30f:  "Linux-IrDA",
	0x310:  "Point to point fibrechannel",
	0x311:  "Fibrechannel arbitrated loop",
	0x312:  "Fibrechannel public loop",
	0x313:  "Fibrechannel fabric",
	0x320:  "Magic type ident for TR",
	0x321:  "IEEE 802.11",
	0x322:  "IEEE 802.11 + Prism2 header",
	0x323:  "IEEE 802.11 + radiotap header",
	0x324:  "IEEE 802.15.4",
	0x325:  "IEEE 802.15.4 network monitor",
	0x334:  "PhoNet media type",
	0x335:  "PhoNet pipe header",
	0x336:  "CAIF media type",
	0x337:  "GRE over IPv6",
	0x338:  "Netlink",
	0x339:  "IPv6 over LoWPAN",
	0x33a:  "Vsock monitor header",
	0xffff: "Void type, nothing is known",
	0xfffe: "zero header length",
}
var sllLTypeVals = map[uint64]string{
	0x1:  "Raw 802.3",
	0x3:  "Ethernet",
	0x4:  "802.2 LLC",
	0x7:  "PPP (HDLC)",
	0xc:  "CAN",
	0xd:  "CAN FD",
	0x17: "IrDA LAP",
	0xf5: "ISI",
	0xf6: "IEEE 802.15.4",
}
