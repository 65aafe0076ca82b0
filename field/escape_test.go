package field_test

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/budget"
	"github.com/tshark-tui/tshark-tui/internal/hostile"
)

// TestEscape holds tshark 4.0.17's answers for each class of hostile text, read from its -V and
// summary output on crafted captures (internal/hostile, and interface names in a pcapng file).
func TestEscape(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"ascii", `plain text \ "quoted"`, `plain text \ "quoted"`},
		{"osc", "a\x1b]0;PWNED\x07b", `a\033]0;PWNED\ab`},
		{"c0", "a\x01\x08\x0b\x0c\x1fb", `a\001\b\v\f\037b`},
		{"crlf tab", "\r\n\t", `\r\n\t`},
		{"del nul", "a\x7f\x00b", `a\177\000b`},
		{"c1 as utf-8", "a\u009b31m\u0085\u009db", `a\u009B31m\u0085\u009Db`},
		{"c1 raw", "a\x9b31m\x9db", "a\uFFFD31m\uFFFDb"},
		{"bidi", "a\u202egnp.exe\u202c\u2066\u2069\u200f\u061cb", `a\u202Egnp.exe\u202C\u2066\u2069\u200F\u061Cb`},
		{"format", "a\u200b\ufeff\u00ad\u2060\u0600b", `a\u200B\uFEFF\u00AD\u2060\u0600b`},
		{"separators stay", "a\u2028\u2029b", "a\u2028\u2029b"},
		{"invalid", "a\xff\xfe\xc0\x80\xed\xa0\x80\xe2\x80b", "a\uFFFD\uFFFD\\u0000\uFFFD\uFFFDb"},
		{"overlong", "\xc0\x9b[2J \xe0\x80\x80 \xf0\x80\x80\x80 \xc1\x81", `\u001B[2J \u0000 \u0000 A`},
		{"beyond U+10FFFF", "E\xf4\x90\x80\x80F K\xf8\x88\x80\x80\x80L", "E\uFFFDF K\uFFFDL"},
		{"noncharacters", "M\uFFFEN Y\U0010FFFFZ", `M\uFFFEN Y\U0010FFFFZ`},
		{"unassigned", "U\u0378V W\uD7FFX", `U\u0378V W\uD7FFX`},
		{"tag character", "O\U000E0001P", `O\U000E0001P`},
		{"printable", "é 日本 😀 \ue000", "é 日本 😀 \ue000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := field.Escape(tc.in); got != tc.want {
				t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := string(field.AppendEscaped([]byte("x"), []byte(tc.in))); got != "x"+tc.want {
				t.Errorf("AppendEscaped(%q) = %q, want %q", tc.in, got, "x"+tc.want)
			}
			if plain := field.IsPlain(tc.in); plain != (tc.in == tc.want) {
				t.Errorf("IsPlain(%q) = %v", tc.in, plain)
			}
		})
	}
}

// FuzzEscaped: whatever the bytes, the escaped text is safe for a terminal, and escaping it again
// changes nothing: the output is plain text.
func FuzzEscaped(f *testing.F) {
	for _, p := range hostile.Payloads {
		f.Add([]byte(p.S))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		defer budget.Input(t)() // a slow input is a finding
		out := field.AppendEscaped(nil, in)
		if err := hostile.Check(out); err != nil {
			t.Fatalf("Escape(%q) = %q: %v", in, out, err)
		}
		if again := field.Escape(string(out)); again != string(out) {
			t.Fatalf("Escape is not idempotent: %q -> %q -> %q", in, out, again)
		}
	})
}

func BenchmarkEscapeASCII(b *testing.B) {
	in := []byte("Standard query 0x1234 A www.example.com")
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		buf = field.AppendEscaped(buf[:0], in)
	}
}

// TestJSONString: JSON strings are valid JSON whatever the bytes, give the original text back to a
// JSON parser when it was UTF-8, and hold nothing a terminal would act on.
func TestJSONString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a\"b\\c", `"a\"b\\c"`},
		{"\x1b]0;x\x07\b\f\n\r\t\x7f", `"\u001b]0;x\u0007\b\f\n\r\t\u007f"`},
		{"\u009b\u202e\U000E0001é", `"\u009b\u202e\udb40\udc01é"`},
		{"\xff\xc0\x80\xc0\xa2", "\"\uFFFD\uFFFD\uFFFD\""},
	} {
		if got := string(field.AppendJSONString(nil, []byte(tc.in))); got != tc.want {
			t.Errorf("AppendJSONString(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func FuzzJSONString(f *testing.F) {
	for _, p := range hostile.Payloads {
		f.Add([]byte(p.S))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		defer budget.Input(t)() // a slow input is a finding
		out := field.AppendJSONString(nil, in)
		if err := hostile.Check(out); err != nil {
			t.Fatalf("AppendJSONString(%q) = %s: %v", in, out, err)
		}
		var back string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("AppendJSONString(%q) = %s: not JSON: %v", in, out, err)
		}
		if utf8.Valid(in) && back != string(in) {
			t.Fatalf("AppendJSONString(%q) = %s decodes to %q", in, out, back)
		}
	})
}
