# lib.sh: what the benchmark scripts share; source it after parsing options. It sets ROOT (the
# repository), OUT (bench/out), TSHARK and TIME, checks that /usr/bin/time and tshark are there,
# and defines best_of.

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out
mkdir -p "$OUT"
TSHARK=${TSHARK:-tshark}
TIME=/usr/bin/time
[ -x $TIME ] || { echo "$(basename "$0"): $TIME missing (apt-get install -y time)" >&2; exit 1; }
command -v "$TSHARK" >/dev/null || { echo "$(basename "$0"): tshark not found" >&2; exit 1; }

# best_of OUTFILE COMMAND: runs COMMAND (shell words, evaluated) K times with its standard output in
# OUTFILE (standard error in OUTFILE.err); sets WALL to the best wall time in seconds and RSS_KB to
# that run's peak resident memory.
best_of() {
	local outf=$1 cmd=$2 tf=$OUT/time.$$ i w m
	WALL="" RSS_KB=""
	for ((i = 0; i < K; i++)); do
		if ! eval "$TIME -f '%e %M' -o \"\$tf\" $cmd" >"$outf" 2>"$outf.err"; then
			echo "$(basename "$0"): failed ($cmd): $(tail -n 3 "$outf.err" | tr '\n' ' ')" >&2
		fi
		read -r w m < <(tail -n 1 "$tf")
		if [ -z "$WALL" ] || awk -v a="$w" -v b="$WALL" 'BEGIN{exit !(a<b)}'; then
			WALL=$w RSS_KB=$m
		fi
	done
	rm -f "$tf"
}
