#!/usr/bin/env bash
# One command for a new user: install prerequisites, build, and run a development chain.
# Extra arguments are passed to paradigm-node (e.g. `scripts/dev.sh --rpc-port 9955`).
set -euo pipefail
. "$(dirname "$0")/env.sh"
"$PARADIGM_ROOT/scripts/setup.sh"
"$PARADIGM_ROOT/scripts/build-node.sh"
log "starting paradigm-node --dev (RPC ws://127.0.0.1:9944; Ctrl-C to stop)"
log "wallet: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944"
exec "$PARADIGM_NODE" --dev "$@"
