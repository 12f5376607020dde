#!/usr/bin/env bash
# Builds the runtime upgrade the governance end-to-end test enacts by referendum: this runtime with
# the `upgrade-fixture` feature (spec_version one higher, nothing else), compressed as
# substrate-wasm-builder compresses runtimes (zstd behind the 8-byte magic of
# sp-maybe-compressed-blob), so that it fits a preimage and a block.
#   output: $CARGO_TARGET_DIR/upgrade-wasm/paradigm_runtime_upgrade.compact.compressed.wasm
# It builds in its own project ($CARGO_TARGET_DIR/upgrade-wasm), so the node's runtime blob is never
# replaced; after the first build only the runtime crate is recompiled.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$PARADIGM_ROOT"

project="$CARGO_TARGET_DIR/upgrade-wasm"
log "runtime WASM with upgrade-fixture (spec_version + 1)"
wasm="$(build_runtime_wasm "$project" upgrade-fixture)"
out="$project/paradigm_runtime_upgrade.compact.compressed.wasm"
# sp-maybe-compressed-blob: ZSTD_PREFIX, then a zstd frame of the code.
printf '\x52\xbc\x53\x76\x46\xdb\x8e\x05' >"$out.tmp"
zstd -q -19 -c "$wasm" >>"$out.tmp"
mv "$out.tmp" "$out"
log "$out ($(stat -c %s "$out") bytes)"
