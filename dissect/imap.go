package dissect

import (
	"bytes"

	"github.com/tshark-tui/tshark-tui/field"
)

// IMAP (Wireshark's packet-imap.c): each line with its tag, command or status and the rest; LOGIN
// credentials and SELECT folders. Request/response matching (imap.response_in, imap.time) is not done
// yet.

var (
	protoIMAP            = Fields.Protocol("imap", "Internet Message Access Protocol")
	hfIMAPIsRequest      = Fields.Add(protoIMAP, "imap.isrequest", "Request", field.Bool)
	hfIMAPLine           = Fields.Add(protoIMAP, "imap.line", "Line", field.StringZ)
	hfIMAPRequest        = Fields.Add(protoIMAP, "imap.request", "Request", field.StringZ)
	hfIMAPRequestTag     = Fields.Add(protoIMAP, "imap.request_tag", "Request Tag", field.StringZ)
	hfIMAPResponse       = Fields.Add(protoIMAP, "imap.response", "Response", field.StringZ)
	hfIMAPResponseTag    = Fields.Add(protoIMAP, "imap.response_tag", "Response Tag", field.StringZ)
	hfIMAPRequestCommand = Fields.Add(protoIMAP, "imap.request.command", "Request Command", field.StringZ)
	hfIMAPResponseCmd    = Fields.Add(protoIMAP, "imap.response.command", "Response Command", field.StringZ)
	hfIMAPResponseStatus = Fields.Add(protoIMAP, "imap.response.status", "Response Status", field.StringZ)
	hfIMAPTag            = Fields.Add(protoIMAP, "imap.tag", "Tag", field.StringZ)
	hfIMAPCommand        = Fields.Add(protoIMAP, "imap.command", "Command", field.StringZ)
	hfIMAPRequestFolder  = Fields.Add(protoIMAP, "imap.request.folder", "Request Folder", field.StringZ)
	hfIMAPRequestUID     = Fields.Add(protoIMAP, "imap.request.command.uid", "Request isUID", field.Bool)
	hfIMAPRequestUser    = Fields.Add(protoIMAP, "imap.request.username", "Request Username", field.StringZ)
	hfIMAPRequestPass    = Fields.Add(protoIMAP, "imap.request.password", "Request Password", field.StringZ)
	hfIMAPResponseIn     = Fields.Add(protoIMAP, "imap.response_in", "Response In", field.FrameNum)
	hfIMAPResponseTo     = Fields.Add(protoIMAP, "imap.response_to", "Request In", field.FrameNum)
	hfIMAPTime           = Fields.Add(protoIMAP, "imap.time", "Response Time", field.RelTime)

	handleIMAP = &Handle{Name: "imap", Fn: dissectIMAP}
)

func init() {
	RegisterShortName(protoIMAP, "IMAP")
	TCPPort.Add(143, handleIMAP)
}

type imapReq struct {
	frame    uint32
	ts       int64
	resFrame uint32
}

type imapState struct {
	tags map[imapTagKey]*imapReq
	// per frame: the request a response answers, or the record of a request
	frames map[uint32]*imapReq
}

type imapTagKey struct {
	conv textConvKey
	tag  string
}

var imapSlot = newStateSlot(func() any {
	return &imapState{tags: map[imapTagKey]*imapReq{}, frames: map[uint32]*imapReq{}}
})

func dissectIMAP(c *Ctx, t Tvb, parent int32) {
	st := c.State.slot(imapSlot).(*imapState)
	isReq := c.MatchPort == c.DstPort
	c.SetProtocol("IMAP")
	tree := c.AddProto(parent, protoIMAP, t, 0, -1)
	c.AddHidden(tree, hfIMAPIsRequest, t, 0, 0, field.Value{U: b2u(isReq)})
	var literals []Tvb
	for o := 0; o < t.Len(); {
		l, next, _ := findLineEnd(t.B, o)
		line := t.B[o : o+l]
		if isReq {
			c.SetInfo("Request: " + string(line))
		} else {
			c.SetInfo("Response: " + string(line))
		}
		ln := c.addASCII(tree, hfIMAPLine, t, o, next-o)
		c.Label(ln, "Line: %s", t.B[o:next])
		if l > 0 && line[0] != '*' {
			imapLine(c, st, t, ln, o, line, isReq)
		}
		o = next
		if n := imapLiteral(line); n > 0 && !isReq && o+n <= t.Len() {
			literals = append(literals, t.SubLen(o, n)) // a message body: imf.go
			o += n
		}
	}
	for _, lit := range literals {
		c.Call(handleIMF, lit, parent)
	}
}

func imapLine(c *Ctx, st *imapState, t Tvb, ln int32, o int, line []byte, isReq bool) {
	if isReq {
		c.addASCII(ln, hfIMAPRequest, t, o, len(line))
	} else {
		c.addASCII(ln, hfIMAPResponse, t, o, len(line))
	}
	n, p := tokenLen(line, 0)
	if n == 0 {
		return
	}
	tag := line[:n]
	if isReq {
		c.addASCII(ln, hfIMAPRequestTag, t, o, n)
	} else {
		c.addASCII(ln, hfIMAPResponseTag, t, o, n)
	}
	h := c.addASCII(ln, hfIMAPTag, t, o, n)
	c.T.SetFlags(h, field.Hidden)
	n, nt := tokenLen(line, p)
	if n > 0 {
		tok := line[p : p+n]
		if isReq {
			uid := bytes.EqualFold(tok, []byte("UID"))
			if uid {
				c.AddUintV(ln, hfIMAPRequestUID, t, o+p, n, 1)
				h := c.addASCII(ln, hfIMAPCommand, t, o+p, n)
				c.T.SetFlags(h, field.Hidden)
				p = nt
				n, nt = tokenLen(line, p)
				tok = line[p : p+n]
			}
			if n > 0 {
				c.addASCII(ln, hfIMAPRequestCommand, t, o+p, n)
				if !uid {
					h := c.addASCII(ln, hfIMAPCommand, t, o+p, n)
					c.T.SetFlags(h, field.Hidden)
				}
				p = nt
				switch string(bytes.ToUpper(tok)) {
				case "LOGIN":
					un, unt := tokenLen(line, p)
					if un > 0 {
						c.addASCII(ln, hfIMAPRequestUser, t, o+p, un)
						pn, _ := tokenLen(line, unt)
						if pn > 0 {
							// tshark 4.0 strips a character at each end of the password (meant
							// for quotes), quoted or not
							pw := line[unt : unt+pn]
							if len(pw) >= 2 {
								pw = pw[1 : len(pw)-1]
							}
							c.AddBytesV(ln, hfIMAPRequestPass, t, o+unt, pn, asciiString(pw))
						}
					}
				case "SELECT":
					fn, _ := tokenLen(line, p)
					if fn > 0 {
						c.addASCII(ln, hfIMAPRequestFolder, t, o+p, fn)
					}
				}
			}
		} else {
			c.addASCII(ln, hfIMAPResponseStatus, t, o+p, n)
			p = nt
			if n, _ = tokenLen(line, p); n > 0 {
				c.addASCII(ln, hfIMAPResponseCmd, t, o+p, n)
				h := c.addASCII(ln, hfIMAPCommand, t, o+p, n)
				c.T.SetFlags(h, field.Hidden)
			}
		}
	}
	// request/response matching by tag
	if c.Pass1 {
		conv, _ := c.conversationKey()
		k := imapTagKey{conv, string(tag)}
		if isReq {
			r := &imapReq{frame: c.Frame.Number, ts: c.Frame.TS}
			st.tags[k] = r
			st.frames[c.Frame.Number] = r
		} else if r := st.tags[k]; r != nil {
			r.resFrame = c.Frame.Number
			st.frames[c.Frame.Number] = r
		}
	}
	r := st.frames[c.Frame.Number]
	if r == nil {
		return
	}
	if isReq {
		if !c.Pass1 && r.resFrame != 0 {
			c.AddGenerated(ln, hfIMAPResponseIn, t, o, 0, field.Value{U: uint64(r.resFrame)})
		}
	} else {
		n := c.AddUintV(ln, hfIMAPResponseTo, t, o, 0, uint64(r.frame))
		_ = n
		c.AddGenerated(ln, hfIMAPTime, t, o, 0, field.Value{I: c.Frame.TS - r.ts})
	}
}
