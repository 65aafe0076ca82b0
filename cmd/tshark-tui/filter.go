package main

import (
	"errors"

	"github.com/tshark-tui/tshark-tui/batch"
	"github.com/tshark-tui/tshark-tui/engine"
	"github.com/tshark-tui/tshark-tui/field"
)

// compileFilter compiles a display filter for batch use.
func compileFilter(text string) (batch.Matcher, []field.ID, error) {
	return nil, nil, errors.New("display filters are not available yet")
}

// uiCompiler compiles display filters for the UI.
func uiCompiler(text string) (*engine.Filter, error) {
	m, ids, err := compileFilter(text)
	if err != nil {
		return nil, err
	}
	return &engine.Filter{Text: text, M: m, Fields: ids}, nil
}
