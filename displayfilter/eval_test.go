package displayfilter_test

import (
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/field"
)

// samplePacket builds eth / ip 10.1.2.3 -> 192.168.1.1 / tcp 25 -> 40000 SYN with an HTTP request
// line, plus a second IP header (a tunnel) with 172.16.0.1 -> 172.16.0.2.
func samplePacket(tb testing.TB, reg *field.Registry) *field.Tree {
	frame := []byte{
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x08, 0x00, // eth 0-13
		0x45, 0x00, 0x00, 0x3c, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00, // ip 14-25
		10, 1, 2, 3, 192, 168, 1, 1, // ip addrs 26-33
		0x00, 0x19, 0x9c, 0x40, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0x20, 0x00, 0, 0, 0, 0, // tcp 34-53
	}
	frame = append(frame, []byte("GET /healthz HTTP/1.1\r\n")...)
	b := newTree(tb, reg, frame)
	fr := b.add(field.Root, "frame", 0, len(frame), field.Value{})
	b.add(fr, "frame.number", 0, 0, u(7))
	b.add(fr, "frame.len", 0, 0, u(uint64(len(frame))))
	b.add(fr, "frame.time", 0, 0, i64(1591780863720289000))
	b.add(fr, "frame.time_relative", 0, 0, i64(250_000_000))
	eth := b.add(field.Root, "eth", 0, 14, field.Value{})
	b.add(eth, "eth.dst", 0, 6, raw(frame[0:6]...))
	b.add(eth, "eth.addr", 0, 6, raw(frame[0:6]...))
	b.add(eth, "eth.src", 6, 6, raw(frame[6:12]...))
	b.add(eth, "eth.addr", 6, 6, raw(frame[6:12]...))
	b.add(eth, "eth.type", 12, 2, u(0x0800))
	ip := b.add(field.Root, "ip", 14, 20, field.Value{})
	b.add(ip, "ip.ttl", 22, 1, u(64))
	b.add(ip, "ip.proto", 23, 1, u(6))
	b.add(ip, "ip.src", 26, 4, addr("10.1.2.3"))
	b.add(ip, "ip.addr", 26, 4, addr("10.1.2.3"))
	b.add(ip, "ip.dst", 30, 4, addr("192.168.1.1"))
	b.add(ip, "ip.addr", 30, 4, addr("192.168.1.1"))
	ip2 := b.add(field.Root, "ip", 14, 20, field.Value{})
	b.add(ip2, "ip.src", 26, 4, addr("172.16.0.1"))
	b.add(ip2, "ip.addr", 26, 4, addr("172.16.0.1"))
	b.add(ip2, "ip.addr", 30, 4, addr("172.16.0.2"))
	tcp := b.add(field.Root, "tcp", 34, 20, field.Value{})
	b.add(tcp, "tcp.srcport", 34, 2, u(25))
	b.add(tcp, "tcp.port", 34, 2, u(25))
	b.add(tcp, "tcp.dstport", 36, 2, u(40000))
	b.add(tcp, "tcp.port", 36, 2, u(40000))
	fl := b.add(tcp, "tcp.flags", 46, 2, u(0x002))
	b.add(fl, "tcp.flags.syn", 46, 2, u(1))
	b.add(fl, "tcp.flags.ack", 46, 2, u(0))
	b.add(tcp, "tcp.window_size_scalefactor", 0, 0, i64(-1))
	b.add(tcp, "tcp.seq_raw", 38, 4, u(2188399879))
	b.add(tcp, "tcp.payload", 54, len(frame)-54, raw(frame[54:]...))
	http := b.add(field.Root, "http", 54, len(frame)-54, field.Value{})
	b.add(http, "http.request.uri", 58, 8, str("/healthz"))
	b.add(http, "http.host", 0, 0, str("Example.COM"))
	return b.t
}

func TestMatch(t *testing.T) {
	reg := testRegistry()
	tree := samplePacket(t, reg)
	cases := []struct {
		filter string
		want   bool
	}{
		{"", true},
		{"frame", true},
		{"tcp", true},
		{"udp", false},
		{"!udp", true},
		{"not udp", true},
		{"tcp.port == 25", true},
		{"tcp.port == 26", false},
		{"tcp.port eq 25", true},
		{"tcp.port any_eq 25", true},
		{"tcp.port != 25", false},     // all-not-equal: one port is 25
		{"tcp.port !== 25", true},     // any-not-equal
		{"tcp.port ~= 25", true},      // any-not-equal
		{"tcp.port === 25", false},    // all-equal
		{"tcp.port all_eq 25", false}, // all-equal
		{"tcp.srcport === 25", true},
		{"all tcp.port > 20", true},
		{"all tcp.port > 30", false},
		{"any tcp.port > 30", true},
		{"tcp.port != 80", true},
		{"tcp.port ne 80", true},
		{"udp.port != 53", false}, // a missing field makes every relation false
		{"tcp.port > 39999", true},
		{"tcp.port >= 40000 && tcp.port <= 40000", true},
		{"tcp.port lt 26 and tcp.port gt 39999", true},
		{"tcp.port in {80, 443, 8000..8080}", false},
		{"tcp.port in {80, 20..30}", true},
		{"tcp.port not in {80, 20..30}", false},
		{"tcp.port in {25}", true},
		{"tcp.srcport not in {80}", true},
		{"ip.addr == 10.1.2.3", true},
		{"ip.addr == 10.0.0.0/8", true},
		{"ip.addr == 11.0.0.0/8", false},
		{"ip.src == 10.1.2.0/24 and ip.dst == 192.168.0.0/16", true},
		{"ip.addr != 10.1.2.3", false},
		{"ip.src > 10.1.2.2", true},
		{"ip.addr#1 == 172.16.0.1", false},
		{"ip.addr#2 == 172.16.0.1", true},
		{"ip.addr#[2] == 10.1.2.3", false},
		{"ip.addr#[1-2] == 172.16.0.2", true},
		{"ip#2", true},
		{"ip#3", false},
		{"eth.src == 00:1a:2b:3c:4d:5e", true},
		{"eth.src == 00-1a-2b-3c-4d-5e", true},
		{"eth.src == 001a.2b3c.4d5e", true},
		{"eth.src == 001a2b3c4d5e", true},
		{"eth.addr == 00:11:22:33:44:55", true},
		{"eth.type == 0x0800", true},
		{"eth.type == IPv4", true},
		{"eth.type == ARP", false},
		{"ip.proto == TCP", true},
		{`ip.proto == "tcp"`, true},
		{"ip.proto == 6", true},
		{"ip.ttl == 0100", true}, // octal
		{"ip.ttl == 0x40", true},
		{"tcp.flags.syn == 1", true},
		{"tcp.flags.syn == True", true},
		{"tcp.flags.syn == Set", true},
		{"tcp.flags.syn == 2", true},
		{"tcp.flags.syn", true},
		{"tcp.flags.syn == 1 and not tcp.flags.ack == 1", true},
		{"tcp.flags.ack == False", true},
		{"tcp.flags & 0x02", true},
		{"tcp.flags & 0x10", false},
		{"tcp.flags & 0x12 == 0x02", true},
		{"tcp[13] == 0x02", true},
		{"tcp[13] & 0x02", true},
		{"tcp[0:2] == 00:19", true},
		{"frame[0:2] == 00:11", true},
		{"eth[0:6] == 00:11:22:33:44:55", true},
		{"eth.src[0:3] == 00:1a:2b", true},
		{"eth.src[-1] == 5e", true},
		{"eth.src[-2:2] == 4d:5e", true},
		{"eth.src[1-2] == 1a:2b", true},
		{"eth.src[:2] == 00:1a", true},
		{"eth.src[4:] == 4d:5e", true},
		{"eth.src[0:2,5] == 00:1a:5e", true},
		{"eth.src[0] == 0", true},
		{"frame[1000] == 0", false},
		{"eth.src[4:10] == 4d:5e", false},   // a range past the end fails, it is not cut
		{"eth.src[4:2,10] == 4d:5e", true},  // ranges gathered before a failing one stay
		{"eth.src[10,4:2] == 4d:5e", false}, // a failing first range leaves nothing
		{"eth.src[5-9] == 5e", false},
		{"eth.src[-7:2] == 00:1a", false},
		{`http.request.uri contains "health"`, true},
		{`http.request.uri contains "HEALTH"`, false},
		{`http.request.uri matches "HEALTH"`, true},
		{`http.request.uri ~ "^/h.*z$"`, true},
		{`http.request.uri matches "(?-i)HEALTH"`, false},
		{`http.request.uri == "/healthz"`, true},
		{`http.request.uri == r"/healthz"`, true},
		{`http.request.uri == "\x2fhealthz"`, true},
		{`http.request.uri == "\057healthz"`, true},
		{`http.request.uri != "\u00e9"`, true},
		{`http.request.uri[0:3] == "/he"`, true},
		{`http.request.uri[1] == 'h'`, true},
		{`http.request.uri > "/a"`, true},
		{`tcp.payload contains "GET"`, true},
		{`tcp.payload contains 47:45:54`, true},
		{`tcp contains "GET"`, true},
		{`frame contains "HTTP/1.1"`, true},
		{`frame matches "get /"`, true},
		{`tcp.payload[0:3] == "GET"`, true},
		{`upper(http.host) == "EXAMPLE.COM"`, true},
		{`lower(http.host) == "example.com"`, true},
		{`len(http.request.uri) == 8`, true},
		{`len(frame) > 70`, true},
		{`count(ip.addr) == 4`, true},
		{`count(tcp.port) == 2`, true},
		{`string(frame.number) == "7"`, true},
		{`string(tcp.srcport) matches "^2"`, true},
		{`max(tcp.srcport, tcp.dstport) == 40000`, true},
		{`min(tcp.srcport, tcp.dstport) == 25`, true},
		{`min(tcp.port, 1) == 1`, true},
		{`tcp.port + tcp.srcport == 50`, true}, // every pair of occurrences
		{`tcp.srcport == tcp.srcport == 25`, true},
		{`abs(tcp.window_size_scalefactor) == 1`, true},
		{`tcp.window_size_scalefactor == -1`, true},
		{`tcp.window_size_scalefactor < 0`, true},
		{`frame.number == 7`, true},
		{`frame.number == {3 + 4}`, true},
		{`frame.number == 3 + 4`, true},
		{`frame.number + 1 == 8`, true},
		{`frame.number * 2 == 14`, true},
		{`frame.number / 2 == 3`, true},
		{`frame.number % 2 == 1`, true},
		{`frame.number - 8 == 0`, false}, // unsigned underflow yields no value
		{`frame.number / 0 == 0`, false},
		{`{frame.number - 1} * 2 == 12`, true},
		{`frame.number == -7`, false},
		{`-frame.number`, true},
		{`frame.number - 7`, false}, // an arithmetic test is true when the value is not zero
		{`eth.src matches "^.\\x1a"`, true},
		{`frame.number & 1`, true},
		{`tcp.srcport < tcp.dstport`, true},
		{`tcp.srcport == tcp.dstport`, false},
		{`tcp.port == tcp.srcport`, true},
		{`ip.src == ip.dst`, false},
		{`frame.time_relative > 0.2`, true},
		{`frame.time_relative == 0.25`, true},
		{`frame.time_relative < -1`, false},
		{`frame.time_relative + 0.75 == 1`, true},
		{`frame.time >= "Jun 10, 2020 09:21:03"`, true},
		{`frame.time == "Jun 10, 2020 09:21:03.720289000 UTC"`, true},
		{`frame.time < "2020-06-10 09:21:03.8Z"`, true},
		{`frame.time < "2020-06-10T09:21:03.7Z"`, false},
		{"frame.number == 7 or frame.number == 2 and frame.number == 3", true},    // and binds tighter
		{"(frame.number == 7 or frame.number == 2) and frame.number == 3", false}, // explicit grouping
		{"frame.number == 3 and frame.number == 2 or frame.number == 7", true},
		{"not frame.number == 7 and frame.number == 7", false}, // not binds tighter than and
		{"!(frame.number == 7 and udp)", true},
		{"tcp.analysis", false},
		{"${frame.number} == 7", false},
		{"ipv6.addr == ::1", false},
		{"ip.len", false},
	}
	for _, c := range cases {
		t.Run(c.filter, func(t *testing.T) {
			f, err := displayfilter.Compile(c.filter, reg)
			if err != nil {
				t.Fatalf("compile: %v\n%s", err, err.(*displayfilter.Error).Caret(c.filter))
			}
			if got := f.Match(tree); got != c.want {
				t.Errorf("Match = %v, want %v\n%s", got, c.want, f.Disassemble())
			}
			// The canonical text must mean the same thing.
			g, err := displayfilter.Compile(f.String(), reg)
			if err != nil {
				t.Fatalf("recompile %q: %v", f.String(), err)
			}
			if g.Match(tree) != c.want {
				t.Errorf("canonical %q matches differently", f.String())
			}
			if g.String() != f.String() {
				t.Errorf("String not stable: %q then %q", f.String(), g.String())
			}
		})
	}
	_ = strings.TrimSpace
}

// TestArithmeticOverflow: arithmetic on field values as tshark 4.0 does it (answers read from tshark
// 4.0.17 on testdata/captures/http.pcap): a result that overflows the operands' width (32 bits for
// types up to 32 bits) is no value, so no relation on it matches; an unsigned subtraction or
// negation that goes below zero gives a signed value. Before, "tcp.seq_raw * 4294967295 > 0" wrapped
// and matched.
func TestArithmeticOverflow(t *testing.T) {
	reg := testRegistry()
	tree := samplePacket(t, reg) // tcp.seq_raw 2188399879, tcp.srcport 25, scalefactor -1, frame.len 77
	for _, tc := range []struct {
		filter string
		want   bool
	}{
		{"tcp.seq_raw * 4294967295 > 0", false},
		{"tcp.seq_raw * 4294967295 != 0", false},
		{"tcp.seq_raw * 2 > 0", false}, // past 2^32
		{"tcp.seq_raw * 1 > 0", true},
		{"tcp.seq_raw + 4294967295 > 0", false},
		{"tcp.seq_raw + 2106567416 > 0", true},
		{"tcp.seq_raw + 2106567417 > 0", false},
		{"tcp.seq_raw - 4294967295 < 0", false}, // a negative result past int32
		{"-tcp.seq_raw < 0", false},             // past int32: no value
		{"-tcp.seq_raw", false},
		{"-frame.len < 0", true},
		{"-frame.len", true},
		{"-frame.len == -77", true},
		{"frame.len - 100 < 0", true},
		{"frame.len - 100 == -23", true},
		{"frame.len - 2147483647 < 0", true},
		{"tcp.srcport - 65535 < 0", true},
		{"tcp.srcport - 65535 < tcp.dstport", true},
		{"tcp.srcport - 26 == -1", true},
		{"tcp.srcport - 26 + 1 == 0", true},
		{"frame.len > -1", false}, // a literal keeps its unsigned two's complement
		{"frame.len == -77", false},
		{"ip.ttl + 255 > 255", true}, // 8-bit fields compute in 32 bits
		{"tcp.window_size_scalefactor * 2147483647 < 0", true},
		{"tcp.window_size_scalefactor * 2147483647 * 2 < 0", false},
		{"tcp.window_size_scalefactor - 2147483647 < 0", true},
		{"tcp.window_size_scalefactor - 2147483647 - 2 < 0", false},
		{"tcp.srcport / 0 >= 0", false},
		{"tcp.srcport % 0 >= 0", false},
	} {
		t.Run(tc.filter, func(t *testing.T) {
			f, err := displayfilter.Compile(tc.filter, reg)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Match(tree); got != tc.want {
				t.Errorf("Match = %v, want %v", got, tc.want)
			}
		})
	}
}
