// Proof of useful work on `paradigm-node --dev`: five brand-new accounts holding 0 PAR register,
// commit, reveal and verify through signed (feeless) and unsigned extrinsics over RPC, and the
// improvement becomes the task's champion. Invalid feeless calls are refused by the pool. When the
// epoch ends, the AI treasury mints PAR to the workers and publishes a report that explains it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  Cleanup, accountInfo, commitmentHash, customRefusal, findEvent, freeBalance, freshAccount, pollUntil, register, registrationDifficulty,
  registrationSignature, registrationTicket, rpcCall, signAndSend, signAndSendOk, solveRegistrationWork, startDevChain,
  submitExpectingRefusal
} from '../lib/index.mjs';

const SCHEDULE = { commitBlocks: 6, revealBlocks: 4, verifyBlocks: 5 };

function taskSpec () {
  return {
    kind: 'Train',
    model: 'mlp:64-64-10',
    hyperParams: 'optimizer=sgd,lr=0.05,batch=32,epochs=40',
    dataset: { Shipped: { name: 'uci-digits-8x8', contentHash: '0x' + 'e3'.repeat(32) } },
    metric: 'Accuracy',
    baseline: 100_000,
    minImprovement: 5_000,
    tolerance: 10_000,
    verifiersPerSubmission: 3,
    maxArtifactSize: 1 << 20,
    schedule: SCHEDULE,
    rewardWeight: 1
  };
}

describe('useful work on a dev node', { timeout: 600_000 }, () => {
  const cleanup = new Cleanup();
  let node, api, alice;
  let trainerA, trainerB, verifiers, task, workEpoch;
  const artifacts = { a: '0x' + 'a1'.repeat(32), b: '0x' + 'b1'.repeat(32) };
  const salt = '0x' + '07'.repeat(32);

  const round = () => rpcCall(node.httpUrl, 'usefulWork_round', [task]);
  const waitForPhase = (phase, index = 0) => pollUntil(async () => {
    const r = await round();
    return r && r.index === index && r.phase === phase ? r : undefined;
  }, { timeoutMs: 90_000, intervalMs: 500, message: `round ${index} never reached ${phase}` });

  before(async () => {
    ({ node, api, accounts: { alice } } = await startDevChain(cleanup, 'useful-work'));
    [trainerA, trainerB, ...verifiers] = await Promise.all([1, 2, 3, 4, 5].map(() => freshAccount()));
  });
  after(() => cleanup.run());

  it('registers accounts that hold no PAR, through a signed, anchored registration with proof of work', async () => {
    for (const pair of [trainerA, trainerB, ...verifiers]) {
      assert.equal(await freeBalance(api, pair.address), 0n);
      const r = await register(api, node.httpUrl, pair);
      assert.ok(findEvent(r.events, 'usefulWork', 'Registered'));
      const contributor = await rpcCall(node.httpUrl, 'usefulWork_contributor', [pair.address]);
      assert.equal(contributor.reputation, 0, 'a new identity starts at the reputation floor');
    }
  });

  it('rejects a forged registration and an unregistered account\'s work in the pool', async () => {
    const stranger = await freshAccount();
    // The stranger's own ticket with its work done, but signed by trainerA: only the signature is
    // wrong. (The work meets what the pool asks now, so the refusal cannot be about the work.)
    const ticket = await registrationTicket(node.httpUrl, stranger.address);
    const nonce = solveRegistrationWork(ticket.payload, Math.max(ticket.difficulty, await registrationDifficulty(api)));
    const forged = registrationSignature(trainerA, ticket.payload);
    const refused = await submitExpectingRefusal(api, node.httpUrl, api.tx.usefulWork.register(stranger.address, ticket.anchor, nonce, forged));
    assert.equal(refused.code, 1010, refused.message);
    assert.equal(refused.name, 'BadRegistrationSignature', JSON.stringify(refused));
    await assert.rejects(
      signAndSend(api, api.tx.usefulWork.commit(0, '0x' + '00'.repeat(32)), stranger),
      /1010|Invalid|Custom error/
    );
    assert.equal(await rpcCall(node.httpUrl, 'usefulWork_contributor', [stranger.address]), null);
    // Arguments that are not what the RPC definition says are refused as invalid parameters.
    for (const [method, params] of [
      ['usefulWork_contributor', ['not-an-address']],
      ['usefulWork_assignments', ['0x' + 'ff'.repeat(4096)]],
      ['usefulWork_round', ['zero']],
      ['usefulWork_round', [2 ** 40]]
    ]) {
      await assert.rejects(rpcCall(node.httpUrl, method, params), (e) => e.code === -32602, `${method}(${params})`);
    }
    // An account with PAR that never registered: refused by CheckUsefulWork (NotRegistered).
    await assert.rejects(
      signAndSend(api, api.tx.usefulWork.commit(0, '0x' + '00'.repeat(32)), alice),
      (e) => {
        assert.equal(customRefusal(api, e)?.name, 'NotRegistered', e.message);
        return true;
      }
    );
  });

  it('completes a round: commit, reveal, seeded verification, champion and points', async () => {
    const created = await signAndSendOk(api, api.tx.sudo.sudo(api.tx.usefulWork.createTask(taskSpec())), alice);
    task = findEvent(created.events, 'usefulWork', 'TaskCreated').data.task.toNumber();
    const tasks = await rpcCall(node.httpUrl, 'usefulWork_openTasks');
    assert.ok(tasks.some((t) => t.id === task && t.spec.dataset.shipped.name === 'uci-digits-8x8'));

    const commitments = [[trainerA, artifacts.a], [trainerB, artifacts.b]].map(([pair, artifact]) =>
      [pair, commitmentHash(artifact, pair.publicKey, salt)]);
    await Promise.all(commitments.map(([pair, c]) => signAndSendOk(api, api.tx.usefulWork.commit(task, c), pair)));
    assert.equal((await round()).commitments, 2);

    await waitForPhase('reveal');
    await Promise.all([[trainerA, artifacts.a, 960_000], [trainerB, artifacts.b, 100_000]].map(([pair, artifact, claimed]) =>
      signAndSendOk(api, api.tx.usefulWork.reveal(task, artifact, salt, 9_000, `http://127.0.0.1:9955/${artifact}`, claimed), pair)));

    const verifying = await waitForPhase('verify');
    assert.match(verifying.seed, /^0x[0-9a-f]{64}$/);
    let reports = 0;
    await Promise.all(verifiers.map(async (pair) => {
      const assignments = await rpcCall(node.httpUrl, 'usefulWork_assignments', [pair.address]);
      for (const a of assignments.filter((x) => x.task === task)) {
        assert.notEqual(a.trainer, pair.address);
        assert.equal(a.seed, verifying.seed);
        const measured = a.artifact === artifacts.a ? 955_000 : 101_000;
        await signAndSendOk(api, api.tx.usefulWork.submitVerification(task, a.submission, measured), pair);
        reports += 1;
      }
    }));
    assert.equal(reports, 6, 'three verifiers for each of the two submissions');

    await waitForPhase('commit', 1);
    const after = (await rpcCall(node.httpUrl, 'usefulWork_openTasks')).find((t) => t.id === task);
    assert.equal(after.champion.trainer, trainerA.address);
    assert.equal(after.champion.artifact, artifacts.a);
    assert.equal(after.champion.metric, 955_000);

    // The round finished moments ago: its points are in this epoch or, across a boundary, the last.
    const epochBlocks = (await api.query.usefulWork.epochBlocks()).toNumber();
    const now = Math.floor((await api.rpc.chain.getHeader()).number.toNumber() / epochBlocks);
    for (const epoch of [now, now - 1].filter((e) => e >= 0)) {
      if ((await api.query.usefulWork.epochWork(epoch, trainerA.address)).isSome) workEpoch = epoch;
    }
    assert.notEqual(workEpoch, undefined, 'the trainer earned points');
    const work = await api.query.usefulWork.epochWork(workEpoch, trainerA.address);
    // An improvement of 855,000 ppm, credited up to MAX_CREDITED_IMPROVEMENT (100,000) per round.
    assert.equal(work.unwrap().trainer.toNumber(), 100_000);
    for (const pair of verifiers) {
      const record = await api.query.usefulWork.epochWork(workEpoch, pair.address);
      assert.equal(record.unwrap().verifier.toNumber(), 1_000, 'paid for verifying the improvement only');
      const contributor = await rpcCall(node.httpUrl, 'usefulWork_contributor', [pair.address]);
      assert.equal(contributor.reputation, 20_000, 'one agreement on improving work from the floor (AgreementGain 20,000); agreeing on Bob\'s junk earns none');
    }
    // Everything was feeless: the contributors still hold exactly 0 PAR.
    for (const pair of [trainerA, trainerB, ...verifiers]) {
      const info = await accountInfo(api, pair.address);
      assert.equal(info.free, 0n);
      assert.ok(info.nonce >= 1, 'its signed work calls were included');
    }
  });

  it('mints PAR for the round when its epoch ends, and reports why', async () => {
    const workers = [trainerA, ...verifiers];
    await pollUntil(async () => {
      const status = await api.call.aiTreasuryApi.status();
      return status.nextEpoch.toNumber() > workEpoch && status.pendingPayouts.toNumber() === 0;
    }, { timeoutMs: 150_000, intervalMs: 1_000, message: `epoch ${workEpoch} was never settled and paid` });

    const [report] = await api.call.aiTreasuryApi.reports(workEpoch, 1);
    assert.equal(report.epoch.toNumber(), workEpoch);
    // Only trainerA's submission improved on the baseline: trainerB's was accepted (honest claim)
    // but improves nothing, so it is not activity.
    assert.equal(report.observation.activity.improvingSubmissions.toNumber(), 1);
    assert.equal(report.observation.activeContributors.toNumber(), 4);
    assert.ok(report.workUnits.toNumber() >= 4, 'one improving submission and its three honest reports');
    assert.equal(report.policy.toString(), 'Configured');
    assert.ok(report.young.isTrue, 'four contributors: the network is young');
    const emission = report.decision.emission.toBigInt();
    assert.ok(emission > 0n);
    assert.ok(emission <= report.budget.budget.toBigInt());

    const balances = await Promise.all(workers.map((pair) => freeBalance(api, pair.address)));
    for (const balance of balances) assert.ok(balance > 0n, 'every worker was paid');
    assert.equal(await freeBalance(api, trainerB.address), 0n, 'no improvement, no points, no PAR');
    const paid = balances.reduce((sum, b) => sum + b, 0n);
    assert.equal(paid, report.paid.toBigInt(), 'the report accounts for every minted unit');
    // The trainer holds 94 % of the points (100,000 of 106,000) but a young epoch pays one account at most 5 %.
    assert.equal(balances[0], emission * 5n / 100n);
    assert.ok(report.withheldByCaps.toBigInt() > 0n, 'the excess stays unissued');
    const status = await api.call.aiTreasuryApi.status();
    assert.ok(status.totalEmitted.toBigInt() >= paid);
    assert.ok(status.totalIssuance.toBigInt() <= status.supplyCap.toBigInt());
  });
});
