package capture_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/internal/corpus"
)

const goldenCounts = "testdata/corpus_counts.golden"

// summary is what tshark and we agree on for one file.
type summary struct {
	frames      int
	first, last string // frame.time_epoch of the first and last frame, "-" if none
	err         string // damage message with the file name as %s, "-" if none
}

func (s summary) line(path string) string {
	return fmt.Sprintf("%s\t%d\t%s\t%s\t%s", path, s.frames, s.first, s.last, s.err)
}

// epoch formats ns since the epoch like tshark's frame.time_epoch.
func epoch(ts int64) string {
	sec, ns := ts/1e9, ts%1e9
	if ns < 0 {
		sec--
		ns += 1e9
	}
	return fmt.Sprintf("%d.%09d", sec, ns)
}

// readAll reads a capture to the end, as tshark -r would.
func readAll(t testing.TB, path, name string) summary {
	t.Helper()
	s := summary{first: "-", last: "-", err: "-"}
	r, err := capture.Open(path)
	if err != nil {
		s.err = strings.ReplaceAll(strings.ReplaceAll(err.Error(), `"`+path+`"`, `"%s"`), "\n", `\n`)
		checkTyped(t, err)
		return s
	}
	defer r.Close()
	for {
		p, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			checkTyped(t, err)
			s.err = strings.ReplaceAll(strings.ReplaceAll(err.Error(), `"`+path+`"`, `"%s"`), "\n", `\n`)
			if _, err := r.Next(); err != io.EOF {
				t.Errorf("%s: Next after damage = %v, want io.EOF", name, err)
			}
			break
		}
		if int(p.CapLen) != len(p.Data) {
			t.Errorf("%s frame %d: CapLen %d, len(Data) %d", name, s.frames+1, p.CapLen, len(p.Data))
		}
		s.frames++
		if s.frames == 1 {
			s.first = epoch(p.TS)
		}
		s.last = epoch(p.TS)
	}
	return s
}

func checkTyped(t testing.TB, err error) {
	t.Helper()
	var fe *capture.FormatError
	if !capture.IsDamage(err) && !errors.As(err, &fe) {
		t.Errorf("untyped error %T: %v", err, err)
	}
}

// tsharkSummary runs tshark on one file (run from dir so that the name in
// its messages is the relative path).
func tsharkSummary(t testing.TB, dir, rel string) summary {
	t.Helper()
	cmd := exec.Command("tshark", "-r", rel, "-T", "fields", "-e", "frame.number", "-e", "frame.time_epoch")
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, _ := cmd.Output()
	s := summary{first: "-", last: "-", err: "-"}
	for _, l := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if l == "" {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) < 2 {
			continue
		}
		s.frames++
		if s.frames == 1 {
			s.first = f[1]
		}
		s.last = f[1]
	}
	var errs []string
	for _, l := range strings.Split(stderr.String(), "\n") {
		if l == "" || strings.HasPrefix(l, "Running as user") {
			continue
		}
		errs = append(errs, l)
	}
	if len(errs) > 0 {
		e := strings.TrimPrefix(strings.Join(errs, `\n`), "tshark: ")
		s.err = strings.ReplaceAll(e, `"`+rel+`"`, `"%s"`)
	}
	return s
}

func loadGolden(t *testing.T) map[string]summary {
	t.Helper()
	f, err := os.Open(goldenCounts)
	if err != nil {
		t.Fatalf("open golden: %v", err)
	}
	defer f.Close()
	m := map[string]summary{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "#") || l == "" {
			continue
		}
		p := strings.SplitN(l, "\t", 5)
		if len(p) != 5 {
			t.Fatalf("golden line %q: want 5 fields", l)
		}
		var s summary
		fmt.Sscan(p[1], &s.frames)
		s.first, s.last, s.err = p[2], p[3], p[4]
		m[p[0]] = s
	}
	return m
}

// knownDifferent explains each deliberate divergence from tshark, keyed by
// a substring of tshark's message or by the file's corpus path.
var knownDifferent = map[string]string{
	"network type": "tshark refuses pcap link types it has no dissector for; we list the frames with raw bytes (corpus README)",
	"tcpdump/atm-oam-loopback-print-overrun.pcap": "wiretap guesses a pcap variant (ss990417/Nokia/AIX) from the first records; we read standard pcap",
	"tcpdump/bgp_vpn_rt-oobr.pcap":                "wiretap guesses a pcap variant from the first records; we read standard pcap and find the last record cut short",
	"tcpdump/icmp6_mobileprefix_asan.pcap":        "wiretap guesses a pcap variant from the first records; we read standard pcap and find the last record cut short",
	"tcpdump/timestamp_invalid_micro.pcap":        "fraction of a second >= 1e6 µs: tshark prints it unnormalised (\"1418145370.1000000000\"), we carry it into the seconds",
	"tcpdump/timestamp_invalid_nano.pcap":         "fraction of a second >= 2^31 ns: tshark prints a negative time, we carry it into the seconds",
}

func divergence(rel string, tshark summary) (string, bool) {
	if why, ok := knownDifferent[rel]; ok {
		return why, true
	}
	for k, why := range knownDifferent {
		if strings.Contains(tshark.err, k) {
			return why, true
		}
	}
	return "", false
}

// TestCorpusMatchesTshark reads every corpus file and compares frame count,
// first and last time stamps and damage message with tshark's recorded
// answers. UPDATE_GOLDEN=1 reruns tshark on every file.
func TestCorpusMatchesTshark(t *testing.T) {
	root := filepath.Join(corpus.Dir(t, ""))
	var rels []string
	for _, sub := range []string{"reference", "tcpdump"} {
		for _, f := range corpus.Files(t, sub) {
			rel, _ := filepath.Rel(root, f)
			rels = append(rels, filepath.ToSlash(rel))
		}
	}
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if _, err := exec.LookPath("tshark"); err != nil {
			t.Skip("UPDATE_GOLDEN needs tshark")
		}
		lines := []string{"# tshark 4.0 -r F -T fields -e frame.number -e frame.time_epoch: file, frames, first, last, error (%s = file)"}
		for _, rel := range rels {
			lines = append(lines, tsharkSummary(t, root, rel).line(rel))
		}
		if err := os.WriteFile(goldenCounts, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden := loadGolden(t)
	for _, rel := range rels {
		t.Run(rel, func(t *testing.T) {
			got := readAll(t, filepath.Join(root, rel), rel)
			got.err = strings.ReplaceAll(got.err, filepath.Join(root, rel), "%s")
			want, ok := golden[rel]
			if !ok {
				t.Skipf("%s not in %s (rerun with UPDATE_GOLDEN=1)", rel, goldenCounts)
			}
			if why, ok := divergence(rel, want); ok {
				// Only typed errors and no panic (checked by readAll).
				t.Logf("differs from tshark on purpose: %s", why)
				return
			}
			if got != want {
				t.Errorf("\ngot  %s\nwant %s", got.line(rel), want.line(rel))
			}
		})
	}
}

// TestCorpusLiveSample re-checks a few golden entries against the installed
// tshark, so a stale golden file shows.
func TestCorpusLiveSample(t *testing.T) {
	if _, err := exec.LookPath("tshark"); err != nil {
		t.Skip("tshark not installed")
	}
	root := corpus.Dir(t, "")
	golden := loadGolden(t)
	for _, rel := range []string{"reference/dns_tcp.pcap", "reference/pcapng-multi-interface.pcapng", "reference/tcp-handshake-nano.pcap", "reference/test101.pcapng"} {
		want, ok := golden[rel]
		if _, err := os.Stat(filepath.Join(root, rel)); err != nil || !ok {
			continue
		}
		if got := tsharkSummary(t, root, rel); got != want {
			t.Errorf("golden stale for %s:\ntshark %s\ngolden %s", rel, got.line(rel), want.line(rel))
		}
	}
}
