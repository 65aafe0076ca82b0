package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/render"
)

// The Follow Stream view (Wireshark's Analyze → Follow → TCP/UDP Stream): the data of the selected
// packet's conversation, client data and server data in two colours, shown as ASCII, hex dump, C
// arrays, raw hex or YAML, one direction or both. Opening it sets the display filter to the stream,
// closing it restores the previous filter. Packet bytes never reach the terminal raw: every byte that
// is not printable ASCII is shown as '.' or in hex.

// followDirs selects which directions the view shows (bit 0 client→server, bit 1 server→client).
var followDirNames = map[uint8]string{3: "both directions", 1: "client → server only", 2: "server → client only"}

var followModeNames = map[render.FollowMode]string{render.FollowASCII: "ASCII", render.FollowHex: "Hex dump",
	render.FollowCArrays: "C Arrays", render.FollowRaw: "Raw", render.FollowYAML: "YAML"}

// followView is the state of an open Follow Stream view.
type followView struct {
	u          *UI
	proto      string
	stream     uint32
	res        *engine.FollowResult // nil while the follow job runs
	job        *engine.Job
	mode       render.FollowMode
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

// followStream opens the view on the stream of the selected packet: "tcp", "udp", "tls" (the
// decrypted application data of its TCP connection) or "http" (its HTTP messages, reassembled
// and, over TLS, decrypted).
func (u *UI) followStream(proto string) {
	if u.selTree == nil {
		u.flash("no packet selected")
		return
	}
	tcp, udp := engine.StreamOf(u.selTree)
	n := tcp
	if proto == "udp" {
		n = udp
	}
	if n < 0 {
		transport := "TCP"
		if proto == "udp" {
			transport = "UDP"
		}
		u.flash("the selected packet is not " + transport)
		return
	}
	v := &followView{u: u, proto: proto, mode: render.FollowASCII, dirs: 3, prevFilter: u.filterText}
	v.build()
	v.open(uint32(n))
}

// streamField is the display filter field that selects the followed stream.
func (v *followView) streamField() string {
	if v.proto == "udp" {
		return "udp.stream"
	}
	return "tcp.stream"
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

// open follows stream n in an engine job and filters the packet list on it; the text appears when
// the job is done.
func (v *followView) open(n uint32) {
	if v.job != nil {
		v.job.Cancel()
	}
	v.stream = n
	v.res = nil
	job, result := v.u.eng.Follow(v.proto, n)
	v.job = job
	v.text.SetText("Following " + strings.ToUpper(v.proto) + " stream " + strconv.Itoa(int(n)) + "…")
	text := v.streamField() + " eq " + strconv.Itoa(int(n))
	v.u.filter.SetText(text)
	v.u.applyFilter()
	v.u.app.SetFocus(v.text)
	go func() {
		err := job.Wait()
		v.u.app.QueueUpdateDraw(func() {
			if v.job != job {
				return
			}
			if err != nil {
				v.text.SetText("Follow: " + err.Error())
				return
			}
			v.res = result()
			v.render()
		})
	}()
}

func (v *followView) close() {
	if v.job != nil {
		v.job.Cancel()
	}
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
		v.mode = render.FollowASCII
	case 'x':
		v.mode = render.FollowHex
	case 'c':
		v.mode = render.FollowCArrays
	case 'r':
		v.mode = render.FollowRaw
	case 'Y':
		v.mode = render.FollowYAML
	case 'd': // both → client→server → server→client
		v.dirs = map[uint8]uint8{3: 1, 1: 2, 2: 3}[v.dirs]
	case 'i':
		v.hideIAC = !v.hideIAC
	case ']':
		if int(v.stream)+1 < v.u.eng.StreamCount(strings.TrimSuffix(v.streamField(), ".stream")) {
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
	if path == "" || v.res == nil {
		return
	}
	var data []byte
	if v.mode == render.FollowRaw { // raw saves the bytes themselves, as Wireshark's "Save as…" does
		for _, c := range v.res.Chunks {
			if v.dirs&(1<<c.Dir) != 0 {
				data = append(data, render.FollowChunkBytes(c, v.res.Src)...)
			}
		}
	} else {
		data = []byte(strings.Join(v.lines, "\n") + "\n")
	}
	if err := engine.WriteFile(path, data); err != nil {
		v.status("save: " + err.Error())
		return
	}
	v.status(fmt.Sprintf("saved %d bytes to %s", len(data), path))
}

func (v *followView) status(msg string) {
	if v.res == nil {
		v.info.SetText(msg)
		return
	}
	v.info.SetText(msg + "\n" + v.summary())
}

func (v *followView) summary() string {
	return fmt.Sprintf("%s stream %d: %s → %s  client %d bytes, server %d bytes\nShow as %s │ %s%s",
		strings.ToUpper(v.proto), v.stream, v.res.Nodes[0], v.res.Nodes[1], v.res.Bytes[0], v.res.Bytes[1],
		followModeNames[v.mode], followDirNames[v.dirs], map[bool]string{true: " │ telnet options hidden"}[v.hideIAC])
}

// render rebuilds the text for the current mode and directions.
func (v *followView) render() {
	if v.res == nil {
		return // the follow job is still running
	}
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
	case render.FollowCArrays, render.FollowYAML:
		var out []byte
		if v.mode == render.FollowCArrays {
			out = render.AppendFollowCArrays(nil, v.res.Follow, v.res.Src, v.dirs)
		} else {
			out = render.AppendFollowYAML(nil, v.res.Follow, v.res.Src, v.dirs)
		}
		s := string(render.AppendFollowASCII(nil, out))
		plain.WriteString(s)
		b.WriteString(tview.Escape(s))
	default:
		var pos [2]uint32
		for _, c := range v.res.Chunks {
			if v.dirs&(1<<c.Dir) == 0 {
				continue
			}
			data := render.FollowChunkBytes(c, v.res.Src)
			if data == nil {
				emit(c.Dir, fmt.Sprintf("\n[%d bytes missing in capture file]\n", c.Missing))
				continue
			}
			switch v.mode {
			case render.FollowHex:
				prefix := ""
				if c.Dir == 1 {
					prefix = "    "
				}
				emit(c.Dir, string(render.AppendFollowHexDump(nil, prefix, pos[c.Dir], data)))
				pos[c.Dir] += uint32(len(data))
			case render.FollowRaw:
				emit(c.Dir, fmt.Sprintf("%x\n", data))
			default:
				if v.hideIAC && !c.Marker {
					data = iac[c.Dir].strip(data)
				}
				s := string(render.AppendFollowASCII(nil, data))
				s = strings.ReplaceAll(s, "\r\n", "\n")
				s = strings.ReplaceAll(s, "\r", "")
				emit(c.Dir, s)
			}
		}
	}
	v.lines = strings.Split(plain.String(), "\n")
	v.text.SetText(b.String())
	v.text.ScrollToBeginning()
	v.header.SetText(fmt.Sprintf("Follow %s Stream (%s eq %d) — a ASCII x hex c C r raw Y YAML d direction i telnet / find s save [ ] stream Esc close",
		strings.ToUpper(v.proto), v.streamField(), v.stream))
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
