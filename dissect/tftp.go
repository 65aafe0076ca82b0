package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// TFTP (RFC 1350, options RFC 2347-2349 and 7440) as Wireshark 4.0's packet-tftp.c shows it. A
// request to UDP 69 is answered from a new server port: like Wireshark's conversation with a
// wildcard port, the request makes the client's address and port, with the server's address and any
// port, a TFTP transfer (udpExpect) for the datagrams that follow it.

var (
	protoTFTP      = Fields.Protocol("tftp", "Trivial File Transfer Protocol")
	hfTFTPOpcode   = Fields.Add(protoTFTP, "tftp.opcode", "Opcode", field.Uint16, field.WithStrings(map[uint64]string{1: "Read Request", 2: "Write Request", 3: "Data Packet", 4: "Acknowledgement", 5: "Error Code", 6: "Option Acknowledgement"}))
	hfTFTPSrcFile  = Fields.Add(protoTFTP, "tftp.source_file", "Source File", field.StringZ)
	hfTFTPDstFile  = Fields.Add(protoTFTP, "tftp.destination_file", "Destination File", field.StringZ)
	hfTFTPReqFrame = Fields.Add(protoTFTP, "tftp.request_frame", "Request frame", field.FrameNum)
	hfTFTPType     = Fields.Add(protoTFTP, "tftp.type", "Type", field.StringZ)
	hfTFTPBlock    = Fields.Add(protoTFTP, "tftp.block", "Block", field.Uint16)
	hfTFTPBlockFul = Fields.Add(protoTFTP, "tftp.block.full", "Full Block Number", field.Uint32)
	hfTFTPErrCode  = Fields.Add(protoTFTP, "tftp.error.code", "Error code", field.Uint16, field.WithStrings(map[uint64]string{0: "Not defined", 1: "File not found", 2: "Access violation", 3: "Disk full or allocation exceeded", 4: "Illegal TFTP Operation", 5: "Unknown transfer ID", 6: "File already exists", 7: "No such user", 8: "Option negotiation failed"}))
	hfTFTPErrMsg   = Fields.Add(protoTFTP, "tftp.error.message", "Error message", field.StringZ)
	hfTFTPOptName  = Fields.Add(protoTFTP, "tftp.option.name", "Option name", field.StringZ)
	hfTFTPOptValue = Fields.Add(protoTFTP, "tftp.option.value", "Option value", field.StringZ)

	eiTFTPError = RegisterExpert(protoTFTP, "tftp.error", "TFTP ERROR packet", GroupResponseCode, SevWarn)

	handleTFTP = &Handle{Name: "tftp", Fn: dissectTFTP}
)

func init() {
	RegisterShortName(protoTFTP, "TFTP")
	UDPPort.Add(69, handleTFTP)
}

// tftpXfer is one transfer: what its request asked for.
type tftpXfer struct {
	reqFrame uint32
	file     string
	write    bool
	blksize  int
	prevBlk  uint16
	wraps    uint32
}

// udpWildKey is one side's address and port and the other side's address (any port).
type udpWildKey struct {
	a    [16]byte
	pa   uint16
	b    [16]byte
	alen uint8
}

// udpExpectState holds the wildcard conversations applications expect, and what each frame was.
type udpExpectState struct {
	wild   map[udpWildKey]*tftpXfer
	frames map[uint32]*tftpXfer
}

var udpExpectSlot = newStateSlot(func() any {
	return &udpExpectState{wild: map[udpWildKey]*tftpXfer{}, frames: map[uint32]*tftpXfer{}}
})

func wildKey(a []byte, pa uint16, b []byte) udpWildKey {
	k := udpWildKey{pa: pa, alen: uint8(len(a))}
	copy(k.a[:], a)
	copy(k.b[:], b)
	return k
}

// udpExpected hands a datagram that belongs to an expected conversation to its application; it
// reports whether it did. It costs one map length test while no application expects anything.
func (c *Ctx) udpExpected(payload Tvb, parent int32, sport, dport uint16) bool {
	st := c.State.slot(udpExpectSlot).(*udpExpectState)
	if len(st.wild) == 0 || dport == 69 {
		return false
	}
	var x *tftpXfer
	if c.Pass1 {
		x = st.wild[wildKey(c.NetSrc, sport, c.NetDst)]
		if x == nil {
			x = st.wild[wildKey(c.NetDst, dport, c.NetSrc)]
		}
		if x == nil || x.reqFrame == c.Frame.Number {
			return false
		}
		st.frames[c.Frame.Number] = x
	} else if x = st.frames[c.Frame.Number]; x == nil {
		return false
	}
	depth, ro := c.depth, c.Cols.readonly
	defer func() {
		if r := recover(); r != nil {
			c.recoverPanic(r, payload)
			c.depth = depth
			c.Cols.readonly = ro
		}
	}()
	c.PushLayer("tftp")
	tftpDissect(c, payload, parent, x)
	return true
}

func dissectTFTP(c *Ctx, t Tvb, parent int32) { tftpDissect(c, t, parent, nil) }

func tftpDissect(c *Ctx, t Tvb, parent int32, x *tftpXfer) {
	c.SetProtocol("TFTP")
	op := uint64(t.U16(0))
	p := c.AddProto(parent, protoTFTP, t, 0, -1)
	c.AddUintV(p, hfTFTPOpcode, t, 0, 2, op)
	name, ok := Fields.Get(hfTFTPOpcode).ValueName(op)
	if !ok {
		name = "Unknown (0x" + hex4(op) + ")"
	}
	c.SetInfo(name)
	if x != nil && op >= 3 {
		hf := hfTFTPDstFile
		c.AddGenerated(p, hf, t, 0, 0, field.Value{B: []byte(x.file)})
		rn := c.AddGenerated(p, hfTFTPReqFrame, t, 0, 0, field.Value{U: uint64(x.reqFrame)})
		kind := "Read"
		if x.write {
			kind = "Write"
		}
		c.Label(rn, "%s Request in frame %d", kind, x.reqFrame)
	}
	switch op {
	case 1, 2: // RRQ, WRQ: file name, mode, options
		o := 2
		file, n := tftpString(t, o)
		hf := hfTFTPSrcFile
		if op == 2 {
			hf = hfTFTPDstFile
		}
		c.AddString(p, hf, t, o, n, file)
		o += n
		mode, n := tftpString(t, o)
		c.AddString(p, hfTFTPType, t, o, n, mode)
		o += n
		c.AppendInfo(", File: " + file + ", Transfer type: " + mode)
		blk := tftpOptions(c, t, p, o)
		if c.Pass1 && c.PortType == 17 {
			st := c.State.slot(udpExpectSlot).(*udpExpectState)
			st.wild[wildKey(c.NetSrc, uint16(c.SrcPort), c.NetDst)] = &tftpXfer{reqFrame: c.Frame.Number, file: file, write: op == 2, blksize: blk}
		}
	case 3, 4: // DATA, ACK
		blk := t.U16(2)
		c.AddUintV(p, hfTFTPBlock, t, 2, 2, uint64(blk))
		c.AddGenerated(p, hfTFTPBlockFul, t, 2, 2, field.Value{U: uint64(blk)})
		c.AppendInfo(", Block: " + strconv.Itoa(int(blk)))
		if op == 3 {
			size := 512
			if x != nil && x.blksize > 0 {
				size = x.blksize
			}
			if t.Len()-4 < size {
				c.AppendInfo(" (last)")
			}
			if t.Len() > 4 {
				c.CallData(t.Sub(4), parent)
			}
		}
	case 5: // ERROR
		code := uint64(t.U16(2))
		c.AddUintV(p, hfTFTPErrCode, t, 2, 2, code)
		msg, n := tftpString(t, 4)
		c.AddString(p, hfTFTPErrMsg, t, 4, n, msg)
		cname, _ := Fields.Get(hfTFTPErrCode).ValueName(code)
		c.AppendInfo(", Code: " + cname + ", Message: " + msg)
		c.Expert(p, eiTFTPError, t, 0, 0, "")
	case 6: // OACK
		tftpOptions(c, t, p, 2)
	}
}

// tftpString reads a NUL-terminated string at o; n includes the NUL when there is one.
func tftpString(t Tvb, o int) (string, int) {
	e := t.IndexByte(o, 0)
	if e < 0 {
		return string(t.B[min(o, t.Len()):]), t.Len() - min(o, t.Len())
	}
	return string(t.B[o:e]), e + 1 - o
}

// tftpOptions adds name/value option pairs from o and returns the blksize option (0 if absent).
func tftpOptions(c *Ctx, t Tvb, p int32, o int) int {
	blk := 0
	for o < t.Len() {
		name, n := tftpString(t, o)
		if n == 0 {
			break
		}
		val, m := tftpString(t, o+n)
		on := c.AddText(p, t, o, n+m, "Option: "+name+" = "+val)
		c.AddString(on, hfTFTPOptName, t, o, n, name)
		c.AddString(on, hfTFTPOptValue, t, o+n, m, val)
		c.AppendInfo(", " + name + "=" + val)
		if name == "blksize" {
			blk, _ = strconv.Atoi(val)
		}
		o += n + m
	}
	return blk
}
