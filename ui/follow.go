package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/stream"
)

// The Follow Stream view (Wireshark's Analyze → Follow → TCP/UDP Stream): the data of the selected
// packet's conversation, client data and server data in two colours, shown as ASCII, hex dump, C
// arrays, raw hex or YAML, one direction or both. Opening it sets the display filter to the stream,
// closing it restores the previous filter. Packet bytes never reach the terminal raw: every byte that
// is not printable ASCII is shown as '.' or in hex.

// followDirs selects which directions the view shows (bit 0 client→server, bit 1 server→client).
var followDirNames = map[uint8]string{3: "both directions", 1: "client → server only", 2: "server → client only"}

var followModeNames = map[stream.Mode]string{stream.ASCII: "ASCII", stream.Hex: "Hex dump",
	stream.CArrays: "C Arrays", stream.Raw: "Raw", stream.YAML: "YAML"}

// followView is the state of an open Follow Stream view.
type followView struct {
	u          *UI
	proto      string
	stream     uint32
	f          *stream.Follow
	src        stream.ByteSource
	mode       stream.Mode
	dirs       uint8
	hideIAC    bool
	prevFilter string
	header     *tview.TextView
	text       *tview.TextView
	info       *tview.TextView
	lines      []string // the plain text shown, line by line, for find and save
	find       string
	findAt     int
}

// followStream opens the view on the stream of the selected packet.
func (u *UI) followStream(proto string) {
	if u.selTree == nil {
		u.flash("no packet selected")
		return
	}
	s := fieldText(u.selTree, proto+".stream")
	if s == "" {
		u.flash("the selected packet is not " + strings.ToUpper(proto))
		return
	}
	if i := strings.IndexByte(s, ','); i >= 0 {
		s = s[:i]
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		u.flash("no " + proto + " stream")
		return
	}
	v := &followView{u: u, proto: proto, mode: stream.ASCII, dirs: 3, prevFilter: u.filterText}
	v.build()
	v.open(uint32(n))
}

func (v *followView) build() {
	v.text = tview.NewTextView().SetDynamicColors(true).SetRegions(false).SetWrap(true)
	v.info = tview.NewTextView().SetDynamicColors(false)
	v.header = tview.NewTextView().SetDynamicColors(false)
	v.text.SetInputCapture(v.key)
	flex := tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(v.header, 1, 0, false).
		AddItem(v.text, 0, 1, true).
		AddItem(v.info, 4, 0, false)
	v.u.modal("Follow Stream", flex, 0, 0)
	v.u.app.SetFocus(v.text)
}

// open shows stream n and filters the packet list on it.
func (v *followView) open(n uint32) {
	v.stream = n
	v.f, v.src = v.u.eng.Follow(v.proto, n)
	text := v.proto + ".stream eq " + strconv.Itoa(int(n))
	v.u.filter.SetText(text)
	v.u.applyFilter()
	v.u.app.SetFocus(v.text)
	v.render()
}

func (v *followView) close() {
	v.u.filter.SetText(v.prevFilter)
	v.u.applyFilter()
	v.u.closeModal()
}

func (v *followView) key(ev *tcell.EventKey) *tcell.EventKey {
	if ev.Key() == tcell.KeyEscape {
		v.close()
		return nil
	}
	if ev.Key() != tcell.KeyRune {
		return ev
	}
	switch ev.Rune() {
	case 'q':
		v.close()
	case 'a':
		v.mode = stream.ASCII
	case 'x':
		v.mode = stream.Hex
	case 'c':
		v.mode = stream.CArrays
	case 'r':
		v.mode = stream.Raw
	case 'Y':
		v.mode = stream.YAML
	case 'd': // both → client→server → server→client
		v.dirs = map[uint8]uint8{3: 1, 1: 2, 2: 3}[v.dirs]
	case 'i':
		v.hideIAC = !v.hideIAC
	case ']':
		if int(v.stream)+1 < v.u.eng.StreamCount(v.proto) {
			v.open(v.stream + 1)
		}
		return nil
	case '[':
		if v.stream > 0 {
			v.open(v.stream - 1)
		}
		return nil
	case '/':
		v.prompt("Find: ", v.find, func(s string) { v.find, v.findAt = s, -1; v.findNext() })
		return nil
	case 'n':
		v.findNext()
		return nil
	case 's':
		v.prompt("Save as: ", "", v.save)
		return nil
	default:
		return ev
	}
	v.render()
	return nil
}

// prompt asks for a line of text in the view's info area.
func (v *followView) prompt(label, initial string, done func(string)) {
	in := tview.NewInputField().SetLabel(label).SetText(initial)
	in.SetDoneFunc(func(k tcell.Key) {
		v.u.pages.RemovePage("followprompt")
		v.u.app.SetFocus(v.text)
		if k == tcell.KeyEnter {
			done(in.GetText())
		}
	})
	grid := tview.NewFlex().SetDirection(tview.FlexRow).AddItem(nil, 0, 1, false).AddItem(in, 1, 0, true)
	v.u.pages.AddPage("followprompt", grid, true, true)
	v.u.app.SetFocus(in)
}

func (v *followView) findNext() {
	if v.find == "" {
		return
	}
	for k := 1; k <= len(v.lines); k++ {
		i := (v.findAt + k) % len(v.lines)
		if strings.Contains(v.lines[i], v.find) {
			v.findAt = i
			v.text.ScrollTo(i, 0)
			v.status("found “" + v.find + "” on line " + strconv.Itoa(i+1))
			return
		}
	}
	v.status("“" + v.find + "” not found")
}

func (v *followView) save(path string) {
	if path == "" {
		return
	}
	var data []byte
	if v.mode == stream.Raw { // raw saves the bytes themselves, as Wireshark's "Save as…" does
		for _, c := range v.f.Chunks {
			if v.dirs&(1<<c.Dir) != 0 {
				data = append(data, stream.ChunkBytes(c, v.src)...)
			}
		}
	} else {
		data = []byte(strings.Join(v.lines, "\n") + "\n")
	}
	fh, _, err := capture.CreateOutput(path, 0o644) // no planted link followed
	if err == nil {
		_, err = fh.Write(data)
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		v.status("save: " + err.Error())
		return
	}
	v.status(fmt.Sprintf("saved %d bytes to %s", len(data), path))
}

func (v *followView) status(msg string) {
	v.info.SetText(msg + "\n" + v.summary())
}

func (v *followView) summary() string {
	return fmt.Sprintf("%s stream %d: %s → %s  client %d bytes, server %d bytes\nShow as %s │ %s%s",
		strings.ToUpper(v.proto), v.stream, v.f.Nodes[0], v.f.Nodes[1], v.f.Bytes[0], v.f.Bytes[1],
		followModeNames[v.mode], followDirNames[v.dirs], map[bool]string{true: " │ telnet options hidden"}[v.hideIAC])
}

// render rebuilds the text for the current mode and directions.
func (v *followView) render() {
	var b strings.Builder
	v.lines = v.lines[:0]
	var plain strings.Builder
	colors := [2]string{"[red]", "[blue]"}
	var iac [2]iacState
	emit := func(dir uint8, s string) {
		plain.WriteString(s)
		b.WriteString(colors[dir])
		b.WriteString(tview.Escape(s))
		b.WriteString("[-]")
	}
	switch v.mode {
	case stream.CArrays, stream.YAML:
		var out []byte
		if v.mode == stream.CArrays {
			out = stream.AppendCArrays(nil, v.f, v.src, v.dirs)
		} else {
			out = stream.AppendYAML(nil, v.f, v.src, v.dirs)
		}
		s := string(stream.AppendASCII(nil, out))
		plain.WriteString(s)
		b.WriteString(tview.Escape(s))
	default:
		var pos [2]uint32
		for _, c := range v.f.Chunks {
			if v.dirs&(1<<c.Dir) == 0 {
				continue
			}
			data := stream.ChunkBytes(c, v.src)
			if data == nil {
				emit(c.Dir, fmt.Sprintf("\n[%d bytes missing in capture file]\n", c.Missing))
				continue
			}
			switch v.mode {
			case stream.Hex:
				prefix := ""
				if c.Dir == 1 {
					prefix = "    "
				}
				emit(c.Dir, string(stream.AppendHexDump(nil, prefix, pos[c.Dir], data)))
				pos[c.Dir] += uint32(len(data))
			case stream.Raw:
				emit(c.Dir, fmt.Sprintf("%x\n", data))
			default:
				if v.hideIAC && !c.Marker {
					data = iac[c.Dir].strip(data)
				}
				s := string(stream.AppendASCII(nil, data))
				s = strings.ReplaceAll(s, "\r\n", "\n")
				s = strings.ReplaceAll(s, "\r", "")
				emit(c.Dir, s)
			}
		}
	}
	v.lines = strings.Split(plain.String(), "\n")
	v.text.SetText(b.String())
	v.text.ScrollToBeginning()
	v.header.SetText(fmt.Sprintf("Follow %s Stream (%s.stream eq %d) — a ASCII x hex c C r raw Y YAML d direction i telnet / find s save [ ] stream Esc close",
		strings.ToUpper(v.proto), v.proto, v.stream))
	v.status("")
}

// iacState strips telnet IAC commands, option negotiations and subnegotiations from one direction,
// carrying a command cut between segments over to the next one.
type iacState struct {
	state uint8 // 0 data, 1 after IAC, 2 option byte expected, 3 in subnegotiation, 4 IAC in subnegotiation
}

func (s *iacState) strip(data []byte) []byte {
	out := make([]byte, 0, len(data))
	for _, c := range data {
		switch s.state {
		case 0:
			if c == 255 {
				s.state = 1
			} else {
				out = append(out, c)
			}
		case 1:
			switch {
			case c == 255: // an escaped 0xff data byte
				out = append(out, c)
				s.state = 0
			case c >= 251 && c <= 254: // WILL, WONT, DO, DONT + option
				s.state = 2
			case c == 250: // SB ... IAC SE
				s.state = 3
			default:
				s.state = 0
			}
		case 2:
			s.state = 0
		case 3:
			if c == 255 {
				s.state = 4
			}
		case 4:
			if c == 240 {
				s.state = 0
			} else {
				s.state = 3
			}
		}
	}
	return out
}
