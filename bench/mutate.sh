#!/usr/bin/env bash
# The mutation sweep in full: N corpus captures (default 2,500), each mutated and read in two or
# three output modes or reports in a child process with a memory and a time limit (about 5,300
# runs). Prints runs, panics, hangs, out-of-memory ends and unsafe outputs; a failing input is kept
# under $TMPDIR with the command that replays it. Needs ../shared/corpus.
#   bench/mutate.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2500}
MUTATION_SWEEP=$n go test ./cmd/tshark-tui -run '^TestMutationSweep$' -count=1 -timeout 0 -v |
	grep -E 'mutation sweep|mutation [0-9]+ of|--- (PASS|FAIL)|^(ok|FAIL)'
