package stats

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/netip"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Site names a client network for the connection report.
type Site struct {
	Prefix netip.Prefix
	Name   string
}

// ConnReport is the -z connreport tap, the migration question: for each server address and port, the
// clients that opened connections to it (SYN seen), grouped by client subnet or site, with attempts,
// established connections, first and last seen and bytes.
type ConnReport struct {
	Format Format
	// Bits is the client grouping prefix length (24 for IPv4, 64 for IPv6 by default).
	Bits   int
	Sites  []Site
	tk     *tracker
	filter *displayfilter.Filter
}

// ClientRow is one client of one server in the report.
type ClientRow struct {
	Server      netip.AddrPort
	Group       string // subnet ("10.1.2.0/24") or site name
	Client      netip.Addr
	Attempts    int
	Established int
	Failed      int
	First, Last int64
	Bytes       uint64
}

// NewConnReport parses "connreport[,csv|json][,/NN|,sites=FILE][,FILTER]".
func NewConnReport(arg string) (*ConnReport, error) {
	rest, ok := splitArg(arg, "connreport")
	if !ok {
		return nil, fmt.Errorf("invalid -z connreport argument %q", arg)
	}
	r := &ConnReport{tk: newTracker(), Bits: -1}
	r.Format, rest = formatPart(rest)
	for {
		opt, after, _ := strings.Cut(rest, ",")
		switch {
		case strings.HasPrefix(opt, "/"):
			n, err := strconv.Atoi(opt[1:])
			if err != nil || n < 0 || n > 128 {
				return nil, fmt.Errorf("invalid -z connreport prefix length %q", opt)
			}
			r.Bits = n
		case strings.HasPrefix(opt, "sites="):
			sites, err := LoadSites(opt[len("sites="):])
			if err != nil {
				return nil, err
			}
			r.Sites = sites
		case opt == "csv" || opt == "json":
			r.Format, _ = formatPart(opt)
		default:
			f, err := filterPart(rest)
			if err != nil {
				return nil, err
			}
			r.filter = f
			return r, nil
		}
		rest = after
	}
}

// LoadSites reads a CSV of "CIDR,site name" lines (a header line and # comments are skipped).
func LoadSites(path string) ([]Site, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sites file: %w", err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("sites file %s: %w", path, err)
	}
	var sites []Site
	for i, rec := range recs {
		if len(rec) < 2 {
			continue
		}
		p, err := netip.ParsePrefix(strings.TrimSpace(rec[0]))
		if err != nil {
			if i == 0 {
				continue // header
			}
			return nil, fmt.Errorf("sites file %s line %d: %w", path, i+1, err)
		}
		sites = append(sites, Site{Prefix: p.Masked(), Name: strings.TrimSpace(rec[1])})
	}
	// most specific first
	sort.SliceStable(sites, func(i, j int) bool { return sites[i].Prefix.Bits() > sites[j].Prefix.Bits() })
	return sites, nil
}

// Fields lists what the tap reads.
func (r *ConnReport) Fields() []field.ID {
	fs := trackerFields()
	if r.filter != nil {
		fs = append(fs, r.filter.Fields...)
	}
	return fs
}

// Packet follows one frame.
func (r *ConnReport) Packet(c *dissect.Ctx, t *field.Tree, _ bool) {
	if r.filter != nil && !r.filter.Match(t) {
		return
	}
	r.tk.packet(c, t)
}

func (r *ConnReport) group(a netip.Addr) string {
	for _, s := range r.Sites {
		if s.Prefix.Contains(a) {
			return s.Name
		}
	}
	if len(r.Sites) > 0 && r.Bits < 0 {
		return "(other)"
	}
	bits := r.Bits
	if bits < 0 {
		bits = 24
		if a.Is6() && !a.Is4In6() {
			bits = 64
		}
	}
	if bits > a.BitLen() {
		bits = a.BitLen()
	}
	p, _ := a.Prefix(bits)
	return p.String()
}

// Rows returns the report: servers by number of clients, then groups, then clients by attempts.
func (r *ConnReport) Rows() []ClientRow {
	type key struct {
		s netip.AddrPort
		c netip.Addr
	}
	idx := map[key]int{}
	var rows []ClientRow
	for _, a := range r.tk.list {
		k := key{a.Server, a.Client.Addr()}
		i, ok := idx[k]
		if !ok {
			i = len(rows)
			idx[k] = i
			rows = append(rows, ClientRow{Server: a.Server, Client: a.Client.Addr(), Group: r.group(a.Client.Addr()), First: a.First, Last: a.Last})
		}
		row := &rows[i]
		row.Attempts++
		if a.Outcome.Established() {
			row.Established++
		} else {
			row.Failed++
		}
		row.First = min(row.First, a.First)
		row.Last = max(row.Last, a.Last)
		row.Bytes += a.Bytes
	}
	type group struct {
		s netip.AddrPort
		g string
	}
	clients := map[netip.AddrPort]int{}
	groupAttempts := map[group]int{}
	for _, row := range rows {
		clients[row.Server]++
		groupAttempts[group{row.Server, row.Group}] += row.Attempts
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := &rows[i], &rows[j]
		if a.Server != b.Server {
			if clients[a.Server] != clients[b.Server] {
				return clients[a.Server] > clients[b.Server]
			}
			return a.Server.Compare(b.Server) < 0
		}
		if a.Group != b.Group {
			ga, gb := groupAttempts[group{a.Server, a.Group}], groupAttempts[group{b.Server, b.Group}]
			if ga != gb {
				return ga > gb
			}
			return a.Group < b.Group
		}
		if a.Attempts != b.Attempts {
			return a.Attempts > b.Attempts
		}
		return a.Client.Less(b.Client)
	})
	return rows
}

// Finish prints the report.
func (r *ConnReport) Finish(w io.Writer) error {
	rows := r.Rows()
	switch r.Format {
	case FormatCSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"server", "server_port", "group", "client", "attempts", "established", "failed", "first_seen", "last_seen", "bytes"})
		for _, x := range rows {
			cw.Write([]string{x.Server.Addr().String(), strconv.Itoa(int(x.Server.Port())), x.Group, x.Client.String(),
				strconv.Itoa(x.Attempts), strconv.Itoa(x.Established), strconv.Itoa(x.Failed),
				rfc3339(x.First), rfc3339(x.Last), strconv.FormatUint(x.Bytes, 10)})
		}
		cw.Flush()
		return cw.Error()
	case FormatJSON:
		type client struct {
			Client      string `json:"client"`
			Attempts    int    `json:"attempts"`
			Established int    `json:"established"`
			Failed      int    `json:"failed"`
			First       string `json:"first_seen"`
			Last        string `json:"last_seen"`
			Bytes       uint64 `json:"bytes"`
		}
		type group struct {
			Group   string   `json:"group"`
			Clients []client `json:"clients"`
		}
		type server struct {
			Server string  `json:"server"`
			Groups []group `json:"groups"`
		}
		var out []server
		for _, x := range rows {
			if len(out) == 0 || out[len(out)-1].Server != x.Server.String() {
				out = append(out, server{Server: x.Server.String()})
			}
			s := &out[len(out)-1]
			if len(s.Groups) == 0 || s.Groups[len(s.Groups)-1].Group != x.Group {
				s.Groups = append(s.Groups, group{Group: x.Group})
			}
			g := &s.Groups[len(s.Groups)-1]
			g.Clients = append(g.Clients, client{x.Client.String(), x.Attempts, x.Established, x.Failed, rfc3339(x.First), rfc3339(x.Last), x.Bytes})
		}
		if out == nil {
			out = []server{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"servers": out})
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(rule + "Connection Report (clients opening TCP connections, SYN seen)\n")
	clients := map[netip.AddrPort]int{}
	for _, x := range rows {
		clients[x.Server]++
	}
	var cur netip.AddrPort
	curGroup := ""
	for i, x := range rows {
		if i == 0 || x.Server != cur {
			cur, curGroup = x.Server, ""
			fmt.Fprintf(bw, "\nServer %s  (%d clients)\n", x.Server, clients[x.Server])
			fmt.Fprintf(bw, "  %-24s %-39s %8s %11s %6s  %-26s  %-26s %12s\n", "Group", "Client", "Attempts", "Established", "Failed", "First seen (UTC)", "Last seen (UTC)", "Bytes")
		}
		g := ""
		if x.Group != curGroup {
			g, curGroup = x.Group, x.Group
		}
		fmt.Fprintf(bw, "  %-24s %-39s %8d %11d %6d  %-26s  %-26s %12d\n", g, x.Client, x.Attempts, x.Established, x.Failed, rfc3339(x.First), rfc3339(x.Last), x.Bytes)
	}
	bw.WriteString(rule)
	return bw.Flush()
}
