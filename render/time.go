// Package render turns dissected frames into text for the terminal and for tshark-compatible output:
// summary lines, time formats, the -V detail tree, -x hex dumps, -T fields and -T json. The TUI and the
// CLI share it. It never writes a raw packet byte: everything goes through Printable or escaping.
package render

import (
	"fmt"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// TimeFormat is the time column's format, tshark's -t.
type TimeFormat uint8

// Time formats, named by their -t letters.
const (
	TimeRelative       TimeFormat = iota // r: seconds since the first (or reference) frame
	TimeAbsolute                         // a: local time of day
	TimeAbsoluteDate                     // ad: local date and time
	TimeAbsoluteDOY                      // adoy: local year/day-of-year and time
	TimeDelta                            // d: since the previous captured frame
	TimeDeltaDisplayed                   // dd: since the previous displayed frame
	TimeEpoch                            // e: seconds since 1970-01-01
	TimeUTC                              // u: UTC time of day
	TimeUTCDate                          // ud: UTC date and time
	TimeUTCDOY                           // udoy: UTC year/day-of-year and time
	numTimeFormats
)

var timeFormatFlags = [numTimeFormats]string{"r", "a", "ad", "adoy", "d", "dd", "e", "u", "ud", "udoy"}

// TimeFormatNames are Wireshark's menu names of the formats.
var TimeFormatNames = [numTimeFormats]string{
	"Seconds Since Beginning of Capture",
	"Time of Day",
	"Date and Time of Day",
	"Year, Day of Year, and Time of Day",
	"Seconds Since Previous Captured Packet",
	"Seconds Since Previous Displayed Packet",
	"Seconds Since 1970-01-01",
	"UTC Time of Day",
	"UTC Date and Time of Day",
	"UTC Year, Day of Year, and Time of Day",
}

// Flag returns the -t letters of the format.
func (f TimeFormat) Flag() string { return timeFormatFlags[f] }

// AllTimeFormats lists every format in menu order.
func AllTimeFormats() []TimeFormat {
	out := make([]TimeFormat, numTimeFormats)
	for i := range out {
		out[i] = TimeFormat(i)
	}
	return out
}

// ParseTimeFormat parses tshark's -t argument; it also returns a precision when the argument is one
// of the precision words or digits tshark accepts there (-1 = unchanged).
func ParseTimeFormat(s string) (TimeFormat, bool) {
	for i, n := range timeFormatFlags {
		if n == s {
			return TimeFormat(i), true
		}
	}
	return 0, false
}

// Precision is the number of decimals of a time column; PrecAuto follows the capture's resolution.
type Precision int8

// PrecAuto shows as many decimals as the capture's timestamps have.
const PrecAuto Precision = -1

// TimeStyle is how relative times are written, tshark's -u.
type TimeStyle uint8

// Seconds (-u s) or hours/minutes/seconds (-u hms).
const (
	StyleSeconds TimeStyle = iota
	StyleHMS
)

// TimeContext is what a time column needs besides the frame's own time.
type TimeContext struct {
	TS, PrevCap, PrevDisp, Ref int64 // ns since the epoch; Prev* are 0 for none
	Prec                       int   // decimals (0..9)
}

// AppendTime appends the time column of a frame in format f.
func AppendTime(b []byte, f TimeFormat, style TimeStyle, tc TimeContext) []byte {
	switch f {
	case TimeRelative:
		return appendRel(b, tc.TS-tc.Ref, tc.Prec, style)
	case TimeDelta:
		if tc.PrevCap == 0 {
			return appendRel(b, 0, tc.Prec, style)
		}
		return appendRel(b, tc.TS-tc.PrevCap, tc.Prec, style)
	case TimeDeltaDisplayed:
		if tc.PrevDisp == 0 {
			return appendRel(b, 0, tc.Prec, style)
		}
		return appendRel(b, tc.TS-tc.PrevDisp, tc.Prec, style)
	case TimeEpoch:
		u := uint64(tc.TS) // a frame time is unsigned (field.FrameTime)
		return appendFrac(strconv.AppendUint(b, u/1e9, 10), int64(u%1e9), tc.Prec)
	}
	t := field.FrameTime(tc.TS)
	utc := f == TimeUTC || f == TimeUTCDate || f == TimeUTCDOY
	if utc {
		t = t.UTC()
	} else {
		t = t.Local()
	}
	switch f {
	case TimeAbsoluteDate, TimeUTCDate:
		b = t.AppendFormat(b, "2006-01-02 ")
	case TimeAbsoluteDOY, TimeUTCDOY:
		b = t.AppendFormat(b, "2006/")
		b = appendPad(b, uint64(t.YearDay()), 3)
		b = append(b, ' ')
	}
	b = t.AppendFormat(b, "15:04:05")
	return appendFrac(b, int64(t.Nanosecond()), tc.Prec)
}

func appendPad(b []byte, u uint64, width int) []byte {
	s := strconv.FormatUint(u, 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// appendFrac appends "." and the first prec digits of ns (truncated, as Wireshark does).
func appendFrac(b []byte, ns int64, prec int) []byte {
	if prec <= 0 {
		return b
	}
	if prec > 9 {
		prec = 9
	}
	var d [9]byte
	for i := 8; i >= 0; i-- {
		d[i] = byte('0' + ns%10)
		ns /= 10
	}
	b = append(b, '.')
	return append(b, d[:prec]...)
}

func appendSecs(b []byte, ns int64, prec int) []byte {
	u := uint64(ns)
	if ns < 0 {
		u = -u // the magnitude, also of the most negative difference
		b = append(b, '-')
	}
	b = strconv.AppendUint(b, u/1e9, 10)
	return appendFrac(b, int64(u%1e9), prec)
}

func appendRel(b []byte, ns int64, prec int, style TimeStyle) []byte {
	if style == StyleSeconds {
		return appendSecs(b, ns, prec)
	}
	u := uint64(ns)
	if ns < 0 {
		u = -u
		b = append(b, '-')
	}
	secs := int64(u / 1e9)
	frac := int64(u % 1e9)
	d, h, m, s := secs/86400, secs/3600%24, secs/60%60, secs%60
	switch {
	case d > 0:
		b = fmt.Appendf(b, "%dd %02dh %02dm %02d", d, h, m, s)
	case h > 0:
		b = fmt.Appendf(b, "%dh %02dm %02d", h, m, s)
	case m > 0:
		b = fmt.Appendf(b, "%dm %02d", m, s)
	default:
		b = strconv.AppendInt(b, s, 10)
	}
	b = appendFrac(b, frac, prec)
	return append(b, 's')
}

// ResolutionDecimals is the number of decimals that shows a timestamp resolution of resolNs
// nanoseconds (1000 → 6, 1 → 9; 0 means finer than a nanosecond).
func ResolutionDecimals(resolNs uint64) int {
	if resolNs <= 1 {
		return 9
	}
	p := 9
	for x := resolNs; x >= 10 && p > 0; x /= 10 {
		p--
	}
	return p
}
