package dissect

import "github.com/tshark-tui/tshark-tui/field"

// belowPayload are the protocols whose fields a one-pass run can produce without dissecting what a
// TCP segment carries.
var belowPayload = map[string]bool{
	"frame": true, "eth": true, "ethertype": true, "vlan": true, "ieee8021ad": true, "ieee8021ah": true,
	"llc": true, "sll": true, "null": true, "ip": true, "ipv6": true, "icmp": true, "icmpv6": true,
	"tcp": true, "udp": true, "arp": true, "gre": true, "mpls": true, "erspan": true,
}

// payloadFields are transport fields that exist only once the payload has been dissected
// (reassembly of PDUs, the protocol list).
var payloadFields = map[string]bool{
	"frame.protocols": true, "tcp.reassembled_in": true, "tcp.reassembled.length": true,
	"tcp.reassembled.data": true, "tcp.segment": true, "tcp.segments": true, "tcp.segment.count": true,
	"tcp.segment_data": true, "tcp.segment.error": true, "tcp.segment.overlap": true,
	"tcp.segment.overlap.conflict": true, "tcp.segment.multipletails": true, "tcp.segment.toolongfragment": true,
	"tcp.pdu.size": true, "tcp.pdu.time": true, "tcp.pdu.last_frame": true,
}

// tcpPayloadWanted reports whether TCP must hand its payload on. Only a lean one-pass run (tshark's
// batch mode: nothing dissected twice, so no application state is needed later; see
// Config.LeanPayload) with no columns, no visible tree and a field list that stays below the payload
// may skip it: `-T fields -e ip.src -e tcp.srcport` gives the same output, faster. Re-dissections
// (the UI's refilter) may skip it too: they only read state the first pass left.
func (c *Ctx) tcpPayloadWanted() bool {
	// a re-dissection (not the first pass) changes no state either, so it may skip as well
	if (!c.State.leanPayload && c.Pass1) || c.T.Want == nil || c.Cols.On || c.T.Visible {
		return true
	}
	if c.wantFor != c.T.Want {
		c.wantFor = c.T.Want
		c.wantPayload = false
		c.T.Want.Each(func(id field.ID) {
			f := Fields.Get(id)
			if f == nil {
				return
			}
			p := Fields.ProtocolOf(id)
			if payloadFields[f.Abbrev] || p == nil || !belowPayload[p.Abbrev] {
				c.wantPayload = true
			}
		})
	}
	return c.wantPayload
}
