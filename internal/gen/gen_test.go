package gen_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/internal/gen"
)

func generate(t testing.TB, opt gen.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gen.Generate(&b, opt); err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return b.Bytes()
}

func TestDeterministic(t *testing.T) {
	tests := []struct {
		name string
		opt  gen.Options
	}{
		{"pcap", gen.Options{Seed: 7, Packets: 3000, Conns: 30, IPv6Share: 0.2, VLANShare: 0.1}},
		{"pcapng-ns", gen.Options{Seed: 7, Packets: 3000, Conns: 30, PCAPNG: true, Nanosecond: true}},
		{"short", gen.Options{Seed: 7, Packets: 3000, Conns: 30, ShortShare: 0.9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := sha256.Sum256(generate(t, tt.opt))
			b := sha256.Sum256(generate(t, tt.opt))
			if a != b {
				t.Fatalf("same seed gave different bytes: %x vs %x", a, b)
			}
			other := tt.opt
			other.Seed++
			if c := sha256.Sum256(generate(t, other)); c == a {
				t.Fatalf("different seeds gave identical bytes")
			}
		})
	}
}

// TestPcapStructure walks the classic pcap records: count, lengths and
// non-decreasing timestamps.
func TestPcapStructure(t *testing.T) {
	const n = 5000
	start := time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC)
	data := generate(t, gen.Options{Seed: 1, Packets: n, Conns: 50, Start: start, IPv6Share: 0.1, VLANShare: 0.1})
	le := binary.LittleEndian
	if got := le.Uint32(data); got != 0xa1b2c3d4 {
		t.Fatalf("magic %#x", got)
	}
	if lt := le.Uint32(data[20:]); lt != 1 {
		t.Fatalf("link type %d, want 1 (Ethernet)", lt)
	}
	off, count := 24, 0
	var prev int64
	for off < len(data) {
		if off+16 > len(data) {
			t.Fatalf("truncated record header at %d", off)
		}
		ts := int64(le.Uint32(data[off:]))*1e6 + int64(le.Uint32(data[off+4:]))
		caplen := int(le.Uint32(data[off+8:]))
		if caplen < 42 || caplen > 1518 {
			t.Fatalf("record %d: caplen %d", count+1, caplen)
		}
		if ts < prev {
			t.Fatalf("record %d: time goes backwards", count+1)
		}
		if count == 0 && ts/1e6 < start.Unix() {
			t.Fatalf("first timestamp %d before start %d", ts/1e6, start.Unix())
		}
		prev = ts
		off += 16 + caplen
		count++
	}
	if count != n {
		t.Fatalf("%d records, want %d", count, n)
	}
}

// TestShortShare checks that short connections multiply the connection count
// for the same number of packets.
func TestShortShare(t *testing.T) {
	const n = 20000
	base, err := gen.GenerateSummary(io.Discard, gen.Options{Seed: 1, Packets: n, Conns: 50, TCPShare: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	short, err := gen.GenerateSummary(io.Discard, gen.Options{Seed: 1, Packets: n, Conns: 50, TCPShare: 0.9, ShortShare: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	if short.TCPConns < 2*base.TCPConns {
		t.Fatalf("%d connections with ShortShare 0.9, %d without: want at least twice as many", short.TCPConns, base.TCPConns)
	}
}

func TestOptionsErrors(t *testing.T) {
	tests := []struct {
		name string
		opt  gen.Options
	}{
		{"no packets", gen.Options{}},
		{"bad share", gen.Options{Packets: 10, IPv6Share: 2}},
		{"bad short share", gen.Options{Packets: 10, ShortShare: -0.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := gen.Generate(io.Discard, tt.opt); err == nil {
				t.Fatal("want an error")
			}
		})
	}
}

// intendedWarnings are the expert infos of severity warning the generator
// produces on purpose (TCP analysis of its injected anomalies).
var intendedWarnings = map[string]bool{
	"Connection reset (RST)":                                     true,
	"Previous segment(s) not captured (common at capture start)": true, // before out-of-order / lost segments
	"This frame is a (suspected) out-of-order segment":           true,
}

// TestTsharkClean runs tshark with checksum validation over generated
// captures and fails on malformed packets, bad checksums and any warning or
// error that is not one of the intended TCP analysis warnings.
func TestTsharkClean(t *testing.T) {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark not installed")
	}
	tests := []struct {
		name string
		opt  gen.Options
	}{
		{"pcap-us", gen.Options{Seed: 1, Packets: 2000, Conns: 20, IPv6Share: 0.15, VLANShare: 0.1}},
		{"pcapng-ns", gen.Options{Seed: 2, Packets: 2000, Conns: 20, IPv6Share: 0.3, VLANShare: 0.2, PCAPNG: true, Nanosecond: true}},
		{"busy", gen.Options{Seed: 3, Packets: 6000, Conns: 300, IPv6Share: 0.1, VLANShare: 0.05}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "gen.pcap")
			if err := os.WriteFile(file, generate(t, tt.opt), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, tshark, "-n", "-r", file,
				"-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
				"-Y", "_ws.malformed || _ws.expert.severity >= warning || tcp.checksum.status == 0 || udp.checksum.status == 0 || ip.checksum.status == 0 || icmp.checksum.status == 0 || icmpv6.checksum.status == 0",
				"-T", "fields", "-E", "separator=|", "-e", "frame.number", "-e", "_ws.expert.message")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("tshark: %v\n%s", err, stderr.String())
			}
			frames, bad := 0, 0
			sc := bufio.NewScanner(bytes.NewReader(out))
			for sc.Scan() {
				frames++
				num, msgs, _ := strings.Cut(sc.Text(), "|")
				for _, m := range strings.Split(msgs, ",") {
					if m == "" || intendedWarnings[m] || isNote(m) {
						continue
					}
					bad++
					if bad <= 20 {
						t.Errorf("frame %s: %q", num, m)
					}
				}
				if msgs == "" {
					bad++
					t.Errorf("frame %s: flagged without expert message (checksum?)", num)
				}
			}
			t.Logf("%d frames with intended warnings", frames)
		})
	}
}

// isNote reports expert messages of note/chat level that appear on a
// flagged frame alongside its warning (the tshark field lists all of them).
func isNote(m string) bool {
	for _, p := range []string{"Duplicate ACK", "This frame is a (suspected) retransmission",
		"This frame is a (suspected) fast retransmission", "This frame initiates the connection closing",
		"This frame undergoes the connection closing", "Connection establish", "Expert Info"} {
		if strings.HasPrefix(m, p) {
			return true
		}
	}
	return false
}

func BenchmarkGenerate(b *testing.B) {
	const n = 100000
	b.ReportAllocs()
	var bytes int64
	for b.Loop() {
		sum, err := gen.GenerateSummary(io.Discard, gen.Options{Seed: 1, Packets: n, Conns: 2000, IPv6Share: 0.1, VLANShare: 0.05})
		if err != nil {
			b.Fatal(err)
		}
		bytes = sum.Bytes
	}
	b.SetBytes(bytes)
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "packets/s")
}

func ExampleGenerate() {
	var buf bytes.Buffer
	err := gen.Generate(&buf, gen.Options{Seed: 42, Packets: 100, Conns: 5})
	fmt.Println(err, buf.Len() > 24)
	// Output: <nil> true
}
