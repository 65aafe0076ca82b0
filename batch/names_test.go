package batch_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// nameFields are the -T fields columns name resolution changes (and some it must leave alone: the
// ports stay numbers, as tshark prints them).
var nameFields = []string{"ip.src_host", "ip.dst_host", "ip.host", "ipv6.src_host", "ipv6.dst_host",
	"eth.src_resolved", "eth.dst_resolved", "eth.addr_resolved", "eth.src.oui_resolved",
	"tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "eth.src", "ip.src"}

// TestNamesMatchTshark compares the summary, -V and -T fields with name resolution (tshark -n,
// its default of MAC names, -N with a -H hosts file, names from the capture's DNS answers) with
// tshark's recorded answers (UPDATE_GOLDEN=1 records them; the installed Wireshark's manuf and
// services files are the names both sides read).
func TestNamesMatchTshark(t *testing.T) {
	root := tsharktest.RepoRoot(t)
	hosts := filepath.Join(root, "batch", "testdata", "names.hosts")
	own := func(n string) string { return filepath.Join(root, "testdata", "captures", n) }
	ref := func(n string) string { return filepath.Join(root, "..", "shared", "corpus", "reference", n) }
	type run struct {
		file    string
		args    string // -n / -N flags as tshark takes them ("" is tshark's default)
		verbose bool
		filter  string
	}
	runs := []run{
		{file: own("http.pcap"), args: "-n"},
		{file: own("http.pcap"), args: ""},
		{file: own("http.pcap"), args: "-N mnt -H"},
		{file: own("http.pcap"), args: "-N nt -H", filter: `ip.src_host == "client.test"`},
		{file: own("http.pcap"), args: "-H"}, // -H alone names nothing: -N n does
		{file: own("arp.pcap"), args: "", verbose: true},
		{file: own("arp.pcap"), args: "-N mnt -H", verbose: true}, // ARP binds MAC addresses to hosts
		{file: own("vlan.pcap"), args: "-N mnt -H", verbose: true},
		{file: own("udp.pcap"), args: "-N mnt -H", verbose: true},
		{file: own("dns.pcap"), args: "-N mntd -H"},
		{file: own("mixed.pcapng"), args: "-N mnt -H"},
		{file: own("icmpv6.pcap"), args: "-N mntd"},
		{file: ref("wikipedia.pcap"), args: "-N mntd"}, // mDNS and DNS answers name hosts
		{file: ref("wikipedia.pcap"), args: "-N mntd", filter: `ip.src_host == "gemini.local" || ip.host contains "wikimedia"`},
		{file: ref("var-services-std-ports.pcap"), args: "-N t"},
	}
	for _, r := range runs {
		if _, err := os.Stat(r.file); err != nil {
			t.Logf("skip %s: absent", r.file)
			continue
		}
		var res dissect.NameRes
		var hostsFiles []string
		targs := []string{"-r", r.file}
		for _, a := range strings.Fields(r.args) {
			switch a {
			case "-n":
				targs = append(targs, "-n")
			case "-H":
				targs = append(targs, "-H", hosts)
				hostsFiles = append(hostsFiles, hosts)
			case "-N":
				targs = append(targs, "-N")
			default:
				var err error
				if res, err = engine.ParseNameRes(a); err != nil {
					t.Fatal(err)
				}
				targs = append(targs, a)
			}
		}
		if r.args == "" || strings.HasPrefix(r.args, "-H") {
			res = engine.DefaultNameRes
		}
		name := strings.NewReplacer(" ", "", "-", "", "/", "_").Replace(filepath.Base(r.file) + "_" + r.args)
		if r.filter != "" {
			name += "_filter"
			targs = append(targs, "-Y", r.filter)
		}
		modes := []string{"summary", "fields"}
		if r.verbose {
			modes = append(modes, "verbose")
		}
		for _, mode := range modes {
			o := &batch.Options{Files: []string{r.file}, Separator: "\t", Aggregator: ",", Precision: -1,
				Config: engine.Config{Names: res, HostsFiles: hostsFiles}}
			args := append([]string(nil), targs...)
			switch mode {
			case "fields":
				o.Output = batch.OutFields
				args = append(args, "-T", "fields")
				for _, n := range nameFields {
					f, ok := dissect.Fields.Lookup(n)
					if !ok {
						t.Fatalf("no field %s", n)
					}
					o.Fields = append(o.Fields, f)
					args = append(args, "-e", n)
				}
			case "verbose":
				o.Verbose = true
				args = append(args, "-V")
			}
			if r.filter != "" {
				flt, err := displayfilter.Compile(r.filter, dissect.Fields)
				if err != nil {
					t.Fatalf("%s: %v", r.filter, err)
				}
				o.Filter, o.FilterIDs = flt, flt.Fields
			}
			gp := golden.Path(t, name+"."+mode)
			if golden.Updating() {
				out, _, err := tsharktest.Run(t, args...)
				if err != nil {
					t.Fatalf("tshark %v: %v", args, err)
				}
				golden.Write(t, gp, out)
			}
			want, err := os.ReadFile(gp)
			if err != nil {
				t.Errorf("%s: no golden (UPDATE_GOLDEN=1 records tshark's answers): %v", gp, err)
				continue
			}
			if got := runOurs(t, o); got != string(want) {
				t.Errorf("%s %s (%s): differs from tshark:\n%s", filepath.Base(r.file), r.args, mode, golden.Diff(string(want), got))
			}
		}
	}
}
