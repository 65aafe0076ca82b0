package stats

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Credential is a user name (and password, when the protocol sends it) seen in the clear.
type Credential struct {
	Frame    uint32 // the frame that completed the credential (the password, or the request)
	UserAt   uint32 // the frame with the user name, when it came separately
	Protocol string // as tshark names it: "FTP", "POP3", "IMAP", "SMTP", "HTTP basic auth", ...
	Username string
	Password string
	// Info is tshark's Info column text.
	Info string
	// Tshark marks the credentials tshark 4.0 reports too (with Username as it shows it).
	Tshark bool
}

// Credentials is the -z credentials tap. Plain "credentials" prints tshark 4.0's table; ",all" adds
// what tshark misses (telnet, SMTP and POP/IMAP PLAIN decoded, HTTP Digest, form posts) with passwords
// masked; ",show" also shows the passwords.
type Credentials struct {
	All, Show bool
	creds     []Credential
	dirs      map[dirKey]*dirState
	chunks    [][]byte           // reused by Packet
	apps      map[int64]*appConn // creds_apps.go
	appSeen   map[string]bool
}

type dirKey struct {
	stream   int64
	toServer bool
}

// dirState is one direction of a TCP stream: its pending bytes and the protocol state of the client.
type dirState struct {
	next      uint64 // next expected relative sequence number
	started   bool
	held      []heldSeg // segments after a gap
	heldBytes int
	buf       []byte
	searched  int // bytes of buf already searched for the end of an HTTP head
	frames    []lineFrame
	// client-side state
	proto     string
	pending   string // "user", "pass", "plain", "login-user", "login-pass"
	user      string
	userAt    uint32
	tag       string
	telnetSB  bool
	telnetIAC int
}

type lineFrame struct {
	end   int
	frame uint32
}

// NewCredentials parses "credentials[,all|show]".
func NewCredentials(arg string) (*Credentials, error) {
	rest, ok := splitArg(arg, "credentials")
	if !ok {
		return nil, fmt.Errorf("invalid -z credentials argument %q", arg)
	}
	c := &Credentials{dirs: map[dirKey]*dirState{}}
	for _, o := range strings.Split(rest, ",") {
		switch o {
		case "":
		case "all":
			c.All = true
		case "show":
			c.All, c.Show = true, true
		default:
			return nil, fmt.Errorf("invalid -z credentials option %q (all or show)", o)
		}
	}
	return c, nil
}

// Fields lists what the tap reads.
func (cr *Credentials) Fields() []field.ID {
	return append(append([]field.ID{ids.tcp, ids.tcpSrc, ids.tcpDst, ids.tcpStream, ids.tcpSeq, ids.tcpPayload, ids.icmp, ids.icmpv6},
		appFields()...), enterpriseFields()...)
}

// Credentials returns what was found, in frame order of completion.
func (cr *Credentials) Credentials() []Credential { return cr.creds }

var serverPorts = map[uint64]string{21: "ftp", 23: "telnet", 25: "smtp", 587: "smtp", 110: "pop", 143: "imap", 80: "http", 8080: "http", 8000: "http", 3128: "http"}

// Packet feeds one frame's TCP payload to its stream.
func (cr *Credentials) Packet(c *dissect.Ctx, t *field.Tree, _ bool) {
	cr.appCredentials(c, t) // creds_apps.go
	cr.enterprise(c, t)
	for i := int32(1); i < int32(len(t.Nodes)); i++ {
		if t.Nodes[i].Field != ids.tcp || inError(t, i) {
			continue
		}
		s, d, st, sq := child(t, i, ids.tcpSrc), child(t, i, ids.tcpDst), child(t, i, ids.tcpStream), child(t, i, ids.tcpSeq)
		pl := child(t, i, ids.tcpPayload)
		if s == nil || d == nil || st == nil || sq == nil {
			return
		}
		proto, toServer := serverPorts[d.Value.U]
		if !toServer {
			if proto = serverPorts[s.Value.U]; proto == "" {
				return
			}
		}
		k := dirKey{int64(st.Value.U), toServer}
		ds := cr.dirs[k]
		if ds == nil {
			ds = &dirState{proto: proto}
			cr.dirs[k] = ds
		}
		if pl == nil || len(pl.Value.B) == 0 {
			return
		}
		cr.chunks = ds.feed(sq.Value.U, pl.Value.B, cr.chunks[:0])
		for _, data := range cr.chunks {
			if toServer {
				cr.client(ds, k, data, c.Frame.Number)
				continue
			}
			if proto != "telnet" {
				continue
			}
			// the server's prompt tells what the client types next
			cs := cr.dirs[dirKey{k.stream, true}]
			if cs == nil {
				cs = &dirState{proto: proto}
				cr.dirs[dirKey{k.stream, true}] = cs
			}
			low := strings.ToLower(string(data))
			switch {
			case strings.Contains(low, "password"):
				cs.pending = "pass"
			case strings.Contains(low, "login:") || strings.Contains(low, "username"):
				cs.pending = "user"
			}
		}
		return
	}
}

// maxHeld bounds the bytes a direction holds after a gap, waiting for the missing segment; beyond it
// the gap is taken as lost and the stream goes on after it.
const maxHeld = 64 << 10

// heldSeg is a segment that arrived after a gap.
type heldSeg struct {
	seq  uint64
	data []byte
}

// feed takes one segment and appends to out the bytes that now continue the direction's stream in
// order: retransmitted bytes are dropped, segments after a gap wait until the gap is filled (a fast
// retransmission) or too much waits.
func (ds *dirState) feed(seq uint64, data []byte, out [][]byte) [][]byte {
	if !ds.started {
		ds.started, ds.next = true, seq
	}
	if seq > ds.next {
		ds.held = append(ds.held, heldSeg{seq, append([]byte(nil), data...)})
		ds.heldBytes += len(data)
		if ds.heldBytes <= maxHeld {
			return out
		}
		first := ds.held[0].seq
		for _, h := range ds.held {
			first = min(first, h.seq)
		}
		ds.next = first // the missing bytes were lost
	} else {
		out = ds.take(seq, data, out)
	}
	for progress := true; progress && len(ds.held) > 0; {
		progress = false
		for i, h := range ds.held {
			if h.seq <= ds.next {
				out = ds.take(h.seq, h.data, out)
				ds.heldBytes -= len(h.data)
				ds.held = append(ds.held[:i], ds.held[i+1:]...)
				progress = true
				break
			}
		}
	}
	return out
}

// take appends what of segment [seq, seq+len(data)) lies beyond the stream's next byte.
func (ds *dirState) take(seq uint64, data []byte, out [][]byte) [][]byte {
	end := seq + uint64(len(data))
	if end <= ds.next {
		return out // a retransmission
	}
	if seq < ds.next {
		data = data[ds.next-seq:]
	}
	ds.next = end
	return append(out, data)
}

const maxPending = 64 << 10

func (cr *Credentials) client(ds *dirState, k dirKey, data []byte, frame uint32) {
	if ds.proto == "telnet" {
		cr.telnet(ds, data, frame)
		return
	}
	ds.buf = append(ds.buf, data...)
	if len(ds.buf) > maxPending {
		ds.searched -= len(ds.buf) - maxPending
		ds.buf = ds.buf[len(ds.buf)-maxPending:]
	}
	if ds.proto == "http" {
		cr.http(ds, frame)
		return
	}
	for {
		j := bytes.IndexByte(ds.buf, '\n')
		if j < 0 {
			return
		}
		line := strings.TrimRight(string(ds.buf[:j]), "\r")
		ds.buf = ds.buf[j+1:]
		cr.line(ds, line, frame)
	}
}

func (cr *Credentials) add(c Credential) { cr.creds = append(cr.creds, c) }

// decodePlain splits a SASL PLAIN message ("authzid\0user\0pass").
func decodePlain(b64 string) (user, pass string, ok bool) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil {
		return "", "", false
	}
	parts := strings.Split(string(raw), "\x00")
	if len(parts) != 3 {
		return "", "", false
	}
	return parts[1], parts[2], true
}

func b64(s string) string {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return s
	}
	return string(raw)
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(strings.ReplaceAll(s[1:len(s)-1], `\"`, `"`), `\\`, `\`)
	}
	return s
}

// imapArgs splits IMAP arguments (atoms and quoted strings).
func imapArgs(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			j := 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				j = len(s) - 1
			}
			out = append(out, unquote(s[:j+1]))
			s = s[j+1:]
			continue
		}
		a, rest, _ := strings.Cut(s, " ")
		out = append(out, a)
		s = rest
	}
	return out
}

func (cr *Credentials) line(ds *dirState, line string, frame uint32) {
	upper := strings.ToUpper(line)
	switch ds.pending {
	case "plain":
		ds.pending = ""
		if u, p, ok := decodePlain(line); ok {
			cr.add(Credential{Frame: frame, Protocol: strings.ToUpper(ds.proto) + " AUTH PLAIN", Username: u, Password: p})
		}
		return
	case "login-user":
		ds.user, ds.userAt, ds.pending = line, frame, "login-pass"
		return
	case "login-pass":
		ds.pending = ""
		cr.add(Credential{Frame: frame, UserAt: ds.userAt, Protocol: "SMTP", Username: b64(ds.user), Password: b64(line),
			Tshark: true, Info: "Username in packet " + strconv.FormatUint(uint64(ds.userAt), 10)})
		cr.creds[len(cr.creds)-1].tsharkUser(ds.user)
		return
	}
	switch ds.proto {
	case "ftp", "pop":
		switch {
		case strings.HasPrefix(upper, "USER "):
			ds.user, ds.userAt = line[5:], frame
		case strings.HasPrefix(upper, "PASS "):
			name, info := "FTP", "Username in packet: "
			if ds.proto == "pop" {
				name, info = "POP3", "Username in packet "
			}
			cr.add(Credential{Frame: frame, UserAt: ds.userAt, Protocol: name, Username: ds.user, Password: line[5:],
				Tshark: ds.user != "", Info: info + strconv.FormatUint(uint64(ds.userAt), 10)})
		case strings.HasPrefix(upper, "AUTH PLAIN"):
			cr.plain(ds, line[len("AUTH PLAIN"):], frame)
		}
	case "smtp":
		switch {
		case strings.HasPrefix(upper, "AUTH PLAIN"):
			cr.plain(ds, line[len("AUTH PLAIN"):], frame)
		case strings.HasPrefix(upper, "AUTH LOGIN"):
			if rest := strings.TrimSpace(line[len("AUTH LOGIN"):]); rest != "" {
				ds.user, ds.userAt, ds.pending = rest, frame, "login-pass"
			} else {
				ds.pending = "login-user"
			}
		}
	case "imap":
		_, cmd, _ := strings.Cut(line, " ")
		ucmd := strings.ToUpper(cmd)
		switch {
		case strings.HasPrefix(ucmd, "LOGIN "):
			if a := imapArgs(cmd[6:]); len(a) >= 2 {
				cr.add(Credential{Frame: frame, Protocol: "IMAP", Username: a[0], Password: a[1], Tshark: true})
			}
		case strings.HasPrefix(ucmd, "AUTHENTICATE PLAIN"):
			cr.plain(ds, cmd[len("AUTHENTICATE PLAIN"):], frame)
		}
	}
}

func (cr *Credentials) plain(ds *dirState, rest string, frame uint32) {
	rest = strings.TrimSpace(rest)
	if rest == "" {
		ds.pending = "plain"
		return
	}
	if u, p, ok := decodePlain(rest); ok {
		cr.add(Credential{Frame: frame, Protocol: strings.ToUpper(ds.proto) + " AUTH PLAIN", Username: u, Password: p})
	}
}

// tsharkUser records the user name as tshark shows it (SMTP AUTH LOGIN: still base64).
func (c *Credential) tsharkUser(raw string) { c.Info = c.Info + "\x00" + raw }

// http parses complete request heads (and form bodies) from the client's bytes.
func (cr *Credentials) http(ds *dirState, frame uint32) {
	for {
		// the search resumes where the last one stopped (less the 3 bytes a split "\r\n\r\n" may
		// have left), so a header that never ends costs linear work
		from := max(0, ds.searched-3)
		end := bytes.Index(ds.buf[from:], []byte("\r\n\r\n"))
		if end < 0 {
			ds.searched = len(ds.buf)
			return
		}
		end += from
		ds.searched = end // found again at once while the body is awaited
		head := string(ds.buf[:end])
		bodyLen := 0
		lines := strings.Split(head, "\r\n")
		for _, h := range lines[1:] {
			name, val, _ := strings.Cut(h, ":")
			if strings.EqualFold(strings.TrimSpace(name), "content-length") {
				bodyLen, _ = strconv.Atoi(strings.TrimSpace(val))
			}
		}
		if bodyLen < 0 || bodyLen > maxPending {
			bodyLen = 0
		}
		if len(ds.buf) < end+4+bodyLen {
			return // wait for the body
		}
		body := string(ds.buf[end+4 : end+4+bodyLen])
		ds.buf = ds.buf[end+4+bodyLen:]
		ds.searched = 0
		for _, h := range lines[1:] {
			name, val, _ := strings.Cut(h, ":")
			if !strings.EqualFold(strings.TrimSpace(name), "authorization") && !strings.EqualFold(strings.TrimSpace(name), "proxy-authorization") {
				continue
			}
			val = strings.TrimSpace(val)
			scheme, cred, _ := strings.Cut(val, " ")
			switch strings.ToLower(scheme) {
			case "basic":
				u, p, _ := strings.Cut(b64(cred), ":")
				cr.add(Credential{Frame: frame, Protocol: "HTTP basic auth", Username: u, Password: p, Tshark: true})
			case "digest":
				for _, kv := range strings.Split(cred, ",") {
					k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
					if strings.EqualFold(k, "username") {
						cr.add(Credential{Frame: frame, Protocol: "HTTP digest auth", Username: unquote(v)})
					}
				}
			}
		}
		if strings.HasPrefix(lines[0], "POST ") && body != "" {
			if q, err := url.ParseQuery(body); err == nil {
				var user, pass string
				for k, v := range q {
					lk := strings.ToLower(k)
					switch {
					case strings.Contains(lk, "pass") || lk == "pwd":
						pass = v[0]
					case lk == "user" || lk == "username" || lk == "login" || lk == "email" || lk == "name" || lk == "uid":
						user = v[0]
					}
				}
				if pass != "" {
					cr.add(Credential{Frame: frame, Protocol: "HTTP form", Username: user, Password: pass})
				}
			}
		}
	}
}

// telnet rebuilds typed lines from keystrokes: option negotiation removed, backspaces applied.
func (cr *Credentials) telnet(ds *dirState, data []byte, frame uint32) {
	for _, b := range data {
		switch {
		case ds.telnetIAC == 1: // after IAC
			switch b {
			case 0xff:
				ds.telnetIAC = 0
				ds.buf = append(ds.buf, b)
			case 0xfa:
				ds.telnetSB, ds.telnetIAC = true, 0
			case 0xf0:
				ds.telnetSB, ds.telnetIAC = false, 0
			case 0xfb, 0xfc, 0xfd, 0xfe:
				ds.telnetIAC = 2
			default:
				ds.telnetIAC = 0
			}
			continue
		case ds.telnetIAC == 2: // option byte
			ds.telnetIAC = 0
			continue
		case b == 0xff:
			ds.telnetIAC = 1
			continue
		case ds.telnetSB:
			continue
		}
		switch b {
		case 0x08, 0x7f:
			if len(ds.buf) > 0 {
				ds.buf = ds.buf[:len(ds.buf)-1]
			}
		case 0x15: // ^U kills the line
			ds.buf = ds.buf[:0]
		case '\r', '\n':
			if b == '\n' && len(ds.buf) == 0 {
				continue
			}
			line := string(ds.buf)
			ds.buf = ds.buf[:0]
			switch ds.pending {
			case "user":
				ds.user, ds.userAt, ds.pending = line, frame, ""
			case "pass":
				cr.add(Credential{Frame: frame, UserAt: ds.userAt, Protocol: "TELNET", Username: ds.user, Password: line})
				ds.pending = ""
			}
		case 0:
		default:
			if len(ds.buf) < 4096 {
				ds.buf = append(ds.buf, b)
			}
		}
	}
}

func mask(p string) string {
	if p == "" {
		return ""
	}
	return "********"
}

// Finish prints the table.
func (cr *Credentials) Finish(w io.Writer) error {
	bw := bufio.NewWriter(w)
	const eq = "===================================================================\n"
	bw.WriteString(eq)
	if !cr.All {
		fmt.Fprintf(bw, "%-10s %-16s %-16s %-16s\n", "Packet", "Protocol", "Username", "Info")
		fmt.Fprintf(bw, "%-10s %-16s %-16s %s\n", "------", "--------", "--------", "--------")
		for _, c := range cr.creds {
			if !c.Tshark {
				continue
			}
			user, info := c.Username, c.Info
			if i := strings.IndexByte(info, 0); i >= 0 {
				info, user = info[:i], info[i+1:]
			}
			fmt.Fprintf(bw, "%-10d %-16s %-16s %-16s\n", c.Frame, c.Protocol, field.Escape(user), field.Escape(info))
		}
		bw.WriteString(eq)
		return bw.Flush()
	}
	fmt.Fprintf(bw, "%-10s %-18s %-24s %-24s %s\n", "Packet", "Protocol", "Username", "Password", "User in packet")
	for _, c := range cr.creds {
		p := c.Password
		if !cr.Show {
			p = mask(p)
		}
		u := ""
		if c.UserAt != 0 {
			u = strconv.FormatUint(uint64(c.UserAt), 10)
		}
		fmt.Fprintf(bw, "%-10d %-18s %-24s %-24s %s\n", c.Frame, c.Protocol, field.Escape(c.Username), field.Escape(p), u)
	}
	bw.WriteString(eq)
	return bw.Flush()
}
