package render_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/internal/budget"
	"github.com/tshark-tui/tshark-tui/render"
)

func TestAppendTime(t *testing.T) {
	const ts = 1795317928465907000 // 2026-11-22 03:25:28.465907 UTC
	tc := render.TimeContext{TS: ts, PrevCap: ts - 211000, PrevDisp: ts - 211000, Ref: ts - 211000, Prec: 6}
	tests := []struct {
		f     render.TimeFormat
		style render.TimeStyle
		want  string
	}{
		{render.TimeRelative, render.StyleSeconds, "0.000211"},
		{render.TimeDelta, render.StyleSeconds, "0.000211"},
		{render.TimeEpoch, render.StyleSeconds, "1795317928.465907"},
		{render.TimeUTC, render.StyleSeconds, "03:25:28.465907"},
		{render.TimeUTCDate, render.StyleSeconds, "2026-11-22 03:25:28.465907"},
		{render.TimeUTCDOY, render.StyleSeconds, "2026/326 03:25:28.465907"},
		{render.TimeRelative, render.StyleHMS, "0.000211s"},
	}
	for _, tt := range tests {
		t.Run(tt.f.Flag(), func(t *testing.T) {
			if got := string(render.AppendTime(nil, tt.f, tt.style, tc)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHexDump(t *testing.T) {
	data := []byte("\x00\x01GET / HTTP/1.1\r\n\x1b[31mred")
	got := string(render.AppendHexDump(nil, data))
	want := "0000  00 01 47 45 54 20 2f 20 48 54 54 50 2f 31 2e 31   ..GET / HTTP/1.1\n" +
		"0010  0d 0a 1b 5b 33 31 6d 72 65 64                     ...[31mred\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// FuzzPrintable: whatever the packet bytes, the output has no control bytes (no escape sequence
// reaches the terminal) and keeps one character per byte.
func FuzzPrintable(f *testing.F) {
	f.Add([]byte("\x1b]52;c;aGVsbG8=\x07\x1b[2J"))
	f.Add([]byte("plain text"))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer budget.Input(t)() // a slow input is a finding
		out := render.Printable(nil, data)
		if len(out) != len(data) {
			t.Fatalf("length %d, want %d", len(out), len(data))
		}
		for _, c := range out {
			if c < 0x20 || c >= 0x7f {
				t.Fatalf("control or non-ASCII byte %#x in output", c)
			}
		}
		dump := render.AppendHexDump(nil, data)
		for _, c := range dump {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				t.Fatalf("control byte %#x in hex dump", c)
			}
		}
		if strings.Count(string(dump), "\n") != (len(data)+15)/16 {
			t.Fatalf("wrong number of dump lines")
		}
	})
}

// TestInfoCut: the Info column is escaped, then cut to tshark's 4095 bytes on a character boundary
// (tshark 4.0 on a request line of 4088 x's and three \x01 bytes ends the column in "x\0").
func TestInfoCut(t *testing.T) {
	for _, tc := range []struct{ info, wantEnd string }{
		{"GET /" + strings.Repeat("x", 4088) + "\x01\x01\x01 HTTP/1.1", "xx\\0"},
		{"GET /" + strings.Repeat("x", 4088) + "éé", "xé"},
		{"short \x1b", "short \\033"},
	} {
		c := &dissect.Ctx{Frame: &dissect.FrameInfo{}}
		c.Cols.Info = []byte(tc.info)
		var s render.SummaryCols
		s.Columns(c, nil)
		if len(s.Info) > 4095 || !strings.HasSuffix(string(s.Info), tc.wantEnd) || !utf8.Valid(s.Info) {
			t.Errorf("Info of %d bytes ends %q, want at most 4095 bytes ending %q", len(s.Info), s.Info[max(0, len(s.Info)-8):], tc.wantEnd)
		}
	}
}
