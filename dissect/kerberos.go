package dissect

import (
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// Kerberos V5 (RFC 4120) over UDP and TCP port 88, as Wireshark 4.0's packet-kerberos.c (generated
// from its ASN.1 module) shows it: AS/TGS requests and replies, AP-REQ inside PA-TGS-REQ, KRB-ERROR
// with its METHOD-DATA, the common pre-authentication data (encrypted timestamp, ETYPE-INFO2, PAC
// request, FAST armour), TCP record marks. Encrypted parts stay ciphertext (no keytab).

var (
	protoKerberos = Fields.Protocol("kerberos", "Kerberos")

	hfKrbRMReserved = Fields.Add(protoKerberos, "kerberos.rm.reserved", "Reserved", field.Bool, field.WithBase(32), field.WithMask(0x80000000), field.WithTrueFalse("Set", "Not set"), field.WithBlurb("Record mark reserved bit"))
	hfKrbRMLength   = Fields.Add(protoKerberos, "kerberos.rm.length", "Record Length", field.Uint32, field.WithMask(0x7fffffff))

	hfKrbASReq    = Fields.Add(protoKerberos, "kerberos.as_req_element", "as-req", field.None)
	hfKrbASRep    = Fields.Add(protoKerberos, "kerberos.as_rep_element", "as-rep", field.None)
	hfKrbTGSReq   = Fields.Add(protoKerberos, "kerberos.tgs_req_element", "tgs-req", field.None)
	hfKrbTGSRep   = Fields.Add(protoKerberos, "kerberos.tgs_rep_element", "tgs-rep", field.None)
	hfKrbAPReq    = Fields.Add(protoKerberos, "kerberos.ap_req_element", "ap-req", field.None)
	hfKrbAPRep    = Fields.Add(protoKerberos, "kerberos.ap_rep_element", "ap-rep", field.None)
	hfKrbError    = Fields.Add(protoKerberos, "kerberos.krb_error_element", "krb-error", field.None)
	hfKrbPvno     = Fields.Add(protoKerberos, "kerberos.pvno", "pvno", field.Uint32)
	hfKrbMsgType  = Fields.Add(protoKerberos, "kerberos.msg_type", "msg-type", field.Int32, field.WithStrings(krbMsgTypeVals))
	hfKrbPAData   = Fields.Add(protoKerberos, "kerberos.padata", "padata", field.Uint32)
	hfKrbPADataEl = Fields.Add(protoKerberos, "kerberos.PA_DATA_element", "PA-DATA", field.None)
	hfKrbPAType   = Fields.Add(protoKerberos, "kerberos.padata_type", "padata-type", field.Int32, field.WithStrings(krbPADataTypeVals))
	hfKrbPAValue  = Fields.Add(protoKerberos, "kerberos.padata_value", "padata-value", field.Bytes)
	hfKrbReqBody  = Fields.Add(protoKerberos, "kerberos.req_body_element", "req-body", field.None)
	hfKrbKDCOpts  = Fields.Add(protoKerberos, "kerberos.kdc_options", "kdc-options", field.Bytes)
	hfKrbCName    = Fields.Add(protoKerberos, "kerberos.cname_element", "cname", field.None)
	hfKrbSName    = Fields.Add(protoKerberos, "kerberos.sname_element", "sname", field.None)
	hfKrbNameType = Fields.Add(protoKerberos, "kerberos.name_type", "name-type", field.Int32, field.WithStrings(krbNameTypeVals))
	hfKrbCNameStr = Fields.Add(protoKerberos, "kerberos.cname_string", "cname-string", field.Uint32)
	hfKrbCNameS   = Fields.Add(protoKerberos, "kerberos.CNameString", "CNameString", field.String)
	hfKrbSNameStr = Fields.Add(protoKerberos, "kerberos.sname_string", "sname-string", field.Uint32)
	hfKrbSNameS   = Fields.Add(protoKerberos, "kerberos.SNameString", "SNameString", field.String)
	hfKrbRealm    = Fields.Add(protoKerberos, "kerberos.realm", "realm", field.String)
	hfKrbCRealm   = Fields.Add(protoKerberos, "kerberos.crealm", "crealm", field.String)
	hfKrbFrom     = Fields.Add(protoKerberos, "kerberos.from", "from", field.AbsTime, field.WithBase(field.TimeUTC))
	hfKrbTill     = Fields.Add(protoKerberos, "kerberos.till", "till", field.AbsTime, field.WithBase(field.TimeUTC))
	hfKrbRTime    = Fields.Add(protoKerberos, "kerberos.rtime", "rtime", field.AbsTime, field.WithBase(field.TimeUTC))
	hfKrbNonce    = Fields.Add(protoKerberos, "kerberos.nonce", "nonce", field.Uint32)
	hfKrbReqEtype = Fields.Add(protoKerberos, "kerberos.kdc-req-body.etype", "etype", field.Uint32)
	hfKrbENCTYPE  = Fields.Add(protoKerberos, "kerberos.ENCTYPE", "ENCTYPE", field.Int32, field.WithStrings(krbEtypeVals))
	hfKrbAddrs    = Fields.Add(protoKerberos, "kerberos.addresses", "addresses", field.Uint32)
	hfKrbHostAddr = Fields.Add(protoKerberos, "kerberos.HostAddress_element", "HostAddress", field.None)
	hfKrbAddrType = Fields.Add(protoKerberos, "kerberos.addr_type", "addr-type", field.Int32, field.WithStrings(krbAddrTypeVals))
	hfKrbAddress  = Fields.Add(protoKerberos, "kerberos.address", "address", field.Bytes)
	hfKrbEncAuth  = Fields.Add(protoKerberos, "kerberos.enc_authorization_data_element", "enc-authorization-data", field.None)
	hfKrbAddTkts  = Fields.Add(protoKerberos, "kerberos.additional_tickets", "additional-tickets", field.Uint32)
	hfKrbTicket   = Fields.Add(protoKerberos, "kerberos.ticket_element", "ticket", field.None)
	hfKrbTktVno   = Fields.Add(protoKerberos, "kerberos.tkt_vno", "tkt-vno", field.Uint32)
	hfKrbEncPart  = Fields.Add(protoKerberos, "kerberos.enc_part_element", "enc-part", field.None)
	hfKrbEtype    = Fields.Add(protoKerberos, "kerberos.etype", "etype", field.Int32, field.WithStrings(krbEtypeVals))
	hfKrbKvno     = Fields.Add(protoKerberos, "kerberos.kvno", "kvno", field.Uint32)
	hfKrbCipher   = Fields.Add(protoKerberos, "kerberos.cipher", "cipher", field.Bytes)
	hfKrbAPOpts   = Fields.Add(protoKerberos, "kerberos.ap_options", "ap-options", field.Bytes)
	hfKrbAuthent  = Fields.Add(protoKerberos, "kerberos.authenticator_element", "authenticator", field.None)
	hfKrbCTime    = Fields.Add(protoKerberos, "kerberos.ctime", "ctime", field.AbsTime, field.WithBase(field.TimeUTC))
	hfKrbCUsec    = Fields.Add(protoKerberos, "kerberos.cusec", "cusec", field.Uint32)
	hfKrbSTime    = Fields.Add(protoKerberos, "kerberos.stime", "stime", field.AbsTime, field.WithBase(field.TimeUTC))
	hfKrbSUsec    = Fields.Add(protoKerberos, "kerberos.susec", "susec", field.Uint32)
	hfKrbErrCode  = Fields.Add(protoKerberos, "kerberos.error_code", "error-code", field.Int32, field.WithStrings(krbErrorCodeVals))
	hfKrbEText    = Fields.Add(protoKerberos, "kerberos.e_text", "e-text", field.String)
	hfKrbEData    = Fields.Add(protoKerberos, "kerberos.e_data", "e-data", field.Bytes)
	hfKrbInfo2    = Fields.Add(protoKerberos, "kerberos.ETYPE_INFO2_ENTRY_element", "ETYPE-INFO2-ENTRY", field.None)
	hfKrbInfo2Slt = Fields.Add(protoKerberos, "kerberos.info2_salt", "salt", field.String)
	hfKrbS2K      = Fields.Add(protoKerberos, "kerberos.s2kparams", "s2kparams", field.Bytes)
	hfKrbInfo     = Fields.Add(protoKerberos, "kerberos.ETYPE_INFO_ENTRY_element", "ETYPE-INFO-ENTRY", field.None)
	hfKrbInfoSalt = Fields.Add(protoKerberos, "kerberos.info_salt", "salt", field.Bytes)
	hfKrbInclPAC  = Fields.Add(protoKerberos, "kerberos.include_pac", "include-pac", field.Bool)
	hfKrbArmored  = Fields.Add(protoKerberos, "kerberos.armored_data_element", "armored-data", field.None)
	hfKrbArmor    = Fields.Add(protoKerberos, "kerberos.armor_element", "armor", field.None)
	hfKrbArmType  = Fields.Add(protoKerberos, "kerberos.armor_type", "armor-type", field.Int32, field.WithStrings(map[uint64]string{1: "fX-FAST-ARMOR-AP-REQUEST"}))
	hfKrbArmValue = Fields.Add(protoKerberos, "kerberos.armor_value", "armor-value", field.Bytes)
	hfKrbReqCksum = Fields.Add(protoKerberos, "kerberos.req_checksum_element", "req-checksum", field.None)
	hfKrbCksType  = Fields.Add(protoKerberos, "kerberos.cksumtype", "cksumtype", field.Int32, field.WithStrings(krbCksumTypeVals))
	hfKrbChecksum = Fields.Add(protoKerberos, "kerberos.checksum", "checksum", field.Bytes)
	hfKrbEncFReq  = Fields.Add(protoKerberos, "kerberos.enc_fast_req_element", "enc-fast-req", field.None)
	hfKrbEncFRep  = Fields.Add(protoKerberos, "kerberos.enc_fast_rep_element", "enc-fast-rep", field.None)

	krbKDCOptBits = []field.ID{
		krbBit("KDCOptions.reserved", "reserved", 0x80), krbBit("KDCOptions.forwardable", "forwardable", 0x40),
		krbBit("KDCOptions.forwarded", "forwarded", 0x20), krbBit("KDCOptions.proxiable", "proxiable", 0x10),
		krbBit("KDCOptions.proxy", "proxy", 0x08), krbBit("KDCOptions.allow.postdate", "allow-postdate", 0x04),
		krbBit("KDCOptions.postdated", "postdated", 0x02), krbBit("KDCOptions.unused7", "unused7", 0x01),
		krbBit("KDCOptions.renewable", "renewable", 0x80), krbBit("KDCOptions.unused9", "unused9", 0x40),
		krbBit("KDCOptions.unused10", "unused10", 0x20), krbBit("KDCOptions.opt.hardware.auth", "opt-hardware-auth", 0x10),
		krbBit("KDCOptions.unused12", "unused12", 0x08), krbBit("KDCOptions.unused13", "unused13", 0x04),
		krbBit("KDCOptions.constrained.delegation", "constrained-delegation", 0x02), krbBit("KDCOptions.canonicalize", "canonicalize", 0x01),
		krbBit("KDCOptions.request.anonymous", "request-anonymous", 0x80), krbBit("KDCOptions.unused17", "unused17", 0x40),
		krbBit("KDCOptions.unused18", "unused18", 0x20), krbBit("KDCOptions.unused19", "unused19", 0x10),
		krbBit("KDCOptions.unused20", "unused20", 0x08), krbBit("KDCOptions.unused21", "unused21", 0x04),
		krbBit("KDCOptions.unused22", "unused22", 0x02), krbBit("KDCOptions.unused23", "unused23", 0x01),
		krbBit("KDCOptions.unused24", "unused24", 0x80), krbBit("KDCOptions.unused25", "unused25", 0x40),
		krbBit("KDCOptions.disable.transited.check", "disable-transited-check", 0x20), krbBit("KDCOptions.renewable.ok", "renewable-ok", 0x10),
		krbBit("KDCOptions.enc.tkt.in.skey", "enc-tkt-in-skey", 0x08), krbBit("KDCOptions.unused29", "unused29", 0x04),
		krbBit("KDCOptions.renew", "renew", 0x02), krbBit("KDCOptions.validate", "validate", 0x01),
	}
	krbAPOptBits = []field.ID{
		krbBit("APOptions.reserved", "reserved", 0x80), krbBit("APOptions.use.session.key", "use-session-key", 0x40),
		krbBit("APOptions.mutual.required", "mutual-required", 0x20),
	}

	handleKerberos = &Handle{Name: "kerberos", Fn: dissectKerberosUDP}
	handleKrbTCP   = &Handle{Name: "kerberos", Fn: dissectKerberosTCP}
)

func krbBit(abbrev, name string, mask uint64) field.ID {
	return Fields.Add(protoKerberos, "kerberos."+abbrev, name, field.Bool, field.WithBase(8), field.WithMask(mask))
}

func init() {
	RegisterShortName(protoKerberos, "KRB5")
	UDPPort.Add(88, handleKerberos)
	TCPPort.Add(88, handleKrbTCP)
	RegisterPDU(handleKrbTCP, krbPDULen)
}

// Kerberos messages as ASN.1 types (RFC 4120 section 5, every member explicitly tagged).
var (
	krbEncData = asnSeqT(asnX(0, hfKrbEtype, asnIntT), asnX(1, hfKrbKvno, asnIntT), asnX(2, hfKrbCipher, asnOctetsT))
	krbCName   = asnSeqT(asnX(0, hfKrbNameType, asnIntT), asnX(1, hfKrbCNameStr, asnSeqOfT(hfKrbCNameS, asnStrT)))
	krbSName   = asnSeqT(asnX(0, hfKrbNameType, asnIntT), asnX(1, hfKrbSNameStr, asnSeqOfT(hfKrbSNameS, asnStrT)))
	krbTicket  = &asnType{kind: asnSeq, wrapped: true, mem: []asnMember{asnX(0, hfKrbTktVno, asnIntT),
		asnX(1, hfKrbRealm, asnStrT), asnX(2, hfKrbSName, krbSName), asnX(3, hfKrbEncPart, krbEncData)}}
	krbPADataT   = &asnType{kind: asnFunc, fn: krbPAData}
	krbPADataSeq = asnSeqOfT(hfKrbPADataEl, krbPADataT)
	krbHostAddrs = asnSeqOfT(hfKrbHostAddr, asnSeqT(asnX(0, hfKrbAddrType, asnIntT), asnX(1, hfKrbAddress, asnOctetsT)))
	krbReqBody   = asnSeqT(
		asnX(0, hfKrbKDCOpts, &asnType{kind: asnBits, bits: krbKDCOptBits}),
		asnX(1, hfKrbCName, krbCName), asnX(2, hfKrbRealm, asnStrT), asnX(3, hfKrbSName, krbSName),
		asnX(4, hfKrbFrom, asnTimeT), asnX(5, hfKrbTill, asnTimeT), asnX(6, hfKrbRTime, asnTimeT),
		asnX(7, hfKrbNonce, asnIntT), asnX(8, hfKrbReqEtype, asnSeqOfT(hfKrbENCTYPE, asnIntT)),
		asnX(9, hfKrbAddrs, krbHostAddrs), asnX(10, hfKrbEncAuth, krbEncData),
		asnX(11, hfKrbAddTkts, asnSeqOfT(hfKrbTicket, krbTicket)))
	krbKDCReq = &asnType{kind: asnSeq, wrapped: true, mem: []asnMember{asnX(1, hfKrbPvno, asnIntT),
		asnX(2, hfKrbMsgType, krbMsgTypeT), asnX(3, hfKrbPAData, krbPADataSeq), asnX(4, hfKrbReqBody, krbReqBody)}}
	krbKDCRep = &asnType{kind: asnSeq, wrapped: true, mem: []asnMember{asnX(0, hfKrbPvno, asnIntT),
		asnX(1, hfKrbMsgType, krbMsgTypeT), asnX(2, hfKrbPAData, krbPADataSeq), asnX(3, hfKrbCRealm, asnStrT),
		asnX(4, hfKrbCName, krbCName), asnX(5, hfKrbTicket, krbTicket), asnX(6, hfKrbEncPart, krbEncData)}}
	krbAPReq = &asnType{kind: asnSeq, wrapped: true, mem: []asnMember{asnX(0, hfKrbPvno, asnIntT),
		asnX(1, hfKrbMsgType, krbMsgTypeT), asnX(2, hfKrbAPOpts, &asnType{kind: asnBits, bits: krbAPOptBits}),
		asnX(3, hfKrbTicket, krbTicket), asnX(4, hfKrbAuthent, krbEncData)}}
	krbAPRep = &asnType{kind: asnSeq, wrapped: true, mem: []asnMember{asnX(0, hfKrbPvno, asnIntT),
		asnX(1, hfKrbMsgType, krbMsgTypeT), asnX(2, hfKrbEncPart, krbEncData)}}
	krbErr = &asnType{kind: asnSeq, wrapped: true, mem: []asnMember{asnX(0, hfKrbPvno, asnIntT),
		asnX(1, hfKrbMsgType, krbMsgTypeT), asnX(2, hfKrbCTime, asnTimeT), asnX(3, hfKrbCUsec, asnIntT),
		asnX(4, hfKrbSTime, asnTimeT), asnX(5, hfKrbSUsec, asnIntT), asnX(6, hfKrbErrCode, krbErrCodeT),
		asnX(7, hfKrbCRealm, asnStrT), asnX(8, hfKrbCName, krbCName), asnX(9, hfKrbRealm, asnStrT),
		asnX(10, hfKrbSName, krbSName), asnX(11, hfKrbEText, asnStrT), asnX(12, hfKrbEData, krbEDataT)}}
	krbMessage = &asnType{kind: asnChoice, mem: []asnMember{
		asnI(berApplication, 10, hfKrbASReq, krbKDCReq), asnI(berApplication, 11, hfKrbASRep, krbKDCRep),
		asnI(berApplication, 12, hfKrbTGSReq, krbKDCReq), asnI(berApplication, 13, hfKrbTGSRep, krbKDCRep),
		asnI(berApplication, 14, hfKrbAPReq, krbAPReq), asnI(berApplication, 15, hfKrbAPRep, krbAPRep),
		asnI(berApplication, 30, hfKrbError, krbErr)}}

	krbMsgTypeT = &asnType{kind: asnInt, done: krbMsgTypeDone}
	krbErrCodeT = &asnType{kind: asnInt, done: krbErrCodeDone}
	krbEDataT   = &asnType{kind: asnFunc, fn: krbEData}

	krbETypeInfo2 = asnSeqT(asnX(0, hfKrbEtype, asnIntT), asnX(1, hfKrbInfo2Slt, asnStrT), asnX(2, hfKrbS2K, asnOctetsT))
	krbETypeInfo  = asnSeqT(asnX(0, hfKrbEtype, asnIntT), asnX(1, hfKrbInfoSalt, asnOctetsT))
	krbFastReq    = &asnType{kind: asnChoice, mem: []asnMember{asnX(0, hfKrbArmored, asnSeqT(
		asnX(0, hfKrbArmor, asnSeqT(asnX(0, hfKrbArmType, asnIntT), asnX(1, hfKrbArmValue, asnOctetsT))),
		asnX(1, hfKrbReqCksum, asnSeqT(asnX(0, hfKrbCksType, asnIntT), asnX(1, hfKrbChecksum, asnOctetsT))),
		asnX(2, hfKrbEncFReq, krbEncData)))}}
	krbPACReq  = asnSeqT(asnX(0, hfKrbInclPAC, asnBoolT))
	krbFastRep = &asnType{kind: asnChoice, mem: []asnMember{asnX(0, hfKrbArmored, asnSeqT(asnX(0, hfKrbEncFRep, krbEncData)))}}
)

// krbDec is what a walk over one message remembers for later members.
type krbDec struct {
	top     bool // the outermost message has set the Info column
	request bool // the message is a request (FAST armour is a request's)
}

// PA-DATA types whose value this dissector decodes.
const (
	krbPATGSReq    = 1
	krbPAEncTS     = 2
	krbPAETypeInfo = 11
	krbPAETypeInf2 = 19
	krbPAPACReq    = 128
	krbPAFXFast    = 136
)

// krbPDULen is the length of a Kerberos message over TCP: a record mark and the message.
func krbPDULen(c *Ctx, t Tvb, _ *PDUScan) int {
	if t.Len() < 4 {
		return NeedMore
	}
	return 4 + int(t.U32(0)&0x7fffffff)
}

// dissectKerberosUDP hands a datagram starting with a byte of at most 0x10 to Kerberos v4, as
// Wireshark does: every Kerberos 5 message starts with an application tag.
func dissectKerberosUDP(c *Ctx, t Tvb, parent int32) {
	if t.Len() >= 1 && t.U8(0) <= 0x10 {
		if !dissectKrb4(c, t, parent) {
			c.PopLayer("kerberos")
			c.CallData(t, parent)
		}
		return
	}
	if !krbLooksLikeKrb5(t) {
		c.PopLayer("kerberos")
		c.CallData(t, parent)
		return
	}
	dissectKerberos(c, t, parent, false)
}

// krbMsgTags are the application tags a Kerberos 5 datagram may start with.
var krbMsgTags = [32]bool{1: true, 2: true, 3: true, 10: true, 11: true, 12: true, 13: true, 14: true, 15: true,
	20: true, 21: true, 25: true, 26: true, 27: true, 28: true, 29: true, 30: true}

// krbLooksLikeKrb5 is Wireshark's sanity check of a datagram on the Kerberos port: an application
// class tag of a Kerberos message.
func krbLooksLikeKrb5(t Tvb) bool {
	if t.Len() < 1 {
		return false
	}
	b := t.U8(0)
	return b>>6 == 1 && krbMsgTags[b&0x1f]
}
func dissectKerberosTCP(c *Ctx, t Tvb, parent int32) { dissectKerberos(c, t, parent, true) }

func dissectKerberos(c *Ctx, t Tvb, parent int32, tcp bool) {
	c.SetProtocol("KRB5")
	c.ClearInfo()
	p := c.AddProto(parent, protoKerberos, t, 0, -1)
	o := 0
	if tcp {
		rm := t.U32(0)
		n := c.AddText(p, t, 0, 4, "Record Mark: "+itoa(uint64(rm&0x7fffffff))+" bytes")
		c.AddUint(n, hfKrbRMReserved, t, 0, 4)
		c.AddUint(n, hfKrbRMLength, t, 0, 4)
		o = 4
	}
	d := &asnDec{c: c, app: &krbDec{}}
	e := readBER(t, o)
	d.dissect(t, e, 0, krbMessage, p)
}

// krbMsgTypeDone sets the Info column from the outermost message's type.
func krbMsgTypeDone(d *asnDec, t Tvb, e berTLV, n int32) {
	k := d.app.(*krbDec)
	v := e.eInt(t)
	if !k.top {
		k.top = true
		k.request = v == 10 || v == 12 || v == 14
		if v != 30 {
			if s, ok := krbMsgTypeVals[uint64(v)]; ok {
				d.c.SetInfo(strings.ToUpper(strings.TrimPrefix(s, "krb-")))
			}
		}
	}
}

// krbErrCodeDone writes "KRB Error: KRB5KDC_ERR_PREAUTH_REQUIRED" in the Info column.
func krbErrCodeDone(d *asnDec, t Tvb, e berTLV, n int32) {
	d.c.SetInfo("KRB Error: " + krbErrorName(e.eInt(t)))
}

// krbErrorName is MIT's (and Wireshark's Info column's) name of a Kerberos error code, derived from
// the value strings of the error-code field ("eRR-PREAUTH-REQUIRED" is KRB5KDC_ERR_PREAUTH_REQUIRED).
func krbErrorName(code int64) string {
	s, ok := krbErrorCodeVals[uint64(code)]
	if !ok {
		return "Unknown error code " + strconv.FormatInt(code, 10)
	}
	s = strings.ReplaceAll(s, "-", "_")
	switch {
	case code <= 29:
		return "KRB5KDC_ERR_" + strings.TrimPrefix(s, "eRR_")
	case code <= 50:
		return "KRB5KRB_AP_ERR_" + strings.TrimPrefix(s, "eRR_")
	case code == 51:
		return "KRB5KRB_AP_PATH_NOT_ACCEPTED"
	case code <= 61:
		return "KRB5KRB_ERR_" + strings.TrimPrefix(s, "eRR_")
	case code == 67 || code == 69:
		return "KRB5_AP_ERR_" + strings.TrimPrefix(s, "eRR_")
	}
	return "KRB5_KDC_ERR_" + strings.TrimPrefix(strings.TrimPrefix(s, "eRROR_"), "eRR_")
}

// krbPAData dissects one PA-DATA: its type, and under the type its value, decoded by the type.
func krbPAData(d *asnDec, t Tvb, e berTLV, hf field.ID, parent int32) int32 {
	c := d.c
	n := c.Add(parent, hf, t, e.o, e.size(), field.Value{})
	var typ int64
	tn := n
	for it := berIn(t, e); it.more(); {
		k := it.next()
		if k.n == 0 || !k.ctx(1) && !k.ctx(2) {
			continue
		}
		in := readBER(t, k.v())
		if k.ctx(1) {
			typ = in.eInt(t)
			tn = c.AddIntV(n, hfKrbPAType, t, in.v(), in.n, typ)
			if c.Visible() {
				name, ok := krbPADataTypeVals[uint64(typ)]
				if !ok {
					name = "Unknown:" + strconv.FormatInt(typ, 10)
				}
				c.T.SetLabel(n, "PA-DATA "+name)
			}
			continue
		}
		if in.n == 0 {
			c.Add(tn, hfKrbPAValue, t, in.v(), 0, field.Value{})
			continue
		}
		vn := c.AddBytes(tn, hfKrbPAValue, t, in.v(), in.n)
		krbPAValue(d, t.SubLen(in.v(), in.n), typ, vn)
	}
	return n
}

// krbPAValue decodes a padata-value by its type, leaving values it does not know as bytes (and
// values that do not parse, as Wireshark's BER dissector would flag them, as bytes too).
func krbPAValue(d *asnDec, v Tvb, typ int64, parent int32) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(boundsError); !ok {
				panic(r)
			}
		}
	}()
	e := readBER(v, 0)
	switch typ {
	case krbPATGSReq:
		d.dissect(v, e, hfKrbAPReq, krbAPReq, parent)
	case krbPAEncTS:
		d.dissect(v, e, 0, krbEncData, parent)
	case krbPAETypeInf2:
		for it := berIn(v, e); it.more(); {
			d.dissect(v, it.next(), hfKrbInfo2, krbETypeInfo2, parent)
		}
	case krbPAETypeInfo:
		for it := berIn(v, e); it.more(); {
			d.dissect(v, it.next(), hfKrbInfo, krbETypeInfo, parent)
		}
	case krbPAPACReq:
		d.dissect(v, e, 0, krbPACReq, parent)
	case krbPAFXFast:
		if d.app.(*krbDec).request {
			d.dissect(v, e, 0, krbFastReq, parent)
		} else {
			d.dissect(v, e, 0, krbFastRep, parent)
		}
	}
}

// krbEData adds a KRB-ERROR's e-data and, when it holds METHOD-DATA (the pre-authentication the KDC
// offers), its PA-DATA items.
func krbEData(d *asnDec, t Tvb, e berTLV, hf field.ID, parent int32) int32 {
	n := d.c.AddBytes(parent, hf, t, e.v(), e.n)
	v := t.SubLen(e.v(), e.n)
	if v.Len() < 2 || v.U8(0) != 0x30 {
		return n
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(boundsError); !ok {
					panic(r)
				}
			}
		}()
		seq := readBER(v, 0)
		for it := berIn(v, seq); it.more(); {
			d.dissect(v, it.next(), hfKrbPADataEl, krbPADataT, n)
		}
	}()
	return n
}
