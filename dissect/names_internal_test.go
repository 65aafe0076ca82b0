package dissect

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseNameRes(t *testing.T) {
	for _, c := range []struct {
		in   string
		want NameRes
		str  string
		err  string
	}{
		{"", 0, "", ""},
		{"m", ResolveMAC, "m", ""},
		{"mnt", ResolveMAC | ResolveNetwork | ResolveTransport, "mnt", ""},
		{"dtnm", NameResAll, "mntd", ""},
		{"mnNtdv", NameResAll | ResolveExternal | ResolveVLAN, "mnNtdv", ""},
		{"mx", 0, "", "-N specifies unknown resolving option 'x'; valid options are:\n\t'd' to enable address resolution"},
	} {
		got, err := ParseNameRes(c.in)
		if c.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), c.err) {
				t.Errorf("ParseNameRes(%q) error = %v, want %q…", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want || got.String() != c.str {
			t.Errorf("ParseNameRes(%q) = %v (%q), %v; want %v (%q)", c.in, got, got.String(), err, c.want, c.str)
		}
	}
}

// TestBuiltinManufMatchesInstalled checks that the built-in tables (scripts/make-manuf.sh) name
// addresses as the installed Wireshark's files do: vendors, well-known addresses and ranges.
func TestBuiltinManufMatchesInstalled(t *testing.T) {
	manuf, err := os.ReadFile("/usr/share/wireshark/manuf")
	if err != nil {
		t.Skip("no installed Wireshark manuf file")
	}
	wka, _ := os.ReadFile("/usr/share/wireshark/wka")
	installed := newMACTable(manuf, wka)
	builtin := newMACTable(gunzip(builtinManuf), gunzip(builtinWKA))
	addrs := [][6]byte{
		{0x00, 0x00, 0x0c, 0x12, 0x34, 0x56}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
		{0x01, 0x00, 0x5e, 0x7f, 0xff, 0xfa}, {0x33, 0x33, 0x00, 0x00, 0x00, 0xfb},
		{0x01, 0x80, 0xc2, 0x00, 0x00, 0x00}, {0x02, 0x00, 0x00, 0x20, 0x00, 0x01},
		{0x70, 0xb3, 0xd5, 0x00, 0x10, 0x01}, // a /36 block
	}
	rng := rand.New(rand.NewSource(1))
	i := 0
	eachLineOf(manuf, func(r rune) bool { return r == '\t' }, func(cols []string) {
		if i++; i%20 != 0 { // every 20th entry, the rest of its address random
			return
		}
		p, n, ok := parseMAC(strings.SplitN(cols[0], "/", 2)[0])
		if !ok {
			return
		}
		var a [6]byte
		rng.Read(a[:])
		copy(a[:n], p[:n])
		addrs = append(addrs, a)
	})
	named := 0
	for _, a := range addrs {
		w, wok := installed.lookup(a)
		g, gok := builtin.lookup(a)
		if w != g || wok != gok {
			t.Errorf("%x: built-in %q, installed %q", a, g, w)
		}
		if wok {
			named++
		}
	}
	if named < len(addrs)*9/10 || len(addrs) < 1000 {
		t.Errorf("only %d of %d addresses named", named, len(addrs))
	}
	if s, _ := installed.lookup([6]byte{0, 0, 0x0c, 0x12, 0x34, 0x56}); s != "Cisco_12:34:56" {
		t.Errorf("Cisco address named %q", s)
	}
}

// TestHostsFilesAndLearning checks the order names come in: a hosts file's name is kept over a DNS
// answer's, a later answer replaces an earlier one, case changes are not news, and nothing is
// learnt without -N d or outside the first pass.
func TestHostsFilesAndLearning(t *testing.T) {
	hosts := filepath.Join(t.TempDir(), "hosts")
	if err := os.WriteFile(hosts, []byte("# comment\n10.0.0.1 one.test # trailing\n10.0.0.1 uno.test\nfd00::1\tsix.test\nbogus line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("WIRESHARK_CONFIG_DIR", t.TempDir())
	st := NewStateWith(Config{Names: ResolveNetwork | ResolveDNS, HostsFiles: []string{hosts}})
	c := &Ctx{State: st, Pass1: true}
	ip := func(b ...byte) []byte { return b }
	six := append([]byte{0xfd}, make([]byte, 15)...)
	six[15] = 1
	c.LearnHostName(ip(10, 0, 0, 1), []byte("dns.test"))
	c.LearnHostName(ip(10, 0, 0, 2), []byte("two.test"))
	c.LearnHostName(ip(10, 0, 0, 2), []byte("TWO.test"))
	c.LearnHostName(ip(10, 0, 0, 3), []byte("three.test"))
	c.LearnHostName(ip(10, 0, 0, 3), []byte("drei.test"))
	c.Pass1 = false
	c.LearnHostName(ip(10, 0, 0, 4), []byte("late.test"))
	for _, w := range []struct {
		addr []byte
		name string
	}{{ip(10, 0, 0, 1), "uno.test"}, {six, "six.test"}, {ip(10, 0, 0, 2), "two.test"},
		{ip(10, 0, 0, 3), "drei.test"}, {ip(10, 0, 0, 4), ""}} {
		got, ok := st.names.host(w.addr)
		if got != w.name || ok != (w.name != "") {
			t.Errorf("host(%v) = %q, %v; want %q", w.addr, got, ok, w.name)
		}
	}
	off := NewStateWith(Config{Names: ResolveNetwork, HostsFiles: []string{hosts}})
	c = &Ctx{State: off, Pass1: true}
	c.LearnHostName(ip(10, 0, 0, 2), []byte("two.test"))
	if s, ok := off.names.host(ip(10, 0, 0, 2)); ok {
		t.Errorf("learnt %q without -N d", s)
	}
	if NewStateWith(Config{}).names != nil || NewStateWith(Config{Names: ResolveVLAN}).names != nil {
		t.Error("a resolver was made with nothing to resolve")
	}
}
