package dissect_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/tls"
)

// tlsTreeText flattens a visible tree with its data sources, enough to compare two dissections.
// What only the whole first pass knows (TCP's conversation completeness and initial RTT, the
// frame of an HTTP response) is left out: Wireshark adds it on later dissections too.
func tlsTreeText(t *field.Tree) string {
	var b strings.Builder
	skip := map[field.ID]bool{}
	for _, a := range []string{"tcp.completeness", "tcp.analysis.initial_rtt", "http.response_in"} {
		if f, ok := dissect.Fields.Lookup(a); ok {
			skip[f.ID] = true
		}
	}
	for i := 1; i < len(t.Nodes); i++ {
		n := &t.Nodes[i]
		if skip[n.Field] || n.Parent > 0 && skip[t.Nodes[n.Parent].Field] {
			continue
		}
		fmt.Fprintf(&b, "%d %d %d %d %d %x %q\n", n.Field, n.Parent, n.Src, n.Off, n.Len, n.Value.B, n.Label)
	}
	for _, s := range t.Sources {
		fmt.Fprintf(&b, "%s %x\n", s.Name, s.Bytes)
	}
	return b.String()
}

// TestTLSDecryptRedissect: a frame dissected again after the first pass (as the TUI does, in any
// order) shows the same decrypted tree, with the same columns.
func TestTLSDecryptRedissect(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	tests := []struct {
		capture string
		keys    func(t *testing.T) *tls.Keys
	}{
		{"tls12-resume.pcap", func(t *testing.T) *tls.Keys {
			k, err := tls.ParseKeyEntry(filepath.Join(root, "testdata", "keys", "server.key"))
			if err != nil {
				t.Fatal(err)
			}
			return &tls.Keys{RSA: []tls.RSAKey{k}}
		}},
		{"tls-keylog.pcap", func(t *testing.T) *tls.Keys {
			l, err := tls.ReadKeyLogFile(filepath.Join(root, "testdata", "keys", "tls-keylog.keylog"))
			if err != nil {
				t.Fatal(err)
			}
			return &tls.Keys{Logs: []*tls.KeyLog{l}}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.capture, func(t *testing.T) {
			rd, err := capture.Open(filepath.Join(root, "testdata", "captures", tc.capture))
			if err != nil {
				t.Fatal(err)
			}
			defer rd.Close()
			st := dissect.NewStateWith(dissect.Config{TLSKeys: tc.keys(t)})
			tr := field.NewTree(dissect.Fields)
			c := dissect.NewCtx(tr, st)
			c.Cols.On = true
			c.Pass1 = true
			type frame struct {
				fi         dissect.FrameInfo
				data       []byte
				tree, info string
			}
			var frames []frame
			decrypted := 0
			for n := uint32(1); ; n++ {
				p, err := rd.Next()
				if err != nil {
					break
				}
				fi := dissect.FrameInfo{Number: n, TS: p.TS, CapLen: p.CapLen, Len: p.Len, Link: p.Link}
				data := append([]byte(nil), p.Data...)
				c.Run(&fi, data)
				for _, s := range tr.Sources {
					if s.Name == "Decrypted TLS" {
						decrypted++
					}
				}
				frames = append(frames, frame{fi, data, tlsTreeText(tr), string(c.Cols.Info)})
			}
			if decrypted == 0 {
				t.Fatal("nothing was decrypted")
			}
			c.Pass1 = false
			for i := len(frames) - 1; i >= 0; i-- { // backwards: nothing may depend on order
				f := frames[i]
				c.Run(&f.fi, f.data)
				if got := tlsTreeText(tr); got != f.tree {
					a, b := strings.Split(f.tree, "\n"), strings.Split(got, "\n")
					for j := 0; j < len(a) && j < len(b); j++ {
						if a[j] != b[j] {
							t.Errorf("frame %d: the tree differs on re-dissection:\n%s\n%s", f.fi.Number, a[j], b[j])
							break
						}
					}
				}
				if got := string(c.Cols.Info); got != f.info {
					t.Errorf("frame %d: Info %q, first pass %q", f.fi.Number, got, f.info)
				}
			}
		})
	}
}

// FuzzTLSDecryptDissect dissects a decryptable capture with one frame's TLS payload mutated: the
// first pass and a re-dissection must not panic.
func FuzzTLSDecryptDissect(f *testing.F) {
	root := tsharktest.RepoRoot(f)
	rd, err := capture.Open(filepath.Join(root, "testdata", "captures", "tls12-rsa.pcap"))
	if err != nil {
		f.Skip(err)
	}
	var pkts [][]byte
	for {
		p, err := rd.Next()
		if err != nil {
			break
		}
		pkts = append(pkts, append([]byte(nil), p.Data...))
	}
	rd.Close()
	key, err := tls.ParseKeyEntry(filepath.Join(root, "testdata", "keys", "server.key"))
	if err != nil {
		f.Fatal(err)
	}
	keys := &tls.Keys{RSA: []tls.RSAKey{key}}
	f.Add(uint8(9), []byte{0x17, 3, 3, 0, 4, 1, 2, 3, 4})
	f.Add(uint8(10), bytes.Repeat([]byte{0x16}, 40))
	f.Fuzz(func(t *testing.T, which uint8, payload []byte) {
		st := dissect.NewStateWith(dissect.Config{TLSKeys: keys})
		tr := field.NewTree(dissect.Fields)
		c := dissect.NewCtx(tr, st)
		c.Cols.On = true
		run := func() {
			for i, p := range pkts {
				data := p
				if i == int(which)%len(pkts) && len(p) > 66 {
					data = append(append([]byte(nil), p[:66]...), payload...)
				}
				fi := dissect.FrameInfo{Number: uint32(i + 1), CapLen: uint32(len(data)), Len: uint32(len(data)), Link: 1}
				c.Run(&fi, data)
			}
		}
		c.Pass1 = true
		run()
		c.Pass1 = false
		run()
	})
}
