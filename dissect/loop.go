package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Ethernet Configuration Test Protocol, ethertype 0x9000 (Wireshark's packet-loop.c). Its fields
// are little-endian.

var (
	protoLoop        = Fields.Protocol("loop", "Configuration Test Protocol (loopback)")
	hfLoopSkipCount  = Fields.Add(protoLoop, "loop.skipcount", "skipCount", field.Uint16)
	hfLoopFunction   = Fields.Add(protoLoop, "loop.function", "Function", field.Uint16, field.WithStrings(loopFunctionVals))
	hfLoopRelevant   = Fields.Add(protoLoop, "loop.relevant_function", "Relevant function", field.Uint16, field.WithStrings(loopFunctionVals))
	hfLoopReceiptNum = Fields.Add(protoLoop, "loop.receipt_number", "Receipt number", field.Uint16)
	hfLoopFwdAddr    = Fields.Add(protoLoop, "loop.forwarding_address", "Forwarding address", field.Ether)
	handleCTP        = &Handle{Name: "loop", Fn: dissectCTP}
)

var loopFunctionVals = map[uint64]string{1: "Reply", 2: "Forward Data"}

func init() {
	RegisterShortName(protoLoop, "LOOP")
	EtherType.Add(0x9000, handleCTP)
}

func dissectCTP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("LOOP")
	c.ClearInfo()
	p := c.AddProto(parent, protoLoop, t, 0, -1)
	skip := int(t.U16LE(0))
	c.AddUintLE(p, hfLoopSkipCount, t, 0, 2)
	o := 2
	for more := true; more; {
		fn := uint64(t.U16LE(o))
		if o == skip+2 {
			if name, ok := loopFunctionVals[fn]; ok {
				c.SetInfo(name)
			} else {
				c.SetInfo("Unknown function (" + strconv.FormatUint(fn, 10) + ")")
			}
			c.AddUintV(p, hfLoopRelevant, t, o, 2, fn)
		}
		c.AddUintV(p, hfLoopFunction, t, o, 2, fn)
		o += 2
		switch fn {
		case 1:
			c.AddUintLE(p, hfLoopReceiptNum, t, o, 2)
			o += 2
			more = false
		case 2:
			c.AddBytes(p, hfLoopFwdAddr, t, o, 6)
			o += 6
		default:
			more = false
		}
	}
	if o < t.Len() {
		c.CallData(t.Sub(o), parent)
	}
}
