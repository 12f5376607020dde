// `paradigm-node --dev`: blocks, finality, chain properties and a fee-paying transfer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  Cleanup, EXISTENTIAL_DEPOSIT, PAR, SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, accountInfo, finalizedNumber, findEvent, rpcCall, signAndSendOk, startDevChain, waitForFinalized, waitForHead
} from '../lib/index.mjs';

describe('paradigm-node --dev', { timeout: 300_000 }, () => {
  const cleanup = new Cleanup();
  let node, api, alice, bob;

  before(async () => {
    ({ node, api, accounts: { alice, bob } } = await startDevChain(cleanup, 'dev'));
  });
  after(() => cleanup.run());

  it('produces blocks and finalizes them, finality trailing the best block closely', async () => {
    const start = await finalizedNumber(api);
    await waitForFinalized(api, start + 3, { timeoutMs: 60_000 });
    // At each of the next 5 best blocks, compare the finalized height with the best height.
    const lags = [];
    await waitForHead(api, 'best', (header) => {
      lags.push(header.number.toNumber());
      return lags.length >= 5;
    }, { timeoutMs: 60_000, what: '5 new best blocks' });
    const finalizedAfter = await finalizedNumber(api);
    const bestAfter = (await api.rpc.chain.getHeader()).number.toNumber();
    assert.ok(finalizedAfter >= start + 3, `finalized head advanced: ${start} -> ${finalizedAfter}`);
    assert.ok(bestAfter - finalizedAfter <= 3, `finalized #${finalizedAfter} lags best #${bestAfter} by more than 3 blocks`);
    // The finalized block is on the best chain.
    const finalizedHash = await api.rpc.chain.getFinalizedHead();
    assert.equal((await api.rpc.chain.getBlockHash(finalizedAfter)).toHex(), finalizedHash.toHex());
  });

  it('reports PAR, 8 decimals and SS58 prefix 7272 as chain properties', async () => {
    const properties = await rpcCall(node.httpUrl, 'system_properties');
    assert.deepEqual(properties, { tokenSymbol: TOKEN_SYMBOL, tokenDecimals: TOKEN_DECIMALS, ss58Format: SS58_PREFIX });
    assert.equal(api.registry.chainSS58, SS58_PREFIX);
    assert.equal(api.consts.system.ss58Prefix.toNumber(), SS58_PREFIX);
  });

  it('has an existential deposit of 100000 base units (0.001 PAR)', () => {
    assert.equal(api.consts.balances.existentialDeposit.toBigInt(), EXISTENTIAL_DEPOSIT);
  });

  it('includes and finalizes a signed transfer; balances move by exactly amount and amount + fee', async () => {
    const amount = 12_345n * PAR / 100n; // 123.45 PAR
    const estimate = (await api.tx.balances.transferKeepAlive(bob.address, amount).paymentInfo(alice)).partialFee.toBigInt();
    assert.ok(estimate > 0n, `fee estimate ${estimate} is positive`);
    assert.ok(estimate < PAR / 100n, `fee estimate ${estimate} is below 0.01 PAR`);

    const r = await signAndSendOk(api, api.tx.balances.transferKeepAlive(bob.address, amount), alice, { until: 'finalized' });
    assert.ok(await finalizedNumber(api) >= r.blockNumber);

    const transfer = findEvent(r.events, 'balances', 'Transfer');
    assert.ok(transfer, 'balances.Transfer event emitted');
    assert.equal(transfer.data.from.toString(), alice.address);
    assert.equal(transfer.data.to.toString(), bob.address);
    assert.equal(transfer.data.amount.toBigInt(), amount);

    assert.ok(r.fee, 'transactionPayment.TransactionFeePaid event emitted');
    assert.equal(r.fee.who, alice.address);
    assert.equal(r.fee.tip, 0n);
    assert.equal(r.fee.actualFee, estimate, `fee paid ${r.fee.actualFee} equals the paymentInfo estimate ${estimate}`);

    const { parentHash } = await api.rpc.chain.getHeader(r.blockHash);
    const [aliceBefore, aliceAfter, bobBefore, bobAfter] = await Promise.all([
      accountInfo(api, alice.address, parentHash), accountInfo(api, alice.address, r.blockHash),
      accountInfo(api, bob.address, parentHash), accountInfo(api, bob.address, r.blockHash)
    ]);
    assert.equal(bobAfter.free - bobBefore.free, amount, 'Bob receives exactly the amount');
    assert.equal(aliceBefore.free - aliceAfter.free, amount + r.fee.actualFee, 'Alice pays exactly amount + fee');
    assert.equal(aliceAfter.nonce, aliceBefore.nonce + 1);

    // Fees are burned: total issuance drops by exactly the fee.
    const issuanceBefore = (await (await api.at(parentHash)).query.balances.totalIssuance()).toBigInt();
    const issuanceAfter = (await (await api.at(r.blockHash)).query.balances.totalIssuance()).toBigInt();
    assert.equal(issuanceBefore - issuanceAfter, r.fee.actualFee, 'the fee is burned');
  });
});
