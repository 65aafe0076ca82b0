package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Protocol Independent Multicast version 2, IP protocol 103 (Wireshark's packet-pim.c): the common
// header with its checksum, Hello options, and Register messages with the packet they carry. Other
// message types show the header only.

var (
	protoPIM                      = Fields.Protocol("pim", "Protocol Independent Multicast")
	hfPimVersion                  = Fields.Add(protoPIM, "pim.version", "Version", field.Uint8, field.WithMask(0xf0))
	hfPimType                     = Fields.Add(protoPIM, "pim.type", "Type", field.Uint8, field.WithMask(0xf), field.WithStrings(map[uint64]string{0: "Hello", 1: "Register", 2: "Register-stop", 3: "Join/Prune", 4: "Bootstrap", 5: "Assert", 6: "Graft", 7: "Graft-Ack", 8: "Candidate-RP-Advertisement", 9: "State-Refresh", 10: "DF election", 11: "ECMP redirect", 12: "PFM source discovery"}))
	hfPimResBytes                 = Fields.Add(protoPIM, "pim.res_bytes", "Reserved byte(s)", field.Bytes)
	hfPimCksum                    = Fields.Add(protoPIM, "pim.cksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfPimOption                   = Fields.Add(protoPIM, "pim.option", "PIM Options", field.None)
	hfPimOptiontype               = Fields.Add(protoPIM, "pim.optiontype", "Type", field.Uint16)
	hfPimOptionlength             = Fields.Add(protoPIM, "pim.optionlength", "Length", field.Uint16)
	hfPimHoldtime                 = Fields.Add(protoPIM, "pim.holdtime", "Holdtime", field.Uint16, field.WithStrings(map[uint64]string{65535: "Infinity", 0: "goodbye"}), field.WithBlurb("The amount of time a receiver must keep the neighbor reachable, in seconds."))
	hfPimGenerationId             = Fields.Add(protoPIM, "pim.generation_id", "Generation ID", field.Uint32)
	hfPimDrPriority               = Fields.Add(protoPIM, "pim.dr_priority", "DR Priority", field.Uint32)
	hfPimStateRefreshVersion      = Fields.Add(protoPIM, "pim.state_refresh_version", "Version", field.Uint8)
	hfPimStateRefreshInterval     = Fields.Add(protoPIM, "pim.state_refresh_interval", "Interval", field.Uint8, field.WithBlurb("Units in seconds."))
	hfPimStateRefreshReserved     = Fields.Add(protoPIM, "pim.state_refresh_reserved", "Reserved", field.Uint16)
	hfPimOptionvalue              = Fields.Add(protoPIM, "pim.optionvalue", "Unknown", field.Bytes)
	hfPimRegisterFlag             = Fields.Add(protoPIM, "pim.register_flag", "Flags", field.Uint32, field.WithBase(field.Hex))
	hfPimRegisterFlagBorder       = Fields.Add(protoPIM, "pim.register_flag.border", "Border", field.Bool, field.WithBase(32), field.WithMask(0x80000000), field.WithTrueFalse("Yes", "No"))
	hfPimRegisterFlagNullRegister = Fields.Add(protoPIM, "pim.register_flag.null_register", "Null-Register", field.Bool, field.WithBase(32), field.WithMask(0x40000000), field.WithTrueFalse("Yes", "No"))
	hfPimT                        = Fields.Add(protoPIM, "pim.t", "T", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithBlurb("Specifies the ability of the sending router to disable joins suppression."))
	hfPimPropagationDelay         = Fields.Add(protoPIM, "pim.propagation_delay", "Propagation Delay", field.Uint16, field.WithMask(0x7fff), field.WithBlurb("Units are milli-seconds"))
	hfPimOverrideInterval         = Fields.Add(protoPIM, "pim.override_interval", "Override Interval", field.Uint16, field.WithBlurb("Units are milli-seconds"))
	hfPimAddressList              = Fields.Add(protoPIM, "pim.address_list", "Address", field.IPv4)
	hfPimAddrAddressFamily        = Fields.Add(protoPIM, "pim.addr_address_family", "Address Family", field.Uint8, field.WithStrings(afnVals))
	hfPimAddrEncodingType         = Fields.Add(protoPIM, "pim.addr_encoding_type", "Encoding Type", field.Uint8, field.WithStrings(map[uint64]string{0: "Native", 1: "Native with Join Attribute"}))
	hfPimUnicast                  = Fields.Add(protoPIM, "pim.unicast", "Unicast", field.IPv4)
	hfPimUnicastIpv6              = Fields.Add(protoPIM, "pim.unicast_ipv6", "Unicast", field.IPv6)
	hfPimIpVersion                = Fields.Add(protoPIM, "pim.ip_version", "IP Version", field.Uint8, field.WithMask(0xf0), field.WithStrings(map[uint64]string{0: "Dummy Header", 4: "IPv4", 6: "IPv6"}))
	hfPimAddressListIp6           = Fields.Add(protoPIM, "pim.address_list_ip6", "Address", field.IPv6)
	hfPimCksumStatus              = Fields.Add(protoPIM, "pim.cksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))
	eiPIMChecksum                 = RegisterExpert(protoPIM, "pim.cksum.bad", "Bad checksum", GroupChecksum, SevError)
	handlePIM                     = &Handle{Name: "pim", Fn: dissectPIM}
)

func init() {
	RegisterShortName(protoPIM, "PIM")
	IPProto.Add(103, handlePIM)
}

func dissectPIM(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("PIM")
	c.ClearInfo()
	vt := t.U8(0)
	ver, typ := vt>>4, uint64(vt&0x0f)
	if ver != 2 {
		c.SetProtocol("PIMv" + strconv.Itoa(int(ver)))
		p := c.AddProto(parent, protoPIM, t, 0, -1)
		c.AddUint(p, hfPimVersion, t, 0, 1)
		return
	}
	c.SetProtocol("PIMv2")
	typeName, ok := Fields.Get(hfPimType).ValueName(typ)
	if !ok {
		typeName = "Unknown (" + strconv.FormatUint(typ, 10) + ")"
	}
	c.SetInfo(typeName)
	p := c.AddProto(parent, protoPIM, t, 0, -1)
	c.AddUint(p, hfPimVersion, t, 0, 1)
	c.AddUint(p, hfPimType, t, 0, 1)
	c.AddBytes(p, hfPimResBytes, t, 1, 1)
	pimChecksum(c, t, p, typ)
	switch typ {
	case 0:
		pimHello(c, t, p)
	case 1:
		pimRegister(c, t, p, parent, typeName)
	}
}

// pimChecksum verifies the checksum: over the header only for Register messages, over the whole
// message otherwise, with the IPv6 pseudo-header over IPv6.
func pimChecksum(c *Ctx, t Tvb, p int32, typ uint64) {
	ck := t.U16(2)
	n := c.AddUintV(p, hfPimCksum, t, 2, 2, uint64(ck))
	msg := t.B
	if typ == 1 {
		msg = t.B[:min(8, len(t.B))]
	}
	status := uint64(2)
	if c.unreported(t) == 0 || typ == 1 {
		var sum uint16
		if len(c.NetSrc) == 16 && len(c.NetDst) == 16 {
			var ph [40]byte
			copy(ph[0:], c.NetSrc)
			copy(ph[16:], c.NetDst)
			l := len(msg)
			ph[32], ph[33], ph[34], ph[35] = byte(l>>24), byte(l>>16), byte(l>>8), byte(l)
			ph[39] = 103
			sum = inetChecksum(ph[:], msg)
		} else {
			sum = inetChecksum(msg)
		}
		if sum == 0 {
			status = 1
			c.Label(n, "Checksum: 0x%04x [correct]", ck)
		} else {
			status = 0
			c.Label(n, "Checksum: 0x%04x [incorrect]", ck)
		}
	}
	st := c.AddGenerated(p, hfPimCksumStatus, t, 2, 0, field.Value{U: status})
	c.Label(st, "Checksum Status: %s", checksumStatusVals[status])
	if status == 0 {
		c.Expert(st, eiPIMChecksum, t, 2, 2, "")
	}
}

// pimHello adds the Hello options after the header.
func pimHello(c *Ctx, t Tvb, p int32) {
	count := 0
	for o := 4; o+4 <= t.Len(); o += 4 + int(t.U16(o+2)) {
		count++
	}
	opts := c.AddProto(p, hfPimOption, t, 4, t.Len()-4)
	c.Label(opts, "PIM Options: %d", count)
	for o := 4; o+4 <= t.Len(); {
		typ := int(t.U16(o))
		l := int(t.U16(o + 2))
		if !t.Has(o+4, l) {
			l = t.Len() - o - 4
		}
		v := o + 4
		label := "Option " + strconv.Itoa(typ) + ": "
		switch {
		case typ == 1 && l == 2:
			label += "Hold Time: " + pimHoldtime(uint64(t.U16(v)))
		case typ == 2 && l == 4:
			label += "LAN Prune Delay: T = " + strconv.Itoa(int(t.U8(v)>>7)) + ", Propagation Delay = " +
				strconv.Itoa(int(t.U16(v)&0x7fff)) + "ms, Override Interval = " + strconv.Itoa(int(t.U16(v+2))) + "ms"
		case typ == 19 && l == 4:
			label += "DR Priority: " + strconv.FormatUint(uint64(t.U32(v)), 10)
		case typ == 20 && l == 4:
			label += "Generation ID: " + strconv.FormatUint(uint64(t.U32(v)), 10)
		case typ == 21 && l == 4:
			label += "State-Refresh: Version = " + strconv.Itoa(int(t.U8(v))) + ", Interval = " + strconv.Itoa(int(t.U8(v+1))) + "s"
		case typ == 22:
			label += "Bidirectional Capable"
		case typ == 24:
			label += "Address List"
		case typ == 65004:
			label += "RPF Proxy Vector (Cisco proprietary)"
		default:
			label += "Unknown: " + strconv.Itoa(typ)
		}
		on := c.AddText(opts, t, o, 4+l, label)
		c.AddUint(on, hfPimOptiontype, t, o, 2)
		c.AddUint(on, hfPimOptionlength, t, o+2, 2)
		switch {
		case typ == 1 && l == 2:
			hn, hv := c.AddUint(on, hfPimHoldtime, t, v, 2)
			c.Label(hn, "Holdtime: %s", pimHoldtime(hv))
		case typ == 2 && l == 4:
			c.AddUint(on, hfPimT, t, v, 1)
			c.AddUint(on, hfPimPropagationDelay, t, v, 2)
			c.AddUint(on, hfPimOverrideInterval, t, v+2, 2)
		case typ == 19 && l == 4:
			c.AddUint(on, hfPimDrPriority, t, v, 4)
		case typ == 20 && l == 4:
			c.AddUint(on, hfPimGenerationId, t, v, 4)
		case typ == 21 && l == 4:
			c.AddUint(on, hfPimStateRefreshVersion, t, v, 1)
			c.AddUint(on, hfPimStateRefreshInterval, t, v+1, 1)
			c.AddUint(on, hfPimStateRefreshReserved, t, v+2, 2)
		case typ == 24:
			al := c.AddText(on, t, o, 4+l, "Address List (24)")
			for a := v; a+2 <= v+l; {
				fam := t.U8(a)
				n := 4
				hf, hfU := hfPimAddressList, hfPimUnicast
				if fam == 2 {
					n, hf, hfU = 16, hfPimAddressListIp6, hfPimUnicastIpv6
				} else if fam != 1 {
					break
				}
				if !t.Has(a+2, n) {
					break
				}
				an := c.AddBytes(al, hf, t, a, 2+n)
				if c.Visible() {
					c.T.Nodes[an].Value.B = t.Bytes(a+2, n)
				}
				c.AddUint(an, hfPimAddrAddressFamily, t, a, 1)
				c.AddUint(an, hfPimAddrEncodingType, t, a+1, 1)
				c.AddBytes(an, hfU, t, a+2, n)
				a += 2 + n
			}
		case typ == 22 || typ == 65004:
		default:
			if l > 0 {
				c.AddBytes(on, hfPimOptionvalue, t, v, l)
			}
		}
		o = v + l
	}
}

func pimHoldtime(v uint64) string {
	switch v {
	case 65535:
		return "Infinity"
	case 0:
		return "goodbye"
	}
	return strconv.FormatUint(v, 10)
}

// pimRegister adds a Register message's flags and hands the packet it carries to IP.
func pimRegister(c *Ctx, t Tvb, p, parent int32, typeName string) {
	opts := c.AddProto(p, hfPimOption, t, 4, t.Len()-4)
	fn, _ := c.AddUint(opts, hfPimRegisterFlag, t, 4, 4)
	c.AddUint(fn, hfPimRegisterFlagBorder, t, 4, 4)
	c.AddUint(fn, hfPimRegisterFlagNullRegister, t, 4, 4)
	if t.Len() <= 8 {
		return
	}
	_, v := c.AddUint(opts, hfPimIpVersion, t, 8, 1)
	inner := t.Sub(8)
	switch v {
	case 4:
		c.TryTable(EtherType, 0x0800, inner, parent)
	case 6:
		c.TryTable(EtherType, 0x86dd, inner, parent)
	default:
		return
	}
	// the Protocol and Info columns stay PIM's
	c.SetProtocol("PIMv2")
	c.SetInfo(typeName)
}

// afnVals names IANA address family numbers (Wireshark's afn_vals).
var afnVals = map[uint64]string{0: "Reserved", 1: "IPv4", 2: "IPv6", 3: "NSAP", 4: "HDLC (8-bit multidrop)", 5: "BBN 1822", 6: "802 (includes all 802 media plus Ethernet)", 7: "E.163", 8: "E.164 (SMDS, Frame Relay, ATM)", 9: "F.69 (Telex)", 10: "X.121 (X.25, Frame Relay)", 11: "IPX", 12: "Appletalk", 13: "Decnet IV", 14: "Banyan Vines", 15: "E.164 with NSAP subaddress", 16: "DNS (Domain Name System)", 17: "Distinguished Name", 18: "AS Number", 19: "XTP over IP version 4", 20: "XTP over IP version 6", 21: "XTP native mode XTP", 22: "Fibre Channel World-Wide Port Name", 23: "Fibre Channel World-Wide Node Name", 24: "GWID", 25: "Layer-2 VPN", 196: "Layer-2 VPN (old)", 26: "MPLS-TP Section Endpoint Identifier", 27: "MPLS-TP LSP Endpoint Identifier", 28: "MPLS-TP Pseudowire Endpoint Identifier", 29: "MT IP: Multi-Topology IP version 4", 30: "MT IPv6: Multi-Topology IP version 6", 16384: "EIGRP Common Service Family", 16385: "EIGRP IPv4 Service Family", 16386: "EIGRP IPv6 Service Family", 16387: "LISP Canonical Address Format (LCAF)", 16388: "BGP-LS", 16389: "48-bit MAC Address", 16390: "64-bit MAC Address", 16391: "OUI", 16392: "MAC/24", 16393: "MAC/40", 16394: "IPv6/64", 16395: "RBridge Port ID", 16396: "TRILL Nickname", 65535: "Reserved"}
