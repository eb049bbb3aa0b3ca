/**
 * Saved searches of e-mail addresses: subscribe (double opt-in: a pending row and a confirmation
 * e-mail), confirm, unsubscribe, list. Every write is audited in its transaction. Rate limits: per
 * address at most `RATE_LIMITS.perAddressHour` confirmation e-mails an hour and
 * `perAddressDay` a day; per client IP `perIpHour` an hour; at most `maxLive` live searches an address.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/connect.ts';
import { auditAlert } from './audit.ts';
import { composeConfirmMail, type Frequency } from './compose.ts';
import { ALERT_PATHS, contextSecret, newMessageId, signedLink, type AlertContext } from './context.ts';
import { describeSavedSearch, parseSavedSearch, searchPath } from './saved-search.ts';
import { hashIp, TOKEN_LIFETIME_S } from './token.ts';

/** The registration limits (see the module comment). */
export const RATE_LIMITS = { perAddressHour: 3, perAddressDay: 10, perIpHour: 20, maxLive: 50 } as const;

/** What to subscribe. `email` is normalised (`normalizeEmail`), `query` canonical (`parseSavedSearch`). */
export interface SubscribeInput {
  email: string;
  query: string;
  frequency: Frequency;
  /** Client IP address (hashed before storing). */
  ip: string;
  now: Date;
}

/** Outcome of `requestSubscription`. */
export type SubscribeResult =
  | { status: 'sent'; subscriptionId: number; alreadyActive: boolean }
  | { status: 'rate-limited'; scope: 'address' | 'ip' | 'too-many' }
  | { status: 'send-failed'; subscriptionId: number };

/**
 * Saves a search for an address as `pending` (or finds the live one for the same address and search)
 * and sends the confirmation e-mail with a signed link valid `TOKEN_LIFETIME_S.confirm` seconds. The
 * confirmation message is claimed (committed) before sending and marked sent or failed after, like
 * every alert message. A pending search asked again takes the newly chosen frequency.
 */
export async function requestSubscription(
  ctx: AlertContext,
  input: SubscribeInput,
): Promise<SubscribeResult> {
  const secret = await contextSecret(ctx);
  const ipHash = hashIp(secret, input.ip);
  const claim = await retryOnUniqueViolation(() =>
    ctx.db.transaction().execute(async (tx) => {
      const hourAgo = new Date(input.now.getTime() - 3_600_000);
      const dayAgo = new Date(input.now.getTime() - 86_400_000);
      const byIp = await tx
        .selectFrom('alert_message')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('request_ip_hash', '=', ipHash)
        .where('claimed_at', '>', hourAgo)
        .executeTakeFirstOrThrow();
      if (Number(byIp.n) >= RATE_LIMITS.perIpHour) return { kind: 'limited' as const, scope: 'ip' as const };
      const subscriberId = await upsertSubscriber(tx, input.email);
      const sent = await tx
        .selectFrom('alert_message as m')
        .innerJoin('alert_subscription as s', 's.id', 'm.subscription_id')
        .select([
          sql<number>`count(*) filter (where m.claimed_at > ${hourAgo})`.as('hour'),
          sql<number>`count(*)`.as('day'),
        ])
        .where('s.subscriber_id', '=', subscriberId)
        .where('m.kind', '=', 'confirm')
        .where('m.claimed_at', '>', dayAgo)
        .executeTakeFirstOrThrow();
      if (Number(sent.hour) >= RATE_LIMITS.perAddressHour || Number(sent.day) >= RATE_LIMITS.perAddressDay) {
        return { kind: 'limited' as const, scope: 'address' as const };
      }
      let sub = await tx
        .selectFrom('alert_subscription')
        .select(['id', 'status', 'frequency'])
        .where('subscriber_id', '=', subscriberId)
        .where('query', '=', input.query)
        .where('status', '<>', 'unsubscribed')
        .forUpdate()
        .executeTakeFirst();
      if (!sub) {
        const live = await tx
          .selectFrom('alert_subscription')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('subscriber_id', '=', subscriberId)
          .where('status', '<>', 'unsubscribed')
          .executeTakeFirstOrThrow();
        if (Number(live.n) >= RATE_LIMITS.maxLive)
          return { kind: 'limited' as const, scope: 'too-many' as const };
        const values = {
          subscriber_id: subscriberId,
          query: input.query,
          frequency: input.frequency,
          created_ip_hash: ipHash,
        };
        const row = await tx
          .insertInto('alert_subscription')
          .values(values)
          .returning(['id', 'status', 'frequency'])
          .executeTakeFirstOrThrow();
        await auditAlert(tx, 'alerts:web', 'create', 'alert_subscription', row.id, null, {
          ...values,
          status: 'pending',
        });
        sub = row;
      } else if (sub.status === 'pending' && sub.frequency !== input.frequency) {
        await tx
          .updateTable('alert_subscription')
          .set({ frequency: input.frequency })
          .where('id', '=', sub.id)
          .execute();
        await auditAlert(
          tx,
          'alerts:web',
          'update',
          'alert_subscription',
          sub.id,
          { frequency: sub.frequency },
          { frequency: input.frequency },
        );
      }
      const message = await claimMessage(tx, ctx, sub.id, 'confirm', 0, ipHash);
      return {
        kind: 'claimed' as const,
        subscriberId,
        subscriptionId: sub.id,
        alreadyActive: sub.status === 'active',
        message,
      };
    }),
  );
  if (claim.kind === 'limited') return { status: 'rate-limited', scope: claim.scope };

  const parsed = parseSavedSearch(input.query);
  const description = parsed.ok ? describeSavedSearch(parsed.search.params) : input.query;
  const mail = composeConfirmMail({
    to: input.email,
    messageId: claim.message.messageId,
    description,
    frequency: input.frequency,
    confirmUrl: signedLink(
      ctx.config,
      secret,
      ALERT_PATHS.confirm,
      'confirm',
      claim.subscriptionId,
      input.now,
    ),
    searchUrl: `${ctx.config.publicUrl}${searchPath(input.query)}`,
    manageUrl: signedLink(ctx.config, secret, ALERT_PATHS.manage, 'manage', claim.subscriberId, input.now),
    expiresAt: new Date(input.now.getTime() + TOKEN_LIFETIME_S.confirm * 1000),
  });
  try {
    await ctx.transport.send(mail);
  } catch (err) {
    await finishMessage(ctx, claim.message.id, 'failed', err);
    return { status: 'send-failed', subscriptionId: claim.subscriptionId };
  }
  await finishMessage(ctx, claim.message.id, 'sent');
  return { status: 'sent', subscriptionId: claim.subscriptionId, alreadyActive: claim.alreadyActive };
}

async function upsertSubscriber(tx: Transaction<DB>, email: string): Promise<number> {
  const inserted = await tx
    .insertInto('alert_subscriber')
    .values({ email })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    await auditAlert(tx, 'alerts:web', 'create', 'alert_subscriber', inserted.id, null, { email });
    return inserted.id;
  }
  const row = await tx
    .selectFrom('alert_subscriber')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A claimed message row: its id and RFC 5322 Message-ID. */
export interface ClaimedMessage {
  id: number;
  messageId: string;
}

/** Inserts (and audits) a `claimed` message of `kind` for subscription `subscriptionId` in `tx`. */
export async function claimMessage(
  tx: Transaction<DB>,
  ctx: Pick<AlertContext, 'config' | 'transport'>,
  subscriptionId: number,
  kind: 'confirm' | 'immediate' | 'digest',
  matchCount: number,
  ipHash: string | null = null,
): Promise<ClaimedMessage> {
  const values = {
    subscription_id: subscriptionId,
    kind,
    status: 'claimed',
    message_id: newMessageId(ctx.config, kind),
    transport: ctx.transport.kind,
    match_count: matchCount,
    request_ip_hash: ipHash,
  };
  const row = await tx.insertInto('alert_message').values(values).returning('id').executeTakeFirstOrThrow();
  await auditAlert(
    tx,
    kind === 'confirm' ? 'alerts:web' : 'alerts:job',
    'create',
    'alert_message',
    row.id,
    null,
    values,
  );
  return { id: row.id, messageId: values.message_id };
}

/** Marks a confirmation message sent or failed (audited). */
async function finishMessage(ctx: AlertContext, id: number, status: 'sent' | 'failed', err?: unknown) {
  await ctx.db.transaction().execute(async (tx) => {
    const set =
      status === 'sent'
        ? { status, sent_at: new Date(), error: null }
        : { status, error: err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500) };
    await tx.updateTable('alert_message').set(set).where('id', '=', id).execute();
    await auditAlert(tx, 'alerts:web', 'update', 'alert_message', id, { status: 'claimed' }, set);
  });
}

/** Outcome of `confirmSubscription`. */
export type ConfirmResult =
  | { status: 'confirmed'; subscriberId: number; query: string; frequency: string }
  | { status: 'already-active'; subscriberId: number; query: string; frequency: string }
  | { status: 'unsubscribed' }
  | { status: 'not-found' };

/**
 * Activates a pending subscription (double opt-in done): `confirmed_at` is the database's now(), and
 * only notices recorded after it are alerted. The address counts as confirmed from then on.
 */
export async function confirmSubscription(ctx: AlertContext, subscriptionId: number): Promise<ConfirmResult> {
  return ctx.db.transaction().execute(async (tx) => {
    const sub = await tx
      .selectFrom('alert_subscription')
      .select(['id', 'status', 'subscriber_id', 'query', 'frequency'])
      .where('id', '=', subscriptionId)
      .forUpdate()
      .executeTakeFirst();
    if (!sub) return { status: 'not-found' as const };
    if (sub.status === 'unsubscribed') return { status: 'unsubscribed' as const };
    const base = { subscriberId: sub.subscriber_id, query: sub.query, frequency: sub.frequency };
    if (sub.status === 'active') return { status: 'already-active' as const, ...base };
    const updated = await tx
      .updateTable('alert_subscription')
      .set({ status: 'active', confirmed_at: sql`now()` })
      .where('id', '=', sub.id)
      .returning('confirmed_at')
      .executeTakeFirstOrThrow();
    await auditAlert(
      tx,
      'alerts:web',
      'update',
      'alert_subscription',
      sub.id,
      { status: 'pending' },
      { status: 'active', confirmed_at: updated.confirmed_at },
    );
    const subscriber = await tx
      .updateTable('alert_subscriber')
      .set({ confirmed_at: sql`now()` })
      .where('id', '=', sub.subscriber_id)
      .where('confirmed_at', 'is', null)
      .returning('confirmed_at')
      .executeTakeFirst();
    if (subscriber) {
      await auditAlert(
        tx,
        'alerts:web',
        'update',
        'alert_subscriber',
        sub.subscriber_id,
        { confirmed_at: null },
        {
          confirmed_at: subscriber.confirmed_at,
        },
      );
    }
    return { status: 'confirmed' as const, ...base };
  });
}

/** How an unsubscription was asked. */
export type UnsubscribeVia = 'link' | 'one-click' | 'manage';

/** Outcome of `unsubscribe`. */
export type UnsubscribeResult =
  { status: 'unsubscribed' | 'already'; subscriberId: number; query: string } | { status: 'not-found' };

/**
 * Ends a subscription (final: no further message for it is claimed; subscribing again makes a new
 * one). When `subscriberId` is given, the subscription must belong to it (manage page).
 */
export async function unsubscribe(
  ctx: AlertContext,
  subscriptionId: number,
  via: UnsubscribeVia,
  subscriberId?: number,
): Promise<UnsubscribeResult> {
  return ctx.db.transaction().execute(async (tx) => {
    const sub = await tx
      .selectFrom('alert_subscription')
      .select(['id', 'status', 'subscriber_id', 'query'])
      .where('id', '=', subscriptionId)
      .forUpdate()
      .executeTakeFirst();
    if (!sub || (subscriberId !== undefined && sub.subscriber_id !== subscriberId)) {
      return { status: 'not-found' as const };
    }
    const base = { subscriberId: sub.subscriber_id, query: sub.query };
    if (sub.status === 'unsubscribed') return { status: 'already' as const, ...base };
    const updated = await tx
      .updateTable('alert_subscription')
      .set({ status: 'unsubscribed', unsubscribed_at: sql`now()`, unsubscribed_via: via })
      .where('id', '=', sub.id)
      .returning('unsubscribed_at')
      .executeTakeFirstOrThrow();
    await auditAlert(
      tx,
      'alerts:web',
      'update',
      'alert_subscription',
      sub.id,
      { status: sub.status },
      { status: 'unsubscribed', unsubscribed_at: updated.unsubscribed_at, unsubscribed_via: via },
    );
    return { status: 'unsubscribed' as const, ...base };
  });
}

/** A saved search as listed on the manage page. */
export interface SubscriptionView {
  id: number;
  query: string;
  description: string;
  frequency: string;
  status: string;
  createdAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
}

/** The address and saved searches of a subscriber (newest first), or null when there is none. */
export async function listSubscriptions(
  ctx: AlertContext,
  subscriberId: number,
): Promise<{ email: string; subscriptions: SubscriptionView[] } | null> {
  const subscriber = await ctx.db
    .selectFrom('alert_subscriber')
    .select('email')
    .where('id', '=', subscriberId)
    .executeTakeFirst();
  if (!subscriber) return null;
  const rows = await ctx.db
    .selectFrom('alert_subscription')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return {
    email: subscriber.email,
    subscriptions: rows.map((r) => {
      const parsed = parseSavedSearch(r.query);
      return {
        id: r.id,
        query: r.query,
        description: parsed.ok ? describeSavedSearch(parsed.search.params) : r.query,
        frequency: r.frequency,
        status: r.status,
        createdAt: new Date(r.created_at),
        confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
        unsubscribedAt: r.unsubscribed_at ? new Date(r.unsubscribed_at) : null,
      };
    }),
  };
}

/** Runs `work` again once when it fails on a unique constraint (two identical requests at once). */
async function retryOnUniqueViolation<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return work();
    throw err;
  }
}
