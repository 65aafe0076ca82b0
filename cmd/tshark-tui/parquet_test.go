package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// writeParquet runs -T parquet into a file and returns its path.
func writeParquet(t *testing.T, args ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.parquet")
	out := runCLI(t, args...)
	if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestParquetReadBack reads a written file back with parquet-go: column names, types and the
// values of a few rows (no tools needed).
func TestParquetReadBack(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	p := writeParquet(t, "-r", filepath.Join(root, "testdata", "captures", "http.pcap"), "-T", "parquet",
		"-e", "frame.number", "-e", "frame.time", "-e", "ip.src", "-e", "tcp.srcport", "-e", "tcp.flags.syn",
		"-e", "tcp.port", "-e", "frame.time_relative", "-e", "http.request.method")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if pf.NumRows() != 78 {
		t.Errorf("%d rows, want 78", pf.NumRows())
	}
	got := pf.Schema().String()
	for _, want := range []string{
		`optional int32 frame.number (INT(32,false))`,
		`optional int64 frame.time (TIMESTAMP(isAdjustedToUTC=true,unit=NANOS))`,
		`optional binary ip.src (STRING)`,
		`optional boolean tcp.flags.syn`,
		`optional group tcp.port (LIST)`,
		`optional double frame.time_relative`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("schema lacks %q:\n%s", want, got)
		}
	}
	rows := make([]parquet.Row, 4)
	r := pf.RowGroups()[0].Rows()
	defer r.Close()
	n, _ := r.ReadRows(rows)
	if n != 4 {
		t.Fatalf("read %d rows", n)
	}
	var b strings.Builder
	for _, row := range rows[:n] {
		for _, v := range row {
			fmt.Fprintf(&b, "%v ", v)
		}
		b.WriteString("\n")
	}
	golden.Assert(t, "rows", []byte(b.String()))
}

// duckDB returns a function running SQL with DuckDB through Node (the npm package
// @duckdb/node-api, which .ci/run installs into .ci/duckdb), or skips.
func duckDB(t *testing.T) func(sql string) []map[string]any {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: DuckDB check skipped (apt-get install nodejs npm)")
	}
	dir := os.Getenv("TSHARK_TUI_DUCKDB")
	if dir == "" {
		dir = filepath.Join(tsharktest.RepoRoot(t), ".ci", "duckdb")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api")); err != nil {
		t.Skip("@duckdb/node-api is not installed: DuckDB check skipped (cd .ci/duckdb && npm install @duckdb/node-api)")
	}
	script := filepath.Join(dir, "query.mjs")
	const js = `import { DuckDBInstance } from '@duckdb/node-api';
const con = await (await DuckDBInstance.create(':memory:')).connect();
const r = await con.runAndReadAll(process.argv[2]);
console.log(JSON.stringify(r.getRowObjectsJson()));
`
	if err := os.WriteFile(script, []byte(js), 0o644); err != nil {
		t.Skipf("cannot write the DuckDB script: %v", err)
	}
	return func(sql string) []map[string]any {
		t.Helper()
		cmd := exec.Command(node, script, sql)
		cmd.Dir = dir
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("duckdb %q: %v\n%s", sql, err, errb.String())
		}
		var rows []map[string]any
		if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
			t.Fatalf("duckdb output: %v\n%s", err, out.String())
		}
		return rows
	}
}

// TestParquetDuckDB writes the testdata captures (a directory of files, merged) as Parquet,
// counts packets by a field with DuckDB, and compares the counts with tshark -T fields' (recorded
// in testdata/TestParquetDuckDB/*.golden, re-checked live when tshark is installed).
func TestParquetDuckDB(t *testing.T) {
	query := duckDB(t)
	root := tsharktest.RepoRoot(t)
	caps := filepath.Join(root, "testdata", "captures")
	// a directory of files, as a ring buffer leaves them: a fixed set, so that captures added to
	// testdata later do not change the counts
	ring := t.TempDir()
	for _, name := range []string{"arp.pcap", "dhcp.pcap", "dns.pcap", "ftp.pcap", "http.pcap", "icmp.pcap", "smtp.pcap", "tcp-rst.pcap", "udp.pcap", "vlan.pcap"} {
		b, err := os.ReadFile(filepath.Join(caps, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(ring, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct{ name, field, files string }{
		{"ip.src", "ip.src", filepath.Join(ring, "*.pcap")},
		{"tcp.dstport", "tcp.dstport", "tls1*.pcap"},
		{"dns.qry.name", "dns.qry.name", "dns.pcap"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			glob := tc.files
			if !filepath.IsAbs(glob) {
				glob = filepath.Join(caps, glob)
			}
			p := writeParquet(t, "-r", glob, "-T", "parquet", "-e", "frame.number", "-e", tc.field)
			rows := query(fmt.Sprintf(`SELECT "%s" AS v, count(*) AS n FROM '%s' WHERE "%s" IS NOT NULL GROUP BY 1 ORDER BY CAST(v AS VARCHAR)`, tc.field, p, tc.field))
			var b strings.Builder
			for _, r := range rows {
				fmt.Fprintf(&b, "%v %v\n", r["v"], r["n"])
			}
			got := b.String()
			if golden.Updating() || i == 0 && tsharktest.Available() { // a live sample: the first case
				want := tsharkCounts(t, glob, tc.field)
				if golden.Updating() {
					golden.Write(t, golden.Path(t, tc.name), []byte(want))
					return
				}
				if got != want {
					t.Errorf("DuckDB's counts differ from tshark's (live):\n%s", golden.Diff(want, got))
				}
			}
			golden.Assert(t, tc.name, []byte(got))
		})
	}
}

// tsharkCounts counts tshark's first occurrences of field over the merged files.
func tsharkCounts(t *testing.T, glob, fld string) string {
	files, _ := filepath.Glob(glob)
	sort.Strings(files)
	merged := filepath.Join(t.TempDir(), "merged.pcapng")
	if _, err := exec.LookPath("mergecap"); err != nil {
		t.Skip("mergecap is not installed (apt-get install wireshark-common)")
	}
	if out, err := exec.Command("mergecap", append([]string{"-w", merged}, files...)...).CombinedOutput(); err != nil {
		t.Skipf("mergecap: %v %s", err, out)
	}
	out, _, err := tsharktest.Run(t, "-n", "-r", merged, "-T", "fields", "-E", "occurrence=f", "-e", fld)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, ln := range strings.Split(string(out), "\n") {
		if ln != "" {
			counts[ln]++
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys) // DuckDB orders text and numbers alike for these
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s %d\n", k, counts[k])
	}
	return b.String()
}
