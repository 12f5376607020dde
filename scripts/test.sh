#!/usr/bin/env bash
# One command for every test: install prerequisites, build node + runtime, run the Rust tests,
# check the committed chain specs against the runtime, build the ink! contracts, and run the
# end-to-end tests against real paradigm-node processes on loopback.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$PARADIGM_ROOT"

"$PARADIGM_ROOT/scripts/setup.sh"
"$PARADIGM_ROOT/scripts/build-node.sh"

log "Rust tests (pallets, runtime with the fuzzer's short run, node, chain specs, contributor)"
cargo test --locked --release --workspace

log "treasury simulation: one year of the real controller, charts into a scratch folder"
simulation_out="$(mktemp -d)"
"$CARGO_TARGET_DIR/release/paradigm-treasury-sim" --years 1 --out-dir "$simulation_out"
test -s "$simulation_out/issuance.png" && test -s "$simulation_out/summary.md"
rm -rf "$simulation_out"

log "attack simulations (short): no attacker takes more emission than its honest share of verified work"
"$CARGO_TARGET_DIR/release/paradigm-attack-sim" --short --out "$(mktemp)"

log "chain specs match the runtime"
"$PARADIGM_ROOT/scripts/build-chain-specs.sh" --check

log "the live spec refuses the well-known dev keys (//Alice, ...) and accepts fresh ones"
python3 "$PARADIGM_ROOT/scripts/chain_spec_tool.py" self-test

log "ink! contracts: build and unit tests"
"$PARADIGM_ROOT/scripts/build-contracts.sh"
for manifest in "$PARADIGM_ROOT"/contracts/*/Cargo.toml; do
	CARGO_TARGET_DIR="$CARGO_TARGET_DIR/ink" cargo test --locked --manifest-path "$manifest"
done
export PARADIGM_REQUIRE_CONTRACTS=1

log "the runtime upgrade the governance test enacts (spec_version + 1)"
"$PARADIGM_ROOT/scripts/build-upgrade-runtime.sh"

log "end-to-end tests (real nodes on 127.0.0.1)"
cd "$PARADIGM_ROOT/e2e"
npm ci --no-audit --no-fund --loglevel=error
npm test
