package dissect

import (
	"math/bits"

	"github.com/tshark-tui/tshark-tui/field"
)

// BSD loopback: LINKTYPE_NULL (0), whose 4-byte address family is in the capturing host's byte order
// (guessed as Wireshark does), and LINKTYPE_LOOP (108), always in network byte order (packet-null.c).

var (
	protoNull    = Fields.Protocol("null", "Null/Loopback")
	hfNullType   = Fields.Add(protoNull, "null.type", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(etypeVals))
	hfNullFamily = Fields.Add(protoNull, "null.family", "Family", field.Uint32, field.WithStrings(nullFamilyVals))
	handleNull   = &Handle{Name: "null", Fn: dissectNull}
	handleLoop   = &Handle{Name: "null", Fn: dissectLoop}

	// NullFamily hands a loopback payload on by its BSD address family.
	NullFamily = NewTable("null.bsd_family")
)

func init() {
	RegisterShortName(protoNull, "Null")
	LinkTypes.Add(0, handleNull)
	LinkTypes.Add(108, handleLoop)
	RegisterEncap(0, 15, "NULL/Loopback")
	RegisterEncap(108, 15, "OpenBSD loopback")
	NullFamily.Add(2, handleIP)
	for _, f := range []uint64{24, 28, 30} {
		NullFamily.Add(f, handleIPv6)
	}
}

func dissectNull(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("N/A")
	c.SetInfo("Null/Loopback")
	if t.Len() >= 2 && t.U16(0) == 0xff03 { // PPP in HDLC-like framing
		c.CallData(t, parent)
		return
	}
	h := t.U32LE(0)
	if h&0xffff0000 != 0 {
		if h&0xff000000 == 0 && h&0x00ff0000 < 0x00060000 {
			h >>= 16
		} else {
			h = bits.ReverseBytes32(h)
		}
	} else if h&0x0000ffff == 0 {
		h >>= 16
	}
	nullHandoff(c, t, parent, uint64(h))
}

func dissectLoop(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("N/A")
	c.SetInfo("Null/Loopback")
	nullHandoff(c, t, parent, uint64(t.U32(0)))
}

func nullHandoff(c *Ctx, t Tvb, parent int32, h uint64) {
	p := c.AddProto(parent, protoNull, t, 0, 4)
	next := t.Sub(4)
	if h > 1500 {
		c.AddUintV(p, hfNullType, t, 0, 4, h)
		if !c.TryTable(EtherType, h, next, parent) {
			c.CallData(next, parent)
		}
		return
	}
	c.AddUintV(p, hfNullFamily, t, 0, 4, h)
	if !c.TryTable(NullFamily, h, next, parent) {
		c.CallData(next, parent)
	}
}

var nullFamilyVals = map[uint64]string{
	0x2:  "IP",
	0x7:  "OSI",
	0x10: "Appletalk",
	0x17: "Netware IPX/SPX",
	0x18: "IPv6",
	0x1c: "IPv6",
	0x1e: "IPv6",
}
