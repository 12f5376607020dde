// "polkadot.js apps works as the wallet": what apps does, done through @polkadot/api on `--dev`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { formatBalance } from '@polkadot/util';
import { checkAddress, decodeAddress, encodeAddress } from '@polkadot/util-crypto';

import {
  Cleanup, PAR, SS58_PREFIX, accountInfo, findEvent, freshAccount, rpcCall, signAndSendOk, startDevChain
} from '../lib/index.mjs';

describe('polkadot.js as the wallet (--dev)', { timeout: 300_000 }, () => {
  const cleanup = new Cleanup();
  let node, api, alice, bob;

  before(async () => {
    ({ node, api, accounts: { alice, bob } } = await startDevChain(cleanup, 'wallet'));
  });
  after(() => cleanup.run());

  it('loads metadata and the chain description', async () => {
    assert.ok(api.runtimeMetadata.version >= 14, `metadata v${api.runtimeMetadata.version}`);
    assert.equal(api.runtimeVersion.specName.toString(), 'paradigm');
    assert.equal((await api.rpc.system.chain()).toString(), 'Paradigm Development');
    for (const pallet of ['system', 'balances', 'transactionPayment', 'sudo', 'utility', 'revive']) {
      assert.ok(api.tx[pallet] || api.query[pallet], `pallet ${pallet} in metadata`);
    }
    assert.deepEqual(api.registry.chainDecimals, [8]);
    assert.deepEqual(api.registry.chainTokens, ['PAR']);
    assert.equal(api.registry.chainSS58, SS58_PREFIX);
  });

  it('formats balances as PAR with 8 decimals', () => {
    // What apps does on connect.
    formatBalance.setDefaults({ decimals: api.registry.chainDecimals[0], unit: api.registry.chainTokens[0] });
    assert.equal(formatBalance(PAR), '1.0000 PAR');
    assert.equal(formatBalance(123_456_789_012n, { withSi: true, forceUnit: '-' }), '1,234.5678 PAR');
    // All 8 decimals are significant: one base unit is 0.00000001 PAR.
    assert.equal(formatBalance(123_456_789_012n, { withSi: true, forceUnit: '-', withAll: true }), '1,234.56789012 PAR');
    assert.equal(formatBalance(1n, { withSi: true, forceUnit: '-', withAll: true }), '0.00000001 PAR');
    // Codec values format themselves from the chain's own properties.
    assert.equal(api.createType('Balance', 250_000_000n).toHuman(), '2.5000 PAR');
    assert.equal(formatBalance(api.consts.balances.existentialDeposit), '1.0000 mPAR');
  });

  it('estimates fees with paymentInfo', async () => {
    const info = await api.tx.balances.transferKeepAlive(bob.address, PAR).paymentInfo(alice.address);
    assert.ok(info.partialFee.toBigInt() > 0n && info.partialFee.toBigInt() < PAR / 100n, `fee ${info.partialFee.toHuman()}`);
    assert.ok(info.weight.refTime.toBigInt() > 0n);
    assert.equal(info.class.toString(), 'Normal');
  });

  for (const type of ['sr25519', 'ed25519', 'ecdsa']) {
    it(`a new ${type} account with an SS58-7272 address receives, signs and sends PAR`, async () => {
      const account = await freshAccount(type);
      assert.deepEqual(checkAddress(account.address, SS58_PREFIX), [true, null]);
      assert.equal(encodeAddress(decodeAddress(account.address), SS58_PREFIX), account.address);

      const funding = await signAndSendOk(api, api.tx.balances.transferKeepAlive(account.address, 3n * PAR), alice);
      const received = findEvent(funding.events, 'balances', 'Transfer');
      assert.equal(received.data.to.toString(), account.address);
      assert.equal((await accountInfo(api, account.address)).free, 3n * PAR);

      const amount = PAR;
      const r = await signAndSendOk(api, api.tx.balances.transferKeepAlive(bob.address, amount), account);
      const transfer = findEvent(r.events, 'balances', 'Transfer');
      assert.ok(transfer, 'balances.Transfer decoded');
      assert.deepEqual(transfer.data.names, ['from', 'to', 'amount']);
      assert.equal(transfer.data.from.toString(), account.address);
      assert.equal(transfer.data.to.toString(), bob.address);
      assert.equal(transfer.data.amount.toBigInt(), amount);
      const after = await accountInfo(api, account.address, r.blockHash);
      assert.equal(after.free, 3n * PAR - amount - r.fee.actualFee);
      assert.equal(after.nonce, 1);
    });
  }

  it('answers system_accountNextIndex for an SS58-7272 address (nonce RPC used by wallets and scripts)', async () => {
    // The node must accept its own chain's address format in RPC parameters. Substrate only
    // accepts a custom (unregistered) prefix such as 7272 when the node calls
    // sp_core::crypto::set_default_ss58_version at start-up.
    const onChain = (await api.call.accountNonceApi.accountNonce(alice.address)).toNumber();
    const viaRpc = await rpcCall(node.httpUrl, 'system_accountNextIndex', [alice.address]);
    assert.equal(viaRpc, onChain);
  });

  it('derives balances as apps shows them (api.derive.balances.all)', async () => {
    const all = await api.derive.balances.all(alice.address);
    const info = await accountInfo(api, alice.address);
    assert.equal(all.accountId.toString(), alice.address);
    assert.equal(all.freeBalance.toBigInt(), info.free);
    assert.equal(all.reservedBalance.toBigInt(), info.reserved);
    assert.ok(all.availableBalance.toBigInt() > 0n && all.availableBalance.toBigInt() <= info.free);
    assert.equal(all.accountNonce.toNumber(), info.nonce);
    assert.deepEqual(all.lockedBreakdown, []);
  });

  it('sends a utility.batchAll of transfers, as apps does for multiple payouts', async () => {
    const [x, y] = [await freshAccount(), await freshAccount()];
    const r = await signAndSendOk(api, api.tx.utility.batchAll([
      api.tx.balances.transferKeepAlive(x.address, PAR),
      api.tx.balances.transferKeepAlive(y.address, 2n * PAR)
    ]), alice);
    assert.ok(findEvent(r.events, 'utility', 'BatchCompleted'));
    assert.equal((await accountInfo(api, x.address, r.blockHash)).free, PAR);
    assert.equal((await accountInfo(api, y.address, r.blockHash)).free, 2n * PAR);
  });
});
