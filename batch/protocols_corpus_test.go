package batch_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/corpus"
	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// protocolsFloor is, per corpus, the number of packets whose frame.protocols must equal tshark 4.0's
// and the number of files whose every packet must. Raise them as coverage grows: a drop below is a
// regression.
var protocolsFloor = map[string]struct{ packets, files int }{
	"tcpdump":   {9694, 641},
	"reference": {1987, 62},
}

// TestCorpusProtocols measures how often our frame.protocols equals tshark 4.0's, packet by packet,
// on the shared corpora (tcpdump's regression captures and the reference set). tshark's answers are
// recorded once in testdata/TestCorpusProtocols/<corpus>.golden (UPDATE_GOLDEN=1 re-records them,
// which needs tshark); the comparison itself needs no tshark. It prints both figures and the
// protocols where ours first stops agreeing, counted by packets, and fails only when a figure falls
// below protocolsFloor. CORPUS_DIFF=1 also lists every differing packet; CORPUS_FILE=substr limits
// the run to matching files.
func TestCorpusProtocols(t *testing.T) {
	for _, set := range []string{"tcpdump", "reference"} {
		t.Run(set, func(t *testing.T) {
			files := corpus.Files(t, set)
			gp := golden.Path(t, set)
			if golden.Updating() {
				golden.Write(t, gp, recordProtocols(t, set, files))
			}
			want, err := readProtocolsGolden(gp)
			if err != nil {
				t.Fatalf("golden: %v (UPDATE_GOLDEN=1 records tshark's answers)", err)
			}
			compareProtocols(t, set, files, want)
		})
	}
}

// protoFile is one file's recorded answer: frame.protocols of each packet, or unreadable when
// tshark could not open the file at all.
type protoFile struct {
	packets    []string
	unreadable bool
}

// recordProtocols runs tshark over every file (two at a time) and returns the golden text: a
// "== name" line per file ("== name !" when tshark could not read it) followed by one line per packet.
func recordProtocols(t *testing.T, set string, files []string) []byte {
	tsharktest.Path(t)
	outs := make([][]byte, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outs[i], _, errs[i] = tsharktest.Run(t, "-n", "-r", files[i], "-T", "fields", "-e", "frame.protocols")
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var b bytes.Buffer
	fmt.Fprintf(&b, "# frame.protocols of every packet of ../shared/corpus/%s by tshark 4.0 (UPDATE_GOLDEN=1 re-records)\n", set)
	for i, f := range files {
		name := filepath.Base(f)
		if errs[i] != nil && len(outs[i]) == 0 {
			fmt.Fprintf(&b, "== %s !\n", name)
			continue
		}
		fmt.Fprintf(&b, "== %s\n", name)
		b.Write(outs[i])
	}
	return b.Bytes()
}

func readProtocolsGolden(p string) (map[string]*protoFile, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	out := map[string]*protoFile{}
	var cur *protoFile
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		ln := sc.Text()
		switch {
		case strings.HasPrefix(ln, "# "):
		case strings.HasPrefix(ln, "== "):
			name, bad := strings.CutSuffix(ln[3:], " !")
			cur = &protoFile{unreadable: bad}
			out[name] = cur
		case cur != nil:
			cur.packets = append(cur.packets, ln)
		}
	}
	return out, sc.Err()
}

// firstDifference names the protocol of tshark's list at which ours stops agreeing ("+x" when ours
// has an extra protocol x, "-" when ours lists nothing where tshark lists more).
func firstDifference(want, got string) string {
	w, g := strings.Split(want, ":"), strings.Split(got, ":")
	for i := range w {
		if i >= len(g) {
			return w[i]
		}
		if w[i] != g[i] {
			return w[i]
		}
	}
	if len(g) > len(w) {
		return "+" + g[len(w)]
	}
	return "-"
}

func compareProtocols(t *testing.T, set string, files []string, want map[string]*protoFile) {
	prot, _ := dissect.Fields.Lookup("frame.protocols")
	verbose := os.Getenv("CORPUS_DIFF") != ""
	only := os.Getenv("CORPUS_FILE")
	var same, total, sameFiles, nFiles int
	type gap struct{ packets, files int }
	gaps := map[string]*gap{}
	var diffs strings.Builder
	for _, f := range files {
		name := filepath.Base(f)
		w := want[name]
		if w == nil || w.unreadable || (only != "" && !strings.Contains(name, only)) {
			continue
		}
		var out, errb bytes.Buffer
		_ = batch.Run(&batch.Options{Files: []string{f}, Output: batch.OutFields, Fields: []*field.Field{prot},
			Separator: "\t", Aggregator: ",", Precision: -1}, &out, &errb)
		got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if out.Len() == 0 {
			got = nil
		}
		nFiles++
		fileSame := len(got) == len(w.packets)
		seen := map[string]bool{}
		for i, wp := range w.packets {
			total++
			var gp string
			if i < len(got) {
				gp = got[i]
			}
			if gp == wp {
				same++
				continue
			}
			fileSame = false
			k := firstDifference(wp, gp)
			if gaps[k] == nil {
				gaps[k] = &gap{}
			}
			gaps[k].packets++
			if !seen[k] {
				seen[k] = true
				gaps[k].files++
			}
			if verbose {
				fmt.Fprintf(&diffs, "%s #%d\n  tshark %s\n  ours   %s\n", name, i+1, wp, gp)
			}
		}
		if fileSame {
			sameFiles++
		}
	}
	if total == 0 {
		t.Skip("no packets compared")
	}
	keys := make([]string, 0, len(gaps))
	for k := range gaps {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if gaps[keys[i]].packets != gaps[keys[j]].packets {
			return gaps[keys[i]].packets > gaps[keys[j]].packets
		}
		return keys[i] < keys[j]
	})
	var top strings.Builder
	for i, k := range keys {
		if i == 25 {
			break
		}
		fmt.Fprintf(&top, "  %-24s %6d packets %4d files\n", k, gaps[k].packets, gaps[k].files)
	}
	t.Logf("%s corpus: frame.protocols identical on %d of %d packets (%.1f%%), %d of %d files fully identical\n"+
		"first protocol where ours stops agreeing:\n%s%s",
		set, same, total, 100*float64(same)/float64(total), sameFiles, nFiles, top.String(), diffs.String())
	if only != "" {
		return
	}
	fl := protocolsFloor[set]
	if same < fl.packets {
		t.Errorf("%s: %d identical packets, below the floor of %d", set, same, fl.packets)
	}
	if sameFiles < fl.files {
		t.Errorf("%s: %d fully identical files, below the floor of %d", set, sameFiles, fl.files)
	}
}
