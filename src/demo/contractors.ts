/**
 * The pool of INVENTED contractors of the demo, built once per seed so that the same companies bid
 * again and again across packages (contractor pages then show real-looking histories).
 */
import type { OrgRef } from '../procurement/facts.ts';
import {
  COMPANY_FORMS,
  FOREIGN_CONTRACTORS,
  PERSON_NAMES,
  STEMS,
  TRADES,
  taxCode,
  type Trade,
} from './names.ts';
import type { Rng } from './random.ts';

export interface ContractorPool {
  /** Domestic companies by trade. */
  byTrade: Record<Trade, OrgRef[]>;
  /** Foreign companies for international packages: medical equipment, and infrastructure. */
  foreign: { medical: OrgRef[]; infra: OrgRef[] };
  /** Individual consultants (personal tax codes). */
  people: OrgRef[];
}

const PER_TRADE: Record<Trade, number> = {
  med: 9,
  lab: 6,
  edu: 6,
  it: 9,
  works: 12,
  roads: 8,
  consult: 10,
  services: 9,
  insurance: 5,
  mixed: 6,
};

/** Builds the contractor pool: unique names, unique codes `vn` + tax code (`0199…` range). */
export function buildContractorPool(rng: Rng): ContractorPool {
  let serial = rng.int(10_000, 40_000);
  const nextTaxCode = (prefix: string): string => {
    for (;;) {
      serial += rng.int(1, 97);
      const code = taxCode(prefix, serial);
      if (code) return code;
    }
  };
  const used = new Set<string>();
  const byTrade = {} as Record<Trade, OrgRef[]>;
  for (const trade of Object.keys(PER_TRADE) as Trade[]) {
    const list: OrgRef[] = [];
    const stems = rng.shuffle(STEMS);
    for (const stem of stems) {
      if (list.length >= PER_TRADE[trade]) break;
      const form = rng.weighted(COMPANY_FORMS, [5, 4, 1]);
      const name = `${form} ${rng.pick(TRADES[trade])} ${stem}`;
      if (used.has(name)) continue;
      used.add(name);
      const tax = nextTaxCode('0199');
      list.push({ code: `vn${tax}`, taxCode: tax, name });
    }
    byTrade[trade] = list;
  }
  const foreignRefs = FOREIGN_CONTRACTORS.map((f, i) => ({
    ref: { code: `vnz0998${String(10_001 + i).padStart(5, '0')}`, name: f.name } as OrgRef,
    medical: f.medical,
  }));
  const foreign = {
    medical: foreignRefs.filter((f) => f.medical).map((f) => f.ref),
    infra: foreignRefs.filter((f) => !f.medical).map((f) => f.ref),
  };
  const people: OrgRef[] = [];
  const usedPeople = new Set<string>();
  while (people.length < 6) {
    const name = `${rng.pick(PERSON_NAMES.family)} ${rng.pick(PERSON_NAMES.middle)} ${rng.pick(PERSON_NAMES.given)}`;
    if (usedPeople.has(name)) continue;
    usedPeople.add(name);
    const tax = nextTaxCode('8099');
    people.push({ code: `vn${tax}`, taxCode: tax, name });
  }
  return { byTrade, foreign, people };
}
