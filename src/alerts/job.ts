/**
 * The alert job (`minhbach alerts send`, and a timer inside `serve`): under the alert job lock,
 *
 * 1. **recover** messages a previous run claimed but never marked (it stopped between the two):
 *    over SMTP they become `uncertain` and are not sent again (at-most-once: the server may already
 *    have accepted them); in the outbox, whose files are named by Message-ID, a message whose file
 *    exists is marked sent and one whose file is missing is written again (exactly once);
 * 2. **match**: for every active saved search, record the notices that newly match it as pending
 *    deliveries (unique per search and notice; `recordNewMatches`);
 * 3. **send**: for every search with pending deliveries that is due (immediate: always; daily: once a
 *    Vietnam-local day from the configured hour), claim a message and its deliveries in one
 *    transaction, hand the message to the transport, then mark it sent; a transport error marks it
 *    failed and puts its deliveries back to pending for the next run.
 *
 * The whole protocol and its reasons are in docs/alerts.md. Every write is audited in its transaction.
 */
import { sql } from 'kysely';
import type { Database } from '../db/connect.ts';
import { vnParts } from '../text/time.ts';
import { auditAlert } from './audit.ts';
import { contextSecret, type AlertContext } from './context.ts';
import { deliverMessage, markMessage } from './deliver.ts';
import { vnIsoDate } from './format.ts';
import { withAlertJobLock } from './lock.ts';
import { recordNewMatches } from './match.ts';
import { parseSavedSearch } from './saved-search.ts';
import { claimMessage } from './subscriptions.ts';

/**
 * How far before the previous run's start a run looks for newly recorded notices: a notice saved by
 * a transaction that began before the previous run and committed after it carries an earlier
 * `created_at` than that run saw; the unique key makes looking twice harmless.
 */
export const LOOKBACK_MS = 2 * 3_600_000;

/** `app_meta` key of the start of the last completed matching phase (ISO instant). */
export const WATERMARK_KEY = 'alerts_matched_until';

/** Options of `runAlertJob`. */
export interface AlertJobOptions {
  /** The clock (digest hour, message dates); default the current time. */
  now?: () => Date;
  /**
   * After a crash over SMTP, send the interrupted messages again instead of marking them uncertain
   * (at-least-once for those messages: the operator accepts a possible duplicate).
   */
  resendInterrupted?: boolean;
  /**
   * Test hook, called after the transport accepted a message and before it is marked sent. Throwing
   * here stops the run at the worst moment, like a crash.
   */
  afterSend?: (messageRowId: number) => void | Promise<void>;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** What a run did. */
export interface AlertJobReport {
  /** True when another run held the lock: this one did nothing. */
  skipped: boolean;
  /** Interrupted messages found: marked sent (file present), sent again, or marked uncertain. */
  recovered: { markedSent: number; resent: number; uncertain: number };
  /** New (search, notice) matches recorded. */
  matched: number;
  /** Messages handed to the transport and marked sent, and messages the transport refused. */
  sent: number;
  failed: number;
  /** Saved searches skipped because their query no longer parses. */
  invalidSearches: number;
}

/**
 * Runs the alert job once (see the module comment). Returns `skipped: true` at once when another
 * instance is running it.
 * @throws the database error that stopped the run; messages claimed before it are recovered by the
 *   next run as described above.
 */
export async function runAlertJob(
  database: Database,
  ctx: Omit<AlertContext, 'db'>,
  options: AlertJobOptions = {},
): Promise<AlertJobReport> {
  const report: AlertJobReport = {
    skipped: false,
    recovered: { markedSent: 0, resent: 0, uncertain: 0 },
    matched: 0,
    sent: 0,
    failed: 0,
    invalidSearches: 0,
  };
  const result = await withAlertJobLock(database, async (db) => {
    const job: AlertContext = { ...ctx, db };
    const secret = await contextSecret({ ...ctx, db: database.db });
    const clock = options.now ?? (() => new Date());
    await recover(job, secret, clock, options, report);
    await matchAll(job, clock, report, options.log);
    await sendDue(job, secret, clock, options, report);
  });
  if (!result.locked) report.skipped = true;
  return report;
}

/** Phase 1: messages of a previous run left `claimed`. */
async function recover(
  ctx: AlertContext,
  secret: string,
  clock: () => Date,
  options: AlertJobOptions,
  report: AlertJobReport,
): Promise<void> {
  // Confirmation e-mails are claimed by web requests, which may still be running elsewhere: only
  // those claimed more than 10 minutes ago are taken as interrupted.
  const stale = new Date(clock().getTime() - 600_000);
  const claimed = await ctx.db
    .selectFrom('alert_message')
    .select(['id', 'message_id', 'kind'])
    .where('status', '=', 'claimed')
    .where((eb) => eb.or([eb('kind', '<>', 'confirm'), eb('claimed_at', '<', stale)]))
    .orderBy('id')
    .execute();
  for (const m of claimed) {
    if (ctx.transport.idempotent && (await ctx.transport.alreadyDelivered(m.message_id))) {
      await markMessage(ctx.db, m.id, 'sent', null);
      report.recovered.markedSent++;
    } else if ((ctx.transport.idempotent || options.resendInterrupted) && m.kind !== 'confirm') {
      if (await deliverMessage(ctx, secret, m.id, clock(), options)) report.recovered.resent++;
      else report.failed++;
    } else {
      await markMessage(
        ctx.db,
        m.id,
        'uncertain',
        'interrupted between claim and mark; maybe accepted by the SMTP server, not sent again (at-most-once)',
      );
      report.recovered.uncertain++;
      options.log?.(`message ${m.message_id} interrupted: marked uncertain, not sent again`);
    }
  }
}

/** Phase 2: record the new matches of every active saved search, then advance the watermark. */
async function matchAll(
  ctx: AlertContext,
  clock: () => Date,
  report: AlertJobReport,
  log?: (line: string) => void,
): Promise<void> {
  const start = await sql<{ now: Date }>`SELECT now() AS now`.execute(ctx.db);
  const runStart = new Date(start.rows[0]!.now);
  const mark = await ctx.db
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', WATERMARK_KEY)
    .executeTakeFirst();
  const watermark = typeof mark?.value === 'string' ? new Date(mark.value) : null;
  const subs = await ctx.db
    .selectFrom('alert_subscription')
    .select(['id', 'query', 'confirmed_at'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  for (const sub of subs) {
    const parsed = parseSavedSearch(sub.query);
    if (!parsed.ok) {
      report.invalidSearches++;
      log?.(`saved search ${sub.id} skipped: ${parsed.error.en}`);
      continue;
    }
    const confirmed = new Date(sub.confirmed_at!);
    const since =
      watermark && watermark.getTime() - LOOKBACK_MS > confirmed.getTime()
        ? new Date(watermark.getTime() - LOOKBACK_MS)
        : confirmed;
    const found = await ctx.db
      .transaction()
      .execute((tx) => recordNewMatches(tx, sub.id, parsed.search.params, since, clock()));
    report.matched += found.length;
  }
  await ctx.db.transaction().execute(async (tx) => {
    const value = JSON.stringify(runStart.toISOString());
    await tx
      .insertInto('app_meta')
      .values({ key: WATERMARK_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: sql`now()` }))
      .execute();
    await auditAlert(
      tx,
      'alerts:job',
      watermark ? 'update' : 'create',
      'app_meta',
      null,
      watermark ? { key: WATERMARK_KEY, value: watermark.toISOString() } : null,
      {
        key: WATERMARK_KEY,
        value: runStart.toISOString(),
      },
    );
  });
}

/** Phase 3: claim, send and mark the due messages. */
async function sendDue(
  ctx: AlertContext,
  secret: string,
  clock: () => Date,
  options: AlertJobOptions,
  report: AlertJobReport,
): Promise<void> {
  const now = clock();
  const today = vnIsoDate(now);
  const digestDue = vnParts(now).hour >= ctx.config.digestHour;
  const due = await ctx.db
    .selectFrom('alert_subscription as s')
    .select(['s.id', 's.frequency'])
    .where('s.status', '=', 'active')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('alert_delivery as d')
          .select('d.id')
          .whereRef('d.subscription_id', '=', 's.id')
          .where('d.message_id', 'is', null),
      ),
    )
    .where((eb) =>
      digestDue
        ? eb.or([
            eb('s.frequency', '=', 'immediate'),
            eb.and([
              eb('s.frequency', '=', 'daily'),
              eb.or([eb('s.last_digest_on', 'is', null), eb('s.last_digest_on', '<', today)]),
            ]),
          ])
        : eb('s.frequency', '=', 'immediate'),
    )
    .orderBy('s.id')
    .execute();
  for (const sub of due) {
    const kind = sub.frequency === 'daily' ? 'digest' : 'immediate';
    const claimed = await ctx.db.transaction().execute(async (tx) => {
      // Still active (an unsubscribe may have committed since the list was read)?
      const live = await tx
        .selectFrom('alert_subscription')
        .select(['status', 'last_digest_on'])
        .where('id', '=', sub.id)
        .forUpdate()
        .executeTakeFirst();
      if (live?.status !== 'active') return null;
      const pending = await tx
        .selectFrom('alert_delivery')
        .select('id')
        .where('subscription_id', '=', sub.id)
        .where('message_id', 'is', null)
        .forUpdate()
        .execute();
      if (pending.length === 0) return null;
      const message = await claimMessage(tx, ctx, sub.id, kind, pending.length);
      const ids = pending.map((p) => p.id);
      await tx.updateTable('alert_delivery').set({ message_id: message.id }).where('id', 'in', ids).execute();
      for (const id of ids) {
        await auditAlert(
          tx,
          'alerts:job',
          'update',
          'alert_delivery',
          id,
          { message_id: null },
          { message_id: message.id },
        );
      }
      if (kind === 'digest') {
        await tx
          .updateTable('alert_subscription')
          .set({ last_digest_on: today })
          .where('id', '=', sub.id)
          .execute();
        await auditAlert(
          tx,
          'alerts:job',
          'update',
          'alert_subscription',
          sub.id,
          { last_digest_on: live.last_digest_on },
          { last_digest_on: today },
        );
      }
      return message;
    });
    if (!claimed) continue;
    if (await deliverMessage(ctx, secret, claimed.id, now, options)) report.sent++;
    else report.failed++;
  }
}
