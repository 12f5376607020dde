// `--chain paradigm-local`: the live genesis (zero issuance, no sudo) with Alice and Bob as
// validators. Nobody holds PAR, so nobody can pay a fee.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  Cleanup, PAR, SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, connectApi, devAccounts, rpcCall,
  signAndSend, startValidatorNetwork, waitForFinalized
} from '../lib/index.mjs';

describe('paradigm-local (live genesis, two validators)', { timeout: 300_000 }, () => {
  const cleanup = new Cleanup();
  let network, api, accounts;

  before(async () => {
    network = await startValidatorNetwork({ chain: 'paradigm-local', validators: ['alice', 'bob'], namePrefix: 'plocal-' });
    cleanup.defer(() => network.stop());
    api = cleanup.track(await connectApi(network.byName.alice.wsUrl));
    accounts = await devAccounts();
  });
  after(() => cleanup.run());

  it('produces and finalizes blocks', async () => {
    await waitForFinalized(api, 3, { timeoutMs: 90_000 });
  });

  it('reports PAR, 8 decimals and SS58 prefix 7272', async () => {
    const properties = await rpcCall(network.byName.alice.httpUrl, 'system_properties');
    assert.deepEqual(properties, { tokenSymbol: TOKEN_SYMBOL, tokenDecimals: TOKEN_DECIMALS, ss58Format: SS58_PREFIX });
  });

  it('has zero total issuance at genesis and at the finalized head, and no funded account', async () => {
    const genesis = await api.rpc.chain.getBlockHash(0);
    const finalized = await api.rpc.chain.getFinalizedHead();
    for (const [label, hash] of [['genesis', genesis], ['finalized', finalized]]) {
      const at = await api.at(hash);
      const funded = (await at.query.system.account.entries())
        .filter(([, info]) => info.data.free.toBigInt() + info.data.reserved.toBigInt() > 0n)
        .map(([key, info]) => `${key.args[0].toString()} (0x${Buffer.from(key.args[0].toU8a()).toString('hex')}, "${Buffer.from(key.args[0].toU8a()).toString('latin1').replace(/[^\x20-\x7e]/g, '.')}") free=${info.data.free.toBigInt()}`);
      const issuance = (await at.query.balances.totalIssuance()).toBigInt();
      assert.equal(issuance, 0n, `total issuance at ${label} is ${issuance}; funded accounts: ${funded.join('; ') || 'none'}`);
      assert.equal((await at.query.balances.inactiveIssuance()).toBigInt(), 0n, `inactive issuance at ${label}`);
      assert.deepEqual(funded, [], `accounts with funds at ${label}`);
    }
    assert.equal((await api.query.system.account(accounts.alice.address)).data.free.toBigInt(), 0n);
  });

  it('has no sudo key', async () => {
    assert.ok(api.query.sudo, 'the Sudo pallet is present');
    const key = await api.query.sudo.key();
    assert.ok(key.isNone, `sudo key is ${key.toString()}`);
  });

  it('rejects a transfer from Alice: she cannot pay the fee', async () => {
    const tx = api.tx.balances.transferKeepAlive(accounts.bob.address, PAR);
    await assert.rejects(signAndSend(api, tx, accounts.alice), (e) => {
      assert.match(e.message, /1010/);
      assert.match(e.message, /Inability to pay some fees/);
      return true;
    });
    assert.equal((await api.rpc.author.pendingExtrinsics()).length, 0, 'nothing queued');
  });
});
