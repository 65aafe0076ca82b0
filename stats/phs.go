package stats

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// PHSNode is one protocol of the hierarchy with the frames and bytes that contained it on that path.
type PHSNode struct {
	Abbrev   string
	Frames   uint64
	Bytes    uint64
	Children []*PHSNode
}

// PHS is the -z io,phs tap: the protocol hierarchy built from each frame's top-level tree items, each
// nested under the one before it, as Wireshark's protocol hierarchy statistics do.
type PHS struct {
	Root   PHSNode
	filter *displayfilter.Filter
	text   string
}

// NewPHS parses "io,phs[,FILTER]".
func NewPHS(arg string) (*PHS, error) {
	rest, ok := splitArg(arg, "io,phs")
	if !ok {
		return nil, fmt.Errorf("invalid \"-z io,phs[,<filter>]\" argument")
	}
	f, err := filterPart(rest)
	if err != nil {
		return nil, err
	}
	return &PHS{filter: f, text: rest}, nil
}

// phsSkip are the protocols whose own items never sit at the top level of a tree (except the
// reassembly items in phsKeep), so the hierarchy need not ask for them: they are the bulk of every
// frame's items, and building them is most of the cost of a full tree.
var phsSkip = map[string]bool{
	"frame": true, "eth": true, "vlan": true, "ip": true, "ipv6": true, "tcp": true,
	"udp": true, "icmp": true, "icmpv6": true, "dns": true,
}

// phsKeep are the lower layers' items that do sit at the top level: the reassembled segments and
// fragments.
var phsKeep = map[string]bool{"tcp.segments": true, "ip.fragments": true, "ipv6.fragments": true}

// Fields lists what the hierarchy reads: the items that may sit at the top level of a tree (tshark
// registers this tap with TL_REQUIRES_PROTO_TREE and counts every top-level item). Protocol nodes
// are always built; of the other items, those of the protocols in phsSkip are left out.
func (p *PHS) Fields() []field.ID {
	fs := make([]field.ID, 0, dissect.Fields.Len())
	for _, f := range dissect.Fields.All() {
		if f.Type != field.Protocol && !phsKeep[f.Abbrev] {
			if pr := dissect.Fields.ProtocolOf(f.ID); pr != nil && phsSkip[pr.Abbrev] {
				continue
			}
		}
		fs = append(fs, f.ID)
	}
	if p.filter != nil {
		fs = append(fs, p.filter.Fields...)
	}
	return fs
}

// Packet adds one frame's path.
func (p *PHS) Packet(c *dissect.Ctx, t *field.Tree, _ bool) {
	if p.filter != nil && !p.filter.Match(t) {
		return
	}
	n := uint64(c.Frame.Len)
	cur := &p.Root
	for i := t.Nodes[0].Child; i >= 0; i = t.Nodes[i].Next {
		id := t.Nodes[i].Field
		if id == 0 || id == ids.frame {
			continue
		}
		abbrev := dissect.Fields.Get(id).Abbrev
		var next *PHSNode
		for _, ch := range cur.Children {
			if ch.Abbrev == abbrev {
				next = ch
				break
			}
		}
		if next == nil {
			next = &PHSNode{Abbrev: abbrev}
			cur.Children = append(cur.Children, next)
		}
		next.Frames++
		next.Bytes += n
		cur = next
	}
}

// Finish prints tshark's hierarchy.
func (p *PHS) Finish(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\n===================================================================\n")
	fmt.Fprintf(bw, "Protocol Hierarchy Statistics\nFilter: %s\n\n", p.text)
	var draw func(ns []*PHSNode, depth int)
	draw = func(ns []*PHSNode, depth int) {
		for _, n := range ns {
			var ind string
			if depth > 16 {
				ind = strings.Repeat("  ", 16) + "..."
			} else {
				ind = strings.Repeat("  ", depth)
			}
			s := ind + n.Abbrev
			if len(s) > 79 {
				s = s[:79]
			}
			fmt.Fprintf(bw, "%-40s frames:%d bytes:%d\n", s, n.Frames, n.Bytes)
			draw(n.Children, depth+1)
		}
	}
	draw(p.Root.Children, 0)
	bw.WriteString("===================================================================\n")
	return bw.Flush()
}
