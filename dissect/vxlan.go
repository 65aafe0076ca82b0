package dissect

import "github.com/tshark-tui/tshark-tui/field"

// Virtual eXtensible Local Area Network, UDP 4789 (Wireshark's packet-vxlan.c), carrying Ethernet.

var (
	protoVXLAN      = Fields.Protocol("vxlan", "Virtual eXtensible Local Area Network")
	hfVXLANFlags    = Fields.Add(protoVXLAN, "vxlan.flags", "Flags", field.Uint16, field.WithBase(field.Hex))
	hfVXLANFlagG    = Fields.Add(protoVXLAN, "vxlan.flag_g", "GBP Extension", field.Bool, field.WithBase(16), field.WithMask(0x8000), field.WithTrueFalse("Defined", "Not defined"))
	hfVXLANFlagI    = Fields.Add(protoVXLAN, "vxlan.flag_i", "VXLAN Network ID (VNI)", field.Bool, field.WithBase(16), field.WithMask(0x0800))
	hfVXLANFlagD    = Fields.Add(protoVXLAN, "vxlan.flag_d", "Don't Learn", field.Bool, field.WithBase(16), field.WithMask(0x0040))
	hfVXLANFlagA    = Fields.Add(protoVXLAN, "vxlan.flag_a", "Policy Applied", field.Bool, field.WithBase(16), field.WithMask(0x0008))
	hfVXLANReserved = Fields.Add(protoVXLAN, "vxlan.flags_reserved", "Reserved(R)", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x77b7))
	hfVXLANGBP      = Fields.Add(protoVXLAN, "vxlan.gbp", "Group Policy ID", field.Uint16)
	hfVXLANVNI      = Fields.Add(protoVXLAN, "vxlan.vni", "VXLAN Network Identifier (VNI)", field.Uint24)
	hfVXLANRes8     = Fields.Add(protoVXLAN, "vxlan.reserved8", "Reserved", field.Uint8)
	handleVXLAN     = &Handle{Name: "vxlan", Fn: dissectVXLAN}
)

func init() {
	RegisterShortName(protoVXLAN, "VXLAN")
	UDPPort.Add(4789, handleVXLAN)
}

func dissectVXLAN(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("VXLAN")
	c.ClearInfo()
	t.Need(0, 8)
	p := c.AddProto(parent, protoVXLAN, t, 0, 8)
	flags := uint64(t.U16(0))
	fn := c.AddUintV(p, hfVXLANFlags, t, 0, 2, flags)
	for _, hf := range [...]field.ID{hfVXLANFlagG, hfVXLANFlagI, hfVXLANFlagD, hfVXLANFlagA, hfVXLANReserved} {
		c.AddUint(fn, hf, t, 0, 2)
	}
	if c.Visible() {
		s := "Flags: 0x" + hex4(flags)
		for _, b := range [...]struct {
			bit  uint64
			name string
		}{{0x8000, "GBP Extension"}, {0x0800, "VXLAN Network ID (VNI)"}, {0x0040, "Don't Learn"}, {0x0008, "Policy Applied"}} {
			if flags&b.bit != 0 {
				s += ", " + b.name
			}
		}
		c.T.SetLabel(fn, s)
	}
	c.AddUint(p, hfVXLANGBP, t, 2, 2)
	c.AddUint(p, hfVXLANVNI, t, 4, 3)
	c.AddUint(p, hfVXLANRes8, t, 7, 1)
	if t.Len() > 8 {
		// The inner frame's addresses replace the outer IP ones in the columns, as in Wireshark.
		c.SetNetAddrs(AddrNone, nil, nil)
		c.Call(handleEth, t.Sub(8), parent)
	}
}
