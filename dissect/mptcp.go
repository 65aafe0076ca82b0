package dissect

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"

	"github.com/tshark-tui/tshark-tui/field"
)

// Multipath TCP options (TCP option kind 30, RFC 6824 and RFC 8684; Wireshark's MPTCP code in
// packet-tcp.c): capability with the keys and the token and initial data sequence number they
// derive, joins, data sequence signals, address advertisement and removal, priority changes,
// fallback, fast close and reset. A segment carrying one lists "mptcp" in frame.protocols and shows
// MPTCP in the Protocol column, as tshark does.

var (
	protoMPTCP                   = Fields.Protocol("mptcp", "Multipath Transmission Control Protocol")
	hfMPTCPOptSubtype            = Fields.Add(protoTCP, "tcp.options.mptcp.subtype", "Multipath TCP subtype", field.Uint8, field.WithMask(0xf0), field.WithStrings(map[uint64]string{0: "Multipath Capable", 1: "Join Connection", 2: "Data Sequence Signal", 3: "Add Address", 4: "Remove Address", 5: "Change Subflow Priority", 6: "TCP Fallback", 7: "Fast Close", 8: "TCP Reset"}))
	hfMPTCPOptVersion            = Fields.Add(protoTCP, "tcp.options.mptcp.version", "Multipath TCP version", field.Uint8, field.WithMask(0xf))
	hfMPTCPOptReserved           = Fields.Add(protoTCP, "tcp.options.mptcp.reserved", "Reserved", field.Uint16, field.WithBase(field.Hex), field.WithMask(0xfff))
	hfMPTCPOptFlags              = Fields.Add(protoTCP, "tcp.options.mptcp.flags", "Multipath TCP flags", field.Uint8, field.WithBase(field.Hex))
	hfMPTCPOptBackupFlag         = Fields.Add(protoTCP, "tcp.options.mptcp.backup.flag", "Backup flag", field.Uint8, field.WithMask(0x1))
	hfMPTCPOptChecksumreqFlags   = Fields.Add(protoTCP, "tcp.options.mptcp.checksumreq.flags", "Checksum required", field.Uint8, field.WithMask(0x80))
	hfMPTCPOptExtensibilityFlag  = Fields.Add(protoTCP, "tcp.options.mptcp.extensibility.flag", "Extensibility", field.Uint8, field.WithMask(0x40))
	hfMPTCPOptNomoresubflowsFlag = Fields.Add(protoTCP, "tcp.options.mptcp.nomoresubflows.flag", "Do not attempt to establish new subflows to this address and port", field.Uint8, field.WithMask(0x20))
	hfMPTCPOptSha1Flag           = Fields.Add(protoTCP, "tcp.options.mptcp.sha1.flag", "Use HMAC-SHA1", field.Uint8, field.WithMask(0x1))
	hfMPTCPOptSha256Flag         = Fields.Add(protoTCP, "tcp.options.mptcp.sha256.flag", "Use HMAC-SHA256", field.Uint8, field.WithMask(0x1))
	hfMPTCPOptDatafinFlag        = Fields.Add(protoTCP, "tcp.options.mptcp.datafin.flag", "DATA_FIN", field.Uint8, field.WithMask(0x10))
	hfMPTCPOptDseqn8Flag         = Fields.Add(protoTCP, "tcp.options.mptcp.dseqn8.flag", "Data Sequence Number is 8 octets", field.Uint8, field.WithMask(0x8))
	hfMPTCPOptDseqnpresentFlag   = Fields.Add(protoTCP, "tcp.options.mptcp.dseqnpresent.flag", "Data Sequence Number, Subflow Sequence Number, Data-level Length, Checksum present", field.Uint8, field.WithMask(0x4))
	hfMPTCPOptDataack8Flag       = Fields.Add(protoTCP, "tcp.options.mptcp.dataack8.flag", "Data ACK is 8 octets", field.Uint8, field.WithMask(0x2))
	hfMPTCPOptDataackpresentFlag = Fields.Add(protoTCP, "tcp.options.mptcp.dataackpresent.flag", "Data ACK is present", field.Uint8, field.WithMask(0x1))
	hfMPTCPOptReservedFlag       = Fields.Add(protoTCP, "tcp.options.mptcp.reserved.flag", "Reserved", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x3e))
	hfMPTCPOptFlagUFlag          = Fields.Add(protoTCP, "tcp.options.mptcp.flag_U.flag", "Flag U", field.Bool, field.WithBase(4), field.WithMask(0x8), field.WithTrueFalse("Set", "Not set"))
	hfMPTCPOptFlagVFlag          = Fields.Add(protoTCP, "tcp.options.mptcp.flag_V.flag", "Flag V", field.Bool, field.WithBase(4), field.WithMask(0x4), field.WithTrueFalse("Set", "Not set"))
	hfMPTCPOptFlagWFlag          = Fields.Add(protoTCP, "tcp.options.mptcp.flag_W.flag", "Flag W", field.Bool, field.WithBase(4), field.WithMask(0x2), field.WithTrueFalse("Set", "Not set"))
	hfMPTCPOptFlagTFlag          = Fields.Add(protoTCP, "tcp.options.mptcp.flag_T.flag", "Transient", field.Bool, field.WithBase(4), field.WithMask(0x1), field.WithTrueFalse("Set", "Not set"))
	hfMPTCPOptRstReason          = Fields.Add(protoTCP, "tcp.options.mptcp.rst_reason", "TCPRST Reason", field.Uint8, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{0: "Unspecified error", 1: "MPTCP-specific error", 2: "Lack of resources", 3: "Administratively prohibited", 4: "Too much outstanding data", 5: "Unacceptable performance", 6: "Middlebox interference"}), field.WithBlurb("Multipath TCPRST Reason Code"))
	hfMPTCPOptAddrid             = Fields.Add(protoTCP, "tcp.options.mptcp.addrid", "Address ID", field.Uint8)
	hfMPTCPOptSendkey            = Fields.Add(protoTCP, "tcp.options.mptcp.sendkey", "Sender's Key", field.Uint64)
	hfMPTCPOptRecvkey            = Fields.Add(protoTCP, "tcp.options.mptcp.recvkey", "Receiver's Key", field.Uint64)
	hfMPTCPOptRecvtok            = Fields.Add(protoTCP, "tcp.options.mptcp.recvtok", "Receiver's Token", field.Uint32)
	hfMPTCPOptSendrand           = Fields.Add(protoTCP, "tcp.options.mptcp.sendrand", "Sender's Random Number", field.Uint32)
	hfMPTCPOptSendtrunchmac      = Fields.Add(protoTCP, "tcp.options.mptcp.sendtrunchmac", "Sender's Truncated HMAC", field.Uint64)
	hfMPTCPOptSendhmac           = Fields.Add(protoTCP, "tcp.options.mptcp.sendhmac", "Sender's HMAC", field.Bytes)
	hfMPTCPOptAddaddrtrunchmac   = Fields.Add(protoTCP, "tcp.options.mptcp.addaddrtrunchmac", "Truncated HMAC", field.Uint64)
	hfMPTCPOptRawdataack         = Fields.Add(protoTCP, "tcp.options.mptcp.rawdataack", "Original MPTCP Data ACK", field.Uint64)
	hfMPTCPOptRawdataseqno       = Fields.Add(protoTCP, "tcp.options.mptcp.rawdataseqno", "Data Sequence Number", field.Uint64)
	hfMPTCPOptSubflowseqno       = Fields.Add(protoTCP, "tcp.options.mptcp.subflowseqno", "Subflow Sequence Number", field.Uint32)
	hfMPTCPOptDatalvllen         = Fields.Add(protoTCP, "tcp.options.mptcp.datalvllen", "Data-level Length", field.Uint16)
	hfMPTCPOptChecksum           = Fields.Add(protoTCP, "tcp.options.mptcp.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfMPTCPOptIpver              = Fields.Add(protoTCP, "tcp.options.mptcp.ipver", "IP version", field.Uint8, field.WithMask(0xf))
	hfMPTCPOptEcho               = Fields.Add(protoTCP, "tcp.options.mptcp.echo", "Echo", field.Uint8, field.WithMask(0x1))
	hfMPTCPOptIpv4               = Fields.Add(protoTCP, "tcp.options.mptcp.ipv4", "Advertised IPv4 Address", field.IPv4)
	hfMPTCPOptIpv6               = Fields.Add(protoTCP, "tcp.options.mptcp.ipv6", "Advertised IPv6 Address", field.IPv6)
	hfMPTCPOptPort               = Fields.Add(protoTCP, "tcp.options.mptcp.port", "Advertised port", field.Uint16)
	hfMPTCPExpectedIdsn          = Fields.Add(protoMPTCP, "mptcp.expected_idsn", "Subflow expected IDSN", field.Uint64)
	hfMPTCPRmAddrCount           = Fields.Add(protoMPTCP, "mptcp.rm_addr.count", "Number of removed addresses", field.Uint8)
	hfMPTCPExpectedToken         = Fields.Add(protoMPTCP, "mptcp.expected_token", "Subflow token generated from key", field.Uint32)
)

func init() { RegisterShortName(protoMPTCP, "MPTCP") }

// mptcpOption dissects an MPTCP option (its kind and length included) under parent.
func (c *Ctx) mptcpOption(ot Tvb, parent int32) {
	olen := ot.Len()
	sub := uint64(ot.U8(2) >> 4)
	c.PushLayer("mptcp") // tshark lists it in frame.protocols once per option
	n := c.AddProto(parent, protoMPTCP, ot, 0, olen)
	if c.Visible() {
		c.T.SetLabel(n, "Multipath Transmission Control Protocol: "+valueNameOr(hfMPTCPOptSubtype, sub, "Unknown"))
	}
	c.AddUint(n, hfTCPOptKind, ot, 0, 1)
	c.AddUint(n, hfTCPOptLen, ot, 1, 1)
	c.AddUint(n, hfMPTCPOptSubtype, ot, 2, 1)
	if c.Cols.On && !c.Cols.readonly && c.Cols.Protocol == "TCP" {
		c.SetProtocol("MPTCP")
	}
	switch sub {
	case 0: // MP_CAPABLE
		_, ver := c.AddUint(n, hfMPTCPOptVersion, ot, 2, 1)
		f, _ := c.AddUint(n, hfMPTCPOptFlags, ot, 3, 1)
		c.AddUint(f, hfMPTCPOptChecksumreqFlags, ot, 3, 1)
		c.AddUint(f, hfMPTCPOptExtensibilityFlag, ot, 3, 1)
		if ver == 0 {
			c.AddUint(f, hfMPTCPOptSha1Flag, ot, 3, 1)
			c.AddUint(f, hfMPTCPOptReservedFlag, ot, 3, 1)
		} else {
			c.AddUint(f, hfMPTCPOptNomoresubflowsFlag, ot, 3, 1)
			c.AddUint(f, hfMPTCPOptSha256Flag, ot, 3, 1)
			rv := uint64(ot.U8(3)&0x1e) >> 1 // version 1 reserves one bit fewer
			rn := c.AddUintV(f, hfMPTCPOptReservedFlag, ot, 3, 1, rv)
			c.Label(rn, "%s = Reserved: 0x%x", bitPattern8(uint64(ot.U8(3)), 0x1e), rv)
		}
		if olen >= 12 {
			c.AddUint(n, hfMPTCPOptSendkey, ot, 4, 8)
			token, idsn := mptcpKeyDerived(ot.Bytes(4, 8), ver)
			c.generated(c.AddUintV(n, hfMPTCPExpectedToken, ot, 4, 8, uint64(token)))
			in := c.AddUintV(n, hfMPTCPExpectedIdsn, ot, 4, 8, idsn)
			c.generated(in)
			c.Label(in, "Subflow expected IDSN: %d (64bits version)", idsn)
		}
		if olen >= 20 {
			c.AddUint(n, hfMPTCPOptRecvkey, ot, 12, 8)
		}
		if olen >= 22 {
			c.AddUint(n, hfMPTCPOptDatalvllen, ot, 20, 2)
		}
		if olen >= 24 && ot.U8(3)&0x80 != 0 {
			c.AddUint(n, hfMPTCPOptChecksum, ot, 22, 2)
		}
	case 1: // MP_JOIN
		switch olen {
		case 12:
			mptcpBackupFlags(c, ot, n)
			c.AddUint(n, hfMPTCPOptAddrid, ot, 3, 1)
			c.AddUint(n, hfMPTCPOptRecvtok, ot, 4, 4)
			c.AddUint(n, hfMPTCPOptSendrand, ot, 8, 4)
		case 16:
			mptcpBackupFlags(c, ot, n)
			c.AddUint(n, hfMPTCPOptAddrid, ot, 3, 1)
			c.AddUint(n, hfMPTCPOptSendtrunchmac, ot, 4, 8)
			c.AddUint(n, hfMPTCPOptSendrand, ot, 12, 4)
		case 24:
			c.AddUint(n, hfMPTCPOptReserved, ot, 2, 2)
			c.AddBytes(n, hfMPTCPOptSendhmac, ot, 4, 20)
		}
	case 2: // DSS
		f, flags := c.AddUint(n, hfMPTCPOptFlags, ot, 3, 1)
		for _, b := range []field.ID{hfMPTCPOptDatafinFlag, hfMPTCPOptDseqn8Flag, hfMPTCPOptDseqnpresentFlag, hfMPTCPOptDataack8Flag, hfMPTCPOptDataackpresentFlag} {
			c.AddUint(f, b, ot, 3, 1)
		}
		o := 4
		if flags&0x01 != 0 {
			w := 4
			if flags&0x02 != 0 {
				w = 8
			}
			an, v := c.AddUint(n, hfMPTCPOptRawdataack, ot, o, w)
			if w == 8 {
				c.Label(an, "Original MPTCP Data ACK: %d (64bits)", v)
			}
			o += w
		}
		if flags&0x04 != 0 {
			w := 4
			if flags&0x08 != 0 {
				w = 8
			}
			dn, v := c.AddUint(n, hfMPTCPOptRawdataseqno, ot, o, w)
			c.Label(dn, "Data Sequence Number: %d  (%dbits version)", v, w*8)
			o += w
			c.AddUint(n, hfMPTCPOptSubflowseqno, ot, o, 4)
			c.AddUint(n, hfMPTCPOptDatalvllen, ot, o+4, 2)
			o += 6
			// tshark shows a DSS checksum only where its connection analysis expects one.
		}
	case 3: // ADD_ADDR
		hm := 0
		if ipver := ot.U8(2) & 0x0f; ipver == 4 || ipver == 6 { // version 0 names the IP version
			c.AddUint(n, hfMPTCPOptIpver, ot, 2, 1)
		} else if _, echo := c.AddUint(n, hfMPTCPOptEcho, ot, 2, 1); echo == 0 {
			hm = 8
		}
		c.AddUint(n, hfMPTCPOptAddrid, ot, 3, 1)
		switch olen - hm {
		case 8, 10:
			c.AddBytes(n, hfMPTCPOptIpv4, ot, 4, 4)
			if olen-hm == 10 {
				c.AddUint(n, hfMPTCPOptPort, ot, 8, 2)
			}
		case 20, 22:
			c.AddBytes(n, hfMPTCPOptIpv6, ot, 4, 16)
			if olen-hm == 22 {
				c.AddUint(n, hfMPTCPOptPort, ot, 20, 2)
			}
		}
		if hm > 0 && olen >= 12 {
			c.AddUint(n, hfMPTCPOptAddaddrtrunchmac, ot, olen-8, 8)
		}
	case 4: // REMOVE_ADDR
		c.generated(c.AddUintV(n, hfMPTCPRmAddrCount, ot, 2, 1, uint64(olen-3)))
		for o := 3; o < olen; o++ {
			c.AddUint(n, hfMPTCPOptAddrid, ot, o, 1)
		}
	case 5: // MP_PRIO
		mptcpBackupFlags(c, ot, n)
		if olen > 3 {
			c.AddUint(n, hfMPTCPOptAddrid, ot, 3, 1)
		}
	case 6: // MP_FAIL
		c.AddUint(n, hfMPTCPOptReserved, ot, 2, 2)
		c.AddUint(n, hfMPTCPOptRawdataseqno, ot, 4, 8)
	case 7: // MP_FASTCLOSE
		c.AddUint(n, hfMPTCPOptReserved, ot, 2, 2)
		c.AddUint(n, hfMPTCPOptRecvkey, ot, 4, 8)
	case 8: // MP_TCPRST
		c.addFlags(n, hfMPTCPOptFlags, ot, 2, 1, []field.ID{hfMPTCPOptFlagUFlag, hfMPTCPOptFlagVFlag, hfMPTCPOptFlagWFlag, hfMPTCPOptFlagTFlag})
		c.AddUint(n, hfMPTCPOptRstReason, ot, 3, 1)
	}
}

// mptcpKeyDerived returns the token and initial data sequence number a key derives: the first 32
// and last 64 bits of its SHA-1 (version 0) or SHA-256 (version 1) hash.
func mptcpKeyDerived(key []byte, version uint64) (uint32, uint64) {
	var h []byte
	if version == 0 {
		s := sha1.Sum(key)
		h = s[:]
	} else {
		s := sha256.Sum256(key)
		h = s[:]
	}
	return binary.BigEndian.Uint32(h), binary.BigEndian.Uint64(h[len(h)-8:])
}

// valueNameOr returns the name field hf gives v, or def.
func valueNameOr(hf field.ID, v uint64, def string) string {
	if s, ok := Fields.Get(hf).ValueName(v); ok {
		return s
	}
	return def
}

// mptcpBackupFlags adds the flags octet of a join or priority option with its backup flag.
func mptcpBackupFlags(c *Ctx, ot Tvb, n int32) {
	f, _ := c.AddUint(n, hfMPTCPOptFlags, ot, 2, 1)
	c.AddUint(f, hfMPTCPOptBackupFlag, ot, 2, 1)
}
