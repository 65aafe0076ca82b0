// Package ttytest drives the real tshark-tui binary in a pseudo-terminal, as a person at a terminal
// does: tmux runs it with TERM=xterm-256color, keys go in as the bytes a terminal sends (control
// bytes for Ctrl-letters, ESC prefixes for Alt, CSI sequences, SGR mouse reports, bracketed paste)
// and the screen is read back with capture-pane. The binary counts the input events it has answered
// in a file (TSHARK_TUI_INPUTLOG), so a test can tell a key that got no answer within a deadline —
// a hang — from one that simply changed nothing on the screen. Test helper only.
package ttytest

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	buildBin  string
	buildErr  error
)

// Binary builds cmd/tshark-tui once per test process (CGO_ENABLED=0, as shipped) and returns its
// path, or skips t when tmux is missing.
func Binary(t testing.TB, root string) string {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: terminal test skipped (apt-get install tmux)")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tshark-tui-tty")
		if err != nil {
			buildErr = err
			return
		}
		buildBin = filepath.Join(dir, "tshark-tui")
		cmd := exec.Command("go", "build", "-o", buildBin, "./cmd/tshark-tui")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildBin
}

// Term is one program running in its own tmux server.
type Term struct {
	t    testing.TB
	sock string
	dir  string
	log  string
}

// Options of a terminal session.
type Options struct {
	W, H  int
	Env   []string // extra environment (KEY=VALUE)
	Stdin string   // a shell redirection or pipeline feeding standard input, e.g. "< file" or "cat f |"
	Dir   string   // working directory
}

var sockSeq struct {
	sync.Mutex
	n int
}

// Start runs bin with args in a new tmux server of w×h cells. The program's configuration lives in
// a fresh directory (XDG_CONFIG_HOME), so settings of the machine's user do not leak in.
func Start(t testing.TB, bin string, args []string, o Options) *Term {
	t.Helper()
	if o.W == 0 {
		o.W, o.H = 100, 30
	}
	sockSeq.Lock()
	sockSeq.n++
	sock := fmt.Sprintf("tshark-tui-tty-%d-%d", os.Getpid(), sockSeq.n)
	sockSeq.Unlock()
	dir := t.TempDir()
	tm := &Term{t: t, sock: sock, dir: dir, log: filepath.Join(dir, "inputlog")}
	var cmd strings.Builder
	cmd.WriteString("cd " + shellQuote(cmp(o.Dir, dir)) + " && ")
	env := append([]string{"TERM=xterm-256color", "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"TSHARK_TUI_INPUTLOG=" + tm.log, "TZ=UTC", "LANG=C.UTF-8"}, o.Env...)
	if o.Stdin != "" && !strings.HasPrefix(o.Stdin, "<") {
		cmd.WriteString(o.Stdin + " ")
	}
	cmd.WriteString("env")
	for _, e := range env {
		cmd.WriteString(" " + shellQuote(e))
	}
	cmd.WriteString(" " + shellQuote(bin))
	for _, a := range args {
		cmd.WriteString(" " + shellQuote(a))
	}
	if strings.HasPrefix(o.Stdin, "<") {
		cmd.WriteString(" " + o.Stdin)
	}
	cmd.WriteString("; echo EXITED rc=$?; sleep 600")
	if out, err := tm.tmux("new-session", "-d", "-s", "t", "-x", strconv.Itoa(o.W), "-y", strconv.Itoa(o.H), cmd.String()); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { _, _ = tm.tmux("kill-server") })
	return tm
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func (tm *Term) tmux(args ...string) ([]byte, error) {
	return exec.Command("tmux", append([]string{"-L", tm.sock, "-f", "/dev/null"}, args...)...).CombinedOutput()
}

// Screen returns the visible screen as text.
func (tm *Term) Screen() string {
	out, err := tm.tmux("capture-pane", "-p", "-t", "t")
	if err != nil {
		return "capture-pane: " + err.Error() + "\n" + string(out)
	}
	return string(out)
}

// WaitFor waits until the screen contains want and returns the screen; ok is false on timeout.
func (tm *Term) WaitFor(want string, d time.Duration) (string, bool) {
	deadline := time.Now().Add(d)
	for {
		s := tm.Screen()
		if strings.Contains(s, want) {
			return s, true
		}
		if time.Now().After(deadline) {
			return s, false
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// MustSee fails the test when the screen does not show want within d.
func (tm *Term) MustSee(want string, d time.Duration) string {
	tm.t.Helper()
	s, ok := tm.WaitFor(want, d)
	if !ok {
		tm.t.Fatalf("the screen never showed %q:\n%s", want, s)
	}
	return s
}

// Send writes raw bytes to the program's terminal, as typed (a lone Esc is followed by the pause
// that tells it from the start of a sequence).
func (tm *Term) Send(b []byte) {
	tm.t.Helper()
	tm.send(b)
	if len(b) == 1 && b[0] == 0x1b {
		time.Sleep(80 * time.Millisecond)
	}
}

func (tm *Term) send(b []byte) {
	tm.t.Helper()
	if len(b) == 0 {
		return
	}
	args := []string{"send-keys", "-t", "t", "-H"}
	for _, c := range b {
		args = append(args, hex.EncodeToString([]byte{c}))
	}
	if out, err := tm.tmux(args...); err != nil {
		tm.t.Fatalf("tmux send-keys: %v\n%s", err, out)
	}
}

// Answered reports how many input events the program has handled and drawn after.
func (tm *Term) Answered() uint64 {
	b, err := os.ReadFile(tm.log)
	if err != nil {
		return 0
	}
	n, _ := strconv.ParseUint(string(bytes.TrimSpace(b)), 10, 64)
	return n
}

// Press sends one key's bytes and waits up to d for the program to answer it (handle it and draw).
// It returns false when it did not: the program hangs, or has exited.
func (tm *Term) Press(b []byte, d time.Duration) bool {
	tm.t.Helper()
	before := tm.Answered()
	tm.send(b) // the answer, not a pause, tells when a lone Esc has been taken
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if tm.Answered() > before {
			return true
		}
		time.Sleep(5 * time.Millisecond)
	}
	return false
}

// Exited returns the exit status when the program has ended (the shell prints "EXITED rc=N").
func (tm *Term) Exited() (int, bool) {
	s := tm.Screen()
	i := strings.LastIndex(s, "EXITED rc=")
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+len("EXITED rc="):])
	if len(f) == 0 {
		return 0, false
	}
	rc, err := strconv.Atoi(f[0])
	return rc, err == nil
}

// WaitExit waits up to d for the program to end and returns its status.
func (tm *Term) WaitExit(d time.Duration) (int, bool) {
	deadline := time.Now().Add(d)
	for {
		if rc, ok := tm.Exited(); ok {
			return rc, true
		}
		if time.Now().After(deadline) {
			return 0, false
		}
		time.Sleep(30 * time.Millisecond)
	}
}
