// Crash and restart: a `--dev` node with a persistent base path is SIGKILLed after a finalized
// transfer and restarted on the same database; nothing finalized is lost and authoring resumes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  Cleanup, PAR, accountInfo, bestNumber, connectApi, devAccounts, finalizedNumber, makeTempDir,
  removeDir, signAndSendOk, startNode, waitForBlock, waitForFinalized
} from '../lib/index.mjs';

describe('restart after SIGKILL (--dev, persistent base path)', { timeout: 300_000 }, () => {
  const cleanup = new Cleanup();
  const basePath = makeTempDir('paradigm-restart-');
  cleanup.defer(() => removeDir(basePath));
  after(() => cleanup.run());

  let accounts;
  before(async () => { accounts = await devAccounts(); });

  it('keeps finalized blocks and balances across a crash and continues producing blocks', async () => {
    const { alice, bob } = accounts;
    const amount = 5n * PAR;

    // First life: transfer, wait until it is finalized, then crash.
    const first = await startNode({ name: 'restart-1', dev: true, basePath });
    cleanup.track(first);
    let api = await connectApi(first.wsUrl);
    const bobInitial = (await accountInfo(api, bob.address)).free;
    const r = await signAndSendOk(api, api.tx.balances.transferKeepAlive(bob.address, amount), alice, { until: 'finalized' });
    await waitForFinalized(api, r.blockNumber + 1);
    const finalizedBefore = await finalizedNumber(api);
    const bestBefore = await bestNumber(api);
    const aliceBefore = await accountInfo(api, alice.address, r.blockHash);
    await api.disconnect();
    await first.kill();
    assert.equal(first.exitStatus.signal, 'SIGKILL');

    // Second life on the same database.
    const second = cleanup.track(await startNode({ name: 'restart-2', dev: true, basePath }));
    api = cleanup.track(await connectApi(second.wsUrl));
    const finalizedAfter = await finalizedNumber(api);
    assert.ok(finalizedAfter >= finalizedBefore, `finalized height after restart #${finalizedAfter} >= #${finalizedBefore} before`);
    assert.equal((await api.rpc.chain.getBlockHash(r.blockNumber)).toHex(), r.blockHash, 'the transfer block is still canonical');
    assert.ok((await bestNumber(api)) >= Math.min(bestBefore, finalizedBefore), 'best block not behind the finalized one');

    const bobNow = await accountInfo(api, bob.address);
    assert.equal(bobNow.free, bobInitial + amount, "Bob's balance still includes the transfer");
    const aliceNow = await accountInfo(api, alice.address);
    assert.equal(aliceNow.free, aliceBefore.free, "Alice's balance is as after the transfer");
    assert.equal(aliceNow.nonce, aliceBefore.nonce);

    // Authoring and finality resume.
    const resumeFrom = await bestNumber(api);
    await waitForBlock(api, resumeFrom + 3, { timeoutMs: 60_000 });
    await waitForFinalized(api, resumeFrom + 2, { timeoutMs: 60_000 });
    // And the node still accepts transactions.
    await signAndSendOk(api, api.tx.balances.transferKeepAlive(bob.address, amount), alice);
  });
});
