package ui

import (
	"testing"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/store"
)

// TestNoColumnFitsFrameNumbers: the No. column widens for captures of a million frames and more,
// instead of cutting their numbers.
func TestNoColumnFitsFrameNumbers(t *testing.T) {
	no := Column{Title: "No.", Kind: ColNo, Width: 6}
	for _, tc := range []struct {
		count uint32
		want  int
	}{{0, 6}, {999999, 6}, {1000000, 7}, {12345678, 8}} {
		p := &packetList{view: &engine.View{Count: store.FrameNo(tc.count)}}
		if got := p.width(no); got != tc.want {
			t.Errorf("%d frames: No. width %d, want %d", tc.count, got, tc.want)
		}
	}
	if got := (&packetList{}).width(Column{Kind: ColSrc, Width: 20}); got != 20 {
		t.Errorf("Source width %d, want 20", got)
	}
}
