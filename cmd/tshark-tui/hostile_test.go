package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/internal/budget"
	"github.com/tshark-tui/tshark-tui/internal/hostile"
	"github.com/tshark-tui/tshark-tui/stats"
)

// hostileTapArgs gives, for each -z report, the arguments the sweep runs it with. A report missing
// here fails TestHostileSweep, so a new report is swept from the day it is registered.
var hostileTapArgs = map[string][]string{
	"conv,eth": nil, "conv,ip": nil, "conv,ipv6": nil, "conv,tcp": nil, "conv,udp": nil,
	"endpoints,eth": nil, "endpoints,ip": nil, "endpoints,ipv6": nil, "endpoints,tcp": nil, "endpoints,udp": nil,
	"io,phs":      nil,
	"io,stat":     {"io,stat,1", "io,stat,0,COUNT(dns.qry.name)dns.qry.name"},
	"expert":      {"expert", "expert,comment"},
	"handshakes":  nil,
	"connreport":  {"connreport", "connreport,csv"},
	"credentials": {"credentials", "credentials,all", "credentials,show"},
	"follow,tcp": {"follow,tcp,ascii,0", "follow,tcp,hex,0", "follow,tcp,raw,0", "follow,tcp,ascii,13",
		"follow,tcp,ascii,14", "follow,tcp,ascii,15", "follow,tcp,ascii,16", "follow,tcp,ascii,17", "follow,tcp,ascii,20"},
	"follow,udp":  {"follow,udp,ascii,0", "follow,udp,hex,1", "follow,udp,ascii,13"},
	"follow,tls":  {"follow,tls,ascii,0"},
	"follow,http": {"follow,http,ascii,0", "follow,http,hex,0"},
	"sip,stat":    nil,
	"rtp,streams": nil,
}

// TestHostileSweep runs every output mode and every -z report over a capture whose strings carry
// terminal escape sequences, C1 and bidirectional controls and invalid UTF-8 (internal/hostile), and
// fails on any such byte reaching standard output or standard error raw.
func TestHostileSweep(t *testing.T) {
	dir := t.TempDir()
	capPath := filepath.Join(dir, "hostile.pcapng")
	var buf bytes.Buffer
	if err := hostile.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(capPath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, f := range dissect.Fields.All() {
		all = append(all, "-e", f.Abbrev)
	}
	runs := [][]string{
		{},
		{"-V"},
		{"-x"},
		{"-V", "-x"},
		{"-T", "text"},
		{"-T", "json"},
		{"-T", "json", "-x"},
		{"-T", "json", "-e", "dns.qry.name", "-e", "http.host", "-e", "frame.comment"},
		append([]string{"-T", "fields", "-E", "header=y", "-E", "occurrence=a"}, all...),
		{"-Y", "http.host contains \"a\"", "-t", "ad", "-u", "hms"},
	}
	for _, p := range stats.ReportNames() {
		args, ok := hostileTapArgs[p]
		if !ok {
			t.Errorf("-z %s is not in hostileTapArgs: add the arguments the hostile sweep runs it with", p)
			continue
		}
		if args == nil {
			args = []string{p}
		}
		for _, a := range args {
			runs = append(runs, []string{"-q", "-z", a})
		}
	}
	for _, args := range runs {
		name := strings.Join(args, " ")
		if len(name) > 60 {
			name = name[:60]
		}
		t.Run(name, func(t *testing.T) {
			var out, errb bytes.Buffer
			c := &cli{stdout: &out, stderr: &errb}
			code := c.run(append([]string{"-r", capPath}, args...))
			if code != 0 {
				t.Errorf("exit %d: %s", code, errb.Bytes())
			}
			if err := hostile.Check(out.Bytes()); err != nil {
				t.Errorf("standard output: %v", err)
			}
			if err := hostile.Check(errb.Bytes()); err != nil {
				t.Errorf("standard error: %v", err)
			}
			if slices.Equal(args[:min(2, len(args))], []string{"-T", "json"}) && !json.Valid(out.Bytes()) {
				t.Errorf("-T json output is not valid JSON")
			}
		})
	}
}

// TestHostileFileNames: a file name is hostile text too; the messages that echo it escape it.
func TestHostileFileNames(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := hostile.Write(&buf); err != nil {
		t.Fatal(err)
	}
	for _, p := range hostile.Payloads {
		if strings.ContainsRune(p.S, 0) || strings.ContainsRune(p.S, '/') {
			continue // not in a file name
		}
		name := filepath.Join(dir, p.S+".pcapng")
		cut := filepath.Join(dir, "cut"+p.S+".pcapng")
		if err := os.WriteFile(cut, buf.Bytes()[:buf.Len()-7], 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"-r", name}, // no such file
			{"-r", cut},  // cut short
			{"-r", cut, "-r", cut, "-q", "-z", "conv,ip"},
			{"-r", dir}, // a directory
		} {
			var out, errb bytes.Buffer
			c := &cli{stdout: &out, stderr: &errb}
			c.run(args)
			if err := hostile.Check(errb.Bytes()); err != nil {
				t.Errorf("%s %q: standard error: %v", p.Class, args, err)
			}
			if err := hostile.Check(out.Bytes()); err != nil {
				t.Errorf("%s %q: standard output: %v", p.Class, args, err)
			}
		}
	}
}

// TestHostileWorkIsLinear: a port-80 request whose header never ends, arriving one line a segment,
// costs every output mode and report work linear in its length (the HTTP PDU search and the
// credentials report's search for the end of the head resume where they stopped).
func TestHostileWorkIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("a 20,000-packet capture")
	}
	payloads := [][]byte{[]byte("GET / HTTP/1.1\r\n")}
	for i := 0; i < 20000; i++ {
		payloads = append(payloads, []byte("X-Never-Ending: header line\r\n"))
	}
	var buf bytes.Buffer
	if err := hostile.WriteFrames(&buf, hostile.Stream(80, payloads...)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "never-ending.pcapng")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{}, {"-q", "-z", "credentials"}, {"-q", "-z", "follow,tcp,ascii,0"}} {
		budget.Within(t, 10*time.Second, strings.Join(args, " "), func() {
			var out, errb bytes.Buffer
			c := &cli{stdout: &out, stderr: &errb}
			if code := c.run(append([]string{"-r", path}, args...)); code != 0 {
				t.Errorf("%v: exit %d: %s", args, code, errb.Bytes())
			}
		})
	}
}

// pcapngWithTimes returns a pcapng file of one Ethernet interface with nanosecond time stamps and
// one frame per stamp.
func pcapngWithTimes(stamps ...uint64) []byte {
	le := func(b []byte, v ...uint32) []byte {
		for _, x := range v {
			b = append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24))
		}
		return b
	}
	block := func(typ uint32, body []byte) []byte {
		n := uint32(12 + len(body))
		return le(append(le(nil, typ, n), body...), n)
	}
	out := block(0x0a0d0d0a, le(nil, 0x1a2b3c4d, 1, 0xffffffff, 0xffffffff))
	out = append(out, block(1, le(nil, 1, 65535, 0x00010009, 9, 0))...) // if_tsresol 9, end of options
	pkt := make([]byte, 16)
	pkt[12] = 0x08
	for _, ts := range stamps {
		out = append(out, block(6, append(le(nil, 0, uint32(ts>>32), uint32(ts), 16, 16), pkt...))...)
	}
	return out
}

// TestTimeStampsPast2262: pcapng time stamps at or above 2^63 ns (the year 2262) print as tshark
// prints them, not as negative times (tshark 4.0.17's answers).
func TestTimeStampsPast2262(t *testing.T) {
	path := filepath.Join(t.TempDir(), "late.pcapng")
	if err := os.WriteFile(path, pcapngWithTimes(1<<63-1, 1<<63, 1<<64-2), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-T", "fields", "-e", "frame.time_epoch", "-e", "frame.time_relative", "-e", "frame.time_delta", "-E", "separator=,"},
			"9223372036.854775807,0.000000000,0.000000000\n" +
				"9223372036.854775808,0.000000001,0.000000001\n" +
				"18446744073.709551614,9223372036.854775807,9223372036.854775806\n"},
		{[]string{"-t", "ud", "-T", "fields", "-e", "frame.number"}, "1\n2\n3\n"},
	} {
		var out, errb bytes.Buffer
		c := &cli{stdout: &out, stderr: &errb}
		if code := c.run(append([]string{"-r", path}, tc.args...)); code != 0 || out.String() != tc.want {
			t.Errorf("%v: exit %d, got\n%s\nwant\n%s%s", tc.args, code, out.String(), tc.want, errb.String())
		}
	}
	var out bytes.Buffer
	c := &cli{stdout: &out, stderr: io.Discard}
	c.run([]string{"-r", path, "-t", "ud"})
	for i, want := range []string{"2262-04-11 23:47:16.854775807", "2262-04-11 23:47:16.854775808", "2554-07-21 23:34:33.709551614"} {
		if lines := strings.Split(out.String(), "\n"); len(lines) <= i || !strings.Contains(lines[i], want) {
			t.Errorf("-t ud line %d lacks %q:\n%s", i+1, want, out.String())
		}
	}
}
