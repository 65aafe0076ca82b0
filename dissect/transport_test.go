package dissect_test

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/budget"
)

// The TCP handshake of test_ethernet.pcap frames 1-3 (SYN, SYN+ACK, ACK; 10.1.1.2:44644 <-> 10.1.1.1:80):
// TCP headers as tcpdump -X shows them, behind simplified Ethernet/IPv4 headers.
var handshake = []string{
	"000102030405060708090a0b08004500003c8f0940004006957d0a0101020a010101ae6400509349c83000000000a0027210e47d0000020405b40402080a3d8f93af0000000001030307",
	"060708090a0b00010203040508004500003c0000400040062487" + "0a0101010a0101020050ae64f9a8f9da9349c831a01216a021e60000020405b40402080a0374090" + "33d8f93af01030304",
	"000102030405060708090a0b0800450000348f0a4000400695840a0101020a010101ae64005093" + "49c831f9a8f9db801000e566690000" + "0101080a3d8f93b003740903",
}

func mustHex(t testing.TB, s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func fieldRepr(tr *field.Tree, name string) string {
	f, ok := dissect.Fields.Lookup(name)
	if !ok {
		return "?"
	}
	var vs []string
	tr.Each(f.ID, func(n *field.Node) bool { vs = append(vs, f.Repr(n.Value)); return true })
	return strings.Join(vs, ",")
}

func TestTCPHandshake(t *testing.T) {
	tr := field.NewTree(dissect.Fields)
	c := dissect.NewCtx(tr, dissect.NewState())
	c.Cols.On, c.Pass1 = true, true
	want := []struct {
		info string
		vals map[string]string
	}{
		{"44644 → 80 [SYN] Seq=0 Win=29200 Len=0 MSS=1460 SACK_PERM TSval=1032819631 TSecr=0 WS=128",
			map[string]string{"tcp.stream": "0", "tcp.seq": "0", "tcp.nxtseq": "1", "tcp.completeness": "0", "tcp.flags.str": "··········S·"}},
		{"80 → 44644 [SYN, ACK] Seq=0 Ack=1 Win=5792 Len=0 MSS=1460 SACK_PERM TSval=57936131 TSecr=1032819631 WS=16",
			map[string]string{"tcp.ack": "1", "tcp.completeness": "1", "tcp.analysis.acks_frame": "1"}},
		{"44644 → 80 [ACK] Seq=1 Ack=1 Win=29312 Len=0 TSval=1032819632 TSecr=57936131",
			map[string]string{"tcp.window_size": "29312", "tcp.window_size_scalefactor": "128", "tcp.completeness": "3", "tcp.analysis.acks_frame": "2"}},
	}
	for i, h := range handshake {
		b := mustHex(t, h)
		c.Run(&dissect.FrameInfo{Number: uint32(i + 1), TS: int64(i) * 1000, CapLen: uint32(len(b)), Len: uint32(len(b)), Link: 1}, b)
		t.Run(want[i].info, func(t *testing.T) {
			if got := string(c.Cols.Info); got != want[i].info {
				t.Errorf("info %q", got)
			}
			for k, v := range want[i].vals {
				if got := fieldRepr(tr, k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

// BenchmarkEthIPTCP measures the hot path: columns off, invisible tree, a few wanted fields.
func BenchmarkEthIPTCP(b *testing.B) {
	pkt, _ := hex.DecodeString(handshake[2])
	tr := field.NewTree(dissect.Fields)
	tr.Visible = false
	want := field.NewIDSet(dissect.Fields)
	for _, n := range []string{"frame.number", "ip.src", "tcp.srcport"} {
		if f, ok := dissect.Fields.Lookup(n); ok {
			want.Add(f.ID)
		}
	}
	tr.Want = want
	c := dissect.NewCtx(tr, dissect.NewState())
	c.Pass1 = true
	fi := &dissect.FrameInfo{CapLen: uint32(len(pkt)), Len: uint32(len(pkt)), Link: 1}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		fi.Number = uint32(i%1024 + 1)
		fi.TS = int64(i)
		c.Run(fi, pkt)
	}
}

// FuzzDissectTransport feeds random transport payloads after fixed Ethernet/IPv4 headers.
func FuzzDissectTransport(f *testing.F) {
	for _, h := range handshake {
		b, _ := hex.DecodeString(h)
		f.Add(byte(6), b[34:])
	}
	f.Add(byte(1), []byte{8, 0, 0, 0, 0, 1, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add(byte(17), []byte{0, 53, 0, 53, 0, 12, 0, 0, 1, 2, 3, 4})
	f.Add(byte(58), []byte{135, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, proto byte, payload []byte) {
		defer budget.Input(t)() // a slow input is a finding
		hdr, _ := hex.DecodeString("000102030405060708090a0b080045000000000040004000000000000a0101020a010101")
		if proto == 58 {
			hdr, _ = hex.DecodeString("000102030405060708090a0b86dd60000000000000ff" + strings.Repeat("fe80000000000000000000000000000", 2) + "11")
			if len(hdr) < 54 {
				return
			}
			hdr[18], hdr[19] = byte(len(payload)>>8), byte(len(payload))
			hdr[20] = 58
			hdr = hdr[:54]
		} else {
			tot := 20 + len(payload)
			hdr[16], hdr[17] = byte(tot>>8), byte(tot)
			hdr[23] = proto
		}
		pkt := append(hdr, payload...)
		tr := field.NewTree(dissect.Fields)
		c := dissect.NewCtx(tr, dissect.NewState())
		c.Cols.On, c.Pass1 = true, true
		for n := uint32(1); n <= 2; n++ {
			c.Run(&dissect.FrameInfo{Number: n, CapLen: uint32(len(pkt)), Len: uint32(len(pkt)), Link: 1}, pkt)
		}
	})
}
