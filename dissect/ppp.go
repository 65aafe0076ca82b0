package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// The Point-to-Point Protocol (Wireshark's packet-ppp.c) as GRE carries it for PPTP (protocol type
// 0x880b), as PPPoE sessions carry it, and as the PPP link types capture it, with its Link Control
// Protocol and the common configuration options.

var (
	protoPPP        = Fields.Protocol("ppp", "Point-to-Point Protocol")
	hfPppAddress    = Fields.Add(protoPPP, "ppp.address", "Address", field.Uint8, field.WithBase(field.Hex))
	hfPppControl    = Fields.Add(protoPPP, "ppp.control", "Control", field.Uint8, field.WithBase(field.Hex))
	hfPppProtocol   = Fields.Add(protoPPP, "ppp.protocol", "Protocol", field.Uint16, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{1: "Padding Protocol", 3: "ROHC small-CID", 5: "ROHC large-CID", 33: "Internet Protocol version 4", 35: "OSI Network Layer", 37: "Xerox NS IDP", 39: "DECnet Phase IV", 41: "Appletalk", 43: "Novell IPX", 45: "Van Jacobson Compressed TCP/IP", 47: "Van Jacobson Uncompressed TCP/IP", 49: "Bridging PDU", 51: "Stream Protocol (ST-II)", 53: "Banyan Vines", 57: "AppleTalk EDDP", 59: "AppleTalk SmartBuffered", 61: "Multi-Link", 63: "NETBIOS Framing", 65: "Cisco Systems", 67: "Ascom Timeplex", 69: "Fujitsu Link Backup and Load Balancing (LBLB)", 71: "DCA Remote Lan", 73: "Serial Data Transport Protocol (PPP-SDTP)", 75: "SNA over 802.2", 77: "SNA", 79: "IPv6 Header Compression ", 81: "KNX Bridging Data", 83: "Encryption", 85: "Individual Link Encryption", 87: "Internet Protocol version 6", 89: "PPP Muxing", 91: "Vendor-Specific Network Protocol (VSNP)", 93: "TRILL Network Protocol (TNP)", 97: "RTP IPHC Full Header", 99: "RTP IPHC Compressed TCP", 101: "RTP IPHC Compressed Non TCP", 103: "RTP IPHC Compressed UDP 8", 105: "RTP IPHC Compressed RTP 8", 111: "Stampede Bridging", 115: "MP+ Protocol", 193: "NTCITS IPI", 251: "Single link compression in multilink", 253: "Compressed datagram", 513: "802.1d Hello Packets", 515: "IBM Source Routing BPDU", 517: "DEC LANBridge100 Spanning Tree", 519: "Cisco Discovery Protocol", 521: "Netcs Twin Routing", 523: "STP - Scheduled Transfer Protocol", 525: "EDP - Extreme Discovery Protocol", 529: "Optical Supervisory Channel Protocol (OSCP)", 531: "Optical Supervisory Channel Protocol (OSCP)", 561: "Luxcom", 563: "Sigma Network Systems", 565: "Apple Client Server Protocol", 641: "MPLS Unicast", 643: "MPLS Multicast", 645: "IEEE p1284.4 standard - data packets", 647: "ETSI TETRA Network Protocol Type 1", 649: "Multichannel Flow Treatment Protocol", 8291: "RTP IPHC Compressed TCP No Delta", 8293: "RTP IPHC Context State", 8295: "RTP IPHC Compressed UDP 16", 8297: "RTP IPHC Compressed RTP 16", 16385: "Cray Communications Control Protocol", 16387: "CDPD Mobile Network Registration Protocol", 16389: "Expand accelerator protocol", 16391: "ODSICP NCP", 16393: "DOCSIS DLL", 16395: "Cetacean Network Detection Protocol", 16417: "Stacker LZS", 16419: "RefTek Protocol", 16421: "Fibre Channel", 16423: "EMIT Protocols", 16475: "Vendor-Specific Protocol (VSP)", 16477: "TRILL Link State Protocol (TLSP)", 32801: "Internet Protocol Control Protocol", 32803: "OSI Network Layer Control Protocol", 32805: "Xerox NS IDP Control Protocol", 32807: "DECnet Phase IV Control Protocol", 32809: "AppleTalk Control Protocol", 32811: "Novell IPX Control Protocol", 32817: "Bridging NCP", 32819: "Stream Protocol Control Protocol", 32821: "Banyan Vines Control Protocol", 32829: "Multi-Link Control Protocol", 32831: "NETBIOS Framing Control Protocol", 32833: "Cisco Systems Control Protocol", 32835: "Ascom Timeplex", 32837: "Fujitsu LBLB Control Protocol", 32839: "DCA Remote Lan Network Control Protocol (RLNCP)", 32841: "Serial Data Control Protocol (PPP-SDCP)", 32843: "SNA over 802.2 Control Protocol", 32845: "SNA Control Protocol", 32847: "IP6 Header Compression Control Protocol", 32849: "KNX Bridging Control Protocol", 32851: "Encryption Control Protocol", 32853: "Individual Link Encryption Control Protocol", 32855: "IPv6 Control Protocol", 32857: "PPP Muxing Control Protocol", 32859: "Vendor-Specific Network Control Protocol (VSNCP)", 32861: "TRILL Network Control Protocol", 32879: "Stampede Bridging Control Protocol", 32883: "MP+ Control Protocol", 32961: "NTCITS IPI Control Protocol", 33019: "Single link compression in multilink control", 33021: "Compression Control Protocol", 33287: "Cisco Discovery Protocol Control Protocol", 33289: "Netcs Twin Routing", 33291: "STP - Control Protocol", 33293: "EDPCP - Extreme Discovery Protocol Control Protocol", 33333: "Apple Client Server Protocol Control", 33409: "MPLS Control Protocol", 33413: "IEEE p1284.4 standard - Protocol Control", 33415: "ETSI TETRA TNP1 Control Protocol", 33417: "Multichannel Flow Treatment Protocol", 49185: "Link Control Protocol", 49187: "Password Authentication Protocol", 49189: "Link Quality Report", 49191: "Shiva Password Authentication Protocol", 49193: "Callback Control Protocol (CBCP)", 49195: "BACP Bandwidth Allocation Control Protocol", 49197: "BAP Bandwidth Allocation Protocol", 49243: "Vendor-Specific Authentication Protocol (VSAP)", 49281: "Container Control Protocol", 49699: "Challenge Handshake Authentication Protocol", 49701: "RSA Authentication Protocol", 49703: "Extensible Authentication Protocol", 49705: "Mitsubishi Security Information Exchange Protocol (SIEP)", 49775: "Stampede Bridging Authorization Protocol", 49793: "Proprietary Authentication Protocol", 49795: "Proprietary Authentication Protocol", 50305: "Proprietary Node ID Authentication Protocol"}))
	hfPppCode       = Fields.Add(protoPPP, "ppp.code", "Code", field.Uint8)
	hfPppIdentifier = Fields.Add(protoPPP, "ppp.identifier", "Identifier", field.Uint8, field.WithBase(field.DecHex))
	hfPppLength     = Fields.Add(protoPPP, "ppp.length", "Length", field.Uint16)
	handlePPP       = &Handle{Name: "ppp", Fn: dissectPPP}
	// handlePPPLink is PPP as a capture's link type, whose frames have no link-layer addresses.
	handlePPPLink = &Handle{Name: "ppp", Fn: func(c *Ctx, t Tvb, parent int32) {
		c.SetDLText("N/A", "N/A")
		dissectPPP(c, t, parent)
	}}

	// PPPProto hands a PPP payload on by its protocol number.
	PPPProto = NewTable("ppp.protocol")

	protoLCP             = Fields.Protocol("lcp", "PPP Link Control Protocol")
	hfLcpOptType         = Fields.Add(protoLCP, "lcp.opt.type", "Type", field.Uint8)
	hfLcpOptLength       = Fields.Add(protoLCP, "lcp.opt.length", "Length", field.Uint8)
	hfLcpOptMagicNumber  = Fields.Add(protoLCP, "lcp.opt.magic_number", "Magic Number", field.Uint32, field.WithBase(field.Hex))
	hfLcpOptOperation    = Fields.Add(protoLCP, "lcp.opt.operation", "Operation", field.Uint8, field.WithStrings(map[uint64]string{0: "Location is determined by user authentication", 1: "Message is dialing string", 2: "Message is location identifier", 3: "Message is E.164", 4: "Message is distinguished name", 5: "unassigned", 6: "Location is determined during CBCP negotiation"}))
	hfLcpOptMrru         = Fields.Add(protoLCP, "lcp.opt.mrru", "MRRU", field.Uint16, field.WithBlurb("Maximum Receive Reconstructed Unit"))
	hfLcpOptEpDiscClass  = Fields.Add(protoLCP, "lcp.opt.ep_disc_class", "Class", field.Uint8, field.WithStrings(map[uint64]string{0: "Null", 1: "Locally assigned address", 2: "Internet Protocol (IP) address", 3: "IEEE 802.1 globally assigned MAC address", 4: "PPP magic-number block", 5: "Public switched network directory number"}))
	hfLcpOptData         = Fields.Add(protoLCP, "lcp.opt.data", "Data", field.Bytes)
	hfLcpOptMru          = Fields.Add(protoLCP, "lcp.opt.mru", "Maximum Receive Unit", field.Uint16)
	hfLcpOptAsyncmap     = Fields.Add(protoLCP, "lcp.opt.asyncmap", "Async Control Character Map", field.Uint32, field.WithBase(field.Hex))
	hfLcpOptAuthProtocol = Fields.Add(protoLCP, "lcp.opt.auth_protocol", "Authentication Protocol", field.Uint16, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{1: "Padding Protocol", 3: "ROHC small-CID", 5: "ROHC large-CID", 33: "Internet Protocol version 4", 35: "OSI Network Layer", 37: "Xerox NS IDP", 39: "DECnet Phase IV", 41: "Appletalk", 43: "Novell IPX", 45: "Van Jacobson Compressed TCP/IP", 47: "Van Jacobson Uncompressed TCP/IP", 49: "Bridging PDU", 51: "Stream Protocol (ST-II)", 53: "Banyan Vines", 57: "AppleTalk EDDP", 59: "AppleTalk SmartBuffered", 61: "Multi-Link", 63: "NETBIOS Framing", 65: "Cisco Systems", 67: "Ascom Timeplex", 69: "Fujitsu Link Backup and Load Balancing (LBLB)", 71: "DCA Remote Lan", 73: "Serial Data Transport Protocol (PPP-SDTP)", 75: "SNA over 802.2", 77: "SNA", 79: "IPv6 Header Compression ", 81: "KNX Bridging Data", 83: "Encryption", 85: "Individual Link Encryption", 87: "Internet Protocol version 6", 89: "PPP Muxing", 91: "Vendor-Specific Network Protocol (VSNP)", 93: "TRILL Network Protocol (TNP)", 97: "RTP IPHC Full Header", 99: "RTP IPHC Compressed TCP", 101: "RTP IPHC Compressed Non TCP", 103: "RTP IPHC Compressed UDP 8", 105: "RTP IPHC Compressed RTP 8", 111: "Stampede Bridging", 115: "MP+ Protocol", 193: "NTCITS IPI", 251: "Single link compression in multilink", 253: "Compressed datagram", 513: "802.1d Hello Packets", 515: "IBM Source Routing BPDU", 517: "DEC LANBridge100 Spanning Tree", 519: "Cisco Discovery Protocol", 521: "Netcs Twin Routing", 523: "STP - Scheduled Transfer Protocol", 525: "EDP - Extreme Discovery Protocol", 529: "Optical Supervisory Channel Protocol (OSCP)", 531: "Optical Supervisory Channel Protocol (OSCP)", 561: "Luxcom", 563: "Sigma Network Systems", 565: "Apple Client Server Protocol", 641: "MPLS Unicast", 643: "MPLS Multicast", 645: "IEEE p1284.4 standard - data packets", 647: "ETSI TETRA Network Protocol Type 1", 649: "Multichannel Flow Treatment Protocol", 8291: "RTP IPHC Compressed TCP No Delta", 8293: "RTP IPHC Context State", 8295: "RTP IPHC Compressed UDP 16", 8297: "RTP IPHC Compressed RTP 16", 16385: "Cray Communications Control Protocol", 16387: "CDPD Mobile Network Registration Protocol", 16389: "Expand accelerator protocol", 16391: "ODSICP NCP", 16393: "DOCSIS DLL", 16395: "Cetacean Network Detection Protocol", 16417: "Stacker LZS", 16419: "RefTek Protocol", 16421: "Fibre Channel", 16423: "EMIT Protocols", 16475: "Vendor-Specific Protocol (VSP)", 16477: "TRILL Link State Protocol (TLSP)", 32801: "Internet Protocol Control Protocol", 32803: "OSI Network Layer Control Protocol", 32805: "Xerox NS IDP Control Protocol", 32807: "DECnet Phase IV Control Protocol", 32809: "AppleTalk Control Protocol", 32811: "Novell IPX Control Protocol", 32817: "Bridging NCP", 32819: "Stream Protocol Control Protocol", 32821: "Banyan Vines Control Protocol", 32829: "Multi-Link Control Protocol", 32831: "NETBIOS Framing Control Protocol", 32833: "Cisco Systems Control Protocol", 32835: "Ascom Timeplex", 32837: "Fujitsu LBLB Control Protocol", 32839: "DCA Remote Lan Network Control Protocol (RLNCP)", 32841: "Serial Data Control Protocol (PPP-SDCP)", 32843: "SNA over 802.2 Control Protocol", 32845: "SNA Control Protocol", 32847: "IP6 Header Compression Control Protocol", 32849: "KNX Bridging Control Protocol", 32851: "Encryption Control Protocol", 32853: "Individual Link Encryption Control Protocol", 32855: "IPv6 Control Protocol", 32857: "PPP Muxing Control Protocol", 32859: "Vendor-Specific Network Control Protocol (VSNCP)", 32861: "TRILL Network Control Protocol", 32879: "Stampede Bridging Control Protocol", 32883: "MP+ Control Protocol", 32961: "NTCITS IPI Control Protocol", 33019: "Single link compression in multilink control", 33021: "Compression Control Protocol", 33287: "Cisco Discovery Protocol Control Protocol", 33289: "Netcs Twin Routing", 33291: "STP - Control Protocol", 33293: "EDPCP - Extreme Discovery Protocol Control Protocol", 33333: "Apple Client Server Protocol Control", 33409: "MPLS Control Protocol", 33413: "IEEE p1284.4 standard - Protocol Control", 33415: "ETSI TETRA TNP1 Control Protocol", 33417: "Multichannel Flow Treatment Protocol", 49185: "Link Control Protocol", 49187: "Password Authentication Protocol", 49189: "Link Quality Report", 49191: "Shiva Password Authentication Protocol", 49193: "Callback Control Protocol (CBCP)", 49195: "BACP Bandwidth Allocation Control Protocol", 49197: "BAP Bandwidth Allocation Protocol", 49243: "Vendor-Specific Authentication Protocol (VSAP)", 49281: "Container Control Protocol", 49699: "Challenge Handshake Authentication Protocol", 49701: "RSA Authentication Protocol", 49703: "Extensible Authentication Protocol", 49705: "Mitsubishi Security Information Exchange Protocol (SIEP)", 49775: "Stampede Bridging Authorization Protocol", 49793: "Proprietary Authentication Protocol", 49795: "Proprietary Authentication Protocol", 50305: "Proprietary Node ID Authentication Protocol"}))
	hfLcpMagicNumber     = Fields.Add(protoLCP, "lcp.magic_number", "Magic Number", field.Uint32, field.WithBase(field.Hex))
	hfLcpData            = Fields.Add(protoLCP, "lcp.data", "Data", field.Bytes)
	handleLCP            = &Handle{Name: "lcp", Fn: dissectLCP}

	// Wireshark shows each LCP option as a protocol item of its own.
	lcpOptProtos = map[uint8]field.ID{
		1:  Fields.Protocol("lcp.opt.mtu_bytes", "Maximum Receive Unit"),
		2:  Fields.Protocol("lcp.opt.asyncmap_bytes", "Async Control Character Map"),
		3:  Fields.Protocol("lcp.opt.auth_protocol_bytes", "Authentication Protocol"),
		5:  Fields.Protocol("lcp.opt.magic_number_bytes", "Magic Number"),
		7:  Fields.Protocol("lcp.opt.field_compress", "Protocol Field Compression"),
		8:  Fields.Protocol("lcp.opt.addr_field_compress", "Address and Control Field Compression"),
		13: Fields.Protocol("lcp.opt.callback", "Callback"),
		17: Fields.Protocol("lcp.opt.multilink_mrru", "Multilink MRRU"),
		18: Fields.Protocol("lcp.opt.multilink_ssnh", "Multilink Short Sequence Number Header"),
		19: Fields.Protocol("lcp.opt.multilink_ep_disc", "Multilink Endpoint Discriminator"),
	}
)

var lcpCodeNames = map[uint64]string{1: "Configuration Request", 2: "Configuration Ack", 3: "Configuration Nak",
	4: "Configuration Reject", 5: "Termination Request", 6: "Termination Ack", 7: "Code Reject", 8: "Protocol Reject",
	9: "Echo Request", 10: "Echo Reply", 11: "Discard Request", 12: "Identification", 13: "Time Remaining"}

func init() {
	RegisterShortName(protoPPP, "PPP")
	RegisterShortName(protoLCP, "PPP LCP")
	GREProto.Add(0x880b, handlePPP)
	LinkTypes.Add(9, handlePPPLink)
	LinkTypes.Add(50, handlePPPLink) // PPP in HDLC-like framing
	RegisterEncap(9, 4, "PPP")
	RegisterEncap(50, 19, "PPP in HDLC-like framing")
	PPPProto.Add(0x0281, handleMPLS)
	PPPProto.Add(0xc021, handleLCP)
	Fields.Get(hfPppCode).Strings = lcpCodeNames
}

func dissectPPP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("PPP")
	o := 0
	hasAC := t.Len() >= 2 && t.U8(0) == 0xff
	var proto uint64
	var pl int
	if hasAC {
		o = 2
	}
	if t.U8(o)&1 != 0 {
		proto, pl = uint64(t.U8(o)), 1
	} else {
		proto, pl = uint64(t.U16(o)), 2
	}
	p := c.AddProto(parent, protoPPP, t, 0, o+pl)
	if hasAC {
		c.AddUint(p, hfPppAddress, t, 0, 1)
		c.AddUint(p, hfPppControl, t, 1, 1)
	}
	c.AddUintV(p, hfPppProtocol, t, o, pl, proto)
	next := t.Sub(o + pl)
	switch proto {
	case 0x21:
		if c.TryTable(EtherType, 0x0800, next, parent) {
			return
		}
	case 0x57:
		if c.TryTable(EtherType, 0x86dd, next, parent) {
			return
		}
	default:
		if c.TryTable(PPPProto, proto, next, parent) {
			return
		}
	}
	if _, known := Fields.Get(hfPppProtocol).Strings[proto]; !known && c.Cols.On {
		c.SetProtocol("0x" + hex4(proto))
		c.SetInfo("PPP Unknown (0x" + hex4(proto) + ")")
	}
	c.CallData(next, parent)
}

var lcpOptNames = map[uint8]string{1: "Maximum Receive Unit", 2: "Async Control Character Map", 3: "Authentication Protocol",
	4: "Quality Protocol", 5: "Magic Number", 7: "Protocol Field Compression", 8: "Address and Control Field Compression",
	13: "Callback", 17: "Multilink MRRU", 18: "Multilink Short Sequence Number Header", 19: "Multilink Endpoint Discriminator"}

func dissectLCP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("PPP LCP")
	code := uint64(t.U8(0))
	l := int(t.U16(2))
	p := c.AddProto(parent, protoLCP, t, 0, l)
	c.AddUintV(p, hfPppCode, t, 0, 1, code)
	c.AddUint(p, hfPppIdentifier, t, 1, 1)
	c.AddUint(p, hfPppLength, t, 2, 2)
	name, ok := lcpCodeNames[code]
	if !ok {
		name = "Unknown"
	}
	c.SetInfo(name)
	end := min(l, t.Len())
	switch code {
	case 1, 2, 3, 4:
		if end <= 4 {
			return
		}
		label := "Options: (" + strconv.Itoa(end-4) + " bytes)"
		for o := 4; o+2 <= end; {
			ol := int(t.U8(o + 1))
			if ol < 2 {
				break
			}
			if n, ok := lcpOptNames[t.U8(o)]; ok {
				label += ", " + n
			}
			o += ol
		}
		opts := c.AddText(p, t, 4, end-4, label)
		for o := 4; o+2 <= end; {
			ty := t.U8(o)
			ol := int(t.U8(o + 1))
			if ol < 2 || o+ol > end {
				break
			}
			lcpOption(c, t, opts, o, ty, ol)
			o += ol
		}
	case 9, 10, 11:
		if end >= 8 {
			c.AddUint(p, hfLcpMagicNumber, t, 4, 4)
		}
		if end > 8 {
			c.AddBytes(p, hfLcpData, t, 8, end-8)
		}
	}
}

// lcpOption adds the option of type ty and length ol at o.
func lcpOption(c *Ctx, t Tvb, opts int32, o int, ty uint8, ol int) {
	pf, ok := lcpOptProtos[ty]
	var on int32
	if ok {
		on = c.AddProto(opts, pf, t, o, ol)
	} else {
		on = c.AddText(opts, t, o, ol, "Unknown option "+strconv.Itoa(int(ty)))
	}
	tn := c.AddUintV(on, hfLcpOptType, t, o, 1, uint64(ty))
	if n, ok := lcpOptNames[ty]; ok {
		c.Label(tn, "Type: %s (%d)", n, ty)
	}
	c.AddUint(on, hfLcpOptLength, t, o+1, 1)
	v := o + 2
	switch {
	case ty == 1 && ol == 4:
		_, mru := c.AddUint(on, hfLcpOptMru, t, v, 2)
		c.Label(on, "Maximum Receive Unit: %d", mru)
	case ty == 2 && ol == 6:
		_, m := c.AddUint(on, hfLcpOptAsyncmap, t, v, 4)
		c.Label(on, "Async Control Character Map: 0x%08x", m)
	case ty == 5 && ol == 6:
		_, m := c.AddUint(on, hfLcpOptMagicNumber, t, v, 4)
		c.Label(on, "Magic Number: 0x%08x", m)
	case ty == 13 && ol >= 3:
		n, op := c.AddUint(on, hfLcpOptOperation, t, v, 1)
		name, _ := Fields.Get(hfLcpOptOperation).ValueName(op)
		_ = n
		c.Label(on, "Callback: %s", name)
		if ol > 3 {
			c.AddBytes(on, hfLcpOptData, t, v+1, ol-3)
		}
	case ty == 17 && ol == 4:
		_, m := c.AddUint(on, hfLcpOptMrru, t, v, 2)
		c.Label(on, "Multilink MRRU: %d", m)
	case ty == 19 && ol >= 3:
		_, cl := c.AddUint(on, hfLcpOptEpDiscClass, t, v, 1)
		name, _ := Fields.Get(hfLcpOptEpDiscClass).ValueName(cl)
		c.Label(on, "Multilink Endpoint Discriminator: Class: %s", name)
		if ol > 3 {
			c.AddBytes(on, hfLcpOptData, t, v+1, ol-3)
		}
	default:
		if ol > 2 {
			c.AddBytes(on, hfLcpOptData, t, v, ol-2)
		}
	}
}
