package dissect

import (
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// The Precision Time Protocol version 2 (IEEE 1588-2008/2019) over UDP ports 319/320 and ethertype
// 0x88f7 (Wireshark's packet-ptp.c): the common header with its flags and correction field, and the
// bodies of Sync, Delay_Req, Follow_Up, Delay_Resp, the peer delay messages, Announce, and the
// management message header with its TLV.

var (
	protoPTP                                    = Fields.Protocol("ptp", "Precision Time Protocol (IEEE1588)")
	hfPTPMajorsdoid                             = Fields.Add(protoPTP, "ptp.v2.majorsdoid", "majorSdoId", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf0), field.WithStrings(map[uint64]string{1: "gPTP Domain", 2: "CMLDS"}))
	hfPTPMessagetype                            = Fields.Add(protoPTP, "ptp.v2.messagetype", "messageType", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf), field.WithStrings(map[uint64]string{0: "Sync Message", 1: "Delay_Req Message", 2: "Peer_Delay_Req Message", 3: "Peer_Delay_Resp Message", 8: "Follow_Up Message", 9: "Delay_Resp Message", 10: "Peer_Delay_Resp_Follow_Up Message", 11: "Announce Message", 12: "Signalling Message", 13: "Management Message"}))
	hfPTPMinorversionptp                        = Fields.Add(protoPTP, "ptp.v2.minorversionptp", "minorVersionPTP", field.Uint8, field.WithMask(0xf0))
	hfPTPVersionptp                             = Fields.Add(protoPTP, "ptp.v2.versionptp", "versionPTP", field.Uint8, field.WithMask(0xf))
	hfPTPMessagelength                          = Fields.Add(protoPTP, "ptp.v2.messagelength", "messageLength", field.Uint16)
	hfPTPMinorsdoid                             = Fields.Add(protoPTP, "ptp.v2.minorsdoid", "minorSdoId", field.Uint8)
	hfPTPDomainnumber                           = Fields.Add(protoPTP, "ptp.v2.domainnumber", "domainNumber", field.Uint8)
	hfPTPFlags                                  = Fields.Add(protoPTP, "ptp.v2.flags", "flags", field.Uint16, field.WithBase(field.Hex))
	hfPTPFlagsAlternatemaster                   = Fields.Add(protoPTP, "ptp.v2.flags.alternatemaster", "PTP_ALTERNATE_MASTER", field.Bool, field.WithBase(16), field.WithMask(0x100))
	hfPTPFlagsTwostep                           = Fields.Add(protoPTP, "ptp.v2.flags.twostep", "PTP_TWO_STEP", field.Bool, field.WithBase(16), field.WithMask(0x200))
	hfPTPFlagsUnicast                           = Fields.Add(protoPTP, "ptp.v2.flags.unicast", "PTP_UNICAST", field.Bool, field.WithBase(16), field.WithMask(0x400))
	hfPTPFlagsSpecific1                         = Fields.Add(protoPTP, "ptp.v2.flags.specific1", "PTP profile Specific 1", field.Bool, field.WithBase(16), field.WithMask(0x2000))
	hfPTPFlagsSpecific2                         = Fields.Add(protoPTP, "ptp.v2.flags.specific2", "PTP profile Specific 2", field.Bool, field.WithBase(16), field.WithMask(0x4000))
	hfPTPFlagsSecurity                          = Fields.Add(protoPTP, "ptp.v2.flags.security", "PTP_SECURITY", field.Bool, field.WithBase(16), field.WithMask(0x8000))
	hfPTPFlagsLi61                              = Fields.Add(protoPTP, "ptp.v2.flags.li61", "PTP_LI_61", field.Bool, field.WithBase(16), field.WithMask(0x1))
	hfPTPFlagsLi59                              = Fields.Add(protoPTP, "ptp.v2.flags.li59", "PTP_LI_59", field.Bool, field.WithBase(16), field.WithMask(0x2))
	hfPTPFlagsUtcreasonable                     = Fields.Add(protoPTP, "ptp.v2.flags.utcreasonable", "PTP_UTC_REASONABLE", field.Bool, field.WithBase(16), field.WithMask(0x4))
	hfPTPFlagsTimescale                         = Fields.Add(protoPTP, "ptp.v2.flags.timescale", "PTP_TIMESCALE", field.Bool, field.WithBase(16), field.WithMask(0x8))
	hfPTPFlagsTimetraceable                     = Fields.Add(protoPTP, "ptp.v2.flags.timetraceable", "TIME_TRACEABLE", field.Bool, field.WithBase(16), field.WithMask(0x10))
	hfPTPFlagsFrequencytraceable                = Fields.Add(protoPTP, "ptp.v2.flags.frequencytraceable", "FREQUENCY_TRACEABLE", field.Bool, field.WithBase(16), field.WithMask(0x20))
	hfPTPFlagsSynchronizationUncertain          = Fields.Add(protoPTP, "ptp.v2.flags.synchronizationUncertain", "SYNCHRONIZATION_UNCERTAIN", field.Bool, field.WithBase(16), field.WithMask(0x40))
	hfPTPMessagetypespecific                    = Fields.Add(protoPTP, "ptp.v2.messagetypespecific", "messageTypeSpecific", field.Uint32)
	hfPTPCorrectionNs                           = Fields.Add(protoPTP, "ptp.v2.correction.ns", "correction", field.Uint64)
	hfPTPCorrectionSubns                        = Fields.Add(protoPTP, "ptp.v2.correction.subns", "correctionSubNs", field.Double)
	hfPTPClockidentity                          = Fields.Add(protoPTP, "ptp.v2.clockidentity", "ClockIdentity", field.Uint64, field.WithBase(field.Hex))
	hfPTPClockidentityManuf                     = Fields.Add(protoPTP, "ptp.v2.clockidentity_manuf", "MAC Vendor", field.Bytes)
	hfPTPSourceportid                           = Fields.Add(protoPTP, "ptp.v2.sourceportid", "SourcePortID", field.Uint16)
	hfPTPSequenceid                             = Fields.Add(protoPTP, "ptp.v2.sequenceid", "sequenceId", field.Uint16)
	hfPTPControlfield                           = Fields.Add(protoPTP, "ptp.v2.controlfield", "controlField", field.Uint8, field.WithStrings(map[uint64]string{0: "Sync Message", 1: "Delay_Req Message", 2: "Follow_Up Message", 3: "Delay_Resp Message", 4: "Management Message", 5: "Other Message"}))
	hfPTPLogmessageperiod                       = Fields.Add(protoPTP, "ptp.v2.logmessageperiod", "logMessagePeriod", field.Int8)
	hfPTPAnOrigintimestampSeconds               = Fields.Add(protoPTP, "ptp.v2.an.origintimestamp.seconds", "originTimestamp (seconds)", field.Uint64)
	hfPTPAnOrigintimestampNanoseconds           = Fields.Add(protoPTP, "ptp.v2.an.origintimestamp.nanoseconds", "originTimestamp (nanoseconds)", field.Int32)
	hfPTPAnOrigincurrentutcoffset               = Fields.Add(protoPTP, "ptp.v2.an.origincurrentutcoffset", "originCurrentUTCOffset", field.Int16)
	hfPTPTimesource                             = Fields.Add(protoPTP, "ptp.v2.timesource", "TimeSource", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{16: "ATOMIC_CLOCK", 32: "GPS", 48: "TERRESTRIAL_RADIO", 64: "PTP", 80: "NTP", 96: "HAND_SET", 144: "OTHER", 160: "INTERNAL_OSCILLATOR", 255: "reserved"}))
	hfPTPAnLocalstepsremoved                    = Fields.Add(protoPTP, "ptp.v2.an.localstepsremoved", "localStepsRemoved", field.Uint16)
	hfPTPAnGrandmasterclockidentity             = Fields.Add(protoPTP, "ptp.v2.an.grandmasterclockidentity", "grandmasterClockIdentity", field.Uint64, field.WithBase(field.Hex))
	hfPTPAnGrandmasterclockclass                = Fields.Add(protoPTP, "ptp.v2.an.grandmasterclockclass", "grandmasterClockClass", field.Uint8)
	hfPTPAnGrandmasterclockaccuracy             = Fields.Add(protoPTP, "ptp.v2.an.grandmasterclockaccuracy", "grandmasterClockAccuracy", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{32: "The time is accurate to within 25 ns", 33: "The time is accurate to within 100 ns", 34: "The time is accurate to within 250 ns", 35: "The time is accurate to within 1 us", 36: "The time is accurate to within 2,5 us", 37: "The time is accurate to within 10 us", 38: "The time is accurate to within 25 us", 39: "The time is accurate to within 100 us", 40: "The time is accurate to within 250 us", 41: "The time is accurate to within 1 ms", 42: "The time is accurate to within 2,5 ms", 43: "The time is accurate to within 10 ms", 44: "The time is accurate to within 25 ms", 45: "The time is accurate to within 100 ms", 46: "The time is accurate to within 250 ms", 47: "The time is accurate to within 1 s", 48: "The time is accurate to within 10 s", 49: "The time is accurate to >10 s", 50: "reserved", 128: "For use by alternate PTP profiles", 254: "Accuracy Unknown", 255: "reserved"}))
	hfPTPAnGrandmasterclockvariance             = Fields.Add(protoPTP, "ptp.v2.an.grandmasterclockvariance", "grandmasterClockVariance", field.Uint16)
	hfPTPAnPriority1                            = Fields.Add(protoPTP, "ptp.v2.an.priority1", "priority1", field.Uint8)
	hfPTPAnPriority2                            = Fields.Add(protoPTP, "ptp.v2.an.priority2", "priority2", field.Uint8)
	hfPTPSdrOrigintimestampSeconds              = Fields.Add(protoPTP, "ptp.v2.sdr.origintimestamp.seconds", "originTimestamp (seconds)", field.Uint64)
	hfPTPSdrOrigintimestampNanoseconds          = Fields.Add(protoPTP, "ptp.v2.sdr.origintimestamp.nanoseconds", "originTimestamp (nanoseconds)", field.Int32)
	hfPTPFuPreciseorigintimestampSeconds        = Fields.Add(protoPTP, "ptp.v2.fu.preciseorigintimestamp.seconds", "preciseOriginTimestamp (seconds)", field.Uint64)
	hfPTPFuPreciseorigintimestampNanoseconds    = Fields.Add(protoPTP, "ptp.v2.fu.preciseorigintimestamp.nanoseconds", "preciseOriginTimestamp (nanoseconds)", field.Uint32)
	hfPTPFuPreciseorigintimestamp32bit          = Fields.Add(protoPTP, "ptp.v2.fu.preciseorigintimestamp.32bit", "preciseOriginTimestamp (32bit)", field.Uint32)
	hfPTPDrReceivetimestampSeconds              = Fields.Add(protoPTP, "ptp.v2.dr.receivetimestamp.seconds", "receiveTimestamp (seconds)", field.Uint64)
	hfPTPDrReceivetimestampNanoseconds          = Fields.Add(protoPTP, "ptp.v2.dr.receivetimestamp.nanoseconds", "receiveTimestamp (nanoseconds)", field.Int32)
	hfPTPDrRequestingsourceportidentity         = Fields.Add(protoPTP, "ptp.v2.dr.requestingsourceportidentity", "requestingSourcePortIdentity", field.Uint64, field.WithBase(field.Hex))
	hfPTPDrRequestingsourceportid               = Fields.Add(protoPTP, "ptp.v2.dr.requestingsourceportid", "requestingSourcePortId", field.Uint16)
	hfPTPPdrqOrigintimestampSeconds             = Fields.Add(protoPTP, "ptp.v2.pdrq.origintimestamp.seconds", "originTimestamp (seconds)", field.Uint64)
	hfPTPPdrqOrigintimestampNanoseconds         = Fields.Add(protoPTP, "ptp.v2.pdrq.origintimestamp.nanoseconds", "originTimestamp (nanoseconds)", field.Int32)
	hfPTPPdrsRequestreceipttimestampSeconds     = Fields.Add(protoPTP, "ptp.v2.pdrs.requestreceipttimestamp.seconds", "requestreceiptTimestamp (seconds)", field.Uint64)
	hfPTPPdrsRequestreceipttimestampNanoseconds = Fields.Add(protoPTP, "ptp.v2.pdrs.requestreceipttimestamp.nanoseconds", "requestreceiptTimestamp (nanoseconds)", field.Int32)
	hfPTPPdrsRequestingportidentity             = Fields.Add(protoPTP, "ptp.v2.pdrs.requestingportidentity", "requestingSourcePortIdentity", field.Uint64, field.WithBase(field.Hex))
	hfPTPPdrsRequestingsourceportid             = Fields.Add(protoPTP, "ptp.v2.pdrs.requestingsourceportid", "requestingSourcePortId", field.Uint16)
	hfPTPPdfuResponseorigintimestampSeconds     = Fields.Add(protoPTP, "ptp.v2.pdfu.responseorigintimestamp.seconds", "responseOriginTimestamp (seconds)", field.Uint64)
	hfPTPPdfuResponseorigintimestampNanoseconds = Fields.Add(protoPTP, "ptp.v2.pdfu.responseorigintimestamp.nanoseconds", "responseOriginTimestamp (nanoseconds)", field.Int32)
	hfPTPPdfuRequestingportidentity             = Fields.Add(protoPTP, "ptp.v2.pdfu.requestingportidentity", "requestingSourcePortIdentity", field.Uint64, field.WithBase(field.Hex))
	hfPTPPdfuRequestingsourceportid             = Fields.Add(protoPTP, "ptp.v2.pdfu.requestingsourceportid", "requestingSourcePortId", field.Uint16)
	hfPTPMmTargetportidentity                   = Fields.Add(protoPTP, "ptp.v2.mm.targetportidentity", "targetPortIdentity", field.Uint64, field.WithBase(field.Hex))
	hfPTPMmTargetportid                         = Fields.Add(protoPTP, "ptp.v2.mm.targetportid", "targetPortId", field.Uint16)
	hfPTPMmStartingboundaryhops                 = Fields.Add(protoPTP, "ptp.v2.mm.startingboundaryhops", "startingBoundaryHops", field.Uint8)
	hfPTPMmBoundaryhops                         = Fields.Add(protoPTP, "ptp.v2.mm.boundaryhops", "boundaryHops", field.Uint8)
	hfPTPMmAction                               = Fields.Add(protoPTP, "ptp.v2.mm.action", "action", field.Uint8, field.WithMask(0xf), field.WithStrings(map[uint64]string{0: "GET", 1: "SET", 2: "RESPONSE", 3: "COMMAND", 4: "ACKNOWLEDGE"}))
	hfPTPMmTlvType                              = Fields.Add(protoPTP, "ptp.v2.mm.tlvType", "tlvType", field.Uint16, field.WithStrings(map[uint64]string{0: "Reserved", 1: "Management", 2: "Management error status", 3: "Organization extension", 4: "Request unicast transmission", 5: "Grant unicast transmission", 6: "Cancel unicast transmission", 7: "Acknowledge cancel unicast transmission", 8: "Path trace", 9: "Alternate time offset indicator", 8192: "Authentication", 8193: "Authentication challenge", 8194: "Security association update", 8195: "Cum. freq. scale factor offset"}))
	hfPTPMmLengthField                          = Fields.Add(protoPTP, "ptp.v2.mm.lengthField", "lengthField", field.Uint16)
	hfPTPMmManagementId                         = Fields.Add(protoPTP, "ptp.v2.mm.managementId", "managementId", field.Uint16, field.WithStrings(map[uint64]string{0: "NULL_MANAGEMENT", 1: "CLOCK_DESCRIPTION", 2: "USER_DESCRIPTION", 3: "SAVE_IN_NON_VOLATILE_STORAGE", 4: "RESET_NON_VOLATILE_STORAGE", 5: "INITIALIZE", 6: "FAULT_LOG", 7: "FAULT_LOG_RESET", 8192: "DEFAULT_DATA_SET", 8193: "CURRENT_DATA_SET", 8194: "PARENT_DATA_SET", 8195: "TIME_PROPERTIES_DATA_SET", 8196: "PORT_DATA_SET", 8197: "PRIORITY1", 8198: "PRIORITY2", 8199: "DOMAIN", 8200: "SLAVE_ONLY", 8201: "LOG_ANNOUNCE_INTERVAL", 8202: "ANNOUNCE_RECEIPT_TIMEOUT", 8203: "LOG_SYNC_INTERVAL", 8204: "VERSION_NUMBER", 8205: "ENABLE_PORT", 8206: "DISABLE_PORT", 8207: "TIME", 8208: "CLOCK_ACCURACY", 8209: "UTC_PROPERTIES", 8210: "TRACEABILITY_PROPERTIES", 8211: "TIMESCALE_PROPERTIES", 8212: "UNICAST_NEGOTIATION_ENABLE", 8213: "PATH_TRACE_LIST", 8214: "PATH_TRACE_ENABLE", 8215: "GRANDMASTER_CLUSTER_TABLE", 8216: "UNICAST_MASTER_TABLE", 8217: "UNICAST_MASTER_MAX_TABLE_SIZE", 8218: "ACCEPTABLE_MASTER_TABLE", 8219: "ACCEPTABLE_MASTER_TABLE_ENABLED", 8220: "ACCEPTABLE_MASTER_MAX_TABLE_SIZE", 8221: "ALTERNATE_MASTER", 8222: "ALTERNATE_TIME_OFFSET_ENABLE", 8223: "ALTERNATE_TIME_OFFSET_NAME", 8224: "ALTERNATE_TIME_OFFSET_MAX_KEY", 8225: "ALTERNATE_TIME_OFFSET_PROPERTIES", 16384: "TC_DEFAULT_DATA_SET", 16385: "TC_PORT_DATA_SET", 16386: "PRIMARY_DOMAIN", 24576: "DELAY_MECHANISM", 24577: "LOG_MIN_PDELAY_REQ_INTERVAL"}))
	hfPTPMmData                                 = Fields.Add(protoPTP, "ptp.v2.mm.data", "data", field.Bytes)
	hfPTPMmReserved                             = Fields.Add(protoPTP, "ptp.v2.mm.reserved", "reserved", field.Bytes)
	handlePTP                                   = &Handle{Name: "ptp", Fn: dissectPTP}
)

var ptpFlagBits = []field.ID{hfPTPFlagsSecurity, hfPTPFlagsSpecific2, hfPTPFlagsSpecific1, hfPTPFlagsUnicast, hfPTPFlagsTwostep, hfPTPFlagsAlternatemaster,
	hfPTPFlagsSynchronizationUncertain, hfPTPFlagsFrequencytraceable, hfPTPFlagsTimetraceable, hfPTPFlagsTimescale, hfPTPFlagsUtcreasonable, hfPTPFlagsLi59, hfPTPFlagsLi61}

func init() {
	RegisterShortName(protoPTP, "PTPv2")
	UDPPort.Add(319, handlePTP)
	UDPPort.Add(320, handlePTP)
	EtherType.Add(0x88f7, handlePTP)
	// Over Ethernet the message length says where the frame's padding starts.
	RegisterEtherPDULen(0x88f7, func(t Tvb) int {
		if t.Len() < 4 {
			return -1
		}
		return int(t.U16(2))
	})
}

func dissectPTP(c *Ctx, t Tvb, parent int32) {
	if t.U8(1)&0x0f != 2 {
		c.SetProtocol("PTPv1")
		c.CallData(t, parent)
		return
	}
	c.SetProtocol("PTPv2")
	c.ClearInfo()
	typ := uint64(t.U8(0) & 0x0f)
	if c.Cols.On {
		if name, ok := Fields.Get(hfPTPMessagetype).Strings[typ]; ok {
			c.SetInfo(name)
		} else {
			c.SetInfo("Unknown message")
		}
	}
	p := c.AddProto(parent, protoPTP, t, 0, -1)
	c.AddUint(p, hfPTPMajorsdoid, t, 0, 1)
	c.AddUint(p, hfPTPMessagetype, t, 0, 1)
	c.AddUint(p, hfPTPMinorversionptp, t, 1, 1)
	c.AddUint(p, hfPTPVersionptp, t, 1, 1)
	c.AddUint(p, hfPTPMessagelength, t, 2, 2)
	c.AddUint(p, hfPTPDomainnumber, t, 4, 1)
	c.AddUint(p, hfPTPMinorsdoid, t, 5, 1)
	fn, _ := c.AddUint(p, hfPTPFlags, t, 6, 2)
	for _, b := range ptpFlagBits {
		c.AddUint(fn, b, t, 6, 2)
	}
	ptpCorrection(c, t, p, 8, hfPTPCorrectionNs, hfPTPCorrectionSubns, "correctionField", "correction: Ns", "correctionSubNs")
	c.AddUint(p, hfPTPMessagetypespecific, t, 16, 4)
	ptpClockIdentity(c, t, p, 20, hfPTPClockidentity, true)
	c.AddUint(p, hfPTPSourceportid, t, 28, 2)
	c.AddUint(p, hfPTPSequenceid, t, 30, 2)
	c.AddUint(p, hfPTPControlfield, t, 32, 1)
	c.AddUint(p, hfPTPLogmessageperiod, t, 33, 1)
	switch typ {
	case 0, 1:
		ptpTimestamp(c, t, p, 34, hfPTPSdrOrigintimestampSeconds, hfPTPSdrOrigintimestampNanoseconds)
	case 8:
		ptpTimestamp(c, t, p, 34, hfPTPFuPreciseorigintimestampSeconds, hfPTPFuPreciseorigintimestampNanoseconds)
	case 9:
		ptpTimestamp(c, t, p, 34, hfPTPDrReceivetimestampSeconds, hfPTPDrReceivetimestampNanoseconds)
		c.AddUint(p, hfPTPDrRequestingsourceportidentity, t, 44, 8)
		c.AddUint(p, hfPTPDrRequestingsourceportid, t, 52, 2)
	case 2:
		ptpTimestamp(c, t, p, 34, hfPTPPdrqOrigintimestampSeconds, hfPTPPdrqOrigintimestampNanoseconds)
	case 3:
		ptpTimestamp(c, t, p, 34, hfPTPPdrsRequestreceipttimestampSeconds, hfPTPPdrsRequestreceipttimestampNanoseconds)
		c.AddUint(p, hfPTPPdrsRequestingportidentity, t, 44, 8)
		c.AddUint(p, hfPTPPdrsRequestingsourceportid, t, 52, 2)
	case 10:
		ptpTimestamp(c, t, p, 34, hfPTPPdfuResponseorigintimestampSeconds, hfPTPPdfuResponseorigintimestampNanoseconds)
		c.AddUint(p, hfPTPPdfuRequestingportidentity, t, 44, 8)
		c.AddUint(p, hfPTPPdfuRequestingsourceportid, t, 52, 2)
	case 11:
		ptpTimestamp(c, t, p, 34, hfPTPAnOrigintimestampSeconds, hfPTPAnOrigintimestampNanoseconds)
		c.AddUint(p, hfPTPAnOrigincurrentutcoffset, t, 44, 2)
		c.AddUint(p, hfPTPAnPriority1, t, 47, 1)
		c.AddUint(p, hfPTPAnGrandmasterclockclass, t, 48, 1)
		c.AddUint(p, hfPTPAnGrandmasterclockaccuracy, t, 49, 1)
		c.AddUint(p, hfPTPAnGrandmasterclockvariance, t, 50, 2)
		c.AddUint(p, hfPTPAnPriority2, t, 52, 1)
		ptpClockIdentity(c, t, p, 53, hfPTPAnGrandmasterclockidentity, false)
		c.AddUint(p, hfPTPAnLocalstepsremoved, t, 61, 2)
		c.AddUint(p, hfPTPTimesource, t, 63, 1)
	case 13:
		ptpManagement(c, t, p)
	}
}

// ptpTimestamp adds a 48-bit seconds and 32-bit nanoseconds timestamp at o.
func ptpTimestamp(c *Ctx, t Tvb, p int32, o int, hfSec, hfNs field.ID) {
	c.AddUint(p, hfSec, t, o, 6)
	c.AddUint(p, hfNs, t, o+6, 4)
}

// ptpClockIdentity adds an 8-byte clock identity; the header's, when built from a MAC address
// (ff:fe in the middle), names the vendor's OUI under it.
func ptpClockIdentity(c *Ctx, t Tvb, p int32, o int, hf field.ID, vendor bool) {
	n, _ := c.AddUint(p, hf, t, o, 8)
	if vendor && t.U16(o+3) == 0xfffe {
		m := c.AddBytes(n, hfPTPClockidentityManuf, t, o, 3)
		c.Label(m, "MAC Vendor: %s", field.AppendHexSep(nil, t.Bytes(o, 3), ':'))
	}
}

// ptpCorrection adds a correction-style time interval (nanoseconds scaled by 2^16) at o as a text
// item with its nanoseconds and sub-nanoseconds.
func ptpCorrection(c *Ctx, t Tvb, p int32, o int, hfNs, hfSub field.ID, name, nsLabel, subLabel string) {
	v := int64(t.U64(o))
	ns := v >> 16
	sub := float64(v&0xffff) / 65536
	it := c.AddText(p, t, o, 8, name+": "+strconv.FormatFloat(float64(ns)+sub, 'f', 6, 64)+" nanoseconds")
	nn := c.AddUintV(it, hfNs, t, o, 6, uint64(ns))
	c.Label(nn, "%s: %d nanoseconds", nsLabel, ns)
	sn := c.Add(it, hfSub, t, o+6, 2, field.Value{F: sub})
	c.Label(sn, "%s: %s", subLabel, strconv.FormatFloat(sub, 'g', -1, 64))
}

func ptpManagement(c *Ctx, t Tvb, p int32) {
	c.AddUint(p, hfPTPMmTargetportidentity, t, 34, 8)
	c.AddUint(p, hfPTPMmTargetportid, t, 42, 2)
	c.AddUint(p, hfPTPMmStartingboundaryhops, t, 44, 1)
	c.AddUint(p, hfPTPMmBoundaryhops, t, 45, 1)
	_, action := c.AddUint(p, hfPTPMmAction, t, 46, 1)
	c.AddUint(p, hfPTPMmTlvType, t, 48, 2)
	_, l := c.AddUint(p, hfPTPMmLengthField, t, 50, 2)
	_, id := c.AddUint(p, hfPTPMmManagementId, t, 52, 2)
	if c.Cols.On {
		c.SetInfo("Management (" + ptpManagementName(id) + ") " + valueName(hfPTPMmAction, action))
	}
	if l > 2 {
		c.AddBytes(p, hfPTPMmData, t, 54, int(l)-2)
	}
}

// ptpManagementName is the Info column's readable name of a management ID, made from the ID's
// name the way tshark's table spells it ("CURRENT_DATA_SET" is "Current dataset").
func ptpManagementName(id uint64) string {
	if s, ok := ptpManagementExceptions[id]; ok {
		return s
	}
	n, ok := Fields.Get(hfPTPMmManagementId).Strings[id]
	if !ok {
		return "Unknown management Id " + itoa(id)
	}
	b := []byte(strings.ReplaceAll(strings.ToLower(n), "_data_set", " dataset"))
	for i := range b {
		if b[i] == '_' {
			b[i] = ' '
		}
	}
	if len(b) > 0 {
		b[0] -= 'a' - 'A'
	}
	return string(b)
}

var ptpManagementExceptions = map[uint64]string{0x2005: "Priority 1", 0x2006: "Priority 2", 0x4000: "Transparent clock default dataset",
	0x4001: "Transparent clock port dataset", 0x2011: "UTC properties", 0x6001: "Log min pdelay req. interval"}
