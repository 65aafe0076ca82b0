package dissect

import (
	"bytes"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// F5 Networks' Ethernet trailer, which BIG-IP appliances append to the frames they capture with the
// flow's direction, slot and TMM (Wireshark's packet-f5ethtrailer.c, a heuristic on Ethernet
// trailers). Version 0 low details are dissected; medium and high details show their header.

var (
	protoF5               = Fields.Protocol("f5ethtrailer", "F5 Ethernet Trailer Protocol")
	hfF5ethtrailerLow     = Fields.Add(protoF5, "f5ethtrailer.low", "Low Details", field.None)
	hfF5ethtrailerMedium  = Fields.Add(protoF5, "f5ethtrailer.medium", "Medium Details", field.None)
	hfF5ethtrailerHigh    = Fields.Add(protoF5, "f5ethtrailer.high", "High Details", field.None)
	hfF5ethtrailerHeader  = Fields.Add(protoF5, "f5ethtrailer.header", "F5 Trailer Header", field.None)
	hfF5ethtrailerType    = Fields.Add(protoF5, "f5ethtrailer.type", "Type", field.Uint16)
	hfF5ethtrailerLength  = Fields.Add(protoF5, "f5ethtrailer.length", "Trailer length", field.Uint16)
	hfF5ethtrailerVersion = Fields.Add(protoF5, "f5ethtrailer.version", "Version", field.Uint16)
	hfF5ethtrailerIngress = Fields.Add(protoF5, "f5ethtrailer.ingress", "Ingress", field.Bool)
	hfF5ethtrailerSlot    = Fields.Add(protoF5, "f5ethtrailer.slot", "Slot (0-based)", field.Uint8, field.WithBlurb("Slot captured on"))
	hfF5ethtrailerTmm     = Fields.Add(protoF5, "f5ethtrailer.tmm", "TMM (0-based)", field.Uint8, field.WithBlurb("TMM captured on"))
	hfF5ethtrailerVip     = Fields.Add(protoF5, "f5ethtrailer.vip", "Name", field.String, field.WithBlurb("VIP flow associated with"))
)

func init() { RegisterShortName(protoF5, "F5ETHTRAILER") }

// f5TrailerLen returns the length of the F5 trailer TLVs at the start of b (0 when b does not hold
// one): types 1 to 3, each with its length byte, in increasing order, filling b or all of b but a
// 4-byte frame check sequence.
func f5TrailerLen(b []byte) int {
	o, last := 0, 0
	for o+3 <= len(b) {
		typ, l := int(b[o]), int(b[o+1])
		if typ < 1 || typ > 3 || typ <= last || l < 1 || o+2+l > len(b) {
			break
		}
		last = typ
		o += 2 + l
		if o == len(b) || o == len(b)-4 {
			return o
		}
	}
	return 0
}

// ethTrailerHeuristics offers an Ethernet trailer to the trailer dissectors; it reports whether one
// took it.
func ethTrailerHeuristics(c *Ctx, tr Tvb) bool {
	n := f5TrailerLen(tr.B)
	if n == 0 {
		return false
	}
	c.PushLayer("f5ethtrailer")
	p := c.AddProto(field.Root, protoF5, tr, 0, n)
	for o := 0; o < n; {
		typ, l := int(tr.U8(o)), int(tr.U8(o+1))
		hf := [...]field.ID{hfF5ethtrailerLow, hfF5ethtrailerMedium, hfF5ethtrailerHigh}[typ-1]
		d := c.AddProto(p, hf, tr, o, 2+l)
		h := c.AddProto(d, hfF5ethtrailerHeader, tr, o, 3)
		c.Label(h, "F5 Trailer Header, Type: %d", typ)
		c.AddUintV(h, hfF5ethtrailerType, tr, o, 1, uint64(typ))
		c.AddUintV(h, hfF5ethtrailerLength, tr, o+1, 1, uint64(l))
		ver := tr.U8(o + 2)
		c.AddUintV(h, hfF5ethtrailerVersion, tr, o+2, 1, uint64(ver))
		if typ == 1 && ver == 0 && l >= 20 {
			in := tr.U8(o + 3)
			ig := c.AddUintV(d, hfF5ethtrailerIngress, tr, o+3, 1, uint64(in&1))
			dir := "OUT"
			if in&1 != 0 {
				dir = "IN "
				c.Label(ig, "Ingress: True (IN)")
			} else {
				c.Label(ig, "Ingress: False (OUT)")
			}
			slot := uint64(tr.U8(o+4)) + 1
			sn := c.AddUintV(d, hfF5ethtrailerSlot, tr, o+4, 1, slot)
			c.Label(sn, "Slot (1-based): %d", slot)
			tmm := uint64(tr.U8(o + 5))
			c.AddUintV(d, hfF5ethtrailerTmm, tr, o+5, 1, tmm)
			vip := tr.Bytes(o+6, 16)
			if i := bytes.IndexByte(vip, 0); i >= 0 {
				vip = vip[:i]
			}
			vn := c.AddBytesV(d, hfF5ethtrailerVip, tr, o+6, 16, asciiString(vip))
			c.Label(vn, "VIP Name: %s", vip)
			if c.Cols.On && c.ColumnsWritable() {
				pre := dir + " s" + strconv.FormatUint(slot, 10) + "/tmm" + strconv.FormatUint(tmm, 10) + " : "
				c.Cols.Info = append([]byte(pre), c.Cols.Info...)
				c.Cols.fence += len(pre)
			}
		}
		o += 2 + l
	}
	return true
}
