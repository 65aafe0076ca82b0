package tls

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
)

// Secrets are the secrets a key log holds for one connection, keyed by its client random.
type Secrets struct {
	// Master is the TLS 1.0–1.2 master secret (CLIENT_RANDOM).
	Master []byte
	// TLS 1.3 secrets.
	ClientEarly, ClientHandshake, ServerHandshake, ClientTraffic0, ServerTraffic0, Exporter []byte
}

// KeyLog holds the secrets of an NSS key log file (the SSLKEYLOGFILE format): master secrets by
// client random, TLS 1.3 traffic secrets by client random, and RSA pre-master secrets by the first
// eight bytes of the encrypted pre-master secret. It is safe for concurrent reads once parsed.
type KeyLog struct {
	byRandom map[[32]byte]*Secrets
	rsaPMS   map[[8]byte][]byte
}

// NewKeyLog returns an empty key log.
func NewKeyLog() *KeyLog {
	return &KeyLog{byRandom: map[[32]byte]*Secrets{}, rsaPMS: map[[8]byte][]byte{}}
}

// Len returns how many connections and RSA pre-master secrets the log knows.
func (k *KeyLog) Len() int { return len(k.byRandom) + len(k.rsaPMS) }

// ReadKeyLogFile parses the key log file at path.
func ReadKeyLogFile(path string) (*KeyLog, error) {
	f, err := openRegular(path, maxKeyLog)
	if err != nil {
		return nil, fmt.Errorf("key log %s: %w", path, err)
	}
	defer f.Close()
	k := NewKeyLog()
	if err := k.Parse(io.LimitReader(f, maxKeyLog)); err != nil {
		return nil, fmt.Errorf("key log %s: %w", path, err)
	}
	return k, nil
}

// Parse adds the lines of r to the log. Comments, blank lines and lines with unknown labels are
// skipped, as Wireshark skips them; a line with a known label but malformed hex is an error that
// names the line (never its secret).
func (k *KeyLog) Parse(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		f := strings.Fields(s)
		if len(f) != 3 {
			continue
		}
		id, err := hex.DecodeString(f[1])
		if err != nil {
			return fmt.Errorf("line %d: %s: bad hex in the identifier", line, f[0])
		}
		secret, err := hex.DecodeString(f[2])
		if err != nil {
			return fmt.Errorf("line %d: %s: bad hex in the secret", line, f[0])
		}
		if f[0] == "RSA" {
			if len(id) != 8 || len(secret) != 48 {
				return fmt.Errorf("line %d: RSA: want 8 bytes of encrypted and 48 of pre-master secret", line)
			}
			k.rsaPMS[[8]byte(id)] = secret
			continue
		}
		if len(id) != 32 {
			if knownLabel(f[0]) {
				return fmt.Errorf("line %d: %s: client random is not 32 bytes", line, f[0])
			}
			continue
		}
		sec := k.byRandom[[32]byte(id)]
		if sec == nil {
			sec = &Secrets{}
		}
		switch f[0] {
		case "CLIENT_RANDOM":
			if len(secret) != 48 {
				return fmt.Errorf("line %d: CLIENT_RANDOM: master secret is not 48 bytes", line)
			}
			sec.Master = secret
		case "CLIENT_EARLY_TRAFFIC_SECRET":
			sec.ClientEarly = secret
		case "CLIENT_HANDSHAKE_TRAFFIC_SECRET":
			sec.ClientHandshake = secret
		case "SERVER_HANDSHAKE_TRAFFIC_SECRET":
			sec.ServerHandshake = secret
		case "CLIENT_TRAFFIC_SECRET_0":
			sec.ClientTraffic0 = secret
		case "SERVER_TRAFFIC_SECRET_0":
			sec.ServerTraffic0 = secret
		case "EXPORTER_SECRET":
			sec.Exporter = secret
		default:
			continue
		}
		k.byRandom[[32]byte(id)] = sec
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", line+1, err)
	}
	return nil
}

func knownLabel(s string) bool {
	switch s {
	case "CLIENT_RANDOM", "CLIENT_EARLY_TRAFFIC_SECRET", "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
		"SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET":
		return true
	}
	return false
}

// Lookup returns the secrets logged for a client random, or nil.
func (k *KeyLog) Lookup(clientRandom []byte) *Secrets {
	if k == nil || len(clientRandom) != 32 {
		return nil
	}
	return k.byRandom[[32]byte(clientRandom)]
}

// LookupRSA returns the pre-master secret logged for an encrypted pre-master secret, or nil.
func (k *KeyLog) LookupRSA(encrypted []byte) []byte {
	if k == nil || len(encrypted) < 8 {
		return nil
	}
	return k.rsaPMS[[8]byte(encrypted[:8])]
}
