// Starting and stopping paradigm-node processes.
//
// Every node gets its own temporary base path (unless one is given), free loopback ports, and a log
// file under e2e/logs/. `startNode` resolves once the node answers JSON-RPC. Nodes are stopped with
// SIGTERM then SIGKILL by `stop()`; and whatever is still running when this process exits (a failed
// or killed test run) is SIGKILLed by the exit handlers installed below.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { logRoot, requireNodeBinary } from './config.mjs';
import { freePort } from './ports.mjs';
import { rpcCall } from './rpc.mjs';
import { pollUntil, withTimeout } from './wait.mjs';

const liveNodes = new Set();
let exitHandlersInstalled = false;

function installExitHandlers () {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  // Synchronous: the only thing that still works in an 'exit' handler.
  const killAll = () => {
    for (const node of liveNodes) {
      try { process.kill(node.pid, 'SIGKILL'); } catch { /* already gone */ }
      if (node.ownsBasePath) removeDir(node.basePath);
    }
    liveNodes.clear();
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + (os.constants.signals[signal] ?? 0));
    });
  }
}

const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;

/** Folder for this process's node logs (created on first use). */
export function runLogDir () {
  const dir = path.join(logRoot(), runId);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fresh temporary directory; the caller removes it (see `removeDir`). */
export function makeTempDir (prefix = 'paradigm-e2e-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir (dir) {
  if (dir && !process.env.PARADIGM_E2E_KEEP) fs.rmSync(dir, { recursive: true, force: true });
}

/** `paradigm-node --version`, e.g. "paradigm-node 0.1.0-abc1234". */
export function nodeVersion () {
  return execFileSync(requireNodeBinary(), ['--version'], { encoding: 'utf8' }).trim();
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const MAX_BUFFER = 8 * 1024 * 1024;

/** A running paradigm-node process. Create with `startNode`. */
export class ParadigmNode {
  constructor ({ name, args, basePath, ownsBasePath, p2pPort, rpcPort, prometheusPort, logPath }) {
    this.name = name;
    this.args = args;
    this.basePath = basePath;
    this.ownsBasePath = ownsBasePath;
    this.p2pPort = p2pPort;
    this.rpcPort = rpcPort;
    this.prometheusPort = prometheusPort;
    this.logPath = logPath;
    this.peerId = undefined;
    this.startedAt = undefined;
    this.exitStatus = undefined;
    this.output = '';
    this.outputOffset = 0; // characters dropped from the front of `output`
    this.waiters = new Set();
  }

  get wsUrl () { return `ws://127.0.0.1:${this.rpcPort}`; }
  get httpUrl () { return `http://127.0.0.1:${this.rpcPort}`; }
  get prometheusUrl () { return this.prometheusPort ? `http://127.0.0.1:${this.prometheusPort}/metrics` : undefined; }
  /** The address other nodes use to reach this one. */
  get multiaddr () {
    if (!this.peerId) throw new Error(`${this.name}: peer id not known yet`);
    return `/ip4/127.0.0.1/tcp/${this.p2pPort}/p2p/${this.peerId}`;
  }

  get running () { return this.child !== undefined && this.exitStatus === undefined; }
  get pid () { return this.child?.pid; }

  /** Spawns the process (once). Resolves when the process has been created. */
  _spawn () {
    const bin = requireNodeBinary();
    fs.mkdirSync(path.dirname(this.logPath), { recursive: true });
    this.log = fs.createWriteStream(this.logPath, { flags: 'a' });
    this.log.write(`### ${new Date().toISOString()} ${bin} ${this.args.join(' ')}\n`);
    this.startedAt = performance.now();
    this.child = spawn(bin, this.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG_STYLE: 'never' } });
    liveNodes.add(this);
    installExitHandlers();
    const onData = (chunk) => this._onOutput(chunk.toString('utf8'));
    this.child.stdout.on('data', onData);
    this.child.stderr.on('data', onData);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        liveNodes.delete(this);
        this.log.write(`### exited code=${code} signal=${signal}\n`);
        for (const waiter of this.waiters) waiter.onExit(this.exitStatus);
        resolve(this.exitStatus);
      });
    });
    this.child.once('error', (e) => this._onOutput(`### spawn error: ${e.message}\n`));
  }

  _onOutput (text) {
    this.log.write(text);
    this.output += text.replace(ANSI, '');
    if (this.output.length > MAX_BUFFER) {
      const drop = this.output.length - MAX_BUFFER / 2;
      this.output = this.output.slice(drop);
      this.outputOffset += drop;
    }
    if (!this.peerId) {
      const m = /Local node identity is: (\w+)/.exec(this.output);
      if (m) this.peerId = m[1];
    }
    for (const waiter of this.waiters) waiter.check();
  }

  /** The node's output so far (colour codes removed; the front is dropped beyond 8 MiB). */
  logText () { return this.output; }

  /** The last `lines` lines of output, for failure messages. */
  tail (lines = 30) {
    return this.output.split('\n').slice(-lines - 1).join('\n');
  }

  /**
   * Resolves with the regex match once the output (from the start, or from `fromNow` on) matches
   * `regex`. Rejects on timeout, if the process exits first, or as soon as the output matches
   * `failOn` (a regex for a line that means the awaited one will never come).
   */
  waitForLog (regex, { timeoutMs = 60_000, fromNow = false, failOn } = {}) {
    const startAt = fromNow ? this.outputOffset + this.output.length : 0;
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          const from = Math.max(0, startAt - this.outputOffset);
          const text = this.output.slice(from);
          const m = regex.exec(text);
          if (m) { finish(); resolve(m); return; }
          const bad = failOn?.exec(text);
          if (bad) {
            finish();
            reject(new Error(`${this.name} logged "${bad[0]}" while waiting for ${regex}; log ${this.logPath}\n${this.tail()}`));
          }
        },
        onExit: (status) => {
          finish();
          reject(new Error(`${this.name} exited (${JSON.stringify(status)}) before its log matched ${regex}; log ${this.logPath}\n${this.tail()}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.name}: log did not match ${regex} within ${timeoutMs / 1000} s; log ${this.logPath}\n${this.tail()}`));
      }, timeoutMs);
      const finish = () => { clearTimeout(timer); this.waiters.delete(waiter); };
      this.waiters.add(waiter);
      waiter.check();
      if (this.exitStatus) waiter.onExit(this.exitStatus);
    });
  }

  /** Resolves once JSON-RPC answers `system_health`; rejects if the process exits first. */
  async waitForRpc ({ timeoutMs = 90_000 } = {}) {
    let exitedEarly = false;
    const exitWatch = this.exited.then((status) => { exitedEarly = true; return status; });
    const ready = pollUntil(async () => {
      if (exitedEarly) return 'exited';
      await rpcCall(this.httpUrl, 'system_health', [], { timeoutMs: 2_000 });
      return 'ready';
    }, { timeoutMs, intervalMs: 200, message: `${this.name} did not answer JSON-RPC on ${this.httpUrl}; log ${this.logPath}\n${this.tail()}` });
    const result = await Promise.race([ready, exitWatch.then(() => 'exited')]);
    if (result === 'exited' || exitedEarly) {
      throw new NodeExitedError(this, `${this.name} exited (${JSON.stringify(this.exitStatus)}) while starting; log ${this.logPath}\n${this.tail(40)}`);
    }
    // The identity line comes before RPC starts; wait briefly in case output is buffered.
    if (!this.peerId) await this.waitForLog(/Local node identity is: \w+/, { timeoutMs: 10_000 });
  }

  /** Sends `signal` and resolves with the exit status (no timeout: use stop/kill). */
  _signal (signal) {
    if (!this.running) return this.exited ?? Promise.resolve(undefined);
    try { this.child.kill(signal); } catch { /* already gone */ }
    return this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. Removes the base path if this node created it. */
  async stop ({ graceMs = 15_000, keepBasePath = false } = {}) {
    if (this.running) {
      this._signal('SIGTERM');
      try {
        await withTimeout(this.exited, graceMs, `${this.name} did not exit on SIGTERM`);
      } catch {
        this.log.write(`### SIGTERM ignored for ${graceMs} ms, sending SIGKILL\n`);
        await this.kill();
      }
    }
    await this._closeLog();
    if (this.ownsBasePath && !keepBasePath) removeDir(this.basePath);
  }

  /** SIGKILL, as a crash or power loss would. Keeps the base path (for restart tests). */
  async kill () {
    if (this.running) {
      this._signal('SIGKILL');
      await withTimeout(this.exited, 10_000, `${this.name} did not exit on SIGKILL`);
    }
    await this._closeLog();
  }

  async _closeLog () {
    if (this.log && !this.log.closed) await new Promise((resolve) => this.log.end(resolve));
  }
}

export class NodeExitedError extends Error {
  constructor (node, message) {
    super(message);
    this.node = node;
  }
}

function isAddressInUse (node) {
  return /address already in use|AddrInUse|os error 98/i.test(node.logText());
}

/**
 * Starts a paradigm-node and waits until it answers JSON-RPC.
 *
 * @param {object} o
 * @param {string} o.name          label for the log file and `--name`
 * @param {boolean} [o.dev]        `--dev` (Alice alone, force authoring) instead of `--chain`
 * @param {string} [o.chain]       `--chain` value: 'local', 'paradigm-local', a spec file ...
 * @param {string} [o.validator]   dev key to author with: 'alice', 'bob', ... (adds `--validator`)
 * @param {string} [o.basePath]    reuse this base path (kept on stop); default: a fresh temp dir
 * @param {string} [o.nodeKey]     64 hex chars, fixes the peer id
 * @param {string[]} [o.bootnodes] multiaddrs
 * @param {string} [o.sync]        `--sync` mode, e.g. 'warp'
 * @param {boolean} [o.prometheus] expose Prometheus metrics on a free loopback port
 * @param {string} [o.logFilter]   `-l` value, e.g. 'sync=debug'
 * @param {string[]} [o.extraArgs]
 * @param {number} [o.readyTimeoutMs]
 * @returns {Promise<ParadigmNode>}
 */
export async function startNode (o) {
  const name = o.name ?? 'node';
  const ownsBasePath = !o.basePath;
  const basePath = o.basePath ?? makeTempDir(`paradigm-${name}-`);
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const p2pPort = await freePort();
    const rpcPort = o.rpcPort ?? await freePort();
    const prometheusPort = o.prometheus ? await freePort() : undefined;
    const args = [
      ...(o.dev ? ['--dev'] : ['--chain', o.chain ?? 'local']),
      '--name', name,
      '--base-path', basePath,
      '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
      '--rpc-port', String(rpcPort),
      '--no-telemetry',
      '--no-mdns',
      ...(prometheusPort ? ['--prometheus-port', String(prometheusPort)] : ['--no-prometheus']),
      ...(o.validator ? [`--${o.validator}`, '--validator'] : []),
      ...(o.nodeKey ? ['--node-key', o.nodeKey] : []),
      ...(o.bootnodes?.length ? ['--bootnodes', ...o.bootnodes] : []),
      ...(o.sync ? ['--sync', o.sync] : []),
      ...(o.logFilter ? ['-l', o.logFilter] : []),
      ...(o.extraArgs ?? [])
    ];
    const node = new ParadigmNode({
      name,
      args,
      basePath,
      ownsBasePath,
      p2pPort,
      rpcPort,
      prometheusPort,
      logPath: path.join(runLogDir(), `${name}${attempt > 1 ? `-try${attempt}` : ''}.log`)
    });
    node._spawn();
    try {
      await node.waitForRpc({ timeoutMs: o.readyTimeoutMs ?? 90_000 });
      return node;
    } catch (e) {
      lastError = e;
      await node.stop({ keepBasePath: true });
      if (!(e instanceof NodeExitedError && isAddressInUse(node))) break;
    }
  }
  if (ownsBasePath) removeDir(basePath);
  throw lastError;
}

/** Runs cleanup functions in reverse order of registration; errors are collected, not thrown early. */
export class Cleanup {
  constructor () { this.steps = []; }

  /** Registers `resource` (anything with stop() or disconnect()) and returns it. */
  track (resource) {
    if (typeof resource?.stop === 'function') this.steps.push(() => resource.stop());
    else if (typeof resource?.disconnect === 'function') this.steps.push(() => resource.disconnect());
    else throw new Error('Cleanup.track: resource has neither stop() nor disconnect()');
    return resource;
  }

  defer (fn) { this.steps.push(fn); }

  async run () {
    const errors = [];
    while (this.steps.length) {
      const step = this.steps.pop();
      try { await withTimeout(Promise.resolve().then(step), 30_000, 'cleanup step'); } catch (e) { errors.push(e); }
    }
    if (errors.length) throw new AggregateError(errors, `cleanup failed: ${errors.map((e) => e.message).join('; ')}`);
  }
}
