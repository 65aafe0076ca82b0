package dissect_test

import "testing"

// TestDbinProtocols compares frame.protocols with tshark on captures of the dns, dhcp, ntp and tls
// dissectors (informational: other layers' gaps show up here too).
func TestDbinProtocols(t *testing.T) {
	files := []string{"tc/dns.pcap", "tc/ntp.pcap", "tc/dhcp.pcap", "tc/tls12-rsa.pcap", "tc/tls13.pcap",
		"tls1.2.pcap", "tls13_wolfssl.pcap", "test_dns.pcap", "dns_tcp.pcap", "dnssec.pcap", "edns-opts.pcap",
		"dhcp.pcap", "dhcp-option-108.pcapng", "ntp.pcap", "ntp2.pcap"}
	runDiff(t, files, []string{"frame.protocols"}, nil, 0.9, 0)
}
