package bpf_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/capture/bpf"
	"github.com/tshark-tui/tshark-tui/internal/budget"
)

// hostileFilters are capture filters of a megabyte (mb bytes) or thousands of levels of nesting.
// Each compiles or is refused as tcpdump refuses it, within the budget: tcpdump parses 9,000 nested
// parentheses and runs out of parser stack near 10,000 ("memory exhausted"). Before, participle's
// parser backtracked through nested parentheses: 1,000 took 8 s, 2,000 took 31-43 s.
func hostileFilters(mb int) []struct{ name, text, err string } {
	rep := strings.Repeat
	const exhausted = "can't parse filter expression: memory exhausted"
	return []struct{ name, text, err string }{
		{"and chain", rep("tcp and ", mb/8) + "tcp", ""},
		{"or chain", rep("port 53 or ", mb/11) + "port 54", ""},
		{"host list", "host 10.0.0.1" + rep(" or 10.0.0.2", mb/12), ""},
		{"arithmetic", "ip[0]" + rep(" + 1", mb/4) + " > 0", ""},
		{"1,000 parentheses", rep("(", 1000) + "tcp" + rep(")", 1000), ""},
		{"9,000 parentheses", rep("(", 9000) + "tcp" + rep(")", 9000), ""},
		{"10,000 parentheses", rep("(", 10000) + "tcp" + rep(")", 10000), exhausted},
		{"10,000 arithmetic parentheses", rep("(", 10000) + "ip[0]" + rep(")", 10000) + " > 1", exhausted},
		{"5,000 arithmetic parentheses", rep("(", 5000) + "ip[0]" + rep(")", 5000) + " > 1", ""},
		{"9,000 not", rep("not ", 9000) + "tcp", ""},
		{"10,000 not", rep("not ", 10000) + "tcp", exhausted},
		{"100,000 open parentheses", rep("(", 100000), exhausted},
	}
}

func TestHostileFilters(t *testing.T) {
	for _, tc := range hostileFilters(256 << 10) {
		t.Run(tc.name, func(t *testing.T) {
			budget.Within(t, 10*time.Second, tc.name, func() {
				p, err := bpf.Compile(tc.text, bpf.LinkEthernet, 0)
				var be *bpf.Error
				switch {
				case tc.err == "" && err != nil:
					t.Errorf("refused: %v", err)
				case tc.err != "" && (!errors.As(err, &be) || be.Error() != tc.err):
					t.Errorf("error %v, want %q", err, tc.err)
				case err == nil:
					p.Match(make([]byte, 64), 64)
				}
			})
		})
	}
}

// BenchmarkHostileFilters compiles each hostile filter at a megabyte (go test -bench Hostile).
func BenchmarkHostileFilters(b *testing.B) {
	for _, tc := range hostileFilters(1 << 20) {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bpf.Compile(tc.text, bpf.LinkEthernet, 0)
			}
		})
	}
}

// TestProtochainCycle: protochain walks a header chain in a loop (libpcap's AH step sets the offset
// to the AH header's length, so an AH header can point at itself). A crafted packet must be
// rejected within the step bound, not spin; a genuine chain is still followed.
func TestProtochainCycle(t *testing.T) {
	prog := bpf.MustCompile("ip protochain 6", bpf.LinkEthernet, 0)
	if !prog.Loops() {
		t.Fatal("a protochain program should loop")
	}
	ipv4 := func(proto byte, payload ...byte) []byte {
		p := make([]byte, 14+20)
		p[12], p[13] = 0x08, 0x00
		p[14] = 0x45
		p[14+9] = proto
		return append(p, payload...)
	}
	// AH at offset 20 of the IP header: next header AH, length 3, so (3+2)*4 = 20 again
	cycle := ipv4(51, 51, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	done := make(chan bool)
	go func() { done <- prog.Match(cycle, uint32(len(cycle))) }()
	select {
	case ok := <-done:
		if ok {
			t.Error("a cycling AH chain was accepted")
		}
	case <-time.After(2 * time.Second):
		t.Fatal("protochain spins on a cycling AH chain")
	}
	// AH (length 1: 12 bytes, libpcap's offset becomes 12) whose next header is TCP
	chain := ipv4(51, 6, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	if !prog.Match(chain, uint32(len(chain))) {
		t.Error("TCP after AH not found")
	}
}
