package objects

import (
	"fmt"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// The SMB1 half of the smb collector: NT Create AndX responses open files (the FID, the name the
// request gave, the end of file and the file type), Read AndX responses and Write AndX requests
// carry chunks, tree connects name the host. Wireshark exports every FID read or written, even one
// whose open the capture lacks ("\FILEID_n", type UNKNOWN, no bytes).

var (
	hfSMB        = hf("smb")
	hfSMBCmd     = hf("smb.cmd")
	hfSMBFlags   = hf("smb.flags")
	hfSMBStatus  = hf("smb.nt_status")
	hfSMBTID     = hf("smb.tid")
	hfSMBUID     = hf("smb.uid")
	hfSMBRespTo  = hf("smb.response_to")
	hfSMBPath    = hf("smb.path")
	hfSMBFID     = hf("smb.fid")
	hfSMBFile    = hf("smb.file")
	hfSMBEOF     = hf("smb.end_of_file")
	hfSMBType    = hf("smb.file_type")
	hfSMBIsDir   = hf("smb.is_directory")
	hfSMBRWOff   = hf("smb.file.rw.offset")
	hfSMBFileDat = hf("smb.file_data")
)

func smb1Fields() []field.ID {
	return []field.ID{hfSMB, hfSMBCmd, hfSMBFlags, hfSMBStatus, hfSMBTID, hfSMBUID, hfSMBRespTo, hfSMBPath, hfSMBFID,
		hfSMBFile, hfSMBEOF, hfSMBType, hfSMBIsDir, hfSMBRWOff, hfSMBFileDat}
}

// smb1Msg is one SMB1 message of a frame, as its fields give it.
type smb1Msg struct {
	cmd           uint64
	response      bool
	status        uint64
	tid, uid      uint32
	respTo        uint32
	path, file    string
	fid           uint16
	hasFID        bool
	eof, ftype    uint64
	isDir         uint64
	offset        uint64
	data          []byte
	hasData, open bool
}

const (
	smb1TreeConnect = 0x75
	smb1ReadAndX    = 0x2e
	smb1WriteAndX   = 0x2f
	smb1NTCreate    = 0xa2
)

// smb1Node records one node of the frame's SMB1 messages (a new message starts at each smb item).
func (s *smbObjects) smb1Node(n *field.Node, t *field.Tree) {
	if n.Field == hfSMB {
		s.msgs1 = append(s.msgs1, &smb1Msg{})
		return
	}
	if len(s.msgs1) == 0 {
		return
	}
	m := s.msgs1[len(s.msgs1)-1]
	switch n.Field {
	case hfSMBCmd:
		m.cmd = n.Value.U
	case hfSMBFlags:
		m.response = n.Value.U&0x80 != 0
	case hfSMBStatus:
		m.status = n.Value.U
	case hfSMBTID:
		m.tid = uint32(n.Value.U)
	case hfSMBUID:
		m.uid = uint32(n.Value.U)
	case hfSMBRespTo:
		m.respTo = uint32(n.Value.U)
	case hfSMBPath:
		m.path = string(n.Value.B)
	case hfSMBFID:
		if !m.hasFID {
			m.fid, m.hasFID = uint16(n.Value.U), true
		}
	case hfSMBFile:
		m.file = string(n.Value.B)
	case hfSMBEOF:
		m.eof = n.Value.U
	case hfSMBType:
		m.ftype = n.Value.U
	case hfSMBIsDir:
		m.isDir = n.Value.U
		m.open = true
	case hfSMBRWOff:
		m.offset = n.Value.U
	case hfSMBFileDat:
		m.data, m.hasData = t.Bytes(n), true
	}
}

// smb1Frame handles the frame's SMB1 messages once all their nodes are seen.
func (s *smbObjects) smb1Frame(c *dissect.Ctx) {
	for _, m := range s.msgs1 {
		switch {
		case m.cmd == smb1TreeConnect && !m.response:
			s.treeReq1[c.Frame.Number] = m.path
		case m.cmd == smb1TreeConnect && m.response && m.status == 0:
			if p, ok := s.treeReq1[m.respTo]; ok {
				s.trees1[m.tid] = p
			}
		case m.cmd == smb1NTCreate && m.response && m.status == 0 && m.hasFID && m.open:
			typ := "UNKNOWN"
			switch {
			case m.ftype == 0 && m.isDir == 0:
				typ = "FILE"
			case m.ftype == 0:
				typ = "DIRECTORY (Not Implemented)"
			case m.ftype == 1 || m.ftype == 2:
				typ = "PIPE (Not Implemented)"
			}
			s.opened1[m.fid] = smbOpen{name: m.file, eof: m.eof, typ: typ}
		case m.cmd == smb1ReadAndX && m.response && m.hasFID && m.hasData,
			m.cmd == smb1WriteAndX && !m.response && m.hasFID && m.hasData:
			read := m.cmd == smb1ReadAndX
			o, ok := s.opened1[m.fid]
			if !ok {
				o = smbOpen{name: fmt.Sprintf(`\FILEID_%d`, m.fid), typ: "UNKNOWN"}
			}
			host, ok := s.trees1[m.tid]
			if !ok {
				host = fmt.Sprintf(`\\%s\TREEID_%d`, serverAddr(c, read), m.tid)
			}
			var key smbFileKey
			key.tid, key.uid = m.tid, m.uid
			key.fid[0], key.fid[1], key.fid[15] = byte(m.fid), byte(m.fid>>8), 1 // apart from SMB2's IDs
			s.chunk(c, key, o, host, o.name, m.offset, m.data, read)
		}
	}
	s.msgs1 = s.msgs1[:0]
}
