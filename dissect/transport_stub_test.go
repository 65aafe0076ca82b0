package dissect_test

// A minimal link and IP layer for testing the transport dissectors until the real eth/ip
// dissectors land: it registers itself only when no Ethernet dissector is registered.

import (
	"github.com/tshark-tui/tshark-tui/dissect"
)

func init() {
	if _, ok := dissect.LinkTypes.Get(1); ok {
		return
	}
	eth := &dissect.Handle{Name: "eth", Fn: stubEth}
	dissect.LinkTypes.Add(1, eth)
	dissect.LinkTypes.Add(0, &dissect.Handle{Name: "null", Fn: stubNull})
	dissect.LinkTypes.Add(113, &dissect.Handle{Name: "sll", Fn: stubSLL})
	raw := &dissect.Handle{Name: "raw", Fn: stubRaw}
	for _, lt := range []uint64{12, 14, 101, 228, 229} {
		dissect.LinkTypes.Add(lt, raw)
	}
	dissect.EtherType.Add(0x0800, stubIPv4)
	dissect.EtherType.Add(0x86dd, stubIPv6)
	dissect.EtherType.Add(0x8100, &dissect.Handle{Name: "vlan", Fn: stubVLAN})
}

var (
	stubIPv4 = &dissect.Handle{Name: "ip", Fn: stubIP4}
	stubIPv6 = &dissect.Handle{Name: "ipv6", Fn: stubIP6}
)

func stubEth(c *dissect.Ctx, t dissect.Tvb, parent int32) {
	et := t.U16(12)
	c.PushLayer("ethertype")
	if !c.TryTable(dissect.EtherType, uint64(et), t.Sub(14), parent) {
		c.CallData(t.Sub(14), parent)
	}
}

func stubVLAN(c *dissect.Ctx, t dissect.Tvb, parent int32) {
	et := t.U16(2)
	c.PushLayer("ethertype")
	if !c.TryTable(dissect.EtherType, uint64(et), t.Sub(4), parent) {
		c.CallData(t.Sub(4), parent)
	}
}

func stubNull(c *dissect.Ctx, t dissect.Tvb, parent int32) {
	fam := uint32(t.B[0]) | uint32(t.B[1])<<8 | uint32(t.B[2])<<16 | uint32(t.B[3])<<24
	if fam > 0xffff {
		fam = t.U32(0)
	}
	switch fam {
	case 2:
		c.Call(stubIPv4, t.Sub(4), parent)
	case 24, 28, 30:
		c.Call(stubIPv6, t.Sub(4), parent)
	default:
		c.CallData(t.Sub(4), parent)
	}
}

func stubSLL(c *dissect.Ctx, t dissect.Tvb, parent int32) {
	if !c.TryTable(dissect.EtherType, uint64(t.U16(14)), t.Sub(16), parent) {
		c.CallData(t.Sub(16), parent)
	}
}

func stubRaw(c *dissect.Ctx, t dissect.Tvb, parent int32) {
	if t.U8(0)>>4 == 6 {
		c.Call(stubIPv6, t, parent)
	} else {
		c.Call(stubIPv4, t, parent)
	}
}

func stubIP4(c *dissect.Ctx, t dissect.Tvb, parent int32) {
	ihl := int(t.U8(0)&15) * 4
	tot := int(t.U16(2))
	c.SetProtocol("IPv4")
	c.NetSrc, c.NetDst = t.Bytes(12, 4), t.Bytes(16, 4)
	c.SetNetAddrs(dissect.AddrIPv4, c.NetSrc, c.NetDst)
	frag := t.U16(6)
	p := t.SubLen(ihl, tot-ihl)
	if frag&0x3fff != 0 {
		c.CallData(p, parent)
		return
	}
	if !c.TryTable(dissect.IPProto, uint64(t.U8(9)), p, parent) {
		c.CallData(p, parent)
	}
}

func stubIP6(c *dissect.Ctx, t dissect.Tvb, parent int32) {
	plen := int(t.U16(4))
	nh := t.U8(6)
	c.SetProtocol("IPv6")
	c.NetSrc, c.NetDst = t.Bytes(8, 16), t.Bytes(24, 16)
	c.SetNetAddrs(dissect.AddrIPv6, c.NetSrc, c.NetDst)
	p := t.SubLen(40, plen)
	for {
		switch nh {
		case 0, 43, 60:
			n := p.U8(0)
			l := (int(p.U8(1)) + 1) * 8
			nh, p = n, p.Sub(l)
			continue
		case 44:
			n := p.U8(0)
			if p.U16(2)&0xfff9 != 0 {
				c.CallData(p.Sub(8), parent)
				return
			}
			nh, p = n, p.Sub(8)
			continue
		}
		break
	}
	if !c.TryTable(dissect.IPProto, uint64(nh), p, parent) {
		c.CallData(p, parent)
	}
}
