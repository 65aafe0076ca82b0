package stats_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/stats"
)

// ioCases are -z io,stat tables compared with tshark 4.0 (goldens recorded from tshark with
// UPDATE_GOLDEN=1). The filters avoid http, whose frames tshark's single pass counts differently.
var ioCases = []struct{ file, arg string }{
	{"http.pcap", "io,stat,1"}, {"http.pcap", "io,stat,0"}, {"http.pcap", "io,stat,0.01,tcp,ip.len>100"},
	{"http.pcap", "io,stat,0.05,,udp"}, {"dns.pcap", "io,stat,0.02,dns"}, {"tcp-rst.pcap", "io,stat,0.1"},
	{"http.pcap", "io,stat,0.02,COUNT(tcp.len)tcp.len,SUM(tcp.len)tcp,MIN(ip.len),MAX(ip.len),AVG(ip.len)ip"},
	{"http.pcap", "io,stat,0.03,FRAMES()tcp,BYTES()ip"}, {"telnet.pcapng", "io,stat,1"},
	{"telnet.pcapng", "io,stat,1.0,tcp"}, {"mixed.pcapng", "io,stat,0.001"},
	{"handshakes.pcap", "io,stat,1"}, {"handshakes.pcap", "io,stat,0.5,tcp.flags.syn==1"},
}

func TestIOStatAgainstTshark(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	for _, c := range ioCases {
		name := strings.NewReplacer(",", "_", "=", "", ".", "_", ">", "gt", "(", "_", ")", "_").Replace(c.file + "_" + c.arg)
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(root, "testdata", "captures", c.file)
			if golden.Updating() {
				if !tsharktest.Available() {
					t.Skip("tshark not installed")
				}
				out, _, err := tsharktest.Run(t, "-r", file, "-q", "-z", c.arg)
				if err != nil {
					t.Fatal(err)
				}
				golden.Write(t, golden.Path(t, name), out)
			}
			tp, err := stats.NewIOStat(c.arg)
			if err != nil {
				t.Fatal(err)
			}
			var out, errw bytes.Buffer
			o := &batch.Options{Files: []string{file}, Quiet: true, Taps: []batch.Tap{tp}, Precision: -1}
			if err := batch.Run(o, &out, &errw); err != nil {
				t.Fatalf("run: %v %s", err, errw.String())
			}
			golden.Assert(t, name, out.Bytes())
		})
	}
}

func TestIOStatBadArguments(t *testing.T) {
	for _, arg := range []string{"io,stat", "io,stat,x", "io,stat,-1", "io,stat,1,SUM(nosuch.field)", "io,stat,1,tcp.port ==", "io,stat,1,SUM(http.request.method)"} {
		t.Run(arg, func(t *testing.T) {
			if _, err := stats.NewIOStat(arg); err == nil {
				t.Errorf("%q: no error", arg)
			}
		})
	}
}
