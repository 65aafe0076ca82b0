package dissect

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// Tree-building helpers the routing and tunnelling dissectors share: flag words whose label lists the
// names of the flags set in them (Wireshark's proto_tree_add_bitmask and the routing dissectors' own
// bitfield helpers), subtrees that must lie within the packet, and expert items with a text item of
// their own (proto_tree_add_expert_format).

// addFlags adds the n-byte integer field hf at o and the flag fields under it, and labels it
// "Name: 0x12, A, B" with the names of the boolean flags that are set, in the order given (the
// order the protocol's tshark dissector lists them). It returns the node and the value.
func (c *Ctx) addFlags(parent int32, hf field.ID, t Tvb, o, n int, flags []field.ID) (int32, uint64) {
	node, v := c.AddUint(parent, hf, t, o, n)
	for _, f := range flags {
		c.AddUint(node, f, t, o, n)
	}
	if c.Visible() {
		c.T.SetLabel(node, flagsLabel(Fields.Get(hf), v, n, flags, ", ", ", "))
	}
	return node, v
}

// addFlagsParen is addFlags labelled "Name: 0x12 (A, B)", the other shape tshark uses.
func (c *Ctx) addFlagsParen(parent int32, hf field.ID, t Tvb, o, n int, flags []field.ID) (int32, uint64) {
	node, v := c.AddUint(parent, hf, t, o, n)
	for _, f := range flags {
		c.AddUint(node, f, t, o, n)
	}
	if c.Visible() {
		c.T.SetLabel(node, flagsLabel(Fields.Get(hf), v, n, flags, " (", ", ")+flagsClose(v, flags))
	}
	return node, v
}

// flagsLabel builds "Name: 0x0012" followed by first+A+sep+B for the set boolean flags.
func flagsLabel(f *field.Field, v uint64, n int, flags []field.ID, first, sep string) string {
	w := f.Type.Size()
	if w == 0 {
		w = n
	}
	h := strconv.FormatUint(v, 16)
	b := make([]byte, 0, 64)
	b = append(b, f.Name...)
	b = append(b, ": 0x"...)
	for i := len(h); i < 2*w; i++ {
		b = append(b, '0')
	}
	b = append(b, h...)
	k := 0
	for _, id := range flags {
		ff := Fields.Get(id)
		if ff.Type != field.Bool || v&ff.Mask == 0 {
			continue
		}
		if k == 0 {
			b = append(b, first...)
		} else {
			b = append(b, sep...)
		}
		b = append(b, ff.Name...)
		k++
	}
	return string(b)
}

// flagsClose returns ")" when flagsLabel opened a parenthesis for set flags.
func flagsClose(v uint64, flags []field.ID) string {
	for _, id := range flags {
		if ff := Fields.Get(id); ff.Type == field.Bool && v&ff.Mask != 0 {
			return ")"
		}
	}
	return ""
}

// addSubtree adds a text item over t[o:o+n] once the bytes are known to exist in the packet as sent:
// Wireshark refuses an item that runs past the reported length (an exception: the packet is
// malformed there) but draws one that only runs past what the capture kept.
func (c *Ctx) addSubtree(parent int32, t Tvb, o, n int, label string) int32 {
	c.needReported(t, o, n)
	return c.AddText(parent, t, o, n, label)
}

// needReported panics with a malformed-packet bounds error unless t[o:o+n] lies within the packet's
// reported length (the captured bytes plus those the snap length cut off).
// addTextItem adds a text item the way Wireshark's proto_tree_add_subtree does: a range past the
// captured data throws only when there is a tree at all (tshark printing summaries builds none).
func (c *Ctx) addTextItem(parent int32, t Tvb, o, n int, label string) int32 {
	if o < 0 || n < 0 || o+n > t.Len() {
		if !c.treeless() {
			t.Need(o, n) // past the captured bytes: short or malformed, as tvb_ensure_bytes_exist
		}
		return parent
	}
	return c.AddText(parent, t, o, n, label)
}

// treeless reports whether this dissection builds no tree at all (no details, no field or filter
// wants one: only the summary line), where Wireshark passes dissectors a NULL tree; their
// `if (tree)` blocks are skipped then, and the exceptions those blocks would raise on a short packet
// never happen.
func (c *Ctx) treeless() bool {
	return c.T.Discard || (!c.T.Visible && c.T.Want != nil && c.T.Want.Empty())
}

func (c *Ctx) needReported(t Tvb, o, n int) {
	if o < 0 || n < 0 || o+n > t.Len()+c.unreported(t) {
		panic(boundsError{})
	}
}

// ExpertItem adds a text item msg over t[o:o+n] with expert info e under it, as Wireshark's
// proto_tree_add_expert_format draws it; like it, it then fails on a range past the packet's end.
func (c *Ctx) ExpertItem(parent int32, e *Expert, t Tvb, o, n int, msg string) {
	if msg == "" {
		msg = e.Summary
	}
	it := c.AddText(parent, t, o, n, msg)
	c.Expert(it, e, t, o, n, msg)
	c.needReported(t, o, n)
}
