package displayfilter

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/internal/budget"
	"github.com/tshark-tui/tshark-tui/internal/treedump"
)

// foldNots folds runs of more than two negations in participle's tree as the descent parser does.
func foldNots(g *gOr) {
	var or func(*gOr)
	var not func(*gNot) *gNot
	not = func(n *gNot) *gNot {
		k, inner := 0, n
		for inner.Not != nil {
			k++
			inner = inner.Not
		}
		for k > 2 {
			n = n.Not.Not
			k -= 2
		}
		if inner.Paren != nil {
			or(inner.Paren)
		}
		return n
	}
	or = func(g *gOr) {
		for _, a := range append([]*gAnd{g.Left}, g.Rest...) {
			a.Left = not(a.Left)
			for i := range a.Rest {
				a.Rest[i] = not(a.Rest[i])
			}
		}
	}
	or(g)
}

func convertDump(g *gOr) (string, *Error) {
	c := &converter{ws: wsType}
	t := c.or(g)
	if c.err != nil {
		return "", c.err
	}
	return treedump.Dump(t), nil
}

// FuzzDescentMatchesParticiple holds the descent parser to participle's: both accept or both refuse
// a filter, and accepted ones convert to the same tree, positions included (runs of negations folded
// as the descent parser folds them).
func FuzzDescentMatchesParticiple(f *testing.F) {
	if fh, err := os.Open(filepath.Join("testdata", "filters.txt")); err == nil {
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if _, filter, ok := strings.Cut(sc.Text(), "\t"); ok {
				f.Add(filter)
			}
		}
		fh.Close()
	}
	for _, s := range scanSeeds {
		f.Add(s)
	}
	for _, s := range []string{"!!!!!tcp", "not ! not tcp && !(!udp)", "a.b#1 == 1 and c#[1-2,3] > 2", "x[1:2][0] == 1",
		"f(a, b, {c}) in {1, 2..3}", "${tcp.port} == - 1 + 2 * 3 % 4 & 5", "any a == b != c", "a not in {1}", "-a", "a ==",
		"(a) (b)", "a in", "a in {", "a[", "a[]", "a#", "a#[", "f(", "f()", "{}", "${a", "$", "a and", "or a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		defer budget.Input(t)() // a slow input is a finding
		if len(text) > 2000 {
			return
		}
		sc := scan(text)
		if sc.errPos >= 0 {
			return
		}
		for _, tok := range sc.toks {
			if tok.Type == badType || tok.Type == badChar {
				return
			}
		}
		if len(sc.toks) == 0 {
			return
		}
		dg, derr, tooDeep := descend(text, sc.toks)
		if tooDeep {
			return
		}
		pg, perr := filterParser.ParseString("", text)
		if (derr == nil) != (perr == nil) {
			t.Fatalf("%q: descent error %v, participle error %v", text, derr, perr)
		}
		if derr != nil {
			return
		}
		foldNots(pg)
		dd, de := convertDump(dg)
		pd, pe := convertDump(pg)
		if (de == nil) != (pe == nil) || dd != pd {
			t.Fatalf("%q: trees differ\ndescent:    %v %s\nparticiple: %v %s", text, de, dd, pe, pd)
		}
	})
}
