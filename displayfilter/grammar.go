package displayfilter

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The patterns of an address-like literal, of a word and of a word with a leading dot; scan.go
// matches them by regular expression only where a word starts with a digit or a colon, or a hex run is
// followed by a colon. A word may be an IPv6 address written in full with one-digit groups
// ("0:0:0:0:0:0:0:1"), scanner.l's v6 token (ipv6Pattern).
var (
	patCIDR    = `[0-9]+(?:\.[0-9]+){3}/[0-9]+`
	patWord    = `[0-9A-Fa-f]{2,}(?::[0-9A-Fa-f]*)+(?:\.[0-9]+)*(?:/[0-9]+)?|` + ipv6Pattern + `(?:/[0-9]+)?|[0-9A-Fa-f]+::[:0-9A-Fa-f]*(?:\.[0-9]+)*(?:/[0-9]+)?|:[:0-9A-Fa-f]*(?:\.[0-9]+)*(?:/[0-9]+)?|[A-Za-z0-9_][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)*`
	patDotWord = `\.[A-Za-z0-9_][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)*`
)

// filterLexer mirrors the token classes of Wireshark 4.0's scanner.l. Words are "unparsed" tokens: a
// field name or a literal, decided later by the registry. Colons may appear in a word only in hex
// forms (MAC addresses, byte strings, IPv6), so `zz:11` splits like tshark's scanner does. Inside
// brackets the lexer switches to the Range state, where a range node ("0:2", "1-3", "-1") is one token.
var filterLexer = lexer.MustStateful(lexer.Rules{
	// The rules are tried in order; scan.go lexes the same tokens without regular expressions, and a
	// fuzz test holds the two together.
	"Root": {
		{Name: "Whitespace", Pattern: `[ \t\r\n\f\v]+`},
		{Name: "String", Pattern: `r?"(?:\\.|[^"\\])*"`},
		{Name: "BadString", Pattern: `r?"(?:\\.|[^"\\])*`},
		{Name: "Char", Pattern: `'(?:\\.|[^'\\])*'`},
		{Name: "BadChar", Pattern: `'(?:\\.|[^'\\])*`},
		{Name: "CIDR", Pattern: patCIDR},
		{Name: "Word", Pattern: patWord},
		// A leading dot makes a word a field name, never a literal (tshark 4.0's ".ip.src").
		{Name: "DotWord", Pattern: patDotWord},
		{Name: "LBracket", Pattern: `\[`, Action: lexer.Push("Range")},
		{Name: "Op", Pattern: `===|!==|==|!=|~=|<=|>=|&&|\|\||\.\.|[<>!~&|^=\]{}(),#@$+\-*/%.]`},
	},
	"Range": {
		{Name: "RBracket", Pattern: `\]`, Action: lexer.Pop()},
		{Name: "Comma", Pattern: `,`},
		{Name: "RangeNode", Pattern: `[^\],]+`},
	},
})

// ipv6Pattern is RFC 3986's IPv6address, scanner.l's v6 token: it lets an address written in full
// with one-digit groups ("0:0:0:0:0:0:0:1", "1:2::3", "::ffff:1.2.3.4") be one word.
var ipv6Pattern = func() string {
	h16 := `[0-9A-Fa-f]{1,4}`
	ls32 := `(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|` + h16 + `:` + h16 + `)`
	pre := func(n int) string { return `(?:(?:` + h16 + `:){0,` + strconv.Itoa(n) + `}` + h16 + `)?` }
	alts := []string{
		`(?:` + h16 + `:){6}` + ls32,
		`::(?:` + h16 + `:){5}` + ls32,
		`(?:` + h16 + `)?::(?:` + h16 + `:){4}` + ls32,
		pre(1) + `::(?:` + h16 + `:){3}` + ls32,
		pre(2) + `::(?:` + h16 + `:){2}` + ls32,
		pre(3) + `::` + h16 + `:` + ls32,
		pre(4) + `::` + ls32,
		pre(5) + `::` + h16,
		pre(6) + `::`,
	}
	return `(?:` + strings.Join(alts, `|`) + `)`
}()

// The participle grammar. Each level mirrors a precedence level of Wireshark 4.0's grammar.lemon:
// "or" < "and" < "not" < relations < "&" < "+ -" < "* / %" < unary minus.
type gOr struct {
	Left *gAnd   `parser:"@@"`
	Rest []*gAnd `parser:"( ( \"||\" | \"or\" ) @@ )*"`
}

type gAnd struct {
	Left *gNot   `parser:"@@"`
	Rest []*gNot `parser:"( ( \"&&\" | \"and\" ) @@ )*"`
}

type gNot struct {
	Tokens []lexer.Token
	Not    *gNot `parser:"  ( \"!\" | \"not\" ) @@"`
	Paren  *gOr  `parser:"| \"(\" @@ \")\""`
	Rel    *gRel `parser:"| @@"`
}

type gRel struct {
	Tokens []lexer.Token
	Quant  string    `parser:"@( \"any\" | \"all\" )?"`
	Left   *gArith   `parser:"@@"`
	Ops    []string  `parser:"( ( @( \"==\" | \"!=\" | \"===\" | \"!==\" | \"~=\" | \"<\" | \"<=\" | \">\" | \">=\" | \"eq\" | \"ne\" | \"any_eq\" | \"all_ne\" | \"all_eq\" | \"any_ne\" | \"gt\" | \"ge\" | \"lt\" | \"le\" | \"contains\" | \"matches\" | \"~\" )"`
	Rights []*gArith `parser:"    @@ )+"`
	NotIn  bool      `parser:"| @\"not\"? \"in\""`
	Set    *gSet     `parser:"  @@ )?"`
}

type gSet struct {
	Elems []*gSetElem `parser:"\"{\" @@ ( \",\" @@ )* \"}\""`
}

type gSetElem struct {
	Lo *gUnary `parser:"@@"`
	Hi *gUnary `parser:"( \"..\" @@ )?"`
}

type gArith struct {
	Tokens []lexer.Token
	Left   *gSum     `parser:"@@"`
	Rest   []*gArOp2 `parser:"@@*"`
}

type gArOp2 struct {
	Op    string `parser:"@\"&\""`
	Right *gSum  `parser:"@@"`
}

type gSum struct {
	Left *gProd   `parser:"@@"`
	Rest []*gArOp `parser:"@@*"`
}

type gArOp struct {
	Tokens []lexer.Token
	Op     string `parser:"@( \"+\" | \"-\" )"`
	Right  *gProd `parser:"@@"`
}

type gProd struct {
	Left *gUnary   `parser:"@@"`
	Rest []*gMulOp `parser:"@@*"`
}

type gMulOp struct {
	Tokens []lexer.Token
	Op     string  `parser:"@( \"*\" | \"/\" | \"%\" )"`
	Right  *gUnary `parser:"@@"`
}

type gUnary struct {
	Tokens []lexer.Token
	Op     string   `parser:"@( \"-\" | \"+\" )?"`
	E      *gEntity `parser:"@@"`
}

type gEntity struct {
	Tokens []lexer.Token
	Prim   *gPrimary `parser:"@@"`
	Slices []*gRange `parser:"@@*"`
}

type gRange struct {
	Tokens []lexer.Token
	Nodes  []*gNode `parser:"\"[\" @@ ( \",\" @@ )* \"]\""`
}

type gPrimary struct {
	Tokens []lexer.Token
	String *string `parser:"  @String"`
	Char   *string `parser:"| @Char"`
	Ref    *gField `parser:"| \"$\" \"{\" @@ \"}\""`
	Brace  *gArith `parser:"| \"{\" @@ \"}\""`
	Func   *gFunc  `parser:"| @@"`
	Field  *gField `parser:"| @@"`
}

type gFunc struct {
	Tokens []lexer.Token
	Name   string    `parser:"@Word \"(\""`
	Args   []*gArith `parser:"( @@ ( \",\" @@ )* )? \")\""`
}

type gField struct {
	Tokens []lexer.Token
	Name   string   `parser:"@( Word | CIDR | DotWord )"`
	Layer  []*gNode `parser:"( \"#\" ( @@ | \"[\" @@ ( \",\" @@ )* \"]\" ) )?"`
}

// keywordType marks words that are operators ("and", "contains", "eq"…): they can never be field
// names or literals, as in tshark's scanner.
const keywordType lexer.TokenType = -100

var keywords = map[string]bool{
	"and": true, "or": true, "not": true, "in": true, "contains": true, "matches": true,
	"eq": true, "ne": true, "gt": true, "ge": true, "lt": true, "le": true,
	"any_eq": true, "all_eq": true, "any_ne": true, "all_ne": true, "any": true, "all": true,
}

func markKeyword(tok lexer.Token) (lexer.Token, error) {
	if keywords[tok.Value] {
		tok.Type = keywordType
	}
	return tok, nil
}

var filterParser = participle.MustBuild[gOr](
	participle.Lexer(filterLexer),
	participle.Map(markKeyword, "Word"),
	participle.Elide("Whitespace"),
	participle.UseLookahead(4),
)

type gNode struct {
	Pos  lexer.Position
	V    string `parser:"  @RangeNode"`
	Word string `parser:"| @Word"`
}

// arithParser parses a lone operand; it locates the real error when participle backtracks out of a
// comparison whose right side is broken ("a ==" must say the filter ended too soon).
var arithParser = participle.MustBuild[gArith](
	participle.Lexer(filterLexer),
	participle.Map(markKeyword, "Word"),
	participle.Elide("Whitespace"),
	participle.UseLookahead(4),
)
