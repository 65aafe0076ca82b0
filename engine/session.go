// Package engine is the one packet pipeline behind both faces. A Session owns a capture's sources
// (files, several merged by time, standard input, live interfaces through one capture/live
// session), the capture filter, the dissection configuration (TLS keys, Decode As) — changeable
// while open — the serial first pass, and every job over the frames (filter, find, follow, taps for
// statistics, export), each with a context, progress and cancellation, never on a UI goroutine.
//
// It runs in two modes. Indexed (Open), for the terminal UI: a reader goroutine fills the packet
// store while a second goroutine runs the first dissection pass beside it, and jobs re-dissect the
// frames the first pass has finished, on every core. One pass (OpenOnePass, Each), for the tshark
// face: every frame is read, dissected once in order and handed to the caller, with tshark's flat
// memory. Readers take immutable View snapshots and learn of changes through a coalescing one-slot
// channel. Nothing here knows tview.
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
	"github.com/tshark-tui/tshark-tui/capture/live"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/render"
	"github.com/tshark-tui/tshark-tui/store"
)

// FrameNo numbers frames from 1, as Wireshark does.
type FrameNo = store.FrameNo

// Frame flags the user sets (Edit menu).
const (
	Marked  = store.Marked
	Ignored = store.Ignored
	TimeRef = store.TimeRef
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
	Count   FrameNo   // frames through the first pass
	Shown   []FrameNo // displayed frames in order; nil means all of 1..Count
	All     bool      // no filter: every frame is displayed
	Filter  string
	Scanned FrameNo // frames the filter has looked at (== Count when it is caught up)
	Loading bool    // the source is still being read (or the first pass is catching up)
	Err     error   // damage found while reading (the frames before it are kept)
	Files   []string
	// Gen counts dissection configurations: it changes when Reconfigure has finished, and what was
	// dissected before (cached rows, trees) is stale.
	Gen uint32
	// Redissecting is the progress (0..1) of a first pass running again after Reconfigure, or -1.
	Redissecting float64
}

// Len returns the number of displayed frames.
func (v *View) Len() int {
	if v.All {
		return int(v.Count)
	}
	return len(v.Shown)
}

// At returns the i-th displayed frame (0-based).
func (v *View) At(i int) FrameNo {
	if v.All {
		return FrameNo(i + 1)
	}
	return v.Shown[i]
}

// Index returns the position of frame n among the displayed frames, or -1.
func (v *View) Index(n FrameNo) int {
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

// Session is one open capture: its source, store, dissection state and jobs.
type Session struct {
	src    Source
	st     *store.Store
	rd     capture.Reader
	live   *live.Session
	files  []string
	ifaces atomic.Pointer[[]capture.Interface]
	pcapng bool // frames carry section and interface numbers

	cfgMu sync.Mutex
	cfg   Config
	state atomic.Pointer[dissect.State]
	gen   atomic.Uint32

	read      atomic.Uint32 // frames in the store
	passed    atomic.Uint32 // frames through the first pass of the current state
	reading   atomic.Bool   // the reader goroutine is still reading
	loading   atomic.Bool   // reading, or the first pass has not caught up
	p1Waiting atomic.Bool   // the first pass waits for the reader
	inline    bool          // the first pass reads the (mapped) source itself
	redissect atomic.Int64  // frames re-dissected after Reconfigure, -1 when none runs
	reconfigs chan Config
	errMu     sync.Mutex
	loadErr   error

	view    atomic.Pointer[View]
	changed chan struct{}
	more    *sync.Cond // signalled when the reader or the first pass advances, or loading ends
	moreMu  sync.Mutex

	jobMu     sync.Mutex
	jobCancel context.CancelFunc
	jobDone   chan struct{}
	filter    *Filter

	firstTS   atomic.Int64
	cancel    context.CancelFunc
	wg        sync.WaitGroup
	closeOnce sync.Once
}

// Open opens src and starts reading it in the background (indexed mode, for the terminal UI); it
// returns at once. The first frames are usable as soon as Changed signals.
func Open(src Source, cfg Config) (*Session, error) {
	op, err := src.open(true)
	if err != nil {
		return nil, err
	}
	s := &Session{
		src:       src,
		st:        store.New(),
		rd:        op.rd,
		live:      op.live,
		files:     src.Names(),
		cfg:       cfg,
		changed:   make(chan struct{}, 1),
		reconfigs: make(chan Config, 1),
	}
	s.more = sync.NewCond(&s.moreMu)
	s.pcapng = op.live != nil || capture.FileFormat(op.rd) == capture.FormatPcapng
	s.state.Store(s.newState(cfg))
	dissect.PrefetchMACNames() // the UI's first details pane names the addresses' vendors (OUI)
	s.redissect.Store(-1)
	s.reading.Store(true)
	s.loading.Store(true)
	s.publish()
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	_, mapped := op.rd.(capture.Mapped)
	s.inline = mapped && op.live == nil
	if s.inline {
		s.wg.Add(1)
	} else {
		s.wg.Add(2)
		go s.readLoop(ctx)
	}
	go s.passLoop(ctx)
	if s.live != nil {
		s.wg.Add(1)
		go s.liveTicker(ctx)
	}
	return s, nil
}

// OpenFiles opens capture files with no capture filter (a convenience for tests and tools).
func OpenFiles(cfg Config, files ...string) (*Session, error) {
	return Open(Source{Files: files}, cfg)
}

func (s *Session) newState(cfg Config) *dissect.State {
	st := dissect.NewStateWith(cfg.dissectConfig())
	dissect.SetFrameSource(st, func(n uint32) []byte { return s.st.Bytes(FrameNo(n)) })
	return st
}

// Close stops background work (a live capture too) and releases the source.
func (s *Session) Close() { s.closeOnce.Do(s.close) }

func (s *Session) close() {
	s.cancel()
	if s.live != nil {
		s.live.Stop()
	}
	s.jobMu.Lock()
	if s.jobCancel != nil {
		s.jobCancel()
	}
	s.jobMu.Unlock()
	s.broadcast()
	s.wg.Wait()
	if s.live != nil {
		_ = s.live.Close()
	} else if s.rd != nil {
		s.rd.Close()
	}
}

// Source returns what the session reads.
func (s *Session) Source() Source { return s.src }

// Store returns the packet store (read-only use).
func (s *Session) Store() *store.Store { return s.st }

// Changed signals (coalesced) that a new View may be available.
func (s *Session) Changed() <-chan struct{} { return s.changed }

// View returns the current snapshot.
func (s *Session) View() *View { return s.view.Load() }

// Config returns the current dissection configuration.
func (s *Session) Config() Config {
	s.cfgMu.Lock()
	defer s.cfgMu.Unlock()
	return s.cfg
}

// Interfaces returns the capture interfaces seen so far.
func (s *Session) Interfaces() []capture.Interface {
	if p := s.ifaces.Load(); p != nil {
		return *p
	}
	return nil
}

// Precision is the automatic time precision of frames of interface iface (6 or 9 decimals),
// from its timestamp resolution, as Wireshark decides per record.
func (s *Session) Precision(iface uint16) int {
	ifs := s.Interfaces()
	if int(iface) >= len(ifs) {
		return 6
	}
	return render.ResolutionDecimals(ifs[iface].TSResolNs)
}

func (s *Session) signal() {
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

func (s *Session) broadcast() {
	s.moreMu.Lock()
	s.more.Broadcast()
	s.moreMu.Unlock()
}

// reader moves packets from the source into the store.
type reader struct {
	s       *Session
	rd      capture.Reader
	mapped  capture.Mapped
	sources map[int]bool
	n       int
	last    time.Time
}

func (s *Session) newReader() *reader {
	m, _ := s.rd.(capture.Mapped)
	return &reader{s: s, rd: s.rd, mapped: m, sources: map[int]bool{}, last: time.Now()}
}

// step stores the next packet; false at the end of the source (or its damage), when reading is over.
func (r *reader) step() bool {
	s := r.s
	pkt, err := r.rd.Next()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			s.errMu.Lock()
			s.loadErr = err
			s.errMu.Unlock()
		}
		r.finish()
		return false
	}
	if r.n == 0 {
		ifs := r.rd.Interfaces()
		s.ifaces.Store(&ifs)
		s.firstTS.Store(pkt.TS)
	}
	r.n++
	f := store.Frame{TS: pkt.TS, Len: pkt.Len, Link: pkt.Link, Iface: uint16(pkt.Iface), File: uint16(pkt.File)}
	if pkt.Stable && r.mapped != nil {
		if !r.sources[pkt.File] {
			if m := r.mapped.Mapping(pkt.File); m != nil {
				s.st.SetSource(uint16(pkt.File), m)
			}
			r.sources[pkt.File] = true
		}
		f.Off = pkt.Offset
		f.Flags |= store.Stable
	}
	num := s.st.Append(f, pkt.Data)
	if len(pkt.Comments) > 0 {
		s.st.SetComments(num, append([]string(nil), pkt.Comments...))
	}
	s.read.Store(uint32(num))
	if s.p1Waiting.Load() {
		s.broadcast()
	}
	if r.n&255 == 0 && time.Since(r.last) > 100*time.Millisecond {
		ifs := r.rd.Interfaces()
		s.ifaces.Store(&ifs)
		r.last = time.Now()
	}
	return true
}

// finish records the end of reading.
func (r *reader) finish() {
	ifs := r.rd.Interfaces()
	r.s.ifaces.Store(&ifs)
	r.s.reading.Store(false)
	r.s.broadcast()
}

// readLoop reads packets into the store beside the first pass: decompression, standard input and
// live capture overlap dissection on the other core. (A mapped file is read in place by the first
// pass itself, leaving that core to the UI: see passLoop.)
func (s *Session) readLoop(ctx context.Context) {
	defer s.wg.Done()
	r := s.newReader()
	// rd stays open after loading: the store serves bytes from its mappings until Close.
	for n := 0; ; n++ {
		if n&1023 == 0 && ctx.Err() != nil {
			r.finish()
			return
		}
		if !r.step() {
			return
		}
	}
}

// passLoop runs the serial first pass over the frames the reader has stored, and runs it again
// from the first frame when the configuration changes.
func (s *Session) passLoop(ctx context.Context) {
	defer s.wg.Done()
	p := newPass1(s, s.state.Load())
	last := time.Now()
	var inline *reader // a mapped file: reading it costs little, the first pass reads it itself
	if s.inline {
		inline = s.newReader()
	}
	for ctx.Err() == nil {
		if inline != nil && s.reading.Load() && s.passed.Load() >= s.read.Load() {
			for i := 0; i < 1024 && inline.step(); i++ {
			}
		}
		select {
		case cfg := <-s.reconfigs:
			if np := s.repass(ctx, cfg); np != nil {
				p = np
			}
			continue
		default:
		}
		next := s.passed.Load() + 1
		if next <= s.read.Load() {
			// a run of frames, checking for cancellation and new configurations now and then
			end := min(s.read.Load(), next+1023)
			for n := next; n <= end; n++ {
				p.run(FrameNo(n))
				s.passed.Store(n)
			}
			if time.Since(last) > 50*time.Millisecond {
				last = time.Now()
				s.advance()
			}
			continue
		}
		// wait for the reader, a new configuration or the end
		s.moreMu.Lock()
		s.p1Waiting.Store(true)
		for ctx.Err() == nil && s.passed.Load() >= s.read.Load() && len(s.reconfigs) == 0 && s.reading.Load() {
			s.more.Wait()
		}
		s.p1Waiting.Store(false)
		s.moreMu.Unlock()
		if ctx.Err() != nil || len(s.reconfigs) > 0 || s.reading.Load() || s.passed.Load() < s.read.Load() {
			continue
		}
		// everything read has passed: loaded
		if s.loading.Swap(false) {
			s.advance()
		}
		select {
		case <-ctx.Done():
			return
		case cfg := <-s.reconfigs:
			if np := s.repass(ctx, cfg); np != nil {
				p = np
			}
		}
	}
}

// pass1 is the first pass's dissection context over one state.
type pass1 struct {
	s     *Session
	state *dissect.State
	c     *dissect.Ctx
	fi    dissect.FrameInfo
	prev  int64
}

func newPass1(s *Session, st *dissect.State) *pass1 {
	tree := field.NewTree(dissect.Fields)
	tree.Visible = false
	tree.Want = field.NewIDSet(dissect.Fields)
	tree.Discard = true // only the state the first pass leaves matters
	c := dissect.NewCtx(tree, st)
	c.Pass1 = true
	return &pass1{s: s, state: st, c: c}
}

// run dissects frame n in the first pass (frames in order, each once per state).
func (p *pass1) run(n FrameNo) {
	s := p.s
	f := s.st.Frame(n)
	p.fi = dissect.FrameInfo{Number: uint32(n), TS: f.TS, CapLen: f.CapLen, Len: f.Len, Link: f.Link,
		Iface: uint32(f.Iface), RefTS: s.firstTS.Load()}
	if n > 1 {
		p.fi.PrevCapTS = p.prev
	}
	s.setIface(&p.fi)
	p.c.Run(&p.fi, s.st.Bytes(n))
	p.prev = f.TS
}

// Reconfigure changes the dissection configuration (TLS keys, Decode As) of an open session, as
// Wireshark re-dissects all packets: the first pass runs again over every frame read so far with
// the new configuration, in the background, while the old one stays in use; then the session
// switches (View.Gen changes) and the display filter runs again. Frames keep arriving meanwhile,
// marks and time references are kept, nothing is reopened.
func (s *Session) Reconfigure(cfg Config) {
	s.cfgMu.Lock()
	s.cfg = cfg
	s.cfgMu.Unlock()
	for {
		select {
		case s.reconfigs <- cfg:
			s.broadcast()
			return
		default:
			select { // replace a configuration not yet taken up
			case <-s.reconfigs:
			default:
			}
		}
	}
}

// repass runs the first pass again from frame 1 with cfg and switches to it; nil when cancelled
// (by Close or by a newer configuration, which the caller takes up next).
func (s *Session) repass(ctx context.Context, cfg Config) *pass1 {
	st := s.newState(cfg)
	p := newPass1(s, st)
	upTo := FrameNo(s.read.Load())
	s.redissect.Store(0)
	defer s.redissect.Store(-1)
	last := time.Now()
	for n := FrameNo(1); ; n++ {
		if n > upTo {
			// frames that arrived meanwhile
			if r := FrameNo(s.read.Load()); r > upTo {
				upTo = r
			} else {
				break
			}
		}
		if n&1023 == 0 {
			if ctx.Err() != nil || len(s.reconfigs) > 0 {
				return nil
			}
			if time.Since(last) > 100*time.Millisecond {
				last = time.Now()
				s.redissect.Store(int64(n))
				s.publish()
			}
		}
		p.run(n)
	}
	s.state.Store(st)
	s.passed.Store(uint32(upTo))
	s.gen.Add(1)
	s.redissect.Store(-1)
	s.jobMu.Lock()
	f := s.filter
	s.jobMu.Unlock()
	if f != nil && ctx.Err() == nil {
		// the filter job waits for the first pass: restart it from another goroutine
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.SetFilter(f)
		}()
	} else {
		s.advance()
	}
	return p
}

// advance publishes progress of the first pass and wakes the filter job.
func (s *Session) advance() {
	s.broadcast()
	s.publish()
}

// publish builds a View from the current state (for the no-filter case; the filter job publishes
// its own views).
func (s *Session) publish() {
	s.jobMu.Lock()
	filtered := s.filter != nil
	s.jobMu.Unlock()
	if filtered {
		// the filter job publishes; only refresh counters on its latest view
		if v := s.view.Load(); v != nil {
			nv := *v
			s.fillCounters(&nv)
			s.view.Store(&nv)
		}
		s.signal()
		return
	}
	v := &View{All: true, Files: s.files}
	s.fillCounters(v)
	v.Scanned = v.Count
	s.view.Store(v)
	s.signal()
}

// fillCounters sets a view's first-pass counters.
func (s *Session) fillCounters(v *View) {
	v.Count = FrameNo(s.passed.Load())
	v.Loading = s.loading.Load()
	v.Err = s.err()
	v.Gen = s.gen.Load()
	v.Redissecting = -1
	if r := s.redissect.Load(); r >= 0 {
		v.Redissecting = float64(r) / float64(max(1, s.read.Load()))
	}
}

func (s *Session) err() error {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	return s.loadErr
}

// SetFilter applies a display filter (nil clears it): the previous filter job is cancelled and a new
// one scans every frame in the background, publishing views as it goes.
func (s *Session) SetFilter(f *Filter) {
	s.jobMu.Lock()
	if s.jobCancel != nil {
		s.jobCancel()
		done := s.jobDone
		s.jobMu.Unlock()
		s.broadcast()
		<-done
		s.jobMu.Lock()
	}
	s.filter = f
	s.jobCancel, s.jobDone = nil, nil
	if f == nil {
		s.jobMu.Unlock()
		s.publish()
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.jobCancel, s.jobDone = cancel, done
	s.jobMu.Unlock()
	v := &View{Filter: f.Text, Shown: []FrameNo{}, Files: s.files}
	s.fillCounters(v)
	s.view.Store(v)
	s.signal()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(done)
		s.runFilter(ctx, f)
	}()
}

// chunk is how many frames one worker filters at a time.
const chunk = 4096

// runFilter scans frames in order in chunks spread over the cores, appending matches in order, and
// follows the first pass while the source is still being read.
func (s *Session) runFilter(ctx context.Context, f *Filter) {
	workers := runtime.GOMAXPROCS(0)
	shown := make([]FrameNo, 0, 1024)
	next := FrameNo(1)
	type result struct {
		matches []FrameNo
	}
	dissectors := make([]*Dissector, workers)
	for i := range dissectors {
		dissectors[i] = s.newFilterDissector(f.Fields)
	}
	lastPub := time.Now()
	for ctx.Err() == nil {
		avail := FrameNo(s.passed.Load())
		if next > avail {
			if !s.loading.Load() && next > FrameNo(s.passed.Load()) {
				break
			}
			s.publishFilter(f, shown, next-1)
			s.moreMu.Lock()
			for ctx.Err() == nil && s.loading.Load() && FrameNo(s.passed.Load()) < next {
				s.more.Wait()
			}
			s.moreMu.Unlock()
			continue
		}
		// one round: up to `workers` chunks in parallel
		var wg sync.WaitGroup
		results := make([]result, 0, workers)
		for w := 0; w < workers && next <= avail; w++ {
			end := min(next+chunk-1, avail)
			results = append(results, result{})
			idx := len(results) - 1
			wg.Add(1)
			go func(d *Dissector, from, to FrameNo, out *[]FrameNo) {
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
			s.publishFilter(f, shown, next-1)
			lastPub = time.Now()
		}
	}
	if ctx.Err() == nil {
		s.publishFilter(f, shown, next-1)
	}
}

func (s *Session) publishFilter(f *Filter, shown []FrameNo, scanned FrameNo) {
	s.jobMu.Lock()
	current := s.filter == f
	s.jobMu.Unlock()
	if !current {
		return
	}
	v := &View{Shown: shown[:len(shown):len(shown)], Filter: f.Text, Scanned: scanned, Files: s.files}
	s.fillCounters(v)
	s.view.Store(v)
	s.signal()
}

// setIface fills the pcapng section and interface of a frame's metadata, as the frame tree shows them.
func (s *Session) setIface(fi *dissect.FrameInfo) {
	if !s.pcapng {
		return
	}
	fi.Section = 1
	if ifs := s.Interfaces(); int(fi.Iface) < len(ifs) {
		fi.IfName = ifs[fi.Iface].Name
		fi.IfDescr = ifs[fi.Iface].Description
	}
}

// liveTicker publishes views at least every 100 ms while a live capture runs, so that the list
// follows packets that trickle in.
func (s *Session) liveTicker(ctx context.Context) {
	defer s.wg.Done()
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	var last uint32
	for s.loading.Load() {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n := s.passed.Load(); n != last {
				last = n
				s.advance()
			}
		}
	}
}

// Fields is the registry of every field the dissectors know (display filters compile against it).
var Fields = dissect.Fields
