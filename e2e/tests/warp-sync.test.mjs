// Warp sync: a fresh node joins a two-validator network that has produced PARADIGM_WARP_BLOCKS
// blocks (default 300), warp syncs from both validators, and then serves the same finalized state.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  Cleanup, PAR, accountInfo, connectApi, devAccounts, finalizedNumber, pollUntil, rpcCall,
  signAndSendOk, startNode, startValidatorNetwork, waitForFinalized, waitForPeers
} from '../lib/index.mjs';

const WARP_BLOCKS = Number(process.env.PARADIGM_WARP_BLOCKS ?? 300);

describe(`warp sync after ${WARP_BLOCKS} blocks`, { timeout: WARP_BLOCKS * 2_000 * 2 + 600_000 }, () => {
  const cleanup = new Cleanup();
  let network, apiAlice, joiner, apiJoiner, accounts;
  const amount = 777n * PAR;

  before(async () => {
    network = await startValidatorNetwork({ chain: 'local', validators: ['alice', 'bob'], namePrefix: 'warp-' });
    cleanup.defer(() => network.stop());
    apiAlice = cleanup.track(await connectApi(network.byName.alice.wsUrl));
    accounts = await devAccounts();
  });
  after(() => cleanup.run());

  it(`the network finalizes ${WARP_BLOCKS} blocks (with a transfer early on)`, async () => {
    await signAndSendOk(apiAlice, apiAlice.tx.balances.transferKeepAlive(accounts.eve.address, amount), accounts.charlie, { until: 'finalized' });
    await waitForFinalized(apiAlice, WARP_BLOCKS, { timeoutMs: WARP_BLOCKS * 2_000 * 2 + 60_000 });
  });

  it('a fresh node warp syncs from both validators and serves the same finalized state', async () => {
    const finalizedAtJoin = await finalizedNumber(apiAlice);
    assert.ok(finalizedAtJoin >= WARP_BLOCKS, 'the network has finalized enough blocks');
    // Known upstream race (docs/decisions.md D3): when the warp target is also the block the peers
    // have just announced, sync may route a plain import of that block to the state-sync strategy,
    // which then fails with "Failed to import target block with state: UnknownParent" and the node
    // is stuck. Seen in ~3 of 33 joins here. We retry once, only on that exact failure, and say so.
    const RACE = /Failed to import target block with state: UnknownParent/;
    for (let attempt = 1; ; attempt++) {
      joiner = cleanup.track(await startNode({
        name: `warp-joiner-${attempt}`,
        chain: 'local',
        sync: 'warp',
        bootnodes: network.bootnodes,
        extraArgs: ['--warp-sync-min-peers', '2']
      }));
      // Printed only by the warp sync strategy, once the finality proof to the target is verified.
      // (The "⏩ Warping" progress lines appear only if it takes longer than the 5 s informant period.)
      await joiner.waitForLog(/Warp sync is complete, continuing with state sync/, { timeoutMs: 300_000 });
      // Then it downloads the state at the warp target; until that is imported, the finalized head
      // it reports may have no state yet.
      try {
        await joiner.waitForLog(/State sync is complete, continuing with block sync/, { timeoutMs: 300_000, failOn: /State sync failed[^\n]*|Failed to import target block with state[^\n]*/ });
        break;
      } catch (error) {
        if (attempt >= 2 || !RACE.test(joiner.logText())) throw error;
        console.log(`# warp joiner hit the known target-import race (log ${joiner.logPath}); retrying once with a fresh node`);
        await joiner.stop();
      }
    }

    // It finishes syncing and its finalized head reaches at least the network's at join time.
    let syncedAt;
    await pollUntil(async () => {
      const health = await rpcCall(joiner.httpUrl, 'system_health');
      if (health.isSyncing || health.peers < 2) return false;
      const hash = await rpcCall(joiner.httpUrl, 'chain_getFinalizedHead');
      syncedAt = parseInt((await rpcCall(joiner.httpUrl, 'chain_getHeader', [hash])).number, 16);
      return (await rpcCall(joiner.httpUrl, 'state_getRuntimeVersion', [hash])).specName === 'paradigm';
    }, { timeoutMs: 300_000, intervalMs: 500, message: `${joiner.name} still syncing; log ${joiner.logPath}` });
    assert.ok(syncedAt >= finalizedAtJoin, `joiner finalized #${syncedAt} >= network's #${finalizedAtJoin} at join time`);

    // Compare a finalized block on the joiner and on Alice's node. It is one block past the joiner's
    // first finalized head: the warp target has state but its parent does not, and polkadot.js reads
    // the runtime version of a block from its parent's state (api.at, historic queries).
    apiJoiner = cleanup.track(await connectApi(joiner.wsUrl));
    const number = syncedAt + 1;
    await waitForFinalized(apiJoiner, number, { timeoutMs: 60_000 });
    const hash = await rpcCall(joiner.httpUrl, 'chain_getBlockHash', [number]);
    assert.equal(await rpcCall(network.byName.alice.httpUrl, 'chain_getBlockHash', [number]), hash, `block #${number} is the same on both nodes`);
    const [headerJoiner, headerAlice] = await Promise.all([joiner, network.byName.alice].map((n) => rpcCall(n.httpUrl, 'chain_getHeader', [hash])));
    assert.deepEqual(headerJoiner, headerAlice, `header of #${number} ${hash} is the same on both nodes`);
    for (const who of [accounts.alice, accounts.charlie, accounts.eve]) {
      const [j, a] = await Promise.all([accountInfo(apiJoiner, who.address, hash), accountInfo(apiAlice, who.address, hash)]);
      assert.deepEqual(j, a, `${who.meta.name}: same account state at #${number}`);
    }
    const eve = await accountInfo(apiJoiner, accounts.eve.address, hash);
    assert.equal(eve.free, 1_000_000n * PAR + amount, "the joiner's state includes the early transfer");
    const issuance = await Promise.all([apiJoiner, apiAlice].map(async (api) => (await (await api.at(hash)).query.balances.totalIssuance()).toBigInt()));
    assert.equal(issuance[0], issuance[1], 'same total issuance');
    // Raw state root check: the whole state trie under the same root on both nodes.
    assert.equal(headerJoiner.stateRoot, headerAlice.stateRoot);

    // And it keeps following finality.
    await waitForFinalized(apiJoiner, number + 2, { timeoutMs: 60_000 });
    await waitForPeers(joiner, 2);
  });
});
