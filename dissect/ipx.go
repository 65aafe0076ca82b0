package dissect

import (
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// Novell IPX (Wireshark's packet-ipx.c) and what it carries by socket: SPX, IPX RIP, SAP and NetBIOS
// over IPX (packet-nbipx.c), whose directed datagrams hold SMB. Like tshark, the socket's dissector
// is not named in frame.protocols (IPX calls it without adding its name).

var (
	protoIPX       = Fields.Protocol("ipx", "Internetwork Packet eXchange")
	hfIPXChecksum  = Fields.Add(protoIPX, "ipx.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfIPXSrc       = Fields.Add(protoIPX, "ipx.src", "Source Address", field.String, field.WithBlurb("Source IPX Address  \"network.node\""))
	hfIPXDst       = Fields.Add(protoIPX, "ipx.dst", "Destination Address", field.String, field.WithBlurb("Destination IPX Address  \"network.node\""))
	hfIPXAddr      = Fields.Add(protoIPX, "ipx.addr", "Src/Dst Address", field.String, field.WithBlurb("Source or Destination IPX Address  \"network.node\""))
	hfIPXLen       = Fields.Add(protoIPX, "ipx.len", "Length", field.Uint16)
	hfIPXHops      = Fields.Add(protoIPX, "ipx.hops", "Transport Control (Hops)", field.Uint8)
	hfIPXType      = Fields.Add(protoIPX, "ipx.packet_type", "Packet Type", field.Uint8, field.WithBase(field.Hex), field.WithStrings(tsharkValues["ipx.packet_type"]))
	hfIPXDstNet    = Fields.Add(protoIPX, "ipx.dst.net", "Destination Network", field.Uint32, field.WithBase(field.Hex))
	hfIPXDstNode   = Fields.Add(protoIPX, "ipx.dst.node", "Destination Node", field.Ether)
	hfIPXDstSocket = Fields.Add(protoIPX, "ipx.dst.socket", "Destination Socket", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tsharkValues["ipx.socket"]))
	hfIPXSrcNet    = Fields.Add(protoIPX, "ipx.src.net", "Source Network", field.Uint32, field.WithBase(field.Hex))
	hfIPXSrcNode   = Fields.Add(protoIPX, "ipx.src.node", "Source Node", field.Ether)
	hfIPXSrcSocket = Fields.Add(protoIPX, "ipx.src.socket", "Source Socket", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tsharkValues["ipx.socket"]))
	hfIPXNet       = Fields.Add(protoIPX, "ipx.net", "Source or Destination Network", field.Uint32, field.WithBase(field.Hex))
	hfIPXNode      = Fields.Add(protoIPX, "ipx.node", "Source or Destination Node", field.Ether)
	hfIPXSocket    = Fields.Add(protoIPX, "ipx.socket", "Source or Destination Socket", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tsharkValues["ipx.socket"]))

	protoSPX       = Fields.Protocol("spx", "Sequenced Packet eXchange")
	hfSPXCtl       = Fields.Add(protoSPX, "spx.ctl", "Connection Control", field.Uint8, field.WithBase(field.Hex), field.WithMask(0xf0), field.WithStrings(tsharkValues["spx.ctl"]))
	hfSPXCtlSys    = Fields.Add(protoSPX, "spx.ctl.sys", "System Packet", field.Bool, field.WithBase(8), field.WithMask(0x80))
	hfSPXCtlAck    = Fields.Add(protoSPX, "spx.ctl.send_ack", "Send Ack", field.Bool, field.WithBase(8), field.WithMask(0x40))
	hfSPXCtlAttn   = Fields.Add(protoSPX, "spx.ctl.attn", "Attention", field.Bool, field.WithBase(8), field.WithMask(0x20))
	hfSPXCtlEOM    = Fields.Add(protoSPX, "spx.ctl.eom", "End of Message", field.Bool, field.WithBase(8), field.WithMask(0x10))
	hfSPXCtlV2     = Fields.Add(protoSPX, "spx.ctl.v2", "SPXII Packet", field.Bool, field.WithBase(8), field.WithMask(0x08))
	hfSPXCtlNeg    = Fields.Add(protoSPX, "spx.ctl.neg_size", "Negotiate Size", field.Bool, field.WithBase(8), field.WithMask(0x04))
	hfSPXCtlRes    = Fields.Add(protoSPX, "spx.ctl.reserved", "Reserved", field.Bool, field.WithBase(8), field.WithMask(0x02))
	hfSPXCtlExt    = Fields.Add(protoSPX, "spx.ctl.ext_header", "Extended Header", field.Bool, field.WithBase(8), field.WithMask(0x01))
	hfSPXType      = Fields.Add(protoSPX, "spx.type", "Datastream Type", field.Uint8, field.WithBase(field.Hex))
	hfSPXSrc       = Fields.Add(protoSPX, "spx.src", "Source Connection ID", field.Uint16)
	hfSPXDst       = Fields.Add(protoSPX, "spx.dst", "Destination Connection ID", field.Uint16)
	hfSPXSeq       = Fields.Add(protoSPX, "spx.seq", "Sequence Number", field.Uint16)
	hfSPXAck       = Fields.Add(protoSPX, "spx.ack", "Acknowledgment Number", field.Uint16)
	hfSPXAlloc     = Fields.Add(protoSPX, "spx.alloc", "Allocation Number", field.Uint16)
	hfSPXNegSize   = Fields.Add(protoSPX, "spx.neg_size", "Negotiation Size", field.Uint16)
	spxCtlBits     = []field.ID{hfSPXCtlSys, hfSPXCtlAck, hfSPXCtlAttn, hfSPXCtlEOM, hfSPXCtlV2, hfSPXCtlNeg, hfSPXCtlRes, hfSPXCtlExt}
	protoIPXRIP    = Fields.Protocol("ipxrip", "IPX Routing Information Protocol")
	hfIPXRIPReq    = Fields.Add(protoIPXRIP, "ipxrip.request", "Request", field.Bool, field.WithBlurb("TRUE if IPX RIP request"))
	hfIPXRIPResp   = Fields.Add(protoIPXRIP, "ipxrip.response", "Response", field.Bool, field.WithBlurb("TRUE if IPX RIP response"))
	hfIPXRIPType   = Fields.Add(protoIPXRIP, "ipxrip.packet_type", "RIP packet type", field.Uint16, field.WithStrings(tsharkValues["ipxrip.packet_type"]))
	hfIPXRIPRoute  = Fields.Add(protoIPXRIP, "ipxrip.route_vector", "Route Vector", field.Uint32, field.WithBase(field.Hex))
	hfIPXRIPHops   = Fields.Add(protoIPXRIP, "ipxrip.hops", "Hops", field.Uint16)
	hfIPXRIPTicks  = Fields.Add(protoIPXRIP, "ipxrip.ticks", "Ticks", field.Uint16)
	protoIPXSAP    = Fields.Protocol("ipxsap", "Service Advertisement Protocol")
	hfSAPReq       = Fields.Add(protoIPXSAP, "ipxsap.request", "Request", field.Bool, field.WithBlurb("TRUE if SAP request"))
	hfSAPResp      = Fields.Add(protoIPXSAP, "ipxsap.response", "Response", field.Bool, field.WithBlurb("TRUE if SAP response"))
	hfSAPType      = Fields.Add(protoIPXSAP, "ipxsap.packet_type", "SAP packet type", field.Uint16, field.WithStrings(tsharkValues["ipxsap.packet_type"]))
	hfSAPServer    = Fields.Add(protoIPXSAP, "ipxsap.server", "Server", field.None)
	hfSAPSrvType   = Fields.Add(protoIPXSAP, "ipxsap.server.type", "Server Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tsharkValues["ipxsap.server.type"]))
	hfSAPSrvName   = Fields.Add(protoIPXSAP, "ipxsap.server.name", "Server Name", field.StringZTrunc)
	hfSAPSrvNet    = Fields.Add(protoIPXSAP, "ipxsap.server.network", "Network", field.Uint32, field.WithBase(field.Hex))
	hfSAPSrvNode   = Fields.Add(protoIPXSAP, "ipxsap.server.node", "Node", field.Ether)
	hfSAPSrvSocket = Fields.Add(protoIPXSAP, "ipxsap.server.socket", "Socket", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tsharkValues["ipxsap.server.socket"]))
	hfSAPSrvInter  = Fields.Add(protoIPXSAP, "ipxsap.server.intermediate_networks", "Intermediate Networks", field.Uint16)
	protoNBIPX     = Fields.Protocol("nbipx", "NetBIOS over IPX")

	handleIPX = &Handle{Name: "ipx", Fn: dissectIPX}

	// IPXSocket hands an IPX payload on by socket number, lower socket first.
	IPXSocket = NewTable("ipx.socket")
)

func init() {
	RegisterShortName(protoIPX, "IPX")
	RegisterShortName(protoSPX, "SPX")
	RegisterShortName(protoIPXRIP, "IPX RIP")
	RegisterShortName(protoIPXSAP, "IPX SAP")
	RegisterShortName(protoNBIPX, "NBIPX")
	EtherType.Add(0x8137, handleIPX)
	LLCSAP.Add(0xe0, handleIPX)
	IPXSocket.Add(0x0453, &Handle{Name: "ipxrip", Fn: dissectIPXRIP})
	IPXSocket.Add(0x0452, &Handle{Name: "ipxsap", Fn: dissectIPXSAP})
	IPXSocket.Add(0x0455, &Handle{Name: "nbipx", Fn: dissectNBIPX})
	IPXSocket.Add(0x0553, &Handle{Name: "nbipx", Fn: dissectNWLinkDG})
}

// dissectNWLinkDG dissects an NWLink SMB mailslot datagram (socket 0x0553): the eight route
// networks, connection control, packet type, two reserved bytes and the server and client NetBIOS
// names, then SMB.
func dissectNWLinkDG(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("NWLink")
	c.ClearInfo()
	p := c.AddProto(parent, protoNBIPX, t, 0, 68)
	if c.Visible() {
		c.Label(p, "NWLink SMB Datagram")
		srv, _ := netbiosDecode(t.Bytes(36, 16))
		cli, _ := netbiosDecode(t.Bytes(52, 16))
		c.AddText(p, t, 36, 16, "Server name: "+srv)
		c.AddText(p, t, 52, 16, "Client name: "+cli)
	}
	rest := t.Sub(68)
	if rest.Len() >= 4 && string(rest.B[:4]) == "\xffSMB" {
		c.Call(handleSMB, rest, parent)
	} else if rest.Len() > 0 {
		c.CallData(rest, parent)
	}
}

// ipxAddrString is the "network.node" text of an IPX address: 8 and 12 hex digits.
func ipxAddrString(net, node []byte) string {
	b := make([]byte, 0, 21)
	for i, x := range [2][]byte{net, node} {
		if i > 0 {
			b = append(b, '.')
		}
		for _, c := range x {
			b = append(b, hexDigits[c>>4], hexDigits[c&15])
		}
	}
	return string(b)
}

func dissectIPX(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("IPX")
	c.ClearInfo()
	length := int(t.U16(2))
	if length >= 30 && length < t.Len() {
		t = t.SubLen(0, length) // the rest is padding for the link layer
	}
	src := ipxAddrString(t.Bytes(18, 4), t.Bytes(22, 6))
	dst := ipxAddrString(t.Bytes(6, 4), t.Bytes(10, 6))
	if c.Cols.On && !c.Cols.readonly {
		c.Cols.NetSrc = Addr{Kind: AddrText, Text: src}
		c.Cols.NetDst = Addr{Kind: AddrText, Text: dst}
	}
	p := c.AddProto(parent, protoIPX, t, 0, 30)
	c.hidden(c.AddString(p, hfIPXSrc, t, 18, 10, src))
	c.hidden(c.AddString(p, hfIPXAddr, t, 18, 10, src))
	c.hidden(c.AddString(p, hfIPXDst, t, 6, 10, dst))
	c.hidden(c.AddString(p, hfIPXAddr, t, 6, 10, dst))
	c.AddUint(p, hfIPXChecksum, t, 0, 2)
	ln, _ := c.AddUint(p, hfIPXLen, t, 2, 2)
	c.Label(ln, "Length: %d bytes", length)
	hn, _ := c.AddUint(p, hfIPXHops, t, 4, 1)
	c.Label(hn, "Transport Control: %d hops", t.U8(4))
	_, ptype := c.AddUint(p, hfIPXType, t, 5, 1)
	c.ipxNet(p, hfIPXDstNet, t, 6)
	c.ipxNode(p, hfIPXDstNode, t, 10)
	_, dsock := c.AddUint(p, hfIPXDstSocket, t, 16, 2)
	c.hidden(c.AddUintV(p, hfIPXSocket, t, 16, 2, dsock))
	if c.Cols.On {
		name, ok := tsharkValues["ipx.socket"][dsock]
		if !ok {
			name = "Unknown"
		}
		c.SetInfo(name + " (0x" + hex4(dsock) + ")")
	}
	c.ipxNet(p, hfIPXSrcNet, t, 18)
	c.ipxNode(p, hfIPXSrcNode, t, 22)
	_, ssock := c.AddUint(p, hfIPXSrcSocket, t, 28, 2)
	c.hidden(c.AddUintV(p, hfIPXSocket, t, 28, 2, ssock))
	if length < 30 {
		t.Need(t.Len()+1, 0) // a length short of the header: the payload starts past the datagram
	}
	payload := t.Sub(30)
	if ptype == 5 { // SPX
		dissectSPX(c, payload, parent)
		return
	}
	lo, hi := min(dsock, ssock), max(dsock, ssock)
	for _, s := range [2]uint64{lo, hi} {
		if h, ok := IPXSocket.Get(s); ok {
			c.ipxCall(h, payload, parent, uint8(ptype))
			return
		}
	}
	if payload.Len() > 0 {
		c.CallData(payload, parent)
	}
}

// ipxCall runs a socket's dissector without naming it in frame.protocols, as packet-ipx.c does.
func (c *Ctx) ipxCall(h *Handle, t Tvb, parent int32, ptype uint8) {
	c.ipxPacketType = ptype
	h.Fn(c, t, parent)
}

// ipxNet adds a network number with its hidden "either" twin, labelled like FT_IPXNET.
func (c *Ctx) ipxNet(p int32, hf field.ID, t Tvb, o int) {
	v := uint64(t.U32(o))
	n := c.AddUintV(p, hf, t, o, 4, v)
	if c.Visible() {
		c.T.SetLabel(n, Fields.Get(hf).Name+": "+strconv.FormatUint(v>>24, 16)+" (0x"+hexUpper8(uint32(v))+")")
	}
	if hf != hfSAPSrvNet && hf != hfIPXRIPRoute {
		c.hidden(c.AddUintV(p, hfIPXNet, t, o, 4, v))
	}
}

func (c *Ctx) ipxNode(p int32, hf field.ID, t Tvb, o int) {
	c.AddBytes(p, hf, t, o, 6)
	c.hidden(c.AddBytes(p, hfIPXNode, t, o, 6))
}

// hexUpper8 formats v as eight upper-case hex digits, as FT_IPXNET labels show a network.
func hexUpper8(v uint32) string { return strings.ToUpper(hex8(v)) }

// dissectSPX dissects an SPX header; the payload is data.
func dissectSPX(c *Ctx, t Tvb, parent int32) {
	c.PushLayer("spx")
	c.SetProtocol("SPX")
	p := c.AddProto(parent, protoSPX, t, 0, 12)
	ctl := t.U8(0)
	c.addFlags(p, hfSPXCtl, t, 0, 1, spxCtlBits)
	if c.Cols.On {
		if s, ok := tsharkValues["spx.ctl"][uint64(ctl&0xf0)]; ok {
			c.SetInfo(s)
		} else {
			c.SetInfo("Unknown")
		}
	}
	c.AddUint(p, hfSPXType, t, 1, 1)
	c.AddUint(p, hfSPXSrc, t, 2, 2)
	c.AddUint(p, hfSPXDst, t, 4, 2)
	c.AddUint(p, hfSPXSeq, t, 6, 2)
	c.AddUint(p, hfSPXAck, t, 8, 2)
	c.AddUint(p, hfSPXAlloc, t, 10, 2)
	o := 12
	if ctl&0x0c != 0 { // SPX II with a negotiation size
		c.AddUint(p, hfSPXNegSize, t, 12, 2)
		o = 14
	}
	if t.Len() > o {
		c.CallData(t.Sub(o), parent)
	}
}

// dissectIPXRIP dissects an IPX RIP request or response: a list of routes.
func dissectIPXRIP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("IPX RIP")
	c.ClearInfo()
	p := c.AddProto(parent, protoIPXRIP, t, 0, -1)
	_, op := c.AddUint(p, hfIPXRIPType, t, 0, 2)
	switch op {
	case 1:
		c.SetInfo("Request")
		c.hidden(c.AddUintV(p, hfIPXRIPReq, t, 0, 2, 1))
	case 2:
		c.SetInfo("Response")
		c.hidden(c.AddUintV(p, hfIPXRIPResp, t, 0, 2, 1))
	}
	for o := 2; o+8 <= t.Len(); o += 8 {
		c.ipxNet(p, hfIPXRIPRoute, t, o)
		c.AddUint(p, hfIPXRIPHops, t, o+4, 2)
		n, ticks := c.AddUint(p, hfIPXRIPTicks, t, o+6, 2)
		c.Label(n, "Ticks: %d ms", ticks*1000/18)
	}
}

// dissectIPXSAP dissects a SAP query (a server type) or response (server entries of 64 bytes).
func dissectIPXSAP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("IPX SAP")
	c.ClearInfo()
	p := c.AddProto(parent, protoIPXSAP, t, 0, -1)
	_, op := c.AddUint(p, hfSAPType, t, 0, 2)
	if c.Cols.On {
		if s, ok := tsharkValues["ipxsap.packet_type"][op]; ok {
			c.SetInfo(s)
		} else {
			c.SetInfo("Unknown Packet Type")
		}
	}
	switch op {
	case 1, 3: // tshark 4.0 marks queries as responses and responses as requests
		c.hidden(c.AddUintV(p, hfSAPResp, t, 0, 2, 1))
		c.AddUint(p, hfSAPSrvType, t, 2, 2)
	case 2, 4:
		c.hidden(c.AddUintV(p, hfSAPReq, t, 0, 2, 1))
		for o := 2; o+64 <= t.Len(); o += 64 {
			name, _ := stringzLen(t.SubLen(o+2, 48), 0)
			s := c.Add(p, hfSAPServer, t, o, 64, field.Value{})
			c.Label(s, "Server: %s", field.Escape(string(t.Bytes(o+2, name))))
			c.AddUint(s, hfSAPSrvType, t, o, 2)
			c.AddBytesV(s, hfSAPSrvName, t, o+2, 48, asciiString(t.Bytes(o+2, name)))
			c.ipxNet(s, hfSAPSrvNet, t, o+50)
			c.AddBytes(s, hfSAPSrvNode, t, o+54, 6)
			c.AddUint(s, hfSAPSrvSocket, t, o+60, 2)
			c.AddUint(s, hfSAPSrvInter, t, o+62, 2)
		}
	}
}

// NetBIOS over IPX data stream types.
var nbipxTypes = map[uint8]string{1: "Find name", 2: "Name recognized", 3: "Check name", 4: "Name in use",
	5: "Deregister name", 6: "Session data", 7: "Session end", 8: "Session end ACK", 9: "Status query",
	10: "Status response", 11: "Directed datagram"}

// dissectNBIPX dissects NetBIOS over IPX: name operations, session packets and directed datagrams,
// whose payload is SMB. It has no fields of its own, only text items.
func dissectNBIPX(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("NBIPX")
	c.ClearInfo()
	o := 0
	routes := c.ipxPacketType == 0x14
	if !routes && t.Len() == 50 {
		if pt := t.U8(33); pt >= 1 && pt <= 5 {
			routes = true
		}
	}
	p := c.AddProto(parent, protoNBIPX, t, 0, -1)
	if routes {
		for i := 0; i < 8; i++ {
			if r := t.Bytes(4*i, 4); string(r) != "\x00\x00\x00\x00" && c.Visible() {
				c.AddText(p, t, 4*i, 4, "IPX Network: "+strconv.FormatUint(uint64(r[0]), 16)+" (0x"+hexUpper8(t.U32(4*i))+")")
			}
		}
		o = 32
	}
	pt := t.U8(o + 1)
	name, known := nbipxTypes[pt]
	if !known {
		name = "Unknown"
	}
	payload := false
	switch {
	case pt >= 1 && pt <= 5:
		nb, typ := netbiosDecode(t.Bytes(o+2, 16))
		c.SetInfo(name + " " + nb)
		if c.Visible() {
			c.AddText(p, t, o, 1, "Name type flag: 0x"+hex2(t.U8(o)))
			c.nbipxPacketType(p, t, o+1, pt, name)
			c.AddText(p, t, o+2, 16, "Name: "+nb+" ("+netbiosNameType(typ)+")")
		}
		o += 18
	case pt >= 6 && pt <= 8:
		c.SetInfo(name)
		if c.Visible() {
			c.AddText(p, t, o, 1, "Connection control: 0x"+hex2(t.U8(o)))
			c.nbipxPacketType(p, t, o+1, pt, name)
		}
		t.Need(o+2, 18)
		o += 20
		payload = true
	case pt == 11:
		c.SetInfo(name)
		rn, rt := netbiosDecode(t.Bytes(o+2, 16))
		sn, st := netbiosDecode(t.Bytes(o+18, 16))
		if c.Visible() {
			c.AddText(p, t, o, 1, "Connection control: 0x"+hex2(t.U8(o)))
			c.nbipxPacketType(p, t, o+1, pt, name)
			c.AddText(p, t, o+2, 16, "Receiver's Name: "+rn+" ("+netbiosNameType(rt)+")")
			c.AddText(p, t, o+18, 16, "Sender's Name: "+sn+" ("+netbiosNameType(st)+")")
		}
		o += 34
		payload = true
	default:
		c.SetInfo(name)
		if c.Visible() {
			c.AddText(p, t, o+1, 1, "Packet Type: Unknown (0x"+hex2(pt)+")")
		}
		o += 2
	}
	c.setItemLen(p, parent, o)
	if payload && t.Len() > o {
		rest := t.Sub(o)
		if rest.Len() >= 4 && string(rest.B[:4]) == "\xffSMB" {
			c.Call(handleSMB, rest, parent)
		} else {
			c.CallData(rest, parent)
		}
	}
}

func (c *Ctx) nbipxPacketType(p int32, t Tvb, o int, pt uint8, name string) {
	c.AddText(p, t, o, 1, "Packet Type: "+name+" (0x"+hex2(pt)+")")
}
