package main

import (
	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/stats"
)

// The statistics reports of package stats.
func init() {
	table := func(arg string) (batch.Tap, error) { return stats.NewTable(arg) }
	for _, p := range []string{"conv,eth", "conv,ip", "conv,ipv6", "conv,tcp", "conv,udp",
		"endpoints,eth", "endpoints,ip", "endpoints,ipv6", "endpoints,tcp", "endpoints,udp"} {
		taps[p] = table
	}
}

func init() {
	taps["io,phs"] = func(arg string) (batch.Tap, error) { return stats.NewPHS(arg) }
}

func init() {
	taps["expert"] = func(arg string) (batch.Tap, error) { return stats.NewExpert(arg) }
}

func init() {
	taps["handshakes"] = func(arg string) (batch.Tap, error) { return stats.NewHandshakes(arg) }
}

func init() {
	taps["connreport"] = func(arg string) (batch.Tap, error) { return stats.NewConnReport(arg) }
}

func init() {
	taps["credentials"] = func(arg string) (batch.Tap, error) { return stats.NewCredentials(arg) }
}

func init() {
	taps["io,stat"] = func(arg string) (batch.Tap, error) { return stats.NewIOStat(arg) }
}

func init() {
	taps["sip,stat"] = func(arg string) (batch.Tap, error) { return stats.NewSIPStat(arg) }
	taps["rtp,streams"] = func(arg string) (batch.Tap, error) { return stats.NewRTPStreams(arg) }
}
