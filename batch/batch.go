// Package batch is tshark-tui's tshark face: it reads captures, dissects them in one serial pass,
// applies a display filter and prints summary lines, -V trees, -x dumps, -T fields or -T json exactly
// as tshark does. The command line parses flags into Options and calls Run; tests call Run in-process.
package batch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/output"
	"github.com/tshark-tui/tshark-tui/render"
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
	Files []string
	// Source, when set, is read instead of Files (a live capture, a capture-filtered file); the
	// caller closes it.
	Source     capture.Reader
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
	// Dissect configures dissection (TLS keys).
	Dissect dissect.Config
	// TwoPass is tshark's -2: every frame is dissected in a first pass, then the displayed ones
	// again with what the first pass learned; ReadFilter (-R) drops frames in the first pass.
	TwoPass       bool
	ReadFilter    Matcher
	ReadFilterIDs []field.ID
	pass2         *pass2 // set for the second pass of a two-pass run
	// Writer, when set, writes the displayed packets instead of Output (the formats of package
	// output: -T psml, pdml, ek, jsonraw, tabs; json with -j/-J; -V with -O or -P).
	Writer output.Writer
}

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

// Run reads the files of o and writes the output to w; warnings (such as a file cut short) go to
// errw. The returned error, if any, is an *Error with the exit code.
func Run(o *Options, w io.Writer, errw io.Writer) error {
	if o.TwoPass {
		return runTwoPass(o, w, errw)
	}
	rd := o.Source
	if rd == nil {
		var err error
		rd, err = capture.OpenSequential(o.Files...)
		if err != nil {
			return &Error{Code: ExitBadFile, Msg: err.Error()}
		}
		defer rd.Close()
	}
	prec := o.Precision
	ng := capture.FileFormat(rd) == capture.FormatPcapng

	out := bufio.NewWriterSize(w, 256<<10)
	defer out.Flush()

	tree := field.NewTree(dissect.Fields)
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
	if !needTree {
		tree.Visible = false
		want := field.NewIDSet(dissect.Fields)
		for _, f := range o.Fields {
			want.Add(f.ID)
		}
		for _, id := range o.FilterIDs {
			want.Add(id)
		}
		for _, tp := range o.Taps {
			for _, id := range tp.Fields() {
				want.Add(id)
			}
		}
		tree.Want = want
	}
	cfg := o.Dissect
	// tshark's single pass: nothing is dissected twice, so per-frame records for later passes are not
	// kept, and payloads nothing asks for are not dissected — unless a -z tap may read such state
	cfg.OnePass = true
	for _, tp := range o.Taps {
		if op, ok := tp.(OnePassTap); !ok || !op.OnePass() {
			cfg.OnePass = false
		}
	}
	cfg.LeanPayload = cfg.OnePass
	st := dissect.NewStateWith(cfg)
	if o.pass2 != nil {
		st = o.pass2.state
	}
	c := dissect.NewCtx(tree, st)
	c.Pass1 = o.pass2 == nil
	c.Cols.On = o.Output == OutText && !o.Verbose && !o.Quiet && !o.Hex || needs.Columns

	p := newPrinter(o, out)
	if o.Output == OutFields && o.Header {
		p.header()
	}
	if o.Output == OutJSON && o.Writer == nil {
		out.WriteString("[\n")
	}
	if o.Writer != nil {
		name := "-"
		if len(o.Files) > 0 {
			name = o.Files[0]
		}
		o.Writer.Begin(out, name)
	}
	var (
		fi          dissect.FrameInfo
		n           uint32
		first       = true
		prevDisp    int64
		prevCap     int64
		refTS       int64
		displayedN  int
		summaryCols render.SummaryCols
		timeBuf     []byte
		readErr     error
	)
	for {
		if o.Count > 0 && int(n) >= o.Count {
			break
		}
		pkt, err := rd.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				readErr = err
			}
			break
		}
		n++
		if first {
			refTS = pkt.TS
			if o.pass2 != nil {
				refTS = o.pass2.refTS
			}
		}
		fi = dissect.FrameInfo{
			Number: n, TS: pkt.TS, CapLen: pkt.CapLen, Len: pkt.Len, Link: pkt.Link, Iface: pkt.Iface,
			Comments: pkt.Comments, PrevCapTS: prevCap, PrevDispTS: prevDisp, RefTS: refTS,
		}
		if ng {
			fi.Section = 1
			if ifaces := rd.Interfaces(); int(pkt.Iface) < len(ifaces) {
				fi.IfName = ifaces[pkt.Iface].Name
				fi.IfDescr = ifaces[pkt.Iface].Description
			}
		}
		if first {
			fi.PrevCapTS = 0
		}
		c.Run(&fi, pkt.Data)
		first = false
		prevCap = pkt.TS
		displayed := o.Filter == nil || o.Filter.Match(tree)
		for _, tp := range o.Taps {
			tp.Packet(c, tree, displayed)
		}
		if !displayed {
			continue
		}
		displayedN++
		// summary fills the summary columns of this packet
		summary := func() *render.SummaryCols {
			pr := prec
			if pr < 0 {
				pr = ifacePrecision(rd.Interfaces(), pkt.Iface)
			}
			tc := render.TimeContext{TS: pkt.TS, PrevCap: fi.PrevCapTS, PrevDisp: prevDisp, Ref: refTS, Prec: pr}
			if fi.Number == 1 {
				tc.PrevCap = 0
			}
			timeBuf = render.AppendTime(timeBuf[:0], o.TimeFormat, o.TimeStyle, tc)
			summaryCols.Columns(c, timeBuf)
			return &summaryCols
		}
		switch {
		case o.Quiet:
		case o.Writer != nil:
			wp := output.Packet{Tree: tree, Ctx: c, TS: pkt.TS}
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
					b = render.AppendTreeTextData(p.buf[:0], tree)
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
		prevDisp = pkt.TS
		if o.LineBuffer {
			out.Flush()
		}
	}
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
	if readErr != nil {
		out.Flush()
		fmt.Fprintf(errw, "tshark-tui: %v\n", readErr)
		return &Error{Code: ExitBadFile, Msg: ""}
	}
	return nil
}

// ifacePrecision returns the automatic time precision of a frame: as many decimals as its
// interface's timestamp resolution has (6 for microseconds, 9 for nanoseconds), as Wireshark
// decides per record.
func ifacePrecision(ifaces []capture.Interface, iface uint32) int {
	if int(iface) >= len(ifaces) {
		return 6
	}
	return render.ResolutionDecimals(ifaces[iface].TSResolNs)
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
