#!/usr/bin/env bash
# Installs what building and testing Paradigm needs on a fresh Debian machine with rustup:
# Debian packages for the node build (protoc, clang), the treasury charts (a TrueType font), zstd
# (compressing the runtime upgrade the governance test enacts) and
# the contributor's window (X11/OpenGL libraries it loads at run time, and Xvfb to test it headless),
# Node.js for the end-to-end tests, and the Rust targets/components for the runtime
# (wasm32v1-none) and ink! contracts (rust-src).
set -euo pipefail
. "$(dirname "$0")/env.sh"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for pkg in protobuf-compiler clang libclang-dev python3 fonts-dejavu-core zstd \
	xvfb xauth libgl1-mesa-dri libgl1 libegl1 libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6; do
	dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
	log "installing Debian packages: ${missing[*]}"
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq "${missing[@]}"
fi

if ! command -v rustup >/dev/null 2>&1; then
	echo "rustup is required (https://rustup.rs); install it and re-run" >&2
	exit 1
fi
installed_targets="$(rustup target list --installed)"
for target in wasm32v1-none wasm32-unknown-unknown; do
	grep -qx "$target" <<<"$installed_targets" || rustup target add "$target"
done
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
log "prerequisites ready (target dir: $CARGO_TARGET_DIR)"
