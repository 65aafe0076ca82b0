package displayfilter_test

import (
	"testing"

	"github.com/tshark-tui/tshark-tui/displayfilter"
)

func BenchmarkMatch(b *testing.B) {
	reg := testRegistry()
	tree := samplePacket(b, reg)
	for _, filter := range []string{
		"tcp.port == 25 && ip.addr == 10.1.2.3",
		`http.request.uri contains "health"`,
		"tcp.flags.syn == 1 and not tcp.flags.ack==1",
		`http.request.uri matches "^/h.*z$"`,
		"tcp.port in {80, 443, 8000..8080} || eth[0:2,4] == 00:11:33",
		`upper(http.host) == "EXAMPLE.COM" && frame.len * 2 > 100`,
	} {
		f, err := displayfilter.Compile(filter, reg)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filter, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f.Match(tree)
			}
		})
	}
}

// TestMatchAllocs makes the zero-allocation promise a test.
func TestMatchAllocs(t *testing.T) {
	reg := testRegistry()
	tree := samplePacket(t, reg)
	for _, filter := range []string{
		"tcp.port == 25 && ip.addr == 10.1.2.3",
		`http.request.uri contains "health"`,
		"tcp.flags.syn == 1 and not tcp.flags.ack==1",
		"ip.addr#2 == 172.16.0.0/12 && eth.src[0:2,5] == 00:1a:5e",
		`upper(http.host) == "EXAMPLE.COM" && frame.len * 2 > 100 && count(ip.addr) == 4`,
	} {
		f, err := displayfilter.Compile(filter, reg)
		if err != nil {
			t.Fatal(err)
		}
		f.Match(tree)
		if n := testing.AllocsPerRun(100, func() { f.Match(tree) }); n != 0 {
			t.Errorf("%s: %v allocations per Match", filter, n)
		}
	}
}

// TestConcurrentMatch shares one Filter between goroutines, each with its own tree.
func TestConcurrentMatch(t *testing.T) {
	reg := testRegistry()
	f, err := displayfilter.Compile(`tcp.port in {25, 80} && eth.src[0:2,5] == 00:1a:5e && upper(http.host) contains "EXAMPLE"`, reg)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan bool)
	for range 4 {
		go func() {
			tree := samplePacket(t, reg)
			ok := true
			for range 500 {
				ok = ok && f.Match(tree)
			}
			done <- ok
		}()
	}
	for range 4 {
		if !<-done {
			t.Error("a goroutine saw a wrong result")
		}
	}
}
