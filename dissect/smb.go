package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// SMB1 (CIFS, MS-SMB) commands of a file-sharing session over NBSS, beside the header and browser
// Trans requests of nbdgm.go: negotiate, session setup AndX with its GSS-API security blob, tree
// connect AndX, tree disconnect and the Trans2 subcommand, with the Info column Wireshark 4.0 shows
// (the NT status of a response, the path, the Trans2 subcommand a response answers).

var (
	hfSmbNTStatus   = Fields.Add(protoSMB, "smb.nt_status", "NT Status", field.Uint32, field.WithBase(field.Hex), field.WithStrings(ntStatusVals))
	hfSmbBufFormat  = Fields.Add(protoSMB, "smb.buffer_format", "Buffer Format", field.Uint8, field.WithStrings(map[uint64]string{1: "Data Block", 2: "Dialect", 3: "Pathname", 4: "ASCII", 5: "Variable Block"}))
	hfSmbDialect    = Fields.Add(protoSMB, "smb.dialect", "Dialect", field.String)
	hfSmbDialectNm  = Fields.Add(protoSMB, "smb.dialect.name", "Name", field.String)
	hfSmbDialectIdx = Fields.Add(protoSMB, "smb.dialect.index", "Selected Index", field.Uint16)
	hfSmbAndXCmd    = Fields.Add(protoSMB, "smb.cmd_andx", "AndXCommand", field.Uint8, field.WithBase(field.Hex))
	hfSmbAndXOff    = Fields.Add(protoSMB, "smb.andxoffset", "AndXOffset", field.Uint16)
	hfSmbMaxBuf     = Fields.Add(protoSMB, "smb.max_buf", "Max Buffer", field.Uint16)
	hfSmbMaxMpx     = Fields.Add(protoSMB, "smb.max_mpx_count", "Max Mpx Count", field.Uint16)
	hfSmbVC         = Fields.Add(protoSMB, "smb.vc", "VC Number", field.Uint16)
	hfSmbSessKey    = Fields.Add(protoSMB, "smb.session_key", "Session Key", field.Uint32, field.WithBase(field.Hex))
	hfSmbSecBlobLen = Fields.Add(protoSMB, "smb.security_blob_len", "Security Blob Length", field.Uint16)
	hfSmbSecBlob    = Fields.Add(protoSMB, "smb.security_blob", "Security Blob", field.Bytes)
	hfSmbAction     = Fields.Add(protoSMB, "smb.setup.action", "Action", field.Uint16, field.WithBase(field.Hex))
	hfSmbPath       = Fields.Add(protoSMB, "smb.path", "Path", field.String)
	hfSmbService    = Fields.Add(protoSMB, "smb.service", "Service", field.String)
	hfSmbPassword   = Fields.Add(protoSMB, "smb.password", "Password", field.Bytes)
	hfSmbTrans2Cmd  = Fields.Add(protoSMB, "smb.trans2.cmd", "Subcommand", field.Uint16, field.WithBase(field.Hex), field.WithStrings(smbTrans2Vals))
	hfSmbMaxRefLvl  = Fields.Add(protoSMB, "smb.max_referral_level", "Max Referral Level", field.Uint16)
	hfSmbFile       = Fields.Add(protoSMB, "smb.file", "File Name", field.String)
	hfSmbPattern    = Fields.Add(protoSMB, "smb.search_pattern", "Search Pattern", field.String)
	hfSmbRespTo     = Fields.Add(protoSMB, "smb.response_to", "Response to", field.FrameNum)
	hfSmbRespIn     = Fields.Add(protoSMB, "smb.response_in", "Response in", field.FrameNum)
	hfSmbTime       = Fields.Add(protoSMB, "smb.time", "Time from request", field.RelTime)
)

var smbTrans2Vals = map[uint64]string{0: "OPEN2", 1: "FIND_FIRST2", 2: "FIND_NEXT2", 3: "QUERY_FS_INFO", 4: "SET_FS_INFO",
	5: "QUERY_PATH_INFO", 6: "SET_PATH_INFO", 7: "QUERY_FILE_INFO", 8: "SET_FILE_INFO", 9: "FSCTL", 10: "IOCTL2",
	11: "FIND_NOTIFY_FIRST", 12: "FIND_NOTIFY_NEXT", 13: "CREATE_DIRECTORY", 14: "SESSION_SETUP",
	16: "GET_DFS_REFERRAL", 17: "REPORT_DFS_INCONSISTENCY"}

// smbQFSLevels names QUERY_FS_INFO levels as the Info column shows them.
var smbQFSLevels = map[uint16]string{1: "Info Allocation", 2: "Info Volume", 0x102: "Query FS Volume Info",
	0x103: "Query FS Size Info", 0x104: "Query FS Device Info", 0x105: "Query FS Attribute Info",
	0x3ef: "Query Full FS Size Info", 1001: "Query Full FS Size Info"}

// smbReq is an SMB1 request by connection and multiplex ID, for its response.
type smbKey struct {
	conv convKey
	mid  uint16
}

type smbReq struct {
	frame, resp uint32
	ts          int64
	trans2      int    // the Trans2 subcommand, or -1
	file        string // an NT Create's file name
	fid         uint16 // the FID a read, write or close uses
	offset      uint64 // a read's or write's file offset
}

type smbRec struct {
	respTo, respIn uint32
	delta          int64
	trans2         int
	fid            uint16 // the FID the message uses (a response: its request's)
	offset         uint64 // a read's or write's file offset
	file           string // the file the FID names, and the frame that opened it
	opened         uint32
}

type smbState struct {
	reqs map[smbKey]*smbReq
	recs map[uint32]*smbRec
	fids map[smbFIDKey]smbFID
}

var smbSlot = newStateSlot(func() any {
	return &smbState{reqs: map[smbKey]*smbReq{}, recs: map[uint32]*smbRec{}, fids: map[smbFIDKey]smbFID{}}
})

// smbNTStatus replaces the DOS error items of the header with the NT status when the flags say so,
// and returns it.
func smbNTStatus(t Tvb) (uint32, bool) {
	if !t.Has(10, 2) || t.U16LE(10)&0x4000 == 0 {
		return 0, false
	}
	return t.U32LE(5), true
}

// smbCommand dissects the body of the SMB1 commands of a file-sharing session; it reports false for
// the others.
func smbCommand(c *Ctx, t Tvb, p, parent int32, cmd uint64, response bool) bool {
	status, nt := smbNTStatus(t)
	rec := smbMatch(c, t, response)
	wct := int(t.U8(32))
	name, _ := Fields.Get(hfSmbCmd).ValueName(cmd)
	kind := " Request"
	if response {
		kind = " Response"
	}
	b := c.AddText(p, t, 32, t.Len()-32, name+kind+" (0x"+hex2(cmd)+")")
	if rec != nil {
		if rec.respTo != 0 {
			c.AddGenerated(p, hfSmbRespTo, t, 0, 0, field.Value{U: uint64(rec.respTo)})
			c.AddGenerated(p, hfSmbTime, t, 0, 0, field.Value{I: rec.delta})
		}
	}
	c.AddUint(b, hfSmbWct, t, 32, 1)
	bccOff := 33 + 2*wct
	unicode := t.U16LE(10)&0x8000 != 0
	errInfo := func() {
		if response && nt && status != 0 {
			c.AppendInfo(", Error: " + ntStatusName(status))
		}
	}
	switch {
	case cmd == 0x72 && !response: // Negotiate: the dialects offered
		c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
		dl := c.AddText(b, t, bccOff+2, t.Len()-bccOff-2, "Requested Dialects")
		for o := bccOff + 2; o < t.Len(); {
			end := t.IndexByte(o+1, 0)
			if end < 0 {
				end = t.Len()
			}
			s := string(t.B[o+1 : end])
			d := c.AddString(dl, hfSmbDialect, t, o, end+1-o, s)
			c.AddUint(d, hfSmbBufFormat, t, o, 1)
			c.AddString(d, hfSmbDialectNm, t, o+1, end-o, s)
			o = end + 1
		}
	case cmd == 0x72:
		if wct >= 1 {
			c.AddUintLE(b, hfSmbDialectIdx, t, 33, 2)
		}
		if wct == 17 && t.Has(bccOff, 2) {
			bcc := int(t.U16LE(bccOff))
			c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
			if bcc > 16 {
				smbSecBlob(c, t, b, bccOff+2+16, bcc-16)
			}
		}
	case cmd == 0x73 && !response && wct == 12:
		c.AddUint(b, hfSmbAndXCmd, t, 33, 1)
		c.AddUintLE(b, hfSmbAndXOff, t, 35, 2)
		c.AddUintLE(b, hfSmbMaxBuf, t, 37, 2)
		c.AddUintLE(b, hfSmbMaxMpx, t, 39, 2)
		c.AddUintLE(b, hfSmbVC, t, 41, 2)
		c.AddUintLE(b, hfSmbSessKey, t, 43, 4)
		_, bl := c.AddUintLE(b, hfSmbSecBlobLen, t, 47, 2)
		c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
		smbSecBlob(c, t, b, bccOff+2, int(bl))
	case cmd == 0x73 && response && wct == 4:
		c.AddUint(b, hfSmbAndXCmd, t, 33, 1)
		c.AddUintLE(b, hfSmbAndXOff, t, 35, 2)
		c.AddUintLE(b, hfSmbAction, t, 37, 2)
		_, bl := c.AddUintLE(b, hfSmbSecBlobLen, t, 39, 2)
		c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
		smbSecBlob(c, t, b, bccOff+2, int(bl))
	case cmd == 0x75 && !response && wct == 4: // Tree Connect AndX
		c.AddUint(b, hfSmbAndXCmd, t, 33, 1)
		c.AddUintLE(b, hfSmbAndXOff, t, 35, 2)
		pwl := int(t.U16LE(39))
		c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
		o := bccOff + 2
		if pwl > 0 {
			c.AddBytes(b, hfSmbPassword, t, o, pwl)
		}
		o += pwl
		path, n := smbString(t, o, unicode)
		c.AddString(b, hfSmbPath, t, o, n, path)
		c.AppendInfo(", Path: " + path)
		o += n
		if end := t.IndexByte(o, 0); end > o {
			c.AddString(b, hfSmbService, t, o, end+1-o, string(t.B[o:end]))
		}
	case cmd == 0x75 && response: // Tree Connect AndX response: the service
		if wct >= 2 {
			c.AddUint(b, hfSmbAndXCmd, t, 33, 1)
			c.AddUintLE(b, hfSmbAndXOff, t, 35, 2)
		}
		if t.Has(bccOff, 2) {
			c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
			if o := bccOff + 2; o < t.Len() {
				if end := t.IndexByte(o, 0); end > o {
					c.AddString(b, hfSmbService, t, o, end+1-o, string(t.B[o:end]))
				}
			}
		}
	case cmd == 0x32: // Trans2
		sub := -1
		if !response && wct >= 15 {
			sub = int(t.U16LE(33 + 2*14))
			c.AddUintV(b, hfSmbTrans2Cmd, t, 33+2*14, 2, uint64(sub))
		} else if rec != nil {
			sub = rec.trans2
			if sub >= 0 {
				c.AddGenerated(b, hfSmbTrans2Cmd, t, 0, 0, field.Value{U: uint64(sub)})
			}
		}
		if c.Pass1 && rec != nil && !response {
			rec.trans2 = sub
			smbSetTrans2(c, t, sub)
		}
		if sub == 7 && response && rec != nil {
			c.AppendInfo(", FID: 0x" + hex4(uint64(rec.fid)))
		}
		if sub >= 0 {
			c.AppendInfo(", " + smbTrans2Vals[uint64(sub)])
		}
		if !response && wct >= 15 {
			smbTrans2Params(c, t, b, sub, unicode)
		}
	case cmd == 0x71: // Tree Disconnect
	case smbFileCommand(c, t, b, cmd, response, rec, unicode):
	default:
		return false
	}
	errInfo()
	return true
}

// smbTrans2Params adds a Trans2 request's parameters and the Info text they give.
func smbTrans2Params(c *Ctx, t Tvb, b int32, sub int, unicode bool) {
	po := int(t.U16LE(33 + 2*10)) // ParameterOffset, the tenth word
	if !t.Has(po, 2) {
		return
	}
	switch sub {
	case 16: // GET_DFS_REFERRAL
		c.AddUintLE(b, hfSmbMaxRefLvl, t, po, 2)
		s, n := smbString(t, po+2, unicode)
		c.AddString(b, hfSmbFile, t, po+2, n, s)
		c.AppendInfo(", File: " + s)
	case 1: // FIND_FIRST2
		if t.Has(po, 12) {
			s, n := smbString(t, po+12, unicode)
			c.AddString(b, hfSmbPattern, t, po+12, n, s)
			c.AppendInfo(", Pattern: " + s)
		}
	case 3: // QUERY_FS_INFO
		if name, ok := smbQFSLevels[t.U16LE(po)]; ok {
			c.AppendInfo(", " + name)
		}
	case 7: // QUERY_FILE_INFO: the FID and the level
		if t.Has(po, 4) {
			fid := t.U16LE(po)
			c.AddUintV(b, hfSmbFID, t, po, 2, uint64(fid))
			c.AppendInfo(", FID: 0x" + hex4(uint64(fid)))
			if name, ok := smbQFILevels[t.U16LE(po+2)]; ok {
				c.AppendInfo(", " + name)
			}
			if c.Pass1 {
				if r := smbRequest(c, t); r != nil {
					r.fid = fid
				}
			}
		}
	}
}

// smbQFILevels names QUERY_FILE_INFO levels as the Info column shows them.
var smbQFILevels = map[uint16]string{1: "Info Standard", 2: "Info Query EA Size", 4: "Info Query All EAs",
	0x101: "Query File Basic Info", 0x102: "Query File Standard Info", 0x103: "Query File EA Info",
	0x104: "Query File Name Info", 0x107: "Query File All Info", 0x108: "Query File Alt Name Info",
	0x109: "Query File Stream Info", 0x10b: "Query File Compression Info", 1004: "Query File Basic Info",
	1005: "Query File Standard Info", 1018: "Query File All Info"}

// smbString reads a NUL-terminated SMB string at o (UTF-16 when unicode, padded to an even offset
// from the SMB header) and returns it and the bytes it takes.
func smbString(t Tvb, o int, unicode bool) (string, int) {
	if !unicode {
		end := t.IndexByte(o, 0)
		if end < 0 {
			return string(t.B[o:]), t.Len() - o
		}
		return string(t.B[o:end]), end + 1 - o
	}
	start := o
	if o%2 == 1 {
		o++
	}
	e := o
	for t.Has(e, 2) && t.U16LE(e) != 0 {
		e += 2
	}
	s := ucs2String(t.Bytes(o, e-o))
	if t.Has(e, 2) {
		e += 2
	}
	return s, e - start
}

// smbSecBlob adds a session setup's security blob and hands it to GSS-API.
func smbSecBlob(c *Ctx, t Tvb, b int32, o, n int) {
	if n <= 0 || !t.Has(o, n) {
		return
	}
	bn := c.AddBytes(b, hfSmbSecBlob, t, o, n)
	c.Call(handleGSSAPI, t.SubLen(o, n), bn)
}

// smbMatch pairs SMB1 requests and responses by multiplex ID within the connection.
func smbMatch(c *Ctx, t Tvb, response bool) *smbRec {
	if c.PortType != 6 {
		return nil
	}
	st := c.State.slot(smbSlot).(*smbState)
	if c.Pass1 {
		var ck convKey
		if response {
			ck, _ = makeConvKey(c.NetDst, c.NetSrc, uint16(c.DstPort), uint16(c.SrcPort))
		} else {
			ck, _ = makeConvKey(c.NetSrc, c.NetDst, uint16(c.SrcPort), uint16(c.DstPort))
		}
		k := smbKey{conv: ck, mid: t.U16LE(30)}
		rec := &smbRec{trans2: -1}
		if !response {
			st.reqs[k] = &smbReq{frame: c.Frame.Number, ts: c.Frame.TS, trans2: -1}
		} else if r := st.reqs[k]; r != nil && r.frame < c.Frame.Number {
			rec.respTo, rec.delta, rec.trans2 = r.frame, c.Frame.TS-r.ts, r.trans2
			rec.fid, rec.offset = r.fid, r.offset
			if r.resp == 0 {
				r.resp = c.Frame.Number
			}
		}
		st.recs[c.Frame.Number] = rec
	}
	return st.recs[c.Frame.Number]
}

// smbSetTrans2 remembers a Trans2 request's subcommand for its response.
func smbSetTrans2(c *Ctx, t Tvb, sub int) {
	st := c.State.slot(smbSlot).(*smbState)
	ck, _ := makeConvKey(c.NetSrc, c.NetDst, uint16(c.SrcPort), uint16(c.DstPort))
	if r := st.reqs[smbKey{conv: ck, mid: t.U16LE(30)}]; r != nil {
		r.trans2 = sub
	}
}
