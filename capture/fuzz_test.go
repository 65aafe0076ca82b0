package capture_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"
)

// addCorpusSeeds adds up to max corpus files whose name has suffix.
func addCorpusSeeds(f *testing.F, suffix string, max int) {
	dir := filepath.Join("..", "..", "shared", "corpus", "reference")
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	n := 0
	for _, e := range ents {
		if n == max || !strings.HasSuffix(e.Name(), suffix) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err == nil && len(b) < 64<<10 {
			f.Add(b)
			n++
		}
	}
}

// fuzzRead reads b through the stream path and, via a temporary file, the
// mmap path; both must agree and fail only with typed errors.
func fuzzRead(t *testing.T, b []byte) {
	count := func(r capture.Reader, err error) (int, string) {
		if err != nil {
			return -1, err.Error()
		}
		defer r.Close()
		n := 0
		for {
			p, err := r.Next()
			if err == io.EOF {
				return n, ""
			}
			if err != nil {
				if !capture.IsDamage(err) {
					t.Fatalf("untyped error %T %v", err, err)
				}
				return n, err.Error()
			}
			if int(p.CapLen) != len(p.Data) {
				t.Fatalf("CapLen %d != len(Data) %d", p.CapLen, len(p.Data))
			}
			n++
		}
	}
	n1, e1 := count(capture.NewReader(bytes.NewReader(b), "f"))
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	n2, e2 := count(capture.Open(path))
	e2 = strings.ReplaceAll(e2, path, "f")
	if n1 != n2 || e1 != e2 {
		t.Fatalf("stream %d %q, mmap %d %q", n1, e1, n2, e2)
	}
}

func FuzzReadPcap(f *testing.F) {
	f.Add(pcapFile(false, 0xa1b2c3d4, 1, rec{1, 2, bytesN(13, 0), 0}, rec{3, 4, bytesN(9, 0), 0}))
	f.Add(pcapFile(true, 0xa1b23c4d, 105, rec{1, 2, bytesN(13, 0), 20}))
	f.Add(pcapFile(false, 0xa1b2cd34, 1, rec{1, 2, bytesN(13, 0), 0}))
	addCorpusSeeds(f, ".pcap", 8)
	f.Fuzz(fuzzRead)
}

func FuzzReadPcapng(f *testing.F) {
	n := newNG(false)
	n.shb().idb(1, 0, opt{2, []byte("eth0")}, opt{9, []byte{0x8a}}).epb(0, 5, bytesN(13, 0), 0, opt{1, []byte("c")}).spb(9, bytesN(9, 1)).pb(0, 1, 2, bytesN(5, 0))
	f.Add(n.buf)
	f.Add(newNG(true).shb().idb(1, 64).epb(0, 1, bytesN(70, 0), 0).shb().idb(101, 0).epb(0, 7, bytesN(3, 0), 0).buf)
	addCorpusSeeds(f, ".pcapng", 6)
	f.Fuzz(fuzzRead)
}
