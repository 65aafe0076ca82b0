#!/usr/bin/env bash
# reports.sh: time every -z report of ours against tshark's equivalent on one capture.
#
# Usage: bench/reports.sh [-f CAPTURE] [-k REPEATS] [-c CASE-NAME-REGEX] [-b BINARY]
#
# Without -f the 1M-packet synthetic capture of compare.sh (bench/out/gen-1000000-s1.pcap) is used
# (made by bench/compare.sh when missing). Builds ./cmd/tshark-tui (CGO_ENABLED=0) unless -b names a
# binary. Each case runs REPEATS times (default 3) for each program, keeping the best wall time and
# that run's peak RSS (/usr/bin/time -f '%e %M'). The table shows both and ours/tshark as a ratio
# (below 1: we are faster). "same" means byte-identical stdout; "differs" where tshark's
# equivalent is another command (handshakes, connreport: tshark has no such report) or where a
# difference is documented (stats.Differences).
set -euo pipefail

# Cases: "name|our -z argument|tshark arguments after -n -q -r F". tshark's side is the same -z
# report when it has it, else the closest command that gives the same answer's raw data.
CASES=(
	"conv,tcp|conv,tcp|-z conv,tcp"
	"conv,ip|conv,ip|-z conv,ip"
	"endpoints,ip|endpoints,ip|-z endpoints,ip"
	"io,phs|io,phs|-z io,phs"
	"io,stat,1|io,stat,1|-z io,stat,1"
	"expert|expert|-z expert"
	"credentials|credentials|-z credentials"
	# handshakes: every SYN, RST and ICMP unreachable with its connection, the data the diagnosis classifies
	"handshakes|handshakes|-Y 'tcp.flags.syn==1 || tcp.flags.reset==1 || icmp.type==3' -T fields -e frame.number -e ip.src -e tcp.srcport -e ip.dst -e tcp.dstport -e tcp.flags -e tcp.stream"
	# connreport: tshark's TCP conversations, from which a spreadsheet could group clients per server
	"connreport|connreport|-z conv,tcp"
)

F=""
K=3
ONLY=.
BIN=""
while getopts "f:k:c:b:h" opt; do
	case $opt in
	f) F=$OPTARG ;;
	k) K=$OPTARG ;;
	c) ONLY=$OPTARG ;;
	b) BIN=$OPTARG ;;
	*) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 2 ;;
	esac
done

. "$(dirname "$0")/lib.sh"
cd "$ROOT"
if [ -z "$F" ]; then
	F=$OUT/gen-1000000-s1.pcap
	[ -s "$F" ] || bench/compare.sh -c '^$' >&2
fi
if [ -z "$BIN" ]; then
	echo "building tshark-tui..." >&2
	CGO_ENABLED=0 go build -o "$OUT/tshark-tui" ./cmd/tshark-tui
	BIN=$OUT/tshark-tui
fi
echo "capture: $F ($(du -h "$F" | cut -f1)), best of $K" >&2

# run OUTFILE CMD...: best of K runs; sets WALL and RSS_KB.
run() { local outf=$1; shift; best_of "$outf" "$*"; }

printf '%-13s %9s %9s %9s %9s %7s  %s\n' report "ours s" "ours MB" "tshark s" "tshark MB" ratio output
for c in "${CASES[@]}"; do
	IFS='|' read -r name zarg targs <<<"$c"
	[[ $name =~ $ONLY ]] || continue
	safe=${name//,/_}
	run "$OUT/rep-$safe.ours" "\"\$BIN\" -n -q -r \"\$F\" -z $zarg"
	ow=$WALL om=$RSS_KB
	run "$OUT/rep-$safe.tshark" "\"\$TSHARK\" -n -q -r \"\$F\" $targs"
	tw=$WALL tm=$RSS_KB
	verdict=differs
	cmp -s "$OUT/rep-$safe.ours" "$OUT/rep-$safe.tshark" && verdict=same
	printf '%-13s %9s %9.1f %9s %9.1f %7s  %s\n' "$name" "$ow" "$(awk -v k="$om" 'BEGIN{print k/1024}')" \
		"$tw" "$(awk -v k="$tm" 'BEGIN{print k/1024}')" \
		"$(awk -v a="$ow" -v b="$tw" 'BEGIN{ if (b>0) printf "%.2f", a/b; else print "-" }')" "$verdict"
done
