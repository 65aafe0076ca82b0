package dissect

import (
	"fmt"
	"log"
	"runtime/debug"
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

var (
	protoFrame          = Fields.Protocol("frame", "Frame")
	hfFrameEncap        = Fields.Add(protoFrame, "frame.encap_type", "Encapsulation type", field.Int16)
	hfFrameIfaceID      = Fields.Add(protoFrame, "frame.interface_id", "Interface id", field.Uint32)
	hfFrameIfaceName    = Fields.Add(protoFrame, "frame.interface_name", "Interface name", field.String)
	hfFrameIfaceDescr   = Fields.Add(protoFrame, "frame.interface_description", "Interface description", field.String)
	hfFrameSection      = Fields.Add(protoFrame, "frame.section_number", "Section number", field.Uint32)
	hfFrameComment      = Fields.Add(protoFrame, "frame.comment", "Comment", field.String)
	hfFrameTime         = Fields.Add(protoFrame, "frame.time", "Arrival Time", field.AbsTime, field.WithBase(field.TimeFrame))
	hfFrameOffsetShift  = Fields.Add(protoFrame, "frame.offset_shift", "Time shift for this packet", field.RelTime)
	hfFrameTimeEpoch    = Fields.Add(protoFrame, "frame.time_epoch", "Epoch Time", field.RelTime, field.WithBase(field.TimeFrame))
	hfFrameTimeDelta    = Fields.Add(protoFrame, "frame.time_delta", "Time delta from previous captured frame", field.RelTime)
	hfFrameTimeDeltaDis = Fields.Add(protoFrame, "frame.time_delta_displayed", "Time delta from previous displayed frame", field.RelTime)
	hfFrameTimeRelative = Fields.Add(protoFrame, "frame.time_relative", "Time since reference or first frame", field.RelTime)
	hfFrameNumber       = Fields.Add(protoFrame, "frame.number", "Frame Number", field.Uint32)
	hfFrameLen          = Fields.Add(protoFrame, "frame.len", "Frame Length", field.Uint32)
	hfFrameCapLen       = Fields.Add(protoFrame, "frame.cap_len", "Capture Length", field.Uint32)
	hfFrameMarked       = Fields.Add(protoFrame, "frame.marked", "Frame is marked", field.Bool)
	hfFrameIgnored      = Fields.Add(protoFrame, "frame.ignored", "Frame is ignored", field.Bool)
	hfFrameProtocols    = Fields.Add(protoFrame, "frame.protocols", "Protocols in frame", field.String)

	protoMalformed  = Fields.Protocol("_ws.malformed", "Malformed Packet")
	eiMalformed     = RegisterExpert(protoMalformed, "_ws.malformed.expert", "Malformed Packet (Exception occurred)", GroupMalformed, SevError)
	hfDissectorBug  = Fields.Add(protoMalformed, "_ws.malformed.dissector_bug", "Dissector bug", field.None)
	protoShort      = Fields.Protocol("_ws.short", "Packet size limited during capture")
	protoUnreassmbl = Fields.Protocol("_ws.unreassembled", "Unreassembled Fragmented Packet")

	protoData   = Fields.Protocol("data", "Data")
	hfDataData  = Fields.Add(protoData, "data.data", "Data", field.Bytes)
	hfDataLen   = Fields.Add(protoData, "data.len", "Length", field.Int32)
	handleData  = &Handle{Name: "data", Fn: dissectData}
	handleFrame = &Handle{Name: "frame", Fn: nil}
)

// encapInfo maps a pcap LINKTYPE_* to Wireshark's WTAP_ENCAP number and name (frame.encap_type).
var encapInfo = map[uint16]struct {
	wtap int16
	name string
}{
	0:   {15, "NULL/Loopback"},
	1:   {1, "Ethernet"},
	9:   {4, "PPP"},
	12:  {7, "Raw IP"},
	14:  {7, "Raw IP"},
	101: {7, "Raw IP"},
	104: {28, "Cisco HDLC"},
	105: {20, "IEEE 802.11 Wireless LAN"},
	108: {15, "OpenBSD loopback"},
	113: {25, "Linux cooked-mode capture v1"},
	127: {23, "IEEE 802.11 plus radiotap radio header"},
	228: {129, "Raw IPv4"},
	229: {130, "Raw IPv6"},
	276: {210, "Linux cooked-mode capture v2"},
}

// RegisterEncap lets link-layer files name their encapsulation for frame.encap_type.
func RegisterEncap(linktype uint16, wtap int16, name string) {
	encapInfo[linktype] = struct {
		wtap int16
		name string
	}{wtap, name}
}

// NewCtx returns a context ready to dissect frames of a capture sharing state st.
func NewCtx(t *field.Tree, st *State) *Ctx {
	return &Ctx{T: t, State: st}
}

// Run dissects one frame: it resets the tree and columns, adds the frame protocol, and hands the
// bytes to the link-layer dissector. A malformed packet never escapes as a panic: it becomes a
// "[Malformed Packet: PROTO]" node, as in Wireshark.
func (c *Ctx) Run(fi *FrameInfo, data []byte) {
	if c.Pass1 {
		c.State.mu.Lock()
		defer c.State.mu.Unlock()
	} else {
		c.State.mu.RLock()
		defer c.State.mu.RUnlock()
	}
	c.T.Reset()
	c.T.Names = c.State.namer()
	c.T.Sources = append(c.T.Sources, field.Source{Name: "Frame", Bytes: data})
	c.Frame = fi
	on := c.Cols.On
	info := c.Cols.Info[:0]
	c.Cols = Columns{On: on, Info: info}
	c.NetSrc, c.NetDst, c.NetHopLimit = nil, nil, -1
	c.DLSrc, c.DLDst = nil, nil
	c.convApp = nil
	c.SrcPort, c.DstPort, c.PortType, c.MatchPort = 0, 0, 0, 0
	c.layers = c.layers[:0]
	c.pduLayer = 0
	c.depth = 0
	t := Tvb{B: data, Src: 0, Short: fi.CapLen < fi.Len}

	protoNode, protosNode := c.frameTree(fi, t)
	defer func() {
		if protosNode > 0 && c.T.Nodes[protosNode].Field == hfFrameProtocols {
			c.T.Nodes[protosNode].Value.B = c.layers
		}
	}()
	defer func() {
		if r := recover(); r != nil {
			c.recoverPanic(r, t)
		}
	}()
	_ = protoNode
	c.PushLayer("frame")
	c.layers = c.layers[:0] // frame is the tree's root protocol; frame.protocols lists what it holds
	if h, ok := c.lookup(LinkTypes, uint64(fi.Link)); ok {
		c.Call(h, t, field.Root)
	} else {
		c.SetProtocol("WTAP_ENCAP = " + strconv.Itoa(int(fi.Link)))
		c.SetInfo("WTAP_ENCAP = " + strconv.Itoa(int(fi.Link)))
		c.Call(handleData, t, field.Root)
	}
}

func (c *Ctx) frameTree(fi *FrameInfo, t Tvb) (int32, int32) {
	tr := c.T
	p := c.AddProto(field.Root, protoFrame, t, 0, -1)
	if c.Visible() {
		lbl := fmt.Sprintf("Frame %d: %d bytes on wire (%d bits), %d bytes captured (%d bits)",
			fi.Number, fi.Len, fi.Len*8, fi.CapLen, fi.CapLen*8)
		if fi.Section > 0 {
			name := fi.IfName
			if name == "" {
				name = "unknown"
			}
			lbl += fmt.Sprintf(" on interface %s, id %d", name, fi.Iface)
		}
		tr.SetLabel(p, lbl)
	}
	if fi.Section > 0 {
		c.AddUintV(p, hfFrameSection, t, 0, 0, uint64(fi.Section))
	}
	if fi.Section > 0 {
		n := c.AddUintV(p, hfFrameIfaceID, t, 0, 0, uint64(fi.Iface))
		name := fi.IfName
		if name == "" {
			name = "unknown" // what tshark says of an interface without if_name
		}
		c.Label(n, "Interface id: %d (%s)", fi.Iface, name)
		if tr.Wants(hfFrameIfaceName) {
			c.AddBytesV(n, hfFrameIfaceName, t, 0, 0, []byte(name))
		}
		if fi.IfDescr != "" && tr.Wants(hfFrameIfaceDescr) {
			c.AddBytesV(n, hfFrameIfaceDescr, t, 0, 0, []byte(fi.IfDescr))
		}
	}
	for _, cm := range fi.Comments {
		if tr.Wants(hfFrameComment) {
			c.AddBytesV(p, hfFrameComment, t, 0, 0, []byte(cm))
		}
	}
	if tr.Wants(hfFrameEncap) {
		e, ok := encapInfo[fi.Link]
		if !ok {
			e.wtap, e.name = -1, "Unknown"
		}
		n := c.AddIntV(p, hfFrameEncap, t, 0, 0, int64(e.wtap))
		c.Label(n, "Encapsulation type: %s (%d)", e.name, e.wtap)
	}
	gen := func(hf field.ID, v field.Value) int32 { return c.AddGenerated(p, hf, t, 0, 0, v) }
	if tr.Wants(hfFrameTime) {
		c.Add(p, hfFrameTime, t, 0, 0, field.Value{I: fi.TS})
	}
	if tr.Wants(hfFrameOffsetShift) {
		gen(hfFrameOffsetShift, field.Value{})
	}
	if tr.Wants(hfFrameTimeEpoch) {
		n := c.Add(p, hfFrameTimeEpoch, t, 0, 0, field.Value{I: fi.TS})
		c.Label(n, "Epoch Time: %s seconds", field.AppendFrameEpoch(nil, fi.TS))
	}
	if tr.Wants(hfFrameTimeDelta) {
		d := fi.TS - fi.PrevCapTS
		if fi.Number <= 1 {
			d = 0
		}
		gen(hfFrameTimeDelta, field.Value{I: d})
	}
	if tr.Wants(hfFrameTimeDeltaDis) {
		d := fi.TS - fi.PrevDispTS
		if fi.PrevDispTS == 0 {
			d = 0
		}
		gen(hfFrameTimeDeltaDis, field.Value{I: d})
	}
	if tr.Wants(hfFrameTimeRelative) {
		gen(hfFrameTimeRelative, field.Value{I: fi.TS - fi.RefTS})
	}
	c.AddUintV(p, hfFrameNumber, t, 0, 0, uint64(fi.Number))
	if tr.Wants(hfFrameLen) {
		n := c.AddUintV(p, hfFrameLen, t, 0, 0, uint64(fi.Len))
		c.Label(n, "Frame Length: %d bytes (%d bits)", fi.Len, fi.Len*8)
	}
	if tr.Wants(hfFrameCapLen) {
		n := c.AddUintV(p, hfFrameCapLen, t, 0, 0, uint64(fi.CapLen))
		c.Label(n, "Capture Length: %d bytes (%d bits)", fi.CapLen, fi.CapLen*8)
	}
	if tr.Wants(hfFrameMarked) {
		gen(hfFrameMarked, field.Value{U: b2u(fi.Marked)})
	}
	if tr.Wants(hfFrameIgnored) {
		gen(hfFrameIgnored, field.Value{U: b2u(fi.Ignored)})
	}
	protos := int32(-1)
	if tr.Wants(hfFrameProtocols) {
		protos = gen(hfFrameProtocols, field.Value{})
	}
	return p, protos
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// recoverPanic turns a panic during dissection into Wireshark's malformed or short-packet item.
func (c *Ctx) recoverPanic(r any, t Tvb) {
	be, ok := r.(boundsError)
	cur := c.current
	if cur == "" {
		cur = "frame"
	}
	name := protoDisplayName(cur)
	c.Cols.readonly = false
	if ok && be.short {
		n := c.AddProto(field.Root, protoShort, t, 0, 0)
		c.Label(n, "[Packet size limited during capture: %s truncated]", name)
		c.AppendInfo("[Packet size limited during capture]")
		return
	}
	n := c.AddProto(field.Root, protoMalformed, t, 0, 0)
	c.Label(n, "[Malformed Packet: %s]", name)
	c.T.SetFlags(n, field.Malformed)
	if !ok {
		// A dissector bug, not a malformed packet: say so, and log it for the developers.
		log.Printf("dissect: frame %d: bug in %s dissector: %v\n%s", c.Frame.Number, cur, r, debug.Stack())
		b := c.AddGenerated(n, hfDissectorBug, t, 0, 0, field.Value{})
		c.Label(b, "[Dissector bug, protocol %s: %v]", name, r)
	}
	c.Expert(n, eiMalformed, t, 0, 0, "")
	c.AppendInfo("[Malformed Packet]") // no separator: tshark's show_exception appends it as is
}

// protoDisplayName returns the short name Wireshark uses in "[Malformed Packet: TCP]".
func protoDisplayName(abbrev string) string {
	if f, ok := Fields.Lookup(abbrev); ok && f.Type == field.Protocol {
		if n, ok := shortNames[f.ID]; ok {
			return n
		}
	}
	return abbrev
}

// shortNames holds protocols' short names ("TCP" for tcp), Wireshark's proto short_name.
var shortNames = map[field.ID]string{}

// RegisterShortName records a protocol's short name (as the Protocol column and malformed items use).
func RegisterShortName(proto field.ID, short string) { shortNames[proto] = short }

// ShortName returns a protocol's short name.
func ShortName(proto field.ID) string {
	if n, ok := shortNames[proto]; ok {
		return n
	}
	if f := Fields.Get(proto); f != nil {
		return f.Abbrev
	}
	return ""
}

func dissectData(c *Ctx, t Tvb, parent int32) {
	if t.Len() == 0 {
		return
	}
	p := c.AddProto(parent, protoData, t, 0, -1)
	c.Label(p, "Data (%d byte%s)", t.Len(), plural(t.Len()))
	c.AddBytes(p, hfDataData, t, 0, t.Len())
	n := c.AddIntV(p, hfDataLen, t, 0, 0, int64(t.Len()))
	c.T.SetFlags(n, field.Generated)
}

// CallData hands t to the "data" dissector (undissected payload).
func (c *Ctx) CallData(t Tvb, parent int32) { c.Call(handleData, t, parent) }

func init() {
	RegisterShortName(protoFrame, "Frame")
	RegisterShortName(protoData, "Data")
	_ = handleFrame
	_ = protoUnreassmbl
}
