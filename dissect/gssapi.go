package dissect

import "github.com/tshark-tui/tshark-tui/field"

// GSS-API initial context tokens (RFC 2743) and SPNEGO (RFC 4178, with Microsoft's negHints), the
// wrapping of NTLMSSP and Kerberos tokens in SMB session setups, HTTP Negotiate and LDAP SASL
// binds, as Wireshark 4.0's packet-gssapi.c and packet-spnego.c show them.

var (
	protoGSSAPI = Fields.Protocol("gss-api", "GSS-API Generic Security Service Application Program Interface")
	hfGSSOID    = Fields.Add(protoGSSAPI, "gss-api.OID", "OID", field.String)

	protoSPNEGO      = Fields.Protocol("spnego", "Simple Protected Negotiation")
	hfSPNEGOInit     = Fields.Add(protoSPNEGO, "spnego.negTokenInit_element", "negTokenInit", field.None)
	hfSPNEGOTarg     = Fields.Add(protoSPNEGO, "spnego.negTokenTarg_element", "negTokenTarg", field.None)
	hfSPNEGOMechTyps = Fields.Add(protoSPNEGO, "spnego.mechTypes", "mechTypes", field.Uint32)
	hfSPNEGOMechType = Fields.Add(protoSPNEGO, "spnego.MechType", "MechType", field.String)
	hfSPNEGOReqFlags = Fields.Add(protoSPNEGO, "spnego.reqFlags", "reqFlags", field.Bytes)
	hfSPNEGOMechTok  = Fields.Add(protoSPNEGO, "spnego.mechToken", "mechToken", field.Bytes)
	hfSPNEGOMIC      = Fields.Add(protoSPNEGO, "spnego.mechListMIC", "mechListMIC", field.Bytes)
	hfSPNEGOHints    = Fields.Add(protoSPNEGO, "spnego.negHints_element", "negHints", field.None)
	hfSPNEGOHintName = Fields.Add(protoSPNEGO, "spnego.hintName", "hintName", field.String)
	hfSPNEGOHintAddr = Fields.Add(protoSPNEGO, "spnego.hintAddress", "hintAddress", field.Bytes)
	hfSPNEGOResult   = Fields.Add(protoSPNEGO, "spnego.negResult", "negResult", field.Uint32, field.WithStrings(map[uint64]string{0: "accept-completed", 1: "accept-incomplete", 2: "reject"}))
	hfSPNEGOSupMech  = Fields.Add(protoSPNEGO, "spnego.supportedMech", "supportedMech", field.String)
	hfSPNEGORespTok  = Fields.Add(protoSPNEGO, "spnego.responseToken", "responseToken", field.Bytes)

	handleGSSAPI = &Handle{Name: "gss-api"} // Fn set in init: SPNEGO tokens may nest GSS-API tokens
	handleSPNEGO = &Handle{Name: "spnego", Fn: dissectSPNEGO}
)

// Mechanism OIDs and Wireshark's names for them.
const (
	oidSPNEGO  = "1.3.6.1.5.5.2"
	oidNTLMSSP = "1.3.6.1.4.1.311.2.2.10"
	oidKRB5    = "1.2.840.113554.1.2.2"
	oidMSKRB5  = "1.2.840.48018.1.2.2"
)

var gssMechNames = map[string]string{
	oidSPNEGO: "SPNEGO - Simple Protected Negotiation", oidNTLMSSP: "NTLMSSP - Microsoft NTLM Security Support Provider",
	oidKRB5: "KRB5 - Kerberos 5", oidMSKRB5: "MS KRB5 - Microsoft Kerberos 5",
	"1.2.840.113554.1.2.2.3": "KRB5 - Kerberos 5 - User to User",
	"1.3.6.1.4.1.311.2.2.30": "NEGOEX - SPNEGO Extended Negotiation Security Mechanism",
}

func init() {
	RegisterShortName(protoSPNEGO, "SPNEGO")
	handleGSSAPI.Fn = dissectGSSAPI
}

// gssOIDLabel is "name: 1.3.6.1.5.5.2 (SPNEGO - Simple Protected Negotiation)".
func gssOIDLabel(c *Ctx, n int32, name, oid string) {
	if c.Visible() {
		if s, ok := gssMechNames[oid]; ok {
			c.T.SetLabel(n, name+": "+oid+" ("+s+")")
		}
	}
}

// spnegoState is what one SPNEGO token's walk remembers: the mechanism its tokens are for.
type spnegoState struct{ mech string }

var (
	spnegoMechTypeT = &asnType{kind: asnOID, done: func(d *asnDec, t Tvb, e berTLV, n int32) {
		oid := oidString(e.eBytes(t))
		gssOIDLabel(d.c, n, "MechType", oid)
		if s := d.app.(*spnegoState); s.mech == "" {
			s.mech = oid
		}
	}}
	spnegoSupMechT = &asnType{kind: asnOID, done: func(d *asnDec, t Tvb, e berTLV, n int32) {
		oid := oidString(e.eBytes(t))
		gssOIDLabel(d.c, n, "supportedMech", oid)
		d.app.(*spnegoState).mech = oid
	}}
	spnegoTokenT = &asnType{kind: asnOctets, done: spnegoToken}
	spnegoMICT   = &asnType{kind: asnOctets, done: spnegoMIC}
	spnegoInit   = asnSeqT(asnX(0, hfSPNEGOMechTyps, asnSeqOfT(hfSPNEGOMechType, spnegoMechTypeT)),
		asnX(1, hfSPNEGOReqFlags, &asnType{kind: asnBits}), asnX(2, hfSPNEGOMechTok, spnegoTokenT),
		asnX(3, hfSPNEGOHints, asnSeqT(asnX(0, hfSPNEGOHintName, asnStrT), asnX(1, hfSPNEGOHintAddr, asnOctetsT))),
		asnX(4, hfSPNEGOMIC, spnegoMICT))
	spnegoTarg = asnSeqT(asnX(0, hfSPNEGOResult, asnIntT), asnX(1, hfSPNEGOSupMech, spnegoSupMechT),
		asnX(2, hfSPNEGORespTok, spnegoTokenT), asnX(3, hfSPNEGOMIC, spnegoMICT))
	spnegoToken0 = &asnType{kind: asnChoice, mem: []asnMember{asnX(0, hfSPNEGOInit, spnegoInit), asnX(1, hfSPNEGOTarg, spnegoTarg)}}
)

func dissectGSSAPI(c *Ctx, t Tvb, parent int32) {
	p := c.AddProto(parent, protoGSSAPI, t, 0, -1)
	if isNTLMSSP(t.B) {
		c.Call(handleNTLMSSP, t, p)
		return
	}
	if t.U8(0) != 0x60 { // not an initial context token: a SPNEGO continuation
		c.Call(handleSPNEGO, t, p)
		return
	}
	e := readBER(t, 0)
	oe := readBER(t, e.v())
	oid := oidString(oe.eBytes(t))
	n := c.AddString(p, hfGSSOID, t, oe.v(), oe.n, oid)
	gssOIDLabel(c, n, "OID", oid)
	rest := t.SubLen(oe.end(), e.end()-oe.end())
	switch oid {
	case oidSPNEGO:
		c.Call(handleSPNEGO, rest, p)
	case oidKRB5, oidMSKRB5:
		if rest.Len() > 2 { // a two-byte token ID, then a Kerberos message
			c.Call(handleKerberos, rest.Sub(2), p)
		}
	}
}

func dissectSPNEGO(c *Ctx, t Tvb, parent int32) {
	p := c.AddProto(parent, protoSPNEGO, t, 0, -1)
	d := &asnDec{c: c, app: &spnegoState{}}
	d.dissect(t, readBER(t, 0), 0, spnegoToken0, p)
}

// spnegoToken hands a mechToken or responseToken to its mechanism, beside the token's item.
func spnegoToken(d *asnDec, t Tvb, e berTLV, n int32) {
	c := d.c
	b := e.eBytes(t)
	parent := c.T.Nodes[n].Parent
	switch {
	case isNTLMSSP(b):
		c.Call(handleNTLMSSP, t.SubLen(e.v(), e.n), parent)
	case len(b) > 0 && b[0] == 0x60:
		c.Call(handleGSSAPI, t.SubLen(e.v(), e.n), parent)
	case len(b) > 0 && (b[0]&0xe0 == 0x60 || b[0]&0xe0 == 0x40): // a bare Kerberos message
		c.Call(handleKerberos, t.SubLen(e.v(), e.n), parent)
	}
}

// spnegoMIC shows an NTLMSSP mechListMIC as the NTLMSSP verifier it is.
func spnegoMIC(d *asnDec, t Tvb, e berTLV, n int32) {
	c := d.c
	// a continuation names no mechanism: an NTLMSSP verifier is version 1 and 16 bytes long
	if mech := d.app.(*spnegoState).mech; mech != oidNTLMSSP && (mech != "" || e.n != 16 || t.U32LE(e.v()) != 1) || e.n != 16 {
		return
	}
	c.PushLayer("ntlmssp")
	parent := c.T.Nodes[n].Parent
	v := c.Add(parent, hfNTLMVerf, t, e.v(), 16, field.Value{})
	c.AddUintV(v, hfNTLMVerfVers, t, e.v(), 4, uint64(t.U32LE(e.v())))
	c.AddBytes(v, hfNTLMVerfBody, t, e.v()+4, 12)
}
