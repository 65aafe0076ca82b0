package dissect_test

// A small differential harness for the dns, dhcp, ntp and tls dissectors: it reads a capture,
// dissects every frame and compares field values and the Protocol/Info columns with tshark's. Until
// the link, network and transport dissectors are registered, a minimal test-only stand-in for them
// hands UDP and TCP payloads to the port tables.

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/corpus"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

type capFrame struct {
	link uint16
	ts   int64
	data []byte
	len  uint32
}

// readCapture reads a capture with package capture (the readers tshark's answers are checked
// against): every frame, and the damage error if the file is cut short.
func readCapture(path string) ([]capFrame, error) {
	rd, err := capture.OpenSequential(path)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	var out []capFrame
	for {
		p, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, capFrame{p.Link, p.TS, append([]byte(nil), p.Data...), p.Len})
	}
}

// ---- stand-in lower layers (only when the real ones are not registered) ----

var stubLink = &dissect.Handle{Name: "eth", Fn: stubEth}

func init() {
	if _, ok := dissect.LinkTypes.Get(1); !ok {
		dissect.LinkTypes.Add(1, stubLink)
		dissect.LinkTypes.Add(0, &dissect.Handle{Name: "null", Fn: stubNull})
		dissect.LinkTypes.Add(101, &dissect.Handle{Name: "raw", Fn: stubRaw})
		dissect.LinkTypes.Add(228, &dissect.Handle{Name: "raw", Fn: stubRaw})
	}
}

func stubEth(c *dissect.Ctx, t dissect.Tvb, parent int32) {
	et := t.U16(12)
	o := 14
	for et == 0x8100 || et == 0x88a8 {
		et = t.U16(o + 2)
		o += 4
	}
	stubNet(c, t.Sub(o), parent)
}

func stubNull(c *dissect.Ctx, t dissect.Tvb, parent int32) { stubNet(c, t.Sub(4), parent) }
func stubRaw(c *dissect.Ctx, t dissect.Tvb, parent int32)  { stubNet(c, t, parent) }

func stubNet(c *dissect.Ctx, t dissect.Tvb, parent int32) {
	var proto uint8
	var payload dissect.Tvb
	switch t.U8(0) >> 4 {
	case 4:
		hl := int(t.U8(0)&15) * 4
		tot := int(t.U16(2))
		if t.U16(6)&0x3fff != 0 {
			return // fragment
		}
		c.NetSrc, c.NetDst = t.Bytes(12, 4), t.Bytes(16, 4)
		proto = t.U8(9)
		payload = t.SubLen(hl, tot-hl)
		if proto == 47 { // GRE
			g := payload
			fl := g.U16(0)
			o := 4
			if fl&0x8000 != 0 {
				o += 4
			}
			if fl&0x2000 != 0 {
				o += 4
			}
			if fl&0x1000 != 0 {
				o += 4
			}
			if g.U16(2) == 0x0800 || g.U16(2) == 0x86dd {
				stubNet(c, g.Sub(o), parent)
			}
			return
		}
	case 6:
		c.NetSrc, c.NetDst = t.Bytes(8, 16), t.Bytes(24, 16)
		proto = t.U8(6)
		payload = t.SubLen(40, int(t.U16(4)))
		for proto == 0 || proto == 43 || proto == 60 {
			proto = payload.U8(0)
			payload = payload.Sub(int(payload.U8(1))*8 + 8)
		}
		if proto == 44 {
			return
		}
	default:
		return
	}
	switch proto {
	case 17:
		sp, dp := uint32(payload.U16(0)), uint32(payload.U16(2))
		c.SrcPort, c.DstPort, c.PortType = sp, dp, 17
		stubPorts(c, dissect.UDPPort, payload.SubLen(8, int(payload.U16(4))-8), parent)
	case 6:
		sp, dp := uint32(payload.U16(0)), uint32(payload.U16(2))
		c.SrcPort, c.DstPort, c.PortType = sp, dp, 6
		off := int(payload.U8(12)>>4) * 4
		if payload.Len() > off {
			stubPorts(c, dissect.TCPPort, payload.Sub(off), parent)
		}
	}
}

func stubPorts(c *dissect.Ctx, tb *dissect.Table, t dissect.Tvb, parent int32) {
	lo, hi := c.SrcPort, c.DstPort
	if hi < lo {
		lo, hi = hi, lo
	}
	for _, p := range []uint32{lo, hi} {
		c.MatchPort = p
		if c.TryTable(tb, uint64(p), t, parent) {
			return
		}
	}
	c.TryHeuristics(tb, t, parent)
}

// ---- differential comparison ----

func corpusDir(t *testing.T) string {
	tsharktest.Path(t)
	return corpus.Dir(t, "reference")
}

type diffResult struct {
	fieldsSame, fieldsTotal int
	colsSame, colsTotal     int
	mismatches              []string
}

// ourValues dissects every frame and returns per frame the values of the wanted fields (joined with
// ","), and the protocol and info columns.
func ourValues(t *testing.T, path string, fields []string) ([]map[string]string, [][2]string) {
	frames, err := readCapture(path)
	if err != nil && len(frames) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	tr := field.NewTree(dissect.Fields)
	st := dissect.NewState()
	c := dissect.NewCtx(tr, st)
	c.Cols.On = true
	c.Pass1 = true
	var vals []map[string]string
	var cols [][2]string
	prevTS := int64(0)
	for i, f := range frames {
		fi := &dissect.FrameInfo{Number: uint32(i + 1), TS: f.ts, CapLen: uint32(len(f.data)), Len: f.len, Link: f.link,
			PrevCapTS: prevTS, PrevDispTS: prevTS, RefTS: frames[0].ts}
		prevTS = f.ts
		c.Run(fi, f.data)
		m := map[string]string{}
		for _, name := range fields {
			fd, ok := dissect.Fields.Lookup(name)
			if !ok {
				continue
			}
			var parts []string
			tr.Each(fd.ID, func(n *field.Node) bool {
				if fd.Type == field.None || fd.Type == field.Protocol {
					return true
				}
				parts = append(parts, fd.Repr(n.Value))
				return true
			})
			if len(parts) > 0 {
				m[name] = strings.Join(parts, ",")
			}
		}
		vals = append(vals, m)
		cols = append(cols, [2]string{c.Cols.Protocol, string(c.Cols.Info)})
		if os.Getenv("DBIN_VERBOSE") != "" {
			for _, n := range tr.Nodes {
				if n.Flags&field.Malformed != 0 {
					t.Logf("%s #%d: %s", filepath.Base(path), i+1, n.Label)
				}
			}
		}
	}
	return vals, cols
}

// tsharkValues runs tshark -T fields over the capture.
func tsharkValues(t *testing.T, path string, fields []string) ([]map[string]string, [][2]string, []string) {
	args := []string{"-n", "-r", path, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-E", "quote=n",
		"-e", "frame.protocols", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info"}
	for _, f := range fields {
		args = append(args, "-e", f)
	}
	out, _, err := tsharktest.Run(t, args...)
	if err != nil {
		t.Fatalf("tshark %s: %v", path, err)
	}
	return parseTsharkFields(out, fields)
}

// parseTsharkFields reads tshark's -T fields output of frame.protocols, the Protocol and Info
// columns and fields (a header line, when there is one, is skipped).
func parseTsharkFields(out []byte, fields []string) ([]map[string]string, [][2]string, []string) {
	var vals []map[string]string
	var cols [][2]string
	var protos []string
	for i, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		if i == 0 && strings.HasPrefix(line, "frame.protocols\t") {
			continue
		}
		parts := strings.Split(line, "\t")
		m := map[string]string{}
		for i, f := range fields {
			if 3+i < len(parts) && parts[3+i] != "" {
				m[f] = parts[3+i]
			}
		}
		vals = append(vals, m)
		protos = append(protos, parts[0])
		cols = append(cols, [2]string{parts[1], parts[2]})
	}
	return vals, cols, protos
}

// fieldsWithPrefix lists our registered fields of the given prefixes that tshark also knows.
func fieldsWithPrefix(prefixes ...string) []string {
	known := map[string]bool{}
	if b, err := os.ReadFile("/tmp/ref/fields.tsv"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			p := strings.Split(l, "\t")
			if len(p) > 2 {
				known[p[2]] = true
			}
		}
	}
	var out []string
	for _, f := range dissect.Fields.All() {
		if f.Type == field.None || f.Type == field.Protocol {
			continue
		}
		for _, p := range prefixes {
			if strings.HasPrefix(f.Abbrev, p) && (len(known) == 0 || known[f.Abbrev]) {
				out = append(out, f.Abbrev)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// compareCapture compares fields and, for frames whose top protocol tshark says is one of ours
// (layer names in layers), the Protocol and Info columns.
func compareCapture(t *testing.T, path string, fields []string, layers []string, r *diffResult) {
	theirs, theirCols, protos := tsharkValues(t, path, fields)
	compareWith(t, path, fields, layers, theirs, theirCols, protos, r)
}

// compareWith compares our values and columns with tshark's (live or recorded).
func compareWith(t *testing.T, path string, fields []string, layers []string, theirs []map[string]string, theirCols [][2]string, protos []string, r *diffResult) {
	ours, ourCols := ourValues(t, path, fields)
	if len(ours) != len(theirs) {
		t.Errorf("%s: %d frames, tshark %d", path, len(ours), len(theirs))
		return
	}
	base := filepath.Base(path)
	for i := range ours {
		for _, f := range fields {
			a, b := ours[i][f], theirs[i][f]
			if a == "" && b == "" {
				continue
			}
			r.fieldsTotal++
			if a == b {
				r.fieldsSame++
			} else {
				r.mismatches = append(r.mismatches, fmt.Sprintf("%s #%d %s: ours %q tshark %q", base, i+1, f, trunc(a), trunc(b)))
			}
		}
		ps := strings.Split(protos[i], ":")
		mine := false
		for _, l := range layers {
			for _, p := range ps {
				if p == l {
					mine = true
				}
			}
		}
		if !mine {
			continue
		}
		r.colsTotal++
		if ourCols[i] == theirCols[i] {
			r.colsSame++
		} else {
			r.mismatches = append(r.mismatches, fmt.Sprintf("%s #%d cols: ours %q tshark %q", base, i+1, ourCols[i], theirCols[i]))
		}
	}
}

func trunc(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

func runDiff(t *testing.T, files []string, prefixes, layers []string, minField, minCols float64) {
	dir := corpusDir(t)
	fields := fieldsWithPrefix(prefixes...)
	var r diffResult
	for _, f := range tsharktest.Sample(files) { // every file with TSHARK_TUI_SWEEP (CI)
		p := capPath(dir, f)
		if _, err := os.Stat(p); err != nil {
			continue
		}
		compareCapture(t, p, fields, layers, &r)
	}
	for i, m := range r.mismatches {
		if i >= 40 && os.Getenv("DBIN_VERBOSE") == "" {
			t.Logf("... %d more mismatches", len(r.mismatches)-i)
			break
		}
		t.Log(m)
	}
	t.Logf("fields: %d/%d agree; columns: %d/%d agree", r.fieldsSame, r.fieldsTotal, r.colsSame, r.colsTotal)
	if r.fieldsTotal > 0 && float64(r.fieldsSame) < minField*float64(r.fieldsTotal) {
		t.Errorf("field agreement %d/%d below %.2f", r.fieldsSame, r.fieldsTotal, minField)
	}
	if r.colsTotal > 0 && float64(r.colsSame) < minCols*float64(r.colsTotal) {
		t.Errorf("column agreement %d/%d below %.2f", r.colsSame, r.colsTotal, minCols)
	}
}

var _ = bytes.Equal

// treeText renders the subtrees of the given protocols the way `tshark -V` prints them.
func treeText(tr *field.Tree, protos map[field.ID]bool) []string {
	var out []string
	var walk func(i int32, depth int, siblings bool)
	walk = func(i int32, depth int, siblings bool) {
		for ; i >= 0; i = tr.Nodes[i].Next {
			n := &tr.Nodes[i]
			if n.Flags&field.Hidden == 0 {
				lbl := n.Label
				if lbl == "" {
					if f := dissect.Fields.Get(n.Field); f != nil {
						lbl = f.Label(n.Value)
					}
				}
				if n.Flags&field.Generated != 0 {
					lbl = "[" + lbl + "]"
				}
				out = append(out, strings.Repeat("    ", depth)+field.Escape(lbl))
			}
			walk(n.Child, depth+1, true)
			if !siblings {
				return
			}
		}
	}
	for i := tr.Nodes[0].Child; i >= 0; i = tr.Nodes[i].Next {
		if protos[tr.Nodes[i].Field] {
			walk(i, 0, false)
		}
	}
	return out
}

// compareTrees compares our -V text of the given protocols with tshark's, frame by frame, and
// returns the number of frames that agree, the number compared and the first differences.
func compareTrees(t *testing.T, path string, proto string, top []string) (same, total int, diffs []string) {
	out, _, err := tsharktest.Run(t, "-n", "-r", path, "-V", "-O", proto)
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	return compareTreeText(path, proto, top, out)
}

// compareTreeText compares our -V text of the given protocols with tshark's output out.
func compareTreeText(path string, proto string, top []string, out []byte) (same, total int, diffs []string) {
	// Split tshark's output into frames, keeping the blocks whose first line starts with one of top.
	var theirs [][]string
	var cur []string
	in := false
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "Frame ") && strings.Contains(l, " bytes on wire") {
			theirs = append(theirs, cur)
			cur = nil
			in = false
			continue
		}
		if l == "" {
			continue
		}
		if !strings.HasPrefix(l, " ") {
			in = false
			for _, p := range top {
				if strings.HasPrefix(l, p) {
					in = true
				}
			}
		}
		if in {
			cur = append(cur, l)
		}
	}
	theirs = append(theirs, cur)
	theirs = theirs[1:]
	frames, _ := readCapture(path)
	tr := field.NewTree(dissect.Fields)
	c := dissect.NewCtx(tr, dissect.NewState())
	c.Cols.On, c.Pass1 = true, true
	protos := map[field.ID]bool{}
	for _, p := range strings.Split(proto, ",") {
		if f, ok := dissect.Fields.Lookup(p); ok {
			protos[f.ID] = true
		}
	}
	for i, f := range frames {
		c.Run(&dissect.FrameInfo{Number: uint32(i + 1), TS: f.ts, CapLen: uint32(len(f.data)), Len: f.len, Link: f.link}, f.data)
		if i >= len(theirs) {
			break
		}
		ours := treeText(tr, protos)
		if len(ours) == 0 && len(theirs[i]) == 0 {
			continue
		}
		total++
		if strings.Join(ours, "\n") == strings.Join(theirs[i], "\n") {
			same++
			continue
		}
		for j := 0; j < len(ours) || j < len(theirs[i]); j++ {
			var a, b string
			if j < len(ours) {
				a = ours[j]
			}
			if j < len(theirs[i]) {
				b = theirs[i][j]
			}
			if a != b {
				diffs = append(diffs, fmt.Sprintf("%s #%d line %d:\n  ours:   %q\n  tshark: %q", filepath.Base(path), i+1, j+1, trunc(a), trunc(b)))
				break
			}
		}
	}
	return same, total, diffs
}

func runTreeDiff(t *testing.T, files []string, proto string, top []string) {
	dir := corpusDir(t)
	var same, total int
	var diffs []string
	for _, f := range tsharktest.Sample(files) { // every file with TSHARK_TUI_SWEEP (CI)
		p := capPath(dir, f)
		if _, err := os.Stat(p); err != nil {
			continue
		}
		s, n, d := compareTrees(t, p, proto, top)
		same += s
		total += n
		diffs = append(diffs, d...)
	}
	for i, d := range diffs {
		if i >= 15 && os.Getenv("DBIN_VERBOSE") == "" {
			break
		}
		t.Log(d)
	}
	t.Logf("tree text (-V): %d/%d frames identical", same, total)
}

// TestDbinDump prints our tree of one frame for debugging:
// DBIN_FILE=capture DBIN_FRAME=n DBIN_PROTO=tls go test ./dissect -run DbinDump -v
func TestDbinDump(t *testing.T) {
	path := os.Getenv("DBIN_FILE")
	if path == "" {
		t.Skip("set DBIN_FILE, DBIN_FRAME and DBIN_PROTO to dump a frame")
	}
	want, _ := strconv.Atoi(os.Getenv("DBIN_FRAME"))
	frames, err := readCapture(path)
	if err != nil && len(frames) == 0 {
		t.Fatal(err)
	}
	tr := field.NewTree(dissect.Fields)
	c := dissect.NewCtx(tr, dissect.NewState())
	c.Cols.On, c.Pass1 = true, true
	for i, f := range frames {
		c.Run(&dissect.FrameInfo{Number: uint32(i + 1), TS: f.ts, CapLen: uint32(len(f.data)), Len: f.len, Link: f.link}, f.data)
		if i+1 == want {
			p, _ := dissect.Fields.Lookup(os.Getenv("DBIN_PROTO"))
			if p != nil {
				t.Log("\n" + strings.Join(treeText(tr, map[field.ID]bool{p.ID: true}), "\n"))
			}
			t.Log(c.Cols.Protocol, " | ", string(c.Cols.Info), " | ", c.Layers())
		}
	}
}

// capPath resolves a capture name: "tc/x.pcap" is the project's testdata/captures/x.pcap, anything
// else a file of the shared reference corpus.
func capPath(corpus, name string) string {
	if rest, ok := strings.CutPrefix(name, "tc/"); ok {
		return filepath.Join("..", "testdata", "captures", rest)
	}
	return filepath.Join(corpus, name)
}
