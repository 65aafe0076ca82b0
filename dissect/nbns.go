package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// NetBIOS Name Service, UDP 137 (Wireshark's packet-nbns.c): DNS-like messages whose names are
// NetBIOS names in RFC 1001 "first level" encoding.

var (
	protoNBNS         = Fields.Protocol("nbns", "NetBIOS Name Service")
	hfNBNSID          = Fields.Add(protoNBNS, "nbns.id", "Transaction ID", field.Uint16, field.WithBase(field.Hex))
	hfNBNSFlags       = Fields.Add(protoNBNS, "nbns.flags", "Flags", field.Uint16, field.WithBase(field.Hex))
	hfNBNSFResponse   = Fields.Add(protoNBNS, "nbns.flags.response", "Response", field.Bool, field.WithBase(16), field.WithMask(0x8000), field.WithTrueFalse("Message is a response", "Message is a query"))
	hfNBNSFOpcode     = Fields.Add(protoNBNS, "nbns.flags.opcode", "Opcode", field.Uint16, field.WithMask(0x7800), field.WithStrings(nbnsOpcodeVals))
	hfNBNSFAuth       = Fields.Add(protoNBNS, "nbns.flags.authoritative", "Authoritative", field.Bool, field.WithBase(16), field.WithMask(0x400), field.WithTrueFalse("Server is an authority for domain", "Server is not an authority for domain"))
	hfNBNSFTrunc      = Fields.Add(protoNBNS, "nbns.flags.truncated", "Truncated", field.Bool, field.WithBase(16), field.WithMask(0x200), field.WithTrueFalse("Message is truncated", "Message is not truncated"))
	hfNBNSFRecDesired = Fields.Add(protoNBNS, "nbns.flags.recdesired", "Recursion desired", field.Bool, field.WithBase(16), field.WithMask(0x100), field.WithTrueFalse("Do query recursively", "Don't do query recursively"))
	hfNBNSFRecAvail   = Fields.Add(protoNBNS, "nbns.flags.recavail", "Recursion available", field.Bool, field.WithBase(16), field.WithMask(0x80), field.WithTrueFalse("Server can do recursive queries", "Server can't do recursive queries"))
	hfNBNSFBroadcast  = Fields.Add(protoNBNS, "nbns.flags.broadcast", "Broadcast", field.Bool, field.WithBase(16), field.WithMask(0x10), field.WithTrueFalse("Broadcast packet", "Not a broadcast packet"))
	hfNBNSFRcode      = Fields.Add(protoNBNS, "nbns.flags.rcode", "Reply code", field.Uint16, field.WithMask(0xf), field.WithStrings(nbnsRcodeVals))
	hfNBNSQueries     = Fields.Add(protoNBNS, "nbns.count.queries", "Questions", field.Uint16)
	hfNBNSAnswers     = Fields.Add(protoNBNS, "nbns.count.answers", "Answer RRs", field.Uint16)
	hfNBNSAuthRR      = Fields.Add(protoNBNS, "nbns.count.auth_rr", "Authority RRs", field.Uint16)
	hfNBNSAddRR       = Fields.Add(protoNBNS, "nbns.count.add_rr", "Additional RRs", field.Uint16)
	hfNBNSName        = Fields.Add(protoNBNS, "nbns.name", "Name", field.String)
	hfNBNSType        = Fields.Add(protoNBNS, "nbns.type", "Type", field.Uint16, field.WithStrings(map[uint64]string{32: "NB", 33: "NBSTAT"}))
	hfNBNSClass       = Fields.Add(protoNBNS, "nbns.class", "Class", field.Uint16, field.WithStrings(map[uint64]string{1: "IN", 2: "CS", 3: "CH", 4: "HS", 254: "NONE", 255: "ANY"}))
	hfNBNSTTL         = Fields.Add(protoNBNS, "nbns.ttl", "Time to live", field.Uint32)
	hfNBNSDataLen     = Fields.Add(protoNBNS, "nbns.data_length", "Data length", field.Uint16)
	hfNBNSNBFlags     = Fields.Add(protoNBNS, "nbns.nb_flags", "Name flags", field.Uint16, field.WithBase(field.Hex))
	hfNBNSNBGroup     = Fields.Add(protoNBNS, "nbns.nb_flags.group", "Name type", field.Bool, field.WithBase(16), field.WithMask(0x8000), field.WithTrueFalse("Group name", "Unique name"))
	hfNBNSNBONT       = Fields.Add(protoNBNS, "nbns.nb_flags.ont", "ONT", field.Uint16, field.WithMask(0x6000), field.WithStrings(nbnsONTVals))
	hfNBNSAddr        = Fields.Add(protoNBNS, "nbns.addr", "Addr", field.IPv4)
	hfNBNSNumNames    = Fields.Add(protoNBNS, "nbns.number_of_names", "Number of names", field.Uint8)
	hfNBNSData        = Fields.Add(protoNBNS, "nbns.data", "Data", field.Bytes)
	handleNBNS        = &Handle{Name: "nbns", Fn: dissectNBNS}
)

var nbnsOpcodeVals = map[uint64]string{0: "Name query", 5: "Registration", 6: "Release", 7: "Wait for acknowledgment",
	8: "Refresh", 9: "Refresh (alternate opcode)", 15: "Multi-homed registration"}

var nbnsRcodeVals = map[uint64]string{0: "No error", 1: "Request was invalidly formatted", 2: "Server failure",
	3: "Requested name does not exist", 4: "Request is not implemented", 5: "Request was refused",
	6: "Name is owned by another node", 7: "Name is in conflict"}

// nbnsONTVals is keyed by the unshifted bits, as Wireshark's table is (so its tree shows "Unknown").
var nbnsONTVals = map[uint64]string{0: "B-node", 0x2000: "P-node", 0x4000: "M-node", 0x6000: "H-node"}

// netbiosNameTypes names the 16th byte of a NetBIOS name.
var netbiosNameTypes = map[uint64]string{0x00: "Workstation/Redirector", 0x01: "Browser", 0x02: "Workstation/Redirector",
	0x03: "Messenger service/Main name", 0x05: "Forwarded name", 0x06: "RAS Server service", 0x1b: "Domain Master Browser",
	0x1c: "Domain Controllers", 0x1d: "Local Master Browser", 0x1e: "Browser Election Service", 0x1f: "Net DDE Service",
	0x20: "Server service", 0x21: "RAS client service", 0x22: "Exchange Interchange (MSMail Connector)",
	0x23: "Exchange Store", 0x24: "Exchange Directory", 0x2b: "Lotus Notes Server service",
	0x30: "Modem sharing server service", 0x31: "Modem sharing client service", 0x43: "SMS Clients Remote Control",
	0x44: "SMS Administrators Remote Control Tool", 0x45: "SMS Clients Remote Chat", 0x46: "SMS Clients Remote Transfer",
	0x4c: "DEC Pathworks TCP/IP Service on Windows NT", 0x52: "DEC Pathworks TCP/IP Service on Windows NT",
	0x6a: "Microsoft Exchange IMC", 0x87: "Microsoft Exchange MTA", 0xbe: "Network Monitor Agent",
	0xbf: "Network Monitor Analyzer"}

func init() {
	RegisterShortName(protoNBNS, "NBNS")
	UDPPort.Add(137, handleNBNS)
}

// netbiosNameType returns the description of a name's type byte.
func netbiosNameType(b uint8) string {
	if s, ok := netbiosNameTypes[uint64(b)]; ok {
		return s
	}
	return "Unknown"
}

// netbiosDecode turns the 16 bytes of a decoded NetBIOS name into Wireshark's text ("NAME<20>",
// with unprintable bytes as <xx>) and returns the type byte.
func netbiosDecode(raw []byte) (string, uint8) {
	typ := raw[15]
	n := raw[:15]
	for len(n) > 0 && n[len(n)-1] == ' ' {
		n = n[:len(n)-1]
	}
	var b []byte
	for _, x := range n {
		if x >= 0x20 && x < 0x7f {
			b = append(b, x)
		} else {
			b = append(b, '<', hexDigit(x>>4), hexDigit(x&15), '>')
		}
	}
	b = append(b, '<', hexDigit(typ>>4), hexDigit(typ&15), '>')
	return string(b), typ
}

func hexDigit(x byte) byte { return "0123456789abcdef"[x&15] }

// nbnsName reads the (possibly compressed) name at o and returns its text, its type byte, the
// bytes it takes at o, and whether it starts with a compression pointer.
func nbnsName(t Tvb, o int) (string, uint8, int, bool) {
	var labels [][]byte
	p, n, jumped, ptr := o, 0, false, false
	for hops := 0; ; hops++ {
		l := int(t.U8(p))
		if l&0xc0 == 0xc0 {
			if p == o {
				ptr = true
			}
			off := int(t.U16(p)) & 0x3fff
			if !jumped {
				n = p + 2 - o
			}
			jumped = true
			if hops > 64 || off >= t.Len() {
				break
			}
			p = off
			continue
		}
		if l == 0 {
			if !jumped {
				n = p + 1 - o
			}
			break
		}
		labels = append(labels, t.Bytes(p+1, l))
		p += 1 + l
	}
	if len(labels) == 0 || len(labels[0]) != 32 {
		return "<Illegal NetBIOS name>", 0, n, ptr
	}
	var raw [16]byte
	for i := 0; i < 16; i++ {
		hi, lo := labels[0][2*i]-'A', labels[0][2*i+1]-'A'
		if hi > 15 || lo > 15 {
			return "<Illegal NetBIOS name>", 0, n, ptr
		}
		raw[i] = hi<<4 | lo
	}
	s, typ := netbiosDecode(raw[:])
	for _, l := range labels[1:] {
		s += "." + string(l)
	}
	return s, typ, n, ptr
}

func dissectNBNS(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("NBNS")
	c.ClearInfo()
	p := c.AddProto(parent, protoNBNS, t, 0, -1)
	c.AddUint(p, hfNBNSID, t, 0, 2)
	flags := uint64(t.U16(2))
	resp := flags&0x8000 != 0
	opcode := (flags >> 11) & 0xf
	fn := c.AddUintV(p, hfNBNSFlags, t, 2, 2, flags)
	c.AddUint(fn, hfNBNSFResponse, t, 2, 2)
	c.AddUint(fn, hfNBNSFOpcode, t, 2, 2)
	if resp {
		c.AddUint(fn, hfNBNSFAuth, t, 2, 2)
	}
	c.AddUint(fn, hfNBNSFTrunc, t, 2, 2)
	c.AddUint(fn, hfNBNSFRecDesired, t, 2, 2)
	if resp {
		c.AddUint(fn, hfNBNSFRecAvail, t, 2, 2)
	}
	c.AddUint(fn, hfNBNSFBroadcast, t, 2, 2)
	if resp {
		c.AddUint(fn, hfNBNSFRcode, t, 2, 2)
	}
	opName, ok := nbnsOpcodeVals[opcode]
	if !ok {
		opName = "Unknown operation (" + strconv.FormatUint(opcode, 10) + ")"
	}
	if c.Visible() {
		s := "Flags: 0x" + hex4(flags)
		if resp {
			s += ", Response"
		}
		s += ", Opcode: " + opName
		if resp && flags&0x400 != 0 {
			s += ", Authoritative"
		}
		if flags&0x200 != 0 {
			s += ", Truncated"
		}
		if flags&0x100 != 0 {
			s += ", Recursion desired"
		}
		if resp && flags&0x80 != 0 {
			s += ", Recursion available"
		}
		if flags&0x10 != 0 {
			s += ", Broadcast"
		}
		if resp {
			if r, ok := nbnsRcodeVals[flags&0xf]; ok {
				s += ", " + r
			} else {
				s += ", Unknown error"
			}
		}
		c.T.SetLabel(fn, s)
	}
	info := opName
	if resp {
		info += " response"
	}
	c.SetInfo(info)
	var counts [4]int
	for i, hf := range [...]field.ID{hfNBNSQueries, hfNBNSAnswers, hfNBNSAuthRR, hfNBNSAddRR} {
		_, v := c.AddUint(p, hf, t, 4+2*i, 2)
		counts[i] = int(v)
	}
	o := 12
	if counts[0] > 0 {
		start := o
		sec := c.AddText(p, t, o, 0, "Queries")
		for i := 0; i < counts[0]; i++ {
			o += nbnsQuestion(c, t, sec, o)
		}
		c.setItemLen(sec, p, o-start)
	}
	for i, title := range [...]string{"Answers", "Authoritative nameservers", "Additional records"} {
		if counts[i+1] == 0 {
			continue
		}
		start := o
		sec := c.AddText(p, t, o, 0, title)
		for j := 0; j < counts[i+1]; j++ {
			o += nbnsRR(c, t, sec, o, i == 0 && resp)
		}
		c.setItemLen(sec, p, o-start)
	}
}

// nbnsAddName adds the name at o; Wireshark shows a compressed name's item on its pointer's second
// byte with the type description in its value.
func nbnsAddName(c *Ctx, t Tvb, parent int32, o int, name string, typ uint8, n int, ptr bool) {
	desc := " (" + netbiosNameType(typ) + ")"
	if name == "<Illegal NetBIOS name>" {
		desc = ""
	}
	var nn int32
	if ptr {
		nn = c.AddString(parent, hfNBNSName, t, o+1, 1, name+desc)
	} else {
		nn = c.AddString(parent, hfNBNSName, t, o, n, name)
	}
	if c.Visible() {
		c.T.SetLabel(nn, "Name: "+name+desc)
	}
}

func nbnsTypeName(ty uint64) string {
	switch ty {
	case 32:
		return "NB"
	case 33:
		return "NBSTAT"
	}
	return "Unknown (" + strconv.FormatUint(ty, 10) + ")"
}

func nbnsClassName(cl uint64) string {
	if s, ok := Fields.Get(hfNBNSClass).ValueName(cl); ok {
		return s
	}
	return "Unknown (" + strconv.FormatUint(cl, 10) + ")"
}

// nbnsQuestion adds a question at o and returns its length.
func nbnsQuestion(c *Ctx, t Tvb, sec int32, o int) int {
	name, typ, n, ptr := nbnsName(t, o)
	ty, cl := uint64(t.U16(o+n)), uint64(t.U16(o+n+2))
	label := ""
	if c.Visible() {
		label = name + ": type " + nbnsTypeName(ty) + ", class " + nbnsClassName(cl)
	}
	q := c.AddText(sec, t, o, n+4, label)
	nbnsAddName(c, t, q, o, name, typ, n, ptr)
	c.AddUintV(q, hfNBNSType, t, o+n, 2, ty)
	c.AddUintV(q, hfNBNSClass, t, o+n+2, 2, cl)
	c.AppendInfo(" " + nbnsTypeName(ty) + " " + name)
	return n + 4
}

// nbnsRR adds a resource record at o and returns its length; info says whether its data goes to
// the Info column (answers of responses).
func nbnsRR(c *Ctx, t Tvb, sec int32, o int, info bool) int {
	name, typ, n, ptr := nbnsName(t, o)
	ty, cl := uint64(t.U16(o+n)), uint64(t.U16(o+n+2))
	dl := int(t.U16(o + n + 8))
	total := n + 10 + dl
	if !t.Has(o, total) {
		total = t.Len() - o
	}
	label := ""
	if c.Visible() {
		label = name + ": type " + nbnsTypeName(ty) + ", class " + nbnsClassName(cl)
	}
	r := c.AddText(sec, t, o, total, label)
	nbnsAddName(c, t, r, o, name, typ, n, ptr)
	c.AddUintV(r, hfNBNSType, t, o+n, 2, ty)
	c.AddUintV(r, hfNBNSClass, t, o+n+2, 2, cl)
	ttl := t.U32(o + n + 4)
	tn := c.AddUintV(r, hfNBNSTTL, t, o+n+4, 4, uint64(ttl))
	if c.Visible() {
		c.T.SetLabel(tn, "Time to live: "+dnsTimeSecs(ttl))
	}
	c.AddUintV(r, hfNBNSDataLen, t, o+n+8, 2, uint64(dl))
	d := o + n + 10
	if info {
		c.AppendInfo(" " + nbnsTypeName(ty))
	}
	switch ty {
	case 32:
		for q := d; q+6 <= d+dl && q+6 <= t.Len(); q += 6 {
			flags := uint64(t.U16(q))
			fn := c.AddUintV(r, hfNBNSNBFlags, t, q, 2, flags)
			c.AddUint(fn, hfNBNSNBGroup, t, q, 2)
			c.AddUint(fn, hfNBNSNBONT, t, q, 2)
			if c.Visible() {
				s := "Name flags: 0x" + hex4(flags)
				if flags&0x8000 != 0 {
					s += ", Name type"
				}
				ont := nbnsONTVals[flags&0x6000]
				kind := "unique"
				if flags&0x8000 != 0 {
					kind = "group"
				}
				if _, ok := nbnsONTVals[(flags&0x6000)>>13]; ok {
					s += ", ONT: " + nbnsONTVals[(flags&0x6000)>>13]
				} else {
					s += ", ONT: Unknown"
				}
				s += " (" + ont + ", " + kind + ")"
				c.T.SetLabel(fn, s)
			}
			c.AddBytes(r, hfNBNSAddr, t, q+2, 4)
			if info {
				c.AppendInfo(" " + ipv4String(t.Bytes(q+2, 4)))
			}
		}
	default:
		if dl > 0 && t.Has(d, dl) {
			c.AddBytes(r, hfNBNSData, t, d, dl)
		}
	}
	return total
}
