package main

import (
	"errors"
	"strings"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/displayfilter"
	"github.com/tshark-tui/tshark-tui/dissect"
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
