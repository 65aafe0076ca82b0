// Package store is the packet store: frame metadata (an index of about 36
// bytes a frame) and the packet bytes, either as views into memory-mapped
// capture files registered with SetSource or copied into an append-only
// spool of fixed chunks that never move.
//
// One goroutine appends; any number of goroutines may read frames up to
// Len concurrently. Published frames and bytes never move, so slices from
// Bytes stay valid for the life of the Store (and of the registered
// sources).
//
// store sits on floor 1 of ARCHITECTURE.md and imports nothing of ours: the
// caller converts capture.Packet into a Frame and its bytes.
package store

import (
	"sync"
	"sync/atomic"
)

// FrameNo numbers frames from 1, as Wireshark does; 0 means none.
type FrameNo uint32

// Flag bits of Frame.Flags.
const (
	Marked  uint16 = 1 << iota // marked by the user (Ctrl-M)
	Ignored                    // ignored by the user (Ctrl-D)
	TimeRef                    // time reference (Ctrl-T)
	Stable                     // bytes live in a registered source at Off
)

// userFlags are the flags SetFlag and ClearFlag may change.
const userFlags = Marked | Ignored | TimeRef

// Frame is the metadata of one frame.
type Frame struct {
	TS     int64  // capture time, ns since the Unix epoch
	Off    int64  // offset of the bytes in source File (Stable) or in the spool
	CapLen uint32 // captured bytes
	Len    uint32 // original length on the wire
	Link   uint16 // LINKTYPE_* of the frame's interface
	Iface  uint16 // interface index (global across merged files)
	File   uint16 // source file index (for Stable frames, the SetSource key)
	Flags  uint16 // Marked, Ignored, TimeRef, Stable
}

const (
	frameChunkBits = 14
	frameChunkLen  = 1 << frameChunkBits // frames per chunk (576 KiB with flags)
	spoolChunkSize = 4 << 20             // bytes per spool chunk
)

type frameChunk struct {
	frames [frameChunkLen]Frame
	flags  [frameChunkLen]atomic.Uint32 // user flags, changed after publication
}

// Store holds frames in arrival order. The zero value is not usable; call New.
type Store struct {
	n       atomic.Uint32                 // published frames
	chunks  atomic.Pointer[[]*frameChunk] // copy-on-grow directory
	spool   atomic.Pointer[[][]byte]      // copy-on-grow spool chunk directory
	sources atomic.Pointer[[][]byte]      // mapped files by File index

	// Writer-only state.
	spoolUsed int // bytes used in the last spool chunk

	mu       sync.RWMutex // guards comments
	comments map[FrameNo][]string

	flagged [3]atomic.Int64 // how many frames have Marked, Ignored, TimeRef
}

// New returns an empty store.
func New() *Store {
	s := &Store{comments: map[FrameNo][]string{}}
	empty := []*frameChunk{}
	s.chunks.Store(&empty)
	sp := [][]byte{}
	s.spool.Store(&sp)
	src := [][]byte{}
	s.sources.Store(&src)
	return s
}

// SetSource registers the bytes of source file (typically a read-only
// mapping of a capture file) so that frames appended with the Stable flag
// and that File keep only their offset. It must be called by the writer
// goroutine before appending such frames; the caller keeps b valid for the
// life of the Store.
func (s *Store) SetSource(file uint16, b []byte) {
	old := *s.sources.Load()
	n := max(len(old), int(file)+1)
	next := make([][]byte, n)
	copy(next, old)
	next[file] = b
	s.sources.Store(&next)
}

// Append adds a frame and returns its number. When f.Flags has Stable and a
// source is registered for f.File covering [f.Off, f.Off+len(data)), only
// the index is kept; otherwise data is copied into the spool (and Off, Stable
// are set accordingly). CapLen is taken from len(data). Only one goroutine
// may call Append.
func (s *Store) Append(f Frame, data []byte) FrameNo {
	f.CapLen = uint32(len(data))
	f.Flags &^= userFlags
	if f.Flags&Stable != 0 && !s.covers(f.File, f.Off, len(data)) {
		f.Flags &^= Stable
	}
	if f.Flags&Stable == 0 {
		f.Off = s.spoolAppend(data)
	}
	n := s.n.Load()
	dir := *s.chunks.Load()
	ci := int(n >> frameChunkBits)
	if ci == len(dir) {
		next := make([]*frameChunk, len(dir)+1, len(dir)+1+len(dir)/2)
		copy(next, dir)
		next[ci] = new(frameChunk)
		s.chunks.Store(&next)
		dir = next
	}
	dir[ci].frames[n&(frameChunkLen-1)] = f
	s.n.Store(n + 1)
	return FrameNo(n + 1)
}

// covers reports whether source file holds [off, off+n).
func (s *Store) covers(file uint16, off int64, n int) bool {
	src := *s.sources.Load()
	if int(file) >= len(src) || src[file] == nil {
		return false
	}
	return off >= 0 && off+int64(n) <= int64(len(src[file]))
}

// spoolAppend copies data into the spool and returns its location: chunk
// index in the upper 32 bits, offset within the chunk in the lower 32.
// A packet larger than a chunk gets a chunk of its own.
// TODO: spill chunks to a temporary file past a memory limit (live capture
// and compressed input of many GB).
func (s *Store) spoolAppend(data []byte) int64 {
	dir := *s.spool.Load()
	last := len(dir) - 1
	if last < 0 || s.spoolUsed+len(data) > len(dir[last]) {
		size := max(spoolChunkSize, len(data))
		next := make([][]byte, len(dir)+1, len(dir)+1+len(dir)/2)
		copy(next, dir)
		next[len(dir)] = make([]byte, size)
		s.spool.Store(&next)
		dir = next
		last = len(dir) - 1
		s.spoolUsed = 0
	}
	off := s.spoolUsed
	copy(dir[last][off:], data)
	s.spoolUsed += len(data)
	return int64(last)<<32 | int64(off)
}

// Len returns the number of published frames; safe from any goroutine.
func (s *Store) Len() FrameNo { return FrameNo(s.n.Load()) }

// slot returns the chunk and index of frame n, which must be in 1..Len().
func (s *Store) slot(n FrameNo) (*frameChunk, int) {
	if n == 0 || uint32(n) > s.n.Load() {
		panic("store: frame number out of range")
	}
	i := uint32(n - 1)
	dir := *s.chunks.Load()
	return dir[i>>frameChunkBits], int(i & (frameChunkLen - 1))
}

// Frame returns the metadata of frame n (1 <= n <= Len()), user flags
// included.
func (s *Store) Frame(n FrameNo) Frame {
	c, i := s.slot(n)
	f := c.frames[i]
	f.Flags |= uint16(c.flags[i].Load())
	return f
}

// Bytes returns the captured bytes of frame n as a read-only view whose
// capacity equals its length.
func (s *Store) Bytes(n FrameNo) []byte {
	c, i := s.slot(n)
	f := &c.frames[i]
	if f.Flags&Stable != 0 {
		src := (*s.sources.Load())[f.File]
		return src[f.Off : f.Off+int64(f.CapLen) : f.Off+int64(f.CapLen)]
	}
	dir := *s.spool.Load()
	chunk := dir[f.Off>>32]
	off := f.Off & 0xffffffff
	end := off + int64(f.CapLen)
	return chunk[off:end:end]
}

// SetFlag sets user flags (Marked, Ignored, TimeRef) of frame n; safe from
// any goroutine.
func (s *Store) SetFlag(n FrameNo, flag uint16) {
	c, i := s.slot(n)
	old := c.flags[i].Or(uint32(flag & userFlags))
	s.countFlags(^uint16(old)&flag&userFlags, 1)
}

// countFlags adds d to the counts of the user flags in changed.
func (s *Store) countFlags(changed uint16, d int64) {
	for b := range s.flagged {
		if changed&(1<<b) != 0 {
			s.flagged[b].Add(d)
		}
	}
}

// ClearFlag clears user flags of frame n; safe from any goroutine.
func (s *Store) ClearFlag(n FrameNo, flag uint16) {
	c, i := s.slot(n)
	old := c.flags[i].And(^uint32(flag & userFlags))
	s.countFlags(uint16(old)&flag&userFlags, -1)
}

// SetComments records the pcapng comments of frame n (the slice is copied).
func (s *Store) SetComments(n FrameNo, comments []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(comments) == 0 {
		delete(s.comments, n)
		return
	}
	s.comments[n] = append([]string(nil), comments...)
}

// Comments returns the comments of frame n (nil if none). The caller must
// not modify the returned slice.
func (s *Store) Comments(n FrameNo) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.comments[n]
}

// Count returns how many frames have all of the given flags: at once for one user flag (Marked,
// Ignored, TimeRef), which the status line asks after every change, by a scan otherwise.
func (s *Store) Count(flag uint16) int {
	for b := range s.flagged {
		if flag == 1<<b {
			return int(s.flagged[b].Load())
		}
	}
	total := 0
	for n := FrameNo(1); n <= s.Len(); n++ {
		if s.Frame(n).Flags&flag == flag {
			total++
		}
	}
	return total
}
