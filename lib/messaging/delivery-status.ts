// What a provider later tells us about a message it accepted (SMS delivery reports, WhatsApp
// status webhooks), recorded on the outbox row. Reports arrive late, twice, or out of order
// (WhatsApp may send `read` before `delivered`): a status only ever moves forward.
import type { Knex } from 'knex';

/** In the order a message moves through them; `failed` yields to a later proof of delivery. */
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'delivered', 'read'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const isDeliveryStatus = (v: unknown): v is DeliveryStatus =>
  typeof v === 'string' && (DELIVERY_STATUSES as readonly string[]).includes(v);

/**
 * `updated`: recorded; `stale`: the row already has this or a later status; `unknown`: no message
 * with that provider id (not ours, or reported before the dispatcher recorded the id).
 */
export type DeliveryUpdate = 'updated' | 'stale' | 'unknown';

export async function recordDeliveryStatus(
  db: Knex,
  providerId: string,
  status: DeliveryStatus,
  at: Date,
  error?: string,
): Promise<DeliveryUpdate> {
  if (!isDeliveryStatus(status)) throw new Error(`not a delivery status: ${String(status)}`);
  const order = `array['${DELIVERY_STATUSES.join("','")}']`;
  const updated = await db('outboxMessages')
    .where({ providerId })
    .andWhereRaw(
      `(delivery_status is null or array_position(${order}, delivery_status) < array_position(${order}, ?))`,
      [status],
    )
    .update({
      deliveryStatus: status,
      // `read` proves delivery too, when its `delivered` never came or comes later.
      ...(status === 'delivered' || status === 'read'
        ? { deliveredAt: db.raw('coalesce(delivered_at, ?)', [at]) }
        : {}),
      ...(status === 'failed' ? { lastError: `delivery report: ${error ?? 'failed'}` } : {}),
      updatedAt: db.fn.now(),
    });
  if (updated > 0) return 'updated';
  const known = await db<{ id: number; providerId: string }>('outboxMessages')
    .where({ providerId })
    .first('id');
  return known ? 'stale' : 'unknown';
}
