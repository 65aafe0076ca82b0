// Package engine is the pipeline behind the terminal UI: an ingest goroutine reads captures into the
// store and runs the serial first dissection pass; a filter job scans the frames the first pass has
// finished, on every core, and publishes which frames are displayed. Readers (the UI) take immutable
// snapshots and learn of changes through a coalescing one-slot channel. Nothing here knows tview.
package engine

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/render"
	"github.com/tshark-tui/tshark-tui/store"
)

// Matcher is a compiled display filter.
type Matcher interface {
	Match(*field.Tree) bool
}

// Filter is a display filter ready to run: its text, its predicate and the fields it needs.
type Filter struct {
	Text   string
	M      Matcher
	Fields []field.ID
}

// View is an immutable snapshot of what is loaded and what is displayed.
type View struct {
	Count   store.FrameNo   // frames through the first pass
	Shown   []store.FrameNo // displayed frames in order; nil means all of 1..Count
	All     bool            // no filter: every frame is displayed
	Filter  string
	Scanned store.FrameNo // frames the filter has looked at (== Count when it is caught up)
	Loading bool          // the files are still being read
	Err     error         // damage found while reading (the frames before it are kept)
	Files   []string
}

// Len returns the number of displayed frames.
func (v *View) Len() int {
	if v.All {
		return int(v.Count)
	}
	return len(v.Shown)
}

// At returns the i-th displayed frame (0-based).
func (v *View) At(i int) store.FrameNo {
	if v.All {
		return store.FrameNo(i + 1)
	}
	return v.Shown[i]
}

// Index returns the position of frame n among the displayed frames, or -1.
func (v *View) Index(n store.FrameNo) int {
	if v.All {
		if n >= 1 && n <= v.Count {
			return int(n) - 1
		}
		return -1
	}
	lo, hi := 0, len(v.Shown)
	for lo < hi {
		m := (lo + hi) / 2
		if v.Shown[m] < n {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(v.Shown) && v.Shown[lo] == n {
		return lo
	}
	return -1
}

// Engine owns the store and the conversation state of one set of capture files.
type Engine struct {
	st     *store.Store
	state  *dissect.State
	files  []string
	ifaces atomic.Pointer[[]capture.Interface]

	passed  atomic.Uint32
	loading atomic.Bool
	errMu   sync.Mutex
	loadErr error

	view    atomic.Pointer[View]
	changed chan struct{}
	more    *sync.Cond // signalled when the first pass advances or loading ends
	moreMu  sync.Mutex

	jobMu     sync.Mutex
	jobCancel context.CancelFunc
	jobDone   chan struct{}
	filter    *Filter

	rd        capture.Reader
	closeOnce sync.Once // Close may be called by the UI (swapping captures) and by its owner
	pcapng    bool      // frames carry section and interface numbers
	firstTS   atomic.Int64
	cancel    context.CancelFunc
	wg        sync.WaitGroup
}

// Open starts reading files in the background and returns at once. The first frames are usable as
// soon as Changed signals.
func Open(files ...string) (*Engine, error) { return OpenWith(dissect.Config{}, files...) }

// OpenWith is Open with a dissection configuration (TLS keys).
func OpenWith(cfg dissect.Config, files ...string) (*Engine, error) {
	rd, err := capture.Open(files...)
	if err != nil {
		return nil, err
	}
	e := &Engine{
		st:      store.New(),
		state:   dissect.NewStateWith(cfg),
		files:   files,
		changed: make(chan struct{}, 1),
	}
	e.more = sync.NewCond(&e.moreMu)
	dissect.SetFrameSource(e.state, func(n uint32) []byte { return e.st.Bytes(store.FrameNo(n)) })
	e.loading.Store(true)
	e.publish()
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	e.rd = rd
	e.pcapng = capture.FileFormat(rd) == capture.FormatPcapng
	e.wg.Add(1)
	go e.ingest(ctx, rd)
	return e, nil
}

// Close stops background work and releases the files.
func (e *Engine) Close() { e.closeOnce.Do(e.close) }

func (e *Engine) close() {
	e.cancel()
	e.jobMu.Lock()
	if e.jobCancel != nil {
		e.jobCancel()
	}
	e.jobMu.Unlock()
	e.moreMu.Lock()
	e.more.Broadcast()
	e.moreMu.Unlock()
	e.wg.Wait()
	if e.rd != nil {
		e.rd.Close()
	}
}

// Store returns the packet store (read-only use).
func (e *Engine) Store() *store.Store { return e.st }

// Changed signals (coalesced) that a new View may be available.
func (e *Engine) Changed() <-chan struct{} { return e.changed }

// View returns the current snapshot.
func (e *Engine) View() *View { return e.view.Load() }

// Interfaces returns the capture interfaces seen so far.
func (e *Engine) Interfaces() []capture.Interface {
	if p := e.ifaces.Load(); p != nil {
		return *p
	}
	return nil
}

// Precision is the automatic time precision of frames of interface iface (6 or 9 decimals),
// from its timestamp resolution, as Wireshark decides per record.
func (e *Engine) Precision(iface uint16) int {
	ifs := e.Interfaces()
	if int(iface) >= len(ifs) {
		return 6
	}
	return render.ResolutionDecimals(ifs[iface].TSResolNs)
}

func (e *Engine) signal() {
	select {
	case e.changed <- struct{}{}:
	default:
	}
}

func (e *Engine) ingest(ctx context.Context, rd capture.Reader) {
	defer e.wg.Done()
	// rd stays open after loading: the store serves bytes from its mappings until Close.
	mapped, _ := rd.(capture.Mapped)
	sources := map[int]bool{}
	tree := field.NewTree(dissect.Fields)
	tree.Visible = false
	tree.Want = field.NewIDSet(dissect.Fields)
	tree.Discard = true // only the state the first pass leaves matters
	c := dissect.NewCtx(tree, e.state)
	c.Pass1 = true
	var prevTS int64
	var fi dissect.FrameInfo // one for all frames: the dissector keeps no reference to it
	last := time.Now()
	for n := 0; ; n++ {
		if n&1023 == 0 && ctx.Err() != nil {
			break
		}
		pkt, err := rd.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				e.errMu.Lock()
				e.loadErr = err
				e.errMu.Unlock()
			}
			break
		}
		if n == 0 {
			ifs := rd.Interfaces()
			e.ifaces.Store(&ifs)
			e.firstTS.Store(pkt.TS)
		}
		f := store.Frame{TS: pkt.TS, Len: pkt.Len, Link: pkt.Link, Iface: uint16(pkt.Iface), File: uint16(pkt.File)}
		if pkt.Stable && mapped != nil {
			if !sources[pkt.File] {
				if m := mapped.Mapping(pkt.File); m != nil {
					e.st.SetSource(uint16(pkt.File), m)
				}
				sources[pkt.File] = true
			}
			f.Off = pkt.Offset
			f.Flags |= store.Stable
		}
		num := e.st.Append(f, pkt.Data)
		if len(pkt.Comments) > 0 {
			e.st.SetComments(num, append([]string(nil), pkt.Comments...))
		}
		fi = dissect.FrameInfo{Number: uint32(num), TS: pkt.TS, CapLen: pkt.CapLen, Len: pkt.Len,
			Link: pkt.Link, Iface: pkt.Iface, PrevCapTS: prevTS, RefTS: e.firstTS.Load()}
		e.setIface(&fi)
		c.Run(&fi, e.st.Bytes(num))
		prevTS = pkt.TS
		e.passed.Store(uint32(num))
		if n&255 == 0 && time.Since(last) > 50*time.Millisecond {
			ifs := rd.Interfaces()
			e.ifaces.Store(&ifs)
			last = time.Now()
			e.advance()
		}
	}
	ifs := rd.Interfaces()
	e.ifaces.Store(&ifs)
	e.loading.Store(false)
	e.advance()
}

// advance publishes progress of the first pass and wakes the filter job.
func (e *Engine) advance() {
	e.moreMu.Lock()
	e.more.Broadcast()
	e.moreMu.Unlock()
	e.publish()
}

// publish builds a View from the current state (for the no-filter case; the filter job publishes
// its own views).
func (e *Engine) publish() {
	e.jobMu.Lock()
	filtered := e.filter != nil
	e.jobMu.Unlock()
	if filtered {
		// the filter job publishes; only refresh counters on its latest view
		if v := e.view.Load(); v != nil {
			nv := *v
			nv.Count = store.FrameNo(e.passed.Load())
			nv.Loading = e.loading.Load()
			nv.Err = e.err()
			e.view.Store(&nv)
		}
		e.signal()
		return
	}
	cnt := store.FrameNo(e.passed.Load())
	e.view.Store(&View{Count: cnt, All: true, Scanned: cnt, Loading: e.loading.Load(), Err: e.err(), Files: e.files})
	e.signal()
}

func (e *Engine) err() error {
	e.errMu.Lock()
	defer e.errMu.Unlock()
	return e.loadErr
}

// SetFilter applies a display filter (nil clears it): the previous filter job is cancelled and a new
// one scans every frame in the background, publishing views as it goes.
func (e *Engine) SetFilter(f *Filter) {
	e.jobMu.Lock()
	if e.jobCancel != nil {
		e.jobCancel()
		done := e.jobDone
		e.jobMu.Unlock()
		e.moreMu.Lock()
		e.more.Broadcast()
		e.moreMu.Unlock()
		<-done
		e.jobMu.Lock()
	}
	e.filter = f
	e.jobCancel, e.jobDone = nil, nil
	if f == nil {
		e.jobMu.Unlock()
		e.publish()
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	e.jobCancel, e.jobDone = cancel, done
	e.jobMu.Unlock()
	e.view.Store(&View{Filter: f.Text, Count: store.FrameNo(e.passed.Load()), Shown: []store.FrameNo{},
		Loading: e.loading.Load(), Err: e.err(), Files: e.files})
	e.signal()
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		defer close(done)
		e.runFilter(ctx, f)
	}()
}

// chunk is how many frames one worker filters at a time.
const chunk = 4096

// runFilter scans frames in order in chunks spread over the cores, appending matches in order, and
// follows the first pass while the files are still loading.
func (e *Engine) runFilter(ctx context.Context, f *Filter) {
	workers := runtime.GOMAXPROCS(0)
	shown := make([]store.FrameNo, 0, 1024)
	next := store.FrameNo(1)
	type result struct {
		from    store.FrameNo
		matches []store.FrameNo
	}
	dissectors := make([]*Dissector, workers)
	for i := range dissectors {
		dissectors[i] = e.newFilterDissector(f)
	}
	lastPub := time.Now()
	for ctx.Err() == nil {
		avail := store.FrameNo(e.passed.Load())
		if next > avail {
			if !e.loading.Load() && next > store.FrameNo(e.passed.Load()) {
				break
			}
			e.publishFilter(f, shown, next-1)
			e.moreMu.Lock()
			for ctx.Err() == nil && e.loading.Load() && store.FrameNo(e.passed.Load()) < next {
				e.more.Wait()
			}
			e.moreMu.Unlock()
			continue
		}
		// one round: up to `workers` chunks in parallel
		var wg sync.WaitGroup
		results := make([]result, 0, workers)
		for w := 0; w < workers && next <= avail; w++ {
			end := next + chunk - 1
			if end > avail {
				end = avail
			}
			results = append(results, result{from: next})
			idx := len(results) - 1
			wg.Add(1)
			go func(d *Dissector, from, to store.FrameNo, out *[]store.FrameNo) {
				defer wg.Done()
				for n := from; n <= to; n++ {
					if n&255 == 0 && ctx.Err() != nil {
						return
					}
					if d.match(n, f.M) {
						*out = append(*out, n)
					}
				}
			}(dissectors[w], next, end, &results[idx].matches)
			next = end + 1
		}
		wg.Wait()
		for _, r := range results {
			shown = append(shown, r.matches...)
		}
		if time.Since(lastPub) > 100*time.Millisecond {
			e.publishFilter(f, shown, next-1)
			lastPub = time.Now()
		}
	}
	if ctx.Err() == nil {
		e.publishFilter(f, shown, next-1)
	}
}

func (e *Engine) publishFilter(f *Filter, shown []store.FrameNo, scanned store.FrameNo) {
	e.jobMu.Lock()
	current := e.filter == f
	e.jobMu.Unlock()
	if !current {
		return
	}
	e.view.Store(&View{Count: store.FrameNo(e.passed.Load()), Shown: shown[:len(shown):len(shown)], Filter: f.Text,
		Scanned: scanned, Loading: e.loading.Load(), Err: e.err(), Files: e.files})
	e.signal()
}

// setIface fills the pcapng section and interface of a frame's metadata, as the frame tree shows them.
func (e *Engine) setIface(fi *dissect.FrameInfo) {
	if !e.pcapng {
		return
	}
	fi.Section = 1
	if ifs := e.Interfaces(); int(fi.Iface) < len(ifs) {
		fi.IfName = ifs[fi.Iface].Name
		fi.IfDescr = ifs[fi.Iface].Description
	}
}
