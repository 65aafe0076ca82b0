package bpf

import (
	"errors"
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// The syntax tree follows libpcap's grammar.y, written as participle grammar tags: descent.go parses
// it, and the tests hold it to participle's reading of the tags. "and" and "or" have the same
// precedence and group left to right, "not" binds tighter, and a bare name or number after
// "and"/"or" takes the most recent qualifiers ("host a or b").

type filterNode struct {
	Expr *exprNode `parser:"@@?"`
}

type exprNode struct {
	Pos  lexer.Position
	Head *termNode   `parser:"@@"`
	Tail []*tailNode `parser:"@@*"`
}

type tailNode struct {
	Pos  lexer.Position
	Op   string    `parser:"@('and' | '&&' | 'or' | '||')"`
	Term *termNode `parser:"@@"`
}

type termNode struct {
	Pos   lexer.Position
	Not   *termNode `parser:"  ('not' | '!') @@"`
	Rel   *relNode  `parser:"| @@"`
	Paren *exprNode `parser:"| '(' @@ ')'"`
	Prim  *primNode `parser:"| @@"`
}

type relNode struct {
	Pos lexer.Position
	L   *arith `parser:"@@"`
	Op  string `parser:"@('>=' | '<=' | '!=' | '==' | '>' | '<' | '=')"`
	R   *arith `parser:"@@"`
}

// arith levels, lowest precedence first: | ^, &, << >>, + -, * / %, unary minus.
type arith struct {
	Pos  lexer.Position
	Head *arAnd   `parser:"@@"`
	Tail []*arOr1 `parser:"@@*"`
}
type arOr1 struct {
	Op string `parser:"@('|' | '^')"`
	R  *arAnd `parser:"@@"`
}
type arAnd struct {
	Pos  lexer.Position
	Head *arShift  `parser:"@@"`
	Tail []*arAnd1 `parser:"@@*"`
}
type arAnd1 struct {
	Op string   `parser:"@'&'"`
	R  *arShift `parser:"@@"`
}
type arShift struct {
	Pos  lexer.Position
	Head *arAdd      `parser:"@@"`
	Tail []*arShift1 `parser:"@@*"`
}
type arShift1 struct {
	Op string `parser:"@('<<' | '>>')"`
	R  *arAdd `parser:"@@"`
}
type arAdd struct {
	Pos  lexer.Position
	Head *arMul    `parser:"@@"`
	Tail []*arAdd1 `parser:"@@*"`
}
type arAdd1 struct {
	Op string `parser:"@('+' | '-')"`
	R  *arMul `parser:"@@"`
}
type arMul struct {
	Pos  lexer.Position
	Head *arUnary  `parser:"@@"`
	Tail []*arMul1 `parser:"@@*"`
}
type arMul1 struct {
	Pos lexer.Position
	Op  string   `parser:"@('*' | '/' | '%')"`
	R   *arUnary `parser:"@@"`
}
type arUnary struct {
	Pos  lexer.Position
	Neg  *arUnary   `parser:"  '-' @@"`
	Prim *arPrimary `parser:"| @@"`
}
type arPrimary struct {
	Pos   lexer.Position
	Paren *arith    `parser:"  '(' @@ ')'"`
	Len   bool      `parser:"| @('len' | 'length')"`
	Num   *string   `parser:"| @Num"`
	Load  *loadNode `parser:"| @@"`
}
type loadNode struct {
	Pos   lexer.Position
	Proto string  `parser:"@('ether' | 'link' | 'ip' | 'ip6' | 'arp' | 'rarp' | 'tcp' | 'udp' | 'icmp' | 'icmp6' | 'sctp' | 'igmp' | 'pim' | 'vrrp' | 'igrp' | 'carp')"`
	Index *arith  `parser:"'[' @@"`
	Size  *string `parser:"(':' @Num)? ']'"`
}

type primNode struct {
	Pos   lexer.Position
	Size  *sizeNode `parser:"  @@"`
	Cast  *castNode `parser:"| @@"`
	VLAN  *vlanNode `parser:"| @@"`
	Dirn  string    `parser:"| @('inbound' | 'outbound')"`
	Index *string   `parser:"| 'ifindex' @Num"`
	Quals *qualNode `parser:"| @@"`
}

type sizeNode struct {
	Pos lexer.Position
	Op  string `parser:"@('less' | 'greater')"`
	N   string `parser:"@Num"`
}

type castNode struct {
	Pos   lexer.Position
	Proto string `parser:"@('ether' | 'link' | 'ip' | 'ip6')?"`
	Kind  string `parser:"@('broadcast' | 'multicast')"`
}

type vlanNode struct {
	Pos  lexer.Position
	Kind string  `parser:"@('vlan' | 'mpls')"`
	ID   *string `parser:"@Num?"`
}

// qualNode is "[proto] [dir] [kind] [id]" with at least one part; each alternative fills its own
// fields (participle captures a field in one place), and normalize folds them into Proto, Dir,
// Kind and ID.
type qualNode struct {
	Pos    lexer.Position
	Proto  string   `parser:"(  @('ether' | 'link' | 'ip' | 'ip6' | 'arp' | 'rarp' | 'tcp' | 'udp' | 'sctp' | 'icmp' | 'icmp6' | 'igmp' | 'pim' | 'vrrp' | 'igrp' | 'carp' | 'ah' | 'esp' | 'atalk' | 'aarp' | 'decnet' | 'lat' | 'sca' | 'moprc' | 'mopdl' | 'iso' | 'esis' | 'es-is' | 'isis' | 'is-is' | 'clnp' | 'stp' | 'ipx' | 'netbeui')"`
	Dir1   *dirNode `parser:"   @@?"`
	Kind1  string   `parser:"   @('host' | 'net' | 'portrange' | 'port' | 'proto' | 'protochain' | 'gateway')?"`
	ID1    *idNode  `parser:"   @@?"`
	Dir2   *dirNode `parser:" | @@"`
	Kind2  string   `parser:"   @('host' | 'net' | 'portrange' | 'port' | 'proto' | 'protochain' | 'gateway')?"`
	ID2    *idNode  `parser:"   @@?"`
	Kind3  string   `parser:" | @('host' | 'net' | 'portrange' | 'port' | 'proto' | 'protochain' | 'gateway')"`
	ID3    *idNode  `parser:"   @@?"`
	BareID *idNode  `parser:" | @@ )"`

	Dir  *dirNode `parser:""`
	Kind string   `parser:""`
	ID   *idNode  `parser:""`
}

func (q *qualNode) normalize() {
	q.Dir = first(q.Dir1, q.Dir2)
	q.Kind = q.Kind1 + q.Kind2 + q.Kind3
	q.ID = first(q.ID1, q.ID2, q.ID3, q.BareID)
}

func first[T any](ps ...*T) *T {
	for _, p := range ps {
		if p != nil {
			return p
		}
	}
	return nil
}

type dirNode struct {
	Pos lexer.Position
	A   string `parser:"@('src' | 'dst')"`
	Op  string `parser:"( @('or' | 'and')"`
	B   string `parser:"  @('src' | 'dst') )?"`
}

type idNode struct {
	Pos    lexer.Position
	Nots   []string `parser:"@('not' | '!')*"`
	Num    *string  `parser:"(  @Num"`
	HID    *string  `parser:" | @HID"`
	HID6   *string  `parser:" | @HID6"`
	EID    *string  `parser:" | @EID"`
	Name   *string  `parser:" | @Ident )"`
	Mask   *idNode  `parser:"( 'mask' @@"`
	Prefix *string  `parser:"| '/' @Num )?"`
}

// parse builds the syntax tree of a filter expression.
func parse(text string) (*filterNode, error) {
	if strings.TrimSpace(text) == "" {
		return &filterNode{}, nil
	}
	toks, err := tokenize("", text)
	if err != nil {
		var le *Error
		if errors.As(err, &le) {
			return nil, le
		}
		return nil, &Error{Pos: 0, Msg: "syntax error", parse: true, detail: err.Error()}
	}
	ast, off, tooDeep := descend(toks)
	if tooDeep {
		return nil, &Error{Pos: off, Msg: "memory exhausted", parse: true, detail: "nested too deep"}
	}
	if ast == nil {
		return nil, &Error{Pos: off, Msg: "syntax error", parse: true}
	}
	return ast, nil
}

// Error is a filter that does not compile. Its text is tcpdump's ("can't parse filter expression:
// syntax error", "illegal port number 70000 > 65535"); Pos is the byte offset of the mistake.
type Error struct {
	Pos    int
	Msg    string
	parse  bool   // a grammar error (tcpdump prefixes "can't parse filter expression: ")
	detail string // the parser's own explanation
}

// Error returns tcpdump's wording, without its "tcpdump: " prefix.
func (e *Error) Error() string {
	if e.parse {
		return "can't parse filter expression: " + e.Msg
	}
	return e.Msg
}

// Detail returns a longer explanation with the position, for interactive use.
func (e *Error) Detail() string {
	if e.detail != "" {
		return fmt.Sprintf("%s at offset %d (%s)", e.Msg, e.Pos, e.detail)
	}
	return fmt.Sprintf("%s at offset %d", e.Msg, e.Pos)
}

func errAt(pos lexer.Position, format string, args ...any) *Error {
	return &Error{Pos: pos.Offset, Msg: fmt.Sprintf(format, args...)}
}
