// Package archtest keeps the import rules of ARCHITECTURE.md as a test: data flows one way, and
// nothing below the UI knows tview or tcell.
package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

const mod = "github.com/tshark-tui/tshark-tui/"

// floor1 packages import nothing of ours.
var floor1 = []string{"field", "store", "capture", "tls"}

// forbidden lists, per package, imports it must never have (prefix match on our module's paths or
// full paths of others).
var forbidden = map[string][]string{
	"displayfilter": {mod + "dissect", mod + "render", mod + "engine", mod + "ui"},
	"dissect":       {mod + "displayfilter", mod + "render", mod + "engine", mod + "ui", mod + "batch"},
	"render":        {mod + "ui", mod + "batch", mod + "engine"},
	"output":        {mod + "ui", mod + "batch", mod + "engine"},
	"gopacketio":    {mod + "ui", mod + "batch", mod + "engine", mod + "dissect"},
	"batch":         {mod + "ui"},
}

var uiLibs = []string{"github.com/rivo/tview", "github.com/gdamore/tcell"}

func deps(t *testing.T, pkg string) []string {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "./"+pkg).CombinedOutput()
	if err != nil {
		if strings.Contains(string(out), "matched no packages") || strings.Contains(string(out), "cannot find") || strings.Contains(string(out), "no Go files") || strings.Contains(string(out), "directory not found") {
			return nil
		}
		t.Fatalf("go list %s: %v\n%s", pkg, err, out)
	}
	return strings.Fields(string(out))
}

func TestImportRules(t *testing.T) {
	t.Chdir("../..")
	check := func(pkg string, bad []string, below bool) {
		for _, d := range deps(t, pkg) {
			if d == mod+pkg {
				continue
			}
			for _, b := range bad {
				if d == b || strings.HasPrefix(d, b+"/") {
					t.Errorf("%s imports %s, which ARCHITECTURE.md forbids", pkg, d)
				}
			}
			if below {
				for _, u := range uiLibs {
					if strings.HasPrefix(d, u) {
						t.Errorf("%s imports %s: nothing below ui may know the UI toolkit", pkg, d)
					}
				}
			}
		}
	}
	for _, p := range floor1 {
		var ours []string
		for _, d := range deps(t, p) {
			if strings.HasPrefix(d, mod) && d != mod+p && !strings.HasPrefix(d, mod+p+"/") {
				ours = append(ours, d)
			}
		}
		if len(ours) > 0 {
			t.Errorf("%s is on floor 1 and must import nothing of ours; it imports %v", p, ours)
		}
		check(p, nil, true)
	}
	for p, bad := range forbidden {
		check(p, bad, true)
	}
}

// TestGopacketOnlyInAdapter keeps gopacket out of the program: only package gopacketio (the
// interop surface for gopacket users) imports it, so nothing the binary is built from does.
func TestGopacketOnlyInAdapter(t *testing.T) {
	t.Chdir("../..")
	for _, d := range deps(t, "cmd/tshark-tui") {
		if strings.HasPrefix(d, "github.com/google/gopacket") {
			t.Errorf("cmd/tshark-tui depends on %s: only gopacketio may import gopacket", d)
		}
	}
}
