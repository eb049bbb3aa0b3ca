/**
 * The one publishing step shared by the JSON API, the web form and the Excel confirmation: in one
 * transaction — authorise the caller for the plan's investor (403), save the plan with its packages
 * (audited as the caller, lateness recorded), or roll everything back.
 */
import type { Principal } from '../../accounts/access.ts';
import { loadWorkingCalendar } from '../../calendar-admin/overrides.ts';
import type { Database } from '../../db/connect.ts';
import type { PlanInput } from '../../plans/input.ts';
import { publishPlan, type PublishedPlan } from '../../plans/publish.ts';
import { assertCanPublishFor } from '../auth/guards.ts';

/** Today's date in Vietnam (Asia/Ho_Chi_Minh, UTC+7, no DST), `YYYY-MM-DD`. */
export function vnToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Publishes a checked plan for `who`.
 * @throws HttpError 403 `forbidden-agency` when `who` may not publish for `plan.investorCode`;
 *   PlanRefusal 400/409 (see `publishPlan`). Nothing is written when it throws.
 */
export async function publishPlanAs(
  database: Database,
  who: Principal,
  plan: PlanInput,
  now: Date = new Date(),
): Promise<PublishedPlan> {
  return database.db.transaction().execute(async (tx) => {
    await assertCanPublishFor(tx, who, plan.investorCode, now);
    const calendar = await loadWorkingCalendar(tx);
    return publishPlan(tx, plan, {
      actor: who.actor,
      agencyCode: who.agencyCode ?? plan.investorCode,
      now,
      calendar,
    });
  });
}
