/** OCDS schemas, extensions and codelists: loading from folders, merging extensions, fetching the official files. */
export {
  defaultSchemaDir,
  LATEST_PATCH,
  loadSchemaSet,
  OcdsSchemaError,
  schemaVersion,
  type OcdsSchemaSet,
} from './load.ts';
export { applyExtension } from './merge-patch.ts';
export { readCodelistCsv } from './codelists.ts';
