package stream

import (
	"encoding/base64"
	"fmt"
	"strconv"
)

// Mode is a way to show a followed stream (Wireshark's "Show data as").
type Mode uint8

// Modes. ASCII, Hex and Raw are also tshark's -z follow modes.
const (
	ASCII Mode = iota
	Hex
	Raw
	CArrays
	YAML
)

var modeNames = [...]string{"ascii", "hex", "raw", "c_arrays", "yaml"}

// String returns the mode's tshark name ("ascii", "hex", "raw"...).
func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return "mode" + strconv.Itoa(int(m))
}

// ParseMode parses a tshark follow mode name.
func ParseMode(s string) (Mode, bool) {
	for i, n := range modeNames {
		if n == s {
			return Mode(i), true
		}
	}
	return 0, false
}

const separator = "===================================================================\n"

// Report is what tshark's -z follow prints: its header, the chunks in a range, its footer.
type Report struct {
	Proto  string // "tcp" or "udp"
	Mode   Mode
	Filter string // "tcp.stream eq 0"
	Follow *Follow
	// ChunkMin and ChunkMax select chunks by their 1-based number (0 = no limit), tshark's range.
	ChunkMin, ChunkMax int
}

// AppendTshark appends the report exactly as tshark 4.0's follow tap prints it.
func (r *Report) AppendTshark(b []byte, src ByteSource) []byte {
	b = append(b, '\n')
	b = append(b, separator...)
	b = append(b, "Follow: "...)
	b = append(b, r.Proto...)
	b = append(b, ',')
	b = append(b, r.Mode.String()...)
	b = append(b, "\nFilter: "...)
	b = append(b, r.Filter...)
	b = append(b, "\nNode 0: "...)
	b = append(b, r.Follow.Nodes[0].String()...)
	b = append(b, "\nNode 1: "...)
	b = append(b, r.Follow.Nodes[1].String()...)
	b = append(b, '\n')
	var pos [2]uint32
	for i, c := range r.Follow.Chunks {
		data := ChunkBytes(c, src)
		if c.Missing > 0 && !c.Marker {
			continue // a gap only a viewer shows
		}
		n := i + 1
		if (r.ChunkMin > 0 && n < r.ChunkMin) || (r.ChunkMax > 0 && n > r.ChunkMax) {
			pos[c.Dir] += uint32(len(data))
			continue
		}
		prefix := ""
		if c.Dir == 1 {
			prefix = "\t"
		}
		switch r.Mode {
		case Hex:
			b = AppendHexDump(b, prefix, pos[c.Dir], data)
			pos[c.Dir] += uint32(len(data))
		case Raw:
			b = append(b, prefix...)
			b = appendHex(b, data)
			b = append(b, '\n')
		default:
			b = append(b, prefix...)
			b = strconv.AppendInt(b, int64(len(data)), 10)
			b = append(b, '\n')
			b = AppendASCII(b, data)
			b = append(b, '\n')
		}
	}
	return append(b, separator...)
}

const hexDigits = "0123456789abcdef"

func appendHex(b, data []byte) []byte {
	for _, c := range data {
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return b
}

// AppendASCII appends data with every byte that is not printable ASCII, CR or LF shown as '.', as
// tshark's follow ascii mode does. A CR stays only where it ends a line (before an LF, or as the
// chunk's last byte, which the caller follows with a newline): a lone CR would return the terminal's
// cursor and let later text overwrite what came before it, so it is shown as '.' (tshark prints it).
// The result holds no other control bytes.
func AppendASCII(b, data []byte) []byte {
	for i, c := range data {
		if c == '\n' || (c >= 0x20 && c < 0x7f) || (c == '\r' && (i+1 == len(data) || data[i+1] == '\n')) {
			b = append(b, c)
		} else {
			b = append(b, '.')
		}
	}
	return b
}

// AppendHexDump appends tshark's follow hex dump of data: lines of 16 bytes with an 8-digit offset
// starting at off, each line preceded by prefix.
func AppendHexDump(b []byte, prefix string, off uint32, data []byte) []byte {
	const perLine = 16
	for i := 0; i < len(data); i += perLine {
		end := i + perLine
		if end > len(data) {
			end = len(data)
		}
		line := data[i:end]
		b = append(b, prefix...)
		b = fmt.Appendf(b, "%08X", off)
		b = append(b, "  "...)
		for j := 0; j < perLine; j++ {
			if j < len(line) {
				b = append(b, hexDigits[line[j]>>4], hexDigits[line[j]&15], ' ')
			} else {
				b = append(b, "   "...)
			}
			if j == perLine/2-1 {
				b = append(b, ' ')
			}
		}
		b = append(b, ' ')
		for j, c := range line {
			if c >= 0x20 && c < 0x7f {
				b = append(b, c)
			} else {
				b = append(b, '.')
			}
			if j == perLine/2-1 {
				b = append(b, ' ')
			}
		}
		if b[len(b)-1] == ' ' { // tshark trims one trailing space, even a shown one
			b = b[:len(b)-1]
		}
		b = append(b, '\n')
		off += perLine
	}
	return b
}

// AppendCArrays appends the chunks as C arrays, Wireshark's "C Arrays" view: one array per chunk,
// named peer<dir>_<n>.
func AppendCArrays(b []byte, f *Follow, src ByteSource, dirs uint8) []byte {
	var count [2]int
	for _, c := range f.Chunks {
		if dirs&(1<<c.Dir) == 0 {
			continue
		}
		data := ChunkBytes(c, src)
		if data == nil {
			b = fmt.Appendf(b, "/* %d bytes missing in capture file */\n", c.Missing)
			continue
		}
		b = fmt.Appendf(b, "char peer%d_%d[] = { /* Packet %d */\n", c.Dir, count[c.Dir], c.Data.Frame)
		count[c.Dir]++
		for i, v := range data {
			b = fmt.Appendf(b, "0x%02x", v)
			switch {
			case i == len(data)-1:
			case i%8 == 7:
				b = append(b, ",\n"...)
			default:
				b = append(b, ", "...)
			}
		}
		b = append(b, " };\n"...)
	}
	return b
}

// AppendYAML appends the chunks as Wireshark's YAML view: the peers, then each packet with its
// frame number, peer, index and base64 data.
func AppendYAML(b []byte, f *Follow, src ByteSource, dirs uint8) []byte {
	b = append(b, "peers:\n"...)
	for i, n := range f.Nodes {
		b = fmt.Appendf(b, "  - peer: %d\n    host: %s\n    port: %d\n", i, endpointHost(n), n.Port)
	}
	b = append(b, "packets:\n"...)
	var idx [2]int
	for _, c := range f.Chunks {
		if dirs&(1<<c.Dir) == 0 {
			continue
		}
		data := ChunkBytes(c, src)
		b = fmt.Appendf(b, "  - packet: %d\n    peer: %d\n    index: %d\n    data: !!binary |\n", c.Data.Frame, c.Dir, idx[c.Dir])
		idx[c.Dir]++
		enc := base64Encode(data)
		for len(enc) > 0 {
			n := 76
			if n > len(enc) {
				n = len(enc)
			}
			b = append(b, "      "...)
			b = append(b, enc[:n]...)
			b = append(b, '\n')
			enc = enc[n:]
		}
	}
	return b
}

func endpointHost(e Endpoint) string {
	s := e.String()
	return s[:len(s)-len(strconv.Itoa(int(e.Port)))-1]
}

func base64Encode(data []byte) []byte {
	return []byte(base64.StdEncoding.EncodeToString(data))
}
