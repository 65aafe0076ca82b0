package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// RX, the remote procedure call transport of AFS (Wireshark's packet-rx.c), on UDP ports 7000-7009
// and 7021. Data packets carry an AFS call (afs.go); acknowledgements, challenges, responses and
// aborts are RX's own.

var (
	protoRX        = Fields.Protocol("rx", "RX Protocol")
	hfRxEpoch      = Fields.Add(protoRX, "rx.epoch", "Epoch", field.AbsTime, field.WithBase(field.TimeLocal))
	hfRxCID        = Fields.Add(protoRX, "rx.cid", "CID", field.Uint32)
	hfRxCallNumber = Fields.Add(protoRX, "rx.callnumber", "Call Number", field.Uint32)
	hfRxSeq        = Fields.Add(protoRX, "rx.seq", "Sequence Number", field.Uint32)
	hfRxSerial     = Fields.Add(protoRX, "rx.serial", "Serial", field.Uint32)
	hfRxType       = Fields.Add(protoRX, "rx.type", "Type", field.Uint8, field.WithStrings(tsharkValues["rx.type"]))
	hfRxFlags      = Fields.Add(protoRX, "rx.flags", "Flags", field.Uint8, field.WithBase(field.Hex))
	hfRxFlagsFree  = Fields.Add(protoRX, "rx.flags.free_packet", "Free Packet", field.Bool, field.WithBase(8), field.WithMask(0x10))
	hfRxFlagsMore  = Fields.Add(protoRX, "rx.flags.more_packets", "More Packets", field.Bool, field.WithBase(8), field.WithMask(0x08))
	hfRxFlagsLast  = Fields.Add(protoRX, "rx.flags.last_packet", "Last Packet", field.Bool, field.WithBase(8), field.WithMask(0x04))
	hfRxFlagsReq   = Fields.Add(protoRX, "rx.flags.request_ack", "Request Ack", field.Bool, field.WithBase(8), field.WithMask(0x02))
	hfRxFlagsCInit = Fields.Add(protoRX, "rx.flags.client_init", "Client Initiated", field.Bool, field.WithBase(8), field.WithMask(0x01))
	hfRxUserStatus = Fields.Add(protoRX, "rx.userstatus", "User Status", field.Uint32)
	hfRxSecIndex   = Fields.Add(protoRX, "rx.securityindex", "Security Index", field.Uint32)
	hfRxSpare      = Fields.Add(protoRX, "rx.spare", "Spare/Checksum", field.Uint16)
	hfRxServiceID  = Fields.Add(protoRX, "rx.serviceid", "Service ID", field.Uint16)
	hfRxBufSpace   = Fields.Add(protoRX, "rx.bufferspace", "Bufferspace", field.Uint16, field.WithBlurb("Number Of Packets Available"))
	hfRxMaxSkew    = Fields.Add(protoRX, "rx.maxskew", "Max Skew", field.Uint16)
	hfRxFirst      = Fields.Add(protoRX, "rx.first", "First Packet", field.Uint32)
	hfRxPrev       = Fields.Add(protoRX, "rx.prev", "Prev Packet", field.Uint32, field.WithBlurb("Previous Packet"))
	hfRxReason     = Fields.Add(protoRX, "rx.reason", "Reason", field.Uint8, field.WithStrings(tsharkValues["rx.reason"]), field.WithBlurb("Reason For This ACK"))
	hfRxNumAcks    = Fields.Add(protoRX, "rx.num_acks", "Num ACKs", field.Uint8, field.WithBlurb("Number Of ACKs"))
	hfRxAckType    = Fields.Add(protoRX, "rx.ack_type", "ACK Type", field.Uint8, field.WithStrings(tsharkValues["rx.ack_type"]), field.WithBlurb("Type Of ACKs"))
	hfRxAck        = Fields.Add(protoRX, "rx.ack", "ACK Packet", field.None)
	hfRxChallenge  = Fields.Add(protoRX, "rx.challenge", "CHALLENGE Packet", field.None)
	hfRxVersion    = Fields.Add(protoRX, "rx.version", "Version", field.Uint32, field.WithBlurb("Version Of Challenge/Response"))
	hfRxNonce      = Fields.Add(protoRX, "rx.nonce", "Nonce", field.Uint32, field.WithBase(field.Hex))
	hfRxIncNonce   = Fields.Add(protoRX, "rx.inc_nonce", "Inc Nonce", field.Uint32, field.WithBase(field.Hex), field.WithBlurb("Incremented Nonce"))
	hfRxMinLevel   = Fields.Add(protoRX, "rx.min_level", "Min Level", field.Uint32)
	hfRxLevel      = Fields.Add(protoRX, "rx.level", "Level", field.Uint32)
	hfRxResponse   = Fields.Add(protoRX, "rx.response", "RESPONSE Packet", field.None)
	hfRxEncrypted  = Fields.Add(protoRX, "rx.encrypted", "Encrypted", field.None, field.WithBlurb("Encrypted part of response packet"))
	hfRxKvno       = Fields.Add(protoRX, "rx.kvno", "kvno", field.Uint32)
	hfRxTicketLen  = Fields.Add(protoRX, "rx.ticket_len", "Ticket len", field.Uint32, field.WithBlurb("Ticket Length"))
	hfRxTicket     = Fields.Add(protoRX, "rx.ticket", "ticket", field.Bytes)
	hfRxIfMTU      = Fields.Add(protoRX, "rx.if_mtu", "Interface MTU", field.Uint32)
	hfRxMaxMTU     = Fields.Add(protoRX, "rx.max_mtu", "Max MTU", field.Uint32)
	hfRxRwind      = Fields.Add(protoRX, "rx.rwind", "rwind", field.Uint32)
	hfRxMaxPackets = Fields.Add(protoRX, "rx.max_packets", "Max Packets", field.Uint32)
	hfRxAbort      = Fields.Add(protoRX, "rx.abort", "ABORT Packet", field.None)
	hfRxAbortCode  = Fields.Add(protoRX, "rx.abort_code", "Abort Code", field.Int32)

	handleRX = &Handle{Name: "rx", Fn: dissectRX}

	rxFlagFields = []field.ID{hfRxFlagsFree, hfRxFlagsMore, hfRxFlagsLast, hfRxFlagsReq, hfRxFlagsCInit}
)

// RX packet types and flags the dissectors branch on.
const (
	rxTypeData      = 1
	rxTypeAck       = 2
	rxTypeAbort     = 4
	rxTypeAckAll    = 5
	rxTypeChallenge = 6
	rxTypeResponse  = 7

	rxFlagClientInit = 0x01
	rxFlagLastPacket = 0x04

	rxMaxCalls = 4 // call numbers in a response's encrypted part
)

func init() {
	RegisterShortName(protoRX, "RX")
	for p := uint64(7000); p <= 7009; p++ {
		UDPPort.Add(p, handleRX)
	}
	UDPPort.Add(7021, handleRX) // AFS backup server
}

// rxInfo is what the RX header tells the AFS dissector (Wireshark's struct rxinfo).
type rxInfo struct {
	typ, flags          uint8
	serviceID           uint16
	epoch, cid, callNum uint32
	seq                 uint32
}

func dissectRX(c *Ctx, t Tvb, parent int32) {
	// Like Wireshark, a datagram is not RX unless it holds a header of a known packet type.
	if t.Len() < 28 {
		c.PopLayer("rx")
		c.CallData(t, parent)
		return
	}
	if typ := t.U8(20); typ == 0 || (typ >= 10 && typ <= 12) || typ > 13 {
		c.PopLayer("rx")
		c.CallData(t, parent)
		return
	}
	c.SetProtocol("RX")
	c.ClearInfo()
	p := c.AddProto(parent, protoRX, t, 0, 28)
	var ri rxInfo
	ri.epoch, ri.cid, ri.callNum, ri.seq = t.U32(0), t.U32(4), t.U32(8), t.U32(12)
	c.Add(p, hfRxEpoch, t, 0, 4, field.Value{I: int64(ri.epoch) * 1e9})
	c.AddUint(p, hfRxCID, t, 4, 4)
	c.AddUint(p, hfRxCallNumber, t, 8, 4)
	c.AddUint(p, hfRxSeq, t, 12, 4)
	c.AddUint(p, hfRxSerial, t, 16, 4)
	_, typ := c.AddUint(p, hfRxType, t, 20, 1)
	_, flags := c.addFlags(p, hfRxFlags, t, 21, 1, rxFlagFields)
	c.AddUint(p, hfRxUserStatus, t, 22, 1)
	c.AddUint(p, hfRxSecIndex, t, 23, 1)
	c.AddUint(p, hfRxSpare, t, 24, 2) // the service id follows the spare field, whatever the headers say
	_, svc := c.AddUint(p, hfRxServiceID, t, 26, 2)
	ri.typ, ri.flags, ri.serviceID = uint8(typ), uint8(flags), uint16(svc)

	switch ri.typ {
	case rxTypeAck:
		rxAck(c, t, p, &ri)
	case rxTypeAckAll:
		c.rxInfoCol("ACKALL", &ri)
	case rxTypeChallenge:
		rxChallenge(c, t, p, &ri)
	case rxTypeResponse:
		rxResponse(c, t, p, &ri)
	case rxTypeData:
		if t.Len() > 28 || c.unreported(t) > 0 {
			c.PushLayer("afs") // Wireshark lists no protocol for an empty payload
		}
		dissectAFS(c, t.Sub(28), parent, &ri)
	case rxTypeAbort:
		c.rxInfoCol("ABORT", &ri)
		n := c.rxSubtree(p, hfRxAbort, t, 28)
		c.AddUint(n, hfRxAbortCode, t, 28, 4)
		c.rxEndSubtree(p, n, t, 28, 32)
	}
}

// rxInfoCol sets the Info column of RX's own packets: "ACK  Seq: 0  Call: 290  Source Port: 7001
// Destination Port: 7000  ", two spaces after every part.
func (c *Ctx) rxInfoCol(what string, ri *rxInfo) {
	if !c.Cols.On || c.Cols.readonly {
		return
	}
	c.SetInfo(what)
	c.AppendInfo("  Seq: ")
	c.AppendInfoUint(uint64(ri.seq))
	c.AppendInfo("  Call: ")
	c.AppendInfoUint(uint64(ri.callNum))
	c.AppendInfo("  Source Port: ")
	c.AppendInfoUint(uint64(c.SrcPort))
	c.AppendInfo("  Destination Port: ")
	c.AppendInfoUint(uint64(c.DstPort))
	c.AppendInfo("  ")
}

// rxSubtree opens an item of field hf from o whose length is known only at its end (rxEndSubtree).
func (c *Ctx) rxSubtree(parent int32, hf field.ID, t Tvb, o int) int32 {
	return c.AddProto(parent, hf, t, o, -1)
}

// rxEndSubtree sets the length of item n, opened at o by rxSubtree, to end at end.
func (c *Ctx) rxEndSubtree(parent, n int32, t Tvb, o, end int) {
	if n != parent {
		c.T.SetLen(n, end-o)
	}
}

func rxAck(c *Ctx, t Tvb, p int32, ri *rxInfo) {
	if c.Cols.On && !c.Cols.readonly {
		r := uint64(t.U8(44))
		reason, ok := tsharkValues["rx.reason"][r]
		if !ok {
			reason = "Unknown (" + strconv.FormatUint(r, 10) + ")"
		}
		c.rxInfoCol("ACK "+reason, ri)
	}
	n := c.rxSubtree(p, hfRxAck, t, 28)
	c.AddUint(n, hfRxBufSpace, t, 28, 2)
	c.AddUint(n, hfRxMaxSkew, t, 30, 2)
	c.AddUint(n, hfRxFirst, t, 32, 4)
	c.AddUint(n, hfRxPrev, t, 36, 4)
	c.AddUint(n, hfRxSerial, t, 40, 4)
	c.AddUint(n, hfRxReason, t, 44, 1)
	_, num := c.AddUint(n, hfRxNumAcks, t, 45, 1)
	o := 46
	for i := uint64(0); i < num; i++ {
		c.AddUint(n, hfRxAckType, t, o, 1)
		o++
	}
	// Some implementations add 3 bytes of padding and up to four more words.
	reported := t.Len() + c.unreported(t)
	if reported-o > 3 {
		o += 3
		for _, hf := range [...]field.ID{hfRxMaxMTU, hfRxIfMTU, hfRxRwind, hfRxMaxPackets} {
			if reported-o < 4 {
				break
			}
			c.AddUint(n, hf, t, o, 4)
			o += 4
		}
	}
	c.rxEndSubtree(p, n, t, 28, o)
}

func rxChallenge(c *Ctx, t Tvb, p int32, ri *rxInfo) {
	c.rxInfoCol("CHALLENGE", ri)
	n := c.rxSubtree(p, hfRxChallenge, t, 28)
	_, ver := c.AddUint(n, hfRxVersion, t, 28, 4)
	o := 32
	if ver == 2 {
		c.AddUint(n, hfRxNonce, t, o, 4)
		c.AddUint(n, hfRxMinLevel, t, o+4, 4)
		o += 8
	}
	c.rxEndSubtree(p, n, t, 28, o)
}

func rxResponse(c *Ctx, t Tvb, p int32, ri *rxInfo) {
	c.rxInfoCol("RESPONSE", ri)
	n := c.rxSubtree(p, hfRxResponse, t, 28)
	_, ver := c.AddUint(n, hfRxVersion, t, 28, 4)
	o := 32
	if ver == 2 {
		o += 4 // unused
		e := c.rxSubtree(n, hfRxEncrypted, t, o)
		start := o
		c.Add(e, hfRxEpoch, t, o, 4, field.Value{I: int64(t.U32(o)) * 1e9})
		c.AddUint(e, hfRxCID, t, o+4, 4)
		o += 12 // and a checksum Wireshark skips
		c.AddUint(e, hfRxSecIndex, t, o, 1)
		o += 4
		for i := 0; i < rxMaxCalls; i++ {
			c.AddUint(e, hfRxCallNumber, t, o, 4)
			o += 4
		}
		c.AddUint(e, hfRxIncNonce, t, o, 4)
		c.AddUint(e, hfRxLevel, t, o+4, 4)
		o += 8
		c.rxEndSubtree(n, e, t, start, o)
		c.AddUint(n, hfRxKvno, t, o, 4)
		_, tl := c.AddUint(n, hfRxTicketLen, t, o+4, 4)
		o += 8
		c.needReported(t, o, int(tl))
		c.AddBytes(n, hfRxTicket, t, o, int(tl))
		o += int(tl)
	}
	c.rxEndSubtree(p, n, t, 28, o)
}
