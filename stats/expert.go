package stats

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// ExpertEntry is one distinct expert message with how often it occurred.
type ExpertEntry struct {
	Severity uint64 // dissect.Sev*
	Group    uint64 // dissect.Group*
	Protocol string // short name ("TCP")
	Summary  string
	Count    int
	// Frames lists the frames the message occurred in (first 1000), for jumping to them.
	Frames []uint32
}

// severities in tshark's print order, with their headings and -z expert level names.
var severities = []struct {
	sev         uint64
	title, name string
}{
	{dissect.SevError, "Errors", "error"}, {dissect.SevWarn, "Warns", "warn"},
	{dissect.SevNote, "Notes", "note"}, {dissect.SevChat, "Chats", "chat"},
	{dissect.SevComment, "Comments", "comment"},
}

// Expert is the -z expert tap.
type Expert struct {
	min     uint64
	filter  *displayfilter.Filter
	entries map[uint64][]*ExpertEntry
	index   map[string]*ExpertEntry
	key     []byte
}

// NewExpert parses "expert[,error|warn|note|chat|comment][,FILTER]".
func NewExpert(arg string) (*Expert, error) {
	rest, ok := splitArg(arg, "expert")
	if !ok {
		return nil, fmt.Errorf("invalid -z expert argument %q", arg)
	}
	e := &Expert{entries: map[uint64][]*ExpertEntry{}, index: map[string]*ExpertEntry{}}
	for _, s := range severities {
		if len(rest) >= len(s.name) && strings.EqualFold(rest[:len(s.name)], s.name) {
			e.min = s.sev
			rest = rest[len(s.name):]
			if rest != "" && rest[0] != ',' {
				return nil, fmt.Errorf("invalid -z expert argument %q", arg)
			}
			rest = strings.TrimPrefix(rest, ",")
			break
		}
	}
	f, err := filterPart(rest)
	if err != nil {
		return nil, err
	}
	e.filter = f
	return e, nil
}

// Fields lists what the tap reads.
func (e *Expert) Fields() []field.ID {
	fs := []field.ID{ids.expert, ids.expertSev, ids.expertGroup, ids.expertMsg}
	if e.filter != nil {
		fs = append(fs, e.filter.Fields...)
	}
	return fs
}

// Packet collects the frame's expert infos.
func (e *Expert) Packet(c *dissect.Ctx, t *field.Tree, _ bool) {
	if e.filter != nil && !e.filter.Match(t) {
		return
	}
	for i := int32(1); i < int32(len(t.Nodes)); i++ {
		if t.Nodes[i].Field != ids.expert {
			continue
		}
		sev, grp, msg := child(t, i, ids.expertSev), child(t, i, ids.expertGroup), child(t, i, ids.expertMsg)
		if sev == nil || grp == nil || msg == nil || sev.Value.U < e.min {
			continue
		}
		proto := ProtoShortName(expertProto(t, i))
		e.key = append(append(append(append(e.key[:0], byte(sev.Value.U>>20)), proto...), 0), msg.Value.B...)
		en := e.index[string(e.key)]
		if en == nil {
			en = &ExpertEntry{Severity: sev.Value.U, Group: grp.Value.U, Protocol: proto, Summary: string(field.AppendEscaped(nil, msg.Value.B))}
			e.index[string(e.key)] = en
			e.entries[sev.Value.U] = append(e.entries[sev.Value.U], en)
		}
		en.Count++
		if len(en.Frames) < 1000 {
			en.Frames = append(en.Frames, c.Frame.Number)
		}
	}
}

// Entries returns the messages of one severity in first-seen order.
func (e *Expert) Entries(sev uint64) []*ExpertEntry { return e.entries[sev] }

// Finish prints tshark's summary.
func (e *Expert) Finish(w io.Writer) error {
	bw := bufio.NewWriter(w)
	grp := dissect.Fields.Get(ids.expertGroup)
	for _, s := range severities {
		es := e.entries[s.sev]
		if len(es) == 0 {
			continue
		}
		total := 0
		for _, en := range es {
			total += en.Count
		}
		fmt.Fprintf(bw, "\n%s (%d)\n=============\n   Frequency      Group           Protocol  Summary\n", s.title, total)
		for _, en := range es {
			g, ok := grp.ValueName(en.Group)
			if !ok {
				g = fmt.Sprintf("Unknown (%d)", en.Group)
			}
			fmt.Fprintf(bw, "%12d %10s %18s  %s\n", en.Count, g, en.Protocol, en.Summary)
		}
	}
	return bw.Flush()
}

// expertProto returns the protocol an expert info belongs to: its enclosing protocol, or for a
// malformed-packet item the protocol whose dissection failed (the item before it at the top level).
func expertProto(t *field.Tree, i int32) string {
	p := protoOf(t, i)
	if p != "_ws.malformed" {
		return p
	}
	prev := int32(-1)
	for c := t.Nodes[0].Child; c >= 0; c = t.Nodes[c].Next {
		if f := dissect.Fields.Get(t.Nodes[c].Field); f != nil && f.Abbrev == "_ws.malformed" {
			break
		}
		prev = c
	}
	if prev < 0 {
		return p
	}
	// the innermost protocol of that item
	last := prev
	for j := prev + 1; j < int32(len(t.Nodes)); j++ {
		if !isUnder(t, j, prev) {
			break
		}
		if f := dissect.Fields.Get(t.Nodes[j].Field); f != nil && f.Type == field.Protocol && f.Abbrev != "_ws.expert" {
			last = j
		}
	}
	return dissect.Fields.Get(t.Nodes[last].Field).Abbrev
}

func isUnder(t *field.Tree, j, anc int32) bool {
	for p := t.Nodes[j].Parent; p >= 0; p = t.Nodes[p].Parent {
		if p == anc {
			return true
		}
		if p == 0 {
			break
		}
	}
	return false
}

// ExpertSeverity is a severity of expert information with its name, most severe first.
type ExpertSeverity struct {
	Sev  uint64
	Name string
}

// ExpertSeverities lists the severities as Wireshark's Expert Information window groups them.
var ExpertSeverities = []ExpertSeverity{{dissect.SevError, "Error"}, {dissect.SevWarn, "Warning"},
	{dissect.SevNote, "Note"}, {dissect.SevChat, "Chat"}, {dissect.SevComment, "Comment"}}

// ExpertGroupName names an expert group ("Malformed", "Sequence", ...).
func ExpertGroupName(g uint64) string {
	if f, ok := dissect.Fields.Lookup("_ws.expert.group"); ok {
		if name, ok := f.ValueName(g); ok {
			return name
		}
	}
	return strconv.FormatUint(g, 10)
}
