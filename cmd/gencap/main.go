// Command gencap writes a deterministic synthetic capture (see package
// internal/gen) for tests and benchmarks.
//
//	gencap -n 1000000 -seed 1 -o FILE [-pcapng] [-nano] [-conns 2000]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/tshark-tui/tshark-tui/internal/gen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gencap", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 100000, "number of packets")
	seed := fs.Int64("seed", 1, "random seed")
	out := fs.String("o", "", "output file (- for stdout)")
	ng := fs.Bool("pcapng", false, "write pcapng instead of pcap")
	nano := fs.Bool("nano", false, "nanosecond timestamps")
	conns := fs.Int("conns", 2000, "concurrent TCP connections")
	v6 := fs.Float64("ipv6", 0.1, "share of sessions over IPv6")
	vlan := fs.Float64("vlan", 0.05, "share of sessions with an 802.1Q tag")
	tcp := fs.Float64("tcp", 0.5, "target share of TCP packets")
	short := fs.Float64("short", 0, "share of TCP connections that are short health checks from any client (many connections)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: gencap -n PACKETS -seed N -o FILE [-pcapng] [-nano] [-conns N] [-short F]")
		return 2
	}
	var w io.Writer = stdout
	var f *os.File
	if *out != "-" {
		var err error
		f, err = os.Create(*out)
		if err != nil {
			fmt.Fprintf(stderr, "gencap: %v\n", err)
			return 1
		}
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	start := time.Now()
	sum, err := gen.GenerateSummary(bw, gen.Options{
		Seed: *seed, Packets: *n, Conns: *conns, IPv6Share: *v6, VLANShare: *vlan,
		TCPShare: *tcp, ShortShare: *short, Nanosecond: *nano, PCAPNG: *ng,
	})
	if err == nil {
		err = bw.Flush()
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "gencap: %v\n", err)
		return 1
	}
	el := time.Since(start)
	msg := stdout
	if *out == "-" {
		msg = stderr
	}
	fmt.Fprintf(msg, "gencap: %d packets (%d TCP, %d TCP conns, %d sessions, max %d active), %d bytes, %.3fs of traffic, to %s in %.2fs (%.0f packets/s)\n",
		sum.Packets, sum.TCP, sum.TCPConns, sum.Sessions, sum.MaxActive, sum.Bytes, sum.Span.Seconds(), *out,
		el.Seconds(), float64(sum.Packets)/el.Seconds())
	return 0
}
