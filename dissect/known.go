package dissect

import "github.com/tshark-tui/tshark-tui/field"

// Undissected reports whether a protocol is known by name only (a filter on it compiles but never
// matches), so that listings can say so.
func Undissected(id field.ID) bool {
	f := Fields.Get(id)
	return f != nil && f.Undissected
}

// wiresharkAliases are the old protocol names tshark 4.0 still accepts in filters
// (proto_register_alias), each checked with `tshark -Y NAME`.
var wiresharkAliases = [...][2]string{
	{"bootp", "dhcp"},
	{"ssl", "tls"},
	{"nm", "autosar-nm"},
	{"104apci", "iec60870_104"},
}

func init() {
	// After every protocol file has registered its fields (package variables are initialised before
	// any init function runs), give the remaining Wireshark protocol names a field of their own:
	// what is undissected is whatever no dissector registered.
	for _, p := range wiresharkProtocols {
		if _, ok := Fields.Lookup(p[0]); ok {
			continue
		}
		Fields.Get(Fields.Protocol(p[0], p[1])).Undissected = true
	}
	for _, a := range wiresharkAliases {
		Fields.Alias(a[0], a[1])
	}
}
