package bpf

import (
	"strings"
	"sync"
	"testing"

	"github.com/alecthomas/participle/v2"

	"github.com/tshark-tui/tshark-tui/internal/budget"
	"github.com/tshark-tui/tshark-tui/internal/treedump"
)

// participleParser reads the grammar tags of grammar.go with participle, the reference the descent
// parser is held to.
var participleParser = sync.OnceValue(func() *participle.Parser[filterNode] {
	return participle.MustBuild[filterNode](
		participle.Lexer(lexDef{}),
		participle.UseLookahead(1024),
	)
})

func dump(f *filterNode) string { return treedump.Dump(f) }

var descentSeeds = []string{
	"tcp port 80 and (host 10.0.0.1 or host 10.0.0.2)", "not tcp and ! udp", "(ip[0] & 0xf) > 5",
	"((ip[0] + 1) * 2) >= 3", "tcp[13] & (tcp-syn|tcp-ack) != 0", "ether broadcast or ip multicast",
	"src or dst host a", "dst and src net 10.0.0.0/8", "host not a", "net 10.0.0.0 mask 255.0.0.0",
	"vlan 10 and vlan", "mpls", "inbound", "less 100 or greater 200", "len > 100", "-1 < 2", "ip6 and icmp6",
	"tcp[13]&&2=2", "tcp and 80", "port 53 or 54", "(host a)", "((tcp))", "ip[0:1] = 4", "ether[0] << 2 = 0",
	"tcp src port ftp", "\\foo", "aa:bb:cc:dd:ee:ff", "::1", "host a and (", "host", "(", ")", "not", "",
	"tcp[0", "ip[0] >", "host a mask", "net 10/8", "ether host 1.2.3", "portrange 1-2",
}

// FuzzDescentMatchesParticiple holds the descent parser to participle's reading of the grammar:
// both accept or both refuse a filter, and accepted ones give the same tree, positions included.
func FuzzDescentMatchesParticiple(f *testing.F) {
	for _, s := range descentSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		defer budget.Input(t)() // a slow input is a finding
		if len(text) > 300 || strings.Count(text, "(") > 20 {
			return // participle backtracks through nested parentheses for seconds
		}
		toks, err := tokenize("", text)
		if err != nil {
			return
		}
		d, _, tooDeep := descend(toks)
		if tooDeep {
			return
		}
		p, perr := participleParser().ParseString("", text)
		if (d == nil) != (perr != nil) {
			t.Fatalf("%q: descent ok %v, participle error %v", text, d != nil, perr)
		}
		if d != nil && dump(d) != dump(p) {
			t.Fatalf("%q: trees differ\ndescent:    %s\nparticiple: %s", text, dump(d), dump(p))
		}
	})
}
