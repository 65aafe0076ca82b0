// Package stream owns transport conversations as byte streams: per-direction TCP reassembly
// (Reassembler), tshark's "Follow TCP/UDP Stream" model (TCPFollower, UDPFollower) and its text
// renderings (ascii, hex, raw, C arrays, YAML).
//
// Streams hold references to frame bytes (frame number, offset, length), never copies: the bytes are
// read through a ByteSource (the packet store, or a small buffer in a one-pass run) only when the
// stream is shown. Sequence numbers are compared modulo 2^32, so streams survive wrap-around.
//
// stream sits on floor 2 of ARCHITECTURE.md: it imports only floor-1 packages (store) and must not
// import dissect, render, engine or ui.
package stream

import "github.com/tshark-tui/tshark-tui/store"

// ByteSource gives the bytes of a frame. store.Store satisfies it through StoreSource.
type ByteSource interface {
	Bytes(frame uint32) []byte
}

// StoreSource reads frame bytes from a packet store.
type StoreSource struct{ S *store.Store }

// Bytes returns the bytes of frame n.
func (s StoreSource) Bytes(n uint32) []byte { return s.S.Bytes(store.FrameNo(n)) }

// MapSource is a ByteSource over bytes kept per frame (a one-pass run copies only the payloads of
// the stream it follows).
type MapSource map[uint32][]byte

// Bytes returns the bytes kept for frame n.
func (m MapSource) Bytes(n uint32) []byte { return m[n] }

// Ref points at Len bytes at offset Off of frame Frame.
type Ref struct {
	Frame    uint32
	Off, Len uint32
}

// Slice returns the referenced bytes from src (nil when they are not there).
func (r Ref) Slice(src ByteSource) []byte {
	b := src.Bytes(r.Frame)
	if uint64(r.Off)+uint64(r.Len) > uint64(len(b)) {
		return nil
	}
	return b[r.Off : r.Off+r.Len : r.Off+r.Len]
}

// TCP flag bits a Segment carries.
const (
	FlagFIN = 0x01
	FlagSYN = 0x02
	FlagRST = 0x04
	FlagACK = 0x10
)

// Segment is one TCP segment as reassembly sees it: its sequence number, its length in sequence
// space (without SYN/FIN), where its captured payload lies, and the acknowledgment it carries.
type Segment struct {
	Data   Ref    // captured payload (Data.Len may be less than Len when the capture was cut)
	Seq    uint32 // sequence number of the segment (of the SYN itself when Flags has FlagSYN)
	Len    uint32 // payload length in sequence space (tcp.len)
	Ack    uint32
	Flags  uint8
	Frame  uint32 // frame the segment is in (== Data.Frame)
	Ignore bool   // keep out of the data (reserved for callers marking bad segments)
}

// Chunk is a piece of a reassembled direction: either bytes (Data) or a gap of Missing bytes the
// capture does not hold. Seq is where it starts in sequence space.
type Chunk struct {
	Dir     uint8 // 0 = client (node 0), 1 = server (node 1)
	Seq     uint32
	Data    Ref
	Missing uint32
	// Marker is tshark's text for a gap it learned of from an acknowledgment: "[N bytes missing in
	// capture file]" followed by a NUL, printed in place of the data.
	Marker bool
}

// Frame returns the frame a chunk came from (the one that revealed the gap, for gaps).
func (c Chunk) Frame() uint32 { return c.Data.Frame }

func seqLT(a, b uint32) bool { return int32(a-b) < 0 }
func seqGT(a, b uint32) bool { return int32(a-b) > 0 }
