package stats

import (
	"strings"
	"testing"
)

// TestFeedOrder checks the in-order byte stream a direction's segments give: retransmissions are
// dropped, segments after a gap wait for it to be filled, and a gap never filled is skipped once
// too much waits.
func TestFeedOrder(t *testing.T) {
	type seg struct {
		seq  uint64
		data string
	}
	big := strings.Repeat("x", maxHeld)
	cases := []struct {
		name string
		segs []seg
		want string
	}{
		{"in order", []seg{{1, "GET "}, {5, "/ HTTP"}}, "GET / HTTP"},
		{"retransmission", []seg{{1, "GET "}, {1, "GET "}, {5, "/"}}, "GET /"},
		{"overlap", []seg{{1, "GET "}, {3, "T /x"}}, "GET /x"},
		{"gap filled later", []seg{{1, "ab"}, {5, "ef"}, {3, "cd"}, {7, "g"}}, "abcdefg"},
		{"two held", []seg{{1, "a"}, {4, "d"}, {3, "c"}, {2, "b"}}, "abcd"},
		{"lost segment", []seg{{1, "a"}, {3, "c"}, {4, big}}, "a" + "c" + big},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var ds dirState
			var got strings.Builder
			for _, s := range c.segs {
				for _, b := range ds.feed(s.seq, []byte(s.data), nil) {
					got.WriteString(string(b))
				}
			}
			if g := got.String(); g != c.want {
				if len(g) > 40 || len(c.want) > 40 {
					t.Errorf("got %d bytes, want %d", len(g), len(c.want))
				} else {
					t.Errorf("got %q, want %q", g, c.want)
				}
			}
		})
	}
}
