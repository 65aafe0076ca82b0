package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// MPLS Echo, the LSP ping of RFC 8029, UDP port 3503 (Wireshark's packet-mpls-echo.c): the header
// and its TLVs; the Target FEC Stack's LDP and RSVP IPv4 elements are dissected field by field,
// other TLVs and FEC elements show their value undissected for now.

var (
	protoMPLSEcho          = Fields.Protocol("mpls-echo", "Multiprotocol Label Switching Echo")
	hfMPLSEchoVersion      = Fields.Add(protoMPLSEcho, "mpls_echo.version", "Version", field.Uint16)
	hfMPLSEchoFlags        = Fields.Add(protoMPLSEcho, "mpls_echo.flags", "Global Flags", field.Uint16, field.WithBase(field.Hex))
	hfMPLSEchoFlagSBZ      = Fields.Add(protoMPLSEcho, "mpls_echo.flag_sbz", "Reserved", field.Uint16, field.WithBase(field.Hex), field.WithMask(0xfff8))
	hfMPLSEchoFlagV        = Fields.Add(protoMPLSEcho, "mpls_echo.flag_v", "Validate FEC Stack", field.Bool, field.WithBase(16), field.WithMask(0x1))
	hfMPLSEchoFlagT        = Fields.Add(protoMPLSEcho, "mpls_echo.flag_t", "Respond only if TTL expired", field.Bool, field.WithBase(16), field.WithMask(0x2))
	hfMPLSEchoFlagR        = Fields.Add(protoMPLSEcho, "mpls_echo.flag_r", "Validate Reverse Path", field.Bool, field.WithBase(16), field.WithMask(0x4))
	hfMPLSEchoMsgType      = Fields.Add(protoMPLSEcho, "mpls_echo.msg_type", "Message Type", field.Uint8, field.WithStrings(mplsEchoMsgVals))
	hfMPLSEchoReplyMode    = Fields.Add(protoMPLSEcho, "mpls_echo.reply_mode", "Reply Mode", field.Uint8, field.WithStrings(mplsEchoReplyVals))
	hfMPLSEchoReturnCode   = Fields.Add(protoMPLSEcho, "mpls_echo.return_code", "Return Code", field.Uint8, field.WithStrings(mplsEchoRetVals))
	hfMPLSEchoReturnSub    = Fields.Add(protoMPLSEcho, "mpls_echo.return_subcode", "Return Subcode", field.Uint8)
	hfMPLSEchoHandle       = Fields.Add(protoMPLSEcho, "mpls_echo.sender_handle", "Sender's Handle", field.Uint32, field.WithBase(field.Hex))
	hfMPLSEchoSequence     = Fields.Add(protoMPLSEcho, "mpls_echo.sequence", "Sequence Number", field.Uint32)
	hfMPLSEchoTSSent       = Fields.Add(protoMPLSEcho, "mpls_echo.timestamp_sent", "Timestamp Sent", field.AbsTime, field.WithBase(field.TimeNTP))
	hfMPLSEchoTSRec        = Fields.Add(protoMPLSEcho, "mpls_echo.timestamp_rec", "Timestamp Received", field.AbsTime, field.WithBase(field.TimeNTP))
	hfMPLSEchoTLVType      = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.type", "Type", field.Uint16, field.WithStrings(mplsEchoTLVVals))
	hfMPLSEchoTLVLen       = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.len", "Length", field.Uint16)
	hfMPLSEchoTLVValue     = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.value", "Value", field.Bytes)
	hfMPLSEchoFECType      = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.fec.type", "Type", field.Uint16, field.WithStrings(mplsEchoFECVals))
	hfMPLSEchoFECLen       = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.fec.len", "Length", field.Uint16)
	hfMPLSEchoFECValue     = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.fec.value", "Value", field.Bytes)
	hfMPLSEchoLDPIPv4      = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.fec.ldp_ipv4", "IPv4 Prefix", field.IPv4)
	hfMPLSEchoLDPIPv4Mask  = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.fec.ldp_ipv4_mask", "Prefix Length", field.Uint8)
	hfMPLSEchoRSVPIPv4EP   = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.fec.rsvp_ipv4_ep", "IPv4 Tunnel endpoint address", field.IPv4)
	hfMPLSEchoRSVPMbz1     = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.fec.rsvp_ip_mbz1", "Must Be Zero", field.Uint16)
	hfMPLSEchoRSVPTunID    = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.fec.rsvp_ip_tun_id", "Tunnel ID", field.Uint16)
	hfMPLSEchoRSVPExtTunID = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.fec.rsvp_ipv4_ext_tun_id", "Extended Tunnel ID", field.Uint32, field.WithBase(field.Hex))
	hfMPLSEchoRSVPSender   = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.fec.rsvp_ipv4_sender", "IPv4 Tunnel sender address", field.IPv4)
	hfMPLSEchoRSVPMbz2     = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.fec.rsvp_ip_mbz2", "Must Be Zero", field.Uint16)
	hfMPLSEchoRSVPLSPID    = Fields.Add(protoMPLSEcho, "mpls_echo.tlv.fec.rsvp_ip_lsp_id", "LSP ID", field.Uint16)
	hfMPLSEchoPadding      = Fields.Add(protoMPLSEcho, "mpls_echo.padding", "Padding", field.Bytes)
	handleMPLSEcho         = &Handle{Name: "mpls-echo", Fn: dissectMPLSEcho}
	mplsEchoFlagBits       = []field.ID{hfMPLSEchoFlagSBZ, hfMPLSEchoFlagV, hfMPLSEchoFlagT, hfMPLSEchoFlagR}
)

func init() {
	RegisterShortName(protoMPLSEcho, "MPLS ECHO")
	UDPPort.Add(3503, handleMPLSEcho)
}

func dissectMPLSEcho(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("MPLS ECHO")
	typ := uint64(t.U8(4))
	name, ok := mplsEchoMsgVals[typ]
	if !ok {
		name = "Unknown Message Type (0x" + hex2(uint8(typ)) + ")"
	}
	c.SetInfo(name)
	p := c.AddProto(parent, protoMPLSEcho, t, 0, -1)
	c.AddUint(p, hfMPLSEchoVersion, t, 0, 2)
	fn, _ := c.AddUint(p, hfMPLSEchoFlags, t, 2, 2)
	for _, f := range mplsEchoFlagBits {
		c.AddUint(fn, f, t, 2, 2)
	}
	c.AddUint(p, hfMPLSEchoMsgType, t, 4, 1)
	c.AddUint(p, hfMPLSEchoReplyMode, t, 5, 1)
	c.AddUint(p, hfMPLSEchoReturnCode, t, 6, 1)
	c.AddUint(p, hfMPLSEchoReturnSub, t, 7, 1)
	c.AddUint(p, hfMPLSEchoHandle, t, 8, 4)
	c.AddUint(p, hfMPLSEchoSequence, t, 12, 4)
	for i, hf := range []field.ID{hfMPLSEchoTSSent, hfMPLSEchoTSRec} {
		o := 16 + 8*i
		secs, frac := t.U32(o), t.U32(o+4)
		if secs == 0 && frac == 0 { // tshark shows a zero timestamp as the Unix epoch, not as NULL
			n := c.Add(p, hf, t, o, 8, field.Value{I: 0})
			c.Label(n, "%s: Jan  1, 1970 00:00:00.000000000 UTC", Fields.Get(hf).Name)
			continue
		}
		c.Add(p, hf, t, o, 8, field.Value{I: NTPTime(secs, frac)})
	}
	for o := 32; o < t.Len(); {
		n := c.mplsEchoTLV(t, p, o)
		if n <= 0 {
			break
		}
		o += n
	}
}

// mplsEchoTLV shows the TLV at o and returns its length.
func (c *Ctx) mplsEchoTLV(t Tvb, tree int32, o int) int {
	typ := uint64(t.U16(o))
	l := int(t.U16(o + 2))
	name, ok := mplsEchoTLVVals[typ]
	if !ok {
		name = "Unknown TLV type"
	}
	tt := c.addTextItem(tree, t, o, l+4, name)
	c.AddUint(tt, hfMPLSEchoTLVType, t, o, 2)
	c.AddUint(tt, hfMPLSEchoTLVLen, t, o+2, 2)
	if typ == 1 { // Target FEC Stack
		for v, i := o+4, 1; v < o+4+l; i++ {
			ft := uint64(t.U16(v))
			fl := int(t.U16(v + 2))
			fname, ok := mplsEchoFECVals[ft]
			if !ok {
				fname = "Unknown FEC type"
			}
			et := c.addTextItem(tt, t, v, fl+4, "FEC Element "+itoa(uint64(i))+": "+fname)
			c.AddUint(et, hfMPLSEchoFECType, t, v, 2)
			c.AddUint(et, hfMPLSEchoFECLen, t, v+2, 2)
			b := v + 4
			switch {
			case ft == 1 && fl >= 5:
				c.AddBytes(et, hfMPLSEchoLDPIPv4, t, b, 4)
				c.AddUint(et, hfMPLSEchoLDPIPv4Mask, t, b+4, 1)
			case ft == 3 && fl >= 20:
				c.AddBytes(et, hfMPLSEchoRSVPIPv4EP, t, b, 4)
				c.AddUint(et, hfMPLSEchoRSVPMbz1, t, b+4, 2)
				c.AddUint(et, hfMPLSEchoRSVPTunID, t, b+6, 2)
				c.AddUint(et, hfMPLSEchoRSVPExtTunID, t, b+8, 4)
				c.AddBytes(et, hfMPLSEchoRSVPSender, t, b+12, 4)
				c.AddUint(et, hfMPLSEchoRSVPMbz2, t, b+16, 2)
				c.AddUint(et, hfMPLSEchoRSVPLSPID, t, b+18, 2)
			default:
				if fl > 0 {
					c.AddBytes(et, hfMPLSEchoFECValue, t, b, fl)
				}
			}
			// FEC elements are padded to four bytes
			pl := fl + (4-fl%4)%4
			if pl > fl {
				c.AddBytes(et, hfMPLSEchoPadding, t, b+fl, pl-fl)
			}
			v += 4 + pl
		}
	} else if l > 0 {
		c.AddBytes(tt, hfMPLSEchoTLVValue, t, o+4, l)
	}
	return l + 4
}

var mplsEchoMsgVals = map[uint64]string{1: "MPLS Echo Request", 2: "MPLS Echo Reply", 3: "MPLS Data Plane Verification Request", 4: "MPLS Data Plane Verification Reply"}

var mplsEchoReplyVals = map[uint64]string{1: "Do not reply", 2: "Reply via an IPv4/IPv6 UDP packet", 3: "Reply via an IPv4/IPv6 UDP packet with Router Alert", 4: "Reply via application level control channel"}

var mplsEchoRetVals = map[uint64]string{0: "No return code", 1: "Malformed echo request received", 2: "One or more of the TLVs was not understood", 3: "Replying router is an egress for the FEC at stack depth RSC", 4: "Replying router has no mapping for the FEC at stack depth RSC", 5: "Downstream Mapping Mismatch", 6: "Upstream Interface Index Unknown", 7: "Reserved", 8: "Label switched at stack-depth RSC", 9: "Label switched but no MPLS forwarding at stack-depth RSC", 10: "Mapping for this FEC is not the given label at stack depth RSC", 11: "No label entry at stack-depth RSC", 12: "Protocol not associated with interface at FEC stack depth RSC", 13: "Premature termination, label stack shrinking to a single label", 14: "See DDM TLV for meaning of Return Code and Return SubCode", 15: "Label switched with FEC change"}

var mplsEchoTLVVals = map[uint64]string{1: "Target FEC Stack", 2: "Downstream Mapping", 3: "Pad", 4: "Error Code", 5: "Vendor Enterprise Code", 6: "TDB", 7: "IPv4 Interface and Label Stack Object", 8: "IPv6 Interface and Label Stack Object", 9: "Errored TLVs", 10: "Reply TOS Byte", 11: "P2MP Responder Identifier", 12: "P2MP Echo Jitter", 13: "Source Identifier TLV", 14: "Destination Identifier TLV", 15: "BFD Discriminator TLV", 16: "Reverse-path Target FEC Stack", 20: "Detailed Downstream Mapping", 64512: "Vendor Private"}

var mplsEchoFECVals = map[uint64]string{1: "LDP IPv4 prefix", 2: "LDP IPv6 prefix", 3: "RSVP IPv4 Session Query", 4: "RSVP IPv6 Session Query", 5: "Reserved", 6: "VPN IPv4 prefix", 7: "VPN IPv6 prefix", 8: "L2 VPN endpoint", 9: "FEC 128 Pseudowire - IPv4 (Deprecated)", 10: "FEC 128 Pseudowire - IPv4", 11: "FEC 129 Pseudowire - IPv4", 12: "BGP labeled IPv4 prefix", 13: "BGP labeled IPv6 prefix", 14: "Generic IPv4 prefix", 15: "Generic IPv6 prefix", 16: "Nil FEC", 17: "RSVP P2MP IPv4 Session Query", 18: "RSVP P2MP IPv6 Session Query", 22: "Static LSP", 23: "Static Pseudowire", 24: "FEC 128 Pseudowire - IPv6", 25: "FEC 129 Pseudowire - IPv6", 34: "IPv4 IGP-Prefix Segment ID", 35: "IPv6 IGP-Prefix Segment ID", 36: "IGP-Adjacency Segment ID", 64512: "Vendor Private"}
