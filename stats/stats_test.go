package stats_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/stats"
)

// newTap builds a report the way the CLI does.
func newTap(t *testing.T, arg string) batch.Tap {
	t.Helper()
	var (
		tp  batch.Tap
		err error
	)
	switch {
	case strings.HasPrefix(arg, "conv,"), strings.HasPrefix(arg, "endpoints,"):
		tp, err = stats.NewTable(arg)
	case strings.HasPrefix(arg, "io,phs"):
		tp, err = stats.NewPHS(arg)
	case strings.HasPrefix(arg, "expert"):
		tp, err = stats.NewExpert(arg)
	case strings.HasPrefix(arg, "credentials"):
		tp, err = stats.NewCredentials(arg)
	case strings.HasPrefix(arg, "handshakes"):
		tp, err = stats.NewHandshakes(arg)
	case strings.HasPrefix(arg, "connreport"):
		tp, err = stats.NewConnReport(arg)
	case strings.HasPrefix(arg, "sip,stat"):
		tp, err = stats.NewSIPStat(arg)
	case strings.HasPrefix(arg, "rtp,streams"):
		tp, err = stats.NewRTPStreams(arg)
	}
	if err != nil || tp == nil {
		t.Fatalf("tap %q: %v", arg, err)
	}
	return tp
}

func run(t *testing.T, file, arg string) string {
	t.Helper()
	tp := newTap(t, arg)
	var out, errw bytes.Buffer
	o := &batch.Options{Files: []string{file}, Quiet: true, Taps: []batch.Tap{tp}, Precision: -1}
	if err := batch.Run(o, &out, &errw); err != nil {
		t.Fatalf("run: %v %s", err, errw.String())
	}
	return out.String()
}

// cases are the -z reports compared with tshark 4.0 (goldens recorded from tshark with UPDATE_GOLDEN=1).
var cases = []struct{ file, arg string }{
	{"http.pcap", "conv,tcp"}, {"http.pcap", "conv,ip"}, {"http.pcap", "conv,eth"},
	{"http.pcap", "endpoints,tcp"}, {"http.pcap", "endpoints,ip"}, {"http.pcap", "endpoints,eth"},
	{"dns.pcap", "conv,udp"}, {"dns.pcap", "endpoints,udp"}, {"icmp.pcap", "conv,ip"},
	{"icmpv6.pcap", "conv,ipv6"}, {"icmpv6.pcap", "endpoints,ipv6"}, {"ipv6-ext.pcap", "conv,ipv6"},
	{"gre.pcap", "conv,ip"}, {"mixed.pcapng", "conv,ip"}, {"tcp-rst.pcap", "conv,tcp,tcp.port==9"},
	{"ftp.pcap", "io,phs"}, {"tcp-rst.pcap", "io,phs"}, {"icmp.pcap", "io,phs"},
	{"http.pcap", "expert"}, {"tcp-rst.pcap", "expert"}, {"http.pcap", "expert,note"},
	{"http.pcap", "credentials"}, {"ftp.pcap", "credentials"}, {"pop.pcap", "credentials"},
	{"imap.pcap", "credentials"}, {"smtp.pcap", "credentials"}, {"telnet.pcapng", "credentials"},
	{"handshakes.pcap", "conv,tcp"}, {"handshakes.pcap", "conv,ip"}, {"handshakes.pcap", "endpoints,ip"},
	{"handshakes.pcap", "io,phs"}, {"handshakes.pcap", "expert"}, {"handshakes.pcap", "conv,udp"},
	{"sip.pcap", "sip,stat"}, {"sip.pcap", "sip,stat,ip.src==10.20.0.2"}, {"sip.pcap", "rtp,streams"},
	{"sip.pcap", "conv,udp"}, {"sip.pcap", "io,phs"}, {"pgsql.pcap", "io,phs"}, {"mysql.pcap", "io,phs"},
	{"pgsql.pcap", "credentials"}, {"mysql.pcap", "credentials"}, {"sip.pcap", "credentials"},
}

func TestAgainstTshark(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	for _, c := range cases {
		name := strings.NewReplacer(",", "_", "=", "", ".", "_").Replace(c.file + "_" + c.arg)
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
			golden.Assert(t, name, []byte(run(t, file, c.arg)))
		})
	}
}

// ours are our own reports: their goldens are our output, checked by hand once.
var ours = []struct{ file, arg string }{
	{"tcp-rst.pcap", "handshakes"}, {"tcp-rst.pcap", "handshakes,csv"}, {"http.pcap", "handshakes,json"},
	{"http.pcap", "connreport"}, {"tcp-rst.pcap", "connreport,csv,/16"}, {"http.pcap", "connreport,json"},
	{"http.pcap", "credentials,show"}, {"smtp.pcap", "credentials,show"}, {"telnet.pcapng", "credentials,show"},
	{"ftp.pcap", "credentials,all"}, {"pop.pcap", "credentials,show"}, {"imap.pcap", "credentials,show"},
	{"handshakes.pcap", "handshakes"}, {"handshakes.pcap", "handshakes,csv"}, {"handshakes.pcap", "handshakes,json"},
	{"handshakes.pcap", "connreport"}, {"handshakes.pcap", "connreport,csv"}, {"handshakes.pcap", "connreport,json"},
	{"pgsql.pcap", "credentials,show"}, {"mysql.pcap", "credentials,show"}, {"sip.pcap", "credentials,show"},
}

func TestOwnReports(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	for _, c := range ours {
		name := strings.NewReplacer(",", "_", "=", "", ".", "_", "/", "").Replace(c.file + "_" + c.arg)
		t.Run(name, func(t *testing.T) {
			golden.Assert(t, name, []byte(run(t, filepath.Join(root, "testdata", "captures", c.file), c.arg)))
		})
	}
}

func TestCredentialValues(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	want := map[string][2]string{
		"http.pcap": {"alice", "wonderland-42"}, "ftp.pcap": {"alice", "ftp-secret-7"},
		"pop.pcap": {"alice", "pop-secret-3"}, "imap.pcap": {"alice", "imap-secret-5"},
		"smtp.pcap": {"alice", "smtp-login-pw"}, "telnet.pcapng": {"labuser", "labpass123"},
		"pgsql.pcap": {"alice", "pg-clear-1"},
	}
	for file, w := range want {
		t.Run(file, func(t *testing.T) {
			out := run(t, filepath.Join(root, "testdata", "captures", file), "credentials,show")
			if !strings.Contains(out, w[0]) || !strings.Contains(out, w[1]) {
				t.Errorf("%s: want %s/%s in\n%s", file, w[0], w[1], out)
			}
			masked := run(t, filepath.Join(root, "testdata", "captures", file), "credentials,all")
			if strings.Contains(masked, w[1]) {
				t.Errorf("%s: password shown without ,show", file)
			}
		})
	}
}

func TestBadArguments(t *testing.T) {
	for _, arg := range []string{"conv,foo", "endpoints,tcp,ip.src ==", "credentials,bogus", "connreport,/200"} {
		t.Run(arg, func(t *testing.T) {
			var err error
			switch {
			case strings.HasPrefix(arg, "conv"), strings.HasPrefix(arg, "endpoints"):
				_, err = stats.NewTable(arg)
			case strings.HasPrefix(arg, "credentials"):
				_, err = stats.NewCredentials(arg)
			default:
				_, err = stats.NewConnReport(arg)
			}
			if err == nil {
				t.Errorf("%q: no error", arg)
			}
		})
	}
}

func TestMain(m *testing.M) { os.Exit(m.Run()) }
