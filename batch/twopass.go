package batch

import (
	"errors"
	"io"

	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// pass2 is what tshark's first pass (-2) leaves for the second: the dissection state of every
// frame, and the first frame's time (times stay relative to it when -R drops it).
type pass2 struct {
	state *dissect.State
	refTS int64
}

// runTwoPass is tshark -2: a first pass dissects every frame in order, dropping those the read
// filter (-R) rejects (the next frame then takes the dropped one's number, so kept frames are
// numbered 1, 2, 3 ...), and a second pass dissects and prints the kept frames with everything
// the first pass learned (responses found later, conversation completeness).
func runTwoPass(o *Options, w, errw io.Writer) error {
	rd := o.Source
	if rd == nil {
		var err error
		rd, err = capture.OpenSequential(o.Files...)
		if err != nil {
			return &Error{Code: ExitBadFile, Msg: err.Error()}
		}
		defer rd.Close()
	}
	tree := field.NewTree(dissect.Fields)
	tree.Visible = false
	st := dissect.NewStateWith(o.Dissect)
	c := dissect.NewCtx(tree, st)
	c.Pass1 = true
	kept := &keptReader{ifaces: rd.Interfaces}
	var n uint32
	var refTS, prevTS int64
	var readErr error
	for read := 0; o.Count == 0 || read < o.Count; read++ {
		pkt, err := rd.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				readErr = err
			}
			break
		}
		if read == 0 {
			refTS, prevTS = pkt.TS, pkt.TS
		}
		fi := dissect.FrameInfo{Number: n + 1, TS: pkt.TS, CapLen: pkt.CapLen, Len: pkt.Len, Link: pkt.Link,
			Iface: pkt.Iface, Comments: pkt.Comments, PrevCapTS: prevTS, PrevDispTS: prevTS, RefTS: refTS}
		c.Run(&fi, pkt.Data)
		prevTS = pkt.TS
		if o.ReadFilter != nil && !o.ReadFilter.Match(tree) {
			continue
		}
		n++
		p := *pkt
		p.Data = append([]byte(nil), pkt.Data...)
		p.Comments = append([]string(nil), pkt.Comments...)
		kept.pkts = append(kept.pkts, p)
	}
	kept.err = readErr
	o2 := *o
	o2.Source = kept
	o2.Count = 0
	o2.TwoPass = false
	o2.pass2 = &pass2{state: st, refTS: refTS}
	return Run(&o2, w, errw)
}

// keptReader hands out the frames the first pass kept, then the first pass's damage error.
type keptReader struct {
	pkts   []capture.Packet
	i      int
	err    error
	ifaces func() []capture.Interface
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
func (k *keptReader) Close() error                    { return nil }
