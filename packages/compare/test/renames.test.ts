import { reverseAll } from '@autogen/ops';
import { compare } from '../src/compare';
import { findRenameCandidates } from '../src/rename-candidates';
import { parseRenames } from '../src/renames';
import { col, fk, id, inPlace, ix, outline, schema, table } from './fixtures';

describe('compare: accepted renames', () => {
  const current = schema(
    table('people', [id(), col('fullname', 'text'), col('age', 'integer')], {
      indexes: [ix('ix_people_fullname', ['fullname'])],
      uniques: [{ columns: ['fullname', 'age'] }],
      checks: [{ expression: 'length(fullname) > 0' }],
    }),
    table('posts', [id(), col('author_id', 'integer')], { foreignKeys: [fk(['author_id'], 'people', ['id'])] }),
  );
  const target = schema(
    table('members', [id(), col('full_name', 'text'), col('age', 'bigint')], {
      indexes: [ix('ix_members_full_name', ['full_name'])],
      uniques: [{ columns: ['full_name', 'age'] }],
      checks: [{ expression: 'length(FULL_NAME) > 0' }],
    }),
    table('posts', [id(), col('author_id', 'integer')], { foreignKeys: [fk(['author_id'], 'members', ['id'])] }),
  );

  it('renames the table and column; what refers to them (index, unique, check, foreign key) is unchanged', () => {
    const result = compare(current, target, {
      capabilities: inPlace,
      renames: { tables: { people: 'members' }, columns: { 'members.fullname': 'full_name' } },
    });
    expect(result.ops).toEqual([
      { kind: 'renameTable', from: 'people', to: 'members' },
      { kind: 'renameColumn', table: 'members', from: 'fullname', to: 'full_name' },
      { kind: 'alterColumn', table: 'members', column: 'age', from: col('age', 'integer'), to: col('age', 'bigint'), changes: ['type'] },
    ]);
    expect(result.log).toEqual([
      "Detected renamed table 'people' -> 'members'",
      "Detected renamed column 'members.fullname' -> 'members.full_name'",
      "Detected changed column 'members.age': type integer -> bigint",
    ]);
  });

  it('a foreign key to a renamed column of another table is unchanged', () => {
    const ops = compare(
      schema(table('people', [id(), col('pid', 'integer')]), table('posts', [id(), col('author', 'integer')], { foreignKeys: [fk(['author'], 'people', ['pid'])] })),
      schema(table('people', [id(), col('code', 'integer')]), table('posts', [id(), col('author', 'integer')], { foreignKeys: [fk(['author'], 'people', ['code'])] })),
      { capabilities: inPlace, renames: { columns: { 'people.pid': 'code' } } },
    ).ops;
    expect(ops).toEqual([{ kind: 'renameColumn', table: 'people', from: 'pid', to: 'code' }]);
  });

  it('an alterColumn of a renamed column uses the new name on both sides', () => {
    const ops = compare(schema(table('t', [id(), col('a', 'integer')])), schema(table('t', [id(), col('b', 'text')])), {
      capabilities: inPlace,
      renames: { columns: { 't.a': 'b' } },
    }).ops;
    expect(ops).toEqual([
      { kind: 'renameColumn', table: 't', from: 'a', to: 'b' },
      { kind: 'alterColumn', table: 't', column: 'b', from: col('b', 'integer'), to: col('b', 'text'), changes: ['type'] },
    ]);
  });

  it('a dropped index on a renamed column carries the old column name (it is dropped before the rename)', () => {
    const ops = compare(
      schema(table('t', [id(), col('a', 'integer')], { indexes: [ix('ix_a', ['a'])] })),
      schema(table('t', [id(), col('b', 'integer')])),
      { capabilities: inPlace, renames: { columns: { 't.a': 'b' } } },
    ).ops;
    expect(ops).toEqual([
      { kind: 'dropIndex', table: 't', existing: ix('ix_a', ['a']) },
      { kind: 'renameColumn', table: 't', from: 'a', to: 'b' },
    ]);
  });

  it('without the rename map, a rename is a drop and an add', () => {
    const ops = compare(current, target, { capabilities: inPlace }).ops;
    expect(outline(ops)).toEqual(['createTable members', 'dropForeignKey posts', 'createForeignKey posts', 'dropTable people']);
  });

  it('skips an entry that is already applied silently, and logs one that does not fit', () => {
    const result = compare(target, target, {
      capabilities: inPlace,
      renames: { tables: { people: 'members', nowhere: 'nothing' }, columns: { 'members.fullname': 'full_name', 'posts.x': 'y' } },
    });
    expect(result.ops).toEqual([]);
    expect(result.log).toEqual([
      "Ignored rename of table 'nowhere' to 'nothing': it needs 'nowhere' only in the database and 'nothing' only in the models",
      "Ignored rename of column 'posts.x' to 'y': it needs 'x' only in the database and 'y' only in the models",
    ]);
  });

  it('the downgrade undoes the renames last', () => {
    const ops = compare(current, target, {
      capabilities: inPlace,
      renames: { tables: { people: 'members' }, columns: { 'members.fullname': 'full_name' } },
    }).ops;
    expect(reverseAll(ops)).toEqual([
      { kind: 'alterColumn', table: 'members', column: 'age', from: col('age', 'bigint'), to: col('age', 'integer'), changes: ['type'] },
      { kind: 'renameColumn', table: 'members', from: 'full_name', to: 'fullname' },
      { kind: 'renameTable', from: 'members', to: 'people' },
    ]);
  });
});

describe('parseRenames', () => {
  it('parses table and column entries', () => {
    expect(parseRenames(['users.fullname=full_name', 'people = members', 'users.a=users.b', 'posts.a=b', 'people=members'])).toEqual({
      tables: { people: 'members' },
      columns: { 'users.fullname': 'full_name', 'users.a': 'b', 'posts.a': 'b' },
    });
    expect(parseRenames([])).toEqual({ tables: {}, columns: {} });
  });

  it.each([
    ['users', /exactly one "="/],
    ['a=b=c', /exactly one "="/],
    ['=x', /both sides/],
    ['x=', /both sides/],
    ['users.=x', /table and the column must both be named/],
    ['.x=y', /table and the column must both be named/],
    ['users.a=posts.b', /only be renamed within its table/],
    ['users.a=users.', /new column name is missing/],
    ['a=b.c', /table cannot be renamed to a column/],
    ['a=a', /same/],
    ['users.a=a', /same/],
  ])('rejects %j', (entry, message) => {
    expect(() => parseRenames([entry])).toThrow(message);
    expect(() => parseRenames([entry])).toThrow(/Expected "old_table=new_table" or "table.old_column=new_column"/);
  });

  it.each([
    [['a=b', 'a=c'], /"a" is already renamed to "b"/],
    [['a=c', 'b=c'], /"a" is already renamed to "c"/],
    [['users.a=x', 'users.b=x'], /"users.a" is already renamed to "x"/],
  ])('rejects conflicting entries %j', (entries, message) => {
    expect(() => parseRenames(entries)).toThrow(message);
  });
});

describe('findRenameCandidates', () => {
  it('hints a table with the same column names and columns with the same type and nullability', () => {
    const current = schema(
      table('people', [id(), col('name', 'text')]),
      table('users', [id(), col('fullname', 'text'), col('age', 'integer'), col('nick', 'text', { nullable: false })]),
    );
    const target = schema(
      table('members', [col('name', 'text'), id()]),
      table('others', [id(), col('title', 'text')]),
      table('users', [id(), col('full_name', 'text'), col('display', 'text'), col('years', 'bigint'), col('handle', 'text')]),
    );
    expect(findRenameCandidates(current, target)).toEqual([
      { kind: 'column', table: 'users', from: 'fullname', to: 'display' },
      { kind: 'column', table: 'users', from: 'fullname', to: 'full_name' },
      { kind: 'column', table: 'users', from: 'fullname', to: 'handle' },
      { kind: 'table', from: 'people', to: 'members' },
    ]);
  });

  it('applies accepted renames first and does not hint them again', () => {
    const current = schema(table('people', [id(), col('fullname', 'text'), col('x', 'integer')]));
    const target = schema(table('members', [id(), col('full_name', 'text'), col('y', 'integer')]));
    // Different column names: no table hint, and columns are only compared within a table on both sides.
    expect(findRenameCandidates(current, target)).toEqual([]);
    expect(findRenameCandidates(current, target, { tables: { people: 'members' } })).toEqual([
      { kind: 'column', table: 'members', from: 'fullname', to: 'full_name' },
      { kind: 'column', table: 'members', from: 'x', to: 'y' },
    ]);
    expect(findRenameCandidates(current, target, { tables: { people: 'members' }, columns: { 'members.x': 'y' } })).toEqual([
      { kind: 'column', table: 'members', from: 'fullname', to: 'full_name' },
    ]);
  });

  it('finds nothing for identical schemas', () => {
    const s = schema(table('users', [id(), col('name', 'text')]));
    expect(findRenameCandidates(s, s)).toEqual([]);
  });
});
