package dissect

import (
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestQUICInitialSecrets checks the Initial key schedule against RFC 9001 appendix A.1.
func TestQUICInitialSecrets(t *testing.T) {
	dcid, _ := hex.DecodeString("8394c8f03e515708")
	initial, err := hkdf.Extract(sha256.New, dcid, quicV1Salt)
	if err != nil {
		t.Fatal(err)
	}
	client := hkdfExpandLabel(initial, "client in", 32)
	server := hkdfExpandLabel(initial, "server in", 32)
	tests := []struct {
		name   string
		secret []byte
		label  string
		n      int
		want   string
	}{
		{"client key", client, "quic key", 16, "1f369613dd76d5467730efcbe3b1a22d"},
		{"client iv", client, "quic iv", 12, "fa044b2f42a3fd3b46fb255c"},
		{"client hp", client, "quic hp", 16, "9f50449e04a0e810283a1e9933adedd2"},
		{"server key", server, "quic key", 16, "cf3a5331653c364c88f0f379b6067e37"},
		{"server iv", server, "quic iv", 12, "0ac1493ca1905853b0bba03e"},
		{"server hp", server, "quic hp", 16, "c206b8d9b9f0f37644430b490eeaa314"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := hex.EncodeToString(hkdfExpandLabel(tc.secret, tc.label, tc.n)); got != tc.want {
				t.Errorf("%s = %s, want %s", tc.label, got, tc.want)
			}
		})
	}
}
