import { compare, parseRenames } from '@autogen/compare';
import { postgresDialect } from '@autogen/dialect-postgres';
import { sqliteDialect } from '@autogen/dialect-sqlite';
import type { Op } from '@autogen/ops';
import type { Schema } from '@autogen/schema';
import { LINT_RULES, isLintSeverity, lintOps, lintRule, severityAtLeast } from '@autogen/lint';
import type { LintFinding, LintRuleId } from '@autogen/lint';
import { col, concurrent, fk, id, ix, plain, table } from './fixtures';

/** The findings without their messages, for exact comparisons; messages are checked separately. */
const brief = (findings: ReadonlyArray<LintFinding>): Array<Omit<LintFinding, 'message'>> =>
  findings.map(({ message: _message, ...rest }) => rest);

const rules = (findings: ReadonlyArray<LintFinding>): LintRuleId[] => findings.map((f) => f.rule);

const users = table('users', [id(), col('name', 'varchar(100)'), col('email', 'text'), col('age', 'integer')]);

/** Ops from comparing two schemas the way the CLI does: both sides normalized by the dialect first. */
function pgOps(current: Schema, target: Schema, renames: ReadonlyArray<string> = []): ReadonlyArray<Op> {
  return compare(postgresDialect.normalize(current), postgresDialect.normalize(target), {
    capabilities: postgresDialect.capabilities,
    renames: parseRenames(renames),
  }).ops;
}

function sqliteOps(current: Schema, target: Schema): ReadonlyArray<Op> {
  return compare(sqliteDialect.normalize(current), sqliteDialect.normalize(target), { capabilities: sqliteDialect.capabilities }).ops;
}

describe('rules and severities', () => {
  it('lists every rule id once, with its static severity and a one-line summary', () => {
    const ids: LintRuleId[] = [
      'drop-table',
      'drop-column',
      'type-narrowing',
      'type-change',
      'not-null-without-default',
      'unique-on-duplicates',
      'foreign-key-orphans',
      'blocking-index-build',
      'rename-breaks-clients',
      'enum-label-removed',
      'table-rebuild',
      'raw-sql',
    ];
    expect(LINT_RULES.map((r) => r.id)).toEqual(ids);
    expect(LINT_RULES.map((r) => [r.id, r.severity])).toEqual([
      ['drop-table', 'error'],
      ['drop-column', 'error'],
      ['type-narrowing', 'error'],
      ['type-change', 'warning'],
      ['not-null-without-default', 'warning'],
      ['unique-on-duplicates', 'warning'],
      ['foreign-key-orphans', 'warning'],
      ['blocking-index-build', 'info'],
      ['rename-breaks-clients', 'warning'],
      ['enum-label-removed', 'error'],
      ['table-rebuild', 'info'],
      ['raw-sql', 'info'],
    ]);
    for (const rule of LINT_RULES) expect(rule.summary).toMatch(/^[^\n]{10,}$/);
    expect(lintRule('raw-sql').severity).toBe('info');
  });

  it('orders severities error > warning > info', () => {
    expect(severityAtLeast('error', 'warning')).toBe(true);
    expect(severityAtLeast('error', 'error')).toBe(true);
    expect(severityAtLeast('warning', 'warning')).toBe(true);
    expect(severityAtLeast('warning', 'error')).toBe(false);
    expect(severityAtLeast('info', 'warning')).toBe(false);
    expect(severityAtLeast('info', 'info')).toBe(true);
    expect(severityAtLeast('warning', 'info')).toBe(true);
    expect(isLintSeverity('warning')).toBe(true);
    expect(isLintSeverity('fatal')).toBe(false);
  });

  it('findings of a static lint match their rule severity', () => {
    const ops: Op[] = [
      { kind: 'dropTable', table: 'users', existing: users },
      { kind: 'execute', sql: 'SELECT 1' },
    ];
    for (const finding of lintOps(ops, { capabilities: plain })) expect(finding.severity).toBe(lintRule(finding.rule).severity);
  });
});

describe('drop-table and drop-column', () => {
  it('reports a dropped table and a dropped column as errors naming them', () => {
    const ops = pgOps({ tables: [users, table('logs', [id()])] }, { tables: [table('users', [id(), col('name', 'varchar(100)'), col('age', 'integer')])] });
    const findings = lintOps(ops, { capabilities: postgresDialect.capabilities });
    expect(brief(findings)).toEqual([
      { rule: 'drop-column', severity: 'error', opIndex: 0, table: 'users', column: 'email' },
      { rule: 'drop-table', severity: 'error', opIndex: 1, table: 'logs' },
    ]);
    expect(findings[0]?.message).toMatch(/^drop column users\.email: deletes its value in every row; back the data up/);
    expect(findings[1]?.message).toMatch(/^drop table logs: deletes every row/);
  });
});

describe('type-narrowing and type-change', () => {
  const alter = (from: string, to: string): Op => ({
    kind: 'alterColumn',
    table: 'users',
    column: 'c',
    from: col('c', from),
    to: col('c', to),
    changes: ['type'],
  });
  const lintType = (from: string, to: string): LintRuleId[] => rules(lintOps([alter(from, to)], { capabilities: plain }));

  it('reports narrowing changes as errors', () => {
    expect(lintType('varchar(100)', 'varchar(50)')).toEqual(['type-narrowing']);
    expect(lintType('char(10)', 'char(5)')).toEqual(['type-narrowing']);
    expect(lintType('numeric(10,2)', 'numeric(8,2)')).toEqual(['type-narrowing']);
    expect(lintType('numeric(10,2)', 'numeric(10,1)')).toEqual(['type-narrowing']);
    expect(lintType('bigint', 'integer')).toEqual(['type-narrowing']);
    expect(lintType('bigint', 'smallint')).toEqual(['type-narrowing']);
    expect(lintType('integer', 'smallint')).toEqual(['type-narrowing']);
    expect(lintType('text', 'varchar(20)')).toEqual(['type-narrowing']);
    expect(lintType('double precision', 'real')).toEqual(['type-narrowing']);
  });

  it('reports nothing for widening changes', () => {
    expect(lintType('varchar(50)', 'varchar(100)')).toEqual([]);
    expect(lintType('integer', 'bigint')).toEqual([]);
    expect(lintType('varchar(50)', 'text')).toEqual([]);
    expect(lintType('numeric(10,2)', 'numeric(12,2)')).toEqual([]);
    expect(lintType('real', 'double precision')).toEqual([]);
  });

  it('reports other changes as type-change warnings', () => {
    expect(lintType('text', 'integer')).toEqual(['type-change']);
    expect(lintType('integer', 'boolean')).toEqual(['type-change']);
    expect(lintType('timestamp', 'timestamptz')).toEqual(['type-change']);
    expect(lintType('jsonb', 'json')).toEqual(['type-change']);
  });

  it('names table, column and both types in one line, from compared normalized schemas', () => {
    const target = table('users', [id(), col('name', 'character varying(50)'), col('email', 'text'), col('age', 'text')]);
    const findings = lintOps(pgOps({ tables: [users] }, { tables: [target] }), { capabilities: postgresDialect.capabilities });
    expect(brief(findings)).toEqual([
      { rule: 'type-narrowing', severity: 'error', opIndex: 0, table: 'users', column: 'name' },
      { rule: 'type-change', severity: 'warning', opIndex: 1, table: 'users', column: 'age' },
    ]);
    expect(findings[1]?.message).toBe(
      'alter column users.age: type integer -> text; values that do not convert make the migration fail, and the table is usually rewritten while writes wait; check the values convert, or add a new column, backfill it and switch over',
    );
    expect(findings[0]?.message).toMatch(/^alter column users\.name: type varchar\(100\) -> varchar\(50\) is narrower/);
  });

  it('ignores alterColumn ops that do not change the type', () => {
    const op: Op = { kind: 'alterColumn', table: 'users', column: 'c', from: col('c', 'text'), to: col('c', 'text', { comment: 'x' }), changes: ['comment'] };
    expect(lintOps([op], { capabilities: plain })).toEqual([]);
  });
});

describe('not-null-without-default', () => {
  it('warns when an existing column becomes NOT NULL, whatever its default', () => {
    const op: Op = {
      kind: 'alterColumn',
      table: 'users',
      column: 'email',
      from: col('email', 'text'),
      to: col('email', 'text', { nullable: false, default: { kind: 'literal', value: '' } }),
      changes: ['nullable', 'default'],
    };
    const findings = lintOps([op], { capabilities: plain });
    expect(brief(findings)).toEqual([{ rule: 'not-null-without-default', severity: 'warning', opIndex: 0, table: 'users', column: 'email' }]);
    expect(findings[0]?.message).toMatch(/^alter column users\.email set NOT NULL: fails if any row holds NULL in it; backfill/);
  });

  it('says nothing when a column becomes nullable', () => {
    const op: Op = { kind: 'alterColumn', table: 'users', column: 'e', from: col('e', 'text', { nullable: false }), to: col('e', 'text'), changes: ['nullable'] };
    expect(lintOps([op], { capabilities: plain })).toEqual([]);
  });

  it('warns for a NOT NULL column added without a default, and not for one that fills itself', () => {
    const add = (column: ReturnType<typeof col>): Op => ({ kind: 'addColumn', table: 'users', column });
    const ops: Op[] = [
      add(col('a', 'text', { nullable: false })),
      add(col('b', 'text', { nullable: false, default: { kind: 'literal', value: 'x' } })),
      add(col('c', 'bigint', { nullable: false, identity: 'always' })),
      add(col('d', 'integer', { nullable: false, autoincrement: true })),
      add(col('e', 'bigserial', { nullable: false })),
      add(col('f', 'text')),
      add(col('g', 'text', { nullable: false, default: { kind: 'literal', value: null } })),
      add(col('h', 'timestamptz', { nullable: false, default: { kind: 'sql', expr: 'CURRENT_TIMESTAMP' } })),
    ];
    const findings = lintOps(ops, { capabilities: plain });
    expect(brief(findings)).toEqual([
      { rule: 'not-null-without-default', severity: 'warning', opIndex: 0, table: 'users', column: 'a' },
      { rule: 'not-null-without-default', severity: 'warning', opIndex: 6, table: 'users', column: 'g' },
    ]);
    expect(findings[0]?.message).toBe(
      'add column users.a NOT NULL without a default: fails if the table has rows; give it a default, or add it nullable, backfill it and then set NOT NULL',
    );
  });

  it('says nothing for a table created earlier in the same ops (it is empty), unless SQL ran in between', () => {
    const created: Op = { kind: 'createTable', table: table('fresh', [id()]) };
    const add: Op = { kind: 'addColumn', table: 'fresh', column: col('a', 'text', { nullable: false }) };
    expect(lintOps([created, add], { capabilities: plain })).toEqual([]);
    const withSql = lintOps([created, { kind: 'execute', sql: "INSERT INTO fresh (id) VALUES (1)" }, add], { capabilities: plain });
    expect(rules(withSql)).toEqual(['raw-sql', 'not-null-without-default']);
  });
});

describe('unique-on-duplicates', () => {
  it('warns for a new unique constraint, unique index (partial too) and primary key, naming them', () => {
    const ops: Op[] = [
      { kind: 'createUnique', table: 'users', unique: { name: 'uq_users_email', columns: ['email'] } },
      { kind: 'createIndex', table: 'users', index: ix('ix_users_name', ['name'], { unique: true }) },
      { kind: 'createIndex', table: 'users', index: ix('ix_users_age', ['age']) },
      { kind: 'createIndex', table: 'users', index: ix('ix_users_live', ['email'], { unique: true, where: 'age > 0' }) },
      { kind: 'createPrimaryKey', table: 'users', primaryKey: { name: 'users_pkey', columns: ['id'] } },
    ];
    const findings = lintOps(ops, { capabilities: plain });
    expect(brief(findings)).toEqual([
      { rule: 'unique-on-duplicates', severity: 'warning', opIndex: 0, table: 'users', constraint: 'uq_users_email' },
      { rule: 'unique-on-duplicates', severity: 'warning', opIndex: 1, table: 'users', constraint: 'ix_users_name' },
      { rule: 'unique-on-duplicates', severity: 'warning', opIndex: 3, table: 'users', constraint: 'ix_users_live' },
      { rule: 'unique-on-duplicates', severity: 'warning', opIndex: 4, table: 'users', constraint: 'users_pkey' },
    ]);
    expect(findings[0]?.message).toMatch(/^add unique uq_users_email on users\(email\): fails if existing rows hold duplicate values/);
    expect(findings[2]?.message).toMatch(/^create unique index ix_users_live on users\(email\) WHERE age > 0: fails/);
    expect(findings[3]?.message).toMatch(/^add primary key users_pkey on users\(id\): fails if existing rows hold duplicate or NULL values/);
  });

  it('says nothing for the unique indexes of a new table', () => {
    const created = table('tags', [id(), col('label', 'text')]);
    const ops: Op[] = [
      { kind: 'createTable', table: created },
      { kind: 'createIndex', table: 'tags', index: ix('ix_tags_label', ['label'], { unique: true }) },
    ];
    expect(lintOps(ops, { capabilities: concurrent })).toEqual([]);
  });
});

describe('foreign-key-orphans', () => {
  it('warns for a foreign key added to an existing table', () => {
    const posts = table('posts', [id(), col('user_id', 'integer')]);
    const target = table('posts', [id(), col('user_id', 'integer')], { foreignKeys: [fk(['user_id'], 'users', ['id'], { name: 'fk_posts_user' })] });
    const findings = lintOps(pgOps({ tables: [users, posts] }, { tables: [users, target] }), { capabilities: postgresDialect.capabilities });
    expect(brief(findings)).toEqual([{ rule: 'foreign-key-orphans', severity: 'warning', opIndex: 0, table: 'posts', constraint: 'fk_posts_user' }]);
    expect(findings[0]?.message).toMatch(
      /^add foreign key fk_posts_user posts\(user_id\) -> users\(id\): fails if existing rows of posts reference missing users rows/,
    );
  });

  it('says nothing for the keys that link new tables created in the same revision', () => {
    const a = table('a', [id(), col('b_id', 'integer')], { foreignKeys: [fk(['b_id'], 'b', ['id'])] });
    const b = table('b', [id(), col('a_id', 'integer')], { foreignKeys: [fk(['a_id'], 'a', ['id'])] });
    const ops = pgOps({ tables: [] }, { tables: [a, b] });
    expect(ops.map((op) => op.kind)).toContain('createForeignKey');
    expect(lintOps(ops, { capabilities: postgresDialect.capabilities })).toEqual([]);
  });
});

describe('blocking-index-build', () => {
  const index: Op = { kind: 'createIndex', table: 'users', index: ix('ix_users_age', ['age']) };

  it('is info where indexes can be built concurrently, and mentions --concurrent-indexes', () => {
    const findings = lintOps([index], { capabilities: concurrent });
    expect(brief(findings)).toEqual([{ rule: 'blocking-index-build', severity: 'info', opIndex: 0, table: 'users', constraint: 'ix_users_age' }]);
    expect(findings[0]?.message).toContain('--concurrent-indexes');
  });

  it('is not reported for a concurrent build, a new table, or a dialect without concurrent builds', () => {
    expect(lintOps([{ ...index, concurrently: true } as Op], { capabilities: concurrent })).toEqual([]);
    expect(lintOps([index], { capabilities: plain })).toEqual([]);
    expect(lintOps([{ kind: 'createTable', table: users }, index], { capabilities: concurrent })).toEqual([]);
  });

  it('follows compare: without --concurrent-indexes a new index on PostgreSQL is reported, with it not', () => {
    const target = table('users', [id(), col('name', 'varchar(100)'), col('email', 'text'), col('age', 'integer')], { indexes: [ix('ix_users_age', ['age'])] });
    const current = postgresDialect.normalize({ tables: [users] });
    const wanted = postgresDialect.normalize({ tables: [target] });
    const blocking = compare(current, wanted, { capabilities: postgresDialect.capabilities }).ops;
    const nonBlocking = compare(current, wanted, { capabilities: postgresDialect.capabilities, concurrentIndexes: true }).ops;
    expect(rules(lintOps(blocking, { capabilities: postgresDialect.capabilities }))).toEqual(['blocking-index-build']);
    expect(lintOps(nonBlocking, { capabilities: postgresDialect.capabilities })).toEqual([]);
  });
});

describe('rename-breaks-clients', () => {
  it('warns for accepted table and column renames', () => {
    const people = table('people', [id(), col('name', 'varchar(100)'), col('mail', 'text'), col('age', 'integer')]);
    const ops = pgOps({ tables: [users] }, { tables: [people] }, ['users=people', 'people.email=mail']);
    const findings = lintOps(ops, { capabilities: postgresDialect.capabilities });
    expect(brief(findings)).toEqual([
      { rule: 'rename-breaks-clients', severity: 'warning', opIndex: 0, table: 'users' },
      { rule: 'rename-breaks-clients', severity: 'warning', opIndex: 1, table: 'people', column: 'email' },
    ]);
    expect(findings[0]?.message).toMatch(/^rename table users to people: deployed code that still uses users fails/);
    expect(findings[1]?.message).toMatch(/^rename column people\.email to mail: deployed code that still uses email fails/);
  });
});

describe('enum-label-removed', () => {
  const mood = (values: string[]): Schema => ({
    tables: [table('people', [id(), col('mood', 'mood')])],
    enums: [{ name: 'mood', values }],
  });

  it('is an error when a label is removed, naming the label and the columns that use it', () => {
    const findings = lintOps(pgOps(mood(['sad', 'ok', 'happy']), mood(['ok', 'happy'])), { capabilities: postgresDialect.capabilities });
    expect(brief(findings)).toEqual([{ rule: 'enum-label-removed', severity: 'error', opIndex: 0 }]);
    expect(findings[0]?.message).toBe(
      "alter enum mood: removing 'sad' fails if rows still hold it (used by people.mood) and breaks deployed code that writes it; update those rows and that code first",
    );
  });

  it('says nothing for added or renamed labels', () => {
    expect(lintOps(pgOps(mood(['sad', 'ok']), mood(['sad', 'ok', 'happy'])), { capabilities: postgresDialect.capabilities })).toEqual([]);
    const renamed = pgOps(mood(['sad', 'ok']), mood(['unhappy', 'ok']), ['mood.sad=unhappy']);
    expect(renamed.map((op) => op.kind)).toEqual(['alterEnum']);
    expect(lintOps(renamed, { capabilities: postgresDialect.capabilities })).toEqual([]);
  });
});

describe('table-rebuild', () => {
  it('reports the rebuild and the findings of the changes it stands for, under the rebuild index', () => {
    const posts = table('posts', [id(), col('title', 'text'), col('user_id', 'integer')]);
    const target = table('posts', [id(), col('title', 'text', { nullable: false }), col('user_id', 'integer')], {
      foreignKeys: [fk(['user_id'], 'users', ['id'])],
    });
    const ops = sqliteOps({ tables: [users, posts] }, { tables: [users, target] });
    expect(ops.map((op) => op.kind)).toEqual(['rebuildTable']);
    const findings = lintOps(ops, { capabilities: sqliteDialect.capabilities });
    expect(brief(findings)).toEqual([
      { rule: 'foreign-key-orphans', severity: 'warning', opIndex: 0, table: 'posts' },
      { rule: 'not-null-without-default', severity: 'warning', opIndex: 0, table: 'posts', column: 'title' },
      { rule: 'table-rebuild', severity: 'info', opIndex: 0, table: 'posts' },
    ]);
    expect(findings[2]?.message).toMatch(/^rebuild table posts: copies every row/);
  });
});

describe('raw-sql', () => {
  it('reports hand-written SQL as info, on one line', () => {
    const findings = lintOps([{ kind: 'execute', sql: 'UPDATE users\n   SET email = lower(email)' }], { capabilities: plain });
    expect(brief(findings)).toEqual([{ rule: 'raw-sql', severity: 'info', opIndex: 0 }]);
    expect(findings[0]?.message).toBe('execute SQL "UPDATE users ...": hand-written SQL is not analysed; review it for data loss and long locks');
  });
});

describe('order and scope', () => {
  it('sorts by op index, then rule id', () => {
    const ops: Op[] = [
      { kind: 'execute', sql: 'SELECT 1' },
      {
        kind: 'alterColumn',
        table: 'users',
        column: 'name',
        from: col('name', 'varchar(100)'),
        to: col('name', 'varchar(10)', { nullable: false }),
        changes: ['type', 'nullable'],
      },
      { kind: 'dropColumn', table: 'users', column: 'email', existing: col('email', 'text') },
    ];
    expect(lintOps(ops, { capabilities: plain }).map((f) => [f.opIndex, f.rule])).toEqual([
      [0, 'raw-sql'],
      [1, 'not-null-without-default'],
      [1, 'type-narrowing'],
      [2, 'drop-column'],
    ]);
  });

  it('reports nothing for ops that lose no data and break no client', () => {
    const ops: Op[] = [
      { kind: 'createTable', table: users },
      { kind: 'dropIndex', table: 'users', existing: ix('ix_old', ['age']) },
      { kind: 'dropForeignKey', table: 'users', existing: fk(['age'], 'ages', ['id']) },
      { kind: 'dropUnique', table: 'users', existing: { columns: ['email'] } },
      { kind: 'createCheck', table: 'users', check: { expression: 'age > 0' } },
      { kind: 'dropCheck', table: 'users', existing: { expression: 'age > 0' } },
      { kind: 'dropPrimaryKey', table: 'users', existing: { columns: ['id'] } },
      { kind: 'createEnum', enum: { name: 'mood', values: ['a'] } },
      { kind: 'dropEnum', existing: { name: 'mood', values: ['a'] } },
      { kind: 'setTableComment', table: 'users', to: 'people' },
    ];
    expect(lintOps(ops, { capabilities: concurrent })).toEqual([]);
  });

  it('writes every message on one line', () => {
    const ops: Op[] = [
      { kind: 'dropTable', table: 'users', existing: users },
      { kind: 'renameTable', from: 'a', to: 'b' },
      { kind: 'createForeignKey', table: 'posts', foreignKey: fk(['user_id'], 'users', ['id']) },
      { kind: 'execute', sql: 'a\nb\nc' },
    ];
    for (const finding of lintOps(ops, { capabilities: plain })) expect(finding.message).not.toMatch(/\n/);
  });
});
