package dissect

import (
	"fmt"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// GeoNetworking (ETSI EN 302 636-4-1, Wireshark's packet-geonw.c), ethertype 0x8947: the basic and
// common headers, the extended header of each packet type (beacon, GeoUnicast, GeoAnycast,
// GeoBroadcast, topologically-scoped broadcast, location service), version 0 duplicate packet
// detection, and BTP-A/BTP-B above it. Secured packets (IEEE 1609.2 / TS 103 097) stop after the
// basic header.

var (
	protoGeoNW = Fields.Protocol("gnw", "GeoNetworking")

	hfGNWBH         = Fields.Add(protoGeoNW, "geonw.bh", "Basic Header", field.None)
	hfGNWBHVersion  = Fields.Add(protoGeoNW, "geonw.bh.version", "Version", field.Uint8, field.WithMask(0xf0))
	hfGNWBHReserved = Fields.Add(protoGeoNW, "geonw.bh.reserved", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("It SHOULD be set to 0"))
	hfGNWBHNH       = Fields.Add(protoGeoNW, "geonw.bh.nh", "Next Header", field.Uint8, field.WithMask(0x0f), field.WithStrings(tsharkValues["geonw.bh.nh"]))
	hfGNWBHLT       = Fields.Add(protoGeoNW, "geonw.bh.lt", "Life Time", field.Uint8)
	hfGNWBHLTMult   = Fields.Add(protoGeoNW, "geonw.bh.lt.mult", "Life Time multiplier", field.Uint8, field.WithMask(0xfc))
	hfGNWBHLTBase   = Fields.Add(protoGeoNW, "geonw.bh.lt.base", "Life Time base", field.Uint8, field.WithMask(0x03), field.WithStrings(tsharkValues["geonw.bh.lt.base"]))
	hfGNWBHRHL      = Fields.Add(protoGeoNW, "geonw.bh.rhl", "Remaining Hop Limit", field.Uint8)
	hfGNWCH         = Fields.Add(protoGeoNW, "geonw.ch", "Common Header", field.None)
	hfGNWCHNH       = Fields.Add(protoGeoNW, "geonw.ch.nh", "Next Header", field.Uint8, field.WithMask(0xf0), field.WithStrings(tsharkValues["geonw.ch.nh"]))
	hfGNWCHRes1     = Fields.Add(protoGeoNW, "geonw.ch.reserved1", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x0f), field.WithBlurb("It SHOULD be set to 0"))
	hfGNWCHHType    = Fields.Add(protoGeoNW, "geonw.ch.htype", "Header type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(tsharkValues["geonw.ch.htype"]))
	hfGNWCHTClass   = Fields.Add(protoGeoNW, "geonw.ch.tclass", "Traffic class", field.Uint8)
	hfGNWCHTCBuffer = Fields.Add(protoGeoNW, "geonw.ch.tc.buffer", "Store Carry Forward", field.Uint8, field.WithMask(0x80))
	hfGNWCHTCOff    = Fields.Add(protoGeoNW, "geonw.ch.tc.offload", "Channel offload", field.Uint8, field.WithMask(0x40))
	hfGNWCHTCID     = Fields.Add(protoGeoNW, "geonw.ch.tc.id", "Traffic class ID", field.Uint8, field.WithMask(0x3f), field.WithStrings(tsharkValues["geonw.ch.tc.id"]))
	hfGNWCHFlags    = Fields.Add(protoGeoNW, "geonw.ch.flags", "Flags", field.None)
	hfGNWCHMob      = Fields.Add(protoGeoNW, "geonw.ch.flags.mob", "Mobility flag", field.Uint8, field.WithMask(0x80))
	hfGNWCHFlagsRes = Fields.Add(protoGeoNW, "geonw.ch.flags.reserved", "Reserved", field.Uint8, field.WithMask(0x7f))
	hfGNWCHPLen     = Fields.Add(protoGeoNW, "geonw.ch.plength", "Payload length", field.Uint16)
	hfGNWCHMHL      = Fields.Add(protoGeoNW, "geonw.ch.mhl", "Maximum Hop Limit", field.Uint8)
	hfGNWCHRes2     = Fields.Add(protoGeoNW, "geonw.ch.reserved2", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("It SHOULD be set to 0"))
	hfGNWSeqNum     = Fields.Add(protoGeoNW, "geonw.seq_num", "Sequence number", field.Uint16, field.WithBase(field.Hex))
	hfGNWReserved   = Fields.Add(protoGeoNW, "geonw.reserved", "Reserved", field.Uint16)

	gnwSrcPos = gnwPosFields("src_pos", "Source position")
	gnwDstPos = gnwPosFields("dst_pos", "Destination position")

	hfGNWSrcPAI     = Fields.Add(protoGeoNW, "geonw.src_pos.pai", "Position accuracy indicator", field.Uint8, field.WithMask(0x80))
	hfGNWSrcSpeed   = Fields.Add(protoGeoNW, "geonw.src_pos.speed", "Speed", field.Int16, field.WithMask(0x7fff))
	hfGNWSrcHdg     = Fields.Add(protoGeoNW, "geonw.src_pos.hdg", "Heading", field.Uint16)
	hfGNWDCC        = Fields.Add(protoGeoNW, "geonw.dccmco", "Decentralized Congestion Control - Multi Channel Operation", field.None)
	hfGNWCBRL0      = Fields.Add(protoGeoNW, "geonw.cbr_l0hop", "Local channel busy ratio", field.Uint8, field.WithMask(0x80))
	hfGNWCBRL1      = Fields.Add(protoGeoNW, "geonw.cbr_l1hop", "Max neighbouring CBR", field.Uint8, field.WithMask(0x80))
	hfGNWOutPower   = Fields.Add(protoGeoNW, "geonw.outpower", "Output power", field.Uint8, field.WithMask(0xf8), field.WithUnit("dBm"))
	hfGNWDCCRes     = Fields.Add(protoGeoNW, "geonw.dccmco.reserved", "Reserved", field.Uint8, field.WithMask(0x07))
	hfGNWGxcLat     = Fields.Add(protoGeoNW, "geonw.gxc.latitude", "Latitude", field.Int32)
	hfGNWGxcLon     = Fields.Add(protoGeoNW, "geonw.gxc.longitude", "Longitude", field.Int32)
	hfGNWGxcRadius  = Fields.Add(protoGeoNW, "geonw.gxc.radius", "Radius r", field.Uint16)
	hfGNWGxcDistA   = Fields.Add(protoGeoNW, "geonw.gxc.distancea", "Distance a", field.Uint16)
	hfGNWGxcDistB   = Fields.Add(protoGeoNW, "geonw.gxc.distanceb", "Distance b", field.Uint16)
	hfGNWGxcAngle   = Fields.Add(protoGeoNW, "geonw.gxc.angle", "Angle", field.Uint16)
	hfGNWGxcRes     = Fields.Add(protoGeoNW, "geonw.gxc.reserved", "Reserved", field.Uint16)
	hfGNWSHBRes     = Fields.Add(protoGeoNW, "geonw.shb.reserved", "Reserved", field.Uint32)
	gnwLSReq        = gnwAddrFields("ls_req.addr")
	hfGNWBeacon     = Fields.Add(protoGeoNW, "geonw.beacon", "Beacon Packet", field.None)
	hfGNWGUC        = Fields.Add(protoGeoNW, "geonw.guc", "GeoUniCast Packet", field.None)
	hfGNWGAC        = Fields.Add(protoGeoNW, "geonw.gac", "GeoAnyCast Packet", field.None)
	hfGNWGBC        = Fields.Add(protoGeoNW, "geonw.gbc", "GeoBroadCast Packet", field.None)
	hfGNWTSB        = Fields.Add(protoGeoNW, "geonw.tsb", "Topologically-Scoped Broadcast Packet", field.None)
	hfGNWLS         = Fields.Add(protoGeoNW, "geonw.ls", "Location Service Packet", field.None)
	hfGNWAnalysis   = Fields.Add(protoGeoNW, "geonw.analysis.flags", "GeoNetworking Analysis Flags", field.None, field.WithBlurb("This frame has some of the GeoNetworking analysis flags set"))
	hfGNWSec        = Fields.Add(protoGeoNW, "geonw.sec", "Secured Packet", field.None)
	eiGNWReserved   = RegisterExpert(protoGeoNW, "geonw.reserved_not_zero", "Incorrect, should be 0", GroupProtocol, SevWarn)
	eiGNWVersion    = RegisterExpert(protoGeoNW, "geonw.bogus_version", "Bogus GeoNetworking Version", GroupMalformed, SevError)
	eiGNWRHLLncb    = RegisterExpert(protoGeoNW, "geonw.rhl.lncb", "Remaining Hop Limit", GroupSequence, SevNote)
	eiGNWRHLLow     = RegisterExpert(protoGeoNW, "geonw.rhl.too_small", "Remaining Hop Limit", GroupSequence, SevNote)
	eiGNWMHL        = RegisterExpert(protoGeoNW, "geonw.rhl.ht_mhl", "Remaining Hop Limit To Live", GroupSequence, SevWarn)
	eiGNWSCC        = RegisterExpert(protoGeoNW, "geonw.scc_too_big", "Country code should be less than 1000", GroupProtocol, SevError)
	eiGNWDuplicate  = RegisterExpert(protoGeoNW, "geonw.analysis_duplicate", "Duplicate packet", GroupSequence, SevNote)
	eiGNWOutOfRange = RegisterExpert(protoGeoNW, "geonw.position_oor", "Position out of range", GroupMalformed, SevWarn)
	eiGNWPayloadLen = RegisterExpert(protoGeoNW, "geonw.bogus_geonw_length", "Bogus GeoNetworking length", GroupProtocol, SevError)

	protoBTPA      = Fields.Protocol("btpa", "BTP-A")
	hfBTPADstPort  = Fields.Add(protoBTPA, "btpa.dstport", "Destination Port", field.Uint16)
	hfBTPASrcPort  = Fields.Add(protoBTPA, "btpa.srcport", "Source Port", field.Uint16)
	hfBTPAPort     = Fields.Add(protoBTPA, "btpa.port", "Port", field.Uint16)
	protoBTPB      = Fields.Protocol("btpb", "BTP-B")
	hfBTPBDstPort  = Fields.Add(protoBTPB, "btpb.dstport", "Destination Port", field.Uint16)
	hfBTPBDstPortI = Fields.Add(protoBTPB, "btpb.dstportinf", "Destination Port info", field.Uint16, field.WithBase(field.Hex))

	handleGeoNW = &Handle{Name: "gnw", Fn: dissectGeoNW}
)

func init() {
	RegisterShortName(protoGeoNW, "GEONW")
	RegisterShortName(protoBTPA, "BTPA")
	RegisterShortName(protoBTPB, "BTPB")
	EtherType.Add(0x8947, handleGeoNW)
}

// gnwAddr are the fields of a GN_ADDR under one prefix.
type gnwAddr struct{ addr, manual, typ, country, mid field.ID }

func gnwAddrFields(prefix string) gnwAddr {
	p := "geonw." + prefix
	return gnwAddr{
		addr:    Fields.Add(protoGeoNW, p, "GN_ADDR", field.Bytes),
		manual:  Fields.Add(protoGeoNW, p+".manual", "Manual", field.Uint8, field.WithMask(0x80)),
		typ:     Fields.Add(protoGeoNW, p+".type", "ITS-S type", field.Uint8, field.WithMask(0x7c), field.WithStrings(tsharkValues["geonw.src_pos.addr.type"])),
		country: Fields.Add(protoGeoNW, p+".country", "ITS-S Country Code", field.Uint16, field.WithMask(0x3ff), field.WithStrings(tsharkValues["geonw.src_pos.addr.country"])),
		mid:     Fields.Add(protoGeoNW, p+".mid", "MID", field.Ether),
	}
}

// gnwPos are the fields of a source (long) or destination (short) position vector.
type gnwPos struct {
	pos           field.ID
	addr          gnwAddr
	tst, lat, lon field.ID
}

func gnwPosFields(prefix, name string) gnwPos {
	p := "geonw." + prefix
	return gnwPos{
		pos:  Fields.Add(protoGeoNW, p, name, field.Bytes),
		addr: gnwAddrFields(prefix + ".addr"),
		tst:  Fields.Add(protoGeoNW, p+".tst", "Timestamp", field.Uint32),
		lat:  Fields.Add(protoGeoNW, p+".lat", "Latitude", field.Int32),
		lon:  Fields.Add(protoGeoNW, p+".long", "Longitude", field.Int32),
	}
}

// Header types (high nibble) and subtypes of the common header.
const (
	gnwHTBeacon = 0x10
	gnwHTGUC    = 0x20
	gnwHTGAC    = 0x30
	gnwHTGBC    = 0x40
	gnwHTTSB    = 0x50
	gnwHTLS     = 0x60
	gnwSNMax    = 0xffff
)

// gnwHeaderLen is the length of the basic, common and extended headers of a header type, or -1.
func gnwHeaderLen(ht uint8) int {
	n := 4 + 8
	switch ht & 0xf0 {
	case gnwHTBeacon:
		return n + 24
	case gnwHTGUC:
		return n + 48
	case gnwHTGAC, gnwHTGBC:
		return n + 44
	case gnwHTTSB:
		return n + 28
	case gnwHTLS:
		if ht == gnwHTLS|1 {
			return n + 48
		}
		return n + 36
	}
	return -1
}

// gnwStation is the last timestamp and sequence number seen from a GN_ADDR (duplicate detection).
type gnwStation struct {
	tst uint32
	sn  uint32
}

type gnwState struct {
	stations map[[8]byte]*gnwStation
	dups     map[uint32]bool // frames found duplicate in the first pass
}

var gnwSlot = newStateSlot(func() any {
	return &gnwState{stations: map[[8]byte]*gnwStation{}, dups: map[uint32]bool{}}
})

// gnwAddrString formats a GN_ADDR as Wireshark does without name resolution: manual.type.country.MID.
func gnwAddrString(b []byte) string {
	m := "0"
	if b[0]&0x80 != 0 {
		m = "1"
	}
	cc := uint16(b[0]&3)<<8 | uint16(b[1])
	return m + "." + strconv.Itoa(int(b[0]&0x7c>>2)) + "." + strconv.Itoa(int(cc)) + "." + string(field.AppendHexSep(nil, b[2:8], ':'))
}

func dissectGeoNW(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("GEONW")
	c.ClearInfo()
	bhNH := t.U8(0) & 0x0f
	ht := t.U8(5)
	hdrLen := 4
	if bhNH != 2 {
		hdrLen = gnwHeaderLen(ht)
	}
	p := c.AddProto(parent, protoGeoNW, t, 0, hdrLen)
	bh := c.Add(p, hfGNWBH, t, 0, 4, field.Value{})
	vn, version := c.AddUint(bh, hfGNWBHVersion, t, 0, 1)
	if version > 1 {
		c.SetInfo("Bogus GeoNetworking version (" + itoa(version) + ", must be less than 2)")
		c.Expert(vn, eiGNWVersion, t, 0, 1, "Bogus GeoNetworking version")
		return
	}
	c.AddUint(bh, hfGNWBHNH, t, 0, 1)
	if rn, r := c.AddUint(bh, hfGNWBHReserved, t, 1, 1); r != 0 {
		c.Expert(rn, eiGNWReserved, t, 1, 1, "")
	}
	lt, _ := c.AddUint(bh, hfGNWBHLT, t, 2, 1)
	c.AddUint(lt, hfGNWBHLTMult, t, 2, 1)
	c.AddUint(lt, hfGNWBHLTBase, t, 2, 1)
	rhlN, rhl := c.AddUint(bh, hfGNWBHRHL, t, 3, 1)
	if rhl < 5 && bhNH != 1 {
		c.Expert(rhlN, eiGNWRHLLow, t, 3, 1, "\"Remain Hop Limit\" only "+itoa(rhl))
	}
	switch bhNH {
	case 1:
		c.gnwCommon(p, parent, t, hdrLen, rhlN, rhl, version)
	case 2:
		c.Add(p, hfGNWSec, t, 4, t.Len()-4, field.Value{})
	}
}

// gnwCommon dissects the common header at offset 4, the extended header and the payload.
func (c *Ctx) gnwCommon(p, parent int32, t Tvb, hdrLen int, rhlN int32, rhl, version uint64) {
	o := 4
	ch := c.Add(p, hfGNWCH, t, o, 8, field.Value{})
	_, chNH := c.AddUint(ch, hfGNWCHNH, t, o, 1)
	if n, r := c.AddUint(ch, hfGNWCHRes1, t, o, 1); r != 0 {
		c.Expert(n, eiGNWReserved, t, o, 1, "")
	}
	_, htv := c.AddUint(ch, hfGNWCHHType, t, o+1, 1)
	ht := uint8(htv)
	if c.Cols.On {
		if s, ok := tsharkValues["geonw.ch.htype"][htv]; ok {
			c.SetInfo(s)
		} else {
			c.SetInfo("Unknown (" + itoa(htv) + ")")
		}
	}
	if ht == gnwHTBeacon || ht == gnwHTTSB {
		if rhl > 1 {
			c.Expert(rhlN, eiGNWRHLLncb, t, 3, 1, "\"Remain Hop Limit\" != 1 for BEACON or SHB ("+itoa(rhl)+")")
		}
	} else if rhl < 5 {
		c.Expert(rhlN, eiGNWRHLLow, t, 3, 1, "\"Remain Hop Limit\" only "+itoa(rhl))
	}
	tc, _ := c.AddUint(ch, hfGNWCHTClass, t, o+2, 1)
	c.AddUint(tc, hfGNWCHTCBuffer, t, o+2, 1)
	c.AddUint(tc, hfGNWCHTCOff, t, o+2, 1)
	c.AddUint(tc, hfGNWCHTCID, t, o+2, 1)
	fl := c.Add(ch, hfGNWCHFlags, t, o+3, 1, field.Value{})
	c.AddUint(fl, hfGNWCHMob, t, o+3, 1)
	if n, r := c.AddUint(fl, hfGNWCHFlagsRes, t, o+3, 1); r != 0 {
		c.Expert(n, eiGNWReserved, t, o+3, 1, "")
	}
	pln, plen := c.AddUint(ch, hfGNWCHPLen, t, o+4, 2)
	if hdrLen > 0 {
		switch {
		case plen == 0:
			t = t.SubLen(0, min(hdrLen, t.Len()))
		case ht&0xf0 == gnwHTLS || ht == gnwHTBeacon:
			c.Expert(pln, eiGNWReserved, t, o+4, 2, "")
		case int(plen)+hdrLen > t.Len()+c.unreported(t):
			c.Expert(pln, eiGNWPayloadLen, t, o+4, 2, "")
		default:
			t = t.SubLen(0, min(hdrLen+int(plen), t.Len()))
		}
	}
	_, mhl := c.AddUint(ch, hfGNWCHMHL, t, o+6, 1)
	if mhl < rhl {
		c.Expert(rhlN, eiGNWMHL, t, 3, 1, "Ignored: \"Remain Hop Limit\" > "+itoa(mhl)+" (mhl)")
	}
	if n, r := c.AddUint(ch, hfGNWCHRes2, t, o+7, 1); r != 0 {
		c.Expert(n, eiGNWReserved, t, o+7, 1, "")
	}
	o += 8
	var sh int32
	for _, k := range [...]struct {
		ht uint8
		hf field.ID
	}{{gnwHTBeacon, hfGNWBeacon}, {gnwHTGUC, hfGNWGUC}, {gnwHTGAC, hfGNWGAC}, {gnwHTGBC, hfGNWGBC}, {gnwHTTSB, hfGNWTSB}, {gnwHTLS, hfGNWLS}} {
		if ht&0xf0 == k.ht {
			sh = c.Add(p, k.hf, t, o, hdrLen-o, field.Value{})
		}
	}
	if sh == 0 {
		return // unknown header type: nothing more to show
	}
	sn := uint32(gnwSNMax + 1)
	switch ht {
	case gnwHTGUC, gnwHTGAC, gnwHTGAC | 1, gnwHTGAC | 2, gnwHTGBC, gnwHTGBC | 1, gnwHTGBC | 2, gnwHTTSB | 1, gnwHTLS, gnwHTLS | 1:
		_, v := c.AddUint(sh, hfGNWSeqNum, t, o, 2)
		sn = uint32(v)
		if n, r := c.AddUint(sh, hfGNWReserved, t, o+2, 2); r != 0 {
			c.Expert(n, eiGNWReserved, t, o+2, 2, "")
		}
		o += 4
	}
	so := c.AddBytes(sh, gnwSrcPos.pos, t, o, 24)
	src := t.Bytes(o, 8)
	c.gnwAddr(so, gnwSrcPos.addr, t, o)
	c.gnwSetAddr(src, nil)
	o += 8
	_, tst := c.AddUint(so, gnwSrcPos.tst, t, o, 4)
	if version == 0 {
		c.gnwDuplicate(p, t, src, uint32(tst), sn)
	}
	o += 4
	c.gnwLatLon(so, gnwSrcPos.lat, gnwSrcPos.lon, t, o)
	o += 8
	c.AddUint(so, hfGNWSrcPAI, t, o, 1)
	c.AddUint(so, hfGNWSrcSpeed, t, o, 2)
	o += 2
	hn, hdg := c.AddUint(so, hfGNWSrcHdg, t, o, 2)
	if hdg > 3600 {
		c.Expert(hn, eiGNWOutOfRange, t, o, 2, fmt.Sprintf("Out of range [0..360] (%f)", float32(hdg)/10))
	}
	o += 2
	switch ht {
	case gnwHTGUC, gnwHTLS | 1:
		de := c.AddBytes(sh, gnwDstPos.pos, t, o, 20)
		c.gnwAddr(de, gnwDstPos.addr, t, o)
		c.gnwSetAddr(nil, t.Bytes(o, 8))
		c.AddUint(de, gnwDstPos.tst, t, o+8, 4)
		c.gnwLatLon(de, gnwDstPos.lat, gnwDstPos.lon, t, o+12)
		o += 20
	case gnwHTTSB:
		if t.U32(o) != 0 {
			d := c.Add(sh, hfGNWDCC, t, o, 4, field.Value{})
			c.AddUint(d, hfGNWCBRL0, t, o, 1)
			c.AddUint(d, hfGNWCBRL1, t, o+1, 1)
			c.AddUint(d, hfGNWOutPower, t, o+2, 1)
			c.AddUint(d, hfGNWDCCRes, t, o+2, 1)
			c.AddUint(d, hfGNWSHBRes, t, o+3, 1)
		} else {
			c.AddUint(sh, hfGNWSHBRes, t, o, 4)
		}
		o += 4
	case gnwHTGAC, gnwHTGAC | 1, gnwHTGAC | 2, gnwHTGBC, gnwHTGBC | 1, gnwHTGBC | 2:
		c.gnwLatLon(sh, hfGNWGxcLat, hfGNWGxcLon, t, o)
		o += 8
		if ht&0x0f == 0 {
			c.AddUint(sh, hfGNWGxcRadius, t, o, 2)
			for _, hf := range [...]field.ID{hfGNWGxcDistB, hfGNWGxcAngle} {
				o += 2
				if n, r := c.AddUint(sh, hf, t, o, 2); r != 0 {
					c.Expert(n, eiGNWReserved, t, o, 2, "")
				}
			}
		} else {
			c.AddUint(sh, hfGNWGxcDistA, t, o, 2)
			c.AddUint(sh, hfGNWGxcDistB, t, o+2, 2)
			o += 4
			if n, a := c.AddUint(sh, hfGNWGxcAngle, t, o, 2); a > 360 {
				c.Expert(n, eiGNWOutOfRange, t, o, 2, fmt.Sprintf("Out of range [0..360] (%f)", float32(a)))
			}
		}
		o += 2
		if n, r := c.AddUint(sh, hfGNWGxcRes, t, o, 2); r != 0 {
			c.Expert(n, eiGNWReserved, t, o, 2, "")
		}
		o += 2
	case gnwHTLS:
		c.gnwAddr(sh, gnwLSReq, t, o)
		c.gnwSetAddr(nil, t.Bytes(o, 8))
		o += 8
	}
	if plen == 0 {
		return
	}
	next := t.Sub(o)
	if int(plen) < next.Len() {
		next = next.SubLen(0, int(plen))
	}
	switch chNH {
	case 1:
		c.Call(handleBTPA, next, parent)
	case 2:
		c.Call(handleBTPB, next, parent)
	case 3:
		c.Call(handleIPv6, next, parent)
	default:
		c.CallData(next, parent)
	}
}

// gnwAddr adds a GN_ADDR at o under n.
func (c *Ctx) gnwAddr(n int32, f gnwAddr, t Tvb, o int) {
	a := c.AddBytes(n, f.addr, t, o, 8)
	c.AddUint(a, f.manual, t, o, 1)
	c.AddUint(a, f.typ, t, o, 1)
	if cn, cc := c.AddUint(a, f.country, t, o, 2); cc > 999 {
		c.Expert(cn, eiGNWSCC, t, o, 2, "")
	}
	c.AddBytes(a, f.mid, t, o+2, 6)
}

// gnwLatLon adds a latitude and a longitude at o, checking their ranges.
func (c *Ctx) gnwLatLon(n int32, hfLat, hfLon field.ID, t Tvb, o int) {
	lat := int32(t.U32(o))
	ln := c.AddIntV(n, hfLat, t, o, 4, int64(lat))
	if lat < -900000000 || lat > 900000000 {
		c.Expert(ln, eiGNWOutOfRange, t, o, 4, fmt.Sprintf("Latitude out of range (%f)", float32(lat)/10000000))
	}
	lon := int32(t.U32(o + 4))
	on := c.AddIntV(n, hfLon, t, o+4, 4, int64(lon))
	if lon < -1800000000 || lon > 1800000000 {
		c.Expert(on, eiGNWOutOfRange, t, o+4, 4, fmt.Sprintf("Longitude out of range (%f)", float32(lon)/10000000))
	}
}

// gnwSetAddr puts GeoNetworking addresses in the network address columns (nil: keep the other).
func (c *Ctx) gnwSetAddr(src, dst []byte) {
	if !c.Cols.On || c.Cols.readonly {
		return
	}
	if c.Cols.NetSrc.Kind == AddrNone {
		c.Cols.NetSrc, c.Cols.NetDst = c.Cols.DLSrc, c.Cols.DLDst
	}
	if src != nil {
		c.Cols.NetSrc = Addr{Kind: AddrText, Text: gnwAddrString(src)}
	}
	if dst != nil {
		c.Cols.NetDst = Addr{Kind: AddrText, Text: gnwAddrString(dst)}
	}
}

// gnwDuplicate runs the duplicate packet detection of EN 302 636-4-1 Annex A per source station
// over the first pass, as Wireshark does for version 0 packets.
func (c *Ctx) gnwDuplicate(p int32, t Tvb, src []byte, tst, sn uint32) {
	st := c.State.slot(gnwSlot).(*gnwState)
	dup := false
	if c.Pass1 {
		var k [8]byte
		copy(k[:], src)
		newer := func(a, b uint32) bool { // a after b, with wrap-around
			return a > b && uint64(a)-uint64(b) <= 0xffffffff/2 || b > a && uint64(b)-uint64(a) > 0xffffffff/2
		}
		s := st.stations[k]
		switch {
		case s == nil:
			st.stations[k] = &gnwStation{tst: tst, sn: sn}
		case sn <= gnwSNMax && s.sn > gnwSNMax:
			s.sn, s.tst = sn, tst
		case sn <= gnwSNMax:
			if newer(tst, s.tst) {
				s.sn, s.tst = sn, tst
			} else if tst == s.tst {
				if sn > s.sn && sn-s.sn <= gnwSNMax/2 || s.sn > sn && s.sn-sn > gnwSNMax/2 {
					s.sn, s.tst = sn, tst
				} else {
					dup = true
				}
			}
		default:
			if newer(tst, s.tst) {
				s.tst = tst
			} else {
				dup = true
			}
		}
		if dup && !c.State.onePass {
			st.dups[c.Frame.Number] = true
		}
	} else {
		dup = st.dups[c.Frame.Number]
	}
	if dup {
		n := c.AddGenerated(p, hfGNWAnalysis, t, 0, 0, field.Value{})
		c.Expert(n, eiGNWDuplicate, t, 0, 0, "")
		c.prependInfoFence("[Duplicate packet] ")
	}
}

var (
	handleBTPA = &Handle{Name: "btpa", Fn: dissectBTPA}
	handleBTPB = &Handle{Name: "btpb", Fn: dissectBTPB}
)

// dissectBTPA dissects a BTP-A header (source and destination ports); the payload is data.
func dissectBTPA(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("BTPA")
	c.ClearInfo()
	p := c.AddProto(parent, protoBTPA, t, 0, 4)
	_, dst := c.AddUint(p, hfBTPADstPort, t, 0, 2)
	_, src := c.AddUint(p, hfBTPASrcPort, t, 2, 2)
	c.appendInfoPorts(0, uint16(src), uint16(dst)) // BTP ports are not names in any services file
	c.hidden(c.AddUintV(p, hfBTPAPort, t, 0, 2, dst))
	c.hidden(c.AddUintV(p, hfBTPAPort, t, 2, 2, src))
	c.CallData(t.Sub(4), parent)
}

// dissectBTPB dissects a BTP-B header (destination port and its info); the payload is data.
func dissectBTPB(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("BTPB")
	c.ClearInfo()
	p := c.AddProto(parent, protoBTPB, t, 0, 4)
	_, dst := c.AddUint(p, hfBTPBDstPort, t, 0, 2)
	c.AddUint(p, hfBTPBDstPortI, t, 2, 2)
	c.AppendInfo(" → " + itoa(dst))
	c.CallData(t.Sub(4), parent)
}
