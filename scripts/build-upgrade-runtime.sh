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
mkdir -p "$project/src"
cat >"$project/Cargo.toml" <<TOML
[package]
name = "paradigm-runtime-upgrade-blob"
version = "1.0.0"
edition = "2021"

[lib]
crate-type = ["cdylib"]
name = "paradigm_runtime"

[dependencies.wasm-project]
package = "paradigm-runtime"
path = "$PARADIGM_ROOT/runtime"
default-features = false
features = ["upgrade-fixture"]

[profile.release]
panic = "abort"
lto = "thin"

[workspace]
resolver = "2"
TOML
echo '#![no_std] #![allow(unused_imports)] pub use wasm_project::*;' >"$project/src/lib.rs"
# The workspace lock pins every version; cargo only adds this project's root entry to the copy.
cp Cargo.lock "$project/Cargo.lock"

echo "==> runtime WASM with upgrade-fixture (spec_version + 1)"
(
	cd "$project"
	env -u CARGO_ENCODED_RUSTFLAGS \
		RUSTFLAGS="-C link-arg=--export-table -C link-arg=--export=__heap_base -C link-arg=--import-memory --cfg substrate_runtime" \
		CARGO_TARGET_DIR="$project/target" \
		cargo rustc --offline --target=wasm32v1-none --release
)
wasm="$project/target/wasm32v1-none/release/paradigm_runtime.wasm"
out="$project/paradigm_runtime_upgrade.compact.compressed.wasm"
# sp-maybe-compressed-blob: ZSTD_PREFIX, then a zstd frame of the code.
printf '\x52\xbc\x53\x76\x46\xdb\x8e\x05' >"$out.tmp"
zstd -q -19 -c "$wasm" >>"$out.tmp"
mv "$out.tmp" "$out"
echo "==> $out ($(stat -c %s "$out") bytes)"
