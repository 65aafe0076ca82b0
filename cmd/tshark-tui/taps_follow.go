package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/field"
)

func init() {
	follow := func(arg string) (batch.Tap, error) { return dissect.NewFollowTap(arg) }
	taps["follow,tcp"] = follow
	taps["follow,udp"] = follow
}

// followOnly returns the -z follow,tcp|udp reports of o when they are all o asks for: nothing is
// printed per packet (-q), no display filter, no other report. Such a run needs only each frame's
// addresses, ports and stream numbers, and the followed streams' bytes (runFollow).
func followOnly(o *batch.Options) ([]*dissect.FollowTap, bool) {
	if !o.Quiet || o.Verbose || o.Hex || o.Output != batch.OutText || len(o.Fields) > 0 ||
		o.Filter != nil || o.NeedTree || len(o.Taps) == 0 {
		return nil, false
	}
	fts := make([]*dissect.FollowTap, 0, len(o.Taps))
	for _, tp := range o.Taps {
		ft, ok := tp.(*dissect.FollowTap)
		if !ok {
			return nil, false
		}
		fts = append(fts, ft)
	}
	return fts, true
}

// runFollow is batch.Run for a run that only follows streams (followOnly): one lean pass, like
// tshark's, that dissects every frame once with a tree pruned to the fields the reports read,
// keeps no per-frame records for a later pass and skips dissecting TCP payloads (the reports
// take payload bytes from the frame, not from the application dissectors). It prints exactly what
// batch.Run prints for the same options.
func runFollow(o *batch.Options, fts []*dissect.FollowTap, w, errw io.Writer) error {
	rd := o.Source
	if rd == nil {
		var err error
		rd, err = capture.OpenSequential(o.Files...)
		if err != nil {
			return &batch.Error{Code: batch.ExitBadFile, Msg: err.Error()}
		}
		defer rd.Close()
	}
	tree := field.NewTree(dissect.Fields)
	tree.Visible = false
	want := field.NewIDSet(dissect.Fields)
	for _, id := range dissect.FollowFields() {
		want.Add(id)
	}
	tree.Want = want
	cfg := o.Dissect
	cfg.OnePass, cfg.LeanPayload = true, true
	c := dissect.NewCtx(tree, dissect.NewStateWith(cfg))
	c.Pass1 = true
	var (
		fi      dissect.FrameInfo
		n       uint32
		refTS   int64
		prevCap int64
		readErr error
	)
	for o.Count <= 0 || int(n) < o.Count {
		pkt, err := rd.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				readErr = err
			}
			break
		}
		n++
		if n == 1 {
			refTS, prevCap = pkt.TS, 0
		}
		fi = dissect.FrameInfo{Number: n, TS: pkt.TS, CapLen: pkt.CapLen, Len: pkt.Len, Link: pkt.Link,
			Iface: pkt.Iface, PrevCapTS: prevCap, PrevDispTS: prevCap, RefTS: refTS}
		c.Run(&fi, pkt.Data)
		prevCap = pkt.TS
		for _, ft := range fts {
			ft.Packet(c, tree, true)
		}
	}
	out := bufio.NewWriterSize(w, 256<<10)
	defer out.Flush()
	for i := len(fts) - 1; i >= 0; i-- { // tshark prints its reports last-given first
		if err := fts[i].Finish(out); err != nil {
			out.Flush()
			return &batch.Error{Code: batch.ExitBadOption, Msg: err.Error()}
		}
	}
	if readErr != nil {
		out.Flush()
		fmt.Fprintf(errw, "tshark-tui: %v\n", readErr)
		return &batch.Error{Code: batch.ExitBadFile, Msg: ""}
	}
	return nil
}
