package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// The MTP 3 User Adaptation Layer (RFC 4666, Wireshark's packet-m3ua.c with its default version
// preference "RFC 4666") on SCTP port 2905 and payload protocol identifier 3: the common header and
// the parameters. The SS7 message of a Protocol Data parameter goes to data: the MTP3 users (ISUP,
// SCCP) are not dissected here.

var (
	protoM3UA                 = Fields.Protocol("m3ua", "MTP 3 User Adaptation Layer")
	hfM3UAVersion             = Fields.Add(protoM3UA, "m3ua.version", "Version", field.Uint8, field.WithStrings(map[uint64]string{1: "Release 1"}))
	hfM3UAReserved            = Fields.Add(protoM3UA, "m3ua.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex))
	hfM3UAMessageClass        = Fields.Add(protoM3UA, "m3ua.message_class", "Message class", field.Uint8, field.WithStrings(m3uaClasses))
	hfM3UAMessageType         = Fields.Add(protoM3UA, "m3ua.message_type", "Message Type", field.Uint8)
	hfM3UAMessageLength       = Fields.Add(protoM3UA, "m3ua.message_length", "Message length", field.Uint32)
	hfM3UAParameterTag        = Fields.Add(protoM3UA, "m3ua.parameter_tag", "Parameter Tag", field.Uint16, field.WithStrings(m3uaTags))
	hfM3UAParameterLength     = Fields.Add(protoM3UA, "m3ua.parameter_length", "Parameter length", field.Uint16)
	hfM3UAParameterValue      = Fields.Add(protoM3UA, "m3ua.parameter_value", "Parameter value", field.Bytes)
	hfM3UAParameterPadding    = Fields.Add(protoM3UA, "m3ua.parameter_padding", "Padding", field.Bytes)
	hfM3UANetworkAppearance   = Fields.Add(protoM3UA, "m3ua.network_appearance", "Network appearance", field.Uint32)
	hfM3UAInfoString          = Fields.Add(protoM3UA, "m3ua.info_string", "Info string", field.String)
	hfM3UARoutingContext      = Fields.Add(protoM3UA, "m3ua.routing_context", "Routing context", field.Uint32)
	hfM3UADiagnosticInfo      = Fields.Add(protoM3UA, "m3ua.diagnostic_information", "Diagnostic information", field.Bytes)
	hfM3UAHeartbeatData       = Fields.Add(protoM3UA, "m3ua.heartbeat_data", "Heartbeat data", field.Bytes)
	hfM3UAErrorCode           = Fields.Add(protoM3UA, "m3ua.error_code", "Error code", field.Uint32, field.WithStrings(m3uaErrorCodes))
	hfM3UAStatusType          = Fields.Add(protoM3UA, "m3ua.status_type", "Status type", field.Uint16, field.WithStrings(map[uint64]string{1: "Application server state change", 2: "Other"}))
	hfM3UAStatusInfo          = Fields.Add(protoM3UA, "m3ua.status_info", "Status info", field.Uint16)
	hfM3UAAspIdentifier       = Fields.Add(protoM3UA, "m3ua.asp_identifier", "ASP identifier", field.Uint32)
	hfM3UAAffectedPCMask      = Fields.Add(protoM3UA, "m3ua.affected_point_code_mask", "Mask", field.Uint8)
	hfM3UAAffectedPC          = Fields.Add(protoM3UA, "m3ua.affected_point_code_pc", "Affected point code", field.Uint24)
	hfM3UAUnavailabilityCause = Fields.Add(protoM3UA, "m3ua.unavailability_cause", "Unavailability cause", field.Uint16, field.WithStrings(m3uaCauses))
	hfM3UAUserIdentity        = Fields.Add(protoM3UA, "m3ua.user_identity", "User Identity", field.Uint16, field.WithStrings(m3uaUsers))
	hfM3UAReason              = Fields.Add(protoM3UA, "m3ua.reason", "Reason", field.Uint32, field.WithStrings(m3uaReasons))
	hfM3UATrafficModeType     = Fields.Add(protoM3UA, "m3ua.traffic_mode_type", "Traffic mode Type", field.Uint32, field.WithStrings(m3uaTrafficModes))
	hfM3UACongestionReserved  = Fields.Add(protoM3UA, "m3ua.congestion_reserved", "Reserved", field.Bytes)
	hfM3UACongestionLevel     = Fields.Add(protoM3UA, "m3ua.congestion_level", "Congestion level", field.Uint8, field.WithStrings(m3uaCongestion))
	hfM3UAConcernedReserved   = Fields.Add(protoM3UA, "m3ua.concerned_reserved", "Reserved", field.Bytes)
	hfM3UAConcernedDpc        = Fields.Add(protoM3UA, "m3ua.concerned_dpc", "Concerned DPC", field.Uint24)
	hfM3UALocalRkIdentifier   = Fields.Add(protoM3UA, "m3ua.local_rk_identifier", "Local routing key identifier", field.Uint32)
	hfM3UADpcMask             = Fields.Add(protoM3UA, "m3ua.dpc_mask", "Mask", field.Uint8)
	hfM3UADpcPc               = Fields.Add(protoM3UA, "m3ua.dpc_pc", "Destination point code", field.Uint24)
	hfM3UASi                  = Fields.Add(protoM3UA, "m3ua.si", "Service indicator", field.Uint8, field.WithStrings(m3uaSIs))
	hfM3UASsn                 = Fields.Add(protoM3UA, "m3ua.ssn", "Subsystem number", field.Uint8)
	hfM3UAOpcListMask         = Fields.Add(protoM3UA, "m3ua.opc_list_mask", "Mask", field.Uint8)
	hfM3UAOpcListPc           = Fields.Add(protoM3UA, "m3ua.opc_list_pc", "Originating point code", field.Uint24)
	hfM3UACicRangeMask        = Fields.Add(protoM3UA, "m3ua.cic_range_mask", "Mask", field.Uint8)
	hfM3UACicRangePc          = Fields.Add(protoM3UA, "m3ua.cic_range_pc", "Originating point code", field.Uint24)
	hfM3UACicRangeLower       = Fields.Add(protoM3UA, "m3ua.cic_range_lower", "Lower CIC value", field.Uint16)
	hfM3UACicRangeUpper       = Fields.Add(protoM3UA, "m3ua.cic_range_upper", "Upper CIC value", field.Uint16)
	hfM3UAProtocolDataOpc     = Fields.Add(protoM3UA, "m3ua.protocol_data_opc", "OPC", field.Uint32, field.WithBlurb("Originating Point Code"))
	hfM3UAProtocolDataDpc     = Fields.Add(protoM3UA, "m3ua.protocol_data_dpc", "DPC", field.Uint32, field.WithBlurb("Destination Point Code"))
	hfM3UAProtocolDataSi      = Fields.Add(protoM3UA, "m3ua.protocol_data_si", "SI", field.Uint8, field.WithStrings(m3uaSIs), field.WithBlurb("Service Indicator"))
	hfM3UAProtocolDataNi      = Fields.Add(protoM3UA, "m3ua.protocol_data_ni", "NI", field.Uint8, field.WithStrings(m3uaNIs), field.WithBlurb("Network Indicator"))
	hfM3UAProtocolDataMp      = Fields.Add(protoM3UA, "m3ua.protocol_data_mp", "MP", field.Uint8, field.WithBlurb("Message Priority"))
	hfM3UAProtocolDataSls     = Fields.Add(protoM3UA, "m3ua.protocol_data_sls", "SLS", field.Uint8, field.WithBlurb("Signalling Link Selection"))
	hfM3UACorrelationID       = Fields.Add(protoM3UA, "m3ua.correlation_identifier", "Correlation Identifier", field.Uint32)
	hfM3UARegistrationStatus  = Fields.Add(protoM3UA, "m3ua.registration_status", "Registration status", field.Uint32, field.WithStrings(m3uaRegStatus))
	hfM3UADeregistrationStat  = Fields.Add(protoM3UA, "m3ua.deregistration_status", "Deregistration status", field.Uint32, field.WithStrings(m3uaDeregStatus))

	handleM3UA = &Handle{Name: "m3ua", Fn: dissectM3UA}
)

var m3uaClasses = map[uint64]string{0: "Management messages", 1: "Transfer messages", 2: "SS7 signalling network management messages",
	3: "ASP state maintenance messages", 4: "ASP traffic maintenance messages", 9: "Routing key management messages"}

// m3uaTypes names message class*256+type: the long name and the acronym the Info column shows.
var m3uaTypes = map[uint64][2]string{
	0x0000: {"Error (ERR)", "ERR"}, 0x0001: {"Notify (NTFY)", "NTFY"}, 0x0101: {"Payload data (DATA)", "DATA"},
	0x0201: {"Destination unavailable (DUNA)", "DUNA"}, 0x0202: {"Destination available (DAVA)", "DAVA"},
	0x0203: {"Destination state audit (DAUD)", "DAUD"}, 0x0204: {"SS7 Network congestion state (SCON)", "SCON"},
	0x0205: {"Destination userpart unavailable (DUPU)", "DUPU"}, 0x0206: {"Destination Restricted (DRST)", "DRST"},
	0x0301: {"ASP up (ASPUP)", "ASPUP"}, 0x0302: {"ASP down (ASPDN)", "ASPDN"}, 0x0303: {"Heartbeat (BEAT)", "BEAT"},
	0x0304: {"ASP up ack (ASPUP_ACK)", "ASPUP_ACK"}, 0x0305: {"ASP down ack (ASPDN_ACK)", "ASPDN_ACK"},
	0x0306: {"Heartbeat ack (BEAT_ACK)", "BEAT_ACK"}, 0x0401: {"ASP active (ASPAC)", "ASPAC"},
	0x0402: {"ASP inactive (ASPIA)", "ASPIA"}, 0x0403: {"ASP active ack (ASPAC_ACK)", "ASPAC_ACK"},
	0x0404: {"ASP inactive ack (ASPIA_ACK)", "ASPIA_ACK"}, 0x0901: {"Registration request (REG_REQ)", "REG_REQ"},
	0x0902: {"Registration response (REG_RSP)", "REG_RSP"}, 0x0903: {"Deregistration request (DEREG_REQ)", "DEREG_REQ"},
	0x0904: {"Deregistration response (DEREG_RSP)", "DEREG_RSP"},
}

var m3uaTags = map[uint64]string{0x0004: "Info string", 0x0006: "Routing context", 0x0007: "Diagnostic Information",
	0x0009: "Heartbeat data", 0x000b: "Traffic mode type", 0x000c: "Error code", 0x000d: "Status", 0x0011: "ASP identifier",
	0x0012: "Affected point code", 0x0013: "Correlation identifier", 0x0200: "Network appearance", 0x0204: "User / cause",
	0x0205: "Congestion indications", 0x0206: "Concerned destination", 0x0207: "Routing key", 0x0208: "Registration result",
	0x0209: "Deregistration result", 0x020a: "Local routing key identifier", 0x020b: "Destination point code",
	0x020c: "Service indicators", 0x020e: "Originating point code list", 0x020f: "Circuit range", 0x0210: "Protocol data",
	0x0212: "Registration status", 0x0213: "Deregistration status"}

var m3uaErrorCodes = map[uint64]string{0x01: "Invalid version", 0x03: "Unsupported message class", 0x04: "Unsupported message type",
	0x05: "Unsupported traffic handling mode", 0x06: "Unexpected message", 0x07: "Protocol error", 0x09: "Invalid stream identifier",
	0x0d: "Refused - management blocking", 0x0e: "ASP identifier required", 0x0f: "Invalid ASP identifier",
	0x11: "Invalid parameter value", 0x12: "Parameter field error", 0x13: "Unexpected parameter", 0x14: "Destination status unknown",
	0x15: "Invalid network appearance", 0x16: "Missing parameter", 0x19: "Invalid routing context", 0x1a: "No configured AS for ASP"}

// m3uaStatus names status type*65536+info.
var m3uaStatus = map[uint64]string{0x10001: "Reserved", 0x10002: "Application server inactive", 0x10003: "Application server active",
	0x10004: "Application server pending", 0x20001: "Insufficient ASP resources active in AS", 0x20002: "Alternate ASP active",
	0x20003: "ASP Failure"}

var (
	m3uaCauses       = map[uint64]string{0: "Unknown", 1: "Unequipped remote user", 2: "Inaccessible remote user"}
	m3uaUsers        = map[uint64]string{0: "Reserved", 1: "Reserved", 2: "Reserved", 3: "SCCP", 4: "TUP", 5: "ISUP", 6: "Reserved", 7: "Reserved", 8: "Reserved", 9: "Broadband ISUP", 10: "Satellite ISUP", 11: "Reserved", 12: "AAL type2 Signaling", 13: "Bearer Independent Call Control (BICC)", 14: "Gateway Control Protocol", 15: "Reserved"}
	m3uaReasons      = map[uint64]string{0: "Unspecified", 1: "User unavailable", 2: "Management blocking"}
	m3uaTrafficModes = map[uint64]string{1: "Over-ride", 2: "Load-share", 3: "Broadcast"}
	m3uaCongestion   = map[uint64]string{0: "No congestion or undefined", 1: "Congestion level 1", 2: "Congestion level 2", 3: "Congestion level 3"}
	m3uaSIs          = map[uint64]string{0: "SNM", 1: "MTN", 2: "MTNS", 3: "SCCP", 4: "TUP", 5: "ISUP", 6: "DUP (CC)", 7: "DUP (FAC/CANC)", 8: "MTP Test", 9: "ISUP-b", 10: "ISUP-s", 12: "AAL type 2", 13: "BICC", 14: "GCP"}
	m3uaNIs          = map[uint64]string{0: "International network", 1: "Spare (for international use only)", 2: "National network", 3: "Reserved for national use"}
	m3uaRegStatus    = map[uint64]string{0: "Successfully Registered", 1: "Error - Unknown", 2: "Error - Invalid DPC", 3: "Error - Invalid Network Appearance", 4: "Error - Invalid Routing Key", 5: "Error - Permission Denied", 6: "Error - Cannot Support Unique Routing", 7: "Error - Routing Key not Currently Provisioned", 8: "Error - Insufficient Resources", 9: "Error - Unsupported RK parameter Field", 10: "Error - Unsupported/Invalid Traffic Handling Mode", 11: "Error - Routing Key Change Refused", 12: "Error - Routing Key Already Registered"}
	m3uaDeregStatus  = map[uint64]string{0: "Successfully Deregistered", 1: "Error - Unknown", 2: "Error - Invalid Routing Context", 3: "Error - Permission Denied", 4: "Error - Not Registered", 5: "Error - ASP Currently Active for Routing Context"}
)

func init() {
	RegisterShortName(protoM3UA, "M3UA")
	SCTPPort.Add(2905, handleM3UA)
	SCTPPPI.Add(3, handleM3UA)
}

func dissectM3UA(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("M3UA (RFC 4666)")
	top := c.AddProto(parent, protoM3UA, t, 0, -1)
	class, typ := uint64(t.U8(2)), uint64(t.U8(3))
	names, ok := m3uaTypes[class<<8|typ]
	if !ok {
		names = [2]string{"reserved", "reserved"}
	}
	c.SetInfo(names[1] + " ")
	c.AddUint(top, hfM3UAVersion, t, 0, 1)
	c.AddUint(top, hfM3UAReserved, t, 1, 1)
	c.AddUintV(top, hfM3UAMessageClass, t, 2, 1, class)
	mt := c.AddUintV(top, hfM3UAMessageType, t, 3, 1, typ)
	c.Label(mt, "Message Type: %s (%d)", names[0], typ)
	c.AddUint(top, hfM3UAMessageLength, t, 4, 4)
	rep := t.Len() + c.unreported(t)
	c.m3uaParameters(t.Sub(8), rep-8, parent, top)
}

// m3uaParameters dissects consecutive parameters of rep bytes (dissect_parameters).
func (c *Ctx) m3uaParameters(t Tvb, rep int, parent, tree int32) {
	defer c.sctpDepth()()
	for off := 0; rep-off != 0; {
		length := int(t.U16(off + 2))
		total := (length + 3) &^ 3
		if rem := rep - off; rem >= length {
			total = min(total, rem)
		}
		c.needReported(t, off, total)
		if total == 0 {
			panic(boundsError{})
		}
		c.m3uaParameter(t.SubLen(off, total), total, parent, tree)
		off += total
	}
}

// m3uaParameter dissects one parameter of rep bytes with its padding (dissect_parameter).
func (c *Ctx) m3uaParameter(t Tvb, rep int, parent, tree int32) {
	tag := uint64(t.U16(0))
	length := int(t.U16(2))
	pad := uint16(rep - length)
	name := sctpName(m3uaTags, tag, "Unknown parameter")
	pi := c.AddText(tree, t, 0, rep, name)
	c.AddUintV(pi, hfM3UAParameterTag, t, 0, 2, tag)
	c.AddUintV(pi, hfM3UAParameterLength, t, 2, 2, uint64(length))
	vlen := int(uint16(length - 4))
	suffix := ""
	u32 := func(hf field.ID) uint64 { _, v := c.AddUint(pi, hf, t, 4, 4); return v }
	switch tag {
	case 0x0004: // info string
		s := asciiString(t.Bytes(4, vlen))
		c.AddBytesV(pi, hfM3UAInfoString, t, 4, vlen, s)
		suffix = " (" + string(field.Escape(string(s))) + ")"
	case 0x0006: // routing contexts
		n := vlen >> 2
		for i := 0; i < n; i++ {
			c.AddUint(pi, hfM3UARoutingContext, t, 4+4*i, 4)
		}
		suffix = " (" + itoa(uint64(n)) + " context" + plural(n) + ")"
	case 0x0007, 0x0009: // diagnostic information, heartbeat data
		hf := hfM3UADiagnosticInfo
		if tag == 0x0009 {
			hf = hfM3UAHeartbeatData
		}
		c.AddBytes(pi, hf, t, 4, vlen)
		suffix = " (" + itoa(uint64(vlen)) + " byte" + plural(vlen) + ")"
	case 0x000b:
		suffix = " (" + sctpName(m3uaTrafficModes, u32(hfM3UATrafficModeType), "unknown") + ")"
	case 0x000c:
		suffix = " (" + sctpName(m3uaErrorCodes, u32(hfM3UAErrorCode), "unknown") + ")"
	case 0x000d: // status
		_, st := c.AddUint(pi, hfM3UAStatusType, t, 4, 2)
		si := uint64(t.U16(6))
		n := c.AddUintV(pi, hfM3UAStatusInfo, t, 6, 2, si)
		c.Label(n, "Status info: %s (%d)", sctpName(m3uaStatus, st<<16|si, "unknown"), si)
		suffix = " (" + sctpName(m3uaStatus, st<<16|si, "unknown status information") + ")"
	case 0x0011, 0x0013, 0x0200, 0x020a: // ASP identifier, correlation identifier, network appearance, local RK identifier
		hf := map[uint64]field.ID{0x0011: hfM3UAAspIdentifier, 0x0013: hfM3UACorrelationID, 0x0200: hfM3UANetworkAppearance,
			0x020a: hfM3UALocalRkIdentifier}[tag]
		suffix = " (" + itoa(u32(hf)) + ")"
	case 0x0012: // affected point codes
		n := vlen >> 2
		for i := 0; i < n; i++ {
			c.AddUint(pi, hfM3UAAffectedPCMask, t, 4+4*i, 1)
			c.AddUint(pi, hfM3UAAffectedPC, t, 5+4*i, 3)
		}
		suffix = " (" + itoa(uint64(n)) + " destination" + plural(n) + ")"
	case 0x0204: // user / cause
		_, cause := c.AddUint(pi, hfM3UAUnavailabilityCause, t, 4, 2)
		_, user := c.AddUint(pi, hfM3UAUserIdentity, t, 6, 2)
		suffix = " (" + sctpName(m3uaUsers, user, "Unknown user") + ": " + sctpName(m3uaCauses, cause, "unknown cause") + ")"
	case 0x0205: // congestion indications
		c.AddBytes(pi, hfM3UACongestionReserved, t, 4, 3)
		_, lvl := c.AddUint(pi, hfM3UACongestionLevel, t, 7, 1)
		suffix = " (" + sctpName(m3uaCongestion, lvl, "unknown") + ")"
	case 0x0206: // concerned destination
		c.AddBytes(pi, hfM3UAConcernedReserved, t, 4, 1)
		_, pc := c.AddUint(pi, hfM3UAConcernedDpc, t, 5, 3)
		suffix = " (" + itoa(pc) + ")"
	case 0x020b: // destination point code
		c.AddUint(pi, hfM3UADpcMask, t, 4, 1)
		_, pc := c.AddUint(pi, hfM3UADpcPc, t, 5, 3)
		suffix = " (" + itoa(pc) + ")"
	case 0x0207, 0x0208, 0x0209: // routing key, registration and deregistration results: nested parameters
		nt, nrep := sctpNested(t, rep, 4, vlen)
		c.m3uaParameters(nt, nrep, parent, pi)
	case 0x0210:
		suffix = c.m3uaProtocolData(t, vlen, parent, pi)
	case 0x0212:
		suffix = " (" + sctpName(m3uaRegStatus, u32(hfM3UARegistrationStatus), "unknown") + ")"
	case 0x0213:
		suffix = " (" + sctpName(m3uaDeregStatus, u32(hfM3UADeregistrationStat), "unknown") + ")"
	default:
		c.AddBytes(pi, hfM3UAParameterValue, t, 4, vlen)
		suffix = " (tag " + itoa(tag) + " and " + itoa(uint64(vlen)) + " byte" + plural(vlen) + " value)"
	}
	if c.Visible() {
		c.T.SetLabel(pi, name+suffix)
	}
	if pad > 0 {
		c.AddBytes(pi, hfM3UAParameterPadding, t, length, int(pad))
	}
}

// m3uaProtocolData dissects a Protocol Data parameter: the routing label, then the SS7 message.
func (c *Ctx) m3uaProtocolData(t Tvb, vlen int, parent, pi int32) string {
	ulp := int(uint16(vlen - 12))
	opc, dpc := t.U32(4), t.U32(8)
	c.SetNetText(itoa(uint64(opc)), itoa(uint64(dpc)))
	c.AddUint(pi, hfM3UAProtocolDataOpc, t, 4, 4)
	c.AddUint(pi, hfM3UAProtocolDataDpc, t, 8, 4)
	c.AddUint(pi, hfM3UAProtocolDataSi, t, 12, 1)
	c.AddUint(pi, hfM3UAProtocolDataNi, t, 13, 1)
	c.AddUint(pi, hfM3UAProtocolDataMp, t, 14, 1)
	c.AddUint(pi, hfM3UAProtocolDataSls, t, 15, 1)
	c.T.SetLen(pi, 16)
	c.needReported(t, 16, ulp)
	c.CallData(t.SubLen(16, ulp), parent)
	return " (SS7 message of " + itoa(uint64(ulp)) + " byte" + plural(ulp) + ")"
}
