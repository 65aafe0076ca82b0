package engine

import (
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/tls"
)

// Config is a session's dissection configuration: what changes what the dissectors find. It can
// change while a session is open (Session.Reconfigure): the first pass runs again over the frames
// already read, nothing is reopened and nothing is lost.
type Config struct {
	// TLSKeys decrypt TLS (RSA private keys, key logs); nil leaves TLS encrypted.
	TLSKeys *TLSKeys
	// DecodeAs entries send a table's keys to another dissector (tshark -d).
	DecodeAs []DecodeAs
	// Names says which numbers are shown as names (tshark -N); the zero value resolves nothing
	// (tshark -n), DefaultNameRes is tshark's default.
	Names NameRes
	// HostsFiles are more hosts files (tshark -H), whose names show when network names are on.
	HostsFiles []string
}

// NameRes is a set of name-resolution kinds (tshark's -N letters).
type NameRes = dissect.NameRes

// Name-resolution kinds and sets, as in package dissect.
const (
	ResolveMAC       = dissect.ResolveMAC
	ResolveNetwork   = dissect.ResolveNetwork
	ResolveDNS       = dissect.ResolveDNS
	ResolveExternal  = dissect.ResolveExternal
	ResolveTransport = dissect.ResolveTransport
	ResolveVLAN      = dissect.ResolveVLAN
	DefaultNameRes   = dissect.DefaultNameRes
	NameResAll       = dissect.NameResAll
)

// ParseNameRes reads tshark's -N argument (see dissect.ParseNameRes).
func ParseNameRes(s string) (NameRes, error) { return dissect.ParseNameRes(s) }

// TLSKeys are loaded TLS secrets (see LoadTLSKeys).
type TLSKeys = tls.Keys

// DecodeAs is one Decode As entry (tshark -d "tcp.port==8888,http").
type DecodeAs = dissect.DecodeAs

// ParseDecodeAs reads tshark's -d argument; warn carries tshark's warning for a single "=".
func ParseDecodeAs(s string) (d DecodeAs, warn string, err error) { return dissect.ParseDecodeAs(s) }

// DecodeAsTables lists the tables a Decode As entry may name.
func DecodeAsTables() []string { return dissect.DecodeAsTables() }

// DecodeAsProtocols lists the dissectors Decode As may choose for a table.
func DecodeAsProtocols(table string) []string { return dissect.DecodeAsProtocols(table) }

// dissectConfig is the dissector's view of the configuration.
func (c Config) dissectConfig() dissect.Config {
	return dissect.Config{TLSKeys: c.TLSKeys, DecodeAs: c.DecodeAs, Names: c.Names, HostsFiles: c.HostsFiles}
}

// TLSKeySpec names TLS secrets as the user gives them: RSA key entries ("ip,port,protocol,
// keyfile[,password]", or a bare key file matched to servers by their certificate) and key log
// files (SSLKEYLOGFILE).
type TLSKeySpec struct {
	Entries []string
	Logs    []string
}

// Empty reports whether the spec names nothing.
func (s TLSKeySpec) Empty() bool { return len(s.Entries) == 0 && len(s.Logs) == 0 }

// LoadTLSKeys reads what spec names. Key files readable by others give a warning (nothing secret is
// ever printed). strict stops at the first entry that cannot be loaded (the command line);
// otherwise such entries are skipped and reported among the warnings (the terminal UI). keys is
// nil when nothing was loaded.
func LoadTLSKeys(spec TLSKeySpec, strict bool) (keys *TLSKeys, warnings []string, err error) {
	k := &tls.Keys{}
	for _, e := range spec.Entries {
		entry, err := tls.ParseKeyEntry(e)
		if err != nil {
			if strict {
				return nil, warnings, err
			}
			warnings = append(warnings, err.Error())
			continue
		}
		if w := tls.KeyFileWarning(entry.File); w != "" {
			warnings = append(warnings, w)
		}
		k.RSA = append(k.RSA, entry)
	}
	for _, p := range spec.Logs {
		l, err := tls.ReadKeyLogFile(p)
		if err != nil {
			if strict {
				return nil, warnings, err
			}
			warnings = append(warnings, err.Error())
			continue
		}
		k.Logs = append(k.Logs, l)
	}
	if k.Empty() {
		return nil, warnings, nil
	}
	return k, warnings, nil
}

// CheckTLSKeyEntry says what is wrong with an RSA key entry, or nil.
func CheckTLSKeyEntry(e string) error {
	_, err := tls.ParseKeyEntry(e)
	return err
}

// CheckTLSKeyLog says why a key log file cannot be used, or nil.
func CheckTLSKeyLog(path string) error {
	_, err := tls.ReadKeyLogFile(path)
	return err
}

// TLSKeyWarning returns the warning for an RSA key entry whose file others may read, or "".
func TLSKeyWarning(e string) string {
	entry, err := tls.ParseKeyEntry(e)
	if err != nil {
		return ""
	}
	return tls.KeyFileWarning(entry.File)
}
