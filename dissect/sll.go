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

// sllHaTypeVals are ARP hardware types (the same table as ARP's).
var sllHaTypeVals = arpHrdVals
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
