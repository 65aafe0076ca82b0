package capture_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"

	"github.com/tshark-tui/tshark-tui/capture"
)

// got is a packet copied out of a reader.
type got struct {
	TS       int64
	CapLen   uint32
	Len      uint32
	Link     uint16
	Iface    uint32
	Data     string
	Comments []string
	Flags    uint32
	Drops    uint64
	File     int
}

func collect(t *testing.T, r capture.Reader) ([]got, error) {
	t.Helper()
	var out []got
	for {
		p, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, got{p.TS, p.CapLen, p.Len, p.Link, p.Iface, string(p.Data), slices.Clone(p.Comments), p.Flags, p.DropCount, p.File})
	}
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// readBoth reads b through the mmap path (Open on a file) and the stream
// path (NewReader) and checks both agree.
func readBoth(t *testing.T, b []byte) ([]got, []capture.Interface, error) {
	t.Helper()
	path := writeTemp(t, "x.cap", b)
	r1, err1 := capture.Open(path)
	var g1 []got
	var ifs []capture.Interface
	if err1 == nil {
		g1, err1 = collect(t, r1)
		ifs = r1.Interfaces()
		r1.Close()
	}
	r2, err2 := capture.NewReader(bytes.NewReader(b), path)
	var g2 []got
	if err2 == nil {
		g2, err2 = collect(t, r2)
		r2.Close()
	}
	if !slices.EqualFunc(g1, g2, func(a, b got) bool { return a.TS == b.TS && a.Data == b.Data && a.Iface == b.Iface && a.Len == b.Len }) {
		t.Errorf("mmap and stream paths differ:\n%v\n%v", g1, g2)
	}
	if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
		t.Errorf("mmap error %v, stream error %v", err1, err2)
	}
	return g1, ifs, err1
}

func TestPcapFormats(t *testing.T) {
	d1, d2 := bytesN(60, 1), bytesN(7, 100)
	cases := []struct {
		name   string
		big    bool
		magic  uint32
		link   uint32
		wantTS []int64
		wantLk uint16
	}{
		{"micro LE", false, 0xa1b2c3d4, 1, []int64{1_500_000_000_123_456_000, 1_500_000_001_000_001_000}, 1},
		{"micro BE", true, 0xa1b2c3d4, 1, []int64{1_500_000_000_123_456_000, 1_500_000_001_000_001_000}, 1},
		{"nano LE", false, 0xa1b23c4d, 113, []int64{1_500_000_000_000_123_456, 1_500_000_001_000_000_001}, 113},
		{"nano BE", true, 0xa1b23c4d, 113, []int64{1_500_000_000_000_123_456, 1_500_000_001_000_000_001}, 113},
		{"FCS bits masked", false, 0xa1b2c3d4, 0x14000000 | 105, []int64{1_500_000_000_123_456_000, 1_500_000_001_000_001_000}, 105},
		{"unknown link type", false, 0xa1b2c3d4, 65000, []int64{1_500_000_000_123_456_000, 1_500_000_001_000_001_000}, 65000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			frac1, frac2 := uint32(123456), uint32(1)
			if c.magic == 0xa1b23c4d {
				frac1 = 123456
			}
			b := pcapFile(c.big, c.magic, c.link, rec{1_500_000_000, frac1, d1, 1500}, rec{1_500_000_001, frac2, d2, 0})
			g, ifs, err := readBoth(t, b)
			if err != nil {
				t.Fatal(err)
			}
			if len(g) != 2 {
				t.Fatalf("got %d packets", len(g))
			}
			for i, want := range c.wantTS {
				if g[i].TS != want {
					t.Errorf("packet %d TS %d, want %d", i, g[i].TS, want)
				}
				if g[i].Link != c.wantLk {
					t.Errorf("packet %d link %d, want %d", i, g[i].Link, c.wantLk)
				}
			}
			if g[0].Data != string(d1) || g[0].Len != 1500 || g[0].CapLen != 60 || g[1].Data != string(d2) {
				t.Errorf("packet contents wrong: %+v", g)
			}
			if len(ifs) != 1 || ifs[0].Link != c.wantLk || ifs[0].SnapLen != 65535 {
				t.Errorf("interfaces %+v", ifs)
			}
		})
	}
}

func TestPcapngBlocks(t *testing.T) {
	for _, big := range []bool{false, true} {
		name := map[bool]string{false: "LE", true: "BE"}[big]
		t.Run(name, func(t *testing.T) {
			n := newNG(big)
			n.shb().
				idb(1, 0, opt{2, []byte("eth0")}, opt{3, []byte("first nic")}).
				idb(101, 128, opt{9, []byte{3}}, opt{14, n.u64(10)}). // ms, +10 s
				idb(1, 0, opt{9, []byte{0x80 | 10}})                  // 2^-10 s
			n.block(4, make([]byte, 8))        // NRB
			n.block(0xBAD, []byte{1, 2, 3, 4}) // unknown
			n.epb(0, 1_600_000_000_123_456, bytesN(5, 1), 90,
				opt{1, []byte("hello")}, opt{1, []byte("world")}, opt{2, n.u32(0x1)}, opt{4, n.u64(7)})
			n.epb(1, 1_600_000_000_123, bytesN(4, 2), 0)
			n.epb(2, 3*1024+512, bytesN(3, 3), 0)
			n.block(5, make([]byte, 12)) // ISB
			n.spb(200, bytesN(200, 4))   // snaplen of iface 0 is 0: all 200
			n.pb(1, 3, 5000, bytesN(6, 5))
			// Second section, other interfaces.
			n.shb().idb(228, 0, opt{9, []byte{9}}).epb(0, 42, bytesN(8, 6), 0)
			g, ifs, err := readBoth(t, n.buf)
			if err != nil {
				t.Fatal(err)
			}
			want := []got{
				{TS: 1_600_000_000_123_456_000, CapLen: 5, Len: 90, Link: 1, Iface: 0, Comments: []string{"hello", "world"}, Flags: 1, Drops: 7},
				{TS: 1_600_000_010_123_000_000, CapLen: 4, Len: 4, Link: 101, Iface: 1},
				{TS: 3_500_000_000, CapLen: 3, Len: 3, Link: 1, Iface: 2},
				{TS: 0, CapLen: 200, Len: 200, Link: 1, Iface: 0},
				{TS: 15_000_000_000, CapLen: 6, Len: 6, Link: 101, Iface: 1, Drops: 3},
				{TS: 42, CapLen: 8, Len: 8, Link: 228, Iface: 3},
			}
			if len(g) != len(want) {
				t.Fatalf("got %d packets, want %d: %+v", len(g), len(want), g)
			}
			for i := range want {
				g[i].Data = ""
				if !equalGot(g[i], want[i]) {
					t.Errorf("packet %d:\ngot  %+v\nwant %+v", i, g[i], want[i])
				}
			}
			if len(ifs) != 4 || ifs[0].Name != "eth0" || ifs[0].Description != "first nic" || ifs[1].TSResolNs != 1e6 || ifs[1].TSOffset != 10 || ifs[2].TSUnits != 1024 || ifs[3].Link != 228 {
				t.Errorf("interfaces %+v", ifs)
			}
		})
	}
}

func equalGot(a, b got) bool {
	return a.TS == b.TS && a.CapLen == b.CapLen && a.Len == b.Len && a.Link == b.Link && a.Iface == b.Iface &&
		slices.Equal(a.Comments, b.Comments) && a.Flags == b.Flags && a.Drops == b.Drops
}

func TestSPBSnapLen(t *testing.T) {
	n := newNG(false).shb().idb(1, 64).spb(100, bytesN(100, 0))
	g, _, err := readBoth(t, n.buf)
	if err != nil || len(g) != 1 || g[0].CapLen != 64 || g[0].Len != 100 {
		t.Fatalf("got %+v, %v", g, err)
	}
}

func TestDamage(t *testing.T) {
	good := pcapFile(false, 0xa1b2c3d4, 1, rec{1, 0, bytesN(20, 0), 0}, rec{2, 0, bytesN(20, 0), 0})
	huge := pcapFile(false, 0xa1b2c3d4, 1, rec{1, 0, bytesN(20, 0), 0})
	huge = append(huge, 1, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
	badLen := newNG(false).shb().idb(1, 0).epb(0, 1, bytesN(4, 0), 0).buf
	badLen = append(badLen, newNG(false).epb(0, 2, bytesN(4, 0), 0).buf...)
	badLen[len(badLen)-1] = 9 // trailer mismatch
	noIDB := newNG(false).shb().epb(3, 1, bytesN(4, 0), 0).buf
	oneEPB := newNG(false).shb().idb(1, 0).epb(0, 1, bytesN(20, 0), 0).buf
	odd := append(slices.Clone(oneEPB), 6, 0, 0, 0, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	idbCut := newNG(false).shb().idb(1, 0).buf
	idbCut = idbCut[:28+10]
	epbCut := oneEPB[:len(oneEPB)-3]
	cases := []struct {
		name   string
		b      []byte
		frames int
		msg    string
	}{
		{"pcap cut in header", good[:24+16+20+5], 1, `The file "%s" appears to have been cut short in the middle of a packet.`},
		{"pcap cut in data", good[:len(good)-1], 1, `The file "%s" appears to have been cut short in the middle of a packet.`},
		{"pcap file header short", good[:10], 0, `The file "%s" appears to have been cut short in the middle of a packet or other data.`},
		{"pcap huge packet", huge, 1, "The file \"%s\" appears to be damaged or corrupt.\n(pcap: File has 4294967295-byte packet, bigger than maximum of 262144)"},
		{"not a capture", []byte("hello world, this is text"), 0, `The file "%s" isn't a capture file in a format TShark understands.`},
		{"pcapng trailer mismatch", badLen, 1, "The file \"%s\" appears to be damaged or corrupt.\n(pcapng: total block lengths (first 36 and second 150994980) don't match)"},
		{"pcapng odd EPB length", odd, 1, "The file \"%s\" appears to be damaged or corrupt.\n(pcapng: total block length 16 of an EPB is less than the minimum EPB size 32)"},
		{"pcapng IDB cut at open", idbCut, 0, `The file "%s" appears to have been cut short in the middle of a packet or other data.`},
		{"pcapng first EPB cut", epbCut, 0, `The file "%s" appears to have been cut short in the middle of a packet.`},
		{"pcapng unknown interface", noIDB, 0, "The file \"%s\" appears to be damaged or corrupt.\n(pcapng: interface index 3 is not less than section interface count 0)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, _, err := readBoth(t, c.b)
			if len(g) != c.frames {
				t.Errorf("read %d frames before damage, want %d", len(g), c.frames)
			}
			if err == nil {
				t.Fatal("no error")
			}
			path := filepath.Join(t.TempDir(), "..", "x.cap")
			_ = path
			msg := err.Error()
			if i := strings.Index(msg, `"`); i >= 0 {
				j := strings.Index(msg[i+1:], `"`)
				msg = msg[:i+1] + "%s" + msg[i+1+j:]
			}
			if msg != c.msg {
				t.Errorf("message\n%q\nwant\n%q", msg, c.msg)
			}
			var te *capture.TruncatedError
			if errors.As(err, &te) && int(te.Frames) != c.frames {
				t.Errorf("TruncatedError.Frames = %d, want %d", te.Frames, c.frames)
			}
		})
	}
}

// TestTruncateEveryByte cuts small files at every offset: frames up to the
// damage are read, the error is typed, nothing panics.
func TestTruncateEveryByte(t *testing.T) {
	files := map[string][]byte{
		"pcap":   pcapFile(false, 0xa1b2c3d4, 1, rec{1, 2, bytesN(13, 0), 0}, rec{3, 4, bytesN(9, 0), 0}),
		"pcapng": newNG(true).shb().idb(1, 0, opt{2, []byte("lo")}).epb(0, 5, bytesN(13, 0), 0, opt{1, []byte("c")}).spb(9, bytesN(9, 1)).buf,
	}
	for name, full := range files {
		t.Run(name, func(t *testing.T) {
			for n := 0; n < len(full); n++ {
				r, err := capture.NewReader(bytes.NewReader(full[:n]), "cut")
				if err != nil {
					var fe *capture.FormatError
					if !capture.IsDamage(err) && !errors.As(err, &fe) {
						t.Fatalf("cut at %d: open error %T %v", n, err, err)
					}
					continue
				}
				g, err := collect(t, r)
				if err != nil && !capture.IsDamage(err) {
					t.Fatalf("cut at %d: error %T %v", n, err, err)
				}
				if err == nil && n > 0 && n != 24 && n != 24+16+13 && name == "pcap" {
					t.Errorf("cut at %d: no damage reported (%d frames)", n, len(g))
				}
				if len(g) > 2 {
					t.Fatalf("cut at %d: %d frames", n, len(g))
				}
			}
		})
	}
}

func TestCompressed(t *testing.T) {
	raw := pcapFile(false, 0xa1b23c4d, 1, rec{1, 2, bytesN(100, 0), 0}, rec{3, 4, bytesN(50, 9), 0})
	var gz, zs, l4 bytes.Buffer
	gw := gzip.NewWriter(&gz)
	gw.Write(raw)
	gw.Close()
	zw, _ := zstd.NewWriter(&zs)
	zw.Write(raw)
	zw.Close()
	lw := lz4.NewWriter(&l4)
	lw.Write(raw)
	lw.Close()
	for name, b := range map[string][]byte{"gzip": gz.Bytes(), "zstd": zs.Bytes(), "lz4": l4.Bytes()} {
		t.Run(name, func(t *testing.T) {
			r, err := capture.Open(writeTemp(t, "x.pcap", b))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			g, err := collect(t, r)
			if err != nil || len(g) != 2 || g[1].TS != 3_000_000_004 || g[1].Data != string(bytesN(50, 9)) {
				t.Fatalf("got %+v, %v", g, err)
			}
		})
	}
}

func TestMmapStable(t *testing.T) {
	b := pcapFile(false, 0xa1b2c3d4, 1, rec{1, 2, bytesN(10, 0), 0}, rec{3, 4, bytesN(9, 50), 0})
	r, err := capture.Open(writeTemp(t, "x.pcap", b))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	m, ok := r.(capture.Mapped)
	if !ok {
		t.Fatal("file reader is not Mapped")
	}
	var first []byte
	for {
		p, err := r.Next()
		if err == io.EOF {
			break
		}
		if !p.Stable {
			t.Fatal("mapped packet not Stable")
		}
		if !bytes.Equal(m.Mapping(0)[p.Offset:p.Offset+int64(p.CapLen)], p.Data) {
			t.Error("Offset does not point at Data")
		}
		if first == nil {
			first = p.Data
		}
	}
	if !bytes.Equal(first, bytesN(10, 0)) {
		t.Error("stable data changed after further reads")
	}
}

func TestMerge(t *testing.T) {
	a := pcapFile(false, 0xa1b2c3d4, 1, rec{1, 0, []byte("a1"), 0}, rec{3, 0, []byte("a3"), 0}, rec{5, 0, []byte("a5"), 0})
	n := newNG(false).shb().idb(101, 0).idb(1, 0, opt{2, []byte("wlan0")})
	n.epb(1, 2_000_000, []byte("b2"), 0).epb(0, 3_000_000, []byte("b3"), 0).epb(1, 4_000_000, []byte("b4"), 0)
	cut := pcapFile(false, 0xa1b2c3d4, 1, rec{0, 5, []byte("c0"), 0}, rec{6, 0, []byte("c6"), 0})
	cut = cut[:len(cut)-1]
	dir := t.TempDir()
	pa, pb, pc := filepath.Join(dir, "a.pcap"), filepath.Join(dir, "b.pcapng"), filepath.Join(dir, "c.pcap")
	os.WriteFile(pa, a, 0o644)
	os.WriteFile(pb, n.buf, 0o644)
	os.WriteFile(pc, cut, 0o644)
	r, err := capture.Open(pa, pb, pc)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	g, err := collect(t, r)
	var te *capture.TruncatedError
	if !errors.As(err, &te) || te.File != pc {
		t.Errorf("merge error %v, want truncation of %s after the rest", err, pc)
	}
	var order []string
	for _, p := range g {
		order = append(order, p.Data)
	}
	if strings.Join(order, " ") != "c0 a1 b2 a3 b3 b4 a5" {
		t.Errorf("order %v", order)
	}
	// Interfaces: a's 0, b's 0 and 1, c's 0, numbered in file order.
	ifs := r.Interfaces()
	if len(ifs) != 4 || ifs[1].Link != 101 || ifs[2].Name != "wlan0" || ifs[2].File != 1 || ifs[3].File != 2 {
		t.Errorf("interfaces %+v", ifs)
	}
	for _, p := range g {
		wantIface := map[string]uint32{"a1": 0, "a3": 0, "a5": 0, "b2": 2, "b3": 1, "b4": 2, "c0": 3}[p.Data]
		if p.Iface != wantIface {
			t.Errorf("%s: iface %d, want %d", p.Data, p.Iface, wantIface)
		}
	}
}

func TestWritersRoundTrip(t *testing.T) {
	pkts := []capture.Packet{
		{TS: 1_700_000_000_123_456_789, Data: bytesN(60, 0), Len: 1514, Link: 1},
		{TS: 1_700_000_001_000_000_001, Data: bytesN(3, 7), Len: 3, Link: 1, Comments: []string{"note"}, Flags: 2, DropCount: 5},
	}
	for _, nanos := range []bool{false, true} {
		var buf bytes.Buffer
		w, err := capture.NewPcapWriter(&buf, 1, 65535, nanos)
		if err != nil {
			t.Fatal(err)
		}
		for i := range pkts {
			if err := w.WritePacket(&pkts[i]); err != nil {
				t.Fatal(err)
			}
		}
		w.Flush()
		g, ifs, err := readBoth(t, buf.Bytes())
		if err != nil || len(g) != 2 || ifs[0].SnapLen != 65535 {
			t.Fatalf("pcap nanos=%v: %+v %v", nanos, g, err)
		}
		wantTS := pkts[0].TS
		if !nanos {
			wantTS -= 789
		}
		if g[0].TS != wantTS || g[0].Len != 1514 || g[0].Data != string(pkts[0].Data) {
			t.Errorf("pcap nanos=%v: %+v", nanos, g[0])
		}
	}
	var buf bytes.Buffer
	ifaces := []capture.Interface{{Name: "eth0", Link: 1}, {Name: "lo", Description: "loopback", Link: 113, SnapLen: 100}}
	w, err := capture.NewPcapngWriter(&buf, ifaces)
	if err != nil {
		t.Fatal(err)
	}
	pkts[1].Iface = 1
	for i := range pkts {
		if err := w.WritePacket(&pkts[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.WritePacket(&capture.Packet{Iface: 2}); err == nil {
		t.Error("undeclared interface accepted")
	}
	w.Flush()
	g, ifs, err := readBoth(t, buf.Bytes())
	if err != nil || len(g) != 2 {
		t.Fatalf("pcapng: %+v %v", g, err)
	}
	if g[0].TS != pkts[0].TS || g[1].TS != pkts[1].TS || g[1].Iface != 1 || g[1].Link != 113 ||
		!slices.Equal(g[1].Comments, []string{"note"}) || g[1].Flags != 2 || g[1].Drops != 5 {
		t.Errorf("pcapng round trip: %+v", g)
	}
	if len(ifs) != 2 || ifs[1].Name != "lo" || ifs[1].Description != "loopback" || ifs[1].SnapLen != 100 {
		t.Errorf("interfaces %+v", ifs)
	}
}

func TestEmpty(t *testing.T) {
	r, err := capture.Open(writeTemp(t, "empty.pcap", nil))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("empty file: %v", err)
	}
	r.Close()
}
