// Package stats computes the aggregate reports of tshark's -z option and the answers built on them:
// conversations and endpoints (conv, endpoints), protocol hierarchy (io,phs), interval counts
// (io,stat), expert info (expert), credentials, and two reports of our own: the connection report
// (connreport: who opens connections to which server, by client subnet) and the handshake diagnosis
// (handshakes: each TCP connection attempt classified).
//
// Every report is a tap: it sees every dissected frame once, in order (Packet), and prints at the end
// (Finish). A tap's optional display filter limits the frames it counts; tshark's -Y does not apply
// to taps, and neither does it here. Reports print tshark 4.0's text exactly where tshark has the
// report; Differences lists where and why ours differ.
package stats

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Differences names every known formatting difference from tshark 4.0, with its reason.
var Differences = map[string]string{
	"tap order": "tshark prints its -z reports in the reverse order of the command line (each tap " +
		"listener is prepended to a list); batch prints them in command-line order",
	"eth names": "MAC vendor names come from the system's Wireshark manuf/wka files when installed " +
		"(/usr/share/wireshark); without them from a built-in copy (dissect/manuf.gz, scripts/make-manuf.sh)",
	"credentials": "-z credentials lists what tshark 4.0 finds (HTTP Basic, FTP, POP, IMAP, SMTP " +
		"AUTH username only) in tshark's table; the extra telnet, decoded SMTP/IMAP/POP PLAIN, Digest " +
		"and form-post rows are ours and appear only with -z credentials,all or ,show; the tap puts each " +
		"client stream back in order itself, so it also finds HTTP Basic credentials in streams where " +
		"tshark's HTTP reassembly gives up after out-of-order segments",
}

// filterPart compiles an optional display filter given in a -z argument ("" = none).
func filterPart(text string) (*displayfilter.Filter, error) {
	if text == "" {
		return nil, nil
	}
	f, err := displayfilter.Compile(text, dissect.Fields)
	if err != nil {
		return nil, fmt.Errorf("invalid filter %q: %w", text, err)
	}
	return f, nil
}

// mustID returns the ID of a registered field; a missing field is a programming error.
func mustID(name string) field.ID {
	f, ok := dissect.Fields.Lookup(name)
	if !ok {
		panic("stats: field " + name + " is not registered")
	}
	return f.ID
}

// optID returns the ID of a field that another dissector may not have registered yet (0 if absent).
func optID(name string) field.ID {
	if f, ok := dissect.Fields.Lookup(name); ok {
		return f.ID
	}
	return 0
}

// ids are the fields the reports read, resolved once after the dissectors registered them.
var ids = struct {
	frame, eth, ethSrc, ethDst, ip, ipSrc, ipDst, ipv6, ipv6Src, ipv6Dst field.ID
	tcp, tcpSrc, tcpDst, tcpStream, tcpFlags, tcpLen, tcpPayload, tcpSeq field.ID
	udp, udpSrc, udpDst, udpStream, icmp, icmpv6, icmpType, icmpCode     field.ID
	icmpv6Type, icmpv6Code, expert, expertSev, expertGroup, expertMsg    field.ID
	tcpSegments, ipv6Frag                                                field.ID
}{
	frame: mustID("frame"), eth: mustID("eth"), ethSrc: mustID("eth.src"), ethDst: mustID("eth.dst"),
	ip: mustID("ip"), ipSrc: mustID("ip.src"), ipDst: mustID("ip.dst"),
	ipv6: mustID("ipv6"), ipv6Src: mustID("ipv6.src"), ipv6Dst: mustID("ipv6.dst"),
	tcp: mustID("tcp"), tcpSrc: mustID("tcp.srcport"), tcpDst: mustID("tcp.dstport"),
	tcpStream: mustID("tcp.stream"), tcpFlags: mustID("tcp.flags"), tcpLen: mustID("tcp.len"),
	tcpPayload: mustID("tcp.payload"), tcpSeq: mustID("tcp.seq"),
	udp: mustID("udp"), udpSrc: mustID("udp.srcport"), udpDst: mustID("udp.dstport"),
	udpStream: mustID("udp.stream"), icmp: mustID("icmp"), icmpv6: mustID("icmpv6"),
	icmpType: mustID("icmp.type"), icmpCode: mustID("icmp.code"),
	icmpv6Type: mustID("icmpv6.type"), icmpv6Code: mustID("icmpv6.code"),
	expert: mustID("_ws.expert"), expertSev: mustID("_ws.expert.severity"),
	expertGroup: mustID("_ws.expert.group"), expertMsg: mustID("_ws.expert.message"),
	tcpSegments: optID("tcp.segments"), ipv6Frag: optID("ipv6.fraghdr"),
}

// inError reports whether node i lies inside the packet an ICMP error quotes: taps do not count those
// headers (Wireshark's pinfo->flags.in_error_pkt).
func inError(t *field.Tree, i int32) bool {
	for p := t.Nodes[i].Parent; p > 0; p = t.Nodes[p].Parent {
		if f := t.Nodes[p].Field; f == ids.icmp || f == ids.icmpv6 {
			return true
		}
	}
	return false
}

// child returns the first direct child of node p with field id, or nil.
func child(t *field.Tree, p int32, id field.ID) *field.Node {
	for c := t.Nodes[p].Child; c >= 0; c = t.Nodes[c].Next {
		if t.Nodes[c].Field == id {
			return &t.Nodes[c]
		}
	}
	return nil
}

// secs converts nanoseconds to seconds as Wireshark's nstime_to_sec does.
func secs(ns int64) float64 {
	s, n := ns/1e9, ns%1e9
	return float64(s) + float64(n)/1e9
}

// formatSize is Wireshark's format_size with FORMAT_SIZE_UNIT_BYTES and SI prefixes: "9091 bytes",
// "12 kB", "3 MB" (integer division, switching prefix at ten units).
func formatSize(n int64) string {
	const p = 1000
	switch {
	case n/p/p/p/p >= 10:
		return strconv.FormatInt(n/p/p/p/p, 10) + " TB"
	case n/p/p/p >= 10:
		return strconv.FormatInt(n/p/p/p, 10) + " GB"
	case n/p/p >= 10:
		return strconv.FormatInt(n/p/p, 10) + " MB"
	case n/p >= 10:
		return strconv.FormatInt(n/p, 10) + " kB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// splitArg cuts a -z argument's fixed prefix and returns the rest after a comma ("" if none); ok is
// false when arg does not start with prefix followed by "," or the end.
func splitArg(arg, prefix string) (rest string, ok bool) {
	if arg == prefix {
		return "", true
	}
	if strings.HasPrefix(arg, prefix+",") {
		return arg[len(prefix)+1:], true
	}
	return "", false
}

// OnePass says the table reads only its fields, frame by frame (batch.OnePassTap): tshark's single
// pass, with flat memory, serves it.
func (tb *Table) OnePass() bool { return true }

// OnePass says the hierarchy reads only each frame's protocol layers (batch.OnePassTap).
func (p *PHS) OnePass() bool { return true }

// OnePass says the tap reads only each frame's expert items (batch.OnePassTap).
func (e *Expert) OnePass() bool { return true }

// OnePass says the tap reads only its fields, frame by frame (batch.OnePassTap).
func (s *IOStat) OnePass() bool { return true }

// OnePass says the tap reads only each frame's fields (batch.OnePassTap).
func (h *Handshakes) OnePass() bool { return true }

// OnePass says the tap reads only each frame's fields (batch.OnePassTap).
func (r *ConnReport) OnePass() bool { return true }

// OnePass says the tap reads only each frame's fields (batch.OnePassTap).
func (cr *Credentials) OnePass() bool { return true }
