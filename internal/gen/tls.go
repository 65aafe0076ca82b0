package gen

var tlsNames = []string{"www.example.com", "api.example.com", "shop.example.net", "static.example.org"}

// Cipher suites offered by a typical TLS 1.2 client, strongest first.
var clientSuites = []uint16{
	0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc009, 0xc013, 0xc00a, 0xc014,
	0x009c, 0x009d, 0x002f, 0x0035, 0x00ff,
}

func be16(b []byte, v int) []byte { return append(b, byte(v>>8), byte(v)) }
func be24(b []byte, v int) []byte { return append(b, byte(v>>16), byte(v>>8), byte(v)) }

// putLen16 and putLen24 patch a length field at off to cover everything after it.
func putLen16(b []byte, off int) { n := len(b) - off - 2; b[off], b[off+1] = byte(n>>8), byte(n) }
func putLen24(b []byte, off int) {
	n := len(b) - off - 3
	b[off], b[off+1], b[off+2] = byte(n>>16), byte(n>>8), byte(n)
}

// tlsSession is an HTTPS client: a full TLS 1.2 handshake with RSA key
// exchange (so no ServerKeyExchange), then encrypted requests/responses and
// a close_notify alert.
func (g *generator) tlsSession(c *tcpConn) {
	r := g.r
	c.setup(g.net.client(r), g.net.web, 443, g.useV6())
	c.open()
	s := c.s
	name := tlsNames[r.IntN(len(tlsNames))]
	c.send(0, g.clientHello(s, name), c.clientAt(g.between(30*us, 1*ms)))
	c.send(1, g.serverFlight(s, name), c.serverAt(g.between(100*us, 600*us)))
	c.send(0, g.clientFinish(s), c.clientAt(g.between(200*us, 2*ms)))
	c.send(1, g.serverFinish(s), c.serverAt(g.between(400*us, 3*ms)))
	think := g.between(50*us, 5*ms)
	for range 1 + r.IntN(5) {
		c.batch()
		g.appData(c, 0, c.clientAt(think), 250+r.IntN(700))
		think = 50*us + g.expDur(700e6)
		u := r.Float64()
		g.appData(c, 1, c.serverAt(g.between(300*us, 30*ms)), 100+int(u*u*u*80000))
	}
	// Encrypted close_notify alert after the connection idled.
	c.batch()
	st := len(s.buf)
	s.buf = append(s.buf, 0x15, 0x03, 0x03, 0x00, 0x1a)
	s.buf = append(s.buf, g.slice(g.noise, 26)...)
	c.send(0, s.buf[st:], c.clientAt(100*ms+g.expDur(2e9)))
	c.closeConn(false, g.between(20*us, 200*us))
}

func (g *generator) clientHello(s *session, name string) []byte {
	r := g.r
	st := len(s.buf)
	b := append(s.buf, 0x16, 0x03, 0x01, 0, 0) // record, version TLS 1.0 for compatibility
	b = append(b, 0x01, 0, 0, 0)               // ClientHello
	b = append(b, 0x03, 0x03)
	b = append(b, g.slice(g.noise, 32)...) // random
	if r.IntN(2) == 0 {
		b = append(b, 32)
		b = append(b, g.slice(g.noise, 32)...)
	} else {
		b = append(b, 0)
	}
	b = be16(b, 2*len(clientSuites))
	for _, cs := range clientSuites {
		b = be16(b, int(cs))
	}
	b = append(b, 1, 0) // compression: null
	ext := len(b)
	b = append(b, 0, 0)
	// server_name
	b = append(b, 0x00, 0x00)
	b = be16(b, len(name)+5)
	b = be16(b, len(name)+3)
	b = append(b, 0)
	b = be16(b, len(name))
	b = append(b, name...)
	b = append(b, 0x00, 0x17, 0, 0)                                           // extended_master_secret
	b = append(b, 0xff, 0x01, 0, 1, 0)                                        // renegotiation_info
	b = append(b, 0x00, 0x0a, 0, 8, 0, 6, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18) // supported_groups
	b = append(b, 0x00, 0x0b, 0, 2, 1, 0)                                     // ec_point_formats
	b = append(b, 0x00, 0x23, 0, 0)                                           // session_ticket
	b = append(b, 0x00, 0x10, 0, 11, 0, 9, 8)                                 // ALPN http/1.1
	b = append(b, "http/1.1"...)
	b = append(b, 0x00, 0x05, 0, 5, 1, 0, 0, 0, 0) // status_request
	sigs := []byte{0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x05, 0x03, 0x08, 0x05, 0x05, 0x01, 0x08, 0x06, 0x06, 0x01, 0x02, 0x01}
	b = append(b, 0x00, 0x0d)
	b = be16(b, len(sigs)+2)
	b = be16(b, len(sigs))
	b = append(b, sigs...)
	putLen16(b, ext)
	putLen24(b, st+6)
	putLen16(b, st+3)
	s.buf = b
	return b[st:len(b):len(b)]
}

// serverFlight is ServerHello, Certificate and ServerHelloDone in one record.
func (g *generator) serverFlight(s *session, name string) []byte {
	st := len(s.buf)
	b := append(s.buf, 0x16, 0x03, 0x03, 0, 0)
	hs := len(b)
	b = append(b, 0x02, 0, 0, 0, 0x03, 0x03)
	b = append(b, g.slice(g.noise, 32)...)
	b = append(b, 32)
	b = append(b, g.slice(g.noise, 32)...)
	suite := 0x009c // TLS_RSA_WITH_AES_128_GCM_SHA256
	if g.r.IntN(3) == 0 {
		suite = 0x009d // TLS_RSA_WITH_AES_256_GCM_SHA384
	}
	b = be16(b, suite)
	b = append(b, 0) // compression null
	ext := len(b)
	b = append(b, 0, 0)
	b = append(b, 0xff, 0x01, 0, 1, 0) // renegotiation_info
	b = append(b, 0x00, 0x17, 0, 0)    // extended_master_secret
	b = append(b, 0x00, 0x10, 0, 11, 0, 9, 8)
	b = append(b, "http/1.1"...)
	putLen16(b, ext)
	putLen24(b, hs+1)
	cert := g.certificateBody(name)
	b = append(b, 0x0b)
	b = be24(b, len(cert))
	b = append(b, cert...)
	b = append(b, 0x0e, 0, 0, 0) // ServerHelloDone
	putLen16(b, st+3)
	s.buf = b
	return b[st:len(b):len(b)]
}

// clientFinish is ClientKeyExchange (RSA-encrypted premaster secret),
// ChangeCipherSpec and the encrypted Finished message.
func (g *generator) clientFinish(s *session) []byte {
	st := len(s.buf)
	b := append(s.buf, 0x16, 0x03, 0x03, 0x01, 0x06, 0x10, 0x00, 0x01, 0x02, 0x01, 0x00)
	b = append(b, g.slice(g.noise, 256)...)
	b = append(b, 0x14, 0x03, 0x03, 0x00, 0x01, 0x01)
	b = append(b, 0x16, 0x03, 0x03, 0x00, 0x28)
	b = append(b, g.slice(g.noise, 40)...)
	s.buf = b
	return b[st:len(b):len(b)]
}

// serverFinish is ChangeCipherSpec and the encrypted Finished message.
func (g *generator) serverFinish(s *session) []byte {
	st := len(s.buf)
	b := append(s.buf, 0x14, 0x03, 0x03, 0x00, 0x01, 0x01)
	b = append(b, 0x16, 0x03, 0x03, 0x00, 0x28)
	b = append(b, g.slice(g.noise, 40)...)
	s.buf = b
	return b[st:len(b):len(b)]
}

// appData sends n plaintext bytes from dir as AES-GCM application data
// records (8-byte explicit nonce, ciphertext, 16-byte tag), at most 16 KiB
// each; the ciphertext is a slice of the shared noise, not a copy.
func (g *generator) appData(c *tcpConn, dir int, t int64, n int) {
	s := c.s
	parts := c.scratch[:0]
	for n > 0 {
		p := min(n, 16384)
		n -= p
		st := len(s.buf)
		s.buf = append(s.buf, 0x17, 0x03, 0x03)
		s.buf = be16(s.buf, p+24)
		parts = append(parts, s.buf[st:len(s.buf):len(s.buf)], g.slice(g.noise, p+24))
	}
	c.scratch = parts
	c.sendv(dir, t, parts...)
}
