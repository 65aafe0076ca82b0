// Package field is tshark-tui's version of Wireshark's proto.h and ftypes: the field types (FT_*), the
// registry of fields with their filter names ("ip.src"), typed values, and the per-packet tree of nodes
// that carry a field, a value and the byte range they cover.
//
// It imports nothing of ours: everything else (dissectors, display filters, rendering) stands on it.
package field

// Type is a field's value type, Wireshark's ftenum.
type Type uint8

// The field types, with Wireshark's names (see Type.String).
const (
	None Type = iota
	Protocol
	Bool
	Char
	Uint8
	Uint16
	Uint24
	Uint32
	Uint40
	Uint48
	Uint56
	Uint64
	Int8
	Int16
	Int24
	Int32
	Int40
	Int48
	Int56
	Int64
	Float
	Double
	AbsTime
	RelTime
	String
	StringZ
	UintString
	StringZPad
	StringZTrunc
	Ether
	Bytes
	UintBytes
	IPv4
	IPv6
	FrameNum
	GUID
	OID
	EUI64
	SystemID
	numTypes
)

var typeNames = [numTypes]string{
	None: "FT_NONE", Protocol: "FT_PROTOCOL", Bool: "FT_BOOLEAN", Char: "FT_CHAR",
	Uint8: "FT_UINT8", Uint16: "FT_UINT16", Uint24: "FT_UINT24", Uint32: "FT_UINT32",
	Uint40: "FT_UINT40", Uint48: "FT_UINT48", Uint56: "FT_UINT56", Uint64: "FT_UINT64",
	Int8: "FT_INT8", Int16: "FT_INT16", Int24: "FT_INT24", Int32: "FT_INT32",
	Int40: "FT_INT40", Int48: "FT_INT48", Int56: "FT_INT56", Int64: "FT_INT64",
	Float: "FT_FLOAT", Double: "FT_DOUBLE", AbsTime: "FT_ABSOLUTE_TIME", RelTime: "FT_RELATIVE_TIME",
	String: "FT_STRING", StringZ: "FT_STRINGZ", UintString: "FT_UINT_STRING", StringZPad: "FT_STRINGZPAD",
	StringZTrunc: "FT_STRINGZTRUNC", Ether: "FT_ETHER", Bytes: "FT_BYTES", UintBytes: "FT_UINT_BYTES",
	IPv4: "FT_IPv4", IPv6: "FT_IPv6", FrameNum: "FT_FRAMENUM", GUID: "FT_GUID", OID: "FT_OID",
	EUI64: "FT_EUI64", SystemID: "FT_SYSTEM_ID",
}

// String returns Wireshark's name of the type, as `tshark -G fields` prints it.
func (t Type) String() string {
	if t < numTypes {
		return typeNames[t]
	}
	return "FT_UNKNOWN"
}

// IsUnsigned reports whether values of t live in Value.U as an unsigned integer (including booleans,
// characters and frame numbers).
func (t Type) IsUnsigned() bool {
	return t == Bool || t == Char || t == FrameNum || (t >= Uint8 && t <= Uint64)
}

// IsSigned reports whether values of t live in Value.I as a signed integer.
func (t Type) IsSigned() bool { return t >= Int8 && t <= Int64 }

// IsInteger reports whether t is a signed or unsigned integer type (booleans included).
func (t Type) IsInteger() bool { return t.IsUnsigned() || t.IsSigned() }

// IsString reports whether t holds text in Value.B.
func (t Type) IsString() bool {
	return t == String || t == StringZ || t == UintString || t == StringZPad || t == StringZTrunc
}

// IsBytes reports whether values of t are a byte sequence in Value.B that slices and byte comparisons
// apply to (Wireshark's "bytes-like" types).
func (t Type) IsBytes() bool {
	switch t {
	case Bytes, UintBytes, Ether, IPv4, IPv6, GUID, OID, EUI64, SystemID, Protocol:
		return true
	}
	return t.IsString()
}

// Size returns the width in bytes of an integer type, 0 for the others.
func (t Type) Size() int {
	switch t {
	case Bool, Char, Uint8, Int8:
		return 1
	case Uint16, Int16:
		return 2
	case Uint24, Int24:
		return 3
	case Uint32, Int32, FrameNum:
		return 4
	case Uint40, Int40:
		return 5
	case Uint48, Int48:
		return 6
	case Uint56, Int56:
		return 7
	case Uint64, Int64:
		return 8
	}
	return 0
}

// Base is how an integer field is displayed (Wireshark's field_display_e), or for a boolean field with a
// mask, the width in bits of the bitfield it lives in.
type Base uint16

// Display bases. For Bool fields the base is the bit width (8, 16, 24, 32, 64) instead.
const (
	BaseNone Base = iota
	Dec
	Hex
	Oct
	DecHex
	HexDec
	// Time display bases for AbsTime fields.
	TimeLocal
	TimeUTC
	TimeDOYUTC
	// TimeNTP is UTC where an all-zero timestamp means "not set" and shows as NULL (ENC_TIME_NTP).
	TimeNTP
	// Separators for Bytes fields.
	SepColon
	SepDash
	SepDot
	SepSpace
	// Strings: shown as they are (Wireshark STR_ASCII/STR_UNICODE).
	StrASCII
	// TimeFrame is local time for a frame's time stamp, whose value is unsigned (see FrameTime); on
	// a RelTime field, the frame time as seconds since the epoch.
	TimeFrame
)

var baseNames = map[Base]string{
	BaseNone: "BASE_NONE", Dec: "BASE_DEC", Hex: "BASE_HEX", Oct: "BASE_OCT", DecHex: "BASE_DEC_HEX",
	HexDec: "BASE_HEX_DEC", TimeLocal: "ABSOLUTE_TIME_LOCAL", TimeUTC: "ABSOLUTE_TIME_UTC",
	TimeDOYUTC: "ABSOLUTE_TIME_DOY_UTC", TimeNTP: "ABSOLUTE_TIME_UTC", SepColon: "SEP_COLON", SepDash: "SEP_DASH", SepDot: "SEP_DOT",
	SepSpace: "SEP_SPACE", StrASCII: "STR_ASCII", TimeFrame: "ABSOLUTE_TIME_LOCAL",
}

// String returns Wireshark's name of the base.
func (b Base) String() string {
	if s, ok := baseNames[b]; ok {
		return s
	}
	return ""
}
