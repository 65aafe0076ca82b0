package stats

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Format is a report's output format.
type Format uint8

// Report formats.
const (
	FormatText Format = iota
	FormatCSV
	FormatJSON
)

// Handshakes is the -z handshakes tap: every TCP connection attempt classified (established, closed,
// reset, refused, unanswered, icmp-unreachable), counted per server:port and per client, each class
// with its frames.
type Handshakes struct {
	Format Format
	tk     *tracker
	filter *displayfilter.Filter
}

// NewHandshakes parses "handshakes[,csv|json][,FILTER]".
func NewHandshakes(arg string) (*Handshakes, error) {
	rest, ok := splitArg(arg, "handshakes")
	if !ok {
		return nil, fmt.Errorf("invalid -z handshakes argument %q", arg)
	}
	h := &Handshakes{tk: newTracker()}
	h.Format, rest = formatPart(rest)
	f, err := filterPart(rest)
	if err != nil {
		return nil, err
	}
	h.filter = f
	return h, nil
}

// formatPart takes a leading "csv" or "json" option off rest.
func formatPart(rest string) (Format, string) {
	for _, x := range []struct {
		name string
		f    Format
	}{{"csv", FormatCSV}, {"json", FormatJSON}, {"text", FormatText}} {
		if r, ok := splitArg(rest, x.name); ok {
			return x.f, r
		}
	}
	return FormatText, rest
}

// Fields lists what the tap reads.
func (h *Handshakes) Fields() []field.ID {
	fs := trackerFields()
	if h.filter != nil {
		fs = append(fs, h.filter.Fields...)
	}
	return fs
}

// Packet follows one frame.
func (h *Handshakes) Packet(c *dissect.Ctx, t *field.Tree, _ bool) {
	if h.filter != nil && !h.filter.Match(t) {
		return
	}
	h.tk.packet(c, t)
}

// Attempts returns the connection attempts in the order their first SYN was seen.
func (h *Handshakes) Attempts() []*Attempt { return h.tk.list }

type outcomeCounts [numOutcomes]int

func (oc *outcomeCounts) total() (n int) {
	for _, x := range oc {
		n += x
	}
	return n
}

func groupCounts(as []*Attempt, key func(*Attempt) string) ([]string, map[string]*outcomeCounts) {
	m := map[string]*outcomeCounts{}
	var keys []string
	for _, a := range as {
		k := key(a)
		oc := m[k]
		if oc == nil {
			oc = &outcomeCounts{}
			m[k] = oc
			keys = append(keys, k)
		}
		oc[a.Outcome]++
	}
	sort.SliceStable(keys, func(i, j int) bool { return m[keys[i]].total() > m[keys[j]].total() })
	return keys, m
}

func frameList(fs []uint32) string {
	var b []byte
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendUint(b, uint64(f), 10)
	}
	return string(b)
}

func rfc3339(ns int64) string { return field.FrameTime(ns).UTC().Format("2006-01-02T15:04:05.000000Z") }

// Finish prints the diagnosis.
func (h *Handshakes) Finish(w io.Writer) error {
	as := h.tk.list
	switch h.Format {
	case FormatCSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"stream", "client", "client_port", "server", "server_port", "outcome", "syns", "first", "last", "frames", "bytes", "outcome_frame", "handshake_frames"})
		for _, a := range as {
			cw.Write([]string{strconv.FormatInt(a.Stream, 10), a.Client.Addr().String(), strconv.Itoa(int(a.Client.Port())),
				a.Server.Addr().String(), strconv.Itoa(int(a.Server.Port())), a.Outcome.String(), strconv.Itoa(a.SYNs),
				rfc3339(a.First), rfc3339(a.Last), strconv.FormatUint(a.Frames, 10), strconv.FormatUint(a.Bytes, 10),
				strconv.FormatUint(uint64(a.OutcomeFrame), 10), frameList(a.FrameList)})
		}
		cw.Flush()
		return cw.Error()
	case FormatJSON:
		type row struct {
			Stream       int64    `json:"stream"`
			Client       string   `json:"client"`
			Server       string   `json:"server"`
			Outcome      string   `json:"outcome"`
			SYNs         int      `json:"syns"`
			First        string   `json:"first"`
			Last         string   `json:"last"`
			Frames       uint64   `json:"frames"`
			Bytes        uint64   `json:"bytes"`
			OutcomeFrame uint32   `json:"outcome_frame,omitempty"`
			Handshake    []uint32 `json:"handshake_frames"`
		}
		rows := make([]row, 0, len(as))
		for _, a := range as {
			rows = append(rows, row{a.Stream, a.Client.String(), a.Server.String(), a.Outcome.String(), a.SYNs,
				rfc3339(a.First), rfc3339(a.Last), a.Frames, a.Bytes, a.OutcomeFrame, a.FrameList})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"attempts": rows})
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(rule + "TCP Handshake Diagnosis\n")
	fmt.Fprintf(bw, "Attempts: %d\n\n", len(as))
	fmt.Fprintf(bw, "%-17s %8s  %s\n", "Outcome", "Count", "Frames (SYN, answer, end)")
	for o := Outcome(0); o < numOutcomes; o++ {
		var fs []uint32
		n := 0
		for _, a := range as {
			if a.Outcome == o {
				n++
				if len(fs) < 60 {
					if a.OutcomeFrame != 0 {
						fs = append(fs, a.OutcomeFrame)
					} else if len(a.FrameList) > 0 {
						fs = append(fs, a.FrameList[0])
					}
				}
			}
		}
		if n == 0 {
			continue
		}
		s := frameList(fs)
		if n > len(fs) {
			s += ",..."
		}
		fmt.Fprintf(bw, "%-17s %8d  %s\n", o, n, s)
	}
	head := func(title string) {
		fmt.Fprintf(bw, "\n%-46s %8s", title, "Attempts")
		for o := Outcome(0); o < numOutcomes; o++ {
			fmt.Fprintf(bw, " %*s", max(len(o.String()), 6), o)
		}
		bw.WriteString("\n")
	}
	line := func(k string, oc *outcomeCounts) {
		fmt.Fprintf(bw, "%-46s %8d", k, oc.total())
		for o := Outcome(0); o < numOutcomes; o++ {
			fmt.Fprintf(bw, " %*d", max(len(o.String()), 6), oc[o])
		}
		bw.WriteString("\n")
	}
	keys, m := groupCounts(as, func(a *Attempt) string { return a.Server.String() })
	head("Server")
	for _, k := range keys {
		line(k, m[k])
	}
	keys, m = groupCounts(as, func(a *Attempt) string { return a.Client.Addr().String() })
	head("Client")
	for _, k := range keys {
		line(k, m[k])
	}
	var bad []string
	for _, a := range as {
		if a.Outcome == Refused || a.Outcome == Unanswered || a.Outcome == Unreachable {
			bad = append(bad, fmt.Sprintf("  %-17s %s -> %s  SYNs:%d  frames:%s", a.Outcome, a.Client, a.Server, a.SYNs, frameList(a.FrameList)))
		}
	}
	if len(bad) > 0 {
		bw.WriteString("\nFailed attempts\n" + strings.Join(bad, "\n") + "\n")
	}
	bw.WriteString(rule)
	return bw.Flush()
}
