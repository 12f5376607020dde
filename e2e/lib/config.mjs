// Where the node binary and build artifacts live, and the chain constants the tests assert.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the e2e package (the folder holding package.json). */
export const E2E_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Cargo's target directory, as the build uses it. */
export function targetDir () {
  return process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache', 'paradigm', 'target');
}

/** The paradigm-node binary under test: $PARADIGM_NODE, else <target>/release/paradigm-node. */
export function nodeBinary () {
  return process.env.PARADIGM_NODE || path.join(targetDir(), 'release', 'paradigm-node');
}

/** Throws a clear error when the binary is missing (tests cannot run without it). */
export function requireNodeBinary () {
  const bin = nodeBinary();
  if (!fs.existsSync(bin)) {
    throw new Error(`paradigm-node binary not found at ${bin}: build it (cargo build --release) or set PARADIGM_NODE`);
  }
  return bin;
}

/** Folder the ink! contract artifacts are built into (counter.polkavm, counter.json). */
export function contractsDir () {
  return process.env.PARADIGM_CONTRACTS_DIR || path.join(targetDir(), 'contracts');
}

/**
 * The runtime upgrade the governance test enacts (this runtime with spec_version + 1, built by
 * scripts/build-upgrade-runtime.sh): $PARADIGM_UPGRADE_WASM, else
 * <target>/upgrade-wasm/paradigm_runtime_upgrade.compact.compressed.wasm.
 */
export function upgradeWasmPath () {
  return process.env.PARADIGM_UPGRADE_WASM ||
    path.join(targetDir(), 'upgrade-wasm', 'paradigm_runtime_upgrade.compact.compressed.wasm');
}

/** Folder for node logs: $PARADIGM_E2E_LOG_DIR, else e2e/logs. Logs are kept after the run. */
export function logRoot () {
  return process.env.PARADIGM_E2E_LOG_DIR || path.join(E2E_ROOT, 'logs');
}

/** One PAR in base units (8 decimals). */
export const PAR = 100_000_000n;
/** Existential deposit: 0.001 PAR. */
export const EXISTENTIAL_DEPOSIT = 100_000n;
/** What each well-known dev account holds on `dev` and `local`. */
export const DEV_ENDOWMENT = 1_000_000n * PAR;
export const SS58_PREFIX = 7272;
export const TOKEN_SYMBOL = 'PAR';
export const TOKEN_DECIMALS = 8;
/** Aura slot / target block time. */
export const BLOCK_TIME_MS = 2000;
