package dissect

// Small formatting helpers shared by the protocol files (one definition each: protocol files must
// not declare their own copies).

// unsigned is any unsigned integer type.
type unsigned interface {
	~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uint
}

const hexDigits = "0123456789abcdef"

// hex2 formats the low byte of v as two lower-case hex digits ("0a").
func hex2[T unsigned](v T) string {
	u := uint64(v)
	return string([]byte{hexDigits[u>>4&15], hexDigits[u&15]})
}

// hex4 formats the low 16 bits of v as four lower-case hex digits ("0800").
func hex4[T unsigned](v T) string {
	u := uint64(v)
	return string([]byte{hexDigits[u>>12&15], hexDigits[u>>8&15], hexDigits[u>>4&15], hexDigits[u&15]})
}

// hex8 formats the low 32 bits of v as eight lower-case hex digits ("c0000016").
func hex8[T unsigned](v T) string { return hex4(uint64(v)>>16) + hex4(uint64(v)) }
