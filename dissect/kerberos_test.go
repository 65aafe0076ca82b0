package dissect_test

import "testing"

func TestKerberosDiff(t *testing.T) {
	runDiff(t, []string{"tc/kerberos.pcap"}, []string{"kerberos."}, []string{"kerberos"}, 0.99, 0.99)
}

func TestKerberosTreeDiff(t *testing.T) {
	runTreeDiff(t, []string{"tc/kerberos.pcap"}, "kerberos", []string{"Kerberos"})
}
