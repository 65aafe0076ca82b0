package displayfilter_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/displayfilter"
)

// knownDifferences lists filters of testdata/filters.txt where we knowingly differ from tshark 4.0,
// with the reason. The differential test skips them.
var knownDifferences = map[string]string{
	"ip.addr == foo.example": "tshark would resolve host names; we never resolve (same error text when the name does not resolve)",
}

// goldenRow is one row of testdata/filters.golden.
type goldenRow struct {
	capture, filter string
	err             bool
	frames          string // OK rows: sorted frame numbers
	pos, len        int    // ERROR rows: caret span, -1 when tshark draws none
	msg             string
}

func readGolden(t *testing.T) []goldenRow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "filters.golden"))
	if err != nil {
		t.Skipf("no golden file: %v (run testdata/update-golden.sh)", err)
	}
	var rows []goldenRow
	for _, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		c := strings.Split(line, "\t")
		if len(c) < 4 {
			t.Fatalf("bad golden row %q", line)
		}
		r := goldenRow{capture: c[0], filter: c[1], err: c[2] == "ERROR", pos: -1}
		if r.err {
			if len(c) < 5 {
				t.Fatalf("bad golden row %q", line)
			}
			if p, l, ok := strings.Cut(c[3], ":"); ok {
				r.pos, _ = strconv.Atoi(p)
				r.len, _ = strconv.Atoi(l)
			}
			r.msg = c[4]
		} else {
			r.frames = c[3]
		}
		rows = append(rows, r)
	}
	return rows
}

// TestGoldenCompile checks every row of the tshark table: filters tshark rejects must be rejected
// with tshark's message and span; filters it accepts must compile.
func TestGoldenCompile(t *testing.T) {
	rows := readGolden(t)
	reg := loadRegistry(t, filepath.Join("testdata", "fields.tsv"), filepath.Join("testdata", "values.tsv"))
	for _, r := range rows {
		t.Run(r.filter, func(t *testing.T) {
			if why, ok := knownDifferences[r.filter]; ok {
				t.Skip(why)
			}
			f, err := displayfilter.Compile(r.filter, reg)
			if !r.err {
				if err != nil {
					t.Fatalf("tshark accepts, we reject: %v\n%s", err, err.(*displayfilter.Error).Caret(r.filter))
				}
				if _, err := displayfilter.Compile(f.String(), reg); err != nil {
					t.Fatalf("canonical form %q does not compile: %v", f.String(), err)
				}
				return
			}
			if err == nil {
				t.Fatalf("tshark rejects with %q, we accept:\n%s", r.msg, f.Disassemble())
			}
			e := err.(*displayfilter.Error)
			if e.Msg != r.msg {
				t.Errorf("message\n got: %s\nwant: %s", e.Msg, r.msg)
			}
			if r.pos >= 0 && (e.Pos != r.pos || e.Len != r.len) {
				t.Errorf("span got %d:%d, want %d:%d\n%s", e.Pos, e.Len, r.pos, r.len, e.Caret(r.filter))
			}
		})
	}
}
