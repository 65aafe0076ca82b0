package output

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

// ObjectCollector gathers the objects of one protocol from dissected packets, in order.
type ObjectCollector interface {
	// Fields lists the fields the collector reads (dissection must build them).
	Fields() []field.ID
	// Collect looks at one dissected packet.
	Collect(c *dissect.Ctx, t *field.Tree)
	// Objects returns what was collected.
	Objects() []Object
}

// objectProtocols are the --export-objects protocols; tftp and smb register theirs with
// RegisterObjects when their dissectors exist.
var objectProtocols = map[string]func() ObjectCollector{
	"http": func() ObjectCollector { return &httpObjects{} },
	"imf":  func() ObjectCollector { return &imfObjects{} },
}

// RegisterObjects adds the collector of a protocol (tftp, smb, dicom ...). Call it from an init
// function: the table is read-only once the program runs.
func RegisterObjects(proto string, mk func() ObjectCollector) { objectProtocols[proto] = mk }

// ObjectProtocols lists the protocols objects can be exported from.
func ObjectProtocols() []string {
	out := make([]string, 0, len(objectProtocols))
	for k := range objectProtocols {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// NewObjectCollector returns the collector of proto, or tshark's complaint.
func NewObjectCollector(proto string) (ObjectCollector, error) {
	mk, ok := objectProtocols[proto]
	if !ok {
		return nil, fmt.Errorf("\"%s\" isn't a valid export type; valid types are: %s", proto, strings.Join(ObjectProtocols(), ", "))
	}
	return mk(), nil
}

// ExportTap drives an ObjectCollector as a batch tap (batch.Tap: it sees every frame) and saves
// the objects into Dir when the run ends, as tshark --export-objects PROTO,DIR does.
type ExportTap struct {
	C   ObjectCollector
	Dir string
}

// Fields implements batch.Tap.
func (e *ExportTap) Fields() []field.ID { return e.C.Fields() }

// Packet implements batch.Tap.
func (e *ExportTap) Packet(c *dissect.Ctx, t *field.Tree, displayed bool) { e.C.Collect(c, t) }

// Finish implements batch.Tap: it writes the files.
func (e *ExportTap) Finish(w io.Writer) error {
	_, err := SaveObjects(e.Dir, e.C.Objects())
	return err
}

// SaveObjects writes objects into dir (created if missing) under tshark's names: the protocol's
// file name with characters Windows forbids as %xx, cut to 255 bytes, and "(1)", "(2)" ... before
// the extension when a file of that name exists. It returns the paths written.
func SaveObjects(dir string, objs []Object) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, o := range objs {
		name := o.Filename
		if name == "" {
			name = fmt.Sprintf("object%d", o.Frame)
		}
		var p string
		for dup := 0; ; dup++ {
			p = filepath.Join(dir, SafeFilename(name, dup))
			if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
				break
			}
			if dup > 1<<16 {
				return paths, fmt.Errorf("export objects: too many files named %q", name)
			}
		}
		if err := os.WriteFile(p, o.Data, 0o644); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

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

// httpObjects collects HTTP message bodies (requests and responses), named after the request
// URI's last path component.
type httpObjects struct{ objs []Object }

var (
	hfHTTP            = hf("http")
	hfHTTPRequestURI  = hf("http.request.uri")
	hfHTTPResponseFor = hf("http.response_for.uri")
	hfHTTPHost        = hf("http.host")
	hfHTTPContentType = hf("http.content_type")
	hfHTTPFileData    = hf("http.file_data")
)

func (h *httpObjects) Fields() []field.ID {
	return []field.ID{hfHTTP, hfHTTPRequestURI, hfHTTPResponseFor, hfHTTPHost, hfHTTPContentType, hfHTTPFileData}
}

func (h *httpObjects) Collect(c *dissect.Ctx, t *field.Tree) {
	// each HTTP message of the frame is an http node; its fields are below it
	for i := 1; i < len(t.Nodes); i++ {
		if t.Nodes[i].Field != hfHTTP {
			continue
		}
		var uri, host, ctype string
		var data []byte
		found := false
		walkBelow(t, int32(i), func(n *field.Node) {
			switch n.Field {
			case hfHTTPRequestURI:
				uri = string(n.Value.B)
			case hfHTTPResponseFor:
				if uri == "" {
					uri = uriPath(string(n.Value.B))
				}
			case hfHTTPHost:
				host = string(n.Value.B)
			case hfHTTPContentType:
				ctype = string(n.Value.B)
			case hfHTTPFileData:
				if !found {
					data, found = t.Bytes(n), true
				}
			}
		})
		if !found {
			continue
		}
		h.objs = append(h.objs, Object{Frame: c.Frame.Number, Hostname: host, ContentType: ctype,
			Filename: basename(uri), Data: append([]byte(nil), data...)})
	}
}

func (h *httpObjects) Objects() []Object { return h.objs }

// uriPath returns the path of an absolute URI ("http://host/a/b" → "/a/b").
func uriPath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			return rest[j:]
		}
		return "/"
	}
	return u
}

// walkBelow calls fn for every node under idx.
func walkBelow(t *field.Tree, idx int32, fn func(*field.Node)) {
	for c := t.Nodes[idx].Child; c >= 0; c = t.Nodes[c].Next {
		fn(&t.Nodes[c])
		walkBelow(t, c, fn)
	}
}

// imfObjects collects mail messages (IMF), named after their subject with ".eml".
type imfObjects struct{ objs []Object }

var (
	hfIMF        = hf("imf")
	hfIMFSubject = hf("imf.subject")
	hfIMFFrom    = hf("imf.from")
)

func (m *imfObjects) Fields() []field.ID { return []field.ID{hfIMF, hfIMFSubject, hfIMFFrom} }

func (m *imfObjects) Collect(c *dissect.Ctx, t *field.Tree) {
	for i := 1; i < len(t.Nodes); i++ {
		n := &t.Nodes[i]
		if n.Field != hfIMF {
			continue
		}
		var subject, from string
		walkBelow(t, int32(i), func(k *field.Node) {
			switch k.Field {
			case hfIMFSubject:
				subject = string(k.Value.B)
			case hfIMFFrom:
				from = string(k.Value.B)
			}
		})
		m.objs = append(m.objs, Object{Frame: c.Frame.Number, Hostname: from, ContentType: "EML file",
			Filename: subject + ".eml", Data: append([]byte(nil), t.Bytes(n)...)})
	}
}

func (m *imfObjects) Objects() []Object { return m.objs }

// ExportObjects lists the objects of proto for File → Export Objects: each is called once with a
// function to hand every dissected frame to, in order (the UI passes its engine's frames,
// re-dissected with full trees); the user then picks from the list and SaveObjects writes them.
func ExportObjects(proto string, each func(fn func(c *dissect.Ctx, t *field.Tree)) error) ([]Object, error) {
	col, err := NewObjectCollector(proto)
	if err != nil {
		return nil, err
	}
	if err := each(col.Collect); err != nil {
		return nil, err
	}
	return col.Objects(), nil
}
