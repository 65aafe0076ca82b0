package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Linux vsock monitor captures (LINKTYPE_VSOCK, 271; Wireshark's packet-vsock.c): the
// af_vsockmon header (addresses, operation, transport) and the virtio transport header, with the
// payload of read/write operations.

var (
	protoVsock         = Fields.Protocol("vsock", "vSocket")
	hfVsockSrcCID      = Fields.Add(protoVsock, "vsock.src_cid", "Source cid", field.Uint64)
	hfVsockDstCID      = Fields.Add(protoVsock, "vsock.dst_cid", "Destination cid", field.Uint64)
	hfVsockSrcPort     = Fields.Add(protoVsock, "vsock.src_port", "Source port", field.Uint32)
	hfVsockDstPort     = Fields.Add(protoVsock, "vsock.dst_port", "Destination port", field.Uint32)
	hfVsockOp          = Fields.Add(protoVsock, "vsock.op", "Operation", field.Uint16, field.WithStrings(vsockOpVals))
	hfVsockTrans       = Fields.Add(protoVsock, "vsock.trans", "Transport", field.Uint16, field.WithStrings(map[uint64]string{0: "Unknown", 1: "No data", 2: "Virtio"}))
	hfVsockTransLen    = Fields.Add(protoVsock, "vsock.trans_len", "Transport length", field.Uint16)
	hfVsockReserved    = Fields.Add(protoVsock, "vsock.reserved", "Reserved", field.Bytes)
	hfVsockPayload     = Fields.Add(protoVsock, "vsock.payload", "Payload", field.Bytes)
	hfVsockVSrcCID     = Fields.Add(protoVsock, "vsock.virtio.src_cid", "Source cid", field.Uint64)
	hfVsockVDstCID     = Fields.Add(protoVsock, "vsock.virtio.dst_cid", "Destination cid", field.Uint64)
	hfVsockVSrcPort    = Fields.Add(protoVsock, "vsock.virtio.src_prot", "Source port", field.Uint32)
	hfVsockVDstPort    = Fields.Add(protoVsock, "vsock.virtio.dst_prot", "Destination port", field.Uint32)
	hfVsockVLen        = Fields.Add(protoVsock, "vsock.virtio.len", "Length", field.Uint32)
	hfVsockVType       = Fields.Add(protoVsock, "vsock.virtio.type", "Type", field.Uint16, field.WithStrings(map[uint64]string{1: "Stream", 2: "Seqpacket"}))
	hfVsockVOp         = Fields.Add(protoVsock, "vsock.virtio.op", "Operation", field.Uint16, field.WithStrings(vsockVirtioOpVals))
	hfVsockVFlags      = Fields.Add(protoVsock, "vsock.virtio.flags", "Flags", field.Uint32, field.WithBase(field.Hex))
	hfVsockVBufAlloc   = Fields.Add(protoVsock, "vsock.virtio.buf_alloc", "Buf alloc", field.Uint32)
	hfVsockVFwdCnt     = Fields.Add(protoVsock, "vsock.virtio.fwd_cnt", "Fwd cnt", field.Uint32)
	hfVsockVirtioLabel = Fields.Add(protoVsock, "vsock.virtio", "Virtio transport header", field.None)
)

var vsockOpVals = map[uint64]string{0: "Unknown", 1: "Connect", 2: "Disconnect", 3: "Control", 4: "Payload"}

var vsockVirtioOpVals = map[uint64]string{0: "Invalid", 1: "Request", 2: "Response", 3: "Rst", 4: "Shutdown",
	5: "RW", 6: "Credit update", 7: "Credit request"}

func init() {
	RegisterShortName(protoVsock, "vSocket")
	LinkTypes.Add(271, &Handle{Name: "vsock", Fn: dissectVsock})
	RegisterEncap(271, 185, "Linux vsock")
}

// vsockAddr names a context ID as Wireshark's vsock address type shows it.
func vsockAddr(cid uint64) string {
	switch cid {
	case 0:
		return "hypervisor"
	case 1:
		return "local"
	case 2:
		return "host"
	}
	return strconv.FormatUint(cid, 10)
}

func dissectVsock(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("vSocket")
	op := uint64(t.U16LE(24))
	trans := uint64(t.U16LE(26))
	tl := int(t.U16LE(28))
	c.SetDLText(vsockAddr(t.U64LE(0)), vsockAddr(t.U64LE(8)))
	p := c.AddProto(parent, protoVsock, t, 0, -1)
	if c.Visible() {
		c.T.SetLabel(p, "vSocket, Op: "+vsockOpVals[op]+", Transport: "+map[uint64]string{0: "Unknown", 1: "No data", 2: "Virtio"}[trans])
	}
	c.AddUintLE(p, hfVsockSrcCID, t, 0, 8)
	c.AddUintLE(p, hfVsockDstCID, t, 8, 8)
	c.AddUintLE(p, hfVsockSrcPort, t, 16, 4)
	c.AddUintLE(p, hfVsockDstPort, t, 20, 4)
	c.AddUintLE(p, hfVsockOp, t, 24, 2)
	c.AddUintLE(p, hfVsockTrans, t, 26, 2)
	c.AddUintLE(p, hfVsockTransLen, t, 28, 2)
	c.AddBytes(p, hfVsockReserved, t, 30, 2)
	opName := vsockOpVals[op]
	if opName == "" {
		opName = "Unknown"
	}
	c.SetInfo("[" + opName + "] ")
	o := 32
	if trans == 2 && tl >= 44 {
		v := c.AddProto(p, hfVsockVirtioLabel, t, o, tl)
		c.AddUintLE(v, hfVsockVSrcCID, t, o, 8)
		c.AddUintLE(v, hfVsockVDstCID, t, o+8, 8)
		c.AddUintLE(v, hfVsockVSrcPort, t, o+16, 4)
		c.AddUintLE(v, hfVsockVDstPort, t, o+20, 4)
		c.AddUintLE(v, hfVsockVLen, t, o+24, 4)
		_, typ := c.AddUintLE(v, hfVsockVType, t, o+28, 2)
		_, vop := c.AddUintLE(v, hfVsockVOp, t, o+30, 2)
		c.AddUintLE(v, hfVsockVFlags, t, o+32, 4)
		_, ba := c.AddUintLE(v, hfVsockVBufAlloc, t, o+36, 4)
		_, fc := c.AddUintLE(v, hfVsockVFwdCnt, t, o+40, 4)
		tn := map[uint64]string{1: "Stream", 2: "Seqpacket"}[typ]
		if tn == "" {
			tn = "Unknown"
		}
		on := vsockVirtioOpVals[vop]
		if on == "" {
			on = "Unknown"
		}
		c.AppendInfo("Virtio: " + tn + ", Op: " + on + ", Buf alloc: " + strconv.FormatUint(ba, 10) + ", Fwd cnt: " + strconv.FormatUint(fc, 10))
	}
	o += tl
	if o < t.Len() {
		c.AddBytes(p, hfVsockPayload, t, o, t.Len()-o)
	}
}
