package tls

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"net/netip"
)

// Sides of a connection: records from the client and records from the server.
const (
	FromClient = 0
	FromServer = 1
)

// ErrNotEncrypted means a record is plaintext: dissect it as it is.
var ErrNotEncrypted = errors.New("record is not encrypted")

// ErrNoKeys means a record is encrypted and the session has no keys for it; Session.Reason says why.
var ErrNoKeys = errors.New("no keys to decrypt the record")

// Cache remembers master secrets for session resumption within one capture: by session ID and by
// session ticket. One Cache serves all sessions of a capture.
type Cache struct {
	byID, byTicket map[string][]byte
	rsaOps         int // private-key operations done by the sessions using the cache
}

// RSAOps returns how many pre-master secrets the sessions using the cache decrypted with an RSA
// private key (the expensive operation; once per full handshake).
func (c *Cache) RSAOps() int { return c.rsaOps }

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{byID: map[string][]byte{}, byTicket: map[string][]byte{}}
}

// Session follows one TLS connection: the dissector feeds it the handshake messages, Change
// Cipher Spec records and encrypted records of both sides in capture order, and it derives the keys
// and decrypts. A Session is used by one goroutine (the first pass).
type Session struct {
	keys   *Keys
	cache  *Cache
	server netip.AddrPort

	clientVersion  uint16
	version        uint16
	suiteID        uint16
	suite          Suite
	suiteOK        bool
	sawServerHello bool
	clientRandom   []byte
	serverRandom   []byte
	clientSID      []byte
	serverSID      []byte
	clientTicket   []byte
	clientEMS      bool
	clientETM      bool
	ems, etm       bool
	certKey        *rsa.PublicKey
	transcript     []byte
	collecting     bool // transcript is being collected (until the Client Key Exchange)
	master         []byte
	secrets        *Secrets // TLS 1.3 secrets from a key log
	appSecret      [2][]byte
	pending        [2]*Decoder // take effect at the side's Change Cipher Spec (TLS 1.2 and older)
	active         [2]*Decoder
	ccs            [2]bool
	reason         string
	protocol       string // from a matching RSA key entry
}

// NewSession returns the session of a connection to server, decrypting with keys and resuming
// sessions from cache (either may be nil).
func NewSession(keys *Keys, cache *Cache, server netip.AddrPort) *Session {
	if cache == nil {
		cache = NewCache()
	}
	return &Session{keys: keys, cache: cache, server: server}
}

// Version returns the negotiated version (0 before the Server Hello).
func (s *Session) Version() uint16 { return s.version }

// Reason says why records cannot be decrypted ("" while nothing is known to be wrong).
func (s *Session) Reason() string {
	return s.reason
}

// Protocol returns the protocol named by the RSA key entry that decrypted the session ("" if none).
func (s *Session) Protocol() string { return s.protocol }

// Decrypting reports whether records of side dir are decrypted from now on.
func (s *Session) Decrypting(dir int) bool { return s.active[dir&1] != nil }

// ChangeCipherSpec notes a Change Cipher Spec record from side dir: its later records use the new
// keys (ignored in TLS 1.3, where the record is only for middlebox compatibility).
func (s *Session) ChangeCipherSpec(dir int) {
	dir &= 1
	if s.version == 0x0304 {
		return
	}
	s.ccs[dir] = true
	if s.pending[dir] == nil {
		s.tryKeys()
	}
	s.active[dir] = s.pending[dir]
	s.pending[dir] = nil
	if s.active[dir] == nil && s.reason == "" {
		s.fail("no keys were derived for this session")
	}
}

// Decrypt decrypts one record of side dir: ct and version from its header, payload its body. It
// returns ErrNotEncrypted for plaintext records, ErrNoKeys when the record is encrypted but the
// session has no keys, and ErrBadMAC and the like when decryption fails.
func (s *Session) Decrypt(dir int, ct uint8, version uint16, payload []byte) (Record, error) {
	dir &= 1
	if s.version == 0x0304 {
		if ct != 23 || !s.sawServerHello {
			return Record{Type: ct}, ErrNotEncrypted
		}
	} else if !s.ccs[dir] {
		if s.sawServerHello || ct != 23 {
			return Record{Type: ct}, ErrNotEncrypted
		}
		// Application data without a handshake: the capture began in the middle.
	}
	d := s.active[dir]
	if d == nil {
		if !s.sawServerHello {
			s.fail("the capture began after the handshake: the session's keys cannot be derived")
		}
		return Record{Type: ct}, ErrNoKeys
	}
	return d.Decrypt(ct, version, payload)
}

func (s *Session) fail(format string, args ...any) {
	if s.reason == "" {
		s.reason = fmt.Sprintf(format, args...)
	}
}

// Handshake feeds one complete handshake message of side dir (its 4-byte header first), plaintext
// or decrypted. Malformed messages are ignored.
func (s *Session) Handshake(dir int, msg []byte) {
	dir &= 1
	if len(msg) < 4 {
		return
	}
	typ := msg[0]
	body := msg[4:]
	if s.collecting && typ != 0 {
		s.transcript = append(s.transcript, msg...)
	}
	switch typ {
	case 1:
		s.clientHello(msg, body)
	case 2:
		s.serverHello(body)
	case 4:
		s.newSessionTicket(body)
	case 11:
		s.certificate(body)
	case 16:
		s.clientKeyExchange(body)
		s.collecting = false
		s.transcript = nil
	case 20:
		if s.version == 0x0304 && s.secrets != nil {
			// A side's Finished ends its handshake keys (RFC 8446 section 7.3).
			sec := s.secrets.ClientTraffic0
			if dir == FromServer {
				sec = s.secrets.ServerTraffic0
			}
			s.setTLS13(dir, sec)
		}
	case 24:
		if s.version == 0x0304 && s.appSecret[dir] != nil {
			s.setTLS13(dir, NextTrafficSecret(s.suite.PRF, s.appSecret[dir]))
		}
	}
}

func (s *Session) setTLS13(dir int, secret []byte) {
	s.active[dir] = nil
	s.appSecret[dir] = nil
	if len(secret) == 0 || !s.suiteOK {
		return
	}
	d, err := NewTLS13Decoder(s.suite, secret)
	if err != nil {
		s.fail("%v", err)
		return
	}
	s.active[dir] = d
	s.appSecret[dir] = secret
}

// rd is a bounds-checked reader of handshake fields.
type rd struct {
	b  []byte
	ok bool
}

func (r *rd) n(k int) []byte {
	if !r.ok || k < 0 || k > len(r.b) {
		r.ok = false
		return nil
	}
	v := r.b[:k]
	r.b = r.b[k:]
	return v
}

func (r *rd) u8() int {
	v := r.n(1)
	if v == nil {
		return 0
	}
	return int(v[0])
}

func (r *rd) u16() int {
	v := r.n(2)
	if v == nil {
		return 0
	}
	return int(v[0])<<8 | int(v[1])
}

func (r *rd) u24() int {
	v := r.n(3)
	if v == nil {
		return 0
	}
	return int(v[0])<<16 | int(v[1])<<8 | int(v[2])
}

// extensions calls fn for each extension of a hello's extension block.
func (r *rd) extensions(fn func(typ int, data []byte)) {
	if !r.ok || len(r.b) < 2 {
		return
	}
	ext := &rd{b: r.n(r.u16()), ok: true}
	for ext.ok && len(ext.b) >= 4 {
		t := ext.u16()
		d := ext.n(ext.u16())
		if ext.ok {
			fn(t, d)
		}
	}
}

func (s *Session) clientHello(msg, body []byte) {
	r := &rd{b: body, ok: true}
	ver := r.u16()
	random := r.n(32)
	sid := r.n(r.u8())
	r.n(r.u16()) // cipher suites
	r.n(r.u8())  // compression methods
	if !r.ok {
		return
	}
	// A new handshake (also a renegotiation): keep the current keys until the next CCS.
	s.clientVersion = uint16(ver)
	s.clientRandom = append([]byte(nil), random...)
	s.clientSID = append([]byte(nil), sid...)
	s.clientTicket, s.clientEMS, s.clientETM = nil, false, false
	s.sawServerHello, s.master, s.secrets, s.certKey = false, nil, nil, nil
	s.pending = [2]*Decoder{}
	s.reason = ""
	s.transcript = append(s.transcript[:0], msg...)
	s.collecting = true
	r.extensions(func(t int, d []byte) {
		switch t {
		case 35:
			s.clientTicket = append([]byte(nil), d...)
		case 23:
			s.clientEMS = true
		case 22:
			s.clientETM = true
		}
	})
}

// helloRetryRandom is the Server Hello random of a TLS 1.3 HelloRetryRequest.
var helloRetryRandom = []byte{
	0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
	0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
}

func (s *Session) serverHello(body []byte) {
	r := &rd{b: body, ok: true}
	ver := r.u16()
	random := r.n(32)
	sid := r.n(r.u8())
	suite := r.u16()
	r.u8() // compression
	if !r.ok {
		return
	}
	if bytes.Equal(random, helloRetryRandom) {
		return // a HelloRetryRequest: the real Server Hello follows the second Client Hello
	}
	s.sawServerHello = true
	s.version = uint16(ver)
	s.serverRandom = append([]byte(nil), random...)
	s.serverSID = append([]byte(nil), sid...)
	s.suiteID = uint16(suite)
	s.ems, s.etm = false, false
	r.extensions(func(t int, d []byte) {
		switch t {
		case 43:
			if len(d) == 2 {
				s.version = uint16(d[0])<<8 | uint16(d[1])
			}
		case 23:
			s.ems = s.clientEMS
		case 22:
			s.etm = s.clientETM
		}
	})
	if s.version&0xff00 == 0x7f00 { // TLS 1.3 drafts
		s.version = 0x0304
	}
	s.suite, s.suiteOK = SuiteByID(s.suiteID)
	if !s.suiteOK {
		s.fail("cipher suite 0x%04x is not supported for decryption", s.suiteID)
		return
	}
	if s.version < 0x0301 || s.version > 0x0304 {
		s.fail("version 0x%04x is not supported for decryption", s.version)
		s.suiteOK = false
		return
	}
	if s.version == 0x0304 {
		s.collecting, s.transcript = false, nil
		s.secrets = s.keys.lookup(s.clientRandom)
		if s.secrets == nil || s.secrets.ServerHandshake == nil && s.secrets.ClientHandshake == nil {
			s.fail("TLS 1.3: no key log entry for this session's client random")
			return
		}
		s.setTLS13(FromServer, s.secrets.ServerHandshake)
		s.setTLS13(FromClient, s.secrets.ClientHandshake)
		s.appSecret = [2][]byte{}
		return
	}
	// A master secret from a key log, or a resumed session's from earlier in the capture.
	if sec := s.keys.lookup(s.clientRandom); sec != nil && sec.Master != nil {
		s.setMaster(sec.Master)
		return
	}
	if len(s.serverSID) > 0 && bytes.Equal(s.serverSID, s.clientSID) {
		if m := s.cache.byID[string(s.serverSID)]; m != nil {
			s.setMaster(m)
			return
		}
	}
	if len(s.clientTicket) > 0 {
		if m := s.cache.byTicket[string(s.clientTicket)]; m != nil {
			// Tentative: a full handshake (a Client Key Exchange) replaces it.
			s.setMaster(m)
		}
	}
}

func (s *Session) certificate(body []byte) {
	if s.version == 0x0304 || s.certKey != nil {
		return
	}
	r := &rd{b: body, ok: true}
	r.u24()
	der := r.n(r.u24())
	if !r.ok {
		return
	}
	if c, err := x509.ParseCertificate(der); err == nil {
		if pk, ok := c.PublicKey.(*rsa.PublicKey); ok {
			s.certKey = pk
		}
	}
}

func (s *Session) newSessionTicket(body []byte) {
	if s.version == 0x0304 {
		return
	}
	r := &rd{b: body, ok: true}
	r.n(4)
	t := r.n(r.u16())
	if !r.ok || len(t) == 0 {
		return
	}
	if s.master != nil {
		s.cache.byTicket[string(t)] = s.master
	}
}

func (s *Session) clientKeyExchange(body []byte) {
	if !s.suiteOK || s.version == 0x0304 {
		return
	}
	if s.suite.Kex != KexRSA {
		if s.master == nil {
			s.fail("ephemeral key exchange (%s) and no key log entry for this session", kexName(s.suite.Kex))
		}
		return
	}
	r := &rd{b: body, ok: true}
	epms := body
	if s.version > 0x0300 {
		epms = r.n(r.u16())
		if !r.ok {
			return
		}
	}
	var pms []byte
	for _, l := range s.keysLogs() {
		if pms = l.LookupRSA(epms); pms != nil {
			break
		}
	}
	if pms == nil {
		key, why := s.keys.rsaKey(s.server, s.certKey)
		if key == nil {
			if s.master == nil {
				s.fail("%s", why)
			}
			return
		}
		s.protocol = key.Protocol
		var err error
		pms, err = rsa.DecryptPKCS1v15(nil, key.Key, epms)
		if s.cache != nil {
			s.cache.rsaOps++
		}
		if err != nil || len(pms) != 48 {
			s.master = nil
			s.pending = [2]*Decoder{}
			s.fail("the pre-master secret could not be decrypted with the RSA key from %s", key.File)
			return
		}
	}
	var master []byte
	if s.ems {
		master = ExtendedMasterSecret(s.version, s.suite.PRF, pms, SessionHash(s.version, s.suite.PRF, s.transcript))
	} else {
		master = MasterSecret(s.version, s.suite.PRF, pms, s.clientRandom, s.serverRandom)
	}
	s.setMaster(master)
}

func (s *Session) keysLogs() []*KeyLog {
	if s.keys == nil {
		return nil
	}
	return s.keys.Logs
}

func kexName(k Kex) string {
	switch k {
	case KexDHE:
		return "DHE"
	case KexECDHE:
		return "ECDHE"
	case KexPSK:
		return "PSK"
	}
	return "RSA"
}

// tryKeys looks once more for a master secret at a Change Cipher Spec without keys.
func (s *Session) tryKeys() {
	if s.master != nil || !s.suiteOK || s.version == 0x0304 {
		return
	}
	if sec := s.keys.lookup(s.clientRandom); sec != nil && sec.Master != nil {
		s.setMaster(sec.Master)
		return
	}
	if !s.sawServerHello {
		return
	}
	switch {
	case s.suite.Kex != KexRSA:
		s.fail("ephemeral key exchange (%s) and no key log entry for this session", kexName(s.suite.Kex))
	case len(s.clientSID) > 0 && bytes.Equal(s.serverSID, s.clientSID) || len(s.clientTicket) > 0:
		s.fail("resumed session whose master secret is neither in the capture nor in a key log")
	default:
		s.fail("no Client Key Exchange was captured for this session")
	}
}

// setMaster derives both sides' keys from the master secret; they take effect at each side's CCS.
func (s *Session) setMaster(master []byte) {
	s.master = master
	if len(s.serverSID) > 0 {
		s.cache.byID[string(s.serverSID)] = master
	}
	kl, ivl, _ := s.suite.keyLen()
	ml := 0
	if s.suite.MAC != 0 && !s.suite.aead() {
		ml = s.suite.MAC.Size()
	}
	kb := KeyBlock(s.version, s.suite.PRF, master, s.clientRandom, s.serverRandom, 2*(ml+kl+ivl))
	cmac, kb := kb[:ml], kb[ml:]
	smac, kb := kb[:ml], kb[ml:]
	ckey, kb := kb[:kl], kb[kl:]
	skey, kb := kb[:kl], kb[kl:]
	civ, siv := kb[:ivl], kb[ivl:2*ivl]
	c, err := newDecoder(s.suite, s.version, s.etm, cmac, ckey, civ)
	if err != nil {
		s.fail("%v", err)
		return
	}
	sv, err := newDecoder(s.suite, s.version, s.etm, smac, skey, siv)
	if err != nil {
		s.fail("%v", err)
		return
	}
	s.pending = [2]*Decoder{c, sv}
	s.reason = ""
}

// lookup finds a connection's secrets in the key logs.
func (k *Keys) lookup(clientRandom []byte) *Secrets {
	if k == nil {
		return nil
	}
	for _, l := range k.Logs {
		if s := l.Lookup(clientRandom); s != nil {
			return s
		}
	}
	return nil
}

// rsaKey chooses the private key for a server: the one matching its certificate, else (no
// certificate captured) the first entry for its address and port. why explains a nil result.
func (k *Keys) rsaKey(server netip.AddrPort, cert *rsa.PublicKey) (key *RSAKey, why string) {
	if k == nil || len(k.RSA) == 0 {
		return nil, "RSA key exchange and no RSA private key configured"
	}
	if cert != nil {
		for i := range k.RSA {
			if k.RSA[i].Key.PublicKey.Equal(cert) {
				return &k.RSA[i], ""
			}
		}
		return nil, "no configured RSA private key matches the server's certificate"
	}
	for i := range k.RSA {
		if k.RSA[i].Addr.IsValid() || k.RSA[i].Port != 0 {
			if k.RSA[i].Matches(server.Addr(), server.Port()) {
				return &k.RSA[i], ""
			}
		}
	}
	return nil, "no certificate captured and no RSA key entry for " + server.String()
}

// ProtocolFor returns the protocol of the RSA key entry for server ("" if none names one): where
// Wireshark hands the decrypted data.
func (k *Keys) ProtocolFor(server netip.AddrPort) string {
	if k == nil {
		return ""
	}
	for _, e := range k.RSA {
		if e.Protocol != "" && (e.Addr.IsValid() || e.Port != 0) && e.Matches(server.Addr(), server.Port()) {
			return e.Protocol
		}
	}
	return ""
}
