package engine_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
			e, err := engine.OpenWith(dissect.Config{TLSKeys: keys}, f)
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
