#!/usr/bin/env bash
# Generates every committed chain spec from the runtime, so that they never drift from it:
#   chain-specs/dev.json             plain, `--dev` (dev accounts endowed; development only)
#   chain-specs/local.json           plain, `--chain local` (two dev validators, dev accounts endowed)
#   chain-specs/paradigm-local.json  plain, live genesis rehearsed with dev validators (no endowment)
#   chain-specs/paradigm.json        plain, live genesis with chain-specs/paradigm-validators.json
#   chain-specs/paradigm-raw.json    raw form of the above: what `--chain paradigm` embeds
# The last two exist only once the founder has put the genesis validators' public keys into
# chain-specs/paradigm-validators.json (docs/bootstrap.md); scripts/chain_spec_tool.py refuses
# the well-known dev keys (//Alice, ...) there. Without validators they are removed, and
# paradigm-node is built without a live network (`--chain paradigm` says so).
# With --check, nothing is written: the committed specs are compared (runtime code aside, since a
# WASM build may embed its source path) with freshly generated ones, and any difference fails; so
# does a live spec left behind without validators.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$PARADIGM_ROOT"

check=false
if [ "${1:-}" = "--check" ]; then check=true; fi
[ -x "$PARADIGM_NODE" ] || { echo "error: $PARADIGM_NODE not built (scripts/build-node.sh)" >&2; exit 1; }

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
tool="python3 $PARADIGM_ROOT/scripts/chain_spec_tool.py"
validators=chain-specs/paradigm-validators.json
live_specs=(paradigm.json paradigm-raw.json)
# Fails, naming the entry, on a key that does not decode, a duplicate or a well-known dev key.
live_validators="$($tool validator-count "$validators")"

"$PARADIGM_NODE" export-chain-spec --chain dev >"$out/dev.json" 2>/dev/null
"$PARADIGM_NODE" export-chain-spec --chain local >"$out/local.json" 2>/dev/null
"$PARADIGM_NODE" export-chain-spec --chain paradigm-local >"$out/paradigm-local.json" 2>/dev/null
specs=(dev.json local.json paradigm-local.json)
if [ "$live_validators" -gt 0 ]; then
	"$PARADIGM_NODE" export-chain-spec --chain paradigm-live-template >"$out/template.json" 2>/dev/null
	$tool patch-validators "$out/template.json" "$validators" "$out/paradigm.json"
	"$PARADIGM_NODE" export-chain-spec --chain "$out/paradigm.json" --raw >"$out/paradigm-raw.json" 2>/dev/null
	specs+=("${live_specs[@]}")
else
	log "live network not configured: no genesis validators in $validators (docs/bootstrap.md)"
fi

if $check; then
	status=0
	if [ "$live_validators" -eq 0 ]; then
		for spec in "${live_specs[@]}"; do
			if [ -e "chain-specs/$spec" ]; then
				echo "chain-specs/$spec exists but $validators lists no validators; run scripts/build-chain-specs.sh" >&2
				status=1
			fi
		done
	fi
	for spec in "${specs[@]}"; do
		if [ ! -e "chain-specs/$spec" ]; then
			echo "chain-specs/$spec is missing; run scripts/build-chain-specs.sh" >&2
			status=1
		elif ! diff -q <($tool strip-code "chain-specs/$spec") <($tool strip-code "$out/$spec") >/dev/null; then
			echo "chain-specs/$spec differs from what the runtime generates; run scripts/build-chain-specs.sh" >&2
			diff <($tool strip-code "chain-specs/$spec") <($tool strip-code "$out/$spec") | head -20 >&2 || true
			status=1
		fi
	done
	[ $status -eq 0 ] && log "chain specs match the runtime: ${specs[*]}"
	exit $status
fi

for spec in "${specs[@]}"; do cp "$out/$spec" "chain-specs/$spec"; done
log "wrote ${specs[*]/#/chain-specs/}"
if [ "$live_validators" -eq 0 ]; then
	for spec in "${live_specs[@]}"; do
		if [ -e "chain-specs/$spec" ]; then rm "chain-specs/$spec" && log "removed chain-specs/$spec"; fi
	done
	log "paradigm-node is built without the live network: rebuild it (scripts/build-node.sh)"
else
	log "paradigm-node embeds chain-specs/paradigm-raw.json: rebuild it (scripts/build-node.sh)"
fi
