#!/usr/bin/env node
// Transfer throughput of one `--dev` node.
//
//   node scripts/bench/tps.mjs [--count 20000] [--connections 4] [--batch 200] [--senders 12]
//
// 1. Starts `paradigm-node --dev` with a transaction pool large enough for all transfers.
// 2. Pre-signs `count` balances.transferKeepAlive of 1 base unit (immortal era, explicit nonces),
//    spread round-robin over the dev accounts, each paying to the next dev account (all exist).
// 3. Submits them as fast as possible: JSON-RPC batches of author_submitExtrinsic over
//    `connections` parallel HTTP connections.
// 4. Follows the chain: transfers per block, on-chain timestamps, block weight (normal class)
//    against the limit, block length against the limit, and the proposer's "end" reason from the
//    node log (NoMoreTransactions / HitDeadline / HitBlockWeightLimit / HitBlockSizeLimit).
// Sustained TPS = included transfers / (timestamp of the last block with transfers - timestamp of
// the first one). Writes scripts/bench/results/tps-<date>.json.
//
// Do not run it while cargo builds on the same machine: the result would measure the build.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  DEV_NAMES, connectApi, describeRun, devAccounts, parseOptions, rpcBatch, startNode, waitForBlock,
  withTimeout, writeResult
} from '../../e2e/lib/index.mjs';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const options = parseOptions({ count: 20_000, connections: 4, batch: 1, senders: 12, settleBlocks: 5, timeoutS: 900 });

/** Running cargo / rustc processes (by executable name, so shells that mention them do not count). */
function busyBuilds () {
  return ['cargo', 'rustc'].flatMap((name) => {
    try {
      return execFileSync('pgrep', ['-x', name], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    } catch { return []; }
  });
}

async function main () {
  const machine = describeRun();
  machine.concurrentBuilds = busyBuilds().length;
  console.error(`# tps: ${options.count} pre-signed transfers into one --dev node`);
  console.error(JSON.stringify(machine));
  if (machine.concurrentBuilds) console.error(`! ${machine.concurrentBuilds} cargo/rustc processes are running: the numbers will be low`);

  const node = await startNode({
    name: 'tps-dev',
    dev: true,
    extraArgs: [
      '--pool-limit', String(options.count * 2),
      '--pool-kbytes', String(Math.max(20_480, options.count * 2)),
      '--rpc-max-connections', '1000',
      '--rpc-max-request-size', '256',
      '--rpc-max-response-size', '256'
    ]
  });
  let api;
  let watcher;
  try {
    api = await connectApi(node.wsUrl);
    await waitForBlock(api, 1);

    // --- limits -----------------------------------------------------------------------------
    const normal = api.consts.system.blockWeights.perClass.normal;
    const limits = {
      normalMaxTotalRefTime: normal.maxTotal.unwrap().refTime.toBigInt(),
      normalMaxExtrinsicRefTime: normal.maxExtrinsic.unwrap().refTime.toBigInt(),
      maxBlockRefTime: api.consts.system.blockWeights.maxBlock.refTime.toBigInt(),
      normalMaxLength: api.consts.system.blockLength.max.normal.toNumber(),
      extrinsicBaseRefTime: normal.baseExtrinsic.refTime.toBigInt(),
      blockTimeMs: 2000
    };

    // --- pre-sign ---------------------------------------------------------------------------
    const dev = await devAccounts();
    const senders = DEV_NAMES.flatMap((n) => [dev[n.toLowerCase()], dev[`${n.toLowerCase()}Stash`]]).slice(0, options.senders);
    const nonces = await Promise.all(senders.map(async (s) => (await api.call.accountNonceApi.accountNonce(s.address)).toNumber()));
    const signOptions = {
      blockHash: api.genesisHash,
      genesisHash: api.genesisHash,
      era: api.createType('ExtrinsicEra'),
      runtimeVersion: api.runtimeVersion,
      signedExtensions: api.registry.signedExtensions
    };
    const signStart = performance.now();
    // The pool keeps only a few "future" transactions (nonce gaps; sc-cli: a tenth of --pool-limit),
    // so every sender's transfers must arrive in nonce order: each connection owns a set of senders.
    const signed = [];
    const perConnection = Array.from({ length: options.connections }, () => []);
    for (let i = 0; i < options.count; i++) {
      const s = i % senders.length;
      const tx = api.tx.balances.transferKeepAlive(senders[(s + 1) % senders.length].address, 1);
      tx.sign(senders[s], { ...signOptions, nonce: nonces[s]++ });
      signed.push(tx.toHex());
      perConnection[s % options.connections].push(signed.at(-1));
    }
    const signSeconds = (performance.now() - signStart) / 1000;
    const weightInfo = await api.tx.balances.transferKeepAlive(senders[1].address, 1).paymentInfo(senders[0]);
    const transferRefTime = weightInfo.weight.refTime.toBigInt();
    const transferBytes = signed[0].length / 2 - 1;
    console.error(`# signed ${signed.length} transfers in ${signSeconds.toFixed(1)} s; one transfer: ${transferBytes} bytes, ${transferRefTime} ref_time`);

    // --- watch blocks -----------------------------------------------------------------------
    const blocks = [];
    let lastProcessed = (await api.rpc.chain.getHeader()).number.toNumber();
    let processing = Promise.resolve();
    const processUpTo = async (n) => {
      while (lastProcessed < n) {
        const number = lastProcessed + 1;
        const hash = await api.rpc.chain.getBlockHash(number);
        const [block, weight] = await Promise.all([api.rpc.chain.getBlock(hash), api.query.system.blockWeight.at(hash)]);
        const extrinsics = block.block.extrinsics;
        const timestampEx = extrinsics.find((x) => x.method.section === 'timestamp' && x.method.method === 'set');
        const transfers = extrinsics.filter((x) => x.isSigned && x.method.section === 'balances').length;
        const length = extrinsics.reduce((sum, x) => sum + x.encodedLength, 0);
        const normalRefTime = weight.normal.refTime.toBigInt();
        blocks.push({
          number,
          timestampMs: Number(timestampEx.method.args[0].toBigInt()),
          seenAtMs: performance.now(),
          transfers,
          signedExtrinsics: extrinsics.filter((x) => x.isSigned).length,
          normalRefTime,
          normalWeightPct: Number((normalRefTime * 10000n) / limits.normalMaxTotalRefTime) / 100,
          lengthBytes: length,
          lengthPct: Math.round((length / limits.normalMaxLength) * 10000) / 100
        });
        lastProcessed = number;
      }
    };
    watcher = await api.rpc.chain.subscribeNewHeads((header) => {
      const n = header.number.toNumber();
      processing = processing.then(() => processUpTo(n)).catch((e) => console.error(`! block watcher: ${e.message}`));
    });

    // --- submit -----------------------------------------------------------------------------
    const errors = new Map();
    let accepted = 0;
    const submitStart = performance.now();
    await Promise.all(perConnection.map(async (queue) => {
      for (let i = 0; i < queue.length; i += options.batch) {
        const batch = queue.slice(i, i + options.batch);
        const answers = await rpcBatch(node.httpUrl, batch.map((hex) => ['author_submitExtrinsic', [hex]]), { timeoutMs: 300_000 });
        for (const a of answers) {
          if (a.error) {
            const key = `${a.error.code} ${a.error.message}${a.error.data ? `: ${a.error.data}` : ''}`;
            errors.set(key, (errors.get(key) ?? 0) + 1);
          } else accepted++;
        }
      }
    }));
    const submitSeconds = (performance.now() - submitStart) / 1000;
    console.error(`# submitted in ${submitSeconds.toFixed(1)} s: ${accepted} accepted, ${options.count - accepted} refused ${JSON.stringify(Object.fromEntries(errors))}`);

    // --- wait until everything accepted is included (or inclusion stalls) -------------------
    const included = () => blocks.reduce((sum, b) => sum + b.transfers, 0);
    await withTimeout((async () => {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        if (included() >= accepted) return;
        const tail = blocks.slice(-options.settleBlocks);
        if (tail.length === options.settleBlocks && tail.every((b) => b.transfers === 0) && blocks.at(-1).seenAtMs > submitStart + submitSeconds * 1000) return;
      }
    })(), options.timeoutS * 1000, `inclusion of ${accepted} transfers (included ${included()})`);
    await processing;

    // --- proposer end reasons from the node log ---------------------------------------------
    const reasons = new Map();
    for (const m of node.logText().matchAll(/Prepared block for proposing at (\d+) \((\d+) ms\).*?end: (\w+); extrinsics_count: (\d+)/g)) {
      reasons.set(Number(m[1]), { proposeMs: Number(m[2]), end: m[3], extrinsicsCount: Number(m[4]) });
    }
    for (const b of blocks) Object.assign(b, reasons.get(b.number) ?? {});

    const withTransfers = blocks.filter((b) => b.transfers > 0);
    const first = withTransfers[0];
    const last = withTransfers.at(-1);
    const total = included();
    const spanS = first && last && last !== first ? (last.timestampMs - first.timestampMs) / 1000 : undefined;
    const endReasons = {};
    for (const b of withTransfers) endReasons[b.end ?? 'unknown'] = (endReasons[b.end ?? 'unknown'] ?? 0) + 1;
    const maxPerBlock = Math.max(0, ...withTransfers.map((b) => b.transfers));
    const result = {
      benchmark: 'tps',
      machine,
      options,
      limits,
      // A transfer occupies its dispatch weight plus the per-extrinsic base weight of its class.
      transfer: { bytes: transferBytes, refTime: transferRefTime, refTimeWithBase: transferRefTime + limits.extrinsicBaseRefTime, transfersPerBlockByWeight: Number(limits.normalMaxTotalRefTime / (transferRefTime + limits.extrinsicBaseRefTime)), transfersPerBlockByLength: Math.floor(limits.normalMaxLength / transferBytes) },
      signing: { seconds: signSeconds, perSecond: Math.round(options.count / signSeconds) },
      submission: { seconds: submitSeconds, accepted, refused: options.count - accepted, perSecond: Math.round(accepted / submitSeconds), errors: Object.fromEntries(errors) },
      inclusion: {
        included: total,
        blocksWithTransfers: withTransfers.length,
        firstBlock: first?.number,
        lastBlock: last?.number,
        spanSeconds: spanS,
        sustainedTps: spanS ? Math.round(total / spanS) : undefined,
        sustainedTpsExcludingFirstBlock: spanS ? Math.round((total - first.transfers) / spanS) : undefined,
        maxTransfersPerBlock: maxPerBlock,
        maxTpsOfOneBlock: maxPerBlock / (limits.blockTimeMs / 1000),
        maxNormalWeightPct: Math.max(0, ...withTransfers.map((b) => b.normalWeightPct)),
        maxLengthPct: Math.max(0, ...withTransfers.map((b) => b.lengthPct)),
        proposerEndReasons: endReasons,
        // "NoMoreTransactions" also ends a weight-full block: the proposer keeps trying the rest of
        // the ready queue until it runs out, each try failing with ExhaustsResources.
        limitedBy: (() => {
          const full = withTransfers.filter((b) => b.normalWeightPct >= 99).length;
          if (full >= withTransfers.length / 2) return `block weight: ${full} of ${withTransfers.length} blocks used >= 99% of the normal-class weight (${Number(limits.normalMaxTotalRefTime / (transferRefTime + limits.extrinsicBaseRefTime))} transfers)`;
          if (withTransfers.some((b) => b.lengthPct >= 99)) return 'block length';
          if (endReasons.HitDeadline) return 'proposer deadline (execution time)';
          return 'transaction supply (submission rate or pool), not the block';
        })()
      },
      blocks: blocks.map(({ seenAtMs, ...b }) => b)
    };
    const file = writeResult(RESULTS, 'tps', result);
    const { blocks: _b, ...printed } = result;
    console.log(JSON.stringify(printed, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
    console.log('\n| block | transfers | normal weight % | length % | proposer end | propose ms |');
    console.log('|---|---|---|---|---|---|');
    for (const b of withTransfers) console.log(`| #${b.number} | ${b.transfers} | ${b.normalWeightPct} | ${b.lengthPct} | ${b.end ?? '?'} | ${b.proposeMs ?? '?'} |`);
    console.error(`# written ${file}`);
  } finally {
    watcher?.();
    await api?.disconnect();
    await node.stop();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
