// Package dissect turns a frame's bytes into a field.Tree with Wireshark's field names, and into the
// summary columns (protocol, source, destination, info). One file per protocol, each registering its
// fields in Fields and its hand-offs in the dissector tables during package initialisation, like
// Wireshark's proto_register_* and proto_reg_handoff_* functions.
//
// Dissection runs in two ways. The first pass visits frames serially in order (Ctx.Pass1) and may
// update conversation state (stream numbers, sequence bases); later dissections of the same frame, in
// any order and in parallel, only read the state the first pass left. It must not import displayfilter:
// what a filter needs arrives as a field.IDSet in Tree.Want.
package dissect

import (
	"fmt"
	"sort"
	"strconv"
	"sync"

	"github.com/tshark-tui/tshark-tui/field"
)

// Fields is the registry of every field the dissectors know. It is filled during initialisation and
// read-only afterwards.
var Fields = field.NewRegistry()

// Dissector dissects the bytes of t under tree node parent.
type Dissector func(c *Ctx, t Tvb, parent int32)

// Handle is a named dissector; its name is what frame.protocols lists ("eth:ethertype:ip:tcp").
type Handle struct {
	Name string
	Fn   Dissector
}

// Heuristic looks at data and dissects it if it recognises it, reporting whether it did.
type Heuristic struct {
	Name string
	Fn   func(c *Ctx, t Tvb, parent int32) bool
}

// Table hands data to the next dissector by a key: an ethertype, an IP protocol number, a port, a link
// type. Like Wireshark's dissector tables it is filled during initialisation.
type Table struct {
	Name  string
	m     map[uint64]*Handle
	heurs []Heuristic
}

// NewTable returns an empty dissector table.
func NewTable(name string) *Table {
	return registerTable(&Table{Name: name, m: map[uint64]*Handle{}})
}

// Add registers h for key.
func (tb *Table) Add(key uint64, h *Handle) { tb.m[key] = h }

// AddHeuristic registers a heuristic dissector tried when no key matches.
func (tb *Table) AddHeuristic(h Heuristic) { tb.heurs = append(tb.heurs, h) }

// Get returns the handle for key.
func (tb *Table) Get(key uint64) (*Handle, bool) {
	h, ok := tb.m[key]
	return h, ok
}

// Keys returns the registered keys in order (for documentation and `-G decodes`).
func (tb *Table) Keys() []uint64 {
	ks := make([]uint64, 0, len(tb.m))
	for k := range tb.m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	return ks
}

// The dissector tables shared between protocol files.
var (
	LinkTypes = NewTable("wtap_encap") // keyed by pcap LINKTYPE_* number
	EtherType = NewTable("ethertype")
	IPProto   = NewTable("ip.proto")
	TCPPort   = NewTable("tcp.port")
	UDPPort   = NewTable("udp.port")
)

// FrameInfo is what the capture knows of a frame, the frame dissector's input.
type FrameInfo struct {
	Number  uint32
	TS      int64 // ns since the Unix epoch
	CapLen  uint32
	Len     uint32
	Link    uint16 // pcap LINKTYPE_*
	Iface   uint32
	IfName  string
	IfDescr string
	// Section is the pcapng section of the frame (1-based); 0 for pcap files.
	Section  uint32
	Comments []string
	Marked   bool
	Ignored  bool
	// Times for the frame.time_* fields: the previous captured frame's, the previous displayed frame's
	// and the reference (first frame or time reference) time, all ns since the epoch.
	PrevCapTS, PrevDispTS, RefTS int64
	FileOff                      int64
}

// AddrKind says what kind of address a column holds.
type AddrKind uint8

// Address kinds for the source and destination columns.
const (
	AddrNone AddrKind = iota
	AddrEther
	AddrIPv4
	AddrIPv6
	AddrText
)

// Addr is an address for a column, formatted only when shown.
type Addr struct {
	Kind AddrKind
	B    []byte
	Text string
}

// Columns is the packet-list summary the dissectors fill when On (Wireshark's column info).
type Columns struct {
	On       bool
	Protocol string
	// Link-layer and network-layer addresses: the network ones win when present.
	DLSrc, DLDst, NetSrc, NetDst Addr
	Info                         []byte
	// fence: Info bytes before it are kept by SetInfo/ClearInfo (col_set_fence).
	fence    int
	readonly bool
	// protoFixed keeps the Protocol column as it is (col_set_fence on COL_PROTOCOL).
	protoFixed bool
}

// Summary is the finished summary of a frame.
type Summary struct {
	Protocol string
	Src, Dst Addr
	Info     string
}

// Ctx carries one frame's dissection: the tree being built, the frame's metadata, the columns and
// what lower layers learned that upper layers need (addresses, ports).
type Ctx struct {
	T     *field.Tree
	Frame *FrameInfo
	// Pass1 is true during the serial first pass, when dissectors may update conversation state.
	Pass1 bool
	State *State
	Cols  Columns

	// Network and transport context set by lower layers for upper ones.
	NetSrc, NetDst   []byte // 4 or 16 bytes of the innermost IP header
	DLSrc, DLDst     []byte // 6 bytes of the innermost Ethernet header (Wireshark's pinfo->dl_src, dl_dst)
	ipxPacketType    uint8  // the IPX header's packet type, for the socket's dissector (pinfo->ipxptype)
	NetHopLimit      int16  // its TTL or hop limit, -1 for none
	convApp          *any   // the innermost TCP or UDP conversation's application state (ConvApp)
	SrcPort, DstPort uint32
	PortType         uint8 // 0 none, 6 TCP, 17 UDP
	MatchPort        uint32
	// MorePDU is true while TCP hands a protocol a further PDU of the same segment after one it
	// already dissected (its Info column usually appends instead of starting over).
	MorePDU bool

	// mediaType and mediaParams are the media type a body is dissected as and its Content-Type
	// parameters (Wireshark's pinfo->match_string and http_message_info_t.media_str); h2 is the
	// HTTP/2 frame whose body is being dissected (gRPC asks it for the stream's headers).
	mediaType, mediaParams string
	h2                     *h2Ctx

	wantFor     *field.IDSet // the Want set the fields below were computed for (payload.go)
	wantPayload bool
	wantAll     bool            // it wants expert items, which any protocol may add
	wantNone    bool            // it wants no field at all
	wantProtos  *field.IDSet    // protocols it wants a field of
	wantPrefix  map[string]bool // wantsPrefix answers

	layers  []byte // frame.protocols text, built as layers are called
	current string // protocol being dissected, for "[Malformed Packet: X]"
	depth   int
	pduScan PDUScan // the progress of a PDU-length call (reassembly.go), kept here to not allocate
	// pduLayer is where in layers TCP's last call of a PDU dissector put its name: further PDUs of
	// the same segment continue that call (callPDU).
	pduLayer int
}

// ConvApp returns the state an application keeps for the TCP connection or UDP conversation being
// dissected (Wireshark's conversation_get_proto_data), creating it with mk on first use, or nil
// outside one. Only the first pass may change what it points to.
func ConvApp[T any](c *Ctx, mk func() *T) *T {
	if c.convApp == nil {
		return nil
	}
	if v, ok := (*c.convApp).(*T); ok {
		return v
	}
	if *c.convApp != nil || !c.Pass1 {
		return nil // another application's, or nothing to create
	}
	v := mk()
	*c.convApp = v
	return v
}

// Layers returns frame.protocols so far ("eth:ethertype:ip:tcp").
func (c *Ctx) Layers() string { return string(c.layers) }

// PopLayer takes name off the end of frame.protocols, for a dissector that finds the data is not its
// own after all.
func (c *Ctx) PopLayer(name string) {
	if n := len(c.layers) - len(name) - 1; n >= 0 && string(c.layers[n+1:]) == name && c.layers[n] == ':' {
		c.layers = c.layers[:n]
	}
}

// PushLayer records a protocol in frame.protocols and as the current protocol.
func (c *Ctx) PushLayer(name string) {
	if len(c.layers) > 0 {
		c.layers = append(c.layers, ':')
	}
	c.layers = append(c.layers, name...)
	c.current = name
}

// Call runs handle h on t, recording it in frame.protocols.
func (c *Ctx) Call(h *Handle, t Tvb, parent int32) {
	c.depth++
	if c.depth > 64 { // tunnels within tunnels: stop like Wireshark's recursion limit
		c.depth--
		panic(boundsError{})
	}
	c.PushLayer(h.Name)
	h.Fn(c, t, parent)
	c.depth--
}

// TryTable hands t to the dissector registered for key, then to the table's heuristics; it reports
// whether any took it.
func (c *Ctx) TryTable(tb *Table, key uint64, t Tvb, parent int32) bool {
	if h, ok := c.lookup(tb, key); ok {
		c.Call(h, t, parent)
		return true
	}
	return false
}

// TryHeuristics offers t to tb's heuristic dissectors in registration order.
func (c *Ctx) TryHeuristics(tb *Table, t Tvb, parent int32) bool {
	for _, h := range tb.heurs {
		if h.Fn(c, t, parent) {
			return true
		}
	}
	return false
}

// ---- tree helpers ----

// Add adds a node of field hf covering t[o:o+n] with value v.
func (c *Ctx) Add(parent int32, hf field.ID, t Tvb, o, n int, v field.Value) int32 {
	return c.T.Add(parent, hf, t.Src, t.Off+o, n, v)
}

// AddProto adds a protocol node covering t[o:o+n] (n < 0: to the end).
func (c *Ctx) AddProto(parent int32, hf field.ID, t Tvb, o, n int) int32 {
	if n < 0 || o+n > t.Len() {
		n = t.Len() - o
		if n < 0 {
			n = 0
		}
	}
	return c.T.Add(parent, hf, t.Src, t.Off+o, n, field.Value{})
}

// AddUint reads an n-byte big-endian integer at o and adds it as field hf, applying the field's mask
// and shift. It returns the node and the (masked, shifted) value.
func (c *Ctx) AddUint(parent int32, hf field.ID, t Tvb, o, n int) (int32, uint64) {
	raw := t.Uint(o, n)
	return c.addMasked(parent, hf, t, o, n, raw)
}

// AddUintLE is AddUint for little-endian integers.
func (c *Ctx) AddUintLE(parent int32, hf field.ID, t Tvb, o, n int) (int32, uint64) {
	raw := t.UintLE(o, n)
	return c.addMasked(parent, hf, t, o, n, raw)
}

func (c *Ctx) addMasked(parent int32, hf field.ID, t Tvb, o, n int, raw uint64) (int32, uint64) {
	f := Fields.Get(hf)
	u := raw
	if f.Mask != 0 {
		u = (raw & f.Mask) >> f.Shift()
	}
	if f.Type.IsSigned() {
		// sign-extend from the field's width
		bitsN := uint(f.Type.Size() * 8)
		v := int64(u<<(64-bitsN)) >> (64 - bitsN)
		return c.T.Add(parent, hf, t.Src, t.Off+o, n, field.Value{I: v}), u
	}
	return c.T.Add(parent, hf, t.Src, t.Off+o, n, field.Value{U: u}), u
}

// AddUintV adds field hf covering t[o:o+n] with unsigned value u.
func (c *Ctx) AddUintV(parent int32, hf field.ID, t Tvb, o, n int, u uint64) int32 {
	return c.T.Add(parent, hf, t.Src, t.Off+o, n, field.Value{U: u})
}

// AddIntV adds field hf with signed value v.
func (c *Ctx) AddIntV(parent int32, hf field.ID, t Tvb, o, n int, v int64) int32 {
	return c.T.Add(parent, hf, t.Src, t.Off+o, n, field.Value{I: v})
}

// AddBytes adds field hf whose value is the bytes t[o:o+n] (addresses, strings, byte fields).
func (c *Ctx) AddBytes(parent int32, hf field.ID, t Tvb, o, n int) int32 {
	return c.T.Add(parent, hf, t.Src, t.Off+o, n, field.Value{B: t.Bytes(o, n)})
}

// AddBytesV adds field hf covering t[o:o+n] with bytes value b (a string built by the dissector, say).
func (c *Ctx) AddBytesV(parent int32, hf field.ID, t Tvb, o, n int, b []byte) int32 {
	return c.T.Add(parent, hf, t.Src, t.Off+o, n, field.Value{B: b})
}

// AddString is AddBytesV for a Go string.
func (c *Ctx) AddString(parent int32, hf field.ID, t Tvb, o, n int, s string) int32 {
	return c.T.Add(parent, hf, t.Src, t.Off+o, n, field.Value{B: []byte(s)})
}

// AddGenerated adds a generated field ([bracketed] in Wireshark) with value v; it covers no bytes
// unless o,n say so.
func (c *Ctx) AddGenerated(parent int32, hf field.ID, t Tvb, o, n int, v field.Value) int32 {
	idx := c.T.Add(parent, hf, t.Src, t.Off+o, n, v)
	if idx != parent {
		c.T.SetFlags(idx, field.Generated)
	}
	return idx
}

// AddHidden adds a hidden field: filterable but not shown.
func (c *Ctx) AddHidden(parent int32, hf field.ID, t Tvb, o, n int, v field.Value) int32 {
	idx := c.T.Add(parent, hf, t.Src, t.Off+o, n, v)
	if idx != parent {
		c.T.SetFlags(idx, field.Hidden)
	}
	return idx
}

// AddText adds a text-only item when the tree is visible.
func (c *Ctx) AddText(parent int32, t Tvb, o, n int, label string) int32 {
	return c.T.AddText(parent, t.Src, t.Off+o, n, label)
}

// Visible reports whether labels are wanted (someone will look at the tree).
func (c *Ctx) Visible() bool { return c.T.Visible && c.T.Want == nil }

// Label sets a custom label on node n when the tree is visible (fmt.Sprintf only then).
func (c *Ctx) Label(n int32, format string, args ...any) {
	if c.Visible() {
		c.T.SetLabel(n, fmt.Sprintf(format, args...))
	}
}

// ---- columns ----

// SetProtocol sets the Protocol column.
func (c *Ctx) SetProtocol(s string) {
	if c.Cols.On && !c.Cols.readonly && !c.Cols.protoFixed {
		c.Cols.Protocol = s
	}
}

// SetInfo replaces the Info column (after the fence).
func (c *Ctx) SetInfo(s string) {
	if c.Cols.On && !c.Cols.readonly {
		c.Cols.Info = append(c.Cols.Info[:c.Cols.fence], s...)
	}
}

// ClearInfo empties the Info column (after the fence).
func (c *Ctx) ClearInfo() {
	if c.Cols.On && !c.Cols.readonly {
		c.Cols.Info = c.Cols.Info[:c.Cols.fence]
	}
}

// AppendInfo appends text to the Info column.
func (c *Ctx) AppendInfo(s string) {
	if c.Cols.On && !c.Cols.readonly {
		c.Cols.Info = append(c.Cols.Info, s...)
	}
}

// AppendInfoSep appends s to Info, preceded by sep unless Info is empty (col_append_sep_str).
func (c *Ctx) AppendInfoSep(sep, s string) {
	if c.Cols.On && !c.Cols.readonly {
		if len(c.Cols.Info) > 0 {
			c.Cols.Info = append(c.Cols.Info, sep...)
		}
		c.Cols.Info = append(c.Cols.Info, s...)
	}
}

// AppendInfof appends formatted text to Info (formats only when columns are on).
func (c *Ctx) AppendInfof(format string, args ...any) {
	if c.Cols.On && !c.Cols.readonly {
		c.Cols.Info = fmt.Appendf(c.Cols.Info, format, args...)
	}
}

// AppendInfoUint appends a decimal number to Info without allocating.
func (c *Ctx) AppendInfoUint(u uint64) {
	if c.Cols.On && !c.Cols.readonly {
		c.Cols.Info = strconv.AppendUint(c.Cols.Info, u, 10)
	}
}

// SetInfoFence keeps the Info text so far from later SetInfo/ClearInfo (col_set_fence).
func (c *Ctx) SetInfoFence() { c.Cols.fence = len(c.Cols.Info) }

// SetColumnsWritable stops or resumes column updates (Wireshark's col_set_writable), used while
// dissecting the packet quoted inside an ICMP error.
func (c *Ctx) SetColumnsWritable(w bool) { c.Cols.readonly = !w }

// ColumnsWritable reports whether columns may be updated.
func (c *Ctx) ColumnsWritable() bool { return !c.Cols.readonly }

// SetDLAddrs sets the link-layer source and destination columns.
func (c *Ctx) SetDLAddrs(kind AddrKind, src, dst []byte) {
	if c.Cols.On && !c.Cols.readonly {
		c.Cols.DLSrc = Addr{Kind: kind, B: src}
		c.Cols.DLDst = Addr{Kind: kind, B: dst}
	}
}

// SetNetAddrs sets the network-layer source and destination columns.
func (c *Ctx) SetNetAddrs(kind AddrKind, src, dst []byte) {
	if c.Cols.On && !c.Cols.readonly {
		c.Cols.NetSrc = Addr{Kind: kind, B: src}
		c.Cols.NetDst = Addr{Kind: kind, B: dst}
	}
}

// SetNetText sets text source and destination columns (protocols with their own address forms).
func (c *Ctx) SetNetText(src, dst string) {
	if c.Cols.On && !c.Cols.readonly {
		c.Cols.NetSrc = Addr{Kind: AddrText, Text: src}
		c.Cols.NetDst = Addr{Kind: AddrText, Text: dst}
	}
}

// ---- conversation state ----

// State is the conversation state built by the first pass (stream tables, sequence bases). Each
// protocol keeps its own part in a slot registered during initialisation.
type State struct {
	// mu lets the serial first pass (writer) run while other goroutines re-dissect frames it has
	// passed (readers), as the UI does while a file is still loading.
	mu          sync.RWMutex
	slots       []any
	onePass     bool // see Config.OnePass
	leanPayload bool // see Config.LeanPayload
	decodeAs    map[*Table][]decodeAsEntry
	names       *names // Config.Names (names.go); nil resolves nothing
}

var stateSlots []func() any

// newStateSlot registers a protocol's state constructor and returns its slot (call in a var
// declaration).
func newStateSlot(fn func() any) int {
	stateSlots = append(stateSlots, fn)
	return len(stateSlots) - 1
}

// NewState returns fresh conversation state for a capture.
func NewState() *State {
	s := &State{slots: make([]any, len(stateSlots))}
	for i, fn := range stateSlots {
		s.slots[i] = fn()
	}
	return s
}

func (s *State) slot(i int) any { return s.slots[i] }

// SetDLText sets text link-layer source and destination columns (802.11 control frames show
// "addr (RA)").
func (c *Ctx) SetDLText(src, dst string) {
	if c.Cols.On && !c.Cols.readonly {
		c.Cols.DLSrc = Addr{Kind: AddrText, Text: src}
		c.Cols.DLDst = Addr{Kind: AddrText, Text: dst}
	}
}
