package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		opts     []opt
		operands []string
		err      bool
	}{
		{"bundled", []string{"-nr", "f.pcap"}, []opt{{"n", ""}, {"r", "f.pcap"}}, nil, false},
		{"attached arg", []string{"-rf.pcap", "-c10"}, []opt{{"r", "f.pcap"}, {"c", "10"}}, nil, false},
		{"fields", []string{"-T", "fields", "-e", "ip.src", "-E", "header=y"}, []opt{{"T", "fields"}, {"e", "ip.src"}, {"E", "header=y"}}, nil, false},
		{"operand", []string{"-V", "x.pcap"}, []opt{{"V", ""}}, []string{"x.pcap"}, false},
		{"long", []string{"--capture-filter", "tcp", "--tls-keylog=k.log"}, []opt{{"capture-filter", "tcp"}, {"tls-keylog", "k.log"}}, nil, false},
		{"missing arg", []string{"-r"}, nil, nil, true},
		{"unknown", []string{"-%"}, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts, ops, err := parseArgs(tt.args)
			if (err != nil) != tt.err {
				t.Fatalf("err = %v", err)
			}
			if tt.err {
				return
			}
			if !reflect.DeepEqual(opts, tt.opts) || !reflect.DeepEqual(ops, tt.operands) {
				t.Errorf("got %v %v, want %v %v", opts, ops, tt.opts, tt.operands)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no file", []string{"-r", "/nonexistent/x.pcap"}, 2, "x.pcap"},
		{"bad field", []string{"-r", "x", "-T", "fields", "-e", "ip.addrx"}, 1, "Some fields aren't valid:\n\tip.addrx"},
		{"fields without -e", []string{"-r", "x", "-T", "fields"}, 1, `no fields were specified with "-e"`},
		{"bad -T", []string{"-r", "x", "-T", "yaml"}, 1, `Invalid -T parameter "yaml"`},
		{"bad -t", []string{"-r", "x", "-t", "zz"}, 1, `Invalid time stamp type "zz"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			c := &cli{stdout: &out, stderr: &errb}
			if code := c.run(tt.args); code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errb.String())
			}
			if !strings.Contains(errb.String(), tt.msg) {
				t.Errorf("stderr %q lacks %q", errb.String(), tt.msg)
			}
		})
	}
}

func TestGlossary(t *testing.T) {
	var out, errb bytes.Buffer
	c := &cli{stdout: &out, stderr: &errb}
	if code := c.run([]string{"-G", "fields"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "F\tFrame Number\tframe.number\tFT_UINT32\tframe\tBASE_DEC\t0x0\t") {
		t.Errorf("-G fields lacks frame.number in tshark's format:\n%.500s", out.String())
	}
}

// TestUndissectedFilterWarns: a filter on a protocol tshark knows but we do not dissect runs (and
// selects nothing) with a warning on standard error.
func TestUndissectedFilterWarns(t *testing.T) {
	var out, errb bytes.Buffer
	c := &cli{stdout: &out, stderr: &errb}
	if code := c.run([]string{"-r", "../../testdata/captures/dns.pcap", "-Y", "amqp.method.class == 5"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if out.Len() != 0 {
		t.Errorf("printed %q", out.String())
	}
	if want := "tshark-tui: warning: amqp is not dissected: this filter cannot match\n"; errb.String() != want {
		t.Errorf("stderr %q, want %q", errb.String(), want)
	}
}
