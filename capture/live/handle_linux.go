//go:build linux

package live

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/capture/bpf"
	xbpf "golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

const ethPAll = 0x0003

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// Options configure a capture handle.
type Options struct {
	Snaplen        uint32 // bytes kept per packet; 0 = 262144
	NoPromisc      bool   // -p
	Filter         string // capture filter (pcap-filter syntax)
	BufferBytes    int    // ring size; 0 = 16 MiB
	BlockTimeoutMs uint32 // how long the kernel may hold a partly filled block; 0 = 50 ms
}

// Handle is one AF_PACKET capture on one interface (or "any"). It is a capture.Reader.
type Handle struct {
	fd        int
	name      string
	ifindex   int
	link      uint16
	cooked    bool // "any": SOCK_DGRAM, we build the Linux cooked header
	snaplen   uint32
	ring      []byte
	bsize     int
	nblocks   int
	cur       int
	inBlock   bool
	left      int
	off       int
	buf       []byte
	pkt       capture.Packet
	user      *bpf.Program // filter run here when the kernel cannot (cooked sockets, vlan)
	kernelF   bool
	stopped   atomic.Bool
	statsMu   sync.Mutex
	drops     uint64
	seen      atomic.Uint64
	statsRecv uint64
	iface     uint32
	loIndex   int // ifindex of the loopback interface
	wakeR     int // pipe that Stop writes to, to end a blocked poll
	wakeW     int
}

// PermissionError is a capture the process may not start.
type PermissionError struct {
	Device string
	Err    error
}

func (e *PermissionError) Error() string {
	return fmt.Sprintf("The capture session could not be initiated on capture device \"%s\" (You don't have permission to capture on that device: %v).\n"+
		"Run as root (sudo), or allow this binary to capture: sudo setcap cap_net_raw,cap_net_admin+eip PATH-TO-BINARY", e.Device, e.Err)
}

func (e *PermissionError) Unwrap() error { return e.Err }

// Open starts capturing on the named interface ("any" for all). Packets are queued from the
// moment Open returns.
func Open(name string, o Options) (h *Handle, err error) {
	if o.Snaplen == 0 || o.Snaplen > bpf.DefaultSnaplen {
		o.Snaplen = bpf.DefaultSnaplen
	}
	hh := &Handle{name: name, snaplen: o.Snaplen, fd: -1, wakeR: -1, wakeW: -1}
	h = hh
	defer func() {
		if err != nil {
			hh.Close()
		}
	}()
	link := uint16(bpf.LinkEthernet)
	sockType := unix.SOCK_RAW
	if name == "any" {
		h.cooked = true
		sockType = unix.SOCK_DGRAM
		link = bpf.LinkSLL
	} else {
		ifc, err := net.InterfaceByName(name)
		if err != nil {
			return nil, &NoSuchDeviceError{Name: name}
		}
		h.ifindex = ifc.Index
		link = linkOf(ifc)
	}
	if link == 0 {
		h.cooked = true
		sockType = unix.SOCK_DGRAM
		link = bpf.LinkSLL
	}
	h.link = link
	if ifs, err := net.Interfaces(); err == nil {
		for _, ifc := range ifs {
			if ifc.Flags&net.FlagLoopback != 0 {
				h.loIndex = ifc.Index
				break
			}
		}
	}
	// protocol 0: nothing is queued until bind, after the filter is in place
	h.fd, err = unix.Socket(unix.AF_PACKET, sockType|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, unix.EPERM) || errors.Is(err, unix.EACCES) {
			return nil, &PermissionError{Device: name, Err: err}
		}
		return nil, fmt.Errorf("socket: %w", err)
	}
	if err := h.setFilter(o.Filter); err != nil {
		return nil, err
	}
	if err := unix.SetsockoptInt(h.fd, unix.SOL_PACKET, unix.PACKET_VERSION, unix.TPACKET_V3); err != nil {
		return nil, fmt.Errorf("set TPACKET_V3: %w", err)
	}
	size := o.BufferBytes
	if size <= 0 {
		size = 16 << 20
	}
	h.bsize = 1 << 20
	for h.bsize < int(h.snaplen)+4096 {
		h.bsize <<= 1
	}
	h.nblocks = max(size/h.bsize, 2)
	tov := o.BlockTimeoutMs
	if tov == 0 {
		tov = 50
	}
	req := unix.TpacketReq3{Block_size: uint32(h.bsize), Block_nr: uint32(h.nblocks), Frame_size: 2048,
		Frame_nr: uint32(h.bsize / 2048 * h.nblocks), Retire_blk_tov: tov}
	if err := unix.SetsockoptTpacketReq3(h.fd, unix.SOL_PACKET, unix.PACKET_RX_RING, &req); err != nil {
		return nil, fmt.Errorf("set up the capture ring: %w", err)
	}
	h.ring, err = unix.Mmap(h.fd, 0, h.bsize*h.nblocks, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("map the capture ring: %w", err)
	}
	sa := &unix.SockaddrLinklayer{Protocol: htons(ethPAll), Ifindex: h.ifindex}
	if err := unix.Bind(h.fd, sa); err != nil {
		return nil, fmt.Errorf("bind to %s: %w", name, err)
	}
	if !o.NoPromisc && !h.cooked {
		mreq := unix.PacketMreq{Ifindex: int32(h.ifindex), Type: unix.PACKET_MR_PROMISC}
		if err := unix.SetsockoptPacketMreq(h.fd, unix.SOL_PACKET, unix.PACKET_ADD_MEMBERSHIP, &mreq); err != nil {
			return nil, fmt.Errorf("set promiscuous mode on %s: %w", name, err)
		}
	}
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
		return nil, fmt.Errorf("pipe: %w", err)
	}
	h.wakeR, h.wakeW = p[0], p[1]
	// reset the counters: what the kernel counted before bind is not ours
	_, _ = unix.GetsockoptTpacketStatsV3(h.fd, unix.SOL_PACKET, unix.PACKET_STATISTICS)
	return h, nil
}

// linkOf maps an interface's ARPHRD type to a LINKTYPE_*: Ethernet headers (Ethernet, veth,
// bridges, loopback), raw IP (tun, WireGuard), or 0 for "capture it cooked".
func linkOf(ifc *net.Interface) uint16 {
	b, err := os.ReadFile("/sys/class/net/" + ifc.Name + "/type")
	if err != nil {
		return bpf.LinkEthernet
	}
	switch strings.TrimSpace(string(b)) {
	case "1", "772": // ARPHRD_ETHER, ARPHRD_LOOPBACK
		return bpf.LinkEthernet
	case "65534": // ARPHRD_NONE
		return bpf.LinkRaw
	}
	return 0
}

// setFilter compiles the capture filter and attaches it in the kernel when the kernel sees the
// same bytes as the filter expects; otherwise the filter runs here. With no filter, a program
// that only truncates to the snapshot length is attached.
func (h *Handle) setFilter(expr string) error {
	prog, err := bpf.Compile(expr, h.link, h.snaplen)
	if err != nil {
		return err
	}
	if h.cooked || hasVLAN(expr) || prog.Loops() {
		// cooked sockets deliver no link header to the kernel filter, and VLAN tags are taken
		// out by the driver, and the kernel refuses a backward jump (protochain): run these
		// filters on the rebuilt packets instead
		h.user = prog
		prog = &bpf.Program{Insns: []xbpf.RawInstruction{{Op: 0x06, K: h.snaplen}}}
	}
	fp := make([]unix.SockFilter, len(prog.Insns))
	for i, in := range prog.Insns {
		fp[i] = unix.SockFilter{Code: in.Op, Jt: in.Jt, Jf: in.Jf, K: in.K}
	}
	fprog := unix.SockFprog{Len: uint16(len(fp)), Filter: &fp[0]}
	if err := unix.SetsockoptSockFprog(h.fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &fprog); err != nil {
		return fmt.Errorf("attach the capture filter: %w", err)
	}
	h.kernelF = h.user == nil
	return nil
}

func hasVLAN(expr string) bool {
	for _, w := range splitWords(expr) {
		if w == "vlan" || w == "mpls" {
			return true
		}
	}
	return false
}

func splitWords(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		alpha := i < len(s) && (s[i] >= 'a' && s[i] <= 'z')
		if alpha && start < 0 {
			start = i
		} else if !alpha && start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	return out
}

// Name returns the interface name.
func (h *Handle) Name() string { return h.name }

// Link returns the LINKTYPE_* of the packets.
func (h *Handle) Link() uint16 { return h.link }

// SetIfaceIndex sets the pcapng interface index stamped on this handle's packets.
func (h *Handle) SetIfaceIndex(i uint32) { h.iface = i }

// Interfaces describes the one interface of this handle.
func (h *Handle) Interfaces() []capture.Interface {
	return []capture.Interface{h.describe()}
}

func (h *Handle) describe() capture.Interface {
	return capture.Interface{Name: h.name, Link: h.link, SnapLen: h.snaplen, TSResolNs: 1, TSUnits: 1e9}
}

func (h *Handle) block(i int) []byte { return h.ring[i*h.bsize : (i+1)*h.bsize] }

func (h *Handle) blockStatus(b []byte) *uint32 { return (*uint32)(unsafe.Pointer(&b[8])) }

// Next waits for the next packet. It returns io.EOF after Stop or Close. The packet's data is
// valid until the next call.
func (h *Handle) Next() (*capture.Packet, error) {
	for {
		if h.stopped.Load() {
			h.releaseBlock()
			return nil, io.EOF
		}
		if !h.inBlock {
			b := h.block(h.cur)
			if atomic.LoadUint32(h.blockStatus(b))&unix.TP_STATUS_USER == 0 {
				if err := h.wait(); err != nil {
					return nil, err
				}
				continue
			}
			h.inBlock = true
			h.left = int(binary.NativeEndian.Uint32(b[12:]))
			h.off = int(binary.NativeEndian.Uint32(b[16:]))
		}
		if h.left == 0 {
			h.releaseBlock()
			continue
		}
		b := h.block(h.cur)
		hdr := b[h.off:]
		next := binary.NativeEndian.Uint32(hdr[0:])
		sec := binary.NativeEndian.Uint32(hdr[4:])
		nsec := binary.NativeEndian.Uint32(hdr[8:])
		caplen := binary.NativeEndian.Uint32(hdr[12:])
		wire := binary.NativeEndian.Uint32(hdr[16:])
		status := binary.NativeEndian.Uint32(hdr[20:])
		mac := binary.NativeEndian.Uint16(hdr[24:])
		tci := binary.NativeEndian.Uint32(hdr[32:])
		tpid := binary.NativeEndian.Uint16(hdr[36:])
		data := hdr[mac : uint32(mac)+caplen]
		h.left--
		h.off += int(next)
		if next == 0 {
			h.left = 0
		}
		// sockaddr_ll follows the header, aligned to 16 bytes
		sll := hdr[(unix.SizeofTpacket3Hdr+15)&^15:]
		if sll[10] == unix.PACKET_OUTGOING && h.loIndex != 0 && int(int32(binary.NativeEndian.Uint32(sll[4:]))) == h.loIndex {
			continue // libpcap's rule: loopback's outgoing copy is seen again as incoming
		}
		out := h.buf[:0]
		switch {
		case h.cooked:
			out = appendSLL(out, sll)
			wire += 16
		case status&unix.TP_STATUS_VLAN_VALID != 0 && len(data) >= 12:
			if status&unix.TP_STATUS_VLAN_TPID_VALID == 0 || tpid == 0 {
				tpid = 0x8100
			}
			out = append(out, data[:12]...)
			out = binary.BigEndian.AppendUint16(out, tpid)
			out = binary.BigEndian.AppendUint16(out, uint16(tci))
			data = data[12:]
			wire += 4
		}
		out = append(out, data...)
		if uint32(len(out)) > h.snaplen {
			out = out[:h.snaplen]
		}
		h.buf = out
		if h.user != nil && !h.user.Match(out, wire) {
			continue
		}
		h.seen.Add(1)
		h.pkt = capture.Packet{TS: int64(sec)*1e9 + int64(nsec), CapLen: uint32(len(out)), Len: wire,
			Link: h.link, Iface: h.iface, Data: out}
		return &h.pkt, nil
	}
}

// appendSLL builds the 16-byte Linux cooked header from a sockaddr_ll.
func appendSLL(b []byte, sll []byte) []byte {
	// struct sockaddr_ll: family u16, protocol be16, ifindex i32, hatype u16, pkttype u8, halen u8, addr[8]
	proto := binary.BigEndian.Uint16(sll[2:])
	hatype := binary.NativeEndian.Uint16(sll[8:])
	pkttype := sll[10]
	halen := sll[11]
	b = binary.BigEndian.AppendUint16(b, uint16(pkttype))
	b = binary.BigEndian.AppendUint16(b, hatype)
	b = binary.BigEndian.AppendUint16(b, uint16(halen))
	var addr [8]byte
	copy(addr[:], sll[12:12+min(int(halen), 8)])
	b = append(b, addr[:]...)
	return binary.BigEndian.AppendUint16(b, proto)
}

func (h *Handle) releaseBlock() {
	if !h.inBlock {
		return
	}
	atomic.StoreUint32(h.blockStatus(h.block(h.cur)), unix.TP_STATUS_KERNEL)
	h.inBlock = false
	h.cur = (h.cur + 1) % h.nblocks
}

func (h *Handle) wait() error {
	fds := []unix.PollFd{{Fd: int32(h.fd), Events: unix.POLLIN | unix.POLLERR}, {Fd: int32(h.wakeR), Events: unix.POLLIN}}
	_, err := unix.Poll(fds, 500)
	if err != nil && !errors.Is(err, unix.EINTR) {
		return fmt.Errorf("poll %s: %w", h.name, err)
	}
	if fds[0].Revents&unix.POLLERR != 0 {
		// the interface went away or an error is pending
		if _, err := unix.GetsockoptInt(h.fd, unix.SOL_SOCKET, unix.SO_ERROR); err != nil {
			return fmt.Errorf("capture on %s: %w", h.name, err)
		}
	}
	return nil
}

// Stats are the kernel's counters since Open.
type Stats struct {
	Received uint64 // packets the kernel handed to the socket (after the filter)
	Dropped  uint64 // packets dropped because the ring was full
	Captured uint64 // packets returned by Next
}

// Stats reads the kernel's counters (PACKET_STATISTICS; they reset on reading, so they are
// accumulated here).
func (h *Handle) Stats() Stats {
	h.statsMu.Lock()
	defer h.statsMu.Unlock()
	if h.fd >= 0 && h.ring != nil {
		if st, err := unix.GetsockoptTpacketStatsV3(h.fd, unix.SOL_PACKET, unix.PACKET_STATISTICS); err == nil {
			h.drops += uint64(st.Drops)
			h.statsRecv += uint64(st.Packets)
		}
	}
	return Stats{Received: h.statsRecv, Dropped: h.drops, Captured: h.seen.Load()}
}

// Stop makes a blocked or later Next return io.EOF. It is safe from another goroutine.
func (h *Handle) Stop() {
	if h.stopped.Swap(true) {
		return
	}
	if h.wakeW >= 0 {
		_, _ = unix.Write(h.wakeW, []byte{1})
	}
}

// Close releases the socket and the ring. Call it after Next has returned for the last time.
func (h *Handle) Close() error {
	h.Stop()
	// Stats may be read meanwhile from another goroutine (a live view's status ticker): the
	// socket and the ring go away under its lock
	h.statsMu.Lock()
	defer h.statsMu.Unlock()
	if h.ring != nil {
		_ = unix.Munmap(h.ring)
		h.ring = nil
	}
	for _, fd := range []*int{&h.fd, &h.wakeR, &h.wakeW} {
		if *fd >= 0 {
			_ = unix.Close(*fd)
			*fd = -1
		}
	}
	return nil
}
