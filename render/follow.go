package render

import "github.com/tshark-tui/tshark-tui/stream"

// Follow Stream text, shared by the command line's -z follow reports and the terminal UI's Follow
// Stream view: the same modes and the same escaping of packet bytes (nothing raw reaches a
// terminal).

// FollowMode is how followed data is shown: ASCII, hex dump, C arrays, raw hex or YAML.
type FollowMode = stream.Mode

// The follow modes.
const (
	FollowASCII   = stream.ASCII
	FollowHex     = stream.Hex
	FollowCArrays = stream.CArrays
	FollowRaw     = stream.Raw
	FollowYAML    = stream.YAML
)

// FollowChunkBytes returns a chunk's bytes (nil for a gap).
func FollowChunkBytes(c stream.Chunk, src stream.ByteSource) []byte { return stream.ChunkBytes(c, src) }

// AppendFollowASCII appends data with every byte that is not printable ASCII (or a line break) as
// '.', as tshark's ASCII follow mode.
func AppendFollowASCII(b, data []byte) []byte { return stream.AppendASCII(b, data) }

// AppendFollowHexDump appends data as tshark's follow hex dump, offsets starting at off.
func AppendFollowHexDump(b []byte, prefix string, off uint32, data []byte) []byte {
	return stream.AppendHexDump(b, prefix, off, data)
}

// AppendFollowCArrays appends the directions dirs (bit 0 client, bit 1 server) as C arrays.
func AppendFollowCArrays(b []byte, f *stream.Follow, src stream.ByteSource, dirs uint8) []byte {
	return stream.AppendCArrays(b, f, src, dirs)
}

// AppendFollowYAML appends the directions dirs as Wireshark's YAML.
func AppendFollowYAML(b []byte, f *stream.Follow, src stream.ByteSource, dirs uint8) []byte {
	return stream.AppendYAML(b, f, src, dirs)
}
