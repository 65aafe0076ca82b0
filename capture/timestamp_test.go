package capture_test

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"

	"github.com/tshark-tui/tshark-tui/capture"
)

// ngWithStamp is a pcapng file of one interface (if_tsresol resol, if_tsoffset off seconds) and one
// frame stamped ts.
func ngWithStamp(resol byte, off int64, ts uint64) []byte {
	le := binary.LittleEndian
	block := func(typ uint32, body []byte) []byte {
		n := uint32(12 + len(body))
		return le.AppendUint32(append(le.AppendUint32(le.AppendUint32(nil, typ), n), body...), n)
	}
	out := block(0x0a0d0d0a, le.AppendUint64(le.AppendUint32(le.AppendUint32(nil, 0x1a2b3c4d), 1), math.MaxUint64))
	idb := le.AppendUint32(le.AppendUint32(nil, 1), 65535)
	idb = append(le.AppendUint32(idb, 1<<16|9), resol, 0, 0, 0)
	idb = le.AppendUint64(le.AppendUint32(idb, 8<<16|14), uint64(off))
	idb = le.AppendUint32(idb, 0)
	out = append(out, block(1, idb)...)
	epb := le.AppendUint32(le.AppendUint32(le.AppendUint32(nil, 0), uint32(ts>>32)), uint32(ts))
	epb = append(le.AppendUint32(le.AppendUint32(epb, 16), 16), make([]byte, 16)...)
	return append(out, block(6, epb)...)
}

// TestTimeStampRange: a frame time is unsigned nanoseconds (to the year 2554); what lies beyond
// saturates at its end, and a negative if_tsoffset cannot take a time before 1970, instead of
// wrapping into a negative or meaningless time.
func TestTimeStampRange(t *testing.T) {
	for _, tc := range []struct {
		name  string
		resol byte
		off   int64
		ts    uint64
		want  uint64
	}{
		{"2^63 ns", 9, 0, 1 << 63, 1 << 63},
		{"2^64-1 ns", 9, 0, math.MaxUint64, math.MaxUint64},
		{"microseconds past 2554", 6, 0, math.MaxUint64, math.MaxUint64},
		{"offset past 2554", 9, 10, math.MaxUint64 - 5, math.MaxUint64},
		{"offset before 1970", 9, -100, 5e9, 0},
		{"offset", 6, -1, 3e6, 2e9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := capture.NewReader(bytes.NewReader(ngWithStamp(tc.resol, tc.off, tc.ts)), "t.pcapng")
			if err != nil {
				t.Fatal(err)
			}
			p, err := r.Next()
			if err != nil {
				t.Fatal(err)
			}
			if got := uint64(p.TS); got != tc.want {
				t.Errorf("TS = %d, want %d", got, tc.want)
			}
		})
	}
}
