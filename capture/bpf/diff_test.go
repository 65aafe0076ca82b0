package bpf_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/capture/bpf"
	xbpf "golang.org/x/net/bpf"
)

// The differential test compares the packets our compiled filters accept with tcpdump's answers
// (tcpdump -r FILE -w OUT EXPR) on the project's captures and the shared corpus. tcpdump's
// answers are kept in testdata/tcpdump.golden; UPDATE_GOLDEN=1 adds the missing answers and
// UPDATE_GOLDEN=all regenerates it (needs tcpdump).

const goldenPath = "testdata/tcpdump.golden"

type pkt struct {
	ts   int64
	data []byte
	wire uint32
}

type capFile struct {
	key  string // name in the golden file
	path string
	link uint16
	pkts []pkt
}

func repoRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(wd, "..", "..")
}

// loadCaptures reads every single-link-type capture whose link type the compiler supports.
func loadCaptures(t *testing.T) []*capFile {
	t.Helper()
	root := repoRoot(t)
	var out []*capFile
	dirs := []struct{ prefix, dir string }{
		{"captures/", filepath.Join(root, "testdata", "captures")},
		{"reference/", filepath.Join(root, "..", "shared", "corpus", "reference")},
	}
	for _, d := range dirs {
		ents, err := os.ReadDir(d.dir)
		if err != nil {
			continue
		}
		for _, e := range ents {
			name := e.Name()
			if !strings.HasSuffix(name, ".pcap") && !strings.HasSuffix(name, ".pcapng") {
				continue
			}
			cf := &capFile{key: d.prefix + name, path: filepath.Join(d.dir, name)}
			if readCapture(cf) {
				out = append(out, cf)
			}
		}
	}
	return out
}

func readCapture(cf *capFile) bool {
	r, err := capture.Open(cf.path)
	if err != nil {
		return false
	}
	defer r.Close()
	links := map[uint16]bool{}
	for {
		p, err := r.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return false
			}
			break
		}
		links[p.Link] = true
		cf.link = p.Link
		cf.pkts = append(cf.pkts, pkt{ts: p.TS, data: append([]byte(nil), p.Data...), wire: p.Len})
	}
	if len(links) != 1 {
		return false
	}
	_, err = bpf.Compile("", cf.link, 0)
	return err == nil
}

func loadExprs(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/exprs.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// tcpdumpAnswer runs tcpdump and returns "error: MSG" or the accepted frame numbers.
func tcpdumpAnswer(cf *capFile, expr string) (string, error) {
	tmp, err := os.CreateTemp("", "bpfdiff-*.pcap")
	if err != nil {
		return "", err
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	cmd := exec.Command("tcpdump", "-r", cf.path, "-w", tmp.Name(), expr)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		msg := strings.TrimPrefix(lines[len(lines)-1], "tcpdump: ")
		return "error: " + msg, nil
	}
	r, err := capture.Open(tmp.Name())
	if err != nil {
		return "", fmt.Errorf("read tcpdump output: %w", err)
	}
	defer r.Close()
	var frames []int
	i := 0
	for {
		p, err := r.Next()
		if err != nil {
			break
		}
		for i < len(cf.pkts) && !(cf.pkts[i].ts/1000 == p.TS/1000 && bytes.Equal(cf.pkts[i].data, p.Data)) {
			i++
		}
		if i == len(cf.pkts) {
			return "", fmt.Errorf("%s %q: tcpdump wrote a packet not in the input", cf.key, expr)
		}
		frames = append(frames, i+1)
		i++
	}
	return formatFrames(frames), nil
}

// formatFrames writes frame numbers as ranges: "1-3,7".
func formatFrames(fs []int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "n=%d", len(fs))
	for i := 0; i < len(fs); {
		j := i
		for j+1 < len(fs) && fs[j+1] == fs[j]+1 {
			j++
		}
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteByte(',')
		}
		if i == j {
			fmt.Fprintf(&b, "%d", fs[i])
		} else {
			fmt.Fprintf(&b, "%d-%d", fs[i], fs[j])
		}
		i = j + 1
	}
	return b.String()
}

// ourAnswer compiles and runs the filter; it also checks our interpreter against x/net/bpf's VM.
func ourAnswer(t *testing.T, cf *capFile, expr string) string {
	prog, err := bpf.Compile(expr, cf.link, 0)
	if err != nil {
		return "error: " + err.Error()
	}
	vm, err := xbpf.NewVM(prog.Instructions())
	if strings.Contains(prog.String(), " neg ") || prog.Loops() {
		vm = nil // x/net/bpf's VM has no NegateA and no backward jumps (protochain)
	} else if err != nil {
		t.Errorf("%s %q: x/net/bpf rejects our program: %v\n%s", cf.key, expr, err, prog)
		vm = nil
	}
	var frames []int
	for i, p := range cf.pkts {
		ok := prog.Match(p.data, p.wire)
		if ok {
			frames = append(frames, i+1)
		}
		if vm != nil && uint32(len(p.data)) == p.wire {
			n, err := vm.Run(p.data)
			if err != nil || (n != 0) != ok {
				t.Errorf("%s %q frame %d: x/net/bpf VM says %d (%v), our interpreter %v", cf.key, expr, i+1, n, err, ok)
			}
		}
	}
	return formatFrames(frames)
}

type goldenKey struct{ file, expr string }

func readGolden(t *testing.T) map[goldenKey]string {
	t.Helper()
	f, err := os.Open(goldenPath)
	if err != nil {
		t.Fatalf("%v (regenerate with UPDATE_GOLDEN=1)", err)
	}
	defer f.Close()
	m := map[goldenKey]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "\t", 3)
		if len(parts) == 3 {
			m[goldenKey{parts[0], parts[1]}] = parts[2]
		}
	}
	return m
}

func writeGolden(t *testing.T, caps []*capFile, exprs []string) {
	t.Helper()
	if _, err := exec.LookPath("tcpdump"); err != nil {
		t.Fatal("UPDATE_GOLDEN needs tcpdump")
	}
	type job struct {
		cf   *capFile
		expr string
		idx  int
	}
	results := make([]string, len(caps)*len(exprs))
	// UPDATE_GOLDEN=1 asks tcpdump only the questions the golden file lacks (new expressions or
	// captures: tens of thousands of tcpdump runs otherwise); UPDATE_GOLDEN=all asks them all.
	var old map[goldenKey]string
	if os.Getenv("UPDATE_GOLDEN") != "all" {
		if _, err := os.Stat(goldenPath); err == nil {
			old = readGolden(t)
		}
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				ans, err := tcpdumpAnswer(j.cf, j.expr)
				if err != nil {
					mu.Lock()
					t.Error(err)
					mu.Unlock()
					continue
				}
				if strings.HasPrefix(ans, "error: pcap_loop:") {
					continue // tcpdump cannot read this file
				}
				results[j.idx] = j.cf.key + "\t" + j.expr + "\t" + ans
			}
		}()
	}
	for i, cf := range caps {
		for k, e := range exprs {
			if ans, ok := old[goldenKey{cf.key, e}]; ok {
				results[i*len(exprs)+k] = cf.key + "\t" + e + "\t" + ans
				continue
			}
			jobs <- job{cf, e, i*len(exprs) + k}
		}
	}
	close(jobs)
	wg.Wait()
	var b strings.Builder
	b.WriteString("# tcpdump -r FILE -w OUT EXPR: the accepted frames (1-based), or tcpdump's error.\n")
	b.WriteString("# Regenerate: UPDATE_GOLDEN=1 go test ./capture/bpf/ -run TestDifferential\n")
	for _, r := range results {
		if r != "" {
			b.WriteString(r + "\n")
		}
	}
	if err := os.WriteFile(goldenPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDifferential(t *testing.T) {
	caps := loadCaptures(t)
	if len(caps) == 0 {
		t.Skip("no captures found")
	}
	exprs := loadExprs(t)
	if os.Getenv("UPDATE_GOLDEN") != "" {
		writeGolden(t, caps, exprs)
	}
	golden := readGolden(t)
	var pairs, agree, errBoth, errMsg int
	var diffs []string
	for _, cf := range caps {
		for _, e := range exprs {
			want, ok := golden[goldenKey{cf.key, e}]
			if !ok || strings.HasPrefix(want, "error: pcap_loop:") {
				continue
			}
			pairs++
			got := ourAnswer(t, cf, e)
			wantErr, gotErr := strings.HasPrefix(want, "error: "), strings.HasPrefix(got, "error: ")
			switch {
			case wantErr && gotErr:
				agree++
				errBoth++
				if want == got {
					errMsg++
				}
			case got == want:
				agree++
			default:
				diffs = append(diffs, fmt.Sprintf("%s %q: tcpdump %s; ours %s", cf.key, e, want, got))
			}
		}
	}
	if pairs == 0 {
		t.Skip("no golden answers for the captures present")
	}
	sort.Strings(diffs)
	for _, d := range diffs {
		t.Log("differs:", d)
	}
	ratio := float64(agree) / float64(pairs)
	t.Logf("agreement with tcpdump: %d/%d pairs (%.2f%%) over %d captures and %d expressions; both errors %d, same message %d",
		agree, pairs, 100*ratio, len(caps), len(exprs), errBoth, errMsg)
	if ratio < 0.99 {
		t.Errorf("agreement %.4f below 0.99", ratio)
	}
}

// TestGoldenLive re-asks tcpdump a sample of the golden questions, to catch a stale golden file.
func TestGoldenLive(t *testing.T) {
	if _, err := exec.LookPath("tcpdump"); err != nil {
		t.Skip("tcpdump not installed")
	}
	caps := loadCaptures(t)
	golden := readGolden(t)
	exprs := loadExprs(t)
	n := 0
	for i, cf := range caps {
		for k, e := range exprs {
			if (i*len(exprs)+k)%211 != 0 {
				continue
			}
			want, ok := golden[goldenKey{cf.key, e}]
			if !ok {
				continue
			}
			got, err := tcpdumpAnswer(cf, e)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s %q: golden %s, tcpdump now %s (regenerate with UPDATE_GOLDEN=1)", cf.key, e, want, got)
			}
			n++
		}
	}
	t.Logf("re-checked %d golden answers with tcpdump", n)
}

var _ = strconv.Itoa
