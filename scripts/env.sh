# Shared settings for every script: sourced, not run.
# The cargo target directory lives outside the checkout so that CI's fresh clone reuses the build
# already made on this machine (same profile, same features: `cargo build --release --workspace`).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/paradigm/target}"
export PARADIGM_NODE="${PARADIGM_NODE:-$CARGO_TARGET_DIR/release/paradigm-node}"
PARADIGM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PARADIGM_ROOT
# The runtime WASM is built as a separate cargo project under the target directory; point it at
# this workspace so it uses the same Cargo.lock (the same crate versions) as the native build.
export WASM_BUILD_WORKSPACE_HINT="$PARADIGM_ROOT"
if [ -f "$HOME/.cargo/env" ]; then
	# shellcheck disable=SC1091
	. "$HOME/.cargo/env"
fi
log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# Builds this runtime as WASM with extra cargo features, in its own cargo project under the
# target directory (so the node's own runtime blob is never replaced), and prints the .wasm path.
#   build_runtime_wasm DIR FEATURE [ENV=VALUE...]
build_runtime_wasm() {
	local project="$1" feature="$2"
	shift 2
	mkdir -p "$project/src"
	cat >"$project/Cargo.toml" <<TOML
[package]
name = "paradigm-runtime-$feature-blob"
version = "1.0.0"
edition = "2021"

[lib]
crate-type = ["cdylib"]
name = "paradigm_runtime"

[dependencies.wasm-project]
package = "paradigm-runtime"
path = "$PARADIGM_ROOT/runtime"
default-features = false
features = ["$feature"]

[profile.release]
panic = "abort"
lto = "thin"

[workspace]
resolver = "2"
TOML
	echo '#![no_std] #![allow(unused_imports)] pub use wasm_project::*;' >"$project/src/lib.rs"
	# The workspace lock pins every version; cargo only adds this project's root entry to the copy.
	cp "$PARADIGM_ROOT/Cargo.lock" "$project/Cargo.lock"
	(
		cd "$project"
		env -u CARGO_ENCODED_RUSTFLAGS "$@" \
			RUSTFLAGS="-C link-arg=--export-table -C link-arg=--export=__heap_base -C link-arg=--import-memory --cfg substrate_runtime" \
			CARGO_TARGET_DIR="$project/target" \
			cargo rustc --offline --target=wasm32v1-none --release >&2
	) || return 1
	echo "$project/target/wasm32v1-none/release/paradigm_runtime.wasm"
}
