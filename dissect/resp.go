package dissect

import (
	"bytes"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// RESP, the Redis serialization protocol (Wireshark 4.0's packet-resp.c): simple strings, errors,
// integers, bulk strings and arrays, one protocol item for the messages of a segment, the Info
// column "Request: SET greeting hello" or "Response: OK". A message cut by the segment end is
// reassembled by TCP from its start.

var (
	protoRESP         = Fields.Protocol("resp", "REdis Serialization Protocol")
	hfRESPString      = Fields.Add(protoRESP, "resp.string", "String", field.String)
	hfRESPError       = Fields.Add(protoRESP, "resp.error", "Error", field.String)
	hfRESPBulk        = Fields.Add(protoRESP, "resp.bulk_string", "Bulk String", field.None)
	hfRESPBulkValue   = Fields.Add(protoRESP, "resp.bulk_string.value", "Value", field.Bytes)
	hfRESPBulkLength  = Fields.Add(protoRESP, "resp.bulk_string.length", "Length", field.Int32)
	hfRESPInteger     = Fields.Add(protoRESP, "resp.integer", "Integer", field.Int64)
	hfRESPArray       = Fields.Add(protoRESP, "resp.array", "Array", field.None)
	hfRESPArrayLength = Fields.Add(protoRESP, "resp.array.length", "Length", field.Int64)
	hfRESPFragment    = Fields.Add(protoRESP, "resp.fragment", "Fragment", field.None)
	eiRESPMalformed   = RegisterExpert(protoRESP, "resp.malformed_length", "Malformed length specified", GroupMalformed, SevError)
	eiRESPNextFrame   = RegisterExpert(protoRESP, "resp.reassembled_in_next_frame", "Array is partially decoded. Re-assembled array is in the next frame", GroupUndecoded, SevNote)
	eiRESPTooDeep     = RegisterExpert(protoRESP, "resp.array_recursion_too_deep", "Array is too deep to recurse any further. Subsequent elements attached to the protocol tree may not reflect their actual location in the array", GroupUndecoded, SevWarn)

	handleRESP = &Handle{Name: "resp", Fn: dissectRESP}
)

// respMaxDepth is Wireshark's MAX_ARRAY_DEPTH_TO_RECURSE; respBulkDisplay its BULK_STRING_MAX_DISPLAY.
const (
	respMaxDepth    = 30
	respBulkDisplay = 100
)

func init() {
	RegisterShortName(protoRESP, "RESP")
	TCPPort.Add(6379, handleRESP)
	RegisterPDU(handleRESP, respPDULen)
	pduPartial[handleRESP] = true
}

// respPDULen returns the length of the complete messages at the start of t, or, when the first is
// cut, the length it needs (or NeedMore), after writing the Info text Wireshark shows for it.
func respPDULen(c *Ctx, t Tvb, _ *PDUScan) int {
	o := 0
	for o < t.Len() {
		n, need := c.respMessage(-1, t, o, 0, false)
		if n < 0 {
			if o > 0 {
				return o
			}
			if c.Cols.On && !c.Cols.readonly {
				c.respInfoStart()
				c.respMessage(-1, t, 0, 0, true)
				c.AppendInfo(" [continuation]")
			}
			return need
		}
		o += n
	}
	return o
}

// respResponse reports whether the data flows from the server.
func (c *Ctx) respResponse() bool { return c.SrcPort == c.MatchPort }

func (c *Ctx) respInfoStart() {
	c.SetProtocol("RESP")
	if c.respResponse() {
		c.SetInfo("Response:")
	} else {
		c.SetInfo("Request:")
	}
}

func dissectRESP(c *Ctx, t Tvb, parent int32) {
	if !c.MorePDU { // a further part of the same segment goes on with its Info
		c.respInfoStart()
	}
	tree := c.AddProto(parent, protoRESP, t, 0, -1)
	for o := 0; o < t.Len(); {
		n, _ := c.respMessage(tree, t, o, 0, true)
		if n < 0 {
			c.AppendInfo(" [continuation]")
			return
		}
		o += n
	}
}

// respMessage dissects (tree >= 0 and info) or only measures the message at o. It returns its length,
// or -1 and the total length the data would need from its start (NeedMore when unknown) when the
// message is cut.
func (c *Ctx) respMessage(tree int32, t Tvb, o, depth int, info bool) (int, int) {
	ll, next, ok := t.LineEnd(o)
	if !ok {
		return -1, NeedMore
	}
	build := tree >= 0
	line := t.B[o : o+ll]
	if ll == 0 {
		return next - o, 0
	}
	resp := c.respResponse()
	switch line[0] {
	case '+':
		if build {
			c.AddBytesV(tree, hfRESPString, t, o, next-o, asciiString(line[1:]))
		}
		if info && resp && depth == 0 {
			c.AppendInfoSep(" ", string(asciiString(line[1:])))
		}
	case '-':
		if build {
			c.AddBytesV(tree, hfRESPError, t, o, next-o, asciiString(line[1:]))
		}
		if info {
			c.AppendInfo(" Error: " + string(asciiString(line[1:])))
		}
	case ':':
		v, _ := strconv.ParseInt(string(line[1:]), 10, 64)
		if build {
			c.AddIntV(tree, hfRESPInteger, t, o, next-o, v)
		}
		if info && resp && depth == 0 {
			c.AppendInfo(" " + strconv.FormatInt(v, 10))
		}
	case '$':
		l, _ := strconv.ParseInt(string(line[1:]), 10, 32)
		hdr := next - o
		if l < 0 {
			if build {
				b := c.AddProto(tree, hfRESPBulk, t, o, hdr)
				c.AddIntV(b, hfRESPBulkLength, t, o, hdr, l)
				if l == -1 {
					c.Label(b, "Bulk String: [NULL]")
				} else {
					c.Expert(b, eiRESPMalformed, t, o, hdr, "")
				}
			}
			return hdr, 0
		}
		if !t.Has(next, int(l)+2) {
			return -1, hdr + int(l) + 2
		}
		val := t.B[next : next+int(l)]
		if build {
			b := c.AddProto(tree, hfRESPBulk, t, o, hdr+int(l)+2)
			c.AddIntV(b, hfRESPBulkLength, t, o, hdr, l)
			if l > 0 {
				c.AddBytes(b, hfRESPBulkValue, t, next, int(l))
			}
			if respASCII(val) {
				// appended to the item's label buffer, which cuts it silently
				c.Label(b, "%s", field.TruncUTF8("Bulk String: "+string(field.AppendEscaped(nil, val)), 239))
			}
		}
		if info {
			c.respBulkInfo(val, int(l), depth, resp)
		}
		return hdr + int(l) + 2, 0
	case '*':
		n, _ := strconv.ParseInt(string(line[1:]), 10, 64)
		hdr := next - o
		var a int32 = -1
		if build {
			a = c.AddProto(tree, hfRESPArray, t, o, hdr)
			c.AddIntV(a, hfRESPArrayLength, t, o, hdr, n)
		}
		if n <= 0 {
			switch {
			case !build:
			case n == -1:
				c.Label(a, "Array: NULL")
			case n == 0:
				c.Label(a, "Array: Empty")
			default:
				c.Expert(a, eiRESPMalformed, t, o, hdr, "")
			}
			return hdr, 0
		}
		if build {
			c.Label(a, "Array: Length %d", n)
		}
		if depth > respMaxDepth {
			if build {
				c.Expert(a, eiRESPTooDeep, t, o, hdr, "")
			}
			return hdr, 0
		}
		if !t.Has(next, 1) {
			return -1, NeedMore
		}
		if info && resp && depth == 0 {
			c.AppendInfo(" Array(" + strconv.FormatInt(n, 10) + ")")
		}
		p := next
		for i := int64(0); i < n && p < t.Len(); i++ {
			m, need := c.respMessage(a, t, p, depth+1, info)
			if m < 0 {
				if build {
					c.Expert(a, eiRESPNextFrame, t, o, hdr, "")
				}
				if need > 0 {
					need += p - o
				}
				return -1, need
			}
			p += m
		}
		if build && a != tree { // not when the array item was left out of a filtering tree
			c.T.SetLen(a, p-o)
		}
		return p - o, 0
	default:
		if info {
			c.AppendInfo(" [fragment]")
		}
		if build {
			c.AddProto(tree, hfRESPFragment, t, o, next-o)
		}
	}
	return next - o, 0
}

// respBulkInfo adds a bulk string to Info as Wireshark does: a command's words at depth 1 of a
// request, a short top-level response in full, else its length.
func (c *Ctx) respBulkInfo(val []byte, l, depth int, resp bool) {
	if !respASCII(val) {
		if depth == 0 {
			c.AppendInfo(" BulkString(" + strconv.Itoa(l) + ")")
		}
		return
	}
	switch {
	case !resp && depth == 1:
		if l < respBulkDisplay {
			c.AppendInfoSep(" ", string(val))
		} else {
			c.AppendInfo(" BulkString(" + strconv.Itoa(l) + ")")
		}
	case resp && depth == 0 && l < respBulkDisplay:
		c.AppendInfoSep(" ", string(val))
	case depth == 0:
		c.AppendInfo(" BulkString(" + strconv.Itoa(l) + ")")
	}
}

// respASCII is GLib's g_str_is_ascii on the bytes up to the first NUL.
func respASCII(b []byte) bool {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	for _, ch := range b {
		if ch >= 0x80 {
			return false
		}
	}
	return true
}
