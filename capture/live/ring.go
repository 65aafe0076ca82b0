package live

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/tshark-tui/tshark-tui/capture"
)

// FileOptions say where and how captured packets are written (-w, -F, -b).
type FileOptions struct {
	Path       string              // -w; "-" for standard output
	Pcap       bool                // -F pcap (microseconds) or nsecpcap (Nanos); otherwise pcapng
	Nanos      bool                // with Pcap: nanosecond time stamps
	Ifaces     []capture.Interface // written as interface description blocks
	Ring       bool                // rotate files (any -b given): names get _NNNNN_YYYYMMDDhhmmss
	Duration   time.Duration       // -b duration: next file after this long
	Interval   time.Duration       // -b interval: next file at multiples of this wall-clock time
	FileSizeKB uint64              // -b filesize: next file once this many kB (1000 bytes) are written
	Packets    uint64              // -b packets: next file after this many packets
	Files      int                 // -b files: keep only the newest N files (0 = all)
	StopFiles  int                 // -a files: end instead of starting file N+1 (0 = never)
	Now        func() time.Time    // clock (tests); nil = time.Now
}

// FileWriter writes packets to a file or a ring of files, rotating like dumpcap. It is safe for
// one writer goroutine plus Flush/Tick from another.
type FileWriter struct {
	o       FileOptions
	mu      sync.Mutex
	f       *os.File
	w       capture.PacketWriter
	cw      *countWriter
	n       int       // files created
	start   time.Time // when the current file was opened
	pkts    uint64    // packets in the current file
	size    int64     // bytes of the current file, buffered records included
	names   []string  // files still on disk, oldest first
	created []string  // every file created, in order
	uid     int
	gid     int
	chown   bool
	mine    bool // this writer created the current file (only such files are given away)
}

type countWriter struct {
	f *os.File
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.f.Write(b)
	c.n += int64(n)
	return n, err
}

// NewFileWriter creates the first file.
func NewFileWriter(o FileOptions) (*FileWriter, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Pcap && len(o.Ifaces) > 1 {
		for _, ifc := range o.Ifaces[1:] {
			if ifc.Link != o.Ifaces[0].Link {
				return nil, fmt.Errorf("the pcap format holds one link type; use pcapng for interfaces of different types")
			}
		}
	}
	if o.Path == "-" && o.Ring {
		return nil, fmt.Errorf("a ring buffer needs a file name, not standard output")
	}
	w := &FileWriter{o: o}
	if err := w.open(); err != nil {
		return nil, err
	}
	return w, nil
}

// fileName returns the name of file number n (1-based) created at t, like dumpcap:
// prefix_00001_20250101120000.pcapng.
func (w *FileWriter) fileName(n int, t time.Time) string {
	if !w.o.Ring {
		return w.o.Path
	}
	dir, base := filepath.Split(w.o.Path)
	ext := filepath.Ext(base)
	prefix := strings.TrimSuffix(base, ext)
	return filepath.Join(dir, fmt.Sprintf("%s_%05d_%s%s", prefix, n, t.Format("20060102150405"), ext))
}

func (w *FileWriter) open() error {
	now := w.o.Now()
	w.n++
	name := w.fileName(w.n, now)
	var f *os.File
	var err error
	if name == "-" {
		f = os.Stdout
	} else {
		var created bool
		f, created, err = capture.CreateOutput(name, 0o644)
		if err != nil {
			return fmt.Errorf("The file to which the capture would be saved (\"%s\") could not be opened: %w", name, err)
		}
		w.mine = created
		if w.chown && created {
			_ = f.Chown(w.uid, w.gid)
		}
	}
	cw := &countWriter{f: f}
	var pw capture.PacketWriter
	if w.o.Pcap {
		var link uint16 = 1
		var snap uint32 = 262144
		if len(w.o.Ifaces) > 0 {
			link, snap = w.o.Ifaces[0].Link, w.o.Ifaces[0].SnapLen
		}
		pw, err = capture.NewPcapWriter(cw, link, snap, w.o.Nanos)
	} else {
		pw, err = capture.NewPcapngWriter(cw, w.o.Ifaces)
	}
	if err != nil {
		_ = f.Close()
		return err
	}
	w.f, w.w, w.cw, w.start, w.pkts = f, pw, cw, now, 0
	w.created = append(w.created, name)
	w.names = append(w.names, name)
	if w.o.Files > 0 {
		for len(w.names) > w.o.Files {
			_ = os.Remove(w.names[0])
			w.names = w.names[1:]
		}
	}
	err = pw.Flush()
	w.size = cw.n
	return err
}

func (w *FileWriter) closeFile() error {
	if w.f == nil {
		return nil
	}
	err := w.w.Flush()
	if w.f != os.Stdout {
		if cerr := w.f.Close(); err == nil {
			err = cerr
		}
	}
	w.f = nil
	return err
}

// due reports whether the current file should be closed and the next one started.
func (w *FileWriter) due(now time.Time) bool {
	if !w.o.Ring {
		return false
	}
	switch {
	case w.o.FileSizeKB > 0 && uint64(w.size) >= w.o.FileSizeKB*1000:
		return true
	case w.o.Packets > 0 && w.pkts >= w.o.Packets:
		return true
	case w.o.Duration > 0 && now.Sub(w.start) >= w.o.Duration:
		return true
	case w.o.Interval > 0 && now.Truncate(w.o.Interval) != w.start.Truncate(w.o.Interval):
		return true
	}
	return false
}

// ErrFileLimit is returned instead of starting a file past FileOptions.StopFiles.
var ErrFileLimit = errors.New("capture stopped: the number of files (-a files) is reached")

func (w *FileWriter) rotate() error {
	if w.o.StopFiles > 0 && w.n >= w.o.StopFiles {
		return ErrFileLimit
	}
	if err := w.closeFile(); err != nil {
		return err
	}
	return w.open()
}

// WritePacket appends a packet, first starting the next file if the current one is done.
func (w *FileWriter) WritePacket(p *capture.Packet) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return fmt.Errorf("write to a closed capture file")
	}
	if w.due(w.o.Now()) {
		if err := w.rotate(); err != nil {
			return err
		}
	}
	if err := w.w.WritePacket(p); err != nil {
		return err
	}
	w.pkts++
	if w.o.Pcap {
		w.size += 16 + int64(len(p.Data))
	} else {
		w.size += 32 + int64((len(p.Data)+3)&^3)
	}
	return nil
}

// WouldRotate reports whether the next packet starts a new file.
func (w *FileWriter) WouldRotate() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.f != nil && w.due(w.o.Now())
}

// Tick rotates a file whose time is up even when no packet arrives, and flushes.
func (w *FileWriter) Tick() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	if (w.o.Duration > 0 || w.o.Interval > 0) && w.due(w.o.Now()) {
		if err := w.rotate(); err != nil {
			return err
		}
	}
	return w.w.Flush()
}

// Flush writes buffered packets to the file, so that a capture stopped by a signal or a full
// disk is still readable up to here.
func (w *FileWriter) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	return w.w.Flush()
}

// Size returns the bytes written to the current file (its buffered part included).
func (w *FileWriter) Size() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.size
}

// FilesCreated returns how many files have been started.
func (w *FileWriter) FilesCreated() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n
}

// Names returns the files created that are still kept, oldest first.
func (w *FileWriter) Names() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.names...)
}

// Chown gives the current and future files to uid:gid (before -Z drops privileges): only files
// this writer created, never an existing file it was pointed at.
func (w *FileWriter) Chown(uid, gid int) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.uid, w.gid, w.chown = uid, gid, true
	if w.f != nil && w.f != os.Stdout && w.mine {
		return w.f.Chown(uid, gid)
	}
	return nil
}

// RingDir returns the directory a ring buffer creates and removes its files in, "" when the writer
// writes one file.
func (w *FileWriter) RingDir() string {
	if !w.o.Ring {
		return ""
	}
	return filepath.Dir(w.o.Path)
}

// Close flushes and closes the current file.
func (w *FileWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.closeFile()
}
