package objects

import (
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

func init() { Register("imf", func() Collector { return &imfObjects{} }) }

// imfObjects collects mail messages (IMF), named after their subject with ".eml".
type imfObjects struct{ objs []Object }

var (
	hfIMF        = hf("imf")
	hfIMFSubject = hf("imf.subject")
	hfIMFFrom    = hf("imf.from")
)

func (m *imfObjects) Fields() []field.ID { return []field.ID{hfIMF, hfIMFSubject, hfIMFFrom} }

func (m *imfObjects) Collect(c *dissect.Ctx, t *field.Tree) {
	for i := 1; i < len(t.Nodes); i++ {
		n := &t.Nodes[i]
		if n.Field != hfIMF {
			continue
		}
		var subject, from string
		walkBelow(t, int32(i), func(k *field.Node) {
			switch k.Field {
			case hfIMFSubject:
				subject = string(k.Value.B)
			case hfIMFFrom:
				from = string(k.Value.B)
			}
		})
		m.objs = append(m.objs, Object{Frame: c.Frame.Number, Hostname: from, ContentType: "EML file",
			Filename: subject + ".eml", Data: append([]byte(nil), t.Bytes(n)...)})
	}
}

func (m *imfObjects) Objects() []Object { return m.objs }
