package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Spanning Tree Protocol BPDUs: IEEE 802.1D configuration and topology change notification,
// 802.1w rapid and 802.1s multiple spanning tree, and Cisco's PVST+ (Wireshark's packet-stp.c).

var (
	protoSTP        = Fields.Protocol("stp", "Spanning Tree Protocol")
	hfSTPProtocol   = Fields.Add(protoSTP, "stp.protocol", "Protocol Identifier", field.Uint16, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0: "Spanning Tree Protocol"}))
	hfSTPVersion    = Fields.Add(protoSTP, "stp.version", "Protocol Version Identifier", field.Uint8, field.WithStrings(stpVersionVals))
	hfSTPType       = Fields.Add(protoSTP, "stp.type", "BPDU Type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(stpTypeVals))
	hfSTPFlags      = Fields.Add(protoSTP, "stp.flags", "BPDU flags", field.Uint8, field.WithBase(field.Hex))
	hfSTPFlagsTCAck = Fields.Add(protoSTP, "stp.flags.tcack", "Topology Change Acknowledgment", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Yes", "No"))
	hfSTPFlagsAgree = Fields.Add(protoSTP, "stp.flags.agreement", "Agreement", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Yes", "No"))
	hfSTPFlagsFwd   = Fields.Add(protoSTP, "stp.flags.forwarding", "Forwarding", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Yes", "No"))
	hfSTPFlagsLearn = Fields.Add(protoSTP, "stp.flags.learning", "Learning", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Yes", "No"))
	hfSTPFlagsRole  = Fields.Add(protoSTP, "stp.flags.port_role", "Port Role", field.Uint8, field.WithMask(0x0c), field.WithStrings(stpRoleVals))
	hfSTPFlagsProp  = Fields.Add(protoSTP, "stp.flags.proposal", "Proposal", field.Bool, field.WithBase(8), field.WithMask(0x02), field.WithTrueFalse("Yes", "No"))
	hfSTPFlagsTC    = Fields.Add(protoSTP, "stp.flags.tc", "Topology Change", field.Bool, field.WithBase(8), field.WithMask(0x01), field.WithTrueFalse("Yes", "No"))
	hfSTPRootPrio   = Fields.Add(protoSTP, "stp.root.prio", "Root Bridge Priority", field.Uint16)
	hfSTPRootExt    = Fields.Add(protoSTP, "stp.root.ext", "Root Bridge System ID Extension", field.Uint16)
	hfSTPRootHW     = Fields.Add(protoSTP, "stp.root.hw", "Root Bridge System ID", field.Ether)
	hfSTPRootCost   = Fields.Add(protoSTP, "stp.root.cost", "Root Path Cost", field.Uint32)
	hfSTPBridgePrio = Fields.Add(protoSTP, "stp.bridge.prio", "Bridge Priority", field.Uint16)
	hfSTPBridgeExt  = Fields.Add(protoSTP, "stp.bridge.ext", "Bridge System ID Extension", field.Uint16)
	hfSTPBridgeHW   = Fields.Add(protoSTP, "stp.bridge.hw", "Bridge System ID", field.Ether)
	hfSTPPort       = Fields.Add(protoSTP, "stp.port", "Port identifier", field.Uint16, field.WithBase(field.Hex))
	hfSTPMsgAge     = Fields.Add(protoSTP, "stp.msg_age", "Message Age", field.Double)
	hfSTPMaxAge     = Fields.Add(protoSTP, "stp.max_age", "Max Age", field.Double)
	hfSTPHello      = Fields.Add(protoSTP, "stp.hello", "Hello Time", field.Double)
	hfSTPForward    = Fields.Add(protoSTP, "stp.forward", "Forward Delay", field.Double)
	hfSTPV1Len      = Fields.Add(protoSTP, "stp.version_1_length", "Version 1 Length", field.Uint8)
	hfSTPPVSTType   = Fields.Add(protoSTP, "stp.pvst.tlvtype", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0: "Originating VLAN"}))
	hfSTPPVSTLen    = Fields.Add(protoSTP, "stp.pvst.tlvlen", "Length", field.Uint16)
	hfSTPPVSTVLAN   = Fields.Add(protoSTP, "stp.pvst.origvlan", "Originating VLAN", field.Uint16)
	hfSTPPVSTVal    = Fields.Add(protoSTP, "stp.pvst.tlvval", "Value", field.Bytes)

	hfMSTPV3Len       = Fields.Add(protoSTP, "mstp.version_3_length", "Version 3 Length", field.Uint16)
	hfMSTPFormat      = Fields.Add(protoSTP, "mstp.config_format_selector", "MST Config ID format selector", field.Uint8)
	hfMSTPName        = Fields.Add(protoSTP, "mstp.config_name", "MST Config name", field.StringZPad)
	hfMSTPRevision    = Fields.Add(protoSTP, "mstp.config_revision_level", "MST Config revision", field.Uint16)
	hfMSTPDigest      = Fields.Add(protoSTP, "mstp.config_digest", "MST Config digest", field.Bytes)
	hfMSTPCISTCost    = Fields.Add(protoSTP, "mstp.cist_internal_root_path_cost", "CIST Internal Root Path Cost", field.Uint32)
	hfMSTPCISTPrio    = Fields.Add(protoSTP, "mstp.cist_bridge.prio", "CIST Bridge Priority", field.Uint16)
	hfMSTPCISTExt     = Fields.Add(protoSTP, "mstp.cist_bridge.ext", "CIST Bridge Identifier System ID Extension", field.Uint16)
	hfMSTPCISTHW      = Fields.Add(protoSTP, "mstp.cist_bridge.hw", "CIST Bridge Identifier System ID", field.Ether)
	hfMSTPCISTHops    = Fields.Add(protoSTP, "mstp.cist_remaining_hops", "CIST Remaining hops", field.Uint8)
	hfMSTIFlags       = Fields.Add(protoSTP, "mstp.msti.flags", "MSTI flags", field.Uint8, field.WithBase(field.Hex))
	hfMSTIPriority    = Fields.Add(protoSTP, "mstp.msti.priority", "Priority", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf0))
	hfMSTIID          = Fields.Add(protoSTP, "mstp.msti.msti_id", "MSTID", field.Uint16, field.WithMask(0xfff))
	hfMSTIRootHW      = Fields.Add(protoSTP, "mstp.msti.root.hw", "Regional Root", field.Ether)
	hfMSTIRootCost    = Fields.Add(protoSTP, "mstp.msti.root_cost", "Internal root path cost", field.Uint32)
	hfMSTIBridgePrio  = Fields.Add(protoSTP, "mstp.msti.bridge_priority", "Bridge Identifier Priority", field.Uint8)
	hfMSTIPortPrio    = Fields.Add(protoSTP, "mstp.msti.port_priority", "Port identifier priority", field.Uint8)
	hfMSTIRemainHops  = Fields.Add(protoSTP, "mstp.msti.remaining_hops", "Remaining hops", field.Uint8)
	handleSTP         = &Handle{Name: "stp", Fn: func(c *Ctx, t Tvb, parent int32) { dissectSTP(c, t, parent, false) }}
	handlePVST        = &Handle{Name: "stp", Fn: func(c *Ctx, t Tvb, parent int32) { dissectSTP(c, t, parent, true) }}
	eiSTPPVSTMissing  = RegisterExpert(protoSTP, "stp.pvst.origvlan.missing", "Originating (PVID) VLAN TLV is missing or corrupt", GroupProtocol, SevWarn)
	eiSTPTypeUnknown  = RegisterExpert(protoSTP, "stp.type.unknown", "Unknown BPDU type data", GroupUndecoded, SevWarn)
	eiSTPTLVTruncated = RegisterExpert(protoSTP, "stp.pvst.tlv.truncated", "TLV record is truncated prematurely", GroupMalformed, SevError)
)

var stpVersionVals = map[uint64]string{0: "Spanning Tree", 2: "Rapid Spanning Tree", 3: "Multiple Spanning Tree", 4: "Shortest Path Tree"}
var stpTypeVals = map[uint64]string{0: "Configuration", 2: "Rapid/Multiple Spanning Tree", 0x80: "Topology Change Notification"}
var stpRoleVals = map[uint64]string{1: "Alternate or Backup", 2: "Root", 3: "Designated"}

func init() {
	RegisterShortName(protoSTP, "STP")
	LLCSAP.Add(0x42, handleSTP)
	LLCCiscoPID.Add(0x010b, handlePVST)
	EtherType.Add(0x8181, handleSTP)
	_ = []*Expert{eiSTPPVSTMissing, eiSTPTLVTruncated}
}

// macString formats 6 bytes as aa:bb:cc:dd:ee:ff.
func macString(b []byte) string { return string(field.AppendHexSep(make([]byte, 0, 17), b, ':')) }

func dissectSTP(c *Ctx, t Tvb, parent int32, pvst bool) {
	c.SetProtocol("STP")
	typ := uint64(t.U8(3))
	version := uint64(t.U8(2))
	n := 4
	switch typ {
	case 0:
		n = 35
	case 2:
		n = 36
		if version >= 3 && t.Has(36, 2) {
			n = 38 + int(t.U16(36))
		}
	}
	if pvst || n > t.Len() {
		n = t.Len()
	}
	p := c.AddProto(parent, protoSTP, t, 0, n)
	c.AddUint(p, hfSTPProtocol, t, 0, 2)
	c.AddUint(p, hfSTPVersion, t, 2, 1)
	tn, _ := c.AddUint(p, hfSTPType, t, 3, 1)
	switch typ {
	case 0x80:
		c.SetInfo("Topology Change Notification")
		return
	case 0, 2:
	default:
		c.SetInfo("Unknown BPDU type (" + strconv.FormatUint(typ, 10) + ")")
		c.Expert(tn, eiSTPTypeUnknown, t, 3, 1, "")
		return
	}
	flags := uint64(t.U8(4))
	fn := c.AddUintV(p, hfSTPFlags, t, 4, 1, flags)
	stpFlags(c, t, fn, 4, flags, typ == 2, "BPDU flags")
	rid := t.U16(5)
	rootHW := t.Bytes(7, 6)
	cost := t.U32(13)
	port := t.U16(25)
	if c.Cols.On {
		pre := "Conf. "
		if typ == 2 {
			pre = "RST. "
			if version == 3 {
				pre = "MST. "
			}
		}
		if flags&1 != 0 {
			pre += "TC + "
		}
		c.SetInfo(pre + "Root = " + strconv.Itoa(int(rid&0xf000)) + "/" + strconv.Itoa(int(rid&0x0fff)) + "/" + macString(rootHW) +
			"  Cost = " + strconv.FormatUint(uint64(cost), 10) + "  Port = 0x" + hex4(port))
	}
	stpBridgeID(c, t, p, 5, "Root Identifier", hfSTPRootPrio, hfSTPRootExt, hfSTPRootHW)
	c.AddUint(p, hfSTPRootCost, t, 13, 4)
	stpBridgeID(c, t, p, 17, "Bridge Identifier", hfSTPBridgePrio, hfSTPBridgeExt, hfSTPBridgeHW)
	c.AddUint(p, hfSTPPort, t, 25, 2)
	for i, hf := range [...]field.ID{hfSTPMsgAge, hfSTPMaxAge, hfSTPHello, hfSTPForward} {
		o := 27 + 2*i
		c.Add(p, hf, t, o, 2, field.Value{F: float64(t.U16(o)) / 256})
	}
	o := 35
	if typ == 2 {
		c.AddUint(p, hfSTPV1Len, t, 35, 1)
		o = 36
		if version >= 3 && t.Has(36, 2) {
			mstpExtension(c, t, p)
			return
		}
	} else if pvst {
		o = 36
	}
	if pvst && t.Len() > o {
		stpPVSTTLVs(c, t, p, o)
	}
}

// stpFlags adds the flag bits under node fn and its label ("BPDU flags: 0x0e, Port Role: Designated,
// Proposal"); rst selects the rapid spanning tree bits.
func stpFlags(c *Ctx, t Tvb, fn int32, o int, flags uint64, rst bool, name string) {
	c.AddUint(fn, hfSTPFlagsTCAck, t, o, 1)
	if rst {
		c.AddUint(fn, hfSTPFlagsAgree, t, o, 1)
		c.AddUint(fn, hfSTPFlagsFwd, t, o, 1)
		c.AddUint(fn, hfSTPFlagsLearn, t, o, 1)
		c.AddUint(fn, hfSTPFlagsRole, t, o, 1)
		c.AddUint(fn, hfSTPFlagsProp, t, o, 1)
	}
	c.AddUint(fn, hfSTPFlagsTC, t, o, 1)
	if !c.Visible() {
		return
	}
	s := name + ": 0x" + hex2(flags)
	if flags&0x80 != 0 {
		s += ", Topology Change Acknowledgment"
	}
	if rst {
		if flags&0x40 != 0 {
			s += ", Agreement"
		}
		if flags&0x20 != 0 {
			s += ", Forwarding"
		}
		if flags&0x10 != 0 {
			s += ", Learning"
		}
		role := (flags >> 2) & 3
		if r, ok := stpRoleVals[role]; ok {
			s += ", Port Role: " + r
		}
		if flags&0x02 != 0 {
			s += ", Proposal"
		}
	}
	if flags&0x01 != 0 {
		s += ", Topology Change"
	}
	c.T.SetLabel(fn, s)
}

// stpBridgeID adds an 8-byte bridge identifier (priority, system ID extension, MAC) at o as a text
// subtree labelled "name: prio / ext / mac".
func stpBridgeID(c *Ctx, t Tvb, p int32, o int, name string, hfPrio, hfExt, hfHW field.ID) {
	id := uint64(t.U16(o))
	label := ""
	if c.Visible() {
		label = name + ": " + strconv.FormatUint(id&0xf000, 10) + " / " + strconv.FormatUint(id&0x0fff, 10) + " / " + macString(t.Bytes(o+2, 6))
	}
	st := c.AddText(p, t, o, 8, label)
	c.AddUintV(st, hfPrio, t, o, 1, id&0xf000)
	c.AddUintV(st, hfExt, t, o, 2, id&0x0fff)
	c.AddBytes(st, hfHW, t, o+2, 6)
}

// stpPVSTTLVs adds PVST+ TLVs from o to the end.
func stpPVSTTLVs(c *Ctx, t Tvb, p int32, o int) {
	for o+4 <= t.Len() {
		typ, l := uint64(t.U16(o)), int(t.U16(o+2))
		if !t.Has(o+4, l) {
			break
		}
		label := ""
		if c.Visible() {
			if typ == 0 && l == 2 {
				label = "Originating VLAN (PVID): " + strconv.Itoa(int(t.U16(o+4)))
			} else {
				label = "Unknown TLV"
			}
		}
		st := c.AddText(p, t, o, 4+l, label)
		c.AddUintV(st, hfSTPPVSTType, t, o, 2, typ)
		c.AddUintV(st, hfSTPPVSTLen, t, o+2, 2, uint64(l))
		if typ == 0 && l == 2 {
			c.AddUint(st, hfSTPPVSTVLAN, t, o+4, 2)
		} else if l > 0 {
			c.AddBytes(st, hfSTPPVSTVal, t, o+4, l)
		}
		o += 4 + l
	}
}

// mstpExtension adds the 802.1s MST extension after the version 1 length.
func mstpExtension(c *Ctx, t Tvb, p int32) {
	v3 := int(t.U16(36))
	c.AddUintV(p, hfMSTPV3Len, t, 36, 2, uint64(v3))
	end := min(38+v3, t.Len())
	ext := c.AddText(p, t, 36, end-36, "MST Extension")
	c.AddUint(ext, hfMSTPFormat, t, 38, 1)
	nameB := t.Bytes(39, 32)
	if i := indexZero(nameB); i >= 0 {
		nameB = nameB[:i]
	}
	c.AddBytesV(ext, hfMSTPName, t, 39, 32, nameB)
	c.AddUint(ext, hfMSTPRevision, t, 71, 2)
	c.AddBytes(ext, hfMSTPDigest, t, 73, 16)
	c.AddUint(ext, hfMSTPCISTCost, t, 89, 4)
	stpBridgeID(c, t, ext, 93, "CIST Bridge Identifier", hfMSTPCISTPrio, hfMSTPCISTExt, hfMSTPCISTHW)
	c.AddUint(ext, hfMSTPCISTHops, t, 101, 1)
	for o := 102; o+16 <= end; o += 16 {
		label := ""
		if c.Visible() {
			label = "MSTID " + strconv.Itoa(int(t.U16(o+1)&0xfff)) + ", Regional Root Identifier " +
				strconv.Itoa(int(t.U8(o+1)>>4)*4096) + " / " + macString(t.Bytes(o+3, 6))
		}
		m := c.AddText(ext, t, o, 16, label)
		flags := uint64(t.U8(o))
		fn := c.AddUintV(m, hfMSTIFlags, t, o, 1, flags)
		stpFlags(c, t, fn, o, flags, true, "MSTI flags")
		c.AddUint(m, hfMSTIPriority, t, o+1, 1)
		c.AddUint(m, hfMSTIID, t, o+1, 2)
		c.AddBytes(m, hfMSTIRootHW, t, o+3, 6)
		c.AddUint(m, hfMSTIRootCost, t, o+9, 4)
		c.AddUintV(m, hfMSTIBridgePrio, t, o+13, 1, uint64(t.U8(o+13)>>4))
		c.AddUintV(m, hfMSTIPortPrio, t, o+14, 1, uint64(t.U8(o+14)>>4))
		c.AddUint(m, hfMSTIRemainHops, t, o+15, 1)
	}
}

func indexZero(b []byte) int {
	for i, x := range b {
		if x == 0 {
			return i
		}
	}
	return -1
}
