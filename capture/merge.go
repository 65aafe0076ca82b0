package capture

import (
	"container/heap"
	"io"
)

// mergeReader interleaves several readers by time stamp, like mergecap:
// the earliest pending packet goes first, ties to the lower file index.
type mergeReader struct {
	rs     []Reader
	h      mergeHeap
	last   *mergeEntry // entry whose packet was returned last; advanced lazily
	local  [][]uint32  // per file: local interface index -> global index
	ifaces []Interface
	damage error // first damage error, returned after the other files drain
	done   bool
}

type mergeEntry struct {
	file int
	p    *Packet
}

type mergeHeap []*mergeEntry

func (h mergeHeap) Len() int { return len(h) }
func (h mergeHeap) Less(i, j int) bool {
	if h[i].p.TS != h[j].p.TS {
		return uint64(h[i].p.TS) < uint64(h[j].p.TS) // frame times are unsigned
	}
	return h[i].file < h[j].file
}
func (h mergeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)   { *h = append(*h, x.(*mergeEntry)) }
func (h *mergeHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

func newMerge(rs []Reader) (*mergeReader, error) {
	m := &mergeReader{rs: rs, local: make([][]uint32, len(rs))}
	for i := range rs {
		e := &mergeEntry{file: i}
		if err := m.advance(e); err != nil {
			_ = m.Close()
			return nil, err
		}
	}
	// Number every interface known after the first packets in file order,
	// so that a writer created now sees them all.
	for i := range rs {
		m.syncIfaces(i)
	}
	return m, nil
}

// advance reads the next packet of e's file and pushes e back on the heap;
// it returns only non-damage errors.
func (m *mergeReader) advance(e *mergeEntry) error {
	p, err := m.rs[e.file].Next()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		if IsDamage(err) {
			if m.damage == nil {
				m.damage = err
			}
			return nil
		}
		return err
	}
	e.p = p
	heap.Push(&m.h, e)
	return nil
}

// syncIfaces gives global numbers to the interfaces file i declared so far.
func (m *mergeReader) syncIfaces(i int) {
	all := m.rs[i].Interfaces()
	for k := len(m.local[i]); k < len(all); k++ {
		m.local[i] = append(m.local[i], uint32(len(m.ifaces)))
		ifc := all[k]
		ifc.File = i
		m.ifaces = append(m.ifaces, ifc)
	}
}

// Next implements Reader.
func (m *mergeReader) Next() (*Packet, error) {
	if m.done {
		return nil, io.EOF
	}
	if m.last != nil {
		e := m.last
		m.last = nil
		if err := m.advance(e); err != nil {
			m.done = true
			return nil, err
		}
	}
	if m.h.Len() == 0 {
		m.done = true
		if m.damage != nil {
			return nil, m.damage
		}
		return nil, io.EOF
	}
	e := heap.Pop(&m.h).(*mergeEntry)
	m.last = e
	p := e.p
	if int(p.Iface) >= len(m.local[e.file]) {
		m.syncIfaces(e.file)
	}
	if int(p.Iface) < len(m.local[e.file]) {
		p.Iface = m.local[e.file][p.Iface]
	}
	p.File = e.file
	return p, nil
}

// Interfaces implements Reader.
func (m *mergeReader) Interfaces() []Interface { return m.ifaces }

// Mapping implements Mapped.
func (m *mergeReader) Mapping(file int) []byte {
	if file < 0 || file >= len(m.rs) {
		return nil
	}
	if mp, ok := m.rs[file].(Mapped); ok {
		return mp.Mapping(0)
	}
	return nil
}

// Close implements Reader.
func (m *mergeReader) Close() error {
	m.done = true
	var first error
	for _, r := range m.rs {
		if err := r.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
