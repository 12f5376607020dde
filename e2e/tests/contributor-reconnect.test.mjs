// paradigm-contributor keeps working when its node crashes and comes back: the node is SIGKILLed
// right after the contributor registered and restarted on the same database and port; the same
// contributor process reconnects and goes on to commit and reveal.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { Cleanup, Contributor, delay, freePort, makeTempDir, removeDir, startNode } from '../lib/index.mjs';

describe('paradigm-contributor across a node restart', { timeout: 300_000 }, () => {
  const cleanup = new Cleanup();
  after(() => cleanup.run());

  it('reconnects by itself and goes on working', async () => {
    const basePath = makeTempDir('paradigm-reconnect-');
    cleanup.defer(() => removeDir(basePath));
    const first = cleanup.track(await startNode({ name: 'reconnect-1', dev: true, basePath }));
    const contributor = cleanup.track(new Contributor('reconnect', first.wsUrl));
    contributor.ok('key', 'generate');
    contributor.start('--train', '0', '--device', 'cpu', '--artifacts-listen', `127.0.0.1:${await freePort()}`);
    await contributor.waitForLine(/registered as a contributor/, { timeoutMs: 60_000 });

    await first.kill();
    await delay(3_000);
    assert.ok(contributor.running, 'the contributor survives its node going away');
    const from = contributor.lines.length;
    cleanup.track(await startNode({ name: 'reconnect-2', dev: true, basePath, rpcPort: first.rpcPort }));

    await contributor.waitForLine(/task 0 round \d+: (committed|revealed)/, { from, timeoutMs: 150_000 });
    assert.ok(contributor.running);
  });
});
