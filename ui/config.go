package ui

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/tshark-tui/tshark-tui/render"
)

// config is what persists between runs in $XDG_CONFIG_HOME/tshark-tui/settings.json.
type config struct {
	TimeFormat    string   `json:"time_format,omitempty"`
	SideBySide    bool     `json:"side_by_side,omitempty"`
	NoColors      bool     `json:"no_colors,omitempty"`
	FilterHistory []string `json:"filter_history,omitempty"`
	RecentFiles   []string `json:"recent_files,omitempty"`
	Columns       []Column `json:"columns,omitempty"`
	Precision     int      `json:"precision"`
	// TLS decryption (ui/tlskeys.go): RSA key entries without their passwords, key log files.
	TLSKeys    []string `json:"tls_keys,omitempty"`
	TLSKeyLogs []string `json:"tls_keylogs,omitempty"`
	// Decode As entries (ui/decodeas.go), as tshark's -d takes them.
	DecodeAs []string `json:"decode_as,omitempty"`

	histPos int
}

func (u *UI) configPath() string {
	dir := u.configDir
	if dir == "" {
		base := os.Getenv("XDG_CONFIG_HOME")
		if base == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return ""
			}
			base = filepath.Join(home, ".config")
		}
		dir = filepath.Join(base, "tshark-tui")
	}
	return filepath.Join(dir, "settings.json")
}

// loadConfig reads the settings; a missing or broken file leaves the defaults.
func (u *UI) loadConfig() {
	p := u.configPath()
	if p == "" {
		return
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return
	}
	var c config
	if json.Unmarshal(b, &c) != nil {
		return
	}
	u.cfg = c
	if f, ok := render.ParseTimeFormat(c.TimeFormat); ok && u.timeFormat == 0 {
		u.timeFormat = f
	}
	u.sideBySide = c.SideBySide
	if c.Precision >= 0 && c.Precision <= 9 && b != nil && json.Valid(b) && hasKey(b, "precision") {
		u.precision = c.Precision
	}
	u.colorize = !c.NoColors
}

// saveConfig writes the settings (best effort: a read-only home must not break quitting).
func (u *UI) saveConfig() {
	p := u.configPath()
	if p == "" {
		return
	}
	u.cfg.TimeFormat = u.timeFormat.Flag()
	u.cfg.SideBySide = u.sideBySide
	u.cfg.NoColors = !u.colorize
	u.cfg.Precision = u.precision
	if src := u.eng.Source(); !src.IsLive() {
		u.addRecent(src.Files) // interfaces are not files to reopen
	}
	b, err := json.MarshalIndent(u.cfg, "", "  ")
	if err != nil {
		return
	}
	// private: filter history, recent files and key file paths are nobody else's business
	_ = os.MkdirAll(filepath.Dir(p), 0o700)
	_ = os.WriteFile(p, b, 0o600)
	_ = os.Chmod(p, 0o600) // a file written 0644 before keeps its mode through WriteFile
}

func hasKey(b []byte, key string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return false
	}
	_, ok := m[key]
	return ok
}
