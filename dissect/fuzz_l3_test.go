package dissect_test

import (
	"path/filepath"
	"testing"
)

// l3SeedCaptures are corpus captures (../shared/corpus/tcpdump, read in place when present) whose
// frames seed FuzzDissect for the transport, routing and VPN dissectors of the third round: SCTP
// and M3UA, and those that follow in l3SeedCaptures' order.
var l3SeedCaptures = []string{
	"forces1.pcap", "forces2.pcap", "isup.pcap",
}

// addL3Seeds adds the frames of l3SeedCaptures (at most a few per file) to f's corpus.
func addL3Seeds(f *testing.F) {
	dir := filepath.Join("..", "..", "shared", "corpus", "tcpdump")
	for _, name := range l3SeedCaptures {
		frames, _ := readCapture(filepath.Join(dir, name))
		for i, fr := range frames {
			if i == 12 {
				break
			}
			f.Add(fr.link, fr.data)
		}
	}
}
