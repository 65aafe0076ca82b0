package displayfilter_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/budget"
)

// seedFilters returns the filters of testdata/filters.txt (one table, several uses).
func seedFilters(tb testing.TB) []string {
	f, err := os.Open(filepath.Join("testdata", "filters.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if _, filter, ok := strings.Cut(line, "\t"); ok {
			out = append(out, filter)
		}
	}
	return out
}

// FuzzCompile checks that compiling never panics, errors point inside the text, and the canonical
// text of an accepted filter compiles to the same canonical text.
func FuzzCompile(f *testing.F) {
	for _, s := range seedFilters(f) {
		f.Add(s)
	}
	reg := testRegistry()
	f.Fuzz(func(t *testing.T, text string) {
		defer budget.Input(t)() // a slow input is a finding
		flt, err := displayfilter.Compile(text, reg)
		if err != nil {
			e, ok := err.(*displayfilter.Error)
			if !ok {
				t.Fatalf("error %T", err)
			}
			if e.Pos < 0 || e.Pos > len(text) || e.Len < 0 || e.Pos+e.Len > len(text)+1 {
				t.Fatalf("span %d:%d outside %q", e.Pos, e.Len, text)
			}
			if strings.HasPrefix(e.Msg, "internal error") {
				t.Fatalf("panic while compiling %q", text)
			}
			_ = e.Caret(text)
			return
		}
		s := flt.String()
		g, err := displayfilter.Compile(s, reg)
		if err != nil {
			t.Fatalf("canonical %q of %q does not compile: %v", s, text, err)
		}
		if g.String() != s {
			t.Fatalf("canonical text not stable: %q -> %q", s, g.String())
		}
	})
}

// fuzzTree builds a tree from bytes: each 4-byte group adds a node of some registered field, nested
// under the previous protocol, with a value and a byte range taken from the data.
func fuzzTree(reg *field.Registry, data []byte) *field.Tree {
	t := field.NewTree(reg)
	t.Sources = append(t.Sources, field.Source{Bytes: data})
	parent := field.Root
	for i := 0; i+4 <= len(data); i += 4 {
		id := field.ID(int(data[i])%(reg.Len()-1) + 1)
		f := reg.Get(id)
		off, n := int(data[i+1])%(len(data)+1), int(data[i+2])%17
		if off+n > len(data) {
			n = len(data) - off
		}
		v := field.Value{U: uint64(data[i+3]), I: int64(int8(data[i+3])), F: float64(data[i+3]) / 7, B: data[off : off+n]}
		switch f.Type {
		case field.IPv4:
			if n >= 4 {
				v.B = v.B[:4]
			}
		case field.IPv6:
			if n >= 16 {
				v.B = v.B[:16]
			}
		}
		if f.Type == field.Protocol {
			parent = t.Add(field.Root, id, 0, off, n, field.Value{})
			continue
		}
		t.Add(parent, id, 0, off, n, v)
	}
	return t
}

// FuzzMatch runs filters over random trees: no panic.
func FuzzMatch(f *testing.F) {
	for i, s := range seedFilters(f) {
		f.Add(s, []byte{byte(i), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	}
	reg := testRegistry()
	f.Fuzz(func(t *testing.T, text string, data []byte) {
		defer budget.Input(t)() // a slow input is a finding
		flt, err := displayfilter.Compile(text, reg)
		if err != nil {
			return
		}
		flt.Match(fuzzTree(reg, data))
	})
}
