package output

import "testing"

func TestNewUnknownFormat(t *testing.T) {
	if _, err := New("nope", Options{}); err == nil {
		t.Error("New accepted an unknown format")
	}
}
