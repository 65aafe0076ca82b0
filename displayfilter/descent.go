package displayfilter

import "github.com/alecthomas/participle/v2/lexer"

// A recursive-descent parser for the grammar of grammar.go. It builds the same trees participle
// builds, in time linear in the filter (participle's backtracking parser took seconds for a 100 kB
// filter), and nests no deeper than maxNesting: tshark's parser refuses deeper filters when its stack
// (100 entries) overflows, with `")" was unexpected in this context.` at the first closing token.
// A run of "!" and "not" longer than two folds to one or two (tshark accepts any number of them). The trees match
// participle's for every filter both accept (FuzzDescentMatchesParticiple); for a filter it refuses,
// parse asks participle for tshark's error wording while the filter is short.

// maxNesting bounds open parentheses, braces, function calls and negations: tshark 4.0 accepts 97
// parentheses around a field and refuses 98, and refuses 49 "!(" pairs.
const maxNesting = 97

type descent struct {
	toks  []lexer.Token
	i     int
	depth int
	err   *Error // the first error: parsing stops there
	text  string
}

// errTooDeep is the panic that unwinds the parser when nesting passes maxNesting.
type errTooDeep struct{}

func (p *descent) peek() lexer.Token {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return lexer.EOFToken(lexer.Position{Offset: len(p.text)})
}

// is reports whether the next token is a literal with value v (an operator or a keyword).
func (p *descent) is(v string) bool {
	if p.i >= len(p.toks) {
		return false
	}
	t := p.toks[p.i]
	return t.Value == v && (t.Type == tokOp || t.Type == keywordType || t.Type == tokComma ||
		t.Type == tokLBrack || t.Type == tokRBrack)
}

func (p *descent) isType(typ lexer.TokenType) bool {
	return p.i < len(p.toks) && p.toks[p.i].Type == typ
}

// fail records an error at the next token, once.
func (p *descent) fail() {
	if p.err != nil {
		return
	}
	if p.i >= len(p.toks) {
		p.err = &Error{Pos: len(p.text), Msg: "Unexpected end of filter expression."}
		return
	}
	p.err = unexpected(p.text, p.toks[p.i])
}

func (p *descent) expect(v string) bool {
	if p.err == nil && p.is(v) {
		p.i++
		return true
	}
	p.fail()
	return false
}

// enter counts one level of nesting; past maxNesting it blames the first closing token after it.
func (p *descent) enter() {
	p.depth++
	if p.depth <= maxNesting {
		return
	}
	for j := p.i; j < len(p.toks); j++ {
		if v := p.toks[j].Value; (v == ")" || v == "}") && p.toks[j].Type == tokOp {
			p.err = unexpected(p.text, p.toks[j])
			panic(errTooDeep{})
		}
	}
	p.err = &Error{Pos: len(p.text), Msg: "Unexpected end of filter expression."}
	panic(errTooDeep{})
}

func (p *descent) leave() { p.depth-- }

// span returns the tokens from index from to the current position.
func (p *descent) span(from int) []lexer.Token { return p.toks[from:p.i:p.i] }

func (p *descent) or() *gOr {
	g := &gOr{Left: p.and()}
	for p.err == nil && (p.is("||") || p.is("or")) {
		p.i++
		g.Rest = append(g.Rest, p.and())
	}
	return g
}

func (p *descent) and() *gAnd {
	g := &gAnd{Left: p.not()}
	for p.err == nil && (p.is("&&") || p.is("and")) {
		p.i++
		g.Rest = append(g.Rest, p.not())
	}
	return g
}

func (p *descent) not() *gNot {
	from := p.i
	nots := 0
	for p.is("!") || p.is("not") {
		p.i++
		nots++
	}
	for nots > 2 { // "!!!x" is "!x": keep the run short, so it costs no depth
		nots -= 2
		from += 2
	}
	return p.nots(from, nots)
}

// nots builds n negations (the tokens from index from on) around the operand that follows them.
func (p *descent) nots(from, n int) *gNot {
	if n == 0 {
		return p.notOperand()
	}
	p.enter()
	inner := p.nots(from+1, n-1)
	p.leave()
	return &gNot{Tokens: p.span(from), Not: inner}
}

// notOperand parses what follows a run of negations.
func (p *descent) notOperand() *gNot {
	from := p.i
	if p.is("(") {
		p.i++
		p.enter()
		g := &gNot{Paren: p.or()}
		p.expect(")")
		p.leave()
		g.Tokens = p.span(from)
		return g
	}
	g := &gNot{Rel: p.rel()}
	g.Tokens = p.span(from)
	return g
}

var relOps = map[string]bool{
	"==": true, "!=": true, "===": true, "!==": true, "~=": true, "<": true, "<=": true, ">": true, ">=": true,
	"eq": true, "ne": true, "any_eq": true, "all_ne": true, "all_eq": true, "any_ne": true,
	"gt": true, "ge": true, "lt": true, "le": true, "contains": true, "matches": true, "~": true,
}

func (p *descent) rel() *gRel {
	from := p.i
	g := &gRel{}
	if p.is("any") || p.is("all") {
		g.Quant = p.toks[p.i].Value
		p.i++
	}
	g.Left = p.arith()
	switch {
	case p.err != nil:
	case p.i < len(p.toks) && (p.toks[p.i].Type == tokOp || p.toks[p.i].Type == keywordType) && relOps[p.toks[p.i].Value]:
		for p.err == nil && p.i < len(p.toks) && (p.toks[p.i].Type == tokOp || p.toks[p.i].Type == keywordType) && relOps[p.toks[p.i].Value] {
			g.Ops = append(g.Ops, p.toks[p.i].Value)
			p.i++
			g.Rights = append(g.Rights, p.arith())
		}
	case p.is("in"):
		p.i++
		g.Set = p.set()
	case p.is("not") && p.i+1 < len(p.toks) && p.toks[p.i+1].Value == "in" && p.toks[p.i+1].Type == keywordType:
		p.i += 2
		g.NotIn = true
		g.Set = p.set()
	}
	g.Tokens = p.span(from)
	return g
}

func (p *descent) set() *gSet {
	g := &gSet{}
	if !p.expect("{") {
		return g
	}
	p.enter()
	for {
		e := &gSetElem{Lo: p.unary()}
		if p.err == nil && p.is("..") {
			p.i++
			e.Hi = p.unary()
		}
		g.Elems = append(g.Elems, e)
		if p.err != nil || !p.is(",") {
			break
		}
		p.i++
	}
	p.expect("}")
	p.leave()
	return g
}

func (p *descent) arith() *gArith {
	from := p.i
	g := &gArith{Left: p.sum()}
	for p.err == nil && p.is("&") {
		p.i++
		g.Rest = append(g.Rest, &gArOp2{Op: "&", Right: p.sum()})
	}
	g.Tokens = p.span(from)
	return g
}

func (p *descent) sum() *gSum {
	g := &gSum{Left: p.prod()}
	for p.err == nil && (p.is("+") || p.is("-")) {
		from := p.i
		op := p.toks[p.i].Value
		p.i++
		o := &gArOp{Op: op, Right: p.prod()}
		o.Tokens = p.span(from)
		g.Rest = append(g.Rest, o)
	}
	return g
}

func (p *descent) prod() *gProd {
	g := &gProd{Left: p.unary()}
	for p.err == nil && (p.is("*") || p.is("/") || p.is("%")) {
		from := p.i
		op := p.toks[p.i].Value
		p.i++
		o := &gMulOp{Op: op, Right: p.unary()}
		o.Tokens = p.span(from)
		g.Rest = append(g.Rest, o)
	}
	return g
}

func (p *descent) unary() *gUnary {
	from := p.i
	g := &gUnary{}
	if p.is("-") || p.is("+") {
		g.Op = p.toks[p.i].Value
		p.i++
	}
	g.E = p.entity()
	g.Tokens = p.span(from)
	return g
}

func (p *descent) entity() *gEntity {
	from := p.i
	g := &gEntity{Prim: p.primary()}
	for p.err == nil && p.isType(tokLBrack) {
		rf := p.i
		p.i++
		r := &gRange{Nodes: p.nodes()}
		p.expect("]")
		r.Tokens = p.span(rf)
		g.Slices = append(g.Slices, r)
	}
	g.Tokens = p.span(from)
	return g
}

// nodes parses "node (, node)*" inside brackets.
func (p *descent) nodes() []*gNode {
	var out []*gNode
	for {
		n := p.node()
		if n == nil {
			return out
		}
		out = append(out, n)
		if !p.is(",") {
			return out
		}
		p.i++
	}
}

func (p *descent) node() *gNode {
	if p.err != nil {
		return nil
	}
	t := p.peek()
	switch {
	case p.isType(tokRange):
		p.i++
		return &gNode{Pos: t.Pos, V: t.Value}
	case p.isType(tokWord):
		p.i++
		return &gNode{Pos: t.Pos, Word: t.Value}
	}
	p.fail()
	return nil
}

func (p *descent) primary() *gPrimary {
	from := p.i
	g := &gPrimary{}
	switch {
	case p.err != nil:
	case p.isType(tokString):
		v := p.toks[p.i].Value
		g.String = &v
		p.i++
	case p.isType(tokChar):
		v := p.toks[p.i].Value
		g.Char = &v
		p.i++
	case p.is("$"):
		p.i++
		if p.expect("{") {
			g.Ref = p.field()
			p.expect("}")
		}
	case p.is("{"):
		p.i++
		p.enter()
		g.Brace = p.arith()
		p.expect("}")
		p.leave()
	case p.isType(tokWord) && p.i+1 < len(p.toks) && p.toks[p.i+1].Value == "(" && p.toks[p.i+1].Type == tokOp:
		f := &gFunc{Name: p.toks[p.i].Value}
		p.i += 2
		p.enter()
		if !p.is(")") {
			for {
				f.Args = append(f.Args, p.arith())
				if p.err != nil || !p.is(",") {
					break
				}
				p.i++
			}
		}
		p.expect(")")
		p.leave()
		f.Tokens = p.span(from)
		g.Func = f
	default:
		g.Field = p.field()
	}
	g.Tokens = p.span(from)
	return g
}

func (p *descent) field() *gField {
	from := p.i
	g := &gField{}
	if p.err != nil {
		return g
	}
	if !p.isType(tokWord) && !p.isType(tokCIDR) && !p.isType(tokDotWrd) {
		p.fail()
		return g
	}
	g.Name = p.toks[p.i].Value
	p.i++
	if p.is("#") {
		p.i++
		if p.isType(tokLBrack) {
			p.i++
			g.Layer = p.nodes()
			p.expect("]")
		} else if n := p.node(); n != nil {
			g.Layer = []*gNode{n}
		}
	}
	g.Tokens = p.span(from)
	return g
}

// descend parses the tokens of text; it returns participle's tree for them or the first error, and
// whether that error is nesting beyond maxNesting.
func descend(text string, toks []lexer.Token) (g *gOr, err *Error, tooDeep bool) {
	p := &descent{toks: toks, text: text}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(errTooDeep); !ok {
				panic(r)
			}
			g, err, tooDeep = nil, p.err, true
		}
	}()
	g = p.or()
	if p.err == nil && p.i < len(p.toks) {
		p.fail()
	}
	if p.err != nil {
		return nil, p.err, false
	}
	return g, nil, false
}
