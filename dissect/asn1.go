package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// A table-driven dissector of BER-encoded ASN.1 types, the small cousin of the code Wireshark's
// asn2wrs generates from ASN.1 modules: each protocol (Kerberos, LDAP, SPNEGO, X.509) describes its
// types as asnType values and the walker adds one tree item per element with the field the member
// names, so that the same type (a PrincipalName) shows as "cname" or "sname" depending on where it
// is. Callbacks handle what the module leaves open (an OCTET STRING whose contents depend on a type
// number), Info columns and labels.

// asnKind is how a type is encoded.
type asnKind uint8

const (
	asnSeq    asnKind = iota // SEQUENCE or SET: members matched by tag, unknown ones skipped
	asnSeqOf                 // SEQUENCE OF or SET OF: a count item ("2 items") over the elements
	asnChoice                // one alternative, matched by tag; its item (if any) holds the tag
	asnInt                   // INTEGER or ENUMERATED
	asnStr                   // a character string
	asnOctets                // OCTET STRING
	asnTime                  // GeneralizedTime
	asnBits                  // BIT STRING with named bits: a padding item, the bytes, one boolean per bit
	asnBool                  // BOOLEAN
	asnNull                  // NULL
	asnOID                   // OBJECT IDENTIFIER, as dotted text
	asnFunc                  // dissected by the type's fn
)

// asnMember is a member of a SEQUENCE or CHOICE (or the element of a SEQUENCE OF): the tag it is
// found by, whether that tag is EXPLICIT (the member's own encoding is inside it), the field its item
// is added as, and its type.
type asnMember struct {
	cls, tag int
	explicit bool
	hf       field.ID
	typ      *asnType
}

// asnType is one ASN.1 type.
type asnType struct {
	kind asnKind
	// wrapped: the element is an explicit tag around the type's own encoding ([APPLICATION 1] Ticket).
	wrapped bool
	mem     []asnMember
	of      *asnMember
	bits    []field.ID
	// fn dissects an asnFunc type and returns its item.
	fn func(d *asnDec, t Tvb, e berTLV, hf field.ID, parent int32) int32
	// done runs after the type's item and children are added (Info columns, labels).
	done func(d *asnDec, t Tvb, e berTLV, n int32)
}

// asnDec is one walk over a message: the context and the protocol's own state for callbacks.
type asnDec struct {
	c   *Ctx
	app any
}

var (
	protoBER     = Fields.Protocol("ber", "Basic Encoding Rules (ASN.1 X.690)")
	hfBERPadding = Fields.Add(protoBER, "ber.bitstring.padding", "Padding", field.Uint8, field.WithBlurb("Number of unused bits in the last octet of the bitstring"))
)

// find returns the member matching element e, or nil.
func (ty *asnType) find(e berTLV) *asnMember {
	for i := range ty.mem {
		if m := &ty.mem[i]; m.cls == e.cls && m.tag == e.tag {
			return m
		}
	}
	return nil
}

// member dissects element e as member m under parent.
func (d *asnDec) member(t Tvb, e berTLV, m *asnMember, parent int32) int32 {
	if m.explicit {
		if e.n == 0 {
			return parent
		}
		in := readBER(t, e.v())
		if in.end() > e.end() {
			t.Need(t.Len()+1, 0)
		}
		e = in
	}
	return d.dissect(t, e, m.hf, m.typ, parent)
}

// dissect adds element e of type ty as field hf under parent and returns its item.
func (d *asnDec) dissect(t Tvb, e berTLV, hf field.ID, ty *asnType, parent int32) int32 {
	c := d.c
	outer := e
	if ty.wrapped {
		e = readBER(t, e.v())
		if e.end() > outer.end() {
			t.Need(t.Len()+1, 0)
		}
	}
	n := parent
	switch ty.kind {
	case asnSeq:
		if hf != 0 {
			n = c.Add(parent, hf, t, outer.o, outer.size(), field.Value{})
		}
		for it := berIn(t, e); it.more(); {
			k := it.next()
			if m := ty.find(k); m != nil {
				d.member(t, k, m, n)
			}
		}
	case asnSeqOf:
		cnt := berCount(t, e)
		n = c.AddUintV(parent, hf, t, outer.o, outer.size(), uint64(cnt))
		if c.Visible() && hf != 0 {
			c.T.SetLabel(n, Fields.Get(hf).Name+": "+itemsText(cnt))
		}
		for it := berIn(t, e); it.more(); {
			d.dissect(t, it.next(), ty.of.hf, ty.of.typ, n)
		}
	case asnChoice:
		m := ty.find(e)
		if m == nil {
			return parent
		}
		if hf != 0 {
			n = c.AddUintV(parent, hf, t, e.o, e.size(), uint64(e.tag))
		}
		n = d.member(t, e, m, n)
	case asnInt:
		if Fields.Get(hf).Type.IsSigned() {
			n = c.AddIntV(parent, hf, t, e.v(), e.n, e.eInt(t))
		} else {
			n = c.AddUintV(parent, hf, t, e.v(), e.n, e.eUint(t))
		}
	case asnStr:
		n = c.AddBytes(parent, hf, t, e.v(), e.n)
	case asnOctets:
		if e.n == 0 {
			n = c.Add(parent, hf, t, e.v(), 0, field.Value{})
		} else {
			n = c.AddBytes(parent, hf, t, e.v(), e.n)
		}
	case asnTime:
		ns, _ := berTime(e.eBytes(t), false)
		n = c.Add(parent, hf, t, e.v(), e.n, field.Value{I: ns})
	case asnBits:
		if e.n == 0 {
			return parent
		}
		c.AddUint(parent, hfBERPadding, t, e.v(), 1)
		n = c.AddBytes(parent, hf, t, e.v()+1, e.n-1)
		for i, b := range ty.bits {
			if 1+i/8 < e.n {
				c.AddUint(n, b, t, e.v()+1+i/8, 1)
			}
		}
	case asnBool:
		var v uint64
		if e.n > 0 && t.U8(e.v()) != 0 {
			v = 1
		}
		n = c.AddUintV(parent, hf, t, e.v(), e.n, v)
	case asnNull:
		n = c.Add(parent, hf, t, e.o, e.size(), field.Value{})
	case asnOID:
		n = c.AddString(parent, hf, t, e.v(), e.n, oidString(e.eBytes(t)))
	case asnFunc:
		n = ty.fn(d, t, outer, hf, parent)
	}
	if ty.done != nil {
		ty.done(d, t, e, n)
	}
	return n
}

// itemsText is Wireshark's count label of a SEQUENCE OF: "1 item", "2 items".
func itemsText(n int) string {
	if n == 1 {
		return "1 item"
	}
	return strconv.Itoa(n) + " items"
}

// Constructors that keep type tables short.

func asnX(tag int, hf field.ID, ty *asnType) asnMember {
	return asnMember{cls: berContext, tag: tag, explicit: true, hf: hf, typ: ty}
}

func asnI(cls, tag int, hf field.ID, ty *asnType) asnMember {
	return asnMember{cls: cls, tag: tag, hf: hf, typ: ty}
}

func asnSeqT(mem ...asnMember) *asnType { return &asnType{kind: asnSeq, mem: mem} }

func asnSeqOfT(hf field.ID, ty *asnType) *asnType {
	return &asnType{kind: asnSeqOf, of: &asnMember{hf: hf, typ: ty}}
}

var (
	asnIntT    = &asnType{kind: asnInt}
	asnStrT    = &asnType{kind: asnStr}
	asnOctetsT = &asnType{kind: asnOctets}
	asnTimeT   = &asnType{kind: asnTime}
	asnBoolT   = &asnType{kind: asnBool}
	asnNullT   = &asnType{kind: asnNull}
	asnOIDT    = &asnType{kind: asnOID}
)
