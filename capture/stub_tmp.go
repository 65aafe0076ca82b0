package capture

// TEMPORARY stand-in until the real reader lands from the capture branch. Deleted at merge.

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
)

type Packet struct {
	TS        int64
	CapLen    uint32
	Len       uint32
	Link      uint16
	Iface     uint32
	Data      []byte
	Stable    bool
	File      int
	Offset    int64
	Comments  []string
	Flags     uint32
	DropCount uint64
}

type Interface struct {
	Name, Description string
	Link              uint16
	SnapLen           uint32
	TSResolNs         int64
	File              int
}

type Reader interface {
	Next() (*Packet, error)
	Interfaces() []Interface
	Close() error
}

type stub struct {
	b    []byte
	off  int
	bo   binary.ByteOrder
	nano bool
	link uint16
	p    Packet
}

func Open(paths ...string) (Reader, error) {
	b, err := os.ReadFile(paths[0])
	if err != nil {
		return nil, err
	}
	if len(b) < 24 {
		return nil, errors.New("short")
	}
	s := &stub{b: b, off: 24}
	switch binary.LittleEndian.Uint32(b) {
	case 0xa1b2c3d4:
		s.bo = binary.LittleEndian
	case 0xa1b23c4d:
		s.bo, s.nano = binary.LittleEndian, true
	case 0xd4c3b2a1:
		s.bo = binary.BigEndian
	case 0x4d3cb2a1:
		s.bo, s.nano = binary.BigEndian, true
	default:
		return nil, errors.New("not pcap")
	}
	s.link = uint16(s.bo.Uint32(b[20:]))
	return s, nil
}

func (s *stub) Next() (*Packet, error) {
	if s.off+16 > len(s.b) {
		return nil, io.EOF
	}
	h := s.b[s.off:]
	sec, frac := int64(s.bo.Uint32(h)), int64(s.bo.Uint32(h[4:]))
	cl, l := s.bo.Uint32(h[8:]), s.bo.Uint32(h[12:])
	if !s.nano {
		frac *= 1000
	}
	if s.off+16+int(cl) > len(s.b) {
		return nil, io.EOF
	}
	s.p = Packet{TS: sec*1e9 + frac, CapLen: cl, Len: l, Link: s.link, Data: s.b[s.off+16 : s.off+16+int(cl)], Stable: true, Offset: int64(s.off + 16)}
	s.off += 16 + int(cl)
	return &s.p, nil
}

func (s *stub) Interfaces() []Interface {
	r := int64(1000)
	if s.nano {
		r = 1
	}
	return []Interface{{Link: s.link, TSResolNs: r}}
}
func (s *stub) Close() error { return nil }
