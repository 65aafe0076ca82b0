package ui

import (
	"fmt"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/field"
)

// hexView is the packet-bytes pane: offset, 16 bytes in hex, their ASCII (non-printables as dots),
// with the selected field's bytes highlighted, and one tab per data source (frame, reassembled,
// decrypted) when there is more than one.
type hexView struct {
	*tview.Box
	ui     *UI
	tree   *field.Tree
	node   int32 // highlighted node, -1 none
	src    int   // data source shown
	top    int   // first line shown
	height int
}

func newHexView(u *UI) *hexView {
	return &hexView{Box: tview.NewBox(), ui: u, node: -1}
}

// setTree shows the sources of t and highlights node (-1: nothing), switching to its source.
func (h *hexView) setTree(t *field.Tree, node int32) {
	if t != h.tree {
		h.top = 0
		h.src = 0
	}
	h.tree, h.node = t, node
	if node > 0 && int(node) < len(t.Nodes) {
		n := &t.Nodes[node]
		if int(n.Src) < len(t.Sources) {
			h.src = int(n.Src)
		}
		if n.Len > 0 && h.height > 0 {
			first, last := int(n.Off)/16, int(n.Off+n.Len-1)/16
			if first < h.top {
				h.top = first
			} else if last >= h.top+h.height {
				h.top = max(first, last-h.height+1)
			}
		}
	}
}

func (h *hexView) bytes() []byte {
	if h.tree == nil || h.src >= len(h.tree.Sources) {
		return nil
	}
	return h.tree.Sources[h.src].Bytes
}

func (h *hexView) highlighted(off int) bool {
	if h.tree == nil || h.node <= 0 || int(h.node) >= len(h.tree.Nodes) {
		return false
	}
	n := &h.tree.Nodes[h.node]
	return int(n.Src) == h.src && off >= int(n.Off) && off < int(n.Off+n.Len)
}

// Draw implements tview.Primitive.
func (h *hexView) Draw(screen tcell.Screen) {
	h.Box.DrawForSubclass(screen, h)
	x, y, w, ht := h.GetInnerRect()
	if h.tree == nil || w <= 0 || ht <= 0 {
		return
	}
	th := h.ui.theme
	if len(h.tree.Sources) > 1 {
		cx := x
		for i, s := range h.tree.Sources {
			name := s.Name
			if i == 0 {
				name = "Frame"
			}
			label := fmt.Sprintf(" %s (%d bytes) ", name, len(s.Bytes))
			st := th.hexDim
			if i == h.src {
				st = th.header
			}
			cx = drawText(screen, cx, y, x+w, label, st)
			cx++
		}
		y++
		ht--
	}
	h.height = ht
	data := h.bytes()
	lines := (len(data) + 15) / 16
	if h.top > lines-ht {
		h.top = max(0, lines-ht)
	}
	const digits = "0123456789abcdef"
	for row := 0; row < ht && h.top+row < lines; row++ {
		off := (h.top + row) * 16
		cx := drawText(screen, x, y+row, x+w, fmt.Sprintf("%04x  ", off), th.hexDim)
		for i := 0; i < 16; i++ {
			if i == 8 {
				cx++
			}
			if off+i >= len(data) {
				cx += 3
				continue
			}
			c := data[off+i]
			st := th.hexText
			if h.highlighted(off + i) {
				st = th.hexHighlight
			}
			cx = drawText(screen, cx, y+row, x+w, string([]byte{digits[c>>4], digits[c&15]}), st)
			if h.highlighted(off+i) && h.highlighted(off+i+1) && i != 15 && i != 7 {
				cx = drawText(screen, cx, y+row, x+w, " ", st)
			} else {
				cx++
			}
		}
		cx += 1
		for i := 0; i < 16 && off+i < len(data); i++ {
			c := data[off+i]
			ch := "."
			if c >= 0x20 && c < 0x7f {
				ch = string(rune(c))
			}
			st := th.hexText
			if h.highlighted(off + i) {
				st = th.hexHighlight
			}
			cx = drawText(screen, cx, y+row, x+w, ch, st)
		}
	}
}

// drawText prints s at (x, y) up to xmax and returns the next column. s must be printable.
func drawText(screen tcell.Screen, x, y, xmax int, s string, st tcell.Style) int {
	for _, r := range s {
		if x >= xmax {
			return x
		}
		screen.SetContent(x, y, r, nil, st)
		x++
	}
	return x
}

// byteAt returns the source offset under screen position (px, py), or -1.
func (h *hexView) byteAt(px, py int) int {
	x, y, _, _ := h.GetInnerRect()
	if h.tree != nil && len(h.tree.Sources) > 1 {
		y++
	}
	row := py - y
	if row < 0 {
		return -1
	}
	col := px - x - 6
	var i int
	switch {
	case col >= 0 && col < 24:
		i = col / 3
	case col >= 25 && col < 49:
		i = 8 + (col-25)/3
	case col >= 50 && col < 66:
		i = col - 50
	default:
		return -1
	}
	off := (h.top+row)*16 + i
	if off >= len(h.bytes()) {
		return -1
	}
	return off
}

// MouseHandler selects the field under a clicked byte, scrolls with the wheel, and switches data
// source tabs.
func (h *hexView) MouseHandler() func(action tview.MouseAction, event *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
	return h.WrapMouseHandler(func(action tview.MouseAction, event *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
		px, py := event.Position()
		if !h.InRect(px, py) {
			return false, nil
		}
		switch action {
		case tview.MouseLeftClick:
			setFocus(h)
			_, y, _, _ := h.GetInnerRect()
			if h.tree != nil && len(h.tree.Sources) > 1 && py == y {
				h.src = (h.src + 1) % len(h.tree.Sources)
				h.top = 0
				return true, nil
			}
			if off := h.byteAt(px, py); off >= 0 {
				h.ui.selectByte(h.src, off)
			}
			return true, nil
		case tview.MouseScrollUp:
			if h.top > 0 {
				h.top--
			}
			return true, nil
		case tview.MouseScrollDown:
			h.top++
			return true, nil
		}
		return false, nil
	})
}

// InputHandler scrolls and switches tabs from the keyboard.
func (h *hexView) InputHandler() func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
	return h.WrapInputHandler(func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
		switch event.Key() {
		case tcell.KeyUp:
			if h.top > 0 {
				h.top--
			}
		case tcell.KeyDown:
			h.top++
		case tcell.KeyPgUp:
			h.top = max(0, h.top-h.height)
		case tcell.KeyPgDn:
			h.top += h.height
		case tcell.KeyRune:
			switch event.Rune() {
			case 'k':
				if h.top > 0 {
					h.top--
				}
			case 'j':
				h.top++
			case ']':
				if h.tree != nil && len(h.tree.Sources) > 0 {
					h.src = (h.src + 1) % len(h.tree.Sources)
					h.top = 0
				}
			}
		}
	})
}

// selectByte selects, in the details pane, the most specific item covering byte off of source src,
// as clicking a byte does in Wireshark.
func (u *UI) selectByte(src, off int) {
	t := u.selTree
	if t == nil {
		return
	}
	best := int32(-1)
	bestLen := int32(1 << 30)
	for i := 1; i < len(t.Nodes); i++ {
		n := &t.Nodes[i]
		if int(n.Src) != src || n.Flags&field.Hidden != 0 || n.Len <= 0 {
			continue
		}
		if off >= int(n.Off) && off < int(n.Off+n.Len) && n.Len <= bestLen {
			best, bestLen = int32(i), n.Len
		}
	}
	if best < 0 {
		return
	}
	var found *tview.TreeNode
	u.details.GetRoot().Walk(func(tn, _ *tview.TreeNode) bool {
		if idx, ok := tn.GetReference().(int32); ok && idx == best {
			found = tn
			return false
		}
		return true
	})
	if found == nil {
		return
	}
	// open the path to it
	for _, p := range u.details.GetPath(found) {
		p.SetExpanded(true)
	}
	u.details.SetCurrentNode(found)
	u.hex.setTree(t, best)
}
