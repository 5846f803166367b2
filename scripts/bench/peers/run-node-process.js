'use strict';
/**
 * Runs a Node CLI as a whole process and measures it: wall time (spawn to exit, as a user at the shell would see
 * it) and peak RSS through the max-RSS preload. stdin is ignored, so a tool that prompts fails instead of waiting.
 */
const { spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

/** The preload that records `process.resourceUsage().maxRSS` (KB) into `$BENCH_RSS_FILE` at exit. */
const MAX_RSS_PRELOAD = resolve(__dirname, '..', 'max-rss-preload.js');

/** Default timeout of one measured process. */
const TIMEOUT_MS = 120_000;

/**
 * `node -r <max-rss preload> <script> ...args` in `cwd`, timed.
 *
 * @param {string} script the CLI entry file (absolute)
 * @param {ReadonlyArray<string>} args
 * @param {{ cwd: string, env?: Record<string, string>, timeoutMs?: number }} options `env` is added to the
 *   current environment (plus NO_COLOR=1, FORCE_COLOR=0)
 * @returns {{ seconds: number, maxRssKb: number|undefined, status: number|null, signal: string|null,
 *   timedOut: boolean, stdout: string, stderr: string, error: string|undefined }}
 */
function runNodeProcess(script, args, options) {
  const rssFile = join(tmpdir(), `bench-rss-${process.pid}-${randomBytes(6).toString('hex')}`);
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...(options.env || {}), BENCH_RSS_FILE: rssFile };
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-r', MAX_RSS_PRELOAD, script, ...args], {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? TIMEOUT_MS,
    killSignal: 'SIGKILL',
    // drizzle-kit --verbose prints every statement: at 1000 tables that is megabytes
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let maxRssKb;
  try {
    maxRssKb = Number(readFileSync(rssFile, 'utf8')) || undefined;
  } catch {
    maxRssKb = undefined; // killed (timeout): the preload never ran its exit hook
  }
  rmSync(rssFile, { force: true });
  const timedOut = run.error?.code === 'ETIMEDOUT' || (run.signal === 'SIGKILL' && seconds * 1000 >= (options.timeoutMs ?? TIMEOUT_MS));
  return {
    seconds,
    maxRssKb,
    status: run.status,
    signal: run.signal,
    timedOut,
    stdout: stripAnsi(run.stdout || ''),
    stderr: stripAnsi(run.stderr || ''),
    error: run.error ? run.error.message : undefined,
  };
}

/** Removes terminal colour codes and cursor movements (spinners) from a tool's output. */
function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}

module.exports = { runNodeProcess, stripAnsi, MAX_RSS_PRELOAD, TIMEOUT_MS };
