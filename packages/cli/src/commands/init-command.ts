import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, UserError } from '../errors';
import type { GlobalOptions, Io } from '../main';

/** What `init` could tell from the project's package.json. */
interface Detected {
  readonly adapter: string;
  readonly dialect: string;
  readonly note: string;
}

function detect(cwd: string): Detected {
  let deps: Record<string, string> = {};
  try {
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    deps = { ...pkg.devDependencies, ...pkg.dependencies };
  } catch {
    return { adapter: 'drizzle', dialect: 'sqlite', note: 'no package.json found; assumed Drizzle on SQLite' };
  }
  const adapter = 'drizzle-orm' in deps ? 'drizzle' : 'typeorm' in deps ? 'typeorm' : '@mikro-orm/core' in deps ? 'mikro-orm' : 'drizzle';
  const dialect = 'pg' in deps || 'postgres' in deps || '@mikro-orm/postgresql' in deps ? 'postgresql' : 'sqlite';
  const supported = adapter === 'drizzle' || adapter === 'typeorm' || adapter === 'mikro-orm';
  return {
    adapter,
    dialect,
    note: `detected ${adapter} on ${dialect} from package.json${supported ? '' : ' (not supported by this version yet: Drizzle, TypeORM and MikroORM are)'}`,
  };
}

/** `autogen init`: writes a commented `autogen.config.ts` and the migrations folder. */
export async function initCommand(io: Io, globals: GlobalOptions, options: { force?: boolean }): Promise<number> {
  const cwd = process.cwd();
  const file = join(cwd, globals.config ?? 'autogen.config.ts');
  if (existsSync(file) && !options.force) throw new UserError(`${file} already exists`, 'pass --force to overwrite it');
  const found = detect(cwd);
  writeFileSync(
    file,
    `import { defineConfig } from '@autogen/cli';

// autogen configuration. Paths are relative to this file.
export default defineConfig({
  // Database dialect: 'sqlite' or 'postgresql'.
  dialect: '${found.dialect}',
  // Database URL, used when neither --url nor DATABASE_URL is set.
  // SQLite: 'sqlite:./app.db', 'sqlite:/abs/app.db', 'sqlite:///rel.db', 'sqlite:////abs.db' or a bare path.
  // PostgreSQL: 'postgres://user:password@host:5432/database' (the password is never printed).
  url: '${found.dialect === 'postgresql' ? 'postgres://postgres@127.0.0.1:5432/app' : 'sqlite:./app.db'}',
  // ORM the models are written with: 'drizzle', 'typeorm' or 'mikro-orm'.
  adapter: '${found.adapter}',
${
  found.adapter === 'typeorm'
    ? `  // TypeORM: the module exporting your DataSource (never connected), or entity files in "models".
  dataSource: './src/data-source.ts',`
    : found.adapter === 'mikro-orm'
      ? `  // MikroORM: your ORM config module (never connected), or entity files in "models".
  ormConfig: './src/mikro-orm.config.ts',`
      : `  // Model modules (paths or globs). Every entry must match a file; every table must be exported.
  models: ['./src/db/schema.ts'],`
}${found.dialect === 'postgresql' ? "\n  // PostgreSQL schemas autogen manages; the first is the default one.\n  schemas: ['public']," : ''}
  // Folder of revision files.
  migrations: './migrations',
  // Names for the constraints and indexes revisions create (Alembic-style templates).
  // namingConvention: {
  //   ix: 'ix_%(column_0_label)s',
  //   uq: 'uq_%(table_name)s_%(column_0_name)s',
  //   ck: 'ck_%(table_name)s_%(constraint_name)s',
  //   fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
  //   pk: 'pk_%(table_name)s',
  // },
});
`,
  );
  mkdirSync(join(cwd, 'migrations'), { recursive: true });
  io.out(`Wrote ${file} (${found.note}) and created migrations/.\nNext: edit "models" and "url", then run \`autogen --message "initial"\`.\n`);
  return ExitCode.ok;
}
