package main

import (
	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/dissect"
)

// -z follow,tcp|udp,ascii|hex|raw,N (or ADDR:PORT,ADDR:PORT): tshark's follow-stream reports. They
// are one-pass taps, so a run that only follows streams stays lean (batch.OnePassTap).
func init() {
	follow := func(arg string) (batch.Tap, error) { return dissect.NewFollowTap(arg) }
	taps["follow,tcp"] = follow
	taps["follow,udp"] = follow
}
