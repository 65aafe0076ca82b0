package objects

import (
	"strconv"
	"strings"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

func init() {
	Register("tftp", func() Collector { return &tftpObjects{xfers: map[uint32]*tftpXfer{}} })
}

// tftpObjects collects the files of TFTP transfers as Wireshark's TFTP tap does: the DATA blocks
// of a transfer, in order and without a gap, become one object when the last (short) block
// arrives; the object is named after the requested file's last path component and has neither
// host name nor content type. A transfer is known by its request's frame, which the dissector
// names on every packet of it.
type tftpObjects struct {
	xfers map[uint32]*tftpXfer
	objs  []Object
}

// tftpXfer is one transfer's state.
type tftpXfer struct {
	file    string
	blksize int
	next    uint64 // the block expected next
	missing bool   // a block was skipped: the file cannot be exported
	data    []byte
}

var (
	hfTFTP         = hf("tftp")
	hfTFTPOpcode   = hf("tftp.opcode")
	hfTFTPSrcFile  = hf("tftp.source_file")
	hfTFTPDstFile  = hf("tftp.destination_file")
	hfTFTPReqFrame = hf("tftp.request_frame")
	hfTFTPBlock    = hf("tftp.block.full")
	hfTFTPOptName  = hf("tftp.option.name")
	hfTFTPOptValue = hf("tftp.option.value")
)

func (x *tftpObjects) Fields() []field.ID {
	return []field.ID{hfTFTP, hfTFTPOpcode, hfTFTPSrcFile, hfTFTPDstFile, hfTFTPReqFrame, hfTFTPBlock, hfTFTPOptName, hfTFTPOptValue}
}

const (
	tftpRRQ  = 1
	tftpWRQ  = 2
	tftpDATA = 3
	tftpOACK = 6
)

func (x *tftpObjects) Collect(c *dissect.Ctx, t *field.Tree) {
	for i := 1; i < len(t.Nodes); i++ {
		if t.Nodes[i].Field != hfTFTP {
			continue
		}
		var op, block uint64
		var file, optName string
		var reqFrame uint32
		blksize := 0
		walkBelow(t, int32(i), func(n *field.Node) {
			switch n.Field {
			case hfTFTPOpcode:
				op = n.Value.U
			case hfTFTPSrcFile, hfTFTPDstFile:
				file = string(n.Value.B)
			case hfTFTPReqFrame:
				reqFrame = uint32(n.Value.U)
			case hfTFTPBlock:
				block = n.Value.U
			case hfTFTPOptName:
				optName = string(n.Value.B)
			case hfTFTPOptValue:
				// Wireshark takes the block size the server acknowledges, within RFC 2348's range
				if strings.EqualFold(optName, "blksize") {
					if v, err := strconv.Atoi(strings.TrimSpace(string(n.Value.B))); err == nil && v >= 8 && v <= 65464 {
						blksize = v
					}
				}
			}
		})
		switch op {
		case tftpRRQ, tftpWRQ:
			x.xfers[c.Frame.Number] = &tftpXfer{file: file, blksize: 512, next: 1}
		case tftpOACK:
			if xf := x.xfers[reqFrame]; xf != nil && blksize > 0 {
				xf.blksize = blksize
			}
		case tftpDATA:
			xf := x.xfers[reqFrame]
			if xf == nil {
				continue
			}
			b := t.Bytes(&t.Nodes[i])
			if len(b) < 4 {
				continue
			}
			x.block(c, xf, block, b[4:])
		}
	}
}

// block adds one DATA block to its transfer, and the object when it is the last.
func (x *tftpObjects) block(c *dissect.Ctx, xf *tftpXfer, block uint64, data []byte) {
	switch {
	case block > xf.next: // a gap: Wireshark gives up on this file
		xf.missing = true
		xf.next = block + 1
		return
	case block < xf.next: // a retransmission
		return
	}
	xf.next++
	if xf.missing {
		return
	}
	xf.data = append(xf.data, data...)
	if len(data) >= xf.blksize {
		return
	}
	x.objs = append(x.objs, Object{Frame: c.Frame.Number, Filename: basename(xf.file), Data: xf.data})
	xf.data = nil
}

func (x *tftpObjects) Objects() []Object { return x.objs }
