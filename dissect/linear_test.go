package dissect_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/budget"
	"github.com/tshark-tui/tshark-tui/internal/hostile"
)

// passFrames runs the first pass over Ethernet frames, columns on (as a tshark run prints them).
func passFrames(frames [][]byte) *dissect.Ctx {
	tr := field.NewTree(dissect.Fields)
	tr.Visible = false
	c := dissect.NewCtx(tr, dissect.NewState())
	c.Cols.On, c.Pass1 = true, true
	for i, b := range frames {
		c.Run(&dissect.FrameInfo{Number: uint32(i + 1), TS: int64(i) * 1e6, CapLen: uint32(len(b)), Len: uint32(len(b)), Link: 1}, b)
	}
	return c
}

// TestHTTPHeaderNeverEnds: a port-80 request whose header never ends, one line a segment, is
// reassembled in time linear in its length: the search for the header's end resumes where it
// stopped (it rescanned the whole buffer on every segment: 10,000 segments took 31 s). The same for a
// first line that never ends and a chunked body that grows a chunk a segment.
func TestHTTPHeaderNeverEnds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		first string
		line  func(i int) string
	}{
		{"header lines", "GET / HTTP/1.1\r\n", func(i int) string { return fmt.Sprintf("X-H%d: v\r\n", i) }},
		{"first line", "GET /", func(i int) string { return "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }},
		{"chunked body", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", func(i int) string { return "10\r\n0123456789abcdef\r\n" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			payloads := [][]byte{[]byte(tc.first)}
			for i := 0; i < 40000; i++ {
				payloads = append(payloads, []byte(tc.line(i)))
			}
			frames := hostile.Stream(80, payloads...)
			budget.Within(t, 5*time.Second, "40,000 segments of one HTTP message", func() { passFrames(frames) })
		})
	}
}

// TestDNSLoopingNames: a DNS message whose names point into a long chain of labels that loops back
// on itself is dissected in time linear in its length (a name was followed through 255 pointer
// jumps, each over the whole chain, for every question: a mutation-sweep input took minutes). Each
// name shows as tshark shows it, "<Name contains a pointer that loops>".
func TestDNSLoopingNames(t *testing.T) {
	const labels, questions = 780, 2000
	b := []byte{0x12, 0x34, 0x01, 0x00, byte(questions >> 8), byte(questions & 0xff), 0, 0, 0, 0, 0, 0}
	chain := 12 + questions*6 // the labels follow the questions
	for i := 0; i < questions; i++ {
		b = append(b, 0xc0|byte(chain>>8), byte(chain), 0, 1, 0, 1)
	}
	for i := 0; i < labels; i++ {
		b = append(b, 63)
		b = append(b, bytes.Repeat([]byte{'a'}, 63)...)
	}
	b = append(b, 0xc0|byte(chain>>8), byte(chain)) // back to the first label
	frame := hostile.UDP(5353, 53, b)
	var c *dissect.Ctx
	budget.Within(t, 10*time.Second, "a DNS message of looping names", func() { c = passFrames([][]byte{frame}) })
	if info := string(c.Cols.Info); !strings.HasPrefix(info, "Standard query 0x1234 A <Name contains a pointer that loops> A <Name") {
		t.Errorf("Info %.200q", info)
	}
}
