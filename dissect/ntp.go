package dissect

import (
	"math"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// NTP (RFC 5905) on UDP port 123: the standard modes in full, the private mode's header.

var (
	protoNTP         = Fields.Protocol("ntp", "Network Time Protocol")
	hfNTPFlags       = Fields.Add(protoNTP, "ntp.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfNTPFlagsLI     = Fields.Add(protoNTP, "ntp.flags.li", "Leap Indicator", field.Uint8, field.WithMask(0xc0), field.WithStrings(ntpLINames))
	hfNTPFlagsVN     = Fields.Add(protoNTP, "ntp.flags.vn", "Version number", field.Uint8, field.WithMask(0x38), field.WithStrings(ntpVersionNames))
	hfNTPFlagsMode   = Fields.Add(protoNTP, "ntp.flags.mode", "Mode", field.Uint8, field.WithMask(0x07), field.WithStrings(ntpModeNames))
	hfNTPStratum     = Fields.Add(protoNTP, "ntp.stratum", "Peer Clock Stratum", field.Uint8, field.WithRanges(ntpStratumRanges))
	hfNTPPPoll       = Fields.Add(protoNTP, "ntp.ppoll", "Peer Polling Interval", field.Uint8)
	hfNTPPrecision   = Fields.Add(protoNTP, "ntp.precision", "Peer Clock Precision", field.Uint8)
	hfNTPRootDelay   = Fields.Add(protoNTP, "ntp.rootdelay", "Root Delay", field.Uint32)
	hfNTPRootDisp    = Fields.Add(protoNTP, "ntp.rootdispersion", "Root Dispersion", field.Uint32)
	hfNTPRefID       = Fields.Add(protoNTP, "ntp.refid", "Reference ID", field.Bytes)
	hfNTPRefTime     = Fields.Add(protoNTP, "ntp.reftime", "Reference Timestamp", field.AbsTime, field.WithBase(field.TimeNTP))
	hfNTPOrg         = Fields.Add(protoNTP, "ntp.org", "Origin Timestamp", field.AbsTime, field.WithBase(field.TimeNTP))
	hfNTPRec         = Fields.Add(protoNTP, "ntp.rec", "Receive Timestamp", field.AbsTime, field.WithBase(field.TimeNTP))
	hfNTPXmt         = Fields.Add(protoNTP, "ntp.xmt", "Transmit Timestamp", field.AbsTime, field.WithBase(field.TimeNTP))
	hfNTPKeyID       = Fields.Add(protoNTP, "ntp.keyid", "Key ID", field.Bytes)
	hfNTPMAC         = Fields.Add(protoNTP, "ntp.mac", "Message Authentication Code", field.Bytes)
	hfNTPExt         = Fields.Add(protoNTP, "ntp.ext", "Extension", field.None)
	hfNTPExtType     = Fields.Add(protoNTP, "ntp.ext.type", "Field Type", field.Uint16, field.WithBase(field.Hex))
	hfNTPExtLen      = Fields.Add(protoNTP, "ntp.ext.length", "Length", field.Uint16)
	hfNTPExtValue    = Fields.Add(protoNTP, "ntp.ext.value", "Value", field.Bytes)
	hfNTPPrivR       = Fields.Add(protoNTP, "ntp.priv.flags.r", "Response bit", field.Uint8, field.WithMask(0x80), field.WithStrings(ntpRNames))
	hfNTPPrivMore    = Fields.Add(protoNTP, "ntp.priv.flags.more", "More bit", field.Uint8, field.WithMask(0x40))
	hfNTPPrivAuthSeq = Fields.Add(protoNTP, "ntp.priv.auth_seq", "Auth, sequence", field.Uint8)
	hfNTPPrivAuth    = Fields.Add(protoNTP, "ntp.priv.auth", "Auth bit", field.Uint8, field.WithMask(0x80))
	hfNTPPrivSeq     = Fields.Add(protoNTP, "ntp.priv.seq", "Sequence number", field.Uint8, field.WithMask(0x7f))
	hfNTPPrivImpl    = Fields.Add(protoNTP, "ntp.priv.impl", "Implementation", field.Uint8, field.WithStrings(ntpImplNames))
	hfNTPPrivReqCode = Fields.Add(protoNTP, "ntp.priv.reqcode", "Request code", field.Uint8, field.WithStrings(ntpReqCodeNames))
	hfNTPPrivErr     = Fields.Add(protoNTP, "ntp.priv.err", "Err", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf0), field.WithStrings(ntpErrNames))
	hfNTPPrivNItems  = Fields.Add(protoNTP, "ntp.priv.numitems", "Number of data items", field.Uint16, field.WithMask(0x0fff))
	hfNTPPrivRes     = Fields.Add(protoNTP, "ntp.priv.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf0))
	hfNTPPrivISize   = Fields.Add(protoNTP, "ntp.priv.itemsize", "Size of data item", field.Uint16, field.WithMask(0x0fff))

	handleNTP = &Handle{Name: "ntp", Fn: dissectNTP}
)

var ntpStratumRanges = []field.Range{
	{Lo: 0, Hi: 0, Name: "unspecified or invalid"},
	{Lo: 1, Hi: 1, Name: "primary reference"},
	{Lo: 2, Hi: 15, Name: "secondary reference"},
	{Lo: 16, Hi: 16, Name: "unsynchronized"},
	{Lo: 17, Hi: 255, Name: "reserved"},
}

// ntpInfoModes names the modes in the Info column and the protocol item.
var ntpInfoModes = [8]string{"reserved", "symmetric active", "symmetric passive", "client", "server", "broadcast", "control", "private"}

// ntpRefSources names stratum 0 and 1 reference identifiers.
var ntpRefSources = map[string]string{
	"GOES": "Geostationary Orbit Environment Satellite", "GPS\x00": "Global Position System",
	"GAL\x00": "Galileo Positioning System", "PPS\x00": "Generic pulse-per-second",
	"IRIG": "Inter-Range Instrumentation Group", "WWVB": "LF Radio WWVB Ft. Collins, CO 60 kHz",
	"DCF\x00": "LF Radio DCF77 Mainflingen, DE 77.5 kHz", "HBG\x00": "LF Radio HBG Prangins, HB 75 kHz",
	"MSF\x00": "LF Radio MSF Anthorn, UK 60 kHz", "JJY\x00": "LF Radio JJY Fukushima, JP 40 kHz, Saga, JP 60 kHz",
	"LORC": "MF Radio LORAN C station, 100 kHz", "TDF\x00": "MF Radio Allouis, FR 162 kHz",
	"CHU\x00": "HF Radio CHU Ottawa, Ontario", "WWV\x00": "HF Radio WWV Ft. Collins, CO",
	"WWVH": "HF Radio WWVH Kauai, HI", "NIST": "NIST telephone modem", "ACTS": "NIST telephone modem",
	"USNO": "USNO telephone modem", "PTB\x00": "European telephone modem",
	"LOCL": "uncalibrated local clock", "CESM": "calibrated Cesium clock", "RBDM": "calibrated Rubidium clock",
	"OMEG": "OMEGA radionavigation system", "DCN\x00": "DCN routing protocol", "TSP\x00": "TSP time protocol",
	"DTS\x00": "Digital Time Service", "ATOM": "Atomic clock (calibrated)", "VLF\x00": "VLF radio (OMEGA,, etc.)",
	"1PPS": "External 1 PPS input", "FREE": "(Internal clock)", "INIT": "(Initialization)",
	"\x00\x00\x00\x00": "NULL",
}

func init() {
	RegisterShortName(protoNTP, "NTP")
	UDPPort.Add(123, handleNTP)
	TCPPort.Add(123, handleNTP)
}

// NTPTime converts a 64-bit NTP timestamp to nanoseconds since the Unix epoch the way Wireshark
// does (ENC_TIME_NTP): values with the top bit clear are in era 1 (after 2036), zero stays zero.
func NTPTime(secs, frac uint32) int64 {
	if secs == 0 && frac == 0 {
		return 0
	}
	var s int64
	if secs&0x80000000 != 0 {
		s = int64(secs) - 2208988800
	} else {
		s = int64(secs) + 2085978496
	}
	ns := int64(1e9 * (float64(frac) / 4294967296.0))
	return s*1e9 + ns
}

func dissectNTP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("NTP")
	flags := t.U8(0)
	vn := uint64(flags>>3) & 7
	mode := flags & 7
	vname := ntpVersionNames[vn]
	c.ClearInfo()
	if c.Cols.On {
		c.AppendInfo(vname + ", " + ntpInfoModes[mode])
	}
	p := c.AddProto(parent, protoNTP, t, 0, -1)
	c.Label(p, "Network Time Protocol (%s, %s)", vname, ntpInfoModes[mode])
	switch mode {
	case 7:
		dissectNTPPriv(c, t, p)
	default:
		dissectNTPStd(c, t, p)
	}
}

func dissectNTPStd(c *Ctx, t Tvb, p int32) {
	flags := t.U8(0)
	fl, _ := c.AddUint(p, hfNTPFlags, t, 0, 1)
	if c.Visible() {
		c.T.SetLabel(fl, "Flags: 0x"+hex2(flags)+", Leap Indicator: "+ntpLINames[uint64(flags>>6)]+
			", Version number: "+ntpVersionNames[uint64(flags>>3&7)]+", Mode: "+ntpModeNames[uint64(flags&7)])
	}
	c.AddUint(fl, hfNTPFlagsLI, t, 0, 1)
	c.AddUint(fl, hfNTPFlagsVN, t, 0, 1)
	c.AddUint(fl, hfNTPFlagsMode, t, 0, 1)

	stratum := t.U8(1)
	c.AddUint(p, hfNTPStratum, t, 1, 1)
	pp, ppoll := c.AddUint(p, hfNTPPPoll, t, 2, 1)
	if ppoll >= 4 && ppoll <= 17 {
		c.Label(pp, "Peer Polling Interval: %d (%d seconds)", ppoll, 1<<ppoll)
	} else {
		c.Label(pp, "Peer Polling Interval: invalid (%d)", ppoll)
	}
	pr, _ := c.AddUint(p, hfNTPPrecision, t, 3, 1)
	c.Label(pr, "Peer Clock Precision: %8.6f seconds", math.Pow(2, float64(int8(t.U8(3)))))
	rd, _ := c.AddUint(p, hfNTPRootDelay, t, 4, 4)
	c.Label(rd, "Root Delay: %8.6f seconds", float64(int16(t.U16(4)))+float64(t.U16(6))/65536.0)
	rs, _ := c.AddUint(p, hfNTPRootDisp, t, 8, 4)
	c.Label(rs, "Root Dispersion: %8.6f seconds", float64(int16(t.U16(8)))+float64(t.U16(10))/65536.0)
	ref := c.AddBytes(p, hfNTPRefID, t, 12, 4)
	if c.Visible() {
		id := t.Bytes(12, 4)
		var s string
		if stratum <= 1 {
			if n, ok := ntpRefSources[string(id)]; ok {
				s = n
			} else {
				raw := id
				for i, b := range raw {
					if b == 0 {
						raw = raw[:i]
						break
					}
				}
				s = "Unidentified reference source '" + string(field.AppendEscaped(nil, raw)) + "'"
			}
		} else {
			s = string(field.AppendAddr(nil, id))
		}
		c.T.SetLabel(ref, "Reference ID: "+s)
	}
	for i, hf := range []field.ID{hfNTPRefTime, hfNTPOrg, hfNTPRec, hfNTPXmt} {
		o := 16 + 8*i
		secs, frac := t.U32(o), t.U32(o+4)
		n := c.Add(p, hf, t, o, 8, field.Value{I: NTPTime(secs, frac)})
		if secs == 0 && frac == 0 {
			c.Label(n, "%s: NULL", Fields.Get(hf).Name)
		}
	}
	o := 48
	// Extension fields (NTPv4) come before the MAC; what is left once no more than a MAC fits is
	// the key identifier and digest.
	for t.Len()-o > 24 {
		ty := t.U16(o)
		l := int(t.U16(o + 2))
		if l < 4 {
			break
		}
		e := c.AddProto(p, hfNTPExt, t, o, l)
		c.AddUint(e, hfNTPExtType, t, o, 2)
		c.AddUint(e, hfNTPExtLen, t, o+2, 2)
		c.AddBytes(e, hfNTPExtValue, t, o+4, l-4)
		_ = ty
		o += l
	}
	if t.Len()-o >= 4 {
		c.AddBytes(p, hfNTPKeyID, t, o, 4)
		o += 4
		if n := t.Len() - o; n > 0 {
			c.AddBytes(p, hfNTPMAC, t, o, n)
		}
	}
}

func dissectNTPPriv(c *Ctx, t Tvb, p int32) {
	flags := t.U8(0)
	fl, _ := c.AddUint(p, hfNTPFlags, t, 0, 1)
	if c.Visible() {
		c.T.SetLabel(fl, "Flags: 0x"+hex2(flags)+", Response bit: "+ntpRNames[uint64(flags>>7)]+
			", Version number: "+ntpVersionNames[uint64(flags>>3&7)]+", Mode: "+ntpModeNames[uint64(flags&7)])
	}
	c.AddUint(fl, hfNTPPrivR, t, 0, 1)
	c.AddUint(fl, hfNTPPrivMore, t, 0, 1)
	c.AddUint(fl, hfNTPFlagsVN, t, 0, 1)
	c.AddUint(fl, hfNTPFlagsMode, t, 0, 1)
	as, _ := c.AddUint(p, hfNTPPrivAuthSeq, t, 1, 1)
	c.AddUint(as, hfNTPPrivAuth, t, 1, 1)
	c.AddUint(as, hfNTPPrivSeq, t, 1, 1)
	c.AddUint(p, hfNTPPrivImpl, t, 2, 1)
	_, rc := c.AddUint(p, hfNTPPrivReqCode, t, 3, 1)
	if c.Cols.On {
		c.AppendInfo(", " + ntpRNames[uint64(flags>>7)])
		name, ok := ntpReqCodeNames[rc]
		if !ok {
			name = "Unknown (" + strconv.FormatUint(rc, 10) + ")"
		}
		c.AppendInfo(", " + name)
	}
	c.AddUint(p, hfNTPPrivErr, t, 4, 1)
	c.AddUint(p, hfNTPPrivNItems, t, 4, 2)
	c.AddUint(p, hfNTPPrivRes, t, 6, 1)
	c.AddUint(p, hfNTPPrivISize, t, 6, 2)
}

var ntpLINames = map[uint64]string{
	0: "no warning",
	1: "last minute of the day has 61 seconds",
	2: "last minute of the day has 59 seconds",
	3: "unknown (clock unsynchronized)",
}
var ntpVersionNames = map[uint64]string{
	0: "reserved",
	1: "NTP Version 1",
	2: "NTP Version 2",
	3: "NTP Version 3",
	4: "NTP Version 4",
	5: "reserved",
	6: "reserved",
	7: "reserved",
}
var ntpModeNames = map[uint64]string{
	0: "reserved",
	1: "symmetric active",
	2: "symmetric passive",
	3: "client",
	4: "server",
	5: "broadcast",
	6: "reserved for NTP control message",
	7: "reserved for private use",
}
var ntpRNames = map[uint64]string{
	0: "Request",
	1: "Response",
}
var ntpImplNames = map[uint64]string{
	0: "UNIV",
	2: "XNTPD_OLD (pre-IPv6)",
	3: "XNTPD",
}
var ntpReqCodeNames = map[uint64]string{
	0:  "PEER_LIST",
	1:  "PEER_LIST_SUM",
	2:  "PEER_INFO",
	3:  "PEER_STATS",
	4:  "SYS_INFO",
	5:  "SYS_STATS",
	6:  "IO_STATS",
	7:  "MEM_STATS",
	8:  "LOOP_INFO",
	9:  "TIMER_STATS",
	10: "CONFIG",
	11: "UNCONFIG",
	12: "SET_SYS_FLAG",
	13: "CLR_SYS_FLAG",
	14: "MONITOR",
	15: "NOMONITOR",
	16: "GET_RESTRICT",
	17: "RESADDFLAGS",
	18: "RESSUBFLAGS",
	19: "UNRESTRICT",
	20: "MON_GETLIST",
	21: "RESET_STATS",
	22: "RESET_PEER",
	23: "REREAD_KEYS",
	24: "DO_DIRTY_HACK",
	25: "DONT_DIRTY_HACK",
	26: "TRUSTKEY",
	27: "UNTRUSTKEY",
	28: "AUTHINFO",
	29: "TRAPS",
	30: "ADD_TRAP",
	31: "CLR_TRAP",
	32: "REQUEST_KEY",
	33: "CONTROL_KEY",
	34: "GET_CTLSTATS",
	35: "GET_LEAPINFO",
	36: "GET_CLOCKINFO",
	37: "SET_CLKFUDGE",
	38: "GET_KERNEL",
	39: "GET_CLKBUGINFO",
	41: "SET_PRECISION",
	42: "MON_GETLIST_1",
	43: "HOSTNAME_ASSOCID",
	44: "IF_STATS",
	45: "IF_RELOAD",
}
var ntpErrNames = map[uint64]string{
	0x0: "No error",
	0x1: "incompatible implementation number",
	0x2: "unimplemented request code",
	0x3: "format error",
	0x4: "no data available",
	0x5: "unknown",
	0x6: "unknown",
	0x7: "authentication failure",
}
