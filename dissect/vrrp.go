package dissect

import (
	"bytes"

	"github.com/tshark-tui/tshark-tui/field"
)

// Virtual Router Redundancy Protocol versions 2 and 3, IP protocol 112 (Wireshark's packet-vrrp.c).

var (
	protoVRRP            = Fields.Protocol("vrrp", "Virtual Router Redundancy Protocol")
	hfVrrpTypever        = Fields.Add(protoVRRP, "vrrp.typever", "VRRP message version and type", field.Uint8, field.WithBlurb("VRRP version and type"))
	hfVrrpVersion        = Fields.Add(protoVRRP, "vrrp.version", "VRRP protocol version", field.Uint8, field.WithMask(0xf0), field.WithBlurb("VRRP version"))
	hfVrrpType           = Fields.Add(protoVRRP, "vrrp.type", "VRRP packet type", field.Uint8, field.WithMask(0xf), field.WithStrings(map[uint64]string{1: "Advertisement"}), field.WithBlurb("VRRP type"))
	hfVrrpVirtRtrId      = Fields.Add(protoVRRP, "vrrp.virt_rtr_id", "Virtual Rtr ID", field.Uint8, field.WithBlurb("Virtual router this packet is reporting status for"))
	hfVrrpPrio           = Fields.Add(protoVRRP, "vrrp.prio", "Priority", field.Uint8, field.WithBlurb("Sending VRRP router's priority for the virtual router"))
	hfVrrpAddrCount      = Fields.Add(protoVRRP, "vrrp.addr_count", "Addr Count", field.Uint8, field.WithBlurb("The number of addresses contained in this VRRP advertisement"))
	hfVrrpAuthType       = Fields.Add(protoVRRP, "vrrp.auth_type", "Auth Type", field.Uint8, field.WithStrings(map[uint64]string{0: "No Authentication", 1: "Simple Text Authentication [RFC 2338] / Reserved [RFC 3768]", 2: "IP Authentication Header [RFC 2338] / Reserved [RFC 3768]", 254: "Cisco VRRP MD5 authentication"}), field.WithBlurb("The authentication method being utilized"))
	hfVrrpAdverInt       = Fields.Add(protoVRRP, "vrrp.adver_int", "Adver Int", field.Uint8, field.WithBlurb("Time interval (in seconds) between ADVERTISEMENTS"))
	hfVrrpReservedMbz    = Fields.Add(protoVRRP, "vrrp.reserved_mbz", "Reserved", field.Uint8, field.WithMask(0xf0), field.WithBlurb("Must be zero"))
	hfVrrpShortAdverInt  = Fields.Add(protoVRRP, "vrrp.short_adver_int", "Adver Int", field.Uint16, field.WithMask(0xfff), field.WithBlurb("Time interval (in centiseconds) between ADVERTISEMENTS"))
	hfVrrpChecksum       = Fields.Add(protoVRRP, "vrrp.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex), field.WithBlurb("Used to detect data corruption in the VRRP message"))
	hfVrrpIpAddr         = Fields.Add(protoVRRP, "vrrp.ip_addr", "IP Address", field.IPv4, field.WithBlurb("IP address associated with the virtual router"))
	hfVrrpIpv6Addr       = Fields.Add(protoVRRP, "vrrp.ipv6_addr", "IPv6 Address", field.IPv6, field.WithBlurb("IPv6 address associated with the virtual router"))
	hfVrrpAuthString     = Fields.Add(protoVRRP, "vrrp.auth_string", "Authentication String", field.String)
	hfVrrpMd5AuthData    = Fields.Add(protoVRRP, "vrrp.md5_auth_data", "MD5 Authentication Data", field.Bytes, field.WithBlurb("MD5 digest string is contained."))
	hfVrrpChecksumStatus = Fields.Add(protoVRRP, "vrrp.checksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))
	eiVRRPChecksum       = RegisterExpert(protoVRRP, "vrrp.checksum_bad.expert", "Bad checksum", GroupChecksum, SevWarn)
	handleVRRP           = &Handle{Name: "vrrp", Fn: dissectVRRP}
)

func init() {
	RegisterShortName(protoVRRP, "VRRP")
	IPProto.Add(112, handleVRRP)
}

func vrrpPriority(p uint64) string {
	switch p {
	case 0:
		return "Current Master has stopped participating in VRRP"
	case 100:
		return "Default priority for a backup VRRP router"
	case 255:
		return "This VRRP router owns the virtual router's IP address(es)"
	}
	return "Non-default backup priority"
}

func dissectVRRP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("VRRP")
	tv := uint64(t.U8(0))
	ver, typ := tv>>4, tv&0x0f
	c.SetInfo("Announcement (v" + itoa(ver) + ")")
	p := c.AddProto(parent, protoVRRP, t, 0, -1)
	tn := c.AddUintV(p, hfVrrpTypever, t, 0, 1, tv)
	tname, ok := Fields.Get(hfVrrpType).ValueName(typ)
	if !ok {
		tname = "Unknown"
	}
	c.Label(tn, "Version %d, Packet type %d (%s)", ver, typ, tname)
	c.AddUint(tn, hfVrrpVersion, t, 0, 1)
	c.AddUint(tn, hfVrrpType, t, 0, 1)
	c.AddUint(p, hfVrrpVirtRtrId, t, 1, 1)
	pn, pv := c.AddUint(p, hfVrrpPrio, t, 2, 1)
	c.Label(pn, "Priority: %d (%s)", pv, vrrpPriority(pv))
	_, n := c.AddUint(p, hfVrrpAddrCount, t, 3, 1)
	if ver == 3 {
		c.AddUint(p, hfVrrpReservedMbz, t, 4, 1)
		c.AddUintV(p, hfVrrpShortAdverInt, t, 4, 2, uint64(t.U16(4)&0x0fff))
	} else {
		c.AddUint(p, hfVrrpAuthType, t, 4, 1)
		c.AddUint(p, hfVrrpAdverInt, t, 5, 1)
	}
	ipv6 := len(c.NetSrc) == 16
	alen := 4
	if ipv6 {
		alen = 16
	}
	end := min(8+int(n)*alen, t.Len())
	if ver == 2 && !ipv6 {
		end = min(end+8, t.Len())
	}
	ck := t.U16(6)
	cn := c.AddUintV(p, hfVrrpChecksum, t, 6, 2, uint64(ck))
	status := uint64(2)
	if c.unreported(t) == 0 {
		msg := t.B[:end]
		var sum uint16
		if ver == 3 {
			var ph []byte
			ph = append(ph, c.NetSrc...)
			ph = append(ph, c.NetDst...)
			if ipv6 {
				ph = append(ph, byte(len(msg)>>24), byte(len(msg)>>16), byte(len(msg)>>8), byte(len(msg)), 0, 0, 0, 112)
			} else {
				ph = append(ph, 0, 112, byte(len(msg)>>8), byte(len(msg)))
			}
			sum = inetChecksum(ph, msg)
		} else {
			sum = inetChecksum(msg)
		}
		if sum == 0 {
			status = 1
			c.Label(cn, "Checksum: 0x%04x [correct]", ck)
		} else {
			status = 0
			c.Label(cn, "Checksum: 0x%04x [incorrect]", ck)
		}
	}
	st := c.AddGenerated(p, hfVrrpChecksumStatus, t, 6, 0, field.Value{U: status})
	c.Label(st, "Checksum Status: %s", checksumStatusVals[status])
	if status == 0 {
		c.Expert(st, eiVRRPChecksum, t, 6, 2, "")
	}
	o := 8
	for i := uint64(0); i < n && o+alen <= t.Len(); i++ {
		if ipv6 {
			c.AddBytes(p, hfVrrpIpv6Addr, t, o, 16)
		} else {
			c.AddBytes(p, hfVrrpIpAddr, t, o, 4)
		}
		o += alen
	}
	if ver == 2 && !ipv6 && t.U8(4) == 1 && o+8 <= t.Len() {
		s := t.Bytes(o, 8)
		if i := bytes.IndexByte(s, 0); i >= 0 {
			s = s[:i]
		}
		c.AddBytesV(p, hfVrrpAuthString, t, o, 8, asciiString(s))
		o += 8
	}
	c.setProtoLen(p, protoVRRP, o)
}
