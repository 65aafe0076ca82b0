package dissect_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/budget"
)

// FuzzDissect feeds arbitrary frames of every registered link type through a full, visible
// dissection: nothing may panic out of Run (a malformed packet becomes a node), and every node's byte
// range must lie inside its data source.
func FuzzDissect(f *testing.F) {
	for _, lt := range dissect.LinkTypes.Keys() {
		f.Add(uint16(lt), []byte{})
	}
	f.Add(uint16(1), []byte("\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x08\x00E\x00\x00\x3c\xf6\x77\x40\x00\x40\x06\x46\x42\x7f\x00\x00\x01\x7f\x00\x00\x01\xe8\x50\x00\x01\xb5\x4a\x55\x66\x00\x00\x00\x00\xa0\x02\xff\xd7\xfe\x30\x00\x00\x02\x04\xff\xd7\x04\x02\x08\x0a\x90\xd0\xdd\x18\x00\x00\x00\x00\x01\x03\x03\x0a"))
	if seeds, err := filepath.Glob(filepath.Join("testdata", "frames", "*")); err == nil {
		for _, s := range seeds {
			if b, err := os.ReadFile(s); err == nil && len(b) > 2 {
				f.Add(uint16(b[0])|uint16(b[1])<<8, b[2:])
			}
		}
	}
	addCorpusSeeds(f)
	addRoutingSeeds(f)
	addL3Seeds(f)
	addLegacySeeds(f)
	tr := field.NewTree(dissect.Fields)
	f.Fuzz(func(t *testing.T, link uint16, data []byte) {
		defer budget.Input(t)() // a slow input is a finding
		for _, pass1 := range []bool{true, false} {
			st := dissect.NewState()
			if pass1 { // the first pass learns names (DNS answers, ARP): every kind is on
				st = dissect.NewStateWith(dissect.Config{Names: dissect.NameResAll})
			}
			c := dissect.NewCtx(tr, st)
			c.Pass1 = pass1
			c.Cols.On = true
			fi := &dissect.FrameInfo{Number: 1, CapLen: uint32(len(data)), Len: uint32(len(data)), Link: link}
			c.Run(fi, data)
			for i := 1; i < len(tr.Nodes); i++ {
				n := &tr.Nodes[i]
				if int(n.Src) >= len(tr.Sources) {
					t.Fatalf("node %d: source %d of %d", i, n.Src, len(tr.Sources))
				}
				if n.Off < 0 || n.Len < 0 || int(n.Off)+int(n.Len) > len(tr.Sources[n.Src].Bytes) {
					f := dissect.Fields.Get(n.Field)
					name := "text"
					if f != nil {
						name = f.Abbrev
					}
					t.Fatalf("node %d (%s) covers [%d,+%d) outside its %d-byte source", i, name, n.Off, n.Len, len(tr.Sources[n.Src].Bytes))
				}
			}
		}
	})
}

// seedLinkTypes are the link types whose corpus captures seed FuzzDissect: 802.11 with and without
// radiotap, ARCNET, IPNET, NFLOG, IP over InfiniBand, PKTAP and vsock.
var seedLinkTypes = map[uint16]bool{105: true, 127: true, 129: true, 226: true, 239: true, 242: true, 258: true, 271: true}

// addCorpusSeeds adds the first frames of the shared corpus's captures of seedLinkTypes, when the
// corpus is present (its files are read, never copied into the repository).
func addCorpusSeeds(f *testing.F) {
	dir := filepath.Join("..", "..", "shared", "corpus", "tcpdump")
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		rd, err := capture.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		for i := 0; i < 4; i++ {
			p, err := rd.Next()
			if err != nil || !seedLinkTypes[p.Link] {
				break
			}
			f.Add(p.Link, append([]byte(nil), p.Data...))
		}
		rd.Close()
	}
}
