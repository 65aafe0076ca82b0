package engine

import (
	"os"
	"runtime/debug"
)

// GCPercent is the garbage collector setting TuneGC chooses for a program that keeps an Engine.
const GCPercent = 25

// TuneGC sets the garbage collector for a program whose memory is mostly an Engine's: the first pass
// keeps compact, pointer-free records and makes little garbage, so collecting after 25% growth
// instead of Go's 100% costs little time and keeps the peak close to what is live (on a generated
// 1M-packet capture: 195 instead of 345 bytes per packet, indexing 2.8 s instead of 3.2 s). GOGC in
// the environment wins.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(GCPercent)
	}
}
