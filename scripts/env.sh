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
