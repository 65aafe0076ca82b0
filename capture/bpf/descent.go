package bpf

import "github.com/alecthomas/participle/v2/lexer"

// A recursive-descent parser for the grammar of grammar.go, building the trees participle builds
// (FuzzDescentMatchesParticiple holds the two together). Participle decides between a relation
// ("(ip[0] + 1) > 3") and a parenthesised expression ("(host a or b)") by trying the relation first
// with a lookahead of 1024 tokens, which backtracks through nested parentheses: 1,000 of them took
// 8 s, and a megabyte of "tcp and " 30 s. Here an operand is parsed once per position (the result is
// kept), so parsing is linear in the filter. Nesting deeper than tcpdump's parser stack (bison's
// 10,000 entries) is refused as tcpdump refuses it.

// maxNesting bounds open parentheses, brackets and negations: tcpdump parses 9,000 nested
// parentheses and 9,990 "not", and runs out of parser stack ("memory exhausted") near 10,000.
const maxNesting = 9990

type descent struct {
	toks  []lexer.Token // ends with EOF
	i     int
	depth int
	fail  int // index of the farthest token where an attempt failed (participle reports it), -1 while none
	// ariths remembers, per token index, the arithmetic expression that starts there (or that none
	// does), so that the relation-or-parenthesis question costs one parse per position
	ariths map[int]arithMemo
}

type arithMemo struct {
	node *arith
	end  int
	ok   bool
}

// errNesting is the panic that unwinds the parser past maxNesting.
type errNesting struct{}

func (p *descent) tok() lexer.Token { return p.toks[p.i] }

// is reports whether the next token is the keyword or punctuation v.
func (p *descent) is(v string) bool {
	t := p.toks[p.i]
	return t.Value == v && (t.Type == tokKeyword || t.Type == tokPunct)
}

func (p *descent) isOneOf(vs ...string) bool {
	for _, v := range vs {
		if p.is(v) {
			return true
		}
	}
	return false
}

// failHere records a failure at the current token (the farthest one is reported).
func (p *descent) failHere() bool {
	p.fail = max(p.fail, p.i)
	return false
}

func (p *descent) enter() {
	if p.depth++; p.depth > maxNesting {
		panic(errNesting{})
	}
}

func (p *descent) leave() { p.depth-- }

func (p *descent) expr() (*exprNode, bool) {
	e := &exprNode{Pos: p.tok().Pos}
	h, ok := p.term()
	if !ok {
		return nil, false
	}
	e.Head = h
	for p.isOneOf("and", "&&", "or", "||") {
		t := &tailNode{Pos: p.tok().Pos, Op: p.tok().Value}
		p.i++
		if t.Term, ok = p.term(); !ok {
			return nil, false
		}
		e.Tail = append(e.Tail, t)
	}
	return e, true
}

func (p *descent) term() (*termNode, bool) {
	t := &termNode{Pos: p.tok().Pos}
	switch {
	case p.isOneOf("not", "!"):
		p.i++
		p.enter()
		n, ok := p.term()
		p.leave()
		t.Not = n
		return t, ok
	case p.startsRelation():
		r, ok := p.relation()
		t.Rel = r
		return t, ok
	case p.is("("):
		p.i++
		p.enter()
		e, ok := p.expr()
		p.leave()
		if !ok {
			return nil, false
		}
		if !p.is(")") {
			return nil, p.failHere()
		}
		p.i++
		t.Paren = e
		return t, true
	}
	pr, ok := p.prim()
	t.Prim = pr
	return t, ok
}

var relOps = []string{">=", "<=", "!=", "==", ">", "<", "="}

// startsRelation reports whether an arithmetic expression followed by a comparison starts here.
func (p *descent) startsRelation() bool {
	m := p.arithAt(p.i)
	if !m.ok {
		return false
	}
	save := p.i
	p.i = m.end
	rel := p.isOneOf(relOps...)
	if !rel {
		p.failHere() // as participle, which tried the relation first, reports the farthest failure
	}
	p.i = save
	return rel
}

func (p *descent) relation() (*relNode, bool) {
	r := &relNode{Pos: p.tok().Pos}
	m := p.arithAt(p.i)
	r.L, p.i = m.node, m.end
	r.Op = p.tok().Value
	p.i++
	var ok bool
	if r.R, ok = p.arithNode(); !ok {
		return nil, false
	}
	return r, true
}

// arithAt parses (once) the arithmetic expression that starts at token i.
func (p *descent) arithAt(i int) arithMemo {
	if m, ok := p.ariths[i]; ok {
		return m
	}
	save := p.i
	p.i = i
	n, ok := p.arithNode()
	m := arithMemo{node: n, end: p.i, ok: ok}
	p.i = save
	if p.ariths == nil {
		p.ariths = map[int]arithMemo{}
	}
	p.ariths[i] = m
	return m
}

func (p *descent) arithNode() (*arith, bool) {
	a := &arith{Pos: p.tok().Pos}
	var ok bool
	if a.Head, ok = p.arAnd(); !ok {
		return nil, false
	}
	for p.isOneOf("|", "^") {
		o := &arOr1{Op: p.tok().Value}
		p.i++
		if o.R, ok = p.arAnd(); !ok {
			return nil, false
		}
		a.Tail = append(a.Tail, o)
	}
	return a, true
}

func (p *descent) arAnd() (*arAnd, bool) {
	a := &arAnd{Pos: p.tok().Pos}
	var ok bool
	if a.Head, ok = p.arShift(); !ok {
		return nil, false
	}
	for p.is("&") {
		o := &arAnd1{Op: "&"}
		p.i++
		if o.R, ok = p.arShift(); !ok {
			return nil, false
		}
		a.Tail = append(a.Tail, o)
	}
	return a, true
}

func (p *descent) arShift() (*arShift, bool) {
	a := &arShift{Pos: p.tok().Pos}
	var ok bool
	if a.Head, ok = p.arAdd(); !ok {
		return nil, false
	}
	for p.isOneOf("<<", ">>") {
		o := &arShift1{Op: p.tok().Value}
		p.i++
		if o.R, ok = p.arAdd(); !ok {
			return nil, false
		}
		a.Tail = append(a.Tail, o)
	}
	return a, true
}

func (p *descent) arAdd() (*arAdd, bool) {
	a := &arAdd{Pos: p.tok().Pos}
	var ok bool
	if a.Head, ok = p.arMul(); !ok {
		return nil, false
	}
	for p.isOneOf("+", "-") {
		o := &arAdd1{Op: p.tok().Value}
		p.i++
		if o.R, ok = p.arMul(); !ok {
			return nil, false
		}
		a.Tail = append(a.Tail, o)
	}
	return a, true
}

func (p *descent) arMul() (*arMul, bool) {
	a := &arMul{Pos: p.tok().Pos}
	var ok bool
	if a.Head, ok = p.arUnary(); !ok {
		return nil, false
	}
	for p.isOneOf("*", "/", "%") {
		o := &arMul1{Pos: p.tok().Pos, Op: p.tok().Value}
		p.i++
		if o.R, ok = p.arUnary(); !ok {
			return nil, false
		}
		a.Tail = append(a.Tail, o)
	}
	return a, true
}

func (p *descent) arUnary() (*arUnary, bool) {
	u := &arUnary{Pos: p.tok().Pos}
	var ok bool
	if p.is("-") {
		p.i++
		p.enter()
		u.Neg, ok = p.arUnary()
		p.leave()
		return u, ok
	}
	u.Prim, ok = p.arPrimary()
	return u, ok
}

var loadProtos = map[string]bool{"ether": true, "link": true, "ip": true, "ip6": true, "arp": true, "rarp": true,
	"tcp": true, "udp": true, "icmp": true, "icmp6": true, "sctp": true, "igmp": true, "pim": true, "vrrp": true,
	"igrp": true, "carp": true}

func (p *descent) arPrimary() (*arPrimary, bool) {
	a := &arPrimary{Pos: p.tok().Pos}
	t := p.tok()
	switch {
	case p.is("("):
		p.i++
		p.enter()
		m := p.arithAt(p.i) // kept: a term asks for it again when this is no relation
		p.leave()
		if !m.ok {
			return nil, false
		}
		in := m.node
		p.i = m.end
		if !p.is(")") {
			return nil, p.failHere()
		}
		p.i++
		a.Paren = in
	case p.isOneOf("len", "length"):
		a.Len = true
		p.i++
	case t.Type == tokNum:
		v := t.Value
		a.Num = &v
		p.i++
	case t.Type == tokKeyword && loadProtos[t.Value] && p.toks[p.i+1].Value == "[" && p.toks[p.i+1].Type == tokPunct:
		l := &loadNode{Pos: t.Pos, Proto: t.Value}
		p.i += 2
		p.enter()
		idx, ok := p.arithNode()
		p.leave()
		if !ok {
			return nil, false
		}
		l.Index = idx
		if p.is(":") {
			p.i++
			if p.tok().Type != tokNum {
				return nil, p.failHere()
			}
			v := p.tok().Value
			l.Size = &v
			p.i++
		}
		if !p.is("]") {
			return nil, p.failHere()
		}
		p.i++
		a.Load = l
	default:
		return nil, p.failHere()
	}
	return a, true
}

var castProtos = map[string]bool{"ether": true, "link": true, "ip": true, "ip6": true}

var qualProtos = map[string]bool{"ether": true, "link": true, "ip": true, "ip6": true, "arp": true, "rarp": true,
	"tcp": true, "udp": true, "sctp": true, "icmp": true, "icmp6": true, "igmp": true, "pim": true, "vrrp": true,
	"igrp": true, "carp": true, "ah": true, "esp": true, "atalk": true, "aarp": true, "decnet": true, "lat": true,
	"sca": true, "moprc": true, "mopdl": true, "iso": true, "esis": true, "es-is": true, "isis": true, "is-is": true,
	"clnp": true, "stp": true, "ipx": true, "netbeui": true}

var qualKinds = []string{"host", "net", "portrange", "port", "proto", "protochain", "gateway"}

func (p *descent) prim() (*primNode, bool) {
	pr := &primNode{Pos: p.tok().Pos}
	t := p.tok()
	switch {
	case p.isOneOf("less", "greater"):
		s := &sizeNode{Pos: t.Pos, Op: t.Value}
		p.i++
		if p.tok().Type != tokNum {
			return nil, p.failHere()
		}
		s.N = p.tok().Value
		p.i++
		pr.Size = s
	case p.isOneOf("broadcast", "multicast") || (t.Type == tokKeyword && castProtos[t.Value] &&
		p.toks[p.i+1].Type == tokKeyword && (p.toks[p.i+1].Value == "broadcast" || p.toks[p.i+1].Value == "multicast")):
		c := &castNode{Pos: t.Pos}
		if castProtos[t.Value] {
			c.Proto = t.Value
			p.i++
		}
		c.Kind = p.tok().Value
		p.i++
		pr.Cast = c
	case p.isOneOf("vlan", "mpls"):
		v := &vlanNode{Pos: t.Pos, Kind: t.Value}
		p.i++
		if p.tok().Type == tokNum {
			n := p.tok().Value
			v.ID = &n
			p.i++
		}
		pr.VLAN = v
	case p.isOneOf("inbound", "outbound"):
		pr.Dirn = t.Value
		p.i++
	case p.isOneOf("ifindex"):
		p.i++
		if p.tok().Type != tokNum {
			return nil, p.failHere()
		}
		n := p.tok().Value
		pr.Index = &n
		p.i++
	default:
		q, ok := p.qual()
		if !ok {
			return nil, false
		}
		pr.Quals = q
	}
	return pr, true
}

func (p *descent) qual() (*qualNode, bool) {
	q := &qualNode{Pos: p.tok().Pos}
	t := p.tok()
	switch {
	case t.Type == tokKeyword && qualProtos[t.Value]:
		q.Proto = t.Value
		p.i++
		q.Dir1 = p.dir()
		q.Kind1 = p.kind()
		q.ID1 = p.optID()
	case p.isOneOf("src", "dst"):
		q.Dir2 = p.dir()
		q.Kind2 = p.kind()
		q.ID2 = p.optID()
	case p.isOneOf(qualKinds...):
		q.Kind3 = p.kind()
		q.ID3 = p.optID()
	default:
		id, ok := p.id()
		if !ok {
			return nil, false
		}
		q.BareID = id
	}
	return q, true
}

func (p *descent) kind() string {
	if p.isOneOf(qualKinds...) {
		p.i++
		return p.toks[p.i-1].Value
	}
	return ""
}

// dir parses "src", "dst", "src or dst"... (nil when none starts here).
func (p *descent) dir() *dirNode {
	if !p.isOneOf("src", "dst") {
		return nil
	}
	d := &dirNode{Pos: p.tok().Pos, A: p.tok().Value}
	p.i++
	if p.isOneOf("or", "and") {
		next := p.toks[p.i+1]
		if next.Type == tokKeyword && (next.Value == "src" || next.Value == "dst") {
			d.Op, d.B = p.tok().Value, next.Value
			p.i += 2
		}
	}
	return d
}

// optID parses an identifier if one starts here, else consumes nothing.
func (p *descent) optID() *idNode {
	save := p.i
	id, ok := p.id()
	if !ok {
		p.i = save
		return nil
	}
	return id
}

func (p *descent) id() (*idNode, bool) {
	n := &idNode{Pos: p.tok().Pos}
	for p.isOneOf("not", "!") {
		n.Nots = append(n.Nots, p.tok().Value)
		p.i++
	}
	t := p.tok()
	v := t.Value
	switch t.Type {
	case tokNum:
		n.Num = &v
	case tokHID:
		n.HID = &v
	case tokHID6:
		n.HID6 = &v
	case tokEID:
		n.EID = &v
	case tokIdent:
		n.Name = &v
	default:
		return nil, p.failHere()
	}
	p.i++
	switch {
	case p.is("mask"):
		p.i++
		p.enter()
		m, ok := p.id()
		p.leave()
		if !ok {
			return nil, false
		}
		n.Mask = m
	case p.is("/"):
		p.i++
		if p.tok().Type != tokNum {
			return nil, p.failHere()
		}
		v := p.tok().Value
		n.Prefix = &v
		p.i++
	}
	return n, true
}

// descend parses the tokens of a filter (EOF last). On failure it returns the offset of the token
// where parsing failed and whether nesting passed maxNesting.
func descend(toks []lexer.Token) (f *filterNode, failOff int, tooDeep bool) {
	p := &descent{toks: toks, fail: -1}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(errNesting); !ok {
				panic(r)
			}
			f, failOff, tooDeep = nil, p.toks[p.i].Pos.Offset, true
		}
	}()
	if p.tok().EOF() {
		return &filterNode{}, 0, false
	}
	e, ok := p.expr()
	if ok && !p.tok().EOF() {
		ok = p.failHere()
	}
	if !ok {
		return nil, p.toks[max(p.fail, 0)].Pos.Offset, false
	}
	return &filterNode{Expr: e}, 0, false
}
