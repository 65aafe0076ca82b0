package bpf

import (
	"fmt"
	"strings"

	xbpf "golang.org/x/net/bpf"
)

// Classic BPF opcode parts (linux/filter.h, libpcap's bpf.h).
const (
	clsLD   = 0x00
	clsLDX  = 0x01
	clsST   = 0x02
	clsSTX  = 0x03
	clsALU  = 0x04
	clsJMP  = 0x05
	clsRET  = 0x06
	clsMISC = 0x07

	szW = 0x00
	szH = 0x08
	szB = 0x10

	mIMM = 0x00
	mABS = 0x20
	mIND = 0x40
	mMEM = 0x60
	mLEN = 0x80
	mMSH = 0xa0

	aluADD = 0x00
	aluSUB = 0x10
	aluMUL = 0x20
	aluDIV = 0x30
	aluOR  = 0x40
	aluAND = 0x50
	aluLSH = 0x60
	aluRSH = 0x70
	aluNEG = 0x80
	aluMOD = 0x90
	aluXOR = 0xa0

	jmpJA   = 0x00
	jmpJEQ  = 0x10
	jmpJGT  = 0x20
	jmpJGE  = 0x30
	jmpJSET = 0x40

	srcK = 0x00
	srcX = 0x08

	retK = 0x00
	retA = 0x10

	miscTAX = 0x00
	miscTXA = 0x80
)

// Program is a compiled capture filter: classic BPF for one link type.
type Program struct {
	Insns   []xbpf.RawInstruction // the program, ready for SO_ATTACH_FILTER
	Link    uint16                // LINKTYPE_* it was compiled for
	Snaplen uint32                // the value returned for an accepted packet
	Text    string                // the expression
}

// Instructions returns the program as x/net/bpf instructions (for its VM or assembler).
func (p *Program) Instructions() []xbpf.Instruction {
	out := make([]xbpf.Instruction, len(p.Insns))
	for i, r := range p.Insns {
		out[i] = r.Disassemble()
	}
	return out
}

// Match runs the program on a packet whose original length is wireLen and reports whether it
// is accepted. Loads past the captured bytes reject the packet, as in the kernel and libpcap.
func (p *Program) Match(data []byte, wireLen uint32) bool {
	return run(p.Insns, data, wireLen) != 0
}

// Loops reports whether the program jumps backwards ("protochain" walks a header chain in a loop).
// The Linux kernel refuses such a program, so a live capture runs it in user space.
func (p *Program) Loops() bool {
	for _, in := range p.Insns {
		if in.Op == clsJMP|jmpJA && int32(in.K) < 0 {
			return true
		}
	}
	return false
}

// maxSteps bounds a run: a loop ("protochain") over a crafted header chain could otherwise cycle
// forever; such a packet is rejected.
const maxSteps = 1 << 16

// run is a classic BPF interpreter with libpcap's semantics (BPF_LEN is the wire length).
func run(prog []xbpf.RawInstruction, pkt []byte, wireLen uint32) uint32 {
	var a, x uint32
	var mem [16]uint32
	n := uint32(len(pkt))
	steps := 0
	load := func(off uint32, size uint16) (uint32, bool) {
		switch size {
		case szW:
			if off > n || n-off < 4 {
				return 0, false
			}
			return uint32(pkt[off])<<24 | uint32(pkt[off+1])<<16 | uint32(pkt[off+2])<<8 | uint32(pkt[off+3]), true
		case szH:
			if off > n || n-off < 2 {
				return 0, false
			}
			return uint32(pkt[off])<<8 | uint32(pkt[off+1]), true
		default:
			if off >= n {
				return 0, false
			}
			return uint32(pkt[off]), true
		}
	}
	for pc := 0; pc < len(prog); pc++ {
		in := prog[pc]
		k := in.K
		switch in.Op & 0x07 {
		case clsLD:
			switch in.Op & 0xe0 {
			case mIMM:
				a = k
			case mABS:
				v, ok := load(k, in.Op&0x18)
				if !ok {
					return 0
				}
				a = v
			case mIND:
				v, ok := load(x+k, in.Op&0x18)
				if !ok {
					return 0
				}
				a = v
			case mMEM:
				a = mem[k&15]
			case mLEN:
				a = wireLen
			default:
				return 0
			}
		case clsLDX:
			switch in.Op & 0xe0 {
			case mIMM:
				x = k
			case mMEM:
				x = mem[k&15]
			case mLEN:
				x = wireLen
			case mMSH:
				if k >= n {
					return 0
				}
				x = uint32(pkt[k]&0xf) << 2
			default:
				return 0
			}
		case clsST:
			mem[k&15] = a
		case clsSTX:
			mem[k&15] = x
		case clsALU:
			v := k
			if in.Op&srcX != 0 {
				v = x
			}
			switch in.Op & 0xf0 {
			case aluADD:
				a += v
			case aluSUB:
				a -= v
			case aluMUL:
				a *= v
			case aluDIV:
				if v == 0 {
					return 0
				}
				a /= v
			case aluMOD:
				if v == 0 {
					return 0
				}
				a %= v
			case aluOR:
				a |= v
			case aluAND:
				a &= v
			case aluXOR:
				a ^= v
			case aluLSH:
				a <<= v
			case aluRSH:
				a >>= v
			case aluNEG:
				a = -a
			default:
				return 0
			}
		case clsJMP:
			op := in.Op & 0xf0
			if op == jmpJA {
				pc += int(int32(k)) // backwards in a protochain loop
				if steps++; steps > maxSteps || pc < -1 {
					return 0
				}
				continue
			}
			v := k
			if in.Op&srcX != 0 {
				v = x
			}
			var t bool
			switch op {
			case jmpJEQ:
				t = a == v
			case jmpJGT:
				t = a > v
			case jmpJGE:
				t = a >= v
			case jmpJSET:
				t = a&v != 0
			default:
				return 0
			}
			if t {
				pc += int(in.Jt)
			} else {
				pc += int(in.Jf)
			}
		case clsRET:
			if in.Op&0x18 == retA {
				return a
			}
			return k
		case clsMISC:
			if in.Op&0xf8 == miscTXA {
				a = x
			} else {
				x = a
			}
		}
	}
	return 0
}

// String prints the program like tcpdump -d.
func (p *Program) String() string {
	var b strings.Builder
	for i, in := range p.Insns {
		b.WriteString(image(in, i))
		b.WriteByte('\n')
	}
	return b.String()
}

// Dump prints the program like tcpdump -dd (C array) when c, or -ddd (decimal) otherwise.
func (p *Program) Dump(c bool) string {
	var b strings.Builder
	if !c {
		fmt.Fprintf(&b, "%d\n", len(p.Insns))
	}
	for _, in := range p.Insns {
		if c {
			fmt.Fprintf(&b, "{ 0x%x, %d, %d, 0x%08x },\n", in.Op, in.Jt, in.Jf, in.K)
		} else {
			fmt.Fprintf(&b, "%d %d %d %d\n", in.Op, in.Jt, in.Jf, in.K)
		}
	}
	return b.String()
}

// image formats one instruction as libpcap's bpf_image does.
func image(in xbpf.RawInstruction, n int) string {
	op, operand := "unimp", fmt.Sprintf("0x%x", in.Op)
	k := in.K
	sz := map[uint16]string{szW: "", szH: "h", szB: "b"}[in.Op&0x18]
	switch in.Op & 0x07 {
	case clsLD:
		switch in.Op & 0xe0 {
		case mIMM:
			op, operand = "ld", fmt.Sprintf("#0x%x", k)
		case mABS:
			op, operand = "ld"+sz, fmt.Sprintf("[%d]", k)
		case mIND:
			op, operand = "ld"+sz, fmt.Sprintf("[x + %d]", k)
		case mMEM:
			op, operand = "ld", fmt.Sprintf("M[%d]", k)
		case mLEN:
			op, operand = "ld", "#pktlen"
		}
	case clsLDX:
		switch in.Op & 0xe0 {
		case mIMM:
			op, operand = "ldx", fmt.Sprintf("#0x%x", k)
		case mMEM:
			op, operand = "ldx", fmt.Sprintf("M[%d]", k)
		case mLEN:
			op, operand = "ldx", "#pktlen"
		case mMSH:
			op, operand = "ldxb", fmt.Sprintf("4*([%d]&0xf)", k)
		}
	case clsST:
		op, operand = "st", fmt.Sprintf("M[%d]", k)
	case clsSTX:
		op, operand = "stx", fmt.Sprintf("M[%d]", k)
	case clsALU:
		names := map[uint16]string{aluADD: "add", aluSUB: "sub", aluMUL: "mul", aluDIV: "div",
			aluMOD: "mod", aluOR: "or", aluAND: "and", aluXOR: "xor", aluLSH: "lsh", aluRSH: "rsh", aluNEG: "neg"}
		o := in.Op & 0xf0
		op = names[o]
		switch {
		case o == aluNEG:
			operand = ""
		case in.Op&srcX != 0:
			operand = "x"
		case o == aluAND || o == aluOR || o == aluXOR:
			operand = fmt.Sprintf("#0x%x", k)
		default:
			operand = fmt.Sprintf("#%d", k)
		}
	case clsJMP:
		o := in.Op & 0xf0
		if o == jmpJA {
			return fmt.Sprintf("(%03d) %-8s %d", n, "ja", n+1+int(int32(k)))
		}
		op = map[uint16]string{jmpJEQ: "jeq", jmpJGT: "jgt", jmpJGE: "jge", jmpJSET: "jset"}[o]
		operand = fmt.Sprintf("#0x%x", k)
		if in.Op&srcX != 0 {
			operand = "x"
		}
		return fmt.Sprintf("(%03d) %-8s %-16s jt %d\tjf %d", n, op, operand, n+1+int(in.Jt), n+1+int(in.Jf))
	case clsRET:
		op, operand = "ret", fmt.Sprintf("#%d", k)
		if in.Op&0x18 == retA {
			operand = ""
		}
	case clsMISC:
		op, operand = "tax", ""
		if in.Op&0xf8 == miscTXA {
			op = "txa"
		}
	}
	return fmt.Sprintf("(%03d) %-8s %s", n, op, operand)
}
