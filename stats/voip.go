package stats

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/netip"
	"strings"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// The voice reports: -z sip,stat[,filter] (tshark's ui/cli/tap-sipstat.c: messages, resends,
// status codes, request methods, call setup times) and -z rtp,streams (ui/cli/tap-rtp.c: one row
// per RTP stream with packets, losses, delta and jitter as Wireshark's RTP stream analysis computes
// them).

var voipIDs = struct {
	sip, sipStatus, sipMethod, sipResend, sipRespTime field.ID
	rtp, rtpSSRC, rtpPT, rtpSeq, rtpTS, rtpMarker     field.ID
}{
	sip: optID("sip"), sipStatus: optID("sip.Status-Code"), sipMethod: optID("sip.Method"),
	sipResend: optID("sip.resend"), sipRespTime: optID("sip.response-time"),
	rtp: optID("rtp"), rtpSSRC: optID("rtp.ssrc"), rtpPT: optID("rtp.p_type"), rtpSeq: optID("rtp.seq"),
	rtpTS: optID("rtp.timestamp"), rtpMarker: optID("rtp.marker"),
}

// sipStatusNames are tap-sipstat.c's response codes, in the order it fills its hash table.
var sipStatusNames = []struct {
	code int
	name string
}{{100, "Trying"}, {180, "Ringing"}, {181, "Call Is Being Forwarded"}, {182, "Queued"}, {183, "Session Progress"},
	{199, "Informational - Others"}, {200, "OK"}, {202, "Accepted"}, {204, "No Notification"}, {299, "Success - Others"},
	{300, "Multiple Choices"}, {301, "Moved Permanently"}, {302, "Moved Temporarily"}, {305, "Use Proxy"},
	{380, "Alternative Service"}, {399, "Redirection - Others"}, {400, "Bad Request"}, {401, "Unauthorized"},
	{402, "Payment Required"}, {403, "Forbidden"}, {404, "Not Found"}, {405, "Method Not Allowed"},
	{406, "Not Acceptable"}, {407, "Proxy Authentication Required"}, {408, "Request Timeout"}, {410, "Gone"},
	{412, "Conditional Request Failed"}, {413, "Request Entity Too Large"}, {414, "Request-URI Too Long"},
	{415, "Unsupported Media Type"}, {416, "Unsupported URI Scheme"}, {420, "Bad Extension"},
	{421, "Extension Required"}, {422, "Session Timer Too Small"}, {423, "Interval Too Brief"},
	{428, "Use Identity Header"}, {429, "Provide Referrer Identity"}, {430, "Flow Failed"},
	{433, "Anonymity Disallowed"}, {436, "Bad Identity-Info"}, {437, "Unsupported Certificate"},
	{438, "Invalid Identity Header"}, {439, "First Hop Lacks Outbound Support"}, {440, "Max-Breadth Exceeded"},
	{470, "Consent Needed"}, {480, "Temporarily Unavailable"}, {481, "Call/Transaction Does Not Exist"},
	{482, "Loop Detected"}, {483, "Too Many Hops"}, {484, "Address Incomplete"}, {485, "Ambiguous"},
	{486, "Busy Here"}, {487, "Request Terminated"}, {488, "Not Acceptable Here"}, {489, "Bad Event"},
	{491, "Request Pending"}, {493, "Undecipherable"}, {494, "Security Agreement Required"},
	{499, "Client Error - Others"}, {500, "Server Internal Error"}, {501, "Not Implemented"},
	{502, "Bad Gateway"}, {503, "Service Unavailable"}, {504, "Server Time-out"}, {505, "Version Not Supported"},
	{513, "Message Too Large"}, {599, "Server Error - Others"}, {600, "Busy Everywhere"}, {603, "Decline"},
	{604, "Does Not Exist Anywhere"}, {606, "Not Acceptable"}, {699, "Global Failure - Others"}}

// SIPStat is the -z sip,stat tap.
type SIPStat struct {
	filter                         string
	match                          func(*field.Tree) bool
	packets, resent                int
	calls                          int
	totalSetup, minSetup, maxSetup uint64
	avgSetup                       uint64
	codes                          map[int]int
	methods                        []string
	methodCount                    map[string]int
	filterIDs                      []field.ID
}

// NewSIPStat parses "sip,stat[,filter]".
func NewSIPStat(arg string) (*SIPStat, error) {
	rest, ok := splitArg(arg, "sip,stat")
	if !ok {
		return nil, fmt.Errorf("invalid -z sip,stat argument %q", arg)
	}
	s := &SIPStat{codes: map[int]int{}, methodCount: map[string]int{}}
	if rest != "" {
		f, err := filterPart(rest)
		if err != nil {
			return nil, err
		}
		s.filter, s.match, s.filterIDs = rest, f.Match, f.Fields
	}
	return s, nil
}

// Fields lists what the tap reads.
func (s *SIPStat) Fields() []field.ID {
	return append([]field.ID{voipIDs.sip, voipIDs.sipStatus, voipIDs.sipMethod, voipIDs.sipResend,
		voipIDs.sipRespTime}, s.filterIDs...)
}

// OnePass reports that the tap needs nothing beyond the frame it is given.
func (s *SIPStat) OnePass() bool { return true }

// Packet counts a frame's SIP message.
func (s *SIPStat) Packet(_ *dissect.Ctx, t *field.Tree, _ bool) {
	if !t.Has(voipIDs.sip) || (s.match != nil && !s.match(t)) {
		return
	}
	{
		var status uint64
		var method string
		var resend bool
		var respTime uint64
		haveResp := false
		for j := 1; j < len(t.Nodes); j++ {
			n := &t.Nodes[j]
			switch n.Field {
			case voipIDs.sipStatus:
				status = n.Value.U
			case voipIDs.sipMethod:
				method = string(n.Value.B)
			case voipIDs.sipResend:
				resend = n.Value.U != 0
			case voipIDs.sipRespTime:
				respTime, haveResp = n.Value.U, true
			}
		}
		s.packets++
		if resend {
			s.resent++
		}
		if haveResp && method == "ACK" { // the call is set up when the INVITE is acknowledged
			s.calls++
			s.totalSetup += respTime
			if s.calls == 1 || respTime < s.minSetup {
				s.minSetup = respTime
			}
			if respTime > s.maxSetup {
				s.maxSetup = respTime
			}
			s.avgSetup = s.totalSetup / uint64(s.calls)
		}
		switch {
		case status != 0:
			code := int(status)
			if _, known := sipStatusIndex[code]; !known {
				if code < 100 || code >= 700 {
					return
				}
				code = code/100*100 + 99
			}
			s.codes[code]++
		case method != "":
			if s.methodCount[method] == 0 {
				s.methods = append(s.methods, method)
			}
			s.methodCount[method]++
		}
	}
}

var sipStatusIndex = func() map[int]int {
	m := map[int]int{}
	for i, c := range sipStatusNames {
		m[c.code] = i
	}
	return m
}()

// Finish prints tshark's report.
func (s *SIPStat) Finish(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "\n===================================================================\n")
	if s.filter == "" {
		fmt.Fprintf(bw, "SIP Statistics\n")
	} else {
		fmt.Fprintf(bw, "SIP Statistics with filter %s\n", s.filter)
	}
	fmt.Fprintf(bw, "\nNumber of SIP messages: %d", s.packets)
	fmt.Fprintf(bw, "\nNumber of resent SIP messages: %d\n", s.resent)
	fmt.Fprintf(bw, "\n* SIP Status Codes in reply packets\n")
	codes := newGHashOrder()
	for i, c := range sipStatusNames {
		codes.insert(i, uint32(c.code))
	}
	for _, i := range codes.order() {
		c := sipStatusNames[i]
		if n := s.codes[c.code]; n > 0 {
			fmt.Fprintf(bw, "  SIP %3d %-15s : %5d Packets\n", c.code, c.name, n)
		}
	}
	fmt.Fprintf(bw, "\n* List of SIP Request methods\n")
	methods := newGHashOrder()
	for i, m := range s.methods {
		methods.insert(i, gStrHash(m))
	}
	for _, i := range methods.order() {
		fmt.Fprintf(bw, "  %-15s : %5d Packets\n", s.methods[i], s.methodCount[s.methods[i]])
	}
	fmt.Fprintf(bw, "\n* Average setup time %d ms\n Min %d ms\n Max %d ms\n", s.avgSetup, s.minSetup, s.maxSetup)
	fmt.Fprintf(bw, "===================================================================\n")
	return bw.Flush()
}

// rtpClockRates are the sampling rates of the static payload types (tap-rtp-analysis.c).
var rtpClockRates = map[uint64]float64{0: 8000, 1: 8000, 2: 8000, 3: 8000, 4: 8000, 5: 8000, 6: 16000, 7: 8000,
	8: 8000, 9: 8000, 10: 44100, 11: 44100, 12: 8000, 13: 8000, 14: 90000, 15: 8000, 16: 11025, 17: 22050,
	18: 8000, 19: 8000, 25: 90000, 26: 90000, 28: 90000, 31: 90000, 32: 90000, 33: 90000, 34: 90000}

// rtpStreamKey identifies a stream: addresses, ports and SSRC.
type rtpStreamKey struct {
	src, dst     netip.Addr
	sport, dport uint16
	ssrc         uint32
}

// rtpStream is one stream's analysis (Wireshark's tap_rtp_stat_t, the parts the report shows).
type rtpStream struct {
	key                              rtpStreamKey
	pt                               uint64
	packets                          int
	start, stop                      float64 // ms since the first frame
	startSeq, stopSeq, seqNum        uint16
	cycles                           int
	under, wrongSeq, wrongTS         bool
	seqTS, lastTS                    int64 // extended timestamps
	time                             float64
	delta, jitter                    float64
	maxDelta, minDelta, meanDelta    float64
	maxJitter, minJitter, meanJitter float64
	totalNr                          int
}

// RTPStreams is the -z rtp,streams tap.
type RTPStreams struct {
	firstTS int64
	seen    bool
	streams []*rtpStream
	index   map[rtpStreamKey]*rtpStream
}

// NewRTPStreams parses "rtp,streams".
func NewRTPStreams(arg string) (*RTPStreams, error) {
	if rest, ok := splitArg(arg, "rtp,streams"); !ok || rest != "" {
		return nil, fmt.Errorf("invalid -z rtp,streams argument %q", arg)
	}
	return &RTPStreams{index: map[rtpStreamKey]*rtpStream{}}, nil
}

// Fields lists what the tap reads.
func (r *RTPStreams) Fields() []field.ID {
	return []field.ID{ids.ip, ids.ipSrc, ids.ipDst, ids.ipv6, ids.ipv6Src, ids.ipv6Dst, ids.udp, ids.udpSrc, ids.udpDst,
		voipIDs.rtp, voipIDs.rtpSSRC, voipIDs.rtpPT, voipIDs.rtpSeq, voipIDs.rtpTS, voipIDs.rtpMarker}
}

// OnePass reports that the tap needs nothing beyond the frame it is given (the RTP conversations
// come from the dissection state of the single pass).
func (r *RTPStreams) OnePass() bool { return true }

// Packet analyses a frame's RTP packet.
func (r *RTPStreams) Packet(c *dissect.Ctx, t *field.Tree, _ bool) {
	if !r.seen {
		r.firstTS, r.seen = c.Frame.TS, true
	}
	var k rtpStreamKey
	var pt, seq, ts uint64
	var marker, isRTP bool
	for i := 1; i < len(t.Nodes); i++ {
		n := &t.Nodes[i]
		switch n.Field {
		case ids.ipSrc, ids.ipv6Src:
			k.src, _ = netip.AddrFromSlice(n.Value.B)
		case ids.ipDst, ids.ipv6Dst:
			k.dst, _ = netip.AddrFromSlice(n.Value.B)
		case ids.udpSrc:
			k.sport = uint16(n.Value.U)
		case ids.udpDst:
			k.dport = uint16(n.Value.U)
		case voipIDs.rtp:
			isRTP = true
		case voipIDs.rtpSSRC:
			k.ssrc = uint32(n.Value.U)
		case voipIDs.rtpPT:
			pt = n.Value.U
		case voipIDs.rtpSeq:
			seq = n.Value.U
		case voipIDs.rtpTS:
			ts = n.Value.U
		case voipIDs.rtpMarker:
			marker = n.Value.U != 0
		}
	}
	if !isRTP {
		return
	}
	s := r.index[k]
	if s == nil {
		s = &rtpStream{key: k}
		r.index[k] = s
		r.streams = append(r.streams, s)
	}
	s.packets++
	s.analyse(float64(c.Frame.TS-r.firstTS)/1e6, pt, uint16(seq), uint32(ts), marker)
}

// analyse is Wireshark's rtppacket_analyse for what the stream report prints.
func (s *rtpStream) analyse(now float64, pt uint64, seq uint16, ts uint32, marker bool) {
	ext := int64(ts)
	if s.totalNr > 0 { // extend the timestamp across wraps
		ext = s.lastTS&^0xffffffff | int64(ts)
		if ext+0x80000000 < s.lastTS {
			ext += 1 << 32
		} else if s.lastTS+0x80000000 < ext {
			ext -= 1 << 32
		}
	}
	if s.totalNr == 0 {
		s.startSeq, s.stopSeq, s.seqNum = seq, seq, seq
		s.start, s.stop, s.time = now, now, now
		s.seqTS, s.lastTS = ext, ext
		s.pt = pt
		s.minDelta, s.minJitter = -1, -1
		s.totalNr = 1
		return
	}
	s.stop = now
	inSeq := s.seqTS <= ext
	if !inSeq {
		s.wrongTS = true
	}
	switch {
	case seq < s.startSeq && inSeq && !s.under:
		s.cycles++
		s.under = true
	case seq == 0 && s.stopSeq == 65535 && inSeq && !s.under:
		s.cycles++
		s.under = true
	case seq > s.startSeq && inSeq && s.under:
		s.under = false
	}
	wrongSeq := false
	switch {
	case inSeq && s.seqNum+1 == seq:
		s.seqNum = seq
	case inSeq && s.seqNum == 65535 && seq == 0:
		s.seqNum = seq
	case inSeq && (s.seqNum+1 < seq || s.seqNum-seq > 0xff00):
		s.seqNum = seq
		wrongSeq = true
	case s.seqNum+1 > seq:
		wrongSeq = true
	}
	if wrongSeq {
		s.wrongSeq = true
	}
	cn := pt == 13 || pt == 19 || s.pt == 13 || s.pt == 19
	s.pt = pt
	rate := rtpClockRates[pt]
	var current float64
	if rate != 0 {
		nominal := float64(ext-s.seqTS) / (rate / 1000)
		expected := s.time + nominal
		diff := math.Abs(now - expected)
		current = (15*s.jitter + diff) / 16
		s.delta = now - s.time
		s.jitter = current
	} else {
		s.delta = now - s.time
	}
	if !marker && !cn && inSeq {
		if s.delta > s.maxDelta {
			s.maxDelta = s.delta
		}
		if s.minDelta == -1 || s.delta < s.minDelta {
			s.minDelta = s.delta
		}
		s.meanDelta = (s.meanDelta*float64(s.totalNr-1) + s.delta) / float64(s.totalNr)
		if rate != 0 {
			if s.jitter > s.maxJitter {
				s.maxJitter = s.jitter
			}
			s.meanJitter = (s.meanJitter*float64(s.totalNr-1) + current) / float64(s.totalNr)
			if s.minJitter == -1 || s.jitter < s.minJitter {
				s.minJitter = s.jitter
			}
		}
	}
	if inSeq {
		s.time = now
		s.seqTS = ext
	}
	s.lastTS = ext
	s.stopSeq = seq
	s.totalNr++
}

// Finish prints tshark's table, the most recently started stream first as tshark lists them.
func (r *RTPStreams) Finish(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "========================= RTP Streams ========================\n")
	fmt.Fprintf(bw, "%13s %13s %15s %5s %15s %5s %10s %16s %5s %12s %15s %15s %15s %15s %15s %15s %s\n",
		"Start time", "End time", "Src IP addr", "Port", "Dest IP addr", "Port", "SSRC", "Payload", "Pkts", "Lost",
		"Min Delta(ms)", "Mean Delta(ms)", "Max Delta(ms)", "Min Jitter(ms)", "Mean Jitter(ms)", "Max Jitter(ms)", "Problems?")
	for i := len(r.streams) - 1; i >= 0; i-- {
		s := r.streams[i]
		payload, ok := dissect.RTPPayloadShortNames[s.pt]
		if !ok {
			if s.pt > 95 {
				payload = fmt.Sprintf("Unknown(%d)", s.pt)
			} else {
				payload = fmt.Sprintf("Unknown (%d)", s.pt)
			}
		}
		expected := int(s.stopSeq) + s.cycles*65536 - int(s.startSeq) + 1
		lost := expected - s.totalNr
		perc := 0.0
		if expected != 0 {
			perc = float64(lost*100) / float64(expected)
		}
		problem := ""
		if s.wrongSeq || s.wrongTS {
			problem = "X"
		}
		fmt.Fprintf(bw, "%13.6f %13.6f %15s %5d %15s %5d 0x%08X %16s %5d %5d (%.1f%%) %15.3f %15.3f %15.3f %15.3f %15.3f %15.3f %s\n",
			s.start/1000, s.stop/1000, s.key.src, s.key.sport, s.key.dst, s.key.dport, s.key.ssrc, payload,
			s.packets, lost, perc, s.minDelta, s.meanDelta, s.maxDelta, s.minJitter, s.meanJitter, s.maxJitter,
			strings.TrimSpace(problem))
	}
	fmt.Fprintf(bw, "==============================================================\n")
	return bw.Flush()
}
