package dissect_test

import "testing"

func TestNTPCorpusDiff(t *testing.T) {
	files := []string{"tc/ntp.pcap", "ntp.pcap", "ntp2.pcap", "var-services-std-ports.pcap", "gre-sample.pcap", "fragmented-1.pcap"}
	runDiff(t, files, []string{"tc/ntp.pcap", "ntp."}, []string{"tc/ntp.pcap", "ntp"}, 0.9, 0.9)
}

func TestNTPTreeDiff(t *testing.T) {
	runTreeDiff(t, []string{"tc/ntp.pcap", "ntp.pcap", "ntp2.pcap", "var-services-std-ports.pcap"}, "ntp", []string{"tc/ntp.pcap", "Network Time Protocol"})
}
