package displayfilter

import (
	"fmt"
	"testing"

	"github.com/tshark-tui/tshark-tui/internal/budget"
)

// lexWithParticiple returns filterLexer's tokens of text (blanks dropped, keywords marked) and where
// it failed, in scan's shape.
func lexWithParticiple(text string) scanned {
	s := scanned{errPos: -1}
	lx, err := filterLexer.LexString("", text)
	if err != nil {
		s.errPos = 0
		return s
	}
	for {
		tok, err := lx.Next()
		if err != nil {
			s.errPos = lexError(text, err).Pos
			return s
		}
		if tok.EOF() {
			return s
		}
		if tok.Type == wsType {
			continue
		}
		tok, _ = markKeyword(tok)
		s.add(tok.Type, text, tok.Pos.Offset, tok.Pos.Offset+len(tok.Value))
	}
}

func sameScan(a, b scanned) string {
	if a.errPos != b.errPos {
		return fmt.Sprintf("error at %d, participle at %d", a.errPos, b.errPos)
	}
	if len(a.toks) != len(b.toks) {
		return fmt.Sprintf("%d tokens, participle %d: %v / %v", len(a.toks), len(b.toks), a.toks, b.toks)
	}
	for i := range a.toks {
		x, y := a.toks[i], b.toks[i]
		if x.Type != y.Type || x.Value != y.Value || x.Pos.Offset != y.Pos.Offset {
			return fmt.Sprintf("token %d: %v %q @%d, participle %v %q @%d", i, x.Type, x.Value, x.Pos.Offset, y.Type, y.Value, y.Pos.Offset)
		}
	}
	return ""
}

var scanSeeds = []string{
	`ip.addr == 10.0.0.0/8 && tcp.port in {80, 443..445} || !udp`,
	`eth.src == aa:bb:cc:dd:ee:ff and ipv6.addr == fe80::1 or ipv6.addr == ::1`,
	`frame[0:2,4-5,-1] == 00:01 and frame[ 1 ] == 0a`,
	`http.host contains "a\"b\\c" and r"raw\d" matches "x" and 'c' == 'd'`,
	`"unterminated`, `'x`, `"bad \` + "\n" + `"`, `a ` + "\x00", `ip.addr#2 == 1.2.3.4 and tcp.port#[1,2] > 0`,
	`len(http.host) > 3 and upper(http.host) contains "A" and ${tcp.port} == 1`,
	`dead:beef::1 abc::def 12:34 1.2.3.4/24 ab.cd ab:cd.12/3 :: ::ffff:1.2.3.4 a-b.c-d 9p`,
	`a===b !==c ~= ~ ^ @ # $ % * / - + .. . , { } ( ) [ ] ] =`,
	"tcp\t\r\n\f\vport", `r`, `r"`, `rr"x"`, `é`, "\xff", `x.`, `x..y`, `a.-b`, `0x10`, `1e5`, `-1.5`,
}

func FuzzScanMatchesLexer(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		defer budget.Input(t)() // a slow input is a finding
		if d := sameScan(scan(text), lexWithParticiple(text)); d != "" {
			t.Fatalf("scan(%q): %s", text, d)
		}
	})
}
