import fs from 'node:fs';
import { parse } from 'csv-parse/sync';

/** A field of a schema that takes its values from a codelist (`"codelist": "method.csv"`). */
export interface CodelistField {
  /** The schema node (mutable: enums of extended closed codelists are rewritten in place). */
  node: Record<string, unknown>;
  codelist: string;
  open: boolean;
}

/**
 * The codes of a codelist CSV file (its `Code` column; empty rows skipped).
 * @throws Error naming the file when it is not UTF-8 or not CSV with a `Code` column.
 */
export function readCodelistCsv(file: string): Set<string> {
  const bytes = fs.readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${file}: the codelist is not UTF-8`);
  }
  if (text.trim() === '') return new Set();
  const rows = parse(text, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  const codes = new Set<string>();
  for (const row of rows) {
    if (!('Code' in row)) throw new Error(`${file}: the codelist has no "Code" column`);
    const code = row.Code;
    if (code !== undefined && code !== '') codes.add(code);
  }
  return codes;
}

/** Every field of `schema` (properties, items and definitions, not following `$ref`) that names a codelist. */
export function codelistFields(schema: unknown): CodelistField[] {
  const out: CodelistField[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const obj = node as Record<string, unknown>;
    if (typeof obj.codelist === 'string') {
      out.push({ node: obj, codelist: obj.codelist, open: obj.openCodelist !== false });
    }
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'enum' || k === 'required') continue;
      walk(v);
    }
  };
  walk(schema);
  return out;
}

/**
 * Rewrites the `enum` of the fields of closed codelists named in `changed` to the codes of
 * `codelists` (so that an extension's `+X.csv`/`-X.csv`/`X.csv` changes what the JSON Schema accepts).
 */
export function rewriteClosedEnums(
  fields: CodelistField[],
  codelists: Map<string, Set<string>>,
  changed: Set<string>,
): void {
  for (const f of fields) {
    if (f.open || !changed.has(f.codelist)) continue;
    const codes = codelists.get(f.codelist);
    if (codes === undefined) continue;
    const types = Array.isArray(f.node.type) ? f.node.type : [f.node.type];
    if (types.includes('array') && typeof f.node.items === 'object' && f.node.items !== null) {
      (f.node.items as Record<string, unknown>).enum = [...codes];
    } else {
      f.node.enum = types.includes('null') ? [...codes, null] : [...codes];
    }
  }
}
