package dissect

import (
	"encoding/binary"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// gRPC length-prefixed messages (Wireshark 4.0's packet-grpc.c) in HTTP/2 DATA frames, which
// HTTP/2 cuts into whole messages as they arrive (streaming mode). A message's body goes to the
// "grpc_message_type" table: by "content-type,path,direction", then by content type (protobuf,
// JSON).

var (
	protoGRPC         = Fields.Protocol("grpc", "GRPC Message")
	hfGRPCFrameType   = Fields.Add(protoGRPC, "grpc.frame_type", "Frame Type", field.Uint8, field.WithMask(0x80), field.WithStrings(map[uint64]string{0: "Data", 1: "Trailer"}), field.WithBlurb("The frame type of this grpc message (GRPC-WEB extension)"))
	hfGRPCCompressed  = Fields.Add(protoGRPC, "grpc.compressed_flag", "Compressed Flag", field.Uint8, field.WithMask(0x01), field.WithStrings(map[uint64]string{0: "Not Compressed", 1: "Compressed"}), field.WithBlurb("Compressed-Flag value of 1 indicates that the binary octet sequence of Message is compressed"))
	hfGRPCMessageLen  = Fields.Add(protoGRPC, "grpc.message_length", "Message Length", field.Uint32, field.WithBlurb("The length (32 bits) of message payload (not include itself)"))
	hfGRPCMessageData = Fields.Add(protoGRPC, "grpc.message_data", "Message Data", field.Bytes)

	eiGRPCInflate   = RegisterExpert(protoGRPC, "grpc.body_decompression_failed", "Body decompression failed", GroupUndecoded, SevWarn)
	eiGRPCMalformed = RegisterExpert(protoGRPC, "grpc.body_malformed", "Malformed message data", GroupUndecoded, SevWarn)

	handleGRPC = &Handle{Name: "grpc", Fn: dissectGRPC}
)

// grpcMessageTypes is Wireshark's "grpc_message_type" table.
var grpcMessageTypes = map[string]*Handle{}

func init() {
	RegisterShortName(protoGRPC, "GRPC")
	sd := &streamingDissector{msgs: grpcMessages, fn: grpcStreamed}
	for _, ct := range []string{"application/grpc", "application/grpc+proto", "application/grpc+json",
		"application/grpc-web", "application/grpc-web+proto", "application/grpc-web-text", "application/grpc-web-text+proto"} {
		streamingTypes[ct] = sd
		AddMediaType(ct, handleGRPC)
	}
	grpcMessageTypes["application/grpc+json"] = handleJSON
}

// grpcMessages returns how many bytes of whole messages b starts with and how many more bytes the
// next one needs.
func grpcMessages(b []byte) (used, need int) {
	for used < len(b) {
		rest := len(b) - used
		if rest < 5 {
			return used, 5 - rest
		}
		l := int64(binary.BigEndian.Uint32(b[used+1:]))
		if int64(rest) < 5+l {
			return used, int(5 + l - int64(rest))
		}
		used += 5 + int(l)
	}
	return used, 0
}

// grpcStreamed dissects whole messages HTTP/2 hands over.
func grpcStreamed(c *Ctx, t Tvb, parent int32) {
	c.PushLayer("grpc")
	grpcDissect(c, t, parent)
}

// dissectGRPC is gRPC as a media type (a body HTTP/2 reassembled at END_STREAM).
func dissectGRPC(c *Ctx, t Tvb, parent int32) { grpcDissect(c, t, parent) }

// grpcCtx is what gRPC knows of the message it dissects.
type grpcCtx struct {
	request  bool
	path     string
	havePath bool
	ctype    string
	encoding string
}

func grpcDissect(c *Ctx, t Tvb, parent int32) {
	var g grpcCtx
	name := "GRPC"
	if strings.HasPrefix(c.mediaType, "application/grpc-web-text") {
		name = "GRPC-Web-Text"
	} else if strings.HasPrefix(c.mediaType, "application/grpc-web") {
		name = "GRPC-Web"
	}
	if f := c.h2; f != nil {
		g.path, g.havePath = f.headerValue(":path", false)
		g.request = g.havePath
		if !g.havePath {
			g.path, g.havePath = f.headerValue(":path", true)
		}
		g.ctype, _ = f.headerValue("content-type", false)
		g.encoding, _ = f.headerValue("grpc-encoding", false)
	}
	// gRPC's tree goes beside the protocol that carries it, not under it.
	if parent > 0 {
		parent = c.T.Nodes[parent].Parent
	}
	for off := 0; off < t.Len(); {
		rest := t.Len() - off
		if rest < 5 {
			c.ExpertItem(parent, eiGRPCMalformed, t, off, rest, "GRPC Malformed message data: only "+strconv.Itoa(rest)+" bytes left, need at least 5 bytes.")
			return
		}
		l := int(t.U32(off + 1))
		if rest-5 < l {
			c.ExpertItem(parent, eiGRPCMalformed, t, off, rest, "GRPC Malformed message data: only "+strconv.Itoa(rest)+" bytes left, need at least "+strconv.Itoa(5+l)+" bytes.")
			return
		}
		if off == 0 {
			c.SetProtocol(name)
			c.AppendInfo(" (" + name + ")")
			c.Cols.protoFixed = c.Cols.On && !c.Cols.readonly
		}
		m := c.AddProto(parent, protoGRPC, t, off, 5+l)
		if c.Visible() {
			label := name + " Message"
			if g.havePath {
				dir := "Response"
				if g.request {
					dir = "Request"
				}
				label += ": " + g.path + ", " + dir
			}
			if t.B[off]&0x80 != 0 {
				label += " (Trailer)"
			}
			c.T.SetLabel(m, label)
		}
		grpcMessage(c, t, m, parent, off, l, &g)
		off += 5 + l
	}
}

// grpcMessage dissects the message at t[off:] of l bytes under m; top is where its body's
// dissector goes (beside gRPC).
func grpcMessage(c *Ctx, t Tvb, m, top int32, off, l int, g *grpcCtx) {
	_, frameType := c.AddUint(m, hfGRPCFrameType, t, off, 1)
	_, compressed := c.AddUint(m, hfGRPCCompressed, t, off, 1)
	c.AddUint(m, hfGRPCMessageLen, t, off+1, 4)
	if l == 0 {
		return
	}
	body := t.SubLen(off+5, l)
	if compressed == 1 {
		if g.encoding == "gzip" || g.encoding == "deflate" {
			e := c.AddText(m, body, 0, l, "")
			plain := inflateBody(body.B)
			if plain != nil {
				c.Label(e, "Message-encoded entity body (%s): %d bytes -> %d bytes", g.encoding, l, len(plain))
				src := uint8(len(c.T.Sources))
				c.T.Sources = append(c.T.Sources, field.Source{Name: "Uncompressed entity body", Bytes: plain})
				grpcBody(c, m, top, Tvb{B: plain, Src: src}, true, frameType, g)
				return
			}
			c.Label(e, "Message-encoded entity body (%s): %d bytes", g.encoding, l)
			c.ExpertItem(e, eiGRPCInflate, body, 0, l, "")
		}
		grpcBody(c, m, top, body, false, frameType, g)
		return
	}
	grpcBody(c, m, top, body, true, frameType, g)
}

// grpcBody adds the message data and hands it on (dissect_body_data).
func grpcBody(c *Ctx, m, top int32, body Tvb, more bool, frameType uint64, g *grpcCtx) {
	n := c.AddBytes(m, hfGRPCMessageData, body, 0, body.Len())
	c.Label(n, "Message Data: %d bytes", body.Len())
	if frameType == 1 {
		c.Call(handleTextLines, body, m)
		return
	}
	if !more || g.ctype == "" || !g.havePath {
		return
	}
	ct := g.ctype
	if body.Len() > 3 && body.B[0] == '{' {
		e := body.B[body.Len()-3:]
		if e[2] == '}' || e[1] == '}' || e[0] == '}' {
			ct = "application/grpc+json"
		}
	}
	dir := "response"
	if g.request {
		dir = "request"
	}
	info := ct + "," + g.path + "," + dir
	h := grpcMessageTypes[info]
	if h == nil {
		h = grpcMessageTypes[ct]
	}
	if h == nil {
		return
	}
	// The message information goes to the message's dissector as its data (mediaParams).
	prevMT, prevParams := c.mediaType, c.mediaParams
	c.mediaType, c.mediaParams = ct, info
	defer func() { c.mediaType, c.mediaParams = prevMT, prevParams }()
	c.Call(h, body, top)
}
