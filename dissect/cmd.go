package dissect

import "github.com/tshark-tui/tshark-tui/field"

// Cisco MetaData (CMD), ethertype 0x8909, carrying a Security Group Tag before the inner ethertype
// (Wireshark's packet-cmd.c). In GRE the inner type comes first.

var (
	protoCMD      = Fields.Protocol("cmd", "Cisco MetaData")
	hfCMDVersion  = Fields.Add(protoCMD, "cmd.version", "Version", field.Uint8)
	hfCMDLength   = Fields.Add(protoCMD, "cmd.length", "Length", field.Uint8)
	hfCMDOptions  = Fields.Add(protoCMD, "cmd.options", "Options", field.Uint16, field.WithBase(field.Hex))
	hfCMDSGT      = Fields.Add(protoCMD, "cmd.sgt", "SGT", field.Uint16)
	hfCMDType     = Fields.Add(protoCMD, "cmd.type", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(etypeVals))
	hfCMDTrailer  = Fields.Add(protoCMD, "cmd.trailer", "Trailer", field.Bytes)
	handleCMD     = &Handle{Name: "cmd", Fn: dissectCMD}
	handleCMDGRE  = &Handle{Name: "cmd", Fn: dissectCMDGRE}
	_             = hfCMDTrailer
	cmdHeaderSize = 8
)

func init() {
	RegisterShortName(protoCMD, "CMD")
	EtherType.Add(0x8909, handleCMD)
	GREProto.Add(0x8909, handleCMDGRE)
}

func dissectCMD(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("CMD")
	c.ClearInfo()
	t.Need(0, cmdHeaderSize)
	p := c.AddProto(parent, protoCMD, t, 0, 6)
	c.AddUint(p, hfCMDVersion, t, 0, 1)
	c.AddUint(p, hfCMDLength, t, 1, 1)
	c.AddUint(p, hfCMDOptions, t, 2, 2)
	c.AddUint(p, hfCMDSGT, t, 4, 2)
	etype := uint64(t.U16(6))
	c.PushLayer("ethertype")
	DissectEthertype(c, t, parent, p, etype, hfCMDType, 6, 8, hfCMDTrailer)
}

func dissectCMDGRE(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("CMD")
	t.Need(0, cmdHeaderSize)
	p := c.AddProto(parent, protoCMD, t, 0, 6)
	_, etype := c.AddUint(p, hfCMDType, t, 0, 2)
	c.AddUint(p, hfCMDVersion, t, 2, 1)
	c.AddUint(p, hfCMDLength, t, 3, 1)
	c.AddUint(p, hfCMDOptions, t, 4, 2)
	c.AddUint(p, hfCMDSGT, t, 6, 2)
	next := t.Sub(cmdHeaderSize)
	if !c.TryTable(EtherType, etype, next, parent) {
		c.CallData(next, parent)
	}
}
