/**
 * A constraint name as the model spelled it, or `undefined` when there is none or it is only the name drizzle
 * generates (`generated`). Generated names are dropped so the configured naming convention names those objects;
 * names never make a difference on their own.
 */
export function explicitName(name: string | undefined, generated: string): string | undefined {
  return name === undefined || name === generated ? undefined : name;
}
