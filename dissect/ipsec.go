package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// IPsec (Wireshark's packet-ipsec.c): the Authentication Header (IP protocol 51), the Encapsulating
// Security Payload (IP protocol 50; its payload is encrypted, so only the SPI and sequence number are
// shown, as tshark does without keys) and the UDP encapsulation of both on port 4500 (RFC 3948), where
// a non-ESP marker of four zero bytes announces IKE and a single 0xff byte is a NAT keepalive.

var (
	protoAH        = Fields.Protocol("ah", "Authentication Header")
	hfAHNextHeader = Fields.Add(protoAH, "ah.next_header", "Next header", field.Uint8, field.WithStrings(ipProtoVals))
	hfAHLength     = Fields.Add(protoAH, "ah.length", "Length", field.Uint8)
	hfAHReserved   = Fields.Add(protoAH, "ah.reserved", "Reserved", field.Bytes)
	hfAHSpi        = Fields.Add(protoAH, "ah.spi", "AH SPI", field.Uint32, field.WithBase(field.Hex), field.WithBlurb("IP Authentication Header Security Parameters Index"))
	hfAHIcv        = Fields.Add(protoAH, "ah.icv", "AH ICV", field.Bytes, field.WithBlurb("IP Authentication Header Integrity Check Value"))
	hfAHSequence   = Fields.Add(protoAH, "ah.sequence", "AH Sequence", field.Uint32, field.WithBlurb("IP Authentication Header Sequence Number"))
	handleAH       = &Handle{Name: "ah", Fn: dissectAH}

	protoESP      = Fields.Protocol("esp", "Encapsulating Security Payload")
	hfESPSpi      = Fields.Add(protoESP, "esp.spi", "ESP SPI", field.Uint32, field.WithBase(field.HexDec), field.WithBlurb("IP Encapsulating Security Payload Security Parameters Index"))
	hfESPSequence = Fields.Add(protoESP, "esp.sequence", "ESP Sequence", field.Uint32, field.WithBlurb("IP Encapsulating Security Payload Sequence Number"))
	handleESP     = &Handle{Name: "esp", Fn: dissectESP}

	protoUDPEncap          = Fields.Protocol("udpencap", "UDP Encapsulation of IPsec Packets")
	hfUDPEncapNatKeepalive = Fields.Add(protoUDPEncap, "udpencap.nat_keepalive", "NAT-keepalive packet", field.None)
	hfUDPEncapNonEspMarker = Fields.Add(protoUDPEncap, "udpencap.non_esp_marker", "Non-ESP Marker", field.None)
	handleUDPEncap         = &Handle{Name: "udpencap", Fn: dissectUDPEncap}
)

func init() {
	RegisterShortName(protoAH, "AH")
	RegisterShortName(protoESP, "ESP")
	RegisterShortName(protoUDPEncap, "UDPENCAP")
	IPProto.Add(50, handleESP)
	IPProto.Add(51, handleAH)
	UDPPort.Add(4500, handleUDPEncap)
}

// appendSPI sets Info to "NAME (SPI=0x%08x)".
func (c *Ctx) setSPIInfo(name string, spi uint32) {
	if c.Cols.On && !c.Cols.readonly {
		c.SetInfo(name + " (SPI=0x")
		h := hexN(uint64(spi))
		for i := len(h); i < 8; i++ {
			c.AppendInfo("0")
		}
		c.AppendInfo(h + ")")
	}
}

func dissectAH(c *Ctx, t Tvb, parent int32) {
	nxt, hl := ahHeader(c, t, parent)
	next := t.Sub(hl)
	if !c.TryTable(IPProto, nxt, next, parent) {
		c.CallData(next, parent)
	}
}

// ahHeader dissects an AH header under parent and returns the next header and the header's length.
func ahHeader(c *Ctx, t Tvb, parent int32) (uint64, int) {
	c.SetProtocol("AH")
	c.ClearInfo()
	nxt := uint64(t.U8(0))
	l := uint64(t.U8(1))
	hl := int(l+2) * 4
	c.setSPIInfo("AH", t.U32(4))
	p := c.AddProto(parent, protoAH, t, 0, hl)
	c.AddUint(p, hfAHNextHeader, t, 0, 1)
	ln := c.AddUintV(p, hfAHLength, t, 1, 1, l)
	c.Label(ln, "Length: %d (%d bytes)", l, hl)
	c.AddBytes(p, hfAHReserved, t, 2, 2)
	c.AddUint(p, hfAHSpi, t, 4, 4)
	c.AddUint(p, hfAHSequence, t, 8, 4)
	c.AddBytes(p, hfAHIcv, t, 12, hl-12)
	return nxt, hl
}

func dissectESP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("ESP")
	c.ClearInfo()
	c.setSPIInfo("ESP", t.U32(0))
	p := c.AddProto(parent, protoESP, t, 0, -1)
	c.AddUint(p, hfESPSpi, t, 0, 4)
	c.AddUint(p, hfESPSequence, t, 4, 4)
}

func dissectUDPEncap(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("UDPENCAP")
	c.ClearInfo()
	if t.Len() == 1 && t.U8(0) == 0xff {
		c.SetInfo("NAT-keepalive")
		p := c.AddProto(parent, protoUDPEncap, t, 0, 1)
		c.Add(p, hfUDPEncapNatKeepalive, t, 0, 1, field.Value{})
		return
	}
	if t.U32(0) == 0 {
		p := c.AddProto(parent, protoUDPEncap, t, 0, 4)
		c.Add(p, hfUDPEncapNonEspMarker, t, 0, 4, field.Value{})
		if !c.TryTable(UDPPort, 500, t.Sub(4), parent) {
			c.CallData(t.Sub(4), parent)
		}
		return
	}
	c.AddProto(parent, protoUDPEncap, t, 0, 0)
	c.Call(handleESP, t, parent)
}
