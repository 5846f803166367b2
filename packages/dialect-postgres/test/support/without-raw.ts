/**
 * Drops the `raw` spellings the normalizer keeps on SQL defaults and checks (the model's or database's own
 * spelling, used for DDL only), for assertions about the canonical form, which is what comparison uses.
 */
export function withoutRaw<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutRaw) as unknown as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'raw').map(([k, v]) => [k, withoutRaw(v)])) as T;
  }
  return value;
}
