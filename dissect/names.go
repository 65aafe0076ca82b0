package dissect

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"errors"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/tshark-tui/tshark-tui/field"
)

// Name resolution (Wireshark's epan/addr_resolv.c): what tshark's -N letters turn on, the files the
// names come from, and the names a capture teaches (DNS answers, ARP bindings). Nothing here sends
// a packet: where tshark would ask the system's resolvers (-N N), we read /etc/hosts only.

// NameRes says which kinds of numbers are shown as names (tshark's -N letters, the terminal UI's
// View › Name resolution). The zero value resolves nothing, like tshark -n.
type NameRes uint8

// The kinds of names, one per -N letter.
const (
	// ResolveMAC (m): Ethernet addresses by vendor and well-known address (Wireshark's manuf and wka
	// files), and by the ethers files.
	ResolveMAC NameRes = 1 << iota
	// ResolveNetwork (n): IPv4 and IPv6 addresses, from Wireshark's hosts files.
	ResolveNetwork
	// ResolveDNS (d): with n, also the names of A and AAAA records in the capture's DNS answers.
	ResolveDNS
	// ResolveExternal (N): with n, also the system's resolver; here only /etc/hosts is read
	// (NameResDivergences).
	ResolveExternal
	// ResolveTransport (t): TCP and UDP ports, from Wireshark's services file.
	ResolveTransport
	// ResolveVLAN (v): VLAN IDs; accepted, nothing is resolved (NameResDivergences).
	ResolveVLAN
)

// DefaultNameRes is what tshark resolves without -n or -N: MAC addresses only.
const DefaultNameRes = ResolveMAC

// NameResAll is the terminal UI's "everything": MAC, network (with the capture's DNS answers) and
// transport names, as Wireshark's View › Name Resolution with every item checked.
const NameResAll = ResolveMAC | ResolveNetwork | ResolveDNS | ResolveTransport

// NameResDivergences names where our name resolution deliberately differs from tshark 4.0's.
var NameResDivergences = map[string]string{
	"N": "tshark asks the system's resolvers, which may send DNS queries to the network; we never " +
		"send a packet and only read /etc/hosts (the first name of the first line naming the address)",
	"v": "VLAN names come from Wireshark's vlans file, which is not read: VLAN IDs stay numbers",
	"m": "without an installed Wireshark (/usr/share/wireshark) the built-in manuf copy has short names " +
		"only: eth.*.oui_resolved is then absent",
	"s": "SS7 point codes (tshark's hidden 's' letter) are not resolved",
}

// nameResLetters are the -N letters in the order tshark's usage lists them.
var nameResLetters = []struct {
	c    byte
	r    NameRes
	help string
}{
	{'d', ResolveDNS, "to enable address resolution from captured DNS packets"},
	{'m', ResolveMAC, "to enable MAC address resolution"},
	{'n', ResolveNetwork, "to enable network address resolution"},
	{'N', ResolveExternal, "to enable using external resolvers (e.g., DNS)\n\t    for network address resolution"},
	{'t', ResolveTransport, "to enable transport-layer port number resolution"},
	{'v', ResolveVLAN, "to enable VLAN IDs to names resolution"},
}

// ParseNameRes reads tshark's -N argument. Like tshark, it replaces what was on before: "-N n"
// alone turns MAC names off. The error is tshark's message for an unknown letter.
func ParseNameRes(s string) (NameRes, error) {
	var r NameRes
	for i := 0; i < len(s); i++ {
		found := false
		for _, l := range nameResLetters {
			if l.c == s[i] {
				r |= l.r
				found = true
			}
		}
		if !found {
			var b strings.Builder
			b.WriteString("-N specifies unknown resolving option '" + s[i:i+1] + "'; valid options are:")
			for _, l := range nameResLetters {
				b.WriteString("\n\t'" + string(l.c) + "' " + l.help)
			}
			return 0, errors.New(b.String())
		}
	}
	return r, nil
}

// String returns the -N letters of r in the order "mnNtdv" ("" for none).
func (r NameRes) String() string {
	var b []byte
	for _, c := range []byte("mnNtdv") {
		for _, l := range nameResLetters {
			if l.c == c && r&l.r != 0 {
				b = append(b, c)
			}
		}
	}
	return string(b)
}

// maxNameLen is the longest name Wireshark keeps (MAXNAMELEN 64 with its NUL): longer names from
// files and DNS answers are cut.
const maxNameLen = 63

func cutName(s string) string {
	if len(s) > maxNameLen {
		return s[:maxNameLen]
	}
	return s
}

// ---- where the files are ----

// dataDirs are where Wireshark's global data files (manuf, wka, services, hosts) may be; the
// first that has manuf or wka is used. TSHARK_TUI_WIRESHARK_DIR overrides them.
func dataDirs() []string {
	if d := os.Getenv("TSHARK_TUI_WIRESHARK_DIR"); d != "" {
		return []string{d}
	}
	return []string{"/usr/share/wireshark", "/usr/local/share/wireshark"}
}

// dataDir returns the installed Wireshark's data directory, or "".
var dataDir = sync.OnceValue(func() string {
	for _, d := range dataDirs() {
		for _, f := range []string{"manuf", "wka", "services"} {
			if _, err := os.Stat(filepath.Join(d, f)); err == nil {
				return d
			}
		}
	}
	return ""
})

// personalDir is Wireshark's personal configuration directory, where the user's hosts, ethers and
// services files live: $WIRESHARK_CONFIG_DIR, else ~/.wireshark if it exists, else
// $XDG_CONFIG_HOME/wireshark (~/.config/wireshark).
func personalDir() string {
	if d := os.Getenv("WIRESHARK_CONFIG_DIR"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	if home != "" {
		if st, err := os.Stat(filepath.Join(home, ".wireshark")); err == nil && st.IsDir() {
			return filepath.Join(home, ".wireshark")
		}
	}
	if x := os.Getenv("XDG_CONFIG_HOME"); x != "" {
		return filepath.Join(x, "wireshark")
	}
	if home == "" {
		return ""
	}
	return filepath.Join(home, ".config", "wireshark")
}

// eachLine calls fn with the fields of each line of file path before a '#' comment; a missing
// file is no lines.
func eachLine(path string, sep func(rune) bool, fn func(cols []string)) {
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	eachLineOf(b, sep, fn)
}

// eachLineOf is eachLine over a file's contents b.
func eachLineOf(b []byte, sep func(rune) bool, fn func(cols []string)) {
	all := string(b) // one copy: the lines and the names kept from them are slices of it
	for len(all) > 0 {
		i := strings.IndexByte(all, '\n')
		if i < 0 {
			i = len(all)
		}
		line := all[:i]
		if i < len(all) {
			i++
		}
		all = all[i:]
		if j := strings.IndexByte(line, '#'); j >= 0 {
			line = line[:j]
		}
		if cols := strings.FieldsFunc(line, sep); len(cols) > 0 {
			fn(cols)
		}
	}
}

func isFileSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\r' }

// ---- MAC names: manuf, wka, ethers ----

// builtinManuf and builtinWKA are Wireshark's manuf (addresses and short names) and wka files,
// compressed, for a machine without Wireshark; scripts/make-manuf.sh remakes them.
var (
	//go:embed manuf.gz
	builtinManuf []byte
	//go:embed wka.gz
	builtinWKA []byte
)

func readFile(path string) []byte {
	b, _ := os.ReadFile(path)
	return b
}

func gunzip(b []byte) []byte {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	out, _ := io.ReadAll(r)
	return out
}

// macTable resolves Ethernet addresses to Wireshark's names ("Apple_96:d2:a0", "Broadcast") from
// the manuf and wka files of an installed Wireshark. It is loaded once, on first use.
type macTable struct {
	exact  map[[6]byte]string
	prefix []macPrefix        // longest mask first
	oui    map[uint32]string  // 24-bit manuf entries' long names (eth.*.oui_resolved)
	masks  map[int]*macPrefix // while loading

	mu    sync.RWMutex
	cache map[[6]byte]string // names made so far ("" for none), so that each is built once
}

type macPrefix struct {
	bits int
	m    map[uint64]macName // masked address → name
}

// macName is a prefix's name; a well-known (wka) prefix drops the leading zero bytes of the rest
// ("IPv4mcast_fb"), a vendor prefix shows them all ("Apple_00:12:34").
type macName struct {
	name  string
	strip bool
}

var macNames = sync.OnceValue(func() *macTable {
	if d := dataDir(); d != "" {
		return newMACTable(readFile(filepath.Join(d, "manuf")), readFile(filepath.Join(d, "wka")))
	}
	// no Wireshark installed: the built-in tables (scripts/make-manuf.sh), short names only
	return newMACTable(gunzip(builtinManuf), gunzip(builtinWKA))
})

// newMACTable reads the contents of a manuf and a wka file.
func newMACTable(manuf, wka []byte) *macTable {
	lines := bytes.Count(manuf, []byte{'\n'}) // most are 24-bit vendor prefixes: size their maps once
	m := &macTable{exact: map[[6]byte]string{}, oui: make(map[uint32]string, lines), masks: map[int]*macPrefix{},
		cache: map[[6]byte]string{}}
	m.masks[24] = &macPrefix{bits: 24, m: make(map[uint64]macName, lines)}
	m.load(manuf, 24)
	m.load(wka, 48)
	for _, p := range m.masks {
		m.prefix = append(m.prefix, *p)
	}
	for i := 1; i < len(m.prefix); i++ { // insertion sort, longest mask first
		for j := i; j > 0 && m.prefix[j].bits > m.prefix[j-1].bits; j-- {
			m.prefix[j], m.prefix[j-1] = m.prefix[j-1], m.prefix[j]
		}
	}
	m.masks = nil
	return m
}

// parseMAC reads up to six hex bytes separated by ':', '-' or '.' ("00:1B:C5", "0000.0c07.ac01");
// n is how many bytes it held.
func parseMAC(s string) (a [6]byte, n int, ok bool) {
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		case c == ':' || c == '-' || c == '.':
			if digits%2 != 0 {
				return a, 0, false // "0:1:2" is not how these files write addresses
			}
			continue
		default:
			return a, 0, false
		}
		if digits >= 12 {
			return a, 0, false
		}
		a[digits/2] = a[digits/2]<<4 | v
		digits++
	}
	if digits == 0 || digits%2 != 0 {
		return a, 0, false
	}
	return a, digits / 2, true
}

func (m *macTable) load(b []byte, defBits int) {
	eachLineOf(b, func(r rune) bool { return r == '\t' }, func(cols []string) {
		addr := strings.TrimSpace(cols[0])
		var name, long string
		for _, c := range cols[1:] {
			if c = strings.TrimSpace(c); c == "" {
				continue
			}
			if name == "" {
				name = c
			} else if long == "" {
				long = c
			}
		}
		if name == "" {
			return
		}
		bits := -1
		if a, b, ok := strings.Cut(addr, "/"); ok {
			n, err := strconv.Atoi(b)
			if err != nil || n <= 0 || n > 48 {
				return
			}
			addr, bits = a, n
		}
		a, n, ok := parseMAC(addr)
		if !ok {
			return
		}
		if bits < 0 {
			bits = n * 8
			if bits != 48 {
				bits = defBits
			}
		}
		if bits == 48 {
			m.exact[a] = name
			return
		}
		if bits == 24 && defBits == 24 {
			if long == "" {
				long = name
			}
			m.oui[uint32(a[0])<<16|uint32(a[1])<<8|uint32(a[2])] = long
		}
		p := m.masks[bits]
		if p == nil {
			p = &macPrefix{bits: bits, m: map[uint64]macName{}}
			m.masks[bits] = p
		}
		p.m[macMask(a, bits)] = macName{name: name, strip: defBits == 48}
	})
}

func macMask(a [6]byte, bits int) uint64 {
	var u uint64
	for _, b := range a {
		u = u<<8 | uint64(b)
	}
	return u &^ (1<<(48-bits) - 1)
}

// lookup returns the name of MAC address a, if any file names it.
func (m *macTable) lookup(a [6]byte) (string, bool) {
	m.mu.RLock()
	s, ok := m.cache[a]
	m.mu.RUnlock()
	if !ok {
		s = m.resolve(a)
		m.mu.Lock()
		m.cache[a] = s
		m.mu.Unlock()
	}
	return s, s != ""
}

func (m *macTable) resolve(a [6]byte) string {
	if s, ok := m.exact[a]; ok {
		return s
	}
	b := a
	for pass := 0; pass < 2; pass++ {
		for _, p := range m.prefix {
			if s, ok := p.m[macMask(b, p.bits)]; ok && (pass == 0 || !s.strip) {
				skip := p.bits / 8
				if s.strip {
					for skip < 5 && b[skip] == 0 {
						skip++
					}
				}
				return s.name + "_" + string(field.AppendHexSep(nil, a[skip:], ':'))
			}
		}
		b[0] &^= 1 // a group address's vendor is its OUI without the group bit
	}
	return ""
}

// PrefetchMACNames starts reading the MAC name tables in the background, for a face that will
// show an address soon (the UI's first detail pane) and has a core to spare meanwhile.
func PrefetchMACNames() { go macNames() }

// MACName returns the display name of MAC address b as tshark shows it by default
// ("Apple_96:d2:a0", "Broadcast"), or the address itself when no file names it.
func MACName(b []byte) string {
	var a [6]byte
	copy(a[:], b)
	if s, ok := macNames().lookup(a); ok {
		return s
	}
	return string(field.AppendHexSep(nil, b, ':'))
}

// OUIName returns the organisation the manuf file gives for the first three bytes of b
// ("Apple, Inc."), the value of eth.*.oui_resolved, which tshark adds even with -n.
func OUIName(b []byte) (string, bool) {
	if len(b) < 3 {
		return "", false
	}
	s, ok := macNames().oui[uint32(b[0])<<16|uint32(b[1])<<8|uint32(b[2])]
	return s, ok
}

// readEthers reads an ethers file ("00:11:22:33:44:55 name") into m; earlier entries win, as the
// personal file is searched before /etc/ethers.
func readEthers(path string, m map[[6]byte]string) {
	eachLine(path, isFileSpace, func(cols []string) {
		if len(cols) < 2 {
			return
		}
		if a, n, ok := parseMAC(cols[0]); ok && n == 6 {
			if _, dup := m[a]; !dup {
				m[a] = cutName(cols[1])
			}
		}
	})
}

// ---- host names: hosts files ----

// readHosts reads a hosts file ("10.0.0.1 name alias...") into m. last says a later line for the
// same address replaces an earlier one (Wireshark's own hosts files); otherwise the first wins (a
// resolver reading /etc/hosts).
func readHosts(path string, m map[netip.Addr]string, last bool) {
	eachLine(path, isFileSpace, func(cols []string) {
		if len(cols) < 2 {
			return
		}
		a, err := netip.ParseAddr(cols[0])
		if err != nil || a.Zone() != "" {
			return
		}
		a = a.Unmap()
		if _, dup := m[a]; dup && !last {
			return
		}
		m[a] = cutName(cols[1])
	})
}

// ---- port names: services ----

// services maps a TCP or UDP port to its name in Wireshark's services file, loaded once.
type services struct {
	tcp, udp map[uint16]string
}

var serviceNames = sync.OnceValue(func() *services {
	s := &services{tcp: map[uint16]string{}, udp: map[uint16]string{}}
	var files []string
	if d := dataDir(); d != "" {
		files = append(files, filepath.Join(d, "services"))
	}
	if p := personalDir(); p != "" {
		files = append(files, filepath.Join(p, "services"))
	}
	for _, f := range files {
		eachLine(f, isFileSpace, func(cols []string) {
			if len(cols) < 2 {
				return
			}
			ports, protos, ok := strings.Cut(cols[1], "/")
			if !ok {
				return
			}
			lo, hi, isRange := strings.Cut(ports, "-")
			a, err1 := strconv.ParseUint(lo, 10, 16)
			b := a
			var err2 error
			if isRange {
				b, err2 = strconv.ParseUint(hi, 10, 16)
			}
			if err1 != nil || err2 != nil || b < a {
				return
			}
			for _, p := range strings.Split(protos, "/") {
				var m map[uint16]string
				switch p {
				case "tcp":
					m = s.tcp
				case "udp":
					m = s.udp
				default:
					continue
				}
				for port := a; port <= b; port++ {
					m[uint16(port)] = cutName(cols[0])
				}
			}
		})
	}
	return s
})

// ---- a capture's resolver ----

// names resolves a capture's addresses and ports for Config.Names. It is nil when nothing is
// resolved, so dissectors pay one nil check. The files are read when the state is made; what the
// capture teaches (DNS answers, ARP bindings) is written by the first pass and read by any
// dissection or by the summary columns afterwards, hence its own lock.
type names struct {
	res    NameRes
	mac    func() *macTable      // m: the tables, read on the first address named (macNames)
	ethers map[[6]byte]string    // m: the personal ethers file, then /etc/ethers
	hosts  map[netip.Addr]string // n: Wireshark's hosts files (the personal one wins)
	system map[netip.Addr]string // n with N: /etc/hosts
	svc    *services             // t

	mu      sync.RWMutex
	learned map[netip.Addr]string // n with d: names of A and AAAA records seen so far
	arp     map[[6]byte]string    // n and m: MAC addresses ARP bound to a named host
}

// newNames returns the resolver for res, or nil when res shows no names.
func newNames(res NameRes, hostsFiles []string) *names {
	if res&ResolveNetwork == 0 {
		res &^= ResolveDNS | ResolveExternal
	}
	res &^= ResolveVLAN
	if res == 0 {
		return nil
	}
	n := &names{res: res}
	pd := personalDir()
	if res&ResolveMAC != 0 {
		n.mac = macNames // read when an address is first named: a run that shows none (IP
		// columns, no -V) does not pay the 80 ms and 20 MB of reading the manuf file
		n.ethers = map[[6]byte]string{}
		if pd != "" {
			readEthers(filepath.Join(pd, "ethers"), n.ethers)
		}
		readEthers("/etc/ethers", n.ethers)
	}
	if res&ResolveNetwork != 0 {
		n.hosts = map[netip.Addr]string{}
		if d := dataDir(); d != "" {
			readHosts(filepath.Join(d, "hosts"), n.hosts, true)
		}
		if pd != "" {
			readHosts(filepath.Join(pd, "hosts"), n.hosts, true)
		}
		for _, f := range hostsFiles {
			readHosts(f, n.hosts, true)
		}
		if res&ResolveExternal != 0 {
			n.system = map[netip.Addr]string{}
			readHosts("/etc/hosts", n.system, false)
		}
		n.learned = map[netip.Addr]string{}
		n.arp = map[[6]byte]string{}
	}
	if res&ResolveTransport != 0 {
		n.svc = serviceNames()
	}
	return n
}

// ether returns the name of MAC address b when MAC names are on and something names it.
func (n *names) ether(b []byte) (string, bool) {
	if n == nil || n.mac == nil || len(b) != 6 {
		return "", false
	}
	a := [6]byte(b)
	if n.arp != nil {
		n.mu.RLock()
		s, ok := n.arp[a]
		n.mu.RUnlock()
		if ok {
			return s, true
		}
	}
	if s, ok := n.ethers[a]; ok {
		return s, true
	}
	return n.mac().lookup(a)
}

// host returns the name of IPv4 or IPv6 address b when network names are on and something names
// it: the hosts files first, then the capture's DNS answers, then /etc/hosts (with N).
func (n *names) host(b []byte) (string, bool) {
	if n == nil || n.hosts == nil {
		return "", false
	}
	var a netip.Addr
	switch len(b) {
	case 4:
		a = netip.AddrFrom4([4]byte(b))
	case 16:
		a = netip.AddrFrom16([16]byte(b))
	default:
		return "", false
	}
	if s, ok := n.hosts[a]; ok {
		return s, true
	}
	if n.res&ResolveDNS != 0 {
		n.mu.RLock()
		s, ok := n.learned[a]
		n.mu.RUnlock()
		if ok {
			return s, true
		}
	}
	s, ok := n.system[a]
	return s, ok
}

// port returns the name of a TCP (6) or UDP (17) port when transport names are on and the
// services file names it.
func (n *names) port(proto uint8, p uint32) (string, bool) {
	if n == nil || n.svc == nil || p > 0xffff {
		return "", false
	}
	m := n.svc.tcp
	if proto == 17 {
		m = n.svc.udp
	} else if proto != 6 {
		return "", false
	}
	s, ok := m[uint16(p)]
	return s, ok
}

// AddrName implements field.Namer: labels of Ether, IPv4 and IPv6 fields show "name (address)"
// when names of their kind are on, the address standing for a name nothing gives.
func (n *names) AddrName(t field.Type, b []byte) (string, bool) {
	switch {
	case t == field.Ether && n.mac != nil && len(b) == 6:
		if s, ok := n.ether(b); ok {
			return s, true
		}
		return string(field.AppendHexSep(nil, b, ':')), true
	case (t == field.IPv4 && len(b) == 4 || t == field.IPv6 && len(b) == 16) && n.hosts != nil:
		if s, ok := n.host(b); ok {
			return s, true
		}
		return string(field.AppendAddr(nil, b)), true
	}
	return "", false
}

// namer returns the state's resolver as a field.Namer, nil when nothing is resolved.
func (s *State) namer() field.Namer {
	if s == nil || s.names == nil {
		return nil
	}
	return s.names
}

// NameRes returns what the capture's dissection resolves.
func (s *State) NameRes() NameRes {
	if s == nil || s.names == nil {
		return 0
	}
	return s.names.res
}

// ---- what dissectors call ----

func (c *Ctx) names() *names {
	if c.State == nil {
		return nil
	}
	return c.State.names
}

// AddrName returns the name a summary column shows for a, when names of its kind are on and
// something names it (render's Source and Destination columns).
func (c *Ctx) AddrName(a Addr) (string, bool) {
	n := c.names()
	if n == nil {
		return "", false
	}
	switch a.Kind {
	case AddrEther:
		return n.ether(a.B)
	case AddrIPv4, AddrIPv6:
		return n.host(a.B)
	}
	return "", false
}

// appendEtherNamed appends MAC address b as a protocol line shows it: "name (address)" when MAC
// names are on (the address standing for a missing name), the address alone otherwise.
func (c *Ctx) appendEtherNamed(dst, b []byte) []byte {
	n := c.names()
	if n == nil || n.mac == nil {
		return field.AppendHexSep(dst, b, ':')
	}
	if s, ok := n.ether(b); ok {
		dst = append(dst, s...)
	} else {
		dst = field.AppendHexSep(dst, b, ':')
	}
	dst = append(dst, " ("...)
	dst = field.AppendHexSep(dst, b, ':')
	return append(dst, ')')
}

// etherText is the value of eth.*_resolved: the name when MAC names are on, else the address.
func (c *Ctx) etherText(b []byte) []byte {
	if s, ok := c.names().ether(b); ok {
		return []byte(s)
	}
	return field.AppendHexSep(nil, b, ':')
}

// appendHostNamed appends IP address b as a protocol line shows it: "name (address)" when network
// names are on, the address alone otherwise.
func (c *Ctx) appendHostNamed(dst, b []byte) []byte {
	n := c.names()
	if n == nil || n.hosts == nil {
		return field.AppendAddr(dst, b)
	}
	if s, ok := n.host(b); ok {
		dst = append(dst, s...)
	} else {
		dst = field.AppendAddr(dst, b)
	}
	dst = append(dst, " ("...)
	dst = field.AppendAddr(dst, b)
	return append(dst, ')')
}

// hostText is the value of ip.src_host and the like: the name when network names are on and one
// is known, else the address.
func (c *Ctx) hostText(b []byte) []byte {
	if s, ok := c.names().host(b); ok {
		return []byte(s)
	}
	return field.AppendAddr(nil, b)
}

// portNames reports whether transport names are on.
func (c *Ctx) portNames() bool {
	n := c.names()
	return n != nil && n.svc != nil
}

// appendPortNamed appends a port as a protocol line and port labels show it: "name (port)" when
// transport names are on (the number standing for a missing name), the number alone otherwise.
func (c *Ctx) appendPortNamed(dst []byte, proto uint8, p uint32) []byte {
	if !c.portNames() {
		return strconv.AppendUint(dst, uint64(p), 10)
	}
	if s, ok := c.names().port(proto, p); ok {
		dst = append(dst, s...)
	} else {
		dst = strconv.AppendUint(dst, uint64(p), 10)
	}
	dst = append(dst, " ("...)
	dst = strconv.AppendUint(dst, uint64(p), 10)
	return append(dst, ')')
}

// appendInfoPort appends a port as the Info column shows it: "name(port)" when transport names are
// on and the services file names it, the number otherwise (col_append_ports).
func (c *Ctx) appendInfoPort(dst []byte, proto uint8, p uint32) []byte {
	if s, ok := c.names().port(proto, p); ok {
		dst = append(dst, s...)
		dst = append(dst, '(')
		dst = strconv.AppendUint(dst, uint64(p), 10)
		return append(dst, ')')
	}
	return strconv.AppendUint(dst, uint64(p), 10)
}

// labelPort gives a port field's node tshark's label with transport names on: "Source Port:
// http (80)". With names off the field's own label stands.
func (c *Ctx) labelPort(n int32, proto uint8, p uint32) {
	if c.Visible() && c.portNames() && n > 0 {
		b := append([]byte(Fields.Get(c.T.Nodes[n].Field).Name), ": "...)
		c.T.SetLabel(n, string(c.appendPortNamed(b, proto, p)))
	}
}

// learnsHostNames reports whether DNS answers name hosts (-N nd), so that the first pass must read
// them even when nothing asks for DNS fields.
func (c *Ctx) learnsHostNames() bool {
	n := c.names()
	return n != nil && n.res&ResolveDNS != 0
}

// LearnHostName records name for IPv4 or IPv6 address addr from an A or AAAA record of a DNS
// answer (Wireshark's nameres.dns_pkt_addr_resolution): the first pass only, when network names
// from DNS are on. A later answer replaces an earlier name; a hosts file's name stays.
func (c *Ctx) LearnHostName(addr, name []byte) {
	n := c.names()
	if !c.Pass1 || !c.learnsHostNames() || len(name) == 0 {
		return
	}
	var a netip.Addr
	switch len(addr) {
	case 4:
		a = netip.AddrFrom4([4]byte(addr))
	case 16:
		a = netip.AddrFrom16([16]byte(addr))
	default:
		return
	}
	if len(name) > maxNameLen {
		name = name[:maxNameLen]
	}
	n.mu.RLock()
	old, ok := n.learned[a]
	n.mu.RUnlock()
	if ok && asciiEqualFold(old, name) {
		return // the same name again (most answers): nothing is allocated
	}
	n.mu.Lock()
	n.learned[a] = cutName(string(name))
	n.mu.Unlock()
}

// asciiEqualFold reports whether s and b are equal ignoring ASCII case (g_ascii_strcasecmp), as
// Wireshark keeps a learnt name that only differs in case.
func asciiEqualFold(s string, b []byte) bool {
	if len(s) != len(b) {
		return false
	}
	for i := 0; i < len(b); i++ {
		x, y := s[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// LearnEtherByIP binds MAC address mac to the name of IPv4 address ip, when network names are on
// and ip has one (Wireshark's add_ether_byip, called by ARP): the MAC address then shows the host's
// name. The first pass only.
func (c *Ctx) LearnEtherByIP(ip, mac []byte) {
	n := c.names()
	if !c.Pass1 || n == nil || n.arp == nil || len(mac) != 6 {
		return
	}
	s, ok := n.host(ip)
	if !ok {
		return
	}
	n.mu.Lock()
	n.arp[[6]byte(mac)] = s
	n.mu.Unlock()
}
