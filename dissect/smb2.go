package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// SMB2/SMB3 (MS-SMB2) as Wireshark 4.0's packet-smb2.c shows it: the 64-byte header, the commands of
// a session (negotiate, session setup with its GSS-API blob, tree connect, create, close, read,
// write, find, getinfo, ioctl), the Info column, request/response matching by message ID, and the
// tree and file names a connection's earlier messages give to IDs (smb2.tree, smb2.filename).
// Encrypted (transform) and compressed messages are shown as such.

var (
	protoSMB2 = Fields.Protocol("smb2", "SMB2 (Server Message Block Protocol version 2)")

	hfSMB2ProtoID    = Fields.Add(protoSMB2, "smb2.protocol_id", "ProtocolId", field.Uint32, field.WithBase(field.Hex))
	hfSMB2HdrLen     = Fields.Add(protoSMB2, "smb2.header_len", "Header Length", field.Uint16)
	hfSMB2CreditChg  = Fields.Add(protoSMB2, "smb2.credit.charge", "Credit Charge", field.Uint16)
	hfSMB2ChanSeq    = Fields.Add(protoSMB2, "smb2.channel_sequence", "Channel Sequence", field.Uint16)
	hfSMB2Reserved   = Fields.Add(protoSMB2, "smb2.reserved", "Reserved", field.Bytes)
	hfSMB2NTStatus   = Fields.Add(protoSMB2, "smb2.nt_status", "NT Status", field.Uint32, field.WithBase(field.Hex), field.WithStrings(ntStatusVals))
	hfSMB2Cmd        = Fields.Add(protoSMB2, "smb2.cmd", "Command", field.Uint16, field.WithStrings(smb2CmdVals))
	hfSMB2CreditsReq = Fields.Add(protoSMB2, "smb2.credits.requested", "Credits requested", field.Uint16)
	hfSMB2CreditsGr  = Fields.Add(protoSMB2, "smb2.credits.granted", "Credits granted", field.Uint16)
	hfSMB2Flags      = Fields.Add(protoSMB2, "smb2.flags", "Flags", field.Uint32, field.WithBase(field.Hex))
	hfSMB2FlagResp   = Fields.Add(protoSMB2, "smb2.flags.response", "Response", field.Bool, field.WithBase(32), field.WithMask(0x1), field.WithTrueFalse("This is a RESPONSE", "This is a REQUEST"))
	hfSMB2FlagAsync  = Fields.Add(protoSMB2, "smb2.flags.async", "Async command", field.Bool, field.WithBase(32), field.WithMask(0x2), field.WithTrueFalse("This is an ASYNC command", "This is a SYNC command"))
	hfSMB2FlagChain  = Fields.Add(protoSMB2, "smb2.flags.chained", "Chained", field.Bool, field.WithBase(32), field.WithMask(0x4), field.WithTrueFalse("This pdu is a CHAINED command", "This pdu is NOT a chained command"))
	hfSMB2FlagSign   = Fields.Add(protoSMB2, "smb2.flags.signature", "Signing", field.Bool, field.WithBase(32), field.WithMask(0x8), field.WithTrueFalse("This pdu is SIGNED", "This pdu is NOT signed"))
	hfSMB2FlagPrio   = Fields.Add(protoSMB2, "smb2.flags.priority_mask", "Priority", field.Bool, field.WithBase(32), field.WithMask(0x70), field.WithTrueFalse("This pdu contains a PRIORITY", "This pdu does NOT contain a PRIORITY"))
	hfSMB2FlagDFS    = Fields.Add(protoSMB2, "smb2.flags.dfs", "DFS operation", field.Bool, field.WithBase(32), field.WithMask(0x10000000), field.WithTrueFalse("This is a DFS OPERATION", "This is a normal operation"))
	hfSMB2FlagReplay = Fields.Add(protoSMB2, "smb2.flags.replay", "Replay operation", field.Bool, field.WithBase(32), field.WithMask(0x20000000), field.WithTrueFalse("This is a REPLAY OPERATION", "This is NOT a replay operation"))
	hfSMB2ChainOff   = Fields.Add(protoSMB2, "smb2.chain_offset", "Chain Offset", field.Uint32, field.WithBase(field.Hex))
	hfSMB2MsgID      = Fields.Add(protoSMB2, "smb2.msg_id", "Message ID", field.Uint64)
	hfSMB2PID        = Fields.Add(protoSMB2, "smb2.pid", "Process Id", field.Uint32, field.WithBase(field.Hex))
	hfSMB2TID        = Fields.Add(protoSMB2, "smb2.tid", "Tree Id", field.Uint32, field.WithBase(field.Hex))
	hfSMB2AID        = Fields.Add(protoSMB2, "smb2.aid", "Async Id", field.Uint64, field.WithBase(field.Hex))
	hfSMB2SesID      = Fields.Add(protoSMB2, "smb2.sesid", "Session Id", field.Uint64, field.WithBase(field.Hex))
	hfSMB2Signature  = Fields.Add(protoSMB2, "smb2.signature", "Signature", field.Bytes)
	hfSMB2Tree       = Fields.Add(protoSMB2, "smb2.tree", "Tree", field.String)
	hfSMB2RespTo     = Fields.Add(protoSMB2, "smb2.response_to", "Response to", field.FrameNum)
	hfSMB2RespIn     = Fields.Add(protoSMB2, "smb2.response_in", "Response in", field.FrameNum)
	hfSMB2Time       = Fields.Add(protoSMB2, "smb2.time", "Time from request", field.RelTime)
	hfSMB2BufCode    = Fields.Add(protoSMB2, "smb2.buffer_code", "StructureSize", field.Uint16, field.WithBase(field.Hex))
	hfSMB2BufLen     = Fields.Add(protoSMB2, "smb2.buffer_code.length", "Fixed Part Length", field.Uint16, field.WithMask(0xfffe))
	hfSMB2BufDyn     = Fields.Add(protoSMB2, "smb2.buffer_code.dynamic", "Dynamic Part", field.Bool, field.WithBase(16), field.WithMask(1))
	hfSMB2OLBOff     = Fields.Add(protoSMB2, "smb2.olb.offset", "Blob Offset", field.Uint32, field.WithBase(field.Hex))
	hfSMB2OLBLen     = Fields.Add(protoSMB2, "smb2.olb.length", "Blob Length", field.Uint32)
	hfSMB2SecBlob    = Fields.Add(protoSMB2, "smb2.security_blob", "Security Blob", field.Bytes)
	hfSMB2DialectCnt = Fields.Add(protoSMB2, "smb2.dialect_count", "Dialect count", field.Uint16)
	hfSMB2Dialect    = Fields.Add(protoSMB2, "smb2.dialect", "Dialect", field.Uint16, field.WithBase(field.Hex), field.WithStrings(smb2DialectVals))
	hfSMB2SecMode    = Fields.Add(protoSMB2, "smb2.sec_mode", "Security mode", field.Uint8, field.WithBase(field.Hex))
	hfSMB2SignEn     = Fields.Add(protoSMB2, "smb2.sec_mode.sign_enabled", "Signing enabled", field.Bool, field.WithBase(8), field.WithMask(1))
	hfSMB2SignReq    = Fields.Add(protoSMB2, "smb2.sec_mode.sign_required", "Signing required", field.Bool, field.WithBase(8), field.WithMask(2))
	hfSMB2Caps       = Fields.Add(protoSMB2, "smb2.capabilities", "Capabilities", field.Uint32, field.WithBase(field.Hex))
	hfSMB2ClientGUID = Fields.Add(protoSMB2, "smb2.client_guid", "Client Guid", field.GUID)
	hfSMB2ServerGUID = Fields.Add(protoSMB2, "smb2.server_guid", "Server Guid", field.GUID)
	hfSMB2MaxTrans   = Fields.Add(protoSMB2, "smb2.max_trans_size", "Max Transaction Size", field.Uint32)
	hfSMB2MaxRead    = Fields.Add(protoSMB2, "smb2.max_read_size", "Max Read Size", field.Uint32)
	hfSMB2MaxWrite   = Fields.Add(protoSMB2, "smb2.max_write_size", "Max Write Size", field.Uint32)
	hfSMB2CurTime    = Fields.Add(protoSMB2, "smb2.current_time", "Current Time", field.AbsTime, field.WithBase(field.TimeUTC))
	hfSMB2BootTime   = Fields.Add(protoSMB2, "smb2.boot_time", "Boot Time", field.AbsTime, field.WithBase(field.TimeUTC))
	hfSMB2NegCtxOff  = Fields.Add(protoSMB2, "smb2.negotiate_context.offset", "NegotiateContextOffset", field.Uint32, field.WithBase(field.Hex))
	hfSMB2NegCtxCnt  = Fields.Add(protoSMB2, "smb2.negotiate_context.count", "NegotiateContextCount", field.Uint16)
	hfSMB2SesFlags   = Fields.Add(protoSMB2, "smb2.session_flags", "Session Flags", field.Uint16, field.WithBase(field.Hex))
	hfSMB2PrevSesID  = Fields.Add(protoSMB2, "smb2.previous_sesid", "Previous Session Id", field.Uint64, field.WithBase(field.Hex))
	hfSMB2ShareType  = Fields.Add(protoSMB2, "smb2.share_type", "Share Type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(smb2ShareTypeVals))
	hfSMB2ShareFlags = Fields.Add(protoSMB2, "smb2.share_flags", "Share flags", field.Uint32, field.WithBase(field.Hex))
	hfSMB2ShareCaps  = Fields.Add(protoSMB2, "smb2.share_caps", "Share Capabilities", field.Uint32, field.WithBase(field.Hex))
	hfSMB2Filename   = Fields.Add(protoSMB2, "smb2.filename", "Filename", field.String)
	hfSMB2FID        = Fields.Add(protoSMB2, "smb2.fid", "File Id", field.GUID)
	hfSMB2Disp       = Fields.Add(protoSMB2, "smb2.create.disposition", "Disposition", field.Uint32, field.WithStrings(smb2DispositionVals))
	hfSMB2CreateAct  = Fields.Add(protoSMB2, "smb2.create.action", "Create Action", field.Uint32, field.WithStrings(smb2CreateActionVals))
	hfSMB2Oplock     = Fields.Add(protoSMB2, "smb2.create.oplock", "Oplock", field.Uint8, field.WithBase(field.Hex), field.WithStrings(smb2OplockVals))
	hfSMB2Imperson   = Fields.Add(protoSMB2, "smb2.impersonation.level", "Impersonation level", field.Uint32, field.WithStrings(smb2ImpersonationVals))
	hfSMB2CreateTime = Fields.Add(protoSMB2, "smb2.create.time", "Create", field.AbsTime, field.WithBase(field.TimeUTC))
	hfSMB2AccessTime = Fields.Add(protoSMB2, "smb2.last_access.time", "Last Access", field.AbsTime, field.WithBase(field.TimeUTC))
	hfSMB2WriteTime  = Fields.Add(protoSMB2, "smb2.last_write.time", "Last Write", field.AbsTime, field.WithBase(field.TimeUTC))
	hfSMB2ChangeTime = Fields.Add(protoSMB2, "smb2.last_change.time", "Last Change", field.AbsTime, field.WithBase(field.TimeUTC))
	hfSMB2AllocSize  = Fields.Add(protoSMB2, "smb2.allocation_size", "Allocation Size", field.Uint64)
	hfSMB2EOF        = Fields.Add(protoSMB2, "smb2.eof", "End Of File", field.Uint64)
	hfSMB2FileAttr   = Fields.Add(protoSMB2, "smb2.file_attribute", "File Attributes", field.Uint32, field.WithBase(field.Hex))
	hfSMB2CloseFlags = Fields.Add(protoSMB2, "smb2.close.flags", "Close Flags", field.Uint16, field.WithBase(field.Hex))
	hfSMB2ReadLen    = Fields.Add(protoSMB2, "smb2.read_length", "Read Length", field.Uint32)
	hfSMB2WriteLen   = Fields.Add(protoSMB2, "smb2.write_length", "Write Length", field.Uint32)
	hfSMB2FileOff    = Fields.Add(protoSMB2, "smb2.file_offset", "File Offset", field.Uint64)
	// tshark 4.0 registers these but hands read and written bytes to "data"; kept filterable by name
	_                = Fields.Add(protoSMB2, "smb2.read_data", "Read Data", field.Bytes)
	_                = Fields.Add(protoSMB2, "smb2.write_data", "Write Data", field.Bytes)
	hfSMB2ReadRem    = Fields.Add(protoSMB2, "smb2.read_remaining", "Read Remaining", field.Uint32)
	hfSMB2FindLevel  = Fields.Add(protoSMB2, "smb2.find.infolevel", "Info Level", field.Uint32, field.WithStrings(smb2FindInfoVals))
	hfSMB2FindFlags  = Fields.Add(protoSMB2, "smb2.find.flags", "Find Flags", field.Uint8, field.WithBase(field.Hex))
	hfSMB2FindPat    = Fields.Add(protoSMB2, "smb2.find.pattern", "Search Pattern", field.String)
	hfSMB2OutBufLen  = Fields.Add(protoSMB2, "smb2.output_buffer_len", "Output Buffer Length", field.Uint32)
	hfSMB2Class      = Fields.Add(protoSMB2, "smb2.class", "Class", field.Uint8, field.WithBase(field.Hex), field.WithStrings(smb2ClassVals))
	hfSMB2InfoLevel  = Fields.Add(protoSMB2, "smb2.infolevel", "InfoLevel", field.Uint8, field.WithBase(field.Hex))
	hfSMB2MaxResp    = Fields.Add(protoSMB2, "smb2.max_response_size", "Max Response Size", field.Uint32)
	hfSMB2Ioctl      = Fields.Add(protoSMB2, "smb2.ioctl.function", "Function", field.Uint32, field.WithBase(field.Hex), field.WithStrings(smb2IoctlVals))
	hfSMB2MaxIoIn    = Fields.Add(protoSMB2, "smb2.max_ioctl_in_size", "Max Ioctl In Size", field.Uint32)
	hfSMB2MaxIoOut   = Fields.Add(protoSMB2, "smb2.max_ioctl_out_size", "Max Ioctl Out Size", field.Uint32)
	hfSMB2ErrData    = Fields.Add(protoSMB2, "smb2.error.data", "Error Data", field.Bytes)
	hfSMB2ErrCtxCnt  = Fields.Add(protoSMB2, "smb2.error.context_count", "Error Context Count", field.Uint8)
	hfSMB2ErrByteCnt = Fields.Add(protoSMB2, "smb2.error.byte_count", "Byte Count", field.Uint32)
	hfSMB2TfSig      = Fields.Add(protoSMB2, "smb2.header.transform.signature", "Signature", field.Bytes)
	hfSMB2TfNonce    = Fields.Add(protoSMB2, "smb2.header.transform.nonce", "Nonce", field.Bytes)
	hfSMB2TfMsgSize  = Fields.Add(protoSMB2, "smb2.header.transform.msg_size", "Message size", field.Uint32)
	hfSMB2TfEncData  = Fields.Add(protoSMB2, "smb2.header.transform.enc_data", "Data", field.Bytes)

	smb2CapBits = []field.ID{
		smb2Bool("capabilities.dfs", "DFS", 0x1, "This host supports DFS", "This host does NOT support DFS"),
		smb2Bool("capabilities.leasing", "LEASING", 0x2, "This host supports LEASING", "This host does NOT support LEASING"),
		smb2Bool("capabilities.large_mtu", "LARGE MTU", 0x4, "This host supports LARGE_MTU", "This host does NOT support LARGE_MTU"),
		smb2Bool("capabilities.multi_channel", "MULTI CHANNEL", 0x8, "This host supports MULTI CHANNEL", "This host does NOT support MULTI CHANNEL"),
		smb2Bool("capabilities.persistent_handles", "PERSISTENT HANDLES", 0x10, "This host supports PERSISTENT HANDLES", "This host does NOT support PERSISTENT HANDLES"),
		smb2Bool("capabilities.directory_leasing", "DIRECTORY LEASING", 0x20, "This host supports DIRECTORY LEASING", "This host does NOT support DIRECTORY LEASING"),
		smb2Bool("capabilities.encryption", "ENCRYPTION", 0x40, "This host supports ENCRYPTION", "This host does NOT support ENCRYPTION"),
	}
	smb2SesFlagBits = []field.ID{
		Fields.Add(protoSMB2, "smb2.ses_flags.guest", "Guest", field.Bool, field.WithBase(16), field.WithMask(1)),
		Fields.Add(protoSMB2, "smb2.ses_flags.null", "Null", field.Bool, field.WithBase(16), field.WithMask(2)),
		Fields.Add(protoSMB2, "smb2.ses_flags.encrypt", "Encrypt", field.Bool, field.WithBase(16), field.WithMask(4)),
	}

	handleSMB2 = &Handle{Name: "smb2", Fn: dissectSMB2}
)

func smb2Bool(abbrev, name string, mask uint64, set, unset string) field.ID {
	return Fields.Add(protoSMB2, "smb2."+abbrev, name, field.Bool, field.WithBase(32), field.WithMask(mask), field.WithTrueFalse(set, unset))
}

func init() { RegisterShortName(protoSMB2, "SMB2") }

// SMB2 commands.
const (
	smb2Negotiate    = 0
	smb2SessionSetup = 1
	smb2Logoff       = 2
	smb2TreeConnect  = 3
	smb2TreeDisconn  = 4
	smb2Create       = 5
	smb2Close        = 6
	smb2Read         = 8
	smb2Write        = 9
	smb2Ioctl        = 11
	smb2Find         = 14
	smb2GetInfo      = 16
)

// smb2Conn is what the first pass knows of one connection: outstanding requests by message ID, tree
// names by tree ID, file names by file ID.
type smb2Conn struct {
	reqs  map[uint64]*smb2Req
	trees map[uint32]smb2Tree
	files map[[16]byte]string
}

// smb2Tree is a connected tree: its path and share type.
type smb2Tree struct {
	name string
	typ  uint8
}

// smb2Req is a request and what its response will need.
type smb2Req struct {
	frame, resp uint32
	ts          int64
	tree        string // a Tree Connect's path
	file        string // a Create's file name
	info        string // the Info text a Find's response repeats
}

// smb2Rec is what the first pass decided for one SMB2 message (by frame and offset).
type smb2Rec struct {
	respTo, respIn uint32
	delta          int64
	tree, file     string
	shareType      uint8
	info           string
}

type smb2State struct {
	conns map[convKey]*smb2Conn
	recs  map[uint64]*smb2Rec
}

var smb2Slot = newStateSlot(func() any {
	return &smb2State{conns: map[convKey]*smb2Conn{}, recs: map[uint64]*smb2Rec{}}
})

// smb2Msg is one SMB2 message being dissected.
type smb2Msg struct {
	c        *Ctx
	t        Tvb // the message, from its header on
	p        int32
	top      int32 // where the data of reads and writes goes: beside SMB2, as Wireshark's "data"
	cmd      int
	response bool
	status   uint32
	rec      *smb2Rec
	conn     *smb2Conn
	req      *smb2Req
	info     []byte
}

func dissectSMB2(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("SMB2")
	p := c.AddProto(parent, protoSMB2, t, 0, -1)
	switch t.U8(0) {
	case 0xfd:
		smb2Transform(c, t, p)
		return
	case 0xfc:
		c.SetInfo("Compressed SMB2")
		return
	}
	first := true
	for o := 0; o < t.Len(); {
		m := &smb2Msg{c: c, top: parent}
		next := m.dissect(t, o, p, first)
		first = false
		if next <= 0 {
			break
		}
		o += next
	}
}

// smb2Transform shows an encrypted message's transform header.
func smb2Transform(c *Ctx, t Tvb, p int32) {
	h := c.AddText(p, t, 0, 52, "SMB2 Transform Header")
	c.AddUintV(h, hfSMB2ProtoID, t, 0, 4, uint64(t.U32(0)))
	c.AddBytes(h, hfSMB2TfSig, t, 4, 16)
	c.AddBytes(h, hfSMB2TfNonce, t, 20, 16)
	c.AddUintV(h, hfSMB2TfMsgSize, t, 36, 4, uint64(t.U32LE(36)))
	c.AddUintV(h, hfSMB2SesID, t, 44, 8, t.U64LE(44))
	c.AddBytes(p, hfSMB2TfEncData, t, 52, t.Len()-52)
	c.SetInfo("Encrypted SMB3")
}

// dissect dissects the message at o and returns the chain offset to the next one (0: none).
func (m *smb2Msg) dissect(all Tvb, o int, p int32, first bool) int {
	c := m.c
	next := int(all.U32LE(o + 20))
	end := all.Len()
	if next > 0 && o+next <= all.Len() {
		end = o + next
	}
	t := all.SubLen(o, end-o)
	m.t = t
	m.p = p
	flags := t.U32LE(16)
	m.response = flags&1 != 0
	m.cmd = int(t.U16LE(12))
	m.status = t.U32LE(8)
	async := flags&2 != 0
	m.match(all.Off+o, t.U64LE(24), t.U32LE(36), t.U64LE(40), async)

	h := c.AddText(p, t, 0, 64, "SMB2 Header")
	c.AddUintV(h, hfSMB2ProtoID, t, 0, 4, uint64(t.U32(0)))
	c.AddUintV(h, hfSMB2HdrLen, t, 4, 2, uint64(t.U16LE(4)))
	c.AddUintV(h, hfSMB2CreditChg, t, 6, 2, uint64(t.U16LE(6)))
	if m.response {
		sn := c.AddUintV(h, hfSMB2NTStatus, t, 8, 4, uint64(m.status))
		if c.Visible() {
			c.T.SetLabel(sn, "NT Status: "+ntStatusName(m.status)+" (0x"+hex8(m.status)+")")
		}
	} else {
		c.AddUintV(h, hfSMB2ChanSeq, t, 8, 2, uint64(t.U16LE(8)))
		c.AddBytes(h, hfSMB2Reserved, t, 10, 2)
	}
	c.AddUintV(h, hfSMB2Cmd, t, 12, 2, uint64(m.cmd))
	if m.response {
		c.AddUintV(h, hfSMB2CreditsGr, t, 14, 2, uint64(t.U16LE(14)))
	} else {
		c.AddUintV(h, hfSMB2CreditsReq, t, 14, 2, uint64(t.U16LE(14)))
	}
	fn := c.AddUintV(h, hfSMB2Flags, t, 16, 4, uint64(flags))
	if c.Visible() {
		s := "Flags: 0x" + hex8(flags)
		for _, b := range []struct {
			m uint32
			n string
		}{{1, "Response"}, {2, "Async command"}, {4, "Chained"}, {8, "Signing"}, {0x70, "Priority"}, {0x10000000, "DFS operation"}, {0x20000000, "Replay operation"}} {
			if flags&b.m != 0 {
				s += ", " + b.n
			}
		}
		c.T.SetLabel(fn, s)
	}
	for _, hf := range []field.ID{hfSMB2FlagResp, hfSMB2FlagAsync, hfSMB2FlagChain, hfSMB2FlagSign, hfSMB2FlagPrio, hfSMB2FlagDFS, hfSMB2FlagReplay} {
		c.AddUintLE(fn, hf, t, 16, 4)
	}
	c.AddUintV(h, hfSMB2ChainOff, t, 20, 4, uint64(t.U32LE(20)))
	c.AddUintV(h, hfSMB2MsgID, t, 24, 8, t.U64LE(24))
	if async {
		c.AddUintV(h, hfSMB2AID, t, 32, 8, t.U64LE(32))
	} else {
		c.AddUintV(h, hfSMB2PID, t, 32, 4, uint64(t.U32LE(32)))
		tn := c.AddUintV(h, hfSMB2TID, t, 36, 4, uint64(t.U32LE(36)))
		if m.rec != nil && m.rec.tree != "" {
			c.AddGenerated(tn, hfSMB2Tree, t, 36, 4, field.Value{B: []byte(m.rec.tree)})
			c.AddGenerated(tn, hfSMB2ShareType, t, 36, 4, field.Value{U: uint64(m.rec.shareType)})
			c.Label(tn, "Tree Id: 0x%s  %s", hex8(t.U32LE(36)), m.rec.tree)
		}
	}
	c.AddUintV(h, hfSMB2SesID, t, 40, 8, t.U64LE(40))
	c.AddBytes(h, hfSMB2Signature, t, 48, 16)
	if m.rec != nil {
		if m.rec.respTo != 0 {
			c.AddGenerated(h, hfSMB2RespTo, t, 0, 0, field.Value{U: uint64(m.rec.respTo)})
			c.AddGenerated(h, hfSMB2Time, t, 0, 0, field.Value{I: m.rec.delta})
		}
		if m.rec.respIn != 0 && !c.State.onePass {
			c.AddGenerated(h, hfSMB2RespIn, t, 0, 0, field.Value{U: uint64(m.rec.respIn)})
		}
	}

	name, ok := smb2CmdVals[uint64(m.cmd)]
	if !ok {
		name = "Unknown (" + strconv.Itoa(m.cmd) + ")"
	}
	kind := " Request"
	if m.response {
		kind = " Response"
	}
	m.info = append(m.info, name+kind...)
	body := c.AddText(p, t, 64, t.Len()-64, name+kind+" (0x"+hex2(uint64(m.cmd))+")")
	if m.response && m.status != 0 {
		m.info = append(m.info, ", Error: "+ntStatusName(m.status)...)
	}
	if !first {
		c.AppendInfo("; ")
	} else {
		c.ClearInfo()
	}
	c.AppendInfo(string(m.info))
	m.info = m.info[:0]
	if m.response && m.status != 0 && m.status != 0xc0000016 && m.status != 0x80000005 && t.Has(64, 2) && t.U16LE(64) == 9 {
		m.errorResp(body)
	} else {
		m.body(body)
	}
	c.AppendInfo(string(m.info))
	return next
}

// ntStatusName is the NT status name Wireshark shows ("STATUS_LOGON_FAILURE").
func ntStatusName(s uint32) string {
	if n, ok := ntStatusVals[uint64(s)]; ok {
		return n
	}
	return "Unknown (0x" + hex8(s) + ")"
}

// match pairs requests and responses by message ID within the connection in the first pass and
// remembers tree and file names, then loads what the first pass decided for this message.
func (m *smb2Msg) match(off int, msgID uint64, tid uint32, sesID uint64, async bool) {
	c := m.c
	st := c.State.slot(smb2Slot).(*smb2State)
	key := uint64(c.Frame.Number)<<24 | uint64(off)&0xffffff
	var ck convKey
	if m.response {
		ck, _ = makeConvKey(c.NetDst, c.NetSrc, uint16(c.DstPort), uint16(c.SrcPort))
	} else {
		ck, _ = makeConvKey(c.NetSrc, c.NetDst, uint16(c.SrcPort), uint16(c.DstPort))
	}
	conn := st.conns[ck]
	if conn == nil && c.Pass1 {
		conn = &smb2Conn{reqs: map[uint64]*smb2Req{}, trees: map[uint32]smb2Tree{}, files: map[[16]byte]string{}}
		st.conns[ck] = conn
	}
	m.conn = conn
	if c.Pass1 {
		rec := &smb2Rec{}
		if !async && conn != nil {
			tr := conn.trees[tid]
			rec.tree, rec.shareType = tr.name, tr.typ
		}
		if !m.response {
			r := &smb2Req{frame: c.Frame.Number, ts: c.Frame.TS}
			conn.reqs[msgID] = r
			m.req = r
		} else if r := conn.reqs[msgID]; r != nil && r.frame < c.Frame.Number && !(m.status == 0x103 && async) {
			rec.respTo, rec.delta = r.frame, c.Frame.TS-r.ts
			if r.resp == 0 {
				r.resp = c.Frame.Number
				if rr := st.recs[uint64(r.frame)<<24|0xffffff]; rr != nil {
					rr.respIn = r.resp
				}
			}
			m.req = r
		} else if r != nil && r.frame < c.Frame.Number {
			rec.respTo, rec.delta = r.frame, c.Frame.TS-r.ts
		}
		st.recs[key] = rec
		if !m.response {
			st.recs[uint64(c.Frame.Number)<<24|0xffffff] = rec
		}
	}
	m.rec = st.recs[key]
	if m.rec == nil {
		m.rec = &smb2Rec{}
	}
}

// errorResp dissects an error response body.
func (m *smb2Msg) errorResp(body int32) {
	c, t := m.c, m.t
	m.bufferCode(body, 64)
	c.AddUintV(body, hfSMB2ErrCtxCnt, t, 66, 1, uint64(t.U8(66)))
	c.AddBytes(body, hfSMB2Reserved, t, 67, 1)
	n := t.U32LE(68)
	c.AddUintV(body, hfSMB2ErrByteCnt, t, 68, 4, uint64(n))
	if n == 0 && t.Has(72, 1) {
		c.AddBytes(body, hfSMB2ErrData, t, 72, 1)
	}
	m.repeatInfo()
}

// bufferCode adds the StructureSize at o.
func (m *smb2Msg) bufferCode(body int32, o int) {
	c, t := m.c, m.t
	bc := uint64(t.U16LE(o))
	n := c.AddUintV(body, hfSMB2BufCode, t, o, 2, bc)
	c.AddUintV(n, hfSMB2BufLen, t, o, 2, bc&0xfffe>>1)
	c.AddUintV(n, hfSMB2BufDyn, t, o, 2, bc&1)
}

// fid adds a file ID at o (and the name the first pass knows for it); it returns the name.
func (m *smb2Msg) fid(body int32, o int) string {
	c, t := m.c, m.t
	g := smb2GUID(t.Bytes(o, 16))
	c.AddBytesV(body, hfSMB2FID, t, o, 16, g)
	var k [16]byte
	copy(k[:], t.Bytes(o, 16))
	name := ""
	if m.conn != nil {
		name = m.conn.files[k]
	}
	if m.c.Pass1 && m.rec != nil {
		m.rec.file = name
	}
	if m.rec != nil && m.rec.file != "" {
		c.AddGenerated(body, hfSMB2Filename, t, o, 16, field.Value{B: []byte(m.rec.file)})
	}
	if m.rec != nil {
		return m.rec.file
	}
	return name
}

// smb2GUID reorders a little-endian GUID into the byte order it is printed in.
func smb2GUID(b []byte) []byte {
	return []byte{b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]}
}

// blob reads an offset/length pair at o (16-bit offset, 32-bit length unless short) and returns
// the bytes it points to within the message.
func (m *smb2Msg) olb(body int32, offAt, lenAt, lenSize int) Tvb {
	c, t := m.c, m.t
	off := int(t.U16LE(offAt))
	var l int
	if lenSize == 2 {
		l = int(t.U16LE(lenAt))
	} else {
		l = int(t.U32LE(lenAt))
	}
	c.AddUintV(body, hfSMB2OLBOff, t, offAt, 2, uint64(off))
	c.AddUintV(body, hfSMB2OLBLen, t, lenAt, lenSize, uint64(l))
	if l == 0 || !t.Has(off, 0) {
		return Tvb{Src: t.Src, Off: t.Off + t.Len()}
	}
	return t.SubLen(off, l)
}

// repeatInfo appends the text a response repeats from its request (a Find's level and pattern).
func (m *smb2Msg) repeatInfo() {
	if m.c.Pass1 && m.req != nil && m.rec != nil {
		m.rec.info = m.req.info
	}
	if m.rec != nil && m.rec.info != "" && m.response {
		m.info = append(m.info, m.rec.info...)
	}
}

// body dissects a command's body.
func (m *smb2Msg) body(body int32) {
	c, t := m.c, m.t
	if t.Len() < 66 {
		return
	}
	m.bufferCode(body, 64)
	switch {
	case m.cmd == smb2Negotiate && !m.response:
		cnt := int(t.U16LE(66))
		c.AddUintV(body, hfSMB2DialectCnt, t, 66, 2, uint64(cnt))
		m.secMode(body, 68)
		c.AddBytes(body, hfSMB2Reserved, t, 70, 2)
		m.caps(body, 72)
		c.AddBytesV(body, hfSMB2ClientGUID, t, 76, 16, smb2GUID(t.Bytes(76, 16)))
		c.AddUintV(body, hfSMB2NegCtxOff, t, 92, 4, uint64(t.U32LE(92)))
		c.AddUintV(body, hfSMB2NegCtxCnt, t, 96, 2, uint64(t.U16LE(96)))
		c.AddBytes(body, hfSMB2Reserved, t, 98, 2)
		for i := 0; i < cnt; i++ {
			c.AddUintV(body, hfSMB2Dialect, t, 100+2*i, 2, uint64(t.U16LE(100+2*i)))
		}
	case m.cmd == smb2Negotiate:
		m.secMode(body, 66)
		c.AddUintV(body, hfSMB2Dialect, t, 68, 2, uint64(t.U16LE(68)))
		c.AddUintV(body, hfSMB2NegCtxCnt, t, 70, 2, uint64(t.U16LE(70)))
		c.AddBytesV(body, hfSMB2ServerGUID, t, 72, 16, smb2GUID(t.Bytes(72, 16)))
		m.caps(body, 88)
		c.AddUintV(body, hfSMB2MaxTrans, t, 92, 4, uint64(t.U32LE(92)))
		c.AddUintV(body, hfSMB2MaxRead, t, 96, 4, uint64(t.U32LE(96)))
		c.AddUintV(body, hfSMB2MaxWrite, t, 100, 4, uint64(t.U32LE(100)))
		m.filetime(body, hfSMB2CurTime, 104)
		m.filetime(body, hfSMB2BootTime, 112)
		blob := m.olb(body, 120, 122, 2)
		m.secBlob(body, blob)
		c.AddUintV(body, hfSMB2NegCtxOff, t, 124, 4, uint64(t.U32LE(124)))
	case m.cmd == smb2SessionSetup && !m.response:
		m.secMode(body, 67)
		m.caps(body, 68)
		blob := m.olb(body, 76, 78, 2)
		c.AddUintV(body, hfSMB2PrevSesID, t, 80, 8, t.U64LE(80))
		m.secBlob(body, blob)
	case m.cmd == smb2SessionSetup:
		sf := uint64(t.U16LE(66))
		sn := c.AddUintV(body, hfSMB2SesFlags, t, 66, 2, sf)
		for _, hf := range smb2SesFlagBits {
			c.AddUintLE(sn, hf, t, 66, 2)
		}
		blob := m.olb(body, 68, 70, 2)
		m.secBlob(body, blob)
	case m.cmd == smb2TreeConnect && !m.response:
		off, l := int(t.U16LE(68)), int(t.U16LE(70))
		path := ""
		if l > 0 && t.Has(off, l) {
			path = ucs2String(t.Bytes(off, l))
		}
		tn := c.AddString(body, hfSMB2Tree, t, off, l, path)
		c.AddUintV(tn, hfSMB2OLBOff, t, 68, 2, uint64(off))
		c.AddUintV(tn, hfSMB2OLBLen, t, 70, 2, uint64(l))
		m.info = append(m.info, " Tree: "+path...)
		if c.Pass1 && m.req != nil {
			m.req.tree = path
		}
	case m.cmd == smb2TreeConnect:
		c.AddUint(body, hfSMB2ShareType, t, 66, 1)
		c.AddUintV(body, hfSMB2ShareFlags, t, 68, 4, uint64(t.U32LE(68)))
		c.AddUintV(body, hfSMB2ShareCaps, t, 72, 4, uint64(t.U32LE(72)))
		if c.Pass1 && m.req != nil && m.status == 0 && m.conn != nil {
			m.conn.trees[t.U32LE(36)] = smb2Tree{name: m.req.tree, typ: t.U8(66)}
		}
	case m.cmd == smb2Create && !m.response:
		c.AddUintV(body, hfSMB2Oplock, t, 67, 1, uint64(t.U8(67)))
		c.AddUintV(body, hfSMB2Imperson, t, 68, 4, uint64(t.U32LE(68)))
		c.AddUintV(body, hfSMB2Disp, t, 100, 4, uint64(t.U32LE(100)))
		off, l := int(t.U16LE(108)), int(t.U16LE(110))
		name := ""
		if l > 0 && t.Has(off, l) {
			name = ucs2String(t.Bytes(off, l))
		}
		c.AddString(body, hfSMB2Filename, t, off, l, name)
		m.info = append(m.info, " File: "+name...)
		if c.Pass1 && m.req != nil {
			m.req.file = name
		}
	case m.cmd == smb2Create:
		c.AddUintV(body, hfSMB2Oplock, t, 66, 1, uint64(t.U8(66)))
		c.AddUintV(body, hfSMB2CreateAct, t, 68, 4, uint64(t.U32LE(68)))
		m.filetime(body, hfSMB2CreateTime, 72)
		m.filetime(body, hfSMB2AccessTime, 80)
		m.filetime(body, hfSMB2WriteTime, 88)
		m.filetime(body, hfSMB2ChangeTime, 96)
		c.AddUintV(body, hfSMB2AllocSize, t, 104, 8, t.U64LE(104))
		c.AddUintV(body, hfSMB2EOF, t, 112, 8, t.U64LE(112))
		c.AddUintV(body, hfSMB2FileAttr, t, 120, 4, uint64(t.U32LE(120)))
		if c.Pass1 && m.req != nil && m.conn != nil && m.status == 0 {
			var k [16]byte
			copy(k[:], t.Bytes(128, 16))
			m.conn.files[k] = m.req.file
		}
		m.fid(body, 128)
		if c.Pass1 && m.req != nil {
			m.rec.info = " File: " + m.req.file
		}
		m.info = append(m.info, m.rec.info...)
	case m.cmd == smb2Close:
		c.AddUintV(body, hfSMB2CloseFlags, t, 66, 2, uint64(t.U16LE(66)))
		if !m.response {
			name := m.fid(body, 72)
			m.info = append(m.info, " File: "+name...)
		} else {
			m.filetime(body, hfSMB2CreateTime, 72)
			m.filetime(body, hfSMB2AccessTime, 80)
			m.filetime(body, hfSMB2WriteTime, 88)
			m.filetime(body, hfSMB2ChangeTime, 96)
			c.AddUintV(body, hfSMB2AllocSize, t, 104, 8, t.U64LE(104))
			c.AddUintV(body, hfSMB2EOF, t, 112, 8, t.U64LE(112))
			c.AddUintV(body, hfSMB2FileAttr, t, 120, 4, uint64(t.U32LE(120)))
		}
	case m.cmd == smb2Read && !m.response:
		l := t.U32LE(68)
		off := t.U64LE(72)
		c.AddUintV(body, hfSMB2ReadLen, t, 68, 4, uint64(l))
		c.AddUintV(body, hfSMB2FileOff, t, 72, 8, off)
		name := m.fid(body, 80)
		m.info = append(m.info, " Len:"+strconv.FormatUint(uint64(l), 10)+" Off:"+strconv.FormatUint(off, 10)+" File: "+name...)
	case m.cmd == smb2Read:
		off := int(t.U8(66))
		l := int(t.U32LE(68))
		c.AddUintV(body, hfSMB2ReadLen, t, 68, 4, uint64(l))
		c.AddUintV(body, hfSMB2ReadRem, t, 72, 4, uint64(t.U32LE(72)))
		if l > 0 && t.Has(off, 0) {
			c.CallData(t.SubLen(off, min(l, t.Len()-off)), m.top)
		}
	case m.cmd == smb2Write && !m.response:
		doff := int(t.U16LE(66))
		l := t.U32LE(68)
		off := t.U64LE(72)
		c.AddUintV(body, hfSMB2WriteLen, t, 68, 4, uint64(l))
		c.AddUintV(body, hfSMB2FileOff, t, 72, 8, off)
		name := m.fid(body, 80)
		m.info = append(m.info, " Len:"+strconv.FormatUint(uint64(l), 10)+" Off:"+strconv.FormatUint(off, 10)+" File: "+name...)
		if l > 0 && t.Has(doff, 0) {
			c.CallData(t.SubLen(doff, min(int(l), t.Len()-doff)), m.top)
		}
	case m.cmd == smb2Write:
		c.AddUintV(body, hfSMB2WriteLen, t, 68, 4, uint64(t.U32LE(68)))
	case m.cmd == smb2Find && !m.response:
		lvl := uint64(t.U8(66))
		c.AddUintV(body, hfSMB2FindLevel, t, 66, 1, lvl)
		c.AddUintV(body, hfSMB2FindFlags, t, 67, 1, uint64(t.U8(67)))
		name := m.fid(body, 72)
		off, l := int(t.U16LE(88)), int(t.U16LE(90))
		pat := ""
		if l > 0 && t.Has(off, l) {
			pat = ucs2String(t.Bytes(off, l))
		}
		c.AddUintV(body, hfSMB2OutBufLen, t, 92, 4, uint64(t.U32LE(92)))
		c.AddString(body, hfSMB2FindPat, t, off, l, pat)
		lname, _ := smb2FindInfoVals[lvl]
		m.info = append(m.info, " File: "+name+" "+lname+" Pattern: "+pat...)
		if c.Pass1 && m.req != nil {
			m.req.info = " " + lname + " Pattern: " + pat
		}
	case m.cmd == smb2Find:
		m.repeatInfo()
	case m.cmd == smb2GetInfo && !m.response:
		class := uint64(t.U8(66))
		lvl := uint64(t.U8(67))
		c.AddUintV(body, hfSMB2Class, t, 66, 1, class)
		c.AddUintV(body, hfSMB2InfoLevel, t, 67, 1, lvl)
		c.AddUintV(body, hfSMB2MaxResp, t, 68, 4, uint64(t.U32LE(68)))
		name := m.fid(body, 88)
		cname, _ := smb2ClassVals[class]
		var lname string
		switch class {
		case 1:
			lname = smb2FileInfoVals[lvl]
		case 2:
			lname = smb2FSInfoVals[lvl]
		}
		m.info = append(m.info, " "+cname+"/"+lname+" File: "+name...)
	case m.cmd == smb2Ioctl && !m.response:
		fn := uint64(t.U32LE(68))
		c.AddUintV(body, hfSMB2Ioctl, t, 68, 4, fn)
		fname, ok := smb2IoctlVals[fn]
		if !ok {
			fname = "Unknown (0x" + hex8(fn) + ")"
		}
		name := m.fid(body, 72)
		c.AddUintV(body, hfSMB2MaxIoIn, t, 96, 4, uint64(t.U32LE(96)))
		c.AddUintV(body, hfSMB2MaxIoOut, t, 108, 4, uint64(t.U32LE(108)))
		if fn == 0x60194 { // FSCTL_DFS_GET_REFERRALS: the path asked about
			if off, l := int(t.U32LE(88)), int(t.U32LE(92)); l > 2 && t.Has(off+2, l-2) {
				name = ucs2String(t.Bytes(off+2, l-2))
				for len(name) > 0 && name[len(name)-1] == 0 {
					name = name[:len(name)-1]
				}
			}
		}
		m.info = append(m.info, " "+fname+", File: "+name...)
	}
}

func (m *smb2Msg) secMode(body int32, o int) {
	c, t := m.c, m.t
	v := uint64(t.U8(o))
	n := c.AddUintV(body, hfSMB2SecMode, t, o, 1, v)
	if c.Visible() {
		s := "Security mode: 0x" + hex2(v)
		if v&1 != 0 {
			s += ", Signing enabled"
		}
		if v&2 != 0 {
			s += ", Signing required"
		}
		c.T.SetLabel(n, s)
	}
	c.AddUint(n, hfSMB2SignEn, t, o, 1)
	c.AddUint(n, hfSMB2SignReq, t, o, 1)
}

func (m *smb2Msg) caps(body int32, o int) {
	c, t := m.c, m.t
	v := uint64(t.U32LE(o))
	n := c.AddUintV(body, hfSMB2Caps, t, o, 4, v)
	for _, hf := range smb2CapBits {
		c.AddUintLE(n, hf, t, o, 4)
	}
	if c.Visible() {
		s := "Capabilities: 0x" + hex8(v)
		for _, hf := range smb2CapBits {
			if f := Fields.Get(hf); v&f.Mask != 0 {
				s += ", " + f.Name
			}
		}
		c.T.SetLabel(n, s)
	}
}

func (m *smb2Msg) filetime(body int32, hf field.ID, o int) {
	c, t := m.c, m.t
	ft := t.U64LE(o)
	var ns int64
	if ft != 0 {
		ns = filetimeNS(ft)
	}
	n := c.Add(body, hf, t, o, 8, field.Value{I: ns})
	if ft == 0 {
		c.Label(n, "%s: No time specified (0)", Fields.Get(hf).Name)
	}
}

// secBlob adds a security blob and hands it to GSS-API.
func (m *smb2Msg) secBlob(body int32, blob Tvb) {
	c := m.c
	if blob.Len() == 0 {
		return
	}
	n := c.AddBytes(body, hfSMB2SecBlob, blob, 0, blob.Len())
	c.Call(handleGSSAPI, blob, n)
}
