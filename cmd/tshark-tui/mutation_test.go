//go:build linux

package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/internal/corpus"
	"github.com/tshark-tui/tshark-tui/internal/hostile"
)

// The mutation sweep: captures of the shared corpus, mutated (bytes flipped, lengths and counts
// made huge or zero, blocks cut, repeated or spliced), run through the command line in a child
// process with a memory limit and a time limit, in every output mode and report in turn. It counts
// runs, panics, hangs, out-of-memory ends and output unsafe for a terminal; any of the four is a
// failure. It runs briefly by default (a few captures, for CI); MUTATION_SWEEP=N mutates N captures
// (bench/mutate.sh runs 2,500: about 5,300 runs), MUTATION_SWEEP_ONLY=i replays mutation i.

// mutationModes are the ways a mutated capture is read, in turn (the summary always comes first).
var mutationModes = [][]string{
	{"-V"},
	{"-x"},
	{"-T", "json"},
	{"-T", "fields", "-e", "frame.number", "-e", "ip.src", "-e", "tcp.stream", "-e", "dns.qry.name", "-e", "http.host", "-e", "tls.handshake.extensions_server_name"},
	{"-Y", "tcp.analysis.flags || dns || http || tls"},
	{"-q", "-z", "conv,tcp", "-z", "endpoints,ip", "-z", "io,phs"},
	{"-q", "-z", "expert"},
	{"-q", "-z", "credentials,all"},
	{"-q", "-z", "follow,tcp,ascii,0", "-z", "follow,udp,hex,0"},
	{"-q", "-z", "handshakes", "-z", "connreport"},
	{"-q", "-z", "io,stat,1"},
}

const (
	mutationTimeout = 30 * time.Second // a run that takes longer is a hang
	mutationMemory  = 2 << 30          // address space of a run (RLIMIT_AS); past it, out of memory
)

// mutate returns a damaged copy of b, decided by r.
func mutate(r *rand.Rand, b []byte) []byte {
	out := append([]byte(nil), b...)
	if len(out) == 0 {
		return out
	}
	for n := 1 + r.IntN(8); n > 0; n-- {
		i := r.IntN(len(out))
		switch r.IntN(8) {
		case 0, 1: // flip bytes
			for k := r.IntN(4) + 1; k > 0 && i < len(out); k-- {
				out[i] ^= byte(1 + r.IntN(255))
				i++
			}
		case 2: // a length or count made huge, zero or negative
			if i+4 <= len(out) {
				v := [...]uint32{0, 0xffffffff, 0x7fffffff, 0x80000000, 0xffff, 0x10000, 1}[r.IntN(7)]
				out[i], out[i+1], out[i+2], out[i+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
			}
		case 3: // cut
			out = out[:i]
			if len(out) == 0 {
				return out
			}
		case 4: // repeat a block
			j := min(len(out), i+1+r.IntN(256))
			out = append(out[:j:j], append(append([]byte(nil), out[i:j]...), out[j:]...)...)
		case 5: // delete a block
			j := min(len(out), i+1+r.IntN(64))
			out = append(out[:i:i], out[j:]...)
			if len(out) == 0 {
				return out
			}
		case 6: // splice in a hostile string
			p := hostile.Payloads[r.IntN(len(hostile.Payloads))].S
			out = append(out[:i:i], append([]byte(p), out[i:]...)...)
		case 7: // a byte set to an edge value
			out[i] = [...]byte{0, 0xff, 0x7f, 0x80}[r.IntN(4)]
		}
	}
	return out
}

type mutationCounts struct {
	runs, panics, hangs, ooms, unsafe int
}

func (m mutationCounts) String() string {
	return fmt.Sprintf("%d runs, %d panics, %d hangs, %d out of memory, %d unsafe outputs", m.runs, m.panics, m.hangs, m.ooms, m.unsafe)
}

func TestMutationSweep(t *testing.T) {
	if os.Getenv("MUTATION_CHILD") == "1" {
		mutationChild()
		return
	}
	files := corpus.Files(t, "")
	n, only := 6, -1
	if s := os.Getenv("MUTATION_SWEEP"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			t.Fatalf("MUTATION_SWEEP=%q: want a number of captures", s)
		}
	}
	if s := os.Getenv("MUTATION_SWEEP_ONLY"); s != "" {
		only, _ = strconv.Atoi(s)
	}
	dir := t.TempDir()
	var c mutationCounts
	start := time.Now()
	for i := 0; i < n; i++ {
		if only >= 0 && i != only {
			continue
		}
		r := rand.New(rand.NewPCG(uint64(i), 0x6d75746174696f6e))
		src := files[r.IntN(len(files))]
		orig, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		data := mutate(r, orig)
		path := filepath.Join(dir, fmt.Sprintf("m%05d%s", i, filepath.Ext(src)))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		runs := [][]string{{}, mutationModes[i%len(mutationModes)]}
		if i%10 == 9 {
			runs = append(runs, []string{"-V", "-x", "-T", "text"})
		}
		for _, args := range runs {
			c.runs++
			what := mutationRun(t, path, args)
			switch what {
			case "":
				continue
			case "panic":
				c.panics++
			case "hang":
				c.hangs++
			case "oom":
				c.ooms++
			case "unsafe":
				c.unsafe++
			}
			keep := filepath.Join(os.TempDir(), fmt.Sprintf("tshark-tui-mutation-%05d%s", i, filepath.Ext(src)))
			_ = os.WriteFile(keep, data, 0o600)
			t.Errorf("mutation %d of %s, %q: %s (input kept as %s; replay with MUTATION_SWEEP=%d MUTATION_SWEEP_ONLY=%d)",
				i, filepath.Base(src), args, what, keep, n, i)
		}
		_ = os.Remove(path)
	}
	t.Logf("mutation sweep over %d mutated captures in %v: %s", n, time.Since(start).Round(time.Second), c)
	if n > 100 {
		fmt.Printf("mutation sweep: %d mutated captures, %s\n", n, c)
	}
}

// mutationRun reads path with args in a child process and says what went wrong: "" (nothing),
// "panic", "hang", "oom" or "unsafe" (raw control bytes or invalid UTF-8 on standard output or error).
func mutationRun(t *testing.T, path string, args []string) string {
	ctx, cancel := context.WithTimeout(context.Background(), mutationTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], append([]string{"-test.run", "^TestMutationSweep$", "--", "-r", path}, args...)...)
	cmd.Env = append(os.Environ(), "MUTATION_CHILD=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	switch {
	case ctx.Err() != nil:
		return "hang"
	case strings.Contains(errb.String(), "out of memory"):
		return "oom"
	case strings.Contains(errb.String(), "panic:") || strings.Contains(errb.String(), "fatal error:"):
		t.Logf("%s", tail(errb.String(), 3000))
		return "panic"
	case err != nil && !isExit(err):
		t.Logf("child: %v", err)
		return "panic"
	}
	if e := hostile.Check(out.Bytes()); e != nil {
		t.Logf("standard output: %v", e)
		return "unsafe"
	}
	if e := hostile.Check(errb.Bytes()); e != nil {
		t.Logf("standard error: %v", e)
		return "unsafe"
	}
	return ""
}

func isExit(err error) bool {
	ee, ok := err.(*exec.ExitError)
	return ok && ee.Exited()
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// mutationChild is the child process: it limits its address space and runs the command line.
func mutationChild() {
	lim := syscall.Rlimit{Cur: mutationMemory, Max: mutationMemory}
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &lim)
	args := flag.Args() // after the test flags' "--"
	var out bytes.Buffer
	c := &cli{stdout: &out, stderr: os.Stderr}
	code := c.run(args)
	os.Stdout.Write(out.Bytes())
	os.Exit(code)
}
