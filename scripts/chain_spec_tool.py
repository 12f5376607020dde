#!/usr/bin/env python3
"""Small JSON transformations on chain specs, used by the chain-spec and local-network scripts.

patch-validators SPEC VALIDATORS OUT   put the validators' Aura/GRANDPA keys (and the boot nodes,
                                       if VALIDATORS has them) into a plain spec's genesis patch.
                                       VALIDATORS: {"validators": [{"name", "aura", "grandpa"}],
                                       "bootNodes": [...]}, keys as SS58 strings (prefix 42 or
                                       7272). Refuses keys that do not decode, duplicates and an
                                       empty list; a Live spec also refuses the well-known
                                       development keys (//Alice, //Bob, ...).
validator-count VALIDATORS             print how many validators the live VALIDATORS file lists,
                                       after the checks patch-validators makes for a Live spec
strip-code SPEC                        print the spec without the runtime code, for comparisons
self-test                              check that patch-validators refuses dev keys and accepts
                                       fresh ones (no node needed)
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

# SS58 address prefixes a validators file may use: the generic Substrate one (what most tools
# print) and Paradigm's own (what `paradigm-node key generate` prints). The spec is always
# written with GENESIS_SS58_PREFIX: the runtime builds genesis with the SS58 default (42) and
# refuses a custom prefix such as 7272 there.
SUBSTRATE_SS58_PREFIX = 42
PARADIGM_SS58_PREFIX = 7272
KNOWN_SS58_PREFIXES = {SUBSTRATE_SS58_PREFIX: "Substrate", PARADIGM_SS58_PREFIX: "Paradigm"}
GENESIS_SS58_PREFIX = SUBSTRATE_SS58_PREFIX

PUBLIC_KEY_BYTES = 32
SS58_CHECKSUM_BYTES = 2
SS58_CHECKSUM_CONTEXT = b"SS58PRE"
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

# Public keys of the well-known development accounts, whose secret keys everyone knows. The //...
# keys are the bytes of sp-keyring 44.0.0 (`src/sr25519.rs`, `src/ed25519.rs`, `impl
# From<Keyring> for [u8; 32]`, which its `verify_static_public_keys` test derives from the seeds).
# DEV_PHRASE is sp-core's public dev mnemonic itself ("bottom drive obey lake ... fit walk", the
# root of every //... key): its sr25519 key is sp-core's `DEV_ADDRESS`. Check any of them with
# `paradigm-node key inspect --scheme sr25519 //Alice` (or `--scheme ed25519`, or the phrase).
DEV_SR25519_KEYS = {
    "//Alice": "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d",
    "//Bob": "8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48",
    "//Charlie": "90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22",
    "//Dave": "306721211d5404bd9da88e0204360a1a9ab8b87c66c1bc2fcdd37f3c2222cc20",
    "//Eve": "e659a7a1628cdd93febc04a4e0646ea20e9f5f0ce097d9a05290d4a9e054df4e",
    "//Ferdie": "1cbd2d43530a44705ad088af313e18f80b53ef16b36177cd4b77b846f2a5f07c",
    "//Alice//stash": "be5ddb1579b72e84524fc29e78609e3caf42e85aa118ebfe0b0ad404b5bdd25f",
    "//Bob//stash": "fe65717dad0447d715f660a0a58411de509b42e6efb8375f562f58a554d5860e",
    "//Charlie//stash": "1e07379407fecc4b89eb7dbd287c2c781cfb1907a96947a3eb18e4f8e7198625",
    "//Dave//stash": "e860f1b1c7227f7c22602f53f15af80747814dffd839719731ee3bba6edc126c",
    "//Eve//stash": "8ac59e11963af19174d0b94d5d78041c233f55d2e19324665bafdfb62925af2d",
    "//Ferdie//stash": "101191192fc877c24d725b337120fa3edc63d227bbc92705db1e2cb65f56981a",
    "//One": "ac859f8a216eeb1b320b4c76d118da3d7407fa523484d0a980126d3b4d0d220a",
    "//Two": "1254f7017f0b8347ce7ab14f96d818802e7e9e0c0d1b7c9acb3c726b080e7a03",
    "DEV_PHRASE": "46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a",
}
DEV_ED25519_KEYS = {
    "//Alice": "88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee",
    "//Bob": "d17c2d7823ebf260fd138f2d7e27d114c0145d968b5ff5006125f2414fadae69",
    "//Charlie": "439660b36c6c03afafca027b910b4fecf99801834c62a5e6006f27d978de234f",
    "//Dave": "5e639b43e0052c47447dac87d6fd2b6ec50bdd4d0f614e4299c665249bbd09d9",
    "//Eve": "1dfe3e22cc0d45c70779c1095f7489a8ef3cf52d62fbd8c2fa38c9f1723502b5",
    "//Ferdie": "568cb4a574c6d178feb39c27dfc8b3f789e5f5423e19c71633c748b9acf086b5",
    "//Alice//stash": "451781cd0c5504504f69ceec484cc66e4c22a2b6a9d20fb1a426d91ad074a2a8",
    "//Bob//stash": "292684abbb28def63807c5f6e84e9e8689769eb37b1ab130d79dbfbf1b9a0d44",
    "//Charlie//stash": "dd6a6118b6c11c9c9e5a4f34ed3d545e2c74190f90365c60c230fa82e9423bb9",
    "//Dave//stash": "1d0432d75331ab299065bee79cdb1bdc2497c597a3087b4d955c67e3c000c1e2",
    "//Eve//stash": "c833bdd2e1a7a18acc1c11f8596e2e697bb9b42d6b6051e474091a1d43a294d7",
    "//Ferdie//stash": "199d749dbf4b8135cb1f3c8fd697a390fc0679881a8a110c1d06375b3b62cd09",
    "//One": "16f97016bbea8f7b45ae6757b49efc1080accc175d8f018f9ba719b60b0815e4",
    "//Two": "5079bcd20fd97d7d2f752c4607012600b401950260a91821f73e692071c82bf5",
    "DEV_PHRASE": "345071da55e5dccefaaa440339415ef9f2663338a38f7da0df21be5ab4e055ef",
}
# Public key -> "//Alice (sr25519)". A key is refused whatever field it is in: a dev key of the
# other scheme in the wrong field is just as public.
DEV_KEYS = {
    **{bytes.fromhex(k): f"{seed} (sr25519)" for seed, k in DEV_SR25519_KEYS.items()},
    **{bytes.fromhex(k): f"{seed} (ed25519)" for seed, k in DEV_ED25519_KEYS.items()},
}

# The session keys of a validator entry: field -> scheme.
SESSION_KEYS = {"aura": "sr25519", "grandpa": "ed25519"}


class InvalidAddress(ValueError):
    """An SS58 string that does not hold a 32-byte public key under a known prefix."""


def base58_decode(text):
    number = 0
    for char in text:
        digit = BASE58_ALPHABET.find(char)
        if digit < 0:
            raise InvalidAddress(f"{char!r} is not a base58 character")
        number = number * 58 + digit
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    leading_zeros = len(text) - len(text.lstrip(BASE58_ALPHABET[0]))
    return b"\0" * leading_zeros + body


def base58_encode(data):
    number = int.from_bytes(data, "big")
    chars = []
    while number:
        number, digit = divmod(number, 58)
        chars.append(BASE58_ALPHABET[digit])
    leading_zeros = len(data) - len(data.lstrip(b"\0"))
    return BASE58_ALPHABET[0] * leading_zeros + "".join(reversed(chars))


def ss58_checksum(payload):
    digest = hashlib.blake2b(SS58_CHECKSUM_CONTEXT + payload, digest_size=64).digest()
    return digest[:SS58_CHECKSUM_BYTES]


def ss58_prefix_bytes(prefix):
    """The SS58 encoding of an address prefix: one byte below 64, two bytes up to 16383."""
    if prefix < 64:
        return bytes([prefix])
    first = ((prefix & 0b1111_1100) >> 2) | 0b0100_0000
    second = (prefix >> 8) | ((prefix & 0b11) << 6)
    return bytes([first, second])


def ss58_encode(public_key, prefix):
    payload = ss58_prefix_bytes(prefix) + public_key
    return base58_encode(payload + ss58_checksum(payload))


def ss58_decode(address):
    """Returns (prefix, 32-byte public key) or raises InvalidAddress."""
    if not isinstance(address, str) or not address:
        raise InvalidAddress("not an SS58 string")
    data = base58_decode(address)
    if not data:
        raise InvalidAddress("empty")
    if data[0] < 64:
        prefix, prefix_len = data[0], 1
    elif data[0] < 128 and len(data) > 1:
        lower = ((data[0] << 2) & 0xFF) | (data[1] >> 6)
        upper = data[1] & 0b0011_1111
        prefix, prefix_len = lower | (upper << 8), 2
    else:
        raise InvalidAddress("invalid SS58 prefix byte")
    expected = prefix_len + PUBLIC_KEY_BYTES + SS58_CHECKSUM_BYTES
    if len(data) != expected:
        raise InvalidAddress(
            f"{len(data)} bytes, expected {expected} (a {PUBLIC_KEY_BYTES}-byte public key)"
        )
    payload, checksum = data[:-SS58_CHECKSUM_BYTES], data[-SS58_CHECKSUM_BYTES:]
    if ss58_checksum(payload) != checksum:
        raise InvalidAddress("bad checksum (mistyped?)")
    if prefix not in KNOWN_SS58_PREFIXES:
        known = ", ".join(f"{p} ({n})" for p, n in KNOWN_SS58_PREFIXES.items())
        raise InvalidAddress(f"SS58 prefix {prefix} is not one of {known}")
    return prefix, payload[prefix_len:]


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


def checked_validators(config, path, refuse_dev_keys):
    """The validators of a validators file, with their keys decoded; exits listing every problem.

    Each returned entry is {"name", "aura", "grandpa"} with the keys as 32-byte public keys."""
    validators = config.get("validators") if isinstance(config, dict) else None
    if not isinstance(validators, list):
        sys.exit(f"error: {path}: expected {{\"validators\": [...]}}")
    problems, checked, seen = [], [], {field: {} for field in SESSION_KEYS}
    for index, entry in enumerate(validators, start=1):
        label = f"validator {index}"
        if isinstance(entry, dict) and entry.get("name"):
            label += f" ({entry['name']})"
        if not isinstance(entry, dict) or not SESSION_KEYS.keys() <= entry.keys():
            problems.append(f"{label}: needs 'aura' and 'grandpa' keys")
            continue
        keys = {}
        for field, scheme in SESSION_KEYS.items():
            address = entry[field]
            try:
                _, key = ss58_decode(address)
            except InvalidAddress as e:
                problems.append(f"{label}: {field} ({scheme}) key {address!r} is not valid: {e}")
                continue
            if refuse_dev_keys and key in DEV_KEYS:
                problems.append(
                    f"{label}: {field} key {address} is the well-known development key "
                    f"{DEV_KEYS[key]}, whose secret everyone knows; generate your own keys "
                    "(docs/bootstrap.md)"
                )
            if key in seen[field]:
                problems.append(f"{label}: {field} key {address} is also {seen[field][key]}'s")
            seen[field].setdefault(key, label)
            keys[field] = key
        checked.append({"name": entry.get("name"), **keys})
    if problems:
        sys.exit(f"error: {path}:\n" + "\n".join(f"  {p}" for p in problems))
    return checked


def set_validators(spec, validators):
    """Writes the genesis validators: each one's account is its Aura (sr25519) key, and its
    session keys are what pallet-session installs in Aura and GRANDPA at genesis."""
    if not validators:
        sys.exit("error: a chain needs at least one validator")
    patch = genesis_patch(spec)
    accounts = [ss58_encode(v["aura"], GENESIS_SS58_PREFIX) for v in validators]
    keys = [
        [account, account, {
            "aura": ss58_encode(v["aura"], GENESIS_SS58_PREFIX),
            "grandpa": ss58_encode(v["grandpa"], GENESIS_SS58_PREFIX),
        }]
        for account, v in zip(accounts, validators)
    ]
    patch.setdefault("validatorSet", {})["validators"] = accounts
    patch.setdefault("session", {})["keys"] = keys


def patch_validators(spec_path, config_path, out_path):
    spec, config = load(spec_path), load(config_path)
    # Rehearsals (`paradigm-local`, scripts/start-local-network.sh) run the dev validators on
    # purpose; only a Live spec must never name them.
    refuse_dev_keys = spec.get("chainType") == "Live"
    if refuse_dev_keys and genesis_patch(spec).get("usefulWork", {}).get("contributors"):
        sys.exit("error: a Live spec starts with no contributors: reputation is earned, never granted")
    set_validators(spec, checked_validators(config, config_path, refuse_dev_keys))
    if "bootNodes" in config:
        spec["bootNodes"] = config["bootNodes"]
    save(spec, out_path)


def strip_code(spec_path):
    spec = load(spec_path)
    genesis = spec.get("genesis", {})
    if "runtimeGenesis" in genesis:
        genesis["runtimeGenesis"]["code"] = "<code>"
    if "raw" in genesis:
        genesis["raw"]["top"].pop("0x3a636f6465", None)
    json.dump(spec, sys.stdout, indent=2, sort_keys=True)
    print()


def self_test():
    """Runs patch-validators, as the build does, on invented validators files; exits on failure."""
    # //Alice's Aura (sr25519) and GRANDPA (ed25519) keys as the committed dev specs write them.
    alice_aura = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
    alice_grandpa = "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu"
    failures = []

    def check(condition, what):
        if not condition:
            failures.append(what)

    alice_aura_key, alice_grandpa_key = ss58_decode(alice_aura)[1], ss58_decode(alice_grandpa)[1]
    check(alice_aura_key == bytes.fromhex(DEV_SR25519_KEYS["//Alice"]), "decode //Alice sr25519")
    check(alice_grandpa_key == bytes.fromhex(DEV_ED25519_KEYS["//Alice"]), "decode //Alice ed25519")
    check(ss58_encode(alice_aura_key, SUBSTRATE_SS58_PREFIX) == alice_aura, "encode //Alice")

    def entry(name, aura, grandpa, prefix=SUBSTRATE_SS58_PREFIX):
        return {
            "name": name,
            "aura": ss58_encode(aura, prefix),
            "grandpa": ss58_encode(grandpa, prefix),
        }

    fresh = [os.urandom(PUBLIC_KEY_BYTES) for _ in range(4)]
    # Fresh keys in both accepted formats: Paradigm's (what paradigm-node prints) and generic.
    fresh_a = entry("a", fresh[0], fresh[1], PARADIGM_SS58_PREFIX)
    fresh_b = entry("b", fresh[2], fresh[3])
    alice = {"name": "alice", "aura": alice_aura, "grandpa": alice_grandpa}
    alice_paradigm = entry("alice", alice_aura_key, alice_grandpa_key, PARADIGM_SS58_PREFIX)
    bob_stash = entry("stash", bytes.fromhex(DEV_SR25519_KEYS["//Bob//stash"]), fresh[1])
    last = fresh_b["aura"][-1]
    bad_checksum = dict(fresh_b, aura=fresh_b["aura"][:-1] + ("2" if last != "2" else "3"))
    polkadot_prefix = dict(fresh_b, aura=ss58_encode(fresh[2], 0))

    with tempfile.TemporaryDirectory() as tmp:
        spec, config, out = (os.path.join(tmp, n) for n in ("spec.json", "vals.json", "out.json"))

        def run(chain_type, validators):
            save({"chainType": chain_type, "genesis": {"runtimeGenesis": {"patch": {}}}}, spec)
            save({"validators": validators}, config)
            result = subprocess.run(
                [sys.executable, os.path.abspath(__file__), "patch-validators", spec, config, out],
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                return False, result.stderr, None
            return True, result.stderr, genesis_patch(load(out))

        ok, stderr, patch = run("Live", [fresh_a, fresh_b])
        check(ok, f"a Live spec accepts two fresh validators ({stderr.strip()})")
        if ok:
            keys = patch["session"]["keys"]
            aura = [ss58_decode(k["aura"]) for _, _, k in keys]
            grandpa = [ss58_decode(k["grandpa"])[1] for _, _, k in keys]
            accounts = [ss58_decode(a)[1] for a in patch["validatorSet"]["validators"]]
            check([k for _, k in aura] == [fresh[0], fresh[2]], "aura keys written as given")
            check([k for k in grandpa] == [fresh[1], fresh[3]], "grandpa keys written as given")
            check(accounts == [fresh[0], fresh[2]], "each validator's account is its aura key")
            check([ss58_decode(a)[1] for a, _, _ in keys] == accounts, "keys belong to the validators")
            check({p for p, _ in aura} == {GENESIS_SS58_PREFIX}, "keys written with prefix 42")
        for name, validators, expected in [
            ("//Alice", [alice, fresh_b], "//Alice (sr25519)"),
            ("//Alice under prefix 7272", [alice_paradigm], "//Alice (ed25519)"),
            ("//Bob//stash", [bob_stash], "//Bob//stash (sr25519)"),
            ("a duplicate key", [fresh_a, fresh_a], "is also validator 1"),
            ("a bad checksum", [bad_checksum], "bad checksum"),
            ("an unknown prefix", [polkadot_prefix], "SS58 prefix 0"),
            ("an empty list", [], "at least one validator"),
        ]:
            ok, stderr, _ = run("Live", validators)
            check(not ok and expected in stderr, f"a Live spec refuses {name} ({stderr.strip()})")
        granted = {"usefulWork": {"contributors": [[alice_aura, 1000000]]}}
        save({"chainType": "Live", "genesis": {"runtimeGenesis": {"patch": granted}}}, spec)
        save({"validators": [fresh_a]}, config)
        result = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "patch-validators", spec, config, out],
            capture_output=True,
            text=True,
        )
        check(result.returncode != 0 and "reputation is earned" in result.stderr,
              f"a Live spec refuses genesis contributors ({result.stderr.strip()})")
        ok, stderr, _ = run("Local", [alice])
        check(ok, f"a Local spec (a rehearsal) accepts //Alice ({stderr.strip()})")

    if failures:
        sys.exit("chain_spec_tool self-test failed:\n" + "\n".join(f"  {f}" for f in failures))
    print("chain_spec_tool self-test: a Live spec refuses dev keys, duplicates and bad keys")


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    command = argv[1]
    if command == "patch-validators" and len(argv) == 5:
        patch_validators(argv[2], argv[3], argv[4])
    elif command == "validator-count" and len(argv) == 3:
        print(len(checked_validators(load(argv[2]), argv[2], refuse_dev_keys=True)))
    elif command == "strip-code" and len(argv) == 3:
        strip_code(argv[2])
    elif command == "self-test" and len(argv) == 2:
        self_test()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
