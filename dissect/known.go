package dissect

import "github.com/tshark-tui/tshark-tui/field"

// undissected marks protocols registered only by name: Wireshark knows them, we do not dissect them.
var undissected = map[field.ID]bool{}

// Undissected reports whether a protocol is known by name only (a filter on it compiles but never
// matches), so that listings can say so.
func Undissected(id field.ID) bool { return undissected[id] }

func init() {
	// After every protocol file has registered its fields (package variables are initialised before
	// any init function runs), give the remaining Wireshark protocol names a field of their own.
	for _, p := range wiresharkProtocols {
		if _, ok := Fields.Lookup(p[0]); ok {
			continue
		}
		undissected[Fields.Protocol(p[0], p[1])] = true
	}
}
