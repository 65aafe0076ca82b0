package dissect

import (
	"bytes"
	"errors"
	"net/netip"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/tls"
)

// TLS decryption in the dissector: a tls.Session per conversation, fed during the first pass with
// the records tlsCtx.record parses. The first pass stores each record's outcome (plaintext or the
// reason it has none) per frame, so that later dissections show the same tree without decrypting
// again. Decrypted records are a "Decrypted TLS (N bytes)" data source of their frame; application
// data goes to HTTP (by port, key entry protocol, ALPN or HTTP's "http_tls" heuristic).

var (
	hfTLSSegmentData  = Fields.Add(protoTLS, "tls.segment.data", "TLS segment data", field.Bytes)
	hfTLSSegments     = Fields.Add(protoTLS, "tls.segments", "Reassembled TLS segments", field.None, field.WithBlurb("TLS Segments"))
	hfTLSSegment      = Fields.Add(protoTLS, "tls.segment", "TLS segment", field.FrameNum)
	hfTLSSegmentCount = Fields.Add(protoTLS, "tls.segment.count", "Segment count", field.Uint32)
	hfTLSReasmLength  = Fields.Add(protoTLS, "tls.reassembled.length", "Reassembled PDU length", field.Uint32, field.WithBlurb("The total length of the reassembled payload"))
	hfTLSReasmData    = Fields.Add(protoTLS, "tls.reassembled.data", "Reassembled PDU data", field.Bytes, field.WithBlurb("The payload of multiple reassembled TLS segments"))
	hfTLSVerifyData   = Fields.Add(protoTLS, "tls.handshake.verify_data", "Verify Data", field.None)
	hfTLSTicketAge    = Fields.Add(protoTLS, "tls.handshake.session_ticket_age_add", "Session Ticket Age Add", field.Uint32)
	hfTLSTicketNLen   = Fields.Add(protoTLS, "tls.handshake.session_ticket_nonce_length", "Session Ticket Nonce Length", field.Uint8)
	hfTLSTicketNonce  = Fields.Add(protoTLS, "tls.handshake.session_ticket_nonce", "Session Ticket Nonce", field.Bytes)
	hfTLSCVSigLen     = Fields.Add(protoTLS, "tls.handshake.client_cert_vrfy.sig_len", "Signature length", field.Uint16)
	hfTLSCVSig        = Fields.Add(protoTLS, "tls.handshake.client_cert_vrfy.sig", "Signature", field.Bytes)
	hfTLSCertCtxLen   = Fields.Add(protoTLS, "tls.handshake.certificate_request_context_length", "Certificate Request Context Length", field.Uint8)

	eiTLSResumed = RegisterExpert(protoTLS, "tls.resumed", "This session reuses previously negotiated keys (Session resumption)", GroupSequence, SevNote)

	// eiTLSDecrypt says why a session is not decrypted although keys were given (Wireshark only
	// logs this to its debug file).
	eiTLSDecrypt = RegisterExpert(protoTLS, "tls.decryption.failed", "TLS decryption failed", GroupDecryption, SevWarn)
)

// tlsDec is the first pass's outcome for one record of a conversation being decrypted.
type tlsDec struct {
	typ     uint8    // inner content type
	data    []byte   // plaintext; nil when not decrypted
	pdu     []byte   // an application PDU completed by this record from several records' plaintext
	pduSegs []pduSeg // with pdu: the frames of its records' plaintext, and how much each gave
	segment bool     // the application protocol needs more records: "[TLS segment of a reassembled PDU]"
	ok      bool     // decrypted
	expert  string   // a reason to report on this record
}

// tlsServer guesses a new conversation's server: the side whose port the TLS dissector was chosen
// for.
func tlsServer(c *Ctx) (netip.AddrPort, bool) {
	src, _ := netip.AddrFromSlice(c.NetSrc)
	dst, _ := netip.AddrFromSlice(c.NetDst)
	if c.SrcPort == c.MatchPort && c.DstPort != c.MatchPort {
		return netip.AddrPortFrom(src.Unmap(), uint16(c.SrcPort)), true
	}
	return netip.AddrPortFrom(dst.Unmap(), uint16(c.DstPort)), false
}

// tlsStartSession gives a first-pass conversation a decryption session when keys are configured.
func tlsStartSession(c *Ctx, st *tlsState, s *tlsConv, side int) {
	if st.keys == nil || s.sess != nil {
		return
	}
	server, fromServer := tlsServer(c)
	s.clientSide = side
	if fromServer {
		s.clientSide = 1 - side
	}
	s.server = server
	s.sess = tls.NewSession(st.keys, st.cache, server)
}

// dir converts the frame's side to the session's direction.
func (x *tlsCtx) dir() int {
	if x.side == x.s.clientSide {
		return tls.FromClient
	}
	return tls.FromServer
}

// decrypt returns the outcome of the record being dissected: decided (and stored) in the first pass,
// read back later. nil means no decryption is configured for the conversation.
func (x *tlsCtx) decrypt(ct uint8, ver uint16, body []byte) *tlsDec {
	c := x.c
	if !c.Pass1 {
		if x.snap == nil || x.decIdx >= len(x.snap.dec) {
			return nil
		}
		d := &x.snap.dec[x.decIdx]
		x.decIdx++
		return d
	}
	sess := x.s.sess
	if sess == nil {
		return nil
	}
	dir := x.dir()
	var d tlsDec
	r, err := sess.Decrypt(dir, ct, ver, body)
	switch {
	case errors.Is(err, tls.ErrNotEncrypted):
		switch ct {
		case 20:
			sess.ChangeCipherSpec(dir)
		case 22:
			x.feedHandshakes(dir, body)
		}
	case err != nil:
		if !errors.Is(err, tls.ErrNoKeys) && sess.Reason() == "" {
			d.expert = "the record could not be decrypted: " + err.Error()
		}
	default:
		d.ok, d.typ, d.data = true, r.Type, r.Data
		switch r.Type {
		case 22:
			x.feedHandshakes(dir, r.Data)
		case 23:
			x.appPDU(&d, dir)
		}
	}
	if why := sess.Reason(); why != "" && why != x.s.reported && d.expert == "" {
		d.expert = why
		x.s.reported = why
	}
	x.snap.dec = append(x.snap.dec, d)
	return &x.snap.dec[len(x.snap.dec)-1]
}

// feedHandshakes hands the session the handshake messages a record completes, putting together
// those that span records.
func (x *tlsCtx) feedHandshakes(dir int, b []byte) {
	s := x.s
	if len(s.feed[dir]) > 0 {
		b = append(s.feed[dir], b...)
	}
	for len(b) >= 4 {
		n := 4 + (int(b[1])<<16 | int(b[2])<<8 | int(b[3]))
		if n > len(b) {
			break
		}
		s.sess.Handshake(dir, b[:n])
		b = b[n:]
	}
	if len(b) > 0 && len(b) <= tlsMaxHsMsg {
		s.feed[dir] = append([]byte(nil), b...)
	} else {
		s.feed[dir] = nil
	}
}

// appPDU decides, in the first pass, whether decrypted application data completes a PDU of the
// application protocol (only HTTP asks for more) and keeps what it does not complete.
func (x *tlsCtx) appPDU(d *tlsDec, dir int) {
	s := x.s
	h, _ := x.appHandle(d.data)
	if h != handleHTTP && h != handleHTTP2 {
		return
	}
	buf := d.data
	multi := len(s.appBuf[dir]) > 0
	if multi {
		buf = append(append([]byte(nil), s.appBuf[dir]...), d.data...)
	}
	seg := pduSeg{x.c.Frame.Number, uint32(len(d.data))}
	incomplete := httpIncomplete
	if h == handleHTTP2 {
		incomplete = h2Incomplete
	}
	if incomplete(buf) {
		s.appBuf[dir] = append(s.appBuf[dir][:0:0], buf...)
		if !multi {
			s.appSegs[dir] = nil
		}
		s.appSegs[dir] = append(s.appSegs[dir], seg)
		d.segment = true
		return
	}
	s.appBuf[dir] = nil
	if multi {
		d.pdu = buf
		d.pduSegs = append(s.appSegs[dir], seg)
	}
	s.appSegs[dir] = nil
}

// appHandle chooses the dissector of decrypted application data: the protocol of a matching RSA key
// entry, the port's, ALPN's, then HTTP if the data starts like an HTTP message (Wireshark's
// "http_tls" heuristic, which leaves tls.app_data_proto out: named is false).
func (x *tlsCtx) appHandle(data []byte) (h *Handle, named bool) {
	s := x.s
	proto := ""
	if x.c.State != nil {
		if st := x.c.State.slot(tlsSlot).(*tlsState); st.keys != nil {
			proto = st.keys.ProtocolFor(s.server)
		}
	}
	switch {
	case proto == "http":
		return handleHTTP, true
	case proto != "":
		return nil, false
	}
	if s.alpn == "h2" { // the "tls.alpn" table: the protocol the Server Hello chose wins over the port
		return handleHTTP2, true
	}
	if name := tlsPorts[x.c.MatchPort]; name == "Hypertext Transfer Protocol" {
		return handleHTTP, true
	}
	if s.alpn == "http/1.1" || s.alpn == "http/1.0" {
		return handleHTTP, true
	}
	if len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			end = len(data)
		}
		if httpLineType(bytes.TrimRight(data[:end], "\r")) != httpOthers {
			return handleHTTP, false
		}
	}
	return nil, false
}

// h2Incomplete reports whether b, decrypted HTTP/2, ends inside a frame (tcp_dissect_pdus over TLS
// asks for more). A record that holds whole frames and the start of another waits as a whole.
func h2Incomplete(b []byte) bool {
	for len(b) > 0 {
		n := h2FrameLen(b)
		if n == 0 && len(b) < len(h2Magic) && string(h2Magic[:len(b)]) == string(b) {
			return true
		}
		if n == 0 || n > len(b) {
			return true
		}
		b = b[n:]
	}
	return false
}

// httpIncomplete reports whether b, the start of an HTTP message, needs more data as Wireshark's
// HTTP desegmentation asks: headers without their end, a body shorter than its Content-Length,
// chunks without the last one, or a response that lasts until the connection closes.
func httpIncomplete(b []byte) bool {
	end := bytes.Index(b, []byte("\r\n\r\n"))
	hl := 4
	if end < 0 {
		if end = bytes.Index(b, []byte("\n\n")); end < 0 {
			return true
		}
		hl = 2
	}
	head := b[:end]
	body := b[end+hl:]
	first, _, _ := bytes.Cut(head, []byte("\n"))
	first = bytes.TrimRight(first, "\r")
	typ := httpLineType(first)
	if typ == httpOthers {
		return false
	}
	cl := int64(-1)
	chunked := false
	for _, line := range bytes.Split(head, []byte("\n"))[1:] {
		line = bytes.TrimRight(line, "\r")
		name, val, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		val = bytes.TrimSpace(val)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if n, ok := parseContentLength(val); ok {
				cl = n
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.Contains(bytes.ToLower(val), []byte("chunked"))
		}
	}
	switch {
	case chunked:
		return !bytes.Contains(body, []byte("0\r\n\r\n"))
	case cl >= 0:
		return int64(len(body)) < cl
	case typ == httpResponse:
		// No length: the body lasts until the connection closes, unless the status has none.
		code := 0
		if f := bytes.Fields(first); len(f) >= 2 {
			code, _ = strconv.Atoi(string(f[1]))
		}
		return !(code/100 == 1 || code == 204 || code == 304)
	}
	return false
}

// plainRecord dissects a decrypted record's plaintext and returns the record's label.
func (x *tlsCtx) plainRecord(p, rec int32, t Tvb, ct uint8, d *tlsDec) string {
	c := x.c
	l := t.Len() - 5
	c.T.Sources = append(c.T.Sources, field.Source{Name: "Decrypted TLS", Bytes: d.data})
	pt := Tvb{B: d.data, Src: uint8(len(c.T.Sources) - 1)}
	if x.s.version == 0x0304 {
		c.AddGenerated(rec, hfTLSContentType, t, 0, 0, field.Value{U: uint64(d.typ)})
	}
	switch d.typ {
	case 20:
		c.AddProto(rec, hfTLSCCS, pt, 0, pt.Len())
		c.AppendInfoSep(", ", "Change Cipher Spec")
		return "Change Cipher Spec Protocol: Change Cipher Spec"
	case 21:
		a := c.AddProto(rec, hfTLSAlert, pt, 0, pt.Len())
		if pt.Len() < 2 {
			c.AppendInfoSep(", ", "Alert")
			return "Alert"
		}
		_, lv := c.AddUint(a, hfTLSAlertLevel, pt, 0, 1)
		_, ds := c.AddUint(a, hfTLSAlertDesc, pt, 1, 1)
		txt := "Alert (Level: " + tlsValueName(tlsAlertLevelNames, lv) + ", Description: " + tlsValueName(tlsAlertDescNames, ds) + ")"
		c.AppendInfoSep(", ", txt)
		return txt
	case 22:
		x.plain = true
		names := x.handshakes(rec, pt)
		x.plain = false
		return "Handshake Protocol: " + names
	case 23:
		c.AddBytes(rec, hfTLSAppData, t, 5, l)
		h, named := x.appHandle(d.data)
		label := "Application Data Protocol: Application Data"
		name := x.appName
		switch {
		case h == handleHTTP && named:
			name = "Hypertext Transfer Protocol"
		case h == handleHTTP2:
			name = "HyperText Transfer Protocol 2"
		}
		if name != "" {
			c.AddGenerated(rec, hfTLSAppProto, t, 0, 0, field.Value{B: []byte(name)})
			label = "Application Data Protocol: " + name
		}
		x.after = append(x.after, tlsApp{h: h, pt: pt, d: d})
		return label
	}
	name := tlsValueName(tlsContentNames, uint64(d.typ))
	c.AppendInfoSep(", ", name)
	return name + " Protocol"
}

// tlsApp is decrypted application data waiting for its protocol's dissector.
type tlsApp struct {
	h  *Handle
	pt Tvb
	d  *tlsDec
}

// flushApp hands the frame's decrypted application data to its dissectors once the TLS tree is
// complete, as Wireshark does: a sibling of the TLS tree.
func (x *tlsCtx) flushApp(p int32) {
	c := x.c
	for _, a := range x.after {
		switch {
		case a.d.segment:
			n := c.AddBytes(p, hfTLSSegmentData, a.pt, 0, a.pt.Len())
			c.Label(n, "TLS segment data (%d bytes)", a.pt.Len())
			c.SetInfo("[TLS segment of a reassembled PDU]")
		case a.h != nil:
			pt := a.pt
			if a.d.pdu != nil {
				n := c.AddBytes(p, hfTLSSegmentData, a.pt, 0, a.pt.Len())
				c.Label(n, "TLS segment data (%d bytes)", a.pt.Len())
				c.T.Sources = append(c.T.Sources, field.Source{Name: "Reassembled TLS", Bytes: a.d.pdu})
				pt = Tvb{B: a.d.pdu, Src: uint8(len(c.T.Sources) - 1)}
				x.segmentsTree(pt, a.d.pduSegs)
			}
			x.pduSizes(a.h, pt)
			c.Call(a.h, pt, x.top)
		default:
			c.CallData(a.pt, x.top)
		}
	}
	x.after = x.after[:0]
}

// pduSizes adds TCP's "PDU Size" items for the PDUs of decrypted data whose protocol is dissected
// with tcp_dissect_pdus (HTTP/2): tcp_dissect_pdus puts them in the frame's TCP tree, over TLS too.
func (x *tlsCtx) pduSizes(h *Handle, pt Tvb) {
	c := x.c
	fn := pduLens[h]
	if !pduSizeItems[h] || fn == nil || !c.T.Wants(hfTCPPDUSize) {
		return
	}
	top := x.tcpTop
	if top <= 0 {
		top = tlsTCPNode(c)
	}
	if top <= 0 {
		return
	}
	for off := 0; off < pt.Len(); {
		c.pduScan = PDUScan{}
		n := fn(c, pt.Sub(off), &c.pduScan)
		if n <= 0 || n > pt.Len()-off {
			return
		}
		c.generated(c.AddUintV(top, hfTCPPDUSize, pt, off, n, uint64(n)))
		off += n
	}
}

// segmentsTree adds "[4 Reassembled TLS segments (1747 bytes): #24(512), ...]" over the
// reassembled application PDU pt.
func (x *tlsCtx) segmentsTree(pt Tvb, segs []pduSeg) {
	c := x.c
	tr := c.T
	if !tr.Wants(hfTLSSegments) && !tr.Wants(hfTLSSegment) && !tr.Wants(hfTLSSegmentCount) &&
		!tr.Wants(hfTLSReasmLength) && !tr.Wants(hfTLSReasmData) {
		return
	}
	top := c.segmentsTree(x.top, hfTLSSegments, hfTLSSegment, "Reassembled TLS segments", pt, segs)
	c.AddGenerated(top, hfTLSSegmentCount, pt, 0, 0, field.Value{U: uint64(len(segs))})
	c.AddGenerated(top, hfTLSReasmLength, pt, 0, 0, field.Value{U: uint64(pt.Len())})
	c.AddGenerated(top, hfTLSReasmData, pt, 0, pt.Len(), field.Value{B: pt.B})
}

func tlsValueName(m map[uint64]string, v uint64) string {
	if s, ok := m[v]; ok {
		return s
	}
	return "Unknown (" + strconv.FormatUint(v, 10) + ")"
}

// TLSRSAOps returns how many RSA private-key operations (pre-master secret decryptions) the first
// pass has done so far.
func TLSRSAOps(s *State) int {
	if st := s.slot(tlsSlot).(*tlsState); st.cache != nil {
		return st.cache.RSAOps()
	}
	return 0
}

// TLSAppData is decrypted application data of one record, for Follow TLS Stream.
type TLSAppData struct {
	FromServer bool
	Data       []byte
}

// TLSDecrypted returns the decrypted application data of frame n, in record order, and whether the
// frame had any decrypted record at all (Wireshark's follow tap counts a frame's sender as the
// client when it is the stream's first frame with decrypted records). Valid after the first pass
// has seen the frame.
func TLSDecrypted(s *State, n uint32) (recs []TLSAppData, any bool) {
	st := s.slot(tlsSlot).(*tlsState)
	snap := st.frames[n]
	if snap == nil {
		return nil, false
	}
	for _, d := range snap.dec {
		if !d.ok {
			continue
		}
		any = true
		if d.typ == 23 {
			recs = append(recs, TLSAppData{FromServer: snap.fromServer, Data: d.data})
		}
	}
	return recs, any
}

// ticket13 dissects a TLS 1.3 New Session Ticket (RFC 8446 section 4.6.1).
func (x *tlsCtx) ticket13(h int32, t Tvb) {
	c := x.c
	tk := c.AddText(h, t, 0, t.Len(), "TLS Session Ticket")
	n, v := c.AddUint(tk, hfTLSTicketHint, t, 0, 4)
	c.Label(n, "Session Ticket Lifetime Hint: %d seconds (%s)", v, dnsTimeSecs(uint32(v)))
	c.AddUint(tk, hfTLSTicketAge, t, 4, 4)
	_, nl := c.AddUint(tk, hfTLSTicketNLen, t, 8, 1)
	if n := c.AddBytes(tk, hfTLSTicketNonce, t, 9, int(nl)); nl == 0 {
		c.Label(n, "Session Ticket Nonce: <MISSING>")
	}
	o := 9 + int(nl)
	_, l := c.AddUint(tk, hfTLSTicketLen, t, o, 2)
	c.AddBytes(tk, hfTLSTicket, t, o+2, int(l))
	o += 2 + int(l)
	if o+2 <= t.Len() {
		var ja3 tlsJA3
		x.extensions(tk, t, o, 4, &ja3)
	}
}

// overTLS reports whether the data being dissected was decrypted from TLS (HTTP's "https://").
func (c *Ctx) overTLS() bool {
	return bytes.Contains(c.layers, []byte(":tls:"))
}
