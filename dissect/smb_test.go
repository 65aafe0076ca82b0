package dissect_test

import "testing"

func TestSMBDiff(t *testing.T) {
	runDiff(t, []string{"tc/smb.pcap"}, []string{"smb2.", "nbss.", "ntlmssp.", "spnego.", "gss-api."}, []string{"smb2", "nbss", "smb"}, 0.9, 0.9)
}

func TestSMBTreeDiff(t *testing.T) {
	runTreeDiff(t, []string{"tc/smb.pcap"}, "nbss,smb2,gss-api,spnego,ntlmssp", []string{"NetBIOS Session Service", "SMB2 (Server", "GSS-API", "Simple Protected", "NTLM Secure"})
}
