package dissect

import (
	"bytes"

	"github.com/tshark-tui/tshark-tui/field"
)

// The Border Gateway Protocol version 4 over TCP port 179 (RFC 4271; Wireshark's packet-bgp.c),
// its messages reassembled across segments by their length: the header, OPEN with its optional
// parameters, UPDATE with withdrawn routes, the common path attributes and the IPv4 NLRI,
// NOTIFICATION with its error codes, KEEPALIVE and ROUTE-REFRESH. Capabilities, multiprotocol
// attributes and the many newer attribute types are shown by type and length only so far.

var (
	protoBGP                                    = Fields.Protocol("bgp", "Border Gateway Protocol")
	hfBGPMarker                                 = Fields.Add(protoBGP, "bgp.marker", "Marker", field.Bytes, field.WithBlurb("Must be set to all ones (16 Bytes)"))
	hfBGPLength                                 = Fields.Add(protoBGP, "bgp.length", "Length", field.Uint16, field.WithBlurb("The total length of the message, including the header in octets"))
	hfBGPPrefixLength                           = Fields.Add(protoBGP, "bgp.prefix_length", "Prefix Length", field.Uint8)
	hfBGPType                                   = Fields.Add(protoBGP, "bgp.type", "Type", field.Uint8, field.WithStrings(map[uint64]string{1: "OPEN Message", 2: "UPDATE Message", 3: "NOTIFICATION Message", 4: "KEEPALIVE Message", 5: "ROUTE-REFRESH Message", 6: "CAPABILITY Message", 128: "Cisco ROUTE-REFRESH Message"}), field.WithBlurb("BGP message type"))
	hfBGPOpenVersion                            = Fields.Add(protoBGP, "bgp.open.version", "Version", field.Uint8, field.WithBlurb("The protocol version number"))
	hfBGPOpenMyas                               = Fields.Add(protoBGP, "bgp.open.myas", "My AS", field.Uint16, field.WithBlurb("The Autonomous System number of the sender"))
	hfBGPOpenHoldtime                           = Fields.Add(protoBGP, "bgp.open.holdtime", "Hold Time", field.Uint16, field.WithBlurb("The number of seconds the sender proposes for Hold Time"))
	hfBGPOpenIdentifier                         = Fields.Add(protoBGP, "bgp.open.identifier", "BGP Identifier", field.IPv4, field.WithBlurb("The BGP Identifier of the sender"))
	hfBGPOpenOptLen                             = Fields.Add(protoBGP, "bgp.open.opt.len", "Optional Parameters Length", field.Uint8, field.WithBlurb("The total length of the Optional Parameters field in octets"))
	hfBGPOpenOptParamType                       = Fields.Add(protoBGP, "bgp.open.opt.param.type", "Parameter Type", field.Uint8, field.WithStrings(map[uint64]string{1: "Authentication", 2: "Capability"}), field.WithBlurb("Unambiguously identifies individual parameters"))
	hfBGPOpenOptParamLen                        = Fields.Add(protoBGP, "bgp.open.opt.param.len", "Parameter Length", field.Uint8, field.WithBlurb("Length of the Parameter Value"))
	hfBGPNotifyMajorError                       = Fields.Add(protoBGP, "bgp.notify.major_error", "Major error Code", field.Uint8, field.WithStrings(map[uint64]string{1: "Message Header Error", 2: "OPEN Message Error", 3: "UPDATE Message Error", 4: "Hold Timer Expired", 5: "Finite State Machine Error", 6: "Cease", 7: "CAPABILITY Message Error"}))
	hfBGPNotifyMinorError                       = Fields.Add(protoBGP, "bgp.notify.minor_error", "Minor error Code (Message Header)", field.Uint8, field.WithStrings(map[uint64]string{1: "Connection Not Synchronized", 2: "Bad Message Length", 3: "Bad Message Type"}))
	hfBGPNotifyMinorErrorOpen                   = Fields.Add(protoBGP, "bgp.notify.minor_error_open", "Minor error Code (Open Message)", field.Uint8, field.WithStrings(map[uint64]string{1: "Unsupported Version Number", 2: "Bad Peer AS", 3: "Bad BGP Identifier", 4: "Unsupported Optional Parameter", 5: "Authentication Failure [Deprecated]", 6: "Unacceptable Hold Time", 7: "Unsupported Capability", 8: "No supported AFI/SAFI (Cisco)"}))
	hfBGPNotifyMinorErrorUpdate                 = Fields.Add(protoBGP, "bgp.notify.minor_error_update", "Minor error Code (Update Message)", field.Uint8, field.WithStrings(map[uint64]string{1: "Malformed Attribute List", 2: "Unrecognized Well-known Attribute", 3: "Missing Well-known Attribute", 4: "Attribute Flags Error", 5: "Attribute Length Error", 6: "Invalid ORIGIN Attribute", 7: "AS Routing Loop [Deprecated]", 8: "Invalid NEXT_HOP Attribute", 9: "Optional Attribute Error", 10: "Invalid Network Field", 11: "Malformed AS_PATH"}))
	hfBGPNotifyMinorErrorExpired                = Fields.Add(protoBGP, "bgp.notify.minor_error_expired", "Minor error Code (Hold Timer Expired)", field.Uint8)
	hfBGPNotifyMinorErrorState                  = Fields.Add(protoBGP, "bgp.notify.minor_error_state", "Minor error Code (State Machine)", field.Uint8, field.WithStrings(map[uint64]string{1: "Receive Unexpected Message in OpenSent State", 2: "Receive Unexpected Message in OpenConfirm State", 3: "Receive Unexpected Message in Established State"}))
	hfBGPNotifyMinorErrorCease                  = Fields.Add(protoBGP, "bgp.notify.minor_error_cease", "Minor error Code (Cease)", field.Uint8, field.WithStrings(map[uint64]string{1: "Maximum Number of Prefixes Reached", 2: "Administratively Shutdown", 3: "Peer De-configured", 4: "Administratively Reset", 5: "Connection Rejected", 6: "Other Configuration Change", 7: "Connection Collision Resolution", 8: "Out of Resources", 9: "Hard Reset"}))
	hfBGPNotifyMinorErrorCapability             = Fields.Add(protoBGP, "bgp.notify.minor_error_capability", "Minor error Code (Capability Message)", field.Uint8, field.WithStrings(map[uint64]string{1: "Invalid Action Value", 2: "Invalid Capability Length", 3: "Malformed Capability Value", 4: "Unsupported Capability Code"}))
	hfBGPNotifyMinorData                        = Fields.Add(protoBGP, "bgp.notify.minor_data", "Data", field.Bytes)
	hfBGPRouteRefreshAfi                        = Fields.Add(protoBGP, "bgp.route_refresh.afi", "Address family identifier (AFI)", field.Uint16, field.WithStrings(map[uint64]string{0: "Reserved", 1: "IPv4", 2: "IPv6", 3: "NSAP", 4: "HDLC (8-bit multidrop)", 5: "BBN 1822", 6: "802 (includes all 802 media plus Ethernet)", 7: "E.163", 8: "E.164 (SMDS, Frame Relay, ATM)", 9: "F.69 (Telex)", 10: "X.121 (X.25, Frame Relay)", 11: "IPX", 12: "Appletalk", 13: "Decnet IV", 14: "Banyan Vines", 15: "E.164 with NSAP subaddress", 16: "DNS (Domain Name System)", 17: "Distinguished Name", 18: "AS Number", 19: "XTP over IP version 4", 20: "XTP over IP version 6", 21: "XTP native mode XTP", 22: "Fibre Channel World-Wide Port Name", 23: "Fibre Channel World-Wide Node Name", 24: "GWID", 25: "Layer-2 VPN", 196: "Layer-2 VPN (old)", 26: "MPLS-TP Section Endpoint Identifier", 27: "MPLS-TP LSP Endpoint Identifier", 28: "MPLS-TP Pseudowire Endpoint Identifier", 29: "MT IP: Multi-Topology IP version 4", 30: "MT IPv6: Multi-Topology IP version 6", 16384: "EIGRP Common Service Family", 16385: "EIGRP IPv4 Service Family", 16386: "EIGRP IPv6 Service Family", 16387: "LISP Canonical Address Format (LCAF)", 16388: "BGP-LS", 16389: "48-bit MAC Address", 16390: "64-bit MAC Address", 16391: "OUI", 16392: "MAC/24", 16393: "MAC/40", 16394: "IPv6/64", 16395: "RBridge Port ID", 16396: "TRILL Nickname", 65535: "Reserved"}))
	hfBGPRouteRefreshSafi                       = Fields.Add(protoBGP, "bgp.route_refresh.safi", "Subsequent address family identifier (SAFI)", field.Uint8, field.WithStrings(map[uint64]string{0: "Reserved", 1: "Unicast", 2: "Multicast", 3: "Unicast+Multicast (Deprecated)", 4: "Labeled Unicast", 5: "MCAST-VPN", 6: "Multi-Segment Pseudowires", 7: "Encapsulation (Deprecated)", 8: "MCAST-VPLS", 64: "Tunnel (Deprecated)", 65: "VPLS", 66: "Cisco MDT", 67: "4over6", 68: "6over4", 69: "Layer-1 VPN", 70: "EVPN", 71: "BGP-LS", 72: "BGP-LS-VPN", 73: "SR Policy", 74: "SD-WAN", 75: "Routing Policy Distribution", 76: "Classful Transport Planes", 77: "Tunneled Traffic Flowspec", 78: "MCAST-TREE", 128: "Labeled VPN Unicast", 129: "Labeled VPN Multicast", 130: "Labeled VPN Unicast+Multicast (Deprecated)", 132: "Route Target Filter", 133: "Flow Spec Filter", 134: "Flow Spec Filter VPN", 140: "Layer-3 VPN (Deprecated)"}))
	hfBGPUpdateWithdrawnRoutesLength            = Fields.Add(protoBGP, "bgp.update.withdrawn_routes.length", "Withdrawn Routes Length", field.Uint16)
	hfBGPUpdatePathAttributesLength             = Fields.Add(protoBGP, "bgp.update.path_attributes.length", "Total Path Attribute Length", field.Uint16)
	hfBGPUpdatePathAttributeLocalPref           = Fields.Add(protoBGP, "bgp.update.path_attribute.local_pref", "Local preference", field.Uint32)
	hfBGPUpdatePathAttributeMultiExitDisc       = Fields.Add(protoBGP, "bgp.update.path_attribute.multi_exit_disc", "Multiple exit discriminator", field.Uint32)
	hfBGPUpdatePathAttributeNextHop             = Fields.Add(protoBGP, "bgp.update.path_attribute.next_hop", "Next hop", field.IPv4)
	hfBGPUpdatePathAttributeOrigin              = Fields.Add(protoBGP, "bgp.update.path_attribute.origin", "Origin", field.Uint8, field.WithStrings(map[uint64]string{0: "IGP", 1: "EGP", 2: "INCOMPLETE"}))
	hfBGPUpdatePathAttributeFlags               = Fields.Add(protoBGP, "bgp.update.path_attribute.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfBGPUpdatePathAttributeFlagsOptional       = Fields.Add(protoBGP, "bgp.update.path_attribute.flags.optional", "Optional", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Set", "Not set"))
	hfBGPUpdatePathAttributeFlagsTransitive     = Fields.Add(protoBGP, "bgp.update.path_attribute.flags.transitive", "Transitive", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Set", "Not set"))
	hfBGPUpdatePathAttributeFlagsPartial        = Fields.Add(protoBGP, "bgp.update.path_attribute.flags.partial", "Partial", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Set", "Not set"))
	hfBGPUpdatePathAttributeFlagsExtendedLength = Fields.Add(protoBGP, "bgp.update.path_attribute.flags.extended_length", "Extended-Length", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Set", "Not set"))
	hfBGPUpdatePathAttributeFlagsUnused         = Fields.Add(protoBGP, "bgp.update.path_attribute.flags.unused", "Unused", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf))
	hfBGPUpdatePathAttributeTypeCode            = Fields.Add(protoBGP, "bgp.update.path_attribute.type_code", "Type Code", field.Uint8, field.WithStrings(map[uint64]string{1: "ORIGIN", 2: "AS_PATH", 3: "NEXT_HOP", 4: "MULTI_EXIT_DISC", 5: "LOCAL_PREF", 6: "ATOMIC_AGGREGATE", 7: "AGGREGATOR", 8: "COMMUNITIES", 9: "ORIGINATOR_ID", 10: "CLUSTER_LIST", 11: "DPA", 12: "ADVERTISER", 13: "RCID_PATH / CLUSTER_ID", 14: "MP_REACH_NLRI", 15: "MP_UNREACH_NLRI", 16: "EXTENDED_COMMUNITIES", 17: "AS4_PATH", 18: "AS4_AGGREGATOR", 19: "SAFI_SPECIFIC_ATTRIBUTE", 20: "Connector Attribute", 21: "AS_PATHLIMIT ", 23: "TUNNEL_ENCAPSULATION_ATTRIBUTE", 22: "PMSI_TUNNEL_ATTRIBUTE", 24: "Traffic Engineering", 25: "IPv6 Address Specific Extended Community", 26: "AIGP", 27: "PE Distinguisher Labels", 28: "BGP Entropy Label Capability Attribute", 29: "BGP-LS Attribute", 30: "Deprecated", 31: "Deprecated", 32: "LARGE_COMMUNITY", 33: "BGPsec_PATH", 36: "D_PATH", 40: "BGP Prefix-SID", 99: "LINK_STATE (unofficial code point)", 128: "ATTR_SET", 129: "Deprecated", 241: "Deprecated", 242: "Deprecated", 243: "Deprecated"}))
	hfBGPUpdatePathAttributeLength              = Fields.Add(protoBGP, "bgp.update.path_attribute.length", "Length", field.Uint16)
	hfBGPWithdrawnPrefix                        = Fields.Add(protoBGP, "bgp.withdrawn_prefix", "Withdrawn prefix", field.IPv4)
	hfBGPNlriPrefix                             = Fields.Add(protoBGP, "bgp.nlri_prefix", "NLRI prefix", field.IPv4)
	eiBGPMarkerInvalid                          = RegisterExpert(protoBGP, "bgp.marker_invalid", "Marker is not all ones", GroupMalformed, SevError)
	eiBGPLengthInvalid                          = RegisterExpert(protoBGP, "bgp.length.invalid", "Length is invalid", GroupMalformed, SevError)
	handleBGP                                   = &Handle{Name: "bgp", Fn: dissectBGP}
)

var bgpAttrFlagBits = []field.ID{hfBGPUpdatePathAttributeFlagsOptional, hfBGPUpdatePathAttributeFlagsTransitive, hfBGPUpdatePathAttributeFlagsPartial, hfBGPUpdatePathAttributeFlagsExtendedLength, hfBGPUpdatePathAttributeFlagsUnused}

// bgpMinorErrors are the minor error code fields by major error code.
var bgpMinorErrors = map[uint64]field.ID{1: hfBGPNotifyMinorError, 2: hfBGPNotifyMinorErrorOpen, 3: hfBGPNotifyMinorErrorUpdate,
	4: hfBGPNotifyMinorErrorExpired, 5: hfBGPNotifyMinorErrorState, 6: hfBGPNotifyMinorErrorCease, 7: hfBGPNotifyMinorErrorCapability}

var bgpMarker = bytes.Repeat([]byte{0xff}, 16)

func init() {
	RegisterShortName(protoBGP, "BGP")
	TCPPort.Add(179, handleBGP)
	RegisterPDU(handleBGP, func(c *Ctx, t Tvb, _ *PDUScan) int {
		if t.Len() < 19 {
			return NeedMore
		}
		if l := int(t.U16(16)); l >= 19 {
			return l
		}
		return 0
	})
}

var layerBGPTwice = []byte(":bgp:")

func dissectBGP(c *Ctx, t Tvb, parent int32) {
	// tshark dissects a segment's messages in one call: frame.protocols names bgp once and Info
	// lists the messages.
	again := false
	if n := len(c.layers) - len("bgp"); n > 0 && bytes.Contains(c.layers[:n], layerBGPTwice) {
		c.PopLayer("bgp")
		again = true
	}
	c.SetProtocol("BGP")
	if !again {
		c.ClearInfo()
	}
	if t.Len() < 19 || !bytes.Equal(t.Bytes(0, 16), bgpMarker) {
		c.CallData(t, parent)
		return
	}
	typ := uint64(t.U8(18))
	name, ok := Fields.Get(hfBGPType).Strings[typ]
	if !ok {
		name = "Unknown Message"
	}
	if c.Cols.On {
		c.AppendInfoSep(", ", name)
	}
	l := int(t.U16(16))
	p := c.AddProto(parent, protoBGP, t, 0, l)
	c.Label(p, "Border Gateway Protocol - %s", name)
	c.AddBytes(p, hfBGPMarker, t, 0, 16)
	ln, _ := c.AddUint(p, hfBGPLength, t, 16, 2)
	c.AddUint(p, hfBGPType, t, 18, 1)
	if l < 19 || l > 4096 {
		c.Expert(ln, eiBGPLengthInvalid, t, 16, 2, "")
		return
	}
	m := t.SubLen(0, l)
	switch typ {
	case 1:
		bgpOpen(c, m, p)
	case 2:
		bgpUpdate(c, m, p)
	case 3:
		_, major := c.AddUint(p, hfBGPNotifyMajorError, m, 19, 1)
		if hf, ok := bgpMinorErrors[major]; ok {
			c.AddUint(p, hf, m, 20, 1)
		}
		if m.Len() > 21 {
			c.AddBytes(p, hfBGPNotifyMinorData, m, 21, m.Len()-21)
		}
	case 5:
		c.AddUint(p, hfBGPRouteRefreshAfi, m, 19, 2)
		c.AddUint(p, hfBGPRouteRefreshSafi, m, 22, 1)
	}
}

func bgpOpen(c *Ctx, m Tvb, p int32) {
	c.AddUint(p, hfBGPOpenVersion, m, 19, 1)
	an, as := c.AddUint(p, hfBGPOpenMyas, m, 20, 2)
	if as == 23456 {
		c.Label(an, "My AS: 23456 (AS_TRANS)")
	}
	c.AddUint(p, hfBGPOpenHoldtime, m, 22, 2)
	c.AddBytes(p, hfBGPOpenIdentifier, m, 24, 4)
	_, ol := c.AddUint(p, hfBGPOpenOptLen, m, 28, 1)
	if ol == 0 {
		return
	}
	opts := c.addSubtree(p, m, 29, int(ol), "Optional Parameters")
	for o := 29; o < 29+int(ol); {
		pt, pl := uint64(m.U8(o)), int(m.U8(o+1))
		pn := c.addSubtree(opts, m, o, pl+2, "Optional Parameter: "+valueNameOr(hfBGPOpenOptParamType, pt, "Unknown"))
		c.AddUint(pn, hfBGPOpenOptParamType, m, o, 1)
		c.AddUint(pn, hfBGPOpenOptParamLen, m, o+1, 1)
		o += pl + 2
	}
}

func bgpUpdate(c *Ctx, m Tvb, p int32) {
	_, wl := c.AddUint(p, hfBGPUpdateWithdrawnRoutesLength, m, 19, 2)
	o := 21
	if wl > 0 {
		w := c.addSubtree(p, m, o, int(wl), "Withdrawn Routes")
		bgpPrefixes(c, m, w, o, o+int(wl), hfBGPWithdrawnPrefix)
		o += int(wl)
	}
	_, al := c.AddUint(p, hfBGPUpdatePathAttributesLength, m, o, 2)
	o += 2
	end := o + int(al)
	if al > 0 {
		attrs := c.addSubtree(p, m, o, int(al), "Path attributes")
		for o < end {
			flags := m.U8(o)
			code := uint64(m.U8(o + 1))
			hl, l := 3, int(m.U8(o+2))
			if flags&0x10 != 0 {
				hl, l = 4, int(m.U16(o+2))
			}
			name := valueNameOr(hfBGPUpdatePathAttributeTypeCode, code, "Unknown")
			a := c.addSubtree(attrs, m, o, hl+l, "Path Attribute - "+name)
			c.addFlags(a, hfBGPUpdatePathAttributeFlags, m, o, 1, bgpAttrFlagBits)
			c.AddUint(a, hfBGPUpdatePathAttributeTypeCode, m, o+1, 1)
			c.AddUintV(a, hfBGPUpdatePathAttributeLength, m, o+2, hl-2, uint64(l))
			v := o + hl
			switch {
			case code == 1 && l == 1:
				_, org := c.AddUint(a, hfBGPUpdatePathAttributeOrigin, m, v, 1)
				c.Label(a, "Path Attribute - ORIGIN: %s", valueNameOr(hfBGPUpdatePathAttributeOrigin, org, "Unknown"))
			case code == 3 && l == 4:
				c.AddBytes(a, hfBGPUpdatePathAttributeNextHop, m, v, 4)
				c.Label(a, "Path Attribute - NEXT_HOP: %s ", ipv4String(m.Bytes(v, 4)))
			case code == 4 && l == 4:
				_, med := c.AddUint(a, hfBGPUpdatePathAttributeMultiExitDisc, m, v, 4)
				c.Label(a, "Path Attribute - MULTI_EXIT_DISC: %d", med)
			case code == 5 && l == 4:
				_, lp := c.AddUint(a, hfBGPUpdatePathAttributeLocalPref, m, v, 4)
				c.Label(a, "Path Attribute - LOCAL_PREF: %d", lp)
			}
			o = v + l
		}
	}
	if o < m.Len() {
		n := c.addSubtree(p, m, o, m.Len()-o, "Network Layer Reachability Information (NLRI)")
		bgpPrefixes(c, m, n, o, m.Len(), hfBGPNlriPrefix)
	}
}

// bgpPrefixes adds the IPv4 prefixes (a length in bits and the bytes it needs) in m[o:end].
func bgpPrefixes(c *Ctx, m Tvb, p int32, o, end int, hf field.ID) {
	for o < end {
		pl := int(m.U8(o))
		if pl > 32 {
			return
		}
		n := (pl + 7) / 8
		var a [4]byte
		copy(a[:], m.Bytes(o+1, n))
		it := c.addSubtree(p, m, o, n+1, ipv4String(a[:])+"/"+itoa(uint64(pl)))
		c.AddUint(it, hfBGPPrefixLength, m, o, 1)
		c.AddBytesV(it, hf, m, o+1, n, append([]byte(nil), a[:]...))
		o += n + 1
	}
}
