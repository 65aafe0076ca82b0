package ui_test

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/capture/live"
	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/internal/fixtures"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/ui"
)

// startReal opens testdata/captures/http.pcap with the real display-filter compiler, so that the
// filters the windows build can be applied.
func startReal(t *testing.T, w, h int, opts ...ui.Option) *ui.Simulation {
	t.Helper()
	path := filepath.Join(tsharktest.RepoRoot(t), "testdata", "captures", "http.pcap")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no sample capture")
	}
	eng, err := engine.OpenFiles(engine.Config{}, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	screen := tcell.NewSimulationScreen("UTF-8")
	opts = append([]ui.Option{ui.WithScreen(screen), ui.WithConfigDir(t.TempDir()), ui.WithSaveDir(t.TempDir())}, opts...)
	u := ui.New(eng, ui.DisplayFilterCompiler, opts...)
	s := ui.Simulate(u, screen, w, h)
	t.Cleanup(func() { _ = s.Stop() })
	for deadline := time.Now().Add(5 * time.Second); eng.View().Loading && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond)
	mustSee(t, s, "Packets: 78")
	return s
}

// filterLine returns the filter bar's line.
func filterLine(txt string) string {
	for _, l := range strings.Split(txt, "\n") {
		if strings.HasPrefix(l, "Filter:") {
			return l
		}
	}
	return ""
}

// applied waits until the filter bar holds want and the status line shows it applied.
func applied(t *testing.T, s *ui.Simulation, want, displayed string) {
	t.Helper()
	txt := mustSee(t, s, displayed)
	if !strings.Contains(filterLine(txt), want) {
		t.Errorf("filter bar lacks %q:\n%s", want, txt)
	}
	if strings.Contains(txt, "Esc close") {
		t.Errorf("window still open:\n%s", txt)
	}
}

func TestConversationsWindow(t *testing.T) {
	s := startReal(t, 120, 36)
	s.Type("c")
	mustSee(t, s, "Counting all 78 packets")
	mustSee(t, s, "IPv4 · 1")
	mustSee(t, s, "10.20.0.1")
	s.Type("4") // TCP
	mustSee(t, s, "Port A")
	s.Type(">") // sort by Address A, then Port A
	s.Type(">")
	mustSee(t, s, "Port A ▼")
	s.Type("r")
	mustSee(t, s, "Port A ▲")
	s.Key(tcell.KeyEnter, 0, 0)
	applied(t, s, "ip.addr eq 10.20.0.", "Displayed: ")
	txt := s.Text()
	if !regexp.MustCompile(`and tcp\.port eq \d+ and ip\.addr eq 10\.20\.0\.\d and tcp\.port eq \d+`).MatchString(filterLine(txt)) {
		t.Errorf("not a TCP conversation filter:\n%s", filterLine(txt))
	}
}

func TestEndpointsWindow(t *testing.T) {
	s := startReal(t, 120, 36)
	s.Type("P")
	mustSee(t, s, "Tx Packets")
	mustSee(t, s, "10.20.0.2")
	s.Key(tcell.KeyTab, 0, 0) // IPv6: nothing
	mustSee(t, s, "IPv6 · 0")
	s.Type("2")
	s.Key(tcell.KeyEnter, 0, 0)
	applied(t, s, "ip.addr eq 10.20.0.", "(100.0%)")
}

func TestProtocolHierarchyWindow(t *testing.T) {
	s := startReal(t, 120, 36)
	s.Type("H")
	mustSee(t, s, "Percent Packets")
	mustSee(t, s, "100.0 %")
	s.Key(tcell.KeyDown, 0, 0) // IPv4
	s.Key(tcell.KeyEnter, 0, 0)
	applied(t, s, "ip", "(100.0%)")
}

func TestExpertWindow(t *testing.T) {
	s := startReal(t, 120, 36)
	s.Type("x")
	mustSee(t, s, "Notes: 12")
	mustSee(t, s, "Chats: 36")
	s.Key(tcell.KeyEnter, 0, 0)
	txt := mustSee(t, s, "(1 of ")
	first := regexp.MustCompile(`packet (\d+) \(1 of`).FindStringSubmatch(txt)
	s.Key(tcell.KeyEnter, 0, 0)
	txt = mustSee(t, s, "(2 of ")
	second := regexp.MustCompile(`packet (\d+) \(2 of`).FindStringSubmatch(txt)
	if first == nil || second == nil || first[1] == second[1] {
		t.Errorf("Enter did not move to the next packet: %v %v\n%s", first, second, txt)
	}
	if !strings.Contains(txt, "Frame "+second[1]) {
		t.Errorf("packet %s not selected:\n%s", second[1], txt)
	}
	s.Key(tcell.KeyEscape, 0, 0)
	if txt := s.Text(); strings.Contains(txt, "Expert Information") {
		t.Errorf("Esc did not close the window:\n%s", txt)
	}
}

func TestCredentialsWindow(t *testing.T) {
	s := startReal(t, 120, 36)
	s.Type("R")
	txt := mustSee(t, s, "HTTP basic auth")
	if strings.Contains(txt, "wonderland-42") {
		t.Errorf("password shown before p:\n%s", txt)
	}
	s.Type("p")
	mustSee(t, s, "wonderland-42")
	s.Key(tcell.KeyDown, 0, 0)
	s.Key(tcell.KeyEnter, 0, 0)
	mustSee(t, s, "Frame 40")
}

func TestHandshakesWindow(t *testing.T) {
	s := startReal(t, 120, 36)
	s.Type("D")
	mustSee(t, s, "attempts")
	mustSee(t, s, "closed")
	s.Key(tcell.KeyEnter, 0, 0)
	applied(t, s, "tcp.stream eq ", "Displayed: ")
}

func TestConnReportWindow(t *testing.T) {
	s := startReal(t, 120, 36)
	s.Type("O")
	mustSee(t, s, "2 servers")
	mustSee(t, s, "10.20.0.0/24")
	s.Key(tcell.KeyEnter, 0, 0)
	applied(t, s, "ip.addr eq 10.20.0.1 and ip.addr eq 10.20.0.2 and tcp.port eq 80", "Displayed: 66")
}

// TestWindowLimitedToDisplayFilter counts only the displayed packets after f.
func TestWindowLimitedToDisplayFilter(t *testing.T) {
	s := startReal(t, 120, 36)
	s.Type("/")
	s.Type("tcp.len > 0")
	s.Key(tcell.KeyEnter, 0, 0)
	mustSee(t, s, "Displayed: 21 ")
	s.Type("H")
	mustSee(t, s, "Counting all 78 packets")
	s.Type("f")
	txt := mustSee(t, s, "Counting 21 displayed packets (filter: tcp.len > 0)")
	if !regexp.MustCompile(`Ethernet +100\.0 % +21 `).MatchString(txt) {
		t.Errorf("hierarchy not limited to the displayed packets:\n%s", txt)
	}
}

func TestIOGraph(t *testing.T) {
	s := startReal(t, 120, 36)
	s.Type("i")
	mustSee(t, s, "packets/1ms") // 0.18 s of capture: the longest interval with 50 or more
	mustSee(t, s, "All packets")
	mustSee(t, s, "tcp.analysis.flags")
	s.Type("+")
	txt := mustSee(t, s, "packets/10ms")
	if !strings.ContainsFunc(txt, func(r rune) bool { return r > 0x2800 && r <= 0x28ff }) {
		t.Errorf("no braille dots:\n%s", txt)
	}
	s.Type("u")
	mustSee(t, s, "bytes/10ms")
	s.Type("a")
	mustSee(t, s, "Add a series")
	s.Type("udp")
	s.Key(tcell.KeyEnter, 0, 0)
	mustSee(t, s, "■ udp")
	s.Key(tcell.KeyEscape, 0, 0)
	if txt := s.Text(); strings.Contains(txt, "I/O Graph") {
		t.Errorf("Esc did not close the graph:\n%s", txt)
	}
}

var loopback = []live.Interface{{Index: 1, Name: "lo", Description: "Loopback", Addrs: []string{"127.0.0.1/8", "::1/128"}, Up: true, Loopback: true}}

func TestCaptureDialog(t *testing.T) {
	s := startReal(t, 100, 30, ui.WithInterfaces(loopback, func(string) uint64 { return 4242 }))
	s.Key(tcell.KeyCtrlK, 0, 0)
	mustSee(t, s, "Capture Options")
	mustSee(t, s, "127.0.0.1/8")
	mustSee(t, s, "4242")
	s.Key(tcell.KeyTab, 0, 0) // to the capture filter
	s.Type("tcp port")
	mustSee(t, s, "Invalid capture filter: ")
	s.Type(" 80")
	mustSee(t, s, "Valid capture filter")
	s.Key(tcell.KeyEscape, 0, 0)
	if txt := s.Text(); strings.Contains(txt, "Capture Options") {
		t.Errorf("Esc did not close the dialog:\n%s", txt)
	}
}

// TestLiveCapture captures UDP on the loopback interface (root or CAP_NET_RAW only).
func TestLiveCapture(t *testing.T) {
	sink, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	port := strconv.Itoa(sink.LocalAddr().(*net.UDPAddr).Port)
	s := startReal(t, 120, 30, ui.WithInterfaces(loopback, nil))
	s.Key(tcell.KeyCtrlK, 0, 0)
	mustSee(t, s, "Capture Options")
	s.Key(tcell.KeyTab, 0, 0)
	s.Type("udp port " + port)
	mustSee(t, s, "Valid capture filter")
	s.Key(tcell.KeyBacktab, 0, 0)
	s.Type(" ")
	mustSee(t, s, "[x]")
	s.Key(tcell.KeyEnter, 0, 0)
	txt, _ := s.WaitFor("Capturing on lo", 3*time.Second)
	if strings.Contains(txt, "No permission") {
		t.Skip("no permission to capture")
	}
	if !strings.Contains(txt, "Capturing on lo") {
		t.Fatalf("capture did not start:\n%s", txt)
	}
	conn, err := net.Dial("udp", sink.LocalAddr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for i := 0; i < 5; i++ {
		if _, err := conn.Write([]byte("hello " + strconv.Itoa(i))); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	mustSee(t, s, "Packets: 5 ")
	// the list follows on its next redraw, which may come just after the status line's
	if txt, ok := s.WaitFor("Frame 5", 3*time.Second); !ok {
		t.Errorf("the list did not follow the new packets:\n%s", txt)
	}
	s.Key(tcell.KeyCtrlE, 0, 0)
	mustSee(t, s, "Capture stopped · Dropped: 0")
}

// TestSortWhileComputing: the sort keys of a statistics window pressed before its first table
// arrives (a large capture while it loads). The conversation windows have no columns until then,
// and `>` divided by their number: a panic the random key test found.
func TestSortWhileComputing(t *testing.T) {
	eng, err := engine.OpenFiles(engine.Config{}, fixtures.Generated(t, "large.pcap", 100000))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eng.Close)
	screen := tcell.NewSimulationScreen("UTF-8")
	u := ui.New(eng, ui.DisplayFilterCompiler, ui.WithScreen(screen), ui.WithConfigDir(t.TempDir()), ui.WithSaveDir(t.TempDir()))
	s := ui.Simulate(u, screen, 80, 24)
	t.Cleanup(func() { _ = s.Stop() })
	for _, win := range []string{"c", "P"} {
		s.SendNoWait([]byte(win + "><r<>"))
		if !s.Responsive(time.Second) {
			t.Fatalf("no answer after %q and the sort keys", win)
		}
		s.Escape()
	}
	if !s.Responsive(time.Second) || s.Stopped() {
		t.Fatal("the UI ended")
	}
}
