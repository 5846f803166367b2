import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Column, ColumnType, DefaultValue } from '@autogen/schema';
import { parseColumnType } from '@autogen/schema';
import { connectSqlite } from '../src/sqlite-connection';
import type { SqliteConnection } from '../src/sqlite-connection';

/** A fresh temporary directory, removed by {@link cleanup}. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'autogen-sqlite-'));
}

const opened: SqliteConnection[] = [];
const dirs: string[] = [];

/** Opens a new SQLite file in a temporary directory and runs `setup` on it. */
export async function tempDatabase(setup = ''): Promise<{ connection: SqliteConnection; file: string; dir: string }> {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'app.db');
  const connection = await connectSqlite(`sqlite:${file}`, { baseDir: dir, mustExist: false });
  opened.push(connection);
  if (setup) await connection.execute(setup);
  return { connection, file, dir };
}

/** Closes every connection and removes every directory the helpers made. */
export async function cleanup(): Promise<void> {
  for (const c of opened.splice(0)) await c.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export const type = (raw: string): ColumnType => parseColumnType(raw);
export const lit = (value: string | number | boolean | null): DefaultValue => ({ kind: 'literal', value });
export const expr = (text: string): DefaultValue => ({ kind: 'sql', expr: text });

/** A column; nullable unless `notNull`. */
export function col(name: string, raw: string, extra: Partial<Omit<Column, 'name' | 'type'>> = {}): Column {
  return { name, type: type(raw), nullable: true, ...extra };
}
