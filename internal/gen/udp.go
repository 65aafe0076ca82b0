package gen

import "encoding/binary"

// DNS record types.
const (
	dnsA     = 1
	dnsCNAME = 5
	dnsSOA   = 6
	dnsMX    = 15
	dnsAAAA  = 28
)

var dnsHosts = []string{"www.example.com", "api.example.com", "cdn.example.net", "shop.example.net", "static.example.org", "updates.example.org"}

// querier picks a local host that resolves names via the resolver.
func (g *generator) querier() *host {
	n := g.net
	switch g.r.IntN(6) {
	case 0, 1:
		return n.web
	case 2:
		return n.mail
	default:
		return n.locals[8+g.r.IntN(len(n.locals)-8)]
	}
}

// dnsSession is a stub resolver query and its answer (A, AAAA or MX, or
// NXDOMAIN), with compression pointers as real servers write them.
func (g *generator) dnsSession(s *session, t int64) {
	r := g.r
	cli := g.querier()
	g.setEndpoints(s, cli, g.net.dns, g.useV6(), uint16(32768+r.IntN(28232)), 53)
	var name string
	var qtype int
	switch x := r.IntN(100); {
	case x < 50:
		name, qtype = dnsHosts[r.IntN(len(dnsHosts))], dnsA
	case x < 75:
		name, qtype = dnsHosts[r.IntN(len(dnsHosts))], dnsAAAA
	case x < 92:
		name, qtype = mailDomains[r.IntN(len(mailDomains))], dnsMX
	default:
		name, qtype = "nohost"+string(rune('0'+r.IntN(10)))+".example.com", dnsA
	}
	id := uint16(r.Uint32())
	st := len(s.buf)
	b := binary.BigEndian.AppendUint16(s.buf, id)
	b = append(b, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0)
	b = appendDNSName(b, name)
	b = append(b, 0, byte(qtype), 0, 1)
	query := b[st:len(b):len(b)]
	s.add(frame{t: t, kind: kUDP, dir: 0, data: query})

	// Response: the question, then answers pointing back into it.
	rs := len(b)
	b = append(b, query...)
	b[rs+2], b[rs+3] = 0x81, 0x80
	suffix := 12 + 1 + indexByte(name, '.') // offset of the parent domain in the question
	ttl := uint32(60 + r.IntN(3540))
	rr := func(b []byte, ptr int, typ int) []byte {
		b = append(b, 0xc0|byte(ptr>>8), byte(ptr), 0, byte(typ), 0, 1)
		b = binary.BigEndian.AppendUint32(b, ttl)
		return append(b, 0, 0) // rdlength patched by caller
	}
	an, ns := 0, 0
	switch {
	case hasPrefix(name, "nohost"):
		b[rs+3] = 0x83 // NXDOMAIN with the zone's SOA in authority
		b = rr(b, suffix, dnsSOA)
		rd := len(b)
		b = append(b, 3, 'n', 's', '1', 0xc0, byte(suffix))
		b = append(b, 10, 'h', 'o', 's', 't', 'm', 'a', 's', 't', 'e', 'r', 0xc0, byte(suffix))
		b = binary.BigEndian.AppendUint32(b, 2024031201)
		b = append(b, 0, 0, 0x1c, 0x20, 0, 0, 0x0e, 0x10, 0, 0x12, 0x75, 0, 0, 0, 0x0e, 0x10)
		putLen16(b, rd-2)
		ns = 1
	case qtype == dnsMX:
		// Two exchangers, "mail" and "mx2" under the queried domain, with
		// their addresses as additional records.
		var exch [2]int
		for i, l := range []string{"mail", "mx2"} {
			b = rr(b, 12, dnsMX)
			rd := len(b)
			b = append(b, 0, byte(10*(i+1)), byte(len(l)))
			b = append(b, l...)
			b = append(b, 0xc0, 12)
			b[rd-2], b[rd-1] = 0, byte(len(b)-rd)
			exch[i] = rd + 2 - rs // message-relative offset of the exchange name
		}
		an = 2
		for i := range 2 {
			b = rr(b, exch[i], dnsA)
			b[len(b)-1] = 4
			b = append(b, 10, 0, 0, byte(25+i))
		}
		binary.BigEndian.PutUint16(b[rs+10:], 2)
	default:
		ptr := 12
		if r.IntN(2) == 0 {
			// A CNAME to "edge" under the same parent domain first.
			b = rr(b, 12, dnsCNAME)
			rd := len(b)
			b = append(b, 4, 'e', 'd', 'g', 'e', 0xc0, byte(suffix))
			b[rd-1] = byte(len(b) - rd)
			ptr = rd - rs
			an++
		}
		for range 1 + r.IntN(3) {
			b = rr(b, ptr, qtype)
			if qtype == dnsA {
				b[len(b)-1] = 4
				b = append(b, 192, 168, byte(50+r.IntN(4)), byte(1+r.IntN(254)))
			} else {
				b[len(b)-1] = 16
				b = append(b, 0x20, 0x01, 0x0d, 0xb8, 0, 0x10, 0, byte(r.IntN(4)), 0, 0, 0, 0, 0, 0, 0, byte(1+r.IntN(254)))
			}
			an++
		}
	}
	binary.BigEndian.PutUint16(b[rs+6:], uint16(an))
	binary.BigEndian.PutUint16(b[rs+8:], uint16(ns))
	s.buf = b
	rtt := g.between(200*us, 3*ms)
	if r.IntN(5) == 0 {
		rtt = g.between(10*ms, 120*ms) // recursion
	}
	s.add(frame{t: t + rtt, kind: kUDP, dir: 1, data: b[rs:len(b):len(b)]})
}

func appendDNSName(b []byte, name string) []byte {
	for len(name) > 0 {
		i := indexByte(name, '.')
		if i < 0 {
			i = len(name)
		}
		b = append(b, byte(i))
		b = append(b, name[:i]...)
		if i == len(name) {
			break
		}
		name = name[i+1:]
	}
	return append(b, 0)
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// ntpSession is an NTPv4 client/server exchange with the local time server.
func (g *generator) ntpSession(s *session, t int64) {
	r := g.r
	g.setEndpoints(s, g.querier(), g.net.ntp, false, 123, 123)
	s.ep.vlan = 0
	ts := func(b []byte, t int64) []byte {
		ns := g.opt.Start.UnixNano() + t
		sec := uint64(ns/1e9) + 2208988800
		frac := uint64(ns%1e9) << 32 / 1e9
		return binary.BigEndian.AppendUint64(b, sec<<32|frac)
	}
	st := len(s.buf)
	b := append(s.buf, 0x23, 0, 6, 0xe9)
	b = append(b, zeros[:36]...)
	b = ts(b, t)
	req := b[st:len(b):len(b)]
	s.add(frame{t: t, kind: kUDP, dir: 0, data: req})
	d := g.between(150*us, 900*us)
	rs := len(b)
	b = append(b, 0x24, 2, 6, 0xe9, 0, 0, 0x01, 0x2a, 0, 0, 0x03, 0x8b, 192, 168, 0, 123)
	b = ts(b, t-int64(r.IntN(64))*1e9-5e8)
	b = append(b, req[40:48]...) // origin = client's transmit time
	b = ts(b, t+d/3)
	b = ts(b, t+d/3+20*us)
	s.buf = b
	s.add(frame{t: t + d, kind: kUDP, dir: 1, data: b[rs:len(b):len(b)]})
}

// pingSession is one to four ICMP (or ICMPv6) echo request/reply pairs one
// second apart, payload laid out like Linux ping's.
func (g *generator) pingSession(s *session, t int64) {
	r := g.r
	v6 := g.useV6()
	pinger := g.net.monitor
	if r.IntN(3) == 0 {
		pinger = g.net.client(r)
	}
	targets := []*host{g.net.web, g.net.mail, g.net.dns, g.net.gw}
	g.setEndpoints(s, pinger, targets[r.IntN(len(targets))], v6, 0, 0)
	id := uint32(r.IntN(65536)) << 16
	kind, req, rep := kICMP, uint8(8), uint8(0)
	if v6 {
		kind, req, rep = kICMP6, 128, 129
	}
	rtt := pinger.rtt/2 + g.between(20*us, 100*us)
	for i := range 1 + r.IntN(4) {
		st := len(s.buf)
		ns := g.opt.Start.UnixNano() + t
		b := binary.LittleEndian.AppendUint64(s.buf, uint64(ns/1e9))
		b = binary.LittleEndian.AppendUint64(b, uint64(ns%1e9/1e3))
		for j := range 40 {
			b = append(b, byte(0x10+j))
		}
		s.buf = b
		data := b[st:len(b):len(b)]
		rest := id | uint32(i+1)
		s.add(frame{t: t, kind: kind, dir: 0, icmpType: req, rest: rest, data: data})
		s.add(frame{t: t + rtt, kind: kind, dir: 1, icmpType: rep, rest: rest, data: data})
		t += 1e9 + g.between(0, 2*ms)
	}
}

// arpSession is a who-has request and its reply between hosts on the
// server LAN; addresses and MACs always agree.
func (g *generator) arpSession(s *session, t int64) {
	r := g.r
	loc := g.net.locals
	a := loc[r.IntN(len(loc))]
	b := loc[r.IntN(len(loc))]
	for b == a {
		b = loc[r.IntN(len(loc))]
	}
	g.setEndpoints(s, a, b, false, 0, 0)
	s.add(frame{t: t, kind: kARP, dir: 0, flags: arpRequest})
	s.add(frame{t: t + g.between(30*us, 400*us), kind: kARP, dir: 1, flags: arpReply})
}

// unreachSession is a UDP datagram to a closed port (a traceroute-style
// probe) and the server's ICMP port unreachable quoting it in full.
func (g *generator) unreachSession(s *session, t int64) {
	r := g.r
	// The source port comes from a range where tshark 4.0 registers no UDP
	// dissector: the probe's destination port has none either, so tshark
	// would otherwise hand the payload to whatever owns the source port.
	g.setEndpoints(s, g.net.client(r), g.net.web, false, uint16(37100+r.IntN(4000)), uint16(33434+r.IntN(30)))
	st := len(s.buf)
	for j := range 32 {
		s.buf = append(s.buf, byte(0x40+j))
	}
	probe := frame{t: t, kind: kUDP, dir: 0, data: s.buf[st:len(s.buf):len(s.buf)]}
	s.add(probe)
	probe.ipid = s.frames[len(s.frames)-1].ipid
	q := len(s.buf)
	s.buf = appendIP(s.buf, s, &probe)
	s.add(frame{t: t + g.between(20*us, 200*us), kind: kICMP, dir: 1, icmpType: 3, icmpCode: 3,
		data: s.buf[q:len(s.buf):len(s.buf)]})
}
