package displayfilter

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Error is a display filter error at a byte span of the filter text. Msg is tshark 4.0's wording where
// tshark has one (so it keeps tshark's capital letter and final period).
type Error struct {
	Pos, Len int // byte offset and length of the offending span in the filter text
	Msg      string
}

// Error returns the message, as tshark prints it after "tshark: ".
func (e *Error) Error() string { return e.Msg }

// Caret returns text and, on the next line, a caret under the error's span ("^~~~"), the way tshark
// draws it. An error without a span (end of input) gets the text alone.
func (e *Error) Caret(text string) string {
	var b strings.Builder
	b.WriteString(text)
	b.WriteString("\n")
	pos := e.Pos
	if pos < 0 || pos > len(text) {
		return b.String()
	}
	b.WriteString(strings.Repeat(" ", utf8.RuneCountInString(text[:pos])))
	b.WriteString("^")
	end := pos + e.Len
	if end > len(text) {
		end = len(text)
	}
	if n := utf8.RuneCountInString(text[pos:end]); n > 1 {
		b.WriteString(strings.Repeat("~", n-1))
	}
	return b.String()
}

func errAt(pos, end int, msg string) *Error { return &Error{Pos: pos, Len: end - pos, Msg: msg} }

var (
	wsType  = filterLexer.Symbols()["Whitespace"]
	badType = filterLexer.Symbols()["BadString"]
	badChar = filterLexer.Symbols()["BadChar"]
)

// participleLimit is the longest filter whose syntax error participle words: the descent parser
// finds the same errors, but tshark's wording for some of them (where participle backtracks) comes
// from participle's view of the error, which costs time superlinear in the filter's length.
const participleLimit = 16 << 10

// parse turns text into a syntax tree (nil for an empty filter).
func parse(text string) (*test, *Error) {
	// Lex first: tshark reports scanner errors (unterminated strings, stray characters) before
	// grammar errors.
	sc := scan(text)
	for _, tok := range sc.toks {
		if tok.Type == badType {
			return nil, &Error{Pos: len(text), Len: 1, Msg: "The final quote was missing from a quoted string."}
		}
		if tok.Type == badChar {
			return nil, &Error{Pos: len(text), Len: 1, Msg: "The final quote was missing from a character constant."}
		}
	}
	if sc.errPos >= 0 {
		_, n := utf8.DecodeRuneInString(text[sc.errPos:])
		return nil, &Error{Pos: sc.errPos, Len: n, Msg: `"` + text[sc.errPos:sc.errPos+n] + `" was unexpected in this context.`}
	}
	if len(sc.toks) == 0 {
		return nil, nil
	}
	g, derr, tooDeep := descend(text, sc.toks)
	if derr != nil {
		if tooDeep || len(text) > participleLimit {
			return nil, derr
		}
		pg, err := filterParser.ParseString("", text)
		if err != nil {
			return nil, syntaxError(text, err)
		}
		g = pg // not expected: FuzzDescentMatchesParticiple holds the two parsers together
	}
	c := &converter{ws: wsType}
	t := c.or(g)
	if c.err != nil {
		return nil, c.err
	}
	if e := quantifiedExists(text, t); e != nil {
		return nil, e
	}
	return t, nil
}

// quantifiedExists rejects "any tcp": in tshark's grammar "any" and "all" prefix a relation, so the
// parser wanted an operator after the operand. It reports the leftmost.
func quantifiedExists(text string, t *test) *Error {
	var found *Error
	walkTests(t, func(t *test) bool {
		if t.kind != tExists || t.q == qNone {
			return true
		}
		if next, ok := nextToken(text, t.end); ok {
			found = unexpected(text, next)
		} else {
			found = &Error{Pos: len(text), Msg: "Unexpected end of filter expression."}
		}
		return false
	})
	return found
}

// walkTests calls fn on t and every test below it, each before its operands and left before right,
// until fn returns false. It keeps its own stack: a long chain of "and" is a deep tree.
func walkTests(t *test, fn func(*test) bool) {
	if t == nil {
		return
	}
	stack := []*test{t}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !fn(n) {
			return
		}
		if n.r != nil {
			stack = append(stack, n.r)
		}
		if n.l != nil {
			stack = append(stack, n.l)
		}
	}
}

func lexError(text string, err error) *Error {
	var pe participle.Error
	if errors.As(err, &pe) {
		off := pe.Position().Offset
		if off >= 0 && off < len(text) {
			_, n := utf8.DecodeRuneInString(text[off:])
			return &Error{Pos: off, Len: n, Msg: `"` + text[off:off+n] + `" was unexpected in this context.`}
		}
	}
	return &Error{Pos: 0, Len: len(text), Msg: err.Error()}
}

func syntaxError(text string, err error) *Error {
	var ute *participle.UnexpectedTokenError
	if errors.As(err, &ute) {
		tok := ute.Unexpected
		if tok.EOF() {
			return &Error{Pos: len(text), Msg: "Unexpected end of filter expression."}
		}
		if tok.Value == "," || tok.Value == ".." {
			// participle backs out of a list element that did not parse: blame what follows.
			if next, ok := nextToken(text, tok.Pos.Offset+len(tok.Value)); ok {
				return unexpected(text, next)
			}
			return &Error{Pos: len(text), Msg: "Unexpected end of filter expression."}
		}
		if _, isOp := opByText[tok.Value]; isOp {
			if e := operandError(text, tok.Pos.Offset+len(tok.Value)); e != nil {
				return e
			}
		}
		return unexpected(text, tok)
	}
	var pe participle.Error
	if errors.As(err, &pe) {
		off := pe.Position().Offset
		if off >= len(text) {
			return &Error{Pos: len(text), Msg: "Unexpected end of filter expression."}
		}
		// Re-lex to find the token at the error position.
		if lx, lerr := filterLexer.LexString("", text); lerr == nil {
			for {
				tok, e := lx.Next()
				if e != nil || tok.EOF() {
					break
				}
				if tok.Pos.Offset >= off && tok.Type != wsType {
					return unexpected(text, tok)
				}
			}
		}
		return &Error{Pos: off, Len: 1, Msg: pe.Message()}
	}
	return &Error{Pos: 0, Len: len(text), Msg: err.Error()}
}

func unexpected(text string, tok lexer.Token) *Error {
	if off := tok.Pos.Offset; off > 0 && text[off-1] == '#' {
		_, n := utf8.DecodeRuneInString(text[off:])
		return &Error{Pos: off, Len: n, Msg: `Expected digit or "[", not "` + text[off:off+n] + `"`}
	}
	return &Error{Pos: tok.Pos.Offset, Len: len(tok.Value), Msg: `"` + tok.Value + `" was unexpected in this context.`}
}

// operandError parses text[off:] as the right operand of a comparison and returns its error.
func operandError(text string, off int) *Error {
	rest := text[off:]
	_, err := arithParser.ParseString("", rest)
	if err == nil {
		return nil
	}
	var ute *participle.UnexpectedTokenError
	if errors.As(err, &ute) {
		if ute.Unexpected.EOF() {
			return &Error{Pos: len(text), Msg: "Unexpected end of filter expression."}
		}
		tok := ute.Unexpected
		tok.Pos.Offset += off
		return unexpected(text, tok)
	}
	return nil
}

// nextToken returns the first token at or after off.
func nextToken(text string, off int) (lexer.Token, bool) {
	lx, err := filterLexer.LexString("", text[off:])
	if err != nil {
		return lexer.Token{}, false
	}
	for {
		tok, err := lx.Next()
		if err != nil || tok.EOF() {
			return lexer.Token{}, false
		}
		if tok.Type != wsType {
			tok.Pos.Offset += off
			return tok, true
		}
	}
}
