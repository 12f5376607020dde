#!/usr/bin/env bash
# Cost to verify a useful-work submission as a fraction of the cost to train it, for the chain's
# reference tasks (target: at most 10 %). Prints a markdown table for docs/benchmarks.md.
set -euo pipefail
. "$(dirname "$0")/../env.sh"
cd "$PARADIGM_ROOT"
cargo run --locked --release -p paradigm-ml --example verify_cost
