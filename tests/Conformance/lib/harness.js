'use strict';
// Runs a script's scenarios against one KubeMQ address and prints one JSON line per scenario:
//   {"scenario":"...","pass":true|false,"expected":...,"actual":...}
// The expected values are written from the KubeMQ reference (shared/kubemq-protocol.md), never read back from a
// broker. The process always ends: every scenario has its own timeout, a watchdog bounds the whole script, and the
// process exits explicitly because kubemq-js subscriptions keep timers alive after unsubscribe.

const fs = require('fs');
const crypto = require('crypto');

const DEFAULT_ADDRESS = 'localhost:50000';

function usage(script) {
  return `usage: node ${script} [address] [--only name[,name]] [--serial] [--timeout-ms N] [--<param> value]...\n` +
    `  address: host:port of a KubeMQ gRPC endpoint (also KUBEMQ_ADDRESS; default ${DEFAULT_ADDRESS});\n` +
    '  an http:// prefix is accepted so that an embedded broker\'s Address can be passed as it is.';
}

// Extra "--key value" pairs reach scenarios as ctx.params, so later scenarios (for example a query sent to a typed
// .NET responder on a channel that the caller names) can be added without changing how scripts are started.
function parseArgs(argv, script) {
  const options = { address: '', only: null, serial: false, timeoutMs: 50000, params: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stderr.write(usage(script) + '\n');
      process.exit(2);
    } else if (arg === '--serial') {
      options.serial = true;
    } else if (arg.startsWith('--')) {
      const key = arg.slice(2);
      const value = argv[i + 1];
      if (value === undefined) throw new Error(`argument ${arg} needs a value`);
      i++;
      if (key === 'only') options.only = new Set(value.split(',').map((s) => s.trim()).filter(Boolean));
      else if (key === 'timeout-ms') options.timeoutMs = Number(value);
      else options.params[key] = value;
    } else if (!options.address) {
      options.address = arg;
    } else {
      throw new Error(`unexpected argument '${arg}'`);
    }
  }
  options.address = normalizeAddress(options.address || process.env.KUBEMQ_ADDRESS || DEFAULT_ADDRESS);
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) throw new Error('--timeout-ms must be a positive number');
  return options;
}

// grpc-js wants host:port; an embedded broker reports http://127.0.0.1:PORT/.
function normalizeAddress(address) {
  return address.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
}

function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const sorted = {};
    for (const key of Object.keys(value).sort()) sorted[key] = canonical(value[key]);
    return sorted;
  }
  return value;
}

function deepEqual(a, b) {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function emit(line) {
  // Synchronous, so that process.exit never cuts a result line short.
  fs.writeSync(1, JSON.stringify(line) + '\n');
}

function describeError(error) {
  if (error && typeof error === 'object' && typeof error.code === 'number') {
    return { code: error.code, details: error.details };
  }
  return { error: String(error && error.message ? error.message : error) };
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls a condition until it holds or the time is up; returns whether it held, so that the scenario reports what
// it saw instead of hanging.
async function waitFor(condition, timeoutMs, intervalMs = 20) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (condition()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}

function text(bytes) {
  if (bytes === undefined || bytes === null) return '';
  if (typeof bytes === 'string') return Buffer.from(bytes, 'base64').toString('utf8'); // jspb keeps unread bytes as base64
  return Buffer.from(bytes).toString('utf8');
}

const bytes = (s) => Buffer.from(s, 'utf8');

function range(from, to) {
  const values = [];
  for (let i = from; i <= to; i++) values.push(i);
  return values;
}

function createContext(options, runId, scenarioName) {
  const cleanups = [];
  let counter = 0;
  const base = `${runId}-${scenarioName}`;
  return {
    address: options.address,
    params: options.params,
    // Unique per run and scenario, so scripts can share one long-lived broker and run concurrently.
    channel: (suffix) => `conf.${base}.${suffix || ++counter}`,
    clientId: (suffix) => `conf-${base}-${suffix || ++counter}-${crypto.randomBytes(3).toString('hex')}`,
    defer: (fn) => cleanups.push(fn),
    async cleanup() {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch {
          // Cleanup must not turn a verdict into a crash.
        }
      }
    },
  };
}

async function runScenario(options, runId, scenario) {
  const ctx = createContext(options, runId, scenario.name);
  const timeoutMs = scenario.timeoutMs || 30000;
  let line;
  try {
    const outcome = await withTimeout(Promise.resolve().then(() => scenario.run(ctx)), timeoutMs, `scenario ${scenario.name}`);
    const pass = typeof outcome.pass === 'boolean' ? outcome.pass : deepEqual(outcome.expected, outcome.actual);
    line = { scenario: scenario.name, pass, expected: outcome.expected, actual: outcome.actual };
  } catch (error) {
    line = { scenario: scenario.name, pass: false, expected: scenario.expected || 'scenario completes', actual: describeError(error) };
  } finally {
    await withTimeout(ctx.cleanup(), 3000, 'cleanup').catch(() => {});
  }
  return line;
}

/**
 * Runs the scenarios (concurrently unless --serial; each uses its own channels), prints their lines in declaration
 * order, and exits with 1 if any failed or the watchdog expired.
 * @param {string} script name shown in usage
 * @param {{name:string, timeoutMs?:number, run:(ctx)=>Promise<{expected:any, actual:any, pass?:boolean}>}[]} scenarios
 */
async function run(script, scenarios) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2), script);
  } catch (error) {
    process.stderr.write(`${error.message}\n${usage(script)}\n`);
    process.exit(2);
  }
  const selected = options.only ? scenarios.filter((s) => options.only.has(s.name)) : scenarios;
  if (options.only) {
    const unknown = [...options.only].filter((name) => !scenarios.some((s) => s.name === name));
    if (unknown.length > 0) {
      process.stderr.write(`unknown scenario(s): ${unknown.join(', ')}\n`);
      process.exit(2);
    }
  }

  const runId = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
  const lines = new Array(selected.length);
  let printed = 0;
  let failed = 0;
  const flush = () => {
    while (printed < lines.length && lines[printed]) {
      if (!lines[printed].pass) failed++;
      emit(lines[printed]);
      printed++;
    }
  };

  const watchdog = setTimeout(() => {
    for (let i = printed; i < selected.length; i++) {
      if (!lines[i]) lines[i] = { scenario: selected[i].name, pass: false, expected: 'scenario completes', actual: { error: `script watchdog expired after ${options.timeoutMs} ms` } };
    }
    flush();
    process.stderr.write(`${script}: watchdog expired\n`);
    process.exit(1);
  }, options.timeoutMs);

  process.stderr.write(`${script}: ${selected.length} scenario(s) against ${options.address}\n`);
  const runOne = async (i) => {
    lines[i] = await runScenario(options, runId, selected[i]);
    flush();
  };
  if (options.serial) {
    for (let i = 0; i < selected.length; i++) await runOne(i);
  } else {
    await Promise.all(selected.map((_, i) => runOne(i)));
  }
  clearTimeout(watchdog);
  process.stderr.write(`${script}: ${selected.length - failed} passed, ${failed} failed\n`);
  process.exit(failed > 0 ? 1 : 0);
}

module.exports = { run, waitFor, sleep, withTimeout, describeError, text, bytes, range, deepEqual, normalizeAddress };
