package displayfilter_test

import (
	"testing"

	"github.com/tshark-tui/tshark-tui/displayfilter"
)

func TestCanonical(t *testing.T) {
	reg := testRegistry()
	cases := []struct{ in, want string }{
		{"tcp.port eq 25", "tcp.port == 25"},
		{"a or b and c", ""}, // words that are not fields: rejected below
		{"tcp or udp and ip", "tcp || udp && ip"},
		{"(tcp or udp) and ip", "(tcp || udp) && ip"},
		{"tcp and (udp and ip)", "tcp && (udp && ip)"},
		{"tcp and udp and ip", "tcp && udp && ip"},
		{"not tcp and ip", "!tcp && ip"},
		{"not (tcp and ip)", "!(tcp && ip)"},
		{"! ! tcp", "!!tcp"},
		{"tcp.port ne 1", "tcp.port != 1"},
		{"tcp.port any_ne 1", "tcp.port !== 1"},
		{"tcp.port ~= 1", "tcp.port !== 1"},
		{"tcp.port all_eq 1", "tcp.port === 1"},
		{"tcp.port gt 1 and tcp.port ge 1 and tcp.port lt 9 and tcp.port le 9", "tcp.port > 1 && tcp.port >= 1 && tcp.port < 9 && tcp.port <= 9"},
		{`http.host ~ "x"`, `http.host matches "x"`},
		{"tcp.port in {1 ,2..3}", "tcp.port in {1, 2..3}"},
		{"tcp.port not in {1}", "tcp.port not in {1}"},
		{"all tcp.port == 1", "all tcp.port == 1"},
		{"frame[ 0 : 2 ] == 00:11", "frame[0:2] == 00:11"},
		{"frame[1-2,:3,4:,-1] == 00", "frame[1-2,:3,4:,-1] == 00"},
		{"ip.addr#[1-2] == 1.2.3.4", "ip.addr#[1-2] == 1.2.3.4"},
		{"ip.addr#[2] == 1.2.3.4", "ip.addr#2 == 1.2.3.4"},
		{"frame.len == {1 + 2} * 3", "frame.len == {1 + 2} * 3"},
		{"frame.len == 1 + 2 * 3", "frame.len == 1 + 2 * 3"},
		{"frame.len == 1 - {2 - 3}", "frame.len == 1 - {2 - 3}"},
		{"frame.len == -1", "frame.len == -1"},
		{"frame.len & 1 == 1", "frame.len & 1 == 1"},
		{"len( frame ) > 1", "len(frame) > 1"},
		{`http.host == r"a\b"`, `http.host == r"a\b"`},
		{"  ", ""},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			f, err := displayfilter.Compile(c.in, reg)
			if c.want == "" && c.in != "  " {
				if err == nil {
					t.Fatalf("accepted %q", c.in)
				}
				return
			}
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			if got := f.String(); got != c.want {
				t.Errorf("String() = %q, want %q", got, c.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	reg := testRegistry()
	cases := []struct {
		in       string
		pos, len int
		msg      string
	}{
		{"tcp.prt == 1", 0, 7, `Left side of "==" expression must be a field or function, not tcp.prt.`},
		{"tcp.prt", 0, 7, "tcp.prt is neither a field nor a protocol name."},
		{"tcp.port == abc", 12, 3, `"abc" is not a valid number.`},
		{`tcp.port == "abc"`, 12, 5, `Unsigned integer (2 bytes) cannot be converted from a string ("abc").`},
		{"ip.addr == 1.2.3", 11, 5, `"1.2.3" is not a valid hostname or IPv4 address.`},
		{"ip.addr == 10.0.0.0/33", 11, 11, "Netmask bits in a CIDR IPv4 address should be <= 32, not 33"},
		{"tcp.port == 53 ||", 17, 0, "Unexpected end of filter expression."},
		{"tcp.port in {53 80}", 16, 2, `"80" was unexpected in this context.`},
		{"a ^^ b", 2, 1, `"^" was unexpected in this context.`},
		{"tcp.port xor udp", 9, 3, `"xor" was unexpected in this context.`},
		{`http.host == "abc`, 17, 1, "The final quote was missing from a quoted string."},
		{`http.host == "\q"`, 14, 2, `\q is not a valid character escape sequence`},
		{"frame[a] == 0", 6, 1, `"a" is not a valid number.`},
		{"frame[0:0] == 0", 6, 3, "Range 0:0 isn't valid because length 0 isn't positive"},
		{"tcp.port[0] == 0", 0, 8, `"tcp.port" is a Unsigned integer (2 bytes) and cannot be sliced into a sequence of bytes.`},
		{"tcp.port contains 53", 0, 8, "tcp.port (type=Unsigned integer (2 bytes)) cannot participate in contains comparison."},
		{"tcp.analysis == 1", 0, 12, "tcp.analysis (type=Label) cannot participate in == comparison."},
		{"ip.proto == tcp", 12, 3, "ip.proto and tcp are not of compatible types."},
		{"tcp.flags.syn == true", 17, 4, `"true" cannot be found among the possible values for tcp.flags.syn.`},
		{"ip.ttl == 256", 10, 3, `"256" too big for this field, maximum 255.`},
		{"eth.src == 00:1a:2b", 11, 8, `"00:1a:2b" contains too few bytes to be a valid Ethernet address.`},
		{"foo(frame) == 1", 0, 3, "Function 'foo' does not exist"},
		{"len(tcp.payload)", 0, 3, "You cannot test whether a function is present."},
		{"frame.number ~ 1", 15, 1, "Matches requires a double quoted string on the right side."},
		{`frame.time >= "x"`, 14, 3, `"x" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"`},
		{"frame.time_delta * 2 > 1", 0, 16, "FT_RELATIVE_TIME cannot *."},
		{"()", 1, 1, `")" was unexpected in this context.`},
		{"tcp é", 4, 2, `"é" was unexpected in this context.`},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			_, err := displayfilter.Compile(c.in, reg)
			if err == nil {
				t.Fatal("accepted")
			}
			e, ok := err.(*displayfilter.Error)
			if !ok {
				t.Fatalf("error %T, want *Error", err)
			}
			if e.Msg != c.msg || e.Pos != c.pos || e.Len != c.len {
				t.Errorf("got %d:%d %q, want %d:%d %q\n%s", e.Pos, e.Len, e.Msg, c.pos, c.len, c.msg, e.Caret(c.in))
			}
			if displayfilter.Check(c.in, reg) == nil {
				t.Error("Check accepted")
			}
		})
	}
}

func TestCaret(t *testing.T) {
	e := &displayfilter.Error{Pos: 12, Len: 3, Msg: "x"}
	got := e.Caret("tcp.port == abc")
	want := "tcp.port == abc\n            ^~~"
	if got != want {
		t.Errorf("Caret =\n%s\nwant\n%s", got, want)
	}
}

func TestWarnings(t *testing.T) {
	reg := testRegistry()
	if w := displayfilter.Warnings("ip.addr != 10.0.0.1", reg); len(w) != 1 || w[0].Pos != 0 {
		t.Errorf("ip.addr != …: got %+v, want one warning", w)
	}
	for _, s := range []string{"ip.addr !== 10.0.0.1", "!(ip.addr == 10.0.0.1)", "ip.ttl != 3", "tcp.port ==", ""} {
		if w := displayfilter.Warnings(s, reg); len(w) != 0 {
			t.Errorf("%q: unexpected warnings %+v", s, w)
		}
	}
}

func TestFields(t *testing.T) {
	reg := testRegistry()
	f, err := displayfilter.Compile("tcp.port == 25 && http.request.uri contains \"x\" || eth[0] == 1", reg)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, id := range f.Fields {
		names = append(names, reg.Get(id).Abbrev)
	}
	want := []string{"tcp.port", "tcp", "http.request.uri", "http", "eth"}
	if len(names) != len(want) {
		t.Fatalf("Fields = %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("Fields = %v, want %v", names, want)
		}
	}
}

func TestLayerAndLexErrors(t *testing.T) {
	reg := testRegistry()
	cases := []struct {
		in       string
		pos, len int
		msg      string
	}{
		{"ip.addr#-1 == 1.1.1.1", 8, 1, `Expected digit or "[", not "-"`},
		{"ip.src#1:2 == 1.1.1.1", 8, 2, `":2" was unexpected in this context.`},
		{"frame[0] == 1:2", 13, 2, `":2" was unexpected in this context.`},
		{"ipv6.addr == ::g", 15, 1, `"g" was unexpected in this context.`},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			_, err := displayfilter.Compile(c.in, reg)
			e, ok := err.(*displayfilter.Error)
			if !ok {
				t.Fatalf("got %v", err)
			}
			if e.Msg != c.msg || e.Pos != c.pos || e.Len != c.len {
				t.Errorf("got %d:%d %q, want %d:%d %q", e.Pos, e.Len, e.Msg, c.pos, c.len, c.msg)
			}
		})
	}
}
