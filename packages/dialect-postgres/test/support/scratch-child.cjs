// @ts-check
/**
 * Runs a script against the PGlite scratch database in its own Node process: PGlite loads its WebAssembly with a
 * dynamic `import()`, which jest's module sandbox refuses (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG). The test
 * passes `{ searchPath, steps }` as JSON on stdin, where each step is `{ apply: Op[] }`, `{ introspect: schemas }`,
 * `{ query: sql }` or `{ execute: sql }`; the child prints one JSON line per step: the result, or `{ error, code }`.
 */
'use strict';
const { postgresDialect, openPostgresScratch } = require('../../dist/index.js');

async function main() {
  const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const scratch = await openPostgresScratch({ searchPath: input.searchPath });
  try {
    for (const step of input.steps) {
      try {
        if (step.apply) {
          await postgresDialect.applyRevision(scratch, { label: 'step', ops: step.apply, versionStatements: [] });
          console.log(JSON.stringify({ ok: true }));
        } else if (step.introspect) {
          const schema = await postgresDialect.introspect(scratch, { exclude: [], schemas: step.introspect });
          console.log(JSON.stringify(postgresDialect.normalize(schema)));
        } else if (step.query) {
          console.log(JSON.stringify(await scratch.query(step.query)));
        } else {
          console.log(JSON.stringify(await scratch.execute(step.execute)));
        }
      } catch (error) {
        console.log(JSON.stringify({ error: error.message, code: error.code, name: error.name }));
      }
    }
  } finally {
    await scratch.close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
