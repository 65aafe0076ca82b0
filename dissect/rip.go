package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// The Routing Information Protocol, versions 1 and 2 on UDP port 520 with RIPv2 authentication
// (Wireshark's packet-rip.c), and RIPng for IPv6 on UDP port 521 (packet-ripng.c).

var (
	protoRIP                = Fields.Protocol("rip", "Routing Information Protocol")
	hfRIPCommand            = Fields.Add(protoRIP, "rip.command", "Command", field.Uint8, field.WithStrings(ripCommands), field.WithBlurb("What type of RIP Command is this"))
	hfRIPVersion            = Fields.Add(protoRIP, "rip.version", "Version", field.Uint8, field.WithStrings(map[uint64]string{1: "RIPv1", 2: "RIPv2"}), field.WithBlurb("Version of the RIP protocol"))
	hfRIPIp                 = Fields.Add(protoRIP, "rip.ip", "IP Address", field.IPv4)
	hfRIPNetmask            = Fields.Add(protoRIP, "rip.netmask", "Netmask", field.IPv4)
	hfRIPNextHop            = Fields.Add(protoRIP, "rip.next_hop", "Next Hop", field.IPv4, field.WithBlurb("Next Hop router for this route"))
	hfRIPMetric             = Fields.Add(protoRIP, "rip.metric", "Metric", field.Uint16, field.WithBlurb("Metric for this route"))
	hfRIPAuthType           = Fields.Add(protoRIP, "rip.auth.type", "Authentication type", field.Uint16, field.WithStrings(map[uint64]string{1: "IP Route", 2: "Simple Password", 3: "Keyed Message Digest"}), field.WithBlurb("Type of authentication"))
	hfRIPAuthPasswd         = Fields.Add(protoRIP, "rip.auth.passwd", "Password", field.String, field.WithBlurb("Authentication password"))
	hfRIPFamily             = Fields.Add(protoRIP, "rip.family", "Address Family", field.Uint16, field.WithStrings(map[uint64]string{0: "Unspecified", 2: "IP"}))
	hfRIPRouteTag           = Fields.Add(protoRIP, "rip.route_tag", "Route Tag", field.Uint16)
	hfRIPZeroPadding        = Fields.Add(protoRIP, "rip.zero_padding", "Zero adding", field.String, field.WithBlurb("Authentication password"))
	hfRIPDigestOffset       = Fields.Add(protoRIP, "rip.digest_offset", "Digest Offset", field.Uint16)
	hfRIPKeyId              = Fields.Add(protoRIP, "rip.key_id", "Key ID", field.Uint8)
	hfRIPAuthDataLen        = Fields.Add(protoRIP, "rip.auth_data_len", "Auth Data Len", field.Uint8)
	hfRIPSeqNum             = Fields.Add(protoRIP, "rip.seq_num", "Seq num", field.Uint32)
	hfRIPAuthenticationData = Fields.Add(protoRIP, "rip.authentication_data", "Authentication Data", field.Bytes)
	eiRIPUnknownFamily      = RegisterExpert(protoRIP, "rip.unknown_address_family", "Unknown address family", GroupProtocol, SevWarn)
	handleRIP               = &Handle{Name: "rip", Fn: dissectRIP}

	protoRIPng           = Fields.Protocol("ripng", "RIPng")
	hfRIPngCmd           = Fields.Add(protoRIPng, "ripng.cmd", "Command", field.Uint8, field.WithStrings(map[uint64]string{1: "Request", 2: "Response"}))
	hfRIPngVersion       = Fields.Add(protoRIPng, "ripng.version", "Version", field.Uint8)
	hfRIPngReserved      = Fields.Add(protoRIPng, "ripng.reserved", "Reserved", field.Bytes)
	hfRIPngRte           = Fields.Add(protoRIPng, "ripng.rte", "Route Table Entry", field.None)
	hfRIPngRteIpv6Prefix = Fields.Add(protoRIPng, "ripng.rte.ipv6_prefix", "IPv6 Prefix", field.IPv6)
	hfRIPngRteRouteTag   = Fields.Add(protoRIPng, "ripng.rte.route_tag", "Route Tag", field.Uint16, field.WithBase(field.Hex))
	hfRIPngRtePrefixLen  = Fields.Add(protoRIPng, "ripng.rte.prefix_length", "Prefix Length", field.Uint8)
	hfRIPngRteMetric     = Fields.Add(protoRIPng, "ripng.rte.metric", "Metric", field.Uint8)
	handleRIPng          = &Handle{Name: "ripng", Fn: dissectRIPng}
)

var ripCommands = map[uint64]string{1: "Request", 2: "Response", 3: "Traceon", 4: "Traceoff", 5: "Vendor specific (Sun)"}

func init() {
	RegisterShortName(protoRIP, "RIP")
	RegisterShortName(protoRIPng, "RIPng")
	UDPPort.Add(520, handleRIP)
	UDPPort.Add(521, handleRIPng)
}

func dissectRIP(c *Ctx, t Tvb, parent int32) {
	cmd, version := uint64(t.U8(0)), uint64(t.U8(1))
	if c.Cols.On {
		proto, ok := Fields.Get(hfRIPVersion).Strings[version]
		if !ok {
			proto = "RIP"
		}
		c.SetProtocol(proto)
		name, ok := ripCommands[cmd]
		if !ok {
			name = "Unknown command (" + itoa(cmd) + ")"
		}
		c.SetInfo(name)
	}
	p := c.AddProto(parent, protoRIP, t, 0, -1)
	c.AddUintV(p, hfRIPCommand, t, 0, 1, cmd)
	c.AddUintV(p, hfRIPVersion, t, 1, 1, version)
	trailer := 0
	md5 := false
	reported := t.Len() + c.unreported(t)
	for o := 4; reported-o > trailer; o += 20 {
		family := t.U16(o)
		switch {
		case family == 0 || family == 2:
			metric := uint64(t.U32(o + 16))
			label := "Address not specified, Metric: " + itoa(metric)
			if family == 2 {
				label = "IP Address: " + ipv4String(t.Bytes(o+4, 4)) + ", Metric: " + itoa(metric)
			}
			v := c.addSubtree(p, t, o, 20, label)
			c.AddUint(v, hfRIPFamily, t, o, 2)
			if version == 2 {
				c.AddUint(v, hfRIPRouteTag, t, o+2, 2)
			}
			if family == 2 {
				c.AddBytes(v, hfRIPIp, t, o+4, 4)
			}
			if version == 2 {
				c.AddBytes(v, hfRIPNetmask, t, o+8, 4)
				c.AddBytes(v, hfRIPNextHop, t, o+12, 4)
			}
			c.AddUintV(v, hfRIPMetric, t, o+16, 4, metric) // Wireshark stores all 32 bits in the 16-bit field
		case family == 0xffff && o == 4:
			trailer = ripAuth(c, t, p, o)
			md5 = true
		case family == 0xffff && md5 && reported-o == 20:
		default:
			if c.ExpertTextWanted() {
				c.ExpertItem(p, eiRIPUnknownFamily, t, o, 20, "Unknown address family "+itoa(uint64(family)))
			} else {
				c.ExpertItem(p, eiRIPUnknownFamily, t, o, 20, "")
			}
		}
	}
}

// ripAuth dissects a RIPv2 authentication entry and returns the length of its trailer.
func ripAuth(c *Ctx, t Tvb, p int32, o int) int {
	typ := uint64(t.U16(o + 2))
	name, ok := Fields.Get(hfRIPAuthType).Strings[typ]
	if !ok {
		name = "Unknown (" + itoa(typ) + ")"
	}
	a := c.addSubtree(p, t, o, 20, "Authentication: "+name)
	c.AddUintV(a, hfRIPAuthType, t, o+2, 2, typ)
	switch typ {
	case 2:
		c.AddBytesV(a, hfRIPAuthPasswd, t, o+4, 16, cString(t.Bytes(o+4, 16)))
	case 3:
		_, off := c.AddUint(a, hfRIPDigestOffset, t, o+4, 2)
		c.AddUint(a, hfRIPKeyId, t, o+6, 1)
		_, l := c.AddUint(a, hfRIPAuthDataLen, t, o+7, 1)
		c.AddUint(a, hfRIPSeqNum, t, o+8, 4)
		c.AddBytesV(a, hfRIPZeroPadding, t, o+12, 8, cString(t.Bytes(o+12, 8)))
		d := c.addSubtree(a, t, o-4+int(off), 20, "Authentication Data Trailer")
		c.AddBytes(d, hfRIPAuthenticationData, t, o+int(off), 16)
		return int(l)
	}
	return 0
}

func dissectRIPng(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("RIPng")
	c.ClearInfo()
	cmd, version := uint64(t.U8(0)), uint64(t.U8(1))
	if c.Cols.On {
		name, ok := Fields.Get(hfRIPngCmd).Strings[cmd]
		if !ok {
			name = "Unknown (" + itoa(cmd) + ")"
		}
		c.SetInfo(" Command " + name + ", Version " + itoa(version))
	}
	p := c.AddProto(parent, protoRIPng, t, 0, -1)
	c.AddUintV(p, hfRIPngCmd, t, 0, 1, cmd)
	c.AddUintV(p, hfRIPngVersion, t, 1, 1, version)
	c.AddBytes(p, hfRIPngReserved, t, 2, 2)
	reported := t.Len() + c.unreported(t)
	for o := 4; o < reported; o += 20 {
		c.needReported(t, o, 20)
		r := c.Add(p, hfRIPngRte, t, o, 20, field.Value{})
		c.AddBytes(r, hfRIPngRteIpv6Prefix, t, o, 16)
		c.AddUint(r, hfRIPngRteRouteTag, t, o+16, 2)
		_, pl := c.AddUint(r, hfRIPngRtePrefixLen, t, o+18, 1)
		_, m := c.AddUint(r, hfRIPngRteMetric, t, o+19, 1)
		if c.Visible() {
			c.T.SetLabel(r, "IPv6 Prefix: "+string(field.AppendAddr(nil, t.Bytes(o, 16)))+"/"+itoa(pl)+" Metric: "+itoa(m))
		}
	}
}
