package engine_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/internal/gen"
)

// benchCapture generates a realistic capture of n packets once per benchmark run.
func benchCapture(b *testing.B, n int) string {
	b.Helper()
	p := filepath.Join(b.TempDir(), "bench.pcap")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	if err := gen.Generate(f, gen.Options{Seed: 1, Packets: n, Conns: 200}); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return p
}

func loaded(b *testing.B, e *engine.Session) {
	for {
		v := e.View()
		if !v.Loading && v.Scanned >= v.Count {
			return
		}
		select {
		case <-e.Changed():
		case <-time.After(time.Millisecond):
		}
	}
}

// BenchmarkLoad measures reading plus the first dissection pass, per packet.
func BenchmarkLoad(b *testing.B) {
	const n = 100000
	p := benchCapture(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e, err := engine.OpenFiles(engine.Config{}, p)
		if err != nil {
			b.Fatal(err)
		}
		loaded(b, e)
		e.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/packet")
}

// BenchmarkLoadNames is BenchmarkLoad with tshark's default name resolution (MAC names) and with
// every kind on (the UI's Ctrl-N).
func BenchmarkLoadNames(b *testing.B) {
	const n = 100000
	p := benchCapture(b, n)
	for _, c := range []struct {
		name string
		res  engine.NameRes
	}{{"m", engine.DefaultNameRes}, {"all", engine.NameResAll}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				e, err := engine.OpenFiles(engine.Config{Names: c.res}, p)
				if err != nil {
					b.Fatal(err)
				}
				loaded(b, e)
				e.Close()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/packet")
		})
	}
}

// BenchmarkRefilter measures applying a display filter to a loaded capture, per packet.
func BenchmarkRefilter(b *testing.B) {
	const n = 100000
	e, err := engine.OpenFiles(engine.Config{}, benchCapture(b, n))
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	loaded(b, e)
	flt, err := displayfilter.Compile("tcp.port == 25 && ip.addr == 10.1.2.3", dissect.Fields)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.SetFilter(&engine.Filter{Text: flt.Text, M: flt, Fields: flt.Fields})
		loaded(b, e)
		e.SetFilter(nil)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/packet")
}
