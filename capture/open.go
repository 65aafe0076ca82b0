package capture

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
)

// Mapped is implemented by readers whose Stable packets are views into
// memory-mapped files: Mapping returns the whole mapping of file (nil when
// that file is read as a stream). Packet.Offset indexes into it. The mapping
// stays valid until Close.
type Mapped interface {
	Mapping(file int) []byte
}

// Open opens one capture file, or several merged by time stamp like
// mergecap. "-" means standard input. Format and compression (gzip, zstd,
// lz4) are recognised by their magic numbers, not by the file name.
func Open(paths ...string) (Reader, error) { return open(paths, true) }

// OpenSequential is Open for one pass from start to end (tshark's batch mode): files are read
// through a buffer instead of being mapped, so memory stays small however large the file, and
// packets are not Stable.
func OpenSequential(paths ...string) (Reader, error) { return open(paths, false) }

func open(paths []string, mapped bool) (Reader, error) {
	switch len(paths) {
	case 0:
		return nil, errors.New("open capture: no file given")
	case 1:
		return openOne(paths[0], mapped)
	}
	rs := make([]Reader, 0, len(paths))
	for _, p := range paths {
		r, err := openOne(p, mapped)
		if err != nil {
			for _, o := range rs {
				_ = o.Close()
			}
			return nil, err
		}
		rs = append(rs, r)
	}
	return newMerge(rs)
}

// openOne opens a single path, mapping it when it is an uncompressed
// regular file.
func openOne(path string, mapped bool) (Reader, error) {
	if path == "-" {
		return NewReader(os.Stdin, "-")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &OpenError{File: path, Err: err}
	}
	st, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("open capture: %w", err)
	}
	if st.Mode().IsRegular() && mapped {
		if st.Size() == 0 {
			_ = f.Close()
			return emptyReader{}, nil
		}
		if data, unmap, ok := mapFile(f, st.Size()); ok {
			if len(data) >= 4 && compression(data[:4]) == "" {
				c := &mapCloser{f: f, unmap: unmap}
				r, err := newFormatReader(&memSource{data: data}, data, path, c)
				if err != nil {
					_ = c.Close()
					return nil, err
				}
				return r, nil
			}
			_ = unmap()
		}
	}
	r, err := newStreamReader(f, path, f)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return r, nil
}

// NewReader reads a capture sequentially from r (which may be compressed);
// name is used in error messages. Packets are not Stable. Close does not
// close r.
func NewReader(r io.Reader, name string) (Reader, error) {
	return newStreamReader(r, name, nil)
}

func newStreamReader(r io.Reader, name string, file io.Closer) (Reader, error) {
	br := bufio.NewReaderSize(r, streamBufSize)
	magic, err := br.Peek(4)
	if len(magic) == 0 && err == io.EOF {
		return emptyReader{closer: file}, nil
	}
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	closer := file
	if kind := compression(magic); kind != "" {
		dec, err := decompressor(kind, br)
		if err != nil {
			return nil, fmt.Errorf("read %s: %s: %w", name, kind, err)
		}
		closer = multiCloser{dec, file}
		br = bufio.NewReaderSize(dec, streamBufSize)
		magic, err = br.Peek(4)
		if len(magic) == 0 && err == io.EOF {
			return emptyReader{closer: closer}, nil
		}
		if err != nil && err != io.EOF {
			_ = dec.Close()
			return nil, fmt.Errorf("read %s: %s: %w", name, kind, err)
		}
		rd, err := newFormatReader(newStreamSource(br), nil, name, closer)
		if err != nil {
			_ = dec.Close()
		}
		return rd, err
	}
	return newFormatReader(newStreamSource(br), nil, name, closer)
}

// newFormatReader picks pcap or pcapng by the magic at the start of src.
func newFormatReader(src source, mapping []byte, name string, closer io.Closer) (Reader, error) {
	var magic []byte
	switch s := src.(type) {
	case *memSource:
		magic = s.data[:min(4, len(s.data))]
	case *streamSource:
		magic, _ = s.r.Peek(4)
	}
	if len(magic) < 4 {
		return nil, &FormatError{File: name}
	}
	switch binary.LittleEndian.Uint32(magic) {
	case magicMicro, magicNano, magicModified, magicMicroBE, magicNanoBE, magicModBE:
		r, err := newPcapReader(src, name, closer)
		if err != nil {
			return nil, err
		}
		if mapping != nil {
			return &mappedPcap{r, mapping}, nil
		}
		return r, nil
	case blockSHB:
		r, err := newPcapngReader(src, name, closer)
		if err != nil {
			return nil, err
		}
		if mapping != nil {
			return &mappedPcapng{r, mapping}, nil
		}
		return r, nil
	}
	return nil, &FormatError{File: name}
}

type mappedPcap struct {
	*pcapReader
	data []byte
}

// Mapping implements Mapped.
func (m *mappedPcap) Mapping(file int) []byte {
	if file != 0 {
		return nil
	}
	return m.data
}

type mappedPcapng struct {
	*pcapngReader
	data []byte
}

// Mapping implements Mapped.
func (m *mappedPcapng) Mapping(file int) []byte {
	if file != 0 {
		return nil
	}
	return m.data
}

// compression names the compression whose magic starts b, or "".
func compression(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b:
		return "gzip"
	case len(b) >= 4 && binary.LittleEndian.Uint32(b) == 0xFD2FB528:
		return "zstd"
	case len(b) >= 4 && binary.LittleEndian.Uint32(b) == 0x184D2204:
		return "lz4"
	}
	return ""
}

// decompressor wraps r for kind; Close releases decoder resources.
func decompressor(kind string, r io.Reader) (io.ReadCloser, error) {
	switch kind {
	case "gzip":
		return gzip.NewReader(r)
	case "zstd":
		d, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, err
		}
		return zstdCloser{d}, nil
	case "lz4":
		return io.NopCloser(lz4.NewReader(r)), nil
	}
	return nil, fmt.Errorf("unknown compression %q", kind)
}

type zstdCloser struct{ *zstd.Decoder }

func (z zstdCloser) Close() error { z.Decoder.Close(); return nil }

// multiCloser closes a decoder and then the file under it.
type multiCloser struct {
	a io.Closer
	b io.Closer
}

func (m multiCloser) Close() error {
	err := m.a.Close()
	if m.b != nil {
		if e := m.b.Close(); err == nil {
			err = e
		}
	}
	return err
}

// mapCloser unmaps a file and closes it.
type mapCloser struct {
	f     *os.File
	unmap func() error
}

func (m *mapCloser) Close() error {
	err := m.unmap()
	if e := m.f.Close(); err == nil {
		err = e
	}
	return err
}

// emptyReader is an empty input: tshark reads an empty file as a capture
// with no packets.
type emptyReader struct{ closer io.Closer }

func (emptyReader) Next() (*Packet, error)  { return nil, io.EOF }
func (emptyReader) Interfaces() []Interface { return nil }
func (e emptyReader) Close() error {
	if e.closer != nil {
		return e.closer.Close()
	}
	return nil
}
