package engine

import (
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/objects"
)

// Object is a file carried in the packets (an HTTP body, a mail, a TFTP transfer, an SMB file),
// as File › Export Objects lists it: the frame that completed it, host name, content type, the
// name the protocol gives it and its bytes.
type Object = objects.Object

// ObjectProtocols lists the protocols ExportObjects accepts (http, imf, smb, tftp).
func ObjectProtocols() []string { return objects.Protocols() }

// ExportObjects finds the objects of proto in every frame through the first pass, in order, off the
// caller's goroutine, as tshark --export-objects does; the list is ready when the job is done (nil
// before, or when the job failed or was cancelled). An unknown protocol fails the job.
func (s *Session) ExportObjects(proto string) (*Job, func() []Object) {
	col, err := objects.New(proto)
	if err != nil {
		j := s.start(s.newJob(), func(*Job) error { return err })
		return j, func() []Object { return nil }
	}
	j := s.RunTaps(s.View(), false, []Tap{objectTap{col}})
	return j, func() []Object {
		select {
		case <-j.Done():
			if j.Err() == nil {
				return col.Objects()
			}
		default:
		}
		return nil
	}
}

// objectTap feeds a collector as a job's tap, dissecting only the fields it reads.
type objectTap struct{ c objects.Collector }

func (o objectTap) Packet(c *dissect.Ctx, t *field.Tree, displayed bool) { o.c.Collect(c, t) }
func (o objectTap) Fields() []field.ID                                   { return o.c.Fields() }

// SaveObjects writes objs into dir (created if missing) under tshark's file names, off the
// caller's goroutine: an existing file is never replaced nor a planted link followed, a name in
// use gets "(1)", "(2)" ... before its extension. The paths written are ready when the job is
// done; a failure keeps those written before it.
func (s *Session) SaveObjects(dir string, objs []Object) (*Job, func() []string) {
	var paths []string
	j := s.start(s.newJob(), func(j *Job) error {
		for i := range objs {
			if j.cancelled() {
				return j.ctx.Err()
			}
			j.setProgress(float64(i) / float64(len(objs)))
			p, err := objects.Save(dir, objs[i:i+1])
			paths = append(paths, p...)
			if err != nil {
				return err
			}
		}
		return nil
	})
	return j, func() []string {
		select {
		case <-j.Done():
			return paths
		default:
			return nil
		}
	}
}
