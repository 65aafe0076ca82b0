package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// outputCases are tshark's other outputs and options, each compared byte for byte with tshark 4.0
// on the testdata captures. tree says the output holds the dissection tree (so captures whose
// dissection still differs from tshark's are left out, see treeDiffers); captures limits a case to
// some captures (nil: all).
var outputCases = []struct {
	name     string
	args     []string
	tree     bool
	captures []string
}{
	{"psml", []string{"-T", "psml"}, false, nil},
	{"tabs", []string{"-T", "tabs"}, false, nil},
	{"pdml", []string{"-T", "pdml"}, true, nil},
	{"ek", []string{"-T", "ek"}, true, nil},
	{"jsonraw", []string{"-T", "jsonraw"}, true, nil},
	{"json-j", []string{"-T", "json", "-j", "ip ip.flags udp.srcport"}, true, optionCaptures},
	{"json-J", []string{"-T", "json", "-J", "udp arp"}, true, optionCaptures},
	{"pdml-j", []string{"-T", "pdml", "-j", "ip ip.flags"}, true, optionCaptures},
	{"ek-J", []string{"-T", "ek", "-J", "ip"}, true, optionCaptures},
	{"ek-P", []string{"-T", "ek", "-P"}, false, optionCaptures},
	{"ek-e", []string{"-T", "ek", "-e", "ip.src", "-e", "udp.port", "-e", "frame.len"}, false, optionCaptures},
	{"V-O", []string{"-O", "ip,udp"}, true, optionCaptures},
	{"V-P", []string{"-V", "-P"}, true, optionCaptures},
	{"l", []string{"-l"}, false, optionCaptures},
	{"2R", []string{"-2", "-R", "udp || arp"}, false, optionCaptures},
	{"2R-V", []string{"-2", "-R", "ip", "-V"}, true, optionCaptures},
}

// optionCaptures are the captures the option cases run on.
var optionCaptures = []string{"arp.pcap", "dhcp.pcap", "ntp.pcap", "udp.pcap", "vlan.pcap", "tls13.pcap", "http.pcap"}

// treeDiffers are the captures whose dissection still differs from tshark's somewhere (their -V
// and -T json differ too), with what differs: the writers are checked on the others.
var treeDiffers = map[string]string{
	"dns.pcap": "tcp.pdu.size", "ftp.pcap": "ftp details", "gre.pcap": "gre details",
	"handshakes.pcap": "tcp analysis", "http.pcap": "http details", "icmp.pcap": "icmp details",
	"icmpv6.pcap": "icmpv6 details", "imap.pcap": "imap details", "ipfrag.pcap": "reassembly details",
	"ipv6-ext.pcap": "ipv6 extension headers", "sll.pcap": "sll details", "sll2.pcap": "sll2 details",
	"smtp.pcap": "smtp details", "ssh.pcap": "ssh details", "tls-keylog.pcap": "tls details",
	"tls12-ciphers.pcap": "tls details", "tls12-frag.pcap": "tls details", "tls12-noems.pcap": "tls details",
	"tls12-port.pcap": "tls details", "tls12-resume.pcap": "tls details", "tls12-rsa.pcap": "tls details",
	"tls12-two.pcap": "tls details", "mixed.pcapng": "several", "telnet.pcapng": "telnet details",
	// the session-3 application captures: their -V trees still differ in places (each helper's
	// report lists where: TCP D-SACK items, SMB reserved fields, RADIUS EAP, HTTP/2 not dissected)
	"kerberos.pcap": "tcp analysis", "ldap.pcap": "tcp analysis",
	"memcache.pcap": "tcp d-sack", "mqtt.pcap": "tcp d-sack", "mysql.pcap": "tcp analysis",
	"pgsql.pcap": "tcp d-sack", "radius.pcap": "radius eap", "redis.pcap": "resp reassembly",
	"sip.pcap": "sip details", "smb.pcap": "smb reserved fields", "syslog.pcap": "syslog details",
	"tftp.pcap": "tftp details",
	// the export-objects capture: SMB1 file commands carry fewer items than tshark's (flag bits,
	// access masks, the FID's open parameters)
	"smbfiles.pcap": "smb1 file command details",
	// the web captures: pdml's show of strings with CR/LF (tshark writes them raw), jsonraw's and
	// ek's PDU-size and text items of HTTP/2 over TCP, GIF/JPEG bodies (no GIF dissector)
	"h2.pcap": "pdml string show, http2 pdu items", "h2-tls.pcap": "pdml string show, tls app_data_proto position", "h2c.pcap": "pdml string show, http2 pdu items",
	"http-media.pcap": "gif and jpeg bodies",
}

// knownDifferent are single cases that differ for a reason outside the writer.
var knownDifferent = map[string]string{
	"jsonraw/pop.pcap":     "tcp.completeness has no data source in tshark (position 0, no bytes); ours points at the TCP header",
	"jsonraw/tcp-rst.pcap": "tcp.completeness has no data source in tshark",
	"jsonraw/tls13.pcap":   "tcp.completeness has no data source in tshark",
	"2R/tls13.pcap":        "a second pass shows the Client Hello as TLSv1, tshark as TLSv1.3 (the version the session settles on)",
	"2R-V/tls13.pcap":      "the same second-pass TLS version",
	"2R/http.pcap":         "a second pass shows HTTP's first segment of a reassembled response as HTTP, tshark as TCP",
	"2R-V/http.pcap":       "the same, and http details",
	"pdml/tls13.pcap":      "tls.app_data_proto (a zero-length generated item) sits at the record's start in tshark, at the record header in ours",
	"2R-V/ntp.pcap":        "NTP's request/response matching is not kept for a second pass (Response In, Request In, Delta Time)",
	"psml/smbfiles.pcap":   "the first segment of an NBSS message spanning segments: tshark's Info is NBSS's \"Session message\", ours TCP's",
	"tabs/smbfiles.pcap":   "the same NBSS first-segment Info",
	"psml/redis.pcap":      "a middle segment of a reassembled RESP array: Wireshark re-dissects the accumulated bytes",
	"tabs/redis.pcap":      "the same RESP segment",
	"psml/http-media.pcap": "a GIF body: tshark's Info names it GIF89a (its GIF dissector), ours image/gif",
	"tabs/http-media.pcap": "the same GIF body",
	"psml/smb.pcap":        "one SMB1 Trans2 response lacks tshark's Files: list in Info",
	"tabs/smb.pcap":        "the same SMB1 Info",
}

// knownExportDifferent are export cases that differ for a reason outside the exporter.
var knownExportDifferent = map[string]string{
	"http-handshakes": "with an HTTP export tap tshark hands non-HTTP bytes on port 8080 to HTTP and exports them as object<frame>; ours, like tshark without the tap, leaves them to TCP",
}

var pdmlTime = regexp.MustCompile(` (time|capture_file)="[^"]*"`)

// normalize removes what changes from run to run: the time pdml was written, and the capture's
// path (the checkout's place).
func normalize(b []byte) []byte { return pdmlTime.ReplaceAll(b, nil) }

func sum(b []byte) string {
	h := sha256.Sum256(normalize(b))
	return hex.EncodeToString(h[:])
}

// TestOutputsMatchTshark compares every output case with tshark's answer, recorded as sha256 sums
// in testdata/TestOutputsMatchTshark/<case>.golden (UPDATE_GOLDEN=1 records the captures missing
// there with tshark, UPDATE_GOLDEN=all every capture).
// A mismatch shows the first differing lines when tshark is installed.
func TestOutputsMatchTshark(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	all, _ := filepath.Glob(filepath.Join(root, "testdata", "captures", "*.pcap*"))
	sort.Strings(all)
	for _, tc := range outputCases {
		t.Run(tc.name, func(t *testing.T) {
			caps := tc.captures
			if caps == nil {
				for _, p := range all {
					caps = append(caps, filepath.Base(p))
				}
			}
			if golden.Updating() {
				// tshark's answer for a capture already recorded does not change: only new
				// captures are asked (UPDATE_GOLDEN=all asks again for every one)
				old := map[string]string{}
				if os.Getenv("UPDATE_GOLDEN") != "all" {
					if _, err := os.Stat(golden.Path(t, tc.name)); err == nil {
						old = readSums(t, golden.Path(t, tc.name))
					}
				}
				var b strings.Builder
				for _, c := range caps {
					s, ok := old[c]
					if !ok {
						out, _, _ := tsharktest.Run(t, append([]string{"-n", "-r", filepath.Join(root, "testdata", "captures", c)}, tc.args...)...)
						s = sum(out)
					}
					fmt.Fprintf(&b, "%s %s\n", c, s)
				}
				golden.Write(t, golden.Path(t, tc.name), []byte(b.String()))
				return
			}
			want := readSums(t, golden.Path(t, tc.name))
			checked := 0
			for _, c := range caps {
				key := tc.name + "/" + c
				if _, ok := knownDifferent[key]; ok {
					continue
				}
				if _, ok := treeDiffers[c]; ok && tc.tree {
					continue
				}
				path := filepath.Join(root, "testdata", "captures", c)
				got := []byte(runCLI(t, append([]string{"-n", "-r", path}, tc.args...)...))
				checked++
				if sum(got) == want[c] {
					continue
				}
				msg := ""
				if tsharktest.Available() {
					ts, _, _ := tsharktest.Run(t, append([]string{"-n", "-r", path}, tc.args...)...)
					msg = golden.Diff(string(normalize(ts)), string(normalize(got)))
				}
				t.Errorf("%s %s differs from tshark's\n%s", c, strings.Join(tc.args, " "), msg)
			}
			if checked == 0 {
				t.Fatal("no capture checked")
			}
		})
	}
}

// TestOutputsLiveSample re-runs tshark on one capture for two cases (a column format and a tree
// format) and checks the recorded sums are still its answers.
func TestOutputsLiveSample(t *testing.T) {
	tsharktest.Path(t)
	if golden.Updating() {
		t.Skip("recording")
	}
	root := tsharktest.RepoRoot(t)
	for _, tc := range []int{0, 2} { // psml, pdml
		tc := outputCases[tc]
		want := readSums(t, filepath.Join("testdata", "TestOutputsMatchTshark", tc.name+".golden"))
		out, _, _ := tsharktest.Run(t, append([]string{"-n", "-r", filepath.Join(root, "testdata", "captures", "udp.pcap")}, tc.args...)...)
		if sum(out) != want["udp.pcap"] {
			t.Errorf("%s: tshark's answer on udp.pcap is no longer the recorded one (UPDATE_GOLDEN=1 re-records)", tc.name)
		}
	}
}

func readSums(t *testing.T, p string) map[string]string {
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("golden file: %v (UPDATE_GOLDEN=1 with tshark installed records it)", err)
	}
	m := map[string]string{}
	for _, ln := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if name, s, ok := strings.Cut(ln, " "); ok {
			m[name] = s
		}
	}
	return m
}

// TestExportObjectsMatchTshark saves the objects of each --export-objects protocol and compares
// names and sha256 with tshark's export, recorded in
// testdata/TestExportObjectsMatchTshark/<proto>-<capture>.golden; the cases marked live are
// re-checked against tshark itself when it is installed.
func TestExportObjectsMatchTshark(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	cases := []struct {
		proto, capture string
		live           bool
	}{
		{"http", "http.pcap", true}, {"imf", "smtp.pcap", true}, {"imf", "pop.pcap", false}, {"imf", "imap.pcap", false},
		{"http", "handshakes.pcap", false}, {"tftp", "tftp.pcap", true}, {"smb", "smb.pcap", true},
		{"smb", "smbfiles.pcap", true}, {"tftp", "udp.pcap", false}, {"smb", "http.pcap", false},
	}
	for _, tc := range cases {
		name := tc.proto + "-" + strings.TrimSuffix(tc.capture, filepath.Ext(tc.capture))
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(root, "testdata", "captures", tc.capture)
			if why, ok := knownExportDifferent[name]; ok && !golden.Updating() {
				t.Skip("known difference: " + why)
			}
			if golden.Updating() {
				dir := t.TempDir()
				tsharktest.Run(t, "-n", "-r", path, "-q", "--export-objects", tc.proto+","+dir)
				golden.Write(t, golden.Path(t, name), dirSums(t, dir))
				return
			}
			dir := t.TempDir()
			runCLI(t, "-n", "-r", path, "-q", "--export-objects", tc.proto+","+dir)
			got := dirSums(t, dir)
			want, err := os.ReadFile(golden.Path(t, name))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("exported objects differ from tshark's:\n%s", golden.Diff(string(want), string(got)))
			}
			if tc.live && tsharktest.Available() {
				tdir := t.TempDir()
				tsharktest.Run(t, "-n", "-r", path, "-q", "--export-objects", tc.proto+","+tdir)
				if ts := dirSums(t, tdir); string(ts) != string(want) {
					t.Errorf("tshark's export is no longer the recorded one (UPDATE_GOLDEN=1 re-records):\n%s", golden.Diff(string(want), string(ts)))
				}
			}
		})
	}
}

// dirSums lists a directory's files with their sha256, sorted by name.
func dirSums(t *testing.T, dir string) []byte {
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(data)
		fmt.Fprintf(&b, "%s %s\n", hex.EncodeToString(h[:]), e.Name())
	}
	return []byte(b.String())
}
