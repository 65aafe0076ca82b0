package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// NBMA Next Hop Resolution Protocol (RFC 2332 with Cisco's extensions, RFC 2520, RFC 2735), over
// GRE (protocol type 0x2001) and IP protocol 54 (Wireshark's packet-nhrp.c): fixed header,
// mandatory part with client information entries, extensions, and the packet an indication quotes.

var (
	protoNHRP                = Fields.Protocol("nhrp", "NBMA Next Hop Resolution Protocol")
	hfNHRPHdrAfn             = Fields.Add(protoNHRP, "nhrp.hdr.afn", "Address Family Number", field.Uint16, field.WithBase(field.HexDec), field.WithStrings(afnVals))
	hfNHRPHdrProType         = Fields.Add(protoNHRP, "nhrp.hdr.pro.type", "Protocol Type (short form)", field.Uint16, field.WithBase(field.HexDec))
	hfNHRPHdrProSnapOui      = Fields.Add(protoNHRP, "nhrp.hdr.pro.snap.oui", "Protocol Type (long form) - OUI", field.Uint24, field.WithBase(field.Hex))
	hfNHRPHdrProSnapPid      = Fields.Add(protoNHRP, "nhrp.hdr.pro.snap.pid", "Protocol Type (long form) - PID", field.Uint16, field.WithBase(field.Hex))
	hfNHRPHdrHopcnt          = Fields.Add(protoNHRP, "nhrp.hdr.hopcnt", "Hop Count", field.Uint8)
	hfNHRPHdrPktsz           = Fields.Add(protoNHRP, "nhrp.hdr.pktsz", "Packet Length", field.Uint16)
	hfNHRPHdrChksum          = Fields.Add(protoNHRP, "nhrp.hdr.chksum", "NHRP Packet Checksum", field.Uint16, field.WithBase(field.Hex))
	hfNHRPHdrChksumStatus    = Fields.Add(protoNHRP, "nhrp.hdr.chksum.status", "NHRP Packet Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))
	hfNHRPHdrExtoff          = Fields.Add(protoNHRP, "nhrp.hdr.extoff", "Extension Offset", field.Uint16)
	hfNHRPHdrVersion         = Fields.Add(protoNHRP, "nhrp.hdr.version", "Version", field.Uint8)
	hfNHRPHdrOpType          = Fields.Add(protoNHRP, "nhrp.hdr.op.type", "NHRP Packet Type", field.Uint8, field.WithStrings(nhrpOpVals))
	hfNHRPHdrShtl            = Fields.Add(protoNHRP, "nhrp.hdr.shtl", "Source Address Type/Len", field.Uint8)
	hfNHRPHdrShtlType        = Fields.Add(protoNHRP, "nhrp.hdr.shtl.type", "Type", field.Uint8, field.WithMask(0x40), field.WithStrings(nhrpTLTypeVals))
	hfNHRPHdrShtlLen         = Fields.Add(protoNHRP, "nhrp.hdr.shtl.len", "Length", field.Uint8, field.WithMask(0x3f))
	hfNHRPHdrSstl            = Fields.Add(protoNHRP, "nhrp.hdr.sstl", "Source SubAddress Type/Len", field.Uint8)
	hfNHRPHdrSstlType        = Fields.Add(protoNHRP, "nhrp.hdr.sstl.type", "Type", field.Uint8, field.WithMask(0x40), field.WithStrings(nhrpTLTypeVals))
	hfNHRPHdrSstlLen         = Fields.Add(protoNHRP, "nhrp.hdr.sstl.len", "Length", field.Uint8, field.WithMask(0x3f))
	hfNHRPSrcProtLen         = Fields.Add(protoNHRP, "nhrp.src.prot.len", "Source Protocol Len", field.Uint16)
	hfNHRPDstProtLen         = Fields.Add(protoNHRP, "nhrp.dst.prot.len", "Destination Protocol Len", field.Uint16)
	hfNHRPFlags              = Fields.Add(protoNHRP, "nhrp.flags", "Flags", field.Uint16, field.WithBase(field.Hex))
	hfNHRPFlagQ              = Fields.Add(protoNHRP, "nhrp.flag.q", "Is Router", field.Bool, field.WithBase(16), field.WithMask(0x8000))
	hfNHRPFlagN              = Fields.Add(protoNHRP, "nhrp.flag.n", "Expected Purge Reply", field.Bool, field.WithBase(16), field.WithMask(0x8000))
	hfNHRPFlagA              = Fields.Add(protoNHRP, "nhrp.flag.a", "Authoritative", field.Bool, field.WithBase(16), field.WithMask(0x4000), field.WithBlurb("A bit"))
	hfNHRPFlagD              = Fields.Add(protoNHRP, "nhrp.flag.d", "Stable Association", field.Bool, field.WithBase(16), field.WithMask(0x2000), field.WithBlurb("D bit"))
	hfNHRPFlagU              = Fields.Add(protoNHRP, "nhrp.flag.u", "Uniqueness Bit", field.Bool, field.WithBase(16), field.WithMask(0x1000), field.WithBlurb("U bit"))
	hfNHRPFlagS              = Fields.Add(protoNHRP, "nhrp.flag.s", "Stable Binding", field.Bool, field.WithBase(16), field.WithMask(0x0800), field.WithBlurb("S bit"))
	hfNHRPFlagNAT            = Fields.Add(protoNHRP, "nhrp.flag.nat", "Cisco NAT Supported", field.Bool, field.WithBase(16), field.WithMask(0x0002), field.WithBlurb("NAT bit"))
	hfNHRPReqid              = Fields.Add(protoNHRP, "nhrp.reqid", "Request ID", field.Uint32, field.WithBase(field.HexDec))
	hfNHRPSrcNbmaAddr        = Fields.Add(protoNHRP, "nhrp.src.nbma.addr", "Source NBMA Address", field.IPv4)
	hfNHRPSrcNbmaSaddr       = Fields.Add(protoNHRP, "nhrp.src.nbma.saddr", "Source NBMA Sub Address", field.Bytes)
	hfNHRPSrcProtAddr        = Fields.Add(protoNHRP, "nhrp.src.prot.addr", "Source Protocol Address", field.IPv4)
	hfNHRPDstProtAddr        = Fields.Add(protoNHRP, "nhrp.dst.prot.addr", "Destination Protocol Address", field.IPv4)
	hfNHRPCode               = Fields.Add(protoNHRP, "nhrp.code", "Code", field.Uint8, field.WithStrings(nhrpCIECodeVals))
	hfNHRPPrefix             = Fields.Add(protoNHRP, "nhrp.prefix", "Prefix Length", field.Uint8)
	hfNHRPUnused             = Fields.Add(protoNHRP, "nhrp.unused", "Unused", field.Uint16)
	hfNHRPMtu                = Fields.Add(protoNHRP, "nhrp.mtu", "Max Transmission Unit", field.Uint16)
	hfNHRPHtime              = Fields.Add(protoNHRP, "nhrp.htime", "Holding Time (s)", field.Uint16)
	hfNHRPCliAddrTl          = Fields.Add(protoNHRP, "nhrp.cli.addr_tl", "Client Address Type/Len", field.Uint8)
	hfNHRPCliAddrTlType      = Fields.Add(protoNHRP, "nhrp.cli.addr_tl.type", "Type", field.Uint8, field.WithMask(0x40), field.WithStrings(nhrpTLTypeVals))
	hfNHRPCliAddrTlLen       = Fields.Add(protoNHRP, "nhrp.cli.addr_tl.len", "Length", field.Uint8, field.WithMask(0x3f))
	hfNHRPCliSaddrTl         = Fields.Add(protoNHRP, "nhrp.cli.saddr_tl", "Client Sub Address Type/Len", field.Uint8)
	hfNHRPCliSaddrTlType     = Fields.Add(protoNHRP, "nhrp.cli.saddr_tl.type", "Type", field.Uint8, field.WithMask(0x40), field.WithStrings(nhrpTLTypeVals))
	hfNHRPCliSaddrTlLen      = Fields.Add(protoNHRP, "nhrp.cli.saddr_tl.len", "Length", field.Uint8, field.WithMask(0x3f))
	hfNHRPProtLen            = Fields.Add(protoNHRP, "nhrp.prot.len", "Client Protocol Length", field.Uint8)
	hfNHRPPref               = Fields.Add(protoNHRP, "nhrp.pref", "CIE Preference Value", field.Uint8)
	hfNHRPClientNbmaAddr     = Fields.Add(protoNHRP, "nhrp.client.nbma.addr", "Client NBMA Address", field.IPv4)
	hfNHRPClientNbmaSaddr    = Fields.Add(protoNHRP, "nhrp.client.nbma.saddr", "Client NBMA Sub Address", field.Bytes)
	hfNHRPClientProtAddr     = Fields.Add(protoNHRP, "nhrp.client.prot.addr", "Client Protocol Address", field.IPv4)
	hfNHRPExtC               = Fields.Add(protoNHRP, "nhrp.ext.c", "Compulsory Flag", field.Bool, field.WithBase(16), field.WithMask(0x8000))
	hfNHRPExtType            = Fields.Add(protoNHRP, "nhrp.ext.type", "Extension Type", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x3fff))
	hfNHRPExtLen             = Fields.Add(protoNHRP, "nhrp.ext.len", "Extension length", field.Uint16)
	hfNHRPErrCode            = Fields.Add(protoNHRP, "nhrp.err.code", "Error Code", field.Uint16, field.WithStrings(nhrpErrorVals))
	hfNHRPErrOffset          = Fields.Add(protoNHRP, "nhrp.err.offset", "Error Offset", field.Uint16)
	hfNHRPAuthExtReserved    = Fields.Add(protoNHRP, "nhrp.auth_ext.reserved", "Reserved", field.Uint16)
	hfNHRPAuthExtSpi         = Fields.Add(protoNHRP, "nhrp.auth_ext.spi", "SPI", field.Uint16, field.WithBlurb("Security Parameter Index"))
	hfNHRPAuthExtSrcAddr     = Fields.Add(protoNHRP, "nhrp.auth_ext.src_addr", "Source Address", field.IPv4)
	hfNHRPVendorExtID        = Fields.Add(protoNHRP, "nhrp.vendor_ext.id", "Vendor ID", field.Uint24)
	hfNHRPDevcapSrccap       = Fields.Add(protoNHRP, "nhrp.devcap_ext.srccap", "Source Capabilities", field.Uint32, field.WithBase(field.Hex))
	hfNHRPDevcapSrccapV      = Fields.Add(protoNHRP, "nhrp.devcap_ext.srccap.V", "VPN-aware", field.Bool, field.WithBase(32), field.WithMask(1))
	hfNHRPDevcapDstcap       = Fields.Add(protoNHRP, "nhrp.devcap_ext.dstcap", "Destination Capabilities", field.Uint32, field.WithBase(field.Hex))
	hfNHRPDevcapDstcapV      = Fields.Add(protoNHRP, "nhrp.devcap_ext.dstcap.V", "VPN-aware", field.Bool, field.WithBase(32), field.WithMask(1))
	hfNHRPUnknownExtValue    = Fields.Add(protoNHRP, "nhrp.unknown_ext.value", "Extension Value", field.Bytes)
	hfNHRPProtocolType       = Fields.Add(protoNHRP, "nhrp.protocol_type", "Protocol Type (long form)", field.Bytes)
	hfNHRPClientNbmaAddrB    = Fields.Add(protoNHRP, "nhrp.client.nbma.addr_bytes", "Client NBMA Address", field.Bytes)
	hfNHRPClientProtAddrB    = Fields.Add(protoNHRP, "nhrp.client.prot.addr_bytes", "Client Protocol Address", field.Bytes)
	hfNHRPSrcNbmaAddrB       = Fields.Add(protoNHRP, "nhrp.src.nbma.addr_bytes", "Source NBMA Address", field.Bytes)
	hfNHRPSrcProtAddrB       = Fields.Add(protoNHRP, "nhrp.src.prot.addr_bytes", "Source Protocol Address", field.Bytes)
	hfNHRPDstProtAddrB       = Fields.Add(protoNHRP, "nhrp.dst.prot.addr_byets", "Destination Protocol Address", field.Bytes)
	hfNHRPAuthExtSrcAddrB    = Fields.Add(protoNHRP, "nhrp.auth_ext.src_addr_bytes", "Source Address", field.Bytes)
	hfNHRPAuthExtData        = Fields.Add(protoNHRP, "nhrp.auth_ext.data", "Data", field.Bytes)
	hfNHRPVendorExtData      = Fields.Add(protoNHRP, "nhrp.vendor_ext.data", "Data", field.Bytes)
	eiNHRPPktsz              = RegisterExpert(protoNHRP, "nhrp.hdr.pktsz.invalid", "Packet length is less than the fixed header length", GroupMalformed, SevError)
	eiNHRPExtoff             = RegisterExpert(protoNHRP, "nhrp.hdr.extoff.invalid", "Extension offset is less than the fixed header length or larger than the packet size", GroupMalformed, SevError)
	eiNHRPChecksum           = RegisterExpert(protoNHRP, "nhrp.hdr.bad_checksum", "Bad checksum", GroupChecksum, SevError)
	eiNHRPExtNotAllowed      = RegisterExpert(protoNHRP, "nhrp.ext.not_allowed", "Extensions not allowed per RFC2332 section 5.2.7", GroupMalformed, SevError)
	eiNHRPExtMalformed       = RegisterExpert(protoNHRP, "nhrp.ext.malformed", "Incomplete Authentication Extension", GroupMalformed, SevError)
	eiNHRPExtExtra           = RegisterExpert(protoNHRP, "nhrp.ext.extra", "Superfluous data follows End Extension", GroupMalformed, SevError)
	handleNHRP               = &Handle{Name: "nhrp", Fn: dissectNHRP}
	nhrpResolutionFlags      = []field.ID{hfNHRPFlagQ, hfNHRPFlagA, hfNHRPFlagD, hfNHRPFlagU, hfNHRPFlagS, hfNHRPFlagNAT}
	nhrpPurgeFlags           = []field.ID{hfNHRPFlagN, hfNHRPFlagNAT}
	nhrpOtherFlags           = []field.ID{hfNHRPFlagNAT}
	nhrpAuthExtHasSrcAddress = true // Wireshark's auth_ext_has_addr preference
)

var nhrpOpVals = map[uint64]string{1: "NHRP Resolution Request", 2: "NHRP Resolution Reply", 3: "NHRP Registration Request",
	4: "NHRP Registration Reply", 5: "NHRP Purge Request", 6: "NHRP Purge Reply", 7: "NHRP Error Indication",
	8: "NHRP Traffic Indication"}

var nhrpTLTypeVals = map[uint64]string{0: "NSAP format", 1: "Native E.164 format"}

var nhrpExtVals = map[uint64]string{0: "End of Extension", 3: "Responder Address Extension",
	4: "Forward Transit NHS Record Extension", 5: "Reverse Transit NHS Record Extension",
	7: "NHRP Authentication Extension", 8: "NHRP Vendor Private Extension", 9: "Cisco NAT Address Extension",
	10: "Mobile NHC Authentication Extension"}

var nhrpErrorVals = map[uint64]string{1: "Unrecognized Extension", 3: "NHRP Loop Detected", 6: "Protocol Address Unreachable",
	7: "Protocol Error", 8: "NHRP SDU Size Exceeded", 9: "Invalid Extension", 10: "Invalid NHRP Resolution Reply Received",
	11: "Authentication Failure", 15: "Hop Count Exceeded", 16: "VPN Mismatch", 17: "VPN Unsupported"}

var nhrpCIECodeVals = map[uint64]string{0: "Success", 4: "Administratively Prohibited", 5: "Insufficient Resources",
	12: "No Interworking Layer Address to NBMA Address Binding Exists", 13: "Binding Exists But Is Not Unique",
	14: "Unique Internetworking Layer Address Already Registered"}

func init() {
	RegisterShortName(protoNHRP, "NHRP")
	IPProto.Add(54, handleNHRP)
	GREProto.Add(0x2001, handleNHRP)
}

// nhrpHdr is what the rest of the packet needs from the fixed header.
type nhrpHdr struct {
	afn, proType uint16
	oui          uint32
	pid          uint16
	op           uint8
	shtl, sstl   uint8
}

func dissectNHRP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("NHRP")
	c.ClearInfo()
	c.nhrp(t, parent, false, true)
}

func nhrpOpName(op uint64) string {
	if s, ok := nhrpOpVals[op]; ok {
		return s
	}
	return "0x" + hex2(uint8(op)) + " - unknown"
}

// nhrp dissects a packet; nested is the packet an Error Indication quotes.
func (c *Ctx) nhrp(t Tvb, parent int32, nested, codeinfo bool) {
	var h nhrpHdr
	h.op = t.U8(17)
	name := nhrpOpName(uint64(h.op))
	if !nested {
		c.SetInfo(name)
	}
	p := c.AddProto(parent, protoNHRP, t, 0, -1)
	c.Label(p, "Next Hop Resolution Protocol (%s)", name)
	o, mandLen, extLen, ok := c.nhrpHeader(t, p, &h)
	if !ok {
		return
	}
	var srcLen int
	if mandLen > 0 {
		srcLen = c.nhrpMandatory(t, p, &o, mandLen, &h, codeinfo)
	}
	if extLen > 0 {
		c.nhrpExtensions(t, p, o, extLen, &h, srcLen, nested)
	}
}

func (c *Ctx) nhrpHeader(t Tvb, tree int32, h *nhrpHdr) (o, mandLen, extLen int, ok bool) {
	ht := c.addTextItem(tree, t, 0, t.Len(), "NHRP Fixed Header")
	_, afn := c.AddUint(ht, hfNHRPHdrAfn, t, 0, 2)
	h.afn = uint16(afn)
	h.proType = t.U16(2)
	pt := uint64(h.proType)
	var ptName string
	switch {
	case pt <= 0xff:
		ptName = nlpidVals[pt]
		if ptName == "" {
			ptName = "Unknown NLPID"
		}
	case pt <= 0x3ff:
		ptName = "Reserved for future use by the IETF"
	case pt <= 0x4ff:
		ptName = "Allocated for use by the ATM Forum"
	case pt <= 0x5ff:
		ptName = "Experimental/Local use"
	default:
		ptName = etypeVals[pt]
		if ptName == "" {
			ptName = "Unknown Ethertype"
		}
	}
	n := c.AddUintV(ht, hfNHRPHdrProType, t, 2, 2, pt)
	c.Label(n, "Protocol Type (short form): %s (0x%04x)", ptName, pt)
	o = 4
	if pt == 0x80 { // NLPID_SNAP: the long form is an OUI and a PID
		_, oui := c.AddUint(ht, hfNHRPHdrProSnapOui, t, o, 3)
		h.oui = uint32(oui)
		o += 3
		_, pid := c.AddUint(ht, hfNHRPHdrProSnapPid, t, o, 2)
		h.pid = uint16(pid)
		// Wireshark does not step past the PID here.
	} else {
		c.AddBytes(ht, hfNHRPProtocolType, t, o, 5)
		o += 5
	}
	c.AddUint(ht, hfNHRPHdrHopcnt, t, o, 1)
	o++
	pn, pktsz := c.AddUint(ht, hfNHRPHdrPktsz, t, o, 2)
	if pktsz < 20 {
		c.Expert(pn, eiNHRPPktsz, t, o, 2, "")
		c.setItemLen(ht, tree, o+2)
		return o, 0, 0, false
	}
	o += 2
	ck := t.U16(o)
	cn := c.AddUintV(ht, hfNHRPHdrChksum, t, o, 2, uint64(ck))
	status := uint64(ckUnverified)
	if int(pktsz) <= t.Len() {
		if sum := inetChecksum(t.B[:pktsz]); sum == 0 {
			status = ckGood
			c.Label(cn, "NHRP Packet Checksum: 0x%04x [correct]", ck)
		} else {
			status = ckBad
			should := inetShouldBe(ck, sum)
			c.Label(cn, "NHRP Packet Checksum: 0x%04x incorrect, should be 0x%04x", ck, should)
			c.Expert(cn, eiNHRPChecksum, t, o, 2, "Bad checksum [should be 0x"+hex4(should)+"]")
		}
	} else {
		c.Label(cn, "NHRP Packet Checksum: 0x%04x [unverified]", ck)
	}
	sn := c.AddGenerated(ht, hfNHRPHdrChksumStatus, t, o, 0, field.Value{U: status})
	c.Label(sn, "NHRP Packet Checksum Status: %s", checksumStatusVals[status])
	o += 2
	en, extoff := c.AddUint(ht, hfNHRPHdrExtoff, t, o, 2)
	badExt := extoff != 0 && (extoff < 20 || extoff > pktsz)
	if badExt {
		c.Expert(en, eiNHRPExtoff, t, o, 2, "")
	}
	o += 2
	ver := t.U8(o)
	vn := c.AddUintV(ht, hfNHRPHdrVersion, t, o, 1, uint64(ver))
	vname := "Unknown"
	if ver == 1 {
		vname = "NHRP - rfc2332"
	}
	c.Label(vn, "Version: %d (%s)", ver, vname)
	o++
	c.AddUint(ht, hfNHRPHdrOpType, t, o, 1)
	o++
	h.shtl = t.U8(o)
	c.nhrpTypeLen(ht, t, o, hfNHRPHdrShtl, hfNHRPHdrShtlType, hfNHRPHdrShtlLen)
	o++
	h.sstl = t.U8(o)
	c.nhrpTypeLen(ht, t, o, hfNHRPHdrSstl, hfNHRPHdrSstlType, hfNHRPHdrSstlLen)
	o++
	c.setItemLen(ht, tree, o)
	if extoff != 0 {
		if badExt {
			return o, 0, 0, false
		}
		return o, int(extoff) - 20, int(pktsz - extoff), true
	}
	return o, int(pktsz) - 20, 0, true
}

// nhrpTypeLen adds a type/length octet with its two subfields.
func (c *Ctx) nhrpTypeLen(tree int32, t Tvb, o int, hf, hfType, hfLen field.ID) {
	v := t.U8(o)
	n := c.AddUintV(tree, hf, t, o, 1, uint64(v))
	tn := nhrpTLTypeVals[uint64(v&0x40)>>6]
	c.Label(n, "%s: %s/%d", Fields.Get(hf).Name, tn, v&0x3f)
	c.AddUint(n, hfType, t, o, 1)
	c.AddUint(n, hfLen, t, o, 1)
}

func (c *Ctx) nhrpMandatory(t Tvb, tree int32, po *int, mandLen int, h *nhrpHdr, codeinfo bool) int {
	o := *po
	mandEnd := o + mandLen
	var isReq, isErr, isInd bool
	switch h.op {
	case 1, 3, 5:
		isReq = true
	case 7:
		isErr, isInd = true, true
	case 8:
		isInd = true
	}
	mt := c.addTextItem(tree, t, o, t.Len()-o, "NHRP Mandatory Part")
	srcLen := int(t.U8(o))
	c.AddUintV(mt, hfNHRPSrcProtLen, t, o, 1, uint64(srcLen))
	o++
	dstLen := int(t.U8(o))
	c.AddUintV(mt, hfNHRPDstProtLen, t, o, 1, uint64(dstLen))
	o++
	switch {
	case !isInd:
		switch h.op {
		case 1, 2:
			c.addFlags(mt, hfNHRPFlags, t, o, 2, nhrpResolutionFlags)
		case 3, 4:
			c.nhrpRegistrationFlags(mt, t, o)
		case 5, 6:
			c.addFlags(mt, hfNHRPFlags, t, o, 2, nhrpPurgeFlags)
		default:
			c.addFlags(mt, hfNHRPFlags, t, o, 2, nhrpOtherFlags)
		}
		o += 2
		c.AppendInfo(", ID=" + itoa(uint64(t.U32(o))))
		c.AddUint(mt, hfNHRPReqid, t, o, 4)
		o += 4
	case isErr:
		o += 2
		code := uint64(t.U16(o))
		en, ok := nhrpErrorVals[code]
		if !ok {
			en = "Unknown Error (" + itoa(code) + ")"
		}
		c.AppendInfo(", " + en)
		c.AddUint(mt, hfNHRPErrCode, t, o, 2)
		o += 2
		c.AddUint(mt, hfNHRPErrOffset, t, o, 2)
		o += 2
	default:
		o += 6
	}
	if shl := int(h.shtl & 0x3f); shl > 0 {
		if h.afn == 1 && shl == 4 {
			c.AddBytes(mt, hfNHRPSrcNbmaAddr, t, o, 4)
		} else {
			c.AddBytes(mt, hfNHRPSrcNbmaAddrB, t, o, shl)
		}
		o += shl
	}
	if ssl := int(h.sstl & 0x3f); ssl > 0 {
		c.AddBytes(mt, hfNHRPSrcNbmaSaddr, t, o, ssl)
		o += ssl
	}
	if srcLen == 4 {
		c.AddBytes(mt, hfNHRPSrcProtAddr, t, o, 4)
	} else if srcLen > 0 {
		c.AddBytes(mt, hfNHRPSrcProtAddrB, t, o, srcLen)
	}
	o += srcLen
	if dstLen == 4 {
		c.AddBytes(mt, hfNHRPDstProtAddr, t, o, 4)
	} else if dstLen > 0 {
		c.AddBytes(mt, hfNHRPDstProtAddrB, t, o, dstLen)
	}
	o += dstLen
	if isInd {
		c.nhrpIndication(t, tree, o, h, isErr)
		o = mandEnd
	}
	c.setItemLen(mt, tree, mandLen)
	if isErr && t.Len()+c.unreported(t)-o > 0 {
		c.Expert(tree, eiNHRPExtNotAllowed, t, 0, 0, "")
	}
	c.nhrpCIEs(t, mt, o, mandEnd, h, isReq, codeinfo)
	*po = mandEnd
	return srcLen
}

// nhrpRegistrationFlags draws a Registration's flags, whose Uniqueness bit is the top bit.
func (c *Ctx) nhrpRegistrationFlags(tree int32, t Tvb, o int) {
	n, v := c.AddUint(tree, hfNHRPFlags, t, o, 2)
	u := c.AddUintV(n, hfNHRPFlagU, t, o, 2, v>>15&1)
	c.AddUint(n, hfNHRPFlagNAT, t, o, 2)
	if c.Visible() {
		c.Label(u, "%s... .... .... .... = Uniqueness Bit: %s", itoa(v>>15&1), map[bool]string{true: "True", false: "False"}[v&0x8000 != 0])
		label := "Flags: 0x" + hex4(v)
		if v&0x8000 != 0 {
			label += ", Uniqueness Bit"
		}
		if v&0x0002 != 0 {
			label += ", Cisco NAT Supported"
		}
		c.Label(n, "%s", label)
	}
}

// nhrpIndication dissects the packet an Error or Traffic Indication carries.
func (c *Ctx) nhrpIndication(t Tvb, tree int32, o int, h *nhrpHdr, isErr bool) {
	it := c.addTextItem(tree, t, o, t.Len()-o, "Packet Causing Indication")
	sub := t.Sub(o)
	src, dst, hl, ca := c.NetSrc, c.NetDst, c.NetHopLimit, c.convApp
	sp, dp, pt, mp := c.SrcPort, c.DstPort, c.PortType, c.MatchPort
	ro := c.Cols.readonly
	c.Cols.readonly = true
	defer func() {
		c.Cols.readonly = ro
		c.NetSrc, c.NetDst, c.NetHopLimit, c.convApp = src, dst, hl, ca
		c.SrcPort, c.DstPort, c.PortType, c.MatchPort = sp, dp, pt, mp
	}()
	if isErr {
		c.nhrp(sub, it, true, false)
		return
	}
	var dissected bool
	switch p := uint64(h.proType); {
	case p <= 0xff:
		switch {
		case p == 0x80 && h.oui == 0:
			dissected = c.TryTable(EtherType, uint64(h.pid), sub, it)
		case p == 0x80:
		default:
			dissected = c.TryTable(OSINL, p, sub, it) || c.TryTable(OSINLExcl, p, sub, it)
		}
	case p <= 0x5ff:
	default:
		dissected = c.TryTable(EtherType, p, sub, it)
	}
	if !dissected {
		c.CallData(sub, it)
	}
}

// nhrpCIEs shows the client information entries in t[o:end].
func (c *Ctx) nhrpCIEs(t Tvb, tree int32, o, end int, h *nhrpHdr, isReq, codeinfo bool) {
	for o+12 <= end {
		addrLen, saddrLen, protLen := int(t.U8(o+8)), int(t.U8(o+9)), int(t.U8(o+10))
		ct := c.addTextItem(tree, t, o, 12+addrLen+saddrLen+protLen, "Client Information Entry")
		if !isReq && codeinfo {
			code := uint64(t.U8(o))
			cn, ok := nhrpCIECodeVals[code]
			if !ok {
				cn = "Unknown (" + itoa(code) + ")"
			}
			c.AppendInfo(", Code=" + cn)
		}
		c.AddUint(ct, hfNHRPCode, t, o, 1)
		c.AddUint(ct, hfNHRPPrefix, t, o+1, 1)
		c.AddUint(ct, hfNHRPUnused, t, o+2, 2)
		c.AddUint(ct, hfNHRPMtu, t, o+4, 2)
		c.AddUint(ct, hfNHRPHtime, t, o+6, 2)
		c.nhrpTypeLen(ct, t, o+8, hfNHRPCliAddrTl, hfNHRPCliAddrTlType, hfNHRPCliAddrTlLen)
		c.nhrpTypeLen(ct, t, o+9, hfNHRPCliSaddrTl, hfNHRPCliSaddrTlType, hfNHRPCliSaddrTlLen)
		c.AddUint(ct, hfNHRPProtLen, t, o+10, 1)
		c.AddUint(ct, hfNHRPPref, t, o+11, 1)
		o += 12
		if addrLen > 0 {
			if h.afn == 1 && addrLen == 4 {
				c.AddBytes(ct, hfNHRPClientNbmaAddr, t, o, 4)
			} else {
				c.AddBytes(ct, hfNHRPClientNbmaAddrB, t, o, addrLen)
			}
			o += addrLen
		}
		if saddrLen > 0 {
			// Wireshark shows the subaddress but does not step past it.
			c.AddBytes(ct, hfNHRPClientNbmaSaddr, t, o, saddrLen)
		}
		if protLen > 0 {
			if protLen == 4 {
				c.AddBytes(ct, hfNHRPClientProtAddr, t, o, 4)
			} else {
				c.AddBytes(ct, hfNHRPClientProtAddrB, t, o, protLen)
			}
			o += protLen
		}
	}
}

// nhrpExtensions shows the extensions in t[o:o+extLen].
func (c *Ctx) nhrpExtensions(t Tvb, tree int32, o, extLen int, h *nhrpHdr, srcLen int, nested bool) {
	end := o + extLen
	for o+4 <= end {
		tc := t.U16(o)
		typ := uint64(tc & 0x3fff)
		l := int(t.U16(o + 2))
		devcap := typ == 9 && l == 8
		name := "Device Capabilities Extension"
		if !devcap {
			var ok bool
			if name, ok = nhrpExtVals[typ]; !ok {
				name = "Unknown (" + itoa(typ) + ")"
			}
		}
		start := o
		et := c.addTextItem(tree, t, o, t.Len()-o, name)
		c.AddUint(et, hfNHRPExtC, t, o, 2)
		c.AddUint(et, hfNHRPExtType, t, o, 2)
		c.AddUint(et, hfNHRPExtLen, t, o+2, 2)
		o += 4
		if l > 0 && typ != 0 {
			c.nhrpExtension(t, et, o, l, typ, devcap, h, srcLen)
			o += l
		}
		c.setItemLen(et, tree, o-start)
		if !nested {
			rest := t.Len() + c.unreported(t) - o
			if typ == 0 && rest > 0 {
				c.ExpertItem(tree, eiNHRPExtExtra, t, o, rest, "Unknown Data ("+itoa(uint64(rest))+" bytes)")
				break
			}
		}
	}
}

func (c *Ctx) nhrpExtension(t Tvb, et int32, o, l int, typ uint64, devcap bool, h *nhrpHdr, srcLen int) {
	if devcap {
		src, dst := t.U32(o)&1, t.U32(o+4)&1
		non := func(v uint32) string {
			if v != 0 {
				return ""
			}
			return "non-"
		}
		dt := c.addTextItem(et, t, o, l, "Extension Data: Src is "+non(src)+"VPN-aware; Dst is "+non(dst)+"VPN-aware")
		sn, _ := c.AddUint(dt, hfNHRPDevcapSrccap, t, o, 4)
		c.AddUint(sn, hfNHRPDevcapSrccapV, t, o, 4)
		dn, _ := c.AddUint(dt, hfNHRPDevcapDstcap, t, o+4, 4)
		c.AddUint(dn, hfNHRPDevcapDstcapV, t, o+4, 4)
		return
	}
	switch typ {
	case 3, 4, 5, 9:
		c.nhrpCIEs(t, et, o, o+l, h, false, false)
	case 7, 10:
		if typ == 7 && !nhrpAuthExtHasSrcAddress {
			srcLen = 0
		}
		if l < 4+srcLen {
			c.ExpertItem(et, eiNHRPExtMalformed, t, o, l, "Incomplete Authentication Extension")
			return
		}
		at := c.addTextItem(et, t, o, t.Len()-o, "Extension Data")
		c.AddUint(at, hfNHRPAuthExtReserved, t, o, 2)
		_, spi := c.AddUint(at, hfNHRPAuthExtSpi, t, o+2, 2)
		label := "Extension Data: SPI=" + itoa(spi)
		if srcLen == 4 {
			c.AddBytes(at, hfNHRPAuthExtSrcAddr, t, o+4, 4)
		} else if srcLen > 0 {
			c.AddBytes(at, hfNHRPAuthExtSrcAddrB, t, o+4, srcLen)
		}
		if l > 4+srcLen {
			c.AddBytes(at, hfNHRPAuthExtData, t, o+4+srcLen, l-4-srcLen)
			label += ": Data=" + hexBytes(t.Bytes(o+4+srcLen, l-4-srcLen))
		}
		c.Label(at, "%s", label)
		c.setItemLen(at, et, l)
	case 8:
		if l < 3 {
			c.ExpertItem(et, eiNHRPExtMalformed, t, o, l, "Incomplete Vendor-Private Extension")
			return
		}
		vt := c.addTextItem(et, t, o, l, "Extension Data:")
		c.AddUint(vt, hfNHRPVendorExtID, t, o, 3)
		label := "Extension Data: Vendor ID=Unknown"
		if l > 3 {
			c.AddBytes(vt, hfNHRPVendorExtData, t, o+3, l-3)
			label += ", Data=" + hexBytes(t.Bytes(o+3, l-3))
		} else {
			label += ", Data=<none>"
		}
		c.Label(vt, "%s", label)
	default:
		c.AddBytes(et, hfNHRPUnknownExtValue, t, o, l)
	}
}
