package bpf_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture/bpf"
)

func asError(err error, be **bpf.Error) bool { return errors.As(err, be) }

func TestCompileListing(t *testing.T) {
	p, err := bpf.Compile("tcp[13] & 2 = 2", bpf.LinkEthernet, 0)
	if err != nil {
		t.Fatal(err)
	}
	// the same program as tcpdump -d prints
	want := `(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 11
(002) ldb      [23]
(003) jeq      #0x6             jt 4	jf 11
(004) ldh      [20]
(005) jset     #0x1fff          jt 11	jf 6
(006) ldxb     4*([14]&0xf)
(007) ldb      [x + 27]
(008) and      #0x2
(009) jeq      #0x2             jt 10	jf 11
(010) ret      #262144
(011) ret      #0
`
	if got := p.String(); got != want {
		t.Errorf("listing:\n%s\nwant:\n%s", got, want)
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		expr string
		msg  string
		pos  int
	}{
		{"tcp[13]&&2=2", "can't parse filter expression: syntax error", 7},
		{"port 70000", "illegal port number 70000 > 65535", 5},
		{"net 10.0.0.1/8", "non-network bits set in \"10.0.0.1/8\"", 4},
		{"vlan 5000", "VLAN tag 5000 greater than maximum 4095", 0},
		{"tcp[1:3] = 1", "data size must be 1, 2, or 4", 0},
		{"ip host ::1", "'ip' modifier applied to ip6 host", 0},
		{"tcp and 80", "syntax error in filter expression", 8},
		// tcpdump refuses constant shifts of 32 bits or more (the kernel would refuse the program)
		{"ether[0] << 40 = 0", "shift by more than 31 bits", 0},
		{"ether[0] >> 32 = 0", "shift by more than 31 bits", 0},
		{"ether[0] << -1 = 0", "shift by more than 31 bits", 0},
		{"1 << 40 = 0", "shift by more than 31 bits", 0},
		{"ether[0] << (1+31) = 0", "shift by more than 31 bits", 0},
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			_, err := bpf.Compile(tc.expr, bpf.LinkEthernet, 0)
			var be *bpf.Error
			if !errors.As(err, &be) {
				t.Fatalf("error %v, want *bpf.Error", err)
			}
			if be.Error() != tc.msg || be.Pos != tc.pos {
				t.Errorf("got %q at %d, want %q at %d", be.Error(), be.Pos, tc.msg, tc.pos)
			}
		})
	}
}

func TestLongJumps(t *testing.T) {
	// enough alternatives that a conditional jump must go further than 255 instructions
	var parts []string
	for i := 0; i < 80; i++ {
		parts = append(parts, "host 10.0.0."+string(rune('0'+i%10)))
	}
	p, err := bpf.Compile(strings.Join(parts, " or ")+" or port 53", bpf.LinkEthernet, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Insns) < 300 {
		t.Fatalf("only %d instructions", len(p.Insns))
	}
	dns := make([]byte, 60)
	copy(dns[12:], []byte{0x08, 0x00, 0x45, 0, 0, 46, 0, 0, 0, 0, 64, 17})
	copy(dns[26:], []byte{192, 168, 0, 1, 192, 168, 0, 2, 0x30, 0x39, 0, 53})
	if !p.Match(dns, 60) {
		t.Error("DNS packet not matched through the long jumps")
	}
}
