package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// HTTP/2 (RFC 7540/9113) as Wireshark 4.0's packet-http2.c shows it: every frame type, HPACK header
// blocks decoded per direction (hpack.go), request and response bodies reassembled from DATA frames
// at END_STREAM and handed to the media-type dissectors by content-type, or — for content types that
// stream (gRPC) — cut into the sub-dissector's messages as they arrive. HTTP/2 is reached from HTTP
// (the connection preface "PRI * HTTP/2.0", or an "Upgrade: h2c" answered by 101) and from decrypted
// TLS (ALPN "h2", or the preface).

var h2TypeNames = map[uint64]string{
	0: "DATA", 1: "HEADERS", 2: "PRIORITY", 3: "RST_STREAM", 4: "SETTINGS", 5: "PUSH_PROMISE", 6: "PING",
	7: "GOAWAY", 8: "WINDOW_UPDATE", 9: "CONTINUATION", 10: "ALTSVC", 11: "BLOCKED", 12: "ORIGIN",
	16: "PRIORITY_UPDATE",
}

var h2ErrorNames = map[uint64]string{
	0: "NO_ERROR", 1: "PROTOCOL_ERROR", 2: "INTERNAL_ERROR", 3: "FLOW_CONTROL_ERROR", 4: "SETTINGS_TIMEOUT",
	5: "STREAM_CLOSED", 6: "FRAME_SIZE_ERROR", 7: "REFUSED_STREAM", 8: "CANCEL", 9: "COMPRESSION_ERROR",
	10: "CONNECT_ERROR", 11: "ENHANCE_YOUR_CALM", 12: "INADEQUATE_SECURITY", 13: "HTTP_1_1_REQUIRED",
}

var h2SettingNames = map[uint64]string{
	1: "Header table size", 2: "Enable PUSH", 3: "Max concurrent streams", 4: "Initial Windows size",
	5: "Max frame size", 6: "Max header list size", 8: "Extended CONNECT",
}

// The frame types and flags.
const (
	h2Data         = 0
	h2Headers      = 1
	h2Priority     = 2
	h2RSTStream    = 3
	h2Settings     = 4
	h2PushPromise  = 5
	h2Ping         = 6
	h2GoAway       = 7
	h2WindowUpdate = 8
	h2Continuation = 9
	h2AltSvc       = 10
	h2Blocked      = 11
	h2Origin       = 12
	h2PrioUpdate   = 16

	h2FlagEndStream  = 0x01
	h2FlagAck        = 0x01
	h2FlagEndHeaders = 0x04
	h2FlagPadded     = 0x08
	h2FlagPriority   = 0x20
)

const h2Magic = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

func h2Field(abbrev, name string, t field.Type, blurb string, opts ...field.Option) field.ID {
	if blurb != "" {
		opts = append(opts, field.WithBlurb(blurb))
	}
	return Fields.Add(protoHTTP2, abbrev, name, t, opts...)
}

var (
	protoHTTP2 = Fields.Protocol("http2", "HyperText Transfer Protocol 2")

	hfH2Stream   = h2Field("http2.stream", "Stream", field.None, "")
	hfH2Length   = h2Field("http2.length", "Length", field.Uint24, "The length (24 bits) of the frame payload (The 9 octets of the frame header are not included)")
	hfH2Type     = h2Field("http2.type", "Type", field.Uint8, "The frame type determines how the remainder of the frame header and payload are interpreted", field.WithStrings(h2TypeNames))
	hfH2R        = h2Field("http2.r", "Reserved", field.Uint32, "The semantics of this bit are undefined and the bit MUST remain unset (0) when sending and MUST be ignored when receiving", field.WithBase(field.Hex), field.WithMask(0x80000000))
	hfH2Weight   = h2Field("http2.headers.weight", "Weight", field.Uint8, "An 8-bit weight for the identified priority")
	hfH2WeightR  = h2Field("http2.headers.weight_real", "Weight real", field.Uint8, "Real Weight value (Add one to value)")
	hfH2StreamID = h2Field("http2.streamid", "Stream Identifier", field.Uint32, "A 31-bit stream identifier", field.WithMask(0x7fffffff))
	hfH2Magic    = h2Field("http2.magic", "Magic", field.String, "")
	hfH2Unknown  = h2Field("http2.unknown", "Unknown", field.Bytes, "")

	hfH2Flags          = h2Field("http2.flags", "Flags", field.Uint8, "Flags are assigned semantics specific to the indicated frame type", field.WithBase(field.Hex))
	hfH2FlagEndStream  = h2Field("http2.flags.end_stream", "End Stream", field.Bool, "Indicates that this frame is the last that the endpoint will send for the identified stream", field.WithBase(8), field.WithMask(h2FlagEndStream))
	hfH2FlagEndHeaders = h2Field("http2.flags.eh", "End Headers", field.Bool, "Indicates that this frame contains an entire header block  and is not followed by any CONTINUATION frames.", field.WithBase(8), field.WithMask(h2FlagEndHeaders))
	hfH2FlagPadded     = h2Field("http2.flags.padded", "Padded", field.Bool, "Indicates that the Pad Length field is present", field.WithBase(8), field.WithMask(h2FlagPadded))
	hfH2FlagPriority   = h2Field("http2.flags.priority", "Priority", field.Bool, "Indicates that the Exclusive Flag (E), Stream Dependency, and Weight fields are present", field.WithBase(8), field.WithMask(h2FlagPriority))
	hfH2FlagPingAck    = h2Field("http2.flags.ack.ping", "ACK", field.Bool, "Set indicates that this PING frame is a PING response", field.WithBase(8), field.WithMask(h2FlagAck))
	hfH2Unused         = h2Field("http2.flags.unused", "Unused", field.Uint8, "Must be zero", field.WithBase(field.Hex), field.WithMask(0xff))
	hfH2UnusedSettings = h2Field("http2.flags.unused_settings", "Unused", field.Uint8, "Must be zero", field.WithBase(field.Hex), field.WithMask(0xfe))
	hfH2UnusedPing     = h2Field("http2.flags.unused_ping", "Unused", field.Uint8, "Must be zero", field.WithBase(field.Hex), field.WithMask(0xfe))
	hfH2UnusedCont     = h2Field("http2.flags.unused_continuation", "Unused", field.Uint8, "Must be zero", field.WithBase(field.Hex), field.WithMask(0xfb))
	hfH2UnusedPush     = h2Field("http2.flags.unused_push_promise", "Unused", field.Uint8, "Must be zero", field.WithBase(field.Hex), field.WithMask(0xf3))
	hfH2UnusedData     = h2Field("http2.flags.unused_data", "Unused", field.Uint8, "Must be zero", field.WithBase(field.Hex), field.WithMask(0xf6))
	hfH2UnusedHeaders  = h2Field("http2.flags.unused_headers", "Unused", field.Uint8, "Must be zero", field.WithBase(field.Hex), field.WithMask(0xd2))
	hfH2FlagSettingAck = h2Field("http2.flags.ack.settings", "ACK", field.Bool, "Indicates that this frame acknowledges receipt and application of the peer's SETTINGS frame", field.WithBase(8), field.WithMask(h2FlagAck))

	hfH2Padding   = h2Field("http2.padding", "Pad Length", field.Uint8, "Padding size", field.WithBase(field.Hex))
	hfH2PadLength = h2Field("http2.pad_length", "Pad Length", field.Uint16, "")
	hfH2Exclusive = h2Field("http2.exclusive", "Exclusive", field.Bool, "A single bit flag indicates that the stream dependency is exclusive", field.WithBase(32), field.WithMask(0x80000000))
	hfH2StreamDep = h2Field("http2.stream_dependency", "Stream Dependency", field.Uint32, "An identifier for the stream that this stream depends on", field.WithMask(0x7fffffff))

	hfH2DataSegment   = h2Field("http2.data.segment", "DATA segment", field.Bytes, "A data segment used in reassembly")
	hfH2Data          = h2Field("http2.data.data", "Data", field.Bytes, "Application data")
	hfH2DataPadding   = h2Field("http2.data.padding", "Padding", field.Bytes, "Padding octets")
	hfH2BodyFragments = h2Field("http2.body.fragments", "Body fragments", field.None, "")
	hfH2BodyFragment  = h2Field("http2.body.fragment", "Body fragment", field.FrameNum, "")
	_                 = h2Field("http2.body.fragment.overlap", "Body fragment overlap", field.Bool, "")
	_                 = h2Field("http2.body.fragment.overlap.conflicts", "Body fragment overlapping with conflicting data", field.Bool, "")
	_                 = h2Field("http2.body.fragment.multiple_tails", "Body has multiple tail fragments", field.Bool, "")
	_                 = h2Field("http2.body.fragment.too_long_fragment", "Body fragment too long", field.Bool, "")
	_                 = h2Field("http2.body.fragment.error", "Body defragment error", field.FrameNum, "")
	hfH2BodyFragCount = h2Field("http2.body.fragment.count", "Body fragment count", field.Uint32, "")
	hfH2BodyIn        = h2Field("http2.body.reassembled.in", "Reassembled body in frame", field.FrameNum, "Reassembled body in frame number")
	hfH2BodyLength    = h2Field("http2.body.reassembled.length", "Reassembled body length", field.Uint32, "Reassembled body in frame number")
	hfH2BodyData      = h2Field("http2.body.reassembled.data", "Reassembled body data", field.Bytes, "Reassembled body data for multisegment PDU spanning across DATAs")

	hfH2Headers         = h2Field("http2.headers", "Header Block Fragment", field.Bytes, "A header block fragment")
	hfH2HeadersPadding  = h2Field("http2.headers.padding", "Padding", field.Bytes, "Padding octets")
	hfH2Header          = h2Field("http2.header", "Header", field.None, "")
	hfH2HeaderLength    = h2Field("http2.header.length", "Header Length", field.Uint32, "")
	hfH2HeaderCount     = h2Field("http2.header.count", "Header Count", field.Uint32, "")
	hfH2HeaderNameLen   = h2Field("http2.header.name.length", "Name Length", field.Uint32, "")
	hfH2HeaderName      = h2Field("http2.header.name", "Name", field.String, "")
	hfH2HeaderValueLen  = h2Field("http2.header.value.length", "Value Length", field.Uint32, "")
	hfH2HeaderValue     = h2Field("http2.header.value", "Value", field.String, "")
	hfH2HeaderUnescaped = h2Field("http2.header.unescaped", "Unescaped", field.String, "")
	hfH2HeaderRepr      = h2Field("http2.header.repr", "Representation", field.String, "")
	hfH2HeaderIndex     = h2Field("http2.header.index", "Index", field.Uint32, "")
	hfH2TableSizeUpdate = h2Field("http2.header_table_size_update", "Header table size update", field.None, "")
	hfH2TableSize       = h2Field("http2.header_table_size_update.header_table_size", "Header table size", field.Uint32, "")
	_                   = h2Field("http2.fake.header.count", "Fake Header Count", field.Uint32, "")
	_                   = h2Field("http2.fake.header", "Fake Header", field.None, "")
	hfH2FullURI         = h2Field("http2.request.full_uri", "Full request URI", field.String, "The full requested URI (including host name)")

	hfH2RSTError = h2Field("http2.rst_stream.error", "Error", field.Uint32, "The error code indicates why the stream is being terminated", field.WithStrings(h2ErrorNames))

	hfH2Settings          = h2Field("http2.settings", "Settings", field.None, "")
	hfH2SettingsID        = h2Field("http2.settings.id", "Settings Identifier", field.Uint16, "", field.WithStrings(h2SettingNames))
	hfH2SettingsTableSize = h2Field("http2.settings.header_table_size", "Header table size", field.Uint32, "Allows the sender to inform the remote endpoint of the size of the header compression table used to decode header blocks. The initial value is 4096 bytes")
	hfH2SettingsPush      = h2Field("http2.settings.enable_push", "Enable PUSH", field.Uint32, "The initial value is 1, which indicates that push is permitted")
	hfH2SettingsStreams   = h2Field("http2.settings.max_concurrent_streams", "Max concurrent streams", field.Uint32, "Indicates the maximum number of concurrent streams that the sender will allow")
	hfH2SettingsWindow    = h2Field("http2.settings.initial_window_size", "Initial Windows Size", field.Uint32, "Indicates the sender's initial window size (in bytes) for stream level flow control")
	hfH2SettingsFrameSize = h2Field("http2.settings.max_frame_size", "Max frame size", field.Uint32, "Indicates the size of the largest frame payload that the sender will allow")
	hfH2SettingsListSize  = h2Field("http2.settings.max_header_list_size", "Max header list size", field.Uint32, "This advisory setting informs a peer of the maximum size of header list that the sender is prepared to accept.")
	hfH2SettingsConnect   = h2Field("http2.settings.extended_connect", "Extended CONNECT", field.Uint32, "Indicates support for the extended CONNECT method extension defined RFC 8441.")
	hfH2SettingsUnknown   = h2Field("http2.settings.unknown", "Unknown Settings", field.Uint32, "")

	hfH2PushR        = h2Field("http2.push_promise.r", "Reserved", field.Uint32, "Must be zero", field.WithBase(field.Hex), field.WithMask(0x80000000))
	hfH2PushStream   = h2Field("http2.push_promise.promised_stream_id", "Promised-Stream-ID", field.Uint32, "Identifies the stream the endpoint intends to start sending frames for", field.WithMask(0x7fffffff))
	hfH2PushHeader   = h2Field("http2.push_promise.header", "Header Block Fragment", field.Bytes, "Containing request header fields")
	hfH2PushPadding  = h2Field("http2.push_promise.padding", "Padding", field.Bytes, "Padding octets")
	hfH2Ping         = h2Field("http2.ping", "Ping", field.Bytes, "")
	hfH2Pong         = h2Field("http2.pong", "Pong", field.Bytes, "")
	hfH2GoAwayR      = h2Field("http2.goway.r", "Reserved", field.Uint32, "Must be zero", field.WithBase(field.Hex), field.WithMask(0x80000000))
	hfH2GoAwayLast   = h2Field("http2.goaway.last_stream_id", "Last-Stream-ID", field.Uint32, "Contains the highest numbered stream identifier for which the sender of the GOAWAY frame has received frames on and might have taken some action on", field.WithMask(0x7fffffff))
	hfH2GoAwayError  = h2Field("http2.goaway.error", "Error", field.Uint32, "The error code indicates the reason for closing the connection", field.WithStrings(h2ErrorNames))
	hfH2GoAwayData   = h2Field("http2.goaway.addata", "Additional Debug Data", field.Bytes, "")
	hfH2WindowR      = h2Field("http2.window_update.r", "Reserved", field.Uint32, "Must be zero", field.WithBase(field.Hex), field.WithMask(0x80000000))
	hfH2WindowIncr   = h2Field("http2.window_update.window_size_increment", "Window Size Increment", field.Uint32, "Indicating the number of bytes that the sender can transmit in addition to the existing flow control window", field.WithMask(0x7fffffff))
	hfH2ContHeader   = h2Field("http2.continuation.header", "Continuation Header", field.String, "Contains a header block fragment")
	hfH2ContPadding  = h2Field("http2.continuation.padding", "Padding", field.Bytes, "Padding octets")
	hfH2AltSvcLen    = h2Field("http2.altsvc.origin.len", "Origin Length", field.Uint16, "indicating the length, in octets, of the Origin field.")
	hfH2AltSvcOrigin = h2Field("http2.altsvc.origin", "Origin", field.String, "A sequence of characters containing ASCII serialisation of an origin that the alternate service is applicable to.")
	hfH2AltSvcValue  = h2Field("http2.altsvc.field_value", "Field/Value", field.String, "A sequence of octets containing a value identical to the Alt-Svc field value")
	hfH2Origin       = h2Field("http2.origin", "Origin", field.None, "")
	hfH2OriginLen    = h2Field("http2.origin.origin_len", "Origin Length", field.Uint16, "indicating the length, in octets, of the Origin field.")
	hfH2OriginOrigin = h2Field("http2.origin.origin", "Origin", field.String, "A sequence of characters containing ASCII serialisation of an origin that server is authoritative for.")
	hfH2PrioStream   = h2Field("http2.priority_update_stream_id", "Priority Update Stream ID", field.Uint64, "")
	hfH2PrioValue    = h2Field("http2.priority_update_field_value", "Priority Update Field Value", field.String, "")

	eiH2HeaderSize    = RegisterExpert(protoHTTP2, "http2.header_size_exceeded", "Decompression stopped.", GroupUndecoded, SevError)
	eiH2HeaderLines   = RegisterExpert(protoHTTP2, "http2.header_lines_exceeded", "Decompression stopped after 200 header lines.", GroupUndecoded, SevError)
	eiH2BodyInflate   = RegisterExpert(protoHTTP2, "http2.body_decompression_failed", "Body decompression failed", GroupUndecoded, SevWarn)
	eiH2ReassemblyErr = RegisterExpert(protoHTTP2, "http2.reassembly_error", "Reassembly failed", GroupUndecoded, SevWarn)

	hfHTTPPathSegment    = Fields.Add(protoHTTP, "http.path_segment", "Path segment", field.String)
	hfHTTPPathSubSegment = Fields.Add(protoHTTP, "http.path_sub_segment", "Path sub segment", field.String)

	handleHTTP2 = &Handle{Name: "http2", Fn: dissectHTTP2}
)

// h2Named are the header fields Wireshark registers by header name (http2.headers.*, RFC 7541
// appendix A), filled in init.
var h2Named = map[string]field.ID{}

func init() {
	RegisterShortName(protoHTTP2, "HTTP2")
	for _, h := range [...]struct {
		name, abbrev string
		t            field.Type
		blurb        string
	}{
		{":authority", "authority", field.String, "Authority portion of the target URI"},
		{":status", "status", field.Uint16, ""},
		{":path", "path", field.String, ""},
		{":method", "method", field.String, ""},
		{":scheme", "scheme", field.String, ""},
		{"accept", "accept", field.String, "Media types that are acceptable to the user agent"},
		{"accept-charset", "accept_charset", field.String, "Acceptable charsets in textual responses for the user agent"},
		{"accept-encoding", "accept_encoding", field.String, "Acceptable content codings (like compression) in responses for the user agent"},
		{"accept-language", "accept_language", field.String, "Preferred natural languages for the user agent"},
		{"accept-ranges", "accept_ranges", field.String, "Bytes range which server may use for partial data transfer"},
		{"access-control-allow-origin", "access_control_allow_origin", field.String, "Origin control for cross-origin resource sharing"},
		{"age", "age", field.Uint64, "Time in seconds which was spent for transferring data through proxy"},
		{"allow", "allow", field.String, "List of allowed methods for request"},
		{"authorization", "authorization", field.String, "Credentials for a server-side authorization"},
		{"cache-control", "cache_control", field.String, "Request or response directives for a cache control"},
		{"content-disposition", "content_disposition", field.String, "Indicates that response will be displayed as page or downloaded with dialog box"},
		{"content-encoding", "content_encoding", field.String, ""},
		{"content-language", "content_language", field.String, ""},
		{"content-length", "content_length", field.Uint64, "Size of body in bytes"},
		{"content-location", "content_location", field.String, "Alternative URL for a response data"},
		{"content-range", "content_range", field.String, "Range of bytes which was sent by server for partial data transfer"},
		{"content-type", "content_type", field.String, "MIME type of response"},
		{"cookie", "cookie", field.String, "Stored cookies"},
		{"date", "date", field.String, "Date and time at which the data was originated"},
		{"etag", "etag", field.String, "Directive for version indication of resource"},
		{"expect", "expect", field.String, "Expectations that need to be fulfilled for correct request"},
		{"expires", "expires", field.String, "Data after which resource will be stale"},
		{"from", "from", field.String, "Email of a person who responsible for a requesting data"},
		{"if-match", "if_match", field.String, "Mechanism for requesting data matched by a list of ETags"},
		{"if-modified-since", "if_modified_since", field.String, "Resource will be sent with status code 200 if it was modified otherwise with status code 304"},
		{"if-none-match", "if_none_match", field.String, "Mechanism for requesting data not matched by a list of ETags"},
		{"if-range", "if_range", field.String, "Mechanism for a range request which is used to check if a resource was modified"},
		{"if-unmodified-since", "if_unmodified_since", field.String, "Resource will be processed if it was not modified otherwise 412 error will be returned"},
		{"last-modified", "last_modified", field.String, "Date and time at which the origin server believes the resource was last modified"},
		{"link", "link", field.String, "Mechanism for indicating that resource will be preloaded"},
		{"location", "location", field.String, "Mechanism for indicating that client will be redirected"},
		{"max-forwards", "max_forwards", field.Uint64, "Mechanism for limiting the number of proxies"},
		{"proxy-authenticate", "proxy_authenticate", field.String, "Authentication method that should be used to gain access to a resource behind a proxy server"},
		{"proxy-authorization", "proxy_authorization", field.String, "Credentials for a proxy-side authorization"},
		{"range", "range", field.String, "Range of resource bytes that server should return"},
		{"referer", "referer", field.String, "Address of the previous web page"},
		{"refresh", "refresh", field.String, "Time in seconds after which client will be redirected by given url"},
		{"retry-after", "retry_after", field.String, "Mechanism to indicate when resource expected to be available"},
		{"server", "server", field.String, "Information about server software"},
		{"set-cookie", "set_cookie", field.String, "Send a cookie to the client"},
		{"strict-transport-security", "strict_transport_security", field.String, "HSTS indicates that resource should be accessed only using HTTPS"},
		{"user-agent", "user_agent", field.String, "Information about client software"},
		{"vary", "vary", field.String, "Mechanism for selecting which header will be used for content negotiation algorithm"},
		{"via", "via", field.String, "Additional information for loop detection and protocol capabilities in proxy requests"},
		{"www-authenticate", "www_authenticate", field.String, "Authentication method that should be used to gain access to a resource"},
	} {
		h2Named[h.name] = h2Field("http2.headers."+h.abbrev, h.name, h.t, h.blurb)
	}
	RegisterPDU(handleHTTP2, http2PDULen)
	pduSizeItems[handleHTTP2] = true
	pduClearsInfo[handleHTTP2] = func(*Ctx) bool { return true }
}

// streamingTypes are the content types whose bodies HTTP/2 cuts into messages as they arrive
// (Wireshark's "streaming_content_type" table), with the dissector that takes them.
var streamingTypes = map[string]*streamingDissector{}

// streamingDissector is a streaming content type's dissector: msgs returns how many bytes of whole
// messages b starts with and, when the next one is cut short, how many more bytes that one needs
// (Wireshark's desegment_offset and desegment_len); fn dissects whole messages.
type streamingDissector struct {
	msgs func(b []byte) (used, need int)
	fn   func(c *Ctx, t Tvb, parent int32)
}

// h2FrameLen is the length of the HTTP/2 frame (or connection preface) at b[0], 0 when it is not
// known yet (fewer than 9 bytes).
func h2FrameLen(b []byte) int {
	if len(b) >= len(h2Magic) && string(b[:len(h2Magic)]) == h2Magic {
		return len(h2Magic)
	}
	if len(b) < 9 {
		return 0
	}
	return 9 + (int(b[0])<<16 | int(b[1])<<8 | int(b[2]))
}

// http2PDULen is HTTP/2's PDU length for TCP reassembly (get_http2_message_len).
func http2PDULen(c *Ctx, t Tvb, sc *PDUScan) int {
	if n := h2FrameLen(t.B); n > 0 {
		return n
	}
	if t.Len() < len(h2Magic) && string(h2Magic[:t.Len()]) == string(t.B) {
		return len(h2Magic)
	}
	return 9
}

// ---- connection state ----

// h2Key identifies an HTTP/2 frame within the capture: its frame, data source and offset
// (Wireshark's http2_frame_num_t); keys of one connection grow in the order frames are dissected.
type h2Key struct {
	frame uint32
	src   uint8
	off   int32
}

func (k h2Key) order() uint64 {
	return uint64(k.frame)<<32 | uint64(k.src)<<24 | uint64(uint32(k.off)&0xffffff)
}

// h2Body is a body reassembled from DATA frames, or a streaming message reassembled from parts of
// several.
type h2Body struct {
	data  []byte
	frags []pduSeg
}

// h2Stream is what one stream's frames taught the first pass.
type h2Stream struct {
	id      uint32
	connect bool // a CONNECT request: its DATA is tunnelled
	stream  bool // the body's content type is dissected in streaming mode
	dir     [2]h2Oneway
}

// h2Oneway is one direction of a stream.
type h2Oneway struct {
	headerStart, headerEnd uint64 // the HEADERS frame and the one ending its header block
	dataInitiated          uint64 // the frame with :method or :status (a body may follow)
	transferEncoded        bool
	partial                bool // :status 206: the body is part of an entity
	ctype, cparams, cenc   string
	hdrs                   []*h2Block // every header block, for http2_get_header_value
	// END_STREAM body reassembly
	body    []byte
	frags   []pduSeg
	waiting []h2Key // DATA frames whose body completes later
	// streaming reassembly
	prevDeseg int
	msp       *h2MSP
}

// h2MSP is a streaming message spread over DATA frames.
type h2MSP struct {
	data    []byte
	frags   []pduSeg
	waiting []h2Key
}

// h2Rec is what the first pass recorded about one HTTP/2 frame, for later dissections.
type h2Rec struct {
	block  *h2Block
	body   *h2Body // a body this frame completes
	bodyIn uint32  // the frame its body is complete in
	sdata  *h2StreamRec
}

// h2StreamRec is how a streaming-mode DATA frame's payload splits.
type h2StreamRec struct {
	prev     int     // bytes at the start that belong to a message begun earlier
	prevDone *h2Body // that message, when this frame completes it
	prevIn   uint32  // the frame that completes it
	middle   int     // whole messages after that
	rest     int     // bytes at the end that begin a message completed later
	restIn   uint32
}

// h2Conn is one HTTP/2 connection.
type h2Conn struct {
	fwd      bool // the direction of the first frame seen: flow index 0
	dec      [2]*hpackDecoder
	settings [2][]h2SettingsSeen
	streams  map[uint32]*h2Stream
}

// h2SettingsSeen is a SETTINGS frame waiting for its ACK (in-flight header table size).
type h2SettingsSeen struct {
	tableSize, minTableSize uint32
	has                     bool
}

// h2Since says from where a connection HTTP reached is HTTP/2.
type h2Since struct {
	frame   uint32
	upgrade bool // by a 101 response in that frame: only data after the response
}

type h2State struct {
	conns map[textConvKey]*h2Conn
	since map[textConvKey]h2Since
	recs  map[h2Key]*h2Rec
	// streamHandles is Wireshark's global "http2.streamid" table: the media dissector last seen for a
	// stream number, used for a body without content-type on that stream number.
	streamHandles map[uint32]string
}

var h2Slot = newStateSlot(func() any {
	return &h2State{conns: map[textConvKey]*h2Conn{}, since: map[textConvKey]h2Since{}, recs: map[h2Key]*h2Rec{},
		streamHandles: map[uint32]string{}}
})

func (st *h2State) conn(c *Ctx) (*h2Conn, int) {
	k, fwd := c.conversationKey()
	cn := st.conns[k]
	if cn == nil {
		if !c.Pass1 {
			return nil, 0
		}
		cn = &h2Conn{fwd: fwd, dec: [2]*hpackDecoder{newHPACKDecoder(), newHPACKDecoder()}, streams: map[uint32]*h2Stream{}}
		st.conns[k] = cn
	}
	if fwd == cn.fwd {
		return cn, 0
	}
	return cn, 1
}

func (cn *h2Conn) stream(id uint32) *h2Stream {
	s := cn.streams[id]
	if s == nil {
		s = &h2Stream{id: id}
		cn.streams[id] = s
	}
	return s
}

// rec returns the frame's record, creating it in the first pass (unless nothing re-dissects).
func (st *h2State) rec(c *Ctx, k h2Key) *h2Rec {
	if r := st.recs[k]; r != nil || !c.Pass1 {
		return r
	}
	r := &h2Rec{}
	if !c.State.onePass {
		st.recs[k] = r
	}
	return r
}

// h2Active reports whether HTTP on this connection has become HTTP/2 by this frame (the preface, or
// an upgrade answered before this frame).
func h2Active(c *Ctx) bool {
	if c.State == nil {
		return false
	}
	st := c.State.slot(h2Slot).(*h2State)
	if len(st.since) == 0 {
		return false
	}
	k, _ := c.conversationKey()
	s, ok := st.since[k]
	return ok && (c.Frame.Number > s.frame || !s.upgrade && c.Frame.Number == s.frame)
}

// h2Start marks the connection as HTTP/2 from this frame on (first pass).
func h2Start(c *Ctx, upgrade bool) {
	if !c.Pass1 {
		return
	}
	st := c.State.slot(h2Slot).(*h2State)
	k, _ := c.conversationKey()
	if _, ok := st.since[k]; !ok {
		st.since[k] = h2Since{frame: c.Frame.Number, upgrade: upgrade}
	}
}

// ---- dissection ----

func dissectHTTP2(c *Ctx, t Tvb, parent int32) {
	if !c.MorePDU {
		c.ClearInfo()
	}
	c.current = "http2"
	st := c.State.slot(h2Slot).(*h2State)
	cn, dir := st.conn(c)
	for off := 0; off < t.Len(); {
		n := h2FrameLen(t.B[off:])
		if n <= 0 || n > t.Len()-off {
			n = t.Len() - off
		}
		h2Frame(c, st, cn, dir, t.SubLen(off, n), parent)
		off += n
	}
}

// h2Item is the "Stream" item whose label grows as Wireshark appends to it.
type h2Item struct {
	c     *Ctx
	n     int32
	label []byte
}

func (it *h2Item) add(s ...string) {
	if !it.c.Visible() {
		return
	}
	for _, x := range s {
		it.label = append(it.label, x...)
	}
	it.c.T.SetLabel(it.n, string(it.label))
}

// h2Frame dissects one HTTP/2 frame (dissect_http2_pdu).
func h2Frame(c *Ctx, st *h2State, cn *h2Conn, dir int, t Tvb, parent int32) {
	c.SetProtocol("HTTP2")
	p := c.AddProto(parent, protoHTTP2, t, 0, -1)
	s := c.AddProto(p, hfH2Stream, t, 0, -1)
	it := &h2Item{c: c, n: s, label: []byte("Stream")}
	if t.Len() >= len(h2Magic) && string(t.B[:len(h2Magic)]) == h2Magic {
		c.AppendInfoSep(", ", "Magic")
		c.T.SetLen(s, len(h2Magic))
		it.add(": Magic")
		c.addASCII(s, hfH2Magic, t, 0, len(h2Magic))
		return
	}
	_, length := c.AddUint(s, hfH2Length, t, 0, 3)
	_, typ := c.AddUint(s, hfH2Type, t, 3, 1)
	typeName, known := h2TypeNames[typ]
	if !known {
		typeName = "Unknown type (" + strconv.FormatUint(typ, 10) + ")"
	}
	flags := h2Flags(c, s, t, uint8(typ))
	c.AddUint(s, hfH2R, t, 5, 4)
	_, sid := c.AddUint(s, hfH2StreamID, t, 5, 4)
	it.add(": ", typeName, ", Stream ID: ", strconv.FormatUint(sid, 10), ", Length ", strconv.FormatUint(length, 10))
	if c.Cols.On {
		c.AppendInfoSep(", ", typeName+"["+strconv.FormatUint(sid, 10)+"]")
	}
	f := &h2Ctx{c: c, st: st, cn: cn, dir: dir, t: t, s: s, p: p, it: it, flags: flags, sid: uint32(sid),
		key: h2Key{c.Frame.Number, t.Src, int32(t.Off)}}
	if cn != nil {
		f.strm = cn.stream(uint32(sid))
		if !c.Pass1 {
			f.strm = cn.streams[uint32(sid)]
		}
	}
	const o = 9
	switch typ {
	case h2Data:
		f.data(o)
	case h2Headers:
		f.headers(o)
	case h2Priority:
		h2Prio(c, s, t, o, flags|h2FlagPriority)
	case h2RSTStream:
		c.AddUint(s, hfH2RSTError, t, o, 4)
	case h2Settings:
		f.settings(o)
	case h2PushPromise:
		f.pushPromise(o)
	case h2Ping:
		if flags&h2FlagAck != 0 {
			c.AddBytes(s, hfH2Pong, t, o, 8)
		} else {
			c.AddBytes(s, hfH2Ping, t, o, 8)
		}
	case h2GoAway:
		c.AddUint(s, hfH2GoAwayR, t, o, 4)
		c.AddUint(s, hfH2GoAwayLast, t, o, 4)
		c.AddUint(s, hfH2GoAwayError, t, o+4, 4)
		if t.Len() > o+8 {
			c.AddBytes(s, hfH2GoAwayData, t, o+8, t.Len()-o-8)
		}
	case h2WindowUpdate:
		c.AddUint(s, hfH2WindowR, t, o, 4)
		c.AddUint(s, hfH2WindowIncr, t, o, 4)
	case h2Continuation:
		f.continuation(o)
	case h2AltSvc:
		_, ol := c.AddUint(s, hfH2AltSvcLen, t, o, 2)
		c.addASCII(s, hfH2AltSvcOrigin, t, o+2, int(ol))
		if rest := int(length) - 2 - int(ol); rest != 0 {
			c.addASCII(s, hfH2AltSvcValue, t, o+2+int(ol), rest)
		}
	case h2Blocked:
	case h2Origin:
		for off := o; off < t.Len(); {
			e := c.AddProto(s, hfH2Origin, t, off, 6)
			_, ol := c.AddUint(e, hfH2OriginLen, t, off, 2)
			c.addASCII(e, hfH2OriginOrigin, t, off+2, int(ol))
			off += 2 + int(ol)
		}
	case h2PrioUpdate:
		c.AddUint(s, hfH2PrioStream, t, o, 4)
		c.addASCII(s, hfH2PrioValue, t, o+4, int(length)-4)
	default:
		c.AddBytes(s, hfH2Unknown, t, o, t.Len()-o)
	}
}

// h2FlagFields are the flag items of each frame type, in Wireshark's order.
var h2FlagFields = map[uint8][]field.ID{
	h2Data:         {hfH2UnusedData, hfH2FlagPadded, hfH2FlagEndStream},
	h2Headers:      {hfH2UnusedHeaders, hfH2FlagPriority, hfH2FlagPadded, hfH2FlagEndHeaders, hfH2FlagEndStream},
	h2Settings:     {hfH2UnusedSettings, hfH2FlagSettingAck},
	h2PushPromise:  {hfH2UnusedPush, hfH2FlagPadded, hfH2FlagEndHeaders},
	h2Continuation: {hfH2UnusedCont, hfH2FlagPadded, hfH2FlagEndHeaders},
	h2Ping:         {hfH2UnusedPing, hfH2FlagPingAck},
}

var h2NoFlags = []field.ID{hfH2Unused}

func h2Flags(c *Ctx, s int32, t Tvb, typ uint8) uint8 {
	ff, ok := h2FlagFields[typ]
	if !ok {
		ff = h2NoFlags
	}
	_, v := c.addFlags(s, hfH2Flags, t, 4, 1, ff)
	return uint8(v)
}

// h2Padding adds the pad length and returns the offset after it and the padding's length.
func h2Padding(c *Ctx, s int32, t Tvb, o int, flags uint8) (int, int) {
	pad, n := 0, 0
	if flags&h2FlagPadded != 0 {
		pad = int(t.U8(o))
		c.AddUint(s, hfH2Padding, t, o, 1)
		o++
		n = 1
	}
	c.generated(c.AddUintV(s, hfH2PadLength, t, o-n, n, uint64(pad)))
	return o, pad
}

func h2Prio(c *Ctx, s int32, t Tvb, o int, flags uint8) int {
	if flags&h2FlagPriority == 0 {
		return o
	}
	c.AddUint(s, hfH2Exclusive, t, o, 4)
	c.AddUint(s, hfH2StreamDep, t, o, 4)
	_, w := c.AddUint(s, hfH2Weight, t, o+4, 1)
	c.generated(c.AddUintV(s, hfH2WeightR, t, o+4, 1, w+1))
	return o + 5
}

// h2Ctx is one frame's dissection.
type h2Ctx struct {
	c     *Ctx
	st    *h2State
	cn    *h2Conn
	strm  *h2Stream // nil when the first pass did not see the connection
	dir   int
	t     Tvb
	s, p  int32 // the Stream item and the HTTP2 protocol item
	it    *h2Item
	flags uint8
	sid   uint32
	key   h2Key
}

func (f *h2Ctx) oneway() *h2Oneway {
	if f.strm == nil {
		return nil
	}
	return &f.strm.dir[f.dir]
}

func (f *h2Ctx) settings(o int) {
	c := f.c
	ts := h2SettingsItems(c, f.s, f.t, o)
	if !c.Pass1 || f.cn == nil {
		return
	}
	if f.flags&h2FlagAck != 0 { // the ACK's sender now encodes with the peer's announced table size
		q := f.cn.settings[f.dir^1]
		if len(q) == 0 {
			return
		}
		f.cn.settings[f.dir^1] = q[1:]
		if q[0].has {
			d := f.cn.dec[f.dir]
			if q[0].minTableSize < q[0].tableSize {
				d.changeTableSize(q[0].minTableSize)
			}
			d.changeTableSize(q[0].tableSize)
		}
		return
	}
	f.cn.settings[f.dir] = append(f.cn.settings[f.dir], ts)
}

// h2SettingsItems adds the settings at t[o:] under parent (also HTTP's HTTP2-Settings header) and
// returns the header table sizes among them.
func h2SettingsItems(c *Ctx, parent int32, t Tvb, o int) h2SettingsSeen {
	var ts h2SettingsSeen
	ts.minTableSize = ^uint32(0)
	for o < t.Len() {
		e := c.AddProto(parent, hfH2Settings, t, o, 6)
		_, id := c.AddUint(e, hfH2SettingsID, t, o, 2)
		hf := hfH2SettingsUnknown
		switch id {
		case 1:
			hf = hfH2SettingsTableSize
			v := t.U32(o + 2)
			ts.has, ts.tableSize = true, v
			ts.minTableSize = min(ts.minTableSize, v)
		case 2:
			hf = hfH2SettingsPush
		case 3:
			hf = hfH2SettingsStreams
		case 4:
			hf = hfH2SettingsWindow
		case 5:
			hf = hfH2SettingsFrameSize
		case 6:
			hf = hfH2SettingsListSize
		case 8:
			hf = hfH2SettingsConnect
		}
		_, v := c.AddUint(e, hf, t, o+2, 4)
		if c.Visible() {
			name, ok := h2SettingNames[id]
			if !ok {
				name = "Unknown (" + strconv.FormatUint(id, 10) + ")"
			}
			c.T.SetLabel(e, "Settings - "+name+" : "+strconv.FormatUint(v, 10))
		}
		o += 6
	}
	return ts
}

// headerBlock adds the header block fragment at t[o:] (less padding) and its decoded fields.
func (f *h2Ctx) headerBlock(o, pad int, hf, hfPad field.ID) {
	c, t := f.c, f.t
	n := t.Len() - o
	if n < pad {
		panic(boundsError{})
	}
	n -= pad
	if hf == hfH2ContHeader {
		c.addASCII(f.s, hf, t, o, n)
	} else {
		c.AddBytes(f.s, hf, t, o, n)
	}
	f.inflate(o, n)
	if pad > 0 {
		c.AddBytes(f.s, hfPad, t, o+n, pad)
	}
}

func (f *h2Ctx) headers(o int) {
	c := f.c
	if f.flags&h2FlagEndStream != 0 && f.strm != nil {
		if f.strm.stream {
			if ow := f.oneway(); ow.prevDeseg > 0 {
				c.ExpertItem(f.s, eiH2ReassemblyErr, f.t, o, f.t.Len()-o, "Reassembling HTTP2 body for subdissector failed, "+strconv.Itoa(ow.prevDeseg)+" bytes are missing before END_STREAM.")
			}
		} else if b := f.completeBody(nil); b != nil {
			f.fullBody(b, f.t.Sub(o))
		}
	}
	if c.Pass1 && f.strm != nil {
		ow := f.oneway()
		if ow.headerStart == 0 {
			ow.headerStart = f.key.order()
		}
		if ow.headerEnd == 0 && f.flags&h2FlagEndHeaders != 0 {
			ow.headerEnd = f.key.order()
		}
	}
	o, pad := h2Padding(c, f.s, f.t, o, f.flags)
	o = h2Prio(c, f.s, f.t, o, f.flags)
	f.headerBlock(o, pad, hfH2Headers, hfH2HeadersPadding)
}

func (f *h2Ctx) continuation(o int) {
	if f.c.Pass1 && f.strm != nil && f.flags&h2FlagEndHeaders != 0 {
		if ow := f.oneway(); ow.headerStart != 0 && ow.headerEnd == 0 {
			ow.headerEnd = f.key.order()
		}
	}
	o, pad := h2Padding(f.c, f.s, f.t, o, f.flags)
	f.headerBlock(o, pad, hfH2ContHeader, hfH2ContPadding)
}

func (f *h2Ctx) pushPromise(o int) {
	c, t, s := f.c, f.t, f.s
	o, pad := h2Padding(c, s, t, o, f.flags)
	c.AddUint(s, hfH2PushR, t, o, 4)
	c.AddUint(s, hfH2PushStream, t, o, 4)
	f.headerBlock(o+4, pad, hfH2PushHeader, hfH2PushPadding)
}

// inflate decodes the header block fragment t[o:o+n] in the first pass and shows its fields
// (inflate_http2_header_block).
func (f *h2Ctx) inflate(o, n int) {
	c, t := f.c, f.t
	var blk *h2Block
	if c.Pass1 && f.cn != nil {
		b := f.cn.dec[f.dir].decode(t.Bytes(o, n), f.flags&h2FlagEndHeaders != 0)
		blk = &b
		if r := f.st.rec(c, f.key); r != nil {
			r.block = blk
		}
		if ow := f.oneway(); ow != nil {
			ow.hdrs = append(ow.hdrs, blk)
		}
	} else if r := f.st.recs[f.key]; r != nil {
		blk = r.block
	}
	if blk == nil || len(blk.hdrs) == 0 {
		return
	}
	// The "Decompressed Header" source: each field as name length, name, value length, value.
	size := 0
	for _, h := range blk.hdrs {
		if h.repr != hpackSizeUpdate {
			size += 8 + len(h.name) + len(h.value)
		}
	}
	hb := make([]byte, 0, size)
	for _, h := range blk.hdrs {
		if h.repr != hpackSizeUpdate {
			hb = appendU32(hb, uint32(len(h.name)))
			hb = append(hb, h.name...)
			hb = appendU32(hb, uint32(len(h.value)))
			hb = append(hb, h.value...)
		}
	}
	src := uint8(len(c.T.Sources))
	c.T.Sources = append(c.T.Sources, field.Source{Name: "Decompressed Header", Bytes: hb})
	ht := Tvb{B: hb, Src: src}
	hl := c.AddGenerated(f.s, hfH2HeaderLength, ht, 0, 1, field.Value{U: uint64(size)})
	if blk.sizeAttempted > 0 {
		c.Expert(hl, eiH2HeaderSize, ht, 0, 1, "Decompression stopped after "+strconv.FormatUint(uint64(blk.sizeReached), 10)+
			" bytes ("+strconv.FormatUint(uint64(blk.sizeAttempted), 10)+" attempted).")
	}
	hc := c.AddGenerated(f.s, hfH2HeaderCount, ht, 0, 1, field.Value{U: uint64(len(blk.hdrs))})
	if blk.linesExceeded {
		c.Expert(hc, eiH2HeaderLines, ht, 0, 1, "")
	}
	var method, path, scheme, authority []byte
	haveMethod, havePath, haveScheme, haveAuthority := false, false, false, false
	hoff := 0
	for _, h := range blk.hdrs {
		if h.repr == hpackSizeUpdate {
			u := c.AddProto(f.s, hfH2TableSizeUpdate, t, o, h.n)
			c.AddUintV(u, hfH2TableSize, t, o, h.n, uint64(h.idx))
			o += h.n
			continue
		}
		hn := c.AddProto(f.s, hfH2Header, t, o, h.n)
		c.AddUintV(hn, hfH2HeaderNameLen, ht, hoff, 4, uint64(len(h.name)))
		name := asciiString(h.name)
		c.AddBytesV(hn, hfH2HeaderName, ht, hoff+4, len(h.name), name)
		voff := hoff + 8 + len(h.name)
		c.AddUintV(hn, hfH2HeaderValueLen, ht, voff-4, 4, uint64(len(h.value)))
		value := asciiString(h.value)
		c.AddBytesV(hn, hfH2HeaderValue, ht, voff, len(h.value), value)
		named := f.namedField(hn, ht, voff, len(h.value), string(name), value)
		if un, ok := uriUnescape(value); ok {
			c.AddGenerated(hn, hfH2HeaderUnescaped, ht, voff, len(h.value), field.Value{B: un})
		}
		hoff = voff + len(h.value)
		if c.Pass1 && f.strm != nil && f.inHeaderContext() {
			f.track(string(name), value)
		}
		c.AddString(hn, hfH2HeaderRepr, t, o, 1, hpackReprNames[h.repr])
		if h.repr.hasIndex() {
			il := 1
			if h.repr == hpackIndexed {
				il = h.n
			}
			c.AddUintV(hn, hfH2HeaderIndex, t, o, il, uint64(h.idx))
		}
		label := "Header: " + string(name) + ": " + string(value)
		switch string(name) {
		case ":method":
			method, haveMethod = value, true
			f.methodPath(haveMethod && havePath, method, path)
		case ":path":
			path, havePath = value, true
			f.methodPath(haveMethod && havePath, method, path)
			if named >= 0 {
				f.pathComponents(named, ht, voff, len(h.value))
			}
		case ":status":
			code, _ := strconv.ParseUint(leadingDigits(value), 10, 32)
			reason, ok := httpStatusNames[code]
			if !ok {
				reason = "Unknown"
			}
			c.AppendInfoSep(": ", string(value)+" "+reason)
			label += " " + reason
			f.it.add(", ", string(value), " ", reason)
		case ":authority":
			authority, haveAuthority = value, true
		case ":scheme":
			scheme, haveScheme = value, true
		}
		if c.Visible() {
			c.T.SetLabel(hn, label)
		}
		o += h.n
	}
	if haveAuthority {
		var uri string
		switch {
		case haveMethod && string(method) == "CONNECT":
			uri = string(authority)
		default:
			uri = nullStr(scheme, haveScheme) + "://" + string(authority) + nullStr(path, havePath)
		}
		c.AddGenerated(f.s, hfH2FullURI, t, 0, 0, field.Value{B: []byte(uri)})
	}
}

// nullStr is how C's printf shows a string that may be NULL.
func nullStr(s []byte, ok bool) string {
	if !ok {
		return "(null)"
	}
	return string(s)
}

// leadingDigits returns the digits at the start of s (strtoul stops at the first other character).
func leadingDigits(s []byte) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return string(s[:i])
}

func appendU32(b []byte, v uint32) []byte {
	return append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
}

func (f *h2Ctx) methodPath(both bool, method, path []byte) {
	if !both {
		return
	}
	f.c.AppendInfoSep(": ", string(method)+" "+string(path))
	f.it.add(", ", string(method), " ", string(path))
}

// namedField adds the http2.headers.* field of a header Wireshark knows by name and returns it (-1
// when there is none, or a number that does not parse).
func (f *h2Ctx) namedField(parent int32, ht Tvb, o, n int, name string, value []byte) int32 {
	hf, ok := h2Named[name]
	if !ok {
		return -1
	}
	c := f.c
	switch Fields.Get(hf).Type {
	case field.Uint16:
		v, ok := strictUint(value, 1<<32-1)
		if !ok {
			return -1
		}
		return c.AddUintV(parent, hf, ht, o, n, v)
	case field.Uint64:
		v, ok := strictUint(value, ^uint64(0))
		if !ok {
			return -1
		}
		return c.AddUintV(parent, hf, ht, o, n, v)
	}
	return c.AddBytesV(parent, hf, ht, o, n, value)
}

// strictUint parses a whole decimal string as ws_strtou32/ws_strtou64 do.
func strictUint(s []byte, limit uint64) (uint64, bool) {
	if len(s) == 0 {
		return 0, false
	}
	var v uint64
	for _, ch := range s {
		if ch < '0' || ch > '9' {
			return 0, false
		}
		d := uint64(ch - '0')
		if v > (limit-d)/10 {
			return 0, false
		}
		v = v*10 + d
	}
	return v, true
}

// uriUnescape decodes %XX escapes as g_uri_unescape_string does: ok is false for a bad escape or
// an escaped NUL.
func uriUnescape(s []byte) ([]byte, bool) {
	i := 0
	for i < len(s) && s[i] != '%' {
		i++
	}
	if i == len(s) {
		return s, true
	}
	out := append(make([]byte, 0, len(s)), s[:i]...)
	for ; i < len(s); i++ {
		if s[i] != '%' {
			out = append(out, s[i])
			continue
		}
		if i+2 >= len(s) {
			return nil, false
		}
		hi, lo := unhex(s[i+1]), unhex(s[i+2])
		if hi < 0 || lo < 0 || hi == 0 && lo == 0 {
			return nil, false
		}
		out = append(out, byte(hi<<4|lo))
		i += 2
	}
	return out, true
}

func unhex(ch byte) int {
	switch {
	case ch >= '0' && ch <= '9':
		return int(ch - '0')
	case ch >= 'a' && ch <= 'f':
		return int(ch-'a') + 10
	case ch >= 'A' && ch <= 'F':
		return int(ch-'A') + 10
	}
	return -1
}

// The RFC 3986 delimiters Wireshark's HTTP splits a path at (its sub-delimiters leave out '=').
const (
	uriGenDelims = ":?#[]@"
	uriSubDelims = "!$&'()*+,;"
)

func indexAnyIn(b []byte, from, n int, set string) int {
	end := min(from+n, len(b))
	for i := max(from, 0); i < end; i++ {
		for j := 0; j < len(set); j++ {
			if b[i] == set[j] {
				return i
			}
		}
	}
	return -1
}

// pathComponents adds the path's segments and sub-segments under item (Wireshark's
// http_add_path_components_to_tree, its loop included).
func (f *h2Ctx) pathComponents(item int32, t Tvb, off, length int) {
	c := f.c
	end := off + length
	gen := indexAnyIn(t.B, off, length, uriGenDelims)
	if gen < 0 {
		return
	}
	compLen := gen - off
	for end > off {
		next := indexAnyIn(t.B, gen+1, length-compLen, uriGenDelims)
		subEnd := end
		if next >= 0 {
			subEnd = next - 1
		}
		if !t.Has(off, compLen) {
			return
		}
		c.addASCII(item, hfHTTPPathSegment, t, off, compLen)
		off += compLen + 1
		for subEnd > off {
			d := indexAnyIn(t.B, off, subEnd-off, uriSubDelims)
			if d < 0 {
				c.addASCII(item, hfHTTPPathSubSegment, t, off, subEnd-off)
				off = subEnd
			} else {
				c.addASCII(item, hfHTTPPathSubSegment, t, off, d-off)
				off = d + 1
			}
		}
	}
}

func (f *h2Ctx) inHeaderContext() bool {
	ow := f.oneway()
	k := f.key.order()
	return k >= ow.headerStart && (ow.headerEnd == 0 || k <= ow.headerEnd)
}

// track remembers what a header says about the stream's body (populate_http_header_tracking).
func (f *h2Ctx) track(name string, value []byte) {
	ow := f.oneway()
	switch name {
	case "content-encoding":
		if ow.cenc == "" {
			ow.cenc = string(value)
		}
	case ":status":
		if string(value) == "206" {
			ow.partial = true
		}
	case "transfer-encoding":
		ow.transferEncoded = true
	case "content-type":
		if ow.ctype == "" {
			ct, params := splitContentType(value)
			ow.ctype, ow.cparams = ct, params
			_, f.strm.stream = streamingTypes[ct]
			if _, ok := mediaTypes[ct]; ok {
				f.st.streamHandles[f.sid] = ct
			}
		}
	}
	if name == ":status" || name == ":method" || name == "<unknown>" {
		if ow.dataInitiated == 0 {
			ow.dataInitiated = f.key.order()
		}
	}
	if name == ":method" && string(value) == "CONNECT" {
		f.strm.connect = true
	}
}

// splitContentType returns the lower-case media type of a Content-Type value and its parameters.
func splitContentType(v []byte) (string, string) {
	i := 0
	for i < len(v) && v[i] != ';' && !isSpace(v[i]) {
		i++
	}
	mt := make([]byte, i)
	for j := 0; j < i; j++ {
		ch := v[j]
		if 'A' <= ch && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		mt[j] = ch
	}
	for i < len(v) && (v[i] == ';' || isSpace(v[i])) {
		i++
	}
	return string(mt), string(v[i:])
}

// headerValue returns the first value of a header of this stream's direction (the other one with
// other), as http2_get_header_value finds it.
func (f *h2Ctx) headerValue(name string, other bool) (string, bool) {
	if f.strm == nil {
		return "", false
	}
	ow := &f.strm.dir[f.dir]
	if other {
		ow = &f.strm.dir[f.dir^1]
	}
	for _, b := range ow.hdrs {
		for _, h := range b.hdrs {
			if h.repr != hpackSizeUpdate && string(h.name) == name {
				return string(h.value), true
			}
		}
	}
	return "", false
}

// ---- DATA ----

func (f *h2Ctx) data(o int) {
	c, t := f.c, f.t
	o, pad := h2Padding(c, f.s, t, o, f.flags)
	n := t.Len() - o - pad
	if n < 0 {
		panic(boundsError{})
	}
	switch {
	case f.strm != nil && f.strm.stream:
		f.streaming(o, n)
	default:
		f.body(o, n)
	}
	if pad > 0 {
		c.AddBytes(f.s, hfH2DataPadding, t, o+n, pad)
	}
}

// body collects a DATA frame's payload toward the body it ends at END_STREAM
// (reassemble_http2_data_into_full_frame) and dissects that body when this frame completes it.
func (f *h2Ctx) body(o, n int) {
	c, t := f.c, f.t
	ow := f.oneway()
	ok := ow != nil && ow.dataInitiated != 0 && !ow.transferEncoded && !f.strm.connect
	end := f.flags&h2FlagEndStream != 0
	if ok {
		if end {
			last := t.SubLen(o, n)
			if b := f.completeBody(&last); b != nil {
				f.fullBody(b, t.SubLen(o, n))
				return
			}
		} else {
			if c.Pass1 {
				ow.body = append(ow.body, t.B[o:o+n]...)
				ow.frags = append(ow.frags, pduSeg{c.Frame.Number, uint32(n)})
				if !c.State.onePass {
					ow.waiting = append(ow.waiting, f.key)
				}
			} else if r := f.st.recs[f.key]; r != nil && r.bodyIn != 0 {
				c.AddUintV(f.s, hfH2BodyIn, t, 0, 0, uint64(r.bodyIn)) // not marked generated in Wireshark either
			}
		}
	}
	if !end && (f.strm == nil || !f.strm.connect) {
		f.it.add(" (partial entity body)")
	}
	if ow != nil && ow.transferEncoded {
		f.it.add(" (transfer-encoded body)")
	}
	if f.strm != nil && f.strm.connect {
		f.it.add(" (tunneled data)")
	}
	c.AddBytes(f.s, hfH2Data, t, o, n)
}

// completeBody ends the direction's body with last (a DATA frame's payload, or nothing for the
// trailing HEADERS); it returns the body, or nil when there is none.
func (f *h2Ctx) completeBody(last *Tvb) *h2Body {
	c := f.c
	if !c.Pass1 {
		if r := f.st.recs[f.key]; r != nil {
			return r.body
		}
		return nil
	}
	ow := f.oneway()
	if ow == nil {
		return nil
	}
	if len(ow.frags) == 0 && (last == nil || last.Len() == 0) {
		return nil // nothing to end (fragment_end_seq_next finds no fragments)
	}
	b := &h2Body{data: ow.body, frags: ow.frags}
	if last != nil && (last.Len() > 0 || len(ow.frags) == 0) {
		b.data = append(b.data, last.B...)
		b.frags = append(b.frags, pduSeg{c.Frame.Number, uint32(last.Len())})
	}
	if r := f.st.rec(c, f.key); r != nil {
		r.body = b
	}
	for _, k := range ow.waiting {
		if r := f.st.recs[k]; r != nil {
			r.bodyIn = c.Frame.Number
		}
	}
	ow.body, ow.frags, ow.waiting = nil, nil, nil
	return b
}

// fullBody shows a complete body: its fragments, its decompression, and its media type's dissector
// (dissect_http2_data_full_body). here is the frame's own payload, used when the body is only that.
func (f *h2Ctx) fullBody(b *h2Body, here Tvb) {
	c := f.c
	var bt Tvb
	if len(b.frags) > 1 {
		src := uint8(len(c.T.Sources))
		c.T.Sources = append(c.T.Sources, field.Source{Name: "Reassembled body", Bytes: b.data})
		bt = Tvb{B: b.data, Src: src}
		f.fragTree(f.s, bt, b.frags)
	} else {
		bt = here
		if len(b.frags) == 1 && here.Len() != len(b.data) {
			bt = Tvb{B: b.data} // a body completed by a trailing HEADERS frame
		}
	}
	ow := f.oneway()
	tree := f.s
	if ow != nil && !ow.partial && (hasPrefix(ow.cenc, "gzip") || hasPrefix(ow.cenc, "deflate") || hasPrefix(ow.cenc, "br")) {
		e := c.AddText(f.s, bt, 0, bt.Len(), "")
		var plain []byte
		if hasPrefix(ow.cenc, "br") {
			plain = brotliBody(bt.B)
		} else {
			plain = inflateBody(bt.B)
		}
		if plain != nil {
			c.Label(e, "Content-encoded entity body (%s): %d bytes -> %d bytes", ow.cenc, bt.Len(), len(plain))
			src := uint8(len(c.T.Sources))
			c.T.Sources = append(c.T.Sources, field.Source{Name: "Uncompressed entity body", Bytes: plain})
			f.bodyData(e, f.s, Tvb{B: plain, Src: src})
			return
		}
		c.Label(e, "Content-encoded entity body (%s): %d bytes", ow.cenc, bt.Len())
		c.ExpertItem(e, eiH2BodyInflate, bt, 0, bt.Len(), "")
		tree = e
		f.bodyData(tree, f.s, bt)
		return
	}
	f.bodyData(tree, f.p, bt)
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// fragTree adds "[N Body fragments (L bytes): #15(4096), ...]" with its items over the
// reassembled body bt.
func (f *h2Ctx) fragTree(parent int32, bt Tvb, frags []pduSeg) {
	c := f.c
	top := c.segmentsTree(parent, hfH2BodyFragments, hfH2BodyFragment, "Body fragments", bt, frags)
	c.AddGenerated(top, hfH2BodyFragCount, bt, 0, 0, field.Value{U: uint64(len(frags))})
	c.AddGenerated(top, hfH2BodyLength, bt, 0, 0, field.Value{U: uint64(bt.Len())})
	c.AddGenerated(top, hfH2BodyData, bt, 0, bt.Len(), field.Value{B: bt.B})
}

// bodyData adds the Data item under tree and hands the body to its media type's dissector under
// mediaParent (dissect_body_data).
func (f *h2Ctx) bodyData(tree, mediaParent int32, bt Tvb) {
	c := f.c
	c.AddBytes(tree, hfH2Data, bt, 0, bt.Len())
	ow := f.oneway()
	if ow == nil {
		return
	}
	prevH2 := c.h2
	c.h2 = f
	defer func() { c.h2 = prevH2 }()
	if ow.ctype != "" {
		c.tryMediaType(ow.ctype, ow.cparams, bt, mediaParent)
		return
	}
	if mt, ok := f.st.streamHandles[f.sid]; ok {
		c.tryMediaType(mt, ow.cparams, bt, mediaParent)
	}
}

// ---- streaming mode ----

// streaming cuts a DATA frame's payload of a streaming content type into its sub-dissector's
// messages, holding the parts of a message that continues in later DATA frames
// (reassemble_http2_data_according_to_subdissector).
func (f *h2Ctx) streaming(o, n int) {
	c, t := f.c, f.t
	ow := f.oneway()
	sd := streamingTypes[ow.ctype]
	dataItem := c.AddBytes(f.s, hfH2Data, t, o, n)
	c.Label(dataItem, "DATA payload (%d byte%s)", n, plural(n))
	var rec *h2StreamRec
	if c.Pass1 {
		rec = &h2StreamRec{}
		if r := f.st.rec(c, f.key); r != nil {
			r.sdata = rec
		}
	} else if r := f.st.recs[f.key]; r != nil && r.sdata != nil {
		rec = r.sdata
	} else {
		return
	}
	off, length := o, n
	// Part 1: the end (or the middle) of a message begun in an earlier DATA frame.
	if c.Pass1 && ow.prevDeseg > 0 && ow.msp != nil {
		m := ow.msp
		for ow.prevDeseg > 0 && length > 0 {
			k := min(ow.prevDeseg, length)
			ow.prevDeseg -= k
			m.data = append(m.data, t.B[off:off+k]...)
			m.frags = append(m.frags, pduSeg{c.Frame.Number, uint32(k)})
			rec.prev += k
			off += k
			length -= k
			if ow.prevDeseg > 0 {
				if !c.State.onePass {
					m.waiting = append(m.waiting, f.key)
				}
				break
			}
			// What the header told may be all it needs: the message itself may need more.
			if _, need := sd.msgs(m.data); need > 0 {
				ow.prevDeseg = need
				continue
			}
			rec.prevDone = &h2Body{data: m.data, frags: m.frags}
			rec.prevIn = c.Frame.Number
			for _, wk := range m.waiting {
				if r := f.st.recs[wk]; r != nil && r.sdata != nil {
					if r.sdata.rest > 0 && r.sdata.restIn == 0 {
						r.sdata.restIn = c.Frame.Number
					} else {
						r.sdata.prevIn = c.Frame.Number
					}
				}
			}
			ow.msp = nil
		}
	}
	if rec.prev > 0 {
		if rec.prevIn != 0 && (rec.prevDone != nil || !c.Pass1) {
			c.generated(c.AddUintV(f.s, hfH2BodyIn, t, o, rec.prev, uint64(rec.prevIn)))
		}
		seg := c.AddBytes(f.s, hfH2DataSegment, t, o, rec.prev)
		c.Label(seg, "DATA segment data (%d byte%s)", rec.prev, plural(rec.prev))
		if b := rec.prevDone; b != nil {
			src := uint8(len(c.T.Sources))
			c.T.Sources = append(c.T.Sources, field.Source{Name: "Reassembled HTTP2 streaming body", Bytes: b.data})
			bt := Tvb{B: b.data, Src: src}
			if len(b.frags) > 1 {
				f.fragTree(f.p, bt, b.frags)
			}
			f.callStreaming(sd, bt, ow)
		}
		off, length = o+rec.prev, n-rec.prev
	}
	// Part 2: whole messages; part 3: the start of one that continues in later DATA frames.
	if c.Pass1 && length > 0 {
		used, need := sd.msgs(t.B[off : off+length])
		if need > 0 {
			rec.middle, rec.rest = used, length-used
			ow.prevDeseg = need
		} else {
			rec.middle = length
		}
	}
	if rec.middle > 0 {
		f.callStreaming(sd, t.SubLen(off, rec.middle), ow)
		off += rec.middle
	}
	if rec.rest > 0 {
		c.AppendInfoSep(" ", "[HTTP2 segment of a reassembled PDU]")
		if c.Pass1 {
			m := &h2MSP{data: append([]byte(nil), t.B[off:off+rec.rest]...), frags: []pduSeg{{c.Frame.Number, uint32(rec.rest)}}}
			if !c.State.onePass {
				m.waiting = []h2Key{f.key}
			}
			ow.msp = m
		}
		if rec.restIn != 0 {
			c.generated(c.AddUintV(f.s, hfH2BodyIn, t, off, rec.rest, uint64(rec.restIn)))
		}
		seg := c.AddBytes(f.s, hfH2DataSegment, t, off, rec.rest)
		c.Label(seg, "DATA segment data (%d byte%s)", rec.rest, plural(rec.rest))
	}
	if f.flags&h2FlagEndStream != 0 && ow.prevDeseg > 0 {
		c.ExpertItem(f.s, eiH2ReassemblyErr, t, o, n, "Reassembling HTTP2 body for subdissector failed, "+strconv.Itoa(ow.prevDeseg)+" bytes are missing before END_STREAM.")
	}
}

// callStreaming hands whole messages to the streaming dissector, as the media type it is.
func (f *h2Ctx) callStreaming(sd *streamingDissector, t Tvb, ow *h2Oneway) {
	c := f.c
	prevMT, prevH2 := c.mediaType, c.h2
	c.mediaType, c.h2 = ow.ctype, f
	defer func() { c.mediaType, c.h2 = prevMT, prevH2 }()
	sd.fn(c, t, f.p)
}
