#!/usr/bin/env bash
# Measures the weights of Paradigm's pallets on this machine and rewrites their weights.rs.
#   1. builds the runtime WASM with the `runtime-benchmarks` feature in its own project
#      ($CARGO_TARGET_DIR/bench-wasm), so the node's normal runtime blob is never replaced;
#   2. builds paradigm-node with its `benchmark` subcommand (feature `runtime-benchmarks`);
#   3. runs `paradigm-node benchmark pallet` against that WASM with the `development` preset.
# Afterwards rebuild the normal node (scripts/build-node.sh): step 2 replaced its binary.
# Usage: scripts/benchmark-pallets.sh [--steps N] [--repeat N] [--pallet pallet_name]...
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$PARADIGM_ROOT"

steps=20
repeat=10
pallets=()
while [ $# -gt 0 ]; do
	case "$1" in
		--steps) steps="$2"; shift 2 ;;
		--repeat) repeat="$2"; shift 2 ;;
		--pallet) pallets+=("$2"); shift 2 ;;
		*) echo "usage: $0 [--steps N] [--repeat N] [--pallet pallet_name]..." >&2; exit 2 ;;
	esac
done
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_useful_work pallet_ai_treasury pallet_work_voting)

echo "==> runtime WASM with runtime-benchmarks"
# pallet-revive's benchmarks build PolkaVM contract fixtures from a JSON target spec.
wasm="$(build_runtime_wasm "$CARGO_TARGET_DIR/bench-wasm" runtime-benchmarks CARGO_UNSTABLE_JSON_TARGET_SPEC=true)"

echo "==> paradigm-node with the benchmark subcommand"
# The benchmark CLI builds a test runtime of its own with substrate-wasm-builder, which must not be
# pointed at this workspace.
env -u WASM_BUILD_WORKSPACE_HINT cargo build --locked --release -p paradigm-node --features runtime-benchmarks

for pallet in "${pallets[@]}"; do
	dir="pallets/$(echo "${pallet#pallet_}" | tr _ -)"
	echo "==> benchmarking $pallet -> $dir/src/weights.rs"
	"$PARADIGM_NODE" benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder-preset development \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "$steps" \
		--repeat "$repeat" \
		--heap-pages 4096 \
		--template scripts/benchmark/pallet-weights.hbs \
		--output "$dir/src/weights.rs"
done
