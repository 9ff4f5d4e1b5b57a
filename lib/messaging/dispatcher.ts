// The outbox dispatcher: sends each outbox_messages row through its channel's provider, once,
// with retries and exponential backoff, surviving restarts. It runs in the worker process
// (bin/worker.ts); any number of workers may run it on one database.
//
// A batch is claimed in one statement: due rows are locked FOR UPDATE SKIP LOCKED (a row another
// dispatcher holds is skipped, never waited for) and marked `sending` with attempts + 1 and a claim
// expiry. Each is then sent with its dedupe key as the provider's idempotency key, and the result
// recorded only if the claim is still ours (same attempt number). A dispatcher that dies between
// the provider's answer and the record leaves a `sending` row; when its claim expires another
// dispatcher takes it and sends it again with the SAME key, so a provider honouring idempotency
// keys (the SMS gateway) delivers it once.
import type { Knex } from 'knex';
import type { Logger } from '../logger';
import { indianMobile } from './compose';
import { ProviderError, type Channel, type MessageProvider } from './provider';

export interface DispatcherOptions {
  db: Knex;
  providers: Partial<Record<Channel, MessageProvider>>;
  logger: Logger;
  /** Rows claimed (and sent side by side) at a time; 10 by default. */
  batchSize?: number;
  /** Wait between claims when the last found fewer than a batch; 500 ms by default. */
  pollIntervalMs?: number;
  /** How long a claim holds; must outlast a send (the adapters give up after 10 s); 30 s by default. */
  claimMs?: number;
  /** Attempts before a message is `failed`; 8 by default (about 10 minutes of retries). */
  maxAttempts?: number;
  /** Wait after the first failed attempt, doubling after each further one; 5 s by default. */
  backoffBaseMs?: number;
  /** Longest wait between attempts; 30 minutes by default. */
  backoffMaxMs?: number;
}

export interface OutboxDispatcher {
  /** Starts the loop. */
  start(): void;
  /** Stops claiming and waits for the sends in flight to be recorded. */
  stop(): Promise<void>;
  /** One claim and its sends; answers how many rows were claimed. For tests and the loop. */
  dispatchBatch(): Promise<number>;
}

interface ClaimedRow {
  id: number;
  dedupeKey: string;
  channel: Channel;
  recipientMobile: string | null;
  officerCode: string | null;
  bodyEn: string;
  bodyHi: string;
  attempts: number;
}

/** Claims that expired this many times beyond the last attempt: the message crashes its sender. */
const CRASH_ALLOWANCE = 2;

/** Wait before attempt `attempts + 1`: base · 2^(attempts − 1), capped, plus up to 25% jitter. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(plain * (1 + Math.random() * 0.25)); // jitter only adds: never sooner than plain
}

export function createOutboxDispatcher(options: DispatcherOptions): OutboxDispatcher {
  const { db, providers } = options;
  const logger = options.logger.child({ component: 'outbox-dispatcher' });
  const batchSize = options.batchSize ?? 10;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const claimSeconds = (options.claimMs ?? 30_000) / 1000;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffBaseMs = options.backoffBaseMs ?? 5_000;
  const backoffMaxMs = options.backoffMaxMs ?? 30 * 60_000;

  async function claim(): Promise<ClaimedRow[]> {
    const due = db('outboxMessages')
      .select('id')
      .whereIn('status', ['pending', 'sending'])
      .andWhere('nextAttemptAt', '<=', db.fn.now())
      .orderBy([{ column: 'nextAttemptAt' }, { column: 'id' }])
      .limit(batchSize)
      .forUpdate()
      .skipLocked();
    const until = db.raw('now() + make_interval(secs => ?)', [claimSeconds]);
    return db('outboxMessages')
      .whereIn('id', due)
      .update({
        status: 'sending',
        attempts: db.raw('attempts + 1'),
        claimedUntil: until,
        nextAttemptAt: until, // an expired claim makes the row due again
        updatedAt: db.fn.now(),
      })
      .returning<ClaimedRow[]>([
        'id',
        'dedupeKey',
        'channel',
        'recipientMobile',
        'officerCode',
        'bodyEn',
        'bodyHi',
        'attempts',
      ]);
  }

  /** Records the outcome if the claim is still ours; a lost claim means another dispatcher has it. */
  async function settle(row: ClaimedRow, change: Record<string, unknown>): Promise<void> {
    const updated = await db('outboxMessages')
      .where({ id: row.id, status: 'sending', attempts: row.attempts })
      .update({ ...change, claimedUntil: null, updatedAt: db.fn.now() });
    if (updated === 0)
      logger.warn({ id: row.id, attempt: row.attempts }, 'claim lost before the outcome was recorded');
  }

  /** The recipient's mobile: the row's own, else the officer's from the officers table. */
  async function mobileOf(row: ClaimedRow): Promise<string | null> {
    if (row.recipientMobile) return row.recipientMobile;
    if (!row.officerCode) return null;
    const officer = await db<{ code: string; mobile: string | null }>('officers')
      .where({ code: row.officerCode })
      .first('mobile');
    return officer?.mobile ?? null;
  }

  async function deliver(row: ClaimedRow): Promise<void> {
    const log = logger.child({
      id: row.id,
      dedupeKey: row.dedupeKey,
      channel: row.channel,
      attempt: row.attempts,
    });
    let outcome: Record<string, unknown>;
    try {
      if (row.attempts > maxAttempts + CRASH_ALLOWANCE) {
        throw new ProviderError(
          `abandoned: ${row.attempts} claims, none finished (the sender keeps stopping)`,
          false,
        );
      }
      const provider = providers[row.channel];
      if (!provider) throw new ProviderError(`no ${row.channel} provider configured`, false);
      const raw = await mobileOf(row);
      if (!raw) throw new ProviderError('no mobile', false);
      const mobile = indianMobile(raw);
      if (!mobile) throw new ProviderError(`not an Indian mobile number: ${raw}`, false);
      const { providerId, deliveryStatus = 'queued' } = await provider.send({
        idempotencyKey: row.dedupeKey,
        mobile,
        bodyHi: row.bodyHi,
        bodyEn: row.bodyEn,
      });
      outcome = {
        status: 'sent',
        providerId,
        sentAt: db.fn.now(),
        deliveryStatus,
        ...(deliveryStatus === 'delivered' || deliveryStatus === 'read' ? { deliveredAt: db.fn.now() } : {}),
        lastError: null,
      };
      log.debug({ providerId }, 'message sent');
    } catch (err) {
      // Anything but a provider's verdict (a database hiccup, a bug) is worth another try.
      const retryable = err instanceof ProviderError ? err.retryable : true;
      const lastError = String((err as Error).message ?? err).slice(0, 1000);
      if (!retryable || row.attempts >= maxAttempts) {
        outcome = { status: 'failed', lastError };
        log.warn({ lastError }, 'message failed');
      } else {
        const waitMs = backoffMs(row.attempts, backoffBaseMs, backoffMaxMs);
        outcome = {
          status: 'pending',
          lastError,
          nextAttemptAt: db.raw('now() + make_interval(secs => ?)', [waitMs / 1000]),
        };
        log.info({ lastError, waitMs }, 'message not sent; will retry');
      }
    }
    try {
      await settle(row, outcome);
    } catch (err) {
      // Not recorded: the claim expires and the message is sent again with the same key.
      log.error({ err }, 'could not record the outcome of a send');
    }
  }

  async function dispatchBatch(): Promise<number> {
    const rows = await claim();
    await Promise.all(rows.map(deliver));
    return rows.length;
  }

  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function run(): Promise<void> {
    while (!stopping) {
      let claimed = 0;
      let failed = false;
      try {
        claimed = await dispatchBatch();
      } catch (err) {
        failed = true;
        logger.error({ err }, 'outbox claim failed; trying again shortly');
      }
      if (!stopping && claimed < batchSize)
        await pause(failed ? Math.max(2_000, pollIntervalMs) : pollIntervalMs);
    }
  }

  return {
    dispatchBatch,
    start() {
      if (loop) return;
      stopping = false;
      loop = run();
      logger.info({ batchSize, pollIntervalMs, maxAttempts }, 'outbox dispatcher running');
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      loop = undefined;
    },
  };
}
