package stream_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tshark-tui/tshark-tui/internal/budget"
	"github.com/tshark-tui/tshark-tui/stream"
)

// cell is what one sequence position of a reassembled direction holds: a byte of a frame, or a gap.
type cell struct {
	frame, off uint32
	gap        bool
}

// scenario is a direction cut into segments and then shuffled, duplicated and thinned.
type scenario struct {
	isn  uint32
	segs []stream.Segment
}

// makeScenario cuts a stream of length n starting at isn into segments (some retransmitted with
// other boundaries), then duplicates, drops and shuffles them. Segment i lives in frame i+1 with its
// payload at offset 40.
func makeScenario(r *rand.Rand, isn uint32, n int, syn bool, dropPct, dupPct, shuffle int) scenario {
	type span struct{ a, b int }
	var spans []span
	for a := 0; a < n; {
		l := 1 + r.IntN(200)
		if a+l > n {
			l = n - a
		}
		spans = append(spans, span{a, a + l})
		a += l
	}
	for k := r.IntN(4); k > 0 && n > 0; k-- { // retransmissions with other boundaries
		a := r.IntN(n)
		b := a + 1 + r.IntN(300)
		if b > n {
			b = n
		}
		spans = append(spans, span{a, b})
	}
	var out []span
	for _, s := range spans {
		if r.IntN(100) < dropPct {
			continue
		}
		out = append(out, s)
		if r.IntN(100) < dupPct {
			out = append(out, s)
		}
	}
	for i := range out { // local shuffle: swap with a neighbour up to `shuffle` away
		if shuffle > 0 {
			j := i + r.IntN(shuffle+1)
			if j < len(out) {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	sc := scenario{isn: isn}
	if syn {
		sc.segs = append(sc.segs, stream.Segment{Seq: isn - 1, Flags: stream.FlagSYN, Frame: 1, Data: stream.Ref{Frame: 1, Off: 40}})
	}
	for _, s := range out {
		f := uint32(len(sc.segs) + 1)
		l := uint32(s.b - s.a)
		sc.segs = append(sc.segs, stream.Segment{Seq: isn + uint32(s.a), Len: l, Frame: f, Flags: stream.FlagACK,
			Data: stream.Ref{Frame: f, Off: 40, Len: l}})
	}
	return sc
}

// model is the reference: every position takes the first segment (in arrival order) covering it; the
// stream starts where the first segment seen starts (after a SYN); uncovered positions up to the
// last covered one are gaps.
func model(sc scenario) []cell {
	if len(sc.segs) == 0 {
		return nil
	}
	first := sc.segs[0]
	start := first.Seq
	if first.Flags&stream.FlagSYN != 0 {
		start++
	}
	cells := map[uint32]cell{}
	maxEnd := uint32(0)
	for _, s := range sc.segs {
		for i := uint32(0); i < s.Data.Len; i++ {
			p := s.Seq + i - start // position relative to start, modulo 2^32
			if int32(p) < 0 {
				continue
			}
			if _, ok := cells[p]; !ok {
				cells[p] = cell{frame: s.Data.Frame, off: s.Data.Off + i}
			}
			if p+1 > maxEnd {
				maxEnd = p + 1
			}
		}
	}
	out := make([]cell, maxEnd)
	for p := uint32(0); p < maxEnd; p++ {
		c, ok := cells[p]
		if !ok {
			c.gap = true
		}
		out[p] = c
	}
	return out
}

func flatten(chunks []stream.Chunk) []cell {
	var out []cell
	for _, c := range chunks {
		if c.Missing > 0 {
			for i := uint32(0); i < c.Missing; i++ {
				out = append(out, cell{gap: true})
			}
			continue
		}
		for i := uint32(0); i < c.Data.Len; i++ {
			out = append(out, cell{frame: c.Data.Frame, off: c.Data.Off + i})
		}
	}
	return out
}

func checkScenario(t *testing.T, sc scenario) {
	t.Helper()
	var r stream.Reassembler
	for _, s := range sc.segs {
		r.Add(s)
	}
	r.Close()
	for i := 1; i < len(r.Out); i++ {
		prev := r.Out[i-1]
		end := prev.Seq + prev.Data.Len + prev.Missing
		if r.Out[i].Seq != end {
			t.Fatalf("chunk %d starts at %d, previous ends at %d", i, r.Out[i].Seq, end)
		}
	}
	got, want := flatten(r.Out), model(sc)
	if len(got) != len(want) {
		t.Fatalf("reassembled %d positions, model %d (isn %d, %d segments)", len(got), len(want), sc.isn, len(sc.segs))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("position %d: got %+v, model %+v", i, got[i], want[i])
		}
	}
}

func TestReassemblerModel(t *testing.T) {
	tests := []struct {
		name               string
		isn                uint32
		n                  int
		syn                bool
		drop, dup, shuffle int
	}{
		{"in order", 1000, 5000, true, 0, 0, 0},
		{"retransmissions", 1000, 5000, true, 0, 30, 0},
		{"out of order", 7, 5000, true, 0, 0, 3},
		{"missing segments", 7, 5000, true, 20, 0, 0},
		{"everything", 7, 5000, true, 15, 20, 4},
		{"mid-stream start", 123456, 3000, false, 10, 10, 2},
		{"wrap-around", 0xffffff00, 5000, true, 10, 10, 3},
		{"wrap-around mid-stream", 0xfffffff0, 2000, false, 5, 5, 2},
		{"empty", 5, 0, true, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := uint64(0); seed < 50; seed++ {
				r := rand.New(rand.NewPCG(seed, 1))
				checkScenario(t, makeScenario(r, tt.isn, tt.n, tt.syn, tt.drop, tt.dup, tt.shuffle))
			}
		})
	}
}

func TestReassemblerFirstSeenWins(t *testing.T) {
	var r stream.Reassembler
	seg := func(frame, seq, n uint32) stream.Segment {
		return stream.Segment{Seq: seq, Len: n, Frame: frame, Data: stream.Ref{Frame: frame, Off: 0, Len: n}}
	}
	r.Add(stream.Segment{Seq: 99, Flags: stream.FlagSYN, Frame: 1, Data: stream.Ref{Frame: 1}})
	r.Add(seg(2, 110, 10)) // out of order
	r.Add(seg(3, 105, 10)) // overlaps frame 2: only 105..110 is new
	r.Add(seg(4, 100, 20)) // covers everything: only 100..105 is new
	r.Add(seg(5, 100, 30)) // retransmission with more: only 120..130 is new
	got := fmt.Sprint(r.Out)
	want := "[{0 100 {4 0 5} 0 false} {0 105 {3 0 5} 0 false} {0 110 {2 0 10} 0 false} {0 120 {5 20 10} 0 false}]"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestReassemblerSkipAndFin(t *testing.T) {
	var r stream.Reassembler
	r.Add(stream.Segment{Seq: 0, Flags: stream.FlagSYN, Frame: 1})
	r.Add(stream.Segment{Seq: 11, Len: 5, Frame: 2, Data: stream.Ref{Frame: 2, Len: 5}})
	r.Skip(11) // the peer acknowledged 1..11 that the capture lost
	r.Add(stream.Segment{Seq: 16, Len: 4, Flags: stream.FlagFIN, Frame: 3, Data: stream.Ref{Frame: 3, Len: 4}})
	r.Add(stream.Segment{Seq: 20, Len: 4, Frame: 4, Data: stream.Ref{Frame: 4, Len: 4}}) // after FIN: ignored
	r.Close()
	got := fmt.Sprint(r.Out)
	want := "[{0 1 {0 0 0} 10 false} {0 11 {2 0 5} 0 false} {0 16 {3 0 4} 0 false}]"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// FuzzReassembler checks shuffled, duplicated and dropped segments against the model.
func FuzzReassembler(f *testing.F) {
	f.Add(uint64(1), uint32(1000), uint16(3000), true, uint8(10), uint8(10), uint8(3))
	f.Add(uint64(2), uint32(0xffffff00), uint16(5000), false, uint8(0), uint8(50), uint8(8))
	f.Fuzz(func(t *testing.T, seed uint64, isn uint32, n uint16, syn bool, drop, dup, shuffle uint8) {
		defer budget.Input(t)() // a slow input is a finding
		r := rand.New(rand.NewPCG(seed, 2))
		checkScenario(t, makeScenario(r, isn, int(n%8000), syn, int(drop%101), int(dup%101), int(shuffle%16)))
	})
}
