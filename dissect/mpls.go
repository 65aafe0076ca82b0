package dissect

import "github.com/tshark-tui/tshark-tui/field"

// MPLS label stacks (RFC 3032), on ethertypes 0x8847 (unicast) and 0x8848 (multicast). After the
// bottom of the stack the payload's first nibble picks IPv4 or IPv6, as Wireshark's default does;
// anything else is data.
var (
	protoMPLS      = Fields.Protocol("mpls", "MultiProtocol Label Switching Header")
	hfMPLSLabel    = Fields.Add(protoMPLS, "mpls.label", "MPLS Label", field.Uint32, field.WithBase(field.DecHex), field.WithMask(0xfffff000))
	hfMPLSExp      = Fields.Add(protoMPLS, "mpls.exp", "MPLS Experimental Bits", field.Uint32, field.WithMask(0xe00))
	hfMPLSBottom   = Fields.Add(protoMPLS, "mpls.bottom", "MPLS Bottom Of Label Stack", field.Uint32, field.WithMask(0x100))
	hfMPLSTTL      = Fields.Add(protoMPLS, "mpls.ttl", "MPLS TTL", field.Uint32, field.WithMask(0xff))
	handleMPLS     = &Handle{Name: "mpls", Fn: dissectMPLS}
	mplsLabelNames = map[uint64]string{
		0: "IPv4 Explicit-Null", 1: "Router Alert", 2: "IPv6 Explicit-Null", 3: "Implicit-Null",
		7: "Entropy Label Indicator", 13: "Generic Associated Channel Label", 14: "OAM Alert",
		15: "Extension",
	}
)

func init() {
	RegisterShortName(protoMPLS, "MPLS")
	EtherType.Add(0x8847, handleMPLS)
	EtherType.Add(0x8848, handleMPLS)
}

func dissectMPLS(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("MPLS")
	c.SetInfo("MPLS Label Switched Packet")
	o := 0
	for {
		w := t.U32(o)
		label, exp, bottom, ttl := w>>12, (w>>9)&7, (w>>8)&1, w&0xff
		p := c.AddProto(parent, protoMPLS, t, o, 4)
		if c.Visible() {
			name := ""
			if n, ok := mplsLabelNames[uint64(label)]; ok {
				name = " (" + n + ")"
			}
			c.Label(p, "MultiProtocol Label Switching Header, Label: %d%s, Exp: %d, S: %d, TTL: %d", label, name, exp, bottom, ttl)
		}
		c.AddUint(p, hfMPLSLabel, t, o, 4)
		c.AddUint(p, hfMPLSExp, t, o, 4)
		c.AddUint(p, hfMPLSBottom, t, o, 4)
		c.AddUint(p, hfMPLSTTL, t, o, 4)
		o += 4
		if bottom == 1 {
			break
		}
	}
	rest := t.Sub(o)
	if rest.Len() == 0 {
		return
	}
	switch rest.U8(0) >> 4 {
	case 4:
		c.Call(handleIP, rest, parent)
	case 6:
		c.Call(handleIPv6, rest, parent)
	default:
		c.CallData(rest, parent)
	}
}
