// Package objects finds the files carried in packets (HTTP bodies, mail, TFTP transfers, SMB reads
// and writes), as Wireshark's File › Export Objects and tshark --export-objects do: one collector per
// protocol reads dissected frames in order, both faces list and save what it found.
package objects

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Object is one object carried in the packets, as File → Export Objects lists it and
// --export-objects saves it.
type Object struct {
	Frame       uint32 // the packet that completed it
	Hostname    string
	ContentType string
	Filename    string // the name the protocol gives it (before making it safe to save)
	Data        []byte
}

// Collector gathers the objects of one protocol from dissected packets, in order.
type Collector interface {
	// Fields lists the fields the collector reads (dissection must build them).
	Fields() []field.ID
	// Collect looks at one dissected packet.
	Collect(c *dissect.Ctx, t *field.Tree)
	// Objects returns what was collected.
	Objects() []Object
}

// collectors are the --export-objects protocols; each protocol's file registers its own.
var collectors = map[string]func() Collector{}

// Register adds the collector of a protocol (http, imf, tftp, smb ...). Call it from an init
// function: the table is read-only once the program runs.
func Register(proto string, mk func() Collector) { collectors[proto] = mk }

// Protocols lists the protocols objects can be exported from.
func Protocols() []string {
	out := make([]string, 0, len(collectors))
	for k := range collectors {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// New returns the collector of proto, or tshark's complaint.
func New(proto string) (Collector, error) {
	mk, ok := collectors[proto]
	if !ok {
		return nil, fmt.Errorf("\"%s\" isn't a valid export type; valid types are: %s", proto, strings.Join(Protocols(), ", "))
	}
	return mk(), nil
}

// Tap drives a Collector as a batch tap (batch.Tap: it sees every frame) and saves
// the objects into Dir when the run ends, as tshark --export-objects PROTO,DIR does.
type Tap struct {
	C   Collector
	Dir string
}

// Fields implements batch.Tap.
func (e *Tap) Fields() []field.ID { return e.C.Fields() }

// Packet implements batch.Tap.
func (e *Tap) Packet(c *dissect.Ctx, t *field.Tree, displayed bool) { e.C.Collect(c, t) }

// Finish implements batch.Tap: it writes the files.
func (e *Tap) Finish(w io.Writer) error {
	_, err := Save(e.Dir, e.C.Objects())
	return err
}

// Save writes objects into dir (created if missing) under tshark's names: the protocol's file
// name with characters Windows forbids as %xx, cut to 255 bytes, and "(1)", "(2)" ... before the
// extension when a file of that name exists. Files are created exclusively, as tshark does: an
// existing file is never replaced and no link is followed. It returns the paths written.
func Save(dir string, objs []Object) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, o := range objs {
		name := o.Filename
		if name == "" {
			name = fmt.Sprintf("object%d", o.Frame)
		}
		for dup := 0; ; dup++ {
			if dup > maxDuplicates {
				return paths, fmt.Errorf("export objects: too many files named %q", name)
			}
			p := filepath.Join(dir, SafeFilename(name, dup))
			fh, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if errors.Is(err, fs.ErrExist) {
				continue
			}
			if err != nil {
				return paths, err
			}
			_, err = fh.Write(o.Data)
			if cerr := fh.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return paths, err
			}
			paths = append(paths, p)
			break
		}
	}
	return paths, nil
}

// maxDuplicates bounds the "(n)" numbers tried for one name.
const maxDuplicates = 1 << 16

const maxFilename = 255

// SafeFilename makes an object's name safe to save, as Wireshark's eo_massage_str: the
// characters Windows forbids and control bytes become %xx, the name is cut to 255 bytes keeping
// its extension, and a duplicate number dup > 0 goes before the extension as "(dup)".
func SafeFilename(name string, dup int) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c < 0x20 || strings.IndexByte(`<>:"/\|?*`, c) >= 0 {
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
			continue
		}
		b.WriteByte(c)
	}
	s := b.String()
	ext := ""
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		ext = s[i:]
	}
	if len(s) > maxFilename {
		s = s[:maxFilename-len(ext)] + ext
	}
	if dup == 0 {
		return s
	}
	tag := fmt.Sprintf("(%d)", dup)
	base := strings.TrimSuffix(s, ext)
	if len(base) >= maxFilename-len(tag)-len(ext) {
		base = base[:maxFilename-len(tag)-len(ext)]
	}
	return base + tag + ext
}

// basename is GLib's g_path_get_basename: the last component, trailing slashes ignored; "/" for
// the root, "." for nothing.
func basename(p string) string {
	if p == "" {
		return "."
	}
	t := strings.TrimRight(p, "/")
	if t == "" {
		return "/"
	}
	if i := strings.LastIndexByte(t, '/'); i >= 0 {
		return t[i+1:]
	}
	return t
}

// walkBelow calls fn for every node under idx.
func walkBelow(t *field.Tree, idx int32, fn func(*field.Node)) {
	for c := t.Nodes[idx].Child; c >= 0; c = t.Nodes[c].Next {
		fn(&t.Nodes[c])
		walkBelow(t, c, fn)
	}
}

// hf looks up a field registered by dissect.
func hf(abbrev string) field.ID {
	if f, ok := dissect.Fields.Lookup(abbrev); ok {
		return f.ID
	}
	return 0
}

const hexDigits = "0123456789abcdef"
