/** BETWEEN in a CHECK: PostgreSQL stores the expanded comparison, and both spellings must compare equal. */
import { canonicalPostgresSql } from '../src/postgres-canonical-sql';
import { checkConstraintExpression } from '../src/postgres-introspector';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('BETWEEN', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  test.each([
    ['"rating" BETWEEN 1 AND 5'],
    ['rating NOT BETWEEN 1 AND 5'],
    ['a > 0 AND rating BETWEEN 1 AND 5 AND a < 9'],
    ['a > 0 AND rating NOT BETWEEN 1 AND 5'],
  ])('%s reads back from the server as the same canonical expression', async (expression) => {
    const table = `t_${Math.random().toString(36).slice(2, 8)}`;
    await db.exec(`CREATE TABLE ${table} (a integer, rating integer, CONSTRAINT ck CHECK (${expression}))`);
    const [row] = await db.exec(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'ck' AND conrelid = '${table}'::regclass`);
    const stored = checkConstraintExpression(String(row!.def));
    expect(stored).not.toMatch(/between/i);
    expect(canonicalPostgresSql(stored)).toBe(canonicalPostgresSql(expression));
  });

  test('BETWEEN SYMMETRIC is left as written', () => {
    expect(canonicalPostgresSql('x BETWEEN SYMMETRIC 1 AND 2')).toBe('x between symmetric 1 and 2');
  });
});
