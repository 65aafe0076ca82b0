package engine

import (
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/store"
	"github.com/tshark-tui/tshark-tui/stream"
)

// Follow reassembles stream n of proto ("tcp" or "udp") for the Follow Stream view: the frames the
// first pass numbered into it are re-dissected with a pruned tree and fed, in order, to tshark's
// follow model; chunks refer to the store's bytes. Segments still waiting behind a hole are shown after
// a gap. It may run off the UI goroutine.
func (e *Engine) Follow(proto string, n uint32) (*stream.Follow, stream.ByteSource) {
	t := field.NewTree(dissect.Fields)
	t.Visible = false
	want := field.NewIDSet(dissect.Fields)
	for _, id := range dissect.FollowFields() {
		want.Add(id)
	}
	t.Want = want
	d := &Dissector{e: e, tree: t, c: dissect.NewCtx(t, e.state)}
	var tf stream.TCPFollower
	var uf stream.UDPFollower
	for _, f := range dissect.StreamFrames(e.state, proto, n) {
		d.c.Run(d.frameInfo(store.FrameNo(f), 0), e.st.Bytes(store.FrameNo(f)))
		dissect.FollowPackets(t, f, func(fp *dissect.FollowPacket) {
			if fp.Stream != n || (proto == "tcp") != (fp.Proto == 6) || fp.DataSrc != 0 {
				return
			}
			if fp.Proto == 6 {
				tf.Add(fp.Src, fp.Dst, fp.SrcPort, fp.DstPort, fp.Seg)
			} else {
				uf.Add(fp.Src, fp.Dst, fp.SrcPort, fp.DstPort, fp.Seg.Data)
			}
		})
	}
	src := stream.StoreSource{S: e.st}
	if proto == "udp" {
		return &uf.Follow, src
	}
	tf.Flush()
	return &tf.Follow, src
}

// StreamCount returns how many streams of proto ("tcp" or "udp") the first pass has numbered.
func (e *Engine) StreamCount(proto string) int { return dissect.StreamCount(e.state, proto) }
