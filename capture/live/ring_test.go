package live_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/capture/live"
)

func TestFileWriterRotation(t *testing.T) {
	start := time.Date(2025, 1, 1, 12, 0, 0, 0, time.Local)
	tests := []struct {
		name  string
		o     live.FileOptions
		step  time.Duration
		n     int
		names []string
		err   error
	}{
		{"packets", live.FileOptions{Ring: true, Packets: 4}, time.Second, 10,
			[]string{"c_00001_20250101120000.pcapng", "c_00002_20250101120004.pcapng", "c_00003_20250101120008.pcapng"}, nil},
		{"duration and files", live.FileOptions{Ring: true, Duration: 3 * time.Second, Files: 2}, time.Second, 10,
			[]string{"c_00003_20250101120006.pcapng", "c_00004_20250101120009.pcapng"}, nil},
		{"filesize", live.FileOptions{Ring: true, FileSizeKB: 1}, time.Second, 10,
			[]string{"c_00001_20250101120000.pcapng", "c_00002_20250101120004.pcapng", "c_00003_20250101120008.pcapng"}, nil},
		{"stop after files", live.FileOptions{Ring: true, Packets: 3, StopFiles: 2}, time.Second, 10,
			[]string{"c_00001_20250101120000.pcapng", "c_00002_20250101120003.pcapng"}, live.ErrFileLimit},
		{"pcap", live.FileOptions{Ring: true, Packets: 5, Pcap: true}, time.Second, 10,
			[]string{"c_00001_20250101120000.pcapng", "c_00002_20250101120005.pcapng"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			now := start
			o := tc.o
			o.Path = filepath.Join(dir, "c.pcapng")
			o.Ifaces = []capture.Interface{{Name: "veth0", Link: 1, SnapLen: 262144}}
			o.Now = func() time.Time { return now }
			w, err := live.NewFileWriter(o)
			if err != nil {
				t.Fatal(err)
			}
			data := make([]byte, 250)
			var werr error
			for i := 0; i < tc.n; i++ {
				if werr = w.WritePacket(&capture.Packet{TS: now.UnixNano(), Data: data, Len: 250}); werr != nil {
					break
				}
				now = now.Add(tc.step)
			}
			if !errors.Is(werr, tc.err) {
				t.Fatalf("write error %v, want %v", werr, tc.err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			ents, _ := os.ReadDir(dir)
			var got []string
			for _, e := range ents {
				got = append(got, e.Name())
			}
			if len(got) != len(tc.names) {
				t.Fatalf("files %v, want %v", got, tc.names)
			}
			for i := range got {
				if got[i] != tc.names[i] {
					t.Errorf("file %d: %s, want %s", i, got[i], tc.names[i])
				}
				r, err := capture.Open(filepath.Join(dir, got[i]))
				if err != nil {
					t.Fatalf("%s: %v", got[i], err)
				}
				n := 0
				for {
					if _, err := r.Next(); err != nil {
						if !errors.Is(err, io.EOF) {
							t.Errorf("%s: %v", got[i], err)
						}
						break
					}
					n++
				}
				r.Close()
				if n == 0 {
					t.Errorf("%s: no packets", got[i])
				}
			}
		})
	}
}
