package objects

import "testing"

// TestSMBChunks replays Wireshark's chunk bookkeeping: chunks out of order, overlapping, beyond
// the announced end of file, and the content type each leaves.
func TestSMBChunks(t *testing.T) {
	steps := []struct {
		off  uint64
		data string
		read bool
		want string // content type after the chunk
		body string // the object's bytes ('.' for a hole)
	}{
		{4, "efgh", true, "FILE (4/10) R [40.00%]", "....efgh"},
		{0, "abcd", true, "FILE (8/10) R [80.00%]", "abcdefgh"},
		{2, "CDEF", false, "FILE (8/10) R&W [80.00%]", "abCDEFgh"},
		{8, "ijkl", false, "FILE (12/12) R&W [100.00%]", "abCDEFghijkl"},
	}
	var f smbFile
	f.typ, f.length = "FILE", 10
	var o Object
	for i, s := range steps {
		f.mark(s.read)
		f.insert(&o, s.off, []byte(s.data))
		if got := f.describe(); got != s.want {
			t.Errorf("step %d: %q, want %q", i, got, s.want)
		}
		body := []byte(string(o.Data))
		for j, c := range body {
			if c == 0 {
				body[j] = '.'
			}
		}
		if string(body) != s.body {
			t.Errorf("step %d: bytes %q, want %q", i, body, s.body)
		}
	}
}

// TestSMBHostileOffset: a chunk claiming a far offset counts but stores nothing, and the object
// says it is incomplete as Wireshark's "[mem!!]".
func TestSMBHostileOffset(t *testing.T) {
	var f smbFile
	f.typ = "FILE"
	var o Object
	f.mark(true)
	f.insert(&o, 1<<40, []byte("x"))
	if len(o.Data) != 0 {
		t.Fatalf("stored %d bytes for an offset of 1 TiB", len(o.Data))
	}
	f.insert(&o, 1<<22, []byte("y")) // 4 MiB out: past the bound for 2 bytes seen
	if len(o.Data) != 0 {
		t.Fatalf("stored %d bytes for a 4 MiB gap", len(o.Data))
	}
	if got := f.describe(); got != "FILE (2?/1099511627777) R [mem!!]" {
		t.Errorf("content type %q", got)
	}
}
