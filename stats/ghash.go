package stats

// gHashOrder reproduces the iteration order of a GLib 2.74 GHashTable (g_hash_table_foreach) that was
// filled by inserting keys in the given order, so that reports tshark prints from a hash table (the
// SIP statistics) list their rows as tshark does. Keys are identified by their hash and an index
// into the caller's slice; GLib's open addressing with quadratic probing, its growth at 15/16 load
// and its in-place rehash are followed step by step.
type gHashOrder struct {
	hashes []uint32 // 0: unused; else the stored hash (>= 2)
	items  []int    // caller's key index per bucket
	shift  uint
	n      int
}

// gPrimeMod is GLib's prime_mod table, indexed by the table's shift.
var gPrimeMod = [...]uint32{1, 2, 3, 7, 13, 31, 61, 127, 251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521,
	131071, 262139, 524287, 1048573, 2097143, 4194301, 8388593, 16777213, 33554393, 67108859, 134217689,
	268435399, 536870909, 1073741789, 2147483647}

func newGHashOrder() *gHashOrder {
	h := &gHashOrder{shift: 3}
	h.hashes = make([]uint32, 8)
	h.items = make([]int, 8)
	return h
}

func (h *gHashOrder) index(hash uint32) uint32 {
	return hash * 11 % gPrimeMod[h.shift] // in 32 bits, wrapping, as GLib computes it
}

// insert adds key number idx whose hash is hash (the caller never inserts a key twice).
func (h *gHashOrder) insert(idx int, hash uint32) {
	if hash < 2 {
		hash = 2
	}
	mask := uint32(len(h.hashes) - 1)
	i, step := h.index(hash), uint32(0)
	for h.hashes[i] != 0 {
		step++
		i = (i + step) & mask
	}
	h.hashes[i], h.items[i] = hash, idx
	h.n++
	if size := len(h.hashes); size <= h.n+h.n/16 {
		h.resize()
	}
}

// resize grows the table to hold n*1.333 entries and rehashes in place, as g_hash_table_resize.
func (h *gHashOrder) resize() {
	want := int(float64(h.n) * 1.333)
	shift := uint(0)
	for v := want; v != 0; v >>= 1 {
		shift++
	}
	if shift < 3 {
		shift = 3
	}
	oldSize := len(h.hashes)
	h.shift = shift
	size := 1 << shift
	mask := uint32(size - 1)
	hashes := append(h.hashes, make([]uint32, size-oldSize)...)
	items := append(h.items, make([]int, size-oldSize)...)
	moved := make([]bool, size)
	for i := 0; i < oldSize; i++ {
		if hashes[i] < 2 {
			hashes[i] = 0
			continue
		}
		if moved[i] {
			continue
		}
		hash, item := hashes[i], items[i]
		hashes[i] = 0
		for {
			j, step := h.index(hash), uint32(0)
			for moved[j] {
				step++
				j = (j + step) & mask
			}
			moved[j] = true
			replaced, replacedItem := hashes[j], items[j]
			hashes[j], items[j] = hash, item
			if replaced < 2 {
				break
			}
			hash, item = replaced, replacedItem
		}
	}
	h.hashes, h.items = hashes, items
}

// order returns the key indices in iteration order.
func (h *gHashOrder) order() []int {
	out := make([]int, 0, h.n)
	for i, hv := range h.hashes {
		if hv >= 2 {
			out = append(out, h.items[i])
		}
	}
	return out
}

// gStrHash is GLib's g_str_hash (djb2 over signed chars).
func gStrHash(s string) uint32 {
	h := uint32(5381)
	for i := 0; i < len(s); i++ {
		h = h*33 + uint32(int32(int8(s[i])))
	}
	return h
}
