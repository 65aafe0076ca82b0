#!/bin/sh
# Regenerates filters.golden (tshark 4.0's answer for every row of filters.txt) and the field
# subsets fields.tsv/values.tsv that tests load as a registry. Run from anywhere; needs tshark and
# the corpus at ../shared/corpus relative to the repository root.
#
# filters.golden rows: capture<TAB>filter<TAB>OK<TAB>sorted frame numbers (space separated)
#                  or: capture<TAB>filter<TAB>ERROR<TAB>pos:len (or -)<TAB>message
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus="$root/../shared/corpus"
command -v tshark >/dev/null || { echo "tshark not found" >&2; exit 1; }
[ -d "$corpus" ] || { echo "corpus not found at $corpus" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$here/filters.golden"
: >"$tmp/golden"
grep -v '^#' "$here/filters.txt" | grep -v '^$' | while IFS='	' read -r cap filter; do
	if tshark -n -r "$corpus/$cap" -Y "$filter" -T fields -e frame.number >"$tmp/out" 2>"$tmp/err"; then
		frames=$(sort -n "$tmp/out" | tr '\n' ' ' | sed 's/ $//')
		printf '%s\t%s\tOK\t%s\n' "$cap" "$filter" "$frames" >>"$tmp/golden"
	else
		grep -v '^Running as user' "$tmp/err" >"$tmp/err2" || true
		msg=$(head -n1 "$tmp/err2" | sed 's/^tshark: //')
		caret=$(sed -n 3p "$tmp/err2")
		span=-
		if [ -n "$caret" ]; then
			pre=${caret%%^*}
			marks=${caret#"$pre"}
			span="$(( ${#pre} - 4 )):${#marks}"
		fi
		printf '%s\t%s\tERROR\t%s\t%s\n' "$cap" "$filter" "$span" "$msg" >>"$tmp/golden"
	fi
done
mv "$tmp/golden" "$out"

# Field subsets: every protocol, plus the fields whose names occur as words in filters.txt.
grep -v '^#' "$here/filters.txt" | cut -f2 | grep -oE '[A-Za-z_][A-Za-z0-9_.-]*' | sort -u >"$tmp/words"
tshark -G fields 2>/dev/null >"$tmp/fields"
awk -F'\t' 'NR==FNR { w[$1]=1; next } $1=="P" || ($1=="F" && ($3 in w))' "$tmp/words" "$tmp/fields" >"$here/fields.tsv"
tshark -G values 2>/dev/null >"$tmp/values"
awk -F'\t' 'NR==FNR { w[$1]=1; next } ($1=="V" || $1=="R" || $1=="T") && ($2 in w)' "$tmp/words" "$tmp/values" >"$here/values.tsv"
echo "wrote $(wc -l <"$out") rows to $out"
