package field

import "time"

// Frame time stamps are nanoseconds since the epoch held as the bits of an unsigned 64-bit number in
// an int64: pcapng's 64-bit time stamps in nanoseconds reach the year 2554, past the 2262 a signed
// count of nanoseconds reaches (read as signed, a time stamp at or above 2^63 ns printed as a
// negative time). A difference of two frame times (a delta, a relative time) is plain int64
// subtraction, exact while it is under 292 years.

// FrameTime returns a frame time stamp as a time.Time.
func FrameTime(ns int64) time.Time {
	u := uint64(ns)
	return time.Unix(int64(u/1e9), int64(u%1e9))
}

// AppendFrameEpoch appends a frame time stamp as seconds since the epoch with nine decimals, as
// tshark shows frame.time_epoch.
func AppendFrameEpoch(b []byte, ns int64) []byte { return appendSecs9(b, uint64(ns)) }
