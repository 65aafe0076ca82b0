package dissect

import (
	"fmt"

	"github.com/tshark-tui/tshark-tui/field"
)

// Generic Network Virtualization Encapsulation, UDP 6081 (Wireshark's packet-geneve.c): the header,
// its options shown as data, and the encapsulated frame or packet by protocol type.

var (
	protoGeneve                 = Fields.Protocol("geneve", "Generic Network Virtualization Encapsulation")
	hfGeneveVersion             = Fields.Add(protoGeneve, "geneve.version", "Version", field.Uint8)
	hfGeneveOptionLength        = Fields.Add(protoGeneve, "geneve.option.length", "Length", field.Uint8)
	hfGeneveFlags               = Fields.Add(protoGeneve, "geneve.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfGeneveFlagsOam            = Fields.Add(protoGeneve, "geneve.flags.oam", "Operations, Administration and Management Frame", field.Bool, field.WithBase(8), field.WithMask(0x80))
	hfGeneveFlagsCritical       = Fields.Add(protoGeneve, "geneve.flags.critical", "Critical Options Present", field.Bool, field.WithBase(8), field.WithMask(0x40))
	hfGeneveFlagsReserved       = Fields.Add(protoGeneve, "geneve.flags.reserved", "Reserved", field.Bool, field.WithBase(8), field.WithMask(0x3f))
	hfGeneveVni                 = Fields.Add(protoGeneve, "geneve.vni", "Virtual Network Identifier (VNI)", field.Uint24, field.WithBase(field.HexDec))
	hfGeneveReserved            = Fields.Add(protoGeneve, "geneve.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex))
	hfGeneveOptions             = Fields.Add(protoGeneve, "geneve.options", "Geneve Options", field.Bytes)
	hfGeneveOption              = Fields.Add(protoGeneve, "geneve.option", "Option", field.Bytes)
	hfGeneveOptionClass         = Fields.Add(protoGeneve, "geneve.option.class", "Class", field.Uint16, field.WithBase(field.Hex))
	hfGeneveOptionType          = Fields.Add(protoGeneve, "geneve.option.type", "Type", field.Uint8, field.WithBase(field.Hex))
	hfGeneveOptionTypeCritical  = Fields.Add(protoGeneve, "geneve.option.type.critical", "Critical Option", field.Bool, field.WithBase(8), field.WithMask(0x80))
	hfGeneveOptionFlags         = Fields.Add(protoGeneve, "geneve.option.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfGeneveOptionFlagsReserved = Fields.Add(protoGeneve, "geneve.option.flags.reserved", "Reserved", field.Bool, field.WithBase(8), field.WithMask(0xe0))
	hfGeneveOptionUnknownData   = Fields.Add(protoGeneve, "geneve.option.unknown.data", "Unknown Option Data", field.Bytes)
	hfGeneveProtoType           = Fields.Add(protoGeneve, "geneve.proto_type", "Protocol Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(etypeVals))
	handleGeneve                = &Handle{Name: "geneve", Fn: dissectGeneve}
)

func init() {
	RegisterShortName(protoGeneve, "Geneve")
	UDPPort.Add(6081, handleGeneve)
}

func dissectGeneve(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("Geneve")
	c.ClearInfo()
	b0 := t.U8(0)
	optLen := int(b0&0x3f) * 4
	hl := 8 + optLen
	p := c.AddProto(parent, protoGeneve, t, 0, hl)
	vni := t.U24(4)
	c.Label(p, "Generic Network Virtualization Encapsulation, VNI: 0x%06x", vni)
	c.AddUintV(p, hfGeneveVersion, t, 0, 1, uint64(b0>>6))
	ln := c.AddUintV(p, hfGeneveOptionLength, t, 0, 1, uint64(optLen))
	c.Label(ln, "Length: %d bytes", optLen)
	flags := uint64(t.U8(1))
	fn := c.AddUintV(p, hfGeneveFlags, t, 1, 1, flags)
	c.AddUint(fn, hfGeneveFlagsOam, t, 1, 1)
	c.AddUint(fn, hfGeneveFlagsCritical, t, 1, 1)
	c.AddUint(fn, hfGeneveFlagsReserved, t, 1, 1)
	if c.Visible() {
		s := fmt.Sprintf("Flags: 0x%02x", flags)
		if flags&0x80 != 0 {
			s += ", Operations, Administration and Management Frame"
		}
		if flags&0x40 != 0 {
			s += ", Critical Options Present"
		}
		c.T.SetLabel(fn, s)
	}
	_, proto := c.AddUint(p, hfGeneveProtoType, t, 2, 2)
	c.AddUint(p, hfGeneveVni, t, 4, 3)
	c.AddHidden(p, hfGeneveReserved, t, 7, 1, field.Value{U: uint64(t.U8(7))})
	if optLen > 0 {
		on := c.AddBytes(p, hfGeneveOptions, t, 8, optLen)
		c.Label(on, "Options: (%d bytes)", optLen)
		for o := 8; o+4 <= hl; {
			class := t.U16(o)
			typ := t.U8(o + 2)
			ol := int(t.U8(o+3)&0x1f)*4 + 4
			if o+ol > hl {
				break
			}
			className := "Unknown"
			switch class {
			case 0:
				className = "Standard"
			case 0x0132:
				className = "Google LLC"
			}
			typeText := fmt.Sprintf("0x%02x", typ)
			if typ&0x80 != 0 {
				typeText += " (Critical)"
			} else {
				typeText += " (Non-critical)"
			}
			opt := c.AddBytes(on, hfGeneveOption, t, o, ol)
			c.Label(opt, "Unknown, Class: %s (0x%04x) Type: %s", className, class, typeText)
			cn, _ := c.AddUint(opt, hfGeneveOptionClass, t, o, 2)
			c.Label(cn, "Class: %s (0x%04x)", className, class)
			tn, _ := c.AddUint(opt, hfGeneveOptionType, t, o+2, 1)
			c.Label(tn, "Type: %s", typeText)
			c.AddHidden(opt, hfGeneveOptionTypeCritical, t, o+2, 1, field.Value{U: uint64(typ >> 7)})
			fl := c.AddHidden(opt, hfGeneveOptionFlags, t, o+3, 1, field.Value{U: uint64(t.U8(o+3) & 0xe0)})
			c.AddUint(fl, hfGeneveOptionFlagsReserved, t, o+3, 1)
			oln := c.AddUintV(opt, hfGeneveOptionLength, t, o+3, 1, uint64(ol))
			c.Label(oln, "Length: %d bytes", ol)
			if ol > 4 {
				c.AddBytes(opt, hfGeneveOptionUnknownData, t, o+4, ol-4)
			}
			o += ol
		}
	}
	next := t.Sub(hl)
	if next.Len() == 0 {
		return
	}
	if proto == 0x6558 {
		c.SetNetAddrs(AddrNone, nil, nil)
	}
	if !c.TryTable(EtherType, proto, next, parent) {
		c.CallData(next, parent)
	}
}
