/**
 * The portal's OCDS releases of one package (one ocid), derived from the stories of its notices
 * (`getTbmtStory`). Pure: no database, no clock — the same stories always give the same releases, so
 * re-deriving after a save that changed nothing gives nothing new to store.
 *
 * Release ids are `<event key>-<10 hex digits>`: the digest of the release without its id, so a
 * publication whose content changes (e.g. a later import fills a field) becomes a new release with a
 * new id, and the stored one is never rewritten.
 */
import type { OrgLink, TbmtStory } from '../../procurement/queries/story-types.ts';
import { clarificationReleases } from './clarification.ts';
import { party, type DraftRelease, type SkippedEvent } from './draft.ts';
import { digestOf, iso, prune, type Obj } from './json.ts';
import { contractReleases, openingRelease, resultReleases } from './outcome.ts';
import { cancellationRelease, extensionReleases, planningRelease, versionReleases } from './tender.ts';

/** An OCDS 1.1.5 release as the portal publishes it (plain JSON). */
export interface OcdsRelease extends Obj {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
  initiationType: 'tender';
}

/** The releases of a package and the events that could not be published. */
export interface DerivedReleases {
  /** In publication order (by date; events of equal date in the order of the procurement). */
  releases: OcdsRelease[];
  skipped: SkippedEvent[];
}

function isSkip(x: DraftRelease | SkippedEvent): x is SkippedEvent {
  return 'reason' in x;
}

/**
 * Every release of the package whose notices tell `stories` (oldest notice first), under `ocid`.
 * Never throws on missing data: an event without any date is listed in `skipped` instead.
 */
export function deriveReleases(ocid: string, stories: TbmtStory[]): DerivedReleases {
  const drafts: DraftRelease[] = [];
  const skipped: SkippedEvent[] = [];
  const add = (x: DraftRelease | SkippedEvent | null) => {
    if (x === null) return;
    if (isSkip(x)) skipped.push(x);
    else drafts.push(x);
  };
  let planned = false;
  for (const story of stories) {
    if (!planned && story.plan) {
      add(planningRelease(story));
      planned = true;
    }
    versionReleases(story).forEach(add);
    extensionReleases(story).forEach(add);
    clarificationReleases(story).forEach(add);
    add(cancellationRelease(story));
    add(openingRelease(story));
    resultReleases(story).forEach(add);
    contractReleases(story).forEach(add);
  }
  // Stable sort: equal dates keep the order of the procurement (plan, versions, …, contracts).
  const ordered = drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.date.getTime() - b.d.date.getTime() || a.i - b.i)
    .map((x) => x.d);
  return { releases: finalize(ocid, ordered), skipped };
}

/**
 * Gives each draft its parties (roles accumulated over the process so far, so the latest release
 * naming an organisation lists all its roles), its id, and links amendments to the releases they amend.
 */
function finalize(ocid: string, drafts: DraftRelease[]): OcdsRelease[] {
  const roles = new Map<string, { org: OrgLink; roles: Set<string> }>();
  const ids = new Map<string, string>();
  const out: OcdsRelease[] = [];
  for (const d of drafts) {
    for (const [org, role] of d.roles) {
      if (!org.code) continue;
      const entry = roles.get(org.code) ?? { org, roles: new Set<string>() };
      entry.roles.add(role);
      roles.set(org.code, entry);
    }
    const named = new Set(d.roles.map(([org]) => org.code));
    const parties = [...roles.values()]
      .filter((p) => named.has(p.org.code))
      .map((p) =>
        party(
          p.org,
          ROLE_ORDER.filter((r) => p.roles.has(r)),
        ),
      );
    const amendments = (d.body.tender as Obj | undefined)?.amendments as Obj[] | undefined;
    if (d.amends && amendments?.[0]) amendments[0].amendsReleaseID = ids.get(d.amends) ?? null;
    const release = prune({
      ocid,
      id: '',
      date: iso(d.date)!,
      tag: d.tag,
      initiationType: 'tender' as const,
      language: 'vi',
      parties,
      ...d.body,
    }) as OcdsRelease;
    const { id: _omit, ...content } = release;
    void _omit;
    release.id = `${d.key}-${digestOf(content).slice(0, 10)}`;
    const tenderAmendments = (release.tender as Obj | undefined)?.amendments as Obj[] | undefined;
    if (d.amends && tenderAmendments?.[0]) tenderAmendments[0].releaseID = release.id;
    ids.set(d.key, release.id);
    out.push(orderKeys(release));
  }
  return out;
}

const ROLE_ORDER = ['buyer', 'procuringEntity', 'tenderer', 'supplier'];

/** The release with its members in the standard's order (id, date, tag first) for readability. */
function orderKeys(r: OcdsRelease): OcdsRelease {
  const { ocid, id, date, tag, initiationType, ...rest } = r;
  return { ocid, id, date, tag, initiationType, ...rest } as OcdsRelease;
}
