package dissect

import (
	"net/netip"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// RTP and RTCP (Wireshark's packet-rtp.c, packet-rtcp.c). Neither has a port of its own: like
// Wireshark, a UDP datagram is RTP when an earlier SDP announced its address and port as a media
// destination, and RTCP on the port above (the conversations sdp.go sets up in the first pass).
// RTCP compounds are dissected packet by packet (sender and receiver reports, source descriptions,
// goodbye); the other packet types show their header.

// rtpPayloadNames are RFC 3551's static payload types as Wireshark names them (rtp_payload_type_vals).
var rtpPayloadNames = map[uint64]string{0: "ITU-T G.711 PCMU", 1: "USA Federal Standard FS-1016", 2: "ITU-T G.721",
	3: "GSM 06.10", 4: "ITU-T G.723", 5: "DVI4 8000 samples/s", 6: "DVI4 16000 samples/s",
	7: "Experimental linear predictive encoding from Xerox PARC", 8: "ITU-T G.711 PCMA", 9: "ITU-T G.722",
	10: "16-bit uncompressed audio, stereo", 11: "16-bit uncompressed audio, monaural",
	12: "Qualcomm Code Excited Linear Prediction", 13: "Comfort noise", 14: "MPEG-I/II Audio", 15: "ITU-T G.728",
	16: "DVI4 11025 samples/s", 17: "DVI4 22050 samples/s", 18: "ITU-T G.729", 19: "Comfort noise (old)",
	25: "Sun CellB video encoding", 26: "JPEG-compressed video", 28: "'nv' program", 31: "ITU-T H.261",
	32: "MPEG-I/II Video", 33: "MPEG-II transport streams", 34: "ITU-T H.263"}

// RTPPayloadShortNames are the short payload names of tshark's RTP stream reports ("g711U").
var RTPPayloadShortNames = map[uint64]string{0: "g711U", 1: "fs-1016", 2: "g721", 3: "GSM", 4: "g723", 5: "DVI4 8k",
	6: "DVI4 16k", 7: "Exp. from PARC", 8: "g711A", 9: "g722", 10: "16-bit audio, stereo",
	11: "16-bit audio, monaural", 12: "Qualcomm", 13: "CN", 14: "MPEG-I/II Audio", 15: "g728", 16: "DVI4 11k",
	17: "DVI4 22k", 18: "g729", 19: "CN(old)", 25: "CellB", 26: "JPEG", 28: "NV", 31: "h261",
	32: "MPEG-I/II Video", 33: "MPEG-II streams", 34: "h263"}

var rtcpTypeNames = map[uint64]string{200: "Sender Report", 201: "Receiver Report", 202: "Source description",
	203: "Goodbye", 204: "Application specific", 205: "Generic RTP Feedback", 206: "Payload-specific Feedback",
	207: "Extended report (RFC 3611)", 208: "AVB RTCP packet (IEEE1733)", 209: "Receiver Summary Information",
	210: "Port Mapping", 192: "Full Intra-frame Request (H.261)", 193: "Negative Acknowledgement (H.261)",
	194: "SMPTE time-code mapping", 195: "Extended inter-arrival jitter report"}

var rtcpSDESTypes = map[uint64]string{0: "END", 1: "CNAME (user and domain)", 2: "NAME (common name)",
	3: "EMAIL (e-mail address)", 4: "PHONE (phone number)", 5: "LOC (geographic location)",
	6: "TOOL (name/version of source app)", 7: "NOTE (note about source)", 8: "PRIV (private extensions)",
	9: "H323-CADDR (H.323 callable address)", 10: "Application Specific Identifier"}

var rtpVersionNames = map[uint64]string{0: "Old VAT Version", 1: "First Draft Version", 2: "RFC 1889 Version"}

var (
	protoRTP           = Fields.Protocol("rtp", "Real-Time Transport Protocol")
	hfRTPSetup         = Fields.Add(protoRTP, "rtp.setup", "Stream setup", field.String)
	hfRTPSetupFrame    = Fields.Add(protoRTP, "rtp.setup-frame", "Setup frame", field.FrameNum)
	hfRTPSetupMethod   = Fields.Add(protoRTP, "rtp.setup-method", "Setup Method", field.String)
	hfRTPVersion       = Fields.Add(protoRTP, "rtp.version", "Version", field.Uint8, field.WithMask(0xc0), field.WithStrings(rtpVersionNames))
	hfRTPPadding       = Fields.Add(protoRTP, "rtp.padding", "Padding", field.Bool, field.WithBase(8), field.WithMask(0x20))
	hfRTPExt           = Fields.Add(protoRTP, "rtp.ext", "Extension", field.Bool, field.WithBase(8), field.WithMask(0x10))
	hfRTPCC            = Fields.Add(protoRTP, "rtp.cc", "Contributing source identifiers count", field.Uint8, field.WithMask(0x0f))
	hfRTPMarker        = Fields.Add(protoRTP, "rtp.marker", "Marker", field.Bool, field.WithBase(8), field.WithMask(0x80))
	hfRTPPType         = Fields.Add(protoRTP, "rtp.p_type", "Payload type", field.Uint8, field.WithMask(0x7f))
	hfRTPSeq           = Fields.Add(protoRTP, "rtp.seq", "Sequence number", field.Uint16)
	hfRTPExtSeq        = Fields.Add(protoRTP, "rtp.extseq", "Extended sequence number", field.Uint32)
	hfRTPTimestamp     = Fields.Add(protoRTP, "rtp.timestamp", "Timestamp", field.Uint32)
	hfRTPSSRC          = Fields.Add(protoRTP, "rtp.ssrc", "Synchronization Source identifier", field.Uint32, field.WithBase(field.HexDec))
	hfRTPCSRCItems     = Fields.Add(protoRTP, "rtp.csrc.items", "Contributing Source identifiers", field.None)
	hfRTPCSRCItem      = Fields.Add(protoRTP, "rtp.csrc.item", "CSRC item", field.Uint32, field.WithBase(field.HexDec))
	hfRTPPayload       = Fields.Add(protoRTP, "rtp.payload", "Payload", field.Bytes)
	hfRTPPaddingData   = Fields.Add(protoRTP, "rtp.padding.data", "Padding data", field.Bytes)
	hfRTPPaddingCount  = Fields.Add(protoRTP, "rtp.padding.count", "Padding count", field.Uint8)
	hfRTPExtProfile    = Fields.Add(protoRTP, "rtp.ext.profile", "Defined by profile", field.Uint16, field.WithBase(field.HexDec))
	hfRTPExtLen        = Fields.Add(protoRTP, "rtp.ext.len", "Extension length", field.Uint16)
	hfRTPHdrExt        = Fields.Add(protoRTP, "rtp.hdr_ext", "Header extension", field.Uint32)
	protoRTCP          = Fields.Protocol("rtcp", "Real-time Transport Control Protocol")
	hfRTCPSetup        = Fields.Add(protoRTCP, "rtcp.setup", "Stream setup", field.String)
	hfRTCPSetupFrame   = Fields.Add(protoRTCP, "rtcp.setup-frame", "Setup frame", field.FrameNum)
	hfRTCPSetupMethod  = Fields.Add(protoRTCP, "rtcp.setup-method", "Setup Method", field.String)
	hfRTCPVersion      = Fields.Add(protoRTCP, "rtcp.version", "Version", field.Uint8, field.WithMask(0xc0), field.WithStrings(rtpVersionNames))
	hfRTCPPadding      = Fields.Add(protoRTCP, "rtcp.padding", "Padding", field.Bool, field.WithBase(8), field.WithMask(0x20))
	hfRTCPRC           = Fields.Add(protoRTCP, "rtcp.rc", "Reception report count", field.Uint8, field.WithMask(0x1f))
	hfRTCPSC           = Fields.Add(protoRTCP, "rtcp.sc", "Source count", field.Uint8, field.WithMask(0x1f))
	hfRTCPPT           = Fields.Add(protoRTCP, "rtcp.pt", "Packet type", field.Uint8, field.WithStrings(rtcpTypeNames))
	hfRTCPLength       = Fields.Add(protoRTCP, "rtcp.length", "Length", field.Uint16)
	hfRTCPSenderSSRC   = Fields.Add(protoRTCP, "rtcp.senderssrc", "Sender SSRC", field.Uint32, field.WithBase(field.HexDec))
	hfRTCPNTPMSW       = Fields.Add(protoRTCP, "rtcp.timestamp.ntp.msw", "Timestamp, MSW", field.Uint32, field.WithBase(field.DecHex))
	hfRTCPNTPLSW       = Fields.Add(protoRTCP, "rtcp.timestamp.ntp.lsw", "Timestamp, LSW", field.Uint32, field.WithBase(field.DecHex))
	hfRTCPNTP          = Fields.Add(protoRTCP, "rtcp.timestamp.ntp", "MSW and LSW as NTP timestamp", field.AbsTime, field.WithBase(field.TimeNTP))
	hfRTCPRTPTimestamp = Fields.Add(protoRTCP, "rtcp.timestamp.rtp", "RTP timestamp", field.Uint32)
	hfRTCPPacketCount  = Fields.Add(protoRTCP, "rtcp.sender.packetcount", "Sender's packet count", field.Uint32)
	hfRTCPOctetCount   = Fields.Add(protoRTCP, "rtcp.sender.octetcount", "Sender's octet count", field.Uint32)
	hfRTCPSSRCID       = Fields.Add(protoRTCP, "rtcp.ssrc.identifier", "Identifier", field.Uint32, field.WithBase(field.HexDec))
	hfRTCPFraction     = Fields.Add(protoRTCP, "rtcp.ssrc.fraction", "Fraction lost", field.Uint8)
	hfRTCPCumLost      = Fields.Add(protoRTCP, "rtcp.ssrc.cum_nr", "Cumulative number of packets lost", field.Int24)
	hfRTCPExtHigh      = Fields.Add(protoRTCP, "rtcp.ssrc.ext_high", "Extended highest sequence number received", field.Uint32)
	hfRTCPHighSeq      = Fields.Add(protoRTCP, "rtcp.ssrc.high_seq", "Highest sequence number received", field.Uint16)
	hfRTCPHighCycles   = Fields.Add(protoRTCP, "rtcp.ssrc.high_cycles", "Sequence number cycles count", field.Uint16)
	hfRTCPJitter       = Fields.Add(protoRTCP, "rtcp.ssrc.jitter", "Interarrival jitter", field.Uint32)
	hfRTCPLSR          = Fields.Add(protoRTCP, "rtcp.ssrc.lsr", "Last SR timestamp", field.Uint32, field.WithBase(field.DecHex))
	hfRTCPDLSR         = Fields.Add(protoRTCP, "rtcp.ssrc.dlsr", "Delay since last SR timestamp", field.Uint32)
	hfRTCPSDESType     = Fields.Add(protoRTCP, "rtcp.sdes.type", "Type", field.Uint8, field.WithStrings(rtcpSDESTypes))
	hfRTCPSDESLength   = Fields.Add(protoRTCP, "rtcp.sdes.length", "Length", field.Uint32)
	hfRTCPSDESText     = Fields.Add(protoRTCP, "rtcp.sdes.text", "Text", field.String)
	hfRTCPLengthCheck  = Fields.Add(protoRTCP, "rtcp.length_check", "RTCP frame length check", field.Bool)

	handleRTP  = &Handle{Name: "rtp", Fn: dissectRTP}
	handleRTCP = &Handle{Name: "rtcp", Fn: dissectRTCP}
)

func init() {
	RegisterShortName(protoRTP, "RTP")
	RegisterShortName(protoRTCP, "RTCP")
}

// rtpKey is an announced media destination.
type rtpKey struct {
	addr [16]byte
	port uint16
}

// rtpSetupRec is what an SDP announced for a destination, from its frame on.
type rtpSetupRec struct {
	frame  uint32 // the SDP's frame: the conversation exists after it
	setup  uint32 // the frame Wireshark names as the setup (an answer's offer)
	callID string
	rtcp   bool
}

// rtpState holds the media destinations SDP announced and, per RTP stream, the sequence cycles.
type rtpState struct {
	setups map[rtpKey][]rtpSetupRec
	seq    map[uint32]*rtpSeqState // by SSRC
	extseq map[uint32]uint32       // frame -> extended sequence number, when it differs from the sequence number
}

type rtpSeqState struct {
	prev uint32 // the previous extended sequence number
}

var rtpSlot = newStateSlot(func() any {
	return &rtpState{setups: map[rtpKey][]rtpSetupRec{}, seq: map[uint32]*rtpSeqState{}, extseq: map[uint32]uint32{}}
})

// rtpSetup records, in the first pass, that SDP announced media at a:port (RTP) and a:port+1 (RTCP).
func (c *Ctx) rtpSetup(a netip.Addr, port uint16, callID string, setupFrame uint32) {
	st := c.State.slot(rtpSlot).(*rtpState)
	k := rtpKey{port: port}
	b := a.As16()
	if a.Is4() {
		b = [16]byte{}
		copy(b[:], a.AsSlice())
	}
	k.addr = b
	st.setups[k] = append(st.setups[k], rtpSetupRec{frame: c.Frame.Number, setup: setupFrame, callID: callID})
	k.port++
	st.setups[k] = append(st.setups[k], rtpSetupRec{frame: c.Frame.Number, setup: setupFrame, callID: callID, rtcp: true})
}

// rtpConvKey returns the UDP conversation key of a datagram to or from a media address SDP set up:
// the address and port with a wildcard peer, as Wireshark's conversation for it has (so both
// directions, whatever the peer's port, are one udp.stream).
func (c *Ctx) rtpConvKey() (convKey, bool) {
	st := c.State.slot(rtpSlot).(*rtpState)
	if len(st.setups) == 0 {
		return convKey{}, false
	}
	for _, side := range [2]struct {
		addr []byte
		port uint32
	}{{c.NetSrc, c.SrcPort}, {c.NetDst, c.DstPort}} {
		var k rtpKey
		copy(k.addr[:], side.addr)
		k.port = uint16(side.port)
		for _, r := range st.setups[k] {
			if r.frame < c.Frame.Number {
				ck, _ := makeConvKey(side.addr, make([]byte, len(side.addr)), uint16(side.port), 0)
				return ck, true
			}
		}
	}
	return convKey{}, false
}

// rtpLookup finds the media setup the current datagram belongs to (by its destination, else its
// source), as of this frame.
func (c *Ctx) rtpLookup() (rtpSetupRec, bool) {
	st := c.State.slot(rtpSlot).(*rtpState)
	if len(st.setups) == 0 {
		return rtpSetupRec{}, false
	}
	for _, side := range [2]struct {
		addr []byte
		port uint32
	}{{c.NetDst, c.DstPort}, {c.NetSrc, c.SrcPort}} {
		var k rtpKey
		copy(k.addr[:], side.addr)
		k.port = uint16(side.port)
		recs := st.setups[k]
		for i := len(recs) - 1; i >= 0; i-- {
			if recs[i].frame < c.Frame.Number {
				return recs[i], true
			}
		}
	}
	return rtpSetupRec{}, false
}

// udpConversationHandle returns the dissector a UDP datagram's conversation was set up for (RTP or
// RTCP by SDP), or nil; UDP asks it before its port table, as Wireshark tries conversations first.
func (c *Ctx) udpConversationHandle() *Handle {
	s, ok := c.rtpLookup()
	if !ok {
		return nil
	}
	if s.rtcp {
		return handleRTCP
	}
	return handleRTP
}

// decodeConversation calls h on a datagram of a conversation set up for it, recovering from a
// malformed packet as the port hand-off does.
func (c *Ctx) decodeConversation(h *Handle, t Tvb, parent int32) {
	depth, ro := c.depth, c.Cols.readonly
	defer func() {
		if r := recover(); r != nil {
			c.recoverPanic(r, t)
			c.depth = depth
			c.Cols.readonly = ro
		}
	}()
	c.Call(h, t, parent)
}

func dissectRTP(c *Ctx, t Tvb, parent int32) {
	if t.Len() < 12 || t.U8(0)>>6 != 2 {
		c.CallData(t, parent)
		return
	}
	c.SetProtocol("RTP")
	tree := c.AddProto(parent, protoRTP, t, 0, -1)
	if s, ok := c.rtpLookup(); ok {
		c.rtpSetupItems(tree, t, s, hfRTPSetup, hfRTPSetupFrame, hfRTPSetupMethod, true)
	}
	b0, b1 := t.U8(0), t.U8(1)
	c.AddUint(tree, hfRTPVersion, t, 0, 1)
	c.AddUint(tree, hfRTPPadding, t, 0, 1)
	c.AddUint(tree, hfRTPExt, t, 0, 1)
	c.AddUint(tree, hfRTPCC, t, 0, 1)
	c.AddUint(tree, hfRTPMarker, t, 1, 1)
	pt := uint64(b1 & 0x7f)
	ptn := c.AddUintV(tree, hfRTPPType, t, 1, 1, pt)
	ptName := rtpPTName(pt)
	c.Label(ptn, "Payload type: %s (%d)", ptName, pt)
	_, seq := c.AddUint(tree, hfRTPSeq, t, 2, 2)
	ssrc := t.U32(8)
	st := c.State.slot(rtpSlot).(*rtpState)
	ext := uint32(seq)
	if c.Pass1 {
		// Wireshark's calculate_extended_seqno, from a previous number of 0x10000 for a new stream
		s := st.seq[ssrc]
		if s == nil {
			s = &rtpSeqState{prev: 0x10000}
			st.seq[ssrc] = s
		}
		ext = s.prev&0xffff0000 | uint32(seq)
		if ext+0x8000 < s.prev {
			ext += 0x10000
		} else if s.prev+0x8000 < ext {
			ext -= 0x10000
		}
		s.prev = ext
		if ext != uint32(seq) {
			st.extseq[c.Frame.Number] = ext
		}
	} else if e, ok := st.extseq[c.Frame.Number]; ok {
		ext = e
	}
	c.AddGenerated(tree, hfRTPExtSeq, t, 2, 2, field.Value{U: uint64(ext)})
	_, ts := c.AddUint(tree, hfRTPTimestamp, t, 4, 4)
	c.AddUint(tree, hfRTPSSRC, t, 8, 4)
	if c.Cols.On {
		c.SetInfo("PT=" + ptName + ", SSRC=0x" + strconv.FormatUint(uint64(ssrc)|1<<32, 16)[1:] + ", Seq=" +
			strconv.FormatUint(seq, 10) + ", Time=" + strconv.FormatUint(ts, 10))
		c.Cols.Info = upperHexAfter(c.Cols.Info, "SSRC=0x")
		if b1&0x80 != 0 {
			c.AppendInfo(", Mark")
		}
	}
	o := 12
	if cc := int(b0 & 0x0f); cc > 0 {
		items := c.AddProto(tree, hfRTPCSRCItems, t, o, 4*cc)
		c.Label(items, "Contributing Source identifiers")
		for i := 0; i < cc; i++ {
			c.AddUint(items, hfRTPCSRCItem, t, o, 4)
			o += 4
		}
	}
	if b0&0x10 != 0 && t.Has(o, 4) {
		c.AddUint(tree, hfRTPExtProfile, t, o, 2)
		_, n := c.AddUint(tree, hfRTPExtLen, t, o+2, 2)
		o += 4
		for i := 0; i < int(n) && t.Has(o, 4); i++ {
			c.AddUint(tree, hfRTPHdrExt, t, o, 4)
			o += 4
		}
	}
	end := t.Len()
	if b0&0x20 != 0 && end > o {
		pad := int(t.U8(end - 1))
		if pad > 0 && end-pad >= o {
			end -= pad
		}
	}
	if end > o {
		c.AddBytes(tree, hfRTPPayload, t, o, end-o)
	}
	if end < t.Len() {
		if end < t.Len()-1 {
			c.AddBytes(tree, hfRTPPaddingData, t, end, t.Len()-1-end)
		}
		c.AddUint(tree, hfRTPPaddingCount, t, t.Len()-1, 1)
	}
}

// upperHexAfter upper-cases the hex digits following marker in b (Wireshark prints SSRC=0x%08X).
func upperHexAfter(b []byte, marker string) []byte {
	for i := 0; i+len(marker) <= len(b); i++ {
		if string(b[i:i+len(marker)]) != marker {
			continue
		}
		for j := i + len(marker); j < len(b); j++ {
			switch ch := b[j]; {
			case ch >= 'a' && ch <= 'f':
				b[j] = ch - 'a' + 'A'
			case ch >= '0' && ch <= '9':
			default:
				return b
			}
		}
		return b
	}
	return b
}

func rtpPTName(pt uint64) string {
	if n, ok := rtpPayloadNames[pt]; ok {
		return n
	}
	if pt >= 96 && pt <= 127 {
		return "DynamicRTP-Type-" + strconv.FormatUint(pt, 10)
	}
	return "Unknown (" + strconv.FormatUint(pt, 10) + ")"
}

// rtpSetupItems adds "[Stream setup by SDP (frame N)]".
func (c *Ctx) rtpSetupItems(tree int32, t Tvb, s rtpSetupRec, hfSetup, hfFrame, hfMethod field.ID, callID bool) {
	setup := c.AddGenerated(tree, hfSetup, t, 0, 0, field.Value{B: []byte{}})
	c.Label(setup, "Stream setup by SDP (frame %d)", s.setup)
	c.AddGenerated(setup, hfFrame, t, 0, 0, field.Value{U: uint64(s.setup)})
	c.AddGenerated(setup, hfMethod, t, 0, 0, field.Value{B: []byte("SDP")})
	if callID && s.callID != "" {
		c.AddGenerated(setup, hfSIPCallIDGen, t, 0, 0, field.Value{B: []byte(s.callID)})
	}
}

func dissectRTCP(c *Ctx, t Tvb, parent int32) {
	if t.Len() < 4 || t.U8(0)>>6 != 2 {
		c.CallData(t, parent)
		return
	}
	c.SetProtocol("RTCP")
	c.ClearInfo()
	setup, hasSetup := c.rtpLookup()
	var last int32
	o := 0
	for o+4 <= t.Len() {
		b0, pt := t.U8(o), uint64(t.U8(o+1))
		words := int(t.U16(o + 2))
		plen := 4 * (words + 1)
		if o+plen > t.Len() {
			plen = t.Len() - o
		}
		name, ok := rtcpTypeNames[pt]
		if !ok {
			name = "Unknown"
		}
		tree := c.AddProto(parent, protoRTCP, t, o, plen)
		c.Label(tree, "Real-time Transport Control Protocol (%s)", name)
		last = tree
		c.AppendInfo(name + "   ")
		if hasSetup {
			c.rtpSetupItems(tree, t, setup, hfRTCPSetup, hfRTCPSetupFrame, hfRTCPSetupMethod, false)
		}
		c.AddUint(tree, hfRTCPVersion, t, o, 1)
		c.AddUint(tree, hfRTCPPadding, t, o, 1)
		count := int(b0 & 0x1f)
		if pt == 202 || pt == 203 {
			c.AddUint(tree, hfRTCPSC, t, o, 1)
		} else {
			c.AddUint(tree, hfRTCPRC, t, o, 1)
		}
		c.AddUint(tree, hfRTCPPT, t, o+1, 1)
		ln := c.AddUintV(tree, hfRTCPLength, t, o+2, 2, uint64(words))
		c.Label(ln, "Length: %d (%d bytes)", words, 4*(words+1))
		body := t.SubLen(o+4, plen-4)
		switch pt {
		case 200, 201:
			c.rtcpReport(tree, body, pt == 200, count)
		case 202:
			c.rtcpSDES(tree, body, count)
		}
		o += plen
	}
	if last != 0 {
		lc := c.AddGenerated(last, hfRTCPLengthCheck, t, 0, 0, field.Value{U: b2u64(o == t.Len())})
		if o == t.Len() {
			c.Label(lc, "RTCP frame length check: OK - %d bytes", t.Len())
		} else {
			c.Label(lc, "RTCP frame length check: Wrong (expected %d bytes, found %d)", o, t.Len())
		}
	}
}

// rtcpReport dissects a sender or receiver report body.
func (c *Ctx) rtcpReport(tree int32, t Tvb, sender bool, count int) {
	c.AddUint(tree, hfRTCPSenderSSRC, t, 0, 4)
	o := 4
	if sender {
		msw, lsw := t.U32(o), t.U32(o+4)
		c.AddUint(tree, hfRTCPNTPMSW, t, o, 4)
		c.AddUint(tree, hfRTCPNTPLSW, t, o+4, 4)
		c.AddGenerated(tree, hfRTCPNTP, t, o, 8, field.Value{I: NTPTime(msw, lsw)})
		c.AddUint(tree, hfRTCPRTPTimestamp, t, o+8, 4)
		c.AddUint(tree, hfRTCPPacketCount, t, o+12, 4)
		c.AddUint(tree, hfRTCPOctetCount, t, o+16, 4)
		o += 20
	}
	for i := 0; i < count && t.Has(o, 24); i++ {
		src := c.AddText(tree, t, o, 24, "Source "+strconv.Itoa(i+1))
		c.AddUint(src, hfRTCPSSRCID, t, o, 4)
		cont := c.AddText(src, t, o+4, 4, "SSRC contents")
		_, frac := c.AddUint(cont, hfRTCPFraction, t, o+4, 1)
		if fn := int32(len(c.T.Nodes) - 1); true {
			c.Label(fn, "Fraction lost: %d / 256", frac)
		}
		cum := int64(t.U24(o+5)<<8) >> 8
		c.AddIntV(cont, hfRTCPCumLost, t, o+5, 3, cum)
		eh, _ := c.AddUint(src, hfRTCPExtHigh, t, o+8, 4)
		c.AddUint(eh, hfRTCPHighCycles, t, o+8, 2)
		c.AddUint(eh, hfRTCPHighSeq, t, o+10, 2)
		c.AddUint(src, hfRTCPJitter, t, o+12, 4)
		c.AddUint(src, hfRTCPLSR, t, o+16, 4)
		d, dlsr := c.AddUint(src, hfRTCPDLSR, t, o+20, 4)
		c.Label(d, "Delay since last SR timestamp: %d (%d milliseconds)", dlsr, dlsr*1000/65536)
		o += 24
	}
}

// rtcpSDES dissects a source description body.
func (c *Ctx) rtcpSDES(tree int32, t Tvb, count int) {
	o := 0
	for i := 0; i < count && t.Has(o, 4); i++ {
		ssrc := t.U32(o)
		start := o
		chunk := c.AddText(tree, t, o, 0, "Chunk "+strconv.Itoa(i+1)+", SSRC/CSRC 0x"+upperHex32(ssrc))
		c.AddUint(chunk, hfRTCPSSRCID, t, o, 4)
		o += 4
		items := c.AddText(chunk, t, o, 0, "SDES items")
		for t.Has(o, 1) {
			typ := t.U8(o)
			c.AddUint(items, hfRTCPSDESType, t, o, 1)
			o++
			if typ == 0 {
				for o%4 != 0 && t.Has(o, 1) { // pad to the next 32-bit word
					o++
				}
				break
			}
			if !t.Has(o, 1) {
				break
			}
			l := int(t.U8(o))
			c.AddUintV(items, hfRTCPSDESLength, t, o, 1, uint64(l))
			o++
			if !t.Has(o, l) {
				break
			}
			c.addASCII(items, hfRTCPSDESText, t, o, l)
			o += l
		}
		if c.Visible() { // the chunk is a text item: it exists only in a visible tree
			c.T.SetLen(chunk, o-start)
		}
	}
}

func upperHex32(v uint32) string {
	s := strconv.FormatUint(uint64(v)|1<<32, 16)[1:]
	b := []byte(s)
	for i, ch := range b {
		if ch >= 'a' && ch <= 'f' {
			b[i] = ch - 'a' + 'A'
		}
	}
	return string(b)
}
