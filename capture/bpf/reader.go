package bpf

import (
	"github.com/tshark-tui/tshark-tui/capture"
)

// Reader passes on only the packets a capture filter accepts, like tcpdump -r FILE EXPR. The
// expression is compiled for each link type as packets of that type appear; a link type the
// compiler does not know makes Next fail.
type Reader struct {
	r     capture.Reader
	expr  string
	progs map[uint16]*Program
}

// NewReader wraps r with the filter expr. The expression's syntax is checked at once.
func NewReader(r capture.Reader, expr string) (*Reader, error) {
	if _, err := parse(expr); err != nil {
		return nil, err
	}
	return &Reader{r: r, expr: expr, progs: map[uint16]*Program{}}, nil
}

// Next returns the next accepted packet.
func (f *Reader) Next() (*capture.Packet, error) {
	for {
		p, err := f.r.Next()
		if err != nil {
			return nil, err
		}
		prog, ok := f.progs[p.Link]
		if !ok {
			prog, err = Compile(f.expr, p.Link, 0)
			if err != nil {
				return nil, err
			}
			f.progs[p.Link] = prog
		}
		if prog.Match(p.Data, p.Len) {
			return p, nil
		}
	}
}

// Interfaces returns the underlying reader's interfaces.
func (f *Reader) Interfaces() []capture.Interface { return f.r.Interfaces() }

// Close closes the underlying reader.
func (f *Reader) Close() error { return f.r.Close() }

// Mapping forwards to the underlying reader when it maps its files (capture.Mapped).
func (f *Reader) Mapping(file int) []byte {
	if m, ok := f.r.(capture.Mapped); ok {
		return m.Mapping(file)
	}
	return nil
}
