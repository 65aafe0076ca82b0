package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// The Internet Security Association and Key Management Protocol, IKEv1 and IKEv2, on UDP port 500
// and after the non-ESP marker on port 4500 (Wireshark's packet-isakmp.c): the header with its
// version-specific flags, the exchange in the Info column, and the chain of payloads by type and
// length. Payload bodies are not decoded yet; encrypted IKEv1 messages show their encrypted data.

var (
	protoISAKMP             = Fields.Protocol("isakmp", "Internet Security Association and Key Management Protocol")
	hfISAKMPIspi            = Fields.Add(protoISAKMP, "isakmp.ispi", "Initiator SPI", field.Bytes, field.WithBlurb("ISAKMP Initiator SPI"))
	hfISAKMPRspi            = Fields.Add(protoISAKMP, "isakmp.rspi", "Responder SPI", field.Bytes, field.WithBlurb("ISAKMP Responder SPI"))
	hfISAKMPTypepayload     = Fields.Add(protoISAKMP, "isakmp.typepayload", "Payload", field.Uint8, field.WithRanges([]field.Range{{Lo: 0, Hi: 0, Name: "NONE / No Next Payload "}, {Lo: 1, Hi: 1, Name: "Security Association"}, {Lo: 2, Hi: 2, Name: "Proposal"}, {Lo: 3, Hi: 3, Name: "Transform"}, {Lo: 4, Hi: 4, Name: "Key Exchange"}, {Lo: 5, Hi: 5, Name: "Identification"}, {Lo: 6, Hi: 6, Name: "Certificate"}, {Lo: 7, Hi: 7, Name: "Certificate Request"}, {Lo: 8, Hi: 8, Name: "Hash"}, {Lo: 9, Hi: 9, Name: "Signature"}, {Lo: 10, Hi: 10, Name: "Nonce"}, {Lo: 11, Hi: 11, Name: "Notification"}, {Lo: 12, Hi: 12, Name: "Delete"}, {Lo: 13, Hi: 13, Name: "Vendor ID"}, {Lo: 14, Hi: 14, Name: "Attributes"}, {Lo: 15, Hi: 15, Name: "SA KEK Payload"}, {Lo: 16, Hi: 16, Name: "SA TEK Payload"}, {Lo: 17, Hi: 17, Name: "Key Download"}, {Lo: 18, Hi: 18, Name: "Sequence Number"}, {Lo: 19, Hi: 19, Name: "Proof of Possession"}, {Lo: 20, Hi: 20, Name: "NAT-D (RFC 3947)"}, {Lo: 21, Hi: 21, Name: "NAT-OA (RFC 3947)"}, {Lo: 22, Hi: 22, Name: "Group Associated Policy"}, {Lo: 33, Hi: 33, Name: "Security Association"}, {Lo: 34, Hi: 34, Name: "Key Exchange"}, {Lo: 35, Hi: 35, Name: "Identification - Initiator"}, {Lo: 36, Hi: 36, Name: "Identification - Responder"}, {Lo: 37, Hi: 37, Name: "Certificate"}, {Lo: 38, Hi: 38, Name: "Certificate Request"}, {Lo: 39, Hi: 39, Name: "Authentication"}, {Lo: 40, Hi: 40, Name: "Nonce"}, {Lo: 41, Hi: 41, Name: "Notify"}, {Lo: 42, Hi: 42, Name: "Delete"}, {Lo: 43, Hi: 43, Name: "Vendor ID"}, {Lo: 44, Hi: 44, Name: "Traffic Selector - Initiator"}, {Lo: 45, Hi: 45, Name: "Traffic Selector - Responder"}, {Lo: 46, Hi: 46, Name: "Encrypted and Authenticated"}, {Lo: 47, Hi: 47, Name: "Configuration"}, {Lo: 48, Hi: 48, Name: "Extensible Authentication"}, {Lo: 49, Hi: 49, Name: "Generic Secure Password Method"}, {Lo: 50, Hi: 50, Name: "Group Identification"}, {Lo: 51, Hi: 51, Name: "Group Security Association"}, {Lo: 52, Hi: 52, Name: "Key Download"}, {Lo: 53, Hi: 53, Name: "Encrypted and Authenticated Fragment"}, {Lo: 54, Hi: 127, Name: "Unassigned"}, {Lo: 128, Hi: 129, Name: "Private Use"}, {Lo: 130, Hi: 130, Name: "NAT-D (draft-ietf-ipsec-nat-t-ike-01 to 03)"}, {Lo: 131, Hi: 131, Name: "NAT-OA (draft-ietf-ipsec-nat-t-ike-01 to 03)"}, {Lo: 132, Hi: 132, Name: "Cisco-Fragmentation"}, {Lo: 133, Hi: 256, Name: "Private Use"}}), field.WithBlurb("ISAKMP Payload Type"))
	hfISAKMPNextpayload     = Fields.Add(protoISAKMP, "isakmp.nextpayload", "Next payload", field.Uint8, field.WithRanges([]field.Range{{Lo: 0, Hi: 0, Name: "NONE / No Next Payload "}, {Lo: 1, Hi: 1, Name: "Security Association"}, {Lo: 2, Hi: 2, Name: "Proposal"}, {Lo: 3, Hi: 3, Name: "Transform"}, {Lo: 4, Hi: 4, Name: "Key Exchange"}, {Lo: 5, Hi: 5, Name: "Identification"}, {Lo: 6, Hi: 6, Name: "Certificate"}, {Lo: 7, Hi: 7, Name: "Certificate Request"}, {Lo: 8, Hi: 8, Name: "Hash"}, {Lo: 9, Hi: 9, Name: "Signature"}, {Lo: 10, Hi: 10, Name: "Nonce"}, {Lo: 11, Hi: 11, Name: "Notification"}, {Lo: 12, Hi: 12, Name: "Delete"}, {Lo: 13, Hi: 13, Name: "Vendor ID"}, {Lo: 14, Hi: 14, Name: "Attributes"}, {Lo: 15, Hi: 15, Name: "SA KEK Payload"}, {Lo: 16, Hi: 16, Name: "SA TEK Payload"}, {Lo: 17, Hi: 17, Name: "Key Download"}, {Lo: 18, Hi: 18, Name: "Sequence Number"}, {Lo: 19, Hi: 19, Name: "Proof of Possession"}, {Lo: 20, Hi: 20, Name: "NAT-D (RFC 3947)"}, {Lo: 21, Hi: 21, Name: "NAT-OA (RFC 3947)"}, {Lo: 22, Hi: 22, Name: "Group Associated Policy"}, {Lo: 33, Hi: 33, Name: "Security Association"}, {Lo: 34, Hi: 34, Name: "Key Exchange"}, {Lo: 35, Hi: 35, Name: "Identification - Initiator"}, {Lo: 36, Hi: 36, Name: "Identification - Responder"}, {Lo: 37, Hi: 37, Name: "Certificate"}, {Lo: 38, Hi: 38, Name: "Certificate Request"}, {Lo: 39, Hi: 39, Name: "Authentication"}, {Lo: 40, Hi: 40, Name: "Nonce"}, {Lo: 41, Hi: 41, Name: "Notify"}, {Lo: 42, Hi: 42, Name: "Delete"}, {Lo: 43, Hi: 43, Name: "Vendor ID"}, {Lo: 44, Hi: 44, Name: "Traffic Selector - Initiator"}, {Lo: 45, Hi: 45, Name: "Traffic Selector - Responder"}, {Lo: 46, Hi: 46, Name: "Encrypted and Authenticated"}, {Lo: 47, Hi: 47, Name: "Configuration"}, {Lo: 48, Hi: 48, Name: "Extensible Authentication"}, {Lo: 49, Hi: 49, Name: "Generic Secure Password Method"}, {Lo: 50, Hi: 50, Name: "Group Identification"}, {Lo: 51, Hi: 51, Name: "Group Security Association"}, {Lo: 52, Hi: 52, Name: "Key Download"}, {Lo: 53, Hi: 53, Name: "Encrypted and Authenticated Fragment"}, {Lo: 54, Hi: 127, Name: "Unassigned"}, {Lo: 128, Hi: 129, Name: "Private Use"}, {Lo: 130, Hi: 130, Name: "NAT-D (draft-ietf-ipsec-nat-t-ike-01 to 03)"}, {Lo: 131, Hi: 131, Name: "NAT-OA (draft-ietf-ipsec-nat-t-ike-01 to 03)"}, {Lo: 132, Hi: 132, Name: "Cisco-Fragmentation"}, {Lo: 133, Hi: 256, Name: "Private Use"}}), field.WithBlurb("ISAKMP Next Payload"))
	hfISAKMPCriticalpayload = Fields.Add(protoISAKMP, "isakmp.criticalpayload", "Critical Bit", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Critical", "Not critical"), field.WithBlurb("IKEv2 Critical Payload"))
	hfISAKMPReserved7       = Fields.Add(protoISAKMP, "isakmp.reserved7", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x7f))
	hfISAKMPReserved        = Fields.Add(protoISAKMP, "isakmp.reserved", "Reserved", field.Bytes)
	hfISAKMPVersion         = Fields.Add(protoISAKMP, "isakmp.version", "Version", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("ISAKMP Version (major + minor)"))
	hfISAKMPMjver           = Fields.Add(protoISAKMP, "isakmp.mjver", "MjVer", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf0), field.WithBlurb("ISAKMP MjVer"))
	hfISAKMPMnver           = Fields.Add(protoISAKMP, "isakmp.mnver", "MnVer", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf), field.WithBlurb("ISAKMP MnVer"))
	hfISAKMPExchangetype    = Fields.Add(protoISAKMP, "isakmp.exchangetype", "Exchange type", field.Uint8, field.WithStrings(map[uint64]string{0: "NONE", 1: "Base", 2: "Identity Protection (Main Mode)", 3: "Authentication Only", 4: "Aggressive", 5: "Informational", 6: "Transaction (Config Mode)", 32: "Quick Mode", 33: "New Group Mode", 34: "IKE_SA_INIT", 35: "IKE_AUTH", 36: "CREATE_CHILD_SA", 37: "INFORMATIONAL", 38: "IKE_SESSION_RESUME"}), field.WithBlurb("ISAKMP Exchange Type"))
	hfISAKMPFlags           = Fields.Add(protoISAKMP, "isakmp.flags", "Flags", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("ISAKMP Flags"))
	hfISAKMPFlagE           = Fields.Add(protoISAKMP, "isakmp.flag_e", "Encryption", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Encrypted", "Not encrypted"), field.WithBlurb("Encryption Bit"))
	hfISAKMPFlagC           = Fields.Add(protoISAKMP, "isakmp.flag_c", "Commit", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Commit", "No commit"), field.WithBlurb("Commit Bit"))
	hfISAKMPFlagA           = Fields.Add(protoISAKMP, "isakmp.flag_a", "Authentication", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Authentication", "No authentication"), field.WithBlurb("Authentication Bit"))
	hfISAKMPFlagI           = Fields.Add(protoISAKMP, "isakmp.flag_i", "Initiator", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("Initiator", "Responder"), field.WithBlurb("Initiator Bit"))
	hfISAKMPFlagV           = Fields.Add(protoISAKMP, "isakmp.flag_v", "Version", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("A higher version enabled", "No higher version"), field.WithBlurb("Version Bit"))
	hfISAKMPFlagR           = Fields.Add(protoISAKMP, "isakmp.flag_r", "Response", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Response", "Request"), field.WithBlurb("Response Bit"))
	hfISAKMPMessageid       = Fields.Add(protoISAKMP, "isakmp.messageid", "Message ID", field.Uint32, field.WithBase(field.Hex), field.WithBlurb("ISAKMP Message ID"))
	hfISAKMPLength          = Fields.Add(protoISAKMP, "isakmp.length", "Length", field.Uint32, field.WithBlurb("ISAKMP Length"))
	hfISAKMPPayloadlength   = Fields.Add(protoISAKMP, "isakmp.payloadlength", "Payload length", field.Uint16, field.WithBlurb("ISAKMP Payload Length"))
	handleISAKMP            = &Handle{Name: "isakmp", Fn: dissectISAKMP}
)

var (
	isakmpV1Flags = []field.ID{hfISAKMPFlagE, hfISAKMPFlagC, hfISAKMPFlagA}
	isakmpV2Flags = []field.ID{hfISAKMPFlagI, hfISAKMPFlagV, hfISAKMPFlagR}
)

func init() {
	RegisterShortName(protoISAKMP, "ISAKMP")
	UDPPort.Add(500, handleISAKMP)
}

func dissectISAKMP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("ISAKMP")
	c.ClearInfo()
	ver := t.U8(17)
	major := ver >> 4
	ex := uint64(t.U8(18))
	flags := t.U8(19)
	if c.Cols.On {
		c.SetInfo(valueNameOr(hfISAKMPExchangetype, ex, "Unknown"))
		if major == 2 {
			c.AppendInfo(" MID=")
			mid := t.U32(20)
			if mid < 10 {
				c.AppendInfo("0")
			}
			c.AppendInfoUint(uint64(mid))
			c.AppendInfo(map[bool]string{true: " Initiator", false: " Responder"}[flags&0x08 != 0])
			c.AppendInfo(map[bool]string{true: " Response", false: " Request"}[flags&0x20 != 0])
		}
	}
	p := c.AddProto(parent, protoISAKMP, t, 0, -1)
	c.AddBytes(p, hfISAKMPIspi, t, 0, 8)
	c.AddBytes(p, hfISAKMPRspi, t, 8, 8)
	_, next := c.AddUint(p, hfISAKMPNextpayload, t, 16, 1)
	vn := c.AddUintV(p, hfISAKMPVersion, t, 17, 1, uint64(ver))
	c.Label(vn, "Version: %d.%d", major, ver&0x0f)
	c.AddUint(vn, hfISAKMPMjver, t, 17, 1)
	c.AddUint(vn, hfISAKMPMnver, t, 17, 1)
	c.AddUint(p, hfISAKMPExchangetype, t, 18, 1)
	bits := isakmpV1Flags
	if major == 2 {
		bits = isakmpV2Flags
	}
	fn, _ := c.AddUint(p, hfISAKMPFlags, t, 19, 1)
	for _, b := range bits {
		c.AddUint(fn, b, t, 19, 1)
	}
	if c.Visible() && major == 2 { // IKEv2 names every flag's state
		s := "Flags: 0x" + hex2(uint64(flags)) + " ("
		for i, b := range bits {
			f := Fields.Get(b)
			if i > 0 {
				s += ", "
			}
			s += f.BoolName(uint64(flags)&f.Mask != 0)
		}
		c.T.SetLabel(fn, s+")")
	}
	c.AddUint(p, hfISAKMPMessageid, t, 20, 4)
	_, l := c.AddUint(p, hfISAKMPLength, t, 24, 4)
	end := min(int(l), t.Len()+c.unreported(t))
	o := 28
	if major == 1 && flags&1 != 0 { // IKEv1 encrypts everything after the header
		if n := end - o; n > 0 {
			c.needReported(t, o, n)
			c.AddText(p, t, o, n, "Encrypted Data ("+itoa(uint64(n))+" bytes)")
		}
		return
	}
	for next != 0 && o < end {
		pl := int(t.U16(o + 2))
		pn := c.addSubtree(p, t, o, pl, "Payload: "+valueNameOr(hfISAKMPTypepayload, next, "Unknown")+" ("+itoa(next)+")")
		_, nn := c.AddUint(pn, hfISAKMPNextpayload, t, o, 1)
		if major == 2 {
			c.AddUint(pn, hfISAKMPCriticalpayload, t, o+1, 1)
			c.AddUint(pn, hfISAKMPReserved7, t, o+1, 1)
		} else {
			c.AddBytes(pn, hfISAKMPReserved, t, o+1, 1)
		}
		c.AddUint(pn, hfISAKMPPayloadlength, t, o+2, 2)
		if pl < 4 {
			break
		}
		if next == 46 { // IKEv2 Encrypted and Authenticated: the rest is the encrypted payload
			break
		}
		next = nn
		o += pl
	}
}
