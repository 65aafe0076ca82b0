package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Ethernet II and IEEE 802.3 (Wireshark's packet-eth.c) and the "ethertype" pseudo-protocol that
// hands an Ethernet payload on by its type and shows the padding and trailer after it
// (packet-ethertype.c).

var (
	protoEth          = Fields.Protocol("eth", "Ethernet")
	hfEthDst          = Fields.Add(protoEth, "eth.dst", "Destination", field.Ether, field.WithBlurb("Destination Hardware Address"))
	hfEthDstResolved  = Fields.Add(protoEth, "eth.dst_resolved", "Destination (resolved)", field.String)
	hfEthDstOUI       = Fields.Add(protoEth, "eth.dst.oui", "Destination OUI", field.Uint24)
	hfEthDstOUIRes    = Fields.Add(protoEth, "eth.dst.oui_resolved", "Destination OUI (resolved)", field.String)
	hfEthSrc          = Fields.Add(protoEth, "eth.src", "Source", field.Ether, field.WithBlurb("Source Hardware Address"))
	hfEthSrcResolved  = Fields.Add(protoEth, "eth.src_resolved", "Source (resolved)", field.String)
	hfEthSrcOUI       = Fields.Add(protoEth, "eth.src.oui", "Source OUI", field.Uint24)
	hfEthSrcOUIRes    = Fields.Add(protoEth, "eth.src.oui_resolved", "Source OUI (resolved)", field.String)
	hfEthLen          = Fields.Add(protoEth, "eth.len", "Length", field.Uint16)
	hfEthType         = Fields.Add(protoEth, "eth.type", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(etypeVals))
	hfEthInvalidLT    = Fields.Add(protoEth, "eth.invalid_lentype", "Invalid length/type", field.Uint16, field.WithBase(field.HexDec))
	hfEthAddr         = Fields.Add(protoEth, "eth.addr", "Address", field.Ether, field.WithBlurb("Source or Destination Hardware Address"))
	hfEthAddrResolved = Fields.Add(protoEth, "eth.addr_resolved", "Address (resolved)", field.String)
	hfEthAddrOUI      = Fields.Add(protoEth, "eth.addr.oui", "Address OUI", field.Uint24)
	hfEthAddrOUIRes   = Fields.Add(protoEth, "eth.addr.oui_resolved", "Address OUI (resolved)", field.String)
	hfEthPadding      = Fields.Add(protoEth, "eth.padding", "Padding", field.Bytes, field.WithBlurb("Ethernet Padding"))
	hfEthTrailer      = Fields.Add(protoEth, "eth.trailer", "Trailer", field.Bytes, field.WithBlurb("Ethernet Trailer or Checksum"))
	hfEthFCS          = Fields.Add(protoEth, "eth.fcs", "Frame check sequence", field.Uint32, field.WithBase(field.Hex))
	hfEthFCSStatus    = Fields.Add(protoEth, "eth.fcs.status", "FCS Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))
	hfEthDstLG        = Fields.Add(protoEth, "eth.dst.lg", "LG bit", field.Bool, field.WithBase(24), field.WithMask(0x20000), field.WithTrueFalse(lgTrue, lgFalse))
	hfEthDstIG        = Fields.Add(protoEth, "eth.dst.ig", "IG bit", field.Bool, field.WithBase(24), field.WithMask(0x10000), field.WithTrueFalse(igTrue, igFalse))
	hfEthSrcLG        = Fields.Add(protoEth, "eth.src.lg", "LG bit", field.Bool, field.WithBase(24), field.WithMask(0x20000), field.WithTrueFalse(lgTrue, lgFalse))
	hfEthSrcIG        = Fields.Add(protoEth, "eth.src.ig", "IG bit", field.Bool, field.WithBase(24), field.WithMask(0x10000), field.WithTrueFalse(igTrue, igFalse))
	hfEthLG           = Fields.Add(protoEth, "eth.lg", "LG bit", field.Bool, field.WithBase(24), field.WithMask(0x20000), field.WithTrueFalse(lgTrue, lgFalse))
	hfEthIG           = Fields.Add(protoEth, "eth.ig", "IG bit", field.Bool, field.WithBase(24), field.WithMask(0x10000), field.WithTrueFalse(igTrue, igFalse))

	eiEthInvalidLT = RegisterExpert(protoEth, "eth.invalid_lentype.expert", "Invalid length/type", GroupProtocol, SevWarn)
	eiEthSrcGroup  = RegisterExpert(protoEth, "eth.src_not_group", "Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)", GroupProtocol, SevWarn)
	eiEthFCSBad    = RegisterExpert(protoEth, "eth.fcs_bad", "Bad checksum", GroupChecksum, SevError)
	eiEthLenPast   = RegisterExpert(protoEth, "eth.len.past_end", "Length field value goes past the end of the payload", GroupMalformed, SevError)
	eiEthPadBad    = RegisterExpert(protoEth, "eth.padding_bad", "Padding identification may be inaccurate and impact trailer dissector", GroupProtocol, SevWarn)

	protoEthertype = Fields.Protocol("ethertype", "Ethertype")

	handleEth = &Handle{Name: "eth", Fn: dissectEth}
)

const (
	lgTrue  = "Locally administered address (this is NOT the factory default)"
	lgFalse = "Globally unique address (factory default)"
	igTrue  = "Group address (multicast/broadcast)"
	igFalse = "Individual address (unicast)"
)

// checksumStatusVals names the values of the *.checksum.status fields (proto_checksum_vals).
var checksumStatusVals = map[uint64]string{0: "Bad", 1: "Good", 2: "Unverified", 3: "Not present", 4: "Illegal"}

// etherPDULen holds, for ethertypes whose dissector knows the length of its PDU (IPv4's total
// length, ARP's address sizes), a function that returns it, or -1 when it cannot tell. The ethertype
// layer uses it where Wireshark's subdissectors call set_actual_length, to find the padding and
// trailer after the payload.
var etherPDULen = map[uint64]func(t Tvb) int{}

// RegisterEtherPDULen registers fn as the PDU length function of ethertype etype (call during
// initialisation), so that bytes after the PDU show as Ethernet padding and trailer.
func RegisterEtherPDULen(etype uint64, fn func(t Tvb) int) { etherPDULen[etype] = fn }

func init() {
	RegisterShortName(protoEth, "Ethernet")
	RegisterShortName(protoEthertype, "Ethertype")
	LinkTypes.Add(1, handleEth)
	RegisterEncap(1, 1, "Ethernet")
	EtherType.Add(0x6558, handleEth) // transparent Ethernet bridging (GRE, VXLAN-like tunnels)
	_ = []*Expert{eiEthFCSBad, eiEthPadBad}
}

func dissectEth(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("Ethernet")
	t.Need(0, 14)
	lt := uint64(t.U16(12))
	dst, src := t.Bytes(0, 6), t.Bytes(6, 6)
	c.SetDLAddrs(AddrEther, src, dst)
	c.DLSrc, c.DLDst = src, dst
	if lt <= 1500 {
		dissectEth8023(c, t, parent, lt)
		return
	}
	c.SetInfo("Ethernet II")
	p := c.AddProto(parent, protoEth, t, 0, 14)
	if c.Visible() {
		b := make([]byte, 0, 64)
		b = append(b, "Ethernet II, Src: "...)
		b = c.appendEtherNamed(b, src)
		b = append(b, ", Dst: "...)
		b = c.appendEtherNamed(b, dst)
		c.T.SetLabel(p, string(b))
	}
	if c.wantsItems(protoEth) {
		ethAddrTree(c, t, p, 0, true, true)
		ethAddrTree(c, t, p, 6, false, true)
	}
	if lt < 1536 {
		n := c.AddUintV(p, hfEthInvalidLT, t, 12, 2, lt)
		c.Expert(n, eiEthInvalidLT, t, 12, 2, "Invalid length/type: 0x"+hex4(lt)+" ("+itoa(lt)+")")
		c.CallData(t.Sub(14), parent)
		return
	}
	c.PushLayer("ethertype")
	DissectEthertype(c, t, parent, p, lt, hfEthType, 12, 14, hfEthTrailer)
}

// ethAddrTree adds eth.dst or eth.src at o with its subtree.
func ethAddrTree(c *Ctx, t Tvb, p int32, o int, dst, resolved bool) {
	hf, hfRes, hfOUI, hfOUIRes, hfLG, hfIG := hfEthSrc, hfEthSrcResolved, hfEthSrcOUI, hfEthSrcOUIRes, hfEthSrcLG, hfEthSrcIG
	if dst {
		hf, hfRes, hfOUI, hfOUIRes, hfLG, hfIG = hfEthDst, hfEthDstResolved, hfEthDstOUI, hfEthDstOUIRes, hfEthDstLG, hfEthDstIG
	}
	a := c.AddBytes(p, hf, t, o, 6)
	var txt []byte
	if resolved && (c.T.Wants(hfRes) || c.T.Wants(hfEthAddrResolved)) {
		txt = c.etherText(t.Bytes(o, 6))
	}
	// The organisation of the OUI is added even with -n (only the manuf file knows it).
	var org []byte
	if resolved && (c.T.Wants(hfOUIRes) || c.T.Wants(hfEthAddrOUIRes)) {
		if s, ok := OUIName(t.Bytes(o, 3)); ok {
			org = []byte(s)
		}
	}
	if resolved {
		if c.T.Wants(hfRes) {
			c.AddHidden(a, hfRes, t, o, 6, field.Value{B: txt})
		}
		n := c.AddHidden(a, hfOUI, t, o, 3, field.Value{U: uint64(t.U24(o))})
		if c.Visible() {
			c.T.SetLabel(n, Fields.Get(hfOUI).Name+": "+string(field.AppendHexSep(nil, t.Bytes(o, 3), ':')))
		}
		if org != nil && c.T.Wants(hfOUIRes) {
			c.AddHidden(a, hfOUIRes, t, o, 3, field.Value{B: org})
		}
	}
	c.AddBytes(a, hfEthAddr, t, o, 6)
	if resolved {
		if c.T.Wants(hfEthAddrResolved) {
			c.AddHidden(a, hfEthAddrResolved, t, o, 6, field.Value{B: txt})
		}
		n := c.AddHidden(a, hfEthAddrOUI, t, o, 3, field.Value{U: uint64(t.U24(o))})
		if c.Visible() {
			c.T.SetLabel(n, "Address OUI: "+string(field.AppendHexSep(nil, t.Bytes(o, 3), ':')))
		}
		if org != nil && c.T.Wants(hfEthAddrOUIRes) {
			c.AddHidden(a, hfEthAddrOUIRes, t, o, 3, field.Value{B: org})
		}
	}
	v := uint64(t.U24(o))
	_, lg := c.AddUint(a, hfLG, t, o, 3)
	c.AddHidden(a, hfEthLG, t, o, 3, field.Value{U: lg})
	_, ig := c.AddUint(a, hfIG, t, o, 3)
	c.AddHidden(a, hfEthIG, t, o, 3, field.Value{U: ig})
	if !dst && v&0x10000 != 0 {
		c.Expert(a, eiEthSrcGroup, t, o, 6, "")
	}
}

// dissectEth8023 dissects an IEEE 802.3 frame whose type field is a length.
func dissectEth8023(c *Ctx, t Tvb, parent int32, length uint64) {
	c.SetInfo("IEEE 802.3 Ethernet")
	p := c.AddProto(parent, protoEth, t, 0, 14)
	c.Label(p, "IEEE 802.3 Ethernet ")
	ethAddrTree(c, t, p, 0, true, true)
	ethAddrTree(c, t, p, 6, false, true)
	n := c.AddUintV(p, hfEthLen, t, 12, 2, length)
	payload := t.Sub(14)
	avail := payload.Len()
	reported := int(c.Frame.Len) - t.Off - 14
	if int(length) > reported {
		c.Expert(n, eiEthLenPast, t, 12, 2, "")
		length = uint64(max(reported, 0))
	}
	next := payload.SubLen(0, int(length))
	isRaw := next.Len() >= 2 && next.U16(0) == 0xffff // Novell "raw" 802.3 carries IPX directly
	depth := c.depth
	func() {
		defer func() {
			if r := recover(); r != nil {
				c.depth = depth
				if _, ok := r.(boundsError); !ok {
					panic(r)
				}
				c.ethShowException(r, parent, next)
			}
		}()
		if isRaw {
			c.Call(handleIPX, next, parent)
		} else {
			c.Call(handleLLC, next, parent)
		}
	}()
	if int(length) < avail {
		trailer := payload.Sub(int(length))
		ethTrailer(c, p, trailer, hfEthTrailer, t.Len()+c.unreported(t))
	}
}

// DissectEthertype is Wireshark's "ethertype" dissector: it adds the type field (typeID at typeOff)
// to the header tree fh, hands the bytes from payloadOff to the dissector registered for etype (or
// to data), then shows what the payload did not use as padding and trailer (trailerID) in fh. The
// caller has pushed the "ethertype" layer.
func DissectEthertype(c *Ctx, t Tvb, parent, fh int32, etype uint64, typeID field.ID, typeOff, payloadOff int, trailerID field.ID) {
	if typeID != 0 {
		c.AddUintV(fh, typeID, t, typeOff, 2, etype)
	}
	next := t.Sub(payloadOff)
	used := next.Len()
	if fn, ok := etherPDULen[etype]; ok {
		if n := fn(next); n >= 0 && n < next.Len() {
			used = n
		}
	}
	found := true
	depth := c.depth
	func() {
		defer func() {
			if r := recover(); r != nil {
				c.depth = depth
				if _, ok := r.(boundsError); !ok {
					panic(r)
				}
				c.ethShowException(r, parent, next.SubLen(0, used))
			}
		}()
		sub := next.SubLen(0, used)
		if !c.TryTable(EtherType, etype, sub, parent) {
			found = false
			c.CallData(sub, parent)
		}
	}()
	if !found {
		c.SetProtocol("0x" + hex4(etype))
		if d, ok := etypeVals[etype]; ok {
			c.SetInfo(d)
		}
	}
	if used < next.Len() {
		ethTrailer(c, fh, next.Sub(used), trailerID, t.Len()+c.unreported(t))
	}
}

// ethTrailer shows the bytes after a payload: padding up to the 60-byte minimum frame, then the
// trailer, and, when the header's data (hdrLen bytes) is at least a minimum frame with 4 bytes to
// spare, a frame check sequence in the last 4 (Wireshark's add_ethernet_trailer for an unknown FCS
// length, which pcap files have).
func ethTrailer(c *Ctx, fh int32, tr Tvb, trailerID field.ID, hdrLen int) {
	if ethTrailerHeuristics(c, tr) { // trailers of known devices (f5ethtrailer.go)
		return
	}
	pktLen := int(c.Frame.Len)
	trailerReported := tr.Len() + c.unreported(tr)
	pad := 0
	if pktLen >= 60 && pktLen-trailerReported < 60 {
		pad = 60 - (pktLen - trailerReported)
		if pad > tr.Len() {
			pad = tr.Len()
		}
		// Padding is zeros; anything else is some device's trailer.
		if !allZero(tr.B[:pad]) {
			pad = 0
		} else {
			c.AddBytes(fh, hfEthPadding, tr, 0, pad)
		}
	}
	rest := tr.Len() - pad
	restReported := trailerReported - pad
	hasFCS := hdrLen >= 64 && restReported >= 4
	if hasFCS {
		if rest == restReported {
			rest -= 4
		} else if rest > restReported-4 {
			rest = restReported - 4
		}
	}
	if rest > 0 {
		c.AddBytes(fh, trailerID, tr, pad, rest)
	}
	if hasFCS && tr.Has(tr.Len()-4, 4) && tr.Len()-4 >= pad {
		o := tr.Len() - 4
		n, _ := c.AddUint(fh, hfEthFCS, tr, o, 4)
		if c.Visible() {
			c.Label(n, "Frame check sequence: 0x%08x [unverified]", tr.U32(o))
		}
		st := c.AddGenerated(fh, hfEthFCSStatus, tr, o, 4, field.Value{U: 2})
		c.Label(st, "FCS Status: Unverified")
	}
}

// ethShowException turns a bounds error inside an Ethernet payload into the malformed or short item,
// then lets the trailer be shown, as Wireshark's ethertype dissector catches exceptions.
func (c *Ctx) ethShowException(r any, parent int32, t Tvb) {
	be := r.(boundsError)
	cur := c.current
	name := protoDisplayName(cur)
	wasReadonly := c.Cols.readonly
	c.Cols.readonly = false
	if be.short {
		n := c.AddProto(parent, protoShort, t, 0, 0)
		if c.Visible() {
			c.Label(n, "[Packet size limited during capture: %s truncated]", name)
		}
		c.AppendInfoSep(" ", "[Packet size limited during capture]")
	} else {
		n := c.AddProto(parent, protoMalformed, t, 0, 0)
		if c.Visible() {
			c.Label(n, "[Malformed Packet: %s]", name)
		}
		c.T.SetFlags(n, field.Malformed)
		c.Expert(n, eiMalformed, t, 0, 0, "")
		c.AppendInfo("[Malformed Packet]") // no separator: show_exception appends it as is
	}
	c.Cols.readonly = wasReadonly
}

func itoa(u uint64) string { return strconv.FormatUint(u, 10) }

var etypeVals = map[uint64]string{
	0x800:  "IPv4",
	0x86dd: "IPv6",
	0x8100: "802.1Q Virtual LAN",
	0x8102: "Simple Loop Protection Protocol",
	0x8103: "Virtual LACP",
	0x8104: "Simple Loop Protection Protocol (old)",
	0x806:  "ARP",
	0x872d: "Cisco Wireless Lan Context Control Protocol",
	0x8783: "Motorola Media Independent Network Transport",
	0x2452: "IEEE 802.11 (Centrino promiscuous)",
	0x600:  "XNS Internet Datagram Protocol",
	0x805:  "X.25 Layer 3",
	0x842:  "Wake on LAN",
	0x8f0:  "WiMax Mac-to-Mac",
	0x3e3f: "EPL_V1",
	0x8035: "RARP",
	0x8038: "DEC LanBridge",
	0x809b: "AppleTalk LLAP bridging",
	0x80d5: "SNA-over-Ethernet",
	0x80e1: "EtherNet/IP Device Level Ring",
	0x80f3: "AARP",
	0x8137: "Netware IPX/SPX",
	0xbad:  "Vines IP",
	0xbaf:  "Vines Echo",
	0x1984: "Netmon Train",
	0x9000: "Loopback",
	0x885a: "Foundry proprietary",
	0x80ff: "Wellfleet Compression Protocol",
	0x8181: "Spanning Tree Protocol",
	0x81fd: "Cabletron Interswitch Message Protocol",
	0x81ff: "Cabletron SFVLAN 1.8 Tag-Based Flood",
	0x8204: "QNX 6 QNET protocol",
	0x8863: "PPPoE Discovery",
	0x8864: "PPPoE Session",
	0x886c: "HomePNA, wlan link local tunnel",
	0x886d: "Intel ANS probe",
	0x886f: "MS NLB heartbeat",
	0x8870: "Jumbo LLC",
	0x8874: "Broadcom tag",
	0x887b: "Homeplug",
	0x88e1: "Homeplug AV",
	0x88e3: "MRP",
	0x88a8: "802.1ad Provider Bridge (Q-in-Q)",
	0x88e5: "802.1AE (MACsec)",
	0x893a: "1905.1a Convergent Digital Home Network for Heterogenous Technologies",
	0x88e7: "802.1ah Provider Backbone Bridge (mac-in-mac)",
	0x893f: "802.1br Bridge Port Extension E-Tag",
	0x888e: "802.1X Authentication",
	0x88c7: "802.11i Pre-Authentication",
	0x8847: "MPLS label switched packet",
	0x8848: "MPLS multicast label switched packet",
	0x3c07: "3Com NBP Datagram",
	0x6000: "DEC proto",
	0x6001: "DEC DNA Dump/Load",
	0x6002: "DEC DNA Remote Console",
	0x6003: "DEC DNA Routing",
	0x6004: "DEC LAT",
	0x6005: "DEC Diagnostics",
	0x6006: "DEC Customer use",
	0x6007: "DEC LAVC/SCA",
	0x8041: "DEC LAST",
	0x6558: "Transparent Ethernet bridging",
	0x2001: "Cisco Group Management Protocol",
	0x22e5: "Gigamon Header",
	0x22ea: "802.1Qat Multiple Stream Reservation Protocol",
	0x88f6: "802.1ak Multiple Mac Registration Protocol",
	0x894f: "Network Service Header",
	0x8988: "PA HB Backup",
	0x22f0: "IEEE 1722 Audio Video Transport Protocol",
	0x22f1: "Robust Header Compression(RoHC)",
	0x22f3: "Transparent Interconnection of Lots of Links",
	0x22f4: "Intermediate System to Intermediate System",
	0x8808: "MAC Control",
	0x8809: "Slow Protocols",
	0x9021: "Real-Time Media Access Control",
	0x9022: "Real-Time Configuration Protocol",
	0x8881: "CDMA2000 A10 Unstructured byte stream",
	0x8884: "ATM over Ethernet",
	0x8892: "PROFINET",
	0x8899: "Realtek Layer 2 Protocols",
	0x88a2: "ATA over Ethernet",
	0x88a4: "EtherCAT frame",
	0x88a1: "Telkonet powerline",
	0x88ab: "ETHERNET Powerlink v2",
	0x88ad: "XiMeta Technology",
	0x889b: "CSM_ENCAPS Protocol",
	0x88b5: "Local Experimental Ethertype 1",
	0x88b6: "Local Experimental Ethertype 2",
	0x88b7: "IEEE 802a OUI Extended Ethertype",
	0x88b8: "IEC 61850/GOOSE",
	0x88b9: "IEC 61850/GSE management services",
	0x88ba: "IEC 61850/SV (Sampled Value Transmission",
	0x88ca: "Transparent Inter Process Communication",
	0x88cc: "802.1 Link Layer Discovery Protocol (LLDP)",
	0x88d2: "CDMA2000 A10 3GPP2 Packet",
	0x891d: "TTEthernet Protocol Control Frame",
	0x88d8: "Circuit Emulation Services over Ethernet (MEF8)",
	0x88d9: "Link Layer Topology Discovery (LLTD)",
	0x88dc: "(WAVE) Short Message Protocol (WSM)",
	0x88de: "VMware Lab Manager",
	0x8819: "Cirrus Cobranet Packet",
	0x8133: "Juniper Netscreen Redundant Protocol",
	0x9104: "EERO Broadcast Packet",
	0x8021: "PPP IP Control Protocol",
	0xc021: "PPP Link Control Protocol",
	0xc023: "PPP Password Authentication Protocol",
	0x80fd: "PPP Compression Control Protocol",
	0xcafe: "Veritas Low Latency Transport (not officially registered)",
	0x8902: "IEEE 802.1ag Connectivity Fault Management (CFM) protocol",
	0x8903: "Data Center Ethernet (DCE) protocol(Cisco)",
	0x8906: "Fibre Channel over Ethernet",
	0x890d: "IEEE 802.11 data encapsulation",
	0x8911: "LINX IPC Protocol",
	0x8914: "FCoE Initialization Protocol",
	0x8917: "Media Independent Handover Protocol",
	0x88ee: "Ethernet Local Management Interface (MEF16)",
	0x88f7: "PTPv2 over Ethernet (IEEE1588)",
	0x88f8: "Network Controller Sideband Interface",
	0x88fb: "Parallel Redundancy Protocol (PRP) and HSR Supervision (IEC62439 Part 3)",
	0x8901: "Flow Layer Internal Protocol",
	0x8915: "RDMA over Converged Ethernet",
	0xd00d: "Digium TDM over Ethernet Protocol",
	0x88b4: "WAI Authentication Protocol",
	0x8926: "VN-Tag",
	0x892b: "Schweitzer Engineering Labs Layer 2 Protocol",
	0x892f: "High-availability Seamless Redundancy (IEC62439 Part 3)",
	0x8ff:  "AX.25",
	0x8909: "CiscoMetaData",
	0x8947: "GeoNetworking",
	0xc0de: "eXpressive Internet Protocol",
	0xc0df: "Neighborhood Watch Protocol",
	0x892d: "bluecom Protocol",
	0x9100: "QinQ: old non-standard 802.1ad",
	0x99fe: "Technically Enhanced Capture Module Protocol (TECMP)",
	0xa0ed: "6LoWPAN",
	0xd28b: "Arista Timestamp",
	0xaefe: "eCPRI",
	0xb4e3: "CableLabs Layer-3 Protocol",
	0xe555: "EXos internal Extra Header",
	0xfff2: "Cisco ACI ARP gleaning",
	0xf1c1: "802.1CB Frame Replication and Elimination for Reliability",
}

func strconvHex(u uint64) string { return strconv.FormatUint(u, 16) }

// ---- IEEE 802.2 LLC, minimal: SAPs, unnumbered control, SNAP with an ethertype ----

var (
	protoLLC       = Fields.Protocol("llc", "Logical-Link Control")
	hfLLCDSAP      = Fields.Add(protoLLC, "llc.dsap", "DSAP", field.Uint8, field.WithBase(field.Hex), field.WithStrings(llcSAPVals))
	hfLLCDSAPSAP   = Fields.Add(protoLLC, "llc.dsap.sap", "SAP", field.Uint8, field.WithMask(0xfe))
	hfLLCDSAPIG    = Fields.Add(protoLLC, "llc.dsap.ig", "IG Bit", field.Bool, field.WithBase(8), field.WithMask(0x01), field.WithTrueFalse("Group", "Individual"))
	hfLLCSSAP      = Fields.Add(protoLLC, "llc.ssap", "SSAP", field.Uint8, field.WithBase(field.Hex), field.WithStrings(llcSAPVals))
	hfLLCSSAPSAP   = Fields.Add(protoLLC, "llc.ssap.sap", "SAP", field.Uint8, field.WithMask(0xfe))
	hfLLCSSAPCR    = Fields.Add(protoLLC, "llc.ssap.cr", "CR Bit", field.Bool, field.WithBase(8), field.WithMask(0x01), field.WithTrueFalse("Response", "Command"))
	hfLLCControl   = Fields.Add(protoLLC, "llc.control", "Control", field.Uint16, field.WithBase(field.Hex))
	hfLLCUCmd      = Fields.Add(protoLLC, "llc.control.u_modifier_cmd", "Command", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xec), field.WithStrings(llcUCmdVals))
	hfLLCFType     = Fields.Add(protoLLC, "llc.control.ftype", "Frame type", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x1), field.WithStrings(map[uint64]string{0: "Information frame", 1: "Supervisory frame", 3: "Unnumbered frame"}))
	hfLLCType      = Fields.Add(protoLLC, "llc.type", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(etypeVals))
	hfLLCOUI       = Fields.Add(protoLLC, "llc.oui", "Organization Code", field.Uint24)
	hfLLCPID       = Fields.Add(protoLLC, "llc.pid", "Protocol ID", field.Uint16, field.WithBase(field.Hex))
	handleLLC      = &Handle{Name: "llc", Fn: dissectLLC}
	hfLLCCtrlShort = map[uint64]string{0x00: "UI", 0x08: "UP", 0x10: "DISC", 0x18: "UA", 0x20: "SNRM", 0x38: "TEST", 0x2b: "XID", 0x0b: "SABME"}

	// LLCSAP hands an LLC payload on by its DSAP (STP is 0x42, ISO network layer 0xfe...).
	LLCSAP = NewTable("llc.dsap")
)

var llcUCmdVals = map[uint64]string{0x0: "Unnumbered Information", 0x8: "Unnumbered Poll", 0x10: "Disconnect",
	0x18: "Unnumbered Acknowledge", 0x20: "Set Normal Response Mode", 0x38: "Test", 0x1: "Set Initialization Mode",
	0x21: "Frame reject", 0x31: "Configure", 0x3: "Set Asynchronous Response Mode", 0xb: "Set Asynchronous Balanced Mode",
	0x13: "Set Asynchronous Response Mode Extended", 0x1b: "Set Asynchronous Balanced Mode Extended", 0x23: "Reset",
	0x2b: "Exchange identification", 0x33: "Set Normal Response Mode Extended", 0x3b: "Beacon"}

func init() { RegisterShortName(protoLLC, "LLC") }

func dissectLLC(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("LLC")
	dsap, ssap := uint64(t.U8(0)), uint64(t.U8(1))
	ctl := uint64(t.U8(2))
	hl := 3
	if ctl&3 != 3 {
		hl = 4
	}
	snap := dsap == 0xaa && ssap == 0xaa && ctl == 3
	if snap {
		hl = 8
	}
	p := c.AddProto(parent, protoLLC, t, 0, hl)
	sapName := func(v uint64) string {
		if s, ok := llcSAPVals[v]; ok {
			return s
		}
		return "Unknown"
	}
	d := c.AddUintV(p, hfLLCDSAP, t, 0, 1, dsap)
	n, _ := c.AddUint(d, hfLLCDSAPSAP, t, 0, 1)
	if c.Visible() {
		c.Label(n, "%s = SAP: %s", bitPattern8(dsap, 0xfe), sapName(dsap&0xfe))
	}
	c.AddUint(d, hfLLCDSAPIG, t, 0, 1)
	s := c.AddUintV(p, hfLLCSSAP, t, 1, 1, ssap)
	n, _ = c.AddUint(s, hfLLCSSAPSAP, t, 1, 1)
	if c.Visible() {
		c.Label(n, "%s = SAP: %s", bitPattern8(ssap, 0xfe), sapName(ssap&0xfe))
	}
	c.AddUint(s, hfLLCSSAPCR, t, 1, 1)
	if hl == 4 {
		cn := c.AddUintV(p, hfLLCControl, t, 2, 2, uint64(t.U16(2)))
		if c.Visible() {
			c.Label(cn, "Control field: 0x%04x", t.U16(2))
		}
	} else {
		cn := c.AddUintV(p, hfLLCControl, t, 2, 1, ctl)
		if c.Visible() {
			short, ok := hfLLCCtrlShort[ctl&0xec]
			if !ok {
				short = "0x" + hex2(ctl&0xec)
			}
			c.T.SetLabel(cn, "Control field: U, func="+short+" (0x"+hex2(ctl)+")")
		}
		c.AddUint(cn, hfLLCUCmd, t, 2, 1)
		fn := c.AddUintV(cn, hfLLCFType, t, 2, 1, 3)
		c.Label(fn, ".... ..11 = Frame type: Unnumbered frame (0x3)")
	}
	if snap {
		oui := uint64(t.U24(3))
		on := c.AddUintV(p, hfLLCOUI, t, 3, 3, oui)
		if oui == 0 {
			c.Label(on, "Organization Code: 00:00:00 (Officially Xerox, but ...)")
			et := uint64(t.U16(6))
			c.AddUintV(p, hfLLCType, t, 6, 2, et)
			if !c.TryTable(EtherType, et, t.Sub(8), parent) {
				c.CallData(t.Sub(8), parent)
			}
			return
		}
		if llcOUIHandoff(c, t, p, on, parent, oui) {
			return
		}
		c.AddUint(p, hfLLCPID, t, 6, 2)
		c.CallData(t.Sub(8), parent)
		return
	}
	if !c.TryTable(LLCSAP, dsap, t.Sub(hl), parent) {
		c.CallData(t.Sub(hl), parent)
	}
}

var llcSAPVals = map[uint64]string{
	0x0:  "NULL LSAP",
	0x1:  "NULL LSAP",
	0x2:  "LLC Sub-Layer Management",
	0x4:  "SNA Path Control",
	0x6:  "TCP/IP",
	0x8:  "SNA",
	0xc:  "SNA",
	0xe:  "PROWAY (IEC955) Network Management and Initialization",
	0x10: "NetWare (unofficial?)",
	0x14: "ISO Network Layer (OSLAN 1)",
	0x18: "Texas Instruments",
	0x20: "ISO Network Layer (unofficial?)",
	0x34: "ISO Network Layer (unofficial?)",
	0x42: "Spanning Tree BPDU",
	0x4e: "EIA RS-511 Manufacturing Message Service",
	0x54: "ISO Network Layer (OSLAN 2)",
	0x7e: "ISO 8208 (X.25 over 802.2)",
	0x7f: "ISO 802.2",
	0x80: "XNS",
	0x82: "BACnet",
	0x86: "Nestar",
	0x8e: "PROWAY (IEC955) Active Station List Maintenance",
	0x98: "ARP",
	0xb4: "HP JetDirect Printer",
	0xaa: "SNAP",
	0xba: "Banyan Vines",
	0xbc: "Banyan Vines",
	0xe0: "NetWare",
	0xf0: "NetBIOS",
	0xf4: "IBM Net Management",
	0xf8: "HP Extended LLC",
	0xfa: "Ungermann-Bass",
	0xfc: "Remote Program Load",
	0xfe: "ISO Network Layer",
	0xff: "Global LSAP",
}

// dissectEthertypeNoType is DissectEthertype for headers that show their type field themselves
// before other fields (Linux cooked capture v2).
func dissectEthertypeNoType(c *Ctx, t Tvb, parent, fh int32, etype uint64, payloadOff int, trailerID field.ID) {
	DissectEthertype(c, t, parent, fh, etype, 0, 0, payloadOff, trailerID)
}
