// Helpers for the benchmarks in scripts/bench/: machine description, percentiles, result files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { nodeBinary } from './config.mjs';
import { nodeVersion } from './node.mjs';

/** nproc, CPU model, memory, node version and the command line of this run. */
export function describeRun () {
  let cpuModel = 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpuModel = m[1].trim();
  } catch { /* not Linux */ }
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpuModel,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    nodeBinary: nodeBinary(),
    nodeVersion: nodeVersion(),
    nodejs: process.version,
    commandLine: [process.argv0, ...process.argv.slice(1)].join(' '),
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2)))
  };
}

/** The p-th percentile (0..100) of `values` by nearest rank. */
export function percentile (values, p) {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** { count, p50, p90, p99, max, mean } of `values` (seconds), rounded to milliseconds. */
export function summarize (values) {
  const r = (x) => (x === undefined ? undefined : Math.round(x * 1000) / 1000);
  return {
    count: values.length,
    p50: r(percentile(values, 50)),
    p90: r(percentile(values, 90)),
    p99: r(percentile(values, 99)),
    max: r(values.length ? Math.max(...values) : undefined),
    mean: r(values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined)
  };
}

/** Writes `result` as JSON to <dir>/<name>-<timestamp>.json and returns the path. */
export function writeResult (dir, name, result) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
  return file;
}

/** Parses `--name value` / `--name=value` options with defaults (numbers stay numbers). */
export function parseOptions (defaults, argv = process.argv.slice(2)) {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    const key = m[1].replace(/-([a-z])/g, (_x, c) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown option --${m[1]} (known: ${Object.keys(defaults).join(', ')})`);
    const raw = m[2] ?? argv[++i];
    options[key] = typeof defaults[key] === 'number' ? Number(raw) : raw;
    if (typeof defaults[key] === 'number' && !Number.isFinite(options[key])) throw new Error(`--${m[1]} needs a number`);
  }
  return options;
}

/** Reads a Prometheus counter/gauge (sum over label sets matching `labels`) from the text format. */
export async function prometheusValue (url, metric, labels = {}) {
  const text = await (await fetch(url, { signal: AbortSignal.timeout(5_000) })).text();
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== metric) continue;
    const labelText = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) {
      sum += Number(m[3]);
      found = true;
    }
  }
  return found ? sum : undefined;
}
