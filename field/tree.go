package field

// Value is a field's value, tagged by its Field's Type. Unsigned integers, booleans and frame numbers
// live in U; signed integers in I; floats in F; times in I as nanoseconds (absolute: since the Unix
// epoch); addresses, strings and bytes in B as a view into the packet's data (never copied).
type Value struct {
	U uint64
	I int64
	F float64
	B []byte
}

// Flags mark a node: generated ([brackets] in Wireshark), hidden, malformed, and its expert severity.
type Flags uint16

// Node flags.
const (
	Generated Flags = 1 << iota
	Hidden
	Malformed
	// Expert severity, at most one of these.
	Comment
	Chat
	Note
	Warn
	Error
	severityMask = Comment | Chat | Note | Warn | Error
)

// Severity returns the expert severity bits of the flags.
func (f Flags) Severity() Flags { return f & severityMask }

// Node is one item of a packet's tree (Wireshark's proto_node): a field with its value and the bytes it
// covers in data source Src. Nodes live in Tree.Nodes and link to each other by index (-1 = none).
type Node struct {
	Field               ID // 0 = text-only item (its Label says it all)
	Value               Value
	Src                 uint8 // index into Tree.Sources
	Flags               Flags
	Off, Len            int32
	Parent, Child, Next int32
	last                int32  // last child, for appending
	Label               string // set only when the tree is visible; empty = built from field and value
}

// Source is one data source of a packet: the frame, or a reassembled or decrypted buffer.
type Source struct {
	Name  string // "Frame", "Reassembled TCP", "Decrypted TLS": renderers add " (N bytes)"
	Bytes []byte
}

// Root is the index of the tree's root; top-level protocols are its children.
const Root int32 = 0

// Tree is the dissection of one packet: an arena of nodes reused from packet to packet.
type Tree struct {
	Nodes   []Node
	Sources []Source
	// Visible means someone will look at the tree (labels, text items). When false, dissectors skip
	// building labels, as Wireshark does while filtering.
	Visible bool
	// Want, when not nil, restricts the tree to these fields (plus every protocol node): a node of
	// another field is not added and its children attach to its parent.
	Want *IDSet
	// Discard means nobody reads the tree at all: nothing is added (a pass run only for the state it
	// leaves behind, like the UI's first pass). Data sources are still kept.
	Discard bool
	Reg     *Registry
	// Names, when not nil, gives addresses their names in labels (the capture's name resolution,
	// set by the dissector for each frame).
	Names Namer
}

// Namer gives addresses their names in labels, as Wireshark's name resolution does when a label is
// filled (proto_item_fill_label). ok is false when names of the address's kind are off, and the
// label shows the address alone; otherwise the label shows "name (address)", name being the address
// itself when nothing names it.
type Namer interface {
	AddrName(t Type, addr []byte) (name string, ok bool)
}

// NewTree returns an empty visible tree over the registry.
func NewTree(reg *Registry) *Tree {
	t := &Tree{Reg: reg, Visible: true}
	t.Reset()
	return t
}

// Reset empties the tree for the next packet, keeping its memory.
func (t *Tree) Reset() {
	t.Nodes = append(t.Nodes[:0], Node{Parent: -1, Child: -1, Next: -1, last: -1})
	t.Sources = t.Sources[:0]
}

// Wants reports whether a node of field id would be added.
func (t *Tree) Wants(id ID) bool {
	return t.Want == nil || t.Want.Has(id)
}

// Add appends a node of field id under parent covering bytes [off, off+n) of source src and returns its
// index. If the tree does not want the field, nothing is added and parent is returned, so that children
// attach to the nearest wanted ancestor.
func (t *Tree) Add(parent int32, id ID, src uint8, off, n int, v Value) int32 {
	if t.Discard {
		return parent
	}
	if t.Want != nil && !t.Want.Has(id) && id != 0 {
		if f := t.Reg.Get(id); f == nil || f.Type != Protocol {
			return parent
		}
	}
	return t.add(parent, Node{Field: id, Value: v, Src: src, Off: int32(off), Len: int32(n)})
}

// AddText appends a text-only item (no field) when the tree is visible; otherwise it returns parent.
func (t *Tree) AddText(parent int32, src uint8, off, n int, label string) int32 {
	if !t.Visible || t.Want != nil || t.Discard {
		return parent
	}
	return t.add(parent, Node{Src: src, Off: int32(off), Len: int32(n), Label: label})
}

func (t *Tree) add(parent int32, nd Node) int32 {
	t.clamp(&nd)
	idx := int32(len(t.Nodes))
	nd.Parent, nd.Child, nd.Next, nd.last = parent, -1, -1, -1
	t.Nodes = append(t.Nodes, nd)
	p := &t.Nodes[parent]
	if p.last >= 0 {
		t.Nodes[p.last].Next = idx
	} else {
		p.Child = idx
	}
	p.last = idx
	return idx
}

// SetLabel sets a node's label when the tree is visible. A node that was not added (Add returned its
// parent) must not be labelled: callers label only nodes they know exist, which is always the case
// when the tree is visible and Want is nil.
func (t *Tree) SetLabel(n int32, label string) {
	if t.Visible && t.Want == nil && n > 0 {
		t.Nodes[n].Label = label
	}
}

// clamp keeps a node's byte range inside its data source: a header that claims more bytes than the
// capture has covers what there is (the highlight and slices must never run past the data).
func (t *Tree) clamp(nd *Node) {
	if int(nd.Src) >= len(t.Sources) {
		return
	}
	size := int32(len(t.Sources[nd.Src].Bytes))
	if nd.Off < 0 {
		nd.Off = 0
	}
	if nd.Off > size {
		nd.Off = size
	}
	if nd.Len < 0 {
		nd.Len = 0
	}
	if nd.Off+nd.Len > size {
		nd.Len = size - nd.Off
	}
}

// SetFlags adds flags to node n (no-op for the root).
func (t *Tree) SetFlags(n int32, f Flags) {
	if n > 0 {
		t.Nodes[n].Flags |= f
	}
}

// SetLen changes the length a node covers (a protocol's length is often known only at its end).
func (t *Tree) SetLen(n int32, length int) {
	if n > 0 {
		t.Nodes[n].Len = int32(length)
		t.clamp(&t.Nodes[n])
	}
}

// Each calls fn for every node of field id in tree order until fn returns false.
func (t *Tree) Each(id ID, fn func(*Node) bool) {
	for i := 1; i < len(t.Nodes); i++ {
		if t.Nodes[i].Field == id {
			if !fn(&t.Nodes[i]) {
				return
			}
		}
	}
}

// First returns the first node of field id, or nil.
func (t *Tree) First(id ID) *Node {
	for i := 1; i < len(t.Nodes); i++ {
		if t.Nodes[i].Field == id {
			return &t.Nodes[i]
		}
	}
	return nil
}

// Has reports whether the tree has a node of field id.
func (t *Tree) Has(id ID) bool { return t.First(id) != nil }

// Bytes returns the bytes a node covers in its data source (nil if out of range).
func (t *Tree) Bytes(n *Node) []byte {
	if int(n.Src) >= len(t.Sources) {
		return nil
	}
	b := t.Sources[n.Src].Bytes
	if n.Off < 0 || n.Len < 0 || int(n.Off+n.Len) > len(b) {
		return nil
	}
	return b[n.Off : n.Off+n.Len]
}
