package stats_test

import (
	"crypto/hmac"
	"crypto/md5"
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"golang.org/x/crypto/md4"
)

// TestEnterpriseCredentials checks the credentials of the enterprise captures (make-enterprise.sh
// knows their passwords): LDAP simple binds in the clear, Kerberos principals with their encrypted
// timestamps, RADIUS users, and NTLMSSP responses that verify against the real password.
func TestEnterpriseCredentials(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	want := map[string][]string{
		"ldap.pcap":     {"LDAP", "cn=admin,dc=example,dc=test", "ldap-admin-pw", "ldap-alice-pw"},
		"kerberos.pcap": {"Kerberos", "alice@EXAMPLE.TEST", "nobody@EXAMPLE.TEST", "$krb5pa$18$alice$EXAMPLE.TEST$"},
		"radius.pcap":   {"RADIUS", "alice"},
		"smb.pcap":      {"NTLMSSP", `WORKGROUP\entalice`, "entalice::WORKGROUP:"},
	}
	for file, ws := range want {
		t.Run(file, func(t *testing.T) {
			out := run(t, filepath.Join(root, "testdata", "captures", file), "credentials,show")
			for _, w := range ws {
				if !strings.Contains(out, w) {
					t.Errorf("want %q in\n%s", w, out)
				}
			}
			if plain := run(t, filepath.Join(root, "testdata", "captures", file), "credentials"); strings.Contains(plain, ws[1]) {
				t.Errorf("tshark 4.0 reports none of these, but plain -z credentials shows\n%s", plain)
			}
		})
	}
}

// TestNetNTLMv2Verifies recomputes each NetNTLMv2 line's NTProofStr from the password smbclient used:
// the challenge, user, domain and blob must be exactly what a cracker needs.
func TestNetNTLMv2Verifies(t *testing.T) {
	out := run(t, filepath.Join(tsharktest.RepoRoot(t), "testdata", "captures", "smb.pcap"), "credentials,show")
	u16 := func(s string) []byte {
		var b []byte
		for _, r := range utf16.Encode([]rune(s)) {
			b = append(b, byte(r), byte(r>>8))
		}
		return b
	}
	h := md4.New()
	h.Write(u16("smb-alice-pw"))
	ntHash := h.Sum(nil)
	checked := 0
	for _, f := range strings.Fields(out) {
		p := strings.Split(f, ":")
		if len(p) != 6 || p[1] != "" {
			continue
		}
		m := hmac.New(md5.New, ntHash)
		m.Write(u16(strings.ToUpper(p[0]) + p[2]))
		ch, _ := hex.DecodeString(p[3])
		blob, _ := hex.DecodeString(p[5])
		m2 := hmac.New(md5.New, m.Sum(nil))
		m2.Write(ch)
		m2.Write(blob)
		proof := hex.EncodeToString(m2.Sum(nil))
		// the last session used a wrong password: its proof must not verify
		if wrong := checked == 2; (proof == p[4]) == wrong {
			t.Errorf("%s: proof %s, line says %s (wrong password: %v)", f[:40], proof, p[4], wrong)
		}
		checked++
	}
	if checked != 3 {
		t.Errorf("%d NetNTLMv2 lines, want 3 (SMB3, SMB1, failed SMB3)\n%s", checked, out)
	}
}
