package dissect

import (
	"bytes"

	"github.com/tshark-tui/tshark-tui/field"
)

// Simple Service Discovery Protocol, UDP 1900: HTTP messages over UDP, which Wireshark dissects with
// its HTTP code under an "ssdp" protocol item (packet-ssdp.c hands to packet-http.c).

var (
	protoSSDP  = Fields.Protocol("ssdp", "Simple Service Discovery Protocol")
	handleSSDP = &Handle{Name: "ssdp", Fn: dissectSSDP}
)

func init() {
	RegisterShortName(protoSSDP, "SSDP")
	UDPPort.Add(1900, handleSSDP)
}

func dissectSSDP(c *Ctx, t Tvb, parent int32) {
	start := len(c.T.Nodes)
	dissectHTTP(c, t, parent)
	// The HTTP code adds its protocol item; SSDP's is the same item under another name.
	notify := bytes.HasPrefix(t.B, []byte("NOTIFY "))
	for i := start; i < len(c.T.Nodes); i++ {
		n := &c.T.Nodes[i]
		switch n.Field {
		case protoHTTP:
			n.Field = protoSSDP
		case hfHTTPRequestLine:
			if !notify {
				break
			}
			// Wireshark's HTTP treats NOTIFY as a notification, without request line items: headers
			// it does not know are unknown headers, and the hidden copies of known ones are absent.
			if n.Flags&field.Hidden != 0 {
				n.Field = 0
			} else {
				n.Field = hfHTTPUnknownHeader
			}
		}
	}
	c.SetProtocol("SSDP")
}
