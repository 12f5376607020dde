// Bad input on `--dev`: undecodable bytes and forged signatures are refused at the RPC boundary
// without touching state; failing transfers are included, pay their fee and change nothing else.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { u8aToHex } from '@polkadot/util';

import {
  Cleanup, EXISTENTIAL_DEPOSIT, PAR, RpcError, accountInfo, bestNumber, freshAccount, rpcCall, signAndSend, signAndSendOk, startDevChain, waitForBlock
} from '../lib/index.mjs';

/** Index of `needle` in `haystack` (both Uint8Array), or -1. */
function indexOfBytes (haystack, needle) {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

async function submitRaw (node, hex) {
  try {
    const result = await rpcCall(node.httpUrl, 'author_submitExtrinsic', [hex]);
    return { result };
  } catch (e) {
    if (e instanceof RpcError) return { error: e };
    throw e;
  }
}

describe('bad input on --dev', { timeout: 300_000 }, () => {
  const cleanup = new Cleanup();
  let node, api, alice, bob, charlie;

  before(async () => {
    ({ node, api, accounts: { alice, bob, charlie } } = await startDevChain(cleanup, 'bad-input'));
    await waitForBlock(api, 1);
  });
  after(() => cleanup.run());

  it('refuses malformed and forged extrinsics over RPC and changes nothing', async () => {
    const startBlock = await bestNumber(api);
    const [aliceBefore, bobBefore, charlieBefore] = await Promise.all(
      [alice, bob, charlie].map((a) => accountInfo(api, a.address)));

    // 1. Bytes that are not an extrinsic at all: the node cannot even split them off as one
    //    (upstream sc-rpc answers 1040 "Client error: Could not decode `OpaqueExtrinsic.0`").
    const garbage = await submitRaw(node, '0xdeadbeef');
    assert.ok(garbage.error, `garbage bytes were accepted: ${JSON.stringify(garbage.result)}`);
    assert.equal(garbage.error.code, 1040, garbage.error.message);
    assert.match(garbage.error.message, /Could not decode/);

    // 2. A correctly length-prefixed blob whose content is not a valid extrinsic of this runtime.
    //    The runtime refuses to decode it while validating (upstream: it panics with "Bad input data
    //    provided to validate_transaction", which the RPC reports as 1002 Verification Error).
    const badBody = await submitRaw(node, '0x1004ffffffff');
    assert.ok(badBody.error, `undecodable extrinsic was accepted: ${JSON.stringify(badBody.result)}`);
    assert.equal(badBody.error.code, 1002, badBody.error.message);
    assert.match(badBody.error.rpcMessage, /^Verification Error: Runtime error/);
    await node.waitForLog(/Bad input data provided to validate_transaction/, { timeoutMs: 5_000 });

    // 3. A well-formed transfer whose signature was corrupted after signing.
    const nonce = aliceBefore.nonce;
    const signed = await api.tx.balances.transferKeepAlive(charlie.address, PAR).signAsync(alice, { nonce });
    const bytes = signed.toU8a();
    const signatureAt = indexOfBytes(bytes, signed.signature.toU8a());
    assert.ok(signatureAt > 0, 'signature found in the encoded extrinsic');
    const corrupted = bytes.slice();
    corrupted[signatureAt + 10] ^= 0xff;
    const corruptedResult = await submitRaw(node, u8aToHex(corrupted));
    assert.ok(corruptedResult.error, 'corrupted signature was accepted');
    assert.equal(corruptedResult.error.code, 1010, corruptedResult.error.message);
    assert.match(`${corruptedResult.error.message} ${corruptedResult.error.data}`, /bad signature/i);

    // 4. Bob's valid signature presented as Alice's: Bob signs, the signer field is set to Alice.
    const byBob = await api.tx.balances.transferKeepAlive(charlie.address, PAR).signAsync(bob, { nonce });
    const forged = byBob.toU8a().slice();
    const signerAt = indexOfBytes(forged, bob.publicKey);
    assert.ok(signerAt > 0, 'signer found in the encoded extrinsic');
    forged.set(alice.publicKey, signerAt);
    const forgedResult = await submitRaw(node, u8aToHex(forged));
    assert.ok(forgedResult.error, 'forged signer was accepted');
    assert.equal(forgedResult.error.code, 1010, forgedResult.error.message);
    assert.match(`${forgedResult.error.message} ${forgedResult.error.data}`, /bad signature/i);

    // Nothing was queued and, over the next 3 blocks, nothing was included.
    assert.deepEqual((await api.rpc.author.pendingExtrinsics()).map((x) => x.toHex()), []);
    const endBlock = startBlock + 3;
    await waitForBlock(api, endBlock, { timeoutMs: 30_000 });
    for (let n = startBlock + 1; n <= endBlock; n++) {
      const block = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(n));
      const signedCount = block.block.extrinsics.filter((x) => x.isSigned).length;
      assert.equal(signedCount, 0, `block #${n} contains ${signedCount} signed extrinsic(s)`);
    }
    const [aliceAfter, bobAfter, charlieAfter] = await Promise.all(
      [alice, bob, charlie].map((a) => accountInfo(api, a.address)));
    assert.deepEqual(aliceAfter, aliceBefore, "Alice's balance and nonce are unchanged");
    assert.deepEqual(bobAfter, bobBefore, "Bob's balance and nonce are unchanged");
    assert.deepEqual(charlieAfter, charlieBefore, "Charlie's balance is unchanged");
    assert.equal((await api.call.accountNonceApi.accountNonce(alice.address)).toNumber(), aliceBefore.nonce);
  });

  it('fails a transfer below the existential deposit to a fresh account; only the fee is charged', async () => {
    const fresh = await freshAccount();
    const r = await signAndSend(api, api.tx.balances.transferAllowDeath(fresh.address, EXISTENTIAL_DEPOSIT - 1n), alice);
    assert.equal(r.ok, false, 'transfer below the existential deposit succeeded');
    assert.equal(r.error.text, 'Token.BelowMinimum', `dispatch error: ${JSON.stringify(r.error)}`);
    assert.ok(r.fee && r.fee.actualFee > 0n, 'the failed transfer paid a fee');

    const { parentHash } = await api.rpc.chain.getHeader(r.blockHash);
    const aliceBefore = await accountInfo(api, alice.address, parentHash);
    const aliceAfter = await accountInfo(api, alice.address, r.blockHash);
    assert.equal(aliceBefore.free - aliceAfter.free, r.fee.actualFee, 'Alice is charged the fee only');
    assert.equal((await accountInfo(api, fresh.address, r.blockHash)).free, 0n, 'the fresh account was not created');
  });

  it('fails a transfer beyond the sender balance; only the fee is charged', async () => {
    const sender = await freshAccount();
    await signAndSendOk(api, api.tx.balances.transferKeepAlive(sender.address, PAR), alice);
    assert.equal((await accountInfo(api, sender.address)).free, PAR);

    const r = await signAndSend(api, api.tx.balances.transferAllowDeath(bob.address, 2n * PAR), sender);
    assert.equal(r.ok, false, 'overspending transfer succeeded');
    assert.equal(r.error.text, 'Token.FundsUnavailable', `dispatch error: ${JSON.stringify(r.error)}`);

    const { parentHash } = await api.rpc.chain.getHeader(r.blockHash);
    const [senderBefore, senderAfter, bobBefore, bobAfter] = await Promise.all([
      accountInfo(api, sender.address, parentHash), accountInfo(api, sender.address, r.blockHash),
      accountInfo(api, bob.address, parentHash), accountInfo(api, bob.address, r.blockHash)
    ]);
    assert.equal(senderBefore.free - senderAfter.free, r.fee.actualFee, 'the sender is charged the fee only');
    assert.equal(senderAfter.nonce, senderBefore.nonce + 1);
    assert.equal(bobAfter.free, bobBefore.free, "Bob's balance is unchanged");
  });
});
