package dissect

import (
	"bytes"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// MIME multipart bodies (RFC 2046) as Wireshark 4.0's packet-multipart.c shows them: the preamble,
// each boundary, each part with its headers and its body handed to the part's media type, and the
// trailer.

var (
	protoMultipart = Fields.Protocol("mime_multipart", "MIME Multipart Media Encapsulation")
	hfMPType       = Fields.Add(protoMultipart, "mime_multipart.type", "Type", field.String, field.WithBlurb("MIME multipart encapsulation type"))
	hfMPPart       = Fields.Add(protoMultipart, "mime_multipart.part", "Encapsulated multipart part", field.String)
	hfMPFirst      = Fields.Add(protoMultipart, "mime_multipart.first_boundary", "First boundary", field.String)
	hfMPPreamble   = Fields.Add(protoMultipart, "mime_multipart.preamble", "Preamble", field.Bytes)
	hfMPLast       = Fields.Add(protoMultipart, "mime_multipart.last_boundary", "Last boundary", field.String)
	hfMPBoundary   = Fields.Add(protoMultipart, "mime_multipart.boundary", "Boundary", field.String)
	hfMPTrailer    = Fields.Add(protoMultipart, "mime_multipart.trailer", "Trailer", field.Bytes)
	eiMPNoParam    = RegisterExpert(protoMultipart, "mime_multipart.no_required_parameter", "The multipart dissector could not find a required parameter.", GroupProtocol, SevError)

	handleMultipart = &Handle{Name: "mime_multipart", Fn: dissectMultipart}
)

// mpHeaders are the part headers with a field of their own, by lower-case name.
var mpHeaders = map[string]field.ID{}

func init() {
	RegisterShortName(protoMultipart, "MIME multipart")
	for _, h := range []struct{ name, abbrev, label, blurb string }{
		{"content-description", "content-description", "Content-Description", "Content-Description Header"},
		{"content-disposition", "content-disposition", "Content-Disposition", "RFC 2183: Content-Disposition Header"},
		{"content-encoding", "content-encoding", "Content-Encoding", "Content-Encoding Header"},
		{"content-id", "content-id", "Content-Id", "RFC 2045: Content-Id Header"},
		{"content-language", "content-language", "Content-Language", "Content-Language Header"},
		{"content-length", "content-length", "Content-Length", "Content-Length Header"},
		{"content-transfer-encoding", "content-transfer-encoding", "Content-Transfer-Encoding", "RFC 2045: Content-Transfer-Encoding Header"},
		{"content-type", "content-type", "Content-Type", "Content-Type Header"},
		{"originalcontent", "originalcontent", "OriginalContent", "Original Content-Type Header"},
	} {
		mpHeaders[h.name] = Fields.Add(protoMultipart, "mime_multipart.header."+h.abbrev, h.label, field.String, field.WithBlurb(h.blurb))
	}
	for _, mt := range []string{"multipart/", "multipart/mixed", "multipart/related", "multipart/alternative",
		"multipart/form-data", "multipart/report", "multipart/signed", "multipart/encrypted", "multipart/byteranges"} {
		AddMediaType(mt, handleMultipart)
	}
}

// mediaParam returns parameter name of a Content-Type's parameters ("boundary"), unquoted.
func mediaParam(params, name string) (string, bool) {
	for params != "" {
		var p string
		p, params = cutParam(params)
		k, v, ok := strings.Cut(p, "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), name) {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && v[0] == '"' {
			if e := strings.IndexByte(v[1:], '"'); e >= 0 {
				return v[1 : 1+e], true
			}
			return v[1:], true
		}
		return v, true
	}
	return "", false
}

// cutParam splits the first ';'-separated parameter off, a quoted ';' staying inside it.
func cutParam(s string) (string, string) {
	q := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			q = !q
		case ';':
			if !q {
				return s[:i], s[i+1:]
			}
		}
	}
	return s, ""
}

func dissectMultipart(c *Ctx, t Tvb, parent int32) {
	mt := c.mediaType
	boundary, ok := mediaParam(c.mediaParams, "boundary")
	p := c.AddProto(parent, protoMultipart, t, 0, -1)
	if !ok || boundary == "" {
		c.Expert(p, eiMPNoParam, t, 0, 0, "The multipart dissector could not find the 'boundary' parameter.")
		c.CallData(t, p)
		return
	}
	if c.Visible() {
		c.Label(p, "MIME Multipart Media Encapsulation, Type: %s, Boundary: \"%s\"", mt, boundary)
	}
	c.AddGenerated(p, hfMPType, t, 0, 0, field.Value{B: []byte(mt)})
	delim := "--" + boundary
	start, lineLen, last := mpFirstBoundary(t.B, delim)
	if start < 0 {
		c.CallData(t, p)
		return
	}
	if start > 0 {
		c.AddBytes(p, hfMPPreamble, t, 0, start)
	}
	c.addASCII(p, hfMPFirst, t, start, lineLen)
	off := start + lineLen
	for !last && off < t.Len() {
		off, last = mpPart(c, t, p, off, delim)
	}
	if off < t.Len() {
		c.AddBytes(p, hfMPTrailer, t, off, t.Len()-off)
	}
}

// mpFirstBoundary finds the first boundary line ("--boundary" at the start of a line) and returns
// its offset, its length up to its line end and whether it closes the body.
func mpFirstBoundary(b []byte, delim string) (int, int, bool) {
	for from := 0; from < len(b); {
		i := bytes.Index(b[from:], []byte(delim))
		if i < 0 {
			return -1, 0, false
		}
		i += from
		if i == 0 || b[i-1] == '\n' {
			n, last := mpBoundaryLine(b, i+len(delim))
			return i, n - i, last
		}
		from = i + 1
	}
	return -1, 0, false
}

// mpNextBoundary finds the CRLF-preceded boundary at or after from: its offset (at the CR) and the
// length of its line, or -1.
func mpNextBoundary(b []byte, from int, delim string) (int, int, bool) {
	for from < len(b) {
		i := bytes.Index(b[from:], []byte(delim))
		if i < 0 {
			return -1, 0, false
		}
		i += from
		s := i
		if s >= 2 && b[s-2] == '\r' && b[s-1] == '\n' {
			s -= 2
		} else if s >= 1 && b[s-1] == '\n' {
			s--
		} else if s != from {
			from = i + 1
			continue
		}
		n, last := mpBoundaryLine(b, i+len(delim))
		return s, n - s, last
	}
	return -1, 0, false
}

// mpBoundaryLine returns the end of a boundary line whose delimiter ends at o (after "--" closing
// it and any transport padding) and whether it is the closing one.
func mpBoundaryLine(b []byte, o int) (int, bool) {
	last := false
	if o+1 < len(b) && b[o] == '-' && b[o+1] == '-' {
		last = true
		o += 2
	}
	_, next, _ := findLineEnd(b, o)
	return next, last
}

// mpPart dissects the body part at off up to the next boundary and that boundary; it returns the
// offset after the boundary and whether it was the last.
func mpPart(c *Ctx, t Tvb, p int32, off int, delim string) (int, bool) {
	b := t.B
	bstart, blen, last := mpNextBoundary(b, off, delim)
	end := bstart
	if bstart < 0 {
		end, last = len(b), true
	}
	part := c.AddBytesV(p, hfMPPart, t, off, end-off, nil)
	// headers, up to the empty line (the last header's item covers it)
	o := off
	var ctype, cparams string
	for o < end {
		ll, next, _ := findLineEnd(b[:end], o)
		if ll == 0 {
			o = next
			break
		}
		// folded continuation lines belong to the header
		for next < end && (b[next] == ' ' || b[next] == '\t') {
			_, n2, _ := findLineEnd(b[:end], next)
			next = n2
		}
		hdrEnd := next
		if e, n2, _ := findLineEnd(b[:end], next); e == 0 && next < end {
			hdrEnd = n2 // the empty line ends the headers
		}
		line := b[o:next]
		name, value, ok := bytes.Cut(line, []byte(":"))
		lname := strings.ToLower(strings.TrimSpace(string(name)))
		if hf, known := mpHeaders[lname]; ok && known {
			v := compactHeader(value)
			n := c.AddBytesV(part, hf, t, o, hdrEnd-o, []byte(v))
			if c.Visible() {
				c.T.SetLabel(n, string(b[o:hdrEnd]))
			}
			if lname == "content-type" {
				ct, params, _ := strings.Cut(v, ";")
				ctype, cparams = strings.ToLower(ct), params
			}
		} else {
			c.AddText(part, t, o, hdrEnd-o, string(b[o:hdrEnd]))
		}
		o = hdrEnd
		if hdrEnd != next {
			break
		}
	}
	body := t.SubLen(min(o, end), end-min(o, end))
	if ctype != "" {
		if c.Visible() {
			c.T.SetLabel(part, "Encapsulated multipart part:  ("+ctype+")")
		}
		if !c.tryMediaType(ctype, cparams, body, part) {
			c.callMedia(handleMedia, ctype, cparams, body, part)
		}
	} else if body.Len() > 0 {
		c.CallData(body, part)
	}
	if bstart < 0 {
		return len(b), true
	}
	hf := hfMPBoundary
	if last {
		hf = hfMPLast
	}
	c.addASCII(p, hf, t, bstart, blen)
	return bstart + blen, last
}

// compactHeader returns a header value without its white space outside quotes and without line
// folding (Wireshark's unfold_and_compact_mime_header).
func compactHeader(v []byte) string {
	out := make([]byte, 0, len(v))
	q := false
	for _, ch := range v {
		switch {
		case ch == '"':
			q = !q
			out = append(out, ch)
		case ch == '\r' || ch == '\n':
		case (ch == ' ' || ch == '\t') && !q:
		default:
			out = append(out, ch)
		}
	}
	return string(out)
}
