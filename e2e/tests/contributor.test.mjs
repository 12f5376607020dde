// paradigm-contributor against a real `paradigm-node --dev`: three contributor processes with
// their own keys register for free, one trains the digits reference task with burn and serves its
// artifact over HTTP, the other two fetch it, score it on the round's validation seed and report.
// The trainer is killed (SIGKILL) between its commit and its reveal and restarted: the round still
// completes, with exactly one commit and one reveal from it. Its model becomes the champion and
// the AI treasury pays it when the epoch ends.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import {
  Cleanup, Contributor, SS58_PREFIX, freeBalance, freePort, pollUntil, rpcCall, startDevChain
} from '../lib/index.mjs';

const DIGITS_TASK = 0;

describe('paradigm-contributor on a dev chain', { timeout: 600_000 }, () => {
  const cleanup = new Cleanup();
  let node, api, trainer, verifiers;
  const workEvents = [];

  before(async () => {
    ({ node, api } = await startDevChain(cleanup, 'contributor'));
    const unsubscribe = await api.query.system.events((events) => {
      for (const { event } of events) {
        if (event.section !== 'usefulWork') continue;
        const data = Object.fromEntries(event.data.names.map((name, i) => [name, event.data[i].toJSON()]));
        workEvents.push({ method: event.method, data });
      }
    });
    cleanup.defer(() => unsubscribe());
    trainer = new Contributor('trainer', node.wsUrl);
    verifiers = [new Contributor('verifier-1', node.wsUrl), new Contributor('verifier-2', node.wsUrl)];
    for (const c of [trainer, ...verifiers]) cleanup.track(c);
  });
  after(() => cleanup.run());

  it('keeps keys in polkadot.js key files, both ways', async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58_PREFIX });

    // A key made by @polkadot/keyring opens in the contributor with the same passphrase.
    const made = keyring.addFromUri(`//Verifier1/${process.pid}`);
    const file = path.join(verifiers[0].dataDir, 'from-polkadot-js.json');
    fs.writeFileSync(file, JSON.stringify(made.toJson('pass-verifier-1')));
    assert.equal(verifiers[0].ok('key', 'import', file), made.address);
    assert.equal(verifiers[0].ok('key', 'show'), made.address);

    // A key the contributor generated opens in @polkadot/keyring.
    const address = trainer.ok('key', 'generate', '--name', 'trainer');
    const exported = JSON.parse(trainer.ok('key', 'export'));
    assert.equal(exported.encoding.content[1], 'sr25519');
    const pair = keyring.addFromJson(exported);
    pair.decodePkcs8('pass-trainer');
    assert.equal(keyring.encodeAddress(pair.publicKey, SS58_PREFIX), address);
    assert.ok(!JSON.stringify(exported).includes('secret'));

    verifiers[1].ok('key', 'generate');

    // Bad input changes nothing and says why.
    const wrong = new Contributor('wrong-passphrase', node.wsUrl, { passphrase: 'not-it' });
    cleanup.track(wrong);
    fs.copyFileSync(path.join(trainer.dataDir, 'key.json'), path.join(wrong.dataDir, 'key.json'));
    const refused = wrong.command('status');
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /wrong passphrase/);
    const again = trainer.command('key', 'generate');
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /already holds a key/);
    assert.equal(trainer.ok('key', 'show'), address, 'the key was not replaced');
    const nowhere = cleanup.track(new Contributor('no-node', 'ws://127.0.0.1:1', { passphrase: 'pass-trainer' }));
    fs.copyFileSync(path.join(trainer.dataDir, 'key.json'), path.join(nowhere.dataDir, 'key.json'));
    const offline = nowhere.command('status');
    assert.notEqual(offline.status, 0);
    assert.match(offline.stderr, /cannot reach a node at ws:\/\/127\.0\.0\.1:1/);
  });

  it('registers, trains, survives a kill mid-round and completes the round once', async () => {
    const before = (await rpcCall(node.httpUrl, 'usefulWork_openTasks')).find((t) => t.id === DIGITS_TASK);
    assert.equal(before.champion, null, 'no champion before the first round');
    const trainerAddress = trainer.ok('key', 'show');

    const artifactsPort = await freePort();
    trainer.start('--train', String(DIGITS_TASK), '--artifacts-listen', `127.0.0.1:${artifactsPort}`, '--device', 'cpu');
    for (const v of verifiers) v.start('--train', 'none', '--artifacts-listen', `127.0.0.1:${await freePort()}`);
    await Promise.all([trainer, ...verifiers].map((c) => c.waitForLine(/registered as a contributor|^connected/)));

    const committed = await trainer.waitForLine(/task 0 round \d+: committed/, { timeoutMs: 180_000 });
    const round = Number(committed.match(/round (\d+)/)[1]);
    assert.ok(trainer.lines.some((l) => new RegExp(`task 0 round ${round}: trained, \\d+ ppm`).test(l)));

    // Crash between commit and reveal, then come back on the same data directory.
    await trainer.kill();
    const state = JSON.parse(fs.readFileSync(path.join(trainer.dataDir, 'state.json'), 'utf8'));
    assert.equal(state.rounds[`${DIGITS_TASK}/${round}`].committed, true, 'the commit was recorded before the crash');
    const relaunchFrom = trainer.lines.length;
    trainer.start('--train', String(DIGITS_TASK), '--artifacts-listen', `127.0.0.1:${artifactsPort}`, '--device', 'cpu');
    await trainer.waitForLine(new RegExp(`task 0 round ${round}: revealed`), { timeoutMs: 120_000, from: relaunchFrom });

    // Two verifier processes score the same artifact on the round's validation seed and agree
    // within the task's tolerance (10,000 ppm).
    const measured = [];
    for (const v of verifiers) {
      const line = await v.waitForLine(new RegExp(`task 0 round ${round}: verified submission \\d+: (\\d+) ppm`), { timeoutMs: 120_000 });
      measured.push(Number(line.match(/: (\d+) ppm/)[1]));
    }
    for (const m of measured) assert.ok(m >= 900_000, `a verifier measured ${m} ppm on the held-out digits`);
    assert.ok(Math.abs(measured[0] - measured[1]) <= 10_000, `verifiers disagree: ${measured}`);

    // The round ends: the trainer's model is the new champion.
    const after = await pollUntil(async () => {
      const task = (await rpcCall(node.httpUrl, 'usefulWork_openTasks')).find((t) => t.id === DIGITS_TASK);
      return task.champion && task.champion.round === round ? task : undefined;
    }, { timeoutMs: 90_000, intervalMs: 1_000, message: `round ${round} produced no champion` });
    assert.equal(after.champion.trainer, trainerAddress);
    assert.ok(after.champion.metric >= 900_000);

    // One commit and one reveal by the trainer in that round, despite the restart.
    const accountHex = (a) => api.createType('AccountId32', a).toHex();
    const byTrainer = (method) => workEvents.filter((e) => e.method === method && e.data.round === round &&
      e.data.task === DIGITS_TASK && accountHex(e.data.who) === accountHex(trainerAddress));
    assert.equal(byTrainer('Committed').length, 1, 'exactly one commit');
    assert.equal(byTrainer('Revealed').length, 1, 'exactly one reveal');
    assert.equal(workEvents.filter((e) => e.method === 'VerificationReported' && e.data.round === round && e.data.task === DIGITS_TASK).length, 2);
  });

  it('the trainer is paid by the treasury when the epoch ends', async () => {
    const trainerAddress = trainer.ok('key', 'show');
    const balance = await pollUntil(async () => {
      const b = await freeBalance(api, trainerAddress);
      return b > 0n ? b : undefined;
    }, { timeoutMs: 180_000, intervalMs: 2_000, message: 'the trainer was never paid' });
    assert.ok(balance > 0n);
    for (const v of verifiers) assert.ok(await freeBalance(api, v.ok('key', 'show')) > 0n, `${v.name} was paid`);
    const status = trainer.ok('status');
    assert.match(status, /registered at block \d+, reputation \d+ ppm/);
    assert.match(status, /balance +\d+\.\d{8} PAR/);
    assert.doesNotMatch(status, /balance +0\.00000000 PAR/);
    assert.match(status, /task 0 +mlp:64-64-10 on uci-digits-8x8/);
  });
});
