package displayfilter

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// The syntax tree after parsing, before words are resolved against the registry. Positions are byte
// offsets into the filter text; end is exclusive.

type testKind uint8

const (
	tOr testKind = iota
	tAnd
	tNot
	tExists
	tCmp
	tIn
)

type cmpOp uint8

const (
	opEq cmpOp = iota
	opNe
	opAllEq
	opAnyNe
	opGt
	opGe
	opLt
	opLe
	opContains
	opMatches
)

var opCanon = [...]string{"==", "!=", "===", "!==", ">", ">=", "<", "<=", "contains", "matches"}

var opByText = map[string]cmpOp{
	"==": opEq, "eq": opEq, "any_eq": opEq, "!=": opNe, "ne": opNe, "all_ne": opNe,
	"===": opAllEq, "all_eq": opAllEq, "!==": opAnyNe, "~=": opAnyNe, "any_ne": opAnyNe,
	">": opGt, "gt": opGt, ">=": opGe, "ge": opGe, "<": opLt, "lt": opLt, "<=": opLe, "le": opLe,
	"contains": opContains, "matches": opMatches, "~": opMatches,
}

type quant uint8

const (
	qNone quant = iota
	qAny
	qAll
)

type test struct {
	kind     testKind
	l, r     *test
	q        quant
	op       cmpOp
	opText   string
	opPos    int
	a, b     *expr
	set      []setElem
	pos, end int
}

type setElem struct{ lo, hi *expr }

type exprKind uint8

const (
	eWord exprKind = iota
	eString
	eChar
	eFunc
	eSlice
	eArith
	eNeg
	eRef
)

type expr struct {
	kind     exprKind
	text     string // word, quoted string or char token, function name
	layer    []rangeNode
	ranges   []rangeNode
	x, y     *expr
	args     []*expr
	op       byte // arithmetic operator
	dot      bool // a word written with a leading dot: a field name, never a literal
	pos, end int
}

type rangeKind uint8

const (
	rSingle   rangeKind = iota // i
	rOffLen                    // i:n
	rFromTo                    // i-j
	rToEnd                     // i:
	rFromZero                  // :n
)

type rangeNode struct {
	kind     rangeKind
	start, n int // n: length (rOffLen, rFromZero) or end index (rFromTo)
}

func (r rangeNode) String() string {
	switch r.kind {
	case rOffLen:
		return strconv.Itoa(r.start) + ":" + strconv.Itoa(r.n)
	case rFromTo:
		return strconv.Itoa(r.start) + "-" + strconv.Itoa(r.n)
	case rToEnd:
		return strconv.Itoa(r.start) + ":"
	case rFromZero:
		return ":" + strconv.Itoa(r.n)
	}
	return strconv.Itoa(r.start)
}

// parseRangeNode reads one node of a slice ("0:2", "1-3", "-1", "4:", ":4"), Wireshark's
// drange_node_from_str, with its error wording.
func parseRangeNode(s string) (rangeNode, string) {
	s = strings.TrimSpace(s)
	num := func(t string) (int, string) {
		t = strings.TrimSpace(t)
		v, err := strconv.ParseInt(t, 10, 32)
		if err != nil {
			return 0, strconv.Quote(t) + " is not a valid number."
		}
		return int(v), ""
	}
	if rest, ok := strings.CutPrefix(s, ":"); ok {
		n, e := num(rest)
		if e != "" {
			return rangeNode{}, e
		}
		if n <= 0 {
			return rangeNode{}, "Range " + s + " isn't valid because length " + strconv.Itoa(n) + " isn't positive"
		}
		return rangeNode{kind: rFromZero, n: n}, ""
	}
	// The start may be negative: skip a leading sign before looking for ':' or '-'.
	body := s
	sign := ""
	if strings.HasPrefix(body, "-") || strings.HasPrefix(body, "+") {
		sign, body = body[:1], body[1:]
	}
	if i := strings.IndexAny(body, ":-"); i >= 0 {
		start, e := num(sign + body[:i])
		if e != "" {
			return rangeNode{}, e
		}
		rest := body[i+1:]
		if body[i] == ':' {
			if strings.TrimSpace(rest) == "" {
				return rangeNode{kind: rToEnd, start: start}, ""
			}
			n, e := num(rest)
			if e != "" {
				return rangeNode{}, e
			}
			if n <= 0 {
				return rangeNode{}, "Range " + s + " isn't valid because length " + strconv.Itoa(n) + " isn't positive"
			}
			return rangeNode{kind: rOffLen, start: start, n: n}, ""
		}
		end, e := num(rest)
		if e != "" {
			return rangeNode{}, e
		}
		return rangeNode{kind: rFromTo, start: start, n: end}, ""
	}
	v, e := num(s)
	if e != "" {
		return rangeNode{}, e
	}
	return rangeNode{kind: rSingle, start: v}, ""
}

// converter turns participle's tree into ours, collecting the first error.
type converter struct {
	ws  lexer.TokenType
	err *Error
}

func (c *converter) fail(pos, n int, msg string) {
	if c.err == nil {
		c.err = &Error{Pos: pos, Len: n, Msg: msg}
	}
}

func (c *converter) span(toks []lexer.Token) (int, int) {
	first, last := -1, -1
	for i, t := range toks {
		if t.Type == c.ws {
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	if first < 0 {
		return 0, 0
	}
	return toks[first].Pos.Offset, toks[last].Pos.Offset + len(toks[last].Value)
}

func (c *converter) or(g *gOr) *test {
	t := c.and(g.Left)
	for _, r := range g.Rest {
		rt := c.and(r)
		t = &test{kind: tOr, l: t, r: rt, pos: t.pos, end: rt.end}
	}
	return t
}

func (c *converter) and(g *gAnd) *test {
	t := c.not(g.Left)
	for _, r := range g.Rest {
		rt := c.not(r)
		t = &test{kind: tAnd, l: t, r: rt, pos: t.pos, end: rt.end}
	}
	return t
}

func (c *converter) not(g *gNot) *test {
	pos, end := c.span(g.Tokens)
	switch {
	case g.Not != nil:
		return &test{kind: tNot, l: c.not(g.Not), pos: pos, end: end}
	case g.Paren != nil:
		return c.or(g.Paren)
	}
	return c.rel(g.Rel)
}

func (c *converter) rel(g *gRel) *test {
	pos, end := c.span(g.Tokens)
	t := &test{pos: pos, end: end, a: c.arith(g.Left)}
	switch g.Quant {
	case "any":
		t.q = qAny
	case "all":
		t.q = qAll
	}
	_, lend := c.span(g.Left.Tokens)
	// The operator is the first token after the left operand.
	for _, tok := range g.Tokens {
		if tok.Type != c.ws && tok.Pos.Offset >= lend {
			t.opPos = tok.Pos.Offset
			t.opText = tok.Value
			break
		}
	}
	switch {
	case len(g.Ops) > 0:
		// "a < b <= c" is "a < b && b <= c".
		var out *test
		left := t.a
		for k, op := range g.Ops {
			right := c.arith(g.Rights[k])
			ct := &test{kind: tCmp, q: t.q, op: opByText[op], opText: op, a: left, b: right, pos: left.pos, end: right.end}
			if out == nil {
				out = ct
			} else {
				out = &test{kind: tAnd, l: out, r: ct, pos: out.pos, end: ct.end}
			}
			left = right
		}
		return out
	case g.Set != nil:
		t.kind = tIn
		for _, e := range g.Set.Elems {
			se := setElem{lo: c.unary(e.Lo)}
			if e.Hi != nil {
				se.hi = c.unary(e.Hi)
			}
			t.set = append(t.set, se)
		}
		if g.NotIn {
			inner := *t
			inner.q = qNone
			return &test{kind: tNot, l: &inner, q: t.q, pos: pos, end: end, opText: "not"}
		}
	default:
		t.kind = tExists
	}
	return t
}

func (c *converter) arith(g *gArith) *expr {
	e := c.sum(g.Left)
	for _, r := range g.Rest {
		y := c.sum(r.Right)
		e = &expr{kind: eArith, op: '&', x: e, y: y, pos: e.pos, end: y.end}
	}
	return e
}

func (c *converter) sum(g *gSum) *expr {
	e := c.prod(g.Left)
	for _, r := range g.Rest {
		y := c.prod(r.Right)
		e = &expr{kind: eArith, op: r.Op[0], x: e, y: y, pos: e.pos, end: y.end}
	}
	return e
}

func (c *converter) prod(g *gProd) *expr {
	e := c.unary(g.Left)
	for _, r := range g.Rest {
		y := c.unary(r.Right)
		e = &expr{kind: eArith, op: r.Op[0], x: e, y: y, pos: e.pos, end: y.end}
	}
	return e
}

func (c *converter) unary(g *gUnary) *expr {
	e := c.entity(g.E)
	if g.Op == "-" {
		pos, end := c.span(g.Tokens)
		return &expr{kind: eNeg, x: e, pos: pos, end: end}
	}
	return e
}

func (c *converter) entity(g *gEntity) *expr {
	e := c.primary(g.Prim)
	for _, s := range g.Slices {
		_, end := c.span(s.Tokens)
		ns := &expr{kind: eSlice, x: e, pos: e.pos, end: end}
		ns.ranges = c.ranges(s.Nodes)
		e = ns
	}
	return e
}

func (c *converter) ranges(toks []*gNode) []rangeNode {
	var out []rangeNode
	for _, tok := range toks {
		rn, msg := parseRangeNode(tok.V + tok.Word)
		if msg != "" {
			v := strings.TrimSpace(tok.V + tok.Word)
			off := tok.Pos.Offset + strings.Index(tok.V+tok.Word, v)
			c.fail(off, len(v), msg)
		}
		out = append(out, rn)
	}
	return out
}

func (c *converter) primary(g *gPrimary) *expr {
	pos, end := c.span(g.Tokens)
	switch {
	case g.String != nil:
		return &expr{kind: eString, text: *g.String, pos: pos, end: end}
	case g.Char != nil:
		return &expr{kind: eChar, text: *g.Char, pos: pos, end: end}
	case g.Ref != nil:
		f := c.field(g.Ref)
		f.kind, f.pos, f.end = eRef, pos, end
		return f
	case g.Brace != nil:
		return c.arith(g.Brace)
	case g.Func != nil:
		f := &expr{kind: eFunc, text: g.Func.Name, pos: pos, end: end}
		for _, a := range g.Func.Args {
			f.args = append(f.args, c.arith(a))
		}
		return f
	}
	return c.field(g.Field)
}

func (c *converter) field(g *gField) *expr {
	pos, end := c.span(g.Tokens)
	e := &expr{kind: eWord, text: g.Name, pos: pos, end: end}
	if name, ok := strings.CutPrefix(g.Name, "."); ok {
		e.text, e.dot = name, true
	}
	if len(g.Layer) == 1 && g.Layer[0].Word != "" {
		// "#2": the scanner reads only digits after '#'.
		w := g.Layer[0].Word
		i := 0
		for i < len(w) && w[i] >= '0' && w[i] <= '9' {
			i++
		}
		if i == 0 {
			c.fail(g.Layer[0].Pos.Offset, 1, `Expected digit or "[", not "`+w[:1]+`"`)
		} else if i < len(w) {
			c.fail(g.Layer[0].Pos.Offset+i, len(w)-i, `"`+w[i:]+`" was unexpected in this context.`)
		}
	}
	if len(g.Layer) > 0 {
		e.layer = c.ranges(g.Layer)
	}
	return e
}

// Formatting: the canonical text of a tree. Parentheses and braces are added only where precedence
// needs them, so format(parse(format(x))) == format(x).

func testPrec(t *test) int {
	switch t.kind {
	case tOr:
		return 1
	case tAnd:
		return 2
	case tNot:
		return 3
	}
	return 4
}

func formatTest(b *strings.Builder, t *test) {
	switch t.kind {
	case tOr, tAnd:
		p := testPrec(t)
		sub(b, t.l, testPrec(t.l) < p)
		if t.kind == tOr {
			b.WriteString(" || ")
		} else {
			b.WriteString(" && ")
		}
		sub(b, t.r, testPrec(t.r) <= p)
	case tNot:
		if t.l.kind == tIn && t.opText == "not" {
			writeQuant(b, t.q)
			formatExpr(b, t.l.a, 0)
			b.WriteString(" not in ")
			formatSet(b, t.l.set)
			return
		}
		b.WriteString("!")
		sub(b, t.l, testPrec(t.l) < 3 || (t.l.kind == tIn && t.l.q == qNone && false))
	case tExists:
		writeQuant(b, t.q)
		formatExpr(b, t.a, 0)
	case tCmp:
		writeQuant(b, t.q)
		formatExpr(b, t.a, 0)
		b.WriteString(" ")
		b.WriteString(opCanon[t.op])
		b.WriteString(" ")
		formatExpr(b, t.b, 0)
	case tIn:
		writeQuant(b, t.q)
		formatExpr(b, t.a, 0)
		b.WriteString(" in ")
		formatSet(b, t.set)
	}
}

func writeQuant(b *strings.Builder, q quant) {
	switch q {
	case qAny:
		b.WriteString("any ")
	case qAll:
		b.WriteString("all ")
	}
}

func formatSet(b *strings.Builder, set []setElem) {
	b.WriteString("{")
	for i, e := range set {
		if i > 0 {
			b.WriteString(", ")
		}
		formatExpr(b, e.lo, 4)
		if e.hi != nil {
			b.WriteString("..")
			formatExpr(b, e.hi, 4)
		}
	}
	b.WriteString("}")
}

func sub(b *strings.Builder, t *test, paren bool) {
	if paren {
		b.WriteString("(")
	}
	formatTest(b, t)
	if paren {
		b.WriteString(")")
	}
}

func exprPrec(e *expr) int {
	switch e.kind {
	case eArith:
		switch e.op {
		case '&':
			return 1
		case '+', '-':
			return 2
		}
		return 3
	case eNeg:
		return 4
	}
	return 5
}

// formatExpr writes e; min is the lowest precedence that may appear without braces.
func formatExpr(b *strings.Builder, e *expr, min int) {
	p := exprPrec(e)
	if p < min {
		b.WriteString("{")
		formatExpr(b, e, 0)
		b.WriteString("}")
		return
	}
	switch e.kind {
	case eWord:
		if e.dot {
			b.WriteString(".")
		}
		b.WriteString(e.text)
		formatLayer(b, e.layer)
	case eString, eChar:
		b.WriteString(e.text)
	case eRef:
		b.WriteString("${")
		b.WriteString(e.text)
		formatLayer(b, e.layer)
		b.WriteString("}")
	case eFunc:
		b.WriteString(e.text)
		b.WriteString("(")
		for i, a := range e.args {
			if i > 0 {
				b.WriteString(", ")
			}
			formatExpr(b, a, 0)
		}
		b.WriteString(")")
	case eSlice:
		formatExpr(b, e.x, 5)
		b.WriteString("[")
		for i, r := range e.ranges {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(r.String())
		}
		b.WriteString("]")
	case eNeg:
		b.WriteString("-")
		formatExpr(b, e.x, 5)
	case eArith:
		formatExpr(b, e.x, p)
		b.WriteString(" ")
		b.WriteByte(e.op)
		b.WriteString(" ")
		formatExpr(b, e.y, p+1)
	}
}

func formatLayer(b *strings.Builder, layer []rangeNode) {
	if len(layer) == 0 {
		return
	}
	if len(layer) == 1 && layer[0].kind == rSingle && layer[0].start >= 0 {
		b.WriteString("#")
		b.WriteString(strconv.Itoa(layer[0].start))
		return
	}
	b.WriteString("#[")
	for i, r := range layer {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(r.String())
	}
	b.WriteString("]")
}
