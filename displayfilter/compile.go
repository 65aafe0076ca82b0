package displayfilter

import (
	"bytes"
	"errors"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"

	"github.com/tshark-tui/tshark-tui/field"
)

// Filter is a compiled display filter. It is immutable after Compile and safe for concurrent use.
type Filter struct {
	// Text is the filter as the user typed it.
	Text string
	// Fields lists the fields (and their protocols) dissection must produce for the filter to see
	// them: Wireshark's "interesting fields".
	Fields []field.ID

	root  *test
	match tfn
	nregs int
	pool  sync.Pool
	dis   []disLine // the disassembly, made text only when asked
}

// disLine is one node of the disassembly: its depth and what it does.
type disLine struct {
	depth int
	text  string
}

// ctx is the scratch state of one evaluation: a value list per register and a byte buffer for
// computed bytes (upper(), string(), multi-range slices). Pooled, so Match does not allocate.
type ctx struct {
	regs [][]val
	buf  []byte
}

type (
	vfn func(c *ctx, t *field.Tree, out []val) []val
	tfn func(c *ctx, t *field.Tree) bool
)

// vinfo is a compiled value expression: either code producing values of type typ, or a literal whose
// type is given by the other side of the relation.
type vinfo struct {
	fn  vfn
	typ field.Type
	fld *field.Field // set for a plain field reference
	lit *expr        // set for a literal
	e   *expr
}

type compiler struct {
	reg    *field.Registry
	text   string
	nregs  int
	fields []field.ID
	seen   map[field.ID]bool
	dis    []disLine
}

// Compile parses and checks a display filter against the registry and returns it ready to match
// trees. The error, if any, is a *Error with the span of the offending text. An empty filter (only
// blanks) matches every packet.
func Compile(text string, reg *field.Registry) (*Filter, error) {
	f, err := compile(text, reg)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func compile(text string, reg *field.Registry) (_ *Filter, err *Error) {
	defer func() {
		if r := recover(); r != nil {
			err = &Error{Pos: 0, Len: len(text), Msg: "internal error compiling filter"}
		}
	}()
	root, perr := parse(text)
	if perr != nil {
		return nil, perr
	}
	f := &Filter{Text: text, root: root}
	if root == nil {
		f.match = func(*ctx, *field.Tree) bool { return true }
		f.pool.New = func() any { return &ctx{} }
		return f, nil
	}
	c := &compiler{reg: reg, text: text, seen: map[field.ID]bool{}}
	m, cerr := c.test(root, 0)
	if cerr != nil {
		return nil, cerr
	}
	f.match, f.nregs, f.Fields, f.dis = m, c.nregs, c.fields, c.dis
	n := c.nregs
	f.pool.New = func() any { return &ctx{regs: make([][]val, n)} }
	return f, nil
}

// Check reports whether text is a valid filter: nil or a *Error. For live syntax checking.
func Check(text string, reg *field.Registry) error {
	if _, err := compile(text, reg); err != nil {
		return err
	}
	return nil
}

// Match reports whether the packet's tree passes the filter. It allocates nothing in the steady
// state and may be called from several goroutines at once with different trees.
func (f *Filter) Match(t *field.Tree) bool {
	c := f.pool.Get().(*ctx)
	c.buf = c.buf[:0]
	ok := f.match(c, t)
	f.pool.Put(c)
	return ok
}

// String returns the canonical text of the filter: parsing it gives the same filter again.
func (f *Filter) String() string {
	if f.root == nil {
		return ""
	}
	var b strings.Builder
	formatTest(&b, f.root)
	return b.String()
}

// Disassemble returns the checked tree with resolved fields and types, one node a line, for
// debugging (like Wireshark's dftest). The text is built here, not when the filter is compiled.
func (f *Filter) Disassemble() string {
	var b strings.Builder
	for _, l := range f.dis {
		for range l.depth {
			b.WriteString("  ")
		}
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.String()
}

func (c *compiler) src(e *expr) string {
	if e.pos >= 0 && e.end <= len(c.text) && e.pos <= e.end {
		return c.text[e.pos:e.end]
	}
	return e.text
}

func (c *compiler) use(id field.ID) {
	if !c.seen[id] {
		c.seen[id] = true
		c.fields = append(c.fields, id)
	}
	if p := c.reg.ProtocolOf(id); p != nil && p.ID != id && !c.seen[p.ID] {
		c.seen[p.ID] = true
		c.fields = append(c.fields, p.ID)
	}
}

func (c *compiler) newReg() int { c.nregs++; return c.nregs - 1 }

func (c *compiler) line(depth int, s string) { c.dis = append(c.dis, disLine{depth, s}) }

func (c *compiler) test(t *test, depth int) (tfn, *Error) {
	switch t.kind {
	case tOr, tAnd:
		name := "OR"
		if t.kind == tAnd {
			name = "AND"
		}
		c.line(depth, name)
		// "a and b and c" is one node of three operands, not a chain of two-operand nodes: a long
		// chain costs no depth, to compile or to evaluate.
		var fns []tfn
		for _, op := range chain(t) {
			fn, err := c.test(op, depth+1)
			if err != nil {
				return nil, err
			}
			fns = append(fns, fn)
		}
		if len(fns) == 2 {
			l, r := fns[0], fns[1]
			if t.kind == tOr {
				return func(cx *ctx, tr *field.Tree) bool { return l(cx, tr) || r(cx, tr) }, nil
			}
			return func(cx *ctx, tr *field.Tree) bool { return l(cx, tr) && r(cx, tr) }, nil
		}
		or := t.kind == tOr
		return func(cx *ctx, tr *field.Tree) bool {
			for _, fn := range fns {
				if fn(cx, tr) == or {
					return or
				}
			}
			return !or
		}, nil
	case tNot:
		c.line(depth, "NOT")
		l, err := c.test(t.l, depth+1)
		if err != nil {
			return nil, err
		}
		return func(cx *ctx, tr *field.Tree) bool { return !l(cx, tr) }, nil
	case tExists:
		return c.exists(t, depth)
	case tIn:
		return c.in(t, depth)
	}
	return c.cmp(t, depth)
}

// chain returns the operands of t's "and" (or "or") in order: t and the nodes of the same kind below
// it are one operation.
func chain(t *test) []*test {
	var out []*test
	stack := []*test{t}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.kind != t.kind {
			out = append(out, n)
			continue
		}
		stack = append(stack, n.r, n.l)
	}
	return out
}

func (c *compiler) exists(t *test, depth int) (tfn, *Error) {
	e := t.a
	switch e.kind {
	case eFunc:
		return nil, errAt(e.pos, e.pos+len(e.text), "You cannot test whether a function is present.")
	case eWord, eSlice:
	case eArith, eNeg:
		return c.nonZero(t, depth)
	default:
		return nil, errAt(e.pos, e.end, c.src(e)+" is neither a field nor a protocol name.")
	}
	if e.kind == eWord {
		if _, ok := c.lookup(e.text); !ok {
			if e.dot {
				return nil, errAt(e.pos, e.end, `"`+e.text+`" is not a valid protocol or protocol field.`)
			}
			return nil, errAt(e.pos, e.end, c.src(e)+" is neither a field nor a protocol name.")
		}
	}
	v, err := c.value(e)
	if err != nil {
		return nil, err
	}
	c.line(depth, "EXISTS "+c.src(e))
	r := c.newReg()
	fn := v.fn
	return func(cx *ctx, tr *field.Tree) bool {
		out := fn(cx, tr, cx.regs[r][:0])
		cx.regs[r] = out
		return len(out) > 0
	}, nil
}

// operand compiles the left side of a relation, which must not be a literal.
func (c *compiler) left(t *test) (vinfo, *Error) {
	a, err := c.value(t.a)
	if err != nil {
		return a, err
	}
	if a.lit != nil {
		opText := `"` + t.opText + `"`
		if t.kind == tCmp && (t.op == opContains || t.op == opMatches) {
			opText = t.opText
			if opText == "~" {
				opText = "matches"
			}
		} else if t.kind == tIn || t.kind == tNot {
			opText = "in"
		}
		return a, errAt(t.a.pos, t.a.end, "Left side of "+opText+" expression must be a field or function, not "+c.src(t.a)+".")
	}
	return a, nil
}

func (c *compiler) describe(v vinfo) string {
	if v.fld != nil {
		return v.fld.Abbrev
	}
	return c.src(v.e)
}

// right compiles the other side of a relation against the type of the left side.
func (c *compiler) right(a vinfo, e *expr) (vinfo, *Error) {
	b, err := c.value(e)
	if err != nil {
		return b, err
	}
	if b.lit != nil {
		vals, err := c.convert(b.lit, a.typ, a.fld)
		if err != nil {
			return b, err
		}
		b.fn = constFn(vals)
		b.typ = a.typ
		return b, nil
	}
	if !compatible(a.typ, b.typ) {
		return b, errAt(e.pos, e.end, c.describe(a)+" and "+c.describe(b)+" are not of compatible types.")
	}
	return b, nil
}

func compatible(a, b field.Type) bool {
	ca, cb := classOf(a), classOf(b)
	if ca == cb {
		if ca == cBytes {
			return (a == field.Protocol) == (b == field.Protocol) || a == field.Bytes || b == field.Bytes
		}
		return true
	}
	num := func(c class) bool { return c == cUint || c == cInt || c == cBool }
	return num(ca) && num(cb)
}

func constFn(vals []val) vfn {
	return func(_ *ctx, _ *field.Tree, out []val) []val { return append(out, vals...) }
}

func (c *compiler) cmp(t *test, depth int) (tfn, *Error) {
	a, err := c.left(t)
	if err != nil {
		return nil, err
	}
	cl := classOf(a.typ)
	name := c.describe(a)
	opName := t.opText
	if t.op == opMatches && t.b.kind != eString {
		return nil, errAt(t.b.pos, t.b.end, "Matches requires a double quoted string on the right side.")
	}
	switch {
	case cl == cNone:
		return nil, errAt(t.a.pos, t.a.end, name+" (type=Label) cannot participate in "+opName+" comparison.")
	case t.op == opContains && (cl != cBytes):
		return nil, errAt(t.a.pos, t.a.end, name+" (type="+prettyName(a.typ)+") cannot participate in contains comparison.")
	case t.op == opMatches && cl != cBytes:
		return nil, errAt(t.a.pos, t.a.end, name+" (type="+prettyName(a.typ)+") cannot participate in matches comparison.")
	}
	ra, rb := c.newReg(), c.newReg()
	af := a.fn
	if t.op == opMatches {
		if t.b.kind != eString {
			return nil, errAt(t.b.pos, t.b.end, "Matches requires a double quoted string on the right side.")
		}
		s, off, n, msg := decodeString(t.b.text)
		if msg != "" {
			return nil, &Error{Pos: t.b.pos + off, Len: n, Msg: msg}
		}
		re, rerr := regexp.Compile("(?i)" + string(s))
		if rerr != nil {
			return nil, errAt(t.b.pos, t.b.end, "Regex compilation error: "+regexMsg(rerr)+".")
		}
		c.line(depth, "MATCHES "+name+" <"+a.typ.String()+"> "+t.b.text)
		all := t.q == qAll
		return func(cx *ctx, tr *field.Tree) bool {
			as := af(cx, tr, cx.regs[ra][:0])
			cx.regs[ra] = as
			if len(as) == 0 {
				return false
			}
			for i := range as {
				if re.Match(as[i].b) != all {
					return !all
				}
			}
			return all
		}, nil
	}
	ra2 := a
	if t.op == opContains && !a.typ.IsString() {
		// "eth.src contains 11:22": the right side is any byte string, not a whole address.
		ra2 = vinfo{typ: field.Bytes, fld: nil, e: a.e, fn: a.fn}
	}
	b, err := c.right(ra2, t.b)
	if err != nil {
		return nil, err
	}
	bf := b.fn
	c.line(depth, strings.ToUpper(opWord(t))+" "+name+" <"+a.typ.String()+"> "+c.src(t.b))
	if t.op == opContains {
		all := t.q == qAll
		return func(cx *ctx, tr *field.Tree) bool {
			as := af(cx, tr, cx.regs[ra][:0])
			cx.regs[ra] = as
			bs := bf(cx, tr, cx.regs[rb][:0])
			cx.regs[rb] = bs
			return quantify(as, bs, all, func(x, y *val) bool { return bytes.Contains(x.b, y.b) })
		}, nil
	}
	cmpf := comparer(a.typ, b.typ)
	var pred func(int) bool
	all := false
	switch t.op {
	case opEq:
		pred = func(r int) bool { return r == 0 }
	case opNe:
		pred, all = func(r int) bool { return r != 0 }, true
	case opAllEq:
		pred, all = func(r int) bool { return r == 0 }, true
	case opAnyNe:
		pred = func(r int) bool { return r != 0 }
	case opGt:
		pred = func(r int) bool { return r > 0 }
	case opGe:
		pred = func(r int) bool { return r >= 0 }
	case opLt:
		pred = func(r int) bool { return r < 0 }
	case opLe:
		pred = func(r int) bool { return r <= 0 }
	}
	switch t.q {
	case qAny:
		all = false
	case qAll:
		all = true
	}
	if a.fld != nil && len(t.a.layer) == 0 && t.a.kind == eWord && b.lit != nil && !all {
		// Fast path for "field OP constant" with any-semantics: compare nodes in place and stop at
		// the first hit, without gathering values.
		vals, _ := c.convert(b.lit, a.typ, a.fld)
		if len(vals) == 1 {
			k, id, typ, cl := &vals[0], a.fld.ID, a.typ, classOf(a.typ)
			return func(cx *ctx, tr *field.Tree) bool {
				// The value goes through a register so that it does not escape to the heap.
				vs := cx.regs[ra][:0]
				vs = append(vs, val{})
				cx.regs[ra] = vs
				v := &vs[0]
				for i := 1; i < len(tr.Nodes); i++ {
					n := &tr.Nodes[i]
					if n.Field != id {
						continue
					}
					*v = extract(cl, typ, tr, n)
					if pred(cmpf(v, k)) {
						return true
					}
				}
				return false
			}, nil
		}
	}
	return func(cx *ctx, tr *field.Tree) bool {
		as := af(cx, tr, cx.regs[ra][:0])
		cx.regs[ra] = as
		if len(as) == 0 {
			return false
		}
		bs := bf(cx, tr, cx.regs[rb][:0])
		cx.regs[rb] = bs
		if len(bs) == 0 {
			return false
		}
		for i := range as {
			for j := range bs {
				if pred(cmpf(&as[i], &bs[j])) != all {
					return !all
				}
			}
		}
		return all
	}, nil
}

func opWord(t *test) string {
	words := [...]string{"any_eq", "all_ne", "all_eq", "any_ne", "gt", "ge", "lt", "le", "contains", "matches"}
	s := words[t.op]
	switch t.q {
	case qAny:
		s = "any " + s
	case qAll:
		s = "all " + s
	}
	return s
}

func quantify(as, bs []val, all bool, pred func(x, y *val) bool) bool {
	if len(as) == 0 || len(bs) == 0 {
		return false
	}
	for i := range as {
		for j := range bs {
			if pred(&as[i], &bs[j]) != all {
				return !all
			}
		}
	}
	return all
}

func regexMsg(err error) string {
	var se *syntax.Error
	if errors.As(err, &se) {
		switch se.Code {
		case syntax.ErrMissingParen:
			return "missing closing parenthesis"
		case syntax.ErrUnexpectedParen:
			return "unmatched closing parenthesis"
		case syntax.ErrMissingBracket:
			return "missing terminating ] for character class"
		}
		return string(se.Code)
	}
	return err.Error()
}

// comparer returns a three-way comparison of two values of (compatible) types a and b.
func comparer(a, b field.Type) func(x, y *val) int {
	ca, cb := classOf(a), classOf(b)
	switch {
	case ca == cBool || cb == cBool:
		return func(x, y *val) int { return cmpU(b2u(x.u != 0), b2u(y.u != 0)) }
	case ca == cInt || cb == cInt:
		return func(x, y *val) int { return cmpI(x.i, y.i) }
	case ca == cUint:
		return func(x, y *val) int {
			if x.signed || y.signed { // arithmetic made a value signed (overflow.go)
				return cmpI(signedVal(x), signedVal(y))
			}
			return cmpU(x.u, y.u)
		}
	case ca == cFloat:
		return func(x, y *val) int {
			switch {
			case x.f < y.f:
				return -1
			case x.f > y.f:
				return 1
			}
			return 0
		}
	case ca == cTime:
		return func(x, y *val) int { return cmpI(x.i, y.i) }
	case ca == cIPv4 || ca == cIPv6:
		return cmpIP
	}
	return func(x, y *val) int { return bytes.Compare(x.b, y.b) }
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpI(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// cmpIP compares addresses under the shorter of the two prefixes (a CIDR literal matches every
// address of its network).
func cmpIP(x, y *val) int {
	bits := x.u
	if y.u < bits {
		bits = y.u
	}
	n := len(x.b)
	if len(y.b) < n {
		n = len(y.b)
	}
	for i := 0; i < n; i++ {
		var m byte = 0xff
		switch {
		case bits >= uint64(8*(i+1)):
		case bits <= uint64(8*i):
			m = 0
		default:
			m = ^byte(0xff >> (bits - uint64(8*i)))
		}
		if d := int(x.b[i]&m) - int(y.b[i]&m); d != 0 {
			if d < 0 {
				return -1
			}
			return 1
		}
	}
	return cmpI(int64(len(x.b)), int64(len(y.b)))
}

func (c *compiler) in(t *test, depth int) (tfn, *Error) {
	a, err := c.left(t)
	if err != nil {
		return nil, err
	}
	if classOf(a.typ) == cNone {
		return nil, errAt(t.a.pos, t.a.end, c.describe(a)+" (type=Label) cannot participate in in comparison.")
	}
	type elem struct {
		lo, hi vfn
		rl, rh int
	}
	var elems []elem
	var desc []string
	for _, se := range t.set {
		lo, err := c.right(a, se.lo)
		if err != nil {
			return nil, err
		}
		el := elem{lo: lo.fn, rl: c.newReg()}
		d := c.src(se.lo)
		if se.hi != nil {
			hi, err := c.right(a, se.hi)
			if err != nil {
				return nil, err
			}
			el.hi, el.rh = hi.fn, c.newReg()
			d += ".." + c.src(se.hi)
		}
		elems = append(elems, el)
		desc = append(desc, d)
	}
	c.line(depth, "IN "+c.describe(a)+" <"+a.typ.String()+"> {"+strings.Join(desc, ", ")+"}")
	cmpf := comparer(a.typ, a.typ)
	ra := c.newReg()
	af := a.fn
	all := t.q == qAll
	return func(cx *ctx, tr *field.Tree) bool {
		as := af(cx, tr, cx.regs[ra][:0])
		cx.regs[ra] = as
		if len(as) == 0 {
			return false
		}
		for i := range as {
			hit := false
			for k := range elems {
				el := &elems[k]
				los := el.lo(cx, tr, cx.regs[el.rl][:0])
				cx.regs[el.rl] = los
				if el.hi == nil {
					for j := range los {
						if cmpf(&as[i], &los[j]) == 0 {
							hit = true
							break
						}
					}
				} else {
					his := el.hi(cx, tr, cx.regs[el.rh][:0])
					cx.regs[el.rh] = his
					for j := range los {
						for h := range his {
							if cmpf(&as[i], &los[j]) >= 0 && cmpf(&as[i], &his[h]) <= 0 {
								hit = true
							}
						}
					}
				}
				if hit {
					break
				}
			}
			if hit != all {
				return hit
			}
		}
		return all
	}, nil
}

// nonZero compiles an arithmetic expression used as a test ("tcp.flags & 0x02"): true when some
// value is not zero.
func (c *compiler) nonZero(t *test, depth int) (tfn, *Error) {
	v, err := c.value(t.a)
	if err != nil {
		return nil, err
	}
	if v.lit != nil {
		return nil, errAt(t.a.pos, t.a.end, c.src(t.a)+" is neither a field nor a protocol name.")
	}
	c.line(depth, "NONZERO "+c.src(t.a))
	r, fn := c.newReg(), v.fn
	return func(cx *ctx, tr *field.Tree) bool {
		out := fn(cx, tr, cx.regs[r][:0])
		cx.regs[r] = out
		for i := range out {
			if out[i].u != 0 || out[i].i != 0 || out[i].f != 0 {
				return true
			}
			for _, b := range out[i].b {
				if b != 0 {
					return true
				}
			}
		}
		return false
	}, nil
}
