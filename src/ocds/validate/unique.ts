import { jsonEqual as equal } from '../json.ts';

/**
 * JSON Schema `uniqueItems`: no two items of `items` are equal (deep, key order ignored). Linear
 * when every item is an object with a distinct scalar `id` (the usual OCDS array), else pairwise.
 */
export function uniqueItems(items: unknown[]): boolean {
  const n = items.length;
  if (n < 2) return true;
  const ids = new Set<unknown>();
  let byId = true;
  for (const item of items) {
    const id =
      typeof item === 'object' && item !== null && !Array.isArray(item)
        ? (item as { id?: unknown }).id
        : undefined;
    if ((typeof id !== 'string' && typeof id !== 'number') || ids.has(`${typeof id}:${id}`)) {
      byId = false;
      break;
    }
    ids.add(`${typeof id}:${id}`);
  }
  if (byId) return true;
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) if (equal(items[i], items[j])) return false;
  return true;
}
