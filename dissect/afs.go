package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// The Andrew File System's RPC calls inside RX data packets (Wireshark's packet-afs.c): the service
// is known from the server's port (7000 file server ... 7021 backup), the operation from the first
// word of a call's first packet, and a reply's operation from its request (matched by conversation,
// RX epoch, connection and call number). Like tshark's default (afs.defragment off), only a call's
// first packet has its arguments dissected. The services' argument layouts are in afs_services.go.

func init() { RegisterShortName(protoAFS, "AFS (RX)") }

func afsField(abbrev, name string, t field.Type, opts ...field.Option) field.ID {
	return Fields.Add(protoAFS, abbrev, name, t, opts...)
}

func afsBool(abbrev, name, blurb string) field.ID {
	return afsField(abbrev, name, field.Bool, field.WithBlurb(blurb))
}

func afsOpcode(svc string) field.ID {
	return afsField("afs."+svc+".opcode", "Operation", field.Uint32, field.WithStrings(tsharkValues["afs."+svc+".opcode"]))
}

func afsErrcode(svc string) field.ID {
	return afsField("afs."+svc+".errcode", "Error Code", field.Uint32, field.WithStrings(tsharkValues["afs.fs.errcode"]))
}

var (
	protoAFS = Fields.Protocol("afs", "Andrew File System (AFS)")

	hfAFSServiceFS     = afsBool("afs.fs", "File Server", "")
	hfAFSServiceCB     = afsBool("afs.cb", "Callback", "")
	hfAFSServicePROT   = afsBool("afs.prot", "Protection", "Protection Server")
	hfAFSServiceVLDB   = afsBool("afs.vldb", "VLDB", "Volume Location Database Server")
	hfAFSServiceKAUTH  = afsBool("afs.kauth", "KAuth", "Kerberos Auth Server")
	hfAFSServiceVOL    = afsBool("afs.vol", "Volume Server", "")
	hfAFSServiceERROR  = afsBool("afs.error", "Error", "")
	hfAFSServiceBOS    = afsBool("afs.bos", "BOS", "Basic Oversee Server")
	hfAFSServiceUPDATE = afsBool("afs.update", "Update", "Update Server")
	hfAFSServiceRMTSYS = afsBool("afs.rmtsys", "Rmtsys", "")
	hfAFSServiceUBIK   = afsBool("afs.ubik", "Ubik", "")
	hfAFSServiceBACKUP = afsBool("afs.backup", "Backup", "Backup Server")
	hfAFSService       = afsField("afs.service", "Service", field.Uint32)

	hfAFSOpFS     = afsOpcode("fs")
	hfAFSOpCB     = afsOpcode("cb")
	hfAFSOpPROT   = afsOpcode("prot")
	hfAFSOpVLDB   = afsOpcode("vldb")
	hfAFSOpKAUTH  = afsOpcode("kauth")
	hfAFSOpVOL    = afsOpcode("vol")
	hfAFSOpERROR  = afsOpcode("error")
	hfAFSOpBOS    = afsOpcode("bos")
	hfAFSOpUPDATE = afsOpcode("update")
	hfAFSOpRMTSYS = afsOpcode("rmtsys")
	hfAFSOpUBIK   = afsOpcode("ubik")
	hfAFSOpBACKUP = afsOpcode("backup")

	hfAFSReqFrame = afsField("afs.reqframe", "Request Frame", field.FrameNum)
	hfAFSRepFrame = afsField("afs.repframe", "Reply Frame", field.FrameNum)
	hfAFSTime     = afsField("afs.time", "Time from request", field.RelTime, field.WithBlurb("Time between Request and Reply for AFS calls"))

	// Error codes of aborted calls (registered so that filters on them compile; RX hands AFS only
	// data packets, as Wireshark's does).
	_ = []field.ID{afsErrcode("fs"), afsErrcode("cb"), afsErrcode("prot"), afsErrcode("vldb"),
		afsErrcode("kauth"), afsErrcode("vol"), afsErrcode("bos"), afsErrcode("backup"), afsErrcode("butc")}
)

// The AFS services by server port.
const (
	afsPortFS     = 7000
	afsPortCB     = 7001
	afsPortPROT   = 7002
	afsPortVLDB   = 7003
	afsPortKAUTH  = 7004
	afsPortVOL    = 7005
	afsPortERROR  = 7006
	afsPortBOS    = 7007
	afsPortUPDATE = 7008
	afsPortRMTSYS = 7009
	afsPortBACKUP = 7021
)

// afsService is one AFS server: its names, the hidden boolean that marks its packets, its operation
// field and its argument dissectors (nil where Wireshark has none).
type afsService struct {
	short, long    string
	typeNode, op   field.ID
	request, reply func(a *afsCur, opcode uint32)
}

var afsServices = map[uint32]*afsService{
	afsPortFS:     {"FS", "File Server", hfAFSServiceFS, hfAFSOpFS, afsFSRequest, afsFSReply},
	afsPortCB:     {"CB", "Callback Server", hfAFSServiceCB, hfAFSOpCB, afsCBRequest, afsCBReply},
	afsPortPROT:   {"PROT", "Protection Server", hfAFSServicePROT, hfAFSOpPROT, afsPROTRequest, afsPROTReply},
	afsPortVLDB:   {"VLDB", "Volume Location Database Server", hfAFSServiceVLDB, hfAFSOpVLDB, afsVLDBRequest, afsVLDBReply},
	afsPortKAUTH:  {"KAUTH", "Kerberos Authentication Server", hfAFSServiceKAUTH, hfAFSOpKAUTH, afsKAUTHRequest, afsNothing},
	afsPortVOL:    {"VOL", "Volume Server", hfAFSServiceVOL, hfAFSOpVOL, afsVOLRequest, afsVOLReply},
	afsPortERROR:  {"ERR", "Error Server", hfAFSServiceERROR, hfAFSOpERROR, nil, nil},
	afsPortBOS:    {"BOS", "BOS Server", hfAFSServiceBOS, hfAFSOpBOS, afsBOSRequest, afsBOSReply},
	afsPortUPDATE: {"UPD", "Update? Server", hfAFSServiceUPDATE, hfAFSOpUPDATE, nil, nil},
	afsPortRMTSYS: {"RMT", "Rmtsys? Server", hfAFSServiceRMTSYS, hfAFSOpRMTSYS, nil, nil},
	afsPortBACKUP: {"BKUP", "Backup Server", hfAFSServiceBACKUP, hfAFSOpBACKUP, afsNothing, afsNothing},
}

// afsUBIK is the replication protocol every database server speaks, known by its operation numbers.
var afsUBIK = &afsService{"UBIK", "UBIK", hfAFSServiceUBIK, hfAFSOpUBIK, afsUBIKRequest, afsUBIKReply}

func afsNothing(*afsCur, uint32) {}

// afsIsUBIK reports whether an operation is one of Ubik's vote or disk calls.
func afsIsUBIK(op uint32) bool { return (op >= 10000 && op <= 10007) || (op >= 20000 && op <= 20013) }

// afsValidOpcode is Wireshark's fuzzy test for an operation number that is not encrypted garbage.
func afsValidOpcode(op uint32) bool { return op <= 66000 }

// afsKey identifies a call: its UDP conversation and RX epoch, connection and call number.
type afsKey struct {
	conv                convKey
	epoch, cid, callNum uint32
}

// afsCall is what the first pass learned of a call.
type afsCall struct {
	opcode         uint32
	reqNum, repNum uint32
	reqTS          int64
}

type afsState struct{ calls map[afsKey]*afsCall }

var afsSlot = newStateSlot(func() any { return &afsState{calls: map[afsKey]*afsCall{}} })

// afsMatch finds the call a packet belongs to, creating it from a request during the first pass and
// recording the latest reply, as Wireshark's request hash does.
func afsMatch(c *Ctx, t Tvb, ri *rxInfo, reply bool) *afsCall {
	st := c.State.slot(afsSlot).(*afsState)
	ck, _ := makeConvKey(c.NetSrc, c.NetDst, uint16(c.SrcPort), uint16(c.DstPort))
	k := afsKey{conv: ck, epoch: ri.epoch, cid: ri.cid, callNum: ri.callNum}
	call := st.calls[k]
	if c.Pass1 {
		if call == nil && !reply {
			call = &afsCall{opcode: t.U32(0), reqNum: c.Frame.Number, reqTS: c.Frame.TS}
			st.calls[k] = call
		}
		if call != nil && reply {
			call.repNum = c.Frame.Number
		}
	}
	return call
}

func dissectAFS(c *Ctx, t Tvb, parent int32, ri *rxInfo) {
	c.SetProtocol("AFS (RX)")
	c.ClearInfo()
	reply := ri.flags&rxFlagClientInit == 0
	port := c.DstPort
	if reply {
		port = c.SrcPort
	}
	call := afsMatch(c, t, ri, reply)
	var opcode uint32
	if call != nil {
		opcode = call.opcode
	}
	svc := afsServices[port]
	if afsIsUBIK(opcode) {
		svc = afsUBIK
	}
	valid := afsValidOpcode(opcode)
	dir := "Request"
	if reply {
		dir = "Reply"
	}
	if c.Cols.On && !c.Cols.readonly {
		short := "Unknown(" + strconv.FormatUint(uint64(port), 10) + ")"
		if s := afsServices[port]; s != nil {
			short = s.short
		}
		switch {
		case !valid:
			c.SetInfo("Encrypted " + short + " " + dir)
		case svc != nil && svc.op != hfAFSOpERROR:
			ubik := ""
			if svc == afsUBIK {
				ubik = "UBIK-"
			}
			name, ok := Fields.Get(svc.op).ValueName(uint64(opcode))
			if !ok {
				name = "Unknown(" + strconv.FormatUint(uint64(opcode), 10) + ")"
			}
			c.SetInfo(ubik + short + " " + dir + ": " + name + " (" + strconv.FormatUint(uint64(opcode), 10) + ")")
		default:
			c.SetInfo(short + " " + dir + ": Unknown(" + strconv.FormatUint(uint64(opcode), 10) + ")")
		}
	}

	if c.treeless() {
		return // Wireshark adds AFS's items (and reads its arguments) only into a tree
	}
	p := c.AddProto(parent, protoAFS, t, 0, -1)
	sn := c.AddUintV(p, hfAFSService, t, 0, 0, uint64(opcode))
	if c.Visible() {
		long := "Unknown(" + strconv.FormatUint(uint64(port), 10) + ")"
		if s := afsServices[port]; s != nil {
			long = s.long
		}
		label := "Service: "
		if !valid {
			label += "Encrypted "
		}
		if svc == afsUBIK {
			label += "UBIK - "
		}
		c.T.SetLabel(sn, label+long+" "+dir)
	}
	if call != nil && call.repNum != 0 {
		if !reply {
			n := c.AddUintV(p, hfAFSRepFrame, t, 0, 0, uint64(call.repNum))
			c.Label(n, "The reply to this request is in frame %d", call.repNum)
		} else {
			n := c.AddUintV(p, hfAFSReqFrame, t, 0, 0, uint64(call.reqNum))
			c.Label(n, "This is a reply to a request in frame %d", call.reqNum)
			c.Add(p, hfAFSTime, t, 0, 0, field.Value{I: c.Frame.TS - call.reqTS})
		}
	}
	if !valid {
		return
	}
	var opNode int32
	switch {
	case svc == nil || svc.op == 0:
		opNode = c.AddText(p, t, 0, 0, "Operation: Unknown")
	case !reply && ri.seq == 1:
		opNode = c.AddUintV(p, svc.op, t, 0, 4, uint64(opcode))
	default: // the operation is not in this packet
		opNode = c.AddUintV(p, svc.op, t, 0, 0, uint64(opcode))
	}
	if svc == nil {
		return
	}
	c.hidden(c.AddUintV(p, svc.typeNode, t, 0, 0, 1))
	if ri.seq != 1 {
		return
	}
	a := &afsCur{c: c, t: t, n: opNode}
	if reply {
		if svc.reply != nil {
			svc.reply(a, opcode)
		}
	} else if svc.request != nil {
		a.o = 4 // the operation number
		svc.request(a, opcode)
	}
}

// afsCur walks a call's arguments (Wireshark's ptvcursor): an offset and the tree node items go under.
type afsCur struct {
	c *Ctx
	t Tvb
	o int
	n int32
}

func (a *afsCur) u32(hf field.ID) uint32 {
	v := a.t.U32(a.o)
	a.c.AddUintV(a.n, hf, a.t, a.o, 4, uint64(v))
	a.o += 4
	return v
}

func (a *afsCur) i32(hf field.ID) {
	a.c.AddIntV(a.n, hf, a.t, a.o, 4, int64(int32(a.t.U32(a.o))))
	a.o += 4
}

func (a *afsCur) u64(hf field.ID) {
	a.c.AddUintV(a.n, hf, a.t, a.o, 8, a.t.U64(a.o))
	a.o += 8
}

func (a *afsCur) skip(n int) { a.o += n }

// secs adds a time in seconds: absolute (since the epoch) or relative, as the field's type says.
func (a *afsCur) secs(hf field.ID) {
	a.c.Add(a.n, hf, a.t, a.o, 4, field.Value{I: int64(a.t.U32(a.o)) * 1e9})
	a.o += 4
}

// timestamp adds a seconds and microseconds pair.
func (a *afsCur) timestamp(hf field.ID) {
	s, us := int64(a.t.U32(a.o)), a.t.U32(a.o+4)
	a.c.Add(a.n, hf, a.t, a.o, 8, field.Value{I: s*1e9 + int64(int32(us*1000))})
	a.o += 8
}

func (a *afsCur) ip(hf field.ID) {
	a.c.AddBytes(a.n, hf, a.t, a.o, 4)
	a.o += 4
}

func (a *afsCur) bytes(hf field.ID, n int) {
	a.c.needReported(a.t, a.o, n)
	a.c.AddBytes(a.n, hf, a.t, a.o, n)
	a.o += n
}

// rest adds the bytes to the end of the packet.
func (a *afsCur) rest(hf field.ID) {
	a.t.Need(a.o, 0)
	a.c.AddBytes(a.n, hf, a.t, a.o, a.t.Len()-a.o)
	a.o = a.t.Len()
}

// str adds an RX string: a 32-bit length, the characters, padding to a multiple of four bytes. Like
// Wireshark's, it skips four bytes of padding after a string whose length is a multiple of four.
func (a *afsCur) str(hf field.ID) {
	l := int(a.t.U32(a.o))
	a.c.needReported(a.t, a.o+4, l)
	a.c.AddBytesV(a.n, hf, a.t, a.o, 4+l, asciiString(a.t.Bytes(a.o+4, l)))
	a.o += 4 + l + 4 - l&3
}

// strV adds a fixed-length string stored one character a 32-bit word.
func (a *afsCur) strV(hf field.ID, n int) {
	a.t.Need(a.o, 4*n)
	b := make([]byte, 0, 16)
	for i := 0; i < n; i++ {
		ch := a.t.B[a.o+4*i+3]
		if ch == 0 {
			break
		}
		b = append(b, ch)
	}
	a.c.AddBytesV(a.n, hf, a.t, a.o, 4*n, asciiString(b))
	a.o += 4 * n
}

// open starts a labelled subtree whose length is known at close; it returns the node to restore.
func (a *afsCur) open(label string) (saved int32, start int) {
	saved, start = a.n, a.o
	a.n = a.c.AddText(a.n, a.t, a.o, 0, label)
	return
}

func (a *afsCur) close(saved int32, start int) {
	if a.n != saved {
		a.c.T.SetLen(a.n, a.o-start)
	}
	a.n = saved
}

// array32 runs fn as many times as the 32-bit count at the cursor says (every element takes bytes,
// so a bogus count ends at the packet's end).
func (a *afsCur) array32(fn func()) {
	n := a.t.U32(a.o)
	a.o += 4
	for i := uint32(0); i < n; i++ {
		fn()
	}
}

// count adds a 32-bit count field and runs fn that many times.
func (a *afsCur) count(hf field.ID, fn func()) {
	n := a.u32(hf)
	for i := uint32(0); i < n; i++ {
		fn()
	}
}
