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

// parse turns text into a syntax tree (nil for an empty filter).
func parse(text string) (*test, *Error) {
	// Lex first: tshark reports scanner errors (unterminated strings, stray characters) before
	// grammar errors.
	lx, err := filterLexer.LexString("", text)
	if err != nil {
		return nil, lexError(text, err)
	}
	nonEmpty := false
	for {
		tok, err := lx.Next()
		if err != nil {
			return nil, lexError(text, err)
		}
		if tok.EOF() {
			break
		}
		if tok.Type == badType {
			return nil, &Error{Pos: len(text), Len: 1, Msg: "The final quote was missing from a quoted string."}
		}
		if tok.Type == badChar {
			return nil, &Error{Pos: len(text), Len: 1, Msg: "The final quote was missing from a character constant."}
		}
		if tok.Type != wsType {
			nonEmpty = true
		}
	}
	if !nonEmpty {
		return nil, nil
	}
	g, err := filterParser.ParseString("", text)
	if err != nil {
		return nil, syntaxError(text, err)
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
// parser wanted an operator after the operand.
func quantifiedExists(text string, t *test) *Error {
	if t == nil {
		return nil
	}
	if t.kind == tExists && t.q != qNone {
		lx, err := filterLexer.LexString("", text[t.end:])
		if err == nil {
			for {
				tok, err := lx.Next()
				if err != nil || tok.EOF() {
					break
				}
				if tok.Type != wsType {
					tok.Pos.Offset += t.end
					return unexpected(text, tok)
				}
			}
		}
		return &Error{Pos: len(text), Msg: "Unexpected end of filter expression."}
	}
	if e := quantifiedExists(text, t.l); e != nil {
		return e
	}
	return quantifiedExists(text, t.r)
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
