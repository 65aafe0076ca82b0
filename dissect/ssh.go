package dissect

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// SSH (Wireshark's packet-ssh.c): the version banners, the unencrypted binary packet layer of the
// key exchange (KEXINIT with its algorithm lists and hassh fingerprints, NEWKEYS) and the encrypted
// packets that follow. The bodies of the Diffie-Hellman messages are not dissected yet.

var sshMsgNames = map[uint64]string{
	1: "Disconnect", 2: "Ignore", 3: "Unimplemented", 4: "Debug", 5: "Service Request", 6: "Service Accept",
	20: "Key Exchange Init", 21: "New Keys", 50: "User Authentication Request",
	51: "User Authentication Failure", 52: "User Authentication Success", 53: "User Authentication Banner",
	60: "Public Key algorithm accepted", 80: "Global Request", 81: "Request Success", 82: "Request Failure",
	90: "Channel Open", 91: "Channel Open Confirmation", 92: "Channel Open Failure", 93: "Window Adjust",
	94: "Channel Data", 95: "Channel Extended Data", 96: "Channel EOF", 97: "Channel Close",
	98: "Channel Request", 99: "Channel Success", 100: "Channel Failure",
}

var sshKexLists = []string{"kex_algorithms", "server_host_key_algorithms",
	"encryption_algorithms_client_to_server", "encryption_algorithms_server_to_client",
	"mac_algorithms_client_to_server", "mac_algorithms_server_to_client",
	"compression_algorithms_client_to_server", "compression_algorithms_server_to_client",
	"languages_client_to_server", "languages_server_to_client"}

var (
	protoSSH            = Fields.Protocol("ssh", "SSH Protocol")
	hfSSHProtocol       = Fields.Add(protoSSH, "ssh.protocol", "Protocol", field.String)
	hfSSHPacketLength   = Fields.Add(protoSSH, "ssh.packet_length", "Packet Length", field.Uint32)
	hfSSHPaddingLength  = Fields.Add(protoSSH, "ssh.padding_length", "Padding Length", field.Uint8)
	hfSSHPaddingString  = Fields.Add(protoSSH, "ssh.padding_string", "Padding String", field.Bytes)
	hfSSHSeqNum         = Fields.Add(protoSSH, "ssh.seq_num", "Sequence number", field.Uint32)
	hfSSHLenEncrypted   = Fields.Add(protoSSH, "ssh.packet_length_encrypted", "Packet Length (encrypted)", field.Bytes)
	hfSSHEncrypted      = Fields.Add(protoSSH, "ssh.encrypted_packet", "Encrypted Packet", field.Bytes)
	hfSSHDirection      = Fields.Add(protoSSH, "ssh.direction", "Direction", field.Bool, field.WithTrueFalse("server-to-client", "client-to-server"))
	hfSSHMessageCode    = Fields.Add(protoSSH, "ssh.message_code", "Message Code", field.Uint8, field.WithStrings(sshMsgNames))
	hfSSHCookie         = Fields.Add(protoSSH, "ssh.cookie", "Cookie", field.Bytes)
	hfSSHFirstKexFollow = Fields.Add(protoSSH, "ssh.first_kex_packet_follows", "First KEX Packet Follows", field.Uint8)
	hfSSHKexReserved    = Fields.Add(protoSSH, "ssh.kex.reserved", "Reserved", field.Bytes)
	hfSSHHasshAlgs      = Fields.Add(protoSSH, "ssh.kex.hassh_algorithms", "hasshAlgorithms", field.String)
	hfSSHHassh          = Fields.Add(protoSSH, "ssh.kex.hassh", "hassh", field.String)
	hfSSHHasshSrvAlgs   = Fields.Add(protoSSH, "ssh.kex.hasshserver_algorithms", "hasshServerAlgorithms", field.String)
	hfSSHHasshSrv       = Fields.Add(protoSSH, "ssh.kex.hasshserver", "hasshServer", field.String)
	hfSSHKexList        [10]field.ID
	hfSSHKexListLen     [10]field.ID

	handleSSH = &Handle{Name: "ssh", Fn: dissectSSH}
)

func init() {
	for i, n := range sshKexLists {
		hfSSHKexListLen[i] = Fields.Add(protoSSH, "ssh."+n+"_length", n+" length", field.Uint32)
		hfSSHKexList[i] = Fields.Add(protoSSH, "ssh."+n, n+" string", field.String)
	}
	RegisterShortName(protoSSH, "SSH")
	TCPPort.Add(22, handleSSH)
	TCPPort.Add(29418, handleSSH)
	RegisterPDU(handleSSH, sshPDULen)
}

// sshPDULen finds the end of an unencrypted binary packet, as Wireshark's SSH dissector asks TCP for
// the rest of a packet whose length field goes beyond the segment. Banners, encrypted packets and
// connections whose start was not seen are taken as they come.
func sshPDULen(c *Ctx, t Tvb, _ *PDUScan) int {
	if t.Len() >= 1 && t.B[0] == 'S' {
		return 0 // a banner ("SSH-...") or not ours to tell
	}
	k, ok := c.conversationKey()
	if !ok {
		return 0
	}
	cv := c.State.slot(sshSlot).(*sshState).convs[k]
	dir := 0
	if c.SrcPort == c.MatchPort {
		dir = 1
	}
	if cv == nil || cv.version != 2 || cv.peers[dir].newKeys != 0 {
		return 0
	}
	// One PDU is the run of whole packets the data holds (the dissector walks them in one call and
	// one Info line, as Wireshark's does), ending at NEWKEYS, after which the lengths are encrypted;
	// an unfinished packet is its own PDU, which TCP completes from the next segments.
	o := 0
	for {
		if t.Len()-o < 4 {
			if o == 0 {
				return NeedMore
			}
			return o
		}
		l := 4 + int(t.U32(o))
		if l < 9 { // shorter than a packet: not one to wait for
			return o
		}
		if o+l > t.Len() {
			if o == 0 {
				return l
			}
			return o
		}
		o += l
		if t.U8(o-l+5) == 21 || o == t.Len() {
			return o
		}
	}
}

type sshPeer struct {
	seq       uint32
	newKeys   uint32 // frame of this side's NEWKEYS (0: none yet)
	kexinit   [][]byte
	haveKexin bool
}

type sshConv struct {
	version    int
	serverPort uint32
	peers      [2]sshPeer
	kex, enc   [2]string // negotiated: kex method; enc c2s, s2c
	comp       [2]string
}

type sshFrame struct {
	seq       uint32
	version   int // version known before this frame
	encrypted bool
	kex       string
	enc, comp string
}

type sshState struct {
	convs  map[textConvKey]*sshConv
	frames map[uint32]*sshFrame
}

var sshSlot = newStateSlot(func() any {
	return &sshState{convs: map[textConvKey]*sshConv{}, frames: map[uint32]*sshFrame{}}
})

func dissectSSH(c *Ctx, t Tvb, parent int32) {
	st := c.State.slot(sshSlot).(*sshState)
	isServer := c.SrcPort == c.MatchPort
	dir := 0
	if isServer {
		dir = 1
	}
	var cv *sshConv
	fr := st.frames[c.Frame.Number]
	if c.Pass1 {
		k, _ := c.conversationKey()
		cv = st.convs[k]
		if cv == nil {
			cv = &sshConv{}
			st.convs[k] = cv
		}
		p := &cv.peers[dir]
		fr = &sshFrame{seq: p.seq, version: cv.version, encrypted: p.newKeys != 0,
			kex: cv.kex[0], enc: cv.enc[dir], comp: cv.comp[dir]}
		st.frames[c.Frame.Number] = fr
	}
	if fr == nil {
		fr = &sshFrame{}
	}
	if fr.version == 2 {
		c.SetProtocol("SSHv2")
	} else {
		c.SetProtocol("SSH")
	}
	side := "Client: "
	if isServer {
		side = "Server: "
	}
	c.SetInfo(side)
	tree := c.AddProto(parent, protoSSH, t, 0, -1)
	if t.Len() >= 4 && string(t.B[:4]) == "SSH-" {
		l, _, _ := findLineEnd(t.B, 0)
		c.AppendInfo("Protocol (" + string(t.B[:l]) + ")")
		c.addASCII(tree, hfSSHProtocol, t, 0, l)
		if c.Pass1 && cv.version == 0 && !isServer { // the client's banner decides, as in Wireshark
			if bytes.HasPrefix(t.B, []byte("SSH-2.")) || bytes.HasPrefix(t.B, []byte("SSH-1.99")) {
				cv.version = 2
			} else if bytes.HasPrefix(t.B, []byte("SSH-1.")) {
				cv.version = 1
			}
		}
	} else if fr.version == 0 {
		sshEncrypted(c, t, tree) // the start of the connection was not seen
	} else if fr.encrypted && !sshAEAD[fr.enc] {
		sshEncrypted(c, t, c.AddText(tree, t, 0, t.Len(), "SSH Version 2"))
	} else if fr.encrypted {
		v := c.AddText(tree, t, 0, t.Len(), "")
		c.Label(v, "SSH Version 2 (encryption:%s compression:%s)", fr.enc, fr.comp)
	} else {
		seq := fr.seq
		first := true
		for o := 0; o+4 <= t.Len(); {
			n := sshPacket(c, st, cv, t, tree, o, dir, seq, fr, first)
			if n <= 0 {
				break
			}
			first = false
			o += n
			seq++
		}
		if c.Pass1 {
			cv.peers[dir].seq = seq
		}
	}
	c.AddGenerated(tree, hfSSHDirection, t, 0, 0, field.Value{U: uint64(dir)})
}

// sshAEAD are the ciphers tshark 4.0 would decrypt (given keys): it shows their packets as a bare
// "SSH Version 2 (encryption:…)" item. Packets of other ciphers show their encrypted bytes.
var sshAEAD = map[string]bool{"chacha20-poly1305@openssh.com": true, "aes128-gcm@openssh.com": true,
	"aes256-gcm@openssh.com": true}

// sshEncrypted shows an encrypted packet Wireshark cannot decrypt.
func sshEncrypted(c *Ctx, t Tvb, parent int32) {
	o := 0
	if t.Len() > 4 {
		c.AddBytes(parent, hfSSHLenEncrypted, t, 0, 4)
		o = 4
	}
	c.AddBytes(parent, hfSSHEncrypted, t, o, t.Len()-o)
	c.AppendInfo("Encrypted packet (len=" + strconv.Itoa(t.Len()) + ")")
}

// sshPacket dissects one unencrypted binary packet at o and returns its length.
func sshPacket(c *Ctx, st *sshState, cv *sshConv, t Tvb, tree int32, o, dir int, seq uint32, fr *sshFrame, first bool) int {
	plen := int(t.U32(o))
	if plen < 5 || o+4+plen > t.Len() {
		return 0
	}
	v := c.AddText(tree, t, o, 4+plen, "SSH Version 2")
	if fr.enc != "" {
		c.Label(v, "SSH Version 2 (encryption:%s compression:%s)", fr.enc, fr.comp)
	}
	c.AddUint(v, hfSSHPacketLength, t, o, 4)
	_, padLen := c.AddUint(v, hfSSHPaddingLength, t, o+4, 1)
	code := t.U8(o + 5)
	payloadLen := plen - int(padLen) - 1
	kexLabel := "Key Exchange"
	if fr.kex != "" {
		kexLabel = "Key Exchange (method:" + fr.kex + ")"
	}
	var sub int32
	name := sshMsgName(code, fr.kex)
	switch {
	case code >= 20 && code <= 49:
		sub = c.AddText(v, t, o+5, payloadLen, kexLabel)
	default:
		sub = c.AddText(v, t, o+5, payloadLen, "")
		c.Label(sub, "%s", name)
	}
	mc := c.AddUintV(sub, hfSSHMessageCode, t, o+5, 1, uint64(code))
	c.Label(mc, "Message Code: %s (%d)", name, code)
	if first {
		c.AppendInfo(name)
	} else {
		c.AppendInfo(", " + name)
	}
	if code == 20 && payloadLen > 17 {
		sshKexInit(c, cv, t, sub, o+6, o+5+payloadLen, dir)
	}
	if code == 21 && c.Pass1 {
		cv.peers[dir].newKeys = c.Frame.Number
	}
	pad := o + 5 + payloadLen
	if int(padLen) > 0 && pad+int(padLen) <= t.Len() {
		c.AddBytes(v, hfSSHPaddingString, t, pad, int(padLen))
	}
	c.AddUintV(v, hfSSHSeqNum, t, o, 0, uint64(seq))
	return 4 + plen
}

func sshMsgName(code uint8, kex string) string {
	if code >= 30 && code <= 34 {
		switch {
		case bytes.Contains([]byte(kex), []byte("group-exchange")):
			return [...]string{"Diffie-Hellman Group Exchange Request (Old)", "Diffie-Hellman Group Exchange Group",
				"Diffie-Hellman Group Exchange Init", "Diffie-Hellman Group Exchange Reply",
				"Diffie-Hellman Group Exchange Request"}[code-30]
		case bytes.HasPrefix([]byte(kex), []byte("ecdh")) || bytes.HasPrefix([]byte(kex), []byte("curve")):
			if code == 30 {
				return "Elliptic Curve Diffie-Hellman Key Exchange Init"
			} else if code == 31 {
				return "Elliptic Curve Diffie-Hellman Key Exchange Reply"
			}
		default:
			if code == 30 {
				return "Diffie-Hellman Key Exchange Init"
			} else if code == 31 {
				return "Diffie-Hellman Key Exchange Reply"
			}
		}
	}
	if n, ok := sshMsgNames[uint64(code)]; ok {
		return n
	}
	return "Unknown (" + strconv.Itoa(int(code)) + ")"
}

func sshKexInit(c *Ctx, cv *sshConv, t Tvb, tree int32, o, end, dir int) {
	algs := c.AddText(tree, t, o, end-o, "Algorithms")
	c.AddBytes(algs, hfSSHCookie, t, o, 16)
	o += 16
	lists := make([][]byte, len(sshKexLists))
	for i := range sshKexLists {
		n := int(t.U32(o))
		c.AddUint(algs, hfSSHKexListLen[i], t, o, 4)
		lists[i] = t.Bytes(o+4, n)
		c.addASCII(algs, hfSSHKexList[i], t, o+4, n)
		o += 4 + n
	}
	c.AddUint(algs, hfSSHFirstKexFollow, t, o, 1)
	c.AddBytes(algs, hfSSHKexReserved, t, o+1, 4)
	var enc, mac, comp []byte
	hfA, hfH := hfSSHHasshAlgs, hfSSHHassh
	if dir == 0 {
		enc, mac, comp = lists[2], lists[4], lists[6]
	} else {
		enc, mac, comp = lists[3], lists[5], lists[7]
		hfA, hfH = hfSSHHasshSrvAlgs, hfSSHHasshSrv
	}
	if c.T.Wants(hfA) || c.T.Wants(hfH) {
		h := string(lists[0]) + ";" + string(enc) + ";" + string(mac) + ";" + string(comp)
		sum := md5.Sum([]byte(h))
		c.AddGenerated(algs, hfA, t, 0, 0, field.Value{B: []byte(h)})
		c.AddGenerated(algs, hfH, t, 0, 0, field.Value{B: []byte(hex.EncodeToString(sum[:]))})
	}
	if c.Pass1 && cv != nil {
		cv.peers[dir].kexinit = lists
		cv.peers[dir].haveKexin = true
		cl, sv := cv.peers[0], cv.peers[1]
		if cl.haveKexin && sv.haveKexin {
			cv.kex[0] = sshNegotiate(cl.kexinit[0], sv.kexinit[0])
			cv.enc[0] = sshNegotiate(cl.kexinit[2], sv.kexinit[2])
			cv.enc[1] = sshNegotiate(cl.kexinit[3], sv.kexinit[3])
			cv.comp[0] = sshNegotiate(cl.kexinit[6], sv.kexinit[6])
			cv.comp[1] = sshNegotiate(cl.kexinit[7], sv.kexinit[7])
		}
	}
}

// sshNegotiate picks the first client algorithm the server also offers (RFC 4253 7.1).
func sshNegotiate(client, server []byte) string {
	srv := bytes.Split(server, []byte(","))
	for _, a := range bytes.Split(client, []byte(",")) {
		for _, b := range srv {
			if bytes.Equal(a, b) {
				return string(a)
			}
		}
	}
	return ""
}
