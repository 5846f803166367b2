import { revisionFileName } from '../src/revision-file-name';

const at = '2026-11-27T10:30:00.000Z';

describe('revisionFileName', () => {
  test.each([
    { name: 'the documented example', message: 'add cascade', createdAt: at, want: '20261127_103000_a1b2c3d4e5f6_add_cascade.ts' },
    { name: 'UTC, not local time', message: 'x', createdAt: '2026-11-27T23:59:58-05:00', want: '20261128_045958_a1b2c3d4e5f6_x.ts' },
    { name: 'zero-padded fields', message: 'x', createdAt: '2026-01-02T03:04:05Z', want: '20260102_030405_a1b2c3d4e5f6_x.ts' },
    { name: 'lowercase, other characters to _', message: 'Add  users.Email (NOT NULL)!', createdAt: at, want: '20261127_103000_a1b2c3d4e5f6_add_users_email_not_null.ts' },
    { name: 'accents folded to ASCII', message: 'Ajouter café à la carte', createdAt: at, want: '20261127_103000_a1b2c3d4e5f6_ajouter_cafe_a_la_carte.ts' },
    {
      name: 'cut to 40 characters, no trailing _',
      message: 'rename the column full name to display name everywhere',
      createdAt: at,
      want: '20261127_103000_a1b2c3d4e5f6_rename_the_column_full_name_to_display.ts',
    },
    { name: 'empty message', message: '', createdAt: at, want: '20261127_103000_a1b2c3d4e5f6_revision.ts' },
    { name: 'nothing usable in the message', message: '🚀 — !!', createdAt: at, want: '20261127_103000_a1b2c3d4e5f6_revision.ts' },
    { name: 'path characters never reach the name', message: '../../etc/passwd', createdAt: at, want: '20261127_103000_a1b2c3d4e5f6_etc_passwd.ts' },
  ])('$name', ({ message, createdAt, want }) => {
    expect(revisionFileName({ revision: 'a1b2c3d4e5f6', message, createdAt })).toBe(want);
  });

  test('the slug is at most 40 characters of [a-z0-9_]', () => {
    const name = revisionFileName({ revision: 'abc', message: 'Ä'.repeat(30) + ' b'.repeat(40), createdAt: at });
    const slug = name.slice('20261127_103000_abc_'.length, -'.ts'.length);
    expect(slug).toMatch(/^[a-z0-9_]{1,40}$/);
    expect(slug.length).toBeLessThanOrEqual(40);
  });

  test('rejects an unparsable date and a revision id that is not a plain word', () => {
    expect(() => revisionFileName({ revision: 'abc', message: 'm', createdAt: 'yesterday' })).toThrow(
      "revisionFileName: createdAt is not a valid date: 'yesterday'",
    );
    expect(() => revisionFileName({ revision: '../abc', message: 'm', createdAt: at })).toThrow(
      "revisionFileName: revision id '../abc' must contain only letters, digits, '_' and '-'",
    );
  });
});
