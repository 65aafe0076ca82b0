package main

import (
	"fmt"
	"strings"

	"github.com/tshark-tui/tshark-tui/batch"
)

// taps maps a -z argument's prefix to the report that implements it. Each report lives in its own
// package (stats, stream, ...); this table only wires them.
var taps = map[string]batch.TapFactory{}

// newTap finds the report for a -z argument: the longest registered prefix that the argument starts
// with, followed by "," or the end.
func newTap(arg string) (batch.Tap, error) {
	best := ""
	for p := range taps {
		if (arg == p || strings.HasPrefix(arg, p+",")) && len(p) > len(best) {
			best = p
		}
	}
	if best == "" {
		return nil, fmt.Errorf("invalid -z argument \"%s\"; it must be one of:\n%s", arg, tapList())
	}
	return taps[best](arg)
}

func tapList() string {
	var names []string
	for p := range taps {
		names = append(names, "     "+p)
	}
	return strings.Join(names, "\n")
}
