/**
 * Release and record packages of the portal (OCDS 1.1 "Packaging"), written as JSON text around the
 * stored release texts: a stored release is published byte for byte as stored (and as hashed into
 * the ledger), never re-serialised.
 */
import { OCDS_VERSION, OWN_EXTENSIONS, type OcdsConfig } from './config.ts';

/** Publisher of the portal's packages. */
export const PUBLISHER = {
  name: 'minhbach — Cổng minh bạch thông tin đấu thầu (procurement transparency portal)',
} as const;

/** The package metadata (everything but `releases` / `records`). */
export function packageMeta(config: OcdsConfig, path: string, publishedAt: Date): Record<string, unknown> {
  return {
    uri: `${config.baseUrl}${path}`,
    version: OCDS_VERSION,
    extensions: [...OWN_EXTENSIONS],
    publisher: config.baseUrl ? { ...PUBLISHER, uri: config.baseUrl } : PUBLISHER,
    publishedDate: publishedAt.toISOString().replace('.000Z', 'Z'),
  };
}

/**
 * A release package as JSON text: `meta`, then `releases` (the stored texts joined), then `links`
 * when given (`links.next`: the next page, OCDS API guidance).
 */
export function releasePackageText(
  meta: Record<string, unknown>,
  releaseTexts: string[],
  links?: { next?: string },
): string {
  const head = JSON.stringify(meta).slice(0, -1);
  const tail = links && Object.keys(links).length > 0 ? `,"links":${JSON.stringify(links)}` : '';
  return `${head},"releases":[${releaseTexts.join(',')}]${tail}}`;
}

/** A record package with one record: embedded releases and, when given, the compiled release. */
export function recordPackageText(
  meta: Record<string, unknown>,
  ocid: string,
  releaseTexts: string[],
  compiledRelease: object | null,
): string {
  const head = JSON.stringify(meta).slice(0, -1);
  const compiled = compiledRelease ? `,"compiledRelease":${JSON.stringify(compiledRelease)}` : '';
  return `${head},"records":[{"ocid":${JSON.stringify(ocid)},"releases":[${releaseTexts.join(',')}]${compiled}}]}`;
}
