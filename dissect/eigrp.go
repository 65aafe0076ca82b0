package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Cisco's Enhanced Interior Gateway Routing Protocol, IP protocol 88 (RFC 7868; Wireshark's
// packet-eigrp.c): the header with its checksum and flags, and the TLVs of IPv4 and IPv6 routing —
// parameters (with the peer-termination form of goodbye), software version, sequence, next multicast
// sequence and internal routes with their legacy metric.

var (
	protoEIGRP               = Fields.Protocol("eigrp", "Cisco EIGRP")
	hfEIGRPVersion           = Fields.Add(protoEIGRP, "eigrp.version", "Version", field.Uint8, field.WithBlurb("Version - Version of EIGRP packet format"))
	hfEIGRPOpcode            = Fields.Add(protoEIGRP, "eigrp.opcode", "Opcode", field.Uint8, field.WithStrings(map[uint64]string{1: "Update", 2: "Request", 3: "Query", 4: "Reply", 5: "Hello", 6: "IPX/SAP Update", 7: "Route Probe", 8: "Hello (Ack)", 9: "Stub-Info", 10: "SIA-Query", 11: "SIA-Reply"}), field.WithBlurb("Opcode - Operation code indicating the message type"))
	hfEIGRPFlags             = Fields.Add(protoEIGRP, "eigrp.flags", "Flags", field.Uint32, field.WithBase(field.Hex), field.WithBlurb("Flag - Initialization bit and is used in establishing a new neighbor relationship"))
	hfEIGRPSeq               = Fields.Add(protoEIGRP, "eigrp.seq", "Sequence", field.Uint32, field.WithBlurb("Sequence number -- used to send messages reliably"))
	hfEIGRPAck               = Fields.Add(protoEIGRP, "eigrp.ack", "Acknowledge", field.Uint32, field.WithBlurb("Acknowledge number -- used to send messages reliably"))
	hfEIGRPVrid              = Fields.Add(protoEIGRP, "eigrp.vrid", "Virtual Router ID", field.Uint16, field.WithBlurb("Virtual Router ID - For each Virtual Router, there is a separate topology table and routing/service table; even for matching AS. This field allows the gateway to select which set router to use."))
	hfEIGRPAs                = Fields.Add(protoEIGRP, "eigrp.as", "Autonomous System", field.Uint16, field.WithBlurb("Autonomous system number - Each AS has a separate topology table which for a give routing/service table. A gateway can participate in more than one AS. This field allows the gateway toselect which set of topology tables to use."))
	hfEIGRPFlagsInit         = Fields.Add(protoEIGRP, "eigrp.flags.init", "Init", field.Bool, field.WithBase(32), field.WithMask(0x1), field.WithTrueFalse("Set", "Not set"), field.WithBlurb("Init - tells the neighbor to send its full topology table"))
	hfEIGRPFlagsCondrecv     = Fields.Add(protoEIGRP, "eigrp.flags.condrecv", "Conditional Receive", field.Bool, field.WithBase(32), field.WithMask(0x2), field.WithTrueFalse("Set", "Not set"), field.WithBlurb("Conditionally Received the next packet if address was in listed in the previous HELLO"))
	hfEIGRPFlagsRestart      = Fields.Add(protoEIGRP, "eigrp.flags.restart", "Restart", field.Bool, field.WithBase(32), field.WithMask(0x4), field.WithTrueFalse("Set", "Not set"), field.WithBlurb("Restart flag - Set in the HELLO and the initial UPDATE packets during the nsf signaling period."))
	hfEIGRPFlagsEot          = Fields.Add(protoEIGRP, "eigrp.flags.eot", "End Of Table", field.Bool, field.WithBase(32), field.WithMask(0x8), field.WithTrueFalse("Set", "Not set"), field.WithBlurb("End-of-Table - Marks the end of the start-up UPDATES indicating the complete topology database has been sent to a new peer"))
	hfEIGRPTlvType           = Fields.Add(protoEIGRP, "eigrp.tlv_type", "Type", field.Uint16, field.WithBase(field.Hex), field.WithStrings(map[uint64]string{1: "Parameters", 2: "Authentication", 3: "Sequence", 4: "Software Version", 5: "Next multicast sequence", 6: "Peer Stub Information", 7: "Peer Termination", 8: "Peer Topology ID List", 258: "Internal Route(IPv4)", 259: "External Route(IPv4)", 260: "Ext-Community(IPv4)", 1026: "Internal Route(IPv6)", 1027: "External Route(IPv6)", 1028: "Ext-Community(IPv6)", 770: "IPX Internal Route(IPX)", 771: "IPX External Route(IPX)", 514: "Internal Route(ATALK)", 515: "External Route(ATALK)", 516: "Cable Configuration(ATALK)", 241: "Request(MTR)", 242: "Internal Route(MTR)", 243: "External Route(MTR)", 244: "Ext-Community(MTR)", 245: "TopologyID List", 1537: "Request", 1538: "Internal Route", 1539: "External Route", 1540: "Ext-Community"}), field.WithBlurb("TLV Type"))
	hfEIGRPTlvLen            = Fields.Add(protoEIGRP, "eigrp.tlv.len", "Length", field.Uint16, field.WithBlurb("TLV Length"))
	hfEIGRPParK1             = Fields.Add(protoEIGRP, "eigrp.par.k1", "K1", field.Uint8, field.WithBlurb("Bandwidth/Throughput Coefficient"))
	hfEIGRPParK2             = Fields.Add(protoEIGRP, "eigrp.par.k2", "K2", field.Uint8, field.WithBlurb("Load Coefficient"))
	hfEIGRPParK3             = Fields.Add(protoEIGRP, "eigrp.par.k3", "K3", field.Uint8, field.WithBlurb("Delay/Latency Coefficient"))
	hfEIGRPParK4             = Fields.Add(protoEIGRP, "eigrp.par.k4", "K4", field.Uint8, field.WithBlurb("Reliability Coefficient"))
	hfEIGRPParK5             = Fields.Add(protoEIGRP, "eigrp.par.k5", "K5", field.Uint8, field.WithBlurb("Reliability Coefficient"))
	hfEIGRPParK6             = Fields.Add(protoEIGRP, "eigrp.par.k6", "K6", field.Uint8, field.WithBlurb("Extended Metric Coefficient"))
	hfEIGRPParHoldtime       = Fields.Add(protoEIGRP, "eigrp.par.holdtime", "Hold Time", field.Uint16, field.WithBlurb("How long to ignore lost HELLO's"))
	hfEIGRPSeqAddrlen        = Fields.Add(protoEIGRP, "eigrp.seq.addrlen", "Address length", field.Uint8)
	hfEIGRPSeqIpv4addr       = Fields.Add(protoEIGRP, "eigrp.seq.ipv4addr", "IP Address", field.IPv4)
	hfEIGRPNextMcastSeq      = Fields.Add(protoEIGRP, "eigrp.next_mcast_seq", "Multicast Sequence", field.Uint32)
	hfEIGRPOldMetricDelay    = Fields.Add(protoEIGRP, "eigrp.old_metric.delay", "Scaled Delay", field.Uint32, field.WithBlurb("delay, in 39.1 nanosec interments"))
	hfEIGRPOldMetricBw       = Fields.Add(protoEIGRP, "eigrp.old_metric.bw", "Scaled BW", field.Uint32, field.WithBlurb("bandwidth, in units of 1 Kbit/sec"))
	hfEIGRPOldMetricMtu      = Fields.Add(protoEIGRP, "eigrp.old_metric.mtu", "MTU", field.Uint24, field.WithBlurb("MTU, in octets"))
	hfEIGRPOldMetricHopcount = Fields.Add(protoEIGRP, "eigrp.old_metric.hopcount", "Hop Count", field.Uint8, field.WithBlurb("Number of hops to destination"))
	hfEIGRPOldMetricRel      = Fields.Add(protoEIGRP, "eigrp.old_metric.rel", "Reliability", field.Uint8, field.WithBlurb("percent packets successfully tx/rx"))
	hfEIGRPOldMetricLoad     = Fields.Add(protoEIGRP, "eigrp.old_metric.load", "Load", field.Uint8, field.WithBlurb("percent of channel occupied"))
	hfEIGRPOldMetricIntag    = Fields.Add(protoEIGRP, "eigrp.old_metric.intag", "Route Tag", field.Uint8, field.WithBlurb("Internal Route Tag"))
	hfEIGRPOldMetricTag      = Fields.Add(protoEIGRP, "eigrp.old_metric.tag", "Tag", field.Uint32, field.WithBlurb("route tag"))
	hfEIGRPMetricFlagsSrcwd  = Fields.Add(protoEIGRP, "eigrp.metric.flags.srcwd", "Source Withdraw", field.Bool, field.WithBase(8), field.WithMask(0x1), field.WithBlurb("Route Source Withdraw"))
	hfEIGRPMetricFlagsCd     = Fields.Add(protoEIGRP, "eigrp.metric.flags.cd", "Candidate Default", field.Bool, field.WithBase(8), field.WithMask(0x2))
	hfEIGRPMetricFlagsActive = Fields.Add(protoEIGRP, "eigrp.metric.flags.active", "Route is Active", field.Bool, field.WithBase(8), field.WithMask(0x4), field.WithBlurb("Route is currently in active state"))
	hfEIGRPMetricFlagsRepl   = Fields.Add(protoEIGRP, "eigrp.metric.flags.repl", "Route is Replicated", field.Bool, field.WithBase(8), field.WithMask(0x8), field.WithBlurb("Route is replicated from different tableid"))
	hfEIGRPIpv4Nexthop       = Fields.Add(protoEIGRP, "eigrp.ipv4.nexthop", "NextHop", field.IPv4)
	hfEIGRPIpv4Prefixlen     = Fields.Add(protoEIGRP, "eigrp.ipv4.prefixlen", "Prefix Length", field.Uint8)
	hfEIGRPIpv6Nexthop       = Fields.Add(protoEIGRP, "eigrp.ipv6.nexthop", "NextHop", field.IPv6)
	hfEIGRPIpv6Prefixlen     = Fields.Add(protoEIGRP, "eigrp.ipv6.prefixlen", "Prefix Length", field.Uint8)
	hfEIGRPReleaseVersion    = Fields.Add(protoEIGRP, "eigrp.release_version", "EIGRP Release", field.Uint16)
	hfEIGRPTlvVersion        = Fields.Add(protoEIGRP, "eigrp.tlv_version", "EIGRP TLV version", field.Uint16)
	hfEIGRPIpv4Destination   = Fields.Add(protoEIGRP, "eigrp.ipv4.destination", "Destination", field.IPv4)
	hfEIGRPIpv6Destination   = Fields.Add(protoEIGRP, "eigrp.ipv6.destination", "Destination", field.IPv6)
	hfEIGRPChecksum          = Fields.Add(protoEIGRP, "eigrp.checksum", "Checksum", field.Uint16, field.WithBase(field.Hex))
	hfEIGRPChecksumStatus    = Fields.Add(protoEIGRP, "eigrp.checksum.status", "Checksum Status", field.Uint8, field.WithBase(field.BaseNone), field.WithStrings(checksumStatusVals))
	eiEIGRPChecksumBad       = RegisterExpert(protoEIGRP, "eigrp.checksum.bad", "Bad Checksum", GroupChecksum, SevWarn)
	eiEIGRPPeerTerm          = RegisterExpert(protoEIGRP, "eigrp.peer_termination", "Peer Termination", GroupResponseCode, SevNote)
	handleEIGRP              = &Handle{Name: "eigrp", Fn: dissectEIGRP}
)

var (
	eigrpFlagBits   = []field.ID{hfEIGRPFlagsInit, hfEIGRPFlagsCondrecv, hfEIGRPFlagsRestart, hfEIGRPFlagsEot}
	eigrpMetricBits = []field.ID{hfEIGRPMetricFlagsSrcwd, hfEIGRPMetricFlagsCd, hfEIGRPMetricFlagsActive, hfEIGRPMetricFlagsRepl}
)

func init() {
	RegisterShortName(protoEIGRP, "EIGRP")
	IPProto.Add(88, handleEIGRP)
}

func dissectEIGRP(c *Ctx, t Tvb, parent int32) {
	c.SetProtocol("EIGRP")
	c.ClearInfo()
	opcode := uint64(t.U8(1))
	ack := t.U32(12)
	if c.Cols.On {
		op := opcode
		if op == 5 && ack != 0 {
			op = 8
		}
		name, ok := Fields.Get(hfEIGRPOpcode).Strings[op]
		if !ok {
			name = "Unknown OpCode (0x" + hex4(op) + ")"
		}
		c.SetInfo(name)
	}
	p := c.AddProto(parent, protoEIGRP, t, 0, -1)
	c.AddUint(p, hfEIGRPVersion, t, 0, 1)
	c.AddUint(p, hfEIGRPOpcode, t, 1, 1)
	ckn, ck := c.AddUint(p, hfEIGRPChecksum, t, 2, 2)
	status := uint64(ckUnverified)
	if c.unreported(t) == 0 {
		if sum := inetChecksum(t.B); sum == 0 {
			status = ckGood
			c.Label(ckn, "Checksum: 0x%04x [correct]", ck)
		} else {
			status = ckBad
			c.Label(ckn, "Checksum: 0x%04x incorrect, should be 0x%04x", ck, inetShouldBe(uint16(ck), sum))
		}
	} else {
		c.Label(ckn, "Checksum: 0x%04x [unverified]", ck)
	}
	st := c.AddGenerated(p, hfEIGRPChecksumStatus, t, 2, 0, field.Value{U: status})
	c.Label(st, "Checksum Status: %s", checksumStatusVals[status])
	if status == ckBad {
		c.Expert(ckn, eiEIGRPChecksumBad, t, 2, 2, "Bad Checksum [should be 0x"+hex4(inetShouldBe(uint16(ck), inetChecksum(t.B)))+"]")
	}
	c.addFlags(p, hfEIGRPFlags, t, 4, 4, eigrpFlagBits)
	c.AddUint(p, hfEIGRPSeq, t, 8, 4)
	c.AddUint(p, hfEIGRPAck, t, 12, 4)
	vn, vrid := c.AddUint(p, hfEIGRPVrid, t, 16, 2)
	c.Label(vn, "Virtual Router ID: %d (%s)", vrid, map[bool]string{true: "Address-Family", false: "Unknown"}[vrid == 0])
	c.AddUint(p, hfEIGRPAs, t, 18, 2)
	for o := 20; o < t.Len(); {
		typ := uint64(t.U16(o))
		l := int(t.U16(o + 2))
		if l < 4 {
			c.needReported(t, o, 4)
			break
		}
		name, ok := Fields.Get(hfEIGRPTlvType).Strings[typ]
		if !ok {
			name = "Unknown TLV (0x" + hex4(typ) + ")"
		}
		tn := c.addSubtree(p, t, o, l, name)
		c.AddUint(tn, hfEIGRPTlvType, t, o, 2)
		c.AddUint(tn, hfEIGRPTlvLen, t, o+2, 2)
		v := t.SubLen(o+4, l-4)
		switch typ {
		case 0x0001:
			eigrpParameters(c, v, tn)
		case 0x0003:
			_, al := c.AddUint(tn, hfEIGRPSeqAddrlen, v, 0, 1)
			for i := 1; i+int(al) <= v.Len() && al == 4; i += int(al) {
				c.AddBytes(tn, hfEIGRPSeqIpv4addr, v, i, 4)
			}
		case 0x0004:
			rel, tlv := v.U16(0), v.U16(2)
			rn := c.AddUintV(tn, hfEIGRPReleaseVersion, v, 0, 2, uint64(rel))
			c.Label(rn, "EIGRP Release: %d.%02d", rel>>8, rel&0xff)
			vn := c.AddUintV(tn, hfEIGRPTlvVersion, v, 2, 2, uint64(tlv))
			c.Label(vn, "EIGRP TLV version: %d.%02d", tlv>>8, tlv&0xff)
			c.Label(tn, "Software Version: EIGRP=%d.%d, TLV=%d.%d", rel>>8, rel&0xff, tlv>>8, tlv&0xff)
		case 0x0005:
			_, seq := c.AddUint(tn, hfEIGRPNextMcastSeq, v, 0, 4)
			c.Label(tn, "Next multicast sequence: %d", seq)
		case 0x0102, 0x0402:
			eigrpInternalRoute(c, v, tn, typ == 0x0402, name)
		}
		o += l
	}
}

func eigrpParameters(c *Ctx, v Tvb, tn int32) {
	ks := []field.ID{hfEIGRPParK1, hfEIGRPParK2, hfEIGRPParK3, hfEIGRPParK4, hfEIGRPParK5, hfEIGRPParK6}
	term := true
	for i := 0; i < 5; i++ {
		if v.U8(i) != 255 {
			term = false
		}
	}
	for i, k := range ks {
		c.AddUint(tn, k, v, i, 1)
	}
	c.AddUint(tn, hfEIGRPParHoldtime, v, 6, 2)
	if term { // all K values 255: the goodbye message
		c.Label(tn, "Parameters: Peer Termination")
		c.Expert(tn, eiEIGRPPeerTerm, v, 0, 5, "")
	}
}

// eigrpInternalRoute dissects an IPv4 or IPv6 internal route TLV's value.
func eigrpInternalRoute(c *Ctx, v Tvb, tn int32, v6 bool, name string) {
	o := 4
	if v6 {
		o = 16
	}
	if v6 {
		c.AddBytes(tn, hfEIGRPIpv6Nexthop, v, 0, 16)
	} else {
		c.AddBytes(tn, hfEIGRPIpv4Nexthop, v, 0, 4)
	}
	m := c.addSubtree(tn, v, o, 16, "Legacy Metric")
	c.AddUint(m, hfEIGRPOldMetricDelay, v, o, 4)
	c.AddUint(m, hfEIGRPOldMetricBw, v, o+4, 4)
	c.AddUint(m, hfEIGRPOldMetricMtu, v, o+8, 3)
	c.AddUint(m, hfEIGRPOldMetricHopcount, v, o+11, 1)
	c.AddUint(m, hfEIGRPOldMetricRel, v, o+12, 1)
	c.AddUint(m, hfEIGRPOldMetricLoad, v, o+13, 1)
	c.AddUint(m, hfEIGRPOldMetricIntag, v, o+14, 1)
	f := c.addSubtree(m, v, o+15, 1, "Flags")
	for _, b := range eigrpMetricBits {
		c.AddUint(f, b, v, o+15, 1)
	}
	o += 16
	// Several destinations may follow, each a prefix length and the bytes it needs.
	for o < v.Len() {
		pl := int(v.U8(o))
		if v6 {
			c.AddUint(tn, hfEIGRPIpv6Prefixlen, v, o, 1)
		} else {
			c.AddUint(tn, hfEIGRPIpv4Prefixlen, v, o, 1)
		}
		n := (pl + 7) / 8
		o++
		var a [16]byte
		copy(a[:], v.Bytes(o, n))
		alen := 4
		hf := hfEIGRPIpv4Destination
		if v6 {
			alen, hf = 16, hfEIGRPIpv6Destination
		}
		c.AddBytesV(tn, hf, v, o, n, append([]byte(nil), a[:alen]...))
		if c.Visible() {
			c.T.SetLabel(tn, name+"  =   "+string(field.AppendAddr(nil, a[:alen]))+"/"+strconv.Itoa(pl))
		}
		o += n
	}
}
