package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// tlsCase is a project capture with the keys that decrypt it, given as tshark options (which
// tshark-tui accepts too).
type tlsCase struct {
	capture string
	keys    []string
	streams int
}

func tlsCases(root string) []tlsCase {
	k := func(name string) string { return filepath.Join(root, "testdata", "keys", name) }
	rsa := []string{"-o", `uat:rsa_keys:"` + k("server.key") + `",""`, "-o", `uat:rsa_keys:"` + k("server2.key") + `",""`}
	return []tlsCase{
		{"tls12-rsa.pcap", []string{"-o", "tls.keys_list:10.20.0.2,443,http," + k("server.key")}, 2},
		{"tls12-ciphers.pcap", rsa, 3},
		{"tls12-port.pcap", rsa, 1},
		{"tls12-two.pcap", rsa, 2},
		{"tls12-resume.pcap", rsa, 4},
		{"tls12-noems.pcap", rsa, 1},
		{"tls-keylog.pcap", []string{"-o", "tls.keylog_file:" + k("tls-keylog.keylog")}, 3},
		{"tls13.pcap", []string{"-o", "tls.keylog_file:" + k("tls13.keylog")}, 1},
		{"tls12-frag.pcap", append(rsa[:2:2], "-o", "tls.keylog_file:"+k("tls12-frag.keylog")), 2},
	}
}

func runCLI(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	c := &cli{stdout: &out, stderr: &errb}
	if code := c.run(args); code != 0 {
		t.Fatalf("tshark-tui %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	return out.String()
}

// TestTLSDecryptDifferential compares decrypted HTTP fields, summary lines and Follow TLS Stream
// with tshark's, given the same keys: tshark's answers are recorded in
// testdata/TestTLSDecryptDifferential (UPDATE_GOLDEN=1 re-records them) and the first capture is
// re-checked live when tshark is installed.
func TestTLSDecryptDifferential(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	for i, tc := range tlsCases(root) {
		t.Run(tc.capture, func(t *testing.T) {
			file := filepath.Join(root, "testdata", "captures", tc.capture)
			check := func(what string, args ...string) {
				t.Helper()
				full := append(append([]string{"-n", "-r", file}, tc.keys...), args...)
				got := runCLI(t, full...)
				name := strings.TrimSuffix(tc.capture, filepath.Ext(tc.capture)) + "_" + strings.ReplaceAll(what, " ", "_")
				if golden.Updating() || i == 0 && tsharktest.Available() {
					want, _, err := tsharktest.Run(t, full...)
					if err != nil {
						t.Fatalf("tshark: %v", err)
					}
					if golden.Updating() {
						golden.Write(t, golden.Path(t, name), want)
						return
					}
					if got != string(want) {
						t.Errorf("%s differs from tshark (live)\n--- tshark\n%s--- tshark-tui\n%s", what, want, got)
					}
				}
				golden.Assert(t, name, []byte(got))
			}
			check("HTTP fields", "-T", "fields", "-e", "frame.number", "-e", "http.request.uri", "-e", "http.response.code",
				"-e", "http.file_data", "-e", "tls.app_data_proto", "-e", "tls.record.content_type")
			check("summary lines")
			for n := 0; n < tc.streams; n++ {
				check("follow "+string(rune('0'+n)), "-q", "-z", "follow,tls,ascii,"+string(rune('0'+n)))
			}
		})
	}
}

// TestTLSWrongKey: a key that does not match the certificate decrypts nothing and says why.
func TestTLSWrongKey(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	file := filepath.Join(root, "testdata", "captures", "tls12-rsa.pcap")
	key := filepath.Join(root, "testdata", "keys", "server2.key")
	out := runCLI(t, "-r", file, "--tls-key", "10.20.0.2,443,http,"+key, "-T", "fields", "-e", "http.request.uri", "-e", "_ws.expert.message")
	if strings.Contains(out, "/hello") {
		t.Errorf("a wrong key decrypted something:\n%s", out)
	}
	if !strings.Contains(out, "no configured RSA private key matches the server's certificate") {
		t.Errorf("no reason given:\n%s", out)
	}
}

// TestTLSKeylogMissing: an ECDHE session without a key log entry says so.
func TestTLSKeylogMissing(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	file := filepath.Join(root, "testdata", "captures", "tls-keylog.pcap")
	key := filepath.Join(root, "testdata", "keys", "server.key")
	out := runCLI(t, "-r", file, "--tls-key", key, "-Y", "tls.decryption.failed", "-T", "fields", "-e", "_ws.expert.message")
	for _, want := range []string{"ephemeral key exchange (ECDHE) and no key log entry", "TLS 1.3: no key log entry"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}
