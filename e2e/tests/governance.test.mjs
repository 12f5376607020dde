// Governance on a live-like network, end to end: the paradigm-local genesis (Alice and Bob validate,
// no sudo key) patched for test periods, with three contributors holding earned reputation
// (Charlie, Dave, Eve: the electorate) and Ferdie holding PAR to propose. Every change goes through
// a referendum (referenda.submit, decision deposit, workVoting.vote by the three, then the
// scheduler enacts it), the same flows as runtime/tests/governance.rs but over RPC on real nodes:
//   1. a treasury_params referendum retunes aiTreasury.params; Ferdie calling setParams himself
//      fails with BadOrigin and changes nothing;
//   2. a validators referendum admits a third node as validator with the keys its own
//      author_rotateKeys made, on an account holding no PAR: it joins the Aura and GRANDPA sets two
//      sessions later, authors a block, and finality (which then needs all three) keeps advancing;
//   3. a validators referendum removes it again: two authorities, finality goes on, also once its
//      node is stopped;
//   4. bad votes and proposals fail with named errors (workVoting.AlreadyVoted, NotOngoing,
//      NoVotingWeight; referenda.NoTrack), cost only the fee and change nothing;
//   5. a root referendum upgrades the runtime (system.setCode with the real runtime one
//      spec_version later, from scripts/build-upgrade-runtime.sh, by preimage): blocks are still
//      produced and finalized, the state is unchanged, and a signed transfer still works.
//
// Test pace (the genesis patch): 10-block sessions; a referendum prepares 3 blocks, confirms 5 and
// is enacted 2 blocks later, so each one takes about 30-40 s. The whole file takes about 7 minutes
// on 2 cores (two sessions per validator change); the suite allows 15.
//
// Needs the upgrade blob: $PARADIGM_UPGRADE_WASM, else
// $CARGO_TARGET_DIR/upgrade-wasm/paradigm_runtime_upgrade.compact.compressed.wasm. Without it the
// upgrade test fails (it is not skipped) and names the script that builds it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { u8aToHex } from '@polkadot/util';

import {
  Cleanup, Contributor, PAR, TRACKS, accountInfo, auraAuthor, bestNumber, chainSpecAddress, connectApi, devAccounts,
  exportChainSpec, finalizedNumber, findEvent, fixedNodeKey, freshAccount, genesisPatch, makeTempDir,
  ongoingTally, pollUntil, proposeReferendum, referendumState, removeDir, rpcCall, signAndSend, signAndSendOk,
  startNode, startValidatorNetwork, upgradeWasmPath, voteAll, waitForEnactment, waitForFinalized, waitForPeers,
  walkBlocks, writeChainSpec
} from '../lib/index.mjs';

/** Blocks per session in the patched genesis. */
const SESSION_LENGTH = 10;
/** Earned reputation of each contributor in the electorate: the most there is (ppm). */
const REPUTATION = 1_000_000;
const CONTRIBUTOR_BALANCE = 1_000n * PAR;
const PROPOSER_BALANCE = 100_000n * PAR;
/** How long one referendum may take from its decision deposit to its enactment. */
const ENACTMENT_TIMEOUT_MS = 180_000;
/** How long a validator change may take to reach the authority sets (two sessions and then some). */
const AUTHORITY_CHANGE_TIMEOUT_MS = 240_000;

/** The paradigm-local plain spec, patched for test periods and an electorate; returns its path. */
function writeGovernanceSpec (dir, { charlie, dave, eve, ferdie }) {
  const spec = exportChainSpec('paradigm-local');
  const patch = genesisPatch(spec);
  patch.governanceOrigins = { ...patch.governanceOrigins, pace: 'Test' };
  // validators and session keys stay as they are: Alice and Bob.
  patch.validatorSet = { ...patch.validatorSet, sessionLength: SESSION_LENGTH };
  patch.usefulWork = {
    ...patch.usefulWork,
    contributors: [charlie, dave, eve].map((pair) => [chainSpecAddress(pair), REPUTATION])
  };
  patch.balances = {
    ...patch.balances,
    balances: [
      ...[charlie, dave, eve].map((pair) => [chainSpecAddress(pair), CONTRIBUTOR_BALANCE]),
      [chainSpecAddress(ferdie), PROPOSER_BALANCE]
    ]
  };
  return writeChainSpec(dir, 'governance-spec.json', spec);
}

describe('governance by referendum on a live-like network (paradigm-local, test pace)', { timeout: 900_000 }, () => {
  const cleanup = new Cleanup();
  let network, api, accounts, specPath, electorate;
  /** The validator admitted in test 2 and removed in test 3: { pair, node, aura, grandpa }. */
  let joiner;

  before(async () => {
    accounts = await devAccounts();
    electorate = [accounts.charlie, accounts.dave, accounts.eve];
    const specDir = makeTempDir('paradigm-gov-spec-');
    cleanup.defer(() => removeDir(specDir));
    specPath = writeGovernanceSpec(specDir, accounts);
    network = await startValidatorNetwork({ chain: specPath, validators: ['alice', 'bob'], namePrefix: 'gov-' });
    cleanup.defer(() => network.stop());
    api = cleanup.track(await connectApi(network.byName.alice.wsUrl));
  });
  after(() => cleanup.run());

  // ---- helpers over the shared network ----

  /** Ferdie proposes `call` with `origin`, the electorate votes aye; resolves once it is enacted. */
  async function passReferendum (origin, call, expectedTrack) {
    const referendum = await proposeReferendum(api, { origin, call, proposer: accounts.ferdie });
    assert.equal(referendum.track, expectedTrack, `referendum ${referendum.index} is on track ${expectedTrack}`);
    await voteAll(api, referendum.index, electorate);
    const enactment = await waitForEnactment(api, referendum.index, { fromBlock: referendum.submittedAt, timeoutMs: ENACTMENT_TIMEOUT_MS });
    assert.equal(await referendumState(api, referendum.index), 'Approved');
    assert.ok(enactment.ok, `the enacted call of referendum ${referendum.index} failed: ${enactment.error?.text} ${enactment.error?.docs}`);
    return { ...referendum, enactment };
  }

  /** Sends `tx` signed by `signer` expecting its dispatch to fail with `expected` ("section.Name"). */
  async function expectDispatchError (tx, signer, expected) {
    const label = `${tx.method.section}.${tx.method.method}`;
    const r = await signAndSend(api, tx, signer);
    assert.equal(r.ok, false, `${label} by ${signer.meta.name ?? signer.address} succeeded, expected ${expected}`);
    assert.equal(r.error.text, expected, `${label} failed with ${r.error.text}, expected ${expected}`);
    return r;
  }

  /** The failed extrinsic `r` cost `signer` its fee and nothing else (nothing reserved or moved). */
  async function assertOnlyFeePaid (r, signer) {
    assert.ok(r.fee, 'the extrinsic paid a fee (transactionPayment.TransactionFeePaid)');
    const { parentHash } = await api.rpc.chain.getHeader(r.blockHash);
    const before = await accountInfo(api, signer.address, parentHash);
    const after = await accountInfo(api, signer.address, r.blockHash);
    assert.equal(before.free - after.free, r.fee.actualFee, 'the free balance dropped by exactly the fee');
    assert.equal(after.reserved, before.reserved, 'nothing reserved or released');
  }

  /** Aura and GRANDPA authorities (public keys, hex) at the best block. */
  async function authorities () {
    const head = await api.rpc.chain.getHeader();
    const at = await api.at(head.hash);
    const aura = (await at.query.aura.authorities()).map((key) => key.toHex());
    const grandpa = (await at.query.grandpa.authorities()).map(([key]) => key.toHex());
    return { number: head.number.toNumber(), aura, grandpa };
  }

  /** Polls the authorities until `predicate(aura, grandpa)`; resolves with them and the block number. */
  async function waitForAuthorities (predicate, what) {
    let last;
    return pollUntil(async () => {
      last = await authorities();
      return predicate(last.aura, last.grandpa) ? last : undefined;
    }, {
      timeoutMs: AUTHORITY_CHANGE_TIMEOUT_MS,
      intervalMs: 1_000,
      message: () => `${what}; last seen at #${last?.number}: aura ${JSON.stringify(last?.aura)}, grandpa ${JSON.stringify(last?.grandpa)}`
    });
  }

  /** The finalized head of `node` (plain JSON-RPC), as a number. */
  async function nodeFinalizedNumber (node) {
    const hash = await rpcCall(node.httpUrl, 'chain_getFinalizedHead');
    return parseInt((await rpcCall(node.httpUrl, 'chain_getHeader', [hash])).number, 16);
  }

  // ---- tests ----

  it('starts from the patched genesis: test pace, 10-block sessions, three contributors, no sudo', async () => {
    await waitForFinalized(api, 2, { timeoutMs: 120_000 });
    assert.equal((await api.query.governanceOrigins.pace()).type, 'Test');
    assert.equal((await api.query.validatorSet.sessionBlocks()).toNumber(), SESSION_LENGTH);
    assert.deepEqual((await api.query.validatorSet.validators()).map(String).sort(),
      [accounts.alice.address, accounts.bob.address].sort());
    assert.ok((await api.query.sudo.key()).isNone, 'no sudo key');
    for (const pair of electorate) {
      const info = await api.query.usefulWork.contributors(pair.address);
      assert.ok(info.isSome, `${pair.meta.name} is a contributor`);
      assert.equal(info.unwrap().reputation.toNumber(), REPUTATION, `${pair.meta.name}'s earned reputation`);
    }
    assert.equal((await api.query.usefulWork.totalReputation()).toBigInt(), BigInt(3 * REPUTATION));
    assert.equal((await accountInfo(api, accounts.ferdie.address)).free, PROPOSER_BALANCE);
    assert.equal((await authorities()).aura.length, 2);
  });

  it('a treasury_params referendum retunes aiTreasury.params; a signed setParams fails with BadOrigin', async () => {
    const { ferdie } = accounts;
    const current = await api.query.aiTreasury.params();
    const wanted = { ...current.toJSON(), maxStep: current.maxStep.toNumber() - 1 };
    const setParams = () => api.tx.aiTreasury.setParams(wanted);
    const wantedHex = setParams().method.args[0].toHex();
    assert.notEqual(wantedHex, current.toHex(), 'the proposal changes the parameters');

    // Ferdie holds PAR but no power: his own call is refused and changes nothing.
    const direct = await expectDispatchError(setParams(), ferdie, 'BadOrigin');
    await assertOnlyFeePaid(direct, ferdie);
    assert.equal((await api.query.aiTreasury.params()).toHex(), current.toHex(), 'params unchanged after the signed call');

    const referendum = await passReferendum({ GovernanceOrigins: 'TreasuryParams' }, setParams(), TRACKS.treasuryParams);
    assert.ok(findEvent(referendum.enactment.events, 'aiTreasury', 'ParamsChanged'), 'aiTreasury.ParamsChanged in the enactment block');
    const enacted = await (await api.at(referendum.enactment.blockHash)).query.aiTreasury.params();
    assert.equal(enacted.toHex(), wantedHex, 'the enacted params are the proposed ones');
    assert.equal(enacted.maxStep.toNumber(), current.maxStep.toNumber() - 1);
    assert.equal((await api.query.aiTreasury.params()).toHex(), wantedHex);
  });

  it('a validators referendum admits a third validator that holds no PAR; it authors and finalizes', async () => {
    const pair = await freshAccount();
    // A plain --validator node: no dev key in its keystore, only what author_rotateKeys makes.
    const node = cleanup.track(await startNode({
      name: 'gov-validator3',
      chain: specPath,
      nodeKey: fixedNodeKey(2),
      bootnodes: network.bootnodes,
      extraArgs: ['--validator', '--rpc-methods', 'unsafe']
    }));
    await waitForPeers(node, 2, { timeoutMs: 60_000 });
    const keys = await rpcCall(node.httpUrl, 'author_rotateKeys');
    assert.match(keys, /^0x[0-9a-f]{128}$/, 'author_rotateKeys returns 64 bytes: sr25519 Aura key, then ed25519 GRANDPA key');
    const aura = `0x${keys.slice(2, 66)}`;
    const grandpa = `0x${keys.slice(66)}`;
    joiner = { pair, node, aura, grandpa };

    const referendum = await passReferendum({ GovernanceOrigins: 'Validators' },
      api.tx.validatorSet.addValidator(pair.address, { aura, grandpa }), TRACKS.validators);
    const added = findEvent(referendum.enactment.events, 'validatorSet', 'ValidatorAdded');
    assert.ok(added, 'validatorSet.ValidatorAdded in the enactment block');
    assert.equal(added.data[0].toString(), pair.address);
    assert.ok((await api.query.validatorSet.validators()).map(String).includes(pair.address));
    const nextKeys = await api.query.session.nextKeys(pair.address);
    assert.ok(nextKeys.isSome, 'the referendum set its session keys');
    assert.equal(nextKeys.unwrap().aura.toHex(), aura);
    assert.equal(nextKeys.unwrap().grandpa.toHex(), grandpa);
    const account = await api.query.system.account(pair.address);
    assert.equal(account.data.free.toBigInt(), 0n, 'the validator account holds no PAR');
    assert.ok(account.providers.toNumber() >= 1, 'the validator set keeps the account alive without PAR');

    // The set changes at the session after next.
    const joined = await waitForAuthorities(
      (auraSet, grandpaSet) => auraSet.length === 3 && auraSet.includes(aura) && grandpaSet.length === 3 && grandpaSet.includes(grandpa),
      'the new validator never joined the Aura and GRANDPA authorities');

    // It authors: the owner of some slot is its key, and its node sealed the block.
    const authored = await walkBlocks(api, joined.number, async (number, hash) => {
      const { author } = await auraAuthor(api, await api.rpc.chain.getHeader(hash));
      return author === aura ? { number, hash } : undefined;
    }, { timeoutMs: 90_000, what: `a block authored by the new validator's Aura key ${aura}` });

    // GRANDPA with three voters needs all three (threshold n - (n - 1) / 3 = 3): finality beyond the
    // set change proves the new validator votes with the key it rotated.
    await waitForFinalized(api, authored.number + 3, { timeoutMs: 120_000 });
    assert.equal((await api.rpc.chain.getBlockHash(authored.number)).toHex(), authored.hash,
      `block #${authored.number}, authored by the new validator, is final`);
    await pollUntil(async () => (await nodeFinalizedNumber(node)) >= authored.number + 3,
      { timeoutMs: 60_000, intervalMs: 500, message: 'the new validator\'s node follows finality' });
    assert.equal((await api.query.system.account(pair.address)).data.free.toBigInt(), 0n, 'still no PAR needed');
  });

  it('a validators referendum removes it: two authorities again, finality continues without its node', async () => {
    assert.ok(joiner, 'needs the validator admitted by the previous test');
    const { pair, node, aura, grandpa } = joiner;
    const { alice, bob } = accounts;
    const referendum = await passReferendum({ GovernanceOrigins: 'Validators' },
      api.tx.validatorSet.removeValidator(pair.address), TRACKS.validators);
    const removed = findEvent(referendum.enactment.events, 'validatorSet', 'ValidatorRemoved');
    assert.ok(removed, 'validatorSet.ValidatorRemoved in the enactment block');
    assert.equal(removed.data[0].toString(), pair.address);
    assert.ok(!(await api.query.validatorSet.validators()).map(String).includes(pair.address));
    assert.ok((await api.query.session.nextKeys(pair.address)).isNone, 'its session keys are purged');

    const left = await waitForAuthorities(
      (auraSet, grandpaSet) => auraSet.length === 2 && !auraSet.includes(aura) && grandpaSet.length === 2 && !grandpaSet.includes(grandpa),
      'the removed validator never left the Aura and GRANDPA authorities');
    const aliceBob = [u8aToHex(alice.publicKey), u8aToHex(bob.publicKey)];
    assert.deepEqual([...left.aura].sort(), [...aliceBob].sort());

    // Finality goes on (its node, still running, is no longer needed for it) ...
    const target = left.number + 3;
    await waitForFinalized(api, target, { timeoutMs: 120_000 });
    for (let n = left.number + 1; n <= target; n++) {
      const { author } = await auraAuthor(api, await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n)));
      assert.ok(aliceBob.includes(author), `block #${n} is authored by Alice or Bob, not ${author}`);
    }
    // ... and after its node is gone.
    await node.stop();
    assert.ok(!node.running);
    await waitForFinalized(api, (await finalizedNumber(api)) + 3, { timeoutMs: 90_000 });
  });

  it('bad votes and proposals fail with named errors, cost only the fee and change nothing', async () => {
    const { charlie, dave, ferdie } = accounts;

    // A proposal whose origin has no track.
    const countBefore = (await api.query.referenda.referendumCount()).toNumber();
    const noTrack = await expectDispatchError(
      api.tx.referenda.submit({ system: { Signed: ferdie.address } }, { Inline: api.tx.system.remark('0x00').method.toHex() }, { After: 0 }),
      ferdie, 'referenda.NoTrack');
    await assertOnlyFeePaid(noTrack, ferdie);
    assert.equal((await api.query.referenda.referendumCount()).toNumber(), countBefore, 'no referendum was created');

    // An ongoing referendum (no decision deposit: it stays in preparation) with one vote by Charlie.
    const params = await api.query.aiTreasury.params();
    const { index } = await proposeReferendum(api, {
      origin: { GovernanceOrigins: 'TreasuryParams' },
      call: api.tx.aiTreasury.setParams(params.toJSON()),
      proposer: ferdie,
      decisionDeposit: false
    });
    assert.equal(await referendumState(api, index), 'Ongoing');
    await signAndSendOk(api, api.tx.workVoting.vote(index, true, 0), charlie);
    const tally = await ongoingTally(api, index);
    const charlieVotes = (await api.query.workVoting.votesOf(charlie.address)).toHex();

    // A second vote by the same account.
    const again = await expectDispatchError(api.tx.workVoting.vote(index, false, 0), charlie, 'workVoting.AlreadyVoted');
    await assertOnlyFeePaid(again, charlie);
    assert.equal(await ongoingTally(api, index), tally, 'the tally is unchanged');
    assert.equal((await api.query.workVoting.votesOf(charlie.address)).toHex(), charlieVotes, "Charlie's votes are unchanged");

    // A funded account without earned reputation, locking no PAR, weighs nothing.
    const fresh = await freshAccount();
    await signAndSendOk(api, api.tx.balances.transferKeepAlive(fresh.address, 10n * PAR), ferdie);
    const weightless = await expectDispatchError(api.tx.workVoting.vote(index, true, 0), fresh, 'workVoting.NoVotingWeight');
    await assertOnlyFeePaid(weightless, fresh);
    assert.equal(await ongoingTally(api, index), tally, 'the tally is unchanged');
    assert.equal((await api.query.workVoting.votesOf(fresh.address)).length, 0, 'no vote recorded');

    // A vote on a finished referendum (one an earlier test passed), and on one that does not exist.
    const finished = (await api.query.referenda.referendumInfoFor.entries())
      .filter(([, info]) => info.isSome && !info.unwrap().isOngoing)
      .map(([key]) => key.args[0].toNumber());
    assert.ok(finished.length > 0, 'an earlier test finished a referendum');
    const daveVotes = (await api.query.workVoting.votesOf(dave.address)).toHex();
    for (const closed of [finished[0], countBefore + 1_000]) {
      const r = await expectDispatchError(api.tx.workVoting.vote(closed, true, 0), dave, 'workVoting.NotOngoing');
      await assertOnlyFeePaid(r, dave);
    }
    assert.equal(await referendumState(api, finished[0]), 'Approved', 'the finished referendum stays as it was');
    assert.equal((await api.query.workVoting.votesOf(dave.address)).toHex(), daveVotes, "Dave's votes are unchanged");
  });

  it('a contributor takes part from paradigm-contributor: gov list, gov vote, a refused second vote, gov unvote', async () => {
    const { eve, ferdie } = accounts;
    const { index } = await proposeReferendum(api, {
      origin: { GovernanceOrigins: 'NetworkTasks' },
      call: api.tx.system.remark('0x01'),
      proposer: ferdie,
      decisionDeposit: false
    });
    const contributor = new Contributor('gov-eve', network.byName.alice.wsUrl);
    cleanup.defer(() => contributor.stop());
    process.env.PARADIGM_SECRET_URI = '//Eve';
    try {
      contributor.ok('key', 'import', '--uri', '-');
    } finally {
      delete process.env.PARADIGM_SECRET_URI;
    }

    const listed = contributor.ok('gov', 'list');
    assert.match(listed, new RegExp(`^#${index}  network_tasks  preparing  reputation 0 aye / 0 nay`, 'm'), listed);

    const voted = contributor.ok('gov', 'vote', String(index), 'aye', '--par', '2.5');
    assert.match(voted, new RegExp(`voted aye in referendum ${index} with 1000000 ppm of earned reputation and 2\\.50000000 PAR locked`), voted);
    const vote = (await api.query.workVoting.votesOf(eve.address)).find(([poll]) => poll.toNumber() === index);
    assert.ok(vote, 'the vote is on chain');
    assert.equal(vote[1].reputation.toBigInt(), 1_000_000n);
    assert.equal(vote[1].par.toBigInt(), 250_000_000n);
    assert.match(contributor.ok('gov', 'list'), new RegExp(`^#${index} .* reputation 1000000 aye / 0 nay .*  you: aye \\(1000000 ppm, 2\\.50000000 PAR\\)`, 'm'));

    const again = contributor.command('gov', 'vote', String(index), 'nay');
    assert.notEqual(again.status, 0, 'a second vote is refused');
    assert.match(again.stderr, /WorkVoting::AlreadyVoted/, again.stderr);
    const badAmount = contributor.command('gov', 'vote', String(index), 'aye', '--par=-1');
    assert.notEqual(badAmount.status, 0);
    assert.match(badAmount.stderr, /is not an amount of PAR/, badAmount.stderr);

    contributor.ok('gov', 'unvote', String(index));
    assert.equal((await api.query.workVoting.votesOf(eve.address)).filter(([poll]) => poll.toNumber() === index).length, 0);
    assert.match(contributor.ok('gov', 'list'), new RegExp(`^#${index}  network_tasks  preparing  reputation 0 aye / 0 nay`, 'm'));
  });

  it('a root referendum upgrades the runtime: blocks and finality go on, state is kept, transactions still work', async () => {
    const wasmPath = upgradeWasmPath();
    if (!fs.existsSync(wasmPath)) {
      assert.fail(`runtime upgrade blob not found at ${wasmPath}: build it with scripts/build-upgrade-runtime.sh (or set PARADIGM_UPGRADE_WASM)`);
    }
    const { alice, bob } = network.byName;
    const { charlie, ferdie } = accounts;
    const oldSpec = api.runtimeVersion.specVersion.toNumber();
    assert.equal((await rpcCall(alice.httpUrl, 'state_getRuntimeVersion')).specVersion, oldSpec);

    const setCode = api.tx.system.setCode(u8aToHex(fs.readFileSync(wasmPath)));
    const referendum = await proposeReferendum(api, { origin: { system: 'Root' }, call: setCode, proposer: ferdie });
    assert.equal(referendum.track, TRACKS.root);
    assert.ok(referendum.preimageHash, 'the runtime (about 1 MB) is proposed by preimage');
    await voteAll(api, referendum.index, electorate);
    const enactment = await waitForEnactment(api, referendum.index, { fromBlock: referendum.submittedAt, timeoutMs: ENACTMENT_TIMEOUT_MS });
    assert.ok(enactment.ok, `system.setCode failed: ${enactment.error?.text} ${enactment.error?.docs}`);
    assert.ok(findEvent(enactment.events, 'system', 'CodeUpdated'), `system.CodeUpdated in block #${enactment.blockNumber}`);
    assert.equal(await referendumState(api, referendum.index), 'Approved');

    // The state as the old runtime left it: the block before the upgrade, after every transaction
    // of this test (nothing signed is sent between it and the checks below).
    const { parentHash } = await api.rpc.chain.getHeader(enactment.blockHash);
    const before = await snapshot(api, parentHash);

    // Both nodes run the new runtime.
    for (const node of [alice, bob]) {
      await pollUntil(async () => (await rpcCall(node.httpUrl, 'state_getRuntimeVersion')).specVersion === oldSpec + 1,
        { timeoutMs: 60_000, intervalMs: 500, message: `${node.name} reports spec_version ${oldSpec + 1}` });
    }
    // Blocks are still produced and finalized, the upgrade block among them.
    const finalized = await waitForFinalized(api, enactment.blockNumber + 3, { timeoutMs: 120_000 });
    assert.equal((await api.rpc.chain.getBlockHash(enactment.blockNumber)).toHex(), enactment.blockHash, 'the upgrade block is final');

    // A fresh connection, so that polkadot.js decorates with the new runtime's metadata and signs
    // with its spec_version.
    const upgraded = cleanup.track(await connectApi(alice.wsUrl));
    api = upgraded;
    assert.equal(upgraded.runtimeVersion.specVersion.toNumber(), oldSpec + 1);
    const after = await snapshot(upgraded, finalized.hash);
    assert.deepEqual(after, before, 'state is unchanged by the upgrade');

    // A signed transaction after the upgrade: CheckSpecVersion accepts the new spec_version.
    const amount = PAR;
    const transfer = await signAndSendOk(upgraded, upgraded.tx.balances.transferKeepAlive(charlie.address, amount), ferdie);
    const { parentHash: transferParent } = await upgraded.rpc.chain.getHeader(transfer.blockHash);
    const charlieBefore = await accountInfo(upgraded, charlie.address, transferParent);
    const charlieAfter = await accountInfo(upgraded, charlie.address, transfer.blockHash);
    assert.equal(charlieAfter.free - charlieBefore.free, amount, 'Charlie received exactly the amount');
    await waitForFinalized(upgraded, transfer.blockNumber, { timeoutMs: 60_000 });
    assert.ok((await bestNumber(upgraded)) > enactment.blockNumber + 3);
  });

  /** What the upgrade must not touch, read at block `blockHash`. */
  async function snapshot (anApi, blockHash) {
    const at = await anApi.at(blockHash);
    const balance = async (pair) => {
      const { data } = await at.query.system.account(pair.address);
      return { free: data.free.toString(), reserved: data.reserved.toString(), frozen: data.frozen.toString() };
    };
    const contributors = {};
    for (const pair of electorate) contributors[pair.meta.name] = (await at.query.usefulWork.contributors(pair.address)).toJSON();
    return {
      tasks: (await at.query.usefulWork.tasks.keys()).length,
      contributors,
      totalReputation: (await at.query.usefulWork.totalReputation()).toString(),
      supplyCap: (await at.query.aiTreasury.supplyCap()).toString(),
      params: (await at.query.aiTreasury.params()).toHex(),
      referendumCount: (await at.query.referenda.referendumCount()).toNumber(),
      validators: (await at.query.validatorSet.validators()).map(String),
      ferdie: await balance(accounts.ferdie),
      charlie: await balance(accounts.charlie)
    };
  }
});
