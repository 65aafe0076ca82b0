package bpf

import (
	"fmt"

	"github.com/alecthomas/participle/v2/lexer"
	xbpf "golang.org/x/net/bpf"
)

// Link types whose headers the compiler knows.
const (
	LinkNull     = 0   // LINKTYPE_NULL (BSD loopback: address family in the capturing host's byte order)
	LinkEthernet = 1   // LINKTYPE_ETHERNET
	LinkLoop     = 108 // LINKTYPE_LOOP (OpenBSD loopback: address family in network byte order)
	LinkRaw      = 101 // LINKTYPE_RAW (IPv4 or IPv6, no link header)
	LinkSLL      = 113 // LINKTYPE_LINUX_SLL
	LinkIPv4     = 228 // LINKTYPE_IPV4
	LinkIPv6     = 229 // LINKTYPE_IPV6
	LinkSLL2     = 276 // LINKTYPE_LINUX_SLL2
)

// DefaultSnaplen is the value an accepted packet returns when no snapshot length is given.
const DefaultSnaplen = 262144

// Ethernet types.
const (
	etIP   = 0x0800
	etARP  = 0x0806
	etRARP = 0x8035
	etIP6  = 0x86dd
)

// linkLayer locates the link-layer type field and the network header. vlan moves both.
type linkLayer struct {
	typ         uint16
	name        string
	offLinkType int // -1: no type field (raw IP)
	offNet      int
	ether       bool // Ethernet addresses at 0 and 6
	family      bool // a 4-byte address family instead of a type field (NULL, LOOP)
	mplsDepth   int  // MPLS labels the expression has stepped over ("mpls and ...")
}

func newLinkLayer(link uint16) (linkLayer, error) {
	switch link {
	case LinkEthernet:
		return linkLayer{typ: link, name: "Ethernet", offLinkType: 12, offNet: 14, ether: true}, nil
	case LinkSLL:
		return linkLayer{typ: link, name: "Linux cooked v1", offLinkType: 14, offNet: 16}, nil
	case LinkNull:
		return linkLayer{typ: link, name: "BSD loopback", offLinkType: -1, offNet: 4, family: true}, nil
	case LinkLoop:
		return linkLayer{typ: link, name: "OpenBSD loopback", offLinkType: -1, offNet: 4, family: true}, nil
	case LinkSLL2:
		return linkLayer{typ: link, name: "Linux cooked v2", offLinkType: 0, offNet: 20}, nil
	case LinkRaw, 12, 14:
		return linkLayer{typ: LinkRaw, name: "Raw IP", offLinkType: -1, offNet: 0}, nil
	case LinkIPv4:
		return linkLayer{typ: link, name: "IPv4", offLinkType: -1, offNet: 0}, nil
	case LinkIPv6:
		return linkLayer{typ: link, name: "IPv6", offLinkType: -1, offNet: 0}, nil
	}
	return linkLayer{}, fmt.Errorf("capture filters are not supported on link type %d", link)
}

// Compile compiles a pcap-filter(7) expression for packets of the given LINKTYPE_*; an accepted
// packet returns snaplen (0 means DefaultSnaplen). The empty expression accepts everything.
// Errors are *Error, with tcpdump's wording and the offset of the mistake.
func Compile(expr string, link uint16, snaplen uint32) (*Program, error) {
	return CompileNetmask(expr, link, snaplen, 0)
}

// CompileNetmask is Compile with the network mask "ip broadcast" needs (0 when unknown, as
// tcpdump -r has it).
func CompileNetmask(expr string, link uint16, snaplen uint32, netmask uint32) (prog *Program, err error) {
	if snaplen == 0 {
		snaplen = DefaultSnaplen
	}
	ll, err := newLinkLayer(link)
	if err != nil {
		return nil, err
	}
	ast, err := parse(expr)
	if err != nil {
		return nil, err
	}
	c := &comp{ll: ll, netmask: netmask}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			prog, err = nil, e
		}
	}()
	root := condTrue
	if ast.Expr != nil {
		root = c.expr(ast.Expr)
	}
	p := &Program{Link: link, Snaplen: snaplen, Text: expr}
	switch root.konst {
	case 1:
		p.Insns = []xbpf.RawInstruction{{Op: clsRET | retK, K: snaplen}}
		return p, nil
	case -1:
		return nil, &Error{Pos: 0, Msg: "expression rejects all packets"}
	}
	t, f := c.newLabel(), c.newLabel()
	root.gen(t, f)
	c.place(t)
	c.emit(clsRET|retK, snaplen)
	c.place(f)
	c.emit(clsRET|retK, 0)
	p.Insns = c.assemble()
	return p, nil
}

// MustCompile is Compile for expressions known to be valid; it panics on error.
func MustCompile(expr string, link uint16, snaplen uint32) *Program {
	p, err := Compile(expr, link, snaplen)
	if err != nil {
		panic(err)
	}
	return p
}

// Check reports whether expr is valid pcap-filter syntax for Ethernet (the UI's live check).
func Check(expr string) error {
	_, err := Compile(expr, LinkEthernet, 0)
	return err
}

type label int32

// cinsn is an instruction whose jump targets are still labels.
type cinsn struct {
	op     uint16
	k      uint32
	jt, jf label // targets of conditional jumps; jt is the target of ja
}

type comp struct {
	ins     []cinsn
	at      []int32 // the instruction each label marks, -1 until placed
	pending []label // labels placed before the next instruction
	mem     int
	ll      linkLayer
	netmask uint32
	last    *qualNode // most recent qualifiers, for bare ids
	terms   int
}

func (c *comp) newLabel() label { c.at = append(c.at, -1); return label(len(c.at) - 1) }
func (c *comp) place(l label)   { c.pending = append(c.pending, l) }
func (c *comp) emit(op uint16, k uint32) {
	c.jump(op, k, -1, -1)
}
func (c *comp) jump(op uint16, k uint32, t, f label) {
	for _, l := range c.pending {
		c.at[l] = int32(len(c.ins))
	}
	c.pending = c.pending[:0]
	c.ins = append(c.ins, cinsn{op: op, k: k, jt: t, jf: f})
}

// assemble resolves labels, inserting "ja" trampolines where a conditional jump is too far (more than
// 255 instructions). Each round places a trampoline after every jump that needs one, in one pass; the
// trampolines lengthen other jumps, so rounds repeat until none is needed (two or three rounds: a
// round that inserted one trampoline at a time, from the start, made a long filter quadratic).
func (c *comp) assemble() []xbpf.RawInstruction {
	for {
		old := len(c.at)
		var out []cinsn
		var moved []int32 // new index of each old instruction, once a trampoline went in
		for i, in := range c.ins {
			if in.op&0x07 != clsJMP || in.op&0xf0 == jmpJA {
				if out != nil {
					moved[i] = int32(len(out))
					out = append(out, in)
				}
				continue
			}
			// the trampolines go right after the jump: its false branch's first, as they were
			// when a round fixed one jump target at a time
			farT, farF := int(c.at[in.jt])-(i+1) > 255, int(c.at[in.jf])-(i+1) > 255
			if !farT && !farF {
				if out != nil {
					moved[i] = int32(len(out))
					out = append(out, in)
				}
				continue
			}
			if out == nil {
				out = append(make([]cinsn, 0, len(c.ins)+len(c.ins)/4+8), c.ins[:i]...)
				moved = make([]int32, len(c.ins))
				for j := range i {
					moved[j] = int32(j)
				}
			}
			jt, jf := in.jt, in.jf
			if farF {
				in.jf = c.newLabel()
			}
			if farT {
				in.jt = c.newLabel()
			}
			moved[i] = int32(len(out))
			out = append(out, in)
			if farF {
				c.at[in.jf] = int32(len(out))
				out = append(out, cinsn{op: clsJMP | jmpJA, jt: jf, jf: -1})
			}
			if farT {
				c.at[in.jt] = int32(len(out))
				out = append(out, cinsn{op: clsJMP | jmpJA, jt: jt, jf: -1})
			}
		}
		if out == nil {
			break
		}
		for l := range old { // the labels made this round already hold their places in out
			if c.at[l] >= 0 {
				c.at[l] = moved[c.at[l]]
			}
		}
		c.ins = out
	}
	out := make([]xbpf.RawInstruction, len(c.ins))
	for i, in := range c.ins {
		r := xbpf.RawInstruction{Op: in.op, K: in.k}
		if in.op&0x07 == clsJMP {
			if in.op&0xf0 == jmpJA {
				r.K = uint32(int(c.at[in.jt]) - (i + 1))
			} else {
				r.Jt = uint8(int(c.at[in.jt]) - (i + 1))
				r.Jf = uint8(int(c.at[in.jf]) - (i + 1))
			}
		}
		out[i] = r
	}
	return out
}

func (c *comp) allocMem(pos lexer.Position) uint32 {
	if c.mem >= 16 {
		panic(errAt(pos, "too many registers needed to evaluate expression"))
	}
	c.mem++
	return uint32(c.mem - 1)
}

func (c *comp) freeMem() { c.mem-- }

// cond is a boolean test: code that jumps to t when true and f when false, or a constant.
type cond struct {
	konst int8 // 1 always true, -1 always false, 0 code
	gen   func(t, f label)
}

var (
	condTrue  = cond{konst: 1}
	condFalse = cond{konst: -1}
)

func (c *comp) and(cs ...cond) cond {
	out := condTrue
	for _, b := range cs {
		a := out
		switch {
		case a.konst == -1 || b.konst == -1:
			out = condFalse
		case a.konst == 1:
			out = b
		case b.konst == 1:
		default:
			out = cond{gen: func(t, f label) {
				l := c.newLabel()
				a.gen(l, f)
				c.place(l)
				b.gen(t, f)
			}}
		}
	}
	return out
}

func (c *comp) or(cs ...cond) cond {
	out := condFalse
	for _, b := range cs {
		a := out
		switch {
		case a.konst == 1 || b.konst == 1:
			out = condTrue
		case a.konst == -1:
			out = b
		case b.konst == -1:
		default:
			out = cond{gen: func(t, f label) {
				l := c.newLabel()
				a.gen(t, l)
				c.place(l)
				b.gen(t, f)
			}}
		}
	}
	return out
}

func not(a cond) cond {
	if a.konst != 0 {
		return cond{konst: -a.konst}
	}
	return cond{gen: func(t, f label) { a.gen(f, t) }}
}
