package displayfilter

import (
	"regexp"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// The scanner: filterLexer's tokens without its cost. Participle's stateful lexer tries each rule's
// regular expression in turn at every position (seven tries before an operator), a few microseconds a
// token; a megabyte of filter took over a second to lex. scan gives the same tokens (held together by
// FuzzScanMatchesLexer) by looking at bytes, and uses the rules' own expressions only for words that
// start with a digit or a colon, or whose hex start is followed by a colon (addresses).

var (
	symbols   = filterLexer.Symbols()
	tokString = symbols["String"]
	tokChar   = symbols["Char"]
	tokCIDR   = symbols["CIDR"]
	tokWord   = symbols["Word"]
	tokDotWrd = symbols["DotWord"]
	tokLBrack = symbols["LBracket"]
	tokOp     = symbols["Op"]
	tokRBrack = symbols["RBracket"]
	tokComma  = symbols["Comma"]
	tokRange  = symbols["RangeNode"]

	reCIDR = regexp.MustCompile(`^(?:` + patCIDR + `)`)
	reWord = regexp.MustCompile(`^(?:` + patWord + `)`)
)

// scanned is the result of scan: the tokens that are not blanks, with keywords marked as markKeyword
// marks them, and where lexing failed (-1 when it did not). Tokens after a failure are not produced.
type scanned struct {
	toks   []lexer.Token
	errPos int
}

// scan lexes text as filterLexer does.
func scan(text string) scanned {
	s := scanned{errPos: -1, toks: make([]lexer.Token, 0, len(text)/2+4)}
	inRange := false
	for i := 0; i < len(text); {
		start := i
		c := text[i]
		if inRange {
			switch c {
			case ']':
				s.add(tokRBrack, text, i, i+1)
				inRange = false
				i++
			case ',':
				s.add(tokComma, text, i, i+1)
				i++
			default:
				for i < len(text) && text[i] != ']' && text[i] != ',' {
					i++
				}
				s.add(tokRange, text, start, i)
			}
			continue
		}
		switch {
		case isBlank(c):
			for i < len(text) && isBlank(text[i]) {
				i++
			}
		case c == '"' || c == '\'' || (c == 'r' && i+1 < len(text) && text[i+1] == '"'):
			q, typ, bad := byte('"'), tokString, badType
			if c == '\'' {
				q, typ, bad = '\'', tokChar, badChar
			} else if c == 'r' {
				i++
			}
			end, closed := quoted(text, i, q)
			if !closed {
				typ = bad
			}
			s.add(typ, text, start, end)
			i = end
		case isWordStart(c):
			end, typ := word(text, i)
			if end == i {
				s.errPos = i
				return s
			}
			if typ == tokWord && keywords[text[i:end]] {
				typ = keywordType
			}
			s.add(typ, text, i, end)
			i = end
		case c == ':':
			m := reWord.FindStringIndex(text[i:])
			s.add(tokWord, text, i, i+m[1]) // ":[:hex]*" always matches
			i += m[1]
		case c == '[':
			s.add(tokLBrack, text, i, i+1)
			inRange = true
			i++
		case c == '.' && i+1 < len(text) && isWordStart(text[i+1]):
			end := wordTail(text, i+2) // a field name with a leading dot (".ip.src")
			s.add(tokDotWrd, text, i, end)
			i = end
		default:
			n := opLen(text[i:])
			if n == 0 {
				s.errPos = i
				return s
			}
			s.add(tokOp, text, i, i+n)
			i += n
		}
	}
	return s
}

func (s *scanned) add(typ lexer.TokenType, text string, from, to int) {
	s.toks = append(s.toks, lexer.Token{Type: typ, Value: text[from:to], Pos: lexer.Position{Offset: from}})
}

func isBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}

func isWordStart(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isWordChar(c byte) bool { return isWordStart(c) || c == '-' }

// quoted scans a quoted string or character constant whose opening quote is at text[i]: escapes are a
// backslash and any character but a newline (the rule's `\\.`). It returns the end and whether the
// closing quote was found; an unclosed one ends where the rule stops matching, at the end of the text
// or at a backslash it cannot take.
func quoted(text string, i int, q byte) (int, bool) {
	for j := i + 1; j < len(text); {
		switch c := text[j]; c {
		case q:
			return j + 1, true
		case '\\':
			if j+1 >= len(text) || text[j+1] == '\n' {
				return j, false
			}
			_, n := utf8.DecodeRuneInString(text[j+1:])
			j += 1 + n
		default:
			_, n := utf8.DecodeRuneInString(text[j:])
			j += n
		}
	}
	return len(text), false
}

// word scans the word or address that starts at text[i] (a letter, digit or underscore), as the
// CIDR and Word rules match it.
func word(text string, i int) (int, lexer.TokenType) {
	c := text[i]
	h := i
	for h < len(text) && isHex(text[h]) {
		h++
	}
	if c >= '0' && c <= '9' || (h < len(text) && text[h] == ':') {
		// the address forms: leave them to the rules' expressions
		if c >= '0' && c <= '9' {
			if m := reCIDR.FindStringIndex(text[i:]); m != nil {
				return i + m[1], tokCIDR
			}
		}
		if m := reWord.FindStringIndex(text[i:]); m != nil {
			return i + m[1], tokWord
		}
		return i, tokWord
	}
	// [A-Za-z0-9_][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)*
	return wordTail(text, i+1), tokWord
}

// wordTail returns where a word whose first character ends before j ends: [A-Za-z0-9_\-]* and
// dot-separated parts.
func wordTail(text string, j int) int {
	for {
		for j < len(text) && isWordChar(text[j]) {
			j++
		}
		if j+1 < len(text) && text[j] == '.' && isWordChar(text[j+1]) {
			j++
			continue
		}
		return j
	}
}

// opLen is the length of the operator at the start of s (the Op rule), 0 if there is none.
func opLen(s string) int {
	if len(s) >= 3 && (s[:3] == "===" || s[:3] == "!==") {
		return 3
	}
	if len(s) >= 2 {
		switch s[:2] {
		case "==", "!=", "~=", "<=", ">=", "&&", "||", "..":
			return 2
		}
	}
	switch s[0] {
	case '<', '>', '!', '~', '&', '|', '^', '=', ']', '{', '}', '(', ')', ',', '#', '@', '$', '+', '-', '*', '/', '%', '.':
		return 1
	}
	return 0
}
