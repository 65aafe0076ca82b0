package stats

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Calc is what an I/O statistics column computes per interval.
type Calc uint8

// I/O statistics calculations, as tshark's io,stat names them.
const (
	CalcFrames Calc = iota
	CalcBytes
	CalcFramesAndBytes
	CalcCount
	CalcSum
	CalcMin
	CalcMax
	CalcAvg
)

var calcNames = [...]string{"FRAMES", "BYTES", "FRAMES BYTES", "COUNT", "SUM", "MIN", "MAX", "AVG"}

// IOItem is one interval of one column.
type IOItem struct {
	Frames  uint64 // frames that matched the column's filter
	Bytes   uint64 // their bytes (frame lengths)
	Counter uint64 // COUNT, SUM, MIN, MAX: the accumulated value (signed fields as two's complement)
	Num     uint64 // values seen (AVG's divisor)
}

// IOColumn is one column of -z io,stat: a calculation over the frames matching a display filter.
type IOColumn struct {
	// Text is the column as given ("" for all frames, "tcp", "COUNT(tcp.len)tcp.len").
	Text   string
	Calc   Calc
	Field  *field.Field // the field of COUNT/SUM/MIN/MAX/AVG
	filter *displayfilter.Filter
	// Items are the intervals where a frame matched, in time order, and Index the number of each
	// (0 for the interval that starts the capture): a capture whose frames lie years apart costs
	// memory for its busy intervals, not for the empty ones between (a dense list ran out of memory).
	Items    []IOItem
	Index    []int
	maxFrame uint64
	maxVal   uint64
}

// IOStat is the -z io,stat,INTERVAL[,FILTER...] tap: frames and bytes (or a field's count, sum,
// minimum, maximum or average) per time interval, one column per filter. The I/O graph draws it.
type IOStat struct {
	// Interval is the interval length in microseconds (math.MaxUint64: the whole capture).
	Interval uint64
	prec     int
	Cols     []*IOColumn
	first    bool
	t0       int64
	elapsed  int64 // ns from the first frame to the latest
}

// NewIOStat parses "io,stat,INTERVAL[,FILTER...]"; INTERVAL is in seconds (0: the whole capture).
func NewIOStat(arg string) (*IOStat, error) {
	rest, ok := splitArg(arg, "io,stat")
	if !ok || rest == "" {
		return nil, fmt.Errorf("invalid \"-z io,stat,<interval>[,<filter>]\" argument")
	}
	ivs, filters, hasFilters := strings.Cut(rest, ",")
	f, err := strconv.ParseFloat(ivs, 64)
	if err != nil || f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("invalid \"-z io,stat,<interval>[,<filter>]\" argument: interval %q", ivs)
	}
	s := &IOStat{first: true}
	if f == 0 {
		s.Interval = math.MaxUint64
	} else {
		s.Interval = uint64(f*1e6 + 0.5)
		if s.Interval < 1 {
			return nil, fmt.Errorf("\"-z io,stat,%s\": the interval must be at least 1 microsecond", ivs)
		}
		s.prec = 6
		for i := uint64(10); i < 10000000; i *= 10 {
			if s.Interval%i > 0 {
				break
			}
			s.prec--
		}
		if s.prec == 0 {
			// "1.0" asks for a decimal place even though the interval is whole seconds
			if _, frac, ok := strings.Cut(ivs, "."); ok && len(frac) > 0 {
				s.prec = min(len(frac), 6)
			}
		}
	}
	parts := []string{""}
	if hasFilters {
		parts = strings.Split(filters, ",")
	}
	for _, p := range parts {
		col, err := newIOColumn(strings.TrimSpace(p))
		if err != nil {
			return nil, err
		}
		s.Cols = append(s.Cols, col)
	}
	return s, nil
}

func newIOColumn(text string) (*IOColumn, error) {
	col := &IOColumn{Text: text, Calc: CalcFramesAndBytes}
	filt := text
	for c, name := range calcNames {
		if c == int(CalcFramesAndBytes) || !strings.HasPrefix(text, name+"(") {
			continue
		}
		end := strings.IndexByte(text, ')')
		if end < 0 {
			return nil, fmt.Errorf("\"-z io,stat\": %s( has no closing parenthesis", name)
		}
		col.Calc = Calc(c)
		inner := strings.TrimSpace(text[len(name)+1 : end])
		filt = strings.TrimSpace(text[end+1:])
		switch col.Calc {
		case CalcFrames, CalcBytes:
			if inner != "" {
				return nil, fmt.Errorf("\"-z io,stat\": %s does not take a field", name)
			}
		default:
			fd, ok := dissect.Fields.Lookup(inner)
			if !ok {
				return nil, fmt.Errorf("\"-z io,stat\": there is no field named '%s'", inner)
			}
			if col.Calc != CalcCount && !fd.Type.IsInteger() {
				return nil, fmt.Errorf("\"-z io,stat\": %s(%s): only integer fields are supported", name, inner)
			}
			col.Field = fd
		}
		break
	}
	f, err := filterPart(filt)
	if err != nil {
		return nil, err
	}
	col.filter = f
	return col, nil
}

// Fields lists what the tap reads.
func (s *IOStat) Fields() []field.ID {
	var fs []field.ID
	for _, c := range s.Cols {
		if c.filter != nil {
			fs = append(fs, c.filter.Fields...)
		}
		if c.Field != nil {
			fs = append(fs, c.Field.ID)
		}
	}
	return fs
}

// Packet counts one frame in every column whose filter it matches.
func (s *IOStat) Packet(c *dissect.Ctx, t *field.Tree, _ bool) {
	ts := c.Frame.TS
	if s.first {
		s.t0, s.first = ts, false
	}
	rel := ts - s.t0
	s.elapsed = max(s.elapsed, rel)
	if rel < 0 {
		return // frames from before the first are ignored, as tshark does
	}
	us := uint64(rel/1e9)*1e6 + uint64((rel%1e9+500)/1000)
	idx := 0
	if s.Interval != math.MaxUint64 {
		idx = int(us / s.Interval)
	}
	for _, col := range s.Cols {
		if col.filter != nil && !col.filter.Match(t) {
			continue
		}
		n := len(col.Index)
		if n > 0 && col.Index[n-1] > idx {
			continue // in the past of this column
		}
		if n == 0 || col.Index[n-1] < idx {
			col.Items = append(col.Items, IOItem{})
			col.Index = append(col.Index, idx)
		}
		it := &col.Items[len(col.Items)-1]
		it.Frames++
		it.Bytes += uint64(c.Frame.Len)
		col.add(it, t)
		switch col.Calc {
		case CalcFrames:
			col.maxFrame = max(col.maxFrame, it.Frames)
		case CalcFramesAndBytes:
			col.maxFrame = max(col.maxFrame, it.Frames)
			col.maxVal = max(col.maxVal, it.Bytes)
		case CalcBytes:
			col.maxVal = max(col.maxVal, it.Bytes)
		case CalcAvg:
			if it.Num > 0 {
				col.maxVal = max(col.maxVal, it.Counter/it.Num)
			}
		default:
			col.maxVal = max(col.maxVal, it.Counter)
		}
	}
}

func (col *IOColumn) add(it *IOItem, t *field.Tree) {
	if col.Field == nil {
		return
	}
	signed := col.Field.Type.IsSigned()
	first := it.Frames == 1
	i := 0
	t.Each(col.Field.ID, func(n *field.Node) bool {
		v := n.Value.U
		if signed {
			v = uint64(n.Value.I)
		}
		switch col.Calc {
		case CalcCount:
			it.Counter++
		case CalcSum, CalcAvg:
			it.Counter += v
			it.Num++
		case CalcMin:
			if (first && i == 0) || less(v, it.Counter, signed) {
				it.Counter = v
			}
		case CalcMax:
			if less(it.Counter, v, signed) {
				it.Counter = v
			}
		}
		i++
		return true
	})
}

func less(a, b uint64, signed bool) bool {
	if signed {
		return int64(a) < int64(b)
	}
	return a < b
}

// Value returns what column col shows for an item: frames, bytes or the calculated value.
func (col *IOColumn) Value(it IOItem) uint64 {
	switch col.Calc {
	case CalcFrames:
		return it.Frames
	case CalcBytes, CalcFramesAndBytes:
		return it.Bytes
	case CalcAvg:
		if it.Num == 0 {
			return 0
		}
		return it.Counter / it.Num
	}
	return it.Counter
}

// Elapsed returns the time from the first frame to the latest, in nanoseconds.
func (s *IOStat) Elapsed() int64 { return s.elapsed }

// magnitude counts the decimal digits of v, at most maxW.
func magnitude(v uint64, maxW int) int {
	m := 0
	for i := 0; i < maxW; i++ {
		m++
		if v /= 10; v == 0 {
			break
		}
	}
	return m
}

// printCenter writes a column label centred as tshark's printcenter does.
func printCenter(b *bufio.Writer, label string, lenval, numpad int) {
	const spaces = "      "
	lenlab := len(label)
	n := len(spaces) - ((lenval-lenlab)/2 + numpad)
	switch {
	case n > 0 && n < 6:
		sp := spaces[n:]
		if (lenval-lenlab)%2 == 0 {
			fmt.Fprintf(b, "%s%s%s|", sp, label, sp)
		} else {
			fmt.Fprintf(b, "%s%s%s|", spaces[n-1:], label, sp)
		}
	case n > 0 && n <= 15:
		fmt.Fprintf(b, "%s|", label)
	}
}

// maxIORows bounds the rows of the table: two frames years apart at an interval of a second would
// make a table of a hundred million rows (gigabytes of text) from a capture of a few bytes.
const maxIORows = 10_000_000

// Finish prints tshark 4.0's table.
func (s *IOStat) Finish(w io.Writer) error {
	b := bufio.NewWriter(w)
	el := s.elapsed
	duration := uint64(el/1e9)*1e6 + uint64((el%1e9+500)/1000)
	if s.Interval != math.MaxUint64 && duration/s.Interval >= maxIORows {
		return fmt.Errorf("-z io,stat: the capture lasts %d intervals of %d µs; at most %d are printed, use a longer interval", duration/s.Interval+1, s.Interval, maxIORows)
	}
	interval, whole := s.Interval, false
	if interval > duration {
		interval, whole = duration, true
	}
	origDur := duration
	durSecs := duration / 1e6
	durMag := magnitude(durSecs, 5)
	invlMag := magnitude(interval/1e6, 5)
	prec := s.prec
	var border int
	if whole {
		switch {
		case durMag >= 2:
			prec = 1
		case durMag == 1:
			prec = 3
		default:
			prec = 6
		}
		border = 30 + durMag + b2i(prec != 0)*(prec+1)
	} else {
		border = 25 + max(invlMag, durMag) + b2i(prec != 0)*(prec+1)
	}
	dv := uint64(1000000)
	for i := 0; i < prec; i++ {
		dv /= 10
	}
	if duration%dv > 5*(dv/10) {
		duration += 5 * (dv / 10)
		duration = duration / dv * dv
		durSecs = duration / 1e6
		durMag = magnitude(durSecs, 5)
	}
	if whole {
		interval = duration
	}
	invlColW := 2*durMag + 8
	if prec != 0 {
		invlColW = 2*durMag + 2*prec + 10
	}
	invlColW = max(invlColW, 12)

	type width struct{ fr, val int }
	cw := make([]width, len(s.Cols))
	tabrow := invlColW
	for j, col := range s.Cols {
		switch col.Calc {
		case CalcFrames:
			cw[j].fr = max(6, magnitude(col.maxFrame, 15))
			tabrow += cw[j].fr + 3
		case CalcFramesAndBytes:
			cw[j].fr = max(6, magnitude(col.maxFrame, 15))
			cw[j].val = max(5, magnitude(col.maxVal, 15))
			tabrow += cw[j].fr + 3 + cw[j].val + 3
		case CalcBytes, CalcCount:
			cw[j].val = max(5, magnitude(col.maxVal, 15))
			tabrow += cw[j].val + 3
		default:
			cw[j].val = max(len(calcNames[col.Calc]), magnitude(col.maxVal, 15))
			tabrow += cw[j].val + 3
		}
	}
	border = max(border, tabrow)
	maxFilt := 0
	for _, col := range s.Cols {
		if col.Text != "" {
			maxFilt = max(maxFilt, len(col.Text)+11)
		} else {
			maxFilt = max(maxFilt, 26)
		}
	}
	if maxFilt > border && border < 102 {
		border = min(maxFilt, 102)
	}
	if border-tabrow == 1 {
		border++
	}

	// header
	b.WriteString("\n" + strings.Repeat("=", border) + "\n")
	fmt.Fprintf(b, "|%-*s|\n", border-2, " IO Statistics")
	fmt.Fprintf(b, "|%-*s|\n", border-2, "")
	line := func(s string) {
		fmt.Fprintf(b, "%s%*s\n", s, border-len(s), "|")
	}
	var ifmt func(sec, frac uint64) string
	if prec == 0 {
		ifmt = func(sec, _ uint64) string { return fmt.Sprintf("%*d", durMag, sec) }
		// tshark shows the duration unrounded, in microseconds, when the interval is whole seconds,
		// with printf's "%6u" (space-padded: "13. 42111"); the padding after it assumes the seconds
		// take durMag digits, which is not so above 99999 s
		fmt.Fprintf(b, "| Duration: %*d.%6d secs%*s\n", durMag, origDur/1e6, origDur%1e6, max(border-(25+durMag), 0)+1, "|")
		line(fmt.Sprintf("| Interval: %*d secs", durMag, interval/1e6))
	} else {
		ifmt = func(sec, frac uint64) string { return fmt.Sprintf("%*d.%0*d", durMag, sec, prec, frac) }
		line("| Duration: " + ifmt(duration/1e6, duration%1e6/dv) + " secs")
		line("| Interval: " + ifmt(interval/1e6, interval%1e6/dv) + " secs")
	}
	fmt.Fprintf(b, "|%-*s|\n", border-2, "")
	for j, col := range s.Cols {
		lead := "|     "
		if j == 0 {
			lead = "| Col "
		}
		lead += strconv.Itoa(j+1) + ": "
		if col.Text == "" {
			line(lead + "Frames and bytes")
			continue
		}
		filt := col.Text
		maxW := border - 11
		for len(filt) > maxW {
			cut, next := maxW, maxW
			if i := strings.LastIndexByte(filt[:maxW], ' '); i >= 0 {
				cut, next = i, i+1
			}
			line(lead + filt[:cut])
			lead = "|         "
			filt = filt[next:]
		}
		line(lead + filt)
	}
	b.WriteString("|-" + strings.Repeat("-", border-3) + "|\n")

	filler := ""
	if tabrow < border {
		filler = fmt.Sprintf("%*s", border-tabrow, "|")
	}
	fmt.Fprintf(b, "|%*s", invlColW-1, "|")
	for j, col := range s.Cols {
		pad := cw[j].val
		switch col.Calc {
		case CalcFramesAndBytes:
			pad = cw[j].fr + cw[j].val + 3
		case CalcFrames:
			pad = cw[j].fr
		}
		fmt.Fprintf(b, "%-2d%*s|", j+1, pad, "")
	}
	b.WriteString(filler + "\n")
	fmt.Fprintf(b, "| Interval%*s", invlColW-10, "|")
	for j, col := range s.Cols {
		switch col.Calc {
		case CalcFrames:
			printCenter(b, "FRAMES", cw[j].fr, 1)
		case CalcFramesAndBytes:
			printCenter(b, "Frames", cw[j].fr, 1)
			printCenter(b, "Bytes", cw[j].val, 1)
		default:
			printCenter(b, calcNames[col.Calc], cw[j].val, 1)
		}
	}
	b.WriteString(filler + "\n|-" + strings.Repeat("-", tabrow-3) + "|" + filler + "\n")

	// rows
	row := 0
	next := make([]int, len(s.Cols)) // each column's next item
	for t := uint64(0); t < duration; t += interval {
		end := t + interval
		last := false
		if end >= duration {
			last, end = true, duration
		}
		switch {
		case prec == 0 && last:
			maxw := 3
			if durMag >= 3 {
				maxw = durMag + 1
			}
			sp := ""
			if durMag == 1 {
				sp = " "
			}
			fmt.Fprintf(b, "| %s%s <> %-*s|", sp, ifmt(t/1e6, 0), maxw, "Dur")
		case prec == 0 && durMag == 1:
			fmt.Fprintf(b, "|  %s <> %s  |", ifmt(t/1e6, 0), ifmt(end/1e6, 0))
		default:
			fmt.Fprintf(b, "| %s <> %s |", ifmt(t/1e6, t%1e6/dv), ifmt(end/1e6, end%1e6/dv))
		}
		for j, col := range s.Cols {
			var it IOItem
			if k := next[j]; k < len(col.Index) && col.Index[k] == row {
				it = col.Items[k]
				next[j]++
			}
			switch col.Calc {
			case CalcFrames:
				fmt.Fprintf(b, " %*d |", cw[j].fr, it.Frames)
			case CalcFramesAndBytes:
				fmt.Fprintf(b, " %*d | %*d |", cw[j].fr, it.Frames, cw[j].val, it.Bytes)
			default:
				v := col.Value(it)
				if col.Field != nil && col.Field.Type.IsSigned() && col.Calc != CalcCount {
					fmt.Fprintf(b, " %*d |", cw[j].val, int64(v))
				} else {
					fmt.Fprintf(b, " %*d |", cw[j].val, v)
				}
			}
		}
		if tabrow < border {
			fmt.Fprintf(b, "%*s", border-tabrow, "|")
		}
		b.WriteString("\n")
		row++
	}
	b.WriteString(strings.Repeat("=", border) + "\n")
	return b.Flush()
}

func b2i(v bool) int {
	if v {
		return 1
	}
	return 0
}

// NewIOGraph returns an I/O statistics tap with one frames-and-bytes column per display filter
// ("" counts every frame), for the I/O graph: filters may contain commas here.
func NewIOGraph(intervalUs uint64, filters ...string) (*IOStat, error) {
	if intervalUs < 1 {
		return nil, fmt.Errorf("the interval must be at least 1 microsecond")
	}
	s := &IOStat{first: true, Interval: intervalUs}
	for _, f := range filters {
		col := &IOColumn{Text: f, Calc: CalcFramesAndBytes}
		flt, err := filterPart(strings.TrimSpace(f))
		if err != nil {
			return nil, err
		}
		col.filter = flt
		s.Cols = append(s.Cols, col)
	}
	return s, nil
}
