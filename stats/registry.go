package stats

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Report is a -z report as both faces run it: a tap that sees every dissected frame in order and
// prints tshark's text at the end.
type Report interface {
	// Fields lists the fields the report reads from the tree (dissection builds them).
	Fields() []field.ID
	// Packet is called once per frame, in order, after dissection; displayed says whether the
	// frame passed the display filter.
	Packet(c *dissect.Ctx, t *field.Tree, displayed bool)
	// Finish writes the report.
	Finish(w io.Writer) error
}

// OnePassReport is a Report that reads nothing but the fields it lists, in the frame it is given: a
// run whose reports all are OnePassReports (returning true) keeps tshark's lean single pass.
type OnePassReport interface {
	Report
	OnePass() bool
}

// ReportFactory makes a report from the text after "-z " ("conv,tcp", "follow,tcp,ascii,0"), or
// returns tshark's complaint about it.
type ReportFactory func(arg string) (Report, error)

// reports maps a -z argument's prefix to its report. It is filled during initialisation.
var reports = map[string]ReportFactory{}

// RegisterReport adds a -z report under prefix (call from init).
func RegisterReport(prefix string, f ReportFactory) { reports[prefix] = f }

// NewReport makes the report for a -z argument: the longest registered prefix the argument starts
// with, followed by "," or the end.
func NewReport(arg string) (Report, error) {
	best := ""
	for p := range reports {
		if (arg == p || strings.HasPrefix(arg, p+",")) && len(p) > len(best) {
			best = p
		}
	}
	if best == "" {
		return nil, fmt.Errorf("invalid -z argument \"%s\"; it must be one of:\n%s", arg, reportList())
	}
	return reports[best](arg)
}

// ReportNames lists the registered -z prefixes, sorted.
func ReportNames() []string {
	names := make([]string, 0, len(reports))
	for p := range reports {
		names = append(names, p)
	}
	sort.Strings(names)
	return names
}

func reportList() string {
	var b strings.Builder
	for i, p := range ReportNames() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("     " + p)
	}
	return b.String()
}

func init() {
	table := func(arg string) (Report, error) { return NewTable(arg) }
	for _, p := range []string{"conv,eth", "conv,ip", "conv,ipv6", "conv,tcp", "conv,udp",
		"endpoints,eth", "endpoints,ip", "endpoints,ipv6", "endpoints,tcp", "endpoints,udp"} {
		RegisterReport(p, table)
	}
	RegisterReport("io,phs", func(arg string) (Report, error) { return NewPHS(arg) })
	RegisterReport("io,stat", func(arg string) (Report, error) { return NewIOStat(arg) })
	RegisterReport("expert", func(arg string) (Report, error) { return NewExpert(arg) })
	RegisterReport("handshakes", func(arg string) (Report, error) { return NewHandshakes(arg) })
	RegisterReport("connreport", func(arg string) (Report, error) { return NewConnReport(arg) })
	RegisterReport("credentials", func(arg string) (Report, error) { return NewCredentials(arg) })
	RegisterReport("sip,stat", func(arg string) (Report, error) { return NewSIPStat(arg) })
	RegisterReport("rtp,streams", func(arg string) (Report, error) { return NewRTPStreams(arg) })
	follow := func(arg string) (Report, error) { return dissect.NewFollower(arg) }
	for _, p := range []string{"follow,tcp", "follow,udp", "follow,tls", "follow,http"} {
		RegisterReport(p, follow)
	}
}
