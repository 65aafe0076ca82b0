package dissect

import (
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// NetBIOS Session Service (RFC 1002) over TCP 139, and the same four-byte framing of SMB directly
// over TCP 445 (MS-SMB2 2.1), as Wireshark 4.0's packet-nbns.c shows it: session requests and
// responses, keep-alives, and session messages handed to SMB or SMB2.

var (
	protoNBSS     = Fields.Protocol("nbss", "NetBIOS Session Service")
	hfNBSSType    = Fields.Add(protoNBSS, "nbss.type", "Message Type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0: "Session message", 0x81: "Session request", 0x82: "Positive session response", 0x83: "Negative session response", 0x84: "Retarget session response", 0x85: "Session keep-alive"}))
	hfNBSSFlags   = Fields.Add(protoNBSS, "nbss.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfNBSSFlagE   = Fields.Add(protoNBSS, "nbss.flags.e", "Extend", field.Bool, field.WithBase(8), field.WithMask(1), field.WithTrueFalse("Add 65536 to length", "Add 0 to length"))
	hfNBSSLength  = Fields.Add(protoNBSS, "nbss.length", "Length", field.Uint24)
	hfNBSSCalled  = Fields.Add(protoNBSS, "nbss.called_name", "Called name", field.String)
	hfNBSSCalling = Fields.Add(protoNBSS, "nbss.calling_name", "Calling name", field.String)
	hfNBSSErrCode = Fields.Add(protoNBSS, "nbss.error_code", "Error code", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0x80: "Not listening on called name", 0x81: "Not listening for calling name", 0x82: "Called name not present", 0x83: "Called name present, but insufficient resources", 0x8F: "Unspecified error"}))
	hfNBSSRetIP   = Fields.Add(protoNBSS, "nbss.retarget_ip_address", "Retarget IP address", field.IPv4)
	hfNBSSRetPort = Fields.Add(protoNBSS, "nbss.retarget_port", "Retarget port", field.Uint16)
	handleNBSS139 = &Handle{Name: "nbss", Fn: dissectNBSS139}
	handleNBSS445 = &Handle{Name: "nbss", Fn: dissectNBSS445}
)

func init() {
	RegisterShortName(protoNBSS, "NBSS")
	TCPPort.Add(139, handleNBSS139)
	TCPPort.Add(445, handleNBSS445)
	RegisterPDU(handleNBSS139, nbssPDULen139)
	RegisterPDU(handleNBSS445, nbssPDULen445)
}

func nbssPDULen139(c *Ctx, t Tvb, _ *PDUScan) int {
	if t.Len() < 4 {
		return NeedMore
	}
	if !nbssTypeKnown(t.U8(0)) {
		return 0
	}
	return 4 + int(t.U8(1)&1)<<16 + int(t.U16(2))
}

func nbssPDULen445(c *Ctx, t Tvb, _ *PDUScan) int {
	if t.Len() < 4 {
		return NeedMore
	}
	if t.U8(0) != 0 && !nbssTypeKnown(t.U8(0)) {
		return 0
	}
	return 4 + int(t.U24(1))
}

func nbssTypeKnown(b uint8) bool { return b == 0 || b >= 0x81 && b <= 0x85 }

func dissectNBSS139(c *Ctx, t Tvb, parent int32) { dissectNBSS(c, t, parent, false) }
func dissectNBSS445(c *Ctx, t Tvb, parent int32) { dissectNBSS(c, t, parent, true) }

func dissectNBSS(c *Ctx, t Tvb, parent int32, direct bool) {
	if strings.HasSuffix(c.Layers(), ":nbss:nbss") { // a further PDU of the segment: one layer, as in tshark
		c.PopLayer("nbss")
	}
	typ := uint64(t.U8(0))
	var l int
	if direct && typ == 0 {
		l = int(t.U24(1))
	} else {
		l = int(t.U8(1)&1)<<16 + int(t.U16(2))
	}
	p := c.AddProto(parent, protoNBSS, t, 0, 4+l)
	c.AddUintV(p, hfNBSSType, t, 0, 1, typ)
	if typ == 0 { // a session message shows its length only (24 bits on 445, 17 on 139)
		c.AddUintV(p, hfNBSSLength, t, 1, 3, uint64(l))
	} else {
		fl, _ := c.AddUint(p, hfNBSSFlags, t, 1, 1)
		c.AddUint(fl, hfNBSSFlagE, t, 1, 1)
		c.AddUintV(p, hfNBSSLength, t, 2, 2, uint64(l))
	}
	if typ != 0 {
		c.SetProtocol("NBSS")
		name, _ := Fields.Get(hfNBSSType).ValueName(typ)
		c.SetInfo(name)
	}
	switch typ {
	case 0:
		body := t.SubLen(4, l)
		if body.Len() >= 4 {
			switch string(body.B[1:4]) {
			case "SMB":
				switch body.B[0] {
				case 0xff:
					c.Call(handleSMB, body, parent)
					return
				case 0xfe, 0xfd, 0xfc:
					c.Call(handleSMB2, body, parent)
					return
				}
			}
		}
		if body.Len() > 0 {
			c.SetProtocol("NBSS")
			c.SetInfo("Session message")
			c.CallData(body, parent)
		}
	case 0x81: // session request: called and calling names
		o := 4
		called, _, _, _ := nbnsName(t, o)
		o += netbiosNameItem(c, t, p, o, hfNBSSCalled, "Called name")
		calling, _, _, _ := nbnsName(t, o)
		netbiosNameItem(c, t, p, o, hfNBSSCalling, "Calling name")
		c.AppendInfo(", to " + called + " from " + calling)
	case 0x83:
		c.AddUint(p, hfNBSSErrCode, t, 4, 1)
	case 0x84:
		c.AddBytes(p, hfNBSSRetIP, t, 4, 4)
		c.AddUint(p, hfNBSSRetPort, t, 8, 2)
	}
}
