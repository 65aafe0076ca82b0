package dissect_test

import "testing"

func TestDHCPCorpusDiff(t *testing.T) {
	files := []string{"tc/dhcp.pcap", "dhcp.pcap", "dhcp-rfc4388.pcap", "dhcp-option-108.pcapng", "eapon1.pcap"}
	runDiff(t, files, []string{"tc/dhcp.pcap", "dhcp."}, []string{"tc/dhcp.pcap", "dhcp"}, 0.9, 0.9)
}

func TestDHCPTreeDiff(t *testing.T) {
	runTreeDiff(t, []string{"tc/dhcp.pcap", "dhcp.pcap", "dhcp-rfc4388.pcap", "dhcp-option-108.pcapng", "eapon1.pcap"}, "dhcp", []string{"tc/dhcp.pcap", "Dynamic Host Configuration Protocol"})
}
