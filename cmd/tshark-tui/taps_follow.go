package main

import (
	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/dissect"
)

func init() {
	follow := func(arg string) (batch.Tap, error) { return dissect.NewFollowTap(arg) }
	taps["follow,tcp"] = follow
	taps["follow,udp"] = follow
}
