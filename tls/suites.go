package tls

import (
	"crypto"
	_ "crypto/md5"    // MAC of the *_MD5 suites
	_ "crypto/sha1"   // MAC of the *_SHA suites
	_ "crypto/sha256" // MAC and PRF of the *_SHA256 suites
	_ "crypto/sha512" // MAC and PRF of the *_SHA384 suites
)

// Kex is a cipher suite's key exchange.
type Kex uint8

// Key exchanges. Only KexRSA can be decrypted with a private key; the others need a key log.
const (
	KexRSA Kex = iota + 1
	KexDHE
	KexECDHE
	KexPSK
	KexTLS13 // TLS 1.3 suites name no key exchange
)

// Bulk is a record cipher.
type Bulk uint8

// Record ciphers.
const (
	BulkNull Bulk = iota + 1
	BulkRC4
	Bulk3DES
	BulkAES128CBC
	BulkAES256CBC
	BulkAES128GCM
	BulkAES256GCM
	BulkChaCha20
)

// Suite describes a cipher suite as far as decryption needs it.
type Suite struct {
	ID   uint16
	Kex  Kex
	Bulk Bulk
	// MAC is the HMAC hash of the stream and CBC suites (0 for AEAD suites).
	MAC crypto.Hash
	// PRF is the hash of the TLS 1.2 PRF and of the TLS 1.3 key schedule.
	PRF crypto.Hash
}

// keyLen returns the bulk cipher's key length, fixed IV length and record IV (explicit nonce)
// length for TLS 1.1 and later.
func (s *Suite) keyLen() (key, fixedIV, recordIV int) {
	switch s.Bulk {
	case BulkNull:
		return 0, 0, 0
	case BulkRC4:
		return 16, 0, 0
	case Bulk3DES:
		return 24, 8, 8
	case BulkAES128CBC:
		return 16, 16, 16
	case BulkAES256CBC:
		return 32, 16, 16
	case BulkAES128GCM:
		return 16, 4, 8
	case BulkAES256GCM:
		return 32, 4, 8
	case BulkChaCha20:
		return 32, 12, 0
	}
	return 0, 0, 0
}

// aead reports whether the suite's cipher authenticates by itself.
func (s *Suite) aead() bool {
	return s.Bulk == BulkAES128GCM || s.Bulk == BulkAES256GCM || s.Bulk == BulkChaCha20
}

func (s *Suite) block() bool {
	return s.Bulk == Bulk3DES || s.Bulk == BulkAES128CBC || s.Bulk == BulkAES256CBC
}

var (
	hMD5    = crypto.MD5
	hSHA1   = crypto.SHA1
	hSHA256 = crypto.SHA256
	hSHA384 = crypto.SHA384
)

// suites lists the cipher suites that can be decrypted. Suites with AES-CCM, Camellia, ARIA or
// SEED are left out: SuiteByID reports them as unsupported.
var suites = map[uint16]Suite{
	// RSA key exchange
	0x0001: {Kex: KexRSA, Bulk: BulkNull, MAC: hMD5},
	0x0002: {Kex: KexRSA, Bulk: BulkNull, MAC: hSHA1},
	0x003B: {Kex: KexRSA, Bulk: BulkNull, MAC: hSHA256},
	0x0004: {Kex: KexRSA, Bulk: BulkRC4, MAC: hMD5},
	0x0005: {Kex: KexRSA, Bulk: BulkRC4, MAC: hSHA1},
	0x000A: {Kex: KexRSA, Bulk: Bulk3DES, MAC: hSHA1},
	0x002F: {Kex: KexRSA, Bulk: BulkAES128CBC, MAC: hSHA1},
	0x0035: {Kex: KexRSA, Bulk: BulkAES256CBC, MAC: hSHA1},
	0x003C: {Kex: KexRSA, Bulk: BulkAES128CBC, MAC: hSHA256},
	0x003D: {Kex: KexRSA, Bulk: BulkAES256CBC, MAC: hSHA256},
	0x009C: {Kex: KexRSA, Bulk: BulkAES128GCM},
	0x009D: {Kex: KexRSA, Bulk: BulkAES256GCM, PRF: hSHA384},
	// DHE
	0x0016: {Kex: KexDHE, Bulk: Bulk3DES, MAC: hSHA1},
	0x0013: {Kex: KexDHE, Bulk: Bulk3DES, MAC: hSHA1},
	0x0033: {Kex: KexDHE, Bulk: BulkAES128CBC, MAC: hSHA1},
	0x0032: {Kex: KexDHE, Bulk: BulkAES128CBC, MAC: hSHA1},
	0x0039: {Kex: KexDHE, Bulk: BulkAES256CBC, MAC: hSHA1},
	0x0038: {Kex: KexDHE, Bulk: BulkAES256CBC, MAC: hSHA1},
	0x0067: {Kex: KexDHE, Bulk: BulkAES128CBC, MAC: hSHA256},
	0x0040: {Kex: KexDHE, Bulk: BulkAES128CBC, MAC: hSHA256},
	0x006B: {Kex: KexDHE, Bulk: BulkAES256CBC, MAC: hSHA256},
	0x006A: {Kex: KexDHE, Bulk: BulkAES256CBC, MAC: hSHA256},
	0x009E: {Kex: KexDHE, Bulk: BulkAES128GCM},
	0x009F: {Kex: KexDHE, Bulk: BulkAES256GCM, PRF: hSHA384},
	0x00A2: {Kex: KexDHE, Bulk: BulkAES128GCM},
	0x00A3: {Kex: KexDHE, Bulk: BulkAES256GCM, PRF: hSHA384},
	0xCCAA: {Kex: KexDHE, Bulk: BulkChaCha20},
	// ECDHE
	0xC012: {Kex: KexECDHE, Bulk: Bulk3DES, MAC: hSHA1},
	0xC008: {Kex: KexECDHE, Bulk: Bulk3DES, MAC: hSHA1},
	0xC011: {Kex: KexECDHE, Bulk: BulkRC4, MAC: hSHA1},
	0xC007: {Kex: KexECDHE, Bulk: BulkRC4, MAC: hSHA1},
	0xC013: {Kex: KexECDHE, Bulk: BulkAES128CBC, MAC: hSHA1},
	0xC009: {Kex: KexECDHE, Bulk: BulkAES128CBC, MAC: hSHA1},
	0xC014: {Kex: KexECDHE, Bulk: BulkAES256CBC, MAC: hSHA1},
	0xC00A: {Kex: KexECDHE, Bulk: BulkAES256CBC, MAC: hSHA1},
	0xC027: {Kex: KexECDHE, Bulk: BulkAES128CBC, MAC: hSHA256},
	0xC023: {Kex: KexECDHE, Bulk: BulkAES128CBC, MAC: hSHA256},
	0xC028: {Kex: KexECDHE, Bulk: BulkAES256CBC, MAC: hSHA384, PRF: hSHA384},
	0xC024: {Kex: KexECDHE, Bulk: BulkAES256CBC, MAC: hSHA384, PRF: hSHA384},
	0xC02F: {Kex: KexECDHE, Bulk: BulkAES128GCM},
	0xC02B: {Kex: KexECDHE, Bulk: BulkAES128GCM},
	0xC030: {Kex: KexECDHE, Bulk: BulkAES256GCM, PRF: hSHA384},
	0xC02C: {Kex: KexECDHE, Bulk: BulkAES256GCM, PRF: hSHA384},
	0xCCA8: {Kex: KexECDHE, Bulk: BulkChaCha20},
	0xCCA9: {Kex: KexECDHE, Bulk: BulkChaCha20},
	// PSK
	0x008C: {Kex: KexPSK, Bulk: BulkAES128CBC, MAC: hSHA1},
	0x008D: {Kex: KexPSK, Bulk: BulkAES256CBC, MAC: hSHA1},
	0x00A8: {Kex: KexPSK, Bulk: BulkAES128GCM},
	0x00A9: {Kex: KexPSK, Bulk: BulkAES256GCM, PRF: hSHA384},
	0xCCAB: {Kex: KexPSK, Bulk: BulkChaCha20},
	0xCCAC: {Kex: KexECDHE, Bulk: BulkChaCha20},
	0xCCAD: {Kex: KexDHE, Bulk: BulkChaCha20},
	// TLS 1.3
	0x1301: {Kex: KexTLS13, Bulk: BulkAES128GCM, PRF: hSHA256},
	0x1302: {Kex: KexTLS13, Bulk: BulkAES256GCM, PRF: hSHA384},
	0x1303: {Kex: KexTLS13, Bulk: BulkChaCha20, PRF: hSHA256},
}

// SuiteByID returns the suite with IANA number id; ok is false when it cannot be decrypted.
func SuiteByID(id uint16) (s Suite, ok bool) {
	s, ok = suites[id]
	if !ok {
		return Suite{}, false
	}
	s.ID = id
	if s.PRF == 0 {
		s.PRF = hSHA256
	}
	return s, true
}
