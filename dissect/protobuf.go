package dissect

import (
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
)

// Protocol Buffers without a schema (Wireshark 4.0's packet-protobuf.c with no .proto files
// loaded): each field's number, wire type and value, varints and fixed-size numbers shown as
// unsigned integers, length-delimited values as bytes. gRPC hands it message bodies.

var pbWireTypes = map[uint64]string{0: "varint", 1: "64-bit", 2: "Length-delimited", 3: "Start group (deprecated)",
	4: "End group (deprecated)", 5: "32-bit"}

var pbFieldTypes = map[uint64]string{0: "", 1: "double", 2: "float", 3: "int64", 4: "uint64", 5: "int32", 6: "fixed64",
	7: "fixed32", 8: "bool", 9: "string", 10: "group", 11: "message", 12: "bytes", 13: "uint32", 14: "enum",
	15: "sfixed32", 16: "sfixed64", 17: "sint32", 18: "sint64"}

var (
	protoProtobuf  = Fields.Protocol("protobuf", "Protocol Buffers")
	hfPBMsgName    = Fields.Add(protoProtobuf, "protobuf.message.name", "Message Name", field.String, field.WithBlurb("The name of the protobuf message"))
	hfPBFieldName  = Fields.Add(protoProtobuf, "protobuf.field.name", "Field Name", field.String, field.WithBlurb("The name of the field"))
	_              = Fields.Add(protoProtobuf, "protobuf.field.type", "Field Type", field.Int32, field.WithBlurb("The type of the field"))
	hfPBFieldNum   = Fields.Add(protoProtobuf, "protobuf.field.number", "Field Number", field.Uint64, field.WithMask(0xfffffffffffffff8), field.WithBlurb("Field number encoded in varint"))
	hfPBWireType   = Fields.Add(protoProtobuf, "protobuf.field.wiretype", "Wire Type", field.Uint8, field.WithMask(0x07), field.WithStrings(pbWireTypes), field.WithBlurb("The Wire Type of the field."))
	hfPBValueLen   = Fields.Add(protoProtobuf, "protobuf.field.value.length", "Value Length", field.Uint64, field.WithBlurb("The length of length-delimited field value."))
	hfPBValue      = Fields.Add(protoProtobuf, "protobuf.field.value", "Value", field.Bytes, field.WithBlurb("The wire type determines value format"))
	_              = Fields.Add(protoProtobuf, "protobuf.field.value.double", "Double", field.Double, field.WithBlurb("Dissect value as double"))
	_              = Fields.Add(protoProtobuf, "protobuf.field.value.float", "Float", field.Float, field.WithBlurb("Dissect value as float"))
	_              = Fields.Add(protoProtobuf, "protobuf.field.value.int64", "Int64", field.Int64, field.WithBlurb("Dissect value as int64"))
	hfPBValUint64  = Fields.Add(protoProtobuf, "protobuf.field.value.uint64", "Uint64", field.Uint64, field.WithBlurb("Dissect value as uint64"))
	_              = Fields.Add(protoProtobuf, "protobuf.field.value.int32", "Int32", field.Int32, field.WithBlurb("Dissect value as int32"))
	hfPBValUint32  = Fields.Add(protoProtobuf, "protobuf.field.value.uint32", "Uint32", field.Uint32, field.WithBlurb("Dissect value as uint32"))
	_              = Fields.Add(protoProtobuf, "protobuf.field.value.bool", "Bool", field.Bool, field.WithBlurb("Dissect value as bool"))
	_              = Fields.Add(protoProtobuf, "protobuf.field.value.string", "String", field.String, field.WithBlurb("Dissect value as string"))
	_              = Fields.Add(protoProtobuf, "protobuf.field.value.repeated", "Repeated", field.Bytes, field.WithBlurb("Dissect value as repeated"))
	eiPBTag        = RegisterExpert(protoProtobuf, "protobuf.failed_parse_tag", "Failed to parse tag field", GroupMalformed, SevError)
	eiPBWireType   = RegisterExpert(protoProtobuf, "protobuf.field.wiretype.invalid", "Unknown or unsupported wiretype", GroupMalformed, SevError)
	eiPBLengthFail = RegisterExpert(protoProtobuf, "protobuf.field.failed_parse_length_delimited_field", "Failed to parse length delimited field", GroupMalformed, SevError)
	eiPBValueFail  = RegisterExpert(protoProtobuf, "protobuf.field.failed_parse_field", "Failed to parse value field", GroupMalformed, SevError)

	handleProtobuf = &Handle{Name: "protobuf", Fn: dissectProtobuf}
)

func init() {
	RegisterShortName(protoProtobuf, "ProtoBuf")
	grpcMessageTypes["application/grpc"] = handleProtobuf
	grpcMessageTypes["application/grpc+proto"] = handleProtobuf
	for _, mt := range []string{"application/x-protobuf", "application/x-google-protobuf", "application/protobuf"} {
		AddMediaType(mt, handleProtobuf)
	}
}

// pbVarint reads a protobuf varint of at most 10 bytes within b (tvb_get_varint with
// ENC_VARINT_PROTOBUF); n is 0 when none ends within b.
func pbVarint(b []byte) (v uint64, n int) {
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * uint(i))
		if b[i]&0x80 == 0 {
			return v, i + 1
		}
	}
	return 0, 0
}

func dissectProtobuf(c *Ctx, t Tvb, parent int32) {
	c.AppendInfo(" (PROTOBUF)")
	p := c.AddProto(parent, protoProtobuf, t, 0, -1)
	if info := c.mediaParams; info != "" {
		if i := strings.IndexByte(info, ','); i >= 0 {
			c.Label(p, "Protocol Buffers: %s", info[i+1:])
		}
	}
	const name = "<UNKNOWN> Message Type"
	m := c.AddText(p, t, 0, t.Len(), "Message: "+name)
	c.AddHidden(m, hfPBMsgName, t, 0, t.Len(), field.Value{B: []byte(name)})
	for off := 0; off < t.Len(); {
		n, ok := pbField(c, m, t, off, t.Len()-off)
		if !ok {
			break
		}
		off += n
	}
}

// pbField dissects the field at t[off:] within max bytes; ok is false when dissection stops.
func pbField(c *Ctx, m int32, t Tvb, off, max int) (int, bool) {
	f := c.AddText(m, t, off, 0, "Field")
	tag, tl := pbVarint(t.B[off : off+max])
	if tl == 0 {
		c.Expert(f, eiPBTag, t, off, 0, "")
		return 0, false
	}
	num, wire := tag>>3, tag&7
	label := "Field(" + strconv.FormatUint(num, 10) + "):"
	c.Label(f, "%s", label)
	fname := c.AddGenerated(f, hfPBFieldName, t, off, 0, field.Value{B: []byte("<UNKNOWN>")})
	fn := c.AddUintV(f, hfPBFieldNum, t, off, tl, num)
	if c.Visible() && fn != f {
		c.T.SetLabel(fn, pbVarintBits(tag, tl)+" = Field Number: "+strconv.FormatUint(num, 10))
	}
	wt := c.AddUintV(f, hfPBWireType, t, off, 1, wire)
	o := off + tl
	var val uint64
	vlen, lenSize := 0, 0
	switch wire {
	case 0:
		v, n := pbVarint(t.B[o : off+max])
		if n == 0 {
			c.Expert(wt, eiPBValueFail, t, off, tl, "")
			return 0, false
		}
		val, vlen = v, n
	case 1:
		val, vlen = t.U64LE(o), 8
	case 5:
		val, vlen = uint64(t.U32LE(o)), 4
	case 2:
		v, n := pbVarint(t.B[o : off+max])
		if n == 0 {
			c.Expert(f, eiPBLengthFail, t, off, tl, "")
			return 0, false
		}
		c.AddUintV(f, hfPBValueLen, t, o, n, v)
		lenSize = n
		o += n
		if v > uint64(t.Len()) {
			panic(boundsError{})
		}
		vlen = int(v)
	default:
		c.Expert(wt, eiPBWireType, t, off, tl, "")
		return 0, false
	}
	total := tl + lenSize + vlen
	if f != m {
		c.T.SetLen(f, total)
	}
	if fname != f {
		c.T.SetLen(fname, total)
	}
	t.Need(o, vlen)
	vi := c.AddBytes(f, hfPBValue, t, o, vlen)
	if wire != 2 {
		if val <= 0xffffffff {
			c.AddUintV(vi, hfPBValUint32, t, o, vlen, val)
			label += " " + strconv.FormatUint(val, 10) + " (uint32)"
		} else {
			c.AddUintV(vi, hfPBValUint64, t, o, vlen, val)
			label += " " + strconv.FormatUint(val, 10) + " (uint64)"
		}
		c.Label(f, "%s", label)
	}
	return o + vlen - off, true
}

// pbVarintBits draws the field number's bits the way Wireshark draws a masked varint of n bytes:
// the decoded tag over n*8 bit positions, the field number's bits among its 7*n value bits.
func pbVarintBits(tag uint64, n int) string {
	w := n * 8
	mask := ^uint64(7)
	if 7*n < 64 {
		mask &= 1<<(7*uint(n)) - 1
	}
	b := make([]byte, 0, w+w/4)
	for i := w - 1; i >= 0; i-- {
		bit := uint64(1) << uint(i)
		switch {
		case i >= 64 || mask&bit == 0:
			b = append(b, '.')
		case tag&bit != 0:
			b = append(b, '1')
		default:
			b = append(b, '0')
		}
		if i > 0 && i%4 == 0 {
			b = append(b, ' ')
		}
	}
	return string(b)
}
