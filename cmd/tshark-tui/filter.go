package main

import (
	"errors"
	"strings"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
)

// filterError is a display-filter error printed like tshark: the message, then the filter with a
// caret line under the mistake.
type filterError struct {
	err  *displayfilter.Error
	text string
}

func (e *filterError) Error() string {
	return e.err.Msg + "\n    " + strings.ReplaceAll(strings.TrimRight(e.err.Caret(e.text), "\n"), "\n", "\n    ")
}

// Span reports the error's position (the UI underlines it).
func (e *filterError) Span() (int, int) { return e.err.Pos, e.err.Len }

// compileFilter compiles a display filter for batch use.
func compileFilter(text string) (batch.Matcher, []field.ID, error) {
	f, err := displayfilter.Compile(text, dissect.Fields)
	if err != nil {
		var de *displayfilter.Error
		if errors.As(err, &de) {
			return nil, nil, &filterError{err: de, text: text}
		}
		return nil, nil, err
	}
	return f, f.Fields, nil
}

// uiCompiler compiles display filters for the UI.
func uiCompiler(text string) (*engine.Filter, error) {
	f, err := displayfilter.Compile(text, dissect.Fields)
	if err != nil {
		var de *displayfilter.Error
		if errors.As(err, &de) {
			return nil, &uiFilterError{de}
		}
		return nil, err
	}
	return &engine.Filter{Text: text, M: f, Fields: f.Fields}, nil
}

// uiFilterError is a one-line filter error with its span, for the filter bar.
type uiFilterError struct{ de *displayfilter.Error }

func (e *uiFilterError) Error() string { return e.de.Msg }

// Span reports the error's position.
func (e *uiFilterError) Span() (int, int) { return e.de.Pos, e.de.Len }

// uiWarner reports Wireshark's yellow-bar remarks on a valid filter.
func uiWarner(text string) string {
	ws := displayfilter.Warnings(text, dissect.Fields)
	if len(ws) == 0 {
		return ""
	}
	return ws[0].Msg
}
