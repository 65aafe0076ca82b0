package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// TCP (RFC 9293) as Wireshark 4.0's packet-tcp.c shows it: header fields, options, conversation
// (stream) numbering, relative sequence numbers, window scaling, per-stream timestamps and the
// SEQ/ACK analysis, all computed in the first pass and kept per frame for later re-dissection.

// TCP flag bits (th_flags, 12 bits).
const (
	thFIN = 0x001
	thSYN = 0x002
	thRST = 0x004
	thPSH = 0x008
	thACK = 0x010
	thURG = 0x020
	thECE = 0x040
	thCWR = 0x080
	thAE  = 0x100
	thRES = 0xe00
)

// Conversation completeness bits (tcp.completeness).
const (
	tcpCompSYN    = 0x01
	tcpCompSYNACK = 0x02
	tcpCompACK    = 0x04
	tcpCompData   = 0x08
	tcpCompFIN    = 0x10
	tcpCompRST    = 0x20
)

// SEQ/ACK analysis flags (Wireshark's TCP_A_*).
const (
	tcpARetransmission     = 0x0001
	tcpALostPacket         = 0x0002
	tcpAAckLostPacket      = 0x0004
	tcpAKeepAlive          = 0x0008
	tcpADuplicateAck       = 0x0010
	tcpAZeroWindow         = 0x0020
	tcpAZeroWindowProbe    = 0x0040
	tcpAZeroWindowProbeAck = 0x0080
	tcpAKeepAliveAck       = 0x0100
	tcpAOutOfOrder         = 0x0200
	tcpAFastRetransmission = 0x0400
	tcpAWindowUpdate       = 0x0800
	tcpAWindowFull         = 0x1000
	tcpAReusedPorts        = 0x2000
	tcpASpuriousRetrans    = 0x4000
)

// tcpMaxUnacked bounds the per-direction list of unacknowledged segments (TCP_MAX_UNACKED_SEGMENTS).
const tcpMaxUnacked = 10000

var tcpOptionKinds = map[uint64]string{
	0: "End of Option List", 1: "No-Operation", 2: "Maximum Segment Size", 3: "Window Scale",
	4: "SACK Permitted", 5: "SACK", 6: "Echo", 7: "Echo Reply", 8: "Time Stamp Option",
	9: "Partial Order Connection Permitted", 10: "Partial Order Service Profile", 11: "CC",
	12: "CC.NEW", 13: "CC.ECHO", 14: "TCP Alternate Checksum Request", 15: "TCP Alternate Checksum Data",
	16: "Skeeter", 17: "Bubba", 18: "Trailer Checksum Option", 19: "MD5 Signature Option",
	20: "SCPS Capabilities", 21: "Selective Negative Acknowledgements", 22: "Record Boundaries",
	23: "Corruption experienced", 24: "SNAP", 25: "Unassigned", 26: "TCP Compression Filter",
	27: "Quick-Start Response", 28: "User Timeout Option", 29: "The TCP Authentication Option",
	30: "Multipath TCP", 34: "TCP Fast Open Cookie", 76: "Riverbed Probe", 78: "Riverbed Transparency",
	172: "Accurate ECN Order 0", 174: "Accurate ECN Order 1", 253: "RFC3692-style Experiment 1",
	254: "RFC3692-style Experiment 2",
}

// checksumStatus names the values of the *.checksum.status fields.
var checksumStatus = map[uint64]string{0: "Bad", 1: "Good", 2: "Unverified", 3: "Not present", 4: "Illegal"}

// Checksum status values.
const (
	ckBad        = 0
	ckGood       = 1
	ckUnverified = 2
	ckNotPresent = 3
)

func tcpFlagField(abbrev, name string, mask uint64) field.ID {
	return Fields.Add(protoTCP, abbrev, name, field.Bool, field.WithBase(12), field.WithMask(mask),
		field.WithTrueFalse("Set", "Not set"))
}

var (
	protoTCP       = Fields.Protocol("tcp", "Transmission Control Protocol")
	hfTCPSrcPort   = Fields.Add(protoTCP, "tcp.srcport", "Source Port", field.Uint16)
	hfTCPDstPort   = Fields.Add(protoTCP, "tcp.dstport", "Destination Port", field.Uint16)
	hfTCPPort      = Fields.Add(protoTCP, "tcp.port", "Source or Destination Port", field.Uint16)
	hfTCPStream    = Fields.Add(protoTCP, "tcp.stream", "Stream index", field.Uint32)
	hfTCPComplete  = Fields.Add(protoTCP, "tcp.completeness", "Conversation completeness", field.Uint8, field.WithBlurb("The completeness of the conversation capture"))
	hfTCPLen       = Fields.Add(protoTCP, "tcp.len", "TCP Segment Len", field.Uint32)
	hfTCPSeq       = Fields.Add(protoTCP, "tcp.seq", "Sequence Number", field.Uint32)
	hfTCPSeqRaw    = Fields.Add(protoTCP, "tcp.seq_raw", "Sequence Number (raw)", field.Uint32)
	hfTCPNxtSeq    = Fields.Add(protoTCP, "tcp.nxtseq", "Next Sequence Number", field.Uint32)
	hfTCPAck       = Fields.Add(protoTCP, "tcp.ack", "Acknowledgment Number", field.Uint32)
	hfTCPAckRaw    = Fields.Add(protoTCP, "tcp.ack_raw", "Acknowledgment number (raw)", field.Uint32)
	hfTCPHdrLen    = Fields.Add(protoTCP, "tcp.hdr_len", "Header Length", field.Uint8)
	hfTCPFlags     = Fields.Add(protoTCP, "tcp.flags", "Flags", field.Uint16, field.WithBase(field.Hex), field.WithMask(0xfff))
	hfTCPFlagsRes  = tcpFlagField("tcp.flags.res", "Reserved", 0xe00)
	hfTCPFlagsAE   = tcpFlagField("tcp.flags.ae", "Accurate ECN", 0x100)
	hfTCPFlagsCWR  = tcpFlagField("tcp.flags.cwr", "Congestion Window Reduced", 0x80)
	hfTCPFlagsECE  = tcpFlagField("tcp.flags.ece", "ECN-Echo", 0x40)
	hfTCPFlagsACE  = Fields.Add(protoTCP, "tcp.flags.ace", "ACE", field.Uint8)
	hfTCPFlagsURG  = tcpFlagField("tcp.flags.urg", "Urgent", 0x20)
	hfTCPFlagsACK  = tcpFlagField("tcp.flags.ack", "Acknowledgment", 0x10)
	hfTCPFlagsPSH  = tcpFlagField("tcp.flags.push", "Push", 0x08)
	hfTCPFlagsRST  = tcpFlagField("tcp.flags.reset", "Reset", 0x04)
	hfTCPFlagsSYN  = tcpFlagField("tcp.flags.syn", "Syn", 0x02)
	hfTCPFlagsFIN  = tcpFlagField("tcp.flags.fin", "Fin", 0x01)
	hfTCPFlagsStr  = Fields.Add(protoTCP, "tcp.flags.str", "TCP Flags", field.String)
	hfTCPWinValue  = Fields.Add(protoTCP, "tcp.window_size_value", "Window", field.Uint16, field.WithBlurb("The window size value from the TCP header"))
	hfTCPWinSize   = Fields.Add(protoTCP, "tcp.window_size", "Calculated window size", field.Uint32, field.WithBlurb("The scaled window size (if scaling has been used)"))
	hfTCPWinScale  = Fields.Add(protoTCP, "tcp.window_size_scalefactor", "Window size scaling factor", field.Int32)
	hfTCPChecksum  = Fields.Add(protoTCP, "tcp.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfTCPCkStatus  = Fields.Add(protoTCP, "tcp.checksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatus))
	hfTCPCkCalc    = Fields.Add(protoTCP, "tcp.checksum_calculated", "Calculated Checksum", field.Uint16, field.WithBase(field.Hex))
	hfTCPUrgent    = Fields.Add(protoTCP, "tcp.urgent_pointer", "Urgent Pointer", field.Uint16)
	hfTCPOptions   = Fields.Add(protoTCP, "tcp.options", "TCP Options", field.Bytes)
	hfTCPOptKind   = Fields.Add(protoTCP, "tcp.option_kind", "Kind", field.Uint8, field.WithStrings(tcpOptionKinds))
	hfTCPOptLen    = Fields.Add(protoTCP, "tcp.option_len", "Length", field.Uint8)
	hfTCPMSSVal    = Fields.Add(protoTCP, "tcp.options.mss_val", "MSS Value", field.Uint16)
	hfTCPWSShift   = Fields.Add(protoTCP, "tcp.options.wscale.shift", "Shift count", field.Uint8)
	hfTCPWSMult    = Fields.Add(protoTCP, "tcp.options.wscale.multiplier", "Multiplier", field.Uint16)
	hfTCPSackLE    = Fields.Add(protoTCP, "tcp.options.sack_le", "TCP SACK Left Edge", field.Uint32)
	hfTCPSackRE    = Fields.Add(protoTCP, "tcp.options.sack_re", "TCP SACK Right Edge", field.Uint32)
	hfTCPSackCount = Fields.Add(protoTCP, "tcp.options.sack.count", "TCP SACK Count", field.Uint8)
	hfTCPTSval     = Fields.Add(protoTCP, "tcp.options.timestamp.tsval", "Timestamp value", field.Uint32)
	hfTCPTSecr     = Fields.Add(protoTCP, "tcp.options.timestamp.tsecr", "Timestamp echo reply", field.Uint32)
	hfTCPUnknownPl = Fields.Add(protoTCP, "tcp.options.unknown.payload", "Payload", field.Bytes)
	hfTCPTimeRel   = Fields.Add(protoTCP, "tcp.time_relative", "Time since first frame in this TCP stream", field.RelTime)
	hfTCPTimeDelta = Fields.Add(protoTCP, "tcp.time_delta", "Time since previous frame in this TCP stream", field.RelTime)
	hfTCPAnalysis  = Fields.Add(protoTCP, "tcp.analysis", "SEQ/ACK analysis", field.None)
	hfTCPAFlags    = Fields.Add(protoTCP, "tcp.analysis.flags", "TCP Analysis Flags", field.None)
	hfTCPADupAck   = Fields.Add(protoTCP, "tcp.analysis.duplicate_ack", "Duplicate ACK", field.None)
	hfTCPADupNum   = Fields.Add(protoTCP, "tcp.analysis.duplicate_ack_num", "Duplicate ACK #", field.Uint32)
	hfTCPADupFrame = Fields.Add(protoTCP, "tcp.analysis.duplicate_ack_frame", "Duplicate to the ACK in frame", field.FrameNum)
	hfTCPAAcks     = Fields.Add(protoTCP, "tcp.analysis.acks_frame", "This is an ACK to the segment in frame", field.FrameNum)
	hfTCPABIF      = Fields.Add(protoTCP, "tcp.analysis.bytes_in_flight", "Bytes in flight", field.Uint32)
	hfTCPAPush     = Fields.Add(protoTCP, "tcp.analysis.push_bytes_sent", "Bytes sent since last PSH flag", field.Uint32)
	hfTCPARTT      = Fields.Add(protoTCP, "tcp.analysis.ack_rtt", "The RTT to ACK the segment was", field.RelTime)
	hfTCPAIRTT     = Fields.Add(protoTCP, "tcp.analysis.initial_rtt", "iRTT", field.RelTime)
	hfTCPARTO      = Fields.Add(protoTCP, "tcp.analysis.rto", "The RTO for this segment was", field.RelTime)
	hfTCPARTOFrame = Fields.Add(protoTCP, "tcp.analysis.rto_frame", "RTO based on delta from frame", field.FrameNum)
	hfTCPPayload   = Fields.Add(protoTCP, "tcp.payload", "TCP payload", field.Bytes)
	hfTCPResetCse  = Fields.Add(protoTCP, "tcp.reset_cause", "Reset cause", field.String)

	protoTCPOptNOP      = Fields.Protocol("tcp.options.nop", "TCP Option - No-Operation (NOP)")
	protoTCPOptEOL      = Fields.Protocol("tcp.options.eol", "TCP Option - End of Option List (EOL)")
	protoTCPOptTS       = Fields.Protocol("tcp.options.timestamp", "TCP Option - Timestamps")
	protoTCPOptMSS      = Fields.Protocol("tcp.options.mss", "TCP Option - Maximum segment size")
	protoTCPOptTFO      = Fields.Protocol("tcp.options.tfo", "TCP Option - TCP Fast Open")
	protoTCPOptExp      = Fields.Protocol("tcp.options.experimental", "TCP Option - Experimental")
	hfTCPTFORequest     = Fields.Add(protoTCP, "tcp.options.tfo.request", "Fast Open Cookie Request", field.None)
	hfTCPTFOCookie      = Fields.Add(protoTCP, "tcp.options.tfo.cookie", "Fast Open Cookie", field.Bytes)
	hfTCPExpExID        = Fields.Add(protoTCP, "tcp.options.experimental.exid", "Experiment Identifier", field.Uint16, field.WithBase(field.Hex))
	hfTCPExpData        = Fields.Add(protoTCP, "tcp.options.experimental.data", "Data", field.Bytes)
	eiTCPTFOSyn         = RegisterExpert(protoTCP, "tcp.analysis.tfo_syn", "TCP SYN with TFO Cookie", GroupSequence, SevNote)
	protoTCPOptWS       = Fields.Protocol("tcp.options.wscale", "TCP Option - Window scale")
	protoTCPOptSackPerm = Fields.Protocol("tcp.options.sack_perm", "TCP Option - SACK permitted")
	protoTCPOptSack     = Fields.Protocol("tcp.options.sack", "TCP Option - SACK")
	protoTCPOptUnknown  = Fields.Protocol("tcp.options.unknown", "TCP Option - Unknown")

	eiTCPSyn         = RegisterExpert(protoTCP, "tcp.connection.syn", "Connection establish request (SYN)", GroupSequence, SevChat)
	eiTCPSynAck      = RegisterExpert(protoTCP, "tcp.connection.synack", "Connection establish acknowledge (SYN+ACK)", GroupSequence, SevChat)
	eiTCPFin         = RegisterExpert(protoTCP, "tcp.connection.fin", "Connection finish (FIN)", GroupSequence, SevChat)
	eiTCPRst         = RegisterExpert(protoTCP, "tcp.connection.rst", "Connection reset (RST)", GroupSequence, SevWarn)
	eiTCPFinActive   = RegisterExpert(protoTCP, "tcp.connection.fin_active", "This frame initiates the connection closing", GroupSequence, SevNote)
	eiTCPFinPassive  = RegisterExpert(protoTCP, "tcp.connection.fin_passive", "This frame undergoes the connection closing", GroupSequence, SevNote)
	eiTCPAckNonzero  = RegisterExpert(protoTCP, "tcp.ack.nonzero", "The acknowledgment number field is nonzero while the ACK flag is not set", GroupProtocol, SevNote)
	eiTCPUrgNonzero  = RegisterExpert(protoTCP, "tcp.urgent_pointer.non_zero", "The urgent pointer field is nonzero while the URG flag is not set", GroupProtocol, SevNote)
	eiTCPMSSAbsent   = RegisterExpert(protoTCP, "tcp.options.mss.absent", "The SYN packet does not contain a MSS option", GroupProtocol, SevNote)
	eiTCPNop         = RegisterExpert(protoTCP, "tcp.nop", "4 NOP in a row - a router may have removed some options", GroupProtocol, SevWarn)
	eiTCPOptLenBad   = RegisterExpert(protoTCP, "tcp.option.len.invalid", "Invalid length for option", GroupProtocol, SevError)
	eiTCPWSInvalid   = RegisterExpert(protoTCP, "tcp.options.wscale.shift.invalid", "Window scale shift exceeds 14", GroupProtocol, SevWarn)
	eiTCPShortSeg    = RegisterExpert(protoTCP, "tcp.short_segment", "Short segment", GroupMalformed, SevWarn)
	eiTCPBogusHdrLen = RegisterExpert(protoTCP, "tcp.bogus_header_length", "Bogus TCP Header length", GroupProtocol, SevError)

	eiTCPARetrans     = RegisterExpert(protoTCP, "tcp.analysis.retransmission", "This frame is a (suspected) retransmission", GroupSequence, SevNote)
	eiTCPAFastRetrans = RegisterExpert(protoTCP, "tcp.analysis.fast_retransmission", "This frame is a (suspected) fast retransmission", GroupSequence, SevNote)
	eiTCPASpurious    = RegisterExpert(protoTCP, "tcp.analysis.spurious_retransmission", "This frame is a (suspected) spurious retransmission", GroupSequence, SevNote)
	eiTCPAOutOfOrder  = RegisterExpert(protoTCP, "tcp.analysis.out_of_order", "This frame is a (suspected) out-of-order segment", GroupSequence, SevWarn)
	eiTCPAReused      = RegisterExpert(protoTCP, "tcp.analysis.reused_ports", "A new tcp session is started with the same ports as an earlier session in this trace", GroupSequence, SevNote)
	eiTCPALost        = RegisterExpert(protoTCP, "tcp.analysis.lost_segment", "Previous segment(s) not captured (common at capture start)", GroupSequence, SevWarn)
	eiTCPAAckLost     = RegisterExpert(protoTCP, "tcp.analysis.ack_lost_segment", "ACKed segment that wasn't captured (common at capture start)", GroupSequence, SevWarn)
	eiTCPAWinUpdate   = RegisterExpert(protoTCP, "tcp.analysis.window_update", "TCP window update", GroupSequence, SevChat)
	eiTCPAWinFull     = RegisterExpert(protoTCP, "tcp.analysis.window_full", "TCP window specified by the receiver is now completely full", GroupSequence, SevWarn)
	eiTCPAKeepAlive   = RegisterExpert(protoTCP, "tcp.analysis.keep_alive", "TCP keep-alive segment", GroupSequence, SevNote)
	eiTCPAKeepAck     = RegisterExpert(protoTCP, "tcp.analysis.keep_alive_ack", "ACK to a TCP keep-alive segment", GroupSequence, SevNote)
	eiTCPADupAck      = RegisterExpert(protoTCP, "tcp.analysis.duplicate_ack_expert", "Duplicate ACK", GroupSequence, SevNote)
	eiTCPAZWProbe     = RegisterExpert(protoTCP, "tcp.analysis.zero_window_probe", "TCP Zero Window Probe", GroupSequence, SevNote)
	eiTCPAZeroWin     = RegisterExpert(protoTCP, "tcp.analysis.zero_window", "TCP Zero Window segment", GroupSequence, SevWarn)
	eiTCPAZWProbeAck  = RegisterExpert(protoTCP, "tcp.analysis.zero_window_probe_ack", "ACK to a TCP Zero Window Probe", GroupSequence, SevNote)

	handleTCP = &Handle{Name: "tcp", Fn: dissectTCP}
)

func init() {
	RegisterShortName(protoTCP, "TCP")
	for id, s := range map[field.ID]string{
		protoTCPOptNOP: "No-Operation (NOP)", protoTCPOptEOL: "End of Option List (EOL)",
		protoTCPOptTS: "Timestamps", protoTCPOptMSS: "Maximum segment size", protoTCPOptWS: "Window scale",
		protoTCPOptSackPerm: "SACK permitted", protoTCPOptSack: "SACK", protoTCPOptUnknown: "Unknown",
	} {
		RegisterShortName(id, s)
	}
	// Wireshark registers the duplicate-ACK expert under the same name as the field; ours must be
	// distinct in the registry, so the expert points at the field itself.
	eiTCPADupAck.Field = hfTCPADupAck
	IPProto.Add(6, handleTCP)
}

// ---- conversation state ----

// convKey identifies a transport conversation independent of direction: the lower (address, port)
// endpoint first.
type convKey struct {
	a, b   [16]byte
	pa, pb uint16
	alen   uint8
}

// makeConvKey builds the key for src→dst and reports the direction (Wireshark's cmp_address, ports
// when the addresses are equal): true when src sorts at or after dst ("flow1" is src→dst).
func makeConvKey(src, dst []byte, sport, dport uint16) (convKey, bool) {
	var k convKey
	k.alen = uint8(len(src))
	d := cmpBytes(src, dst)
	if d == 0 {
		if sport > dport {
			d = 1
		} else {
			d = -1
		}
	}
	// Normalise so that the key is the same in both directions.
	if d >= 0 {
		copy(k.a[:], src)
		copy(k.b[:], dst)
		k.pa, k.pb = sport, dport
	} else {
		copy(k.a[:], dst)
		copy(k.b[:], src)
		k.pa, k.pb = dport, sport
	}
	return k, d >= 0
}

func cmpBytes(a, b []byte) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// tcpUnacked is a segment sent but not yet acknowledged.
type tcpUnacked struct {
	frame        uint32
	seq, nextseq uint32
	ts           int64
}

// tcpFlow is one direction of a TCP conversation.
type tcpFlow struct {
	base             uint32
	static           uint8 // 1 base set, 2 saw SYN, 4 saw SYN+ACK
	winScale         int8  // -1 unknown, -2 no scaling, else the shift
	window           uint32
	nextseq          uint32
	nextseqFrame     uint32
	nextseqTime      int64
	maxSeqToBeAcked  uint32
	lastack          uint32
	lastackTime      int64
	lastNonDupAck    uint32
	dupAckNum        int32
	lastSegFlags     uint16
	validBIF         bool
	pushSetLast      bool
	closingInitiator bool
	isFirstAck       bool
	pushBytes        uint32
	segments         []tcpUnacked // oldest first
	msp              *tcpMSP      // the application PDU being reassembled (reassembly.go)
	sack             [4][2]uint32
	nsack            int
}

// tcpConv is a TCP conversation: one tcp.stream.
type tcpConv struct {
	app          any // an application's state for the connection (Ctx.ConvApp)
	stream       uint32
	flow1, flow2 tcpFlow
	completeness uint8
	serverPort   uint16
	tsFirst      int64
	tsPrev       int64
	tsMruSyn     int64
	firstRTT     int64
}

// tcpAcked is the SEQ/ACK analysis of one segment (Wireshark's struct tcp_acked).
type tcpAcked struct {
	rtt           int64
	frameAcked    uint32
	bytesInFlight uint32
	pushBytesSent uint32
	flags         uint16
}

// tcpAckedRare is the part of a segment's analysis that only retransmissions and duplicate ACKs
// have, kept aside (tcpState.rare) so that the common record stays small.
type tcpAckedRare struct {
	rto         int64
	rtoFrame    uint32
	dupAckNum   uint32
	dupAckFrame uint32
}

// tcpFrame is what the first pass learned about a TCP segment, kept for re-dissection.
type tcpFrame struct { // 32 bytes: keep the int64 first
	delta            int64 // tcp.time_delta
	stream           uint32
	fwdBase, revBase uint32
	ta               int32 // index into tcpState.acked, -1 when there is no analysis
	winScale         int8  // the sender's scale when the segment was seen
	bits             uint8 // tcpFBFinActive, tcpFBFinPassive, tcpFBValid
	completeness     uint8
	off              uint16 // offset of the TCP header in the frame
}

const (
	tcpFBValid = 1 << iota
	tcpFBFinActive
	tcpFBFinPassive
)

// tcpState is the per-capture TCP state: conversations by address/port pair, streams in order, and
// per-frame results, keyed by frame number and the TCP header's offset (a tunnel or an ICMP error
// puts a second TCP header in a frame).
type tcpState struct {
	convs   map[convKey]*tcpConv
	streams []*tcpConv
	frames  frameRecs[tcpFrame]
	acked   ackedList
	rare    map[int32]tcpAckedRare // by index into acked
	// ackedFrame is the frame acked holds the records of, in a one-pass run (newAcked)
	ackedFrame uint32
	deseg      map[uint64]*tcpDeseg // reassembly results by frame<<32|TCP header offset (reassembly.go)
}

var tcpSlot = newStateSlot(func() any {
	return &tcpState{convs: map[convKey]*tcpConv{}, deseg: map[uint64]*tcpDeseg{}, rare: map[int32]tcpAckedRare{}}
})

func (st *tcpState) newConv(ts int64) *tcpConv {
	cv := &tcpConv{stream: uint32(len(st.streams)), tsFirst: ts, tsPrev: ts}
	for _, f := range []*tcpFlow{&cv.flow1, &cv.flow2} {
		f.winScale = -1
		f.window = ^uint32(0)
		f.validBIF = true
	}
	st.streams = append(st.streams, cv)
	return cv
}

// frameRec returns the record of the TCP header at offset off of frame num.
func (st *tcpState) frameRec(num uint32, off int) (tcpFrame, bool) { return st.frames.get(num, off) }

func (st *tcpState) setFrameRec(num uint32, off int, r tcpFrame) {
	r.bits |= tcpFBValid
	r.off = uint16(off)
	st.frames.put(num, off, r)
}

// ---- helpers ----

func seqGT(a, b uint32) bool { return int32(a-b) > 0 }
func seqLT(a, b uint32) bool { return int32(a-b) < 0 }
func seqLE(a, b uint32) bool { return int32(a-b) <= 0 }

// appendInfoUint appends " name=value" to Info (tcp_info_append_uint).
func (c *Ctx) appendInfoNameUint(name string, v uint64) {
	if c.Cols.On && !c.Cols.readonly {
		c.Cols.Info = append(c.Cols.Info, ' ')
		c.Cols.Info = append(c.Cols.Info, name...)
		c.Cols.Info = append(c.Cols.Info, '=')
		c.Cols.Info = strconv.AppendUint(c.Cols.Info, v, 10)
	}
}

// appendInfoPorts appends "sport → dport" of TCP (6) or UDP (17) ports, named when transport
// names are on (col_append_ports).
func (c *Ctx) appendInfoPorts(proto uint8, sport, dport uint16) {
	if c.Cols.On && !c.Cols.readonly {
		if len(c.Cols.Info) > c.Cols.fence {
			c.Cols.Info = append(c.Cols.Info, ' ')
		}
		c.Cols.Info = c.appendInfoPort(c.Cols.Info, proto, uint32(sport))
		c.Cols.Info = append(c.Cols.Info, " → "...)
		c.Cols.Info = c.appendInfoPort(c.Cols.Info, proto, uint32(dport))
	}
}

// prependInfoFence puts s before the Info text and fences it (col_prepend_fence_fstr).
func (c *Ctx) prependInfoFence(s string) {
	if c.Cols.On && !c.Cols.readonly {
		old := c.Cols.Info
		nb := make([]byte, 0, len(s)+len(old))
		nb = append(nb, s...)
		nb = append(nb, old...)
		c.Cols.Info = nb
		if c.Cols.fence > 0 {
			c.Cols.fence += len(s)
		} else {
			c.Cols.fence = len(s)
		}
	}
}

func (c *Ctx) generated(n int32) {
	if n > 0 {
		c.T.SetFlags(n, field.Generated)
	}
}

func (c *Ctx) hidden(n int32) {
	if n > 0 {
		c.T.SetFlags(n, field.Hidden)
	}
}

var tcpFlagNames = [9]string{"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"}

// appendTCPFlags appends "SYN, ACK" (tcp_flags_to_str).
func appendTCPFlags(b []byte, flags uint16) []byte {
	start := len(b)
	for i := 0; i < 9; i++ {
		if flags&(1<<i) != 0 {
			if len(b) > start {
				b = append(b, ", "...)
			}
			b = append(b, tcpFlagNames[i]...)
		}
	}
	if flags&thRES != 0 {
		if len(b) > start {
			b = append(b, ", "...)
		}
		b = append(b, "Reserved"...)
	}
	if len(b) == start {
		b = append(b, "<None>"...)
	}
	return b
}

// appendTCPFlagLetters appends "··········S·" (tcp_flags_to_str_first_letter).
func appendTCPFlagLetters(b []byte, flags uint16) []byte {
	const letters = "RRRACEUAPRSF"
	for i := 0; i < 12; i++ {
		if flags>>(11-i)&1 != 0 {
			b = append(b, letters[i])
		} else {
			b = append(b, "·"...)
		}
	}
	return b
}

func tcpCompletenessLabel(v uint8) string {
	var s string
	switch v {
	case tcpCompSYN:
		s = "Incomplete, SYN_SENT"
	case tcpCompSYN | tcpCompSYNACK:
		s = "Incomplete, CLIENT_ESTABLISHED"
	case tcpCompSYN | tcpCompSYNACK | tcpCompACK:
		s = "Incomplete, ESTABLISHED"
	case tcpCompSYN | tcpCompSYNACK | tcpCompACK | tcpCompData:
		s = "Incomplete, DATA"
	case 0x1f, 0x2f, 0x3f:
		s = "Complete, WITH_DATA"
	case 0x17, 0x27, 0x37:
		s = "Complete, NO_DATA"
	default:
		s = "Incomplete"
	}
	return s + " (" + strconv.Itoa(int(v)) + ")"
}

// inErrorPacket reports whether we are inside the packet quoted by an ICMP error: the ICMP
// dissectors make the columns read-only while they dissect it.
func (c *Ctx) inErrorPacket() bool { return c.Cols.readonly }

// wantsExpert reports whether an expert info would be kept in the tree, so that callers can skip
// building its message.
func (c *Ctx) wantsExpert(e *Expert) bool {
	w := c.T.Want
	return w == nil || w.Has(e.Field) || w.Has(hfExpert) || w.Has(hfExpertMsg) ||
		w.Has(hfExpertSeverity) || w.Has(hfExpertGroup)
}

// ---- the dissector ----

type tcpHeader struct {
	sport, dport   uint16
	seq, ack       uint32
	rawSeq, rawAck uint32
	flags          uint16
	win            uint32
	hlen           int
	seglen         uint32
	haveSeglen     bool
}

func dissectTCP(c *Ctx, t Tvb, parent int32) {
	var h tcpHeader
	h.sport = t.U16(0)
	h.dport = t.U16(2)
	inErr := c.inErrorPacket()

	c.SetProtocol("TCP")
	c.ClearInfo()
	c.appendInfoPorts(6, h.sport, h.dport)

	tr := c.T
	top := c.AddProto(parent, protoTCP, t, 0, -1)
	sp, _ := c.AddUint(top, hfTCPSrcPort, t, 0, 2)
	c.labelPort(sp, 6, uint32(h.sport))
	dp, _ := c.AddUint(top, hfTCPDstPort, t, 2, 2)
	c.labelPort(dp, 6, uint32(h.dport))
	if tr.Wants(hfTCPPort) {
		c.hidden(c.AddUintV(top, hfTCPPort, t, 0, 2, uint64(h.sport)))
		c.hidden(c.AddUintV(top, hfTCPPort, t, 2, 2, uint64(h.dport)))
	}
	if inErr && tr.Wants(hfTCPSeq) {
		c.AddUint(top, hfTCPSeq, t, 4, 4)
	}
	c.PortType = 6
	c.SrcPort, c.DstPort = uint32(h.sport), uint32(h.dport)

	h.rawSeq = t.U32(4)
	h.seq = h.rawSeq
	h.rawAck = t.U32(8)
	h.ack = h.rawAck
	offX2 := t.U8(12)
	h.flags = t.U16(12) & 0xfff
	h.win = uint32(t.U16(14))
	realWin := h.win
	h.hlen = int(offX2>>4) * 4

	st := c.State.slot(tcpSlot).(*tcpState)
	layer := t.Off
	rec, have := st.frameRec(c.Frame.Number, layer)
	var cv *tcpConv
	var fwd, rev *tcpFlow
	var ta *tcpAcked
	convNew := false
	taIdx := int32(-1)
	if c.Pass1 || !have {
		cv, fwd, rev, taIdx, convNew = c.tcpConversation(st, &h)
		rec = tcpFrame{stream: cv.stream, ta: -1, completeness: cv.completeness, winScale: fwd.winScale}
		// tcp_calculate_timestamps
		rec.delta = c.Frame.TS - cv.tsPrev
		cv.tsPrev = c.Frame.TS
	} else {
		cv = st.streams[rec.stream]
		_, dir := makeConvKey(c.NetSrc, c.NetDst, h.sport, h.dport)
		if dir {
			fwd, rev = &cv.flow1, &cv.flow2
		} else {
			fwd, rev = &cv.flow2, &cv.flow1
		}
		rec.completeness = cv.completeness
	}
	c.convApp = &cv.app
	pass1 := c.Pass1 || !have
	if pass1 {
		rec.ta = taIdx
	}
	defer func() {
		if pass1 && !c.State.onePass { // kept for re-dissection, which a one-pass run never does
			st.setFrameRec(c.Frame.Number, layer, rec)
		}
	}()

	if tr.Wants(hfTCPStream) {
		c.generated(c.AddUintV(top, hfTCPStream, t, 0, 0, uint64(cv.stream)))
	}
	if tr.Wants(hfTCPComplete) {
		n := c.AddUintV(top, hfTCPComplete, t, 0, 0, uint64(rec.completeness))
		c.generated(n)
		if c.Visible() {
			tr.SetLabel(n, "Conversation completeness: "+tcpCompletenessLabel(rec.completeness))
		}
	}
	if pass1 {
		fwd.nsack = 0
	}

	var nxtseq uint32
	reported := t.Len()
	if !inErr {
		if reported < h.hlen {
			c.Expert(top, eiTCPShortSeg, t, 0, 0, "Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)")
			h.haveSeglen = false
		} else {
			h.seglen = uint32(reported - h.hlen)
			h.haveSeglen = true
			if tr.Wants(hfTCPLen) {
				c.generated(c.AddUintV(top, hfTCPLen, t, 0, 0, uint64(h.seglen)))
			}
			if pass1 {
				taIdx = c.tcpAnalyze(st, cv, fwd, rev, &h, taIdx)
				rec.fwdBase, rec.revBase = fwd.base, rev.base
				rec.winScale = fwd.winScale
			}
			if pass1 {
				rec.ta = taIdx
			}
			h.seq -= rec.fwdBase
			if h.flags&thACK != 0 {
				h.ack -= rec.revBase
			}
			if h.flags&thSYN == 0 {
				if rec.winScale >= 0 {
					h.win <<= uint(rec.winScale)
				}
			}
			nxtseq = h.seq + h.seglen
		}
	}

	if c.Cols.On && !c.Cols.readonly {
		c.Cols.Info = append(c.Cols.Info, " ["...)
		c.Cols.Info = appendTCPFlags(c.Cols.Info, h.flags)
		c.Cols.Info = append(c.Cols.Info, ']')
		c.appendInfoNameUint("Seq", uint64(h.seq))
		if h.flags&thACK != 0 {
			c.appendInfoNameUint("Ack", uint64(h.ack))
		}
		c.appendInfoNameUint("Win", uint64(h.win))
	}

	if !inErr {
		if tr.Wants(hfTCPSeq) {
			n := c.AddUintV(top, hfTCPSeq, t, 4, 4, uint64(h.seq))
			if c.Visible() {
				c.Label(n, "Sequence Number: %d    (relative sequence number)", h.seq)
			}
		}
		c.AddUintV(top, hfTCPSeqRaw, t, 4, 4, uint64(h.rawSeq))
	}

	if h.hlen < 20 {
		if c.Cols.On {
			c.AppendInfof(", bogus TCP header length (%d, must be at least 20)", h.hlen)
		}
		n := c.AddUintV(top, hfTCPHdrLen, t, 12, 1, uint64(h.hlen))
		if c.Visible() {
			c.Label(n, "%s = Header Length: %d bytes (%d)", nibblePattern(offX2), h.hlen, h.hlen>>2)
		}
		if c.wantsExpert(eiTCPBogusHdrLen) {
			c.Expert(n, eiTCPBogusHdrLen, t, 12, 1, "Bogus TCP header length ("+strconv.Itoa(h.hlen)+", must be at least 20)")
		}
		return
	}

	// Conversation completeness moves forward after it has been shown.
	if pass1 {
		cc := cv.completeness
		if convNew {
			if h.flags&(thSYN|thACK) == thSYN {
				cc |= tcpCompSYN
				if h.seglen > 0 {
					cc |= tcpCompData
				}
			}
		} else {
			if h.flags&(thSYN|thACK) == thSYN|thACK {
				cc |= tcpCompSYNACK
			}
			if h.flags&(thSYN|thACK) == thACK {
				if h.seglen > 0 {
					cc |= tcpCompData
				} else {
					cc |= tcpCompACK
				}
			}
			if h.flags&(thFIN|thACK) == thFIN|thACK {
				cc |= tcpCompFIN
			}
			if h.flags&thRST != 0 {
				cc |= tcpCompRST
			}
		}
		cv.completeness = cc
	}

	tr.SetLen(top, h.hlen)
	if c.Visible() {
		lbl := make([]byte, 0, 96)
		lbl = append(lbl, "Transmission Control Protocol, Src Port: "...)
		lbl = c.appendPortNamed(lbl, 6, uint32(h.sport))
		lbl = append(lbl, ", Dst Port: "...)
		lbl = c.appendPortNamed(lbl, 6, uint32(h.dport))
		lbl = append(lbl, ", Seq: "...)
		lbl = strconv.AppendUint(lbl, uint64(h.seq), 10)
		if h.flags&thACK != 0 {
			lbl = append(lbl, ", Ack: "...)
			lbl = strconv.AppendUint(lbl, uint64(h.ack), 10)
		}
		if h.haveSeglen {
			lbl = append(lbl, ", Len: "...)
			lbl = strconv.AppendUint(lbl, uint64(h.seglen), 10)
		}
		tr.SetLabel(top, string(lbl))
	}
	if h.haveSeglen && tr.Wants(hfTCPNxtSeq) {
		nx := nxtseq
		if h.flags&(thSYN|thFIN) != 0 {
			nx++
		}
		n := c.AddUintV(top, hfTCPNxtSeq, t, 0, 0, uint64(nx))
		c.generated(n)
		if c.Visible() {
			c.Label(n, "Next Sequence Number: %d    (relative sequence number)", nx)
		}
	}
	ackNode := c.AddUintV(top, hfTCPAck, t, 8, 4, uint64(h.ack))
	ackRaw := c.AddUintV(top, hfTCPAckRaw, t, 8, 4, uint64(h.rawAck))
	_ = ackRaw
	if h.flags&thACK != 0 {
		if c.Visible() {
			c.Label(ackNode, "Acknowledgment Number: %d    (relative ack number)", h.ack)
		}
	} else if h.rawAck != 0 {
		c.Expert(ackNode, eiTCPAckNonzero, t, 8, 4, "")
	}

	if tr.Wants(hfTCPHdrLen) {
		n := c.AddUintV(top, hfTCPHdrLen, t, 12, 1, uint64(h.hlen))
		if c.Visible() {
			c.Label(n, "%s = Header Length: %d bytes (%d)", nibblePattern(offX2), h.hlen, h.hlen>>2)
		}
	}
	fl := c.AddUintV(top, hfTCPFlags, t, 12, 2, uint64(h.flags))
	if c.Visible() {
		b := make([]byte, 0, 64)
		b = append(b, "Flags: 0x"...)
		b = appendHex3(b, h.flags)
		b = append(b, " ("...)
		b = appendTCPFlags(b, h.flags)
		b = append(b, ')')
		tr.SetLabel(fl, string(b))
	}
	bit := func(hf field.ID, o int, mask uint16) int32 {
		v := uint64(0)
		if h.flags&mask != 0 {
			v = 1
		}
		if mask == thRES {
			v = uint64(h.flags&thRES) >> 9
		}
		return c.AddUintV(fl, hf, t, o, 1, v)
	}
	bit(hfTCPFlagsRes, 12, thRES)
	bit(hfTCPFlagsAE, 12, thAE)
	bit(hfTCPFlagsCWR, 13, thCWR)
	bit(hfTCPFlagsECE, 13, thECE)
	bit(hfTCPFlagsURG, 13, thURG)
	bit(hfTCPFlagsACK, 13, thACK)
	bit(hfTCPFlagsPSH, 13, thPSH)
	rstNode := bit(hfTCPFlagsRST, 13, thRST)
	synNode := bit(hfTCPFlagsSYN, 13, thSYN)
	finNode := bit(hfTCPFlagsFIN, 13, thFIN)
	strNode := fl
	if tr.Wants(hfTCPFlagsStr) {
		var buf [40]byte
		strNode = c.AddBytesV(fl, hfTCPFlagsStr, t, 12, 2, appendTCPFlagLetters(buf[:0], h.flags))
		if strNode != fl {
			tr.Nodes[strNode].Value.B = append([]byte(nil), tr.Nodes[strNode].Value.B...)
		}
		c.generated(strNode)
	}

	c.AddUintV(top, hfTCPWinValue, t, 14, 2, uint64(realWin))
	c.generated(c.AddUintV(top, hfTCPWinSize, t, 14, 2, uint64(h.win)))
	if h.flags&thSYN == 0 && tr.Wants(hfTCPWinScale) {
		switch ws := rec.winScale; ws {
		case -1:
			n := c.AddIntV(top, hfTCPWinScale, t, 14, 2, -1)
			c.generated(n)
			c.Label(n, "Window size scaling factor: -1 (unknown)")
		case -2:
			n := c.AddIntV(top, hfTCPWinScale, t, 14, 2, -2)
			c.generated(n)
			c.Label(n, "Window size scaling factor: -2 (no window scaling used)")
		default:
			c.generated(c.AddIntV(top, hfTCPWinScale, t, 14, 2, int64(1)<<uint(ws)))
		}
	}

	// Connection events.
	if h.flags&thSYN != 0 {
		if h.flags&thACK != 0 {
			if c.wantsExpert(eiTCPSynAck) {
				c.Expert(synNode, eiTCPSynAck, t, 13, 1, "Connection establish acknowledge (SYN+ACK): server port "+strconv.Itoa(int(h.sport)))
			}
			if pass1 {
				cv.serverPort = h.sport
			}
		} else {
			if c.wantsExpert(eiTCPSyn) {
				c.Expert(synNode, eiTCPSyn, t, 13, 1, "Connection establish request (SYN): server port "+strconv.Itoa(int(h.dport)))
			}
			if pass1 {
				cv.serverPort = h.dport
				cv.tsMruSyn = c.Frame.TS
			}
		}
		if pass1 {
			fwd.isFirstAck = true
		}
	}
	if h.flags&thFIN != 0 {
		c.Expert(finNode, eiTCPFin, t, 13, 1, "")
		if pass1 {
			if !rev.closingInitiator {
				fwd.closingInitiator = true
				rec.bits |= tcpFBFinActive
			} else {
				rec.bits |= tcpFBFinPassive
			}
		}
		if rec.bits&tcpFBFinActive != 0 {
			c.Expert(strNode, eiTCPFinActive, t, 12, 2, "")
		} else {
			c.Expert(strNode, eiTCPFinPassive, t, 12, 2, "")
		}
	}
	if h.flags&thRST != 0 {
		c.Expert(rstNode, eiTCPRst, t, 13, 1, "")
	}
	if pass1 && h.flags&(thSYN|thACK) == thACK && cv.tsMruSyn != 0 && cv.firstRTT == 0 {
		cv.firstRTT = c.Frame.TS - cv.tsMruSyn
	}
	if pass1 && h.flags&(thSYN|thACK) == thACK {
		fwd.isFirstAck = false
	}

	// Checksum: not verified by default, as in Wireshark.
	ck := c.AddUint
	ckNode, _ := ck(top, hfTCPChecksum, t, 16, 2)
	if c.Visible() {
		tr.SetLabel(ckNode, "Checksum: 0x"+hex4(t.U16(16))+" [unverified]")
	}
	ckst := c.AddUintV(top, hfTCPCkStatus, t, 16, 0, ckUnverified)
	c.generated(ckst)
	c.Label(ckst, "Checksum Status: Unverified") // BASE_NONE: the name without the number

	urgNode, urp := c.AddUint(top, hfTCPUrgent, t, 18, 2)
	if h.flags&thURG != 0 {
		c.appendInfoNameUint("Urg", urp)
	} else if urp != 0 {
		c.Expert(urgNode, eiTCPUrgNonzero, t, 18, 2, "")
	}
	if h.haveSeglen {
		c.appendInfoNameUint("Len", uint64(h.seglen))
	}

	optlen := h.hlen - 20
	optNode := int32(-1)
	if optlen > 0 {
		bc := t.Len() - 20
		if bc > optlen {
			bc = optlen
		}
		if bc < 0 {
			bc = 0
		}
		optNode = c.AddBytesV(top, hfTCPOptions, t, 20, bc, t.B[20:20+bc])
		if optNode == top {
			optNode = -1
		}
	}

	// [Timestamps]
	if tr.Wants(hfTCPTimeRel) || tr.Wants(hfTCPTimeDelta) || c.Visible() {
		ts := c.AddText(top, t, 0, 0, "Timestamps")
		c.generated(ts)
		c.generated(c.Add(ts, hfTCPTimeRel, t, 0, 0, field.Value{I: c.Frame.TS - cv.tsFirst}))
		c.generated(c.Add(ts, hfTCPTimeDelta, t, 0, 0, field.Value{I: rec.delta}))
	}

	if optlen > 0 && (pass1 || c.wantsPrefix("tcp.option")) { // a re-dissection only shows them
		c.tcpOptions(t, top, 20, optlen, optNode, &h, rec.revBase, fwd, pass1)
	}

	// [SEQ/ACK analysis]
	if rec.ta >= 0 {
		ta = st.acked.at(rec.ta)
	}
	if ta != nil && !inErr {
		var rare tcpAckedRare
		if ta.flags&(tcpARetransmission|tcpADuplicateAck) != 0 { // the only records with a side entry
			rare = st.rare[rec.ta]
		}
		c.tcpPrintAnalysis(top, t, cv, ta, rare)
	}

	if pass1 && h.flags&thSYN != 0 {
		// verify_tcp_window_scaling
		if fwd.winScale == -1 {
			fwd.winScale, rev.winScale = -2, -2
		} else if h.flags&thACK != 0 && rev.winScale == -2 {
			fwd.winScale = -2
		}
	}

	off := h.hlen
	if off > t.Len() || t.Len()-off == 0 {
		if h.flags&thFIN != 0 && off <= t.Len() && !inErr {
			// a FIN ends a PDU that lasts until the connection closes
			c.tcpDesegment(st, fwd, top, layer, h.seq, t.Sub(off), parent, cv.serverPort, h.sport, h.dport, ta, pass1, true)
		}
		return
	}
	payload := t.Sub(off)
	if h.flags&thRST != 0 {
		n := c.AddBytes(top, hfTCPResetCse, t, off, payload.Len())
		_ = n
		return
	}
	if c.Visible() || tr.Wants(hfTCPPayload) {
		n := c.AddBytes(top, hfTCPPayload, t, off, payload.Len())
		if c.Visible() {
			c.Label(n, "TCP payload (%d byte%s)", payload.Len(), plural(payload.Len()))
		}
	}
	if inErr {
		// the segment an ICMP error quotes: its payload goes to the port's protocol as tshark
		// does (an SMTP line under "Destination unreachable"), with no reassembly
		if payload.Len() > 0 && c.tcpPayloadWanted() {
			c.tcpHandOff(payload, parent, cv.serverPort, h.sport, h.dport, ta)
		}
		return
	}
	if !c.tcpPayloadWanted() {
		return
	}
	if c.tcpDesegment(st, fwd, top, layer, h.seq, payload, parent, cv.serverPort, h.sport, h.dport, ta, pass1, h.flags&thFIN != 0) {
		return
	}
	c.tcpHandOff(payload, parent, cv.serverPort, h.sport, h.dport, ta)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func appendHex3(b []byte, v uint16) []byte {
	const d = "0123456789abcdef"
	return append(b, d[v>>8&15], d[v>>4&15], d[v&15])
}

// nibblePattern returns "1010 ...." for the high nibble of b.
func nibblePattern(b uint8) string {
	p := []byte("0000 ....")
	for i := 0; i < 4; i++ {
		if b&(0x80>>i) != 0 {
			p[i] = '1'
		}
	}
	return string(p)
}

// tcpConversation finds or creates the conversation of the segment during the first pass, handling
// a SYN that reuses an address/port pair as Wireshark does.
func (c *Ctx) tcpConversation(st *tcpState, h *tcpHeader) (cv *tcpConv, fwd, rev *tcpFlow, ta int32, isNew bool) {
	key, dir := makeConvKey(c.NetSrc, c.NetDst, h.sport, h.dport)
	ta = -1
	cv = st.convs[key]
	if cv == nil {
		cv = st.newConv(c.Frame.TS)
		st.convs[key] = cv
		isNew = true
	}
	pick := func() {
		if dir {
			fwd, rev = &cv.flow1, &cv.flow2
		} else {
			fwd, rev = &cv.flow2, &cv.flow1
		}
	}
	pick()
	if h.flags&(thSYN|thACK) == thSYN && fwd.static&1 != 0 {
		if h.rawSeq != fwd.base {
			cv = st.newConv(c.Frame.TS)
			st.convs[key] = cv
			pick()
			ta = st.newAcked(c)
			st.acked.at(ta).flags |= tcpAReusedPorts
		} else {
			fwd.nextseq = fwd.maxSeqToBeAcked
		}
	}
	if h.flags&(thSYN|thACK) == thSYN|thACK && fwd.static&1 != 0 && h.rawSeq != fwd.base {
		fwd.base = h.rawSeq
		if ta < 0 {
			ta = st.newAcked(c)
		}
		st.acked.at(ta).flags |= tcpAReusedPorts
	}
	return cv, fwd, rev, ta, isNew
}

// newAcked adds an analysis record for the segment being dissected. A one-pass run never reads a
// record after its frame, so it reuses the space frame after frame.
func (st *tcpState) newAcked(c *Ctx) int32 {
	if c.State.onePass && st.ackedFrame != c.Frame.Number {
		st.acked.reset()
		st.ackedFrame = c.Frame.Number
		clear(st.rare)
	}
	return st.acked.add()
}

// ackedList holds the analysis records in chunks that never move once made.
type ackedList struct {
	chunks [][]tcpAcked
	n      int32
}

const ackedChunk = 4096

func (l *ackedList) at(i int32) *tcpAcked { return &l.chunks[i/ackedChunk][i%ackedChunk] }

// add appends a zero record and returns its index.
func (l *ackedList) add() int32 {
	ci := int(l.n / ackedChunk)
	if ci == len(l.chunks) {
		l.chunks = append(l.chunks, make([]tcpAcked, 0, ackedChunk))
	}
	l.chunks[ci] = append(l.chunks[ci], tcpAcked{})
	l.n++
	return l.n - 1
}

// reset forgets every record, keeping the first chunk for reuse.
func (l *ackedList) reset() {
	if len(l.chunks) > 0 {
		l.chunks = l.chunks[:1]
		l.chunks[0] = l.chunks[0][:0]
	}
	l.n = 0
}

// tcpAnalyze is tcp_analyze_sequence_number: it runs in the first pass and returns the segment's
// analysis record (nil if there is nothing to say).
func (c *Ctx) tcpAnalyze(st *tcpState, cv *tcpConv, fwd, rev *tcpFlow, h *tcpHeader, taIdx int32) int32 {
	seq, ack, seglen, flags, window := h.rawSeq, h.rawAck, h.seglen, h.flags, h.win
	now := c.Frame.TS
	get := func() *tcpAcked {
		if taIdx < 0 {
			taIdx = st.newAcked(c)
		}
		return st.acked.at(taIdx)
	}
	has := func() bool { return taIdx >= 0 }
	hasFlag := func(f uint16) bool { return taIdx >= 0 && st.acked.at(taIdx).flags&f != 0 }

	if fwd.static&1 == 0 {
		if flags&thSYN != 0 {
			fwd.base = seq
			if flags&thACK != 0 {
				fwd.static |= 4
			} else {
				fwd.static |= 2
			}
		} else {
			fwd.base = seq - 1
		}
		fwd.static |= 1
	}
	if rev.static&1 == 0 && flags&thACK != 0 {
		rev.base = ack - 1
		rev.static |= 1
	}
	if flags&thACK != 0 {
		rev.validBIF = true
	}

	noRSF := flags&(thSYN|thFIN|thRST) == 0
	func() {
		if seglen == 1 && seq == fwd.nextseq && rev.window == 0 {
			get().flags |= tcpAZeroWindowProbe
			return
		}
		if window == 0 && noRSF {
			get().flags |= tcpAZeroWindow
		}
		if fwd.nextseq != 0 && seqGT(seq, fwd.nextseq) && flags&thRST == 0 {
			get().flags |= tcpALostPacket
			fwd.validBIF = false
		}
		if (seglen == 0 || seglen == 1) && seq == fwd.nextseq-1 && noRSF {
			get().flags |= tcpAKeepAlive
		}
		if seglen == 0 && window != 0 && window != fwd.window && seq == fwd.nextseq && ack == fwd.lastack && noRSF {
			get().flags |= tcpAWindowUpdate
		}
		if seglen > 0 && rev.winScale != -1 && noRSF {
			sh := uint(0)
			if !rev.isFirstAck && rev.winScale != -2 {
				sh = uint(rev.winScale)
			}
			if seq+seglen == rev.lastack+(rev.window<<sh) {
				get().flags |= tcpAWindowFull
			}
		}
		if seglen == 0 && window != 0 && window == fwd.window && seq == fwd.nextseq && ack == fwd.lastack &&
			rev.lastSegFlags&tcpAKeepAlive != 0 && noRSF {
			get().flags |= tcpAKeepAliveAck
			return
		}
		if seglen == 0 && window == 0 && window == fwd.window && seq == fwd.nextseq && ack == fwd.lastack &&
			rev.lastSegFlags&tcpAZeroWindowProbe != 0 && noRSF {
			get().flags |= tcpAZeroWindowProbeAck
			return
		}
		if seglen == 0 && window != 0 && window == fwd.window && seq == fwd.nextseq && ack == fwd.lastack && noRSF {
			if fwd.dupAckNum == -1 {
				fwd.dupAckNum = 1
			} else {
				fwd.dupAckNum++
			}
			get().flags |= tcpADuplicateAck
			r := st.rare[taIdx]
			r.dupAckNum = uint32(fwd.dupAckNum)
			r.dupAckFrame = fwd.lastNonDupAck
			st.rare[taIdx] = r
		}
	}()
	// finished_fwd:
	if ack != fwd.lastack {
		fwd.lastNonDupAck = c.Frame.Number
		fwd.dupAckNum = 0
	}
	if rev.maxSeqToBeAcked != 0 && seqGT(ack, rev.maxSeqToBeAcked) && flags&thACK != 0 {
		a := get()
		if rev.maxSeqToBeAcked > rev.nextseq {
			rev.maxSeqToBeAcked = rev.nextseq
			a.flags |= tcpAAckLostPacket
		} else {
			if rev.dupAckNum == 0 {
				a.flags |= tcpAAckLostPacket
			}
			rev.dupAckNum = -1
		}
	}
	if seglen > 0 || flags&(thSYN|thFIN) != 0 {
		func() {
			notAdvanced := fwd.nextseq != 0 && seqLT(seq, fwd.nextseq)
			if hasFlag(tcpAKeepAlive) {
				return
			}
			if seglen > 1 && fwd.nextseq-1 == seq {
				notAdvanced = false
			}
			if seglen > 0 && rev.lastack != 0 && seqLE(seq+seglen, rev.lastack) {
				get().flags |= tcpASpuriousRetrans
				return
			}
			// fast retransmission first (tcp_fastrt_precedence default TRUE)
			if notAdvanced && rev.dupAckNum >= 2 && rev.lastack == seq && now-rev.lastackTime < 20000000 {
				get().flags |= tcpAFastRetransmission
				return
			}
			thres := int64(3000000)
			if cv.firstRTT != 0 {
				thres = cv.firstRTT
			}
			extra := uint32(0)
			if flags&(thSYN|thFIN) != 0 {
				extra = 1
			}
			if notAdvanced && now-fwd.nextseqTime < thres && fwd.nextseq != seq+seglen+extra {
				get().flags |= tcpAOutOfOrder
				return
			}
			if notAdvanced {
				get().flags |= tcpARetransmission
				r := st.rare[taIdx]
				r.rto = now - fwd.nextseqTime
				r.rtoFrame = fwd.nextseqFrame
				if len(fwd.segments) > 0 {
					// the eldest unacked segment
					r.rto = now - fwd.segments[0].ts
					r.rtoFrame = fwd.segments[0].frame
				}
				st.rare[taIdx] = r
			}
		}()
	}
	// finished_checking_retransmission_type:
	nextseq := seq + seglen
	if (seglen > 0 || flags&(thSYN|thFIN) != 0) && len(fwd.segments) < tcpMaxUnacked {
		if flags&(thSYN|thFIN) != 0 {
			nextseq++
		}
		fwd.segments = append(fwd.segments, tcpUnacked{frame: c.Frame.Number, seq: seq, nextseq: nextseq, ts: now})
	}
	if seqGT(nextseq, fwd.nextseq) || fwd.nextseq == 0 {
		if !hasFlag(tcpAZeroWindowProbe) {
			fwd.nextseq = nextseq
			fwd.nextseqFrame = c.Frame.Number
			fwd.nextseqTime = now
		}
	}
	if seq == fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked == 0 {
		if !hasFlag(tcpAZeroWindowProbe) {
			fwd.maxSeqToBeAcked = fwd.nextseq
		}
	}
	fwd.window = window
	fwd.lastack = ack
	fwd.lastackTime = now
	if has() {
		fwd.lastSegFlags = st.acked.at(taIdx).flags
	} else {
		fwd.lastSegFlags = 0
	}

	// Remove the segments this ACKs, newest first as Wireshark walks its list.
	segs := rev.segments
	for i := len(segs) - 1; i >= 0; i-- {
		u := &segs[i]
		for {
			if ack == u.nextseq {
				a := get()
				a.frameAcked = u.frame
				a.rtt = now - u.ts
			} else if seqGT(ack, u.seq) && seqLE(ack, u.nextseq) {
				u.seq = ack
				continue
			} else if seqGT(u.nextseq, ack) {
				break
			}
			// delete
			copy(segs[i:], segs[i+1:])
			segs = segs[:len(segs)-1]
			break
		}
	}
	rev.segments = segs

	// Bytes in flight (payload based, the default).
	if seglen != 0 && len(fwd.segments) > 0 && fwd.validBIF {
		newest := fwd.segments[len(fwd.segments)-1]
		first := newest.seq - fwd.base
		last := newest.nextseq - fwd.base
		for _, u := range fwd.segments {
			if u.nextseq-fwd.base > last {
				last = u.nextseq - fwd.base
			}
			if u.seq-fwd.base < first {
				first = u.seq - fwd.base
			}
		}
		inFlight := last - first
		for i := 0; i < rev.nsack; i++ {
			inFlight -= rev.sack[i][1] - rev.sack[i][0]
		}
		if inFlight > 0 && inFlight < 2000000000 {
			a := get()
			a.bytesInFlight = inFlight
			if flags&(thSYN|thFIN) != 0 {
				a.bytesInFlight--
			}
		}
		switch {
		case flags&thPSH != 0 && !fwd.pushSetLast:
			fwd.pushBytes += seglen
			fwd.pushSetLast = true
		case flags&thPSH != 0 && fwd.pushSetLast:
			fwd.pushBytes = seglen
			fwd.pushSetLast = true
		case fwd.pushSetLast:
			fwd.pushBytes = seglen
			fwd.pushSetLast = false
		default:
			fwd.pushBytes += seglen
		}
		get().pushBytesSent = fwd.pushBytes
	}
	return taIdx
}

// tcpPrintAnalysis adds the [SEQ/ACK analysis] subtree and the analysis notes in Info.
func (c *Ctx) tcpPrintAnalysis(top int32, t Tvb, cv *tcpConv, ta *tcpAcked, rare tcpAckedRare) {
	tr := c.T
	an := c.Add(top, hfTCPAnalysis, t, 0, 0, field.Value{})
	c.generated(an)
	if an != top && c.Visible() {
		tr.SetLabel(an, "SEQ/ACK analysis")
	}
	if ta.frameAcked != 0 {
		c.generated(c.AddUintV(an, hfTCPAAcks, t, 0, 0, uint64(ta.frameAcked)))
		if ta.rtt != 0 {
			c.generated(c.Add(an, hfTCPARTT, t, 0, 0, field.Value{I: ta.rtt}))
		}
	}
	if cv.firstRTT != 0 {
		c.generated(c.Add(an, hfTCPAIRTT, t, 0, 0, field.Value{I: cv.firstRTT}))
	}
	if ta.bytesInFlight != 0 {
		c.generated(c.AddUintV(an, hfTCPABIF, t, 0, 0, uint64(ta.bytesInFlight)))
		c.generated(c.AddUintV(an, hfTCPAPush, t, 0, 0, uint64(ta.pushBytesSent)))
	}
	if ta.flags == 0 {
		return
	}
	fi := c.Add(an, hfTCPAFlags, t, 0, 0, field.Value{})
	c.generated(fi)
	if fi != an && c.Visible() {
		tr.SetLabel(fi, "TCP Analysis Flags")
	}
	f := ta.flags
	ex := func(e *Expert) { c.Expert(fi, e, t, 0, 0, "") }
	if f&tcpAReusedPorts != 0 {
		ex(eiTCPAReused)
		c.prependInfoFence("[TCP Port numbers reused] ")
	}
	if f&tcpARetransmission != 0 {
		ex(eiTCPARetrans)
		c.prependInfoFence("[TCP Retransmission] ")
		if rare.rto != 0 {
			c.generated(c.Add(fi, hfTCPARTO, t, 0, 0, field.Value{I: rare.rto}))
			c.generated(c.AddUintV(fi, hfTCPARTOFrame, t, 0, 0, uint64(rare.rtoFrame)))
		}
	}
	if f&tcpAFastRetransmission != 0 {
		ex(eiTCPAFastRetrans)
		ex(eiTCPARetrans)
		c.prependInfoFence("[TCP Fast Retransmission] ")
	}
	if f&tcpASpuriousRetrans != 0 {
		ex(eiTCPASpurious)
		ex(eiTCPARetrans)
		c.prependInfoFence("[TCP Spurious Retransmission] ")
	}
	if f&tcpAOutOfOrder != 0 {
		ex(eiTCPAOutOfOrder)
		c.prependInfoFence("[TCP Out-Of-Order] ")
	}
	if f&tcpALostPacket != 0 {
		ex(eiTCPALost)
		c.prependInfoFence("[TCP Previous segment not captured] ")
	}
	if f&tcpAAckLostPacket != 0 {
		ex(eiTCPAAckLost)
		c.prependInfoFence("[TCP ACKed unseen segment] ")
	}
	if f&tcpAWindowUpdate != 0 {
		ex(eiTCPAWinUpdate)
		c.prependInfoFence("[TCP Window Update] ")
	}
	if f&tcpAWindowFull != 0 {
		ex(eiTCPAWinFull)
		c.prependInfoFence("[TCP Window Full] ")
	}
	if f&tcpAKeepAlive != 0 {
		ex(eiTCPAKeepAlive)
		c.prependInfoFence("[TCP Keep-Alive] ")
	}
	if f&tcpAKeepAliveAck != 0 {
		ex(eiTCPAKeepAck)
		c.prependInfoFence("[TCP Keep-Alive ACK] ")
	}
	if rare.dupAckNum != 0 {
		if f&tcpADuplicateAck != 0 {
			n := c.Add(fi, hfTCPADupAck, t, 0, 0, field.Value{})
			c.generated(n)
			if n != fi && c.Visible() {
				tr.SetLabel(n, "This is a TCP duplicate ack")
			}
			if c.Cols.On {
				c.prependInfoFence("[TCP Dup ACK " + strconv.FormatUint(uint64(rare.dupAckFrame), 10) + "#" + strconv.FormatUint(uint64(rare.dupAckNum), 10) + "] ")
			}
		}
		c.generated(c.AddUintV(an, hfTCPADupNum, t, 0, 0, uint64(rare.dupAckNum)))
		n := c.AddUintV(an, hfTCPADupFrame, t, 0, 0, uint64(rare.dupAckFrame))
		c.generated(n)
		if c.wantsExpert(eiTCPADupAck) {
			c.Expert(n, eiTCPADupAck, t, 0, 0, "Duplicate ACK (#"+strconv.FormatUint(uint64(rare.dupAckNum), 10)+")")
		}
	}
	if f&tcpAZeroWindowProbe != 0 {
		ex(eiTCPAZWProbe)
		c.prependInfoFence("[TCP ZeroWindowProbe] ")
	}
	if f&tcpAZeroWindow != 0 {
		ex(eiTCPAZeroWin)
		c.prependInfoFence("[TCP ZeroWindow] ")
	}
	if f&tcpAZeroWindowProbeAck != 0 {
		ex(eiTCPAZWProbeAck)
		c.prependInfoFence("[TCP ZeroWindowProbeAck] ")
	}
}

// tcpOptions dissects the options (tcp_dissect_options) under the Options item.
func (c *Ctx) tcpOptions(t Tvb, top int32, off, length int, optNode int32, h *tcpHeader, revBase uint32, fwd *tcpFlow, pass1 bool) {
	tr := c.T
	vis := c.Visible()
	parent := optNode
	if parent < 0 {
		parent = top
	}
	var summary []byte
	if vis {
		summary = make([]byte, 0, 128)
		summary = append(summary, "Options: ("...)
		summary = strconv.AppendInt(summary, int64(length), 10)
		summary = append(summary, " bytes)"...)
		defer func() { tr.SetLabel(optNode, string(summary)) }()
	}
	addName := func(s string) {
		if vis {
			summary = append(summary, ", "...)
			summary = append(summary, s...)
		}
	}
	mssSeen := false
	nopCount := 0
	defer func() {
		if h.flags&thSYN != 0 && !mssSeen {
			c.Expert(parent, eiTCPMSSAbsent, t, off, 0, "") // under the options item when it is built
		}
	}()
	for length > 0 {
		kind := t.U8(off)
		length--
		if kind == 0 || kind == 1 {
			proto := protoTCPOptEOL
			if kind == 1 {
				proto = protoTCPOptNOP
				if optNode >= 0 && (nopCount == 0 || off%4 != 0) {
					nopCount++
					if nopCount == 4 {
						c.Expert(optNode, eiTCPNop, t, off, 1, "")
					}
				} else {
					nopCount = 0
				}
			}
			n := c.AddProto(parent, proto, t, off, 1)
			c.AddUint(n, hfTCPOptKind, t, off, 1)
			addName(ShortName(proto))
			off++
			continue
		}
		name := tcpOptName(kind)
		if length == 0 {
			if c.wantsExpert(eiTCPOptLenBad) {
				c.Expert(parent, eiTCPOptLenBad, t, off, 1, name+" (length byte past end of options)")
			}
			return
		}
		olen := int(t.U8(off + 1))
		length--
		if olen < 2 {
			if c.wantsExpert(eiTCPOptLenBad) {
				c.Expert(parent, eiTCPOptLenBad, t, off, 2, name+" (with too-short option length = "+strconv.Itoa(olen)+" byte"+plural(olen)+")")
			}
			return
		}
		if olen-2 > length {
			if c.wantsExpert(eiTCPOptLenBad) {
				c.Expert(parent, eiTCPOptLenBad, t, off, length, name+" (option length = "+strconv.Itoa(olen)+" byte"+plural(olen)+" says option goes past end of options)")
			}
			return
		}
		if kind == 2 {
			mssSeen = true
		}
		ot := t.SubLen(off, olen)
		c.tcpOption(ot, parent, kind, revBase, fwd, pass1, h.flags)
		addName(name)
		off += olen
		length -= olen - 2
	}
}

func tcpOptName(kind uint8) string {
	switch kind {
	case 2:
		return "Maximum segment size"
	case 3:
		return "Window scale"
	case 4:
		return "SACK permitted"
	case 5:
		return "SACK"
	case 8:
		return "Timestamps"
	case 30:
		return "MPTCP"
	case 34:
		return "TCP Fast Open"
	case 253, 254:
		return "Experimental"
	}
	return "Unknown (0x" + hex2(kind) + ")"
}

func (c *Ctx) tcpOption(ot Tvb, parent int32, kind uint8, revBase uint32, fwd *tcpFlow, pass1 bool, flags uint16) {
	olen := ot.Len()
	optHead := func(proto field.ID) int32 {
		n := c.AddProto(parent, proto, ot, 0, olen)
		c.AddUint(n, hfTCPOptKind, ot, 0, 1)
		c.AddUint(n, hfTCPOptLen, ot, 1, 1)
		return n
	}
	switch {
	case kind == 2 && olen == 4:
		n := optHead(protoTCPOptMSS)
		_, mss := c.AddUint(n, hfTCPMSSVal, ot, 2, 2)
		if c.Visible() {
			c.Label(n, "TCP Option - Maximum segment size: %d bytes", mss)
		}
		c.appendInfoNameUint("MSS", mss)
	case kind == 3 && olen == 3:
		n := optHead(protoTCPOptWS)
		sn, shift := c.AddUint(n, hfTCPWSShift, ot, 2, 1)
		if shift > 14 {
			c.Expert(sn, eiTCPWSInvalid, ot, 2, 1, "")
			shift = 14
		}
		c.generated(c.AddUintV(n, hfTCPWSMult, ot, 2, 1, 1<<shift))
		if c.Visible() {
			c.Label(n, "TCP Option - Window scale: %d (multiply by %d)", shift, 1<<shift)
		}
		c.appendInfoNameUint("WS", 1<<shift)
		if pass1 {
			fwd.winScale = int8(shift)
		}
	case kind == 4 && olen == 2:
		optHead(protoTCPOptSackPerm)
		c.AppendInfo(" SACK_PERM")
	case kind == 8 && olen == 10:
		n := optHead(protoTCPOptTS)
		_, tsval := c.AddUint(n, hfTCPTSval, ot, 2, 4)
		_, tsecr := c.AddUint(n, hfTCPTSecr, ot, 6, 4)
		if c.Visible() {
			c.Label(n, "TCP Option - Timestamps: TSval %d, TSecr %d", tsval, tsecr)
		}
		if c.Cols.On {
			c.appendInfoNameUint("TSval", tsval)
			c.appendInfoNameUint("TSecr", tsecr)
		}
	case kind == 5 && olen >= 2:
		n := optHead(protoTCPOptSack)
		base := revBase
		var lbl []byte
		if c.Visible() {
			lbl = append(lbl, "TCP Option - SACK"...)
		}
		o := 2
		count := 0
		for o+8 <= olen {
			le := ot.U32(o) - base
			re := ot.U32(o+4) - base
			ln := c.AddUintV(n, hfTCPSackLE, ot, o, 4, uint64(le))
			if c.Visible() {
				c.Label(ln, "left edge = %d (relative)", le)
			}
			rn := c.AddUintV(n, hfTCPSackRE, ot, o+4, 4, uint64(re))
			if c.Visible() {
				c.Label(rn, "right edge = %d (relative)", re)
			}
			if c.Cols.On {
				c.appendInfoNameUint("SLE", uint64(le))
				c.appendInfoNameUint("SRE", uint64(re))
			}
			if pass1 && fwd.nsack < len(fwd.sack) {
				fwd.sack[fwd.nsack] = [2]uint32{ot.U32(o), ot.U32(o + 4)}
				fwd.nsack++
			}
			if c.Visible() {
				lbl = append(lbl, ' ')
				lbl = strconv.AppendUint(lbl, uint64(le), 10)
				lbl = append(lbl, '-')
				lbl = strconv.AppendUint(lbl, uint64(re), 10)
			}
			count++
			o += 8
		}
		c.generated(c.AddUintV(n, hfTCPSackCount, ot, 0, 0, uint64(count)))
		if c.Visible() {
			c.T.SetLabel(n, string(lbl))
		}
	case kind == 30 && olen >= 3:
		c.mptcpOption(ot, parent)
	case kind == 34 && olen >= 2:
		c.tcpFastOpen(optHead(protoTCPOptTFO), ot, 2, flags)
	case (kind == 253 || kind == 254) && olen >= 4:
		n := optHead(protoTCPOptExp)
		exid := ot.U16(2)
		en := c.AddUintV(n, hfTCPExpExID, ot, 2, 2, uint64(exid))
		if exid != tcpExIDFastOpen {
			if olen > 4 {
				c.AddBytes(n, hfTCPExpData, ot, 4, olen-4)
			}
			break
		}
		if c.Visible() {
			c.Label(n, "TCP Option - Experimental: Fast Open")
			c.Label(en, "Experiment Identifier: Fast Open (0x%s)", hex4(exid))
		}
		c.tcpFastOpen(n, ot, 4, flags)
	default:
		n := optHead(protoTCPOptUnknown)
		if olen > 2 {
			c.AddBytes(n, hfTCPUnknownPl, ot, 2, olen-2)
		}
	}
}

// tcpHandOff hands the payload to the dissector of the server port, the lower port, the higher
// port, then the heuristics, else to data (decode_tcp_ports). A bounds error inside the payload
// dissector is shown as a malformed sub-protocol and TCP carries on.
func (c *Ctx) tcpHandOff(payload Tvb, parent int32, server, sport, dport uint16, ta *tcpAcked) {
	if ta != nil && ta.flags&tcpAKeepAlive != 0 {
		c.CallData(payload, parent)
		return
	}
	if ta != nil && ta.flags&(tcpARetransmission|tcpAOutOfOrder) != 0 {
		// tcp_no_subdissector_on_error: retransmitted data is not handed to subdissectors.
		return
	}
	c.SrcPort, c.DstPort, c.PortType = uint32(sport), uint32(dport), 6
	lo, hi := sport, dport
	if lo > hi {
		lo, hi = hi, lo
	}
	c.decodePorts(TCPPort, payload, parent, server, lo, hi)
}

// decodePorts tries tb's dissectors for ports p0 (the server port, 0 if unknown), lo and hi in that
// order, then its heuristics, then data. It recovers from a panic in the called dissector the way
// Wireshark's TRY/CATCH around the hand-off does: the sub-protocol is marked malformed and the
// caller's layer stays complete.
func (c *Ctx) decodePorts(tb *Table, payload Tvb, parent int32, p0, lo, hi uint16) {
	depth, ro := c.depth, c.Cols.readonly
	defer func() {
		if r := recover(); r != nil {
			c.recoverPanic(r, payload)
			c.depth = depth
			c.Cols.readonly = ro
		}
	}()
	for _, p := range [3]uint16{p0, lo, hi} {
		if h := c.decodeAs(tb, uint64(p)); h != nil && p != 0 {
			c.MatchPort = uint32(p)
			c.Call(h, payload, parent)
			return
		}
	}
	for _, p := range [3]uint16{p0, lo, hi} {
		if p == 0 {
			continue
		}
		if hd, ok := tb.Get(uint64(p)); ok {
			c.MatchPort = uint32(p)
			c.Call(hd, payload, parent)
			return
		}
	}
	if c.TryHeuristics(tb, payload, parent) {
		return
	}
	c.CallData(payload, parent)
}

// tcpExIDFastOpen is the experiment identifier of TCP Fast Open in an experimental option (RFC 7413).
const tcpExIDFastOpen = 0xf989

// tcpFastOpen shows a TCP Fast Open cookie (or the request for one, when the option ends at o);
// flags are the segment's TCP flags.
func (c *Ctx) tcpFastOpen(n int32, ot Tvb, o int, flags uint16) {
	if ot.Len() <= o {
		c.AddUintV(n, hfTCPTFORequest, ot, o, 0, 0)
		c.AppendInfo(" TFO=R")
		return
	}
	cn := c.AddBytes(n, hfTCPTFOCookie, ot, o, ot.Len()-o)
	if flags&(thSYN|thACK) == thSYN {
		c.Expert(cn, eiTCPTFOSyn, ot, o, ot.Len()-o, "")
	}
	c.AppendInfo(" TFO=C")
}
