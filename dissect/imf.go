package dissect

import (
	"bytes"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// Internet Message Format (RFC 5322, Wireshark's packet-imf.c): the header fields of a mail message,
// with mailbox and address lists split into items, then its text, for messages SMTP carries after
// DATA and IMAP returns in FETCH literals. MIME multipart bodies are not dissected yet.

var (
	protoIMF          = Fields.Protocol("imf", "Internet Message Format")
	hfIMFDisplayName  = Fields.Add(protoIMF, "imf.display_name", "Display-Name", field.String)
	hfIMFAddress      = Fields.Add(protoIMF, "imf.address", "Address", field.String)
	hfIMFAddrItem     = Fields.Add(protoIMF, "imf.address_list.item", "Item", field.String)
	hfIMFMailboxItem  = Fields.Add(protoIMF, "imf.mailbox_list.item", "Item", field.String)
	hfIMFExtension    = Fields.Add(protoIMF, "imf.extension", "Unknown-Extension", field.String)
	hfIMFExtType      = Fields.Add(protoIMF, "imf.extension.type", "Type", field.String)
	hfIMFExtValue     = Fields.Add(protoIMF, "imf.extension.value", "Value", field.String)
	hfIMFContentType  = Fields.Add(protoIMF, "imf.content.type", "Content-Type", field.String)
	hfIMFCTType       = Fields.Add(protoIMF, "imf.content.type.type", "Type", field.String)
	hfIMFCTParameters = Fields.Add(protoIMF, "imf.content.type.parameters", "Parameters", field.String)
	hfIMFMessageText  = Fields.Add(protoIMF, "imf.message_text", "Message-Text", field.None)
	handleIMF         = &Handle{Name: "imf", Fn: dissectIMF}
)

// imfFormat says how a header's value is dissected.
type imfFormat uint8

const (
	imfPlain imfFormat = iota
	imfMailboxList
	imfAddressList
	imfMailbox
	imfContentType
)

type imfHeader struct {
	hf     field.ID
	format imfFormat
	info   bool // shown in the Info column ("from: ..., ")
}

// imfHeaders maps lower-case header names to their fields.
var imfHeaders = map[string]imfHeader{}

func init() {
	RegisterShortName(protoIMF, "IMF")
	for _, h := range []struct {
		key, abbrev, name string
		format            imfFormat
		info              bool
	}{
		{"date", "imf.date", "Date", imfPlain, false},
		{"from", "imf.from", "From", imfMailboxList, true},
		{"sender", "imf.sender", "Sender", imfMailbox, false},
		{"reply-to", "imf.reply_to", "Reply-To", imfAddressList, false},
		{"to", "imf.to", "To", imfAddressList, false},
		{"cc", "imf.cc", "Cc", imfAddressList, false},
		{"bcc", "imf.bcc", "Bcc", imfAddressList, false},
		{"message-id", "imf.message_id", "Message-ID", imfPlain, false},
		{"in-reply-to", "imf.in_reply_to", "In-Reply-To", imfPlain, false},
		{"references", "imf.references", "References", imfPlain, false},
		{"subject", "imf.subject", "Subject", imfPlain, true},
		{"comments", "imf.comments", "Comments", imfPlain, false},
		{"user-agent", "imf.user_agent", "User-Agent", imfPlain, false},
		{"keywords", "imf.keywords", "Keywords", imfPlain, false},
		{"resent-date", "imf.resent.date", "Resent-Date", imfPlain, false},
		{"resent-from", "imf.resent.from", "Resent-From", imfMailboxList, false},
		{"resent-sender", "imf.resent.sender", "Resent-Sender", imfMailbox, false},
		{"resent-to", "imf.resent.to", "Resent-To", imfAddressList, false},
		{"resent-cc", "imf.resent.cc", "Resent-Cc", imfAddressList, false},
		{"resent-bcc", "imf.resent.bcc", "Resent-Bcc", imfAddressList, false},
		{"resent-message-id", "imf.resent.message_id", "Resent-Message-ID", imfPlain, false},
		{"return-path", "imf.return_path", "Return-Path", imfPlain, false},
		{"received", "imf.received", "Received", imfPlain, false},
		{"content-description", "imf.content.description", "Content-Description", imfPlain, false},
		{"content-id", "imf.content.id", "Content-ID", imfPlain, false},
		{"content-transfer-encoding", "imf.content.transfer_encoding", "Content-Transfer-Encoding", imfPlain, false},
		{"mime-version", "imf.mime_version", "MIME-Version", imfPlain, false},
		{"content-language", "imf.content_language", "Content-Language", imfPlain, false},
		{"importance", "imf.importance", "Importance", imfPlain, false},
		{"priority", "imf.priority", "Priority", imfPlain, false},
		{"sensitivity", "imf.sensitivity", "Sensitivity", imfPlain, false},
		{"expires", "imf.expires", "Expires", imfPlain, false},
		{"delivered-to", "imf.delivered_to", "Delivered-To", imfPlain, false},
		{"x-mailer", "imf.ext.mailer", "X-Mailer", imfPlain, false},
		{"x-mimeole", "imf.ext.mimeole", "X-MimeOLE", imfPlain, false},
		{"x-uidl", "imf.ext.uidl", "X-UIDL", imfPlain, false},
		{"x-virus-scanned", "imf.ext.virus_scanned", "X-Virus-Scanned", imfPlain, false},
		{"x-original-to", "imf.ext.original-to", "X-Original-To", imfPlain, false},
		{"thread-index", "imf.thread-index", "Thread-Index", imfPlain, false},
		{"lines", "imf.lines", "Lines", imfPlain, false},
		{"precedence", "imf.precedence", "Precedence", imfPlain, false},
	} {
		imfHeaders[h.key] = imfHeader{hf: Fields.Add(protoIMF, h.abbrev, h.name, field.String), format: h.format, info: h.info}
	}
	imfHeaders["content-type"] = imfHeader{hf: hfIMFContentType, format: imfContentType}
}

func dissectIMF(c *Ctx, t Tvb, parent int32) {
	if c.ColumnsWritable() && c.Cols.On {
		if c.Cols.Protocol != "" {
			c.SetProtocol(c.Cols.Protocol + "/IMF")
		} else {
			c.SetProtocol("IMF")
		}
	}
	c.ClearInfo()
	p := c.AddProto(parent, protoIMF, t, 0, -1)
	b := t.B
	o := 0
	mediaType := ""
	for o < len(b) {
		// a header field: name ":" value, continued on lines starting with white space
		l, next, _ := findLineEnd(b, o)
		if l == 0 {
			o = next
			break
		}
		end, endNext := o+l, next
		for endNext < len(b) && (b[endNext] == ' ' || b[endNext] == '\t') {
			l2, n2, _ := findLineEnd(b, endNext)
			end, endNext = endNext+l2, n2
		}
		colon := bytes.IndexByte(b[o:end], ':')
		if colon < 0 {
			o = endNext
			continue
		}
		name := b[o : o+colon]
		key := strings.ToLower(string(name))
		vo := o + colon + 1
		for vo < end && (b[vo] == ' ' || b[vo] == '\t') {
			vo++
		}
		value := b[vo:end]
		h, known := imfHeaders[key]
		if !known {
			ext := c.AddString(p, hfIMFExtension, t, o, end-o, string(name)+": "+string(value))
			if c.Visible() {
				c.T.SetLabel(ext, imfTruncLabel("Unknown-Extension", string(field.AppendEscaped(nil, name))+": "+
					string(field.AppendEscaped(nil, value))+" (Contact Wireshark developers if you want this supported.)"))
			}
			c.AddBytes(ext, hfIMFExtType, t, o, colon)
			ev := c.AddBytes(ext, hfIMFExtValue, t, vo, end-vo)
			imfLongLabel(c, ev, "Value", value)
			o = endNext
			continue
		}
		fn := c.AddBytes(p, h.hf, t, vo, end-vo)
		imfLongLabel(c, fn, Fields.Get(h.hf).Name, value)
		if h.info {
			c.AppendInfo(key + ": " + string(field.AppendEscaped(nil, value)) + ", ")
		}
		switch h.format {
		case imfMailboxList, imfAddressList:
			imfAddressListItems(c, t, fn, vo, endNext, h.format == imfMailboxList, Fields.Get(h.hf).Name, value)
		case imfMailbox:
			imfMailboxItem(c, t, fn, vo, endNext)
		case imfContentType:
			semi := bytes.IndexByte(value, ';')
			tl := len(value)
			if semi >= 0 {
				tl = semi
			}
			c.AddBytes(fn, hfIMFCTType, t, vo, tl)
			if semi >= 0 {
				c.AddBytes(fn, hfIMFCTParameters, t, vo+semi+1, end-(vo+semi+1))
			}
			mediaType = strings.ToLower(strings.TrimSpace(string(value[:tl])))
		}
		o = endNext
	}
	if o >= len(b) {
		return
	}
	body := t.Sub(o)
	switch {
	case mediaType == "":
		mt := c.AddProto(p, hfIMFMessageText, body, 0, -1)
		for lo := 0; lo < body.Len(); {
			_, next, _ := findLineEnd(body.B, lo)
			line := imfLineText(body.B[lo:next])
			c.AddText(mt, body, lo, next-lo, line)
			c.AppendInfoSep(", ", line)
			lo = next
		}
	case strings.HasPrefix(mediaType, "text/"):
		c.PushLayer("data-text-lines")
		textLines(c, body, p, mediaType)
		c.AppendInfo(" (" + mediaType + ")")
	}
}

// imfTruncLabel is "name: value", cut as Wireshark cuts labels longer than 239 bytes, marking them.
func imfTruncLabel(name, value string) string {
	s := name + ": " + value
	if len(s) <= 239 {
		return s
	}
	s = name + " [truncated]: " + value
	s = s[:238]
	if i := strings.LastIndexByte(s, '\\'); i >= 0 && i == len(s)-1 {
		s = s[:i]
	}
	return s
}

// imfLongLabel labels a string node whose "name: value" label is too long for Wireshark.
func imfLongLabel(c *Ctx, n int32, name string, value []byte) {
	if c.Visible() && len(name)+2+len(value) > 239 {
		c.T.SetLabel(n, imfTruncLabel(name, string(field.AppendEscaped(nil, value))))
	}
}

// imfLineText is a body line as Wireshark shows it, white space (the line end too) as spaces.
func imfLineText(b []byte) string {
	s := []byte(string(b))
	for i, x := range s {
		if x == '\r' || x == '\n' || x == '\t' {
			s[i] = ' '
		}
	}
	return string(field.AppendEscaped(nil, s))
}

// imfAddressListItems splits a list at o..end (end after the header's line end) into items at
// commas outside quotes and angle brackets, and labels the list's node fn.
func imfAddressListItems(c *Ctx, t Tvb, fn int32, o, end int, mailbox bool, name string, value []byte) {
	b := t.B
	hf := hfIMFAddrItem
	if mailbox {
		hf = hfIMFMailboxItem
	}
	count := 0
	start := o
	quoted, angle := false, false
	for i := o; i <= end; i++ {
		if i < end {
			switch b[i] {
			case '"':
				quoted = !quoted
				continue
			case '<':
				angle = true
				continue
			case '>':
				angle = false
				continue
			case ',':
				if quoted || angle {
					continue
				}
			default:
				continue
			}
		}
		it := c.AddBytes(fn, hf, t, start, i-start)
		imfMailboxParts(c, t, it, start, i)
		count++
		start = i + 1
	}
	if c.Visible() {
		items := " items"
		if count == 1 {
			items = " item"
		}
		c.T.SetLabel(fn, name+": "+string(field.AppendEscaped(nil, value))+", "+itoa(uint64(count))+items)
	}
}

// imfMailboxItem adds a single mailbox's parts (Sender).
func imfMailboxItem(c *Ctx, t Tvb, fn int32, o, end int) { imfMailboxParts(c, t, fn, o, end) }

// imfMailboxParts adds the display name and address of the mailbox at o..end.
func imfMailboxParts(c *Ctx, t Tvb, it int32, o, end int) {
	b := t.B
	lt := bytes.IndexByte(b[o:end], '<')
	if lt < 0 {
		c.AddBytes(it, hfIMFAddress, t, o, end-o)
		return
	}
	gt := bytes.IndexByte(b[o+lt:end], '>')
	if gt < 0 {
		gt = end - (o + lt)
	}
	ds := o
	for ds < o+lt && (b[ds] == ' ' || b[ds] == '\t' || b[ds] == '\r' || b[ds] == '\n') {
		ds++
	}
	de := o + lt
	for de > ds && (b[de-1] == ' ' || b[de-1] == '\t') {
		de--
	}
	if de > ds {
		c.AddBytes(it, hfIMFDisplayName, t, ds, de-ds)
	}
	c.AddBytes(it, hfIMFAddress, t, o+lt+1, gt-1)
}

// ---- hand-offs from SMTP and IMAP ----

// imfState keeps the DATA of SMTP sessions being collected in the first pass and the messages
// completed, by the frame holding their end.
type imfState struct {
	pending map[textConvKey]*imfPending
	done    map[uint32]imfDone
}

// imfPending is a message being collected: its bytes, and where they lie in the frames while they
// all come from frames (not from reassembled buffers).
type imfPending struct {
	buf   []byte
	refs  []pduRef
	byRef bool
}

// imfDone is a completed message as kept for re-dissection: references to its frames' bytes when
// the capture's frames can be read again, else a copy.
type imfDone struct {
	buf  []byte
	refs []pduRef
}

var imfSlot = newStateSlot(func() any {
	return &imfState{pending: map[textConvKey]*imfPending{}, done: map[uint32]imfDone{}}
})

// add appends t's bytes to the message.
func (p *imfPending) add(c *Ctx, t Tvb) {
	if len(p.buf)+t.Len() > 16<<20 {
		return
	}
	p.buf = append(p.buf, t.B...)
	if p.byRef && t.Src == 0 {
		p.refs = append(p.refs, pduRef{c.Frame.Number, uint32(t.Off), uint32(t.Len())})
	} else {
		p.byRef = false
	}
}

// imfSMTPData collects the bytes of an SMTP DATA fragment (first pass).
func imfSMTPData(c *Ctx, t Tvb) {
	if !c.Pass1 {
		return
	}
	st := c.State.slot(imfSlot).(*imfState)
	k, _ := c.conversationKey()
	p := st.pending[k]
	if p == nil {
		p = &imfPending{byRef: true}
		st.pending[k] = p
	}
	p.add(c, t)
}

// imfSMTPEnd dissects the message an SMTP end-of-data frame completes, in a "Reassembled DATA"
// source.
func imfSMTPEnd(c *Ctx, t Tvb, parent int32) {
	st := c.State.slot(imfSlot).(*imfState)
	var msg []byte
	if c.Pass1 {
		k, _ := c.conversationKey()
		p := st.pending[k]
		if p == nil {
			p = &imfPending{byRef: true}
		}
		if b := t.B; len(b) > 3 && bytes.HasSuffix(b, []byte("\r\n.\r\n")) {
			p.add(c, t.SubLen(0, len(b)-3))
		}
		delete(st.pending, k)
		msg = p.buf
		if len(msg) > 0 && !c.State.onePass { // kept for re-dissection, which a one-pass run never does
			rs := c.State.slot(reasmSlot).(*reasmState)
			if p.byRef && rs.frames != nil {
				st.done[c.Frame.Number] = imfDone{refs: p.refs}
			} else {
				st.done[c.Frame.Number] = imfDone{buf: msg}
			}
		}
	} else if d, ok := st.done[c.Frame.Number]; ok {
		msg = d.buf
		if msg == nil {
			msg = c.State.slot(reasmSlot).(*reasmState).refBytes(d.refs)
		}
	}
	if len(msg) == 0 {
		return
	}
	src := uint8(len(c.T.Sources))
	c.T.Sources = append(c.T.Sources, field.Source{Name: "Reassembled DATA", Bytes: msg})
	c.Call(handleIMF, Tvb{B: msg, Src: src}, parent)
}

// imapLiteral returns the length n of the literal "{n}" a line ends with (0 if none).
func imapLiteral(line []byte) int {
	if len(line) < 3 || line[len(line)-1] != '}' {
		return 0
	}
	i := bytes.LastIndexByte(line, '{')
	if i < 0 {
		return 0
	}
	n := 0
	for _, x := range line[i+1 : len(line)-1] {
		if x < '0' || x > '9' || n > 1<<24 {
			return 0
		}
		n = n*10 + int(x-'0')
	}
	return n
}
