package engine_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/render"
	"github.com/tshark-tui/tshark-tui/store"
	"github.com/tshark-tui/tshark-tui/tls"
)

// frameText is everything a re-dissection shows of a frame: the detail tree with labels, the Info
// and Protocol columns and the data sources.
func frameText(d *engine.Dissector, n store.FrameNo) string {
	tr, c := d.Dissect(n, n-1)
	b := render.AppendTreeText(nil, tr)
	b = append(b, c.Cols.Protocol...)
	b = append(b, '|')
	b = append(b, c.Cols.Info...)
	for _, s := range tr.Sources {
		b = fmt.Appendf(b, "|%s %x", s.Name, sha256.Sum256(s.Bytes))
	}
	return string(b)
}

// TestRedissectAnyOrder checks what the UI relies on: after the first pass, dissecting frames again
// in any order (the UI jumps around, filter workers run in parallel) gives the same trees and
// columns as dissecting them in order. Per-frame records of the first pass make this so.
func TestRedissectAnyOrder(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	files, _ := filepath.Glob(filepath.Join(root, "testdata", "captures", "*.pcap*"))
	if len(files) == 0 {
		t.Skip("no captures")
	}
	key, err := tls.LoadKeyFile(filepath.Join(root, "testdata", "keys", "server.key"), "")
	if err != nil {
		t.Fatal(err)
	}
	keys := &tls.Keys{RSA: []tls.RSAKey{{Key: key, File: "server.key"}}}
	if kl, err := tls.ReadKeyLogFile(filepath.Join(root, "testdata", "keys", "tls-keylog.keylog")); err == nil {
		keys.Logs = append(keys.Logs, kl)
	}
	dump := os.Getenv("REDISSECT_DUMP") // a directory: write the texts, to compare two versions of the code
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			e, err := engine.OpenFiles(engine.Config{TLSKeys: keys}, f)
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			v := waitLoaded(t, e)
			d := e.NewDissector()
			d.SetVisible(true)
			fwd := make([]string, v.Count+1)
			for n := store.FrameNo(1); n <= v.Count; n++ {
				fwd[n] = frameText(d, n)
			}
			back := e.NewDissector()
			back.SetVisible(true)
			for n := v.Count; n >= 1; n-- {
				if got := frameText(back, n); got != fwd[n] {
					t.Fatalf("frame %d dissected after frame %d differs from in order:\n--- in order\n%s\n--- out of order\n%s",
						n, n+1, fwd[n], got)
				}
			}
			if dump != "" {
				out := filepath.Join(dump, filepath.Base(f)+".txt")
				if err := os.WriteFile(out, []byte(strings.Join(fwd[1:], "\n=====\n")), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestLeanFilterMatchesFullTree checks the shortcuts a filtering re-dissection takes (it builds only
// the items the filter asks for and skips what nothing asks for): for every testdata capture and a
// set of filters, the frames the engine's filter shows are those whose full tree matches.
func TestLeanFilterMatchesFullTree(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	files, _ := filepath.Glob(filepath.Join(root, "testdata", "captures", "*.pcap*"))
	if len(files) == 0 {
		t.Skip("no captures")
	}
	filters := []string{
		"eth.src[0] & 1 == 0", "eth.ig == 1", "eth.addr.oui", "eth.src_not_group", "eth", "vlan",
		"ip.addr == 127.0.0.1", "ip.ttl < 64", "ip.flags.df == 1", "ipv6", "ip.host contains \"10\"",
		"tcp.port == 80 || tcp.port == 23", "tcp.options.mss_val >= 1400", "tcp.option_kind == 8",
		"tcp.options.wscale.multiplier > 1", "tcp.options.sack_perm", "tcp.options", "tcp.option_len == 10",
		"mysql.query contains \"SELECT\"", "mysql.user", "pgsql.type == \"Data row\"", "pgsql.code", "tcp.pdu.size > 10",
		"sip.Method == \"INVITE\"", "sip.Status-Code == 200", "sdp.media.port", "rtp.ssrc", "rtcp.ssrc.jitter",
		"resp.bulk_string.length > 10", "resp.array", "mqtt.topic contains \"temp\"", "memcache.key", "memcache.name",
		"tcp.analysis.flags", "tcp.analysis.retransmission", "tcp.flags.syn == 1 && tcp.flags.ack == 0",
		"tcp.len > 0", "tcp.stream == 1", "tcp.reassembled_in", "tcp.segment", "tcp.time_delta > 0.1",
		"udp", "udp.stream == 0", "dns.flags.response == 1", "dns.qry.name contains \"example\"",
		"dns.response_in", "dns.retransmission", "dns.time > 0", "mdns", "icmp", "icmp.resp_in", "http.request", "http.request.method == \"GET\"", "tls.handshake.type == 1",
		"tls.record.content_type == 23", "ftp.request.command == \"PASS\"", "telnet", "_ws.expert",
		"_ws.expert.severity >= 4194304", "_ws.malformed", "frame.len > 100", "frame.protocols contains \"tls\"",
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			e, err := engine.OpenFiles(engine.Config{}, f)
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			v := waitLoaded(t, e)
			flts := make([]*engine.Filter, len(filters))
			for i, text := range filters {
				m, err := displayfilter.Compile(text, dissect.Fields)
				if err != nil {
					t.Fatalf("%s: %v", text, err)
				}
				flts[i] = &engine.Filter{Text: text, M: m, Fields: m.Fields}
			}
			full := e.NewDissector()
			full.SetVisible(true)
			wants := make([][]store.FrameNo, len(filters))
			for n := store.FrameNo(1); n <= v.Count; n++ {
				tr, _ := full.Dissect(n, 0)
				for i, flt := range flts {
					if flt.M.Match(tr) {
						wants[i] = append(wants[i], n)
					}
				}
			}
			for i, flt := range flts {
				text, want := filters[i], wants[i]
				e.SetFilter(flt)
				fv := waitFiltered(t, e, text)
				if !slices.Equal(fv.Shown, want) && !(len(fv.Shown) == 0 && len(want) == 0) {
					t.Errorf("%s: the filter shows %v, full trees match %v", text, fv.Shown, want)
				}
			}
		})
	}
}

func waitFiltered(t *testing.T, e *engine.Session, text string) *engine.View {
	deadline := time.After(20 * time.Second)
	for {
		v := e.View()
		if v.Filter == text && !v.Loading && v.Scanned >= v.Count {
			return v
		}
		select {
		case <-e.Changed():
		case <-deadline:
			t.Fatalf("filter %q not done: %+v", text, v)
		case <-time.After(10 * time.Millisecond):
		}
	}
}
