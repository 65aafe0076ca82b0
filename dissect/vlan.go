package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// IEEE 802.1Q VLAN tags (Wireshark's packet-vlan.c), also for the QinQ ethertype 0x9100, and the
// IEEE 802.1ad service tag (packet-ieee8021ah.c's "ieee8021ad" on 0x88a8).

var (
	protoVLAN       = Fields.Protocol("vlan", "802.1Q Virtual LAN")
	hfVLANPriority  = Fields.Add(protoVLAN, "vlan.priority", "Priority", field.Uint16, field.WithMask(0xe000), field.WithStrings(vlanPriorityVals))
	hfVLANCFI       = Fields.Add(protoVLAN, "vlan.cfi", "CFI", field.Bool, field.WithBase(16), field.WithMask(0x1000))
	hfVLANDEI       = Fields.Add(protoVLAN, "vlan.dei", "DEI", field.Bool, field.WithBase(16), field.WithMask(0x1000), field.WithTrueFalse("Eligible", "Ineligible"))
	hfVLANID        = Fields.Add(protoVLAN, "vlan.id", "ID", field.Uint16, field.WithMask(0x0fff))
	hfVLANIDName    = Fields.Add(protoVLAN, "vlan.id_name", "Name", field.String)
	hfVLANEType     = Fields.Add(protoVLAN, "vlan.etype", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(etypeVals))
	hfVLANLen       = Fields.Add(protoVLAN, "vlan.len", "Length", field.Uint16)
	hfVLANTrailer   = Fields.Add(protoVLAN, "vlan.trailer", "Trailer", field.Bytes)
	eiVLANLenPast   = RegisterExpert(protoVLAN, "vlan.len.past_end", "Length field value goes past the end of the payload", GroupProtocol, SevWarn)
	eiVLANTooMany   = RegisterExpert(protoVLAN, "vlan.too_many_tags", "Too many nested VLAN tags", GroupProtocol, SevWarn)
	handleVLAN      = &Handle{Name: "vlan", Fn: dissectVLAN}
	protoIEEE8021ad = Fields.Protocol("ieee8021ad", "IEEE 802.1ad")
	hf8021adPrio    = Fields.Add(protoIEEE8021ad, "ieee8021ad.priority", "Priority", field.Uint16, field.WithMask(0xe000))
	hf8021adDEI     = Fields.Add(protoIEEE8021ad, "ieee8021ad.dei", "DEI", field.Uint16, field.WithMask(0x1000))
	hf8021adID      = Fields.Add(protoIEEE8021ad, "ieee8021ad.id", "ID", field.Uint16, field.WithMask(0x0fff))
	handle8021ad    = &Handle{Name: "ieee8021ad", Fn: dissect8021ad}
	protoIEEE8021ah = Fields.Protocol("ieee8021ah", "IEEE 802.1ah")
	hf8021ahEType   = Fields.Add(protoIEEE8021ah, "ieee8021ah.etype", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(etypeVals))
)

func init() {
	RegisterShortName(protoVLAN, "VLAN")
	RegisterShortName(protoIEEE8021ad, "IEEE 802.1AD")
	EtherType.Add(0x8100, handleVLAN)
	EtherType.Add(0x9100, handleVLAN)
	EtherType.Add(0x88a8, handle8021ad)
	_ = []field.ID{hfVLANCFI, hfVLANIDName}
	_ = eiVLANTooMany
}

func dissectVLAN(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("VLAN")
	tci := uint64(t.U16(0))
	lt := uint64(t.U16(2))
	if c.Cols.On && !c.Cols.readonly {
		c.SetInfo("PRI: ")
		c.AppendInfoUint(tci >> 13)
		c.AppendInfo("  DEI: ")
		c.AppendInfoUint(tci >> 12 & 1)
		c.AppendInfo("  ID: ")
		c.AppendInfoUint(tci & 0xfff)
	}
	p := c.AddProto(parent, protoVLAN, t, 0, 4)
	if c.Visible() {
		c.Label(p, "802.1Q Virtual LAN, PRI: %d, DEI: %d, ID: %d", tci>>13, tci>>12&1, tci&0xfff)
	}
	c.AddUint(p, hfVLANPriority, t, 0, 2)
	c.AddUint(p, hfVLANDEI, t, 0, 2)
	c.AddUint(p, hfVLANID, t, 0, 2)
	if lt <= 1500 {
		n := c.AddUintV(p, hfVLANLen, t, 2, 2, lt)
		payload := t.Sub(4)
		reported := payload.Len() + c.unreported(payload)
		if int(lt) > reported {
			c.Expert(n, eiVLANLenPast, t, 2, 2, "")
			lt = uint64(reported)
		}
		next := payload.SubLen(0, int(lt))
		if next.Len() >= 2 && next.U16(0) == 0xffff {
			c.CallData(next, parent)
		} else {
			c.Call(handleLLC, next, parent)
		}
		if int(lt) < payload.Len() {
			ethTrailer(c, p, payload.Sub(int(lt)), hfVLANTrailer, t.Len()+c.unreported(t))
		}
		return
	}
	c.PushLayer("ethertype")
	DissectEthertype(c, t, parent, p, lt, hfVLANEType, 2, 4, hfVLANTrailer)
}

func dissect8021ad(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("802.1ad")
	tci := uint64(t.U16(0))
	lt := uint64(t.U16(2))
	p := c.AddProto(parent, protoIEEE8021ad, t, 0, 4)
	if c.Visible() {
		c.Label(p, "IEEE 802.1ad, ID: %d", tci&0xfff)
	}
	c.AddUint(p, hf8021adPrio, t, 0, 2)
	c.AddUint(p, hf8021adDEI, t, 0, 2)
	c.AddUint(p, hf8021adID, t, 0, 2)
	c.PushLayer("ethertype")
	DissectEthertype(c, t, parent, p, lt, hf8021ahEType, 2, 4, hfVLANTrailer)
}

var vlanPriorityVals = map[uint64]string{
	0x0: "Best Effort (default)",
	0x1: "Background",
	0x2: "Excellent Effort",
	0x3: "Critical Applications",
	0x4: "Video, < 100ms latency and jitter",
	0x5: "Voice, < 10ms latency and jitter",
	0x6: "Internetwork Control",
	0x7: "Network Control",
}
