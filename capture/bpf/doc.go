// Package bpf compiles capture filters in the pcap-filter(7) language (tcpdump's and Wireshark's
// capture filter syntax) to classic BPF, without libpcap.
//
// The grammar is libpcap's, parsed by recursive descent in linear time: primitives with qualifiers (host, net, port,
// portrange, proto with src/dst and a protocol), masks and CIDR, and/or/not and && || !, protocol
// abbreviations (ether ip ip6 arp rarp tcp udp icmp icmp6 sctp ...), vlan with libpcap's offset
// shifting, broadcast/multicast, less/greater/len, byte expressions with arithmetic
// (tcp[tcpflags] & (tcp-syn|tcp-ack) != 0) and service names from /etc/services with a built-in
// fallback. Code generation follows libpcap's so that a program accepts the same packets as
// tcpdump's (including rejecting a packet when a load runs past its end); it is not optimised like
// libpcap's, so -d listings are longer.
//
// Link types: Ethernet, Linux cooked (SLL and SLL2) and raw IP (LINKTYPE_RAW, IPV4, IPV6).
//
// A Program runs in userspace (Match, with libpcap's semantics) or attaches to a socket
// (Program.Insns are the raw instructions SO_ATTACH_FILTER takes). Reader filters a capture.Reader.
package bpf
