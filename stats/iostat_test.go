package stats_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/capture"
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

// TestIOStatFramesYearsApart: two frames four years apart at an interval of a second make a table of
// 130 million rows; it is refused at once, in little memory (the intervals used to be a dense list,
// which ran out of memory: a mutation sweep finding). Fewer rows print, keeping only the busy ones.
func TestIOStatFramesYearsApart(t *testing.T) {
	for _, tc := range []struct {
		gap     uint32 // seconds
		arg     string
		wantErr string
	}{
		{130637803, "io,stat,1", "at most 10000000 are printed"},
		{50000, "io,stat,10", ""},
	} {
		var buf bytes.Buffer
		pkt := make([]byte, 60)
		pkt[12] = 0x08
		w, _ := capture.NewPcapWriter(&buf, 1, 65535, false)
		w.WritePacket(&capture.Packet{TS: 1e18, Data: pkt})
		w.WritePacket(&capture.Packet{TS: 1e18 + int64(tc.gap)*1e9, Data: pkt})
		w.Flush()
		path := filepath.Join(t.TempDir(), "gap.pcap")
		os.WriteFile(path, buf.Bytes(), 0o600)
		tp, err := stats.NewIOStat(tc.arg)
		if err != nil {
			t.Fatal(err)
		}
		var out, errw bytes.Buffer
		err = batch.Run(&batch.Options{Files: []string{path}, Quiet: true, Taps: []batch.Tap{tp}, Precision: -1}, &out, &errw)
		switch {
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s over %d s: err %v", tc.arg, tc.gap, err)
		case tc.wantErr == "" && (err != nil || !strings.Contains(out.String(), "|     0 <>    10 |      1 |    60 |")):
			t.Errorf("%s over %d s: err %v\n%.600s", tc.arg, tc.gap, err, out.String())
		}
		if n := len(tp.Cols[0].Items); n != 2 {
			t.Errorf("%d intervals kept, want the 2 busy ones", n)
		}
	}
}
