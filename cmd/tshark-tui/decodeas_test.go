package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// TestDecodeAsMatchesTshark: -d sends a port range to another dissector exactly as tshark's Decode
// As does (summary lines and frame.protocols, recorded with UPDATE_GOLDEN=1).
func TestDecodeAsMatchesTshark(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	caps := filepath.Join(root, "testdata", "captures")
	cases := []struct{ name, file, d string }{
		{"http-as-telnet", "http.pcap", "tcp.port==80,telnet"},
		{"http-as-data", "http.pcap", "tcp.port==80,data"},
		{"range", "http.pcap", "tcp.port==70-90,telnet"},
		{"count", "http.pcap", "tcp.port==80:1,ftp"},
		{"single-equals", "http.pcap", "tcp.port=80,telnet"},
		{"dns-as-data", "mixed.pcapng", "udp.port==53,data"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"-n", "-r", filepath.Join(caps, c.file), "-d", c.d}
			fields := append(append([]string(nil), args...), "-T", "fields", "-e", "frame.number", "-e", "frame.protocols")
			for i, a := range [][]string{args, fields} {
				name := c.name + []string{".summary", ".protocols"}[i]
				if golden.Updating() {
					out, _, err := tsharktest.Run(t, a...)
					if err != nil {
						t.Fatalf("tshark: %v", err)
					}
					golden.Write(t, golden.Path(t, name), out)
				}
				want, err := os.ReadFile(golden.Path(t, name))
				if err != nil {
					t.Fatalf("no recorded answer: %v (UPDATE_GOLDEN=1 records tshark's)", err)
				}
				if got := runCLI(t, a...); got != string(want) {
					t.Errorf("-d %s differs from tshark\n%s", c.d, golden.Diff(string(want), got))
				}
			}
		})
	}
	if out := runCLIErr(t, "-r", filepath.Join(caps, "http.pcap"), "-d", "tcp.port==80,nosuch"); !strings.Contains(out, `Unknown protocol -- "nosuch"`) {
		t.Errorf("an unknown protocol is not refused in tshark's words:\n%s", out)
	}
}

// runCLIErr runs a command line expected to fail and returns its standard error.
func runCLIErr(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb strings.Builder
	c := &cli{stdout: &out, stderr: &errb}
	if code := c.run(args); code == 0 {
		t.Fatalf("tshark-tui %s succeeded", strings.Join(args, " "))
	}
	return errb.String()
}
