package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// The Link Layer Discovery Protocol (IEEE 802.1AB, ethertype 0x88cc; Wireshark's packet-lldp.c): the
// mandatory chassis, port and time-to-live TLVs, the port, system name and description TLVs, the
// system capabilities, and the summary tshark builds from them. Organisation-specific TLVs are shown
// by organisation code only so far.

var (
	protoLLDP                = Fields.Protocol("lldp", "Link Layer Discovery Protocol")
	hfLLDPTlvType            = Fields.Add(protoLLDP, "lldp.tlv.type", "TLV Type", field.Uint16, field.WithMask(0xfe00), field.WithStrings(map[uint64]string{0: "End of LLDPDU", 1: "Chassis Id", 2: "Port Id", 3: "Time to Live", 4: "Port Description", 5: "System Name", 6: "System Description", 7: "System Capabilities", 8: "Management Address", 127: "Organization Specific"}))
	hfLLDPTlvLen             = Fields.Add(protoLLDP, "lldp.tlv.len", "TLV Length", field.Uint16, field.WithMask(0x1ff))
	hfLLDPTlvSystemCap       = Fields.Add(protoLLDP, "lldp.tlv.system_cap", "Capabilities", field.Uint16, field.WithBase(field.Hex))
	hfLLDPTlvSystemName      = Fields.Add(protoLLDP, "lldp.tlv.system.name", "System Name", field.String)
	hfLLDPTlvSystemDesc      = Fields.Add(protoLLDP, "lldp.tlv.system.desc", "System Description", field.String)
	hfLLDPTlvEnableSystemCap = Fields.Add(protoLLDP, "lldp.tlv.enable_system_cap", "Enabled Capabilities", field.Uint16, field.WithBase(field.Hex))
	hfLLDPChassisSubtype     = Fields.Add(protoLLDP, "lldp.chassis.subtype", "Chassis Id Subtype", field.Uint8, field.WithStrings(map[uint64]string{0: "Reserved", 1: "Chassis component", 2: "Interface alias", 3: "Port component", 4: "MAC address", 5: "Network address", 6: "Interface name", 7: "Locally assigned"}))
	hfLLDPChassisId          = Fields.Add(protoLLDP, "lldp.chassis.id", "Chassis Id", field.Bytes)
	hfLLDPChassisIdMac       = Fields.Add(protoLLDP, "lldp.chassis.id.mac", "Chassis Id", field.Ether)
	hfLLDPChassisIdIp4       = Fields.Add(protoLLDP, "lldp.chassis.id.ip4", "Chassis Id", field.IPv4)
	hfLLDPPortSubtype        = Fields.Add(protoLLDP, "lldp.port.subtype", "Port Id Subtype", field.Uint8, field.WithStrings(map[uint64]string{0: "Reserved", 1: "Interface alias", 2: "Port component", 3: "MAC address", 4: "Network address", 5: "Interface name", 6: "Agent circuit Id", 7: "Locally assigned"}))
	hfLLDPPortId             = Fields.Add(protoLLDP, "lldp.port.id", "Port Id", field.String)
	hfLLDPPortDesc           = Fields.Add(protoLLDP, "lldp.port.desc", "Port Description", field.String)
	hfLLDPPortIdMac          = Fields.Add(protoLLDP, "lldp.port.id.mac", "Port Id", field.Ether)
	hfLLDPTimeToLive         = Fields.Add(protoLLDP, "lldp.time_to_live", "Seconds", field.Uint16)
	hfLLDPOrgtlvOui          = Fields.Add(protoLLDP, "lldp.orgtlv.oui", "Organization Unique Code", field.Uint24)
	handleLLDP               = &Handle{Name: "lldp", Fn: dissectLLDP}
)

// Short forms of the chassis and port ID subtypes in the Info column.
var (
	lldpChassisShort = map[uint8]string{1: "CC", 2: "IA", 3: "PC", 4: "MA", 5: "NA", 6: "IN", 7: "LA"}
	lldpPortShort    = map[uint8]string{1: "IA", 2: "PC", 3: "MA", 4: "NA", 5: "IN", 6: "AC", 7: "LA"}
)

func init() {
	RegisterShortName(protoLLDP, "LLDP")
	EtherType.Add(0x88cc, handleLLDP)
}

func dissectLLDP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("LLDP")
	c.ClearInfo()
	p := c.AddProto(parent, protoLLDP, t, 0, -1)
	for o := 0; o+2 <= t.Len(); {
		tl := t.U16(o)
		typ, l := uint8(tl>>9), int(tl&0x1ff)
		tn := c.addSubtree(p, t, o, l+2, valueNameOr(hfLLDPTlvType, uint64(typ), "Unknown"))
		c.AddUint(tn, hfLLDPTlvType, t, o, 2)
		c.AddUint(tn, hfLLDPTlvLen, t, o, 2)
		v := o + 2
		switch typ {
		case 0:
			c.Label(tn, "End of LLDPDU")
			c.setProtoLen(p, protoLLDP, v)
			return
		case 1, 2:
			sub := t.U8(v)
			hfSub, hfID, hfMAC, short, what := hfLLDPChassisSubtype, hfLLDPChassisId, hfLLDPChassisIdMac, lldpChassisShort, "Chassis"
			macSub := uint8(4)
			if typ == 2 {
				hfSub, hfID, hfMAC, short, what, macSub = hfLLDPPortSubtype, hfLLDPPortId, hfLLDPPortIdMac, lldpPortShort, "Port", 3
			}
			c.AddUint(tn, hfSub, t, v, 1)
			var id string
			if sub == macSub && l == 7 {
				c.AddBytes(tn, hfMAC, t, v+1, 6)
				id = string(field.AppendHexSep(nil, t.Bytes(v+1, 6), ':'))
			} else {
				b := t.Bytes(v+1, l-1)
				id = string(b)
				if typ == 1 {
					c.AddBytes(tn, hfID, t, v+1, l-1)
				} else {
					c.AddBytesV(tn, hfID, t, v+1, l-1, b)
				}
			}
			c.Label(tn, "%s Subtype = %s, Id: %s", what, valueNameOr(hfSub, uint64(sub), "Reserved"), id)
			if c.Cols.On {
				c.AppendInfo(short[sub] + "/" + id + " ")
			}
		case 3:
			_, ttl := c.AddUint(tn, hfLLDPTimeToLive, t, v, 2)
			c.Label(tn, "Time To Live = %d sec", ttl)
			if c.Cols.On {
				c.AppendInfo(itoa(ttl) + " ")
			}
		case 4, 5, 6:
			hf, lbl, info := hfLLDPPortDesc, "Port Description", ""
			if typ == 5 {
				hf, lbl, info = hfLLDPTlvSystemName, "System Name", "SysN="
			} else if typ == 6 {
				hf, lbl, info = hfLLDPTlvSystemDesc, "System Description", "SysD="
			}
			b := t.Bytes(v, l)
			c.AddBytesV(tn, hf, t, v, l, b)
			c.Label(tn, "%s = %s", lbl, field.AppendEscaped(nil, b))
			if info != "" && c.Cols.On {
				c.AppendInfo(info + string(field.AppendEscaped(nil, b)) + " ")
			}
		case 7:
			c.Label(tn, "Capabilities")
			c.AddUint(tn, hfLLDPTlvSystemCap, t, v, 2)
			c.AddUint(tn, hfLLDPTlvEnableSystemCap, t, v+2, 2)
		case 127:
			c.AddUint(tn, hfLLDPOrgtlvOui, t, v, 3)
		}
		o = v + l
	}
}
