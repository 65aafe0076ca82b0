package dissect

import (
	"bytes"
	"encoding/base64"
	"strconv"
	"unicode/utf8"

	"github.com/tshark-tui/tshark-tui/field"
)

// HTTP/1.x (Wireshark's packet-http.c), with the line-based text ("data-text-lines") and generic
// media ("media") body dissectors it hands message bodies to.

var httpStatusNames = map[uint64]string{
	100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
	199: "Informational - Others",
	200: "OK", 201: "Created", 202: "Accepted", 203: "Non-authoritative Information", 204: "No Content",
	205: "Reset Content", 206: "Partial Content", 207: "Multi-Status", 208: "Already Reported",
	226: "IM Used", 299: "Success - Others",
	300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
	305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect", 399: "Redirection - Others",
	400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
	405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required",
	408: "Request Time-out", 409: "Conflict", 410: "Gone", 411: "Length Required",
	412: "Precondition Failed", 413: "Request Entity Too Large", 414: "Request-URI Too Long",
	415: "Unsupported Media Type", 416: "Requested Range Not Satisfiable", 417: "Expectation Failed",
	418: "I'm a teapot", 421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked",
	424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required",
	429: "Too Many Requests", 431: "Request Header Fields Too Large",
	451: "Unavailable For Legal Reasons", 499: "Client Error - Others",
	500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
	504: "Gateway Time-out", 505: "HTTP Version not supported", 506: "Variant Also Negotiates",
	507: "Insufficient Storage", 508: "Loop Detected", 510: "Not Extended",
	511: "Network Authentication Required", 599: "Server Error - Others",
}

var (
	protoHTTP               = Fields.Protocol("http", "Hypertext Transfer Protocol")
	hfHTTPNotification      = Fields.Add(protoHTTP, "http.notification", "Notification", field.Bool)
	hfHTTPResponse          = Fields.Add(protoHTTP, "http.response", "Response", field.Bool)
	hfHTTPRequest           = Fields.Add(protoHTTP, "http.request", "Request", field.Bool)
	hfHTTPResponseNumber    = Fields.Add(protoHTTP, "http.response_number", "Response number", field.Uint32)
	hfHTTPRequestNumber     = Fields.Add(protoHTTP, "http.request_number", "Request number", field.Uint32)
	hfHTTPAuthBasic         = Fields.Add(protoHTTP, "http.authbasic", "Credentials", field.String)
	hfHTTPResponseLine      = Fields.Add(protoHTTP, "http.response.line", "Response line", field.String)
	hfHTTPRequestLine       = Fields.Add(protoHTTP, "http.request.line", "Request line", field.String)
	hfHTTPRequestMethod     = Fields.Add(protoHTTP, "http.request.method", "Request Method", field.String)
	hfHTTPRequestURI        = Fields.Add(protoHTTP, "http.request.uri", "Request URI", field.String)
	hfHTTPRequestPath       = Fields.Add(protoHTTP, "http.request.uri.path", "Request URI Path", field.String)
	hfHTTPRequestQuery      = Fields.Add(protoHTTP, "http.request.uri.query", "Request URI Query", field.String)
	hfHTTPRequestQueryParam = Fields.Add(protoHTTP, "http.request.uri.query.parameter", "Request URI Query Parameter", field.String)
	hfHTTPRequestVersion    = Fields.Add(protoHTTP, "http.request.version", "Request Version", field.String)
	hfHTTPResponseVersion   = Fields.Add(protoHTTP, "http.response.version", "Response Version", field.String)
	hfHTTPFullURI           = Fields.Add(protoHTTP, "http.request.full_uri", "Full request URI", field.String)
	hfHTTPResponseCode      = Fields.Add(protoHTTP, "http.response.code", "Status Code", field.Uint16)
	hfHTTPResponseCodeDesc  = Fields.Add(protoHTTP, "http.response.code.desc", "Status Code Description", field.String)
	hfHTTPResponseForURI    = Fields.Add(protoHTTP, "http.response_for.uri", "Request URI", field.String)
	hfHTTPResponsePhrase    = Fields.Add(protoHTTP, "http.response.phrase", "Response Phrase", field.String)
	hfHTTPAuthorization     = Fields.Add(protoHTTP, "http.authorization", "Authorization", field.String)
	hfHTTPProxyAuthenticate = Fields.Add(protoHTTP, "http.proxy_authenticate", "Proxy-Authenticate", field.String)
	hfHTTPProxyAuthz        = Fields.Add(protoHTTP, "http.proxy_authorization", "Proxy-Authorization", field.String)
	hfHTTPWWWAuthenticate   = Fields.Add(protoHTTP, "http.www_authenticate", "WWW-Authenticate", field.String)
	hfHTTPContentType       = Fields.Add(protoHTTP, "http.content_type", "Content-Type", field.String)
	hfHTTPContentLengthHdr  = Fields.Add(protoHTTP, "http.content_length_header", "Content-Length", field.String)
	hfHTTPContentLength     = Fields.Add(protoHTTP, "http.content_length", "Content length", field.Uint64)
	hfHTTPContentEncoding   = Fields.Add(protoHTTP, "http.content_encoding", "Content-Encoding", field.String)
	hfHTTPTransferEncoding  = Fields.Add(protoHTTP, "http.transfer_encoding", "Transfer-Encoding", field.String)
	hfHTTPUpgrade           = Fields.Add(protoHTTP, "http.upgrade", "Upgrade", field.String)
	hfHTTPUserAgent         = Fields.Add(protoHTTP, "http.user_agent", "User-Agent", field.String)
	hfHTTPHost              = Fields.Add(protoHTTP, "http.host", "Host", field.String)
	hfHTTPConnection        = Fields.Add(protoHTTP, "http.connection", "Connection", field.String)
	hfHTTPCookie            = Fields.Add(protoHTTP, "http.cookie", "Cookie", field.String)
	hfHTTPCookiePair        = Fields.Add(protoHTTP, "http.cookie_pair", "Cookie pair", field.String)
	hfHTTPAccept            = Fields.Add(protoHTTP, "http.accept", "Accept", field.String)
	hfHTTPReferer           = Fields.Add(protoHTTP, "http.referer", "Referer", field.String)
	hfHTTPAcceptLanguage    = Fields.Add(protoHTTP, "http.accept_language", "Accept-Language", field.String)
	hfHTTPAcceptEncoding    = Fields.Add(protoHTTP, "http.accept_encoding", "Accept Encoding", field.String)
	hfHTTPDate              = Fields.Add(protoHTTP, "http.date", "Date", field.String)
	hfHTTPCacheControl      = Fields.Add(protoHTTP, "http.cache_control", "Cache-Control", field.String)
	hfHTTPServer            = Fields.Add(protoHTTP, "http.server", "Server", field.String)
	hfHTTPLocation          = Fields.Add(protoHTTP, "http.location", "Location", field.String)
	hfHTTPWSAccept          = Fields.Add(protoHTTP, "http.sec_websocket_accept", "Sec-WebSocket-Accept", field.String)
	hfHTTPWSExtensions      = Fields.Add(protoHTTP, "http.sec_websocket_extensions", "Sec-WebSocket-Extensions", field.String)
	hfHTTPWSKey             = Fields.Add(protoHTTP, "http.sec_websocket_key", "Sec-WebSocket-Key", field.String)
	hfHTTPWSProtocol        = Fields.Add(protoHTTP, "http.sec_websocket_protocol", "Sec-WebSocket-Protocol", field.String)
	hfHTTPWSVersion         = Fields.Add(protoHTTP, "http.sec_websocket_version", "Sec-WebSocket-Version", field.String)
	hfHTTPSetCookie         = Fields.Add(protoHTTP, "http.set_cookie", "Set-Cookie", field.String)
	hfHTTPLastModified      = Fields.Add(protoHTTP, "http.last_modified", "Last-Modified", field.String)
	hfHTTPXForwardedFor     = Fields.Add(protoHTTP, "http.x_forwarded_for", "X-Forwarded-For", field.String)
	hfHTTPHTTP2Settings     = Fields.Add(protoHTTP, "http.http2_settings", "HTTP2-Settings", field.String)
	hfHTTPRequestIn         = Fields.Add(protoHTTP, "http.request_in", "Request in frame", field.FrameNum)
	hfHTTPResponseIn        = Fields.Add(protoHTTP, "http.response_in", "Response in frame", field.FrameNum)
	hfHTTPNextRequestIn     = Fields.Add(protoHTTP, "http.next_request_in", "Next request in frame", field.FrameNum)
	hfHTTPNextResponseIn    = Fields.Add(protoHTTP, "http.next_response_in", "Next response in frame", field.FrameNum)
	hfHTTPPrevRequestIn     = Fields.Add(protoHTTP, "http.prev_request_in", "Prev request in frame", field.FrameNum)
	hfHTTPPrevResponseIn    = Fields.Add(protoHTTP, "http.prev_response_in", "Prev response in frame", field.FrameNum)
	hfHTTPTime              = Fields.Add(protoHTTP, "http.time", "Time since request", field.RelTime)
	hfHTTPChunkedTrailer    = Fields.Add(protoHTTP, "http.chunked_trailer_part", "trailer-part", field.String)
	hfHTTPChunkBoundary     = Fields.Add(protoHTTP, "http.chunk_boundary", "Chunk boundary", field.Bytes)
	hfHTTPChunkSize         = Fields.Add(protoHTTP, "http.chunk_size", "Chunk size", field.Uint32)
	hfHTTPChunkData         = Fields.Add(protoHTTP, "http.chunk_data", "Chunk data", field.Bytes)
	hfHTTPFileData          = Fields.Add(protoHTTP, "http.file_data", "File Data", field.String)
	hfHTTPUnknownHeader     = Fields.Add(protoHTTP, "http.unknown_header", "Unknown header", field.String)

	eiHTTPChat          = RegisterExpert(protoHTTP, "http.chat", "Formatted text", GroupSequence, SevChat)
	eiHTTPTEAndLength   = RegisterExpert(protoHTTP, "http.te_and_length", "The Content-Length and Transfer-Encoding header must not be set together", GroupMalformed, SevWarn)
	eiHTTPTEUnknown     = RegisterExpert(protoHTTP, "http.te_unknown", "Unknown transfer coding name in Transfer-Encoding header", GroupUndecoded, SevWarn)
	eiHTTPLeadingCRLF   = RegisterExpert(protoHTTP, "http.leading_crlf", "Leading CRLF previous message in the stream may have extra CRLF", GroupMalformed, SevError)
	eiHTTPBadHeaderName = RegisterExpert(protoHTTP, "http.bad_header_name", "Illegal characters found in header name", GroupProtocol, SevWarn)

	handleHTTP      = &Handle{Name: "http", Fn: dissectHTTP}
	eiHTTPSubFailed = RegisterExpert(protoHTTP, "http.subdissector_failed", "HTTP body subdissector failed, trying heuristic subdissector", GroupMalformed, SevNote)
)

// httpPorts are Wireshark 4.0's default TCP ports for HTTP.
var httpPorts = []uint64{80, 631, 1900, 2710, 2869, 3128, 3132, 3689, 5985, 8080, 8088, 11371}

func init() {
	RegisterShortName(protoHTTP, "HTTP")
	for _, p := range httpPorts {
		TCPPort.Add(p, handleHTTP)
	}
	// HTTP/2 reached through HTTP is dissected PDU by PDU like tcp_dissect_pdus does it.
	pduSizeIf[handleHTTP] = func(c *Ctx, _ Tvb) bool { return h2Active(c) }
	pduClearsInfo[handleHTTP] = h2Active
}

// ---- shared helpers for the text protocols ----

// findLineEnd finds the end of the line starting at o the way Wireshark's tvb_find_line_end does:
// a line ends at CR, LF or CRLF; without a terminator it runs to the end of the data. It returns the
// line's length without its terminator and the offset of the next line, and whether a terminator was
// found.
func findLineEnd(b []byte, o int) (lineLen, next int, ok bool) {
	for i := o; i < len(b); i++ {
		switch b[i] {
		case '\n':
			return i - o, i + 1, true
		case '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				return i - o, i + 2, true
			}
			return i - o, i + 1, true
		}
	}
	return len(b) - o, len(b), false
}

// asciiString returns b as Wireshark's ENC_ASCII strings hold it: up to the first NUL, bytes above
// 0x7f replaced by U+FFFD. It returns b itself when nothing changes.
func asciiString(b []byte) []byte {
	clean := true
	for i, c := range b {
		if c == 0 {
			b = b[:i]
			break
		}
		if c >= 0x80 {
			clean = false
		}
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+8)
	for _, c := range b {
		if c >= 0x80 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, c)
		}
	}
	return out
}

// addASCII adds string field hf covering t[o:o+n] with the ASCII-decoded bytes as value.
func (c *Ctx) addASCII(parent int32, hf field.ID, t Tvb, o, n int) int32 {
	return c.AddBytesV(parent, hf, t, o, n, asciiString(t.Bytes(o, n)))
}

// textConvKey identifies a TCP or UDP conversation regardless of direction.
type textConvKey struct {
	a, b   [16]byte
	pa, pb uint32
}

// conversationKey returns the current frame's conversation key and whether this frame goes from the
// key's first endpoint to its second.
func (c *Ctx) conversationKey() (textConvKey, bool) {
	var k textConvKey
	copy(k.a[:], c.NetSrc)
	copy(k.b[:], c.NetDst)
	k.pa, k.pb = c.SrcPort, c.DstPort
	if cmp := bytes.Compare(k.a[:], k.b[:]); cmp > 0 || (cmp == 0 && k.pa > k.pb) {
		k.a, k.b = k.b, k.a
		k.pa, k.pb = k.pb, k.pa
		return k, false
	}
	return k, true
}

// ---- HTTP conversation state ----

type httpReqRes struct {
	number       uint32
	reqFrame     uint32
	resFrame     uint32
	reqTS        int64
	haveReqTS    bool
	method       string
	fullURI      string
	prev, next   *httpReqRes
	responseCode uint32
}

type httpConv struct {
	count uint32
	tail  *httpReqRes
	first uint32 // the frame of the first request or response
}

// started reports whether the connection had an HTTP request or response by this frame.
func (st *httpState) started(c *Ctx) bool {
	k, _ := c.conversationKey()
	cv := st.convs[k]
	return cv != nil && cv.first <= c.Frame.Number
}

// httpStarts reports whether b begins with an HTTP request or response line (after an empty line).
func httpStarts(b []byte) bool {
	if len(b) > 2 && b[0] == '\r' && b[1] == '\n' {
		b = b[2:]
	}
	if len(b) == 0 || b[0] < 0x20 || b[0] > 0x7e {
		return false
	}
	l, _, _ := findLineEnd(b, 0)
	return httpLineType(b[:l]) != httpOthers
}

type httpState struct {
	convs map[textConvKey]*httpConv
	// frames records, per frame, the request/response each HTTP message in it belongs to, in order,
	// with the total count at the time of the first pass.
	frames map[uint32][]httpFrameMsg
}

type httpFrameMsg struct {
	rr    *httpReqRes
	total uint32
}

var httpSlot = newStateSlot(func() any {
	return &httpState{convs: map[textConvKey]*httpConv{}, frames: map[uint32][]httpFrameMsg{}}
})

const (
	httpOthers = iota
	httpRequest
	httpResponse
	httpNotification
)

var httpMethods = map[string]int{
	"GET": httpRequest, "PUT": httpRequest, "ACL": httpRequest,
	"COPY": httpRequest, "HEAD": httpRequest, "LOCK": httpRequest, "MOVE": httpRequest,
	"POLL": httpRequest, "POST": httpRequest,
	"BCOPY": httpRequest, "BMOVE": httpRequest, "MKCOL": httpRequest, "TRACE": httpRequest,
	"LABEL": httpRequest, "MERGE": httpRequest, "PATCH": httpRequest,
	"DELETE": httpRequest, "SEARCH": httpRequest, "UNLOCK": httpRequest, "REPORT": httpRequest,
	"UPDATE": httpRequest, "NOTIFY": httpNotification,
	"BDELETE": httpRequest, "CONNECT": httpRequest, "OPTIONS": httpRequest, "CHECKIN": httpRequest,
	"PROPFIND": httpRequest, "CHECKOUT": httpRequest, "CCM_POST": httpRequest, "M-SEARCH": httpRequest,
	"SUBSCRIBE": httpRequest, "PROPPATCH": httpRequest, "BPROPFIND": httpRequest,
	"BPROPPATCH": httpRequest, "UNCHECKOUT": httpRequest, "MKACTIVITY": httpRequest,
	"MKWORKSPACE": httpRequest, "UNSUBSCRIBE": httpRequest, "RPC_CONNECT": httpRequest,
	"VERSION-CONTROL": httpRequest, "BASELINE-CONTROL": httpRequest,
}

// httpLineType says whether line is a request, response or notification line.
func httpLineType(line []byte) int {
	if len(line) >= 5 && string(line[:5]) == "HTTP/" {
		return httpResponse
	}
	sp := bytes.IndexByte(line, ' ')
	if sp < 3 || sp > 16 {
		return httpOthers
	}
	return httpMethods[string(line[:sp])]
}

// headers known to the HTTP dissector, by lower-case name.
type httpHeaderKind uint8

const (
	hdrPlain httpHeaderKind = iota
	hdrAuthorization
	hdrContentType
	hdrContentLength
	hdrContentEncoding
	hdrTransferEncoding
	hdrHost
	hdrCookie
	hdrUpgrade
	hdrHTTP2Settings
)

type httpHeader struct {
	hf   field.ID
	kind httpHeaderKind
}

var httpHeaders = map[string]httpHeader{
	"authorization":            {hfHTTPAuthorization, hdrAuthorization},
	"proxy-authorization":      {hfHTTPProxyAuthz, hdrAuthorization},
	"proxy-authenticate":       {hfHTTPProxyAuthenticate, hdrPlain},
	"www-authenticate":         {hfHTTPWWWAuthenticate, hdrPlain},
	"content-type":             {hfHTTPContentType, hdrContentType},
	"content-length":           {hfHTTPContentLengthHdr, hdrContentLength},
	"content-encoding":         {hfHTTPContentEncoding, hdrContentEncoding},
	"transfer-encoding":        {hfHTTPTransferEncoding, hdrTransferEncoding},
	"upgrade":                  {hfHTTPUpgrade, hdrUpgrade},
	"user-agent":               {hfHTTPUserAgent, hdrPlain},
	"host":                     {hfHTTPHost, hdrHost},
	"connection":               {hfHTTPConnection, hdrPlain},
	"cookie":                   {hfHTTPCookie, hdrCookie},
	"accept":                   {hfHTTPAccept, hdrPlain},
	"referer":                  {hfHTTPReferer, hdrPlain},
	"accept-language":          {hfHTTPAcceptLanguage, hdrPlain},
	"accept-encoding":          {hfHTTPAcceptEncoding, hdrPlain},
	"date":                     {hfHTTPDate, hdrPlain},
	"cache-control":            {hfHTTPCacheControl, hdrPlain},
	"server":                   {hfHTTPServer, hdrPlain},
	"location":                 {hfHTTPLocation, hdrPlain},
	"sec-websocket-accept":     {hfHTTPWSAccept, hdrPlain},
	"sec-websocket-extensions": {hfHTTPWSExtensions, hdrPlain},
	"sec-websocket-key":        {hfHTTPWSKey, hdrPlain},
	"sec-websocket-protocol":   {hfHTTPWSProtocol, hdrPlain},
	"sec-websocket-version":    {hfHTTPWSVersion, hdrPlain},
	"set-cookie":               {hfHTTPSetCookie, hdrPlain},
	"last-modified":            {hfHTTPLastModified, hdrPlain},
	"x-forwarded-for":          {hfHTTPXForwardedFor, hdrPlain},
	"http2-settings":           {hfHTTPHTTP2Settings, hdrHTTP2Settings},
}

// httpMsg is what one message's headers say.
type httpMsg struct {
	typ           int
	contentType   []byte // lower-case media type without parameters
	ctParams      []byte
	haveCL        bool
	contentLength int64
	chunked       bool
	teOther       bool
	encoding      []byte
	host          []byte
	uri           []byte
	method        []byte
	code          uint32
	upgrade       []byte
}

func dissectHTTP(c *Ctx, t Tvb, parent int32) {
	st := c.State.slot(httpSlot).(*httpState)
	if h2Active(c) || hasH2Magic(t.B) {
		h2Start(c, false)
		c.httpToH2(t, parent)
		return
	}
	if t.Src == 0 && c.PortType == 6 && !httpStarts(t.B) && !st.started(c) {
		// tshark 4.0 takes a TCP connection for HTTP only from a request or response on: data before
		// one (another protocol on an HTTP port, a capture begun mid-transfer) stays TCP's.
		c.PopLayer("http")
		return
	}
	c.SetProtocol("HTTP")
	off := 0
	for i := 0; off < t.Len(); i++ {
		n, upgraded := dissectHTTPMessage(c, st, t, off, parent, i)
		if n <= 0 {
			break
		}
		off += n
		c.SetInfoFence()
		if upgraded && off < t.Len() { // HTTP/2 right after the 101 response
			c.httpToH2(t.Sub(off), parent)
			return
		}
	}
}

// hasH2Magic reports whether b starts with HTTP/2's connection preface.
func hasH2Magic(b []byte) bool {
	return len(b) >= len(h2Magic) && string(b[:len(h2Magic)]) == h2Magic
}

// httpToH2 hands a connection's data to HTTP/2 once it speaks it: the first PDU of a segment as a
// new layer, further ones as more of it.
func (c *Ctx) httpToH2(t Tvb, parent int32) {
	if c.MorePDU && c.layersEndWith("http2") {
		dissectHTTP2(c, t, parent)
		return
	}
	c.Call(handleHTTP2, t, parent)
}

// layersEndWith reports whether frame.protocols so far ends with the protocol name.
func (c *Ctx) layersEndWith(name string) bool {
	l := c.layers
	return len(l) > len(name) && string(l[len(l)-len(name):]) == name && l[len(l)-len(name)-1] == ':'
}

// httpConvMsg returns the request/response record of message i of this frame, creating it during the
// first pass.
func httpConvMsg(c *Ctx, st *httpState, typ int, i int) (*httpReqRes, uint32) {
	if !c.Pass1 {
		if msgs := st.frames[c.Frame.Number]; i < len(msgs) {
			m := msgs[i]
			if m.rr == nil {
				return nil, 0
			}
			total := m.total
			return m.rr, total
		}
		return nil, 0
	}
	var rr *httpReqRes
	if typ == httpRequest || typ == httpResponse {
		k, _ := c.conversationKey()
		cv := st.convs[k]
		if cv == nil {
			cv = &httpConv{first: c.Frame.Number}
			st.convs[k] = cv
		}
		push := func() *httpReqRes {
			cv.count++
			r := &httpReqRes{number: cv.count}
			if cv.tail != nil {
				r.prev = cv.tail
				cv.tail.next = r
			}
			cv.tail = r
			return r
		}
		if typ == httpRequest {
			rr = push()
			rr.reqFrame = c.Frame.Number
			rr.reqTS, rr.haveReqTS = c.Frame.TS, true
		} else {
			rr = cv.tail
			if rr == nil || rr.resFrame > 0 {
				rr = push()
			}
			rr.resFrame = c.Frame.Number
		}
		msgs := st.frames[c.Frame.Number]
		for len(msgs) < i {
			msgs = append(msgs, httpFrameMsg{})
		}
		st.frames[c.Frame.Number] = append(msgs[:i], httpFrameMsg{rr: rr, total: cv.count})
		return rr, cv.count
	}
	return nil, 0
}

// dissectHTTPMessage dissects one HTTP message at off and returns the bytes it used (0: none) and
// whether it is a 101 response switching the connection to HTTP/2.
func dissectHTTPMessage(c *Ctx, st *httpState, t Tvb, off int, parent int32, idx int) (int, bool) {
	n, m := httpMessage(c, st, t, off, parent, idx)
	if m.typ == httpResponse && m.code == 101 && (string(m.upgrade) == "h2c" || string(m.upgrade) == "h2") {
		h2Start(c, true)
		return n, true
	}
	return n, false
}

// httpMessage is dissectHTTPMessage's work; it also returns what the headers said.
func httpMessage(c *Ctx, st *httpState, t Tvb, off int, parent int32, idx int) (int, *httpMsg) {
	b := t.B
	orig := off
	tree := int32(-1)
	ensureTree := func() {
		if tree < 0 {
			tree = c.AddProto(parent, protoHTTP, t, orig, -1)
		}
	}
	if idx == 0 && len(b)-off > 2 && b[off] == '\r' && b[off+1] == '\n' {
		ensureTree()
		n := c.T.Add(tree, eiHTTPLeadingCRLF.Field, t.Src, t.Off+off, 2, field.Value{})
		c.Expert(n, eiHTTPLeadingCRLF, t, off, 2, "")
		off += 2
	}
	if ch := b[off]; ch < 0x20 || ch > 0x7e {
		// Not text: the rest of a body that started in an earlier segment.
		c.SetInfo("Continuation")
		ensureTree()
		c.CallData(t.Sub(off), tree)
		return len(b) - orig, &httpMsg{}
	}
	firstLen, _, _ := findLineEnd(b, off)
	firstLine := b[off : off+firstLen]
	msgType := httpLineType(firstLine)
	if msgType != httpOthers {
		if c.Cols.On {
			c.SetInfo(string(firstLine) + " ")
		}
	} else {
		c.SetInfo("Continuation")
	}
	var rr *httpReqRes
	var total uint32
	if msgType != httpOthers {
		rr, total = httpConvMsg(c, st, msgType, idx)
	}

	var m httpMsg
	m.typ = msgType
	sawLine := false
	for off < len(b) {
		lineLen, next, _ := findLineEnd(b, off)
		line := b[off : off+lineLen]
		typ := httpLineType(line)
		colon := -1
		if typ == httpOthers && lineLen > 0 {
			colon = bytes.IndexByte(line, ':')
			if colon < 0 {
				if sawLine && next >= len(b) {
					// an incomplete header line at the end of the data, as Wireshark's
					// tvb_ensure_bytes_exist throws
					t.Need(off, lineLen+1)
				}
				break
			}
		}
		ensureTree()
		if lineLen == 0 {
			c.AddText(tree, t, off, next-off, string(b[off:next]))
			off = next
			break
		}
		sawLine = true
		if typ != httpOthers {
			m.typ = typ
			n := c.AddText(tree, t, off, next-off, string(b[off:next]))
			if c.ExpertTextWanted() {
				c.Expert(n, eiHTTPChat, t, off, 0, string(b[off:next]))
			} else {
				c.Expert(n, eiHTTPChat, t, off, 0, "")
			}
			if typ == httpResponse {
				httpResponseLine(c, t, n, off, line, &m)
			} else {
				httpRequestLine(c, t, n, off, line, &m)
			}
		} else {
			httpProcessHeader(c, t, tree, off, next, line, colon, &m)
		}
		off = next
	}
	if tree >= 0 {
		c.T.SetLen(tree, off-orig)
	}

	if rr != nil && c.Pass1 {
		if m.typ == httpRequest {
			rr.method = string(m.method)
		} else if m.typ == httpResponse {
			rr.responseCode = m.code
		}
	}
	if tree >= 0 && m.uri != nil && m.host != nil && c.T.Wants(hfHTTPFullURI) || (rr != nil && c.Pass1 && m.uri != nil && m.host != nil) {
		var full string
		if hasPrefixFold(m.uri, "http://") || hasPrefixFold(m.uri, "https://") || hasPrefixFold(m.method, "CONNECT") {
			full = string(m.uri)
		} else {
			scheme := "http://"
			if c.overTLS() {
				scheme = "https://"
			}
			full = scheme + string(bytes.TrimSpace(m.host)) + string(m.uri)
		}
		if tree >= 0 {
			c.AddGenerated(tree, hfHTTPFullURI, t, orig, 0, field.Value{B: []byte(full)})
		}
		if rr != nil && c.Pass1 {
			rr.fullURI = full
		}
	} else if rr != nil && c.Pass1 && m.typ == httpRequest && m.uri != nil {
		rr.fullURI = string(m.uri) // no Host: the response names the bare request URI
	}
	if tree >= 0 {
		httpReqResItems(c, t, tree, orig, m.typ, rr, total)
	}

	// The message body.
	datalen := len(b) - off
	if m.haveCL {
		if int64(datalen) > m.contentLength {
			datalen = int(m.contentLength)
		}
	} else {
		switch m.typ {
		case httpRequest:
			if !m.chunked && !m.teOther {
				datalen = 0
			}
		case httpResponse:
			if m.code/100 == 1 || m.code == 204 || m.code == 304 {
				datalen = 0
			} else if rr != nil && rr.method == "HEAD" {
				datalen = 0
			}
		}
	}
	if datalen > 0 {
		ensureTree()
		body := t.SubLen(off, datalen)
		if m.chunked {
			nb, ok := httpChunked(c, t, tree, off, datalen)
			if !ok {
				return off + datalen - orig, &m
			}
			body = nb
		}
		if len(m.encoding) > 0 && !bytes.EqualFold(m.encoding, []byte("identity")) {
			plain := decodeContent(string(m.encoding), body.B)
			e := c.AddText(tree, body, 0, body.Len(), "")
			if plain == nil {
				c.Label(e, "Content-encoded entity body (%s): %d bytes [Error: Decompression failed]", m.encoding, body.Len())
				c.CallData(body, e)
				return off + datalen - orig, &m
			}
			c.Label(e, "Content-encoded entity body (%s): %d bytes -> %d bytes", m.encoding, body.Len(), len(plain))
			src := uint8(len(c.T.Sources))
			c.T.Sources = append(c.T.Sources, field.Source{Name: "Uncompressed entity body", Bytes: plain})
			body = Tvb{B: plain, Src: src}
		}
		if c.T.Wants(hfHTTPFileData) {
			n := c.AddBytesV(tree, hfHTTPFileData, body, 0, body.Len(), asciiString(body.B))
			c.Label(n, "File Data: %d bytes", body.Len())
		}
		c.httpBody(body, parent, tree, &m)
		off += datalen
	}
	if tree < 0 && msgType == httpOthers {
		// nothing we recognised: Wireshark still shows an HTTP item over the data
		ensureTree()
		rest := t.Sub(off)
		if rest.Len() > 0 {
			if c.T.Wants(hfHTTPFileData) {
				n := c.AddBytesV(tree, hfHTTPFileData, rest, 0, rest.Len(), asciiString(rest.B))
				c.Label(n, "File Data: %d bytes", rest.Len())
			}
			c.CallData(rest, tree)
			off = len(b)
		}
	}
	return off - orig, &m
}

// httpBody hands a message body to its media type's dissector, then to the heuristics, then to
// media or data (dissect_http_message's body part).
func (c *Ctx) httpBody(body Tvb, parent, tree int32, m *httpMsg) {
	if m.contentType == nil {
		if !c.TryHeuristics(httpHeuristics, body, parent) {
			c.CallData(body, tree)
		}
		return
	}
	mt := string(m.contentType)
	if h := lookupMediaType(mt); h != nil {
		if c.callMedia(h, mt, string(m.ctParams), body, parent) {
			return
		}
		c.Expert(tree, eiHTTPSubFailed, body, 0, 0, "")
	}
	if c.TryHeuristics(httpHeuristics, body, parent) {
		return
	}
	c.callMedia(handleMedia, mt, string(m.ctParams), body, parent)
}

func hasPrefixFold(b []byte, p string) bool {
	return len(b) >= len(p) && bytes.EqualFold(b[:len(p)], []byte(p))
}

// httpReqResItems adds the generated request/response matching items.
func httpReqResItems(c *Ctx, t Tvb, tree int32, off int, typ int, rr *httpReqRes, total uint32) {
	var prev, next *httpReqRes
	if rr != nil {
		prev = rr.prev
		if !c.Pass1 {
			next = rr.next
		}
	}
	gen := func(hf field.ID, u uint64) int32 {
		return c.AddGenerated(tree, hf, t, off, 0, field.Value{U: u})
	}
	switch typ {
	case httpNotification:
		c.AddHidden(tree, hfHTTPNotification, t, off, 0, field.Value{U: 1})
	case httpResponse:
		c.AddHidden(tree, hfHTTPResponse, t, off, 0, field.Value{U: 1})
		if rr != nil {
			n := gen(hfHTTPResponseNumber, uint64(rr.number))
			c.Label(n, "HTTP response %d/%d", rr.number, total)
			if rr.haveReqTS {
				c.AddGenerated(tree, hfHTTPTime, t, off, 0, field.Value{I: c.Frame.TS - rr.reqTS})
			}
		}
		if prev != nil && prev.reqFrame != 0 {
			gen(hfHTTPPrevRequestIn, uint64(prev.reqFrame))
		}
		if prev != nil && prev.resFrame != 0 {
			gen(hfHTTPPrevResponseIn, uint64(prev.resFrame))
		}
		if rr != nil && rr.reqFrame != 0 {
			gen(hfHTTPRequestIn, uint64(rr.reqFrame))
			if rr.fullURI != "" {
				c.AddGenerated(tree, hfHTTPResponseForURI, t, off, 0, field.Value{B: []byte(rr.fullURI)})
			}
		}
		if next != nil && next.reqFrame != 0 {
			gen(hfHTTPNextRequestIn, uint64(next.reqFrame))
		}
		if next != nil && next.resFrame != 0 {
			gen(hfHTTPNextResponseIn, uint64(next.resFrame))
		}
	case httpRequest:
		c.AddHidden(tree, hfHTTPRequest, t, off, 0, field.Value{U: 1})
		if rr != nil {
			n := gen(hfHTTPRequestNumber, uint64(rr.number))
			c.Label(n, "HTTP request %d/%d", rr.number, total)
		}
		if prev != nil && prev.reqFrame != 0 {
			gen(hfHTTPPrevRequestIn, uint64(prev.reqFrame))
		}
		if rr != nil && rr.resFrame != 0 && !c.Pass1 {
			gen(hfHTTPResponseIn, uint64(rr.resFrame))
		}
		if next != nil && next.reqFrame != 0 {
			gen(hfHTTPNextRequestIn, uint64(next.reqFrame))
		}
	}
}

// tokenLen returns the length of the token at the start of line (up to a space) and the offset of the
// next token after the spaces that follow it (Wireshark's get_token_len).
func tokenLen(line []byte, o int) (n, next int) {
	i := o
	for i < len(line) && line[i] != ' ' {
		i++
	}
	n = i - o
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return n, i
}

func httpRequestLine(c *Ctx, t Tvb, tree int32, off int, line []byte, m *httpMsg) {
	n, next := tokenLen(line, 0)
	if n == 0 {
		return
	}
	m.method = line[:n]
	c.addASCII(tree, hfHTTPRequestMethod, t, off, n)
	if next > 2 && line[next-1] == ' ' && line[next-2] == ' ' {
		next-- // two spaces: an empty URI
	}
	o := next
	n, next = tokenLen(line, o)
	m.uri = asciiString(line[o : o+n])
	un := c.AddBytesV(tree, hfHTTPRequestURI, t, off+o, n, m.uri)
	if n > 0 {
		uri := line[o : o+n]
		if q := bytes.IndexByte(uri, '?'); q > 0 {
			c.addASCII(un, hfHTTPRequestPath, t, off+o, q)
			qs := off + o + q + 1
			qn := c.addASCII(un, hfHTTPRequestQuery, t, qs, n-q-1)
			if c.T.Wants(hfHTTPRequestQueryParam) {
				p := 0
				query := uri[q+1:]
				for p <= len(query) {
					e := bytes.IndexByte(query[p:], '&')
					if e < 0 {
						e = len(query) - p
					}
					c.addASCII(qn, hfHTTPRequestQueryParam, t, qs+p, e)
					p += e + 1
				}
			}
		}
	}
	o = next
	c.addASCII(tree, hfHTTPRequestVersion, t, off+o, len(line)-o)
}

func httpResponseLine(c *Ctx, t Tvb, tree int32, off int, line []byte, m *httpMsg) {
	n, next := tokenLen(line, 0)
	if n == 0 {
		return
	}
	c.addASCII(tree, hfHTTPResponseVersion, t, off, n)
	o := next
	n, next = tokenLen(line, o)
	if n < 3 {
		return
	}
	code := 0
	for _, d := range line[o : o+3] {
		if d < '0' || d > '9' {
			break
		}
		code = code*10 + int(d-'0')
	}
	m.code = uint32(code)
	c.AddUintV(tree, hfHTTPResponseCode, t, off+o, 3, uint64(code))
	desc, ok := httpStatusNames[uint64(code)]
	if !ok {
		desc = "Unknown (" + strconv.Itoa(code) + ")"
	}
	c.AddGenerated(tree, hfHTTPResponseCodeDesc, t, off+o, 3, field.Value{B: []byte(desc)})
	o = next
	if len(line)-o >= 1 {
		c.addASCII(tree, hfHTTPResponsePhrase, t, off+o, len(line)-o)
	}
}

// isTokenChar reports whether ch may appear in an HTTP header name (RFC 7230 tchar).
func isTokenChar(ch byte) bool {
	if ch <= 0x20 || ch >= 0x7f {
		return false
	}
	switch ch {
	case '(', ')', '<', '>', '@', ',', ';', ':', '\\', '"', '/', '[', ']', '?', '=', '{', '}':
		return false
	}
	return true
}

func httpProcessHeader(c *Ctx, t Tvb, tree int32, off, next int, line []byte, colon int, m *httpMsg) {
	raw := t.B[off:next]
	name := line[:colon]
	good := len(name) > 0
	for _, ch := range name {
		if !isTokenChar(ch) {
			good = false
			break
		}
	}
	if !good {
		n := c.AddBytesV(tree, hfHTTPUnknownHeader, t, off, next-off, asciiString(raw))
		c.Label(n, "%s", raw)
		c.Expert(n, eiHTTPBadHeaderName, t, off, 0, "")
		return
	}
	vo := colon + 1
	for vo < len(line) && (line[vo] == ' ' || line[vo] == '\t') {
		vo++
	}
	value := line[vo:]
	lineHF := hfHTTPRequestLine
	switch m.typ {
	case httpResponse:
		lineHF = hfHTTPResponseLine
	case httpOthers:
		lineHF = hfHTTPUnknownHeader
	}
	var lower [32]byte
	key := lower[:0]
	if len(name) <= len(lower) {
		for _, ch := range name {
			if 'A' <= ch && ch <= 'Z' {
				ch += 'a' - 'A'
			}
			key = append(key, ch)
		}
	}
	h, known := httpHeaders[string(key)]
	if !known {
		n := c.AddBytesV(tree, lineHF, t, off, next-off, asciiString(raw))
		c.Label(n, "%s", raw)
		return
	}
	hdr := c.AddBytesV(tree, h.hf, t, off, next-off, asciiString(value))
	c.Label(hdr, "%s", raw)
	if m.typ != httpOthers && c.T.Wants(lineHF) {
		n := c.AddBytesV(tree, lineHF, t, off, next-off, asciiString(raw))
		c.T.SetFlags(n, field.Hidden)
		c.Label(n, "%s", raw)
	}
	switch h.kind {
	case hdrAuthorization:
		if bytes.HasPrefix(value, []byte("Basic ")) {
			enc := bytes.TrimRight(value[6:], " \t")
			// room for the unpadded decoding too ("000" decodes to 2 bytes without padding)
			dec := make([]byte, base64.RawStdEncoding.DecodedLen(len(enc))+3)
			nd, err := base64.StdEncoding.Decode(dec, enc)
			if err != nil {
				nd, _ = base64.RawStdEncoding.Decode(dec, bytes.TrimRight(enc, "="))
			}
			c.AddBytesV(hdr, hfHTTPAuthBasic, t, 0, 0, asciiString(dec[:nd]))
		}
	case hdrContentType:
		i := 0
		for i < len(value) && value[i] != ';' && !isSpace(value[i]) {
			i++
		}
		m.contentType = bytes.ToLower(value[:i])
		i++
		for i < len(value) && (value[i] == ';' || isSpace(value[i])) {
			i++
		}
		if i < len(value) {
			m.ctParams = value[i:]
		}
	case hdrContentLength:
		v, ok := parseContentLength(value)
		if ok {
			m.haveCL, m.contentLength = true, v
			c.AddGenerated(hdr, hfHTTPContentLength, t, off, next-off, field.Value{U: uint64(v)})
			if m.chunked || m.teOther {
				c.Expert(hdr, eiHTTPTEAndLength, t, off, next-off, "")
			}
		} else {
			m.haveCL = false
		}
	case hdrContentEncoding:
		m.encoding = value
	case hdrTransferEncoding:
		if m.haveCL {
			c.Expert(hdr, eiHTTPTEAndLength, t, off, next-off, "")
		}
		if !httpParseTE(value, m) {
			c.Expert(hdr, eiHTTPTEUnknown, t, off, next-off, "")
		}
	case hdrHost:
		m.host = asciiString(value)
	case hdrUpgrade:
		m.upgrade = value
	case hdrHTTP2Settings:
		// base64url without padding, the payload of a SETTINGS frame (RFC 7540 section 3.2.1)
		if raw, err := base64.RawURLEncoding.DecodeString(string(bytes.TrimRight(value, "="))); err == nil && len(raw) > 0 {
			src := uint8(len(c.T.Sources))
			c.T.Sources = append(c.T.Sources, field.Source{Name: "Base64uri decoded", Bytes: raw})
			h2SettingsItems(c, hdr, Tvb{B: raw, Src: src}, 0)
		}
	case hdrCookie:
		if c.T.Wants(hfHTTPCookiePair) {
			vstart := off + vo
			for i := 0; i < len(value); {
				for i < len(value) && (value[i] == ';' || isSpace(value[i])) {
					i++
				}
				if i >= len(value) {
					break
				}
				e := bytes.IndexByte(value[i:], ';')
				if e < 0 {
					e = len(value) - i
				}
				c.addASCII(hdr, hfHTTPCookiePair, t, vstart+i, e)
				i += e
			}
		}
	}
}

func isSpace(ch byte) bool {
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f'
}

// parseContentLength parses a Content-Length value as g_ascii_strtoll does, requiring the number to
// be followed by nothing or white space.
func parseContentLength(v []byte) (int64, bool) {
	i := 0
	for i < len(v) && isSpace(v[i]) {
		i++
	}
	neg := false
	if i < len(v) && (v[i] == '+' || v[i] == '-') {
		neg = v[i] == '-'
		i++
	}
	start := i
	var n int64
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		if n > (1<<63-1)/10 {
			return 0, false
		}
		n = n*10 + int64(v[i]-'0')
		i++
	}
	if i == start || neg && n > 0 {
		return 0, false
	}
	if i < len(v) && !isSpace(v[i]) {
		return 0, false
	}
	return n, true
}

// httpParseTE records the transfer codings of a Transfer-Encoding value; it reports false for an
// unknown one.
func httpParseTE(v []byte, m *httpMsg) bool {
	ok := true
	for _, part := range bytes.Split(v, []byte(",")) {
		p := bytes.TrimSpace(part)
		if i := bytes.IndexByte(p, ';'); i >= 0 {
			p = bytes.TrimSpace(p[:i])
		}
		switch {
		case len(p) == 0:
		case bytes.EqualFold(p, []byte("chunked")):
			m.chunked = true
		case bytes.EqualFold(p, []byte("identity")):
		case bytes.EqualFold(p, []byte("gzip")), bytes.EqualFold(p, []byte("deflate")),
			bytes.EqualFold(p, []byte("compress")), bytes.EqualFold(p, []byte("x-gzip")),
			bytes.EqualFold(p, []byte("x-compress")):
			m.teOther = true
		default:
			m.teOther = true
			ok = false
		}
	}
	return ok
}

// httpChunked dissects a chunked body at t[off:off+datalen] and returns the de-chunked body as a new
// data source; ok is false when there was nothing to de-chunk.
func httpChunked(c *Ctx, t Tvb, tree int32, off, datalen int) (Tvb, bool) {
	b := t.B[:off+datalen]
	sub := c.AddText(tree, t, off, datalen, "HTTP chunked response")
	var raw []byte
	end := off + datalen
	o := off
	for o < end {
		lineLen, next, found := findLineEnd(b, o)
		if lineLen <= 0 || !found {
			break
		}
		sizeText := b[o : o+lineLen]
		if i := bytes.IndexByte(sizeText, ';'); i >= 0 {
			sizeText = sizeText[:i]
		}
		size := parseHexPrefix(sizeText)
		if size > uint64(end-o) {
			size = uint64(end - o)
		}
		sz := int(size)
		if sz > 0 {
			t.Need(next, sz+2) // a chunk cut short: Wireshark stops with a bounds error here
		}
		var ck int32
		if sz == 0 {
			ck = c.AddText(sub, t, o, next-o+2, "End of chunked encoding")
		} else {
			ck = c.AddText(sub, t, o, next-o+sz+2, "Data chunk ("+strconv.Itoa(sz)+" octets)")
		}
		n := c.AddUintV(ck, hfHTTPChunkSize, t, o, next-o, size)
		if sz == 1 {
			c.Label(n, "Chunk size: 1 octet")
		} else {
			c.Label(n, "Chunk size: %d octets", sz)
		}
		if sz > 0 {
			c.AddBytes(ck, hfHTTPChunkData, t, next, sz)
			c.AddBytes(ck, hfHTTPChunkBoundary, t, next+sz, 2)
			raw = append(raw, t.B[next:next+sz]...)
		}
		o = next + sz
		if sz > 0 {
			o += 2
		}
		if sz == 0 {
			tr := o
			trailerLen := 0
			for {
				trailerLen = tr - o
				l, nx, ok := findLineEnd(b, tr)
				if !ok || l <= 0 {
					if ok && l == 0 {
						tr = nx
						if trailerLen > 0 {
							c.addASCII(sub, hfHTTPChunkedTrailer, t, o, trailerLen)
						}
					}
					break
				}
				tr = nx
			}
			break
		}
	}
	if len(raw) == 0 {
		return Tvb{}, false
	}
	src := uint8(len(c.T.Sources))
	c.T.Sources = append(c.T.Sources, field.Source{Name: "De-chunked entity body", Bytes: raw})
	return Tvb{B: raw, Src: src}, true
}

func parseHexPrefix(b []byte) uint64 {
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	var n uint64
	for ; i < len(b); i++ {
		ch := b[i]
		var d byte
		switch {
		case ch >= '0' && ch <= '9':
			d = ch - '0'
		case ch >= 'a' && ch <= 'f':
			d = ch - 'a' + 10
		case ch >= 'A' && ch <= 'F':
			d = ch - 'A' + 10
		default:
			return n
		}
		if n > 1<<32 {
			return n
		}
		n = n<<4 | uint64(d)
	}
	return n
}
