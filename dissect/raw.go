package dissect

// Raw IP link types (Wireshark's packet-raw.c): LINKTYPE_RAW (101, and the BSD numbers 12 and 14)
// tells IPv4 from IPv6 by the version nibble; LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229) go straight
// to the IP dissectors.

var (
	protoRaw  = Fields.Protocol("raw", "Raw packet data")
	handleRaw = &Handle{Name: "raw", Fn: dissectRaw}
)

func init() {
	RegisterShortName(protoRaw, "Raw")
	for _, lt := range []uint16{101, 12, 14} {
		LinkTypes.Add(uint64(lt), handleRaw)
		RegisterEncap(lt, 7, "Raw IP")
	}
	LinkTypes.Add(228, handleIP)
	LinkTypes.Add(229, handleIPv6)
	RegisterEncap(228, 129, "Raw IPv4")
	RegisterEncap(229, 130, "Raw IPv6")
}

func dissectRaw(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("Raw")
	c.SetInfo("Raw packet data")
	c.AddProto(parent, protoRaw, t, 0, 0)
	if t.Len() == 0 {
		return
	}
	switch t.U8(0) >> 4 {
	case 4:
		c.Call(handleIP, t, parent)
	case 6:
		c.Call(handleIPv6, t, parent)
	default:
		c.CallData(t, parent)
	}
}
