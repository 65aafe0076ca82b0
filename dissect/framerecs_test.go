package dissect

import (
	"math/rand/v2"
	"testing"
)

// TestFrameRecs checks the record list against a map under the orders the first pass produces:
// mostly increasing frames, several layers per frame, and now and then an earlier frame again.
func TestFrameRecs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var r frameRecs[int]
	want := map[uint64]int{}
	frame := uint32(1)
	for n := 0; n < 3*recChunkLen+500; n++ {
		f, off := frame, rng.IntN(3)*20
		switch x := rng.IntN(100); {
		case x < 80:
			frame++
		case x < 90 && frame > 10:
			f = frame - uint32(rng.IntN(int(frame-1))) // an earlier frame
		}
		r.put(f, off, n)
		want[frameRecKey(f, off)] = n
	}
	for k, v := range want {
		if got, ok := r.get(uint32(k>>32), int(uint32(k))); !ok || got != v {
			t.Fatalf("get(%d,%d) = %d,%v, want %d", k>>32, uint32(k), got, ok, v)
		}
	}
	if _, ok := r.get(frame+10, 0); ok {
		t.Fatal("found a frame never put")
	}
	prev, count := uint32(0), 0
	for f := range r.all() {
		if f < prev {
			t.Fatalf("all: frame %d after %d", f, prev)
		}
		prev = f
		count++
	}
	if count != len(want) {
		t.Fatalf("all yields %d records, want %d", count, len(want))
	}
	if p := r.ref(prev, int(uint32(0))); p != nil {
		*p = -1
		if v, _ := r.get(prev, 0); v != -1 {
			t.Fatal("ref does not update in place")
		}
	}
}
