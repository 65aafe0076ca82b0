package dissect_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/budget"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/tls"
)

// tlsTreeText flattens a visible tree with its data sources, enough to compare two dissections.
// What only the whole first pass knows (TCP's conversation completeness and initial RTT, the
// frame of an HTTP response) is left out: Wireshark adds it on later dissections too.
func tlsTreeText(t *field.Tree) string {
	var b strings.Builder
	skip := map[field.ID]bool{}
	for _, a := range []string{"tcp.completeness", "tcp.analysis.initial_rtt", "http.response_in", "tcp.reassembled_in", "tls.handshake.reassembled_in"} {
		if f, ok := dissect.Fields.Lookup(a); ok {
			skip[f.ID] = true
		}
	}
	// Nodes are numbered without the skipped ones, so that those do not shift their parents.
	kept := make([]int, len(t.Nodes))
	next := 1
	for i := 1; i < len(t.Nodes); i++ {
		n := &t.Nodes[i]
		if skip[n.Field] || n.Parent > 0 && skip[t.Nodes[n.Parent].Field] {
			continue
		}
		kept[i] = next
		next++
		fmt.Fprintf(&b, "%d %d %d %d %d %x %q\n", n.Field, kept[n.Parent], n.Src, n.Off, n.Len, n.Value.B, n.Label)
	}
	for _, s := range t.Sources {
		fmt.Fprintf(&b, "%s %x\n", s.Name, s.Bytes)
	}
	return b.String()
}

// TestTLSDecryptRedissect: a frame dissected again after the first pass (as the TUI does, in any
// order) shows the same tree, with the same columns, with and without keys, whether records that
// span segments are kept as copies or as references to the frames (SetFrameSource).
func TestTLSDecryptRedissect(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	var keys tls.Keys
	for _, name := range []string{"server.key", "server2.key"} {
		k, err := tls.ParseKeyEntry(filepath.Join(root, "testdata", "keys", name))
		if err != nil {
			t.Fatal(err)
		}
		keys.RSA = append(keys.RSA, k)
	}
	for _, name := range []string{"tls-keylog.keylog", "tls13.keylog", "tls12-frag.keylog"} {
		l, err := tls.ReadKeyLogFile(filepath.Join(root, "testdata", "keys", name))
		if err != nil {
			t.Fatal(err)
		}
		keys.Logs = append(keys.Logs, l)
	}
	var files []string
	for _, name := range []string{"tls12-rsa.pcap", "tls13.pcap", "tls12-ciphers.pcap", "tls12-port.pcap", "tls12-two.pcap",
		"tls12-resume.pcap", "tls12-noems.pcap", "tls-keylog.pcap", "tls12-frag.pcap"} {
		files = append(files, filepath.Join(root, "testdata", "captures", name))
	}
	// Records that span segments, in the third-party corpus when it is there.
	corpus := filepath.Join(root, "..", "shared", "corpus", "reference")
	for _, name := range []string{"tls1.2.pcap"} {
		if f := filepath.Join(corpus, name); fileExists(f) {
			files = append(files, f)
		}
	}
	for _, file := range files {
		for _, mode := range []string{"keys", "keys+frames", "nokeys+frames"} {
			t.Run(filepath.Base(file)+"/"+mode, func(t *testing.T) {
				redissect(t, file, mode, &keys, strings.HasPrefix(file, corpus))
			})
		}
	}
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// redissect runs the first pass over file, then dissects every frame again backwards and in random
// order and compares the trees and Info columns.
func redissect(t *testing.T, file, mode string, keys *tls.Keys, foreign bool) {
	rd, err := capture.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	cfg := dissect.Config{}
	if strings.HasPrefix(mode, "keys") {
		cfg.TLSKeys = keys
	}
	st := dissect.NewStateWith(cfg)
	type frame struct {
		fi         dissect.FrameInfo
		data       []byte
		tree, info string
	}
	var frames []frame
	if strings.HasSuffix(mode, "+frames") {
		dissect.SetFrameSource(st, func(n uint32) []byte { return frames[n-1].data })
	}
	tr := field.NewTree(dissect.Fields)
	c := dissect.NewCtx(tr, st)
	c.Cols.On = true
	c.Pass1 = true
	decrypted, reassembled := 0, 0
	for n := uint32(1); ; n++ {
		p, err := rd.Next()
		if err != nil {
			break
		}
		fi := dissect.FrameInfo{Number: n, TS: p.TS, CapLen: p.CapLen, Len: p.Len, Link: p.Link}
		data := append([]byte(nil), p.Data...)
		frames = append(frames, frame{fi: fi, data: data})
		c.Run(&fi, data)
		for _, s := range tr.Sources {
			switch s.Name {
			case "Decrypted TLS":
				decrypted++
			case "Reassembled TCP":
				reassembled++
			}
		}
		frames[n-1].tree, frames[n-1].info = tlsTreeText(tr), string(c.Cols.Info)
	}
	if cfg.TLSKeys != nil && decrypted == 0 && !foreign {
		t.Fatal("nothing was decrypted")
	}
	t.Logf("%d frames, %d decrypted records, %d reassembled", len(frames), decrypted, reassembled)
	c.Pass1 = false
	order := rand.New(rand.NewPCG(1, 2)).Perm(len(frames))
	for i := range frames { // backwards, then in random order: nothing may depend on order
		order = append(order, len(frames)-1-i)
	}
	for _, i := range order {
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
		defer budget.Input(t)() // a slow input is a finding
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

// TestTLSRSAOpsPerSession: the RSA private-key operation runs once per full handshake, not per
// record or per re-dissection; resumed sessions need none.
func TestTLSRSAOpsPerSession(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	key, err := tls.ParseKeyEntry(filepath.Join(root, "testdata", "keys", "server.key"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		capture string
		want    int
	}{
		{"tls12-rsa.pcap", 2},
		{"tls12-ciphers.pcap", 3},
		{"tls12-resume.pcap", 2}, // two full handshakes, each resumed once
		{"tls12-frag.pcap", 1},
		{"tls12-noems.pcap", 1},
	}
	for _, tc := range tests {
		t.Run(tc.capture, func(t *testing.T) {
			st := dissect.NewStateWith(dissect.Config{TLSKeys: &tls.Keys{RSA: []tls.RSAKey{key}}})
			c := dissect.NewCtx(field.NewTree(dissect.Fields), st)
			frames := firstPass(t, c, filepath.Join(root, "testdata", "captures", tc.capture))
			for _, f := range frames {
				c.Run(&f.fi, f.data)
			}
			if got := dissect.TLSRSAOps(st); got != tc.want {
				t.Errorf("%d RSA operations, want %d", got, tc.want)
			}
		})
	}
}

// TestTLSReassembledIn: dissected again after the first pass, the frames of a record that spans
// segments name the frame that completes it, and the records of a handshake message that spans
// records the frame that completes the message, as tshark -2 shows (tcp.reassembled_in,
// tls.handshake.reassembled_in).
func TestTLSReassembledIn(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	// tshark -2 -o rsa_keys… -o tls.keylog_file… -T fields -e frame.number -e tcp.reassembled_in
	// -e tls.handshake.reassembled_in
	want := map[uint32]string{6: "8 ", 8: "12 16", 10: "12 ", 12: "14 16", 14: "16 16", 18: "19 ", 23: "24 ", 26: "27 ", 29: "30 ",
		44: "46 ", 46: "50 54", 48: "50 ", 50: "54 54", 52: "54 ", 54: "56 54", 63: "64 ", 66: "67 ", 68: "69 "}
	key, err := tls.ParseKeyEntry(filepath.Join(root, "testdata", "keys", "server.key"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := tls.ReadKeyLogFile(filepath.Join(root, "testdata", "keys", "tls12-frag.keylog"))
	if err != nil {
		t.Fatal(err)
	}
	st := dissect.NewStateWith(dissect.Config{TLSKeys: &tls.Keys{RSA: []tls.RSAKey{key}, Logs: []*tls.KeyLog{l}}})
	tr := field.NewTree(dissect.Fields)
	c := dissect.NewCtx(tr, st)
	frames := firstPass(t, c, filepath.Join(root, "testdata", "captures", "tls12-frag.pcap"))
	tcpIn, _ := dissect.Fields.Lookup("tcp.reassembled_in")
	hsIn, _ := dissect.Fields.Lookup("tls.handshake.reassembled_in")
	for _, f := range frames {
		c.Run(&f.fi, f.data)
		var a, b string
		for i := 1; i < len(tr.Nodes); i++ {
			switch n := &tr.Nodes[i]; n.Field {
			case tcpIn.ID:
				a = fmt.Sprint(n.Value.U)
			case hsIn.ID:
				b = fmt.Sprint(n.Value.U)
			}
		}
		got := a + " " + b
		if got == " " {
			got = ""
		}
		if got != want[f.fi.Number] {
			t.Errorf("frame %d: reassembled in %q, tshark -2 %q", f.fi.Number, got, want[f.fi.Number])
		}
	}
}

// testFrame is a frame kept for dissecting again after the first pass.
type testFrame struct {
	fi   dissect.FrameInfo
	data []byte
}

// firstPass runs c's first pass over the capture at path and returns its frames; c is left ready
// for later dissections (Pass1 false).
func firstPass(t *testing.T, c *dissect.Ctx, path string) []testFrame {
	t.Helper()
	rd, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var frames []testFrame
	c.Pass1 = true
	for n := uint32(1); ; n++ {
		p, err := rd.Next()
		if err != nil {
			break
		}
		f := testFrame{dissect.FrameInfo{Number: n, TS: p.TS, CapLen: p.CapLen, Len: p.Len, Link: p.Link}, append([]byte(nil), p.Data...)}
		frames = append(frames, f)
		c.Run(&f.fi, f.data)
	}
	c.Pass1 = false
	return frames
}
