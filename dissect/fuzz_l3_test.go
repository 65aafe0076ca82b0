package dissect_test

import (
	"path/filepath"
	"testing"
)

// l3SeedCaptures are corpus captures (../shared/corpus/tcpdump, read in place when present) whose
// frames seed FuzzDissect for the transport, routing and VPN dissectors of the third round: SCTP
// and M3UA, Babel, DCCP, NHRP, PGM, Mobile IPv6, LDP and MPLS Echo, and those that follow in l3SeedCaptures' order.
var l3SeedCaptures = []string{
	"forces1.pcap", "forces2.pcap", "isup.pcap",
	"babel_rfc6126bis.pcap", "babel_rtt.pcap", "babel_pad1.pcap", "babel_auth.pcap",
	"dccp_partial_csum_v4_longer.pcap", "dccp_partial_csum_v6_longer.pcap", "dccp_options-oobr.pcap",
	"nhrp.pcapng", "nhrp-trace.pcap", "NHRP-responder-address.pcap", "pb_nhrp_1.pcap",
	"pgm_poll_polr.pcap", "pgm_zmtp1.pcap", "pgm_group_addr_asan.pcap", "pgm_opts_asan.pcap",
	"ipv6_mobility_1.pcap", "mobility_opt_asan.pcap", "mobility_opt_asan_3.pcap", "ipv6-mobility-header-oobr.pcap",
	"ldp-common-session.pcap", "mpls-ldp-hello.pcap", "ldp-infinite-loop.pcap", "ldp_tlv_print-oobr.pcap",
	"lspping-fec-ldp.pcap", "lspping-fec-rsvp.pcap", "lsp-ping-timestamp.pcap",
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
