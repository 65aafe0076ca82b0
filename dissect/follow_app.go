package dissect

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/stream"
)

// Follow TLS and Follow HTTP: the decrypted application data of a TLS connection, and the HTTP
// messages of a TCP connection (headers and bodies as the HTTP dissector saw them, reassembled and,
// over TLS, decrypted), as tshark's "-z follow,tls" and "-z follow,http" taps and Wireshark's
// Follow TLS/HTTP Stream windows show them.

// Follower is a follow tap whose conversation a viewer can show: TCP, UDP, TLS or HTTP.
type Follower interface {
	Fields() []field.ID
	Packet(c *Ctx, t *field.Tree, displayed bool)
	Finish(w io.Writer) error
	// Result returns the conversation followed so far and the bytes its chunks refer to.
	Result() (*stream.Follow, stream.ByteSource)
}

// NewFollower makes the follow tap for a "-z follow,PROTO,MODE,SELECTOR[,RANGE]" argument, PROTO
// being tcp, udp, tls or http.
func NewFollower(arg string) (Follower, error) {
	parts := strings.Split(arg, ",")
	if len(parts) > 1 && (parts[1] == "tls" || parts[1] == "http") {
		t, err := NewAppFollowTap(arg)
		if err != nil {
			return nil, err
		}
		return t, nil
	}
	t, err := NewFollowTap(arg)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Result returns the TCP or UDP conversation followed so far.
func (f *FollowTap) Result() (*stream.Follow, stream.ByteSource) {
	if f.Spec.Proto == "udp" {
		return &f.udp.Follow, f.src
	}
	f.tcp.Flush()
	return &f.tcp.Follow, f.src
}

// AppFollowTap follows TLS application data or HTTP messages of one TCP stream.
type AppFollowTap struct {
	Proto              string // "tls" or "http"
	Mode               stream.Mode
	Stream             uint32
	ChunkMin, ChunkMax int
	f                  stream.Follow
	src                stream.MapSource
	started            bool
}

// NewAppFollowTap parses "follow,tls|http,ascii|hex|raw,N[,RANGE]" with tshark's messages.
func NewAppFollowTap(arg string) (*AppFollowTap, error) {
	parts := strings.Split(arg, ",")
	if len(parts) < 4 || len(parts) > 5 || parts[0] != "follow" || (parts[1] != "tls" && parts[1] != "http") {
		return nil, fmt.Errorf("invalid -z argument \"%s\"; it must be follow,tls|http,ascii|hex|raw,N", arg)
	}
	m, ok := stream.ParseMode(parts[2])
	if !ok || m > stream.Raw {
		return nil, errors.New("follow - Invalid display mode.")
	}
	n, err := strconv.ParseUint(parts[3], 10, 32)
	if err != nil {
		return nil, errors.New("follow - Invalid filter.")
	}
	t := &AppFollowTap{Proto: parts[1], Mode: m, Stream: uint32(n), src: stream.MapSource{}}
	if len(parts) == 5 {
		lo, hi, dash := strings.Cut(parts[4], "-")
		a, err1 := strconv.Atoi(lo)
		b := a
		var err2 error
		if dash {
			b, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || a <= 0 || b < a {
			return nil, errors.New("follow - Invalid range.")
		}
		t.ChunkMin, t.ChunkMax = a, b
	}
	return t, nil
}

// Fields lists what the tap reads from the tree.
func (t *AppFollowTap) Fields() []field.ID {
	if t.Proto == "http" {
		return []field.ID{hfTCPStream, protoHTTP, hfHTTPFileData}
	}
	return []field.ID{hfTCPStream}
}

// Packet follows the frame just dissected.
func (t *AppFollowTap) Packet(c *Ctx, tree *field.Tree, _ bool) {
	found := false
	tree.Each(hfTCPStream, func(n *field.Node) bool {
		found = n.Value.U == uint64(t.Stream)
		return false
	})
	if !found {
		return
	}
	addr, _ := netip.AddrFromSlice(c.NetSrc)
	src := stream.Endpoint{Addr: addr.Unmap().AsSlice(), Port: uint16(c.SrcPort)}
	if t.Proto == "tls" {
		recs, any := TLSDecrypted(c.State, c.Frame.Number)
		if !any {
			return
		}
		if !t.started {
			// tshark's TLS tap knows the first sender only: Node 1 stays ":0"
			t.started, t.f.Nodes[0] = true, src
		}
		for _, r := range recs {
			t.add(c.Frame.Number, t.dir(src), r.Data)
		}
		return
	}
	for i := int32(1); i < int32(len(tree.Nodes)); i++ {
		n := &tree.Nodes[i]
		if n.Field != protoHTTP {
			continue
		}
		if !t.started {
			daddr, _ := netip.AddrFromSlice(c.NetDst)
			t.started = true
			t.f.Nodes[0] = src
			t.f.Nodes[1] = stream.Endpoint{Addr: daddr.Unmap().AsSlice(), Port: uint16(c.DstPort)}
		}
		msg := tree.Bytes(n)
		head := msg
		var body []byte
		for k := n.Child; k >= 0; k = tree.Nodes[k].Next {
			if b := &tree.Nodes[k]; b.Field == hfHTTPFileData && b.Src == n.Src && b.Off >= n.Off {
				head = msg[:min(len(msg), int(b.Off-n.Off))]
				body = tree.Bytes(b)
			}
		}
		d := t.dir(src)
		t.add(c.Frame.Number, d, head)
		if len(body) > 0 {
			t.add(c.Frame.Number, d, body)
		}
	}
}

func (t *AppFollowTap) dir(src stream.Endpoint) uint8 {
	if string(src.Addr) == string(t.f.Nodes[0].Addr) && src.Port == t.f.Nodes[0].Port {
		return 0
	}
	return 1
}

// add appends a chunk whose bytes are kept with frame's.
func (t *AppFollowTap) add(frame uint32, d uint8, data []byte) {
	if len(data) == 0 {
		return
	}
	kept := t.src[frame]
	ref := stream.Ref{Frame: frame, Off: uint32(len(kept)), Len: uint32(len(data))}
	t.src[frame] = append(kept, data...)
	t.f.Chunks = append(t.f.Chunks, stream.Chunk{Dir: d, Data: ref})
	t.f.Bytes[d] += uint64(len(data))
}

// Result returns what was followed.
func (t *AppFollowTap) Result() (*stream.Follow, stream.ByteSource) { return &t.f, t.src }

// Finish prints tshark's report.
func (t *AppFollowTap) Finish(w io.Writer) error {
	r := stream.Report{Proto: t.Proto, Mode: t.Mode, Filter: "tcp.stream eq " + strconv.FormatUint(uint64(t.Stream), 10),
		ChunkMin: t.ChunkMin, ChunkMax: t.ChunkMax, Follow: &t.f}
	_, err := w.Write(r.AppendTshark(nil, t.src))
	return err
}
