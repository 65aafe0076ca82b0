package dissect

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"

	"github.com/tshark-tui/tshark-tui/field"
)

// NTLMSSP (MS-NLMP): the NEGOTIATE, CHALLENGE and AUTHENTICATE messages carried in SPNEGO by SMB,
// HTTP, LDAP and DCE/RPC, as Wireshark 4.0's packet-ntlmssp.c shows them. The first pass remembers
// each connection's server challenge, so that an AUTHENTICATE message's NetNTLM response can be
// written as password-audit tools read it (NTLMChallenge, used by -z credentials).

var (
	protoNTLMSSP = Fields.Protocol("ntlmssp", "NTLM Secure Service Provider")

	hfNTLMIdent     = Fields.Add(protoNTLMSSP, "ntlmssp.identifier", "NTLMSSP identifier", field.String)
	hfNTLMMsgType   = Fields.Add(protoNTLMSSP, "ntlmssp.messagetype", "NTLM Message Type", field.Uint32, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{1: "NTLMSSP_NEGOTIATE", 2: "NTLMSSP_CHALLENGE", 3: "NTLMSSP_AUTH", 4: "NTLMSSP_UNKNOWN"}))
	hfNTLMFlags     = Fields.Add(protoNTLMSSP, "ntlmssp.negotiateflags", "Negotiate Flags", field.Uint32, field.WithBase(field.Hex))
	hfNTLMNegDomain = Fields.Add(protoNTLMSSP, "ntlmssp.negotiate.domain", "Calling workstation domain", field.String)
	hfNTLMNegWS     = Fields.Add(protoNTLMSSP, "ntlmssp.negotiate.callingworkstation", "Calling workstation name", field.String)
	hfNTLMClientCh  = Fields.Add(protoNTLMSSP, "ntlmssp.ntlmclientchallenge", "LMv2 Client Challenge", field.Bytes)
	hfNTLMServerCh  = Fields.Add(protoNTLMSSP, "ntlmssp.ntlmserverchallenge", "NTLM Server Challenge", field.Bytes)
	hfNTLMReserved  = Fields.Add(protoNTLMSSP, "ntlmssp.reserved", "Reserved", field.Bytes)
	hfNTLMTarget    = Fields.Add(protoNTLMSSP, "ntlmssp.challenge.target_name", "Target Name", field.String)
	hfNTLMDomain    = Fields.Add(protoNTLMSSP, "ntlmssp.auth.domain", "Domain name", field.String)
	hfNTLMUser      = Fields.Add(protoNTLMSSP, "ntlmssp.auth.username", "User name", field.String)
	hfNTLMHost      = Fields.Add(protoNTLMSSP, "ntlmssp.auth.hostname", "Host name", field.String)
	hfNTLMLMResp    = Fields.Add(protoNTLMSSP, "ntlmssp.auth.lmresponse", "Lan Manager Response", field.Bytes)
	hfNTLMNTResp    = Fields.Add(protoNTLMSSP, "ntlmssp.auth.ntresponse", "NTLM Response", field.Bytes)
	hfNTLMSessKey   = Fields.Add(protoNTLMSSP, "ntlmssp.auth.sesskey", "Session Key", field.Bytes)
	hfNTLMStrLen    = Fields.Add(protoNTLMSSP, "ntlmssp.string.length", "Length", field.Uint16)
	hfNTLMStrMax    = Fields.Add(protoNTLMSSP, "ntlmssp.string.maxlen", "Maxlen", field.Uint16)
	hfNTLMStrOff    = Fields.Add(protoNTLMSSP, "ntlmssp.string.offset", "Offset", field.Uint32)
	hfNTLMBlobLen   = Fields.Add(protoNTLMSSP, "ntlmssp.blob.length", "Length", field.Uint16)
	hfNTLMBlobMax   = Fields.Add(protoNTLMSSP, "ntlmssp.blob.maxlen", "Maxlen", field.Uint16)
	hfNTLMBlobOff   = Fields.Add(protoNTLMSSP, "ntlmssp.blob.offset", "Offset", field.Uint32)
	hfNTLMVersion   = Fields.Add(protoNTLMSSP, "ntlmssp.version", "Version", field.None)
	hfNTLMVerMajor  = Fields.Add(protoNTLMSSP, "ntlmssp.version.major", "Major Version", field.Uint8)
	hfNTLMVerMinor  = Fields.Add(protoNTLMSSP, "ntlmssp.version.minor", "Minor Version", field.Uint8)
	hfNTLMVerBuild  = Fields.Add(protoNTLMSSP, "ntlmssp.version.build_number", "Build Number", field.Uint16)
	hfNTLMVerRev    = Fields.Add(protoNTLMSSP, "ntlmssp.version.ntlm_current_revision", "NTLM Current Revision", field.Uint8)
	hfNTLMTInfo     = Fields.Add(protoNTLMSSP, "ntlmssp.challenge.target_info", "Target Info", field.None)
	hfNTLMTInfoLen  = Fields.Add(protoNTLMSSP, "ntlmssp.challenge.target_info.length", "Length", field.Uint16)
	hfNTLMTInfoMax  = Fields.Add(protoNTLMSSP, "ntlmssp.challenge.target_info.maxlen", "Maxlen", field.Uint16)
	hfNTLMTInfoOff  = Fields.Add(protoNTLMSSP, "ntlmssp.challenge.target_info.offset", "Offset", field.Uint32)
	hfNTLMMIC       = Fields.Add(protoNTLMSSP, "ntlmssp.authenticate.mic", "MIC", field.Bytes)
	hfNTLMv2Resp    = Fields.Add(protoNTLMSSP, "ntlmssp.ntlmv2_response", "NTLMv2 Response", field.Bytes)
	hfNTLMv2Proof   = Fields.Add(protoNTLMSSP, "ntlmssp.ntlmv2_response.ntproofstr", "NTProofStr", field.Bytes)
	hfNTLMv2RVer    = Fields.Add(protoNTLMSSP, "ntlmssp.ntlmv2_response.rversion", "Response Version", field.Uint8)
	hfNTLMv2HiRVer  = Fields.Add(protoNTLMSSP, "ntlmssp.ntlmv2_response.hirversion", "Hi Response Version", field.Uint8)
	hfNTLMv2Z       = Fields.Add(protoNTLMSSP, "ntlmssp.ntlmv2_response.z", "Z", field.Bytes)
	hfNTLMv2Pad     = Fields.Add(protoNTLMSSP, "ntlmssp.ntlmv2_response.pad", "padding", field.Bytes)
	hfNTLMv2Time    = Fields.Add(protoNTLMSSP, "ntlmssp.ntlmv2_response.time", "Time", field.AbsTime, field.WithBase(field.TimeUTC))
	hfNTLMv2Chal    = Fields.Add(protoNTLMSSP, "ntlmssp.ntlmv2_response.chal", "NTLMv2 Client Challenge", field.Bytes)
	hfNTLMVerf      = Fields.Add(protoNTLMSSP, "ntlmssp.verf", "NTLMSSP Verifier", field.None)
	hfNTLMVerfVers  = Fields.Add(protoNTLMSSP, "ntlmssp.verf.vers", "Version Number", field.Uint32)
	hfNTLMVerfBody  = Fields.Add(protoNTLMSSP, "ntlmssp.verf.body", "Verifier Body", field.Bytes)

	// AV pair fields: those of the challenge's target info, then those of the NTLMv2 response
	ntlmAVFields = [2]ntlmAVSet{ntlmAVRegister("ntlmssp.challenge.target_info", "Target Info Item"),
		ntlmAVRegister("ntlmssp.ntlmv2_response", "NTLMV2 Response Item")}

	ntlmFlagBits = func() []field.ID {
		names := [32][2]string{
			{"negotiateunicode", "Negotiate UNICODE"}, {"negotiateoem", "Negotiate OEM"}, {"requesttarget", "Request Target"},
			{"negotiate00000008", "Request 0x00000008"}, {"negotiatesign", "Negotiate Sign"}, {"negotiateseal", "Negotiate Seal"},
			{"negotiatedatagram", "Negotiate Datagram"}, {"negotiatelmkey", "Negotiate Lan Manager Key"},
			{"negotiate00000100", "Negotiate 0x00000100"}, {"negotiatentlm", "Negotiate NTLM key"},
			{"negotiatentonly", "Negotiate NT Only"}, {"negotiateanonymous", "Negotiate Anonymous"},
			{"negotiateoemdomainsupplied", "Negotiate OEM Domain Supplied"},
			{"negotiateoemworkstationsupplied", "Negotiate OEM Workstation Supplied"},
			{"negotiate00004000", "Negotiate 0x00004000"}, {"negotiatealwayssign", "Negotiate Always Sign"},
			{"targettypedomain", "Target Type Domain"}, {"targettypeserver", "Target Type Server"},
			{"targettypeshare", "Target Type Share"}, {"negotiatentlm2", "Negotiate Extended Security"},
			{"negotiateidentify", "Negotiate Identify"}, {"negotiatent00200000", "Negotiate 0x00200000"},
			{"requestnonntsession", "Request Non-NT Session"}, {"negotiatetargetinfo", "Negotiate Target Info"},
			{"negotiatent01000000", "Negotiate 0x01000000"}, {"negotiateversion", "Negotiate Version"},
			{"negotiatent04000000", "Negotiate 0x04000000"}, {"negotiatent08000000", "Negotiate 0x08000000"},
			{"negotiatent10000000", "Negotiate 0x10000000"}, {"negotiate128", "Negotiate 128"},
			{"negotiatekeyexch", "Negotiate Key Exchange"}, {"negotiate56", "Negotiate 56"},
		}
		ids := make([]field.ID, 32)
		for i := 31; i >= 0; i-- { // registered and drawn from the high bit down, as Wireshark lists them
			ids[i] = Fields.Add(protoNTLMSSP, "ntlmssp."+names[i][0], names[i][1], field.Bool, field.WithBase(32), field.WithMask(1<<uint(i)), field.WithTrueFalse("Set", "Not set"))
		}
		return ids
	}()

	handleNTLMSSP = &Handle{Name: "ntlmssp", Fn: dissectNTLMSSP}
)

// ntlmAVSet is the fields of one list of AV pairs.
type ntlmAVSet struct {
	typ, length, end                       field.ID
	nbComputer, nbDomain, dnsComputer      field.ID
	dnsDomain, dnsTree, flags, timestamp   field.ID
	restrictions, targetName, chanBindings field.ID
	item                                   string
}

var ntlmAVTypes = map[uint64]string{0: "End of list", 1: "NetBIOS computer name", 2: "NetBIOS domain name",
	3: "DNS computer name", 4: "DNS domain name", 5: "DNS tree name", 6: "Flags", 7: "Timestamp",
	8: "Restrictions", 9: "Target Name", 10: "Channel Bindings"}

func ntlmAVRegister(prefix, item string) ntlmAVSet {
	s := func(suffix, name string, t field.Type, opts ...field.Option) field.ID {
		return Fields.Add(protoNTLMSSP, prefix+"."+suffix, name, t, opts...)
	}
	return ntlmAVSet{
		typ:          s("item.type", item+" Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(ntlmAVTypes)),
		length:       s("item.length", item+" Length", field.Uint16),
		end:          s("end", "List End", field.None),
		nbComputer:   s("nb_computer_name", "NetBIOS Computer Name", field.String),
		nbDomain:     s("nb_domain_name", "NetBIOS Domain Name", field.String),
		dnsComputer:  s("dns_computer_name", "DNS Computer Name", field.String),
		dnsDomain:    s("dns_domain_name", "DNS Domain Name", field.String),
		dnsTree:      s("dns_tree_name", "DNS Tree Name", field.String),
		flags:        s("flags", "Flags", field.Uint32, field.WithBase(field.Hex)),
		timestamp:    s("timestamp", "Timestamp", field.AbsTime, field.WithBase(field.TimeUTC)),
		restrictions: s("restrictions", "Restrictions", field.Bytes),
		targetName:   s("target_name", "Target Name", field.String),
		chanBindings: s("channel_bindings", "Channel Bindings", field.Bytes),
		item:         item,
	}
}

func init() { RegisterShortName(protoNTLMSSP, "NTLMSSP") }

// ntlmState remembers, per connection, the last server challenge, and per AUTHENTICATE frame the
// challenge it answers.
type ntlmState struct {
	challenge map[convKey][]byte
	auth      map[uint32][]byte
}

var ntlmSlot = newStateSlot(func() any {
	return &ntlmState{challenge: map[convKey][]byte{}, auth: map[uint32][]byte{}}
})

// NTLMChallenge returns the server challenge that the NTLMSSP AUTHENTICATE message in the frame
// being dissected answers, as the first pass saw it in the same connection (nil when unknown).
func NTLMChallenge(c *Ctx) []byte {
	if c.State == nil {
		return nil
	}
	return c.State.slot(ntlmSlot).(*ntlmState).auth[c.Frame.Number]
}

// ucs2String decodes little-endian UTF-16 (SMB and NTLMSSP strings).
func ucs2String(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

// filetimeNS converts a Windows FILETIME (100 ns since 1601) to ns since the Unix epoch.
func filetimeNS(ft uint64) int64 {
	return (int64(ft) - 116444736000000000) * 100
}

// ntlmMsg is one NTLMSSP message being dissected.
type ntlmMsg struct {
	c       *Ctx
	t       Tvb
	p       int32
	unicode bool
}

// secbuf reads an NTLMSSP security buffer (length, maxlen, offset) at o.
func (m *ntlmMsg) secbuf(o int) (l, max, off int) {
	return int(m.t.U16LE(o)), int(m.t.U16LE(o + 2)), int(m.t.U32LE(o + 4))
}

// str adds the string a security buffer at o points to, with its length, maxlen and offset, and
// returns it. An empty one shows as "NULL".
func (m *ntlmMsg) str(o int, hf field.ID, name string) string {
	c, t := m.c, m.t
	l, _, off := m.secbuf(o)
	var s string
	if l > 0 && t.Has(off, l) {
		b := t.Bytes(off, l)
		if m.unicode {
			s = ucs2String(b)
		} else {
			s = string(b)
		}
	}
	if l == 0 {
		n := c.AddString(m.p, hf, t, o, 8, "NULL")
		c.Label(n, "%s: NULL", name)
		return ""
	}
	n := c.AddString(m.p, hf, t, off, l, s)
	c.AddUintV(n, hfNTLMStrLen, t, o, 2, uint64(l))
	c.AddUintV(n, hfNTLMStrMax, t, o+2, 2, uint64(t.U16LE(o+2)))
	c.AddUintV(n, hfNTLMStrOff, t, o+4, 4, uint64(off))
	return s
}

// blob adds the bytes a security buffer at o points to, with its length, maxlen and offset.
func (m *ntlmMsg) blob(o int, hf field.ID) (int32, Tvb) {
	c, t := m.c, m.t
	l, max, off := m.secbuf(o)
	var n int32
	var b Tvb
	if l > 0 && t.Has(off, l) {
		n = c.AddBytes(m.p, hf, t, off, l)
		b = t.SubLen(off, l)
	} else {
		n = c.AddBytesV(m.p, hf, t, o, 8, []byte{})
	}
	c.AddUintV(n, hfNTLMBlobLen, t, o, 2, uint64(l))
	c.AddUintV(n, hfNTLMBlobMax, t, o+2, 2, uint64(max))
	c.AddUintV(n, hfNTLMBlobOff, t, o+4, 4, uint64(off))
	return n, b
}

// flags adds the negotiate flags at o.
func (m *ntlmMsg) flags(o int) uint32 {
	c, t := m.c, m.t
	f := t.U32LE(o)
	n := c.AddUintV(m.p, hfNTLMFlags, t, o, 4, uint64(f))
	if c.Visible() {
		s := "Negotiate Flags: 0x" + hex8(uint64(f))
		for i := 31; i >= 0; i-- {
			if f&(1<<uint(i)) != 0 {
				s += ", " + Fields.Get(ntlmFlagBits[i]).Name
			}
		}
		c.T.SetLabel(n, field.TruncUTF8(s, 239))
	}
	for i := 31; i >= 0; i-- {
		c.AddUintV(n, ntlmFlagBits[i], t, o, 4, uint64(f>>uint(i)&1))
	}
	m.unicode = f&1 != 0
	return f
}

// version adds the 8-byte version structure at o.
func (m *ntlmMsg) version(o int) {
	c, t := m.c, m.t
	if !t.Has(o, 8) {
		return
	}
	n := c.Add(m.p, hfNTLMVersion, t, o, 8, field.Value{})
	c.Label(n, "Version %d.%d (Build %d); NTLM Current Revision %d", t.U8(o), t.U8(o+1), t.U16LE(o+2), t.U8(o+7))
	c.AddUint(n, hfNTLMVerMajor, t, o, 1)
	c.AddUint(n, hfNTLMVerMinor, t, o+1, 1)
	c.AddUintV(n, hfNTLMVerBuild, t, o+2, 2, uint64(t.U16LE(o+2)))
	c.AddUint(n, hfNTLMVerRev, t, o+7, 1)
}

// avPairs adds a list of AV pairs (target info) in t under p.
func (m *ntlmMsg) avPairs(t Tvb, p int32, set *ntlmAVSet) {
	c := m.c
	for o := 0; t.Has(o, 4); {
		typ, l := uint64(t.U16LE(o)), int(t.U16LE(o+2))
		name, ok := ntlmAVTypes[typ]
		if !ok {
			name = "Unknown"
		}
		a := c.AddText(p, t, o, 4+l, "Attribute: "+name)
		c.AddUintV(a, set.typ, t, o, 2, typ)
		c.AddUintV(a, set.length, t, o+2, 2, uint64(l))
		v := o + 4
		t.Need(v, l)
		str := func(hf field.ID) {
			if l == 0 {
				return
			}
			s := ucs2String(t.Bytes(v, l))
			c.AddString(a, hf, t, v, l, s)
			if c.Visible() {
				c.T.SetLabel(a, "Attribute: "+name+": "+s)
			}
		}
		switch typ {
		case 0:
			return
		case 1:
			str(set.nbComputer)
		case 2:
			str(set.nbDomain)
		case 3:
			str(set.dnsComputer)
		case 4:
			str(set.dnsDomain)
		case 5:
			str(set.dnsTree)
		case 9:
			str(set.targetName)
		case 6:
			if l >= 4 {
				c.AddUintV(a, set.flags, t, v, 4, uint64(t.U32LE(v)))
			}
		case 7:
			if l >= 8 {
				c.Add(a, set.timestamp, t, v, 8, field.Value{I: filetimeNS(t.U64LE(v))})
			}
		case 8:
			c.AddBytes(a, set.restrictions, t, v, l)
		case 10:
			c.AddBytes(a, set.chanBindings, t, v, l)
		}
		o = v + l
	}
}

func dissectNTLMSSP(c *Ctx, t Tvb, parent int32) {
	p := c.AddProto(parent, protoNTLMSSP, t, 0, -1)
	m := &ntlmMsg{c: c, t: t, p: p}
	c.AddBytesV(p, hfNTLMIdent, t, 0, 8, []byte("NTLMSSP"))
	typ := uint64(t.U32LE(8))
	c.AddUintV(p, hfNTLMMsgType, t, 8, 4, typ)
	name, ok := Fields.Get(hfNTLMMsgType).ValueName(typ)
	if !ok {
		name = "Unknown message type"
	}
	c.AppendInfoSep(", ", name)
	switch typ {
	case 1: // NEGOTIATE
		f := m.flags(12)
		m.unicode = false // the NEGOTIATE message's strings are OEM
		m.str(16, hfNTLMNegDomain, "Calling workstation domain")
		m.str(24, hfNTLMNegWS, "Calling workstation name")
		if f&0x02000000 != 0 {
			m.version(32)
		}
	case 2: // CHALLENGE
		f := t.U32LE(20)
		m.unicode = f&1 != 0
		m.str(12, hfNTLMTarget, "Target Name")
		m.flags(20)
		ch := t.Bytes(24, 8)
		c.AddBytes(p, hfNTLMServerCh, t, 24, 8)
		c.AddBytes(p, hfNTLMReserved, t, 32, 8)
		if t.Has(40, 8) && f&0x00800000 != 0 {
			l, max, off := m.secbuf(40)
			ti := c.Add(p, hfNTLMTInfo, t, off, l, field.Value{})
			c.AddUintV(ti, hfNTLMTInfoLen, t, 40, 2, uint64(l))
			c.AddUintV(ti, hfNTLMTInfoMax, t, 42, 2, uint64(max))
			c.AddUintV(ti, hfNTLMTInfoOff, t, 44, 4, uint64(off))
			if l > 0 && t.Has(off, l) {
				m.avPairs(t.SubLen(off, l), ti, &ntlmAVFields[0])
			}
		}
		if f&0x02000000 != 0 {
			m.version(48)
		}
		if c.Pass1 {
			st := c.State.slot(ntlmSlot).(*ntlmState)
			ck, _ := makeConvKey(c.NetSrc, c.NetDst, uint16(c.SrcPort), uint16(c.DstPort))
			st.challenge[ck] = append([]byte(nil), ch...)
		}
	case 3: // AUTHENTICATE
		m.auth()
	}
}

// auth dissects an AUTHENTICATE message.
func (m *ntlmMsg) auth() {
	c, t, p := m.c, m.t, m.p
	f := t.U32LE(60)
	m.unicode = f&1 != 0
	_, lm := m.blob(12, hfNTLMLMResp)
	if lm.Len() == 24 {
		c.AddBytes(p, hfNTLMClientCh, lm, 16, 8)
	}
	ntn, nt := m.blob(20, hfNTLMNTResp)
	if nt.Len() > 24 {
		m.ntlmv2(nt, ntn)
	}
	domain := m.str(28, hfNTLMDomain, "Domain name")
	user := m.str(36, hfNTLMUser, "User name")
	m.str(44, hfNTLMHost, "Host name")
	m.blob(52, hfNTLMSessKey)
	m.flags(60)
	// the payload starts after the fixed part; when it starts late enough there are a version and a MIC
	first := t.Len()
	for _, o := range []int{12, 20, 28, 36, 44, 52} {
		if l, _, off := m.secbuf(o); l > 0 && off < first {
			first = off
		}
	}
	if f&0x02000000 != 0 && first >= 72 {
		m.version(64)
	}
	if first >= 88 {
		c.AddBytes(p, hfNTLMMIC, t, 72, 16)
	}
	if domain == "" {
		domain = "NULL"
	}
	if user == "" {
		user = "NULL"
	}
	c.AppendInfo(", User: " + domain + "\\" + user)
	if c.Pass1 {
		st := c.State.slot(ntlmSlot).(*ntlmState)
		ck, _ := makeConvKey(c.NetDst, c.NetSrc, uint16(c.DstPort), uint16(c.SrcPort))
		if ch := st.challenge[ck]; ch != nil {
			st.auth[c.Frame.Number] = ch
		}
	}
}

// ntlmv2 adds the structure of an NTLMv2 response.
func (m *ntlmMsg) ntlmv2(nt Tvb, parent int32) {
	c := m.c
	r := c.AddBytes(parent, hfNTLMv2Resp, nt, 0, nt.Len())
	c.AddBytes(r, hfNTLMv2Proof, nt, 0, 16)
	c.AddUint(r, hfNTLMv2RVer, nt, 16, 1)
	c.AddUint(r, hfNTLMv2HiRVer, nt, 17, 1)
	c.AddBytes(r, hfNTLMv2Z, nt, 18, 6)
	c.Add(r, hfNTLMv2Time, nt, 24, 8, field.Value{I: filetimeNS(nt.U64LE(24))})
	c.AddBytes(r, hfNTLMv2Chal, nt, 32, 8)
	c.AddBytes(r, hfNTLMv2Z, nt, 40, 4)
	m.avPairs(nt.Sub(44), r, &ntlmAVFields[1])
}

// NetNTLMHash formats an NTLM response as password-audit tools read it: NetNTLMv2 as
// "user::domain:challenge:ntproofstr:blob" (hashcat mode 5600), NetNTLMv1 as
// "user::domain:lmresponse:ntresponse:challenge" (mode 5500).
func NetNTLMHash(user, domain string, challenge, lm, nt []byte) string {
	h := func(b []byte) string { return hexString(b) }
	if len(nt) > 24 {
		return user + "::" + domain + ":" + h(challenge) + ":" + h(nt[:16]) + ":" + h(nt[16:])
	}
	return user + "::" + domain + ":" + h(lm) + ":" + h(nt) + ":" + h(challenge)
}

// isNTLMSSP reports whether b starts an NTLMSSP message.
func isNTLMSSP(b []byte) bool { return strings.HasPrefix(string(b[:min(len(b), 8)]), "NTLMSSP\x00") }
