// Command tuibench measures the terminal UI on a capture, driving the real UI on tcell's simulation
// screen: time from launch to the first screen of packets, to fully indexed, to a display filter
// applied, keystroke-to-redraw while loading, and peak memory above the file's own size.
//
//	go run ./cmd/tuibench -r bench/out/gen-1000000-s1.pcap [-Y 'tcp.port == 25']
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/ui"
)

func main() {
	file := flag.String("r", "", "capture file")
	filter := flag.String("Y", "tcp.port == 25 && ip.addr == 10.1.2.3", "display filter to apply")
	flag.Parse()
	if *file == "" {
		fmt.Fprintln(os.Stderr, "usage: tuibench -r FILE [-Y FILTER]")
		os.Exit(2)
	}
	st, err := os.Stat(*file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	engine.TuneGC() // as the program does
	start := time.Now()
	eng, err := engine.OpenFiles(engine.Config{}, *file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer eng.Close()
	screen := tcell.NewSimulationScreen("UTF-8")
	cfg, _ := os.MkdirTemp("", "tuibench")
	defer os.RemoveAll(cfg)
	u := ui.New(eng, ui.DisplayFilterCompiler, ui.WithScreen(screen), ui.WithConfigDir(cfg))
	s := ui.Simulate(u, screen, 120, 40)
	defer s.Stop()

	// first screen: row 1 drawn
	firstScreen := waitScreen(s, "Frame 1:", 30*time.Second)
	tFirst := time.Since(start)

	// keystroke-to-redraw while loading: move the selection down and wait for the details to follow
	var keyLat []time.Duration
	for i := 2; i <= 21 && eng.View().Loading; i++ {
		t0 := time.Now()
		screen.InjectKey(tcell.KeyDown, 0, tcell.ModNone)
		for {
			at, sel := u.LastDraw()
			if at.After(t0) && int(sel) == i {
				keyLat = append(keyLat, at.Sub(t0))
				break
			}
			if time.Since(t0) > 5*time.Second {
				break
			}
			time.Sleep(200 * time.Microsecond)
		}
		time.Sleep(20 * time.Millisecond)
	}

	for eng.View().Loading {
		time.Sleep(5 * time.Millisecond)
	}
	tIndexed := time.Since(start)
	count := eng.View().Count

	// a display filter applied in the UI, until every frame is scanned
	s.Type("/")
	s.Type(*filter)
	if p := os.Getenv("TUIBENCH_CPUPROFILE"); p != "" { // the filter phase
		if f, err := os.Create(p); err == nil {
			_ = pprof.StartCPUProfile(f)
			defer f.Close()
		}
	}
	t0 := time.Now()
	s.Key(tcell.KeyEnter, 0, 0)
	for {
		v := eng.View()
		if !v.All && v.Filter == *filter && v.Scanned >= v.Count {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	tFilter := time.Since(t0)
	pprof.StopCPUProfile()
	shown := eng.View().Len()

	runtime.GC()
	hwm := vmHWM()
	if p := os.Getenv("TUIBENCH_MEMPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			_ = pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
	}
	fmt.Printf("file            %s (%d frames, %.1f MB)\n", *file, count, float64(st.Size())/1e6)
	fmt.Printf("first screen    %v (shown: %v)\n", tFirst.Round(time.Millisecond), firstScreen)
	fmt.Printf("fully indexed   %v\n", tIndexed.Round(time.Millisecond))
	fmt.Printf("filter applied  %v (%q: %d shown)\n", tFilter.Round(time.Millisecond), *filter, shown)
	if len(keyLat) > 0 {
		var worst, sum time.Duration
		for _, d := range keyLat {
			worst = max(worst, d)
			sum += d
		}
		fmt.Printf("key → redraw    mean %v, worst %v of %d while loading\n",
			(sum / time.Duration(len(keyLat))).Round(100*time.Microsecond), worst.Round(100*time.Microsecond), len(keyLat))
	} else {
		fmt.Printf("key → redraw    (file loaded before keys could be measured)\n")
	}
	fmt.Printf("peak RSS        %.1f MB; above the file: %.0f bytes/packet\n", float64(hwm)/1e6,
		(float64(hwm)-float64(st.Size()))/float64(max(1, int(count))))
}

func waitScreen(s *ui.Simulation, want string, timeout time.Duration) bool {
	_, ok := s.WaitFor(want, timeout)
	return ok
}

// vmHWM returns the peak resident set size in bytes (Linux).
func vmHWM() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "VmHWM:") {
			fs := strings.Fields(sc.Text())
			kb, _ := strconv.ParseInt(fs[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}
