package capture_test

import (
	"encoding/binary"
)

// Builders for small captures written byte by byte.

type rec struct {
	sec, frac uint32
	data      []byte
	orig      uint32 // 0 = len(data)
}

// pcapFile builds a pcap file with magic (as a little-endian value) in the
// given byte order.
func pcapFile(big bool, magic uint32, link uint32, recs ...rec) []byte {
	var o order = binary.LittleEndian
	if big {
		o = binary.BigEndian
	}
	b := o.AppendUint32(nil, magic)
	b = o.AppendUint16(b, 2)
	b = o.AppendUint16(b, 4)
	b = o.AppendUint32(b, 0)
	b = o.AppendUint32(b, 0)
	b = o.AppendUint32(b, 65535)
	b = o.AppendUint32(b, link)
	for _, r := range recs {
		orig := r.orig
		if orig == 0 {
			orig = uint32(len(r.data))
		}
		b = o.AppendUint32(b, r.sec)
		b = o.AppendUint32(b, r.frac)
		b = o.AppendUint32(b, uint32(len(r.data)))
		b = o.AppendUint32(b, orig)
		b = append(b, r.data...)
	}
	return b
}

// ng builds pcapng blocks in one byte order.
type ng struct {
	o   order
	buf []byte
}

func newNG(big bool) *ng {
	if big {
		return &ng{o: binary.BigEndian}
	}
	return &ng{o: binary.LittleEndian}
}

type opt struct {
	code uint16
	val  []byte
}

func (n *ng) opts(b []byte, os []opt) []byte {
	if len(os) == 0 {
		return b
	}
	for _, op := range os {
		b = n.o.AppendUint16(b, op.code)
		b = n.o.AppendUint16(b, uint16(len(op.val)))
		b = append(b, op.val...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
	}
	return append(b, 0, 0, 0, 0)
}

func (n *ng) block(t uint32, body []byte) *ng {
	for len(body)%4 != 0 {
		body = append(body, 0)
	}
	l := uint32(12 + len(body))
	n.buf = n.o.AppendUint32(n.buf, t)
	n.buf = n.o.AppendUint32(n.buf, l)
	n.buf = append(n.buf, body...)
	n.buf = n.o.AppendUint32(n.buf, l)
	return n
}

func (n *ng) shb() *ng {
	b := n.o.AppendUint32(nil, 0x1A2B3C4D)
	b = n.o.AppendUint16(b, 1)
	b = n.o.AppendUint16(b, 0)
	b = n.o.AppendUint64(b, ^uint64(0))
	return n.block(0x0A0D0D0A, b)
}

func (n *ng) idb(link uint16, snap uint32, os ...opt) *ng {
	b := n.o.AppendUint16(nil, link)
	b = n.o.AppendUint16(b, 0)
	b = n.o.AppendUint32(b, snap)
	return n.block(1, n.opts(b, os))
}

func (n *ng) epb(iface uint32, ts uint64, data []byte, orig uint32, os ...opt) *ng {
	if orig == 0 {
		orig = uint32(len(data))
	}
	b := n.o.AppendUint32(nil, iface)
	b = n.o.AppendUint32(b, uint32(ts>>32))
	b = n.o.AppendUint32(b, uint32(ts))
	b = n.o.AppendUint32(b, uint32(len(data)))
	b = n.o.AppendUint32(b, orig)
	b = append(b, data...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return n.block(6, n.opts(b, os))
}

func (n *ng) pb(iface uint16, drops uint16, ts uint64, data []byte) *ng {
	b := n.o.AppendUint16(nil, iface)
	b = n.o.AppendUint16(b, drops)
	b = n.o.AppendUint32(b, uint32(ts>>32))
	b = n.o.AppendUint32(b, uint32(ts))
	b = n.o.AppendUint32(b, uint32(len(data)))
	b = n.o.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	return n.block(2, b)
}

func (n *ng) spb(orig uint32, data []byte) *ng {
	b := n.o.AppendUint32(nil, orig)
	return n.block(3, append(b, data...))
}

func (n *ng) u32(v uint32) []byte { return n.o.AppendUint32(nil, v) }
func (n *ng) u64(v uint64) []byte { return n.o.AppendUint64(nil, v) }

func bytesN(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = seed + byte(i)
	}
	return b
}

// order is a byte order that can append.
type order interface {
	binary.ByteOrder
	binary.AppendByteOrder
}
