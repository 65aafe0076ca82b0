package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Cisco UniDirectional Link Detection (Wireshark's packet-udld.c), SNAP with Cisco's OUI and
// protocol ID 0x0111: a header and type-length-value records.

var (
	protoUDLD       = Fields.Protocol("udld", "Unidirectional Link Detection")
	hfUDLDVersion   = Fields.Add(protoUDLD, "udld.version", "Version", field.Uint8, field.WithMask(0xe0))
	hfUDLDOpcode    = Fields.Add(protoUDLD, "udld.opcode", "Opcode", field.Uint8, field.WithMask(0x1f), field.WithStrings(udldOpcodes))
	hfUDLDFlags     = Fields.Add(protoUDLD, "udld.flags", "Flags", field.Uint8)
	hfUDLDFlagRT    = Fields.Add(protoUDLD, "udld.flags.rt", "Recommended timeout", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x01))
	hfUDLDFlagRSY   = Fields.Add(protoUDLD, "udld.flags.rsy", "ReSynch", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x02))
	hfUDLDChecksum  = Fields.Add(protoUDLD, "udld.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfUDLDTLVType   = Fields.Add(protoUDLD, "udld.tlv.type", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(udldTLVTypes))
	hfUDLDTLVLen    = Fields.Add(protoUDLD, "udld.tlv.len", "Length", field.Uint16)
	hfUDLDDeviceID  = Fields.Add(protoUDLD, "udld.device_id", "Device ID", field.StringZ)
	hfUDLDInterface = Fields.Add(protoUDLD, "udld.sent_through_interface", "Sent through Interface", field.String)
	hfUDLDData      = Fields.Add(protoUDLD, "udld.data", "Data", field.Bytes)
	eiUDLDTLVLen    = RegisterExpert(protoUDLD, "udld.tlv.len.invalid", "TLV with invalid length (< 4)", GroupProtocol, SevError)
)

var udldOpcodes = map[uint64]string{0: "Reserved", 1: "Probe", 2: "Echo", 3: "Flush"}

var udldTLVTypes = map[uint64]string{1: "Device ID", 2: "Port ID", 3: "Echo", 4: "Message interval",
	5: "Timeout interval", 6: "Device name", 7: "Sequence number"}

func init() {
	RegisterShortName(protoUDLD, "UDLD")
	LLCCiscoPID.Add(0x0111, &Handle{Name: "udld", Fn: dissectUDLD})
}

func dissectUDLD(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("UDLD")
	c.ClearInfo()
	p := c.AddProto(parent, protoUDLD, t, 0, -1)
	c.AddUint(p, hfUDLDVersion, t, 0, 1)
	c.AddUint(p, hfUDLDOpcode, t, 0, 1)
	fl, _ := c.AddUint(p, hfUDLDFlags, t, 1, 1)
	c.AddUint(fl, hfUDLDFlagRT, t, 1, 1)
	c.AddUint(fl, hfUDLDFlagRSY, t, 1, 1)
	c.AddUint(p, hfUDLDChecksum, t, 2, 2)
	for o := 4; o < t.Len(); {
		typ, n := uint64(t.U16(o)), int(t.U16(o+2))
		if n < 4 {
			ln, _ := c.AddUint(p, hfUDLDTLVLen, t, o+2, 2)
			c.Expert(ln, eiUDLDTLVLen, t, o+2, 2, "")
			return
		}
		tl := c.AddText(p, t, o, n, "")
		switch typ {
		case 1, 2:
			s := asciiString(t.Bytes(o+4, n-4))
			if typ == 1 {
				c.AppendInfo("Device ID: " + field.Escape(string(s)) + "  ")
				c.Label(tl, "Device ID: %s", field.Escape(string(s)))
			} else {
				c.AppendInfo("Port ID: " + field.Escape(string(s)) + "  ")
				c.Label(tl, "Port ID: %s", field.Escape(string(s)))
			}
			c.AddUint(tl, hfUDLDTLVType, t, o, 2)
			c.AddUint(tl, hfUDLDTLVLen, t, o+2, 2)
			if typ == 1 {
				c.AddBytesV(tl, hfUDLDDeviceID, t, o+4, n-4, s)
			} else {
				c.AddBytesV(tl, hfUDLDInterface, t, o+4, n-4, s)
			}
		default:
			name, ok := udldTLVTypes[typ]
			if !ok {
				name = "Unknown"
			}
			c.Label(tl, "Type: %s, length: %d", name, n)
			c.AddUint(tl, hfUDLDTLVType, t, o, 2)
			c.AddUint(tl, hfUDLDTLVLen, t, o+2, 2)
			if n > 4 {
				c.AddBytes(tl, hfUDLDData, t, o+4, n-4)
			}
		}
		o += n
	}
}
