package bpf

import (
	"io"
	"net"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types of the pcap-filter lexer, as libpcap's scanner.l classifies words.
const (
	tokNum     lexer.TokenType = iota + 1 // decimal or 0x hex number, or a named constant (tcp-syn)
	tokHID                                // dotted numeric host or network (10.1.2.3, 10.1)
	tokHID6                               // IPv6 address
	tokEID                                // MAC address
	tokIdent                              // any other word (host or service name), or \escaped
	tokKeyword                            // a reserved word of the language
	tokPunct                              // operators and brackets
)

var symbols = map[string]lexer.TokenType{
	"EOF": lexer.EOF, "Num": tokNum, "HID": tokHID, "HID6": tokHID6, "EID": tokEID,
	"Ident": tokIdent, "Keyword": tokKeyword, "Punct": tokPunct,
}

// keywords are the reserved words; a word equal to one of them is never a name.
var keywords = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`dst src host net mask port portrange proto protochain gateway
		link ether ppp slip fddi tr wlan arp rarp ip sctp tcp udp icmp igmp igrp pim vrrp carp radio
		ip6 icmp6 ah esp atalk aarp decnet lat sca moprc mopdl iso esis es-is isis is-is clnp stp ipx
		netbeui broadcast multicast less greater byte len length inbound outbound ifindex vlan mpls
		pppoed pppoes geneve lane llc and or not type subtype direction dir on ifname ra ta addr1
		addr2 addr3 addr4`) {
		keywords[k] = true
	}
}

// namedConstants are the words libpcap's scanner turns into numbers.
var namedConstants = map[string]uint32{
	"icmptype": 0, "icmpcode": 1, "icmp6type": 0, "icmp6code": 1, "tcpflags": 13,
	"icmp-echoreply": 0, "icmp-unreach": 3, "icmp-sourcequench": 4, "icmp-redirect": 5,
	"icmp-echo": 8, "icmp-routeradvert": 9, "icmp-routersolicit": 10, "icmp-timxceed": 11,
	"icmp-paramprob": 12, "icmp-tstamp": 13, "icmp-tstampreply": 14, "icmp-ireq": 15,
	"icmp-ireqreply": 16, "icmp-maskreq": 17, "icmp-maskreply": 18,
	"icmp6-destinationunreach": 1, "icmp6-packettoobig": 2, "icmp6-timeexceeded": 3,
	"icmp6-parameterproblem": 4, "icmp6-echo": 128, "icmp6-echoreply": 129,
	"icmp6-multicastlistenerquery": 130, "icmp6-multicastlistenerreportv1": 131,
	"icmp6-multicastlistenerdone": 132, "icmp6-routersolicit": 133, "icmp6-routeradvert": 134,
	"icmp6-neighborsolicit": 135, "icmp6-neighboradvert": 136, "icmp6-redirect": 137,
	"icmp6-routerrenum": 138, "icmp6-nodeinformationquery": 139,
	"icmp6-nodeinformationresponse": 140, "icmp6-ineighbordiscoverysolicit": 141,
	"icmp6-ineighbordiscoveryadvert": 142, "icmp6-multicastlistenerreportv2": 143,
	"icmp6-homeagentdiscoveryrequest": 144, "icmp6-homeagentdiscoveryreply": 145,
	"icmp6-mobileprefixsolicit": 146, "icmp6-mobileprefixadvert": 147,
	"icmp6-certpathsolicit": 148, "icmp6-certpathadvert": 149,
	"icmp6-multicastrouteradvert": 151, "icmp6-multicastroutersolicit": 152,
	"icmp6-multicastrouterterm": 153,
	"tcp-fin":                   0x01, "tcp-syn": 0x02, "tcp-rst": 0x04, "tcp-push": 0x08, "tcp-ack": 0x10,
	"tcp-urg": 0x20, "tcp-ece": 0x40, "tcp-cwr": 0x80,
}

// lexDef is the participle lexer definition for pcap-filter expressions.
type lexDef struct{}

func (lexDef) Symbols() map[string]lexer.TokenType { return symbols }

func (d lexDef) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

// LexString tokenizes the whole input at once.
func (lexDef) LexString(filename string, s string) (lexer.Lexer, error) {
	toks, err := tokenize(filename, s)
	if err != nil {
		return nil, err
	}
	return &sliceLexer{toks: toks}, nil
}

type sliceLexer struct {
	toks []lexer.Token
	i    int
}

func (l *sliceLexer) Next() (lexer.Token, error) {
	t := l.toks[l.i]
	if l.i < len(l.toks)-1 {
		l.i++
	}
	return t, nil
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// tokenize splits s like libpcap's flex scanner: the longest match wins, and reserved words and
// number forms beat plain names of the same length.
func tokenize(filename, s string) ([]lexer.Token, error) {
	var toks []lexer.Token
	pos := func(i int) lexer.Position {
		return lexer.Position{Filename: filename, Offset: i, Line: 1, Column: i + 1}
	}
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
		if i >= len(s) {
			toks = append(toks, lexer.EOFToken(pos(i)))
			return toks, nil
		}
		c := s[i]
		if c == '\\' {
			j := i + 1
			for j < len(s) && !strings.ContainsRune(" !()\n\t", rune(s[j])) {
				j++
			}
			if j == i+1 {
				return nil, &Error{Pos: i, Msg: "syntax error", parse: true}
			}
			toks = append(toks, lexer.Token{Type: tokIdent, Value: s[i+1 : j], Pos: pos(i)})
			i = j
			continue
		}
		if isAlnum(c) || c == ':' {
			// ID: [A-Za-z0-9]([-_.A-Za-z0-9]*[.A-Za-z0-9])?
			idEnd := i
			if isAlnum(c) {
				j := i + 1
				for j < len(s) && (isAlnum(s[j]) || s[j] == '-' || s[j] == '_' || s[j] == '.') {
					j++
				}
				for j > i+1 && (s[j-1] == '-' || s[j-1] == '_') {
					j--
				}
				idEnd = j
			}
			// a run of hex digits, colons and dots may be a MAC or IPv6 address
			k := i
			for k < len(s) && (isHex(s[k]) || s[k] == ':' || s[k] == '.') {
				k++
			}
			if run := s[i:k]; k > idEnd && strings.Contains(run, ":") {
				if isMAC(run) {
					toks = append(toks, lexer.Token{Type: tokEID, Value: run, Pos: pos(i)})
					i = k
					continue
				}
				if ip := net.ParseIP(run); ip != nil {
					toks = append(toks, lexer.Token{Type: tokHID6, Value: run, Pos: pos(i)})
					i = k
					continue
				}
			}
			if idEnd == i {
				toks = append(toks, lexer.Token{Type: tokPunct, Value: ":", Pos: pos(i)})
				i++
				continue
			}
			w := s[i:idEnd]
			typ := tokIdent
			switch {
			case keywords[w]:
				typ = tokKeyword
			case isNum(w):
				typ = tokNum
			case isHID(w):
				typ = tokHID
			case isMACDots(w):
				typ = tokEID
			default:
				if _, ok := namedConstants[w]; ok {
					typ = tokNum
				}
			}
			toks = append(toks, lexer.Token{Type: typ, Value: w, Pos: pos(i)})
			i = idEnd
			continue
		}
		if i+1 < len(s) {
			switch two := s[i : i+2]; two {
			case ">=", "<=", "!=", "==", "<<", ">>", "&&", "||":
				toks = append(toks, lexer.Token{Type: tokPunct, Value: two, Pos: pos(i)})
				i += 2
				continue
			}
		}
		if strings.IndexByte("+-*/%:[]!<>()&|^=", c) >= 0 {
			toks = append(toks, lexer.Token{Type: tokPunct, Value: s[i : i+1], Pos: pos(i)})
			i++
			continue
		}
		return nil, &Error{Pos: i, Msg: "syntax error", parse: true}
	}
}

// isNum reports whether w is libpcap's N: decimal digits or 0x hex digits.
func isNum(w string) bool {
	if len(w) > 2 && (w[:2] == "0x" || w[:2] == "0X") {
		for i := 2; i < len(w); i++ {
			if !isHex(w[i]) {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// isHID reports whether w is N.N, N.N.N or N.N.N.N.
func isHID(w string) bool {
	parts := strings.Split(w, ".")
	if len(parts) < 2 || len(parts) > 4 {
		return false
	}
	for _, p := range parts {
		if !isNum(p) {
			return false
		}
	}
	return true
}

// isMAC reports whether w is six 1-2 digit hex groups separated by colons.
func isMAC(w string) bool {
	parts := strings.Split(w, ":")
	if len(parts) != 6 {
		return false
	}
	for _, p := range parts {
		if len(p) < 1 || len(p) > 2 || !isHex(p[0]) || !isHex(p[len(p)-1]) {
			return false
		}
	}
	return true
}

// isMACDots reports whether w is a MAC written as three dotted groups of four hex digits.
func isMACDots(w string) bool {
	parts := strings.Split(w, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if len(p) != 4 {
			return false
		}
		for i := 0; i < 4; i++ {
			if !isHex(p[i]) {
				return false
			}
		}
	}
	return true
}
