package engine

import (
	"errors"

	"github.com/tshark-tui/tshark-tui/capture"
)

// ExportWhich selects the frames Export writes.
type ExportWhich uint8

// What Export writes.
const (
	ExportAll       ExportWhich = iota // every frame read (File › Save As)
	ExportDisplayed                    // the frames the view displays
	ExportMarked                       // the displayed frames that are marked
)

// Export writes frames to a new pcapng file at path (Save As, Export Specified Packets): the
// capture's interfaces, every frame's time, length, bytes and comments. The number of frames
// written is ready when the job is done.
func (s *Session) Export(path string, v *View, which ExportWhich) (*Job, func() int) {
	count := 0
	j := s.start(s.newJob(), func(j *Job) error {
		if path == "" {
			return errors.New("no file name")
		}
		fh, _, err := capture.CreateOutput(path, 0o644) // no link planted by another user is followed
		if err != nil {
			return err
		}
		ifaces := s.Interfaces()
		if len(ifaces) == 0 {
			ifaces = []capture.Interface{{Link: 1}}
		}
		w, err := capture.NewPcapngWriter(fh, ifaces)
		if err != nil {
			fh.Close()
			return err
		}
		n := v.Len()
		if which == ExportAll {
			n = int(s.read.Load())
		}
		for i := 0; i < n; i++ {
			if i&1023 == 0 {
				if j.cancelled() {
					fh.Close()
					return j.ctx.Err()
				}
				j.setProgress(float64(i) / float64(max(1, n)))
			}
			fn := FrameNo(i + 1)
			if which != ExportAll {
				fn = v.At(i)
			}
			f := s.st.Frame(fn)
			if which == ExportMarked && f.Flags&Marked == 0 {
				continue
			}
			data := s.st.Bytes(fn)
			p := capture.Packet{TS: f.TS, CapLen: uint32(len(data)), Len: f.Len, Link: f.Link, Iface: uint32(f.Iface),
				Data: data, Comments: s.st.Comments(fn)}
			if err := w.WritePacket(&p); err != nil {
				fh.Close()
				return err
			}
			count++
		}
		if err := w.Flush(); err != nil {
			fh.Close()
			return err
		}
		return fh.Close()
	})
	return j, func() int { return count }
}

// WriteFile writes data to a new file at path (a saved Follow Stream text), as exports are created:
// no link planted by another user is followed.
func WriteFile(path string, data []byte) error {
	fh, _, err := capture.CreateOutput(path, 0o644)
	if err != nil {
		return err
	}
	_, err = fh.Write(data)
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	return err
}
