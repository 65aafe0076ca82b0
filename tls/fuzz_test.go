package tls_test

import (
	"encoding/hex"
	"net/netip"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/internal/budget"
	"github.com/tshark-tui/tshark-tui/tls"
)

// FuzzTLSRecord drives a Session with random handshake messages, key-log secrets and records:
// nothing may panic, whatever the bytes.
func FuzzTLSRecord(f *testing.F) {
	f.Add(unhex(f, rfc8448ClientHello), unhex(f, rfc8448ServerHello), unhex(f, rfc8448SHS), uint8(23), unhex(f, rfc8448ServerFlight)[5:])
	f.Add([]byte{1, 0, 0, 0}, []byte{2, 0, 0, 38, 3, 3}, []byte{}, uint8(22), []byte{0, 1, 2})
	f.Fuzz(func(t *testing.T, ch, sh, secret []byte, ct uint8, rec []byte) {
		defer budget.Input(t)() // a slow input is a finding
		kl := tls.NewKeyLog()
		if len(ch) >= 38 && len(secret) > 0 {
			random := ch[6:38]
			hexs := hex.EncodeToString
			m := secret
			for len(m) < 48 {
				m = append(m, m...)
			}
			text := "CLIENT_RANDOM " + hexs(random) + " " + hexs(m[:48]) + "\n" +
				"SERVER_HANDSHAKE_TRAFFIC_SECRET " + hexs(random) + " " + hexs(secret) + "\n" +
				"CLIENT_HANDSHAKE_TRAFFIC_SECRET " + hexs(random) + " " + hexs(secret) + "\n"
			_ = kl.Parse(strings.NewReader(text))
		}
		s := tls.NewSession(&tls.Keys{Logs: []*tls.KeyLog{kl}}, nil, netip.AddrPort{})
		s.Handshake(tls.FromClient, ch)
		s.Handshake(tls.FromServer, sh)
		for dir := 0; dir < 2; dir++ {
			s.ChangeCipherSpec(dir)
			for i := 0; i < 3; i++ {
				r, err := s.Decrypt(dir, ct, 0x0303, rec)
				if err == nil && r.Type == 22 {
					s.Handshake(dir, r.Data)
				}
			}
		}
		_ = s.Reason()
	})
}
