package dissect_test

import "testing"

func TestSyslogDiff(t *testing.T) {
	runDiff(t, []string{"tc/syslog.pcap", "../tcpdump/syslog_udp.pcap"}, []string{"syslog."}, []string{"syslog"}, 0.95, 0.95)
}

func TestSyslogTreeDiff(t *testing.T) {
	runTreeDiff(t, []string{"tc/syslog.pcap", "../tcpdump/syslog_udp.pcap"}, "syslog", []string{"Syslog message"})
}
