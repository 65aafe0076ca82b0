package tls

import (
	"crypto"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"hash"
)

// pHash is the P_hash data expansion function of RFC 5246 section 5.
func pHash(out []byte, h func() hash.Hash, secret, seed []byte) {
	mac := hmac.New(h, secret)
	mac.Write(seed)
	a := mac.Sum(nil)
	var buf []byte
	for j := 0; j < len(out); {
		mac.Reset()
		mac.Write(a)
		mac.Write(seed)
		buf = mac.Sum(buf[:0])
		j += copy(out[j:], buf)
		mac.Reset()
		mac.Write(a)
		a = mac.Sum(a[:0])
	}
}

// PRF10 is the TLS 1.0 and 1.1 pseudo-random function (RFC 2246 section 5): P_MD5 over the first
// half of the secret XOR P_SHA-1 over the second half.
func PRF10(secret []byte, label string, seed []byte, n int) []byte {
	ls := append([]byte(label), seed...)
	half := (len(secret) + 1) / 2
	s1, s2 := secret[:half], secret[len(secret)-half:]
	out := make([]byte, n)
	tmp := make([]byte, n)
	pHash(out, md5.New, s1, ls)
	pHash(tmp, sha1.New, s2, ls)
	for i := range out {
		out[i] ^= tmp[i]
	}
	return out
}

// PRF12 is the TLS 1.2 pseudo-random function with hash h (SHA-256 or the suite's SHA-384).
func PRF12(h crypto.Hash, secret []byte, label string, seed []byte, n int) []byte {
	out := make([]byte, n)
	pHash(out, h.New, secret, append([]byte(label), seed...))
	return out
}

// prf runs the PRF of version v (0x0301–0x0303) with the suite's hash.
func prf(v uint16, h crypto.Hash, secret []byte, label string, seed []byte, n int) []byte {
	if v < 0x0303 {
		return PRF10(secret, label, seed, n)
	}
	return PRF12(h, secret, label, seed, n)
}

// MasterSecret derives the master secret from the pre-master secret (RFC 5246 section 8.1).
func MasterSecret(v uint16, h crypto.Hash, pms, clientRandom, serverRandom []byte) []byte {
	return prf(v, h, pms, "master secret", append(append([]byte(nil), clientRandom...), serverRandom...), 48)
}

// ExtendedMasterSecret derives the master secret of RFC 7627 from the pre-master secret and the
// session hash (the hash of the handshake messages up to and including the Client Key Exchange).
func ExtendedMasterSecret(v uint16, h crypto.Hash, pms, sessionHash []byte) []byte {
	return prf(v, h, pms, "extended master secret", sessionHash, 48)
}

// SessionHash hashes a handshake transcript as RFC 7627 requires: MD5 and SHA-1 concatenated
// before TLS 1.2, the PRF hash after.
func SessionHash(v uint16, h crypto.Hash, transcript []byte) []byte {
	if v < 0x0303 {
		m := md5.Sum(transcript)
		s := sha1.Sum(transcript)
		return append(m[:], s[:]...)
	}
	d := h.New()
	d.Write(transcript)
	return d.Sum(nil)
}

// KeyBlock derives n bytes of key material from the master secret (RFC 5246 section 6.3).
func KeyBlock(v uint16, h crypto.Hash, master, clientRandom, serverRandom []byte, n int) []byte {
	return prf(v, h, master, "key expansion", append(append([]byte(nil), serverRandom...), clientRandom...), n)
}

// HKDFExpandLabel is TLS 1.3's HKDF-Expand-Label (RFC 8446 section 7.1).
func HKDFExpandLabel(h crypto.Hash, secret []byte, label string, context []byte, n int) []byte {
	info := make([]byte, 0, 4+6+len(label)+len(context))
	info = append(info, byte(n>>8), byte(n), byte(6+len(label)))
	info = append(info, "tls13 "...)
	info = append(info, label...)
	info = append(info, byte(len(context)))
	info = append(info, context...)
	// HKDF-Expand (RFC 5869 section 2.3)
	out := make([]byte, 0, n+h.Size())
	mac := hmac.New(h.New, secret)
	var t []byte
	for i := byte(1); len(out) < n; i++ {
		mac.Reset()
		mac.Write(t)
		mac.Write(info)
		mac.Write([]byte{i})
		t = mac.Sum(t[:0])
		out = append(out, t...)
	}
	return out[:n]
}

// TrafficKeys derives the record key and IV of a TLS 1.3 traffic secret.
func TrafficKeys(s Suite, secret []byte) (key, iv []byte) {
	kl, _, _ := s.keyLen()
	return HKDFExpandLabel(s.PRF, secret, "key", nil, kl), HKDFExpandLabel(s.PRF, secret, "iv", nil, 12)
}

// NextTrafficSecret is the secret after a KeyUpdate (RFC 8446 section 7.2).
func NextTrafficSecret(h crypto.Hash, secret []byte) []byte {
	return HKDFExpandLabel(h, secret, "traffic upd", nil, h.Size())
}
