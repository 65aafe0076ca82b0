package dissect

import "bytes"

// HTTP messages that span TCP segments are reassembled by TCP (reassembly.go), as Wireshark's HTTP
// does with http.desegment_headers and http.desegment_body: httpPDULen tells TCP how long the message
// starting at a segment's data is, from its headers, Content-Length or chunked body.

func init() { RegisterPDU(handleHTTP, httpPDULen) }

// httpPDULen returns the length of the HTTP message at t.B[0], NeedMore when its headers or chunked
// body are not complete yet, or 0 when t does not start a message (a body continuation) or the
// message's end is only known when the connection closes.
func httpPDULen(c *Ctx, t Tvb) int {
	b := t.B
	ll, next, ok := findLineEnd(b, 0)
	if !ok {
		return NeedMore // Wireshark asks for more before it looks at an unfinished first line
	}
	line := b[:ll]
	typ := httpLineType(line)
	if typ != httpRequest && typ != httpResponse {
		return 0
	}
	if c.Cols.On && !c.Cols.readonly { // HTTP puts the first line in Info before it asks for more
		c.SetProtocol("HTTP")
		c.SetInfo(string(line) + " ")
	}
	// Headers, to the empty line.
	contentLen, chunked, haveLen := int64(0), false, false
	off := next
	for {
		ll, nx, ok := findLineEnd(b, off)
		if !ok {
			return NeedMore
		}
		if ll == 0 {
			off = nx
			break
		}
		h := b[off : off+ll]
		if colon := bytes.IndexByte(h, ':'); colon > 0 {
			name := bytes.TrimSpace(h[:colon])
			val := bytes.TrimSpace(h[colon+1:])
			switch {
			case bytes.EqualFold(name, []byte("Content-Length")):
				if n, ok := parseContentLength(val); ok && n >= 0 {
					contentLen, haveLen = n, true
				}
			case bytes.EqualFold(name, []byte("Transfer-Encoding")):
				chunked = bytes.Contains(bytes.ToLower(val), []byte("chunked"))
			}
		}
		off = nx
	}
	switch {
	case chunked:
		return httpChunkedEnd(b, off)
	case haveLen:
		if contentLen > 1<<31 {
			return 0
		}
		return off + int(contentLen)
	case typ == httpResponse:
		if len(line) >= 12 {
			if code := string(line[9:12]); code[0] == '1' || code == "204" || code == "304" {
				return off // no body
			}
		}
		return UntilFIN // the body ends when the server closes the connection
	}
	return off
}

// httpChunkedEnd returns the end of a chunked body starting at off (trailers included), or NeedMore.
func httpChunkedEnd(b []byte, off int) int {
	for {
		ll, nx, ok := findLineEnd(b, off)
		if !ok {
			return NeedMore
		}
		size := parseHexPrefix(bytes.TrimSpace(b[off : off+ll]))
		off = nx
		if size == 0 {
			for { // trailers, to the empty line
				ll, nx, ok := findLineEnd(b, off)
				if !ok {
					return NeedMore
				}
				off = nx
				if ll == 0 {
					return off
				}
			}
		}
		if size > 1<<31 {
			return 0
		}
		off += int(size)
		if off > len(b) {
			return NeedMore
		}
		_, nx, ok = findLineEnd(b, off)
		if !ok {
			return NeedMore
		}
		off = nx
	}
}
