package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/render"
	"github.com/tshark-tui/tshark-tui/stats"
	"golang.org/x/term"
)

// cli is one invocation with its standard streams injected, so tests run it in-process.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	isTerminal     bool
	tls            engine.TLSKeySpec // TLS keys for the terminal UI
	decodeAs       []string          // -d entries, for the terminal UI's Decode As dialog
}

// optsWithArg are tshark's single-letter options that take an argument (getopt "x:").
const optsWithArg = "abcdefijorstuwzABCEFGHIJKLMNOQRSTWXYZ"

// opt is one parsed command-line option.
type opt struct {
	name string // "r", "T", or a long name "capture-filter"
	arg  string
}

// parseArgs splits args getopt-style: bundled short flags ("-nr file", "-nrfile"), options with
// arguments, long options ("--name value", "--name=value"), and operands (files).
func parseArgs(args []string) ([]opt, []string, error) {
	var opts []opt
	var operands []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			operands = append(operands, args[i+1:]...)
			return opts, operands, nil
		case strings.HasPrefix(a, "--"):
			name, val, hasVal := strings.Cut(a[2:], "=")
			if longTakesArg(name) && !hasVal {
				if i+1 >= len(args) {
					return nil, nil, fmt.Errorf("option requires an argument -- '%s'", name)
				}
				i++
				val = args[i]
			}
			opts = append(opts, opt{name: name, arg: val})
		case len(a) > 1 && a[0] == '-':
			for j := 1; j < len(a); j++ {
				c := a[j]
				if !strings.ContainsRune("2abcdefghijlnopqrstuvwxzABCDEFGHIJKLMNOPQRSTVWXYZ", rune(c)) {
					return nil, nil, fmt.Errorf("invalid option -- '%c'", c)
				}
				if strings.IndexByte(optsWithArg, c) >= 0 {
					val := a[j+1:]
					if val == "" {
						if i+1 >= len(args) {
							return nil, nil, fmt.Errorf("option requires an argument -- '%c'", c)
						}
						i++
						val = args[i]
					}
					opts = append(opts, opt{name: string(c), arg: val})
					break
				}
				opts = append(opts, opt{name: string(c)})
			}
		default:
			operands = append(operands, a)
		}
	}
	return opts, operands, nil
}

func longTakesArg(name string) bool {
	switch name {
	case "capture-filter", "tls-key", "tls-keylog", "display-filter", "read-file", "export-objects":
		return true
	}
	return false
}

// run executes the command line and returns the exit code.
func (c *cli) run(args []string) int {
	// messages echo file names and arguments, which may hold terminal escape sequences
	c.stderr = field.TerminalWriter(c.stderr)
	opts, operands, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
		c.usage(c.stderr)
		return batch.ExitBadOption
	}
	lv, opts, err := splitLive(opts)
	if err != nil {
		fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadOption
	}
	o := &batch.Options{Separator: "\t", Aggregator: ",", Precision: -1}
	var fieldNames []string
	var filterText string
	printing := false
	var tlsArgs tlsKeyArgs
	var outs outputArgs
	names := engine.DefaultNameRes // tshark resolves MAC addresses unless told otherwise
	for _, op := range opts {
		if outs.option(op.name, op.arg) {
			printing = true
			continue
		}
		if ok, err := tlsArgs.option(op.name, op.arg); ok {
			if err != nil {
				fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
				return batch.ExitBadOption
			}
			continue
		}
		switch op.name {
		case "r", "read-file":
			o.Files = append(o.Files, op.arg)
		case "c":
			n, err := strconv.Atoi(op.arg)
			if err != nil || n < 0 {
				fmt.Fprintf(c.stderr, "tshark-tui: The specified packet count \"%s\" isn't a valid number\n", op.arg)
				return batch.ExitBadOption
			}
			o.Count = n
		case "n":
			names = 0
		case "l", "2", "P":
			if op.name == "l" {
				o.LineBuffer = true
			}
		case "d":
			d, warn, err := engine.ParseDecodeAs(op.arg)
			if warn != "" {
				fmt.Fprintf(c.stderr, "tshark-tui: WARNING: %s\n", warn)
			}
			if err != nil {
				fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
				return batch.ExitBadOption
			}
			o.Config.DecodeAs = append(o.Config.DecodeAs, d)
			c.decodeAs = append(c.decodeAs, d.String())
		case "N":
			// like tshark, each -N replaces what was on before (and -n after it turns all off)
			if names, err = engine.ParseNameRes(op.arg); err != nil {
				fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
				return batch.ExitBadOption
			}
		case "H":
			// like tshark, -H adds names without turning network names on (-N n does)
			if _, err := os.Stat(op.arg); err != nil {
				fmt.Fprintf(c.stderr, "tshark-tui: Can't read host entries from \"%s\"\n", op.arg)
				return batch.ExitBadOption
			}
			o.Config.HostsFiles = append(o.Config.HostsFiles, op.arg)
		case "o":
			// other preferences: accepted
		case "T":
			printing = true
			switch op.arg {
			case "fields":
				o.Output = batch.OutFields
			case "text":
				o.Output = batch.OutText
			case "json":
				o.Output = batch.OutJSON
			default:
				fmt.Fprintf(c.stderr, "tshark-tui: Invalid -T parameter \"%s\"; it must be one of:\n\t\"fields\"  The values of fields specified with the -e option, in a form\n\t          specified by the -E option.\n\t\"json\"    Packet Summary, an JSON-based format for the details\n\t          summary information for each packet.\n\t\"text\"    The text format of the packet details (default).\n", op.arg)
				return batch.ExitBadOption
			}
		case "e":
			fieldNames = append(fieldNames, op.arg)
		case "E":
			if msg := setEOption(o, op.arg); msg != "" {
				fmt.Fprintf(c.stderr, "tshark-tui: %s\n", msg)
				return batch.ExitBadOption
			}
		case "V":
			o.Verbose, printing = true, true
		case "x":
			o.Hex, printing = true, true
		case "q":
			o.Quiet, printing = true, true
		case "t":
			if !setTimeFormat(o, op.arg) {
				fmt.Fprintf(c.stderr, "tshark-tui: Invalid time stamp type \"%s\"; it must be one of:\n\t\"a\"    for absolute\n\t\"ad\"   for absolute with YYYY-MM-DD date\n\t\"adoy\" for absolute with YYYY/DOY date\n\t\"d\"    for delta\n\t\"dd\"   for delta displayed\n\t\"e\"    for epoch\n\t\"r\"    for relative\n\t\"u\"    for absolute UTC\n\t\"ud\"   for absolute UTC with YYYY-MM-DD date\n\t\"udoy\" for absolute UTC with YYYY/DOY date\n", op.arg)
				return batch.ExitBadOption
			}
		case "u":
			switch op.arg {
			case "s":
				o.TimeStyle = render.StyleSeconds
			case "hms":
				o.TimeStyle = render.StyleHMS
			default:
				fmt.Fprintf(c.stderr, "tshark-tui: Invalid -u parameter \"%s\"; it must be one of:\n\t\"s\"   for seconds\n\t\"hms\" for hours, minutes and seconds\n", op.arg)
				return batch.ExitBadOption
			}
		case "Y", "display-filter":
			filterText = op.arg
			printing = true
		case "G":
			return c.glossary(op.arg)
		case "z":
			tp, err := stats.NewReport(op.arg)
			if err != nil {
				fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
				return batch.ExitBadOption
			}
			o.Taps = append(o.Taps, tp)
			printing = true
		case "h", "help":
			c.usage(c.stdout)
			return batch.ExitOK
		case "v", "version":
			fmt.Fprintf(c.stdout, "tshark-tui %s\n", version)
			return batch.ExitOK
		default:
			fmt.Fprintf(c.stderr, "tshark-tui: option -%s is not supported yet\n", op.name)
			return batch.ExitBadOption
		}
	}
	o.Config.Names = names
	o.Files = append(o.Files, operands...)
	if len(o.Files) == 0 && !lv.active() {
		fmt.Fprintln(c.stderr, "tshark-tui: no capture file given (use -r FILE, or FILE)")
		c.usage(c.stderr)
		return batch.ExitBadOption
	}
	if o.Output == batch.OutFields && len(fieldNames) == 0 {
		fmt.Fprintln(c.stderr, "tshark-tui: \"-Tfields\" was specified, but no fields were specified with \"-e\".")
		return batch.ExitBadOption
	}
	var bad []string
	for _, name := range fieldNames {
		f, ok := dissect.Fields.Lookup(name)
		if !ok {
			bad = append(bad, name)
			continue
		}
		o.Fields = append(o.Fields, f)
	}
	if len(bad) > 0 {
		fmt.Fprintf(c.stderr, "tshark-tui: Some fields aren't valid:\n")
		for _, b := range bad {
			fmt.Fprintf(c.stderr, "\t%s\n", b)
		}
		return batch.ExitBadOption
	}
	if len(fieldNames) > 0 && o.Output != batch.OutFields && o.Output != batch.OutJSON && outs.format != "ek" && outs.format != "pdml" && outs.format != "parquet" {
		fmt.Fprintln(c.stderr, "tshark-tui: \"-e\" was specified, but \"-T fields\" or \"-T json\" was not.")
		return batch.ExitBadOption
	}
	if filterText != "" && (printing || !c.isTerminal) {
		m, ids, err := compileFilter(filterText)
		if err != nil {
			fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
			return batch.ExitBadFile
		}
		for _, w := range displayfilter.UndissectedWarnings(filterText, dissect.Fields) {
			fmt.Fprintf(c.stderr, "tshark-tui: warning: %s\n", w.Msg)
		}
		o.Filter, o.FilterIDs = m, ids
	}
	spec := engine.TLSKeySpec{Entries: tlsArgs.entries, Logs: tlsArgs.allLogs()}
	keys, warns, err := engine.LoadTLSKeys(spec, true)
	for _, w := range warns {
		fmt.Fprintf(c.stderr, "tshark-tui: warning: %s\n", w)
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadOption
	}
	o.Config.TLSKeys = keys
	c.tls = spec
	if code := outs.apply(o, c.stderr); code >= 0 {
		return code
	}
	if code := c.exportObjects(o, outs.export); code >= 0 {
		return code
	}
	if lv.active() {
		return c.runLive(lv, o, printing, filterText)
	}
	o.Source = engine.Source{Files: o.Files, CaptureFilter: lv.fileFilter}
	if !printing && c.isTerminal {
		return c.runTUI(o.Source, o.Config, o.TimeFormat, filterText)
	}
	// One pass over a file keeps little alive: collect garbage sooner, for a smaller peak (about
	// 15% less memory for 5% more time on a 1M-packet capture), unless GOGC says otherwise.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	if err := batch.Run(o, c.stdout, c.stderr); err != nil {
		var be *batch.Error
		if errors.As(err, &be) {
			if be.Msg != "" {
				fmt.Fprintf(c.stderr, "tshark-tui: %s\n", be.Msg)
			}
			return be.Code
		}
		fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadFile
	}
	return batch.ExitOK
}

// setEOption applies one -E name=value; it returns tshark's complaint or "".
func setEOption(o *batch.Options, s string) string {
	name, val, ok := strings.Cut(s, "=")
	if !ok {
		return fmt.Sprintf("Invalid -E parameter \"%s\"", s)
	}
	switch name {
	case "header":
		switch val {
		case "y":
			o.Header = true
		case "n":
			o.Header = false
		default:
			return fmt.Sprintf("Invalid -E parameter \"%s\"", s)
		}
	case "separator":
		o.Separator = sepValue(val)
	case "aggregator":
		o.Aggregator = sepValue(val)
	case "quote":
		switch val {
		case "d":
			o.Quote = '"'
		case "s":
			o.Quote = '\''
		case "n":
			o.Quote = 0
		default:
			return fmt.Sprintf("Invalid -E parameter \"%s\"", s)
		}
	case "occurrence":
		switch val {
		case "f":
			o.Occurrence = batch.OccFirst
		case "l":
			o.Occurrence = batch.OccLast
		case "a":
			o.Occurrence = batch.OccAll
		default:
			return fmt.Sprintf("Invalid -E parameter \"%s\"", s)
		}
	case "bom", "escape":
	default:
		return fmt.Sprintf("Invalid -E parameter \"%s\"", s)
	}
	return ""
}

func sepValue(v string) string {
	switch v {
	case "/t":
		return "\t"
	case "/s":
		return " "
	}
	return v
}

func setTimeFormat(o *batch.Options, s string) bool {
	// -t also takes a precision: a digit, or a format letter combination with .N (tshark 4.0 accepts
	// "-t r", "-t ad", and precision via "-t 3"? no: 4.0 sets precision with separate words).
	if f, ok := render.ParseTimeFormat(s); ok {
		o.TimeFormat = f
		return true
	}
	return false
}

// glossary prints -G reports.
func (c *cli) glossary(what string) int {
	switch what {
	case "fields", "":
		for _, f := range dissect.Fields.All() {
			if f.Type == field.Protocol {
				if !dissect.Undissected(f.ID) {
					fmt.Fprintf(c.stdout, "P\t%s\t%s\n", f.Name, f.Abbrev)
				}
				continue
			}
			proto := ""
			if p := dissect.Fields.Get(f.Parent); p != nil {
				proto = p.Abbrev
			}
			base := f.Base.String()
			if f.Type == field.Bool {
				base = strconv.Itoa(int(f.Base))
			}
			fmt.Fprintf(c.stdout, "F\t%s\t%s\t%s\t%s\t%s\t0x%x\t%s\n", f.Name, f.Abbrev, f.Type, proto, base, f.Mask, f.Blurb)
		}
	case "protocols":
		for _, f := range dissect.Fields.All() {
			if f.Type == field.Protocol {
				fmt.Fprintf(c.stdout, "%s\t%s\t%s\n", f.Name, dissect.ShortName(f.ID), f.Abbrev)
			}
		}
	case "decodes":
		for _, d := range dissect.Decodes() {
			fmt.Fprintf(c.stdout, "%s\t%s\t%s\n", d[0], d[1], d[2])
		}
	default:
		fmt.Fprintf(c.stderr, "tshark-tui: Invalid -G argument \"%s\"; it must be fields, protocols or decodes\n", what)
		return batch.ExitBadOption
	}
	return batch.ExitOK
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprint(w, `Usage: tshark-tui [options] [FILE...]
With a terminal and no printing options, FILE opens in the terminal UI; otherwise output is tshark's.
  -r FILE           read packets from FILE ("-" for standard input); may repeat (merged by time)
  -c N              stop after reading N packets
  -Y FILTER         display filter (Wireshark syntax)
  -T fields|text|json  output format
  -e FIELD          field to print with -T fields|json (repeatable)
  -E header=y|n, separator=/t|/s|C, occurrence=f|l|a, aggregator=C, quote=d|s|n
  -V                print the packet details tree
  -x                print hex and ASCII dump of the packet data
  -t a|ad|adoy|d|dd|e|r|u|ud|udoy   time format
  -u s|hms          seconds format
  -n                disable all name resolution (by default MAC addresses are resolved, as tshark)
  -N mnNtdv         resolve m MAC, n network (hosts files; d: with DNS answers in the capture;
                    N: with /etc/hosts, never a DNS query), t transport names (v: accepted)
  -H HOSTSFILE      read names of addresses from a hosts file (shown with -N n)
  -q                quiet
  -i IFACE          capture on IFACE (repeatable; "any" for all); -D lists interfaces
  -f FILTER         capture filter (pcap-filter syntax), compiled to BPF and run in the kernel
  --capture-filter FILTER   capture filter for files too (like tcpdump -r FILE FILTER)
  -d LAYER==SEL,PROTO  Decode As: e.g. tcp.port==8888,http (ranges 8000-8010 or 8000:3)
  --print-bpf       print the compiled capture filter like tcpdump -d, then exit
  -w FILE           write packets to FILE (pcapng; -F pcap|nsecpcap for pcap)
  -b duration:S|interval:S|filesize:KB|files:N|packets:N   ring buffer (with -w)
  -a duration:S|filesize:KB|files:N|packets:N              stop conditions
  -p                no promiscuous mode;  -s N  snapshot length (0 = 262144)
  -Z USER           run as USER after opening the interfaces and the first file
  -P                print packets while writing with -w
  --tls-key IP,PORT,PROTO,KEYFILE[,PASSWORD] | KEYFILE   RSA private key to decrypt TLS (repeatable;
                    0.0.0.0/any wildcards; a bare file matches servers by their certificate)
  --tls-keylog FILE NSS key log (SSLKEYLOGFILE) to decrypt TLS; $SSLKEYLOGFILE is read too
  -o tls.keys_list:..., -o uat:rsa_keys:"FILE","PASSWORD", -o tls.keylog_file:FILE   the same, as tshark
  -G fields|protocols|decodes   glossary
  -v                version
`)
}

var version = "0.1.0-dev"

func main() {
	if p := os.Getenv("TSHARK_TUI_CPUPROFILE"); p != "" { // developer aid: profile a run
		if f, err := os.Create(p); err == nil {
			_ = pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	code := run()
	pprof.StopCPUProfile()
	if p := os.Getenv("TSHARK_TUI_MEMPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			_ = pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
	}
	os.Exit(code)
}

func run() int {
	// The UI needs a terminal to draw on and to read keys from: standard output, and standard input
	// or — when a capture arrives on standard input (ssh host tcpdump -w - | tshark-tui -r -) —
	// the controlling terminal, as less and fzf do.
	c := &cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		isTerminal: term.IsTerminal(int(os.Stdout.Fd())) && (term.IsTerminal(int(os.Stdin.Fd())) || controllingTTY())}
	return c.run(os.Args[1:])
}

// controllingTTY reports whether the process has a controlling terminal to read keys from
// (/dev/tty), which tcell uses for input when standard input is a pipe.
func controllingTTY() bool {
	f, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}
