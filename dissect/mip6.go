package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Mobile IPv6 Mobility Header (RFC 6275 with NEMO, PMIPv6 and FMIPv6 flags), IPv6 next header 135
// (Wireshark's packet-mip6.c). The messages of RFC 6275 (Binding Refresh Request to Binding Error)
// and its mobility options are dissected; other message types show their data undissected.

var (
	protoMIP6           = Fields.Protocol("mipv6", "Mobile IPv6")
	hfMIP6Proto         = Fields.Add(protoMIP6, "mip6.proto", "Payload protocol", field.Uint8)
	hfMIP6Hlen          = Fields.Add(protoMIP6, "mip6.hlen", "Header length", field.Uint8)
	hfMIP6Mhtype        = Fields.Add(protoMIP6, "mip6.mhtype", "Mobility Header Type", field.Uint8, field.WithStrings(mip6TypeVals))
	hfMIP6Reserved      = Fields.Add(protoMIP6, "mip6.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex))
	hfMIP6Csum          = Fields.Add(protoMIP6, "mip6.csum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfMIP6BRR           = Fields.Add(protoMIP6, "mip6.binding_refresh_request", "Binding Refresh Request", field.Bytes)
	hfMIP6HotiCookie    = Fields.Add(protoMIP6, "mip6.hoti.cookie", "Home Init Cookie", field.Uint64, field.WithBase(field.Hex))
	hfMIP6CotiCookie    = Fields.Add(protoMIP6, "mip6.coti.cookie", "Care-of Init Cookie", field.Uint64, field.WithBase(field.Hex))
	hfMIP6HotNindex     = Fields.Add(protoMIP6, "mip6.hot.nindex", "Home Nonce Index", field.Uint16)
	hfMIP6HotCookie     = Fields.Add(protoMIP6, "mip6.hot.cookie", "Home Init Cookie", field.Uint64, field.WithBase(field.Hex))
	hfMIP6HotToken      = Fields.Add(protoMIP6, "mip6.hot.token", "Home Keygen Token", field.Uint64, field.WithBase(field.Hex))
	hfMIP6CotNindex     = Fields.Add(protoMIP6, "mip6.cot.nindex", "Care-of Nonce Index", field.Uint16)
	hfMIP6CotCookie     = Fields.Add(protoMIP6, "mip6.cot.cookie", "Care-of Init Cookie", field.Uint64, field.WithBase(field.Hex))
	hfMIP6BuSeqnr       = Fields.Add(protoMIP6, "mip6.bu.seqnr", "Sequence number", field.Uint16)
	hfMIP6BuLifetime    = Fields.Add(protoMIP6, "mip6.bu.lifetime", "Lifetime", field.Uint16)
	hfMIP6BaStatus      = Fields.Add(protoMIP6, "mip6.ba.status", "Status", field.Uint8, field.WithStrings(mip6BAStatusVals))
	hfMIP6BaSeqnr       = Fields.Add(protoMIP6, "mip6.ba.seqnr", "Sequence number", field.Uint16)
	hfMIP6BaLifetime    = Fields.Add(protoMIP6, "mip6.ba.lifetime", "Lifetime", field.Uint16)
	hfMIP6BeStatus      = Fields.Add(protoMIP6, "mip6.be.status", "Status", field.Uint8, field.WithStrings(mip6BEStatusVals))
	hfMIP6BeHaddr       = Fields.Add(protoMIP6, "mip6.be.haddr", "Home Address", field.IPv6)
	hfMIP6UnknownData   = Fields.Add(protoMIP6, "mip6.unknown_type_data", "Message Data", field.Bytes)
	hfMIP6OptLen        = Fields.Add(protoMIP6, "mip6.mobility_opt.len", "Length", field.Uint8)
	hfMIP6Padn          = Fields.Add(protoMIP6, "mip6.padn", "PadN", field.Bytes)
	hfMIP6BraInterval   = Fields.Add(protoMIP6, "mip6.bra.interval", "Refresh interval", field.Uint16)
	hfMIP6Acoa          = Fields.Add(protoMIP6, "mip6.acoa.acoa", "Alternate care-of address", field.IPv6)
	hfMIP6NiHni         = Fields.Add(protoMIP6, "mip6.ni.hni", "Home nonce index", field.Uint16)
	hfMIP6NiCni         = Fields.Add(protoMIP6, "mip6.ni.cni", "Care-of nonce index", field.Uint16)
	hfMIP6BadAuth       = Fields.Add(protoMIP6, "mip6.bad.auth", "Authenticator", field.Bytes)
	eiMIP6OptLenInvalid = RegisterExpert(protoMIP6, "mip6.opt.len.invalid", "Invalid length for option", GroupMalformed, SevWarn)
	eiMIP6IENotDissect  = RegisterExpert(protoMIP6, "mip6.ie_not_dissected", "IE data not dissected yet", GroupProtocol, SevNote)
	handleMIP6          = &Handle{Name: "mipv6", Fn: dissectMIP6}

	mip6BuFlags = []field.ID{
		mip6Flag("mip6.bu.a_flag", "Acknowledge (A) flag", 16, 0x8000, "Binding Acknowledgement requested", "Binding Acknowledgement not requested"),
		mip6Flag("mip6.bu.h_flag", "Home Registration (H) flag", 16, 0x4000, "Home Registration", "No Home Registration"),
		mip6Flag("mip6.bu.l_flag", "Link-Local Compatibility (L) flag", 16, 0x2000, "Link-Local Address Compatibility", "No Link-Local Address Compatibility"),
		mip6Flag("mip6.bu.k_flag", "Key Management Compatibility (K) flag", 16, 0x1000, "Key Management Mobility Compatibility", "No Key Management Mobility Compatibility"),
		mip6Flag("mip6.bu.m_flag", "MAP Registration Compatibility (M) flag", 16, 0x0800, "MAP Registration Compatibility", "No MAP Registration Compatibility"),
		mip6Flag("mip6.nemo.bu.r_flag", "Mobile Router (R) flag", 16, 0x0400, "Mobile Router Compatibility", "No Mobile Router Compatibility"),
		mip6Flag("mip6.bu.p_flag", "Proxy Registration (P) flag", 16, 0x0200, "Proxy Registration", "No Proxy Registration"),
		mip6Flag("mip6.bu.f_flag", "Forcing UDP encapsulation (F) flag", 16, 0x0100, "Forcing UDP encapsulation used", "No Forcing UDP encapsulation"),
		mip6Flag("mip6.bu.t_flag", "TLV-header format (T) flag", 16, 0x0080, "TLV-header format used", "No TLV-header format"),
		mip6Flag("mip6.bu.b_flag", "Bulk-Binding-Update flag (B)", 16, 0x0040, "Enable bulk binding update support", "Disable bulk binding update support"),
	}
	mip6BaFlags = []field.ID{
		mip6Flag("mip6.ba.k_flag", "Key Management Compatibility (K) flag", 8, 0x80, "Key Management Mobility Compatibility", "No Key Management Mobility Compatibility"),
		mip6Flag("mip6.nemo.ba.r_flag", "Mobile Router (R) flag", 8, 0x40, "Mobile Router Compatibility", "No Mobile Router Compatibility"),
		mip6Flag("mip6.ba.p_flag", "Proxy Registration (P) flag", 8, 0x20, "Proxy Registration", "No Proxy Registration"),
		mip6Flag("mip6.ba.t_flag", "TLV-header format (T) flag", 8, 0x10, "TLV-header format used", "No TLV-header format"),
		mip6Flag("mip6.ba.b_flag", "Bulk-Binding-Update flag (B)", 8, 0x08, "Enabled bulk binding update support", "Disabled bulk binding update support"),
	}
)

func mip6Flag(abbrev, name string, bits int, mask uint64, t, f string) field.ID {
	return Fields.Add(protoMIP6, abbrev, name, field.Bool, field.WithBase(field.Base(bits)), field.WithMask(mask), field.WithTrueFalse(t, f))
}

func init() {
	RegisterShortName(protoMIP6, "MIPv6")
	IPProto.Add(135, handleMIP6)
	IPProto.Add(62, handleMIP6) // the number Mobile IPv6 drafts used
}

func dissectMIP6(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("MIPv6")
	c.ClearInfo()
	hl := int(t.U8(1))
	l := (hl + 1) * 8
	typ := uint64(t.U8(2))
	p := c.AddProto(parent, protoMIP6, t, 0, l)
	pn, pp := c.AddUint(p, hfMIP6Proto, t, 0, 1)
	c.Label(pn, "Payload protocol: %s (%d)", IPProtoName(pp), pp)
	hn := c.AddUintV(p, hfMIP6Hlen, t, 1, 1, uint64(hl))
	c.Label(hn, "Header length: %d (%d bytes)", hl, l)
	c.AddUint(p, hfMIP6Mhtype, t, 2, 1)
	c.AddUint(p, hfMIP6Reserved, t, 3, 1)
	c.AddUint(p, hfMIP6Csum, t, 4, 2)
	name, ok := mip6TypeVals[typ]
	if !ok {
		name = "Unknown MH Type (" + itoa(typ) + ")"
	}
	c.SetInfo(name)
	var o int
	switch typ {
	case 0:
		c.AddBytes(p, hfMIP6BRR, t, 6, 2)
		o = 8
	case 1, 2:
		st := c.addTextItem(p, t, 6, 10, name)
		hf := hfMIP6HotiCookie
		if typ == 2 {
			hf = hfMIP6CotiCookie
		}
		c.AddUint(st, hf, t, 8, 8)
		o = 16
	case 3, 4:
		st := c.addTextItem(p, t, 6, 18, name)
		if typ == 3 {
			c.AddUint(st, hfMIP6HotNindex, t, 6, 2)
			c.AddUint(st, hfMIP6HotCookie, t, 8, 8)
		} else {
			c.AddUint(st, hfMIP6CotNindex, t, 6, 2)
			c.AddUint(st, hfMIP6CotCookie, t, 8, 8)
		}
		c.AddUint(st, hfMIP6HotToken, t, 16, 8)
		o = 24
	case 5:
		st := c.addTextItem(p, t, 6, 6, name)
		c.AddUint(st, hfMIP6BuSeqnr, t, 6, 2)
		for _, f := range mip6BuFlags {
			c.AddUint(st, f, t, 8, 2)
		}
		n, lt := c.AddUint(st, hfMIP6BuLifetime, t, 10, 2)
		c.Label(n, "Lifetime: %d (%d seconds)", lt, lt*4)
		o = 12
	case 6:
		st := c.addTextItem(p, t, 6, 6, name)
		c.AddUint(st, hfMIP6BaStatus, t, 6, 1)
		for _, f := range mip6BaFlags {
			c.AddUint(st, f, t, 7, 1)
		}
		c.AddUint(st, hfMIP6BaSeqnr, t, 8, 2)
		n, lt := c.AddUint(st, hfMIP6BaLifetime, t, 10, 2)
		c.Label(n, "Lifetime: %d (%d seconds)", lt, lt*4)
		o = 12
	case 7:
		st := c.addTextItem(p, t, 6, 18, name)
		c.AddUint(st, hfMIP6BeStatus, t, 6, 1)
		c.AddBytes(st, hfMIP6BeHaddr, t, 8, 16)
		o = 24
	default:
		c.AddBytes(p, hfMIP6UnknownData, t, 6, l-6)
		o = l
	}
	if o < l {
		c.mip6Options(t, p, o, l-o)
	}
}

// mip6Options shows the mobility options in t[o:o+n].
func (c *Ctx) mip6Options(t Tvb, p int32, o, n int) {
	ot := c.addTextItem(p, t, o, n, "Mobility Options")
	for n > 0 {
		typ := uint64(t.U8(o))
		name, ok := mip6OptVals[typ]
		if !ok {
			name = "Unknown (0x" + hex2(uint8(typ)) + ")"
		}
		n--
		if typ == 0 { // Pad1
			c.addTextItem(ot, t, o, 1, "MIPv6 Option - "+name)
			o++
			continue
		}
		if n == 0 {
			c.addTextItem(ot, t, o, 1, name+" (length byte past end of options)")
			return
		}
		l := int(t.U8(o + 1))
		n--
		if l > n {
			c.addTextItem(ot, t, o, n, name+" (option length = "+itoa(uint64(l))+" byte"+plural(l)+" says option goes past end of options)")
			return
		}
		if min, fixed := mip6OptLen(typ); min >= 0 && ((fixed && l != min) || (!fixed && l < min)) {
			it := c.addTextItem(ot, t, o, l+2, "MIPv6 Option - "+name)
			c.Expert(it, eiMIP6OptLenInvalid, t, o, l+2, "")
			o += l + 2
			n -= l
			continue
		}
		it := c.addTextItem(ot, t, o, l+2, "MIPv6 Option - "+name)
		c.AddUint(it, hfMIP6OptLen, t, o+1, 1)
		v := o + 2
		switch typ {
		case 1:
			if l > 0 {
				c.AddBytes(it, hfMIP6Padn, t, v, l)
			}
		case 2:
			bn, iv := c.AddUint(it, hfMIP6BraInterval, t, v, 2)
			c.Label(bn, "Refresh interval: %d (%d seconds)", iv, iv*4)
		case 3:
			c.AddBytes(it, hfMIP6Acoa, t, v, 16)
		case 4:
			c.AddUint(it, hfMIP6NiHni, t, v, 2)
			c.AddUint(it, hfMIP6NiCni, t, v+2, 2)
		case 5:
			c.AddBytes(it, hfMIP6BadAuth, t, v, l)
		default:
			if l > 0 {
				e := c.addTextItem(it, t, v, l, "IE data not dissected yet")
				c.generated(e)
				c.Expert(e, eiMIP6IENotDissect, t, v, l, "")
			}
		}
		o += l + 2
		n -= l
	}
}

// mip6OptLen is the length an option's body must have (fixed) or at least have; -1 when any.
func mip6OptLen(typ uint64) (int, bool) {
	switch typ {
	case 2:
		return 2, true
	case 3:
		return 16, true
	case 4:
		return 4, true
	}
	return -1, false
}

var mip6TypeVals = map[uint64]string{0: "Binding Refresh Request", 1: "Home Test Init", 2: "Care-of Test Init", 3: "Home Test", 4: "Care-of Test", 5: "Binding Update", 6: "Binding Acknowledgement", 7: "Binding Error", 8: "Fast Binding Update", 9: "Fast Binding Acknowledgment", 10: "Fast Neighbor Advertisement", 11: "Experimental Mobility Header", 12: "Home Agent Switch", 13: "Heartbeat", 14: "Handover Initiate", 15: "Handover Acknowledge", 16: "Binding Revocation", 17: "Localized Routing Initiation", 18: "Localized Routing Acknowledgment"}

var mip6BAStatusVals = map[uint64]string{0: "Binding Update accepted", 1: "Accepted but prefix discovery necessary", 2: "GRE_KEY_OPTION_NOT_REQUIRED", 3: "GRE_TUNNELING_BUT_TLV_HEADER_NOT_SUPPORTED", 4: "MCOA NOTCOMPLETE", 5: "MCOA RETURNHOME WO/NDP", 6: "PBU_ACCEPTED_TB_IGNORED_SETTINGSMISMATCH", 128: "Reason unspecified", 129: "Administratively prohibited", 130: "Insufficient resources", 131: "Home registration not supported", 132: "Not home subnet", 133: "Not home agent for this mobile node", 134: "Duplicate Address Detection failed", 135: "Sequence number out of window", 136: "Expired home nonce index", 137: "Expired care-of nonce index", 138: "Expired nonces", 139: "Registration type change disallowed", 140: "Mobile Router Operation not permitted", 141: "Invalid Prefix", 142: "Not Authorized for Prefix", 143: "Mobile Network Prefix information unavailable", 145: "Proxy Registration not supported by the LMA", 146: "Proxy Registrations from this MAG not allowed", 147: "No home address for this NAI", 148: "Invalid Time Stamp Option", 149: "Permanent home keygen token exists", 150: "Non-null home nonce index expected", 151: "SERVICE_AUTHORIZATION_FAILED", 152: "PROXY_REG_NOT_ENABLED", 153: "NOT_LMA_FOR_THIS_MOBILE_NODE", 154: "MAG_NOT_AUTHORIZED_FOR_PROXY_REG", 155: "NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX", 156: "TIMESTAMP_MISMATCH", 157: "TIMESTAMP_LOWER_THAN_PREV_ACCEPTED", 158: "MISSING_HOME_NETWORK_PREFIX_OPTION", 159: "BCE_PBU_PREFIX_SET_DO_NOT_MATCH", 160: "MISSING_MN_IDENTIFIER_OPTION", 161: "MISSING_HANDOFF_INDICATOR_OPTION", 162: "MISSING_ACCESS_TECH_TYPE_OPTION", 163: "GRE_KEY_OPTION_REQUIRED", 164: "MCOA MALFORMED", 165: "MCOA NON-MCOA BINDING EXISTS", 166: "MCOA PROHIBITED", 167: "MCOA UNKNOWN COA", 168: "MCOA BULK REGISTRATION PROHIBITED", 169: "MCOA SIMULTANEOUS HOME AND FOREIGN PROHIBITED", 170: "NOT_AUTHORIZED_FOR_IPV4_MOBILITY_SERVICE", 171: "NOT_AUTHORIZED_FOR_IPV4_HOME_ADDRESS", 172: "NOT_AUTHORIZED_FOR_IPV6_MOBILITY_SERVICE", 173: "MULTIPLE_IPV4_HOME_ADDRESS_ASSIGNMENT_NOT_SUPPORTED", 174: "Invalid Care-of Address", 175: "INVALID_MOBILE_NODE_GROUP_IDENTIFIER", 176: "REINIT_SA_WITH_HAC", 177: "NOT_AUTHORIZED_FOR_DELEGATED_MNP", 178: "REQUESTED_DMNP_IN_USE"}

var mip6BEStatusVals = map[uint64]string{1: "Unknown binding for Home Address destination option", 2: "Unrecognized MH type value"}

var mip6OptVals = map[uint64]string{0: "Pad1", 1: "PadN", 2: "Binding Refresh Advice", 3: "Alternate Care-of Address", 4: "Nonce Indices", 5: "Authorization Data", 6: "Mobile Network Prefix", 7: "Mobility Header Link-Layer Address", 8: "Mobile Node Identifier", 9: "AUTH", 10: "MESG-ID", 11: "CGA Parameters Request", 12: "CGA Parameters", 13: "Signature", 14: "Permanent Home Keygen Token", 15: "Care-of Test Init", 16: "Care-of Test", 17: "DNS-UPDATE-TYPE", 18: "Experimental", 19: "Vendor Specific", 20: "Service Selection", 21: "Binding Authorization Data for FMIPv6 (BADF)", 22: "Home Network Prefix", 23: "Handoff Indicator", 24: "Access Technology Type", 25: "Mobile Node Link-layer Identifier", 26: "Link-local Address", 27: "Timestamp", 28: "Restart Counter", 29: "IPv4 Home Address", 30: "IPv4 Address Acknowledgement", 31: "NAT Detection", 32: "IPv4 Care-of Address", 33: "GRE Key", 34: "Mobility Header IPv6 Address/Prefix", 35: "Binding Identifier", 36: "IPv4 Home Address Request", 37: "IPv4 Home Address Reply", 38: "IPv4 Default-Router Address", 39: "IPv4 DHCP Support Mode", 40: "Context Request", 41: "Local Mobility Anchor Address", 42: "Mobile Node Link-local Address Interface Identifier", 43: "Transient Binding", 44: "Flow Summary", 45: "Flow Identification", 46: "Redirect-Capability", 47: "Redirect", 48: "Load Information", 49: "Alternate IPv4 Care-of Address", 50: "Mobile Node Group Identifier", 51: "MAG IPv6 Address", 52: "Access Network Identifier", 55: "Delegated Mobile Network Prefix"}
