package capture_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"
)

// BenchmarkReadPcap reads a 100k-packet mapped pcap file; allocations per
// op cover opening the file, not packets.
func BenchmarkReadPcap(b *testing.B) {
	const n = 100_000
	w := &bytesWriter{}
	pw, _ := capture.NewPcapWriter(w, 1, 65535, false)
	data := bytesN(100, 0)
	for i := 0; i < n; i++ {
		pw.WritePacket(&capture.Packet{TS: int64(i) * 1000, Data: data, Len: 100})
	}
	pw.Flush()
	path := filepath.Join(b.TempDir(), "bench.pcap")
	if err := os.WriteFile(path, w.b, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(w.b)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := capture.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		got := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			got++
		}
		r.Close()
		if got != n {
			b.Fatalf("read %d packets", got)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/packet")
}

type bytesWriter struct{ b []byte }

func (w *bytesWriter) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }
