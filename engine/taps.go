package engine

import (
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Tap sees dissected frames in order: a -z report, a statistics window, a follow tap. displayed
// says whether the frame passes the display filter.
type Tap interface {
	Packet(c *dissect.Ctx, t *field.Tree, displayed bool)
}

// FieldTap is a Tap that reads only the fields it lists; a job whose taps all are FieldTaps
// dissects only those fields.
type FieldTap interface {
	Tap
	Fields() []field.ID
}

// RunTaps feeds the frames of v to taps in order, off the caller's goroutine: every frame read so
// far, or with displayedOnly only the frames v displays. Progress counts frames.
func (s *Session) RunTaps(v *View, displayedOnly bool, taps []Tap) *Job {
	return s.start(s.newJob(), func(j *Job) error {
		var want []field.ID
		prune := true
		for _, tp := range taps {
			ft, ok := tp.(FieldTap)
			if !ok {
				prune = false
				break
			}
			want = append(want, ft.Fields()...)
		}
		d := s.newFilterDissector(want)
		if !prune {
			d.tree.Want = nil
		}
		all := !displayedOnly || v.All
		n := int(v.Count)
		if !all {
			n = v.Len()
		}
		var prev FrameNo
		for i := 0; i < n; i++ {
			if i&255 == 0 {
				if j.cancelled() {
					return j.ctx.Err()
				}
				j.setProgress(float64(i) / float64(max(1, n)))
			}
			fn := FrameNo(i + 1)
			if !all {
				fn = v.At(i)
			}
			t, c := d.Dissect(fn, prev)
			prev = fn
			shown := v.All || v.Index(fn) >= 0
			for _, tp := range taps {
				tp.Packet(c, t, shown)
			}
		}
		return nil
	})
}
