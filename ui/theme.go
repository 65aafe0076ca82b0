package ui

import (
	"fmt"

	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
)

// theme holds the UI's styles. Colours are RGB; tcell maps them to the nearest of 256, 16 or 8
// colours on terminals that have fewer.
type theme struct {
	header, row, selected, marked   tcell.Style
	generated, malformed, expert    tcell.Style
	hexHighlight, hexText, hexDim   tcell.Style
	menuBg, menuFg, border          tcell.Color
	filterOK, filterBad, filterWarn tcell.Color
}

func defaultTheme() theme {
	return theme{
		header:       tcell.StyleDefault.Bold(true).Background(tcell.NewRGBColor(0xd0, 0xd0, 0xd0)).Foreground(tcell.ColorBlack),
		row:          tcell.StyleDefault,
		selected:     tcell.StyleDefault.Background(tcell.NewRGBColor(0x33, 0x66, 0xcc)).Foreground(tcell.ColorWhite),
		marked:       tcell.StyleDefault.Background(tcell.ColorBlack).Foreground(tcell.ColorWhite).Bold(true),
		generated:    tcell.StyleDefault.Foreground(tcell.ColorTeal),
		malformed:    tcell.StyleDefault.Foreground(tcell.ColorRed).Bold(true),
		expert:       tcell.StyleDefault.Foreground(tcell.ColorOlive),
		hexHighlight: tcell.StyleDefault.Background(tcell.NewRGBColor(0x33, 0x66, 0xcc)).Foreground(tcell.ColorWhite),
		hexText:      tcell.StyleDefault,
		hexDim:       tcell.StyleDefault.Foreground(tcell.ColorGray),
		menuBg:       tcell.NewRGBColor(0x30, 0x30, 0x30),
		menuFg:       tcell.ColorWhite,
		border:       tcell.ColorGray,
		filterOK:     tcell.NewRGBColor(0xaf, 0xff, 0xaf),
		filterBad:    tcell.NewRGBColor(0xff, 0xaf, 0xaf),
		filterWarn:   tcell.NewRGBColor(0xff, 0xff, 0xaf),
	}
}

// treeStyle returns the style of a details-pane item by its flags, as Wireshark tints expert items.
func (th theme) treeStyle(n *field.Node) tcell.Style {
	switch {
	case n.Flags&field.Malformed != 0 || n.Flags.Severity() == field.Error:
		return th.malformed
	case n.Flags.Severity() == field.Warn:
		return th.expert
	case n.Flags&field.Generated != 0:
		return th.generated
	}
	return tcell.StyleDefault
}

// colorRule is one of Wireshark's colouring rules.
type colorRule struct {
	name, filter string
	bg, fg       [3]uint16 // Wireshark's 16-bit RGB
	style        tcell.Style
	m            engine.Matcher
}

// defaultColorRules are Wireshark's default colouring rules (its "colorfilters" file), in order: the
// first that matches colours the row. Rules naming protocols we do not dissect fail to compile and
// are left out, as Wireshark disables rules with unknown fields.
var defaultColorRules = []colorRule{
	{name: "Bad TCP", filter: "tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack", bg: [3]uint16{4718, 10030, 11796}, fg: [3]uint16{63479, 34695, 34695}},
	{name: "HSRP State Change", filter: "hsrp.state != 8 && hsrp.state != 16", bg: [3]uint16{4718, 10030, 11796}, fg: [3]uint16{65535, 64764, 40092}},
	{name: "Spanning Tree Topology  Change", filter: "stp.type == 0x80", bg: [3]uint16{4718, 10030, 11796}, fg: [3]uint16{65535, 64764, 40092}},
	{name: "OSPF State Change", filter: "ospf.msg != 1", bg: [3]uint16{4718, 10030, 11796}, fg: [3]uint16{65535, 64764, 40092}},
	{name: "ICMP errors", filter: "icmp.type in {3..5, 11} || icmpv6.type in {1..4}", bg: [3]uint16{4718, 10030, 11796}, fg: [3]uint16{47031, 63479, 29812}},
	{name: "ARP", filter: "arp", bg: [3]uint16{64250, 61680, 55255}, fg: [3]uint16{4718, 10030, 11796}},
	{name: "ICMP", filter: "icmp || icmpv6", bg: [3]uint16{64764, 57568, 65535}, fg: [3]uint16{4718, 10030, 11796}},
	{name: "TCP RST", filter: "tcp.flags.reset eq 1", bg: [3]uint16{42148, 0, 0}, fg: [3]uint16{65535, 64764, 40092}},
	{name: "SCTP ABORT", filter: "sctp.chunk_type eq ABORT", bg: [3]uint16{42148, 0, 0}, fg: [3]uint16{65535, 64764, 40092}},
	{name: "TTL low or unexpected", filter: "(ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp))", bg: [3]uint16{42148, 0, 0}, fg: [3]uint16{60652, 61680, 60395}},
	{name: "Checksum Errors", filter: `eth.fcs.status=="Bad" || ip.checksum.status=="Bad" || tcp.checksum.status=="Bad" || udp.checksum.status=="Bad"`, bg: [3]uint16{4718, 10030, 11796}, fg: [3]uint16{63479, 34695, 34695}},
	{name: "SMB", filter: "smb || nbss || nbns || netbios", bg: [3]uint16{65278, 65535, 53456}, fg: [3]uint16{4718, 10030, 11796}},
	{name: "HTTP", filter: "http || tcp.port == 80 || http2", bg: [3]uint16{58596, 65535, 51400}, fg: [3]uint16{4718, 10030, 11796}},
	{name: "DCERPC", filter: "dcerpc", bg: [3]uint16{51143, 38807, 65535}, fg: [3]uint16{4718, 10030, 11796}},
	{name: "Routing", filter: "hsrp || eigrp || ospf || bgp || cdp || vrrp || carp || gvrp || igmp || ismp", bg: [3]uint16{65534, 62325, 54808}, fg: [3]uint16{4718, 10030, 11796}},
	{name: "TCP SYN/FIN", filter: "tcp.flags & 0x02 || tcp.flags.fin == 1", bg: [3]uint16{41026, 41026, 41026}, fg: [3]uint16{4718, 10030, 11796}},
	{name: "TCP", filter: "tcp", bg: [3]uint16{59345, 58980, 65534}, fg: [3]uint16{4718, 10030, 11796}},
	{name: "UDP", filter: "udp", bg: [3]uint16{56026, 61166, 65535}, fg: [3]uint16{4718, 10030, 11796}},
	{name: "Broadcast", filter: "eth[0] & 1", bg: [3]uint16{65535, 65535, 65535}, fg: [3]uint16{47802, 48573, 46774}},
	{name: "System Event", filter: "systemd_journal || sysdig", bg: [3]uint16{59110, 59110, 59110}, fg: [3]uint16{11565, 28527, 39578}},
}

// colorRules is the compiled rule list.
type colorRules struct {
	rules    []colorRule
	disabled []string // rules that did not compile, with why
}

func rgb16(c [3]uint16) tcell.Color {
	return tcell.NewRGBColor(int32(c[0]>>8), int32(c[1]>>8), int32(c[2]>>8))
}

func compileColorRules(comp Compiler, th theme) *colorRules {
	cr := &colorRules{}
	if comp == nil {
		return cr
	}
	for _, r := range defaultColorRules {
		f, err := compileRule(comp, r.filter)
		if err != nil {
			cr.disabled = append(cr.disabled, r.name+": "+err.Error())
			continue
		}
		r.m = f.M
		r.style = tcell.StyleDefault.Background(rgb16(r.bg)).Foreground(rgb16(r.fg))
		cr.rules = append(cr.rules, r)
	}
	return cr
}

// match returns the first rule matching a (fully dissected) tree.
func (cr *colorRules) match(t *field.Tree) *colorRule {
	for i := range cr.rules {
		if cr.rules[i].m.Match(t) {
			return &cr.rules[i]
		}
	}
	return nil
}

// compileRule compiles a colouring rule, reading a protocol we do not dissect (smb, ospf, http2…)
// as absent rather than disabling the whole rule: its name becomes a test that never holds.
func compileRule(comp Compiler, text string) (*engine.Filter, error) {
	for i := 0; i < 16; i++ {
		f, err := comp(text)
		if err == nil {
			return f, nil
		}
		sp, ok := err.(Spanner)
		if !ok {
			return nil, err
		}
		pos, n := sp.Span()
		if pos < 0 || n <= 0 || pos+n > len(text) || !isFieldName(text[pos:pos+n]) {
			return nil, err
		}
		text = text[:pos] + "(frame.number == 0)" + text[pos+n:]
	}
	return nil, fmt.Errorf("rule has too many unknown protocols")
}

func isFieldName(s string) bool {
	for _, c := range s {
		if !(c == '.' || c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return s != ""
}
