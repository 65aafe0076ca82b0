package gopacketio

import (
	"io"
	"time"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"

	"github.com/tshark-tui/tshark-tui/capture"
)

// Source reads packets from a capture.Reader as a gopacket data source. It implements
// gopacket.PacketDataSource and gopacket.ZeroCopyPacketDataSource.
//
// A damaged file yields the frames before the damage, then the reader's damage error
// (*capture.TruncatedError, *capture.CorruptError, ...) once, then io.EOF; Err keeps the damage.
type Source struct {
	r    capture.Reader
	last *capture.Packet
	err  error
	buf  []byte // reused copy of packets that live in a read-only mapping
}

// NewSource wraps r. Closing the Source closes r.
func NewSource(r capture.Reader) *Source { return &Source{r: r} }

// Open opens capture files like capture.OpenSequential (one file, several merged by time, "-" for
// standard input; compressed or not) and returns them as a Source. Files are read through a
// buffer rather than mapped: some of gopacket's decoders write into the packet they decode
// (layers.RadioTap removes driver padding in place), which a read-only mapping would turn into a
// fault.
func Open(paths ...string) (*Source, error) {
	r, err := capture.OpenSequential(paths...)
	if err != nil {
		return nil, err
	}
	return NewSource(r), nil
}

// Reader returns the capture.Reader the Source reads.
func (s *Source) Reader() capture.Reader { return s.r }

func (s *Source) next() (*capture.Packet, gopacket.CaptureInfo, error) {
	p, err := s.r.Next()
	if err != nil {
		s.last = nil
		if err != io.EOF && s.err == nil {
			s.err = err
		}
		return nil, gopacket.CaptureInfo{}, err
	}
	s.last = p
	return p, CaptureInfo(p), nil
}

// ReadPacketData returns a copy of the next packet's bytes, which the caller may keep.
func (s *Source) ReadPacketData() ([]byte, gopacket.CaptureInfo, error) {
	p, ci, err := s.next()
	if err != nil {
		return nil, ci, err
	}
	return append([]byte(nil), p.Data...), ci, nil
}

// ZeroCopyReadPacketData returns the next packet's bytes without copying them; they stay valid
// until the next call. A reader that hands out views into a read-only mapping (capture.Open of an
// uncompressed file) gets one copy into a reused buffer instead, because gopacket's decoders may
// write into the bytes they decode.
func (s *Source) ZeroCopyReadPacketData() ([]byte, gopacket.CaptureInfo, error) {
	p, ci, err := s.next()
	if err != nil {
		return nil, ci, err
	}
	return s.writable(p), ci, nil
}

// writable returns the packet's bytes in memory gopacket may write to.
func (s *Source) writable(p *capture.Packet) []byte {
	if !p.Stable {
		return p.Data
	}
	s.buf = append(s.buf[:0], p.Data...)
	return s.buf
}

// LinkType returns the link type of the first interface (a pcap file's only one), which is what
// gopacket.NewPacketSource needs as its decoder; ok is false when no interface is known yet (a
// pcapng stream declares its interfaces as it goes) or gopacket cannot name the type. Files or
// interfaces of several link types are read with NextPacket instead.
func (s *Source) LinkType() (lt layers.LinkType, ok bool) {
	if ifs := s.r.Interfaces(); len(ifs) > 0 {
		return LinkType(ifs[0].Link)
	}
	return layers.LinkTypeNull, false
}

// PacketLink returns the LINKTYPE_* number of the packet read last (merged files and pcapng may
// mix them), 0 before the first packet.
func (s *Source) PacketLink() uint16 {
	if s.last == nil {
		return 0
	}
	return s.last.Link
}

// NextPacket reads and decodes the next packet with its own interface's link type, for sources
// whose packets do not all share one (gopacket.PacketSource decodes everything with one decoder).
func (s *Source) NextPacket(opt gopacket.DecodeOptions) (gopacket.Packet, error) {
	p, ci, err := s.next()
	if err != nil {
		return nil, err
	}
	data := s.writable(p)
	if !opt.NoCopy {
		data = append([]byte(nil), data...)
	}
	pk := gopacket.NewPacket(data, decoderFor(p.Link), opt)
	m := pk.Metadata()
	m.CaptureInfo = ci
	m.Truncated = m.Truncated || ci.CaptureLength < ci.Length
	return pk, nil
}

// PacketSource returns a gopacket.PacketSource decoding with the first interface's link type
// (as payload when gopacket cannot name it). A pcapng stream that declares its first interface
// only with its first packet needs a packet read first; Open's files have theirs at once.
func (s *Source) PacketSource() *gopacket.PacketSource {
	var link uint16
	if ifs := s.r.Interfaces(); len(ifs) > 0 {
		link = ifs[0].Link
	}
	return gopacket.NewPacketSource(s, decoderFor(link))
}

// Interfaces lists the capture's interfaces; CaptureInfo.InterfaceIndex indexes it.
func (s *Source) Interfaces() []capture.Interface { return s.r.Interfaces() }

// Err returns the damage error that ended the capture, or nil after a clean end.
func (s *Source) Err() error { return s.err }

// Close closes the underlying reader.
func (s *Source) Close() error { return s.r.Close() }

// CaptureInfo converts a packet's metadata to gopacket's.
func CaptureInfo(p *capture.Packet) gopacket.CaptureInfo {
	return gopacket.CaptureInfo{
		Timestamp:      time.Unix(0, p.TS),
		CaptureLength:  int(p.CapLen),
		Length:         int(p.Len),
		InterfaceIndex: int(p.Iface),
	}
}

// LinkType converts a LINKTYPE_* number, as capture.Packet.Link and capture.Interface.Link carry
// it, to gopacket's layers.LinkType, whose values are the same numbers; the BSDs' DLT_RAW (12, 14)
// become LinkTypeRaw as libpcap maps them. ok is false for numbers gopacket v1.1.19 cannot hold:
// its LinkType is a uint8, so LINKTYPE_LINUX_SLL2 (276) and the other types above 255 have no
// layers.LinkType (the capture-filter compiler still takes them as uint16 through capture/bpf).
func LinkType(link uint16) (lt layers.LinkType, ok bool) {
	switch {
	case link == 12 || link == 14:
		return layers.LinkTypeRaw, true
	case link > 255:
		return layers.LinkTypeNull, false
	}
	return layers.LinkType(link), true
}

// Link converts a layers.LinkType back to the LINKTYPE_* number used by package capture.
func Link(t layers.LinkType) uint16 { return uint16(t) }

// decoderFor is the gopacket decoder of a LINKTYPE_* number; packets of link types gopacket
// cannot name decode as payload.
func decoderFor(link uint16) gopacket.Decoder {
	if lt, ok := LinkType(link); ok {
		return lt
	}
	return gopacket.DecodePayload
}
