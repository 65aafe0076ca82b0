package dissect

import "github.com/tshark-tui/tshark-tui/field"

// Solaris IPNET (LINKTYPE_IPNET, 226; Wireshark's packet-ipnet.c): a 24-byte header with the
// address family, hook, length, interfaces and zones before an IPv4 or IPv6 packet.

var (
	protoIPNet        = Fields.Protocol("ipnet", "Solaris IPNET")
	hfIPNetVersion    = Fields.Add(protoIPNet, "ipnet.version", "Header version", field.Uint8)
	hfIPNetFamily     = Fields.Add(protoIPNet, "ipnet.family", "Address family", field.Uint8, field.WithStrings(map[uint64]string{2: "Solaris AF_INET", 26: "Solaris AF_INET6"}))
	hfIPNetHtype      = Fields.Add(protoIPNet, "ipnet.htype", "Hook type", field.Uint16, field.WithStrings(map[uint64]string{0: "Inbound", 1: "Outbound", 2: "Local"}))
	hfIPNetPktlen     = Fields.Add(protoIPNet, "ipnet.pktlen", "Data length", field.Uint32)
	hfIPNetIfindex    = Fields.Add(protoIPNet, "ipnet.ifindex", "Interface index", field.Uint32)
	hfIPNetGrifindex  = Fields.Add(protoIPNet, "ipnet.grifindex", "Group interface index", field.Uint32)
	hfIPNetZoneSrc    = Fields.Add(protoIPNet, "ipnet.zsrc", "Source Zone ID", field.Uint32)
	hfIPNetZoneDst    = Fields.Add(protoIPNet, "ipnet.zdst", "Destination Zone ID", field.Uint32)
	ipnetFamilyEtypes = map[uint64]uint64{2: 0x0800, 26: 0x86dd}
)

func init() {
	RegisterShortName(protoIPNet, "IPNET")
	LinkTypes.Add(226, &Handle{Name: "ipnet", Fn: dissectIPNet})
	RegisterEncap(226, 124, "Solaris IPNET")
}

func dissectIPNet(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("IPNET")
	p := c.AddProto(parent, protoIPNet, t, 0, 24)
	c.AddUint(p, hfIPNetVersion, t, 0, 1)
	_, fam := c.AddUint(p, hfIPNetFamily, t, 1, 1)
	c.AddUint(p, hfIPNetHtype, t, 2, 2)
	for i, hf := range []field.ID{hfIPNetPktlen, hfIPNetIfindex, hfIPNetGrifindex, hfIPNetZoneSrc, hfIPNetZoneDst} {
		c.AddUint(p, hf, t, 4+4*i, 4)
	}
	next := t.Sub(24)
	if et, ok := ipnetFamilyEtypes[fam]; ok && c.TryTable(EtherType, et, next, parent) {
		return
	}
	c.CallData(next, parent)
}
