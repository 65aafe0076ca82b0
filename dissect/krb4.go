package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// Kerberos v4 (Wireshark's packet-kerberos4.c), which tshark finds on the Kerberos 5 UDP port when
// the first byte is at most 0x10 (a Kerberos 5 message starts with an application tag, 0x60 and up),
// and on UDP port 750.

var (
	protoKrb4 = Fields.Protocol("krb4", "Kerberos v4")

	hfKrb4Version   = Fields.Add(protoKrb4, "krb4.version", "Version", field.Uint8, field.WithBlurb("Kerberos(v4) version number"))
	hfKrb4MsgType   = Fields.Add(protoKrb4, "krb4.auth_msg_type", "Msg Type", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("Message Type/Byte Order"))
	hfKrb4MType     = Fields.Add(protoKrb4, "krb4.m_type", "M Type", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xfe), field.WithStrings(krb4MTypeVals), field.WithBlurb("Message Type"))
	hfKrb4ByteOrder = Fields.Add(protoKrb4, "krb4.byte_order", "Byte Order", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x01), field.WithStrings(krb4ByteOrderVals))
	hfKrb4Name      = Fields.Add(protoKrb4, "krb4.name", "Name", field.StringZ)
	hfKrb4Instance  = Fields.Add(protoKrb4, "krb4.instance", "Instance", field.StringZ)
	hfKrb4Realm     = Fields.Add(protoKrb4, "krb4.realm", "Realm", field.StringZ)
	hfKrb4TimeSec   = Fields.Add(protoKrb4, "krb4.time_sec", "Time Sec", field.AbsTime, field.WithBase(field.TimeLocal))
	hfKrb4ExpDate   = Fields.Add(protoKrb4, "krb4.exp_date", "Exp Date", field.AbsTime, field.WithBase(field.TimeLocal))
	hfKrb4ReqDate   = Fields.Add(protoKrb4, "krb4.req_date", "Req Date", field.AbsTime, field.WithBase(field.TimeLocal))
	hfKrb4Lifetime  = Fields.Add(protoKrb4, "krb4.lifetime", "Lifetime", field.Uint8, field.WithBlurb("Lifetime (in 5 min units)"))
	hfKrb4SName     = Fields.Add(protoKrb4, "krb4.s_name", "Service Name", field.StringZ)
	hfKrb4SInstance = Fields.Add(protoKrb4, "krb4.s_instance", "Service Instance", field.StringZ)
	hfKrb4Kvno      = Fields.Add(protoKrb4, "krb4.kvno", "Kvno", field.Uint8, field.WithBlurb("Key Version No"))
	hfKrb4Length    = Fields.Add(protoKrb4, "krb4.length", "Length", field.Uint32, field.WithBlurb("Length of encrypted blob"))
	hfKrb4TktLen    = Fields.Add(protoKrb4, "krb4.ticket.length", "Ticket Length", field.Uint8, field.WithBlurb("Length of ticket"))
	hfKrb4ReqLen    = Fields.Add(protoKrb4, "krb4.request.length", "Request Length", field.Uint8, field.WithBlurb("Length of request"))
	hfKrb4TktBlob   = Fields.Add(protoKrb4, "krb4.ticket.blob", "Ticket Blob", field.Bytes)
	hfKrb4ReqBlob   = Fields.Add(protoKrb4, "krb4.request.blob", "Request Blob", field.Bytes)
	hfKrb4EncBlob   = Fields.Add(protoKrb4, "krb4.encrypted_blob", "Encrypted Blob", field.Bytes)
	hfKrb4Transarc  = Fields.Add(protoKrb4, "krb4.unknown_transarc_blob", "Unknown Transarc Blob", field.Bytes, field.WithBlurb("Unknown blob only present in Transarc packets"))

	handleKrb4 = &Handle{Name: "krb4", Fn: dissectKrb4Port}
)

var krb4MTypeVals = map[uint64]string{1: "KDC Request", 2: "KDC Reply", 3: "Appl Request", 4: "Appl Request Mutual",
	5: "Err Reply", 6: "Private", 7: "Safe", 8: "Appl Err", 0x3f: "Die"}

var krb4ByteOrderVals = map[uint64]string{0: "Big Endian", 1: "Little Endian"}

// krb4Transarc is the version byte of Transarc AFS's variant.
const krb4Transarc = 0x63

func init() {
	RegisterShortName(protoKrb4, "KRB4")
	UDPPort.Add(750, handleKrb4)
}

// dissectKrb4Port is the UDP port 750 dissector: data when the message is not Kerberos v4.
func dissectKrb4Port(c *Ctx, t Tvb, parent int32) {
	if !dissectKrb4(c, t, parent) {
		c.PopLayer("krb4")
		c.CallData(t, parent)
	}
}

// dissectKrb4 dissects a Kerberos v4 message, reporting false (having added nothing) when the
// version or message type is not one of Kerberos v4's.
func dissectKrb4(c *Ctx, t Tvb, parent int32) bool {
	version := t.U8(0)
	if version != 4 && version != krb4Transarc {
		return false
	}
	op := t.U8(1)
	if _, ok := krb4MTypeVals[uint64(op>>1)]; !ok {
		return false
	}
	if c.current != "krb4" {
		c.PushLayer("krb4")
	}
	p := c.AddProto(parent, protoKrb4, t, 0, -1)
	c.SetProtocol("KRB4")
	c.ClearInfo()
	c.AddUint(p, hfKrb4Version, t, 0, 1)
	mt, _ := c.AddUint(p, hfKrb4MsgType, t, 1, 1)
	c.AddUint(mt, hfKrb4MType, t, 1, 1)
	c.AddUint(mt, hfKrb4ByteOrder, t, 1, 1)
	name := krb4MTypeVals[uint64(op>>1)]
	if version == krb4Transarc {
		name = "TRANSARC-" + name
	}
	c.AppendInfo(name)
	if c.Visible() {
		c.Label(mt, "Msg Type: 0x%02x %s (%s)", op, name, krb4ByteOrderVals[uint64(op&1)])
	}
	le := op&1 != 0
	o := 2
	switch op >> 1 {
	case 1: // KDC request
		if version == krb4Transarc {
			c.AddBytes(p, hfKrb4Transarc, t, o, 8)
			o += 8
		}
		o = c.krb4Strings(p, t, o, hfKrb4Name, hfKrb4Instance, hfKrb4Realm)
		c.krb4Time(p, hfKrb4TimeSec, t, o, le)
		o = c.krb4Lifetime(p, t, o+4)
		c.krb4Strings(p, t, o, hfKrb4SName, hfKrb4SInstance)
	case 2: // KDC reply
		o = c.krb4Strings(p, t, o, hfKrb4Name, hfKrb4Instance, hfKrb4Realm)
		c.krb4Time(p, hfKrb4TimeSec, t, o, le)
		o += 5 // and an unknown byte
		c.krb4Time(p, hfKrb4ExpDate, t, o, le)
		c.AddUint(p, hfKrb4Kvno, t, o+4, 1)
		o += 5
		n := krb4U16(t, o, le)
		c.AddUintV(p, hfKrb4Length, t, o, 2, uint64(n))
		c.AddBytes(p, hfKrb4EncBlob, t, o+2, int(n))
	case 3: // application request
		c.AddUint(p, hfKrb4Kvno, t, o, 1)
		o = c.krb4Strings(p, t, o+1, hfKrb4Realm)
		_, tl := c.AddUint(p, hfKrb4TktLen, t, o, 1)
		_, rl := c.AddUint(p, hfKrb4ReqLen, t, o+1, 1)
		o += 2
		c.AddBytes(p, hfKrb4TktBlob, t, o, int(tl))
		o += int(tl)
		c.AddBytes(p, hfKrb4ReqBlob, t, o, int(rl))
		o += int(rl)
		c.krb4Time(p, hfKrb4ReqDate, t, o, le)
		o = c.krb4Lifetime(p, t, o+4)
		c.krb4Strings(p, t, o, hfKrb4SName, hfKrb4SInstance)
	}
	return true
}

// krb4Strings adds NUL-terminated strings in turn from o and returns the offset after them; a string
// running to the end of the data is an error, as in Wireshark.
func (c *Ctx) krb4Strings(p int32, t Tvb, o int, hfs ...field.ID) int {
	for _, hf := range hfs {
		n, size := stringzLen(t, o)
		if size == n { // no terminator
			t.Need(o, n+1)
		}
		c.AddBytesV(p, hf, t, o, size, asciiString(t.Bytes(o, n)))
		o += size
	}
	return o
}

func krb4U16(t Tvb, o int, le bool) uint16 {
	if le {
		return t.U16LE(o)
	}
	return t.U16(o)
}

func (c *Ctx) krb4Time(p int32, hf field.ID, t Tvb, o int, le bool) {
	s := t.U32(o)
	if le {
		s = t.U32LE(o)
	}
	c.Add(p, hf, t, o, 4, field.Value{I: int64(s) * 1e9})
}

func (c *Ctx) krb4Lifetime(p int32, t Tvb, o int) int {
	n, v := c.AddUint(p, hfKrb4Lifetime, t, o, 1)
	c.Label(n, "Lifetime: %d (%d minutes)", v, v*5)
	return o + 1
}
