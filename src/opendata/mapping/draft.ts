/**
 * A release before it gets its id and parties: what one publication event says, which organisations
 * it names in which roles, and when it happened.
 */
import type { OrgLink } from '../../procurement/queries/story-types.ts';
import { taxCodeOfOrgCode } from '../../procurement/identifiers.ts';
import type { Obj } from './json.ts';

/** OCDS `partyRole` codes the portal uses. */
export type PartyRole = 'buyer' | 'procuringEntity' | 'tenderer' | 'supplier';

/** One publication event of a package, to become one release. */
export interface DraftRelease {
  /** Stable name of the event within the ocid, e.g. `tender-IB2600077452-01`; the id is `<key>-<digest>`. */
  key: string;
  /** When it was published (the release `date`). */
  date: Date;
  /** The release `tag`. */
  tag: string[];
  /** The release body (planning, tender, awards, contracts, bids, buyer, relatedProcesses). */
  body: Obj;
  /** Organisations the body references, with the role each plays in this event. */
  roles: [OrgLink, PartyRole][];
  /**
   * For an amendment: the `key` of the release it amends; `amendsReleaseID` / `releaseID` of
   * `body.tender.amendments[0]` are filled in with the final ids.
   */
  amends?: string;
}

/** An event that could not be published, and why (e.g. no publication date is known). */
export interface SkippedEvent {
  key: string;
  reason: string;
}

/** `OrganizationReference` of an organisation: its id in `parties` and its name. */
export function orgRef(org: OrgLink | null | undefined): { id: string; name: string } | null {
  return org && org.code ? { id: org.code, name: org.name } : null;
}

/** Identifier scheme of Vietnamese tax codes (mã số thuế), see docs/ocds-mapping.md. */
export const TAX_CODE_SCHEME = 'VN-MST';

/** Identifier scheme of unit codes of the national e-procurement system (`vnz…`) without a tax code. */
export const NATIONAL_CODE_SCHEME = 'VN-MSC';

/**
 * An OCDS `Organization` for `parties`: id = our organisation code (`vn` + tax code, `vnz…`, or the
 * local `mb-…`), identifier = the tax code under `VN-MST` (else the national unit code under
 * `VN-MSC`; none for local codes), roles as given.
 */
export function party(org: OrgLink, roles: string[]): Obj {
  const taxCode = org.taxCode ?? taxCodeOfOrgCode(org.code);
  const identifier = taxCode
    ? { scheme: TAX_CODE_SCHEME, id: taxCode, legalName: org.name }
    : org.codeIsLocal
      ? null
      : { scheme: NATIONAL_CODE_SCHEME, id: org.code, legalName: org.name };
  return { id: org.code, name: org.name, identifier, roles };
}
