package dissect

import (
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// RADIUS (RFC 2865, 2866 accounting, 2869 extensions, 3162 IPv6, 5176 dynamic authorisation) over
// UDP 1812/1813 and the legacy 1645/1646/1700/3799, as Wireshark 4.0's packet-radius.c shows it with
// its dictionary's standard attributes: every attribute as "AVP: t=Name(n) l=L val=V", request and
// response matching by identifier, the encrypted User-Password and CHAP password.

var (
	protoRADIUS = Fields.Protocol("radius", "RADIUS Protocol")

	hfRadiusCode     = Fields.Add(protoRADIUS, "radius.code", "Code", field.Uint8, field.WithStrings(radiusCodeVals))
	hfRadiusID       = Fields.Add(protoRADIUS, "radius.id", "Identifier", field.Uint8)
	hfRadiusLength   = Fields.Add(protoRADIUS, "radius.length", "Length", field.Uint16)
	hfRadiusAuth     = Fields.Add(protoRADIUS, "radius.authenticator", "Authenticator", field.Bytes)
	hfRadiusReq      = Fields.Add(protoRADIUS, "radius.req", "Request", field.Bool, field.WithBlurb("TRUE if RADIUS request"))
	hfRadiusRsp      = Fields.Add(protoRADIUS, "radius.rsp", "Response", field.Bool, field.WithBlurb("TRUE if RADIUS response"))
	hfRadiusReqFrame = Fields.Add(protoRADIUS, "radius.reqframe", "Request Frame", field.FrameNum)
	hfRadiusRspFrame = Fields.Add(protoRADIUS, "radius.rspframe", "Response Frame", field.FrameNum)
	hfRadiusTime     = Fields.Add(protoRADIUS, "radius.time", "Time from request", field.RelTime)
	hfRadiusAVPType  = Fields.Add(protoRADIUS, "radius.avp.type", "Type", field.Uint8)
	hfRadiusAVPLen   = Fields.Add(protoRADIUS, "radius.avp.length", "Length", field.Uint8)
	hfRadiusVendorID = Fields.Add(protoRADIUS, "radius.avp.vendor_id", "Vendor ID", field.Uint32)
	hfRadiusPwEnc    = Fields.Add(protoRADIUS, "radius.User_Password_encrypted", "User-Password (encrypted)", field.Bytes)
	hfRadiusCHAPId   = Fields.Add(protoRADIUS, "radius.CHAP_Ident", "CHAP Ident", field.Uint8, field.WithBase(field.Hex))
	hfRadiusCHAPStr  = Fields.Add(protoRADIUS, "radius.CHAP_String", "CHAP String", field.Bytes)
	hfRadiusUnknown  = Fields.Add(protoRADIUS, "radius.Unknown_Attribute", "Unknown-Attribute", field.Bytes)
	hfRadiusEAPFrag  = Fields.Add(protoRADIUS, "radius.eap_fragment", "EAP fragment", field.Bytes)

	radiusAttrs = radiusRegister()

	handleRADIUS = &Handle{Name: "radius", Fn: dissectRADIUS}
)

// radiusAttr is one dictionary attribute: its name, how its value is encoded and its field.
type radiusAttr struct {
	name string
	kind byte // 's' string, 'o' octets, 'i' integer, 'a' IPv4 address, '6' IPv6 address, 't' time
	vals map[uint64]string
	hf   field.ID
}

// radiusDict is the standard dictionary (the attributes of RFC 2865, 2866, 2869, 3162, 5176).
var radiusDict = map[int]*radiusAttr{
	1: {name: "User-Name", kind: 's'}, 2: {name: "User-Password", kind: 'o'}, 3: {name: "CHAP-Password", kind: 'o'},
	4: {name: "NAS-IP-Address", kind: 'a'}, 5: {name: "NAS-Port", kind: 'i'},
	6: {name: "Service-Type", kind: 'i', vals: radiusServiceTypeVals}, 7: {name: "Framed-Protocol", kind: 'i', vals: radiusFramedProtoVals},
	8: {name: "Framed-IP-Address", kind: 'a'}, 9: {name: "Framed-IP-Netmask", kind: 'a'},
	10: {name: "Framed-Routing", kind: 'i', vals: radiusFramedRoutingVals}, 11: {name: "Filter-Id", kind: 's'},
	12: {name: "Framed-MTU", kind: 'i'}, 13: {name: "Framed-Compression", kind: 'i', vals: radiusFramedCompVals},
	14: {name: "Login-IP-Host", kind: 'a'}, 15: {name: "Login-Service", kind: 'i', vals: radiusLoginServiceVals},
	16: {name: "Login-TCP-Port", kind: 'i'}, 18: {name: "Reply-Message", kind: 's'}, 19: {name: "Callback-Number", kind: 's'},
	20: {name: "Callback-Id", kind: 's'}, 22: {name: "Framed-Route", kind: 's'}, 24: {name: "State", kind: 'o'},
	25: {name: "Class", kind: 'o'}, 26: {name: "Vendor-Specific", kind: 'o'}, 27: {name: "Session-Timeout", kind: 'i'},
	28: {name: "Idle-Timeout", kind: 'i'}, 29: {name: "Termination-Action", kind: 'i', vals: radiusTermActionVals},
	30: {name: "Called-Station-Id", kind: 's'}, 31: {name: "Calling-Station-Id", kind: 's'}, 32: {name: "NAS-Identifier", kind: 's'},
	33: {name: "Proxy-State", kind: 'o'}, 34: {name: "Login-LAT-Service", kind: 's'}, 35: {name: "Login-LAT-Node", kind: 's'},
	37: {name: "Framed-AppleTalk-Link", kind: 'i'}, 38: {name: "Framed-AppleTalk-Network", kind: 'i'},
	39: {name: "Framed-AppleTalk-Zone", kind: 's'},
	40: {name: "Acct-Status-Type", kind: 'i', vals: radiusAcctStatusVals}, 41: {name: "Acct-Delay-Time", kind: 'i'},
	42: {name: "Acct-Input-Octets", kind: 'i'}, 43: {name: "Acct-Output-Octets", kind: 'i'}, 44: {name: "Acct-Session-Id", kind: 's'},
	45: {name: "Acct-Authentic", kind: 'i', vals: radiusAcctAuthVals}, 46: {name: "Acct-Session-Time", kind: 'i'},
	47: {name: "Acct-Input-Packets", kind: 'i'}, 48: {name: "Acct-Output-Packets", kind: 'i'},
	49: {name: "Acct-Terminate-Cause", kind: 'i', vals: radiusTermCauseVals}, 50: {name: "Acct-Multi-Session-Id", kind: 's'},
	51: {name: "Acct-Link-Count", kind: 'i'}, 52: {name: "Acct-Input-Gigawords", kind: 'i'}, 53: {name: "Acct-Output-Gigawords", kind: 'i'},
	55: {name: "Event-Timestamp", kind: 't'}, 60: {name: "CHAP-Challenge", kind: 'o'},
	61: {name: "NAS-Port-Type", kind: 'i', vals: radiusNASPortTypeVals}, 62: {name: "Port-Limit", kind: 'i'},
	63: {name: "Login-LAT-Port", kind: 's'}, 77: {name: "Connect-Info", kind: 's'}, 79: {name: "EAP-Message", kind: 'o'},
	80: {name: "Message-Authenticator", kind: 'o'}, 85: {name: "Acct-Interim-Interval", kind: 'i'},
	87: {name: "NAS-Port-Id", kind: 's'}, 88: {name: "Framed-Pool", kind: 's'}, 95: {name: "NAS-IPv6-Address", kind: '6'},
	96: {name: "Framed-Interface-Id", kind: 'o'}, 97: {name: "Framed-IPv6-Prefix", kind: 'o'}, 98: {name: "Login-IPv6-Host", kind: '6'},
	99: {name: "Framed-IPv6-Route", kind: 's'}, 100: {name: "Framed-IPv6-Pool", kind: 's'}, 101: {name: "Error-Cause", kind: 'i'},
}

func radiusRegister() map[int]*radiusAttr {
	for _, a := range radiusDict {
		abbrev := "radius." + strings.ReplaceAll(a.name, "-", "_")
		lenAbbrev := abbrev + ".len"
		if a.name == "Framed-IP-Address" || a.name == "Login-IP-Host" { // Wireshark's own items, named with dashes
			abbrev = "radius." + a.name
		}
		switch a.kind {
		case 's':
			a.hf = Fields.Add(protoRADIUS, abbrev, a.name, field.String)
		case 'o':
			if a.name == "User-Password" {
				a.hf = Fields.Add(protoRADIUS, abbrev, a.name, field.String)
			} else {
				a.hf = Fields.Add(protoRADIUS, abbrev, a.name, field.Bytes)
			}
		case 'i':
			a.hf = Fields.Add(protoRADIUS, abbrev, a.name, field.Uint32, field.WithStrings(a.vals))
		case 'a':
			a.hf = Fields.Add(protoRADIUS, abbrev, a.name, field.IPv4)
		case '6':
			a.hf = Fields.Add(protoRADIUS, abbrev, a.name, field.IPv6)
		case 't':
			a.hf = Fields.Add(protoRADIUS, abbrev, a.name, field.AbsTime, field.WithBase(field.TimeUTC))
		}
		Fields.Add(protoRADIUS, lenAbbrev, "Length", field.Uint8, field.WithBlurb(a.name+" Length"))
	}
	return radiusDict
}

func init() {
	RegisterShortName(protoRADIUS, "RADIUS")
	for _, p := range []uint64{1812, 1813, 1645, 1646, 1700, 3799} {
		UDPPort.Add(p, handleRADIUS)
	}
}

// radiusIsRequest reports whether a code is a request (Access-, Accounting-, Disconnect-, CoA-Request).
func radiusIsRequest(code uint8) bool { return code == 1 || code == 4 || code == 40 || code == 43 }

type radiusKey struct {
	conv convKey
	id   uint8
}

type radiusState struct {
	reqs map[radiusKey]*radiusReq
	recs map[uint32]*radiusReq
}

type radiusReq struct {
	frame, resp uint32
	ts          int64
	respTo      uint32
	delta       int64
}

var radiusSlot = newStateSlot(func() any {
	return &radiusState{reqs: map[radiusKey]*radiusReq{}, recs: map[uint32]*radiusReq{}}
})

func dissectRADIUS(c *Ctx, t Tvb, parent int32) {
	// Like Wireshark, a datagram is not RADIUS unless its code is known and its length plausible.
	if t.Len() < 20 || radiusCodeVals[uint64(t.U8(0))] == "" || t.U16(2) < 20 || t.U16(2) > 4096 {
		c.PopLayer("radius")
		c.CallData(t, parent)
		return
	}
	c.SetProtocol("RADIUS")
	code := t.U8(0)
	id := t.U8(1)
	l := int(t.U16(2))
	p := c.AddProto(parent, protoRADIUS, t, 0, l)
	name, ok := radiusCodeVals[uint64(code)]
	if !ok {
		name = "Unknown Packet (" + strconv.Itoa(int(code)) + ")"
	}
	c.SetInfo(name + " id=" + strconv.Itoa(int(id)))
	c.AddUint(p, hfRadiusCode, t, 0, 1)
	in := c.AddUintV(p, hfRadiusID, t, 1, 1, uint64(id))
	c.Label(in, "Packet identifier: 0x%s (%d)", hex2(id), id)
	c.AddUint(p, hfRadiusLength, t, 2, 2)
	c.AddBytes(p, hfRadiusAuth, t, 4, 16)
	req := radiusIsRequest(code)
	r := radiusMatch(c, code, id, req)
	if req {
		c.hidden(c.AddUintV(p, hfRadiusReq, t, 0, 0, 1))
		if r != nil && r.resp != 0 && !c.State.onePass {
			n := c.AddGenerated(p, hfRadiusRspFrame, t, 0, 0, field.Value{U: uint64(r.resp)})
			c.Label(n, "The response to this request is in frame %d", r.resp)
		}
	} else {
		c.hidden(c.AddUintV(p, hfRadiusRsp, t, 0, 0, 1))
		if r != nil && r.respTo != 0 {
			n := c.AddGenerated(p, hfRadiusReqFrame, t, 0, 0, field.Value{U: uint64(r.respTo)})
			c.Label(n, "This is a response to a request in frame %d", r.respTo)
			c.AddGenerated(p, hfRadiusTime, t, 0, 0, field.Value{I: r.delta})
		}
	}
	if l <= 20 {
		return
	}
	avps := c.AddText(p, t, 20, min(l, t.Len())-20, "Attribute Value Pairs")
	for o := 20; o+2 <= l && t.Has(o, 2); {
		typ := int(t.U8(o))
		al := int(t.U8(o + 1))
		if al < 2 {
			c.AddText(avps, t, o, 2, "AVP: t="+strconv.Itoa(typ)+" l="+strconv.Itoa(al)+" (invalid length)")
			break
		}
		radiusAVP(c, t.SubLen(o, al), avps, typ, al)
		o += al
	}
}

// radiusAVP adds one attribute.
func radiusAVP(c *Ctx, t Tvb, parent int32, typ, al int) {
	a := radiusDict[typ]
	name := "Unknown-Attribute-" + strconv.Itoa(typ)
	if a != nil {
		name = a.name
	}
	n := c.AddText(parent, t, 0, al, "")
	c.AddUintV(n, hfRadiusAVPType, t, 0, 1, uint64(typ))
	c.AddUintV(n, hfRadiusAVPLen, t, 1, 1, uint64(al))
	vl := al - 2
	t.Need(2, vl)
	val := ""
	switch {
	case a == nil:
		c.AddBytes(n, hfRadiusUnknown, t, 2, vl)
		val = hexString(t.Bytes(2, vl))
	case typ == 2: // User-Password: encrypted with the shared secret
		c.AddBytes(n, hfRadiusPwEnc, t, 2, vl)
		val = "Encrypted"
	case typ == 79: // EAP-Message: a fragment of an EAP packet; a whole one is dissected as EAP
		c.AddBytes(n, hfRadiusEAPFrag, t, 2, vl)
		if vl >= 4 && int(t.U16(4)) == vl {
			if c.Visible() {
				c.T.SetLabel(n, "AVP: t=EAP-Message(79) l="+strconv.Itoa(al)+" Last Segment[1]")
			}
			ro := !c.ColumnsWritable()
			c.SetColumnsWritable(false)
			c.PushLayer("eap")
			dissectEAP(c, t.SubLen(2, vl), n)
			c.SetColumnsWritable(!ro)
			return
		}
		val = hexString(t.Bytes(2, vl))
	case typ == 3 && vl == 17: // CHAP-Password: ident and string
		cn := c.AddBytes(n, a.hf, t, 2, vl)
		c.AddUint(cn, hfRadiusCHAPId, t, 2, 1)
		c.AddBytes(cn, hfRadiusCHAPStr, t, 3, 16)
		val = hexString(t.Bytes(2, vl))
	case a.kind == 's':
		c.AddBytes(n, a.hf, t, 2, vl)
		val = string(field.AppendEscaped(nil, t.Bytes(2, vl)))
	case a.kind == 'i' && vl == 4:
		u := uint64(t.U32(2))
		c.AddUintV(n, a.hf, t, 2, 4, u)
		val = strconv.FormatUint(u, 10)
		if s, ok := a.vals[u]; ok {
			val = s + "(" + val + ")"
		}
	case a.kind == 'a' && vl == 4:
		c.AddBytes(n, a.hf, t, 2, 4)
		val = ipv4String(t.Bytes(2, 4))
	case a.kind == '6' && vl == 16:
		c.AddBytes(n, a.hf, t, 2, 16)
		val = string(field.AppendAddr(nil, t.Bytes(2, 16)))
	case a.kind == 't' && vl == 4:
		ns := int64(t.U32(2)) * 1e9
		c.Add(n, a.hf, t, 2, 4, field.Value{I: ns})
		val = string(field.AppendAbsTime(nil, ns, field.TimeUTC))
	default:
		c.AddBytes(n, a.hf, t, 2, vl)
		val = hexString(t.Bytes(2, vl))
	}
	if c.Visible() {
		c.T.SetLabel(n, "AVP: t="+name+"("+strconv.Itoa(typ)+") l="+strconv.Itoa(al)+" val="+val)
	}
}

// radiusMatch pairs requests and responses by identifier within the conversation (first pass).
func radiusMatch(c *Ctx, code, id uint8, req bool) *radiusReq {
	st := c.State.slot(radiusSlot).(*radiusState)
	if c.Pass1 {
		var ck convKey
		if req {
			ck, _ = makeConvKey(c.NetSrc, c.NetDst, uint16(c.SrcPort), uint16(c.DstPort))
		} else {
			ck, _ = makeConvKey(c.NetDst, c.NetSrc, uint16(c.DstPort), uint16(c.SrcPort))
		}
		k := radiusKey{conv: ck, id: id}
		if req {
			r := &radiusReq{frame: c.Frame.Number, ts: c.Frame.TS}
			st.reqs[k] = r
			st.recs[c.Frame.Number] = r
		} else if r := st.reqs[k]; r != nil && r.frame < c.Frame.Number {
			if r.resp == 0 {
				r.resp = c.Frame.Number
			}
			st.recs[c.Frame.Number] = &radiusReq{respTo: r.frame, delta: c.Frame.TS - r.ts}
		}
	}
	return st.recs[c.Frame.Number]
}
