package objects

import (
	"strings"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

func init() { Register("http", func() Collector { return &httpObjects{} }) }

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
				h, p := splitURI(string(n.Value.B))
				if uri == "" {
					uri = p
				}
				if host == "" { // a response: its request's Host, as Wireshark's list shows it
					host = h
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

// splitURI splits an absolute URI into its authority and path ("http://host:8080/a/b" →
// "host:8080", "/a/b"); a URI that is only a path is returned as the path.
func splitURI(u string) (host, path string) {
	i := strings.Index(u, "://")
	if i < 0 {
		return "", u
	}
	rest := u[i+3:]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		return rest[:j], rest[j:]
	}
	return rest, "/"
}
