package dissect

import (
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// DECnet Phase IV routing layer and NSP (Wireshark's packet-dec-dnart.c), ethertype 0x6003: routing
// control messages (hellos, routing segments) and the NSP messages of logical links, which tshark
// shows as a top-level "DNA NSP message" item beside the routing protocol. Ethernet addresses of the
// form AA-00-04-00-xx-xx become DECnet area.node addresses in the address columns.

var (
	protoDecDNA = Fields.Protocol("dec_dna", "DEC DNA Routing Protocol")

	hfDNAFlags      = Fields.Add(protoDecDNA, "dec_dna.flags", "Routing flags", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("DNA routing flag"))
	hfDNACtrl       = Fields.Add(protoDecDNA, "dec_dna.flags.control", "Control packet", field.Bool, field.WithBase(8), field.WithMask(0x01), field.WithTrueFalse("Yes", "No"))
	hfDNAMsgLen     = Fields.Add(protoDecDNA, "dec_dna.flags.msglen", "Long data packet format", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x06), field.WithBlurb("Long message indicator"))
	hfDNARQR        = Fields.Add(protoDecDNA, "dec_dna.flags.RQR", "Return to Sender Request", field.Bool, field.WithBase(8), field.WithMask(0x08), field.WithTrueFalse("Yes", "No"), field.WithBlurb("Return to Sender"))
	hfDNARTS        = Fields.Add(protoDecDNA, "dec_dna.flags.RTS", "Packet on return trip", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Yes", "No"))
	hfDNAIntraEth   = Fields.Add(protoDecDNA, "dec_dna.flags.intra_eth", "Intra-ethernet packet", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Yes", "No"))
	hfDNADiscard    = Fields.Add(protoDecDNA, "dec_dna.flags.discard", "Discarded packet", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Yes", "No"))
	hfDNADstAddr    = Fields.Add(protoDecDNA, "dec_dna.dst.address", "Destination Address", field.Ether)
	hfDNASrcAddr    = Fields.Add(protoDecDNA, "dec_dna.src.addr", "Source Address", field.Ether)
	hfDNANL2        = Fields.Add(protoDecDNA, "dec_dna.nl2", "Next level 2 router", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("reserved"))
	hfDNASvcCls     = Fields.Add(protoDecDNA, "dec_dna.svc_cls", "Service class", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("reserved"))
	hfDNAProtoType  = Fields.Add(protoDecDNA, "dec_dna.proto_type", "Protocol type", field.Uint8, field.WithBase(field.Hex), field.WithBlurb("reserved"))
	hfDNAVisitCnt   = Fields.Add(protoDecDNA, "dec_dna.visit_cnt", "Visit count", field.Uint8, field.WithBase(field.Hex))
	hfDNAFlowCtl    = Fields.Add(protoDecDNA, "dec_dna.nsp.flow_control", "Flow control", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x03), field.WithStrings(tsharkValues["dec_dna.nsp.flow_control"]), field.WithBlurb("Flow control(stop, go)"))
	hfDNAServices   = Fields.Add(protoDecDNA, "dec_dna.nsp.services", "Requested services", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x0c), field.WithStrings(tsharkValues["dec_dna.nsp.services"]), field.WithBlurb("Services requested"))
	hfDNAInfo       = Fields.Add(protoDecDNA, "dec_dna.nsp.info", "Version info", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x03), field.WithStrings(tsharkValues["dec_dna.nsp.info"]))
	hfDNADstNode    = Fields.Add(protoDecDNA, "dec_dna.dst_node", "Destination node", field.Uint16, field.WithBase(field.Hex))
	hfDNASegSize    = Fields.Add(protoDecDNA, "dec_dna.nsp.segsize", "Maximum data segment size", field.Uint16, field.WithBlurb("Max. segment size"))
	hfDNASrcNode    = Fields.Add(protoDecDNA, "dec_dna.src_node", "Source node", field.Uint16, field.WithBase(field.Hex))
	hfDNASegNum     = Fields.Add(protoDecDNA, "dec_dna.nsp.segnum", "Message number", field.Uint16, field.WithMask(0x0fff), field.WithBlurb("Segment number"))
	hfDNADelay      = Fields.Add(protoDecDNA, "dec_dna.nsp.delay", "Delayed ACK allowed", field.Bool, field.WithBase(16), field.WithMask(0x1000), field.WithTrueFalse("Yes", "No"), field.WithBlurb("Delayed ACK allowed?"))
	hfDNAVstNode    = Fields.Add(protoDecDNA, "dec_dna.vst_node", "Nodes visited ty this package", field.Uint8, field.WithBlurb("Nodes visited"))
	hfDNAMsgType    = Fields.Add(protoDecDNA, "dec_dna.rt.msg_type", "Routing control message", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x0e), field.WithStrings(tsharkValues["dec_dna.rt.msg_type"]), field.WithBlurb("Routing control"))
	hfDNANSPMsgType = Fields.Add(protoDecDNA, "dec_dna.nsp.msg_type", "DNA NSP message", field.Uint8, field.WithBase(field.Hex), field.WithStrings(tsharkValues["dec_dna.nsp.msg_type"]), field.WithBlurb("NSP message"))
	hfDNAAckNum     = Fields.Add(protoDecDNA, "dec_dna.ctl.acknum", "Ack/Nak", field.None, field.WithBlurb("ack/nak number"))
	hfDNAFCVal      = Fields.Add(protoDecDNA, "dec_dna.nsp.fc_val", "Flow control", field.None)
	hfDNATIInfo     = Fields.Add(protoDecDNA, "dec_dna.ctl.tiinfo", "Routing information", field.Uint8, field.WithBase(field.Hex))
	hfDNABlkSize    = Fields.Add(protoDecDNA, "dec_dna.ctl.blk_size", "Block size", field.Uint16)
	hfDNADiscReason = Fields.Add(protoDecDNA, "dec_dna.nsp.disc_reason", "Reason for disconnect", field.Uint16, field.WithBase(field.Hex), field.WithStrings(tsharkValues["dec_dna.nsp.disc_reason"]), field.WithBlurb("Disconnect reason"))
	hfDNAVersion    = Fields.Add(protoDecDNA, "dec_dna.ctl.version", "Version", field.None, field.WithBlurb("Control protocol version"))
	hfDNATimer      = Fields.Add(protoDecDNA, "dec_dna.ctl.timer", "Hello timer(seconds)", field.Uint16, field.WithBlurb("Hello timer in seconds"))
	hfDNAReserved   = Fields.Add(protoDecDNA, "dec_dna.ctl.reserved", "Reserved", field.Bytes)
	hfDNAFcnVal     = Fields.Add(protoDecDNA, "dec_dna.ctl.fcnval", "Verification message function value", field.Bytes, field.WithBlurb("Routing Verification function"))
	hfDNATestData   = Fields.Add(protoDecDNA, "dec_dna.ctl.test_data", "Test message data", field.Bytes, field.WithBlurb("Routing Test message data"))
	hfDNASegment    = Fields.Add(protoDecDNA, "dec_dna.ctl.segment", "Segment", field.None, field.WithBlurb("Routing Segment"))
	hfDNAChecksum   = Fields.Add(protoDecDNA, "dec_dna.ctl.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfDNACkStatus   = Fields.Add(protoDecDNA, "dec_dna.ctl.checksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))
	hfDNAID         = Fields.Add(protoDecDNA, "dec_dna.ctl.id", "Transmitting system ID", field.Ether)
	hfDNANodeType   = Fields.Add(protoDecDNA, "dec_dna.ctl.iinfo.node_type", "Node type", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x03), field.WithStrings(tsharkValues["dec_dna.ctl.iinfo.node_type"]))
	hfDNAVrf        = Fields.Add(protoDecDNA, "dec_dna.ctl.iinfo.vrf", "Verification required", field.Bool, field.WithBase(8), field.WithMask(0x04), field.WithTrueFalse("Yes", "No"), field.WithBlurb("Verification required?"))
	hfDNARej        = Fields.Add(protoDecDNA, "dec_dna.ctl.iinfo.rej", "Rejected", field.Bool, field.WithBase(8), field.WithMask(0x08), field.WithTrueFalse("Yes", "No"), field.WithBlurb("Rejected message"))
	hfDNAVerf       = Fields.Add(protoDecDNA, "dec_dna.ctl.iinfo.verf", "Verification failed", field.Bool, field.WithBase(8), field.WithMask(0x10), field.WithTrueFalse("Yes", "No"), field.WithBlurb("Verification failed?"))
	hfDNAMTA        = Fields.Add(protoDecDNA, "dec_dna.ctl.iinfo.mta", "Accepts multicast traffic", field.Bool, field.WithBase(8), field.WithMask(0x20), field.WithTrueFalse("Yes", "No"), field.WithBlurb("Accepts multicast traffic?"))
	hfDNABlkReq     = Fields.Add(protoDecDNA, "dec_dna.ctl.iinfo.blkreq", "Blocking requested", field.Bool, field.WithBase(8), field.WithMask(0x40), field.WithTrueFalse("Yes", "No"), field.WithBlurb("Blocking requested?"))
	hfDNAPrio       = Fields.Add(protoDecDNA, "dec_dna.ctl.prio", "Routing priority", field.Uint8, field.WithBase(field.Hex))
	hfDNANeighbor   = Fields.Add(protoDecDNA, "dec_dna.ctl_neighbor", "Neighbor", field.Ether, field.WithBlurb("Neighbour ID"))
	hfDNASeed       = Fields.Add(protoDecDNA, "dec_dna.ctl.seed", "Verification seed", field.Bytes)
	hfDNAEList      = Fields.Add(protoDecDNA, "dec_dna.ctl.elist", "List of router states", field.None, field.WithBlurb("Router states"))
	hfDNAEName      = Fields.Add(protoDecDNA, "dec_dna.ctl.ename", "Ethernet name", field.Bytes)
	hfDNARouterID   = Fields.Add(protoDecDNA, "dec_dna.ctl.router_id", "Router ID", field.Ether)
	hfDNARouterSt   = Fields.Add(protoDecDNA, "dec_dna.ctl.router_state", "Router state", field.String)
	hfDNAConn       = Fields.Add(protoDecDNA, "dec_dna.sess.conn", "Session connect data", field.None)
	hfDNARouterPrio = Fields.Add(protoDecDNA, "dec_dna.ctl.router_prio", "Router priority", field.Uint8, field.WithBase(field.Hex), field.WithMask(0x7f))
	hfDNAGrpCode    = Fields.Add(protoDecDNA, "dec_dna.sess.grp_code", "Session Group code", field.Uint16, field.WithBase(field.Hex))
	hfDNAUsrCode    = Fields.Add(protoDecDNA, "dec_dna.sess.usr_code", "Session User code", field.Uint16, field.WithBase(field.Hex))
	hfDNADstName    = Fields.Add(protoDecDNA, "dec_dna.sess.dst_name", "Session Destination end user", field.String)
	hfDNASrcName    = Fields.Add(protoDecDNA, "dec_dna.sess.src_name", "Session Source end user", field.String)
	hfDNAObjType    = Fields.Add(protoDecDNA, "dec_dna.sess.obj_type", "Session Object type", field.Uint8, field.WithBase(field.Hex))
	hfDNAMenuVer    = Fields.Add(protoDecDNA, "dec_dna.sess.menu_ver", "Session Menu version", field.String)
	hfDNARqstrID    = Fields.Add(protoDecDNA, "dec_dna.sess.rqstr_id", "Session Requestor ID", field.String)

	eiDNAChecksum = RegisterExpert(protoDecDNA, "dec_dna.bad_checksum", "Bad checksum", GroupChecksum, SevError)

	hfDNAIInfoFlags = []field.ID{hfDNANodeType, hfDNAVrf, hfDNARej, hfDNAVerf, hfDNAMTA, hfDNABlkReq}

	handleDecDNA = &Handle{Name: "dec_dna", Fn: dissectDecDNA}
)

func init() {
	RegisterShortName(protoDecDNA, "DEC_DNA")
	EtherType.Add(0x6003, handleDecDNA)
}

// NSP message types (the first byte of an NSP message).
const (
	dnaDataSeg    = 0x00
	dnaLinkSvc    = 0x10
	dnaBOM        = 0x20
	dnaEOM        = 0x40
	dnaBOMEOM     = 0x60
	dnaInterrupt  = 0x30
	dnaDataAck    = 0x04
	dnaOtherAck   = 0x14
	dnaConnAck    = 0x24
	dnaNOP        = 0x08
	dnaConnInit   = 0x18
	dnaConnConf   = 0x28
	dnaDiscInit   = 0x38
	dnaDiscConf   = 0x48
	dnaReConnInit = 0x68
)

// dnaState carries the running byte count of segmented NSP messages, which Wireshark keeps in one
// capture-wide counter (reset by each first segment) and prints in the Info column.
type dnaState struct {
	total  int
	totals map[uint32]int // frame -> total after it, for re-dissection
}

var dnaSlot = newStateSlot(func() any { return &dnaState{totals: map[uint32]int{}} })

// dnetAddr returns the DECnet "area.node" address of a Phase IV Ethernet address, or "".
func dnetAddr(b []byte) string {
	if len(b) != 6 || b[0] != 0xaa || b[1] != 0 || b[2] != 4 || b[3] != 0 {
		return ""
	}
	a := uint16(b[4]) | uint16(b[5])<<8
	return strconv.Itoa(int(a>>10)) + "." + strconv.Itoa(int(a&0x3ff))
}

// dnaSetAddrs shows DECnet addresses in the network address columns, as set_dnet_address does.
func (c *Ctx) dnaSetAddrs() {
	if !c.Cols.On || c.Cols.readonly {
		return
	}
	src, dst := dnetAddr(c.DLSrc), dnetAddr(c.DLDst)
	if src == "" && dst == "" {
		return
	}
	if c.Cols.NetSrc.Kind == AddrNone {
		c.Cols.NetSrc, c.Cols.NetDst = c.Cols.DLSrc, c.Cols.DLDst
	}
	if src != "" && c.Cols.NetSrc.Kind != AddrText {
		c.Cols.NetSrc = Addr{Kind: AddrText, Text: src}
	}
	if dst != "" && c.Cols.NetDst.Kind != AddrText {
		c.Cols.NetDst = Addr{Kind: AddrText, Text: dst}
	}
}

// dnaEther adds an Ethernet address field with its DECnet address appended to the label.
func (c *Ctx) dnaEther(p int32, hf field.ID, t Tvb, o int) int32 {
	n := c.AddBytes(p, hf, t, o, 6)
	if c.Visible() {
		if a := dnetAddr(t.Bytes(o, 6)); a != "" {
			c.T.SetLabel(n, Fields.Get(hf).Label(field.Value{B: t.Bytes(o, 6)})+" ("+a+")")
		}
	}
	return n
}

func dissectDecDNA(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("DEC DNA")
	c.ClearInfo()
	c.dnaSetAddrs()
	o := 2
	flags := t.U8(o)
	p := c.AddProto(parent, protoDecDNA, t, 0, -1)
	if flags&0x80 != 0 {
		o += int(flags & 0x7f) // padding; the real flags follow it
	}
	flags = t.U8(o)
	fl, _ := c.AddUint(p, hfDNAFlags, t, o, 1)
	switch {
	case flags&0x01 != 0:
		c.AddUint(fl, hfDNACtrl, t, o, 1)
		c.AddUint(fl, hfDNAMsgType, t, o, 1)
		ctl := flags >> 1 & 7
		cm, _ := c.addMasked(p, hfDNAMsgType, t, o, 1, uint64(ctl))
		o++
		switch ctl {
		case 0:
			c.dnaInit(cm, t, o)
		case 1:
			c.SetInfo("Routing control, verification message")
			c.AddUintLE(cm, hfDNASrcNode, t, o, 2)
			if n := int(t.U8(o + 2)); n != 0 {
				c.AddBytes(cm, hfDNAFcnVal, t, o+2, n)
			}
		case 2:
			c.SetInfo("Routing control, hello/test message")
			c.AddUintLE(cm, hfDNASrcNode, t, o, 2)
			if t.Len() > o+2 {
				c.AddBytes(cm, hfDNATestData, t, o+2, t.Len()-o-2)
			}
		case 3, 4:
			c.dnaRouting(cm, t, o, ctl)
		case 5, 6:
			c.dnaHello(cm, t, o, ctl)
		}
		return
	case flags&0x04 != 0:
		for _, hf := range [...]field.ID{hfDNAMsgLen, hfDNARQR, hfDNARTS, hfDNAIntraEth, hfDNADiscard} {
			c.AddUint(fl, hf, t, o, 1)
		}
		o += 3
		c.dnaEther(p, hfDNADstAddr, t, o)
		o += 8
		c.dnaEther(p, hfDNASrcAddr, t, o)
		o += 6
		c.AddUintV(p, hfDNANL2, t, o, 1, 0)
		c.AddUint(p, hfDNAVisitCnt, t, o+1, 1)
		c.AddUintV(p, hfDNASvcCls, t, o+2, 1, 0)
		c.AddUintV(p, hfDNAProtoType, t, o+3, 1, 0)
		o += 4
	default:
		n, v := c.AddUint(fl, hfDNAMsgLen, t, o, 1)
		if c.Visible() {
			c.T.SetLabel(n, strings.Replace(Fields.Get(hfDNAMsgLen).Label(field.Value{U: v}), "Long", "Short", 1))
		}
		c.AddUint(fl, hfDNARQR, t, o, 1)
		c.AddUint(fl, hfDNARTS, t, o, 1)
		o++
		c.AddUintLE(p, hfDNADstNode, t, o, 2)
		c.AddUintLE(p, hfDNASrcNode, t, o+2, 2)
		c.AddUint(p, hfDNAVstNode, t, o+4, 1)
		o += 5
	}
	msg := t.U8(o)
	nsp, _ := c.AddUint(parent, hfDNANSPMsgType, t, o, 1)
	if msg == dnaNOP {
		return
	}
	o++
	c.AddUintLE(nsp, hfDNADstNode, t, o, 2)
	o += 2
	if msg == dnaConnAck {
		c.SetInfo("NSP connect acknowledgement")
		return
	}
	c.AddUintLE(nsp, hfDNASrcNode, t, o, 2)
	c.dnaNSP(nsp, t, o+2, msg)
}

// dnaInit dissects a routing initialization message.
func (c *Ctx) dnaInit(p int32, t Tvb, o int) {
	c.SetInfo("Routing control, initialization message")
	c.AddUintLE(p, hfDNASrcNode, t, o, 2)
	c.AddUintLE(p, hfDNATIInfo, t, o+2, 2)
	c.AddUintLE(p, hfDNABlkSize, t, o+4, 2)
	c.dnaVersion(p, t, o+6, "Routing Layer version: %d.%d.%d.")
	c.AddUintLE(p, hfDNATimer, t, o+9, 2)
	if n := int(t.U8(o + 11)); n != 0 {
		c.AddBytes(p, hfDNAReserved, t, o+11, n)
	}
}

func (c *Ctx) dnaVersion(p int32, t Tvb, o int, format string) {
	n := c.Add(p, hfDNAVersion, t, o, 3, field.Value{})
	c.Label(n, format, t.U8(o), t.U8(o+1), t.U8(o+2))
}

// dnaRouting dissects a level 1 or level 2 routing message: segments of routing information and the
// checksum over them.
func (c *Ctx) dnaRouting(p int32, t Tvb, o int, ctl uint8) {
	c.AddUintLE(p, hfDNASrcNode, t, o, 2)
	o += 3
	info, what := "Routing control, Level 1 routing message", "start Id"
	if ctl != 3 {
		info, what = "Routing control, Level 2 routing message", "start area"
	}
	rem := t.Len() - o
	sum := uint32(1)
	for {
		count, start, rtg := t.U16LE(o), t.U16LE(o+2), t.U16LE(o+4)
		c.SetInfo(info)
		n := c.Add(p, hfDNASegment, t, o, 6, field.Value{})
		c.Label(n, "Segment: count:%d, %s: %d, hops:%d, cost: %d", count, what, start, rtg&0x7c00>>10, rtg&0x3ff)
		sum += uint32(count) + uint32(start) + uint32(rtg)
		o += 6
		rem -= 6
		if rem <= 6 {
			break
		}
	}
	o += rem - 2
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	ck := t.U16LE(o)
	n := c.AddUintV(p, hfDNAChecksum, t, o, 2, uint64(ck))
	status := uint64(1)
	if uint32(ck) == sum {
		c.Label(n, "Checksum: 0x%04x [correct]", ck)
	} else {
		status = 0
		c.Label(n, "Checksum: 0x%04x [incorrect, should be 0x%04x]", ck, sum)
	}
	st := c.AddGenerated(p, hfDNACkStatus, t, o, 0, field.Value{U: status})
	c.Label(st, "Checksum Status: %s", checksumStatusVals[status])
	if status == 0 {
		c.Expert(st, eiDNAChecksum, t, o, 2, "")
	}
}

// dnaHello dissects an Ethernet router hello (ctl 5) or endnode hello (ctl 6).
func (c *Ctx) dnaHello(p int32, t Tvb, o int, ctl uint8) {
	c.dnaVersion(p, t, o, "Routing Layer Version: %d.%d.%d")
	o += 3
	c.dnaEther(p, hfDNAID, t, o)
	o += 6
	c.addFlags(p, hfDNATIInfo, t, o, 1, hfDNAIInfoFlags)
	o++
	c.AddUintLE(p, hfDNABlkSize, t, o, 2)
	o += 2
	if ctl == 5 {
		c.SetInfo("Routing control, Ethernet Router Hello  message")
		c.AddUint(p, hfDNAPrio, t, o, 1)
		o++
	}
	o++ // area
	if ctl == 6 {
		c.SetInfo("Routing control, Endnode Hello message")
		c.AddBytes(p, hfDNASeed, t, o, 8)
		c.dnaEther(p, hfDNANeighbor, t, o+8)
		o += 14
	}
	c.AddUintLE(p, hfDNATimer, t, o, 2)
	o += 3
	if ctl != 5 {
		return
	}
	img := int(t.U8(o))
	o++
	lt := c.Add(p, hfDNAEList, t, o, img, field.Value{})
	for img > 0 {
		en := c.AddBytes(lt, hfDNAEName, t, o, 7)
		o += 7
		item := int(t.U8(o))
		o++
		img -= 8
		for item > 0 {
			r := c.dnaEther(en, hfDNARouterID, t, o)
			st := "unknown"
			if t.U8(o+6)&0x80 != 0 {
				st = "known 2-way"
			}
			c.AddString(r, hfDNARouterSt, t, o+6, 1, st)
			c.AddUint(r, hfDNARouterPrio, t, o+6, 1)
			o += 7
			item -= 7
			img -= 7
		}
	}
}

// dnaAck adds an acknowledgement field with its text.
func (c *Ctx) dnaAck(p int32, t Tvb, o int, format string, args ...any) {
	n := c.Add(p, hfDNAAckNum, t, o, 2, field.Value{})
	c.Label(n, format, args...)
}

func dnaPosNeg(v uint16) string {
	if v&0x1000 != 0 {
		return "negatively"
	}
	return "positively"
}

func dnaAckNak(v uint16) string {
	if v&0x3000 == 0x2000 {
		return "ACK"
	}
	return "NAK"
}

// dnaSegNum adds the message number and delayed-ACK flag of the 2 bytes at o.
func (c *Ctx) dnaSegNum(p int32, t Tvb, o int) uint16 {
	_, v := c.AddUintLE(p, hfDNASegNum, t, o, 2)
	c.AddUintLE(p, hfDNADelay, t, o, 2)
	return uint16(v)
}

// dnaNSP dissects the body of an NSP message after its addresses.
func (c *Ctx) dnaNSP(p int32, t Tvb, o int, msg uint8) {
	switch msg {
	case dnaDataSeg, dnaBOM, dnaEOM, dnaBOMEOM:
		if ack := t.U16LE(o); ack&0x8000 != 0 {
			c.dnaAck(p, t, o, "Last data segment %s acknowledged: %d", dnaPosNeg(ack), ack&0xfff)
			o += 2
			if oth := t.U16LE(o); oth&0x8000 != 0 {
				c.dnaAck(p, t, o, "Cross sub-channel %s of other data msg %d", dnaAckNak(oth), oth&0xfff)
				o += 2
			}
		}
		seg := t.U16LE(o) & 0xfff
		st := c.State.slot(dnaSlot).(*dnaState)
		if msg == dnaBOM || msg == dnaBOMEOM {
			st.total = 0
		}
		switch msg {
		case dnaBOM:
			c.AppendInfo("msg nr. " + itoa(uint64(seg)) + ": start of segment")
		case dnaDataSeg:
			c.AppendInfo("msg nr. " + itoa(uint64(seg)) + ": continuation segment ")
		case dnaEOM:
			c.AppendInfo("msg nr. " + itoa(uint64(seg)) + ": end of segment")
		default:
			c.AppendInfo("msg nr. " + itoa(uint64(seg)) + " single segment")
		}
		c.dnaSegNum(p, t, o)
		o += 2
		n := t.Len() - o
		total := c.dnaTotal(st, n)
		if c.Cols.On {
			c.AppendInfo(", bytes this segment: " + strconv.Itoa(n) + ", total so far:" + strconv.Itoa(total))
		}
	case dnaInterrupt, dnaLinkSvc:
		if msg == dnaInterrupt {
			c.SetInfo("NSP interrupt message")
		} else {
			c.SetInfo("NSP link control message")
		}
		ack := t.U16LE(o)
		if ack&0x8000 == 0 {
			c.dnaSegNum(p, t, o)
			return
		}
		c.dnaAck(p, t, o, "Last interrupt/link service msg %s acknowledged: %d", dnaPosNeg(ack), ack&0xfff)
		o += 2
		if dat := t.U16LE(o); dat&0x8000 != 0 {
			c.dnaAck(p, t, o, "Cross sub-channel %s of data segment msg: %d", dnaAckNak(dat), dat&0xfff)
			o += 2
		}
		c.dnaSegNum(p, t, o)
		o += 2
		if msg == dnaInterrupt {
			return
		}
		ls := t.U8(o)
		switch ls {
		case 0:
			c.AppendInfo("(no change)")
		case 1:
			c.AppendInfo("(stop)")
		case 2:
			c.AppendInfo("(go)")
		}
		fcv := t.U8(o + 1)
		fc, _ := c.addMasked(p, hfDNAFlowCtl, t, o, 1, uint64(ls))
		kind := "data"
		if ls&0x04 != 0 {
			kind = "interrupt"
		}
		n := c.Add(fc, hfDNAFCVal, t, o, 2, field.Value{})
		c.Label(n, "Request for additional %d %s msgs", fcv, kind)
	case dnaDataAck:
		ack := t.U16LE(o)
		c.dnaAck(p, t, o, "Last data segment %s acknowledged: %d", dnaPosNeg(ack), ack&0xfff)
		o += 2
		if c.Cols.On {
			what := "ACK"
			if ack&0x1000 != 0 {
				what = "NAK"
			}
			c.AppendInfo("NSP data " + what + " message(" + itoa(uint64(ack&0xfff)) + ")")
		}
		if t.Len() > o {
			if oth := t.U16LE(o); oth&0x8000 != 0 {
				c.dnaAck(p, t, o, "Cross sub-channel %s of other data msg %d", dnaAckNak(oth), oth&0xfff)
			}
		}
	case dnaOtherAck:
		c.SetInfo("NSP other data ACK message")
		ack := t.U16LE(o)
		c.dnaAck(p, t, o, "Last interrupt/link service msg %s acknowledged: %d", dnaPosNeg(ack), ack&0xfff)
		o += 2
		if t.Len() > o {
			if dat := t.U16LE(o); dat&0x8000 != 0 {
				c.dnaAck(p, t, o, "Cross sub-channel %s of data msg %d", dnaAckNak(dat), dat&0xfff)
			}
		}
	case dnaConnConf, dnaConnInit:
		c.SetInfo("NSP connect confirm/initiate message")
		c.AddUint(p, hfDNAServices, t, o, 1)
		c.AddUint(p, hfDNAInfo, t, o+1, 1)
		c.AddUintLE(p, hfDNASegSize, t, o+2, 2)
		c.dnaConnect(p, t, o+4)
	case dnaDiscInit, dnaDiscConf:
		c.SetInfo("NSP disconnect initiate/confirm message")
		c.AddUintLE(p, hfDNADiscReason, t, o, 2)
	}
}

// dnaTotal returns the running byte count of the segmented message after a segment of n bytes.
func (c *Ctx) dnaTotal(st *dnaState, n int) int {
	if !c.Pass1 {
		if v, ok := st.totals[c.Frame.Number]; ok {
			return v
		}
		return n
	}
	st.total += n
	if !c.State.onePass {
		st.totals[c.Frame.Number] = st.total
	}
	return st.total
}

// dnaConnect dissects the session control data of a connect initiate or confirm. Like Wireshark, the
// source end user's name is read when the destination's format (not the source's) has one.
func (c *Ctx) dnaConnect(p int32, t Tvb, o int) {
	ct := c.AddProto(p, hfDNAConn, t, o, -1)
	dstFmt := t.U8(o)
	c.AddUint(ct, hfDNAObjType, t, o+1, 1)
	o += 2
	if dstFmt == 2 {
		c.AddUintLE(ct, hfDNAGrpCode, t, o, 2)
		c.AddUintLE(ct, hfDNAUsrCode, t, o+2, 2)
		o += 4
	}
	if dstFmt != 0 {
		n := int(t.U8(o))
		c.addASCII(ct, hfDNADstName, t, o+1, n)
		o += 1 + n
	}
	srcFmt := t.U8(o)
	c.AddUint(ct, hfDNAObjType, t, o+1, 1)
	o += 2
	if srcFmt == 2 {
		c.AddUintLE(ct, hfDNAGrpCode, t, o, 2)
		c.AddUintLE(ct, hfDNAUsrCode, t, o+2, 2)
		o += 4
	}
	if dstFmt != 0 {
		n := int(t.U8(o))
		c.addASCII(ct, hfDNASrcName, t, o+1, n)
		o += 1 + n
	}
	switch t.U8(o) {
	case 1, 3:
		c.AddString(ct, hfDNAMenuVer, t, o, 1, "Version 1.0: RQSTRID, PASSWRD and ACCOUNT fields included")
		o++
		for i := 0; i < 3; i++ {
			n := int(t.U8(o))
			c.addASCII(ct, hfDNARqstrID, t, o+1, n)
			o += 1 + n
		}
	case 2:
		c.AddString(ct, hfDNAMenuVer, t, o, 1, "Version 1.0: USRDATA field included")
	default:
		c.AddString(ct, hfDNAMenuVer, t, o, 1, "Session control version 1.0")
	}
}
