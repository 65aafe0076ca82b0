package dissect

import "github.com/tshark-tui/tshark-tui/tls"

// Config is what a capture's dissection is configured with: the user's preferences that change
// what dissectors find (Wireshark's -o preferences that are not display options). It is fixed
// when the State is made, so that every dissection of a frame, first pass or later, sees the same.
type Config struct {
	// TLSKeys holds the RSA private keys and key logs TLS sessions are decrypted with; nil or
	// empty leaves TLS encrypted, exactly as without the feature.
	TLSKeys *tls.Keys
	// OnePass says every frame is dissected once, in order, and never again (tshark's batch mode):
	// dissectors need not keep what later re-dissections would replay, so memory stays flat.
	OnePass bool
	// LeanPayload lets a one-pass run skip dissecting TCP payloads when nothing it asks for (Want,
	// columns, visible tree) comes from them. Off when something reads the tree beyond its fields
	// (a -z tap).
	LeanPayload bool
	// DecodeAs sends what a table would hand on by some keys to another dissector (tshark -d).
	DecodeAs []DecodeAs
	// Names says which numbers are shown as names (tshark -N); the zero value is tshark -n.
	Names NameRes
	// HostsFiles are more hosts files (tshark -H), read after Wireshark's own; their names show
	// when network names are on.
	HostsFiles []string
}

// NewStateWith returns fresh conversation state for a capture dissected with cfg.
func NewStateWith(cfg Config) *State {
	s := NewState()
	s.onePass = cfg.OnePass
	s.leanPayload = cfg.OnePass && cfg.LeanPayload
	s.decodeAs = newDecodeAs(cfg.DecodeAs)
	s.names = newNames(cfg.Names, cfg.HostsFiles)
	if s.names != nil && s.names.res&ResolveDNS != 0 {
		s.leanPayload = false // the DNS answers name later hosts: payloads are read on a lean run too
	}
	st := s.slot(tlsSlot).(*tlsState)
	if !cfg.TLSKeys.Empty() {
		st.keys = cfg.TLSKeys
		st.cache = tls.NewCache()
	}
	return s
}

// OnePass reports whether frames are dissected once only (Config.OnePass).
func (s *State) OnePass() bool { return s.onePass }
