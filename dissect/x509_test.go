package dissect_test

import "testing"

func TestX509Diff(t *testing.T) {
	runDiff(t, []string{"tc/tls12-rsa.pcap", "tc/tls12-ciphers.pcap", "tls1.2.pcap"}, []string{"x509af.", "x509ce.", "x509if.", "x509sat.", "pkcs1.", "frame.protocols"}, []string{"tls"}, 0.95, 0.9)
}

func TestX509TreeDiff(t *testing.T) {
	runTreeDiff(t, []string{"tc/tls12-rsa.pcap", "tls1.2.pcap"}, "tls", []string{"Transport Layer Security"})
}
