package batch

import (
	"io"

	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

// Tap is a -z statistic or report: it sees every frame after dissection and prints its report at the
// end, like a Wireshark tap listener.
type Tap interface {
	// Fields lists the fields the tap reads from the tree (dissection builds them).
	Fields() []field.ID
	// Packet is called once per frame, in order, after dissection; displayed says whether the frame
	// passed the display filter (-Y). c carries the frame's metadata and columns.
	Packet(c *dissect.Ctx, t *field.Tree, displayed bool)
	// Finish writes the report.
	Finish(w io.Writer) error
}

// OnePassTap is a Tap that reads nothing but the fields it lists, in the frame it is given: it needs no
// dissection state kept for later passes, so a run whose taps are all OnePassTaps (returning true)
// keeps tshark's single pass, with its flat memory and lean TCP payloads (dissect.Config.OnePass,
// LeanPayload). Taps that follow streams or decrypt (follow, tls) are not.
type OnePassTap interface {
	Tap
	OnePass() bool
}

// TapFactory makes a tap from the text after "-z " (for example "conv,tcp" or "follow,tcp,ascii,0").
// It returns an error in tshark's words when the argument is invalid.
type TapFactory func(arg string) (Tap, error)
