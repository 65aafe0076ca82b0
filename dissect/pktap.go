package dissect

import "github.com/tshark-tui/tshark-tui/field"

// Apple's PKTAP (LINKTYPE_PKTAP, 258; Wireshark's packet-pktap.c): a little-endian header with the
// interface, process and the link type of the packet that follows, which the "pcap_pktdata"
// pseudo-protocol hands to that link type's dissector.

var (
	protoPktap      = Fields.Protocol("pktap", "PKTAP packet header")
	hfPktapHdrlen   = Fields.Add(protoPktap, "pktap.hdrlen", "Header length", field.Uint32)
	hfPktapRectype  = Fields.Add(protoPktap, "pktap.rectype", "Record type", field.Uint32)
	hfPktapDLT      = Fields.Add(protoPktap, "pktap.dlt", "DLT", field.Uint32)
	hfPktapIfname   = Fields.Add(protoPktap, "pktap.ifname", "Interface name", field.StringZ)
	hfPktapFlags    = Fields.Add(protoPktap, "pktap.flags", "Flags", field.Uint32, field.WithBase(field.Hex))
	hfPktapPfamily  = Fields.Add(protoPktap, "pktap.pfamily", "Protocol family", field.Uint32)
	hfPktapLLHdrlen = Fields.Add(protoPktap, "pktap.llhdrlen", "Link-layer header length", field.Uint32)
	hfPktapLLTrlr   = Fields.Add(protoPktap, "pktap.lltrlrlen", "Link-layer trailer length", field.Uint32)
	hfPktapPID      = Fields.Add(protoPktap, "pktap.pid", "Process ID", field.Uint32)
	hfPktapCmdname  = Fields.Add(protoPktap, "pktap.cmdname", "Command name", field.StringZ)
	hfPktapSvcClass = Fields.Add(protoPktap, "pktap.svc_class", "Service class", field.Uint32)
	hfPktapIftype   = Fields.Add(protoPktap, "pktap.iftype", "Interface type", field.Uint16)
	hfPktapIfunit   = Fields.Add(protoPktap, "pktap.ifunit", "Interface unit", field.Uint16)
	hfPktapEPID     = Fields.Add(protoPktap, "pktap.epid", "Effective process ID", field.Uint32)
	hfPktapECmdname = Fields.Add(protoPktap, "pktap.ecmdname", "Effective command name", field.StringZ)
)

func init() {
	RegisterShortName(protoPktap, "PKTAP")
	LinkTypes.Add(258, &Handle{Name: "pktap", Fn: dissectPktap})
	RegisterEncap(258, 171, "Apple PKTAP")
}

func dissectPktap(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("PKTAP")
	hl := int(t.U32LE(0))
	p := c.AddProto(parent, protoPktap, t, 0, hl)
	c.AddUintLE(p, hfPktapHdrlen, t, 0, 4)
	_, rt := c.AddUintLE(p, hfPktapRectype, t, 4, 4)
	_, dlt := c.AddUintLE(p, hfPktapDLT, t, 8, 4)
	str := func(hf field.ID, o, n int) {
		s := t.Bytes(o, n)
		if i := indexZero(s); i >= 0 {
			s = s[:i]
		}
		c.AddBytesV(p, hf, t, o, n, s)
	}
	str(hfPktapIfname, 12, 24)
	c.AddUintLE(p, hfPktapFlags, t, 36, 4)
	c.AddUintLE(p, hfPktapPfamily, t, 40, 4)
	c.AddUintLE(p, hfPktapLLHdrlen, t, 44, 4)
	c.AddUintLE(p, hfPktapLLTrlr, t, 48, 4)
	c.AddUintLE(p, hfPktapPID, t, 52, 4)
	str(hfPktapCmdname, 56, 20)
	c.AddUintLE(p, hfPktapSvcClass, t, 76, 4)
	c.AddUintLE(p, hfPktapIftype, t, 80, 2)
	c.AddUintLE(p, hfPktapIfunit, t, 82, 2)
	c.AddUintLE(p, hfPktapEPID, t, 84, 4)
	str(hfPktapECmdname, 88, 20)
	next := t.Sub(hl)
	if rt != 1 { // only packet records carry a packet
		return
	}
	c.PushLayer("pcap_pktdata")
	if !c.TryTable(LinkTypes, dlt, next, parent) {
		c.CallData(next, parent)
	}
}
