package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// SCTP chunk parameters (INIT, INIT ACK, HEARTBEAT, ASCONF, RE-CONFIG) and error causes (ABORT,
// ERROR), as Wireshark's packet-sctp.c shows them. A parameter or cause may hold others (an address
// to add, an unrecognised parameter or chunk); the item that holds them collects their summary in
// its label (Wireshark's additional_item), passed here as a label buffer that is nil when the tree is
// not shown.

// sctpParameters dissects consecutive parameters padded to 4 bytes; rep is how many bytes the
// packet holds of t.
func (c *Ctx) sctpParameters(p *sctpPacket, t Tvb, rep int, tree int32, extra *[]byte) {
	for off := 0; rep-off > 0; {
		if off > 0 && extra != nil {
			*extra = append(*extra, ' ')
		}
		length := int(t.U16(off + 2))
		total := min((length+3)&^3, rep-off)
		if total == 0 {
			panic(boundsError{}) // a zero parameter length: Wireshark reads its type from nothing
		}
		pt := t.SubLen(off, total)
		off += total
		c.sctpParameter(p, pt, total, tree, extra, rep-off <= 0)
	}
}

// sctpParamLabel is the label of a parameter or cause item being built, nil when not shown.
type sctpParamLabel struct{ b *[]byte }

func (l sctpParamLabel) add(s ...string) {
	if l.b != nil {
		for _, x := range s {
			*l.b = append(*l.b, x...)
		}
	}
}

// sctpNested returns the sub-view of n bytes at o of a parameter or cause of rep bytes, and how
// many of them the packet holds.
func sctpNested(t Tvb, rep, o, n int) (Tvb, int) {
	n = max(min(n, rep-o), 0)
	return t.SubLen(o, n), n
}

// sctpDepth guards the recursion of parameters within parameters and chunks within causes.
func (c *Ctx) sctpDepth() func() {
	c.depth++
	if c.depth > 64 {
		c.depth--
		panic(boundsError{})
	}
	return func() { c.depth-- }
}

// sctpParameter dissects one parameter of rep bytes (its padding included); final says it is the
// last of its list (dissect_parameter).
func (c *Ctx) sctpParameter(p *sctpPacket, t Tvb, rep int, tree int32, extra *[]byte, final bool) {
	defer c.sctpDepth()()
	typ := uint64(t.U16(0))
	length := int(t.U16(2))
	pad := uint16(rep - length) // Wireshark's unsigned arithmetic: a length past the end is a huge pad
	name, ok := sctpParameterTypes[typ]
	if !ok {
		name = "Unknown"
	}
	pi := c.AddText(tree, t, 0, rep, name+" parameter")
	var buf []byte
	l := sctpParamLabel{}
	if c.Visible() {
		buf = append(buf, name...)
		buf = append(buf, " parameter"...)
		l.b = &buf
	}
	if final {
		if pad > 0 {
			c.Expert(pi, eiSCTPParameterPadding, t, 0, rep, "")
		}
	} else if rep%4 != 0 {
		msg := ""
		if c.ExpertTextWanted() {
			msg = "Parameter length is not padded to a multiple of 4 bytes (length=" + itoa(uint64(rep)) + ")"
		}
		c.Expert(pi, eiSCTPParameterLength, t, 0, rep, msg)
	}
	tn := c.AddUintV(pi, hfSCTPParameterType, t, 0, 2, typ)
	c.AddUint(tn, hfSCTPParameterBit1, t, 0, 2)
	c.AddUint(tn, hfSCTPParameterBit2, t, 0, 2)
	c.AddUintV(pi, hfSCTPParameterLength, t, 2, 2, uint64(length))
	ex := sctpParamLabel{b: extra}
	vlen := int(uint16(length - 4))
	switch typ {
	case 0x0001: // heartbeat info
		if vlen > 0 {
			c.AddBytes(pi, hfSCTPParameterHeartbeatInformation, t, 4, vlen)
		}
		l.add(" (Information: ", itoa(uint64(vlen)), " byte", plural(vlen), ")")
	case 0x0005, 0x0006: // IPv4, IPv6 address
		hf, n := hfSCTPParameterIpv4Address, 4
		if typ == 0x0006 {
			hf, n = hfSCTPParameterIpv6Address, 16
		}
		c.AddBytes(pi, hf, t, 4, n)
		if l.b != nil || ex.b != nil {
			a := string(field.AppendAddr(nil, t.Bytes(4, n)))
			l.add(" (Address: ", a, ")")
			ex.add(a)
		}
	case 0x0007: // state cookie
		if vlen > 0 {
			c.AddBytes(pi, hfSCTPParameterStateCookie, t, 4, vlen)
		}
		l.add(" (Cookie length: ", itoa(uint64(vlen)), " byte", plural(vlen), ")")
	case 0x0008: // unrecognized parameter
		c.sctpParameter(p, t.Sub(4), max(rep-4, 0), pi, nil, false)
	case 0x0009: // cookie preservative
		_, v := c.AddUint(pi, hfSCTPParameterCookiePreservativeIncr, t, 4, 4)
		l.add(" (Increment :", itoa(v), " msec)")
	case 0x000b: // hostname
		s := asciiString(cString(t.Bytes(4, vlen)))
		c.AddBytesV(pi, hfSCTPParameterHostname, t, 4, vlen, s)
		if vlen > 1 {
			l.add(" (Hostname: ", string(s), ")")
			ex.add(" (Hostname: ", string(s), ")")
		}
	case 0x000c: // supported address types
		n := vlen / 2
		l.add(" (Supported types: ")
		for i := 0; i < n; i++ {
			_, v := c.AddUint(pi, hfSCTPParameterSupportedAddressType, t, 4+2*i, 2)
			switch v {
			case 5:
				l.add("IPv4")
			case 6:
				l.add("IPv6")
			case 11:
				l.add("hostname")
			default:
				l.add(itoa(v))
			}
			if i < n-1 {
				l.add(", ")
			}
		}
		l.add(")")
	case 0x000d: // outgoing SSN reset request
		c.AddUint(pi, hfSCTPParameterReconfigRequestSequenceNumber, t, 4, 4)
		c.AddUint(pi, hfSCTPParameterReconfigResponseSequenceNumber, t, 8, 4)
		c.AddUint(pi, hfSCTPParameterSendersLastAssignedTsn, t, 12, 4)
		for i := 0; length > 16 && i < (length-16)/2; i++ {
			c.AddUint(pi, hfSCTPParameterReconfigSid, t, 16+2*i, 2)
		}
	case 0x000e: // incoming SSN reset request
		c.AddUint(pi, hfSCTPParameterReconfigRequestSequenceNumber, t, 4, 4)
		for i := 0; length > 8 && i < (length-8)/2; i++ {
			c.AddUint(pi, hfSCTPParameterReconfigSid, t, 8+2*i, 2)
		}
	case 0x000f: // SSN/TSN reset request
		c.AddUint(pi, hfSCTPParameterReconfigRequestSequenceNumber, t, 4, 4)
	case 0x0010: // re-configuration response
		c.AddUint(pi, hfSCTPParameterReconfigResponseSequenceNumber, t, 4, 4)
		c.AddUint(pi, hfSCTPParameterReconfigResponseResult, t, 8, 4)
		if length >= 16 {
			c.AddUint(pi, hfSCTPParameterSendersNextTsn, t, 12, 4)
		}
		if length >= 20 {
			c.AddUint(pi, hfSCTPParameterReceiversNextTsn, t, 16, 4)
		}
	case 0x0011: // add outgoing streams request
		c.AddUint(pi, hfSCTPParameterReconfigRequestSequenceNumber, t, 4, 4)
		c.AddUint(pi, hfSCTPParameterAddOutgoingStreamsNumber, t, 8, 2)
		c.AddUint(pi, hfSCTPParameterAddOutgoingStreamsReserved, t, 10, 2)
	case 0x0012: // add incoming streams request
		c.AddUint(pi, hfSCTPParameterReconfigRequestSequenceNumber, t, 4, 4)
		c.AddUint(pi, hfSCTPParameterAddIncomingStreamsNumber, t, 8, 2)
		c.AddUint(pi, hfSCTPParameterAddIncomingStreamsReserved, t, 10, 2)
	case 0x8000, 0xc000: // ECN, forward TSN supported: no value
	case 0x8002: // random
		if n := length - 4; n > 0 {
			c.AddBytes(pi, hfSCTPRandomNumber, t, 4, n)
		}
	case 0x8003: // chunks to authenticate
		l.add(" (Chunk types to be authenticated: ")
		for i := 0; i < vlen; i++ {
			_, v := c.AddUint(pi, hfSCTPChunkTypeToAuth, t, 4+i, 1)
			l.add(sctpName(sctpChunkTypes, v, "Unknown"))
			if i < vlen-1 {
				l.add(", ")
			}
		}
		l.add(")")
	case 0x8004: // HMAC algorithms
		n := vlen / 2
		l.add(" (Supported HMACs: ")
		for i := 0; i < n; i++ {
			_, v := c.AddUint(pi, hfSCTPHmacId, t, 4+2*i, 2)
			l.add(sctpName(sctpHMACIDs, v, "Unknown"))
			if i < n-1 {
				l.add(", ")
			}
		}
		l.add(")")
	case 0x8008: // supported extensions
		l.add(" (Supported types: ")
		for i := 0; i < vlen; i++ {
			_, v := c.AddUint(pi, hfSCTPSupportedChunkType, t, 4+i, 1)
			l.add(sctpName(sctpChunkTypes, v, "Unknown"))
			if i < vlen-1 {
				l.add(", ")
			}
		}
		l.add(")")
	case 0xc001, 0xc002, 0xc004: // add, delete IP address; set primary address
		_, id := c.AddUint(pi, hfSCTPCorrelationId, t, 4, 4)
		at, arep := sctpNested(t, rep, 8, int(uint16(length-8)))
		l.add(" (Address: ")
		c.sctpParameter(p, at, arep, pi, l.b, false)
		l.add(", correlation ID: ", itoa(id), ")")
	case 0xc003: // error cause indication
		c.AddUint(pi, hfSCTPCorrelationId, t, 4, 4)
		ct, crep := sctpNested(t, rep, 8, int(uint16(length-8)))
		c.sctpCauses(p, ct, crep, pi)
	case 0xc005: // success report
		_, id := c.AddUint(pi, hfSCTPCorrelationId, t, 4, 4)
		l.add(" (Correlation ID: ", itoa(id), ")")
	case 0xc006: // adaptation layer indication
		_, v := c.AddUint(pi, hfSCTPAdaptationLayerIndication, t, 4, 4)
		l.add(" (Indication: ", itoa(v), ")")
	default:
		if vlen > 0 {
			c.AddBytes(pi, hfSCTPParameterValue, t, 4, vlen)
		}
		l.add(" (Type ", itoa(typ), ", value length: ", itoa(uint64(vlen)), " byte", plural(vlen), ")")
	}
	if pad > 0 {
		c.needReported(t, length, int(pad))
		c.AddBytes(pi, hfSCTPParameterPadding, t, length, int(pad))
	}
	if l.b != nil {
		c.T.SetLabel(pi, string(*l.b))
	}
}

// sctpName returns the name of v in m, or def.
func sctpName(m map[uint64]string, v uint64, def string) string {
	if s, ok := m[v]; ok {
		return s
	}
	return def
}

// sctpCauses dissects consecutive error causes padded to 4 bytes (dissect_error_causes).
func (c *Ctx) sctpCauses(p *sctpPacket, t Tvb, rep int, tree int32) {
	for off := 0; rep-off != 0; {
		length := int(t.U16(off + 2))
		total := min((length+3)&^3, rep-off)
		if total <= 0 {
			panic(boundsError{})
		}
		c.sctpCause(p, t.SubLen(off, total), total, tree)
		off += total
	}
}

// sctpCause dissects one error cause of rep bytes, its padding included (dissect_error_cause).
func (c *Ctx) sctpCause(p *sctpPacket, t Tvb, rep int, tree int32) {
	defer c.sctpDepth()()
	code := uint64(t.U16(0))
	length := int(t.U16(2))
	pad := uint16(rep - length)
	ci := c.AddText(tree, t, 0, rep, sctpName(sctpCauseCodes, code, "Unknown")+" cause")
	var buf []byte
	l := sctpParamLabel{}
	if c.Visible() {
		buf = append(buf, sctpName(sctpCauseCodes, code, "Unknown")...)
		buf = append(buf, " cause"...)
		l.b = &buf
	}
	c.AddUintV(ci, hfSCTPCauseCode, t, 0, 2, code)
	c.AddUintV(ci, hfSCTPCauseLength, t, 2, 2, uint64(length))
	ilen := int(uint16(length - 4))
	nested := func() (Tvb, int) { return sctpNested(t, rep, 4, ilen) }
	switch code {
	case 0x01: // invalid stream identifier
		_, sid := c.AddUint(ci, hfSCTPCauseStreamIdentifier, t, 4, 2)
		c.AddUint(ci, hfSCTPCauseReserved, t, 6, 2)
		l.add(" (SID: ", itoa(sid), ")")
	case 0x02: // missing mandatory parameters
		_, n := c.AddUint(ci, hfSCTPCauseNrOfMissingParameters, t, 4, 4)
		for i := uint64(0); i < n; i++ {
			c.AddUint(ci, hfSCTPCauseMissingParameterType, t, 8+2*int(i), 2) // fails at the end of the data
		}
	case 0x03: // stale cookie
		_, v := c.AddUint(ci, hfSCTPCauseMeasureOfStaleness, t, 4, 4)
		l.add(" (Measure: ", itoa(v), " usec)")
	case 0x05: // unresolvable address
		pt, prep := nested()
		c.sctpParameter(p, pt, prep, ci, l.b, true)
	case 0x06: // unrecognized chunk type
		ct, crep := nested()
		q := *p
		q.ha = nil
		c.sctpChunk(ct, crep, ci, ci, &q, false)
		typ := uint64(ct.U8(0))
		l.add(" (Type: ", itoa(typ), " (", sctpName(sctpChunkTypes, typ, "unknown"), "))")
	case 0x08: // unrecognized parameters
		pt, prep := nested()
		c.sctpParameters(p, pt, prep, ci, nil)
	case 0x09: // no user data
		_, v := c.AddUint(ci, hfSCTPCauseTsn, t, 4, 4)
		l.add(" (TSN: ", itoa(v), ")")
	case 0x0b: // restart with new addresses
		pt, prep := nested()
		l.add(" (New addresses: ")
		c.sctpParameters(p, pt, prep, ci, l.b)
		l.add(")")
	case 0x0c, 0x0d: // user initiated abort, protocol violation
		if ilen > 0 {
			c.AddBytes(ci, hfSCTPCauseInformation, t, 4, ilen)
		}
	case 0xa0, 0xa2: // request to delete last address, delete source address
		pt, prep := nested()
		if code == 0xa0 {
			l.add(" (Last address: ")
		} else {
			l.add(" (Deleted address: ")
		}
		c.sctpParameter(p, pt, prep, ci, l.b, false)
		l.add(")")
	case 0xa1, 0xa4: // resource shortage, request refused
		pt, prep := nested()
		c.sctpParameter(p, pt, prep, ci, nil, false)
	case 0x105: // unsupported HMAC identifier
		c.AddUint(ci, hfSCTPHmacId, t, 4, 2)
	case 0x04, 0x07, 0x0a: // no information
	default:
		if ilen > 0 {
			c.AddBytes(ci, hfSCTPCauseInformation, t, 4, ilen)
		}
		l.add(" (Code: ", itoa(code), ", information length: ", itoa(uint64(ilen)), " byte", plural(ilen), ")")
	}
	if pad > 0 {
		c.needReported(t, length, int(pad))
		c.AddBytes(ci, hfSCTPCausePadding, t, length, int(pad))
	}
	if l.b != nil {
		c.T.SetLabel(ci, string(*l.b))
	}
}
