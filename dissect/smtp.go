package dissect

import (
	"bytes"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// SMTP (Wireshark's packet-smtp.c): commands, multi-line replies, AUTH LOGIN/PLAIN exchanges (shown
// still base64-encoded, as 4.0 does by default) and the DATA phase, whose fragments are collected in
// the first pass and listed on the frame with the end-of-message line. The Internet Message Format
// dissection of the reassembled message is not done yet.

var smtpResponseNames = map[uint64]string{
	211: "System status, or system help reply", 214: "Help message", 220: "<domain> Service ready", 221: "<domain> Service closing transmission channel", 235: "Authentication successful", 250: "Requested mail action okay, completed", 251: "User not local; will forward to <forward-path>", 252: "Cannot VRFY user, but will accept message and attempt delivery", 334: "AUTH input", 354: "Start mail input; end with <CRLF>.<CRLF>", 421: "<domain> Service not available, closing transmission channel", 432: "A password transition is needed", 450: "Requested mail action not taken: mailbox unavailable", 451: "Requested action aborted: local error in processing", 452: "Requested action not taken: insufficient system storage", 454: "Temporary authentication failed", 500: "Syntax error, command unrecognized", 501: "Syntax error in parameters or arguments", 502: "Command not implemented", 503: "Bad sequence of commands", 504: "Command parameter not implemented", 530: "Authentication required", 534: "Authentication mechanism is too weak", 535: "Authentication credentials invalid", 538: "Encryption required for requested authentication mechanism", 550: "Requested action not taken: mailbox unavailable", 551: "User not local; please try <forward-path>", 552: "Requested mail action aborted: exceeded storage allocation", 553: "Requested action not taken: mailbox name not allowed", 554: "Transaction failed",
}

var (
	protoSMTP            = Fields.Protocol("smtp", "Simple Mail Transfer Protocol")
	hfSMTPReq            = Fields.Add(protoSMTP, "smtp.req", "Request", field.Bool)
	hfSMTPRsp            = Fields.Add(protoSMTP, "smtp.rsp", "Response", field.Bool)
	hfSMTPCommandLine    = Fields.Add(protoSMTP, "smtp.command_line", "Command Line", field.String)
	hfSMTPReqCommand     = Fields.Add(protoSMTP, "smtp.req.command", "Command", field.String)
	hfSMTPReqParameter   = Fields.Add(protoSMTP, "smtp.req.parameter", "Request parameter", field.String)
	hfSMTPResponse       = Fields.Add(protoSMTP, "smtp.response", "Response", field.String)
	hfSMTPResponseCode   = Fields.Add(protoSMTP, "smtp.response.code", "Response code", field.Uint32, field.WithStrings(smtpResponseNames))
	hfSMTPRspParameter   = Fields.Add(protoSMTP, "smtp.rsp.parameter", "Response parameter", field.String)
	hfSMTPAuthUsername   = Fields.Add(protoSMTP, "smtp.auth.username", "Username", field.String)
	hfSMTPAuthPassword   = Fields.Add(protoSMTP, "smtp.auth.password", "Password", field.String)
	hfSMTPAuthUserPass   = Fields.Add(protoSMTP, "smtp.auth.username_password", "Username/Password", field.String)
	hfSMTPEOM            = Fields.Add(protoSMTP, "smtp.eom", "EOM", field.None)
	hfSMTPDataFragments  = Fields.Add(protoSMTP, "smtp.data.fragments", "DATA fragments", field.None)
	hfSMTPDataFragment   = Fields.Add(protoSMTP, "smtp.data.fragment", "DATA fragment", field.FrameNum)
	hfSMTPDataFragCount  = Fields.Add(protoSMTP, "smtp.data.fragment.count", "DATA fragment count", field.Uint32)
	hfSMTPDataReasLength = Fields.Add(protoSMTP, "smtp.data.reassembled.length", "Reassembled DATA length", field.Uint32)
	eiSMTPBase64         = RegisterExpert(protoSMTP, "smtp.base64_decode", "base64 decode failed or is not enabled (check SMTP preferences)", GroupProtocol, SevWarn)
	eiSMTPUnexpectedCode = RegisterExpert(protoSMTP, "smtp.response.code.unexpected", "Unexpected response code in multiline response", GroupProtocol, SevWarn)

	handleSMTP = &Handle{Name: "smtp", Fn: dissectSMTP}
)

func init() {
	RegisterShortName(protoSMTP, "SMTP")
	TCPPort.Add(25, handleSMTP)
	TCPPort.Add(587, handleSMTP)
}

// What a client frame of an SMTP session holds, decided in the first pass.
const (
	smtpFrameCommand uint8 = iota
	smtpFrameData
	smtpFrameEOM
	smtpFrameUser
	smtpFramePass
	smtpFrameUserPass
)

type smtpFrag struct {
	frame uint32
	n     int
}

type smtpConv struct {
	inData   bool
	auth     uint8 // next client line: 0 command, smtpFrameUser, smtpFramePass, smtpFrameUserPass
	frags    []smtpFrag
	fragSize int
}

type smtpFrameInfo struct {
	kind  uint8
	frags []smtpFrag // on the end-of-message frame
	total int
}

type smtpState struct {
	convs  map[textConvKey]*smtpConv
	frames map[uint32]*smtpFrameInfo
}

var smtpSlot = newStateSlot(func() any {
	return &smtpState{convs: map[textConvKey]*smtpConv{}, frames: map[uint32]*smtpFrameInfo{}}
})

func dissectSMTP(c *Ctx, t Tvb, parent int32) {
	st := c.State.slot(smtpSlot).(*smtpState)
	isReq := c.MatchPort == c.DstPort
	c.SetProtocol("SMTP")
	tree := c.AddProto(parent, protoSMTP, t, 0, -1)
	if !isReq {
		smtpResponse(c, t, tree)
		return
	}
	fi := st.frames[c.Frame.Number]
	if c.Pass1 {
		k, _ := c.conversationKey()
		cv := st.convs[k]
		if cv == nil {
			cv = &smtpConv{}
			st.convs[k] = cv
		}
		fi = smtpClassify(cv, t.B, c.Frame.Number)
		st.frames[c.Frame.Number] = fi
	}
	if fi == nil {
		fi = &smtpFrameInfo{}
	}
	if fi.kind != smtpFrameData && fi.kind != smtpFrameEOM {
		c.AddHidden(tree, hfSMTPReq, t, 0, 0, field.Value{U: 1})
	}
	switch fi.kind {
	case smtpFrameData:
		c.SetInfo("C: DATA fragment, " + strconv.Itoa(t.Len()) + " bytes")
		c.Call(handleTextLines, t, tree)
		imfSMTPData(c, t) // collected for the Internet Message Format (imf.go)
	case smtpFrameEOM:
		c.SetInfo("C: .")
		n := c.AddUintV(tree, hfSMTPEOM, t, 0, 0, 0)
		c.Label(n, "C: .")
		smtpFragments(c, t, tree, fi)
		imfSMTPEnd(c, t, parent)
	case smtpFrameUser, smtpFramePass, smtpFrameUserPass:
		l, _, _ := findLineEnd(t.B, 0)
		hf, pre := hfSMTPAuthUsername, "C: User: "
		if fi.kind == smtpFramePass {
			hf, pre = hfSMTPAuthPassword, "C: Pass: "
		} else if fi.kind == smtpFrameUserPass {
			hf, pre = hfSMTPAuthUserPass, "C: " // tshark 4.0 shows AUTH PLAIN credentials bare
		}
		c.SetInfo(pre + string(t.B[:l]))
		n := c.addASCII(tree, hf, t, 0, l)
		if fi.kind == smtpFrameUserPass { // tshark 4.0 leaves AUTH PLAIN encoded, and says so
			c.Expert(n, eiSMTPBase64, t, 0, l, "")
		}
	default:
		for o, i := 0, 0; o < t.Len(); i++ {
			l, next, _ := findLineEnd(t.B, o)
			line := t.B[o : o+l]
			if i == 0 {
				c.SetInfo("C: " + string(line))
			} else {
				c.AppendInfo(" | " + string(line))
			}
			cl := c.AddBytesV(tree, hfSMTPCommandLine, t, o, next-o, asciiString(t.B[o:next]))
			c.Label(cl, "Command Line: %s", t.B[o:next])
			n, nt := tokenLen(line, 0)
			if n > 0 {
				c.addASCII(cl, hfSMTPReqCommand, t, o, n)
			}
			if nt < len(line) {
				c.addASCII(cl, hfSMTPReqParameter, t, o+nt, len(line)-nt)
			}
			o = next
		}
	}
}

// smtpClassify decides in the first pass what a client frame holds and advances the session.
func smtpClassify(cv *smtpConv, b []byte, frame uint32) *smtpFrameInfo {
	fi := &smtpFrameInfo{}
	switch {
	case cv.inData:
		// the message ends with a line holding a single "."
		if bytes.Equal(b, []byte(".\r\n")) || bytes.HasSuffix(b, []byte("\r\n.\r\n")) {
			if len(b) > 3 {
				cv.frags = append(cv.frags, smtpFrag{frame, len(b) - 3})
				cv.fragSize += len(b) - 3
			}
			fi.kind = smtpFrameEOM
			fi.frags, fi.total = cv.frags, cv.fragSize
			cv.frags, cv.fragSize, cv.inData = nil, 0, false
		} else {
			fi.kind = smtpFrameData
			cv.frags = append(cv.frags, smtpFrag{frame, len(b)})
			cv.fragSize += len(b)
		}
	case cv.auth != 0:
		fi.kind = cv.auth
		if cv.auth == smtpFrameUser {
			cv.auth = smtpFramePass
		} else {
			cv.auth = 0
		}
	default:
		fi.kind = smtpFrameCommand
		for o := 0; o < len(b); {
			l, next, _ := findLineEnd(b, o)
			line := b[o : o+l]
			n, nt := tokenLen(line, 0)
			cmd := string(bytes.ToUpper(line[:n]))
			arg := bytes.ToUpper(bytes.TrimSpace(line[nt:]))
			switch cmd {
			case "DATA":
				cv.inData = true
			case "AUTH":
				switch {
				case bytes.Equal(arg, []byte("LOGIN")):
					cv.auth = smtpFrameUser
				case bytes.HasPrefix(arg, []byte("LOGIN ")):
					cv.auth = smtpFramePass
				case bytes.Equal(arg, []byte("PLAIN")):
					cv.auth = smtpFrameUserPass
				}
			}
			o = next
		}
	}
	return fi
}

func smtpFragments(c *Ctx, t Tvb, tree int32, fi *smtpFrameInfo) {
	if len(fi.frags) == 0 {
		return
	}
	fr := c.AddUintV(tree, hfSMTPDataFragments, t, 0, 0, 0)
	if c.Visible() {
		var b []byte
		b = strconv.AppendInt(b, int64(len(fi.frags)), 10)
		if len(fi.frags) == 1 {
			b = append(b, " DATA fragment ("...)
		} else {
			b = append(b, " DATA fragments ("...)
		}
		b = strconv.AppendInt(b, int64(fi.total), 10)
		b = append(b, " bytes): "...)
		for i, f := range fi.frags {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, '#')
			b = strconv.AppendUint(b, uint64(f.frame), 10)
			b = append(b, '(')
			b = strconv.AppendInt(b, int64(f.n), 10)
			b = append(b, ')')
		}
		c.Label(fr, "%s", b)
	}
	off := 0
	for _, f := range fi.frags {
		n := c.AddUintV(fr, hfSMTPDataFragment, t, 0, 0, uint64(f.frame))
		c.Label(n, "Frame: %d, payload: %d-%d (%d bytes)", f.frame, off, off+f.n-1, f.n)
		off += f.n
	}
	c.AddUintV(fr, hfSMTPDataFragCount, t, 0, 0, uint64(len(fi.frags)))
	c.AddUintV(fr, hfSMTPDataReasLength, t, 0, 0, uint64(fi.total))
}

func smtpResponse(c *Ctx, t Tvb, tree int32) {
	c.AddHidden(tree, hfSMTPRsp, t, 0, 0, field.Value{U: 1})
	var first uint32
	resp := int32(-1)
	cont := false // the previous line announced more lines of the same reply ("250-")
	for o, i := 0, 0; o < t.Len(); i++ {
		l, next, _ := findLineEnd(t.B, o)
		line := t.B[o : o+l]
		switch {
		case i == 0:
			c.SetInfo("S: " + string(line))
		case !cont:
			c.AppendInfo(" | " + string(line))
		case l > 4:
			c.AppendInfo(" | " + string(line[4:]))
		}
		if !cont {
			resp = -1
		}
		if l >= 3 && isDigit(line[0]) && isDigit(line[1]) && isDigit(line[2]) {
			code := uint32(line[0]-'0')*100 + uint32(line[1]-'0')*10 + uint32(line[2]-'0')
			if resp < 0 {
				resp = c.AddBytesV(tree, hfSMTPResponse, t, o, next-o, asciiString(t.B[o:next]))
				c.Label(resp, "Response: %s", t.B[o:next])
				c.AddUintV(resp, hfSMTPResponseCode, t, o, 3, uint64(code))
				first = code
			} else if code != first {
				c.Expert(resp, eiSMTPUnexpectedCode, t, o, 3, "")
			}
			if l > 4 {
				c.addASCII(resp, hfSMTPRspParameter, t, o+4, l-4)
			}
		} else if resp < 0 {
			resp = c.AddBytesV(tree, hfSMTPResponse, t, o, next-o, asciiString(t.B[o:next]))
			c.Label(resp, "Response: %s", t.B[o:next])
		}
		cont = l >= 4 && line[3] == '-'
		o = next
	}
}
