package tls

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/pbkdf2"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"hash"
	"net/netip"
	"os"
	"strconv"
	"strings"

	"golang.org/x/crypto/pkcs12"
)

// ErrNoKey means a file holds no RSA private key.
var ErrNoKey = errors.New("no RSA private key found")

// ErrPassword means an encrypted key needs a (different) password.
var ErrPassword = errors.New("wrong or missing password")

// RSAKey is one RSA private key and the servers it is meant for, an entry of Wireshark's "RSA keys
// list". A key whose public half matches a server's certificate is used whatever its address and
// port; Addr and Port choose the key when no certificate was captured and name the protocol the
// decrypted data is handed to.
type RSAKey struct {
	Addr     netip.Addr // invalid: any address
	Port     uint16     // 0: any port
	Protocol string     // "http", ""
	File     string     // where it came from, for messages
	Key      *rsa.PrivateKey
}

// String names the key entry without its secret.
func (k RSAKey) String() string {
	a, p := "any", "any"
	if k.Addr.IsValid() {
		a = k.Addr.String()
	}
	if k.Port != 0 {
		p = strconv.Itoa(int(k.Port))
	}
	return a + "," + p + "," + k.Protocol + "," + k.File
}

// Matches reports whether the entry applies to server addr:port.
func (k RSAKey) Matches(addr netip.Addr, port uint16) bool {
	if k.Addr.IsValid() && !k.Addr.IsUnspecified() && k.Addr.Unmap() != addr.Unmap() {
		return false
	}
	return k.Port == 0 || k.Port == port
}

// Keys is the decryption configuration of a capture: RSA keys and key logs. Build it before
// dissection starts; it is read-only afterwards and safe to share.
type Keys struct {
	RSA  []RSAKey
	Logs []*KeyLog
}

// Empty reports whether there is nothing to decrypt with.
func (k *Keys) Empty() bool { return k == nil || len(k.RSA) == 0 && len(k.Logs) == 0 }

// ParseKeyEntry parses a Wireshark RSA keys list entry "ip,port,protocol,keyfile[,password]" and
// loads its key. "0.0.0.0", "::", "any" and "" mean any address; "0", "any", "start_tls" and ""
// any port. A bare file name (no comma) is a key for any server whose certificate it matches.
func ParseKeyEntry(spec string) (RSAKey, error) {
	f := strings.Split(spec, ",")
	var k RSAKey
	var file, password string
	switch {
	case len(f) == 1:
		file = f[0]
	case len(f) == 4 || len(f) == 5:
		a := strings.TrimSpace(f[0])
		switch strings.ToLower(a) {
		case "", "any", "0.0.0.0", "::":
		default:
			ip, err := netip.ParseAddr(a)
			if err != nil {
				return k, fmt.Errorf("key entry: bad address %q", a)
			}
			k.Addr = ip
		}
		p := strings.TrimSpace(f[1])
		switch strings.ToLower(p) {
		case "", "any", "0", "start_tls":
		default:
			n, err := strconv.ParseUint(p, 10, 16)
			if err != nil {
				return k, fmt.Errorf("key entry: bad port %q", p)
			}
			k.Port = uint16(n)
		}
		k.Protocol = strings.TrimSpace(f[2])
		file = f[3]
		if len(f) == 5 {
			password = f[4]
		}
	default:
		return k, fmt.Errorf("key entry: want ip,port,protocol,keyfile[,password] or a key file")
	}
	key, err := LoadKeyFile(file, password)
	if err != nil {
		return k, err
	}
	k.File, k.Key = file, key
	return k, nil
}

// KeyFileWarning returns a warning when the file at path can be read by its group or others, or "".
func KeyFileWarning(path string) string {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm()&0o044 == 0 {
		return ""
	}
	return fmt.Sprintf("private key file %s is readable by group or others (mode %04o); consider chmod 600", path, fi.Mode().Perm())
}

// LoadKeyFile reads an RSA private key from a PEM file (PKCS#1, PKCS#8, encrypted PKCS#8 or
// legacy encrypted PEM), a DER file or a PKCS#12 file, decrypting it with password when needed.
func LoadKeyFile(path, password string) (*rsa.PrivateKey, error) {
	data, err := readRegular(path, maxKeyFile)
	if err != nil {
		return nil, fmt.Errorf("Error loading RSA key file %s: %w", path, err)
	}
	k, err := ParsePrivateKey(data, password)
	if err != nil {
		return nil, fmt.Errorf("key file %s: %w", path, err)
	}
	return k, nil
}

// ParsePrivateKey parses an RSA private key in any of the forms LoadKeyFile accepts.
func ParsePrivateKey(data []byte, password string) (*rsa.PrivateKey, error) {
	if bytes.Contains(data, []byte("-----BEGIN")) {
		var firstErr error
		for rest := data; ; {
			var b *pem.Block
			b, rest = pem.Decode(rest)
			if b == nil {
				break
			}
			k, err := pemKey(b, password)
			if err == nil && k != nil {
				return k, nil
			}
			if err != nil && firstErr == nil {
				firstErr = err
			}
		}
		if firstErr != nil {
			return nil, firstErr
		}
		return nil, ErrNoKey
	}
	if k, err := derKey(data); err == nil {
		return k, nil
	}
	return pkcs12Key(data, password)
}

func pemKey(b *pem.Block, password string) (*rsa.PrivateKey, error) {
	switch b.Type {
	case "RSA PRIVATE KEY", "PRIVATE KEY":
		der := b.Bytes
		//lint:ignore SA1019 legacy encrypted PEM is what "openssl rsa -aes128" still writes
		if x509.IsEncryptedPEMBlock(b) { //nolint:staticcheck
			if password == "" {
				return nil, ErrPassword
			}
			var err error
			der, err = x509.DecryptPEMBlock(b, []byte(password)) //nolint:staticcheck
			if err != nil {
				return nil, ErrPassword
			}
		}
		return derKey(der)
	case "ENCRYPTED PRIVATE KEY":
		if password == "" {
			return nil, ErrPassword
		}
		der, err := decryptPKCS8(b.Bytes, password)
		if err != nil {
			return nil, err
		}
		return derKey(der)
	}
	return nil, nil
}

func derKey(der []byte) (*rsa.PrivateKey, error) {
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, ErrNoKey
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%w (the key is %T)", ErrNoKey, k)
	}
	return rk, nil
}

// ---- PKCS#8 PBES2 (RFC 8018) ----

var (
	oidPBES2      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	oidPBKDF2     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}
	oidHMACSHA1   = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 7}
	oidHMACSHA256 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 9}
	oidHMACSHA384 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 10}
	oidHMACSHA512 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 11}
	oidAES128CBC  = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 2}
	oidAES192CBC  = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 22}
	oidAES256CBC  = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}
	oidDESEDE3CBC = asn1.ObjectIdentifier{1, 2, 840, 113549, 3, 7}
)

type algID struct {
	Algorithm  asn1.ObjectIdentifier
	Parameters asn1.RawValue `asn1:"optional"`
}

type encryptedPKInfo struct {
	Algo algID
	Data []byte
}

type pbes2Params struct {
	KDF    algID
	Scheme algID
}

type pbkdf2Params struct {
	Salt      []byte
	Iter      int
	KeyLength int   `asn1:"optional"`
	PRF       algID `asn1:"optional"`
}

// decryptPKCS8 decrypts an EncryptedPrivateKeyInfo protected with PBES2 (what OpenSSL 3 writes).
func decryptPKCS8(der []byte, password string) ([]byte, error) {
	var info encryptedPKInfo
	if _, err := asn1.Unmarshal(der, &info); err != nil {
		return nil, fmt.Errorf("encrypted private key: %w", err)
	}
	return pbes2Decrypt(info.Algo, info.Data, password)
}

func pbes2Decrypt(alg algID, data []byte, password string) ([]byte, error) {
	if !alg.Algorithm.Equal(oidPBES2) {
		return nil, fmt.Errorf("encrypted private key: unsupported scheme %v (only PBES2)", alg.Algorithm)
	}
	var p pbes2Params
	if _, err := asn1.Unmarshal(alg.Parameters.FullBytes, &p); err != nil {
		return nil, fmt.Errorf("encrypted private key: %w", err)
	}
	if !p.KDF.Algorithm.Equal(oidPBKDF2) {
		return nil, fmt.Errorf("encrypted private key: unsupported key derivation %v", p.KDF.Algorithm)
	}
	var kp pbkdf2Params
	if _, err := asn1.Unmarshal(p.KDF.Parameters.FullBytes, &kp); err != nil {
		return nil, fmt.Errorf("encrypted private key: %w", err)
	}
	var h func() hash.Hash
	switch {
	case len(kp.PRF.Algorithm) == 0 || kp.PRF.Algorithm.Equal(oidHMACSHA1):
		h = sha1.New
	case kp.PRF.Algorithm.Equal(oidHMACSHA256):
		h = sha256.New
	case kp.PRF.Algorithm.Equal(oidHMACSHA384):
		h = sha512.New384
	case kp.PRF.Algorithm.Equal(oidHMACSHA512):
		h = sha512.New
	default:
		return nil, fmt.Errorf("encrypted private key: unsupported PRF %v", kp.PRF.Algorithm)
	}
	var keyLen int
	var newCipher func([]byte) (cipher.Block, error)
	switch {
	case p.Scheme.Algorithm.Equal(oidAES128CBC):
		keyLen, newCipher = 16, aes.NewCipher
	case p.Scheme.Algorithm.Equal(oidAES192CBC):
		keyLen, newCipher = 24, aes.NewCipher
	case p.Scheme.Algorithm.Equal(oidAES256CBC):
		keyLen, newCipher = 32, aes.NewCipher
	case p.Scheme.Algorithm.Equal(oidDESEDE3CBC):
		keyLen, newCipher = 24, des.NewTripleDESCipher
	default:
		return nil, fmt.Errorf("encrypted private key: unsupported cipher %v", p.Scheme.Algorithm)
	}
	var iv []byte
	if _, err := asn1.Unmarshal(p.Scheme.Parameters.FullBytes, &iv); err != nil {
		return nil, fmt.Errorf("encrypted private key: %w", err)
	}
	if kp.Iter <= 0 || kp.Iter > 10_000_000 {
		return nil, fmt.Errorf("encrypted private key: implausible iteration count")
	}
	key, err := pbkdf2.Key(h, password, kp.Salt, kp.Iter, keyLen)
	if err != nil {
		return nil, fmt.Errorf("encrypted private key: %w", err)
	}
	blk, err := newCipher(key)
	if err != nil {
		return nil, fmt.Errorf("encrypted private key: %w", err)
	}
	bs := blk.BlockSize()
	if len(iv) != bs || len(data) == 0 || len(data)%bs != 0 {
		return nil, fmt.Errorf("encrypted private key: bad length")
	}
	out := make([]byte, len(data))
	cipher.NewCBCDecrypter(blk, iv).CryptBlocks(out, data)
	pad := int(out[len(out)-1])
	if pad == 0 || pad > bs {
		return nil, ErrPassword
	}
	for _, b := range out[len(out)-pad:] {
		if int(b) != pad {
			return nil, ErrPassword
		}
	}
	return out[:len(out)-pad], nil
}

// ---- PKCS#12 ----

var (
	oidData           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidKeyBag         = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 1}
	oidShroudedKeyBag = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 2}
	errNotPBES2PKCS12 = errors.New("not a PBES2 PKCS#12 file")
)

type pfx struct {
	Version  int
	AuthSafe contentInfo
	MacData  asn1.RawValue `asn1:"optional"`
}

type contentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"tag:0,explicit,optional"`
}

type safeBag struct {
	ID         asn1.ObjectIdentifier
	Value      asn1.RawValue `asn1:"tag:0,explicit"`
	Attributes asn1.RawValue `asn1:"optional"`
}

// pkcs12Key finds the RSA key of a PKCS#12 file: the PBES2 shrouded key bags OpenSSL 3 writes are
// read here, the legacy (3DES/RC2) ones through golang.org/x/crypto/pkcs12.
func pkcs12Key(data []byte, password string) (*rsa.PrivateKey, error) {
	k, err := pkcs12PBES2(data, password)
	if err == nil {
		return k, nil
	}
	if !errors.Is(err, errNotPBES2PKCS12) {
		return nil, err
	}
	blocks, err := pkcs12.ToPEM(data, password)
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) {
			return nil, ErrPassword
		}
		return nil, fmt.Errorf("%w: not PEM, DER or PKCS#12 (%v)", ErrNoKey, err)
	}
	for _, b := range blocks {
		if b.Type == "PRIVATE KEY" || b.Type == "RSA PRIVATE KEY" {
			return derKey(b.Bytes)
		}
	}
	return nil, ErrNoKey
}

func pkcs12PBES2(data []byte, password string) (*rsa.PrivateKey, error) {
	var p pfx
	if _, err := asn1.Unmarshal(data, &p); err != nil || !p.AuthSafe.ContentType.Equal(oidData) {
		return nil, errNotPBES2PKCS12
	}
	var authSafe []byte
	if _, err := asn1.Unmarshal(p.AuthSafe.Content.Bytes, &authSafe); err != nil {
		return nil, errNotPBES2PKCS12
	}
	var cis []contentInfo
	if _, err := asn1.Unmarshal(authSafe, &cis); err != nil {
		return nil, errNotPBES2PKCS12
	}
	for _, ci := range cis {
		if !ci.ContentType.Equal(oidData) {
			continue // encrypted data holds the certificates
		}
		var sc []byte
		if _, err := asn1.Unmarshal(ci.Content.Bytes, &sc); err != nil {
			continue
		}
		var bags []safeBag
		if _, err := asn1.Unmarshal(sc, &bags); err != nil {
			continue
		}
		for _, b := range bags {
			switch {
			case b.ID.Equal(oidKeyBag):
				return derKey(b.Value.Bytes)
			case b.ID.Equal(oidShroudedKeyBag):
				var info encryptedPKInfo
				if _, err := asn1.Unmarshal(b.Value.Bytes, &info); err != nil {
					return nil, fmt.Errorf("pkcs12 key bag: %w", err)
				}
				if !info.Algo.Algorithm.Equal(oidPBES2) {
					return nil, errNotPBES2PKCS12
				}
				der, err := pbes2Decrypt(info.Algo, info.Data, password)
				if err != nil {
					return nil, err
				}
				return derKey(der)
			}
		}
	}
	return nil, errNotPBES2PKCS12
}
