package dissect_test

import "testing"

func TestTFTPDiff(t *testing.T) {
	runDiff(t, []string{"tc/tftp.pcap", "../tcpdump/tftp.pcap"}, []string{"tftp."}, []string{"tftp"}, 0.95, 0.95)
}

func TestTFTPTreeDiff(t *testing.T) {
	runTreeDiff(t, []string{"tc/tftp.pcap", "../tcpdump/tftp.pcap"}, "tftp", []string{"Trivial File Transfer Protocol"})
}
