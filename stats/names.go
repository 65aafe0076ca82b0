package stats

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// protoshort.tsv maps a protocol's filter name to its short name where the short name is not simply
// the filter name in capitals (from `tshark -G protocols`).
//
//go:embed protoshort.tsv
var protoShortTSV string

var protoShort = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, 2000)
	for _, line := range strings.Split(protoShortTSV, "\n") {
		if k, v, ok := strings.Cut(line, "\t"); ok {
			m[k] = v
		}
	}
	return m
})

// ProtoShortName returns a protocol's short name as Wireshark shows it in statistics ("TCP", "IPv4").
func ProtoShortName(abbrev string) string {
	if s, ok := protoShort()[abbrev]; ok {
		return s
	}
	return strings.ToUpper(abbrev)
}

// protoOf returns the abbreviation of the protocol node enclosing node i.
func protoOf(t *field.Tree, i int32) string {
	for p := t.Nodes[i].Parent; p > 0; p = t.Nodes[p].Parent {
		if f := dissect.Fields.Get(t.Nodes[p].Field); f != nil && f.Type == field.Protocol && f.Abbrev != "_ws.expert" {
			return f.Abbrev
		}
	}
	return ""
}

// macNames marks a table printed with MAC names, as tshark prints them by default; the names come
// from package dissect's name resolution (dissect.MACName).
type macNames struct{}

func loadMACNames() *macNames { return &macNames{} }

// name returns the display name of MAC address b.
func (*macNames) name(b []byte) string { return dissect.MACName(b) }
