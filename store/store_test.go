package store_test

import (
	"bytes"
	"sync"
	"testing"
	"unsafe"

	"github.com/tshark-tui/tshark-tui/store"
)

func TestAppendSpoolAndSource(t *testing.T) {
	s := store.New()
	file := []byte("....HELLO....WORLD")
	s.SetSource(0, file)
	big := bytes.Repeat([]byte{7}, 5<<20) // larger than a spool chunk
	cases := []struct {
		name   string
		f      store.Frame
		data   []byte
		stable bool
	}{
		{"spooled", store.Frame{TS: 1, Len: 3, Link: 1}, []byte("abc"), false},
		{"stable view", store.Frame{TS: 2, Off: 4, Flags: store.Stable}, file[4:9], true},
		{"stable without source", store.Frame{TS: 3, File: 5, Off: 0, Flags: store.Stable}, []byte("xyz"), false},
		{"stable out of range", store.Frame{TS: 4, Off: 16, Flags: store.Stable}, []byte("WORLD"), false},
		{"big packet", store.Frame{TS: 5}, big, false},
		{"after big", store.Frame{TS: 6, Iface: 3, File: 1}, []byte("tail"), false},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := s.Append(c.f, c.data)
			if n != store.FrameNo(i+1) || s.Len() != n {
				t.Fatalf("frame number %d, len %d, want %d", n, s.Len(), i+1)
			}
			got := s.Frame(n)
			if got.TS != c.f.TS || got.CapLen != uint32(len(c.data)) || (got.Flags&store.Stable != 0) != c.stable {
				t.Errorf("frame %+v", got)
			}
			b := s.Bytes(n)
			if !bytes.Equal(b, c.data) || cap(b) != len(b) {
				t.Errorf("bytes %q (cap %d), want %q", b[:min(len(b), 10)], cap(b), c.data[:min(len(c.data), 10)])
			}
		})
	}
	// Earlier views stay valid after more appends.
	if !bytes.Equal(s.Bytes(1), []byte("abc")) {
		t.Error("spooled bytes moved")
	}
}

func TestFlagsAndComments(t *testing.T) {
	s := store.New()
	n := s.Append(store.Frame{Flags: store.Marked}, []byte{1}) // user flags on Append are dropped
	if s.Frame(n).Flags&store.Marked != 0 {
		t.Error("Append kept a user flag")
	}
	s.SetFlag(n, store.Marked|store.TimeRef)
	s.ClearFlag(n, store.TimeRef)
	if f := s.Frame(n).Flags; f&store.Marked == 0 || f&store.TimeRef != 0 {
		t.Errorf("flags %b", f)
	}
	if s.Count(store.Marked) != 1 {
		t.Error("Count(Marked) != 1")
	}
	s.SetComments(n, []string{"a", "b"})
	if c := s.Comments(n); len(c) != 2 || c[1] != "b" {
		t.Errorf("comments %v", c)
	}
	if s.Comments(n+1) != nil {
		t.Error("comments on a frame without any")
	}
}

// TestConcurrentReaders appends on one goroutine while others read every
// published frame; run with -race.
func TestConcurrentReaders(t *testing.T) {
	s := store.New()
	const total = 100_000
	var wg sync.WaitGroup
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seen := store.FrameNo(0)
			for seen < total {
				n := s.Len()
				for i := seen + 1; i <= n; i++ {
					f := s.Frame(i)
					b := s.Bytes(i)
					if f.TS != int64(i) || len(b) != int(i%50) || (len(b) > 0 && b[0] != byte(i)) {
						t.Errorf("frame %d: %+v %v", i, f, b)
						return
					}
					if i%1000 == 0 {
						s.SetFlag(i, store.Ignored)
					}
				}
				seen = n
			}
		}()
	}
	buf := make([]byte, 64)
	for i := 1; i <= total; i++ {
		d := buf[:i%50]
		for k := range d {
			d[k] = byte(i)
		}
		s.Append(store.Frame{TS: int64(i)}, d)
	}
	wg.Wait()
	if s.Count(store.Ignored) != total/1000 {
		t.Errorf("ignored %d", s.Count(store.Ignored))
	}
}

func BenchmarkAppend(b *testing.B) {
	data := make([]byte, 100)
	b.ReportAllocs()
	s := store.New()
	for i := 0; i < b.N; i++ {
		s.Append(store.Frame{TS: int64(i)}, data)
	}
}

func TestFrameSize(t *testing.T) {
	if sz := unsafe.Sizeof(store.Frame{}); sz != 32 {
		t.Errorf("Frame is %d bytes, want 32 (plus 4 bytes of user flags per frame)", sz)
	}
}

// TestCountFlags checks the running counts Count answers from: setting a flag twice or clearing a
// flag a frame lacks changes nothing.
func TestCountFlags(t *testing.T) {
	s := store.New()
	for i := 0; i < 10; i++ {
		s.Append(store.Frame{CapLen: 1, Len: 1}, []byte{byte(i)})
	}
	s.SetFlag(2, store.Marked)
	s.SetFlag(2, store.Marked)
	s.SetFlag(3, store.Marked|store.Ignored)
	s.ClearFlag(4, store.Marked)
	s.SetFlag(5, store.TimeRef)
	if got := [3]int{s.Count(store.Marked), s.Count(store.Ignored), s.Count(store.TimeRef)}; got != [3]int{2, 1, 1} {
		t.Fatalf("counts = %v, want [2 1 1]", got)
	}
	s.ClearFlag(3, store.Marked|store.Ignored)
	s.ClearFlag(3, store.Marked)
	if got := [3]int{s.Count(store.Marked), s.Count(store.Ignored), s.Count(store.Marked | store.Ignored)}; got != [3]int{1, 0, 0} {
		t.Fatalf("counts after clearing = %v, want [1 0 0]", got)
	}
}
