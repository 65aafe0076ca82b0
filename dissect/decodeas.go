package dissect

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// DecodeAs is one "Decode As" entry (tshark -d, Wireshark's Analyze › Decode As…): what table Table
// would hand on by a key from Lo to Hi goes to the dissector named Proto instead, ahead of the
// table's own entries.
type DecodeAs struct {
	Table  string // "tcp.port", "udp.port", "ethertype", "ip.proto", ...
	Lo, Hi uint64
	Proto  string
}

// String writes the entry as tshark's -d takes it.
func (d DecodeAs) String() string {
	sel := strconv.FormatUint(d.Lo, 10)
	if d.Table == "ethertype" {
		sel = "0x" + strconv.FormatUint(d.Lo, 16)
	}
	if d.Hi != d.Lo {
		sel += "-" + strconv.FormatUint(d.Hi, 10)
	}
	return d.Table + "==" + sel + "," + d.Proto
}

var (
	tablesMu sync.Mutex
	tables   = map[string]*Table{}
)

func registerTable(tb *Table) *Table {
	tablesMu.Lock()
	tables[tb.Name] = tb
	tablesMu.Unlock()
	return tb
}

// decodeAsEntry is a parsed entry bound to its table and handle.
type decodeAsEntry struct {
	lo, hi uint64
	h      *Handle
}

// decodeAsTables returns the State's entries by table (nil when there are none).
func newDecodeAs(list []DecodeAs) map[*Table][]decodeAsEntry {
	if len(list) == 0 {
		return nil
	}
	m := map[*Table][]decodeAsEntry{}
	for _, d := range list {
		tb, h, err := resolveDecodeAs(d)
		if err != nil {
			continue // ParseDecodeAs has refused it already
		}
		m[tb] = append(m[tb], decodeAsEntry{lo: d.Lo, hi: d.Hi, h: h})
	}
	return m
}

func resolveDecodeAs(d DecodeAs) (*Table, *Handle, error) {
	tablesMu.Lock()
	tb := tables[d.Table]
	tablesMu.Unlock()
	if tb == nil {
		return nil, nil, fmt.Errorf("Bad argument \"%s\": \"%s\" isn't a valid layer type name", d.String(), d.Table)
	}
	if d.Proto == "data" {
		return tb, handleData, nil
	}
	for _, h := range tb.m {
		if h.Name == d.Proto {
			return tb, h, nil
		}
	}
	return nil, nil, fmt.Errorf("Unknown protocol -- \"%s\"\nValid protocols for layer type \"%s\" are:\n\t%s",
		d.Proto, d.Table, strings.Join(DecodeAsProtocols(d.Table), "\n\t"))
}

// lookup returns the dissector for key in tb: a Decode As entry first, then the table's own.
func (c *Ctx) lookup(tb *Table, key uint64) (*Handle, bool) {
	if h := c.decodeAs(tb, key); h != nil {
		return h, true
	}
	return tb.Get(key)
}

// decodeAs returns the Decode As dissector for key in tb, or nil.
func (c *Ctx) decodeAs(tb *Table, key uint64) *Handle {
	if c.State == nil || c.State.decodeAs == nil {
		return nil
	}
	for _, e := range c.State.decodeAs[tb] {
		if key >= e.lo && key <= e.hi {
			return e.h
		}
	}
	return nil
}

// ParseDecodeAs reads tshark's -d argument, "layer==selector,protocol": the selector is a number
// (decimal, or hexadecimal with 0x), a range "lo-hi" or "first:count". A single "=" is taken with
// tshark's warning, returned in warn.
func ParseDecodeAs(s string) (d DecodeAs, warn string, err error) {
	bad := func(why string) (DecodeAs, string, error) {
		return DecodeAs{}, "", fmt.Errorf("\"%s\" isn't a valid -d argument: %s (layer_type==selector,decode_as_protocol)", s, why)
	}
	layer, rest, ok := strings.Cut(s, "==")
	if !ok {
		if layer, rest, ok = strings.Cut(s, "="); !ok {
			return bad("no \"==\"")
		}
		warn = fmt.Sprintf("-d requires \"==\" instead of \"=\". Option will be treated as \"%s==%s\"", layer, rest)
	}
	sel, proto, ok := strings.Cut(rest, ",")
	if !ok || proto == "" {
		return bad("no protocol after the selector")
	}
	d.Table, d.Proto = strings.TrimSpace(layer), strings.TrimSpace(proto)
	num := func(t string) (uint64, error) { return strconv.ParseUint(strings.TrimSpace(t), 0, 64) }
	switch {
	case strings.Contains(sel, "-"):
		a, b, _ := strings.Cut(sel, "-")
		lo, e1 := num(a)
		hi, e2 := num(b)
		if e1 != nil || e2 != nil || hi < lo {
			return bad("bad range")
		}
		d.Lo, d.Hi = lo, hi
	case strings.Contains(sel, ":"):
		a, b, _ := strings.Cut(sel, ":")
		lo, e1 := num(a)
		n, e2 := num(b)
		if e1 != nil || e2 != nil || n == 0 {
			return bad("bad range")
		}
		d.Lo, d.Hi = lo, lo+n-1
	default:
		v, e := num(sel)
		if e != nil {
			return bad("the selector is not a number")
		}
		d.Lo, d.Hi = v, v
	}
	if _, _, err := resolveDecodeAs(d); err != nil {
		return DecodeAs{}, warn, err
	}
	return d, warn, nil
}

// DecodeAsTables lists the tables a Decode As entry may name, sorted.
func DecodeAsTables() []string {
	tablesMu.Lock()
	defer tablesMu.Unlock()
	out := make([]string, 0, len(tables))
	for n := range tables {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// DecodeAsProtocols lists the dissectors Decode As may choose for table, sorted ("data" included).
func DecodeAsProtocols(table string) []string {
	tablesMu.Lock()
	tb := tables[table]
	tablesMu.Unlock()
	if tb == nil {
		return nil
	}
	seen := map[string]bool{"data": true}
	for _, h := range tb.m {
		seen[h.Name] = true
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Decodes lists every registered hand-off as tshark -G decodes prints it: table, key, dissector.
func Decodes() [][3]string {
	var out [][3]string
	for _, name := range DecodeAsTables() {
		tablesMu.Lock()
		tb := tables[name]
		tablesMu.Unlock()
		for _, k := range tb.Keys() {
			h, _ := tb.Get(k)
			out = append(out, [3]string{name, strconv.FormatUint(k, 10), h.Name})
		}
	}
	return out
}
