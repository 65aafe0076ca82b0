// Package output writes dissected packets in tshark's machine-readable formats other than text and
// -T fields: -T psml, pdml, ek, jsonraw and tabs, -T json with -j/-J protocol filters, -V with -O
// and -P, and exports objects (--export-objects). Each format is a Writer that the tshark face
// (batch) drives packet by packet, so every format streams and is reachable from the UI too.
//
// output stands beside render on floor 4: it imports field, dissect and render, never batch, engine
// or ui.
package output

import (
	"bufio"
	"fmt"
	"sort"
	"strings"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/render"
)

// Packet is one displayed packet handed to a Writer.
type Packet struct {
	Tree *field.Tree
	Ctx  *dissect.Ctx        // frame metadata and columns
	Cols *render.SummaryCols // the summary columns, filled when the Writer asks for them
	TS   int64               // capture time, ns since the Unix epoch
}

// Needs says what a Writer reads of each packet, so the driver dissects no more than that.
type Needs struct {
	Tree    bool // the full tree with labels
	Columns bool // the summary columns (Packet.Cols)
}

// Writer writes packets in one output format.
type Writer interface {
	Needs() Needs
	// Begin writes what comes before the first packet; file is the capture file's name (pdml
	// names it).
	Begin(w *bufio.Writer, file string)
	// Packet writes one displayed packet.
	Packet(w *bufio.Writer, p *Packet)
	// End writes what comes after the last packet.
	End(w *bufio.Writer)
}

// Options configure a Writer made by New.
type Options struct {
	// Protocols is the -j (or -J) protocol filter: only these protocols and fields are expanded
	// in json, ek and pdml; nil means all.
	Protocols []string
	// ProtocolsWithChildren: the filter was given with -J, so a listed item's whole subtree is
	// written.
	ProtocolsWithChildren bool
	// Fields, when set, are the -e fields (ek and pdml write only these, like json).
	Fields []*field.Field
	// Summary (-P) also prints summary lines (text) or adds the columns (ek).
	Summary bool
	// OnlyProtocols (-O) expands only these protocols in -V text.
	OnlyProtocols []string
	// Hex (-x) adds raw bytes: hex dumps after text, _raw members in ek.
	Hex bool
}

// constructors maps each -T name this package writes to its Writer.
var constructors = map[string]func(o Options) Writer{
	"psml":    func(o Options) Writer { return &psml{} },
	"tabs":    func(o Options) Writer { return &tabs{} },
	"pdml":    func(o Options) Writer { return &pdml{o: o} },
	"ek":      func(o Options) Writer { return &ek{o: o} },
	"json":    func(o Options) Writer { return &jsonWriter{o: o} },
	"jsonraw": func(o Options) Writer { return &jsonWriter{o: o, raw: true} },
	"text":    func(o Options) Writer { return &text{o: o} },
}

// New returns the Writer of a -T name, or an error naming the formats there are.
func New(format string, o Options) (Writer, error) {
	mk, ok := constructors[format]
	if !ok {
		return nil, fmt.Errorf("invalid -T parameter %q; it must be one of %s", format, strings.Join(Formats(), ", "))
	}
	return mk(o), nil
}

// Formats lists the -T names New knows.
func Formats() []string {
	out := make([]string, 0, len(constructors))
	for k := range constructors {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// protoFilter is tshark's -j/-J protocol match filter: a node whose name is listed is expanded.
type protoFilter struct {
	names    map[string]bool
	children bool // -J: a listed node's descendants are all written
}

func newProtoFilter(o Options) *protoFilter {
	if o.Protocols == nil {
		return nil
	}
	m := map[string]bool{}
	for _, p := range o.Protocols {
		m[p] = true
	}
	return &protoFilter{names: m, children: o.ProtocolsWithChildren}
}

// SplitProtocols splits a -j/-J argument ("ip tcp http") into names.
func SplitProtocols(arg string) []string { return strings.Fields(arg) }

// inner is the filter below a node that matched: none for -J, the same for -j.
func (f *protoFilter) inner() *protoFilter {
	if f == nil || f.children {
		return nil
	}
	return f
}

// expand reports whether the children of a node named name are written under filter f, and the
// filter that applies to them (nil once a -J filter matched).
func (f *protoFilter) expand(name string) (bool, *protoFilter) {
	if f == nil {
		return true, nil
	}
	if !f.names[name] {
		return false, f
	}
	if f.children {
		return true, nil
	}
	return true, f
}
