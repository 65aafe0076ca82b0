package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Encapsulated Remote Switch Packet ANalysis (Wireshark's packet-erspan.c): Cisco's port mirroring
// over GRE. Type I (GRE 0x88be without a sequence number) carries the mirrored frame bare, type II
// (0x88be) puts an 8-byte header before it, type III (0x22eb) a 12-byte header with a timestamp,
// security group tag, frame type and an optional platform-specific subheader.

var (
	protoERSPAN             = Fields.Protocol("erspan", "Encapsulated Remote Switch Packet ANalysis")
	hfERSPANVersion         = Fields.Add(protoERSPAN, "erspan.version", "Version", field.Uint16, field.WithMask(0xf000), field.WithStrings(map[uint64]string{1: "Type II", 2: "Type III"}))
	hfERSPANVlan            = Fields.Add(protoERSPAN, "erspan.vlan", "Vlan", field.Uint16, field.WithMask(0xfff))
	hfERSPANCos             = Fields.Add(protoERSPAN, "erspan.cos", "COS", field.Uint16, field.WithMask(0xe000))
	hfERSPANEncap           = Fields.Add(protoERSPAN, "erspan.encap", "Encap", field.Uint16, field.WithMask(0x1800), field.WithStrings(map[uint64]string{0: "Originally without VLAN tag", 1: "Originally ISL encapsulated", 2: "Originally 802.1Q encapsulated", 3: "VLAN tag preserved in frame"}))
	hfERSPANBso             = Fields.Add(protoERSPAN, "erspan.bso", "Bad/Short/Oversized", field.Uint16, field.WithMask(0x1800), field.WithStrings(map[uint64]string{0: "Good or unknown integrity", 1: "Short frame", 2: "Oversized frame", 3: "CRC or alignment error"}))
	hfERSPANTruncated       = Fields.Add(protoERSPAN, "erspan.truncated", "Truncated", field.Uint16, field.WithMask(0x400), field.WithStrings(map[uint64]string{0: "Not truncated", 1: "Truncated"}), field.WithBlurb("ERSPAN packet exceeded the MTU size"))
	hfERSPANSpanid          = Fields.Add(protoERSPAN, "erspan.spanid", "SpanID", field.Uint16, field.WithMask(0x3ff))
	hfERSPANReserved        = Fields.Add(protoERSPAN, "erspan.reserved", "Reserved", field.Uint32, field.WithMask(0xfff00000))
	hfERSPANIndex           = Fields.Add(protoERSPAN, "erspan.index", "Index", field.Uint32, field.WithMask(0xfffff))
	hfERSPANTimestamp       = Fields.Add(protoERSPAN, "erspan.timestamp", "Timestamp", field.Uint32, field.WithMask(0xffffffff))
	hfERSPANSgt             = Fields.Add(protoERSPAN, "erspan.sgt", "Security Group Tag", field.Uint16, field.WithMask(0xffff))
	hfERSPANP               = Fields.Add(protoERSPAN, "erspan.p", "Has Ethernet PDU", field.Uint16, field.WithMask(0x8000))
	hfERSPANFt              = Fields.Add(protoERSPAN, "erspan.ft", "Frame Type", field.Uint16, field.WithMask(0x7c00), field.WithStrings(map[uint64]string{0: "Ethernet", 2: "IP"}))
	hfERSPANHw              = Fields.Add(protoERSPAN, "erspan.hw", "Hardware ID", field.Uint16, field.WithMask(0x3f0))
	hfERSPANGra             = Fields.Add(protoERSPAN, "erspan.gra", "Timestamp granularity", field.Uint16, field.WithMask(0x6), field.WithStrings(map[uint64]string{0: "100 microseconds", 1: "100 nanoseconds", 2: "IEEE 1588", 3: "Custom granularity"}))
	hfERSPANDirection       = Fields.Add(protoERSPAN, "erspan.direction", "Direction", field.Bool, field.WithBase(16), field.WithMask(0x8), field.WithTrueFalse("Egress", "Ingress"))
	hfERSPANO               = Fields.Add(protoERSPAN, "erspan.o", "Optional Sub headers", field.Uint16, field.WithMask(0x1))
	hfERSPANPlatid          = Fields.Add(protoERSPAN, "erspan.platid", "Platform ID", field.Uint32, field.WithMask(0xfc000000))
	hfERSPANPid1Rsvd1       = Fields.Add(protoERSPAN, "erspan.pid1.rsvd1", "Reserved", field.Uint32, field.WithMask(0x3fff000))
	hfERSPANPid1Vsmid       = Fields.Add(protoERSPAN, "erspan.pid1.vsmid", "VSM Domain ID", field.Uint32, field.WithMask(0xfff))
	hfERSPANPid1PortIndex   = Fields.Add(protoERSPAN, "erspan.pid1.port_index", "Port ID/Index", field.Uint32, field.WithMask(0xffffffff))
	hfERSPANPid3Rsvd1       = Fields.Add(protoERSPAN, "erspan.pid3.rsvd1", "Reserved", field.Uint32, field.WithMask(0x3ffc000))
	hfERSPANPid3PortIndex   = Fields.Add(protoERSPAN, "erspan.pid3.port_index", "Port ID/Index", field.Uint32, field.WithMask(0x3fff))
	hfERSPANPid3Timestamp   = Fields.Add(protoERSPAN, "erspan.pid3.timestamp", "Upper 32-bit Timestamp", field.Uint32, field.WithMask(0xffffffff))
	hfERSPANPid4Rsvd1       = Fields.Add(protoERSPAN, "erspan.pid4.rsvd1", "Reserved", field.Uint32, field.WithMask(0x3ffc000))
	hfERSPANPid4Rsvd2       = Fields.Add(protoERSPAN, "erspan.pid4.rsvd2", "Reserved", field.Uint32, field.WithMask(0x3fff))
	hfERSPANPid4Rsvd3       = Fields.Add(protoERSPAN, "erspan.pid4.rsvd3", "Reserved", field.Uint32, field.WithMask(0xffffffff))
	hfERSPANPid5Switchid    = Fields.Add(protoERSPAN, "erspan.pid5.switchid", "Switch ID", field.Uint32, field.WithMask(0x3ff0000))
	hfERSPANPid5PortIndex   = Fields.Add(protoERSPAN, "erspan.pid5.port_index", "Port ID/Index", field.Uint32, field.WithMask(0xffff))
	hfERSPANPid5Timestamp   = Fields.Add(protoERSPAN, "erspan.pid5.timestamp", "Timestamp (seconds)", field.Uint32, field.WithMask(0xffffffff))
	hfERSPANPid7Rsvd1       = Fields.Add(protoERSPAN, "erspan.pid7.rsvd1", "Reserved", field.Uint32, field.WithMask(0x3f00000))
	hfERSPANPid7SourceIndex = Fields.Add(protoERSPAN, "erspan.pid7.source_index", "Source Index", field.Uint32, field.WithMask(0xfffff))
	hfERSPANPid7Timestamp   = Fields.Add(protoERSPAN, "erspan.pid7.timestamp", "Upper 32-bit Timestamp", field.Uint32, field.WithMask(0xffffffff))
	hfERSPANPidRsvd         = Fields.Add(protoERSPAN, "erspan.pid.rsvd", "Reserved", field.Uint64, field.WithMask(0x3ffffff))
	handleERSPAN            = &Handle{Name: "erspan", Fn: dissectERSPAN}
	handleERSPAN1           = &Handle{Name: "erspan", Fn: dissectERSPAN1}
	handleERSPAN3           = &Handle{Name: "erspan", Fn: dissectERSPAN3}
)

var (
	erspanType3Bits1 = []field.ID{hfERSPANVersion, hfERSPANVlan, hfERSPANCos, hfERSPANBso, hfERSPANTruncated, hfERSPANSpanid}
	erspanType3Bits2 = []field.ID{hfERSPANP, hfERSPANFt, hfERSPANHw, hfERSPANDirection, hfERSPANGra, hfERSPANO}
)

func init() {
	RegisterShortName(protoERSPAN, "ERSPAN")
	GREProto.Add(0x88be, handleERSPAN)
	GREProto.Add(0x22eb, handleERSPAN3)
}

// dissectERSPAN1 is ERSPAN type I: GRE without a sequence number carries the mirrored frame with no
// ERSPAN header.
func dissectERSPAN1(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("ERSPAN")
	p := c.AddProto(parent, protoERSPAN, t, 0, 0)
	c.Label(p, "Encapsulated Remote Switch Packet ANalysis Type I")
	c.Call(handleEth, t, parent)
}

// dissectERSPAN decodes the ERSPAN type II header and the mirrored frame after it.
func dissectERSPAN(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("ERSPAN")
	p := c.AddProto(parent, protoERSPAN, t, 0, 8)
	c.Label(p, "Encapsulated Remote Switch Packet ANalysis Type II")
	c.AddUint(p, hfERSPANVersion, t, 0, 2)
	c.AddUint(p, hfERSPANVlan, t, 0, 2)
	c.AddUint(p, hfERSPANCos, t, 2, 2)
	c.AddUint(p, hfERSPANEncap, t, 2, 2)
	c.AddUint(p, hfERSPANTruncated, t, 2, 2)
	c.AddUint(p, hfERSPANSpanid, t, 2, 2)
	c.AddUint(p, hfERSPANReserved, t, 4, 4)
	c.AddUint(p, hfERSPANIndex, t, 4, 4)
	c.Call(handleEth, t.Sub(8), parent)
}

// dissectERSPAN3 decodes the ERSPAN type III header, its optional subheader and the frame after it.
func dissectERSPAN3(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("ERSPAN")
	o := t.U16(10) & 1
	hl := 12
	if o != 0 {
		hl = 20
	}
	p := c.AddProto(parent, protoERSPAN, t, 0, hl)
	c.Label(p, "Encapsulated Remote Switch Packet ANalysis Type III")
	for i, f := range erspanType3Bits1 {
		c.AddUint(p, f, t, min(i/2, 1)*2, 2) // version and VLAN, then the rest in the second pair of bytes
	}
	c.AddUint(p, hfERSPANTimestamp, t, 4, 4)
	c.AddUint(p, hfERSPANSgt, t, 8, 2)
	ft := uint64(t.U16(10)>>10) & 0x1f
	for _, f := range erspanType3Bits2 {
		c.AddUint(p, f, t, 10, 2)
	}
	if o != 0 {
		_, plat := c.AddUint(p, hfERSPANPlatid, t, 12, 4)
		switch plat {
		case 1:
			c.AddUint(p, hfERSPANPid1Rsvd1, t, 12, 4)
			c.AddUint(p, hfERSPANPid1Vsmid, t, 12, 4)
			c.AddUint(p, hfERSPANPid1PortIndex, t, 16, 4)
		case 3:
			c.AddUint(p, hfERSPANPid3Rsvd1, t, 12, 4)
			c.AddUint(p, hfERSPANPid3PortIndex, t, 12, 4)
			c.AddUint(p, hfERSPANPid3Timestamp, t, 16, 4)
		case 4:
			c.AddUint(p, hfERSPANPid4Rsvd1, t, 12, 4)
			c.AddUint(p, hfERSPANPid4Rsvd2, t, 12, 4)
			c.AddUint(p, hfERSPANPid4Rsvd3, t, 16, 4)
		case 5, 6:
			c.AddUint(p, hfERSPANPid5Switchid, t, 12, 4)
			c.AddUint(p, hfERSPANPid5PortIndex, t, 12, 4)
			c.AddUint(p, hfERSPANPid5Timestamp, t, 16, 4)
		case 7:
			c.AddUint(p, hfERSPANPid7Rsvd1, t, 12, 4)
			c.AddUint(p, hfERSPANPid7SourceIndex, t, 12, 4)
			c.AddUint(p, hfERSPANPid7Timestamp, t, 16, 4)
		default:
			c.AddUint(p, hfERSPANPidRsvd, t, 12, 8)
		}
	}
	next := t.Sub(hl)
	switch ft {
	case 0:
		c.Call(handleEth, next, parent)
	case 2:
		c.Call(handleIP, next, parent)
	default:
		c.CallData(next, parent)
	}
}
