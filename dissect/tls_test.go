package dissect_test

import "testing"

func TestTLSCorpusDiff(t *testing.T) {
	files := []string{"tls1.2.pcap", "tls13_wolfssl.pcap", "smtp.pcap", "raw_packets.pcap"}
	runDiff(t, files, []string{"tls."}, []string{"tls"}, 0.9, 0.9)
}

func TestTLSTreeDiff(t *testing.T) {
	runTreeDiff(t, []string{"tls1.2.pcap", "tls13_wolfssl.pcap", "smtp.pcap", "raw_packets.pcap"}, "tls", []string{"Transport Layer Security"})
}
