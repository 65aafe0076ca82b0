package ui

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/stats"
)

// statWindow is the frame every statistics window shares: a title line (tabs, totals), an info
// line (progress, the filter it is limited to), a sortable table and a line of key hints.
type statWindow struct {
	u      *UI
	flex   *tview.Flex
	head   *tview.TextView
	info   *tview.TextView
	table  *statTable
	limit  bool // limited to the display filter
	extra  func(ev *tcell.EventKey) *tcell.EventKey
	recalc func() // recomputes (after 'f' toggles the limit)
}

func (u *UI) newStatWindow(title string, cols []statCol, hint string) *statWindow {
	w := &statWindow{u: u}
	w.head = tview.NewTextView().SetDynamicColors(true).SetWrap(false)
	w.info = tview.NewTextView().SetWrap(false)
	w.table = newStatTable(cols)
	w.flex = tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(w.head, 1, 0, false).
		AddItem(w.info, 1, 0, false).
		AddItem(w.table, 0, 1, true).
		AddItem(windowHint(hint+" · < > sort · r reverse · f limit to display filter · Esc close"), 1, 0, false)
	w.table.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		if ev.Key() == tcell.KeyEscape {
			u.closeWindow()
			return nil
		}
		if ev.Key() == tcell.KeyRune && ev.Rune() == 'f' && w.recalc != nil {
			w.limit = !w.limit
			w.recalc()
			return nil
		}
		if w.extra != nil {
			if ev = w.extra(ev); ev == nil {
				return nil
			}
		}
		return w.table.keys(ev)
	})
	u.dock(title, w.flex)
	return w
}

// scope describes which frames the window counts.
func (w *statWindow) scope() string {
	v := w.u.eng.View()
	if w.limit && !v.All {
		return fmt.Sprintf("%d displayed packets (filter: %s)", v.Len(), v.Filter)
	}
	s := fmt.Sprintf("all %d packets", v.Count)
	if w.limit {
		s += " (no display filter)"
	}
	return s
}

// run computes taps over the window's frames, showing progress, then calls done.
func (w *statWindow) run(taps []tap, done func()) {
	w.info.SetText(progressText(0))
	w.u.compute(w.limit, taps, func(p float64) { w.info.SetText(progressText(p)) }, func() {
		w.info.SetText("Counting " + w.scope())
		done()
	})
}

// convKinds are the tabs of the Conversations and Endpoints windows, Wireshark's order.
var convKinds = []stats.Kind{stats.KindEth, stats.KindIPv4, stats.KindIPv6, stats.KindTCP, stats.KindUDP}

var convArgs = map[stats.Kind]string{stats.KindEth: "eth", stats.KindIPv4: "ip", stats.KindIPv6: "ipv6", stats.KindTCP: "tcp", stats.KindUDP: "udp"}

// showConversations opens Statistics › Conversations.
func (u *UI) showConversations() { u.convWindow(false) }

// showEndpoints opens Statistics › Endpoints.
func (u *UI) showEndpoints() { u.convWindow(true) }

func (u *UI) convWindow(endpoints bool) {
	title, hint := "Conversations", "Enter: filter on this conversation · Tab/1-5: type"
	if endpoints {
		title, hint = "Endpoints", "Enter: filter on this endpoint · Tab/1-5: type"
	}
	w := u.newStatWindow(title, nil, hint)
	tabs := make([]*stats.Table, len(convKinds))
	cur := 1       // IPv4, Wireshark's usual first look
	ready := false // the tables are filled by a job: read them only once it has finished
	show := func() {
		names := make([]string, len(convKinds))
		for i, k := range convKinds {
			names[i] = k.Title()
			if ready && tabs[i] != nil {
				n := len(tabs[i].Conversations())
				if endpoints {
					n = len(tabs[i].EndpointRows())
				}
				names[i] += " · " + strconv.Itoa(n)
			}
		}
		w.head.SetText(tabBar(names, cur))
		if !ready || tabs[cur] == nil {
			return
		}
		k := convKinds[cur]
		if endpoints {
			w.table.cols, w.table.rows = endpointCols(k), nil
			w.table.setRows(endpointRows(tabs[cur]))
		} else {
			w.table.cols, w.table.rows = convCols(k), nil
			w.table.setRows(convRows(tabs[cur]))
		}
	}
	w.recalc = func() {
		ready = false
		var taps []tap
		for i, k := range convKinds {
			what := "conv,"
			if endpoints {
				what = "endpoints,"
			}
			tb, err := stats.NewTable(what + convArgs[k])
			if err != nil {
				u.flash(err.Error())
				return
			}
			tabs[i] = tb
			taps = append(taps, tb)
		}
		w.run(taps, func() { ready = true; show() })
	}
	w.table.onEnter = func(i int) {
		tb := tabs[cur]
		if !ready || tb == nil {
			return
		}
		var expr string
		if endpoints {
			expr = endpointFilter(tb.Kind, tb.EndpointRows()[i])
		} else {
			expr = convFilter(tb.Kind, tb.Conversations()[i])
		}
		u.closeWindow()
		u.applyDisplayFilter(expr)
	}
	w.extra = func(ev *tcell.EventKey) *tcell.EventKey {
		switch {
		case ev.Key() == tcell.KeyTab:
			cur = (cur + 1) % len(convKinds)
		case ev.Key() == tcell.KeyBacktab:
			cur = (cur + len(convKinds) - 1) % len(convKinds)
		case ev.Key() == tcell.KeyRune && ev.Rune() >= '1' && ev.Rune() <= '5':
			cur = int(ev.Rune() - '1')
		default:
			return ev
		}
		w.table.sortCol = -1
		show()
		return nil
	}
	show()
	w.recalc()
}

func convCols(k stats.Kind) []statCol {
	cols := []statCol{{title: "Address A"}}
	if k.HasPorts() {
		cols = append(cols, statCol{title: "Port A", num: true})
	}
	cols = append(cols, statCol{title: "Address B"})
	if k.HasPorts() {
		cols = append(cols, statCol{title: "Port B", num: true})
	}
	for _, t := range []string{"Packets", "Bytes", "Packets A → B", "Bytes A → B", "Packets B → A", "Bytes B → A", "Rel Start", "Duration", "Bits/s A → B", "Bits/s B → A"} {
		cols = append(cols, statCol{title: t, num: true})
	}
	return cols
}

func convRows(tb *stats.Table) [][]cell {
	var rows [][]cell
	for _, cv := range tb.Conversations() {
		r := []cell{txt(stats.FormatAddr(cv.AddrA, nil))}
		if tb.Kind.HasPorts() {
			r = append(r, numU(uint64(cv.PortA)))
		}
		r = append(r, txt(stats.FormatAddr(cv.AddrB, nil)))
		if tb.Kind.HasPorts() {
			r = append(r, numU(uint64(cv.PortB)))
		}
		dur := float64(cv.Stop-cv.Start) / 1e9
		r = append(r, numU(cv.FramesAB+cv.FramesBA), numU(cv.BytesAB+cv.BytesBA),
			numU(cv.FramesAB), numU(cv.BytesAB), numU(cv.FramesBA), numU(cv.BytesBA),
			num(float64(cv.Start)/1e9, fmt.Sprintf("%.6f", float64(cv.Start)/1e9)),
			num(dur, fmt.Sprintf("%.4f", dur)), bitsPerSec(cv.BytesAB, dur), bitsPerSec(cv.BytesBA, dur))
		rows = append(rows, r)
	}
	return rows
}

// bitsPerSec is Wireshark's bits/s column: empty when the duration is too short to say.
func bitsPerSec(bytes uint64, dur float64) cell {
	if dur <= 0 {
		return cell{text: ""}
	}
	v := float64(bytes) * 8 / dur
	return num(v, formatBits(v))
}

func formatBits(v float64) string {
	switch {
	case v >= 1e9:
		return fmt.Sprintf("%.1f G", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.1f M", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.1f k", v/1e3)
	}
	return fmt.Sprintf("%.0f", v)
}

func endpointCols(k stats.Kind) []statCol {
	cols := []statCol{{title: "Address"}}
	if k.HasPorts() {
		cols = append(cols, statCol{title: "Port", num: true})
	}
	for _, t := range []string{"Packets", "Bytes", "Tx Packets", "Tx Bytes", "Rx Packets", "Rx Bytes"} {
		cols = append(cols, statCol{title: t, num: true})
	}
	return cols
}

func endpointRows(tb *stats.Table) [][]cell {
	var rows [][]cell
	for _, e := range tb.EndpointRows() {
		r := []cell{txt(stats.FormatAddr(e.Addr, nil))}
		if tb.Kind.HasPorts() {
			r = append(r, numU(uint64(e.Port)))
		}
		r = append(r, numU(e.TxFrames+e.RxFrames), numU(e.TxBytes+e.RxBytes), numU(e.TxFrames), numU(e.TxBytes), numU(e.RxFrames), numU(e.RxBytes))
		rows = append(rows, r)
	}
	return rows
}

// addrField names the display-filter field of an address of a table kind.
func addrField(k stats.Kind, addr []byte) string {
	switch {
	case k == stats.KindEth:
		return "eth.addr"
	case len(addr) == 16:
		return "ipv6.addr"
	}
	return "ip.addr"
}

func portField(k stats.Kind) string {
	if k == stats.KindUDP {
		return "udp.port"
	}
	return "tcp.port"
}

// convFilter is Wireshark's filter for a conversation: ip.addr eq A and ip.addr eq B (with the
// ports for TCP and UDP).
func convFilter(k stats.Kind, cv stats.Conversation) string {
	a, b := stats.FormatAddr(cv.AddrA, nil), stats.FormatAddr(cv.AddrB, nil)
	fa, fb := addrField(k, cv.AddrA), addrField(k, cv.AddrB)
	if k.HasPorts() {
		p := portField(k)
		return fmt.Sprintf("%s eq %s and %s eq %d and %s eq %s and %s eq %d", fa, a, p, cv.PortA, fb, b, p, cv.PortB)
	}
	return fmt.Sprintf("%s eq %s and %s eq %s", fa, a, fb, b)
}

func endpointFilter(k stats.Kind, e stats.Endpoint) string {
	s := fmt.Sprintf("%s eq %s", addrField(k, e.Addr), stats.FormatAddr(e.Addr, nil))
	if k.HasPorts() {
		s += fmt.Sprintf(" and %s eq %d", portField(k), e.Port)
	}
	return s
}

// showProtocolHierarchy opens Statistics › Protocol Hierarchy.
func (u *UI) showProtocolHierarchy() {
	cols := []statCol{{title: "Protocol"}, {title: "Percent Packets", num: true}, {title: "Packets", num: true},
		{title: "Percent Bytes", num: true}, {title: "Bytes", num: true}}
	w := u.newStatWindow("Protocol Hierarchy", cols, "Enter: filter on this protocol")
	w.head.SetText("Protocol Hierarchy Statistics")
	var nodes []*stats.PHSNode
	w.recalc = func() {
		p, err := stats.NewPHS("io,phs")
		if err != nil {
			u.flash(err.Error())
			return
		}
		w.run([]tap{p}, func() {
			var total, totalBytes uint64
			for _, c := range p.Root.Children {
				total += c.Frames
				totalBytes += c.Bytes
			}
			nodes = nodes[:0]
			var rows [][]cell
			var walk func(ns []*stats.PHSNode, depth int)
			walk = func(ns []*stats.PHSNode, depth int) {
				for _, n := range ns {
					nodes = append(nodes, n)
					pf := 100 * float64(n.Frames) / float64(max(total, 1))
					pb := 100 * float64(n.Bytes) / float64(max(totalBytes, 1))
					rows = append(rows, []cell{txt(strings.Repeat("  ", depth) + stats.ProtoShortName(n.Abbrev)),
						num(pf, fmt.Sprintf("%.1f %%", pf)), numU(n.Frames), num(pb, fmt.Sprintf("%.1f %%", pb)), numU(n.Bytes)})
					walk(n.Children, depth+1)
				}
			}
			walk(p.Root.Children, 0)
			w.table.setRows(rows)
		})
	}
	w.table.onEnter = func(i int) {
		u.closeWindow()
		u.applyDisplayFilter(nodes[i].Abbrev)
	}
	w.recalc()
}

// showExpertInfo opens Analyze › Expert Information: messages grouped by severity; Enter jumps to
// the first packet of a message, and again to the next one.
func (u *UI) showExpertInfo() {
	cols := []statCol{{title: "Severity"}, {title: "Summary"}, {title: "Group"}, {title: "Protocol"}, {title: "Count", num: true}}
	w := u.newStatWindow("Expert Information", cols, "Enter: go to the next packet of this message")
	var entries []*stats.ExpertEntry
	next := map[*stats.ExpertEntry]int{}
	w.recalc = func() {
		e, err := stats.NewExpert("expert")
		if err != nil {
			u.flash(err.Error())
			return
		}
		w.run([]tap{e}, func() {
			entries = entries[:0]
			var rows [][]cell
			var counts []string
			for _, s := range stats.ExpertSeverities {
				total := 0
				for _, en := range e.Entries(s.Sev) {
					total += en.Count
					g := stats.ExpertGroupName(en.Group)
					entries = append(entries, en)
					rows = append(rows, []cell{num(float64(s.Sev), s.Name), txt(en.Summary), txt(g), txt(en.Protocol), numU(uint64(en.Count))})
				}
				counts = append(counts, fmt.Sprintf("%ss: %d", s.Name, total))
			}
			w.head.SetText(tview.Escape(strings.Join(counts, " · ")))
			w.table.setRows(rows)
		})
	}
	w.table.onEnter = func(i int) {
		en := entries[i]
		if len(en.Frames) == 0 {
			return
		}
		k := next[en] % len(en.Frames)
		next[en] = k + 1
		u.jumpTo(en.Frames[k])
		w.info.SetText(fmt.Sprintf("%s: packet %d (%d of %d)", field.Escape(en.Summary), en.Frames[k], k+1, len(en.Frames)))
	}
	w.recalc()
}

// showCredentials opens Tools › Credentials: user names and passwords seen in the clear, with the
// packet to jump to; passwords stay hidden until p shows them.
func (u *UI) showCredentials() {
	cols := []statCol{{title: "Packet No.", num: true}, {title: "Protocol"}, {title: "Username"}, {title: "Password"}, {title: "Additional Info"}}
	w := u.newStatWindow("Credentials", cols, "Enter: go to packet · p: show/hide passwords")
	var creds []stats.Credential
	shown := false
	fill := func() {
		var rows [][]cell
		for _, c := range creds {
			pw := c.Password
			if !shown && pw != "" {
				pw = strings.Repeat("•", 8)
			}
			info := c.Info
			if i := strings.IndexByte(info, 0); i >= 0 {
				info = info[:i]
			}
			rows = append(rows, []cell{numU(uint64(c.Frame)), txt(c.Protocol), txt(c.Username), txt(pw), txt(info)})
		}
		w.table.setRows(rows)
		state := "hidden (p shows them)"
		if shown {
			state = "shown (p hides them)"
		}
		w.head.SetText(fmt.Sprintf("%d credentials · passwords %s", len(creds), state))
	}
	w.recalc = func() {
		cr, err := stats.NewCredentials("credentials,show")
		if err != nil {
			u.flash(err.Error())
			return
		}
		w.run([]tap{cr}, func() {
			creds = cr.Credentials()
			fill()
		})
	}
	w.extra = func(ev *tcell.EventKey) *tcell.EventKey {
		if ev.Key() == tcell.KeyRune && ev.Rune() == 'p' {
			shown = !shown
			fill()
			return nil
		}
		return ev
	}
	w.table.onEnter = func(i int) { u.jumpTo(creds[i].Frame) }
	fill()
	w.recalc()
}

// showHandshakes opens the handshake diagnosis: each TCP connection attempt classified; Enter
// filters on its stream.
func (u *UI) showHandshakes() {
	cols := []statCol{{title: "Client"}, {title: "Server"}, {title: "Outcome"}, {title: "SYNs", num: true},
		{title: "Frames", num: true}, {title: "Bytes", num: true}, {title: "Stream", num: true}, {title: "First packets"}}
	w := u.newStatWindow("Handshake diagnosis", cols, "Enter: filter on this connection")
	var atts []*stats.Attempt
	w.recalc = func() {
		h, err := stats.NewHandshakes("handshakes")
		if err != nil {
			u.flash(err.Error())
			return
		}
		w.run([]tap{h}, func() {
			atts = h.Attempts()
			counts := map[string]int{}
			var order []string
			var rows [][]cell
			for _, a := range atts {
				o := a.Outcome.String()
				if counts[o] == 0 {
					order = append(order, o)
				}
				counts[o]++
				var fl []string
				for j, f := range a.FrameList {
					if j == 4 {
						fl = append(fl, "…")
						break
					}
					fl = append(fl, strconv.Itoa(int(f)))
				}
				rows = append(rows, []cell{txt(a.Client.String()), txt(a.Server.String()), txt(o), numU(uint64(a.SYNs)),
					numU(a.Frames), numU(a.Bytes), numU(uint64(a.Stream)), txt(strings.Join(fl, ","))})
			}
			var parts []string
			for _, o := range order {
				parts = append(parts, fmt.Sprintf("%s: %d", o, counts[o]))
			}
			w.head.SetText(tview.Escape(fmt.Sprintf("%d attempts · %s", len(atts), strings.Join(parts, " · "))))
			w.table.setRows(rows)
		})
	}
	w.table.onEnter = func(i int) {
		u.closeWindow()
		u.applyDisplayFilter(fmt.Sprintf("tcp.stream eq %d", atts[i].Stream))
	}
	w.recalc()
}

// showConnReport opens the connection report: for each server, the clients that opened
// connections to it, grouped by subnet; Enter filters on the client and server.
func (u *UI) showConnReport() {
	cols := []statCol{{title: "Server"}, {title: "Client group"}, {title: "Client"}, {title: "Attempts", num: true},
		{title: "Established", num: true}, {title: "Failed", num: true}, {title: "First seen"}, {title: "Last seen"}, {title: "Bytes", num: true}}
	w := u.newStatWindow("Connection report", cols, "Enter: filter on this client and server")
	var rows []stats.ClientRow
	w.recalc = func() {
		r, err := stats.NewConnReport("connreport")
		if err != nil {
			u.flash(err.Error())
			return
		}
		w.run([]tap{r}, func() {
			rows = r.Rows()
			servers := map[netip.AddrPort]bool{}
			var cells [][]cell
			for _, row := range rows {
				servers[row.Server] = true
				cells = append(cells, []cell{txt(row.Server.String()), txt(row.Group), txt(row.Client.String()),
					numU(uint64(row.Attempts)), numU(uint64(row.Established)), numU(uint64(row.Failed)),
					txt(clock(row.First)), txt(clock(row.Last)), numU(row.Bytes)})
			}
			w.head.SetText(fmt.Sprintf("%d servers · %d client rows", len(servers), len(rows)))
			w.table.setRows(cells)
		})
	}
	w.table.onEnter = func(i int) {
		row := rows[i]
		af := "ip.addr"
		if row.Client.Is6() {
			af = "ipv6.addr"
		}
		u.closeWindow()
		u.applyDisplayFilter(fmt.Sprintf("%s eq %s and %s eq %s and tcp.port eq %d", af, row.Client, af, row.Server.Addr(), row.Server.Port()))
	}
	w.recalc()
}

// clock formats an absolute time (ns) as the report's UTC date and time.
func clock(ns int64) string {
	return field.FrameTime(ns).UTC().Format("2006-01-02 15:04:05")
}
