package batch_test

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/tshark-tui/tshark-tui/batch"
	capfile "github.com/tshark-tui/tshark-tui/capture"
	"github.com/tshark-tui/tshark-tui/internal/golden"
	"github.com/tshark-tui/tshark-tui/internal/tsharktest"
)

// wpaKey builds an Ethernet frame carrying an EAPOL-Key frame with an RSN key descriptor.
func wpaKey(dst, src string, keyInfo uint16, replay uint64, nonce, mic, data []byte) []byte {
	mac := func(s string) []byte { b := make([]byte, 6); b[0], b[5] = 2, s[0]-'0'; return b }
	body := []byte{2}
	body = binary.BigEndian.AppendUint16(body, keyInfo)
	body = binary.BigEndian.AppendUint16(body, 16)
	body = binary.BigEndian.AppendUint64(body, replay)
	body = append(body, nonce...)
	body = append(body, make([]byte, 16+8+8)...) // key IV, RSC, ID
	body = append(body, mic...)
	body = binary.BigEndian.AppendUint16(body, uint16(len(data)))
	body = append(body, data...)
	f := append(mac(dst), mac(src)...)
	f = append(f, 0x88, 0x8e, 2, 3)
	f = binary.BigEndian.AppendUint16(f, uint16(len(body)))
	return append(f, body...)
}

// wpaHandshake is a WPA2-PSK 4-way handshake between an AP (02:..:01) and a station (02:..:02):
// message 1 with a PMKID KDE, message 2 with the station's RSN element, message 3 with encrypted
// key data, message 4 without key data.
func wpaHandshake() [][]byte {
	rep := func(b byte, n int) []byte { return bytes.Repeat([]byte{b}, n) }
	pmkid := append([]byte{0xdd, 0x14, 0x00, 0x0f, 0xac, 0x04}, rep(0x22, 16)...)
	rsn := []byte{0x30, 0x14, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 2, 0, 0}
	return [][]byte{
		wpaKey("2", "1", 0x008a, 1, rep(0x11, 32), rep(0, 16), pmkid),
		wpaKey("1", "2", 0x010a, 1, rep(0x44, 32), rep(0x33, 16), rsn),
		wpaKey("2", "1", 0x13ca, 2, rep(0x11, 32), rep(0x66, 16), rep(0x55, 56)),
		wpaKey("1", "2", 0x030a, 2, rep(0, 32), rep(0x77, 16), nil),
	}
}

// TestWPAHandshake compares our -V output for an RSN 4-way handshake (EAPOL-Key message numbers,
// key information bits, nonce/MIC/key data with its RSN element and PMKID KDE) with tshark 4.0's,
// recorded in a golden file and re-checked live when tshark is installed.
func TestWPAHandshake(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wpa.pcap")
	var buf bytes.Buffer
	w, err := capfile.NewPcapWriter(&buf, 1, 65535, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range wpaHandshake() {
		if err := w.WritePacket(&capfile.Packet{TS: int64(1700000000+i) * 1e9, CapLen: uint32(len(f)), Len: uint32(len(f)), Data: f}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if err := batch.Run(&batch.Options{Files: []string{path}, Verbose: true, Separator: "\t", Aggregator: ",", Precision: -1}, &out, &errb); err != nil {
		t.Fatalf("run: %v %s", err, errb.String())
	}
	if golden.Updating() || tsharktest.Available() {
		want, _, err := tsharktest.Run(t, "-n", "-r", path, "-V")
		if err != nil {
			t.Fatalf("tshark: %v", err)
		}
		if golden.Updating() {
			golden.Write(t, golden.Path(t, "wpa"), want)
		} else if !bytes.Equal(want, out.Bytes()) {
			t.Errorf("differs from live tshark:\n%s", golden.Diff(string(want), out.String()))
		}
	}
	want, err := os.ReadFile(golden.Path(t, "wpa"))
	if err != nil {
		t.Fatalf("golden: %v (UPDATE_GOLDEN=1 records tshark's answer)", err)
	}
	if !bytes.Equal(want, out.Bytes()) {
		t.Errorf("differs from tshark's recorded answer:\n%s", golden.Diff(string(want), out.String()))
	}
}
