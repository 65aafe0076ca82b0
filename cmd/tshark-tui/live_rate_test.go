package main

import (
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// sendUDP sends n datagrams of size bytes from namespace ns to dst:9 as fast as one thread can
// (a bounded generator loop) and returns how long it took.
func sendUDP(ns string, dst string, n, size int) (time.Duration, error) {
	type res struct {
		d   time.Duration
		err error
	}
	ch := make(chan res, 1)
	go func() {
		// the thread enters the namespace and is thrown away afterwards (never unlocked)
		runtime.LockOSThread()
		fd, err := unix.Open("/var/run/netns/"+ns, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			ch <- res{err: err}
			return
		}
		defer unix.Close(fd)
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			ch <- res{err: err}
			return
		}
		s, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
		if err != nil {
			ch <- res{err: err}
			return
		}
		defer unix.Close(s)
		sa := &unix.SockaddrInet4{Port: 9, Addr: netip.MustParseAddr(dst).As4()}
		buf := make([]byte, size)
		start := time.Now()
		for i := 0; i < n; i++ {
			for unix.Sendto(s, buf, 0, sa) != nil {
				runtime.Gosched()
			}
		}
		ch <- res{d: time.Since(start)}
	}()
	r := <-ch
	return r.d, r.err
}

func cpuTime(c *exec.Cmd) time.Duration {
	if c.ProcessState == nil {
		return 0
	}
	return c.ProcessState.UserTime() + c.ProcessState.SystemTime()
}

// TestNetnsCaptureRate measures packets captured (and dropped by the kernel) under a UDP
// generator on a veth pair, for our binary and tcpdump on the same setup, and CPU per packet.
// It runs only with LIVE_BENCH=1 (it loads the machine for a few seconds).
func TestNetnsCaptureRate(t *testing.T) {
	requireNetns(t)
	if os.Getenv("LIVE_BENCH") == "" {
		t.Skip("set LIVE_BENCH=1 to measure the capture rate")
	}
	if _, err := exec.LookPath("tcpdump"); err != nil {
		t.Skip("tcpdump is not installed")
	}
	n, _ := strconv.Atoi(os.Getenv("LIVE_BENCH_N"))
	if n == 0 {
		n = 300000
	}
	bin := buildBinary(t)
	p := newNetnsPair(t)
	// answer ARP once so the generator's first packets are not queued behind it
	_ = exec.Command("ip", "netns", "exec", p.a, "ping", "-c", "1", nsAddrB).Run()
	dropsRe := regexp.MustCompile(`(\d+) packets? dropped`)
	for _, tool := range []string{"tshark-tui", "tcpdump"} {
		for _, size := range []int{64, 1000} {
			dir := t.TempDir()
			var c *capturer
			if tool == "tcpdump" {
				c = startCapture(t, p.b, "listening on", "tcpdump", "-i", p.vb, "-n", "-s", "0", "-w", filepath.Join(dir, "t.pcap"), "udp port 9")
			} else {
				c = startCapture(t, p.b, "Capturing on", bin, "-i", p.vb, "-q", "-w", filepath.Join(dir, "t.pcapng"), "-f", "udp port 9")
			}
			d, err := sendUDP(p.a, nsAddrB, n, size)
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(1500 * time.Millisecond)
			c.stop(t)
			var got int
			if tool == "tcpdump" {
				got = len(packetSet(t, filepath.Join(dir, "t.pcap")))
			} else {
				got = len(packetSet(t, filepath.Join(dir, "t.pcapng")))
			}
			drops := "0"
			if m := dropsRe.FindStringSubmatch(c.stderr.String()); m != nil {
				drops = m[1]
			}
			cpu := cpuTime(c.cmd)
			t.Logf("%-10s %4d-byte UDP: sent %d in %v (%.0f pkt/s), captured %d (%.1f%%), kernel drops %s, CPU %v = %.2f µs/packet",
				tool, size, n, d.Round(time.Millisecond), float64(n)/d.Seconds(), got, 100*float64(got)/float64(n), drops,
				cpu.Round(time.Millisecond), float64(cpu.Microseconds())/float64(max(got, 1)))
		}
	}
}
