/** At most this many characters of slug go into a file name. */
const MAX_SLUG_LENGTH = 40;

/**
 * The file name of a revision: `<yyyymmdd>_<hhmmss>_<revision>_<slug>.ts`, the date and time in UTC, e.g.
 * `20261127_103000_a1b2c3d4e5f6_add_cascade.ts`. Names sort by creation time in a directory listing.
 *
 * The slug is the message in lowercase ASCII (`é` → `e`), every run of other characters turned into `_`, trimmed
 * of `_`, cut to at most 40 characters (at a word boundary where possible); `revision` when nothing is left.
 * Throws for an unparsable `createdAt` or a revision id that is not a plain `[A-Za-z0-9_-]` word (it becomes part
 * of a path).
 */
export function revisionFileName(input: { readonly revision: string; readonly message: string; readonly createdAt: string }): string {
  const time = new Date(input.createdAt);
  if (Number.isNaN(time.getTime())) throw new Error(`revisionFileName: createdAt is not a valid date: '${input.createdAt}'`);
  if (!/^[A-Za-z0-9_-]+$/.test(input.revision)) {
    throw new Error(`revisionFileName: revision id '${input.revision}' must contain only letters, digits, '_' and '-'`);
  }
  const two = (n: number): string => String(n).padStart(2, '0');
  const date = `${String(time.getUTCFullYear()).padStart(4, '0')}${two(time.getUTCMonth() + 1)}${two(time.getUTCDate())}`;
  const clock = `${two(time.getUTCHours())}${two(time.getUTCMinutes())}${two(time.getUTCSeconds())}`;
  return `${date}_${clock}_${input.revision}_${slugify(input.message)}.ts`;
}

function slugify(message: string): string {
  const full = message
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining marks left by NFKD: 'é' → 'e'
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  let slug = full.slice(0, MAX_SLUG_LENGTH);
  // Cut at a word boundary when the limit falls inside a word (and an earlier boundary exists).
  if (full.length > MAX_SLUG_LENGTH && full[MAX_SLUG_LENGTH] !== '_' && slug.includes('_')) slug = slug.slice(0, slug.lastIndexOf('_'));
  slug = slug.replace(/_+$/, '');
  return slug === '' ? 'revision' : slug;
}
