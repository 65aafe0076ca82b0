package dissect

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/tls"
)

// TLS (RFC 5246, 8446) records and handshake messages, without decryption. Records that span TCP
// segments are put together here, per direction, during the first pass (the frames of a record are
// assumed to arrive in order); the reassembled record becomes a second data source of the frame that
// completes it, as Wireshark shows "Reassembled TCP". Decrypted records are meant to be added the
// same way later: as one more data source that tlsRecord's content dissection runs on.

var (
	protoTLS          = Fields.Protocol("tls", "Transport Layer Security")
	hfTLSRecord       = Fields.Add(protoTLS, "tls.record", "Record Layer", field.None)
	hfTLSContentType  = Fields.Add(protoTLS, "tls.record.content_type", "Content Type", field.Uint8, field.WithStrings(tlsContentNames))
	hfTLSOpaqueType   = Fields.Add(protoTLS, "tls.record.opaque_type", "Opaque Type", field.Uint8, field.WithStrings(tlsContentNames))
	hfTLSRecVersion   = Fields.Add(protoTLS, "tls.record.version", "Version", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tlsVersionNames))
	hfTLSRecLength    = Fields.Add(protoTLS, "tls.record.length", "Length", field.Uint16)
	hfTLSHandshake    = Fields.Add(protoTLS, "tls.handshake", "Handshake Protocol", field.None)
	hfTLSHsType       = Fields.Add(protoTLS, "tls.handshake.type", "Handshake Type", field.Uint8, field.WithStrings(tlsHsNames))
	hfTLSHsLength     = Fields.Add(protoTLS, "tls.handshake.length", "Length", field.Uint24)
	hfTLSHsVersion    = Fields.Add(protoTLS, "tls.handshake.version", "Version", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tlsVersionNames))
	hfTLSRandom       = Fields.Add(protoTLS, "tls.handshake.random", "Random", field.Bytes)
	hfTLSRandomTime   = Fields.Add(protoTLS, "tls.handshake.random_time", "GMT Unix Time", field.AbsTime, field.WithBase(field.TimeUTC))
	hfTLSRandomBytes  = Fields.Add(protoTLS, "tls.handshake.random_bytes", "Random Bytes", field.Bytes)
	hfTLSSessIDLen    = Fields.Add(protoTLS, "tls.handshake.session_id_length", "Session ID Length", field.Uint16)
	hfTLSSessID       = Fields.Add(protoTLS, "tls.handshake.session_id", "Session ID", field.Bytes)
	hfTLSCiphersLen   = Fields.Add(protoTLS, "tls.handshake.cipher_suites_length", "Cipher Suites Length", field.Uint16)
	hfTLSCiphers      = Fields.Add(protoTLS, "tls.handshake.ciphersuites", "Cipher Suites", field.None)
	hfTLSCipher       = Fields.Add(protoTLS, "tls.handshake.ciphersuite", "Cipher Suite", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tlsCipherNames))
	hfTLSCompLen      = Fields.Add(protoTLS, "tls.handshake.comp_methods_length", "Compression Methods Length", field.Uint8)
	hfTLSComps        = Fields.Add(protoTLS, "tls.handshake.comp_methods", "Compression Methods", field.None)
	hfTLSComp         = Fields.Add(protoTLS, "tls.handshake.comp_method", "Compression Method", field.Uint8, field.WithStrings(tlsCompNames))
	hfTLSExtsLen      = Fields.Add(protoTLS, "tls.handshake.extensions_length", "Extensions Length", field.Uint16)
	hfTLSExtType      = Fields.Add(protoTLS, "tls.handshake.extension.type", "Type", field.Uint16, field.WithStrings(tlsExtNames))
	hfTLSExtLen       = Fields.Add(protoTLS, "tls.handshake.extension.len", "Length", field.Uint16)
	hfTLSExtData      = Fields.Add(protoTLS, "tls.handshake.extension.data", "Data", field.Bytes)
	hfTLSSNIListLen   = Fields.Add(protoTLS, "tls.handshake.extensions_server_name_list_len", "Server Name list length", field.Uint16)
	hfTLSSNIType      = Fields.Add(protoTLS, "tls.handshake.extensions_server_name_type", "Server Name Type", field.Uint8, field.WithStrings(tlsSNITypeNames))
	hfTLSSNILen       = Fields.Add(protoTLS, "tls.handshake.extensions_server_name_len", "Server Name length", field.Uint16)
	hfTLSSNI          = Fields.Add(protoTLS, "tls.handshake.extensions_server_name", "Server Name", field.String)
	hfTLSGroupsLen    = Fields.Add(protoTLS, "tls.handshake.extensions_supported_groups_length", "Supported Groups List Length", field.Uint16)
	hfTLSGroups       = Fields.Add(protoTLS, "tls.handshake.extensions_supported_groups", "Supported Groups List", field.None)
	hfTLSGroup        = Fields.Add(protoTLS, "tls.handshake.extensions_supported_group", "Supported Group", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tlsGroupNames))
	hfTLSECPFLen      = Fields.Add(protoTLS, "tls.handshake.extensions_ec_point_formats_length", "EC point formats Length", field.Uint8)
	hfTLSECPFs        = Fields.Add(protoTLS, "tls.handshake.extensions_ec_point_formats", "EC point formats", field.None)
	hfTLSECPF         = Fields.Add(protoTLS, "tls.handshake.extensions_ec_point_format", "EC point format", field.Uint8, field.WithStrings(tlsECPointNames))
	hfTLSSigAlgsLen   = Fields.Add(protoTLS, "tls.handshake.sig_hash_alg_len", "Signature Hash Algorithms Length", field.Uint16)
	hfTLSSigAlgs      = Fields.Add(protoTLS, "tls.handshake.sig_hash_algs", "Signature Algorithms", field.None)
	hfTLSSigAlg       = Fields.Add(protoTLS, "tls.handshake.sig_hash_alg", "Signature Algorithm", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tlsSigAlgNames))
	hfTLSSigHash      = Fields.Add(protoTLS, "tls.handshake.sig_hash_hash", "Signature Hash Algorithm Hash", field.Uint8, field.WithStrings(tlsSigHashNames))
	hfTLSSigSig       = Fields.Add(protoTLS, "tls.handshake.sig_hash_sig", "Signature Hash Algorithm Signature", field.Uint8, field.WithStrings(tlsSigSigNames))
	hfTLSALPNLen      = Fields.Add(protoTLS, "tls.handshake.extensions_alpn_len", "ALPN Extension Length", field.Uint16)
	hfTLSALPNList     = Fields.Add(protoTLS, "tls.handshake.extensions_alpn_list", "ALPN Protocol", field.None)
	hfTLSALPNStrLen   = Fields.Add(protoTLS, "tls.handshake.extensions_alpn_str_len", "ALPN string length", field.Uint8)
	hfTLSALPNStr      = Fields.Add(protoTLS, "tls.handshake.extensions_alpn_str", "ALPN Next Protocol", field.String)
	hfTLSSupVersLen   = Fields.Add(protoTLS, "tls.handshake.extensions.supported_versions_len", "Supported Versions length", field.Uint8)
	hfTLSSupVer       = Fields.Add(protoTLS, "tls.handshake.extensions.supported_version", "Supported Version", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tlsVersionNames))
	hfTLSKSClientLen  = Fields.Add(protoTLS, "tls.handshake.extensions_key_share_client_length", "Client Key Share Length", field.Uint16)
	hfTLSKSGroup      = Fields.Add(protoTLS, "tls.handshake.extensions_key_share_group", "Group", field.Uint16, field.WithStrings(tlsGroupNames))
	hfTLSKSSelected   = Fields.Add(protoTLS, "tls.handshake.extensions_key_share_selected_group", "Selected Group", field.Uint16, field.WithStrings(tlsGroupNames))
	hfTLSKSKxLen      = Fields.Add(protoTLS, "tls.handshake.extensions_key_share_key_exchange_length", "Key Exchange Length", field.Uint16)
	hfTLSKSKx         = Fields.Add(protoTLS, "tls.handshake.extensions_key_share_key_exchange", "Key Exchange", field.Bytes)
	hfTLSPSKModesLen  = Fields.Add(protoTLS, "tls.extension.psk_ke_modes_length", "PSK Key Exchange Modes Length", field.Uint8)
	hfTLSPSKMode      = Fields.Add(protoTLS, "tls.extension.psk_ke_mode", "PSK Key Exchange Mode", field.Uint8, field.WithStrings(tlsPSKModeNames))
	hfTLSRenegLen     = Fields.Add(protoTLS, "tls.handshake.extensions_reneg_info_len", "Renegotiation info extension length", field.Uint8)
	hfTLSPadding      = Fields.Add(protoTLS, "tls.handshake.extensions_padding_data", "Padding Data", field.Bytes)
	hfTLSHeartbeat    = Fields.Add(protoTLS, "tls.handshake.extension.heartbeat.mode", "Mode", field.Uint8, field.WithStrings(tlsHeartbeatNames))
	hfTLSStatusType   = Fields.Add(protoTLS, "tls.handshake.extensions_status_request_type", "Certificate Status Type", field.Uint8, field.WithStrings(tlsStatusTypeNames))
	hfTLSStatusRIDLen = Fields.Add(protoTLS, "tls.handshake.extensions_status_request_responder_ids_len", "Responder ID list Length", field.Uint16)
	hfTLSStatusExtLen = Fields.Add(protoTLS, "tls.handshake.extensions_status_request_exts_len", "Request Extensions Length", field.Uint16)
	hfTLSCertCompLen  = Fields.Add(protoTLS, "tls.compress_certificate.algorithms_length", "Algorithms Length", field.Uint8)
	hfTLSCertComp     = Fields.Add(protoTLS, "tls.compress_certificate.algorithm", "Algorithm", field.Uint16, field.WithStrings(tlsCertCompNames))
	hfTLSCertsLen     = Fields.Add(protoTLS, "tls.handshake.certificates_length", "Certificates Length", field.Uint24)
	hfTLSCerts        = Fields.Add(protoTLS, "tls.handshake.certificates", "Certificates", field.None)
	hfTLSCertLen      = Fields.Add(protoTLS, "tls.handshake.certificate_length", "Certificate Length", field.Uint24)
	hfTLSCert         = Fields.Add(protoTLS, "tls.handshake.certificate", "Certificate", field.Bytes)
	hfTLSEPMSLen      = Fields.Add(protoTLS, "tls.handshake.epms_len", "Encrypted PreMaster length", field.Uint16)
	hfTLSEPMS         = Fields.Add(protoTLS, "tls.handshake.epms", "Encrypted PreMaster", field.Bytes)
	hfTLSClientPtLen  = Fields.Add(protoTLS, "tls.handshake.client_point_len", "Pubkey Length", field.Uint8)
	hfTLSClientPt     = Fields.Add(protoTLS, "tls.handshake.client_point", "Pubkey", field.Bytes)
	hfTLSServerPtLen  = Fields.Add(protoTLS, "tls.handshake.server_point_len", "Pubkey Length", field.Uint8)
	hfTLSServerPt     = Fields.Add(protoTLS, "tls.handshake.server_point", "Pubkey", field.Bytes)
	hfTLSCurveType    = Fields.Add(protoTLS, "tls.handshake.server_curve_type", "Curve Type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(tlsCurveTypeNames))
	hfTLSNamedCurve   = Fields.Add(protoTLS, "tls.handshake.server_named_curve", "Named Curve", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tlsGroupNames))
	hfTLSSigLen       = Fields.Add(protoTLS, "tls.handshake.sig_len", "Signature Length", field.Uint16)
	hfTLSSig          = Fields.Add(protoTLS, "tls.handshake.sig", "Signature", field.Bytes)
	hfTLSTicketHint   = Fields.Add(protoTLS, "tls.handshake.session_ticket_lifetime_hint", "Session Ticket Lifetime Hint", field.Uint32)
	hfTLSTicketLen    = Fields.Add(protoTLS, "tls.handshake.session_ticket_length", "Session Ticket Length", field.Uint16)
	hfTLSTicket       = Fields.Add(protoTLS, "tls.handshake.session_ticket", "Session Ticket", field.Bytes)
	hfTLSCCS          = Fields.Add(protoTLS, "tls.change_cipher_spec", "Change Cipher Spec Message", field.None)
	hfTLSAlert        = Fields.Add(protoTLS, "tls.alert_message", "Alert Message", field.None)
	hfTLSAlertLevel   = Fields.Add(protoTLS, "tls.alert_message.level", "Level", field.Uint8, field.WithStrings(tlsAlertLevelNames))
	hfTLSAlertDesc    = Fields.Add(protoTLS, "tls.alert_message.desc", "Description", field.Uint8, field.WithStrings(tlsAlertDescNames))
	hfTLSAppData      = Fields.Add(protoTLS, "tls.app_data", "Encrypted Application Data", field.Bytes)
	hfTLSAppProto     = Fields.Add(protoTLS, "tls.app_data_proto", "Application Data Protocol", field.String)
	hfTLSHsFragments  = Fields.Add(protoTLS, "tls.handshake.fragments", "Reassembled Handshake Fragments", field.None)
	hfTLSHsFragment   = Fields.Add(protoTLS, "tls.handshake.fragment", "Handshake Fragment", field.FrameNum)
	hfTLSHsFragCount  = Fields.Add(protoTLS, "tls.handshake.fragment.count", "Handshake Fragment count", field.Uint32)
	hfTLSHsReasmIn    = Fields.Add(protoTLS, "tls.handshake.reassembled_in", "Reassembled Handshake Message in frame", field.FrameNum, field.WithBlurb("The handshake message is fully reassembled in this frame"))
	hfTLSJA3Full      = Fields.Add(protoTLS, "tls.handshake.ja3_full", "JA3 Fullstring", field.String)
	hfTLSJA3          = Fields.Add(protoTLS, "tls.handshake.ja3", "JA3", field.String)
	hfTLSJA3SFull     = Fields.Add(protoTLS, "tls.handshake.ja3s_full", "JA3S Fullstring", field.String)
	hfTLSJA3S         = Fields.Add(protoTLS, "tls.handshake.ja3s", "JA3S", field.String)

	handleTLS = &Handle{Name: "tls", Fn: dissectTLS}
	tlsSlot   = newStateSlot(func() any {
		return &tlsState{convs: map[dnsConvKey]*tlsConv{}, frames: map[uint32]*tlsSnap{}, heur: map[dnsConvKey]uint32{},
			reasmIn: map[uint32]uint32{}, hsReasmIn: map[uint64]uint32{}}
	})
)

// tlsPorts are the TCP ports Wireshark 4.0 decodes as TLS, with the protocol the decrypted
// application data would go to ("" when none is registered).
var tlsPorts = map[uint32]string{
	324: "", 443: "Hypertext Transfer Protocol", 465: "Simple Mail Transfer Protocol", 636: "Lightweight Directory Access Protocol",
	802: "", 853: "Domain Name System", 993: "Internet Message Access Protocol", 995: "Post Office Protocol",
	1300: "", 2221: "", 2443: "", 3249: "", 3250: "", 3251: "", 3252: "", 3496: "",
	5061: "Session Initiation Protocol", 5671: "", 5684: "", 5868: "", 8883: "MQ Telemetry Transport Protocol",
	11207: "", 19999: "", 27017: "",
}

var tlsHsNames = map[uint64]string{
	0: "Hello Request", 1: "Client Hello", 2: "Server Hello", 3: "Hello Verify Request", 4: "New Session Ticket",
	5: "End of Early Data", 6: "Hello Retry Request", 8: "Encrypted Extensions", 11: "Certificate",
	12: "Server Key Exchange", 13: "Certificate Request", 14: "Server Hello Done", 15: "Certificate Verify",
	16: "Client Key Exchange", 20: "Finished", 21: "Client Certificate URL", 22: "Certificate Status",
	23: "Supplemental Data", 24: "Key Update", 25: "Compressed Certificate", 67: "Encrypted Extensions",
}

// tlsVersionShort names versions in the Protocol column and record labels.
func tlsVersionShort(v uint16) string {
	switch v {
	case 0x0002:
		return "SSLv2"
	case 0x0300:
		return "SSLv3"
	case 0x0301:
		return "TLSv1"
	case 0x0302:
		return "TLSv1.1"
	case 0x0303:
		return "TLSv1.2"
	case 0x0304:
		return "TLSv1.3"
	case 0xfeff:
		return "DTLSv1.0"
	case 0xfefd:
		return "DTLSv1.2"
	}
	if v&0xff00 == 0x7f00 || v&0xff00 == 0xfb00 {
		return "TLSv1.3"
	}
	return "TLS"
}

func init() {
	RegisterShortName(protoTLS, "TLS")
	for p := range tlsPorts {
		TCPPort.Add(uint64(p), handleTLS)
	}
	TCPPort.AddHeuristic(Heuristic{Name: "tls_tcp", Fn: tlsHeuristic})
}

// tlsConv is what the first pass knows of a TLS conversation.
type tlsConv struct {
	// A TCP connection that reuses the addresses and ports of an earlier one is a new
	// conversation: prev is the earlier one, first the frame the new one began with.
	prev    *tlsConv
	first   uint32
	stream  uint32 // tcp.stream
	version uint16 // negotiated version, 0 until a Server Hello
	cipher  uint16
	ccs     [2]bool   // a Change Cipher Spec was seen from side 0 / side 1: later handshakes are encrypted
	pending [2][]byte // bytes of an incomplete record per side
	// ccsFrame is the frame of each side's last Change Cipher Spec: handshake records of later
	// frames are taken as encrypted.
	ccsFrame [2]uint32
	hs       [2]*tlsHsMsg // a handshake message that continues in the side's next record
	feed     [2][]byte    // per direction, the start of a handshake message not yet given to sess
	// pendRefs says where pending's bytes lie in the capture's frames, while they all lie in frames
	// (pendOK): the frame completing the record keeps these references instead of a copy.
	pendRefs [2][]pduRef
	pendOK   [2]bool
	pendSegs [2][]pduSeg // the frames pending's bytes came from, and how many from each
	// pendFrames are the frames that began or continued pending without completing it: the frame
	// that completes it is their tcp.reassembled_in (kept unless one-pass).
	pendFrames [2][]uint32

	// Decryption (first pass only; see tlsdecrypt.go).
	sess       *tls.Session
	server     netip.AddrPort
	clientSide int         // the side of the client
	alpn       string      // the protocol the Server Hello's ALPN chose
	reported   string      // the last decryption failure reported
	appBuf     [2][]byte   // application data of an unfinished PDU, per direction
	appSegs    [2][]pduSeg // the frames appBuf's data came from

	helloSID  []byte // the Client Hello's session ID
	helloSide int    // the side that sent the Client Hello
	resumed   bool   // the Server Hello echoed a non-empty session ID: an abbreviated handshake

	// views are the conversation's states as frames saw them, one each time the state changed
	// (first pass; read by later dissections under the state's lock).
	views []tlsViewAt
}

// tlsView is the part of a conversation's state that a frame's dissection starts from. It is
// immutable once recorded, and shared by all the frames that start from the same state.
type tlsView struct {
	version, cipher       uint16
	ccs                   [2]bool
	ccsFrame              [2]uint32
	resumed               bool
	clientSide, helloSide int8
	server                netip.AddrPort
	alpn                  string
}

// tlsViewAt is the state of a conversation from frame on (until the next change).
type tlsViewAt struct {
	frame uint32
	v     *tlsView
}

// view returns the conversation's current state as a tlsView.
func (s *tlsConv) view() tlsView {
	return tlsView{version: s.version, cipher: s.cipher, ccs: s.ccs, ccsFrame: s.ccsFrame, resumed: s.resumed,
		clientSide: int8(s.clientSide), helloSide: int8(s.helloSide), server: s.server, alpn: s.alpn}
}

// noteView records, in the first pass, the state frame n starts from when it changed.
func (s *tlsConv) noteView(n uint32) {
	v := s.view()
	if k := len(s.views); k > 0 && *s.views[k-1].v == v {
		return
	}
	s.views = append(s.views, tlsViewAt{n, &v})
}

// viewAt returns the state frame n started from in the first pass (nil before the conversation).
func (s *tlsConv) viewAt(n uint32) *tlsView {
	i := sort.Search(len(s.views), func(i int) bool { return s.views[i].frame > n })
	if i == 0 {
		return nil
	}
	return s.views[i-1].v
}

// tlsSnap is what the first pass recorded of a frame beyond its conversation's state (tlsView),
// so that later dissections of the frame see the same thing. Frames that need nothing more have
// none.
type tlsSnap struct {
	// The incomplete record this frame completes: where its bytes lie in earlier frames (refs) when
	// the frames can be read again (SetFrameSource), else a copy (prefix).
	refs   []pduRef
	prefix []byte
	segs   []pduSeg // with prefix: the frames its bytes came from
	// cont marks a frame that only continues a record without completing it: it shows nothing of
	// TLS, and keeps no bytes (keeping every frame's prefix made memory grow with the square of
	// the record size).
	cont bool
	// headStart marks a continuing frame that completes the record's header (before it, the
	// header was incomplete): Wireshark's TCP then calls TLS, which asks for the rest.
	headStart bool
	// Decryption: each record's outcome in order.
	dec        []tlsDec
	fromServer bool // the frame was sent by the server (for Follow TLS Stream)
	// A Server Hello in this frame set resumed (an abbreviated handshake when true).
	hello, helloResumed bool
	// Handshake records that continued a message begun in an earlier record.
	hs []tlsHsFrag
}

// tlsContSnap is the record of every frame that only continues a record; tlsContHeadSnap of those
// that complete its header.
var (
	tlsContSnap     = &tlsSnap{cont: true}
	tlsContHeadSnap = &tlsSnap{cont: true, headStart: true}
)

// empty reports whether the snapshot holds nothing a re-dissection needs.
func (p *tlsSnap) empty() bool {
	return p.refs == nil && p.prefix == nil && !p.cont && p.dec == nil && !p.hello && p.hs == nil
}

type tlsState struct {
	keys   *tls.Keys  // nil: no decryption (set by NewStateWith)
	cache  *tls.Cache // master secrets for resumption across the capture's connections
	convs  map[dnsConvKey]*tlsConv
	frames map[uint32]*tlsSnap
	heur   map[dnsConvKey]uint32 // conversations the heuristic recognised, from that frame on
	// What later dissections show that the first pass learnt after the frame: the frame that
	// completes the record a frame begins or continues (tcp.reassembled_in), and the frame that
	// completes the handshake message a handshake record begins or continues (by frame<<16 |
	// handshake record number; tls.handshake.reassembled_in).
	reasmIn   map[uint32]uint32
	hsReasmIn map[uint64]uint32

	// Record buffers for reuse by a one-pass run without keys, where nothing outlives its frame:
	// lent to the current frame (as reassembled records), free for the next records.
	lent, free [][]byte
	lentFrame  uint32
}

// pooling reports whether record buffers may be reused (see tlsState.lent).
func (st *tlsState) pooling(c *Ctx) bool { return c.State.onePass && st.keys == nil }

// recycle frees the buffers lent to an earlier frame.
func (st *tlsState) recycle(c *Ctx) {
	if st.lentFrame != c.Frame.Number {
		if len(st.free) < 64 {
			st.free = append(st.free, st.lent...)
		}
		clear(st.lent)
		st.lent, st.lentFrame = st.lent[:0], c.Frame.Number
	}
}

// buffer returns an empty buffer for a record of need bytes, reused when it can be.
func (st *tlsState) buffer(need int) []byte {
	for i := len(st.free) - 1; i >= 0; i-- {
		if b := st.free[i]; cap(b) >= need {
			st.free[i] = st.free[len(st.free)-1]
			st.free[len(st.free)-1] = nil
			st.free = st.free[:len(st.free)-1]
			return b[:0]
		}
	}
	return make([]byte, 0, need)
}

// tlsSide says which end of the conversation sent the frame.
func tlsSide(c *Ctx, k dnsConvKey) int {
	var a [16]byte
	copy(a[:], c.NetSrc)
	if a == k.a && c.SrcPort == k.pa {
		return 0
	}
	return 1
}

// tlsHeuristic recognises a TLS record on any TCP port (Wireshark's
// "tls_tcp" heuristic), and the rest of a conversation it recognised.
func tlsHeuristic(c *Ctx, t Tvb, parent int32) bool {
	st := c.State.slot(tlsSlot).(*tlsState)
	k := newDNSConvKey(c)
	if from, ok := st.heur[k]; ok && c.Frame.Number >= from {
		c.Call(handleTLS, t, parent)
		return true
	}
	// What tshark 4.0 accepts: a handshake or application data record of SSL 3.0 to TLS 1.2 with a
	// plausible length.
	if t.Len() < 5 || (t.B[0] != 22 && t.B[0] != 23) || t.B[1] != 3 || t.B[2] > 3 {
		return false
	}
	if l := int(t.U16(3)); l == 0 || l >= 16384+2048 {
		return false
	}
	if c.Pass1 {
		st.heur[k] = c.Frame.Number
	}
	c.Call(handleTLS, t, parent)
	return true
}

// tlsCtx is one frame's TLS dissection.
type tlsCtx struct {
	c       *Ctx
	s       *tlsConv // the conversation: the live state in the first pass, a copy of the snapshot later
	side    int
	appName string
	started bool // Info was cleared by the first record

	snap   *tlsSnap // this frame's record of the first pass
	decIdx int      // the next record outcome to read from snap.dec
	plain  bool     // the handshake record being dissected was decrypted
	top    int32    // the tree parent of TLS, where application protocols go
	after  []tlsApp // decrypted application data to dissect after the TLS tree
	hsRecs uint16   // handshake records dissected so far in the frame

	tcpTop    int32 // the TCP tree node, once looked up (0: not yet)
	added     bool  // records added a TLS protocol item
	continued bool  // the data follows a record this frame completed
}

func dissectTLS(c *Ctx, t Tvb, parent int32) {
	st := c.State.slot(tlsSlot).(*tlsState)
	var pool *tlsState // where record buffers come from and go back to, when they may be reused
	if c.Pass1 && st.pooling(c) {
		st.recycle(c)
		pool = st
	}
	k := newDNSConvKey(c)
	side := tlsSide(c, k)
	var s *tlsConv
	var snap *tlsSnap
	var prefix []byte
	keep := !c.State.onePass // a one-pass run never re-dissects: keep no records
	if c.Pass1 {
		s = st.convs[k]
		stream, ok := tlsTCPStream(c)
		if s == nil || ok && s.stream != stream {
			// A new conversation, or a new TCP connection reusing the ports of an earlier one.
			s = &tlsConv{prev: s, first: c.Frame.Number, stream: stream}
			st.convs[k] = s
			tlsStartSession(c, st, s, side)
		}
		if keep {
			s.noteView(c.Frame.Number)
		}
		prefix = s.pending[side]
		snap = &tlsSnap{fromServer: side != s.clientSide}
		defer func() {
			if keep && !snap.empty() {
				st.frames[c.Frame.Number] = snap
			}
		}()
	} else {
		s = &tlsConv{}
		snap = st.frames[c.Frame.Number]
		if snap != nil && snap.cont {
			tlsMiddleSegment(c, t, parent, st.reasmIn[c.Frame.Number], snap.headStart)
			return
		}
		var v *tlsView
		live := st.convs[k]
		for live != nil && live.first > c.Frame.Number {
			live = live.prev
		}
		if live != nil {
			v = live.viewAt(c.Frame.Number)
		}
		if v != nil {
			s.version, s.cipher, s.ccs, s.ccsFrame, s.resumed = v.version, v.cipher, v.ccs, v.ccsFrame, v.resumed
			s.clientSide, s.helloSide, s.server, s.alpn = int(v.clientSide), int(v.helloSide), v.server, v.alpn
		}
		if snap != nil {
			prefix = snap.prefix
			if snap.refs != nil {
				prefix = c.State.slot(reasmSlot).(*reasmState).refBytes(snap.refs)
			}
		}
	}
	x := &tlsCtx{c: c, s: s, side: side, snap: snap, top: parent}
	if name, ok := tlsPorts[c.MatchPort]; ok {
		x.appName = name
	}
	if len(prefix) > 0 {
		// This frame continues a record: complete it in a buffer of its own.
		need := tlsRecordLen(prefix, t.B)
		if need < 0 || len(prefix)+t.Len() < need {
			// TCP hands TLS the rest of a record whose header was incomplete (Wireshark's "one
			// more segment"), else keeps the segment without calling TLS.
			headStart := len(prefix) < 5
			if c.Pass1 {
				s.pending[side] = tlsPendAppend(pool, prefix, t.B)
				s.addPendRef(c, side, t, 0)
				snap = tlsContSnap
				if headStart {
					snap = tlsContHeadSnap
				}
				if keep {
					s.pendFrames[side] = append(s.pendFrames[side], c.Frame.Number)
				}
			}
			tlsMiddleSegment(c, t, parent, 0, headStart)
			return
		}
		take := need - len(prefix)
		var buf []byte
		if c.Pass1 && cap(prefix) >= need {
			buf = append(prefix, t.B[:take]...) // the pending buffer was made for this record: it becomes it
			if pool != nil {
				pool.lent = append(pool.lent, buf)
			}
		} else {
			buf = make([]byte, 0, need)
			buf = append(append(buf, prefix...), t.B[:take]...)
		}
		var segs []pduSeg // where the record's bytes came from, as TCP shows it
		if c.Pass1 {
			segs = s.pendSegs[side]
			if keep {
				// Recorded before the records are dissected: decrypting them adds to snap.
				if s.pendOK[side] && c.State.slot(reasmSlot).(*reasmState).frames != nil {
					snap.refs = s.pendRefs[side]
				} else {
					snap.prefix = append([]byte(nil), prefix...) // exact size: the growing buffer can go
					snap.segs = segs
				}
			}
		} else if snap != nil {
			segs = snap.segs
			if snap.refs != nil {
				segs = make([]pduSeg, len(snap.refs))
				for i, r := range snap.refs {
					segs[i] = pduSeg{r.frame, r.len}
				}
			}
		}
		segs = append(segs[:len(segs):len(segs)], pduSeg{c.Frame.Number, uint32(take)})
		x.tcpTop = tlsTCPNode(c)
		c.T.Sources = append(c.T.Sources, field.Source{Name: "Reassembled TCP", Bytes: buf})
		rt := Tvb{B: buf, Src: uint8(len(c.T.Sources) - 1)}
		c.tcpSegmentsTree(parent, rt, &tcpPDU{segs: segs})
		x.records(rt, parent)
		// after the records: what their protocols add to TCP's tree (HTTP/2's PDU sizes) comes first
		c.tcpSegmentData(x.tcpTop, t, 0, take, 0)
		if c.Pass1 {
			for _, f := range s.pendFrames[side] {
				st.reasmIn[f] = c.Frame.Number
			}
			s.pending[side], s.pendRefs[side], s.pendSegs[side], s.pendFrames[side] = nil, nil, nil, nil
		}
		if take == t.Len() {
			return
		}
		// Wireshark calls TLS again for what follows the reassembled record.
		c.PushLayer("tls")
		t = t.Sub(take)
		x.continued = true
	}
	x.added = false
	used := x.records(t, parent)
	if !x.added {
		// Only the start of a record: Wireshark shows an empty protocol item while TCP waits for
		// the rest.
		c.AddProto(parent, protoTLS, t, 0, -1)
	}
	if used < t.Len() {
		if x.tcpTop == 0 {
			x.tcpTop = tlsTCPNode(c)
		}
		in := uint32(0)
		if !c.Pass1 {
			in = st.reasmIn[c.Frame.Number]
		}
		c.tcpSegmentData(x.tcpTop, t, used, t.Len()-used, in)
		if used == 0 && !x.continued {
			c.SetProtocol("TCP")
			c.SetInfo("[TCP segment of a reassembled PDU]")
		}
	}
	if c.Pass1 {
		if used < t.Len() {
			s.pending[side] = tlsPendAppend(pool, nil, t.B[used:])
			s.pendRefs[side], s.pendOK[side] = nil, true
			s.pendSegs[side], s.pendFrames[side] = nil, nil
			if keep {
				s.pendFrames[side] = []uint32{c.Frame.Number}
			}
			s.addPendRef(c, side, t, used)
		} else {
			s.pending[side], s.pendRefs[side], s.pendSegs[side], s.pendFrames[side] = nil, nil, nil, nil
		}
	}
}

// tlsTCPStream returns, in the first pass, the TCP connection (tcp.stream) the frame belongs to.
func tlsTCPStream(c *Ctx) (uint32, bool) {
	if c.PortType != 6 {
		return 0, false
	}
	key, _ := makeConvKey(c.NetSrc, c.NetDst, uint16(c.SrcPort), uint16(c.DstPort))
	if cv := c.State.slot(tcpSlot).(*tcpState).convs[key]; cv != nil {
		return cv.stream, true
	}
	return 0, false
}

// tlsMiddleSegment shows a segment that neither begins nor ends a record the way TCP shows the
// middle of a PDU it reassembles: segment data, and no TLS.
func tlsMiddleSegment(c *Ctx, t Tvb, parent int32, in uint32, headStart bool) {
	c.tcpSegmentData(tlsTCPNode(c), t, 0, t.Len(), in)
	if headStart {
		// TLS saw the record's header and asked for the rest: an empty protocol item, and TCP's
		// columns.
		c.AddProto(parent, protoTLS, t, 0, -1)
		c.SetProtocol("TCP")
		c.SetInfo("[TCP segment of a reassembled PDU]")
		return
	}
	if bytes.HasSuffix(c.layers, []byte(":tls")) {
		c.layers = c.layers[:len(c.layers)-4]
	}
	c.AppendInfoSep(" ", "[TCP segment of a reassembled PDU]")
}

// tlsTCPNode returns the tree node of the TCP header that carries the TLS data (the root when
// there is none).
func tlsTCPNode(c *Ctx) int32 {
	for i := len(c.T.Nodes) - 1; i > 0; i-- {
		if c.T.Nodes[i].Field == protoTCP {
			return int32(i)
		}
	}
	return 0
}

// addPendRef notes, in the first pass, that t.B[o:] was added to the side's incomplete record.
func (s *tlsConv) addPendRef(c *Ctx, side int, t Tvb, o int) {
	if n := t.Len() - o; n > 0 {
		s.pendSegs[side] = append(s.pendSegs[side], pduSeg{c.Frame.Number, uint32(n)})
	}
	if !s.pendOK[side] {
		return
	}
	if t.Src != 0 {
		s.pendOK[side], s.pendRefs[side] = false, nil
		return
	}
	if n := t.Len() - o; n > 0 {
		s.pendRefs[side] = append(s.pendRefs[side], pduRef{frame: c.Frame.Number, off: uint32(t.Off + o), len: uint32(n)})
	}
}

// tlsPendAppend appends b to the bytes of an incomplete record, allocating once for the whole
// record as soon as its header tells its length (growing by doubling would copy and discard a
// record's bytes a few times over), from the reuse pool when st is given.
func tlsPendAppend(st *tlsState, pending, b []byte) []byte {
	if need := tlsRecordLen(pending, b); need > cap(pending) && need > len(pending)+len(b) && need <= 5+1<<16 {
		var p []byte
		if st != nil {
			p = st.buffer(need)[:len(pending)]
		} else {
			p = make([]byte, len(pending), need)
		}
		copy(p, pending)
		pending = p
	}
	return append(pending, b...)
}

// tlsRecordLen returns the length of the record starting with a+b, or -1 when its header is
// incomplete.
func tlsRecordLen(a, b []byte) int {
	var h [5]byte
	n := copy(h[:], a)
	if n < 5 {
		if copy(h[n:], b) < 5-n {
			return -1
		}
	}
	return 5 + (int(h[3])<<8 | int(h[4]))
}

// records dissects the complete records at the start of t and returns how many bytes they take.
func (x *tlsCtx) records(t Tvb, parent int32) int {
	c := x.c
	o := 0
	p := int32(-1)
	for o+5 <= t.Len() {
		ct := t.B[o]
		if ct < 20 || ct > 25 || t.B[o+1] != 3 && !(t.B[o+1] == 0xfe) {
			// Not a record: data from the middle of a stream whose start was not seen. Show it and
			// drop it rather than wait for a record that will never complete.
			if p < 0 {
				p = c.AddProto(parent, protoTLS, t, 0, -1)
				x.added = true
			}
			c.AddText(p, t, o, t.Len()-o, "Ignored Unknown Record")
			if !x.started {
				c.ClearInfo()
				x.started = true
			}
			c.AppendInfoSep(", ", "Continuation Data")
			c.SetProtocol("TLS")
			return t.Len()
		}
		l := int(t.U16(o + 3))
		if o+5+l > t.Len() {
			break
		}
		if p < 0 {
			p = c.AddProto(parent, protoTLS, t, 0, -1)
			x.added = true
			if !x.started {
				c.ClearInfo()
				x.started = true
			}
		}
		x.record(t.SubLen(o, 5+l), p)
		o += 5 + l
	}
	if p >= 0 && len(x.after) > 0 {
		x.flushApp(p)
	}
	return o
}

// record dissects one complete record.
func (x *tlsCtx) record(t Tvb, p int32) {
	c, s := x.c, x.s
	ct := t.U8(0)
	recVer := t.U16(1)
	l := int(t.U16(3))
	ver := recVer
	if s.version != 0 {
		ver = s.version
	}
	tls13 := s.version == 0x0304 || s.version&0xff00 == 0x7f00
	rec := c.AddProto(p, hfTLSRecord, t, 0, 5+l)
	if tls13 && ct == 23 {
		c.AddUint(rec, hfTLSOpaqueType, t, 0, 1)
	} else {
		c.AddUint(rec, hfTLSContentType, t, 0, 1)
	}
	c.AddUint(rec, hfTLSRecVersion, t, 1, 2)
	c.AddUint(rec, hfTLSRecLength, t, 3, 2)
	body := t.SubLen(5, l)
	prefix := tlsVersionShort(ver) + " Record Layer: "
	var label string
	if d := x.decrypt(ct, recVer, body.B); d != nil {
		if d.expert != "" {
			c.Expert(rec, eiTLSDecrypt, t, 0, 5+l, d.expert)
		}
		if d.ok {
			label = x.plainRecord(p, rec, t, ct, d)
			if c.Visible() {
				c.T.SetLabel(rec, prefix+label)
			}
			c.SetProtocol(tlsVersionShort(ver))
			return
		}
	}
	switch ct {
	case 20:
		ccs := c.AddProto(rec, hfTLSCCS, body, 0, l)
		if s.resumed && x.side != s.helloSide {
			c.Expert(ccs, eiTLSResumed, body, 0, l, "")
		}
		c.AppendInfoSep(", ", "Change Cipher Spec")
		label = "Change Cipher Spec Protocol: Change Cipher Spec"
		s.ccs[x.side] = true
		s.ccsFrame[x.side] = c.Frame.Number
	case 21:
		if s.ccs[x.side] || l != 2 {
			a := c.AddProto(rec, hfTLSAlert, body, 0, l)
			c.Label(a, "Alert Message: Encrypted Alert")
			c.AppendInfoSep(", ", "Encrypted Alert")
			label = "Encrypted Alert"
		} else {
			a := c.AddProto(rec, hfTLSAlert, body, 0, l)
			_, lv := c.AddUint(a, hfTLSAlertLevel, body, 0, 1)
			_, ds := c.AddUint(a, hfTLSAlertDesc, body, 1, 1)
			lvn, ok := tlsAlertLevelNames[lv]
			if !ok {
				lvn = "Unknown (" + strconv.FormatUint(lv, 10) + ")"
			}
			dsn, ok := tlsAlertDescNames[ds]
			if !ok {
				dsn = "Unknown (" + strconv.FormatUint(ds, 10) + ")"
			}
			txt := "Alert (Level: " + lvn + ", Description: " + dsn + ")"
			c.AppendInfoSep(", ", txt)
			label = txt
		}
	case 22:
		label = "Handshake Protocol: " + x.handshakes(rec, body)
	case 23:
		c.AddBytes(rec, hfTLSAppData, body, 0, l)
		c.AppendInfoSep(", ", "Application Data")
		if x.appName != "" {
			c.AddGenerated(rec, hfTLSAppProto, t, 0, 0, field.Value{B: []byte(x.appName)})
			label = "Application Data Protocol: " + x.appName
		} else {
			label = "Application Data Protocol: Application Data"
		}
	default:
		label = tlsContentNames[uint64(ct)] + " Protocol"
		c.AppendInfoSep(", ", tlsContentNames[uint64(ct)])
	}
	if c.Visible() {
		c.T.SetLabel(rec, prefix+label)
	}
	if s.version != 0 {
		c.SetProtocol(tlsVersionShort(s.version))
	} else {
		c.SetProtocol(tlsVersionShort(recVer))
	}
}

// tlsHsMsg is a handshake message being put together from the records of one side (first pass).
type tlsHsMsg struct {
	buf  []byte
	segs []pduSeg // the fragments: frame and length
	recs []uint64 // the records before the last: frame<<16 | handshake record number
}

// tlsHsFrag is what the first pass did with a handshake record that continued a message begun in an
// earlier record: rec numbers the frame's handshake records; off is where in the message the
// record's bytes go; the record that completes the message keeps it (msg) and its fragments.
type tlsHsFrag struct {
	rec  uint16
	typ  uint8
	last bool
	off  uint32
	msg  []byte
	segs []pduSeg
}

// tlsMaxHsMsg bounds a handshake message put together from records (Wireshark assumes they are
// below 64 KiB when it guesses whether a record is encrypted).
const tlsMaxHsMsg = 1 << 24

// handshakes dissects the handshake messages of a record (Wireshark's dissect_tls_handshake),
// putting together messages that span records, and returns the record's summary.
func (x *tlsCtx) handshakes(rec int32, t Tvb) string {
	c, s := x.c, x.s
	recID := x.hsRecs
	x.hsRecs++
	var fr *tlsHsFrag
	if c.Pass1 {
		if m := s.hs[x.side]; m != nil {
			fr = x.hsContinue(m, t, recID)
		}
	} else if x.snap != nil {
		for i := range x.snap.hs {
			if x.snap.hs[i].rec == recID {
				fr = &x.snap.hs[i]
				break
			}
		}
	}
	o := 0
	first := true
	label := ""
	switch {
	case fr != nil && fr.last:
		n := len(fr.msg) - int(fr.off)
		h := c.AddProto(rec, hfTLSHandshake, t, 0, n)
		c.Label(h, "Handshake Protocol: %s (last fragment)", tlsValueNameOr(tlsHsNames, uint64(fr.typ), "Encrypted Handshake Message"))
		o = n
		c.T.Sources = append(c.T.Sources, field.Source{Name: "Reassembled TLS Handshake", Bytes: fr.msg})
		mt := Tvb{B: fr.msg, Src: uint8(len(c.T.Sources) - 1)}
		x.hsFragTree(rec, mt, fr.segs)
		label = x.hsMessage(rec, mt, 0, true)
		first = false
	case fr != nil:
		x.hsDetails(rec, fr.typ, false, false, false, t, 0, t.Len(), &label)
		x.hsReassembledIn(rec, t, recID)
		return label
	default:
		if x.hsEncrypted(t) {
			x.hsDetails(rec, 0, true, true, true, t, 0, t.Len(), &label)
			return label
		}
	}
	for o < t.Len() {
		sub := t.Len() - o
		msgLen := 0
		if sub >= 4 {
			msgLen = 4 + int(t.U24(o+1))
		}
		if msgLen == 0 || sub < msgLen {
			// The message continues in the side's next handshake record.
			if c.Pass1 && msgLen <= tlsMaxHsMsg {
				s.hs[x.side] = &tlsHsMsg{buf: append([]byte(nil), t.B[o:]...), segs: []pduSeg{{c.Frame.Number, uint32(sub)}},
					recs: []uint64{uint64(c.Frame.Number)<<16 | uint64(recID)}}
			}
			x.hsDetails(rec, t.U8(o), false, first, false, t, o, sub, &label)
			x.hsReassembledIn(rec, t, recID)
			break
		}
		if l := x.hsMessage(rec, t, o, first); l != "" {
			label = l
		}
		o += msgLen
		first = false
	}
	return label
}

// hsContinue adds, in the first pass, the start of handshake record t to the message m being put
// together and records what it did for later dissections.
func (x *tlsCtx) hsContinue(m *tlsHsMsg, t Tvb, recID uint16) *tlsHsFrag {
	c, s := x.c, x.s
	have := len(m.buf)
	sub := t.Len()
	msgLen := 0
	var hdr [4]byte
	if k := copy(hdr[:], m.buf); k+copy(hdr[k:], t.B) >= 4 {
		msgLen = 4 + (int(hdr[1])<<16 | int(hdr[2])<<8 | int(hdr[3]))
		if sub > msgLen-have {
			sub = msgLen - have
		}
	}
	last := msgLen != 0 && have+sub == msgLen
	m.buf = append(m.buf, t.B[:sub]...)
	m.segs = append(m.segs, pduSeg{c.Frame.Number, uint32(sub)})
	fr := tlsHsFrag{rec: recID, typ: m.buf[0], last: last, off: uint32(have)}
	if last || len(m.buf) > tlsMaxHsMsg {
		s.hs[x.side] = nil
	}
	if last {
		fr.msg, fr.segs = m.buf, m.segs
		if !c.State.onePass {
			st := c.State.slot(tlsSlot).(*tlsState)
			for _, k := range m.recs {
				st.hsReasmIn[k] = c.Frame.Number
			}
		}
	} else {
		m.recs = append(m.recs, uint64(c.Frame.Number)<<16|uint64(recID))
	}
	x.snap.hs = append(x.snap.hs, fr)
	return &x.snap.hs[len(x.snap.hs)-1]
}

// hsReassembledIn adds, in later dissections, the frame that completes the handshake message the
// record carries a fragment of.
func (x *tlsCtx) hsReassembledIn(rec int32, t Tvb, recID uint16) {
	c := x.c
	if c.Pass1 || !c.T.Wants(hfTLSHsReasmIn) {
		return
	}
	if in := c.State.slot(tlsSlot).(*tlsState).hsReasmIn[uint64(c.Frame.Number)<<16|uint64(recID)]; in != 0 {
		c.AddUintV(rec, hfTLSHsReasmIn, t, 0, 0, uint64(in))
	}
}

// hsEncrypted guesses whether a handshake record that does not continue a message is encrypted
// (Wireshark's is_encrypted_handshake_message).
func (x *tlsCtx) hsEncrypted(t Tvb) bool {
	if t.Len() < 16 {
		return false
	}
	maybe := !x.plain
	if maybe {
		maybe = t.B[0]|t.B[1]|t.B[2]|t.B[3]|t.B[4] == 0
		if !maybe {
			f := x.s.ccsFrame[x.side]
			maybe = f != 0 && x.c.Frame.Number > f
		}
	}
	if !maybe {
		if _, ok := tlsHsNames[uint64(t.B[0])]; !ok {
			return true
		}
		return t.U24(1) >= 0x10000
	}
	return true
}

// hsDetails sets the Info column and the record's label for a handshake record, and adds its
// Handshake Protocol item (Wireshark's tls_show_handshake_details). The record label goes to *label.
func (x *tlsCtx) hsDetails(rec int32, ty uint8, encrypted, first, complete bool, t Tvb, o, n int, label *string) int32 {
	c := x.c
	name := "Encrypted Handshake Message"
	if !encrypted {
		name = tlsValueNameOr(tlsHsNames, uint64(ty), name)
	}
	switch {
	case complete:
		c.AppendInfoSep(", ", name)
	case first:
		c.AppendInfoSep(", ", "["+name+" Fragment]")
	}
	if first {
		*label = name
		if !complete && !encrypted {
			*label += " (fragment)"
		}
	} else {
		*label = "Multiple Handshake Messages"
	}
	h := c.AddProto(rec, hfTLSHandshake, t, o, n)
	if c.Visible() {
		if !complete && !encrypted {
			c.T.SetLabel(h, "Handshake Protocol: "+name+" (fragment)")
		} else {
			c.T.SetLabel(h, "Handshake Protocol: "+name)
		}
	}
	return h
}

// hsMessage dissects the complete handshake message at t[o:] (Wireshark's
// dissect_tls_handshake_full) and returns the record's label ("" when it was left out).
func (x *tlsCtx) hsMessage(rec int32, t Tvb, o int, first bool) string {
	c := x.c
	ty := t.U8(o)
	l := int(t.U24(o + 1))
	if _, ok := tlsHsNames[uint64(ty)]; !ok && !first {
		return ""
	}
	var label string
	h := x.hsDetails(rec, ty, false, first, true, t, o, 4+l, &label)
	if _, ok := tlsHsNames[uint64(ty)]; !ok {
		return label
	}
	c.AddUint(h, hfTLSHsType, t, o, 1)
	c.AddUint(h, hfTLSHsLength, t, o+1, 3)
	x.handshake(h, ty, t.SubLen(o+4, l))
	return label
}

// hsFragTree adds "[4 Reassembled Handshake Fragments (1804 bytes): #8(512), ...]" over the
// reassembled message mt.
func (x *tlsCtx) hsFragTree(rec int32, mt Tvb, segs []pduSeg) {
	c := x.c
	tr := c.T
	if !tr.Wants(hfTLSHsFragments) && !tr.Wants(hfTLSHsFragment) && !tr.Wants(hfTLSHsFragCount) {
		return
	}
	top := c.segmentsTree(rec, hfTLSHsFragments, hfTLSHsFragment, "Reassembled Handshake Fragments", mt, segs)
	c.AddGenerated(top, hfTLSHsFragCount, mt, 0, 0, field.Value{U: uint64(len(segs))})
}

func tlsValueNameOr(m map[uint64]string, v uint64, def string) string {
	if s, ok := m[v]; ok {
		return s
	}
	return def
}

func (x *tlsCtx) handshake(h int32, ty uint8, t Tvb) {
	switch ty {
	case 1:
		x.clientHello(h, t)
	case 2:
		x.serverHello(h, t)
	case 4:
		if x.s.version == 0x0304 && t.Len() >= 9 {
			x.ticket13(h, t)
		} else if t.Len() >= 6 && !(x.s.version == 0x0304) {
			c := x.c
			tk := c.AddText(h, t, 0, t.Len(), "TLS Session Ticket")
			n, v := c.AddUint(tk, hfTLSTicketHint, t, 0, 4)
			c.Label(n, "Session Ticket Lifetime Hint: %d seconds (%s)", v, dnsTimeSecs(uint32(v)))
			_, l := c.AddUint(tk, hfTLSTicketLen, t, 4, 2)
			c.AddBytes(tk, hfTLSTicket, t, 6, int(l))
		}
	case 11:
		x.certificates(h, t)
	case 20:
		c := x.c
		c.AddProto(h, hfTLSVerifyData, t, 0, t.Len())
	case 8:
		if t.Len() >= 2 {
			var ja3 tlsJA3
			x.extensions(h, t, 0, 8, &ja3)
		}
	case 15:
		if t.Len() >= 4 {
			c := x.c
			o := 0
			if x.s.version >= 0x0303 {
				a := x.sigAlg(h, t, 0)
				c.AddUint(a, hfTLSSigHash, t, 0, 1)
				c.AddUint(a, hfTLSSigSig, t, 1, 1)
				o = 2
			}
			_, sl := c.AddUint(h, hfTLSCVSigLen, t, o, 2)
			c.AddBytes(h, hfTLSCVSig, t, o+2, int(sl))
		}
	case 12:
		x.serverKeyExchange(h, t)
	case 16:
		x.clientKeyExchange(h, t)
	}
}

func (x *tlsCtx) random(h int32, t Tvb, o int, withTime bool) {
	c := x.c
	r := c.AddBytes(h, hfTLSRandom, t, o, 32)
	if withTime {
		c.Add(r, hfTLSRandomTime, t, o, 4, field.Value{I: int64(t.U32(o)) * 1e9})
		c.AddBytes(r, hfTLSRandomBytes, t, o+4, 28)
	}
}

func tlsPlural(n int, one, many string) string {
	if n == 1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

// tlsGREASE reports whether v is a GREASE value (RFC 8701), left out of JA3.
func tlsGREASE(v uint16) bool { return v&0x0f0f == 0x0a0a && v>>8 == v&0xff }

func (x *tlsCtx) clientHello(h int32, t Tvb) {
	c := x.c
	ver := t.U16(0)
	c.AddUint(h, hfTLSHsVersion, t, 0, 2)
	x.random(h, t, 2, true)
	o := 34
	sl := int(t.U8(o))
	c.AddUint(h, hfTLSSessIDLen, t, o, 1)
	if sl > 0 {
		c.AddBytes(h, hfTLSSessID, t, o+1, sl)
	}
	if c.Pass1 {
		x.s.helloSID = append(x.s.helloSID[:0], t.Bytes(o+1, sl)...)
		x.s.helloSide, x.s.resumed = x.side, false
	}
	o += 1 + sl
	cl := int(t.U16(o))
	c.AddUint(h, hfTLSCiphersLen, t, o, 2)
	o += 2
	cs := c.AddProto(h, hfTLSCiphers, t, o, cl)
	c.Label(cs, "Cipher Suites (%s)", tlsPlural(cl/2, "suite", "suites"))
	var ja3c []string
	for i := 0; i+2 <= cl; i += 2 {
		c.AddUint(cs, hfTLSCipher, t, o+i, 2)
		if v := t.U16(o + i); !tlsGREASE(v) {
			ja3c = append(ja3c, strconv.Itoa(int(v)))
		}
	}
	o += cl
	ml := int(t.U8(o))
	c.AddUint(h, hfTLSCompLen, t, o, 1)
	o++
	ms := c.AddProto(h, hfTLSComps, t, o, ml)
	c.Label(ms, "Compression Methods (%s)", tlsPlural(ml, "method", "methods"))
	for i := 0; i < ml; i++ {
		c.AddUint(ms, hfTLSComp, t, o+i, 1)
	}
	o += ml
	var ja3 tlsJA3
	if o+2 <= t.Len() {
		x.extensions(h, t, o, 1, &ja3)
	}
	if c.T.Wants(hfTLSJA3Full) || c.T.Wants(hfTLSJA3) {
		full := strconv.Itoa(int(ver)) + "," + strings.Join(ja3c, "-") + "," + strings.Join(ja3.exts, "-") + "," +
			strings.Join(ja3.groups, "-") + "," + strings.Join(ja3.ecpf, "-")
		x.ja3(h, t, o, hfTLSJA3Full, hfTLSJA3, "JA3 Fullstring", full)
	}
}

// ja3 adds a JA3 or JA3S string and its MD5 digest as generated fields.
func (x *tlsCtx) ja3(h int32, t Tvb, o int, hfFull, hfHash field.ID, name, full string) {
	c := x.c
	n := c.AddGenerated(h, hfFull, t, o, 0, field.Value{B: []byte(full)})
	if c.Visible() && len(name)+2+len(full) > 238 {
		lbl := name + " [truncated]: " + full
		c.T.SetLabel(n, lbl[:238])
	}
	sum := md5.Sum([]byte(full))
	c.AddGenerated(h, hfHash, t, o, 0, field.Value{B: []byte(hex.EncodeToString(sum[:]))})
}

type tlsJA3 struct{ exts, groups, ecpf []string }

func (x *tlsCtx) serverHello(h int32, t Tvb) {
	c, s := x.c, x.s
	ver := t.U16(0)
	sid := int(t.U8(34))
	o := 35 + sid + 3
	// The negotiated version decides how the random is shown: look for supported_versions first.
	neg := ver
	if o+2 <= t.Len() {
		el := int(t.U16(o))
		for e := o + 2; e+4 <= o+2+el && e+4 <= t.Len(); {
			et, elen := t.U16(e), int(t.U16(e+2))
			if et == 43 && elen == 2 {
				neg = t.U16(e + 4)
			}
			e += 4 + elen
		}
	}
	c.AddUint(h, hfTLSHsVersion, t, 0, 2)
	x.random(h, t, 2, neg != 0x0304)
	c.AddUint(h, hfTLSSessIDLen, t, 34, 1)
	if sid > 0 {
		c.AddBytes(h, hfTLSSessID, t, 35, sid)
	}
	if c.Pass1 {
		// TLS 1.3 echoes the session ID for middlebox compatibility: not a resumption.
		s.resumed = sid > 0 && neg != 0x0304 && bytes.Equal(t.Bytes(35, sid), s.helloSID)
		if x.snap != nil {
			x.snap.hello, x.snap.helloResumed = true, s.resumed
		}
	} else if x.snap != nil && x.snap.hello {
		s.resumed = x.snap.helloResumed
	}
	cipher := t.U16(35 + sid)
	c.AddUint(h, hfTLSCipher, t, 35+sid, 2)
	c.AddUint(h, hfTLSComp, t, 37+sid, 1)
	var ja3 tlsJA3
	if o+2 <= t.Len() {
		x.extensions(h, t, o, 2, &ja3)
	}
	s.version = neg
	s.cipher = cipher
	if c.T.Wants(hfTLSJA3SFull) || c.T.Wants(hfTLSJA3S) {
		full := strconv.Itoa(int(ver)) + "," + strconv.Itoa(int(cipher)) + "," + strings.Join(ja3.exts, "-")
		x.ja3(h, t, o, hfTLSJA3SFull, hfTLSJA3S, "JA3S Fullstring", full)
	}
}

// extensions dissects an extensions block at o (its 2-byte length first) of a Client Hello (hs 1)
// or Server Hello (hs 2).
func (x *tlsCtx) extensions(h int32, t Tvb, o int, hs int, ja3 *tlsJA3) {
	c := x.c
	el := int(t.U16(o))
	c.AddUint(h, hfTLSExtsLen, t, o, 2)
	o += 2
	end := o + el
	for o+4 <= end {
		et := t.U16(o)
		l := int(t.U16(o + 2))
		name, ok := tlsExtNames[uint64(et)]
		if !ok {
			name = "Unknown type " + strconv.Itoa(int(et))
		}
		e := c.AddText(h, t, o, 4+l, "Extension: "+name+" (len="+strconv.Itoa(l)+")")
		c.AddUint(e, hfTLSExtType, t, o, 2)
		c.AddUint(e, hfTLSExtLen, t, o+2, 2)
		if !tlsGREASE(et) {
			ja3.exts = append(ja3.exts, strconv.Itoa(int(et)))
		}
		x.extension(e, et, t.SubLen(o+4, l), hs, ja3)
		o += 4 + l
	}
}

func (x *tlsCtx) extension(e int32, et uint16, t Tvb, hs int, ja3 *tlsJA3) {
	c := x.c
	l := t.Len()
	switch et {
	case 0: // server_name
		if l == 0 {
			return
		}
		sub := c.AddText(e, t, 0, l, "Server Name Indication extension")
		_, ll := c.AddUint(sub, hfTLSSNIListLen, t, 0, 2)
		for o := 2; o+3 <= 2+int(ll); {
			c.AddUint(sub, hfTLSSNIType, t, o, 1)
			_, nl := c.AddUint(sub, hfTLSSNILen, t, o+1, 2)
			c.AddBytes(sub, hfTLSSNI, t, o+3, int(nl))
			o += 3 + int(nl)
		}
	case 10: // supported_groups
		_, gl := c.AddUint(e, hfTLSGroupsLen, t, 0, 2)
		g := c.AddProto(e, hfTLSGroups, t, 2, int(gl))
		c.Label(g, "Supported Groups (%s)", tlsPlural(int(gl)/2, "group", "groups"))
		for i := 0; i+2 <= int(gl); i += 2 {
			c.AddUint(g, hfTLSGroup, t, 2+i, 2)
			if v := t.U16(2 + i); !tlsGREASE(v) {
				ja3.groups = append(ja3.groups, strconv.Itoa(int(v)))
			}
		}
	case 11: // ec_point_formats
		_, n := c.AddUint(e, hfTLSECPFLen, t, 0, 1)
		g := c.AddProto(e, hfTLSECPFs, t, 1, int(n))
		c.Label(g, "Elliptic curves point formats (%d)", n)
		for i := 0; i < int(n); i++ {
			c.AddUint(g, hfTLSECPF, t, 1+i, 1)
			ja3.ecpf = append(ja3.ecpf, strconv.Itoa(int(t.U8(1+i))))
		}
	case 13: // signature_algorithms
		_, n := c.AddUint(e, hfTLSSigAlgsLen, t, 0, 2)
		g := c.AddProto(e, hfTLSSigAlgs, t, 2, int(n))
		c.Label(g, "Signature Hash Algorithms (%s)", tlsPlural(int(n)/2, "algorithm", "algorithms"))
		for i := 0; i+2 <= int(n); i += 2 {
			a := x.sigAlg(g, t, 2+i)
			c.AddUint(a, hfTLSSigHash, t, 2+i, 1)
			c.AddUint(a, hfTLSSigSig, t, 3+i, 1)
		}
	case 16: // ALPN
		_, n := c.AddUint(e, hfTLSALPNLen, t, 0, 2)
		g := c.AddProto(e, hfTLSALPNList, t, 2, int(n))
		for o := 2; o < 2+int(n); {
			_, sl := c.AddUint(g, hfTLSALPNStrLen, t, o, 1)
			c.AddBytes(g, hfTLSALPNStr, t, o+1, int(sl))
			if hs == 2 || hs == 8 { // TLS 1.3 moves it to the (encrypted) Encrypted Extensions
				x.s.alpn = string(t.Bytes(o+1, int(sl)))
			}
			o += 1 + int(sl)
		}
	case 43: // supported_versions
		if hs == 1 {
			_, n := c.AddUint(e, hfTLSSupVersLen, t, 0, 1)
			for i := 0; i+2 <= int(n); i += 2 {
				c.AddUint(e, hfTLSSupVer, t, 1+i, 2)
			}
		} else if l >= 2 {
			c.AddUint(e, hfTLSSupVer, t, 0, 2)
		}
	case 51: // key_share
		sub := c.AddText(e, t, 0, l, "Key Share extension")
		if hs == 1 {
			_, n := c.AddUint(sub, hfTLSKSClientLen, t, 0, 2)
			for o := 2; o+4 <= 2+int(n); {
				o += x.keyShareEntry(sub, t, o)
			}
		} else if l == 2 {
			c.AddUint(sub, hfTLSKSSelected, t, 0, 2)
		} else if l >= 4 {
			x.keyShareEntry(sub, t, 0)
		}
	case 45: // psk_key_exchange_modes
		_, n := c.AddUint(e, hfTLSPSKModesLen, t, 0, 1)
		for i := 0; i < int(n); i++ {
			c.AddUint(e, hfTLSPSKMode, t, 1+i, 1)
		}
	case 65281: // renegotiation_info
		sub := c.AddText(e, t, 0, l, "Renegotiation Info extension")
		c.AddUint(sub, hfTLSRenegLen, t, 0, 1)
	case 21: // padding
		c.AddBytes(e, hfTLSPadding, t, 0, l)
	case 15: // heartbeat
		c.AddUint(e, hfTLSHeartbeat, t, 0, 1)
	case 5: // status_request
		if l >= 5 {
			c.AddUint(e, hfTLSStatusType, t, 0, 1)
			c.AddUint(e, hfTLSStatusRIDLen, t, 1, 2)
			c.AddUint(e, hfTLSStatusExtLen, t, 3, 2)
		}
	case 27: // compress_certificate
		_, n := c.AddUint(e, hfTLSCertCompLen, t, 0, 1)
		for i := 0; i+2 <= int(n); i += 2 {
			c.AddUint(e, hfTLSCertComp, t, 1+i, 2)
		}
	case 35: // session_ticket
		n := c.AddBytes(e, hfTLSExtData, t, 0, l)
		c.Label(n, "Data (%d bytes)", l)
	case 23, 22: // extended_master_secret, encrypt_then_mac
		if l > 0 {
			c.AddBytes(e, hfTLSExtData, t, 0, l)
		}
	default:
		if l > 0 {
			c.AddBytes(e, hfTLSExtData, t, 0, l)
		}
	}
}

func (x *tlsCtx) keyShareEntry(p int32, t Tvb, o int) int {
	c := x.c
	g := t.U16(o)
	kl := int(t.U16(o + 2))
	gn, ok := tlsGroupNames[uint64(g)]
	if !ok {
		gn = "Unknown (" + strconv.Itoa(int(g)) + ")"
	}
	en := c.AddText(p, t, o, 4+kl, "Key Share Entry: Group: "+gn+", Key Exchange length: "+strconv.Itoa(kl))
	c.AddUint(en, hfTLSKSGroup, t, o, 2)
	c.AddUint(en, hfTLSKSKxLen, t, o+2, 2)
	c.AddBytes(en, hfTLSKSKx, t, o+4, kl)
	return 4 + kl
}

func (x *tlsCtx) certificates(h int32, t Tvb) {
	c := x.c
	o := 0
	tls13 := x.s.version == 0x0304
	if tls13 {
		if !x.plain {
			return // encrypted in TLS 1.3
		}
		_, cl := c.AddUint(h, hfTLSCertCtxLen, t, 0, 1)
		o = 1 + int(cl)
		t = t.Sub(o)
		o = 0
	}
	_, n := c.AddUint(h, hfTLSCertsLen, t, o, 3)
	cs := c.AddProto(h, hfTLSCerts, t, 3, int(n))
	c.Label(cs, "Certificates (%d bytes)", n)
	for o = 3; o+3 <= 3+int(n); {
		_, l := c.AddUint(cs, hfTLSCertLen, t, o, 3)
		cn := c.AddBytes(cs, hfTLSCert, t, o+3, int(l))
		if c.Visible() {
			if subj := x509Subject(t.Bytes(o+3, int(l))); subj != "" {
				lbl := Fields.Get(hfTLSCert).Label(c.T.Nodes[cn].Value) + " (" + subj + ")"
				c.T.SetLabel(cn, truncLabel(lbl, 239))
			}
		}
		if c.wantsX509() {
			x509Certificate(c, t.SubLen(o+3, int(l)), cn)
		}
		o += 3 + int(l)
		if tls13 && o+2 <= 3+int(n) {
			_, el := c.AddUint(cs, hfTLSExtsLen, t, o, 2)
			o += 2 + int(el)
		}
	}
}

// tlsKex returns the key exchange of a cipher suite: "rsa", "ecdhe", "dhe" or "".
func tlsKex(cipher uint16) string {
	name := tlsCipherNames[uint64(cipher)]
	switch {
	case strings.HasPrefix(name, "TLS_ECDHE_"):
		return "ecdhe"
	case strings.HasPrefix(name, "TLS_DHE_"):
		return "dhe"
	case strings.HasPrefix(name, "TLS_RSA_"):
		return "rsa"
	}
	return ""
}

func (x *tlsCtx) serverKeyExchange(h int32, t Tvb) {
	c := x.c
	if tlsKex(x.s.cipher) != "ecdhe" || t.Len() < 4 {
		return
	}
	sub := c.AddText(h, t, 0, t.Len(), "EC Diffie-Hellman Server Params")
	c.AddUint(sub, hfTLSCurveType, t, 0, 1)
	c.AddUint(sub, hfTLSNamedCurve, t, 1, 2)
	_, pl := c.AddUint(sub, hfTLSServerPtLen, t, 3, 1)
	c.AddBytes(sub, hfTLSServerPt, t, 4, int(pl))
	o := 4 + int(pl)
	if x.s.version >= 0x0303 && o+2 <= t.Len() {
		a := x.sigAlg(sub, t, o)
		c.AddUint(a, hfTLSSigHash, t, o, 1)
		c.AddUint(a, hfTLSSigSig, t, o+1, 1)
		o += 2
	}
	if o+2 <= t.Len() {
		_, sl := c.AddUint(sub, hfTLSSigLen, t, o, 2)
		c.AddBytes(sub, hfTLSSig, t, o+2, int(sl))
	}
}

func (x *tlsCtx) clientKeyExchange(h int32, t Tvb) {
	c := x.c
	switch tlsKex(x.s.cipher) {
	case "rsa":
		sub := c.AddText(h, t, 0, t.Len(), "RSA Encrypted PreMaster Secret")
		_, l := c.AddUint(sub, hfTLSEPMSLen, t, 0, 2)
		c.AddBytes(sub, hfTLSEPMS, t, 2, int(l))
	case "ecdhe":
		sub := c.AddText(h, t, 0, t.Len(), "EC Diffie-Hellman Client Params")
		_, l := c.AddUint(sub, hfTLSClientPtLen, t, 0, 1)
		c.AddBytes(sub, hfTLSClientPt, t, 1, int(l))
	}
}

var tlsCipherNames = map[uint64]string{
	0:     "TLS_NULL_WITH_NULL_NULL",
	1:     "TLS_RSA_WITH_NULL_MD5",
	2:     "TLS_RSA_WITH_NULL_SHA",
	3:     "TLS_RSA_EXPORT_WITH_RC4_40_MD5",
	4:     "TLS_RSA_WITH_RC4_128_MD5",
	5:     "TLS_RSA_WITH_RC4_128_SHA",
	6:     "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5",
	7:     "TLS_RSA_WITH_IDEA_CBC_SHA",
	8:     "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA",
	9:     "TLS_RSA_WITH_DES_CBC_SHA",
	10:    "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
	11:    "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA",
	12:    "TLS_DH_DSS_WITH_DES_CBC_SHA",
	13:    "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA",
	14:    "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA",
	15:    "TLS_DH_RSA_WITH_DES_CBC_SHA",
	16:    "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA",
	17:    "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA",
	18:    "TLS_DHE_DSS_WITH_DES_CBC_SHA",
	19:    "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA",
	20:    "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA",
	21:    "TLS_DHE_RSA_WITH_DES_CBC_SHA",
	22:    "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
	23:    "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5",
	24:    "TLS_DH_anon_WITH_RC4_128_MD5",
	25:    "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA",
	26:    "TLS_DH_anon_WITH_DES_CBC_SHA",
	27:    "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA",
	28:    "SSL_FORTEZZA_KEA_WITH_NULL_SHA",
	29:    "SSL_FORTEZZA_KEA_WITH_FORTEZZA_CBC_SHA",
	30:    "TLS_KRB5_WITH_DES_CBC_SHA",
	31:    "TLS_KRB5_WITH_3DES_EDE_CBC_SHA",
	32:    "TLS_KRB5_WITH_RC4_128_SHA",
	33:    "TLS_KRB5_WITH_IDEA_CBC_SHA",
	34:    "TLS_KRB5_WITH_DES_CBC_MD5",
	35:    "TLS_KRB5_WITH_3DES_EDE_CBC_MD5",
	36:    "TLS_KRB5_WITH_RC4_128_MD5",
	37:    "TLS_KRB5_WITH_IDEA_CBC_MD5",
	38:    "TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA",
	39:    "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA",
	40:    "TLS_KRB5_EXPORT_WITH_RC4_40_SHA",
	41:    "TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5",
	42:    "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5",
	43:    "TLS_KRB5_EXPORT_WITH_RC4_40_MD5",
	44:    "TLS_PSK_WITH_NULL_SHA",
	45:    "TLS_DHE_PSK_WITH_NULL_SHA",
	46:    "TLS_RSA_PSK_WITH_NULL_SHA",
	47:    "TLS_RSA_WITH_AES_128_CBC_SHA",
	48:    "TLS_DH_DSS_WITH_AES_128_CBC_SHA",
	49:    "TLS_DH_RSA_WITH_AES_128_CBC_SHA",
	50:    "TLS_DHE_DSS_WITH_AES_128_CBC_SHA",
	51:    "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
	52:    "TLS_DH_anon_WITH_AES_128_CBC_SHA",
	53:    "TLS_RSA_WITH_AES_256_CBC_SHA",
	54:    "TLS_DH_DSS_WITH_AES_256_CBC_SHA",
	55:    "TLS_DH_RSA_WITH_AES_256_CBC_SHA",
	56:    "TLS_DHE_DSS_WITH_AES_256_CBC_SHA",
	57:    "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
	58:    "TLS_DH_anon_WITH_AES_256_CBC_SHA",
	59:    "TLS_RSA_WITH_NULL_SHA256",
	60:    "TLS_RSA_WITH_AES_128_CBC_SHA256",
	61:    "TLS_RSA_WITH_AES_256_CBC_SHA256",
	62:    "TLS_DH_DSS_WITH_AES_128_CBC_SHA256",
	63:    "TLS_DH_RSA_WITH_AES_128_CBC_SHA256",
	64:    "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256",
	65:    "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",
	66:    "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA",
	67:    "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA",
	68:    "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA",
	69:    "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA",
	70:    "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA",
	96:    "TLS_RSA_EXPORT1024_WITH_RC4_56_MD5",
	97:    "TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5",
	98:    "TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA",
	99:    "TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA",
	100:   "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA",
	101:   "TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA",
	102:   "TLS_DHE_DSS_WITH_RC4_128_SHA",
	103:   "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
	104:   "TLS_DH_DSS_WITH_AES_256_CBC_SHA256",
	105:   "TLS_DH_RSA_WITH_AES_256_CBC_SHA256",
	106:   "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256",
	107:   "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
	108:   "TLS_DH_anon_WITH_AES_128_CBC_SHA256",
	109:   "TLS_DH_anon_WITH_AES_256_CBC_SHA256",
	128:   "TLS_GOSTR341094_WITH_28147_CNT_IMIT",
	129:   "TLS_GOSTR341001_WITH_28147_CNT_IMIT",
	130:   "TLS_GOSTR341094_WITH_NULL_GOSTR3411",
	131:   "TLS_GOSTR341001_WITH_NULL_GOSTR3411",
	132:   "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA",
	133:   "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA",
	134:   "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA",
	135:   "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA",
	136:   "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA",
	137:   "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA",
	138:   "TLS_PSK_WITH_RC4_128_SHA",
	139:   "TLS_PSK_WITH_3DES_EDE_CBC_SHA",
	140:   "TLS_PSK_WITH_AES_128_CBC_SHA",
	141:   "TLS_PSK_WITH_AES_256_CBC_SHA",
	142:   "TLS_DHE_PSK_WITH_RC4_128_SHA",
	143:   "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA",
	144:   "TLS_DHE_PSK_WITH_AES_128_CBC_SHA",
	145:   "TLS_DHE_PSK_WITH_AES_256_CBC_SHA",
	146:   "TLS_RSA_PSK_WITH_RC4_128_SHA",
	147:   "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA",
	148:   "TLS_RSA_PSK_WITH_AES_128_CBC_SHA",
	149:   "TLS_RSA_PSK_WITH_AES_256_CBC_SHA",
	150:   "TLS_RSA_WITH_SEED_CBC_SHA",
	151:   "TLS_DH_DSS_WITH_SEED_CBC_SHA",
	152:   "TLS_DH_RSA_WITH_SEED_CBC_SHA",
	153:   "TLS_DHE_DSS_WITH_SEED_CBC_SHA",
	154:   "TLS_DHE_RSA_WITH_SEED_CBC_SHA",
	155:   "TLS_DH_anon_WITH_SEED_CBC_SHA",
	156:   "TLS_RSA_WITH_AES_128_GCM_SHA256",
	157:   "TLS_RSA_WITH_AES_256_GCM_SHA384",
	158:   "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
	159:   "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
	160:   "TLS_DH_RSA_WITH_AES_128_GCM_SHA256",
	161:   "TLS_DH_RSA_WITH_AES_256_GCM_SHA384",
	162:   "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256",
	163:   "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384",
	164:   "TLS_DH_DSS_WITH_AES_128_GCM_SHA256",
	165:   "TLS_DH_DSS_WITH_AES_256_GCM_SHA384",
	166:   "TLS_DH_anon_WITH_AES_128_GCM_SHA256",
	167:   "TLS_DH_anon_WITH_AES_256_GCM_SHA384",
	168:   "TLS_PSK_WITH_AES_128_GCM_SHA256",
	169:   "TLS_PSK_WITH_AES_256_GCM_SHA384",
	170:   "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256",
	171:   "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384",
	172:   "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256",
	173:   "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384",
	174:   "TLS_PSK_WITH_AES_128_CBC_SHA256",
	175:   "TLS_PSK_WITH_AES_256_CBC_SHA384",
	176:   "TLS_PSK_WITH_NULL_SHA256",
	177:   "TLS_PSK_WITH_NULL_SHA384",
	178:   "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256",
	179:   "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384",
	180:   "TLS_DHE_PSK_WITH_NULL_SHA256",
	181:   "TLS_DHE_PSK_WITH_NULL_SHA384",
	182:   "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256",
	183:   "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384",
	184:   "TLS_RSA_PSK_WITH_NULL_SHA256",
	185:   "TLS_RSA_PSK_WITH_NULL_SHA384",
	186:   "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256",
	187:   "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256",
	188:   "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256",
	189:   "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256",
	190:   "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256",
	191:   "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256",
	192:   "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256",
	193:   "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256",
	194:   "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256",
	195:   "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256",
	196:   "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256",
	197:   "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256",
	198:   "TLS_SM4_GCM_SM3",
	199:   "TLS_SM4_CCM_SM3",
	255:   "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
	2570:  "Reserved (GREASE)",
	4865:  "TLS_AES_128_GCM_SHA256",
	4866:  "TLS_AES_256_GCM_SHA384",
	4867:  "TLS_CHACHA20_POLY1305_SHA256",
	4868:  "TLS_AES_128_CCM_SHA256",
	4869:  "TLS_AES_128_CCM_8_SHA256",
	6682:  "Reserved (GREASE)",
	10794: "Reserved (GREASE)",
	14906: "Reserved (GREASE)",
	19018: "Reserved (GREASE)",
	22016: "TLS_FALLBACK_SCSV",
	23130: "Reserved (GREASE)",
	27242: "Reserved (GREASE)",
	31354: "Reserved (GREASE)",
	35466: "Reserved (GREASE)",
	39578: "Reserved (GREASE)",
	43690: "Reserved (GREASE)",
	47802: "Reserved (GREASE)",
	49153: "TLS_ECDH_ECDSA_WITH_NULL_SHA",
	49154: "TLS_ECDH_ECDSA_WITH_RC4_128_SHA",
	49155: "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA",
	49156: "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA",
	49157: "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA",
	49158: "TLS_ECDHE_ECDSA_WITH_NULL_SHA",
	49159: "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
	49160: "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA",
	49161: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
	49162: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
	49163: "TLS_ECDH_RSA_WITH_NULL_SHA",
	49164: "TLS_ECDH_RSA_WITH_RC4_128_SHA",
	49165: "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA",
	49166: "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA",
	49167: "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA",
	49168: "TLS_ECDHE_RSA_WITH_NULL_SHA",
	49169: "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
	49170: "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
	49171: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
	49172: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
	49173: "TLS_ECDH_anon_WITH_NULL_SHA",
	49174: "TLS_ECDH_anon_WITH_RC4_128_SHA",
	49175: "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA",
	49176: "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
	49177: "TLS_ECDH_anon_WITH_AES_256_CBC_SHA",
	49178: "TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA",
	49179: "TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA",
	49180: "TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA",
	49181: "TLS_SRP_SHA_WITH_AES_128_CBC_SHA",
	49182: "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA",
	49183: "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA",
	49184: "TLS_SRP_SHA_WITH_AES_256_CBC_SHA",
	49185: "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA",
	49186: "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA",
	49187: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
	49188: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
	49189: "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256",
	49190: "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384",
	49191: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
	49192: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
	49193: "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256",
	49194: "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384",
	49195: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
	49196: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
	49197: "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256",
	49198: "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384",
	49199: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
	49200: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
	49201: "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256",
	49202: "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384",
	49203: "TLS_ECDHE_PSK_WITH_RC4_128_SHA",
	49204: "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA",
	49205: "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA",
	49206: "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA",
	49207: "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256",
	49208: "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384",
	49209: "TLS_ECDHE_PSK_WITH_NULL_SHA",
	49210: "TLS_ECDHE_PSK_WITH_NULL_SHA256",
	49211: "TLS_ECDHE_PSK_WITH_NULL_SHA384",
	49212: "TLS_RSA_WITH_ARIA_128_CBC_SHA256",
	49213: "TLS_RSA_WITH_ARIA_256_CBC_SHA384",
	49214: "TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256",
	49215: "TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384",
	49216: "TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256",
	49217: "TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384",
	49218: "TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256",
	49219: "TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384",
	49220: "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256",
	49221: "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384",
	49222: "TLS_DH_anon_WITH_ARIA_128_CBC_SHA256",
	49223: "TLS_DH_anon_WITH_ARIA_256_CBC_SHA384",
	49224: "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256",
	49225: "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384",
	49226: "TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256",
	49227: "TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384",
	49228: "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256",
	49229: "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384",
	49230: "TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256",
	49231: "TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384",
	49232: "TLS_RSA_WITH_ARIA_128_GCM_SHA256",
	49233: "TLS_RSA_WITH_ARIA_256_GCM_SHA384",
	49234: "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256",
	49235: "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384",
	49236: "TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256",
	49237: "TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384",
	49238: "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256",
	49239: "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384",
	49240: "TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256",
	49241: "TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384",
	49242: "TLS_DH_anon_WITH_ARIA_128_GCM_SHA256",
	49243: "TLS_DH_anon_WITH_ARIA_256_GCM_SHA384",
	49244: "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256",
	49245: "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384",
	49246: "TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256",
	49247: "TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384",
	49248: "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256",
	49249: "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384",
	49250: "TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256",
	49251: "TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384",
	49252: "TLS_PSK_WITH_ARIA_128_CBC_SHA256",
	49253: "TLS_PSK_WITH_ARIA_256_CBC_SHA384",
	49254: "TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256",
	49255: "TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384",
	49256: "TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256",
	49257: "TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384",
	49258: "TLS_PSK_WITH_ARIA_128_GCM_SHA256",
	49259: "TLS_PSK_WITH_ARIA_256_GCM_SHA384",
	49260: "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256",
	49261: "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384",
	49262: "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256",
	49263: "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384",
	49264: "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256",
	49265: "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384",
	49266: "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256",
	49267: "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384",
	49268: "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256",
	49269: "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384",
	49270: "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256",
	49271: "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384",
	49272: "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256",
	49273: "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384",
	49274: "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256",
	49275: "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384",
	49276: "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256",
	49277: "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384",
	49278: "TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256",
	49279: "TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384",
	49280: "TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256",
	49281: "TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384",
	49282: "TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256",
	49283: "TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384",
	49284: "TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256",
	49285: "TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384",
	49286: "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256",
	49287: "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384",
	49288: "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256",
	49289: "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384",
	49290: "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256",
	49291: "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384",
	49292: "TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256",
	49293: "TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384",
	49294: "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256",
	49295: "TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384",
	49296: "TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256",
	49297: "TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384",
	49298: "TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256",
	49299: "TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384",
	49300: "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256",
	49301: "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384",
	49302: "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256",
	49303: "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384",
	49304: "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256",
	49305: "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384",
	49306: "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256",
	49307: "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384",
	49308: "TLS_RSA_WITH_AES_128_CCM",
	49309: "TLS_RSA_WITH_AES_256_CCM",
	49310: "TLS_DHE_RSA_WITH_AES_128_CCM",
	49311: "TLS_DHE_RSA_WITH_AES_256_CCM",
	49312: "TLS_RSA_WITH_AES_128_CCM_8",
	49313: "TLS_RSA_WITH_AES_256_CCM_8",
	49314: "TLS_DHE_RSA_WITH_AES_128_CCM_8",
	49315: "TLS_DHE_RSA_WITH_AES_256_CCM_8",
	49316: "TLS_PSK_WITH_AES_128_CCM",
	49317: "TLS_PSK_WITH_AES_256_CCM",
	49318: "TLS_DHE_PSK_WITH_AES_128_CCM",
	49319: "TLS_DHE_PSK_WITH_AES_256_CCM",
	49320: "TLS_PSK_WITH_AES_128_CCM_8",
	49321: "TLS_PSK_WITH_AES_256_CCM_8",
	49322: "TLS_PSK_DHE_WITH_AES_128_CCM_8",
	49323: "TLS_PSK_DHE_WITH_AES_256_CCM_8",
	49324: "TLS_ECDHE_ECDSA_WITH_AES_128_CCM",
	49325: "TLS_ECDHE_ECDSA_WITH_AES_256_CCM",
	49326: "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8",
	49327: "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8",
	49328: "TLS_ECCPWD_WITH_AES_128_GCM_SHA256",
	49329: "TLS_ECCPWD_WITH_AES_256_GCM_SHA384",
	49330: "TLS_ECCPWD_WITH_AES_128_CCM_SHA256",
	49331: "TLS_ECCPWD_WITH_AES_256_CCM_SHA384",
	49332: "TLS_SHA256_SHA256",
	49333: "TLS_SHA384_SHA384",
	49407: "TLS_ECJPAKE_WITH_AES_128_CCM_8",
	49408: "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC",
	49409: "TLS_GOSTR341112_256_WITH_MAGMA_CTR_OMAC",
	49410: "TLS_GOSTR341112_256_WITH_28147_CNT_IMIT",
	49411: "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L",
	49412: "TLS_GOSTR341112_256_WITH_MAGMA_MGM_L",
	49413: "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S",
	49414: "TLS_GOSTR341112_256_WITH_MAGMA_MGM_S",
	51914: "Reserved (GREASE)",
	52243: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
	52244: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
	52245: "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
	52392: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
	52393: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
	52394: "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
	52395: "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256",
	52396: "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
	52397: "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
	52398: "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256",
	53249: "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256",
	53250: "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384",
	53251: "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256",
	53253: "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256",
	56026: "Reserved (GREASE)",
	57345: "ECDHE_SM1_SM3",
	57347: "ECC_SM1_SM3",
	57349: "IBSDH_SM1_SM3",
	57351: "IBC_SM1_SM3",
	57353: "RSA_SM1_SM3",
	57354: "RSA_SM1_SHA1",
	57361: "ECDHE_SM4_CBC_SM3",
	57363: "ECC_SM4_CBC_SM3",
	57365: "IBSDH_SM4_CBC_SM3",
	57367: "IBC_SM4_CBC_SM3",
	57369: "RSA_SM4_CBC_SM3",
	57370: "RSA_SM4_CBC_SHA1",
	57372: "RSA_SM4_CBC_SHA256",
	57425: "ECDHE_SM4_GCM_SM3",
	57427: "ECC_SM4_GCM_SM3",
	57429: "IBSDH_SM4_GCM_SM3",
	57431: "IBC_SM4_GCM_SM3",
	57433: "RSA_SM4_GCM_SM3",
	57434: "RSA_SM4_GCM_SHA256",
	58384: "TLS_RSA_WITH_ESTREAM_SALSA20_SHA1",
	58385: "TLS_RSA_WITH_SALSA20_SHA1",
	58386: "TLS_ECDHE_RSA_WITH_ESTREAM_SALSA20_SHA1",
	58387: "TLS_ECDHE_RSA_WITH_SALSA20_SHA1",
	58388: "TLS_ECDHE_ECDSA_WITH_ESTREAM_SALSA20_SHA1",
	58389: "TLS_ECDHE_ECDSA_WITH_SALSA20_SHA1",
	58390: "TLS_PSK_WITH_ESTREAM_SALSA20_SHA1",
	58391: "TLS_PSK_WITH_SALSA20_SHA1",
	58392: "TLS_ECDHE_PSK_WITH_ESTREAM_SALSA20_SHA1",
	58393: "TLS_ECDHE_PSK_WITH_SALSA20_SHA1",
	58394: "TLS_RSA_PSK_WITH_ESTREAM_SALSA20_SHA1",
	58395: "TLS_RSA_PSK_WITH_SALSA20_SHA1",
	58396: "TLS_DHE_PSK_WITH_ESTREAM_SALSA20_SHA1",
	58397: "TLS_DHE_PSK_WITH_SALSA20_SHA1",
	58398: "TLS_DHE_RSA_WITH_ESTREAM_SALSA20_SHA1",
	58399: "TLS_DHE_RSA_WITH_SALSA20_SHA1",
	60138: "Reserved (GREASE)",
	64250: "Reserved (GREASE)",
	65278: "SSL_RSA_FIPS_WITH_DES_CBC_SHA",
	65279: "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA",
	65504: "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA",
	65505: "SSL_RSA_FIPS_WITH_DES_CBC_SHA",
}
var tlsExtNames = map[uint64]string{
	0:     "server_name",
	1:     "max_fragment_length",
	2:     "client_certificate_url",
	3:     "trusted_ca_keys",
	4:     "truncated_hmac",
	5:     "status_request",
	6:     "user_mapping",
	7:     "client_authz",
	8:     "server_authz",
	9:     "cert_type",
	10:    "supported_groups",
	11:    "ec_point_formats",
	12:    "srp",
	13:    "signature_algorithms",
	14:    "use_srtp",
	15:    "heartbeat",
	16:    "application_layer_protocol_negotiation",
	17:    "status_request_v2",
	18:    "signed_certificate_timestamp",
	19:    "client_certificate_type",
	20:    "server_certificate_type",
	21:    "padding",
	22:    "encrypt_then_mac",
	23:    "extended_master_secret",
	24:    "token_binding",
	25:    "cached_info",
	27:    "compress_certificate",
	28:    "record_size_limit",
	34:    "delegated_credentials",
	35:    "session_ticket",
	40:    "Reserved (key_share)",
	41:    "pre_shared_key",
	42:    "early_data",
	43:    "supported_versions",
	44:    "cookie",
	45:    "psk_key_exchange_modes",
	46:    "Reserved (ticket_early_data_info)",
	47:    "certificate_authorities",
	48:    "oid_filters",
	49:    "post_handshake_auth",
	50:    "signature_algorithms_cert",
	51:    "key_share",
	52:    "transparency_info",
	53:    "connection_id (deprecated)",
	54:    "connection_id",
	55:    "external_id_hash",
	56:    "external_session_id",
	57:    "quic_transport_parameters",
	58:    "ticket_request",
	59:    "dnssec_chain",
	2570:  "Reserved (GREASE)",
	6682:  "Reserved (GREASE)",
	10794: "Reserved (GREASE)",
	13172: "next_protocol_negotiation",
	14906: "Reserved (GREASE)",
	17513: "application_settings",
	19018: "Reserved (GREASE)",
	23130: "Reserved (GREASE)",
	27242: "Reserved (GREASE)",
	30031: "channel_id_old",
	30032: "channel_id",
	65281: "renegotiation_info",
	31354: "Reserved (GREASE)",
	35466: "Reserved (GREASE)",
	39578: "Reserved (GREASE)",
	43690: "Reserved (GREASE)",
	47802: "Reserved (GREASE)",
	51914: "Reserved (GREASE)",
	56026: "Reserved (GREASE)",
	60138: "Reserved (GREASE)",
	64250: "Reserved (GREASE)",
	65445: "quic_transport_parameters (drafts version)",
	65486: "encrypted_server_name",
}
var tlsGroupNames = map[uint64]string{
	0x1:    "sect163k1",
	0x2:    "sect163r1",
	0x3:    "sect163r2",
	0x4:    "sect193r1",
	0x5:    "sect193r2",
	0x6:    "sect233k1",
	0x7:    "sect233r1",
	0x8:    "sect239k1",
	0x9:    "sect283k1",
	0xa:    "sect283r1",
	0xb:    "sect409k1",
	0xc:    "sect409r1",
	0xd:    "sect571k1",
	0xe:    "sect571r1",
	0xf:    "secp160k1",
	0x10:   "secp160r1",
	0x11:   "secp160r2",
	0x12:   "secp192k1",
	0x13:   "secp192r1",
	0x14:   "secp224k1",
	0x15:   "secp224r1",
	0x16:   "secp256k1",
	0x17:   "secp256r1",
	0x18:   "secp384r1",
	0x19:   "secp521r1",
	0x1a:   "brainpoolP256r1",
	0x1b:   "brainpoolP384r1",
	0x1c:   "brainpoolP512r1",
	0x1d:   "x25519",
	0x1e:   "x448",
	0x29:   "curveSM2",
	0x100:  "ffdhe2048",
	0x101:  "ffdhe3072",
	0x102:  "ffdhe4096",
	0x103:  "ffdhe6144",
	0x104:  "ffdhe8192",
	0x200:  "frodo640aes",
	0x2f00: "p256_frodo640aes",
	0x201:  "frodo640shake",
	0x2f01: "p256_frodo640shake",
	0x202:  "frodo976aes",
	0x2f02: "p384_frodo976aes",
	0x203:  "frodo976shake",
	0x2f03: "p384_frodo976shake",
	0x204:  "frodo1344aes",
	0x2f04: "p521_frodo1344aes",
	0x205:  "frodo1344shake",
	0x2f05: "p521_frodo1344shake",
	0x23a:  "kyber512",
	0x2f3a: "p256_kyber512",
	0x23c:  "kyber768",
	0x2f3c: "p384_kyber768",
	0x23d:  "kyber1024",
	0x2f3d: "p521_kyber1024",
	0x214:  "ntru_hps2048509",
	0x2f14: "p256_ntru_hps2048509",
	0x215:  "ntru_hps2048677",
	0x2f15: "p384_ntru_hps2048677",
	0x216:  "ntru_hps4096821",
	0x2f16: "p521_ntru_hps4096821",
	0x245:  "ntru_hps40961229",
	0x2f45: "p521_ntru_hps40961229",
	0x217:  "ntru_hrss701",
	0x2f17: "p384_ntru_hrss701",
	0x246:  "ntru_hrss1373",
	0x2f46: "p521_ntru_hrss1373",
	0x218:  "lightsaber",
	0x2f18: "p256_lightsaber",
	0x219:  "saber",
	0x2f19: "p384_saber",
	0x21a:  "firesaber",
	0x2f1a: "p521_firesaber",
	0x21b:  "sidhp434",
	0x2f1b: "p256_sidhp434",
	0x21c:  "sidhp503",
	0x2f1c: "p256_sidhp503",
	0x21d:  "sidhp610",
	0x2f1d: "p384_sidhp610",
	0x21e:  "sidhp751",
	0x2f1e: "p521_sidhp751",
	0x21f:  "sikep434",
	0x2f1f: "p256_sikep434",
	0x220:  "sikep503",
	0x2f20: "p256_sikep503",
	0x221:  "sikep610",
	0x2f21: "p384_sikep610",
	0x222:  "sikep751",
	0x2f22: "p521_sikep751",
	0x238:  "bikel1",
	0x2f38: "p256_bikel1",
	0x23b:  "bikel3",
	0x2f3b: "p384_bikel3",
	0x23e:  "kyber90s512",
	0x2f3e: "p256_kyber90s512",
	0x23f:  "kyber90s768",
	0x2f3f: "p384_kyber90s768",
	0x240:  "kyber90s1024",
	0x2f40: "p521_kyber90s1024",
	0x22c:  "hqc128",
	0x2f2c: "p256_hqc128",
	0x22d:  "hqc192",
	0x2f2d: "p384_hqc192",
	0x22e:  "hqc256",
	0x2f2e: "p521_hqc256",
	0x22f:  "ntrulpr653",
	0x2f2f: "p256_ntrulpr653",
	0x230:  "ntrulpr761",
	0x2f43: "p256_ntrulpr761",
	0x231:  "ntrulpr857",
	0x2f31: "p384_ntrulpr857",
	0x241:  "ntrulpr1277",
	0x2f41: "p521_ntrulpr1277",
	0x232:  "sntrup653",
	0x2f32: "p256_sntrup653",
	0x233:  "sntrup761",
	0x2f44: "p256_sntrup761",
	0x234:  "sntrup857",
	0x2f34: "p384_sntrup857",
	0x242:  "sntrup1277",
	0x2f42: "p521_sntrup1277",
	0xa0a:  "Reserved (GREASE)",
	0x1a1a: "Reserved (GREASE)",
	0x2a2a: "Reserved (GREASE)",
	0x3a3a: "Reserved (GREASE)",
	0x4a4a: "Reserved (GREASE)",
	0x5a5a: "Reserved (GREASE)",
	0x6a6a: "Reserved (GREASE)",
	0x7a7a: "Reserved (GREASE)",
	0x8a8a: "Reserved (GREASE)",
	0x9a9a: "Reserved (GREASE)",
	0xaaaa: "Reserved (GREASE)",
	0xbaba: "Reserved (GREASE)",
	0xcaca: "Reserved (GREASE)",
	0xdada: "Reserved (GREASE)",
	0xeaea: "Reserved (GREASE)",
	0xfafa: "Reserved (GREASE)",
	0xff01: "arbitrary_explicit_prime_curves",
	0xff02: "arbitrary_explicit_char2_curves",
}
var tlsSigAlgNames = map[uint64]string{
	0x201:  "rsa_pkcs1_sha1",
	0x203:  "ecdsa_sha1",
	0x401:  "rsa_pkcs1_sha256",
	0x403:  "ecdsa_secp256r1_sha256",
	0x501:  "rsa_pkcs1_sha384",
	0x503:  "ecdsa_secp384r1_sha384",
	0x601:  "rsa_pkcs1_sha512",
	0x603:  "ecdsa_secp521r1_sha512",
	0x708:  "sm2sig_sm3",
	0x804:  "rsa_pss_rsae_sha256",
	0x805:  "rsa_pss_rsae_sha384",
	0x806:  "rsa_pss_rsae_sha512",
	0x807:  "ed25519",
	0x808:  "ed448",
	0x809:  "rsa_pss_pss_sha256",
	0x80a:  "rsa_pss_pss_sha384",
	0x80b:  "rsa_pss_pss_sha512",
	0xfea0: "dilithium2",
	0xfea1: "p256_dilithium2",
	0xfea2: "rsa3072_dilithium2",
	0xfea3: "dilithium3",
	0xfea4: "p384_dilithium3",
	0xfea5: "dilithium5",
	0xfea6: "p521_dilithium5",
	0xfea7: "dilithium2_aes",
	0xfea8: "p256_dilithium2_aes",
	0xfea9: "rsa3072_dilithium2_aes",
	0xfeaa: "dilithium3_aes",
	0xfeab: "p384_dilithium3_aes",
	0xfeac: "dilithium5_aes",
	0xfead: "p521_dilithium5_aes",
	0xfe0b: "falcon512",
	0xfe0c: "p256_falcon512",
	0xfe0d: "rsa3072_falcon512",
	0xfe0e: "falcon1024",
	0xfe0f: "p521_falcon1024",
	0xfe96: "picnicl1full",
	0xfe97: "p256_picnicl1full",
	0xfe98: "rsa3072_picnicl1full",
	0xfe1b: "picnic3l1",
	0xfe1c: "p256_picnic3l1",
	0xfe1d: "rsa3072_picnic3l1",
	0xfe27: "rainbowIclassic",
	0xfe28: "p256_rainbowIclassic",
	0xfe29: "rsa3072_rainbowIclassic",
	0xfe3c: "rainbowVclassic",
	0xfe3d: "p521_rainbowVclassic",
	0xfe42: "sphincsharaka128frobust",
	0xfe43: "p256_sphincsharaka128frobust",
	0xfe44: "rsa3072_sphincsharaka128frobust",
	0xfe5e: "sphincssha256128frobust",
	0xfe5f: "p256_sphincssha256128frobust",
	0xfe60: "rsa3072_sphincssha256128frobust",
	0xfe7a: "sphincsshake256128frobust",
	0xfe7b: "p256_sphincsshake256128frobust",
	0xfe7c: "rsa3072_sphincsshake256128frobust",
}
var tlsSigHashNames = map[uint64]string{
	0: "None",
	1: "MD5",
	2: "SHA1",
	3: "SHA224",
	4: "SHA256",
	5: "SHA384",
	6: "SHA512",
	7: "SM3",
}
var tlsSigSigNames = map[uint64]string{
	0: "Anonymous",
	1: "RSA",
	2: "DSA",
	3: "ECDSA",
	4: "SM2",
}
var tlsECPointNames = map[uint64]string{
	0: "uncompressed",
	1: "ansiX962_compressed_prime",
	2: "ansiX962_compressed_char2",
}
var tlsContentNames = map[uint64]string{
	20: "Change Cipher Spec",
	21: "Alert",
	22: "Handshake",
	23: "Application Data",
	24: "Heartbeat",
	25: "Connection ID",
}
var tlsAlertLevelNames = map[uint64]string{
	1: "Warning",
	2: "Fatal",
}
var tlsAlertDescNames = map[uint64]string{
	0:   "Close Notify",
	1:   "End of Early Data",
	10:  "Unexpected Message",
	20:  "Bad Record MAC",
	21:  "Decryption Failed",
	22:  "Record Overflow",
	30:  "Decompression Failure",
	40:  "Handshake Failure",
	41:  "No Certificate",
	42:  "Bad Certificate",
	43:  "Unsupported Certificate",
	44:  "Certificate Revoked",
	45:  "Certificate Expired",
	46:  "Certificate Unknown",
	47:  "Illegal Parameter",
	48:  "Unknown CA",
	49:  "Access Denied",
	50:  "Decode Error",
	51:  "Decrypt Error",
	60:  "Export Restriction",
	70:  "Protocol Version",
	71:  "Insufficient Security",
	80:  "Internal Error",
	86:  "Inappropriate Fallback",
	90:  "User Canceled",
	100: "No Renegotiation",
	109: "Missing Extension",
	110: "Unsupported Extension",
	111: "Certificate Unobtainable",
	112: "Unrecognized Name",
	113: "Bad Certificate Status Response",
	114: "Bad Certificate Hash Value",
	115: "Unknown PSK Identity",
	116: "Certificate Required",
	120: "No application Protocol",
	121: "ECH Required",
}
var tlsVersionNames = map[uint64]string{
	0x2:    "SSL 2.0",
	0x300:  "SSL 3.0",
	0x301:  "TLS 1.0",
	0x101:  "GMTLS",
	0x302:  "TLS 1.1",
	0x303:  "TLS 1.2",
	0x304:  "TLS 1.3",
	0x7f0e: "TLS 1.3 (draft 14)",
	0x7f0f: "TLS 1.3 (draft 15)",
	0x7f10: "TLS 1.3 (draft 16)",
	0x7f11: "TLS 1.3 (draft 17)",
	0x7f12: "TLS 1.3 (draft 18)",
	0x7f13: "TLS 1.3 (draft 19)",
	0x7f14: "TLS 1.3 (draft 20)",
	0x7f15: "TLS 1.3 (draft 21)",
	0x7f16: "TLS 1.3 (draft 22)",
	0x7f17: "TLS 1.3 (draft 23)",
	0x7f18: "TLS 1.3 (draft 24)",
	0x7f19: "TLS 1.3 (draft 25)",
	0x7f1a: "TLS 1.3 (draft 26)",
	0x7f1b: "TLS 1.3 (draft 27)",
	0x7f1c: "TLS 1.3 (draft 28)",
	0xfb17: "TLS 1.3 (Facebook draft 23)",
	0xfb1a: "TLS 1.3 (Facebook draft 26)",
	0x100:  "DTLS 1.0 (OpenSSL pre 0.9.8f)",
	0xfeff: "DTLS 1.0",
	0xfefd: "DTLS 1.2",
	0xa0a:  "Reserved (GREASE)",
	0x1a1a: "Reserved (GREASE)",
	0x2a2a: "Reserved (GREASE)",
	0x3a3a: "Reserved (GREASE)",
	0x4a4a: "Reserved (GREASE)",
	0x5a5a: "Reserved (GREASE)",
	0x6a6a: "Reserved (GREASE)",
	0x7a7a: "Reserved (GREASE)",
	0x8a8a: "Reserved (GREASE)",
	0x9a9a: "Reserved (GREASE)",
	0xaaaa: "Reserved (GREASE)",
	0xbaba: "Reserved (GREASE)",
	0xcaca: "Reserved (GREASE)",
	0xdada: "Reserved (GREASE)",
	0xeaea: "Reserved (GREASE)",
	0xfafa: "Reserved (GREASE)",
}
var tlsSNITypeNames = map[uint64]string{
	0: "host_name",
}
var tlsPSKModeNames = map[uint64]string{
	0: "PSK-only key establishment (psk_ke)",
	1: "PSK with (EC)DHE key establishment (psk_dhe_ke)",
}
var tlsHeartbeatNames = map[uint64]string{
	1: "Peer allowed to send requests",
	2: "Peer not allowed to send requests",
}
var tlsCompNames = map[uint64]string{
	0:  "null",
	1:  "DEFLATE",
	64: "LZS",
}
var tlsStatusTypeNames = map[uint64]string{
	1: "OCSP",
	2: "OCSP Multi",
}
var tlsCertCompNames = map[uint64]string{
	1: "zlib",
	2: "brotli",
	3: "zstd",
}
var tlsCurveTypeNames = map[uint64]string{
	0x1: "explicit_prime",
	0x2: "explicit_char2",
	0x3: "named_curve",
}

// sigAlg adds a SignatureScheme; unnamed ones are shown as their hash and signature parts, as
// Wireshark does ("SHA512 DSA").
func (x *tlsCtx) sigAlg(p int32, t Tvb, o int) int32 {
	c := x.c
	a, v := c.AddUint(p, hfTLSSigAlg, t, o, 2)
	if _, ok := tlsSigAlgNames[v]; !ok && c.Visible() {
		h, okh := tlsSigHashNames[v>>8]
		s, oks := tlsSigSigNames[v&0xff]
		if okh && oks {
			c.T.SetLabel(a, "Signature Algorithm: "+h+" "+s+" (0x"+hex4(uint16(v))+")")
		}
	}
	return a
}

// truncLabel cuts a label to at most n bytes without splitting a UTF-8 sequence, as Wireshark
// limits item labels.
func truncLabel(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
