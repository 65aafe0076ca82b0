package dissect

import (
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// LDAP v3 (RFC 4511) over TCP 389 and CLDAP over UDP 389, as Wireshark 4.0's packet-ldap.c shows
// them: the LDAPMessage with its operation, DNs and result codes in the Info column, search filters
// rendered as strings, request/response matching by message ID and the count of search results.

var (
	protoLDAP  = Fields.Protocol("ldap", "Lightweight Directory Access Protocol")
	protoCLDAP = Fields.Protocol("cldap", "Connectionless Lightweight Directory Access Protocol")

	hfLDAPMessage   = Fields.Add(protoLDAP, "ldap.LDAPMessage_element", "LDAPMessage", field.None)
	hfLDAPMsgID     = Fields.Add(protoLDAP, "ldap.messageID", "messageID", field.Uint32)
	hfLDAPOp        = Fields.Add(protoLDAP, "ldap.protocolOp", "protocolOp", field.Uint32, field.WithStrings(ldapProtocolOpVals))
	hfLDAPControls  = Fields.Add(protoLDAP, "ldap.controls", "controls", field.Uint32)
	hfLDAPControl   = Fields.Add(protoLDAP, "ldap.Control_element", "Control", field.None)
	hfLDAPCtrlType  = Fields.Add(protoLDAP, "ldap.controlType", "controlType", field.String)
	hfLDAPCritical  = Fields.Add(protoLDAP, "ldap.criticality", "criticality", field.Bool)
	hfLDAPCtrlValue = Fields.Add(protoLDAP, "ldap.controlValue", "controlValue", field.Bytes)
	hfLDAPVersion   = Fields.Add(protoLDAP, "ldap.version", "version", field.Uint32)
	hfLDAPName      = Fields.Add(protoLDAP, "ldap.name", "name", field.String)
	hfLDAPAuth      = Fields.Add(protoLDAP, "ldap.authentication", "authentication", field.Uint32, field.WithStrings(ldapAuthVals))
	hfLDAPSimple    = Fields.Add(protoLDAP, "ldap.simple", "simple", field.String)
	hfLDAPSASL      = Fields.Add(protoLDAP, "ldap.sasl_element", "sasl", field.None)
	hfLDAPMechanism = Fields.Add(protoLDAP, "ldap.mechanism", "mechanism", field.String)
	hfLDAPCreds     = Fields.Add(protoLDAP, "ldap.credentials", "credentials", field.Bytes)
	hfLDAPSrvCreds  = Fields.Add(protoLDAP, "ldap.serverSaslCreds", "serverSaslCreds", field.Bytes)
	hfLDAPResult    = Fields.Add(protoLDAP, "ldap.resultCode", "resultCode", field.Uint32, field.WithStrings(ldapResultCodeVals))
	hfLDAPMatchedDN = Fields.Add(protoLDAP, "ldap.matchedDN", "matchedDN", field.String)
	hfLDAPErrMsg    = Fields.Add(protoLDAP, "ldap.errorMessage", "errorMessage", field.String)
	hfLDAPReferral  = Fields.Add(protoLDAP, "ldap.referral", "referral", field.Uint32)
	hfLDAPURL       = Fields.Add(protoLDAP, "ldap.LDAPURL", "LDAPURL", field.String)
	hfLDAPBase      = Fields.Add(protoLDAP, "ldap.baseObject", "baseObject", field.String)
	hfLDAPScope     = Fields.Add(protoLDAP, "ldap.scope", "scope", field.Uint32, field.WithStrings(ldapScopeVals))
	hfLDAPDeref     = Fields.Add(protoLDAP, "ldap.derefAliases", "derefAliases", field.Uint32, field.WithStrings(ldapDerefVals))
	hfLDAPSizeLimit = Fields.Add(protoLDAP, "ldap.sizeLimit", "sizeLimit", field.Uint32)
	hfLDAPTimeLimit = Fields.Add(protoLDAP, "ldap.timeLimit", "timeLimit", field.Uint32)
	hfLDAPTypesOnly = Fields.Add(protoLDAP, "ldap.typesOnly", "typesOnly", field.Bool)
	hfLDAPFilter    = Fields.Add(protoLDAP, "ldap.filter", "filter", field.Uint32, field.WithStrings(ldapFilterVals))
	hfLDAPAttrs     = Fields.Add(protoLDAP, "ldap.attributes", "attributes", field.Uint32)
	hfLDAPAttrDescr = Fields.Add(protoLDAP, "ldap.AttributeDescription", "AttributeDescription", field.String)
	hfLDAPAnd       = Fields.Add(protoLDAP, "ldap.and", "and", field.Uint32)
	hfLDAPAndItem   = Fields.Add(protoLDAP, "ldap.and_item", "and item", field.Uint32, field.WithStrings(ldapFilterVals))
	hfLDAPOr        = Fields.Add(protoLDAP, "ldap.or", "or", field.Uint32)
	hfLDAPOrItem    = Fields.Add(protoLDAP, "ldap.or_item", "or item", field.Uint32, field.WithStrings(ldapFilterVals))
	hfLDAPNot       = Fields.Add(protoLDAP, "ldap.not", "not", field.Uint32, field.WithStrings(ldapFilterVals))
	hfLDAPEquality  = Fields.Add(protoLDAP, "ldap.equalityMatch_element", "equalityMatch", field.None)
	hfLDAPGreater   = Fields.Add(protoLDAP, "ldap.greaterOrEqual_element", "greaterOrEqual", field.None)
	hfLDAPLess      = Fields.Add(protoLDAP, "ldap.lessOrEqual_element", "lessOrEqual", field.None)
	hfLDAPApprox    = Fields.Add(protoLDAP, "ldap.approxMatch_element", "approxMatch", field.None)
	hfLDAPExtMatch  = Fields.Add(protoLDAP, "ldap.extensibleMatch_element", "extensibleMatch", field.None)
	hfLDAPAttrDesc  = Fields.Add(protoLDAP, "ldap.attributeDesc", "attributeDesc", field.String)
	hfLDAPAssertion = Fields.Add(protoLDAP, "ldap.assertionValue", "assertionValue", field.String)
	hfLDAPPresent   = Fields.Add(protoLDAP, "ldap.present", "present", field.String)
	hfLDAPSubstrEl  = Fields.Add(protoLDAP, "ldap.substrings_element", "substrings", field.None)
	hfLDAPSubstrs   = Fields.Add(protoLDAP, "ldap.substrings", "substrings", field.Uint32)
	hfLDAPSubstrIt  = Fields.Add(protoLDAP, "ldap.substrings_item", "substrings item", field.Uint32, field.WithStrings(ldapSubstrVals))
	hfLDAPInitial   = Fields.Add(protoLDAP, "ldap.initial", "initial", field.String)
	hfLDAPAny       = Fields.Add(protoLDAP, "ldap.any", "any", field.String)
	hfLDAPFinal     = Fields.Add(protoLDAP, "ldap.final", "final", field.String)
	hfLDAPMatchRule = Fields.Add(protoLDAP, "ldap.matchingRule", "matchingRule", field.String)
	hfLDAPMatchVal  = Fields.Add(protoLDAP, "ldap.matchValue", "matchValue", field.String)
	hfLDAPDNAttrs   = Fields.Add(protoLDAP, "ldap.dnAttributes", "dnAttributes", field.Bool)
	hfLDAPType      = Fields.Add(protoLDAP, "ldap.type", "type", field.String)
	hfLDAPVals      = Fields.Add(protoLDAP, "ldap.vals", "vals", field.Uint32)
	hfLDAPAttrValue = Fields.Add(protoLDAP, "ldap.AttributeValue", "AttributeValue", field.Bytes)
	hfLDAPObjName   = Fields.Add(protoLDAP, "ldap.objectName", "objectName", field.String)
	hfLDAPPartial   = Fields.Add(protoLDAP, "ldap.PartialAttributeList_item_element", "PartialAttributeList item", field.None)
	hfLDAPResRef    = Fields.Add(protoLDAP, "ldap.searchResRef", "searchResRef", field.Uint32)
	hfLDAPObject    = Fields.Add(protoLDAP, "ldap.object", "object", field.String)
	hfLDAPMods      = Fields.Add(protoLDAP, "ldap.modification", "modification", field.Uint32)
	hfLDAPModItem   = Fields.Add(protoLDAP, "ldap.modification_item_element", "modification item", field.None)
	hfLDAPOperation = Fields.Add(protoLDAP, "ldap.operation", "operation", field.Uint32, field.WithStrings(ldapOperationVals))
	hfLDAPModEl     = Fields.Add(protoLDAP, "ldap.modification_element", "modification", field.None)
	hfLDAPEntry     = Fields.Add(protoLDAP, "ldap.entry", "entry", field.String)
	hfLDAPAttrList  = Fields.Add(protoLDAP, "ldap.AttributeList_item_element", "AttributeList item", field.None)
	hfLDAPDelReq    = Fields.Add(protoLDAP, "ldap.delRequest", "delRequest", field.String)
	hfLDAPNewRDN    = Fields.Add(protoLDAP, "ldap.newrdn", "newrdn", field.String)
	hfLDAPDelOldRDN = Fields.Add(protoLDAP, "ldap.deleteoldrdn", "deleteoldrdn", field.Bool)
	hfLDAPNewSup    = Fields.Add(protoLDAP, "ldap.newSuperior", "newSuperior", field.String)
	hfLDAPAVA       = Fields.Add(protoLDAP, "ldap.ava_element", "ava", field.None)
	hfLDAPAbandon   = Fields.Add(protoLDAP, "ldap.abandonRequest", "abandonRequest", field.Uint32)
	hfLDAPReqName   = Fields.Add(protoLDAP, "ldap.requestName", "requestName", field.String)
	hfLDAPReqValue  = Fields.Add(protoLDAP, "ldap.requestValue", "requestValue", field.Bytes)
	hfLDAPRespName  = Fields.Add(protoLDAP, "ldap.responseName", "responseName", field.String)
	hfLDAPResponse  = Fields.Add(protoLDAP, "ldap.response", "response", field.Bytes)
	hfLDAPRespValue = Fields.Add(protoLDAP, "ldap.responseValue", "responseValue", field.Bytes)
	hfLDAPRespIn    = Fields.Add(protoLDAP, "ldap.response_in", "Response In", field.FrameNum, field.WithBlurb("The response to this LDAP request is in this frame"))
	hfLDAPRespTo    = Fields.Add(protoLDAP, "ldap.response_to", "Response To", field.FrameNum, field.WithBlurb("This is a response to the LDAP request in this frame"))
	hfLDAPTime      = Fields.Add(protoLDAP, "ldap.time", "Time", field.RelTime, field.WithBlurb("The time between the Call and the Reply"))

	// the element item of each operation, by its APPLICATION tag
	ldapOpElems = map[int]field.ID{
		0:  Fields.Add(protoLDAP, "ldap.bindRequest_element", "bindRequest", field.None),
		1:  Fields.Add(protoLDAP, "ldap.bindResponse_element", "bindResponse", field.None),
		2:  Fields.Add(protoLDAP, "ldap.unbindRequest_element", "unbindRequest", field.None),
		3:  Fields.Add(protoLDAP, "ldap.searchRequest_element", "searchRequest", field.None),
		4:  Fields.Add(protoLDAP, "ldap.searchResEntry_element", "searchResEntry", field.None),
		5:  Fields.Add(protoLDAP, "ldap.searchResDone_element", "searchResDone", field.None),
		6:  Fields.Add(protoLDAP, "ldap.modifyRequest_element", "modifyRequest", field.None),
		7:  Fields.Add(protoLDAP, "ldap.modifyResponse_element", "modifyResponse", field.None),
		8:  Fields.Add(protoLDAP, "ldap.addRequest_element", "addRequest", field.None),
		9:  Fields.Add(protoLDAP, "ldap.addResponse_element", "addResponse", field.None),
		11: Fields.Add(protoLDAP, "ldap.delResponse_element", "delResponse", field.None),
		12: Fields.Add(protoLDAP, "ldap.modDNRequest_element", "modDNRequest", field.None),
		13: Fields.Add(protoLDAP, "ldap.modDNResponse_element", "modDNResponse", field.None),
		14: Fields.Add(protoLDAP, "ldap.compareRequest_element", "compareRequest", field.None),
		15: Fields.Add(protoLDAP, "ldap.compareResponse_element", "compareResponse", field.None),
		23: Fields.Add(protoLDAP, "ldap.extendedReq_element", "extendedReq", field.None),
		24: Fields.Add(protoLDAP, "ldap.extendedResp_element", "extendedResp", field.None),
		25: Fields.Add(protoLDAP, "ldap.intermediateResponse_element", "intermediateResponse", field.None),
	}

	handleLDAP  = &Handle{Name: "ldap", Fn: dissectLDAPTCP}
	handleCLDAP = &Handle{Name: "cldap", Fn: dissectCLDAP}
)

func init() {
	RegisterShortName(protoLDAP, "LDAP")
	RegisterShortName(protoCLDAP, "CLDAP")
	TCPPort.Add(389, handleLDAP)
	TCPPort.Add(3268, handleLDAP) // global catalogue
	UDPPort.Add(389, handleCLDAP)
	RegisterPDU(handleLDAP, ldapPDULen)
}

// LDAP types walked by the ASN.1 walker (implicit tags).
var (
	ldapAttrVals  = asnSeqOfT(hfLDAPAttrValue, &asnType{kind: asnOctets, done: ldapValueLabel})
	ldapAttribute = &asnType{kind: asnSeq, mem: []asnMember{
		asnI(berUniversal, berTagOctetString, hfLDAPType, asnStrT),
		asnI(berUniversal, berTagSet, hfLDAPVals, ldapAttrVals)}, done: ldapAttrLabel}
	ldapControls = asnSeqOfT(hfLDAPControl, asnSeqT(
		asnI(berUniversal, berTagOctetString, hfLDAPCtrlType, asnStrT),
		asnI(berUniversal, berTagBoolean, hfLDAPCritical, asnBoolT),
		asnI(berUniversal, berTagOctetString, hfLDAPCtrlValue, asnOctetsT)))
)

// ldapFrame is what the first pass learned about one LDAP message of a frame.
type ldapFrame struct {
	respIn, respTo uint32
	delta          int64
	results        int // search results so far, for searchResEntry and searchResDone
}

type ldapKey struct {
	conv  convKey
	msgID uint64
}

type ldapState struct {
	reqs    map[ldapKey]*ldapReq
	results map[convKey]int
	frames  map[uint64]ldapFrame // by frame<<16 | message index
}

type ldapReq struct {
	frame, resp uint32
	ts          int64
}

var ldapSlot = newStateSlot(func() any {
	return &ldapState{reqs: map[ldapKey]*ldapReq{}, results: map[convKey]int{}, frames: map[uint64]ldapFrame{}}
})

// ldapPDULen is the length of the LDAPMessage that starts t: a BER SEQUENCE.
func ldapPDULen(c *Ctx, t Tvb, _ *PDUScan) int {
	if t.Len() < 2 {
		return NeedMore
	}
	if t.U8(0) != 0x30 {
		return 0
	}
	l := int(t.U8(1))
	if l&0x80 == 0 {
		return 2 + l
	}
	k := l & 0x7f
	if k == 0 || k > 4 {
		return 0
	}
	if t.Len() < 2+k {
		return NeedMore
	}
	return 2 + k + int(t.Uint(2, k))
}

// ldapMsg is the walk over one LDAPMessage: the texts the Info column and the message's label gather.
type ldapMsg struct {
	c     *Ctx
	msgID uint64
	op    int
	info  []byte // Info column text of this message
	label []byte // appended to "LDAPMessage"
	item  int32
	cldap bool
}

func dissectLDAPTCP(c *Ctx, t Tvb, parent int32) { dissectLDAP(c, t, parent, false) }
func dissectCLDAP(c *Ctx, t Tvb, parent int32)   { dissectLDAP(c, t, parent, true) }

func dissectLDAP(c *Ctx, t Tvb, parent int32, cldap bool) {
	proto := protoLDAP
	if cldap {
		proto = protoCLDAP
		c.SetProtocol("CLDAP")
	} else {
		c.SetProtocol("LDAP")
	}
	again := strings.Count(c.Layers(), "ldap") > 1 // an earlier PDU of this frame
	if !again {
		c.ClearInfo()
	}
	p := c.AddProto(parent, proto, t, 0, -1)
	st := c.State.slot(ldapSlot).(*ldapState)
	for o := 0; o < t.Len(); {
		e := readBER(t, o)
		m := &ldapMsg{c: c, cldap: cldap}
		m.dissect(t, e, p, st)
		o = e.end()
		if again {
			c.AppendInfo(" | ")
		}
		again = true
		c.AppendInfo(string(m.info))
	}
}

func (m *ldapMsg) dissect(t Tvb, e berTLV, p int32, st *ldapState) {
	c := m.c
	m.item = c.Add(p, hfLDAPMessage, t, e.o, e.size(), field.Value{})
	it := berIn(t, e)
	id := it.next()
	m.msgID = id.eUint(t)
	c.AddUintV(m.item, hfLDAPMsgID, t, id.v(), id.n, m.msgID)
	if !it.more() {
		return
	}
	op := it.next()
	m.op = op.tag
	on := c.AddUintV(m.item, hfLDAPOp, t, op.o, op.size(), uint64(op.tag))
	name, ok := ldapProtocolOpVals[uint64(op.tag)]
	if !ok {
		name = "Unknown (" + itoa(uint64(op.tag)) + ")"
	}
	m.info = append(m.info, name...)
	m.info = append(m.info, '(')
	m.info = append(m.info, itoa(m.msgID)...)
	m.info = append(m.info, ") "...)
	m.label = append(m.label, " "+name+"("+itoa(m.msgID)+")"...)
	d := &asnDec{c: c, app: m}
	if op.cls == berApplication {
		m.op1(d, t, op, on)
	}
	for it.more() {
		k := it.next()
		if k.ctx(0) {
			d.dissect(t, k, hfLDAPControls, ldapControls, m.item)
		}
	}
	m.match(t, st, e)
	if c.Visible() {
		c.T.SetLabel(m.item, "LDAPMessage"+string(m.label))
	}
}

// dn adds a distinguished name and its quoted form to Info and the label ("<ROOT>" when empty).
func (m *ldapMsg) dn(t Tvb, e berTLV, hf field.ID, parent int32) {
	m.c.AddBytes(parent, hf, t, e.v(), e.n)
	s := string(e.eBytes(t))
	if s == "" {
		s = "<ROOT>"
	}
	m.info = append(m.info, "\""+s+"\" "...)
	m.label = append(m.label, " \""+s+"\""...)
}

// word adds a word to Info and the label.
func (m *ldapMsg) word(s string) {
	m.info = append(m.info, s+" "...)
	m.label = append(m.label, " "+s...)
}

// op1 dissects the operation element e (its APPLICATION tag says which).
func (m *ldapMsg) op1(d *asnDec, t Tvb, e berTLV, on int32) {
	c := m.c
	hf, ok := ldapOpElems[e.tag]
	var n int32
	if ok {
		n = c.Add(on, hf, t, e.o, e.size(), field.Value{})
	}
	switch e.tag {
	case 0: // bindRequest
		it := berIn(t, e)
		v := it.next()
		c.AddUintV(n, hfLDAPVersion, t, v.v(), v.n, v.eUint(t))
		m.dn(t, it.next(), hfLDAPName, n)
		if it.more() {
			a := it.next()
			an := c.AddUintV(n, hfLDAPAuth, t, a.o, a.size(), uint64(a.tag))
			switch a.tag {
			case 0:
				c.AddBytes(an, hfLDAPSimple, t, a.v(), a.n)
				m.word("simple")
			case 3:
				sn := c.Add(an, hfLDAPSASL, t, a.o, a.size(), field.Value{})
				ai := berIn(t, a)
				mech := ai.next()
				c.AddBytes(sn, hfLDAPMechanism, t, mech.v(), mech.n)
				m.word("sasl")
				if ai.more() {
					cr := ai.next()
					c.AddBytes(sn, hfLDAPCreds, t, cr.v(), cr.n)
				}
			default:
				if name, ok := ldapAuthVals[uint64(a.tag)]; ok {
					m.word(name)
				}
			}
		}
	case 1, 5, 7, 9, 11, 13, 15, 24: // responses: an LDAPResult and more
		m.result(d, t, e, n)
	case 2: // unbindRequest
	case 3: // searchRequest
		it := berIn(t, e)
		m.dn(t, it.next(), hfLDAPBase, n)
		sc := it.next()
		c.AddUintV(n, hfLDAPScope, t, sc.v(), sc.n, sc.eUint(t))
		if name, ok := ldapScopeVals[sc.eUint(t)]; ok {
			m.word(name)
		}
		de := it.next()
		c.AddUintV(n, hfLDAPDeref, t, de.v(), de.n, de.eUint(t))
		sl := it.next()
		c.AddUintV(n, hfLDAPSizeLimit, t, sl.v(), sl.n, sl.eUint(t))
		tl := it.next()
		c.AddUintV(n, hfLDAPTimeLimit, t, tl.v(), tl.n, tl.eUint(t))
		to := it.next()
		d.dissect(t, to, hfLDAPTypesOnly, asnBoolT, n)
		f := it.next()
		fs := ldapFilterString(t, f)
		fn := c.AddText(n, t, f.o, f.size(), "Filter: "+fs)
		m.filter(t, f, hfLDAPFilter, fn)
		if it.more() {
			d.dissect(t, it.next(), hfLDAPAttrs, asnSeqOfT(hfLDAPAttrDescr, asnStrT), n)
		}
	case 4: // searchResEntry
		it := berIn(t, e)
		m.dn(t, it.next(), hfLDAPObjName, n)
		if it.more() {
			d.dissect(t, it.next(), hfLDAPAttrs, asnSeqOfT(hfLDAPPartial, ldapAttribute), n)
		}
	case 6: // modifyRequest
		it := berIn(t, e)
		m.dn(t, it.next(), hfLDAPObject, n)
		if it.more() {
			d.dissect(t, it.next(), hfLDAPMods, asnSeqOfT(hfLDAPModItem, asnSeqT(
				asnI(berUniversal, berTagEnumerated, hfLDAPOperation, asnIntT),
				asnI(berUniversal, berTagSequence, hfLDAPModEl, ldapAttribute))), n)
		}
	case 8: // addRequest
		it := berIn(t, e)
		m.dn(t, it.next(), hfLDAPEntry, n)
		if it.more() {
			d.dissect(t, it.next(), hfLDAPAttrs, asnSeqOfT(hfLDAPAttrList, ldapAttribute), n)
		}
	case 10: // delRequest: the DN itself
		m.dn(t, e, hfLDAPDelReq, on)
	case 12: // modDNRequest
		it := berIn(t, e)
		m.dn(t, it.next(), hfLDAPEntry, n)
		r := it.next()
		c.AddBytes(n, hfLDAPNewRDN, t, r.v(), r.n)
		d.dissect(t, it.next(), hfLDAPDelOldRDN, asnBoolT, n)
		if it.more() {
			s := it.next()
			c.AddBytes(n, hfLDAPNewSup, t, s.v(), s.n)
		}
	case 14: // compareRequest
		it := berIn(t, e)
		m.dn(t, it.next(), hfLDAPEntry, n)
		if it.more() {
			a := it.next()
			an := c.Add(n, hfLDAPAVA, t, a.o, a.size(), field.Value{})
			ai := berIn(t, a)
			k := ai.next()
			c.AddBytes(an, hfLDAPAttrDesc, t, k.v(), k.n)
			if ai.more() {
				v := ai.next()
				c.AddBytes(an, hfLDAPAssertion, t, v.v(), v.n)
			}
		}
	case 16: // abandonRequest
		c.AddUintV(on, hfLDAPAbandon, t, e.v(), e.n, e.eUint(t))
	case 19: // searchResRef
		c.AddUintV(on, hfLDAPResRef, t, e.o, e.size(), uint64(berCount(t, e)))
	case 23: // extendedReq
		for it := berIn(t, e); it.more(); {
			k := it.next()
			switch {
			case k.ctx(0):
				oid := string(k.eBytes(t))
				rn := c.AddBytes(n, hfLDAPReqName, t, k.v(), k.n)
				c.Label(rn, "requestName: %s (%s)", oid, oidResolved(oid))
				m.info = append(m.info, oidResolved(oid)+" "...) // Info only, not the message's label
			case k.ctx(1):
				c.AddBytes(n, hfLDAPReqValue, t, k.v(), k.n)
			}
		}
	case 25: // intermediateResponse
		for it := berIn(t, e); it.more(); {
			k := it.next()
			switch {
			case k.ctx(0):
				c.AddBytes(n, hfLDAPRespName, t, k.v(), k.n)
			case k.ctx(1):
				c.AddBytes(n, hfLDAPRespValue, t, k.v(), k.n)
			}
		}
	}
}

// result dissects an LDAPResult and what a response adds to it.
func (m *ldapMsg) result(d *asnDec, t Tvb, e berTLV, n int32) {
	c := m.c
	it := berIn(t, e)
	rc := it.next()
	code := rc.eUint(t)
	c.AddUintV(n, hfLDAPResult, t, rc.v(), rc.n, code)
	name, ok := ldapResultCodeVals[code]
	if !ok {
		name = "Unknown result(" + itoa(code) + ")"
	}
	if e.tag != 24 { // an extended response names no result in Info
		m.word(name)
	}
	if it.more() {
		k := it.next()
		c.AddBytes(n, hfLDAPMatchedDN, t, k.v(), k.n)
	}
	if it.more() {
		k := it.next()
		c.AddBytes(n, hfLDAPErrMsg, t, k.v(), k.n)
	}
	for it.more() {
		k := it.next()
		switch {
		case k.ctx(3):
			d.dissect(t, k, hfLDAPReferral, asnSeqOfT(hfLDAPURL, asnStrT), n)
		case k.ctx(7) && e.tag == 1:
			c.AddBytes(n, hfLDAPSrvCreds, t, k.v(), k.n)
		case k.ctx(10) && e.tag == 24:
			c.AddBytes(n, hfLDAPRespName, t, k.v(), k.n)
		case k.ctx(11) && e.tag == 24:
			c.AddBytes(n, hfLDAPResponse, t, k.v(), k.n)
		}
	}
}

// ldapValueLabel shows a printable attribute value as text, as Wireshark does.
func ldapValueLabel(d *asnDec, t Tvb, e berTLV, n int32) {
	if b := e.eBytes(t); d.c.Visible() && len(b) > 0 && snmpPrintable(b) {
		d.c.T.SetLabel(n, "AttributeValue: "+string(b))
	}
}

// ldapAttrLabel names an attribute's item after its type ("AttributeList item objectClass").
func ldapAttrLabel(d *asnDec, t Tvb, e berTLV, n int32) {
	c := d.c
	if !c.Visible() || !t.Has(e.v(), 2) {
		return
	}
	ty := readBER(t, e.v())
	c.T.SetLabel(n, Fields.Get(c.T.Nodes[n].Field).Name+" "+string(ty.eBytes(t)))
}

// filter adds Filter element f as a choice item of field hf under parent.
func (m *ldapMsg) filter(t Tvb, f berTLV, hf field.ID, parent int32) {
	c := m.c
	n := c.AddUintV(parent, hf, t, f.o, f.size(), uint64(f.tag))
	switch f.tag {
	case 0, 1: // and, or: a subtree labelled with the whole string, then the set's count
		set, item, what := hfLDAPAnd, hfLDAPAndItem, "and"
		if f.tag == 1 {
			set, item, what = hfLDAPOr, hfLDAPOrItem, "or"
		}
		sn := c.AddText(n, t, f.o, f.size(), what+": "+ldapFilterString(t, f))
		cnt := berCount(t, f)
		cn := c.AddUintV(sn, set, t, f.o, f.size(), uint64(cnt))
		c.Label(cn, "%s: %s", what, itemsText(cnt))
		for it := berIn(t, f); it.more(); {
			k := it.next()
			kn := c.AddText(cn, t, k.o, k.size(), "Filter: "+ldapFilterString(t, k))
			m.filter(t, k, item, kn)
		}
	case 2: // not
		if f.n > 0 {
			k := readBER(t, f.v())
			kn := c.AddText(n, t, k.o, k.size(), "Filter: "+ldapFilterString(t, k))
			m.filter(t, k, hfLDAPNot, kn)
		}
	case 3, 5, 6, 8: // attribute value assertions
		hf := map[int]field.ID{3: hfLDAPEquality, 5: hfLDAPGreater, 6: hfLDAPLess, 8: hfLDAPApprox}[f.tag]
		an := c.Add(n, hf, t, f.o, f.size(), field.Value{})
		it := berIn(t, f)
		k := it.next()
		c.AddBytes(an, hfLDAPAttrDesc, t, k.v(), k.n)
		if it.more() {
			v := it.next()
			c.AddBytes(an, hfLDAPAssertion, t, v.v(), v.n)
		}
	case 4: // substrings
		sn := c.AddText(n, t, f.o, f.size(), "substring: "+ldapFilterString(t, f))
		it := berIn(t, f)
		ty := it.next()
		en := c.Add(sn, hfLDAPSubstrEl, t, f.o, f.size(), field.Value{})
		c.Label(en, "substrings %s", ty.eBytes(t))
		c.AddBytes(en, hfLDAPType, t, ty.v(), ty.n)
		if it.more() {
			s := it.next()
			cnt := berCount(t, s)
			cn := c.AddUintV(en, hfLDAPSubstrs, t, s.o, s.size(), uint64(cnt))
			c.Label(cn, "substrings: %s", itemsText(cnt))
			for si := berIn(t, s); si.more(); {
				k := si.next()
				in := c.AddUintV(cn, hfLDAPSubstrIt, t, k.o, k.size(), uint64(k.tag))
				hf := [3]field.ID{hfLDAPInitial, hfLDAPAny, hfLDAPFinal}[min(k.tag, 2)]
				c.AddBytes(in, hf, t, k.v(), k.n)
			}
		}
	case 7: // present
		c.AddBytes(n, hfLDAPPresent, t, f.v(), f.n)
	case 9: // extensibleMatch
		en := c.Add(n, hfLDAPExtMatch, t, f.o, f.size(), field.Value{})
		for it := berIn(t, f); it.more(); {
			k := it.next()
			switch k.tag {
			case 1:
				c.AddBytes(en, hfLDAPMatchRule, t, k.v(), k.n)
			case 2:
				c.AddBytes(en, hfLDAPType, t, k.v(), k.n)
			case 3:
				c.AddBytes(en, hfLDAPMatchVal, t, k.v(), k.n)
			case 4:
				d := &asnDec{c: c}
				d.dissect(t, k, hfLDAPDNAttrs, asnBoolT, en)
			}
		}
	}
}

// ldapFilterString renders a Filter the way Wireshark does (an "and" of a, b, c is "(&(&ab)c)").
func ldapFilterString(t Tvb, f berTLV) string {
	switch f.tag {
	case 0, 1:
		op := "&"
		if f.tag == 1 {
			op = "|"
		}
		s := ""
		for it := berIn(t, f); it.more(); {
			k := ldapFilterString(t, it.next())
			if s == "" {
				s = k
			} else {
				s = "(" + op + s + k + ")"
			}
		}
		return s
	case 2:
		if f.n == 0 {
			return "(!)"
		}
		return "(!" + ldapFilterString(t, readBER(t, f.v())) + ")"
	case 3, 5, 6, 8:
		it := berIn(t, f)
		a := it.next()
		v := ""
		if it.more() {
			v = string(it.next().eBytes(t))
		}
		op := map[int]string{3: "=", 5: ">=", 6: "<=", 8: "~="}[f.tag]
		return "(" + string(a.eBytes(t)) + op + v + ")"
	case 4:
		it := berIn(t, f)
		a := it.next()
		var b strings.Builder
		b.WriteString("(" + string(a.eBytes(t)) + "=")
		if it.more() {
			s := it.next()
			first := true
			for si := berIn(t, s); si.more(); {
				k := si.next()
				if k.tag != 0 && first {
					b.WriteByte('*')
				}
				first = false
				b.Write(k.eBytes(t))
				if k.tag != 2 {
					b.WriteByte('*')
				}
			}
		}
		b.WriteByte(')')
		return b.String()
	case 7:
		return "(" + string(f.eBytes(t)) + "=*)"
	case 9:
		var typ, rule, val string
		dn := false
		for it := berIn(t, f); it.more(); {
			k := it.next()
			switch k.tag {
			case 1:
				rule = string(k.eBytes(t))
			case 2:
				typ = string(k.eBytes(t))
			case 3:
				val = string(k.eBytes(t))
			case 4:
				dn = k.n > 0 && t.U8(k.v()) != 0
			}
		}
		s := "(" + typ
		if dn {
			s += ":dn"
		}
		if rule != "" {
			s += ":" + rule
		}
		return s + ":=" + val + ")"
	}
	return ""
}

// match pairs requests and responses by message ID within the connection (first pass) and counts
// search results, then adds what it learned.
func (m *ldapMsg) match(t Tvb, st *ldapState, e berTLV) {
	c := m.c
	isReq := map[int]bool{0: true, 3: true, 6: true, 8: true, 10: true, 12: true, 14: true, 23: true}[m.op]
	isResp := map[int]bool{1: true, 4: true, 5: true, 7: true, 9: true, 11: true, 13: true, 15: true, 19: true, 24: true}[m.op]
	if !isReq && !isResp {
		return
	}
	key := uint64(c.Frame.Number)<<24 | uint64(t.Off+e.o)&0xffffff
	if c.Pass1 {
		var ck convKey
		if isReq {
			ck, _ = makeConvKey(c.NetSrc, c.NetDst, uint16(c.SrcPort), uint16(c.DstPort))
		} else {
			ck, _ = makeConvKey(c.NetDst, c.NetSrc, uint16(c.DstPort), uint16(c.SrcPort))
		}
		k := ldapKey{conv: ck, msgID: m.msgID}
		var rec ldapFrame
		if isReq {
			if r := st.reqs[k]; r == nil || r.frame != c.Frame.Number {
				st.reqs[k] = &ldapReq{frame: c.Frame.Number, ts: c.Frame.TS}
			}
			if m.op == 3 {
				st.results[ck] = 0
			}
		} else if r := st.reqs[k]; r != nil && r.frame < c.Frame.Number {
			if r.resp == 0 {
				r.resp = c.Frame.Number
				rq := st.frames[uint64(r.frame)<<24|0xffffff]
				rq.respIn = r.resp
				st.frames[uint64(r.frame)<<24|0xffffff] = rq
			}
			rec.respTo, rec.delta = r.frame, c.Frame.TS-r.ts
		}
		if m.op == 4 {
			st.results[ck]++
		}
		if m.op == 4 || m.op == 5 {
			rec.results = st.results[ck]
		}
		if m.op == 5 {
			st.results[ck] = 0
		}
		st.frames[key] = rec
	}
	rec := st.frames[key]
	if m.op == 4 || m.op == 5 {
		s := " [" + itoa(uint64(rec.results)) + " result"
		if rec.results != 1 {
			s += "s"
		}
		s += "]"
		m.label = append(m.label, s...)
		if m.op == 5 {
			m.info = append(m.info, s...)
		}
	}
	if rec.respTo != 0 {
		c.AddGenerated(m.item, hfLDAPRespTo, t, e.o, 0, field.Value{U: uint64(rec.respTo)})
		c.AddGenerated(m.item, hfLDAPTime, t, e.o, 0, field.Value{I: rec.delta})
	}
	if isReq {
		if rq, ok := st.frames[uint64(c.Frame.Number)<<24|0xffffff]; ok && rq.respIn != 0 && !c.State.onePass {
			c.AddGenerated(m.item, hfLDAPRespIn, t, e.o, 0, field.Value{U: uint64(rq.respIn)})
		}
	}
}
