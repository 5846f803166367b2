/**
 * Starts the embedded PostgreSQL server (PGlite behind pglite-socket, see `embedded-postgres-server.cjs`) in a
 * child Node process and waits until it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The child's script. */
const SERVER_SCRIPT = join(__dirname, 'embedded-postgres-server.cjs');
/** Creating the PGlite instance takes 2–3 s; allow for a loaded machine. */
const START_TIMEOUT_MS = 60_000;
/** After this, a child that ignored SIGTERM is killed. */
const STOP_TIMEOUT_MS = 5_000;

/** A running embedded server with one database, `postgres`. */
export interface EmbeddedPostgres {
  /** TCP port on 127.0.0.1. */
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  /** Stops the server; the in-memory database is gone afterwards. Calling it again is harmless. */
  stop(): Promise<void>;
}

/** Resolves when `child` has exited (at once if it already has). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a fresh, empty embedded server on a free port. */
export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  // stdin stays open as a lifeline: when this process dies, the child sees its end and stops.
  const child = spawn(process.execPath, [SERVER_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-10_000)));
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => fail(`no answer after ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`embedded PostgreSQL did not start: ${why}${stderr ? `\n${stderr}` : ''}`));
    };
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`the server process exited (${signal ?? `code ${code}`})`));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      child.stdout!.removeAllListeners('data'); // the stream keeps flowing, so later output is discarded
      resolve((JSON.parse(stdout.slice(0, newline)) as { port: number }).port);
    });
  });
  let stopped: Promise<void> | undefined;
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      stopped ??= (async () => {
        const done = exited(child);
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await done;
        clearTimeout(timer);
        child.stdin!.destroy();
        child.stdout!.destroy();
        child.stderr!.destroy();
      })();
      return stopped;
    },
  };
}
