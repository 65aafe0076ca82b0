package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// PPP over Ethernet (RFC 2516; Wireshark's packet-pppoe.c): the discovery stage (ethertype 0x8863)
// by its header, and the session stage (0x8864) whose payload is a PPP frame without address and
// control fields.

var (
	protoPPPoE           = Fields.Protocol("pppoe", "PPP-over-Ethernet")
	protoPPPoED          = Fields.Protocol("pppoed", "PPP-over-Ethernet Discovery")
	protoPPPoES          = Fields.Protocol("pppoes", "PPP-over-Ethernet Session")
	hfPPPoEVersion       = Fields.Add(protoPPPoE, "pppoe.version", "Version", field.Uint8, field.WithMask(0xf0))
	hfPPPoEType          = Fields.Add(protoPPPoE, "pppoe.type", "Type", field.Uint8, field.WithMask(0xf))
	hfPPPoECode          = Fields.Add(protoPPPoE, "pppoe.code", "Code", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0: "Session Data", 7: "Active Discovery Offer (PADO)", 9: "Active Discovery Initiation (PADI)", 10: "Active Discovery Session-Grant (PADG)", 11: "Active Discovery Session-Credit Resp.(PADC)", 12: "Active Discovery Quality (PADQ)", 25: "Active Discovery Request (PADR)", 101: "Active Discovery Session-confirmation (PADS)", 167: "Active Discovery Terminate (PADT)", 211: "Active Discovery Message (PADM)", 212: "Active Discovery Network (PADN)"}))
	hfPPPoESessionId     = Fields.Add(protoPPPoE, "pppoe.session_id", "Session ID", field.Uint16, field.WithBase(field.Hex))
	hfPPPoEPayloadLength = Fields.Add(protoPPPoE, "pppoe.payload_length", "Payload Length", field.Uint16)
	handlePPPoED         = &Handle{Name: "pppoed", Fn: func(c *Ctx, t Tvb, parent int32) { dissectPPPoE(c, t, parent, false) }}
	handlePPPoES         = &Handle{Name: "pppoes", Fn: func(c *Ctx, t Tvb, parent int32) { dissectPPPoE(c, t, parent, true) }}
)

func init() {
	RegisterShortName(protoPPPoED, "PPPoED")
	RegisterShortName(protoPPPoES, "PPPoES")
	EtherType.Add(0x8863, handlePPPoED)
	EtherType.Add(0x8864, handlePPPoES)
}

func dissectPPPoE(c *Ctx, t Tvb, parent int32, session bool) {
	proto, name := protoPPPoED, "PPPoED"
	if session {
		proto, name = protoPPPoES, "PPPoES"
	}
	c.SetProtocol(name)
	c.ClearInfo()
	code := uint64(t.U8(1))
	if c.Cols.On {
		c.SetInfo(valueNameOr(hfPPPoECode, code, "Unknown"))
	}
	hl := 6
	p := c.AddProto(parent, proto, t, 0, hl)
	c.AddUint(p, hfPPPoEVersion, t, 0, 1)
	c.AddUint(p, hfPPPoEType, t, 0, 1)
	c.AddUint(p, hfPPPoECode, t, 1, 1)
	c.AddUint(p, hfPPPoESessionId, t, 2, 2)
	_, pl := c.AddUint(p, hfPPPoEPayloadLength, t, 4, 2)
	if session {
		c.Call(handlePPP, t.SubLen(6, int(pl)), parent)
	}
}
