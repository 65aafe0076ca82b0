package stats

import (
	"bufio"
	_ "embed"
	"encoding/hex"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// protoshort.tsv maps a protocol's filter name to its short name where the short name is not simply
// the filter name in capitals (from `tshark -G protocols`).
//
//go:embed protoshort.tsv
var protoShortTSV string

var protoShort = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, 2000)
	for _, line := range strings.Split(protoShortTSV, "\n") {
		if k, v, ok := strings.Cut(line, "\t"); ok {
			m[k] = v
		}
	}
	return m
})

// ProtoShortName returns a protocol's short name as Wireshark shows it in statistics ("TCP", "IPv4").
func ProtoShortName(abbrev string) string {
	if s, ok := protoShort()[abbrev]; ok {
		return s
	}
	return strings.ToUpper(abbrev)
}

// protoOf returns the abbreviation of the protocol node enclosing node i.
func protoOf(t *field.Tree, i int32) string {
	for p := t.Nodes[i].Parent; p > 0; p = t.Nodes[p].Parent {
		if f := dissect.Fields.Get(t.Nodes[p].Field); f != nil && f.Type == field.Protocol && f.Abbrev != "_ws.expert" {
			return f.Abbrev
		}
	}
	return ""
}

// macNames resolves Ethernet addresses to Wireshark's display names ("Apple_96:d2:a0", "Broadcast")
// from the manuf and wka files of an installed Wireshark, as tshark does by default.
type macNames struct {
	exact  map[[6]byte]string
	prefix map[int]map[uint64]macName // mask bits -> masked address -> name
	masks  []int                      // longest first
}

// macName is a prefix's name; a well-known (wka) prefix drops the leading zero bytes of the rest
// ("IPv4mcast_fb"), a vendor prefix shows them all ("Apple_00:12:34").
type macName struct {
	name  string
	strip bool
}

// manufDirs are where Wireshark's data files may be.
var manufDirs = []string{"/usr/share/wireshark", "/usr/local/share/wireshark"}

func loadMACNames() *macNames {
	m := &macNames{exact: map[[6]byte]string{}, prefix: map[int]map[uint64]macName{}}
	dir := os.Getenv("TSHARK_TUI_WIRESHARK_DIR")
	dirs := manufDirs
	if dir != "" {
		dirs = []string{dir}
	}
	for _, d := range dirs {
		ok1 := m.load(d+"/manuf", 24)
		ok2 := m.load(d+"/wka", 48)
		if ok1 || ok2 {
			break
		}
	}
	for k := range m.prefix {
		m.masks = append(m.masks, k)
	}
	for i := 1; i < len(m.masks); i++ { // insertion sort, longest mask first
		for j := i; j > 0 && m.masks[j] > m.masks[j-1]; j-- {
			m.masks[j], m.masks[j-1] = m.masks[j-1], m.masks[j]
		}
	}
	return m
}

func (m *macNames) load(path string, defBits int) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			continue
		}
		addr, name := cols[0], ""
		for _, c := range cols[1:] {
			if c = strings.TrimSpace(c); c != "" {
				name = c
				break
			}
		}
		if name == "" {
			continue
		}
		bits := -1
		if a, b, ok := strings.Cut(addr, "/"); ok {
			addr = a
			n, err := strconv.Atoi(b)
			if err != nil {
				continue
			}
			bits = n
		}
		raw, err := hex.DecodeString(strings.NewReplacer(":", "", "-", "", ".", "").Replace(addr))
		if err != nil || len(raw) == 0 || len(raw) > 6 {
			continue
		}
		if bits < 0 {
			bits = len(raw) * 8
			if bits != 48 {
				bits = defBits
			}
		}
		var a [6]byte
		copy(a[:], raw)
		if bits == 48 {
			m.exact[a] = name
			continue
		}
		pm := m.prefix[bits]
		if pm == nil {
			pm = map[uint64]macName{}
			m.prefix[bits] = pm
		}
		pm[macMask(a, bits)] = macName{name: name, strip: defBits == 48}
	}
	return true
}

func macMask(a [6]byte, bits int) uint64 {
	var u uint64
	for _, b := range a {
		u = u<<8 | uint64(b)
	}
	return u &^ (1<<(48-bits) - 1)
}

// name returns the display name of MAC address b.
func (m *macNames) name(b []byte) string {
	var a [6]byte
	copy(a[:], b)
	if s, ok := m.exact[a]; ok {
		return s
	}
	for pass := 0; pass < 2; pass++ {
		for _, bits := range m.masks {
			if s, ok := m.prefix[bits][macMask(a, bits)]; ok && (pass == 0 || !s.strip) {
				skip := bits / 8
				if s.strip {
					for skip < 5 && a[skip] == 0 {
						skip++
					}
				}
				return s.name + "_" + string(field.AppendHexSep(nil, a[skip:], ':'))
			}
		}
		a[0] &^= 1 // a group address's vendor is its OUI without the group bit
	}
	copy(a[:], b)
	return string(field.AppendHexSep(nil, a[:], ':'))
}
