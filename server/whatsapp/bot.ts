// The WhatsApp bot's I/O around the pure dialogue (./dialogue.ts): claims each inbound message
// once, loads the sender's conversation, carries out the effect the dialogue asks for (a case's
// status, complaint registration through the same intake as every channel, the satisfaction
// answer through the same function as the citizen pages), and writes the new state, the replies
// (outbox rows on channel 'whatsapp', one dedupe key per inbound message and reply) and the
// message's `processed` mark in one transaction.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { currentPolicy } from '../../db/policies';
import type { ServiceCatalogue } from '../../lib/catalogue';
import type { Logger } from '../../lib/logger';
import type { TemporalClient } from '../../lib/temporal/connection';
import { CLOSURE_LABELS, COMPLAINT_STATUS_LABELS } from '../../templates/citizen/format';
import { STATUS_LABELS, type ApplicationStatus } from '../../workflows/application-messages';
import type { ComplaintState } from '../../workflows/complaint-messages';
import { createComplaintIntake } from '../complaints/intake';
import { AppError } from '../errors';
import type { Bilingual } from '../i18n';
import { complaintFeedback } from '../routes/complaints';
import {
  advance,
  settle,
  type ApplicationFacts,
  type ComplaintFacts,
  type DialogueState,
  type Effect,
  type Outcome,
  type Reference,
  type ResolvedComplaint,
  type SchemeArticle,
} from './dialogue';
import type { InboundMessage } from './webhook';

export interface WhatsAppBotDeps {
  db: Knex;
  temporal: TemporalClient;
  logger: Logger;
  /** The clock (tests); Date.now by default. */
  now?: () => number;
}

/** A claimed message left unprocessed this long (its process died) is taken up again. */
export const STALE_CLAIM_MS = 2 * 60_000;
const MAX_ATTEMPTS = 5;
const REFERENCE_TTL_MS = 5 * 60_000;

/** When the contact profile has no usable name (the intake needs 2 to 100 characters). */
const NAMELESS = 'व्हाट्सऐप नागरिक';

/** The sender's mobile: WhatsApp ids of Indian numbers are 91 followed by the 10-digit mobile. */
export function mobileOfWaId(waId: string): string | null {
  const m = /^91([6-9]\d{9})$/.exec(waId);
  return m ? m[1]! : null;
}

/** The outbox rows of one inbound message's replies: a redelivery or a retry never double-replies. */
export const replyDedupeKey = (messageId: string, index: number): string => `whatsapp:${messageId}:${index}`;

/** The complaint intake's idempotency key for a registration confirmed by this message. */
export const intakeKey = (messageId: string): string =>
  `whatsapp-${crypto.createHash('sha256').update(messageId).digest('hex').slice(0, 40)}`;

const subjectName = (row: {
  nameEn?: string | null;
  nameHi?: string | null;
  subjectCode: string;
}): Bilingual => ({
  en: row.nameEn ?? row.subjectCode,
  hi: row.nameHi ?? row.subjectCode,
});

/** A `date` column as node-postgres gives it (local midnight) or text → YYYY-MM-DD. */
function isoDate(value: unknown): string {
  if (value instanceof Date) {
    const m = String(value.getMonth() + 1).padStart(2, '0');
    const d = String(value.getDate()).padStart(2, '0');
    return `${value.getFullYear()}-${m}-${d}`;
  }
  return String(value).slice(0, 10);
}

function refusal(err: AppError): Bilingual {
  const details = err.details ?? [];
  return {
    en: [err.messages.en, ...details.map((d) => d.message.en)].join(' '),
    hi: [err.messages.hi, ...details.map((d) => d.message.hi)].join(' '),
  };
}

export interface WhatsAppBot {
  /** Records the messages of a delivery; answers those this call should process (new, or stale). */
  claim(messages: InboundMessage[]): Promise<InboundMessage[]>;
  /** Processes claimed messages, one sender's in order; never throws (failures stay claimed). */
  process(messages: InboundMessage[]): Promise<void>;
  /** Takes up messages whose processing died (claimed long ago, never processed). */
  sweep(): Promise<void>;
}

export function createWhatsAppBot(deps: WhatsAppBotDeps): WhatsAppBot {
  const { db, temporal, logger } = deps;
  const now = deps.now ?? Date.now;
  const register = createComplaintIntake({ db, temporal });
  let reference: { at: number; value: Promise<Reference> } | undefined;
  /** One chain per sender in this process, so their messages are handled in order. */
  const chains = new Map<string, Promise<void>>();

  async function loadReference(): Promise<Reference> {
    const [districts, departments, subjects, schemes] = await Promise.all([
      db('districts').orderBy('nameEn').select('code', 'nameEn', 'nameHi'),
      db('departments').orderBy('id').select('code', 'nameEn', 'nameHi'),
      db('complaintSubjects')
        .orderBy(['departmentCode', 'code'])
        .select('code', 'nameEn', 'nameHi', 'departmentCode as department'),
      db('schemes').orderBy('code').select('article'),
    ]);
    return {
      districts,
      departments,
      subjects,
      schemes: (schemes as { article: SchemeArticle }[]).map((s) => ({
        ...s.article,
        keywords: Array.isArray(s.article.keywords) ? s.article.keywords : [],
      })),
    };
  }

  function referenceData(): Promise<Reference> {
    if (!reference || now() - reference.at > REFERENCE_TTL_MS) {
      const value = loadReference();
      reference = { at: now(), value };
      void value.catch(() => (reference = undefined)); // a failed read is tried again next time
    }
    return reference.value;
  }

  async function caseStatus(
    number: string,
    mobile: string,
  ): Promise<ComplaintFacts | ApplicationFacts | null> {
    if (number.startsWith('CMH/')) {
      const row = await db('complaints')
        .leftJoin('complaintSubjects', 'complaintSubjects.code', 'complaints.subjectCode')
        .where({ 'complaints.number': number, 'complaints.citizenMobile': mobile })
        .first(
          'complaints.status',
          'complaints.closure',
          'complaints.level',
          'complaints.levelDueAt',
          'complaints.hidden',
          'complaints.subjectCode',
          'complaints.state',
          'complaintSubjects.nameEn',
          'complaintSubjects.nameHi',
        );
      if (!row) return null;
      const status = row.status as string;
      return {
        kind: 'complaint',
        number,
        hidden: row.hidden as boolean,
        status,
        statusLabel: COMPLAINT_STATUS_LABELS[status] ?? { en: status, hi: status },
        closureLabel: row.closure ? (CLOSURE_LABELS[row.closure as string] ?? null) : null,
        level: row.level as string,
        subject: subjectName(row),
        dueAt: row.levelDueAt ? new Date(row.levelDueAt as string).toISOString() : null,
        resolution: (row.state as ComplaintState | null)?.resolution ?? null,
      };
    }
    const row = await db('applications')
      .where({ number, applicantMobile: mobile })
      .first('serviceCode', 'status', 'dueDate', 'breached');
    if (!row) return null;
    const catalogue = (await currentPolicy('service-catalogue', db))?.body as ServiceCatalogue | undefined;
    const service = catalogue?.services.find((s) => s.code === row.serviceCode);
    const status = row.status as ApplicationStatus;
    return {
      kind: 'application',
      number,
      service: service
        ? { en: service.nameEn, hi: service.nameHi }
        : { en: row.serviceCode, hi: row.serviceCode },
      status,
      statusLabel: STATUS_LABELS[status] ?? { en: status, hi: status },
      dueDate: isoDate(row.dueDate),
      breached: row.breached as boolean,
    };
  }

  async function resolvedComplaints(mobile: string): Promise<ResolvedComplaint[]> {
    const rows = await db('complaints')
      .leftJoin('complaintSubjects', 'complaintSubjects.code', 'complaints.subjectCode')
      .where({
        'complaints.citizenMobile': mobile,
        'complaints.status': 'resolved',
        'complaints.hidden': false,
      })
      .orderBy('complaints.receivedAt', 'desc')
      .limit(9)
      .select(
        'complaints.number',
        'complaints.subjectCode',
        'complaints.state',
        'complaintSubjects.nameEn',
        'complaintSubjects.nameHi',
      );
    return rows.map((r) => ({
      number: r.number as string,
      subject: subjectName(r),
      resolution: (r.state as ComplaintState | null)?.resolution ?? null,
    }));
  }

  /** Carries out the dialogue's effect; a refusal Jan Setu explains becomes a reply, not an error. */
  async function perform(effect: Effect, message: InboundMessage, mobile: string): Promise<Outcome> {
    try {
      switch (effect.kind) {
        case 'case-status':
          return {
            kind: 'case-status',
            number: effect.number,
            found: await caseStatus(effect.number, mobile),
          };
        case 'register-complaint': {
          const name = (message.profileName ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 100);
          const registered = await register({
            callType: 'complaint',
            channel: 'whatsapp',
            citizen: { name: name.length >= 2 ? name : NAMELESS, mobile },
            place: { district: effect.draft.district },
            subject: effect.draft.subject,
            description: effect.draft.description,
            idempotencyKey: intakeKey(message.id),
          });
          return {
            kind: 'complaint-registered',
            complaintNumber: registered.complaintNumber,
            duplicateOf: registered.duplicateOf,
          };
        }
        case 'resolved-complaints':
          return { kind: 'resolved-complaints', complaints: await resolvedComplaints(mobile) };
        case 'feedback': {
          const own = await db('complaints')
            .where({ number: effect.complaintNumber, citizenMobile: mobile })
            .first('number');
          if (!own)
            return {
              kind: 'refused',
              message: {
                en: `No complaint ${effect.complaintNumber} registered with your mobile number was found.`,
                hi: `आपके मोबाइल नंबर से दर्ज कोई शिकायत ${effect.complaintNumber} नहीं मिली।`,
              },
            };
          await complaintFeedback(temporal, effect.complaintNumber, {
            satisfied: effect.satisfied,
            via: 'whatsapp',
            recordedBy: mobile,
          });
          return {
            kind: 'feedback-recorded',
            complaintNumber: effect.complaintNumber,
            satisfied: effect.satisfied,
          };
        }
      }
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return { kind: 'refused', message: refusal(err) };
      logger.error({ err, messageId: message.id, effect: effect.kind }, 'WhatsApp bot effect failed');
      return { kind: 'failed' };
    }
  }

  /** The dialogue step for one message, written with its replies and its processed mark, once. */
  async function handle(message: InboundMessage): Promise<void> {
    const mobile = mobileOfWaId(message.from);
    if (!mobile) {
      // The services are for Indian mobile numbers (the cases are keyed by them); nothing to answer.
      await db('whatsappInboundMessages')
        .where({ messageId: message.id })
        .update({ status: 'processed', processedAt: new Date(), error: 'not an Indian mobile number' });
      return;
    }
    const ref = await referenceData();
    for (let attempt = 1; ; attempt++) {
      const row = await db('whatsappConversations')
        .where({ waId: message.from })
        .first('state', 'version', 'updatedAt');
      const before: DialogueState = (row?.state as DialogueState | undefined) ?? { step: 'menu' };
      const at = now();
      const conversation = {
        state: before,
        updatedAt: row ? new Date(row.updatedAt as string).getTime() : null,
      };
      let step = advance(conversation, { text: message.text }, { now: at, reference: ref });
      const replies = [...step.replies];
      if (step.effect) {
        step = settle(await perform(step.effect, message, mobile), before, ref);
        replies.push(...step.replies);
      }
      const committed = await db.transaction(async (trx) => {
        const inbound = await trx('whatsappInboundMessages')
          .where({ messageId: message.id })
          .forUpdate()
          .first('status');
        if (!inbound || inbound.status === 'processed') return true; // another process finished it
        const fields = {
          state: JSON.stringify(step.state),
          lastMessageId: message.id,
          updatedAt: new Date(at),
        };
        if (row) {
          const updated = await trx('whatsappConversations')
            .where({ waId: message.from, version: row.version as number })
            .update({ ...fields, version: (row.version as number) + 1 });
          if (updated === 0) return false;
        } else {
          const inserted = await trx('whatsappConversations')
            .insert({ waId: message.from, version: 1, ...fields })
            .onConflict('waId')
            .ignore()
            .returning('waId');
          if (inserted.length === 0) return false;
        }
        if (replies.length > 0) {
          await trx('outboxMessages')
            .insert(
              replies.map((reply, i) => ({
                dedupeKey: replyDedupeKey(message.id, i),
                recipientMobile: mobile,
                template: 'whatsapp-reply',
                params: JSON.stringify({ inReplyTo: message.id }),
                bodyEn: reply.en,
                bodyHi: reply.hi,
                channel: 'whatsapp',
              })),
            )
            .onConflict('dedupeKey')
            .ignore();
        }
        await trx('whatsappInboundMessages')
          .where({ messageId: message.id })
          .update({ status: 'processed', processedAt: new Date(), error: null });
        return true;
      });
      if (committed) return;
      // Another message of this sender changed the conversation meanwhile: read it and step again.
      // (A repeated effect is harmless: the intake answers its key's complaint again, and a second
      // feedback is refused as already recorded.)
      if (attempt >= 3) throw new Error('the conversation kept changing while this message was handled');
    }
  }

  async function processOne(message: InboundMessage): Promise<void> {
    try {
      await handle(message);
    } catch (err) {
      logger.error(
        { err, messageId: message.id },
        'WhatsApp message not processed; it will be taken up again',
      );
      await db('whatsappInboundMessages')
        .where({ messageId: message.id })
        .update({ error: String((err as Error).message).slice(0, 500) })
        .catch(() => undefined);
    }
  }

  async function claim(messages: InboundMessage[]): Promise<InboundMessage[]> {
    const claimed: InboundMessage[] = [];
    for (const m of messages) {
      // New: inserted and ours. Seen: ours again only if its earlier claim went stale unprocessed.
      const result = await db.raw(
        `insert into whatsapp_inbound_messages (message_id, wa_id, profile_name, type, text, sent_at)
           values (?, ?, ?, ?, ?, ?)
           on conflict (message_id) do update
             set claimed_at = now(), attempts = whatsapp_inbound_messages.attempts + 1
             where whatsapp_inbound_messages.status = 'received'
               and whatsapp_inbound_messages.claimed_at < now() - make_interval(secs => ?)
               and whatsapp_inbound_messages.attempts < ?
           returning message_id`,
        [m.id, m.from, m.profileName, m.type, m.text, m.sentAt, STALE_CLAIM_MS / 1000, MAX_ATTEMPTS],
      );
      if ((result.rows as unknown[]).length > 0) claimed.push(m);
    }
    return claimed;
  }

  async function processAll(messages: InboundMessage[]): Promise<void> {
    await Promise.all(
      messages.map((m) => {
        const next = (chains.get(m.from) ?? Promise.resolve()).then(() => processOne(m));
        chains.set(m.from, next);
        void next.then(() => {
          if (chains.get(m.from) === next) chains.delete(m.from);
        });
        return next;
      }),
    );
  }

  async function sweep(): Promise<void> {
    const result = await db.raw(
      `update whatsapp_inbound_messages
            set claimed_at = now(), attempts = attempts + 1
          where message_id in (
            select message_id from whatsapp_inbound_messages
             where status = 'received' and claimed_at < now() - make_interval(secs => ?) and attempts < ?
             order by claimed_at limit 20 for update skip locked)
          returning message_id, wa_id, profile_name, type, text, sent_at`,
      [STALE_CLAIM_MS / 1000, MAX_ATTEMPTS],
    );
    const rows = result.rows as {
      message_id: string;
      wa_id: string;
      profile_name: string | null;
      type: string;
      text: string | null;
      sent_at: Date;
    }[];
    if (rows.length === 0) return;
    logger.warn({ messages: rows.length }, 'taking up WhatsApp messages whose processing did not finish');
    await processAll(
      rows
        .map((r) => ({
          id: r.message_id,
          from: r.wa_id,
          profileName: r.profile_name,
          type: r.type,
          text: r.text,
          sentAt: new Date(r.sent_at),
        }))
        .sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime()),
    );
  }

  return { claim, process: processAll, sweep };
}
