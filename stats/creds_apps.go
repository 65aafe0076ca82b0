package stats

import (
	"encoding/hex"
	"strings"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Credentials of database and voice protocols, read from their dissected fields (tshark 4.0 reports
// none of them, so they show with "-z credentials,all"):
//   - PostgreSQL: the startup message's user with a cleartext password, or the MD5 response in
//     hashcat's PostgreSQL challenge-response form ($postgres$user*salt*hash), or "SASL <mechanism>"
//     for SCRAM (the exchange holds no crackable secret on its own);
//   - MySQL/MariaDB: the login's user with mysql_native_password's response in hashcat's MySQL
//     challenge-response form ($mysqlna$salt*response);
//   - SIP: the user of a Digest Authorization or Proxy-Authorization, with its realm, nonce and
//     response;
//   - SNMP: the community string (v1/v2c).

var appIDs = struct {
	pgType, pgParamName, pgParamValue, pgPassword, pgAuthType, pgSalt, pgSASLMech field.ID
	myUser, myPasswd, mySalt, mySalt2, myPlugin                                   field.ID
	sipUser, sipRealm, sipNonce, sipResponse, sipMethod, snmpCommunity            field.ID
}{
	pgType: optID("pgsql.type"), pgParamName: optID("pgsql.parameter_name"), pgParamValue: optID("pgsql.parameter_value"),
	pgPassword: optID("pgsql.password"), pgAuthType: optID("pgsql.authtype"), pgSalt: optID("pgsql.salt"),
	pgSASLMech: optID("pgsql.auth.sasl.mech"),
	myUser:     optID("mysql.user"), myPasswd: optID("mysql.passwd"), mySalt: optID("mysql.salt"), mySalt2: optID("mysql.salt2"),
	myPlugin: optID("mysql.client_auth_plugin"),
	sipUser:  optID("sip.auth.username"), sipRealm: optID("sip.auth.realm"), sipNonce: optID("sip.auth.nonce"),
	sipResponse: optID("sip.auth.digest.response"), sipMethod: optID("sip.Method"), snmpCommunity: optID("snmp.community"),
}

// appFields are the fields appCredentials reads.
func appFields() []field.ID {
	var out []field.ID
	for _, id := range []field.ID{appIDs.pgType, appIDs.pgParamName, appIDs.pgParamValue, appIDs.pgPassword,
		appIDs.pgAuthType, appIDs.pgSalt, appIDs.pgSASLMech, appIDs.myUser, appIDs.myPasswd, appIDs.mySalt,
		appIDs.mySalt2, appIDs.myPlugin, appIDs.sipUser, appIDs.sipRealm, appIDs.sipNonce, appIDs.sipResponse,
		appIDs.sipMethod, appIDs.snmpCommunity} {
		if id != 0 {
			out = append(out, id)
		}
	}
	return out
}

// appConn is what a database connection showed before its credential: the user asked for and the
// server's salt.
type appConn struct {
	user   string
	salt   []byte
	userAt uint32
}

// appCredentials looks for database, SIP and SNMP credentials in a frame's tree.
func (cr *Credentials) appCredentials(c *dissect.Ctx, t *field.Tree) {
	if cr.apps == nil {
		cr.apps, cr.appSeen = map[int64]*appConn{}, map[string]bool{}
	}
	stream := int64(-1)
	conn := func() *appConn {
		if stream < 0 {
			return nil
		}
		a := cr.apps[stream]
		if a == nil {
			a = &appConn{}
			cr.apps[stream] = a
		}
		return a
	}
	frame := c.Frame.Number
	var pendingName string
	var sip *Credential
	for i := 1; i < len(t.Nodes); i++ {
		n := &t.Nodes[i]
		id := n.Field
		if id == 0 {
			continue
		}
		switch id {
		case ids.tcpStream:
			stream = int64(n.Value.U)
		case appIDs.pgParamName:
			pendingName = string(n.Value.B)
		case appIDs.pgParamValue:
			if a := conn(); a != nil && pendingName == "user" {
				a.user, a.userAt = string(n.Value.B), frame
			}
		case appIDs.pgSalt:
			if a := conn(); a != nil {
				a.salt = append([]byte(nil), n.Value.B...)
			}
		case appIDs.pgPassword:
			a := conn()
			if a == nil {
				continue
			}
			pw := string(n.Value.B)
			if strings.HasPrefix(pw, "md5") && len(pw) == 35 && len(a.salt) == 4 {
				pw = "$postgres$" + a.user + "*" + hex.EncodeToString(a.salt) + "*" + pw[3:]
			}
			cr.add(Credential{Frame: frame, UserAt: a.userAt, Protocol: "PostgreSQL", Username: a.user, Password: pw})
		case appIDs.pgSASLMech:
			if a := conn(); a != nil && a.user != "" && c.SrcPort != 5432 && isSASLInitial(t, i) {
				cr.add(Credential{Frame: frame, UserAt: a.userAt, Protocol: "PostgreSQL", Username: a.user,
					Password: "SASL " + string(n.Value.B)})
			}
		case appIDs.mySalt:
			if a := conn(); a != nil {
				a.salt = append(a.salt[:0], n.Value.B...)
			}
		case appIDs.mySalt2:
			if a := conn(); a != nil {
				a.salt = append(a.salt, n.Value.B...)
			}
		case appIDs.myUser:
			if a := conn(); a != nil {
				a.user = string(n.Value.B)
			}
		case appIDs.myPasswd:
			a := conn()
			if a == nil {
				continue
			}
			pw := ""
			if len(n.Value.B) > 0 {
				pw = "$mysqlna$" + hex.EncodeToString(a.salt) + "*" + hex.EncodeToString(n.Value.B)
			}
			cr.add(Credential{Frame: frame, Protocol: "MySQL", Username: a.user, Password: pw})
		case appIDs.sipUser:
			sip = &Credential{Frame: frame, Protocol: "SIP digest", Username: strings.Trim(string(n.Value.B), `"`)}
		case appIDs.sipRealm, appIDs.sipNonce, appIDs.sipResponse:
			if sip != nil {
				name := map[field.ID]string{appIDs.sipRealm: "realm", appIDs.sipNonce: "nonce", appIDs.sipResponse: "response"}[id]
				if sip.Password != "" {
					sip.Password += " "
				}
				sip.Password += name + "=" + string(n.Value.B)
			}
		case appIDs.snmpCommunity:
			// every request and response repeats it: one row per community, at its first frame
			if k := "snmp\x00" + string(n.Value.B); !cr.appSeen[k] {
				cr.appSeen[k] = true
				cr.add(Credential{Frame: frame, Protocol: "SNMP community", Password: string(n.Value.B)})
			}
		}
	}
	if sip != nil {
		cr.add(*sip)
	}
}

// isSASLInitial reports whether the SASL mechanism at node i belongs to a client's
// SASLInitialResponse (the server's Authentication request lists mechanisms too).
func isSASLInitial(t *field.Tree, i int) bool {
	for c := t.Nodes[t.Nodes[i].Parent].Child; c >= 0; c = t.Nodes[c].Next {
		if t.Nodes[c].Field == appIDs.pgType {
			return string(t.Nodes[c].Value.B) == "SASLInitialResponse message"
		}
	}
	return false
}
