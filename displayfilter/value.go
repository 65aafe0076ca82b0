package displayfilter

import (
	"strconv"

	"github.com/tshark-tui/tshark-tui/field"
)

// value compiles a value expression. Words that name no field stay literals (vinfo.lit) until the
// other side of the relation gives them a type: Wireshark's dfilter_resolve_unparsed rule.
func (c *compiler) value(e *expr) (vinfo, *Error) {
	switch e.kind {
	case eWord:
		f, ok := c.lookup(e.text)
		if !ok {
			if e.dot {
				return vinfo{}, errAt(e.pos, e.end, `"`+e.text+`" is not a valid protocol or protocol field.`)
			}
			if len(e.layer) > 0 {
				return vinfo{}, errAt(e.pos, e.pos+len(e.text), e.text+" is not a valid field")
			}
			return vinfo{lit: e, e: e}, nil
		}
		return c.fieldValue(f, e), nil
	case eString, eChar:
		return vinfo{lit: e, e: e}, nil
	case eRef:
		f, ok := c.lookup(e.text)
		if !ok {
			return vinfo{}, errAt(e.pos+2, e.pos+2+len(e.text), e.text+" is not a valid field")
		}
		c.use(f.ID)
		// tshark has no selected packet to take the reference from: it yields nothing.
		return vinfo{typ: f.Type, e: e, fn: func(_ *ctx, _ *field.Tree, out []val) []val { return out }}, nil
	case eFunc:
		return c.function(e)
	case eSlice:
		return c.slice(e)
	case eNeg:
		x, err := c.value(e.x)
		if err != nil {
			return x, err
		}
		if x.lit != nil {
			return vinfo{lit: e, e: e}, nil
		}
		if err := arithAllowed(x.typ, '-', e, true); err != nil {
			return x, err
		}
		r := c.newReg()
		xf, cl, wide := x.fn, classOf(x.typ), wideInt(x.typ)
		return vinfo{typ: x.typ, e: e, fn: func(cx *ctx, t *field.Tree, out []val) []val {
			xs := xf(cx, t, cx.regs[r][:0])
			cx.regs[r] = xs
			for i := range xs {
				if v, ok := fieldNegate(cl, wide, xs[i]); ok {
					out = append(out, v)
				}
			}
			return out
		}}, nil
	case eArith:
		return c.arith(e)
	}
	return vinfo{}, errAt(e.pos, e.end, "unsupported expression")
}

// lookup resolves a field name: a registered field, or a field of a protocol Wireshark knows that
// is not dissected here ("smb2.cmd"). Such a field compiles, as in tshark, and never occurs: it
// stands for itself with the protocol's ID, which no tree holds, and takes literals as text.
func (c *compiler) lookup(name string) (*field.Field, bool) {
	if f, ok := c.reg.Lookup(name); ok {
		return f, true
	}
	p, ok := c.reg.UndissectedUnder(name)
	if !ok {
		return nil, false
	}
	return &field.Field{ID: p.ID, Abbrev: name, Name: name, Type: field.String, Parent: p.ID, Undissected: true}, true
}

func (c *compiler) fieldValue(f *field.Field, e *expr) vinfo {
	c.use(f.ID)
	id, cl, typ := f.ID, classOf(f.Type), f.Type
	layer := e.layer
	var proto field.ID
	if p := c.reg.ProtocolOf(id); p != nil {
		proto = p.ID
	}
	fn := func(_ *ctx, t *field.Tree, out []val) []val {
		for i := 1; i < len(t.Nodes); i++ {
			n := &t.Nodes[i]
			if n.Field != id {
				continue
			}
			if layer != nil && !inLayers(layer, layerOf(t, int32(i), proto)) {
				continue
			}
			out = append(out, extract(cl, typ, t, n))
		}
		return out
	}
	return vinfo{fn: fn, typ: f.Type, fld: f, e: e}
}

// layerOf returns the 1-based layer of node i: the rank of its enclosing protocol node among the
// nodes of that protocol in the tree ("ip.addr#2" is an address of the second IP header).
func layerOf(t *field.Tree, i int32, proto field.ID) int {
	anc := i
	for anc > 0 && t.Nodes[anc].Field != proto {
		anc = t.Nodes[anc].Parent
	}
	if anc <= 0 {
		anc = i
	}
	n := 0
	for k := int32(1); k <= anc && int(k) < len(t.Nodes); k++ {
		if t.Nodes[k].Field == proto {
			n++
		}
	}
	if n == 0 {
		n = 1
	}
	return n
}

func inLayers(rs []rangeNode, l int) bool {
	for _, r := range rs {
		switch r.kind {
		case rSingle:
			if l == r.start {
				return true
			}
		case rOffLen:
			if l >= r.start && l < r.start+r.n {
				return true
			}
		case rFromTo:
			if l >= r.start && l <= r.n {
				return true
			}
		case rToEnd:
			if l >= r.start {
				return true
			}
		case rFromZero:
			if l <= r.n {
				return true
			}
		}
	}
	return false
}

func extract(cl class, typ field.Type, t *field.Tree, n *field.Node) val {
	v := val{l: n.Len}
	switch cl {
	case cUint, cBool:
		v.u, v.i = n.Value.U, int64(n.Value.U)
	case cInt:
		v.i, v.u = n.Value.I, uint64(n.Value.I)
	case cFloat:
		v.f = n.Value.F
	case cTime:
		v.i = n.Value.I
	case cIPv4:
		v.b, v.u = n.Value.B, 32
	case cIPv6:
		v.b, v.u = n.Value.B, 128
	case cBytes:
		v.b = n.Value.B
		switch {
		case typ == field.Protocol && len(v.b) == 0:
			// A protocol's value is its dissector's data: from its first byte to the end of the
			// data source, as Wireshark's FT_PROTOCOL holds the whole tvb ("tcp contains" sees
			// the payload, while len(tcp) is the header length).
			if int(n.Src) < len(t.Sources) {
				src := t.Sources[n.Src].Bytes
				if n.Off >= 0 && int(n.Off) <= len(src) {
					v.b = src[n.Off:]
				}
			}
		case v.b == nil && !typ.IsString():
			v.b = t.Bytes(n)
		}
	}
	return v
}

func negate(cl class, v val) (val, bool) {
	switch cl {
	case cUint, cBool:
		// tshark 4.0 negates unsigned values in two's complement: "-frame.len" is a (huge) value,
		// so "frame.len == -74" never matches but "-frame.len" as a test does.
		v.u = -v.u
		v.i = int64(v.u)
	case cInt, cTime:
		v.i, v.u = -v.i, uint64(-v.i)
	case cFloat:
		v.f = -v.f
	default:
		return v, false
	}
	return v, true
}

// convert gives a literal expression (word, string, char, or arithmetic of literals) the type t.
func (c *compiler) convert(e *expr, t field.Type, fld *field.Field) ([]val, *Error) {
	switch e.kind {
	case eNeg:
		xs, err := c.convert(e.x, t, fld)
		if err != nil {
			return nil, err
		}
		if err := arithAllowed(t, '-', e, true); err != nil {
			return nil, err
		}
		var out []val
		for _, x := range xs {
			if v, ok := negate(classOf(t), x); ok {
				out = append(out, v)
			}
		}
		return out, nil
	case eArith:
		if err := arithAllowed(t, e.op, e, false); err != nil {
			return nil, err
		}
		xs, err := c.convert(e.x, t, fld)
		if err != nil {
			return nil, err
		}
		ys, err := c.convert(e.y, t, fld)
		if err != nil {
			return nil, err
		}
		var out []val
		for _, x := range xs {
			for _, y := range ys {
				if v, ok := arith(classOf(t), e.op, x, y); ok {
					out = append(out, v)
				}
			}
		}
		return out, nil
	}
	v, err := literal(e, t, fld)
	if err != nil {
		return nil, err
	}
	return []val{v}, nil
}

func arithAllowed(t field.Type, op byte, e *expr, unary bool) *Error {
	cl := classOf(t)
	ok := false
	switch cl {
	case cUint, cInt:
		ok = true
	case cFloat:
		ok = op != '&' && op != '%'
	case cTime:
		ok = t == field.RelTime && (op == '+' || op == '-')
	case cBytes:
		ok = op == '&' && t != field.Protocol
	}
	if unary && (cl == cUint || cl == cInt || cl == cFloat || t == field.RelTime) {
		ok = true
	}
	if !ok {
		// tshark underlines the left operand.
		span := e
		if e.x != nil {
			span = e.x
		}
		return errAt(span.pos, span.end, t.String()+" cannot "+string(op)+".")
	}
	return nil
}

func arith(cl class, op byte, x, y val) (val, bool) {
	switch cl {
	case cUint:
		var r uint64
		switch op {
		case '+':
			r = x.u + y.u
		case '-':
			r = x.u - y.u
		case '*':
			r = x.u * y.u
		case '/':
			if y.u == 0 {
				return val{}, false
			}
			r = x.u / y.u
		case '%':
			if y.u == 0 {
				return val{}, false
			}
			r = x.u % y.u
		case '&':
			r = x.u & y.u
		}
		return val{u: r, i: int64(r)}, true
	case cInt, cTime:
		var r int64
		switch op {
		case '+':
			r = x.i + y.i
		case '-':
			r = x.i - y.i
		case '*':
			r = x.i * y.i
		case '/':
			if y.i == 0 {
				return val{}, false
			}
			r = x.i / y.i
		case '%':
			if y.i == 0 {
				return val{}, false
			}
			r = x.i % y.i
		case '&':
			r = x.i & y.i
		}
		return val{i: r, u: uint64(r)}, true
	case cFloat:
		var r float64
		switch op {
		case '+':
			r = x.f + y.f
		case '-':
			r = x.f - y.f
		case '*':
			r = x.f * y.f
		case '/':
			if y.f == 0 {
				return val{}, false
			}
			r = x.f / y.f
		}
		return val{f: r}, true
	case cBytes:
		if op == '&' {
			n := min(len(x.b), len(y.b))
			out := make([]byte, n)
			for i := range n {
				out[i] = x.b[i] & y.b[i]
			}
			return val{b: out}, true
		}
	}
	return val{}, false
}

// arith compiles a chain of arithmetic ("a + b - c * d" is a tree whose left spine holds the
// operations done first): the leftmost operand, then each operation in turn, without recursing down
// the spine, so a long chain costs no stack.
func (c *compiler) arith(e *expr) (vinfo, *Error) {
	var spine []*expr
	for n := e; n.kind == eArith; n = n.x {
		spine = append(spine, n)
	}
	x, err := c.value(spine[len(spine)-1].x)
	if err != nil {
		return x, err
	}
	for i := len(spine) - 1; i >= 0; i-- {
		if x, err = c.arithStep(x, spine[i]); err != nil {
			return x, err
		}
	}
	return x, nil
}

// arithStep compiles operation e whose left operand compiled to x.
func (c *compiler) arithStep(x vinfo, e *expr) (vinfo, *Error) {
	y, err := c.value(e.y)
	if err != nil {
		return y, err
	}
	if x.lit != nil && y.lit != nil {
		return vinfo{lit: e, e: e}, nil
	}
	if x.lit != nil {
		vals, err := c.convert(x.lit, y.typ, y.fld)
		if err != nil {
			return x, err
		}
		x = vinfo{fn: constFn(vals), typ: y.typ, e: e.x}
	} else if y.lit != nil {
		vals, err := c.convert(y.lit, x.typ, x.fld)
		if err != nil {
			return y, err
		}
		y = vinfo{fn: constFn(vals), typ: x.typ, e: e.y}
	} else if !compatible(x.typ, y.typ) {
		return x, errAt(e.y.pos, e.y.end, c.describe(x)+" and "+c.describe(y)+" are not of compatible types.")
	}
	if err := arithAllowed(x.typ, e.op, e, false); err != nil {
		return x, err
	}
	cl, op, wide := classOf(x.typ), e.op, wideInt(x.typ)
	if cl == cBytes {
		// Bitwise and of byte strings computes into the scratch buffer.
		rx, ry := c.newReg(), c.newReg()
		xf, yf := x.fn, y.fn
		return vinfo{typ: field.Bytes, e: e, fn: func(cx *ctx, t *field.Tree, out []val) []val {
			xs := xf(cx, t, cx.regs[rx][:0])
			cx.regs[rx] = xs
			ys := yf(cx, t, cx.regs[ry][:0])
			cx.regs[ry] = ys
			for i := range xs {
				for j := range ys {
					n := min(len(xs[i].b), len(ys[j].b))
					start := len(cx.buf)
					for k := range n {
						cx.buf = append(cx.buf, xs[i].b[k]&ys[j].b[k])
					}
					out = append(out, val{b: cx.buf[start:len(cx.buf):len(cx.buf)]})
				}
			}
			return out
		}}, nil
	}
	rx, ry := c.newReg(), c.newReg()
	xf, yf := x.fn, y.fn
	return vinfo{typ: x.typ, e: e, fn: func(cx *ctx, t *field.Tree, out []val) []val {
		xs := xf(cx, t, cx.regs[rx][:0])
		cx.regs[rx] = xs
		ys := yf(cx, t, cx.regs[ry][:0])
		cx.regs[ry] = ys
		for i := range xs {
			for j := range ys {
				var v val
				var ok bool
				if cl == cUint || cl == cInt {
					v, ok = fieldArith(cl, wide, op, xs[i], ys[j])
				} else {
					v, ok = arith(cl, op, xs[i], ys[j])
				}
				if ok {
					out = append(out, v)
				}
			}
		}
		return out
	}}, nil
}

func (c *compiler) slice(e *expr) (vinfo, *Error) {
	x, err := c.value(e.x)
	if err != nil {
		return x, err
	}
	if x.lit != nil {
		return x, errAt(e.x.pos, e.x.end, c.src(e.x)+" is neither a field nor a protocol name.")
	}
	if !x.typ.IsBytes() {
		return x, errAt(e.x.pos, e.x.end, `"`+c.describe(x)+`" is a `+prettyName(x.typ)+" and cannot be sliced into a sequence of bytes.")
	}
	r := c.newReg()
	xf, ranges := x.fn, e.ranges
	return vinfo{typ: field.Bytes, e: e, fn: func(cx *ctx, t *field.Tree, out []val) []val {
		xs := xf(cx, t, cx.regs[r][:0])
		cx.regs[r] = xs
		for i := range xs {
			if v, ok := sliceBytes(cx, xs[i].b, ranges); ok {
				out = append(out, val{b: v, l: int32(len(v))})
			}
		}
		return out
	}}, nil
}

// sliceBytes applies a range list to b the way tshark 4.0's slice_func does: ranges are taken in
// order until one falls outside the value (start or end past the end, or a negative start before
// the beginning); what was gathered until then is the result. One range is a view into b; several
// are joined in the scratch buffer.
func sliceBytes(cx *ctx, b []byte, ranges []rangeNode) ([]byte, bool) {
	n := len(b)
	one := func(r rangeNode) ([]byte, bool) {
		start := r.start
		if start < 0 {
			start += n
			if start < 0 {
				return nil, false
			}
		}
		var end int
		switch r.kind {
		case rSingle:
			end = start + 1
		case rOffLen:
			end = start + r.n
		case rFromTo:
			end = r.n
			if end < 0 {
				end += n
			}
			if end < start {
				return nil, false
			}
			end++
		case rToEnd:
			end = n
		case rFromZero:
			start, end = 0, r.n
		}
		if start > n || end > n || end <= start {
			return nil, false
		}
		return b[start:end:end], true
	}
	if len(ranges) == 1 {
		return one(ranges[0])
	}
	start := len(cx.buf)
	for _, r := range ranges {
		s, ok := one(r)
		if !ok {
			break
		}
		cx.buf = append(cx.buf, s...)
	}
	if len(cx.buf) == start {
		return nil, false
	}
	return cx.buf[start:len(cx.buf):len(cx.buf)], true
}

func (c *compiler) function(e *expr) (vinfo, *Error) {
	nameErr := func(msg string) (vinfo, *Error) { return vinfo{}, errAt(e.pos, e.pos+len(e.text), msg) }
	wantArgs := func(n int) *Error {
		if len(e.args) != n {
			return errAt(e.pos, e.pos+len(e.text), "Function "+e.text+" can only accept "+strconv.Itoa(n)+" arguments.")
		}
		return nil
	}
	fieldArg := func(kind string) (vinfo, *Error) {
		if err := wantArgs(1); err != nil {
			return vinfo{}, err
		}
		a := e.args[0]
		if a.kind != eWord {
			return vinfo{}, errAt(a.pos, a.end, "Only fields can be used as parameter for "+e.text+"()")
		}
		f, ok := c.lookup(a.text)
		if !ok {
			return vinfo{}, errAt(a.pos, a.end, "Only "+kind+"fields can be used as parameter for "+e.text+"()")
		}
		return c.fieldValue(f, a), nil
	}
	switch e.text {
	case "len":
		a, err := fieldArg("")
		if err != nil {
			return a, err
		}
		r, af, byLen := c.newReg(), a.fn, a.typ == field.Protocol || !a.typ.IsBytes()
		return vinfo{typ: field.Uint32, e: e, fn: func(cx *ctx, t *field.Tree, out []val) []val {
			xs := af(cx, t, cx.regs[r][:0])
			cx.regs[r] = xs
			for i := range xs {
				n := uint64(xs[i].l)
				if !byLen {
					n = uint64(len(xs[i].b))
				}
				out = append(out, val{u: n, i: int64(n)})
			}
			return out
		}}, nil
	case "count":
		a, err := fieldArg("")
		if err != nil {
			return a, err
		}
		r, af := c.newReg(), a.fn
		return vinfo{typ: field.Uint32, e: e, fn: func(cx *ctx, t *field.Tree, out []val) []val {
			xs := af(cx, t, cx.regs[r][:0])
			cx.regs[r] = xs
			return append(out, val{u: uint64(len(xs)), i: int64(len(xs))})
		}}, nil
	case "upper", "lower", "string":
		a, err := fieldArg("")
		if err != nil {
			return a, err
		}
		if e.text != "string" && !a.typ.IsString() {
			return vinfo{}, errAt(e.args[0].pos, e.args[0].end, "Only string type fields can be used as parameter for "+e.text+"()")
		}
		r, af, fld, up := c.newReg(), a.fn, a.fld, e.text == "upper"
		conv := e.text != "string"
		return vinfo{typ: field.String, e: e, fn: func(cx *ctx, t *field.Tree, out []val) []val {
			xs := af(cx, t, cx.regs[r][:0])
			cx.regs[r] = xs
			for i := range xs {
				start := len(cx.buf)
				if conv {
					for _, ch := range xs[i].b {
						switch {
						case up && ch >= 'a' && ch <= 'z':
							ch -= 'a' - 'A'
						case !up && ch >= 'A' && ch <= 'Z':
							ch += 'a' - 'A'
						}
						cx.buf = append(cx.buf, ch)
					}
				} else {
					cx.buf = fld.AppendRepr(cx.buf, toValue(xs[i]))
				}
				out = append(out, val{b: cx.buf[start:len(cx.buf):len(cx.buf)], l: xs[i].l})
			}
			return out
		}}, nil
	case "min", "max", "abs":
		if len(e.args) == 0 {
			return nameErr("Function " + e.text + " needs at least 1 argument.")
		}
		if e.text == "abs" {
			if err := wantArgs(1); err != nil {
				return vinfo{}, err
			}
		}
		var args []vinfo
		var first *vinfo // the first argument that is not a literal gives literals their type
		for _, a := range e.args {
			v, err := c.value(a)
			if err != nil {
				return v, err
			}
			if v.lit == nil {
				if first != nil && !compatible(first.typ, v.typ) {
					return vinfo{}, errAt(a.pos, a.end, c.describe(*first)+" and "+c.describe(v)+" are not of compatible types.")
				}
				if first == nil {
					first = &v
				}
			}
			args = append(args, v)
		}
		if first == nil {
			return vinfo{}, errAt(e.args[0].pos, e.args[0].end, "Only fields can be used as parameter for "+e.text+"()")
		}
		for i := range args {
			if args[i].lit != nil {
				vals, err := c.convert(args[i].lit, first.typ, first.fld)
				if err != nil {
					return vinfo{}, err
				}
				args[i] = vinfo{fn: constFn(vals), typ: first.typ, e: args[i].e}
			}
		}
		typ := args[0].typ
		cl := classOf(typ)
		if cl != cUint && cl != cInt && cl != cFloat && cl != cTime {
			return vinfo{}, errAt(e.args[0].pos, e.args[0].end, "Argument '"+c.describe(args[0])+"' is not valid for "+e.text+"()")
		}
		cmpf := comparer(typ, typ)
		regs := make([]int, len(args))
		fns := make([]vfn, len(args))
		for i := range args {
			regs[i], fns[i] = c.newReg(), args[i].fn
		}
		isMax, isAbs := e.text == "max", e.text == "abs"
		return vinfo{typ: typ, e: e, fn: func(cx *ctx, t *field.Tree, out []val) []val {
			var best val
			found := false
			for k := range fns {
				xs := fns[k](cx, t, cx.regs[regs[k]][:0])
				cx.regs[regs[k]] = xs
				for i := range xs {
					v := xs[i]
					if isAbs {
						if cl == cInt || cl == cTime || v.signed {
							if v.i < 0 {
								v.i, v.u = -v.i, uint64(-v.i) // still signed: compares as a number
							}
						} else if cl == cFloat && v.f < 0 {
							v.f = -v.f
						}
						out = append(out, v)
						continue
					}
					if !found || (isMax && cmpf(&v, &best) > 0) || (!isMax && cmpf(&v, &best) < 0) {
						best, found = v, true
					}
				}
			}
			if found {
				out = append(out, best)
			}
			return out
		}}, nil
	}
	return nameErr("Function '" + e.text + "' does not exist")
}

func toValue(v val) field.Value { return field.Value{U: v.u, I: v.i, F: v.f, B: v.b} }
