package bpf

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

const all32 = ^uint32(0)

// ---- leaves ----

// cmp loads size bytes at off, masks them and jumps on op against val.
func (c *comp) cmp(size uint16, off int, mask, val uint32, op uint16) cond {
	return cond{gen: func(t, f label) {
		c.emit(clsLD|size|mABS, uint32(off))
		if mask != all32 {
			c.emit(clsALU|aluAND|srcK, mask)
		}
		c.jump(clsJMP|op|srcK, val, t, f)
	}}
}

func (c *comp) eq(size uint16, off int, val uint32) cond { return c.cmp(size, off, all32, val, jmpJEQ) }

// cmpInd is cmp at off past the IPv4 header (X = header length from the byte at ipOff).
func (c *comp) cmpInd(size uint16, ipOff, off int, mask, val uint32, op uint16) cond {
	return cond{gen: func(t, f label) {
		c.emit(clsLDX|szB|mMSH, uint32(ipOff))
		c.emit(clsLD|size|mIND, uint32(off))
		if mask != all32 {
			c.emit(clsALU|aluAND|srcK, mask)
		}
		c.jump(clsJMP|op|srcK, val, t, f)
	}}
}

// jset is true when any bit of mask is set in the size bytes at off.
func (c *comp) jset(size uint16, off int, mask uint32) cond {
	return cond{gen: func(t, f label) {
		c.emit(clsLD|size|mABS, uint32(off))
		c.jump(clsJMP|jmpJSET|srcK, mask, t, f)
	}}
}

// lenCmp compares the wire length.
func (c *comp) lenCmp(op uint16, val uint32) cond {
	return cond{gen: func(t, f label) {
		c.emit(clsLD|szW|mLEN, 0)
		c.jump(clsJMP|op|srcK, val, t, f)
	}}
}

// ---- protocols ----

// linkType tests the link-layer protocol (an Ethernet type).
func (c *comp) linkType(proto uint32) cond {
	ll := c.ll
	if ll.mplsDepth > 0 {
		// Inside an MPLS stack only IP can follow, at the bottom of the stack: the previous label's
		// bottom-of-stack bit set and the IP version in the first nibble.
		bos := c.cmp(szB, ll.offNet-2, 0x01, 0x01, jmpJEQ)
		switch proto {
		case etIP:
			return c.and(bos, c.cmp(szB, ll.offNet, 0xf0, 0x40, jmpJEQ))
		case etIP6:
			return c.and(bos, c.cmp(szB, ll.offNet, 0xf0, 0x60, jmpJEQ))
		}
		return condFalse
	}
	if ll.family {
		return c.loopbackFamily(proto)
	}
	if ll.offLinkType < 0 {
		switch {
		case ll.typ == LinkRaw && proto == etIP:
			return c.cmp(szB, 0, 0xf0, 0x40, jmpJEQ)
		case ll.typ == LinkRaw && proto == etIP6:
			return c.cmp(szB, 0, 0xf0, 0x60, jmpJEQ)
		case ll.typ == LinkIPv4 && proto == etIP, ll.typ == LinkIPv6 && proto == etIP6:
			return condTrue
		}
		return condFalse
	}
	if proto <= 1500 && ll.ether {
		return c.and(not(c.cmp(szH, ll.offLinkType, all32, 1500, jmpJGT)), c.eq(szB, ll.offLinkType+2, proto))
	}
	return c.eq(szH, ll.offLinkType, proto)
}

func (c *comp) ipProto(p uint32) cond {
	return c.and(c.linkType(etIP), c.eq(szB, c.ll.offNet+9, p))
}

// ip6Proto follows one fragment header, as libpcap does.
func (c *comp) ip6Proto(p uint32) cond {
	n := c.ll.offNet
	return c.and(c.linkType(etIP6), c.or(c.eq(szB, n+6, p), c.and(c.eq(szB, n+6, 44), c.eq(szB, n+40, p))))
}

// Protocol numbers protochain steps over.
const (
	ipprotoHopOpts  = 0
	ipprotoRouting  = 43
	ipprotoFragment = 44
	ipprotoAH       = 51
	ipprotoNone     = 59
	ipprotoDstOpts  = 60
)

// protochain is "ip[6] protochain P": the header chain is walked to P, stepping over IPv6's
// hop-by-hop, routing, fragment and destination-options headers and over AH, as libpcap's
// gen_protochain does. The walk is a loop: the only backward jump a filter has, which the Linux
// kernel refuses, so such a program runs in user space (Program.Loops). libpcap's AH step sets
// the offset to the AH header's length instead of adding it; it is kept, so that the packets
// accepted are tcpdump's.
func (c *comp) protochain(p uint32, ip6 bool, pos lexer.Position) cond {
	et := uint32(etIP)
	if ip6 {
		et = etIP6
	}
	link := c.linkType(et)
	if link.konst == -1 {
		// libpcap compiles the walk anyway on a link that cannot carry the protocol: the filter
		// matches nothing instead of being refused
		return cond{gen: func(t, f label) { c.jump(clsJMP|jmpJA, 0, f, -1) }}
	}
	return c.and(link, cond{gen: func(t, f label) {
		n := uint32(c.ll.offNet)
		if ip6 {
			c.emit(clsLD|szB|mABS, n+6)
			c.emit(clsLDX|mIMM, 40)
		} else {
			c.emit(clsLD|szB|mABS, n+9)
			c.emit(clsLDX|szB|mMSH, n)
		}
		m := c.allocMem(pos)
		defer c.freeMem()
		loop, end, ext, ahCheck, ah := c.newLabel(), c.newLabel(), c.newLabel(), c.newLabel(), c.newLabel()
		c.place(loop)
		next := c.newLabel()
		c.jump(clsJMP|jmpJEQ|srcK, p, end, next)
		c.place(next)
		next = c.newLabel()
		c.jump(clsJMP|jmpJEQ|srcK, ipprotoNone, end, next)
		c.place(next)
		if ip6 {
			exts := []uint32{ipprotoHopOpts, ipprotoDstOpts, ipprotoRouting, ipprotoFragment}
			for i, e := range exts {
				other := ahCheck
				if i < len(exts)-1 {
					other = c.newLabel()
				}
				c.jump(clsJMP|jmpJEQ|srcK, e, ext, other)
				if i < len(exts)-1 {
					c.place(other)
				}
			}
			// an extension header: its next header, then X += (length+1)*8
			c.place(ext)
			c.emit(clsLD|szB|mIND, n)
			c.emit(clsST, m)
			c.emit(clsLD|szB|mIND, n+1)
			c.emit(clsALU|aluADD|srcK, 1)
			c.emit(clsALU|aluMUL|srcK, 8)
			c.emit(clsALU|aluADD|srcX, 0)
			c.emit(clsMISC|miscTAX, 0)
			c.emit(clsLD|mMEM, m)
			c.jump(clsJMP|jmpJA, 0, loop, -1)
		}
		c.place(ahCheck)
		if !ip6 {
			c.emit(clsALU|aluADD|srcK, 0) // libpcap's placeholder for IPv6's steps; kept for -d's sake
		}
		c.jump(clsJMP|jmpJEQ|srcK, ipprotoAH, ah, end)
		// AH: its next header, then X = (length+2)*4 (libpcap's arithmetic, see above)
		c.place(ah)
		c.emit(clsMISC|miscTXA, 0)
		c.emit(clsLD|szB|mIND, n)
		c.emit(clsST, m)
		c.emit(clsMISC|miscTXA, 0)
		c.emit(clsALU|aluADD|srcK, 1)
		c.emit(clsMISC|miscTAX, 0)
		c.emit(clsLD|szB|mIND, n)
		c.emit(clsALU|aluADD|srcK, 2)
		c.emit(clsALU|aluMUL|srcK, 4)
		c.emit(clsMISC|miscTAX, 0)
		c.emit(clsLD|mMEM, m)
		c.jump(clsJMP|jmpJA, 0, loop, -1)
		c.place(end)
		c.emit(clsALU|aluADD|srcK, 0) // as libpcap emits it
		c.jump(clsJMP|jmpJEQ|srcK, p, t, f)
	}})
}

func (c *comp) notFrag() cond { return not(c.jset(szH, c.ll.offNet+6, 0x1fff)) }

// transport IP protocol numbers of the abbreviations.
var transportProtos = map[string]uint32{"tcp": 6, "udp": 17, "sctp": 132, "icmp": 1, "igmp": 2,
	"igrp": 9, "pim": 103, "vrrp": 112, "carp": 112, "icmp6": 58, "ah": 51, "esp": 50}

// protoAbbrev is a protocol name alone: "tcp", "ip6", "arp".
func (c *comp) protoAbbrev(name string, pos lexer.Position) cond {
	switch name {
	case "ip":
		return c.linkType(etIP)
	case "ip6":
		return c.linkType(etIP6)
	case "arp":
		return c.linkType(etARP)
	case "rarp":
		return c.linkType(etRARP)
	case "tcp", "udp", "sctp", "pim", "ah", "esp":
		p := transportProtos[name]
		return c.or(c.ipProto(p), c.ip6Proto(p))
	case "icmp", "igmp", "igrp", "vrrp", "carp":
		return c.ipProto(transportProtos[name])
	case "icmp6":
		return c.ip6Proto(58)
	case "ether", "link":
		panic(errAt(pos, "link layer applied in wrong context"))
	}
	panic(errAt(pos, "'%s' is not supported by this compiler", name))
}

// ---- addresses ----

// byDir combines a test of the source and of the destination field as dir asks.
func (c *comp) byDir(dir string, src, dst func() cond) cond {
	switch dir {
	case "src":
		return src()
	case "dst":
		return dst()
	case "src and dst":
		return c.and(src(), dst())
	}
	return c.or(src(), dst())
}

func (c *comp) hostV4(addr, mask uint32, dir, proto, kind string, pos lexer.Position) cond {
	n := c.ll.offNet
	test := func(srcOff, dstOff int) cond {
		return c.byDir(dir, func() cond { return c.cmp(szW, srcOff, mask, addr, jmpJEQ) },
			func() cond { return c.cmp(szW, dstOff, mask, addr, jmpJEQ) })
	}
	ipPart := func() cond { return c.and(c.linkType(etIP), test(n+12, n+16)) }
	arpPart := func(et uint32) cond { return c.and(c.linkType(et), test(n+14, n+24)) }
	switch proto {
	case "":
		return c.or(ipPart(), arpPart(etARP), arpPart(etRARP))
	case "ip":
		return ipPart()
	case "arp":
		return arpPart(etARP)
	case "rarp":
		return arpPart(etRARP)
	case "ether", "link":
		panic(errAt(pos, "link-layer modifier applied to %s", kind))
	case "ip6":
		panic(errAt(pos, "'ip6' modifier applied to ip host"))
	}
	panic(errAt(pos, "'%s' modifier applied to %s", proto, kind))
}

func (c *comp) hostV6(addr, mask net.IP, dir, proto, kind string, pos lexer.Position) cond {
	switch proto {
	case "", "ip6":
	case "ip":
		panic(errAt(pos, "'ip' modifier applied to ip6 host"))
	case "ether", "link":
		panic(errAt(pos, "link-layer modifier applied to ip6 %s", kind))
	default:
		panic(errAt(pos, "'%s' modifier applied to ip6 %s", proto, kind))
	}
	n := c.ll.offNet
	test := func(off int) cond {
		var cs []cond
		for i := 3; i >= 0; i-- {
			m := be32(mask[4*i:])
			if m == 0 {
				continue
			}
			cs = append(cs, c.cmp(szW, off+4*i, m, be32(addr[4*i:])&m, jmpJEQ))
		}
		return c.and(cs...)
	}
	return c.and(c.linkType(etIP6), c.byDir(dir, func() cond { return test(n + 8) }, func() cond { return test(n + 24) }))
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func (c *comp) etherHost(mac net.HardwareAddr, dir string, pos lexer.Position) cond {
	if !c.ll.ether {
		panic(errAt(pos, "ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel"))
	}
	test := func(off int) cond {
		return c.and(c.eq(szW, off+2, be32(mac[2:])), c.eq(szH, off, uint32(mac[0])<<8|uint32(mac[1])))
	}
	return c.byDir(dir, func() cond { return test(6) }, func() cond { return test(0) })
}

// ---- ports ----

func (c *comp) ports(protos []uint32, dir string, lo, hi uint32) cond {
	n := c.ll.offNet
	rng := func(ind bool, off int) cond {
		mk := func(op uint16, v uint32) cond {
			if ind {
				return c.cmpInd(szH, n, off, all32, v, op)
			}
			return c.cmp(szH, off, all32, v, op)
		}
		if lo == hi {
			return mk(jmpJEQ, lo)
		}
		return c.and(mk(jmpJGE, lo), not(mk(jmpJGT, hi)))
	}
	protoIs := func(off int) cond {
		var cs []cond
		for _, p := range protos {
			cs = append(cs, c.eq(szB, off, p))
		}
		return c.or(cs...)
	}
	v6 := c.and(c.linkType(etIP6), protoIs(n+6),
		c.byDir(dir, func() cond { return rng(false, n+40) }, func() cond { return rng(false, n+42) }))
	v4 := c.and(c.linkType(etIP), protoIs(n+9), c.notFrag(),
		c.byDir(dir, func() cond { return rng(true, n) }, func() cond { return rng(true, n+2) }))
	return c.or(v6, v4)
}

// ---- syntax tree ----

func (c *comp) expr(e *exprNode) cond {
	out := c.term(e.Head)
	for _, t := range e.Tail {
		r := c.term(t.Term)
		if t.Op == "and" || t.Op == "&&" {
			out = c.and(out, r)
		} else {
			out = c.or(out, r)
		}
	}
	return out
}

func (c *comp) term(t *termNode) cond {
	defer func() { c.terms++ }()
	switch {
	case t.Not != nil:
		return not(c.term(t.Not))
	case t.Rel != nil:
		c.last = nil
		return c.relation(t.Rel)
	case t.Paren != nil:
		return c.expr(t.Paren)
	}
	return c.prim(t.Prim)
}

func (c *comp) prim(p *primNode) cond {
	switch {
	case p.Size != nil:
		c.last = nil
		n := c.num(p.Size.N, p.Size.Pos)
		if p.Size.Op == "less" {
			return not(c.lenCmp(jmpJGT, n))
		}
		return c.lenCmp(jmpJGE, n)
	case p.Cast != nil:
		c.last = nil
		return c.cast(p.Cast)
	case p.VLAN != nil:
		c.last = nil
		return c.vlan(p.VLAN)
	case p.Dirn != "":
		c.last = nil
		return c.direction(p.Dirn, p.Pos)
	case p.Index != nil:
		c.last = nil
		return c.ifindex(*p.Index, p.Pos)
	}
	q := p.Quals
	if q == nil {
		panic(&Error{Pos: p.Pos.Offset, Msg: "syntax error", parse: true})
	}
	q.normalize()
	bare := q.Proto == "" && q.Dir == nil && q.Kind == ""
	if q.ID == nil {
		if q.Dir != nil || q.Kind != "" || q.Proto == "" {
			panic(&Error{Pos: q.Pos.Offset, Msg: "syntax error", parse: true})
		}
		c.last = nil
		return c.protoAbbrev(q.Proto, q.Pos)
	}
	if bare {
		if c.last == nil {
			if c.terms == 0 {
				panic(&Error{Pos: q.Pos.Offset, Msg: "syntax error", parse: true})
			}
			panic(errAt(q.Pos, "syntax error in filter expression"))
		}
		q = &qualNode{Pos: q.Pos, Proto: c.last.Proto, Dir: c.last.Dir, Kind: c.last.Kind, ID: q.ID}
	} else {
		c.last = q
	}
	return c.qualified(q)
}

func dirString(d *dirNode) string {
	if d == nil {
		return ""
	}
	if d.Op == "" {
		return d.A
	}
	if d.A == d.B {
		return d.A
	}
	return "src " + d.Op + " dst"
}

func (c *comp) num(s string, pos lexer.Position) uint32 {
	if v, ok := namedConstants[s]; ok {
		return v
	}
	v, err := strconv.ParseUint(s, 0, 32)
	if err != nil {
		if len(s) > 1 && s[0] == '0' && s[1] != 'x' && s[1] != 'X' {
			panic(errAt(pos, "number %s contains non-octal digit", s))
		}
		panic(errAt(pos, "number %s overflows 32 bits", s))
	}
	return uint32(v)
}

// atoin parses a dotted numeric address, returning its value and its number of bits.
func (c *comp) atoin(s string, pos lexer.Position) (uint32, int) {
	var v uint32
	parts := strings.Split(s, ".")
	for _, p := range parts {
		n := c.num(p, pos)
		if n > 255 {
			panic(errAt(pos, "invalid IPv4 address '%s'", s))
		}
		v = v<<8 | n
	}
	return v, 8 * len(parts)
}

func (c *comp) qualified(q *qualNode) cond {
	out := c.qualifiedID(q)
	for range q.ID.Nots {
		out = not(out)
	}
	return out
}

func (c *comp) qualifiedID(q *qualNode) cond {
	dir := dirString(q.Dir)
	id := q.ID
	kind := q.Kind
	kindName := kind
	if kindName == "" {
		kindName = "host"
	}
	switch kind {
	case "", "host", "net":
		switch {
		case id.EID != nil:
			if kind == "net" || (q.Proto != "ether" && q.Proto != "link") {
				panic(errAt(id.Pos, "ethernet address used in non-ether expression"))
			}
			if id.Mask != nil || id.Prefix != nil {
				panic(errAt(id.Pos, "syntax error"))
			}
			return c.etherHost(parseMAC(*id.EID), dir, id.Pos)
		case id.HID6 != nil:
			ip := net.ParseIP(*id.HID6)
			bits := 128
			if id.Prefix != nil {
				bits = int(c.num(*id.Prefix, id.Pos))
				if bits > 128 {
					panic(errAt(id.Pos, "mask length must be <= 128"))
				}
			}
			if id.Mask != nil {
				panic(errAt(id.Pos, "syntax error"))
			}
			if bits != 128 && kind != "net" {
				panic(errAt(id.Pos, "Mask syntax for networks only"))
			}
			mask := net.IP(net.CIDRMask(bits, 128))
			for i := range 16 {
				if ip[i]&^mask[i] != 0 {
					panic(errAt(id.Pos, "non-network bits set in \"%s/%d\"", *id.HID6, bits))
				}
			}
			return c.hostV6(ip, mask, dir, q.Proto, kindName, q.Pos)
		case id.HID != nil || id.Num != nil:
			var v uint32
			mask := all32
			if id.HID != nil {
				var vlen int
				v, vlen = c.atoin(*id.HID, id.Pos)
				v <<= 32 - vlen
				mask <<= 32 - vlen
			} else {
				v = c.num(*id.Num, id.Pos)
				if kind == "net" && id.Mask == nil && id.Prefix == nil {
					for v != 0 && v&0xff000000 == 0 {
						v <<= 8
						mask <<= 8
					}
				}
			}
			switch {
			case id.Prefix != nil:
				if kind != "net" {
					panic(errAt(id.Pos, "Mask syntax for networks only"))
				}
				bits := c.num(*id.Prefix, id.Pos)
				if bits > 32 {
					panic(errAt(id.Pos, "mask length must be <= 32"))
				}
				mask = 0
				if bits > 0 {
					mask = all32 << (32 - bits)
				}
				if v&^mask != 0 {
					panic(errAt(id.Pos, "non-network bits set in \"%s/%s\"", idText(id), *id.Prefix))
				}
			case id.Mask != nil:
				if kind != "net" {
					panic(errAt(id.Pos, "Mask syntax for networks only"))
				}
				m := id.Mask
				switch {
				case m.HID != nil:
					var mlen int
					mask, mlen = c.atoin(*m.HID, m.Pos)
					mask <<= 32 - mlen
				case m.Num != nil:
					mask = c.num(*m.Num, m.Pos)
				default:
					panic(&Error{Pos: m.Pos.Offset, Msg: "syntax error", parse: true})
				}
				if v&^mask != 0 {
					panic(errAt(id.Pos, "non-network bits set in \"%s mask %s\"", idText(id), idText(m)))
				}
			}
			return c.hostV4(v, mask, dir, q.Proto, kindName, q.Pos)
		case id.Name != nil:
			name := *id.Name
			if id.Mask != nil || id.Prefix != nil {
				panic(errAt(id.Pos, "Mask syntax for networks only"))
			}
			if kind == "net" {
				panic(errAt(id.Pos, "unknown network '%s'", name))
			}
			if q.Proto == "ether" || q.Proto == "link" {
				panic(errAt(id.Pos, "unknown ether host '%s'", name))
			}
			var cs []cond
			for _, ip := range lookupHost(name) {
				if v4 := ip.To4(); v4 != nil && len(ip) == 4 {
					if q.Proto == "ip6" {
						continue
					}
					cs = append(cs, c.hostV4(be32(v4), all32, dir, q.Proto, kindName, q.Pos))
				} else {
					if q.Proto == "ip" || q.Proto == "arp" || q.Proto == "rarp" {
						continue
					}
					cs = append(cs, c.hostV6(ip.To16(), net.IP(net.CIDRMask(128, 128)), dir, q.Proto, kindName, q.Pos))
				}
			}
			if len(cs) == 0 {
				panic(errAt(id.Pos, "unknown host '%s'", name))
			}
			return c.or(cs...)
		}
	case "port", "portrange":
		var protos []uint32
		switch q.Proto {
		case "":
			protos = []uint32{132, 6, 17}
		case "tcp", "udp", "sctp":
			protos = []uint32{transportProtos[q.Proto]}
		default:
			panic(errAt(q.Pos, "illegal qualifier of '%s'", kind))
		}
		if id.Mask != nil || id.Prefix != nil || id.HID != nil || id.HID6 != nil || id.EID != nil {
			panic(errAt(id.Pos, "illegal port number"))
		}
		var lo, hi uint32
		if id.Num != nil {
			lo = c.num(*id.Num, id.Pos)
			hi = lo
		} else if kind == "port" {
			p, ps := c.servicePort(*id.Name, q.Proto, id.Pos)
			lo, hi = p, p
			if ps != nil {
				protos = ps
			}
		} else {
			a, b, ok := strings.Cut(*id.Name, "-")
			if !ok {
				p, _ := c.servicePort(*id.Name, q.Proto, id.Pos)
				lo, hi = p, p
			} else {
				lo = c.portValue(a, q.Proto, id.Pos)
				hi = c.portValue(b, q.Proto, id.Pos)
			}
		}
		for _, v := range []uint32{lo, hi} {
			if v > 65535 {
				panic(errAt(id.Pos, "illegal port number %d > 65535", v))
			}
		}
		if lo > hi {
			lo, hi = hi, lo
		}
		return c.ports(protos, dir, lo, hi)
	case "proto", "protochain":
		var v uint32
		switch {
		case id.Num != nil:
			v = c.num(*id.Num, id.Pos)
		case id.Name != nil:
			var ok bool
			if q.Proto == "ether" || q.Proto == "link" {
				v, ok = etherProtos[*id.Name]
				if !ok {
					panic(errAt(id.Pos, "unknown ether proto '%s'", *id.Name))
				}
			} else {
				v, ok = lookupProto(*id.Name)
				if !ok {
					panic(errAt(id.Pos, "unknown ip proto '%s'", *id.Name))
				}
			}
		default:
			panic(&Error{Pos: id.Pos.Offset, Msg: "syntax error", parse: true})
		}
		if kind == "protochain" {
			switch q.Proto {
			case "":
				return c.or(c.protochain(v, false, q.Pos), c.protochain(v, true, q.Pos))
			case "ip":
				return c.protochain(v, false, q.Pos)
			case "ip6":
				return c.protochain(v, true, q.Pos)
			}
			panic(errAt(q.Pos, "bad protocol applied for 'protochain'"))
		}
		switch q.Proto {
		case "":
			return c.or(c.ipProto(v), c.ip6Proto(v))
		case "ip":
			return c.ipProto(v)
		case "ip6":
			return c.ip6Proto(v)
		case "ether", "link":
			return c.linkType(v)
		}
		panic(errAt(q.Pos, "'%s proto' is not supported", q.Proto))
	}
	if kind == "gateway" && id.Name == nil {
		panic(errAt(q.Pos, "'gateway' requires a name"))
	}
	panic(errAt(q.Pos, "'%s' is not supported by this compiler", kind))
}

func idText(id *idNode) string {
	for _, p := range []*string{id.Num, id.HID, id.HID6, id.EID, id.Name} {
		if p != nil {
			return *p
		}
	}
	return ""
}

// servicePort resolves "port NAME": the port, and the transports to test when the name is
// known for only one of them (libpcap's pcap_nametoport).
func (c *comp) servicePort(name, proto string, pos lexer.Position) (uint32, []uint32) {
	if proto != "" {
		p, ok := lookupPort(name, proto)
		if !ok {
			panic(errAt(pos, "unknown %s port '%s'", proto, name))
		}
		return uint32(p), nil
	}
	tp, tok := lookupPort(name, "tcp")
	up, uok := lookupPort(name, "udp")
	switch {
	case tok && uok && tp != up:
		return uint32(tp), []uint32{6}
	case tok && uok:
		return uint32(tp), nil
	case tok:
		return uint32(tp), []uint32{6}
	case uok:
		return uint32(up), []uint32{17}
	}
	p, ok := lookupPort(name, "")
	if !ok {
		panic(errAt(pos, "unknown port '%s'", name))
	}
	return uint32(p), nil
}

func (c *comp) portValue(s, proto string, pos lexer.Position) uint32 {
	if isNum(s) {
		return c.num(s, pos)
	}
	p, _ := c.servicePort(s, proto, pos)
	return p
}

func parseMAC(s string) net.HardwareAddr {
	if strings.Contains(s, ".") {
		s = strings.ReplaceAll(s, ".", "")
		var b net.HardwareAddr
		for i := 0; i < 12; i += 2 {
			v, _ := strconv.ParseUint(s[i:i+2], 16, 8)
			b = append(b, byte(v))
		}
		return b
	}
	var b net.HardwareAddr
	for _, p := range strings.Split(s, ":") {
		v, _ := strconv.ParseUint(p, 16, 8)
		b = append(b, byte(v))
	}
	return b
}

func (c *comp) cast(n *castNode) cond {
	o := c.ll.offNet
	switch n.Proto {
	case "", "ether", "link":
		if !c.ll.ether {
			if n.Kind == "broadcast" {
				panic(errAt(n.Pos, "not a broadcast link"))
			}
			panic(errAt(n.Pos, "link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel"))
		}
		if n.Kind == "broadcast" {
			return c.and(c.eq(szW, 2, all32), c.eq(szH, 0, 0xffff))
		}
		return c.jset(szB, 0, 1)
	case "ip":
		if n.Kind == "broadcast" {
			hm := ^c.netmask
			return c.and(c.linkType(etIP), c.or(c.cmp(szW, o+16, hm, 0, jmpJEQ), c.cmp(szW, o+16, hm, hm, jmpJEQ)))
		}
		return c.and(c.linkType(etIP), c.cmp(szB, o+16, all32, 224, jmpJGE))
	}
	if n.Kind == "broadcast" {
		panic(errAt(n.Pos, "only link-layer/IP broadcast filters supported"))
	}
	return c.and(c.linkType(etIP6), c.eq(szB, o+24, 0xff))
}

// BSD address families of IPv4 and of IPv6 (NetBSD/OpenBSD, FreeBSD, Darwin), in the order libpcap
// tests them.
const afInet = 2

var afInet6 = []uint32{30, 24, 28}

// loopbackFamily tests the address family of a NULL or LOOP header for an Ethernet type. NULL
// headers are in the capturing host's byte order, which libpcap takes to be little-endian as on the
// machines that make them; LOOP headers are big-endian.
func (c *comp) loopbackFamily(proto uint32) cond {
	af := func(v uint32) uint32 {
		if c.ll.typ == LinkNull {
			return v<<24 | v>>24&0xff | v<<8&0xff0000 | v>>8&0xff00
		}
		return v
	}
	switch proto {
	case etIP:
		return c.eq(szW, 0, af(afInet))
	case etIP6:
		out := c.eq(szW, 0, af(afInet6[0]))
		for _, v := range afInet6[1:] {
			out = c.or(out, c.eq(szW, 0, af(v)))
		}
		return out
	}
	return condFalse
}

// mpls is "mpls [label]": an MPLS unicast ethertype (or, inside a stack, a label below one whose
// bottom-of-stack bit is clear), with the label if given; what follows in the expression is
// looked for 4 bytes further.
func (c *comp) mpls(n *vlanNode) cond {
	var out cond
	if c.ll.mplsDepth > 0 {
		out = not(c.jset(szB, c.ll.offNet-2, 0x01))
	} else {
		if !c.ll.ether { // libpcap knows MPLS over Ethernet-like links only
			panic(errAt(n.Pos, "no MPLS support for %s", c.ll.name))
		}
		out = c.eq(szH, c.ll.offLinkType, 0x8847)
	}
	if n.ID != nil {
		label := c.num(*n.ID, n.Pos)
		if label > 0xfffff {
			panic(errAt(n.Pos, "MPLS label %d greater than maximum %d", label, 0xfffff))
		}
		out = c.and(out, c.cmp(szW, c.ll.offNet, 0xfffff000, label<<12, jmpJEQ))
	}
	c.ll.offNet += 4
	c.ll.mplsDepth++
	return out
}

func (c *comp) vlan(n *vlanNode) cond {
	if n.Kind == "mpls" {
		return c.mpls(n)
	}
	if !c.ll.ether {
		panic(errAt(n.Pos, "no VLAN support for %s", c.ll.name))
	}
	lt := c.ll.offLinkType
	out := c.or(c.eq(szH, lt, 0x8100), c.eq(szH, lt, 0x88a8), c.eq(szH, lt, 0x9100))
	if n.ID != nil {
		id := c.num(*n.ID, n.Pos)
		if id > 4095 {
			panic(errAt(n.Pos, "VLAN tag %d greater than maximum 4095", id))
		}
		out = c.and(out, c.cmp(szH, lt+2, 0xfff, id, jmpJEQ))
	}
	c.ll.offLinkType += 4
	c.ll.offNet += 4
	return out
}

// ifindex is "ifindex N": the interface index of a Linux cooked v2 header (the only savefile header
// that records it).
func (c *comp) ifindex(num string, pos lexer.Position) cond {
	if c.ll.typ != LinkSLL2 {
		panic(errAt(pos, "ifindex not supported on %s when reading savefiles", c.ll.name))
	}
	return c.eq(szW, 4, c.num(num, pos))
}

func (c *comp) direction(d string, pos lexer.Position) cond {
	var out cond
	switch c.ll.typ {
	case LinkSLL:
		out = c.eq(szH, 0, 4)
	case LinkSLL2:
		out = c.eq(szB, 10, 4)
	default:
		panic(errAt(pos, "inbound/outbound not supported on %s when reading savefiles", c.ll.name))
	}
	if d == "inbound" {
		return not(out)
	}
	return out
}

// ---- arithmetic ----

type precond struct {
	key string
	c   cond
}

// value is an arithmetic expression: a constant, or code leaving it in A after its preconditions
// (the protocol tests of its packet loads) hold.
type value struct {
	konst bool
	k     uint32
	pre   []precond
	emit  func()
	andK  *uint32 // value is inner & andK
	inner func()
}

func mergePre(a, b []precond) []precond {
	out := append([]precond(nil), a...)
	for _, p := range b {
		dup := false
		for _, q := range out {
			if q.key == p.key {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, p)
		}
	}
	return out
}

func (c *comp) constant(k uint32) value {
	return value{konst: true, k: k, emit: func() { c.emit(clsLD|mIMM, k) }}
}

func (c *comp) relation(r *relNode) cond {
	l, rv := c.arith(r.L), c.arith(r.R)
	op := r.Op
	if l.konst && rv.konst {
		var t bool
		switch op {
		case "=", "==":
			t = l.k == rv.k
		case "!=":
			t = l.k != rv.k
		case ">":
			t = l.k > rv.k
		case ">=":
			t = l.k >= rv.k
		case "<":
			t = l.k < rv.k
		case "<=":
			t = l.k <= rv.k
		}
		if t {
			return condTrue
		}
		return condFalse
	}
	if l.konst {
		l, rv = rv, l
		op = map[string]string{">": "<", "<": ">", ">=": "<=", "<=": ">=", "=": "=", "==": "=", "!=": "!="}[op]
	}
	pre := mergePre(l.pre, rv.pre)
	test := cond{gen: func(t, f label) {
		if rv.konst && rv.k == 0 && l.andK != nil && (op == "=" || op == "==" || op == "!=") {
			l.inner()
			if op == "!=" {
				c.jump(clsJMP|jmpJSET|srcK, *l.andK, t, f)
			} else {
				c.jump(clsJMP|jmpJSET|srcK, *l.andK, f, t)
			}
			return
		}
		src := uint16(srcK)
		var k uint32
		if rv.konst {
			l.emit()
			k = rv.k
		} else {
			rv.emit()
			m := c.allocMem(r.Pos)
			c.emit(clsST, m)
			l.emit()
			c.emit(clsLDX|mMEM, m)
			c.freeMem()
			src = srcX
		}
		switch op {
		case "=", "==":
			c.jump(clsJMP|jmpJEQ|src, k, t, f)
		case "!=":
			c.jump(clsJMP|jmpJEQ|src, k, f, t)
		case ">":
			c.jump(clsJMP|jmpJGT|src, k, t, f)
		case ">=":
			c.jump(clsJMP|jmpJGE|src, k, t, f)
		case "<":
			c.jump(clsJMP|jmpJGE|src, k, f, t)
		case "<=":
			c.jump(clsJMP|jmpJGT|src, k, f, t)
		}
	}}
	cs := make([]cond, 0, len(pre)+1)
	for _, p := range pre {
		cs = append(cs, p.c)
	}
	return c.and(append(cs, test)...)
}

var aluOps = map[string]uint16{"+": aluADD, "-": aluSUB, "*": aluMUL, "/": aluDIV, "%": aluMOD,
	"&": aluAND, "|": aluOR, "^": aluXOR, "<<": aluLSH, ">>": aluRSH}

func (c *comp) binop(op string, l, r value, pos lexer.Position) value {
	if r.konst && r.k > 31 && (op == "<<" || op == ">>") {
		// as libpcap's gen_arth: the kernel's checker refuses such a program, and a constant
		// expression would shift by the amount modulo 32 on some machines
		panic(errAt(pos, "shift by more than 31 bits"))
	}
	if r.konst && r.k == 0 && (op == "/" || op == "%") {
		if op == "/" {
			panic(errAt(pos, "division by zero"))
		}
		panic(errAt(pos, "modulus by zero"))
	}
	if l.konst && r.konst {
		a, b := l.k, r.k
		var v uint32
		switch op {
		case "+":
			v = a + b
		case "-":
			v = a - b
		case "*":
			v = a * b
		case "/":
			v = a / b
		case "%":
			v = a % b
		case "&":
			v = a & b
		case "|":
			v = a | b
		case "^":
			v = a ^ b
		case "<<":
			v = a << b
		case ">>":
			v = a >> b
		}
		return c.constant(v)
	}
	alu := aluOps[op]
	// libpcap's gen_arth keeps only the left operand's protocol tests (the right one's are
	// dropped); tcpdump's answers depend on it, so do the same.
	v := value{pre: l.pre}
	if r.konst {
		k := r.k
		v.emit = func() { l.emit(); c.emit(clsALU|alu|srcK, k) }
		if op == "&" {
			v.andK, v.inner = &k, l.emit
		}
		return v
	}
	v.emit = func() {
		r.emit()
		m := c.allocMem(pos)
		c.emit(clsST, m)
		l.emit()
		c.emit(clsLDX|mMEM, m)
		c.freeMem()
		c.emit(clsALU|alu|srcX, 0)
	}
	return v
}

func (c *comp) arith(a *arith) value {
	v := c.arAnd(a.Head)
	for _, t := range a.Tail {
		v = c.binop(t.Op, v, c.arAnd(t.R), a.Pos)
	}
	return v
}

func (c *comp) arAnd(a *arAnd) value {
	v := c.arShift(a.Head)
	for _, t := range a.Tail {
		v = c.binop(t.Op, v, c.arShift(t.R), a.Pos)
	}
	return v
}

func (c *comp) arShift(a *arShift) value {
	v := c.arAdd(a.Head)
	for _, t := range a.Tail {
		v = c.binop(t.Op, v, c.arAdd(t.R), a.Pos)
	}
	return v
}

func (c *comp) arAdd(a *arAdd) value {
	v := c.arMul(a.Head)
	for _, t := range a.Tail {
		v = c.binop(t.Op, v, c.arMul(t.R), a.Pos)
	}
	return v
}

func (c *comp) arMul(a *arMul) value {
	v := c.arUnary(a.Head)
	for _, t := range a.Tail {
		v = c.binop(t.Op, v, c.arUnary(t.R), t.Pos)
	}
	return v
}

func (c *comp) arUnary(a *arUnary) value {
	if a.Neg != nil {
		v := c.arUnary(a.Neg)
		if v.konst {
			return c.constant(-v.k)
		}
		return value{pre: v.pre, emit: func() { v.emit(); c.emit(clsALU|aluNEG, 0) }}
	}
	p := a.Prim
	switch {
	case p.Paren != nil:
		return c.arith(p.Paren)
	case p.Len:
		return value{emit: func() { c.emit(clsLD|szW|mLEN, 0) }}
	case p.Num != nil:
		return c.constant(c.num(*p.Num, p.Pos))
	}
	return c.load(p.Load)
}

// load is proto[index:size].
func (c *comp) load(l *loadNode) value {
	size := uint32(1)
	if l.Size != nil {
		size = c.num(*l.Size, l.Pos)
	}
	var sz uint16
	switch size {
	case 1:
		sz = szB
	case 2:
		sz = szH
	case 4:
		sz = szW
	default:
		panic(errAt(l.Pos, "data size must be 1, 2, or 4"))
	}
	idx := c.arith(l.Index)
	n := c.ll.offNet
	var pre cond
	base := n
	transport := false
	switch l.Proto {
	case "ether", "link":
		base, pre = 0, condTrue
	case "ip":
		pre = c.linkType(etIP)
	case "arp":
		pre = c.linkType(etARP)
	case "rarp":
		pre = c.linkType(etRARP)
	case "ip6":
		pre = c.linkType(etIP6)
	case "icmp6":
		pre = c.and(c.linkType(etIP6), c.eq(szB, n+6, 58))
		base = n + 40
	default:
		p, ok := transportProtos[l.Proto]
		if !ok {
			panic(errAt(l.Pos, "'%s' is not supported by this compiler", l.Proto))
		}
		pre = c.and(c.ipProto(p), c.notFrag())
		transport = true
	}
	v := value{pre: mergePre(idx.pre, []precond{{key: fmt.Sprintf("%s@%d", l.Proto, n), c: pre}})}
	switch {
	case idx.konst && transport:
		k := idx.k
		v.emit = func() {
			c.emit(clsLDX|szB|mMSH, uint32(n))
			c.emit(clsLD|sz|mIND, uint32(n)+k)
		}
	case idx.konst:
		k := idx.k
		v.emit = func() { c.emit(clsLD|sz|mABS, uint32(base)+k) }
	case transport:
		v.emit = func() {
			idx.emit()
			m := c.allocMem(l.Pos)
			c.emit(clsST, m)
			c.emit(clsLDX|szB|mMSH, uint32(n))
			c.emit(clsLD|mMEM, m)
			c.freeMem()
			c.emit(clsALU|aluADD|srcX, 0)
			c.emit(clsMISC|miscTAX, 0)
			c.emit(clsLD|sz|mIND, uint32(n))
		}
	default:
		v.emit = func() {
			idx.emit()
			c.emit(clsMISC|miscTAX, 0)
			c.emit(clsLD|sz|mIND, uint32(base))
		}
	}
	return v
}
