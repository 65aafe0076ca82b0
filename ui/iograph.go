package ui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/stats"
)

// graphUnit is what the I/O graph's Y axis counts per interval.
type graphUnit uint8

const (
	unitPackets graphUnit = iota
	unitBytes
	unitBits
)

var unitNames = [...]string{"packets", "bytes", "bits"}

// graphIntervals are the intervals + and - step through, Wireshark's choices.
var graphIntervals = []time.Duration{time.Millisecond, 10 * time.Millisecond, 100 * time.Millisecond,
	time.Second, 10 * time.Second, time.Minute, 10 * time.Minute}

// graphColors tell the series apart.
var graphColors = []tcell.Color{tcell.ColorGreen, tcell.ColorRed, tcell.ColorDodgerBlue, tcell.ColorYellow, tcell.ColorFuchsia, tcell.ColorAqua}

// graphConfig is the I/O graph's settings, kept while the program runs.
type graphConfig struct {
	interval int // index into graphIntervals
	unit     graphUnit
	filters  []string // one series each; "" is every packet
	hidden   []bool
	cur      int
}

func defaultGraphConfig() graphConfig {
	return graphConfig{interval: 3, filters: []string{"", "tcp.analysis.flags"}, hidden: []bool{false, false}}
}

// graphView draws the series with braille characters: each cell holds 2×4 dots, so an 80-column
// terminal shows about 150 intervals.
type graphView struct {
	*tview.Box
	u      *UI
	cfg    *graphConfig
	vals   [][]ioCounts // per series, per interval
	status string
}

// ioCounts are one interval's packets and bytes.
type ioCounts struct{ Packets, Bytes uint64 }

func (g *graphView) value(c ioCounts) float64 {
	switch g.cfg.unit {
	case unitBytes:
		return float64(c.Bytes)
	case unitBits:
		return float64(c.Bytes) * 8
	}
	return float64(c.Packets)
}

// showIOGraph opens Statistics › I/O Graph.
func (u *UI) showIOGraph() {
	w := u.windows()
	if w.graph.filters == nil {
		w.graph = defaultGraphConfig()
		w.graph.interval = autoInterval(u)
	}
	g := &graphView{Box: tview.NewBox(), u: u, cfg: &w.graph}
	hint := windowHint("+/- interval · u unit · Tab series · a add · e edit · d delete · Space hide · Esc close")
	flex := tview.NewFlex().SetDirection(tview.FlexRow).AddItem(g, 0, 1, true).AddItem(hint, 1, 0, false)
	g.SetInputCapture(g.keys)
	u.modal("I/O Graph", flex, 0, 0)
	g.recompute()
}

// recompute counts every series over all frames in the background.
func (g *graphView) recompute() {
	cfg := g.cfg
	iv := graphIntervals[cfg.interval]
	ios, err := stats.NewIOGraph(uint64(iv/time.Microsecond), cfg.filters...)
	if err != nil {
		g.status = "✗ " + err.Error()
		g.vals = nil
		return
	}
	g.status = progressText(0)
	g.u.compute(false, []tap{ios}, func(p float64) { g.status = progressText(p) }, func() {
		g.status = ""
		// at most maxGraphIntervals: frames years apart at a small interval must not fill memory
		n := int(min(ios.Elapsed()/int64(iv)+1, maxGraphIntervals))
		g.vals = make([][]ioCounts, len(ios.Cols))
		for i, col := range ios.Cols {
			vs := make([]ioCounts, n)
			for j, it := range col.Items {
				if k := col.Index[j]; k < n {
					vs[k] = ioCounts{Packets: it.Frames, Bytes: it.Bytes}
				}
			}
			g.vals[i] = vs
		}
	})
}

// maxGraphIntervals bounds the intervals the I/O graph keeps.
const maxGraphIntervals = 1 << 20

func (g *graphView) keys(ev *tcell.EventKey) *tcell.EventKey {
	cfg := g.cfg
	u := g.u
	r := ev.Rune()
	if ev.Key() != tcell.KeyRune {
		r = 0
	}
	switch {
	case ev.Key() == tcell.KeyEscape:
		u.closeWindow()
	case r == '+':
		if cfg.interval < len(graphIntervals)-1 {
			cfg.interval++
			g.recompute()
		}
	case r == '-':
		if cfg.interval > 0 {
			cfg.interval--
			g.recompute()
		}
	case r == 'u':
		cfg.unit = (cfg.unit + 1) % graphUnit(len(unitNames))
	case ev.Key() == tcell.KeyTab:
		if len(cfg.filters) > 0 {
			cfg.cur = (cfg.cur + 1) % len(cfg.filters)
		}
	case r == ' ':
		if cfg.cur < len(cfg.hidden) {
			cfg.hidden[cfg.cur] = !cfg.hidden[cfg.cur]
		}
	case r == 'd':
		if len(cfg.filters) > 1 {
			cfg.filters = append(cfg.filters[:cfg.cur:cfg.cur], cfg.filters[cfg.cur+1:]...)
			cfg.hidden = append(cfg.hidden[:cfg.cur:cfg.cur], cfg.hidden[cfg.cur+1:]...)
			cfg.cur = min(cfg.cur, len(cfg.filters)-1)
			g.recompute()
		}
	case r == 'a' && len(cfg.filters) < len(graphColors):
		g.ask("Add a series", "", func(f string) {
			cfg.filters = append(cfg.filters, f)
			cfg.hidden = append(cfg.hidden, false)
			cfg.cur = len(cfg.filters) - 1
		})
	case r == 'e' && cfg.cur < len(cfg.filters):
		g.ask("Series display filter", cfg.filters[cfg.cur], func(f string) { cfg.filters[cfg.cur] = f })
	default:
		return ev
	}
	return nil
}

// ask edits a series' display filter in the graph's status line area, then recomputes.
func (g *graphView) ask(title, initial string, done func(string)) {
	u := g.u
	in := tview.NewInputField().SetLabel(title + " (empty: all packets): ").SetText(initial)
	in.SetDoneFunc(func(k tcell.Key) {
		text := strings.TrimSpace(in.GetText())
		u.closeModal()
		if k == tcell.KeyEnter {
			done(text)
		}
		u.showIOGraph()
	})
	u.closeWindow()
	u.modal("I/O Graph series", in, 70, 1)
}

// seriesName labels a series in the legend.
func seriesName(f string) string {
	if f == "" {
		return "All packets"
	}
	return f
}

func (g *graphView) Draw(screen tcell.Screen) {
	g.Box.DrawForSubclass(screen, g)
	x0, y0, w, h := g.GetInnerRect()
	if w < 20 || h < 6 {
		return
	}
	cfg := g.cfg
	iv := graphIntervals[cfg.interval]
	// legend
	x := x0
	put := func(s string, st tcell.Style) {
		for _, r := range s {
			if x < x0+w {
				screen.SetContent(x, y0, r, nil, st)
				x++
			}
		}
	}
	put(fmt.Sprintf("%s/%s  ", unitNames[cfg.unit], fmtDuration(iv)), tcell.StyleDefault.Bold(true))
	for i, f := range cfg.filters {
		st := tcell.StyleDefault.Foreground(graphColors[i%len(graphColors)])
		mark := "■ "
		if i < len(cfg.hidden) && cfg.hidden[i] {
			mark = "□ "
		}
		label := seriesName(f)
		if i == cfg.cur {
			st = st.Reverse(true)
		}
		put(mark, tcell.StyleDefault.Foreground(graphColors[i%len(graphColors)]))
		put(label, st)
		put("  ", tcell.StyleDefault)
	}
	if g.status != "" {
		tview.Print(screen, tview.Escape(g.status), x0, y0+1, w, tview.AlignLeft, tcell.ColorYellow)
	}
	if g.vals == nil {
		return
	}
	// axes: labels on the left, times underneath
	plotTop := y0 + 2
	plotH := h - 4
	maxV := 0.0
	n := 0
	for i, vs := range g.vals {
		if i < len(cfg.hidden) && cfg.hidden[i] {
			continue
		}
		n = max(n, len(vs))
		for _, c := range vs {
			maxV = math.Max(maxV, g.value(c))
		}
	}
	if maxV == 0 {
		maxV = 1
	}
	top := niceCeil(maxV)
	labW := max(len(fmtCount(top)), 1) + 1
	plotX := x0 + labW + 1
	plotW := w - labW - 1
	if plotW < 4 || plotH < 2 {
		return
	}
	axis := tcell.StyleDefault.Foreground(tcell.ColorGray)
	for row := 0; row < plotH; row++ {
		screen.SetContent(plotX-1, plotTop+row, '│', nil, axis)
	}
	for col := 0; col < plotW; col++ {
		screen.SetContent(plotX+col, plotTop+plotH, '─', nil, axis)
	}
	screen.SetContent(plotX-1, plotTop+plotH, '└', nil, axis)
	tview.Print(screen, fmtCount(top), x0, plotTop, labW, tview.AlignRight, tcell.ColorGray)
	tview.Print(screen, fmtCount(top/2), x0, plotTop+plotH/2, labW, tview.AlignRight, tcell.ColorGray)
	tview.Print(screen, "0", x0, plotTop+plotH-1, labW, tview.AlignRight, tcell.ColorGray)

	// the intervals are spread over the dot columns: several dots each for a short capture, or
	// several intervals per dot (their maximum) for a long one
	dotsW, dotsH := plotW*2, plotH*4
	span := func(dx int) (int, int) {
		from := dx * n / dotsW
		return from, max(from+1, (dx+1)*n/dotsW)
	}
	for _, dx := range []int{0, dotsW / 2, dotsW - 1} {
		from, _ := span(dx)
		label := fmtSeconds(time.Duration(from) * iv)
		cx := plotX + dx/2
		if dx > 0 {
			cx -= len(label) / 2
		}
		cx = min(cx, x0+w-len(label))
		tview.Print(screen, label, cx, plotTop+plotH+1, len(label), tview.AlignLeft, tcell.ColorGray)
	}
	type dotCell struct {
		bits  rune
		color tcell.Color
	}
	grid := make([]dotCell, plotW*plotH)
	set := func(dx, dy int, c tcell.Color) {
		if dx < 0 || dy < 0 || dx >= dotsW || dy >= dotsH {
			return
		}
		cx, cy := dx/2, dy/4
		bit := brailleBit(dx%2, dy%4)
		cell := &grid[cy*plotW+cx]
		cell.bits |= bit
		cell.color = c
	}
	for i, vs := range g.vals {
		if i < len(cfg.hidden) && cfg.hidden[i] {
			continue
		}
		color := graphColors[i%len(graphColors)]
		prevY := -1
		for dx := 0; dx < dotsW; dx++ {
			v := 0.0
			from, to := span(dx)
			for k := from; k < min(to, len(vs)); k++ {
				v = math.Max(v, g.value(vs[k]))
			}
			y := dotsH - 1 - int(math.Round(v/top*float64(dotsH-1)))
			set(dx, y, color)
			if prevY >= 0 { // join to the previous point so that spikes read as lines
				for yy := min(prevY, y) + 1; yy < max(prevY, y); yy++ {
					set(dx, yy, color)
				}
			}
			prevY = y
		}
	}
	for cy := 0; cy < plotH; cy++ {
		for cx := 0; cx < plotW; cx++ {
			c := grid[cy*plotW+cx]
			if c.bits == 0 {
				continue
			}
			screen.SetContent(plotX+cx, plotTop+cy, 0x2800+c.bits, nil, tcell.StyleDefault.Foreground(c.color))
		}
	}
}

// brailleBit is the bit of the dot at column x (0-1) and row y (0-3) of a braille character.
func brailleBit(x, y int) rune {
	if y == 3 {
		return rune(0x40 << x)
	}
	return rune(1<<y) << (3 * x)
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten, so the axis reads well.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func fmtCount(v float64) string {
	switch {
	case v >= 1e9:
		return trimZero(v/1e9) + "G"
	case v >= 1e6:
		return trimZero(v/1e6) + "M"
	case v >= 1e3:
		return trimZero(v/1e3) + "k"
	}
	return trimZero(v)
}

func trimZero(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}

func fmtDuration(d time.Duration) string {
	switch {
	case d >= time.Minute:
		return fmt.Sprintf("%dmin", int(d/time.Minute))
	case d >= time.Second:
		return fmt.Sprintf("%ds", int(d/time.Second))
	}
	return fmt.Sprintf("%dms", int(d/time.Millisecond))
}

func fmtSeconds(d time.Duration) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", d.Seconds()), "0"), ".") + "s"
}

// autoInterval picks the longest interval that still cuts the capture into 50 or more, so a first
// look shows a shape rather than a few bars.
func autoInterval(u *UI) int {
	st := u.eng.Store()
	n := st.Len()
	if n < 2 {
		return 3
	}
	el := time.Duration(st.Frame(engine.FrameNo(n)).TS - st.Frame(1).TS)
	best := 0
	for i, iv := range graphIntervals {
		if el/iv >= 50 {
			best = i
		}
	}
	return best
}
