package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// SMB1 file access: NT Create AndX, Read AndX, Write AndX and Close, with the Info column Wireshark
// 4.0 shows ("Read AndX Request, FID: 0x38df, 17 bytes at offset 0") and the file a FID names,
// remembered per connection from the create response, shown on every later use of the FID.

var (
	hfSmbFID         = Fields.Add(protoSMB, "smb.fid", "FID", field.Uint16, field.WithBase(field.Hex), field.WithBlurb("FID: File ID"))
	hfSmbFIDOpened   = Fields.Add(protoSMB, "smb.fid.opened_in", "Opened in", field.FrameNum, field.WithBlurb("The frame this fid was opened"))
	hfSmbFileNameLen = Fields.Add(protoSMB, "smb.file_name_len", "File Name Len", field.Uint32, field.WithBlurb("Length of File Name"))
	hfSmbCreateFlags = Fields.Add(protoSMB, "smb.create_flags", "Create Flags", field.Uint32, field.WithBase(field.Hex))
	hfSmbRootFID     = Fields.Add(protoSMB, "smb.root_dir_fid", "Root FID", field.Uint32, field.WithBase(field.Hex), field.WithBlurb("Open is relative to this FID (if nonzero)"))
	hfSmbAccessMask  = Fields.Add(protoSMB, "smb.access_mask", "Access Mask", field.Uint32, field.WithBase(field.Hex))
	hfSmbAllocSize64 = Fields.Add(protoSMB, "smb.alloc_size64", "Allocation Size", field.Uint64, field.WithBlurb("Number of bytes to reserve on create or truncate"))
	hfSmbExtAttr     = Fields.Add(protoSMB, "smb.file_eattr", "File Attributes", field.Uint32, field.WithBase(field.Hex))
	hfSmbShareAccess = Fields.Add(protoSMB, "smb.share_access", "Share Access", field.Uint32, field.WithBase(field.Hex))
	hfSmbDisposition = Fields.Add(protoSMB, "smb.create.disposition", "Disposition", field.Uint32, field.WithStrings(map[uint64]string{
		0: "Supersede (supersede existing file (if it exists))", 1: "Open (if file exists open it, else fail)",
		2: "Create (if file exists fail, else create it)", 3: "Open If (if file exists open it, else create it)",
		4: "Overwrite (if file exists overwrite, else fail)", 5: "Overwrite If (if file exists overwrite, else create it)"}))
	hfSmbCreateOpts = Fields.Add(protoSMB, "smb.create_options", "Create Options", field.Uint32, field.WithBase(field.Hex))
	hfSmbImperson   = Fields.Add(protoSMB, "smb.impersonation.level", "Impersonation", field.Uint32, field.WithStrings(map[uint64]string{
		0: "Anonymous", 1: "Identification", 2: "Impersonation", 3: "Delegation"}))
	hfSmbSecFlags    = Fields.Add(protoSMB, "smb.security.flags", "Security Flags", field.Uint8, field.WithBase(field.Hex))
	hfSmbOplockLevel = Fields.Add(protoSMB, "smb.oplock.level", "Oplock level", field.Uint8, field.WithStrings(map[uint64]string{
		0: "No oplock granted", 1: "Exclusive oplock granted", 2: "Batch oplock granted", 3: "Level II oplock granted"}))
	hfSmbCreateAction = Fields.Add(protoSMB, "smb.create.action", "Create action", field.Uint32, field.WithStrings(map[uint64]string{
		0: "The file existed and was superseded", 1: "The file existed and was opened", 2: "The file did not exist but was created",
		3: "The file existed and was truncated"}))
	hfSmbCreateTime = Fields.Add(protoSMB, "smb.create.time", "Created", field.AbsTime, field.WithBase(field.TimeUTC))
	hfSmbAccessTime = Fields.Add(protoSMB, "smb.access.time", "Last Access", field.AbsTime, field.WithBase(field.TimeUTC))
	hfSmbWriteTime  = Fields.Add(protoSMB, "smb.last_write.time", "Last Write", field.AbsTime, field.WithBase(field.TimeUTC))
	hfSmbChangeTime = Fields.Add(protoSMB, "smb.change.time", "Change", field.AbsTime, field.WithBase(field.TimeUTC))
	hfSmbEOF        = Fields.Add(protoSMB, "smb.end_of_file", "End Of File", field.Uint64, field.WithBlurb("Offset to the first free byte in the file"))
	hfSmbFileType   = Fields.Add(protoSMB, "smb.file_type", "File Type", field.Uint16, field.WithStrings(map[uint64]string{
		0: "Disk file or directory", 1: "Named pipe in byte mode", 2: "Named pipe in message mode", 3: "Spooled printer"}))
	hfSmbIPCState = Fields.Add(protoSMB, "smb.ipc_state", "IPC State", field.Uint16, field.WithBase(field.Hex))
	hfSmbIsDir    = Fields.Add(protoSMB, "smb.is_directory", "Is Directory", field.Uint8, field.WithStrings(map[uint64]string{
		0: "This is NOT a directory", 1: "This is a DIRECTORY"}))
	hfSmbOffset       = Fields.Add(protoSMB, "smb.offset", "Offset", field.Uint32, field.WithBlurb("Offset in file"))
	hfSmbMaxCountLow  = Fields.Add(protoSMB, "smb.maxcount_low", "Max Count Low", field.Uint16, field.WithBlurb("Maximum Count, Low 16 bits"))
	hfSmbMinCount     = Fields.Add(protoSMB, "smb.mincount", "Min Count", field.Uint16, field.WithBlurb("Minimum Count"))
	hfSmbMaxCountHigh = Fields.Add(protoSMB, "smb.maxcount_high", "Max Count High (multiply with 64K)", field.Uint16, field.WithBlurb("Maximum Count, High 16 bits"))
	hfSmbRemaining    = Fields.Add(protoSMB, "smb.remaining", "Remaining", field.Uint32, field.WithBlurb("Remaining number of bytes"))
	hfSmbHighOffset   = Fields.Add(protoSMB, "smb.high_offset", "High Offset", field.Uint32, field.WithBlurb("High 32 Bits Of File Offset"))
	hfSmbRWOffset     = Fields.Add(protoSMB, "smb.file.rw.offset", "File Offset", field.Uint64)
	hfSmbRWLength     = Fields.Add(protoSMB, "smb.file.rw.length", "File RW Length", field.Uint32)
	hfSmbDCM          = Fields.Add(protoSMB, "smb.dcm", "Data Compaction Mode", field.Uint16)
	hfSmbDataLenLow   = Fields.Add(protoSMB, "smb.data_len_low", "Data Length Low", field.Uint16, field.WithBlurb("Length of data, Low 16 bits"))
	hfSmbDataLenHigh  = Fields.Add(protoSMB, "smb.data_len_high", "Data Length High (multiply with 64K)", field.Uint16, field.WithBlurb("Length of data, High 16 bits"))
	hfSmbPadding      = Fields.Add(protoSMB, "smb.padding", "Padding", field.Bytes, field.WithBlurb("Padding or unknown data"))
	hfSmbFileData     = Fields.Add(protoSMB, "smb.file_data", "File Data", field.Bytes, field.WithBlurb("Data read/written to the file"))
	hfSmbCountLow     = Fields.Add(protoSMB, "smb.count_low", "Count Low", field.Uint16, field.WithBlurb("Count number of items/bytes, Low 16 bits"))
	hfSmbCountHigh    = Fields.Add(protoSMB, "smb.count_high", "Count High (multiply with 64K)", field.Uint16, field.WithBlurb("Count number of items/bytes, High 16 bits"))
	hfSmbWriteMode    = Fields.Add(protoSMB, "smb.write_mode", "Write Mode", field.Uint16, field.WithBase(field.Hex))
)

// SMB1 commands of this file.
const (
	smbCmdClose     = 0x04
	smbCmdReadAndX  = 0x2e
	smbCmdWriteAndX = 0x2f
	smbCmdNTCreate  = 0xa2
)

// smbFID is what the first pass learned about a FID of a connection.
type smbFID struct {
	name   string
	opened uint32
}

// smbFIDKey is a FID within a connection.
type smbFIDKey struct {
	conv convKey
	fid  uint16
}

// smbFileCommand dissects the file commands; it reports whether cmd is one of them.
func smbFileCommand(c *Ctx, t Tvb, b int32, cmd uint64, response bool, rec *smbRec, unicode bool) bool {
	wct := int(t.U8(32))
	bccOff := 33 + 2*wct
	switch {
	case cmd == smbCmdNTCreate && !response && wct == 24:
		smbAndX(c, t, b)
		c.AddBytes(b, hfSmbReserved, t, 37, 1)
		c.AddUintLE(b, hfSmbFileNameLen, t, 38, 2)
		c.AddUintLE(b, hfSmbCreateFlags, t, 40, 4)
		c.AddUintLE(b, hfSmbRootFID, t, 44, 4)
		c.AddUintLE(b, hfSmbAccessMask, t, 48, 4)
		c.AddUintLE(b, hfSmbAllocSize64, t, 52, 8)
		c.AddUintLE(b, hfSmbExtAttr, t, 60, 4)
		c.AddUintLE(b, hfSmbShareAccess, t, 64, 4)
		c.AddUintLE(b, hfSmbDisposition, t, 68, 4)
		c.AddUintLE(b, hfSmbCreateOpts, t, 72, 4)
		c.AddUintLE(b, hfSmbImperson, t, 76, 4)
		c.AddUint(b, hfSmbSecFlags, t, 80, 1)
		c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
		name, n := smbString(t, bccOff+2, unicode)
		c.AddString(b, hfSmbFile, t, bccOff+2, n, name)
		c.AppendInfo(", Path: " + name)
		if c.Pass1 && rec != nil {
			if r := smbRequest(c, t); r != nil {
				r.file = name
			}
		}
	case cmd == smbCmdNTCreate && response && (wct == 34 || wct == 42):
		smbAndX(c, t, b)
		c.AddUint(b, hfSmbOplockLevel, t, 37, 1)
		fid := t.U16LE(38)
		if c.Pass1 && rec != nil {
			if r := smbRequest(c, t); r != nil && t.U32LE(5) == 0 {
				st := c.State.slot(smbSlot).(*smbState)
				st.fids[smbFIDKey{conv: smbConv(c, true), fid: fid}] = smbFID{name: r.file, opened: c.Frame.Number}
			}
		}
		smbFIDItem(c, t, b, 38, fid, rec, false)
		c.AppendInfo(", FID: 0x" + hex4(uint64(fid)))
		c.AddUintLE(b, hfSmbCreateAction, t, 40, 4)
		for i, hf := range []field.ID{hfSmbCreateTime, hfSmbAccessTime, hfSmbWriteTime, hfSmbChangeTime} {
			smbFiletime(c, t, b, hf, 44+8*i)
		}
		c.AddUintLE(b, hfSmbExtAttr, t, 76, 4)
		c.AddUintLE(b, hfSmbAllocSize64, t, 80, 8)
		c.AddUintLE(b, hfSmbEOF, t, 88, 8)
		c.AddUintLE(b, hfSmbFileType, t, 96, 2)
		c.AddUintLE(b, hfSmbIPCState, t, 98, 2)
		c.AddUint(b, hfSmbIsDir, t, 100, 1)
		c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
	case cmd == smbCmdReadAndX && !response && (wct == 10 || wct == 12):
		smbAndX(c, t, b)
		fid := t.U16LE(37)
		smbFIDItem(c, t, b, 37, fid, rec, false)
		off := uint64(t.U32LE(39))
		c.AddUintLE(b, hfSmbOffset, t, 39, 4)
		c.AddUintLE(b, hfSmbMaxCountLow, t, 43, 2)
		c.AddUintLE(b, hfSmbMinCount, t, 45, 2)
		c.AddUintLE(b, hfSmbMaxCountHigh, t, 47, 4)
		c.AddUintLE(b, hfSmbRemaining, t, 51, 2)
		if wct == 12 {
			c.AddUintLE(b, hfSmbHighOffset, t, 53, 4)
			off |= uint64(t.U32LE(53)) << 32
		}
		n := uint32(t.U16LE(43)) | uint32(t.U16LE(47))<<16
		c.AddGenerated(b, hfSmbRWOffset, t, 0, 0, field.Value{U: off})
		c.AddGenerated(b, hfSmbRWLength, t, 0, 0, field.Value{U: uint64(n)})
		c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
		c.AppendInfo(", FID: 0x" + hex4(uint64(fid)) + ", " + strconv.FormatUint(uint64(n), 10) + " bytes at offset " + strconv.FormatUint(off, 10))
		if c.Pass1 && rec != nil {
			if r := smbRequest(c, t); r != nil {
				r.fid, r.offset = fid, off
			}
		}
	case cmd == smbCmdReadAndX && response && wct == 12:
		if rec == nil {
			return false
		}
		smbFIDItem(c, t, b, 0, rec.fid, rec, true)
		smbAndX(c, t, b)
		n := int(t.U16LE(43)) | int(t.U16LE(47))<<16
		doff := int(t.U16LE(45))
		c.AddGenerated(b, hfSmbRWOffset, t, 0, 0, field.Value{U: rec.offset})
		c.AddGenerated(b, hfSmbRWLength, t, 0, 0, field.Value{U: uint64(n)})
		c.AddUintLE(b, hfSmbRemaining, t, 37, 2)
		c.AddUintLE(b, hfSmbDCM, t, 39, 2)
		c.AddBytes(b, hfSmbReserved, t, 41, 2)
		c.AddUintLE(b, hfSmbDataLenLow, t, 43, 2)
		c.AddUintLE(b, hfSmbDataOffset, t, 45, 2)
		c.AddUintLE(b, hfSmbDataLenHigh, t, 47, 4)
		c.AddBytes(b, hfSmbReserved, t, 51, 6)
		c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
		smbData(c, t, b, bccOff+2, doff, n)
		c.AppendInfo(", FID: 0x" + hex4(uint64(rec.fid)) + ", " + strconv.Itoa(n) + " bytes")
	case cmd == smbCmdWriteAndX && !response && (wct == 12 || wct == 14):
		smbAndX(c, t, b)
		fid := t.U16LE(37)
		smbFIDItem(c, t, b, 37, fid, rec, false)
		off := uint64(t.U32LE(39))
		c.AddUintLE(b, hfSmbOffset, t, 39, 4)
		c.AddBytes(b, hfSmbReserved, t, 43, 4)
		c.AddUintLE(b, hfSmbWriteMode, t, 47, 2)
		c.AddUintLE(b, hfSmbRemaining, t, 49, 2)
		c.AddUintLE(b, hfSmbDataLenHigh, t, 51, 2)
		c.AddUintLE(b, hfSmbDataLenLow, t, 53, 2)
		c.AddUintLE(b, hfSmbDataOffset, t, 55, 2)
		if wct == 14 {
			c.AddUintLE(b, hfSmbHighOffset, t, 57, 4)
			off |= uint64(t.U32LE(57)) << 32
		}
		n := int(t.U16LE(53)) | int(t.U16LE(51))<<16
		c.AddGenerated(b, hfSmbRWOffset, t, 0, 0, field.Value{U: off})
		c.AddGenerated(b, hfSmbRWLength, t, 0, 0, field.Value{U: uint64(n)})
		c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
		smbData(c, t, b, bccOff+2, int(t.U16LE(55)), n)
		c.AppendInfo(", FID: 0x" + hex4(uint64(fid)) + ", " + strconv.Itoa(n) + " bytes at offset " + strconv.FormatUint(off, 10))
		if c.Pass1 && rec != nil {
			if r := smbRequest(c, t); r != nil {
				r.fid, r.offset = fid, off
			}
		}
	case cmd == smbCmdWriteAndX && response && wct == 6:
		if rec == nil {
			return false
		}
		smbFIDItem(c, t, b, 0, rec.fid, rec, true)
		smbAndX(c, t, b)
		n := int(t.U16LE(37)) | int(t.U16LE(41))<<16
		c.AddGenerated(b, hfSmbRWOffset, t, 0, 0, field.Value{U: rec.offset})
		c.AddGenerated(b, hfSmbRWLength, t, 0, 0, field.Value{U: uint64(n)})
		c.AddUintLE(b, hfSmbCountLow, t, 37, 2)
		c.AddUintLE(b, hfSmbRemaining, t, 39, 2)
		c.AddUintLE(b, hfSmbCountHigh, t, 41, 2)
		c.AddBytes(b, hfSmbReserved, t, 43, 2)
		c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
		c.AppendInfo(", FID: 0x" + hex4(uint64(rec.fid)) + ", " + strconv.Itoa(n) + " bytes")
	case cmd == smbCmdClose && !response && wct == 3:
		fid := t.U16LE(33)
		smbFIDItem(c, t, b, 33, fid, rec, false)
		c.AddUintLE(b, hfSmbBcc, t, bccOff, 2)
		c.AppendInfo(", FID: 0x" + hex4(uint64(fid)))
		if c.Pass1 && rec != nil {
			if r := smbRequest(c, t); r != nil {
				r.fid = fid
			}
		}
	case cmd == smbCmdClose && response:
		if rec == nil {
			return false
		}
		smbFIDItem(c, t, b, 0, rec.fid, rec, true)
		c.AppendInfo(", FID: 0x" + hex4(uint64(rec.fid)))
	default:
		return false
	}
	return true
}

// smbAndX adds the AndX command and offset of a command's first words.
func smbAndX(c *Ctx, t Tvb, b int32) {
	c.AddUint(b, hfSmbAndXCmd, t, 33, 1)
	c.AddBytes(b, hfSmbReserved, t, 34, 1)
	c.AddUintLE(b, hfSmbAndXOff, t, 35, 2)
}

// smbFIDItem adds a FID (at o, or generated from the request) with the file it names and the
// frame that opened it, recording them for re-dissection in the first pass.
func smbFIDItem(c *Ctx, t Tvb, b int32, o int, fid uint16, rec *smbRec, generated bool) {
	if c.Pass1 && rec != nil {
		rec.fid = fid
		st := c.State.slot(smbSlot).(*smbState)
		if f, ok := st.fids[smbFIDKey{conv: smbConv(c, c.isResponseFrame(t)), fid: fid}]; ok {
			rec.file, rec.opened = f.name, f.opened
		}
	}
	var n int32
	if generated {
		n = c.AddGenerated(b, hfSmbFID, t, 0, 0, field.Value{U: uint64(fid)})
	} else {
		n = c.AddUintV(b, hfSmbFID, t, o, 2, uint64(fid))
	}
	if rec == nil || rec.opened == 0 {
		return
	}
	c.Label(n, "FID: 0x%s (%s)", hex4(uint64(fid)), rec.file)
	c.AddGenerated(n, hfSmbFIDOpened, t, 0, 0, field.Value{U: uint64(rec.opened)})
	c.AddGenerated(n, hfSmbFile, t, 0, 0, field.Value{B: []byte(rec.file)})
}

// isResponseFrame reports whether the SMB message in t is a response.
func (c *Ctx) isResponseFrame(t Tvb) bool { return t.U8(9)&0x80 != 0 }

// smbConv is the connection key of the frame, oriented client → server (response: the
// other way round).
func smbConv(c *Ctx, response bool) convKey {
	var ck convKey
	if response {
		ck, _ = makeConvKey(c.NetDst, c.NetSrc, uint16(c.DstPort), uint16(c.SrcPort))
	} else {
		ck, _ = makeConvKey(c.NetSrc, c.NetDst, uint16(c.SrcPort), uint16(c.DstPort))
	}
	return ck
}

// smbRequest returns the request state of this frame's multiplex ID (the request itself, or the
// one a response answers), in the first pass.
func smbRequest(c *Ctx, t Tvb) *smbReq {
	st := c.State.slot(smbSlot).(*smbState)
	return st.reqs[smbKey{conv: smbConv(c, c.isResponseFrame(t)), mid: t.U16LE(30)}]
}

// smbData adds the padding before a read's or write's data and the data (n bytes at doff from
// the SMB header, within the frame).
func smbData(c *Ctx, t Tvb, b int32, o, doff, n int) {
	if doff > o && t.Has(o, doff-o) {
		c.AddBytes(b, hfSmbPadding, t, o, doff-o)
	}
	if n > 0 && t.Has(doff, 1) {
		c.AddBytes(b, hfSmbFileData, t, doff, min(n, t.Len()-doff))
	}
}

// smbFiletime adds a FILETIME at o.
func smbFiletime(c *Ctx, t Tvb, b int32, hf field.ID, o int) {
	ft := t.U64LE(o)
	var ns int64
	if ft != 0 {
		ns = filetimeNS(ft)
	}
	n := c.Add(b, hf, t, o, 8, field.Value{I: ns})
	if ft == 0 {
		c.Label(n, "%s: No time specified (0)", Fields.Get(hf).Name)
	}
}
