// Chain specs for tests that need a genesis of their own: export a built-in spec as plain JSON,
// change its genesis patch, and write it where `--chain <path>` can read it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { encodeAddress } from '@polkadot/util-crypto';

import { requireNodeBinary } from './config.mjs';

/** SS58 prefix of the addresses in exported chain specs (generic Substrate, as the node writes them). */
export const CHAIN_SPEC_SS58_PREFIX = 42;

/**
 * `paradigm-node export-chain-spec --chain <chain>`: the plain spec as an object. Throws if the
 * spec holds an integer too large for a JS number (it would be written back changed).
 */
export function exportChainSpec (chain) {
  const text = execFileSync(requireNodeBinary(), ['export-chain-spec', '--chain', chain], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const unsafe = /[:[,]\s*-?\d{16,}/.exec(text);
  if (unsafe) throw new Error(`export-chain-spec --chain ${chain}: integer ${unsafe[0]} does not fit a JS number`);
  return JSON.parse(text);
}

/** The genesis patch of a plain spec (`genesis.runtimeGenesis.patch`), to change in place. */
export function genesisPatch (spec) {
  const patch = spec?.genesis?.runtimeGenesis?.patch;
  if (!patch) throw new Error('not a plain chain spec with a genesis patch (genesis.runtimeGenesis.patch)');
  return patch;
}

/** An account as chain specs write it: SS58 with the generic prefix 42. */
export function chainSpecAddress (pairOrPublicKey) {
  return encodeAddress(pairOrPublicKey.publicKey ?? pairOrPublicKey, CHAIN_SPEC_SS58_PREFIX);
}

/**
 * Writes `spec` to `<dir>/<name>` and returns the path. BigInt values are written as JSON
 * integers (u128 balances and the like), which the node reads exactly up to u64::MAX.
 */
export function writeChainSpec (dir, name, spec) {
  const file = path.join(dir, name);
  const text = JSON.stringify(spec, (_key, value) => (typeof value === 'bigint' ? `__bigint__${value}` : value), 2)
    .replace(/"__bigint__(-?\d+)"/g, '$1');
  fs.writeFileSync(file, text);
  return file;
}
