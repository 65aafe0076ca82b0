package output

import (
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// AppendValue appends a node's -T fields value; a protocol or text node prints its bytes' label as
// tshark does (the protocol's label for FT_PROTOCOL, "1" for a present FT_NONE).
func AppendValue(b []byte, f *field.Field, n *field.Node, t *field.Tree) []byte {
	switch f.Type {
	case field.Protocol:
		// tshark prints a protocol's item text, or its filter name when the item has none
		if n.Label != "" {
			return field.AppendEscaped(b, []byte(n.Label))
		}
		return append(b, f.Abbrev...)
	case field.None:
		return append(b, '1') // present
	}
	return f.AppendReprSize(b, n.Value, int(n.Len))
}

// AppendJSONValue is a node's value as tshark's -T json writes it: like -T fields, except that byte
// fields are colon-separated hex and strings are their own characters (JSON escapes them; -T fields
// spells "\r\n" out).
func AppendJSONValue(b []byte, f *field.Field, n *field.Node, t *field.Tree) []byte {
	if f.Type == field.Protocol || f.Type == field.None {
		if f.Type == field.None && n.Child < 0 {
			return b // a label leaf (an expert item's field) has no value
		}
		return field.AppendHexSep(b, t.Bytes(n), ':') // the bytes it covers
	}
	if (f.Type == field.Bytes || f.Type == field.UintBytes) && len(n.Value.B) > 0 && f.Base == field.BaseNone {
		return field.AppendHexSep(b, n.Value.B, ':')
	}
	switch f.Type {
	case field.String, field.StringZ, field.StringZPad, field.StringZTrunc:
		// an expert message is text made from an item's label: it stays as -T fields writes it
		if n.Value.B != nil && f.ID != hfExpertMsg {
			return append(b, n.Value.B...)
		}
	}
	return AppendValue(b, f, n, t)
}

// AppendJSONString appends s as a JSON string.
func AppendJSONString(b []byte, s []byte) []byte { return field.AppendJSONString(b, s) }

const hexDigits = "0123456789abcdef"

// hf looks up a field registered by dissect.
func hf(abbrev string) field.ID {
	if f, ok := dissect.Fields.Lookup(abbrev); ok {
		return f.ID
	}
	return 0
}

var (
	hfExpert    = hf("_ws.expert")
	hfExpertMsg = hf("_ws.expert.message")
	hfFrameTime = hf("frame.time")
	hfData      = hf("data")
)

// isObject reports whether tshark's json writes a node as an object of its children rather than a
// value: label items (FT_NONE: icmp.ext, tcp.analysis), top-level protocols and the expert item;
// nested protocols with bytes (tcp.options.mss) are a value and a _tree, like any field.
func isObject(f *field.Field, n *field.Node) bool {
	return f.Type == field.None || f.Type == field.Protocol && (n.Parent == field.Root || n.Len == 0 || f.ID == hfExpert)
}

// bytesProto reports whether a node of a protocol field stands for bytes, as tshark's nested
// "protocols" with a value (tcp.options.mss) are FT_BYTES fields there.
func bytesProto(f *field.Field, n *field.Node) bool {
	return f.Type == field.Protocol && !isObject(f, n)
}

// ftype is the ftenum number tshark 4.0 gives the node's field.
func ftype(f *field.Field, n *field.Node) int {
	if bytesProto(f, n) {
		return ftenum[field.Bytes]
	}
	if int(f.Type) < len(ftenum) {
		return ftenum[f.Type]
	}
	return 0
}

// ftenum is Wireshark 4.0's ftenum number of each of our types (-T jsonraw writes it).
var ftenum = [...]int{
	field.None: 0, field.Protocol: 1, field.Bool: 2, field.Char: 3,
	field.Uint8: 4, field.Uint16: 5, field.Uint24: 6, field.Uint32: 7,
	field.Uint40: 8, field.Uint48: 9, field.Uint56: 10, field.Uint64: 11,
	field.Int8: 12, field.Int16: 13, field.Int24: 14, field.Int32: 15,
	field.Int40: 16, field.Int48: 17, field.Int56: 18, field.Int64: 19,
	field.Float: 22, field.Double: 23, field.AbsTime: 24, field.RelTime: 25,
	field.String: 26, field.StringZ: 27, field.UintString: 28, field.Ether: 29,
	field.Bytes: 30, field.UintBytes: 31, field.IPv4: 32, field.IPv6: 33,
	field.FrameNum: 35, field.GUID: 36, field.OID: 37, field.EUI64: 38,
	field.SystemID: 42, field.StringZPad: 43, field.StringZTrunc: 45,
}

// appendMaskedOrHex appends what tshark's raw outputs (jsonraw, ek -x) give for a node's bytes: a
// masked field's value in upper-case hex, else the bytes it covers in lower-case hex.
func appendMaskedOrHex(b []byte, f *field.Field, n *field.Node, t *field.Tree) []byte {
	if f != nil && f.Mask != 0 {
		v := n.Value.U
		if f.Type.IsSigned() {
			v = uint64(n.Value.I)
			if f.Type.Size() <= 4 {
				v = uint64(uint32(n.Value.I))
			}
		}
		return appendUpperHex(b, v)
	}
	for _, c := range t.Bytes(n) {
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return b
}

func appendUpperHex(b []byte, v uint64) []byte {
	const up = "0123456789ABCDEF"
	var tmp [16]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = up[v&15]
		v >>= 4
		if v == 0 {
			break
		}
	}
	return append(b, tmp[i:]...)
}

// fieldValues returns the -T fields text of every occurrence of f in t.
func fieldValues(t *field.Tree, f *field.Field) [][]byte {
	var vals [][]byte
	t.Each(f.ID, func(n *field.Node) bool {
		vals = append(vals, AppendValue(nil, f, n, t))
		return true
	})
	return vals
}
