package dissect_test

import (
	"path/filepath"
	"testing"
)

// routingSeedCaptures are corpus captures (../shared/corpus/tcpdump, read in place when present) whose
// frames seed FuzzDissect for the routing, tunnelling and link-layer dissectors: OSPF, IPsec, Frame
// Relay, Cisco HDLC, ERSPAN, RIP, LACP, EIGRP, PTP, MPTCP, OpenFlow and BGP, malformed ones included.
var routingSeedCaptures = []string{
	"OSPFv2_Capture_FINAL.pcapng", "OSPFv3_with_AH.pcap", "ospf6_print_lshdr-oobr.pcap", "ospf-signed-integer-ubsan.pcap",
	"ospf-sr.pcapng", "ospf_graceful_restart_rfc3623.pcap", "isakmp4500.pcap", "OSPFv3_NBMA_adjacencies.pcap",
	"esis_snpa_asan-3.pcap", "HDLC.pcap", "chdlc-slarp-short.pcap", "erspan-type-iii-pb-1.pcap", "erspan-type-ii-1.pcap",
	"ripv2_auth.pcap", "ripv2-invalid-length.pcap", "hoobr_ripng_print.pcap", "LACP.pcap", "EIGRP_adjacency.pcap",
	"eigrp-tlv-oobr.pcap", "ptp_management.pcap", "ptp_v2_1.pcap", "mptcp-aa-v1.pcap", "mptcp-dss-oobr.pcap",
	"mptcp-tcprst.pcap", "of10_7050sx_bsn-oobr.pcap", "of13_ericsson.pcapng", "bgp-as-path-oobr.pcap",
	"bgp_mp_reach_nlri-oobr.pcap", "bgp-4byte-asn.pcap",
}

// addRoutingSeeds adds the frames of routingSeedCaptures (at most a few per file) to f's corpus.
func addRoutingSeeds(f *testing.F) {
	dir := filepath.Join("..", "..", "shared", "corpus", "tcpdump")
	for _, name := range routingSeedCaptures {
		frames, _ := readCapture(filepath.Join(dir, name))
		for i, fr := range frames {
			if i == 8 {
				break
			}
			f.Add(fr.link, fr.data)
		}
	}
}
