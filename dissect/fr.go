package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Frame Relay (LINKTYPE_FRELAY 107; Wireshark's packet-fr.c): the 2-4 octet address with its DLCI,
// then either RFC 2427 multiprotocol encapsulation (a UI control field and an NLPID: OSI protocols,
// IP, SNAP) or Cisco's encapsulation (an ethertype, handed on like Cisco HDLC).

var (
	protoFR                  = Fields.Protocol("fr", "Frame Relay")
	hfFREa                   = Fields.Add(protoFR, "fr.ea", "EA", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Last Octet", "More Follows"), field.WithBlurb("Extended Address"))
	hfFRUpperDlci            = Fields.Add(protoFR, "fr.upper_dlci", "Upper DLCI", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xfc), field.WithBlurb("Upper bits of DLCI"))
	hfFRCr                   = Fields.Add(protoFR, "fr.cr", "CR", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Command", "Response"), field.WithBlurb("Command/Response"))
	hfFRSecondDlci           = Fields.Add(protoFR, "fr.second_dlci", "Second DLCI", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf0), field.WithBlurb("Bits below upper bits of DLCI"))
	hfFRFecn                 = Fields.Add(protoFR, "fr.fecn", "FECN", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithBlurb("Forward Explicit Congestion Notification"))
	hfFRBecn                 = Fields.Add(protoFR, "fr.becn", "BECN", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithBlurb("Backward Explicit Congestion Notification"))
	hfFRDe                   = Fields.Add(protoFR, "fr.de", "DE", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithBlurb("Discard Eligibility"))
	hfFRThirdDlci            = Fields.Add(protoFR, "fr.third_dlci", "Third DLCI", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xfe), field.WithBlurb("Additional bits of DLCI"))
	hfFRDlcoreControl        = Fields.Add(protoFR, "fr.dlcore_control", "DL-CORE Control", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xfc), field.WithBlurb("DL-Core control bits"))
	hfFRLowerDlci            = Fields.Add(protoFR, "fr.lower_dlci", "Lower DLCI", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xfc), field.WithBlurb("Lower bits of DLCI"))
	hfFRDc                   = Fields.Add(protoFR, "fr.dc", "DC", field.Bool, field.WithBase(16), field.WithMask(0x2), field.WithTrueFalse("DLCI Address", "Control"), field.WithBlurb("Address/Control"))
	hfFRDlci                 = Fields.Add(protoFR, "fr.dlci", "DLCI", field.Uint32, field.WithBlurb("Data-Link Connection Identifier"))
	hfFRControl              = Fields.Add(protoFR, "fr.control", "Control Field", field.Uint8, field.WithBase(field.Hex))
	hfFRControlNR            = Fields.Add(protoFR, "fr.control.n_r", "N(R)", field.Uint16, field.WithMask(0xfe00))
	hfFRControlNS            = Fields.Add(protoFR, "fr.control.n_s", "N(S)", field.Uint16, field.WithMask(0xfe))
	hfFRControlUModifierCmd  = Fields.Add(protoFR, "fr.control.u_modifier_cmd", "Command", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xec), field.WithStrings(llcUCmdVals))
	hfFRControlUModifierResp = Fields.Add(protoFR, "fr.control.u_modifier_resp", "Response", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xec), field.WithStrings(map[uint64]string{0: "Unnumbered Information", 8: "Unnumbered Poll", 16: "Request Disconnect", 24: "Unnumbered Acknowledge", 32: "Set Normal Response Mode", 56: "Test", 1: "Request Initialization Mode", 33: "Frame reject", 49: "Configure", 3: "Disconnected mode", 11: "Set Asynchronous Balanced Mode", 19: "Set Asynchronous Response Mode Extended", 27: "Set Asynchronous Balanced Mode Extended", 35: "Reset", 43: "Exchange identification", 51: "Set Normal Response Mode Extended", 59: "Beacon"}))
	hfFRControlFtype         = Fields.Add(protoFR, "fr.control.ftype", "Frame type", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x1), field.WithStrings(map[uint64]string{0: "Information frame", 1: "Supervisory frame", 3: "Unnumbered frame"}))
	hfFRNlpid                = Fields.Add(protoFR, "fr.nlpid", "NLPID", field.Uint8, field.WithBase(field.Hex), field.WithStrings(nlpidVals), field.WithBlurb("Frame Relay Encapsulated Protocol NLPID"))
	hfFRSnapOui              = Fields.Add(protoFR, "fr.snap.oui", "Organization Code", field.Uint24)
	hfFRSnapPid              = Fields.Add(protoFR, "fr.snap.pid", "Protocol ID", field.Uint16, field.WithBase(field.Hex))
	hfFRSnaptype             = Fields.Add(protoFR, "fr.snaptype", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(etypeVals), field.WithBlurb("Frame Relay SNAP Encapsulated Protocol"))
	hfFRChdlctype            = Fields.Add(protoFR, "fr.chdlctype", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(chdlcTypeVals), field.WithBlurb("Frame Relay Cisco HDLC Encapsulated Protocol"))
	hfFRFirstAddrOctet       = Fields.Add(protoFR, "fr.first_addr_octet", "First address octet", field.Uint8, field.WithBase(field.Hex))
	hfFRSecondAddrOctet      = Fields.Add(protoFR, "fr.second_addr_octet", "Second address octet", field.Uint8, field.WithBase(field.Hex))
	hfFRThirdAddrOctet       = Fields.Add(protoFR, "fr.third_addr_octet", "Third address octet", field.Uint8, field.WithBase(field.Hex))
	eiFRBogusAddress         = RegisterExpert(protoFR, "fr.bogus_address", "Bogus address", GroupProtocol, SevWarn)
	eiFRLapf                 = RegisterExpert(protoFR, "fr.frame_relay.lapf", "Frame relay lapf not yet implemented", GroupUndecoded, SevWarn)
	eiFRXid                  = RegisterExpert(protoFR, "fr.frame_relay.xid", "Frame relay xid not yet implemented", GroupUndecoded, SevWarn)
	handleFR                 = &Handle{Name: "fr", Fn: dissectFR}

	// FRNLPID hands an RFC 2427 payload on by its NLPID (after the NLPID), for non-OSI protocols.
	FRNLPID = NewTable("fr.nlpid")
)

var nlpidVals = map[uint64]string{0x00: "NULL", 0x01: "T.70", 0x03: "X.633", 0x08: "Q.933", 0x09: "LMI", 0x0c: "Q.2119",
	0x80: "SNAP", 0x81: "CLNP", 0x82: "ESIS", 0x83: "ISIS", 0x85: "IDRP", 0x8a: "ESIS (X.25)", 0x8c: "ISO 10030",
	0x8d: "ISO 11577", 0x8e: "IPv6", 0xb0: "Data compression protocol", 0xc1: "SubNetwork Dependent Convergence Function",
	0xcc: "IP", 0xcf: "PPP"}

var (
	frFirstBits  = []field.ID{hfFRUpperDlci, hfFRCr, hfFREa}
	frSecondBits = []field.ID{hfFRSecondDlci, hfFRFecn, hfFRBecn, hfFRDe, hfFREa}
	frThirdBits  = []field.ID{hfFRThirdDlci, hfFREa}
)

func init() {
	RegisterShortName(protoFR, "FR")
	LinkTypes.Add(107, handleFR)
	RegisterEncap(107, 26, "Frame Relay")
	FRNLPID.Add(0xcc, handleIP)
	FRNLPID.Add(0x8e, handleIPv6)
}

func dissectFR(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("FR")
	c.ClearInfo()
	p := c.AddProto(parent, protoFR, t, 0, -1)
	o := 0
	addr := uint64(0)
	response := false
	b := t.U8(0)
	if b&1 != 0 {
		c.Expert(p, eiFRBogusAddress, t, 0, 1, "Bogus 1-octet address field")
		o = 1
	} else {
		addr = uint64(b&0xfc) >> 2
		response = b&2 != 0
		c.addFlags(p, hfFRFirstAddrOctet, t, 0, 1, frFirstBits)
		b = t.U8(1)
		addr = addr<<4 | uint64(b&0xf0)>>4
		c.addFlags(p, hfFRSecondAddrOctet, t, 1, 1, frSecondBits)
		o = 2
		if b&1 == 0 {
			b = t.U8(o)
			if b&1 == 0 {
				addr = addr<<7 | uint64(b&0xfe)>>1
				c.addFlags(p, hfFRThirdAddrOctet, t, o, 1, frThirdBits)
				o++
				for b = t.U8(o); b&1 == 0; b = t.U8(o) {
					c.Expert(p, eiFRBogusAddress, t, o, 1, "Bogus extra address octet")
					o++
				}
			}
			f := c.AddText(p, t, o, 1, "Final address octet: 0x"+hex2(b))
			if b&2 != 0 {
				c.AddUintV(f, hfFRDlcoreControl, t, o, 1, uint64(b&0xfc)>>2)
			} else {
				addr = addr<<6 | uint64(b&0xfc)>>2
				c.AddUintV(f, hfFRLowerDlci, t, o, 1, uint64(b&0xfc)>>2)
			}
			c.AddUintV(f, hfFRDc, t, o, 1, uint64(b&2))
			c.AddUintV(f, hfFREa, t, o, 1, uint64(b&1))
			o++
		}
	}
	c.AddUintV(p, hfFRDlci, t, 0, o, addr)
	if c.Cols.On {
		c.SetInfo("DLCI " + itoa(addr))
	}
	ctl := t.U8(o)
	switch {
	case ctl == 0x03:
		o += frControl(c, t, p, o, response)
		frNLPID(c, t, p, parent, o)
	case addr == 0:
		frControl(c, t, p, o, response)
		c.Expert(parent, eiFRLapf, t, o, 0, "")
		c.CallData(t.Sub(o), parent)
	case ctl == 0xaf: // XID
		frControl(c, t, p, o, response)
		c.Expert(parent, eiFRXid, t, o, 0, "")
		c.CallData(t.Sub(o), parent)
	default:
		typ := uint64(t.U16(o))
		_, known := CHDLCProto.Get(typ)
		if _, ok := EtherType.Get(typ); !known && !ok {
			// Not a Cisco type: an I-frame followed by an NLPID.
			o += frControl(c, t, p, o, response)
			frNLPID(c, t, p, parent, o)
			return
		}
		c.setItemLen(p, parent, o+2)
		chdlcType(c, t, p, parent, o, hfFRChdlctype)
	}
}

// frControl adds the LAPF control field at o (extended: I and S frames take two octets) and returns
// its length.
func frControl(c *Ctx, t Tvb, p int32, o int, response bool) int {
	ctl := uint64(t.U8(o))
	if ctl&3 == 3 { // unnumbered
		n := c.AddUintV(p, hfFRControl, t, o, 1, ctl)
		if c.Visible() {
			short, ok := hfLLCCtrlShort[ctl&0xec]
			if !ok {
				short = "0x" + hex2(ctl&0xec)
			}
			c.T.SetLabel(n, "Control field: U, func="+short+" (0x"+hex2(ctl)+")")
		}
		if response {
			c.AddUint(n, hfFRControlUModifierResp, t, o, 1)
		} else {
			c.AddUint(n, hfFRControlUModifierCmd, t, o, 1)
		}
		fn := c.AddUintV(n, hfFRControlFtype, t, o, 1, 3)
		c.Label(fn, ".... ..11 = Frame type: Unnumbered frame (0x3)")
		return 1
	}
	v := uint64(t.U16(o))
	n := c.AddUintV(p, hfFRControl, t, o, 2, v)
	if ctl&1 == 0 {
		if c.Visible() {
			c.T.SetLabel(n, "Control field: I, N(R)="+itoa(v>>9)+", N(S)="+itoa(v>>1&0x7f)+" (0x"+hex4(v)+")")
		}
		c.AddUint(n, hfFRControlNR, t, o, 2)
		c.AddUint(n, hfFRControlNS, t, o, 2)
		fn := c.AddUintV(n, hfFRControlFtype, t, o, 2, 0)
		c.Label(fn, ".... .... .... ...0 = Frame type: Information frame (0x0)")
	} else if c.Visible() {
		c.T.SetLabel(n, "Control field: S (0x"+hex4(v)+")")
	}
	return 2
}

// frNLPID dissects the RFC 2427 NLPID at o and what follows it.
func frNLPID(c *Ctx, t Tvb, p, parent int32, o int) {
	c.setItemLen(p, parent, o)
	nlpid := uint64(t.U8(o))
	if nlpid == 0 {
		n := c.AddUintV(p, hfFRNlpid, t, o, 1, 0)
		c.Label(n, "Padding")
		o++
		c.setItemLen(p, parent, o)
		nlpid = uint64(t.U8(o))
	}
	if h, ok := OSINL.Get(nlpid); ok { // OSI PDUs include their NLPID
		c.AddHidden(p, hfFRNlpid, t, o, 1, field.Value{U: nlpid})
		c.Call(h, t.Sub(o), parent)
		return
	}
	c.AddUintV(p, hfFRNlpid, t, o, 1, nlpid)
	o++
	if nlpid == 0x80 { // SNAP
		c.setItemLen(p, parent, o+5)
		oui := uint64(t.U24(o))
		c.AddUintV(p, hfFRSnapOui, t, o, 3, oui)
		if oui == 0 {
			et := uint64(t.U16(o + 3))
			c.AddUintV(p, hfFRSnaptype, t, o+3, 2, et)
			if !c.TryTable(EtherType, et, t.Sub(o+5), parent) {
				c.CallData(t.Sub(o+5), parent)
			}
			return
		}
		c.AddUint(p, hfFRSnapPid, t, o+3, 2)
		c.CallData(t.Sub(o+5), parent)
		return
	}
	c.setItemLen(p, parent, o)
	if !c.TryTable(FRNLPID, nlpid, t.Sub(o), parent) {
		c.CallData(t.Sub(o), parent)
	}
}
