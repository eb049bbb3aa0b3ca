/**
 * Configuration of the portal's OCDS publication: the ocid prefix, the publisher, the extensions the
 * releases use. Read from the environment once per call; no global state.
 */

/** OCDS version of everything the portal publishes (package `version`). */
export const OCDS_VERSION = '1.1';

/** Default ocid prefix (env `MINHBACH_OCID_PREFIX`): `ocds-` + 6 lower-case letters or digits. */
export const DEFAULT_OCID_PREFIX = 'ocds-mbhn01';

/** An ocid prefix as registered with the Open Contracting Partnership (OCDS 1.1 "Identifiers"). */
export const OCID_PREFIX = /^ocds-[a-z0-9]{6}$/;

/** Publisher name of the portal's own releases (package `publisher.name`, `ocds_release.publisher`). */
export const OWN_PUBLISHER = 'minhbach';

/**
 * The extensions the portal's releases use, by their official extension.json URLs, pinned to the
 * commits whose schemas our exports are validated against (../shared/ocds-data/SOURCES.md):
 * `bids` (bids.details, bids.statistics), `bidOpening` (tender.bidOpening), `lots` (tender.lots).
 */
export const OWN_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/d62ff4b0ba393d823ca8113a9039b12edf7acb8f/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bidOpening_extension/47c576527240c7cd4e1a0fa1b051a9fce2adf5e6/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/8d3b52eb26ce0f1a015c91b665c120b17ef619a0/extension.json',
] as const;

/** Folder names (under an extensions directory) of `OWN_EXTENSIONS`, in the same order. */
export const OWN_EXTENSION_FOLDERS = ['bid', 'bidOpening', 'lots'] as const;

/** What the OCDS side of the portal is configured with. */
export interface OcdsConfig {
  /** ocid prefix, e.g. `ocds-mbhn01`. */
  ocidPrefix: string;
  /** Public base URL of the portal, for package `uri` and `links.next` (default: relative URLs). */
  baseUrl: string;
}

/** A configuration value that cannot be used; start-up must stop. */
export class OcdsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OcdsConfigError';
  }
}

/**
 * Reads `MINHBACH_OCID_PREFIX` (default `ocds-mbhn01`) and `MINHBACH_PUBLIC_URL` (default empty:
 * links are relative to the portal).
 * @throws OcdsConfigError when the prefix is not `ocds-` + 6 lower-case letters/digits.
 */
export function loadOcdsConfig(env: NodeJS.ProcessEnv = process.env): OcdsConfig {
  const ocidPrefix = env.MINHBACH_OCID_PREFIX || DEFAULT_OCID_PREFIX;
  if (!OCID_PREFIX.test(ocidPrefix)) {
    throw new OcdsConfigError(
      `MINHBACH_OCID_PREFIX must be "ocds-" followed by 6 lower-case letters or digits (e.g. ocds-mbhn01), got "${ocidPrefix}"`,
    );
  }
  return { ocidPrefix, baseUrl: (env.MINHBACH_PUBLIC_URL ?? '').replace(/\/+$/, '') };
}
