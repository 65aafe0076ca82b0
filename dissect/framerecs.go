package dissect

import "slices"

// frameRecs holds what the first pass learned about one layer of a frame, for re-dissection, keyed by
// frame number and the layer's offset. The first pass visits frames in order, so records are
// appended almost always at the end: the keys stay sorted, a lookup is a binary search, and memory is
// exactly the records kept (no map buckets, no slot per frame that lacks the layer, no pointers for
// the garbage collector to scan when T has none).
type frameRecs[T any] struct {
	keys []uint64 // frame<<32 | offset, ascending
	vals []T
}

func frameRecKey(frame uint32, off int) uint64 { return uint64(frame)<<32 | uint64(uint32(off)) }

func (r *frameRecs[T]) find(k uint64) (int, bool) {
	if n := len(r.keys); n == 0 || r.keys[n-1] < k {
		return n, false
	}
	return slices.BinarySearch(r.keys, k)
}

// get returns the record of the layer at off in frame.
func (r *frameRecs[T]) get(frame uint32, off int) (T, bool) {
	if i, ok := r.find(frameRecKey(frame, off)); ok {
		return r.vals[i], true
	}
	var zero T
	return zero, false
}

// ref returns the record of the layer at off in frame for updating in place, or nil. It is valid
// until the next put.
func (r *frameRecs[T]) ref(frame uint32, off int) *T {
	if i, ok := r.find(frameRecKey(frame, off)); ok {
		return &r.vals[i]
	}
	return nil
}

// put sets the record of the layer at off in frame.
func (r *frameRecs[T]) put(frame uint32, off int, v T) {
	k := frameRecKey(frame, off)
	i, ok := r.find(k)
	switch {
	case ok:
		r.vals[i] = v
	case i == len(r.keys):
		r.keys = append(r.keys, k)
		r.vals = append(r.vals, v)
	default: // a frame visited again out of order (rare): keep the keys sorted
		r.keys = slices.Insert(r.keys, i, k)
		r.vals = slices.Insert(r.vals, i, v)
	}
}

// len returns the number of records.
func (r *frameRecs[T]) len() int { return len(r.keys) }

// at returns the frame number and the record at index i (in frame order).
func (r *frameRecs[T]) at(i int) (uint32, *T) { return uint32(r.keys[i] >> 32), &r.vals[i] }
