package capture

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// PacketWriter writes packets to a capture file (-w, export of marked
// packets).
type PacketWriter interface {
	WritePacket(p *Packet) error
	Flush() error
}

// PcapWriter writes a little-endian pcap file with one link type.
type PcapWriter struct {
	w     *bufio.Writer
	nanos bool
	hdr   [16]byte
}

// NewPcapWriter writes the pcap file header for link and snaplen; nanos
// selects the nanosecond-resolution magic (0xa1b23c4d). Call Flush at the
// end.
func NewPcapWriter(w io.Writer, link uint16, snaplen uint32, nanos bool) (*PcapWriter, error) {
	pw := &PcapWriter{w: bufio.NewWriterSize(w, 64<<10), nanos: nanos}
	var h [24]byte
	magic := uint32(magicMicro)
	if nanos {
		magic = magicNano
	}
	le := binary.LittleEndian
	le.PutUint32(h[0:], magic)
	le.PutUint16(h[4:], 2)
	le.PutUint16(h[6:], 4)
	le.PutUint32(h[16:], snaplen)
	le.PutUint32(h[20:], uint32(link))
	if _, err := pw.w.Write(h[:]); err != nil {
		return nil, fmt.Errorf("write pcap header: %w", err)
	}
	return pw, nil
}

// splitTS returns the whole seconds and the remaining nanoseconds of a frame time (unsigned
// nanoseconds, see Packet.TS).
func splitTS(ts int64) (sec int64, ns int64) {
	u := uint64(ts)
	return int64(u / 1e9), int64(u % 1e9)
}

// WritePacket appends one record.
func (pw *PcapWriter) WritePacket(p *Packet) error {
	sec, ns := splitTS(p.TS)
	frac := ns / 1000
	if pw.nanos {
		frac = ns
	}
	le := binary.LittleEndian
	le.PutUint32(pw.hdr[0:], uint32(sec))
	le.PutUint32(pw.hdr[4:], uint32(frac))
	le.PutUint32(pw.hdr[8:], uint32(len(p.Data)))
	wire := p.Len
	if wire < uint32(len(p.Data)) {
		wire = uint32(len(p.Data))
	}
	le.PutUint32(pw.hdr[12:], wire)
	if _, err := pw.w.Write(pw.hdr[:]); err != nil {
		return fmt.Errorf("write pcap record: %w", err)
	}
	if _, err := pw.w.Write(p.Data); err != nil {
		return fmt.Errorf("write pcap record: %w", err)
	}
	return nil
}

// Flush writes buffered data to the underlying writer.
func (pw *PcapWriter) Flush() error { return pw.w.Flush() }

// PcapngWriter writes a little-endian pcapng file: one section, the given
// interfaces (with nanosecond time stamps) and enhanced packet blocks.
type PcapngWriter struct {
	w      *bufio.Writer
	nIface int
	buf    []byte
}

// NewPcapngWriter writes the section header and one interface description
// block per interface; Packet.Iface indexes ifaces. Call Flush at the end.
func NewPcapngWriter(w io.Writer, ifaces []Interface) (*PcapngWriter, error) {
	pw := &PcapngWriter{w: bufio.NewWriterSize(w, 64<<10), nIface: len(ifaces)}
	// Section header block: byte-order magic, version 1.0, unknown length.
	b := pw.begin(blockSHB)
	b = binary.LittleEndian.AppendUint32(b, bomLE)
	b = binary.LittleEndian.AppendUint16(b, 1)
	b = binary.LittleEndian.AppendUint16(b, 0)
	b = binary.LittleEndian.AppendUint64(b, ^uint64(0))
	b = appendOption(b, 4, []byte("tshark-tui")) // shb_userappl
	b = appendOption(b, 0, nil)
	pw.buf = b
	if err := pw.end(); err != nil {
		return nil, err
	}
	for _, ifc := range ifaces {
		b := pw.begin(blockIDB)
		b = binary.LittleEndian.AppendUint16(b, ifc.Link)
		b = binary.LittleEndian.AppendUint16(b, 0)
		b = binary.LittleEndian.AppendUint32(b, ifc.SnapLen)
		if ifc.Name != "" {
			b = appendOption(b, 2, []byte(ifc.Name))
		}
		if ifc.Description != "" {
			b = appendOption(b, 3, []byte(ifc.Description))
		}
		b = appendOption(b, 9, []byte{9}) // if_tsresol: nanoseconds
		b = appendOption(b, 0, nil)
		pw.buf = b
		if err := pw.end(); err != nil {
			return nil, err
		}
	}
	return pw, nil
}

// begin starts a block in pw.buf with its type and a length placeholder.
func (pw *PcapngWriter) begin(btype uint32) []byte {
	b := pw.buf[:0]
	b = binary.LittleEndian.AppendUint32(b, btype)
	return binary.LittleEndian.AppendUint32(b, 0)
}

// end fills in the block length, appends the trailer and writes the block.
func (pw *PcapngWriter) end() error {
	n := uint32(len(pw.buf) + 4)
	binary.LittleEndian.PutUint32(pw.buf[4:], n)
	pw.buf = binary.LittleEndian.AppendUint32(pw.buf, n)
	if _, err := pw.w.Write(pw.buf); err != nil {
		return fmt.Errorf("write pcapng block: %w", err)
	}
	return nil
}

// appendOption appends one option, padded to 4 bytes.
func appendOption(b []byte, code uint16, v []byte) []byte {
	b = binary.LittleEndian.AppendUint16(b, code)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(v)))
	b = append(b, v...)
	for i := len(v); i%4 != 0; i++ {
		b = append(b, 0)
	}
	return b
}

// errIfaceRange reports a packet whose interface was not declared.
var errIfaceRange = errors.New("packet interface not among the writer's interfaces")

// WritePacket appends one enhanced packet block with the packet's comments,
// flags and drop count.
func (pw *PcapngWriter) WritePacket(p *Packet) error {
	if int(p.Iface) >= pw.nIface {
		return fmt.Errorf("write pcapng packet: interface %d of %d: %w", p.Iface, pw.nIface, errIfaceRange)
	}
	b := pw.begin(blockEPB)
	le := binary.LittleEndian
	ts := uint64(p.TS)
	b = le.AppendUint32(b, p.Iface)
	b = le.AppendUint32(b, uint32(ts>>32))
	b = le.AppendUint32(b, uint32(ts))
	b = le.AppendUint32(b, uint32(len(p.Data)))
	wire := p.Len
	if wire < uint32(len(p.Data)) {
		wire = uint32(len(p.Data))
	}
	b = le.AppendUint32(b, wire)
	b = append(b, p.Data...)
	for i := len(p.Data); i%4 != 0; i++ {
		b = append(b, 0)
	}
	hasOpt := false
	for _, c := range p.Comments {
		if len(c) > 0xffff {
			c = c[:0xffff]
		}
		b = appendOption(b, 1, []byte(c))
		hasOpt = true
	}
	if p.Flags != 0 {
		b = appendOption(b, 2, le.AppendUint32(nil, p.Flags))
		hasOpt = true
	}
	if p.DropCount != 0 {
		b = appendOption(b, 4, le.AppendUint64(nil, p.DropCount))
		hasOpt = true
	}
	if hasOpt {
		b = appendOption(b, 0, nil)
	}
	pw.buf = b
	return pw.end()
}

// Flush writes buffered data to the underlying writer.
func (pw *PcapngWriter) Flush() error { return pw.w.Flush() }
