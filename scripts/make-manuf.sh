#!/bin/sh
# Remakes dissect/manuf.gz and dissect/wka.gz, the built-in MAC name tables used when no Wireshark
# data directory is installed, from an installed Wireshark's manuf and wka files:
#   scripts/make-manuf.sh [/usr/share/wireshark]
# manuf keeps each entry's address (with its /bits) and short name only (the long organisation
# names, eth.*.oui_resolved, come from the installed file alone); wka is kept whole without comments.
set -eu
dir=${1:-/usr/share/wireshark}
out=$(dirname "$0")/../dissect
grep -v '^#' "$dir/manuf" | awk -F'\t' 'NF >= 2 && $2 != "" { print $1 "\t" $2 }' | gzip -9n > "$out/manuf.gz"
grep -v '^#' "$dir/wka" | awk -F'\t' 'NF >= 2' | gzip -9n > "$out/wka.gz"
ls -l "$out/manuf.gz" "$out/wka.gz"
