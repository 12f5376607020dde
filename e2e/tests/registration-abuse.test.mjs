// Abusing contributor registration on `paradigm-node --dev`: the unsigned `usefulWork.register`
// carries (who, anchor, nonce, signature); the chain rebuilds the payload from `who`, `anchor` and
// its own hash of block `anchor`, checks the anchor, then the proof of work, then the signature.
// Too little work, anchors in the future, payloads naming another hash for the anchor, a replay of a
// registration while it is live, and someone else's signature or work for an account are all
// refused by the pool, each with its pallet error, and leave the account unregistered.
//
// Not covered here: an anchor older than the window (200 blocks, about 7 minutes on --dev), and
// so the replay of a registration after its account left (deregister), which the chain accepts
// until its anchor expires. The pallet's unit tests cover both
// (pallets/useful-work/src/tests/registration.rs: anchors_must_be_known_past_blocks_within_the_window,
// a_registration_replayed_after_leaving_is_refused_once_its_anchor_expired).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hexToU8a, u8aEq } from '@polkadot/util';
import { decodeAddress, randomAsU8a } from '@polkadot/util-crypto';

import {
  Cleanup, MAX_REGISTRATION_DIFFICULTY, REGISTRATION_PAYLOAD_LENGTH, bestNumber, findEvent, finalizedNumber, freeBalance,
  freshAccount, leadingZeroBits, parseRegistrationPayload, register, registrationDifficulty, registrationPayload,
  registrationSignature, registrationTicket, registrationWork, rpcCall, sendUnsignedOk, signAndSendOk,
  solveRegistrationWork, startDevChain, submitExpectingRefusal, waitForFinalized, waitForNewBlocks
} from '../lib/index.mjs';

describe('registration abuse on a dev node', { timeout: 300_000 }, () => {
  const cleanup = new Cleanup();
  let node, api;

  const contributor = (address) => rpcCall(node.httpUrl, 'usefulWork_contributor', [address]);
  const refusal = (tx) => submitExpectingRefusal(api, node.httpUrl, tx);
  /** Bits that pass the pool's work check now: the ticket's difficulty or the chain's, if higher. */
  const passingDifficulty = async (ticket) => Math.max(ticket.difficulty, await registrationDifficulty(api));
  /** A nonce whose work over `payload` has no leading zero bit: too little for any difficulty. */
  const lazyNonce = (payload, start = 0) => {
    for (let nonce = start; ; nonce++) if (leadingZeroBits(registrationWork(payload, nonce)) === 0) return nonce;
  };

  async function assertUnregistered (address, what) {
    assert.equal(await contributor(address), null, `${what}: the RPC reports a contributor`);
    assert.ok((await api.query.usefulWork.contributors(address)).isNone, `${what}: the account is in storage`);
  }

  function assertRefusedWith (refused, name, what) {
    assert.equal(refused.code, 1010, `${what}: ${refused.message} ${refused.data ?? ''}`);
    assert.equal(refused.name, name, `${what}: refused with ${JSON.stringify(refused)}`);
  }

  before(async () => {
    ({ node, api } = await startDevChain(cleanup, 'registration-abuse'));
    // Anchors are finalized blocks: start from a real one rather than genesis.
    await waitForFinalized(api, 1);
  });
  after(() => cleanup.run());

  it('hands out a ticket naming the account, a finalized anchor, its hash and the difficulty', async () => {
    const who = await freshAccount();
    const ticket = await registrationTicket(node.httpUrl, who.address);
    assert.equal(ticket.payload.length, REGISTRATION_PAYLOAD_LENGTH);
    const parsed = parseRegistrationPayload(ticket.payload);
    assert.ok(u8aEq(parsed.account, decodeAddress(who.address)), 'the payload names the account');
    assert.equal(parsed.anchor, ticket.anchor);
    assert.ok(ticket.anchor <= await finalizedNumber(api), `anchor #${ticket.anchor} is finalized`);
    assert.equal(parsed.anchorHash, (await api.rpc.chain.getBlockHash(ticket.anchor)).toHex(), "the payload names the anchor's hash");
    const base = api.consts.usefulWork.baseRegistrationDifficulty.toNumber();
    assert.ok(base >= 1, 'registration is not free in work');
    assert.ok(ticket.difficulty >= base && ticket.difficulty <= MAX_REGISTRATION_DIFFICULTY, `difficulty ${ticket.difficulty} (base ${base})`);
    assert.equal(api.consts.usefulWork.registrationAnchorWindow.toNumber(), 200);
  });

  it('refuses a registration whose work is below the difficulty; the same ticket with the work done registers', async () => {
    const who = await freshAccount();
    const ticket = await registrationTicket(node.httpUrl, who.address);
    const signature = registrationSignature(who, ticket.payload);

    // Everything right but the work: a nonce with no leading zero bit at all.
    const lazy = lazyNonce(ticket.payload);
    const refused = await refusal(api.tx.usefulWork.register(who.address, ticket.anchor, lazy, signature));
    assertRefusedWith(refused, 'RegistrationWorkTooLow', 'lazy work');

    // Nothing was queued, and a few blocks later the account is still not a contributor.
    const pending = await api.rpc.author.pendingExtrinsics();
    assert.ok(!pending.some((x) => x.method.section === 'usefulWork' && x.method.method === 'register'), 'the refused registration is not in the pool');
    await waitForNewBlocks(api, 2);
    await assertUnregistered(who.address, 'after the refused registration');
    assert.equal(await freeBalance(api, who.address), 0n);

    // The control: only the nonce changes, and the registration goes through.
    const nonce = solveRegistrationWork(ticket.payload, await passingDifficulty(ticket));
    const included = await sendUnsignedOk(api, api.tx.usefulWork.register(who.address, ticket.anchor, nonce, signature));
    assert.ok(findEvent(included.events, 'usefulWork', 'Registered'));
    assert.notEqual(await contributor(who.address), null);
  });

  it('refuses anchors in the future and payloads that name another hash for the anchor', async () => {
    const who = await freshAccount();
    const ticket = await registrationTicket(node.httpUrl, who.address);
    const difficulty = await passingDifficulty(ticket);

    // 1. An anchor far in the future, with work and signature over its (made-up) payload.
    const future = await bestNumber(api) + 1_000;
    const futurePayload = registrationPayload(who.address, future, randomAsU8a(32));
    const futureTx = api.tx.usefulWork.register(
      who.address, future, solveRegistrationWork(futurePayload, difficulty), registrationSignature(who, futurePayload));
    assertRefusedWith(await refusal(futureTx), 'BadRegistrationAnchor', 'future anchor');

    // A payload for the real anchor number with one bit of the anchor's hash flipped: what a
    // signature made for another chain (or another fork) looks like. The call does not carry the
    // hash: the chain rebuilds the payload with its own hash, so the forgery shows up as work or a
    // signature over other bytes, not as BadRegistrationAnchor.
    const otherHash = hexToU8a(ticket.anchorHash);
    otherHash[31] ^= 0x01;
    const forged = registrationPayload(who.address, ticket.anchor, otherHash);
    assert.notDeepEqual(forged, ticket.payload);

    // 2. Work and signature both over the forged payload. The nonce is picked to meet the
    //    difficulty for the forged payload and to have no leading zero bit for the chain's, so the
    //    outcome does not depend on chance.
    let forgedNonce = 0;
    for (;;) {
      forgedNonce = solveRegistrationWork(forged, difficulty, { start: forgedNonce });
      if (leadingZeroBits(registrationWork(ticket.payload, forgedNonce)) === 0) break;
      forgedNonce += 1;
    }
    const forgedTx = api.tx.usefulWork.register(who.address, ticket.anchor, forgedNonce, registrationSignature(who, forged));
    assertRefusedWith(await refusal(forgedTx), 'RegistrationWorkTooLow', 'work and signature over another anchor hash');

    // 3. Work over the chain's payload, signature over the forged one: only the signature is wrong.
    const nonce = solveRegistrationWork(ticket.payload, difficulty);
    const signedElsewhere = api.tx.usefulWork.register(who.address, ticket.anchor, nonce, registrationSignature(who, forged));
    assertRefusedWith(await refusal(signedElsewhere), 'BadRegistrationSignature', 'signature over another anchor hash');

    await waitForNewBlocks(api, 2);
    await assertUnregistered(who.address, 'after the forged anchors');
  });

  it('refuses a registration replayed while it is live, or for another account', async () => {
    const owner = await freshAccount();
    const ticket = await registrationTicket(node.httpUrl, owner.address);
    const nonce = solveRegistrationWork(ticket.payload, await passingDifficulty(ticket));
    const signature = registrationSignature(owner, ticket.payload);
    const original = api.tx.usefulWork.register(owner.address, ticket.anchor, nonce, signature);
    const originalHex = original.toHex();
    const included = await sendUnsignedOk(api, original);
    assert.ok(findEvent(included.events, 'usefulWork', 'Registered'));

    // The very same bytes again. The pool may refuse them before asking the runtime (a recently
    // included transaction is banned for a while: 1012; or still known: 1013); if it asks, the
    // runtime answers AlreadyRegistered.
    const replayed = await refusal(originalHex);
    assert.ok(
      replayed.name === 'AlreadyRegistered' || replayed.code === 1012 || replayed.code === 1013,
      `exact replay: refused with ${JSON.stringify(replayed)}`
    );
    // A fresh registration of the same account (new ticket, new signature, other bytes) reaches the
    // runtime for sure: AlreadyRegistered.
    const second = await registrationTicket(node.httpUrl, owner.address);
    const secondTx = api.tx.usefulWork.register(
      owner.address, second.anchor, solveRegistrationWork(second.payload, await passingDifficulty(second)),
      registrationSignature(owner, second.payload));
    assertRefusedWith(await refusal(secondTx), 'AlreadyRegistered', 'registering twice');

    // The owner leaves (signed, feeless: it holds no PAR).
    const left = await signAndSendOk(api, api.tx.usefulWork.deregister(), owner);
    assert.ok(findEvent(left.events, 'usefulWork', 'Deregistered'));
    await assertUnregistered(owner.address, 'after deregister');
    assert.equal(await freeBalance(api, owner.address), 0n, 'leaving was free');
    // Resubmitting the owner's old extrinsic now would put it back while the anchor is within the
    // window; refusing that is the anchor's expiry, covered by the pallet's unit tests (see the top
    // of this file). What the anchor cannot help with, and the signature must: using the owner's
    // registration for another account.

    const victim = await freshAccount();
    // The owner's anchor, nonce and signature with `who` swapped. The owner's work rarely meets
    // the victim's payload, and the owner's signature never does.
    const swapped = await refusal(api.tx.usefulWork.register(victim.address, ticket.anchor, nonce, signature));
    assert.equal(swapped.code, 1010, swapped.message);
    assert.ok(['RegistrationWorkTooLow', 'BadRegistrationSignature'].includes(swapped.name), `who swapped: ${JSON.stringify(swapped)}`);

    // With the work redone for the victim's payload, only the signature is left, and it is the
    // owner's: over the owner's payload, or over the victim's payload but by the owner's key.
    const victimPayload = registrationPayload(victim.address, ticket.anchor, ticket.anchorHash);
    const victimNonce = solveRegistrationWork(victimPayload, await passingDifficulty(ticket));
    const ownersSignature = await refusal(api.tx.usefulWork.register(victim.address, ticket.anchor, victimNonce, signature));
    assertRefusedWith(ownersSignature, 'BadRegistrationSignature', "the owner's signature of its own payload");
    const wrongKey = await refusal(
      api.tx.usefulWork.register(victim.address, ticket.anchor, victimNonce, registrationSignature(owner, victimPayload)));
    assertRefusedWith(wrongKey, 'BadRegistrationSignature', "the victim's payload signed by the owner's key");

    await waitForNewBlocks(api, 2);
    await assertUnregistered(victim.address, 'the victim');

    // The victim can still register itself.
    const own = await register(api, node.httpUrl, victim);
    assert.ok(findEvent(own.events, 'usefulWork', 'Registered'));
  });
});
