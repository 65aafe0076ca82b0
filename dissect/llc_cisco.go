package dissect

import "github.com/tshark-tui/tshark-tui/field"

// SNAP payloads under organisation codes other than 00:00:00 (Wireshark's per-OUI "llc.*_pid"
// tables in packet-llc.c). Cisco's OUI 00:00:0c carries CDP, VTP, DTP and PVST+ BPDUs.

var (
	hfLLCCiscoPID = Fields.Add(protoLLC, "llc.cisco_pid", "PID", field.Uint16, field.WithBase(field.Hex),
		field.WithStrings(llcCiscoPIDVals), field.WithBlurb("Protocol ID"))

	// LLCCiscoPID hands a SNAP payload with Cisco's OUI on by its protocol ID.
	LLCCiscoPID = NewTable("llc.cisco_pid")
)

var llcCiscoPIDVals = map[uint64]string{
	0x0102: "DRIP", 0x0104: "PAgP", 0x0105: "MLS Hello", 0x0108: "RLQ BPDUs (request)",
	0x0109: "RLQ BPDUs (response)", 0x010b: "PVSTP+", 0x010c: "VLAN Bridge", 0x0111: "UDLD", 0x0139: "MCP",
	0x2000: "CDP", 0x2001: "CGMP", 0x2003: "VTP", 0x2004: "DTP", 0x200a: "STP Uplink Fast",
}

// llcOUINames names the organisation codes whose SNAP payloads are dissected here.
var llcOUINames = map[uint64]string{0x00000c: "Cisco Systems, Inc"}

// llcOUIHandoff dissects the PID and payload of a SNAP header (t is the LLC header's view, oui its
// organisation code, on the OUI's node) when the OUI has a PID table; it reports whether it did.
func llcOUIHandoff(c *Ctx, t Tvb, p, on, parent int32, oui uint64) bool {
	if oui != 0x00000c {
		return false
	}
	if c.Visible() {
		c.T.SetLabel(on, "Organization Code: "+string(field.AppendHexSep(nil, t.Bytes(3, 3), ':'))+" ("+llcOUINames[oui]+")")
	}
	_, pid := c.AddUint(p, hfLLCCiscoPID, t, 6, 2)
	payload := t.Sub(8)
	if !c.TryTable(LLCCiscoPID, pid, payload, parent) {
		c.CallData(payload, parent)
	}
	return true
}
