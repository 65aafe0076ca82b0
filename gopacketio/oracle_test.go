package gopacketio_test

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/gopacketio"
	"github.com/tshark-tui/tshark-tui/internal/corpus"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// A check reads one of our fields' values from gopacket's decoding of a layer, in the order our
// tree holds their occurrences.
type check struct {
	field string
	layer gopacket.LayerType
	get   func(gopacket.Layer) []string
}

func u[T ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~int](v T) []string {
	return []string{strconv.FormatUint(uint64(v), 10)}
}
func b(v bool) []string {
	if v {
		return []string{"1"}
	}
	return []string{"0"}
}
func ip(v net.IP) []string            { return []string{v.String()} }
func mac(v net.HardwareAddr) []string { return []string{v.String()} }

// checks are the fields where gopacket's layers and our dissectors both decode the same thing.
var checks = []check{
	{"eth.dst", layers.LayerTypeEthernet, func(l gopacket.Layer) []string { return mac(l.(*layers.Ethernet).DstMAC) }},
	{"eth.src", layers.LayerTypeEthernet, func(l gopacket.Layer) []string { return mac(l.(*layers.Ethernet).SrcMAC) }},
	{"eth.type", layers.LayerTypeEthernet, func(l gopacket.Layer) []string {
		if e := l.(*layers.Ethernet); e.EthernetType >= 0x0600 {
			return u(uint16(e.EthernetType))
		}
		return nil // an 802.3 length, not a type
	}},
	{"vlan.priority", layers.LayerTypeDot1Q, func(l gopacket.Layer) []string { return u(l.(*layers.Dot1Q).Priority) }},
	{"vlan.id", layers.LayerTypeDot1Q, func(l gopacket.Layer) []string { return u(l.(*layers.Dot1Q).VLANIdentifier) }},
	{"vlan.etype", layers.LayerTypeDot1Q, func(l gopacket.Layer) []string { return u(uint16(l.(*layers.Dot1Q).Type)) }},
	{"ip.hdr_len", layers.LayerTypeIPv4, func(l gopacket.Layer) []string { return u(l.(*layers.IPv4).IHL * 4) }},
	{"ip.dsfield", layers.LayerTypeIPv4, func(l gopacket.Layer) []string { return u(l.(*layers.IPv4).TOS) }},
	{"ip.len", layers.LayerTypeIPv4, func(l gopacket.Layer) []string { return u(l.(*layers.IPv4).Length) }},
	{"ip.id", layers.LayerTypeIPv4, func(l gopacket.Layer) []string { return u(l.(*layers.IPv4).Id) }},
	{"ip.flags.df", layers.LayerTypeIPv4, func(l gopacket.Layer) []string { return b(l.(*layers.IPv4).Flags&layers.IPv4DontFragment != 0) }},
	{"ip.flags.mf", layers.LayerTypeIPv4, func(l gopacket.Layer) []string { return b(l.(*layers.IPv4).Flags&layers.IPv4MoreFragments != 0) }},
	{"ip.frag_offset", layers.LayerTypeIPv4, func(l gopacket.Layer) []string { return u(l.(*layers.IPv4).FragOffset) }},
	{"ip.ttl", layers.LayerTypeIPv4, func(l gopacket.Layer) []string { return u(l.(*layers.IPv4).TTL) }},
	{"ip.proto", layers.LayerTypeIPv4, func(l gopacket.Layer) []string { return u(uint8(l.(*layers.IPv4).Protocol)) }},
	{"ip.checksum", layers.LayerTypeIPv4, func(l gopacket.Layer) []string { return u(l.(*layers.IPv4).Checksum) }},
	{"ip.src", layers.LayerTypeIPv4, func(l gopacket.Layer) []string { return ip(l.(*layers.IPv4).SrcIP) }},
	{"ip.dst", layers.LayerTypeIPv4, func(l gopacket.Layer) []string { return ip(l.(*layers.IPv4).DstIP) }},
	{"ipv6.tclass", layers.LayerTypeIPv6, func(l gopacket.Layer) []string { return u(l.(*layers.IPv6).TrafficClass) }},
	{"ipv6.flow", layers.LayerTypeIPv6, func(l gopacket.Layer) []string { return u(l.(*layers.IPv6).FlowLabel) }},
	{"ipv6.plen", layers.LayerTypeIPv6, func(l gopacket.Layer) []string { return u(l.(*layers.IPv6).Length) }},
	{"ipv6.nxt", layers.LayerTypeIPv6, func(l gopacket.Layer) []string { return u(uint8(l.(*layers.IPv6).NextHeader)) }},
	{"ipv6.hlim", layers.LayerTypeIPv6, func(l gopacket.Layer) []string { return u(l.(*layers.IPv6).HopLimit) }},
	{"ipv6.src", layers.LayerTypeIPv6, func(l gopacket.Layer) []string { return ip(l.(*layers.IPv6).SrcIP) }},
	{"ipv6.dst", layers.LayerTypeIPv6, func(l gopacket.Layer) []string { return ip(l.(*layers.IPv6).DstIP) }},
	{"tcp.srcport", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return u(uint16(l.(*layers.TCP).SrcPort)) }},
	{"tcp.dstport", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return u(uint16(l.(*layers.TCP).DstPort)) }},
	{"tcp.seq_raw", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return u(l.(*layers.TCP).Seq) }},
	{"tcp.ack_raw", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return u(l.(*layers.TCP).Ack) }},
	{"tcp.hdr_len", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return u(l.(*layers.TCP).DataOffset * 4) }},
	{"tcp.flags.syn", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return b(l.(*layers.TCP).SYN) }},
	{"tcp.flags.ack", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return b(l.(*layers.TCP).ACK) }},
	{"tcp.flags.fin", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return b(l.(*layers.TCP).FIN) }},
	{"tcp.flags.reset", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return b(l.(*layers.TCP).RST) }},
	{"tcp.flags.push", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return b(l.(*layers.TCP).PSH) }},
	{"tcp.flags.urg", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return b(l.(*layers.TCP).URG) }},
	{"tcp.window_size_value", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return u(l.(*layers.TCP).Window) }},
	{"tcp.checksum", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return u(l.(*layers.TCP).Checksum) }},
	{"tcp.urgent_pointer", layers.LayerTypeTCP, func(l gopacket.Layer) []string { return u(l.(*layers.TCP).Urgent) }},
	{"udp.srcport", layers.LayerTypeUDP, func(l gopacket.Layer) []string { return u(uint16(l.(*layers.UDP).SrcPort)) }},
	{"udp.dstport", layers.LayerTypeUDP, func(l gopacket.Layer) []string { return u(uint16(l.(*layers.UDP).DstPort)) }},
	{"udp.length", layers.LayerTypeUDP, func(l gopacket.Layer) []string { return u(l.(*layers.UDP).Length) }},
	{"udp.checksum", layers.LayerTypeUDP, func(l gopacket.Layer) []string { return u(l.(*layers.UDP).Checksum) }},
	{"icmp.type", layers.LayerTypeICMPv4, func(l gopacket.Layer) []string { return u(l.(*layers.ICMPv4).TypeCode.Type()) }},
	{"icmp.code", layers.LayerTypeICMPv4, func(l gopacket.Layer) []string { return u(l.(*layers.ICMPv4).TypeCode.Code()) }},
	{"icmp.checksum", layers.LayerTypeICMPv4, func(l gopacket.Layer) []string { return u(l.(*layers.ICMPv4).Checksum) }},
	{"icmp.ident", layers.LayerTypeICMPv4, func(l gopacket.Layer) []string {
		if icmpHasID(l) {
			return u(l.(*layers.ICMPv4).Id)
		}
		return nil
	}},
	{"icmp.seq", layers.LayerTypeICMPv4, func(l gopacket.Layer) []string {
		if icmpHasID(l) {
			return u(l.(*layers.ICMPv4).Seq)
		}
		return nil
	}},
	{"icmpv6.type", layers.LayerTypeICMPv6, func(l gopacket.Layer) []string { return u(l.(*layers.ICMPv6).TypeCode.Type()) }},
	{"icmpv6.code", layers.LayerTypeICMPv6, func(l gopacket.Layer) []string { return u(l.(*layers.ICMPv6).TypeCode.Code()) }},
	{"icmpv6.checksum", layers.LayerTypeICMPv6, func(l gopacket.Layer) []string { return u(l.(*layers.ICMPv6).Checksum) }},
	{"arp.hw.type", layers.LayerTypeARP, func(l gopacket.Layer) []string { return u(uint16(l.(*layers.ARP).AddrType)) }},
	{"arp.proto.type", layers.LayerTypeARP, func(l gopacket.Layer) []string { return u(uint16(l.(*layers.ARP).Protocol)) }},
	{"arp.hw.size", layers.LayerTypeARP, func(l gopacket.Layer) []string { return u(l.(*layers.ARP).HwAddressSize) }},
	{"arp.proto.size", layers.LayerTypeARP, func(l gopacket.Layer) []string { return u(l.(*layers.ARP).ProtAddressSize) }},
	{"arp.opcode", layers.LayerTypeARP, func(l gopacket.Layer) []string { return u(l.(*layers.ARP).Operation) }},
	{"arp.src.hw_mac", layers.LayerTypeARP, func(l gopacket.Layer) []string { return mac(l.(*layers.ARP).SourceHwAddress) }},
	{"arp.src.proto_ipv4", layers.LayerTypeARP, func(l gopacket.Layer) []string { return ip(l.(*layers.ARP).SourceProtAddress) }},
	{"arp.dst.hw_mac", layers.LayerTypeARP, func(l gopacket.Layer) []string { return mac(l.(*layers.ARP).DstHwAddress) }},
	{"arp.dst.proto_ipv4", layers.LayerTypeARP, func(l gopacket.Layer) []string { return ip(l.(*layers.ARP).DstProtAddress) }},
	{"dns.id", layers.LayerTypeDNS, func(l gopacket.Layer) []string { return u(l.(*layers.DNS).ID) }},
	{"dns.flags.response", layers.LayerTypeDNS, func(l gopacket.Layer) []string { return b(l.(*layers.DNS).QR) }},
	{"dns.flags.opcode", layers.LayerTypeDNS, func(l gopacket.Layer) []string { return u(uint8(l.(*layers.DNS).OpCode)) }},
	{"dns.flags.authoritative", layers.LayerTypeDNS, func(l gopacket.Layer) []string { return b(l.(*layers.DNS).AA) }},
	{"dns.flags.truncated", layers.LayerTypeDNS, func(l gopacket.Layer) []string { return b(l.(*layers.DNS).TC) }},
	{"dns.flags.recdesired", layers.LayerTypeDNS, func(l gopacket.Layer) []string { return b(l.(*layers.DNS).RD) }},
	{"dns.flags.recavail", layers.LayerTypeDNS, func(l gopacket.Layer) []string { return b(l.(*layers.DNS).RA) }},
	{"dns.flags.rcode", layers.LayerTypeDNS, func(l gopacket.Layer) []string { return u(uint8(l.(*layers.DNS).ResponseCode)) }},
	{"dns.count.queries", layers.LayerTypeDNS, func(l gopacket.Layer) []string { return u(l.(*layers.DNS).QDCount) }},
	{"dns.count.answers", layers.LayerTypeDNS, func(l gopacket.Layer) []string { return u(l.(*layers.DNS).ANCount) }},
	{"dns.count.auth_rr", layers.LayerTypeDNS, func(l gopacket.Layer) []string { return u(l.(*layers.DNS).NSCount) }},
	{"dns.count.add_rr", layers.LayerTypeDNS, func(l gopacket.Layer) []string { return u(l.(*layers.DNS).ARCount) }},
	{"dns.qry.name", layers.LayerTypeDNS, func(l gopacket.Layer) []string {
		var out []string
		for _, q := range l.(*layers.DNS).Questions {
			out = append(out, dnsName(q.Name))
		}
		return out
	}},
	{"dns.qry.type", layers.LayerTypeDNS, func(l gopacket.Layer) []string {
		var out []string
		for _, q := range l.(*layers.DNS).Questions {
			out = append(out, u(uint16(q.Type))...)
		}
		return out
	}},
	{"dns.qry.class", layers.LayerTypeDNS, func(l gopacket.Layer) []string {
		var out []string
		for _, q := range l.(*layers.DNS).Questions {
			out = append(out, u(uint16(q.Class))...)
		}
		return out
	}},
	{"dns.resp.name", layers.LayerTypeDNS, rrs(func(r layers.DNSResourceRecord) []string { return []string{dnsName(r.Name)} })},
	{"dns.resp.type", layers.LayerTypeDNS, rrs(func(r layers.DNSResourceRecord) []string { return u(uint16(r.Type)) })},
	{"dns.a", layers.LayerTypeDNS, rrs(func(r layers.DNSResourceRecord) []string {
		if r.Type == layers.DNSTypeA && r.IP != nil {
			return ip(r.IP)
		}
		return nil
	})},
	{"dns.aaaa", layers.LayerTypeDNS, rrs(func(r layers.DNSResourceRecord) []string {
		if r.Type == layers.DNSTypeAAAA && r.IP != nil {
			return ip(r.IP)
		}
		return nil
	})},
}

// rrs applies f to every resource record of a DNS message in wire order (answers, authority,
// additional), as our tree lists them.
func rrs(f func(layers.DNSResourceRecord) []string) func(gopacket.Layer) []string {
	return func(l gopacket.Layer) []string {
		d := l.(*layers.DNS)
		var out []string
		for _, sec := range [][]layers.DNSResourceRecord{d.Answers, d.Authorities, d.Additionals} {
			for _, r := range sec {
				out = append(out, f(r)...)
			}
		}
		return out
	}
}

// isQinQ reports whether l announces an 802.1ad service tag next.
func isQinQ(l gopacket.Layer) bool {
	switch x := l.(type) {
	case *layers.Ethernet:
		return x.EthernetType == layers.EthernetTypeQinQ
	case *layers.Dot1Q:
		return x.Type == layers.EthernetTypeQinQ
	}
	return false
}

// icmpHasID reports whether an ICMP message type carries an identifier and sequence number that
// tshark shows (echo, timestamp, information, address mask).
func icmpHasID(l gopacket.Layer) bool {
	switch l.(*layers.ICMPv4).TypeCode.Type() {
	case 0, 8, 13, 14, 15, 16, 17, 18:
		return true
	}
	return false
}

func dnsName(b []byte) string {
	if len(b) == 0 {
		return "<Root>"
	}
	return string(b)
}

// knownBug is a disagreement where gopacket v1.1.19 is wrong or means something else than tshark
// (tshark agrees with us in each; checked with tshark -T fields).
type knownBug struct {
	fields []string
	files  []string
	reason string
}

// gopacketBugs lists the known disagreements; the test skips exactly these fields in these files.
var gopacketBugs = []knownBug{
	{[]string{"arp.hw.type"}, []string{"arp-oobr.pcap", "arp-too-long-tha.pcap"},
		"layers.ARP.AddrType is a LinkType, a uint8: hardware types above 255 (513, 12336) are cut to their low byte"},
	{[]string{"eth.dst", "eth.src", "eth.type"}, []string{"erspan-type-i-1.pcap", "erspan-type-i-2.pcap", "erspan-type-i-3.pcap", "erspan-type-i-4.pcap"},
		"GRE protocol 0x88be is always decoded as ERSPAN type II: type I frames (no GRE sequence number, no ERSPAN header) are read 8 bytes too far"},
	{[]string{"dns.flags.rcode"}, []string{"dns-badcookie.pcap", "dns-badvers.pcap"},
		"layers.DNS.ResponseCode folds the OPT record's extended RCODE into the header's 4 bits (23 = BADCOOKIE); dns.flags.rcode is the header's"},
	{[]string{"ip.len"}, []string{"bigtcp-ipv4-geneve-ipv4.pcap", "bigtcp-ipv4-geneve-ipv6.pcap", "bigtcp-ipv4-vxlan-ipv4.pcap",
		"bigtcp-ipv4-vxlan-ipv6.pcap", "bigtcp-ipv4.pcap", "icmp-length-zero.pcapng", "ipv4_tcp_http_xml_tso.pcap"},
		"a zero IPv4 total length (TSO, BIG TCP) is replaced by the captured length; ip.len is the header's 0"},
}

// knownBugs indexes gopacketBugs by "field file".
var knownBugs = func() map[string]string {
	m := map[string]string{}
	for _, kb := range gopacketBugs {
		for _, f := range kb.fields {
			for _, file := range kb.files {
				m[f+" "+file] = kb.reason
			}
		}
	}
	return m
}()

// ours returns the canonical text of a node's value, to compare with gopacket's.
func ours(f *field.Field, n *field.Node) string {
	switch {
	case f.Type.IsUnsigned():
		return strconv.FormatUint(n.Value.U, 10)
	case f.Type.IsSigned():
		return strconv.FormatInt(n.Value.I, 10)
	case f.Type.IsString():
		return string(n.Value.B)
	}
	return f.Repr(n.Value)
}

type tally struct{ same, differ, known, oursOnly, theirsOnly int }

// oracleFiles lists the captures of testdata and the shared corpus (absent corpus: testdata only).
func oracleFiles(t *testing.T) []string {
	root := tsharktest.RepoRoot(t)
	files, _ := filepath.Glob(filepath.Join(root, "testdata", "captures", "*.pcap*"))
	if d := filepath.Join(root, "..", "shared", "corpus"); dirExists(d) {
		files = append(files, corpus.Files(t, "")...)
	} else {
		t.Log("corpus: ../shared/corpus not present, testdata captures only")
	}
	return files
}

func dirExists(d string) bool {
	st, err := os.Stat(d)
	return err == nil && st.IsDir()
}

// TestGopacketOracle decodes every capture of testdata and the corpus with gopacket's layers and
// with our dissectors, and checks that both give the same value wherever both decode a field: a
// second oracle that needs no tshark.
func TestGopacketOracle(t *testing.T) {
	fields := make([]*field.Field, len(checks))
	want := field.NewIDSet(dissect.Fields)
	for i, c := range checks {
		f, ok := dissect.Fields.Lookup(c.field)
		if !ok {
			t.Fatalf("%s: no such field of ours", c.field)
		}
		fields[i] = f
		want.Add(f.ID)
	}
	tallies := make([]tally, len(checks))
	var files, packets, gopacketLost int
	diffs := map[string]*diffGroup{} // by field and file
	for _, path := range oracleFiles(t) {
		rd, err := capture.Open(path)
		if err != nil {
			continue // not a capture we read (the corpus holds some on purpose)
		}
		files++
		src := gopacketio.NewSource(rd)
		tr := field.NewTree(dissect.Fields)
		tr.Visible = false
		tr.Want = want
		c := dissect.NewCtx(tr, dissect.NewState())
		c.Pass1 = true
		base := filepath.Base(path)
		for n := uint32(1); ; n++ {
			pkt, err := src.NextPacket(gopacket.DecodeOptions{NoCopy: true})
			if err != nil {
				break
			}
			packets++
			ci := pkt.Metadata().CaptureInfo
			c.Run(&dissect.FrameInfo{Number: n, TS: ci.Timestamp.UnixNano(), CapLen: uint32(ci.CaptureLength),
				Len: uint32(ci.Length), Link: src.PacketLink()}, pkt.Data())
			if pkt.ErrorLayer() != nil {
				gopacketLost++
			}
			for i, ck := range checks {
				var theirs []string
				ls := pkt.Layers()
				for k, l := range ls {
					if l.LayerType() != ck.layer {
						continue
					}
					if k+1 < len(ls) && ls[k+1].LayerType() == gopacket.LayerTypeDecodeFailure {
						continue // gopacket keeps a layer it failed to decode, half filled
					}
					if k > 0 && l.LayerType() == layers.LayerTypeDot1Q && isQinQ(ls[k-1]) {
						continue // an 802.1ad S-tag: tshark's ieee8021ad.*, not vlan.*
					}
					theirs = append(theirs, ck.get(l)...)
				}
				var mine []string
				tr.Each(fields[i].ID, func(nd *field.Node) bool {
					mine = append(mine, ours(fields[i], nd))
					return true
				})
				k := min(len(mine), len(theirs))
				tl := &tallies[i]
				tl.oursOnly += len(mine) - k
				tl.theirsOnly += len(theirs) - k
				for j := 0; j < k; j++ {
					if mine[j] == theirs[j] {
						tl.same++
						continue
					}
					if _, known := knownBugs[ck.field+" "+base]; known {
						tl.known++
						continue
					}
					tl.differ++
					key := ck.field + " " + base
					if diffs[key] == nil {
						diffs[key] = &diffGroup{first: fmt.Sprintf("#%d ours %q, gopacket %q", n, mine[j], theirs[j])}
					}
					diffs[key].n++
				}
			}
		}
		src.Close()
	}
	var total tally
	var rep strings.Builder
	for i, tl := range tallies {
		total.same += tl.same
		total.differ += tl.differ
		total.known += tl.known
		total.oursOnly += tl.oursOnly
		total.theirsOnly += tl.theirsOnly
		fmt.Fprintf(&rep, "%-24s same %6d differ %3d known gopacket bug %3d ours only %5d gopacket only %5d\n",
			checks[i].field, tl.same, tl.differ, tl.known, tl.oursOnly, tl.theirsOnly)
	}
	t.Logf("%d files, %d packets (gopacket reports a decode error in %d); %d values agree, %d differ, %d known gopacket bugs, %d only ours, %d only gopacket's\n%s",
		files, packets, gopacketLost, total.same, total.differ, total.known, total.oursOnly, total.theirsOnly, rep.String())
	keys := make([]string, 0, len(diffs))
	for k := range diffs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("%s: %d values differ, first %s", k, diffs[k].n, diffs[k].first)
	}
}

type diffGroup struct {
	n     int
	first string
}
