// Talking to a node through @polkadot/api: connect, wait for blocks and finality, read state.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';

import { rpcCall } from './rpc.mjs';
import { delay, pollUntil, withTimeout } from './wait.mjs';

/**
 * Connects an ApiPromise to `url` (no automatic reconnection: if the node goes away, calls fail
 * instead of hanging). Disconnect it before stopping the node.
 */
export async function connectApi (url, { timeoutMs = 60_000 } = {}) {
  const provider = new WsProvider(url, false, {}, timeoutMs);
  await withTimeout(provider.connect(), timeoutMs, `WebSocket connection to ${url}`);
  await withTimeout(provider.isReady, timeoutMs, `WebSocket connection to ${url}`);
  try {
    return await withTimeout(ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true }), timeoutMs, `metadata from ${url}`);
  } catch (e) {
    await provider.disconnect().catch(() => {});
    throw e;
  }
}

/** Number of the latest best / finalized block. */
export async function bestNumber (api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

export async function finalizedNumber (api) {
  const hash = await api.rpc.chain.getFinalizedHead();
  return (await api.rpc.chain.getHeader(hash)).number.toNumber();
}

/**
 * Waits on the best ('best') or finalized ('finalized') head subscription until `predicate(header)`
 * holds; resolves with that header. Rejects after `timeoutMs` with the last number seen.
 */
export async function waitForHead (api, kind, predicate, { timeoutMs = 60_000, what = 'condition' } = {}) {
  let last;
  let unsub;
  let done = false;
  const subscribe = kind === 'finalized' ? api.rpc.chain.subscribeFinalizedHeads : api.rpc.chain.subscribeNewHeads;
  const found = new Promise((resolve, reject) => {
    subscribe((header) => {
      last = header.number.toNumber();
      try {
        if (predicate(header)) resolve(header);
      } catch (e) { reject(e); }
    }).then((u) => { if (done) u(); else unsub = u; }, reject);
  });
  try {
    return await withTimeout(found, timeoutMs, `${kind} head: ${what} (last seen #${last ?? 'none'})`);
  } finally {
    done = true;
    unsub?.();
  }
}

/** Resolves with the first best header numbered >= n. */
export function waitForBlock (api, n, { timeoutMs = 60_000 } = {}) {
  return waitForHead(api, 'best', (h) => h.number.toNumber() >= n, { timeoutMs, what: `reach #${n}` });
}

/** Resolves with the first finalized header numbered >= n. */
export function waitForFinalized (api, n, { timeoutMs = 60_000 } = {}) {
  return waitForHead(api, 'finalized', (h) => h.number.toNumber() >= n, { timeoutMs, what: `reach finalized #${n}` });
}

/**
 * Visits the blocks of the best chain in order, from `fromNumber` on, as they are imported:
 * `visit(number, hash)` (hash as hex) is awaited for each and the walk ends with the first value
 * it returns other than undefined/false/null. Errors thrown by `visit` end the walk. Rejects after
 * `timeoutMs` naming `what` and the blocks checked.
 */
export async function walkBlocks (api, fromNumber, visit, { timeoutMs = 60_000, intervalMs = 500, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let next = fromNumber;
  for (;;) {
    const best = await bestNumber(api);
    while (next <= best) {
      const hash = (await api.rpc.chain.getBlockHash(next)).toHex();
      const result = await visit(next, hash);
      if (result !== undefined && result !== false && result !== null) return result;
      next++;
    }
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${(timeoutMs / 1000).toFixed(1)} s: ${what} (checked blocks #${fromNumber}..#${next - 1})`);
    }
    await delay(intervalMs);
  }
}

/** Waits until `count` more blocks are imported after the current best. */
export async function waitForNewBlocks (api, count, { timeoutMs = 30_000 + count * 4_000 } = {}) {
  const start = await bestNumber(api);
  return waitForBlock(api, start + count, { timeoutMs });
}

/** Waits until the node reports at least `n` peers (system_health). */
export async function waitForPeers (node, n, { timeoutMs = 60_000 } = {}) {
  return pollUntil(async () => {
    const health = await rpcCall(node.httpUrl, 'system_health');
    return health.peers >= n ? health : false;
  }, { timeoutMs, intervalMs: 250, message: `${node.name} has fewer than ${n} peers` });
}

/** Free balance, reserved balance and nonce of `address`, optionally at block `at`. */
export async function accountInfo (api, address, at) {
  const query = at ? await api.at(at) : api;
  const info = await query.query.system.account(address);
  return {
    free: info.data.free.toBigInt(),
    reserved: info.data.reserved.toBigInt(),
    nonce: info.nonce.toNumber()
  };
}

export async function freeBalance (api, address, at) {
  return (await accountInfo(api, address, at)).free;
}

/** Events of block `hash` (decoded records). */
export async function eventsAt (api, hash) {
  return (await api.at(hash)).query.system.events();
}

/**
 * The Aura slot of a header (from its PreRuntime 'aura' digest) and the index of the authority
 * that owned the slot: slot % authorities.length, with the authorities as of the parent block.
 * Returns { slot, authorityIndex, author } where author is the authority's public key (hex).
 */
export async function auraAuthor (api, header) {
  const preRuntime = header.digest.logs.find((log) => log.isPreRuntime && log.asPreRuntime[0].isAura);
  if (!preRuntime) throw new Error(`block #${header.number} has no Aura pre-runtime digest`);
  const slot = api.createType('u64', preRuntime.asPreRuntime[1].toU8a(true)).toBigInt();
  const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
  const authorityIndex = Number(slot % BigInt(authorities.length));
  return { slot, authorityIndex, author: u8aToHex(authorities[authorityIndex]) };
}

/** Number of signed extrinsics (not inherents) in block `hash`. */
export async function signedExtrinsicCount (api, hash) {
  const block = await api.rpc.chain.getBlock(hash);
  return block.block.extrinsics.filter((ex) => ex.isSigned).length;
}
