package dissect

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// SIP (Wireshark's packet-sip.c) over UDP: the request or status line, every header as a field of
// its own name (sip.Via, sip.CSeq...), the parts of Via, From, To, Contact, CSeq and the
// authentication headers, resent messages, the request a response answers with its response time,
// and the body (SDP, which sets up the RTP and RTCP conversations it announces). SIP over TCP is not
// dissected yet.

// sipHeaders are the header names tshark 4.0 registers as sip.<Name> fields, and the compact forms
// that stand for some of them (RFC 3261 7.3.3 and later RFCs).
var sipHeaders = []string{"Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language",
	"Accept-Resource-Priority", "Additional-Identity", "Alert-Info", "Allow", "Allow-Events", "Answer-Mode",
	"Attestation-Info", "Authentication-Info", "Authorization", "Call-ID", "Call-Info", "Cellular-Network-Info",
	"Contact", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Type",
	"CSeq", "Date", "Error-Info", "Event", "Expires", "Feature-Caps", "Flow-Timer", "From", "Geolocation",
	"Geolocation-Error", "Geolocation-Routing", "History-Info", "Identity", "Identity-info", "Info-Package",
	"In-Reply-To", "Join", "Max-Breadth", "Max-Forwards", "MIME-Version", "Min-Expires", "Min-SE", "Organization",
	"Origination-Id", "P-Access-Network-Info", "P-Answer-State", "P-Asserted-Identity", "P-Asserted-Service",
	"P-Charge-Info", "P-Associated-URI", "P-Called-Party-ID", "P-Charging-Function-Addresses",
	"P-Charging-Vector", "P-DCS-Trace-Party-ID", "P-DCS-OSPS", "P-DCS-Billing-Info", "P-DCS-LAES",
	"P-DCS-Redirect", "P-Early-Media", "P-Media-Authorization", "P-Preferred-Identity", "P-Preferred-Service",
	"P-Profile-Key", "P-Refused-URI-List", "P-Served-User", "P-User-Database", "P-Visited-Network-ID", "Path",
	"Permission-Missing", "Policy_Contact", "Policy_ID", "Priority", "Priority-Share", "Priv-Answer-mode",
	"Privacy", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require", "RAck", "Reason", "Reason-Phrase",
	"Record-Route", "Recv-Info", "Refer-Sub", "Refer-To", "Referred-by", "Reject-Contact", "Relayed-Charge",
	"Replaces", "Reply-To", "Request-Disposition", "Require", "Resource-Priority", "Resource-Share",
	"Response-Source", "Restoration-Info", "Retry-After", "Route", "RSeq", "Security-Client", "Security-Server",
	"Security-Verify", "Server", "Service-Interact-Info", "Service-Route", "Session-Expires", "Session-ID",
	"ETag", "If_Match", "Subject", "Subscription-State", "Supported", "Suppress_If_Match", "Target-Dialog",
	"Timestamp", "To", "Trigger-Consent", "Unsupported", "User-Agent", "Via", "Warning", "WWW-Authenticate",
	"Diversion"}

var sipCompact = map[string]string{"i": "Call-ID", "m": "Contact", "e": "Content-Encoding", "l": "Content-Length",
	"c": "Content-Type", "f": "From", "s": "Subject", "k": "Supported", "t": "To", "v": "Via", "o": "Event",
	"r": "Refer-To", "b": "Referred-by", "u": "Allow-Events", "x": "Session-Expires", "y": "Identity",
	"n": "Identity-info", "a": "Accept-Contact", "j": "Reject-Contact", "d": "Request-Disposition"}

// sipAuthParams are the parameters of the authentication headers that have fields, in Wireshark's
// names.
var sipAuthParams = map[string]struct{ abbrev, name string }{
	"username": {"sip.auth.username", "Username"}, "realm": {"sip.auth.realm", "Realm"},
	"nonce": {"sip.auth.nonce", "Nonce Value"}, "algorithm": {"sip.auth.algorithm", "Algorithm"},
	"opaque": {"sip.auth.opaque", "Opaque Value"}, "qop": {"sip.auth.qop", "QOP"},
	"cnonce": {"sip.auth.cnonce", "CNonce Value"}, "nc": {"sip.auth.nc", "Nonce Count"},
	"uri": {"sip.auth.uri", "Authentication URI"}, "response": {"sip.auth.digest.response", "Digest Authentication Response"},
	"domain": {"sip.auth.domain", "Authentication Domain"}, "stale": {"sip.auth.stale", "Stale Flag"},
	"auts": {"sip.auth.auts", "Authentication Token"}, "rspauth": {"sip.auth.rspauth", "Response auth"},
	"nextnonce": {"sip.auth.nextnonce", "Next Nonce"}, "ik": {"sip.auth.ik", "Integrity Key"},
	"ck": {"sip.auth.ck", "Cyphering Key"}}

// sipURIFields are the fields of a URI in one header (From, To, Contact, the Request-URI).
type sipURIFields struct{ display, addr, user, host, port, param field.ID }

var (
	protoSIP           = Fields.Protocol("sip", "Session Initiation Protocol")
	hfSIPMethod        = Fields.Add(protoSIP, "sip.Method", "Method", field.String)
	hfSIPRequestLine   = Fields.Add(protoSIP, "sip.Request-Line", "Request-Line", field.String)
	hfSIPStatusCode    = Fields.Add(protoSIP, "sip.Status-Code", "Status-Code", field.Uint32)
	hfSIPStatusLine    = Fields.Add(protoSIP, "sip.Status-Line", "Status-Line", field.String)
	hfSIPMsgHdr        = Fields.Add(protoSIP, "sip.msg_hdr", "Message Header", field.String)
	hfSIPMsgBody       = Fields.Add(protoSIP, "sip.msg_body", "Message Body", field.None)
	hfSIPResend        = Fields.Add(protoSIP, "sip.resend", "Resent Packet", field.Bool)
	hfSIPResendOrig    = Fields.Add(protoSIP, "sip.resend-original", "Suspected resend of frame", field.FrameNum)
	hfSIPRespRequest   = Fields.Add(protoSIP, "sip.response-request", "Request Frame", field.FrameNum)
	hfSIPRespTime      = Fields.Add(protoSIP, "sip.response-time", "Response Time (ms)", field.Uint32)
	hfSIPReleaseTime   = Fields.Add(protoSIP, "sip.release-time", "Release Time (ms)", field.Uint32)
	hfSIPCallIDGen     = Fields.Add(protoSIP, "sip.call_id_generated", "Generated Call-ID", field.String)
	hfSIPTag           = Fields.Add(protoSIP, "sip.tag", "SIP tag", field.String)
	hfSIPAuth          = Fields.Add(protoSIP, "sip.auth", "Authentication", field.String)
	hfSIPAuthScheme    = Fields.Add(protoSIP, "sip.auth.scheme", "Authentication Scheme", field.String)
	hfSIPCSeqSeq       = Fields.Add(protoSIP, "sip.CSeq.seq", "Sequence Number", field.Uint32)
	hfSIPCSeqMethod    = Fields.Add(protoSIP, "sip.CSeq.method", "Method", field.String)
	hfSIPViaTransport  = Fields.Add(protoSIP, "sip.Via.transport", "Transport", field.String)
	hfSIPViaAddress    = Fields.Add(protoSIP, "sip.Via.sent-by.address", "Sent-by Address", field.String)
	hfSIPViaPort       = Fields.Add(protoSIP, "sip.Via.sent-by.port", "Sent-by port", field.Uint16)
	hfSIPViaBranch     = Fields.Add(protoSIP, "sip.Via.branch", "Branch", field.String)
	hfSIPViaMaddr      = Fields.Add(protoSIP, "sip.Via.maddr", "Maddr", field.String)
	hfSIPViaRport      = Fields.Add(protoSIP, "sip.Via.rport", "RPort", field.String)
	hfSIPViaReceived   = Fields.Add(protoSIP, "sip.Via.received", "Received", field.String)
	hfSIPViaTTL        = Fields.Add(protoSIP, "sip.Via.ttl", "TTL", field.String)
	hfSIPContactParam  = Fields.Add(protoSIP, "sip.contact.parameter", "Contact parameter", field.String)
	sipRURI            = sipURIFieldSet("sip.r-uri", "Request-URI", "sip.r-uri.display.info", "sip.r-uri", "Request URI parameter")
	sipFrom            = sipURIFieldSet("sip.from", "SIP from address", "sip.from.display.info", "sip.from.addr", "SIP From URI parameter")
	sipTo              = sipURIFieldSet("sip.to", "SIP to address", "sip.to.display.info", "sip.to.addr", "SIP To URI parameter")
	sipContact         = sipURIFieldSet("sip.contact", "Contact URI", "sip.contact.display.info", "sip.contact.uri", "Contact URI parameter")
	hfSIPFromTag       = Fields.Add(protoSIP, "sip.from.tag", "SIP from tag", field.String)
	hfSIPToTag         = Fields.Add(protoSIP, "sip.to.tag", "SIP to tag", field.String)
	hfSIPHeader        = map[string]field.ID{} // lower-case header name -> sip.<Name>
	hfSIPAuthParam     = map[string]field.ID{}
	sipHeaderCanonical = map[string]string{} // lower-case -> as registered

	handleSIP = &Handle{Name: "sip", Fn: dissectSIP}
)

// sipURIFieldSet registers the URI fields of one header.
func sipURIFieldSet(prefix, addrName, display, addr, paramName string) sipURIFields {
	short := strings.TrimSuffix(addrName, " address")
	displayName := short + " display info"
	if prefix == "sip.contact" {
		displayName = "SIP C-URI display info"
	} else if prefix == "sip.r-uri" {
		displayName = "Request-URI display info"
	}
	userName, hostName, portName := addrName+" User Part", addrName+" Host Part", addrName+" Host Port"
	return sipURIFields{
		display: Fields.Add(protoSIP, display, displayName, field.String),
		addr:    Fields.Add(protoSIP, addr, addrName, field.String),
		user:    Fields.Add(protoSIP, prefix+".user", userName, field.String),
		host:    Fields.Add(protoSIP, prefix+".host", hostName, field.String),
		port:    Fields.Add(protoSIP, prefix+".port", portName, field.String),
		param:   Fields.Add(protoSIP, prefix+".param", paramName, field.String),
	}
}

func init() {
	for _, h := range sipHeaders {
		hfSIPHeader[strings.ToLower(h)] = Fields.Add(protoSIP, "sip."+h, h, field.String)
		sipHeaderCanonical[strings.ToLower(h)] = h
	}
	for k, p := range sipAuthParams {
		hfSIPAuthParam[k] = Fields.Add(protoSIP, p.abbrev, p.name, field.String)
	}
	RegisterShortName(protoSIP, "SIP")
	UDPPort.Add(5060, handleSIP)
}

// sipMsgKey identifies a message for resend detection: the same transaction, direction and status.
type sipMsgKey struct {
	callID, method string
	cseq           uint32
	status         uint32
	src, dst       [16]byte
	sport, dport   uint32
}

// sipTxn is a request seen by the first pass, for the responses that answer it.
type sipTxn struct {
	frame uint32
	ts    int64
}

type sipFrameRec struct {
	resendOf   uint32
	reqFrame   uint32
	respTimeMs uint32
}

type sipState struct {
	seen   map[sipMsgKey]uint32
	txns   map[string]sipTxn // Call-ID + CSeq number + method -> the request
	frames map[uint32]sipFrameRec
}

var sipSlot = newStateSlot(func() any {
	return &sipState{seen: map[sipMsgKey]uint32{}, txns: map[string]sipTxn{}, frames: map[uint32]sipFrameRec{}}
})

// sipHeaderLine is one header of a message: its name as written and its value's span.
type sipHeaderLine struct {
	name       string // canonical name
	off, n     int    // the whole line (without CRLF)
	vOff, vLen int    // the value, trimmed
}

func dissectSIP(c *Ctx, t Tvb, parent int32) {
	lineLen, next, ok := t.LineEnd(0)
	if !ok || lineLen == 0 {
		c.CallData(t, parent)
		return
	}
	first := t.B[:lineLen]
	isStatus := bytes.HasPrefix(first, []byte("SIP/2.0 "))
	var method, reqURI string
	var status uint64
	var reason string
	if isStatus {
		rest := string(first[8:])
		code, r, _ := strings.Cut(rest, " ")
		status, _ = strconv.ParseUint(code, 10, 32)
		reason = r
	} else {
		parts := strings.SplitN(string(first), " ", 3)
		if len(parts) != 3 || !strings.HasPrefix(parts[2], "SIP/") {
			c.CallData(t, parent)
			return
		}
		method, reqURI = parts[0], parts[1]
	}
	c.SetProtocol("SIP")
	// Headers.
	var hdrs []sipHeaderLine
	o := next
	bodyOff := t.Len()
	for o < t.Len() {
		ll, nx, _ := t.LineEnd(o)
		if ll == 0 {
			bodyOff = nx
			break
		}
		line := t.B[o : o+ll]
		colon := bytes.IndexByte(line, ':')
		if colon > 0 {
			name := strings.TrimSpace(string(line[:colon]))
			canon, ok := sipCompact[name]
			if !ok {
				canon = name
			}
			vs := colon + 1
			for vs < ll && (line[vs] == ' ' || line[vs] == '\t') {
				vs++
			}
			ve := ll
			for ve > vs && (line[ve-1] == ' ' || line[ve-1] == '\t') {
				ve--
			}
			hdrs = append(hdrs, sipHeaderLine{name: canon, off: o, n: ll, vOff: o + vs, vLen: ve - vs})
		}
		o = nx
	}
	value := func(h sipHeaderLine) string { return string(t.B[h.vOff : h.vOff+h.vLen]) }
	var callID, cseqMethod, contentType string
	var cseq uint64
	contacts := 0
	for _, h := range hdrs {
		switch strings.ToLower(h.name) {
		case "call-id":
			callID = value(h)
		case "cseq":
			n, m, _ := strings.Cut(value(h), " ")
			cseq, _ = strconv.ParseUint(strings.TrimSpace(n), 10, 32)
			cseqMethod = strings.TrimSpace(m)
		case "content-type":
			contentType = strings.ToLower(value(h))
		case "contact":
			if value(h) != "*" {
				contacts += len(sipSplitList(value(h)))
			}
		}
	}
	// First pass: resends and request/response matching.
	st := c.State.slot(sipSlot).(*sipState)
	if c.Pass1 {
		var rec sipFrameRec
		k := sipMsgKey{callID: callID, method: cseqMethod, cseq: uint32(cseq), status: uint32(status),
			sport: c.SrcPort, dport: c.DstPort}
		copy(k.src[:], c.NetSrc)
		copy(k.dst[:], c.NetDst)
		if f, ok := st.seen[k]; ok {
			rec.resendOf = f
		} else {
			st.seen[k] = c.Frame.Number
		}
		tk := callID + "\x00" + strconv.FormatUint(cseq, 10) + "\x00" + cseqMethod
		if method == "ACK" { // an ACK answers the INVITE's final response: it is timed from the INVITE
			if tx, ok := st.txns[callID+"\x00"+strconv.FormatUint(cseq, 10)+"\x00INVITE"]; ok {
				rec.reqFrame = tx.frame
				rec.respTimeMs = uint32((c.Frame.TS - tx.ts) / 1e6)
			}
		} else if !isStatus && rec.resendOf == 0 {
			st.txns[tk] = sipTxn{frame: c.Frame.Number, ts: c.Frame.TS}
		} else if isStatus {
			if tx, ok := st.txns[tk]; ok {
				rec.reqFrame = tx.frame
				rec.respTimeMs = uint32((c.Frame.TS - tx.ts) / 1e6)
			}
		}
		if rec != (sipFrameRec{}) {
			st.frames[c.Frame.Number] = rec
		}
	}
	rec := st.frames[c.Frame.Number]

	tree := c.AddProto(parent, protoSIP, t, 0, -1)
	if isStatus {
		c.Label(tree, "Session Initiation Protocol (%d)", status)
		sl := c.addASCII(tree, hfSIPStatusLine, t, 0, lineLen)
		c.Label(sl, "Status-Line: %s", first)
		c.AddUintV(sl, hfSIPStatusCode, t, 8, 3, status)
		c.AddGenerated(sl, hfSIPResend, t, 0, 0, field.Value{U: b2u64(rec.resendOf != 0)})
		if rec.resendOf != 0 {
			c.AddGenerated(sl, hfSIPResendOrig, t, 0, 0, field.Value{U: uint64(rec.resendOf)})
		}
		if rec.reqFrame != 0 {
			c.AddGenerated(sl, hfSIPRespRequest, t, 0, 0, field.Value{U: uint64(rec.reqFrame)})
			c.AddGenerated(sl, hfSIPRespTime, t, 0, 0, field.Value{U: uint64(rec.respTimeMs)})
			if cseqMethod == "BYE" && status >= 200 && status < 300 {
				c.AddGenerated(sl, hfSIPReleaseTime, t, 0, 0, field.Value{U: uint64(rec.respTimeMs)})
			}
		}
		c.SetInfo("Status: " + strconv.FormatUint(status, 10) + " " + reason)
		if status >= 200 && status < 300 && cseqMethod != "" {
			c.AppendInfo(" (" + cseqMethod + ")")
		}
	} else {
		c.Label(tree, "Session Initiation Protocol (%s)", method)
		rl := c.addASCII(tree, hfSIPRequestLine, t, 0, lineLen)
		c.Label(rl, "Request-Line: %s", first)
		c.AddString(rl, hfSIPMethod, t, 0, len(method), method)
		c.sipURI(rl, t, len(method)+1, len(reqURI), sipRURI, false)
		c.AddGenerated(rl, hfSIPResend, t, 0, 0, field.Value{U: b2u64(rec.resendOf != 0)})
		if rec.resendOf != 0 {
			c.AddGenerated(rl, hfSIPResendOrig, t, 0, 0, field.Value{U: uint64(rec.resendOf)})
		}
		if rec.reqFrame != 0 {
			c.AddGenerated(rl, hfSIPRespRequest, t, 0, 0, field.Value{U: uint64(rec.reqFrame)})
			c.AddGenerated(rl, hfSIPRespTime, t, 0, 0, field.Value{U: uint64(rec.respTimeMs)})
		}
		c.SetInfo("Request: " + method + " " + reqURI)
	}
	if (method == "REGISTER" || (isStatus && cseqMethod == "REGISTER" && status >= 200 && status < 300)) && contacts > 0 {
		c.AppendInfo("  (" + strconv.Itoa(contacts) + " binding")
		if contacts > 1 {
			c.AppendInfo("s")
		}
		c.AppendInfo(")")
	}
	c.AppendInfo(" | ")

	mh := c.AddBytesV(tree, hfSIPMsgHdr, t, next, t.Len()-next, t.B[next:])
	c.Label(mh, "Message Header")
	for _, h := range hdrs {
		c.sipHeader(mh, t, h, callID)
	}
	if bodyOff < t.Len() {
		body := t.Sub(bodyOff)
		mb := c.AddProto(tree, hfSIPMsgBody, t, bodyOff, -1)
		c.Label(mb, "Message Body")
		if strings.HasPrefix(contentType, "application/sdp") {
			c.SetProtocol("SIP/SDP")
			c.PushLayer("sdp")
			setup := c.Frame.Number // an answer's media count from the offer (the request's frame)
			if isStatus && rec.reqFrame != 0 {
				setup = rec.reqFrame
			}
			c.dissectSDP(mb, body, callID, setup)
		} else {
			c.CallData(body, mb)
		}
	}
}

// sipHeader adds one header line and its parsed parts.
func (c *Ctx) sipHeader(parent int32, t Tvb, h sipHeaderLine, callID string) {
	lower := strings.ToLower(h.name)
	hf, known := hfSIPHeader[lower]
	if !known {
		c.AddText(parent, t, h.off, h.n, string(t.B[h.off:h.off+h.n]))
		return
	}
	node := c.AddBytesV(parent, hf, t, h.off, h.n, t.B[h.vOff:h.vOff+h.vLen])
	c.Label(node, "%s", t.B[h.off:h.off+h.n])
	v := string(t.B[h.vOff : h.vOff+h.vLen])
	switch lower {
	case "via":
		c.sipVia(node, t, h.vOff, v)
	case "from":
		c.sipNameAddr(node, t, h.vOff, v, sipFrom, hfSIPFromTag)
	case "to":
		c.sipNameAddr(node, t, h.vOff, v, sipTo, hfSIPToTag)
	case "contact":
		if v != "*" {
			o := h.vOff
			for _, part := range sipSplitList(v) {
				c.sipNameAddr(node, t, o+part.off, part.s, sipContact, 0)
			}
		}
	case "cseq":
		n, m, _ := strings.Cut(v, " ")
		seq, _ := strconv.ParseUint(strings.TrimSpace(n), 10, 32)
		c.AddUintV(node, hfSIPCSeqSeq, t, h.vOff, len(n), seq)
		if m != "" {
			mo := strings.Index(v, m)
			c.AddString(node, hfSIPCSeqMethod, t, h.vOff+mo, len(m), m)
		}
	case "call-id":
		c.AddGenerated(parent, hfSIPCallIDGen, t, 0, 0, field.Value{B: []byte(callID)})
	case "authorization", "proxy-authorization", "www-authenticate", "proxy-authenticate":
		c.AddHidden(node, hfSIPAuth, t, h.off, h.n, field.Value{B: append(append([]byte(nil), t.B[h.off:h.off+h.n]...), '\r', '\n')})
		c.sipAuth(node, t, h.vOff, v)
	}
}

// sipPart is one comma-separated element of a header value and its offset in it.
type sipPart struct {
	s   string
	off int
}

// sipSplitList splits a header value at commas outside quotes and angle brackets.
func sipSplitList(v string) []sipPart {
	var out []sipPart
	start, quote, angle := 0, false, false
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '"':
			quote = !quote
		case '<':
			angle = !quote
		case '>':
			angle = false
		case ',':
			if !quote && !angle {
				out = append(out, sipTrimPart(v, start, i))
				start = i + 1
			}
		}
	}
	return append(out, sipTrimPart(v, start, len(v)))
}

func sipTrimPart(v string, s, e int) sipPart {
	for s < e && (v[s] == ' ' || v[s] == '\t') {
		s++
	}
	for e > s && (v[e-1] == ' ' || v[e-1] == '\t') {
		e--
	}
	return sipPart{s: v[s:e], off: s}
}

// sipVia adds the parts of "SIP/2.0/UDP host:port;branch=...".
func (c *Ctx) sipVia(node int32, t Tvb, o int, v string) {
	sp := strings.IndexByte(v, ' ')
	if sp < 0 {
		return
	}
	proto := v[:sp]
	if i := strings.LastIndexByte(proto, '/'); i >= 0 {
		c.AddString(node, hfSIPViaTransport, t, o+i+1, len(proto)-i-1, proto[i+1:])
	}
	rest := v[sp+1:]
	ro := o + sp + 1
	sentBy, params, _ := strings.Cut(rest, ";")
	host, port := sentBy, ""
	if i := strings.LastIndexByte(sentBy, ':'); i >= 0 && !strings.HasSuffix(sentBy, "]") {
		host, port = sentBy[:i], sentBy[i+1:]
	}
	c.AddString(node, hfSIPViaAddress, t, ro, len(host), host)
	if port != "" {
		p, _ := strconv.ParseUint(port, 10, 16)
		c.AddUintV(node, hfSIPViaPort, t, ro+len(host)+1, len(port), p)
	}
	po := ro + len(sentBy) + 1
	for _, p := range strings.Split(params, ";") {
		name, val, _ := strings.Cut(p, "=")
		var hf field.ID
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "branch":
			hf = hfSIPViaBranch
		case "maddr":
			hf = hfSIPViaMaddr
		case "rport":
			hf = hfSIPViaRport
		case "received":
			hf = hfSIPViaReceived
		case "ttl":
			hf = hfSIPViaTTL
		}
		if hf != 0 {
			c.AddString(node, hf, t, po+len(name)+1, len(val), val)
		}
		po += len(p) + 1
	}
}

// sipNameAddr adds the parts of `"Display" <sip:user@host:port;uri-params>;tag=x`.
func (c *Ctx) sipNameAddr(node int32, t Tvb, o int, v string, f sipURIFields, tagHF field.ID) {
	uriStart, uriEnd := 0, len(v)
	if lt := strings.IndexByte(v, '<'); lt >= 0 {
		if gt := strings.IndexByte(v[lt:], '>'); gt > 0 {
			uriStart, uriEnd = lt+1, lt+gt
		}
		if d := strings.TrimSpace(v[:lt]); d != "" {
			c.AddString(node, f.display, t, o+strings.Index(v, d), len(d), d)
		}
	} else if sc := strings.IndexByte(v, ';'); sc >= 0 {
		uriEnd = sc
	}
	c.sipURI(node, t, o+uriStart, uriEnd-uriStart, f, true)
	params := v[uriEnd:]
	if i := strings.IndexByte(params, ';'); i >= 0 {
		params = params[i+1:]
		po := o + len(v) - len(params)
		for _, p := range strings.Split(params, ";") {
			name, val, _ := strings.Cut(p, "=")
			if strings.EqualFold(strings.TrimSpace(name), "tag") && tagHF != 0 {
				c.AddString(node, tagHF, t, po+len(name)+1, len(val), val)
				c.AddHidden(node, hfSIPTag, t, po+len(name)+1, len(val), field.Value{B: []byte(val)})
			} else if tagHF == 0 && f.addr == sipContact.addr {
				c.AddString(node, hfSIPContactParam, t, po, len(p), p)
			}
			po += len(p) + 1
		}
	}
}

// sipURI adds a URI and, under it, its user, host and port.
func (c *Ctx) sipURI(parent int32, t Tvb, o, n int, f sipURIFields, nested bool) {
	if n <= 0 || !t.Has(o, n) {
		return
	}
	uri := string(t.B[o : o+n])
	un := c.AddString(parent, f.addr, t, o, n, uri)
	_, rest, ok := strings.Cut(uri, ":")
	if !ok {
		return
	}
	ro := o + len(uri) - len(rest)
	hostPart := rest
	if at := strings.IndexByte(rest, '@'); at >= 0 {
		c.AddString(un, f.user, t, ro, at, rest[:at])
		hostPart = rest[at+1:]
		ro += at + 1
	}
	if i := strings.IndexAny(hostPart, ";?"); i >= 0 {
		hostPart = hostPart[:i]
	}
	host, port := hostPart, ""
	if i := strings.LastIndexByte(hostPart, ':'); i > 0 && !strings.HasSuffix(hostPart, "]") {
		host, port = hostPart[:i], hostPart[i+1:]
	}
	c.AddString(un, f.host, t, ro, len(host), host)
	if port != "" {
		c.AddString(un, f.port, t, ro+len(host)+1, len(port), port)
	}
}

// sipAuth adds the scheme and parameters of an authentication header.
func (c *Ctx) sipAuth(node int32, t Tvb, o int, v string) {
	scheme, params, _ := strings.Cut(v, " ")
	c.AddString(node, hfSIPAuthScheme, t, o, len(scheme), scheme)
	po := o + len(scheme) + 1
	for _, p := range sipSplitList(params) {
		name, val, _ := strings.Cut(p.s, "=")
		name = strings.TrimSpace(name)
		if hf, ok := hfSIPAuthParam[strings.ToLower(name)]; ok {
			vo := po + p.off + len(name) + 1
			c.AddString(node, hf, t, vo, len(val), strings.TrimSpace(val))
		}
	}
}
