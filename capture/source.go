package capture

import (
	"bufio"
	"io"
)

// source is the byte supply of a format reader: a memory mapping (views,
// stable) or a stream (a reused buffer, valid until the next call).
type source interface {
	// next returns the next n bytes. It returns io.EOF when no byte is
	// left and io.ErrUnexpectedEOF (with no bytes) when fewer than n are.
	next(n int) ([]byte, error)
	// skip discards n bytes with the same error convention as next.
	skip(n int64) error
	// offset is the position of the next byte.
	offset() int64
	// stable reports whether slices from next outlive the next call.
	stable() bool
}

// memSource reads from a byte slice that stays valid until Close.
type memSource struct {
	data []byte
	off  int64
}

func (m *memSource) next(n int) ([]byte, error) {
	rest := int64(len(m.data)) - m.off
	if n == 0 {
		return m.data[m.off:m.off:m.off], nil
	}
	if rest == 0 {
		return nil, io.EOF
	}
	if n < 0 || int64(n) > rest {
		m.off = int64(len(m.data))
		return nil, io.ErrUnexpectedEOF
	}
	b := m.data[m.off : m.off+int64(n) : m.off+int64(n)]
	m.off += int64(n)
	return b, nil
}

func (m *memSource) skip(n int64) error {
	rest := int64(len(m.data)) - m.off
	if rest == 0 && n > 0 {
		return io.EOF
	}
	if n < 0 || n > rest {
		m.off = int64(len(m.data))
		return io.ErrUnexpectedEOF
	}
	m.off += n
	return nil
}

func (m *memSource) offset() int64 { return m.off }
func (m *memSource) stable() bool  { return true }

// streamSource reads sequentially from an io.Reader through a buffer.
type streamSource struct {
	r   *bufio.Reader
	buf []byte // for records larger than the bufio buffer
	off int64
}

const streamBufSize = 256 << 10

func newStreamSource(r io.Reader) *streamSource {
	if br, ok := r.(*bufio.Reader); ok && br.Size() >= streamBufSize {
		return &streamSource{r: br}
	}
	return &streamSource{r: bufio.NewReaderSize(r, streamBufSize)}
}

func (s *streamSource) next(n int) ([]byte, error) {
	if n < 0 {
		return nil, io.ErrUnexpectedEOF
	}
	if n <= s.r.Size() {
		b, err := s.r.Peek(n)
		if err != nil {
			if len(b) == 0 && err == io.EOF {
				return nil, io.EOF
			}
			if err == io.EOF {
				s.off += int64(len(b))
				_, _ = s.r.Discard(len(b))
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		_, _ = s.r.Discard(n)
		s.off += int64(n)
		return b, nil
	}
	// Grow the buffer as bytes arrive, so that a damaged length field in
	// a short stream cannot make us allocate up to the block size limit.
	b := s.buf[:0]
	for len(b) < n {
		want := min(n-len(b), 1<<20)
		if cap(b)-len(b) < want {
			nb := make([]byte, len(b), max(2*cap(b), len(b)+want))
			copy(nb, b)
			b = nb
		}
		k, err := io.ReadFull(s.r, b[len(b):len(b)+want])
		b = b[:len(b)+k]
		s.off += int64(k)
		if err != nil {
			s.buf = b[:0]
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				if len(b) == 0 && err == io.EOF {
					return nil, io.EOF
				}
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
	}
	s.buf = b[:0]
	return b, nil
}

func (s *streamSource) skip(n int64) error {
	if n <= 0 {
		return nil
	}
	var done int64
	for done < n {
		chunk := n - done
		if chunk > 1<<30 {
			chunk = 1 << 30
		}
		k, err := s.r.Discard(int(chunk))
		done += int64(k)
		s.off += int64(k)
		if err != nil {
			if err == io.EOF {
				if done == 0 {
					return io.EOF
				}
				return io.ErrUnexpectedEOF
			}
			return err
		}
	}
	return nil
}

func (s *streamSource) offset() int64 { return s.off }
func (s *streamSource) stable() bool  { return false }
