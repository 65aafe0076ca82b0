package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"os/user"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/capture/bpf"
	"github.com/tshark-tui/tshark-tui/capture/live"
	"github.com/tshark-tui/tshark-tui/engine"
	"golang.org/x/term"
)

// liveOpts are the capture options of the command line (tshark's and dumpcap's).
type liveOpts struct {
	ifaces     []string // -i
	filter     string   // -f
	fileFilter string   // --capture-filter (files too)
	write      string   // -w
	list       bool     // -D
	noPromisc  bool     // -p
	snaplen    uint32   // -s
	ring       []string // -b
	stop       []string // -a
	format     string   // -F
	user       string   // -Z
	printCode  bool     // -d
	printPkts  bool     // -P
	quiet      bool     // -q
	count      int      // -c
}

// active reports whether the command line asks for a live capture (or an interface list).
func (l *liveOpts) active() bool {
	return len(l.ifaces) > 0 || l.list || l.write != "" || l.filter != ""
}

// splitLive takes the capture options out of opts. It returns the remaining options.
func splitLive(opts []opt) (*liveOpts, []opt, error) {
	l := &liveOpts{}
	var rest []opt
	for _, op := range opts {
		switch op.name {
		case "i", "interface":
			l.ifaces = append(l.ifaces, op.arg)
		case "f":
			l.filter = op.arg
		case "capture-filter":
			l.fileFilter = op.arg
		case "w":
			l.write = op.arg
		case "D", "list-interfaces":
			l.list = true
		case "p":
			l.noPromisc = true
		case "s":
			n, err := strconv.ParseUint(op.arg, 10, 32)
			if err != nil {
				return nil, nil, fmt.Errorf("The specified snapshot length \"%s\" isn't a valid number", op.arg)
			}
			l.snaplen = uint32(n)
		case "b":
			l.ring = append(l.ring, op.arg)
		case "a":
			l.stop = append(l.stop, op.arg)
		case "F":
			l.format = op.arg
		case "Z":
			l.user = op.arg
		case "print-bpf":
			l.printCode = true
		case "P":
			l.printPkts = true
			rest = append(rest, op)
		case "q":
			l.quiet = true
			rest = append(rest, op)
		case "c":
			l.count, _ = strconv.Atoi(op.arg)
			rest = append(rest, op)
		default:
			rest = append(rest, op)
		}
	}
	return l, rest, nil
}

// parseKV splits "name:value" with a number value.
func parseKV(s string) (string, uint64, error) {
	k, v, ok := strings.Cut(s, ":")
	if !ok {
		return "", 0, fmt.Errorf("invalid value \"%s\": expected name:value", s)
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return "", 0, fmt.Errorf("invalid value \"%s\": %s isn't a number", s, v)
	}
	return k, n, nil
}

// listInterfaces prints -D like tshark: "1. eth0", "3. lo (Loopback)".
func (c *cli) listInterfaces(verbose bool) int {
	ifs, err := live.Interfaces()
	if err != nil {
		fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadFile
	}
	for _, it := range ifs {
		line := fmt.Sprintf("%d. %s", it.Index, it.Name)
		if it.Description != "" {
			line += " (" + it.Description + ")"
		}
		if verbose {
			state := "down"
			if it.Up {
				state = "up"
			}
			line += "\t" + state
			if len(it.Addrs) > 0 {
				line += "\t" + strings.Join(it.Addrs, " ")
			}
		}
		fmt.Fprintln(c.stdout, line)
	}
	return batch.ExitOK
}

// capturing lists interfaces like tshark: 'a', 'b' and 'c'.
func capturing(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// runLive captures from interfaces: printing packets like tshark, writing files like dumpcap, or
// feeding the TUI. Every way goes through one capture/live session (the engine's for printing and
// the TUI).
func (c *cli) runLive(l *liveOpts, o *batch.Options, printing bool, displayFilter string) int {
	fail := func(code int, format string, args ...any) int {
		fmt.Fprintf(c.stderr, "tshark-tui: "+format+"\n", args...)
		return code
	}
	if l.list {
		return c.listInterfaces(o.Verbose)
	}
	if len(o.Files) > 0 {
		if l.filter != "" {
			return fail(batch.ExitBadOption, "Only read filters, not capture filters, can be specified when reading a capture file.")
		}
		return fail(batch.ExitBadOption, "live capture options (-i, -w, -b, -a) do not apply when reading files")
	}
	expr := l.filter
	if expr == "" {
		expr = l.fileFilter
	}
	if len(l.ifaces) == 0 {
		ifs, err := live.Interfaces()
		if err != nil || len(ifs) == 0 {
			return fail(batch.ExitBadFile, "There are no interfaces on which a capture can be done")
		}
		l.ifaces = []string{ifs[0].Name}
	}
	names := make([]string, len(l.ifaces))
	for i, a := range l.ifaces {
		n, err := live.Resolve(a)
		if err != nil {
			return fail(batch.ExitBadFile, "%v", err)
		}
		names[i] = n
	}
	if l.printCode {
		for _, n := range names {
			link := uint16(bpf.LinkEthernet)
			if n == "any" {
				link = bpf.LinkSLL
			}
			prog, err := bpf.Compile(expr, link, l.snaplen)
			if err != nil {
				return fail(batch.ExitBadFile, "%v", engine.CaptureFilterError(expr, n, err))
			}
			if len(names) > 1 {
				fmt.Fprintf(c.stdout, "Interface: %s\n", n)
			}
			fmt.Fprint(c.stdout, prog)
		}
		return batch.ExitOK
	}
	cfg := live.Config{Ifaces: names, Filter: expr, Snaplen: l.snaplen, NoPromisc: l.noPromisc,
		Stop: live.StopConditions{Packets: uint64(max(l.count, 0))}}
	ring := &cfg.Output
	for _, b := range l.ring {
		k, v, err := parseKV(b)
		if err != nil {
			return fail(batch.ExitBadOption, "Invalid or unknown -b arg \"%s\"", b)
		}
		ring.Ring = true
		switch k {
		case "duration":
			ring.Duration = time.Duration(v) * time.Second
		case "interval":
			ring.Interval = time.Duration(v) * time.Second
		case "filesize":
			ring.FileSizeKB = v
		case "files":
			ring.Files = int(v)
		case "packets":
			ring.Packets = v
		default:
			return fail(batch.ExitBadOption, "Invalid or unknown -b arg \"%s\"", b)
		}
	}
	st := &cfg.Stop
	for _, a := range l.stop {
		k, v, err := parseKV(a)
		if err != nil {
			return fail(batch.ExitBadOption, "Invalid or unknown -a flag \"%s\"", a)
		}
		switch k {
		case "duration":
			st.Duration = time.Duration(v) * time.Second
		case "filesize":
			st.SizeKB = v
		case "files":
			st.Files = int(v)
		case "packets":
			st.Packets = v
		default:
			return fail(batch.ExitBadOption, "Invalid or unknown -a flag \"%s\"", a)
		}
	}
	if ring.Ring && l.write == "" {
		return fail(batch.ExitBadOption, "Ring buffer requested, but capture isn't being saved to a permanent file.")
	}
	if (st.SizeKB > 0 || st.Files > 0) && l.write == "" {
		return fail(batch.ExitBadOption, "Maximum capture file size or number of files specified, but capture isn't being saved to a file.")
	}
	switch l.format {
	case "", "pcapng":
	case "pcap", "libpcap":
		ring.Pcap = true
	case "nsecpcap", "nseclibpcap":
		ring.Pcap, ring.Nanos = true, true
	default:
		return fail(batch.ExitBadOption, "The file type \"%s\" isn't supported for live capture; use pcapng, pcap or nsecpcap", l.format)
	}
	ring.Path = l.write
	src := engine.Source{Live: &cfg, CaptureFilter: expr}

	if !printing && l.write == "" && c.isTerminal {
		if l.user != "" {
			return fail(batch.ExitBadOption, "-Z applies to captures written with -w or printed, not to the terminal UI")
		}
		fmt.Fprintf(c.stderr, "Capturing on %s\n", capturing(names))
		sess, err := engine.Open(src, o.Config)
		if err != nil {
			return fail(batch.ExitBadFile, "%v", err)
		}
		defer sess.Close()
		return c.showSession(sess, o.TimeFormat, displayFilter)
	}

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE)
	defer signal.Stop(sigs)
	done := make(chan struct{})
	var wg sync.WaitGroup
	var ls *live.Session
	started := make(chan struct{})
	// watch ends the capture on a signal and shows the count while writing to a file
	watch := func() {
		defer wg.Done()
		select {
		case <-started:
		case <-done:
			return
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		showCount := l.write != "" && !l.printPkts && !l.quiet && c.stderrIsTerminal()
		for {
			select {
			case <-sigs:
				ls.Stop()
			case <-tick.C:
				if showCount {
					fmt.Fprintf(c.stderr, "\r%d ", ls.Packets())
				}
			case <-done:
				return
			}
		}
	}
	wg.Add(1)
	go watch()
	finish := func() {
		close(done)
		wg.Wait()
	}
	opened := func(s *live.Session) error {
		ls = s
		if l.user != "" {
			if err := dropPrivileges(l.user, s.Writer()); err != nil {
				return err
			}
		}
		fmt.Fprintf(c.stderr, "Capturing on %s\n", capturing(names))
		close(started)
		return nil
	}

	code := batch.ExitOK
	var runErr error
	if l.write != "" && !l.printPkts {
		// dumpcap: packets go to the file, nothing is dissected
		s, err := live.Start(cfg)
		if err != nil {
			finish()
			return fail(batch.ExitBadFile, "%v", liveStartError(expr, names, err))
		}
		if err := opened(s); err != nil {
			s.Close()
			finish()
			return fail(batch.ExitBadFile, "%v", err)
		}
		for {
			if _, err := s.Next(); err != nil {
				if !errors.Is(err, io.EOF) {
					runErr = err
				}
				break
			}
		}
		if err := s.Close(); err != nil && runErr == nil {
			runErr = err
		}
	} else {
		o.Source = src
		o.LineBuffer = true
		o.Opened = func(p *engine.OnePass) error { return opened(p.Live()) }
		if err := batch.Run(o, c.stdout, c.stderr); err != nil {
			runErr = err
		}
	}
	finish()
	if runErr != nil {
		var be *batch.Error
		if errors.As(runErr, &be) {
			if be.Msg != "" {
				fmt.Fprintf(c.stderr, "tshark-tui: %s\n", be.Msg)
			}
			code = be.Code
		} else {
			fmt.Fprintf(c.stderr, "tshark-tui: %v\n", runErr)
			code = batch.ExitBadFile
		}
	}
	if ls == nil {
		return code
	}
	if l.write != "" && !l.printPkts && !l.quiet && c.stderrIsTerminal() {
		fmt.Fprint(c.stderr, "\r")
	}
	n := ls.Packets()
	fmt.Fprintf(c.stderr, "%d packet%s captured\n", n, plural(n))
	for _, s := range ls.Sources() {
		if d := s.Stats().Dropped; d > 0 {
			fmt.Fprintf(c.stderr, "%d packet%s dropped from %s\n", d, plural(d), s.Name())
		}
	}
	return code
}

// liveStartError words a failure to start capturing like tshark (a bad capture filter with a caret).
func liveStartError(expr string, names []string, err error) error {
	iface := ""
	if len(names) > 0 {
		iface = names[0]
	}
	return engine.CaptureFilterError(expr, iface, err)
}

func plural(n uint64) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (c *cli) stderrIsTerminal() bool {
	f, ok := c.stderr.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// dropPrivileges switches to user (-Z) after the sockets and the first file are open; the files
// are given to that user so the ring buffer can go on.
func dropPrivileges(name string, w *live.FileWriter) error {
	u, err := user.Lookup(name)
	if err != nil {
		return fmt.Errorf("-Z: unknown user \"%s\"", name)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if w != nil {
		if dir := w.RingDir(); dir != "" && !capture.WritableBy(dir, uid, gid) {
			// checked now: after the switch the next file could not be created
			return fmt.Errorf("-Z: user %s cannot create files in \"%s\", where the ring buffer would rotate", name, dir)
		}
		if err := w.Chown(uid, gid); err != nil {
			return fmt.Errorf("-Z: give the capture file to %s: %w", name, err)
		}
	}
	if err := syscall.Setgroups([]int{gid}); err != nil {
		return fmt.Errorf("-Z: setgroups: %w", err)
	}
	if err := syscall.Setgid(gid); err != nil {
		return fmt.Errorf("-Z: setgid: %w", err)
	}
	if err := syscall.Setuid(uid); err != nil {
		return fmt.Errorf("-Z: setuid: %w", err)
	}
	return nil
}
