package dissect_test

import "testing"

func TestDNSCorpusDiff(t *testing.T) {
	files := []string{"test_dns.pcap", "dns_tcp.pcap", "dnssec.pcap", "edns-opts.pcap", "dns-zlip-1.pcap",
		"LINKTYPE_IPV4.pcap", "mdns.pcap", "wikipedia.pcap", "var-services-std-ports.pcap", "ipv6-fragmented-dns.pcap",
		"pcapng-multi-interface.pcapng", "smtp.pcap", "raw_packets.pcap", "gre-sample.pcap"}
	runDiff(t, files, []string{"dns."}, []string{"dns", "mdns", "llmnr"}, 0.9, 0.9)
}

func TestDNSTreeDiff(t *testing.T) {
	files := []string{"test_dns.pcap", "dns_tcp.pcap", "dnssec.pcap", "edns-opts.pcap", "mdns.pcap", "wikipedia.pcap", "var-services-std-ports.pcap"}
	runTreeDiff(t, files, "dns,mdns,llmnr", []string{"Domain Name System", "Multicast Domain Name System", "Link-local Multicast Name Resolution"})
}
