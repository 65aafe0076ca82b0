package dissect

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
	for i := start; i < len(c.T.Nodes); i++ {
		if c.T.Nodes[i].Field == protoHTTP {
			c.T.Nodes[i].Field = protoSSDP
		}
	}
	c.SetProtocol("SSDP")
}
