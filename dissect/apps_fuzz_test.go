package dissect_test

import (
	"path/filepath"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// appCaptures are the captures of make-apps.sh and make-web.sh; their frames seed FuzzAppProtocols.
var appCaptures = []string{"mysql.pcap", "pgsql.pcap", "redis.pcap", "mqtt.pcap", "memcache.pcap", "sip.pcap",
	"h2c.pcap", "h2.pcap", "http-media.pcap"}

// FuzzAppProtocols feeds arbitrary frames, seeded with the database, application and voice
// captures' frames, through a first pass and a re-dissection of a capture whose earlier frames set up
// state (a SIP call's SDP, a MySQL greeting, a PostgreSQL authentication request): nothing may panic
// out of Run and every node must lie inside its data source.
func FuzzAppProtocols(f *testing.F) {
	type frame struct{ data []byte }
	var prefix [][]byte // the first frames of the SIP capture: they announce RTP and RTCP ports
	for _, name := range appCaptures {
		rd, err := capture.Open(filepath.Join("..", "testdata", "captures", name))
		if err != nil {
			continue
		}
		for n := 0; ; n++ {
			p, err := rd.Next()
			if err != nil {
				break
			}
			data := append([]byte(nil), p.Data...)
			f.Add(data)
			if name == "sip.pcap" && n < 9 {
				prefix = append(prefix, data)
			}
		}
		rd.Close()
	}
	f.Add([]byte{})
	tr := field.NewTree(dissect.Fields)
	f.Fuzz(func(t *testing.T, data []byte) {
		st := dissect.NewState()
		run := func(num uint32, b []byte, pass1 bool) {
			c := dissect.NewCtx(tr, st)
			c.Pass1 = pass1
			c.Cols.On = true
			tr.Visible = true
			c.Run(&dissect.FrameInfo{Number: num, CapLen: uint32(len(b)), Len: uint32(len(b)), Link: 1}, b)
			for i := 1; i < len(tr.Nodes); i++ {
				n := &tr.Nodes[i]
				if int(n.Src) >= len(tr.Sources) || n.Off < 0 || n.Len < 0 ||
					int(n.Off)+int(n.Len) > len(tr.Sources[n.Src].Bytes) {
					t.Fatalf("frame %d node %d covers [%d,+%d) outside its source", num, i, n.Off, n.Len)
				}
			}
		}
		for i, b := range prefix {
			run(uint32(i+1), b, true)
		}
		num := uint32(len(prefix) + 1)
		run(num, data, true)
		run(num+1, data, true) // the same bytes again: a retransmission, a second PDU
		run(num, data, false)
	})
}
