package batch_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

func TestMain(m *testing.M) {
	time.Local = time.UTC // tshark's answers were recorded with TZ=UTC
	os.Exit(m.Run())
}

// capture is one file the differential tests run on.
type capture struct {
	name string // golden name: "testdata__http.pcap", "reference__dns.pcap"
	path string
}

// diffCaptures lists the project's own captures and, when present, the reference corpus.
func diffCaptures(t *testing.T) []capture {
	root := tsharktest.RepoRoot(t)
	var out []capture
	add := func(set, dir string) {
		ents, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		for _, e := range ents {
			n := e.Name()
			if strings.HasSuffix(n, ".pcap") || strings.HasSuffix(n, ".pcapng") || strings.HasSuffix(n, ".cap") {
				out = append(out, capture{name: set + "__" + n, path: filepath.Join(dir, n)})
			}
		}
	}
	add("testdata", filepath.Join(root, "testdata", "captures"))
	add("reference", filepath.Join(root, "..", "shared", "corpus", "reference"))
	// UPDATE_GOLDEN_CAPTURES=mysql.pcap,sip.pcap re-records (and checks) only those captures: a new
	// capture gets its goldens without tshark re-running on every other one.
	if only := os.Getenv("UPDATE_GOLDEN_CAPTURES"); only != "" && golden.Updating() {
		var keep []capture
		for _, c := range out {
			for _, p := range strings.Split(only, ",") {
				if ok, _ := filepath.Match(p, filepath.Base(c.path)); ok {
					keep = append(keep, c)
					break
				}
			}
		}
		out = keep
	}
	if len(out) == 0 {
		t.Skip("no captures found (testdata/captures and ../shared/corpus/reference are absent)")
	}
	return out
}

// skipFields are fields whose value depends on something other than the packet (name resolution,
// files, preferences) or that tshark prints in a form the -T fields comparison can't use.
var skipFields = map[string]string{
	"frame.time_delta_displayed": "depends on what is displayed; checked in the summary tests",
	"frame.interface_name":       "pcap files: tshark invents names from the link type",
}

// knownDifferences are fields where we deliberately differ from tshark 4.0, with the reason.
var knownDifferences = map[string]string{}

func comparableFields(t *testing.T) []*field.Field {
	var out []*field.Field
	for _, f := range dissect.Fields.All() {
		if _, skip := skipFields[f.Abbrev]; skip {
			continue
		}
		if strings.HasSuffix(f.Abbrev, "_resolved") || strings.Contains(f.Abbrev, ".oui_resolved") {
			continue
		}
		if f.Type == field.Protocol || f.Type == field.None {
			continue
		}
		out = append(out, f)
	}
	return out
}

// tsharkKnows filters names to those this tshark has (-G fields), so goldens stay valid.
func tsharkKnows(t *testing.T, names []string) []string {
	out, _, err := tsharktest.Run(t, "-G", "fields")
	if err != nil {
		t.Fatalf("tshark -G fields: %v", err)
	}
	known := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		cols := strings.Split(line, "\t")
		if len(cols) > 2 && cols[0] == "F" {
			known[cols[2]] = true
		}
	}
	var keep []string
	for _, n := range names {
		if known[n] {
			keep = append(keep, n)
		}
	}
	return keep
}

func runOurs(t *testing.T, o *batch.Options) string {
	t.Helper()
	var out, errb bytes.Buffer
	if err := batch.Run(o, &out, &errb); err != nil {
		if be, ok := err.(*batch.Error); !ok || be.Code != batch.ExitBadFile {
			t.Fatalf("run: %v %s", err, errb.String())
		}
	}
	return out.String()
}

// TestFieldsMatchTshark compares -T fields values of every field we register (that tshark knows) on
// every test capture with tshark's recorded answer, and requires the agreement ratio of (packet,
// field) pairs to stay above a floor.
func TestFieldsMatchTshark(t *testing.T) {
	caps := diffCaptures(t)
	var allNames []string
	for _, f := range comparableFields(t) {
		allNames = append(allNames, f.Abbrev)
	}
	if golden.Updating() {
		allNames = tsharkKnows(t, allNames)
	}
	var agree, total int
	mismatch := map[string]int{}
	examples := map[string]string{}
	for _, c := range caps {
		gp := golden.Path(t, c.name)
		if golden.Updating() {
			args := []string{"-n", "-r", c.path, "-T", "fields", "-E", "header=y", "-E", "occurrence=a"}
			for _, n := range allNames {
				args = append(args, "-e", n)
			}
			out, _, err := tsharktest.Run(t, args...)
			if err != nil && len(out) == 0 {
				t.Logf("%s: tshark: %v", c.name, err)
			}
			golden.Write(t, gp, out)
		}
		want, err := os.ReadFile(gp)
		if err != nil {
			t.Errorf("%s: no golden (UPDATE_GOLDEN=1 records tshark's answers): %v", c.name, err)
			continue
		}
		lines := strings.Split(strings.TrimRight(string(want), "\n"), "\n")
		if len(lines) == 0 || lines[0] == "" {
			continue
		}
		names := strings.Split(lines[0], "\t")
		o := &batch.Options{Files: []string{c.path}, Output: batch.OutFields, Separator: "\t", Aggregator: ",", Precision: -1}
		for _, n := range names {
			f, ok := dissect.Fields.Lookup(n)
			if !ok {
				t.Fatalf("golden field %q is not registered", n)
			}
			o.Fields = append(o.Fields, f)
		}
		got := strings.Split(strings.TrimRight(runOurs(t, o), "\n"), "\n")
		rows := lines[1:]
		if len(got) != len(rows) {
			t.Errorf("%s: %d packets, tshark %d", c.name, len(got), len(rows))
		}
		for i := 0; i < len(rows) && i < len(got); i++ {
			wv := strings.Split(rows[i], "\t")
			gv := strings.Split(got[i], "\t")
			for j, n := range names {
				var w, g string
				if j < len(wv) {
					w = wv[j]
				}
				if j < len(gv) {
					g = gv[j]
				}
				if w == "" && g == "" {
					continue
				}
				total++
				if w == g {
					agree++
					continue
				}
				if _, known := knownDifferences[n]; known {
					agree++
					continue
				}
				mismatch[n]++
				if _, ok := examples[n]; !ok {
					examples[n] = fmt.Sprintf("%s frame %d: tshark %q, ours %q", c.name, i+1, trunc(w), trunc(g))
				}
			}
		}
	}
	if total == 0 {
		t.Skip("no values compared")
	}
	ratio := float64(agree) / float64(total)
	t.Logf("agreement: %d of %d (packet, field) values = %.4f", agree, total, ratio)
	type kv struct {
		k string
		v int
	}
	var worst []kv
	for k, v := range mismatch {
		worst = append(worst, kv{k, v})
	}
	sort.Slice(worst, func(i, j int) bool {
		return worst[i].v > worst[j].v || worst[i].v == worst[j].v && worst[i].k < worst[j].k
	})
	for i, w := range worst {
		if i == 40 {
			break
		}
		t.Logf("%6d %s  e.g. %s", w.v, w.k, examples[w.k])
	}
	if ratio < minFieldAgreement {
		t.Errorf("field agreement %.4f is below the floor %.4f", ratio, minFieldAgreement)
	}
}

// minFieldAgreement is the floor the agreement may not fall below; raise it as dissectors improve.
const minFieldAgreement = 0.995

func trunc(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// TestSummaryMatchesTshark compares the default summary lines (-n) with tshark's.
func TestSummaryMatchesTshark(t *testing.T) {
	caps := diffCaptures(t)
	var agree, total int
	for _, c := range caps {
		gp := golden.Path(t, c.name)
		if golden.Updating() {
			out, _, _ := tsharktest.Run(t, "-n", "-r", c.path)
			golden.Write(t, gp, out)
		}
		want, err := os.ReadFile(gp)
		if err != nil {
			t.Errorf("%s: no golden: %v", c.name, err)
			continue
		}
		o := &batch.Options{Files: []string{c.path}, Separator: "\t", Aggregator: ",", Precision: -1}
		got := strings.Split(strings.TrimRight(runOurs(t, o), "\n"), "\n")
		wl := strings.Split(strings.TrimRight(string(want), "\n"), "\n")
		shown := 0
		for i := range wl {
			total++
			if i < len(got) && got[i] == wl[i] {
				agree++
				continue
			}
			if shown < 3 && testing.Verbose() {
				g := ""
				if i < len(got) {
					g = got[i]
				}
				t.Logf("%s line %d:\n  tshark: %s\n  ours:   %s", c.name, i+1, wl[i], g)
				shown++
			}
		}
	}
	if total == 0 {
		t.Skip("nothing compared")
	}
	ratio := float64(agree) / float64(total)
	t.Logf("summary lines identical: %d of %d = %.4f", agree, total, ratio)
	if ratio < minSummaryAgreement {
		t.Errorf("summary agreement %.4f is below the floor %.4f", ratio, minSummaryAgreement)
	}
}

// minSummaryAgreement is the floor for identical summary lines; raise it as dissectors improve.
const minSummaryAgreement = 0.95

// TestJSONMatchesTshark compares -T json output line by line with tshark's on a few small captures.
func TestJSONMatchesTshark(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	var agree, total int
	for _, name := range []string{"dns.pcap", "icmp.pcap", "arp.pcap", "udp.pcap", "dhcp.pcap"} {
		path := filepath.Join(root, "testdata", "captures", name)
		if _, err := os.Stat(path); err != nil {
			continue
		}
		gp := golden.Path(t, name)
		if golden.Updating() {
			out, _, _ := tsharktest.Run(t, "-n", "-r", path, "-T", "json")
			golden.Write(t, gp, out)
		}
		want, err := os.ReadFile(gp)
		if err != nil {
			t.Errorf("%s: no golden: %v", name, err)
			continue
		}
		got := strings.Split(runOurs(t, &batch.Options{Files: []string{path}, Output: batch.OutJSON, Separator: "\t", Aggregator: ",", Precision: -1}), "\n")
		wl := strings.Split(string(want), "\n")
		total += len(wl)
		agree += lcsLen(wl, got)
	}
	if total == 0 {
		t.Skip("no captures")
	}
	ratio := float64(agree) / float64(total)
	t.Logf("-T json lines in common (longest common subsequence): %d of %d = %.4f", agree, total, ratio)
	if ratio < 0.98 {
		t.Errorf("json agreement %.4f below 0.98", ratio)
	}
}

// lcsLen returns the length of the longest common subsequence of two line lists.
func lcsLen(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
