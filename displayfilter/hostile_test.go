package displayfilter_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/internal/budget"
)

// hostileFilters are filters of mb bytes (a megabyte for the "udp and" chain) or ten thousand levels
// of nesting. Each compiles (and matches a packet) or is refused with tshark's message, within the
// budget: tshark refuses nesting deeper than its parser's stack (97 parentheses) with "... was
// unexpected in this context.", and accepts any number of "!". Before, a disassembly text was built on every compile (16k "udp and "
// took 9.6 s and 2.15 GB), 120k "!" ran out of memory and 60k parentheses took 7.6 s.
func hostileFilters(mb int) []struct{ name, text, err string } {
	rep := func(s string, n int) string { return strings.Repeat(s, n) }
	nums := func(n int, sep string) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(strconv.Itoa(i % 65536))
		}
		return b.String()
	}
	return []struct{ name, text, err string }{
		{"1 MB of and", rep("udp and ", 1<<20/8) + "udp", ""},
		{"or chain", rep("udp.port == 53 || ", mb/18) + "udp", ""},
		{"mixed chain", rep("udp && (ip.ttl > 1 || !tcp) and ", mb/32) + "udp", ""},
		{"120k not", rep("!", 120000) + "udp", ""},
		{"120k not words", rep("not ", 30000) + "udp", ""},
		{"long set", "udp.port in {" + nums(mb/6, ",") + "}", ""},
		{"long slice list", "frame[" + nums(mb/6, ",") + "] == 00", ""},
		{"long string", `http.host contains "` + rep("a", mb) + `"`, ""},
		{"long arithmetic", "udp.port" + rep(" + 1", mb/4) + " > 0", ""},
		{"97 parentheses", rep("(", 97) + "udp" + rep(")", 97), ""},
		{"98 parentheses", rep("(", 98) + "udp" + rep(")", 98), `")" was unexpected in this context.`},
		{"10k parentheses", rep("(", 10000) + "udp" + rep(")", 10000), `")" was unexpected in this context.`},
		{"60k parentheses", rep("(", 60000) + "udp" + rep(")", 60000), `")" was unexpected in this context.`},
		{"10k not-parentheses", rep("!(", 10000) + "udp" + rep(")", 10000), `")" was unexpected in this context.`},
		{"10k functions", rep("len(", 10000) + "http.host" + rep(")", 10000) + " > 0", `")" was unexpected in this context.`},
		{"10k braces", "udp.port == " + rep("{", 10000) + "1" + rep("}", 10000), `"}" was unexpected in this context.`},
		{"10k open parentheses", rep("(", 10000) + "udp", ""},
	}
}

// TestHostileFilters runs the hostile filters with the megabyte ones cut to 256 kB, but for the
// "udp and" chain of the finding (BenchmarkHostileFilters compiles them whole).
func TestHostileFilters(t *testing.T) {
	reg := testRegistry()
	tree := fuzzTree(reg, []byte{17, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	for _, tc := range hostileFilters(256 << 10) {
		t.Run(tc.name, func(t *testing.T) {
			budget.Within(t, 10*time.Second, tc.name, func() {
				f, err := displayfilter.Compile(tc.text, reg)
				switch {
				case tc.err == "" && err != nil && !strings.Contains(tc.name, "open"):
					t.Errorf("refused: %v", err)
				case tc.err != "" && (err == nil || err.Error() != tc.err):
					t.Errorf("error %v, want %q", err, tc.err)
				case err == nil:
					f.Match(tree)
				}
			})
		})
	}
}

// BenchmarkHostileFilters compiles each hostile filter at its full size (go test -bench Hostile).
func BenchmarkHostileFilters(b *testing.B) {
	reg := testRegistry()
	for _, tc := range hostileFilters(1 << 20) {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				displayfilter.Compile(tc.text, reg)
			}
		})
	}
}
