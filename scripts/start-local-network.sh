#!/usr/bin/env bash
# Starts a local Paradigm network of N >= 2 validators on this machine, each with its own base
# path, p2p port and RPC port, all on 127.0.0.1. Runs in the foreground; Ctrl-C stops every node.
#
#   scripts/start-local-network.sh [-n N] [--dir DIR] [--live-genesis] [--p2p-port P] [--rpc-port R]
#
#   -n N            validators (2..6; the well-known dev validators Alice, Bob, ... in that order)
#   --dir DIR       where chain data, keys and logs go (default: ~/.local/share/paradigm/local-network)
#   --live-genesis  start from the live genesis (no endowment, no sudo) instead of the funded
#                   `local` test genesis: the founder's launch rehearsal
#   --p2p-port P    first p2p port (default 30333); validator i uses P+i
#   --rpc-port R    first RPC port (default 9944); validator i uses R+i
set -euo pipefail
. "$(dirname "$0")/env.sh"

count=2
dir="$HOME/.local/share/paradigm/local-network"
base_chain=local
p2p_port=30333
rpc_port=9944
while [ $# -gt 0 ]; do
	case "$1" in
		-n) count="$2"; shift 2 ;;
		--dir) dir="$2"; shift 2 ;;
		--live-genesis) base_chain=paradigm-local; shift ;;
		--p2p-port) p2p_port="$2"; shift 2 ;;
		--rpc-port) rpc_port="$2"; shift 2 ;;
		-h|--help) sed -n '2,15p' "$0"; exit 0 ;;
		*) echo "error: unknown argument $1 (see --help)" >&2; exit 1 ;;
	esac
done
if ! [[ "$count" =~ ^[0-9]+$ ]] || [ "$count" -lt 2 ] || [ "$count" -gt 6 ]; then
	echo "error: -n must be between 2 and 6" >&2
	exit 1
fi
[ -x "$PARADIGM_NODE" ] || "$PARADIGM_ROOT/scripts/build-node.sh"

mkdir -p "$dir"
spec="$dir/chain-spec-raw.json"
if [ ! -f "$spec" ]; then
	log "creating a $count-validator chain spec from '$base_chain' in $dir"
	"$PARADIGM_NODE" export-chain-spec --chain "$base_chain" >"$dir/chain-spec-plain.json" 2>/dev/null
	"$PARADIGM_ROOT/scripts/dev-validator-keys.sh" "$count" >"$dir/validators.json"
	python3 "$PARADIGM_ROOT/scripts/chain_spec_tool.py" patch-validators \
		"$dir/chain-spec-plain.json" "$dir/validators.json" "$dir/chain-spec-plain.json"
	"$PARADIGM_NODE" export-chain-spec --chain "$dir/chain-spec-plain.json" --raw >"$spec" 2>/dev/null
else
	log "reusing $spec (delete $dir to start a fresh chain)"
fi

names=(alice bob charlie dave eve ferdie)
pids=()
stop_all() {
	log "stopping the validators"
	kill "${pids[@]}" 2>/dev/null || true
	wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

bootnode=""
for ((i = 0; i < count; i++)); do
	name="${names[$i]}"
	key="$dir/$name/node-key"
	mkdir -p "$dir/$name"
	[ -f "$key" ] || "$PARADIGM_NODE" key generate-node-key --file "$key" 2>/dev/null
	peer_id="$("$PARADIGM_NODE" key inspect-node-key --file "$key")"
	args=(--chain "$spec" --base-path "$dir/$name" --"$name" --validator
		--node-key-file "$key" --rpc-port $((rpc_port + i))
		--listen-addr "/ip4/127.0.0.1/tcp/$((p2p_port + i))"
		--no-prometheus --no-telemetry --no-mdns --name "paradigm-$name")
	[ -n "$bootnode" ] && args+=(--bootnodes "$bootnode")
	"$PARADIGM_NODE" "${args[@]}" >"$dir/$name.log" 2>&1 &
	pids+=($!)
	log "$name: p2p 127.0.0.1:$((p2p_port + i)), rpc ws://127.0.0.1:$((rpc_port + i)), log $dir/$name.log"
	[ -z "$bootnode" ] && bootnode="/ip4/127.0.0.1/tcp/$p2p_port/p2p/$peer_id"
done
log "network up; bootnode $bootnode; Ctrl-C stops it"
wait -n "${pids[@]}" || true
log "a validator exited; see the logs in $dir"
