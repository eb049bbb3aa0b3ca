/**
 * Vietnamese procurement codes → OCDS 1.1.5 codelists (procurement-domain.md §8), each in one table.
 * The Vietnamese label stays the source of truth: it is published beside the OCDS code
 * (`procurementMethodDetails`). Decisions are explained in docs/ocds-mapping.md.
 */
import { CONTRACT_TYPES, FIELDS, METHODS, PROCEDURES, labelVi } from '../procurement/codes.ts';

/** OCDS `method` codelist (closed). */
export type OcdsMethod = 'open' | 'selective' | 'limited' | 'direct';

/**
 * Selection method (hình thức, Law 22/2023 Art. 20–29) → `tender.procurementMethod`.
 * Open bidding and (online) competitive quotation are advertised to all → `open`; restricted bidding
 * → `selective`; methods that award to one contractor without competition (direct appointment,
 * direct procurement, self-performance, community participation, ordering) → `direct`; price
 * negotiation, special cases and individual consultant selection, where the entity chooses whom to
 * ask → `limited`.
 */
export const METHOD_TO_OCDS: Record<(typeof METHODS)[number]['value'], OcdsMethod> = {
  DTRR: 'open',
  DTHC: 'selective',
  CDT: 'direct',
  CDT_RG: 'direct',
  CHCT: 'open',
  CHCT_RG: 'open',
  MSTT: 'direct',
  CGTT: 'open',
  CGTT_RG: 'open',
  TTH: 'direct',
  CONG_DONG: 'direct',
  DPG: 'limited',
  DAC_BIET: 'limited',
  DAT_HANG: 'direct',
  TVCN: 'limited',
};

/** `procurementCategory` (closed) and `extendedProcurementCategory` (open) codes. */
export interface OcdsCategories {
  main: 'goods' | 'works' | 'services';
  additional?: string[];
}

/**
 * Field (lĩnh vực) → `mainProcurementCategory` + `additionalProcurementCategories`. Consulting is
 * `services` with `consultingServices`; a mixed package (EPC, EP, EC, PC) takes its dominant
 * category — works, except EP (engineering + procurement) which is goods — and lists the others.
 */
export function categoriesOf(field: string | null, fieldCodeSrc?: string | null): OcdsCategories | null {
  switch (field) {
    case 'HH':
      return { main: 'goods' };
    case 'XL':
      return { main: 'works' };
    case 'TV':
      return { main: 'services', additional: ['consultingServices'] };
    case 'PTV':
      return { main: 'services' };
    case 'HON_HOP':
      return (fieldCodeSrc ?? '').toUpperCase() === 'EP'
        ? { main: 'goods', additional: ['services', 'consultingServices'] }
        : { main: 'works', additional: ['goods', 'services'] };
    default:
      return null;
  }
}

/** `procurementMethod` of a normalised method, or null when unknown (never guessed). */
export function ocdsMethodOf(method: string | null): OcdsMethod | null {
  if (!method) return null;
  return (METHOD_TO_OCDS as Record<string, OcdsMethod>)[method] ?? null;
}

/**
 * `procurementMethodDetails`: the Vietnamese method label, then the procedure (phương thức) and the
 * contract type (loại hợp đồng) labels, e.g. "Đấu thầu rộng rãi; Một giai đoạn một túi hồ sơ; Trọn gói".
 */
export function methodDetails(
  method: string | null,
  procedure: string | null,
  contractType: string | null,
): string | null {
  const parts = [
    method ? labelVi(METHODS, method) : null,
    procedure ? labelVi(PROCEDURES, procedure) : null,
    contractType ? `Hợp đồng ${labelVi(CONTRACT_TYPES, contractType).toLowerCase()}` : null,
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join('; ') : null;
}

/** Vietnamese field label (Hàng hóa, Xây lắp, …) or null. */
export function fieldLabel(field: string | null): string | null {
  return field ? labelVi(FIELDS, field) : null;
}
