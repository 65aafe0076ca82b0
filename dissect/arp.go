package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Address Resolution Protocol (Wireshark's packet-arp.c): requests and replies, RARP, DRARP and
// Inverse ARP, gratuitous/probe/announcement detection and duplicate IP address detection.

var (
	protoARP          = Fields.Protocol("arp", "Address Resolution Protocol")
	hfARPHwType       = Fields.Add(protoARP, "arp.hw.type", "Hardware type", field.Uint16, field.WithStrings(arpHrdVals))
	hfARPProtoType    = Fields.Add(protoARP, "arp.proto.type", "Protocol type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(etypeVals))
	hfARPHwSize       = Fields.Add(protoARP, "arp.hw.size", "Hardware size", field.Uint8)
	hfARPProtoSize    = Fields.Add(protoARP, "arp.proto.size", "Protocol size", field.Uint8)
	hfARPOpcode       = Fields.Add(protoARP, "arp.opcode", "Opcode", field.Uint16, field.WithStrings(arpOpVals))
	hfARPIsGratuitous = Fields.Add(protoARP, "arp.isgratuitous", "Is gratuitous", field.Bool, field.WithTrueFalse("True", "False"))
	hfARPIsProbe      = Fields.Add(protoARP, "arp.isprobe", "Is probe", field.Bool, field.WithTrueFalse("True", "False"))
	hfARPIsAnnounce   = Fields.Add(protoARP, "arp.isannouncement", "Is announcement", field.Bool, field.WithTrueFalse("True", "False"))
	hfARPSrcHw        = Fields.Add(protoARP, "arp.src.hw", "Sender hardware address", field.Bytes)
	hfARPSrcHwMAC     = Fields.Add(protoARP, "arp.src.hw_mac", "Sender MAC address", field.Ether)
	hfARPSrcProto     = Fields.Add(protoARP, "arp.src.proto", "Sender protocol address", field.Bytes)
	hfARPSrcProtoIPv4 = Fields.Add(protoARP, "arp.src.proto_ipv4", "Sender IP address", field.IPv4)
	hfARPDstHw        = Fields.Add(protoARP, "arp.dst.hw", "Target hardware address", field.Bytes)
	hfARPDstHwMAC     = Fields.Add(protoARP, "arp.dst.hw_mac", "Target MAC address", field.Ether)
	hfARPDstProto     = Fields.Add(protoARP, "arp.dst.proto", "Target protocol address", field.Bytes)
	hfARPDstProtoIPv4 = Fields.Add(protoARP, "arp.dst.proto_ipv4", "Target IP address", field.IPv4)
	hfARPDupFrame     = Fields.Add(protoARP, "arp.duplicate-address-frame", "Frame showing earlier use of IP address", field.FrameNum)
	hfARPDupSeconds   = Fields.Add(protoARP, "arp.seconds-since-duplicate-address-frame", "Seconds since earlier frame seen", field.Uint32)

	eiARPDuplicate = RegisterExpert(protoARP, "arp.duplicate-address-detected", "Duplicate IP address configured", GroupSequence, SevWarn)
	eiARPStorm     = RegisterExpert(protoARP, "arp.packet-storm-detected", "ARP packet storm detected", GroupSequence, SevNote)

	handleARP = &Handle{Name: "arp", Fn: dissectARP}
	arpSlot   = newStateSlot(func() any { return &arpState{seen: map[[4]byte]arpEntry{}, dup: map[uint32]arpDup{}} })
)

// arpState is what the first pass learns: the MAC address last seen for each IPv4 address, and the
// duplicates found, per frame.
type arpState struct {
	seen map[[4]byte]arpEntry
	dup  map[uint32]arpDup
}

type arpEntry struct {
	mac   [6]byte
	frame uint32
	ts    int64
}

type arpDup struct {
	ip    [4]byte
	mac   [6]byte // this frame's
	prev  arpEntry
	valid bool
}

func init() {
	RegisterShortName(protoARP, "ARP/RARP")
	EtherType.Add(0x0806, handleARP)
	EtherType.Add(0x8035, handleARP) // RARP
	RegisterEtherPDULen(0x0806, arpPDULen)
	RegisterEtherPDULen(0x8035, arpPDULen)
	_ = eiARPStorm
}

func arpPDULen(t Tvb) int {
	if t.Len() < 6 {
		return -1
	}
	return 8 + 2*int(t.B[4]) + 2*int(t.B[5])
}

func arpIsEther(hrd uint64, hln int) bool { return (hrd == 1 || hrd == 6) && hln == 6 }

func arpIsIPv4(pro uint64, pln int) bool { return (pro == 0x0800 || pro == 0xcc) && pln == 4 }

func arpAddrStr(b []byte, isAddr bool) string {
	if isAddr {
		if len(b) == 6 {
			return string(field.AppendHexSep(nil, b, ':'))
		}
		return string(field.AppendAddr(nil, b))
	}
	return hexBytes(b)
}

func hexBytes(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

func dissectARP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("ARP")
	c.ClearInfo()
	hrd := uint64(t.U16(0))
	pro := uint64(t.U16(2))
	hln := int(t.U8(4))
	pln := int(t.U8(5))
	op := uint64(t.U16(6))
	tot := 8 + 2*hln + 2*pln

	p := c.AddProto(parent, protoARP, t, 0, tot)
	c.AddUintV(p, hfARPHwType, t, 0, 2, hrd)
	c.AddUintV(p, hfARPProtoType, t, 2, 2, pro)
	c.AddUintV(p, hfARPHwSize, t, 4, 1, uint64(hln))
	c.AddUintV(p, hfARPProtoSize, t, 5, 1, uint64(pln))
	c.AddUintV(p, hfARPOpcode, t, 6, 2, op)
	t.Need(8, tot-8)

	shaO, spaO := 8, 8+hln
	thaO, tpaO := spaO+pln, spaO+pln+hln
	sha, spa := t.Bytes(shaO, hln), t.Bytes(spaO, pln)
	tha, tpa := t.Bytes(thaO, hln), t.Bytes(tpaO, pln)
	hwEther, protoIP := arpIsEther(hrd, hln), arpIsIPv4(pro, pln)

	if hwEther && pro == 0x0800 && len(sha) == 6 && len(tha) == 6 && len(spa) == 4 && len(tpa) == 4 {
		// Wireshark's add_ether_byip: a unicast sender (and a replying target) binds its MAC
		// address to its host's name
		if sha[0]&1 == 0 && !allZero(sha) && !allZero(spa) {
			c.LearnEtherByIP(spa, sha)
		}
		if tha[0]&1 == 0 && !allZero(tha) && !allZero(tpa) && op != 1 {
			c.LearnEtherByIP(tpa, tha)
		}
	}

	gratuitous, probe, announce := false, false, false
	if protoIP && (op == 1 || op == 2) {
		gratuitous = string(spa) == string(tpa)
		if op == 1 && allZero(tha) {
			probe = allZero(spa)
			announce = gratuitous
		}
	}

	switch op {
	case 3, 4:
		c.SetProtocol("RARP")
	case 5, 6, 7:
		c.SetProtocol("DRARP")
	case 8, 9:
		c.SetProtocol("Inverse ARP")
	}
	hw := func(b []byte) string { return arpAddrStr(b, hwEther) }
	pa := func(b []byte) string { return arpAddrStr(b, protoIP) }
	title := ""
	if c.Cols.On || c.Visible() {
		switch op {
		case 1:
			switch {
			case probe:
				c.SetInfo("Who has " + pa(tpa) + "? (ARP Probe)")
				title = "ARP Probe"
			case announce:
				c.SetInfo("ARP Announcement for " + pa(tpa))
				title = "ARP Announcement"
			case gratuitous:
				c.SetInfo("Gratuitous ARP for " + pa(tpa) + " (Request)")
				title = "request/gratuitous ARP"
			default:
				c.SetInfo("Who has " + pa(tpa) + "? Tell " + pa(spa))
				title = "request"
			}
		case 2:
			if gratuitous {
				c.SetInfo("Gratuitous ARP for " + pa(spa) + " (Reply)")
				title = "reply/gratuitous ARP"
			} else {
				c.SetInfo(pa(spa) + " is at " + hw(sha))
				title = "reply"
			}
		case 3, 5:
			c.SetInfo("Who is " + hw(tha) + "? Tell " + hw(sha))
		case 4, 6:
			c.SetInfo(hw(tha) + " is at " + pa(tpa))
		case 7:
			c.SetInfo("DRARP Error")
		case 8:
			c.SetInfo("Who is " + hw(tha) + "? Tell " + hw(sha))
		case 9:
			c.SetInfo(hw(sha) + " is at " + pa(spa))
		case 10:
			c.SetInfo("ARP NAK")
		default:
			c.SetInfo("Unknown ARP opcode 0x" + hex4(op))
		}
		if title == "" {
			if s, ok := arpOpVals[op]; ok && op >= 3 && op <= 10 {
				title = s
			} else {
				title = "opcode 0x" + hex4(op)
			}
		}
		if c.Visible() {
			c.Label(p, "Address Resolution Protocol (%s)", title)
		}
	}
	if gratuitous {
		c.AddGenerated(p, hfARPIsGratuitous, t, 0, 0, field.Value{U: 1})
	}
	if probe {
		c.AddGenerated(p, hfARPIsProbe, t, 0, 0, field.Value{U: 1})
	}
	if announce {
		c.AddGenerated(p, hfARPIsAnnounce, t, 0, 0, field.Value{U: 1})
	}
	arpAddr := func(o, n int, isHw bool, hfGen, hfSpecific field.ID) {
		if n == 0 {
			return
		}
		if (isHw && hwEther) || (!isHw && protoIP) {
			c.AddBytes(p, hfSpecific, t, o, n)
		} else {
			c.AddBytes(p, hfGen, t, o, n)
		}
	}
	arpAddr(shaO, hln, true, hfARPSrcHw, hfARPSrcHwMAC)
	arpAddr(spaO, pln, false, hfARPSrcProto, hfARPSrcProtoIPv4)
	arpAddr(thaO, hln, true, hfARPDstHw, hfARPDstHwMAC)
	arpAddr(tpaO, pln, false, hfARPDstProto, hfARPDstProtoIPv4)

	if hwEther && protoIP && (op == 1 || op == 2) {
		arpDuplicate(c, t, parent, sha, spa)
	}
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// arpDuplicate reports an IP address seen earlier with another MAC address (Wireshark's
// check_for_duplicate_addresses). The first pass records what it finds; later passes read it.
func arpDuplicate(c *Ctx, t Tvb, parent int32, sha, spa []byte) {
	st := c.State.slot(arpSlot).(*arpState)
	num := c.Frame.Number
	if c.Pass1 {
		ip := [4]byte(spa)
		mac := [6]byte(sha)
		if e, ok := st.seen[ip]; ok && e.frame != num && e.mac != mac {
			st.dup[num] = arpDup{ip: ip, mac: mac, prev: e, valid: true}
		} else if !allZero(spa) {
			st.seen[ip] = arpEntry{mac: mac, frame: num, ts: c.Frame.TS}
		}
	}
	d, ok := st.dup[num]
	if !ok || !d.valid {
		return
	}
	ipStr := string(field.AppendAddr(nil, d.ip[:]))
	n := c.AddText(parent, t, 0, 0, "[Duplicate IP address detected for "+ipStr+" ("+
		string(field.AppendHexSep(nil, d.mac[:], ':'))+") - also in use by "+
		string(field.AppendHexSep(nil, d.prev.mac[:], ':'))+" (frame "+itoa(uint64(d.prev.frame))+")]")
	f := c.AddGenerated(n, hfARPDupFrame, t, 0, 0, field.Value{U: uint64(d.prev.frame)})
	c.Expert(f, eiARPDuplicate, t, 0, 0, "Duplicate IP address configured ("+ipStr+")")
	secs := (c.Frame.TS - d.prev.ts) / 1e9
	c.AddGenerated(n, hfARPDupSeconds, t, 0, 0, field.Value{U: uint64(secs)})
	c.AppendInfo(" (duplicate use of " + ipStr + " detected!)")
}

var arpHrdVals = map[uint64]string{
	0x0:    "NET/ROM pseudo",
	0x1:    "Ethernet",
	0x2:    "Experimental Ethernet",
	0x3:    "AX.25",
	0x4:    "ProNET",
	0x5:    "Chaos",
	0x6:    "IEEE 802",
	0x7:    "ARCNET",
	0x8:    "Hyperchannel",
	0x9:    "Lanstar",
	0xa:    "Autonet Short Address",
	0xb:    "Localtalk",
	0xc:    "LocalNet",
	0xd:    "Ultra link",
	0xe:    "SMDS",
	0xf:    "Frame Relay DLCI",
	0x10:   "ATM",
	0x11:   "HDLC",
	0x12:   "Fibre Channel",
	0x13:   "ATM (RFC 2225)",
	0x14:   "Serial Line",
	0x15:   "ATM",
	0x16:   "MIL-STD-188-220",
	0x17:   "Metricom STRIP",
	0x18:   "IEEE 1394.1995",
	0x19:   "MAPOS",
	0x1a:   "Twinaxial",
	0x1b:   "EUI-64",
	0x1c:   "HIPARP",
	0x1d:   "IP and ARP over ISO 7816-3",
	0x1e:   "ARPSec",
	0x1f:   "IPsec tunnel",
	0x20:   "InfiniBand",
	0x21:   "TIA-102 Project 25 CAI",
	0x22:   "Wiegand Interface",
	0x23:   "Pure IP",
	0x24:   "Experimental 1",
	0x25:   "HFI",
	0x100:  "Experimental 2",
	0x101:  "AEthernet",
	0x104:  "Notional KISS type",
	0x108:  "ADAPT",
	0x10e:  "ROSE",
	0x10f:  "CCITT X.25",
	0x110:  "Boards with X.25 in firmware",
	0x118:  "Controller Area Network",
	0x200:  "PPP",
	0x201:  "Cisco HDLC",
	0x204:  "LAPB",
	0x205:  "Digital's DDCMP protocol",
	0x206:  "Raw HDLC",
	0x207:  "Raw IP",
	0x300:  "IPIP tunnel",
	0x301:  "IP6IP6 tunnel",
	0x302:  "Frame Relay Access Device",
	0x303:  "SKIP vif",
	0x304:  "Loopback",
	0x306:  "Fiber Distributed Data Interface",
	0x307:  "AP1000 BIF",
	0x308:  "sit0 device - IPv6-in-IPv4",
	0x309:  "IP over DDP tunneller",
	0x30a:  "GRE over IP",
	0x30b:  "PIMSM register interface",
	0x30c:  "High Performance Parallel Interface",
	0x30d:  "Nexus 64Mbps Ash",
	0x30e:  "Acorn Econet",
	0x30f:  "Linux-IrDA",
	0x310:  "Point to point fibrechannel",
	0x311:  "Fibrechannel arbitrated loop",
	0x312:  "Fibrechannel public loop",
	0x313:  "Fibrechannel fabric",
	0x320:  "Magic type ident for TR",
	0x321:  "IEEE 802.11",
	0x322:  "IEEE 802.11 + Prism2 header",
	0x323:  "IEEE 802.11 + radiotap header",
	0x324:  "IEEE 802.15.4",
	0x325:  "IEEE 802.15.4 network monitor",
	0x334:  "PhoNet media type",
	0x335:  "PhoNet pipe header",
	0x336:  "CAIF media type",
	0x337:  "GRE over IPv6",
	0x338:  "Netlink",
	0x339:  "IPv6 over LoWPAN",
	0x33a:  "Vsock monitor header",
	0xffff: "Void type, nothing is known",
	0xfffe: "zero header length",
}
var arpOpVals = map[uint64]string{
	0x1:    "request",
	0x2:    "reply",
	0x3:    "reverse request",
	0x4:    "reverse reply",
	0x5:    "drarp request",
	0x6:    "drarp reply",
	0x7:    "drarp error",
	0x8:    "inverse request",
	0x9:    "inverse reply",
	0xa:    "arp nak",
	0xb:    "mars request",
	0xc:    "mars multi",
	0xd:    "mars mserv",
	0xe:    "mars join",
	0xf:    "mars leave",
	0x10:   "mars nak",
	0x11:   "mars unserv",
	0x12:   "mars sjoin",
	0x13:   "mars sleave",
	0x14:   "mars grouplist request",
	0x15:   "mars grouplist reply",
	0x16:   "mars redirect map",
	0x17:   "mapos unarp",
	0x18:   "experimental 1",
	0x19:   "experimental 2",
	0x0:    "reserved",
	0xffff: "reserved",
}
