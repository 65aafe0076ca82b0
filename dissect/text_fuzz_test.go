package dissect

import (
	"encoding/binary"
	"testing"

	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/budget"
)

// textTCPFrame builds an Ethernet/IPv4/TCP frame from port sp to port dp carrying payload.
func textTCPFrame(sp, dp uint16, payload []byte) []byte {
	b := make([]byte, 14+20+20, 14+20+20+len(payload))
	binary.BigEndian.PutUint16(b[12:], 0x0800)
	ip := b[14:]
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], uint16(40+len(payload)))
	ip[8], ip[9] = 64, 6
	copy(ip[12:], []byte{10, 0, 0, 1, 10, 0, 0, 2})
	tcp := b[34:]
	binary.BigEndian.PutUint16(tcp[0:], sp)
	binary.BigEndian.PutUint16(tcp[2:], dp)
	tcp[12] = 5 << 4
	tcp[13] = 0x18
	binary.BigEndian.PutUint16(tcp[14:], 65535)
	return append(b, payload...)
}

func runText(c *Ctx, n uint32, b []byte) {
	c.Run(&FrameInfo{Number: n, CapLen: uint32(len(b)), Len: uint32(len(b)), Link: 1}, b)
}

// TestTextInfo checks Info columns of single-segment messages against what tshark 4.0 prints.
func TestTextInfo(t *testing.T) {
	registerStandIns()
	tests := []struct {
		name    string
		sp, dp  uint16
		payload string
		proto   string
		info    string
	}{
		{"http request", 40000, 80, "GET /healthCheck HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP", "GET /healthCheck HTTP/1.1 "},
		{"http response", 80, 40000, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nhi", "HTTP", "HTTP/1.1 200 OK  (text/html)"},
		{"ftp request", 40000, 21, "USER alice\r\n", "FTP", "Request: USER alice"},
		{"ftp response", 21, 40000, "331 Please specify the password.\r\n", "FTP", "Response: 331 Please specify the password."},
		{"smtp", 40000, 25, "EHLO client\r\n", "SMTP", "C: EHLO client"},
		{"pop", 110, 40000, "+OK\r\n", "POP", "S: +OK"},
		{"imap", 40000, 143, "a001 LOGIN alice secret\r\n", "IMAP", "Request: a001 LOGIN alice secret"},
		{"telnet", 23, 40000, "\xff\xfd\x01login: ", "TELNET", "Telnet Data ..."},
		{"ssh", 40000, 22, "SSH-2.0-OpenSSH_9.2p1\r\n", "SSH", "Client: Protocol (SSH-2.0-OpenSSH_9.2p1)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := field.NewTree(Fields)
			c := NewCtx(tr, NewState())
			c.Cols.On, c.Pass1 = true, true
			runText(c, 1, textTCPFrame(tc.sp, tc.dp, []byte(tc.payload)))
			if c.Cols.Protocol != tc.proto || string(c.Cols.Info) != tc.info {
				t.Errorf("got %q %q, want %q %q", c.Cols.Protocol, c.Cols.Info, tc.proto, tc.info)
			}
		})
	}
}

// FuzzTextProtocols feeds random payloads to the text protocol dissectors on their ports.
func FuzzTextProtocols(f *testing.F) {
	registerStandIns()
	f.Add(uint16(80), []byte("GET / HTTP/1.1\r\nCookie: a=b; c\r\nAuthorization: Basic YTpi\r\n\r\n"))
	f.Add(uint16(80), []byte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
	f.Add(uint16(23), []byte("\xff\xfa\x18\x00xterm\xff\xf0\xff\xfa\x1f\x00\x50\x00\x18\xff\xf0"))
	f.Add(uint16(21), []byte("227 Entering Passive Mode (1,2,3,4,5,6)\r\n"))
	f.Add(uint16(25), []byte("250-a\r\n250 b\r\n"))
	f.Add(uint16(22), []byte("\x00\x00\x00\x0c\x0a\x15\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add(uint16(143), []byte("a1 UID FETCH 1 (FLAGS)\r\n"))
	f.Add(uint16(110), []byte("+OK\r\n1 2\r\n.\r\n"))
	f.Fuzz(func(t *testing.T, port uint16, payload []byte) {
		defer budget.Input(t)() // a slow input is a finding
		tr := field.NewTree(Fields)
		c := NewCtx(tr, NewState())
		c.Cols.On, c.Pass1 = true, true
		for i, dir := range [][2]uint16{{40000, port}, {port, 40000}} {
			runText(c, uint32(i+1), textTCPFrame(dir[0], dir[1], payload))
			for _, n := range tr.Nodes {
				if n.Field == hfDissectorBug {
					t.Fatalf("dissector bug on port %d: %q", port, payload)
				}
			}
		}
	})
}
