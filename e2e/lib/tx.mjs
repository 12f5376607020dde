// Signing, submitting and following extrinsics; decoding dispatch errors and pool refusals.
import { stringCamelCase } from '@polkadot/util';

import { RpcError, rpcCall } from './rpc.mjs';
import { withTimeout } from './wait.mjs';

/**
 * A dispatch error as "section.Name": "balances.InsufficientBalance" for module errors,
 * "Token.FundsUnavailable", "Arithmetic.Underflow", "BadOrigin" ... for the others.
 */
export function describeDispatchError (api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return { kind: 'Module', section: meta.section, name: meta.name, text: `${meta.section}.${meta.name}`, docs: meta.docs.join(' ') };
  }
  const kind = dispatchError.type;
  const inner = dispatchError[`as${kind}`];
  const name = inner && typeof inner.type === 'string' ? inner.type : undefined;
  return { kind, section: kind, name: name ?? kind, text: name ? `${kind}.${name}` : kind, docs: '' };
}

/** The fee charged for the extrinsic at `index` in `events` (transactionPayment.TransactionFeePaid). */
export function feePaidIn (events, index) {
  const record = events.find(({ phase, event }) =>
    phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index &&
    event.section === 'transactionPayment' && event.method === 'TransactionFeePaid');
  if (!record) return undefined;
  return { who: record.event.data[0].toString(), actualFee: record.event.data[1].toBigInt(), tip: record.event.data[2].toBigInt() };
}

/**
 * Signs `tx` with `signer` (a keyring pair), submits it and follows its status until it is in a
 * block ('inBlock') or finalized ('finalized'). Resolves with:
 *   { txHash, blockHash, blockNumber?, index, events (of this extrinsic), ok, error, fee, timings }
 * where `error` is describeDispatchError(...) when the dispatch failed (the extrinsic is still
 * included and pays its fee) and `fee` comes from transactionPayment.TransactionFeePaid.
 * Rejects if the node refuses the transaction (e.g. 1010 Invalid Transaction), if it is dropped,
 * invalid or usurped in the pool, or on timeout.
 */
export async function signAndSend (api, tx, signer, { until = 'inBlock', timeoutMs = 60_000, nonce = -1, label = `${tx.method.section}.${tx.method.method}` } = {}) {
  const t0 = performance.now();
  const timings = { submitMs: 0, inBlockMs: undefined, finalizedMs: undefined };
  let unsub;
  let done = false;
  const outcome = new Promise((resolve, reject) => {
    const handle = (result) => {
      const { status } = result;
      if (status.isInBlock && timings.inBlockMs === undefined) timings.inBlockMs = performance.now() - t0;
      if (status.isFinalized) {
        timings.finalizedMs = performance.now() - t0;
        if (timings.inBlockMs === undefined) timings.inBlockMs = timings.finalizedMs;
      }
      if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
        reject(new Error(`${label}: transaction ${status.type} in the pool (${status.toString()})`));
        return;
      }
      const reached = until === 'finalized' ? status.isFinalized : (status.isInBlock || status.isFinalized);
      if (!reached) return;
      const blockHash = status.isFinalized ? status.asFinalized : status.asInBlock;
      const mine = result.events; // polkadot.js filters the block's events to this extrinsic
      const index = mine[0]?.phase.isApplyExtrinsic ? mine[0].phase.asApplyExtrinsic.toNumber() : undefined;
      const error = result.dispatchError ? describeDispatchError(api, result.dispatchError) : undefined;
      resolve({
        txHash: result.txHash.toHex(),
        blockHash: blockHash.toHex(),
        index,
        events: mine,
        ok: !error,
        error,
        fee: index === undefined ? undefined : feePaidIn(mine, index),
        timings
      });
    };
    tx.signAndSend(signer, { nonce }, handle).then((u) => { if (done) u(); else unsub = u; }, reject);
  });
  try {
    const r = await withTimeout(outcome, timeoutMs, `${label} did not reach ${until}`);
    r.blockNumber = (await api.rpc.chain.getHeader(r.blockHash)).number.toNumber();
    return r;
  } finally {
    done = true;
    unsub?.();
  }
}

/** Like signAndSend but throws unless the dispatch succeeded. */
export async function signAndSendOk (api, tx, signer, options = {}) {
  const r = await signAndSend(api, tx, signer, options);
  if (!r.ok) throw new Error(`${options.label ?? `${tx.method.section}.${tx.method.method}`} failed in block ${r.blockHash}: ${r.error.text} ${r.error.docs}`);
  return r;
}

/** The first event `section.method` among `events` (EventRecords), or undefined. */
export function findEvent (events, section, method) {
  return events.find(({ event }) => event.section === section && event.method === method)?.event;
}

/** Submit an unsigned extrinsic and wait until it is in a block; resolves with its events. */
export async function sendUnsignedOk (api, tx, { timeoutMs = 60_000, label = `${tx.method.section}.${tx.method.method}` } = {}) {
  let unsub;
  let done = false;
  const outcome = new Promise((resolve, reject) => {
    tx.send((result) => {
      const { status } = result;
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        reject(new Error(`${label}: transaction ${status.type} in the pool`));
        return;
      }
      if (!status.isInBlock && !status.isFinalized) return;
      if (result.dispatchError) {
        reject(new Error(`${label} failed: ${describeDispatchError(api, result.dispatchError).text}`));
        return;
      }
      resolve({ blockHash: (status.isInBlock ? status.asInBlock : status.asFinalized).toHex(), events: result.events });
    }).then((u) => { if (done) u(); else unsub = u; }, reject);
  });
  try {
    return await withTimeout(outcome, timeoutMs, `${label} was not included`);
  } finally {
    done = true;
    unsub?.();
  }
}

/**
 * The name of error variant `index` of `pallet` (camelCase, as in api.tx: 'usefulWork'), from the
 * runtime metadata: "RegistrationWorkTooLow", ... or "Custom(index)" if the pallet has no such
 * variant.
 */
export function palletErrorName (api, pallet, index) {
  const meta = api.runtimeMetadata.asLatest.pallets.find((p) => stringCamelCase(p.name.toString()) === pallet);
  if (!meta) throw new Error(`no pallet ${pallet} in the runtime metadata`);
  try {
    return api.registry.findMetaError(new Uint8Array([meta.index.toNumber(), index])).name;
  } catch {
    return `Custom(${index})`;
  }
}

/**
 * A transaction-pool refusal "1010 Invalid Transaction: Custom error: N", decoded for pallets that
 * refuse with InvalidTransaction::Custom(index of their error variant), as useful-work's
 * CheckUsefulWork and its unsigned `register` do. `error` is what @polkadot/api rejects with, or an
 * RpcError of lib/rpc.mjs. Returns { custom: N, name: "NotRegistered" ... }, or undefined when
 * `error` is not a Custom refusal.
 */
export function customRefusal (api, error, pallet = 'usefulWork') {
  const text = [error?.message, typeof error?.data === 'string' ? error.data : undefined].filter(Boolean).join(' ');
  const m = /Custom error: (\d+)/.exec(text);
  if (!m) return undefined;
  const custom = Number(m[1]);
  return { custom, name: palletErrorName(api, pallet, custom) };
}

/**
 * Submits `tx` (an extrinsic or its hex) over plain JSON-RPC (`author_submitExtrinsic` on `url`)
 * expecting the pool to refuse it. Resolves with the refusal:
 *   { code, message, data, custom?, name? }
 * where custom/name come from customRefusal (`name` is undefined for a refusal that is not a
 * Custom one, e.g. 1012 "Transaction is temporarily banned"). Throws if the node accepted it.
 */
export async function submitExpectingRefusal (api, url, tx, { pallet = 'usefulWork', label } = {}) {
  const hex = typeof tx === 'string' ? tx : tx.toHex();
  const what = label ?? (typeof tx === 'string' ? 'the extrinsic' : `${tx.method.section}.${tx.method.method}`);
  let hash;
  try {
    hash = await rpcCall(url, 'author_submitExtrinsic', [hex]);
  } catch (e) {
    if (!(e instanceof RpcError)) throw e;
    return { code: e.code, message: e.rpcMessage, data: e.data, ...customRefusal(api, e, pallet) };
  }
  throw new Error(`the pool accepted ${what} (${hash}), expected a refusal`);
}
