package stats

import (
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Credentials of the enterprise protocols, read from their dissected fields rather than from the
// TCP byte stream: NTLMSSP authentications (the NetNTLMv1/v2 response as hashcat and john read it,
// "user::domain:challenge:ntproofstr:blob"), Kerberos AS-REQ principals (with the encrypted
// pre-authentication timestamp as a "$krb5pa$" hash when its type allows), LDAP simple binds and
// RADIUS user names. tshark 4.0 reports none of these: they show with ",all".

var entIDs = struct {
	ntlmUser, ntlmDomain, ntlmNT, ntlmLM                         field.ID
	krbMsgType, krbCName, krbRealm, krbReqBody                   field.ID
	krbPAData, krbPAType, krbEtype, krbCipher                    field.ID
	ldapOp, ldapName, ldapSimple, radiusCode, radiusUser, radius field.ID
}{
	ntlmUser: optID("ntlmssp.auth.username"), ntlmDomain: optID("ntlmssp.auth.domain"),
	ntlmNT: optID("ntlmssp.auth.ntresponse"), ntlmLM: optID("ntlmssp.auth.lmresponse"),
	krbMsgType: optID("kerberos.msg_type"), krbCName: optID("kerberos.CNameString"),
	krbRealm: optID("kerberos.realm"), krbReqBody: optID("kerberos.req_body_element"),
	krbPAData: optID("kerberos.PA_DATA_element"), krbPAType: optID("kerberos.padata_type"),
	krbEtype: optID("kerberos.etype"), krbCipher: optID("kerberos.cipher"),
	ldapOp: optID("ldap.protocolOp"), ldapName: optID("ldap.name"), ldapSimple: optID("ldap.simple"),
	radiusCode: optID("radius.code"), radiusUser: optID("radius.User_Name"), radius: optID("radius"),
}

// enterpriseFields lists the fields the enterprise credentials read.
func enterpriseFields() []field.ID {
	var out []field.ID
	for _, id := range []field.ID{entIDs.ntlmUser, entIDs.ntlmDomain, entIDs.ntlmNT, entIDs.ntlmLM,
		entIDs.krbMsgType, entIDs.krbCName, entIDs.krbRealm, entIDs.krbReqBody, entIDs.krbPAData, entIDs.krbPAType,
		entIDs.krbEtype, entIDs.krbCipher, entIDs.ldapOp, entIDs.ldapName, entIDs.ldapSimple, entIDs.radiusCode,
		entIDs.radiusUser, entIDs.radius} {
		if id != 0 {
			out = append(out, id)
		}
	}
	return out
}

// enterprise adds the credentials of one frame's enterprise protocols.
func (cr *Credentials) enterprise(c *dissect.Ctx, t *field.Tree) {
	for i := int32(1); i < int32(len(t.Nodes)); i++ {
		n := &t.Nodes[i]
		switch n.Field {
		case 0:
		case entIDs.ntlmUser:
			cr.ntlm(c, t, n)
		case entIDs.krbMsgType:
			if n.Value.I == 10 {
				cr.kerberos(c, t, n.Parent)
			}
		case entIDs.ldapOp:
			if n.Value.U == 0 {
				cr.ldapBind(c, t, i)
			}
		case entIDs.radiusCode:
			if n.Value.U == 1 {
				if u := findIn(t, n.Parent, entIDs.radiusUser); u != nil {
					cr.add(Credential{Frame: c.Frame.Number, Protocol: "RADIUS", Username: string(u.Value.B)})
				}
			}
		}
	}
}

// ntlm adds an NTLMSSP authentication whose user name item is n.
func (cr *Credentials) ntlm(c *dissect.Ctx, t *field.Tree, n *field.Node) {
	user := string(n.Value.B)
	if user == "" || user == "NULL" {
		return // anonymous
	}
	p := n.Parent
	domain := ""
	if d := child(t, p, entIDs.ntlmDomain); d != nil && string(d.Value.B) != "NULL" {
		domain = string(d.Value.B)
	}
	var nt, lm []byte
	if x := child(t, p, entIDs.ntlmNT); x != nil {
		nt = x.Value.B
	}
	if x := child(t, p, entIDs.ntlmLM); x != nil {
		lm = x.Value.B
	}
	pass := ""
	if ch := dissect.NTLMChallenge(c); ch != nil && len(nt) >= 24 {
		pass = dissect.NetNTLMHash(user, domain, ch, lm, nt)
	}
	name := user
	if domain != "" {
		name = domain + `\` + user
	}
	cr.add(Credential{Frame: c.Frame.Number, Protocol: "NTLMSSP", Username: name, Password: pass})
}

// kerberos adds the client principal of an AS-REQ whose element item is top.
func (cr *Credentials) kerberos(c *dissect.Ctx, t *field.Tree, top int32) {
	bi := findIdx(t, top, entIDs.krbReqBody)
	if bi < 0 {
		return
	}
	var names []string
	eachIn(t, bi, entIDs.krbCName, func(x int32) { names = append(names, string(t.Nodes[x].Value.B)) })
	if len(names) == 0 {
		return
	}
	user := strings.Join(names, "/")
	realm := ""
	if r := child(t, bi, entIDs.krbRealm); r != nil {
		realm = string(r.Value.B)
	}
	pass := ""
	// the encrypted timestamp of PA-ENC-TIMESTAMP (type 2): hashcat modes 19800 and 19900
	eachIn(t, top, entIDs.krbPAType, func(xi int32) {
		if t.Nodes[xi].Value.I != 2 {
			return
		}
		et, ci := findIn(t, xi, entIDs.krbEtype), findIn(t, xi, entIDs.krbCipher)
		if et != nil && ci != nil && (et.Value.I == 17 || et.Value.I == 18) {
			pass = "$krb5pa$" + strconv.FormatInt(et.Value.I, 10) + "$" + user + "$" + realm + "$" + hex.EncodeToString(ci.Value.B)
		}
	})
	name := user
	if realm != "" {
		name += "@" + realm
	}
	cr.add(Credential{Frame: c.Frame.Number, Protocol: "Kerberos", Username: name, Password: pass})
}

// ldapBind adds an LDAP simple bind whose protocolOp item is op.
func (cr *Credentials) ldapBind(c *dissect.Ctx, t *field.Tree, op int32) {
	name, pw := findIn(t, op, entIDs.ldapName), findIn(t, op, entIDs.ldapSimple)
	if pw == nil || name == nil || len(name.Value.B) == 0 && len(pw.Value.B) == 0 {
		return // not a simple bind, or an anonymous one
	}
	cr.add(Credential{Frame: c.Frame.Number, Protocol: "LDAP", Username: string(name.Value.B), Password: string(pw.Value.B)})
}

// findIn returns the first node of field id in the subtree under p, or nil.
func findIn(t *field.Tree, p int32, id field.ID) *field.Node {
	if i := findIdx(t, p, id); i >= 0 {
		return &t.Nodes[i]
	}
	return nil
}

// findIdx is findIn's index, -1 when there is none.
func findIdx(t *field.Tree, p int32, id field.ID) int32 {
	found := int32(-1)
	eachIn(t, p, id, func(x int32) {
		if found < 0 {
			found = x
		}
	})
	return found
}

// eachIn calls fn with every node of field id in the subtree under p, in tree order.
func eachIn(t *field.Tree, p int32, id field.ID, fn func(int32)) {
	for c := t.Nodes[p].Child; c >= 0; c = t.Nodes[c].Next {
		if t.Nodes[c].Field == id {
			fn(c)
		}
		eachIn(t, c, id, fn)
	}
}
