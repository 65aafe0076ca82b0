#!/usr/bin/env bash
# streams.sh: Follow Stream and TCP analysis on a capture with 100k+ TCP connections, ours vs tshark.
#
# Usage: bench/streams.sh [-n PACKETS] [-k REPEATS] [-s SEED] [-d DIR] [-c CASE-NAME-REGEX]
#
# Builds ./cmd/gencap and ./cmd/tshark-tui (CGO_ENABLED=0) into bench/out/, generates
# DIR/streams-N-sSEED.pcap once (default DIR /tmp, N 1300000: about 105k TCP connections, most of
# them short health checks: gencap -tcp 0.9 -short 0.9), counts its TCP streams, then times
# "-q -z follow,tcp,ascii,S" for the first, a middle and the last stream (and the middle one by
# its endpoints, ADDR:PORT,ADDR:PORT), and a full pass computing
# tcp.analysis.* ("-T fields -e frame.number -e tcp.stream -e tcp.analysis.flags
# -e tcp.analysis.ack_rtt -e tcp.analysis.bytes_in_flight"; "-Y tcp.analysis.flags" with fields,
# and with summary lines), tshark and ours, best wall time of
# REPEATS runs (default 3) with the peak RSS of that run (/usr/bin/time -f '%e %M'). Outputs are
# compared by sha256 (MISMATCH when they differ). Ratios are tshark / ours: above 1 is better.
set -euo pipefail

N=1300000
K=3
SEED=1
DIR=/tmp
ONLY=.
while getopts "n:k:s:d:c:h" opt; do
	case $opt in
	n) N=$OPTARG ;;
	k) K=$OPTARG ;;
	s) SEED=$OPTARG ;;
	d) DIR=$OPTARG ;;
	c) ONLY=$OPTARG ;;
	*) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 2 ;;
	esac
done

. "$(dirname "$0")/lib.sh"

cd "$ROOT"
echo "building gencap and tshark-tui..." >&2
CGO_ENABLED=0 go build -o "$OUT/gencap" ./cmd/gencap
CGO_ENABLED=0 go build -o "$OUT/tshark-tui" ./cmd/tshark-tui
OURS=$OUT/tshark-tui

F=$DIR/streams-$N-s$SEED.pcap
if [ ! -s "$F" ]; then
	"$OUT/gencap" -n "$N" -seed "$SEED" -tcp 0.9 -short 0.9 -o "$F.tmp" >&2
	mv "$F.tmp" "$F"
fi
# streams are numbered 0..last in first-seen order
EPS=$OUT/streams-endpoints.$$
"$OURS" -n -r "$F" -Y tcp -T fields -e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport \
	-e ip.dst -e ipv6.dst -e tcp.dstport >"$EPS"
LAST=$(awk -F'\t' '$1 > m { m = $1 } END { print m + 0 }' "$EPS")
MID=$((LAST / 2))
# the middle stream's endpoints, for the ADDR:PORT,ADDR:PORT form
ADDRS=$(awk -F'\t' -v s="$MID" '$1 == s {
	if ($2 != "") print $2 ":" $4 "," $5 ":" $7; else print "[" $3 "]:" $4 ",[" $6 "]:" $7; exit }' "$EPS")
rm -f "$EPS"
echo "capture: $F ($(du -hL "$F" | cut -f1)), $((LAST + 1)) TCP streams (tcp.stream 0..$LAST)" >&2

CASES=(
	"follow-first|-n -r F -q -z follow,tcp,ascii,0"
	"follow-mid|-n -r F -q -z follow,tcp,ascii,$MID"
	"follow-last|-n -r F -q -z follow,tcp,ascii,$LAST"
	"follow-addr|-n -r F -q -z follow,tcp,ascii,$ADDRS"
	"analysis|-n -r F -T fields -e frame.number -e tcp.stream -e tcp.analysis.flags -e tcp.analysis.ack_rtt -e tcp.analysis.bytes_in_flight"
	"analysis-Y|-n -r F -Y tcp.analysis.flags -T fields -e frame.number -e tcp.stream"
	# summary lines need the application dissectors (no lean pass); as of this writing 146 of the
	# 2007 lines differ in SMTP's Info column on retransmitted DATA segments (dissect/smtp.go)
	"analysis-sum|-n -r F -Y tcp.analysis.flags"
)

# run BIN ARGS OUTFILE: best of K runs; sets WALL and RSS_KB, leaves stdout of the last run in OUTFILE.
run() { best_of "$3" "\"$1\" $2"; }

printf '%-13s %9s %9s %7s %10s %9s %7s  %s\n' case "tshark s" "ours s" speed "tshark MB" "ours MB" memory output
for c in "${CASES[@]}"; do
	IFS='|' read -r name args <<<"$c"
	[[ $name =~ $ONLY ]] || continue
	args=${args//-r F/-r \"\$F\"}
	run "$TSHARK" "$args" "$OUT/streams-$name.tshark.out"
	tw=$WALL tm=$RSS_KB
	run "$OURS" "$args" "$OUT/streams-$name.ours.out"
	ow=$WALL om=$RSS_KB
	speed=$(awk -v a="$tw" -v b="$ow" 'BEGIN{ if (b>0) printf "%.2fx", a/b; else print "-" }')
	mem=$(awk -v a="$tm" -v b="$om" 'BEGIN{ if (b>0) printf "%.2fx", a/b; else print "-" }')
	if [ "$(sha256sum <"$OUT/streams-$name.tshark.out")" = "$(sha256sum <"$OUT/streams-$name.ours.out")" ]; then
		verdict="same ($(wc -l <"$OUT/streams-$name.tshark.out") lines)"
	else
		verdict="MISMATCH"
	fi
	tm=$(awk -v k="$tm" 'BEGIN{printf "%.0f", k/1024}')
	om=$(awk -v k="$om" 'BEGIN{printf "%.0f", k/1024}')
	printf '%-13s %9s %9s %7s %10s %9s %7s  %s\n' "$name" "$tw" "$ow" "$speed" "$tm" "$om" "$mem" "$verdict"
done
