#!/usr/bin/env bash
# The runtime fuzzer's long run (runtime/tests/fuzz): the committed corpus, then N seeds of B
# blocks each, every extrinsic validated like the transaction pool and applied like a block
# builder, every invariant checked after every block. The short run is part of `cargo test`;
# this one is for docs/benchmarks.md ("Runtime fuzzer"), whose figures it prints at the end.
# Usage: scripts/fuzz-runtime.sh [--seeds N|LIST] [--blocks B] [--first-seed S]
#   --seeds 50        50 seeds, numbered from --first-seed (default 1)
#   --seeds 0x2a,17   exactly these seeds (to replay a failure, with --blocks its block)
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$PARADIGM_ROOT"

seeds=50
blocks=2000
first_seed=1
while [ $# -gt 0 ]; do
	case "$1" in
		--seeds) seeds="$2"; shift 2 ;;
		--blocks) blocks="$2"; shift 2 ;;
		--first-seed) first_seed="$2"; shift 2 ;;
		*) echo "usage: $0 [--seeds N|LIST] [--blocks B] [--first-seed S]" >&2; exit 2 ;;
	esac
done

log "runtime fuzzer: the corpus, then seeds $seeds from $first_seed, $blocks blocks each"
output="$(mktemp)"
trap 'rm -f "$output"' EXIT
started=$(date +%s)
PARADIGM_FUZZ_SEEDS="$seeds" PARADIGM_FUZZ_BLOCKS="$blocks" PARADIGM_FUZZ_FIRST_SEED="$first_seed" \
	cargo test --locked --release --workspace --test fuzz -- --nocapture 2>&1 | tee "$output"
finished=$(date +%s)

log "figures for docs/benchmarks.md"
grep -m1 'model name' /proc/cpuinfo | sed 's/^model name[[:space:]]*: /machine: /' || true
echo "command: scripts/fuzz-runtime.sh --seeds $seeds --blocks $blocks --first-seed $first_seed"
echo "wall time: $((finished - started)) s (build included)"
grep '^fuzz totals' "$output"
