package dissect

import (
	"fmt"

	"github.com/tshark-tui/tshark-tui/field"
)

// Bidirectional Forwarding Detection control packets, version 1, UDP 3784 and 4784 (Wireshark's
// packet-bfd.c), with their simple password and keyed MD5/SHA1 authentication sections.

var (
	protoBFD                     = Fields.Protocol("bfd", "BFD Control message")
	hfBfdVersion                 = Fields.Add(protoBFD, "bfd.version", "Protocol Version", field.Uint8, field.WithMask(0xe0), field.WithBlurb("The version number of the BFD protocol"))
	hfBfdDiag                    = Fields.Add(protoBFD, "bfd.diag", "Diagnostic Code", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x1f), field.WithStrings(map[uint64]string{0x0: "No Diagnostic", 0x1: "Control Detection Time Expired", 0x2: "Echo Function Failed", 0x3: "Neighbor Signaled Session Down", 0x4: "Forwarding Plane Reset", 0x5: "Path Down", 0x6: "Concatenated Path Down", 0x7: "Administratively Down", 0x8: "Reverse Concatenated Path Down", 0x9: "Mis-Connectivity Defect"}), field.WithBlurb("This field give the reason for a BFD session failure"))
	hfBfdSta                     = Fields.Add(protoBFD, "bfd.sta", "Session State", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xc0), field.WithStrings(map[uint64]string{0x0: "AdminDown", 0x1: "Down", 0x2: "Init", 0x3: "Up"}), field.WithBlurb("The BFD state as seen by the transmitting system"))
	hfBfdFlags                   = Fields.Add(protoBFD, "bfd.flags", "Message Flags", field.Uint8, field.WithBase(field.Hex))
	hfBfdDetectTimeMultiplier    = Fields.Add(protoBFD, "bfd.detect_time_multiplier", "Detect Time Multiplier", field.Uint8, field.WithBlurb("The transmit interval multiplied by this value is the failure detection time"))
	hfBfdMessageLength           = Fields.Add(protoBFD, "bfd.message_length", "Message Length", field.Uint8, field.WithBlurb("Length of the BFD Control packet, in bytes"))
	hfBfdMyDiscriminator         = Fields.Add(protoBFD, "bfd.my_discriminator", "My Discriminator", field.Uint32, field.WithBase(field.Hex))
	hfBfdYourDiscriminator       = Fields.Add(protoBFD, "bfd.your_discriminator", "Your Discriminator", field.Uint32, field.WithBase(field.Hex))
	hfBfdDesiredMinTxInterval    = Fields.Add(protoBFD, "bfd.desired_min_tx_interval", "Desired Min TX Interval", field.Uint32, field.WithBlurb("The minimum interval to use when transmitting BFD Control packets"))
	hfBfdRequiredMinRxInterval   = Fields.Add(protoBFD, "bfd.required_min_rx_interval", "Required Min RX Interval", field.Uint32, field.WithBlurb("The minimum interval between received BFD Control packets that this system can support"))
	hfBfdRequiredMinEchoInterval = Fields.Add(protoBFD, "bfd.required_min_echo_interval", "Required Min Echo Interval", field.Uint32, field.WithBlurb("The minimum interval between received BFD Echo packets that this system can support"))
	hfBfdChecksum                = Fields.Add(protoBFD, "bfd.checksum", "Checksum", field.Bytes)
	hfBfdAuthType                = Fields.Add(protoBFD, "bfd.auth.type", "Authentication Type", field.Uint8, field.WithStrings(map[uint64]string{1: "Simple Password", 2: "Keyed MD5", 3: "Meticulous Keyed MD5", 4: "Keyed SHA1", 5: "Meticulous Keyed SHA1"}), field.WithBlurb("The type of authentication in use on this session"))
	hfBfdAuthLen                 = Fields.Add(protoBFD, "bfd.auth.len", "Authentication Length", field.Uint8, field.WithBlurb("The length, in bytes, of the authentication section"))
	hfBfdAuthKey                 = Fields.Add(protoBFD, "bfd.auth.key", "Authentication Key ID", field.Uint8, field.WithBlurb("The Authentication Key ID, identifies which password is in use for this packet"))
	hfBfdAuthPassword            = Fields.Add(protoBFD, "bfd.auth.password", "Password", field.String, field.WithBlurb("The simple password in use on this session"))
	hfBfdAuthSeqNum              = Fields.Add(protoBFD, "bfd.auth.seq_num", "Sequence Number", field.Uint32, field.WithBase(field.Hex), field.WithBlurb("The Sequence Number is periodically incremented to prevent replay attacks"))
	hfBfdFlagsP                  = Fields.Add(protoBFD, "bfd.flags.p", "Poll", field.Bool, field.WithBase(6), field.WithMask(0x20), field.WithTrueFalse("Set", "Not set"))
	hfBfdFlagsF                  = Fields.Add(protoBFD, "bfd.flags.f", "Final", field.Bool, field.WithBase(6), field.WithMask(0x10), field.WithTrueFalse("Set", "Not set"))
	hfBfdFlagsC                  = Fields.Add(protoBFD, "bfd.flags.c", "Control Plane Independent", field.Bool, field.WithBase(6), field.WithMask(0x8), field.WithTrueFalse("Set", "Not set"))
	hfBfdFlagsA                  = Fields.Add(protoBFD, "bfd.flags.a", "Authentication Present", field.Bool, field.WithBase(6), field.WithMask(0x4), field.WithTrueFalse("Set", "Not set"))
	hfBfdFlagsD                  = Fields.Add(protoBFD, "bfd.flags.d", "Demand", field.Bool, field.WithBase(6), field.WithMask(0x2), field.WithTrueFalse("Set", "Not set"))
	hfBfdFlagsM                  = Fields.Add(protoBFD, "bfd.flags.m", "Multipoint", field.Bool, field.WithBase(6), field.WithMask(0x1), field.WithTrueFalse("Set", "Not set"))
	handleBFD                    = &Handle{Name: "bfd", Fn: dissectBFD}
)

var bfdAuthNames = map[uint64]string{0: "Reserved", 1: "Simple Password", 2: "Keyed MD5", 3: "Meticulous Keyed MD5",
	4: "Keyed SHA1", 5: "Meticulous Keyed SHA1"}

func init() {
	RegisterShortName(protoBFD, "BFD Control")
	UDPPort.Add(3784, handleBFD)
	UDPPort.Add(4784, handleBFD)
	UDPPort.Add(7784, handleBFD) // seamless BFD
	Fields.Get(hfBfdAuthType).Strings = bfdAuthNames
}

// bfdFlagLabel draws a flag of the 6-bit flags field the way Wireshark does ("0... .. = Poll: Set").
func bfdFlagLabel(flags uint8, bit int, name string) string {
	pat := []byte("...... ")
	pos := 5 - bit
	if flags&(1<<bit) != 0 {
		pat[pos] = '1'
	} else {
		pat[pos] = '0'
	}
	s := string(pat[:4]) + " " + string(pat[4:6])
	set := "Not set"
	if flags&(1<<bit) != 0 {
		set = "Set"
	}
	return s + " = " + name + ": " + set
}

func dissectBFD(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("BFD Control")
	vd := t.U8(0)
	sf := t.U8(1)
	flags := sf & 0x3f
	diag, _ := Fields.Get(hfBfdDiag).ValueName(uint64(vd & 0x1f))
	state, _ := Fields.Get(hfBfdSta).ValueName(uint64(sf >> 6))
	c.SetInfo(fmt.Sprintf("Diag: %s, State: %s, Flags: 0x%02x", diag, state, flags))
	l := int(t.U8(3))
	p := c.AddProto(parent, protoBFD, t, 0, l)
	c.AddUint(p, hfBfdVersion, t, 0, 1)
	c.AddUint(p, hfBfdDiag, t, 0, 1)
	c.AddUint(p, hfBfdSta, t, 1, 1)
	fn := c.AddUintV(p, hfBfdFlags, t, 1, 1, uint64(sf))
	flagsLabel := fmt.Sprintf("Message Flags: 0x%02x", sf)
	for i, f := range [...]struct {
		hf   field.ID
		name string
	}{{hfBfdFlagsP, "Poll"}, {hfBfdFlagsF, "Final"}, {hfBfdFlagsC, "Control Plane Independent"},
		{hfBfdFlagsA, "Authentication Present"}, {hfBfdFlagsD, "Demand"}, {hfBfdFlagsM, "Multipoint"}} {
		bit := 5 - i
		n := c.AddUintV(fn, f.hf, t, 1, 1, uint64(flags>>bit&1))
		if c.Visible() {
			c.T.SetLabel(n, bfdFlagLabel(flags, bit, f.name))
		}
		if flags>>bit&1 != 0 {
			flagsLabel += ", " + f.name + ": Set"
		}
	}
	if c.Visible() {
		c.T.SetLabel(fn, flagsLabel)
	}
	mult := t.U8(2)
	tx := t.U32(12)
	mn := c.AddUint8Label(p, hfBfdDetectTimeMultiplier, t, 2, uint64(mult))
	c.Label(mn, "Detect Time Multiplier: %d (= %d ms Detection time)", mult, uint32(mult)*tx/1000)
	ln := c.AddUint8Label(p, hfBfdMessageLength, t, 3, uint64(l))
	c.Label(ln, "Message Length: %d bytes", l)
	c.AddUint(p, hfBfdMyDiscriminator, t, 4, 4)
	c.AddUint(p, hfBfdYourDiscriminator, t, 8, 4)
	for i, hf := range [...]field.ID{hfBfdDesiredMinTxInterval, hfBfdRequiredMinRxInterval, hfBfdRequiredMinEchoInterval} {
		n, v := c.AddUint(p, hf, t, 12+4*i, 4)
		c.Label(n, "%s: %4d ms (%d us)", Fields.Get(hf).Name, v/1000, v)
	}
	if flags&0x04 == 0 || l <= 24 || !t.Has(24, 2) {
		return
	}
	at := uint64(t.U8(24))
	al := int(t.U8(25))
	name, ok := bfdAuthNames[at]
	if !ok {
		name = "Unknown"
	}
	a := c.AddText(p, t, 24, al, "Authentication: "+name)
	c.AddUint(a, hfBfdAuthType, t, 24, 1)
	aln, _ := c.AddUint(a, hfBfdAuthLen, t, 25, 1)
	c.Label(aln, "Authentication Length: %d bytes", al)
	c.AddUint(a, hfBfdAuthKey, t, 26, 1)
	switch {
	case at == 1 && al > 3:
		c.AddBytesV(a, hfBfdAuthPassword, t, 27, al-3, asciiString(t.Bytes(27, al-3)))
	case at >= 2 && at <= 5 && al > 8:
		c.AddUint(a, hfBfdAuthSeqNum, t, 28, 4)
		c.AddBytes(a, hfBfdChecksum, t, 32, al-8)
	}
}

// AddUint8Label adds a one-byte unsigned field with value v (its label is set by the caller).
func (c *Ctx) AddUint8Label(p int32, hf field.ID, t Tvb, o int, v uint64) int32 {
	return c.AddUintV(p, hf, t, o, 1, v)
}
