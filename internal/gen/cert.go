package gen

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"time"
)

var (
	oidSHA256WithRSA = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
	oidRSA           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidSAN           = asn1.ObjectIdentifier{2, 5, 29, 17}
	oidBasicCons     = asn1.ObjectIdentifier{2, 5, 29, 19}
	oidCN            = asn1.ObjectIdentifier{2, 5, 4, 3}
	oidO             = asn1.ObjectIdentifier{2, 5, 4, 10}
	oidC             = asn1.ObjectIdentifier{2, 5, 4, 6}
)

type certValidity struct {
	NotBefore, NotAfter time.Time
}

type certSPKI struct {
	Algorithm pkix.AlgorithmIdentifier
	PublicKey asn1.BitString
}

type rsaPublicKey struct {
	N *big.Int
	E int
}

type tbsCertificate struct {
	Version    int `asn1:"optional,explicit,default:0,tag:0"`
	Serial     *big.Int
	SigAlg     pkix.AlgorithmIdentifier
	Issuer     pkix.RDNSequence
	Validity   certValidity
	Subject    pkix.RDNSequence
	PublicKey  certSPKI
	Extensions []pkix.Extension `asn1:"optional,explicit,tag:3"`
}

type certificate struct {
	TBS    tbsCertificate
	SigAlg pkix.AlgorithmIdentifier
	Sig    asn1.BitString
}

type basicConstraints struct {
	IsCA bool `asn1:"optional"`
}

func rdn(cn, org string) pkix.RDNSequence {
	return pkix.RDNSequence{
		{{Type: oidC, Value: "US"}},
		{{Type: oidO, Value: org}},
		{{Type: oidCN, Value: cn}},
	}
}

// makeCert returns a well-formed DER X.509 v3 certificate with an RSA-2048
// public key and a random (unverifiable) signature. Nothing here is a real
// key: the modulus is random bytes.
func (g *generator) makeCert(subject, issuer string, dnsNames []string, ca bool) []byte {
	r := g.r
	mod := make([]byte, 256)
	copy(mod, g.slice(g.noise, 256))
	mod[0] |= 0x80
	mod[255] |= 1
	pub, err := asn1.Marshal(rsaPublicKey{N: new(big.Int).SetBytes(mod), E: 65537})
	if err != nil {
		panic(err) // static shapes: cannot fail
	}
	alg := pkix.AlgorithmIdentifier{Algorithm: oidSHA256WithRSA, Parameters: asn1.NullRawValue}
	nb := g.opt.Start.Add(-time.Duration(24*(10+r.IntN(300))) * time.Hour).UTC().Truncate(time.Second)
	var exts []pkix.Extension
	if len(dnsNames) > 0 {
		var names []asn1.RawValue
		for _, n := range dnsNames {
			names = append(names, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 2, Bytes: []byte(n)})
		}
		san, err := asn1.Marshal(names)
		if err != nil {
			panic(err)
		}
		exts = append(exts, pkix.Extension{Id: oidSAN, Value: san})
	}
	bc, err := asn1.Marshal(basicConstraints{IsCA: ca})
	if err != nil {
		panic(err)
	}
	exts = append(exts, pkix.Extension{Id: oidBasicCons, Critical: true, Value: bc})
	cert := certificate{
		TBS: tbsCertificate{
			Version:  2,
			Serial:   new(big.Int).SetUint64(r.Uint64() >> 1),
			SigAlg:   alg,
			Issuer:   rdn(issuer, "Example Trust Services"),
			Validity: certValidity{NotBefore: nb, NotAfter: nb.Add(398 * 24 * time.Hour)},
			Subject:  rdn(subject, "Example Org"),
			PublicKey: certSPKI{
				Algorithm: pkix.AlgorithmIdentifier{Algorithm: oidRSA, Parameters: asn1.NullRawValue},
				PublicKey: asn1.BitString{Bytes: pub, BitLength: 8 * len(pub)},
			},
			Extensions: exts,
		},
		SigAlg: alg,
		Sig:    asn1.BitString{Bytes: append([]byte(nil), g.slice(g.noise, 256)...), BitLength: 2048},
	}
	der, err := asn1.Marshal(cert)
	if err != nil {
		panic(err)
	}
	return der
}

// certificateBody returns the body of a TLS Certificate handshake message
// (certificate_list with a leaf and an intermediate) for a server name.
func (g *generator) certificateBody(name string) []byte {
	if b, ok := g.certs[name]; ok {
		return b
	}
	leaf := g.makeCert(name, "Example Issuing CA R3", []string{name, "*." + name}, false)
	inter := g.makeCert("Example Issuing CA R3", "Example Root CA", nil, true)
	var b []byte
	total := 3 + len(leaf) + 3 + len(inter)
	b = append(b, byte(total>>16), byte(total>>8), byte(total))
	for _, c := range [][]byte{leaf, inter} {
		b = append(b, byte(len(c)>>16), byte(len(c)>>8), byte(len(c)))
		b = append(b, c...)
	}
	g.certs[name] = b
	return b
}
