package ui

import (
	"github.com/gdamore/tcell/v2"

	"github.com/tshark-tui/tshark-tui/engine"
)

// Name resolution (View › Name Resolution, Ctrl-N): addresses and ports shown as names in the
// packet list's Source and Destination columns, the details' labels and the *_host fields, as tshark
// -N shows them. The setting is the session's (engine.Config.Names): changing it dissects the
// capture again, with nothing reopened. Names come from files (Wireshark's manuf, hosts, services;
// tshark -H) and from the capture's own DNS answers; nothing is ever asked of the network.

// registerNameKeys adds the View menu's name-resolution entries.
func (u *UI) registerNameKeys(add func(group, name string, h func(), keys ...Key)) {
	add("View", "Name resolution: all on / as started", u.toggleNames, sk(tcell.KeyCtrlN))
	add("View", "Resolve physical (MAC) addresses on/off", func() { u.toggleNameKind(engine.ResolveMAC) })
	add("View", "Resolve network addresses on/off (hosts files, DNS answers)",
		func() { u.toggleNameKind(engine.ResolveNetwork | engine.ResolveDNS) })
	add("View", "Resolve transport (port) names on/off", func() { u.toggleNameKind(engine.ResolveTransport) })
}

// toggleNames turns every kind of name on, or back to what the session started with (the command
// line's -n/-N, tshark's default of MAC names otherwise).
func (u *UI) toggleNames() {
	cur := u.eng.Config().Names
	if cur != engine.NameResAll {
		u.namesBefore = cur
		u.setNames(engine.NameResAll)
		return
	}
	u.setNames(u.namesBefore)
}

// toggleNameKind turns one kind of name on or off.
func (u *UI) toggleNameKind(k engine.NameRes) {
	cur := u.eng.Config().Names
	if cur&k == k {
		u.setNames(cur &^ k)
	} else {
		u.setNames(cur | k)
	}
}

// setNames hands the setting to the session, which dissects again with it.
func (u *UI) setNames(r engine.NameRes) {
	cfg := u.eng.Config()
	cfg.Names = r
	u.eng.Reconfigure(cfg)
	u.flash("Name resolution: " + nameKinds(r))
}

// nameKinds names the kinds in r as the View menu does.
func nameKinds(r engine.NameRes) string {
	s := ""
	for _, k := range []struct {
		r    engine.NameRes
		name string
	}{{engine.ResolveMAC, "physical"}, {engine.ResolveNetwork, "network"}, {engine.ResolveTransport, "transport"}} {
		if r&k.r != 0 {
			if s != "" {
				s += ", "
			}
			s += k.name
		}
	}
	if s == "" {
		return "off"
	}
	return s
}
