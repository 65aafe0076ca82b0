#!/usr/bin/env bash
# compare.sh: time tshark and our tshark-tui on the same synthetic capture.
#
# Usage: bench/compare.sh [-n PACKETS] [-k REPEATS] [-s SEED] [-c CASE-NAME-REGEX]
#
# Builds ./cmd/tshark-tui (CGO_ENABLED=0) and ./cmd/gencap into bench/out/,
# generates bench/out/gen-N-sSEED.pcap once (reused while it exists), then for
# every case runs tshark and ours with the same arguments, REPEATS times each,
# keeping the best wall time (and the peak RSS of that run), measured with
# /usr/bin/time -f '%e %M'. Outputs are compared by sha256; MISMATCH is printed
# when they differ. Without ./cmd/tshark-tui only tshark is timed.
set -euo pipefail

# Cases: "name|tshark arguments ("-r F" reads the capture)|flags". Flags:
# nocompare = time only, don't compare stdout. Add lines to extend.
CASES=(
	"fields|-r F -T fields -e frame.number -e ip.src -e tcp.srcport|"
	"smtp-host|-r F -Y 'tcp.port == 25 && ip.addr == 10.1.2.3' -T fields -e frame.number|"
	"tcp-half|-r F -Y 'tcp' -T fields -e frame.number|"
	"summary|-r F|nocompare"
)

N=1000000
K=1
SEED=1
ONLY=.
while getopts "n:k:s:c:h" opt; do
	case $opt in
	n) N=$OPTARG ;;
	k) K=$OPTARG ;;
	s) SEED=$OPTARG ;;
	c) ONLY=$OPTARG ;;
	*) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 2 ;;
	esac
done

. "$(dirname "$0")/lib.sh"

cd "$ROOT"
echo "building gencap..." >&2
CGO_ENABLED=0 go build -o "$OUT/gencap" ./cmd/gencap
OURS=""
if [ -d ./cmd/tshark-tui ]; then
	echo "building tshark-tui..." >&2
	if CGO_ENABLED=0 go build -o "$OUT/tshark-tui" ./cmd/tshark-tui; then
		OURS=$OUT/tshark-tui
	else
		echo "compare.sh: building ./cmd/tshark-tui failed; timing tshark only" >&2
	fi
else
	echo "compare.sh: ./cmd/tshark-tui does not exist yet; timing tshark only" >&2
fi

F=$OUT/gen-$N-s$SEED.pcap
if [ ! -s "$F" ]; then
	"$OUT/gencap" -n "$N" -seed "$SEED" -o "$F.tmp" >&2
	mv "$F.tmp" "$F"
fi
echo "capture: $F ($(du -h "$F" | cut -f1))" >&2

# run BIN ARGS OUTFILE: best of K runs; sets WALL and RSS_KB, leaves stdout of the last run in OUTFILE.
run() { best_of "$3" "\"$1\" $2"; }

printf '%-10s %10s %10s %8s %10s %10s %8s  %s\n' case "tshark s" "ours s" speed "tshark MB" "ours MB" memory output
for c in "${CASES[@]}"; do
	IFS='|' read -r name args flags <<<"$c"
	[[ $name =~ $ONLY ]] || continue
	args=${args//-r F/-r \"\$F\"}
	run "$TSHARK" "$args" "$OUT/$name.tshark.out"
	tw=$WALL tm=$RSS_KB
	ow=- om=- speed=- mem=- verdict="(tshark only)"
	if [ -n "$OURS" ]; then
		run "$OURS" "$args" "$OUT/$name.ours.out"
		ow=$WALL om=$RSS_KB
		speed=$(awk -v a="$tw" -v b="$ow" 'BEGIN{ if (b>0) printf "%.2fx", a/b; else print "-" }')
		mem=$(awk -v a="$tm" -v b="$om" 'BEGIN{ if (b>0) printf "%.2fx", a/b; else print "-" }')
		om=$(awk -v k="$om" 'BEGIN{printf "%.1f", k/1024}')
		if [[ $flags == *nocompare* ]]; then
			verdict="(not compared)"
		elif [ "$(sha256sum <"$OUT/$name.tshark.out")" = "$(sha256sum <"$OUT/$name.ours.out")" ]; then
			verdict="same ($(wc -l <"$OUT/$name.tshark.out") lines)"
		else
			verdict="MISMATCH"
		fi
	else
		verdict="(tshark only, $(wc -l <"$OUT/$name.tshark.out") lines)"
	fi
	tm=$(awk -v k="$tm" 'BEGIN{printf "%.1f", k/1024}')
	printf '%-10s %10s %10s %8s %10s %10s %8s  %s\n' "$name" "$tw" "$ow" "$speed" "$tm" "$om" "$mem" "$verdict"
done
