package engine

import (
	"errors"
	"io"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/capture/live"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/render"
)

// OnePassOptions shape a one-pass run (tshark's batch mode).
type OnePassOptions struct {
	// Want lists the fields the caller reads; nil builds every field.
	Want []field.ID
	// Visible builds item labels (-V, JSON, protocols printed by -T fields).
	Visible bool
	// Columns fills the summary columns (the default output).
	Columns bool
	// KeepState keeps what later passes would need (a tap that follows streams or decrypts reads
	// dissection state beyond the frame it is given); otherwise memory stays flat.
	KeepState bool
	// Lean lets TCP payloads nothing asks for go undissected (only without KeepState).
	Lean bool
	// Count stops after this many packets read (-c); 0 reads all.
	Count int
	// TwoPass is tshark's -2: a first pass dissects every frame in order, dropping the ones
	// ReadFilter (-R) rejects (the next frame takes a dropped one's number, so the kept frames are
	// numbered 1, 2, 3, ...); then Each dissects the kept frames again with everything the first
	// pass learned (responses found later, conversation completeness).
	TwoPass       bool
	ReadFilter    Matcher
	ReadFilterIDs []field.ID
}

// OnePass is a session read once, in order: every frame is dissected once and handed to the
// caller, as tshark does without -2. The reading of the source (decompression, parsing, copying)
// runs on its own goroutine ahead of the dissection.
type OnePass struct {
	src    Source
	rd     capture.Reader
	live   *live.Session
	opts   OnePassOptions
	tree   *field.Tree
	c      *dissect.Ctx
	pcapng bool
	readEr error
	refTS  int64 // times are relative to this (a two-pass run's first frame, kept or not)
	hasRef bool
}

// Packet is one frame of a one-pass run, valid until the callback returns.
type Packet struct {
	C    *dissect.Ctx
	Tree *field.Tree
	// Info is the frame's metadata (number, times, interface).
	Info *dissect.FrameInfo
}

// OpenOnePass opens src for one pass with cfg.
func OpenOnePass(src Source, cfg Config, o OnePassOptions) (*OnePass, error) {
	op, err := src.open(false)
	if err != nil {
		return nil, err
	}
	p := &OnePass{src: src, rd: op.rd, live: op.live, opts: o}
	p.pcapng = op.live != nil || capture.FileFormat(op.rd) == capture.FormatPcapng
	dc := cfg.dissectConfig()
	dc.OnePass = !o.KeepState && !o.TwoPass
	dc.LeanPayload = dc.OnePass && o.Lean
	var st *dissect.State
	if o.TwoPass {
		var err error
		if st, err = p.firstPass(dc); err != nil {
			return nil, err
		}
	} else {
		st = dissect.NewStateWith(dc)
	}
	p.tree = field.NewTree(dissect.Fields)
	if !o.Visible && o.Want != nil {
		p.tree.Visible = false
		want := field.NewIDSet(dissect.Fields)
		for _, id := range o.Want {
			want.Add(id)
		}
		p.tree.Want = want
	}
	p.c = dissect.NewCtx(p.tree, st)
	p.c.Pass1 = !o.TwoPass
	p.c.Cols.On = o.Columns
	return p, nil
}

// Live returns the live capture behind a one-pass run over interfaces, or nil.
func (p *OnePass) Live() *live.Session { return p.live }

// Interfaces lists the source's interfaces.
func (p *OnePass) Interfaces() []capture.Interface { return p.rd.Interfaces() }

// Precision is the automatic time precision of frames of interface iface (6 or 9 decimals), from
// its timestamp resolution, as tshark decides per record.
func (p *OnePass) Precision(iface uint32) int {
	ifs := p.rd.Interfaces()
	if int(iface) >= len(ifs) {
		return 6
	}
	return render.ResolutionDecimals(ifs[iface].TSResolNs)
}

// Close releases the source (and ends a live capture).
func (p *OnePass) Close() error {
	if p.live != nil {
		return p.live.Close()
	}
	return p.rd.Close()
}

// Damage returns the error that ended reading early (a truncated or corrupt file), or nil.
func (p *OnePass) Damage() error { return p.readEr }

// Each dissects every frame in order and calls fn with it; fn reports whether the frame is displayed
// (the next frame's time since the previous displayed one depends on it). A non-nil error from fn
// stops the run and is returned. Damage to the source ends the run early without an error (see
// Damage).
func (p *OnePass) Each(fn func(*Packet) (displayed bool, err error)) error {
	pre := newPrefetch(p.rd, p.live == nil)
	defer pre.stop()
	var (
		fi                     dissect.FrameInfo
		n                      uint32
		prevCap, prevDisp, ref int64
		pkt                    Packet
	)
	for {
		if p.opts.Count > 0 && int(n) >= p.opts.Count {
			return nil
		}
		cp, err := pre.next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				p.readEr = err
			}
			return nil
		}
		n++
		if n == 1 {
			ref = cp.TS
			if p.hasRef {
				ref = p.refTS
			}
		}
		fi = dissect.FrameInfo{Number: n, TS: cp.TS, CapLen: cp.CapLen, Len: cp.Len, Link: cp.Link, Iface: cp.Iface,
			Comments: cp.Comments, PrevCapTS: prevCap, PrevDispTS: prevDisp, RefTS: ref}
		if p.pcapng {
			fi.Section = 1
			if ifs := p.rd.Interfaces(); int(cp.Iface) < len(ifs) {
				fi.IfName = ifs[cp.Iface].Name
				fi.IfDescr = ifs[cp.Iface].Description
			}
		}
		p.c.Run(&fi, cp.Data)
		prevCap = cp.TS
		pkt = Packet{C: p.c, Tree: p.tree, Info: &fi}
		shown, err := fn(&pkt)
		if err != nil {
			return err
		}
		if shown {
			prevDisp = cp.TS
		}
	}
}

// prefetch reads packets on its own goroutine, a batch at a time, copying their bytes into the
// batch's arena (a sequential reader reuses its buffer), so that reading overlaps dissection.
type prefetch struct {
	rd    capture.Reader
	full  chan *pktBatch
	free  chan *pktBatch
	quit  chan struct{}
	cur   *pktBatch
	i     int
	async bool
}

type pktBatch struct {
	pkts  []capture.Packet
	arena []byte
	err   error
}

const (
	batchPackets = 256
	batchBytes   = 1 << 20
)

func newPrefetch(rd capture.Reader, async bool) *prefetch {
	p := &prefetch{rd: rd, async: async}
	if !async {
		return p // a live capture hands packets out as they come: no read-ahead
	}
	p.full = make(chan *pktBatch, 3)
	p.free = make(chan *pktBatch, 4)
	p.quit = make(chan struct{})
	for i := 0; i < 4; i++ {
		p.free <- &pktBatch{}
	}
	go p.run()
	return p
}

func (p *prefetch) run() {
	for {
		var b *pktBatch
		select {
		case b = <-p.free:
		case <-p.quit:
			return
		}
		b.pkts, b.arena, b.err = b.pkts[:0], b.arena[:0], nil
		for len(b.pkts) < batchPackets && len(b.arena) < batchBytes {
			pk, err := p.rd.Next()
			if err != nil {
				b.err = err
				break
			}
			cp := *pk
			if !pk.Stable {
				// packets already in the batch keep the old array when the arena grows
				b.arena = append(b.arena, pk.Data...)
				cp.Data = b.arena[len(b.arena)-len(pk.Data):]
			}
			b.pkts = append(b.pkts, cp)
		}
		select {
		case p.full <- b:
		case <-p.quit:
			return
		}
		if b.err != nil {
			return
		}
	}
}

// next returns the next packet, or the reader's error at the end.
func (p *prefetch) next() (*capture.Packet, error) {
	if !p.async {
		return p.rd.Next()
	}
	for p.cur == nil || p.i >= len(p.cur.pkts) {
		if p.cur != nil {
			if p.cur.err != nil {
				return nil, p.cur.err
			}
			p.free <- p.cur
		}
		p.cur = <-p.full
		p.i = 0
	}
	pk := &p.cur.pkts[p.i]
	p.i++
	return pk, nil
}

func (p *prefetch) stop() {
	if p.async {
		close(p.quit)
	}
}

// firstPass is the first pass of a two-pass run: it dissects every frame, keeps (copies) the ones the
// read filter passes, numbered as tshark numbers them, and returns the state it leaves; the run's
// reader then hands out the kept frames.
func (p *OnePass) firstPass(dc dissect.Config) (*dissect.State, error) {
	tree := field.NewTree(dissect.Fields)
	tree.Visible = false
	if p.opts.ReadFilter != nil {
		want := field.NewIDSet(dissect.Fields)
		for _, id := range p.opts.ReadFilterIDs {
			want.Add(id)
		}
		tree.Want = want
	}
	st := dissect.NewStateWith(dc)
	c := dissect.NewCtx(tree, st)
	c.Pass1 = true
	kept := &keptReader{ifaces: p.rd.Interfaces}
	var n uint32
	var prevTS int64
	for read := 0; p.opts.Count == 0 || read < p.opts.Count; read++ {
		pkt, err := p.rd.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				kept.err = err
			}
			break
		}
		if read == 0 {
			p.refTS, p.hasRef, prevTS = pkt.TS, true, pkt.TS
		}
		fi := dissect.FrameInfo{Number: n + 1, TS: pkt.TS, CapLen: pkt.CapLen, Len: pkt.Len, Link: pkt.Link,
			Iface: pkt.Iface, Comments: pkt.Comments, PrevCapTS: prevTS, PrevDispTS: prevTS, RefTS: p.refTS}
		c.Run(&fi, pkt.Data)
		prevTS = pkt.TS
		if p.opts.ReadFilter != nil && !p.opts.ReadFilter.Match(tree) {
			continue
		}
		n++
		cp := *pkt
		cp.Data = append([]byte(nil), pkt.Data...)
		cp.Comments = append([]string(nil), pkt.Comments...)
		kept.pkts = append(kept.pkts, cp)
	}
	p.opts.Count = 0 // the kept frames are all read again
	kept.closer = p.rd
	p.rd = kept
	return st, nil
}

// keptReader hands out the frames a first pass kept, then the first pass's damage, if any.
type keptReader struct {
	pkts   []capture.Packet
	i      int
	err    error
	ifaces func() []capture.Interface
	closer capture.Reader
}

func (k *keptReader) Next() (*capture.Packet, error) {
	if k.i < len(k.pkts) {
		k.i++
		return &k.pkts[k.i-1], nil
	}
	if k.err != nil {
		err := k.err
		k.err = nil
		return nil, err
	}
	return nil, io.EOF
}

func (k *keptReader) Interfaces() []capture.Interface { return k.ifaces() }
func (k *keptReader) Close() error                    { return k.closer.Close() }
