package displayfilter_test

import (
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/field"
)

// undissectedRegistry is testRegistry plus a protocol known by name only (as dissect/known.go
// registers Wireshark's protocols it does not dissect) and an alias.
func undissectedRegistry() *field.Registry {
	r := testRegistry()
	r.Get(r.Protocol("smb2", "SMB2 (Server Message Block Protocol version 2)")).Undissected = true
	dhcp := r.Protocol("dhcp", "Dynamic Host Configuration Protocol")
	r.Add(dhcp, "dhcp.type", "Message type", field.Uint8)
	r.Alias("bootp", "dhcp")
	return r
}

func TestUndissectedWarnings(t *testing.T) {
	reg := undissectedRegistry()
	tests := []struct {
		filter string
		want   []string // warning messages
		pos    int      // of the first
	}{
		{"smb2", []string{"smb2 is not dissected: this filter cannot match"}, 0},
		{"tcp && smb2.cmd == 5", []string{"smb2 is not dissected: this filter cannot match"}, 7},
		{"smb2 || smb2.flags.response", []string{"smb2 is not dissected: this filter cannot match"}, 0},
		{"count(smb2.cmd) > 1", []string{"smb2 is not dissected: this filter cannot match"}, 6},
		{"tcp.port == 445", nil, 0},
		{"bootp.type == 1", nil, 0},
		{"smb2.cmd ==", nil, 0}, // does not compile: no warnings
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			ws := displayfilter.UndissectedWarnings(tt.filter, reg)
			var got []string
			for _, w := range ws {
				got = append(got, w.Msg)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if len(ws) > 0 && ws[0].Pos != tt.pos {
				t.Errorf("pos %d, want %d", ws[0].Pos, tt.pos)
			}
			if all := displayfilter.Warnings(tt.filter, reg); len(all) < len(ws) {
				t.Errorf("Warnings %v lacks the undissected ones", all)
			}
		})
	}
}

// TestUndissectedFieldsNeverMatch: a field of an undissected protocol compiles with any literal, as
// tshark's does, and matches nothing; "!" of it matches everything.
func TestUndissectedFieldsNeverMatch(t *testing.T) {
	reg := undissectedRegistry()
	b := newTree(t, reg, make([]byte, 64))
	b.add(b.add(field.Root, "tcp", 0, 20, field.Value{}), "tcp.srcport", 0, 2, u(445))
	tr := b.t
	for filter, want := range map[string]bool{
		"smb2.cmd == 5":                 false,
		`smb2.filename contains "x"`:    false,
		"!smb2.cmd":                     true,
		"tcp.srcport == 445 || smb2":    true,
		"smb2.cmd == 5 || tcp.srcport":  true,
		`smb2.cmd matches "^a"`:         false,
		"tcp.srcport == 445 && smb2.id": false,
	} {
		f, err := displayfilter.Compile(filter, reg)
		if err != nil {
			t.Errorf("%q: %v", filter, err)
			continue
		}
		if got := f.Match(tr); got != want {
			t.Errorf("%q matched %v, want %v", filter, got, want)
		}
	}
	if _, err := displayfilter.Compile("tcp.nosuchfield == 1", reg); err == nil {
		t.Error("a missing field of a dissected protocol must stay an error")
	}
}

func TestProtocolAlias(t *testing.T) {
	reg := undissectedRegistry()
	b := newTree(t, reg, make([]byte, 64))
	b.add(b.add(field.Root, "dhcp", 0, 20, field.Value{}), "dhcp.type", 0, 1, u(1))
	tr := b.t
	for _, filter := range []string{"bootp", "bootp.type == 1", "dhcp.type == 1", ".bootp.type == 1"} {
		f, err := displayfilter.Compile(filter, reg)
		if err != nil {
			t.Fatalf("%q: %v", filter, err)
		}
		if !f.Match(tr) {
			t.Errorf("%q does not match", filter)
		}
	}
	if _, err := displayfilter.Compile("bootpx", reg); err == nil {
		t.Error("bootpx must not resolve")
	}
}
