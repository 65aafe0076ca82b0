package dissect

import (
	"fmt"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// X.509 certificates (RFC 5280) inside TLS Certificate messages, as Wireshark 4.0's x509af, x509if,
// x509sat, x509ce and pkcs-1 dissectors (generated from their ASN.1 modules) show them: the signed
// certificate's version, serial number, algorithms, issuer and subject names, validity, public key
// (an RSA key's modulus and exponent) and the common extensions. Like Wireshark, each attribute
// value of a name is handed to x509sat and each known extension to x509ce by its OID, and those hand-
// offs are listed in frame.protocols.

var (
	protoX509AF  = Fields.Protocol("x509af", "X.509 Authentication Framework")
	protoX509IF  = Fields.Protocol("x509if", "X.509 Information Framework")
	protoX509SAT = Fields.Protocol("x509sat", "X.509 Selected Attribute Types")
	protoX509CE  = Fields.Protocol("x509ce", "X.509 Certificate Extensions")
	protoPKCS1   = Fields.Protocol("pkcs-1", "PKCS#1")

	hfX509Signed    = Fields.Add(protoX509AF, "x509af.signedCertificate_element", "signedCertificate", field.None)
	hfX509Version   = Fields.Add(protoX509AF, "x509af.version", "version", field.Int32, field.WithStrings(map[uint64]string{0: "v1", 1: "v2", 2: "v3"}))
	hfX509Serial    = Fields.Add(protoX509AF, "x509af.serialNumber", "serialNumber", field.Bytes)
	hfX509Signature = Fields.Add(protoX509AF, "x509af.signature_element", "signature", field.None)
	hfX509AlgID     = Fields.Add(protoX509AF, "x509af.algorithm.id", "Algorithm Id", field.String)
	hfX509Issuer    = Fields.Add(protoX509AF, "x509af.issuer", "issuer", field.Uint32, field.WithStrings(map[uint64]string{0: "rdnSequence"}))
	hfX509Subject   = Fields.Add(protoX509AF, "x509af.subject", "subject", field.Uint32, field.WithStrings(map[uint64]string{0: "rdnSequence"}))
	hfX509AFRDNSeq  = Fields.Add(protoX509AF, "x509af.rdnSequence", "rdnSequence", field.Uint32)
	hfX509Validity  = Fields.Add(protoX509AF, "x509af.validity_element", "validity", field.None)
	hfX509NotBefore = Fields.Add(protoX509AF, "x509af.notBefore", "notBefore", field.Uint32, field.WithStrings(map[uint64]string{0: "utcTime", 1: "generalizedTime"}))
	hfX509NotAfter  = Fields.Add(protoX509AF, "x509af.notAfter", "notAfter", field.Uint32, field.WithStrings(map[uint64]string{0: "utcTime", 1: "generalizedTime"}))
	hfX509UTCTime   = Fields.Add(protoX509AF, "x509af.utcTime", "utcTime", field.String)
	hfX509GenTime   = Fields.Add(protoX509AF, "x509af.generalizedTime", "generalizedTime", field.AbsTime, field.WithBase(field.TimeUTC))
	hfX509SPKI      = Fields.Add(protoX509AF, "x509af.subjectPublicKeyInfo_element", "subjectPublicKeyInfo", field.None)
	hfX509Algorithm = Fields.Add(protoX509AF, "x509af.algorithm_element", "algorithm", field.None)
	hfX509PubKey    = Fields.Add(protoX509AF, "x509af.subjectPublicKey", "subjectPublicKey", field.Bytes)
	hfX509Exts      = Fields.Add(protoX509AF, "x509af.extensions", "extensions", field.Uint32)
	hfX509Ext       = Fields.Add(protoX509AF, "x509af.Extension_element", "Extension", field.None)
	hfX509ExtID     = Fields.Add(protoX509AF, "x509af.extension.id", "Extension Id", field.String)
	hfX509Critical  = Fields.Add(protoX509AF, "x509af.critical", "critical", field.Bool)
	hfX509SigAlg    = Fields.Add(protoX509AF, "x509af.algorithmIdentifier_element", "algorithmIdentifier", field.None)
	hfX509Encrypted = Fields.Add(protoX509AF, "x509af.encrypted", "encrypted", field.Bytes)

	hfX509IFRDNSeq  = Fields.Add(protoX509IF, "x509if.rdnSequence", "rdnSequence", field.Uint32)
	hfX509RDNItem   = Fields.Add(protoX509IF, "x509if.RDNSequence_item", "RDNSequence item", field.Uint32)
	hfX509RDNAttr   = Fields.Add(protoX509IF, "x509if.RelativeDistinguishedName_item_element", "RelativeDistinguishedName item", field.None)
	hfX509OID       = Fields.Add(protoX509IF, "x509if.oid", "Object Id", field.String)
	hfX509DirString = Fields.Add(protoX509SAT, "x509sat.DirectoryString", "DirectoryString", field.Uint32, field.WithStrings(map[uint64]string{0: "teletexString", 1: "printableString", 2: "universalString", 3: "bmpString", 4: "uTF8String"}))
	hfX509Country   = Fields.Add(protoX509SAT, "x509sat.CountryName", "CountryName", field.String)
	hfX509DirStrs   = [5]field.ID{
		Fields.Add(protoX509SAT, "x509sat.teletexString", "teletexString", field.String),
		Fields.Add(protoX509SAT, "x509sat.printableString", "printableString", field.String),
		Fields.Add(protoX509SAT, "x509sat.universalString", "universalString", field.String),
		Fields.Add(protoX509SAT, "x509sat.bmpString", "bmpString", field.String),
		Fields.Add(protoX509SAT, "x509sat.uTF8String", "uTF8String", field.String),
	}
	hfX509IA5 = Fields.Add(protoX509SAT, "x509sat.IA5String", "IA5String", field.String)

	hfX509SKI       = Fields.Add(protoX509CE, "x509ce.SubjectKeyIdentifier", "SubjectKeyIdentifier", field.Bytes)
	hfX509AKI       = Fields.Add(protoX509CE, "x509ce.AuthorityKeyIdentifier_element", "AuthorityKeyIdentifier", field.None)
	hfX509KeyID     = Fields.Add(protoX509CE, "x509ce.keyIdentifier", "keyIdentifier", field.Bytes)
	hfX509Basic     = Fields.Add(protoX509CE, "x509ce.BasicConstraintsSyntax_element", "BasicConstraintsSyntax", field.None)
	hfX509CA        = Fields.Add(protoX509CE, "x509ce.cA", "cA", field.Bool)
	hfX509PathLen   = Fields.Add(protoX509CE, "x509ce.pathLenConstraint", "pathLenConstraint", field.Uint64)
	hfX509GenNames  = Fields.Add(protoX509CE, "x509ce.GeneralNames", "GeneralNames", field.Uint32)
	hfX509GenName   = Fields.Add(protoX509CE, "x509ce.GeneralName", "GeneralName", field.Uint32, field.WithStrings(map[uint64]string{0: "otherName", 1: "rfc822Name", 2: "dNSName", 3: "x400Address", 4: "directoryName", 5: "ediPartyName", 6: "uniformResourceIdentifier", 7: "iPAddress", 8: "registeredID"}))
	hfX509RFC822    = Fields.Add(protoX509CE, "x509ce.rfc822Name", "rfc822Name", field.String)
	hfX509DNSName   = Fields.Add(protoX509CE, "x509ce.dNSName", "dNSName", field.String)
	hfX509URI       = Fields.Add(protoX509CE, "x509ce.uniformResourceIdentifier", "uniformResourceIdentifier", field.String)
	hfX509IPv4      = Fields.Add(protoX509CE, "x509ce.IPAddress.ipv4", "iPAddress", field.IPv4)
	hfX509IPv6      = Fields.Add(protoX509CE, "x509ce.IPAddress.ipv6", "iPAddress", field.IPv6)
	hfX509KeyUsage  = Fields.Add(protoX509CE, "x509ce.KeyUsage", "KeyUsage", field.Bytes)
	hfX509KPIDs     = Fields.Add(protoX509CE, "x509ce.KeyPurposeIDs", "KeyPurposeIDs", field.Uint32)
	hfX509KPID      = Fields.Add(protoX509CE, "x509ce.KeyPurposeId", "KeyPurposeId", field.String)
	hfPKCS1Modulus  = Fields.Add(protoPKCS1, "pkcs1.modulus", "modulus", field.Bytes)
	hfPKCS1Exponent = Fields.Add(protoPKCS1, "pkcs1.publicExponent", "publicExponent", field.Int32)

	x509KeyUsageBits = []field.ID{
		x509Bit("digitalSignature", 0x80), x509Bit("contentCommitment", 0x40), x509Bit("keyEncipherment", 0x20),
		x509Bit("dataEncipherment", 0x10), x509Bit("keyAgreement", 0x08), x509Bit("keyCertSign", 0x04),
		x509Bit("cRLSign", 0x02), x509Bit("encipherOnly", 0x01), x509Bit("decipherOnly", 0x80),
	}
)

func x509Bit(name string, mask uint64) field.ID {
	return Fields.Add(protoX509CE, "x509ce.KeyUsage."+name, name, field.Bool, field.WithBase(8), field.WithMask(mask))
}

// x509OIDNames are the names Wireshark gives the OIDs of certificates.
var x509OIDNames = map[string]string{
	"1.2.840.113549.1.1.1": "rsaEncryption", "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
	"1.2.840.113549.1.1.11": "sha256WithRSAEncryption", "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
	"1.2.840.113549.1.1.13": "sha512WithRSAEncryption", "1.2.840.113549.1.1.10": "id-RSASSA-PSS",
	"1.2.840.10045.2.1": "id-ecPublicKey", "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
	"1.2.840.10045.4.3.3": "ecdsa-with-SHA384", "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
	"1.3.101.112": "id-Ed25519", "1.3.101.113": "id-Ed448",
	"2.5.4.3": "id-at-commonName", "2.5.4.4": "id-at-surname", "2.5.4.5": "id-at-serialNumber",
	"2.5.4.6": "id-at-countryName", "2.5.4.7": "id-at-localityName", "2.5.4.8": "id-at-stateOrProvinceName",
	"2.5.4.9": "id-at-streetAddress", "2.5.4.10": "id-at-organizationName", "2.5.4.11": "id-at-organizationalUnitName",
	"2.5.4.12": "id-at-title", "2.5.4.42": "id-at-givenName", "1.2.840.113549.1.9.1": "pkcs-9-at-emailAddress",
	"0.9.2342.19200300.100.1.25": "dc",
	"2.5.29.14":                  "id-ce-subjectKeyIdentifier", "2.5.29.15": "id-ce-keyUsage", "2.5.29.17": "id-ce-subjectAltName",
	"2.5.29.19": "id-ce-basicConstraints", "2.5.29.31": "id-ce-cRLDistributionPoints",
	"2.5.29.32": "id-ce-certificatePolicies", "2.5.29.35": "id-ce-authorityKeyIdentifier",
	"2.5.29.37": "id-ce-extKeyUsage", "1.3.6.1.5.5.7.1.1": "id-pe-authorityInfoAccess",
	"1.3.6.1.5.5.7.3.1": "id-kp-serverAuth", "1.3.6.1.5.5.7.3.2": "id-kp-clientAuth",
}

// x509Label sets a label when the tree is visible, cut to the 239 bytes of Wireshark's label buffer.
func x509Label(c *Ctx, n int32, format string, args ...any) {
	if c.Visible() {
		c.T.SetLabel(n, truncLabel(fmt.Sprintf(format, args...), 239))
	}
}

// x509Hex is a big number's hex digits as a bytes label shows them: the first 36 bytes, then "…".
func x509Hex(b []byte) string {
	if len(b) > 36 {
		return hexString(b[:36]) + "…"
	}
	return hexString(b)
}

// x509OIDName returns an OID's name, or the OID itself.
func x509OIDName(oid string) string {
	if n, ok := x509OIDNames[oid]; ok {
		return n
	}
	return oid
}

// wantsX509 reports whether a certificate's items can matter for this dissection: parsing one keeps
// no state, so the first pass (which builds nothing) and a filter that asks for no X.509 field nor
// frame.protocols skip it.
func (c *Ctx) wantsX509() bool {
	if c.T.Discard {
		return false
	}
	if c.T.Wants(hfFrameProtocols) {
		return true
	}
	for _, p := range []field.ID{protoX509AF, protoX509IF, protoX509SAT, protoX509CE, protoPKCS1, protoBER} {
		if c.wantsItems(p) {
			return true
		}
	}
	return false
}

// x509Certificate dissects a DER certificate under the Certificate item n. A certificate that does
// not parse keeps what was added so far, as the BER dissector's errors do.
func x509Certificate(c *Ctx, t Tvb, n int32) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(boundsError); !ok {
				panic(r)
			}
		}
	}()
	cert := readBER(t, 0)
	it := berIn(t, cert)
	tbs := it.next()
	x509TBS(c, t, tbs, n)
	if it.more() {
		x509AlgID(c, t, it.next(), hfX509SigAlg, n)
	}
	if it.more() {
		sig := it.next()
		if sig.n > 0 {
			c.AddUint(n, hfBERPadding, t, sig.v(), 1)
			c.AddBytes(n, hfX509Encrypted, t, sig.v()+1, sig.n-1)
		}
	}
}

func x509TBS(c *Ctx, t Tvb, e berTLV, parent int32) {
	n := c.Add(parent, hfX509Signed, t, e.o, e.size(), field.Value{})
	it := berIn(t, e)
	k := it.next()
	if k.ctx(0) {
		v := readBER(t, k.v())
		c.AddIntV(n, hfX509Version, t, v.v(), v.n, v.eInt(t))
		k = it.next()
	}
	sn := c.AddBytes(n, hfX509Serial, t, k.v(), k.n)
	x509Label(c, sn, "serialNumber: 0x%s", x509Hex(k.eBytes(t)))
	x509AlgID(c, t, it.next(), hfX509Signature, n)
	x509Name(c, t, it.next(), hfX509Issuer, hfX509IFRDNSeq, n)
	x509Validity(c, t, it.next(), n)
	x509Name(c, t, it.next(), hfX509Subject, hfX509AFRDNSeq, n)
	x509SPKI(c, t, it.next(), n)
	for it.more() {
		k := it.next()
		if k.ctx(3) && k.n > 0 {
			x509Extensions(c, t, readBER(t, k.v()), n)
		}
	}
}

// x509AlgID adds an AlgorithmIdentifier as "name (algorithm)" with its OID.
func x509AlgID(c *Ctx, t Tvb, e berTLV, hf field.ID, parent int32) {
	n := c.Add(parent, hf, t, e.o, e.size(), field.Value{})
	id := readBER(t, e.v())
	oid := oidString(id.eBytes(t))
	x509Label(c, n, "%s (%s)", Fields.Get(hf).Name, x509OIDName(oid))
	on := c.AddString(n, hfX509AlgID, t, id.v(), id.n, oid)
	x509Label(c, on, "Algorithm Id: %s (%s)", oid, x509OIDName(oid))
}

// x509RDNString renders a Name as Wireshark appends it to items: the last RDN first, "type=value"
// joined by commas.
func x509RDNString(t Tvb, seq berTLV) string {
	var parts []string
	for it := berIn(t, seq); it.more(); {
		rdn := it.next()
		var items []string
		for ai := berIn(t, rdn); ai.more(); {
			items = append(items, x509AttrString(t, ai.next()))
		}
		parts = append([]string{strings.Join(items, "+")}, parts...)
	}
	return strings.Join(parts, ",")
}

// x509AttrString renders one AttributeTypeAndValue: "id-at-commonName=example.com".
func x509AttrString(t Tvb, a berTLV) string {
	it := berIn(t, a)
	id := it.next()
	s := x509OIDName(oidString(id.eBytes(t))) + "="
	if it.more() {
		v := it.next()
		if v.tag == berTagBMPString {
			s += ucs2BEString(v.eBytes(t))
		} else {
			s += string(v.eBytes(t))
		}
	}
	return s
}

// ucs2BEString decodes a BMPString (big-endian UCS-2).
func ucs2BEString(b []byte) string {
	le := make([]byte, len(b)&^1)
	for i := 0; i+1 < len(b); i += 2 {
		le[i], le[i+1] = b[i+1], b[i]
	}
	return ucs2String(le)
}

// x509Name adds a Name (the CHOICE of an RDNSequence).
func x509Name(c *Ctx, t Tvb, e berTLV, hf, seqHF field.ID, parent int32) {
	n := c.AddUintV(parent, hf, t, e.o, e.size(), 0)
	cnt := berCount(t, e)
	s := x509RDNString(t, e)
	sn := c.AddUintV(n, seqHF, t, e.o, e.size(), uint64(cnt))
	x509Label(c, sn, "rdnSequence: %s (%s)", itemsText(cnt), s)
	for it := berIn(t, e); it.more(); {
		rdn := it.next()
		rc := berCount(t, rdn)
		var items []string
		for ai := berIn(t, rdn); ai.more(); {
			items = append(items, x509AttrString(t, ai.next()))
		}
		rn := c.AddUintV(sn, hfX509RDNItem, t, rdn.o, rdn.size(), uint64(rc))
		x509Label(c, rn, "RDNSequence item: %s (%s)", itemsText(rc), strings.Join(items, "+"))
		for ai := berIn(t, rdn); ai.more(); {
			a := ai.next()
			an := c.Add(rn, hfX509RDNAttr, t, a.o, a.size(), field.Value{})
			x509Label(c, an, "RelativeDistinguishedName item (%s)", x509AttrString(t, a))
			x509Attr(c, t, a, an)
		}
	}
}

// x509Attr adds an attribute's type and hands its value to x509sat.
func x509Attr(c *Ctx, t Tvb, a berTLV, parent int32) {
	it := berIn(t, a)
	id := it.next()
	oid := oidString(id.eBytes(t))
	on := c.AddString(parent, hfX509OID, t, id.v(), id.n, oid)
	x509Label(c, on, "Object Id: %s (%s)", oid, x509OIDName(oid))
	if !it.more() {
		return
	}
	v := it.next()
	switch {
	case oid == "2.5.4.6": // countryName: a PrintableString of its own
		c.PushLayer("x509sat")
		c.AddBytes(parent, hfX509Country, t, v.v(), v.n)
	case oid == "1.2.840.113549.1.9.1" || oid == "0.9.2342.19200300.100.1.25":
		c.PushLayer("x509sat")
		c.AddBytes(parent, hfX509IA5, t, v.v(), v.n)
	case strings.HasPrefix(oid, "2.5.4."): // the DirectoryString attributes
		c.PushLayer("x509sat")
		alt := map[int]int{berTagT61String: 0, berTagPrintable: 1, berTagUniversal: 2, berTagBMPString: 3, berTagUTF8String: 4}
		k, ok := alt[v.tag]
		if !ok {
			return
		}
		dn := c.AddUintV(parent, hfX509DirString, t, v.o, v.size(), uint64(k))
		if k == 3 {
			c.AddString(dn, hfX509DirStrs[k], t, v.v(), v.n, ucs2BEString(v.eBytes(t)))
		} else {
			c.AddBytes(dn, hfX509DirStrs[k], t, v.v(), v.n)
		}
	}
}

func x509Validity(c *Ctx, t Tvb, e berTLV, parent int32) {
	n := c.Add(parent, hfX509Validity, t, e.o, e.size(), field.Value{})
	it := berIn(t, e)
	for _, hf := range []field.ID{hfX509NotBefore, hfX509NotAfter} {
		if !it.more() {
			return
		}
		k := it.next()
		if k.tag == berTagUTCTime {
			cn := c.AddUintV(n, hf, t, k.o, k.size(), 0)
			b := k.eBytes(t)
			s := string(b)
			if len(b) >= 12 { // YYMMDDHHMMSSZ, shown "20YY-MM-DD HH:MM:SS (UTC)" as Wireshark does
				century := "20"
				if b[0] >= '5' {
					century = "19"
				}
				s = century + string(b[0:2]) + "-" + string(b[2:4]) + "-" + string(b[4:6]) + " " +
					string(b[6:8]) + ":" + string(b[8:10]) + ":" + string(b[10:12]) + " (UTC)"
			}
			c.AddString(cn, hfX509UTCTime, t, k.v(), k.n, s)
		} else {
			cn := c.AddUintV(n, hf, t, k.o, k.size(), 1)
			ns, _ := berTime(k.eBytes(t), false)
			c.Add(cn, hfX509GenTime, t, k.v(), k.n, field.Value{I: ns})
		}
	}
}

func x509SPKI(c *Ctx, t Tvb, e berTLV, parent int32) {
	n := c.Add(parent, hfX509SPKI, t, e.o, e.size(), field.Value{})
	it := berIn(t, e)
	alg := it.next()
	x509AlgID(c, t, alg, hfX509Algorithm, n)
	if !it.more() {
		return
	}
	k := it.next()
	if k.n == 0 {
		return
	}
	kn := c.AddBytes(n, hfX509PubKey, t, k.v()+1, k.n-1)
	id := readBER(t, alg.v())
	if oidString(id.eBytes(t)) != "1.2.840.113549.1.1.1" {
		return
	}
	// an RSA key: RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
	kt := t.SubLen(k.v()+1, k.n-1)
	seq := readBER(kt, 0)
	ki := berIn(kt, seq)
	m := ki.next()
	mn := c.AddBytes(kn, hfPKCS1Modulus, kt, m.v(), m.n)
	x509Label(c, mn, "modulus: 0x%s", x509Hex(m.eBytes(kt)))
	if ki.more() {
		x := ki.next()
		c.AddIntV(kn, hfPKCS1Exponent, kt, x.v(), x.n, x.eInt(kt))
	}
}

func x509Extensions(c *Ctx, t Tvb, e berTLV, parent int32) {
	cnt := berCount(t, e)
	n := c.AddUintV(parent, hfX509Exts, t, e.o, e.size(), uint64(cnt))
	x509Label(c, n, "extensions: %s", itemsText(cnt))
	for it := berIn(t, e); it.more(); {
		x := it.next()
		xi := berIn(t, x)
		id := xi.next()
		oid := oidString(id.eBytes(t))
		xn := c.Add(n, hfX509Ext, t, x.o, x.size(), field.Value{})
		x509Label(c, xn, "Extension (%s)", x509OIDName(oid))
		on := c.AddString(xn, hfX509ExtID, t, id.v(), id.n, oid)
		x509Label(c, on, "Extension Id: %s (%s)", oid, x509OIDName(oid))
		k := xi.next()
		if k.is(berUniversal, berTagBoolean) {
			var v uint64
			if k.n > 0 && t.U8(k.v()) != 0 {
				v = 1
			}
			c.AddUintV(xn, hfX509Critical, t, k.v(), k.n, v)
			if !xi.more() {
				continue
			}
			k = xi.next()
		}
		x509Extension(c, t.SubLen(k.v(), k.n), oid, xn)
	}
}

// x509Extension dissects an extension's value by its OID (the extensions x509ce registers).
func x509Extension(c *Ctx, v Tvb, oid string, parent int32) {
	if v.Len() == 0 {
		return
	}
	e := readBER(v, 0)
	switch oid {
	case "2.5.29.14": // subjectKeyIdentifier
		c.PushLayer("x509ce")
		c.AddBytes(parent, hfX509SKI, v, e.v(), e.n)
	case "2.5.29.35": // authorityKeyIdentifier
		c.PushLayer("x509ce")
		n := c.Add(parent, hfX509AKI, v, e.o, e.size(), field.Value{})
		for it := berIn(v, e); it.more(); {
			k := it.next()
			if k.ctx(0) {
				c.AddBytes(n, hfX509KeyID, v, k.v(), k.n)
			}
		}
	case "2.5.29.19": // basicConstraints
		c.PushLayer("x509ce")
		n := c.Add(parent, hfX509Basic, v, e.o, e.size(), field.Value{})
		for it := berIn(v, e); it.more(); {
			k := it.next()
			switch {
			case k.is(berUniversal, berTagBoolean):
				var b uint64
				if k.n > 0 && v.U8(k.v()) != 0 {
					b = 1
				}
				c.AddUintV(n, hfX509CA, v, k.v(), k.n, b)
			case k.is(berUniversal, berTagInteger):
				c.AddUintV(n, hfX509PathLen, v, k.v(), k.n, k.eUint(v))
			}
		}
	case "2.5.29.17": // subjectAltName
		c.PushLayer("x509ce")
		x509GeneralNames(c, v, e, parent)
	case "2.5.29.15": // keyUsage
		c.PushLayer("x509ce")
		if e.n > 1 {
			c.AddUint(parent, hfBERPadding, v, e.v(), 1)
			n := c.AddBytes(parent, hfX509KeyUsage, v, e.v()+1, e.n-1)
			for i, b := range x509KeyUsageBits {
				if 1+i/8 < e.n {
					c.AddUint(n, b, v, e.v()+1+i/8, 1)
				} else { // decipherOnly shows even when the bits end before it
					c.AddUintV(n, b, v, e.end(), 0, 0)
				}
			}
		}
	case "2.5.29.37": // extKeyUsage
		c.PushLayer("x509ce")
		cnt := berCount(v, e)
		n := c.AddUintV(parent, hfX509KPIDs, v, e.o, e.size(), uint64(cnt))
		x509Label(c, n, "KeyPurposeIDs: %s", itemsText(cnt))
		for it := berIn(v, e); it.more(); {
			k := it.next()
			oid := oidString(k.eBytes(v))
			kn := c.AddString(n, hfX509KPID, v, k.v(), k.n, oid)
			x509Label(c, kn, "KeyPurposeId: %s (%s)", oid, x509OIDName(oid))
		}
	}
}

// x509GeneralNames adds a GeneralNames sequence.
func x509GeneralNames(c *Ctx, v Tvb, e berTLV, parent int32) {
	cnt := berCount(v, e)
	n := c.AddUintV(parent, hfX509GenNames, v, e.o, e.size(), uint64(cnt))
	x509Label(c, n, "GeneralNames: %s", itemsText(cnt))
	for it := berIn(v, e); it.more(); {
		k := it.next()
		gn := c.AddUintV(n, hfX509GenName, v, k.o, k.size(), uint64(k.tag))
		switch k.tag {
		case 1:
			c.AddBytes(gn, hfX509RFC822, v, k.v(), k.n)
		case 2:
			c.AddBytes(gn, hfX509DNSName, v, k.v(), k.n)
		case 6:
			c.AddBytes(gn, hfX509URI, v, k.v(), k.n)
		case 7:
			switch k.n {
			case 4:
				c.AddBytes(gn, hfX509IPv4, v, k.v(), 4)
			case 16:
				c.AddBytes(gn, hfX509IPv6, v, k.v(), 16)
			}
		}
	}
}

// x509Subject returns a certificate's subject as Wireshark appends it to the certificate item
// ("id-at-organizationName=...,id-at-commonName=example.com"), or "" if it does not parse.
func x509Subject(der []byte) (s string) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(boundsError); !ok {
				panic(r)
			}
			s = ""
		}
	}()
	t := Tvb{B: der}
	it := berIn(t, readBER(t, 0))
	ti := berIn(t, it.next())
	k := ti.next()
	if k.ctx(0) {
		k = ti.next() // version
	}
	ti.next() // signature
	ti.next() // issuer
	ti.next() // validity
	return x509RDNString(t, ti.next())
}
