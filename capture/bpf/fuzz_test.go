package bpf_test

import (
	"testing"

	"github.com/tshark-tui/tshark-tui/capture/bpf"
	"github.com/tshark-tui/tshark-tui/internal/budget"
)

// FuzzCompile feeds arbitrary text to the parser and compiler: they must not panic, an accepted
// program must be valid classic BPF, and running it must not panic.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{"tcp port 80", "tcp[13] & 2 = 2", "host 1.2.3.4 or 5.6.7.8", "vlan 10 and ip",
		"ip6 net fe80::/10", "not (udp or icmp) and len > 100", "ether host 1:2:3:4:5:6", "tcp[tcp[12]>>4]=1",
		"port ftp-data", "portrange 1-100", "(((", "len / 0 = 1", "\\tcp"} {
		f.Add(s)
	}
	pkt := make([]byte, 128)
	for i := range pkt {
		pkt[i] = byte(i * 7)
	}
	pkt[12], pkt[13], pkt[14] = 0x08, 0x00, 0x45
	f.Fuzz(func(t *testing.T, expr string) {
		defer budget.Input(t)() // a slow input is a finding
		for _, link := range []uint16{bpf.LinkEthernet, bpf.LinkSLL, bpf.LinkRaw} {
			p, err := bpf.Compile(expr, link, 0)
			if err != nil {
				var be *bpf.Error
				if !asError(err, &be) {
					t.Fatalf("%q: error of type %T: %v", expr, err, err)
				}
				continue
			}
			if len(p.Insns) == 0 || len(p.Insns) > 4096 {
				t.Fatalf("%q: %d instructions", expr, len(p.Insns))
			}
			_ = p.Match(pkt, uint32(len(pkt)))
			_ = p.String()
		}
	})
}
