package main

import (
	"fmt"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/render"
	"github.com/tshark-tui/tshark-tui/ui"
)

// runTUI opens the files in the terminal UI.
func (c *cli) runTUI(files []string, tf render.TimeFormat, filter, captureFilter string) int {
	engine.TuneGC()
	eng, err := openEngine(files, captureFilter)
	if err != nil {
		fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadFile
	}
	defer eng.Close()
	return c.showEngine(eng, tf, filter)
}

// showEngine runs the terminal UI on an engine (files or a live capture).
func (c *cli) showEngine(eng *engine.Engine, tf render.TimeFormat, filter string) int {
	opts := []ui.Option{ui.WithTimeFormat(tf), ui.WithWarner(ui.DisplayFilterWarner),
		ui.WithTLSKeys(c.tls.entries, c.tls.allLogs())}
	if filter != "" {
		opts = append(opts, ui.WithFilter(filter))
	}
	app := ui.New(eng, ui.DisplayFilterCompiler, opts...)
	if err := app.Run(); err != nil {
		fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadOption
	}
	return batch.ExitOK
}
