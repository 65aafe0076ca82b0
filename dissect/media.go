package dissect

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"strings"

	"github.com/andybalholm/brotli"

	"github.com/tshark-tui/tshark-tui/field"
)

// Message bodies by media type (Wireshark's "media_type" dissector table) for HTTP, HTTP/2, IMF and
// multipart parts: the table, the generic line-based text and "media" dissectors, and content
// decoding (gzip, deflate, brotli).
//
// A media dissector learns its media type as Wireshark's pinfo->match_string (Ctx.mediaType) and
// the Content-Type parameters as the media_str of its data (Ctx.mediaParams), and puts the media
// type in the Info column itself ("(text/plain)").

var (
	protoTextLines  = Fields.Protocol("data-text-lines", "Line-based text data")
	handleTextLines = &Handle{Name: "data-text-lines", Fn: dissectTextLines}

	protoMedia  = Fields.Protocol("media", "Media Type")
	hfMediaType = Fields.Add(protoMedia, "media.type", "Media type", field.Bytes)
	handleMedia = &Handle{Name: "media", Fn: dissectMedia}

	// httpHeuristics is Wireshark's "http" heuristic list, tried on bodies no media type took.
	httpHeuristics = NewTable("http")
)

func init() {
	RegisterShortName(protoTextLines, "Line-based text data")
	RegisterShortName(protoMedia, "Media")
	for _, m := range []string{"text/html", "text/plain", "text/richtext", "text/enriched", "text/parameters",
		"text/css", "application/javascript", "application/x-javascript", "application/ecmascript",
		"text/javascript", "text/x-javascript", "text/ecmascript", "text/vnd.sun.j2me.app-descriptor",
		"application/vnd.poc.refer-to", "application/vnd.drm.message", "application/x-wms-logplaystats",
		"application/x-rtsp-udp-packetpair", "application/x-ns-proxy-autoconfig"} {
		AddMediaType(m, handleTextLines)
	}
	// tshark 4.0 shows an application/octet-stream body as data beside HTTP, not as a media type.
	AddMediaType("application/octet-stream", handleData)
}

// mediaTypes is Wireshark's "media_type" string dissector table: bodies by lower-case media type.
var mediaTypes = map[string]*Handle{}

// mediaAccept are the media dissectors that may refuse a body (return 0 in Wireshark), with the test
// they apply first.
var mediaAccept = map[*Handle]func(Tvb) bool{}

// AddMediaType registers h for message bodies of media type mt ("application/json"), the way
// dissectors register in Wireshark's "media_type" table. Call it during initialisation.
func AddMediaType(mt string, h *Handle) { mediaTypes[mt] = h }

// lookupMediaType returns the dissector of media type mt; an unknown multipart subtype goes to the
// multipart dissector, as HTTP asks the table for "multipart/".
func lookupMediaType(mt string) *Handle {
	if h := mediaTypes[mt]; h != nil {
		return h
	}
	if strings.HasPrefix(mt, "multipart/") {
		return mediaTypes["multipart/"]
	}
	return nil
}

// tryMediaType hands body to media type mt's dissector (dissector_try_string on "media_type") and
// reports whether one took it.
func (c *Ctx) tryMediaType(mt, params string, body Tvb, parent int32) bool {
	h := lookupMediaType(mt)
	if h == nil {
		return false
	}
	return c.callMedia(h, mt, params, body, parent)
}

// callMedia calls media dissector h on body with its media type and parameters; it reports false
// when h refuses the body.
func (c *Ctx) callMedia(h *Handle, mt, params string, body Tvb, parent int32) bool {
	if ok := mediaAccept[h]; ok != nil && !ok(body) {
		return false
	}
	prevMT, prevParams := c.mediaType, c.mediaParams
	c.mediaType, c.mediaParams = mt, params
	defer func() { c.mediaType, c.mediaParams = prevMT, prevParams }()
	c.Call(h, body, parent)
	return true
}

// dissectTextLines shows a text body line by line (Wireshark's "Line-based text data").
func dissectTextLines(c *Ctx, t Tvb, parent int32) { textLines(c, t, parent, c.mediaType) }

func textLines(c *Ctx, t Tvb, parent int32, mt string) {
	p := c.AddProto(parent, protoTextLines, t, 0, -1)
	if mt != "" {
		c.AppendInfoSep(" ", "("+mt+")")
	}
	if !c.Visible() {
		return
	}
	lines := 0
	for o := 0; o < t.Len(); lines++ {
		_, next, _ := findLineEnd(t.B, o)
		c.AddText(p, t, o, next-o, string(t.B[o:next]))
		o = next
	}
	name := "Line-based text data"
	if mt != "" {
		name += ": " + mt
	}
	c.Label(p, "%s (%d lines)", name, lines)
}

// dissectMedia shows a body of a media type nobody dissects (Wireshark's "media").
func dissectMedia(c *Ctx, t Tvb, parent int32) {
	mt := c.mediaType
	c.AppendInfo(" (" + mt + ")")
	if t.Len() == 0 {
		return
	}
	p := c.AddProto(parent, protoMedia, t, 0, -1)
	n := c.AddBytes(p, hfMediaType, t, 0, t.Len())
	if c.Visible() {
		s := "s"
		if t.Len() == 1 {
			s = ""
		}
		if c.mediaParams != "" {
			c.Label(n, "Media type: %s; %s (%d byte%s)", mt, c.mediaParams, t.Len(), s)
		} else {
			c.Label(n, "Media type: %s (%d byte%s)", mt, t.Len(), s)
		}
	}
}

// decodeContent decodes a body of content coding enc (gzip, deflate, br) as Wireshark's
// tvb_uncompress does, keeping what came out before an error; it returns nil when nothing could be
// decoded or the coding is not one it knows.
func decodeContent(enc string, b []byte) []byte {
	switch strings.ToLower(enc) {
	case "gzip", "deflate", "x-gzip", "x-deflate":
		return inflateBody(b)
	case "br":
		return brotliBody(b)
	}
	return nil
}

// inflateBody decompresses a gzip, zlib or raw deflate body as Wireshark's tvb_uncompress does,
// keeping what came out before an error (a body cut short by the segment still shows its start). It
// returns nil when nothing could be decompressed.
func inflateBody(b []byte) []byte {
	var r io.Reader
	var err error
	switch {
	case len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b:
		r, err = gzip.NewReader(bytes.NewReader(b))
	case len(b) >= 2 && (uint16(b[0])<<8|uint16(b[1]))%31 == 0 && b[0]&0x0f == 8:
		r, err = zlib.NewReader(bytes.NewReader(b))
	default:
		r = flate.NewReader(bytes.NewReader(b))
	}
	if err != nil {
		return nil
	}
	return readBounded(r)
}

// brotliBody decompresses a brotli body (tvb_child_uncompress_brotli), nil on failure.
func brotliBody(b []byte) []byte {
	return readBounded(brotli.NewReader(bytes.NewReader(b)))
}

// readBounded reads at most 64 MiB of decompressed data, keeping what came before an error.
func readBounded(r io.Reader) []byte {
	var out bytes.Buffer
	_, _ = io.Copy(&out, io.LimitReader(r, 64<<20))
	if out.Len() == 0 {
		return nil
	}
	return out.Bytes()
}
