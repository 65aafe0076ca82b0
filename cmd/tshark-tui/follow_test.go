package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// followKnownDifferent are the recorded follow reports ours differs from (see dissect's
// TestFollowMatchesTshark, which records them).
var followKnownDifferent = map[string]string{
	"testdata__ipfrag.pcap__udp_ascii_0.golden": "IP reassembly is not done yet",
	"testdata__ipfrag.pcap__udp_hex_0.golden":   "IP reassembly is not done yet",
}

// TestFollowOnlyMatchesTshark runs "-q -z follow,..." through the command line, a lean one-pass
// run, for every report tshark's answer is recorded for.
func TestFollowOnlyMatchesTshark(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	dir := filepath.Join(root, "dissect", "testdata", "TestFollowMatchesTshark")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	same, total := 0, 0
	for _, e := range ents {
		name := e.Name()
		// "testdata__http.pcap__tcp_hex_5.golden", "reference__get.pcap__tcp_ascii_0.golden"
		parts := strings.Split(strings.TrimSuffix(name, ".golden"), "__")
		if len(parts) != 3 {
			continue
		}
		capPath := filepath.Join(root, "testdata", "captures", parts[1])
		if parts[0] != "testdata" {
			capPath = filepath.Join(root, "..", "shared", "corpus", parts[0], parts[1])
		}
		if _, err := os.Stat(capPath); err != nil {
			continue // corpus absent
		}
		arg := "follow," + strings.ReplaceAll(parts[2], "_", ",")
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			got := runCLI(t, "-n", "-r", capPath, "-q", "-z", arg)
			total++
			if got == string(want) || strings.Contains(arg, "ascii") && got == tsharktest.LoneCRsShown(string(want)) {
				same++
				return
			}
			if why, ok := followKnownDifferent[name]; ok {
				t.Logf("known difference: %s", why)
				return
			}
			t.Errorf("-z %s differs from tshark\n%s", arg, golden.Diff(string(want), got))
		})
	}
	if total == 0 {
		t.Fatal("no recorded follow report found")
	}
	t.Logf("follow output identical to tshark for %d of %d reports", same, total)
}

// TestFollowOnlyMatchesBatch checks follow alone against follow with another report on the endpoint
// form, several reports at once, a packet count and a missing stream; with tshark installed,
// against tshark too.
func TestFollowOnlyMatchesBatch(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	caps := filepath.Join(root, "testdata", "captures")
	tests := []struct {
		name string
		args []string
	}{
		{"endpoints", []string{"-r", filepath.Join(caps, "http.pcap"), "-z", "follow,tcp,ascii,10.20.0.2:80,10.20.0.1:44028"}},
		{"endpoints udp", []string{"-r", filepath.Join(caps, "dns.pcap"), "-z", "follow,udp,hex,10.20.0.1:38796,10.20.0.2:53"}},
		{"several", []string{"-r", filepath.Join(caps, "http.pcap"), "-z", "follow,tcp,raw,1", "-z", "follow,tcp,hex,0,2-3", "-z", "follow,udp,ascii,0"}},
		{"count", []string{"-r", filepath.Join(caps, "telnet.pcapng"), "-c", "20", "-z", "follow,tcp,ascii,0"}},
		{"missing stream", []string{"-r", filepath.Join(caps, "http.pcap"), "-z", "follow,tcp,ascii,999"}},
	}
	_, errTshark := exec.LookPath("tshark")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lean := runCLI(t, append([]string{"-n", "-q"}, tt.args...)...)
			// a second report of another kind (given last, it is printed first)
			full := runCLI(t, append(append([]string{"-n", "-q"}, tt.args...), "-z", "io,phs")...)
			if !strings.HasSuffix(full, lean) {
				t.Errorf("follow alone differs from follow with io,phs\n%s", golden.Diff(full, lean))
			}
			if errTshark != nil {
				return
			}
			want, _, err := tsharktest.Run(t, append([]string{"-n", "-q"}, tt.args...)...)
			if err != nil {
				t.Fatalf("tshark: %v", err)
			}
			if lean != string(want) && lean != tsharktest.LoneCRsShown(string(want)) {
				t.Errorf("differs from tshark\n%s", golden.Diff(string(want), lean))
			}
		})
	}
}

// TestFollowTapIsOnePass: a run that only follows TCP/UDP streams stays tshark's lean single pass.
func TestFollowTapIsOnePass(t *testing.T) {
	ft, err := newTap("follow,tcp,ascii,0")
	if err != nil {
		t.Fatal(err)
	}
	if op, ok := ft.(batch.OnePassTap); !ok || !op.OnePass() {
		t.Error("-z follow,tcp is not a one-pass tap")
	}
}
