package objects_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/objects"
)

// udp wraps payload in Ethernet, IPv4 (client 10.0.0.1, server 10.0.0.2) and UDP headers.
func udp(fromClient bool, sport, dport uint16, payload []byte) []byte {
	src, dst := []byte{10, 0, 0, 1}, []byte{10, 0, 0, 2}
	if !fromClient {
		src, dst = dst, src
	}
	b := []byte{0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 8, 0}
	tl := 28 + len(payload)
	b = append(b, 0x45, 0, byte(tl>>8), byte(tl), 0, 1, 0, 0, 64, 17, 0, 0)
	b = append(append(b, src...), dst...)
	ul := 8 + len(payload)
	b = append(b, byte(sport>>8), byte(sport), byte(dport>>8), byte(dport), byte(ul>>8), byte(ul), 0, 0)
	return append(b, payload...)
}

func tftpData(block uint16, data string) []byte {
	return append([]byte{0, 3, byte(block >> 8), byte(block)}, data...)
}

// collect runs frames through the dissector (one first pass, as tshark's single pass) and the
// collector of proto.
func collect(t *testing.T, proto string, frames [][]byte) []objects.Object {
	t.Helper()
	col, err := objects.New(proto)
	if err != nil {
		t.Fatal(err)
	}
	st := dissect.NewState()
	for i, f := range frames {
		tr := field.NewTree(dissect.Fields)
		tr.Visible = true
		c := dissect.NewCtx(tr, st)
		c.Pass1 = true
		c.Run(&dissect.FrameInfo{Number: uint32(i + 1), CapLen: uint32(len(f)), Len: uint32(len(f)), Link: 1}, f)
		col.Collect(c, tr)
	}
	return col.Objects()
}

// TestTFTPTransfers: the block size the server acknowledges, a retransmitted block, a transfer
// with a missing block (not exported, as in Wireshark), a file name with a path.
func TestTFTPTransfers(t *testing.T) {
	frames := [][]byte{
		udp(true, 40000, 69, []byte("\x00\x01dir/a.bin\x00octet\x00blksize\x008\x00")),
		udp(false, 50000, 40000, []byte("\x00\x06blksize\x008\x00")),
		udp(false, 50000, 40000, tftpData(1, "01234567")),
		udp(false, 50000, 40000, tftpData(2, "89abcdef")),
		udp(false, 50000, 40000, tftpData(2, "89abcdef")), // retransmitted
		udp(false, 50000, 40000, tftpData(3, "xyz")),      // last: shorter than 8
		udp(true, 40001, 69, []byte("\x00\x01gap.bin\x00octet\x00")),
		udp(false, 50001, 40001, tftpData(1, strings.Repeat("g", 512))),
		udp(false, 50001, 40001, tftpData(3, "tail")), // block 2 is missing
	}
	objs := collect(t, "tftp", frames)
	if len(objs) != 1 {
		t.Fatalf("%d objects, want 1: %+v", len(objs), objs)
	}
	o := objs[0]
	if o.Frame != 6 || o.Filename != "a.bin" || !bytes.Equal(o.Data, []byte("0123456789abcdefxyz")) || o.Hostname != "" || o.ContentType != "" {
		t.Errorf("object {%d %q %q %q %q}", o.Frame, o.Hostname, o.ContentType, o.Filename, o.Data)
	}
}
