package batch_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// protocolCase is a differential test of one dissector: the fields registered under its prefixes
// and the summary lines, on captures that carry it, compared with tshark's recorded answers.
type protocolCase struct {
	name     string
	prefixes []string // field name prefixes ("ospf.", "ah.")
	files    []string // "tcpdump/NAME" (../shared/corpus) or "testdata/NAME" (testdata/captures)
	// minFields and minSummary are the agreement floors of (packet, field) values and summary lines.
	minFields, minSummary float64
}

// protocolCases lists the routing, tunnelling and network-management dissectors with the captures
// they are checked on.
var protocolCases = []protocolCase{
	{"ospf", []string{"ospf."}, []string{"tcpdump/OSPFv2_Capture_FINAL.pcapng", "tcpdump/OSPFv3_broadcast_adjacency.pcap",
		"tcpdump/OSPFv3_NBMA_adjacencies.pcap", "tcpdump/ospf-nssa-bitnt.pcap", "tcpdump/ospf_graceful_restart_rfc3623.pcap",
		"tcpdump/ospf3_auth.pcapng", "tcpdump/ospf6_print_lshdr-oobr.pcap", "tcpdump/ospf-sr.pcapng"}, 0.99, 0.99},
	{"ipsec", []string{"ah.", "esp.", "udpencap."}, []string{"tcpdump/OSPFv3_with_AH.pcap", "tcpdump/02-sunrise-sunset-esp.pcap",
		"tcpdump/espudp1.pcap", "tcpdump/isakmp4500.pcap"}, 0.99, 0.7},
	{"chdlc", []string{"chdlc.", "slarp.", "fr."}, []string{"tcpdump/HDLC.pcap", "tcpdump/hdlc_slarp.pcapng",
		"tcpdump/chdlc-slarp.pcap", "tcpdump/OSPFv3_multipoint_adjacencies.pcap"}, 0.99, 0.99},
	{"erspan", []string{"erspan."}, []string{"tcpdump/erspan-type-i-3.pcap", "tcpdump/erspan-type-ii-1.pcap",
		"tcpdump/erspan-type-iii-ft-0.pcap", "tcpdump/erspan-type-iii-ft-7.pcap"}, 0.99, 0.1}, // tshark's columns show the mirrored frame's addresses
	{"rip", []string{"rip.", "ripng."}, []string{"tcpdump/ripv1v2.pcap", "tcpdump/ripv2_auth.pcap",
		"tcpdump/ripv2-invalid-length.pcap", "tcpdump/hoobr_ripng_print.pcap"}, 0.99, 0.9},
	{"lacp", []string{"slow.", "lacp."}, []string{"tcpdump/LACP.pcap"}, 0.99, 0.99},
	{"eigrp", []string{"eigrp."}, []string{"tcpdump/EIGRP_adjacency.pcap", "tcpdump/EIGRP_goodbye.pcap",
		"tcpdump/EIGRP_ipv6.pcap", "tcpdump/EIGRP_subnet_down.pcap", "tcpdump/eigrp-tlv-oobr.pcap"}, 0.99, 0.98},
	{"ptp", []string{"ptp."}, []string{"tcpdump/ptp.pcap", "tcpdump/ptp_ethernet.pcap", "tcpdump/ptp_v2_1.pcap",
		"tcpdump/ptp_management.pcap", "tcpdump/ptp_corrections.pcap"}, 0.98, 0.99},
	{"mptcp", []string{"tcp.options.mptcp.", "mptcp.expected", "mptcp.rm_addr"}, []string{"tcpdump/mptcp-v1.pcap",
		"tcpdump/mptcp-aa-v1.pcap", "tcpdump/mptcp-fclose.pcap", "tcpdump/mptcp-tcprst.pcap"}, 0.99, 0.95},
	{"openflow", []string{"openflow"}, []string{"tcpdump/of10_s4810.pcap", "tcpdump/of13_ericsson.pcapng",
		"tcpdump/of10_pf5240.pcap"}, 0.9, 0.9},
	{"bgp", []string{"bgp."}, []string{"tcpdump/bgp-4byte-asn.pcap", "tcpdump/bgp-evpn.pcap",
		"tcpdump/bgp_notification_rr_msg_error.pcap", "tcpdump/bgp-large-community.pcap"}, 0.9, 0.9},
	{"isis", []string{"isis."}, []string{"tcpdump/ISIS_level1_adjacency.pcap", "tcpdump/ISIS_p2p_adjacency.pcap",
		"tcpdump/ISIS_external_lsp.pcap"}, 0.9, 0.9},
	{"isakmp", []string{"isakmp."}, []string{"tcpdump/ISAKMP_sa_setup.pcap", "tcpdump/ikev2four.pcap"}, 0.9, 0.9},
	{"ppp", []string{"ppp.", "pppoe."}, []string{"tcpdump/ppp_ip_udp_dns.pcap", "tcpdump/bgp_vpn_attrset.pcap",
		"tcpdump/pppoes.pcap", "tcpdump/pppoe.pcap"}, 0.9, 0.9},
	{"lldp", []string{"lldp."}, []string{"tcpdump/LLDP_and_CDP.pcap", "tcpdump/lldp_mudurl.pcap"}, 0.9, 0.9},
	{"sflow", []string{"sflow_245."}, []string{"tcpdump/sflow_multiple_counter_30_pdus.pcap", "tcpdump/sflow-print-v6.pcap"}, 0.9, 0.8},
	{"sctp", []string{"sctp.", "m3ua."}, []string{"tcpdump/forces1.pcap", "tcpdump/forces2.pcap", "tcpdump/isup.pcap"}, 0.99, 0.99},
	{"babel", []string{"babel."}, []string{"tcpdump/babel_rfc6126bis.pcap", "tcpdump/babel_rtt.pcap", "tcpdump/babel_pad1.pcap",
		"tcpdump/babel_auth.pcap"}, 0.99, 0.99},
	{"dccp", []string{"dccp."}, []string{"tcpdump/dccp_partial_csum_v4_longer.pcap", "tcpdump/dccp_partial_csum_v6_longer.pcap",
		"tcpdump/dccp_options-oobr.pcap"}, 0.99, 0.9},
	{"nhrp", []string{"nhrp."}, []string{"tcpdump/nhrp.pcapng", "tcpdump/nhrp-trace.pcap", "tcpdump/NHRP-responder-address.pcap",
		"tcpdump/ios_nhrp.pcap"}, 0.99, 0.99},
	{"pgm", []string{"pgm."}, []string{"tcpdump/pgm_poll_polr.pcap", "tcpdump/pgm_zmtp1.pcap"}, 0.99, 0.99},
	{"ldp", []string{"ldp.hdr.", "ldp.msg.type", "ldp.msg.len", "ldp.msg.id", "ldp.msg.ubit", "ldp.msg.tlv.type", "ldp.msg.tlv.len",
		"ldp.msg.tlv.hello.", "ldp.msg.tlv.ipv4.taddr"}, []string{"tcpdump/ldp-common-session.pcap", "tcpdump/mpls-ldp-hello.pcap",
		"tcpdump/ldp-infinite-loop.pcap"}, 0.99, 0.99},
	{"mpls-echo", []string{"mpls_echo."}, []string{"tcpdump/lspping-fec-ldp.pcap", "tcpdump/lspping-fec-rsvp.pcap",
		"tcpdump/lsp-ping-timestamp.pcap"}, 0.9, 0.99},
	{"mipv6", []string{"mip6."}, []string{"tcpdump/ipv6_mobility_1.pcap", "tcpdump/ipv6-mobility-header-oobr.pcap"}, 0.99, 0.99},
	// Legacy LAN and campus protocols (issue 12's long tail).
	{"afs", []string{"rx.", "afs."}, []string{"tcpdump/afs.pcap", "tcpdump/rx_serviceid_oobr.pcap"}, 0.99, 0.98},
	{"aoe", []string{"aoe."}, []string{"tcpdump/AoE_Linux.pcap", "tcpdump/aoe-oobr-1.pcap"}, 0.99, 0.99},
	{"dec_dna", []string{"dec_dna."}, []string{"tcpdump/DECnet_Phone.pcap", "tcpdump/decnet-oobr.pcap", "tcpdump/decnet-shorthdr-oobr.pcap"}, 0.9, 0.9},
	{"gnw", []string{"geonw.", "btpa.", "btpb."}, []string{"tcpdump/geonet_v0_and_calm_fast.pcap", "tcpdump/cve-2014-8768-Geonet.pcap",
		"tcpdump/geonet-mac-lookup-heapoverflow.pcap"}, 0.9, 0.9},
	{"krb4", []string{"krb4."}, []string{"tcpdump/babel_update_oobr.pcap"}, 0.7, 0.9}, // fuzzed names: tshark -T fields prints control bytes raw, ours escapes them
	{"ipx", []string{"ipx.", "spx.", "ipxrip.", "ipxsap."}, []string{"tcpdump/ipx.pcap", "tcpdump/ipx-invalid-length.pcap",
		"tcpdump/smb_print_trans-oobr1.pcap", "tcpdump/isakmp-pointer-loop.pcap"}, 0.9, 0.9},
	{"udld", []string{"udld."}, []string{"tcpdump/UDLD.pcap", "tcpdump/udld-inf-loop-1.pcapng"}, 0.9, 0.9},
}

// protocolCapture resolves a case's file name, or "" when its directory is absent.
func protocolCapture(t *testing.T, name string) string {
	root := tsharktest.RepoRoot(t)
	var p string
	switch {
	case strings.HasPrefix(name, "tcpdump/"):
		p = filepath.Join(root, "..", "shared", "corpus", name)
	case strings.HasPrefix(name, "testdata/"):
		p = filepath.Join(root, "testdata", "captures", strings.TrimPrefix(name, "testdata/"))
	}
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// protocolFields lists the registered fields under the prefixes, by name.
func protocolFields(prefixes []string) []string {
	var out []string
	for _, f := range dissect.Fields.All() {
		if f.Type == field.Protocol || f.Type == field.None {
			continue
		}
		for _, p := range prefixes {
			if strings.HasPrefix(f.Abbrev, p) {
				out = append(out, f.Abbrev)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestProtocolsMatchTshark compares, for each protocol case, the -T fields values of its fields and
// the summary lines with tshark's recorded answers (UPDATE_GOLDEN=1 records them).
func TestProtocolsMatchTshark(t *testing.T) {
	for _, pc := range protocolCases {
		t.Run(pc.name, func(t *testing.T) {
			names := protocolFields(pc.prefixes)
			if golden.Updating() {
				names = tsharkKnows(t, names)
			}
			var agree, total, sumAgree, sumTotal int
			mismatch := map[string]int{}
			examples := map[string]string{}
			ran := 0
			for _, file := range pc.files {
				path := protocolCapture(t, file)
				if path == "" {
					continue
				}
				ran++
				base := pc.name + "__" + strings.ReplaceAll(file, "/", "__")
				a, n := compareProtocolFields(t, path, base+".fields", names, mismatch, examples)
				agree, total = agree+a, total+n
				a, n = compareProtocolSummary(t, path, base+".summary", examples)
				sumAgree, sumTotal = sumAgree+a, sumTotal+n
			}
			if ran == 0 {
				t.Skip("none of the case's captures is present (../shared/corpus/tcpdump, testdata/captures)")
			}
			reportAgreement(t, "fields", agree, total, pc.minFields, mismatch, examples)
			reportAgreement(t, "summary", sumAgree, sumTotal, pc.minSummary, nil, examples)
		})
	}
}

// compareProtocolFields compares one capture's field values with the golden and returns the agreeing
// and compared (packet, field) values.
func compareProtocolFields(t *testing.T, path, gname string, names []string, mismatch map[string]int, examples map[string]string) (int, int) {
	gp := golden.Path(t, gname)
	if golden.Updating() {
		args := []string{"-n", "-r", path, "-T", "fields", "-E", "header=y", "-E", "occurrence=a"}
		for _, n := range names {
			args = append(args, "-e", n)
		}
		out, _, err := tsharktest.Run(t, args...)
		if err != nil && len(out) == 0 {
			t.Fatalf("%s: tshark: %v", gname, err)
		}
		golden.Write(t, gp, out)
	}
	want, err := os.ReadFile(gp)
	if err != nil {
		t.Fatalf("%s: no golden (UPDATE_GOLDEN=1 records tshark's answers): %v", gname, err)
	}
	lines := strings.Split(strings.TrimRight(string(want), "\n"), "\n")
	cols := strings.Split(lines[0], "\t")
	o := &batch.Options{Files: []string{path}, Output: batch.OutFields, Separator: "\t", Aggregator: ",", Precision: -1}
	for _, n := range cols {
		f, ok := dissect.Fields.Lookup(n)
		if !ok {
			t.Fatalf("golden field %q is not registered", n)
		}
		o.Fields = append(o.Fields, f)
	}
	got := strings.Split(strings.TrimRight(runOurs(t, o), "\n"), "\n")
	rows := lines[1:]
	if len(got) != len(rows) {
		t.Errorf("%s: %d packets, tshark %d", gname, len(got), len(rows))
	}
	var agree, total int
	for i := 0; i < len(rows) && i < len(got); i++ {
		wv, gv := strings.Split(rows[i], "\t"), strings.Split(got[i], "\t")
		for j, n := range cols {
			var w, g string
			if j < len(wv) {
				w = wv[j]
			}
			if j < len(gv) {
				g = gv[j]
			}
			if w == "" && g == "" {
				continue
			}
			total++
			if w == g {
				agree++
				continue
			}
			mismatch[n]++
			if _, ok := examples[n]; !ok {
				examples[n] = fmt.Sprintf("%s frame %d: tshark %q, ours %q", gname, i+1, trunc(w), trunc(g))
			}
		}
	}
	return agree, total
}

// compareProtocolSummary compares one capture's summary lines (protocol and Info columns included)
// with the golden.
func compareProtocolSummary(t *testing.T, path, gname string, examples map[string]string) (int, int) {
	gp := golden.Path(t, gname)
	if golden.Updating() {
		out, _, _ := tsharktest.Run(t, "-n", "-r", path)
		golden.Write(t, gp, out)
	}
	want, err := os.ReadFile(gp)
	if err != nil {
		t.Fatalf("%s: no golden: %v", gname, err)
	}
	got := strings.Split(strings.TrimRight(runOurs(t, &batch.Options{Files: []string{path}, Separator: "\t", Aggregator: ",", Precision: -1}), "\n"), "\n")
	wl := strings.Split(strings.TrimRight(string(want), "\n"), "\n")
	var agree int
	for i := range wl {
		if i < len(got) && got[i] == wl[i] {
			agree++
			continue
		}
		k := "summary " + gname
		if _, ok := examples[k]; !ok {
			g := ""
			if i < len(got) {
				g = got[i]
			}
			examples[k] = fmt.Sprintf("line %d:\n  tshark: %s\n  ours:   %s", i+1, wl[i], g)
		}
	}
	return agree, len(wl)
}

// reportAgreement logs the agreement ratio and the worst fields, and fails below the floor.
func reportAgreement(t *testing.T, what string, agree, total int, floor float64, mismatch map[string]int, examples map[string]string) {
	t.Helper()
	if total == 0 {
		return
	}
	ratio := float64(agree) / float64(total)
	t.Logf("%s: %d of %d agree = %.4f", what, agree, total, ratio)
	var worst []string
	for k := range mismatch {
		worst = append(worst, k)
	}
	sort.Slice(worst, func(i, j int) bool {
		return mismatch[worst[i]] > mismatch[worst[j]] || mismatch[worst[i]] == mismatch[worst[j]] && worst[i] < worst[j]
	})
	for i, k := range worst {
		if i == 15 {
			break
		}
		t.Logf("%5d %s  e.g. %s", mismatch[k], k, examples[k])
	}
	if ratio < floor {
		if mismatch == nil {
			for k, v := range examples {
				if strings.HasPrefix(k, "summary ") {
					t.Logf("%s %s", k, v)
				}
			}
		}
		t.Errorf("%s agreement %.4f is below the floor %.4f", what, ratio, floor)
	}
}

// TestProtocolGoldensLive re-checks a sample of the recorded answers against the installed tshark,
// so that goldens recorded by another tshark version are noticed.
func TestProtocolGoldensLive(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: live tshark check skipped")
	}
	tsharktest.Path(t)
	if golden.Updating() {
		t.Skip("goldens are being recorded")
	}
	// The first capture of a few cases: small files, one tshark run each.
	for _, i := range []int{0, 2} {
		pc := protocolCases[i]
		path := protocolCapture(t, pc.files[0])
		if path == "" {
			continue
		}
		gp := filepath.Join("testdata", "TestProtocolsMatchTshark", pc.name+"__"+strings.ReplaceAll(pc.files[0], "/", "__")+".summary.golden")
		want, err := os.ReadFile(gp)
		if err != nil {
			t.Fatalf("%s: %v", gp, err)
		}
		out, _, _ := tsharktest.Run(t, "-n", "-r", path)
		if string(out) != string(want) {
			t.Errorf("%s: the installed tshark answers differently from the golden (UPDATE_GOLDEN=1 re-records)\n%s", gp, golden.Diff(string(want), string(out)))
		}
	}
}
