package engine

import (
	"bytes"
	"runtime"
	"sync"

	"github.com/tshark-tui/tshark-tui/field"
)

// FindQuery is what Find looks for: frames matching a display filter, or frames whose bytes contain
// Bytes (case-insensitively with Fold, Wireshark's string search).
type FindQuery struct {
	Filter *Filter
	Bytes  []byte
	Fold   bool
}

// findBlock is how many positions one worker examines at a time.
const findBlock = 2048

// Find searches the displayed frames of v for q, starting after position from (0-based; -1 before
// the first) in direction dir (1 forward, -1 backward) and wrapping around, on every core. The
// result — the position found or -1, and whether the search wrapped — is ready when the job is done.
func (s *Session) Find(v *View, from, dir int, q FindQuery) (*Job, func() (pos int, wrapped bool)) {
	pos, wrapped := -1, false
	j := s.start(s.newJob(), func(j *Job) error {
		total := v.Len()
		if total == 0 {
			return nil
		}
		if dir >= 0 {
			dir = 1
		} else {
			dir = -1
		}
		needle := q.Bytes
		if q.Fold {
			needle = bytes.ToLower(needle)
		}
		workers := runtime.GOMAXPROCS(0)
		ds := make([]*Dissector, workers)
		var want []field.ID
		if q.Filter != nil {
			want = q.Filter.Fields
		}
		for i := range ds {
			ds[i] = s.newFilterDissector(want)
		}
		match := func(d *Dissector, n FrameNo) bool {
			if q.Filter != nil {
				return d.match(n, q.Filter.M)
			}
			b := s.st.Bytes(n)
			if q.Fold {
				return bytes.Contains(bytes.ToLower(b), needle)
			}
			return bytes.Contains(b, needle)
		}
		// step k (1..total) examines position (from + dir*k) mod total
		at := func(k int) int { return ((from+dir*k)%total + total) % total }
		for k0 := 1; k0 <= total; k0 += findBlock * workers {
			if j.cancelled() {
				return j.ctx.Err()
			}
			j.setProgress(float64(k0) / float64(total))
			found := make([]int, workers)
			var wg sync.WaitGroup
			for w := 0; w < workers; w++ {
				lo := k0 + w*findBlock
				found[w] = -1
				if lo > total {
					break
				}
				hi := min(lo+findBlock-1, total)
				wg.Add(1)
				go func(w, lo, hi int) {
					defer wg.Done()
					for k := lo; k <= hi; k++ {
						if k&255 == 0 && j.cancelled() {
							return
						}
						if match(ds[w], v.At(at(k))) {
							found[w] = k
							return
						}
					}
				}(w, lo, hi)
			}
			wg.Wait()
			for _, k := range found {
				if k > 0 {
					pos = at(k)
					wrapped = (dir > 0 && pos <= from) || (dir < 0 && pos >= from)
					return nil
				}
			}
		}
		return nil
	})
	return j, func() (int, bool) { return pos, wrapped }
}
