package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// DHCPv6 (RFC 8415) over UDP 546/547, as Wireshark 4.0's packet-dhcpv6.c shows it: client and relay
// messages, DUIDs, IA_NA/IA_TA/IA_PD with their addresses and prefixes, status codes and the common
// configuration options, with the Info column's XID, client ID and assigned addresses.

var (
	protoDHCPv6 = Fields.Protocol("dhcpv6", "DHCPv6")

	hfDHCPv6MsgType   = Fields.Add(protoDHCPv6, "dhcpv6.msgtype", "Message type", field.Uint8, field.WithStrings(dhcpv6MsgTypeVals))
	hfDHCPv6XID       = Fields.Add(protoDHCPv6, "dhcpv6.xid", "Transaction ID", field.Uint24, field.WithBase(field.Hex))
	hfDHCPv6Hopcount  = Fields.Add(protoDHCPv6, "dhcpv6.hopcount", "Hopcount", field.Uint8)
	hfDHCPv6LinkAddr  = Fields.Add(protoDHCPv6, "dhcpv6.linkaddr", "Link address", field.IPv6)
	hfDHCPv6PeerAddr  = Fields.Add(protoDHCPv6, "dhcpv6.peeraddr", "Peer address", field.IPv6)
	hfDHCPv6OptType   = Fields.Add(protoDHCPv6, "dhcpv6.option.type", "Option", field.Uint16, field.WithStrings(dhcpv6OptionVals))
	hfDHCPv6OptLen    = Fields.Add(protoDHCPv6, "dhcpv6.option.length", "Length", field.Uint16)
	hfDHCPv6DUID      = Fields.Add(protoDHCPv6, "dhcpv6.duid.bytes", "DUID", field.Bytes)
	hfDHCPv6DUIDType  = Fields.Add(protoDHCPv6, "dhcpv6.duid.type", "DUID Type", field.Uint16, field.WithStrings(dhcpv6DUIDTypeVals))
	hfDHCPv6LLTHw     = Fields.Add(protoDHCPv6, "dhcpv6.duidllt.hwtype", "Hardware type", field.Uint16, field.WithStrings(arpHrdVals))
	hfDHCPv6LLTTime   = Fields.Add(protoDHCPv6, "dhcpv6.duidllt.time", "DUID Time", field.AbsTime, field.WithBase(field.TimeUTC))
	hfDHCPv6LLTAddr   = Fields.Add(protoDHCPv6, "dhcpv6.duidllt.link_layer_addr", "Link-layer address", field.String)
	hfDHCPv6LLHw      = Fields.Add(protoDHCPv6, "dhcpv6.duidll.hwtype", "Hardware type", field.Uint16, field.WithStrings(arpHrdVals))
	hfDHCPv6LLAddr    = Fields.Add(protoDHCPv6, "dhcpv6.duidll.link_layer_addr", "Link-layer address", field.String)
	hfDHCPv6ENEnt     = Fields.Add(protoDHCPv6, "dhcpv6.duiden.enterprise", "Enterprise ID", field.Uint32)
	hfDHCPv6ENID      = Fields.Add(protoDHCPv6, "dhcpv6.duiden.identifier", "Identifier", field.Bytes)
	hfDHCPv6UUID      = Fields.Add(protoDHCPv6, "dhcpv6.duiduuid.bytes", "UUID", field.Bytes)
	hfDHCPv6IAID      = Fields.Add(protoDHCPv6, "dhcpv6.iaid", "IAID", field.String)
	hfDHCPv6T1        = Fields.Add(protoDHCPv6, "dhcpv6.iaid.t1", "T1", field.Uint32)
	hfDHCPv6T2        = Fields.Add(protoDHCPv6, "dhcpv6.iaid.t2", "T2", field.Uint32)
	hfDHCPv6IATA      = Fields.Add(protoDHCPv6, "dhcpv6.iata", "IATA", field.String)
	hfDHCPv6AddrIP    = Fields.Add(protoDHCPv6, "dhcpv6.iaaddr.ip", "IPv6 address", field.IPv6)
	hfDHCPv6AddrPref  = Fields.Add(protoDHCPv6, "dhcpv6.iaaddr.pref_lifetime", "Preferred lifetime", field.Uint32)
	hfDHCPv6AddrValid = Fields.Add(protoDHCPv6, "dhcpv6.iaaddr.valid_lifetime", "Valid lifetime", field.Uint32)
	hfDHCPv6PfxPref   = Fields.Add(protoDHCPv6, "dhcpv6.iaprefix.pref_lifetime", "Preferred lifetime", field.Uint32)
	hfDHCPv6PfxValid  = Fields.Add(protoDHCPv6, "dhcpv6.iaprefix.valid_lifetime", "Valid lifetime", field.Uint32)
	hfDHCPv6PfxLen    = Fields.Add(protoDHCPv6, "dhcpv6.iaprefix.pref_len", "Prefix length", field.Uint8)
	hfDHCPv6PfxAddr   = Fields.Add(protoDHCPv6, "dhcpv6.iaprefix.pref_addr", "Prefix address", field.IPv6)
	hfDHCPv6ReqOpt    = Fields.Add(protoDHCPv6, "dhcpv6.requested_option_code", "Requested Option code", field.Uint16, field.WithStrings(dhcpv6OptionVals))
	hfDHCPv6Pref      = Fields.Add(protoDHCPv6, "dhcpv6.option_preference", "Pref-value", field.Uint8)
	hfDHCPv6Elapsed   = Fields.Add(protoDHCPv6, "dhcpv6.elapsed_time", "Elapsed time", field.Uint16)
	hfDHCPv6Unicast   = Fields.Add(protoDHCPv6, "dhcpv6.unicast", "IPv6 address", field.IPv6)
	hfDHCPv6Status    = Fields.Add(protoDHCPv6, "dhcpv6.status_code", "Status Code", field.Uint16, field.WithStrings(dhcpv6StatusVals))
	hfDHCPv6StatusMsg = Fields.Add(protoDHCPv6, "dhcpv6.status_msg", "Status Message", field.String)
	hfDHCPv6IfaceID   = Fields.Add(protoDHCPv6, "dhcpv6.interface_id", "Interface-ID", field.Bytes)
	hfDHCPv6Reconf    = Fields.Add(protoDHCPv6, "dhcpv6.reconf_msg", "Reconfigure message type", field.Uint8, field.WithStrings(dhcpv6MsgTypeVals))
	hfDHCPv6SIPAddr   = Fields.Add(protoDHCPv6, "dhcpv6.sip_server_a", "SIP server address", field.IPv6)
	hfDHCPv6DNS       = Fields.Add(protoDHCPv6, "dhcpv6.dns_server", "DNS server address", field.IPv6)
	hfDHCPv6Search    = Fields.Add(protoDHCPv6, "dhcpv6.search_list_entry", "List entry", field.String)
	hfDHCPv6SNTP      = Fields.Add(protoDHCPv6, "dhcpv6.sntp_server", "SNTP server address", field.IPv6)
	hfDHCPv6AFTR      = Fields.Add(protoDHCPv6, "dhcpv6.aftr_name", "DS-Lite AFTR Name", field.String)
	hfDHCPv6NTPType   = Fields.Add(protoDHCPv6, "dhcpv6.ntpserver.option.type", "Suboption", field.Uint16, field.WithStrings(map[uint64]string{1: "NTP Server Address", 2: "NTP Multicast Address", 3: "NTP Server FQDN"}))
	hfDHCPv6NTPLen    = Fields.Add(protoDHCPv6, "dhcpv6.ntpserver.option.length", "Length", field.Uint16)
	hfDHCPv6NTPAddr   = Fields.Add(protoDHCPv6, "dhcpv6.ntpserver.addr", "NTP Server Address", field.IPv6)
	hfDHCPv6NTPMcast  = Fields.Add(protoDHCPv6, "dhcpv6.ntpserver.mc_addr", "NTP Multicast Address", field.IPv6)
	hfDHCPv6NTPFQDN   = Fields.Add(protoDHCPv6, "dhcpv6.ntpserver.fqdn", "NTP Server FQDN", field.String)
	hfDHCPv6VCEnt     = Fields.Add(protoDHCPv6, "dhcpv6.vendorclass.enterprise", "Enterprise ID", field.Uint32)
	hfDHCPv6VOEnt     = Fields.Add(protoDHCPv6, "dhcpv6.vendoropts.enterprise", "Enterprise ID", field.Uint32)

	handleDHCPv6 = &Handle{Name: "dhcpv6", Fn: dissectDHCPv6}
)

func init() {
	RegisterShortName(protoDHCPv6, "DHCPv6")
	UDPPort.Add(546, handleDHCPv6)
	UDPPort.Add(547, handleDHCPv6)
}

// dhcpv6Epoch is the DUID-LLT time origin, 2000-01-01 UTC, in seconds since the Unix epoch.
const dhcpv6Epoch = 946684800

func dissectDHCPv6(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("DHCPv6")
	c.ClearInfo()
	p := c.AddProto(parent, protoDHCPv6, t, 0, -1)
	dhcpv6Message(c, t, p, 0)
}

// dhcpv6Message dissects a message (a relay's inner message too) under p.
func dhcpv6Message(c *Ctx, t Tvb, p int32, depth int) {
	typ := uint64(t.U8(0))
	c.AddUintV(p, hfDHCPv6MsgType, t, 0, 1, typ)
	name, ok := dhcpv6MsgTypeVals[typ]
	if !ok {
		name = "Unknown (" + strconv.FormatUint(typ, 10) + ")"
	}
	if typ == 12 || typ == 13 { // Relay-forw, Relay-reply
		c.AppendInfo(name + " ")
		c.AddUint(p, hfDHCPv6Hopcount, t, 1, 1)
		c.AddBytes(p, hfDHCPv6LinkAddr, t, 2, 16)
		c.AddBytes(p, hfDHCPv6PeerAddr, t, 18, 16)
		c.AppendInfo("L: " + ipv6Text(t.Bytes(2, 16)) + " ")
		dhcpv6Options(c, t, p, 34, t.Len(), depth)
		return
	}
	xid := t.U24(1)
	c.AddUintV(p, hfDHCPv6XID, t, 1, 3, uint64(xid))
	c.AppendInfo(name + " XID: 0x" + strconv.FormatUint(uint64(xid), 16) + " ")
	dhcpv6Options(c, t, p, 4, t.Len(), depth)
}

// ipv6Text formats an IPv6 address.
func ipv6Text(b []byte) string { return string(field.AppendAddr(nil, b)) }

// dhcpv6Options dissects the options in t[o:end] under p.
func dhcpv6Options(c *Ctx, t Tvb, p int32, o, end, depth int) {
	for o+4 <= end {
		code := uint64(t.U16(o))
		l := int(t.U16(o + 2))
		name, ok := dhcpv6OptionVals[code]
		if !ok {
			name = "Unknown (" + strconv.FormatUint(code, 10) + ")"
		}
		on := c.AddText(p, t, o, 4+l, name)
		c.AddUintV(on, hfDHCPv6OptType, t, o, 2, code)
		c.AddUintV(on, hfDHCPv6OptLen, t, o+2, 2, uint64(l))
		t.Need(o+4, l)
		dhcpv6Option(c, t.SubLen(o+4, l), on, code, depth)
		o += 4 + l
	}
}

// dhcpv6Option dissects one option's value v.
func dhcpv6Option(c *Ctx, v Tvb, on int32, code uint64, depth int) {
	l := v.Len()
	switch code {
	case 1, 2: // client and server identifiers
		dhcpv6DUID(c, v, on)
		if code == 1 {
			c.AppendInfo("CID: " + hexString(v.B) + " ")
		}
	case 3, 25: // IA_NA, IA_PD
		c.AddString(on, hfDHCPv6IAID, v, 0, 4, hexString(v.Bytes(0, 4)))
		c.AddUint(on, hfDHCPv6T1, v, 4, 4)
		c.AddUint(on, hfDHCPv6T2, v, 8, 4)
		dhcpv6Options(c, v, on, 12, l, depth)
	case 4: // IA_TA
		c.AddString(on, hfDHCPv6IATA, v, 0, 4, hexString(v.Bytes(0, 4)))
		dhcpv6Options(c, v, on, 4, l, depth)
	case 5: // IA Address
		c.AddBytes(on, hfDHCPv6AddrIP, v, 0, 16)
		c.AddUint(on, hfDHCPv6AddrPref, v, 16, 4)
		c.AddUint(on, hfDHCPv6AddrValid, v, 20, 4)
		c.AppendInfo("IAA: " + ipv6Text(v.Bytes(0, 16)) + " ")
		dhcpv6Options(c, v, on, 24, l, depth)
	case 26: // IA Prefix
		c.AddUint(on, hfDHCPv6PfxPref, v, 0, 4)
		c.AddUint(on, hfDHCPv6PfxValid, v, 4, 4)
		c.AddUint(on, hfDHCPv6PfxLen, v, 8, 1)
		c.AddBytes(on, hfDHCPv6PfxAddr, v, 9, 16)
		dhcpv6Options(c, v, on, 25, l, depth)
	case 6: // Option Request
		for o := 0; o+2 <= l; o += 2 {
			c.AddUint(on, hfDHCPv6ReqOpt, v, o, 2)
		}
	case 7:
		c.AddUint(on, hfDHCPv6Pref, v, 0, 1)
	case 8:
		et := v.U16(0)
		n := c.AddUintV(on, hfDHCPv6Elapsed, v, 0, 2, uint64(et))
		c.Label(n, "Elapsed time: %dms", int(et)*10)
	case 9: // Relay Message: a whole message inside
		if depth < 8 && l > 0 {
			m := c.AddText(on, v, 0, l, "DHCPv6")
			dhcpv6Message(c, v, m, depth+1)
		}
	case 12:
		c.AddBytes(on, hfDHCPv6Unicast, v, 0, 16)
	case 13:
		c.AddUint(on, hfDHCPv6Status, v, 0, 2)
		if l > 2 {
			c.AddBytes(on, hfDHCPv6StatusMsg, v, 2, l-2)
		}
	case 18:
		c.AddBytes(on, hfDHCPv6IfaceID, v, 0, l)
	case 19:
		c.AddUint(on, hfDHCPv6Reconf, v, 0, 1)
	case 22, 23, 31: // SIP, DNS, SNTP servers
		hf := map[uint64]field.ID{22: hfDHCPv6SIPAddr, 23: hfDHCPv6DNS, 31: hfDHCPv6SNTP}[code]
		for o := 0; o+16 <= l; o += 16 {
			c.AddBytes(on, hf, v, o, 16)
		}
	case 24: // Domain Search List
		ln := c.AddText(on, v, 0, l, "Domain name suffix search list")
		dhcpv6Names(c, v, ln, hfDHCPv6Search)
	case 64: // AFTR name
		dhcpv6Names(c, v, on, hfDHCPv6AFTR)
	case 16:
		c.AddUint(on, hfDHCPv6VCEnt, v, 0, 4)
	case 17:
		c.AddUint(on, hfDHCPv6VOEnt, v, 0, 4)
	case 56: // NTP server suboptions
		for o := 0; o+4 <= l; {
			st, sl := uint64(v.U16(o)), int(v.U16(o+2))
			sn := c.AddText(on, v, o, 4+sl, "NTP Server")
			c.AddUintV(sn, hfDHCPv6NTPType, v, o, 2, st)
			c.AddUintV(sn, hfDHCPv6NTPLen, v, o+2, 2, uint64(sl))
			v.Need(o+4, sl)
			switch {
			case st == 1 && sl == 16:
				c.AddBytes(sn, hfDHCPv6NTPAddr, v, o+4, 16)
			case st == 2 && sl == 16:
				c.AddBytes(sn, hfDHCPv6NTPMcast, v, o+4, 16)
			case st == 3:
				dhcpv6Names(c, v.SubLen(o+4, sl), sn, hfDHCPv6NTPFQDN)
			}
			o += 4 + sl
		}
	}
}

// dhcpv6DUID adds a DUID and its structure.
func dhcpv6DUID(c *Ctx, v Tvb, on int32) {
	c.AddBytes(on, hfDHCPv6DUID, v, 0, v.Len())
	if v.Len() < 2 {
		return
	}
	typ := v.U16(0)
	c.AddUint(on, hfDHCPv6DUIDType, v, 0, 2)
	switch {
	case typ == 1 && v.Len() >= 8:
		c.AddUint(on, hfDHCPv6LLTHw, v, 2, 2)
		c.Add(on, hfDHCPv6LLTTime, v, 4, 4, field.Value{I: (int64(v.U32(4)) + dhcpv6Epoch) * 1e9})
		c.AddString(on, hfDHCPv6LLTAddr, v, 8, v.Len()-8, string(field.AppendHexSep(nil, v.B[8:], ':')))
	case typ == 3 && v.Len() >= 4:
		c.AddUint(on, hfDHCPv6LLHw, v, 2, 2)
		c.AddString(on, hfDHCPv6LLAddr, v, 4, v.Len()-4, string(field.AppendHexSep(nil, v.B[4:], ':')))
	case typ == 2 && v.Len() >= 6:
		c.AddUint(on, hfDHCPv6ENEnt, v, 2, 4)
		c.AddBytes(on, hfDHCPv6ENID, v, 6, v.Len()-6)
	case typ == 4:
		c.AddBytes(on, hfDHCPv6UUID, v, 2, v.Len()-2)
	}
}

// dhcpv6Names adds the DNS-encoded names in v (uncompressed, RFC 1035 3.1) as field hf, each with a
// trailing dot as Wireshark shows them.
func dhcpv6Names(c *Ctx, v Tvb, p int32, hf field.ID) {
	for o := 0; o < v.Len(); {
		start := o
		var name []byte
		for o < v.Len() {
			n := int(v.U8(o))
			o++
			if n == 0 {
				break
			}
			name = append(name, v.Bytes(o, n)...)
			name = append(name, '.')
			o += n
		}
		c.AddBytesV(p, hf, v, start, o-start, name)
	}
}
