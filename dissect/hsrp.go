package dissect

import (
	"bytes"

	"github.com/tshark-tui/tshark-tui/field"
)

// Cisco Hot Standby Router Protocol version 0/1, UDP 1985 (Wireshark's packet-hsrp.c): Hello, Coup
// and Resign messages and the interface state advertisement.

var (
	protoHSRP           = Fields.Protocol("hsrp", "Cisco Hot Standby Router Protocol")
	hfHsrpVersion       = Fields.Add(protoHSRP, "hsrp.version", "Version", field.Uint8, field.WithBlurb("The version of the HSRP messages"))
	hfHsrpOpcode        = Fields.Add(protoHSRP, "hsrp.opcode", "Op Code", field.Uint8, field.WithStrings(map[uint64]string{0: "Hello", 1: "Coup", 2: "Resign", 3: "Advertise"}), field.WithBlurb("The type of message contained in this packet"))
	hfHsrpState         = Fields.Add(protoHSRP, "hsrp.state", "State", field.Uint8, field.WithStrings(map[uint64]string{0: "Initial", 1: "Learn", 2: "Listen", 4: "Speak", 8: "Standby", 16: "Active"}), field.WithBlurb("The current state of the router sending the message"))
	hfHsrpHellotime     = Fields.Add(protoHSRP, "hsrp.hellotime", "Hellotime", field.Uint8, field.WithBlurb("The approximate period between the Hello messages that the router sends"))
	hfHsrpHoldtime      = Fields.Add(protoHSRP, "hsrp.holdtime", "Holdtime", field.Uint8, field.WithBlurb("Time that the current Hello message should be considered valid"))
	hfHsrpPriority      = Fields.Add(protoHSRP, "hsrp.priority", "Priority", field.Uint8, field.WithBlurb("Used to elect the active and standby routers. Numerically higher priority wins vote"))
	hfHsrpGroup         = Fields.Add(protoHSRP, "hsrp.group", "Group", field.Uint8, field.WithBlurb("This field identifies the standby group"))
	hfHsrpReserved      = Fields.Add(protoHSRP, "hsrp.reserved", "Reserved", field.Uint8)
	hfHsrpAuthData      = Fields.Add(protoHSRP, "hsrp.auth_data", "Authentication Data", field.String, field.WithBlurb("Contains a clear-text 8 character reused password"))
	hfHsrpVirtIp        = Fields.Add(protoHSRP, "hsrp.virt_ip", "Virtual IP Address", field.IPv4, field.WithBlurb("The virtual IP address used by this group"))
	hfHsrpAdvTlvtype    = Fields.Add(protoHSRP, "hsrp.adv.tlvtype", "Adv type", field.Uint16, field.WithStrings(map[uint64]string{1: "HSRP interface state", 2: "IP redundancy"}), field.WithBlurb("Advertisement tlv type"))
	hfHsrpAdvTlvlength  = Fields.Add(protoHSRP, "hsrp.adv.tlvlength", "Adv length", field.Uint16, field.WithBlurb("Advertisement tlv length"))
	hfHsrpAdvState      = Fields.Add(protoHSRP, "hsrp.adv.state", "Adv state", field.Uint8, field.WithStrings(map[uint64]string{1: "Dormant", 2: "Passive", 3: "Active"}), field.WithBlurb("Advertisement tlv length"))
	hfHsrpAdvReserved1  = Fields.Add(protoHSRP, "hsrp.adv.reserved1", "Adv reserved1", field.Uint8, field.WithBlurb("Advertisement tlv length"))
	hfHsrpAdvActivegrp  = Fields.Add(protoHSRP, "hsrp.adv.activegrp", "Adv active groups", field.Uint16, field.WithBlurb("Advertisement active group count"))
	hfHsrpAdvPassivegrp = Fields.Add(protoHSRP, "hsrp.adv.passivegrp", "Adv passive groups", field.Uint16, field.WithBlurb("Advertisement passive group count"))
	hfHsrpAdvReserved2  = Fields.Add(protoHSRP, "hsrp.adv.reserved2", "Adv reserved2", field.Uint32, field.WithBlurb("Advertisement tlv length"))
	handleHSRP          = &Handle{Name: "hsrp", Fn: dissectHSRP}
)

func init() {
	RegisterShortName(protoHSRP, "HSRP")
	UDPPort.Add(1985, handleHSRP)
}

func dissectHSRP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("HSRP")
	op := uint64(t.U8(1))
	opName, ok := Fields.Get(hfHsrpOpcode).ValueName(op)
	if !ok {
		opName = "Unknown"
	}
	p := c.AddProto(parent, protoHSRP, t, 0, -1)
	c.AddUint(p, hfHsrpVersion, t, 0, 1)
	c.AddUintV(p, hfHsrpOpcode, t, 1, 1, op)
	if op == 3 {
		c.AddUint(p, hfHsrpAdvTlvtype, t, 2, 2)
		_, l := c.AddUint(p, hfHsrpAdvTlvlength, t, 4, 2)
		_, st := c.AddUint(p, hfHsrpAdvState, t, 6, 1)
		stName, _ := Fields.Get(hfHsrpAdvState).ValueName(st)
		c.SetInfo(opName + " (state " + stName + ")")
		c.AddUint(p, hfHsrpAdvReserved1, t, 7, 1)
		c.AddUint(p, hfHsrpAdvActivegrp, t, 8, 2)
		c.AddUint(p, hfHsrpAdvPassivegrp, t, 10, 2)
		if l >= 14 {
			c.AddUint(p, hfHsrpAdvReserved2, t, 12, 4)
		}
		c.setProtoLen(p, protoHSRP, 2+int(l))
		return
	}
	_, st := c.AddUint(p, hfHsrpState, t, 2, 1)
	stName, ok := Fields.Get(hfHsrpState).ValueName(st)
	if !ok {
		stName = "Unknown"
	}
	c.SetInfo(opName + " (state " + stName + ")")
	hn, hv := c.AddUint(p, hfHsrpHellotime, t, 3, 1)
	if hv == 3 {
		c.Label(hn, "Hellotime: Default (3)")
	} else {
		c.Label(hn, "Hellotime: Non-default (%d)", hv)
	}
	hn, hv = c.AddUint(p, hfHsrpHoldtime, t, 4, 1)
	if hv == 10 {
		c.Label(hn, "Holdtime: Default (10)")
	} else {
		c.Label(hn, "Holdtime: Non-default (%d)", hv)
	}
	c.AddUint(p, hfHsrpPriority, t, 5, 1)
	c.AddUint(p, hfHsrpGroup, t, 6, 1)
	c.AddUint(p, hfHsrpReserved, t, 7, 1)
	auth := t.Bytes(8, 8)
	if i := bytes.IndexByte(auth, 0); i >= 0 {
		auth = auth[:i]
	}
	an := c.AddBytesV(p, hfHsrpAuthData, t, 8, 8, asciiString(auth))
	if string(auth) == "cisco" {
		c.Label(an, "Authentication Data: Default (cisco)")
	} else {
		c.Label(an, "Authentication Data: Non-Default (%s)", auth)
	}
	c.AddBytes(p, hfHsrpVirtIp, t, 16, 4)
	c.setProtoLen(p, protoHSRP, 20)
}
