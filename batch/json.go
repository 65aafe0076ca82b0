package batch

import (
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/output"
)

// json prints one packet in tshark's -T json shape (package output writes it).
func (p *printer) json(t *field.Tree, first bool) {
	p.buf = output.AppendJSONPacket(p.buf[:0], t, p.o.Fields, nil, false, first)
	p.w.Write(p.buf)
}
