package dissect_test

import "testing"

func TestDNSCorpusDiff(t *testing.T) {
	files := []string{"tc/dns.pcap", "tc/mixed.pcapng", "test_dns.pcap", "dns_tcp.pcap", "dnssec.pcap", "edns-opts.pcap", "dns-zlip-1.pcap",
		"LINKTYPE_IPV4.pcap", "mdns.pcap", "wikipedia.pcap", "var-services-std-ports.pcap", "ipv6-fragmented-dns.pcap",
		"pcapng-multi-interface.pcapng", "smtp.pcap", "raw_packets.pcap", "gre-sample.pcap"}
	runDiff(t, files, []string{"tc/dns.pcap", "tc/mixed.pcapng", "dns."}, []string{"tc/dns.pcap", "tc/mixed.pcapng", "dns", "mdns", "llmnr"}, 0.9, 0.9)
}

func TestDNSTreeDiff(t *testing.T) {
	files := []string{"tc/dns.pcap", "tc/mixed.pcapng", "test_dns.pcap", "dns_tcp.pcap", "dnssec.pcap", "edns-opts.pcap", "mdns.pcap", "wikipedia.pcap", "var-services-std-ports.pcap"}
	runTreeDiff(t, files, "dns,mdns,llmnr", []string{"tc/dns.pcap", "tc/mixed.pcapng", "Domain Name System", "Multicast Domain Name System", "Link-local Multicast Name Resolution"})
}
