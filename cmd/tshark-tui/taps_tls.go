package main

import (
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/stream"
)

// -z follow,tls,ascii|hex|raw,N: the decrypted application data of TCP stream N, printed as
// tshark 4.0 prints it (including its "Node 1: :0": the TLS follow tap never learns the server).

func init() {
	taps["follow,tls"] = newTLSFollowTap
}

type tlsFollowMode uint8

const (
	followASCII tlsFollowMode = iota
	followHex
	followRaw
)

type tlsFollowChunk struct {
	fromServer bool
	data       []byte
}

type tlsFollowTap struct {
	mode      tlsFollowMode
	modeName  string
	stream    uint64
	streamID  field.ID
	client    netip.AddrPort
	hasClient bool
	chunks    []tlsFollowChunk
}

func newTLSFollowTap(arg string) (batch.Tap, error) {
	parts := strings.Split(arg, ",")
	bad := fmt.Errorf("invalid -z argument \"%s\"; it must be follow,tls,ascii|hex|raw,N", arg)
	if len(parts) != 4 {
		return nil, bad
	}
	t := &tlsFollowTap{modeName: parts[2]}
	switch parts[2] {
	case "ascii":
		t.mode = followASCII
	case "hex":
		t.mode = followHex
	case "raw":
		t.mode = followRaw
	default:
		return nil, bad
	}
	n, err := strconv.ParseUint(parts[3], 10, 32)
	if err != nil {
		return nil, bad
	}
	t.stream = n
	f, ok := dissect.Fields.Lookup("tcp.stream")
	if !ok {
		return nil, fmt.Errorf("follow,tls: no tcp.stream field")
	}
	t.streamID = f.ID
	return t, nil
}

func (t *tlsFollowTap) Fields() []field.ID { return []field.ID{t.streamID} }

func (t *tlsFollowTap) Packet(c *dissect.Ctx, tree *field.Tree, _ bool) {
	found := false
	tree.Each(t.streamID, func(n *field.Node) bool {
		found = n.Value.U == t.stream
		return false
	})
	if !found {
		return
	}
	recs, any := dissect.TLSDecrypted(c.State, c.Frame.Number)
	if !any {
		return
	}
	addr, _ := netip.AddrFromSlice(c.NetSrc)
	src := netip.AddrPortFrom(addr.Unmap(), uint16(c.SrcPort))
	if !t.hasClient {
		t.client, t.hasClient = src, true
	}
	for _, r := range recs {
		t.chunks = append(t.chunks, tlsFollowChunk{fromServer: src != t.client, data: r.Data})
	}
}

func (t *tlsFollowTap) Finish(w io.Writer) error {
	var b strings.Builder
	b.WriteString("\n===================================================================\n")
	fmt.Fprintf(&b, "Follow: tls,%s\n", t.modeName)
	fmt.Fprintf(&b, "Filter: tcp.stream eq %d\n", t.stream)
	if t.hasClient {
		fmt.Fprintf(&b, "Node 0: %s:%d\n", t.client.Addr(), t.client.Port())
	} else {
		b.WriteString("Node 0: :0\n")
	}
	b.WriteString("Node 1: :0\n")
	var offset [2]int
	for _, ch := range t.chunks {
		prefix := ""
		side := 0
		if ch.fromServer {
			prefix, side = "\t", 1
		}
		switch t.mode {
		case followASCII:
			fmt.Fprintf(&b, "%s%d\n", prefix, len(ch.data))
			b.Write(stream.AppendASCII(nil, ch.data))
			b.WriteByte('\n')
		case followRaw:
			fmt.Fprintf(&b, "%s%x\n", prefix, ch.data)
		case followHex:
			appendFollowHex(&b, prefix, offset[side], ch.data)
		}
		offset[side] += len(ch.data)
	}
	b.WriteString("===================================================================\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// appendFollowHex writes data as tshark's follow hex dump: offset, 16 bytes in two groups of
// eight, their ASCII in two groups.
func appendFollowHex(b *strings.Builder, prefix string, off int, data []byte) {
	const hexd = "0123456789abcdef"
	for i := 0; i < len(data); i += 16 {
		line := data[i:min(i+16, len(data))]
		fmt.Fprintf(b, "%s%08x  ", prefix, off+i)
		for j := 0; j < 16; j++ {
			if j == 8 {
				b.WriteByte(' ')
			}
			if j < len(line) {
				b.WriteByte(hexd[line[j]>>4])
				b.WriteByte(hexd[line[j]&15])
				b.WriteByte(' ')
			} else {
				b.WriteString("   ")
			}
		}
		b.WriteByte(' ')
		for j, c := range line {
			if j == 8 {
				b.WriteByte(' ')
			}
			if c >= 0x20 && c < 0x7f {
				b.WriteByte(c)
			} else {
				b.WriteByte('.')
			}
		}
		b.WriteByte('\n')
	}
}
