// Package hostile builds captures whose strings attack the terminal that shows them: control bytes,
// ANSI escape sequences (OSC title and clipboard writes, CSI, DCS), C1 controls, bidirectional
// overrides and invalid UTF-8, placed in every protocol string tshark-tui prints and in a pcapng file's
// metadata. Check tells whether output text is safe to show. Test helper only: it imports nothing of
// ours, so every package's tests may use it.
package hostile

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"unicode/utf8"
)

// Payload is one hostile string with the class of attack it carries.
type Payload struct {
	Class string
	S     string
}

// Payloads is every class of hostile text. None holds a space, CR or LF, so each fits in a URI, a
// header value or a command argument whole.
var Payloads = []Payload{
	{"osc-title", "a\x1b]0;PWNED\x07b"},
	{"osc52-clipboard", "a\x1b]52;c;cHduZWQ=\x07b"},
	{"csi-clear", "a\x1b[2J\x1b[Hb"},
	{"dcs", "a\x1bP1$r\x1b\\b"},
	{"c0", "a\x01\x08\x0b\x0c\x1fb"},
	{"del", "a\x7fb"},
	{"nul", "a\x00b"},
	{"c1-utf8", "a\u009b31m\u0085\u009db"},
	{"c1-raw", "a\x9b31m\x9db"},
	{"bidi", "a\u202egnp.exe\u202c\u2066\u2069\u200f\u061cb"},
	{"format", "a\u200b\ufeff\u00ad\u2028\u2029b"},
	{"invalid-utf8", "a\xff\xfe\xc0\x80\xed\xa0\x80\xe2\x80b"},
	{"overlong-esc", "a\xc0\x9b[2Jb"},
}

// All is the last payload: every class in one string (cut to 63 bytes in a DNS label), so that one
// packet per protocol shows them all. Its packets are the ones whose bytes contain both "PWNED" and
// "gnp.exe".
const All = "all"

func init() {
	var b bytes.Buffer
	for _, p := range Payloads {
		b.WriteString(p.S[1 : len(p.S)-1])
	}
	Payloads = append(Payloads, Payload{All, "a" + b.String() + "b"})
}

// Check reports the first byte sequence in out that must never reach a terminal raw: a C0 control other
// than newline, tab and a carriage return that ends a line (follow ascii keeps CRLF line ends), DEL, a C1 control, a bidirectional control or invalid UTF-8. (The line and
// paragraph separators U+2028 and U+2029 pass: tshark prints them, and terminals draw them as blanks.) It names the offset and shows the surrounding text quoted.
func Check(out []byte) error {
	for i := 0; i < len(out); {
		c := out[i]
		if c < 0x80 {
			crlf := c == '\r' && i+1 < len(out) && out[i+1] == '\n'
			if (c < 0x20 && c != '\n' && c != '\t' && !crlf) || c == 0x7f {
				return unsafeAt(out, i, fmt.Sprintf("raw control byte 0x%02x", c))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(out[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return unsafeAt(out, i, fmt.Sprintf("invalid UTF-8 byte 0x%02x", c))
		case r >= 0x80 && r < 0xa0:
			return unsafeAt(out, i, fmt.Sprintf("C1 control U+%04X", r))
		case IsBidi(r):
			return unsafeAt(out, i, fmt.Sprintf("bidirectional control U+%04X", r))
		}
		i += n
	}
	return nil
}

// IsBidi reports the Unicode bidirectional formatting characters (embeddings, overrides, isolates and
// marks) that reorder how a terminal shows the text around them.
func IsBidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

func unsafeAt(out []byte, i int, what string) error {
	lo, hi := max(0, i-60), min(len(out), i+40)
	line := bytes.LastIndexByte(out[:i], '\n') + 1
	return fmt.Errorf("%s at offset %d (line starting %q): %q", what, i, firstLine(out[line:]), out[lo:hi])
}

func firstLine(b []byte) []byte {
	if j := bytes.IndexByte(b, '\n'); j >= 0 {
		b = b[:j]
	}
	return b[:min(len(b), 50)]
}

// Credentials holds the user name and password used in the credential exchanges of payload i.
func Credentials(i int) (user, pass string) { return "u" + Payloads[i].S, "p" + Payloads[i].S }

// Write writes the hostile capture as pcapng: the section header's comment, hardware, OS and
// application, the interface's name and description, and one packet comment carry payloads; the
// packets carry them in DNS names and TXT strings, HTTP request lines and headers (Host, User-Agent,
// Basic credentials), TLS SNI, SSDP header names and values, FTP, POP, IMAP, SMTP and telnet
// credentials.
func Write(w io.Writer) error {
	g := &gen{}
	all := allText()
	g.shb(all)
	g.idb(all)
	g.packets()
	_, err := w.Write(g.out)
	return err
}

// allText is every payload in a row, for the metadata fields that hold one string.
func allText() string { return Payloads[len(Payloads)-1].S }

type gen struct {
	out    []byte
	frames [][]byte // the frames written, in order
	ts     uint64   // ns
	ipid   uint16
	port   uint16
}

var le = binary.LittleEndian

func opt(b []byte, code uint16, v string) []byte {
	if len(v) > 0xffff {
		v = v[:0xffff]
	}
	b = le.AppendUint16(b, code)
	b = le.AppendUint16(b, uint16(len(v)))
	b = append(b, v...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

func (g *gen) block(typ uint32, body []byte) {
	n := uint32(12 + len(body))
	g.out = le.AppendUint32(g.out, typ)
	g.out = le.AppendUint32(g.out, n)
	g.out = append(g.out, body...)
	g.out = le.AppendUint32(g.out, n)
}

func (g *gen) shb(s string) {
	var b []byte
	b = le.AppendUint32(b, 0x1a2b3c4d)
	b = le.AppendUint16(b, 1)
	b = le.AppendUint16(b, 0)
	b = le.AppendUint64(b, ^uint64(0))
	b = opt(b, 1, "shb comment "+s)
	b = opt(b, 2, "hw "+s)
	b = opt(b, 3, "os "+s)
	b = opt(b, 4, "app "+s)
	b = opt(b, 0, "")
	g.block(0x0a0d0d0a, b)
}

func (g *gen) idb(s string) {
	var b []byte
	b = le.AppendUint16(b, 1) // Ethernet
	b = le.AppendUint16(b, 0)
	b = le.AppendUint32(b, 262144)
	b = opt(b, 2, "eth"+s)
	b = opt(b, 3, "desc "+s)
	b = opt(b, 9, "\x09") // nanoseconds
	b = opt(b, 0, "")
	g.block(1, b)
}

// frame writes one Ethernet frame as an enhanced packet block, with comments when given.
func (g *gen) frame(data []byte, comments ...string) {
	g.frames = append(g.frames, data)
	g.ts += 1_000_000
	var b []byte
	b = le.AppendUint32(b, 0)
	b = le.AppendUint32(b, uint32((1_700_000_000_000_000_000+g.ts)>>32))
	b = le.AppendUint32(b, uint32(1_700_000_000_000_000_000+g.ts))
	b = le.AppendUint32(b, uint32(len(data)))
	b = le.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	if len(comments) > 0 {
		for _, c := range comments {
			b = opt(b, 1, c)
		}
		b = opt(b, 0, "")
	}
	g.block(6, b)
}

var (
	macC = []byte{0x02, 0, 0, 0, 0, 1}
	macS = []byte{0x02, 0, 0, 0, 0, 2}
	ipC  = []byte{10, 0, 0, 1}
	ipS  = []byte{10, 0, 0, 2}
)

func csum(b []byte) uint16 {
	var s uint32
	for i := 0; i+1 < len(b); i += 2 {
		s += uint32(b[i])<<8 | uint32(b[i+1])
	}
	if len(b)%2 == 1 {
		s += uint32(b[len(b)-1]) << 8
	}
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	return ^uint16(s)
}

// ipv4 returns an Ethernet+IPv4 frame carrying the transport segment seg (checksum filled in).
func (g *gen) ipv4(toServer bool, proto byte, seg []byte) []byte {
	src, dst, smac, dmac := ipC, ipS, macC, macS
	if !toServer {
		src, dst, smac, dmac = ipS, ipC, macS, macC
	}
	// transport checksum over the pseudo header
	ph := append(append(append([]byte{}, src...), dst...), 0, proto, byte(len(seg)>>8), byte(len(seg)))
	ck := 16
	if proto == 17 {
		ck = 6
	}
	binary.BigEndian.PutUint16(seg[ck:], csum(append(ph, seg...)))
	g.ipid++
	ip := []byte{0x45, 0, 0, 0, byte(g.ipid >> 8), byte(g.ipid), 0x40, 0, 64, proto, 0, 0}
	binary.BigEndian.PutUint16(ip[2:], uint16(20+len(seg)))
	ip = append(append(ip, src...), dst...)
	binary.BigEndian.PutUint16(ip[10:], csum(ip))
	f := append(append(append([]byte{}, dmac...), smac...), 0x08, 0x00)
	return append(append(f, ip...), seg...)
}

func (g *gen) udp(toServer bool, sport, dport uint16, payload []byte, comments ...string) {
	if !toServer {
		sport, dport = dport, sport
	}
	u := binary.BigEndian.AppendUint16(nil, sport)
	u = binary.BigEndian.AppendUint16(u, dport)
	u = binary.BigEndian.AppendUint16(u, uint16(8+len(payload)))
	u = append(u, 0, 0)
	g.frame(g.ipv4(toServer, 17, append(u, payload...)), comments...)
}

// tcpConn is one TCP connection; its segments carry the given payloads in order.
type tcpConn struct {
	g            *gen
	cport, sport uint16
	seq          [2]uint32 // next sequence number: client, server
}

func (g *gen) tcp(sport uint16) *tcpConn {
	g.port++
	c := &tcpConn{g: g, cport: 40000 + g.port, sport: sport, seq: [2]uint32{1000, 5000}}
	c.seg(true, 0x02, nil)
	c.seg(false, 0x12, nil)
	c.seg(true, 0x10, nil)
	return c
}

func (c *tcpConn) seg(toServer bool, flags byte, payload []byte) {
	d, sp, dp := 0, c.cport, c.sport
	if !toServer {
		d, sp, dp = 1, c.sport, c.cport
	}
	t := binary.BigEndian.AppendUint16(nil, sp)
	t = binary.BigEndian.AppendUint16(t, dp)
	t = binary.BigEndian.AppendUint32(t, c.seq[d])
	ack := uint32(0)
	if flags&0x10 != 0 {
		ack = c.seq[1-d]
	}
	t = binary.BigEndian.AppendUint32(t, ack)
	t = append(t, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0)
	c.seq[d] += uint32(len(payload))
	if flags&0x03 != 0 {
		c.seq[d]++
	}
	c.g.frame(c.g.ipv4(toServer, 6, append(t, payload...)))
}

func (c *tcpConn) send(toServer bool, s string) { c.seg(toServer, 0x18, []byte(s)) }

func (c *tcpConn) close() {
	c.seg(true, 0x11, nil)
	c.seg(false, 0x11, nil)
	c.seg(true, 0x10, nil)
}

// Stream returns the Ethernet frames of one TCP connection from 10.0.0.1 to 10.0.0.2:port: the
// handshake, then each payload sent by the client in a segment of its own (for inputs that cost
// work, such as a header that never ends arriving one line a segment).
func Stream(port uint16, payloads ...[]byte) [][]byte {
	g := &gen{}
	c := g.tcp(port)
	for _, p := range payloads {
		c.seg(true, 0x18, p)
	}
	return g.frames
}

// UDP returns the Ethernet frame of one UDP datagram from 10.0.0.1:sport to 10.0.0.2:dport.
func UDP(sport, dport uint16, payload []byte) []byte {
	g := &gen{}
	g.udp(true, sport, dport, payload)
	return g.frames[0]
}

// WriteFrames writes Ethernet frames as a pcapng file, a millisecond apart.
func WriteFrames(w io.Writer, frames [][]byte) error {
	g := &gen{}
	g.shb("")
	g.idb("")
	for _, f := range frames {
		g.frame(f)
	}
	_, err := w.Write(g.out)
	return err
}

func (g *gen) packets() {
	g.udp(true, 32999, 53, dnsQuery(1, "example.com"), "packet comment "+allText())
	for i, p := range Payloads {
		g.udp(true, 33000+uint16(i), 53, dnsQuery(uint16(i+2), p.S))
		g.udp(false, 33000+uint16(i), 53, dnsResponse(uint16(i+2), p.S))
	}
	for i, p := range Payloads {
		g.udp(true, 34000+uint16(i), 1900, []byte("NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"+
			"X"+p.S+": v\r\nSERVER: "+p.S+"\r\nUSN: "+p.S+"\r\n\r\n"))
	}
	for i, p := range Payloads {
		user, pass := Credentials(i)
		h := g.tcp(80)
		h.send(true, "GET /"+p.S+" HTTP/1.1\r\nHost: "+p.S+"\r\nUser-Agent: "+p.S+"\r\nAuthorization: Basic "+
			base64.StdEncoding.EncodeToString([]byte(user+":"+pass))+"\r\n\r\n")
		h.send(false, "HTTP/1.1 200 "+p.S+"\r\nServer: "+p.S+"\r\nContent-Type: text/plain\r\nContent-Length: "+
			fmt.Sprint(len(p.S))+"\r\n\r\n"+p.S)
		h.close()
	}
	for _, p := range Payloads {
		h := g.tcp(443)
		h.send(true, string(clientHello(p.S)))
		h.close()
	}
	ftp := g.tcp(21)
	ftp.send(false, "220 "+Payloads[0].S+"\r\n")
	for i := range Payloads {
		user, pass := Credentials(i)
		ftp.send(true, "USER "+user+"\r\n")
		ftp.send(false, "331 Password required for "+user+"\r\n")
		ftp.send(true, "PASS "+pass+"\r\n")
		ftp.send(false, "530 Login incorrect\r\n")
	}
	ftp.close()
	pop := g.tcp(110)
	pop.send(false, "+OK "+Payloads[0].S+"\r\n")
	for i := range Payloads {
		user, pass := Credentials(i)
		pop.send(true, "USER "+user+"\r\n")
		pop.send(false, "+OK\r\n")
		pop.send(true, "PASS "+pass+"\r\n")
		pop.send(false, "-ERR\r\n")
	}
	pop.close()
	imap := g.tcp(143)
	imap.send(false, "* OK "+Payloads[0].S+"\r\n")
	for i := range Payloads {
		user, pass := Credentials(i)
		imap.send(true, fmt.Sprintf("a%d LOGIN %s %s\r\n", i, user, pass))
		imap.send(false, fmt.Sprintf("a%d NO\r\n", i))
	}
	imap.close()
	smtp := g.tcp(25)
	smtp.send(false, "220 "+Payloads[0].S+"\r\n")
	for i := range Payloads {
		user, pass := Credentials(i)
		smtp.send(true, "AUTH LOGIN\r\n")
		smtp.send(false, "334 VXNlcm5hbWU6\r\n")
		smtp.send(true, base64.StdEncoding.EncodeToString([]byte(user))+"\r\n")
		smtp.send(false, "334 UGFzc3dvcmQ6\r\n")
		smtp.send(true, base64.StdEncoding.EncodeToString([]byte(pass))+"\r\n")
		smtp.send(false, "535 "+Payloads[i].S+"\r\n")
		smtp.send(true, "AUTH PLAIN "+base64.StdEncoding.EncodeToString([]byte("\x00"+user+"\x00"+pass))+"\r\n")
		smtp.send(false, "535 no\r\n")
	}
	smtp.close()
	for i := range Payloads {
		user, pass := Credentials(i)
		t := g.tcp(23)
		t.send(false, "login: ")
		t.send(true, user+"\r\n")
		t.send(false, "Password: ")
		t.send(true, pass+"\r\n")
		t.send(false, Payloads[i].S+"\r\n")
		t.close()
	}
}

// dnsName encodes name as one label per dot-separated part (a part longer than 63 bytes is cut).
func dnsName(b []byte, name string) []byte {
	for _, l := range bytes.Split([]byte(name), []byte(".")) {
		l = l[:min(len(l), 63)]
		b = append(b, byte(len(l)))
		b = append(b, l...)
	}
	return append(b, 0)
}

func dnsQuery(id uint16, name string) []byte {
	b := binary.BigEndian.AppendUint16(nil, id)
	b = append(b, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0)
	b = dnsName(b, name)
	return append(b, 0, 16, 0, 1) // TXT IN
}

func dnsResponse(id uint16, name string) []byte {
	b := binary.BigEndian.AppendUint16(nil, id)
	b = append(b, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0)
	b = dnsName(b, name)
	b = append(b, 0, 16, 0, 1)
	// TXT answer with the payload as its string
	b = append(b, 0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 60)
	txt := append([]byte{byte(len(name))}, name...)
	b = binary.BigEndian.AppendUint16(b, uint16(len(txt)))
	b = append(b, txt...)
	// CNAME answer pointing to the payload as a name
	b = append(b, 0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60)
	cn := dnsName(nil, name+".example")
	b = binary.BigEndian.AppendUint16(b, uint16(len(cn)))
	return append(b, cn...)
}

// clientHello is a TLS 1.2 ClientHello record with sni as its server name.
func clientHello(sni string) []byte {
	var ext []byte
	// server_name
	sn := append([]byte{0}, byte(len(sni)>>8), byte(len(sni)))
	sn = append(sn, sni...)
	list := binary.BigEndian.AppendUint16(nil, uint16(len(sn)))
	list = append(list, sn...)
	ext = binary.BigEndian.AppendUint16(ext, 0)
	ext = binary.BigEndian.AppendUint16(ext, uint16(len(list)))
	ext = append(ext, list...)
	// ALPN with the payload as a protocol name
	alpn := append([]byte{byte(len(sni))}, sni...)
	al := binary.BigEndian.AppendUint16(nil, uint16(len(alpn)))
	al = append(al, alpn...)
	ext = binary.BigEndian.AppendUint16(ext, 16)
	ext = binary.BigEndian.AppendUint16(ext, uint16(len(al)))
	ext = append(ext, al...)

	body := []byte{3, 3}
	body = append(body, make([]byte, 32)...) // random
	body = append(body, 0)                   // session id
	body = append(body, 0, 2, 0xc0, 0x2f)    // one cipher suite
	body = append(body, 1, 0)                // null compression
	body = binary.BigEndian.AppendUint16(body, uint16(len(ext)))
	body = append(body, ext...)
	hs := append([]byte{1, 0, byte(len(body) >> 8), byte(len(body))}, body...)
	rec := append([]byte{0x16, 3, 1}, byte(len(hs)>>8), byte(len(hs)))
	return append(rec, hs...)
}
