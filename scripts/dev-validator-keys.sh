#!/usr/bin/env bash
# Prints {"validators": [...]} with the public session keys of the first N well-known dev
# validators (Alice, Bob, Charlie, Dave, Eve, Ferdie), derived by paradigm-node itself:
# sr25519 for Aura and ed25519 for GRANDPA, as `paradigm-node --alice` etc. insert them.
set -euo pipefail
. "$(dirname "$0")/env.sh"
count="${1:?usage: dev-validator-keys.sh N}"
names=(Alice Bob Charlie Dave Eve Ferdie)
if [ "$count" -lt 1 ] || [ "$count" -gt ${#names[@]} ]; then
	echo "error: between 1 and ${#names[@]} dev validators are available" >&2
	exit 1
fi
ss58() { "$PARADIGM_NODE" key inspect --scheme "$1" --output-type json "//$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ss58Address"])'; }
entries=()
for name in "${names[@]:0:$count}"; do
	entries+=("{\"name\": \"${name,,}\", \"aura\": \"$(ss58 sr25519 "$name")\", \"grandpa\": \"$(ss58 ed25519 "$name")\"}")
done
(IFS=,; echo "{\"validators\": [${entries[*]}]}")
