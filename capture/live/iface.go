// Package live captures packets from network interfaces without libpcap: AF_PACKET sockets with a
// TPACKET_V3 memory-mapped ring (Linux), promiscuous mode, a snapshot length, nanosecond time
// stamps, classic BPF capture filters attached in the kernel (SO_ATTACH_FILTER) and the kernel's
// drop counts (PACKET_STATISTICS). A Handle or a Multi is a capture.Reader, so live packets go
// through the same paths as packets read from files.
package live

import (
	"net"
	"sort"
	"strings"
)

// Interface describes a capture interface for -D and the capture dialog.
type Interface struct {
	Index       int      // 1-based position in the list (tshark -D numbering)
	Name        string   // "eth0", "any"
	Description string   // "Loopback", "Pseudo-device that captures on all interfaces"
	Addrs       []string // addresses in CIDR form
	Up          bool
	Loopback    bool
	IfIndex     int // kernel interface index (0 for any)
}

// Interfaces lists the capture interfaces in tshark -D's order: interfaces that are up, then
// "any", then loopback, then interfaces that are down.
func Interfaces() ([]Interface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	var up, lo, down []Interface
	for _, ifc := range ifs {
		it := Interface{Name: ifc.Name, IfIndex: ifc.Index, Up: ifc.Flags&net.FlagUp != 0,
			Loopback: ifc.Flags&net.FlagLoopback != 0}
		if addrs, err := ifc.Addrs(); err == nil {
			for _, a := range addrs {
				it.Addrs = append(it.Addrs, a.String())
			}
		}
		switch {
		case it.Loopback:
			it.Description = "Loopback"
			lo = append(lo, it)
		case it.Up && ifc.Flags&net.FlagRunning != 0:
			up = append(up, it)
		default:
			down = append(down, it)
		}
	}
	byName := func(s []Interface) {
		sort.SliceStable(s, func(i, j int) bool { return s[i].IfIndex < s[j].IfIndex })
	}
	byName(up)
	byName(down)
	out := append([]Interface{}, up...)
	out = append(out, Interface{Name: "any", Up: true})
	out = append(out, lo...)
	out = append(out, down...)
	for i := range out {
		out[i].Index = i + 1
	}
	return out, nil
}

// Resolve maps a -i argument to an interface name: a name, or a 1-based number from -D.
func Resolve(arg string) (string, error) {
	ifs, err := Interfaces()
	if err != nil {
		return "", err
	}
	for _, it := range ifs {
		if it.Name == arg {
			return arg, nil
		}
	}
	n := 0
	for _, c := range arg {
		if c < '0' || c > '9' {
			n = -1
			break
		}
		n = n*10 + int(c-'0')
	}
	if n >= 1 && n <= len(ifs) && !strings.HasPrefix(arg, "0") {
		return ifs[n-1].Name, nil
	}
	return "", &NoSuchDeviceError{Name: arg}
}

// NoSuchDeviceError is an -i argument that names no interface.
type NoSuchDeviceError struct{ Name string }

func (e *NoSuchDeviceError) Error() string {
	return "The capture session could not be initiated on capture device \"" + e.Name + "\" (No such device exists)."
}
