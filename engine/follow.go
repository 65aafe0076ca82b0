package engine

import (
	"fmt"
	"strconv"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/stream"
)

// FollowResult is a followed conversation: its two nodes and its data in the order tshark shows
// it, the chunks referring to bytes in Src.
type FollowResult struct {
	Proto  string // "tcp", "udp", "tls" or "http"
	Stream uint32
	*stream.Follow
	Src stream.ByteSource
}

// Follow follows stream n of proto ("tcp", "udp", "tls" — the decrypted application data — or
// "http") as Wireshark's Follow Stream does, with the same taps as tshark's -z follow: the frames
// the first pass numbered into the TCP or UDP stream are re-dissected in order and fed to the tap.
// The result arrives when the job is done (Wait, then the returned function).
func (s *Session) Follow(proto string, n uint32) (*Job, func() *FollowResult) {
	var res *FollowResult
	j := s.start(s.newJob(), func(j *Job) error {
		tap, err := dissect.NewFollower("follow," + proto + ",ascii," + strconv.FormatUint(uint64(n), 10))
		if err != nil {
			return err
		}
		transport := "tcp"
		if proto == "udp" {
			transport = "udp"
		}
		var d *Dissector
		switch proto {
		case "tcp", "udp":
			d = s.newFilterDissector(tap.Fields())
		default:
			// TLS and HTTP read what their dissectors build from reassembled and decrypted data
			d = s.newFilterDissector(nil)
			d.tree.Want = nil
		}
		frames := dissect.StreamFrames(s.state.Load(), transport, n)
		for i, f := range frames {
			if i&63 == 0 {
				if j.cancelled() {
					return j.ctx.Err()
				}
				j.setProgress(float64(i) / float64(len(frames)))
			}
			tree, c := d.Dissect(FrameNo(f), 0)
			tap.Packet(c, tree, true)
		}
		fl, src := tap.Result()
		res = &FollowResult{Proto: proto, Stream: n, Follow: fl, Src: src}
		return nil
	})
	return j, func() *FollowResult { return res }
}

// StreamCount returns how many streams of proto ("tcp" or "udp") the first pass has numbered.
func (s *Session) StreamCount(proto string) int { return dissect.StreamCount(s.state.Load(), proto) }

// StreamOf returns the TCP and UDP stream numbers of a dissected tree (-1 for none), for Follow
// from the selected packet.
func StreamOf(t *field.Tree) (tcp, udp int) {
	tcp, udp = -1, -1
	if f, ok := t.Reg.Lookup("tcp.stream"); ok {
		if nd := t.First(f.ID); nd != nil {
			tcp = int(nd.Value.U)
		}
	}
	if f, ok := t.Reg.Lookup("udp.stream"); ok {
		if nd := t.First(f.ID); nd != nil {
			udp = int(nd.Value.U)
		}
	}
	return tcp, udp
}

// FollowProtocols are the kinds of stream Follow takes, in menu order.
var FollowProtocols = []string{"tcp", "udp", "tls", "http"}

// CheckFollow says why stream n of proto cannot be followed, or nil.
func (s *Session) CheckFollow(proto string, n int) error {
	if n < 0 {
		return fmt.Errorf("the packet is not part of a %s stream", proto)
	}
	return nil
}
