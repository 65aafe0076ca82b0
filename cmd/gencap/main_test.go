package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"pcap", []string{"-n", "500", "-conns", "10"}, 0, "gencap: 500 packets"},
		{"pcapng", []string{"-n", "200", "-pcapng", "-nano"}, 0, "gencap: 200 packets"},
		{"no output", []string{"-n", "10", "-o", ""}, 2, ""},
		{"bad count", []string{"-n", "0"}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "out.pcap")
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"-o", file}, tt.args...), &stdout, &stderr)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, stderr.String())
			}
			if !strings.HasPrefix(stdout.String(), tt.want) {
				t.Fatalf("stdout %q, want prefix %q", stdout.String(), tt.want)
			}
			if code == 0 {
				if fi, err := os.Stat(file); err != nil || fi.Size() < 1000 {
					t.Fatalf("output file: %v %v", fi, err)
				}
			}
		})
	}
}
