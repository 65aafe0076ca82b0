package dissect_test

import "testing"

func TestLDAPDiff(t *testing.T) {
	runDiff(t, []string{"tc/ldap.pcap"}, []string{"ldap."}, []string{"ldap", "cldap"}, 0.99, 0.99)
}

func TestLDAPTreeDiff(t *testing.T) {
	runTreeDiff(t, []string{"tc/ldap.pcap"}, "ldap", []string{"Lightweight Directory Access Protocol"})
}
