package dissect_test

import (
	"testing"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

func TestIPv4Fields(t *testing.T) {
	// ipv4.pcap frame 1's Ethernet and IPv4 headers (tcpdump -X), protocol changed to 143 (Ethernet, which nothing here dissects).
	//	0x0000:  0013 7fbe 8cff 001d 0905 cf48 0800 4500  ...........H..E.
	//	0x0010:  003c 36c5 4000 408f f799 8d8e dceb c7e9  .<6.@.@.........
	//	0x0020:  d9f9 ...
	b := mustHex(t, "00137fbe8cff001d0905cf4808004500003c36c54000408ff7998d8edcebc7e9d9f9"+
		"c35300156de4ac8d00000000a00216d033bf0000020405b40402080a0001d5e90000000001030307")
	c, tr := runFrame(t, 1, b)
	tests := []struct{ field, want string }{
		{"ip.version", "4"}, {"ip.hdr_len", "20"}, {"ip.dsfield", "0x00"}, {"ip.len", "60"},
		{"ip.id", "0x36c5"}, {"ip.flags", "0x02"}, {"ip.flags.df", "1"}, {"ip.frag_offset", "0"},
		{"ip.ttl", "64"}, {"ip.proto", "143"}, {"ip.checksum", "0xf799"}, {"ip.checksum.status", "2"},
		{"ip.src", "141.142.220.235"}, {"ip.addr", "141.142.220.235,199.233.217.249"},
		{"ip.host", "141.142.220.235,199.233.217.249"}, {"eth.type", "0x0800"},
	}
	for _, tc := range tests {
		t.Run(tc.field, func(t *testing.T) {
			if got := fieldRepr(tr, tc.field); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if got := string(c.Cols.Info); got != "Ethernet (143)" {
		t.Errorf("info %q", got)
	}
	if c.Cols.Protocol != "IPv4" {
		t.Errorf("protocol %q", c.Cols.Protocol)
	}
}

func TestIPv4Fragment(t *testing.T) {
	// A first fragment (MF set, offset 0) of an ICMP datagram, ID 0x1234.
	b := mustHex(t, "000102030405060708090a0b08004500001c1234200040010000"+"0a0000010a000002"+"0800f7ff00000000")
	c, tr := runFrame(t, 1, b)
	if got := string(c.Cols.Info); got != "Fragmented IP protocol (proto=ICMP 1, off=0, ID=1234)" {
		t.Errorf("info %q", got)
	}
	if got := fieldRepr(tr, "frame.protocols"); got != "eth:ethertype:ip:data" {
		t.Errorf("protocols %q", got)
	}
}

func TestIPv4Options(t *testing.T) {
	// Router alert and record route options (IHL 10).
	b := mustHex(t, "000102030405060708090a0b0800"+"4a00002c000100000102"+"0000"+"0a0000010a000002"+
		"94040000"+"070b08"+"0a000001"+"00000000"+"01"+"")
	_, tr := runFrame(t, 1, b)
	tests := []struct{ field, want string }{
		{"ip.opt.type", "148,7,1"}, {"ip.opt.ra", "0"}, {"ip.opt.ptr", "8"},
		{"ip.rec_rt", "10.0.0.1"}, {"ip.empty_rt", "0.0.0.0"},
	}
	for _, tc := range tests {
		t.Run(tc.field, func(t *testing.T) {
			if got := fieldRepr(tr, tc.field); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// BenchmarkDissectEthIPv4 measures the filter path: eth → ip with an invisible tree that wants only
// frame.number and ip.src, columns off.
func BenchmarkDissectEthIPv4(b *testing.B) {
	pkt := mustHex(b, "00137fbe8cff001d0905cf4808004500003c36c54000408ff7998d8edcebc7e9d9f9"+
		"c35300156de4ac8d00000000a00216d033bf0000020405b40402080a0001d5e90000000001030307")
	tr := field.NewTree(dissect.Fields)
	tr.Visible = false
	want := field.NewIDSet(dissect.Fields)
	for _, n := range []string{"frame.number", "ip.src"} {
		f, _ := dissect.Fields.Lookup(n)
		want.Add(f.ID)
	}
	tr.Want = want
	c := dissect.NewCtx(tr, dissect.NewState())
	fi := &dissect.FrameInfo{Number: 1, CapLen: uint32(len(pkt)), Len: uint32(len(pkt)), Link: 1}
	b.ReportAllocs()
	b.SetBytes(int64(len(pkt)))
	for i := 0; i < b.N; i++ {
		c.Run(fi, pkt)
	}
}
