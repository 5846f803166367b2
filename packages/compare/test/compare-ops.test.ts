import type { Op } from '@autogen/ops';
import type { Schema } from '@autogen/schema';
import { compare } from '../src/compare';
import type { CompareOptions } from '../src/compare';
import { col, fk, id, inPlace, ix, schema, table, withEnums } from './fixtures';

const users = table('users', [id(), col('name', 'text')]);
const mood = { name: 'mood', values: ['happy', 'sad'] };
const moodColumn = col('mood', 'mood', { default: { kind: 'literal', value: 'happy' } });
const posts = table('posts', [id(), col('user_id', 'integer'), col('title', 'text')], {
  foreignKeys: [fk(['user_id'], 'users', ['id'])],
  indexes: [ix('ix_posts_title', ['title'])],
});

interface Case {
  readonly name: string;
  readonly current: Schema;
  readonly target: Schema;
  readonly options?: Partial<CompareOptions>;
  readonly want: ReadonlyArray<Op>;
  readonly log: ReadonlyArray<string>;
}

/** One case per op kind the comparator produces (rebuildTable has its own file). */
const cases: ReadonlyArray<Case> = [
  {
    name: 'createTable carries its indexes, no separate createIndex',
    current: schema(users),
    target: schema(users, posts),
    want: [{ kind: 'createTable', table: posts }],
    log: ["Detected added table 'posts'"],
  },
  {
    name: 'dropTable carries the dropped table',
    current: schema(users, posts),
    target: schema(users),
    want: [{ kind: 'dropTable', table: 'posts', existing: posts }],
    log: ["Detected removed table 'posts'"],
  },
  {
    name: 'renameTable from the rename map, then the pair is compared',
    current: schema(table('people', [id(), col('name', 'text')])),
    target: schema(table('users', [id(), col('name', 'text'), col('email', 'text')])),
    options: { renames: { tables: { people: 'users' } } },
    want: [
      { kind: 'renameTable', from: 'people', to: 'users' },
      { kind: 'addColumn', table: 'users', column: col('email', 'text') },
    ],
    log: ["Detected renamed table 'people' -> 'users'", "Detected added column 'users.email'"],
  },
  {
    name: 'addColumn',
    current: schema(users),
    target: schema(table('users', [id(), col('name', 'text'), col('email', 'varchar(255)', { nullable: false })])),
    want: [{ kind: 'addColumn', table: 'users', column: col('email', 'varchar(255)', { nullable: false }) }],
    log: ["Detected added column 'users.email'"],
  },
  {
    name: 'dropColumn carries the dropped column',
    current: schema(users),
    target: schema(table('users', [id()])),
    want: [{ kind: 'dropColumn', table: 'users', column: 'name', existing: col('name', 'text') }],
    log: ["Detected removed column 'users.name'"],
  },
  {
    name: 'renameColumn from the rename map (key uses the target table name)',
    current: schema(table('users', [id(), col('fullname', 'text')])),
    target: schema(table('users', [id(), col('full_name', 'text')])),
    options: { renames: { columns: { 'users.fullname': 'full_name' } } },
    want: [{ kind: 'renameColumn', table: 'users', from: 'fullname', to: 'full_name' }],
    log: ["Detected renamed column 'users.fullname' -> 'users.full_name'"],
  },
  {
    name: 'alterColumn lists every changed aspect, from/to both sides',
    current: schema(table('users', [id(), col('name', 'text')])),
    target: schema(
      table('users', [
        id(),
        col('name', 'varchar(80)', { nullable: false, default: { kind: 'literal', value: 'x' }, collation: 'NOCASE' }),
      ]),
    ),
    want: [
      {
        kind: 'alterColumn',
        table: 'users',
        column: 'name',
        from: col('name', 'text'),
        to: col('name', 'varchar(80)', { nullable: false, default: { kind: 'literal', value: 'x' }, collation: 'NOCASE' }),
        changes: ['type', 'nullable', 'default', 'collation'],
      },
    ],
    log: ["Detected changed column 'users.name': type text -> varchar(80), NULL -> NOT NULL, default none -> 'x', collation BINARY -> NOCASE"],
  },
  {
    name: 'alterColumn for autoincrement alone',
    current: schema(table('users', [id()])),
    target: schema(table('users', [{ ...id(), autoincrement: true }])),
    want: [{ kind: 'alterColumn', table: 'users', column: 'id', from: id(), to: { ...id(), autoincrement: true }, changes: ['autoincrement'] }],
    log: ["Detected changed column 'users.id': autoincrement added"],
  },
  {
    name: 'createIndex',
    current: schema(users),
    target: schema(table('users', users.columns, { indexes: [ix('ix_users_name', ['name'])] })),
    want: [{ kind: 'createIndex', table: 'users', index: ix('ix_users_name', ['name']) }],
    log: ["Detected added index 'ix_users_name' on 'users'"],
  },
  {
    name: 'dropIndex carries the dropped index',
    current: schema(table('users', users.columns, { indexes: [ix('ix_users_name', ['name'])] })),
    target: schema(users),
    want: [{ kind: 'dropIndex', table: 'users', existing: ix('ix_users_name', ['name']) }],
    log: ["Detected removed index 'ix_users_name' on 'users'"],
  },
  {
    name: 'same index name, other content: dropIndex + createIndex',
    current: schema(table('users', users.columns, { indexes: [ix('ix_users', ['name'])] })),
    target: schema(table('users', users.columns, { indexes: [ix('ix_users', ['name'], { unique: true })] })),
    want: [
      { kind: 'dropIndex', table: 'users', existing: ix('ix_users', ['name']) },
      { kind: 'createIndex', table: 'users', index: ix('ix_users', ['name'], { unique: true }) },
    ],
    log: ["Detected changed index 'ix_users' on 'users': ix_users (name) -> UNIQUE ix_users (name)"],
  },
  {
    name: 'createForeignKey',
    current: schema(users, table('posts', posts.columns, { indexes: posts.indexes })),
    target: schema(users, posts),
    want: [{ kind: 'createForeignKey', table: 'posts', foreignKey: fk(['user_id'], 'users', ['id']) }],
    log: ["Detected added foreign key on 'posts' (user_id) -> users(id)"],
  },
  {
    name: 'dropForeignKey carries the dropped key',
    current: schema(users, posts),
    target: schema(users, table('posts', posts.columns, { indexes: posts.indexes })),
    want: [{ kind: 'dropForeignKey', table: 'posts', existing: fk(['user_id'], 'users', ['id']) }],
    log: ["Detected removed foreign key on 'posts' (user_id) -> users(id)"],
  },
  {
    name: 'changed foreign key actions: dropForeignKey + createForeignKey',
    current: schema(users, posts),
    target: schema(users, { ...posts, foreignKeys: [fk(['user_id'], 'users', ['id'], { onDelete: 'cascade', deferred: true })] }),
    want: [
      { kind: 'dropForeignKey', table: 'posts', existing: fk(['user_id'], 'users', ['id']) },
      { kind: 'createForeignKey', table: 'posts', foreignKey: fk(['user_id'], 'users', ['id'], { onDelete: 'cascade', deferred: true }) },
    ],
    log: ["Detected changed foreign key on 'posts' (user_id) -> users(id): on delete no action -> cascade, not deferred -> deferred"],
  },
  {
    name: 'createUnique',
    current: schema(users),
    target: schema(table('users', users.columns, { uniques: [{ columns: ['name'] }] })),
    want: [{ kind: 'createUnique', table: 'users', unique: { columns: ['name'] } }],
    log: ["Detected added unique constraint on 'users' (name)"],
  },
  {
    name: 'dropUnique carries the dropped constraint',
    current: schema(table('users', users.columns, { uniques: [{ name: 'uq_name', columns: ['name'] }] })),
    target: schema(users),
    want: [{ kind: 'dropUnique', table: 'users', existing: { name: 'uq_name', columns: ['name'] } }],
    log: ["Detected removed unique constraint on 'users' (name)"],
  },
  {
    name: 'createCheck',
    current: schema(users),
    target: schema(table('users', users.columns, { checks: [{ expression: 'length(name) > 0' }] })),
    want: [{ kind: 'createCheck', table: 'users', check: { expression: 'length(name) > 0' } }],
    log: ["Detected added check constraint on 'users': length(name) > 0"],
  },
  {
    name: 'dropCheck carries the dropped check; a changed expression is drop + create',
    current: schema(table('users', users.columns, { checks: [{ name: 'ck_len', expression: 'length(name) > 0' }] })),
    target: schema(table('users', users.columns, { checks: [{ name: 'ck_len', expression: 'length(name) > 1' }] })),
    want: [
      { kind: 'dropCheck', table: 'users', existing: { name: 'ck_len', expression: 'length(name) > 0' } },
      { kind: 'createCheck', table: 'users', check: { name: 'ck_len', expression: 'length(name) > 1' } },
    ],
    log: ["Detected removed check constraint on 'users': length(name) > 0", "Detected added check constraint on 'users': length(name) > 1"],
  },
  {
    name: 'createPrimaryKey',
    current: schema(table('tags', [col('label', 'text', { nullable: false })], { primaryKey: undefined })),
    target: schema(table('tags', [col('label', 'text', { nullable: false })], { primaryKey: { columns: ['label'] } })),
    want: [{ kind: 'createPrimaryKey', table: 'tags', primaryKey: { columns: ['label'] } }],
    log: ["Detected added primary key on 'tags' (label)"],
  },
  {
    name: 'dropPrimaryKey carries the dropped key',
    current: schema(table('tags', [col('label', 'text', { nullable: false })], { primaryKey: { name: 'pk', columns: ['label'] } })),
    target: schema(table('tags', [col('label', 'text', { nullable: false })], { primaryKey: undefined })),
    want: [{ kind: 'dropPrimaryKey', table: 'tags', existing: { name: 'pk', columns: ['label'] } }],
    log: ["Detected removed primary key on 'tags' (label)"],
  },
  {
    name: 'changed primary key: dropPrimaryKey + createPrimaryKey',
    current: schema(table('links', [col('a', 'integer'), col('b', 'integer')], { primaryKey: { columns: ['a'] } })),
    target: schema(table('links', [col('a', 'integer'), col('b', 'integer')], { primaryKey: { columns: ['a', 'b'] } })),
    want: [
      { kind: 'dropPrimaryKey', table: 'links', existing: { columns: ['a'] } },
      { kind: 'createPrimaryKey', table: 'links', primaryKey: { columns: ['a', 'b'] } },
    ],
    log: ["Detected changed primary key on 'links': (a) -> (a, b)"],
  },
  {
    name: 'createEnum runs before the createTable that uses it',
    current: schema(users),
    target: withEnums([mood], users, table('moods', [id(), moodColumn])),
    want: [
      { kind: 'createEnum', enum: mood },
      { kind: 'createTable', table: table('moods', [id(), moodColumn]) },
    ],
    log: ["Detected added enum 'mood' ('happy', 'sad')", "Detected added table 'moods'"],
  },
  {
    name: 'dropEnum runs after the dropTable that used it',
    current: withEnums([mood], users, table('moods', [id(), moodColumn])),
    target: schema(users),
    want: [
      { kind: 'dropTable', table: 'moods', existing: table('moods', [id(), moodColumn]) },
      { kind: 'dropEnum', existing: mood },
    ],
    log: ["Detected removed table 'moods'", "Detected removed enum 'mood'"],
  },
  {
    name: 'alterEnum carries both label lists and every column of the type, with its default, before table ops',
    current: withEnums([mood], table('users', [id(), moodColumn, col('name', 'text')]), table('posts', [id(), col('author_mood', 'mood')])),
    target: withEnums(
      [{ name: 'mood', values: ['happy', 'ok', 'sad'] }],
      table('users', [id(), moodColumn, col('name', 'text'), col('email', 'text')]),
      table('posts', [id(), col('author_mood', 'mood')]),
    ),
    want: [
      {
        kind: 'alterEnum',
        name: 'mood',
        from: ['happy', 'sad'],
        to: ['happy', 'ok', 'sad'],
        usages: [
          { table: 'posts', column: 'author_mood' },
          { table: 'users', column: 'mood', default: { kind: 'literal', value: 'happy' } },
        ],
      },
      { kind: 'addColumn', table: 'users', column: col('email', 'text') },
    ],
    log: ["Detected changed enum 'mood': ('happy', 'sad') -> ('happy', 'ok', 'sad')", "Detected added column 'users.email'"],
  },
  {
    name: 'setTableComment when the table comment differs',
    current: schema(table('users', users.columns, { comment: "people's accounts" })),
    target: schema(table('users', users.columns, { comment: 'accounts' })),
    want: [{ kind: 'setTableComment', table: 'users', from: "people's accounts", to: 'accounts' }],
    log: ["Detected changed comment on table 'users': 'people''s accounts' -> 'accounts'"],
  },
  {
    name: 'alterColumn for identity and comment',
    current: schema(table('users', [id(), col('name', 'text')])),
    target: schema(table('users', [{ ...id(), identity: 'by default' }, col('name', 'text', { comment: 'display name' })])),
    want: [
      { kind: 'alterColumn', table: 'users', column: 'id', from: id(), to: { ...id(), identity: 'by default' }, changes: ['identity'] },
      { kind: 'alterColumn', table: 'users', column: 'name', from: col('name', 'text'), to: col('name', 'text', { comment: 'display name' }), changes: ['comment'] },
    ],
    log: [
      "Detected changed column 'users.id': identity none -> GENERATED BY DEFAULT AS IDENTITY",
      "Detected changed column 'users.name': comment none -> 'display name'",
    ],
  },
];

describe('compare: one op kind per case', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = compare(c.current, c.target, { capabilities: inPlace, ...c.options });
    expect(result.ops).toEqual(c.want);
    expect(result.log).toEqual(c.log);
  });

  it('covers every op kind the comparator emits except rebuildTable (tested on its own) and execute (never emitted)', () => {
    const kinds = new Set(cases.flatMap((c) => c.want.map((op) => op.kind)));
    expect([...kinds].sort()).toEqual(
      [
        'addColumn', 'alterColumn', 'alterEnum', 'createCheck', 'createEnum', 'createForeignKey', 'createIndex',
        'createPrimaryKey', 'createTable', 'createUnique', 'dropCheck', 'dropColumn', 'dropEnum', 'dropForeignKey',
        'dropIndex', 'dropPrimaryKey', 'dropTable', 'dropUnique', 'renameColumn', 'renameTable', 'setTableComment',
      ].sort(),
    );
  });
});
