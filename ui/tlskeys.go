package ui

import (
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
)

// TLS decryption keys: a dialog (S, for secrets) lists the RSA key entries and key log files the capture is
// decrypted with; adding or removing one saves the settings (without passwords) and dissects the
// capture again with the new keys. Keys given on the command line are used but not saved.

// tlsKeyState is the UI's part of the TLS configuration.
type tlsKeyState struct {
	cliKeys, cliLogs []string          // from the command line
	passwords        map[string]string // saved entry → its password, for this run only
}

// WithTLSKeys passes the command line's RSA key entries ("ip,port,protocol,keyfile[,password]" or a
// key file) and key log files, which the session was opened with.
func WithTLSKeys(entries, logs []string) Option {
	return func(u *UI) { u.tls.cliKeys, u.tls.cliLogs = entries, logs }
}

// tlsSpec names every key: the command line's and the saved ones (with their passwords).
func (u *UI) tlsSpec() engine.TLSKeySpec {
	return engine.TLSKeySpec{Entries: u.tlsEntries(),
		Logs: append(append([]string(nil), u.tls.cliLogs...), u.cfg.TLSKeyLogs...)}
}

// tlsEntries returns every RSA key entry with its password.
func (u *UI) tlsEntries() []string {
	out := append([]string(nil), u.tls.cliKeys...)
	for _, e := range u.cfg.TLSKeys {
		if pw := u.tls.passwords[e]; pw != "" {
			e += "," + pw
		}
		out = append(out, e)
	}
	return out
}

// applyTLSKeys loads every key and hands them to the session, which dissects again with them: files,
// standard input and live captures alike, with nothing reopened and nothing lost. Entries that fail
// to load are skipped with a message in the status line.
func (u *UI) applyTLSKeys() {
	keys, warns, _ := engine.LoadTLSKeys(u.tlsSpec(), false)
	cfg := u.eng.Config()
	cfg.TLSKeys = keys
	u.eng.Reconfigure(cfg)
	if len(warns) > 0 {
		u.flash(warns[0])
	}
}

// initTLSKeys adds the saved keys to the session the UI was given (opened with the command line's
// keys only). Saved keys were checked, and their warnings shown, when they were added: a key's
// warning is not repeated on every launch.
func (u *UI) initTLSKeys() {
	if len(u.cfg.TLSKeys)+len(u.cfg.TLSKeyLogs) == 0 {
		return
	}
	keys, _, _ := engine.LoadTLSKeys(u.tlsSpec(), false)
	cfg := u.eng.Config()
	cfg.TLSKeys = keys
	u.eng.Reconfigure(cfg)
}

// withoutPassword drops the fifth field of an "ip,port,protocol,keyfile,password" entry.
func withoutPassword(e string) (entry, password string) {
	f := strings.SplitN(e, ",", 5)
	if len(f) == 5 {
		return strings.Join(f[:4], ","), f[4]
	}
	return e, ""
}

// tlsKeysDialog lists the keys: a adds an RSA key entry, l a key log file, d removes the selected
// saved one, Esc closes.
func (u *UI) tlsKeysDialog() {
	list := tview.NewList().ShowSecondaryText(true)
	type item struct {
		log   bool
		saved int // index in the saved list, -1 for command-line entries
	}
	var items []item
	fill := func() {
		list.Clear()
		items = items[:0]
		for _, e := range u.tls.cliKeys {
			entry, _ := withoutPassword(e)
			list.AddItem("RSA key  "+entry, "  from the command line", 0, nil)
			items = append(items, item{saved: -1})
		}
		for _, p := range u.tls.cliLogs {
			list.AddItem("Key log  "+p, "  from the command line", 0, nil)
			items = append(items, item{log: true, saved: -1})
		}
		for i, e := range u.cfg.TLSKeys {
			list.AddItem("RSA key  "+e, "  saved", 0, nil)
			items = append(items, item{saved: i})
		}
		for i, p := range u.cfg.TLSKeyLogs {
			list.AddItem("Key log  "+p, "  saved", 0, nil)
			items = append(items, item{log: true, saved: i})
		}
		if len(items) == 0 {
			list.AddItem("(no keys: TLS stays encrypted)", "", 0, nil)
		}
	}
	apply := func() {
		u.saveConfig()
		u.applyTLSKeys()
	}
	fill()
	list.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		switch {
		case ev.Key() == tcell.KeyEscape:
			u.closeModal()
			return nil
		case ev.Rune() == 'a':
			u.prompt("Add RSA private key", "ip,port,protocol,keyfile[,password] or keyfile: ", "", func(s string) {
				s = strings.TrimSpace(s)
				if s == "" {
					return
				}
				if err := engine.CheckTLSKeyEntry(s); err != nil {
					u.flash(err.Error())
					return
				}
				if w := engine.TLSKeyWarning(s); w != "" {
					defer u.flash(w) // after apply's own messages
				}
				entry, pw := withoutPassword(s)
				if pw != "" {
					if u.tls.passwords == nil {
						u.tls.passwords = map[string]string{}
					}
					u.tls.passwords[entry] = pw
				}
				u.cfg.TLSKeys = append(u.cfg.TLSKeys, entry)
				apply()
			})
			return nil
		case ev.Rune() == 'l':
			u.prompt("Add key log file", "SSLKEYLOGFILE: ", "", func(s string) {
				s = strings.TrimSpace(s)
				if s == "" {
					return
				}
				if err := engine.CheckTLSKeyLog(s); err != nil {
					u.flash(err.Error())
					return
				}
				u.cfg.TLSKeyLogs = append(u.cfg.TLSKeyLogs, s)
				apply()
			})
			return nil
		case ev.Rune() == 'd' || ev.Key() == tcell.KeyDelete:
			i := list.GetCurrentItem()
			if i < 0 || i >= len(items) || items[i].saved < 0 {
				u.flash("only saved keys can be removed here")
				return nil
			}
			it := items[i]
			if it.log {
				u.cfg.TLSKeyLogs = append(u.cfg.TLSKeyLogs[:it.saved:it.saved], u.cfg.TLSKeyLogs[it.saved+1:]...)
			} else {
				delete(u.tls.passwords, u.cfg.TLSKeys[it.saved])
				u.cfg.TLSKeys = append(u.cfg.TLSKeys[:it.saved:it.saved], u.cfg.TLSKeys[it.saved+1:]...)
			}
			fill()
			apply()
			return nil
		}
		return ev
	})
	u.modal("TLS keys (a: add RSA key, l: add key log, d: remove, Esc: close)", list, 90, 12)
}
