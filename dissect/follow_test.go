package dissect_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// followCorpusSample is the part of ../shared/corpus whose streams the follow test checks.
var followCorpusSample = []string{
	"reference/dns_tcp.pcap", "reference/get.pcap", "reference/http-vlan-0.pcap", "reference/smtp.pcap",
	"reference/ssh.pcap", "reference/reassembly.pcap", "reference/retransmit-timeout.pcapng",
	"reference/tcp-handshake-nano.pcap", "reference/smtp-multi-addr.pcap", "reference/ntp.pcap",
	"reference/ipv6.pcap", "reference/mdns.pcap", "reference/quic_handshake.pcap", "reference/pptp.pcap",
	"tcpdump/telnet-iac-check-oobr.pcap", "tcpdump/http_1.pcap", "tcpdump/ftp.pcap",
}

// followKnownDifferent are streams whose follow output differs from tshark 4.0's, with the reason.
var followKnownDifferent = map[string]string{
	"testdata__ipfrag.pcap udp 0": "IP reassembly is not done yet: tshark follows the reassembled datagrams",
}

// streamLister collects the tcp.stream and udp.stream numbers of a capture.
type streamLister struct{ tcp, udp map[uint32]bool }

func (s *streamLister) Fields() []field.ID { return dissect.FollowFields() }
func (s *streamLister) Packet(c *dissect.Ctx, t *field.Tree, _ bool) {
	dissect.FollowPackets(t, c.Frame.Number, func(fp *dissect.FollowPacket) {
		if fp.Proto == 6 {
			s.tcp[fp.Stream] = true
		} else if fp.Seg.Data.Len > 0 {
			s.udp[fp.Stream] = true
		}
	})
}
func (s *streamLister) Finish(io.Writer) error { return nil }

func sortedKeys(m map[uint32]bool) []int {
	var out []int
	for k := range m {
		out = append(out, int(k))
	}
	sort.Ints(out)
	return out
}

// TestFollowMatchesTshark compares "-q -z follow,tcp|udp,ascii|hex,N" for every stream of every
// project capture and of a corpus sample with tshark's answers (recorded with UPDATE_GOLDEN=1).
func TestFollowMatchesTshark(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	type capFile struct{ name, path string }
	var caps []capFile
	ents, _ := os.ReadDir(filepath.Join(root, "testdata", "captures"))
	for _, e := range ents {
		if n := e.Name(); strings.HasSuffix(n, ".pcap") || strings.HasSuffix(n, ".pcapng") {
			caps = append(caps, capFile{"testdata__" + n, filepath.Join(root, "testdata", "captures", n)})
		}
	}
	for _, s := range followCorpusSample {
		p := filepath.Join(root, "..", "shared", "corpus", s)
		if _, err := os.Stat(p); err == nil {
			caps = append(caps, capFile{strings.ReplaceAll(s, "/", "__"), p})
		}
	}
	same, total := 0, 0
	for _, cf := range caps {
		t.Run(cf.name, func(t *testing.T) {
			ls := &streamLister{tcp: map[uint32]bool{}, udp: map[uint32]bool{}}
			if err := batch.Run(&batch.Options{Files: []string{cf.path}, Quiet: true, Precision: -1,
				Taps: []batch.Tap{ls}}, io.Discard, io.Discard); err != nil {
				t.Fatal(err)
			}
			var args []string
			for _, id := range sortedKeys(ls.tcp) {
				for _, m := range []string{"ascii", "hex"} {
					args = append(args, "follow,tcp,"+m+","+strconv.Itoa(id))
				}
			}
			for _, id := range sortedKeys(ls.udp) {
				for _, m := range []string{"ascii", "hex"} {
					args = append(args, "follow,udp,"+m+","+strconv.Itoa(id))
				}
			}
			if len(args) == 0 {
				return
			}
			var taps []batch.Tap
			for _, a := range args {
				tp, err := dissect.NewFollowTap(a)
				if err != nil {
					t.Fatal(err)
				}
				taps = append(taps, tp)
			}
			var out bytes.Buffer
			if err := batch.Run(&batch.Options{Files: []string{cf.path}, Quiet: true, Precision: -1, Taps: taps},
				&out, io.Discard); err != nil {
				t.Fatal(err)
			}
			// one golden per stream and mode: split our output at the reports' starts
			reports := strings.SplitAfter(out.String(), "===================================================================\n\n")
			if len(reports) != len(args) {
				t.Fatalf("%d reports for %d taps", len(reports), len(args))
			}
			// tshark prints its reports last-given first (and so does batch)
			for k := range reports {
				got := reports[k]
				if k < len(reports)-1 {
					got = strings.TrimSuffix(got, "\n")
				}
				if k > 0 {
					got = "\n" + got
				}
				a := args[len(args)-1-k]
				name := cf.name + "__" + strings.ReplaceAll(strings.TrimPrefix(a, "follow,"), ",", "_")
				p := golden.Path(t, name)
				if golden.Updating() {
					want, _, err := tsharktest.Run(t, "-n", "-r", cf.path, "-q", "-z", a)
					if err != nil {
						t.Fatalf("tshark: %v", err)
					}
					golden.Write(t, p, want)
				}
				want, err := os.ReadFile(p)
				if err != nil {
					t.Fatalf("golden file: %v (run with UPDATE_GOLDEN=1 to create it)", err)
				}
				parts := strings.Split(a, ",")
				key := cf.name + " " + parts[1] + " " + parts[3]
				total++
				if string(want) == got || parts[2] == "ascii" && tsharktest.LoneCRsShown(string(want)) == got {
					same++
					continue
				}
				if why, ok := followKnownDifferent[key]; ok {
					t.Logf("%s: known difference: %s", a, why)
					continue
				}
				t.Errorf("%s differs from tshark (%s)\n%s", a, p, golden.Diff(string(want), got))
			}
		})
	}
	t.Logf("follow output identical to tshark for %d of %d stream reports", same, total)
}

// TestFollowGoldensLive re-checks a few recorded answers against the installed tshark.
func TestFollowGoldensLive(t *testing.T) {
	tsharktest.Path(t)
	root := tsharktest.RepoRoot(t)
	for _, c := range []struct{ capture, arg string }{
		{"telnet.pcapng", "follow,tcp,ascii,0"},
		{"http.pcap", "follow,tcp,hex,0"},
		{"dns.pcap", "follow,udp,ascii,0"},
	} {
		t.Run(c.capture, func(t *testing.T) {
			want, _, err := tsharktest.Run(t, "-n", "-r", filepath.Join(root, "testdata", "captures", c.capture), "-q", "-z", c.arg)
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join("testdata", "TestFollowMatchesTshark", "testdata__"+c.capture+"__"+
				strings.ReplaceAll(strings.TrimPrefix(c.arg, "follow,"), ",", "_")+".golden")
			got, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is stale: tshark now prints something else\n%s", p, golden.Diff(string(want), string(got)))
			}
		})
	}
}
