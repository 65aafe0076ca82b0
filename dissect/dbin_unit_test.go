package dissect_test

import (
	"testing"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// dnsQuery is a query for example.com, type A, id 0x1a2b:
//
//	0x0000:  1a2b 0100 0001 0000 0000 0000 0765 7861  .+...........exa
//	0x0010:  6d70 6c65 0363 6f6d 0000 0100 01         mple.com.....
var dnsQuery = []byte{0x1a, 0x2b, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0x00, 0x01, 0x00, 0x01}

// dnsResponse answers it with 93.184.216.34 (the answer's name is a pointer to the question's).
var dnsResponse = append(append([]byte{0x1a, 0x2b, 0x81, 0x80, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00},
	dnsQuery[12:]...), 0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 93, 184, 216, 34)

// dnsNXDomain is the same response with rcode 3 and no answer.
var dnsNXDomain = append([]byte{0x1a, 0x2b, 0x81, 0x83, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}, dnsQuery[12:]...)

// ntpClient is an NTPv4 client request (flags 0x23) with only a transmit timestamp.
var ntpClient = append(append([]byte{0x23, 0, 0, 0}, make([]byte, 36)...), 0xe0, 0, 0, 0, 0x80, 0, 0, 0)

// dhcpDiscover is a BOOTP request with the DHCP cookie and a Discover message type option.
var dhcpDiscover = func() []byte {
	b := make([]byte, 236)
	b[0], b[1], b[2] = 1, 1, 6
	b[4], b[5], b[6], b[7] = 0, 0, 0x12, 0x34
	copy(b[28:], []byte{0x00, 0x11, 0x22, 0x33, 0x44, 0x55})
	return append(b, 0x63, 0x82, 0x53, 0x63, 53, 1, 1, 255)
}()

// tlsClientHello is a TLS 1.0 record holding a minimal TLS 1.2 Client Hello with one cipher suite.
var tlsClientHello = func() []byte {
	hello := []byte{0x03, 0x03}
	hello = append(hello, make([]byte, 32)...)    // random
	hello = append(hello, 0)                      // session id
	hello = append(hello, 0, 2, 0x13, 0x01, 1, 0) // TLS_AES_128_GCM_SHA256, null compression
	hs := append([]byte{1, 0, 0, byte(len(hello))}, hello...)
	return append([]byte{22, 3, 1, 0, byte(len(hs))}, hs...)
}()

func TestDbinColumns(t *testing.T) {
	tests := []struct {
		name           string
		frames         [][]byte
		protocol, info string
	}{
		{"dns query", [][]byte{wrapUDP(40000, 53, dnsQuery)}, "DNS", "Standard query 0x1a2b A example.com"},
		{"dns response", [][]byte{wrapUDP(40000, 53, dnsQuery), wrapUDP(53, 40000, dnsResponse)}, "DNS",
			"Standard query response 0x1a2b A example.com A 93.184.216.34"},
		{"dns nxdomain", [][]byte{wrapUDP(53, 40000, dnsNXDomain)}, "DNS", "Standard query response 0x1a2b No such name A example.com"},
		{"dns over tcp", [][]byte{wrapTCP(40000, 53, 1, append([]byte{0, byte(len(dnsQuery))}, dnsQuery...))}, "DNS",
			"Standard query 0x1a2b A example.com"},
		{"ntp", [][]byte{wrapUDP(123, 123, ntpClient)}, "NTP", "NTP Version 4, client"},
		{"dhcp", [][]byte{wrapUDP(68, 67, dhcpDiscover)}, "DHCP", "DHCP Discover - Transaction ID 0x1234"},
		{"tls client hello", [][]byte{wrapTCP(40000, 443, 1, tlsClientHello)}, "TLSv1", "Client Hello"},
		{"tls split record", [][]byte{wrapTCP(40000, 443, 1, tlsClientHello[:20]), wrapTCP(40000, 443, 21, tlsClientHello[20:])},
			"TLSv1", "Client Hello"},
		{"tls heuristic", [][]byte{wrapTCP(40000, 9999, 1, tlsClientHello)}, "TLSv1", "Client Hello"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr, c := runFrames(tc.frames...)
			checkNoBug(t, tr)
			if c.Cols.Protocol != tc.protocol || string(c.Cols.Info) != tc.info {
				t.Errorf("got %q %q, want %q %q", c.Cols.Protocol, c.Cols.Info, tc.protocol, tc.info)
			}
		})
	}
}

func TestDbinDNSResponseLink(t *testing.T) {
	tr, _ := runFrames(wrapUDP(40000, 53, dnsQuery), wrapUDP(53, 40000, dnsResponse))
	f := fieldByName(t, "dns.response_to")
	n := tr.First(f)
	if n == nil || n.Value.U != 1 {
		t.Fatalf("dns.response_to = %v, want frame 1", n)
	}
	if tm := tr.First(fieldByName(t, "dns.time")); tm == nil || tm.Value.I != 1e6 {
		t.Fatalf("dns.time = %v, want 1ms", tm)
	}
}

func fieldByName(t *testing.T, name string) field.ID {
	t.Helper()
	f, ok := dissect.Fields.Lookup(name)
	if !ok {
		t.Fatalf("no field %s", name)
	}
	return f.ID
}
