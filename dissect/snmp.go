package dissect

import (
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// Simple Network Management Protocol v1, v2c and v3 (USM, plaintext scoped PDUs) over UDP 161/162
// (Wireshark's packet-snmp.c, generated from its ASN.1 module). Object identifiers are registered as
// strings holding the dotted form, which is what tshark prints for them (field.OID values print as
// hex in this project's field package).

var (
	protoSNMP           = Fields.Protocol("snmp", "Simple Network Management Protocol")
	hfSNMPVersion       = Fields.Add(protoSNMP, "snmp.version", "version", field.Int32, field.WithStrings(snmpVersionVals))
	hfSNMPCommunity     = Fields.Add(protoSNMP, "snmp.community", "community", field.String)
	hfSNMPData          = Fields.Add(protoSNMP, "snmp.data", "data", field.Uint32, field.WithStrings(snmpPDUVals))
	hfSNMPRequestID     = Fields.Add(protoSNMP, "snmp.request_id", "request-id", field.Int32)
	hfSNMPErrorStatus   = Fields.Add(protoSNMP, "snmp.error_status", "error-status", field.Int32, field.WithStrings(snmpErrorVals))
	hfSNMPErrorIndex    = Fields.Add(protoSNMP, "snmp.error_index", "error-index", field.Int32)
	hfSNMPNonRepeaters  = Fields.Add(protoSNMP, "snmp.non_repeaters", "non-repeaters", field.Uint32)
	hfSNMPMaxRep        = Fields.Add(protoSNMP, "snmp.max_repetitions", "max-repetitions", field.Uint32)
	hfSNMPVarBinds      = Fields.Add(protoSNMP, "snmp.variable_bindings", "variable-bindings", field.Uint32)
	hfSNMPName          = Fields.Add(protoSNMP, "snmp.name", "Object Name", field.String)
	hfSNMPValNull       = Fields.Add(protoSNMP, "snmp.value.null", "Value (Null)", field.None)
	hfSNMPValInt        = Fields.Add(protoSNMP, "snmp.value.int", "Value (Integer32)", field.Int64)
	hfSNMPValOctets     = Fields.Add(protoSNMP, "snmp.value.octets", "Value (OctetString)", field.Bytes)
	hfSNMPValOID        = Fields.Add(protoSNMP, "snmp.value.oid", "Value (OID)", field.String)
	hfSNMPValIPv4       = Fields.Add(protoSNMP, "snmp.value.ipv4", "Value (IpAddress)", field.IPv4)
	hfSNMPValAddr       = Fields.Add(protoSNMP, "snmp.value.addr", "Value (IpAddress)", field.Bytes)
	hfSNMPValCounter    = Fields.Add(protoSNMP, "snmp.value.counter", "Value (Counter32)", field.Uint64)
	hfSNMPValGauge      = Fields.Add(protoSNMP, "snmp.value.g32", "Value (Gauge32)", field.Int64)
	hfSNMPValTimeticks  = Fields.Add(protoSNMP, "snmp.value.timeticks", "Value (Timeticks)", field.Uint64)
	hfSNMPValOpaque     = Fields.Add(protoSNMP, "snmp.value.opaque", "Value (Opaque)", field.Bytes)
	hfSNMPValCounter64  = Fields.Add(protoSNMP, "snmp.value.counter64", "Value (Counter64)", field.Int64)
	hfSNMPValUnk        = Fields.Add(protoSNMP, "snmp.value.unk", "Value (Unknown)", field.Bytes)
	hfSNMPNoSuchObject  = Fields.Add(protoSNMP, "snmp.noSuchObject", "noSuchObject", field.None)
	hfSNMPNoSuchInst    = Fields.Add(protoSNMP, "snmp.noSuchInstance", "noSuchInstance", field.None)
	hfSNMPEndOfMib      = Fields.Add(protoSNMP, "snmp.endOfMibView", "endOfMibView", field.None)
	hfSNMPVarBindStr    = Fields.Add(protoSNMP, "snmp.var-bind_str", "Variable-binding-string", field.String)
	hfSNMPEnterprise    = Fields.Add(protoSNMP, "snmp.enterprise", "enterprise", field.String)
	hfSNMPAgentAddr     = Fields.Add(protoSNMP, "snmp.agent_addr", "agent-addr", field.IPv4)
	hfSNMPGenericTrap   = Fields.Add(protoSNMP, "snmp.generic_trap", "generic-trap", field.Int32, field.WithStrings(snmpGenericTrapVals))
	hfSNMPSpecificTrap  = Fields.Add(protoSNMP, "snmp.specific_trap", "specific-trap", field.Int32)
	hfSNMPTimeStamp     = Fields.Add(protoSNMP, "snmp.time_stamp", "time-stamp", field.Uint32)
	hfSNMPResponseIn    = Fields.Add(protoSNMP, "snmp.response_in", "Response In", field.FrameNum)
	hfSNMPResponseTo    = Fields.Add(protoSNMP, "snmp.response_to", "Response To", field.FrameNum)
	hfSNMPTime          = Fields.Add(protoSNMP, "snmp.time", "Time", field.RelTime)
	hfSNMPMsgVersion    = Fields.Add(protoSNMP, "snmp.msgVersion", "msgVersion", field.Int32, field.WithStrings(snmpVersionVals))
	hfSNMPGlobalData    = Fields.Add(protoSNMP, "snmp.msgGlobalData_element", "msgGlobalData", field.None)
	hfSNMPMsgID         = Fields.Add(protoSNMP, "snmp.msgID", "msgID", field.Uint32)
	hfSNMPMsgMaxSize    = Fields.Add(protoSNMP, "snmp.msgMaxSize", "msgMaxSize", field.Uint32)
	hfSNMPMsgFlags      = Fields.Add(protoSNMP, "snmp.msgFlags", "msgFlags", field.Bytes)
	hfSNMPFlagReport    = Fields.Add(protoSNMP, "snmp.v3.flags.report", "Reportable", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Set", "Not set"))
	hfSNMPFlagCrypt     = Fields.Add(protoSNMP, "snmp.v3.flags.crypt", "Encrypted", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Set", "Not set"))
	hfSNMPFlagAuth      = Fields.Add(protoSNMP, "snmp.v3.flags.auth", "Authenticated", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Set", "Not set"))
	hfSNMPSecModel      = Fields.Add(protoSNMP, "snmp.msgSecurityModel", "msgSecurityModel", field.Uint32, field.WithStrings(map[uint64]string{0: "Any", 1: "V1", 2: "V2C", 3: "USM"}))
	hfSNMPEngineID      = Fields.Add(protoSNMP, "snmp.msgAuthoritativeEngineID", "msgAuthoritativeEngineID", field.Bytes)
	hfSNMPEngineBoots   = Fields.Add(protoSNMP, "snmp.msgAuthoritativeEngineBoots", "msgAuthoritativeEngineBoots", field.Uint32)
	hfSNMPEngineTime    = Fields.Add(protoSNMP, "snmp.msgAuthoritativeEngineTime", "msgAuthoritativeEngineTime", field.Uint32)
	hfSNMPUserName      = Fields.Add(protoSNMP, "snmp.msgUserName", "msgUserName", field.String)
	hfSNMPAuthParams    = Fields.Add(protoSNMP, "snmp.msgAuthenticationParameters", "msgAuthenticationParameters", field.Bytes)
	hfSNMPPrivParams    = Fields.Add(protoSNMP, "snmp.msgPrivacyParameters", "msgPrivacyParameters", field.Bytes)
	hfSNMPMsgData       = Fields.Add(protoSNMP, "snmp.msgData", "msgData", field.Uint32, field.WithStrings(map[uint64]string{0: "plaintext", 1: "encryptedPDU"}))
	hfSNMPPlaintext     = Fields.Add(protoSNMP, "snmp.plaintext_element", "plaintext", field.None)
	hfSNMPEncryptedPDU  = Fields.Add(protoSNMP, "snmp.encryptedPDU", "encryptedPDU", field.Bytes)
	hfSNMPCtxEngineID   = Fields.Add(protoSNMP, "snmp.contextEngineID", "contextEngineID", field.Bytes)
	hfSNMPCtxName       = Fields.Add(protoSNMP, "snmp.contextName", "contextName", field.String)
	hfSNMPEIDConform    = Fields.Add(protoSNMP, "snmp.engineid.conform", "Engine ID Conformance", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("RFC3411 (SNMPv3)", "RFC1910 (Non-SNMPv3)"))
	hfSNMPEIDEnterprise = Fields.Add(protoSNMP, "snmp.engineid.enterprise", "Engine Enterprise ID", field.Uint32)
	hfSNMPEIDFormat     = Fields.Add(protoSNMP, "snmp.engineid.format", "Engine ID Format", field.Uint8, field.WithStrings(snmpEngineIDFormatVals))
	hfSNMPEIDIPv4       = Fields.Add(protoSNMP, "snmp.engineid.ipv4", "Engine ID Data: IPv4 address", field.IPv4)
	hfSNMPEIDIPv6       = Fields.Add(protoSNMP, "snmp.engineid.ipv6", "Engine ID Data: IPv6 address", field.IPv6)
	hfSNMPEIDMAC        = Fields.Add(protoSNMP, "snmp.engineid.mac", "Engine ID Data: MAC address", field.Ether)
	hfSNMPEIDText       = Fields.Add(protoSNMP, "snmp.engineid.text", "Engine ID Data: Text", field.String)
	hfSNMPEIDTime       = Fields.Add(protoSNMP, "snmp.engineid.time", "Engine ID Data: Creation Time", field.AbsTime, field.WithBase(field.TimeUTC))
	hfSNMPEIDData       = Fields.Add(protoSNMP, "snmp.engineid.data", "Engine ID Data", field.Bytes)

	snmpElementFields = [...]field.ID{
		Fields.Add(protoSNMP, "snmp.get_request_element", "get-request", field.None),
		Fields.Add(protoSNMP, "snmp.get_next_request_element", "get-next-request", field.None),
		Fields.Add(protoSNMP, "snmp.get_response_element", "get-response", field.None),
		Fields.Add(protoSNMP, "snmp.set_request_element", "set-request", field.None),
		Fields.Add(protoSNMP, "snmp.trap_element", "trap", field.None),
		Fields.Add(protoSNMP, "snmp.getBulkRequest_element", "getBulkRequest", field.None),
		Fields.Add(protoSNMP, "snmp.informRequest_element", "informRequest", field.None),
		Fields.Add(protoSNMP, "snmp.snmpV2_trap_element", "snmpV2-trap", field.None),
		Fields.Add(protoSNMP, "snmp.report_element", "report", field.None),
	}

	handleSNMP = &Handle{Name: "snmp", Fn: dissectSNMP}
)

var snmpVersionVals = map[uint64]string{0: "version-1", 1: "v2c", 2: "v2u", 3: "snmpv3"}

var snmpPDUVals = map[uint64]string{0: "get-request", 1: "get-next-request", 2: "get-response", 3: "set-request",
	4: "trap", 5: "getBulkRequest", 6: "informRequest", 7: "snmpV2-trap", 8: "report"}

var snmpErrorVals = map[uint64]string{0: "noError", 1: "tooBig", 2: "noSuchName", 3: "badValue", 4: "readOnly",
	5: "genErr", 6: "noAccess", 7: "wrongType", 8: "wrongLength", 9: "wrongEncoding", 10: "wrongValue",
	11: "noCreation", 12: "inconsistentValue", 13: "resourceUnavailable", 14: "commitFailed", 15: "undoFailed",
	16: "authorizationError", 17: "notWritable", 18: "inconsistentName"}

var snmpGenericTrapVals = map[uint64]string{0: "coldStart", 1: "warmStart", 2: "linkDown", 3: "linkUp",
	4: "authenticationFailure", 5: "egpNeighborLoss", 6: "enterpriseSpecific"}

var snmpEngineIDFormatVals = map[uint64]string{1: "IPv4 address", 2: "IPv6 address", 3: "MAC address",
	4: "Text, administratively assigned", 5: "Octets, administratively assigned"}

// snmpEnterprises names a few private enterprise numbers (Wireshark reads the IANA list).
var snmpEnterprises = map[uint32]string{9: "ciscoSystems", 311: "Microsoft", 2636: "Juniper Networks, Inc.", 8072: "net-snmp"}

func init() {
	RegisterShortName(protoSNMP, "SNMP")
	UDPPort.Add(161, handleSNMP)
	UDPPort.Add(162, handleSNMP)
	_ = []field.ID{hfSNMPValAddr, hfSNMPValOpaque, hfSNMPValUnk}
}

// oidResolved is Wireshark's resolved form of an OID without MIBs: the first arc named.
func oidResolved(s string) string {
	switch {
	case strings.HasPrefix(s, "1."):
		return "iso" + s[1:]
	case strings.HasPrefix(s, "0."):
		return "itu-t" + s[1:]
	case strings.HasPrefix(s, "2."):
		return "joint-iso-itu-t" + s[1:]
	}
	return s
}

// ---- state ----

type snmpKey struct {
	conv  convKey
	reqID int64
}

type snmpTrans struct{ req, resp uint32 }

type snmpFrame struct {
	respIn, respTo uint32
	delta          int64
}

type snmpState struct {
	trans  map[snmpKey]*snmpTrans
	frames map[uint32]snmpFrame
	ts     map[uint32]int64
}

var snmpSlot = newStateSlot(func() any {
	return &snmpState{trans: map[snmpKey]*snmpTrans{}, frames: map[uint32]snmpFrame{}, ts: map[uint32]int64{}}
})

// ---- dissection ----

func dissectSNMP(c *Ctx, t Tvb, parent int32) {
	if c.DstPort == 161 {
		c.udpNewConversation(udpAppSNMP) // the agent may answer from another port
	}
	c.SetProtocol("SNMP")
	c.ClearInfo()
	msg := readBER(t, 0)
	p := c.AddProto(parent, protoSNMP, t, 0, msg.end())
	o := msg.v()
	ver := readBER(t, o)
	version := berInt(t, ver.v(), ver.n)
	if version == 3 {
		c.AddIntV(p, hfSNMPMsgVersion, t, ver.v(), ver.n, version)
		snmpV3(c, t, p, ver.end(), msg.end())
		return
	}
	c.AddIntV(p, hfSNMPVersion, t, ver.v(), ver.n, version)
	com := readBER(t, ver.end())
	c.AddBytes(p, hfSNMPCommunity, t, com.v(), com.n)
	snmpPDU(c, t, p, com.end())
}

// snmpPDU dissects the PDUs choice at o.
func snmpPDU(c *Ctx, t Tvb, p int32, o int) {
	pdu := readBER(t, o)
	kind := uint64(pdu.tag)
	d := c.AddUintV(p, hfSNMPData, t, pdu.o, pdu.hl+pdu.n, kind)
	name, known := snmpPDUVals[kind]
	if pdu.cls != 2 || !known {
		c.SetInfo("Unknown PDU type")
		return
	}
	c.SetInfo(name)
	el := c.AddProto(d, snmpElementFields[kind], t, pdu.v(), pdu.n)
	o = pdu.v()
	var reqID int64
	if kind == 4 {
		e := readBER(t, o)
		c.AddString(el, hfSNMPEnterprise, t, e.v(), e.n, oidString(t.Bytes(e.v(), e.n)))
		a := readBER(t, e.end())
		c.AddBytes(el, hfSNMPAgentAddr, t, a.v(), min(a.n, 4))
		g := readBER(t, a.end())
		c.AddIntV(el, hfSNMPGenericTrap, t, g.v(), g.n, berInt(t, g.v(), g.n))
		s := readBER(t, g.end())
		c.AddIntV(el, hfSNMPSpecificTrap, t, s.v(), s.n, berInt(t, s.v(), s.n))
		ts := readBER(t, s.end())
		c.AddUintV(el, hfSNMPTimeStamp, t, ts.v(), ts.n, berUint(t, ts.v(), ts.n))
		o = ts.end()
	} else {
		r := readBER(t, o)
		reqID = berInt(t, r.v(), r.n)
		c.AddIntV(el, hfSNMPRequestID, t, r.v(), r.n, reqID)
		a := readBER(t, r.end())
		b := readBER(t, a.end())
		if kind == 5 {
			c.AddUintV(el, hfSNMPNonRepeaters, t, a.v(), a.n, berUint(t, a.v(), a.n))
			c.AddUintV(el, hfSNMPMaxRep, t, b.v(), b.n, berUint(t, b.v(), b.n))
		} else {
			c.AddIntV(el, hfSNMPErrorStatus, t, a.v(), a.n, berInt(t, a.v(), a.n))
			c.AddIntV(el, hfSNMPErrorIndex, t, b.v(), b.n, berInt(t, b.v(), b.n))
		}
		o = b.end()
	}
	snmpVarBinds(c, t, el, o)
	if kind != 4 && kind != 7 && kind != 8 {
		snmpMatch(c, t, p, pdu.o, reqID, kind == 2)
	}
}

// snmpVarBinds dissects the variable-bindings list at o.
func snmpVarBinds(c *Ctx, t Tvb, el int32, o int) {
	list := readBER(t, o)
	count := 0
	for vo := list.v(); vo < list.end(); {
		vb := readBER(t, vo)
		vo = vb.end()
		count++
	}
	vl := c.AddUintV(el, hfSNMPVarBinds, t, list.v(), list.n, uint64(count))
	if c.Visible() {
		items := " items"
		if count == 1 {
			items = " item"
		}
		c.T.SetLabel(vl, "variable-bindings: "+strconv.Itoa(count)+items)
	}
	for vo := list.v(); vo < list.end(); {
		vb := readBER(t, vo)
		vo = vb.end()
		nm := readBER(t, vb.v())
		oid := oidString(t.Bytes(nm.v(), nm.n))
		c.AppendInfo(" " + oid)
		label := ""
		vt := c.AddText(vl, t, vb.v(), vb.n, "")
		nn := c.AddString(vt, hfSNMPName, t, nm.v(), nm.n, oid)
		if c.Visible() {
			c.T.SetLabel(nn, "Object Name: "+oid+" ("+oidResolved(oid)+")")
		}
		if nm.end() < vb.end() {
			label = snmpValue(c, t, vt, readBER(t, nm.end()), oid)
		}
		if c.Visible() {
			c.T.SetLabel(vt, oid+": "+label)
		}
	}
}

// snmpValue adds a variable binding's value and returns its text for the binding's label.
func snmpValue(c *Ctx, t Tvb, vt int32, v berTLV, oid string) string {
	vo, n := v.v(), v.n
	switch {
	case v.cls == 0 && v.tag == 2: // INTEGER
		i := berInt(t, vo, n)
		c.AddIntV(vt, hfSNMPValInt, t, vo, n, i)
		return strconv.FormatInt(i, 10)
	case v.cls == 0 && v.tag == 4: // OCTET STRING
		b := t.Bytes(vo, n)
		on := c.AddBytes(vt, hfSNMPValOctets, t, vo, n)
		txt := snmpOctetsText(b)
		if c.Visible() {
			c.T.SetLabel(on, "Value (OctetString): "+txt)
		}
		if oid == "1.3.6.1.2.1.1.5.0" && n > 0 && snmpPrintable(b) {
			// Wireshark shows sysName through a nested call that lists snmp again in frame.protocols.
			c.PushLayer("snmp")
			c.AddBytes(on, hfSNMPVarBindStr, t, vo, n)
		}
		return txt
	case v.cls == 0 && v.tag == 5: // NULL
		c.AddProto(vt, hfSNMPValNull, t, vo, 0)
		return "Value (Null)"
	case v.cls == 0 && v.tag == 6: // OBJECT IDENTIFIER
		s := oidString(t.Bytes(vo, n))
		on := c.AddString(vt, hfSNMPValOID, t, vo, n, s)
		if c.Visible() {
			c.T.SetLabel(on, "Value (OID): "+s+" ("+oidResolved(s)+")")
		}
		return s + " (" + oidResolved(s) + ")"
	case v.cls == 1 && v.tag == 0 && n == 4: // IpAddress
		c.AddBytes(vt, hfSNMPValIPv4, t, vo, 4)
		return ipv4String(t.Bytes(vo, 4))
	case v.cls == 1 && (v.tag == 1 || v.tag == 3): // Counter32, TimeTicks
		u := berUint(t, vo, n)
		hf := hfSNMPValCounter
		if v.tag == 3 {
			hf = hfSNMPValTimeticks
		}
		c.AddUintV(vt, hf, t, vo, n, u)
		return strconv.FormatUint(u, 10)
	case v.cls == 1 && v.tag == 2: // Gauge32
		u := berUint(t, vo, n)
		c.AddIntV(vt, hfSNMPValGauge, t, vo, n, int64(u))
		return strconv.FormatUint(u, 10)
	case v.cls == 1 && v.tag == 6: // Counter64
		u := berUint(t, vo, n)
		c.AddIntV(vt, hfSNMPValCounter64, t, vo, n, int64(u))
		return strconv.FormatUint(u, 10)
	case v.cls == 2 && v.tag == 0:
		c.AddProto(vt, hfSNMPNoSuchObject, t, v.o, v.hl+n)
		return "noSuchObject"
	case v.cls == 2 && v.tag == 1:
		c.AddProto(vt, hfSNMPNoSuchInst, t, v.o, v.hl+n)
		return "noSuchInstance"
	case v.cls == 2 && v.tag == 2:
		c.AddProto(vt, hfSNMPEndOfMib, t, v.o, v.hl+n)
		return "endOfMibView"
	}
	c.AddBytes(vt, hfSNMPValUnk, t, vo, n)
	return "Value (Unknown)"
}

func snmpPrintable(b []byte) bool {
	for _, x := range b {
		if x < 0x20 || x > 0x7e {
			return false
		}
	}
	return true
}

// snmpOctetsText is the text of an OCTET STRING value: quoted when printable, else hex.
func snmpOctetsText(b []byte) string {
	if len(b) == 0 {
		return "<MISSING>"
	}
	if snmpPrintable(b) {
		return "\"" + string(b) + "\""
	}
	return hexString(b)
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	s := make([]byte, 0, 2*len(b))
	for _, x := range b {
		s = append(s, digits[x>>4], digits[x&15])
	}
	return string(s)
}

// snmpMatch pairs requests and responses by request ID within a conversation in the first pass.
func snmpMatch(c *Ctx, t Tvb, p int32, o int, reqID int64, response bool) {
	st := c.State.slot(snmpSlot).(*snmpState)
	num := c.Frame.Number
	if c.Pass1 {
		var ck convKey
		if response {
			ck, _ = makeConvKey(c.NetDst, c.NetSrc, uint16(c.DstPort), uint16(c.SrcPort))
		} else {
			ck, _ = makeConvKey(c.NetSrc, c.NetDst, uint16(c.SrcPort), uint16(c.DstPort))
		}
		k := snmpKey{conv: ck, reqID: reqID}
		tx := st.trans[k]
		if !response {
			if tx == nil || tx.req != num {
				st.trans[k] = &snmpTrans{req: num}
				st.ts[num] = c.Frame.TS
			}
		} else if tx != nil && tx.resp == 0 && tx.req < num {
			tx.resp = num
			rq := st.frames[tx.req]
			rq.respIn = num
			st.frames[tx.req] = rq
			st.frames[num] = snmpFrame{respTo: tx.req, delta: c.Frame.TS - st.ts[tx.req]}
		}
	}
	r, ok := st.frames[num]
	if !ok {
		return
	}
	if r.respIn != 0 {
		c.AddGenerated(p, hfSNMPResponseIn, t, o, 0, field.Value{U: uint64(r.respIn)})
	}
	if r.respTo != 0 {
		c.AddGenerated(p, hfSNMPResponseTo, t, o, 0, field.Value{U: uint64(r.respTo)})
		c.AddGenerated(p, hfSNMPTime, t, o, 0, field.Value{I: r.delta})
	}
}

// ---- SNMPv3 ----

func snmpV3(c *Ctx, t Tvb, p int32, o, end int) {
	gd := readBER(t, o)
	g := c.AddProto(p, hfSNMPGlobalData, t, gd.o, gd.hl+gd.n)
	id := readBER(t, gd.v())
	c.AddUintV(g, hfSNMPMsgID, t, id.v(), id.n, berUint(t, id.v(), id.n))
	ms := readBER(t, id.end())
	c.AddUintV(g, hfSNMPMsgMaxSize, t, ms.v(), ms.n, berUint(t, ms.v(), ms.n))
	fl := readBER(t, ms.end())
	fn := c.AddBytes(g, hfSNMPMsgFlags, t, fl.v(), fl.n)
	encrypted := false
	if fl.n > 0 {
		c.AddUint(fn, hfSNMPFlagReport, t, fl.v(), 1)
		_, e := c.AddUint(fn, hfSNMPFlagCrypt, t, fl.v(), 1)
		c.AddUint(fn, hfSNMPFlagAuth, t, fl.v(), 1)
		encrypted = e != 0
	}
	sm := readBER(t, fl.end())
	model := berUint(t, sm.v(), sm.n)
	c.AddUintV(g, hfSNMPSecModel, t, sm.v(), sm.n, model)
	sp := readBER(t, gd.end())
	if model == 3 && sp.n > 0 {
		usm := readBER(t, sp.v())
		eid := readBER(t, usm.v())
		snmpEngineID(c, t, p, hfSNMPEngineID, eid)
		b := readBER(t, eid.end())
		c.AddUintV(p, hfSNMPEngineBoots, t, b.v(), b.n, berUint(t, b.v(), b.n))
		tm := readBER(t, b.end())
		c.AddUintV(p, hfSNMPEngineTime, t, tm.v(), tm.n, berUint(t, tm.v(), tm.n))
		un := readBER(t, tm.end())
		c.AddBytes(p, hfSNMPUserName, t, un.v(), un.n)
		ap := readBER(t, un.end())
		snmpOctets(c, t, p, hfSNMPAuthParams, ap)
		pp := readBER(t, ap.end())
		snmpOctets(c, t, p, hfSNMPPrivParams, pp)
	}
	md := readBER(t, sp.end())
	if md.cls == 0 && md.tag == 4 || encrypted {
		d := c.AddUintV(p, hfSNMPMsgData, t, md.o, md.hl+md.n, 1)
		c.AddBytes(d, hfSNMPEncryptedPDU, t, md.v(), md.n)
		c.SetInfo("encryptedPDU: privKey Unknown")
		return
	}
	d := c.AddUintV(p, hfSNMPMsgData, t, md.o, md.hl+md.n, 0)
	pt := c.AddProto(d, hfSNMPPlaintext, t, md.o, md.hl+md.n)
	ce := readBER(t, md.v())
	snmpEngineID(c, t, pt, hfSNMPCtxEngineID, ce)
	cn := readBER(t, ce.end())
	c.AddBytes(pt, hfSNMPCtxName, t, cn.v(), cn.n)
	snmpPDU(c, t, pt, cn.end())
}

// snmpOctets adds an OCTET STRING; an empty one shows as <MISSING> like Wireshark's.
func snmpOctets(c *Ctx, t Tvb, p int32, hf field.ID, e berTLV) int32 {
	if e.n == 0 {
		return c.Add(p, hf, t, e.v(), 0, field.Value{})
	}
	return c.AddBytes(p, hf, t, e.v(), e.n)
}

// snmpEngineID adds an engine ID and its RFC 3411 structure.
func snmpEngineID(c *Ctx, t Tvb, p int32, hf field.ID, e berTLV) {
	n := snmpOctets(c, t, p, hf, e)
	o, l := e.v(), e.n
	if l < 5 {
		return
	}
	_, conform := c.AddUint(n, hfSNMPEIDConform, t, o, 1)
	ent := t.U32(o) & 0x7fffffff
	en := c.AddUintV(n, hfSNMPEIDEnterprise, t, o, 4, uint64(ent))
	if c.Visible() {
		name, ok := snmpEnterprises[ent]
		if !ok {
			name = "Unknown"
		}
		c.T.SetLabel(en, "Engine Enterprise ID: "+name+" ("+strconv.FormatUint(uint64(ent), 10)+")")
	}
	if conform == 0 {
		c.AddBytes(n, hfSNMPEIDData, t, o+4, l-4)
		return
	}
	format := uint64(t.U8(o + 4))
	fn := c.AddUintV(n, hfSNMPEIDFormat, t, o+4, 1, format)
	d, dl := o+5, l-5
	switch {
	case format == 1 && dl == 4:
		c.AddBytes(n, hfSNMPEIDIPv4, t, d, 4)
	case format == 2 && dl == 16:
		c.AddBytes(n, hfSNMPEIDIPv6, t, d, 16)
	case format == 3 && dl == 6:
		c.AddBytes(n, hfSNMPEIDMAC, t, d, 6)
	case format == 4:
		c.AddBytes(n, hfSNMPEIDText, t, d, dl)
	case format >= 128 && ent == 8072 && format == 128 && dl == 8:
		c.Label(fn, "Engine ID Format: Reserved/Enterprise-specific (128): Net-SNMP Random")
		c.AddBytes(n, hfSNMPEIDData, t, d, 4)
		secs := int64(t.U32LE(d + 4))
		tn := c.Add(n, hfSNMPEIDTime, t, d+4, 4, field.Value{I: secs * 1e9})
		if c.Visible() {
			c.T.SetLabel(tn, "Engine ID Data: Creation Time: "+strings.Replace(string(field.AppendAbsTime(nil, secs*1e9, field.TimeUTC)), ".000000000", "", 1))
		}
	default:
		if format >= 128 {
			c.Label(fn, "Engine ID Format: Reserved/Enterprise-specific (%d)", format)
		}
		if dl > 0 {
			c.AddBytes(n, hfSNMPEIDData, t, d, dl)
		}
	}
}
