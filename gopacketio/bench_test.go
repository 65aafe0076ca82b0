package gopacketio_test

import (
	"testing"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// BenchmarkDecode compares decoding the same packets with gopacket (eager packets, and the
// allocation-free DecodingLayerParser) and with our dissectors (a first pass without labels, as
// a display filter runs, and with the full tree the detail pane shows).
func BenchmarkDecode(b *testing.B) {
	var pkts [][]byte
	rd, err := capture.OpenSequential("../testdata/captures/http.pcap", "../testdata/captures/dns.pcap", "../testdata/captures/smtp.pcap")
	if err != nil {
		b.Fatal(err)
	}
	for {
		p, err := rd.Next()
		if err != nil {
			break
		}
		pkts = append(pkts, append([]byte(nil), p.Data...))
	}
	rd.Close()
	b.Run("gopacket-NewPacket", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			gopacket.NewPacket(pkts[i%len(pkts)], layers.LinkTypeEthernet, gopacket.NoCopy)
		}
	})
	b.Run("gopacket-DecodingLayerParser", func(b *testing.B) {
		var (
			eth     layers.Ethernet
			ip4     layers.IPv4
			tcp     layers.TCP
			udp     layers.UDP
			dns     layers.DNS
			payload gopacket.Payload
			decoded []gopacket.LayerType
		)
		p := gopacket.NewDecodingLayerParser(layers.LayerTypeEthernet, &eth, &ip4, &tcp, &udp, &dns, &payload)
		p.IgnoreUnsupported = true
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_ = p.DecodeLayers(pkts[i%len(pkts)], &decoded)
		}
	})
	for _, visible := range []bool{false, true} {
		name := "ours-filter-pass"
		if visible {
			name = "ours-full-tree"
		}
		b.Run(name, func(b *testing.B) {
			tr := field.NewTree(dissect.Fields)
			tr.Visible = visible
			c := dissect.NewCtx(tr, dissect.NewState())
			c.Pass1 = true
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				d := pkts[i%len(pkts)]
				c.Run(&dissect.FrameInfo{Number: uint32(i + 1), CapLen: uint32(len(d)), Len: uint32(len(d)), Link: 1}, d)
			}
		})
	}
}
