// paradigm-contributor processes for end-to-end tests: each has its own data directory, its key
// passphrase in a file, and its output kept in memory (to wait for lines) and in a log file.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { targetDir } from './config.mjs';
import { makeTempDir, removeDir, runLogDir } from './node.mjs';
import { withTimeout } from './wait.mjs';

/** The binary under test: $PARADIGM_CONTRIBUTOR, else <target>/release/paradigm-contributor. */
export function contributorBinary () {
  const bin = process.env.PARADIGM_CONTRIBUTOR || path.join(targetDir(), 'release', 'paradigm-contributor');
  if (!fs.existsSync(bin)) throw new Error(`paradigm-contributor not found at ${bin}: build it (cargo build --release)`);
  return bin;
}

export class Contributor {
  /** A contributor named `name` talking to the node at `nodeUrl`, with a fresh data directory. */
  constructor (name, nodeUrl, { passphrase = `pass-${name}` } = {}) {
    this.name = name;
    this.nodeUrl = nodeUrl;
    this.dataDir = makeTempDir(`paradigm-contributor-${name}-`);
    this.passwordFile = path.join(this.dataDir, '..', `${path.basename(this.dataDir)}.password`);
    fs.writeFileSync(this.passwordFile, passphrase, { mode: 0o600 });
    this.logPath = path.join(runLogDir(), `contributor-${name}.log`);
    this.lines = [];
    this.child = undefined;
  }

  args (extra) {
    return ['--data-dir', this.dataDir, '--node', this.nodeUrl, '--password-file', this.passwordFile, ...extra];
  }

  /** Runs a one-shot command to completion: { status, stdout, stderr }. */
  command (...extra) {
    const r = spawnSync(contributorBinary(), this.args(extra), { encoding: 'utf8', timeout: 120_000 });
    fs.appendFileSync(this.logPath, `### ${extra.join(' ')} → ${r.status}\n${r.stdout}${r.stderr}`);
    return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
  }

  /** Like command(), but throws unless it succeeded. Returns stdout. */
  ok (...extra) {
    const r = this.command(...extra);
    if (r.status !== 0) throw new Error(`${this.name}: ${extra.join(' ')} failed (${r.status}): ${r.stderr}`);
    return r.stdout;
  }

  /** Starts `run` with `extra` arguments in the background. */
  start (...extra) {
    if (this.running) throw new Error(`${this.name} is already running`);
    const log = fs.createWriteStream(this.logPath, { flags: 'a' });
    log.write(`### run ${extra.join(' ')}\n`);
    this.child = spawn(contributorBinary(), this.args(['run', '--quiet', ...extra]), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    let pending = '';
    const onData = (chunk) => {
      const text = chunk.toString('utf8');
      log.write(text);
      pending += text;
      const parts = pending.split('\n');
      pending = parts.pop();
      this.lines.push(...parts);
    };
    this.child.stdout.on('data', onData);
    this.child.stderr.on('data', onData);
    this.exited.then(() => log.end());
    return this;
  }

  get running () { return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null; }

  /** Resolves with the first output line (from index `from`) matching `pattern`. */
  async waitForLine (pattern, { timeoutMs = 120_000, from = 0 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.slice(from).find((l) => pattern.test(l));
      if (line) return line;
      if (!this.running && this.child) throw new Error(`${this.name} exited while waiting for ${pattern}; see ${this.logPath}`);
      if (Date.now() > deadline) throw new Error(`${this.name}: no line matching ${pattern} within ${timeoutMs} ms; see ${this.logPath}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGKILL: a crash, with no chance to save anything. */
  async kill () {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Ctrl-C, then SIGKILL if it does not stop within 20 s. */
  async stop () {
    if (this.running) {
      this.child.kill('SIGINT');
      await withTimeout(this.exited, 20_000, `${this.name} did not stop`).catch(() => this.kill());
    }
    removeDir(this.dataDir);
    fs.rmSync(this.passwordFile, { force: true });
  }
}
