#!/usr/bin/env node
// Warp sync time and download size.
//
//   node scripts/bench/warp.mjs [--blocks 300]
//
// Runs a two-validator local network (Alice + Bob) until `blocks` blocks are finalized, then starts
// a fresh node with `--sync warp` (bootnodes: both validators, --warp-sync-min-peers 2) and reports:
//  - seconds from process start until it serves the finalized state: system_health says it is not
//    syncing, its finalized head is at least the network's at join time, and Alice's account
//    storage at its finalized hash equals the validator's;
//  - seconds until the "Warp sync is complete" log line;
//  - bytes received (Prometheus substrate_sub_libp2p_network_bytes_total{direction="in"}) when it
//    serves the state, and the sizes the node logs for its warp proof and state download.
// Writes scripts/bench/results/warp-<date>.json.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  PAR, connectApi, describeRun, devAccounts, parseOptions, pollUntil, prometheusValue, rpcCall,
  signAndSendOk, startNode, startValidatorNetwork, waitForFinalized, writeResult
} from '../../e2e/lib/index.mjs';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const options = parseOptions({ blocks: 300, timeoutS: 600 });

/** Largest "<n> Mib" reported in informant lines matching `phase`. */
function maxLoggedMib (log, phase) {
  let max;
  for (const m of log.matchAll(new RegExp(`${phase}[^\\n]*?([0-9.]+) Mib`, 'g'))) max = Math.max(max ?? 0, Number(m[1]));
  return max;
}

async function main () {
  const machine = describeRun();
  console.error(`# warp: join a 2-validator network after ${options.blocks} finalized blocks`);
  console.error(JSON.stringify(machine));

  const network = await startValidatorNetwork({ chain: 'local', validators: ['alice', 'bob'], namePrefix: 'warpbench-' });
  let apiAlice;
  let joiner;
  try {
    apiAlice = await connectApi(network.byName.alice.wsUrl);
    const { alice, charlie, eve } = await devAccounts();
    await signAndSendOk(apiAlice, apiAlice.tx.balances.transferKeepAlive(eve.address, 7n * PAR), charlie);
    const t0 = performance.now();
    await waitForFinalized(apiAlice, options.blocks, { timeoutMs: options.blocks * 4_000 + 120_000 });
    console.error(`# network reached finalized #${options.blocks} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const finalizedAtJoin = (await apiAlice.rpc.chain.getHeader(await apiAlice.rpc.chain.getFinalizedHead())).number.toNumber();
    const aliceKey = apiAlice.query.system.account.key(alice.address);

    joiner = await startNode({
      name: 'warpbench-joiner',
      chain: 'local',
      sync: 'warp',
      bootnodes: network.bootnodes,
      prometheus: true,
      extraArgs: ['--warp-sync-min-peers', '2']
    });
    const startedAt = joiner.startedAt;
    const rpcReadyS = (performance.now() - startedAt) / 1000;
    let warpCompleteS;
    joiner.waitForLog(/Warp sync is complete/, { timeoutMs: options.timeoutS * 1000 })
      .then(() => { warpCompleteS = (performance.now() - startedAt) / 1000; }, () => {});

    let servedAt;
    const served = await pollUntil(async () => {
      const failed = /State sync failed[^\n]*|Failed to import target block with state[^\n]*/.exec(joiner.logText());
      if (failed) return { failed: failed[0] };
      const health = await rpcCall(joiner.httpUrl, 'system_health');
      if (health.isSyncing) return false;
      const hash = await rpcCall(joiner.httpUrl, 'chain_getFinalizedHead');
      const header = await rpcCall(joiner.httpUrl, 'chain_getHeader', [hash]);
      if (parseInt(header.number, 16) < finalizedAtJoin) return false;
      const [mine, theirs] = await Promise.all([
        rpcCall(joiner.httpUrl, 'state_getStorage', [aliceKey, hash]),
        rpcCall(network.byName.alice.httpUrl, 'state_getStorage', [aliceKey, hash])
      ]);
      if (mine === null || mine !== theirs) return false;
      servedAt = performance.now();
      return { hash, number: parseInt(header.number, 16), stateRoot: header.stateRoot };
    }, { timeoutMs: options.timeoutS * 1000, intervalMs: 100, message: `${joiner.name} did not serve the finalized state; log ${joiner.logPath}` });
    if (served.failed) throw new Error(`warp sync failed: ${joiner.name} logged "${served.failed}"; log ${joiner.logPath}`);
    const servingS = (servedAt - startedAt) / 1000;
    const bytesInAtServing = await prometheusValue(joiner.prometheusUrl, 'substrate_sub_libp2p_network_bytes_total', { direction: 'in' });

    const log = joiner.logText();
    const result = {
      benchmark: 'warp',
      machine,
      options,
      network: '2 validators (--chain local, Alice + Bob); joiner: --sync warp --warp-sync-min-peers 2',
      finalizedAtJoin,
      servedFinalized: served,
      seconds: {
        rpcReady: Math.round(rpcReadyS * 1000) / 1000,
        warpProofComplete: warpCompleteS === undefined ? undefined : Math.round(warpCompleteS * 1000) / 1000,
        servingFinalizedState: Math.round(servingS * 1000) / 1000
      },
      bytes: {
        receivedUntilServing: bytesInAtServing,
        loggedWarpProofMiB: maxLoggedMib(log, 'Warping, Downloading finality proofs'),
        loggedStateMiB: maxLoggedMib(log, 'State sync, Downloading state') ?? maxLoggedMib(log, 'Warping, Downloading state')
      },
      warpLogLines: log.split('\n').filter((l) => /Warp|warp|State sync|Block history/.test(l)).slice(0, 40),
      joinerLog: joiner.logPath
    };
    const file = writeResult(RESULTS, 'warp', result);
    console.log(JSON.stringify(result, null, 2));
    console.log('\n| date | machine | finalized blocks | serving finalized state (s) | "Warp sync is complete" (s) | bytes received |');
    console.log('|---|---|---|---|---|---|');
    console.log(`| ${machine.date.slice(0, 10)} | ${machine.nproc}× ${machine.cpuModel} | ${finalizedAtJoin} | ${result.seconds.servingFinalizedState} | ${result.seconds.warpProofComplete ?? '?'} | ${bytesInAtServing ?? '?'} |`);
    console.error(`# written ${file}`);
  } finally {
    await apiAlice?.disconnect();
    await joiner?.stop();
    await network.stop();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
