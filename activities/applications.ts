// Activities of the application workflows: the read model, the outbox, issued documents, land
// records, payments and the penalty ledger. Every write is idempotent on a natural key, so a
// retried activity (after a worker crash, a timeout) never makes a second row of anything.
import type { KeyObject } from 'node:crypto';
import type { Knex } from 'knex';
import { signFacts, signedFactsOf } from '../lib/certificate-signing';
import type {
  CertificateData,
  IssuedDocumentBase,
  IssuingOfficer,
  Plot,
  ReceiptData,
} from '../lib/documents';
import type { Logger } from '../lib/logger';
import { maskNumber } from '../lib/catalogue';
import type { PaymentGatewayClient } from '../lib/payment-gateway/client';
import type { ApplicationInput, ApplicationState, TimelineEvent } from '../workflows/application-messages';
import type { createDocumentRenderer } from './documents';
import type { LandRecordSource } from './land-records';
import { renderMessage } from '../lib/messages';

export interface ApplicationActivityDeps {
  db: Knex;
  logger: Logger;
  renderer: ReturnType<typeof createDocumentRenderer>;
  signingKey: { privateKey: KeyObject; keyId: string };
  landRecords: LandRecordSource;
  paymentGateway: PaymentGatewayClient;
  publicUrl: string;
}

/** Certificate serials carry the application number: JS-INC-2026-000123-1 (…-2 on re-issue). */
export function certificateSerial(applicationNumber: string, issueNumber: number): string {
  return `JS-${applicationNumber.split('/').slice(1).join('-')}-${issueNumber}`;
}

export function receiptSerial(applicationNumber: string): string {
  return `${certificateSerial(applicationNumber, 0).replace(/-0$/, '')}-R`;
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + years, m - 1, d));
  next.setUTCDate(next.getUTCDate() - 1); // valid through the day before the anniversary
  return next.toISOString().slice(0, 10);
}

export function createApplicationActivities(deps: ApplicationActivityDeps) {
  const { db } = deps;

  async function placeNames(place: ApplicationInput['place']) {
    const district = await db('districts').where({ code: place.district }).first('nameEn', 'nameHi');
    const tehsil = await db('tehsils').where({ code: place.tehsil }).first('nameEn', 'nameHi');
    const village = await db('villages').where({ code: place.village }).first('nameEn', 'nameHi');
    const bi = (row: { nameEn: string; nameHi: string } | undefined, code: string) => ({
      en: row?.nameEn ?? code,
      hi: row?.nameHi ?? code,
    });
    return {
      district: bi(district, place.district),
      tehsil: bi(tehsil, place.tehsil),
      village: bi(village, place.village),
    };
  }

  async function issuingOfficer(code: string): Promise<IssuingOfficer> {
    const row = await db('officers')
      .join('offices', 'offices.id', 'officers.officeId')
      .where('officers.code', code)
      .first(
        'officers.code',
        'officers.nameEn',
        'officers.nameHi',
        'officers.designation',
        'offices.nameEn as officeEn',
        'offices.nameHi as officeHi',
      );
    if (!row) throw new Error(`officer ${code} not found`);
    return row as IssuingOfficer;
  }

  return {
    /** Writes the workflow's state, its new timeline events and its open tasks; stale writes lose. */
    async projectApplication(p: {
      input: ApplicationInput;
      state: ApplicationState;
      events: TimelineEvent[];
      seq: number;
    }): Promise<void> {
      const { input, state } = p;
      await db.transaction(async (trx) => {
        await trx('applications')
          .insert({
            number: input.applicationNumber,
            serviceCode: input.service.code,
            status: state.status,
            channel: input.channel,
            districtCode: input.place.district,
            tehsilCode: input.place.tehsil,
            villageCode: input.place.village,
            applicantName: input.applicant.name,
            applicantMobile: input.applicant.mobile,
            receivedAt: input.receivedAt,
            dueDate: state.dueDate,
            breached: state.breached,
            clockPaused: state.clockPaused,
            designatedOfficerCode: input.officers.designatedOfficer.code,
            catalogueVersion: input.catalogueVersion,
            calendarVersion: input.calendarVersion,
            certificateSerial: state.certificateSerial,
            fields: JSON.stringify(input.fields),
            state: JSON.stringify(state),
            projectionSeq: p.seq,
          })
          .onConflict('number')
          .merge([
            'status',
            'dueDate',
            'breached',
            'clockPaused',
            'certificateSerial',
            'state',
            'projectionSeq',
            'updatedAt',
          ])
          .where('applications.projection_seq', '<=', p.seq);
        if (p.events.length > 0) {
          await trx('applicationEvents')
            .insert(
              p.events.map((e) => ({
                applicationNumber: input.applicationNumber,
                seq: e.seq,
                at: e.at,
                type: e.type,
                actor: e.actor,
                details: JSON.stringify(e.details),
              })),
            )
            .onConflict(['applicationNumber', 'seq'])
            .ignore();
        }
        const current = await trx('applications')
          .where({ number: input.applicationNumber })
          .first('projectionSeq');
        if (current && current.projectionSeq !== p.seq) return; // a newer projection already wrote the tasks
        const open = state.tasks.map((t) => `${t.kind}|${t.officerCode}`);
        await trx('officerTasks')
          .where({ applicationNumber: input.applicationNumber, open: true })
          .whereRaw(`not (kind || '|' || officer_code = any(?))`, [open])
          .update({ open: false, updatedAt: trx.fn.now() });
        for (const task of state.tasks) {
          await trx('officerTasks')
            .insert({
              applicationNumber: input.applicationNumber,
              kind: task.kind,
              officerCode: task.officerCode,
              dueDate: task.dueDate,
              open: true,
            })
            .onConflict(['applicationNumber', 'kind', 'officerCode'])
            .merge({ open: true, dueDate: task.dueDate, updatedAt: trx.fn.now() });
        }
      });
    },

    /** Puts a message in the outbox once per dedupe key (the dispatcher sends it). */
    async notify(message: {
      dedupeKey: string;
      mobile?: string;
      officerCode?: string;
      template: string;
      params: Record<string, string | number>;
    }): Promise<void> {
      let mobile = message.mobile ?? null;
      if (!mobile && message.officerCode) {
        const officer = await db('officers').where({ code: message.officerCode }).first('mobile');
        mobile = (officer?.mobile as string | undefined) ?? null;
      }
      const body = renderMessage(message.template, message.params);
      await db('outboxMessages')
        .insert({
          dedupeKey: message.dedupeKey,
          recipientMobile: mobile,
          officerCode: message.officerCode ?? null,
          template: message.template,
          params: JSON.stringify(message.params),
          bodyEn: body.en,
          bodyHi: body.hi,
        })
        .onConflict('dedupeKey')
        .ignore();
    },

    /** The acknowledgement (पावती) PDF, stored once. */
    async issueReceipt({ input }: { input: ApplicationInput }): Promise<{ serial: string }> {
      const serial = receiptSerial(input.applicationNumber);
      const existing = await db('documents').where({ serial }).first('serial');
      if (existing) return { serial };
      const names = await placeNames(input.place);
      const data: ReceiptData = {
        applicationNumber: input.applicationNumber,
        service: { en: input.service.nameEn, hi: input.service.nameHi },
        applicantName: input.applicant.name,
        mobileMasked: maskNumber(input.applicant.mobile),
        channel: input.channel,
        receivedAt: input.receivedAt,
        dueDate: input.dueDate,
        timeLimitWorkingDays:
          input.channel === 'agent-181'
            ? input.service.timeLimitVia181.workingDays
            : input.service.timeLimit.workingDays,
        designatedOfficer: await issuingOfficer(input.officers.designatedOfficer.code),
        district: names.district,
        tehsil: names.tehsil,
        statusUrl: `${deps.publicUrl}/status/${encodeURIComponent(input.applicationNumber)}`,
      };
      const pdf = await deps.renderer.receipt(data);
      await db('documents')
        .insert({
          serial,
          applicationNumber: input.applicationNumber,
          kind: 'receipt',
          issuedOn: input.receivedOn,
          pdf,
        })
        .onConflict('serial')
        .ignore();
      return { serial };
    },

    /** Renders, signs and stores the certificate once per serial; a retry returns the same one. */
    async issueCertificate(p: {
      input: ApplicationInput;
      issueNumber: number;
      issuedOn: string;
      plots: Plot[] | null;
    }): Promise<{ serial: string; verifyUrl: string }> {
      const { input } = p;
      const serial = certificateSerial(input.applicationNumber, p.issueNumber);
      const verifyUrl = `${deps.publicUrl}/verify/${serial}`;
      if (await db('documents').where({ serial }).first('serial')) return { serial, verifyUrl };

      const names = await placeNames(input.place);
      const base: IssuedDocumentBase = {
        serial,
        applicationNumber: input.applicationNumber,
        issuedOn: p.issuedOn,
        validUntil: input.service.validity ? addYears(p.issuedOn, input.service.validity.years) : null,
        issuingOfficer: await issuingOfficer(input.officers.designatedOfficer.code),
        districtCode: input.place.district,
        district: names.district,
        tehsil: names.tehsil,
        verifyUrl,
      };
      const f = input.fields;
      const address = (a: unknown) => {
        const addr = a as { line: string };
        return `${addr.line}, ${names.village.hi} / ${names.village.en}, ${names.tehsil.hi} / ${names.tehsil.en}, ${names.district.hi} / ${names.district.en}`;
      };
      let data: CertificateData;
      const kind = input.service.document;
      // What income and domicile certificates both say about the applicant.
      const applicant = () => ({
        applicantName: f.applicantName as string,
        guardianName: f.guardianName as string,
        gender: f.gender as 'female' | 'male' | 'other',
        address: address(f.address),
        purpose: f.purpose as string,
        samagraIdMasked: maskNumber(f.samagraId as string),
      });
      if (kind === 'income-certificate') {
        const income = f.incomeBySource as Record<string, number>;
        data = {
          ...base,
          ...applicant(),
          kind,
          incomeBySource: income,
          annualIncome: Object.values(income).reduce((a, b) => a + b, 0),
        };
      } else if (kind === 'domicile-certificate') {
        data = {
          ...base,
          ...applicant(),
          kind,
          basis: f.basis as 'born-in-mp' | 'resident-10-years' | 'married-to-resident',
        };
      } else if (kind === 'khasra-khatauni-copy' || kind === 'current-map-copy') {
        const year = (f.year as number | undefined) ?? Number(p.issuedOn.slice(0, 4));
        const requested = (f.khasraNumbers as string[] | undefined) ?? [f.khasraNumber as string];
        const plots =
          p.plots ??
          (await deps.landRecords.findPlots({ village: input.place.village, khasraNumbers: requested, year }))
            .plots;
        const payment = await db('payments')
          .where({ applicationNumber: input.applicationNumber })
          .first('amountPaise');
        const feeRupees = payment ? Math.round(Number(payment.amountPaise) / 100) : 0;
        data =
          kind === 'khasra-khatauni-copy'
            ? {
                ...base,
                kind,
                year,
                plots: plots.filter((pl) => requested.includes(pl.khasraNumber)),
                feeRupees,
              }
            : { ...base, kind, village: names.village, requested, plots, feeRupees };
      } else {
        throw new Error(`no document template for ${kind}`);
      }
      const pdf = await deps.renderer.certificate(data);
      const facts = signedFactsOf(data);
      await db('documents')
        .insert({
          serial,
          applicationNumber: input.applicationNumber,
          kind,
          issuedOn: p.issuedOn,
          validUntil: base.validUntil,
          facts: JSON.stringify(facts),
          qrPayload: signFacts(facts, deps.signingKey.privateKey, deps.signingKey.keyId),
          pdf,
        })
        .onConflict('serial')
        .ignore();
      return { serial, verifyUrl };
    },

    /** The requested plots (and, for a map copy, the whole sheet around them) from the land register. */
    async fetchLandRecords(q: {
      village: string;
      khasraNumbers: string[];
      year: number;
      wholeSheet: boolean;
    }): Promise<{ plots: Plot[]; missing: string[]; requestedCount: number }> {
      const found = await deps.landRecords.findPlots({
        village: q.village,
        khasraNumbers: q.khasraNumbers,
        year: q.year,
      });
      const plots =
        q.wholeSheet && found.missing.length === 0
          ? await deps.landRecords.sheetPlots({ village: q.village, year: q.year })
          : found.plots;
      return { plots, missing: found.missing, requestedCount: found.plots.length };
    },

    /** Creates (or finds) the gateway order for an application's fee; one order per application. */
    async createPaymentOrder(p: {
      applicationNumber: string;
      amountPaise: number;
      description: string;
    }): Promise<{
      orderId: string;
      paymentUrl: string;
    }> {
      const orderId = `JS-${p.applicationNumber.split('/').slice(1).join('-')}`;
      const order = await deps.paymentGateway.createOrder({
        orderId,
        amountPaise: p.amountPaise,
        description: p.description,
        callbackUrl: `${deps.publicUrl}/api/v1/payments/callback`,
        returnUrl: `${deps.publicUrl}/status/${encodeURIComponent(p.applicationNumber)}`,
      });
      await db('payments')
        .insert({
          orderId,
          applicationNumber: p.applicationNumber,
          amountPaise: p.amountPaise,
          paymentUrl: order.paymentUrl,
        })
        .onConflict('orderId')
        .ignore();
      return { orderId, paymentUrl: order.paymentUrl };
    },

    /** One ledger row per appeal order (a retried activity adds nothing). */
    async recordPenalty(entry: {
      applicationNumber: string;
      appealLevel: 'first' | 'second';
      officerCode: string;
      orderedBy: string;
      kind: 'delay' | 'lump-sum';
      daysOfDelay: number | null;
      amountRupees: number;
      orderedOn: string;
      remarks: string;
    }): Promise<void> {
      await db('penalties').insert(entry).onConflict(['applicationNumber', 'appealLevel']).ignore();
    },
  };
}
