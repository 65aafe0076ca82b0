package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// The Link Aggregation Control Protocol (IEEE 802.1AX, slow protocol subtype 1; Wireshark's
// packet-lacp.c): actor, partner and collector information with their state flags.

var (
	protoLACP                         = Fields.Protocol("lacp", "Link Aggregation Control Protocol")
	hfLACPVersion                     = Fields.Add(protoLACP, "lacp.version", "LACP Version", field.Uint8, field.WithBase(field.Hex))
	hfLACPTlvType                     = Fields.Add(protoLACP, "lacp.tlv_type", "TLV Type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0: "Terminator", 1: "Actor Information", 2: "Partner Information", 3: "Collector Information"}))
	hfLACPTlvLength                   = Fields.Add(protoLACP, "lacp.tlv_length", "TLV Length", field.Uint8, field.WithBase(field.Hex))
	hfLACPActorSysPriority            = Fields.Add(protoLACP, "lacp.actor.sys_priority", "Actor System Priority", field.Uint16)
	hfLACPActorSysid                  = Fields.Add(protoLACP, "lacp.actor.sysid", "Actor System ID", field.Ether)
	hfLACPActorKey                    = Fields.Add(protoLACP, "lacp.actor.key", "Actor Key", field.Uint16)
	hfLACPActorPortPriority           = Fields.Add(protoLACP, "lacp.actor.port_priority", "Actor Port Priority", field.Uint16)
	hfLACPActorPort                   = Fields.Add(protoLACP, "lacp.actor.port", "Actor Port", field.Uint16)
	hfLACPActorState                  = Fields.Add(protoLACP, "lacp.actor.state", "Actor State", field.Uint8, field.WithBase(field.Hex))
	hfLACPActorStateStr               = Fields.Add(protoLACP, "lacp.actor.state_str", "Actor State Flags", field.String)
	hfLACPActorStateActivity          = Fields.Add(protoLACP, "lacp.actor.state.activity", "LACP Activity", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Active", "Passive"))
	hfLACPActorStateTimeout           = Fields.Add(protoLACP, "lacp.actor.state.timeout", "LACP Timeout", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Short Timeout", "Long Timeout"))
	hfLACPActorStateAggregation       = Fields.Add(protoLACP, "lacp.actor.state.aggregation", "Aggregation", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Aggregatable", "Individual"))
	hfLACPActorStateSynchronization   = Fields.Add(protoLACP, "lacp.actor.state.synchronization", "Synchronization", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("In Sync", "Out of Sync"))
	hfLACPActorStateCollecting        = Fields.Add(protoLACP, "lacp.actor.state.collecting", "Collecting", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Enabled", "Disabled"))
	hfLACPActorStateDistributing      = Fields.Add(protoLACP, "lacp.actor.state.distributing", "Distributing", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Enabled", "Disabled"))
	hfLACPActorStateDefaulted         = Fields.Add(protoLACP, "lacp.actor.state.defaulted", "Defaulted", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Yes", "No"), field.WithBlurb("1 = Actor Rx machine is using DEFAULT Partner info, 0 = using info in Rx'd LACPDU"))
	hfLACPActorStateExpired           = Fields.Add(protoLACP, "lacp.actor.state.expired", "Expired", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Yes", "No"))
	hfLACPActorReserved               = Fields.Add(protoLACP, "lacp.actor.reserved", "Reserved", field.Bytes)
	hfLACPPartnerSysPriority          = Fields.Add(protoLACP, "lacp.partner.sys_priority", "Partner System Priority", field.Uint16)
	hfLACPPartnerSysid                = Fields.Add(protoLACP, "lacp.partner.sysid", "Partner System", field.Ether)
	hfLACPPartnerKey                  = Fields.Add(protoLACP, "lacp.partner.key", "Partner Key", field.Uint16)
	hfLACPPartnerPortPriority         = Fields.Add(protoLACP, "lacp.partner.port_priority", "Partner Port Priority", field.Uint16)
	hfLACPPartnerPort                 = Fields.Add(protoLACP, "lacp.partner.port", "Partner Port", field.Uint16, field.WithBlurb("The port number associated with this link assigned to the port by the Partner (via Management or Admin)"))
	hfLACPPartnerState                = Fields.Add(protoLACP, "lacp.partner.state", "Partner State", field.Uint8, field.WithBase(field.Hex))
	hfLACPPartnerStateStr             = Fields.Add(protoLACP, "lacp.partner.state_str", "Partner State Flags", field.String)
	hfLACPPartnerStateActivity        = Fields.Add(protoLACP, "lacp.partner.state.activity", "LACP Activity", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithTrueFalse("Active", "Passive"))
	hfLACPPartnerStateTimeout         = Fields.Add(protoLACP, "lacp.partner.state.timeout", "LACP Timeout", field.Bool, field.WithBase(8), field.WithMask(0x2), field.WithTrueFalse("Short Timeout", "Long Timeout"))
	hfLACPPartnerStateAggregation     = Fields.Add(protoLACP, "lacp.partner.state.aggregation", "Aggregation", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithTrueFalse("Aggregatable", "Individual"))
	hfLACPPartnerStateSynchronization = Fields.Add(protoLACP, "lacp.partner.state.synchronization", "Synchronization", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithTrueFalse("In Sync", "Out of Sync"))
	hfLACPPartnerStateCollecting      = Fields.Add(protoLACP, "lacp.partner.state.collecting", "Collecting", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Enabled", "Disabled"))
	hfLACPPartnerStateDistributing    = Fields.Add(protoLACP, "lacp.partner.state.distributing", "Distributing", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Enabled", "Disabled"))
	hfLACPPartnerStateDefaulted       = Fields.Add(protoLACP, "lacp.partner.state.defaulted", "Defaulted", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Yes", "No"), field.WithBlurb("1 = Actor Rx machine is using DEFAULT Partner info, 0 = using info in Rx'd LACPDU"))
	hfLACPPartnerStateExpired         = Fields.Add(protoLACP, "lacp.partner.state.expired", "Expired", field.Bool, field.WithBase(8), field.WithMask(0x80), field.WithTrueFalse("Yes", "No"))
	hfLACPPartnerReserved             = Fields.Add(protoLACP, "lacp.partner.reserved", "Reserved", field.Bytes)
	hfLACPCollectorMaxDelay           = Fields.Add(protoLACP, "lacp.collector.max_delay", "Collector Max Delay", field.Uint16, field.WithBlurb("The max delay of the station sending the LACPDU (in tens of usecs)"))
	hfLACPCollReserved                = Fields.Add(protoLACP, "lacp.coll_reserved", "Reserved", field.Bytes)
	hfLACPPad                         = Fields.Add(protoLACP, "lacp.pad", "Pad", field.Bytes)
	hfLACPVendor                      = Fields.Add(protoLACP, "lacp.vendor", "Unknown vendor", field.Bytes, field.WithBlurb("Some extra bytes (Vendor Specific ?)"))
	handleLACP                        = &Handle{Name: "lacp", Fn: dissectLACP}
)

var (
	lacpActorBits   = []field.ID{hfLACPActorStateActivity, hfLACPActorStateTimeout, hfLACPActorStateAggregation, hfLACPActorStateSynchronization, hfLACPActorStateCollecting, hfLACPActorStateDistributing, hfLACPActorStateDefaulted, hfLACPActorStateExpired}
	lacpPartnerBits = []field.ID{hfLACPPartnerStateActivity, hfLACPPartnerStateTimeout, hfLACPPartnerStateAggregation, hfLACPPartnerStateSynchronization, hfLACPPartnerStateCollecting, hfLACPPartnerStateDistributing, hfLACPPartnerStateDefaulted, hfLACPPartnerStateExpired}
)

func init() {
	RegisterShortName(protoLACP, "LACP")
	SlowSubtype.Add(1, handleLACP)
}

// lacpStateFlags writes a state octet as tshark's "E****G*A": a letter per set bit, highest first.
func lacpStateFlags(v uint8) string {
	const letters = "EFDCSGSA"
	var b [8]byte
	for i := 0; i < 8; i++ {
		if v&(0x80>>i) != 0 {
			b[i] = letters[i]
		} else {
			b[i] = '*'
		}
	}
	return string(b[:])
}

// lacpSide dissects the actor or partner information at o (after its type and length).
func lacpSide(c *Ctx, t Tvb, p int32, o int, actor bool) string {
	prio, sysid, key, pprio, port, state, str, rsv, bits := hfLACPActorSysPriority, hfLACPActorSysid, hfLACPActorKey, hfLACPActorPortPriority, hfLACPActorPort, hfLACPActorState, hfLACPActorStateStr, hfLACPActorReserved, lacpActorBits
	if !actor {
		prio, sysid, key, pprio, port, state, str, rsv, bits = hfLACPPartnerSysPriority, hfLACPPartnerSysid, hfLACPPartnerKey, hfLACPPartnerPortPriority, hfLACPPartnerPort, hfLACPPartnerState, hfLACPPartnerStateStr, hfLACPPartnerReserved, lacpPartnerBits
	}
	c.AddUint(p, prio, t, o, 2)
	c.AddBytes(p, sysid, t, o+2, 6)
	c.AddUint(p, key, t, o+8, 2)
	c.AddUint(p, pprio, t, o+10, 2)
	c.AddUint(p, port, t, o+12, 2)
	sn, sv := c.AddUint(p, state, t, o+14, 1)
	for _, b := range bits {
		c.AddUint(sn, b, t, o+14, 1)
	}
	if c.Visible() {
		lbl := flagsLabel(Fields.Get(state), sv, 1, bits, ", ", ", ")
		c.T.SetLabel(sn, lbl)
	}
	flags := lacpStateFlags(uint8(sv))
	c.AddGenerated(p, str, t, o+14, 1, field.Value{B: []byte(flags)})
	c.AddBytes(p, rsv, t, o+15, 3)
	if c.Cols.On {
		who := " ACTOR "
		if !actor {
			who = " PARTNER "
		}
		c.AppendInfo(who + string(field.AppendHexSep(nil, t.Bytes(o+2, 6), ':')) + " P: " + itoa(uint64(t.U16(o+12))) + " K: " + itoa(uint64(t.U16(o+8))) + " " + flags)
	}
	return flags
}

func dissectLACP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("LACP")
	c.ClearInfo()
	p := c.AddProto(parent, protoLACP, t, 0, -1)
	_, ver := c.AddUint(p, hfLACPVersion, t, 0, 1)
	if c.Cols.On {
		c.SetInfo("v" + itoa(ver))
	}
	o := 1
	for _, want := range []uint64{1, 2} {
		c.AddUint(p, hfLACPTlvType, t, o, 1)
		c.AddUint(p, hfLACPTlvLength, t, o+1, 1)
		lacpSide(c, t, p, o+2, want == 1)
		o += 20
	}
	c.AddUint(p, hfLACPTlvType, t, o, 1)
	c.AddUint(p, hfLACPTlvLength, t, o+1, 1)
	c.AddUint(p, hfLACPCollectorMaxDelay, t, o+2, 2)
	c.AddBytes(p, hfLACPCollReserved, t, o+4, 12)
	o += 16
	c.AddUint(p, hfLACPTlvType, t, o, 1)
	c.AddUint(p, hfLACPTlvLength, t, o+1, 1)
	o += 2
	c.AddBytes(p, hfLACPPad, t, o, 50)
	o += 50
	if t.Len() > o {
		c.AddBytes(p, hfLACPVendor, t, o, t.Len()-o)
	}
}
