/**
 * Sending one claimed alert message: compose it from its rows (the subscriber's address, the saved
 * search, the notices of its deliveries), hand it to the transport, mark it sent. A transport error
 * marks it failed and returns its deliveries (and a digest's day) to pending, for the next run. The
 * Message-ID was fixed at claim time, so composing the same message again (outbox recovery) gives the
 * same file. Every write is audited in its transaction.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/connect.ts';
import { fromIndex, toNoticeRow, withNoticeColumns } from '../procurement/queries/notice-rows.ts';
import { auditAlert } from './audit.ts';
import { composeAlertMail } from './compose.ts';
import { ALERT_PATHS, signedLink, type AlertContext } from './context.ts';
import { describeSavedSearch, parseSavedSearch, searchPath } from './saved-search.ts';

/** Callbacks of `deliverMessage`. */
export interface DeliverHooks {
  /** Called after the transport accepted the message, before it is marked sent (tests: a crash). */
  afterSend?: (messageRowId: number) => void | Promise<void>;
  /** Progress lines. */
  log?: (line: string) => void;
}

/**
 * Composes a claimed message from its rows, hands it to the transport and marks it sent; on a
 * transport error marks it failed and returns its deliveries (and a digest's day) to pending.
 * @returns true when the transport accepted the message.
 */
export async function deliverMessage(
  ctx: AlertContext,
  secret: string,
  messageRowId: number,
  now: Date,
  hooks: DeliverHooks = {},
): Promise<boolean> {
  const m = await ctx.db
    .selectFrom('alert_message as m')
    .innerJoin('alert_subscription as s', 's.id', 'm.subscription_id')
    .innerJoin('alert_subscriber as r', 'r.id', 's.subscriber_id')
    .select([
      'm.id',
      'm.message_id',
      'm.kind',
      's.id as subscription_id',
      's.query',
      's.subscriber_id',
      'r.email',
    ])
    .where('m.id', '=', messageRowId)
    .executeTakeFirstOrThrow();
  const rows = await withNoticeColumns(
    fromIndex(ctx.db).where('s.tbmt_id', 'in', (eb) =>
      eb.selectFrom('alert_delivery').select('tbmt_id').where('message_id', '=', messageRowId),
    ),
  )
    .orderBy(sql`s.published_at desc nulls last`)
    .orderBy('s.tbmt_id', 'desc')
    .execute();
  const parsed = parseSavedSearch(m.query);
  const mail = composeAlertMail({
    to: m.email,
    messageId: m.message_id,
    kind: m.kind === 'digest' ? 'digest' : 'immediate',
    description: parsed.ok ? describeSavedSearch(parsed.search.params) : m.query,
    notices: rows.map((r) => toNoticeRow(r, now)),
    links: {
      search: `${ctx.config.publicUrl}${searchPath(m.query)}`,
      manage: signedLink(ctx.config, secret, ALERT_PATHS.manage, 'manage', m.subscriber_id, now),
      unsubscribe: signedLink(
        ctx.config,
        secret,
        ALERT_PATHS.unsubscribe,
        'unsubscribe',
        m.subscription_id,
        now,
      ),
      noticeBase: ctx.config.publicUrl,
    },
    now,
  });
  try {
    await ctx.transport.send(mail);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    await ctx.db.transaction().execute(async (tx) => {
      await setMessage(tx, m.id, 'failed', reason);
      const back = await tx
        .updateTable('alert_delivery')
        .set({ message_id: null })
        .where('message_id', '=', m.id)
        .returning('id')
        .execute();
      for (const b of back) {
        await auditAlert(
          tx,
          'alerts:job',
          'update',
          'alert_delivery',
          b.id,
          { message_id: m.id },
          { message_id: null },
        );
      }
      if (m.kind === 'digest') {
        await tx
          .updateTable('alert_subscription')
          .set({ last_digest_on: null })
          .where('id', '=', m.subscription_id)
          .execute();
        await auditAlert(tx, 'alerts:job', 'update', 'alert_subscription', m.subscription_id, null, {
          last_digest_on: null,
        });
      }
    });
    hooks.log?.(`message ${m.message_id} to subscription ${m.subscription_id} failed: ${reason}`);
    return false;
  }
  await hooks.afterSend?.(m.id);
  await markMessage(ctx.db, m.id, 'sent', null);
  return true;
}

/** Marks a claimed message sent or uncertain (audited), in its own transaction. */
export async function markMessage(
  db: Kysely<DB>,
  id: number,
  status: 'sent' | 'uncertain',
  error: string | null,
) {
  await db.transaction().execute((tx) => setMessage(tx, id, status, error));
}

async function setMessage(
  tx: Kysely<DB>,
  id: number,
  status: 'sent' | 'failed' | 'uncertain',
  error: string | null,
) {
  const set =
    status === 'sent'
      ? { status, sent_at: sql<Date>`now()`, error: null }
      : { status, error: error?.slice(0, 500) ?? null };
  const updated = await tx
    .updateTable('alert_message')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'claimed')
    .returning(['status', 'sent_at'])
    .executeTakeFirst();
  if (updated) {
    await auditAlert(
      tx,
      'alerts:job',
      'update',
      'alert_message',
      id,
      { status: 'claimed' },
      { status, sent_at: updated.sent_at, error: set.error },
    );
  }
}
