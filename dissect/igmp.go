package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Internet Group Management Protocol versions 1, 2 and 3, IP protocol 2 (Wireshark's
// packet-igmp.c). Wireshark hands each message from "igmp" to a per-version dissector that is also
// named igmp, so frame.protocols lists it twice ("ip:igmp:igmp").

var (
	protoIGMP         = Fields.Protocol("igmp", "Internet Group Management Protocol")
	hfIGMPVersion     = Fields.Add(protoIGMP, "igmp.version", "IGMP Version", field.Uint8)
	hfIGMPType        = Fields.Add(protoIGMP, "igmp.type", "Type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(igmpTypeVals), field.WithBlurb("IGMP Packet Type"))
	hfIGMPReserved    = Fields.Add(protoIGMP, "igmp.reserved", "Reserved", field.Bytes, field.WithBlurb("IGMP Reserved"))
	hfIGMPMaxResp     = Fields.Add(protoIGMP, "igmp.max_resp", "Max Resp Time", field.Uint8, field.WithBlurb("Max Response Time"))
	hfIGMPMaxRespExp  = Fields.Add(protoIGMP, "igmp.max_resp.exp", "Exponent", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x70))
	hfIGMPMaxRespMant = Fields.Add(protoIGMP, "igmp.max_resp.mant", "Mantissa", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x0f))
	hfIGMPChecksum    = Fields.Add(protoIGMP, "igmp.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex), field.WithBlurb("IGMP Checksum"))
	hfIGMPCkStatus    = Fields.Add(protoIGMP, "igmp.checksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))
	hfIGMPMAddr       = Fields.Add(protoIGMP, "igmp.maddr", "Multicast Address", field.IPv4)
	hfIGMPS           = Fields.Add(protoIGMP, "igmp.s", "S", field.Bool, field.WithBase(8), field.WithMask(0x08), field.WithTrueFalse("Suppress router side processing", "Do not suppress router side processing"))
	hfIGMPQRV         = Fields.Add(protoIGMP, "igmp.qrv", "QRV", field.Uint8, field.WithMask(0x07))
	hfIGMPQQIC        = Fields.Add(protoIGMP, "igmp.qqic", "QQIC", field.Uint8)
	hfIGMPNumSrc      = Fields.Add(protoIGMP, "igmp.num_src", "Num Src", field.Uint16, field.WithBlurb("Number Of Sources"))
	hfIGMPSAddr       = Fields.Add(protoIGMP, "igmp.saddr", "Source Address", field.IPv4)
	hfIGMPNumGrpRecs  = Fields.Add(protoIGMP, "igmp.num_grp_recs", "Num Group Records", field.Uint16, field.WithBlurb("Number Of Group Records"))
	hfIGMPRecordType  = Fields.Add(protoIGMP, "igmp.record_type", "Record Type", field.Uint8, field.WithStrings(igmpRecordTypeVals))
	hfIGMPAuxDataLen  = Fields.Add(protoIGMP, "igmp.aux_data_len", "Aux Data Len", field.Uint8)
	hfIGMPAuxData     = Fields.Add(protoIGMP, "igmp.aux_data", "Aux Data", field.Bytes)
	hfIGMPData        = Fields.Add(protoIGMP, "igmp.data", "Data", field.Bytes)
	eiIGMPChecksum    = RegisterExpert(protoIGMP, "igmp.bad_checksum", "Bad checksum", GroupChecksum, SevError)
	handleIGMP        = &Handle{Name: "igmp", Fn: dissectIGMP}
)

var igmpTypeVals = map[uint64]string{
	0x1: "Create Group Request", 0x2: "Create Group Reply", 0x3: "Join Group Request", 0x4: "Join Group Reply",
	0x5: "Leave Group Request", 0x6: "Leave Group Reply", 0x7: "Confirm Group Request", 0x8: "Confirm Group Reply",
	0x11: "Membership Query", 0x12: "Membership Report", 0x13: "DVMRP Protocol", 0x14: "PIM Routing Message",
	0x16: "Membership Report", 0x17: "Leave Group", 0x1e: "Traceroute Response", 0x1f: "Traceroute Query or Request",
	0x22: "Membership Report",
}

var igmpRecordTypeVals = map[uint64]string{1: "Mode Is Include", 2: "Mode Is Exclude", 3: "Change To Include Mode",
	4: "Change To Exclude Mode", 5: "Allow New Sources", 6: "Block Old Sources"}

func init() {
	RegisterShortName(protoIGMP, "IGMP")
	IPProto.Add(2, handleIGMP)
}

// igmpVersion tells the version of a message from its type and length as Wireshark does; 0 means
// a type this file does not dissect.
func igmpVersion(typ uint8, t Tvb) int {
	switch typ {
	case 0x11:
		if t.Len() >= 12 {
			return 3
		}
		if t.Len() >= 2 && t.U8(1) == 0 {
			return 1
		}
		return 2
	case 0x12:
		return 1
	case 0x16, 0x17:
		return 2
	case 0x22:
		return 3
	}
	return 0
}

func dissectIGMP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("IGMP")
	typ := t.U8(0)
	ver := igmpVersion(typ, t)
	p := c.AddProto(parent, protoIGMP, t, 0, -1)
	if ver == 0 {
		c.SetInfo("Unknown Type:0x" + hex2(typ))
		c.AddUint(p, hfIGMPType, t, 0, 1)
		if t.Len() > 1 {
			c.AddBytes(p, hfIGMPData, t, 1, t.Len()-1)
		}
		return
	}
	c.PushLayer("igmp")
	c.SetProtocol("IGMPv" + strconv.Itoa(ver))
	c.AddGenerated(p, hfIGMPVersion, t, 0, 0, field.Value{U: uint64(ver)})
	c.AddUint(p, hfIGMPType, t, 0, 1)
	typeName := igmpTypeVals[uint64(typ)]
	switch ver {
	case 1:
		c.SetInfo(typeName)
		c.AddBytes(p, hfIGMPReserved, t, 1, 1)
		igmpChecksum(c, t, p, 8)
		c.AddBytes(p, hfIGMPMAddr, t, 4, 4)
		c.setProtoLen(p, protoIGMP, 8)
	case 2:
		igmpMaxResp(c, t, p, false)
		igmpChecksum(c, t, p, 8)
		c.AddBytes(p, hfIGMPMAddr, t, 4, 4)
		maddr := ipv4String(t.Bytes(4, 4))
		switch typ {
		case 0x11:
			if t.U32(4) == 0 {
				c.SetInfo("Membership Query, general")
			} else {
				c.SetInfo("Membership Query, specific for group " + maddr)
			}
		case 0x16:
			c.SetInfo("Membership Report group " + maddr)
		case 0x17:
			c.SetInfo("Leave Group " + maddr)
		}
		c.setProtoLen(p, protoIGMP, 8)
	case 3:
		if typ == 0x11 {
			igmpV3Query(c, t, p)
		} else {
			igmpV3Report(c, t, p)
		}
	}
}

// setProtoLen shortens protocol node p of proto to n bytes (proto_item_set_len); p may be its
// parent when the tree is pruned, then nothing changes.
func (c *Ctx) setProtoLen(p int32, proto field.ID, n int) {
	if p > 0 && c.T.Nodes[p].Field == proto && c.T.Nodes[p].Len > int32(n) {
		c.T.SetLen(p, n)
	}
}

// setItemLen sets the length of item n that was added under parent; with a pruned tree the add may
// have returned parent itself, which must keep its length.
func (c *Ctx) setItemLen(n, parent int32, length int) {
	if n != parent && n > 0 {
		c.T.SetLen(n, length)
	}
}

func ipv4String(b []byte) string { return string(field.AppendAddr(nil, b)) }

// igmpMaxResp adds the max response time at offset 1; v3 codes of 128 and more are floating point.
func igmpMaxResp(c *Ctx, t Tvb, p int32, v3 bool) {
	code := uint64(t.U8(1))
	tsec := code
	if v3 && code >= 128 {
		mant, exp := code&0x0f, (code>>4)&0x07
		tsec = (mant | 0x10) << (exp + 3)
	}
	n := c.AddUintV(p, hfIGMPMaxResp, t, 1, 1, tsec)
	if c.Visible() {
		c.Label(n, "Max Resp Time: %d.%d sec (0x%02x)", tsec/10, tsec%10, code)
	}
	if v3 && code >= 128 {
		c.AddUint(n, hfIGMPMaxRespExp, t, 1, 1)
		c.AddUint(n, hfIGMPMaxRespMant, t, 1, 1)
	}
}

// igmpChecksum adds the checksum at offset 2 over the whole message.
func igmpChecksum(c *Ctx, t Tvb, p int32, _ int) {
	ck := t.U16(2)
	n := c.AddUintV(p, hfIGMPChecksum, t, 2, 2, uint64(ck))
	status := uint64(2)
	if int(c.Frame.Len) <= int(c.Frame.CapLen) || c.unreported(t) == 0 {
		if inetChecksum(t.B) == 0 {
			status = 1
			c.Label(n, "Checksum: 0x%04x [correct]", ck)
		} else {
			status = 0
			if c.Visible() {
				b := append([]byte(nil), t.B...)
				b[2], b[3] = 0, 0
				c.Label(n, "Checksum: 0x%04x [incorrect, should be 0x%04x]", ck, inetChecksum(b))
			}
		}
	}
	st := c.AddGenerated(p, hfIGMPCkStatus, t, 2, 0, field.Value{U: status})
	c.Label(st, "Checksum Status: %s", checksumStatusVals[status])
	if status == 0 {
		c.Expert(st, eiIGMPChecksum, t, 2, 2, "")
	}
}

func igmpV3Query(c *Ctx, t Tvb, p int32) {
	igmpMaxResp(c, t, p, true)
	igmpChecksum(c, t, p, 0)
	c.AddBytes(p, hfIGMPMAddr, t, 4, 4)
	c.AddUint(p, hfIGMPS, t, 8, 1)
	c.AddUint(p, hfIGMPQRV, t, 8, 1)
	c.AddUint(p, hfIGMPQQIC, t, 9, 1)
	_, num := c.AddUint(p, hfIGMPNumSrc, t, 10, 2)
	maddr := t.U32(4)
	if maddr == 0 {
		c.SetInfo("Membership Query, general")
	} else if num == 0 {
		c.SetInfo("Membership Query, specific for group " + ipv4String(t.Bytes(4, 4)))
	} else {
		c.SetInfo("Membership Query, specific for source/group " + ipv4String(t.Bytes(4, 4)))
	}
	o := 12
	for i := uint64(0); i < num; i++ {
		c.AddBytes(p, hfIGMPSAddr, t, o, 4)
		o += 4
	}
	c.setProtoLen(p, protoIGMP, o)
}

func igmpV3Report(c *Ctx, t Tvb, p int32) {
	c.SetInfo("Membership Report")
	c.AddBytes(p, hfIGMPReserved, t, 1, 1)
	igmpChecksum(c, t, p, 0)
	c.AddBytes(p, hfIGMPReserved, t, 4, 2)
	_, num := c.AddUint(p, hfIGMPNumGrpRecs, t, 6, 2)
	o := 8
	for i := uint64(0); i < num; i++ {
		o = igmpV3Record(c, t, p, o)
	}
	c.setProtoLen(p, protoIGMP, o)
}

func igmpV3Record(c *Ctx, t Tvb, p int32, o int) int {
	rt := uint64(t.U8(o))
	aux := int(t.U8(o+1)) * 4
	num := int(t.U16(o + 2))
	maddr := ipv4String(t.Bytes(o+4, 4))
	size := 8 + 4*num + aux
	if !t.Has(o, size) {
		size = t.Len() - o
	}
	label := ""
	if c.Visible() {
		label = "Group Record : " + maddr + "  " + igmpRecordTypeVals[rt]
	}
	r := c.AddText(p, t, o, size, label)
	c.AddUint(r, hfIGMPRecordType, t, o, 1)
	c.AddUint(r, hfIGMPAuxDataLen, t, o+1, 1)
	c.AddUint(r, hfIGMPNumSrc, t, o+2, 2)
	c.AddBytes(r, hfIGMPMAddr, t, o+4, 4)
	var srcs []byte
	so := o + 8
	for i := 0; i < num; i++ {
		c.AddBytes(r, hfIGMPSAddr, t, so, 4)
		if c.Cols.On {
			if i > 0 {
				srcs = append(srcs, ", "...)
			}
			srcs = field.AppendAddr(srcs, t.Bytes(so, 4))
		}
		so += 4
	}
	if aux > 0 {
		c.AddBytes(r, hfIGMPAuxData, t, so, aux)
		so += aux
	}
	if c.Cols.On {
		plural := ""
		if num > 1 {
			plural = "s"
		}
		switch {
		case num == 0 && (rt == 2 || rt == 4):
			c.AppendInfo(" / Join group " + maddr + " for any sources")
		case num == 0 && (rt == 1 || rt == 3):
			c.AppendInfo(" / Leave group " + maddr)
		case rt == 1 || rt == 3 || rt == 5:
			c.AppendInfo(" / Join group " + maddr + " for source" + plural + " {" + string(srcs) + "}")
		case rt == 2 || rt == 4 || rt == 6:
			c.AppendInfo(" / Join group " + maddr + ", for source" + plural + " {" + string(srcs) + "}")
		default:
			c.AppendInfo(" / Group " + maddr)
		}
	}
	return so
}
