package field_test

import (
	"testing"

	"github.com/tshark-tui/tshark-tui/field"
)

func TestLabelsAndRepr(t *testing.T) {
	r := field.NewRegistry()
	ip := r.Protocol("ip", "Internet Protocol Version 4")
	df := r.Get(r.Add(ip, "ip.flags.df", "Don't fragment", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Set", "Not set")))
	proto := r.Get(r.Add(ip, "ip.proto", "Protocol", field.Uint8, field.WithStrings(map[uint64]string{6: "TCP"})))
	flags := r.Get(r.Add(ip, "tcp.flags", "Flags", field.Uint16, field.WithBase(field.Hex), field.WithMask(0x0fff)))
	etype := r.Get(r.Add(ip, "eth.type", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0x800: "IPv4"})))
	syn := r.Get(r.Add(ip, "tcp.flags.syn", "Syn", field.Bool, field.WithBase(12), field.WithMask(0x002), field.WithTrueFalse("Set", "Not set")))
	src := r.Get(r.Add(ip, "ip.src", "Source Address", field.IPv4))
	host := r.Get(r.Add(ip, "http.host", "Host", field.String))
	rel := r.Get(r.Add(ip, "frame.time_delta", "Time delta", field.RelTime))
	tests := []struct {
		name        string
		f           *field.Field
		v           field.Value
		label, repr string
	}{
		{"masked bool", df, field.Value{U: 1}, ".1.. .... = Don't fragment: Set", "1"},
		{"value name", proto, field.Value{U: 6}, "Protocol: TCP (6)", "6"},
		{"unknown value", proto, field.Value{U: 200}, "Protocol: Unknown (200)", "200"},
		{"hex masked width", flags, field.Value{U: 2}, ".... 0000 0000 0010 = Flags: 0x002", "0x0002"},
		{"hex value name", etype, field.Value{U: 0x800}, "Type: IPv4 (0x0800)", "0x0800"},
		{"12-bit bool", syn, field.Value{U: 1}, ".... .... ..1. = Syn: Set", "1"},
		{"ipv4", src, field.Value{B: []byte{10, 0, 0, 5}}, "Source Address: 10.0.0.5", "10.0.0.5"},
		{"string escaped", host, field.Value{B: []byte("a\r\n\x1b[2J\\b")}, `Host: a\r\n\033[2J\b`, `a\r\n\033[2J\b`},
		{"relative time", rel, field.Value{I: 211000}, "Time delta: 0.000211000 seconds", "0.000211000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Label(tt.v); got != tt.label {
				t.Errorf("label %q, want %q", got, tt.label)
			}
			if got := tt.f.Repr(tt.v); got != tt.repr {
				t.Errorf("repr %q, want %q", got, tt.repr)
			}
		})
	}
}

func TestTreeWant(t *testing.T) {
	r := field.NewRegistry()
	p := r.Protocol("tcp", "TCP")
	a := r.Add(p, "tcp.srcport", "Source Port", field.Uint16)
	b := r.Add(p, "tcp.dstport", "Destination Port", field.Uint16)
	tr := field.NewTree(r)
	want := field.NewIDSet(r)
	want.Add(b)
	tr.Want = want
	pn := tr.Add(field.Root, p, 0, 0, 20, field.Value{})
	if pn == field.Root {
		t.Fatal("protocol nodes are always added")
	}
	if got := tr.Add(pn, a, 0, 0, 2, field.Value{U: 1}); got != pn {
		t.Error("an unwanted field was added")
	}
	if got := tr.Add(pn, b, 0, 2, 2, field.Value{U: 80}); got == pn {
		t.Error("a wanted field was not added")
	}
	if n := tr.First(b); n == nil || n.Value.U != 80 || n.Parent != pn {
		t.Errorf("wanted field: %+v", n)
	}
}
