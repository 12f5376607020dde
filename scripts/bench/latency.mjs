#!/usr/bin/env node
// Transfer latency on a fresh two-validator local network (--chain local, Alice + Bob).
//
//   node scripts/bench/latency.mjs [--count 200]
//
// Sends `count` transfers one after another (each pre-signed, then submitted when the previous one
// is finalized) and measures, from submission, the time until the transfer is in a best block and
// until that block is finalized. Prints p50/p90/p99/max in seconds as JSON and a markdown table row,
// and writes the JSON to scripts/bench/results/latency-<date>.json.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  PAR, connectApi, describeDispatchError, describeRun, devAccounts, parseOptions, startValidatorNetwork,
  summarize, waitForFinalized, withTimeout, writeResult
} from '../../e2e/lib/index.mjs';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const options = parseOptions({ count: 200, timeoutS: 120 });

/** Submits a signed extrinsic; resolves with seconds to inBlock and to finalized. */
function submitAndTime (api, signedTx, timeoutMs) {
  return withTimeout(new Promise((resolve, reject) => {
    const t0 = performance.now();
    let inBlock;
    let unsub;
    let done = false;
    signedTx.send((result) => {
      const { status } = result;
      if (status.isInBlock && inBlock === undefined) inBlock = (performance.now() - t0) / 1000;
      if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
        done = true; unsub?.();
        reject(new Error(`transaction ${status.type}`));
      } else if (status.isFinalized) {
        const finalized = (performance.now() - t0) / 1000;
        done = true; unsub?.();
        if (result.dispatchError) reject(new Error(`dispatch failed: ${describeDispatchError(api, result.dispatchError).text}`));
        else resolve({ inBlock: inBlock ?? finalized, finalized, blockHash: status.asFinalized.toHex() });
      }
    }).then((u) => { if (done) u(); else unsub = u; }, reject);
  }), timeoutMs, 'transfer did not finalize');
}

async function main () {
  const machine = describeRun();
  console.error(`# latency: ${options.count} sequential transfers on a 2-validator local network`);
  console.error(JSON.stringify(machine));

  const network = await startValidatorNetwork({ chain: 'local', validators: ['alice', 'bob'], namePrefix: 'latency-' });
  let api;
  try {
    api = await connectApi(network.byName.alice.wsUrl);
    await waitForFinalized(api, 3, { timeoutMs: 120_000 });
    const { charlie, dave } = await devAccounts();
    let nonce = (await api.call.accountNonceApi.accountNonce(charlie.address)).toNumber();
    const inBlock = [];
    const finalized = [];
    for (let i = 0; i < options.count; i++) {
      const tx = await api.tx.balances.transferKeepAlive(dave.address, PAR).signAsync(charlie, { nonce: nonce++ });
      const t = await submitAndTime(api, tx, options.timeoutS * 1000);
      inBlock.push(t.inBlock);
      finalized.push(t.finalized);
      if ((i + 1) % 20 === 0) console.error(`  ${i + 1}/${options.count}: last inBlock ${t.inBlock.toFixed(2)} s, finalized ${t.finalized.toFixed(2)} s`);
    }
    const result = {
      benchmark: 'latency',
      machine,
      network: '2 validators (--chain local, Alice + Bob), submitted to Alice\'s node over WebSocket',
      options,
      inBlockSeconds: summarize(inBlock),
      finalizedSeconds: summarize(finalized),
      raw: { inBlock, finalized }
    };
    const file = writeResult(RESULTS, 'latency', result);
    const { raw, ...printed } = result;
    console.log(JSON.stringify(printed, null, 2));
    console.log('\n| date | machine | transfers | inBlock p50 / p90 / p99 / max (s) | finalized p50 / p90 / p99 / max (s) |');
    console.log('|---|---|---|---|---|');
    const s = (x) => `${x.p50} / ${x.p90} / ${x.p99} / ${x.max}`;
    console.log(`| ${machine.date.slice(0, 10)} | ${machine.nproc}× ${machine.cpuModel} | ${options.count} | ${s(result.inBlockSeconds)} | ${s(result.finalizedSeconds)} |`);
    console.error(`# written ${file}`);
  } finally {
    await api?.disconnect();
    await network.stop();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
