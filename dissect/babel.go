package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Babel Routing Protocol (RFC 6126, RFC 8966 and its extensions), UDP port 6696 (Wireshark's
// packet-babel.c). Like Wireshark, only version 2 is dissected; a packet trailer after the body is
// shown as a second run of messages.

var (
	protoBabel             = Fields.Protocol("babel", "Babel Routing Protocol")
	hfBabelMagic           = Fields.Add(protoBabel, "babel.magic", "Magic", field.Uint8, field.WithBlurb("Magic value 42"))
	hfBabelVersion         = Fields.Add(protoBabel, "babel.version", "Version", field.Uint8, field.WithBlurb("Version of the Babel protocol"))
	hfBabelBodylen         = Fields.Add(protoBabel, "babel.bodylen", "Body Length", field.Uint16)
	hfBabelMessage         = Fields.Add(protoBabel, "babel.message", "Message", field.Uint8, field.WithBlurb("Babel Message"))
	hfBabelMessageType     = Fields.Add(protoBabel, "babel.message.type", "Message Type", field.Uint8, field.WithStrings(babelMessageVals))
	hfBabelMessageLength   = Fields.Add(protoBabel, "babel.message.length", "Message Length", field.Uint8)
	hfBabelMessageNonce    = Fields.Add(protoBabel, "babel.message.nonce", "Nonce", field.Uint16, field.WithBase(field.Hex))
	hfBabelMessageInterval = Fields.Add(protoBabel, "babel.message.interval", "Interval", field.Uint16, field.WithBlurb("Interval (in centiseconds)"))
	hfBabelMessageSeqno    = Fields.Add(protoBabel, "babel.message.seqno", "Seqno", field.Uint16, field.WithBase(field.Hex))
	hfBabelMessageAE       = Fields.Add(protoBabel, "babel.message.ae", "Address Encoding", field.Uint8, field.WithStrings(map[uint64]string{0: "Wildcard", 1: "IPv4", 2: "IPv6", 3: "Link-Local IPv6"}))
	hfBabelMessagePrefix   = Fields.Add(protoBabel, "babel.message.prefix", "Raw Prefix", field.Bytes)
	hfBabelMessageRxcost   = Fields.Add(protoBabel, "babel.message.rxcost", "Rxcost", field.Uint16, field.WithBase(field.Hex), field.WithBlurb("Rxcost (from the point of vue of the sender)"))
	hfBabelMessageRouterID = Fields.Add(protoBabel, "babel.message.routerid", "Router ID", field.Bytes)
	hfBabelMessageFlags    = Fields.Add(protoBabel, "babel.message.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfBabelMessagePlen     = Fields.Add(protoBabel, "babel.message.plen", "Prefix Length", field.Uint8)
	hfBabelMessageOmitted  = Fields.Add(protoBabel, "babel.message.omitted", "Omitted Bytes", field.Uint8, field.WithBlurb("Number of bytes omitted from the prefix"))
	hfBabelMessageMetric   = Fields.Add(protoBabel, "babel.message.metric", "Metric", field.Uint16)
	hfBabelMessageHopcount = Fields.Add(protoBabel, "babel.message.hopcount", "Hop Count", field.Uint8)
	hfBabelMessageIndex    = Fields.Add(protoBabel, "babel.message.index", "Index", field.Uint32)
	hfBabelSubtlv          = Fields.Add(protoBabel, "babel.subtlv", "Sub-TLV", field.Uint8, field.WithBlurb("Babel Sub-TLV"))
	hfBabelSubtlvType      = Fields.Add(protoBabel, "babel.subtlv.type", "Sub-TLV Type", field.Uint8, field.WithStrings(babelSubtlvVals))
	hfBabelSubtlvLength    = Fields.Add(protoBabel, "babel.subtlv.length", "Sub-TLV Length", field.Uint8, field.WithStrings(babelSubtlvVals))
	hfBabelSubtlvChannel   = Fields.Add(protoBabel, "babel.subtlv.diversity.channel", "Channel", field.Uint8)
	handleBabel            = &Handle{Name: "babel", Fn: dissectBabel}
)

var babelMessageVals = map[uint64]string{0: "pad1", 1: "padn", 2: "ack-req", 3: "ack", 4: "hello", 5: "ihu",
	6: "router-id", 7: "nh", 8: "update", 9: "request", 10: "mh-request", 11: "ts/pc (obsolete)", 12: "hmac",
	13: "source-specific-update", 14: "source-specific-req", 15: "source-specific-seqno", 16: "hmac", 17: "pc",
	18: "challenge-request", 19: "challenge-reply"}

var babelSubtlvVals = map[uint64]string{0: "sub-pad1", 1: "sub-padn", 2: "diversity", 3: "timestamp"}

func init() {
	RegisterShortName(protoBabel, "Babel")
	UDPPort.Add(6696, handleBabel)
}

// babelV4Prefix is the v4-mapped prefix Babel's address arithmetic works in.
var babelV4Prefix = [12]byte{10: 0xff, 11: 0xff}

func babelName(vals map[uint64]string, v uint64) string {
	if s, ok := vals[v]; ok {
		return s
	}
	return "unknown"
}

// babelPrefix expands a (possibly compressed) prefix of address encoding ae; plen < 0 reads a
// whole address. It returns the address and the bytes it consumed, or -1 when it is malformed.
func babelPrefix(ae, plen int, omitted int, t Tvb, o int, dp *[16]byte, l int) ([16]byte, int) {
	var p [16]byte
	var pb int
	switch {
	case plen >= 0:
		pb = (plen + 7) / 8
	case ae == 1:
		pb = 4
	default:
		pb = 16
	}
	if pb > 16 {
		return p, -1
	}
	consumed := 0
	switch ae {
	case 0:
	case 1:
		if omitted > 4 || pb > 4 || (pb > omitted && l < pb-omitted) {
			return p, -1
		}
		copy(p[:], babelV4Prefix[:])
		if omitted > 0 {
			if dp == nil {
				return p, -1
			}
			copy(p[:12+omitted], dp[:])
		}
		if pb > omitted {
			copy(p[12+omitted:], t.Bytes(o, pb-omitted))
			consumed = pb - omitted
		}
	case 2:
		if omitted > 16 || (pb > omitted && l < pb-omitted) {
			return p, -1
		}
		if omitted > 0 {
			if dp == nil {
				return p, -1
			}
			copy(p[:omitted], dp[:])
		}
		if pb > omitted {
			copy(p[omitted:], t.Bytes(o, pb-omitted))
			consumed = pb - omitted
		}
	case 3:
		if pb > 8 && l < pb-8 {
			return p, -1
		}
		p[0], p[1] = 0xfe, 0x80
		if pb > 8 {
			copy(p[8:], t.Bytes(o, pb-8))
			consumed = pb - 8
		}
	default:
		return p, -1
	}
	return p, consumed
}

func babelAddress(p [16]byte, rc int) string {
	if rc < 0 {
		return "corrupt"
	}
	if [12]byte(p[:12]) == babelV4Prefix {
		return ipv4String(p[12:])
	}
	return string(field.AppendAddr(nil, p[:]))
}

func babelTimestamp(v uint32) string {
	return strconv.FormatUint(uint64(v/1000000), 10) + "." + pad6(v%1000000) + "s"
}

func pad6(v uint32) string {
	s := strconv.FormatUint(uint64(v), 10)
	for len(s) < 6 {
		s = "0" + s
	}
	return s
}

func dissectBabel(c *Ctx, t Tvb, parent int32) {
	if t.Len() < 4 || t.U8(0) != 42 {
		c.PopLayer("babel")
		c.CallData(t, parent)
		return
	}
	c.SetProtocol("Babel")
	c.SetInfo("Babel")
	if v := t.U8(1); v != 2 {
		c.SetInfo("Version " + itoa(uint64(v)))
		return
	}
	p := c.AddProto(parent, protoBabel, t, 0, -1)
	c.AddUint(p, hfBabelMagic, t, 0, 1)
	c.AddUint(p, hfBabelVersion, t, 1, 1)
	_, bodylen := c.AddUint(p, hfBabelBodylen, t, 2, 2)
	c.babelBody(t, p, 0, int(bodylen))
}

// babelBody shows the messages of the body (offset 0) or of the trailer (offset bodylen).
func (c *Ctx) babelBody(t Tvb, tree int32, offset, bodylen int) {
	var v4, v6 [16]byte
	i := offset
	for i-offset < bodylen {
		m := 4 + i
		typ := uint64(t.U8(m))
		l, total := 0, 1
		if typ != 0 {
			l = int(t.U8(m + 1))
			total = l + 2
		}
		name := babelName(babelMessageVals, typ)
		c.AppendInfo(" " + name)
		mt := c.AddUintV(tree, hfBabelMessage, t, m, total, typ)
		c.Label(mt, "Message %s (%d)", name, typ)
		c.AddUint(mt, hfBabelMessageType, t, m, 1)
		if typ == 0 {
			i++
			continue
		}
		c.AddUint(mt, hfBabelMessageLength, t, m+1, 1)
		switch typ {
		case 2: // ack-req
			c.AddUint(mt, hfBabelMessageNonce, t, m+4, 2)
			c.AddUint(mt, hfBabelMessageInterval, t, m+6, 2)
		case 3: // ack
			c.AddUint(mt, hfBabelMessageNonce, t, m+2, 2)
		case 4: // hello
			c.addTextItem(mt, t, m+2, 2, "Unicast : "+itoa(uint64(t.U8(2))))
			c.AddUint(mt, hfBabelMessageSeqno, t, m+4, 2)
			c.AddUint(mt, hfBabelMessageInterval, t, m+6, 2)
			if l > 6 {
				c.babelSubtlvs(t, typ, m+8, m+2+l, mt)
			}
		case 5: // ihu
			a, rc := babelPrefix(int(t.U8(m+2)), -1, 0, t, m+8, nil, l-6)
			c.AddUint(mt, hfBabelMessageRxcost, t, m+4, 2)
			c.AddUint(mt, hfBabelMessageInterval, t, m+6, 2)
			st := c.addTextItem(mt, t, m+4, l-2, "Address: "+babelAddress(a, rc))
			c.AddUint(st, hfBabelMessageAE, t, m+2, 1)
			c.babelRawPrefix(st, t, m+4, l-2)
			if rc < l-6 {
				c.babelSubtlvs(t, typ, m+8+rc, m+2+l, mt)
			}
		case 6: // router-id
			c.AddBytes(mt, hfBabelMessageRouterID, t, m+4, 8)
		case 7: // nh
			a, rc := babelPrefix(int(t.U8(m+2)), -1, 0, t, m+4, nil, l-2)
			st := c.addTextItem(mt, t, m+4, l-2, "NH: "+babelAddress(a, rc))
			c.AddUint(st, hfBabelMessageAE, t, m+2, 1)
			c.babelRawPrefix(st, t, m+4, l-2)
		case 8: // update
			ae, flags, plen := int(t.U8(m+2)), t.U8(m+3), int(t.U8(m+4))
			dp := &v6
			if ae == 1 {
				dp = &v4
			}
			a, rc := babelPrefix(ae, plen, int(t.U8(m+5)), t, m+12, dp, l-10)
			if rc >= 0 && flags&0x80 != 0 {
				*dp = a
			}
			c.AddUint(mt, hfBabelMessageFlags, t, m+3, 1)
			c.AddUint(mt, hfBabelMessageInterval, t, m+6, 2)
			c.AddUint(mt, hfBabelMessageSeqno, t, m+8, 2)
			c.AddUint(mt, hfBabelMessageMetric, t, m+10, 2)
			st := c.addTextItem(mt, t, m+12, l-10, "Prefix: "+babelAddress(a, rc)+"/"+itoa(uint64(plen)))
			c.AddUint(st, hfBabelMessageAE, t, m+2, 1)
			c.AddUint(st, hfBabelMessagePlen, t, m+4, 1)
			c.AddUint(st, hfBabelMessageOmitted, t, m+5, 1)
			c.babelRawPrefix(st, t, m+12, l-10)
			if int(uint8(rc)) < l-10 {
				c.babelSubtlvs(t, typ, m+12+rc, m+2+l, mt)
			}
		case 9: // request
			plen := int(t.U8(m + 3))
			a, rc := babelPrefix(int(t.U8(m+2)), plen, 0, t, m+4, nil, l-2)
			st := c.addTextItem(mt, t, m+4, l-2, "Prefix: "+babelAddress(a, rc)+"/"+itoa(uint64(plen)))
			c.AddUint(st, hfBabelMessageAE, t, m+2, 1)
			c.AddUint(st, hfBabelMessagePlen, t, m+3, 1)
			c.babelRawPrefix(st, t, m+4, l-2)
		case 10: // mh-request
			plen := int(t.U8(m + 3))
			a, rc := babelPrefix(int(t.U8(m+2)), plen, 0, t, m+16, nil, l-14)
			c.AddUint(mt, hfBabelMessageSeqno, t, m+4, 2)
			c.AddUint(mt, hfBabelMessageHopcount, t, m+6, 1)
			c.AddBytes(mt, hfBabelMessageRouterID, t, m+8, 8)
			st := c.addTextItem(mt, t, m+16, l-14, "Prefix: "+babelAddress(a, rc)+"/"+itoa(uint64(plen)))
			c.AddUint(st, hfBabelMessageAE, t, m+2, 1)
			c.AddUint(st, hfBabelMessagePlen, t, m+3, 1)
			c.babelRawPrefix(st, t, m+16, l-14)
		case 17: // pc
			c.AddUint(mt, hfBabelMessageIndex, t, m+2, 4)
		}
		i += l + 2
	}
	// Wireshark keeps the trailer length in 8 bits.
	trailer := int(uint8(t.Len() + c.unreported(t) - bodylen - 4))
	if offset == 0 && trailer != 0 {
		st := c.addTextItem(tree, t, 4+bodylen, trailer, "Packet Trailer ("+itoa(uint64(trailer))+")")
		c.babelBody(t, st, bodylen, trailer)
	}
}

// babelSubtlvs shows the sub-TLVs of a message of type typ in t[beg:end].
func (c *Ctx) babelSubtlvs(t Tvb, typ uint64, beg, end int, tree int32) {
	for beg < end {
		st := uint64(t.U8(beg))
		l := 0
		if st != 0 {
			l = int(t.U8(beg + 1))
		}
		n := l + 2
		if st == 0 {
			n = 1
		}
		it := c.AddUintV(tree, hfBabelSubtlv, t, beg, n, st)
		c.Label(it, "Sub TLV %s (%d)", babelName(babelSubtlvVals, st), st)
		c.AddUint(it, hfBabelSubtlvType, t, beg, 1)
		if st == 0 {
			beg++
			continue
		}
		c.AddUint(it, hfBabelSubtlvLength, t, beg+1, 1)
		if st&0x80 != 0 {
			c.addTextItem(it, t, beg+2, l, "Mandatory")
		}
		switch st {
		case 2: // diversity
			ch := c.addTextItem(it, t, beg+2, 0, "Channel")
			for i := 0; i < l; i++ {
				c.AddUint(ch, hfBabelSubtlvChannel, t, beg+2+i, 1)
			}
		case 3: // timestamp
			switch typ {
			case 4:
				c.addTextItem(it, t, beg+2, l, "Timestamp : "+babelTimestamp(t.U32(beg+2)))
			case 5:
				t1, t2 := t.U32(beg+2), t.U32(beg+6)
				c.addTextItem(it, t, beg+2, l, "Timestamp origin : "+babelTimestamp(t1))
				c.addTextItem(it, t, beg+6, l, "Timestamp receive: "+babelTimestamp(t2))
			default:
				c.addTextItem(it, t, beg+2, l, "Bogus")
			}
		}
		beg += l + 2
	}
}

// babelRawPrefix adds a message's raw prefix; an empty one is <MISSING> in tshark 4.0.
func (c *Ctx) babelRawPrefix(tree int32, t Tvb, o, n int) {
	if n == 0 {
		t.Need(o, 0)
		c.AddBytesV(tree, hfBabelMessagePrefix, t, o, 0, nil)
		return
	}
	c.AddBytes(tree, hfBabelMessagePrefix, t, o, n)
}
