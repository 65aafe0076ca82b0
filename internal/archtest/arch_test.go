// Package archtest keeps docs/ARCHITECTURE.md true: its table of packages is an allowlist of what
// each package may import, checked against `go list`. A package missing from the table, an import its
// row does not allow, or the UI toolkit below the UI fails the test.
package archtest

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

const mod = "github.com/tshark-tui/tshark-tui"

var uiLibs = []string{"github.com/rivo/tview", "github.com/gdamore/tcell"}

// row is one package's line of the table.
type row struct {
	allowed   map[string]bool
	uiToolkit bool
}

var ticked = regexp.MustCompile("`([^`]+)`")

// readTable parses the "| package | floor | owns | may import |" table of docs/ARCHITECTURE.md.
func readTable(t *testing.T) map[string]row {
	f, err := os.Open("docs/ARCHITECTURE.md")
	if err != nil {
		t.Fatalf("docs/ARCHITECTURE.md: %v", err)
	}
	defer f.Close()
	rows := map[string]row{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 4 {
			t.Fatalf("docs/ARCHITECTURE.md: a package row needs 4 cells: %s", line)
		}
		name := ticked.FindStringSubmatch(cells[0])
		if name == nil {
			continue
		}
		r := row{allowed: map[string]bool{}, uiToolkit: strings.Contains(cells[2], "*UI toolkit*")}
		for _, m := range ticked.FindAllStringSubmatch(cells[3], -1) {
			r.allowed[m[1]] = true
		}
		rows[name[1]] = r
	}
	if len(rows) == 0 {
		t.Fatal("docs/ARCHITECTURE.md has no package table")
	}
	return rows
}

// packages lists our packages with their direct imports (test files excluded).
func packages(t *testing.T) map[string][]string {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	pkgs := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		pkgs[f[0]] = f[1:]
	}
	return pkgs
}

func short(path string) string { return strings.TrimPrefix(strings.TrimPrefix(path, mod), "/") }

func TestImportsFollowArchitecture(t *testing.T) {
	t.Chdir("../..")
	table := readTable(t)
	pkgs := packages(t)
	for path, imports := range pkgs {
		name := short(path)
		r, ok := table[name]
		if !ok {
			t.Errorf("package %s is not in docs/ARCHITECTURE.md's table: add its row (what it owns, what it may import)", name)
			continue
		}
		for _, imp := range imports {
			if strings.HasPrefix(imp, mod+"/") {
				if dep := short(imp); !r.allowed[dep] {
					t.Errorf("%s imports %s, which its row in docs/ARCHITECTURE.md does not allow", name, dep)
				}
				continue
			}
			for _, u := range uiLibs {
				if strings.HasPrefix(imp, u) && !r.uiToolkit {
					t.Errorf("%s imports %s: only packages marked *UI toolkit* in docs/ARCHITECTURE.md may", name, imp)
				}
			}
		}
	}
	for name := range table {
		if _, ok := pkgs[mod+"/"+name]; !ok {
			t.Errorf("docs/ARCHITECTURE.md lists %s, which does not exist", name)
		}
	}
}

// TestNothingBelowUIKnowsTheToolkit checks the whole dependency graph, not only direct imports:
// below the UI, no package reaches tview or tcell through another.
func TestNothingBelowUIKnowsTheToolkit(t *testing.T) {
	t.Chdir("../..")
	table := readTable(t)
	for name, r := range table {
		if r.uiToolkit || strings.HasPrefix(name, "cmd/") {
			continue
		}
		out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "./"+name).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", name, err, out)
		}
		for _, d := range strings.Fields(string(out)) {
			for _, u := range uiLibs {
				if strings.HasPrefix(d, u) {
					t.Errorf("%s depends on %s: nothing below the UI may know the UI toolkit", name, d)
				}
			}
		}
	}
}

// TestGopacketOnlyInAdapter keeps gopacket out of the program: only package gopacketio (the
// interop surface for gopacket users) imports it, so nothing the binary is built from does.
func TestGopacketOnlyInAdapter(t *testing.T) {
	t.Chdir("../..")
	for path, imports := range packages(t) {
		for _, imp := range imports {
			if strings.HasPrefix(imp, "github.com/google/gopacket") && short(path) != "gopacketio" {
				t.Errorf("%s imports %s: only gopacketio may import gopacket", short(path), imp)
			}
		}
	}
	out, err := exec.Command("go", "list", "-deps", "./cmd/tshark-tui").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, d := range strings.Fields(string(out)) {
		if strings.HasPrefix(d, "github.com/google/gopacket") {
			t.Errorf("cmd/tshark-tui depends on %s: only gopacketio may import gopacket", d)
		}
	}
}
