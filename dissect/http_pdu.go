package dissect

import "bytes"

// HTTP messages that span TCP segments are reassembled by TCP (reassembly.go), as Wireshark's HTTP
// does with http.desegment_headers and http.desegment_body: httpPDULen tells TCP how long the message
// starting at a segment's data is, from its headers, Content-Length or chunked body.

func init() { RegisterPDU(handleHTTP, httpPDULen) }

// The steps of httpPDULen's parse, kept in PDUScan.Step between segments.
const (
	httpStepFirst     uint8 = iota // the request or status line
	httpStepHeaders                // header lines, to the empty line
	httpStepChunkSize              // a chunk-size line
	httpStepChunkEnd               // the line end after a chunk's data
	httpStepTrailers               // trailer lines after the last chunk, to the empty line
)

// What httpPDULen found, kept in PDUScan.Flag.
const (
	httpFlagResponse uint8 = 1 << iota
	httpFlagChunked
	httpFlagLength
)

// maxInfoLine bounds the first line httpPDULen copies into Info before asking for more: Wireshark's
// Info column holds 4095 bytes, and copying a longer line on every segment of a PDU would cost the
// square of its length.
const maxInfoLine = 4095

// httpPDULen returns the length of the HTTP message at t.B[0], NeedMore when its headers or chunked
// body are not complete yet, or 0 when t does not start a message (a body continuation) or the
// message's end is only known when the connection closes. It resumes from sc, so a message whose
// headers arrive one line a segment costs linear work.
func httpPDULen(c *Ctx, t Tvb, sc *PDUScan) int {
	b := t.B
	if h2Active(c) {
		return http2PDULen(c, t, sc)
	}
	if sc.Step == httpStepFirst && len(b) > 0 && b[0] == 'P' {
		if hasH2Magic(b) { // HTTP/2 by prior knowledge: the connection is HTTP/2 from here on
			h2Start(c, false)
			return len(h2Magic)
		}
		if len(b) < len(h2Magic) && string(h2Magic[:len(b)]) == string(b) {
			return len(h2Magic)
		}
	}
	if sc.Step == httpStepFirst {
		ll, next, ok := sc.LineEnd(b, 0)
		if !ok {
			return NeedMore // Wireshark asks for more before it looks at an unfinished first line
		}
		switch httpLineType(b[:ll]) {
		case httpRequest:
		case httpResponse:
			sc.Flag |= httpFlagResponse
		default:
			return 0
		}
		sc.Head, sc.Off, sc.Step = ll, next, httpStepHeaders
	}
	line := b[:sc.Head]
	if c.Cols.On && !c.Cols.readonly { // HTTP puts the first line in Info before it asks for more
		c.SetProtocol("HTTP")
		c.SetInfo(string(line[:min(len(line), maxInfoLine)]) + " ")
	}
	for sc.Step == httpStepHeaders {
		ll, nx, ok := sc.LineEnd(b, sc.Off)
		if !ok {
			return NeedMore
		}
		if ll == 0 {
			sc.Off = nx
			sc.Step = httpStepChunkSize
			break
		}
		h := b[sc.Off : sc.Off+ll]
		if colon := bytes.IndexByte(h, ':'); colon > 0 {
			name := bytes.TrimSpace(h[:colon])
			val := bytes.TrimSpace(h[colon+1:])
			switch {
			case bytes.EqualFold(name, []byte("Content-Length")):
				if n, ok := parseContentLength(val); ok && n >= 0 {
					sc.N = n
					sc.Flag |= httpFlagLength
				}
			case bytes.EqualFold(name, []byte("Transfer-Encoding")):
				if bytes.Contains(bytes.ToLower(val), []byte("chunked")) {
					sc.Flag |= httpFlagChunked
				} else {
					sc.Flag &^= httpFlagChunked
				}
			}
		}
		sc.Off = nx
	}
	switch {
	case sc.Flag&httpFlagChunked != 0:
		return httpChunkedEnd(b, sc)
	case sc.Flag&httpFlagLength != 0:
		if sc.N > 1<<31 {
			return 0
		}
		return sc.Off + int(sc.N)
	case sc.Flag&httpFlagResponse != 0:
		if len(line) >= 12 {
			if code := string(line[9:12]); code[0] == '1' || code == "204" || code == "304" {
				return sc.Off // no body
			}
		}
		return UntilFIN // the body ends when the server closes the connection
	}
	return sc.Off
}

// httpChunkedEnd returns the end of a chunked body starting at sc.Off (trailers included), or
// NeedMore; like httpPDULen it resumes from sc.
func httpChunkedEnd(b []byte, sc *PDUScan) int {
	for {
		switch sc.Step {
		case httpStepChunkSize:
			ll, nx, ok := sc.LineEnd(b, sc.Off)
			if !ok {
				return NeedMore
			}
			size := parseHexPrefix(bytes.TrimSpace(b[sc.Off : sc.Off+ll]))
			sc.Off = nx
			if size == 0 {
				sc.Step = httpStepTrailers
				continue
			}
			if size > 1<<31 {
				return 0
			}
			sc.Off += int(size)
			sc.Step = httpStepChunkEnd
		case httpStepChunkEnd:
			if sc.Off > len(b) {
				return NeedMore
			}
			_, nx, ok := sc.LineEnd(b, sc.Off)
			if !ok {
				return NeedMore
			}
			sc.Off = nx
			sc.Step = httpStepChunkSize
		default: // trailers, to the empty line
			ll, nx, ok := sc.LineEnd(b, sc.Off)
			if !ok {
				return NeedMore
			}
			sc.Off = nx
			if ll == 0 {
				return sc.Off
			}
		}
	}
}
