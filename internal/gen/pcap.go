package gen

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
)

const (
	linkTypeEthernet = 1
	snapLen          = 262144
)

// capWriter writes frames as classic pcap or pcapng, little-endian, one interface.
type capWriter struct {
	w      *bufio.Writer
	ng     bool
	nano   bool
	start  int64 // Unix time of the capture start in ns
	hdr    [28]byte
	pad    [4]byte
	nBytes int64
}

func newCapWriter(w io.Writer, opt *Options) (*capWriter, error) {
	cw := &capWriter{w: bufio.NewWriterSize(w, 1<<20), ng: opt.PCAPNG, nano: opt.Nanosecond, start: opt.Start.UnixNano()}
	var err error
	if cw.ng {
		err = cw.writeNGHeader()
	} else {
		err = cw.writePcapHeader()
	}
	if err != nil {
		return nil, fmt.Errorf("write capture header: %w", err)
	}
	return cw, nil
}

func (cw *capWriter) writePcapHeader() error {
	var h [24]byte
	magic := uint32(0xa1b2c3d4)
	if cw.nano {
		magic = 0xa1b23c4d
	}
	le := binary.LittleEndian
	le.PutUint32(h[0:], magic)
	le.PutUint16(h[4:], 2)
	le.PutUint16(h[6:], 4)
	le.PutUint32(h[16:], snapLen)
	le.PutUint32(h[20:], linkTypeEthernet)
	_, err := cw.w.Write(h[:])
	cw.nBytes += 24
	return err
}

func (cw *capWriter) writeNGHeader() error {
	le := binary.LittleEndian
	// Section Header Block with shb_userappl.
	app := []byte("gencap (tshark-tui)")
	optLen := 4 + pad4(len(app)) + 4
	shbLen := 28 + optLen
	b := make([]byte, 0, shbLen+40)
	b = le.AppendUint32(b, 0x0A0D0D0A)
	b = le.AppendUint32(b, uint32(shbLen))
	b = le.AppendUint32(b, 0x1A2B3C4D)
	b = le.AppendUint16(b, 1)
	b = le.AppendUint16(b, 0)
	b = le.AppendUint64(b, ^uint64(0)) // section length unknown
	b = le.AppendUint16(b, 4)          // shb_userappl
	b = le.AppendUint16(b, uint16(len(app)))
	b = append(b, app...)
	b = append(b, make([]byte, pad4(len(app))-len(app))...)
	b = le.AppendUint32(b, 0) // opt_endofopt
	b = le.AppendUint32(b, uint32(shbLen))
	// Interface Description Block with if_tsresol.
	res := byte(6)
	if cw.nano {
		res = 9
	}
	idbLen := 20 + 8 + 4
	b = le.AppendUint32(b, 1)
	b = le.AppendUint32(b, uint32(idbLen))
	b = le.AppendUint16(b, linkTypeEthernet)
	b = le.AppendUint16(b, 0)
	b = le.AppendUint32(b, snapLen)
	b = le.AppendUint16(b, 9) // if_tsresol
	b = le.AppendUint16(b, 1)
	b = append(b, res, 0, 0, 0)
	b = le.AppendUint32(b, 0)
	b = le.AppendUint32(b, uint32(idbLen))
	_, err := cw.w.Write(b)
	cw.nBytes += int64(len(b))
	return err
}

func pad4(n int) int { return (n + 3) &^ 3 }

// writePacket writes one frame captured t ns after the capture start.
func (cw *capWriter) writePacket(t int64, data []byte) error {
	le := binary.LittleEndian
	abs := cw.start + t
	n := len(data)
	if cw.ng {
		units := uint64(abs / 1000)
		if cw.nano {
			units = uint64(abs)
		}
		total := 32 + pad4(n)
		h := cw.hdr[:28]
		le.PutUint32(h[0:], 6)
		le.PutUint32(h[4:], uint32(total))
		le.PutUint32(h[8:], 0)
		le.PutUint32(h[12:], uint32(units>>32))
		le.PutUint32(h[16:], uint32(units))
		le.PutUint32(h[20:], uint32(n))
		le.PutUint32(h[24:], uint32(n))
		cw.w.Write(h)
		cw.w.Write(data)
		cw.w.Write(cw.pad[:pad4(n)-n])
		var tail [4]byte
		le.PutUint32(tail[:], uint32(total))
		_, err := cw.w.Write(tail[:])
		cw.nBytes += int64(total)
		return err
	}
	sec := abs / 1e9
	frac := abs % 1e9
	if !cw.nano {
		frac /= 1000
	}
	h := cw.hdr[:16]
	le.PutUint32(h[0:], uint32(sec))
	le.PutUint32(h[4:], uint32(frac))
	le.PutUint32(h[8:], uint32(n))
	le.PutUint32(h[12:], uint32(n))
	cw.w.Write(h)
	_, err := cw.w.Write(data)
	cw.nBytes += int64(16 + n)
	return err
}

func (cw *capWriter) flush() error { return cw.w.Flush() }
