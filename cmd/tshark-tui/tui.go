package main

import (
	"fmt"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/render"
	"github.com/tshark-tui/tshark-tui/ui"
)

// runTUI opens the files in the terminal UI.
func (c *cli) runTUI(files []string, tf render.TimeFormat, filter string) int {
	eng, err := engine.Open(files...)
	if err != nil {
		fmt.Fprintf(c.stderr, "tshark-tui: %v\n", err)
		return batch.ExitBadFile
	}
	defer eng.Close()
	opts := []ui.Option{ui.WithTimeFormat(tf), ui.WithWarner(ui.DisplayFilterWarner)}
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
