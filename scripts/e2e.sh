#!/usr/bin/env bash
# End-to-end test of the real binary in tmux: open a capture, type a display filter, read the status
# line and a row, switch the time format, quit. Usage: scripts/e2e.sh [BINARY] [CAPTURE]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
cap=${2:-testdata/captures/http.pcap}
if [ -z "$bin" ]; then
  bin=$(mktemp -d)/tshark-tui
  CGO_ENABLED=0 go build -o "$bin" ./cmd/tshark-tui
fi
command -v tmux >/dev/null || { echo "SKIP: tmux is not installed"; exit 0; }
sock="tshark-tui-e2e-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; }
trap cleanup EXIT
export XDG_CONFIG_HOME=$(mktemp -d)

fail() { echo "FAIL: $*"; echo "---- screen ----"; tm capture-pane -p -t e2e || true; exit 1; }
screen() { tm capture-pane -p -t e2e; }
wait_for() { # text, seconds
  local deadline=$((SECONDS + ${2:-5}))
  while [ $SECONDS -lt $deadline ]; do
    screen | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  fail "screen never showed: $1"
}

tm new-session -d -s e2e -x 100 -y 30 "TERM=xterm-256color $bin -r $cap; echo EXITED rc=\$?; sleep 5"
wait_for "Packets:" 5
wait_for "Frame 1:" 5
echo "ok: opened, status and details shown"

tm send-keys -t e2e / 'tcp.port == 80 && tcp.flags.syn == 1'
wait_for "Filter: tcp.port == 80 && tcp.flags.syn == 1" 10
tm send-keys -t e2e Enter
deadline=$((SECONDS + 10))
while screen | tail -1 | grep -q "(100.0%)"; do   # the filter runs in the background
  [ $SECONDS -lt $deadline ] || fail "filter did not reduce the displayed packets"
  sleep 0.1
done
wait_for "[SYN]" 5
row=$(screen | grep -E "^ +[0-9]+ " | head -1 || true)
[ -n "$row" ] || fail "no packet row after filtering"
echo "ok: filter applied: $(screen | tail -1 | sed 's/ \+/ /g')"
echo "ok: first row: $row"

tm send-keys -t e2e T
wait_for "Time of Day" 5
echo "ok: time format switched"

tm send-keys -t e2e q
wait_for "EXITED rc=0" 5
echo "ok: quit cleanly"
echo "e2e: 4 passed, 0 failed"
