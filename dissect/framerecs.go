package dissect

import (
	"iter"
	"slices"
	"sort"
)

// frameRecs holds what the first pass learned about one layer of a frame, for re-dissection, keyed by
// frame number and the layer's offset. The first pass visits frames in order, so records are
// appended almost always at the end: the keys stay sorted, a lookup is a binary search, and memory is
// exactly the records kept (no map buckets, no slot per frame that lacks the layer, no pointers for
// the garbage collector to scan when T has none). Records live in chunks of a fixed size, so that
// growing never copies what is already kept.
type frameRecs[T any] struct {
	chunks []recChunk[T] // in key order; every chunk but the last holds at least one record
}

type recChunk[T any] struct {
	keys []uint64 // frame<<32 | offset, ascending
	vals []T
}

// recChunkLen is how many records a chunk holds (the first chunk grows to it from small).
const recChunkLen = 4096

func frameRecKey(frame uint32, off int) uint64 { return uint64(frame)<<32 | uint64(uint32(off)) }

// locate returns the chunk that holds or would hold key k, and the position in it.
func (r *frameRecs[T]) locate(k uint64) (ci, i int, found bool) {
	n := len(r.chunks)
	if n == 0 {
		return 0, 0, false
	}
	if last := &r.chunks[n-1]; last.keys[0] <= k {
		ci = n - 1
		if l := len(last.keys); last.keys[l-1] < k {
			return ci, l, false // the usual case: after everything
		}
	} else {
		ci = max(0, sort.Search(n, func(j int) bool { return r.chunks[j].keys[0] > k })-1)
	}
	i, found = slices.BinarySearch(r.chunks[ci].keys, k)
	return ci, i, found
}

// get returns the record of the layer at off in frame.
func (r *frameRecs[T]) get(frame uint32, off int) (T, bool) {
	if ci, i, ok := r.locate(frameRecKey(frame, off)); ok {
		return r.chunks[ci].vals[i], true
	}
	var zero T
	return zero, false
}

// ref returns the record of the layer at off in frame for updating in place, or nil. It is valid
// until the next put.
func (r *frameRecs[T]) ref(frame uint32, off int) *T {
	if ci, i, ok := r.locate(frameRecKey(frame, off)); ok {
		return &r.chunks[ci].vals[i]
	}
	return nil
}

// put sets the record of the layer at off in frame.
func (r *frameRecs[T]) put(frame uint32, off int, v T) {
	k := frameRecKey(frame, off)
	ci, i, ok := r.locate(k)
	if ok {
		r.chunks[ci].vals[i] = v
		return
	}
	if len(r.chunks) == 0 {
		r.chunks = append(r.chunks, recChunk[T]{keys: make([]uint64, 0, 64), vals: make([]T, 0, 64)})
	}
	c := &r.chunks[ci]
	if len(c.keys) == cap(c.keys) && cap(c.keys) >= recChunkLen {
		if ci == len(r.chunks)-1 && i == len(c.keys) { // appending: start a new chunk
			r.chunks = append(r.chunks, recChunk[T]{keys: make([]uint64, 0, recChunkLen), vals: make([]T, 0, recChunkLen)})
			c = &r.chunks[ci+1]
			c.keys, c.vals = append(c.keys, k), append(c.vals, v)
			return
		}
		// a frame visited again out of order into a full chunk (rare): split it
		half := len(c.keys) / 2
		nc := recChunk[T]{keys: make([]uint64, 0, recChunkLen), vals: make([]T, 0, recChunkLen)}
		nc.keys, nc.vals = append(nc.keys, c.keys[half:]...), append(nc.vals, c.vals[half:]...)
		c.keys, c.vals = c.keys[:half], c.vals[:half]
		r.chunks = slices.Insert(r.chunks, ci+1, nc)
		if i > half {
			ci, i = ci+1, i-half
		}
		c = &r.chunks[ci]
	}
	c.keys, c.vals = slices.Insert(c.keys, i, k), slices.Insert(c.vals, i, v)
}

// all yields every record with its frame number, in frame order.
func (r *frameRecs[T]) all() iter.Seq2[uint32, *T] {
	return func(yield func(uint32, *T) bool) {
		for ci := range r.chunks {
			c := &r.chunks[ci]
			for i, k := range c.keys {
				if !yield(uint32(k>>32), &c.vals[i]) {
					return
				}
			}
		}
	}
}
