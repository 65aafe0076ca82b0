package dissect_test

// Differential tests of the enterprise protocols (Kerberos, LDAP, NBSS/SMB/SMB2 with GSS-API,
// SPNEGO and NTLMSSP, RADIUS, syslog, TFTP, X.509, DHCPv6; HTTP/2 with gRPC and protobuf; HTTP
// media types) against tshark 4.0's answers, recorded as
// golden files (UPDATE_GOLDEN=1 re-records them) so that the tests cost no tshark run; one capture
// is re-checked live when tshark is installed (TestProtocolGoldensLive).

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// protoDiff is one protocol family's check: its captures, the field prefixes compared, the layers
// whose frames have their columns compared, the -V subtree compared, and the agreement floors.
type protoDiff struct {
	name      string
	files     []string // "tc/x.pcap" (testdata/captures), a reference corpus name, or "../tcpdump/x.pcap"
	prefixes  []string
	layers    []string
	treeProto string
	treeTop   []string
	minField  float64
	minCols   float64
	minTrees  float64
}

var protoDiffs = []protoDiff{
	{"kerberos", []string{"tc/kerberos.pcap"}, []string{"kerberos."}, []string{"kerberos"},
		"kerberos", []string{"Kerberos"}, 1, 1, 1},
	{"ldap", []string{"tc/ldap.pcap"}, []string{"ldap."}, []string{"ldap", "cldap"},
		"ldap", []string{"Lightweight Directory Access Protocol"}, 1, 1, 1},
	{"smb", []string{"tc/smb.pcap"}, []string{"smb2.", "smb.", "nbss.", "ntlmssp.", "spnego.", "gss-api."}, []string{"smb2", "nbss", "smb"},
		"nbss,smb2,gss-api,spnego,ntlmssp", []string{"NetBIOS Session Service", "SMB2 (Server", "GSS-API", "Simple Protected", "NTLM Secure"}, 0.93, 0.98, 0.25},
	{"radius", []string{"tc/radius.pcap", "../tcpdump/RADIUS.pcap", "../tcpdump/RADIUS-RFC4675.pcap", "../tcpdump/RADIUS-RFC3162.pcap"},
		[]string{"radius."}, []string{"radius"}, "radius", []string{"RADIUS Protocol"}, 0.95, 1, 0.55},
	{"syslog", []string{"tc/syslog.pcap", "../tcpdump/syslog_udp.pcap"}, []string{"syslog."}, []string{"syslog"},
		"syslog", []string{"Syslog message"}, 1, 1, 1},
	{"tftp", []string{"tc/tftp.pcap", "../tcpdump/tftp.pcap"}, []string{"tftp."}, []string{"tftp"},
		"tftp", []string{"Trivial File Transfer Protocol"}, 1, 1, 1},
	{"x509", []string{"tc/tls12-rsa.pcap", "tc/tls12-ciphers.pcap", "tls1.2.pcap"}, []string{"x509af.", "x509ce.", "x509if.", "x509sat.", "pkcs1."}, nil,
		"tls", []string{"Transport Layer Security"}, 0.95, 0, 0.9},
	{"dhcpv6", []string{"../tcpdump/dhcpv6-ia-na.pcap", "../tcpdump/dhcpv6-ia-pd.pcap", "../tcpdump/dhcpv6-ia-ta.pcap",
		"../tcpdump/dhcpv6-domain-list.pcap", "../tcpdump/dhcpv6-ntp-server.pcap", "../tcpdump/dhcpv6-AFTR-Name-RFC6334.pcap",
		"../tcpdump/dhcpv6-rfc8415-duid-type2.pcap", "../tcpdump/dhcpv6-sip-server-d.pcap"},
		[]string{"dhcpv6."}, []string{"dhcpv6"}, "dhcpv6", []string{"DHCPv6"}, 1, 1, 0.7},
	{"http2", []string{"tc/h2c.pcap", "tc/h2.pcap"}, []string{"http2.", "grpc.", "protobuf.", "json.", "data-text-lines", "tcp.pdu.size"},
		[]string{"http2", "grpc"}, "http2,grpc,protobuf,json", []string{"HyperText Transfer Protocol 2", "GRPC Message", "Protocol Buffers", "JavaScript Object"}, 1, 1, 1},
	{"media", []string{"tc/http-media.pcap"}, []string{"xml.", "mime_multipart.", "urlencoded-form.", "media.", "json."},
		[]string{"xml", "mime_multipart", "urlencoded-form", "media", "data-text-lines", "json"}, "xml,mime_multipart,urlencoded-form,data-text-lines,json",
		[]string{"eXtensible Markup Language", "MIME Multipart", "HTML Form URL Encoded", "Line-based text data", "JavaScript Object"}, 0.97, 1, 0.9},
}

// referenceDir is ../shared/corpus/reference, or "" when the corpus is absent.
func referenceDir() string {
	d := filepath.Join("..", "..", "shared", "corpus", "reference")
	if _, err := os.Stat(d); err != nil {
		return ""
	}
	return d
}

// diffFiles resolves a check's captures, leaving out those that are not here.
func diffFiles(pd protoDiff) []string {
	dir := referenceDir()
	var out []string
	for _, f := range pd.files {
		if !strings.HasPrefix(f, "tc/") && dir == "" {
			continue
		}
		p := capPath(dir, f)
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// goldenName is the golden file of a capture and a kind of answer ("testdata__tftp.pcap.fields",
// "tcpdump__tftp.pcap.fields": the folder keeps captures of the same name apart).
func goldenName(path, kind string) string {
	return filepath.Base(filepath.Dir(path)) + "__" + filepath.Base(path) + "." + kind
}

// tsharkFieldNames lists our fields with the prefixes that tshark knows (for re-recording).
func tsharkFieldNames(t *testing.T, prefixes []string) []string {
	out, _, err := tsharktest.Run(t, "-G", "fields")
	if err != nil {
		t.Fatalf("tshark -G fields: %v", err)
	}
	known := map[string]bool{}
	for _, l := range strings.Split(string(out), "\n") {
		if p := strings.Split(l, "\t"); len(p) > 2 && p[0] == "F" {
			known[p[2]] = true
		}
	}
	var names []string
	for _, n := range fieldsWithPrefix(prefixes...) {
		if known[n] {
			names = append(names, n)
		}
	}
	return names
}

// recordFields returns tshark's -T fields answer for a capture from its golden, recording it first
// when goldens are being updated.
func recordFields(t *testing.T, path string, names []string) []byte {
	gp := golden.Path(t, goldenName(path, "fields"))
	if golden.Updating() {
		args := []string{"-n", "-r", path, "-T", "fields", "-E", "header=y", "-E", "occurrence=a", "-E", "aggregator=,", "-E", "quote=n",
			"-e", "frame.protocols", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info"}
		for _, n := range names {
			args = append(args, "-e", n)
		}
		out, _, err := tsharktest.Run(t, args...)
		if err != nil {
			t.Fatalf("tshark %s: %v", path, err)
		}
		golden.Write(t, gp, out)
	}
	b, err := os.ReadFile(gp)
	if err != nil {
		t.Fatalf("%v (UPDATE_GOLDEN=1 records tshark's answers)", err)
	}
	return b
}

// TestProtocolsMatchTshark compares field values, frame.protocols and the Protocol and Info columns
// of every check's captures with tshark's recorded answers.
func TestProtocolsMatchTshark(t *testing.T) {
	for _, pd := range protoDiffs {
		t.Run(pd.name, func(t *testing.T) {
			files := diffFiles(pd)
			if len(files) == 0 {
				t.Skip("captures not present (the shared corpus is absent)")
			}
			var names []string
			if golden.Updating() {
				names = tsharkFieldNames(t, pd.prefixes)
			}
			var r diffResult
			for _, p := range files {
				out := recordFields(t, p, names)
				header := strings.Split(strings.SplitN(string(out), "\n", 2)[0], "\t")
				fields := header[3:]
				theirs, cols, protos := parseTsharkFields(out, fields)
				compareWith(t, p, append([]string{"frame.protocols"}, fields...), pd.layers, withProtocols(theirs, protos), cols, protos, &r)
			}
			reportDiff(t, &r, pd.minField, pd.minCols)
		})
	}
}

// withProtocols adds frame.protocols to tshark's values, so that it is compared as a field.
func withProtocols(vals []map[string]string, protos []string) []map[string]string {
	for i := range vals {
		if i < len(protos) {
			vals[i]["frame.protocols"] = protos[i]
		}
	}
	return vals
}

// reportDiff logs the first mismatches and checks the agreement floors.
func reportDiff(t *testing.T, r *diffResult, minField, minCols float64) {
	for i, m := range r.mismatches {
		if i >= 20 && os.Getenv("DBIN_VERBOSE") == "" {
			t.Logf("... %d more mismatches", len(r.mismatches)-i)
			break
		}
		t.Log(m)
	}
	t.Logf("fields: %d/%d agree; columns: %d/%d agree", r.fieldsSame, r.fieldsTotal, r.colsSame, r.colsTotal)
	if r.fieldsTotal > 0 && float64(r.fieldsSame) < minField*float64(r.fieldsTotal) {
		t.Errorf("field agreement %d/%d below %.2f", r.fieldsSame, r.fieldsTotal, minField)
	}
	if r.colsTotal > 0 && float64(r.colsSame) < minCols*float64(r.colsTotal) {
		t.Errorf("column agreement %d/%d below %.2f", r.colsSame, r.colsTotal, minCols)
	}
}

// TestProtocolTreesMatchTshark compares our -V text of each check's protocols with tshark's
// recorded -V -O output, frame by frame.
func TestProtocolTreesMatchTshark(t *testing.T) {
	for _, pd := range protoDiffs {
		t.Run(pd.name, func(t *testing.T) {
			files := diffFiles(pd)
			if len(files) == 0 {
				t.Skip("captures not present (the shared corpus is absent)")
			}
			var same, total int
			var diffs []string
			for _, p := range files {
				gp := golden.Path(t, goldenName(p, "tree"))
				if golden.Updating() {
					out, _, err := tsharktest.Run(t, "-n", "-r", p, "-V", "-O", pd.treeProto)
					if err != nil {
						t.Fatalf("tshark %s: %v", p, err)
					}
					golden.Write(t, gp, out)
				}
				out, err := os.ReadFile(gp)
				if err != nil {
					t.Fatalf("%v (UPDATE_GOLDEN=1 records tshark's answers)", err)
				}
				s, n, d := compareTreeText(p, pd.treeProto, pd.treeTop, out)
				same, total, diffs = same+s, total+n, append(diffs, d...)
			}
			for i, d := range diffs {
				if i == 5 {
					break
				}
				t.Log(d)
			}
			t.Logf("tree text (-V): %d/%d frames identical", same, total)
			if total > 0 && float64(same) < pd.minTrees*float64(total) {
				t.Errorf("identical trees %d/%d below %.2f", same, total, pd.minTrees)
			}
		})
	}
}

// TestProtocolGoldensLive re-runs tshark on one capture and checks that the recorded answer is still
// what it says (the goldens were recorded with the same tshark 4.0).
func TestProtocolGoldensLive(t *testing.T) {
	tsharktest.Path(t)
	p := filepath.Join("..", "testdata", "captures", "kerberos.pcap")
	want, err := os.ReadFile(filepath.Join("testdata", "TestProtocolsMatchTshark", goldenName(p, "fields")+".golden"))
	// (the capture's folder is testdata/captures: its golden is "captures__kerberos.pcap.fields")
	if err != nil {
		t.Skip("no golden recorded yet")
	}
	names := strings.Split(strings.SplitN(string(want), "\n", 2)[0], "\t")[3:]
	args := []string{"-n", "-r", p, "-T", "fields", "-E", "header=y", "-E", "occurrence=a", "-E", "aggregator=,", "-E", "quote=n",
		"-e", "frame.protocols", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info"}
	for _, n := range names {
		args = append(args, "-e", n)
	}
	got, _, err := tsharktest.Run(t, args...)
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	if string(got) != string(want) {
		t.Errorf("tshark's answer changed: re-record with UPDATE_GOLDEN=1\n%s", golden.Diff(string(want), string(got)))
	}
}
