package gopacketio_test

import (
	"compress/gzip"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/capture/live"
	"github.com/tshark-tui/tshark-tui/gopacketio"
)

// Read a capture file through gopacket.NewPacketSource and decode it with layers.
func Example() {
	src, err := gopacketio.Open("../testdata/captures/http.pcap")
	if err != nil {
		log.Fatal(err)
	}
	defer src.Close()
	lt, _ := src.LinkType()
	ps := gopacket.NewPacketSource(src, lt)
	n := 0
	for pkt := range ps.Packets() {
		n++
		if n > 4 {
			continue
		}
		ip, _ := pkt.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
		tcp, _ := pkt.Layer(layers.LayerTypeTCP).(*layers.TCP)
		fmt.Printf("%s:%d > %s:%d syn=%v len=%d\n", ip.SrcIP, tcp.SrcPort, ip.DstIP, tcp.DstPort,
			tcp.SYN, len(tcp.Payload))
	}
	fmt.Println(n, "packets")
	// Output:
	// 10.20.0.1:44018 > 10.20.0.2:80 syn=true len=0
	// 10.20.0.2:80 > 10.20.0.1:44018 syn=true len=0
	// 10.20.0.1:44018 > 10.20.0.2:80 syn=false len=0
	// 10.20.0.1:44018 > 10.20.0.2:80 syn=false len=71
	// 78 packets
}

// Decode without copying: a DecodingLayerParser over ZeroCopyReadPacketData, the fastest way
// gopacket reads a file. Memory-mapped files hand out views into the mapping.
func ExampleSource_ZeroCopyReadPacketData() {
	src, err := gopacketio.Open("../testdata/captures/dns.pcap")
	if err != nil {
		log.Fatal(err)
	}
	defer src.Close()
	var (
		eth     layers.Ethernet
		ip4     layers.IPv4
		udp     layers.UDP
		dns     layers.DNS
		decoded []gopacket.LayerType
	)
	parser := gopacket.NewDecodingLayerParser(layers.LayerTypeEthernet, &eth, &ip4, &udp, &dns)
	for {
		data, ci, err := src.ZeroCopyReadPacketData()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		_ = parser.DecodeLayers(data, &decoded)
		if len(decoded) == 4 && !dns.QR {
			fmt.Println(ci.Timestamp.UTC().Format("15:04:05.000000"), dns.Questions[0].Type, string(dns.Questions[0].Name))
		}
	}
	// Output:
	// 04:00:19.133730 A www.example.test
	// 04:00:19.188350 AAAA www.example.test
	// 04:00:19.238852 MX example.test
	// 04:00:19.277579 TXT example.test
	// 04:00:19.298620 PTR 80.0.20.10.in-addr.arpa
	// 04:00:19.315342 A alias.example.test
	// 04:00:19.333832 A nosuchhost.example.test
}

// Several files, compressed or not, merged by time like mergecap: packets of interfaces with
// different link types are decoded each with its own.
func ExampleSource_NextPacket() {
	dir, err := os.MkdirTemp("", "gopacketio")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	gz := filepath.Join(dir, "sll.pcap.gz")
	if err := gzipFile("../testdata/captures/sll.pcap", gz); err != nil {
		log.Fatal(err)
	}
	src, err := gopacketio.Open(gz, "../testdata/captures/arp.pcap")
	if err != nil {
		log.Fatal(err)
	}
	defer src.Close()
	byType := map[string]int{}
	for {
		pkt, err := src.NextPacket(gopacket.Default)
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		byType[pkt.Layers()[0].LayerType().String()]++
	}
	fmt.Println(byType)
	// Output:
	// map[Ethernet:7 Linux SLL:14]
}

// Compile a capture filter to the classic BPF that afpacket's TPacket.SetBPF or SO_ATTACH_FILTER
// take: the pure-Go replacement for gopacket/pcap's CompileBPFFilter.
func ExampleCompileBPF() {
	insns, err := gopacketio.CompileBPF("tcp dst port 80", layers.LinkTypeEthernet, 65535)
	if err != nil {
		log.Fatal(err)
	}
	for _, in := range insns[:3] {
		fmt.Println(in.Disassemble())
	}
	// Output:
	// ldh [12]
	// jneq #34525,4
	// ldb [20]
}

// Filter the packets of a file as tcpdump -r FILE EXPR would.
func ExampleBPF_Matches() {
	src, err := gopacketio.Open("../testdata/captures/http.pcap")
	if err != nil {
		log.Fatal(err)
	}
	defer src.Close()
	f, err := gopacketio.NewBPF("tcp[tcpflags] & tcp-syn != 0", layers.LinkTypeEthernet, 0)
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for {
		data, ci, err := src.ZeroCopyReadPacketData()
		if err != nil {
			break
		}
		if f.Matches(ci, data) {
			n++
		}
	}
	fmt.Println(n, "SYN or SYN/ACK") // tcpdump -r http.pcap counts the same 12
	// Output:
	// 12 SYN or SYN/ACK
}

// A live AF_PACKET ring (TPACKET_V3, no cgo) is a capture.Reader too, so it is a gopacket source
// like a file. (Capturing needs CAP_NET_RAW, so this example is not run.)
func ExampleNewSource_live() {
	h, err := live.Open("eth0", live.Options{Filter: "udp port 53", Snaplen: 65535})
	if err != nil {
		log.Fatal(err)
	}
	src := gopacketio.NewSource(h)
	defer src.Close()
	lt, _ := src.LinkType()
	for pkt := range gopacket.NewPacketSource(src, lt).Packets() {
		if dns, ok := pkt.Layer(layers.LayerTypeDNS).(*layers.DNS); ok {
			fmt.Println(dns.ID, dns.QR)
		}
	}
}

// Standard input ("-") works as well, e.g. tcpdump -w - | prog.
func ExampleOpen_stdin() {
	src, err := gopacketio.Open("-")
	if err != nil {
		log.Fatal(err)
	}
	_ = capture.FileFormat(src.Reader())
}

func gzipFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(out)
	if _, err := io.Copy(zw, in); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return out.Close()
}
