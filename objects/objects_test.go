package objects

import "testing"

func TestSafeFilename(t *testing.T) {
	cases := []struct {
		in   string
		dup  int
		want string
	}{
		{"index.html", 0, "index.html"},
		{"index.html", 1, "index(1).html"},
		{"/", 0, "%2f"},
		{"a?b=c", 0, "a%3fb=c"},
		{"form", 2, "form(2)"},
		{"x\x01y", 0, "x%01y"},
	}
	for _, c := range cases {
		if got := SafeFilename(c.in, c.dup); got != c.want {
			t.Errorf("SafeFilename(%q, %d) = %q, want %q", c.in, c.dup, got, c.want)
		}
	}
	long := make([]byte, 300)
	for i := range long {
		long[i] = 'a'
	}
	if got := SafeFilename(string(long)+".txt", 0); len(got) != 255 || got[len(got)-4:] != ".txt" {
		t.Errorf("a long name is cut to %d bytes (%q...), want 255 ending in .txt", len(got), got[:10])
	}
}

func TestBasename(t *testing.T) {
	for in, want := range map[string]string{"/": "/", "/secret/": "secret", "/a/b.txt": "b.txt", "": ".", "x": "x", "//": "/"} {
		if got := basename(in); got != want {
			t.Errorf("basename(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitURI(t *testing.T) {
	for in, want := range map[string][2]string{"http://h/a/b": {"h", "/a/b"}, "http://h": {"h", "/"}, "/x": {"", "/x"},
		"http://h:8080/c": {"h:8080", "/c"}} {
		if host, path := splitURI(in); host != want[0] || path != want[1] {
			t.Errorf("splitURI(%q) = %q, %q, want %q, %q", in, host, path, want[0], want[1])
		}
	}
}

func TestNewUnknownProtocol(t *testing.T) {
	if _, err := New("nope"); err == nil {
		t.Error("New accepted an unknown protocol")
	}
}
