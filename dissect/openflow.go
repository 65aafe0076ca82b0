package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// OpenFlow over TCP (Wireshark's packet-openflow.c with packet-openflow_v1.c, _v4.c, _v5.c and
// _v6.c). As in tshark, a connection is OpenFlow from the first segment sent to port 6633, 6634 or
// 6653 on (a heuristic that then claims the conversation); a segment's messages are split by their
// length, the version octet picks the dissector of the version, and each message shows its header
// (version, type, length, transaction ID), its type in the Info column, and the frame that a
// packet-in or packet-out message carries.

var (
	protoOpenFlow     = Fields.Protocol("openflow", "OpenFlow")
	hfOpenFlowVersion = Fields.Add(protoOpenFlow, "openflow.version", "Version", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x7f), field.WithStrings(map[uint64]string{1: "1.0", 2: "1.1", 3: "1.2", 4: "1.3", 5: "1.4", 6: "1.5"}))
	handleOpenFlow    = &Handle{Name: "openflow", Fn: dissectOpenFlow}

	protoOFv1                  = Fields.Protocol("openflow_v1", "OpenFlow 1.0")
	hfOFv1Type                 = Fields.Add(protoOFv1, "openflow_1_0.type", "Type", field.Uint8, field.WithStrings(map[uint64]string{0: "OFPT_HELLO", 1: "OFPT_ERROR", 2: "OFPT_ECHO_REQUEST", 3: "OFPT_ECHO_REPLY", 4: "OFPT_VENDOR", 5: "OFPT_FEATURES_REQUEST", 6: "OFPT_FEATURES_REPLY", 7: "OFPT_GET_CONFIG_REQUEST", 8: "OFPT_GET_CONFIG_REPLY", 9: "OFPT_SET_CONFIG", 10: "OFPT_PACKET_IN", 11: "OFPT_FLOW_REMOVED", 12: "OFPT_PORT_STATUS", 13: "OFPT_PACKET_OUT", 14: "OFPT_FLOW_MOD", 15: "OFPT_PORT_MOD", 16: "OFPT_STATS_REQUEST", 17: "OFPT_STATS_REPLY", 18: "OFPT_BARRIER_REQUEST", 19: "OFPT_BARRIER_REPLY", 20: "OFPT_QUEUE_GET_CONFIG_REQUEST", 21: "OFPT_QUEUE_GET_CONFIG_REPLY"}))
	hfOFv1Xid                  = Fields.Add(protoOFv1, "openflow.xid", "Transaction ID", field.Uint32)
	hfOFv1Length               = Fields.Add(protoOFv1, "openflow.length", "Length", field.Uint16)
	protoOFv4                  = Fields.Protocol("openflow_v4", "OpenFlow 1.3")
	hfOFv4Version              = Fields.Add(protoOFv4, "openflow_v4.version", "Version", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{4: "1.3"}))
	hfOFv4Type                 = Fields.Add(protoOFv4, "openflow_v4.type", "Type", field.Uint8, field.WithStrings(map[uint64]string{0: "OFPT_HELLO", 1: "OFPT_ERROR", 2: "OFPT_ECHO_REQUEST", 3: "OFPT_ECHO_REPLY", 4: "OFPT_EXPERIMENTER", 5: "OFPT_FEATURES_REQUEST", 6: "OFPT_FEATURES_REPLY", 7: "OFPT_GET_CONFIG_REQUEST", 8: "OFPT_GET_CONFIG_REPLY", 9: "OFPT_SET_CONFIG", 10: "OFPT_PACKET_IN", 11: "OFPT_FLOW_REMOVED", 12: "OFPT_PORT_STATUS", 13: "OFPT_PACKET_OUT", 14: "OFPT_FLOW_MOD", 15: "OFPT_GROUP_MOD", 16: "OFPT_PORT_MOD", 17: "OFPT_TABLE_MOD", 18: "OFPT_MULTIPART_REQUEST", 19: "OFPT_MULTIPART_REPLY", 20: "OFPT_BARRIER_REQUEST", 21: "OFPT_BARRIER_REPLY", 22: "OFPT_QUEUE_GET_CONFIG_REQUEST", 23: "OFPT_QUEUE_GET_CONFIG_REPLY", 24: "OFPT_ROLE_REQUEST", 25: "OFPT_ROLE_REPLY", 26: "OFPT_GET_ASYNC_REQUEST", 27: "OFPT_GET_ASYNC_REPLY", 28: "OFPT_SET_ASYNC", 29: "OFPT_METER_MOD"}))
	hfOFv4Xid                  = Fields.Add(protoOFv4, "openflow_v4.xid", "Transaction ID", field.Uint32)
	hfOFv4Length               = Fields.Add(protoOFv4, "openflow_v4.length", "Length", field.Uint16)
	hfOFv4MultipartRequestType = Fields.Add(protoOFv4, "openflow_v4.multipart_request.type", "Type", field.Uint16, field.WithStrings(map[uint64]string{0: "OFPMP_DESC", 1: "OFPMP_FLOW", 2: "OFPMP_AGGREGATE", 3: "OFPMP_TABLE", 4: "OFPMP_PORT_STATS", 5: "OFPMP_QUEUE", 6: "OFPMP_GROUP", 7: "OFPMP_GROUP_DESC", 8: "OFPMP_GROUP_FEATURES", 9: "OFPMP_METER", 10: "OFPMP_METER_CONFIG", 11: "OFPMP_METER_FEATURES", 12: "OFPMP_TABLE_FEATURES", 13: "OFPMP_PORT_DESC", 65535: "OFPMP_EXPERIMENTER"}))
	hfOFv4MultipartReplyType   = Fields.Add(protoOFv4, "openflow_v4.multipart_reply.type", "Type", field.Uint16, field.WithStrings(map[uint64]string{0: "OFPMP_DESC", 1: "OFPMP_FLOW", 2: "OFPMP_AGGREGATE", 3: "OFPMP_TABLE", 4: "OFPMP_PORT_STATS", 5: "OFPMP_QUEUE", 6: "OFPMP_GROUP", 7: "OFPMP_GROUP_DESC", 8: "OFPMP_GROUP_FEATURES", 9: "OFPMP_METER", 10: "OFPMP_METER_CONFIG", 11: "OFPMP_METER_FEATURES", 12: "OFPMP_TABLE_FEATURES", 13: "OFPMP_PORT_DESC", 65535: "OFPMP_EXPERIMENTER"}))
	protoOFv5                  = Fields.Protocol("openflow_v5", "OpenFlow 1.4")
	hfOFv5Version              = Fields.Add(protoOFv5, "openflow_v5.version", "Version", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{5: "1.4"}))
	hfOFv5Type                 = Fields.Add(protoOFv5, "openflow_v5.type", "Type", field.Uint8, field.WithStrings(map[uint64]string{0: "OFPT_HELLO", 1: "OFPT_ERROR", 2: "OFPT_ECHO_REQUEST", 3: "OFPT_ECHO_REPLY", 4: "OFPT_EXPERIMENTER", 5: "OFPT_FEATURES_REQUEST", 6: "OFPT_FEATURES_REPLY", 7: "OFPT_GET_CONFIG_REQUEST", 8: "OFPT_GET_CONFIG_REPLY", 9: "OFPT_SET_CONFIG", 10: "OFPT_PACKET_IN", 11: "OFPT_FLOW_REMOVED", 12: "OFPT_PORT_STATUS", 13: "OFPT_PACKET_OUT", 14: "OFPT_FLOW_MOD", 15: "OFPT_GROUP_MOD", 16: "OFPT_PORT_MOD", 17: "OFPT_TABLE_MOD", 18: "OFPT_MULTIPART_REQUEST", 19: "OFPT_MULTIPART_REPLY", 20: "OFPT_BARRIER_REQUEST", 21: "OFPT_BARRIER_REPLY", 24: "OFPT_ROLE_REQUEST", 25: "OFPT_ROLE_REPLY", 26: "OFPT_GET_ASYNC_REQUEST", 27: "OFPT_GET_ASYNC_REPLY", 28: "OFPT_SET_ASYNC", 29: "OFPT_METER_MOD", 30: "OFPT_ROLE_STATUS", 31: "OFPT_TABLE_STATUS", 32: "OFPT_REQUESTFORWARD", 33: "OFPT_BUNDLE_CONTROL", 34: "OFPT_BUNDLE_ADD_MESSAGE"}))
	hfOFv5Xid                  = Fields.Add(protoOFv5, "openflow_v5.xid", "Transaction ID", field.Uint32)
	hfOFv5Length               = Fields.Add(protoOFv5, "openflow_v5.length", "Length", field.Uint16)
	protoOFv6                  = Fields.Protocol("openflow_v6", "OpenFlow 1.5")
	hfOFv6Version              = Fields.Add(protoOFv6, "openflow_v6.version", "Version", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{6: "1.5"}))
	hfOFv6Type                 = Fields.Add(protoOFv6, "openflow_v6.type", "Type", field.Uint8, field.WithStrings(map[uint64]string{0: "OFPT_HELLO", 1: "OFPT_ERROR", 2: "OFPT_ECHO_REQUEST", 3: "OFPT_ECHO_REPLY", 4: "OFPT_EXPERIMENTER", 5: "OFPT_FEATURES_REQUEST", 6: "OFPT_FEATURES_REPLY", 7: "OFPT_GET_CONFIG_REQUEST", 8: "OFPT_GET_CONFIG_REPLY", 9: "OFPT_SET_CONFIG", 10: "OFPT_PACKET_IN", 11: "OFPT_FLOW_REMOVED", 12: "OFPT_PORT_STATUS", 13: "OFPT_PACKET_OUT", 14: "OFPT_FLOW_MOD", 15: "OFPT_GROUP_MOD", 16: "OFPT_PORT_MOD", 17: "OFPT_TABLE_MOD", 18: "OFPT_MULTIPART_REQUEST", 19: "OFPT_MULTIPART_REPLY", 20: "OFPT_BARRIER_REQUEST", 21: "OFPT_BARRIER_REPLY", 24: "OFPT_ROLE_REQUEST", 25: "OFPT_ROLE_REPLY", 26: "OFPT_GET_ASYNC_REQUEST", 27: "OFPT_GET_ASYNC_REPLY", 28: "OFPT_SET_ASYNC", 29: "OFPT_METER_MOD", 30: "OFPT_ROLE_STATUS", 31: "OFPT_TABLE_STATUS", 32: "OFPT_REQUESTFORWARD", 33: "OFPT_BUNDLE_CONTROL", 34: "OFPT_BUNDLE_ADD_MESSAGE", 35: "OFPT_CONTROLLER_STATUS"}))
	hfOFv6Xid                  = Fields.Add(protoOFv6, "openflow_v6.xid", "Transaction ID", field.Uint32)
	hfOFv6Length               = Fields.Add(protoOFv6, "openflow_v6.length", "Length", field.Uint16)
	handleOFv1                 = &Handle{Name: "openflow_v1", Fn: dissectOFv1}
	handleOFv4                 = &Handle{Name: "openflow_v4", Fn: func(c *Ctx, t Tvb, parent int32) {
		ofHeader(c, t, parent, protoOFv4, hfOFv4Version, hfOFv4Type, hfOFv4Length, hfOFv4Xid)
	}}
	handleOFv5 = &Handle{Name: "openflow_v5", Fn: func(c *Ctx, t Tvb, parent int32) {
		ofHeader(c, t, parent, protoOFv5, hfOFv5Version, hfOFv5Type, hfOFv5Length, hfOFv5Xid)
	}}
	handleOFv6 = &Handle{Name: "openflow_v6", Fn: func(c *Ctx, t Tvb, parent int32) {
		ofHeader(c, t, parent, protoOFv6, hfOFv6Version, hfOFv6Type, hfOFv6Length, hfOFv6Xid)
	}}
)

func init() {
	RegisterShortName(protoOpenFlow, "OpenFlow")
	for _, p := range []field.ID{protoOFv1, protoOFv4, protoOFv5, protoOFv6} {
		RegisterShortName(p, "OpenFlow")
	}
	TCPPort.AddHeuristic(Heuristic{Name: "openflow_tcp", Fn: heurOpenFlow})
}

// ofConv marks a TCP connection as OpenFlow from frame from on.
type ofConv struct{ from uint32 }

func heurOpenFlow(c *Ctx, t Tvb, parent int32) bool {
	var cv *ofConv
	if c.convApp != nil {
		cv, _ = (*c.convApp).(*ofConv)
	}
	switch {
	case cv != nil && c.Frame.Number >= cv.from:
	case cv == nil && c.Pass1 && (c.DstPort == 6633 || c.DstPort == 6634 || c.DstPort == 6653):
		if ConvApp(c, func() *ofConv { return &ofConv{from: c.Frame.Number} }) == nil {
			return false
		}
	default:
		return false
	}
	c.Call(handleOpenFlow, t, parent)
	return true
}

// dissectOpenFlow splits the segment into messages by their length (tshark's tcp_dissect_pdus,
// without reassembly across segments) and hands each to its version's dissector.
func dissectOpenFlow(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("OpenFlow")
	for o := 0; o < t.Len(); {
		l := 8
		if t.Has(o, 4) {
			l = max(int(t.U16(o+2)), 8)
		}
		m := t.SubLen(o, l)
		c.ClearInfo()
		switch m.U8(0) {
		case 1:
			c.Call(handleOFv1, m, parent)
		case 4:
			c.Call(handleOFv4, m, parent)
		case 5:
			c.Call(handleOFv5, m, parent)
		case 6:
			c.Call(handleOFv6, m, parent)
		default:
			c.AddUint(parent, hfOpenFlowVersion, m, 0, 1)
		}
		o += l
	}
}

func dissectOFv1(c *Ctx, t Tvb, parent int32) {
	p := c.AddProto(parent, protoOFv1, t, 0, -1)
	c.AddUint(p, hfOpenFlowVersion, t, 0, 1)
	_, typ := c.AddUint(p, hfOFv1Type, t, 1, 1)
	c.AddUint(p, hfOFv1Length, t, 2, 2)
	c.AddUint(p, hfOFv1Xid, t, 4, 4)
	ofInfo(c, hfOFv1Type, typ)
	switch typ {
	case 10: // packet-in: buffer, total length, in port, reason, pad, then the frame
		c.Call(handleEth, t.Sub(18), parent)
	case 13: // packet-out: buffer, in port, actions length, actions, then the frame
		if al := int(t.U16(14)); t.Len() > 16+al {
			c.Call(handleEth, t.Sub(16+al), parent)
		}
	}
}

// ofHeader dissects the header of an OpenFlow 1.3 or later message.
func ofHeader(c *Ctx, t Tvb, parent int32, proto, hfVer, hfType, hfLen, hfXid field.ID) {
	p := c.AddProto(parent, proto, t, 0, -1)
	c.AddUint(p, hfVer, t, 0, 1)
	_, typ := c.AddUint(p, hfType, t, 1, 1)
	c.AddUint(p, hfLen, t, 2, 2)
	c.AddUint(p, hfXid, t, 4, 4)
	ofInfo(c, hfType, typ)
	if proto == protoOFv4 && typ == 10 { // packet-in: the match is padded to 8 bytes, then 2 pad bytes
		ml := int(t.U16(26))
		if o := 24 + (ml+7)/8*8 + 2; t.Len() > o {
			c.Call(handleEth, t.Sub(o), parent)
		}
	}
	if proto == protoOFv4 && typ == 13 { // packet-out
		if o := 24 + int(t.U16(16)); t.Len() > o {
			c.Call(handleEth, t.Sub(o), parent)
		}
	}
	if proto == protoOFv4 && (typ == 18 || typ == 19) && c.Cols.On { // multipart request/reply
		hf := hfOFv4MultipartRequestType
		if typ == 19 {
			hf = hfOFv4MultipartReplyType
		}
		c.AppendInfo(", " + valueNameOr(hf, uint64(t.U16(8)), "Unknown"))
	}
}

func ofInfo(c *Ctx, hf field.ID, typ uint64) {
	if c.Cols.On {
		c.SetInfo("Type: " + valueNameOr(hf, typ, "Unknown"))
	}
}
