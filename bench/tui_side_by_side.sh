#!/usr/bin/env bash
# tui_side_by_side.sh: open the same capture in our TUI and in termshark, each in a real terminal
# (tmux, 120x40), and time what a user waits for:
#   first screen   the row of frame 1 is drawn
#   last packet    End (pressed every 0.2 s) shows the capture's last frame: everything is loaded
#                  (termshark: its loading progress has gone from the filter line)
# and the peak memory of the program and its children (termshark runs tshark twice), sampled
# every 0.1 s with ps. It also prints the capture file's size (ours maps the file; the "above the
# file" figure of the issue subtracts it).
#
# Usage: bench/tui_side_by_side.sh FILE [ours|termshark|both]
# Needs tmux; termshark from Debian (apt-get install termshark). The numbers are wall-clock times
# on this machine: run it on an otherwise idle machine.
set -euo pipefail
FILE=$(realpath "$1")
WHICH=${2:-both}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/bench/out/tshark-tui
mkdir -p "$ROOT/bench/out"
(cd "$ROOT" && CGO_ENABLED=0 go build -o "$BIN" ./cmd/tshark-tui)
LAST=$("$BIN" -n -r "$FILE" -T fields -e frame.number | tail -1)
CFG=$(mktemp -d)
trap 'tmux kill-session -t tsbs 2>/dev/null || true; rm -rf "$CFG"' EXIT

# rss_tree PID: resident KB of PID and all its descendants
rss_tree() {
	local pids=$1 all=$1 kids
	while [ -n "$pids" ]; do
		kids=$(for p in $pids; do pgrep -P "$p" || true; done | tr '\n' ' ')
		all="$all $kids"
		pids=$kids
	done
	ps -o rss= -p "$(echo $all | tr ' ' ',')" 2>/dev/null | awk '{s+=$1} END {print s+0}'
}

# loaded NAME PANE: whether the program has loaded everything. Ours shows the last frame after End;
# termshark's narrow No. column wraps long numbers, so for it: its loading progress (" N %" and
# <Stop> on the filter line) has gone.
loaded() {
	if [ "$1" = termshark ]; then
		! sed -n 3p <<<"$2" | grep -qE '[0-9] %|<Stop>'
	else
		grep -qE "(^|[^0-9])$LAST +[0-9]" <<<"$2"
	fi
}

run() {
	local name=$1
	shift
	tmux kill-session -t tsbs 2>/dev/null || true
	local t0 first="" last="" peak=0 now rss pane pid
	t0=$(date +%s.%N)
	tmux new-session -d -s tsbs -x 120 -y 40 "$*"
	pid=$(tmux list-panes -t tsbs -F '#{pane_pid}')
	local tick=0
	while :; do
		now=$(date +%s.%N)
		pane=$(tmux capture-pane -p -t tsbs 2>/dev/null || true)
		if [ -z "$first" ] && grep -qE '^[^0-9]{0,3} ?1 +[0-9]' <<<"$pane"; then
			first=$(echo "$now - $t0" | bc)
		fi
		if [ -n "$first" ] && loaded "$name" "$pane"; then
			last=$(echo "$now - $t0" | bc)
		fi
		rss=$(rss_tree "$pid")
		[ "$rss" -gt "$peak" ] && peak=$rss
		[ -n "$last" ] && break
		if [ $((tick % 2)) -eq 0 ] && [ -n "$first" ]; then
			tmux send-keys -t tsbs End
		fi
		tick=$((tick + 1))
		if [ "$tick" -gt 3000 ]; then
			echo "$name: gave up after 300 s" >&2
			break
		fi
		sleep 0.1
	done
	# keep sampling memory a little: loading may continue after the last row is shown
	for _ in 1 2 3 4 5; do
		rss=$(rss_tree "$pid")
		[ "$rss" -gt "$peak" ] && peak=$rss
		sleep 0.2
	done
	tmux kill-session -t tsbs 2>/dev/null || true
	printf '%-10s first screen %6.2f s   last packet %6.2f s   peak RSS %7.1f MB\n' "$name" "${first:-0}" "${last:-0}" "$(echo "$peak / 1024" | bc -l)"
}

printf 'file %s: %d frames, %.1f MB\n' "$FILE" "$LAST" "$(echo "$(stat -c %s "$FILE") / 1048576" | bc -l)"
if [ "$WHICH" = ours ] || [ "$WHICH" = both ]; then
	run ours env XDG_CONFIG_HOME="$CFG" TERM=xterm-256color "$BIN" -r "$FILE"
fi
if [ "$WHICH" = termshark ] || [ "$WHICH" = both ]; then
	run termshark env XDG_CONFIG_HOME="$CFG" TERM=xterm-256color termshark -r "$FILE"
fi
