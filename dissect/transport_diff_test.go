package dissect_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// corpusDir returns the shared reference corpus, or skips the test.
func corpusDir(t testing.TB) string {
	d := filepath.Join("..", "..", "shared", "corpus", "reference")
	if _, err := os.Stat(d); err != nil {
		t.Skip("corpus not available")
	}
	return d
}

// frameResult is what our dissection of one frame gives for the compared fields and columns.
type frameResult struct {
	fields   map[string]string
	protocol string
	info     string
}

// dissectFile runs every packet of a capture through a fresh state with columns on and a full tree.
func dissectFile(t testing.TB, path string, names []string) []frameResult {
	t.Helper()
	rd, err := capture.Open(path)
	if err != nil {
		t.Skipf("open %s: %v", path, err)
	}
	defer rd.Close()
	tr := field.NewTree(dissect.Fields)
	st := dissect.NewState()
	c := dissect.NewCtx(tr, st)
	c.Cols.On = true
	c.Pass1 = true
	var out []frameResult
	var n uint32
	var ref, prev int64
	for {
		p, err := rd.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatalf("read: %v", err)
			}
			break
		}
		n++
		if n == 1 {
			ref = p.TS
		}
		fi := &dissect.FrameInfo{Number: n, TS: p.TS, CapLen: p.CapLen, Len: p.Len, Link: p.Link, RefTS: ref, PrevCapTS: prev}
		prev = p.TS
		c.Run(fi, p.Data)
		r := frameResult{fields: map[string]string{}, protocol: c.Cols.Protocol, info: string(c.Cols.Info)}
		for _, name := range names {
			f, ok := dissect.Fields.Lookup(name)
			if !ok {
				continue
			}
			var vals []string
			tr.Each(f.ID, func(nd *field.Node) bool {
				vals = append(vals, string(f.AppendRepr(nil, nd.Value)))
				return true
			})
			r.fields[name] = strings.Join(vals, ",")
		}
		out = append(out, r)
	}
	return out
}

// tsharkFields runs tshark -T fields on a capture.
func tsharkFields(t testing.TB, path string, names []string) [][]string {
	t.Helper()
	if _, err := exec.LookPath("tshark"); err != nil {
		t.Skip("tshark not installed")
	}
	args := []string{"-n", "-r", path, "-T", "fields", "-E", "separator=\t"}
	for _, n := range append([]string{"_ws.col.Protocol", "_ws.col.Info"}, names...) {
		args = append(args, "-e", n)
	}
	cmd := exec.Command("tshark", args...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		t.Fatalf("tshark: %v", err)
	}
	var rows [][]string
	for _, ln := range strings.Split(strings.TrimRight(stdout.String(), "\n"), "\n") {
		rows = append(rows, strings.Split(ln, "\t"))
	}
	return rows
}

var transportFields = map[string][]string{
	"tcp": {"tcp.srcport", "tcp.dstport", "tcp.port", "tcp.stream", "tcp.completeness", "tcp.len", "tcp.seq",
		"tcp.seq_raw", "tcp.nxtseq", "tcp.ack", "tcp.ack_raw", "tcp.hdr_len", "tcp.flags", "tcp.flags.res",
		"tcp.flags.ae", "tcp.flags.cwr", "tcp.flags.ece", "tcp.flags.urg", "tcp.flags.ack", "tcp.flags.push",
		"tcp.flags.reset", "tcp.flags.syn", "tcp.flags.fin", "tcp.flags.str", "tcp.window_size_value",
		"tcp.window_size", "tcp.window_size_scalefactor", "tcp.checksum", "tcp.checksum.status",
		"tcp.urgent_pointer", "tcp.options", "tcp.option_kind", "tcp.option_len", "tcp.options.mss_val",
		"tcp.options.wscale.shift", "tcp.options.wscale.multiplier", "tcp.options.sack_le", "tcp.options.sack_re",
		"tcp.options.timestamp.tsval", "tcp.options.timestamp.tsecr", "tcp.time_relative", "tcp.time_delta",
		"tcp.analysis.acks_frame", "tcp.analysis.ack_rtt", "tcp.analysis.bytes_in_flight",
		"tcp.analysis.push_bytes_sent", "tcp.analysis.initial_rtt", "tcp.analysis.duplicate_ack_num",
		"tcp.analysis.duplicate_ack_frame", "tcp.payload"},
	"udp": {"udp.srcport", "udp.dstport", "udp.port", "udp.length", "udp.checksum", "udp.checksum.status",
		"udp.stream", "udp.time_relative", "udp.time_delta", "udp.payload"},
	"icmp": {"icmp.type", "icmp.code", "icmp.checksum", "icmp.checksum.status", "icmp.ident", "icmp.ident_le",
		"icmp.seq", "icmp.seq_le", "icmp.resp_in", "icmp.resp_to", "icmp.resptime", "icmp.data_time",
		"icmp.data_time_relative"},
	"icmpv6": {"icmpv6.type", "icmpv6.code", "icmpv6.checksum", "icmpv6.checksum.status", "icmpv6.echo.identifier",
		"icmpv6.echo.sequence_number", "icmpv6.resp_in", "icmpv6.resp_to", "icmpv6.resptime",
		"icmpv6.nd.ns.target_address", "icmpv6.nd.na.target_address", "icmpv6.opt.type", "icmpv6.opt.length",
		"icmpv6.opt.linkaddr", "icmpv6.opt.src_linkaddr", "icmpv6.opt.target_linkaddr", "icmpv6.reserved"},
}

// transportCaptures are corpus files exercising the transport layers.
var transportCaptures = []string{
	"test_ethernet.pcap", "accecn_handshake.pcap", "print-flags.pcap", "ssh.pcap", "dns_tcp.pcap",
	"tcp_eight_lowest_weight_flags_set.pcap", "tcp_rst_data.pcap", "tfo-5c1fa7f9ae91.pcap", "smtp.pcap",
	"smtp-multi-addr.pcap", "ipv4.pcap", "ipv6.pcap", "get.pcap", "tls1.2.pcap", "tls13_wolfssl.pcap",
	"pptp.pcap", "test_loopback.pcap", "tcp-handshake-nano.pcap", "vlan-pcp-dei.pcapng", "test_dns.pcap",
	"icmp_dot1q.pcap", "icmpv6.pcap", "babel.pcap", "ntp.pcap", "ntp2.pcap", "wikipedia.pcap",
	"snmpv1_get.pcap", "edns-opts.pcap", "dhcp-rfc4388.pcap", "gre-sample.pcap", "linux_dlt_sll2.pcap",
	"icmp-rfc8335.pcap", "ipv6-http-atomic-frag.pcap", "tcp_rst_diag_payload.pcap", "LINKTYPE_RAW_ipv6.pcap",
}

// TestTransportAgainstTshark compares our transport fields and, for frames whose top protocol is a
// transport one, the Protocol and Info columns with tshark's.
func TestTransportAgainstTshark(t *testing.T) {
	dir := corpusDir(t)
	var names []string
	for _, p := range []string{"tcp", "udp", "icmp", "icmpv6"} {
		names = append(names, transportFields[p]...)
	}
	var total, bad, colTotal, colBad int
	perField := map[string][2]int{}
	for _, f := range transportCaptures {
		path := filepath.Join(dir, f)
		if _, err := os.Stat(path); err != nil {
			continue
		}
		t.Run(f, func(t *testing.T) {
			ours := dissectFile(t, path, names)
			theirs := tsharkFields(t, path, names)
			if len(ours) != len(theirs) {
				t.Fatalf("%d frames, tshark %d", len(ours), len(theirs))
			}
			shown := 0
			for i, row := range theirs {
				o := ours[i]
				proto := row[0]
				if proto == "TCP" || proto == "UDP" || proto == "ICMP" || proto == "ICMPv6" {
					colTotal++
					if o.protocol != proto || o.info != row[1] {
						colBad++
						if shown < 5 {
							t.Errorf("frame %d columns:\n ours   %s %q\n tshark %s %q", i+1, o.protocol, o.info, proto, row[1])
							shown++
						}
					}
				}
				for j, name := range names {
					want := ""
					if j+2 < len(row) {
						want = row[j+2]
					}
					got := o.fields[name]
					pf := perField[name]
					if want == "" && got == "" {
						continue
					}
					pf[0]++
					total++
					if got != want {
						pf[1]++
						bad++
						if shown < 12 {
							t.Errorf("frame %d %s: ours %q, tshark %q", i+1, name, got, want)
							shown++
						}
					}
					perField[name] = pf
				}
			}
		})
	}
	t.Logf("field values: %d compared, %d differ; columns: %d compared, %d differ", total, bad, colTotal, colBad)
	for _, n := range names {
		if pf := perField[n]; pf[1] > 0 {
			t.Logf("  %-40s %d/%d differ", n, pf[1], pf[0])
		}
	}
}
