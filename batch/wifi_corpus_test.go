package batch_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tshark-tui/tshark-tui/batch"
	capfile "github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/internal/corpus"
	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
	"github.com/tshark-tui/tshark-tui/render"
)

// wifiFields are the columns and fields compared on the 802.11 captures of the tcpdump corpus.
var wifiFields = []string{
	"frame.protocols", "_ws.col.Protocol", "_ws.col.Info", "_ws.col.Source", "_ws.col.Destination",
	"radiotap.length", "radiotap.present.word", "radiotap.mactime", "radiotap.flags", "radiotap.datarate",
	"radiotap.channel.freq", "radiotap.channel.flags", "radiotap.dbm_antsignal", "radiotap.dbm_antnoise",
	"radiotap.db_antsignal", "radiotap.antenna", "radiotap.quality", "radiotap.rxflags", "radiotap.mcs.index",
	"radiotap.vendor_oui",
	"wlan_radio.phy", "wlan_radio.data_rate", "wlan_radio.channel", "wlan_radio.frequency",
	"wlan_radio.signal_dbm", "wlan_radio.noise_dbm", "wlan_radio.signal_db", "wlan_radio.snr",
	"wlan_radio.short_preamble", "wlan_radio.timestamp", "wlan_radio.duration", "wlan_radio.preamble",
	"wlan_radio.start_tsf", "wlan_radio.end_tsf", "wlan_radio.11n.mcs_index", "wlan_radio.11n.bandwidth",
	"wlan.fc.type_subtype", "wlan.fc", "wlan.flags", "wlan.fc.ds", "wlan.duration", "wlan.ra", "wlan.ta", "wlan.da",
	"wlan.sa", "wlan.bssid", "wlan.staa", "wlan.addr", "wlan.frag", "wlan.seq", "wlan.fcs", "wlan.qos", "wlan.qos.tid",
	"wlan.qos.ack", "wlan.htc", "wlan.ccmp.extiv", "wlan.wep.key",
	"wlan.fixed.capabilities", "wlan.fixed.timestamp", "wlan.fixed.beacon", "wlan.fixed.status_code",
	"wlan.fixed.reason_code", "wlan.fixed.auth.alg", "wlan.fixed.auth_seq", "wlan.fixed.aid",
	"wlan.fixed.listen_ival", "wlan.fixed.category_code",
	"wlan.tag.number", "wlan.tag.length", "wlan.ssid", "wlan.supported_rates", "wlan.extended_supported_rates",
	"wlan.ds.current_channel", "wlan.tim.dtim_count", "wlan.tim.dtim_period", "wlan.tim.bmapctl",
	"wlan.country_info.code", "wlan.erp_info", "wlan.rsn.version", "wlan.rsn.gcs.type", "wlan.rsn.pcs.count",
	"wlan.rsn.pcs.type", "wlan.rsn.akms.count", "wlan.rsn.akms.type", "wlan.rsn.capabilities", "wlan.tag.oui",
	"wlan.tag.vendor.oui.type", "wlan.mesh.id", "wlan.ht.capabilities",
	"llc.dsap", "llc.type", "ip.src", "ip.dst", "eapol.type", "eapol.keydes.type",
}

// nCols is how many of wifiFields are columns (compared from our own summary, not -T fields).
const nCols = 5

// wifiColumns dissects a capture in one pass and returns, per packet, frame.protocols and the
// Protocol, Info, Source and Destination columns joined by tabs, as tshark -T fields prints them.
func wifiColumns(t *testing.T, path string) []string {
	rd, err := capfile.Open(path)
	if err != nil {
		return nil
	}
	defer rd.Close()
	tr := field.NewTree(dissect.Fields)
	c := dissect.NewCtx(tr, dissect.NewState())
	c.Cols.On, c.Pass1 = true, true
	var out []string
	var sc render.SummaryCols
	for n := uint32(1); ; n++ {
		p, err := rd.Next()
		if err != nil {
			break
		}
		c.Run(&dissect.FrameInfo{Number: n, TS: p.TS, CapLen: p.CapLen, Len: p.Len, Link: p.Link}, p.Data)
		sc.Columns(c, nil)
		out = append(out, c.Layers()+"\t"+string(sc.Proto)+"\t"+string(sc.Info)+"\t"+string(sc.Src)+"\t"+string(sc.Dst))
	}
	return out
}

// wifiFloor is the number of (packet, field) values that must agree with tshark's.
const wifiFloor = 8253

// TestWifiCorpusFields compares the columns and the radiotap, wlan_radio and wlan fields of every
// 802.11 capture of tcpdump's corpus with tshark 4.0's recorded answers (UPDATE_GOLDEN=1 re-records
// them); it reports agreement per field and fails below wifiFloor. WIFI_DIFF=1 lists differences.
func TestWifiCorpusFields(t *testing.T) {
	files := corpus.Files(t, "tcpdump")
	gp := golden.Path(t, "wifi")
	if golden.Updating() {
		golden.Write(t, gp, recordWifi(t, files))
	}
	data, err := os.ReadFile(gp)
	if err != nil {
		t.Fatalf("golden: %v (UPDATE_GOLDEN=1 records tshark's answers)", err)
	}
	byName := map[string]string{}
	for _, f := range files {
		byName[filepath.Base(f)] = f
	}
	type stat struct{ ok, bad int }
	stats := map[string]*stat{}
	verbose := os.Getenv("WIFI_DIFF") != ""
	var diffs strings.Builder
	var fs []*field.Field
	for _, n := range wifiFields[nCols:] {
		f, ok := dissect.Fields.Lookup(n)
		if !ok {
			t.Fatalf("field %s is not registered", n)
		}
		fs = append(fs, f)
	}
	agree, total := 0, 0
	for _, sec := range strings.Split(string(data), "\n== ")[1:] {
		name, body, _ := strings.Cut(sec, "\n")
		path := byName[name]
		if path == "" {
			continue
		}
		want := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
		var out, errb bytes.Buffer
		_ = batch.Run(&batch.Options{Files: []string{path}, Output: batch.OutFields, Fields: fs, Separator: "\t",
			Aggregator: ",", Occurrence: batch.OccAll, Precision: -1}, &out, &errb)
		got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		cols := wifiColumns(t, path)
		for i := range got {
			if i < len(cols) {
				got[i] = cols[i] + "\t" + got[i]
			}
		}
		for i, w := range want {
			wv := strings.Split(w, "\t")
			var gv []string
			if i < len(got) {
				gv = strings.Split(got[i], "\t")
			}
			for j, n := range wifiFields {
				var a, b string
				if j < len(wv) {
					a = wv[j]
				}
				if j < len(gv) {
					b = gv[j]
				}
				if a == "" && b == "" {
					continue
				}
				if stats[n] == nil {
					stats[n] = &stat{}
				}
				total++
				if a == b {
					agree++
					stats[n].ok++
					continue
				}
				stats[n].bad++
				if verbose {
					fmt.Fprintf(&diffs, "%s #%d %s\n  tshark %q\n  ours   %q\n", name, i+1, n, a, b)
				}
			}
		}
	}
	if total == 0 {
		t.Skip("no values compared")
	}
	names := make([]string, 0, len(stats))
	for n := range stats {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return stats[names[i]].bad > stats[names[j]].bad })
	var rep strings.Builder
	for _, n := range names {
		if stats[n].bad > 0 {
			fmt.Fprintf(&rep, "  %-32s %5d agree %5d differ\n", n, stats[n].ok, stats[n].bad)
		}
	}
	t.Logf("802.11 captures: %d of %d values agree (%.1f%%)\n%s%s", agree, total, 100*float64(agree)/float64(total), rep.String(), diffs.String())
	if agree < wifiFloor {
		t.Errorf("%d values agree, below the floor of %d", agree, wifiFloor)
	}
}

// recordWifi runs tshark on the 802.11 captures (radiotap and raw 802.11 link types) of files.
func recordWifi(t *testing.T, files []string) []byte {
	tsharktest.Path(t)
	// The files whose packets tshark dissects as 802.11, from TestCorpusProtocols's golden.
	protos, err := readProtocolsGolden(filepath.Join("testdata", "TestCorpusProtocols", "tcpdump.golden"))
	if err != nil {
		t.Fatalf("needs TestCorpusProtocols's golden: %v", err)
	}
	var sel []string
	for _, f := range files {
		if pf := protos[filepath.Base(f)]; pf != nil {
			for _, p := range pf.packets {
				if p == "wlan" || strings.HasPrefix(p, "wlan:") || strings.HasPrefix(p, "radiotap:") {
					sel = append(sel, f)
					break
				}
			}
		}
	}
	outs := make([][]byte, len(sel))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				args := []string{"-n", "-r", sel[i], "-T", "fields", "-E", "separator=/t", "-E", "aggregator=,", "-E", "occurrence=a"}
				for _, n := range wifiFields {
					args = append(args, "-e", n)
				}
				outs[i], _, _ = tsharktest.Run(t, args...)
			}
		}()
	}
	for i := range sel {
		next <- i
	}
	close(next)
	wg.Wait()
	var b bytes.Buffer
	b.WriteString("# 802.11 captures of ../shared/corpus/tcpdump: tshark 4.0 -T fields of wifiFields (UPDATE_GOLDEN=1 re-records)\n")
	for i, f := range sel {
		fmt.Fprintf(&b, "== %s\n", filepath.Base(f))
		b.Write(outs[i])
	}
	return b.Bytes()
}
