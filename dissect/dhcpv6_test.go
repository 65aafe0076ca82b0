package dissect_test

import "testing"

var dhcpv6Captures = []string{"../tcpdump/dhcpv6-ia-na.pcap", "../tcpdump/dhcpv6-ia-pd.pcap", "../tcpdump/dhcpv6-ia-ta.pcap",
	"../tcpdump/dhcpv6-domain-list.pcap", "../tcpdump/dhcpv6-ntp-server.pcap", "../tcpdump/dhcpv6-AFTR-Name-RFC6334.pcap",
	"../tcpdump/dhcpv6-rfc8415-duid-type2.pcap", "../tcpdump/dhcpv6-sip-server-d.pcap"}

func TestDHCPv6Diff(t *testing.T) {
	runDiff(t, dhcpv6Captures, []string{"dhcpv6."}, []string{"dhcpv6"}, 0.95, 0.95)
}

func TestDHCPv6TreeDiff(t *testing.T) {
	runTreeDiff(t, dhcpv6Captures, "dhcpv6", []string{"DHCPv6"})
}
