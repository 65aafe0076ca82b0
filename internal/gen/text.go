package gen

import "math/rand/v2"

var words = []string{
	"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
	"eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim",
	"ad", "minim", "veniam", "quis", "nostrud", "exercitation", "ullamco", "laboris", "nisi",
	"aliquip", "ex", "ea", "commodo", "consequat", "duis", "aute", "irure", "in", "reprehenderit",
	"voluptate", "velit", "esse", "cillum", "eu", "fugiat", "nulla", "pariatur", "excepteur",
	"sint", "occaecat", "cupidatat", "non", "proident", "sunt", "culpa", "qui", "officia",
	"deserunt", "mollit", "anim", "id", "est", "laborum", "server", "request", "packet", "window",
	"segment", "stream", "capture", "filter", "frame", "order", "invoice", "shipment", "report",
}

// makeText returns n bytes of printable ASCII prose in CRLF-terminated lines
// of at most 76 characters; no line starts with a dot (SMTP-safe).
func makeText(r *rand.Rand, n int) []byte {
	b := make([]byte, 0, n+80)
	line := 0
	for len(b) < n {
		w := words[r.IntN(len(words))]
		if line+len(w)+1 > 76 {
			b = append(b, '.', '\r', '\n')
			line = 0
		}
		if line > 0 {
			b = append(b, ' ')
			line++
		} else {
			b = append(b, w[0]-'a'+'A')
			w = w[1:]
			line++
		}
		b = append(b, w...)
		line += len(w)
	}
	return b[:n]
}

// makeNoise returns n pseudo-random bytes, the stand-in for ciphertext.
func makeNoise(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := 0; i+8 <= n; i += 8 {
		v := r.Uint64()
		for j := range 8 {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return b
}

// slice returns l bytes from src starting at a random offset.
func (g *generator) slice(src []byte, l int) []byte {
	if l > len(src) {
		l = len(src)
	}
	off := g.r.IntN(len(src) - l + 1)
	return src[off : off+l]
}
