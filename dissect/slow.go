package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// The IEEE 802.3 Slow Protocols (ethertype 0x8809; Wireshark's packet-slowprotocols.c): a subtype
// octet that hands the rest to LACP, the Marker protocol, OAM or an organization-specific protocol.

var (
	protoSlow     = Fields.Protocol("slow", "Slow Protocols")
	hfSlowSubtype = Fields.Add(protoSlow, "slow.subtype", "Slow Protocols subtype", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{1: "LACP", 2: "Marker Protocol", 3: "OAM", 10: "Organization Specific Slow Protocol"}))
	handleSlow    = &Handle{Name: "slow", Fn: dissectSlow}

	// SlowSubtype hands a slow protocol PDU on by its subtype.
	SlowSubtype = NewTable("slow.subtype")
)

func init() {
	RegisterShortName(protoSlow, "Slow Protocols")
	EtherType.Add(0x8809, handleSlow)
}

func dissectSlow(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("Slow Protocols")
	c.ClearInfo()
	p := c.AddProto(parent, protoSlow, t, 0, 1)
	_, st := c.AddUint(p, hfSlowSubtype, t, 0, 1)
	if !c.TryTable(SlowSubtype, st, t.Sub(1), parent) {
		c.CallData(t.Sub(1), parent)
	}
}
