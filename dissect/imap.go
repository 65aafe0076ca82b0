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

	handleIMAP = &Handle{Name: "imap", Fn: dissectIMAP}
)

func init() {
	RegisterShortName(protoIMAP, "IMAP")
	TCPPort.Add(143, handleIMAP)
}

var imapStatuses = map[string]bool{"OK": true, "NO": true, "BAD": true, "PREAUTH": true, "BYE": true}

func dissectIMAP(c *Ctx, t Tvb, parent int32) {
	isReq := c.MatchPort == c.DstPort
	c.SetProtocol("IMAP")
	l, _, _ := findLineEnd(t.B, 0)
	if isReq {
		c.SetInfo("Request: " + string(t.B[:l]))
	} else {
		c.SetInfo("Response: " + string(t.B[:l]))
	}
	tree := c.AddProto(parent, protoIMAP, t, 0, -1)
	c.AddHidden(tree, hfIMAPIsRequest, t, 0, 0, field.Value{U: b2u(isReq)})
	for o := 0; o < t.Len(); {
		l, next, _ := findLineEnd(t.B, o)
		line := t.B[o : o+l]
		ln := c.addASCII(tree, hfIMAPLine, t, o, next-o)
		c.Label(ln, "%s", t.B[o:next])
		p := 0
		n, nt := tokenLen(line, p)
		var tag []byte
		if n > 0 {
			tag = line[:n]
			if isReq {
				c.addASCII(ln, hfIMAPRequestTag, t, o, n)
			} else {
				c.addASCII(ln, hfIMAPResponseTag, t, o, n)
			}
			h := c.addASCII(ln, hfIMAPTag, t, o, n)
			c.T.SetFlags(h, field.Hidden)
			p = nt
		}
		n, nt = tokenLen(line, p)
		if n > 0 {
			tok := line[p : p+n]
			if isReq {
				if bytes.EqualFold(tok, []byte("UID")) {
					c.AddHidden(ln, hfIMAPRequestUID, t, o+p, n, field.Value{U: 1})
					p = nt
					n, nt = tokenLen(line, p)
					tok = line[p : p+n]
				}
				if n > 0 {
					c.addASCII(ln, hfIMAPRequestCommand, t, o+p, n)
					h := c.addASCII(ln, hfIMAPCommand, t, o+p, n)
					c.T.SetFlags(h, field.Hidden)
				}
			} else if string(tag) == "*" && !imapStatuses[string(bytes.ToUpper(tok))] {
				c.addASCII(ln, hfIMAPResponseCmd, t, o+p, n)
				h := c.addASCII(ln, hfIMAPCommand, t, o+p, n)
				c.T.SetFlags(h, field.Hidden)
			} else {
				c.addASCII(ln, hfIMAPResponseStatus, t, o+p, n)
			}
			p = nt
			if isReq && n > 0 {
				switch string(bytes.ToUpper(tok)) {
				case "LOGIN":
					un, unt := tokenLen(line, p)
					if un > 0 {
						c.addASCII(ln, hfIMAPRequestUser, t, o+p, un)
						pn, _ := tokenLen(line, unt)
						if pn > 0 {
							c.addASCII(ln, hfIMAPRequestPass, t, o+unt, pn)
						}
					}
				case "SELECT", "EXAMINE", "CREATE", "DELETE", "SUBSCRIBE", "UNSUBSCRIBE", "STATUS", "APPEND":
					fn, _ := tokenLen(line, p)
					if fn > 0 {
						c.addASCII(ln, hfIMAPRequestFolder, t, o+p, fn)
					}
				}
			}
		}
		if p < l {
			if isReq {
				c.addASCII(ln, hfIMAPRequest, t, o+p, l-p)
			} else {
				c.addASCII(ln, hfIMAPResponse, t, o+p, l-p)
			}
		}
		o = next
	}
}
