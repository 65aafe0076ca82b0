package dissect_test

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/budget"
)

// ipv4FragFrame builds an Ethernet frame 02:00:00:00:00:01 → 02:00:00:00:00:02 carrying an IPv4
// fragment 10.0.0.1 → 10.0.0.2 of protocol 17 (UDP) with identification id, byte offset off and
// the More Fragments flag mf:
//
//	0x0000:  0200 0000 0002 0200 0000 0001 0800 4500  ..............E.
//	0x0010:  LLLL IIII FFFF 4011 0000 0a00 0001 0a00  ......@.........
//	0x0020:  0002 <payload>
func ipv4FragFrame(id uint16, off int, mf bool, payload []byte) []byte {
	b := []byte{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0,
		0x45, 0, 0, 0, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2}
	binary.BigEndian.PutUint16(b[16:], uint16(20+len(payload)))
	binary.BigEndian.PutUint16(b[18:], id)
	fl := uint16(off / 8)
	if mf {
		fl |= 0x2000
	}
	binary.BigEndian.PutUint16(b[20:], fl)
	return append(b, payload...)
}

// ipv6FragFrame builds an Ethernet frame carrying an IPv6 packet fd00::1 → fd00::2 with a fragment
// header (next header 17) of identification id, byte offset off and the M flag more.
func ipv6FragFrame(id uint32, off int, more bool, payload []byte) []byte {
	b := []byte{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x86, 0xdd, 0x60, 0, 0, 0, 0, 0, 44, 64}
	b = append(b, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)
	b = append(b, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2)
	binary.BigEndian.PutUint16(b[18:], uint16(8+len(payload)))
	fl := uint16(off)
	if more {
		fl |= 1
	}
	b = append(b, 17, 0, byte(fl>>8), byte(fl), byte(id>>24), byte(id>>16), byte(id>>8), byte(id))
	return append(b, payload...)
}

// udpDatagram returns a UDP datagram 1234 → 9999 of n bytes (checksum 0) filled with fill.
func udpDatagram(n int, fill byte) []byte {
	b := make([]byte, n)
	binary.BigEndian.PutUint16(b[0:], 1234)
	binary.BigEndian.PutUint16(b[2:], 9999)
	binary.BigEndian.PutUint16(b[4:], uint16(n))
	for i := 8; i < n; i++ {
		b[i] = fill
	}
	return b
}

// fragCase is one frame of a reassembly test and what tshark 4.0 shows for it.
type fragCase struct {
	frame []byte
	// info in the first pass and in a second one (tshark -2), "" not checked
	info, info2 string
	// reassembledIn is ip.reassembled_in in a second pass ("" none)
	reassembledIn string
	// vals are field values (as -T fields -E occurrence=a shows them) of completing frames
	vals map[string]string
}

// ipv4FragCases are hand-built fragments, written to a pcap and checked against tshark 4.0.17
// (tshark -n -r and tshark -2 -n -r): in order, out of order, overlapping with conflicting data,
// a missing piece, a duplicate, a fragment inside another, several tails, and a late duplicate.
func ipv4FragCases() []fragCase {
	frag := func(id uint16, d []byte, off, n int, mf bool) []byte {
		return ipv4FragFrame(id, off, mf, d[off:off+n])
	}
	info := func(id uint16, off int) string {
		return fmt.Sprintf("Fragmented IP protocol (proto=UDP 17, off=%d, ID=%04x)", off, id)
	}
	in := func(id uint16, off, frame int) string {
		return fmt.Sprintf("%s [Reassembled in #%d]", info(id, off), frame)
	}
	const udpInfo = "1234 → 9999 Len=32"
	dA, dB, dC, dD := udpDatagram(40, 'A'), udpDatagram(40, 'B'), udpDatagram(40, 'C'), udpDatagram(40, 'D')
	dE, dF, dG := udpDatagram(40, 'E'), udpDatagram(40, 'F'), udpDatagram(40, 'G')
	conflict := make([]byte, 24)
	for i := range conflict {
		conflict[i] = 0x99
	}
	whole := func(frags, count, length string, extra ...string) map[string]string {
		m := map[string]string{"ip.fragment": frags, "ip.fragment.count": count, "ip.reassembled.length": length,
			"udp.length": "40", "frame.protocols": "eth:ethertype:ip:udp:data"}
		for i := 0; i+1 < len(extra); i += 2 {
			m[extra[i]] = extra[i+1]
		}
		return m
	}
	return []fragCase{
		// A: in order
		{frame: frag(1, dA, 0, 16, true), info: info(1, 0), info2: in(1, 0, 3), reassembledIn: "3"},
		{frame: frag(1, dA, 16, 16, true), info: info(1, 16), info2: in(1, 16, 3), reassembledIn: "3"},
		{frame: frag(1, dA, 32, 8, false), info: udpInfo, info2: udpInfo, vals: whole("1,2,3", "3", "40")},
		// B: out of order
		{frame: frag(2, dB, 32, 8, false), info: info(2, 32), info2: in(2, 32, 6), reassembledIn: "6"},
		{frame: frag(2, dB, 16, 16, true), info: info(2, 16), info2: in(2, 16, 6), reassembledIn: "6"},
		{frame: frag(2, dB, 0, 16, true), info: udpInfo, info2: udpInfo, vals: whole("6,5,4", "3", "40")},
		// C: overlapping, with conflicting data
		{frame: frag(3, dC, 0, 16, true), info: info(3, 0), info2: in(3, 0, 9), reassembledIn: "9"},
		{frame: ipv4FragFrame(3, 8, true, conflict), info: info(3, 8), info2: in(3, 8, 9), reassembledIn: "9"},
		{frame: frag(3, dC, 24, 16, false), info: udpInfo, info2: udpInfo,
			vals: whole("7", "3", "40", "ip.fragment.error", "8,9", "ip.fragment.overlap", "1,1", "ip.fragment.overlap.conflict", "1,1")},
		// D: a missing piece: never reassembled
		{frame: frag(4, dD, 0, 16, true), info: info(4, 0), info2: info(4, 0)},
		{frame: frag(4, dD, 32, 8, false), info: info(4, 32), info2: info(4, 32)},
		// E: a duplicate
		{frame: frag(5, dE, 0, 16, true), info: info(5, 0), info2: in(5, 0, 14), reassembledIn: "14"},
		{frame: frag(5, dE, 0, 16, true), info: info(5, 0), info2: in(5, 0, 14), reassembledIn: "14"},
		{frame: frag(5, dE, 16, 24, false), info: udpInfo, info2: udpInfo, vals: whole("12,13,14", "3", "40", "ip.fragment.overlap", "1")},
		// F: a fragment inside another
		{frame: frag(6, dF, 0, 32, true), info: info(6, 0), info2: in(6, 0, 17), reassembledIn: "17"},
		{frame: frag(6, dF, 8, 8, true), info: info(6, 8), info2: in(6, 8, 17), reassembledIn: "17"},
		{frame: frag(6, dF, 32, 8, false), info: udpInfo, info2: udpInfo, vals: whole("15,16,17", "3", "40", "ip.fragment.overlap", "1")},
		// G: two tails that disagree; the first sets the length
		{frame: frag(7, dG, 16, 8, false), info: info(7, 16), info2: in(7, 16, 20), reassembledIn: "20"},
		{frame: frag(7, dG, 24, 16, false), info: info(7, 24), info2: in(7, 24, 20), reassembledIn: "20"},
		{frame: frag(7, dG, 0, 16, true), vals: whole("20,18", "3", "24", "ip.fragment.error", "19",
			"ip.fragment.multipletails", "1", "ip.fragment.toolongfragment", "1")},
		// A late duplicate of A starts a new datagram that never completes.
		{frame: frag(1, dA, 0, 16, true), info: info(1, 0), info2: info(1, 0)},
	}
}

func runFragCases(t *testing.T, cases []fragCase, reassembledIn, source string) {
	t.Helper()
	tr := field.NewTree(dissect.Fields)
	tr.Visible = true
	c := dissect.NewCtx(tr, dissect.NewState())
	c.Cols.On = true
	run := func(i int, pass1 bool) {
		c.Pass1 = pass1
		b := cases[i].frame
		c.Run(&dissect.FrameInfo{Number: uint32(i + 1), TS: int64(i) * 1e9, CapLen: uint32(len(b)), Len: uint32(len(b)), Link: 1}, b)
	}
	check := func(t *testing.T, i int, pass string) {
		fc := cases[i]
		want := fc.info
		if pass == "pass2" {
			want = fc.info2
		}
		if got := string(c.Cols.Info); want != "" && got != want {
			t.Errorf("%s info %q, want %q", pass, got, want)
		}
		for name, v := range fc.vals {
			if got := fieldRepr(tr, name); got != v {
				t.Errorf("%s %s = %q, want %q", pass, name, got, v)
			}
		}
		if fc.vals != nil {
			if len(tr.Sources) != 2 || tr.Sources[1].Name != source {
				t.Errorf("%s: data sources %d, want the frame and %q", pass, len(tr.Sources), source)
			}
		}
		wantIn := fc.reassembledIn
		if pass == "pass1" {
			wantIn = ""
		}
		if got := fieldRepr(tr, reassembledIn); got != wantIn {
			t.Errorf("%s %s = %q, want %q", pass, reassembledIn, got, wantIn)
		}
	}
	for i := range cases {
		run(i, true)
		t.Run(fmt.Sprintf("pass1/frame%d", i+1), func(t *testing.T) { check(t, i, "pass1") })
	}
	// Later dissections, in any order, see what the first pass found.
	for i := len(cases) - 1; i >= 0; i-- {
		run(i, false)
		t.Run(fmt.Sprintf("pass2/frame%d", i+1), func(t *testing.T) { check(t, i, "pass2") })
	}
}

func TestIPv4Reassembly(t *testing.T) {
	runFragCases(t, ipv4FragCases(), "ip.reassembled_in", "Reassembled IPv4")
}

func TestIPv6Reassembly(t *testing.T) {
	d := udpDatagram(40, 'x')
	info := func(off int, more string) string {
		return fmt.Sprintf("IPv6 fragment (off=%d more=%s ident=0x0000abcd nxt=17)", off, more)
	}
	whole := map[string]string{"ipv6.fragment": "3,1,2", "ipv6.fragment.count": "3", "ipv6.reassembled.length": "40",
		"ipv6.reassembled.data": fmt.Sprintf("%x", d), "udp.length": "40", "udp.srcport": "1234",
		"frame.protocols": "eth:ethertype:ipv6:ipv6.fraghdr:udp:data"}
	cases := []fragCase{
		{frame: ipv6FragFrame(0xabcd, 16, true, d[16:32]), info: info(16, "y"), info2: info(16, "y"), reassembledIn: "3"},
		{frame: ipv6FragFrame(0xabcd, 32, false, d[32:]), info: info(32, "n"), info2: info(32, "n"), reassembledIn: "3"},
		{frame: ipv6FragFrame(0xabcd, 0, true, d[:16]), info: "1234 → 9999 Len=32", info2: "1234 → 9999 Len=32", vals: whole},
		// Another identification: not part of it.
		{frame: ipv6FragFrame(0xabce, 0, true, d[:16]), info: "IPv6 fragment (off=0 more=y ident=0x0000abce nxt=17)"},
	}
	runFragCases(t, cases, "ipv6.reassembled.in", "Reassembled IPv6")
}

// TestIPv4FragmentTruncated: a fragment cut short by the snap length is not reassembled; a first
// fragment is then dissected as far as it goes, a later one shown as data.
func TestIPv4FragmentTruncated(t *testing.T) {
	d := udpDatagram(40, 'T')
	tests := []struct {
		name      string
		frame     []byte
		protocols string
	}{
		{"first", ipv4FragFrame(9, 0, true, d[:24]), "eth:ethertype:ip:udp:data"},
		{"later", ipv4FragFrame(9, 24, false, d[24:]), "eth:ethertype:ip:data"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := field.NewTree(dissect.Fields)
			c := dissect.NewCtx(tr, dissect.NewState())
			c.Pass1 = true
			b := tc.frame[:len(tc.frame)-4]
			c.Run(&dissect.FrameInfo{Number: 1, CapLen: uint32(len(b)), Len: uint32(len(tc.frame)), Link: 1}, b)
			if got := fieldRepr(tr, "frame.protocols"); got != tc.protocols {
				t.Errorf("protocols %q, want %q", got, tc.protocols)
			}
			if len(tr.Sources) != 1 {
				t.Errorf("%d data sources", len(tr.Sources))
			}
		})
	}
}

// TestFragPendingBounded floods the reassembler with datagrams that never complete: the oldest are
// dropped, recent ones still complete.
func TestFragPendingBounded(t *testing.T) {
	tr := field.NewTree(dissect.Fields)
	tr.Visible = false
	c := dissect.NewCtx(tr, dissect.NewState())
	c.Cols.On, c.Pass1 = true, true
	d := udpDatagram(40, 'B')
	n := uint32(0)
	run := func(b []byte) string {
		n++
		c.Run(&dissect.FrameInfo{Number: n, CapLen: uint32(len(b)), Len: uint32(len(b)), Link: 1}, b)
		return string(c.Cols.Info)
	}
	const flood = 10000
	for i := 0; i < flood; i++ {
		run(ipv4FragFrame(uint16(i), 0, true, d[:32]))
	}
	if got := run(ipv4FragFrame(0, 32, false, d[32:])); got != "Fragmented IP protocol (proto=UDP 17, off=32, ID=0000)" {
		t.Errorf("the oldest datagram was kept: %q", got)
	}
	if got := run(ipv4FragFrame(flood-1, 32, false, d[32:])); got != "1234 → 9999 Len=32" {
		t.Errorf("a recent datagram did not complete: %q", got)
	}
}

// FuzzIPFragments runs a handful of IPv4 or IPv6 fragments of one datagram, built from the fuzzer's
// bytes (4 bytes per fragment: offset in 8-byte units and More Fragments flag, length, fill), through
// a first pass and a second one: nothing may panic and every node must lie inside its data source.
func FuzzIPFragments(f *testing.F) {
	f.Add(false, []byte{0x20, 0, 16, 'a', 0x20, 2, 16, 'b', 0, 4, 8, 'c'})
	f.Add(true, []byte{0, 4, 8, 'c', 0x20, 0, 40, 'a', 0x20, 1, 8, 'b'})
	f.Add(false, []byte{0x20, 0, 8, 0, 0x20, 0, 8, 0, 0, 1, 0, 0})
	f.Fuzz(func(t *testing.T, v6 bool, spec []byte) {
		defer budget.Input(t)() // a slow input is a finding
		var frames [][]byte
		for i := 0; i+4 <= len(spec) && len(frames) < 12; i += 4 {
			w := int(spec[i])<<8 | int(spec[i+1])
			off, mf := (w&0x1fff)*8, w&0x2000 != 0
			payload := make([]byte, int(spec[i+2]))
			for j := range payload {
				payload[j] = spec[i+3] + byte(j)
			}
			if v6 {
				frames = append(frames, ipv6FragFrame(7, off, mf, payload))
			} else {
				frames = append(frames, ipv4FragFrame(7, off, mf, payload))
			}
		}
		tr := field.NewTree(dissect.Fields)
		tr.Visible = true
		c := dissect.NewCtx(tr, dissect.NewState())
		c.Cols.On = true
		bug, _ := dissect.Fields.Lookup("_ws.malformed.dissector_bug")
		for _, pass1 := range []bool{true, false} {
			c.Pass1 = pass1
			for i, b := range frames {
				c.Run(&dissect.FrameInfo{Number: uint32(i + 1), CapLen: uint32(len(b)), Len: uint32(len(b)), Link: 1}, b)
				for j := 1; j < len(tr.Nodes); j++ {
					n := &tr.Nodes[j]
					if int(n.Src) >= len(tr.Sources) || n.Off < 0 || n.Len < 0 || int(n.Off)+int(n.Len) > len(tr.Sources[n.Src].Bytes) {
						t.Fatalf("frame %d node %d covers [%d,+%d) of source %d, outside", i+1, j, n.Off, n.Len, n.Src)
					}
				}
				tr.Each(bug.ID, func(n *field.Node) bool {
					t.Fatalf("frame %d: %s", i+1, n.Label)
					return false
				})
			}
		}
	})
}
