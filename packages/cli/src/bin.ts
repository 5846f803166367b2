import { run } from './main';
import { maskProcessOutput } from './secrets';

// Passwords never reach the terminal, whoever writes: autogen, or user code it loads (models, config).
maskProcessOutput();

// `autogen check | head -1`: the reader went away. Later writes are dropped instead of crashing with a stack
// trace, so the exit code still says what the command found.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // main() handles every error itself; reaching this is a bug, still exit with the error code.
    process.stderr.write(`autogen: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
