package dissect

import "github.com/tshark-tui/tshark-tui/field"

// IP over InfiniBand (LINKTYPE_IPOIB, 242; Wireshark's packet-ipoib.c): a 20-byte global route
// header area, the 20-byte destination address (queue pair number and GID), then an ethertype and
// a reserved field before the IP or ARP packet.

var (
	protoIPoIB       = Fields.Protocol("ipoib", "IP over Infiniband")
	hfIPoIBDAddr     = Fields.Add(protoIPoIB, "ipoib.daddr", "Destination address", field.None)
	hfIPoIBDAddrQPN  = Fields.Add(protoIPoIB, "ipoib.daddr.qpn", "Destination QPN", field.Uint24, field.WithBase(field.Hex))
	hfIPoIBDGID      = Fields.Add(protoIPoIB, "ipoib.dgid", "Destination GID", field.IPv6)
	hfIPoIBType      = Fields.Add(protoIPoIB, "ipoib.type", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(etypeVals))
	hfIPoIBReserved  = Fields.Add(protoIPoIB, "ipoib.reserved", "Reserved", field.Uint16, field.WithBase(field.Hex))
	handleIPoIB      = &Handle{Name: "ipoib", Fn: dissectIPoIB}
	ipoibHeaderBytes = 44
)

func init() {
	RegisterShortName(protoIPoIB, "IPoIB")
	LinkTypes.Add(242, handleIPoIB)
	RegisterEncap(242, 173, "IP over InfiniBand")
}

func dissectIPoIB(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("IPoIB")
	p := c.AddProto(parent, protoIPoIB, t, 0, ipoibHeaderBytes)
	d := c.AddProto(p, hfIPoIBDAddr, t, 20, 20)
	c.AddUintV(d, hfIPoIBDAddrQPN, t, 21, 3, uint64(t.U24(21)))
	c.AddBytes(d, hfIPoIBDGID, t, 24, 16)
	_, et := c.AddUint(p, hfIPoIBType, t, 40, 2)
	c.AddUint(p, hfIPoIBReserved, t, 42, 2)
	next := t.Sub(ipoibHeaderBytes)
	if !c.TryTable(EtherType, et, next, parent) {
		c.CallData(next, parent)
	}
}
