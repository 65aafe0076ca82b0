package displayfilter_test

import (
	"bufio"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/field"
)

// testRegistry registers a small set of real Wireshark fields with their tshark types.
func testRegistry() *field.Registry {
	r := field.NewRegistry()
	frame := r.Protocol("frame", "Frame")
	r.Add(frame, "frame.number", "Frame Number", field.FrameNum)
	r.Add(frame, "frame.len", "Frame Length", field.Uint32)
	r.Add(frame, "frame.time", "Arrival Time", field.AbsTime, field.WithBase(field.TimeLocal))
	r.Add(frame, "frame.time_relative", "Time since reference", field.RelTime)
	r.Add(frame, "frame.time_delta", "Time delta", field.RelTime)
	eth := r.Protocol("eth", "Ethernet II")
	r.Add(eth, "eth.dst", "Destination", field.Ether)
	r.Add(eth, "eth.src", "Source", field.Ether)
	r.Add(eth, "eth.addr", "Address", field.Ether)
	r.Add(eth, "eth.type", "Type", field.Uint16, field.WithBase(field.Hex),
		field.WithStrings(map[uint64]string{0x0800: "IPv4", 0x86dd: "IPv6", 0x0806: "ARP"}))
	ip := r.Protocol("ip", "Internet Protocol Version 4")
	r.Add(ip, "ip.src", "Source Address", field.IPv4)
	r.Add(ip, "ip.dst", "Destination Address", field.IPv4)
	r.Add(ip, "ip.addr", "Source or Destination Address", field.IPv4)
	r.Add(ip, "ip.ttl", "Time to Live", field.Uint8)
	r.Add(ip, "ip.len", "Total Length", field.Uint16)
	r.Add(ip, "ip.proto", "Protocol", field.Uint8, field.WithStrings(map[uint64]string{1: "ICMP", 6: "TCP", 17: "UDP"}))
	ipv6 := r.Protocol("ipv6", "Internet Protocol Version 6")
	r.Add(ipv6, "ipv6.addr", "Address", field.IPv6)
	r.Add(ipv6, "ipv6.src", "Source Address", field.IPv6)
	tcp := r.Protocol("tcp", "Transmission Control Protocol")
	r.Add(tcp, "tcp.srcport", "Source Port", field.Uint16)
	r.Add(tcp, "tcp.dstport", "Destination Port", field.Uint16)
	r.Add(tcp, "tcp.port", "Source or Destination Port", field.Uint16)
	r.Add(tcp, "tcp.seq_raw", "Sequence Number (raw)", field.Uint32)
	r.Add(tcp, "tcp.flags", "Flags", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x0fff))
	r.Add(tcp, "tcp.flags.syn", "Syn", field.Bool, field.WithBase(12), field.WithMask(0x002), field.WithTrueFalse("Set", "Not set"))
	r.Add(tcp, "tcp.flags.ack", "Acknowledgment", field.Bool, field.WithBase(12), field.WithMask(0x010), field.WithTrueFalse("Set", "Not set"))
	r.Add(tcp, "tcp.payload", "TCP payload", field.Bytes)
	r.Add(tcp, "tcp.analysis", "SEQ/ACK analysis", field.None)
	r.Add(tcp, "tcp.window_size_scalefactor", "Window size scaling factor", field.Int32)
	udp := r.Protocol("udp", "User Datagram Protocol")
	r.Add(udp, "udp.port", "Source or Destination Port", field.Uint16)
	dns := r.Protocol("dns", "Domain Name System")
	r.Add(dns, "dns.qry.name", "Name", field.String)
	r.Add(dns, "dns.flags.response", "Response", field.Bool, field.WithBase(16), field.WithMask(0x8000))
	http := r.Protocol("http", "Hypertext Transfer Protocol")
	r.Add(http, "http.request.uri", "Request URI", field.String)
	r.Add(http, "http.host", "Host", field.String)
	ntp := r.Protocol("ntp", "Network Time Protocol")
	r.Add(ntp, "ntp.rootdelay", "Root Delay", field.Double)
	return r
}

// treeBuilder builds a field.Tree by hand over one frame of bytes.
type treeBuilder struct {
	t   *field.Tree
	reg *field.Registry
	tb  testing.TB
}

func newTree(tb testing.TB, reg *field.Registry, frame []byte) *treeBuilder {
	t := field.NewTree(reg)
	t.Sources = append(t.Sources, field.Source{Name: "Frame", Bytes: frame})
	return &treeBuilder{t: t, reg: reg, tb: tb}
}

// add appends a node of the named field under parent (field.Root for a top-level protocol).
func (b *treeBuilder) add(parent int32, abbrev string, off, n int, v field.Value) int32 {
	f, ok := b.reg.Lookup(abbrev)
	if !ok {
		b.tb.Fatalf("no field %q", abbrev)
	}
	return b.t.Add(parent, f.ID, 0, off, n, v)
}

func u(x uint64) field.Value    { return field.Value{U: x} }
func i64(x int64) field.Value   { return field.Value{I: x} }
func str(s string) field.Value  { return field.Value{B: []byte(s)} }
func raw(b ...byte) field.Value { return field.Value{B: b} }
func addr(s string) field.Value { return field.Value{B: netip.MustParseAddr(s).AsSlice()} }

// loadRegistry reads a `tshark -G fields` subset (P and F lines) and `tshark -G values` subset
// (V, R, T lines) into a registry, so tests can check filters against tshark's real field types.
func loadRegistry(tb testing.TB, fieldsPath, valuesPath string) *field.Registry {
	types := map[string]field.Type{}
	for t := field.None; t <= field.SystemID; t++ {
		types[t.String()] = t
	}
	reg := field.NewRegistry()
	protos := map[string]field.ID{}
	type pending struct {
		abbrev, name, proto, base string
		t                         field.Type
		mask                      uint64
	}
	var fs []pending
	each(tb, fieldsPath, func(c []string) {
		switch {
		case c[0] == "P" && len(c) >= 3:
			if _, dup := reg.Lookup(c[2]); !dup {
				protos[c[2]] = reg.Protocol(c[2], c[1])
			}
		case c[0] == "F" && len(c) >= 7:
			m, _ := strconv.ParseUint(strings.TrimPrefix(c[6], "0x"), 16, 64)
			fs = append(fs, pending{abbrev: c[2], name: c[1], t: types[c[3]], proto: c[4], base: c[5], mask: m})
		}
	})
	strs := map[string]map[uint64]string{}
	ranges := map[string][]field.Range{}
	tfs := map[string][2]string{}
	if valuesPath != "" {
		each(tb, valuesPath, func(c []string) {
			switch {
			case c[0] == "V" && len(c) >= 4:
				v, err := strconv.ParseUint(c[2], 0, 64)
				if err != nil {
					return
				}
				if strs[c[1]] == nil {
					strs[c[1]] = map[uint64]string{}
				}
				strs[c[1]][v] = c[3]
			case c[0] == "R" && len(c) >= 5:
				lo, err1 := strconv.ParseUint(c[2], 0, 64)
				hi, err2 := strconv.ParseUint(c[3], 0, 64)
				if err1 == nil && err2 == nil {
					ranges[c[1]] = append(ranges[c[1]], field.Range{Lo: lo, Hi: hi, Name: c[4]})
				}
			case c[0] == "T" && len(c) >= 4:
				tfs[c[1]] = [2]string{c[2], c[3]}
			}
		})
	}
	for _, p := range fs {
		if _, dup := reg.Lookup(p.abbrev); dup {
			continue
		}
		var opts []field.Option
		if p.mask != 0 {
			opts = append(opts, field.WithMask(p.mask))
		}
		if s, ok := strs[p.abbrev]; ok {
			opts = append(opts, field.WithStrings(s))
		}
		if r, ok := ranges[p.abbrev]; ok {
			opts = append(opts, field.WithRanges(r))
		}
		if tf, ok := tfs[p.abbrev]; ok {
			opts = append(opts, field.WithTrueFalse(tf[0], tf[1]))
		}
		reg.Add(protos[p.proto], p.abbrev, p.name, p.t, opts...)
	}
	// tshark's protocol aliases are not in its glossary; the ones filters.txt uses (dissect/known.go
	// registers them all).
	reg.Alias("bootp", "dhcp")
	reg.Alias("ssl", "tls")
	return reg
}

func each(tb testing.TB, path string, fn func([]string)) {
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fn(strings.Split(sc.Text(), "\t"))
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
}
