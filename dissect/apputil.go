package dissect

import "github.com/tshark-tui/tshark-tui/field"

// Helpers shared by the database and application dissectors (pgsql.go, mysql.go, mqtt.go, ...).

// stringzLen returns the length of the NUL-terminated string at o without its NUL, and the length
// it occupies (with the NUL, or to the end of t when there is none).
func stringzLen(t Tvb, o int) (n, size int) {
	if o >= t.Len() {
		return 0, 0
	}
	i := t.IndexByte(o, 0)
	if i < 0 {
		return t.Len() - o, t.Len() - o
	}
	return i - o, i - o + 1
}

// addStringz adds a FT_STRINGZ field for the NUL-terminated string at o, its item covering the NUL,
// and returns the node and the bytes occupied.
func (c *Ctx) addStringz(parent int32, hf field.ID, t Tvb, o int) (int32, int) {
	n, size := stringzLen(t, o)
	return c.AddBytesV(parent, hf, t, o, size, asciiString(t.Bytes(o, n))), size
}
