/**
 * What an amendment (sửa đổi, a new version of a notice) changed: the fields of a version compared with
 * the previous version. The national system publishes each version whole, without a list of changes,
 * so the list is computed here.
 */
import type { ChangeValue, VersionChange, VersionView } from './story-types.ts';

/** How a compared field is shown: the web layer formats by kind. */
export type FieldKind = 'text' | 'money' | 'time' | 'date' | 'bool' | 'int' | 'org' | 'code';

/** A comparable field of a version and how to read its value. */
export interface VersionField {
  key: string;
  kind: FieldKind;
  /** For `code` fields: which enumeration of codes.ts (FIELDS, METHODS, PROCEDURES, CONTRACT_TYPES). */
  codes?: 'FIELDS' | 'METHODS' | 'PROCEDURES' | 'CONTRACT_TYPES';
  read(v: VersionView): ChangeValue;
}

const plain = <K extends keyof VersionView>(key: K, kind: FieldKind): VersionField => ({
  key,
  kind,
  read: (v) => v[key] as ChangeValue,
});

/** The fields compared between versions, in display order. Organisations compare by name. */
export const VERSION_FIELDS: readonly VersionField[] = [
  plain('name', 'text'),
  { key: 'investor', kind: 'org', read: (v) => v.investor?.name ?? null },
  { key: 'procuringEntity', kind: 'org', read: (v) => v.procuringEntity?.name ?? null },
  { ...plain('field', 'code'), codes: 'FIELDS' },
  { ...plain('method', 'code'), codes: 'METHODS' },
  { ...plain('procedure', 'code'), codes: 'PROCEDURES' },
  { ...plain('contractType', 'code'), codes: 'CONTRACT_TYPES' },
  plain('contractPeriod', 'int'),
  plain('contractPeriodUnit', 'text'),
  plain('isDomestic', 'bool'),
  plain('isInternet', 'bool'),
  plain('priceVnd', 'money'),
  plain('estimateVnd', 'money'),
  plain('funding', 'text'),
  plain('bidCloseAt', 'time'),
  plain('bidOpenAt', 'time'),
  plain('bidValidityDays', 'int'),
  plain('bidSecurityVnd', 'money'),
  plain('bidSecurityForm', 'text'),
  plain('feeVnd', 'money'),
  plain('issueLocation', 'text'),
  plain('receiveLocation', 'text'),
  plain('openLocation', 'text'),
  plain('documentsDecisionNo', 'text'),
  plain('documentsDecisionDate', 'date'),
  plain('documentsDecisionAgency', 'text'),
  {
    key: 'locations',
    kind: 'text',
    read: (v) =>
      v.locations
        .map((l) => [l.wardName, l.districtName, l.provinceName].filter(Boolean).join(', '))
        .join('; ') || null,
  },
  {
    key: 'lots',
    kind: 'text',
    read: (v) => v.lots.map((l) => [l.lotNo, l.name].filter(Boolean).join(' ')).join('; ') || null,
  },
];

/** The compared field with this key, or `undefined`. */
export function versionField(key: string): VersionField | undefined {
  return VERSION_FIELDS.find((f) => f.key === key);
}

function same(a: ChangeValue, b: ChangeValue): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

/**
 * The fields of `current` that differ from `previous`, in `VERSION_FIELDS` order. A field that one
 * version leaves unpublished (`null`) and the other publishes counts as a change.
 */
export function diffVersions(previous: VersionView, current: VersionView): VersionChange[] {
  const changes: VersionChange[] = [];
  for (const f of VERSION_FIELDS) {
    const before = f.read(previous);
    const after = f.read(current);
    if (!same(before, after)) changes.push({ field: f.key, before, after });
  }
  return changes;
}
