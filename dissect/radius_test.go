package dissect_test

import "testing"

func TestRADIUSDiff(t *testing.T) {
	runDiff(t, []string{"tc/radius.pcap", "../tcpdump/RADIUS.pcap", "../tcpdump/RADIUS-RFC4675.pcap", "../tcpdump/RADIUS-RFC3162.pcap"}, []string{"radius."}, []string{"radius"}, 0.95, 0.99)
}

func TestRADIUSTreeDiff(t *testing.T) {
	runTreeDiff(t, []string{"tc/radius.pcap"}, "radius", []string{"RADIUS Protocol"})
}
