//go:debug tlsrsakex=1
//go:debug tls3des=1
//go:debug tls10server=1

package tls_test

import (
	"bytes"
	ctls "crypto/tls"
	"errors"
	"io"
	"net"
	"net/netip"
	"sync"
	"testing"

	"github.com/tshark-tui/tshark-tui/tls"
)

// recorder logs what each side of a net.Pipe writes, in causal order.
type recorder struct {
	mu     sync.Mutex
	chunks []chunk
}

type chunk struct {
	dir  int
	data []byte
}

type recConn struct {
	net.Conn
	r   *recorder
	dir int
}

func (c recConn) Write(b []byte) (int, error) {
	c.r.mu.Lock()
	c.r.chunks = append(c.r.chunks, chunk{c.dir, append([]byte(nil), b...)})
	c.r.mu.Unlock()
	return c.Conn.Write(b)
}

var (
	request  = []byte("GET /hello.txt HTTP/1.1\r\nHost: test\r\n\r\n")
	response = bytes.Repeat([]byte("hello over TLS "), 100)
)

// exchange runs one crypto/tls connection: the client sends request, the server answers with
// response, and both close. It returns the bytes each side wrote.
func exchange(t *testing.T, client, server *ctls.Config) []chunk {
	t.Helper()
	a, b := net.Pipe()
	r := &recorder{}
	cc := ctls.Client(recConn{a, r, tls.FromClient}, client)
	sc := ctls.Server(recConn{b, r, tls.FromServer}, server)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := make([]byte, len(request))
		if _, err := io.ReadFull(sc, buf); err != nil {
			t.Errorf("server read: %v", err)
			return
		}
		sc.Write(response)
		sc.Close()
	}()
	if _, err := cc.Write(request); err != nil {
		t.Fatalf("client write: %v", err)
	}
	if _, err := io.ReadAll(cc); err != nil && !errors.Is(err, io.ErrClosedPipe) {
		t.Logf("client read: %v", err)
	}
	cc.Close()
	wg.Wait()
	return r.chunks
}

// replay feeds the recorded streams to a Session as the dissector would and returns the
// application data of each side.
func replay(t *testing.T, s *tls.Session, chunks []chunk) (app [2][]byte, fullHandshake bool) {
	t.Helper()
	var buf [2][]byte
	for _, c := range chunks {
		buf[c.dir] = append(buf[c.dir], c.data...)
		for len(buf[c.dir]) >= 5 {
			b := buf[c.dir]
			l := int(b[3])<<8 | int(b[4])
			if len(b) < 5+l {
				break
			}
			ct, ver, body := b[0], uint16(b[1])<<8|uint16(b[2]), b[5:5+l]
			buf[c.dir] = b[5+l:]
			r, err := s.Decrypt(c.dir, ct, ver, body)
			switch {
			case errors.Is(err, tls.ErrNotEncrypted):
				r = tls.Record{Type: ct, Data: body}
			case err != nil:
				t.Fatalf("side %d record type %d: %v (%s)", c.dir, ct, err, s.Reason())
			}
			switch r.Type {
			case 20:
				s.ChangeCipherSpec(c.dir)
			case 22:
				for m := r.Data; len(m) >= 4; {
					n := 4 + (int(m[1])<<16 | int(m[2])<<8 | int(m[3]))
					if n > len(m) {
						break
					}
					if m[0] == 16 {
						fullHandshake = true
					}
					s.Handshake(c.dir, m[:n])
					m = m[n:]
				}
			case 23:
				app[c.dir] = append(app[c.dir], r.Data...)
			}
		}
	}
	return app, fullHandshake
}

type keyLogWriter struct{ bytes.Buffer }

func TestLoopback(t *testing.T) {
	cert, err := ctls.LoadX509KeyPair("testdata/rsa.crt", "testdata/rsa-pkcs1.pem")
	if err != nil {
		t.Fatal(err)
	}
	key, err := tls.LoadKeyFile("testdata/rsa-pkcs1.pem", "")
	if err != nil {
		t.Fatal(err)
	}
	rsaKeys := &tls.Keys{RSA: []tls.RSAKey{{Key: key, File: "rsa-pkcs1.pem"}}}
	server := netip.MustParseAddrPort("192.0.2.1:443")
	tests := []struct {
		name    string
		version uint16
		suite   uint16
		keyLog  bool // decrypt with the client's key log instead of the RSA key
		resume  bool // a second connection resumes the first (ticket)
	}{
		{"TLS1.2 RSA AES128-SHA", ctls.VersionTLS12, 0x002F, false, false},
		{"TLS1.2 RSA AES256-SHA", ctls.VersionTLS12, 0x0035, false, false},
		{"TLS1.2 RSA AES128-SHA256", ctls.VersionTLS12, 0x003C, false, false},
		{"TLS1.2 RSA AES128-GCM-SHA256", ctls.VersionTLS12, 0x009C, false, false},
		{"TLS1.2 RSA AES256-GCM-SHA384", ctls.VersionTLS12, 0x009D, false, false},
		{"TLS1.2 RSA 3DES", ctls.VersionTLS12, 0x000A, false, false},
		{"TLS1.1 RSA AES128-SHA", ctls.VersionTLS11, 0x002F, false, false},
		{"TLS1.0 RSA AES128-SHA", ctls.VersionTLS10, 0x002F, false, false},
		{"TLS1.2 ECDHE CHACHA20", ctls.VersionTLS12, 0xCCA8, true, false},
		{"TLS1.2 ECDHE AES256-GCM-SHA384", ctls.VersionTLS12, 0xC030, true, false},
		{"TLS1.2 ECDHE AES128-SHA256", ctls.VersionTLS12, 0xC027, true, false},
		{"TLS1.3 key log", ctls.VersionTLS13, 0, true, false},
		{"TLS1.2 RSA resumed by ticket", ctls.VersionTLS12, 0x002F, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kl := &keyLogWriter{}
			cc := &ctls.Config{InsecureSkipVerify: true, MinVersion: tc.version, MaxVersion: tc.version, KeyLogWriter: kl}
			sc := &ctls.Config{Certificates: []ctls.Certificate{cert}, MinVersion: tc.version, MaxVersion: tc.version}
			if tc.suite != 0 {
				cc.CipherSuites = []uint16{tc.suite}
				sc.CipherSuites = []uint16{tc.suite}
			}
			if tc.resume {
				cc.ClientSessionCache = ctls.NewLRUClientSessionCache(4)
			}
			cache := tls.NewCache()
			conns := 1
			if tc.resume {
				conns = 2
			}
			for i := 0; i < conns; i++ {
				kl.Reset()
				chunks := exchange(t, cc, sc)
				keys := rsaKeys
				if tc.keyLog {
					l := tls.NewKeyLog()
					if err := l.Parse(bytes.NewReader(kl.Bytes())); err != nil {
						t.Fatal(err)
					}
					keys = &tls.Keys{Logs: []*tls.KeyLog{l}}
				}
				s := tls.NewSession(keys, cache, server)
				app, full := replay(t, s, chunks)
				if tc.resume && i == 1 && full {
					t.Error("the second connection was not resumed")
				}
				if !bytes.Equal(app[tls.FromClient], request) {
					t.Errorf("conn %d: client data %q", i, app[tls.FromClient])
				}
				if !bytes.Equal(app[tls.FromServer], response) {
					t.Errorf("conn %d: server data %d bytes, want %d", i, len(app[tls.FromServer]), len(response))
				}
			}
		})
	}
}
