// Governance through real extrinsics: propose a call on a track (pallet-referenda), vote with
// earned reputation (pallet-work-voting), and follow the referendum to its enactment by the
// scheduler. The same flows as runtime/tests/governance.rs, over RPC.
import { bnToU8a, compactAddLength, stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';

import { eventsAt, walkBlocks } from './chain.mjs';
import { describeDispatchError, findEvent, signAndSendOk } from './tx.mjs';

/** Track ids of runtime/src/governance/tracks.rs (`id`). */
export const TRACKS = {
  root: 0,
  supplyCap: 1,
  treasuryParams: 2,
  networkTasks: 3,
  validators: 4,
  modules: 5,
  referendumCanceller: 6
};

/** Longest call pallet-referenda takes inline (`Bounded::Inline`); longer ones go by preimage. */
export const MAX_INLINE_PROPOSAL = 128;

/**
 * The `Bounded` proposal for `call` (an api.tx call or its .method): inline when it fits in
 * 128 bytes, else `proposer` notes its preimage first (`preimage.notePreimage`, paying the
 * preimage deposit) and the proposal is `Lookup { hash, len }`.
 * Returns { proposal, preimageHash? }.
 */
export async function proposalFor (api, call, proposer, { timeoutMs = 120_000 } = {}) {
  // A submittable's .method is its Call; a Call's own .method is the method's name.
  const method = typeof call.method === 'string' ? call : call.method;
  if (method.encodedLength <= MAX_INLINE_PROPOSAL) return { proposal: { Inline: method.toHex() } };
  const hash = blake2AsHex(method.toU8a());
  const r = await signAndSendOk(api, api.tx.preimage.notePreimage(method.toHex()), proposer, { timeoutMs });
  const noted = findEvent(r.events, 'preimage', 'Noted');
  if (!noted) throw new Error(`preimage.notePreimage of ${method.section}.${method.method}: no preimage.Noted event`);
  if (noted.data[0].toHex() !== hash) throw new Error(`preimage noted as ${noted.data[0].toHex()}, computed ${hash}`);
  return { proposal: { Lookup: { hash, len: method.encodedLength } }, preimageHash: hash };
}

/**
 * Submits a referendum dispatching `call` with `origin` (an OriginCaller:
 * `{ GovernanceOrigins: 'Validators' }`, `{ system: 'Root' }` ...), enacted as soon as allowed
 * (`{ After: 0 }`), and places its decision deposit unless `decisionDeposit` is false. `proposer`
 * pays. Returns { index, track, submittedAt (block number), preimageHash? }.
 */
export async function proposeReferendum (api, { origin, call, proposer, decisionDeposit = true }) {
  const { proposal, preimageHash } = await proposalFor(api, call, proposer);
  const r = await signAndSendOk(api, api.tx.referenda.submit(origin, proposal, { After: 0 }), proposer);
  const submitted = findEvent(r.events, 'referenda', 'Submitted');
  if (!submitted) throw new Error('referenda.submit: no referenda.Submitted event');
  // Submitted { index, track, proposal }
  const index = submitted.data[0].toNumber();
  const track = submitted.data[1].toNumber();
  if (decisionDeposit) await signAndSendOk(api, api.tx.referenda.placeDecisionDeposit(index), proposer);
  return { index, track, submittedAt: r.blockNumber, preimageHash };
}

/**
 * Each of `voters` votes `aye` in referendum `index` with all its earned reputation and no PAR
 * (`workVoting.vote(index, aye, 0)`), all at once. Returns their signAndSend results.
 */
export async function voteAll (api, index, voters, aye = true) {
  return Promise.all(voters.map((voter) => signAndSendOk(api, api.tx.workVoting.vote(index, aye, 0), voter)));
}

/** The state of referendum `index`: 'Ongoing', 'Approved', 'Rejected', ... or 'None'. */
export async function referendumState (api, index) {
  const info = await api.query.referenda.referendumInfoFor(index);
  return info.isSome ? info.unwrap().type : 'None';
}

/** The tally of an ongoing referendum, SCALE-encoded (to compare before and after). */
export async function ongoingTally (api, index) {
  const info = await api.query.referenda.referendumInfoFor(index);
  if (!info.isSome || !info.unwrap().isOngoing) throw new Error(`referendum ${index} is not ongoing`);
  return info.unwrap().asOngoing.tally.toHex();
}

/**
 * The scheduler task name of referendum `index`'s enactment: blake2_256 of
 * SCALE(("assembly": [u8; 8], "enactment": &str, index: u32)), as pallet-referenda names it.
 */
export function enactmentTaskName (index) {
  return blake2AsHex(u8aConcat(
    stringToU8a('assembly'),
    compactAddLength(stringToU8a('enactment')),
    bnToU8a(index, { bitLength: 32, isLe: true })
  ), 256);
}

const ENDED = ['Rejected', 'TimedOut', 'Cancelled', 'Killed'];

/**
 * Follows the best chain from block `fromBlock` until the scheduler dispatches referendum
 * `index`'s enactment. Resolves with { blockNumber, blockHash, events (of that block), ok, error }
 * where `error` is describeDispatchError(...) when the enacted call failed. Rejects at once if the
 * referendum ends without passing or the scheduler could not run the call (preimage unavailable,
 * permanently overweight), and after `timeoutMs`.
 */
export async function waitForEnactment (api, index, { fromBlock, timeoutMs = 180_000 } = {}) {
  const taskName = enactmentTaskName(index);
  const start = fromBlock ?? (await api.rpc.chain.getHeader()).number.toNumber();
  return walkBlocks(api, start, async (blockNumber, blockHash) => {
    const events = await eventsAt(api, blockHash);
    for (const { event } of events) {
      if (event.section === 'referenda' && ENDED.includes(event.method) && event.data[0].toNumber() === index) {
        throw new Error(`referendum ${index} ended ${event.method} in block #${blockNumber}: ${JSON.stringify(event.data.toHuman())}`);
      }
      if (event.section !== 'scheduler') continue;
      // Dispatched { task, id, result }, CallUnavailable { task, id }, PermanentlyOverweight { task, id }
      const id = event.data[1];
      if (!id?.isSome || id.unwrap().toHex() !== taskName) continue;
      if (event.method === 'Dispatched') {
        const result = event.data[2];
        const error = result.isErr ? describeDispatchError(api, result.asErr) : undefined;
        return { blockNumber, blockHash, events, ok: !error, error };
      }
      if (['CallUnavailable', 'PermanentlyOverweight'].includes(event.method)) {
        throw new Error(`the enactment of referendum ${index} was not dispatched: scheduler.${event.method} in block #${blockNumber}`);
      }
    }
    return undefined;
  }, { timeoutMs, intervalMs: 500, what: `scheduler.Dispatched for the enactment of referendum ${index}` });
}
