package gopacketio

import (
	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	xbpf "golang.org/x/net/bpf"

	"github.com/tshark-tui/tshark-tui/capture/bpf"
)

// CompileBPF compiles a pcap-filter(7) expression (tcpdump's capture filter language) for packets
// of link type lt into classic BPF, as afpacket's TPacket.SetBPF and SO_ATTACH_FILTER take it. An
// accepted packet returns snaplen (0 means 262144). Supported link types are Ethernet, Linux
// cooked (SLL, SLL2) and raw IP; errors are *bpf.Error with tcpdump's wording.
//
// This is what gopacket/pcap's CompileBPFFilter does with libpcap, without cgo. As libpcap's,
// a "protochain" program loops (a backward jump), which the Linux kernel refuses: run such a
// filter on the packets read instead (BPF.Matches).
func CompileBPF(expr string, lt layers.LinkType, snaplen int) ([]xbpf.RawInstruction, error) {
	p, err := bpf.Compile(expr, Link(lt), uint32(max(snaplen, 0)))
	if err != nil {
		return nil, err
	}
	return p.Insns, nil
}

// BPF is a compiled capture filter for packets read from files, like gopacket/pcap's BPF.
type BPF struct {
	prog *bpf.Program
}

// NewBPF compiles expr for link type lt and snapshot length snaplen (0 means 262144).
func NewBPF(expr string, lt layers.LinkType, snaplen int) (*BPF, error) {
	p, err := bpf.Compile(expr, Link(lt), uint32(max(snaplen, 0)))
	if err != nil {
		return nil, err
	}
	return &BPF{prog: p}, nil
}

// Matches reports whether the filter accepts a packet; ci.Length is the wire length ("len" and
// "greater" read it) and data the captured bytes (loads past them reject the packet, as in libpcap).
func (b *BPF) Matches(ci gopacket.CaptureInfo, data []byte) bool {
	wire := ci.Length
	if wire < len(data) {
		wire = len(data)
	}
	return b.prog.Match(data, uint32(wire))
}

// Instructions returns the compiled program.
func (b *BPF) Instructions() []xbpf.RawInstruction { return b.prog.Insns }

// String returns the program in tcpdump -d's listing.
func (b *BPF) String() string { return b.prog.String() }
