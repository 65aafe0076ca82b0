package dissect

import "github.com/tshark-tui/tshark-tui/field"

// Expert severities as Wireshark numbers them (_ws.expert.severity values).
const (
	SevComment uint64 = 0x00100000
	SevChat    uint64 = 0x00200000
	SevNote    uint64 = 0x00400000
	SevWarn    uint64 = 0x00600000
	SevError   uint64 = 0x00800000
)

// Expert groups (_ws.expert.group values).
const (
	GroupChecksum     uint64 = 0x01000000
	GroupSequence     uint64 = 0x02000000
	GroupResponseCode uint64 = 0x03000000
	GroupRequest      uint64 = 0x04000000
	GroupUndecoded    uint64 = 0x05000000
	GroupReassemble   uint64 = 0x06000000
	GroupMalformed    uint64 = 0x07000000
	GroupDebug        uint64 = 0x08000000
	GroupProtocol     uint64 = 0x09000000
	GroupSecurity     uint64 = 0x0a000000
	GroupComments     uint64 = 0x0b000000
	GroupDecryption   uint64 = 0x0c000000
	GroupAssumption   uint64 = 0x0d000000
	GroupDeprecated   uint64 = 0x0e000000
)

var severityNames = map[uint64]string{
	SevComment: "Comment", SevChat: "Chat", SevNote: "Note", SevWarn: "Warning", SevError: "Error",
}

var groupNames = map[uint64]string{
	GroupChecksum: "Checksum", GroupSequence: "Sequence", GroupResponseCode: "Response",
	GroupRequest: "Request", GroupUndecoded: "Undecoded", GroupReassemble: "Reassemble",
	GroupMalformed: "Malformed", GroupDebug: "Debug", GroupProtocol: "Protocol", GroupSecurity: "Security",
	GroupComments: "Comment", GroupDecryption: "Decryption", GroupAssumption: "Assumption",
	GroupDeprecated: "Deprecated",
}

var (
	hfExpert         = Fields.Protocol("_ws.expert", "Expert Info")
	hfExpertMsg      = Fields.Add(hfExpert, "_ws.expert.message", "Message", field.String)
	hfExpertSeverity = Fields.Add(hfExpert, "_ws.expert.severity", "Severity level", field.Uint32,
		field.WithStrings(severityNames))
	hfExpertGroup = Fields.Add(hfExpert, "_ws.expert.group", "Group", field.Uint32,
		field.WithStrings(groupNames))
)

// Expert is a registered kind of expert info (Wireshark's ei_register_info), filterable by its name
// ("tcp.analysis.retransmission").
type Expert struct {
	Field    field.ID
	Severity uint64
	Group    uint64
	Summary  string
}

// RegisterExpert registers an expert info of protocol proto.
func RegisterExpert(proto field.ID, abbrev, summary string, group, severity uint64) *Expert {
	id := Fields.Add(proto, abbrev, summary, field.None)
	return &Expert{Field: id, Severity: severity, Group: group, Summary: summary}
}

func severityFlag(s uint64) field.Flags {
	switch s {
	case SevComment:
		return field.Comment
	case SevChat:
		return field.Chat
	case SevNote:
		return field.Note
	case SevWarn:
		return field.Warn
	}
	return field.Error
}

// maxExpertMsg is the longest expert message: what fits Wireshark's label buffer (ITEM_LABEL_LENGTH
// 240 with its terminating NUL).
const maxExpertMsg = 239

// Expert adds expert info e under parent covering t[o:o+n], with msg as its text (e.Summary if empty),
// shaped as Wireshark shows it:
//
//	[Expert Info (Chat/Sequence): msg]
//	    [msg]
//	    [Severity level: Chat]
//	    [Group: Sequence]
func (c *Ctx) Expert(parent int32, e *Expert, t Tvb, o, n int, msg string) {
	if msg == "" {
		msg = e.Summary
	}
	if len(msg) > maxExpertMsg { // Wireshark formats it into an item label buffer
		msg = field.TruncUTF8(msg, maxExpertMsg)
	}
	top := c.T.Add(parent, hfExpert, t.Src, t.Off+o, n, field.Value{})
	c.T.SetFlags(top, field.Generated|severityFlag(e.Severity))
	if c.Visible() {
		c.T.SetLabel(top, "Expert Info ("+severityNames[e.Severity]+"/"+groupNames[e.Group]+"): "+msg)
	}
	id := c.T.Add(top, e.Field, t.Src, t.Off+o, n, field.Value{})
	if id != top {
		c.T.SetFlags(id, field.Generated|severityFlag(e.Severity))
		c.T.SetLabel(id, msg)
	}
	if c.T.Wants(hfExpertMsg) {
		m := c.T.Add(top, hfExpertMsg, t.Src, 0, 0, field.Value{B: []byte(msg)})
		c.T.SetFlags(m, field.Hidden|field.Generated)
	}
	s := c.T.Add(top, hfExpertSeverity, t.Src, 0, 0, field.Value{U: e.Severity})
	if s != top {
		c.T.SetFlags(s, field.Generated)
		c.T.SetLabel(s, "Severity level: "+severityNames[e.Severity])
	}
	g := c.T.Add(top, hfExpertGroup, t.Src, 0, 0, field.Value{U: e.Group})
	if g != top {
		c.T.SetFlags(g, field.Generated)
		c.T.SetLabel(g, "Group: "+groupNames[e.Group])
	}
}

// ExpertTextWanted reports whether an expert item's text will be seen (shown in a visible tree or
// filtered on as _ws.expert.message), so that a caller builds a costly message only then.
func (c *Ctx) ExpertTextWanted() bool { return c.Visible() || c.T.Wants(hfExpertMsg) }
