package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/objects"
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
	allOcc     bool   // -E occurrence=a given: parquet columns are lists
}

// option takes the options outputArgs owns; handled is false for the others.
func (a *outputArgs) option(name, arg string) (handled bool) {
	switch name {
	case "T":
		switch arg {
		case "psml", "pdml", "ek", "jsonraw", "tabs", "parquet":
			a.format = arg
			return true
		case "json":
			a.jsonT = true
		}
		return false
	case "E":
		if arg == "occurrence=a" {
			a.allOcc = true
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
	files, err := expandInputs(o.Files)
	if err != nil {
		fmt.Fprintf(stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadFile
	}
	o.Files = files
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
	if format == "parquet" {
		w, err := output.NewParquet(o.Fields, a.allOcc)
		if err != nil {
			fmt.Fprintf(stderr, "tshark-tui: %v\n", err)
			return batch.ExitBadOption
		}
		o.Writer = w
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
	col, err := objects.New(proto)
	if err != nil {
		fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadOption
	}
	o.Taps = append(o.Taps, &objects.Tap{C: col, Dir: dir})
	o.NeedTree = true
	return -1
}

// expandInputs turns each -r argument that is a directory into the capture files in it, and each
// glob pattern that names no file into its matches, sorted by name (ring-buffer files, named
// prefix_NNNNN_YYYYMMDDhhmmss, sort by time); several files are then merged by time.
func expandInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" {
			out = append(out, a)
			continue
		}
		st, err := os.Stat(a)
		switch {
		case err == nil && st.IsDir():
			ents, err := os.ReadDir(a)
			if err != nil {
				return nil, err
			}
			var names []string
			for _, e := range ents {
				if !e.IsDir() && corpusLike(e.Name()) {
					names = append(names, filepath.Join(a, e.Name()))
				}
			}
			if len(names) == 0 {
				return nil, fmt.Errorf("the directory \"%s\" holds no capture files", a)
			}
			sort.Strings(names)
			out = append(out, names...)
		case err != nil && strings.ContainsAny(a, "*?["):
			m, gerr := filepath.Glob(a)
			if gerr != nil || len(m) == 0 {
				out = append(out, a) // reported as a missing file
				continue
			}
			sort.Strings(m)
			out = append(out, m...)
		default:
			out = append(out, a)
		}
	}
	return out, nil
}

// corpusLike reports whether a file name looks like a capture (compressed or not).
func corpusLike(name string) bool {
	n := strings.ToLower(name)
	for _, z := range []string{".gz", ".zst", ".lz4"} {
		n = strings.TrimSuffix(n, z)
	}
	for _, ext := range []string{".pcap", ".pcapng", ".cap", ".ntar"} {
		if strings.HasSuffix(n, ext) {
			return true
		}
	}
	return false
}
