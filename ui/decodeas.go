package ui

import (
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
)

// Decode As (Analyze › Decode As…, A): entries that send a dissector table's keys — a TCP or UDP
// port, an ethertype, an IP protocol — to another dissector, written as tshark's -d takes them
// ("tcp.port==8080,http"). Adding or removing one saves the settings and dissects the capture
// again; the command line's entries are used but not saved.

// WithDecodeAs passes the command line's Decode As entries (-d), which the session was opened with.
func WithDecodeAs(entries []string) Option {
	return func(u *UI) { u.cliDecodeAs = entries }
}

// decodeAsEntries parses every entry: the command line's and the saved ones (a saved entry that
// no longer parses is skipped).
func (u *UI) decodeAsEntries() []engine.DecodeAs {
	var out []engine.DecodeAs
	for _, e := range append(append([]string(nil), u.cliDecodeAs...), u.cfg.DecodeAs...) {
		if d, _, err := engine.ParseDecodeAs(e); err == nil {
			out = append(out, d)
		}
	}
	return out
}

// applyDecodeAs hands the entries to the session, which dissects again with them.
func (u *UI) applyDecodeAs() {
	cfg := u.eng.Config()
	cfg.DecodeAs = u.decodeAsEntries()
	u.eng.Reconfigure(cfg)
}

// initDecodeAs adds the saved entries to the session the UI was given.
func (u *UI) initDecodeAs() {
	if len(u.cfg.DecodeAs) > 0 {
		u.applyDecodeAs()
	}
}

// decodeAsSuggestion prefills a new entry from the selected packet: its TCP or UDP server port.
func (u *UI) decodeAsSuggestion() string {
	if u.selTree == nil {
		return "tcp.port=="
	}
	for _, p := range []string{"tcp", "udp"} {
		port := fieldText(u.selTree, p+".dstport")
		if src := fieldText(u.selTree, p+".srcport"); src != "" && port != "" {
			a, _ := strconv.Atoi(src)
			b, _ := strconv.Atoi(port)
			if a < b {
				port = src // the lower port is most often the server's
			}
		}
		if port != "" {
			return p + ".port==" + port + ","
		}
	}
	return "tcp.port=="
}

// decodeAsDialog lists the entries: a adds one, d removes the selected saved one, Esc closes.
func (u *UI) decodeAsDialog() {
	list := tview.NewList().ShowSecondaryText(true)
	var saved []int // list index → index in u.cfg.DecodeAs, -1 for the command line's
	fill := func() {
		list.Clear()
		saved = saved[:0]
		for _, e := range u.cliDecodeAs {
			list.AddItem(e, "  from the command line", 0, nil)
			saved = append(saved, -1)
		}
		for i, e := range u.cfg.DecodeAs {
			list.AddItem(e, "  saved", 0, nil)
			saved = append(saved, i)
		}
		if len(saved) == 0 {
			list.AddItem("(none: every table decodes as registered)", "", 0, nil)
		}
	}
	fill()
	list.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		switch {
		case ev.Key() == tcell.KeyEscape:
			u.closeModal()
			return nil
		case ev.Key() == tcell.KeyRune && ev.Rune() == 'a':
			u.prompt("Decode As", "layer==selector,protocol (e.g. tcp.port==8080,http): ", u.decodeAsSuggestion(), func(s string) {
				s = strings.TrimSpace(s)
				if s == "" {
					return
				}
				d, warn, err := engine.ParseDecodeAs(s)
				if err != nil {
					msg := err.Error()
					if i := strings.IndexByte(msg, '\n'); i >= 0 {
						msg = msg[:i] + " (see the protocols with tshark-tui -G decodes)"
					}
					u.flash(msg)
					return
				}
				u.cfg.DecodeAs = append(u.cfg.DecodeAs, d.String())
				u.saveConfig()
				u.applyDecodeAs()
				if warn != "" {
					u.flash(warn)
				}
			})
			return nil
		case (ev.Key() == tcell.KeyRune && ev.Rune() == 'd') || ev.Key() == tcell.KeyDelete:
			i := list.GetCurrentItem()
			if i < 0 || i >= len(saved) || saved[i] < 0 {
				u.flash("only saved entries can be removed here")
				return nil
			}
			k := saved[i]
			u.cfg.DecodeAs = append(u.cfg.DecodeAs[:k:k], u.cfg.DecodeAs[k+1:]...)
			u.saveConfig()
			fill()
			u.applyDecodeAs()
			return nil
		}
		return ev
	})
	u.modal("Decode As (a: add, d: remove, Esc: close)", list, 80, 12)
}
