// Package gopacketio makes tshark-tui's capture readers and capture-filter compiler usable from
// programs written against github.com/google/gopacket, without cgo.
//
// Every capture source of package capture — pcap and pcapng files, gzip/zstd/lz4 compressed, several
// files merged by time, standard input — and every live AF_PACKET ring of package capture/live is a
// capture.Reader; NewSource turns any of them into a gopacket.PacketDataSource and
// gopacket.ZeroCopyPacketDataSource, so gopacket.NewPacketSource and layers decode them. LinkType
// converts LINKTYPE_* numbers to layers.LinkType.
//
// The pcap-filter(7) compiler of package capture/bpf is exposed in gopacket's terms: CompileBPF
// gives the []bpf.RawInstruction that afpacket's SetBPF and SO_ATTACH_FILTER take, and NewBPF a
// matcher with the shape of gopacket/pcap's BPF.Matches for packets read from files.
//
// This is the only package of the module that imports gopacket: dissection, filtering and the
// readers themselves stay independent of it (see docs/ARCHITECTURE.md, "gopacket").
package gopacketio
