package ui

import (
	"errors"

	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/engine"
)

// filterError is a display-filter error with its span, for the filter bar.
type filterError struct{ de *displayfilter.Error }

func (e *filterError) Error() string { return e.de.Msg }

// Span reports where the mistake is.
func (e *filterError) Span() (int, int) { return e.de.Pos, e.de.Len }

// DisplayFilterCompiler compiles Wireshark display filters over the dissectors' fields.
func DisplayFilterCompiler(text string) (*engine.Filter, error) {
	f, err := displayfilter.Compile(text, engine.Fields)
	if err != nil {
		var de *displayfilter.Error
		if errors.As(err, &de) {
			return nil, &filterError{de}
		}
		return nil, err
	}
	return &engine.Filter{Text: text, M: f, Fields: f.Fields}, nil
}

// DisplayFilterWarner returns Wireshark's yellow-bar remark on a valid filter, or "".
func DisplayFilterWarner(text string) string {
	ws := displayfilter.Warnings(text, engine.Fields)
	if len(ws) == 0 {
		return ""
	}
	return ws[0].Msg
}
