package objects

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

func init() { Register("smb", func() Collector { return newSMBObjects() }) }

// smbObjects collects the files SMB reads and writes carry, as Wireshark's SMB export tap does for
// SMB1 (Read/Write AndX) and SMB2/3 (Read response, Write request): every chunk of a file (known by
// tree, user and file ID) is written at its offset into one object, created at the first chunk
// and named after the name the file was opened with ("\dir\name"); the content type says what
// share of the file the capture holds ("FILE (17/17) R [100.00%]"). Only files whose open the
// capture shows are exported, and only a plain file's bytes are kept.
type smbObjects struct {
	files map[smbFileKey]int // the object index of each file
	state []smbFile          // parallel to objs
	objs  []Object

	// SMB2: what the create responses said about each file ID, and the read requests awaiting
	// their responses
	opened2 map[[16]byte]smbOpen
	reads2  map[smb2ReadKey]smb2Pending
	// SMB1: the same by FID, the tree names by tree ID (and the tree connects awaiting their
	// responses), the messages of the frame being collected
	opened1  map[uint16]smbOpen
	trees1   map[uint32]string
	treeReq1 map[uint32]string
	msgs1    []*smb1Msg
}

// smbFileKey identifies a file as Wireshark's tap does (SMB2 has no user ID: 0).
type smbFileKey struct {
	tid, uid uint32
	fid      [16]byte
}

// smbOpen is what an open (create) response told about a file.
type smbOpen struct {
	name string
	eof  uint64
	typ  string // "FILE", "DIRECTORY" ...
}

type smb2ReadKey struct {
	reqFrame uint32
	msgID    uint64
}

type smb2Pending struct {
	fid    [16]byte
	offset uint64
}

// smbFile is the progress of one file: its length (the larger of the end of file the open
// announced and the end of the last chunk), the bytes seen (not counting overlaps), whether it
// was read and/or written, and the ranges still missing.
type smbFile struct {
	typ      string
	length   uint64
	gathered uint64
	reads    bool
	writes   bool
	holes    []smbRange // missing byte ranges, inclusive, in order
	stored   uint64     // bytes of chunks copied in
	noMem    bool       // a chunk was too far out to store: the object is incomplete
}

type smbRange struct{ start, end uint64 }

func newSMBObjects() *smbObjects {
	return &smbObjects{files: map[smbFileKey]int{}, opened2: map[[16]byte]smbOpen{},
		reads2: map[smb2ReadKey]smb2Pending{}, opened1: map[uint16]smbOpen{},
		trees1: map[uint32]string{}, treeReq1: map[uint32]string{}}
}

var (
	hfSMB2ProtoID  = hf("smb2.protocol_id")
	hfSMB2Cmd      = hf("smb2.cmd")
	hfSMB2Flags    = hf("smb2.flags")
	hfSMB2Status   = hf("smb2.nt_status")
	hfSMB2MsgID    = hf("smb2.msg_id")
	hfSMB2TID      = hf("smb2.tid")
	hfSMB2Tree     = hf("smb2.tree")
	hfSMB2RespTo   = hf("smb2.response_to")
	hfSMB2FID      = hf("smb2.fid")
	hfSMB2Filename = hf("smb2.filename")
	hfSMB2FileOff  = hf("smb2.file_offset")
	hfSMB2EOF      = hf("smb2.eof")
	hfSMB2Attr     = hf("smb2.file_attribute")
	hfData         = hf("data")
	hfDataData     = hf("data.data")
)

func (s *smbObjects) Fields() []field.ID {
	return append([]field.ID{hfSMB2ProtoID, hfSMB2Cmd, hfSMB2Flags, hfSMB2Status, hfSMB2MsgID, hfSMB2TID, hfSMB2Tree,
		hfSMB2RespTo, hfSMB2FID, hfSMB2Filename, hfSMB2FileOff, hfSMB2EOF, hfSMB2Attr, hfData, hfDataData}, smb1Fields()...)
}

const (
	smb2Create = 5
	smb2Read   = 8
	smb2Write  = 9
)

// smb2Msg is one SMB2 message of a frame, as its fields give it.
type smb2Msg struct {
	cmd            uint64
	response       bool
	status         uint64
	msgID          uint64
	tid            uint32
	tree           string
	respTo         uint32
	fid            [16]byte
	hasFID         bool
	name           string
	offset, eof    uint64
	attr           uint64
	data           []byte
	wantsData, got bool
}

func (s *smbObjects) Collect(c *dissect.Ctx, t *field.Tree) {
	// The nodes are in the order the dissector made them: each SMB2 message starts with its
	// protocol ID, and the payload of a read response or write request follows the message as a
	// "data" item.
	var msgs []*smb2Msg
	var m *smb2Msg
	for i := 1; i < len(t.Nodes); i++ {
		n := &t.Nodes[i]
		switch n.Field {
		case hfSMB2ProtoID:
			m = &smb2Msg{}
			msgs = append(msgs, m)
		case hfDataData:
			for _, w := range msgs {
				if w.wantsData && !w.got {
					w.data, w.got = t.Bytes(n), true
					break
				}
			}
		default:
			if m == nil {
				s.smb1Node(n, t)
				continue
			}
			m.field(n, t)
			if m.cmd == smb2Read && m.response || m.cmd == smb2Write && !m.response {
				m.wantsData = true
			}
		}
	}
	for _, m := range msgs {
		s.smb2(c, m)
	}
	s.smb1Frame(c)
}

// field records one node of an SMB2 message.
func (m *smb2Msg) field(n *field.Node, t *field.Tree) {
	switch n.Field {
	case hfSMB2Cmd:
		m.cmd = n.Value.U
	case hfSMB2Flags:
		m.response = n.Value.U&1 != 0
	case hfSMB2Status:
		m.status = n.Value.U
	case hfSMB2MsgID:
		m.msgID = n.Value.U
	case hfSMB2TID:
		m.tid = uint32(n.Value.U)
	case hfSMB2Tree:
		m.tree = string(n.Value.B)
	case hfSMB2RespTo:
		m.respTo = uint32(n.Value.U)
	case hfSMB2FID:
		if !m.hasFID && len(n.Value.B) == 16 {
			copy(m.fid[:], n.Value.B)
			m.hasFID = true
		}
	case hfSMB2Filename:
		m.name = string(n.Value.B)
	case hfSMB2FileOff:
		m.offset = n.Value.U
	case hfSMB2EOF:
		m.eof = n.Value.U
	case hfSMB2Attr:
		m.attr = n.Value.U
	}
}

// SMB2 file attributes (MS-FSCC 2.6).
const (
	attrReadOnly  = 0x01
	attrHidden    = 0x02
	attrSystem    = 0x04
	attrDirectory = 0x10
	attrArchive   = 0x20
	attrNormal    = 0x80
)

// smb2 handles one SMB2 message: a create response opens a file, a read request is remembered
// for its response, a read response or write request adds a chunk.
func (s *smbObjects) smb2(c *dissect.Ctx, m *smb2Msg) {
	switch {
	case m.cmd == smb2Create && m.response && m.status == 0 && m.hasFID:
		typ := "OTHER"
		switch {
		case m.attr&attrDirectory != 0:
			typ = "DIRECTORY"
		case m.attr&(attrArchive|attrNormal|attrHidden|attrReadOnly|attrSystem) != 0:
			typ = "FILE"
		}
		s.opened2[m.fid] = smbOpen{name: m.name, eof: m.eof, typ: typ}
	case m.cmd == smb2Read && !m.response && m.hasFID:
		s.reads2[smb2ReadKey{c.Frame.Number, m.msgID}] = smb2Pending{fid: m.fid, offset: m.offset}
	case m.cmd == smb2Read && m.response && m.got:
		r, ok := s.reads2[smb2ReadKey{m.respTo, m.msgID}]
		if !ok {
			return
		}
		s.smb2Chunk(c, m, r.fid, r.offset, true)
	case m.cmd == smb2Write && !m.response && m.got && m.hasFID:
		s.smb2Chunk(c, m, m.fid, m.offset, false)
	}
}

func (s *smbObjects) smb2Chunk(c *dissect.Ctx, m *smb2Msg, fid [16]byte, offset uint64, read bool) {
	o, ok := s.opened2[fid]
	if !ok {
		return // Wireshark exports only files it saw opened
	}
	host := m.tree
	if host == "" || len(host) > 256 {
		host = fmt.Sprintf(`\\%s\TREEID_%d`, serverAddr(c, read), m.tid)
	}
	name := o.name
	if !strings.HasPrefix(name, `\`) {
		name = `\` + name
	}
	s.chunk(c, smbFileKey{tid: m.tid, fid: fid}, o, host, name, offset, m.data, read)
}

// serverAddr is the server's address: the source of a read response, the destination of a write.
func serverAddr(c *dissect.Ctx, fromServer bool) string {
	a := c.NetDst
	if fromServer {
		a = c.NetSrc
	}
	if ip, ok := netip.AddrFromSlice(a); ok {
		return ip.String()
	}
	return "?"
}

// chunk adds data read or written at offset to the file key, creating its object at the first.
func (s *smbObjects) chunk(c *dissect.Ctx, key smbFileKey, o smbOpen, host, name string, offset uint64, data []byte, read bool) {
	idx, ok := s.files[key]
	if !ok {
		idx = len(s.objs)
		s.files[key] = idx
		s.objs = append(s.objs, Object{Frame: c.Frame.Number, Hostname: host, Filename: name})
		s.state = append(s.state, smbFile{typ: o.typ, length: o.eof})
		f := &s.state[idx]
		f.mark(read)
		if o.typ == "FILE" {
			f.insert(&s.objs[idx], offset, data)
		}
		s.objs[idx].ContentType = f.describe()
		return
	}
	f := &s.state[idx]
	if f.typ != "FILE" {
		return
	}
	f.mark(read)
	f.insert(&s.objs[idx], offset, data)
	s.objs[idx].ContentType = f.describe()
}

func (f *smbFile) mark(read bool) {
	if read {
		f.reads = true
	} else {
		f.writes = true
	}
}

// An object grows to the end of its furthest chunk, the gaps zero-filled. A chunk is stored only
// while the object stays within maxObject and within holeFactor times the bytes actually seen
// plus holeSlack, so memory stays linear in the capture (a hostile offset must not allocate a
// gigabyte); past that the object is marked as Wireshark marks one it had no memory for.
const (
	maxObject  = 1 << 30
	holeFactor = 16
	holeSlack  = 1 << 20
)

// insert writes a chunk at offset into the object and updates the missing ranges and counts.
func (f *smbFile) insert(o *Object, offset uint64, data []byte) {
	if len(data) == 0 {
		return
	}
	end := offset + uint64(len(data)) - 1
	if f.gathered == 0 && len(f.holes) == 0 {
		f.holes = []smbRange{{0, max(f.length, end+1) - 1}}
	} else if f.length == 0 || end > f.length-1 {
		f.holes = append(f.holes, smbRange{f.length, end})
	}
	f.length = max(f.length, end+1)
	var keep []smbRange
	for _, h := range f.holes {
		switch {
		case end < h.start || offset > h.end: // apart
			keep = append(keep, h)
		case offset <= h.start && end >= h.end: // covered
			f.gathered += h.end - h.start + 1
		case offset > h.start && end < h.end: // inside: split
			keep = append(keep, smbRange{h.start, offset - 1}, smbRange{end + 1, h.end})
			f.gathered += uint64(len(data))
		case offset > h.start: // covers its upper part
			f.gathered += h.end - offset + 1
			keep = append(keep, smbRange{h.start, offset - 1})
		default: // covers its lower part
			f.gathered += end - h.start + 1
			keep = append(keep, smbRange{end + 1, h.end})
		}
	}
	f.holes = keep
	f.stored += uint64(len(data))
	if f.noMem || end >= maxObject || end+1 > holeFactor*f.stored+holeSlack {
		f.noMem = true
		return
	}
	if need := int(end + 1); need > len(o.Data) {
		o.Data = append(o.Data, make([]byte, need-len(o.Data))...)
	}
	copy(o.Data[offset:], data)
}

// describe is the content type Wireshark shows: type, bytes seen of the length, R/W, percent.
func (f *smbFile) describe() string {
	rw := ""
	switch {
	case f.reads && f.writes:
		rw = "R&W"
	case f.reads:
		rw = "R"
	case f.writes:
		rw = "W"
	}
	if f.noMem {
		return fmt.Sprintf("%s (%d?/%d) %s [mem!!]", f.typ, f.gathered, f.length, rw)
	}
	pct := 0.0
	if f.length > 0 {
		pct = float64(100 * f.gathered / f.length) // integer division first, as Wireshark
	}
	return fmt.Sprintf("%s (%d/%d) %s [%5.2f%%]", f.typ, f.gathered, f.length, rw, pct)
}

func (s *smbObjects) Objects() []Object { return s.objs }
