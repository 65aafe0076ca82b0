package bpf

import (
	"bufio"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
)

// builtinServices is the fallback when /etc/services is missing (a minimal server): name →
// port, the same for tcp, udp and sctp unless noted in the tables' users.
var builtinServices = map[string]uint16{
	"tcpmux": 1, "echo": 7, "discard": 9, "systat": 11, "daytime": 13, "netstat": 15, "qotd": 17,
	"chargen": 19, "ftp-data": 20, "ftp": 21, "ssh": 22, "telnet": 23, "smtp": 25, "time": 37,
	"whois": 43, "tacacs": 49, "domain": 53, "gopher": 70, "finger": 79, "http": 80, "www": 80,
	"kerberos": 88, "pop3": 110, "sunrpc": 111, "auth": 113, "nntp": 119, "ntp": 123,
	"epmap": 135, "netbios-ns": 137, "netbios-dgm": 138, "netbios-ssn": 139, "imap": 143,
	"imap2": 143, "snmp": 161, "snmp-trap": 162, "bgp": 179, "irc": 194, "ldap": 389,
	"https": 443, "microsoft-ds": 445, "kpasswd": 464, "submissions": 465, "urd": 465,
	"syslog": 514, "printer": 515, "ripng": 521, "submission": 587, "ldaps": 636,
	"rsync": 873, "ftps-data": 989, "ftps": 990, "telnets": 992, "imaps": 993, "pop3s": 995,
	"socks": 1080, "openvpn": 1194, "ms-sql-s": 1433, "radius": 1812, "radius-acct": 1813,
	"nfs": 2049, "mysql": 3306, "sip": 5060, "sip-tls": 5061, "postgresql": 5432,
	"bootps": 67, "bootpc": 68, "tftp": 69, "login": 513, "shell": 514, "exec": 512,
	"isakmp": 500, "ipsec-nat-t": 4500, "mdns": 5353, "x11": 6000, "http-alt": 8080,
}

// builtinProtocols is the fallback for /etc/protocols.
var builtinProtocols = map[string]uint32{
	"ip": 0, "icmp": 1, "igmp": 2, "ggp": 3, "ipencap": 4, "st": 5, "tcp": 6, "egp": 8, "igp": 9,
	"pup": 12, "udp": 17, "hmp": 20, "xns-idp": 22, "rdp": 27, "iso-tp4": 29, "dccp": 33,
	"xtp": 36, "ddp": 37, "idpr-cmtp": 38, "ipv6": 41, "ipv6-route": 43, "ipv6-frag": 44,
	"idrp": 45, "rsvp": 46, "gre": 47, "esp": 50, "ah": 51, "skip": 57, "ipv6-icmp": 58,
	"icmp6": 58, "ipv6-nonxt": 59, "ipv6-opts": 60, "rspf": 73, "vmtp": 81, "eigrp": 88,
	"ospf": 89, "ax.25": 93, "ipip": 94, "etherip": 97, "encap": 98, "pim": 103, "ipcomp": 108,
	"vrrp": 112, "l2tp": 115, "isis": 124, "sctp": 132, "fc": 133, "mobility-header": 135,
	"udplite": 136, "mpls-in-ip": 137, "manet": 138, "hip": 139, "shim6": 140, "wesp": 141,
	"rohc": 142, "ethernet": 143,
}

// etherProtos are the names "ether proto \NAME" accepts.
var etherProtos = map[string]uint32{
	"ip": 0x800, "ip6": 0x86dd, "arp": 0x806, "rarp": 0x8035, "atalk": 0x809b, "aarp": 0x80f3,
	"decnet": 0x6003, "sca": 0x6007, "lat": 0x6004, "mopdl": 0x6001, "moprc": 0x6002,
	"ipx": 0x8137, "vlan": 0x8100, "mpls": 0x8847,
}

type servTable struct {
	tcp, udp, sctp map[string]uint16
}

var loadServices = sync.OnceValue(func() *servTable {
	t := &servTable{tcp: map[string]uint16{}, udp: map[string]uint16{}, sctp: map[string]uint16{}}
	f, err := os.Open("/etc/services")
	if err != nil {
		return t
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fs := strings.Fields(line)
		if len(fs) < 2 {
			continue
		}
		num, proto, ok := strings.Cut(fs[1], "/")
		if !ok {
			continue
		}
		p, err := strconv.ParseUint(num, 10, 16)
		if err != nil {
			continue
		}
		var m map[string]uint16
		switch proto {
		case "tcp":
			m = t.tcp
		case "udp":
			m = t.udp
		case "sctp":
			m = t.sctp
		default:
			continue
		}
		for _, name := range append([]string{fs[0]}, fs[2:]...) {
			if _, dup := m[name]; !dup {
				m[name] = uint16(p)
			}
		}
	}
	return t
})

// lookupPort resolves a service name for a transport ("" = any): /etc/services, then the built-in
// table.
func lookupPort(name, proto string) (uint16, bool) {
	t := loadServices()
	order := []map[string]uint16{t.tcp, t.udp, t.sctp}
	switch proto {
	case "udp":
		order = []map[string]uint16{t.udp}
	case "tcp":
		order = []map[string]uint16{t.tcp}
	case "sctp":
		order = []map[string]uint16{t.sctp}
	}
	for _, m := range order {
		if p, ok := m[name]; ok {
			return p, true
		}
	}
	p, ok := builtinServices[name]
	return p, ok
}

var loadProtocols = sync.OnceValue(func() map[string]uint32 {
	m := map[string]uint32{}
	f, err := os.Open("/etc/protocols")
	if err != nil {
		return m
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fs := strings.Fields(line)
		if len(fs) < 2 {
			continue
		}
		p, err := strconv.ParseUint(fs[1], 10, 8)
		if err != nil {
			continue
		}
		for _, name := range append([]string{fs[0]}, fs[2:]...) {
			m[name] = uint32(p)
		}
	}
	return m
})

// lookupProto resolves an IP protocol name.
func lookupProto(name string) (uint32, bool) {
	if p, ok := loadProtocols()[name]; ok {
		return p, true
	}
	p, ok := builtinProtocols[name]
	return p, ok
}

// lookupHost resolves a host name through /etc/hosts only (a capture filter must not send DNS
// queries from the machine being watched).
func lookupHost(name string) []net.IP {
	f, err := os.Open("/etc/hosts")
	if err != nil {
		if name == "localhost" {
			return []net.IP{net.IPv4(127, 0, 0, 1).To4(), net.IPv6loopback}
		}
		return nil
	}
	defer f.Close()
	var out []net.IP
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fs := strings.Fields(line)
		if len(fs) < 2 {
			continue
		}
		for _, n := range fs[1:] {
			if strings.EqualFold(n, name) {
				if ip := net.ParseIP(fs[0]); ip != nil {
					if v4 := ip.To4(); v4 != nil {
						ip = v4
					}
					out = append(out, ip)
				}
				break
			}
		}
	}
	return out
}
