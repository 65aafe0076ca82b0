package dissect

// Differential test of the text protocols (HTTP, telnet, FTP, SMTP, POP, IMAP, SSH) against tshark on
// the reference corpus. Until the link, network and transport dissectors land, it registers small
// stand-ins for them (only where no real dissector is registered), so that TCP payloads reach the
// dissectors under test with the ports and addresses set as the TCP dissector will set them.
//
// tshark runs with TCP reassembly off (tcp.desegment_tcp_streams:FALSE): each segment is dissected on
// its own, which is what these dissectors do until TCP reassembly exists.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/corpus"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

var standInOnce sync.Once

// registerStandIns adds minimal Ethernet/VLAN/MPLS/IPv4/IPv6/TCP dissectors where none is registered.
func registerStandIns() {
	standInOnce.Do(func() {
		stub := func(tb *Table, key uint64, name string, fn Dissector) {
			if _, ok := tb.Get(key); !ok {
				tb.Add(key, &Handle{Name: name, Fn: fn})
			}
		}
		eth := func(c *Ctx, t Tvb, p int32) {
			c.SetProtocol("ETH")
			c.TryTable(EtherType, uint64(t.U16(12)), t.Sub(14), p)
		}
		stub(LinkTypes, 1, "eth", eth)
		stub(LinkTypes, 0, "null", func(c *Ctx, t Tvb, p int32) {
			af := t.U32LE(0)
			if af > 0xffff {
				af = t.U32(0)
			}
			if af == 2 {
				c.TryTable(EtherType, 0x0800, t.Sub(4), p)
			} else {
				c.TryTable(EtherType, 0x86dd, t.Sub(4), p)
			}
		})
		stub(LinkTypes, 113, "sll", func(c *Ctx, t Tvb, p int32) {
			c.TryTable(EtherType, uint64(t.U16(14)), t.Sub(16), p)
		})
		stub(EtherType, 0x8100, "vlan", func(c *Ctx, t Tvb, p int32) {
			c.TryTable(EtherType, uint64(t.U16(2)), t.Sub(4), p)
		})
		stub(EtherType, 0x8847, "mpls", func(c *Ctx, t Tvb, p int32) {
			o := 0
			for t.U8(o+2)&1 == 0 {
				o += 4
			}
			o += 4
			switch t.U8(o) >> 4 {
			case 4:
				c.TryTable(EtherType, 0x0800, t.Sub(o), p)
			case 6:
				c.TryTable(EtherType, 0x86dd, t.Sub(o), p)
			}
		})
		stub(EtherType, 0x0800, "ip", func(c *Ctx, t Tvb, p int32) {
			hl := int(t.U8(0)&15) * 4
			tot := int(t.U16(2))
			if t.U16(6)&0x3fff != 0 {
				return // fragments are not followed by the stand-in
			}
			c.NetSrc, c.NetDst = t.Bytes(12, 4), t.Bytes(16, 4)
			c.SetProtocol("IPv4")
			c.TryTable(IPProto, uint64(t.U8(9)), t.SubLen(hl, tot-hl), p)
		})
		stub(EtherType, 0x86dd, "ipv6", func(c *Ctx, t Tvb, p int32) {
			nh := t.U8(6)
			plen := int(t.U16(4))
			c.NetSrc, c.NetDst = t.Bytes(8, 16), t.Bytes(24, 16)
			o := 40
			end := 40 + plen
			for nh == 0 || nh == 43 || nh == 60 || nh == 44 {
				if nh == 44 {
					if t.U16(o+2)&0xfff9 != 0 {
						return
					}
					nh = t.U8(o)
					o += 8
					continue
				}
				nh2 := t.U8(o)
				o += (int(t.U8(o+1)) + 1) * 8
				nh = nh2
			}
			c.SetProtocol("IPv6")
			c.TryTable(IPProto, uint64(nh), t.SubLen(o, end-o), p)
		})
		stub(IPProto, 6, "tcp", func(c *Ctx, t Tvb, p int32) {
			c.SrcPort, c.DstPort = uint32(t.U16(0)), uint32(t.U16(2))
			c.PortType = 6
			hl := int(t.U8(12)>>4) * 4
			c.SetProtocol("TCP")
			c.SetInfo("")
			pl := t.Sub(hl)
			if pl.Len() == 0 {
				return
			}
			lo, hi := c.SrcPort, c.DstPort
			if lo > hi {
				lo, hi = hi, lo
			}
			c.MatchPort = lo
			if _, ok := TCPPort.Get(uint64(lo)); ok {
				c.TryTable(TCPPort, uint64(lo), pl, p)
				return
			}
			c.MatchPort = hi
			if !c.TryTable(TCPPort, uint64(hi), pl, p) && !c.TryHeuristics(TCPPort, pl, p) {
				c.CallData(pl, p)
			}
		})
	})
}

// textProtos are the protocols whose fields and columns the differential test compares.
var textProtos = map[string]bool{
	"http": true, "telnet": true, "ftp": true, "ftp-data": true, "smtp": true, "pop": true,
	"imap": true, "ssh": true, "data-text-lines": true, "imf": true, "media": true,
}

// textColProtos are Protocol column values for which the Info column is ours to compare.
var textColProtos = map[string]bool{
	"HTTP": true, "TELNET": true, "FTP": true, "FTP-DATA": true, "SMTP": true, "POP": true,
	"IMAP": true, "SSH": true, "SSHv2": true, "SSHv1": true, "IMF": true,
}

func textFields() []*field.Field {
	var out []*field.Field
	for _, f := range Fields.All() {
		if f.Type == field.Protocol || f.Type == field.None {
			continue
		}
		p := Fields.ProtocolOf(f.ID)
		if p != nil && textProtos[p.Abbrev] {
			out = append(out, f)
		}
	}
	return out
}

func corpusDir(t *testing.T) string { return corpus.Dir(t, "") }

// tsharkRows runs tshark over file with -T fields and returns one row per frame: protocol, info,
// then the fields' values.
func tsharkRows(t *testing.T, file string, fs []*field.Field, extra ...string) [][]string {
	tsharktest.Path(t)
	args := []string{"-n", "-r", file, "-o", "tcp.desegment_tcp_streams:FALSE", "-T", "fields",
		"-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,",
		"-e", "_ws.col.Protocol", "-e", "_ws.col.Info"}
	args = append(args, extra...)
	for _, f := range fs {
		args = append(args, "-e", f.Abbrev)
	}
	out, _, err := tsharktest.Run(t, args...)
	if err != nil {
		t.Fatalf("tshark %s: %v", file, err)
	}
	var rows [][]string
	for _, ln := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		rows = append(rows, strings.Split(ln, "\t"))
	}
	return rows
}

// ourRows dissects file and returns rows shaped like tsharkRows.
func ourRows(t *testing.T, file string, fs []*field.Field) [][]string {
	registerStandIns()
	rd, err := capture.Open(file)
	if err != nil {
		t.Fatalf("open %s: %v", file, err)
	}
	defer rd.Close()
	tr := field.NewTree(Fields)
	st := NewState()
	c := NewCtx(tr, st)
	c.Cols.On = true
	c.Pass1 = true
	var rows [][]string
	for n := uint32(1); ; n++ {
		p, err := rd.Next()
		if err != nil {
			break
		}
		fi := &FrameInfo{Number: n, TS: p.TS, CapLen: p.CapLen, Len: p.Len, Link: p.Link}
		c.Run(fi, p.Data)
		row := []string{c.Cols.Protocol, string(field.AppendEscaped(nil, c.Cols.Info))}
		for _, f := range fs {
			var b []byte
			k := 0
			tr.Each(f.ID, func(nd *field.Node) bool {
				if k > 0 {
					b = append(b, ',')
				}
				k++
				b = f.AppendRepr(b, nd.Value)
				return true
			})
			row = append(row, string(b))
		}
		rows = append(rows, row)
	}
	return rows
}

// textCorpus lists the captures holding the text protocols.
var textCorpus = []string{
	"reference/get.pcap", "reference/http-vlan-0.pcap", "reference/wikipedia.pcap",
	"reference/print-flags.pcap", "reference/test_ethernet.pcap", "reference/test_loopback.pcap",
	"reference/accecn_handshake.pcap", "reference/mixed-vlan-mpls.pcap",
	"reference/var-services-std-ports.pcap", "reference/ipv4.pcap", "reference/ipv6.pcap",
	"reference/smtp.pcap", "reference/smtp-multi-addr.pcap", "reference/ssh.pcap",
	"reference/telnet-cooked.pcap", "reference/telnet-iac-check-oobr.pcap",
}

// TestTextCorpusDiff compares our columns and fields with tshark's on every frame of the corpus and
// reports agreement per field. Set TEXTDIFF_VERBOSE=1 to list every difference.
func TestTextCorpusDiff(t *testing.T) {
	dir := corpusDir(t)
	fs := textFields()
	type stat struct{ ok, bad int }
	stats := map[string]*stat{}
	get := func(k string) *stat {
		if stats[k] == nil {
			stats[k] = &stat{}
		}
		return stats[k]
	}
	verbose := os.Getenv("TEXTDIFF_VERBOSE") != ""
	only := os.Getenv("TEXTDIFF_FILE")
	var diffs bytes.Buffer
	files := tsharktest.Sample(textCorpus)
	if extra := os.Getenv("TEXTDIFF_EXTRA"); extra != "" {
		files = append(files[:len(files):len(files)], strings.Split(extra, ",")...)
	}
	for _, name := range files {
		if only != "" && !strings.Contains(name, only) {
			continue
		}
		file := filepath.Join(dir, name)
		if filepath.IsAbs(name) {
			file = name
		}
		want := tsharkRows(t, file, fs)
		got := ourRows(t, file, fs)
		if len(want) != len(got) {
			t.Errorf("%s: %d frames, tshark %d", name, len(got), len(want))
			continue
		}
		for i := range want {
			w, g := want[i], got[i]
			for len(w) < len(fs)+2 {
				w = append(w, "")
			}
			mine := textColProtos[w[0]] || textColProtos[g[0]]
			if mine {
				for j, col := range []string{"_ws.col.Protocol", "_ws.col.Info"} {
					s := get(col)
					if w[j] == g[j] {
						s.ok++
					} else {
						s.bad++
						fmt.Fprintf(&diffs, "%s #%d %s:\n  tshark %q\n  ours   %q\n", name, i+1, col, w[j], g[j])
					}
				}
			}
			for j, f := range fs {
				if w[j+2] == "" && g[j+2] == "" {
					continue
				}
				s := get(f.Abbrev)
				if w[j+2] == g[j+2] || w[j+2] == tsharkEscape(unescapeFields(g[j+2])) {
					s.ok++
				} else {
					s.bad++
					fmt.Fprintf(&diffs, "%s #%d %s:\n  tshark %q\n  ours   %q\n", name, i+1, f.Abbrev, trunc(w[j+2]), trunc(g[j+2]))
				}
			}
		}
	}
	keys := make([]string, 0, len(stats))
	for k := range stats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	tot, bad := 0, 0
	for _, k := range keys {
		s := stats[k]
		tot += s.ok + s.bad
		bad += s.bad
		t.Logf("%-40s %5d/%d", k, s.ok, s.ok+s.bad)
	}
	t.Logf("total: %d/%d agree", tot-bad, tot)
	if verbose {
		t.Log("\n" + diffs.String())
	}
}

func trunc(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

// unescapeFields undoes the escaping of -T fields values, so that values escaped by slightly
// different rules (tshark leaves most control characters raw) compare equal.
func unescapeFields(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'r':
			b.WriteByte('\r')
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case 'a':
			b.WriteByte('\a')
		case 'x':
			if i+2 < len(s) {
				var v byte
				fmt.Sscanf(s[i+1:i+3], "%02x", &v)
				b.WriteByte(v)
				i += 2
			}
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// tsharkEscape escapes a raw value the way tshark 4.0 -T fields prints strings: only \r, \n, \t,
// \b and \f become escapes.
func tsharkEscape(s string) string {
	r := strings.NewReplacer("\r", `\r`, "\n", `\n`, "\t", `\t`, "\b", `\b`, "\f", `\f`)
	return r.Replace(s)
}
