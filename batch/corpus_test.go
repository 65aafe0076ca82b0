package batch_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// TestCorpusNoPanic runs every capture of ../shared/corpus (tcpdump's test suite and the reference
// set, many deliberately malformed) through reading, full dissection, -V and -x rendering and the
// summary: nothing may panic, and damage must be reported as a typed error with a message.
func TestCorpusNoPanic(t *testing.T) {
	root := filepath.Join(tsharktest.RepoRoot(t), "..", "shared", "corpus")
	var files []string
	for _, sub := range []string{"tcpdump", "reference"} {
		ents, err := os.ReadDir(filepath.Join(root, sub))
		if err != nil {
			continue
		}
		for _, e := range ents {
			n := e.Name()
			if strings.HasSuffix(n, ".pcap") || strings.HasSuffix(n, ".pcapng") || strings.HasSuffix(n, ".cap") {
				files = append(files, filepath.Join(root, sub, n))
			}
		}
	}
	if len(files) == 0 {
		t.Skip("../shared/corpus is absent")
	}
	if testing.Short() {
		files = files[:len(files)/10]
	}
	damaged := 0
	for _, f := range files {
		for _, o := range []*batch.Options{
			{Files: []string{f}, Verbose: true, Hex: true, Separator: "\t", Aggregator: ",", Precision: -1},
			{Files: []string{f}, Separator: "\t", Aggregator: ",", Precision: -1},
		} {
			var out, errb bytes.Buffer
			err := batch.Run(o, &out, &errb)
			if err != nil {
				var be *batch.Error
				if !errors.As(err, &be) || be.Code != batch.ExitBadFile {
					t.Errorf("%s: unexpected error %v", filepath.Base(f), err)
				}
				if errb.Len() == 0 && be != nil && be.Msg == "" {
					t.Errorf("%s: damage not reported", filepath.Base(f))
				}
				if o.Verbose {
					damaged++
				}
			}
			if bytes.Contains(out.Bytes(), []byte{0x1b}) {
				t.Errorf("%s: raw escape byte in output", filepath.Base(f))
			}
		}
	}
	t.Logf("%d files read, %d reported damage", len(files), damaged)
}
