package dissect_test

import "testing"

func TestTLSCorpusDiff(t *testing.T) {
	files := []string{"tc/tls12-rsa.pcap", "tc/tls13.pcap", "tls1.2.pcap", "tls13_wolfssl.pcap", "smtp.pcap", "raw_packets.pcap"}
	runDiff(t, files, []string{"tc/tls12-rsa.pcap", "tc/tls13.pcap", "tls."}, []string{"tc/tls12-rsa.pcap", "tc/tls13.pcap", "tls"}, 0.9, 0.9)
}

func TestTLSTreeDiff(t *testing.T) {
	runTreeDiff(t, []string{"tc/tls12-rsa.pcap", "tc/tls13.pcap", "tls1.2.pcap", "tls13_wolfssl.pcap", "smtp.pcap", "raw_packets.pcap"}, "tls", []string{"tc/tls12-rsa.pcap", "tc/tls13.pcap", "Transport Layer Security"})
}
