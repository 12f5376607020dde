// `--chain local`: two validators (Alice, Bob) on one machine. Both author blocks in turn, both
// finalize, and a transfer sent to one node is finalized on the other.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { u8aToHex } from '@polkadot/util';
import { sr25519Verify } from '@polkadot/util-crypto';

import {
  Cleanup, PAR, auraAuthor, connectApi, devAccounts, eventsAt, finalizedNumber, signAndSendOk,
  startValidatorNetwork, waitForFinalized
} from '../lib/index.mjs';

/** Checks the Aura seal of `header`: signed by `authorPublicKey` over the pre-seal header hash. */
function sealIsValid (api, header, authorPublicKey) {
  const logs = header.digest.logs;
  const seal = logs[logs.length - 1];
  assert.ok(seal.isSeal && seal.asSeal[0].isAura, `block #${header.number} ends with an Aura seal`);
  const preSeal = api.createType('Header', {
    parentHash: header.parentHash,
    number: header.number,
    stateRoot: header.stateRoot,
    extrinsicsRoot: header.extrinsicsRoot,
    digest: { logs: logs.slice(0, -1) }
  });
  return sr25519Verify(preSeal.hash, seal.asSeal[1].toU8a(true), authorPublicKey);
}

describe('two-validator local network (--chain local)', { timeout: 300_000 }, () => {
  const cleanup = new Cleanup();
  let network, apiAlice, apiBob, accounts;

  before(async () => {
    network = await startValidatorNetwork({ chain: 'local', validators: ['alice', 'bob'], namePrefix: 'local-' });
    cleanup.defer(() => network.stop());
    apiAlice = cleanup.track(await connectApi(network.byName.alice.wsUrl));
    apiBob = cleanup.track(await connectApi(network.byName.bob.wsUrl));
    accounts = await devAccounts();
  });
  after(() => cleanup.run());

  it('both validators author blocks, each sealed by the slot owner', async () => {
    await waitForFinalized(apiAlice, 10, { timeoutMs: 120_000 });
    const aliceKey = u8aToHex(accounts.alice.publicKey);
    const bobKey = u8aToHex(accounts.bob.publicKey);
    const authors = [];
    for (let n = 1; n <= 10; n++) {
      const header = await apiAlice.rpc.chain.getHeader(await apiAlice.rpc.chain.getBlockHash(n));
      const { slot, author } = await auraAuthor(apiAlice, header);
      assert.ok([aliceKey, bobKey].includes(author), `block #${n} slot ${slot}: author ${author} is Alice or Bob`);
      assert.ok(sealIsValid(apiAlice, header, author), `block #${n}: seal verifies with the slot owner's key`);
      authors.push(author === aliceKey ? 'A' : 'B');
    }
    const alternations = authors.slice(1).filter((a, i) => a !== authors[i]).length;
    const count = (x) => authors.filter((a) => a === x).length;
    assert.ok(count('A') >= 3 && count('B') >= 3, `both author: ${authors.join('')}`);
    // Slots alternate between the two; a same-author pair only appears when a slot was missed.
    assert.ok(alternations >= 6, `authors mostly alternate: ${authors.join('')}`);
  });

  it('both nodes finalize the same chain', async () => {
    const target = (await finalizedNumber(apiAlice)) + 2;
    await Promise.all([waitForFinalized(apiAlice, target), waitForFinalized(apiBob, target)]);
    const [a, b] = await Promise.all([apiAlice.rpc.chain.getBlockHash(target), apiBob.rpc.chain.getBlockHash(target)]);
    assert.equal(a.toHex(), b.toHex(), `block #${target} is the same on both nodes`);
  });

  it("a transfer submitted to Bob's node is finalized on Alice's node", async () => {
    const amount = 42n * PAR;
    const { dave, ferdie } = accounts;
    const r = await signAndSendOk(apiBob, apiBob.tx.balances.transferKeepAlive(ferdie.address, amount), dave, { until: 'inBlock' });
    await waitForFinalized(apiAlice, r.blockNumber, { timeoutMs: 60_000 });
    const canonical = await apiAlice.rpc.chain.getBlockHash(r.blockNumber);
    assert.equal(canonical.toHex(), r.blockHash, `the inclusion block #${r.blockNumber} is final on Alice's node`);
    const events = await eventsAt(apiAlice, r.blockHash);
    const transfer = events.find(({ event }) => apiAlice.events.balances.Transfer.is(event) &&
      event.data.from.toString() === dave.address && event.data.to.toString() === ferdie.address);
    assert.ok(transfer, "Alice's node sees the balances.Transfer event");
    assert.equal(transfer.event.data.amount.toBigInt(), amount);
  });
});
