package dissect

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/binary"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// QUIC version 1 over UDP 443 (Wireshark's packet-quic.c): long and short headers, Initial packets
// decrypted with the keys derived from the client's first Destination Connection ID (RFC 9001),
// their CRYPTO, PADDING, PING and ACK frames, and the TLS handshake messages the CRYPTO frames carry.
// Other packets cannot be decrypted without the TLS secrets and show their protected payload.

var (
	protoQUIC                    = Fields.Protocol("quic", "QUIC IETF")
	hfQuicConnectionNumber       = Fields.Add(protoQUIC, "quic.connection.number", "Connection Number", field.Uint32, field.WithBlurb("Connection identifier within this capture file"))
	hfQuicPacketLength           = Fields.Add(protoQUIC, "quic.packet_length", "Packet Length", field.Uint32, field.WithBlurb("Size of the QUIC packet"))
	hfQuicHeaderForm             = Fields.Add(protoQUIC, "quic.header_form", "Header Form", field.Uint8, field.WithMask(0x80), field.WithStrings(map[uint64]string{0: "Short Header", 1: "Long Header"}))
	hfQuicFixedBit               = Fields.Add(protoQUIC, "quic.fixed_bit", "Fixed Bit", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithBlurb("Must be 1"))
	hfQuicLongPacketType         = Fields.Add(protoQUIC, "quic.long.packet_type", "Packet Type", field.Uint8, field.WithMask(0x30), field.WithStrings(map[uint64]string{0: "Initial", 3: "Retry", 2: "Handshake", 1: "0-RTT"}))
	hfQuicLongReserved           = Fields.Add(protoQUIC, "quic.long.reserved", "Reserved", field.Uint8, field.WithMask(0xc))
	hfQuicPacketNumberLength     = Fields.Add(protoQUIC, "quic.packet_number_length", "Packet Number Length", field.Uint8, field.WithMask(0x3), field.WithStrings(map[uint64]string{0: "1 bytes", 1: "2 bytes", 2: "3 bytes", 3: "4 bytes"}))
	hfQuicVersion                = Fields.Add(protoQUIC, "quic.version", "Version", field.Uint32, field.WithBase(field.Hex))
	hfQuicDcil                   = Fields.Add(protoQUIC, "quic.dcil", "Destination Connection ID Length", field.Uint8)
	hfQuicDcid                   = Fields.Add(protoQUIC, "quic.dcid", "Destination Connection ID", field.Bytes)
	hfQuicScil                   = Fields.Add(protoQUIC, "quic.scil", "Source Connection ID Length", field.Uint8)
	hfQuicScid                   = Fields.Add(protoQUIC, "quic.scid", "Source Connection ID", field.Bytes)
	hfQuicTokenLength            = Fields.Add(protoQUIC, "quic.token_length", "Token Length", field.Uint64)
	hfQuicToken                  = Fields.Add(protoQUIC, "quic.token", "Token", field.Bytes)
	hfQuicLength                 = Fields.Add(protoQUIC, "quic.length", "Length", field.Uint64, field.WithBlurb("Length of Packet Number and Payload fields"))
	hfQuicPacketNumber           = Fields.Add(protoQUIC, "quic.packet_number", "Packet Number", field.Uint64, field.WithBlurb("Decoded packet number"))
	hfQuicPayload                = Fields.Add(protoQUIC, "quic.payload", "Payload", field.Bytes, field.WithBlurb("(Encrypted) payload of a packet"))
	hfQuicFrame                  = Fields.Add(protoQUIC, "quic.frame", "Frame", field.None)
	hfQuicFrameType              = Fields.Add(protoQUIC, "quic.frame_type", "Frame Type", field.Uint64) // tshark prints it in decimal; the label shows hex
	hfQuicCryptoOffset           = Fields.Add(protoQUIC, "quic.crypto.offset", "Offset", field.Uint64, field.WithBlurb("Byte offset into the stream"))
	hfQuicCryptoLength           = Fields.Add(protoQUIC, "quic.crypto.length", "Length", field.Uint64, field.WithBlurb("Length of the Crypto Data field"))
	hfQuicCryptoCryptoData       = Fields.Add(protoQUIC, "quic.crypto.crypto_data", "Crypto Data", field.None, field.WithBlurb("The cryptographic message data"))
	hfQuicPaddingLength          = Fields.Add(protoQUIC, "quic.padding_length", "Padding Length", field.Uint32)
	hfQuicAckLargestAcknowledged = Fields.Add(protoQUIC, "quic.ack.largest_acknowledged", "Largest Acknowledged", field.Uint64)
	hfQuicAckAckDelay            = Fields.Add(protoQUIC, "quic.ack.ack_delay", "ACK Delay", field.Uint64)
	hfQuicAckAckRangeCount       = Fields.Add(protoQUIC, "quic.ack.ack_range_count", "ACK Range Count", field.Uint64)
	hfQuicAckFirstAckRange       = Fields.Add(protoQUIC, "quic.ack.first_ack_range", "First ACK Range", field.Uint64)
	hfQuicAckGap                 = Fields.Add(protoQUIC, "quic.ack.gap", "Gap", field.Uint64)
	hfQuicAckAckRange            = Fields.Add(protoQUIC, "quic.ack.ack_range", "ACK Range", field.Uint64)
	hfQuicShort                  = Fields.Add(protoQUIC, "quic.short", "QUIC Short Header", field.None)
	hfQuicSpinBit                = Fields.Add(protoQUIC, "quic.spin_bit", "Spin Bit", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithBlurb("Latency Spin Bit"))
	hfQuicRemainingPayload       = Fields.Add(protoQUIC, "quic.remaining_payload", "Remaining Payload", field.Bytes)
	eiQUICDecryptionFailed       = RegisterExpert(protoQUIC, "quic.decryption_failed", "Failed to decrypt handshake", GroupDecryption, SevWarn)
	handleQUIC                   = &Handle{Name: "quic", Fn: dissectQUIC}
)

var quicFrameNames = map[uint64]string{0x00: "PADDING", 0x01: "PING", 0x02: "ACK", 0x03: "ACK", 0x04: "RESET_STREAM",
	0x05: "STOP_SENDING", 0x06: "CRYPTO", 0x07: "NEW_TOKEN", 0x10: "MAX_DATA", 0x11: "MAX_STREAM_DATA",
	0x12: "MAX_STREAMS", 0x13: "MAX_STREAMS", 0x14: "DATA_BLOCKED", 0x15: "STREAM_DATA_BLOCKED",
	0x16: "STREAMS_BLOCKED", 0x17: "STREAMS_BLOCKED", 0x18: "NEW_CONNECTION_ID", 0x19: "RETIRE_CONNECTION_ID",
	0x1a: "PATH_CHALLENGE", 0x1b: "PATH_RESPONSE", 0x1c: "CONNECTION_CLOSE", 0x1d: "CONNECTION_CLOSE",
	0x1e: "HANDSHAKE_DONE"}

func init() {
	RegisterShortName(protoQUIC, "QUIC")
	UDPPort.Add(443, handleQUIC)
}

// ---- connection state ----

type quicConn struct {
	number     uint32
	client     convKey // the client's address/port key, to tell directions
	origDCID   []byte  // the client's first Destination Connection ID: the Initial keys' input
	clientCID  []byte  // the client's Source Connection ID
	serverCID  []byte  // the server's Source Connection ID
	haveServer bool
	firstShort uint32 // the frame of the first short-header packet
}

type quicState struct {
	conns map[convKey]*quicConn
	count uint32
}

var quicSlot = newStateSlot(func() any { return &quicState{conns: map[convKey]*quicConn{}} })

// ---- key derivation (RFC 9001 section 5) ----

var quicV1Salt = []byte{0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17, 0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a}

func hkdfExpandLabel(secret []byte, label string, n int) []byte {
	full := "tls13 " + label
	info := make([]byte, 0, 4+len(full))
	info = append(info, byte(n>>8), byte(n), byte(len(full)))
	info = append(info, full...)
	info = append(info, 0)
	out, err := hkdf.Expand(sha256.New, secret, string(info), n)
	if err != nil {
		return nil
	}
	return out
}

type quicKeys struct {
	aead cipher.AEAD
	iv   []byte
	hp   cipher.Block
}

// quicInitialKeys derives the Initial keys of one side from the client's first DCID.
func quicInitialKeys(dcid []byte, server bool) *quicKeys {
	initial, err := hkdf.Extract(sha256.New, dcid, quicV1Salt)
	if err != nil {
		return nil
	}
	label := "client in"
	if server {
		label = "server in"
	}
	secret := hkdfExpandLabel(initial, label, 32)
	key := hkdfExpandLabel(secret, "quic key", 16)
	iv := hkdfExpandLabel(secret, "quic iv", 12)
	hp := hkdfExpandLabel(secret, "quic hp", 16)
	kb, err1 := aes.NewCipher(key)
	hb, err2 := aes.NewCipher(hp)
	if err1 != nil || err2 != nil {
		return nil
	}
	aead, err := cipher.NewGCM(kb)
	if err != nil {
		return nil
	}
	return &quicKeys{aead: aead, iv: iv, hp: hb}
}

// ---- dissection ----

// quicVarint reads a variable-length integer at o, returning it and its length.
func quicVarint(t Tvb, o int) (uint64, int) {
	b := t.U8(o)
	n := 1 << (b >> 6)
	v := uint64(b & 0x3f)
	for i := 1; i < n; i++ {
		v = v<<8 | uint64(t.U8(o+i))
	}
	return v, n
}

func dissectQUIC(c *Ctx, t Tvb, parent int32) {
	if t.Len() < 1 || t.U8(0)&0x40 == 0 && t.U8(0)&0x80 == 0 {
		c.CallData(t, parent)
		return
	}
	c.SetProtocol("QUIC")
	c.ClearInfo()
	st := c.State.slot(quicSlot).(*quicState)
	k, _ := makeConvKey(c.NetSrc, c.NetDst, uint16(c.SrcPort), uint16(c.DstPort))
	fromKey, _ := makeConvKey(c.NetSrc, c.NetSrc, uint16(c.SrcPort), uint16(c.SrcPort))
	conn := st.conns[k]
	if conn == nil && c.Pass1 {
		conn = &quicConn{number: st.count, client: fromKey}
		st.count++
		st.conns[k] = conn
	}
	if conn == nil {
		conn = &quicConn{}
	}
	fromClient := conn.client == fromKey
	for o := 0; o < t.Len(); {
		n := quicPacket(c, t.Sub(o), parent, conn, fromClient)
		if n <= 0 {
			break
		}
		o += n
	}
}

// quicPacket dissects one packet at the start of t and returns its length.
func quicPacket(c *Ctx, t Tvb, parent int32, conn *quicConn, fromClient bool) int {
	first := t.U8(0)
	if first&0x80 == 0 {
		return quicShort(c, t, parent, conn, fromClient)
	}
	ver := t.U32(1)
	dcil := int(t.U8(5))
	dcid := t.Bytes(6, dcil)
	scil := int(t.U8(6 + dcil))
	scid := t.Bytes(7+dcil, scil)
	o := 7 + dcil + scil
	ptype := (first >> 4) & 3
	var tokenLen uint64
	var tlLen int
	if ptype == 0 {
		tokenLen, tlLen = quicVarint(t, o)
		o += tlLen + int(tokenLen)
	}
	length, lLen := quicVarint(t, o)
	pnOff := o + lLen
	total := min(pnOff+int(length), t.Len())
	if c.Pass1 && ptype == 0 {
		if fromClient && conn.origDCID == nil {
			conn.origDCID = append([]byte(nil), dcid...)
			conn.clientCID = append([]byte(nil), scid...)
		}
		if !fromClient && !conn.haveServer {
			conn.serverCID = append([]byte(nil), scid...)
			conn.haveServer = true
		}
	}
	p := c.AddProto(parent, protoQUIC, t, 0, total)
	ci := c.AddText(p, t, 0, 0, "QUIC Connection information")
	c.AddGenerated(ci, hfQuicConnectionNumber, t, 0, 0, field.Value{U: uint64(conn.number)})
	c.AddGenerated(p, hfQuicPacketLength, t, 0, 0, field.Value{U: uint64(total)})

	// remove the header protection of Initial packets
	var keys *quicKeys
	var pnLen int
	var hdr []byte
	var pn uint64
	if ptype == 0 && ver == 1 && conn.origDCID != nil && t.Has(pnOff+4, 16) {
		keys = quicInitialKeys(conn.origDCID, !fromClient)
	}
	if keys != nil {
		var mask [16]byte
		keys.hp.Encrypt(mask[:], t.Bytes(pnOff+4, 16))
		hdr = append([]byte(nil), t.B[:pnOff+4]...)
		hdr[0] ^= mask[0] & 0x0f
		pnLen = int(hdr[0]&3) + 1
		hdr = hdr[:pnOff+pnLen]
		for i := 0; i < pnLen; i++ {
			hdr[pnOff+i] ^= mask[1+i]
			pn = pn<<8 | uint64(hdr[pnOff+i])
		}
	}
	hb := uint64(first)
	if hdr != nil {
		hb = uint64(hdr[0])
	}
	c.AddUintV(p, hfQuicHeaderForm, t, 0, 1, 1)
	c.AddUintV(p, hfQuicFixedBit, t, 0, 1, (hb>>6)&1)
	c.AddUintV(p, hfQuicLongPacketType, t, 0, 1, uint64(ptype))
	if hdr != nil {
		c.AddUintV(p, hfQuicLongReserved, t, 0, 1, (hb>>2)&3)
		c.AddUintV(p, hfQuicPacketNumberLength, t, 0, 1, hb&3)
	}
	vn := c.AddUintV(p, hfQuicVersion, t, 1, 4, uint64(ver))
	c.Label(vn, "Version: %d (0x%08x)", ver, ver)
	c.AddUintV(p, hfQuicDcil, t, 5, 1, uint64(dcil))
	if dcil > 0 {
		c.AddBytes(p, hfQuicDcid, t, 6, dcil)
	}
	c.AddUintV(p, hfQuicScil, t, 6+dcil, 1, uint64(scil))
	if scil > 0 {
		c.AddBytes(p, hfQuicScid, t, 7+dcil, scil)
	}
	if ptype == 0 {
		to := 7 + dcil + scil
		c.AddUintV(p, hfQuicTokenLength, t, to, tlLen, tokenLen)
		if tokenLen > 0 {
			c.AddBytes(p, hfQuicToken, t, to+tlLen, int(tokenLen))
		}
	}
	c.AddUintV(p, hfQuicLength, t, o, lLen, length)
	typeName := Fields.Get(hfQuicLongPacketType).Strings[uint64(ptype)]
	if c.Cols.On {
		info := typeName
		if dcil > 0 {
			info += ", DCID=" + hexString(dcid)
		}
		if scil > 0 {
			info += ", SCID=" + hexString(scid)
		}
		c.AppendInfoSep(", ", info)
	}
	if keys == nil {
		c.Expert(p, eiQUICDecryptionFailed, t, 0, 0, "Failed to create decryption context: Secrets are not available")
		if pnOff < total {
			c.AddBytes(p, hfQuicRemainingPayload, t, pnOff, total-pnOff)
		}
		return total
	}
	c.AddUintV(p, hfQuicPacketNumber, t, pnOff, pnLen, pn)
	payOff := pnOff + pnLen
	if payOff < total {
		c.AddBytes(p, hfQuicPayload, t, payOff, total-payOff)
	}
	c.AppendInfo(", PKN: " + strconv.FormatUint(pn, 10))
	nonce := append([]byte(nil), keys.iv...)
	var pnb [8]byte
	binary.BigEndian.PutUint64(pnb[:], pn)
	for i := 0; i < 8; i++ {
		nonce[4+i] ^= pnb[i]
	}
	plain, err := keys.aead.Open(nil, nonce, t.B[payOff:total], hdr)
	if err != nil {
		c.Expert(p, eiQUICDecryptionFailed, t, 0, 0, "Decryption (checking) failed: "+err.Error())
		return total
	}
	src := uint8(len(c.T.Sources))
	c.T.Sources = append(c.T.Sources, field.Source{Name: "Decrypted QUIC", Bytes: plain})
	quicFrames(c, Tvb{B: plain, Src: src}, p, parent, fromClient)
	return total
}

// quicShort dissects a short-header packet, whose Destination Connection ID has the length the
// peer chose in its long-header packets.
func quicShort(c *Ctx, t Tvb, parent int32, conn *quicConn, fromClient bool) int {
	dcid := conn.clientCID
	if fromClient {
		dcid = conn.serverCID
	}
	dl := min(len(dcid), t.Len()-1)
	p := c.AddProto(parent, protoQUIC, t, 0, -1)
	ci := c.AddText(p, t, 0, 0, "QUIC Connection information")
	c.AddGenerated(ci, hfQuicConnectionNumber, t, 0, 0, field.Value{U: uint64(conn.number)})
	c.AddGenerated(p, hfQuicPacketLength, t, 0, 0, field.Value{U: uint64(t.Len())})
	sh := c.AddProto(p, hfQuicShort, t, 0, -1)
	c.AddUint(sh, hfQuicHeaderForm, t, 0, 1)
	c.AddUint(sh, hfQuicFixedBit, t, 0, 1)
	c.AddUint(sh, hfQuicSpinBit, t, 0, 1)
	// the key phase bit is protected: without the keys Wireshark shows phase 0
	info := "Protected Payload (KP0)"
	if dl > 0 {
		c.AddBytes(sh, hfQuicDcid, t, 1, dl)
		c.Label(sh, "QUIC Short Header DCID=%s", hexString(t.Bytes(1, dl)))
		info += ", DCID=" + hexString(t.Bytes(1, dl))
	}
	// Wireshark reports the missing 1-RTT secrets on the connection's first short-header packet.
	if c.Pass1 && conn.firstShort == 0 {
		conn.firstShort = c.Frame.Number
	}
	if conn.firstShort == c.Frame.Number {
		c.Expert(p, eiQUICDecryptionFailed, t, 0, 0, "Failed to create decryption context: Secrets are not available")
	}
	c.AppendInfoSep(", ", info)
	if 1+dl < t.Len() {
		c.AddBytes(p, hfQuicRemainingPayload, t, 1+dl, t.Len()-1-dl)
	}
	return t.Len()
}

// quicFrames dissects the frames of a decrypted payload.
func quicFrames(c *Ctx, t Tvb, p, parent int32, fromClient bool) {
	for o := 0; o < t.Len(); {
		ft, fl := quicVarint(t, o)
		name, ok := quicFrameNames[ft]
		if !ok {
			name = "Unknown"
		}
		start := o
		fr := c.AddProto(p, hfQuicFrame, t, o, 0)
		tn := c.AddUintV(fr, hfQuicFrameType, t, o, fl, ft)
		c.Label(tn, "Frame Type: %s (0x%016x)", name, ft)
		o += fl
		switch ft {
		case 0x00:
			for o < t.Len() && t.B[o] == 0 {
				o++
			}
			n := o - start
			c.AddGenerated(fr, hfQuicPaddingLength, t, start+1, 0, field.Value{U: uint64(n)})
			c.Label(fr, "PADDING Length: %d", n)
		case 0x01:
			c.Label(fr, "PING")
		case 0x02, 0x03:
			c.Label(fr, "ACK")
			var cnt uint64
			for i, hf := range [...]field.ID{hfQuicAckLargestAcknowledged, hfQuicAckAckDelay, hfQuicAckAckRangeCount, hfQuicAckFirstAckRange} {
				v, n := quicVarint(t, o)
				c.AddUintV(fr, hf, t, o, n, v)
				if i == 2 {
					cnt = v
				}
				o += n
			}
			for i := uint64(0); i < cnt && o < t.Len(); i++ {
				for _, hf := range [...]field.ID{hfQuicAckGap, hfQuicAckAckRange} {
					v, n := quicVarint(t, o)
					c.AddUintV(fr, hf, t, o, n, v)
					o += n
				}
			}
			if ft == 0x03 {
				for i := 0; i < 3; i++ {
					_, n := quicVarint(t, o)
					o += n
				}
			}
		case 0x06:
			c.Label(fr, "CRYPTO")
			off, n := quicVarint(t, o)
			c.AddUintV(fr, hfQuicCryptoOffset, t, o, n, off)
			o += n
			l, n := quicVarint(t, o)
			c.AddUintV(fr, hfQuicCryptoLength, t, o, n, l)
			o += n
			data := t.SubLen(o, int(l))
			c.AddProto(fr, hfQuicCryptoCryptoData, t, o, int(l))
			if off == 0 {
				quicTLS(c, data, fr, fromClient)
			}
			o += int(l)
		default:
			// frames this file does not parse end the payload's dissection
			c.Label(fr, "%s", name)
			o = t.Len()
		}
		c.setItemLen(fr, p, o-start)
		c.AppendInfoSep(", ", name)
	}
}

// quicTLS dissects the TLS handshake messages at the start of a CRYPTO stream.
func quicTLS(c *Ctx, t Tvb, fr int32, fromClient bool) {
	if t.Len() < 4 || int(t.U24(1))+4 > t.Len() {
		return
	}
	side := 1
	if fromClient {
		side = 0
	}
	x := &tlsCtx{c: c, s: &tlsConv{version: 0x0304}, side: side, top: fr}
	c.PushLayer("tls")
	ty := t.U8(0)
	l := int(t.U24(1))
	name := tlsHsNames[uint64(ty)]
	rec := c.AddProto(fr, protoTLS, t, 0, 4+l)
	c.Label(rec, "TLSv1.3 Record Layer: Handshake Protocol: %s", name)
	h := c.AddProto(rec, hfTLSHandshake, t, 0, 4+l)
	c.Label(h, "Handshake Protocol: %s", name)
	c.AddUint(h, hfTLSHsType, t, 0, 1)
	c.AddUint(h, hfTLSHsLength, t, 1, 3)
	start := len(c.T.Nodes)
	x.handshake(h, ty, t.SubLen(4, l))
	// Wireshark's QUIC sets the TLS session to 1.3 first, so Hello randoms show no time part.
	for i := start; i < len(c.T.Nodes); i++ {
		if n := &c.T.Nodes[i]; n.Field == hfTLSRandomTime || n.Field == hfTLSRandomBytes {
			n.Field = 0
			n.Flags |= field.Hidden
		}
	}
}
