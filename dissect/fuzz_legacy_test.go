package dissect_test

import (
	"path/filepath"
	"testing"
)

// legacySeedCaptures are corpus captures (../shared/corpus/tcpdump, read in place when present) whose
// frames seed FuzzDissect for the campus and legacy LAN dissectors (RX and AFS, ...), with how many of
// each file's frames to take.
var legacySeedCaptures = map[string]int{
	"afs.pcap": 120, "rx_serviceid_oobr.pcap": 4,
	"AoE_Linux.pcap": 40, "aoe-oobr-1.pcap": 4,
	"DECnet_Phone.pcap": 40, "decnet-oobr.pcap": 20, "decnet-shorthdr-oobr.pcap": 2,
	"geonet_v0_and_calm_fast.pcap": 40, "cve-2014-8768-Geonet.pcap": 1, "geonet-mac-lookup-heapoverflow.pcap": 1,
	"babel_update_oobr.pcap": 30,
	"ipx.pcap":               45, "ipx-invalid-length.pcap": 1, "smb_print_trans-oobr1.pcap": 4,
	"UDLD.pcap": 20, "udld-inf-loop-1.pcapng": 2,
}

// addLegacySeeds adds the frames of legacySeedCaptures to f's corpus.
func addLegacySeeds(f *testing.F) {
	dir := filepath.Join("..", "..", "shared", "corpus", "tcpdump")
	for name, max := range legacySeedCaptures {
		frames, _ := readCapture(filepath.Join(dir, name))
		for i, fr := range frames {
			if i == max {
				break
			}
			f.Add(fr.link, fr.data)
		}
	}
}
