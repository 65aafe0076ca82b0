package dissect

import (
	"bytes"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Cisco Discovery Protocol (Wireshark's packet-cdp.c), over SNAP with Cisco's OUI and in GRE:
// a header with a checksum, then TLVs.

var (
	protoCDP                     = Fields.Protocol("cdp", "Cisco Discovery Protocol")
	hfCdpVersion                 = Fields.Add(protoCDP, "cdp.version", "Version", field.Uint8)
	hfCdpTtl                     = Fields.Add(protoCDP, "cdp.ttl", "TTL", field.Uint8)
	hfCdpChecksum                = Fields.Add(protoCDP, "cdp.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfCdpTlvType                 = Fields.Add(protoCDP, "cdp.tlv.type", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0x1: "Device ID", 0x2: "Addresses", 0x3: "Port ID", 0x4: "Capabilities", 0x5: "Software version", 0x6: "Platform", 0x7: "IP Prefix/Gateway (used for ODR)", 0x8: "Protocol Hello", 0x9: "VTP Management Domain", 0xa: "Native VLAN", 0xb: "Duplex", 0xe: "VoIP VLAN Reply", 0xf: "VoIP VLAN Query", 0x10: "Power consumption", 0x11: "MTU", 0x12: "Trust Bitmap", 0x13: "Untrusted Port CoS", 0x14: "System Name", 0x15: "System Object ID", 0x16: "Management Address", 0x17: "Location", 0x18: "External Port-ID", 0x19: "Power Requested", 0x1a: "Power Available", 0x1b: "Port Unidirectional", 0x1d: "EnergyWise", 0x1f: "Spare PoE", 0x1000: "BSSID", 0x1001: "Serial number", 0x1002: "SSID", 0x1003: "Radio1 channel", 0x1006: "SNMP UDP port", 0x1007: "Web TCP port", 0x1008: "Source MAC address", 0x1009: "Radio2 channel", 0x100a: "Radio1 Operating mode", 0x100b: "Radio2 Operating mode", 0x100c: "Radio1 Radio mode", 0x100d: "Radio2 Radio mode"}))
	hfCdpTlvLen                  = Fields.Add(protoCDP, "cdp.tlv.len", "Length", field.Uint16)
	hfCdpDeviceid                = Fields.Add(protoCDP, "cdp.deviceid", "Device ID", field.String)
	hfCdpSoftwareVersion         = Fields.Add(protoCDP, "cdp.software_version", "Software version", field.StringZ)
	hfCdpPlatform                = Fields.Add(protoCDP, "cdp.platform", "Platform", field.String)
	hfCdpNumberOfAddresses       = Fields.Add(protoCDP, "cdp.number_of_addresses", "Number of addresses", field.Uint32)
	hfCdpProtocolType            = Fields.Add(protoCDP, "cdp.protocol_type", "Protocol type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0x1: "NLPID", 0x2: "802.2"}))
	hfCdpProtocolLength          = Fields.Add(protoCDP, "cdp.protocol_length", "Protocol length", field.Uint8)
	hfCdpProtocol                = Fields.Add(protoCDP, "cdp.protocol", "Protocol", field.Bytes)
	hfCdpAddressLength           = Fields.Add(protoCDP, "cdp.address_length", "Address length", field.Uint16)
	hfCdpNrgyzIpAddress          = Fields.Add(protoCDP, "cdp.nrgyz.ip_address", "IP Address", field.IPv4)
	hfCdpPortid                  = Fields.Add(protoCDP, "cdp.portid", "Sent through Interface", field.String)
	hfCdpCapabilities            = Fields.Add(protoCDP, "cdp.capabilities", "Capabilities", field.Uint32, field.WithBase(field.Hex))
	hfCdpCapabilitiesRouter      = Fields.Add(protoCDP, "cdp.capabilities.router", "Router", field.Bool, field.WithBase(32), field.WithMask(0x1), field.WithTrueFalse("Yes", "No"))
	hfCdpCapabilitiesTransBridge = Fields.Add(protoCDP, "cdp.capabilities.trans_bridge", "Transparent Bridge", field.Bool, field.WithBase(32), field.WithMask(0x2), field.WithTrueFalse("Yes", "No"))
	hfCdpCapabilitiesSrcBridge   = Fields.Add(protoCDP, "cdp.capabilities.src_bridge", "Source Route Bridge", field.Bool, field.WithBase(32), field.WithMask(0x4), field.WithTrueFalse("Yes", "No"))
	hfCdpCapabilitiesSwitch      = Fields.Add(protoCDP, "cdp.capabilities.switch", "Switch", field.Bool, field.WithBase(32), field.WithMask(0x8), field.WithTrueFalse("Yes", "No"))
	hfCdpCapabilitiesHost        = Fields.Add(protoCDP, "cdp.capabilities.host", "Host", field.Bool, field.WithBase(32), field.WithMask(0x10), field.WithTrueFalse("Yes", "No"))
	hfCdpCapabilitiesIgmpCapable = Fields.Add(protoCDP, "cdp.capabilities.igmp_capable", "IGMP capable", field.Bool, field.WithBase(32), field.WithMask(0x20), field.WithTrueFalse("Yes", "No"))
	hfCdpCapabilitiesRepeater    = Fields.Add(protoCDP, "cdp.capabilities.repeater", "Repeater", field.Bool, field.WithBase(32), field.WithMask(0x40), field.WithTrueFalse("Yes", "No"))
	hfCdpCapabilitiesVoipPhone   = Fields.Add(protoCDP, "cdp.capabilities.voip_phone", "VoIP Phone", field.Bool, field.WithBase(32), field.WithMask(0x80), field.WithTrueFalse("Yes", "No"))
	hfCdpCapabilitiesRemote      = Fields.Add(protoCDP, "cdp.capabilities.remote", "Remotely Managed Device", field.Bool, field.WithBase(32), field.WithMask(0x100), field.WithTrueFalse("Yes", "No"))
	hfCdpCapabilitiesCvta        = Fields.Add(protoCDP, "cdp.capabilities.cvta", "CVTA/STP Dispute Resolution/Cisco VT Camera", field.Bool, field.WithBase(32), field.WithMask(0x200), field.WithTrueFalse("Yes", "No"))
	hfCdpCapabilitiesMacRelay    = Fields.Add(protoCDP, "cdp.capabilities.mac_relay", "Two Port Mac Relay", field.Bool, field.WithBase(32), field.WithMask(0x400), field.WithTrueFalse("Yes", "No"))
	hfCdpIpPrefix                = Fields.Add(protoCDP, "cdp.ip_prefix", "IP Prefix", field.IPv4)
	hfCdpVtpManagementDomain     = Fields.Add(protoCDP, "cdp.vtp_management_domain", "VTP Management Domain", field.String)
	hfCdpNativeVlan              = Fields.Add(protoCDP, "cdp.native_vlan", "Native VLAN", field.Uint16)
	hfCdpDuplex                  = Fields.Add(protoCDP, "cdp.duplex", "Duplex", field.Bool, field.WithTrueFalse("Full", "Half"))
	hfCdpTrustBitmap             = Fields.Add(protoCDP, "cdp.trust_bitmap", "Trust Bitmap", field.Uint8, field.WithBase(field.Hex))
	hfCdpUntrustedPortCos        = Fields.Add(protoCDP, "cdp.untrusted_port_cos", "Untrusted port CoS", field.Uint8, field.WithBase(field.Hex))
	hfCdpData                    = Fields.Add(protoCDP, "cdp.data", "Data", field.Bytes)
	hfCdpSystemName              = Fields.Add(protoCDP, "cdp.system_name", "System Name", field.String)
	hfCdpLocation                = Fields.Add(protoCDP, "cdp.location", "Location", field.String)
	hfCdpChecksumStatus          = Fields.Add(protoCDP, "cdp.checksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))
	hfCdpOui                     = Fields.Add(protoCDP, "cdp.oui", "OUI", field.Uint24)
	hfCdpProtocolId              = Fields.Add(protoCDP, "cdp.protocol_id", "Protocol ID", field.Uint16, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0x112: "Cluster Management"}))
	hfCdpClusterMasterIp         = Fields.Add(protoCDP, "cdp.cluster.master_ip", "Cluster Master IP", field.IPv4)
	hfCdpClusterIp               = Fields.Add(protoCDP, "cdp.cluster.ip", "IP?", field.IPv4)
	hfCdpClusterVersion          = Fields.Add(protoCDP, "cdp.cluster.version", "Version?", field.Uint8, field.WithBase(field.Hex))
	hfCdpClusterSubVersion       = Fields.Add(protoCDP, "cdp.cluster.sub_version", "Sub Version?", field.Uint8, field.WithBase(field.Hex))
	hfCdpClusterStatus           = Fields.Add(protoCDP, "cdp.cluster.status", "Status?", field.Uint8, field.WithBase(field.Hex))
	hfCdpClusterUnknown          = Fields.Add(protoCDP, "cdp.cluster.unknown", "UNKNOWN", field.Uint8, field.WithBase(field.Hex))
	hfCdpClusterCommanderMac     = Fields.Add(protoCDP, "cdp.cluster.commander_mac", "Cluster Commander MAC", field.Ether)
	hfCdpClusterSwitchMac        = Fields.Add(protoCDP, "cdp.cluster.switch_mac", "Switch's MAC", field.Ether)
	hfCdpClusterManagementVlan   = Fields.Add(protoCDP, "cdp.cluster.management_vlan", "Management VLAN", field.Uint16)
	hfCdpRequestId               = Fields.Add(protoCDP, "cdp.request_id", "Request-ID", field.Uint16)
	hfCdpManagementId            = Fields.Add(protoCDP, "cdp.management_id", "Management-ID", field.Uint16)
	hfCdpPowerAvailable          = Fields.Add(protoCDP, "cdp.power_available", "Power Available", field.Uint32)
	eiCDPChecksum                = RegisterExpert(protoCDP, "cdp.checksum_bad", "Bad checksum", GroupChecksum, SevError)
	handleCDP                    = &Handle{Name: "cdp", Fn: dissectCDP}
)

var cdpCapabilityBits = []field.ID{hfCdpCapabilitiesRouter, hfCdpCapabilitiesTransBridge, hfCdpCapabilitiesSrcBridge,
	hfCdpCapabilitiesSwitch, hfCdpCapabilitiesHost, hfCdpCapabilitiesIgmpCapable, hfCdpCapabilitiesRepeater,
	hfCdpCapabilitiesVoipPhone, hfCdpCapabilitiesRemote, hfCdpCapabilitiesCvta, hfCdpCapabilitiesMacRelay}

func init() {
	RegisterShortName(protoCDP, "CDP")
	LLCCiscoPID.Add(0x2000, handleCDP)
	GREProto.Add(0x2000, handleCDP)
}

// cdpChecksumOK checks the Internet checksum of a CDP packet, also the way Cisco computes it for
// odd lengths (the last byte in the low half of a word, sign-extended).
func cdpChecksumOK(b []byte) bool {
	if len(b)%2 == 0 {
		return inetChecksum(b) == 0
	}
	last := b[len(b)-1]
	if inetChecksum(b[:len(b)-1], []byte{0, last}) == 0 {
		return true
	}
	hi := byte(0)
	if last&0x80 != 0 {
		hi = 0xff
	}
	return inetChecksum(b[:len(b)-1], []byte{hi, last}) == 0
}

func dissectCDP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("CDP")
	c.ClearInfo()
	p := c.AddProto(parent, protoCDP, t, 0, -1)
	c.AddUint(p, hfCdpVersion, t, 0, 1)
	tn, _ := c.AddUint(p, hfCdpTtl, t, 1, 1)
	c.Label(tn, "TTL: %d seconds", t.U8(1))
	ck := t.U16(2)
	cn := c.AddUintV(p, hfCdpChecksum, t, 2, 2, uint64(ck))
	status := uint64(2)
	if c.unreported(t) == 0 {
		if cdpChecksumOK(t.B) {
			status = 1
			c.Label(cn, "Checksum: 0x%04x [correct]", ck)
		} else {
			status = 0
			c.Label(cn, "Checksum: 0x%04x [incorrect]", ck)
		}
	}
	st := c.AddGenerated(p, hfCdpChecksumStatus, t, 2, 0, field.Value{U: status})
	c.Label(st, "Checksum Status: %s", checksumStatusVals[status])
	if status == 0 {
		c.Expert(st, eiCDPChecksum, t, 2, 2, "")
	}
	for o := 4; o+4 <= t.Len(); {
		typ := uint64(t.U16(o))
		l := int(t.U16(o + 2))
		if l < 4 {
			break
		}
		if o+l > t.Len() {
			l = t.Len() - o
		}
		cdpTLV(c, t, p, o, typ, l)
		o += l
	}
}

// cdpTLV adds the TLV at o of type typ and total length l.
func cdpTLV(c *Ctx, t Tvb, p int32, o int, typ uint64, l int) {
	v, vl := o+4, l-4
	text := func(hf field.ID, label string) (int32, []byte) {
		s := t.B[v : v+vl]
		tl := c.AddText(p, t, o, l, "")
		if c.Visible() {
			c.T.SetLabel(tl, label+": "+string(field.AppendEscaped(nil, s)))
		}
		cdpTypeLen(c, t, tl, o)
		n := c.AddBytesV(tl, hf, t, v, vl, asciiString(s))
		return n, s
	}
	switch typ {
	case 0x01:
		_, s := text(hfCdpDeviceid, "Device ID")
		c.AppendInfo("Device ID: " + string(s) + "  ")
	case 0x03:
		n, s := text(hfCdpPortid, "Port ID")
		c.Label(n, "Sent through Interface: %s", s)
		c.AppendInfo("Port ID: " + string(s) + "  ")
	case 0x06:
		text(hfCdpPlatform, "Platform")
	case 0x09:
		text(hfCdpVtpManagementDomain, "VTP Management Domain")
	case 0x14:
		text(hfCdpSystemName, "System Name")
	case 0x05:
		tl := c.AddText(p, t, o, l, "Software Version")
		cdpTypeLen(c, t, tl, o)
		for lo := v; lo < v+vl; {
			e := bytes.IndexByte(t.B[lo:v+vl], '\n')
			n := e
			if e < 0 {
				n = v + vl - lo
			}
			c.AddBytesV(tl, hfCdpSoftwareVersion, t, lo, n, asciiString(t.B[lo:lo+n]))
			lo += n + 1
		}
	case 0x02, 0x16:
		title := "Addresses"
		if typ == 0x16 {
			title = "Management Addresses"
		}
		tl := c.AddText(p, t, o, l, title)
		cdpTypeLen(c, t, tl, o)
		_, na := c.AddUint(tl, hfCdpNumberOfAddresses, t, v, 4)
		a := v + 4
		for i := uint64(0); i < na && a+2 < o+l; i++ {
			a += cdpAddress(c, t, tl, a)
		}
	case 0x04:
		tl := c.AddText(p, t, o, l, "Capabilities")
		cdpTypeLen(c, t, tl, o)
		cn, _ := c.AddUint(tl, hfCdpCapabilities, t, v, 4)
		for _, hf := range cdpCapabilityBits {
			c.AddUint(cn, hf, t, v, 4)
		}
	case 0x07:
		n := vl / 5
		tl := c.AddText(p, t, o, l, "IP Prefixes: "+strconv.Itoa(n))
		cdpTypeLen(c, t, tl, o)
		for i := 0; i < n; i++ {
			a := t.Bytes(v+5*i, 4)
			rev := []byte{a[3], a[2], a[1], a[0]}
			pn := c.AddBytesV(tl, hfCdpIpPrefix, t, v+5*i, 5, rev)
			c.Label(pn, "IP Prefix: %s/%d", ipv4String(a), t.U8(v+5*i+4))
		}
	case 0x0a:
		tl := c.AddText(p, t, o, l, "Native VLAN: "+strconv.Itoa(int(t.U16(v))))
		cdpTypeLen(c, t, tl, o)
		c.AddUint(tl, hfCdpNativeVlan, t, v, 2)
	case 0x0b:
		d := "Half"
		if t.U8(v) != 0 {
			d = "Full"
		}
		tl := c.AddText(p, t, o, l, "Duplex: "+d)
		cdpTypeLen(c, t, tl, o)
		c.AddUint(tl, hfCdpDuplex, t, v, 1)
	case 0x12, 0x13:
		hf, name := hfCdpTrustBitmap, "Trust Bitmap"
		if typ == 0x13 {
			hf, name = hfCdpUntrustedPortCos, "Untrusted port CoS"
		}
		tl := c.AddText(p, t, o, l, name+": 0x"+hex2(t.U8(v)))
		cdpTypeLen(c, t, tl, o)
		c.AddUint(tl, hf, t, v, 1)
	case 0x08:
		if vl >= 32 && t.U24(v) == 0x00000c && t.U16(v+3) == 0x0112 {
			tl := c.AddText(p, t, o, l, "Protocol Hello: Cluster Management")
			cdpTypeLen(c, t, tl, o)
			on := c.AddUintV(tl, hfCdpOui, t, v, 3, 0x0c)
			c.Label(on, "OUI: 00:00:0c (Cisco Systems, Inc)")
			c.AddUint(tl, hfCdpProtocolId, t, v+3, 2)
			c.AddBytes(tl, hfCdpClusterMasterIp, t, v+5, 4)
			c.AddBytes(tl, hfCdpClusterIp, t, v+9, 4)
			c.AddUint(tl, hfCdpClusterVersion, t, v+13, 1)
			c.AddUint(tl, hfCdpClusterSubVersion, t, v+14, 1)
			c.AddUint(tl, hfCdpClusterStatus, t, v+15, 1)
			c.AddUint(tl, hfCdpClusterUnknown, t, v+16, 1)
			c.AddBytes(tl, hfCdpClusterCommanderMac, t, v+17, 6)
			c.AddBytes(tl, hfCdpClusterSwitchMac, t, v+23, 6)
			c.AddUint(tl, hfCdpClusterUnknown, t, v+29, 1)
			c.AddUint(tl, hfCdpClusterManagementVlan, t, v+30, 2)
			return
		}
		cdpUnknownTLV(c, t, p, o, typ, l)
	case 0x1a:
		label := "Power Available:"
		for a := v + 4; a+4 <= v+vl; a += 4 {
			if a > v+4 {
				label += ","
			}
			label += " " + strconv.FormatUint(uint64(t.U32(a)), 10) + " mW"
		}
		tl := c.AddText(p, t, o, l, label)
		cdpTypeLen(c, t, tl, o)
		c.AddUint(tl, hfCdpRequestId, t, v, 2)
		c.AddUint(tl, hfCdpManagementId, t, v+2, 2)
		for a := v + 4; a+4 <= v+vl; a += 4 {
			pn, pv := c.AddUint(tl, hfCdpPowerAvailable, t, a, 4)
			c.Label(pn, "Power Available: %dmW", pv)
		}
	default:
		cdpUnknownTLV(c, t, p, o, typ, l)
	}
}

// cdpUnknownTLV adds a TLV shown only as data.
func cdpUnknownTLV(c *Ctx, t Tvb, p int32, o int, typ uint64, l int) {
	v, vl := o+4, l-4
	{
		label := ""
		if c.Visible() {
			name, ok := Fields.Get(hfCdpTlvType).ValueName(typ)
			if !ok {
				name = "Unknown"
			}
			label = "Type: " + name + ", length: " + strconv.Itoa(l)
		}
		tl := c.AddText(p, t, o, l, label)
		cdpTypeLen(c, t, tl, o)
		if vl > 0 {
			c.AddBytes(tl, hfCdpData, t, v, vl)
		}
	}
}

func cdpTypeLen(c *Ctx, t Tvb, tl int32, o int) {
	c.AddUint(tl, hfCdpTlvType, t, o, 2)
	c.AddUint(tl, hfCdpTlvLen, t, o+2, 2)
}

// cdpAddress adds one address entry at a and returns its length.
func cdpAddress(c *Ctx, t Tvb, tl int32, a int) int {
	pt := t.U8(a)
	pl := int(t.U8(a + 1))
	al := int(t.U16(a + 2 + pl))
	total := 4 + pl + al
	label := "Address"
	isIP := pt == 1 && pl == 1 && t.U8(a+2) == 0xcc && al == 4
	if isIP && c.Visible() {
		label = "IP address: " + ipv4String(t.Bytes(a+4+pl, 4))
	}
	e := c.AddText(tl, t, a, total, label)
	c.AddUint(e, hfCdpProtocolType, t, a, 1)
	c.AddUint(e, hfCdpProtocolLength, t, a+1, 1)
	pn := c.AddBytes(e, hfCdpProtocol, t, a+2, pl)
	if isIP {
		c.Label(pn, "Protocol: IP")
	}
	c.AddUint(e, hfCdpAddressLength, t, a+2+pl, 2)
	if isIP {
		c.AddBytes(e, hfCdpNrgyzIpAddress, t, a+4+pl, 4)
	}
	return total
}
