#!/usr/bin/env python3
"""Small JSON transformations on chain specs, used by the chain-spec and local-network scripts.

patch-validators SPEC VALIDATORS OUT   put the validators' Aura/GRANDPA keys (and the boot nodes,
                                       if VALIDATORS has them) into a plain spec's genesis patch.
                                       VALIDATORS: {"validators": [{"name", "aura", "grandpa"}],
                                       "bootNodes": [...]}, keys as SS58 strings
strip-code SPEC                        print the spec without the runtime code, for comparisons
"""
import json
import sys

def load(path):
    with open(path) as f:
        return json.load(f)


def save(spec, path):
    with open(path, "w") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")


def genesis_patch(spec):
    try:
        return spec["genesis"]["runtimeGenesis"]["patch"]
    except KeyError:
        sys.exit("error: expected a plain chain spec with genesis.runtimeGenesis.patch")


def set_validators(spec, validators):
    if not validators:
        sys.exit("error: a chain needs at least one validator")
    patch = genesis_patch(spec)
    patch.setdefault("aura", {})["authorities"] = [v["aura"] for v in validators]
    patch.setdefault("grandpa", {})["authorities"] = [[v["grandpa"], 1] for v in validators]


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    command = argv[1]
    if command == "patch-validators" and len(argv) == 5:
        spec, config = load(argv[2]), load(argv[3])
        validators = config.get("validators", [])
        for v in validators:
            if not {"aura", "grandpa"} <= v.keys():
                sys.exit(f"error: validator {v.get('name', '?')} needs 'aura' and 'grandpa' keys")
        set_validators(spec, validators)
        if "bootNodes" in config:
            spec["bootNodes"] = config["bootNodes"]
        save(spec, argv[4])
    elif command == "strip-code" and len(argv) == 3:
        spec = load(argv[2])
        genesis = spec.get("genesis", {})
        if "runtimeGenesis" in genesis:
            genesis["runtimeGenesis"]["code"] = "<code>"
        if "raw" in genesis:
            genesis["raw"]["top"].pop("0x3a636f6465", None)
        json.dump(spec, sys.stdout, indent=2, sort_keys=True)
        print()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
