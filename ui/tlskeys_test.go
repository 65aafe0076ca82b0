package ui_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/ui"
)

// TestTLSKeysDialog adds the server's key in the dialog: the capture is dissected again and the
// decrypted HTTP request shows in the packet list; the key is remembered in the settings.
func TestTLSKeysDialog(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	path := filepath.Join(root, "testdata", "captures", "tls12-rsa.pcap")
	key := filepath.Join(root, "testdata", "keys", "server.key")
	eng, err := engine.OpenFiles(engine.Config{}, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	dir := t.TempDir()
	screen := tcell.NewSimulationScreen("UTF-8")
	u := ui.New(eng, testCompiler, ui.WithScreen(screen), ui.WithConfigDir(dir))
	s := ui.Simulate(u, screen, 140, 40)
	t.Cleanup(func() { _ = s.Stop() })
	mustSee(t, s, "Packets:")
	if txt, _ := s.WaitFor("GET /hello.txt", 500*time.Millisecond); strings.Contains(txt, "GET /hello.txt") {
		t.Fatal("decrypted before any key was given")
	}
	s.Key(tcell.KeyRune, 'S', 0)
	mustSee(t, s, "TLS keys")
	s.Key(tcell.KeyRune, 'a', 0)
	mustSee(t, s, "Add RSA private key")
	s.Type("10.20.0.2,443,http," + key)
	s.Key(tcell.KeyEnter, 0, 0)
	// the capture is dissected again with the key: slow under the race detector
	if txt, ok := s.WaitFor("GET /hello.txt HTTP/1.0", 20*time.Second); !ok {
		v := eng.View()
		t.Fatalf("screen lacks the decrypted request (view: gen %d, count %d, loading %v, redissecting %.2f, has keys %v):\n%s",
			v.Gen, v.Count, v.Loading, v.Redissecting, eng.Config().TLSKeys != nil, txt)
	}
	b, err := os.ReadFile(filepath.Join(dir, "settings.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "tls_keys") || !strings.Contains(string(b), "server.key") {
		t.Errorf("key not remembered:\n%s", b)
	}
}
