package stats_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/stats"
)

// handshakesPcap is the capture make-handshakes.sh records between two network namespaces: one
// outcome per server port, clients in 10.30.1.0/24 and 10.30.2.0/24.
func handshakesPcap(t *testing.T) string {
	return filepath.Join(tsharktest.RepoRoot(t), "testdata", "captures", "handshakes.pcap")
}

// TestHandshakeClasses checks that every outcome is found on the server port that produces it, from
// the clients that tried it.
func TestHandshakeClasses(t *testing.T) {
	h, err := stats.NewHandshakes("handshakes")
	if err != nil {
		t.Fatal(err)
	}
	var out, errw bytes.Buffer
	o := &batch.Options{Files: []string{handshakesPcap(t)}, Quiet: true, Taps: []batch.Tap{h}, Precision: -1}
	if err := batch.Run(o, &out, &errw); err != nil {
		t.Fatalf("run: %v %s", err, errw.String())
	}
	got := map[string][]string{} // outcome -> "server client" (sorted)
	for _, a := range h.Attempts() {
		got[a.Outcome.String()] = append(got[a.Outcome.String()], a.Server.String()+" "+a.Client.Addr().String())
	}
	for _, v := range got {
		slices.Sort(v)
	}
	want := map[string][]string{
		"established":      {"10.30.0.2:8080 10.30.1.11"},
		"closed":           {"10.30.0.2:8080 10.30.1.10", "10.30.0.2:8080 10.30.1.11", "10.30.0.2:8080 10.30.2.20"},
		"reset":            {"10.30.0.2:8083 10.30.1.10", "10.30.0.2:8083 10.30.2.20"},
		"refused":          {"10.30.0.2:8081 10.30.1.10", "10.30.0.2:8081 10.30.2.20"},
		"unanswered":       {"10.30.0.2:8082 10.30.1.11", "10.30.0.2:8082 10.30.2.20"},
		"icmp-unreachable": {"10.30.0.2:8084 10.30.1.10"},
	}
	for class, w := range want {
		t.Run(class, func(t *testing.T) {
			if !slices.Equal(got[class], w) {
				t.Errorf("%s: got %q, want %q", class, got[class], w)
			}
		})
	}
	for _, a := range h.Attempts() {
		if a.Outcome == stats.Unanswered && a.SYNs != 2 {
			t.Errorf("unanswered %s -> %s: %d SYNs, want 2 (one retransmission)", a.Client, a.Server, a.SYNs)
		}
	}
}

// TestConnReportGroups checks the connection report's rows in its three formats: the clients of each
// server, grouped by /24, with established and failed attempts.
func TestConnReportGroups(t *testing.T) {
	file := handshakesPcap(t)
	// server port -> "group client attempts established failed"
	want := map[string][]string{
		"8080": {"10.30.1.0/24 10.30.1.10 1 1 0", "10.30.1.0/24 10.30.1.11 2 2 0", "10.30.2.0/24 10.30.2.20 1 1 0"},
		"8081": {"10.30.1.0/24 10.30.1.10 1 0 1", "10.30.2.0/24 10.30.2.20 1 0 1"},
		"8082": {"10.30.1.0/24 10.30.1.11 1 0 1", "10.30.2.0/24 10.30.2.20 1 0 1"},
		"8083": {"10.30.1.0/24 10.30.1.10 1 1 0", "10.30.2.0/24 10.30.2.20 1 1 0"},
		"8084": {"10.30.1.0/24 10.30.1.10 1 0 1"},
	}
	check := func(t *testing.T, got map[string][]string) {
		t.Helper()
		for port, w := range want {
			g := got[port]
			slices.Sort(g)
			if !slices.Equal(g, w) {
				t.Errorf("port %s: got %q, want %q", port, g, w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%d servers, want %d", len(got), len(want))
		}
	}
	t.Run("csv", func(t *testing.T) {
		recs, err := csv.NewReader(strings.NewReader(run(t, file, "connreport,csv"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, r := range recs[1:] {
			if r[0] != "10.30.0.2" {
				t.Errorf("server %s", r[0])
			}
			got[r[1]] = append(got[r[1]], strings.Join([]string{r[2], r[3], r[4], r[5], r[6]}, " "))
		}
		check(t, got)
	})
	t.Run("json", func(t *testing.T) {
		var doc struct {
			Servers []struct {
				Server string
				Groups []struct {
					Group   string
					Clients []struct {
						Client                        string
						Attempts, Established, Failed int
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(run(t, file, "connreport,json")), &doc); err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, s := range doc.Servers {
			port := strings.TrimPrefix(s.Server, "10.30.0.2:")
			for _, g := range s.Groups {
				for _, c := range g.Clients {
					got[port] = append(got[port], strings.Join([]string{g.Group, c.Client,
						strconv.Itoa(c.Attempts), strconv.Itoa(c.Established), strconv.Itoa(c.Failed)}, " "))
				}
			}
		}
		check(t, got)
	})
	t.Run("table", func(t *testing.T) {
		out := run(t, file, "connreport")
		for _, s := range []string{"Server 10.30.0.2:8080  (3 clients)", "10.30.1.0/24", "10.30.2.0/24"} {
			if !strings.Contains(out, s) {
				t.Errorf("missing %q in\n%s", s, out)
			}
		}
	})
}
