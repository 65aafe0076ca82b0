package gopacketio_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/gopacketio"
)

func TestLinkType(t *testing.T) {
	cases := []struct {
		link uint16
		want layers.LinkType
		ok   bool
	}{
		{1, layers.LinkTypeEthernet, true},
		{101, layers.LinkTypeRaw, true},
		{12, layers.LinkTypeRaw, true},
		{14, layers.LinkTypeRaw, true},
		{113, layers.LinkTypeLinuxSLL, true},
		{228, layers.LinkTypeIPv4, true},
		{229, layers.LinkTypeIPv6, true},
		{276, layers.LinkTypeNull, false}, // LINKTYPE_LINUX_SLL2 does not fit gopacket's uint8
	}
	for _, c := range cases {
		got, ok := gopacketio.LinkType(c.link)
		if got != c.want || ok != c.ok {
			t.Errorf("LinkType(%d) = %v, %v; want %v, %v", c.link, got, ok, c.want, c.ok)
		}
		if ok && c.link != 12 && c.link != 14 && gopacketio.Link(got) != c.link {
			t.Errorf("Link(%v) = %d, want %d", got, gopacketio.Link(got), c.link)
		}
	}
}

// A file cut short yields its good packets, the damage error once, then io.EOF.
func TestSourceDamage(t *testing.T) {
	data, err := os.ReadFile("../testdata/captures/http.pcap")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "cut.pcap")
	if err := os.WriteFile(p, data[:len(data)-10], 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := gopacketio.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	n := 0
	for {
		_, _, err = src.ReadPacketData()
		if err != nil {
			break
		}
		n++
	}
	var te *capture.TruncatedError
	if !errors.As(err, &te) || n != 77 {
		t.Fatalf("after %d packets: %v, want 77 packets then a *capture.TruncatedError", n, err)
	}
	if _, _, err := src.ReadPacketData(); err != io.EOF {
		t.Errorf("after the damage: %v, want io.EOF", err)
	}
	if !errors.As(src.Err(), &te) {
		t.Errorf("Err() = %v, want the damage", src.Err())
	}
	// gopacket.PacketSource ends at the damage too
	src2, _ := gopacketio.Open(p)
	defer src2.Close()
	k := 0
	for range src2.PacketSource().Packets() {
		k++
	}
	if k != 77 {
		t.Errorf("PacketSource gave %d packets, want 77", k)
	}
}

// Zero-copy reads of a memory-mapped file are handed out in writable memory: gopacket's decoders
// may write into the bytes (layers.RadioTap removes padding in place).
func TestZeroCopyMappedIsWritable(t *testing.T) {
	rd, err := capture.Open("../testdata/captures/http.pcap")
	if err != nil {
		t.Fatal(err)
	}
	src := gopacketio.NewSource(rd)
	defer src.Close()
	data, ci, err := src.ZeroCopyReadPacketData()
	if err != nil {
		t.Fatal(err)
	}
	data[0] ^= 0xff // would fault on the read-only mapping
	if ci.CaptureLength != len(data) || ci.Length < ci.CaptureLength {
		t.Errorf("capture info %+v for %d bytes", ci, len(data))
	}
	var _ gopacket.ZeroCopyPacketDataSource = src
}

// TestPcapgoLoss measures what gopacket's own pure-Go readers (pcapgo) read of the corpus
// compared with ours (which match tshark's frame counts, see capture's corpus test). It only
// reports.
func TestPcapgoLoss(t *testing.T) {
	var files, short, lost, failed int
	for _, path := range oracleFiles(t) {
		ours := countOurs(path)
		if ours < 0 {
			continue
		}
		files++
		theirs := countPcapgo(path)
		if theirs < 0 {
			failed++
			lost += ours
			continue
		}
		if theirs < ours {
			short++
			lost += ours - theirs
		}
	}
	t.Logf("pcapgo (gopacket v1.1.19) on %d files we read: %d files refused, %d files read short, %d packets lost", files, failed, short, lost)
}

func countOurs(path string) int {
	rd, err := capture.OpenSequential(path)
	if err != nil {
		return -1
	}
	defer rd.Close()
	n := 0
	for {
		if _, err := rd.Next(); err != nil {
			return n
		}
		n++
	}
}

func countPcapgo(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return -1
	}
	defer f.Close()
	var r interface {
		ReadPacketData() ([]byte, gopacket.CaptureInfo, error)
	}
	if pr, err := pcapgo.NewReader(f); err == nil {
		r = pr
	} else {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return -1
		}
		nr, err := pcapgo.NewNgReader(f, pcapgo.DefaultNgReaderOptions)
		if err != nil {
			return -1
		}
		r = nr
	}
	n := 0
	for {
		if _, _, err := r.ReadPacketData(); err != nil {
			return n
		}
		n++
	}
}
