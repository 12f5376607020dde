#!/usr/bin/env bash
# Builds paradigm-node and the runtime WASM (release profile, whole workspace so that features match
# the test build and nothing is compiled twice).
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$PARADIGM_ROOT"
log "building paradigm-node (release) into $CARGO_TARGET_DIR"
start=$(date +%s)
cargo build --locked --release --workspace
log "build finished in $(( $(date +%s) - start )) s: $PARADIGM_NODE"
