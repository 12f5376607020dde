// The contributor's desktop window starts under Xvfb against a real dev node: its worker registers
// the account, the window draws the connected state and saves a screenshot of itself, then closes.
// (What the window shows for each worker event is tested in contributor/app with egui_kittest.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Cleanup, Contributor, contributorBinary, freePort, rpcCall, startDevChain } from '../lib/index.mjs';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('paradigm-contributor gui under Xvfb', { timeout: 300_000 }, () => {
  const cleanup = new Cleanup();
  let node, contributor;

  before(async () => {
    ({ node } = await startDevChain(cleanup, 'contributor-gui'));
    contributor = cleanup.track(new Contributor('gui', node.wsUrl));
  });
  after(() => cleanup.run());

  it('opens, works against the node and draws its state', async () => {
    const address = contributor.ok('key', 'generate');
    const screenshot = path.join(contributor.dataDir, 'window.png');
    const r = spawnSync('xvfb-run', [
      '-a', '-s', '-screen 0 1024x768x24', contributorBinary(), ...contributor.args([
        'gui', '--train', 'none', '--artifacts-listen', `127.0.0.1:${await freePort()}`,
        '--screenshot', screenshot, '--screenshot-delay-ms', '3000'
      ])
    ], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, LIBGL_ALWAYS_SOFTWARE: '1' } });
    fs.appendFileSync(contributor.logPath, `### gui → ${r.status}\n${r.stdout}${r.stderr}`);
    assert.equal(r.status, 0, `the window exited with ${r.status}: ${r.stderr}`);
    assert.match(r.stdout, /saved a screenshot/);
    const png = fs.readFileSync(screenshot);
    assert.ok(png.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG file');
    assert.ok(png.length > 10_000, `a drawn window, not an empty image (${png.length} bytes)`);
    // The window's worker registered the account on the node.
    assert.notEqual(await rpcCall(node.httpUrl, 'usefulWork_contributor', [address]), null);
  });
});
