package tls

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/hmac"
	"crypto/rc4"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"

	"golang.org/x/crypto/chacha20poly1305"
)

// Errors a record's decryption reports. A record that fails keeps the sequence number advancing,
// as the peer's did.
var (
	ErrBadMAC     = errors.New("bad record MAC")
	ErrBadPadding = errors.New("bad record padding")
	ErrShort      = errors.New("record too short for its cipher")
)

// Decoder decrypts the records one side of a connection sends with one set of keys, counting their
// sequence numbers.
type Decoder struct {
	suite   Suite
	version uint16
	tls13   bool
	etm     bool // encrypt-then-MAC (RFC 7366)
	seq     uint64
	mac     hash.Hash
	macKey  []byte
	block   cipher.Block
	iv      []byte // CBC: the chained IV of TLS 1.0; AEAD: the fixed or static IV
	aead    cipher.AEAD
	rc4     *rc4.Cipher
}

// newDecoder makes a decoder from the key material of one side.
func newDecoder(s Suite, version uint16, etm bool, macKey, key, iv []byte) (*Decoder, error) {
	d := &Decoder{suite: s, version: version, etm: etm && s.block(), iv: append([]byte(nil), iv...)}
	d.tls13 = version == 0x0304
	if s.MAC != 0 && !s.aead() {
		d.macKey = append([]byte(nil), macKey...)
		d.mac = hmac.New(s.MAC.New, d.macKey)
	}
	var err error
	switch s.Bulk {
	case BulkNull:
	case BulkRC4:
		d.rc4, err = rc4.NewCipher(key)
	case Bulk3DES:
		d.block, err = des.NewTripleDESCipher(key)
	case BulkAES128CBC, BulkAES256CBC:
		d.block, err = aes.NewCipher(key)
	case BulkAES128GCM, BulkAES256GCM:
		var b cipher.Block
		if b, err = aes.NewCipher(key); err == nil {
			d.aead, err = cipher.NewGCM(b)
		}
	case BulkChaCha20:
		d.aead, err = chacha20poly1305.New(key)
	default:
		err = fmt.Errorf("cipher suite 0x%04x: unsupported cipher", s.ID)
	}
	if err != nil {
		return nil, fmt.Errorf("record keys: %w", err)
	}
	return d, nil
}

// NewTLS13Decoder makes a decoder for a TLS 1.3 traffic secret.
func NewTLS13Decoder(s Suite, secret []byte) (*Decoder, error) {
	key, iv := TrafficKeys(s, secret)
	return newDecoder(s, 0x0304, false, nil, key, iv)
}

// Seq returns the sequence number of the next record.
func (d *Decoder) Seq() uint64 { return d.seq }

// Record is a decrypted record.
type Record struct {
	// Type is the content type: the record header's, or the inner one in TLS 1.3.
	Type uint8
	Data []byte
	// Seq is the record's sequence number.
	Seq uint64
}

// Decrypt decrypts one record: ct and version from its header, payload its body. The sequence
// number advances whether or not the record authenticates. Plaintext is a fresh slice.
func (d *Decoder) Decrypt(ct uint8, version uint16, payload []byte) (Record, error) {
	seq := d.seq
	d.seq++
	r := Record{Type: ct, Seq: seq}
	var nonceBuf [12]byte
	var ad [13]byte
	switch {
	case d.aead != nil && d.tls13:
		// RFC 8446 section 5.3: the static IV XOR the sequence number; the header is the AD.
		copy(nonceBuf[:], d.iv)
		for i := 0; i < 8; i++ {
			nonceBuf[4+i] ^= byte(seq >> (56 - 8*i))
		}
		hdr := [5]byte{ct, byte(version >> 8), byte(version), byte(len(payload) >> 8), byte(len(payload))}
		if len(payload) < d.aead.Overhead() {
			return r, ErrShort
		}
		pt, err := d.aead.Open(nil, nonceBuf[:], payload, hdr[:])
		if err != nil {
			return r, ErrBadMAC
		}
		// Strip the zero padding; the last non-zero byte is the real content type.
		i := len(pt) - 1
		for i >= 0 && pt[i] == 0 {
			i--
		}
		if i < 0 {
			return r, fmt.Errorf("record without content type")
		}
		r.Type, r.Data = pt[i], pt[:i]
		return r, nil
	case d.aead != nil:
		var nonce []byte
		if d.suite.Bulk == BulkChaCha20 {
			// RFC 7905: the 12-byte IV XOR the sequence number, no explicit nonce.
			copy(nonceBuf[:], d.iv)
			for i := 0; i < 8; i++ {
				nonceBuf[4+i] ^= byte(seq >> (56 - 8*i))
			}
			nonce = nonceBuf[:]
		} else {
			if len(payload) < 8 {
				return r, ErrShort
			}
			copy(nonceBuf[:4], d.iv)
			copy(nonceBuf[4:], payload[:8])
			nonce = nonceBuf[:]
			payload = payload[8:]
		}
		if len(payload) < d.aead.Overhead() {
			return r, ErrShort
		}
		n := len(payload) - d.aead.Overhead()
		binary.BigEndian.PutUint64(ad[:], seq)
		ad[8], ad[9], ad[10], ad[11], ad[12] = ct, byte(version>>8), byte(version), byte(n>>8), byte(n)
		pt, err := d.aead.Open(nil, nonce, payload, ad[:])
		if err != nil {
			return r, ErrBadMAC
		}
		r.Data = pt
		return r, nil
	}
	macLen := 0
	if d.mac != nil {
		macLen = d.mac.Size()
	}
	if d.etm {
		// RFC 7366: the MAC covers the IV and ciphertext and comes first in the check.
		if len(payload) < macLen {
			return r, ErrShort
		}
		body := payload[:len(payload)-macLen]
		if !d.checkMAC(seq, ct, version, body, payload[len(payload)-macLen:]) {
			return r, ErrBadMAC
		}
		pt, err := d.decryptBlock(body)
		if err != nil {
			return r, err
		}
		r.Data = pt
		return r, nil
	}
	var pt []byte
	switch {
	case d.block != nil:
		var err error
		if pt, err = d.decryptBlock(payload); err != nil {
			return r, err
		}
	case d.rc4 != nil:
		pt = make([]byte, len(payload))
		d.rc4.XORKeyStream(pt, payload)
	default:
		pt = append([]byte(nil), payload...)
	}
	if len(pt) < macLen {
		return r, ErrShort
	}
	data := pt[:len(pt)-macLen]
	if macLen > 0 && !d.checkMAC(seq, ct, version, data, pt[len(pt)-macLen:]) {
		r.Data = data
		return r, ErrBadMAC
	}
	r.Data = data
	return r, nil
}

// decryptBlock decrypts CBC data and removes the IV (TLS 1.1+) and the padding.
func (d *Decoder) decryptBlock(body []byte) ([]byte, error) {
	bs := d.block.BlockSize()
	if len(body) == 0 || len(body)%bs != 0 {
		return nil, ErrShort
	}
	var iv []byte
	if d.version >= 0x0302 {
		if len(body) < 2*bs {
			return nil, ErrShort
		}
		iv, body = body[:bs], body[bs:]
	} else {
		iv = d.iv
	}
	pt := make([]byte, len(body))
	cipher.NewCBCDecrypter(d.block, iv).CryptBlocks(pt, body)
	if d.version < 0x0302 {
		// TLS 1.0 chains the IV from record to record.
		d.iv = append(d.iv[:0], body[len(body)-bs:]...)
	}
	pad := int(pt[len(pt)-1])
	if pad+1 > len(pt) {
		return nil, ErrBadPadding
	}
	for _, b := range pt[len(pt)-1-pad:] {
		if int(b) != pad {
			return nil, ErrBadPadding
		}
	}
	return pt[:len(pt)-1-pad], nil
}

func (d *Decoder) checkMAC(seq uint64, ct uint8, version uint16, data, want []byte) bool {
	var hdr [13]byte
	binary.BigEndian.PutUint64(hdr[:], seq)
	hdr[8], hdr[9], hdr[10] = ct, byte(version>>8), byte(version)
	hdr[11], hdr[12] = byte(len(data)>>8), byte(len(data))
	d.mac.Reset()
	d.mac.Write(hdr[:])
	d.mac.Write(data)
	var sum [64]byte
	got := d.mac.Sum(sum[:0])
	return subtle.ConstantTimeCompare(got, want) == 1
}
