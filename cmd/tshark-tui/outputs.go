package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/output"
)

// outputArgs collects the options of tshark's other outputs (package output): -T psml, pdml, ek,
// jsonraw, tabs, -j/-J, -O, -P, -2 with -R and --export-objects.
type outputArgs struct {
	format     string // -T name handled by package output ("" = batch's own)
	o          output.Options
	twoPass    bool   // -2
	readFilter string // -R
	export     string // --export-objects PROTO,DIR
	summary    bool   // -P
	jsonT      bool   // -T json (only goes through output with -j/-J)
}

// option takes the options outputArgs owns; handled is false for the others.
func (a *outputArgs) option(name, arg string) (handled bool) {
	switch name {
	case "T":
		switch arg {
		case "psml", "pdml", "ek", "jsonraw", "tabs":
			a.format = arg
			return true
		case "json":
			a.jsonT = true
		}
		return false
	case "j", "J":
		a.o.Protocols = output.SplitProtocols(arg)
		a.o.ProtocolsWithChildren = name == "J"
	case "O":
		a.o.OnlyProtocols = strings.FieldsFunc(arg, func(r rune) bool { return r == ',' || r == ' ' })
	case "P":
		a.summary = true
	case "2":
		a.twoPass = true
	case "R":
		a.readFilter = arg
	case "export-objects":
		a.export = arg
	default:
		return false
	}
	return true
}

// printing reports whether the options ask for output (so the TUI is not started).
func (a *outputArgs) printing() bool {
	return a.format != "" || a.export != "" || a.o.OnlyProtocols != nil || a.summary || a.readFilter != ""
}

// apply sets the writer and the two-pass read filter on o; it returns an exit code when the
// options cannot run, or -1.
func (a *outputArgs) apply(o *batch.Options, stderr io.Writer) int {
	if a.readFilter != "" {
		if !a.twoPass {
			fmt.Fprintln(stderr, "tshark-tui: -R without -2 is deprecated. For single-pass filtering use -Y.")
			return batch.ExitBadOption
		}
		m, ids, err := compileFilter(a.readFilter)
		if err != nil {
			fmt.Fprintf(stderr, "tshark-tui: %v\n", err)
			return batch.ExitBadFile
		}
		o.ReadFilter, o.ReadFilterIDs = m, ids
	}
	o.TwoPass = a.twoPass
	a.o.Fields = o.Fields
	a.o.Hex = o.Hex
	a.o.Summary = a.summary
	format := a.format
	switch {
	case format != "":
	case a.jsonT && a.o.Protocols != nil:
		format = "json"
	case o.Output == batch.OutText && (a.o.OnlyProtocols != nil || a.summary && o.Verbose):
		format = "text" // -O implies -V, as in tshark
	}
	if format == "" {
		return -1
	}
	w, err := output.New(format, a.o)
	if err != nil {
		fmt.Fprintf(stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadOption
	}
	o.Writer = w
	return -1
}

// exportObjects prepares --export-objects PROTO,DIR: the packets are read (and printed, unless
// -q) as usual, and the objects of PROTO saved into DIR at the end. It returns an exit code when
// the argument is wrong, or -1.
func (c *cli) exportObjects(o *batch.Options, arg string) int {
	if arg == "" {
		return -1
	}
	proto, dir, ok := strings.Cut(arg, ",")
	if !ok || dir == "" {
		fmt.Fprintf(c.stderr, "tshark-tui: Invalid --export-objects argument \"%s\"; it must be PROTOCOL,DIRECTORY\n", arg)
		return batch.ExitBadOption
	}
	col, err := output.NewObjectCollector(proto)
	if err != nil {
		fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadOption
	}
	o.Taps = append(o.Taps, &output.ExportTap{C: col, Dir: dir})
	o.NeedTree = true
	return -1
}
