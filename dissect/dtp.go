package dissect

import (
	"bytes"

	"github.com/tshark-tui/tshark-tui/field"
)

// Cisco Dynamic Trunk Protocol (Wireshark's packet-dtp.c), over SNAP with Cisco's OUI.

var (
	protoDTP      = Fields.Protocol("dtp", "Dynamic Trunk Protocol")
	hfDtpVersion  = Fields.Add(protoDTP, "dtp.version", "Version", field.Uint8)
	hfDtpTlvType  = Fields.Add(protoDTP, "dtp.tlv_type", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0x1: "Domain", 0x2: "Trunk Status", 0x3: "Trunk Type", 0x4: "Sender ID"}))
	hfDtpTlvLen   = Fields.Add(protoDTP, "dtp.tlv_len", "Length", field.Uint16)
	hfDtpDomain   = Fields.Add(protoDTP, "dtp.domain", "Domain", field.String)
	hfDtpTos      = Fields.Add(protoDTP, "dtp.tos", "Trunk Operating Status", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x80), field.WithStrings(map[uint64]string{0x0: "Access", 0x1: "Trunk"}))
	hfDtpTas      = Fields.Add(protoDTP, "dtp.tas", "Trunk Administrative Status", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x7), field.WithStrings(map[uint64]string{0x1: "On", 0x2: "Off", 0x3: "Desirable", 0x4: "Auto"}))
	hfDtpTot      = Fields.Add(protoDTP, "dtp.tot", "Trunk Operating Type", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xe0), field.WithStrings(map[uint64]string{0x1: "Native", 0x2: "ISL", 0x5: "802.1Q"}))
	hfDtpTat      = Fields.Add(protoDTP, "dtp.tat", "Trunk Administrative Type", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x7), field.WithStrings(map[uint64]string{0x0: "Negotiated", 0x1: "Native", 0x2: "ISL", 0x5: "802.1Q"}))
	hfDtpSenderid = Fields.Add(protoDTP, "dtp.senderid", "Sender ID", field.Ether, field.WithBlurb("MAC Address of neighbor"))
	hfDtpData     = Fields.Add(protoDTP, "dtp.data", "Data", field.Bytes)
	handleDTP     = &Handle{Name: "dtp", Fn: dissectDTP}
)

func init() {
	RegisterShortName(protoDTP, "DTP")
	LLCCiscoPID.Add(0x2004, handleDTP)
}

func dissectDTP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("DTP")
	c.SetInfo("Dynamic Trunk Protocol")
	p := c.AddProto(parent, protoDTP, t, 0, -1)
	c.AddUint(p, hfDtpVersion, t, 0, 1)
	label := "Dynamic Trunk Protocol"
	o := 1
	for o+4 <= t.Len() {
		typ := uint64(t.U16(o))
		l := int(t.U16(o + 2))
		if l < 4 || o+l > t.Len() {
			break
		}
		v, vl := o+4, l-4
		name, ok := Fields.Get(hfDtpTlvType).ValueName(typ)
		if !ok {
			name = "Unknown TLV"
		}
		tl := c.AddText(p, t, o, l, name)
		c.AddUint(tl, hfDtpTlvType, t, o, 2)
		c.AddUint(tl, hfDtpTlvLen, t, o+2, 2)
		switch {
		case typ == 1 && vl > 0:
			d := t.B[v : v+vl]
			if i := bytes.IndexByte(d, 0); i >= 0 {
				d = d[:i]
			}
			c.AddBytesV(tl, hfDtpDomain, t, v, vl, asciiString(d))
			label += ": " + string(d)
		case (typ == 2 || typ == 3) && vl == 1:
			b := uint64(t.U8(v))
			hi, lo := hfDtpTos, hfDtpTas
			if typ == 3 {
				hi, lo = hfDtpTot, hfDtpTat
			}
			hn, _ := Fields.Get(hi).ValueName((b & Fields.Get(hi).Mask) >> Fields.Get(hi).Shift())
			ln, _ := Fields.Get(lo).ValueName(b & Fields.Get(lo).Mask)
			text := hn + "/" + ln + " (0x" + hex2(b) + ")"
			vn := c.AddText(tl, t, v, 1, "Value: "+text)
			c.AddUint(vn, hi, t, v, 1)
			c.AddUint(vn, lo, t, v, 1)
			label += " (Operating/Administrative): " + text
		case typ == 4 && vl == 6:
			c.AddBytes(tl, hfDtpSenderid, t, v, 6)
			label += ": " + macString(t.Bytes(v, 6))
		default:
			if vl > 0 {
				c.AddBytes(tl, hfDtpData, t, v, vl)
			}
		}
		o += l
	}
	if c.Visible() {
		c.T.SetLabel(p, label)
	}
}
