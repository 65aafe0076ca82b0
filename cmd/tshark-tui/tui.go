package main

import (
	"fmt"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/render"
	"github.com/tshark-tui/tshark-tui/ui"
)

// runTUI opens the source in the terminal UI.
func (c *cli) runTUI(src engine.Source, cfg engine.Config, tf render.TimeFormat, filter string) int {
	engine.TuneGC()
	sess, err := engine.Open(src, cfg)
	if err != nil {
		fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadFile
	}
	defer sess.Close()
	return c.showSession(sess, tf, filter)
}

// showSession runs the terminal UI on a session (files or a live capture).
func (c *cli) showSession(sess *engine.Session, tf render.TimeFormat, filter string) int {
	opts := []ui.Option{ui.WithTimeFormat(tf), ui.WithWarner(ui.DisplayFilterWarner),
		ui.WithTLSKeys(c.tls.Entries, c.tls.Logs), ui.WithDecodeAs(c.decodeAs)}
	if filter != "" {
		opts = append(opts, ui.WithFilter(filter))
	}
	app := ui.New(sess, ui.DisplayFilterCompiler, opts...)
	if err := app.Run(); err != nil {
		fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadOption
	}
	return batch.ExitOK
}
