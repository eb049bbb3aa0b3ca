/**
 * Applies a JSON Merge Patch (RFC 7396) to `target` and returns the result; neither argument is
 * changed. This is how an OCDS extension's `release-schema.json` changes the core schema: objects
 * merge key by key, `null` removes a key, any other value (arrays included) replaces.
 */
export function applyExtension(schema: object, patch: object): object {
  return mergePatch(schema, patch) as object;
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
