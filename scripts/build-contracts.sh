#!/usr/bin/env bash
# Build every ink! v6 contract under contracts/ for Paradigm's pallet-revive (PolkaVM).
#
# Each contracts/<name>/ with a Cargo.toml is its own Cargo workspace (not a member of the root
# workspace: it builds for the PolkaVM RISC-V target with build-std, not for the host or the
# runtime's wasm). Artifacts (<name>.polkavm, <name>.json metadata, <name>.contract bundle) are
# copied to "$TARGET_ROOT/contracts/". Idempotent; a rerun with nothing changed takes seconds.
#
# Environment:
#   CARGO_TARGET_DIR  cache root (default: $HOME/.cache/paradigm/target); contract builds use
#                     "$CARGO_TARGET_DIR/ink" (shared by all contracts), outputs go to
#                     "$CARGO_TARGET_DIR/contracts".
set -euo pipefail

CARGO_CONTRACT_VERSION="6.0.0-beta.2"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_ROOT="${CARGO_TARGET_DIR:-$HOME/.cache/paradigm/target}"
OUT_DIR="$TARGET_ROOT/contracts"
INK_TARGET_DIR="$TARGET_ROOT/ink"

# cargo-contract 6.0.0-beta.2 hands rustc a JSON target spec (riscv64 PolkaVM); Rust >= 1.92
# rejects those unless this unstable cargo switch is on.
export CARGO_UNSTABLE_JSON_TARGET_SPEC=true

# The contract build recompiles core/alloc for the PolkaVM target (build-std): needs rust-src.
if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
	echo "==> rustup component add rust-src"
	rustup component add rust-src
fi

if ! cargo contract --version 2>/dev/null | grep -qF "$CARGO_CONTRACT_VERSION"; then
	echo "==> installing cargo-contract $CARGO_CONTRACT_VERSION (about 7 minutes)"
	cargo install --locked cargo-contract --version "$CARGO_CONTRACT_VERSION"
fi

mkdir -p "$OUT_DIR"
built=0
for manifest in "$REPO_ROOT"/contracts/*/Cargo.toml; do
	[ -f "$manifest" ] || continue
	dir="$(dirname "$manifest")"
	crate="$(basename "$dir")"
	echo "==> cargo contract build --release ($crate)"
	start=$(date +%s)
	# cargo-contract has no --target-dir option; it follows CARGO_TARGET_DIR.
	CARGO_TARGET_DIR="$INK_TARGET_DIR" cargo contract build --release --manifest-path "$manifest"
	# The artifacts are named after the package (`name` in Cargo.toml), with '-' as '_'.
	name="$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$manifest" | head -n1 | tr '-' '_')"
	for ext in polkavm json contract; do
		src="$INK_TARGET_DIR/ink/$name.$ext"
		if [ ! -f "$src" ]; then
			echo "error: expected artifact $src was not produced" >&2
			exit 1
		fi
		cp -p "$src" "$OUT_DIR/$name.$ext"
	done
	echo "    built $name in $(( $(date +%s) - start )) s"
	built=$((built + 1))
done

if [ "$built" -eq 0 ]; then
	echo "no contracts found under $REPO_ROOT/contracts/"
	exit 0
fi

echo "==> artifacts in $OUT_DIR:"
ls -l "$OUT_DIR"
