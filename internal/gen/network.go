package gen

import "math/rand/v2"

// host is one machine of the synthetic network. Every host is dual-stack.
type host struct {
	ip4      [4]byte
	ip6      [16]byte
	mac      [6]byte // its own MAC on the server LAN, the gateway's otherwise
	ttl      uint8   // TTL / hop limit as seen at the capture point
	rtt      int64   // round-trip time to the capture point in ns
	nextPort uint16
	name     string
}

// network is the fixed cast of hosts: servers on 10.0.0.0/24 and
// 2001:db8:0:1::/64 behind gateway 10.0.0.1, clients elsewhere in 10/8,
// 192.168/16 and 2001:db8:100::/48.
type network struct {
	gw, lb, monitor, web, mail, telnet, dns, ntp *host
	relay                                        *host // 10.1.2.3, the busy SMTP relay
	locals                                       []*host
	clients                                      []*host
}

var gatewayMAC = [6]byte{0x00, 0x1c, 0x73, 0xaa, 0x00, 0x01}

func localHost(last byte, name string) *host {
	h := &host{
		ip4:  [4]byte{10, 0, 0, last},
		mac:  [6]byte{0x52, 0x54, 0x00, 0x3a, 0x10, last},
		ttl:  64,
		rtt:  200e3 + int64(last)*3e3,
		name: name,
	}
	h.ip6 = [16]byte{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1}
	h.ip6[15] = last
	h.nextPort = 40000 + uint16(last)*97
	return h
}

func newNetwork(r *rand.Rand) *network {
	n := &network{
		gw:      localHost(1, "gw"),
		lb:      localHost(2, "lb"),
		monitor: localHost(5, "monitor"),
		web:     localHost(10, "www"),
		telnet:  localHost(23, "legacy"),
		mail:    localHost(25, "mail"),
		dns:     localHost(53, "ns1"),
		ntp:     localHost(123, "ntp"),
	}
	n.gw.mac = gatewayMAC
	n.locals = []*host{n.gw, n.lb, n.monitor, n.web, n.telnet, n.mail, n.dns, n.ntp}
	for _, last := range []byte{31, 32, 33, 47, 60, 61} {
		n.locals = append(n.locals, localHost(last, "ws"))
	}
	n.relay = remoteHost(r, [4]byte{10, 1, 2, 3})
	n.relay.rtt = 1200e3
	n.clients = append(n.clients, n.relay)
	for len(n.clients) < 1200 {
		var ip [4]byte
		switch r.IntN(3) {
		case 0:
			ip = [4]byte{10, byte(1 + r.IntN(40)), byte(r.IntN(256)), byte(1 + r.IntN(254))}
		case 1:
			ip = [4]byte{192, 168, byte(r.IntN(256)), byte(1 + r.IntN(254))}
		default:
			ip = [4]byte{10, byte(100 + r.IntN(100)), byte(r.IntN(256)), byte(1 + r.IntN(254))}
		}
		n.clients = append(n.clients, remoteHost(r, ip))
	}
	return n
}

func remoteHost(r *rand.Rand, ip [4]byte) *host {
	h := &host{ip4: ip, mac: gatewayMAC}
	h.ip6 = [16]byte{0x20, 0x01, 0x0d, 0xb8, 0x01, 0x00, ip[1], ip[2]}
	for i := 8; i < 16; i++ {
		h.ip6[i] = byte(r.Uint32())
	}
	if r.IntN(3) == 0 {
		h.ttl = byte(128 - 2 - r.IntN(14))
	} else {
		h.ttl = byte(64 - 2 - r.IntN(14))
	}
	// Round-trip times between 2 ms and ~120 ms, most of them short.
	u := r.Float64()
	h.rtt = 2e6 + int64(u*u*118e6)
	h.nextPort = uint16(32768 + r.IntN(28000))
	return h
}

// client picks a client host; a few hosts are much busier than the rest.
func (n *network) client(r *rand.Rand) *host {
	u := r.Float64()
	return n.clients[int(float64(len(n.clients))*u*u*u)]
}

// port returns the next ephemeral port of h (Linux range 32768-60999).
func (h *host) port() uint16 {
	p := h.nextPort
	h.nextPort++
	if h.nextPort > 60999 {
		h.nextPort = 32768
	}
	return p
}

var vlanIDs = [...]uint16{10, 20, 100}

// setEndpoints fills s.ep for a session from cli to srv.
func (g *generator) setEndpoints(s *session, cli, srv *host, v6 bool, cport, sport uint16) {
	ep := &s.ep
	ep.v6 = v6
	ep.mac = [2][6]byte{cli.mac, srv.mac}
	ep.ip4 = [2][4]byte{cli.ip4, srv.ip4}
	ep.ip6 = [2][16]byte{cli.ip6, srv.ip6}
	ep.port = [2]uint16{cport, sport}
	ep.ttl = [2]uint8{cli.ttl, srv.ttl}
	ep.flow = g.r.Uint32() & 0xfffff
	if g.r.Float64() < g.opt.VLANShare {
		ep.vlan = vlanIDs[g.r.IntN(len(vlanIDs))]
	}
}

// useV6 decides whether a new session runs over IPv6.
func (g *generator) useV6() bool { return g.r.Float64() < g.opt.IPv6Share }
