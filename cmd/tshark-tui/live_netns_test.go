package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/capture"
)

// The namespace tests build two network namespaces joined by a veth pair, run real traffic
// between them and capture it with our binary and with tcpdump at the same time. Only addresses
// inside the test's own namespaces are used; the namespaces are deleted at the end.

const (
	nsAddrA  = "10.231.0.1"
	nsAddrB  = "10.231.0.2"
	nsAddrA2 = "10.231.0.3"
)

type netnsPair struct {
	a, b   string // namespace names
	va, vb string // veth ends: va in a, vb in b
}

func requireNetns(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("namespace tests need root (ip netns add, AF_PACKET capture)")
	}
	if testing.Short() {
		t.Skip("namespace tests skipped in -short mode")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("iproute2 (ip) is not installed")
	}
}

func runCmd(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func newNetnsPair(t *testing.T) *netnsPair {
	t.Helper()
	id := strconv.Itoa(os.Getpid() % 100000)
	p := &netnsPair{a: "tt-a-" + id, b: "tt-b-" + id, va: "tta" + id, vb: "ttb" + id}
	cleanup := func() {
		_ = exec.Command("ip", "netns", "del", p.a).Run()
		_ = exec.Command("ip", "netns", "del", p.b).Run()
	}
	cleanup()
	t.Cleanup(cleanup)
	runCmd(t, "ip", "netns", "add", p.a)
	runCmd(t, "ip", "netns", "add", p.b)
	runCmd(t, "ip", "link", "add", p.va, "netns", p.a, "type", "veth", "peer", "name", p.vb, "netns", p.b)
	runCmd(t, "ip", "-n", p.a, "addr", "add", nsAddrA+"/24", "dev", p.va)
	runCmd(t, "ip", "-n", p.b, "addr", "add", nsAddrB+"/24", "dev", p.vb)
	for _, ns := range []string{p.a, p.b} {
		runCmd(t, "ip", "-n", ns, "link", "set", "lo", "up")
	}
	runCmd(t, "ip", "-n", p.a, "link", "set", p.va, "up")
	runCmd(t, "ip", "-n", p.b, "link", "set", p.vb, "up")
	// no IPv6 duplicate address detection or router solicitations: keep the traffic ours
	for _, x := range []struct{ ns, dev string }{{p.a, p.va}, {p.b, p.vb}} {
		_ = exec.Command("ip", "netns", "exec", x.ns, "sysctl", "-qw", "net.ipv6.conf."+x.dev+".disable_ipv6=1").Run()
	}
	return p
}

var testBin string

func buildBinary(t *testing.T) string {
	t.Helper()
	if testBin != "" {
		return testBin
	}
	bin := filepath.Join(os.TempDir(), fmt.Sprintf("tshark-tui-test-%d", os.Getpid()))
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	testBin = bin
	return bin
}

// capturer is a running capture process (ours or tcpdump) that is ready when it says so.
type capturer struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	done   chan error
}

func startCapture(t *testing.T, ns, ready string, args ...string) *capturer {
	t.Helper()
	c := &capturer{done: make(chan error, 1)}
	c.cmd = exec.Command("ip", append([]string{"netns", "exec", ns}, args...)...)
	pr, pw := io.Pipe()
	c.cmd.Stderr = pw
	c.cmd.Stdout = io.Discard
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	readyc := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pr)
		said := false
		for sc.Scan() {
			c.stderr.WriteString(sc.Text() + "\n")
			if !said && strings.Contains(sc.Text(), ready) {
				said = true
				close(readyc)
			}
		}
	}()
	go func() { c.done <- c.cmd.Wait(); pw.Close() }()
	select {
	case <-readyc:
	case err := <-c.done:
		t.Fatalf("%v exited before capturing: %v\n%s", args, err, c.stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatalf("%v did not start capturing\n%s", args, c.stderr.String())
	}
	return c
}

func (c *capturer) stop(t *testing.T) {
	t.Helper()
	_ = c.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-c.done:
	case <-time.After(10 * time.Second):
		_ = c.cmd.Process.Kill()
		t.Fatalf("capture did not stop on SIGINT\n%s", c.stderr.String())
	}
}

// packetSet reads a capture as a sorted list of packet contents.
func packetSet(t *testing.T, path string) []string {
	t.Helper()
	r, err := capture.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer r.Close()
	var out []string
	for {
		p, err := r.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatalf("read %s: %v", path, err)
			}
			break
		}
		out = append(out, string(p.Data))
	}
	sort.Strings(out)
	return out
}

// dropPort makes namespace b drop TCP SYNs to port: with nft or iptables when installed;
// otherwise a SYN from a second address of a is answered into a blackhole route, which drops
// the answers as silently. It returns how, and the source address curl must use ("" = any).
func dropPort(t *testing.T, p *netnsPair, port int) (string, string) {
	t.Helper()
	ps := strconv.Itoa(port)
	if _, err := exec.LookPath("nft"); err == nil {
		runCmd(t, "ip", "netns", "exec", p.b, "nft", "add table inet tt; add chain inet tt in { type filter hook input priority 0; }; add rule inet tt in tcp dport "+ps+" drop")
		return "nft", ""
	}
	if _, err := exec.LookPath("iptables"); err == nil {
		runCmd(t, "ip", "netns", "exec", p.b, "iptables", "-A", "INPUT", "-p", "tcp", "--dport", ps, "-j", "DROP")
		return "iptables", ""
	}
	runCmd(t, "ip", "-n", p.a, "addr", "add", nsAddrA2+"/24", "dev", p.va)
	runCmd(t, "ip", "-n", p.b, "route", "add", "blackhole", nsAddrA2+"/32")
	return "a blackhole route for the answers", nsAddrA2
}

// traffic runs the scenarios from namespace a to b: HTTP, a closed port (RST), a dropped
// port (SYN retransmits) and UDP to a closed port (ICMP port unreachable).
func traffic(t *testing.T, p *netnsPair) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("hello from the namespace\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	httpd := exec.CommandContext(ctx, "ip", "netns", "exec", p.b, "busybox", "httpd", "-f", "-p", "8080", "-h", dir)
	if err := httpd.Start(); err != nil {
		t.Fatalf("busybox httpd: %v", err)
	}
	defer func() { cancel(); _ = httpd.Wait() }()
	time.Sleep(300 * time.Millisecond)
	out, err := exec.Command("ip", "netns", "exec", p.a, "curl", "-s", "--max-time", "3", "http://"+nsAddrB+":8080/").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "hello") {
		t.Fatalf("curl to the namespace server: %v %s", err, out)
	}
	_ = exec.Command("ip", "netns", "exec", p.a, "curl", "-s", "--max-time", "1", "http://"+nsAddrB+":9/").Run()
	via, src := dropPort(t, p, 81)
	t.Logf("port 81 dropped with %s", via)
	cargs := []string{"netns", "exec", p.a, "curl", "-s", "--max-time", "2"}
	if src != "" {
		cargs = append(cargs, "--interface", src)
	}
	_ = exec.Command("ip", append(cargs, "http://"+nsAddrB+":81/")...).Run()
	// bash's /dev/udp sends one datagram without needing a particular nc
	if err := exec.Command("ip", "netns", "exec", p.a, "bash", "-c", "echo ping > /dev/udp/"+nsAddrB+"/9999").Run(); err != nil {
		t.Logf("udp send: %v", err)
	}
	time.Sleep(300 * time.Millisecond)
}

func TestNetnsCaptureMatchesTcpdump(t *testing.T) {
	requireNetns(t)
	if _, err := exec.LookPath("tcpdump"); err != nil {
		t.Skip("tcpdump is not installed")
	}
	for _, tool := range []string{"curl", "busybox"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	bin := buildBinary(t)
	for _, tc := range []struct{ name, filter string }{
		{"all", ""},
		{"filtered", "tcp port 8080 or dst port 81 or icmp or tcp[tcpflags] & tcp-rst != 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newNetnsPair(t)
			dir := t.TempDir()
			ours, theirs := filepath.Join(dir, "ours.pcapng"), filepath.Join(dir, "tcpdump.pcap")
			args := []string{bin, "-i", p.va, "-w", ours}
			targs := []string{"tcpdump", "-i", p.va, "-U", "-w", theirs}
			if tc.filter != "" {
				args = append(args, "-f", tc.filter)
				targs = append(targs, tc.filter)
			}
			oc := startCapture(t, p.a, "Capturing on", args...)
			tcd := startCapture(t, p.a, "listening on", targs...)
			traffic(t, p)
			// libpcap hands tcpdump a ring block only when it is full or its 1 s timeout ends, and
			// tcpdump drops what it has not been handed when interrupted: let the blocks retire
			time.Sleep(1500 * time.Millisecond)
			oc.stop(t)
			tcd.stop(t)
			if !strings.Contains(oc.stderr.String(), "packets captured") {
				t.Errorf("no packet count on stderr: %q", oc.stderr.String())
			}
			got, want := packetSet(t, ours), packetSet(t, theirs)
			if len(want) < 10 {
				t.Fatalf("tcpdump saw only %d packets", len(want))
			}
			if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
				t.Errorf("packet sets differ: ours %d packets, tcpdump %d", len(got), len(want))
				t.Logf("only ours: %s", hexList(minus(got, want)))
				t.Logf("only tcpdump's: %s", hexList(minus(want, got)))
			}
			t.Logf("%d packets, same set as tcpdump; ours said %q", len(got), strings.TrimSpace(oc.stderr.String()))
			// the scenarios are all there: a request with data to 8080, a reset from port 9, SYNs to
			// 81 sent again, and an ICMP port unreachable
			out := runCmd(t, bin, "-r", ours, "-T", "fields", "-E", "separator=,", "-e", "tcp.dstport", "-e", "tcp.len",
				"-e", "tcp.flags.reset", "-e", "tcp.analysis.retransmission", "-e", "icmp.type")
			syn81, data8080, rst, unreach := 0, 0, 0, 0
			for _, line := range strings.Split(out, "\n") {
				f := strings.Split(line, ",")
				if len(f) < 5 {
					continue
				}
				switch {
				case f[0] == "81":
					syn81++
				case f[0] == "8080" && f[1] != "0":
					data8080++
				}
				if f[2] == "1" || f[2] == "True" {
					rst++
				}
				if f[4] == "3" || strings.HasPrefix(f[4], "3,") {
					unreach++
				}
			}
			if syn81 < 2 || data8080 == 0 || rst == 0 || unreach == 0 {
				t.Errorf("scenarios missing: %d SYNs to the dropped port, %d data segments to 8080, %d resets, %d unreachables\n%s",
					syn81, data8080, rst, unreach, out)
			}
		})
	}
}

var ringName = regexp.MustCompile(`^ring_(\d{5})_(\d{14})\.pcapng$`)

// requireTool skips t when a program it runs is not installed.
func requireTool(t *testing.T, tool, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s is not installed (apt-get install %s)", tool, pkg)
	}
}

func TestNetnsRingBuffer(t *testing.T) {
	requireNetns(t)
	requireTool(t, "ping", "iputils-ping")
	bin := buildBinary(t)
	p := newNetnsPair(t)
	for _, tc := range []struct {
		name    string
		args    []string
		minFile int
		maxKept int
	}{
		{"filesize", []string{"-b", "filesize:20", "-b", "files:3", "-a", "duration:3"}, 4, 3},
		{"duration", []string{"-b", "duration:1", "-a", "files:3"}, 3, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			args := append([]string{bin, "-i", p.va, "-w", filepath.Join(dir, "ring.pcapng")}, tc.args...)
			oc := startCapture(t, p.a, "Capturing on", args...)
			ping := exec.Command("ip", "netns", "exec", p.a, "ping", "-q", "-i", "0.01", "-s", "1000", "-w", "4", nsAddrB)
			_ = ping.Start()
			select {
			case <-oc.done:
			case <-time.After(15 * time.Second):
				oc.stop(t)
				t.Fatal("capture did not stop by itself")
			}
			_ = ping.Process.Kill()
			_ = ping.Wait()
			ents, _ := os.ReadDir(dir)
			var nums []int
			for _, e := range ents {
				m := ringName.FindStringSubmatch(e.Name())
				if m == nil {
					t.Errorf("unexpected file name %q", e.Name())
					continue
				}
				n, _ := strconv.Atoi(m[1])
				nums = append(nums, n)
				if _, err := time.ParseInLocation("20060102150405", m[2], time.Local); err != nil {
					t.Errorf("bad time in %q", e.Name())
				}
				if pk := packetSet(t, filepath.Join(dir, e.Name())); len(pk) == 0 {
					t.Errorf("%s has no packets", e.Name())
				}
			}
			sort.Ints(nums)
			if len(nums) == 0 || len(nums) > tc.maxKept {
				t.Fatalf("kept %d files, want 1..%d: %v", len(nums), tc.maxKept, nums)
			}
			if last := nums[len(nums)-1]; last < tc.minFile {
				t.Errorf("last file number %d, want at least %d", last, tc.minFile)
			}
			for i := 1; i < len(nums); i++ {
				if nums[i] != nums[i-1]+1 {
					t.Errorf("file numbers not consecutive: %v", nums)
				}
			}
			t.Logf("files %v; %s", nums, strings.TrimSpace(oc.stderr.String()))
		})
	}
}

func TestNetnsDropPrivileges(t *testing.T) {
	requireNetns(t)
	requireTool(t, "ping", "iputils-ping")
	u, err := user.Lookup("nobody")
	if err != nil {
		t.Skip("no user nobody")
	}
	bin := buildBinary(t)
	p := newNetnsPair(t)
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "z.pcapng")
	oc := startCapture(t, p.a, "Capturing on", bin, "-i", p.va, "-w", out, "-Z", "nobody", "-a", "duration:2")
	_ = exec.Command("ip", "netns", "exec", p.a, "ping", "-c", "3", "-i", "0.2", nsAddrB).Run()
	select {
	case err := <-oc.done:
		if err != nil {
			t.Fatalf("capture failed: %v\n%s", err, oc.stderr.String())
		}
	case <-time.After(10 * time.Second):
		oc.stop(t)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	if got := int(st.Sys().(*syscall.Stat_t).Uid); got != uid {
		t.Errorf("file owner %d, want nobody (%d)", got, uid)
	}
	if n := len(packetSet(t, out)); n < 6 {
		t.Errorf("%d packets written after dropping privileges, want at least 6", n)
	}
}

func TestCapturePermissionMessage(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to start a process as nobody")
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		t.Skip("no user nobody")
	}
	bin := buildBinary(t)
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	cmd := exec.Command(bin, "-i", "lo", "-c", "1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("capture as nobody succeeded: %s", out)
	}
	for _, want := range []string{"permission", "sudo", "setcap cap_net_raw,cap_net_admin+eip"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("message lacks %q:\n%s", want, out)
		}
	}
}

// minus returns the elements of a not matched in b (multisets, both sorted).
func minus(a, b []string) []string {
	var out []string
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x {
			j++
			continue
		}
		out = append(out, x)
	}
	return out
}

func hexList(ps []string) string {
	var b strings.Builder
	for _, p := range ps {
		n := min(len(p), 48)
		fmt.Fprintf(&b, "\n  %d bytes: %x", len(p), p[:n])
	}
	return b.String()
}

// TestNetnsRingBufferZRefused: a ring buffer whose directory the -Z user cannot write is refused
// at start (it used to start, drop privileges, and fail at the first rotation).
func TestNetnsRingBufferZRefused(t *testing.T) {
	requireNetns(t)
	if _, err := user.Lookup("nobody"); err != nil {
		t.Skip("no user nobody")
	}
	bin := buildBinary(t)
	p := newNetnsPair(t)
	dir := t.TempDir() // root's, mode 0700
	cmd := exec.Command("ip", "netns", "exec", p.a, bin, "-i", p.va, "-w", filepath.Join(dir, "ring.pcapng"),
		"-b", "filesize:10", "-Z", "nobody", "-a", "duration:2", "-q")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "cannot create files in") {
		t.Errorf("capture ended with %v:\n%s", err, out)
	}
}
