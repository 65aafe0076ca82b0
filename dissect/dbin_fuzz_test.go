package dissect_test

import (
	"encoding/binary"
	"testing"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/budget"
)

// wrapUDP builds an Ethernet/IPv4/UDP frame around payload.
func wrapUDP(sport, dport uint16, payload []byte) []byte {
	return wrapIP(17, sport < dport, append(udpHeader(sport, dport, len(payload)), payload...))
}

func udpHeader(sport, dport uint16, n int) []byte {
	h := make([]byte, 8)
	binary.BigEndian.PutUint16(h, sport)
	binary.BigEndian.PutUint16(h[2:], dport)
	binary.BigEndian.PutUint16(h[4:], uint16(8+n))
	return h
}

// wrapTCP builds an Ethernet/IPv4/TCP frame (PSH/ACK, no options) around payload.
func wrapTCP(sport, dport uint16, seq uint32, payload []byte) []byte {
	h := make([]byte, 20)
	binary.BigEndian.PutUint16(h, sport)
	binary.BigEndian.PutUint16(h[2:], dport)
	binary.BigEndian.PutUint32(h[4:], seq)
	binary.BigEndian.PutUint32(h[8:], 1)
	h[12] = 0x50
	h[13] = 0x18
	binary.BigEndian.PutUint16(h[14:], 65535)
	return wrapIP(6, sport < dport, append(h, payload...))
}

// wrapIP builds an Ethernet/IPv4 frame from 192.0.2.1 to 192.0.2.2, or back when reply is set.
func wrapIP(proto byte, reply bool, l4 []byte) []byte {
	ip := make([]byte, 20)
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], uint16(20+len(l4)))
	ip[8] = 64
	ip[9] = proto
	copy(ip[12:], []byte{192, 0, 2, 1})
	copy(ip[16:], []byte{192, 0, 2, 2})
	if reply {
		ip[15], ip[19] = 2, 1
	}
	var sum uint32
	for i := 0; i < 20; i += 2 {
		sum += uint32(binary.BigEndian.Uint16(ip[i:]))
	}
	for sum > 0xffff {
		sum = sum>>16 + sum&0xffff
	}
	binary.BigEndian.PutUint16(ip[10:], ^uint16(sum))
	eth := []byte{0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x66, 0x77, 0x88, 0x99, 0xaa, 8, 0}
	return append(append(eth, ip...), l4...)
}

// runFrames dissects frames in order with fresh state and returns the last frame's summary.
func runFrames(frames ...[]byte) (*field.Tree, *dissect.Ctx) {
	tr := field.NewTree(dissect.Fields)
	c := dissect.NewCtx(tr, dissect.NewState())
	c.Cols.On, c.Pass1 = true, true
	for i, b := range frames {
		c.Run(&dissect.FrameInfo{Number: uint32(i + 1), TS: int64(i) * 1e6, CapLen: uint32(len(b)), Len: uint32(len(b)), Link: 1}, b)
	}
	return tr, c
}

func checkNoBug(t *testing.T, tr *field.Tree) {
	if f, ok := dissect.Fields.Lookup("_ws.malformed.dissector_bug"); ok && tr.Has(f.ID) {
		t.Fatalf("dissector bug")
	}
}

func FuzzDbinUDP(f *testing.F) {
	f.Add(uint16(53), []byte{0x1a, 0x2b, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1})
	f.Add(uint16(5353), []byte{0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0, 0x0c, 0, 1, 0x80, 1, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4})
	f.Add(uint16(123), append([]byte{0x23, 2, 6, 0xe9}, make([]byte, 68)...))
	f.Add(uint16(67), append(append(append([]byte{1, 1, 6, 0}, make([]byte, 232)...), 0x63, 0x82, 0x53, 0x63), 53, 1, 1, 55, 2, 1, 3, 255))
	f.Fuzz(func(t *testing.T, port uint16, payload []byte) {
		defer budget.Input(t)() // a slow input is a finding
		switch port % 5 {
		case 0:
			port = 53
		case 1:
			port = 5353
		case 2:
			port = 123
		case 3:
			port = 67
		default:
			port = 5355
		}
		tr, _ := runFrames(wrapUDP(40000, port, payload), wrapUDP(port, 40000, payload))
		checkNoBug(t, tr)
	})
}

func FuzzDbinTCP(f *testing.F) {
	f.Add(uint16(443), []byte{22, 3, 1, 0, 5, 1, 0, 0, 1, 3}, []byte{22, 3, 3, 0, 4, 14, 0, 0, 0})
	f.Add(uint16(53), []byte{0, 17, 0x1a, 0x2b, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1}, []byte{})
	f.Add(uint16(9999), []byte{23, 3, 3, 0, 2, 1, 2}, []byte{21, 3, 3, 0, 2, 2, 40})
	f.Fuzz(func(t *testing.T, port uint16, a, b []byte) {
		defer budget.Input(t)() // a slow input is a finding
		if port%3 == 0 {
			port = 443
		} else if port%3 == 1 {
			port = 53
		}
		tr, _ := runFrames(wrapTCP(40000, port, 1, a), wrapTCP(40000, port, uint32(1+len(a)), b), wrapTCP(port, 40000, 1, b))
		checkNoBug(t, tr)
	})
}
