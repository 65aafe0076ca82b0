package dissect

import (
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

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
	c.wantInit()
	return c.wantPayload
}

// wantInit analyses the tree's Want set once per set.
func (c *Ctx) wantInit() {
	if c.wantFor == c.T.Want {
		return
	}
	c.wantFor = c.T.Want
	c.wantPayload, c.wantAll, c.wantNone = false, false, true
	c.wantProtos = field.NewIDSet(Fields)
	clear(c.wantPrefix)
	c.T.Want.Each(func(id field.ID) {
		c.wantNone = false
		f := Fields.Get(id)
		if f == nil {
			return
		}
		p := Fields.ProtocolOf(id)
		if payloadFields[f.Abbrev] || p == nil || !belowPayload[p.Abbrev] {
			c.wantPayload = true
		}
		if p != nil {
			c.wantProtos.Add(p.ID)
		}
		if strings.HasPrefix(f.Abbrev, "_ws.") {
			c.wantAll = true // expert items: any protocol may add them
		}
	})
}

// wantsItems reports whether building proto's items can matter for this dissection: the tree is
// visible, columns are wanted, there is no Want set, or it wants a field of proto or any expert item.
// A dissector may skip items that change no state when this is false (a filter on ip.addr needs no
// Ethernet address subtrees).
func (c *Ctx) wantsItems(proto field.ID) bool {
	if c.T.Want == nil || c.T.Visible || c.Cols.On {
		return true
	}
	c.wantInit()
	return c.wantAll || c.wantProtos.Has(proto)
}

// wantsPrefix reports whether the dissection may need fields whose names start with prefix
// ("tcp.options"): true unless a Want set excludes them all, with no visible tree or columns.
func (c *Ctx) wantsPrefix(prefix string) bool {
	if c.T.Want == nil || c.T.Visible || c.Cols.On {
		return true
	}
	c.wantInit()
	if c.wantAll {
		return true
	}
	if v, ok := c.wantPrefix[prefix]; ok {
		return v
	}
	v := false
	c.T.Want.Each(func(id field.ID) {
		if f := Fields.Get(id); f != nil && strings.HasPrefix(f.Abbrev, prefix) {
			v = true
		}
	})
	if c.wantPrefix == nil {
		c.wantPrefix = map[string]bool{}
	}
	c.wantPrefix[prefix] = v
	return v
}
