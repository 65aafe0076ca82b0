// Package batch is tshark-tui's tshark face: it reads captures, dissects them in one serial pass,
// applies a display filter and prints summary lines, -V trees, -x dumps, -T fields or -T json exactly
// as tshark does. The command line parses flags into Options and calls Run; tests call Run in-process.
package batch

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/output"
	"github.com/tshark-tui/tshark-tui/render"
	"github.com/tshark-tui/tshark-tui/stats"
)

// Matcher is a compiled display filter (displayfilter.Filter satisfies it).
type Matcher interface {
	Match(*field.Tree) bool
}

// Output is the per-packet output format, tshark's -T.
type Output uint8

// Output formats.
const (
	OutText Output = iota
	OutFields
	OutJSON
)

// Occurrence selects which occurrences of a field -T fields prints (-E occurrence=).
type Occurrence uint8

// Occurrences.
const (
	OccAll Occurrence = iota
	OccFirst
	OccLast
)

// Options is a batch run: tshark's flags, parsed.
type Options struct {
	// Files are the capture files to read (merged by time; "-" is standard input), when Source
	// names no source itself.
	Files []string
	// Source is what to read: files with a capture filter, or live interfaces.
	Source     engine.Source
	Count      int // -c: stop after this many packets read (0 = all)
	Output     Output
	Verbose    bool // -V
	Hex        bool // -x
	Quiet      bool // -q
	Fields     []*field.Field
	Header     bool   // -E header=y
	Separator  string // -E separator=
	Aggregator string // -E aggregator=
	Quote      byte   // -E quote=d|s (0 = none)
	Occurrence Occurrence
	TimeFormat render.TimeFormat
	TimeStyle  render.TimeStyle
	Precision  int // -1 = automatic
	Filter     Matcher
	FilterIDs  []field.ID // fields the filter needs
	LineBuffer bool       // -l
	Taps       []Tap      // -z reports, printed after the packets
	// NeedTree forces a full tree (taps that read labels or many fields).
	NeedTree bool
	// Config configures dissection (TLS keys, Decode As).
	Config engine.Config
	// Opened, when set, is called once the source is open, before the first packet is read (the
	// command line drops privileges there, after opening the interfaces and the output file).
	Opened func(*engine.OnePass) error
	// TwoPass is tshark's -2: every frame is dissected in a first pass, then the displayed ones
	// again with what the first pass learned; ReadFilter (-R) drops frames in the first pass.
	TwoPass       bool
	ReadFilter    Matcher
	ReadFilterIDs []field.ID
	// Writer, when set, writes the displayed packets instead of Output (the formats of package
	// output: -T psml, pdml, ek, jsonraw, tabs, parquet; json with -j/-J; -V with -O or -P).
	Writer output.Writer
}

// Tap is a -z report (package stats's reports, the follow taps).
type Tap = stats.Report

// OnePassTap is a report that keeps tshark's lean single pass (stats.OnePassReport).
type OnePassTap = stats.OnePassReport

// Exit codes, as tshark's.
const (
	ExitOK        = 0
	ExitBadOption = 1
	ExitBadFile   = 2
)

// Error is a failure with tshark's exit code.
type Error struct {
	Code int
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Run reads the source of o through the engine's one-pass session and writes the output to w;
// warnings (such as a file cut short) go to errw. The returned error, if any, is an *Error with the
// exit code.
func Run(o *Options, w io.Writer, errw io.Writer) error {
	src := o.Source
	if len(src.Files) == 0 && src.Live == nil {
		src.Files = o.Files
	}
	var needs output.Needs
	if o.Writer != nil {
		needs = o.Writer.Needs()
	}
	needTree := o.Verbose || o.Output == OutJSON || o.NeedTree || needs.Tree
	for _, f := range o.Fields {
		if f.Type == field.Protocol {
			needTree = true // a protocol's value is its item text: labels are needed
		}
	}
	po := engine.OnePassOptions{Count: o.Count, Visible: needTree,
		Columns: o.Output == OutText && !o.Verbose && !o.Quiet && !o.Hex || needs.Columns,
		TwoPass: o.TwoPass, ReadFilter: o.ReadFilter, ReadFilterIDs: o.ReadFilterIDs}
	if !needTree {
		want := []field.ID{}
		for _, f := range o.Fields {
			want = append(want, f.ID)
		}
		want = append(want, o.FilterIDs...)
		for _, tp := range o.Taps {
			want = append(want, tp.Fields()...)
		}
		po.Want = want
	}
	// tshark's single pass: nothing is dissected twice, so per-frame records for later passes are not
	// kept, and payloads nothing asks for are not dissected — unless a -z tap may read such state
	for _, tp := range o.Taps {
		if op, ok := tp.(OnePassTap); !ok || !op.OnePass() {
			po.KeepState = true
		}
	}
	po.Lean = !po.KeepState
	run, err := engine.OpenOnePass(src, o.Config, po)
	if err != nil {
		return &Error{Code: ExitBadFile, Msg: err.Error()}
	}
	defer run.Close()
	if o.Opened != nil {
		if err := o.Opened(run); err != nil {
			return &Error{Code: ExitBadFile, Msg: err.Error()}
		}
	}

	out := bufio.NewWriterSize(w, 256<<10)
	defer out.Flush()
	p := newPrinter(o, out)
	if o.Output == OutFields && o.Header {
		p.header()
	}
	if o.Output == OutJSON && o.Writer == nil {
		out.WriteString("[\n")
	}
	if o.Writer != nil {
		name := "-"
		if files := src.Files; len(files) > 0 {
			name = files[0]
		}
		o.Writer.Begin(out, name)
	}
	var (
		displayedN  int
		summaryCols render.SummaryCols
	)
	err = run.Each(func(pk *engine.Packet) (bool, error) {
		c, tree, fi := pk.C, pk.Tree, pk.Info
		displayed := o.Filter == nil || o.Filter.Match(tree)
		for _, tp := range o.Taps {
			tp.Packet(c, tree, displayed)
		}
		if !displayed {
			return false, nil
		}
		displayedN++
		// summary fills the summary columns of this packet
		summary := func() *render.SummaryCols {
			pr := o.Precision
			if pr < 0 {
				pr = run.Precision(fi.Iface)
			}
			summaryCols.Frame(c, o.TimeFormat, o.TimeStyle, fi.RefTS, pr)
			return &summaryCols
		}
		switch {
		case o.Quiet:
		case o.Writer != nil:
			wp := output.Packet{Tree: tree, Ctx: c, TS: fi.TS}
			if needs.Columns {
				wp.Cols = summary()
			}
			o.Writer.Packet(out, &wp)
		case o.Output == OutFields:
			p.fields(tree)
		case o.Output == OutJSON:
			p.json(tree, displayedN == 1)
		default:
			if o.Verbose {
				var b []byte
				if o.Hex {
					b = render.AppendTreeText(p.buf[:0], tree)
					b = render.AppendHexDumps(b, tree)
				} else {
					b = render.AppendTreeTextData(p.buf[:0], tree) // Data items show their bytes
				}
				b = append(b, '\n')
				out.Write(b)
				p.buf = b
			} else if o.Hex {
				b := render.AppendHexDumps(p.buf[:0], tree)
				b = append(b, '\n')
				out.Write(b)
				p.buf = b
			} else {
				b := render.AppendSummaryLine(p.buf[:0], summary())
				b = append(b, '\n')
				out.Write(b)
				p.buf = b
			}
		}
		if o.LineBuffer {
			out.Flush()
		}
		return true, nil
	})
	if o.Writer != nil {
		o.Writer.End(out)
	} else if o.Output == OutJSON {
		if displayedN > 0 {
			out.WriteString("\n")
		}
		out.WriteString("]\n")
	}
	for i := len(o.Taps) - 1; i >= 0; i-- { // tshark prints its reports last-given first
		tp := o.Taps[i]
		if err := tp.Finish(out); err != nil {
			out.Flush()
			return &Error{Code: ExitBadOption, Msg: err.Error()}
		}
	}
	if err != nil {
		out.Flush()
		return err
	}
	if readErr := run.Damage(); readErr != nil {
		out.Flush()
		fmt.Fprintf(errw, "tshark-tui: %v\n", readErr)
		return &Error{Code: ExitBadFile, Msg: ""}
	}
	return nil
}

type printer struct {
	o   *Options
	w   *bufio.Writer
	buf []byte
}

func newPrinter(o *Options, w *bufio.Writer) *printer { return &printer{o: o, w: w} }

func (p *printer) header() {
	b := p.buf[:0]
	for i, f := range p.o.Fields {
		if i > 0 {
			b = append(b, p.o.Separator...)
		}
		b = append(b, f.Abbrev...)
	}
	b = append(b, '\n')
	p.w.Write(b)
	p.buf = b
}

// fields prints one -T fields line.
func (p *printer) fields(t *field.Tree) {
	b := p.buf[:0]
	for i, f := range p.o.Fields {
		if i > 0 {
			b = append(b, p.o.Separator...)
		}
		b = appendFieldValues(b, t, f, p.o)
	}
	b = append(b, '\n')
	p.w.Write(b)
	p.buf = b
}

func appendFieldValues(b []byte, t *field.Tree, f *field.Field, o *Options) []byte {
	count := 0
	var last *field.Node
	start := len(b)
	for i := 1; i < len(t.Nodes); i++ {
		n := &t.Nodes[i]
		if n.Field != f.ID {
			continue
		}
		switch o.Occurrence {
		case OccFirst:
			if count == 0 {
				b = appendQuoted(b, f, n, t, o)
			}
		case OccLast:
			last = n
		default:
			if count > 0 {
				b = append(b, o.Aggregator...)
			}
			b = appendQuoted(b, f, n, t, o)
		}
		count++
	}
	if o.Occurrence == OccLast && last != nil {
		b = appendQuoted(b, f, last, t, o)
	}
	_ = start
	return b
}

func appendQuoted(b []byte, f *field.Field, n *field.Node, t *field.Tree, o *Options) []byte {
	if o.Quote != 0 {
		b = append(b, o.Quote)
	}
	b = output.AppendValue(b, f, n, t)
	if o.Quote != 0 {
		b = append(b, o.Quote)
	}
	return b
}

func itoa(n int) string { return strconv.Itoa(n) }
